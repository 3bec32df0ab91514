/* mb-json-out.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "mb-json-out.h"

/* Loading a conversation writes it once to see what of the file this
 * version writes itself (see mb_json_unmerged()). A JsonBuilder would
 * make a node, and for an object a table, of every member only to be
 * freed: that was a third of loading a journal. The shape keeps, for
 * each value, only its place: which member or item it is, what kind,
 * and an object's "id". It borrows every name and id it is given, so
 * they must outlive it; and it takes a member written twice in one
 * object as two, where a builder keeps the last (no file of this
 * version writes one twice).
 */
struct _MbJsonOut
{
  JsonBuilder *builder;
  MbJsonDraft *draft;    /* holds the leader's texts apart, or NULL */
  GArray      *places;   /* of MbJsonPlace; the first is the root */
  GArray      *open;     /* of guint: the objects and lists not ended yet */
  const char  *member;
};

/**
 * mb_json_out_new_builder:
 * @draft: (nullable): where the texts given to mb_json_out_text() are
 *   held apart, written later by mb_json_draft_finish()
 *
 * Returns: (transfer full): an out that writes to @builder
 */
MbJsonOut *
mb_json_out_new_builder (JsonBuilder *builder,
                         MbJsonDraft *draft)
{
  MbJsonOut *out = g_new0 (MbJsonOut, 1);

  out->builder = g_object_ref (builder);
  out->draft = draft;
  return out;
}

/**
 * mb_json_out_new_shape:
 *
 * Returns: (transfer full): an out that keeps only the shape of what
 *   is written, borrowing its names and ids
 */
MbJsonOut *
mb_json_out_new_shape (void)
{
  MbJsonOut *out = g_new0 (MbJsonOut, 1);

  out->places = g_array_sized_new (FALSE, FALSE, sizeof (MbJsonPlace), 128);
  out->open = g_array_sized_new (FALSE, FALSE, sizeof (guint), 8);
  return out;
}

void
mb_json_out_free (MbJsonOut *out)
{
  if (out == NULL)
    return;
  g_clear_object (&out->builder);
  g_clear_pointer (&out->places, g_array_unref);
  g_clear_pointer (&out->open, g_array_unref);
  g_free (out);
}

/**
 * mb_json_out_is_shape:
 *
 * Returns: whether @out keeps only the shape of what is written: the
 *   values themselves need not be made
 */
gboolean
mb_json_out_is_shape (MbJsonOut *out)
{
  return out->builder == NULL;
}

/**
 * mb_json_out_get_builder:
 *
 * Returns: (transfer none) (nullable): the builder, or %NULL for a shape
 */
JsonBuilder *
mb_json_out_get_builder (MbJsonOut *out)
{
  return out->builder;
}

/**
 * mb_json_out_get_place:
 * @index: a place's index; 0 for the root
 *
 * Returns: (nullable): the place, or %NULL for %MB_JSON_OUT_NONE and
 *   when nothing was written
 */
const MbJsonPlace *
mb_json_out_get_place (MbJsonOut *shape,
                       guint      index)
{
  g_return_val_if_fail (shape->places != NULL, NULL);

  if (index >= shape->places->len)
    return NULL;
  return &g_array_index (shape->places, MbJsonPlace, index);
}

static MbJsonPlace *
parent (MbJsonOut *out)
{
  if (out->open->len == 0)
    return NULL;
  return &g_array_index (out->places, MbJsonPlace, g_array_index (out->open, guint, out->open->len - 1));
}

static void
add_place (MbJsonOut     *out,
           MbJsonOutKind  kind)
{
  MbJsonPlace place = { out->member, NULL, MB_JSON_OUT_NONE, MB_JSON_OUT_NONE, MB_JSON_OUT_NONE, 0, kind };
  MbJsonPlace *container = parent (out);
  guint index = out->places->len;

  if (container != NULL)
    {
      if (container->last == MB_JSON_OUT_NONE)
        container->first = index;
      else
        g_array_index (out->places, MbJsonPlace, container->last).next = index;
      container->last = index;
      container->size++;
    }
  g_array_append_val (out->places, place);
  out->member = NULL;
}

void
mb_json_out_member (MbJsonOut  *out,
                    const char *name)
{
  if (out->builder != NULL)
    json_builder_set_member_name (out->builder, name);
  else
    out->member = name;
}

void
mb_json_out_string (MbJsonOut  *out,
                    const char *value)
{
  MbJsonPlace *container;

  if (out->builder != NULL)
    {
      json_builder_add_string_value (out->builder, value);
      return;
    }

  container = parent (out);
  if (container != NULL && container->kind == MB_JSON_OUT_OBJECT && g_strcmp0 (out->member, "id") == 0)
    container->id = value;
  add_place (out, MB_JSON_OUT_VALUE);
}

/**
 * mb_json_out_text:
 * @text: a text the leader wrote
 *
 * As mb_json_out_string(), but in a draft the text is held apart (see
 * mb_json_draft_hold()): the longest values of a file are not copied
 * into the JSON tree.
 */
void
mb_json_out_text (MbJsonOut  *out,
                  const char *text)
{
  if (out->draft != NULL)
    text = mb_json_draft_hold (out->draft, text, strlen (text));
  mb_json_out_string (out, text);
}

void
mb_json_out_int (MbJsonOut *out,
                 gint64     value)
{
  if (out->builder != NULL)
    json_builder_add_int_value (out->builder, value);
  else
    add_place (out, MB_JSON_OUT_VALUE);
}

void
mb_json_out_boolean (MbJsonOut *out,
                     gboolean   value)
{
  if (out->builder != NULL)
    json_builder_add_boolean_value (out->builder, value);
  else
    add_place (out, MB_JSON_OUT_VALUE);
}

void
mb_json_out_null (MbJsonOut *out)
{
  if (out->builder != NULL)
    json_builder_add_null_value (out->builder);
  else
    add_place (out, MB_JSON_OUT_VALUE);
}

/**
 * mb_json_out_node:
 * @node: a value, copied (or only its shape taken)
 */
void
mb_json_out_node (MbJsonOut *out,
                  JsonNode  *node)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (out->builder != NULL)
    {
      json_builder_add_value (out->builder, json_node_copy (node));
      return;
    }

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      mb_json_out_begin_object (out);
      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &value))
        {
          mb_json_out_member (out, name);
          mb_json_out_node (out, value);
        }
      mb_json_out_end_object (out);
      break;
    case JSON_NODE_ARRAY:
      mb_json_out_begin_array (out);
      for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
        mb_json_out_node (out, json_array_get_element (json_node_get_array (node), i));
      mb_json_out_end_array (out);
      break;
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        {
          mb_json_out_string (out, json_node_get_string (node));
          break;
        }
      G_GNUC_FALLTHROUGH;
    case JSON_NODE_NULL:
    default:
      add_place (out, MB_JSON_OUT_VALUE);
      break;
    }
}

static void
begin (MbJsonOut     *out,
       MbJsonOutKind  kind)
{
  guint index = out->places->len;

  add_place (out, kind);
  g_array_append_val (out->open, index);
}

void
mb_json_out_begin_object (MbJsonOut *out)
{
  if (out->builder != NULL)
    json_builder_begin_object (out->builder);
  else
    begin (out, MB_JSON_OUT_OBJECT);
}

void
mb_json_out_end_object (MbJsonOut *out)
{
  if (out->builder != NULL)
    json_builder_end_object (out->builder);
  else
    g_array_set_size (out->open, out->open->len - 1);
}

void
mb_json_out_begin_array (MbJsonOut *out)
{
  if (out->builder != NULL)
    json_builder_begin_array (out->builder);
  else
    begin (out, MB_JSON_OUT_ARRAY);
}

void
mb_json_out_end_array (MbJsonOut *out)
{
  if (out->builder != NULL)
    json_builder_end_array (out->builder);
  else
    g_array_set_size (out->open, out->open->len - 1);
}
