/* mb-journal-watch.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Noticing what changes in the journal's folder while Marbles runs: a
 * sync tool bringing another device's version, a second Marbles, a
 * program. The folder and conversations/ are watched; a burst of
 * events becomes one look, a quarter of a second after the last, and
 * a slow look every half minute catches what file systems without
 * notifications do not tell.
 *
 * A look, in a worker, lists people.json and conversations/ and reads
 * only the files whose metadata changed since they were last read; a
 * file that is the version the journal last saw (its own save) is left.
 * What is left over, and what is gone, goes to the main thread
 * (mb-journal-sync.c).
 */

#define G_LOG_DOMAIN "mb-journal"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "mb-journal-private.h"
#include "mb-json.h"
#include "mb-merge.h"
#include "mb-storage.h"

#define RESCAN_DELAY_MS   250
#define RESCAN_SLOWLY_S   30

/* The look, in a worker */

/* Reads a conversation file new on disk, as the loader does. */
static void
read_added (MbJournal *self,
            Found     *found)
{
  g_autofree char *display = g_file_get_parse_name (found->file);
  g_autoptr(JsonNode) root = mb_json_parse (found->bytes, "", NULL);
  g_autoptr(GHashTable) copies = _mb_journal_script_copies_for (self, root, NULL);
  g_autoptr(GError) error = NULL;

  found->conversation = mb_conversation_new_from_bytes (found->bytes, display, copies, &error);
  if (found->conversation != NULL && !_mb_journal_check_id (found->conversation, found->name, display, &error))
    g_clear_object (&found->conversation);
  if (found->conversation != NULL)
    mb_conversation_prepare_search (found->conversation);
  else
    found->problem = g_strdup (error->message);
}

/* What @name under @dir is to the journal: people.json, a conversation
 * file, or a sync tool's conflict copy of one of them (@original, the
 * name it is a copy of, without ".json"); %FALSE for none of these.
 */
static gboolean
classify (const char  *name,
          gboolean     top,
          FoundKind   *kind,
          char       **original)
{
  g_autofree char *copy_of = NULL;

  if (name[0] == '.' || !g_str_has_suffix (name, ".json"))
    return FALSE;
  if (mb_merge_parse_conflict_name (name, &copy_of) &&
      (top ? g_str_equal (copy_of, "people") : mb_storage_is_valid_id (copy_of)))
    {
      *kind = FOUND_COPY;
      *original = g_steal_pointer (&copy_of);
      return TRUE;
    }

  *kind = FOUND_CHANGED;
  return !top || g_str_equal (name, "people.json");
}

/* Looks at @name in @dir, which a look found there: read, when its
 * metadata changed since it was last read and it is not the version
 * the journal last saw.
 */
static void
look_at_file (MbJournal  *self,
              Rescan     *rescan,
              GFile      *dir,
              const char *prefix,
              const char *name,
              FoundKind   kind,
              char       *original,
              GHashTable *seen)
{
  g_autofree char *path = g_strconcat (prefix, name, NULL);
  g_autoptr(GFile) file = g_file_get_child (dir, name);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(Known) known = NULL;
  g_autofree char *known_hash = NULL;
  g_autofree char *hash = NULL;
  FileStat meta;
  Found *found;

  if (!_mb_journal_stat (file, &meta))
    return;
  g_hash_table_add (seen, g_strdup (path));
  if (_mb_journal_stat_unchanged (self, path, &meta) ||
      (bytes = mb_storage_load (file, NULL, NULL)) == NULL)
    return;

  hash = _mb_journal_hash (bytes);
  known = kind == FOUND_COPY ? NULL : _mb_journal_dup_known (self, name);
  known_hash = known != NULL ? _mb_journal_known_get_hash (known) : NULL;
  if (known_hash != NULL && g_str_equal (known_hash, hash))
    {
      _mb_journal_note_stat (self, path, &meta);
      return;
    }

  found = g_new0 (Found, 1);
  found->kind = kind != FOUND_COPY && known == NULL && !g_str_equal (name, "people.json") ? FOUND_ADDED : kind;
  found->name = g_strdup (name);
  found->path = g_steal_pointer (&path);
  found->file = g_steal_pointer (&file);
  found->original = g_strdup (original);
  found->bytes = g_steal_pointer (&bytes);
  found->hash = g_steal_pointer (&hash);
  found->serial = known != NULL ? known->serial : 0;
  if (found->kind == FOUND_ADDED)
    read_added (self, found);
  /* The versions a merge of it may take as base, here rather than on
   * the main thread.
   */
  if (found->kind == FOUND_CHANGED)
    _mb_journal_read_stored (self, name);
  else if (found->kind == FOUND_COPY)
    {
      g_autofree char *original_name = g_strconcat (original, ".json", NULL);

      _mb_journal_read_stored (self, original_name);
    }
  /* One that could not be read is read again next time: it may name a
   * script copy that is not there yet.
   */
  if (found->problem == NULL)
    _mb_journal_note_stat (self, found->path, &meta);
  g_ptr_array_add (rescan->found, found);
}

/* Looks at the files in @dir (the folder, when @prefix is empty, or
 * conversations/).
 */
static void
look_in (MbJournal  *self,
         Rescan     *rescan,
         GFile      *dir,
         const char *prefix,
         GHashTable *seen)
{
  g_autoptr(GDir) listing = g_dir_open (g_file_peek_path (dir), 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *original = NULL;
      FoundKind kind;

      if (classify (name, prefix[0] == '\0', &kind, &original))
        look_at_file (self, rescan, dir, prefix, name, kind, original, seen);
    }
}

/* Forgets the metadata of files that are gone. */
static void
forget_unseen (MbJournal  *self,
               GHashTable *seen)
{
  GHashTableIter iter;
  const char *path;

  g_mutex_lock (&self->on_disk_lock);
  g_hash_table_iter_init (&iter, self->stats);
  while (g_hash_table_iter_next (&iter, (gpointer *) &path, NULL))
    {
      if (!g_hash_table_contains (seen, path))
        g_hash_table_iter_remove (&iter);
    }
  g_mutex_unlock (&self->on_disk_lock);
}

static void
rescan_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  MbJournal *self = source_object;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GFile) conversations = g_file_get_child (self->dir, "conversations");
  Rescan *rescan = g_new0 (Rescan, 1);

  rescan->found = g_ptr_array_new_with_free_func (_mb_journal_found_free);
  look_in (self, rescan, self->dir, "", seen);
  look_in (self, rescan, conversations, "conversations/", seen);
  forget_unseen (self, seen);
  rescan->missing = _mb_journal_find_missing (self, TRUE);
  g_task_return_pointer (task, rescan, (GDestroyNotify) _mb_journal_rescan_free);
}

/* One look at a time, on the main thread */

static void start_rescan (MbJournal *self);

static void
rescan_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  MbJournal *self = MB_JOURNAL (object);
  Rescan *rescan = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autoptr(GPtrArray) done = g_steal_pointer (&self->rescan_running);

  self->rescan_running = g_ptr_array_new_with_free_func (g_object_unref);
  self->rescanning = FALSE;
  _mb_journal_watch_again (self);
  if (rescan != NULL)
    {
      _mb_journal_take_rescan (self, rescan);
      _mb_journal_rescan_free (rescan);
    }

  for (guint i = 0; i < done->len; i++)
    g_task_return_boolean (g_ptr_array_index (done, i), TRUE);
  if (self->rescan_waiting->len > 0 || self->rescan_again)
    start_rescan (self);
}

/* Starts a look, unless one is under way: then another follows it. */
static void
start_rescan (MbJournal *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->rescanning)
    {
      self->rescan_again = TRUE;
      return;
    }

  self->rescanning = TRUE;
  self->rescan_again = FALSE;
  g_ptr_array_extend_and_steal (self->rescan_running, g_steal_pointer (&self->rescan_waiting));
  self->rescan_waiting = g_ptr_array_new_with_free_func (g_object_unref);
  task = mb_journal_task_new (self, self->cancellable, rescan_done_cb, NULL);
  g_task_set_source_tag (task, start_rescan);
  g_task_run_in_thread (task, rescan_worker);
}

static gboolean
rescan_soon_cb (gpointer user_data)
{
  MbJournal *self = user_data;

  self->rescan_soon_id = 0;
  start_rescan (self);
  return G_SOURCE_REMOVE;
}

/* Looks again shortly, once the events of a burst have come; not when a
 * test turned watching off: it looks when it chooses.
 */
void
_mb_journal_rescan_soon (MbJournal *self)
{
  if (self->watch_off)
    return;

  g_clear_handle_id (&self->rescan_soon_id, g_source_remove);
  self->rescan_soon_id = g_timeout_add (RESCAN_DELAY_MS, rescan_soon_cb, self);
}

static gboolean
rescan_slowly_cb (gpointer user_data)
{
  start_rescan (user_data);
  return G_SOURCE_CONTINUE;
}

static void
folder_changed_cb (GFileMonitor      *monitor,
                   GFile             *file,
                   GFile             *other_file,
                   GFileMonitorEvent  event,
                   MbJournal         *self)
{
  _mb_journal_rescan_soon (self);
}

static void
watch_folder (MbJournal *self,
              GFile     *dir)
{
  g_autoptr(GError) error = NULL;
  GFileMonitor *monitor;

  /* The system tells late of a folder made after it is watched. */
  if (!g_file_query_exists (dir, NULL))
    self->watch_again = TRUE;

  monitor = g_file_monitor_directory (dir, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);

  /* Without one, the slow look finds changes all the same. */
  if (monitor == NULL)
    {
      g_debug ("Cannot watch %s: %s", g_file_peek_path (dir), error->message);
      return;
    }

  g_signal_connect_object (monitor, "changed", G_CALLBACK (folder_changed_cb), self, 0);
  g_ptr_array_add (self->monitors, monitor);
}

static void
stop_monitors (MbJournal *self)
{
  for (guint i = 0; i < self->monitors->len; i++)
    {
      g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->monitors, i), folder_changed_cb, self);
      g_file_monitor_cancel (g_ptr_array_index (self->monitors, i));
    }
  g_ptr_array_set_size (self->monitors, 0);
}

static void
start_monitors (MbJournal *self)
{
  g_autoptr(GFile) conversations = g_file_get_child (self->dir, "conversations");

  self->watch_again = FALSE;
  watch_folder (self, self->dir);
  watch_folder (self, conversations);
}

/**
 * _mb_journal_start_watching:
 *
 * Starts noticing changes in the folder, once it is loaded; and looks at
 * once for what a sync tool left meanwhile (conflict copies).
 */
void
_mb_journal_start_watching (MbJournal *self)
{
  if (self->watch_off || self->monitors->len > 0)
    return;

  start_monitors (self);
  self->rescan_slowly_id = g_timeout_add_seconds (RESCAN_SLOWLY_S, rescan_slowly_cb, self);
  start_rescan (self);
}

/**
 * _mb_journal_watch_again:
 *
 * Watches the folder again when it was not all there when it was first
 * watched and may be now, as after a save.
 */
void
_mb_journal_watch_again (MbJournal *self)
{
  if (!self->watch_again || self->monitors->len == 0)
    return;

  stop_monitors (self);
  start_monitors (self);
}

void
_mb_journal_stop_watching (MbJournal *self)
{
  stop_monitors (self);
  g_clear_handle_id (&self->rescan_soon_id, g_source_remove);
  g_clear_handle_id (&self->rescan_slowly_id, g_source_remove);
}

/**
 * _mb_journal_set_watching:
 *
 * For tests, which look when they choose (_mb_journal_rescan_async()):
 * whether the journal watches its folder once loaded, as it does unless
 * told not to.
 */
void
_mb_journal_set_watching (MbJournal *self,
                          gboolean   watching)
{
  self->watch_off = !watching;
  if (!watching)
    _mb_journal_stop_watching (self);
  else if (self->loaded)
    _mb_journal_start_watching (self);
}

/**
 * _mb_journal_rescan_async:
 *
 * Looks at the folder, as a change there makes the journal do, and
 * takes in what it finds; @callback comes once a look started after
 * this call is done. For tests, which do not wait for the system to
 * tell of a change.
 */
void
_mb_journal_rescan_async (MbJournal           *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, _mb_journal_rescan_async);
  g_ptr_array_add (self->rescan_waiting, task);
  start_rescan (self);
}

gboolean
_mb_journal_rescan_finish (MbJournal     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
