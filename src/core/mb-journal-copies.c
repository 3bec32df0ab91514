/* mb-journal-copies.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The conflict copies sync tools make of a file two machines changed at
 * once (named as mb_merge_parse_conflict_name() knows): each is merged
 * into its original and deleted once the result is saved; a copy of a
 * conversation the journal does not have becomes it. One that cannot be
 * merged (it cannot be read, or its original cannot) is listed and left
 * as it is, for the user to compare with its original and keep one of
 * the two (mb-journal-choose.c). Never a conversation of its own.
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
  g_autoptr(GBytes) bytes = mb_storage_load (copy->file, NULL, NULL);
  g_autofree char *hash = bytes != NULL ? _mb_journal_hash (bytes) : NULL;
  g_autofree char *path = g_file_get_relative_path (self->dir, copy->file);
  g_autoptr(GError) error = NULL;

  _mb_journal_forget_stat (self, path);
  g_debug ("%s: %s was merged, and the result saved or deleted: %s", g_file_peek_path (self->dir), path,
           g_strcmp0 (hash, copy->hash) == 0 ? "deleting it" : "it changed since, so it stays");
  if (g_strcmp0 (hash, copy->hash) == 0 && !_mb_journal_delete_if_there (copy->file, &error))
    g_message ("Could not delete the conflict copy %s: %s", g_file_peek_path (copy->file), error->message);
}

/* Deletes the conflict copies merged into @conversation (%NULL for
 * people.json) that are still the versions merged.
 */
static void
delete_copies_of (MbJournal *self,
                  gpointer   conversation)
{
  for (guint i = self->merged_copies->len; i > 0; i--)
    {
      MergedCopy *copy = g_ptr_array_index (self->merged_copies, i - 1);

      if ((gpointer) copy->conversation != conversation)
        continue;
      delete_merged_copy (self, copy);
      g_ptr_array_remove_index (self->merged_copies, i - 1);
    }
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
  if (!is_saved (self, object))
    return;

  if (self->copies_waiting)
    {
      self->copies_waiting = FALSE;
      _mb_journal_rescan_soon (self);
    }
  delete_copies_of (self, MB_IS_CONVERSATION (object) ? object : NULL);
}

/**
 * _mb_journal_delete_copies_merged_into:
 *
 * @conversation is deleted before the result of merging conflict copies
 * into it was saved: those copies go with it, as they would have once
 * it was saved. Left, one would bring back the conversation its content
 * was merged into, which the user has seen and deleted.
 */
void
_mb_journal_delete_copies_merged_into (MbJournal      *self,
                                       MbConversation *conversation)
{
  delete_copies_of (self, conversation);
}

/**
 * _mb_journal_delete_copy_when_saved:
 * @object: a conversation, or the journal for people.json
 * @file: a conflict copy of @object's file, taken in
 * @hash: of the copy as taken in
 *
 * Deletes @file once @object is saved, if it is still that version.
 */
void
_mb_journal_delete_copy_when_saved (MbJournal  *self,
                                    GObject    *object,
                                    GFile      *file,
                                    const char *hash)
{
  MergedCopy *copy = g_new0 (MergedCopy, 1);

  copy->conversation = MB_IS_CONVERSATION (object) ? g_object_ref (MB_CONVERSATION (object)) : NULL;
  copy->file = g_object_ref (file);
  copy->hash = g_strdup (hash);
  g_ptr_array_add (self->merged_copies, copy);
}

/* Merges the conflict copy @found (@root) into its original, held as
 * @object; when the journal does not have that, the copy becomes it.
 * A copy of a conversation is first read as one, so that what is not
 * one, or another one, is never merged into it.
 *
 * Returns: (transfer none) (nullable): the original, or %NULL when the
 *   copy cannot be taken in
 */
static GObject *
merge_copy (MbJournal  *self,
            Found      *found,
            GObject    *object,
            JsonNode   *root,
            gboolean   *needs_write,
            GError    **error)
{
  g_autofree char *display = g_file_get_parse_name (found->file);
  g_autoptr(MbConversation) conversation = NULL;
  MbConversation *like = object != NULL && MB_IS_CONVERSATION (object) ? MB_CONVERSATION (object) : NULL;

  if (object == NULL || like != NULL)
    conversation = _mb_journal_read_copy (self, found->bytes, display, found->original,
                                          like != NULL ? mb_conversation_get_script (like) : NULL, error);
  if (object != NULL && (like == NULL || conversation != NULL))
    {
      g_autofree char *name = _mb_journal_name_of (self, object);
      g_autoptr(Known) known = _mb_journal_dup_known (self, name);
      g_autoptr(JsonNode) on_disk = _mb_journal_parse_known (known, display);

      return _mb_journal_merge_in (self, object, NULL, root, on_disk, display, needs_write, error) ? object : NULL;
    }

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

/* The original of the copy @found is on disk, but the journal could
 * not read it: nothing is merged into a file that cannot be read, and
 * nothing written over it. Listed, for the user to choose.
 */
static void
list_unreadable_original (MbJournal *self,
                          Found     *found,
                          GFile     *original)
{
  g_autofree char *display = g_file_get_parse_name (found->file);
  g_autofree char *name = g_file_get_basename (original);
  g_autofree char *message = NULL;

  g_debug ("%s: %s is a copy of %s, which cannot be read: the user chooses", g_file_peek_path (self->dir),
           found->path, name);
  /* Translators: the first %s is a file, the second the name of the file it is a copy of */
  message = g_strdup_printf (_("%s: A sync tool made this copy of %s, which cannot be read, so Marbles "
                               "cannot merge them. Compare the two versions and keep one."), display, name);
  _mb_journal_add_conflict (self, original, found->file, message);
}

/* A sync tool's conflict copy: merged into the original, with no base
 * (see the top of this file), and deleted once that is saved. One that
 * cannot be merged is listed and left as it is: with its original, to
 * compare, when the journal has that or it is on disk.
 */
void
_mb_journal_take_copy (MbJournal *self,
                       Found     *found)
{
  g_autofree char *display = g_file_get_parse_name (found->file);
  g_autoptr(GFile) original = _mb_journal_original_file (self, found->original);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  GObject *held = _mb_journal_held_object (self, found->original);
  GObject *object = NULL;
  gboolean needs_write = FALSE;

  if (copy_waits (self, found))
    return;
  if (held == NULL && g_file_query_exists (original, NULL))
    {
      list_unreadable_original (self, found, original);
      return;
    }

  root = mb_json_parse (found->bytes, display, &error);
  g_debug ("%s: %s is a conflict copy of %s: merging it", g_file_peek_path (self->dir), found->path,
           found->original);
  if (root != NULL)
    object = merge_copy (self, found, held, root, &needs_write, &error);
  if (object == NULL && held != NULL)
    _mb_journal_add_conflict (self, original, found->file, error->message);
  else if (object == NULL)
    _mb_journal_add_problem (self, found->file, error->message);
  if (object == NULL)
    return;

  _mb_journal_remove_problem (self, found->file);
  _mb_journal_delete_copy_when_saved (self, object, found->file, found->hash);
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

