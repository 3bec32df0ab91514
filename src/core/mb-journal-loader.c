/* mb-journal-loader.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Loading: people.json and the conversation files are read in worker
 * threads; a file that cannot be read is listed as a problem and never
 * written.
 */

#define G_LOG_DOMAIN "mb-journal"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-journal-private.h"
#include "mb-json.h"
#include "mb-merge.h"
#include "mb-storage.h"
#include "mb-text.h"

static int
compare_people_in_array (gconstpointer a,
                         gconstpointer b,
                         gpointer      user_data)
{
  return _mb_journal_compare_people (*(MbPerson **) a, *(MbPerson **) b, user_data);
}

static int
compare_conversations_in_array (gconstpointer a,
                                gconstpointer b,
                                gpointer      user_data)
{
  return _mb_journal_compare_conversations (*(MbConversation **) a, *(MbConversation **) b, user_data);
}

/* Puts @items, already sorted by @compare, in @store: in one change when
 * @store is empty, as it is after a load, rather than one per item.
 */
static void
store_sorted (GListStore       *store,
              GPtrArray        *items,
              GCompareDataFunc  compare)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (store)) == 0)
    {
      g_list_store_splice (store, 0, 0, items->pdata, items->len);
      return;
    }

  for (guint i = 0; i < items->len; i++)
    g_list_store_insert_sorted (store, g_ptr_array_index (items, i), compare, NULL);
}

/* What the loading worker hands to the main thread. */
typedef struct
{
  GPtrArray *people;
  GPtrArray *conversations;
  GPtrArray *problems;
  JsonNode  *people_original;
  GStrv      people_revisions;
  GArray    *kept_people;
  gboolean   people_damaged;
  GHashTable *on_disk;  /* as MbJournal's, listed in the worker */
} LoadResult;

static void
load_result_free (LoadResult *result)
{
  g_ptr_array_unref (result->people);
  g_ptr_array_unref (result->conversations);
  g_ptr_array_unref (result->problems);
  g_clear_pointer (&result->people_original, json_node_unref);
  g_strfreev (result->people_revisions);
  g_array_unref (result->kept_people);
  g_clear_pointer (&result->on_disk, g_hash_table_unref);
  g_free (result);
}

static void
add_problem (LoadResult *result,
             GFile      *file,
             const char *message)
{
  g_ptr_array_add (result->problems, mb_problem_new (file, message));
}

/* Someone this version can show and write back as they were, or NULL. */
static gpointer
person_from_json (JsonNode *node,
                  gpointer  data)
{
  return JSON_NODE_HOLDS_OBJECT (node) ? mb_person_new_from_json (json_node_get_object (node)) : NULL;
}

/* Reads @file, noting its metadata, to know later whether it changed:
 * first, so that a change while it is read is not missed.
 */
static GBytes *
load_bytes (MbJournal     *self,
            GFile         *file,
            const char    *path,
            GCancellable  *cancellable,
            GError       **error)
{
  gboolean has_meta;
  FileStat meta;
  GBytes *bytes;

  has_meta = _mb_journal_stat (file, &meta);
  bytes = mb_storage_load (file, cancellable, error);
  if (bytes != NULL && has_meta)
    _mb_journal_note_stat (self, path, &meta);
  return bytes;
}

static void
load_people (MbJournal    *self,
             LoadResult   *result,
             GFile        *file,
             GCancellable *cancellable)
{
  g_autofree char *name = g_file_get_parse_name (file);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = load_bytes (self, file, "people.json", cancellable, &error);
  g_autoptr(JsonNode) parsed = NULL;
  JsonObject *root;
  JsonArray *people;

  if (bytes == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_autofree char *message = g_strdup_printf ("%s: %s", name, error->message);

          add_problem (result, file, message);
          result->people_damaged = TRUE;
        }
      return;
    }

  parsed = mb_json_parse (bytes, name, &error);
  if (parsed != NULL && JSON_NODE_HOLDS_OBJECT (parsed))
    result->people_revisions = mb_json_get_strv (json_node_get_object (parsed), "revisions");
  _mb_journal_set_known (self, "people.json", bytes, (const char * const *) result->people_revisions);
  if (parsed == NULL ||
      !JSON_NODE_HOLDS_OBJECT (parsed) ||
      g_strcmp0 (mb_json_get_string (json_node_get_object (parsed), "format"), PEOPLE_FORMAT) != 0 ||
      mb_json_get_version (json_node_get_object (parsed)) < 0 ||
      mb_json_get_version (json_node_get_object (parsed)) > PEOPLE_FORMAT_VERSION)
    {
      g_autofree char *message = error != NULL ? g_strdup (error->message)
                                               : g_strdup_printf ("%s: %s", name,
                                                                  _("This is not a Marbles people file, or one from a newer version"));

      add_problem (result, file, message);
      result->people_damaged = TRUE;
      return;
    }

  root = json_node_get_object (parsed);
  people = json_object_has_member (root, "people") && JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "people"))
           ? json_object_get_array_member (root, "people") : NULL;
  if (people == NULL && json_object_has_member (root, "people"))
    {
      /* Translators: %s is the name of a member of the file, such as “people” */
      g_autofree char *what = g_strdup_printf (_("“%s” should be a list"), "people");
      g_autofree char *message = g_strdup_printf ("%s: %s", name, what);

      add_problem (result, file, message);
      result->people_damaged = TRUE;
      return;
    }

  result->people_original = json_node_copy (parsed);
  if (people != NULL)
    mb_json_read_list (people, person_from_json, NULL, result->people, result->kept_people);
}

/* The copies of scripts that conversations share, in
 * conversations/scripts/CHECKSUM.json.
 */
static GHashTable *
load_script_copies (LoadResult   *result,
                    GFile        *dir,
                    GCancellable *cancellable)
{
  GHashTable *copies = mb_script_copies_new ();
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GError) error = NULL;
  GFileInfo *info;

  enumerator = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                          G_FILE_QUERY_INFO_NONE, cancellable, &error);
  if (enumerator == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        add_problem (result, dir, error->message);
      return copies;
    }

  while (g_file_enumerator_iterate (enumerator, &info, NULL, cancellable, NULL) && info != NULL)
    {
      const char *name = g_file_info_get_name (info);
      g_autoptr(GFile) file = NULL;
      g_autofree char *display = NULL;
      g_autofree char *checksum = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) file_error = NULL;
      MbScript *script;

      if (name[0] == '.' || !g_str_has_suffix (name, ".json"))
        continue;

      file = g_file_get_child (dir, name);
      display = g_file_get_parse_name (file);
      checksum = g_strndup (name, strlen (name) - strlen (".json"));
      if (!mb_storage_is_valid_checksum (checksum))
        {
          g_autofree char *message = g_strdup_printf (_("%s: This is not the name of a script copy Marbles "
                                                        "wrote, so Marbles does not use the file and leaves "
                                                        "it as it is"), display);

          add_problem (result, file, message);
          continue;
        }
      bytes = mb_storage_load (file, cancellable, &file_error);
      if (bytes == NULL)
        g_prefix_error (&file_error, "%s: ", display);
      script = bytes != NULL ? mb_script_new_from_copy (bytes, checksum, display, &file_error) : NULL;
      if (script != NULL)
        g_hash_table_insert (copies, g_steal_pointer (&checksum), script);
      else
        add_problem (result, file, file_error->message);
    }

  return copies;
}

/* The conversation files of a load, read by up to MAX_THREADS threads,
 * each taking the next file not taken yet.
 */
#define MAX_THREADS 4

typedef struct
{
  MbJournal    *journal;
  GFile        *dir;
  GPtrArray    *names;
  GHashTable   *copies;
  GCancellable *cancellable;
  gpointer     *read;      /* for each name, its MbConversation or MbProblem */
  gint          next;      /* the next name to read; atomic */
  guint         wanted;    /* threads, the first included, when all are allowed */
  GThread      *threads[MAX_THREADS - 1];
  guint         n_threads; /* started besides the first */
} Load;

/* A conversation is saved, deleted and forgotten through the file its
 * id names, so a file is only taken in when its id is one Marbles writes
 * and is its own name: a file named after another one's id (a copy, a
 * sync tool's conflict copy) or with an id such as `../people` is
 * listed and left alone, rather than saved over another file.
 */
gboolean
_mb_journal_check_id (MbConversation  *conversation,
                      const char      *name,
                      const char      *display,
                      GError         **error)
{
  const char *id = mb_conversation_get_id (conversation);

  if (!mb_storage_is_valid_id (id))
    {
      g_set_error (error, MB_CONVERSATION_ERROR, MB_CONVERSATION_ERROR_DAMAGED,
                   _("%s: The id of this conversation is not one Marbles writes, so Marbles does not use "
                     "the file and leaves it as it is"), display);
      return FALSE;
    }

  if (strlen (name) != strlen (id) + strlen (".json") || !g_str_has_prefix (name, id))
    {
      g_set_error (error, MB_CONVERSATION_ERROR, MB_CONVERSATION_ERROR_DAMAGED,
                   _("%s: The id of this conversation is not its file name (it may be a copy made by a "
                     "sync tool), so Marbles does not use the file and leaves it as it is"), display);
      return FALSE;
    }

  return TRUE;
}

/* Reads the next file not taken yet; FALSE when there is none. */
static gboolean
read_next (Load *load)
{
  guint i = g_atomic_int_add (&load->next, 1);
  const char *name;
  g_autoptr(GFile) file = NULL;
  g_autofree char *display = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  MbConversation *conversation = NULL;

  if (i >= load->names->len)
    return FALSE;

  name = g_ptr_array_index (load->names, i);
  file = g_file_get_child (load->dir, name);
  display = g_file_get_parse_name (file);
  path = g_strconcat ("conversations/", name, NULL);
  bytes = load_bytes (load->journal, file, path, load->cancellable, &error);
  if (bytes != NULL)
    conversation = mb_conversation_new_from_bytes (bytes, display, load->copies, &error);
  if (conversation != NULL && !_mb_journal_check_id (conversation, name, display, &error))
    g_clear_object (&conversation);
  /* Only what the journal holds is known: a file it cannot read is
   * read again when it looks for changes, as a new one.
   */
  if (conversation != NULL)
    {
      _mb_journal_set_known_stored (load->journal, name, bytes, mb_conversation_get_revisions (conversation));
      load->read[i] = conversation;
    }
  else
    {
      g_autofree char *message = bytes == NULL ? g_strdup_printf ("%s: %s", display, error->message)
                                               : g_strdup (error->message);

      load->read[i] = mb_problem_new (file, message);
    }
  return TRUE;
}

static gpointer
read_files (gpointer data)
{
  mb_text_begin_packing ();
  while (read_next (data))
    ;
  mb_text_end_packing ();
  return NULL;
}

/* Starts the threads the journal allows now (see
 * mb_journal_set_load_threads()), in the first one.
 */
static void
start_threads (Load *load)
{
  guint allowed = g_atomic_int_get (&load->journal->load_threads);
  guint wanted = allowed == 0 ? load->wanted : MIN (allowed, load->wanted);

  while (load->n_threads + 1 < wanted)
    load->threads[load->n_threads++] = g_thread_new ("mb-journal-load", read_files, load);
}

/* Whether @name is a conversation file to read now: not the temporary
 * file of a save in progress (hidden), nor a sync tool's conflict copy,
 * which the journal merges once loaded.
 */
static gboolean
is_conversation_name (const char *name)
{
  g_autofree char *original = NULL;

  if (name[0] == '.' || !g_str_has_suffix (name, ".json"))
    return FALSE;
  return !mb_merge_parse_conflict_name (name, &original) || !mb_storage_is_valid_id (original);
}

static void
load_conversations (MbJournal    *self,
                    LoadResult   *result,
                    GFile        *dir,
                    GCancellable *cancellable)
{
  g_autoptr(GFile) scripts = g_file_get_child (dir, "scripts");
  g_autoptr(GHashTable) copies = load_script_copies (result, scripts, cancellable);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GError) error = NULL;
  GFileInfo *info;
  Load load = { self, dir, NULL, copies, cancellable };

  enumerator = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                          G_FILE_QUERY_INFO_NONE, cancellable, &error);
  if (enumerator == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        add_problem (result, dir, error->message);
      return;
    }

  while (g_file_enumerator_iterate (enumerator, &info, NULL, cancellable, NULL) && info != NULL)
    {
      const char *name = g_file_info_get_name (info);

      if (is_conversation_name (name))
        g_ptr_array_add (names, g_strdup (name));
    }

  /* Read by as many threads as there are processors, up to four, but
   * for a small journal; once allowed, if the app asks to wait.
   */
  load.names = names;
  load.read = g_new0 (gpointer, names->len);
  load.wanted = CLAMP (g_get_num_processors (), 1, MAX_THREADS);
  load.wanted = MIN (load.wanted, MAX (names->len / 64, 1));
  mb_text_begin_packing ();
  do
    start_threads (&load);
  while (read_next (&load));
  mb_text_end_packing ();

  for (guint k = 0; k < load.n_threads; k++)
    g_thread_join (load.threads[k]);
  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (MB_IS_CONVERSATION (load.read[i]) ? result->conversations : result->problems, load.read[i]);
  g_free (load.read);
}

/* The files just read, to note as on disk: names in conversations/. */
static GHashTable *
list_loaded (LoadResult *loaded)
{
  GHashTable *on_disk = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < loaded->conversations->len; i++)
    {
      MbConversation *conversation = g_ptr_array_index (loaded->conversations, i);
      const char *checksum;

      g_hash_table_add (on_disk, g_strconcat (mb_conversation_get_id (conversation), ".json", NULL));
      /* Read from its copy, unless it is of format version 1. */
      if (mb_conversation_get_file_version (conversation) >= 2)
        {
          mb_script_get_copy (mb_conversation_get_script (conversation), &checksum);
          g_hash_table_add (on_disk, g_strconcat ("scripts/", checksum, ".json", NULL));
        }
    }

  return on_disk;
}

/* Notes the files just read as on disk. */
static void
note_loaded (MbJournal  *self,
             LoadResult *loaded)
{
  GHashTableIter iter;
  gpointer name;

  g_mutex_lock (&self->on_disk_lock);
  self->people_on_disk = self->people_original != NULL;
  if (g_hash_table_size (self->on_disk) == 0)
    {
      GHashTable *empty = self->on_disk;

      self->on_disk = g_steal_pointer (&loaded->on_disk);
      loaded->on_disk = empty;
    }
  g_hash_table_iter_init (&iter, loaded->on_disk);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    {
      g_hash_table_iter_steal (&iter);
      g_hash_table_add (self->on_disk, name);
    }
  g_mutex_unlock (&self->on_disk_lock);
}

static void
load_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  MbJournal *self = source_object;
  LoadResult *result = g_new0 (LoadResult, 1);
  g_autoptr(GFile) people = g_file_get_child (self->dir, "people.json");
  g_autoptr(GFile) conversations = g_file_get_child (self->dir, "conversations");

  result->people = g_ptr_array_new_with_free_func (g_object_unref);
  result->conversations = g_ptr_array_new_with_free_func (g_object_unref);
  result->problems = g_ptr_array_new_with_free_func (g_object_unref);
  result->kept_people = mb_json_kept_new ();

  _mb_journal_open_store (self);
  load_people (self, result, people, cancellable);
  load_conversations (self, result, conversations, cancellable);

  /* Sorted here, so the main thread fills each list in one go; and
   * watched here, where the main thread would be held up by 10,000.
   */
  g_ptr_array_sort_with_data (result->people, compare_people_in_array, NULL);
  g_ptr_array_sort_with_data (result->conversations, compare_conversations_in_array, NULL);
  for (guint i = 0; i < result->conversations->len; i++)
    _mb_journal_watch_conversation (self, g_ptr_array_index (result->conversations, i));
  result->on_disk = list_loaded (result);

  g_task_return_pointer (task, result, (GDestroyNotify) load_result_free);
}

/**
 * mb_journal_load_async:
 *
 * Reads the people and the conversations in a worker thread. Call it
 * once, before anything is added.
 */
void
mb_journal_load_async (MbJournal           *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MB_IS_JOURNAL (self));

  task = mb_journal_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mb_journal_load_async);
  g_task_run_in_thread (task, load_worker);
}

/**
 * mb_journal_set_load_threads:
 * @threads: how many threads may read conversation files while the
 *   journal loads, at most; 0 for one per processor (up to four), as
 *   before any call
 *
 * The app lets one thread read while its window shows its first frame,
 * and the others join a load in progress once it has.
 */
void
mb_journal_set_load_threads (MbJournal *self,
                             guint      threads)
{
  g_return_if_fail (MB_IS_JOURNAL (self));

  g_atomic_int_set (&self->load_threads, threads);
}

/**
 * mb_journal_load_finish:
 *
 * Puts what was read in the models. Files that could not be read are in
 * the problems model, not in @error: @error is only for a cancelled load.
 */
gboolean
mb_journal_load_finish (MbJournal     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  LoadResult *loaded;

  g_return_val_if_fail (MB_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  loaded = g_task_propagate_pointer (G_TASK (result), error);
  if (loaded == NULL)
    return FALSE;

  self->people_damaged = loaded->people_damaged;
  self->people_original = g_steal_pointer (&loaded->people_original);
  self->people_revisions = g_steal_pointer (&loaded->people_revisions);
  note_loaded (self, loaded);
  g_array_unref (self->kept_people);
  self->kept_people = g_array_ref (loaded->kept_people);
  for (guint i = 0; i < loaded->people->len; i++)
    _mb_journal_watch_person (self, g_ptr_array_index (loaded->people, i));
  store_sorted (self->people, loaded->people, _mb_journal_compare_people);
  store_sorted (self->conversations, loaded->conversations, _mb_journal_compare_conversations);
  g_list_store_splice (self->problems, 0, 0, loaded->problems->pdata, loaded->problems->len);

  self->loaded = TRUE;
  _mb_journal_prepare_search (self, loaded->conversations);
  load_result_free (loaded);
  _mb_journal_notify_loaded (self);
  _mb_journal_start_watching (self);
  return TRUE;
}
