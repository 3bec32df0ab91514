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
 */

#define G_LOG_DOMAIN "mb-script-library"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-script-library.h"

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
};

static void list_model_iface_init (GListModelInterface *iface);

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
