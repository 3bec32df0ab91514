/* mb-script-library.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* All the scripts the user can choose from, sorted by title: the ones
 * bundled in a GResource folder and the user's own *.json files in their
 * scripts folder. A user script with a bundled script's id replaces it.
 * A file that cannot be loaded is kept in the problems list with the
 * reason, and the rest still load. Loading happens in a worker thread,
 * and again whenever something in the user's folder changes.
 *
 * Importing a script into the user's folder and removing one from it
 * happen here too, in a worker thread; each is done when the list shows
 * the change.
 */

#define G_LOG_DOMAIN "mb-script-library"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-script-library.h"
#include "mb-storage.h"

/* How long to wait for more changes in the folder before reloading. */
#define RELOAD_DELAY_MS 150

struct _MbScriptLibrary
{
  GObject       parent_instance;

  char         *bundled_path;
  GFile        *user_dir;
  GPtrArray    *scripts;
  GListStore   *problems;
  GFileMonitor *monitor;
  GCancellable *cancellable;
  guint         reload_source;
  guint         generation;
  gboolean      loaded;

  /* Imports and removals done once the next load is in the list */
  GPtrArray    *waiting;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_QUARK (mb-script-library-error-quark, mb_script_library_error)

G_DEFINE_FINAL_TYPE_WITH_CODE (MbScriptLibrary, mb_script_library, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_BUNDLED_PATH,
  PROP_USER_DIR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What a worker hands back to the main thread. */
typedef struct
{
  GPtrArray *scripts;
  GPtrArray *problems;
} LoadResult;

static void
load_result_free (LoadResult *result)
{
  g_ptr_array_unref (result->scripts);
  g_ptr_array_unref (result->problems);
  g_free (result);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* The names of the *.json files in @dir, sorted; hidden files (such as
 * the temporary files of an atomic save) are skipped.
 */
static GPtrArray *
list_script_names (GFile        *dir,
                   GCancellable *cancellable)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GFileEnumerator) enumerator = NULL;
  GFileInfo *info;

  enumerator = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                          G_FILE_QUERY_INFO_NONE, cancellable, NULL);
  while (enumerator != NULL &&
         g_file_enumerator_iterate (enumerator, &info, NULL, cancellable, NULL) &&
         info != NULL)
    {
      const char *name = g_file_info_get_name (info);

      if (name[0] != '.' && g_str_has_suffix (name, ".json"))
        g_ptr_array_add (names, g_strdup (name));
    }

  g_ptr_array_sort (names, compare_names);
  return names;
}

static void
load_file (LoadResult   *result,
           GHashTable   *by_id,
           GFile        *file,
           GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MbScript) script = mb_script_new_from_file (file, cancellable, &error);
  MbScript *same_id;
  char *id;

  if (script == NULL)
    {
      g_ptr_array_add (result->problems, mb_problem_new (file, error->message));
      return;
    }

  same_id = g_hash_table_lookup (by_id, mb_script_get_id (script));
  if (same_id != NULL && !mb_script_is_bundled (same_id))
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *other = g_file_get_basename (mb_script_get_file (same_id));
      g_autofree char *what = g_strdup_printf (_("The id “%s” is already used by %s"),
                                               mb_script_get_id (script), other);
      g_autofree char *message = g_strdup_printf ("%s: id: %s", name, what);

      g_ptr_array_add (result->problems, mb_problem_new (file, message));
      return;
    }

  /* A user script replaces the bundled one with its id. */
  id = g_strdup (mb_script_get_id (script));
  g_hash_table_replace (by_id, id, g_steal_pointer (&script));
}

static int
compare_titles (gconstpointer a,
                gconstpointer b)
{
  MbScript *script_a = *(MbScript * const *) a;
  MbScript *script_b = *(MbScript * const *) b;

  return g_utf8_collate (mb_localized_get (mb_script_get_title (script_a)),
                         mb_localized_get (mb_script_get_title (script_b)));
}

static void
load_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  MbScriptLibrary *self = source_object;
  LoadResult *result = g_new0 (LoadResult, 1);
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_auto(GStrv) bundled = NULL;
  GHashTableIter iter;
  gpointer script;

  result->scripts = g_ptr_array_new_with_free_func (g_object_unref);
  result->problems = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->bundled_path != NULL)
    bundled = g_resources_enumerate_children (self->bundled_path, 0, NULL);
  for (guint i = 0; bundled != NULL && bundled[i] != NULL; i++)
    {
      g_autofree char *uri = NULL;
      g_autoptr(GFile) file = NULL;

      if (!g_str_has_suffix (bundled[i], ".json"))
        continue;
      uri = g_strconcat ("resource://", self->bundled_path, "/", bundled[i], NULL);
      file = g_file_new_for_uri (uri);
      load_file (result, by_id, file, cancellable);
    }

  if (self->user_dir != NULL)
    {
      g_autoptr(GPtrArray) names = list_script_names (self->user_dir, cancellable);

      for (guint i = 0; i < names->len; i++)
        {
          g_autoptr(GFile) file = g_file_get_child (self->user_dir, g_ptr_array_index (names, i));

          load_file (result, by_id, file, cancellable);
        }
    }

  g_hash_table_iter_init (&iter, by_id);
  while (g_hash_table_iter_next (&iter, NULL, &script))
    g_ptr_array_add (result->scripts, g_object_ref (script));
  g_ptr_array_sort (result->scripts, compare_titles);

  g_task_return_pointer (task, result, (GDestroyNotify) load_result_free);
}

/* Completes the changes that waited for the list to show them: all with
 * success, or all with @error when the load did not finish.
 */
static void
finish_waiting (MbScriptLibrary *self,
                const GError    *error)
{
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&self->waiting);

  /* A callback may start the next change. */
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < waiting->len; i++)
    {
      GTask *task = g_ptr_array_index (waiting, i);

      if (error == NULL)
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, g_error_copy (error));
    }
}

static void
load_cb (GObject      *object,
         GAsyncResult *res,
         gpointer      user_data)
{
  MbScriptLibrary *self = MB_SCRIPT_LIBRARY (object);
  guint generation = GPOINTER_TO_UINT (user_data);
  g_autoptr(GError) error = NULL;
  LoadResult *result;
  guint removed;

  result = g_task_propagate_pointer (G_TASK (res), &error);
  if (result == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not load the scripts: %s", error->message);
      finish_waiting (self, error);
      return;
    }

  /* A newer load has started since: its result counts, not this one. */
  if (generation != self->generation)
    {
      load_result_free (result);
      return;
    }

  removed = self->scripts->len;
  g_ptr_array_set_size (self->scripts, 0);
  g_ptr_array_extend_and_steal (self->scripts, g_steal_pointer (&result->scripts));
  g_list_store_splice (self->problems, 0, g_list_model_get_n_items (G_LIST_MODEL (self->problems)),
                       result->problems->pdata, result->problems->len);
  g_ptr_array_unref (result->problems);
  g_free (result);

  self->loaded = TRUE;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->scripts->len);
  g_signal_emit (self, signals[LOADED], 0);
  finish_waiting (self, NULL);
}

/**
 * mb_script_library_reload:
 *
 * Loads all scripts again, in a worker thread; emits #MbScriptLibrary::loaded
 * when the model has the new list.
 */
void
mb_script_library_reload (MbScriptLibrary *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MB_IS_SCRIPT_LIBRARY (self));

  g_clear_handle_id (&self->reload_source, g_source_remove);

  self->generation++;
  task = g_task_new (self, self->cancellable, load_cb, GUINT_TO_POINTER (self->generation));
  g_task_set_source_tag (task, mb_script_library_reload);
  g_task_run_in_thread (task, load_worker);
}

static gboolean
reload_timeout_cb (gpointer user_data)
{
  MbScriptLibrary *self = user_data;

  self->reload_source = 0;
  mb_script_library_reload (self);
  return G_SOURCE_REMOVE;
}

static void
user_dir_changed_cb (MbScriptLibrary   *self,
                     GFile             *file,
                     GFile             *other_file,
                     GFileMonitorEvent  event)
{
  /* An editor's save is a burst of events: reload once it is over. */
  g_clear_handle_id (&self->reload_source, g_source_remove);
  self->reload_source = g_timeout_add (RELOAD_DELAY_MS, reload_timeout_cb, self);
}

static void
watch_user_dir (MbScriptLibrary *self)
{
  g_autoptr(GError) error = NULL;

  self->monitor = g_file_monitor_directory (self->user_dir, G_FILE_MONITOR_WATCH_MOVES,
                                            NULL, &error);
  if (self->monitor == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (self->user_dir);

      g_warning ("Could not watch %s for changes: %s", name, error->message);
      return;
    }

  g_signal_connect_object (self->monitor, "changed",
                           G_CALLBACK (user_dir_changed_cb), self, G_CONNECT_SWAPPED);
}

static GType
list_model_get_item_type (GListModel *model)
{
  return MB_TYPE_SCRIPT;
}

static guint
list_model_get_n_items (GListModel *model)
{
  return MB_SCRIPT_LIBRARY (model)->scripts->len;
}

static gpointer
list_model_get_item (GListModel *model,
                     guint       position)
{
  MbScriptLibrary *self = MB_SCRIPT_LIBRARY (model);

  if (position >= self->scripts->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->scripts, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_model_get_item_type;
  iface->get_n_items = list_model_get_n_items;
  iface->get_item = list_model_get_item;
}

static void
mb_script_library_constructed (GObject *object)
{
  MbScriptLibrary *self = MB_SCRIPT_LIBRARY (object);

  G_OBJECT_CLASS (mb_script_library_parent_class)->constructed (object);

  if (self->user_dir != NULL)
    watch_user_dir (self);

  /* After whatever the main loop has to do first, such as showing a
   * window, and in a worker thread.
   */
  self->reload_source = g_idle_add_full (G_PRIORITY_LOW, reload_timeout_cb, self, NULL);
}

static void
mb_script_library_dispose (GObject *object)
{
  MbScriptLibrary *self = MB_SCRIPT_LIBRARY (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->monitor != NULL)
    g_file_monitor_cancel (self->monitor);
  g_clear_object (&self->monitor);

  G_OBJECT_CLASS (mb_script_library_parent_class)->dispose (object);
}

static void
mb_script_library_finalize (GObject *object)
{
  MbScriptLibrary *self = MB_SCRIPT_LIBRARY (object);

  g_free (self->bundled_path);
  g_clear_object (&self->user_dir);
  g_ptr_array_unref (self->scripts);
  g_clear_object (&self->problems);
  g_clear_object (&self->cancellable);
  g_ptr_array_unref (self->waiting);

  G_OBJECT_CLASS (mb_script_library_parent_class)->finalize (object);
}

static void
mb_script_library_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MbScriptLibrary *self = MB_SCRIPT_LIBRARY (object);

  switch (prop_id)
    {
    case PROP_BUNDLED_PATH:
      g_value_set_string (value, self->bundled_path);
      break;

    case PROP_USER_DIR:
      g_value_set_object (value, self->user_dir);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_script_library_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  MbScriptLibrary *self = MB_SCRIPT_LIBRARY (object);

  switch (prop_id)
    {
    case PROP_BUNDLED_PATH:
      self->bundled_path = g_value_dup_string (value);
      break;

    case PROP_USER_DIR:
      self->user_dir = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_script_library_class_init (MbScriptLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = mb_script_library_constructed;
  object_class->dispose = mb_script_library_dispose;
  object_class->finalize = mb_script_library_finalize;
  object_class->get_property = mb_script_library_get_property;
  object_class->set_property = mb_script_library_set_property;

  properties[PROP_BUNDLED_PATH] =
    g_param_spec_string ("bundled-path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_USER_DIR] =
    g_param_spec_object ("user-dir", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MbScriptLibrary::loaded:
   *
   * The scripts and the problems have been (re)loaded.
   */
  signals[LOADED] =
    g_signal_new ("loaded",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
mb_script_library_init (MbScriptLibrary *self)
{
  self->scripts = g_ptr_array_new_with_free_func (g_object_unref);
  self->problems = g_list_store_new (MB_TYPE_PROBLEM);
  self->cancellable = g_cancellable_new ();
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * mb_script_library_new:
 * @bundled_path: (nullable): a resource folder with bundled scripts
 * @user_dir: (nullable): the user's scripts folder; it is watched, and
 *   need not exist
 *
 * Creates the library and starts loading it.
 */
MbScriptLibrary *
mb_script_library_new (const char *bundled_path,
                       GFile      *user_dir)
{
  return g_object_new (MB_TYPE_SCRIPT_LIBRARY,
                       "bundled-path", bundled_path,
                       "user-dir", user_dir,
                       NULL);
}

/**
 * mb_script_library_is_loaded:
 *
 * Returns: whether the first load has finished
 */
gboolean
mb_script_library_is_loaded (MbScriptLibrary *self)
{
  g_return_val_if_fail (MB_IS_SCRIPT_LIBRARY (self), FALSE);

  return self->loaded;
}

/**
 * mb_script_library_get_user_dir:
 *
 * Returns: (transfer none) (nullable): the user's scripts folder
 */
GFile *
mb_script_library_get_user_dir (MbScriptLibrary *self)
{
  g_return_val_if_fail (MB_IS_SCRIPT_LIBRARY (self), NULL);

  return self->user_dir;
}

/**
 * mb_script_library_get_problems:
 *
 * Returns: (transfer none): a #GListModel of #MbProblem: the files
 *   that could not be loaded, and why
 */
GListModel *
mb_script_library_get_problems (MbScriptLibrary *self)
{
  g_return_val_if_fail (MB_IS_SCRIPT_LIBRARY (self), NULL);

  return G_LIST_MODEL (self->problems);
}

/**
 * mb_script_library_lookup:
 *
 * Returns: (transfer none) (nullable): the script with @id
 */
MbScript *
mb_script_library_lookup (MbScriptLibrary *self,
                          const char      *id)
{
  g_return_val_if_fail (MB_IS_SCRIPT_LIBRARY (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < self->scripts->len; i++)
    {
      MbScript *script = g_ptr_array_index (self->scripts, i);

      if (g_strcmp0 (mb_script_get_id (script), id) == 0)
        return script;
    }

  return NULL;
}

/* Whether @file is one the library reads from the user's folder: a
 * visible *.json file right in it. Nothing else is written or deleted.
 */
static gboolean
check_in_user_dir (MbScriptLibrary  *self,
                   GFile            *file,
                   GError          **error)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *shown = NULL;

  if (self->user_dir != NULL && parent != NULL && g_file_equal (parent, self->user_dir) &&
      name != NULL && name[0] != '.' && g_str_has_suffix (name, ".json"))
    return TRUE;

  shown = g_file_get_parse_name (file);
  g_set_error (error, MB_SCRIPT_LIBRARY_ERROR, MB_SCRIPT_LIBRARY_ERROR_NOT_IN_FOLDER,
               /* Translators: %s is a file, such as /home/…/give-trust.json */
               _("%s is not a file in your scripts folder"), shown);
  return FALSE;
}

/* Reads and checks the file the user picked, and finds its place in the
 * user's folder. Blocks: runs in a worker thread.
 */
static MbScriptImport *
read_import (MbScriptLibrary  *self,
             GFile            *file,
             GCancellable     *cancellable,
             GError          **error)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *target_name = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MbScript) script = NULL;
  g_autoptr(GFile) target = NULL;

  bytes = g_file_load_bytes (file, cancellable, NULL, error);
  if (bytes == NULL)
    return NULL;
  script = mb_script_new_from_bytes (bytes, name, error);
  if (script == NULL)
    return NULL;

  /* The id becomes a file name: checked when the script was read, and
   * again here, where it matters.
   */
  if (!mb_script_is_valid_id (mb_script_get_id (script)))
    {
      g_set_error (error, MB_SCRIPT_ERROR, MB_SCRIPT_ERROR_INVALID_ID,
                   _("“%s” is not a valid id: use lowercase letters, digits and "
                     "single hyphens, at most %d characters"),
                   mb_script_get_id (script), MB_SCRIPT_MAX_ID_LENGTH);
      return NULL;
    }

  target_name = g_strconcat (mb_script_get_id (script), ".json", NULL);
  target = g_file_get_child (self->user_dir, target_name);
  if (g_file_equal (target, file))
    {
      g_set_error_literal (error, MB_SCRIPT_LIBRARY_ERROR, MB_SCRIPT_LIBRARY_ERROR_ALREADY_IN_FOLDER,
                           _("This file is already in your scripts folder."));
      return NULL;
    }

  return mb_script_import_new (script, bytes, target, g_file_query_exists (target, cancellable));
}

static void
prepare_import_worker (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  GError *error = NULL;
  MbScriptImport *import = read_import (source_object, task_data, cancellable, &error);

  if (import != NULL)
    g_task_return_pointer (task, import, g_object_unref);
  else
    g_task_return_error (task, error);
}

/**
 * mb_script_library_prepare_import_async:
 * @file: a script file the user picked
 *
 * Reads and checks @file in a worker thread, and finds where it would
 * go in the user's scripts folder: `ID.json`. Nothing is written yet;
 * see mb_script_library_import_async().
 */
void
mb_script_library_prepare_import_async (MbScriptLibrary     *self,
                                        GFile               *file,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MB_IS_SCRIPT_LIBRARY (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->user_dir != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mb_script_library_prepare_import_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, prepare_import_worker);
}

/**
 * mb_script_library_prepare_import_finish:
 *
 * Returns: (transfer full) (nullable): the checked script and where it
 *   goes, or %NULL with @error set: the file could not be read
 *   (%G_IO_ERROR), is not a valid script (%MB_SCRIPT_ERROR, the message
 *   naming the file and saying what is wrong where), or is in the
 *   user's folder already (%MB_SCRIPT_LIBRARY_ERROR_ALREADY_IN_FOLDER)
 */
MbScriptImport *
mb_script_library_prepare_import_finish (MbScriptLibrary  *self,
                                         GAsyncResult     *result,
                                         GError          **error)
{
  g_return_val_if_fail (MB_IS_SCRIPT_LIBRARY (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mb_script_library_prepare_import_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
changed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  MbScriptLibrary *self = MB_SCRIPT_LIBRARY (object);
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* Done when the list shows the change. */
  g_ptr_array_add (self->waiting, g_steal_pointer (&task));
  mb_script_library_reload (self);
}

/* Runs @worker on @data in a thread, then loads the scripts again and
 * completes @task once the list shows what changed.
 */
static void
change_user_dir (MbScriptLibrary *self,
                 GTask           *task,
                 gpointer         data,
                 GDestroyNotify   data_free,
                 GTaskThreadFunc  worker)
{
  g_autoptr(GTask) change = g_task_new (self, g_task_get_cancellable (task), changed_cb, g_object_ref (task));

  g_task_set_source_tag (change, change_user_dir);
  /* What was done on disk counts, even when cancelled: the list follows. */
  g_task_set_check_cancellable (change, FALSE);
  g_task_set_task_data (change, data, data_free);
  g_task_run_in_thread (change, worker);
}

static void
import_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  MbScriptImport *import = task_data;
  GError *error = NULL;

  if (mb_storage_write_private (g_file_peek_path (mb_script_import_get_target (import)),
                                mb_script_import_get_bytes (import), &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * mb_script_library_import_async:
 * @import: from mb_script_library_prepare_import_finish()
 *
 * Writes the checked script into the user's scripts folder, replacing
 * the file with its id if there is one: atomically, readable by the user
 * only, creating the folder (private) when needed. @callback runs once
 * the list shows the imported script.
 */
void
mb_script_library_import_async (MbScriptLibrary     *self,
                                MbScriptImport      *import,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (MB_IS_SCRIPT_LIBRARY (self));
  g_return_if_fail (MB_IS_SCRIPT_IMPORT (import));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mb_script_library_import_async);
  if (!check_in_user_dir (self, mb_script_import_get_target (import), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  change_user_dir (self, task, g_object_ref (import), g_object_unref, import_worker);
}

/**
 * mb_script_library_import_finish:
 *
 * Returns: %TRUE when the script is in the user's folder and in the
 *   list; %FALSE with @error saying why it could not be written
 */
gboolean
mb_script_library_import_finish (MbScriptLibrary  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  g_return_val_if_fail (MB_IS_SCRIPT_LIBRARY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mb_script_library_import_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
remove_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;

  /* Gone already is as good as removed. */
  if (g_file_delete (task_data, cancellable, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_clear_error (&error);
      g_task_return_boolean (task, TRUE);
    }
  else
    g_task_return_error (task, error);
}

/**
 * mb_script_library_remove_async:
 * @script: a script from the user's scripts folder
 *
 * Deletes the file of @script from the user's scripts folder. A bundled
 * script, or any file outside that folder, is not touched: that is an
 * %MB_SCRIPT_LIBRARY_ERROR_NOT_IN_FOLDER error. @callback runs once the
 * list shows the change.
 */
void
mb_script_library_remove_async (MbScriptLibrary     *self,
                                MbScript            *script,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GFile *file;
  GError *error = NULL;

  g_return_if_fail (MB_IS_SCRIPT_LIBRARY (self));
  g_return_if_fail (MB_IS_SCRIPT (script));
  g_return_if_fail (G_IS_FILE (mb_script_get_file (script)));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  file = mb_script_get_file (script);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mb_script_library_remove_async);
  if (!check_in_user_dir (self, file, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  change_user_dir (self, task, g_object_ref (file), g_object_unref, remove_worker);
}

/**
 * mb_script_library_remove_finish:
 *
 * Returns: %TRUE when the file is gone and the list shows it; %FALSE
 *   with @error saying why it could not be deleted
 */
gboolean
mb_script_library_remove_finish (MbScriptLibrary  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  g_return_val_if_fail (MB_IS_SCRIPT_LIBRARY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mb_script_library_remove_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
