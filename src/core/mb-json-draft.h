/* mb-json-draft.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _MbJsonDraft MbJsonDraft;

MbJsonDraft *mb_json_draft_new          (void);
void         mb_json_draft_free         (MbJsonDraft *self);
const char  *mb_json_draft_hold         (MbJsonDraft *self,
                                         const char  *text,
                                         gsize        length);
void         mb_json_draft_set_root     (MbJsonDraft *self,
                                         JsonNode    *root);
GBytes      *mb_json_draft_finish       (MbJsonDraft *self);

void         mb_json_append_string      (GString     *out,
                                         const char  *text,
                                         gsize        length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbJsonDraft, mb_json_draft_free)

G_END_DECLS
