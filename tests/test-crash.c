/* test-crash.c — nothing reported saved is lost when the process is
 * killed, at any moment.
 *
 * Starts tests/crash-writer again and again and kills it with SIGKILL
 * after a random few milliseconds. After every kill, every file in the
 * data folder must still read, no temporary file of an unfinished save
 * may pass for data, and the conversation must hold at least the last
 * edit the writer reported as saved.
 *
 * Then the same for turning the protection with a passphrase on and off:
 * after every kill, the next unlock finishes the conversion, every note
 * reads, and when the journal is protected, no note is in plain text
 * anywhere in the data folder.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include "mb-crypt.h"
#include "mb-journal.h"

#define N_KILLS 200
#define N_CONVERSION_KILLS 80
#define N_CONVERSATIONS 12
#define PASSPHRASE "crash test"   /* as in crash-writer.c */

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

/* A journal of a person and N_CONVERSATIONS conversations, each with
 * the note "secret note I", saved; its conversations' ids.
 */
static GPtrArray *
make_journal (GFile *dir)
{
  g_autoptr(MbJournal) journal = mb_journal_new (dir);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "scripts", "good", "full.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MbScript) script = mb_script_new_from_file (file, NULL, NULL);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  gboolean loaded = FALSE;
  MbPerson *person;

  mb_journal_load_async (journal, NULL, loaded_cb, &loaded);
  while (!loaded)
    g_main_context_iteration (NULL, TRUE);
  person = mb_journal_add_person (journal, "Secret Person", NULL);
  for (guint i = 0; i < N_CONVERSATIONS; i++)
    {
      g_autoptr(MbConversation) conversation = mb_conversation_new (mb_person_get_id (person), script, NULL);
      g_autofree char *note = g_strdup_printf ("secret note %u", i);

      mb_conversation_set_text (conversation, MB_TEXT_PREPARATION_NOTES, NULL, note);
      mb_journal_add_conversation (journal, conversation);
      g_ptr_array_add (ids, g_strdup (mb_conversation_get_id (conversation)));
    }
  g_assert_true (mb_journal_flush (journal));
  return ids;
}

/* No file under @path holds @text. */
static void
assert_nowhere (const char *path,
                const char *text)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_autofree char *contents = NULL;
      gsize len;

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          assert_nowhere (child, text);
          continue;
        }
      g_assert_true (g_file_get_contents (child, &contents, &len, NULL));
      if (memmem (contents, len, text, strlen (text)) != NULL)
        g_error ("After a kill: “%s” is in plain text in %s", text, child);
    }
}

/* Opens the journal as the app would: unlocks it when it is protected,
 * which finishes a conversion cut short. Every note reads; returns
 * whether the journal is protected.
 */
static gboolean
check_converted (GFile     *dir,
                 GPtrArray *ids)
{
  g_autoptr(MbJournal) journal = mb_journal_new (dir);
  g_autoptr(GError) error = NULL;
  gboolean loaded = FALSE;
  gboolean protected;

  if (mb_journal_is_protected (journal))
    g_assert_true (mb_journal_unlock (journal, PASSPHRASE, &error));
  g_assert_no_error (error);
  protected = mb_journal_is_protected (journal);

  mb_journal_load_async (journal, NULL, loaded_cb, &loaded);
  while (!loaded)
    g_main_context_iteration (NULL, TRUE);
  for (guint i = 0; i < g_list_model_get_n_items (mb_journal_get_problems (journal)); i++)
    {
      g_autoptr(MbProblem) problem = g_list_model_get_item (mb_journal_get_problems (journal), i);

      g_error ("After a kill: %s", mb_problem_get_message (problem));
    }
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_conversations (journal)), ==, ids->len);
  for (guint i = 0; i < ids->len; i++)
    {
      MbConversation *conversation = mb_journal_lookup_conversation (journal, g_ptr_array_index (ids, i));
      g_autofree char *note = g_strdup_printf ("secret note %u", i);

      g_assert_nonnull (conversation);
      g_assert_cmpstr (mb_conversation_get_text (conversation, MB_TEXT_PREPARATION_NOTES, NULL), ==, note);
    }

  if (protected)
    {
      assert_nowhere (g_file_peek_path (dir), "secret note");
      assert_nowhere (g_file_peek_path (dir), "Secret Person");
    }
  return protected;
}

static void
test_conversion_kills (void)
{
  g_autofree char *writer = g_test_build_filename (G_TEST_BUILT, "crash-writer", NULL);
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "marbles", NULL);
  g_autoptr(GFile) dir = g_file_new_for_path (path);
  g_autoptr(GPtrArray) ids = make_journal (dir);
  g_autofree char *marker = g_build_filename (path, MB_CRYPT_MARKER_NAME, NULL);
  guint n_protected = 0, n_converted = 0, n_halfway = 0;
  guint max_delay_ms = 60;

  for (guint i = 0; i < N_CONVERSION_KILLS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GBytes) output = NULL;

      process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, writer, "--convert", path, NULL);
      g_assert_no_error (error);

      g_usleep (g_random_int_range (1, max_delay_ms) * 1000);
      g_subprocess_send_signal (process, SIGKILL);
      g_subprocess_communicate (process, NULL, NULL, &output, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_signaled (process));

      /* Kills before the first conversion ends, on a slow machine, move later. */
      if (g_bytes_get_size (output) > 0)
        n_converted++;
      else
        max_delay_ms = MIN (max_delay_ms * 2, 2000);
      n_halfway += g_file_test (marker, G_FILE_TEST_EXISTS);
      n_protected += check_converted (dir, ids);
    }

  g_test_message ("%u kills, %u of them after a whole conversion, %u halfway through one; "
                  "protected after %u", N_CONVERSION_KILLS, n_converted, n_halfway, n_protected);
  g_assert_cmpuint (n_halfway, >, N_CONVERSION_KILLS / 4);
  /* Both ways were cut short, and checked. */
  g_assert_cmpuint (n_protected, >, 0);
  g_assert_cmpuint (n_protected, <, N_CONVERSION_KILLS);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/crash/kills", test_kills);
  g_test_add_func ("/crash/conversion-kills", test_conversion_kills);

  return g_test_run ();
}
