/* mb-versions.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mb-conversation.h"
#include "mb-problem.h"

G_BEGIN_DECLS

/* The two versions of a file that cannot be merged. */
typedef enum
{
  MB_VERSION_JOURNAL, /* the journal's own: what it holds, or the file it could not read */
  MB_VERSION_COPY,    /* a sync tool's conflict copy */
} MbVersionSide;

/* How much of a version's text is kept to show, when it cannot be read. */
#define MB_VERSIONS_MAX_TEXT (256 * 1024)

#define MB_TYPE_VERSIONS (mb_versions_get_type ())

G_DECLARE_FINAL_TYPE (MbVersions, mb_versions, MB, VERSIONS, GObject)

MbProblem      *mb_versions_get_problem      (MbVersions    *self);
gboolean        mb_versions_is_people        (MbVersions    *self);
GFile          *mb_versions_get_file         (MbVersions    *self,
                                              MbVersionSide  side);
GDateTime      *mb_versions_get_modified     (MbVersions    *self,
                                              MbVersionSide  side);
gboolean        mb_versions_can_choose       (MbVersions    *self,
                                              MbVersionSide  side);
MbConversation *mb_versions_get_conversation (MbVersions    *self,
                                              MbVersionSide  side);
GPtrArray      *mb_versions_get_people       (MbVersions    *self,
                                              MbVersionSide  side);
const char     *mb_versions_get_reason       (MbVersions    *self,
                                              MbVersionSide  side);
char           *mb_versions_dup_text         (MbVersions    *self,
                                              MbVersionSide  side,
                                              gboolean      *cut);

G_END_DECLS
