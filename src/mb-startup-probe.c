/* mb-startup-probe.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The startup benchmarks (tests/bench/) set MARBLES_STARTUP_PROBE in the
 * environment of the program they measure. When it is set, the program
 * prints one line once its first window has painted its first frame:
 *
 *   first-frame monotonic-us=<CLOCK_MONOTONIC in µs> rss-kib=<VmRSS>
 *               main-cpu-us=<µs> cpu-us=<µs>
 *
 * (the last two: the processor time the main thread, and the whole
 * process, used until then) and quits, so the benchmark can start it
 * again. When it is "loaded", the program prints that line and goes on
 * until the object given to mb_startup_probe_attach_loading() (the
 * journal) is loaded and a frame has been painted after that, then
 * prints
 *
 *   loaded monotonic-us=<CLOCK_MONOTONIC in µs> rss-kib=<VmRSS> loading-held-us=<µs>
 *
 * where loading-held-us is the longest the main loop was held up (the
 * worst lateness of a 1 ms timeout) from the first frame until the
 * object said it was loaded, before the frame that shows it; then, a
 * second later or once the journal's search is prepared behind the
 * list ("search-ready"), whichever is later,
 *
 *   settled held-us=<µs> rss-kib=<VmRSS>
 *
 * and quits; held-us is the same until then, so painting the journal
 * and what the window does after that count too. When it is "ready",
 * the program prints the first two lines, the second ending in
 * held-us=<µs> until then, and goes on: the tests of the real app
 * (tests/app-util.sh) wait for it before they press keys in its window.
 * Without the variable this does nothing.
 */

#define G_LOG_DOMAIN "mb-startup-probe"

#include "config.h"

#include <stdio.h>
#include <time.h>

#include "mb-startup-probe.h"

#define SETTLE_MS 1000

/* What the "loaded" mode waits for. */
typedef struct
{
  GtkWindow *window;       /* probed; this goes with it */
  GObject   *loading;      /* has a boolean "loaded" property; NULL for nothing to wait for */
  gboolean   first_frame;  /* reported */
  gboolean   loaded;       /* seen loaded; the next frame painted is the one */
  gboolean   stay;         /* goes on once it has said so */
  guint      tick_id;      /* a 1 ms timeout while loading */
  gint64     last_tick;
  gint64     held;         /* µs: the main loop held up at most */
  gint64     loading_held; /* the same, until loaded */
} Waiting;

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

static gint64
read_cpu_us (clockid_t clock)
{
  struct timespec time;

  if (clock_gettime (clock, &time) != 0)
    return -1;

  return time.tv_sec * G_USEC_PER_SEC + time.tv_nsec / 1000;
}

/* On the main thread. */
static void
report_first_frame (void)
{
  printf ("first-frame monotonic-us=%" G_GINT64_FORMAT " rss-kib=%ld main-cpu-us=%" G_GINT64_FORMAT
          " cpu-us=%" G_GINT64_FORMAT "\n",
          g_get_monotonic_time (), read_rss_kib (),
          read_cpu_us (CLOCK_THREAD_CPUTIME_ID), read_cpu_us (CLOCK_PROCESS_CPUTIME_ID));
  fflush (stdout);
}

static gboolean
tick_cb (gpointer data)
{
  Waiting *waiting = data;
  gint64 now = g_get_monotonic_time ();

  waiting->held = MAX (waiting->held, now - waiting->last_tick - 1000);
  waiting->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
after_paint_cb (GdkFrameClock *frame_clock,
                GtkWindow     *window)
{
  g_signal_handlers_disconnect_by_func (frame_clock, after_paint_cb, window);
  report_first_frame ();
  gtk_window_destroy (window);
}

static void
window_realized_cb (GtkWidget *widget)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                           G_CALLBACK (after_paint_cb), widget, 0);
}

static void
waiting_free (gpointer  data,
              GClosure *closure)
{
  Waiting *waiting = data;

  g_clear_handle_id (&waiting->tick_id, g_source_remove);
  g_clear_object (&waiting->loading);
  g_free (waiting);
}

/* Whether the "search-ready" property says so, for an object that has
 * one.
 */
static gboolean
is_search_ready (Waiting *waiting)
{
  gboolean ready = TRUE;

  if (waiting->loading != NULL &&
      g_object_class_find_property (G_OBJECT_GET_CLASS (waiting->loading), "search-ready") != NULL)
    g_object_get (waiting->loading, "search-ready", &ready, NULL);
  return ready;
}

static gboolean
is_loaded (Waiting *waiting)
{
  gboolean loaded = TRUE;

  if (waiting->loading != NULL)
    g_object_get (waiting->loading, "loaded", &loaded, NULL);
  return loaded;
}

/* Connects @callback to @signal of @instance, with @waiting, for as long
 * as the window lives.
 */
static void
connect_while_window (gpointer     instance,
                      const char  *signal,
                      GCallback    callback,
                      Waiting     *waiting)
{
  GClosure *closure = g_cclosure_new (callback, waiting, NULL);

  g_object_watch_closure (G_OBJECT (waiting->window), closure);
  g_signal_connect_closure (instance, signal, closure, FALSE);
}

/* The main loop held up at most from the first frame until SETTLE_MS
 * after the journal showed.
 */
static void
settled_cb (gpointer data)
{
  Waiting *waiting = data;

  /* Not before the journal is all there, its search prepared too. */
  if (!is_search_ready (waiting))
    {
      g_timeout_add_once (10, settled_cb, waiting);
      return;
    }

  tick_cb (waiting);
  g_clear_handle_id (&waiting->tick_id, g_source_remove);
  printf ("settled held-us=%" G_GINT64_FORMAT " rss-kib=%ld\n", waiting->held, read_rss_kib ());
  fflush (stdout);
  gtk_window_destroy (waiting->window);
}

static void
after_paint_loading_cb (GdkFrameClock *frame_clock,
                        Waiting       *waiting)
{
  if (!waiting->first_frame)
    {
      waiting->first_frame = TRUE;
      report_first_frame ();
      waiting->last_tick = g_get_monotonic_time ();
      waiting->tick_id = g_timeout_add (1, tick_cb, waiting);
    }

  /* Loaded before this frame was laid out: the frame shows it. */
  if (!waiting->loaded)
    return;

  g_signal_handlers_disconnect_by_func (frame_clock, after_paint_loading_cb, waiting);
  tick_cb (waiting);
  if (waiting->stay)
    {
      g_clear_handle_id (&waiting->tick_id, g_source_remove);
      printf ("loaded monotonic-us=%" G_GINT64_FORMAT " rss-kib=%ld held-us=%" G_GINT64_FORMAT "\n",
              g_get_monotonic_time (), read_rss_kib (), waiting->held);
      fflush (stdout);
      return;
    }

  printf ("loaded monotonic-us=%" G_GINT64_FORMAT " rss-kib=%ld loading-held-us=%" G_GINT64_FORMAT "\n",
          g_get_monotonic_time (), read_rss_kib (), waiting->loading_held);
  fflush (stdout);
  /* What the window still does after that frame (the list growing) counts. */
  g_timeout_add_once (SETTLE_MS, settled_cb, waiting);
}

static void
loaded_changed_cb (GObject    *loading,
                   GParamSpec *pspec,
                   Waiting    *waiting)
{
  if (waiting->loaded || !is_loaded (waiting))
    return;

  waiting->loaded = TRUE;
  if (waiting->tick_id != 0)
    tick_cb (waiting);
  waiting->loading_held = waiting->held;
  gtk_widget_queue_draw (GTK_WIDGET (waiting->window));
}

static void
window_realized_loading_cb (GtkWidget *widget,
                            Waiting   *waiting)
{
  connect_while_window (gtk_widget_get_frame_clock (widget), "after-paint",
                        G_CALLBACK (after_paint_loading_cb), waiting);
}

/**
 * mb_startup_probe_attach_loading:
 * @loading: (nullable): an object with a boolean "loaded" property,
 *   such as the journal
 *
 * Probes @window (see above); with MARBLES_STARTUP_PROBE=loaded or
 * ready, waits for @loading as well.
 */
void
mb_startup_probe_attach_loading (GtkWindow *window,
                                 GObject   *loading)
{
  const char *mode = g_getenv ("MARBLES_STARTUP_PROBE");
  Waiting *waiting;

  g_return_if_fail (GTK_IS_WINDOW (window));
  g_return_if_fail (loading == NULL || G_IS_OBJECT (loading));

  if (mode == NULL)
    return;

  if (!g_str_equal (mode, "loaded") && !g_str_equal (mode, "ready"))
    {
      g_signal_connect (window, "realize", G_CALLBACK (window_realized_cb), NULL);
      return;
    }

  waiting = g_new0 (Waiting, 1);
  waiting->window = window;
  waiting->stay = g_str_equal (mode, "ready");
  waiting->loading = loading != NULL ? g_object_ref (loading) : NULL;
  if (loading != NULL)
    connect_while_window (loading, "notify::loaded", G_CALLBACK (loaded_changed_cb), waiting);
  waiting->loaded = is_loaded (waiting);
  /* What is waited for goes with the window, and this handler. */
  g_signal_connect_data (window, "realize", G_CALLBACK (window_realized_loading_cb), waiting, waiting_free, 0);
}

/**
 * mb_startup_probe_attach:
 *
 * Probes @window when MARBLES_STARTUP_PROBE is set: see above.
 */
void
mb_startup_probe_attach (GtkWindow *window)
{
  mb_startup_probe_attach_loading (window, NULL);
}
