/* mb-journal.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The store on disk: people.json and one file per conversation under
 * conversations/, in the user's private data folder. Loading happens in
 * a worker thread; a file that cannot be read is listed as a problem and
 * never written. Every change is saved shortly after it is made: the
 * object is copied on the main thread (a conversation's texts held
 * apart, see MbJsonDraft) and serialised and written by a worker with
 * an atomic replace. A save that fails keeps the change in memory and is
 * tried again until it succeeds.
 *
 * This file holds the object and its lists; the work is split by job:
 * mb-journal-loader.c reads, mb-journal-writer.c saves,
 * mb-journal-files.c knows the files on disk, mb-journal-search.c
 * searches, mb-journal-history.c answers what is known about a person,
 * and mb-journal-forget.c deletes. mb-journal-watch.c notices what
 * changes on disk, mb-journal-sync.c and mb-journal-copies.c take it in,
 * mb-journal-choose.c keeps the version the user chooses of two that
 * cannot be merged, and mb-journal-known.c knows which versions of the
 * files were seen.
 * mb-journal-private.h holds what they share.
 */

#define G_LOG_DOMAIN "mb-journal"

#include "config.h"

#include "mb-journal-private.h"
#include "mb-json.h"

G_DEFINE_FINAL_TYPE (MbJournal, mb_journal, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DIR,
  PROP_LOADED,
  PROP_SEARCH_READY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SAVE_STATE_CHANGED,
  FILES_WRITTEN_BACK,
  MERGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
_mb_journal_emit_save_state_changed (MbJournal *self,
                                     GObject   *object)
{
  g_signal_emit (self, signals[SAVE_STATE_CHANGED], 0, object);
}

void
_mb_journal_emit_files_written_back (MbJournal *self,
                                     guint      n_files)
{
  g_signal_emit (self, signals[FILES_WRITTEN_BACK], 0, n_files);
}

void
_mb_journal_emit_merged (MbJournal *self,
                         GObject   *object,
                         guint      n_both_changed)
{
  g_signal_emit (self, signals[MERGED], 0, object, n_both_changed);
}

void
_mb_journal_notify_loaded (MbJournal *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

void
_mb_journal_notify_search_ready (MbJournal *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_READY]);
}

int
_mb_journal_compare_people (gconstpointer a,
                            gconstpointer b,
                            gpointer      user_data)
{
  return g_utf8_collate (mb_person_get_name ((MbPerson *) a), mb_person_get_name ((MbPerson *) b));
}

int
_mb_journal_compare_conversations (gconstpointer a,
                                   gconstpointer b,
                                   gpointer      user_data)
{
  /* Newest first */
  return g_date_time_compare (mb_conversation_get_when ((MbConversation *) b),
                              mb_conversation_get_when ((MbConversation *) a));
}

/* A version taken in from disk is not a change to save. */
static void
conversation_changed_cb (MbJournal      *self,
                         MbConversation *conversation)
{
  if (!self->applying)
    _mb_journal_mark_changed (self, G_OBJECT (conversation));
}

static void
person_changed_cb (MbJournal *self)
{
  if (!self->applying)
    _mb_journal_mark_changed (self, G_OBJECT (self));
}

void
_mb_journal_watch_conversation (MbJournal      *self,
                                MbConversation *conversation)
{
  g_signal_connect_object (conversation, "changed", G_CALLBACK (conversation_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

/* Saves @person when it changes; the caller puts it in the list. */
void
_mb_journal_watch_person (MbJournal *self,
                          MbPerson  *person)
{
  g_signal_connect_object (person, "notify", G_CALLBACK (person_changed_cb), self, G_CONNECT_SWAPPED);
  g_hash_table_insert (self->people_by_id, g_strdup (mb_person_get_id (person)), person);
}

/* Stops saving @conversation when it changes. */
void
_mb_journal_unwatch_conversation (MbJournal      *self,
                                  MbConversation *conversation)
{
  g_signal_handlers_disconnect_by_func (conversation, conversation_changed_cb, self);
}

/* Stops saving @person when it changes; the caller takes it off the list. */
void
_mb_journal_unwatch_person (MbJournal *self,
                            MbPerson  *person)
{
  g_signal_handlers_disconnect_by_func (person, person_changed_cb, self);
  g_hash_table_remove (self->people_by_id, mb_person_get_id (person));
}

/* Keeps @person in the list, sorted, and saves it when it changes. */
static void
add_person (MbJournal *self,
            MbPerson  *person)
{
  _mb_journal_watch_person (self, person);
  g_list_store_insert_sorted (self->people, person, _mb_journal_compare_people, NULL);
}

gboolean
mb_journal_is_loaded (MbJournal *self)
{
  g_return_val_if_fail (MB_IS_JOURNAL (self), FALSE);

  return self->loaded;
}

/**
 * mb_journal_get_dir:
 *
 * Returns: (transfer none): the folder the journal lives in
 */
GFile *
mb_journal_get_dir (MbJournal *self)
{
  g_return_val_if_fail (MB_IS_JOURNAL (self), NULL);

  return self->dir;
}

/**
 * mb_journal_get_people:
 *
 * Returns: (transfer none): a #GListModel of #MbPerson, by name
 */
GListModel *
mb_journal_get_people (MbJournal *self)
{
  g_return_val_if_fail (MB_IS_JOURNAL (self), NULL);

  return G_LIST_MODEL (self->people);
}

/**
 * mb_journal_get_conversations:
 *
 * Returns: (transfer none): a #GListModel of #MbConversation, newest first
 */
GListModel *
mb_journal_get_conversations (MbJournal *self)
{
  g_return_val_if_fail (MB_IS_JOURNAL (self), NULL);

  return G_LIST_MODEL (self->conversations);
}

/**
 * mb_journal_get_problems:
 *
 * Returns: (transfer none): a #GListModel of #MbProblem: the files that
 *   could not be read, which are left as they are
 */
GListModel *
mb_journal_get_problems (MbJournal *self)
{
  g_return_val_if_fail (MB_IS_JOURNAL (self), NULL);

  return G_LIST_MODEL (self->problems);
}

/**
 * mb_journal_get_n_kept_people:
 *
 * Returns: how many people people.json holds that this version cannot
 *   show (such as one whose name is not a text); they are written back
 *   as they were, in their place
 */
guint
mb_journal_get_n_kept_people (MbJournal *self)
{
  g_return_val_if_fail (MB_IS_JOURNAL (self), 0);

  return self->kept_people->len;
}

/**
 * mb_journal_lookup_person:
 *
 * Returns: (transfer none) (nullable): the person with @id
 */
MbPerson *
mb_journal_lookup_person (MbJournal  *self,
                          const char *id)
{
  g_return_val_if_fail (MB_IS_JOURNAL (self), NULL);

  return id != NULL ? g_hash_table_lookup (self->people_by_id, id) : NULL;
}

/**
 * mb_journal_add_person:
 * @role: (nullable): what they do
 *
 * Returns: (transfer none): the new person, saved shortly
 */
MbPerson *
mb_journal_add_person (MbJournal  *self,
                       const char *name,
                       const char *role)
{
  g_autoptr(MbPerson) person = NULL;

  g_return_val_if_fail (MB_IS_JOURNAL (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  person = mb_person_new (name, role);
  add_person (self, person);
  _mb_journal_mark_changed (self, G_OBJECT (self));
  return person;
}

/**
 * mb_journal_add_conversation:
 *
 * Adds a new conversation; it is saved shortly, and after every change.
 */
void
mb_journal_add_conversation (MbJournal      *self,
                             MbConversation *conversation)
{
  Saver *saver;

  g_return_if_fail (MB_IS_JOURNAL (self));
  g_return_if_fail (MB_IS_CONVERSATION (conversation));

  saver = g_hash_table_lookup (self->savers, conversation);
  if (saver != NULL)
    saver->deleted = FALSE;

  _mb_journal_watch_conversation (self, conversation);
  g_list_store_insert_sorted (self->conversations, conversation, _mb_journal_compare_conversations, NULL);
  _mb_journal_mark_changed (self, G_OBJECT (conversation));
}

/**
 * mb_journal_lookup_conversation:
 *
 * Returns: (transfer none) (nullable): the conversation with @id
 */
MbConversation *
mb_journal_lookup_conversation (MbJournal  *self,
                                const char *id)
{
  GListModel *conversations = mb_journal_get_conversations (self);

  g_return_val_if_fail (MB_IS_JOURNAL (self), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (conversations); i++)
    {
      g_autoptr(MbConversation) conversation = g_list_model_get_item (conversations, i);

      if (g_strcmp0 (mb_conversation_get_id (conversation), id) == 0)
        return conversation;
    }

  return NULL;
}

static gboolean
let_go_cb (gpointer user_data)
{
  g_object_unref (user_data);
  return G_SOURCE_REMOVE;
}

/* Lets go of a hold on @data, a journal, in the thread that made it. */
static void
let_go_at_home (gpointer data)
{
  MbJournal *self = data;
  GSource *source;

  if (g_thread_self () == self->thread)
    {
      g_object_unref (self);
      return;
    }

  source = g_idle_source_new ();
  g_source_set_callback (source, let_go_cb, self, NULL);
  g_source_set_static_name (source, "[marbles] journal let go where it was made");
  g_source_attach (source, self->context);
  g_source_unref (source);
}

/**
 * mb_journal_task_new:
 *
 * A task whose source is @self, for work in a thread. GLib frees a task
 * in its worker when the worker is the last to let go of it, and the
 * task's reference to its source goes with it; were that the journal's
 * last, the journal would be disposed of in the worker, while its
 * sources, monitors and saves belong to the thread that made it. So the
 * task holds @self once more, and that hold, let go only after the
 * task's own reference, is let go in the thread that made @self.
 *
 * Returns: (transfer full): a new task
 */
GTask *
mb_journal_task_new (MbJournal           *self,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  GTask *task;

  g_return_val_if_fail (MB_IS_JOURNAL (self), NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  /* GObject frees an object's data in its own finalize(), which GTask's
   * calls last: after the task has let go of its source.
   */
  g_object_set_data_full (G_OBJECT (task), "mb-journal-hold", g_object_ref (self), let_go_at_home);
  return task;
}

static void
mb_journal_dispose (GObject *object)
{
  MbJournal *self = MB_JOURNAL (object);

  /* A task run in a thread holds the journal as mb_journal_task_new()
   * makes it do, or it could be let go of last in a worker.
   */
  if (g_thread_self () != self->thread)
    g_critical ("A journal was let go of last in a thread that did not make it");

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->prepare_id, g_source_remove);
  g_clear_pointer (&self->unprepared, g_ptr_array_unref);
  _mb_journal_stop_watching (self);
  g_hash_table_remove_all (self->savers);

  G_OBJECT_CLASS (mb_journal_parent_class)->dispose (object);
}

static void
mb_journal_finalize (GObject *object)
{
  MbJournal *self = MB_JOURNAL (object);

  g_clear_object (&self->dir);
  g_clear_pointer (&self->people_by_id, g_hash_table_unref);
  g_clear_object (&self->people);
  g_clear_object (&self->conversations);
  g_clear_pointer (&self->searched, g_ptr_array_unref);
  g_clear_object (&self->problems);
  g_clear_pointer (&self->savers, g_hash_table_unref);
  g_clear_pointer (&self->people_original, json_node_unref);
  g_array_unref (self->kept_people);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->on_disk, g_hash_table_unref);
  g_clear_pointer (&self->known, g_hash_table_unref);
  g_clear_pointer (&self->history, g_hash_table_unref);
  g_strfreev (self->people_revisions);
  g_clear_pointer (&self->stats, g_hash_table_unref);
  _mb_journal_close_store (self);
  g_clear_pointer (&self->monitors, g_ptr_array_unref);
  g_clear_pointer (&self->rescan_waiting, g_ptr_array_unref);
  g_clear_pointer (&self->rescan_running, g_ptr_array_unref);
  g_clear_pointer (&self->merged_copies, g_ptr_array_unref);
  _mb_journal_drop_key (self);
  g_mutex_clear (&self->on_disk_lock);
  g_main_context_unref (self->context);

  G_OBJECT_CLASS (mb_journal_parent_class)->finalize (object);
}

static void
mb_journal_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_DIR:
      g_value_set_object (value, MB_JOURNAL (object)->dir);
      break;

    case PROP_LOADED:
      g_value_set_boolean (value, MB_JOURNAL (object)->loaded);
      break;

    case PROP_SEARCH_READY:
      g_value_set_boolean (value, mb_journal_is_search_ready (MB_JOURNAL (object)));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_journal_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_DIR:
      MB_JOURNAL (object)->dir = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_journal_class_init (MbJournalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mb_journal_dispose;
  object_class->finalize = mb_journal_finalize;
  object_class->get_property = mb_journal_get_property;
  object_class->set_property = mb_journal_set_property;

  properties[PROP_DIR] =
    g_param_spec_object ("dir", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* Whether what was loaded is prepared for searching: see
   * mb_journal_is_search_ready().
   */
  properties[PROP_SEARCH_READY] =
    g_param_spec_boolean ("search-ready", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MbJournal::save-state-changed:
   * @object: the conversation, or the journal for the people
   */
  signals[SAVE_STATE_CHANGED] =
    g_signal_new ("save-state-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_OBJECT);

  /**
   * MbJournal::files-written-back:
   * @n_files: how many
   *
   * Files this journal holds (people.json, conversations) were removed
   * or moved away while Marbles runs; they are being written back, with
   * the script copies they name. Emitted once each time a save finds
   * that, not once per file.
   */
  signals[FILES_WRITTEN_BACK] =
    g_signal_new ("files-written-back",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  /**
   * MbJournal::merged:
   * @object: the conversation, or the journal for the people
   * @n_both_changed: how many texts were changed here and there at once;
   *   both versions of each are kept, the other one marked
   *
   * Another device's version of @object (or a program's, or a second
   * Marbles') was found on disk and taken in, merged with what is here;
   * @object shows the result.
   */
  signals[MERGED] =
    g_signal_new ("merged",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_OBJECT, G_TYPE_UINT);
}

static void
free_versions (gpointer versions)
{
  g_queue_free_full (versions, (GDestroyNotify) _mb_journal_known_free);
}

static void
conversations_changed_cb (MbJournal *self)
{
  g_clear_pointer (&self->searched, g_ptr_array_unref);
}

static void
mb_journal_init (MbJournal *self)
{
  self->thread = g_thread_self ();
  self->context = g_main_context_ref_thread_default ();
  self->people = g_list_store_new (MB_TYPE_PERSON);
  self->people_by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->conversations = g_list_store_new (MB_TYPE_CONVERSATION);
  g_signal_connect_object (self->conversations, "items-changed", G_CALLBACK (conversations_changed_cb), self,
                           G_CONNECT_SWAPPED);
  self->problems = g_list_store_new (MB_TYPE_PROBLEM);
  self->kept_people = mb_json_kept_new ();
  self->savers = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) _mb_journal_saver_free);
  self->timing = (MbSaveTiming) MB_SAVE_TIMING_INIT;
  self->cancellable = g_cancellable_new ();
  self->on_disk = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) _mb_journal_known_free);
  self->history = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_versions);
  self->stats = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->store = -1;
  self->monitors = g_ptr_array_new_with_free_func (g_object_unref);
  self->rescan_waiting = g_ptr_array_new_with_free_func (g_object_unref);
  self->rescan_running = g_ptr_array_new_with_free_func (g_object_unref);
  self->merged_copies = g_ptr_array_new_with_free_func (_mb_journal_merged_copy_free);
  g_mutex_init (&self->on_disk_lock);
}

/**
 * mb_journal_new:
 * @dir: the folder of the journal, normally `$XDG_DATA_HOME/marbles`;
 *   it is created, private, on the first save
 */
MbJournal *
mb_journal_new (GFile *dir)
{
  g_return_val_if_fail (G_IS_FILE (dir), NULL);

  return g_object_new (MB_TYPE_JOURNAL, "dir", dir, NULL);
}
