/* mb-merge.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* What a merge did where both sides had changed the same place. */
typedef enum
{
  /* A text changed on both sides: both kept, the second one marked. */
  MB_MERGE_CONFLICT_TEXT,
  /* A value changed on both sides: one chosen by a fixed rule, the
   * other one dropped.
   */
  MB_MERGE_CONFLICT_VALUE,
  /* Removed (or, for a text, emptied) on one side and changed on the
   * other: the changed one kept.
   */
  MB_MERGE_CONFLICT_EDIT_KEPT,
  /* An agreement's status set on both sides: the later one chosen
   * (see mb-merge.c), the other one added to the agreement's "history".
   */
  MB_MERGE_CONFLICT_STATUS,
} MbMergeConflictKind;

typedef struct
{
  MbMergeConflictKind kind;
  /* Where: member names from the top of the document, an entry of a
   * list by its "id", such as { "steps", "contact", "notes" } or
   * { "agreements", "c1a…", "status" }. %NULL-terminated.
   */
  char              **path;
} MbMergeConflict;

typedef struct _MbMergeReport MbMergeReport;

MbMergeReport         *mb_merge_report_new             (void);
void                   mb_merge_report_free            (MbMergeReport *report);
guint                  mb_merge_report_get_n_conflicts (MbMergeReport *report);
const MbMergeConflict *mb_merge_report_get_conflict    (MbMergeReport *report,
                                                        guint          i);
guint                  mb_merge_report_count           (MbMergeReport      *report,
                                                        MbMergeConflictKind kind);

JsonNode              *mb_merge_conversation           (JsonNode      *base,
                                                        JsonNode      *ours,
                                                        JsonNode      *theirs,
                                                        MbMergeReport *report);
JsonNode              *mb_merge_people                 (JsonNode      *base,
                                                        JsonNode      *ours,
                                                        JsonNode      *theirs,
                                                        MbMergeReport *report);

gboolean               mb_merge_parse_conflict_name    (const char    *basename,
                                                        char         **original_id);

/* The sync tools whose conflict copies Marbles knows by their names. */
typedef enum
{
  MB_SYNC_TOOL_SYNCTHING,
  MB_SYNC_TOOL_NEXTCLOUD,  /* or ownCloud: the two name their copies alike */
  MB_SYNC_TOOL_DROPBOX,
} MbSyncTool;

/* What the name of a conflict copy says of it. */
typedef struct
{
  gboolean    filled;
  MbSyncTool  tool;
  char       *source;  /* the device it came from (Syncthing: its short id; Dropbox: its
                        * name) or the user (Nextcloud, ownCloud), or NULL */
  GDateTime  *when;    /* when it was made, in local time, or NULL */
  gboolean    has_time; /* whether the name says the time of @when, not only the day */
} MbConflictName;

gboolean               mb_merge_describe_conflict_name (const char     *basename,
                                                        MbConflictName *about);
void                   mb_conflict_name_clear          (MbConflictName *about);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbMergeReport, mb_merge_report_free)

G_END_DECLS
