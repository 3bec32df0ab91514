/* mb-data-folder.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Whether the journal is there, before it is read. A data folder that
 * is not there yet (on a drive not plugged in, in a vault not unlocked,
 * still coming in from another machine) must not be taken for a first
 * start: Marbles would show an empty journal and write a fresh
 * people.json where the real one is about to appear.
 *
 * So Marbles remembers, outside the folder, each folder it had a
 * journal in: in `$XDG_STATE_HOME/marbles/journals.ini`, a key file
 * private to the user. That is state of this machine, not a preference:
 * GSettings can be carried to other machines (and is kept in memory in
 * the tests), and it would have to name a path per data folder anyway.
 *
 * A folder is remembered once the journal in it was read with
 * people.json there, or people.json was first saved. At start, before
 * the journal is read, the folder is looked at:
 *  - people.json is there: ready;
 *  - the folder is a link to a place that is not there: missing,
 *    remembered or not (nothing could be written there anyway);
 *  - otherwise, when the folder was never remembered: a first start;
 *  - when it was: missing, the folder or only people.json.
 * A memory that cannot be read counts as remembering every folder:
 * waiting once too often is better than writing over a journal.
 *
 * While missing, the nearest folder on the way that is there is watched,
 * and the folder is looked at every few seconds too (a drive or a vault
 * mounted over an empty folder changes nothing a watch would see); the
 * state changes as soon as the journal is there. Looking never writes
 * anything, in the folder or elsewhere.
 */

#define G_LOG_DOMAIN "mb-data-folder"

#include "config.h"

#include "mb-data-folder.h"
#include "mb-storage.h"

#define MEMORY_GROUP "Journals"
#define MEMORY_KEY   "folders"

struct _MbDataFolder
{
  GObject            parent_instance;

  GFile             *dir;
  GFile             *memory;
  MbDataFolderState  state;
  char              *link_target;      /* where a broken link leads, as a path; or NULL */
  gboolean           remembered;
  gboolean           memory_damaged;
  GFileMonitor      *monitor;
  GFile             *watched;          /* the folder the monitor watches */
  guint              poll_id;
  guint              look_id;          /* a look, soon after a change was seen */
};

G_DEFINE_FINAL_TYPE (MbDataFolder, mb_data_folder, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (MbDataFolderState, mb_data_folder_state,
                    G_DEFINE_ENUM_VALUE (MB_DATA_FOLDER_READY, "ready"),
                    G_DEFINE_ENUM_VALUE (MB_DATA_FOLDER_NEW, "new"),
                    G_DEFINE_ENUM_VALUE (MB_DATA_FOLDER_GONE, "gone"),
                    G_DEFINE_ENUM_VALUE (MB_DATA_FOLDER_LINK_BROKEN, "link-broken"),
                    G_DEFINE_ENUM_VALUE (MB_DATA_FOLDER_NO_PEOPLE, "no-people"))

enum {
  PROP_0,
  PROP_DIR,
  PROP_MEMORY,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
state_is_missing (MbDataFolderState state)
{
  return state == MB_DATA_FOLDER_GONE || state == MB_DATA_FOLDER_LINK_BROKEN ||
         state == MB_DATA_FOLDER_NO_PEOPLE;
}

/* The folders remembered in @memory, as URIs: none when there is no
 * memory; %NULL when it cannot be read.
 */
static GStrv
read_memory (GFile *memory)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  GStrv folders;

  if (!g_key_file_load_from_file (key_file, g_file_peek_path (memory), G_KEY_FILE_NONE, &error))
    {
      if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_new0 (char *, 1);
      g_debug ("Could not read %s: %s", g_file_peek_path (memory), error->message);
      return NULL;
    }

  folders = g_key_file_get_string_list (key_file, MEMORY_GROUP, MEMORY_KEY, NULL, NULL);
  return folders != NULL ? folders : g_new0 (char *, 1);
}

static gboolean
write_memory (GFile               *memory,
              const char * const  *folders,
              GError             **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GBytes) bytes = NULL;
  gsize length;
  char *data;

  g_key_file_set_string_list (key_file, MEMORY_GROUP, MEMORY_KEY, folders, g_strv_length ((GStrv) folders));
  g_key_file_set_comment (key_file, NULL, NULL,
                          " The folders Marbles had a journal in on this machine, so that it waits for\n"
                          " one that is not there yet instead of starting a new one.",
                          NULL);
  data = g_key_file_to_data (key_file, &length, NULL);
  bytes = g_bytes_new_take (data, length);
  return mb_storage_write_private (g_file_peek_path (memory), bytes, error);
}

/* Where the link @dir leads, as a path. */
static char *
resolve_link (GFile      *dir,
              const char *target)
{
  g_autoptr(GFile) parent = g_file_get_parent (dir);
  g_autoptr(GFile) resolved = NULL;

  if (g_path_is_absolute (target) || parent == NULL)
    return g_strdup (target);

  resolved = g_file_resolve_relative_path (parent, target);
  return g_file_get_path (resolved);
}

/* Whether @file is there; following links, to the end. */
static gboolean
is_there (GFile *file)
{
  return g_file_test (g_file_peek_path (file), G_FILE_TEST_EXISTS);
}

/* What is in @dir, and whether Marbles is to wait for it. */
static MbDataFolderState
decide (GFile     *dir,
        gboolean   remembered,
        char     **link_target)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFile) people = g_file_get_child (dir, "people.json");

  info = g_file_query_info (dir, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SYMLINK_TARGET,
                            G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_SYMBOLIC_LINK && !is_there (dir))
    {
      *link_target = resolve_link (dir, g_file_info_get_symlink_target (info));
      return MB_DATA_FOLDER_LINK_BROKEN;
    }

  if (is_there (people))
    return MB_DATA_FOLDER_READY;
  if (!remembered)
    return MB_DATA_FOLDER_NEW;

  return is_there (dir) ? MB_DATA_FOLDER_NO_PEOPLE : MB_DATA_FOLDER_GONE;
}

static void
stop_watching (MbDataFolder *self)
{
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  g_clear_object (&self->watched);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_clear_handle_id (&self->look_id, g_source_remove);
}

/* The folder @file is in, or the one that one is in, and so on: the
 * first that is there.
 */
static GFile *
find_nearest (GFile *file)
{
  GFile *nearest = g_object_ref (file);

  while (!is_there (nearest))
    {
      GFile *parent = g_file_get_parent (nearest);

      if (parent == NULL)
        break;
      g_object_unref (nearest);
      nearest = parent;
    }

  return nearest;
}

static void look (MbDataFolder *self);

static gboolean
look_cb (gpointer user_data)
{
  MbDataFolder *self = user_data;

  self->look_id = 0;
  look (self);
  return G_SOURCE_REMOVE;
}

static gboolean
poll_cb (gpointer user_data)
{
  look (user_data);
  return G_SOURCE_CONTINUE;
}

static void
watched_changed_cb (GFileMonitor      *monitor,
                    GFile             *file,
                    GFile             *other_file,
                    GFileMonitorEvent  event,
                    MbDataFolder      *self)
{
  if (self->look_id == 0)
    self->look_id = g_idle_add (look_cb, self);
}

/* Watches the nearest folder on the way to the journal's that is there.
 * Returns whether that is another folder than before.
 */
static gboolean
watch (MbDataFolder *self)
{
  g_autoptr(GFile) way = self->link_target != NULL ? g_file_new_for_path (self->link_target)
                                                   : g_object_ref (self->dir);
  g_autoptr(GFile) nearest = find_nearest (way);

  if (self->poll_id == 0)
    self->poll_id = g_timeout_add_seconds (MB_DATA_FOLDER_POLL_SECONDS, poll_cb, self);
  if (self->watched != NULL && g_file_equal (self->watched, nearest))
    return FALSE;

  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  /* Without a monitor, the poll finds the journal. */
  self->monitor = g_file_monitor_directory (nearest, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
  if (self->monitor != NULL)
    g_signal_connect (self->monitor, "changed", G_CALLBACK (watched_changed_cb), self);
  g_set_object (&self->watched, nearest);
  return TRUE;
}

/* Looks at the folder, and watches it while the journal is missing. */
static void
look (MbDataFolder *self)
{
  g_auto(GStrv) folders = read_memory (self->memory);
  g_autofree char *uri = g_file_get_uri (self->dir);
  g_autofree char *link_target = NULL;
  MbDataFolderState state;
  gboolean changed;

  if (folders == NULL && !self->memory_damaged)
    g_message ("Could not read %s, so every journal folder counts as one Marbles had",
               g_file_peek_path (self->memory));
  self->memory_damaged = folders == NULL;
  self->remembered = folders == NULL || g_strv_contains ((const char * const *) folders, uri);

  /* Once more when the watch moved closer: the journal may have come
   * in before it was set up.
   */
  do
    {
      g_clear_pointer (&link_target, g_free);
      state = decide (self->dir, self->remembered, &link_target);
      g_free (self->link_target);
      self->link_target = g_strdup (link_target);
    }
  while (state_is_missing (state) && watch (self));

  if (!state_is_missing (state))
    stop_watching (self);

  changed = state != self->state;
  self->state = state;
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
mb_data_folder_constructed (GObject *object)
{
  MbDataFolder *self = MB_DATA_FOLDER (object);

  G_OBJECT_CLASS (mb_data_folder_parent_class)->constructed (object);

  g_assert (G_IS_FILE (self->dir));
  if (self->memory == NULL)
    self->memory = mb_data_folder_dup_default_memory ();
  look (self);
}

static void
mb_data_folder_dispose (GObject *object)
{
  MbDataFolder *self = MB_DATA_FOLDER (object);

  stop_watching (self);
  g_clear_object (&self->dir);
  g_clear_object (&self->memory);
  g_clear_pointer (&self->link_target, g_free);

  G_OBJECT_CLASS (mb_data_folder_parent_class)->dispose (object);
}

static void
mb_data_folder_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MbDataFolder *self = MB_DATA_FOLDER (object);

  switch (prop_id)
    {
    case PROP_DIR:
      g_value_set_object (value, self->dir);
      break;

    case PROP_MEMORY:
      g_value_set_object (value, self->memory);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_data_folder_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MbDataFolder *self = MB_DATA_FOLDER (object);

  switch (prop_id)
    {
    case PROP_DIR:
      self->dir = g_value_dup_object (value);
      break;

    case PROP_MEMORY:
      self->memory = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_data_folder_class_init (MbDataFolderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = mb_data_folder_constructed;
  object_class->dispose = mb_data_folder_dispose;
  object_class->get_property = mb_data_folder_get_property;
  object_class->set_property = mb_data_folder_set_property;

  properties[PROP_DIR] =
    g_param_spec_object ("dir", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_MEMORY] =
    g_param_spec_object ("memory", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       MB_TYPE_DATA_FOLDER_STATE, MB_DATA_FOLDER_NEW,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mb_data_folder_init (MbDataFolder *self)
{
  self->state = MB_DATA_FOLDER_NEW;
}

/**
 * mb_data_folder_dup_default_memory:
 *
 * Returns: (transfer full): where Marbles remembers the folders it had a
 *   journal in: `$XDG_STATE_HOME/marbles/journals.ini`
 */
GFile *
mb_data_folder_dup_default_memory (void)
{
  g_autofree char *state_dir = mb_storage_dup_state_dir ();
  g_autofree char *path = g_build_filename (state_dir, "journals.ini", NULL);

  return g_file_new_for_path (path);
}

/**
 * mb_data_folder_new:
 * @dir: the journal's folder
 * @memory: (nullable): where the folders Marbles had a journal in are
 *   remembered; %NULL for mb_data_folder_dup_default_memory()
 *
 * Looks at @dir at once, and while the journal is missing watches for it.
 */
MbDataFolder *
mb_data_folder_new (GFile *dir,
                    GFile *memory)
{
  g_return_val_if_fail (G_IS_FILE (dir), NULL);
  g_return_val_if_fail (memory == NULL || G_IS_FILE (memory), NULL);

  return g_object_new (MB_TYPE_DATA_FOLDER, "dir", dir, "memory", memory, NULL);
}

GFile *
mb_data_folder_get_dir (MbDataFolder *self)
{
  g_return_val_if_fail (MB_IS_DATA_FOLDER (self), NULL);

  return self->dir;
}

MbDataFolderState
mb_data_folder_get_state (MbDataFolder *self)
{
  g_return_val_if_fail (MB_IS_DATA_FOLDER (self), MB_DATA_FOLDER_NEW);

  return self->state;
}

/**
 * mb_data_folder_is_missing:
 *
 * Returns: whether Marbles is to wait for the journal rather than read
 *   the folder: it had one there, or the folder is a broken link
 */
gboolean
mb_data_folder_is_missing (MbDataFolder *self)
{
  g_return_val_if_fail (MB_IS_DATA_FOLDER (self), FALSE);

  return state_is_missing (self->state);
}

/**
 * mb_data_folder_get_link_target:
 *
 * Returns: (nullable): where the folder leads while it is a broken link
 */
const char *
mb_data_folder_get_link_target (MbDataFolder *self)
{
  g_return_val_if_fail (MB_IS_DATA_FOLDER (self), NULL);

  return self->link_target;
}

/**
 * mb_data_folder_look_again:
 *
 * Looks at the folder now, as on a change seen, and updates the state.
 */
void
mb_data_folder_look_again (MbDataFolder *self)
{
  g_return_if_fail (MB_IS_DATA_FOLDER (self));

  look (self);
}

/**
 * mb_data_folder_note_journal:
 *
 * Remembers that Marbles has a journal in the folder, when people.json
 * is there; nothing when it is not, or already is remembered. Call it
 * once the journal was read, and when people.json was saved.
 *
 * Returns: %TRUE unless the memory could not be written
 */
gboolean
mb_data_folder_note_journal (MbDataFolder  *self,
                             GError       **error)
{
  g_autoptr(GFile) people = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_autofree char *uri = NULL;
  g_auto(GStrv) folders = NULL;
  g_auto(GStrv) remembered = NULL;

  g_return_val_if_fail (MB_IS_DATA_FOLDER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  people = g_file_get_child (self->dir, "people.json");
  if ((self->remembered && !self->memory_damaged) || !is_there (people))
    return TRUE;

  /* A damaged memory is written anew, with this folder only. */
  builder = g_strv_builder_new ();
  folders = read_memory (self->memory);
  if (folders != NULL)
    g_strv_builder_addv (builder, (const char **) folders);
  uri = g_file_get_uri (self->dir);
  g_strv_builder_add (builder, uri);
  remembered = g_strv_builder_end (builder);
  if (!write_memory (self->memory, (const char * const *) remembered, error))
    return FALSE;

  look (self);
  return TRUE;
}

/**
 * mb_data_folder_forget:
 *
 * Forgets that Marbles had a journal in the folder, for a leader who
 * starts a new one: from now on a folder without people.json is a
 * first start. A broken link still is missing.
 *
 * Returns: %TRUE unless the memory could not be written
 */
gboolean
mb_data_folder_forget (MbDataFolder  *self,
                       GError       **error)
{
  g_autofree char *uri = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) folders = NULL;
  g_auto(GStrv) remembered = NULL;

  g_return_val_if_fail (MB_IS_DATA_FOLDER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  uri = g_file_get_uri (self->dir);
  builder = g_strv_builder_new ();
  folders = read_memory (self->memory);
  for (guint i = 0; folders != NULL && folders[i] != NULL; i++)
    {
      if (!g_str_equal (folders[i], uri))
        g_strv_builder_add (builder, folders[i]);
    }
  remembered = g_strv_builder_end (builder);
  if (!write_memory (self->memory, (const char * const *) remembered, error))
    return FALSE;

  look (self);
  return TRUE;
}
