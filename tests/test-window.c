/* test-window.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "mb-application.h"
#include "mb-conversation-read.h"
#include "mb-conversation-view.h"
#include "mb-conversations-page.h"
#include "mb-marble-jar.h"
#include "mb-new-conversation-dialog.h"
#include "mb-people-page.h"
#include "mb-person-view.h"
#include "mb-script-row.h"
#include "mb-scripts-page.h"
#include "mb-script-view.h"
#include "mb-search-filters.h"
#include "mb-window.h"
#include "ui-util.h"

/* How many scripts come with Marbles */
#define N_BUNDLED 20

static MbApplication *app;

static GtkWidget *
template_child (MbWindow   *window,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (window), MB_TYPE_WINDOW, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

static MbWindow *
open_window (void)
{
  g_autoptr(MbScriptLibrary) library = new_library ();
  g_autoptr(MbJournal) journal = new_journal ();

  return open_window_with (library, journal);
}

static void
close_window (MbWindow *window)
{
  gtk_window_close (GTK_WINDOW (window));
  settle ();
}

static void
test_sections (void)
{
  GSettings *settings = mb_application_get_settings (app);
  MbWindow *window;
  GtkStack *stack;
  GtkListBox *sidebar;

  reset_settings ();
  window = open_window ();
  stack = GTK_STACK (template_child (window, "stack"));
  sidebar = GTK_LIST_BOX (template_child (window, "sidebar"));

  /* A first start opens on the conversations. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "conversations");
  g_assert_cmpstr (gtk_widget_get_name (GTK_WIDGET (gtk_list_box_get_selected_row (sidebar))),
                   ==, "conversations");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "people");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "people");
  g_assert_cmpstr (gtk_widget_get_name (GTK_WIDGET (gtk_list_box_get_selected_row (sidebar))),
                   ==, "people");
  g_assert_cmpstr (g_settings_get_string (settings, "section"), ==, "people");

  /* Clicking a row in the sidebar shows its section. */
  g_signal_emit_by_name (sidebar, "row-activated",
                         gtk_list_box_get_row_at_index (sidebar, 2));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "scripts");
  close_window (window);

  /* The next window opens where the last one was left. */
  window = open_window ();
  stack = GTK_STACK (template_child (window, "stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "scripts");
  close_window (window);
}

static void
test_narrow_layout (void)
{
  GSettings *settings = mb_application_get_settings (app);
  MbWindow *window;
  AdwLeaflet *leaflet;
  GtkWidget *sidebar_pane;
  GtkWidget *content_pane;
  GtkWidget *back_button;

  reset_settings ();
  g_settings_set_int (settings, "window-width", 360);
  g_settings_set_int (settings, "window-height", 640);
  window = open_window ();
  leaflet = ADW_LEAFLET (template_child (window, "leaflet"));
  sidebar_pane = template_child (window, "sidebar_pane");
  content_pane = template_child (window, "stack");

  /* Narrow, one pane at a time, starting with the sections. */
  wait_until (is_folded, leaflet);
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == sidebar_pane);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "people");
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == content_pane);
  back_button = GTK_WIDGET (gtk_widget_get_template_child (gtk_stack_get_child_by_name (GTK_STACK (content_pane), "people"),
                                                          MB_TYPE_PEOPLE_PAGE, "back_button"));
  g_assert_true (gtk_widget_get_visible (back_button));
  g_assert_true (gtk_widget_is_sensitive (back_button));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == sidebar_pane);
  g_assert_false (gtk_widget_is_sensitive (back_button));

  /* Made wide again, both panes show side by side. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  wait_until (is_unfolded, leaflet);
  g_assert_true (gtk_widget_get_mapped (sidebar_pane));
  g_assert_true (gtk_widget_get_mapped (content_pane));
  g_assert_false (gtk_widget_get_visible (back_button));

  close_window (window);
}

static void
test_window_size_kept (void)
{
  GSettings *settings = mb_application_get_settings (app);
  MbWindow *window;
  int width, height;

  reset_settings ();
  g_settings_set_int (settings, "window-width", 800);
  g_settings_set_int (settings, "window-height", 600);
  window = open_window ();
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 800);
  g_assert_cmpint (height, ==, 600);

  gtk_window_set_default_size (GTK_WINDOW (window), 720, 520);
  close_window (window);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 720);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 520);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
}

static void
test_about (void)
{
  MbWindow *window;
  GtkWindow *about;

  reset_settings ();
  window = open_window ();

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  wait_until (toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_ABOUT_WINDOW));
  about = find_toplevel (ADW_TYPE_ABOUT_WINDOW);

  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==, "Marbles");
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_cmpstr (adw_about_window_get_website (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_WEBSITE);
  g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==, GTK_LICENSE_GPL_3_0);
  g_assert_true (gtk_window_get_transient_for (about) == GTK_WINDOW (window));

  gtk_window_destroy (about);
  close_window (window);
}

/* @data: a GType, as GSIZE_TO_POINTER() */
static gboolean
toplevel_gone (gpointer data)
{
  return !toplevel_shown (data);
}

static void
test_shortcuts (void)
{
  MbWindow *window;
  GtkWindow *shortcuts;

  reset_settings ();
  window = open_window ();

  /* The menu item and Ctrl+? both use this action. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  wait_until (toplevel_shown, GSIZE_TO_POINTER (GTK_TYPE_SHORTCUTS_WINDOW));
  shortcuts = find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_true (gtk_window_get_transient_for (shortcuts) == GTK_WINDOW (window));
  /* Closed, it hides: asked again, the same one comes back. */
  gtk_window_close (shortcuts);
  wait_until (toplevel_gone, GSIZE_TO_POINTER (GTK_TYPE_SHORTCUTS_WINDOW));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  wait_until (toplevel_shown, GSIZE_TO_POINTER (GTK_TYPE_SHORTCUTS_WINDOW));
  g_assert_true (find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW) == shortcuts);
  gtk_widget_set_visible (GTK_WIDGET (shortcuts), FALSE);

  close_window (window);
}

static void
test_accels (void)
{
  g_auto(GStrv) quit = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");
  g_auto(GStrv) close = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "window.close");
  g_auto(GStrv) help = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                              "win.show-help-overlay");

  g_assert_true (g_strv_contains ((const char * const *) quit, "<Control>q"));
  g_assert_true (g_strv_contains ((const char * const *) close, "<Control>w"));
  g_assert_true (g_strv_contains ((const char * const *) help, "<Control>question"));
}

static void
test_quit (void)
{
  reset_settings ();
  open_window ();

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  settle ();
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
}

static GObject *
page_child (MbScriptsPage *page,
            const char    *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (page), MB_TYPE_SCRIPTS_PAGE, name);

  g_assert_nonnull (child);
  return child;
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n++;
  return n;
}

typedef struct
{
  GtkListBox *list;
  guint       n;
} RowCount;

static gboolean
has_rows (gpointer data)
{
  RowCount *count = data;

  return count_rows (count->list) == count->n;
}

static MbScriptsPage *
open_scripts (MbWindow *window)
{
  GtkStack *stack = GTK_STACK (template_child (window, "stack"));
  MbScriptsPage *page;
  RowCount bundled;

  /* Built when first shown. */
  g_assert_null (gtk_stack_get_child_by_name (stack, "scripts"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "scripts");
  page = MB_SCRIPTS_PAGE (gtk_stack_get_child_by_name (stack, "scripts"));
  g_assert_nonnull (page);
  bundled = (RowCount) { GTK_LIST_BOX (page_child (page, "scripts_list")), N_BUNDLED };
  wait_until (has_rows, &bundled);
  return page;
}

static void
test_scripts_search (void)
{
  MbWindow *window;
  MbScriptsPage *page;
  GtkEditable *entry;
  RowCount one, none, all;

  reset_settings ();
  window = open_window ();
  page = open_scripts (window);
  entry = GTK_EDITABLE (page_child (page, "search_entry"));
  one = (RowCount) { GTK_LIST_BOX (page_child (page, "scripts_list")), 1 };
  none = (RowCount) { one.list, 0 };
  all = (RowCount) { one.list, N_BUNDLED };

  /* A Dutch title word, case and accents ignored: one script. */
  gtk_widget_activate_action (GTK_WIDGET (page), "scripts.search", NULL);
  g_assert_true (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (page_child (page, "search_bar"))));
  gtk_editable_set_text (entry, "HERSTÉLLEN");
  wait_until (has_rows, &one);

  gtk_editable_set_text (entry, "no such words anywhere");
  wait_until (has_rows, &none);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (page_child (page, "list_stack"))),
                   ==, "no-results");

  gtk_editable_set_text (entry, "");
  wait_until (has_rows, &all);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (page_child (page, "list_stack"))),
                   ==, "list");
  close_window (window);
}

static void
test_scripts_detail (void)
{
  MbWindow *window;
  MbScriptsPage *page;
  GtkListBox *list;
  GtkListBoxRow *row = NULL;
  MbScript *script;

  reset_settings ();
  window = open_window ();
  page = open_scripts (window);
  list = GTK_LIST_BOX (page_child (page, "scripts_list"));

  for (guint i = 0; i < N_BUNDLED; i++)
    {
      GtkListBoxRow *candidate = gtk_list_box_get_row_at_index (list, i);
      MbScript *s = mb_script_row_get_script (MB_SCRIPT_ROW (candidate));

      if (g_str_equal (mb_script_get_id (s), "suspend-judgement"))
        row = candidate;
    }
  g_assert_nonnull (row);
  g_signal_emit_by_name (list, "row-activated", row);

  g_assert_true (adw_leaflet_get_visible_child (ADW_LEAFLET (page_child (page, "leaflet"))) ==
                 GTK_WIDGET (page_child (page, "detail_pane")));
  script = mb_script_view_get_script (MB_SCRIPT_VIEW (page_child (page, "script_view")));
  g_assert_cmpstr (mb_script_get_id (script), ==, "suspend-judgement");
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (page_child (page, "detail_title"))),
                   ==, "Suspend judgement: check your assumptions");
  /* A bundled script cannot be removed. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (page_child (page, "remove_button"))));

  gtk_widget_activate_action (GTK_WIDGET (page), "scripts.show-list", NULL);
  g_assert_true (adw_leaflet_get_visible_child (ADW_LEAFLET (page_child (page, "leaflet"))) ==
                 GTK_WIDGET (page_child (page, "list_pane")));
  close_window (window);
}

static GFile *
test_script_file (const char *kind,
                  const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "scripts", kind, name, NULL);

  return g_file_new_for_path (path);
}

static GFile *
user_scripts_dir (void)
{
  return g_file_get_child (data_dir, "scripts");
}

static void
test_import_broken (void)
{
  g_autoptr(GFile) bad = test_script_file ("bad", "step-missing-purpose.json");
  g_autoptr(GFile) dir = NULL;
  MbWindow *window;
  MbScriptsPage *page;
  GtkWindow *dialog;

  reset_settings ();
  window = open_window ();
  page = open_scripts (window);
  dir = user_scripts_dir ();

  mb_scripts_page_import_file (page, bad);
  wait_until (toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG));
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  /* It says which file and what is wrong where; nothing was copied. */
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)),
                            "step-missing-purpose.json"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "steps[1]: The member “purpose” is missing"));
  g_assert_false (g_file_query_exists (dir, NULL));

  gtk_window_destroy (dialog);
  close_window (window);
}

static gboolean
library_has_test_script (gpointer data)
{
  return mb_script_library_lookup (data, "test-script") != NULL;
}

static void
test_import_good (void)
{
  g_autoptr(GFile) good = test_script_file ("good", "full.json");
  g_autoptr(GFile) copy = NULL;
  MbScriptLibrary *library;
  MbWindow *window;
  MbScriptsPage *page;
  GStatBuf st;

  reset_settings ();
  window = open_window ();
  page = open_scripts (window);
  copy = g_file_new_build_filename (g_file_peek_path (data_dir), "scripts", "test-script.json", NULL);
  g_object_get (page, "library", &library, NULL);

  mb_scripts_page_import_file (page, good);
  wait_until (library_has_test_script, library);
  g_assert_false (mb_script_is_bundled (mb_script_library_lookup (library, "test-script")));

  /* Copied under its id, private to the user. */
  g_assert_cmpint (g_stat (g_file_peek_path (copy), &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);

  g_object_unref (library);
  close_window (window);
}

/* The label in @widget whose text contains @text, or NULL. */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
window_says_imported (gpointer data)
{
  GtkWidget *label = find_label (data, "Imported");

  return label != NULL && strstr (gtk_label_get_text (GTK_LABEL (label)), "Feedback & <growth>") != NULL;
}

/* A title with “&” and “<” in it shows as it is in the toast, which
 * libadwaita 1.2 reads as markup.
 */
static void
test_import_markup_title (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "scripts", "good", "full.json", NULL);
  g_autofree char *target = g_build_filename (g_get_user_cache_dir (), "feedback.json", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *changed = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (target);
  MbScriptLibrary *library;
  MbWindow *window;
  MbScriptsPage *page;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  parts = g_strsplit (contents, "\"Test script\"", -1);
  changed = g_strjoinv ("\"Feedback & <growth>\"", parts);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (target, changed, -1, NULL));

  reset_settings ();
  window = open_window ();
  page = open_scripts (window);
  g_object_get (page, "library", &library, NULL);
  mb_scripts_page_import_file (page, file);
  wait_until (library_has_test_script, library);
  wait_until (window_says_imported, window);

  g_object_unref (library);
  close_window (window);
}

static gboolean
library_lacks_test_script (gpointer data)
{
  return mb_script_library_lookup (data, "test-script") == NULL;
}

static void
test_remove_user_script (void)
{
  g_autoptr(GFile) good = test_script_file ("good", "full.json");
  g_autoptr(GFile) copy = NULL;
  MbScriptLibrary *library;
  MbWindow *window;
  MbScriptsPage *page;
  GtkWindow *dialog;

  reset_settings ();
  window = open_window ();
  page = open_scripts (window);
  copy = g_file_new_build_filename (g_file_peek_path (data_dir), "scripts", "test-script.json", NULL);
  g_object_get (page, "library", &library, NULL);
  mb_scripts_page_import_file (page, good);
  wait_until (library_has_test_script, library);

  mb_scripts_page_show_script (page, mb_script_library_lookup (library, "test-script"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (page_child (page, "remove_button"))));

  /* It asks first; cancelling keeps the file. */
  gtk_widget_activate_action (GTK_WIDGET (page), "scripts.remove", NULL);
  wait_until (toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG));
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  settle ();
  g_assert_true (g_file_query_exists (copy, NULL));

  gtk_widget_activate_action (GTK_WIDGET (page), "scripts.remove", NULL);
  wait_until (toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG));
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "remove");
  wait_until (library_lacks_test_script, library);
  g_assert_false (g_file_query_exists (copy, NULL));
  g_assert_true (adw_leaflet_get_visible_child (ADW_LEAFLET (page_child (page, "leaflet"))) ==
                 GTK_WIDGET (page_child (page, "list_pane")));

  g_object_unref (library);
  close_window (window);
}

static gboolean
test_script_replaced (gpointer data)
{
  MbScript *script = mb_script_library_lookup (data, "test-script");

  return script != NULL && g_str_equal (mb_localized_get (mb_script_get_title (script)), "Replaced");
}

static void
test_import_replace (void)
{
  g_autoptr(GFile) good = test_script_file ("good", "full.json");
  g_autoptr(GFile) copy = NULL;
  g_autoptr(GFile) other = NULL;
  g_autofree char *contents = NULL;
  MbScriptLibrary *library;
  MbWindow *window;
  MbScriptsPage *page;
  GtkWindow *dialog;
  GStatBuf st;

  reset_settings ();
  window = open_window ();
  page = open_scripts (window);
  copy = g_file_new_build_filename (g_file_peek_path (data_dir), "scripts", "test-script.json", NULL);
  other = g_file_get_child (data_dir, "other-test-script.json");
  g_assert_true (g_file_make_directory_with_parents (data_dir, NULL, NULL));
  g_assert_true (g_file_set_contents (g_file_peek_path (other),
                                      "{ \"format\": \"marbles-script\", \"version\": 1, \"id\": \"test-script\","
                                      " \"title\": \"Replaced\", \"summary\": \"Another one.\", \"steps\": [ { \"id\":"
                                      " \"one\", \"title\": \"One\", \"purpose\": \"Talk.\" } ] }", -1, NULL));
  g_object_get (page, "library", &library, NULL);
  mb_scripts_page_import_file (page, good);
  wait_until (library_has_test_script, library);

  /* Another file with the same id: it asks first; cancelling keeps the
   * file that was there.
   */
  mb_scripts_page_import_file (page, other);
  wait_until (toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG));
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Replace “test-script.json”?");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  settle ();
  g_assert_true (g_file_get_contents (g_file_peek_path (copy), &contents, NULL, NULL));
  g_assert_null (strstr (contents, "Replaced"));

  mb_scripts_page_import_file (page, other);
  wait_until (toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG));
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "replace");
  wait_until (test_script_replaced, library);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (g_file_peek_path (copy), &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Replaced"));
  g_assert_cmpint (g_stat (g_file_peek_path (copy), &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);

  g_object_unref (library);
  close_window (window);
}

/* The text fields of one phase of the open conversation, in order. */
static GPtrArray *
text_fields (GtkWidget  *view,
             const char *box)
{
  GPtrArray *views = g_ptr_array_new ();

  collect_text_views (GTK_WIDGET (gtk_widget_get_template_child (view, MB_TYPE_CONVERSATION_VIEW, box)), views);
  g_assert_cmpuint (views->len, >, 0);
  return views;
}

static void
type_into (gpointer    text_view,
           const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (text_view), text, -1);
}

static GtkEditable *
find_editable (GtkWidget *widget)
{
  return GTK_EDITABLE (find_widget (widget, GTK_TYPE_ENTRY, NULL));
}

/* Fills in the entry of the message dialog @action opens, and adds. */
static void
answer_dialog (GtkWidget  *view,
               const char *action,
               GVariant   *parameter,
               const char *text)
{
  AdwMessageDialog *dialog;

  g_assert_true (gtk_widget_activate_action_variant (view, action, parameter));
  wait_until (toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG));
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  gtk_editable_set_text (find_editable (adw_message_dialog_get_extra_child (dialog)), text);
  adw_message_dialog_response (dialog, "add");
  gtk_window_destroy (GTK_WINDOW (dialog));
  settle ();
}

static GtkWidget *
find_remove_button (GtkWidget *widget)
{
  return find_widget (widget, GTK_TYPE_BUTTON, "Remove");
}

static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_ACTION_ROW (child) && find_remove_button (child) != NULL)
        g_ptr_array_add (rows, child);
      else
        collect_rows (child, rows);
    }
}

/* The removable rows of the Reflect phase, in order: the agreements,
 * then the marbles.
 */
static GPtrArray *
removable_rows (GtkWidget *view)
{
  GPtrArray *rows = g_ptr_array_new ();
  GtkWidget *reflect = GTK_WIDGET (gtk_widget_get_template_child (view, MB_TYPE_CONVERSATION_VIEW, "reflect_box"));

  collect_rows (reflect, rows);
  return rows;
}

static gboolean
conversation_saved (gpointer data)
{
  MbJournal *journal = g_object_get_data (data, "journal");

  return mb_journal_get_save_state (journal, data) == MB_SAVE_STATE_SAVED &&
         mb_journal_get_save_state (journal, G_OBJECT (journal)) == MB_SAVE_STATE_SAVED;
}

static void
test_hold_a_conversation (void)
{
  g_autoptr(MbScriptLibrary) library = new_library ();
  g_autoptr(MbJournal) journal = new_journal ();
  g_autoptr(MbJournal) reread = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(MbConversation) conversation = NULL;
  g_autoptr(MbConversation) again = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  MbNewConversationDialog *dialog;
  MbConversationsPage *page;
  MbWindow *window;
  GtkWidget *view;
  guint n_steps;

  reset_settings ();
  window = open_window_with (library, journal);

  /* Start a conversation with someone new, from the Restore trust script. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-conversation", "s", "restore-trust"));
  wait_until (toplevel_shown, GSIZE_TO_POINTER (MB_TYPE_NEW_CONVERSATION_DIALOG));
  dialog = MB_NEW_CONVERSATION_DIALOG (find_toplevel (MB_TYPE_NEW_CONVERSATION_DIALOG));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), MB_TYPE_NEW_CONVERSATION_DIALOG, "person_row"))));
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (dialog), MB_TYPE_NEW_CONVERSATION_DIALOG, "name_row")),
                         "Sanne de Vries");
  conversation = g_object_ref (mb_new_conversation_dialog_start (dialog));
  g_assert_nonnull (conversation);
  g_assert_cmpstr (mb_script_get_id (mb_conversation_get_script (conversation)), ==, "restore-trust");

  /* It opens in its Prepare phase. */
  page = MB_CONVERSATIONS_PAGE (section_page (window, "conversations"));
  view = mb_conversations_page_get_open (page);
  g_assert_nonnull (view);
  g_assert_cmpint (mb_conversation_get_phase (conversation), ==, MB_PHASE_PREPARE);
  fields = text_fields (view, "prepare_box");
  /* The cursor waits in the first answer. */
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == g_ptr_array_index (fields, 0));
  type_into (g_ptr_array_index (fields, 0), "Two late reports, and a short email from me.");
  g_clear_pointer (&fields, g_ptr_array_unref);

  /* Talk: every step, with notes, one after the other. */
  gtk_widget_activate_action (view, "conversation.show-phase", "s", "talk");
  g_assert_cmpint (mb_conversation_get_phase (conversation), ==, MB_PHASE_TALK);
  n_steps = mb_script_get_steps (mb_conversation_get_script (conversation))->len;
  for (guint i = 0; i < n_steps; i++)
    {
      g_autofree char *notes = g_strdup_printf ("Notes for step %u", i + 1);

      g_assert_cmpuint (mb_conversation_get_step (conversation), ==, i);
      fields = text_fields (view, "notes_box");
      g_assert_cmpuint (fields->len, ==, 1);
      type_into (g_ptr_array_index (fields, 0), notes);
      g_clear_pointer (&fields, g_ptr_array_unref);
      gtk_widget_activate_action (view, "conversation.next-step", NULL);
    }
  g_assert_cmpint (mb_conversation_get_phase (conversation), ==, MB_PHASE_REFLECT);
  /* In Reflect a step back is a question back, never a step of the talk. */
  gtk_widget_activate_action (view, "conversation.previous-step", NULL);
  g_assert_cmpuint (mb_conversation_get_step (conversation), ==, n_steps - 1);
  g_assert_cmpint (mb_conversation_get_phase (conversation), ==, MB_PHASE_REFLECT);

  /* Reflect: an answer, an agreement, a marble; then finish. */
  fields = text_fields (view, "reflect_box");
  type_into (g_ptr_array_index (fields, 0), "I listened, and did not defend myself.");
  g_clear_pointer (&fields, g_ptr_array_unref);
  answer_dialog (view, "conversation.add-agreement", NULL, "Send the plan by Friday");
  answer_dialog (view, "conversation.add-marble", g_variant_new_boolean (TRUE), "Admitted my part");
  g_assert_cmpuint (g_list_model_get_n_items (mb_conversation_get_agreements (conversation)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (mb_conversation_get_marbles (conversation)), ==, 1);

  /* An agreement written wrongly can be taken out again. */
  answer_dialog (view, "conversation.add-agreement", NULL, "A typo");
  g_assert_cmpuint (g_list_model_get_n_items (mb_conversation_get_agreements (conversation)), ==, 2);
  rows = removable_rows (view);
  g_assert_cmpuint (rows->len, ==, 3);
  g_signal_emit_by_name (find_remove_button (g_ptr_array_index (rows, 1)), "clicked");
  g_assert_cmpuint (g_list_model_get_n_items (mb_conversation_get_agreements (conversation)), ==, 1);
  gtk_widget_activate_action (view, "conversation.finish", NULL);
  g_assert_true (mb_conversation_get_finished (conversation));

  /* Autosave writes it, without being asked. */
  g_object_set_data (G_OBJECT (conversation), "journal", journal);
  wait_until (conversation_saved, conversation);
  close_window (window);

  /* A fresh window, reading the journal from disk, shows it all. */
  reread = new_journal ();
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_conversations (reread)), ==, 1);
  again = g_list_model_get_item (mb_journal_get_conversations (reread), 0);
  window = open_window_with (library, reread);
  page = MB_CONVERSATIONS_PAGE (section_page (window, "conversations"));
  mb_conversations_page_open (page, again);
  view = mb_conversations_page_get_open (page);

  fields = text_fields (view, "prepare_box");
  g_assert_cmpstr (text_view_text (g_ptr_array_index (fields, 0)), ==, "Two late reports, and a short email from me.");
  g_clear_pointer (&fields, g_ptr_array_unref);
  fields = text_fields (view, "reflect_box");
  g_assert_cmpstr (text_view_text (g_ptr_array_index (fields, 0)), ==, "I listened, and did not defend myself.");
  g_clear_pointer (&fields, g_ptr_array_unref);
  for (guint i = 0; i < n_steps; i++)
    {
      g_autofree char *notes = g_strdup_printf ("Notes for step %u", i + 1);
      MbScriptStep *step = g_ptr_array_index (mb_script_get_steps (mb_conversation_get_script (again)), i);

      g_assert_cmpstr (mb_conversation_get_text (again, MB_TEXT_STEP_NOTES, mb_script_step_get_id (step)), ==, notes);
    }
  g_assert_cmpuint (g_list_model_get_n_items (mb_conversation_get_agreements (again)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (mb_conversation_get_marbles (again)), ==, 1);
  g_assert_true (mb_conversation_get_finished (again));
  g_assert_cmpstr (mb_person_get_name (mb_journal_lookup_person (reread, mb_conversation_get_person_id (again))),
                   ==, "Sanne de Vries");
  close_window (window);
}

static void
test_delete_and_undo (void)
{
  g_autoptr(MbScriptLibrary) library = new_library ();
  g_autoptr(MbJournal) journal = new_journal ();
  g_autoptr(MbConversation) conversation = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *name = NULL;
  AdwMessageDialog *dialog;
  MbConversationsPage *page;
  MbWindow *window;
  MbPerson *person;

  reset_settings ();
  window = open_window_with (library, journal);
  person = mb_journal_add_person (journal, "Noor", NULL);
  conversation = mb_conversation_new (mb_person_get_id (person), mb_script_library_lookup (library, "sbi-feedback"), NULL);
  mb_journal_add_conversation (journal, conversation);
  g_assert_true (mb_journal_flush (journal));
  name = g_strconcat (mb_conversation_get_id (conversation), ".json", NULL);
  file = g_file_new_build_filename (g_file_peek_path (data_dir), "conversations", name, NULL);
  g_assert_true (g_file_query_exists (file, NULL));

  page = MB_CONVERSATIONS_PAGE (section_page (window, "conversations"));
  mb_conversations_page_open (page, conversation);

  /* Deleted from its menu, once the question is answered: gone from the
   * list and from disk…
   */
  g_assert_true (gtk_widget_activate_action (mb_conversations_page_get_open (page), "conversations.delete-open", NULL));
  wait_until (toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG));
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  adw_message_dialog_response (dialog, "delete");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_null (mb_conversations_page_get_open (page));
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_conversations (journal)), ==, 0);
  g_assert_false (g_file_query_exists (file, NULL));

  /* …and back with Undo on the toast. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "conversations.undo-delete", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_conversations (journal)), ==, 1);
  g_assert_true (mb_journal_flush (journal));
  g_assert_true (g_file_query_exists (file, NULL));
  close_window (window);
}

static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  /* What the label shows, without its markup. */
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (has_label (child, text))
        return TRUE;
    }

  return FALSE;
}

/* The first reflection question of @script with a scale. */
static MbScriptQuestion *
scale_question (MbScript *script)
{
  GPtrArray *questions = mb_script_get_reflection (script);

  for (guint i = 0; i < questions->len; i++)
    {
      if (mb_script_question_has_scale (g_ptr_array_index (questions, i)))
        return g_ptr_array_index (questions, i);
    }
  g_assert_not_reached ();
}

static void
test_carried_forward (void)
{
  g_autoptr(MbScriptLibrary) library = new_library ();
  g_autoptr(MbJournal) journal = new_journal ();
  g_autoptr(MbConversation) last_time = NULL;
  g_autoptr(GDateTime) october = g_date_time_new_local (2026, 10, 5, 9, 0, 0);
  MbNewConversationDialog *dialog;
  MbConversation *conversation;
  MbConversationsPage *page;
  MbWindow *window;
  MbPerson *person;
  GtkWidget *prepare;
  MbScriptQuestion *rated;
  g_autofree char *rating = NULL;

  reset_settings ();
  window = open_window_with (library, journal);
  person = mb_journal_add_person (journal, "Sanne", NULL);
  last_time = mb_conversation_new (mb_person_get_id (person), mb_script_library_lookup (library, "restore-trust"), october);
  mb_conversation_add_agreement (last_time, "I send the new planning", MB_PROMISED_BY_ME, NULL);
  mb_conversation_set_text (last_time, MB_TEXT_REFLECTION,
                            mb_script_question_get_id (g_ptr_array_index (mb_script_get_reflection (mb_conversation_get_script (last_time)), 0)),
                            "I interrupted her twice.");
  rated = scale_question (mb_conversation_get_script (last_time));
  mb_conversation_set_scale (last_time, mb_script_question_get_id (rated), 2);
  rating = mb_script_question_describe_scale (rated, 2);
  mb_journal_add_conversation (journal, last_time);

  /* The next conversation with Sanne, started from the dialog. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-conversation", "s", "grow");
  wait_until (toplevel_shown, GSIZE_TO_POINTER (MB_TYPE_NEW_CONVERSATION_DIALOG));
  dialog = MB_NEW_CONVERSATION_DIALOG (find_toplevel (MB_TYPE_NEW_CONVERSATION_DIALOG));
  conversation = mb_new_conversation_dialog_start (dialog);
  g_assert_cmpstr (mb_conversation_get_person_id (conversation), ==, mb_person_get_id (person));

  /* Its Prepare phase brings last time's promise and reflection. */
  page = MB_CONVERSATIONS_PAGE (section_page (window, "conversations"));
  prepare = GTK_WIDGET (gtk_widget_get_template_child (mb_conversations_page_get_open (page),
                                                       MB_TYPE_CONVERSATION_VIEW, "prepare_box"));
  g_assert_true (has_label (prepare, "Since Last Time"));
  g_assert_true (has_label (prepare, "I send the new planning"));
  g_assert_true (has_label (prepare, "I interrupted her twice."));
  g_assert_true (has_label (prepare, rating));
  g_assert_true (mb_journal_flush (journal));
  close_window (window);
}

/* A label showing @text somewhere in @widget. */
typedef struct
{
  GtkWidget  *widget;
  const char *text;
} LabelIn;

static gboolean
shows_label (gpointer data)
{
  LabelIn *in = data;

  return has_label (in->widget, in->text);
}

/* The search results list @in->widget: one result, showing @in->text. */
static gboolean
shows_one_result (gpointer data)
{
  LabelIn *in = data;

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (in->widget)))) == 1 &&
         shows_label (in);
}

static void
test_search_conversations (void)
{
  g_autoptr(MbScriptLibrary) library = new_library ();
  g_autoptr(MbJournal) journal = new_journal ();
  g_autoptr(MbConversation) with_sanne = NULL;
  g_autoptr(MbConversation) with_ahmed = NULL;
  MbConversationsPage *page;
  MbScriptStep *step;
  MbWindow *window;
  LabelIn one;
  GtkEditable *entry;
  GtkMenuButton *filter_button;
  GtkWidget *filters;
  AdwComboRow *person_row;

  reset_settings ();
  window = open_window_with (library, journal);
  with_sanne = mb_conversation_new (mb_person_get_id (mb_journal_add_person (journal, "Sanne", NULL)),
                                    mb_script_library_lookup (library, "restore-trust"), NULL);
  with_ahmed = mb_conversation_new (mb_person_get_id (mb_journal_add_person (journal, "Ahmed", NULL)),
                                    mb_script_library_lookup (library, "grow"), NULL);
  step = g_ptr_array_index (mb_script_get_steps (mb_conversation_get_script (with_sanne)), 2);
  mb_conversation_set_text (with_sanne, MB_TEXT_STEP_NOTES, mb_script_step_get_id (step),
                            "She felt the re-organisation was decided over her head.");
  mb_conversation_set_text (with_ahmed, MB_TEXT_PREPARATION_NOTES, NULL, "Talk about the roadmap.");
  mb_journal_add_conversation (journal, with_sanne);
  mb_journal_add_conversation (journal, with_ahmed);

  page = MB_CONVERSATIONS_PAGE (section_page (window, "conversations"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "conversations.search", NULL));
  entry = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (page), MB_TYPE_CONVERSATIONS_PAGE, "search_entry"));
  filter_button = GTK_MENU_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (page), MB_TYPE_CONVERSATIONS_PAGE, "filter_button"));
  gtk_editable_set_text (entry, "OVER HER HÉAD");
  one = (LabelIn) { GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), MB_TYPE_CONVERSATIONS_PAGE, "results_list")),
                    "decided over her head" };
  wait_until (shows_one_result, &one);

  /* The result opens the conversation where the words are: step 3. */
  g_signal_emit_by_name (one.widget, "activate", 0);
  g_assert_true (mb_conversation_view_get_conversation (MB_CONVERSATION_VIEW (mb_conversations_page_get_open (page))) == with_sanne);
  g_assert_cmpint (mb_conversation_get_phase (with_sanne), ==, MB_PHASE_TALK);
  g_assert_cmpuint (mb_conversation_get_step (with_sanne), ==, 2);

  /* Filtered to Ahmed, every conversation with him, without a word typed. */
  gtk_widget_activate_action (GTK_WIDGET (page), "conversations.show-list", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "conversations.search", NULL));
  gtk_editable_set_text (entry, "");
  gtk_menu_button_popup (filter_button);
  filters = GTK_WIDGET (gtk_menu_button_get_popover (filter_button));
  person_row = ADW_COMBO_ROW (gtk_widget_get_template_child (filters, MB_TYPE_SEARCH_FILTERS, "person_row"));
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (person_row)), ==, 3);  /* Everyone, Ahmed, Sanne */
  adw_combo_row_set_selected (person_row, 1);
  one.text = "Ahmed";
  wait_until (shows_one_result, &one);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (filter_button), "accent"));

  /* Words written in the preparation are not found in the reflection. */
  gtk_editable_set_text (entry, "roadmap");
  one.text = "Talk about the roadmap";
  wait_until (shows_one_result, &one);
  adw_combo_row_set_selected (ADW_COMBO_ROW (gtk_widget_get_template_child (filters, MB_TYPE_SEARCH_FILTERS, "phase_row")),
                              1 + MB_PHASE_REFLECT);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (page), MB_TYPE_CONVERSATIONS_PAGE, "list_stack"))),
                   ==, "no-results");

  /* Cleared, the search finds Sanne's again. */
  g_signal_emit_by_name (gtk_widget_get_template_child (filters, MB_TYPE_SEARCH_FILTERS, "clear_filters_button"), "clicked");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (filter_button), "accent"));
  gtk_editable_set_text (entry, "head");
  one.text = "Sanne";
  wait_until (shows_one_result, &one);
  gtk_menu_button_popdown (filter_button);
  g_assert_true (mb_journal_flush (journal));
  close_window (window);
}

static void
test_rename_person (void)
{
  g_autoptr(MbScriptLibrary) library = new_library ();
  g_autoptr(MbJournal) journal = new_journal ();
  g_autoptr(MbConversation) conversation = NULL;
  g_autofree char *conversation_before = NULL;
  g_autoptr(GBytes) bytes = NULL;
  AdwMessageDialog *dialog;
  MbWindow *window;
  MbPeoplePage *page;
  MbPerson *person;

  reset_settings ();
  window = open_window_with (library, journal);
  person = mb_journal_add_person (journal, "Ahmed", "Engineer");
  conversation = mb_conversation_new (mb_person_get_id (person),
                                      mb_script_library_lookup (library, "grow"), NULL);
  mb_journal_add_conversation (journal, conversation);
  bytes = mb_conversation_to_bytes (conversation);
  conversation_before = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "people");
  page = MB_PEOPLE_PAGE (section_page (window, "people"));
  dialog = mb_people_page_edit_person (page, person);
  gtk_editable_set_text (find_editable (adw_message_dialog_get_extra_child (dialog)), "Ahmed El Amrani");
  adw_message_dialog_response (dialog, "save");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The person has the new name; their conversation is untouched. */
  g_assert_cmpstr (mb_person_get_name (person), ==, "Ahmed El Amrani");
  g_assert_cmpstr (mb_person_get_role (person), ==, "Engineer");
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = mb_conversation_to_bytes (conversation);
  g_assert_cmpstr (g_bytes_get_data (bytes, NULL), ==, conversation_before);
  g_object_set_data (G_OBJECT (conversation), "journal", journal);
  wait_until (conversation_saved, conversation);

  /* Forgetting asks first, saying what goes; then it all goes. */
  dialog = mb_people_page_forget_person (page, person);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "1 conversation"));
  adw_message_dialog_response (dialog, "forget");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_people (journal)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_conversations (journal)), ==, 0);
  g_assert_true (mb_journal_flush (journal));
  close_window (window);
}

static GBytes *
read_conversation_file (MbJournal      *journal,
                        MbConversation *conversation)
{
  g_autofree char *name = g_strconcat (mb_conversation_get_id (conversation), ".json", NULL);
  g_autoptr(GFile) file = g_file_get_child (mb_journal_get_dir (journal), "conversations");
  g_autoptr(GFile) child = g_file_get_child (file, name);
  g_autoptr(GError) error = NULL;
  GBytes *bytes = g_file_load_bytes (child, NULL, NULL, &error);

  g_assert_no_error (error);
  return bytes;
}

static void
test_person_page (void)
{
  g_autoptr(MbScriptLibrary) library = new_library ();
  g_autoptr(MbJournal) journal = new_journal ();
  g_autoptr(MbConversation) conversation = NULL;
  g_autoptr(GBytes) bytes = NULL;
  AdwMessageDialog *dialog;
  MbMarbleJar *jar;
  MbAgreement *theirs;
  MbAgreement *mine;
  MbConversation *started;
  LabelIn list_text;
  g_autofree char *name = NULL;
  GtkWindow *chooser;
  GtkWidget *view;
  MbWindow *window;
  MbPerson *person;

  reset_settings ();
  window = open_window_with (library, journal);
  person = mb_journal_add_person (journal, "Sanne", "Designer");
  conversation = mb_conversation_new (mb_person_get_id (person), mb_script_library_lookup (library, "grow"), NULL);
  theirs = mb_conversation_add_agreement (conversation, "She shares the test results", MB_PROMISED_BY_THEM, NULL);
  mine = mb_conversation_add_agreement (conversation, "I ask before deciding", MB_PROMISED_BY_ME, NULL);
  mb_conversation_add_marble (conversation, TRUE, "Listened");
  mb_journal_add_conversation (journal, conversation);

  /* Everyone, with what is still open between you. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "people");
  list_text = (LabelIn) { section_page (window, "people"), "Designer · last talked" };
  wait_until (shows_label, &list_text);
  list_text.text = "2 open agreements";
  wait_until (shows_label, &list_text);
  view = mb_people_page_show_person (MB_PEOPLE_PAGE (section_page (window, "people")), person);
  jar = MB_MARBLE_JAR (find_widget (view, MB_TYPE_MARBLE_JAR, NULL));
  g_assert_cmpint (mb_marble_jar_get_level (jar), ==, 1);
  g_assert_true (has_label (view, "Designer"));
  g_assert_true (has_label (view, "1 in, 0 out"));

  /* Open promises, the leader's own first, each with its buttons. */
  g_assert_true (find_widget (view, GTK_TYPE_BUTTON, "Mark as Kept") != NULL);
  g_assert_true (has_label (view, "I ask before deciding"));
  g_assert_true (has_label (view, "She shares the test results"));

  /* Kept, with a marble: the jar fills, the promise leaves the list, the
   * marble is in the conversation the promise was made in, on disk.
   */
  dialog = mb_person_view_settle (MB_PERSON_VIEW (view), mine, TRUE);
  adw_message_dialog_response (dialog, "marble");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpint (mb_agreement_get_status (mine), ==, MB_AGREEMENT_KEPT);
  g_assert_cmpint (mb_marble_jar_get_level (jar), ==, 2);
  g_assert_true (has_label (view, "2 in, 0 out"));
  g_assert_false (has_label (view, "I ask before deciding"));
  g_assert_cmpuint (g_list_model_get_n_items (mb_conversation_get_marbles (conversation)), ==, 2);

  /* Not kept, without a marble: only marked. */
  dialog = mb_person_view_settle (MB_PERSON_VIEW (view), theirs, FALSE);
  adw_message_dialog_response (dialog, "mark");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpint (mb_agreement_get_status (theirs), ==, MB_AGREEMENT_NOT_KEPT);
  g_assert_cmpint (mb_marble_jar_get_level (jar), ==, 2);
  g_assert_false (has_label (view, "She shares the test results"));

  g_assert_true (mb_journal_flush (journal));
  bytes = read_conversation_file (journal, conversation);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (bytes, NULL), -1, "Kept: I ask before deciding"));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (bytes, NULL), -1, "\"not-kept\""));

  /* A new conversation from their page is with them. */
  g_assert_true (gtk_widget_activate_action (view, "win.new-conversation-with", "s", mb_person_get_id (person)));
  wait_until (toplevel_shown, GSIZE_TO_POINTER (MB_TYPE_NEW_CONVERSATION_DIALOG));
  started = mb_new_conversation_dialog_start (MB_NEW_CONVERSATION_DIALOG (find_toplevel (MB_TYPE_NEW_CONVERSATION_DIALOG)));
  g_assert_cmpstr (mb_conversation_get_person_id (started), ==, mb_person_get_id (person));
  g_assert_true (mb_journal_delete_conversation (journal, started, NULL));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "people");
  view = mb_people_page_show_person (MB_PEOPLE_PAGE (section_page (window, "people")), person);

  /* Everything about them exports as Markdown, named after them. */
  g_assert_true (gtk_widget_activate_action (view, "people.export-open", NULL));
  wait_until (toplevel_shown, GSIZE_TO_POINTER (GTK_TYPE_FILE_CHOOSER_DIALOG));
  chooser = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  g_assert_cmpstr (name, ==, "Sanne.md");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);

  /* A conversation in their timeline opens to read. */
  gtk_widget_activate_action (view, "win.read-conversation", "s", mb_conversation_get_id (conversation));
  g_assert_true (MB_IS_CONVERSATION_READ (mb_conversations_page_get_open (MB_CONVERSATIONS_PAGE (section_page (window, "conversations")))));
  g_assert_cmpstr (mb_window_get_section (window), ==, "conversations");
  close_window (window);
}

static void
test_read_conversation (void)
{
  g_autoptr(MbScriptLibrary) library = new_library ();
  g_autoptr(MbJournal) journal = new_journal ();
  g_autoptr(MbConversation) conversation = NULL;
  MbConversationsPage *page;
  MbScriptStep *step;
  GtkWidget *person_view;
  GtkWidget *read;
  MbWindow *window;

  reset_settings ();
  window = open_window_with (library, journal);
  conversation = mb_conversation_new (mb_person_get_id (mb_journal_add_person (journal, "Ahmed", NULL)),
                                      mb_script_library_lookup (library, "grow"), NULL);
  step = g_ptr_array_index (mb_script_get_steps (mb_conversation_get_script (conversation)), 1);
  mb_conversation_set_text (conversation, MB_TEXT_STEP_NOTES, mb_script_step_get_id (step), "He wants to lead the migration.");
  mb_conversation_add_agreement (conversation, "I free up two days a week", MB_PROMISED_BY_ME, NULL);
  mb_conversation_add_marble (conversation, FALSE, "I was late again");
  mb_conversation_count_lens (conversation, 4, 3);
  mb_conversation_set_finished (conversation, TRUE);
  mb_journal_add_conversation (journal, conversation);

  /* A finished conversation opens to read, whole. */
  page = MB_CONVERSATIONS_PAGE (section_page (window, "conversations"));
  g_signal_emit_by_name (gtk_widget_get_template_child (GTK_WIDGET (page), MB_TYPE_CONVERSATIONS_PAGE, "conversations_list"),
                         "activate", 0);
  read = mb_conversations_page_get_open (page);
  g_assert_true (MB_IS_CONVERSATION_READ (read));
  g_assert_true (has_label (read, "Ahmed"));
  g_assert_true (has_label (read, "He wants to lead the migration."));
  g_assert_true (has_label (read, "I free up two days a week"));
  g_assert_true (has_label (read, "I was late again"));
  g_assert_true (has_label (read, "The judgement lens flagged 4 phrases as you wrote; you rephrased 3."));
  g_assert_false (has_label (read, "Reflection"));  /* nothing written there */

  /* Edit opens it in the conversation view. */
  g_assert_true (gtk_widget_activate_action (read, "conversations.edit-open", NULL));
  g_assert_true (MB_IS_CONVERSATION_VIEW (mb_conversations_page_get_open (page)));

  /* The person's name there leads to their page. */
  g_assert_true (gtk_widget_activate_action (mb_conversations_page_get_open (page), "win.show-person", "s",
                                             mb_conversation_get_person_id (conversation)));
  g_assert_cmpstr (mb_window_get_section (window), ==, "people");
  person_view = find_widget (section_page (window, "people"), MB_TYPE_PERSON_VIEW, NULL);
  g_assert_nonnull (person_view);
  g_assert_cmpstr (mb_person_get_name (mb_person_view_get_person (MB_PERSON_VIEW (person_view))), ==, "Ahmed");
  g_assert_true (mb_journal_flush (journal));
  close_window (window);
}

/* How many labels in @widget show @text. */
static guint
count_labels (GtkWidget  *widget,
              const char *text)
{
  guint n = GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    n += count_labels (child, text);

  return n;
}

static void
remove_tree (GFile *dir)
{
  g_autoptr(GFileEnumerator) children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                                                    G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                                                    G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                                                    NULL, NULL);
  GFileInfo *info;
  GFile *child;

  while (children != NULL && g_file_enumerator_iterate (children, &info, &child, NULL, NULL) && child != NULL)
    {
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        remove_tree (child);
      else
        g_assert_true (g_file_delete (child, NULL, NULL));
    }
  g_assert_true (g_file_delete (dir, NULL, NULL));
}

static gboolean
all_saved (gpointer data)
{
  MbJournal *journal = data;
  GListModel *conversations = mb_journal_get_conversations (journal);

  for (guint i = 0; i < g_list_model_get_n_items (conversations); i++)
    {
      g_autoptr(GObject) conversation = g_list_model_get_item (conversations, i);

      if (mb_journal_get_save_state (journal, conversation) != MB_SAVE_STATE_SAVED)
        return FALSE;
    }

  return mb_journal_get_save_state (journal, G_OBJECT (journal)) == MB_SAVE_STATE_SAVED;
}

static void
count_cb (gpointer  object,
          guint     n,
          guint    *count)
{
  (*count)++;
}

/* The data folder removed while Marbles runs: the next save writes it
 * all back, and the window says so, once. (A second toast would wait in
 * the overlay's queue, unseen: the journal's signal is counted too.)
 */
static void
test_written_back (void)
{
  g_autoptr(MbScriptLibrary) library = new_library ();
  g_autoptr(MbJournal) journal = new_journal ();
  g_autoptr(MbConversation) first = NULL;
  g_autoptr(MbConversation) second = NULL;
  g_autoptr(GFile) people = NULL;
  const char *message = "Journal files removed while Marbles was open were written back";
  LabelIn toast;
  MbWindow *window;
  MbPerson *person;
  guint said = 0;

  reset_settings ();
  window = open_window_with (library, journal);
  g_signal_connect (journal, "files-written-back", G_CALLBACK (count_cb), &said);
  person = mb_journal_add_person (journal, "Sanne", NULL);
  first = mb_conversation_new (mb_person_get_id (person), mb_script_library_lookup (library, "grow"), NULL);
  second = mb_conversation_new (mb_person_get_id (person), mb_script_library_lookup (library, "grow"), NULL);
  mb_journal_add_conversation (journal, first);
  mb_journal_add_conversation (journal, second);
  g_assert_true (mb_journal_flush (journal));
  g_assert_cmpuint (count_labels (GTK_WIDGET (window), message), ==, 0);

  remove_tree (data_dir);
  mb_conversation_set_text (first, MB_TEXT_PREPARATION_NOTES, NULL, "Typed after the folder went");
  toast = (LabelIn) { GTK_WIDGET (window), message };
  wait_until (shows_label, &toast);
  wait_until (all_saved, journal);
  settle ();
  g_assert_cmpuint (count_labels (GTK_WIDGET (window), message), ==, 1);
  g_assert_cmpuint (said, ==, 1);
  people = g_file_get_child (data_dir, "people.json");
  g_assert_true (g_file_query_exists (people, NULL));

  /* Saving on, with everything in place, says nothing more. */
  mb_conversation_set_text (second, MB_TEXT_PREPARATION_NOTES, NULL, "More");
  g_assert_true (mb_journal_flush (journal));
  settle ();
  g_assert_cmpuint (count_labels (GTK_WIDGET (window), message), ==, 1);
  g_assert_cmpuint (said, ==, 1);
  g_signal_handlers_disconnect_by_func (journal, count_cb, &said);
  close_window (window);
}

static gboolean
response_enabled (gpointer data)
{
  return adw_message_dialog_get_response_enabled (data, "forget");
}

/* A file Marbles cannot read that names the person: Forget names it
 * before it goes, and it goes with them.
 */
static void
test_forget_unreadable (void)
{
  g_autoptr(MbScriptLibrary) library = new_library ();
  g_autoptr(MbJournal) first = new_journal ();
  g_autoptr(MbJournal) journal = NULL;
  g_autoptr(MbConversation) conversation = NULL;
  g_autoptr(GFile) damaged = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  MbWindow *window;
  MbPerson *person;

  /* Sanne, and a damaged file that names her. */
  wait_until ((Condition) mb_script_library_is_loaded, library);
  person = mb_journal_add_person (first, "Sanne", NULL);
  conversation = mb_conversation_new (mb_person_get_id (person), mb_script_library_lookup (library, "grow"), NULL);
  mb_journal_add_conversation (first, conversation);
  g_assert_true (mb_journal_flush (first));
  bytes = read_conversation_file (first, conversation);
  damaged = g_file_new_build_filename (g_file_peek_path (data_dir), "conversations", "damaged.json", NULL);
  g_assert_true (g_file_replace_contents (damaged, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes) / 2,
                                          NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error));
  g_assert_no_error (error);

  reset_settings ();
  journal = new_journal ();
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_problems (journal)), ==, 1);
  window = open_window_with (library, journal);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "people");
  person = mb_journal_lookup_person (journal, mb_person_get_id (person));

  dialog = mb_people_page_forget_person (MB_PEOPLE_PAGE (section_page (window, "people")), person);
  wait_until (response_enabled, dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "1 conversation"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                            "1 file that Marbles cannot read names them too, and is deleted as well:\ndamaged.json"));
  adw_message_dialog_response (dialog, "forget");
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_false (g_file_query_exists (damaged, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_problems (journal)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_people (journal)), ==, 0);
  g_assert_true (mb_journal_flush (journal));
}

/* Adds @json to the list @member of the JSON file @file. */
static void
append_to_file (GFile      *file,
                const char *member,
                const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) item = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  JsonArray *list;

  json_parser_load_from_file (parser, g_file_peek_path (file), &error);
  g_assert_no_error (error);
  json_parser_load_from_data (item, json, -1, &error);
  g_assert_no_error (error);
  list = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), member);
  json_array_add_element (list, json_node_copy (json_parser_get_root (item)));
  text = json_to_string (json_parser_get_root (parser), TRUE);
  g_file_set_contents (g_file_peek_path (file), text, -1, &error);
  g_assert_no_error (error);
}

static void
assert_notice_shown (GtkWidget  *widget,
                     const char *text)
{
  GtkWidget *label = find_label (widget, text);

  g_assert_nonnull (label);
  wait_until (is_mapped, label);
}

/* Entries written by another version are kept, and the leader is told
 * that there is something not shown.
 */
static void
test_kept_notices (void)
{
  g_autoptr(MbScriptLibrary) library = new_library ();
  g_autoptr(MbJournal) journal = new_journal ();
  g_autoptr(MbJournal) again = NULL;
  g_autoptr(MbConversation) conversation = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) people = g_file_get_child (data_dir, "people.json");
  g_autofree char *name = NULL;
  MbConversationsPage *page;
  GtkWidget *open;
  MbWindow *window;

  reset_settings ();
  wait_until ((Condition) mb_script_library_is_loaded, library);
  conversation = mb_conversation_new (mb_person_get_id (mb_journal_add_person (journal, "Ahmed", NULL)),
                                      mb_script_library_lookup (library, "grow"), NULL);
  mb_conversation_add_agreement (conversation, "I free up two days a week", MB_PROMISED_BY_ME, NULL);
  mb_conversation_set_finished (conversation, TRUE);
  mb_journal_add_conversation (journal, conversation);
  g_assert_true (mb_journal_flush (journal));

  name = g_strconcat (mb_conversation_get_id (conversation), ".json", NULL);
  file = g_file_new_build_filename (g_file_peek_path (data_dir), "conversations", name, NULL);
  append_to_file (file, "agreements", "{\"id\": \"later\", \"text\": \"Together\", \"promised_by\": \"team\"}");
  append_to_file (file, "marbles", "{\"id\": \"m\", \"direction\": \"neutral\", \"reason\": \"Neither\"}");
  append_to_file (file, "marbles", "{\"id\": \"n\", \"reason\": \"No direction\"}");
  append_to_file (people, "people", "{\"id\": \"p2\", \"name\": {\"first\": \"Bo\"}}");
  again = new_journal ();
  window = open_window_with (library, again);

  /* Read… */
  page = MB_CONVERSATIONS_PAGE (section_page (window, "conversations"));
  g_signal_emit_by_name (gtk_widget_get_template_child (GTK_WIDGET (page), MB_TYPE_CONVERSATIONS_PAGE, "conversations_list"),
                         "activate", 0);
  open = mb_conversations_page_get_open (page);
  g_assert_true (MB_IS_CONVERSATION_READ (open));
  g_assert_true (has_label (open, "I free up two days a week"));
  g_assert_false (has_label (open, "Together"));
  g_assert_true (gtk_widget_is_visible (find_label (open, "1 agreement written by another version is kept but not shown")));
  g_assert_true (gtk_widget_is_visible (find_label (open, "2 marbles written by another version are kept but not shown")));

  /* …and in the conversation itself, where they would be. */
  g_assert_true (gtk_widget_activate_action (open, "conversations.edit-open", NULL));
  open = mb_conversations_page_get_open (page);
  g_assert_true (MB_IS_CONVERSATION_VIEW (open));
  g_assert_true (gtk_widget_activate_action (open, "conversation.show-phase", "s", "reflect"));
  assert_notice_shown (open, "1 agreement written by another version is kept but not shown");
  assert_notice_shown (open, "2 marbles written by another version are kept but not shown");

  /* On the People page. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "people");
  assert_notice_shown (section_page (window, "people"), "1 person written by another version is kept but not shown");
  g_assert_true (has_label (section_page (window, "people"), "Ahmed"));
  g_assert_true (mb_journal_flush (again));
  close_window (window);
}

/* Every label in @widget that shows the long name of test_long_name():
 * ellipsized, and given no more than a short part of it to lay out.
 */
static guint
check_long_name_labels (GtkWidget *widget)
{
  guint n = 0;

  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), "Sanne Sanne") != NULL)
    {
      g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (widget)), !=, PANGO_ELLIPSIZE_NONE);
      g_assert_cmpuint (g_utf8_strlen (gtk_label_get_text (GTK_LABEL (widget)), -1), <=, 2 * MB_TEXT_MAX_NAME_CHARS);
      n++;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    n += check_long_name_labels (child);
  return n;
}

static gboolean
people_listed (gpointer data)
{
  return has_label (data, "Sanne Sanne");
}

/* A name of 10,000 characters, as a file can hold, is shown short and
 * ellipsized on the People page, the person's page, the conversation
 * list and the conversation; the pages build at once (it took the
 * People page 50 s), and an export is named with a part of it.
 */
static void
test_long_name (void)
{
  g_autoptr(MbScriptLibrary) library = new_library ();
  g_autoptr(MbJournal) journal = new_journal ();
  g_autoptr(MbConversation) conversation = NULL;
  g_autoptr(GString) long_name = g_string_new (NULL);
  g_autofree char *file_name = NULL;
  MbConversationsPage *page;
  GtkWindow *chooser;
  GtkWidget *view;
  MbWindow *window;
  MbPerson *person;

  while (long_name->len < 10000)
    g_string_append (long_name, "Sanne ");
  reset_settings ();
  window = open_window_with (library, journal);
  person = mb_journal_add_person (journal, long_name->str, NULL);
  conversation = mb_conversation_new (mb_person_get_id (person), mb_script_library_lookup (library, "grow"), NULL);
  mb_journal_add_conversation (journal, conversation);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "people");
  wait_until (people_listed, section_page (window, "people"));
  g_assert_cmpuint (check_long_name_labels (section_page (window, "people")), >, 0);
  view = mb_people_page_show_person (MB_PEOPLE_PAGE (section_page (window, "people")), person);
  g_assert_cmpuint (check_long_name_labels (view), >=, 2);  /* the title and the heading */

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "conversations");
  page = MB_CONVERSATIONS_PAGE (section_page (window, "conversations"));
  wait_until (people_listed, page);
  g_assert_cmpuint (check_long_name_labels (GTK_WIDGET (page)), >, 0);
  mb_conversations_page_open (page, conversation);
  g_assert_cmpuint (check_long_name_labels (mb_conversations_page_get_open (page)), >=, 3);

  g_assert_true (gtk_widget_activate_action (mb_conversations_page_get_open (page), "conversations.export-open", NULL));
  wait_until (toplevel_shown, GSIZE_TO_POINTER (GTK_TYPE_FILE_CHOOSER_DIALOG));
  chooser = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  file_name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  g_assert_true (g_str_has_prefix (file_name, "Sanne Sanne"));
  g_assert_cmpuint (strlen (file_name), <, 255);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);

  g_assert_true (mb_journal_flush (journal));
  close_window (window);
}

static void
collect_action_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  if (ADW_IS_ACTION_ROW (widget))
    g_ptr_array_add (rows, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_action_rows (child, rows);
}

static GtkWidget *
dialog_child (MbNewConversationDialog *dialog,
              const char              *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (dialog), MB_TYPE_NEW_CONVERSATION_DIALOG, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

static GtkCheckButton *
row_check (GtkWidget *row)
{
  GtkWidget *check = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));

  g_assert_true (GTK_IS_CHECK_BUTTON (check));
  return GTK_CHECK_BUTTON (check);
}

/* The title of the script chosen in the dialog, or NULL. */
static const char *
chosen_title (GPtrArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    if (gtk_check_button_get_active (row_check (g_ptr_array_index (rows, i))))
      return adw_preferences_row_get_title (g_ptr_array_index (rows, i));
  return NULL;
}

/* New Conversation lists every script with its whole title and its
 * summary; with someone, the script last used with them comes chosen;
 * for someone new, GROW, whatever the order of the titles.
 */
static void
test_script_chooser (void)
{
  g_autoptr(MbScriptLibrary) library = new_library ();
  g_autoptr(MbJournal) journal = new_journal ();
  g_autoptr(MbConversation) last_time = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  MbNewConversationDialog *dialog;
  MbConversation *started;
  MbScript *feedback;
  MbWindow *window;
  MbPerson *person;
  AdwComboRow *person_row;

  reset_settings ();
  window = open_window_with (library, journal);
  feedback = mb_script_library_lookup (library, "sbi-feedback");
  person = mb_journal_add_person (journal, "Sanne", NULL);
  last_time = mb_conversation_new (mb_person_get_id (person), feedback, NULL);
  mb_journal_add_conversation (journal, last_time);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-conversation", "s", "");
  wait_until (toplevel_shown, GSIZE_TO_POINTER (MB_TYPE_NEW_CONVERSATION_DIALOG));
  dialog = MB_NEW_CONVERSATION_DIALOG (find_toplevel (MB_TYPE_NEW_CONVERSATION_DIALOG));
  collect_action_rows (dialog_child (dialog, "script_group"), rows);
  g_assert_cmpuint (rows->len, ==, g_list_model_get_n_items (G_LIST_MODEL (library)));
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(MbScript) script = g_list_model_get_item (G_LIST_MODEL (library), i);
      GtkWidget *row = g_ptr_array_index (rows, i);

      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                       mb_localized_get (mb_script_get_title (script)));
      g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                       mb_localized_get (mb_script_get_summary (script)));
      g_assert_cmpint (adw_action_row_get_subtitle_lines (ADW_ACTION_ROW (row)), ==, 0);
    }
  g_assert_cmpstr (chosen_title (rows), ==, mb_localized_get (mb_script_get_title (feedback)));

  /* Someone new: the default, the same in every language. */
  person_row = ADW_COMBO_ROW (dialog_child (dialog, "person_row"));
  adw_combo_row_set_selected (person_row, g_list_model_get_n_items (adw_combo_row_get_model (person_row)) - 1);
  g_assert_cmpstr (chosen_title (rows), ==,
                   mb_localized_get (mb_script_get_title (mb_script_library_lookup (library, "grow"))));

  /* Back to Sanne, and another script chosen by a click on its row. */
  adw_combo_row_set_selected (person_row, 0);
  g_assert_cmpstr (chosen_title (rows), ==, mb_localized_get (mb_script_get_title (feedback)));
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(MbScript) script = g_list_model_get_item (G_LIST_MODEL (library), i);

      if (g_str_equal (mb_script_get_id (script), "restore-trust"))
        g_signal_emit_by_name (g_ptr_array_index (rows, i), "activate");
    }
  started = mb_new_conversation_dialog_start (dialog);
  g_assert_nonnull (started);
  g_assert_cmpstr (mb_script_get_id (mb_conversation_get_script (started)), ==, "restore-trust");
  g_assert_cmpstr (mb_journal_get_last_script_id (journal, person), ==, "restore-trust");

  g_assert_true (mb_journal_flush (journal));
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
}

static gboolean
list_has (gpointer data)
{
  return g_list_model_get_n_items (data) == 1;
}

/* A planned conversation is under Upcoming, with its time, and opens
 * from there; the list below has the others.
 */
static void
test_upcoming_list (void)
{
  g_autoptr(MbScriptLibrary) library = new_library ();
  g_autoptr(MbJournal) journal = new_journal ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(GDateTime) at = g_date_time_new_local (g_date_time_get_year (tomorrow), g_date_time_get_month (tomorrow),
                                                   g_date_time_get_day_of_month (tomorrow), 14, 30, 0);
  g_autoptr(MbConversation) planned = NULL;
  g_autoptr(MbConversation) held = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  MbConversationsPage *page;
  MbWindow *window;
  MbPerson *person;
  GtkWidget *upcoming;
  GtkListView *list;

  reset_settings ();
  window = open_window_with (library, journal);
  person = mb_journal_add_person (journal, "Ahmed", NULL);
  planned = mb_conversation_new (mb_person_get_id (person), mb_script_library_lookup (library, "grow"), at);
  held = mb_conversation_new (mb_person_get_id (person), mb_script_library_lookup (library, "grow"), NULL);
  mb_journal_add_conversation (journal, planned);
  mb_journal_add_conversation (journal, held);
  page = MB_CONVERSATIONS_PAGE (section_page (window, "conversations"));

  upcoming = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), MB_TYPE_CONVERSATIONS_PAGE, "upcoming_box"));
  wait_until (is_mapped, upcoming);
  collect_action_rows (upcoming, rows);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 0)), ==, "Ahmed");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (g_ptr_array_index (rows, 0)), ", 14:30"));
  list = GTK_LIST_VIEW (gtk_widget_get_template_child (GTK_WIDGET (page), MB_TYPE_CONVERSATIONS_PAGE, "conversations_list"));
  wait_until (list_has, gtk_list_view_get_model (list));

  /* Begun, it is no longer upcoming. */
  g_signal_emit_by_name (g_ptr_array_index (rows, 0), "activate");
  g_assert_true (mb_conversation_view_get_conversation (MB_CONVERSATION_VIEW (mb_conversations_page_get_open (page))) == planned);

  g_assert_true (mb_journal_flush (journal));
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = mb_application_new ("io.github.marblesapp.Marbles.Test", G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  /* Keep the app alive between windows, as g_application_run would. */
  g_application_hold (G_APPLICATION (app));

  g_test_add_func ("/window/sections", test_sections);
  g_test_add_func ("/window/person-page", test_person_page);
  g_test_add_func ("/window/read-conversation", test_read_conversation);
  g_test_add_func ("/window/narrow-layout", test_narrow_layout);
  g_test_add_func ("/window/size-kept", test_window_size_kept);
  g_test_add_func ("/window/about", test_about);
  g_test_add_func ("/window/shortcuts", test_shortcuts);
  g_test_add_func ("/window/accels", test_accels);
  g_test_add_func ("/window/scripts-search", test_scripts_search);
  g_test_add_func ("/window/scripts-detail", test_scripts_detail);
  g_test_add_func ("/window/import-broken", test_import_broken);
  g_test_add_func ("/window/import-markup-title", test_import_markup_title);
  g_test_add_func ("/window/import-good", test_import_good);
  g_test_add_func ("/window/remove-user-script", test_remove_user_script);
  g_test_add_func ("/window/import-replace", test_import_replace);
  g_test_add_func ("/window/hold-a-conversation", test_hold_a_conversation);
  g_test_add_func ("/window/rename-person", test_rename_person);
  g_test_add_func ("/window/carried-forward", test_carried_forward);
  g_test_add_func ("/window/search-conversations", test_search_conversations);
  g_test_add_func ("/window/delete-and-undo", test_delete_and_undo);
  g_test_add_func ("/window/written-back", test_written_back);
  g_test_add_func ("/window/forget-unreadable", test_forget_unreadable);
  g_test_add_func ("/window/kept-notices", test_kept_notices);
  g_test_add_func ("/window/script-chooser", test_script_chooser);
  g_test_add_func ("/window/upcoming-list", test_upcoming_list);
  g_test_add_func ("/window/quit", test_quit);
  g_test_add_func ("/window/long-name", test_long_name);

  ret = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return ret;
}
