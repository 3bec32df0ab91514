/* mb-journal-copies.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The conflict copies sync tools make of a file two machines changed at
 * once (named as mb_merge_parse_conflict_name() knows): each is merged
 * into its original and deleted once the result is saved; a copy of a
 * conversation the journal does not have becomes it; one that cannot be
 * read is listed and left as it is. Never a conversation of its own.
 */

#define G_LOG_DOMAIN "mb-journal"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-journal-private.h"
#include "mb-json.h"
#include "mb-storage.h"

/* Conflict copies merged, to delete once the original is saved */

typedef struct
{
  MbConversation *conversation; /* the original, or NULL for people.json */
  GFile          *file;
  char           *hash;         /* of the copy as merged */
} MergedCopy;

void
_mb_journal_merged_copy_free (gpointer data)
{
  MergedCopy *copy = data;

  g_clear_object (&copy->conversation);
  g_object_unref (copy->file);
  g_free (copy->hash);
  g_free (copy);
}

static gboolean
is_saved (MbJournal *self,
          GObject   *object)
{
  Saver *saver = g_hash_table_lookup (self->savers, object);

  return saver == NULL || (saver->state == MB_SAVE_STATE_SAVED && !saver->dirty && !saver->in_flight);
}

/* Deletes @copy if it is still the version merged; otherwise it is read
 * again at the next look.
 */
static void
delete_merged_copy (MbJournal  *self,
                    MergedCopy *copy)
{
  g_autoptr(GBytes) bytes = g_file_load_bytes (copy->file, NULL, NULL, NULL);
  g_autofree char *hash = bytes != NULL ? _mb_journal_hash (bytes) : NULL;
  g_autofree char *path = g_file_get_relative_path (self->dir, copy->file);
  g_autoptr(GError) error = NULL;

  _mb_journal_forget_stat (self, path);
  g_debug ("%s: %s was merged and the result saved: %s", g_file_peek_path (self->dir), path,
           g_strcmp0 (hash, copy->hash) == 0 ? "deleting it" : "it changed since, so it stays");
  if (g_strcmp0 (hash, copy->hash) == 0 && !_mb_journal_delete_if_there (copy->file, &error))
    g_message ("Could not delete the conflict copy %s: %s", g_file_peek_path (copy->file), error->message);
}

/**
 * _mb_journal_delete_merged_copies:
 * @object: a conversation, or the journal for people.json, just saved
 *
 * Deletes the conflict copies merged into @object, now that the result
 * is on disk; and looks again for the copies left for later.
 */
void
_mb_journal_delete_merged_copies (MbJournal *self,
                                  GObject   *object)
{
  gpointer conversation = MB_IS_CONVERSATION (object) ? object : NULL;

  if (!is_saved (self, object))
    return;

  if (self->copies_waiting)
    {
      self->copies_waiting = FALSE;
      _mb_journal_rescan_soon (self);
    }

  for (guint i = self->merged_copies->len; i > 0; i--)
    {
      MergedCopy *copy = g_ptr_array_index (self->merged_copies, i - 1);

      if ((gpointer) copy->conversation != conversation)
        continue;
      delete_merged_copy (self, copy);
      g_ptr_array_remove_index (self->merged_copies, i - 1);
    }
}

/* A copy of a conversation the journal does not have, as a new one. */
static MbConversation *
read_copy (MbJournal  *self,
           Found      *found,
           JsonNode   *root,
           GError    **error)
{
  g_autofree char *display = g_file_get_parse_name (found->file);
  g_autoptr(GHashTable) copies = mb_script_copies_new ();
  g_autoptr(MbConversation) conversation = NULL;
  JsonObject *script = mb_json_get_object (json_node_get_object (root), "script");
  const char *checksum = mb_json_get_string (script, "copy");

  if (mb_storage_is_valid_checksum (checksum))
    {
      g_autofree char *name = g_strconcat ("conversations/scripts/", checksum, ".json", NULL);
      g_autoptr(GFile) file = g_file_get_child (self->dir, name);
      g_autoptr(GBytes) bytes = g_file_load_bytes (file, NULL, NULL, NULL);
      g_autoptr(MbScript) copy = bytes != NULL ? mb_script_new_from_copy (bytes, checksum, name, NULL) : NULL;

      if (copy != NULL)
        mb_script_copies_add (copies, copy);
    }

  conversation = mb_conversation_new_from_bytes (found->bytes, display, copies, error);
  if (conversation != NULL && g_strcmp0 (mb_conversation_get_id (conversation), found->original) != 0)
    {
      g_set_error (error, MB_CONVERSATION_ERROR, MB_CONVERSATION_ERROR_DAMAGED,
                   _("%s: The id of this conversation is not its file name (it may be a copy made by a "
                     "sync tool), so Marbles does not use the file and leaves it as it is"), display);
      return NULL;
    }
  return g_steal_pointer (&conversation);
}

/* Merges the conflict copy @found (@root) into its original; when the
 * journal does not have that, the copy becomes it.
 *
 * Returns: (transfer none) (nullable): the original, or %NULL when the
 *   copy cannot be taken in
 */
static GObject *
merge_copy (MbJournal  *self,
            Found      *found,
            JsonNode   *root,
            gboolean   *needs_write,
            GError    **error)
{
  g_autofree char *display = g_file_get_parse_name (found->file);
  g_autoptr(MbConversation) conversation = NULL;
  GObject *object = g_str_equal (found->original, "people")
                    ? G_OBJECT (self) : G_OBJECT (mb_journal_lookup_conversation (self, found->original));

  if (object != NULL)
    {
      g_autofree char *name = _mb_journal_name_of (self, object);
      g_autoptr(Known) known = _mb_journal_dup_known (self, name);
      g_autoptr(JsonNode) on_disk = _mb_journal_parse_known (known, display);

      return _mb_journal_merge_in (self, object, NULL, root, on_disk, display, needs_write, error) ? object : NULL;
    }

  conversation = read_copy (self, found, root, error);
  if (conversation == NULL)
    return NULL;
  _mb_journal_add_read_conversation (self, conversation);
  *needs_write = TRUE;
  return G_OBJECT (conversation);
}

/* Whether the original of the copy @found has a save to finish first:
 * then the copy waits for it. The save may have found on disk the other
 * version the sync tool chose, and this machine's aside in the copy:
 * merged with the version last saved here as its base, it drops what
 * only that had, which the copy, merged next, brings back.
 */
static gboolean
copy_waits (MbJournal *self,
            Found     *found)
{
  GObject *object = g_str_equal (found->original, "people")
                    ? G_OBJECT (self) : G_OBJECT (mb_journal_lookup_conversation (self, found->original));
  Saver *saver = object != NULL ? g_hash_table_lookup (self->savers, object) : NULL;

  if (saver == NULL || (!saver->dirty && !saver->in_flight))
    return FALSE;

  g_debug ("%s: %s waits for the save of its original", g_file_peek_path (self->dir), found->path);
  _mb_journal_forget_stat (self, found->path);
  self->copies_waiting = TRUE;
  return TRUE;
}

/* A sync tool's conflict copy: merged into the original, with no base
 * (see the top of this file), and deleted once that is saved. One that
 * cannot be read is listed and left as it is.
 */
void
_mb_journal_take_copy (MbJournal *self,
                       Found     *found)
{
  g_autofree char *display = g_file_get_parse_name (found->file);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  GObject *object = NULL;
  gboolean needs_write = FALSE;
  MergedCopy *copy;

  if (copy_waits (self, found))
    return;

  root = mb_json_parse (found->bytes, display, &error);
  g_debug ("%s: %s is a conflict copy of %s: merging it", g_file_peek_path (self->dir), found->path,
           found->original);
  if (root != NULL)
    object = merge_copy (self, found, root, &needs_write, &error);
  if (object == NULL)
    {
      _mb_journal_add_problem (self, found->file, error->message);
      return;
    }

  copy = g_new0 (MergedCopy, 1);
  copy->conversation = MB_IS_CONVERSATION (object) ? g_object_ref (MB_CONVERSATION (object)) : NULL;
  copy->file = g_object_ref (found->file);
  copy->hash = g_strdup (found->hash);
  g_ptr_array_add (self->merged_copies, copy);
  if (needs_write)
    {
      _mb_journal_mark_changed (self, object);
      _mb_journal_save_start (_mb_journal_get_saver (self, object));
    }
  else
    {
      _mb_journal_delete_merged_copies (self, object);
    }
}

