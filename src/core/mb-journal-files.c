/* mb-journal-files.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The journal's files on disk: which file a conversation is saved in,
 * the older versions kept beside a file before it is updated and the
 * versions the user did not choose (mb-journal-choose.c), deleting a
 * file with them, and what this journal expects on disk, to notice when
 * something else removed it.
 */

#define G_LOG_DOMAIN "mb-journal"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-journal-private.h"
#include "mb-json.h"
#include "mb-storage.h"

/* Between a file's name and the hash of a version of it not chosen. */
#define NOT_CHOSEN ".not-chosen-"

/* The file of @conversation, conversations/ID.json; or %NULL when its id
 * is not one Marbles writes, so that no name that came from a file's
 * content (`../people`, `/tmp/x`) ever becomes a path.
 */
GFile *
_mb_journal_conversation_file (MbJournal      *self,
                               MbConversation *conversation)
{
  g_autofree char *name = NULL;
  g_autoptr(GFile) dir = NULL;

  if (!mb_storage_is_valid_id (mb_conversation_get_id (conversation)))
    return NULL;

  name = g_strconcat (mb_conversation_get_id (conversation), ".json", NULL);
  dir = g_file_get_child (self->dir, "conversations");
  return g_file_get_child (dir, name);
}

/* The copies of scripts to read a conversation with (@root, its file as
 * JSON): the one it names, from conversations/scripts/, when that is
 * there, and @script, when not %NULL. Any thread.
 */
GHashTable *
_mb_journal_script_copies_for (MbJournal *self,
                               JsonNode  *root,
                               MbScript  *script)
{
  JsonObject *object = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  const char *checksum = mb_json_get_string (mb_json_get_object (object, "script"), "copy");
  GHashTable *copies = mb_script_copies_new ();
  g_autofree char *name = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MbScript) copy = NULL;

  if (script != NULL)
    mb_script_copies_add (copies, script);
  if (!mb_storage_is_valid_checksum (checksum))
    return copies;

  name = g_strconcat ("conversations/scripts/", checksum, ".json", NULL);
  file = g_file_get_child (self->dir, name);
  bytes = mb_storage_load (file, NULL, NULL);
  copy = bytes != NULL ? mb_script_new_from_copy (bytes, checksum, name, NULL) : NULL;
  if (copy != NULL)
    mb_script_copies_add (copies, copy);
  return copies;
}

/* Before a file is first written in a newer format, the old file is kept
 * beside it as NAME.vVERSION.bak (which the journal does not read), so
 * that going back to the version that wrote it loses nothing. A copy
 * that is there already is the first one kept, and stays.
 */
gboolean
_mb_journal_keep_old_file (GFile   *file,
                           guint    version,
                           GError **error)
{
  g_autofree char *path = g_strdup_printf ("%s.v%u.bak", g_file_peek_path (file), version);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  if (version == 0 || g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return TRUE;

  bytes = mb_storage_load (file, NULL, &local_error);
  if (bytes == NULL && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return TRUE;
  if (bytes == NULL)
    g_prefix_error (&local_error, "%s: ", g_file_peek_path (file));

  if (bytes == NULL || !mb_storage_write_private (path, bytes, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not keep a copy of the older file before updating it: %s"), local_error->message);
      return FALSE;
    }

  return TRUE;
}

/* Deletes @file, if it is there. */
gboolean
_mb_journal_delete_if_there (GFile   *file,
                             GError **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!g_file_delete (file, NULL, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

/* The version of @file in @bytes that the user did not choose, when
 * two versions could not be merged, is kept beside it as
 * NAME.not-chosen-HASH.bak (which the journal does not read), HASH the
 * start of the SHA-256 of @bytes: eight hexadecimal digits, or more when
 * another version is kept under that name already. Blocks.
 *
 * Returns: (transfer full) (nullable): where it is kept
 */
GFile *
_mb_journal_keep_not_chosen (GFile   *file,
                             GBytes  *bytes,
                             GError **error)
{
  g_autofree char *hash = _mb_journal_hash (bytes);
  const guint lengths[] = { 8, 16, 64 };

  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s" NOT_CHOSEN "%.*s.bak", g_file_peek_path (file),
                                               (int) lengths[i], hash);
      g_autoptr(GFile) kept = g_file_new_for_path (path);
      g_autoptr(GBytes) there = mb_storage_load (kept, NULL, NULL);

      if (there != NULL && g_bytes_equal (there, bytes))
        return g_steal_pointer (&kept);
      if (there == NULL && g_file_query_exists (kept, NULL))
        continue;
      if (there == NULL)
        return mb_storage_write_private (path, bytes, error) ? g_steal_pointer (&kept) : NULL;
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
               _("Could not keep the version not chosen beside %s: the names for it are taken"),
               g_file_peek_path (file));
  return NULL;
}

/* Deletes the versions of @file not chosen, kept beside it by
 * _mb_journal_keep_not_chosen().
 */
static gboolean
delete_not_chosen (GFile   *file,
                   GError **error)
{
  g_autoptr(GFile) dir = g_file_get_parent (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *prefix = g_strconcat (name, NOT_CHOSEN, NULL);
  g_autoptr(GDir) listing = g_dir_open (g_file_peek_path (dir), 0, NULL);
  const char *child;

  while (listing != NULL && (child = g_dir_read_name (listing)) != NULL)
    {
      g_autoptr(GFile) kept = NULL;

      if (!g_str_has_prefix (child, prefix) || !g_str_has_suffix (child, ".bak"))
        continue;
      kept = g_file_get_child (dir, child);
      if (!_mb_journal_delete_if_there (kept, error))
        return FALSE;
    }

  return TRUE;
}

/* Deletes the older versions of @file kept beside it by
 * _mb_journal_keep_old_file(), and the versions not chosen.
 */
gboolean
_mb_journal_delete_old_versions (GFile   *file,
                                 GError **error)
{
  for (guint version = 1; version < MAX (MB_CONVERSATION_FORMAT_VERSION, PEOPLE_FORMAT_VERSION); version++)
    {
      g_autofree char *path = g_strdup_printf ("%s.v%u.bak", g_file_peek_path (file), version);
      g_autoptr(GFile) old = g_file_new_for_path (path);

      if (!_mb_journal_delete_if_there (old, error))
        return FALSE;
    }

  return delete_not_chosen (file, error);
}

/* Deletes @file and the older versions of it kept beside it: nothing of
 * it is left behind.
 */
gboolean
_mb_journal_delete_with_old_versions (GFile   *file,
                                      GError **error)
{
  return _mb_journal_delete_old_versions (file, error) && _mb_journal_delete_if_there (file, error);
}

/* The name this journal keeps @file under in on_disk: "ID.json" for a
 * conversation, "scripts/CHECKSUM.json" for a script copy; or %NULL
 * for people.json.
 */
static char *
on_disk_name (MbJournal *self,
              GFile     *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autoptr(GFile) conversations = g_file_get_child (self->dir, "conversations");
  g_autoptr(GFile) scripts = g_file_get_child (conversations, "scripts");
  g_autofree char *name = g_file_get_basename (file);

  if (g_file_equal (parent, self->dir))
    return NULL;
  if (g_file_equal (parent, scripts))
    return g_strconcat ("scripts/", name, NULL);
  return g_steal_pointer (&name);
}

/* Notes that @file is on disk, or (@there FALSE) that it is not, as
 * this journal wrote, read or deleted it. Any thread.
 */
void
_mb_journal_note_on_disk (MbJournal *self,
                          GFile     *file,
                          gboolean   there)
{
  g_autofree char *name = on_disk_name (self, file);

  g_mutex_lock (&self->on_disk_lock);
  if (name == NULL)
    self->people_on_disk = there;
  else if (there)
    g_hash_table_add (self->on_disk, g_steal_pointer (&name));
  else
    g_hash_table_remove (self->on_disk, name);
  g_mutex_unlock (&self->on_disk_lock);
}

/* Adds the names in @dir to @names, after @prefix. */
static void
list_names (GHashTable *names,
            GFile      *dir,
            const char *prefix)
{
  g_autoptr(GDir) listing = g_dir_open (g_file_peek_path (dir), 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    g_hash_table_add (names, g_strconcat (prefix, name, NULL));
}

/* Finds what this journal expects on disk and is gone, removed or moved
 * away by something else while Marbles runs: people.json, conversations
 * and the script copies they name. Those are forgotten as on
 * disk, so that each is found once; the caller writes them back.
 *
 * Listing conversations/ takes about 10 ms with 10,000 conversations,
 * so unless @always, it is done only when the last one was at least a
 * hundred times its own length ago (at most 1% of the time), or when
 * people.json or the folder itself is gone. Any thread.
 *
 * Returns: (transfer full) (nullable) (element-type utf8): the names
 *   gone, "people.json" or as in on_disk_name(); %NULL for none
 */
GPtrArray *
_mb_journal_find_missing (MbJournal *self,
                          gboolean   always)
{
  g_autoptr(GFile) dir = g_file_get_child (self->dir, "conversations");
  g_autoptr(GFile) scripts = g_file_get_child (dir, "scripts");
  g_autoptr(GFile) people = g_file_get_child (self->dir, "people.json");
  g_autoptr(GHashTable) present = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *missing = g_ptr_array_new_with_free_func (g_free);
  gint64 start = self->timing.clock ();
  GHashTableIter iter;
  const char *name;

  /* Listed with the lock held: a write that ends meanwhile notes its
   * file only after it is there, and a delete forgets it before.
   */
  g_mutex_lock (&self->on_disk_lock);
  if (self->people_on_disk && !g_file_query_exists (people, NULL))
    {
      self->people_on_disk = FALSE;
      g_ptr_array_add (missing, g_strdup ("people.json"));
      always = TRUE;
    }
  if (always || start >= self->next_check || !g_file_query_exists (dir, NULL))
    {
      list_names (present, dir, "");
      list_names (present, scripts, "scripts/");
      g_hash_table_iter_init (&iter, self->on_disk);
      while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
        {
          if (!g_hash_table_contains (present, name))
            {
              g_ptr_array_add (missing, g_strdup (name));
              g_hash_table_iter_remove (&iter);
            }
        }
      self->next_check = self->timing.clock () + 100 * (self->timing.clock () - start);
    }
  g_mutex_unlock (&self->on_disk_lock);

  if (missing->len == 0)
    g_clear_pointer (&missing, g_ptr_array_unref);
  return missing;
}
