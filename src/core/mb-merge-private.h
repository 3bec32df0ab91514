/* mb-merge-private.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the files of the merge share: comparing values (mb-merge.c) and
 * an agreement's status and history (mb-merge-status.c). Not for use
 * outside them.
 */

#pragma once

#include "mb-merge.h"

G_BEGIN_DECLS

/* mb-merge.c */
gboolean  _mb_merge_same_node              (JsonNode           *a,
                                            JsonNode           *b);
int       _mb_merge_compare_values         (JsonNode           *a,
                                            JsonNode           *b,
                                            const char * const *ranks);

/* mb-merge-status.c */
gboolean  _mb_merge_status_changed_on_both (JsonNode   *base,
                                            JsonNode   *ours,
                                            JsonNode   *theirs);
int       _mb_merge_compare_statuses       (JsonNode   *a,
                                            JsonNode   *b);
JsonNode *_mb_merge_get_member             (JsonNode   *node,
                                            const char *name);
void      _mb_merge_add_to_history         (JsonObject *merged,
                                            JsonNode   *agreement);
JsonNode *_mb_merge_tidy_history           (JsonArray  *history);
char     *_mb_merge_canonical_text         (JsonNode   *node);

G_END_DECLS
