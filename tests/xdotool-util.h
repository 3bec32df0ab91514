/* xdotool-util.h — real input for the window tests: key presses and
 * clicks (XTEST, through xdotool) under Xvfb with a window manager
 * (with-openbox.sh), so that focus moves as it does on a desktop.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <string.h>

#include "ui-util.h"

/* Real input, through one xdotool that reads its commands from a pipe
 * ("xdotool -"): starting one for every key takes longer than the key.
 * Each command is followed by one that answers, and the answer says
 * that xdotool has sent the input to the X server.
 */

static GSubprocess *xdotool;
static GDataInputStream *xdotool_answers;

static inline void
start_xdotool (void)
{
  g_autoptr(GError) error = NULL;

  xdotool = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                              "xdotool", "-", NULL);
  g_assert_no_error (error);
  xdotool_answers = g_data_input_stream_new (g_subprocess_get_stdout_pipe (xdotool));
}

static inline void
stop_xdotool (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_output_stream_close (g_subprocess_get_stdin_pipe (xdotool), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (xdotool, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&xdotool_answers);
  g_clear_object (&xdotool);
}

/* Runs one xdotool command line, and waits until its input is sent. */
static inline void
run_xdotool (const char *command)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *lines = g_strconcat (command, "\ngetmouselocation\n", NULL);
  g_autofree char *answer = NULL;

  g_assert_true (g_output_stream_write_all (g_subprocess_get_stdin_pipe (xdotool), lines, strlen (lines),
                                            NULL, NULL, &error));
  g_assert_no_error (error);
  /* None when xdotool has gone, as it does after a failed command */
  answer = g_data_input_stream_read_line (xdotool_answers, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (answer);
  settle ();
}

/* Presses @keys one after the other, as xdotool names them ("ctrl+t"). */
static inline void
press (const char *keys)
{
  g_autofree char *command = g_strconcat ("key --delay 40 ", keys, NULL);

  run_xdotool (command);
}

/* Clicks the middle of @widget with the first button. */
static inline void
click (GtkWidget *widget)
{
  GtkNative *native = gtk_widget_get_native (widget);
  g_autofree char *command = NULL;
  graphene_rect_t bounds;
  double dx, dy;

  g_assert_true (gtk_widget_get_mapped (widget));
  wait_for_frame (widget);
  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (native), &bounds));
  gtk_native_get_surface_transform (native, &dx, &dy);
  command = g_strdup_printf ("mousemove --window %lu %d %d click 1",
                             (gulong) gdk_x11_surface_get_xid (gtk_native_get_surface (native)),
                             (int) (dx + bounds.origin.x + bounds.size.width / 2),
                             (int) (dy + bounds.origin.y + bounds.size.height / 2));
  run_xdotool (command);
}

static inline gboolean
toplevel_active (gpointer data)
{
  GtkWindow *window = find_toplevel (GPOINTER_TO_SIZE (data));

  return window != NULL && gtk_window_is_active (window);
}

/* Waits for a window of @type to be shown and to have the keyboard. */
static inline GtkWindow *
wait_for_dialog (GType type)
{
  wait_until (toplevel_active, GSIZE_TO_POINTER (type));
  return find_toplevel (type);
}
