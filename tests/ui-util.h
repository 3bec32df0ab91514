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

/* Runs the main loop until @condition holds; fails after ten seconds
 * (a failed save is tried again after three), saying for which line of
 * the test.
 */
static inline void
wait_until_at (Condition  condition,
               gpointer   data,
               int        line)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (10, timed_out_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("Waited in vain at line %d", line);
  g_source_remove (id);
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

static inline void
journal_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_assert_true (mb_journal_load_finish (MB_JOURNAL (object), result, NULL));
}
