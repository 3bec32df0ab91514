/* test-failed-saves.c — saves that fail: people.json that cannot be
 * written, Forget on a full disk, and what is left unsaved.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include "core-util.h"
#include "mb-export.h"

static gboolean
timed_out_cb (gpointer data)
{
  g_error ("Timed out waiting for a save");
  return G_SOURCE_REMOVE;
}

static void
wait_for_state (MbJournal   *journal,
                GObject     *object,
                MbSaveState  state)
{
  guint timeout = g_timeout_add_seconds (15, timed_out_cb, NULL);

  while (mb_journal_get_save_state (journal, object) != state)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

static char *
read_text (GFile *file)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (g_file_peek_path (file), &contents, NULL, NULL));
  return contents;
}

static GFile *
conversation_file (MbConversation *conversation)
{
  g_autoptr(GFile) dir = journal_dir ();
  g_autofree char *name = g_strconcat (mb_conversation_get_id (conversation), ".json", NULL);

  return g_file_new_build_filename (g_file_peek_path (dir), "conversations", name, NULL);
}

/* A full disk, as root too: no file this process writes may grow past
 * @bytes (0: no limit again). What is written is refused with EFBIG.
 */
static void
limit_file_size (rlim_t bytes)
{
  struct rlimit limit;

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  limit.rlim_cur = bytes > 0 ? bytes : limit.rlim_max;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
}

/* A new person, while people.json cannot be written: the save fails,
 * says which file and why, keeps the person in memory, and is tried
 * again until the disk lets it through, without another change.
 */
static void
test_people_saver_retries (void)
{
  g_autoptr(MbJournal) journal = open_journal ();
  g_autoptr(MbJournal) again = NULL;
  g_autoptr(GFile) dir = journal_dir ();
  g_autoptr(GFile) people = g_file_get_child (dir, "people.json");
  g_autoptr(GPtrArray) unsaved = NULL;
  g_autofree char *contents = NULL;

  /* A folder where people.json goes: every write of it fails. */
  g_assert_cmpint (g_mkdir_with_parents (g_file_peek_path (people), 0700), ==, 0);

  mb_journal_add_person (journal, "Sanne", "Designer");
  wait_for_state (journal, G_OBJECT (journal), MB_SAVE_STATE_FAILED);
  g_assert_nonnull (strstr (mb_journal_get_save_error (journal, G_OBJECT (journal)), "people.json"));
  g_assert_true (g_file_equal (mb_journal_get_save_file (journal, G_OBJECT (journal)), people));
  unsaved = mb_journal_get_unsaved (journal);
  g_assert_cmpuint (unsaved->len, ==, 1);
  g_assert_true (g_ptr_array_index (unsaved, 0) == (gpointer) journal);
  g_assert_false (mb_journal_flush (journal));

  /* The disk lets it through: the retry writes the person. */
  g_assert_cmpint (g_rmdir (g_file_peek_path (people)), ==, 0);
  wait_for_state (journal, G_OBJECT (journal), MB_SAVE_STATE_SAVED);
  contents = read_text (people);
  g_assert_nonnull (strstr (contents, "Sanne"));
  g_clear_pointer (&unsaved, g_ptr_array_unref);
  unsaved = mb_journal_get_unsaved (journal);
  g_assert_cmpuint (unsaved->len, ==, 0);

  again = open_journal ();
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_people (again)), ==, 1);
}

/* Forget on a full disk: the conversations go, but people.json cannot
 * be saved without them. Forget says so, naming the file; the save is
 * tried again until the person is gone from disk too.
 */
static void
test_forget_people_unwritable (void)
{
  g_autoptr(MbJournal) journal = open_journal ();
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) conversation = NULL;
  g_autoptr(GFile) dir = journal_dir ();
  g_autoptr(GFile) people = g_file_get_child (dir, "people.json");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  MbPerson *sanne = mb_journal_add_person (journal, "Sanne-To-Forget", NULL);

  mb_journal_add_person (journal, "Ahmed", NULL);
  conversation = mb_conversation_new (mb_person_get_id (sanne), script, NULL);
  mb_conversation_set_text (conversation, MB_TEXT_PREPARATION, "facts", "Note-To-Forget");
  mb_journal_add_conversation (journal, conversation);
  g_assert_true (mb_journal_flush (journal));
  file = conversation_file (conversation);
  g_assert_true (g_file_query_exists (file, NULL));

  signal (SIGXFSZ, SIG_IGN);
  limit_file_size (16);
  g_assert_false (mb_journal_forget_person (journal, sanne, &error));
  limit_file_size (0);

  /* What it says: what is done, and which file still names them. */
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "Sanne-To-Forget"));
  g_assert_nonnull (strstr (error->message, g_file_peek_path (people)));
  g_assert_nonnull (strstr (error->message, "still names them"));
  g_assert_false (g_file_query_exists (file, NULL));
  contents = read_text (people);
  g_assert_nonnull (strstr (contents, "Sanne-To-Forget"));
  g_assert_cmpint (mb_journal_get_save_state (journal, G_OBJECT (journal)), ==, MB_SAVE_STATE_FAILED);

  /* Once the disk lets it, the retry leaves only Ahmed. */
  wait_for_state (journal, G_OBJECT (journal), MB_SAVE_STATE_SAVED);
  g_clear_pointer (&contents, g_free);
  contents = read_text (people);
  g_assert_null (strstr (contents, "Sanne-To-Forget"));
  g_assert_nonnull (strstr (contents, "Ahmed"));
}

/* Conversation files that cannot be deleted: Forget names every one of
 * them, and keeps the person, so that it can be tried again.
 */
static void
test_forget_files_left (void)
{
  g_autoptr(MbJournal) journal = open_journal ();
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) first = NULL;
  g_autoptr(MbConversation) second = NULL;
  g_autoptr(GFile) first_file = NULL;
  g_autoptr(GFile) second_file = NULL;
  g_autoptr(GError) error = NULL;
  MbPerson *sanne = mb_journal_add_person (journal, "Sanne", NULL);

  first = mb_conversation_new (mb_person_get_id (sanne), script, NULL);
  second = mb_conversation_new (mb_person_get_id (sanne), script, NULL);
  mb_journal_add_conversation (journal, first);
  mb_journal_add_conversation (journal, second);
  g_assert_true (mb_journal_flush (journal));

  /* A folder with something in it cannot be deleted, by root either. */
  first_file = conversation_file (first);
  second_file = conversation_file (second);
  for (guint i = 0; i < 2; i++)
    {
      GFile *file = i == 0 ? first_file : second_file;
      g_autofree char *inside = g_build_filename (g_file_peek_path (file), "kept", NULL);

      g_assert_cmpint (g_unlink (g_file_peek_path (file)), ==, 0);
      g_assert_cmpint (g_mkdir (g_file_peek_path (file), 0700), ==, 0);
      g_assert_true (g_file_set_contents (inside, "", -1, NULL));
    }

  g_assert_false (mb_journal_forget_person (journal, sanne, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "Sanne stays in your list"));
  g_assert_nonnull (strstr (error->message, g_file_peek_path (first_file)));
  g_assert_nonnull (strstr (error->message, g_file_peek_path (second_file)));
  g_assert_true (mb_journal_lookup_person (journal, mb_person_get_id (sanne)) == sanne);
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_conversations (journal)), ==, 2);
}

/* What could not be saved, as one document to keep elsewhere: every
 * word of it, and the people when their list is not saved.
 */
static void
test_unsaved_export (void)
{
  g_autoptr(MbJournal) journal = open_journal ();
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) saved = NULL;
  g_autoptr(MbConversation) conversation = NULL;
  g_autoptr(GFile) dir = journal_dir ();
  g_autofree char *blocker = NULL;
  g_autoptr(GPtrArray) unsaved = NULL;
  g_autofree char *markdown = NULL;
  MbPerson *person = mb_journal_add_person (journal, "Noor", "Engineer");

  saved = mb_conversation_new (mb_person_get_id (person), script, NULL);
  mb_conversation_set_text (saved, MB_TEXT_PREPARATION, "facts", "Already on disk.");
  mb_journal_add_conversation (journal, saved);
  g_assert_true (mb_journal_flush (journal));

  /* A folder in the way of the new conversation's file; the one saved
   * before stays on disk.
   */
  conversation = mb_conversation_new (mb_person_get_id (person), script, NULL);
  blocker = g_strdup_printf ("%s/conversations/%s.json", g_file_peek_path (dir),
                             mb_conversation_get_id (conversation));
  g_assert_cmpint (g_mkdir (blocker, 0700), ==, 0);
  mb_journal_add_conversation (journal, conversation);
  mb_conversation_set_text (conversation, MB_TEXT_STEP_NOTES, "open", "Typed while the disk was full.");
  mb_person_set_role (person, "Lead engineer");
  g_assert_false (mb_journal_flush (journal));

  unsaved = mb_journal_get_unsaved (journal);
  g_assert_cmpuint (unsaved->len, ==, 1);
  g_assert_true (g_ptr_array_index (unsaved, 0) == (gpointer) conversation);
  markdown = mb_export_unsaved (journal);
  g_assert_true (g_str_has_prefix (markdown, "# Unsaved Changes from Marbles\n"));
  g_assert_nonnull (strstr (markdown, "Typed while the disk was full."));
  g_assert_nonnull (strstr (markdown, "Noor"));
  g_assert_null (strstr (markdown, "Already on disk."));
  /* people.json was saved: no list of people. */
  g_assert_null (strstr (markdown, "## People"));

  g_assert_cmpint (g_rmdir (blocker), ==, 0);
  g_assert_true (mb_journal_flush (journal));
  g_clear_pointer (&unsaved, g_ptr_array_unref);
  unsaved = mb_journal_get_unsaved (journal);
  g_assert_cmpuint (unsaved->len, ==, 0);
}

/* When people.json is what could not be saved, the document lists
 * everyone, with their role.
 */
static void
test_unsaved_people_export (void)
{
  g_autoptr(MbJournal) journal = open_journal ();
  g_autoptr(GFile) dir = journal_dir ();
  g_autoptr(GFile) people = g_file_get_child (dir, "people.json");
  g_autofree char *markdown = NULL;

  g_assert_cmpint (g_mkdir_with_parents (g_file_peek_path (people), 0700), ==, 0);
  mb_journal_add_person (journal, "Sanne", "Designer");
  mb_journal_add_person (journal, "# Ahmed", NULL);
  g_assert_false (mb_journal_flush (journal));

  markdown = mb_export_unsaved (journal);
  g_assert_nonnull (strstr (markdown, "\n## People\n\n- \\# Ahmed\n- Sanne · Designer\n"));
  g_assert_cmpint (g_rmdir (g_file_peek_path (people)), ==, 0);
  g_assert_true (mb_journal_flush (journal));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/failed-saves/people-saver-retries", test_people_saver_retries);
  g_test_add_func ("/failed-saves/forget-people-unwritable", test_forget_people_unwritable);
  g_test_add_func ("/failed-saves/forget-files-left", test_forget_files_left);
  g_test_add_func ("/failed-saves/unsaved-export", test_unsaved_export);
  g_test_add_func ("/failed-saves/unsaved-people-export", test_unsaved_people_export);

  return g_test_run ();
}
