/* mb-traces.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What is left of a person under the journal's folder besides the files
 * the journal uses: copies of their conversations (a sync tool's
 * conflict copies), leftovers of saves that were interrupted (GLib
 * writes NAME.json.XXXXXX and renames it), kept NAME.vN.bak copies, and
 * files listed as problems that name them. Forget finds them here, by
 * what they hold rather than by their names, which others chose.
 */

#define G_LOG_DOMAIN "mb-traces"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "mb-conversation.h"
#include "mb-json.h"
#include "mb-storage.h"
#include "mb-traces.h"

void
mb_trace_query_free (MbTraceQuery *query)
{
  g_clear_object (&query->dir);
  g_free (query->person_id);
  g_clear_pointer (&query->used, g_hash_table_unref);
  g_clear_pointer (&query->in_flight, g_hash_table_unref);
  g_clear_pointer (&query->problems, g_hash_table_unref);
  g_free (query);
}

/* Through the one strict check every file Marbles reads goes through:
 * these files are the damaged ones, and may be nested past any stack.
 */
static JsonObject *
parse_object (GBytes   *bytes,
              JsonNode **root)
{
  *root = mb_json_parse (bytes, "", NULL);
  if (*root == NULL || !JSON_NODE_HOLDS_OBJECT (*root))
    return NULL;

  return json_node_get_object (*root);
}

/* Whether @needle is in the @len bytes at @data, which may hold zeros. */
static gboolean
contains (const char *data,
          gsize       len,
          const char *needle)
{
  gsize n = strlen (needle);

  for (const char *at = data; n > 0 && at + n <= data + len; at++)
    {
      at = memchr (at, needle[0], data + len - at);
      if (at == NULL || at + n > data + len)
        return FALSE;
      if (memcmp (at, needle, n) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Whether @object is a conversation with @person_id, or people with them. */
static gboolean
object_names_person (JsonObject *object,
                     const char *person_id)
{
  JsonNode *people = json_object_get_member (object, "people");

  if (g_strcmp0 (mb_json_get_string (object, "person"), person_id) == 0)
    return TRUE;

  if (people == NULL || !JSON_NODE_HOLDS_ARRAY (people))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (json_node_get_array (people)); i++)
    {
      JsonNode *one = json_array_get_element (json_node_get_array (people), i);

      if (JSON_NODE_HOLDS_OBJECT (one) &&
          g_strcmp0 (mb_json_get_string (json_node_get_object (one), "id"), person_id) == 0)
        return TRUE;
    }

  return FALSE;
}

/**
 * mb_traces_name_person:
 *
 * Returns: whether @bytes name the person with @person_id: hold it
 *   anywhere, for an id of the form Marbles writes (even a file cut
 *   short, or not JSON, does); for any other id, have it as their
 *   `person`, or in their `people`, since a short id such as `p1` could
 *   stand anywhere
 */
gboolean
mb_traces_name_person (GBytes     *bytes,
                       const char *person_id)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  g_return_val_if_fail (person_id != NULL, FALSE);

  if (mb_storage_is_valid_id (person_id))
    return contains (data, len, person_id);

  object = parse_object (bytes, &root);
  return object != NULL && object_names_person (object, person_id);
}

/* Whether @object, read from @name, is a copy of one of their
 * conversations that this version could read: its id is not its file's
 * name, which made it a problem, and nothing else is wrong with it.
 */
static gboolean
is_copy (GBytes     *bytes,
         const char *name,
         const char *person_id)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object = parse_object (bytes, &root);
  const char *id;
  gint64 version;

  if (object == NULL || g_strcmp0 (mb_json_get_string (object, "format"), MB_CONVERSATION_FORMAT) != 0)
    return FALSE;

  id = mb_json_get_string (object, "id");
  version = mb_json_get_version (object);
  return version >= 1 && version <= MB_CONVERSATION_FORMAT_VERSION &&
         mb_storage_is_valid_id (id) &&
         !(g_str_has_prefix (name, id) && g_str_equal (name + strlen (id), ".json")) &&
         g_strcmp0 (mb_json_get_string (object, "person"), person_id) == 0;
}

/* Whether @name is the temporary file of a save under way, which GLib
 * names after the file with a dot and six characters.
 */
static gboolean
is_save_under_way (const char *name,
                   GHashTable *in_flight)
{
  const char *dot = strrchr (name, '.');
  g_autofree char *target = NULL;

  if (dot == NULL || strlen (dot) != strlen (".XXXXXX"))
    return FALSE;

  target = g_strndup (name, dot - name);
  return g_hash_table_contains (in_flight, target);
}

static MbTraceKind
kind_of (MbTraceQuery *query,
         GFile        *file,
         const char   *name,
         GBytes       *bytes)
{
  if (!g_hash_table_contains (query->problems, g_file_peek_path (file)))
    return MB_TRACE_LEFT_BEHIND;

  return is_copy (bytes, name, query->person_id) ? MB_TRACE_LEFT_BEHIND : MB_TRACE_UNREADABLE;
}

/* Adds to @found the files of @kind in @dir that name the person: in
 * conversations/ (@root FALSE), all but the journal's own; in the data
 * folder itself, what people.json left beside it.
 */
static void
find_in (MbTraceQuery *query,
         GFile        *dir,
         gboolean      root,
         MbTraceKind   kind,
         GPtrArray    *found,
         GCancellable *cancellable)
{
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;
  GFile *child;

  children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, NULL);
  while (children != NULL && g_file_enumerator_iterate (children, &info, &child, cancellable, NULL) &&
         child != NULL)
    {
      const char *name = g_file_info_get_name (info);
      g_autoptr(GBytes) bytes = NULL;

      /* Only files: the scripts' copies and the user's scripts are in
       * folders, and name no one.
       */
      if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR ||
          (root && (!g_str_has_prefix (name, "people") || g_str_equal (name, "people.json"))) ||
          (!root && g_hash_table_contains (query->used, name)) ||
          is_save_under_way (name, query->in_flight))
        continue;

      bytes = mb_storage_load (child, cancellable, NULL);
      if (bytes != NULL && mb_traces_name_person (bytes, query->person_id) &&
          kind_of (query, child, name, bytes) == kind)
        g_ptr_array_add (found, g_object_ref (child));
    }
}

/**
 * mb_traces_find:
 * @kind: which files to find
 *
 * Reads the files in the journal's folder and in its conversations/,
 * except the ones it uses, and finds those of @kind that name the
 * person. Blocks: call it from a worker when there may be many.
 *
 * Returns: (transfer container) (element-type GFile): what was found
 */
GPtrArray *
mb_traces_find (MbTraceQuery *query,
                MbTraceKind   kind,
                GCancellable *cancellable)
{
  g_autoptr(GFile) conversations = g_file_get_child (query->dir, "conversations");
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (query != NULL, found);

  find_in (query, conversations, FALSE, kind, found, cancellable);
  if (kind == MB_TRACE_LEFT_BEHIND)
    find_in (query, query->dir, TRUE, kind, found, cancellable);
  return found;
}
