/* mb-traces.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What to look for: the files under a journal's folder, other than the
 * ones the journal uses, that name one person.
 */
typedef struct
{
  GFile      *dir;        /* the journal's folder */
  char       *person_id;
  GHashTable *used;       /* names in conversations/ the journal reads: not looked at */
  GHashTable *in_flight;  /* names of files a save is writing now: their temporary files are left */
  GHashTable *problems;   /* paths of the files listed as problems */
} MbTraceQuery;

typedef enum
{
  MB_TRACE_LEFT_BEHIND, /* copies of their conversations, leftovers of saves, kept .bak copies */
  MB_TRACE_UNREADABLE,  /* listed as problems: damaged, from a newer version, or with a hostile id */
} MbTraceKind;

void       mb_trace_query_free (MbTraceQuery  *query);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbTraceQuery, mb_trace_query_free)

gboolean   mb_traces_name_person (GBytes       *bytes,
                                  const char   *person_id);
GPtrArray *mb_traces_find        (MbTraceQuery *query,
                                  MbTraceKind   kind,
                                  GCancellable *cancellable);

G_END_DECLS
