/* ui-util.h — what the window tests share: waiting on the main loop
 * for a condition or a frame, finding windows and widgets, and the
 * fixture of a window on a journal in a data folder of its own.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "mb-application.h"
#include "mb-journal.h"
#include "mb-script-library.h"
#include "mb-window.h"
#include "wait-util.h"

/* A script from JSON held by the test itself. */
static inline MbScript *
script_from_json (const char *json,
                  const char *name)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
  g_autoptr(GError) error = NULL;
  MbScript *script = mb_script_new_from_bytes (bytes, name, &error);

  g_assert_no_error (error);
  return script;
}

/* A journal the views can ask about; nothing is saved to it. */
static inline MbJournal *
unused_journal (const char *name)
{
  g_autoptr(GFile) dir = g_file_new_build_filename (g_get_tmp_dir (), name, NULL);

  return mb_journal_new (dir);
}


/* Everything the display server has sent so far, handled. */
static inline void
settle (void)
{
  gdk_display_sync (gdk_display_get_default ());
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static inline gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static inline gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static inline void
painted_cb (GdkFrameClock *clock,
            gboolean      *painted)
{
  *painted = TRUE;
}

/* Waits for @widget's window to be drawn once more, as laid out now. */
static inline void
wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean painted = FALSE;
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (painted_cb), &painted);

  gtk_widget_queue_draw (widget);
  wait_until (is_true, &painted);
  g_signal_handler_disconnect (clock, id);
}

/* The first visible toplevel of @type, or NULL. */
static inline GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

/* @data: a GType, as GSIZE_TO_POINTER() */
static inline gboolean
toplevel_shown (gpointer data)
{
  return find_toplevel (GPOINTER_TO_SIZE (data)) != NULL;
}

/* Waits for a window of @type to be shown, and returns it. */
static inline GtkWindow *
wait_for_toplevel_at (GType type,
                      int   line)
{
  wait_until_at (toplevel_shown, GSIZE_TO_POINTER (type), line);
  return find_toplevel (type);
}

#define wait_for_toplevel(type) wait_for_toplevel_at ((type), __LINE__)

typedef struct
{
  GtkFileChooser *chooser;
  GFile          *wanted;
} Choice;

static inline gboolean
file_chosen (gpointer data)
{
  Choice *choice = data;
  g_autoptr(GFile) current = gtk_file_chooser_get_current_folder (choice->chooser);
  g_autoptr(GFile) folder = g_file_get_parent (choice->wanted);
  g_autofree char *name = g_file_get_basename (choice->wanted);
  g_autoptr(GFile) chosen = NULL;

  /* While a folder loads the dialog is busy, and says so with its
   * pointer; a folder chosen before the first one has loaded goes back
   * to that one (GTK 4.8). So: only once it is idle, and again until
   * the choice holds.
   */
  if (current == NULL || gtk_widget_get_cursor (GTK_WIDGET (choice->chooser)) != NULL)
    return FALSE;

  chosen = gtk_file_chooser_get_file (choice->chooser);
  if (chosen != NULL && g_file_equal (chosen, choice->wanted))
    return TRUE;

  if (gtk_file_chooser_set_current_folder (choice->chooser, folder, NULL))
    gtk_file_chooser_set_current_name (choice->chooser, name);
  return FALSE;
}

/* As someone would in a save dialog on screen: go to @folder and type
 * @name.
 */
static inline void
choose_file_at (GtkWindow  *chooser,
                const char *folder,
                const char *name,
                int         line)
{
  g_autoptr(GFile) wanted = g_file_new_build_filename (folder, name, NULL);
  Choice choice = { GTK_FILE_CHOOSER (chooser), wanted };

  wait_until_at (is_mapped, chooser, line);
  wait_until_at (file_chosen, &choice, line);
}

#define choose_file(chooser, folder, name) choose_file_at ((chooser), (folder), (name), __LINE__)

static inline void
journal_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_assert_true (mb_journal_load_finish (MB_JOURNAL (object), result, NULL));
}

/* Finding widgets */

/* The first widget in @widget of @type, with @tooltip if not NULL. */
static inline GtkWidget *
find_widget (GtkWidget  *widget,
             GType       type,
             const char *tooltip)
{
  if (g_type_is_a (G_OBJECT_TYPE (widget), type) &&
      (tooltip == NULL || g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, tooltip);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The whole text of @text_view (a GtkTextView), to free. */
static inline char *
text_view_text (gpointer text_view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static inline void
collect_text_views (GtkWidget *widget,
                    GPtrArray *views)
{
  if (GTK_IS_TEXT_VIEW (widget))
    g_ptr_array_add (views, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_text_views (child, views);
}

static inline gboolean
is_folded (gpointer leaflet)
{
  return adw_leaflet_get_folded (leaflet);
}

static inline gboolean
is_unfolded (gpointer leaflet)
{
  return !adw_leaflet_get_folded (leaflet);
}

/* The window on a journal in a data folder of its own */

/* The data folder of the test running; new_library() makes a new one,
 * in a new temporary folder (gtk_test_init cannot isolate the XDG
 * folders per test).
 */
static GFile *data_dir G_GNUC_UNUSED;

/* The bundled scripts, and the user's in a new data folder */
static inline MbScriptLibrary *
new_library (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("marbles-test-XXXXXX", &error);
  g_autoptr(GFile) user_dir = NULL;

  g_assert_no_error (error);
  g_clear_object (&data_dir);
  data_dir = g_file_new_build_filename (tmp, "marbles", NULL);
  user_dir = g_file_get_child (data_dir, "scripts");
  return mb_script_library_new (SCRIPTS_RESOURCE_PATH, user_dir);
}

/* The journal of the data folder new_library() made, read (again). */
static inline MbJournal *
new_journal (void)
{
  MbJournal *journal = mb_journal_new (data_dir);

  mb_journal_load_async (journal, NULL, journal_loaded_cb, NULL);
  wait_until ((Condition) mb_journal_is_loaded, journal);
  return journal;
}

/* Every setting as a first start has it. */
static inline void
reset_settings (void)
{
  GSettings *settings = mb_application_get_settings (MB_APPLICATION (g_application_get_default ()));
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
}

/* A new window of the test's application, shown, with its scripts read. */
static inline MbWindow *
open_window_with (MbScriptLibrary *library,
                  MbJournal       *journal)
{
  MbApplication *app = MB_APPLICATION (g_application_get_default ());
  MbWindow *window = g_object_new (MB_TYPE_WINDOW,
                                   "application", app,
                                   "settings", mb_application_get_settings (app),
                                   "script-library", library,
                                   "journal", journal,
                                   NULL);

  gtk_window_present (GTK_WINDOW (window));
  wait_until (is_mapped, window);
  wait_until ((Condition) mb_script_library_is_loaded, library);
  return window;
}

/* The page of @section in @window. */
static inline GtkWidget *
section_page (MbWindow   *window,
              const char *section)
{
  GObject *stack = gtk_widget_get_template_child (GTK_WIDGET (window), MB_TYPE_WINDOW, "stack");
  GtkWidget *page = gtk_stack_get_child_by_name (GTK_STACK (stack), section);

  g_assert_nonnull (page);
  return page;
}

/* The conversations' folder, made impossible to write to, as a full
 * disk would (chmod does not stop root): a file stands in its place.
 */
static inline void
block_conversations (gboolean blocked)
{
  g_autofree char *folder = g_build_filename (g_file_peek_path (data_dir), "conversations", NULL);
  g_autofree char *aside = g_build_filename (g_file_peek_path (data_dir), "conversations-aside", NULL);

  if (blocked)
    {
      g_assert_cmpint (g_rename (folder, aside), ==, 0);
      g_assert_true (g_file_set_contents (folder, "in the way", -1, NULL));
    }
  else
    {
      g_assert_cmpint (g_unlink (folder), ==, 0);
      g_assert_cmpint (g_rename (aside, folder), ==, 0);
    }
}
