/* bench-crypt.c — the cost of decryption: a journal of 10,000
 * conversations loaded plain, then protected with a passphrase.
 *
 * Usage: bench-crypt [--conversations N] [--load-runs N] BENCH-JOURNAL
 *        bench-crypt --load DIR/marbles [--passphrase P] (one load; to profile)
 *
 * BENCH-JOURNAL --write writes the journal of tests/bench/bench-journal.c
 * in a temporary folder. Then, each in a fresh process after one load to
 * warm the page cache: the journal's own load, as bench-journal's part a
 * measures it; the protection turned on (timed too, with the Argon2id
 * cost a leader's key file gets); the same load of the protected journal,
 * after its unlock, which is timed apart. The target is issue #18's:
 * loading within 1.5 times the plain journal's time.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "mb-journal.h"

#define PASSPHRASE   "a passphrase of a benchmark"
#define TARGET_TIMES 1.5

static void G_GNUC_PRINTF (1, 2) G_GNUC_NORETURN
fail (const char *format,
      ...)
{
  va_list args;

  va_start (args, format);
  vfprintf (stderr, format, args);
  va_end (args);
  fputc ('\n', stderr);
  exit (1);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  gint64 *done = user_data;
  g_autoptr(GError) error = NULL;

  if (!mb_journal_load_finish (MB_JOURNAL (object), result, &error))
    fail ("%s", error->message);
  *done = g_get_monotonic_time ();
}

/* The child's part: one unlock, when @passphrase is given, and one load. */
static int
load_in_this_process (const char *dir,
                      const char *passphrase)
{
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  MbJournal *journal = mb_journal_new (file);
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 unlocked, done = 0;

  if (passphrase != NULL && !mb_journal_unlock (journal, passphrase, &error))
    fail ("%s", error->message);
  unlocked = g_get_monotonic_time ();
  mb_journal_load_async (journal, NULL, loaded_cb, &done);
  while (done == 0)
    g_main_context_iteration (NULL, TRUE);

  printf ("loaded ms=%.1f unlock-ms=%.1f conversations=%u problems=%u\n",
          (done - unlocked) / 1000.0, (unlocked - start) / 1000.0,
          g_list_model_get_n_items (mb_journal_get_conversations (journal)),
          g_list_model_get_n_items (mb_journal_get_problems (journal)));
  return 0;
}

static char *
run_process (const char * const *argv)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  char *output = NULL;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, NULL, NULL, &output, NULL, &error))
    fail ("%s: %s", argv[0], error->message);
  if (!g_subprocess_get_successful (process))
    fail ("%s did not exit cleanly", argv[0]);
  return output;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

/* @runs loads after one not counted; their median, and the unlock's. */
static double
measure_loads (const char *self_path,
               const char *dir,
               const char *passphrase,
               guint       runs,
               guint       n_conversations,
               double     *unlock_ms)
{
  g_autoptr(GArray) load = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) unlock = g_array_new (FALSE, FALSE, sizeof (double));
  const char *argv[] = { self_path, "--load", dir, passphrase != NULL ? "--passphrase" : NULL, passphrase, NULL };

  for (guint i = 0; i <= runs; i++)
    {
      g_autofree char *output = run_process (argv);
      double ms, unlock_one;
      guint n, problems;

      if (sscanf (output, "loaded ms=%lf unlock-ms=%lf conversations=%u problems=%u",
                  &ms, &unlock_one, &n, &problems) != 4)
        fail ("Unexpected output of --load: %s", output);
      if (n != n_conversations || problems != 0)
        fail ("Loaded %u conversations of %u, with %u problems", n, n_conversations, problems);
      if (i == 0)
        continue;
      g_array_append_val (load, ms);
      g_array_append_val (unlock, unlock_one);
    }

  *unlock_ms = median (unlock);
  return median (load);
}

static void
protect (const char *dir)
{
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  g_autoptr(MbJournal) journal = mb_journal_new (file);
  g_autoptr(GError) error = NULL;
  g_autofree char *recovery = NULL;
  gint64 start = g_get_monotonic_time ();

  if (!mb_journal_protect (journal, PASSPHRASE, &recovery, &error))
    fail ("%s", error->message);
  printf ("Protection turned on (key derivation and every file encrypted): %.1f s\n",
          (g_get_monotonic_time () - start) / 1e6);
}

static int
run_benchmark (const char *self_path,
               const char *bench_journal,
               const char *temp_dir,
               guint       n_conversations,
               guint       runs)
{
  g_autofree char *n = g_strdup_printf ("%u", n_conversations);
  const char *write_argv[] = { bench_journal, "--conversations", n, "--write", temp_dir, NULL };
  g_autofree char *dir = g_build_filename (temp_dir, "marbles", NULL);
  g_autofree char *written = run_process (write_argv);
  double plain_ms, protected_ms, unlock_ms;
  gboolean met;

  printf ("%s", written);
  plain_ms = measure_loads (self_path, dir, NULL, runs, n_conversations, &unlock_ms);
  protect (dir);
  protected_ms = measure_loads (self_path, dir, PASSPHRASE, runs, n_conversations, &unlock_ms);

  met = protected_ms <= TARGET_TIMES * plain_ms;
  printf ("The journal's own load of %u conversations, median of %u runs each:\n"
          "  plain      %8.1f ms\n"
          "  protected  %8.1f ms  (%.2fx; target <= %.1fx: %s)\n"
          "  unlock     %8.1f ms  (Argon2id, opslimit 2, memlimit 64 MiB; before the load)\n",
          n_conversations, runs, plain_ms, protected_ms, protected_ms / plain_ms, TARGET_TIMES,
          met ? "met" : "NOT MET", unlock_ms);
  return 0;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  int n_conversations = 10000, runs = 5;
  g_autofree char *load_dir = NULL;
  g_autofree char *passphrase = NULL;
  g_autofree char *temp_dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("BENCH-JOURNAL");
  GOptionEntry entries[] = {
    { "conversations", 0, 0, G_OPTION_ARG_INT, &n_conversations, "How many conversations (10000)", "N" },
    { "load-runs", 0, 0, G_OPTION_ARG_INT, &runs, "How many loads of each journal (5)", "N" },
    { "load", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &load_dir, "Load one journal and report", "DIR" },
    { "passphrase", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &passphrase, "Unlock it first with P", "P" },
    { NULL }
  };
  int status;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    fail ("%s", error->message);

  if (load_dir != NULL)
    return load_in_this_process (load_dir, passphrase);

  if (argc != 2 || n_conversations < 1 || runs < 1)
    {
      fprintf (stderr, "Usage: %s [--conversations N] [--load-runs N] BENCH-JOURNAL\n", argv[0]);
      return 2;
    }

  temp_dir = g_dir_make_tmp ("marbles-bench-crypt-XXXXXX", &error);
  if (temp_dir == NULL)
    fail ("%s", error->message);
  status = run_benchmark (argv[0], argv[1], temp_dir, n_conversations, runs);
  remove_tree (temp_dir);
  return status;
}
