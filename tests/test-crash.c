/* test-crash.c — nothing reported saved is lost when the process is
 * killed, at any moment.
 *
 * Starts tests/crash-writer again and again and kills it with SIGKILL
 * after a random few milliseconds. After every kill, every file in the
 * data folder must still read, no temporary file of an unfinished save
 * may pass for data, and the conversation must hold at least the last
 * edit the writer reported as saved.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include "mb-journal.h"

#define N_KILLS 200

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *done = user_data;

  g_assert_true (mb_journal_load_finish (MB_JOURNAL (object), result, NULL));
  *done = TRUE;
}

/* Reads the data folder back as the app would, and returns the number
 * of the edit the conversation holds.
 */
static guint64
check_data_folder (GFile *dir)
{
  g_autoptr(MbJournal) journal = mb_journal_new (dir);
  g_autoptr(MbConversation) conversation = NULL;
  gboolean loaded = FALSE;
  const char *text;

  mb_journal_load_async (journal, NULL, loaded_cb, &loaded);
  while (!loaded)
    g_main_context_iteration (NULL, TRUE);

  /* Every file reads; half-written temporary files are not taken for data. */
  for (guint i = 0; i < g_list_model_get_n_items (mb_journal_get_problems (journal)); i++)
    {
      g_autoptr(MbProblem) problem = g_list_model_get_item (mb_journal_get_problems (journal), i);

      g_error ("After a kill: %s", mb_problem_get_message (problem));
    }

  if (g_list_model_get_n_items (mb_journal_get_conversations (journal)) == 0)
    return 0;

  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_conversations (journal)), ==, 1);
  conversation = g_list_model_get_item (mb_journal_get_conversations (journal), 0);
  text = mb_conversation_get_text (conversation, MB_TEXT_PREPARATION_NOTES, NULL);
  g_assert_true (g_str_has_prefix (text, "edit "));
  g_assert_true (g_str_has_suffix (text, "every word of it matters"));
  return g_ascii_strtoull (text + 5, NULL, 10);
}

static guint64
last_reported (const char *output)
{
  guint64 last = 0;
  const char *line = output;

  while (line != NULL && (line = strstr (line, "saved ")) != NULL)
    {
      last = g_ascii_strtoull (line + 6, NULL, 10);
      line = strchr (line, '\n');
    }

  return last;
}

static void
test_kills (void)
{
  g_autofree char *writer = g_test_build_filename (G_TEST_BUILT, "crash-writer", NULL);
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "marbles", NULL);
  g_autoptr(GFile) dir = g_file_new_for_path (path);
  guint64 saved = 0;
  guint n_saves_checked = 0;
  guint max_delay_ms = 120;

  for (guint i = 0; i < N_KILLS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GBytes) output = NULL;
      g_autofree char *text = NULL;
      guint64 reported, on_disk;

      process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, writer, path, NULL);
      g_assert_no_error (error);

      g_usleep (g_random_int_range (1, max_delay_ms) * 1000);
      g_subprocess_send_signal (process, SIGKILL);
      g_subprocess_communicate (process, NULL, NULL, &output, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_signaled (process));

      text = g_strndup (g_bytes_get_data (output, NULL), g_bytes_get_size (output));
      reported = last_reported (text);
      saved = MAX (saved, reported);
      on_disk = check_data_folder (dir);
      if (reported > 0)
        {
          n_saves_checked++;
          max_delay_ms = MAX (max_delay_ms / 2, 120);
        }
      else
        /* A slow machine (a sanitizer, a busy CI) had not saved yet:
         * kill later, still at a random moment.
         */
        max_delay_ms = MIN (max_delay_ms * 2, 2000);

      /* Every edit reported as saved is on disk. */
      g_assert_cmpuint (on_disk, >=, saved);
    }

  g_test_message ("%u kills, %u of them after reported saves; last edit on disk: %" G_GUINT64_FORMAT,
                  N_KILLS, n_saves_checked, saved);
  g_assert_cmpuint (n_saves_checked, >, N_KILLS / 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/crash/kills", test_kills);

  return g_test_run ();
}
