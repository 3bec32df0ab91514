/* mb-journal-writer.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Saving: every change is saved shortly after it is made. The object is
 * copied on the main thread (a conversation's texts held apart, see
 * MbJsonDraft) and serialised and written by a worker with an atomic
 * replace; one write at a time per file. A save that fails keeps the
 * change in memory and is tried again until it succeeds. Files found
 * gone from disk are written back.
 *
 * A file is never replaced by a version made without seeing the one on
 * disk: just before it writes, the worker checks that the file is still
 * the version the journal last saw (mb-journal-known.c). When another
 * device or program changed it, nothing is written: the main thread
 * merges that version in (mb-journal-sync.c) and saves the result.
 */

#define G_LOG_DOMAIN "mb-journal"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-journal-private.h"
#include "mb-json.h"
#include "mb-storage.h"

static void save_start (Saver *saver);
static void write_back (MbJournal *self,
                        GPtrArray *missing);

void
_mb_journal_saver_free (Saver *saver)
{
  g_clear_handle_id (&saver->timeout_id, g_source_remove);
  g_clear_object (&saver->file);
  g_free (saver->error);
  g_free (saver);
}

static void
set_state (Saver       *saver,
           MbSaveState  state,
           const char  *error)
{
  char *copy;

  if (saver->state == state && g_strcmp0 (saver->error, error) == 0)
    return;

  /* @error may be saver->error itself: copy it before freeing. */
  copy = g_strdup (error);
  g_free (saver->error);
  saver->error = copy;
  saver->state = state;
  _mb_journal_emit_save_state_changed (saver->journal, saver->object);
  if (state == MB_SAVE_STATE_SAVED)
    _mb_journal_delete_merged_copies (saver->journal, saver->object);
}

/* The format version of @saver's file as it was read, when it is older
 * than the one this version writes; otherwise 0.
 */
static guint
old_version (Saver *saver)
{
  gint64 version;

  if (saver->updated)
    return 0;

  if (MB_IS_CONVERSATION (saver->object))
    version = mb_conversation_get_file_version (MB_CONVERSATION (saver->object));
  else if (saver->journal->people_original != NULL)
    version = mb_json_get_version (json_node_get_object (saver->journal->people_original));
  else
    version = 0;

  return version > 0 && version < (MB_IS_CONVERSATION (saver->object) ? MB_CONVERSATION_FORMAT_VERSION
                                                                      : PEOPLE_FORMAT_VERSION)
         ? (guint) version : 0;
}

static void
add_person_json (MbJsonOut *out,
                 gpointer   item,
                 gpointer   data)
{
  g_autoptr(JsonNode) person = mb_person_to_json (item);

  mb_json_out_node (out, person);
}

static GBytes *
serialize_people (MbJournal *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(MbJsonOut) out = mb_json_out_new_builder (builder, NULL);
  g_autoptr(JsonNode) fresh = NULL;
  g_autoptr(JsonNode) merged = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, PEOPLE_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, PEOPLE_FORMAT_VERSION);
  mb_json_set_strv (builder, "revisions", (const char * const *) self->people_revisions);
  json_builder_set_member_name (builder, "people");
  mb_json_add_list (out, G_LIST_MODEL (self->people), add_person_json, NULL, self->kept_people);
  json_builder_end_object (builder);

  fresh = json_builder_get_root (builder);
  merged = mb_json_merge (self->people_original, fresh);
  return g_string_free_to_bytes (mb_json_to_string (merged));
}

/* One write of a file, made ready on the main thread and done in a
 * worker (or, on quit, at once).
 */
typedef struct
{
  GFile       *file;
  char        *name;         /* as in Known */
  Known       *known;        /* the version last seen on disk, or NULL for none */
  char        *expected;     /* its hash, once the worker has it */
  GStrv        revisions;    /* of the version written */
  GBytes      *conflict;     /* after the check: another version found there instead */
  GBytes      *bytes;
  MbJsonDraft *draft;        /* a conversation's file, finished into bytes by the worker */
  guint        old_version;  /* of the file there, to keep first; or 0 */
  GFile       *copy_file;    /* the script copy a conversation names, or NULL */
  GBytes      *copy;
  GPtrArray   *missing;      /* after the write: what was expected on disk and is gone */
} Write;

static void
write_free (Write *write)
{
  g_clear_pointer (&write->missing, g_ptr_array_unref);
  g_clear_object (&write->file);
  g_free (write->name);
  g_clear_pointer (&write->known, _mb_journal_known_free);
  g_free (write->expected);
  g_strfreev (write->revisions);
  g_clear_pointer (&write->conflict, g_bytes_unref);
  g_clear_pointer (&write->bytes, g_bytes_unref);
  g_clear_pointer (&write->draft, mb_json_draft_free);
  g_clear_object (&write->copy_file);
  g_clear_pointer (&write->copy, g_bytes_unref);
  g_free (write);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Write, write_free)

static Write *
write_new (Saver *saver)
{
  Write *write = g_new0 (Write, 1);
  g_autoptr(Known) known = NULL;

  write->file = g_object_ref (saver->file);
  write->name = _mb_journal_name_of (saver->journal, saver->object);
  known = _mb_journal_dup_known (saver->journal, write->name);
  write->known = g_steal_pointer (&known);
  write->old_version = old_version (saver);
  /* A new version, made from the one the object holds; a file written
   * back is the same version again.
   */
  if (saver->written_back)
    write->revisions = g_strdupv ((char **) _mb_journal_get_revisions (saver->journal, saver->object));
  else
    write->revisions = _mb_journal_new_revisions (_mb_journal_get_revisions (saver->journal, saver->object));
  saver->written_back = FALSE;
  _mb_journal_set_revisions (saver->journal, saver->object, (const char * const *) write->revisions);
  if (MB_IS_CONVERSATION (saver->object))
    {
      MbScript *script = mb_conversation_get_script (MB_CONVERSATION (saver->object));
      g_autoptr(GFile) dir = g_file_get_child (saver->journal->dir, "conversations");
      g_autoptr(GFile) scripts = g_file_get_child (dir, "scripts");
      g_autofree char *name = NULL;
      const char *checksum;

      /* Only copied here: the texts are escaped into JSON in the worker. */
      write->draft = mb_conversation_draft (MB_CONVERSATION (saver->object));
      write->copy = g_bytes_ref (mb_script_get_copy (script, &checksum));
      name = g_strconcat (checksum, ".json", NULL);
      write->copy_file = g_file_get_child (scripts, name);
    }
  else
    {
      write->bytes = serialize_people (saver->journal);
    }

  return write;
}

/* Whether the file on disk is the version last seen there; when it is
 * another one, that goes in write->conflict. A file that is not there
 * is written: it is new, or was deleted elsewhere while there was a
 * change to save here, and the change wins.
 */
static gboolean
check_on_disk (Write   *write,
               GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) there = NULL;
  g_autofree char *hash = NULL;

  /* First, so that no more time than before passes between reading the
   * file there and writing over it: another program may write it then.
   */
  if (write->known != NULL && write->expected == NULL)
    write->expected = _mb_journal_known_get_hash (write->known);
  there = mb_storage_load (write->file, NULL, &local_error);

  if (there == NULL && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return TRUE;
  if (there == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (write->file);

      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", name);
      return FALSE;
    }

  hash = _mb_journal_hash (there);
  if (g_strcmp0 (hash, write->expected) != 0)
    write->conflict = g_steal_pointer (&there);
  return TRUE;
}

/* The check again, once the new version is ready to replace the file:
 * another device's version that arrived while it was being written
 * (and was not there at the first check) is not replaced either.
 */
static gboolean
still_as_seen (gpointer   user_data,
               GError   **error)
{
  Write *write = user_data;

  return check_on_disk (write, error) && write->conflict == NULL;
}

/* Writes the file, keeping the old one first when it is of an older
 * format version, and the script copy it names first when that is not
 * there yet: a file on disk never names what is not. Writes nothing
 * when the file on disk is not the version last seen (see
 * check_on_disk()), checked first and again just before the replace.
 * What arrives between that last check and the rename (microseconds:
 * a file system has no compare-and-replace) is replaced, and taken in
 * again by the device or program that wrote it, which still has it
 * (see data/README-journal.md).
 */
static gboolean
write_run (MbJournal  *self,
           Write      *write,
           GError    **error)
{
  g_autoptr(GBytes) on_disk = NULL;
  g_autoptr(GBytes) copy = NULL;

  if (!check_on_disk (write, error))
    return FALSE;
  /* The merge that follows, on the main thread, takes its base from
   * these.
   */
  if (write->conflict != NULL)
    _mb_journal_read_stored (self, write->name);
  if (write->conflict != NULL)
    return TRUE;

  /* Encrypted when the journal is protected; nothing at all when it is
   * locked.
   */
  if (write->bytes == NULL)
    write->bytes = mb_json_draft_finish (write->draft);
  if ((on_disk = _mb_journal_to_disk (self, write->bytes, error)) == NULL ||
      (write->copy != NULL && (copy = _mb_journal_to_disk (self, write->copy, error)) == NULL))
    return FALSE;

  /* The journal's own folder is private too, even if something else
   * made it first.
   */
  if (!mb_storage_ensure_private_dir (g_file_peek_path (self->dir), error) ||
      !_mb_journal_keep_old_file (write->file, write->old_version, error))
    return FALSE;

  if (write->copy_file != NULL && !g_file_test (g_file_peek_path (write->copy_file), G_FILE_TEST_IS_REGULAR) &&
      !mb_storage_write_private (g_file_peek_path (write->copy_file), copy, error))
    return FALSE;
  if (write->copy_file != NULL)
    _mb_journal_note_on_disk (self, write->copy_file, TRUE);

  if (!mb_storage_write_private_if (g_file_peek_path (write->file), on_disk, still_as_seen, write, error))
    return FALSE;
  if (write->conflict != NULL)
    return TRUE;

  _mb_journal_set_known (self, write->name, on_disk, (const char * const *) write->revisions);
  _mb_journal_note_on_disk (self, write->file, TRUE);
  return TRUE;
}

static void
write_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Write *write = task_data;
  GError *error = NULL;

  if (!write_run (source_object, write, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* The write is done: what else was removed meanwhile? */
  write->missing = _mb_journal_find_missing (source_object, FALSE);
  g_task_return_boolean (task, TRUE);
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  Saver *saver = user_data;

  saver->timeout_id = 0;
  save_start (saver);
  return G_SOURCE_REMOVE;
}

static void
schedule (Saver *saver,
          guint  delay_ms)
{
  g_clear_handle_id (&saver->timeout_id, g_source_remove);
  saver->timeout_id = g_timeout_add (delay_ms, save_timeout_cb, saver);
}

static void
write_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  MbJournal *self = MB_JOURNAL (object);
  GObject *key = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);
  Saver *saver = g_hash_table_lookup (self->savers, key);
  Write *write = g_task_get_task_data (G_TASK (result));

  g_object_unref (key);
  write_back (self, write->missing);
  if (saver == NULL)
    return;

  saver->in_flight = FALSE;
  if (saver->deleted)
    {
      /* Deleted while this write was under way: it goes again. */
      _mb_journal_note_on_disk (self, saver->file, FALSE);
      _mb_journal_forget_known (self, write->name);
      _mb_journal_delete_with_old_versions (saver->file, NULL);
      g_hash_table_remove (self->savers, key);
      return;
    }
  if (ok && write->conflict != NULL)
    {
      /* Another version is there: merged in, and the result saved. */
      if (_mb_journal_take_conflict (saver, write->conflict, NULL) && saver->dirty)
        save_start (saver);
      return;
    }
  if (!ok)
    {
      /* The change stays in memory; it is written once the disk lets us. */
      saver->dirty = TRUE;
      g_message ("Could not save %s: %s", g_file_peek_path (saver->file), error->message);
      set_state (saver, MB_SAVE_STATE_FAILED, error->message);
      schedule (saver, self->timing.retry_delay_ms);
    }
  else if (saver->dirty)
    {
      set_state (saver, MB_SAVE_STATE_UNSAVED, NULL);
      schedule (saver, self->timing.autosave_delay_ms);
    }
  else
    {
      set_state (saver, MB_SAVE_STATE_SAVED, NULL);
    }
  if (ok)
    {
      saver->updated = TRUE;
      _mb_journal_watch_again (self);
    }
}

static gboolean
refuse_damaged_people (Saver *saver)
{
  g_autofree char *message = NULL;

  if (saver->object != G_OBJECT (saver->journal) || !saver->journal->people_damaged)
    return FALSE;

  message = g_strdup_printf (_("%s could not be read, so Marbles leaves it as it is"),
                             g_file_peek_path (saver->file));
  set_state (saver, MB_SAVE_STATE_FAILED, message);
  return TRUE;
}

/* Defence in depth: the loader lets no conversation with such names in,
 * but whatever comes here, a file is only written under a name Marbles
 * made itself.
 */
static gboolean
refuse_bad_name (Saver *saver)
{
  const char *checksum = NULL;
  const char *message = NULL;

  if (!MB_IS_CONVERSATION (saver->object))
    return FALSE;

  mb_script_get_copy (mb_conversation_get_script (MB_CONVERSATION (saver->object)), &checksum);
  if (saver->file == NULL)
    message = _("The id of this conversation is not one Marbles writes, so Marbles does not save it");
  else if (!mb_storage_is_valid_checksum (checksum))
    message = _("The copy of this conversation’s script has a name Marbles does not write, "
                "so Marbles does not save it");
  else
    return FALSE;

  set_state (saver, MB_SAVE_STATE_FAILED, message);
  return TRUE;
}

static gboolean
refuse_to_write (Saver *saver)
{
  return refuse_damaged_people (saver) || refuse_bad_name (saver);
}

static void
save_start (Saver *saver)
{
  MbJournal *self = saver->journal;
  g_autoptr(GTask) task = NULL;

  g_clear_handle_id (&saver->timeout_id, g_source_remove);
  if (saver->in_flight || !saver->dirty || refuse_to_write (saver))
    return;

  /* One write at a time per file: a newer change waits for it. */
  saver->in_flight = TRUE;
  saver->dirty = FALSE;
  saver->dirty_since = 0;
  set_state (saver, MB_SAVE_STATE_SAVING, saver->error);

  task = mb_journal_task_new (self, NULL, write_done_cb, g_object_ref (saver->object));
  g_task_set_source_tag (task, save_start);
  g_task_set_task_data (task, write_new (saver), (GDestroyNotify) write_free);
  g_task_run_in_thread (task, write_worker);
}

/* Writes @saver's unsaved change from this thread, once. Returns: %FALSE
 * when it failed, which is shown and tried again later
 */
static gboolean
write_once (Saver   *saver,
            GBytes **conflict,
            GError **error)
{
  g_autoptr(Write) write = NULL;
  g_autoptr(GError) local_error = NULL;

  g_clear_handle_id (&saver->timeout_id, g_source_remove);
  write = write_new (saver);
  saver->dirty = FALSE;
  saver->dirty_since = 0;
  if (!write_run (saver->journal, write, &local_error))
    {
      saver->dirty = TRUE;
      set_state (saver, MB_SAVE_STATE_FAILED, local_error->message);
      schedule (saver, saver->journal->timing.retry_delay_ms);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  *conflict = g_steal_pointer (&write->conflict);
  if (*conflict == NULL)
    {
      saver->updated = TRUE;
      set_state (saver, MB_SAVE_STATE_SAVED, NULL);
      _mb_journal_watch_again (saver->journal);
    }
  return TRUE;
}

/* Writes @saver's unsaved change from this thread, at once; no write of
 * it may be under way. A failure is kept, shown and tried again later,
 * as for a save in the background. Another version found on disk is
 * merged in, and the result written, as a save in the background does.
 */
gboolean
_mb_journal_write_now (Saver   *saver,
                       GError **error)
{
  g_assert (!saver->in_flight);

  if (!saver->dirty)
    return TRUE;
  if (refuse_to_write (saver))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, saver->error);
      return FALSE;
    }

  /* Another version each time would be another program writing on and
   * on: after a few rounds, the change waits for the next save.
   */
  for (guint round = 0; saver->dirty && round < 4; round++)
    {
      g_autoptr(GBytes) conflict = NULL;

      if (!write_once (saver, &conflict, error))
        return FALSE;
      if (conflict != NULL && !_mb_journal_take_conflict (saver, conflict, error))
        return FALSE;
    }

  if (saver->dirty)
    {
      set_state (saver, MB_SAVE_STATE_UNSAVED, NULL);
      schedule (saver, saver->journal->timing.autosave_delay_ms);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                   _("%s keeps being changed by another program"), g_file_peek_path (saver->file));
      return FALSE;
    }
  return TRUE;
}

Saver *
_mb_journal_get_saver (MbJournal *self,
                       GObject   *object)
{
  Saver *saver = g_hash_table_lookup (self->savers, object);

  if (saver == NULL)
    {
      saver = g_new0 (Saver, 1);
      saver->journal = self;
      saver->object = object;
      if (MB_IS_CONVERSATION (object))
        saver->file = _mb_journal_conversation_file (self, MB_CONVERSATION (object));
      else
        saver->file = g_file_get_child (self->dir, "people.json");
      g_hash_table_insert (self->savers, object, saver);
    }

  return saver;
}

void
_mb_journal_mark_changed (MbJournal *self,
                          GObject   *object)
{
  Saver *saver = _mb_journal_get_saver (self, object);
  gint64 now = self->timing.clock ();
  gint64 waited_ms;

  saver->written_back = FALSE;
  saver->dirty = TRUE;
  if (saver->dirty_since == 0)
    saver->dirty_since = now;
  if (!saver->in_flight)
    set_state (saver, MB_SAVE_STATE_UNSAVED, saver->error);

  /* Saved once the typing pauses, but no change waits longer than the
   * maximum delay, however long the typing goes on.
   */
  waited_ms = (now - saver->dirty_since) / 1000;
  schedule (saver, CLAMP ((gint64) self->timing.max_delay_ms - waited_ms, 0, self->timing.autosave_delay_ms));
}

/* Marks @object to be written again, as the version it was when
 * nothing of it is unsaved.
 */
static void
mark_written_back_one (MbJournal *self,
                       GObject   *object)
{
  Saver *saver = _mb_journal_get_saver (self, object);
  gboolean unchanged = !saver->dirty && !saver->in_flight;

  _mb_journal_mark_changed (self, object);
  saver->written_back = unchanged;
}

/* Whether @conversation holds nothing that is not on disk. */
static gboolean
is_saved (MbJournal      *self,
          MbConversation *conversation)
{
  Saver *saver = g_hash_table_lookup (self->savers, conversation);

  return saver == NULL || (!saver->dirty && !saver->in_flight);
}

/* Marks the files in @missing to be written again: this journal holds
 * them, and something removed or moved them away while Marbles runs.
 * Says so once. But a conversation's file alone gone, while all it
 * holds is on disk, was deleted on purpose (on another device, whose
 * sync tool deleted it here): it goes from the journal too. When
 * people.json is gone as well, the whole folder went: everything is
 * written back.
 *
 * Returns: (transfer container): the conversations, and the journal for
 *   people.json, marked
 */
static GPtrArray *
mark_written_back (MbJournal *self,
                   GPtrArray *missing)
{
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) deleted = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *objects = g_ptr_array_new ();
  GListModel *conversations = G_LIST_MODEL (self->conversations);
  gboolean folder_gone;
  guint copies = 0;

  for (guint i = 0; missing != NULL && i < missing->len; i++)
    {
      g_hash_table_add (names, g_ptr_array_index (missing, i));
      copies += g_str_has_prefix (g_ptr_array_index (missing, i), "scripts/");
    }
  folder_gone = g_hash_table_contains (names, "people.json");
  if (folder_gone)
    g_ptr_array_add (objects, self);

  /* Once through the conversations, however many went: each gone, and
   * one that names each script copy gone, which its write puts back.
   */
  for (guint i = 0; g_hash_table_size (names) > 0 && i < g_list_model_get_n_items (conversations); i++)
    {
      g_autoptr(MbConversation) conversation = g_list_model_get_item (conversations, i);
      g_autofree char *name = g_strconcat (mb_conversation_get_id (conversation), ".json", NULL);
      g_autofree char *copy = NULL;
      const char *checksum;

      if (copies > 0)
        {
          mb_script_get_copy (mb_conversation_get_script (conversation), &checksum);
          copy = g_strconcat ("scripts/", checksum, ".json", NULL);
        }
      if (g_hash_table_contains (names, name) && !folder_gone && is_saved (self, conversation))
        {
          g_ptr_array_add (deleted, g_object_ref (conversation));
        }
      else if (g_hash_table_contains (names, name))
        {
          g_ptr_array_add (objects, conversation);
        }
      else if (copy != NULL && g_hash_table_remove (names, copy))
        {
          g_ptr_array_add (objects, conversation);
          copies--;
        }
    }

  for (guint i = 0; i < deleted->len; i++)
    _mb_journal_take_deletion (self, g_ptr_array_index (deleted, i));
  for (guint i = 0; i < objects->len; i++)
    mark_written_back_one (self, g_ptr_array_index (objects, i));
  if (objects->len > 0)
    _mb_journal_emit_files_written_back (self, objects->len);
  return objects;
}

static void
write_back (MbJournal *self,
            GPtrArray *missing)
{
  g_autoptr(GPtrArray) objects = NULL;

  if (missing == NULL)
    return;

  objects = mark_written_back (self, missing);
  for (guint i = 0; i < objects->len; i++)
    save_start (_mb_journal_get_saver (self, g_ptr_array_index (objects, i)));
}

/**
 * mb_journal_save_now:
 * @object: a conversation, or the journal itself for the people
 *
 * Starts saving @object's unsaved changes now rather than after the
 * autosave delay, as on closing a conversation or changing its step.
 */
void
mb_journal_save_now (MbJournal *self,
                     GObject   *object)
{
  Saver *saver;

  g_return_if_fail (MB_IS_JOURNAL (self));

  saver = g_hash_table_lookup (self->savers, object);
  if (saver != NULL)
    save_start (saver);
}

/**
 * mb_journal_set_save_timing:
 * @timing: the delays and the clock; see #MbSaveTiming
 *
 * Times the saves that follow with @timing instead of
 * %MB_SAVE_TIMING_INIT: tests shorten the delays, or drive the clock.
 * A %NULL clock is g_get_monotonic_time(); the clock is called from the
 * journal's worker threads too, so set it while no save is under way.
 */
void
mb_journal_set_save_timing (MbJournal          *self,
                            const MbSaveTiming *timing)
{
  g_return_if_fail (MB_IS_JOURNAL (self));
  g_return_if_fail (timing != NULL);

  g_mutex_lock (&self->on_disk_lock);
  self->timing = *timing;
  if (self->timing.clock == NULL)
    self->timing.clock = g_get_monotonic_time;
  /* When to look for removed files was told by the old clock. */
  self->next_check = 0;
  g_mutex_unlock (&self->on_disk_lock);
}

static gboolean
any_in_flight (MbJournal *self)
{
  GHashTableIter iter;
  Saver *saver;

  g_hash_table_iter_init (&iter, self->savers);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &saver))
    {
      if (saver->in_flight)
        return TRUE;
    }

  return FALSE;
}

/* Writes every unsaved change from this thread.
 *
 * Returns: %TRUE when everything is on disk
 */
static gboolean
flush_dirty (MbJournal *self)
{
  GHashTableIter iter;
  Saver *saver;
  gboolean all_saved = TRUE;

  g_hash_table_iter_init (&iter, self->savers);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &saver))
    all_saved &= _mb_journal_write_now (saver, NULL);

  return all_saved;
}

/**
 * mb_journal_get_unsaved:
 *
 * Returns: (transfer container) (element-type GObject): what holds
 *   changes that are not on disk yet: conversations, and the journal
 *   itself for the people
 */
GPtrArray *
mb_journal_get_unsaved (MbJournal *self)
{
  GPtrArray *unsaved = g_ptr_array_new ();
  GHashTableIter iter;
  Saver *saver;

  g_return_val_if_fail (MB_IS_JOURNAL (self), unsaved);

  g_hash_table_iter_init (&iter, self->savers);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &saver))
    {
      if ((saver->dirty || saver->in_flight) && !saver->deleted)
        g_ptr_array_add (unsaved, saver->object);
    }

  return unsaved;
}

/**
 * mb_journal_get_save_file:
 * @object: a conversation, or the journal itself for the people
 *
 * Returns: (transfer none) (nullable): the file @object is saved in,
 *   once it has had a change to save
 */
GFile *
mb_journal_get_save_file (MbJournal *self,
                          GObject   *object)
{
  Saver *saver;

  g_return_val_if_fail (MB_IS_JOURNAL (self), NULL);

  saver = g_hash_table_lookup (self->savers, object);
  return saver != NULL ? saver->file : NULL;
}

/**
 * mb_journal_flush:
 *
 * Writes every unsaved change before it returns, as on quit: waits for
 * the saves under way, then writes what is left from this thread.
 *
 * Returns: %TRUE when everything is on disk
 */
gboolean
mb_journal_flush (MbJournal *self)
{
  g_autoptr(GPtrArray) missing = NULL;
  gboolean all_saved;

  g_return_val_if_fail (MB_IS_JOURNAL (self), FALSE);

  /* First the writes under way (their callbacks may change the savers),
   * then what is left, from this thread, without running the main loop;
   * then, once more, what was found gone from disk meanwhile.
   */
  while (any_in_flight (self))
    g_main_context_iteration (NULL, TRUE);

  all_saved = flush_dirty (self);
  missing = _mb_journal_find_missing (self, TRUE);
  if (missing != NULL)
    {
      g_ptr_array_unref (mark_written_back (self, missing));
      all_saved = flush_dirty (self);
    }

  return all_saved;
}

/**
 * mb_journal_get_save_state:
 * @object: a conversation, or the journal itself for the people
 */
MbSaveState
mb_journal_get_save_state (MbJournal *self,
                           GObject   *object)
{
  Saver *saver;

  g_return_val_if_fail (MB_IS_JOURNAL (self), MB_SAVE_STATE_SAVED);

  saver = g_hash_table_lookup (self->savers, object);
  return saver != NULL ? saver->state : MB_SAVE_STATE_SAVED;
}

/**
 * mb_journal_get_save_error:
 *
 * Returns: (nullable): why the last save of @object failed
 */
const char *
mb_journal_get_save_error (MbJournal *self,
                           GObject   *object)
{
  Saver *saver;

  g_return_val_if_fail (MB_IS_JOURNAL (self), NULL);

  saver = g_hash_table_lookup (self->savers, object);
  return saver != NULL ? saver->error : NULL;
}

/* For the other files of the journal. */

void
_mb_journal_save_start (Saver *saver)
{
  save_start (saver);
}

void
_mb_journal_set_state (Saver       *saver,
                       MbSaveState  state,
                       const char  *error)
{
  set_state (saver, state, error);
}

void
_mb_journal_schedule (Saver *saver,
                      guint  delay_ms)
{
  schedule (saver, delay_ms);
}

GBytes *
_mb_journal_serialize_people (MbJournal *self)
{
  return serialize_people (self);
}

void
_mb_journal_write_back (MbJournal *self,
                        GPtrArray *missing)
{
  write_back (self, missing);
}
