/* mb-json.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Small helpers for the journal's JSON files. */

#define G_LOG_DOMAIN "mb-json"

#include "config.h"

#include "mb-json.h"

static JsonNode *merge_object (JsonObject *original,
                               JsonObject *fresh);

/* Lists of objects with an "id" are merged item by item, so an item
 * keeps the members this version does not know.
 */
static JsonNode *
merge_array (JsonArray *original,
             JsonArray *fresh)
{
  JsonArray *merged = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < json_array_get_length (fresh); i++)
    {
      JsonNode *item = json_array_get_element (fresh, i);
      JsonNode *match = NULL;
      const char *id;

      if (JSON_NODE_HOLDS_OBJECT (item) &&
          (id = mb_json_get_string (json_node_get_object (item), "id")) != NULL)
        {
          for (guint j = 0; match == NULL && j < json_array_get_length (original); j++)
            {
              JsonNode *candidate = json_array_get_element (original, j);

              if (JSON_NODE_HOLDS_OBJECT (candidate) &&
                  g_strcmp0 (mb_json_get_string (json_node_get_object (candidate), "id"), id) == 0)
                match = candidate;
            }
        }

      if (match != NULL)
        json_array_add_element (merged, merge_object (json_node_get_object (match),
                                                      json_node_get_object (item)));
      else
        json_array_add_element (merged, json_node_copy (item));
    }

  json_node_take_array (node, merged);
  return node;
}

static JsonNode *
merge_object (JsonObject *original,
              JsonObject *fresh)
{
  JsonObject *merged = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  /* What the file had that this version does not write, first… */
  json_object_iter_init (&iter, original);
  while (json_object_iter_next (&iter, &name, &value))
    {
      if (!json_object_has_member (fresh, name))
        json_object_set_member (merged, name, json_node_copy (value));
    }

  /* …then everything this version knows, merged where both have it. */
  json_object_iter_init (&iter, fresh);
  while (json_object_iter_next (&iter, &name, &value))
    {
      JsonNode *old = json_object_get_member (original, name);

      json_object_set_member (merged, name, mb_json_merge (old, value));
    }

  json_node_take_object (node, merged);
  return node;
}

/**
 * mb_json_merge:
 * @original: (nullable): what the file held when it was read
 * @fresh: what this version writes now
 *
 * Returns: (transfer full): @fresh, plus every member of @original that
 *   @fresh does not have, at any depth: unknown members survive a save
 */
JsonNode *
mb_json_merge (JsonNode *original,
               JsonNode *fresh)
{
  g_return_val_if_fail (fresh != NULL, NULL);

  if (original != NULL && JSON_NODE_HOLDS_OBJECT (original) && JSON_NODE_HOLDS_OBJECT (fresh))
    return merge_object (json_node_get_object (original), json_node_get_object (fresh));
  if (original != NULL && JSON_NODE_HOLDS_ARRAY (original) && JSON_NODE_HOLDS_ARRAY (fresh))
    return merge_array (json_node_get_array (original), json_node_get_array (fresh));
  return json_node_copy (fresh);
}

/**
 * mb_json_get_string:
 *
 * Returns: (nullable): the string member, or %NULL when it is missing or
 *   not a string
 */
const char *
mb_json_get_string (JsonObject *object,
                    const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/**
 * mb_json_get_object:
 *
 * Returns: (nullable): the object member, or %NULL when it is missing or
 *   not an object
 */
JsonObject *
mb_json_get_object (JsonObject *object,
                    const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_node_get_object (node);
}

/**
 * mb_json_get_date_time:
 *
 * Returns: (transfer full) (nullable): the ISO 8601 date and time in
 *   @member, or %NULL
 */
GDateTime *
mb_json_get_date_time (JsonObject *object,
                       const char *member)
{
  const char *text = mb_json_get_string (object, member);

  return text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
}

/**
 * mb_json_format_date_time:
 *
 * Returns: (transfer full): @date_time in ISO 8601, as the journal writes
 *   it: `2026-11-23T14:02:11+01:00`, with microseconds when there are
 *   any, and `Z` for UTC. (g_date_time_format_iso8601() writes an offset
 *   of whole hours as `+01`.)
 */
char *
mb_json_format_date_time (GDateTime *date_time)
{
  g_autofree char *local = NULL;
  g_autofree char *offset = NULL;
  int usec;

  g_return_val_if_fail (date_time != NULL, NULL);

  local = g_date_time_format (date_time, "%C%y-%m-%dT%H:%M:%S");
  usec = g_date_time_get_microsecond (date_time);
  offset = g_date_time_get_utc_offset (date_time) == 0 ? g_strdup ("Z")
                                                       : g_date_time_format (date_time, "%:z");
  if (usec != 0)
    return g_strdup_printf ("%s.%06d%s", local, usec, offset);
  return g_strconcat (local, offset, NULL);
}

void
mb_json_set_date_time (JsonBuilder *builder,
                       const char  *member,
                       GDateTime   *date_time)
{
  g_autofree char *text = NULL;

  if (date_time == NULL)
    return;

  text = mb_json_format_date_time (date_time);
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, text);
}
