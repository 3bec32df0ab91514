/* mb-scripts-page.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Scripts section: every script, searchable, and the files that
 * could not be loaded; one script to read in full; importing a script
 * into the user's folder, and removing one from it.
 */

#define G_LOG_DOMAIN "mb-scripts-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-widgets.h"
#include "mb-script-row.h"
#include "mb-script-view.h"
#include "mb-scripts-page.h"
#include "mb-storage.h"

struct _MbScriptsPage
{
  MbSectionPage              parent_instance;

  MbScriptLibrary    *library;
  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;
  GCancellable       *cancellable;

  /* Template widgets */
  GtkWidget          *detail_pane;
  GtkScrolledWindow  *detail_scroller;
  AdwWindowTitle     *detail_title;
  AdwLeaflet         *leaflet;
  GtkWidget          *list_pane;
  GtkStack           *list_stack;
  GtkWidget          *problems_box;
  GtkListBox         *problems_list;
  GtkButton          *remove_button;
  GtkButton          *start_button;
  MbScriptView       *script_view;
  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkListBox         *scripts_list;
  AdwToastOverlay    *toast_overlay;
};

G_DEFINE_FINAL_TYPE (MbScriptsPage, mb_scripts_page, MB_TYPE_SECTION_PAGE)

enum {
  PROP_0,
  PROP_LIBRARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
filter_script (gpointer item,
               gpointer user_data)
{
  MbScriptsPage *self = user_data;

  return mb_script_matches (item, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static GtkWidget *
create_script_row (gpointer item,
                   gpointer user_data)
{
  return mb_script_row_new (item);
}

static void
update_list_visibility (MbScriptsPage *self)
{
  gboolean any = g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) > 0;
  gboolean searching = *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0';

  gtk_stack_set_visible_child_name (self->list_stack, any || !searching ? "list" : "no-results");
  gtk_widget_set_visible (self->problems_box,
                          !searching && g_list_model_get_n_items (mb_script_library_get_problems (self->library)) > 0);
}

static void
update_actions (MbScriptsPage *self)
{
  MbScript *script = mb_script_view_get_script (self->script_view);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scripts.remove",
                                 script != NULL && !mb_script_is_bundled (script));
  gtk_widget_set_visible (GTK_WIDGET (self->remove_button),
                          script != NULL && !mb_script_is_bundled (script));
  if (script != NULL)
    {
      /* Translators: what a screen reader says for the button that removes a script */
      g_autofree char *label = g_strdup_printf (_("Remove script “%s”"),
                                                mb_localized_get (mb_script_get_title (script)));

      gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }
}

static void
search_changed_cb (MbScriptsPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_list_visibility (self);
}

static void
search_activated_cb (MbScriptsPage *self)
{
  g_autoptr(MbScript) first = g_list_model_get_item (G_LIST_MODEL (self->filtered), 0);

  if (first != NULL)
    mb_scripts_page_show_script (self, first);
}

static void
script_row_activated_cb (MbScriptsPage *self,
                         GtkListBoxRow *row)
{
  mb_scripts_page_show_script (self, mb_script_row_get_script (MB_SCRIPT_ROW (row)));
}

static void
library_loaded_cb (MbScriptsPage *self)
{
  MbScript *shown = mb_script_view_get_script (self->script_view);
  MbScript *now;

  update_list_visibility (self);

  /* The script on screen was changed or removed in the folder. */
  if (shown == NULL)
    return;
  now = mb_script_library_lookup (self->library, mb_script_get_id (shown));
  if (now == NULL)
    {
      adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
      mb_script_view_set_script (self->script_view, NULL);
    }
  else if (now != shown)
    {
      mb_script_view_set_script (self->script_view, now);
      adw_window_title_set_title (self->detail_title, mb_localized_get (mb_script_get_title (now)));
    }

  update_actions (self);
}

static void
show_list_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MbScriptsPage *self = MB_SCRIPTS_PAGE (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

/* What a question about the user's scripts folder is about, also once
 * the dialog has gone and the library is doing what was asked. When the
 * page has gone by then, there is no one left to tell.
 */
typedef struct
{
  MbScriptsPage  *self;    /* weak */
  GFile          *file;    /* picked to import */
  MbScriptImport *import;  /* that file, read and checked */
  MbScript       *script;  /* to remove */
} Request;

static Request *
request_new (MbScriptsPage *self)
{
  Request *request = g_rc_box_new0 (Request);

  g_set_weak_pointer (&request->self, self);
  return request;
}

static void
request_clear (Request *request)
{
  g_clear_weak_pointer (&request->self);
  g_clear_object (&request->file);
  g_clear_object (&request->import);
  g_clear_object (&request->script);
}

static void
request_unref (Request *request)
{
  g_rc_box_release_full (request, (GDestroyNotify) request_clear);
}

static Request *
request_ref (Request *request)
{
  return g_rc_box_acquire (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_unref)

/* Shows @dialog, which hands @request (taken) to @callback as it answers. */
static void
ask (AdwMessageDialog *dialog,
     GCallback         callback,
     Request          *request)
{
  g_signal_connect_data (dialog, "response", callback, request, (GClosureNotify) request_unref, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
removed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  MbScriptsPage *self = request->self;
  g_autoptr(GError) error = NULL;
  gboolean removed = mb_script_library_remove_finish (MB_SCRIPT_LIBRARY (object), result, &error);

  if (self == NULL)
    return;

  if (!removed)
    {
      g_autofree char *heading = g_strdup_printf (_("Could Not Remove “%s”"),
                                                  mb_localized_get (mb_script_get_title (request->script)));

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        mb_show_error (GTK_WIDGET (self), heading, error->message);
      return;
    }

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    Request          *request)
{
  MbScriptsPage *self = request->self;

  if (self != NULL && g_strcmp0 (response, "remove") == 0)
    mb_script_library_remove_async (self->library, request->script, self->cancellable,
                                    removed_cb, request_ref (request));
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MbScriptsPage *self = MB_SCRIPTS_PAGE (widget);
  MbScript *script = mb_script_view_get_script (self->script_view);
  g_autofree char *heading = NULL;
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  Request *request;

  g_return_if_fail (script != NULL && !mb_script_is_bundled (script));

  heading = g_strdup_printf (_("Remove “%s”?"), mb_localized_get (mb_script_get_title (script)));
  name = g_file_get_basename (mb_script_get_file (script));
  body = g_strdup_printf (_("The file “%s” will be deleted from your scripts folder."), name);

  request = request_new (self);
  request->script = g_object_ref (script);
  ask (mb_question_new (widget, heading, body, "remove", _("_Remove"), ADW_RESPONSE_DESTRUCTIVE),
       G_CALLBACK (remove_response_cb), request);
}

static void
imported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  MbScriptsPage *self = request->self;
  MbScript *script = mb_script_import_get_script (request->import);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  gboolean imported = mb_script_library_import_finish (MB_SCRIPT_LIBRARY (object), result, &error);

  if (self == NULL)
    return;

  if (!imported)
    {
      g_autofree char *heading = g_strdup_printf (_("Could Not Import “%s”"),
                                                  mb_localized_get (mb_script_get_title (script)));

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        mb_show_error (GTK_WIDGET (self), heading, error->message);
      return;
    }

  title = g_strdup_printf (_("Imported “%s”"), mb_localized_get (mb_script_get_title (script)));
  adw_toast_overlay_add_toast (self->toast_overlay, mb_toast_new (title));
}

static void
write_import (Request *request)
{
  MbScriptsPage *self = request->self;

  mb_script_library_import_async (self->library, request->import, self->cancellable,
                                  imported_cb, request_ref (request));
}

static void
replace_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     Request          *request)
{
  if (request->self != NULL && g_strcmp0 (response, "replace") == 0)
    write_import (request);
}

static void
ask_to_replace (Request *request)
{
  g_autofree char *name = g_file_get_basename (mb_script_import_get_target (request->import));
  g_autofree char *heading = g_strdup_printf (_("Replace “%s”?"), name);
  AdwMessageDialog *dialog;

  dialog = mb_question_new (GTK_WIDGET (request->self), heading,
                            _("Your scripts folder already has a script with this id. "
                              "Importing replaces it with the new file."),
                            "replace", _("_Replace"), ADW_RESPONSE_DESTRUCTIVE);
  ask (dialog, G_CALLBACK (replace_response_cb), request_ref (request));
}

static void
import_checked_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(GError) error = NULL;

  request->import = mb_script_library_prepare_import_finish (MB_SCRIPT_LIBRARY (object), result, &error);
  if (request->self == NULL)
    return;

  if (request->import == NULL)
    {
      g_autofree char *name = g_file_get_basename (request->file);
      g_autofree char *heading = g_strdup_printf (_("Could Not Import “%s”"), name);

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        mb_show_error (GTK_WIDGET (request->self), heading, error->message);
      return;
    }

  if (mb_script_import_get_replaces (request->import))
    ask_to_replace (request);
  else
    write_import (request);
}

/**
 * mb_scripts_page_import_file:
 * @file: a script file the user picked
 *
 * Checks @file and copies it into the user's scripts folder, as
 * `ID.json`; when it is not a valid script, says exactly why and
 * copies nothing.
 */
void
mb_scripts_page_import_file (MbScriptsPage *self,
                             GFile         *file)
{
  Request *request;

  g_return_if_fail (MB_IS_SCRIPTS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  request = request_new (self);
  request->file = g_object_ref (file);
  mb_script_library_prepare_import_async (self->library, file, self->cancellable,
                                          import_checked_cb, request);
}

static void
import_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    MbScriptsPage   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      mb_scripts_page_import_file (self, file);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MbScriptsPage *self = MB_SCRIPTS_PAGE (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Import Script"), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), NULL);
  gtk_file_filter_set_name (filter, _("Marbles scripts"));
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (import_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
show_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MbScriptsPage *self = MB_SCRIPTS_PAGE (widget);
  GFile *dir = mb_script_library_get_user_dir (self->library);
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_file_get_uri (dir);

  if (!mb_storage_ensure_private_dir (g_file_peek_path (dir), &error))
    {
      mb_show_error (GTK_WIDGET (self), _("Could Not Open the Scripts Folder"), error->message);
      return;
    }

  gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), uri, GDK_CURRENT_TIME);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MbScriptsPage *self = MB_SCRIPTS_PAGE (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
set_library (MbScriptsPage   *self,
             MbScriptLibrary *library)
{
  g_assert (self->library == NULL);

  self->library = g_object_ref (library);
  self->filter = gtk_custom_filter_new (filter_script, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (library)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  gtk_list_box_bind_model (self->scripts_list, G_LIST_MODEL (self->filtered),
                           create_script_row, self, NULL);
  gtk_list_box_bind_model (self->problems_list, mb_script_library_get_problems (library),
                           mb_problem_row_new, NULL, NULL);
  g_signal_connect_object (library, "loaded", G_CALLBACK (library_loaded_cb), self, G_CONNECT_SWAPPED);
  update_list_visibility (self);
}

static void
mb_scripts_page_dispose (GObject *object)
{
  MbScriptsPage *self = MB_SCRIPTS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->library);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (mb_scripts_page_parent_class)->dispose (object);
}

static void
mb_scripts_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MbScriptsPage *self = MB_SCRIPTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      g_value_set_object (value, self->library);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_scripts_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MbScriptsPage *self = MB_SCRIPTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      set_library (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_scripts_page_class_init (MbScriptsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mb_scripts_page_dispose;
  object_class->get_property = mb_scripts_page_get_property;
  object_class->set_property = mb_scripts_page_set_property;

  properties[PROP_LIBRARY] =
    g_param_spec_object ("library", NULL, NULL,
                         MB_TYPE_SCRIPT_LIBRARY,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));


  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/mb-scripts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MbScriptsPage, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, MbScriptsPage, detail_scroller);
  gtk_widget_class_bind_template_child (widget_class, MbScriptsPage, detail_title);
  gtk_widget_class_bind_template_child (widget_class, MbScriptsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, MbScriptsPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, MbScriptsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, MbScriptsPage, problems_box);
  gtk_widget_class_bind_template_child (widget_class, MbScriptsPage, problems_list);
  gtk_widget_class_bind_template_child (widget_class, MbScriptsPage, remove_button);
  gtk_widget_class_bind_template_child (widget_class, MbScriptsPage, start_button);
  gtk_widget_class_bind_template_child (widget_class, MbScriptsPage, script_view);
  gtk_widget_class_bind_template_child (widget_class, MbScriptsPage, scripts_list);
  gtk_widget_class_bind_template_child (widget_class, MbScriptsPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, MbScriptsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MbScriptsPage, toast_overlay);
  gtk_widget_class_bind_template_callback (widget_class, script_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);

  gtk_widget_class_install_action (widget_class, "scripts.show-list", NULL, show_list_action);
  gtk_widget_class_install_action (widget_class, "scripts.remove", NULL, remove_action);
  gtk_widget_class_install_action (widget_class, "scripts.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "scripts.show-folder", NULL, show_folder_action);

  gtk_widget_class_install_action (widget_class, "scripts.search", NULL, search_action);

  g_type_ensure (MB_TYPE_SCRIPT_VIEW);
}

static void
mb_scripts_page_init (MbScriptsPage *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  update_actions (self);
}

/**
 * mb_scripts_page_show_script:
 *
 * Shows @script in full.
 */
void
mb_scripts_page_show_script (MbScriptsPage *self,
                             MbScript      *script)
{
  g_return_if_fail (MB_IS_SCRIPTS_PAGE (self));
  g_return_if_fail (MB_IS_SCRIPT (script));

  mb_script_view_set_script (self->script_view, script);
  adw_window_title_set_title (self->detail_title, mb_localized_get (mb_script_get_title (script)));
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->start_button), "s", mb_script_get_id (script));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->detail_scroller), 0);
  update_actions (self);
  adw_leaflet_set_visible_child (self->leaflet, self->detail_pane);
}
