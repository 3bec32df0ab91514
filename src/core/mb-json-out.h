/* mb-json-out.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "mb-json-draft.h"

G_BEGIN_DECLS

/* Where a file's JSON is written: a JsonBuilder, with the leader's
 * texts held apart in a draft if one is given, or only its shape, which
 * mb_json_unmerged() compares with the file read.
 */
typedef struct _MbJsonOut MbJsonOut;

MbJsonOut   *mb_json_out_new_builder   (JsonBuilder *builder,
                                        MbJsonDraft *draft);
MbJsonOut   *mb_json_out_new_shape     (void);
void         mb_json_out_free          (MbJsonOut   *out);
gboolean     mb_json_out_is_shape      (MbJsonOut   *out);
JsonBuilder *mb_json_out_get_builder   (MbJsonOut   *out);

void         mb_json_out_member        (MbJsonOut   *out,
                                        const char  *name);
void         mb_json_out_string        (MbJsonOut   *out,
                                        const char  *value);
void         mb_json_out_text          (MbJsonOut   *out,
                                        const char  *text);
void         mb_json_out_int           (MbJsonOut   *out,
                                        gint64       value);
void         mb_json_out_boolean       (MbJsonOut   *out,
                                        gboolean     value);
void         mb_json_out_null          (MbJsonOut   *out);
void         mb_json_out_node          (MbJsonOut   *out,
                                        JsonNode    *node);
void         mb_json_out_begin_object  (MbJsonOut   *out);
void         mb_json_out_end_object    (MbJsonOut   *out);
void         mb_json_out_begin_array   (MbJsonOut   *out);
void         mb_json_out_end_array     (MbJsonOut   *out);

/* Only for mb-json.c: the shape as it was written. */
#define MB_JSON_OUT_NONE G_MAXUINT

typedef enum
{
  MB_JSON_OUT_VALUE,
  MB_JSON_OUT_OBJECT,
  MB_JSON_OUT_ARRAY,
} MbJsonOutKind;

typedef struct
{
  const char    *name;    /* of a member; NULL for an item */
  const char    *id;      /* of an object: its "id", when a string */
  guint          first;   /* of a list or object: its first item or member */
  guint          last;
  guint          next;    /* the next item or member after this one */
  guint          size;
  MbJsonOutKind  kind;
} MbJsonPlace;

const MbJsonPlace *mb_json_out_get_place (MbJsonOut *shape,
                                          guint      index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbJsonOut, mb_json_out_free)

G_END_DECLS
