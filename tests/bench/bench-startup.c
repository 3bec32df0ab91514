/* bench-startup.c — how long Marbles takes to show its first frame, and
 * how much memory it holds then, next to a bare libadwaita hello-world.
 *
 * Usage: bench-startup RUNS MARBLES HELLO
 *
 * Each program is started RUNS times, alternating, with
 * MARBLES_STARTUP_PROBE set: it prints the CLOCK_MONOTONIC time of its
 * first painted frame, its resident memory and the processor time it
 * used until then, and quits (see src/mb-startup-probe.c). The time
 * counts from just before the fork, so it includes loading the program
 * and its libraries. The processor time of the main thread is what
 * the window itself costs, and it varies far less from run to run
 * than the time does: the figure to judge a change to startup by.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gio/gio.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct
{
  const char *name;
  const char *path;
  GArray     *ms;
  GArray     *rss_mib;
  GArray     *main_cpu_ms;
  GArray     *cpu_ms;
} Program;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_autoptr(GArray) sorted = g_array_copy (values);
  guint n = sorted->len;

  g_array_sort (sorted, compare_doubles);
  if (n % 2 == 1)
    return g_array_index (sorted, double, n / 2);
  return (g_array_index (sorted, double, n / 2 - 1) + g_array_index (sorted, double, n / 2)) / 2;
}

static void
run_once (Program *program)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  gint64 started, first_frame = -1, main_cpu_us = -1, cpu_us = -1;
  long rss_kib = -1;
  const char *line;

  g_subprocess_launcher_setenv (launcher, "MARBLES_STARTUP_PROBE", "1", TRUE);

  started = g_get_monotonic_time ();
  process = g_subprocess_launcher_spawn (launcher, &error, program->path, NULL);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, NULL, NULL, &output, NULL, &error))
    g_error ("%s: %s", program->path, error->message);
  if (!g_subprocess_get_successful (process))
    g_error ("%s did not exit cleanly", program->path);

  line = output != NULL ? strstr (output, "first-frame ") : NULL;
  if (line == NULL ||
      sscanf (line, "first-frame monotonic-us=%" G_GINT64_FORMAT " rss-kib=%ld main-cpu-us=%" G_GINT64_FORMAT
              " cpu-us=%" G_GINT64_FORMAT, &first_frame, &rss_kib, &main_cpu_us, &cpu_us) != 4)
    g_error ("%s printed no first frame: %s", program->path, output ? output : "");

  g_array_append_val (program->ms, (double) { (first_frame - started) / 1000.0 });
  g_array_append_val (program->rss_mib, (double) { rss_kib / 1024.0 });
  g_array_append_val (program->main_cpu_ms, (double) { main_cpu_us / 1000.0 });
  g_array_append_val (program->cpu_ms, (double) { cpu_us / 1000.0 });
}

int
main (int   argc,
      char *argv[])
{
  Program programs[] = {
    { "marbles", NULL, NULL, NULL, NULL, NULL },
    { "hello-world", NULL, NULL, NULL, NULL, NULL },
  };
  double time_ratio, rss_delta;
  int runs;

  if (argc != 4)
    {
      fprintf (stderr, "Usage: %s RUNS MARBLES HELLO\n", argv[0]);
      return 2;
    }

  runs = atoi (argv[1]);
  programs[0].path = argv[2];
  programs[1].path = argv[3];

  for (guint p = 0; p < G_N_ELEMENTS (programs); p++)
    {
      programs[p].ms = g_array_new (FALSE, FALSE, sizeof (double));
      programs[p].rss_mib = g_array_new (FALSE, FALSE, sizeof (double));
      programs[p].main_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
      programs[p].cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
      run_once (&programs[p]); /* warm the page cache; not counted */
      g_array_set_size (programs[p].ms, 0);
      g_array_set_size (programs[p].rss_mib, 0);
      g_array_set_size (programs[p].main_cpu_ms, 0);
      g_array_set_size (programs[p].cpu_ms, 0);
    }

  for (int i = 0; i < runs; i++)
    for (guint p = 0; p < G_N_ELEMENTS (programs); p++)
      run_once (&programs[p]);

  printf ("Startup to first frame, median of %d runs each:\n", runs);
  printf ("  %-12s %10s %14s %24s\n", "", "time", "resident", "processor: main, all");
  for (guint p = 0; p < G_N_ELEMENTS (programs); p++)
    printf ("  %-12s %7.1f ms %10.1f MiB %14.1f ms, %5.1f ms\n", programs[p].name,
            median (programs[p].ms), median (programs[p].rss_mib),
            median (programs[p].main_cpu_ms), median (programs[p].cpu_ms));

  time_ratio = median (programs[0].ms) / median (programs[1].ms);
  rss_delta = median (programs[0].rss_mib) - median (programs[1].rss_mib);
  /* The targets of issue #19. */
  printf ("Marbles / hello-world: %.2fx the time (target <= 1.05x: %s), %+.1f MiB (target <= +15 MiB: %s)\n",
          time_ratio, time_ratio <= 1.05 ? "met" : "MISSED", rss_delta, rss_delta <= 15 ? "met" : "MISSED");
  printf ("The main thread's processor time, Marbles - hello-world: %+.1f ms (%+.1f ms of time)\n",
          median (programs[0].main_cpu_ms) - median (programs[1].main_cpu_ms),
          median (programs[0].ms) - median (programs[1].ms));

  for (guint p = 0; p < G_N_ELEMENTS (programs); p++)
    {
      g_array_unref (programs[p].ms);
      g_array_unref (programs[p].rss_mib);
      g_array_unref (programs[p].main_cpu_ms);
      g_array_unref (programs[p].cpu_ms);
    }

  return 0;
}
