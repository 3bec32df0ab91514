/* mb-json.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The one way JSON comes in, and small helpers for the journal's JSON
 * files.
 *
 * Every file Marbles reads (conversations, people.json, scripts and
 * their copies, imports, --validate-script) goes through mb_json_parse():
 * the strict check of mb-json-check.c first, then json-glib. What
 * Marbles writes goes out through mb_json_to_string(), which mends what
 * json-glib 1.6 would write wrongly.
 */

#define G_LOG_DOMAIN "mb-json"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "mb-crypt.h"
#include "mb-json.h"

G_DEFINE_QUARK (mb-json-error-quark, mb_json_error)

/**
 * mb_json_parse:
 * @bytes: what a file holds
 * @filename: the name to use in the message
 *
 * Parses @bytes once mb_json_check() has found them to be strict JSON,
 * into the tree json-glib would give (see mb_json_build()). Every loader
 * reads JSON through here. A file of an
 * encrypted journal is opened first with the unlocked key it names (see
 * mb_crypt_open_unlocked()); one that fails authentication is reported
 * as one that is not JSON is.
 *
 * Returns: (transfer full) (nullable): the root, or %NULL with
 *   @error set in %MB_JSON_ERROR to “FILE:LINE:COLUMN: what is wrong”,
 *   or “FILE: what is wrong” for an encrypted one that cannot be opened
 */
JsonNode *
mb_json_parse (GBytes      *bytes,
               const char  *filename,
               GError     **error)
{
  g_autoptr(GError) crypt_error = NULL;
  g_autoptr(GBytes) plain = NULL;
  gsize len;
  const char *data;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (filename != NULL, NULL);

  plain = mb_crypt_open_unlocked (bytes, &crypt_error);
  if (plain == NULL)
    {
      g_set_error (error, MB_JSON_ERROR, MB_JSON_ERROR_ENCRYPTED, "%s: %s", filename, crypt_error->message);
      return NULL;
    }
  /* Empty bytes may have no data at all: never NULL + 0. */
  data = g_bytes_get_data (plain, &len);
  if (data == NULL)
    data = "";

  if (!mb_json_check (data, len, filename, error))
    return NULL;

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      len -= 3;
    }

  return mb_json_build (data, len);
}

/* json-glib 1.6 writes a double without a point in its shortest form,
 * such as 1e+22, with “.0” added: “1e+22.0” is not JSON.
 */
static gboolean
has_bad_double (JsonNode *node)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, NULL, &member))
          {
            if (has_bad_double (member))
              return TRUE;
          }
        return FALSE;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            if (has_bad_double (json_array_get_element (array, i)))
              return TRUE;
          }
        return FALSE;
      }

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) != G_TYPE_DOUBLE)
        return FALSE;
      g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node));
      return strchr (buffer, '.') == NULL && strpbrk (buffer, "eE") != NULL;

    case JSON_NODE_NULL:
    default:
      return FALSE;
    }
}

/* Drops the “.0” json-glib put after exponents, outside texts. */
static void
fix_exponents (GString *text)
{
  gsize out = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < text->len; i++)
    {
      char c = text->str[i];

      text->str[out++] = c;
      if (in_string && c == '\\')
        text->str[out++] = text->str[++i];
      else if (c == '"')
        in_string = !in_string;
      else if (!in_string && (c == 'e' || c == 'E') && i + 1 < text->len &&
               (g_ascii_isdigit (text->str[i + 1]) || text->str[i + 1] == '+' || text->str[i + 1] == '-'))
        {
          for (i++; i < text->len && (g_ascii_isdigit (text->str[i]) || text->str[i] == '+' ||
                                      text->str[i] == '-'); i++)
            text->str[out++] = text->str[i];
          if (i + 1 < text->len && text->str[i] == '.' && text->str[i + 1] == '0')
            i++;
          else
            i--;
        }
    }
  g_string_truncate (text, out);
}

/* json-glib 1.6 escapes every control character in a text but U+001F,
 * which it writes as it is: not JSON either.
 */
static void
escape_unit_separators (GString *text)
{
  for (gsize i = 0; i < text->len; i++)
    {
      if (text->str[i] == '\x1F')
        {
          g_string_erase (text, i, 1);
          g_string_insert (text, i, "\\u001f");
        }
    }
}

/**
 * mb_json_to_string:
 *
 * Returns: (transfer full): @root as JSON text, indented by two spaces,
 *   as the journal writes its files
 */
GString *
mb_json_to_string (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  GString *text;

  g_return_val_if_fail (root != NULL, NULL);

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_gstring (generator, g_string_new (NULL));
  if (has_bad_double (root))
    fix_exponents (text);
  if (memchr (text->str, 0x1F, text->len) != NULL)
    escape_unit_separators (text);
  return text;
}

/* Merging */

static JsonNode *merge_object (JsonObject *original,
                               JsonObject *fresh);

static const char *
id_of (JsonNode *item)
{
  return JSON_NODE_HOLDS_OBJECT (item) ? mb_json_get_string (json_node_get_object (item), "id") : NULL;
}

/* Lists of objects with an "id" are merged item by item, so an item
 * keeps the members this version does not know. Each item of
 * @original is merged into one item of @fresh at most: the first with
 * its id that is left.
 */
static JsonNode *
merge_array (JsonArray *original,
             JsonArray *fresh)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                        (GDestroyNotify) g_queue_free);
  JsonArray *merged = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint j = 0; j < json_array_get_length (original); j++)
    {
      JsonNode *candidate = json_array_get_element (original, j);
      const char *id = id_of (candidate);
      GQueue *queue;

      if (id == NULL)
        continue;
      queue = g_hash_table_lookup (by_id, id);
      if (queue == NULL)
        g_hash_table_insert (by_id, (gpointer) id, queue = g_queue_new ());
      g_queue_push_tail (queue, candidate);
    }

  for (guint i = 0; i < json_array_get_length (fresh); i++)
    {
      JsonNode *item = json_array_get_element (fresh, i);
      const char *id = id_of (item);
      GQueue *queue = id != NULL ? g_hash_table_lookup (by_id, id) : NULL;
      JsonNode *match = queue != NULL ? g_queue_pop_head (queue) : NULL;

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

static JsonNode *
object_node (JsonObject *object)
{
  JsonNode *node = json_node_init_object (json_node_alloc (), object);

  json_object_unref (object);
  return node;
}

/* An empty object, shared: where a merge must merge two objects (see
 * mb_json_unmerged()) but keeps nothing of the first.
 */
static JsonNode *
empty_object (void)
{
  static JsonNode *empty;

  if (g_once_init_enter (&empty))
    {
      JsonNode *node = object_node (json_object_new ());

      json_node_seal (node);
      g_once_init_leave (&empty, node);
    }
  return json_node_ref (empty);
}

/* The member @name of the object at @object in @shape, or
 * %MB_JSON_OUT_NONE.
 */
static guint
member_of (MbJsonOut  *shape,
           guint       object,
           const char *name)
{
  for (guint i = mb_json_out_get_place (shape, object)->first; i != MB_JSON_OUT_NONE;)
    {
      const MbJsonPlace *place = mb_json_out_get_place (shape, i);

      if (strcmp (place->name, name) == 0)
        return i;
      i = place->next;
    }
  return MB_JSON_OUT_NONE;
}

/* Which item of the list at @fresh in @shape merge_array() merges each
 * item of @original into: its place in @shape, or %MB_JSON_OUT_NONE.
 */
static GArray *
match_items (JsonArray *original,
             MbJsonOut *shape,
             guint      fresh)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                        (GDestroyNotify) g_queue_free);
  GArray *matches = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint j = 0; j < json_array_get_length (original); j++)
    {
      const char *id = id_of (json_array_get_element (original, j));
      GQueue *queue = id != NULL ? g_hash_table_lookup (by_id, id) : NULL;
      guint none = MB_JSON_OUT_NONE;

      g_array_append_val (matches, none);
      if (id != NULL && queue == NULL)
        g_hash_table_insert (by_id, (gpointer) id, queue = g_queue_new ());
      if (queue != NULL)
        g_queue_push_tail (queue, GUINT_TO_POINTER (j));
    }

  for (guint i = mb_json_out_get_place (shape, fresh)->first; i != MB_JSON_OUT_NONE;)
    {
      const MbJsonPlace *item = mb_json_out_get_place (shape, i);
      GQueue *queue = item->id != NULL ? g_hash_table_lookup (by_id, item->id) : NULL;

      if (queue != NULL && !g_queue_is_empty (queue))
        g_array_index (matches, guint, GPOINTER_TO_UINT (g_queue_pop_head (queue))) = i;
      i = item->next;
    }

  return matches;
}

/* An item with @id, standing for @item in a merge: @rest, what a merge
 * keeps of it, when that has the id, or else @rest's members after it.
 */
static JsonNode *
item_with_id (JsonNode   *rest,
              const char *id)
{
  JsonObject *item;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (rest != NULL && json_object_has_member (json_node_get_object (rest), "id"))
    return rest;

  item = json_object_new ();
  json_object_set_string_member (item, "id", id);
  if (rest != NULL)
    {
      json_object_iter_init (&iter, json_node_get_object (rest));
      while (json_object_iter_next (&iter, &name, &value))
        json_object_set_member (item, name, json_node_ref (value));
      json_node_unref (rest);
    }
  return object_node (item);
}

static JsonNode *unmerged (JsonNode  *original,
                           MbJsonOut *shape,
                           guint      fresh);

/* The items of @original with an id, each standing for itself in the
 * merge (see item_with_id()), in their order, so that each is matched
 * to the same item of a later version; %NULL when none has an id: the
 * others are never merged.
 */
static JsonNode *
unmerged_array (JsonArray *original,
                MbJsonOut *shape,
                guint      fresh)
{
  g_autoptr(GArray) matches = match_items (original, shape, fresh);
  JsonArray *kept = json_array_new ();
  JsonNode *node;

  for (guint j = 0; j < json_array_get_length (original); j++)
    {
      JsonNode *item = json_array_get_element (original, j);
      const char *id = id_of (item);

      if (id != NULL)
        json_array_add_element (kept, item_with_id (unmerged (item, shape, g_array_index (matches, guint, j)), id));
    }

  if (json_array_get_length (kept) == 0)
    {
      json_array_unref (kept);
      return NULL;
    }
  node = json_node_init_array (json_node_alloc (), kept);
  json_array_unref (kept);
  return node;
}

/* The members of @original that @fresh lacks, and what is needed of
 * those both have. merge_object() puts the members only @original has
 * first, in the order of its table: with two or more of them, only
 * @original itself gives that order. It puts those of @fresh in the
 * order of their table, and mb_json_merge() without an original keeps
 * them as they are: where both have an object of two members or more,
 * one stays, if only an empty one.
 */
static JsonNode *
unmerged_object (JsonNode  *original,
                 MbJsonOut *shape,
                 guint      fresh)
{
  JsonObject *kept = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  guint only_there = 0;

  json_object_iter_init_ordered (&iter, json_node_get_object (original));
  while (json_object_iter_next_ordered (&iter, &name, &value))
    {
      guint member = member_of (shape, fresh, name);
      JsonNode *rest = unmerged (value, shape, member);

      only_there += member == MB_JSON_OUT_NONE;
      if (rest == NULL)
        continue;
      if (kept == NULL)
        kept = json_object_new ();
      json_object_set_member (kept, name, rest);
    }

  if (only_there >= 2 || kept == NULL)
    {
      g_clear_pointer (&kept, json_object_unref);
      if (only_there >= 2)
        return json_node_ref (original);
      return mb_json_out_get_place (shape, fresh)->size >= 2 ? empty_object () : NULL;
    }
  return object_node (kept);
}

static JsonNode *
unmerged (JsonNode  *original,
          MbJsonOut *shape,
          guint      fresh)
{
  const MbJsonPlace *place = mb_json_out_get_place (shape, fresh);

  if (original == NULL)
    return NULL;
  if (place == NULL)
    return json_node_ref (original);
  if (JSON_NODE_HOLDS_OBJECT (original) && place->kind == MB_JSON_OUT_OBJECT)
    return unmerged_object (original, shape, fresh);
  if (JSON_NODE_HOLDS_ARRAY (original) && place->kind == MB_JSON_OUT_ARRAY)
    return unmerged_array (json_node_get_array (original), shape, fresh);
  return NULL;
}

/**
 * mb_json_unmerged:
 * @original: (nullable): what a file held when it was read
 * @fresh: the shape of what this version writes of it (see
 *   mb_json_out_new_shape()), with no fewer members than it will write
 *   later
 *
 * What of @original mb_json_merge() needs when it merges it with
 * what was written to @fresh, or with any later version of it that has
 * all of its members: merged with that version instead of @original,
 * it gives the same, member for member and in the same order. Kept
 * instead of the whole file, it holds what this version does not know,
 * and no texts it writes itself. It shares nodes with @original.
 *
 * Returns: (transfer full) (nullable): the rest of @original, or %NULL
 *   when a merge needs nothing of it
 */
JsonNode *
mb_json_unmerged (JsonNode  *original,
                  MbJsonOut *fresh)
{
  return unmerged (original, fresh, 0);
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
 * mb_json_get_version:
 *
 * Returns: the "version" member of a file's @object: 0 when it is
 *   missing, -1 when it is not a whole number from 0 on (a version no
 *   release of Marbles wrote)
 */
gint64
mb_json_get_version (JsonObject *object)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, "version") : NULL;

  if (node == NULL)
    return 0;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < 0)
    return -1;
  return json_node_get_int (node);
}

/**
 * mb_json_get_strv:
 *
 * Returns: (transfer full) (nullable): the member, a list of strings, or
 *   %NULL when it is missing or not such a list
 */
GStrv
mb_json_get_strv (JsonObject *object,
                  const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  builder = g_strv_builder_new ();
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
        return NULL;
      g_strv_builder_add (builder, json_node_get_string (item));
    }
  return g_strv_builder_end (builder);
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

/**
 * mb_json_set_strv:
 * @strv: (nullable): a list of strings; %NULL for none
 *
 * Adds @member, the list @strv, unless that is %NULL.
 */
void
mb_json_set_strv (JsonBuilder        *builder,
                  const char         *member,
                  const char * const *strv)
{
  if (strv == NULL)
    return;

  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
}

/* Lists */

static void
kept_clear (MbJsonKept *kept)
{
  g_clear_pointer (&kept->node, json_node_unref);
}

/**
 * mb_json_kept_new:
 *
 * Returns: (transfer full) (element-type MbJsonKept): an empty list of
 *   kept entries
 */
GArray *
mb_json_kept_new (void)
{
  GArray *kept = g_array_new (FALSE, FALSE, sizeof (MbJsonKept));

  g_array_set_clear_func (kept, (GDestroyNotify) kept_clear);
  return kept;
}

/**
 * mb_json_read_list:
 * @array: a list in a file
 * @read: makes the object of one entry, or returns %NULL
 * @items: (element-type GObject): where the objects go, in order
 * @kept: (element-type MbJsonKept): where the entries go that @read
 *   cannot use, each with its place in @array
 */
void
mb_json_read_list (JsonArray      *array,
                   MbJsonReadFunc  read,
                   gpointer        data,
                   GPtrArray      *items,
                   GArray         *kept)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      gpointer object = read (item, data);

      if (object != NULL)
        {
          g_ptr_array_add (items, object);
        }
      else
        {
          MbJsonKept entry = { i, json_node_ref (item) };

          g_array_append_val (kept, entry);
        }
    }
}


/**
 * mb_json_add_list:
 * @items: the objects of the list
 * @add: adds the JSON of one of them
 * @kept: (element-type MbJsonKept): the entries kept by
 *   mb_json_read_list()
 *
 * Adds a list: the JSON of @items in their order, with each kept entry
 * at its place, or at the end when the list is shorter now. Unchanged,
 * a list is written as it was read.
 */
void
mb_json_add_list (MbJsonOut     *out,
                  GListModel    *items,
                  MbJsonAddFunc  add,
                  gpointer       data,
                  GArray        *kept)
{
  guint written = 0;
  guint k = 0;

  mb_json_out_begin_array (out);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (items, i);

      for (; k < kept->len && g_array_index (kept, MbJsonKept, k).position <= written; k++, written++)
        mb_json_out_node (out, g_array_index (kept, MbJsonKept, k).node);
      add (out, item, data);
      written++;
    }
  for (; k < kept->len; k++)
    mb_json_out_node (out, g_array_index (kept, MbJsonKept, k).node);
  mb_json_out_end_array (out);
}
