/* ui-util.h — what the window tests share: waiting on the main loop
 * for a condition or a frame, and finding windows.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "mb-journal.h"

typedef gboolean (*Condition) (gpointer data);

static inline gboolean
timed_out_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static inline gboolean
look_again_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @condition holds; fails after ten seconds
 * (a failed save is tried again after three), saying for which line of
 * the test. The condition is looked at after every event, and every
 * 20 ms for what no event tells of, such as a file another thread
 * writes.
 */
static inline void
wait_until_at (Condition  condition,
               gpointer   data,
               int        line)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (10, timed_out_cb, &timed_out);
  guint again = g_timeout_add (20, look_again_cb, NULL);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("Waited in vain at line %d", line);
  g_source_remove (id);
  g_source_remove (again);
}

#define wait_until(condition, data) wait_until_at ((condition), (data), __LINE__)

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
