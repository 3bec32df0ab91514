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
 */

#define G_LOG_DOMAIN "mb-journal"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-journal.h"
#include "mb-json.h"
#include "mb-storage.h"
#include "mb-traces.h"

#define PEOPLE_FORMAT         "marbles-people"
#ifndef PEOPLE_FORMAT_VERSION
#define PEOPLE_FORMAT_VERSION 1
#endif

/* The save state of one file. */
typedef struct
{
  MbJournal   *journal;
  GObject     *object;   /* a conversation, or the journal for people.json */
  GFile       *file;
  MbSaveState  state;
  char        *error;
  gboolean     dirty;
  gboolean     in_flight;
  gboolean     deleted;     /* the conversation was deleted while a write was under way */
  guint        timeout_id;
  gint64       dirty_since; /* monotonic µs of the oldest unsaved change, or 0 */
  gboolean     updated;     /* written once in this version's format */
} Saver;

struct _MbJournal
{
  GObject       parent_instance;

  GFile        *dir;
  GListStore   *people;
  GListStore   *conversations;
  GListStore   *problems;
  GHashTable   *savers;        /* GObject → Saver */
  JsonNode     *people_original;
  GArray       *kept_people;   /* MbJsonKept: entries of people.json this version cannot use */
  GHashTable   *people_by_id;  /* id → MbPerson, as in self->people */
  gboolean      people_damaged;
  gboolean      loaded;
  GCancellable *cancellable;

  /* What this journal read or wrote and expects on disk, to notice when
   * something removed it: names in conversations/, and people.json.
   * Workers read and change it, so only with the lock held.
   */
  GMutex        on_disk_lock;
  GHashTable   *on_disk;
  gboolean      people_on_disk;
  gint64        next_check;    /* monotonic µs: when to list conversations/ again */
};

G_DEFINE_FINAL_TYPE (MbJournal, mb_journal, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DIR,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SAVE_STATE_CHANGED,
  FILES_WRITTEN_BACK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void save_start (Saver *saver);
static void write_back (MbJournal *self,
                        GPtrArray *missing);

static void
saver_free (Saver *saver)
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
  g_signal_emit (saver->journal, signals[SAVE_STATE_CHANGED], 0, saver->object);
}

/* The file of @conversation, conversations/ID.json; or %NULL when its id
 * is not one Marbles writes, so that no name that came from a file's
 * content (`../people`, `/tmp/x`) ever becomes a path.
 */
static GFile *
conversation_file (MbJournal      *self,
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
    version = json_object_get_int_member_with_default (json_node_get_object (saver->journal->people_original),
                                                       "version", 0);
  else
    version = 0;

  return version > 0 && version < (MB_IS_CONVERSATION (saver->object) ? MB_CONVERSATION_FORMAT_VERSION
                                                                      : PEOPLE_FORMAT_VERSION)
         ? (guint) version : 0;
}

/* Before a file is first written in a newer format, the old file is kept
 * beside it as NAME.vVERSION.bak (which the journal does not read), so
 * that going back to the version that wrote it loses nothing. A copy
 * that is there already is the first one kept, and stays.
 */
static gboolean
keep_old_file (GFile   *file,
               guint    version,
               GError **error)
{
  g_autofree char *path = g_strdup_printf ("%s.v%u.bak", g_file_peek_path (file), version);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  if (version == 0 || g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return TRUE;

  bytes = g_file_load_bytes (file, NULL, NULL, &local_error);
  if (bytes == NULL && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return TRUE;

  if (bytes == NULL || !mb_storage_write_private (path, bytes, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not keep a copy of the older file before updating it: %s"), local_error->message);
      return FALSE;
    }

  return TRUE;
}

/* Deletes @file, if it is there. */
static gboolean
delete_if_there (GFile   *file,
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

/* Deletes the older versions of @file kept beside it by keep_old_file(). */
static gboolean
delete_old_versions (GFile   *file,
                     GError **error)
{
  for (guint version = 1; version < MAX (MB_CONVERSATION_FORMAT_VERSION, PEOPLE_FORMAT_VERSION); version++)
    {
      g_autofree char *path = g_strdup_printf ("%s.v%u.bak", g_file_peek_path (file), version);
      g_autoptr(GFile) old = g_file_new_for_path (path);

      if (!delete_if_there (old, error))
        return FALSE;
    }

  return TRUE;
}

/* Deletes @file and the older versions of it kept beside it: nothing of
 * it is left behind.
 */
static gboolean
delete_with_old_versions (GFile   *file,
                          GError **error)
{
  return delete_old_versions (file, error) && delete_if_there (file, error);
}

static int
compare_people (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  return g_utf8_collate (mb_person_get_name ((MbPerson *) a), mb_person_get_name ((MbPerson *) b));
}

static int
compare_conversations (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  /* Newest first */
  return g_date_time_compare (mb_conversation_get_when ((MbConversation *) b),
                              mb_conversation_get_when ((MbConversation *) a));
}

static int
compare_people_in_array (gconstpointer a,
                         gconstpointer b,
                         gpointer      user_data)
{
  return compare_people (*(MbPerson **) a, *(MbPerson **) b, user_data);
}

static int
compare_conversations_in_array (gconstpointer a,
                                gconstpointer b,
                                gpointer      user_data)
{
  return compare_conversations (*(MbConversation **) a, *(MbConversation **) b, user_data);
}

static void
add_person_json (JsonBuilder *builder,
                 gpointer     item,
                 gpointer     data)
{
  json_builder_add_value (builder, mb_person_to_json (item));
}

static GBytes *
serialize_people (MbJournal *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) fresh = NULL;
  g_autoptr(JsonNode) merged = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, PEOPLE_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, PEOPLE_FORMAT_VERSION);
  json_builder_set_member_name (builder, "people");
  mb_json_add_list (builder, G_LIST_MODEL (self->people), add_person_json, NULL, self->kept_people);
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

  write->file = g_object_ref (saver->file);
  write->old_version = old_version (saver);
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
static void
note_on_disk (MbJournal *self,
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
static GPtrArray *
find_missing (MbJournal *self,
              gboolean   always)
{
  g_autoptr(GFile) dir = g_file_get_child (self->dir, "conversations");
  g_autoptr(GFile) scripts = g_file_get_child (dir, "scripts");
  g_autoptr(GFile) people = g_file_get_child (self->dir, "people.json");
  g_autoptr(GHashTable) present = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *missing = g_ptr_array_new_with_free_func (g_free);
  gint64 start = g_get_monotonic_time ();
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
      self->next_check = g_get_monotonic_time () + 100 * (g_get_monotonic_time () - start);
    }
  g_mutex_unlock (&self->on_disk_lock);

  if (missing->len == 0)
    g_clear_pointer (&missing, g_ptr_array_unref);
  return missing;
}

/* Writes the file, keeping the old one first when it is of an older
 * format version, and the script copy it names first when that is not
 * there yet: a file on disk never names what is not.
 */
static gboolean
write_run (MbJournal  *self,
           Write      *write,
           GError    **error)
{
  /* The journal's own folder is private too, even if something else
   * made it first.
   */
  if (!mb_storage_ensure_private_dir (g_file_peek_path (self->dir), error) ||
      !keep_old_file (write->file, write->old_version, error))
    return FALSE;

  if (write->copy_file != NULL && !g_file_test (g_file_peek_path (write->copy_file), G_FILE_TEST_IS_REGULAR) &&
      !mb_storage_write_private (g_file_peek_path (write->copy_file), write->copy, error))
    return FALSE;
  if (write->copy_file != NULL)
    note_on_disk (self, write->copy_file, TRUE);

  if (write->bytes == NULL)
    write->bytes = mb_json_draft_finish (write->draft);
  if (!mb_storage_write_private (g_file_peek_path (write->file), write->bytes, error))
    return FALSE;

  note_on_disk (self, write->file, TRUE);
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
  write->missing = find_missing (source_object, FALSE);
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
      note_on_disk (self, saver->file, FALSE);
      delete_with_old_versions (saver->file, NULL);
      g_hash_table_remove (self->savers, key);
      return;
    }
  if (!ok)
    {
      /* The change stays in memory; it is written once the disk lets us. */
      saver->dirty = TRUE;
      g_message ("Could not save %s: %s", g_file_peek_path (saver->file), error->message);
      set_state (saver, MB_SAVE_STATE_FAILED, error->message);
      schedule (saver, MB_JOURNAL_RETRY_DELAY_MS);
    }
  else if (saver->dirty)
    {
      set_state (saver, MB_SAVE_STATE_UNSAVED, NULL);
      schedule (saver, MB_JOURNAL_AUTOSAVE_DELAY_MS);
    }
  else
    {
      set_state (saver, MB_SAVE_STATE_SAVED, NULL);
    }
  if (ok)
    saver->updated = TRUE;
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

  task = g_task_new (self, NULL, write_done_cb, g_object_ref (saver->object));
  g_task_set_source_tag (task, save_start);
  g_task_set_task_data (task, write_new (saver), (GDestroyNotify) write_free);
  g_task_run_in_thread (task, write_worker);
}

/* Writes @saver's unsaved change from this thread, at once; no write of
 * it may be under way. A failure is kept, shown and tried again later,
 * as for a save in the background.
 */
static gboolean
write_now (Saver   *saver,
           GError **error)
{
  g_autoptr(Write) write = NULL;
  g_autoptr(GError) local_error = NULL;

  g_assert (!saver->in_flight);

  if (!saver->dirty)
    return TRUE;
  if (refuse_to_write (saver))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, saver->error);
      return FALSE;
    }

  g_clear_handle_id (&saver->timeout_id, g_source_remove);
  write = write_new (saver);
  saver->dirty = FALSE;
  saver->dirty_since = 0;
  if (!write_run (saver->journal, write, &local_error))
    {
      saver->dirty = TRUE;
      set_state (saver, MB_SAVE_STATE_FAILED, local_error->message);
      schedule (saver, MB_JOURNAL_RETRY_DELAY_MS);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  saver->updated = TRUE;
  set_state (saver, MB_SAVE_STATE_SAVED, NULL);
  return TRUE;
}

static Saver *
get_saver (MbJournal *self,
           GObject   *object)
{
  Saver *saver = g_hash_table_lookup (self->savers, object);

  if (saver == NULL)
    {
      saver = g_new0 (Saver, 1);
      saver->journal = self;
      saver->object = object;
      if (MB_IS_CONVERSATION (object))
        saver->file = conversation_file (self, MB_CONVERSATION (object));
      else
        saver->file = g_file_get_child (self->dir, "people.json");
      g_hash_table_insert (self->savers, object, saver);
    }

  return saver;
}

static void
mark_changed (MbJournal *self,
              GObject   *object)
{
  Saver *saver = get_saver (self, object);
  gint64 now = g_get_monotonic_time ();
  gint64 waited_ms;

  saver->dirty = TRUE;
  if (saver->dirty_since == 0)
    saver->dirty_since = now;
  if (!saver->in_flight)
    set_state (saver, MB_SAVE_STATE_UNSAVED, saver->error);

  /* Saved once the typing pauses, but no change waits longer than
   * MB_JOURNAL_MAX_DELAY_MS, however long the typing goes on.
   */
  waited_ms = (now - saver->dirty_since) / 1000;
  schedule (saver, CLAMP (MB_JOURNAL_MAX_DELAY_MS - waited_ms, 0, MB_JOURNAL_AUTOSAVE_DELAY_MS));
}

/* Marks the files in @missing to be written again: this journal holds
 * them, and something removed or moved them away while Marbles runs.
 * Says so once.
 *
 * Returns: (transfer container): the conversations, and the journal for
 *   people.json, marked
 */
static GPtrArray *
mark_written_back (MbJournal *self,
                   GPtrArray *missing)
{
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *objects = g_ptr_array_new ();
  GListModel *conversations = G_LIST_MODEL (self->conversations);
  guint copies = 0;

  for (guint i = 0; missing != NULL && i < missing->len; i++)
    {
      g_hash_table_add (names, g_ptr_array_index (missing, i));
      copies += g_str_has_prefix (g_ptr_array_index (missing, i), "scripts/");
    }
  if (g_hash_table_contains (names, "people.json"))
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
      if (g_hash_table_contains (names, name))
        {
          g_ptr_array_add (objects, conversation);
        }
      else if (copy != NULL && g_hash_table_remove (names, copy))
        {
          g_ptr_array_add (objects, conversation);
          copies--;
        }
    }

  for (guint i = 0; i < objects->len; i++)
    mark_changed (self, g_ptr_array_index (objects, i));
  if (objects->len > 0)
    g_signal_emit (self, signals[FILES_WRITTEN_BACK], 0, objects->len);
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
    save_start (get_saver (self, g_ptr_array_index (objects, i)));
}

static void
conversation_changed_cb (MbJournal      *self,
                         MbConversation *conversation)
{
  mark_changed (self, G_OBJECT (conversation));
}

static void
person_changed_cb (MbJournal *self)
{
  mark_changed (self, G_OBJECT (self));
}

static void
watch_conversation (MbJournal      *self,
                    MbConversation *conversation)
{
  g_signal_connect_object (conversation, "changed", G_CALLBACK (conversation_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

/* Saves @person when it changes; the caller puts it in the list. */
static void
watch_person (MbJournal *self,
              MbPerson  *person)
{
  g_signal_connect_object (person, "notify", G_CALLBACK (person_changed_cb), self, G_CONNECT_SWAPPED);
  g_hash_table_insert (self->people_by_id, g_strdup (mb_person_get_id (person)), person);
}

/* Keeps @person in the list, sorted, and saves it when it changes. */
static void
add_person (MbJournal *self,
            MbPerson  *person)
{
  watch_person (self, person);
  g_list_store_insert_sorted (self->people, person, compare_people, NULL);
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
  GArray    *kept_people;
  gboolean   people_damaged;
} LoadResult;

static void
load_result_free (LoadResult *result)
{
  g_ptr_array_unref (result->people);
  g_ptr_array_unref (result->conversations);
  g_ptr_array_unref (result->problems);
  g_clear_pointer (&result->people_original, json_node_unref);
  g_array_unref (result->kept_people);
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

static void
load_people (LoadResult   *result,
             GFile        *file,
             GCancellable *cancellable)
{
  g_autofree char *name = g_file_get_parse_name (file);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_file_load_bytes (file, cancellable, NULL, &error);
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
  if (parsed == NULL ||
      !JSON_NODE_HOLDS_OBJECT (parsed) ||
      g_strcmp0 (mb_json_get_string (json_node_get_object (parsed), "format"), PEOPLE_FORMAT) != 0 ||
      json_object_get_int_member_with_default (json_node_get_object (parsed), "version", 0) > PEOPLE_FORMAT_VERSION)
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
      bytes = g_file_load_bytes (file, cancellable, NULL, &file_error);
      script = bytes != NULL ? mb_script_new_from_copy (bytes, checksum, display, &file_error) : NULL;
      if (script != NULL)
        g_hash_table_insert (copies, g_steal_pointer (&checksum), script);
      else
        add_problem (result, file, file_error->message);
    }

  return copies;
}

/* A share of the conversation files, read by one thread. */
typedef struct
{
  GFile        *dir;
  GPtrArray    *names;
  guint         first;
  guint         step;
  GHashTable   *copies;
  GCancellable *cancellable;
  GPtrArray    *conversations;
  GPtrArray    *problems;
} LoadShare;

/* A conversation is saved, deleted and forgotten through the file its
 * id names, so a file is only taken in when its id is one Marbles writes
 * and is its own name: a file named after another one's id (a copy, a
 * sync tool's conflict copy) or with an id such as `../people` is
 * listed and left alone, rather than saved over another file.
 */
static gboolean
check_id (MbConversation  *conversation,
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

static gpointer
load_share (gpointer data)
{
  LoadShare *share = data;

  for (guint i = share->first; i < share->names->len; i += share->step)
    {
      const char *name = g_ptr_array_index (share->names, i);
      g_autoptr(GFile) file = g_file_get_child (share->dir, name);
      g_autofree char *display = g_file_get_parse_name (file);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = g_file_load_bytes (file, share->cancellable, NULL, &error);
      MbConversation *conversation = NULL;

      if (bytes != NULL)
        conversation = mb_conversation_new_from_bytes (bytes, display, share->copies, &error);
      if (conversation != NULL && !check_id (conversation, name, display, &error))
        g_clear_object (&conversation);
      if (conversation != NULL)
        {
          /* Here, off the main thread, rather than on the first keystroke. */
          mb_conversation_prepare_search (conversation);
          g_ptr_array_add (share->conversations, conversation);
        }
      else
        {
          g_autofree char *message = bytes == NULL ? g_strdup_printf ("%s: %s", display, error->message)
                                                   : g_strdup (error->message);

          g_ptr_array_add (share->problems, mb_problem_new (file, message));
        }
    }

  return NULL;
}

static void
load_conversations (LoadResult   *result,
                    GFile        *dir,
                    GCancellable *cancellable)
{
  g_autoptr(GFile) scripts = g_file_get_child (dir, "scripts");
  g_autoptr(GHashTable) copies = load_script_copies (result, scripts, cancellable);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GError) error = NULL;
  GFileInfo *info;
  LoadShare shares[4];
  GThread *threads[G_N_ELEMENTS (shares)] = { NULL };
  guint n_shares;

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

      /* Hidden names are the temporary files of a save in progress. */
      if (name[0] != '.' && g_str_has_suffix (name, ".json"))
        g_ptr_array_add (names, g_strdup (name));
    }

  /* Read by as many threads as there are processors, up to four; the
   * window has shown its first frame by now.
   */
  n_shares = CLAMP (g_get_num_processors (), 1, G_N_ELEMENTS (shares));
  n_shares = MIN (n_shares, MAX (names->len / 64, 1));
  for (guint k = 0; k < n_shares; k++)
    {
      shares[k] = (LoadShare) { dir, names, k, n_shares, copies, cancellable,
                                g_ptr_array_new_with_free_func (g_object_unref),
                                g_ptr_array_new_with_free_func (g_object_unref) };
      if (k > 0)
        threads[k] = g_thread_new ("mb-journal-load", load_share, &shares[k]);
    }
  load_share (&shares[0]);

  for (guint k = 0; k < n_shares; k++)
    {
      if (threads[k] != NULL)
        g_thread_join (threads[k]);
      g_ptr_array_extend_and_steal (result->conversations, shares[k].conversations);
      g_ptr_array_extend_and_steal (result->problems, shares[k].problems);
    }
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

  load_people (result, people, cancellable);
  load_conversations (result, conversations, cancellable);

  /* Sorted here, so the main thread fills each list in one go. */
  g_ptr_array_sort_with_data (result->people, compare_people_in_array, NULL);
  g_ptr_array_sort_with_data (result->conversations, compare_conversations_in_array, NULL);

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

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mb_journal_load_async);
  g_task_run_in_thread (task, load_worker);
}

/* Notes the files just read as on disk. */
static void
note_loaded (MbJournal  *self,
             LoadResult *loaded)
{
  g_mutex_lock (&self->on_disk_lock);
  self->people_on_disk = self->people_original != NULL;
  for (guint i = 0; i < loaded->conversations->len; i++)
    {
      MbConversation *conversation = g_ptr_array_index (loaded->conversations, i);
      const char *checksum;

      g_hash_table_add (self->on_disk, g_strconcat (mb_conversation_get_id (conversation), ".json", NULL));
      /* Read from its copy, unless it is of format version 1. */
      if (mb_conversation_get_file_version (conversation) >= 2)
        {
          mb_script_get_copy (mb_conversation_get_script (conversation), &checksum);
          g_hash_table_add (self->on_disk, g_strconcat ("scripts/", checksum, ".json", NULL));
        }
    }
  g_mutex_unlock (&self->on_disk_lock);
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
  note_loaded (self, loaded);
  g_array_unref (self->kept_people);
  self->kept_people = g_array_ref (loaded->kept_people);
  for (guint i = 0; i < loaded->people->len; i++)
    watch_person (self, g_ptr_array_index (loaded->people, i));
  store_sorted (self->people, loaded->people, compare_people);
  for (guint i = 0; i < loaded->conversations->len; i++)
    watch_conversation (self, g_ptr_array_index (loaded->conversations, i));
  store_sorted (self->conversations, loaded->conversations, compare_conversations);
  g_list_store_splice (self->problems, 0, 0, loaded->problems->pdata, loaded->problems->len);

  self->loaded = TRUE;
  load_result_free (loaded);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
  return TRUE;
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
  mark_changed (self, G_OBJECT (self));
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

  watch_conversation (self, conversation);
  g_list_store_insert_sorted (self->conversations, conversation, compare_conversations, NULL);
  mark_changed (self, G_OBJECT (conversation));
}

void
mb_search_result_free (MbSearchResult *result)
{
  g_clear_object (&result->conversation);
  g_free (result->snippet);
  g_free (result);
}

static gboolean
within_filter (MbConversation       *conversation,
               const MbSearchFilter *filter)
{
  GDateTime *when;
  GDate day;

  if (filter->person_id != NULL && g_strcmp0 (filter->person_id, mb_conversation_get_person_id (conversation)) != 0)
    return FALSE;
  if (filter->script_id != NULL &&
      g_strcmp0 (filter->script_id, mb_script_get_id (mb_conversation_get_script (conversation))) != 0)
    return FALSE;
  if (filter->from == NULL && filter->to == NULL)
    return TRUE;

  when = mb_conversation_get_when (conversation);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, g_date_time_get_day_of_month (when), g_date_time_get_month (when), g_date_time_get_year (when));
  return (filter->from == NULL || g_date_compare (&day, filter->from) >= 0) &&
         (filter->to == NULL || g_date_compare (&day, filter->to) <= 0);
}

/* Runs @func on each of @n shares of @size bytes at @shares, at the same
 * time, and returns when all are done.
 */
static void
run_shares (GThreadFunc func,
            gpointer    shares,
            gsize       size,
            guint       n)
{
  GThread *threads[4] = { NULL };

  g_assert (n <= G_N_ELEMENTS (threads));

  for (guint k = 1; k < n; k++)
    threads[k] = g_thread_new ("mb-journal-search", func, (char *) shares + k * size);
  func (shares);
  for (guint k = 1; k < n; k++)
    g_thread_join (threads[k]);
}

/* How many threads to share @n items among. */
static guint
count_shares (guint n)
{
  return n < 2000 ? 1 : CLAMP (g_get_num_processors (), 1, 4);
}

/* A range of the conversations to match, for one thread. */
typedef struct
{
  MbConversation     **conversations;
  guint                start;
  guint                end;
  guint                max;
  const MbSearchFilter *filter;
  const char * const  *words;
  GHashTable          *names;  /* person id → name, folded */
  GPtrArray           *found;  /* MbConversation, not owned */
} MatchShare;

static gpointer
match_share (gpointer data)
{
  MatchShare *share = data;

  for (guint i = share->start; i < share->end && share->found->len < share->max; i++)
    {
      MbConversation *conversation = share->conversations[i];
      const char *name = g_hash_table_lookup (share->names, mb_conversation_get_person_id (conversation));

      if (within_filter (conversation, share->filter) &&
          mb_conversation_matches_folded (conversation, name, share->words, share->filter->phase))
        g_ptr_array_add (share->found, conversation);
    }

  return NULL;
}

/* A range of the results to find snippets for, for one thread. */
typedef struct
{
  GPtrArray          *results;
  guint               start;
  guint               end;
  const char * const *words;
  int                 phase;
} SnippetShare;

static gpointer
snippet_share (gpointer data)
{
  SnippetShare *share = data;

  for (guint i = share->start; i < share->end; i++)
    {
      MbSearchResult *result = g_ptr_array_index (share->results, i);

      result->snippet = mb_conversation_find_in (result->conversation, share->words, share->phase,
                                                 &result->phase, &result->step);
    }

  return NULL;
}

/**
 * mb_journal_search:
 * @query: words to find, in any case and with or without accents
 * @filter: (nullable): what to keep to
 * @max: how many results at most
 *
 * Finds the conversations, newest first, within @filter in which every
 * word of @query was written, or is in the person's name or the script's
 * title. Without words, every conversation within the filter is found,
 * as long as the filter keeps to something. A large journal is searched
 * by as many threads as there are processors, up to four.
 *
 * Returns: (transfer container) (element-type MbSearchResult): what was found
 */
GPtrArray *
mb_journal_search (MbJournal            *self,
                   const char           *query,
                   const MbSearchFilter *filter,
                   guint                 max)
{
  static const MbSearchFilter any = MB_SEARCH_FILTER_INIT;
  GListModel *conversations = mb_journal_get_conversations (self);
  GPtrArray *results = g_ptr_array_new_with_free_func ((GDestroyNotify) mb_search_result_free);
  g_auto(GStrv) words = mb_search_words (query);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GPtrArray) all = NULL;
  MatchShare matches[4];
  SnippetShare snippets[4];
  guint n_shares;

  g_return_val_if_fail (MB_IS_JOURNAL (self), results);

  if (filter == NULL)
    filter = &any;
  if (words[0] == NULL && filter->person_id == NULL && filter->script_id == NULL &&
      filter->phase < 0 && filter->from == NULL && filter->to == NULL)
    return results;

  /* Everyone's name folded once; the conversations taken out of the
   * model, for the threads.
   */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->people)); i++)
    {
      g_autoptr(MbPerson) person = g_list_model_get_item (G_LIST_MODEL (self->people), i);

      g_hash_table_insert (names, (gpointer) mb_person_get_id (person), mb_fold_for_search (mb_person_get_name (person)));
    }
  all = g_ptr_array_new_full (g_list_model_get_n_items (conversations), g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (conversations); i++)
    g_ptr_array_add (all, g_list_model_get_item (conversations, i));

  /* Each thread a range, newest first; their finds, in order, are the
   * newest that match.
   */
  n_shares = count_shares (all->len);
  for (guint k = 0; k < n_shares; k++)
    matches[k] = (MatchShare) { (MbConversation **) all->pdata, all->len * k / n_shares,
                                all->len * (k + 1) / n_shares, max, filter, (const char * const *) words,
                                names, g_ptr_array_new () };
  run_shares (match_share, matches, sizeof matches[0], n_shares);
  for (guint k = 0; k < n_shares; k++)
    {
      for (guint i = 0; i < matches[k].found->len && results->len < max; i++)
        {
          MbConversation *conversation = g_ptr_array_index (matches[k].found, i);
          MbSearchResult *result = g_new0 (MbSearchResult, 1);

          result->conversation = g_object_ref (conversation);
          result->phase = filter->phase >= 0 ? (MbPhase) filter->phase : mb_conversation_get_phase (conversation);
          result->step = mb_conversation_get_step (conversation);
          g_ptr_array_add (results, result);
        }
      g_ptr_array_unref (matches[k].found);
    }

  /* Then the words around the place found, for each result. */
  if (words[0] != NULL)
    {
      n_shares = results->len < 16 ? 1 : count_shares (G_MAXUINT);
      for (guint k = 0; k < n_shares; k++)
        snippets[k] = (SnippetShare) { results, results->len * k / n_shares, results->len * (k + 1) / n_shares,
                                       (const char * const *) words, filter->phase };
      run_shares (snippet_share, snippets, sizeof snippets[0], n_shares);
    }

  return results;
}

void
mb_brief_free (MbBrief *brief)
{
  g_clear_object (&brief->previous);
  g_clear_object (&brief->reflected);
  g_clear_pointer (&brief->open_agreements, g_ptr_array_unref);
  g_free (brief);
}

static gboolean
has_reflection (MbConversation *conversation)
{
  GPtrArray *questions = mb_script_get_reflection (mb_conversation_get_script (conversation));

  for (guint i = 0; i < questions->len; i++)
    {
      const char *id = mb_script_question_get_id (g_ptr_array_index (questions, i));

      if (*mb_conversation_get_text (conversation, MB_TEXT_REFLECTION, id) != '\0')
        return TRUE;
    }

  return FALSE;
}

static int
compare_promisers (gconstpointer a,
                   gconstpointer b)
{
  /* Me, then both, then them: the leader's own promises first. */
  static const int rank[] = { [MB_PROMISED_BY_ME] = 0, [MB_PROMISED_BY_BOTH] = 1, [MB_PROMISED_BY_THEM] = 2 };

  return rank[mb_agreement_get_promised_by (*(MbAgreement **) a)] -
         rank[mb_agreement_get_promised_by (*(MbAgreement **) b)];
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

void
mb_history_free (MbHistory *history)
{
  g_ptr_array_unref (history->conversations);
  g_ptr_array_unref (history->open_agreements);
  g_ptr_array_unref (history->agreed_in);
  g_array_unref (history->marble_times);
  g_array_unref (history->marble_deltas);
  g_free (history);
}

typedef struct
{
  MbAgreement    *agreement;
  MbConversation *conversation;
} Agreed;

static int
compare_agreed (gconstpointer a,
                gconstpointer b)
{
  const Agreed *x = a, *y = b;

  return compare_promisers (&x->agreement, &y->agreement);
}

static MbHistory *
get_history (MbJournal  *self,
             const char *person_id)
{
  GListModel *conversations = mb_journal_get_conversations (self);
  MbHistory *history = g_new0 (MbHistory, 1);
  g_autoptr(GArray) agreed = g_array_new (FALSE, FALSE, sizeof (Agreed));

  history->conversations = g_ptr_array_new_with_free_func (g_object_unref);
  history->open_agreements = g_ptr_array_new_with_free_func (g_object_unref);
  history->agreed_in = g_ptr_array_new_with_free_func (g_object_unref);
  history->marble_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  history->marble_deltas = g_array_new (FALSE, FALSE, sizeof (int));

  for (guint i = 0; i < g_list_model_get_n_items (conversations); i++)
    {
      g_autoptr(MbConversation) conversation = g_list_model_get_item (conversations, i);
      GListModel *items;

      if (g_strcmp0 (mb_conversation_get_person_id (conversation), person_id) != 0)
        continue;

      items = mb_conversation_get_marbles (conversation);
      for (guint j = 0; j < g_list_model_get_n_items (items); j++)
        {
          g_autoptr(MbMarble) marble = g_list_model_get_item (items, j);
          gint64 time = g_date_time_to_unix (mb_marble_get_created (marble));
          int delta = mb_marble_is_in (marble) ? 1 : -1;

          g_array_append_val (history->marble_times, time);
          g_array_append_val (history->marble_deltas, delta);
          if (delta > 0)
            history->marbles_in++;
          else
            history->marbles_out++;
        }

      g_ptr_array_add (history->conversations, g_steal_pointer (&conversation));
    }

  /* The oldest promises first, the longest waiting. */
  for (guint i = history->conversations->len; i > 0; i--)
    {
      MbConversation *conversation = g_ptr_array_index (history->conversations, i - 1);
      GListModel *items = mb_conversation_get_agreements (conversation);

      for (guint j = 0; j < g_list_model_get_n_items (items); j++)
        {
          g_autoptr(MbAgreement) agreement = g_list_model_get_item (items, j);
          Agreed one = { agreement, conversation };

          if (mb_agreement_get_status (agreement) == MB_AGREEMENT_OPEN)
            g_array_append_val (agreed, one);
        }
    }

  /* Stable, so that within each kind the oldest stay first. */
  g_array_sort (agreed, compare_agreed);
  for (guint i = 0; i < agreed->len; i++)
    {
      Agreed *one = &g_array_index (agreed, Agreed, i);

      g_ptr_array_add (history->open_agreements, g_object_ref (one->agreement));
      g_ptr_array_add (history->agreed_in, g_object_ref (one->conversation));
    }

  return history;
}

/**
 * mb_journal_get_history:
 *
 * Returns: (transfer full): every conversation with @person, their open
 *   agreements and the marbles of their jar
 */
MbHistory *
mb_journal_get_history (MbJournal *self,
                        MbPerson  *person)
{
  g_return_val_if_fail (MB_IS_JOURNAL (self), NULL);
  g_return_val_if_fail (MB_IS_PERSON (person), NULL);

  return get_history (self, mb_person_get_id (person));
}

/**
 * mb_journal_get_brief:
 *
 * Returns: (transfer full): what earlier conversations with the same
 *   person left: the last one, the agreements still open, the last
 *   reflection and the level of their marble jar
 */
MbBrief *
mb_journal_get_brief (MbJournal      *self,
                      MbConversation *conversation)
{
  g_autoptr(MbHistory) history = NULL;
  MbBrief *brief;
  GDateTime *when;

  g_return_val_if_fail (MB_IS_JOURNAL (self), NULL);
  g_return_val_if_fail (MB_IS_CONVERSATION (conversation), NULL);

  history = get_history (self, mb_conversation_get_person_id (conversation));
  when = mb_conversation_get_when (conversation);
  brief = g_new0 (MbBrief, 1);
  brief->marbles_in = history->marbles_in;
  brief->marbles_out = history->marbles_out;

  /* Newest first, so the first earlier one found is the last one before. */
  for (guint i = 0; i < history->conversations->len; i++)
    {
      MbConversation *other = g_ptr_array_index (history->conversations, i);

      if (other == conversation || g_date_time_compare (mb_conversation_get_when (other), when) >= 0)
        continue;
      if (brief->previous == NULL)
        brief->previous = g_object_ref (other);
      if (brief->reflected == NULL && has_reflection (other))
        brief->reflected = g_object_ref (other);
    }

  /* What was promised before this one and is still open, in the order of
   * the person's page.
   */
  brief->open_agreements = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < history->open_agreements->len; i++)
    {
      MbConversation *agreed_in = g_ptr_array_index (history->agreed_in, i);

      if (agreed_in != conversation && g_date_time_compare (mb_conversation_get_when (agreed_in), when) < 0)
        g_ptr_array_add (brief->open_agreements, g_object_ref (g_ptr_array_index (history->open_agreements, i)));
    }

  return brief;
}

/* Started later; of two started at once, the one planned later. */
static gboolean
started_after (MbConversation *a,
               MbConversation *b)
{
  int order = g_date_time_compare (mb_conversation_get_created (a), mb_conversation_get_created (b));

  if (order == 0)
    order = g_date_time_compare (mb_conversation_get_when (a), mb_conversation_get_when (b));
  return order > 0;
}

/**
 * mb_journal_get_last_script_id:
 *
 * Returns: (nullable): the id of the script of the conversation with
 *   @person started last, or %NULL when there is none
 */
const char *
mb_journal_get_last_script_id (MbJournal *self,
                               MbPerson  *person)
{
  GListModel *conversations;
  MbConversation *last = NULL;

  g_return_val_if_fail (MB_IS_JOURNAL (self), NULL);
  g_return_val_if_fail (MB_IS_PERSON (person), NULL);

  conversations = mb_journal_get_conversations (self);
  for (guint i = 0; i < g_list_model_get_n_items (conversations); i++)
    {
      g_autoptr(MbConversation) conversation = g_list_model_get_item (conversations, i);

      if (g_strcmp0 (mb_conversation_get_person_id (conversation), mb_person_get_id (person)) != 0)
        continue;
      if (last == NULL || started_after (conversation, last))
        last = conversation;
    }

  return last != NULL ? mb_script_get_id (mb_conversation_get_script (last)) : NULL;
}

/**
 * mb_journal_count_about:
 * @conversations: (out) (optional): how many conversations with @person
 * @agreements: (out) (optional): how many agreements in them
 * @marbles: (out) (optional): how many marbles in them
 *
 * Counts what forgetting @person would remove.
 */
void
mb_journal_count_about (MbJournal *self,
                        MbPerson  *person,
                        guint     *conversations,
                        guint     *agreements,
                        guint     *marbles)
{
  GListModel *model = mb_journal_get_conversations (self);
  guint n = 0, n_agreements = 0, n_marbles = 0;

  g_return_if_fail (MB_IS_JOURNAL (self));
  g_return_if_fail (MB_IS_PERSON (person));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(MbConversation) conversation = g_list_model_get_item (model, i);

      if (g_strcmp0 (mb_conversation_get_person_id (conversation), mb_person_get_id (person)) != 0)
        continue;

      n++;
      n_agreements += g_list_model_get_n_items (mb_conversation_get_agreements (conversation));
      n_marbles += g_list_model_get_n_items (mb_conversation_get_marbles (conversation));
    }

  if (conversations != NULL)
    *conversations = n;
  if (agreements != NULL)
    *agreements = n_agreements;
  if (marbles != NULL)
    *marbles = n_marbles;
}

/* Deletes every conversation with @person; says which files are left
 * when some could not be deleted.
 */
static gboolean
delete_conversations_with (MbJournal  *self,
                           MbPerson   *person,
                           GError    **error)
{
  GListModel *model = mb_journal_get_conversations (self);
  g_autoptr(GString) left = g_string_new (NULL);

  for (guint i = g_list_model_get_n_items (model); i > 0; i--)
    {
      g_autoptr(MbConversation) conversation = g_list_model_get_item (model, i - 1);
      g_autoptr(GError) local_error = NULL;

      if (g_strcmp0 (mb_conversation_get_person_id (conversation), mb_person_get_id (person)) == 0 &&
          !mb_journal_delete_conversation (self, conversation, &local_error))
        g_string_append_printf (left, "\n%s", local_error->message);
    }

  if (left->len == 0)
    return TRUE;

  /* Translators: %s is a person's name; a list of files and reasons follows */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               _("%s stays in your list, because some of the conversations with them could not be "
                 "deleted. They are still on disk:%s"), mb_person_get_name (person), left->str);
  return FALSE;
}

/* Writes people.json without @person now, once a write under way is
 * done; when that fails, says that it still names them. It is tried
 * again later, as any failed save.
 */
static gboolean
save_people_without (MbJournal   *self,
                     const char  *name,
                     GError     **error)
{
  Saver *saver = get_saver (self, G_OBJECT (self));
  g_autoptr(GError) local_error = NULL;

  while (saver->in_flight)
    g_main_context_iteration (NULL, TRUE);

  if (self->people_damaged || write_now (saver, &local_error))
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               /* Translators: the first %s is a person's name, the second a file, the third why */
               _("The conversations with %s are deleted, but %s still names them, because it could not "
                 "be saved: %s. Marbles keeps trying to save it without them."),
               name, g_file_peek_path (saver->file), local_error->message);
  return FALSE;
}

/* What mb_traces_find() needs to know of the journal as it is now. */
static MbTraceQuery *
trace_query_new (MbJournal *self,
                 MbPerson  *person)
{
  MbTraceQuery *query = g_new0 (MbTraceQuery, 1);
  GListModel *conversations = G_LIST_MODEL (self->conversations);
  GListModel *problems = G_LIST_MODEL (self->problems);
  GHashTableIter iter;
  Saver *saver;

  query->dir = g_object_ref (self->dir);
  query->person_id = g_strdup (mb_person_get_id (person));
  query->used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  query->in_flight = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  query->problems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (conversations); i++)
    {
      g_autoptr(MbConversation) conversation = g_list_model_get_item (conversations, i);

      g_hash_table_add (query->used, g_strconcat (mb_conversation_get_id (conversation), ".json", NULL));
    }
  g_hash_table_iter_init (&iter, self->savers);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &saver))
    {
      if (saver->in_flight && saver->file != NULL)
        g_hash_table_add (query->in_flight, g_file_get_basename (saver->file));
    }
  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(MbProblem) problem = g_list_model_get_item (problems, i);

      g_hash_table_add (query->problems, g_file_get_path (mb_problem_get_file (problem)));
    }

  return query;
}

/* Where @file is in the problems listed, if it is there. */
static gboolean
find_problem (MbJournal *self,
              GFile     *file,
              guint     *position)
{
  GListModel *problems = G_LIST_MODEL (self->problems);

  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(MbProblem) problem = g_list_model_get_item (problems, i);

      if (g_file_equal (mb_problem_get_file (problem), file))
        {
          *position = i;
          return TRUE;
        }
    }

  return FALSE;
}

/* Takes @file off the problems listed, if it is there. */
static void
remove_problem (MbJournal *self,
                GFile     *file)
{
  guint position;

  if (find_problem (self, file, &position))
    g_list_store_remove (self->problems, position);
}

/* Deletes what is left of @person besides the files the journal uses:
 * copies of their conversations, leftovers of interrupted saves, kept
 * copies. Reads only the files the journal does not use, which are few.
 */
static gboolean
delete_left_behind (MbJournal  *self,
                    MbPerson   *person,
                    GError    **error)
{
  g_autoptr(MbTraceQuery) query = trace_query_new (self, person);
  g_autoptr(GPtrArray) files = mb_traces_find (query, MB_TRACE_LEFT_BEHIND, NULL);

  for (guint i = 0; i < files->len; i++)
    {
      if (!delete_if_there (g_ptr_array_index (files, i), error))
        return FALSE;
      remove_problem (self, g_ptr_array_index (files, i));
    }

  return TRUE;
}

static void
find_unreadable_worker (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  GPtrArray *files = mb_traces_find (task_data, MB_TRACE_UNREADABLE, cancellable);

  if (g_task_return_error_if_cancelled (task))
    g_ptr_array_unref (files);
  else
    g_task_return_pointer (task, files, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * mb_journal_find_unreadable_async:
 *
 * Finds, in a worker thread, the files listed as problems (damaged,
 * from a newer version, or with an id Marbles does not use) that name
 * @person, by their id in the file. Forgetting them does not delete
 * these by itself: ask first, then mb_journal_delete_unreadable().
 */
void
mb_journal_find_unreadable_async (MbJournal           *self,
                                  MbPerson            *person,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MB_IS_JOURNAL (self));
  g_return_if_fail (MB_IS_PERSON (person));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mb_journal_find_unreadable_async);
  g_task_set_task_data (task, trace_query_new (self, person), (GDestroyNotify) mb_trace_query_free);
  g_task_run_in_thread (task, find_unreadable_worker);
}

/**
 * mb_journal_find_unreadable_finish:
 *
 * Returns: (transfer container) (element-type GFile): the files found,
 *   or %NULL when cancelled
 */
GPtrArray *
mb_journal_find_unreadable_finish (MbJournal     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (MB_IS_JOURNAL (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * mb_journal_delete_unreadable:
 * @files: (element-type GFile): found by mb_journal_find_unreadable_async()
 *
 * Deletes those of @files that are still listed as problems, with the
 * older versions kept beside them, and takes them off the list. Any
 * other file is left alone.
 *
 * Returns: %TRUE when they are gone
 */
gboolean
mb_journal_delete_unreadable (MbJournal  *self,
                              GPtrArray  *files,
                              GError    **error)
{
  g_return_val_if_fail (MB_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (files != NULL, FALSE);

  for (guint i = 0; i < files->len; i++)
    {
      GFile *file = g_ptr_array_index (files, i);
      guint position;

      if (!find_problem (self, file, &position))
        continue;
      if (!delete_with_old_versions (file, error))
        return FALSE;
      g_list_store_remove (self->problems, position);
    }

  return TRUE;
}

/**
 * mb_journal_forget_person:
 *
 * Removes @person and every conversation with them, with its agreements
 * and marbles, from the journal and from disk, and what else under the
 * journal's folder names them and Marbles or a sync tool left: copies of
 * their conversations (conflict copies, by what they hold), leftovers of
 * interrupted saves, kept older versions. Files listed as problems that
 * name them are not deleted here: see
 * mb_journal_find_unreadable_async(). Cannot be undone.
 *
 * Returns: %TRUE when nothing about them is left; on %FALSE, @error says
 *   plainly what is left: the conversation files that could not be
 *   deleted (and the person stays), or people.json, which could not be
 *   saved without them (and is tried again until it is)
 */
gboolean
mb_journal_forget_person (MbJournal  *self,
                          MbPerson   *person,
                          GError    **error)
{
  g_autoptr(MbPerson) held = NULL;
  guint position;

  g_return_val_if_fail (MB_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (MB_IS_PERSON (person), FALSE);

  if (!delete_conversations_with (self, person, error))
    return FALSE;

  if (!delete_left_behind (self, person, error))
    return FALSE;

  if (g_list_store_find (self->people, person, &position))
    {
      g_autoptr(GFile) people = g_file_get_child (self->dir, "people.json");

      /* An older version of people.json kept beside it would still name
       * them: it goes, and none is kept of the file that does.
       */
      if (!delete_old_versions (people, error))
        return FALSE;
      get_saver (self, G_OBJECT (self))->updated = TRUE;

      held = g_object_ref (person);
      g_signal_handlers_disconnect_by_func (person, person_changed_cb, self);
      g_hash_table_remove (self->people_by_id, mb_person_get_id (person));
      g_list_store_remove (self->people, position);
      mark_changed (self, G_OBJECT (self));
      return save_people_without (self, mb_person_get_name (held), error);
    }

  return TRUE;
}

/**
 * mb_journal_delete_conversation:
 *
 * Removes @conversation from the journal and its file from disk; no copy
 * is left behind. Adding it again with mb_journal_add_conversation()
 * writes it back, as an undo.
 *
 * Returns: %TRUE when the file is gone
 */
gboolean
mb_journal_delete_conversation (MbJournal       *self,
                                MbConversation  *conversation,
                                GError         **error)
{
  g_autoptr(GFile) file = NULL;
  Saver *saver;
  guint position;

  g_return_val_if_fail (MB_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (MB_IS_CONVERSATION (conversation), FALSE);

  if (!g_list_store_find (self->conversations, conversation, &position))
    return TRUE;

  /* One whose id is not valid was never written: no file to delete. */
  file = conversation_file (self, conversation);
  if (file != NULL)
    note_on_disk (self, file, FALSE);
  if (file != NULL && !delete_with_old_versions (file, error))
    return FALSE;

  g_signal_handlers_disconnect_by_func (conversation, conversation_changed_cb, self);
  saver = g_hash_table_lookup (self->savers, conversation);
  if (saver != NULL && saver->in_flight)
    {
      g_clear_handle_id (&saver->timeout_id, g_source_remove);
      saver->dirty = FALSE;
      saver->deleted = TRUE;
    }
  else if (saver != NULL)
    {
      g_hash_table_remove (self->savers, conversation);
    }

  g_list_store_remove (self->conversations, position);
  return TRUE;
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
    all_saved &= write_now (saver, NULL);

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
  missing = find_missing (self, TRUE);
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

static void
mb_journal_dispose (GObject *object)
{
  MbJournal *self = MB_JOURNAL (object);

  g_cancellable_cancel (self->cancellable);
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
  g_clear_object (&self->problems);
  g_clear_pointer (&self->savers, g_hash_table_unref);
  g_clear_pointer (&self->people_original, json_node_unref);
  g_array_unref (self->kept_people);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->on_disk, g_hash_table_unref);
  g_mutex_clear (&self->on_disk_lock);

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
}

static void
mb_journal_init (MbJournal *self)
{
  self->people = g_list_store_new (MB_TYPE_PERSON);
  self->people_by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->conversations = g_list_store_new (MB_TYPE_CONVERSATION);
  self->problems = g_list_store_new (MB_TYPE_PROBLEM);
  self->kept_people = mb_json_kept_new ();
  self->savers = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) saver_free);
  self->cancellable = g_cancellable_new ();
  self->on_disk = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
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
