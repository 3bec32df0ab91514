/* mb-startup-probe.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The startup benchmark (tests/bench/) sets MARBLES_STARTUP_PROBE in the
 * environment of the program it measures. When it is set, the program
 * prints one line once its first window has painted its first frame:
 *
 *   first-frame monotonic-us=<CLOCK_MONOTONIC in µs> rss-kib=<VmRSS>
 *
 * and quits, so the benchmark can start it again. Without the variable
 * this does nothing.
 */

#define G_LOG_DOMAIN "mb-startup-probe"

#include "config.h"

#include <stdio.h>

#include "mb-startup-probe.h"

static long
read_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;

  line = strstr (status, "\nVmRSS:");
  if (line == NULL)
    return -1;

  return strtol (line + strlen ("\nVmRSS:"), NULL, 10);
}

static void
after_paint_cb (GdkFrameClock *frame_clock,
                GtkWindow     *window)
{
  g_signal_handlers_disconnect_by_func (frame_clock, after_paint_cb, window);

  printf ("first-frame monotonic-us=%" G_GINT64_FORMAT " rss-kib=%ld\n",
          g_get_monotonic_time (), read_rss_kib ());
  fflush (stdout);

  gtk_window_destroy (window);
}

static void
window_realized_cb (GtkWidget *widget)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                           G_CALLBACK (after_paint_cb), widget, 0);
}

void
mb_startup_probe_attach (GtkWindow *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  if (g_getenv ("MARBLES_STARTUP_PROBE") == NULL)
    return;

  g_signal_connect (window, "realize", G_CALLBACK (window_realized_cb), NULL);
}
