/* test-journal.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "core-util.h"
#include "wait-util.h"

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

static guint
mode_of (GFile *file)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (g_file_peek_path (file), &st), ==, 0);
  return st.st_mode & 0777;
}

static GFile *
conversation_file (MbConversation *conversation)
{
  g_autoptr(GFile) dir = journal_dir ();
  g_autofree char *name = g_strconcat (mb_conversation_get_id (conversation), ".json", NULL);

  return g_file_new_build_filename (g_file_peek_path (dir), "conversations", name, NULL);
}

static void
test_save_and_reload (gconstpointer data)
{
  mode_t mask = GPOINTER_TO_UINT (data);
  mode_t old_mask = umask (mask);
  g_autoptr(MbJournal) journal = open_journal ();
  g_autoptr(MbJournal) again = NULL;
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) conversation = NULL;
  g_autoptr(MbConversation) reread = NULL;
  g_autoptr(GFile) dir = journal_dir ();
  g_autoptr(GFile) people_file = g_file_get_child (dir, "people.json");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) conversations_dir = g_file_get_child (dir, "conversations");
  MbPerson *person;

  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_people (journal)), ==, 0);
  g_assert_false (g_file_query_exists (dir, NULL)); /* nothing written until there is something */

  /* Even a folder something else made, open to all, is made private. */
  g_assert_cmpint (g_mkdir_with_parents (g_file_peek_path (dir), 0777), ==, 0);
  g_assert_cmpint (g_chmod (g_file_peek_path (dir), 0777), ==, 0);

  person = mb_journal_add_person (journal, "Sanne de Vries", "Designer");
  conversation = mb_conversation_new (mb_person_get_id (person), script, NULL);
  mb_journal_add_conversation (journal, conversation);
  mb_conversation_set_text (conversation, MB_TEXT_PREPARATION, "facts", "Two late reports.");
  g_assert_cmpint (mb_journal_get_save_state (journal, G_OBJECT (conversation)), ==, MB_SAVE_STATE_UNSAVED);

  wait_for_state (journal, G_OBJECT (conversation), MB_SAVE_STATE_SAVED);
  wait_for_state (journal, G_OBJECT (journal), MB_SAVE_STATE_SAVED);

  file = conversation_file (conversation);
  g_assert_cmpuint (mode_of (dir), ==, 0700);
  g_assert_cmpuint (mode_of (conversations_dir), ==, 0700);
  g_assert_cmpuint (mode_of (file), ==, 0600);
  g_assert_cmpuint (mode_of (people_file), ==, 0600);

  /* Renaming the person leaves the conversation as it is. */
  mb_person_set_name (person, "Sanne de Vries-Bakker");
  wait_for_state (journal, G_OBJECT (journal), MB_SAVE_STATE_SAVED);

  again = open_journal ();
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_people (again)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_conversations (again)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_problems (again)), ==, 0);
  reread = g_list_model_get_item (mb_journal_get_conversations (again), 0);
  g_assert_cmpstr (mb_conversation_get_text (reread, MB_TEXT_PREPARATION, "facts"), ==, "Two late reports.");
  g_assert_cmpstr (mb_person_get_name (mb_journal_lookup_person (again, mb_conversation_get_person_id (reread))),
                   ==, "Sanne de Vries-Bakker");
  g_assert_cmpstr (mb_person_get_role (mb_journal_lookup_person (again, mb_conversation_get_person_id (reread))),
                   ==, "Designer");

  umask (old_mask);
}

static void
test_failed_save_keeps_edit (void)
{
  g_autoptr(MbJournal) journal = open_journal ();
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) conversation = mb_conversation_new ("p", script, NULL);
  g_autoptr(GFile) dir = journal_dir ();
  g_autoptr(GFile) blocker = g_file_get_child (dir, "conversations");
  g_autoptr(GFile) file = conversation_file (conversation);
  g_autofree char *contents = NULL;

  /* Something that is not a folder stands where the folder goes, as a
   * read-only or full disk would: every write fails.
   */
  g_assert_cmpint (g_mkdir_with_parents (g_file_peek_path (dir), 0700), ==, 0);
  g_assert_true (g_file_set_contents (g_file_peek_path (blocker), "in the way", -1, NULL));

  mb_journal_add_conversation (journal, conversation);
  mb_conversation_set_text (conversation, MB_TEXT_STEP_NOTES, "open", "Every word counts.");
  wait_for_state (journal, G_OBJECT (conversation), MB_SAVE_STATE_FAILED);
  g_assert_nonnull (mb_journal_get_save_error (journal, G_OBJECT (conversation)));
  g_assert_nonnull (strstr (mb_journal_get_save_error (journal, G_OBJECT (conversation)), "conversations"));
  g_assert_cmpstr (mb_conversation_get_text (conversation, MB_TEXT_STEP_NOTES, "open"), ==, "Every word counts.");

  /* More typing while it fails is kept too. */
  mb_conversation_set_text (conversation, MB_TEXT_STEP_NOTES, "open", "Every word counts. And this.");
  g_assert_false (mb_journal_flush (journal));

  /* Once the disk lets us, the retry writes the latest text. */
  g_assert_cmpint (g_unlink (g_file_peek_path (blocker)), ==, 0);
  wait_for_state (journal, G_OBJECT (conversation), MB_SAVE_STATE_SAVED);
  g_assert_true (g_file_get_contents (g_file_peek_path (file), &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Every word counts. And this."));
}

/* What the journal says of the files it could not read, a line each. */
static char *
problem_messages (MbJournal *journal)
{
  GListModel *problems = mb_journal_get_problems (journal);
  GString *messages = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(MbProblem) problem = g_list_model_get_item (problems, i);

      g_string_append_printf (messages, "%s\n", mb_problem_get_message (problem));
    }
  return g_string_free (messages, FALSE);
}

static void
test_damaged_files_left_alone (void)
{
  g_autoptr(GFile) dir = journal_dir ();
  g_autofree char *conversations = g_build_filename (g_file_peek_path (dir), "conversations", NULL);
  g_autofree char *truncated = g_build_filename (conversations, "truncated.json", NULL);
  g_autofree char *garbage = g_build_filename (conversations, "garbage.json", NULL);
  g_autofree char *people = g_build_filename (g_file_peek_path (dir), "people.json", NULL);
  g_autofree char *temporary = g_build_filename (conversations, ".goutputstream-ABC123", NULL);
  const char *truncated_text = "{ \"format\": \"marbles-conversation\", \"version\": 1, \"id\": \"t\", \"pe";
  g_autoptr(MbJournal) journal = NULL;
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) conversation = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *all = NULL;
  MbPerson *person;

  g_assert_cmpint (g_mkdir_with_parents (conversations, 0700), ==, 0);
  g_assert_true (g_file_set_contents (truncated, truncated_text, -1, NULL));
  g_assert_true (g_file_set_contents (garbage, "\x01\x02 not json", -1, NULL));
  g_assert_true (g_file_set_contents (people, "{ \"people\": [", -1, NULL));
  g_assert_true (g_file_set_contents (temporary, "half a save", -1, NULL));

  journal = open_journal ();
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_conversations (journal)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_problems (journal)), ==, 3);
  all = problem_messages (journal);
  g_assert_nonnull (strstr (all, "truncated.json:1:62: "));
  g_assert_nonnull (strstr (all, "garbage.json:1:1: "));
  g_assert_nonnull (strstr (all, "people.json:1:13: "));
  g_assert_null (strstr (all, "goutputstream"));

  /* New work is saved; the damaged people file is not overwritten. */
  person = mb_journal_add_person (journal, "Ahmed", NULL);
  conversation = mb_conversation_new (mb_person_get_id (person), script, NULL);
  mb_journal_add_conversation (journal, conversation);
  wait_for_state (journal, G_OBJECT (conversation), MB_SAVE_STATE_SAVED);
  wait_for_state (journal, G_OBJECT (journal), MB_SAVE_STATE_FAILED);
  g_assert_nonnull (strstr (mb_journal_get_save_error (journal, G_OBJECT (journal)), "people.json"));

  g_assert_true (g_file_get_contents (truncated, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, truncated_text);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (people, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "{ \"people\": [");
}

/* A synced folder may hold what no Marbles wrote under a conversation's
 * name: a link to /dev/zero, a named pipe, a folder. The journal loads
 * the rest at once, lists each with the reason, and leaves it there.
 */
static void
test_odd_files_left_alone (void)
{
  g_autoptr(GFile) dir = journal_dir ();
  g_autofree char *conversations = g_build_filename (g_file_peek_path (dir), "conversations", NULL);
  g_autofree char *zero = g_build_filename (conversations, "0a0a0a0a-0a0a-4a0a-8a0a-0a0a0a0a0a0a.json", NULL);
  g_autofree char *pipe = g_build_filename (conversations, "0b0b0b0b-0b0b-4b0b-8b0b-0b0b0b0b0b0b.json", NULL);
  g_autofree char *folder = g_build_filename (conversations, "0c0c0c0c-0c0c-4c0c-8c0c-0c0c0c0c0c0c.json", NULL);
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) conversation = mb_conversation_new ("p", script, NULL);
  g_autoptr(MbJournal) journal = open_journal ();
  g_autoptr(MbJournal) again = NULL;
  g_autofree char *all = NULL;
  GStatBuf st;

  mb_journal_add_conversation (journal, conversation);
  mb_conversation_set_text (conversation, MB_TEXT_STEP_NOTES, "open", "Still here.");
  g_assert_true (mb_journal_flush (journal));
  g_assert_cmpint (symlink ("/dev/zero", zero), ==, 0);
  g_assert_cmpint (mkfifo (pipe, 0600), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);

  again = open_journal ();
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_conversations (again)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_problems (again)), ==, 3);
  all = problem_messages (again);
  g_assert_nonnull (strstr (all, "0a0a0a0a-0a0a-4a0a-8a0a-0a0a0a0a0a0a.json: It is a symbolic link"));
  g_assert_nonnull (strstr (all, "0b0b0b0b-0b0b-4b0b-8b0b-0b0b0b0b0b0b.json: It is not an ordinary file"));
  g_assert_nonnull (strstr (all, "0c0c0c0c-0c0c-4c0c-8c0c-0c0c0c0c0c0c.json: It is not an ordinary file"));

  g_assert_cmpint (g_lstat (zero, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  g_assert_cmpint (g_lstat (pipe, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
}

/* A people file whose version is not a whole number (an object, a
 * string, a negative number) is not one Marbles can read: it is listed
 * as damaged and left as it is, with nothing said to the log.
 */
static void
test_people_version_not_a_number (void)
{
  const char *versions[] = { "{}", "[]", "null", "\"1\"", "-1", "1.5" };

  for (guint i = 0; i < G_N_ELEMENTS (versions); i++)
    {
      g_autoptr(GFile) dir = journal_dir ();
      g_autofree char *people = g_build_filename (g_file_peek_path (dir), "people.json", NULL);
      g_autofree char *text = g_strdup_printf ("{ \"format\": \"marbles-people\", \"version\": %s, \"people\": [] }",
                                               versions[i]);
      g_autoptr(MbJournal) journal = NULL;
      g_autoptr(MbProblem) problem = NULL;
      g_autofree char *contents = NULL;

      g_assert_cmpint (g_mkdir_with_parents (g_file_peek_path (dir), 0700), ==, 0);
      g_assert_true (g_file_set_contents (people, text, -1, NULL));
      journal = open_journal ();
      g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_problems (journal)), ==, 1);
      problem = g_list_model_get_item (mb_journal_get_problems (journal), 0);
      g_assert_nonnull (strstr (mb_problem_get_message (problem), "not a Marbles people file"));

      mb_journal_add_person (journal, "Ahmed", NULL);
      wait_for_state (journal, G_OBJECT (journal), MB_SAVE_STATE_FAILED);
      g_assert_true (g_file_get_contents (people, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, text);
    }
}

static void
test_script_removed (void)
{
  g_autoptr(GFile) dir = journal_dir ();
  g_autofree char *scripts = g_build_filename (g_file_peek_path (dir), "scripts", NULL);
  g_autofree char *script_path = g_build_filename (scripts, "mine.json", NULL);
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "scripts", "good", "full.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GFile) script_file = g_file_new_for_path (script_path);
  g_autoptr(MbScript) script = NULL;
  g_autoptr(MbJournal) journal = open_journal ();
  g_autoptr(MbJournal) again = NULL;
  g_autoptr(MbConversation) conversation = NULL;
  g_autoptr(MbConversation) reread = NULL;
  MbScriptStep *step;

  g_assert_true (g_file_get_contents (source, &text, NULL, NULL));
  g_assert_cmpint (g_mkdir_with_parents (scripts, 0700), ==, 0);
  g_assert_true (g_file_set_contents (script_path, text, -1, NULL));
  script = mb_script_new_from_file (script_file, NULL, NULL);
  conversation = mb_conversation_new ("p", script, NULL);
  mb_journal_add_conversation (journal, conversation);
  g_assert_true (mb_journal_flush (journal));

  /* The script goes; the conversation still reads as it was held. */
  g_assert_cmpint (g_unlink (script_path), ==, 0);
  again = open_journal ();
  reread = g_list_model_get_item (mb_journal_get_conversations (again), 0);
  step = g_ptr_array_index (mb_script_get_steps (mb_conversation_get_script (reread)), 0);
  g_assert_cmpstr (mb_script_step_get_id (step), ==, "open");
  g_assert_cmpstr (mb_localized_get (mb_script_get_title (mb_conversation_get_script (reread))),
                   ==, "Test script");
}

static void
test_flush (void)
{
  g_autoptr(MbJournal) journal = open_journal ();
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) conversation = mb_conversation_new ("p", script, NULL);
  g_autoptr(GFile) file = conversation_file (conversation);
  g_autofree char *contents = NULL;

  mb_journal_add_conversation (journal, conversation);
  mb_conversation_set_text (conversation, MB_TEXT_REFLECTION, "listened", "Typed just before quitting");

  /* On quit, nothing waits for the autosave delay. */
  g_assert_true (mb_journal_flush (journal));
  g_assert_true (g_file_get_contents (g_file_peek_path (file), &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Typed just before quitting"));
  g_assert_cmpint (mb_journal_get_save_state (journal, G_OBJECT (conversation)), ==, MB_SAVE_STATE_SAVED);
}

static void
test_newest_first (void)
{
  g_autoptr(MbJournal) journal = open_journal ();
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(GDateTime) monday = g_date_time_new_local (2026, 11, 23, 9, 0, 0);
  g_autoptr(GDateTime) friday = g_date_time_new_local (2026, 11, 27, 9, 0, 0);
  g_autoptr(MbConversation) early = mb_conversation_new ("p", script, monday);
  g_autoptr(MbConversation) late = mb_conversation_new ("p", script, friday);
  g_autoptr(MbConversation) first = NULL;

  mb_journal_add_conversation (journal, early);
  mb_journal_add_conversation (journal, late);
  first = g_list_model_get_item (mb_journal_get_conversations (journal), 0);
  g_assert_true (first == late);
  g_assert_true (mb_journal_flush (journal));
}

static void
type_a_letter (MbConversation *conversation)
{
  g_autofree char *text = g_strconcat (mb_conversation_get_text (conversation, MB_TEXT_PREPARATION_NOTES, NULL),
                                       "a", NULL);

  mb_conversation_set_text (conversation, MB_TEXT_PREPARATION_NOTES, NULL, text);
}

static void
test_saved_while_typing (void)
{
  g_autoptr(MbJournal) journal = open_journal ();
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) conversation = mb_conversation_new ("p", script, NULL);
  MbSaveTiming timing = MB_SAVE_TIMING_INIT;
  gint64 start;

  timing.clock = test_clock;
  mb_journal_set_save_timing (journal, &timing);
  mb_journal_add_conversation (journal, conversation);
  g_assert_true (mb_journal_flush (journal));

  /* Someone typing without a pause, a letter every 100 ms on the test's
   * clock: their words still reach the disk, not only when they stop,
   * at the latest once the first unsaved letter has waited the maximum.
   */
  start = test_now;
  for (;;)
    {
      type_a_letter (conversation);
      /* Whatever is due now, an iteration at a time, until the save starts. */
      while (mb_journal_get_save_state (journal, G_OBJECT (conversation)) != MB_SAVE_STATE_SAVING &&
             g_main_context_iteration (NULL, FALSE))
        ;
      if (mb_journal_get_save_state (journal, G_OBJECT (conversation)) == MB_SAVE_STATE_SAVING)
        break;
      test_now += 100 * G_TIME_SPAN_MILLISECOND;
      g_assert_cmpint (test_now - start, <=, MB_JOURNAL_MAX_DELAY_MS * G_TIME_SPAN_MILLISECOND);
    }
  g_assert_true (mb_journal_flush (journal));
}

static gboolean
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                    G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                                                    NULL, NULL);
  GFile *child;

  while (children != NULL && g_file_enumerator_iterate (children, NULL, &child, NULL, NULL) && child != NULL)
    remove_tree (child);

  return g_file_delete (file, NULL, NULL);
}

static void
test_folder_removed_halfway (void)
{
  g_autoptr(MbJournal) journal = open_journal ();
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) conversation = mb_conversation_new ("p", script, NULL);
  g_autoptr(GFile) dir = journal_dir ();
  g_autoptr(GFile) file = conversation_file (conversation);
  g_autofree char *contents = NULL;

  mb_journal_add_conversation (journal, conversation);
  g_assert_true (mb_journal_flush (journal));

  /* Someone removes the whole data folder while Marbles runs. */
  g_assert_true (remove_tree (dir));
  mb_conversation_set_text (conversation, MB_TEXT_PREPARATION, "facts", "Written after the folder went");
  wait_for_state (journal, G_OBJECT (conversation), MB_SAVE_STATE_SAVED);

  /* It is made again, private, with the latest text. */
  g_assert_cmpuint (mode_of (dir), ==, 0700);
  g_assert_true (g_file_get_contents (g_file_peek_path (file), &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Written after the folder went"));
}

static void
test_delete_and_undo (void)
{
  g_autoptr(MbJournal) journal = open_journal ();
  g_autoptr(MbJournal) again = NULL;
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) conversation = mb_conversation_new ("p", script, NULL);
  g_autoptr(MbConversation) busy = mb_conversation_new ("p", script, NULL);
  g_autoptr(GFile) file = conversation_file (conversation);
  g_autoptr(GFile) busy_file = conversation_file (busy);
  g_autoptr(GError) error = NULL;

  mb_journal_add_conversation (journal, conversation);
  mb_conversation_set_text (conversation, MB_TEXT_PREPARATION, "facts", "To be deleted");
  g_assert_true (mb_journal_flush (journal));
  g_assert_true (g_file_query_exists (file, NULL));

  /* Deleted: gone from the list and from disk. */
  g_assert_true (mb_journal_delete_conversation (journal, conversation, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_conversations (journal)), ==, 0);
  g_assert_false (g_file_query_exists (file, NULL));

  /* Changes to it are no longer saved. */
  mb_conversation_set_text (conversation, MB_TEXT_PREPARATION, "facts", "Edited after");
  g_assert_true (mb_journal_flush (journal));
  g_assert_false (g_file_query_exists (file, NULL));

  /* Undo writes it back, with everything in it. */
  mb_journal_add_conversation (journal, conversation);
  g_assert_true (mb_journal_flush (journal));
  again = open_journal ();
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_conversations (again)), ==, 1);

  /* Deleted while its write is under way: still nothing left behind. */
  mb_journal_add_conversation (journal, busy);
  mb_journal_save_now (journal, G_OBJECT (busy));
  g_assert_cmpint (mb_journal_get_save_state (journal, G_OBJECT (busy)), ==, MB_SAVE_STATE_SAVING);
  g_assert_true (mb_journal_delete_conversation (journal, busy, &error));
  g_assert_true (mb_journal_flush (journal));
  g_assert_false (g_file_query_exists (busy_file, NULL));
}

static void
test_brief (void)
{
  g_autoptr(MbJournal) journal = open_journal ();
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(GDateTime) october = g_date_time_new_local (2026, 10, 1, 9, 0, 0);
  g_autoptr(GDateTime) november = g_date_time_new_local (2026, 11, 1, 9, 0, 0);
  g_autoptr(GDateTime) december = g_date_time_new_local (2026, 12, 1, 9, 0, 0);
  g_autoptr(MbConversation) first = mb_conversation_new ("sanne", script, october);
  g_autoptr(MbConversation) second = mb_conversation_new ("sanne", script, november);
  g_autoptr(MbConversation) other = mb_conversation_new ("ahmed", script, november);
  g_autoptr(MbConversation) next = mb_conversation_new ("sanne", script, december);
  g_autoptr(MbBrief) brief = NULL;
  g_autoptr(MbBrief) first_brief = NULL;

  mb_conversation_set_text (first, MB_TEXT_REFLECTION, "listened", "Not enough.");
  mb_conversation_add_agreement (first, "They send the report", MB_PROMISED_BY_THEM, NULL);
  mb_agreement_set_status (mb_conversation_add_agreement (first, "Kept one", MB_PROMISED_BY_ME, NULL),
                           MB_AGREEMENT_KEPT);
  mb_conversation_add_agreement (second, "I book the training", MB_PROMISED_BY_ME, NULL);
  mb_conversation_add_marble (first, TRUE, "Came on time");
  mb_conversation_add_marble (second, TRUE, "Listened");
  mb_conversation_add_marble (second, FALSE, "Cancelled");
  mb_conversation_add_agreement (other, "Someone else's", MB_PROMISED_BY_ME, NULL);
  mb_conversation_add_marble (other, TRUE, "Not Sanne's jar");
  mb_journal_add_conversation (journal, first);
  mb_journal_add_conversation (journal, second);
  mb_journal_add_conversation (journal, other);
  mb_journal_add_conversation (journal, next);

  brief = mb_journal_get_brief (journal, next);
  g_assert_true (brief->previous == second);
  g_assert_true (brief->reflected == first);   /* the last one with a reflection */
  g_assert_cmpuint (brief->marbles_in, ==, 2);
  g_assert_cmpuint (brief->marbles_out, ==, 1);
  /* Only Sanne's open promises, the leader's own first. */
  g_assert_cmpuint (brief->open_agreements->len, ==, 2);
  g_assert_cmpstr (mb_agreement_get_text (g_ptr_array_index (brief->open_agreements, 0)), ==, "I book the training");
  g_assert_cmpstr (mb_agreement_get_text (g_ptr_array_index (brief->open_agreements, 1)), ==, "They send the report");

  /* A value chosen on a scale is a reflection too. */
  {
    g_autoptr(MbScript) scales = load_script ("scales.json");
    g_autoptr(GDateTime) late_november = g_date_time_new_local (2026, 11, 20, 9, 0, 0);
    g_autoptr(MbConversation) rated = mb_conversation_new ("sanne", scales, late_november);
    g_autoptr(MbBrief) rated_brief = NULL;

    mb_conversation_set_scale (rated, "listened-scale", 4);
    mb_journal_add_conversation (journal, rated);
    rated_brief = mb_journal_get_brief (journal, next);
    g_assert_true (rated_brief->reflected == rated);
    g_assert_true (mb_journal_delete_conversation (journal, rated, NULL));
  }

  /* The first conversation has nothing before it. */
  first_brief = mb_journal_get_brief (journal, first);
  g_assert_null (first_brief->previous);
  g_assert_cmpuint (first_brief->open_agreements->len, ==, 0);
  g_assert_true (mb_journal_flush (journal));
}

static guint
count_found (MbJournal            *journal,
             const char           *query,
             const MbSearchFilter *filter)
{
  g_autoptr(GPtrArray) results = mb_journal_search (journal, query, filter, 100);

  return results->len;
}

/* A value chosen on a scale is found by the words of its question, in
 * the reflection, and only once chosen.
 */
static void
test_search_scales (void)
{
  g_autoptr(MbJournal) journal = open_journal ();
  g_autoptr(MbScript) script = load_script ("scales.json");
  g_autoptr(MbConversation) conversation = mb_conversation_new ("sanne", script, NULL);
  g_autoptr(GPtrArray) results = NULL;
  MbSearchResult *result;
  MbSearchFilter filter = MB_SEARCH_FILTER_INIT;

  mb_journal_add_conversation (journal, conversation);
  g_assert_cmpuint (count_found (journal, "how well listen", NULL), ==, 0);

  mb_conversation_set_scale (conversation, "listened-scale", 2);
  filter.phase = MB_PHASE_REFLECT;
  results = mb_journal_search (journal, "how well listen", &filter, 100);
  g_assert_cmpuint (results->len, ==, 1);
  result = g_ptr_array_index (results, 0);
  g_assert_cmpint (result->phase, ==, MB_PHASE_REFLECT);
  g_assert_cmpstr (result->snippet, ==, "How well did I listen? 2 of 5 (from “Hardly” to “The whole time”)");
  filter.phase = MB_PHASE_TALK;
  g_assert_cmpuint (count_found (journal, "listen", &filter), ==, 0);
  g_assert_true (mb_journal_flush (journal));
}

/* A search sees the journal as it is now: a conversation added, deleted
 * or written in since the last search, and a person renamed.
 */
static void
test_search_after_changes (void)
{
  g_autoptr(MbJournal) journal = open_journal ();
  g_autoptr(MbScript) script = load_script ("full.json");
  MbPerson *sanne = mb_journal_add_person (journal, "Sanne Müller", NULL);
  g_autoptr(MbConversation) first = mb_conversation_new (mb_person_get_id (sanne), script, NULL);
  g_autoptr(MbConversation) second = mb_conversation_new (mb_person_get_id (sanne), script, NULL);
  g_autoptr(GError) error = NULL;

  mb_conversation_set_text (first, MB_TEXT_PREPARATION, "facts", "The budget was late.");
  mb_journal_add_conversation (journal, first);
  g_assert_cmpuint (count_found (journal, "budget", NULL), ==, 1);
  g_assert_cmpuint (count_found (journal, "roadmap", NULL), ==, 0);

  mb_conversation_set_text (second, MB_TEXT_PREPARATION, "facts", "The budget and the roadmap.");
  mb_journal_add_conversation (journal, second);
  g_assert_cmpuint (count_found (journal, "budget", NULL), ==, 2);
  g_assert_cmpuint (count_found (journal, "roadmap", NULL), ==, 1);

  mb_conversation_set_text (first, MB_TEXT_PREPARATION, "facts", "The roadmap was late.");
  g_assert_cmpuint (count_found (journal, "roadmap", NULL), ==, 2);
  g_assert_cmpuint (count_found (journal, "sanne roadmap", NULL), ==, 2);

  mb_person_set_name (sanne, "Sanne de Wit");
  g_assert_cmpuint (count_found (journal, "muller roadmap", NULL), ==, 0);
  g_assert_cmpuint (count_found (journal, "wit roadmap", NULL), ==, 2);

  g_assert_true (mb_journal_delete_conversation (journal, second, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_found (journal, "roadmap", NULL), ==, 1);
  g_assert_true (mb_journal_flush (journal));
}

/* After a load the search is prepared behind the list; a conversation
 * written in meanwhile is searched as it is now, not as it was read.
 */
static void
test_search_ready (void)
{
  g_autoptr(MbJournal) journal = open_journal ();
  g_autoptr(MbScript) script = load_script ("full.json");
  MbConversation *changed = NULL;
  guint n = 450;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MbConversation) conversation = mb_conversation_new ("sanne", script, NULL);

      mb_conversation_set_text (conversation, MB_TEXT_PREPARATION, "facts", i == 0 ? "The budget." : "A deadline.");
      mb_journal_add_conversation (journal, conversation);
    }
  g_assert_true (mb_journal_flush (journal));
  g_clear_object (&journal);

  journal = open_journal ();
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_conversations (journal)), ==, n);
  g_assert_false (mb_journal_is_search_ready (journal));
  for (guint i = 0; i < n && changed == NULL; i++)
    {
      g_autoptr(MbConversation) conversation = g_list_model_get_item (mb_journal_get_conversations (journal), i);

      if (mb_conversation_matches (conversation, NULL, (const char * const[]) { "budget", NULL }, -1))
        changed = conversation;
    }
  g_assert_nonnull (changed);
  mb_conversation_set_text (changed, MB_TEXT_PREPARATION, "facts", "The roadmap.");

  while (!mb_journal_is_search_ready (journal))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (count_found (journal, "budget", NULL), ==, 0);
  g_assert_cmpuint (count_found (journal, "roadmap", NULL), ==, 1);
  g_assert_cmpuint (count_found (journal, "deadline", NULL), ==, MIN (n - 1, 100));
  g_assert_true (mb_journal_flush (journal));
}

static void
test_search_filters (void)
{
  g_autoptr(MbJournal) journal = open_journal ();
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(GDateTime) october = g_date_time_new_local (2026, 10, 1, 9, 0, 0);
  g_autoptr(GDateTime) november = g_date_time_new_local (2026, 11, 30, 23, 30, 0);
  MbPerson *sanne = mb_journal_add_person (journal, "Sanne Müller", NULL);
  g_autoptr(MbConversation) first = mb_conversation_new (mb_person_get_id (sanne), script, october);
  g_autoptr(MbConversation) second = mb_conversation_new ("ahmed", script, november);
  g_autoptr(GDate) day = g_date_new_dmy (30, G_DATE_NOVEMBER, 2026);
  g_autoptr(GPtrArray) results = NULL;
  MbSearchResult *result;
  MbSearchFilter filter = MB_SEARCH_FILTER_INIT;

  mb_conversation_set_text (first, MB_TEXT_PREPARATION, "facts", "The budget was late.");
  mb_conversation_set_text (first, MB_TEXT_REFLECTION, "listened", "I spoke about the Budget too much.");
  mb_conversation_set_text (second, MB_TEXT_STEP_NOTES, "open", "Budget again, and the roadmap.");
  mb_journal_add_conversation (journal, first);
  mb_journal_add_conversation (journal, second);

  /* Newest first, with the place found; the person's name counts. */
  results = mb_journal_search (journal, "BUDGET", NULL, 100);
  g_assert_cmpuint (results->len, ==, 2);
  result = g_ptr_array_index (results, 0);
  g_assert_true (result->conversation == second);
  g_assert_cmpint (result->phase, ==, MB_PHASE_TALK);
  g_assert_cmpstr (result->snippet, ==, "Budget again, and the roadmap.");
  g_assert_cmpuint (count_found (journal, "muller budget", NULL), ==, 1);
  g_assert_cmpuint (count_found (journal, "", NULL), ==, 0);

  /* By person: with words, and without any. */
  filter.person_id = mb_person_get_id (sanne);
  g_assert_cmpuint (count_found (journal, "budget", &filter), ==, 1);
  g_assert_cmpuint (count_found (journal, "roadmap", &filter), ==, 0);
  g_assert_cmpuint (count_found (journal, "", &filter), ==, 1);
  filter.person_id = NULL;

  /* By script. */
  filter.script_id = "test-script";
  g_assert_cmpuint (count_found (journal, "budget", &filter), ==, 2);
  filter.script_id = "another-script";
  g_assert_cmpuint (count_found (journal, "budget", &filter), ==, 0);
  filter.script_id = NULL;

  /* By phase: the words must be in what was written then, and the
   * result opens there.
   */
  filter.phase = MB_PHASE_REFLECT;
  g_clear_pointer (&results, g_ptr_array_unref);
  results = mb_journal_search (journal, "budget", &filter, 100);
  g_assert_cmpuint (results->len, ==, 1);
  result = g_ptr_array_index (results, 0);
  g_assert_true (result->conversation == first);
  g_assert_cmpint (result->phase, ==, MB_PHASE_REFLECT);
  g_assert_nonnull (strstr (result->snippet, "spoke about the Budget"));
  g_assert_cmpuint (count_found (journal, "roadmap", &filter), ==, 0);
  g_assert_cmpuint (count_found (journal, "sanne", &filter), ==, 0);  /* names are not written in a phase */
  filter.phase = MB_PHASE_PREPARE;
  g_assert_cmpuint (count_found (journal, "budget late", &filter), ==, 1);
  g_assert_cmpuint (count_found (journal, "budget much", &filter), ==, 0);
  filter.phase = -1;

  /* By date: whole days, both ends included. */
  filter.from = day;
  g_assert_cmpuint (count_found (journal, "budget", &filter), ==, 1);
  filter.from = NULL;
  filter.to = day;
  g_assert_cmpuint (count_found (journal, "budget", &filter), ==, 2);
  g_date_subtract_days (day, 1);
  g_assert_cmpuint (count_found (journal, "budget", &filter), ==, 1);
  filter.to = NULL;

  /* At most as many as asked for. */
  g_clear_pointer (&results, g_ptr_array_unref);
  results = mb_journal_search (journal, "budget", NULL, 1);
  g_assert_cmpuint (results->len, ==, 1);
  g_assert_true (mb_journal_flush (journal));
}

/* A journal large enough to be searched by several threads finds the
 * same as one by one: the newest first, up to the most asked for.
 */
static void
test_search_large (void)
{
  g_autoptr(MbJournal) journal = open_journal ();
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) few = NULL;
  MbPerson *sanne = mb_journal_add_person (journal, "Sanne", NULL);

  for (guint i = 0; i < 3000; i++)
    {
      g_autoptr(GDateTime) when = g_date_time_new_local (2020, 1, 1, 9, 0, 0);
      g_autoptr(GDateTime) later = g_date_time_add_hours (when, i);
      g_autoptr(MbConversation) conversation = mb_conversation_new (mb_person_get_id (sanne), script, later);
      g_autofree char *notes = g_strdup_printf ("Number %u.%s", i, i % 7 == 0 ? " The budget again." : "");

      mb_conversation_set_text (conversation, MB_TEXT_STEP_NOTES, "open", notes);
      mb_journal_add_conversation (journal, conversation);
    }

  /* Every seventh, newest first: 2996, 2989, … */
  results = mb_journal_search (journal, "budget", NULL, 10000);
  g_assert_cmpuint (results->len, ==, (3000 + 6) / 7);
  for (guint i = 0; i < results->len; i++)
    {
      MbSearchResult *result = g_ptr_array_index (results, i);
      g_autofree char *expected = g_strdup_printf ("Number %u. The budget again.", 2996 - 7 * i);

      g_assert_cmpstr (result->snippet, ==, expected);
    }

  /* Capped: the newest ones. */
  few = mb_journal_search (journal, "budget", NULL, 5);
  g_assert_cmpuint (few->len, ==, 5);
  g_assert_true (((MbSearchResult *) g_ptr_array_index (few, 4))->conversation ==
                 ((MbSearchResult *) g_ptr_array_index (results, 4))->conversation);
  g_assert_true (mb_journal_flush (journal));
}

/* Every script is searched as Latin is: each word finds the one
 * conversation that has it, whatever its case, accents or points, and
 * the words around it are shown. Folding once turned every letter
 * outside Latin into "?", so any such word found all of them.
 */
static void
test_search_scripts (void)
{
  static const struct
  {
    const char *notes;
    const char *query;
    const char *shown;
  } written[] = {
    { "Het budget van het café was te krap.", "CAFE", "café was te krap" },
    { "Мы обсудили бюджет и сроки.", "БЮДЖЕТ", "обсудили бюджет и сроки" },
    { "Μιλήσαμε για την προθεσμία της Ελένης.", "ΠΡΟΘΕΣΜΙΑ", "την προθεσμία της" },
    { "דיברנו על הַתַּקְצִיב שֶׁל הַצֶּוֶות", "התקציב", "הַתַּקְצִיב שֶׁל" },
    { "تحدثنا عن المِيزانِيَّة والموعد", "الميزانية", "المِيزانِيَّة والموعد" },
    { "我们讨论了预算和截止日期。", "预算", "预算和截止日期" },
    { "ガッコウの予定を決めた。", "ｶﾞｯｺｳ", "ガッコウの予定" },
    { "A good talk 🙂 in the end", "🙂", "🙂 in the end" },
    { "Why did the plan slip?", "?", "plan slip?" },
  };
  g_autoptr(MbJournal) journal = open_journal ();
  g_autoptr(MbScript) script = load_script ("full.json");
  MbConversation *conversations[G_N_ELEMENTS (written)];

  for (guint i = 0; i < G_N_ELEMENTS (written); i++)
    {
      conversations[i] = mb_conversation_new ("someone", script, NULL);
      mb_conversation_set_text (conversations[i], MB_TEXT_STEP_NOTES, "open", written[i].notes);
      mb_journal_add_conversation (journal, conversations[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (written); i++)
    {
      g_autoptr(GPtrArray) results = mb_journal_search (journal, written[i].query, NULL, 100);
      MbSearchResult *result;

      g_test_message ("%s", written[i].query);
      g_assert_cmpuint (results->len, ==, 1);
      result = g_ptr_array_index (results, 0);
      g_assert_true (result->conversation == conversations[i]);
      g_assert_nonnull (strstr (result->snippet, written[i].shown));
    }

  /* A word that is nowhere is found nowhere, in any script. */
  g_assert_cmpuint (count_found (journal, "мир", NULL), ==, 0);
  g_assert_cmpuint (count_found (journal, "日本", NULL), ==, 0);
  g_assert_cmpuint (count_found (journal, "😢", NULL), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (written); i++)
    g_object_unref (conversations[i]);
  g_assert_true (mb_journal_flush (journal));
}

/* A person's history: their conversations newest first, their open
 * promises (the leader's first, then the longest waiting) with where
 * each was made, and every marble of their jar.
 */
/* The script to offer first for the next conversation with someone. */
static void
test_last_script (void)
{
  g_autoptr(MbJournal) journal = open_journal ();
  g_autoptr(MbScript) full = load_script ("full.json");
  g_autoptr(MbScript) minimal = load_script ("minimal.json");
  g_autoptr(GDateTime) october = g_date_time_new_local (2026, 10, 1, 9, 0, 0);
  g_autoptr(GDateTime) november = g_date_time_new_local (2026, 11, 1, 9, 0, 0);
  MbPerson *sanne = mb_journal_add_person (journal, "Sanne", NULL);
  MbPerson *ahmed = mb_journal_add_person (journal, "Ahmed", NULL);
  MbPerson *nobody = mb_journal_add_person (journal, "Nobody yet", NULL);
  g_autoptr(MbConversation) first = mb_conversation_new (mb_person_get_id (sanne), minimal, october);
  g_autoptr(MbConversation) second = mb_conversation_new (mb_person_get_id (sanne), full, november);
  g_autoptr(MbConversation) other = mb_conversation_new (mb_person_get_id (ahmed), minimal, october);

  mb_journal_add_conversation (journal, second);
  mb_journal_add_conversation (journal, first);
  mb_journal_add_conversation (journal, other);

  g_assert_cmpstr (mb_journal_get_last_script_id (journal, sanne), ==, "test-script");
  g_assert_cmpstr (mb_journal_get_last_script_id (journal, ahmed), ==, "minimal");
  g_assert_null (mb_journal_get_last_script_id (journal, nobody));
}

static void
test_history (void)
{
  g_autoptr(MbJournal) journal = open_journal ();
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(GDateTime) october = g_date_time_new_local (2026, 10, 1, 9, 0, 0);
  g_autoptr(GDateTime) november = g_date_time_new_local (2026, 11, 1, 9, 0, 0);
  MbPerson *sanne = mb_journal_add_person (journal, "Sanne", NULL);
  g_autoptr(MbConversation) first = mb_conversation_new (mb_person_get_id (sanne), script, october);
  g_autoptr(MbConversation) second = mb_conversation_new (mb_person_get_id (sanne), script, november);
  g_autoptr(MbConversation) other = mb_conversation_new ("someone-else", script, november);
  g_autoptr(MbHistory) history = NULL;

  mb_conversation_add_agreement (first, "Theirs, October", MB_PROMISED_BY_THEM, NULL);
  mb_conversation_add_agreement (first, "Mine, October", MB_PROMISED_BY_ME, NULL);
  mb_agreement_set_status (mb_conversation_add_agreement (first, "Kept", MB_PROMISED_BY_ME, NULL), MB_AGREEMENT_KEPT);
  mb_conversation_add_agreement (second, "Mine, November", MB_PROMISED_BY_ME, NULL);
  mb_conversation_add_agreement (other, "Not Sanne's", MB_PROMISED_BY_ME, NULL);
  mb_conversation_add_marble (first, TRUE, "In");
  mb_conversation_add_marble (second, FALSE, "Out");
  mb_conversation_add_marble (second, TRUE, "In again");
  mb_conversation_add_marble (other, TRUE, "Not in Sanne's jar");
  mb_journal_add_conversation (journal, first);
  mb_journal_add_conversation (journal, second);
  mb_journal_add_conversation (journal, other);

  history = mb_journal_get_history (journal, sanne);
  g_assert_cmpuint (history->conversations->len, ==, 2);
  g_assert_true (g_ptr_array_index (history->conversations, 0) == second);
  g_assert_cmpuint (history->open_agreements->len, ==, 3);
  g_assert_cmpstr (mb_agreement_get_text (g_ptr_array_index (history->open_agreements, 0)), ==, "Mine, October");
  g_assert_cmpstr (mb_agreement_get_text (g_ptr_array_index (history->open_agreements, 1)), ==, "Mine, November");
  g_assert_cmpstr (mb_agreement_get_text (g_ptr_array_index (history->open_agreements, 2)), ==, "Theirs, October");
  g_assert_true (g_ptr_array_index (history->agreed_in, 1) == second);
  g_assert_true (g_ptr_array_index (history->agreed_in, 2) == first);
  g_assert_cmpuint (history->marbles_in, ==, 2);
  g_assert_cmpuint (history->marbles_out, ==, 1);
  g_assert_cmpuint (history->marble_times->len, ==, 3);
  g_assert_cmpint (g_array_index (history->marble_deltas, int, 0) + g_array_index (history->marble_deltas, int, 1) +
                   g_array_index (history->marble_deltas, int, 2), ==, 1);
  g_assert_true (mb_journal_flush (journal));
}

static gboolean
tree_contains (GFile      *dir,
               const char *text)
{
  g_autoptr(GFileEnumerator) children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                                                    G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                                                    G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                                                    NULL, NULL);
  GFileInfo *info;
  GFile *child;

  while (children != NULL && g_file_enumerator_iterate (children, &info, &child, NULL, NULL) && child != NULL)
    {
      g_autofree char *contents = NULL;

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        {
          if (tree_contains (child, text))
            return TRUE;
        }
      else if (g_file_get_contents (g_file_peek_path (child), &contents, NULL, NULL) &&
               strstr (contents, text) != NULL)
        {
          return TRUE;
        }
    }

  return FALSE;
}

static void
test_forget_person (void)
{
  g_autoptr(MbJournal) journal = open_journal ();
  g_autoptr(MbJournal) again = NULL;
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) first = NULL;
  g_autoptr(MbConversation) second = NULL;
  g_autoptr(MbConversation) other = NULL;
  g_autoptr(GFile) dir = journal_dir ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  MbPerson *sanne = mb_journal_add_person (journal, "Sanne-To-Forget", "Role-To-Forget");
  MbPerson *ahmed = mb_journal_add_person (journal, "Ahmed", NULL);
  guint conversations, agreements, marbles;

  id = g_strdup (mb_person_get_id (sanne));
  first = mb_conversation_new (id, script, NULL);
  second = mb_conversation_new (id, script, NULL);
  other = mb_conversation_new (mb_person_get_id (ahmed), script, NULL);
  mb_conversation_set_text (first, MB_TEXT_PREPARATION, "facts", "Note-To-Forget");
  mb_conversation_add_agreement (first, "Promise-To-Forget", MB_PROMISED_BY_ME, NULL);
  mb_conversation_add_agreement (second, "Another-To-Forget", MB_PROMISED_BY_THEM, NULL);
  mb_conversation_add_marble (second, TRUE, "Marble-To-Forget");
  mb_journal_add_conversation (journal, first);
  mb_journal_add_conversation (journal, second);
  mb_journal_add_conversation (journal, other);
  g_assert_true (mb_journal_flush (journal));
  g_assert_true (tree_contains (dir, "To-Forget"));

  mb_journal_count_about (journal, sanne, &conversations, &agreements, &marbles);
  g_assert_cmpuint (conversations, ==, 2);
  g_assert_cmpuint (agreements, ==, 2);
  g_assert_cmpuint (marbles, ==, 1);

  g_assert_true (mb_journal_forget_person (journal, sanne, &error));
  g_assert_no_error (error);
  g_assert_true (mb_journal_flush (journal));

  /* Not a trace left on disk: no name, no id, no note; Ahmed stays. */
  g_assert_false (tree_contains (dir, "To-Forget"));
  g_assert_false (tree_contains (dir, id));
  again = open_journal ();
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_people (again)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_conversations (again)), ==, 1);
}

/* What the list of people shows: for each person with conversations,
 * when the last one held was, when the next planned one is, and how many
 * of their agreements are still open.
 */
static void
test_summarize_people (void)
{
  g_autoptr(MbJournal) journal = open_journal ();
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 11, 30, 12, 0, 0);
  g_autoptr(GDateTime) long_ago = g_date_time_new_local (2026, 10, 1, 9, 0, 0);
  g_autoptr(GDateTime) last_week = g_date_time_new_local (2026, 11, 23, 9, 0, 0);
  g_autoptr(GDateTime) tomorrow = g_date_time_new_local (2026, 12, 1, 9, 0, 0);
  g_autoptr(GDateTime) next_month = g_date_time_new_local (2026, 12, 28, 9, 0, 0);
  g_autoptr(MbConversation) noors = NULL;
  g_autoptr(GHashTable) summaries = NULL;
  MbPerson *sanne = mb_journal_add_person (journal, "Sanne", NULL);
  MbPerson *ahmed = mb_journal_add_person (journal, "Ahmed", NULL);
  MbPerson *noor = mb_journal_add_person (journal, "Noor", NULL);
  GDateTime *whens[] = { long_ago, last_week, next_month, tomorrow };
  MbPersonSummary *one;

  for (guint i = 0; i < G_N_ELEMENTS (whens); i++)
    {
      g_autoptr(MbConversation) conversation = mb_conversation_new (mb_person_get_id (sanne), script, whens[i]);
      MbAgreement *agreement = mb_conversation_add_agreement (conversation, "Kept", MB_PROMISED_BY_ME, NULL);

      mb_agreement_set_status (agreement, MB_AGREEMENT_KEPT);
      mb_conversation_add_agreement (conversation, "Open", MB_PROMISED_BY_THEM, NULL);
      mb_journal_add_conversation (journal, conversation);
    }
  noors = mb_conversation_new (mb_person_get_id (noor), script, tomorrow);
  mb_journal_add_conversation (journal, noors);

  summaries = mb_journal_summarize_people (journal, now);
  g_assert_cmpuint (g_hash_table_size (summaries), ==, 2);

  one = g_hash_table_lookup (summaries, mb_person_get_id (sanne));
  g_assert_nonnull (one);
  g_assert_true (g_date_time_equal (one->last, last_week));
  g_assert_true (g_date_time_equal (one->next, tomorrow));
  g_assert_cmpuint (one->open_agreements, ==, 4);

  /* Only planned, nothing promised. */
  one = g_hash_table_lookup (summaries, mb_person_get_id (noor));
  g_assert_nonnull (one);
  g_assert_null (one->last);
  g_assert_true (g_date_time_equal (one->next, tomorrow));
  g_assert_cmpuint (one->open_agreements, ==, 0);

  /* No conversations, no summary. */
  g_assert_null (g_hash_table_lookup (summaries, mb_person_get_id (ahmed)));
  g_assert_true (mb_journal_flush (journal));
}

/* Everything logged, to check that no private text ends up in a log;
 * loading threads log too.
 */
static GString *logged;
static GMutex logged_lock;

static GLogWriterOutput
capture_log (GLogLevelFlags   level,
             const GLogField *fields,
             gsize            n_fields,
             gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "MESSAGE"))
        {
          g_mutex_lock (&logged_lock);
          g_string_append_printf (logged, "%s\n", (const char *) fields[i].value);
          g_mutex_unlock (&logged_lock);
        }
    }

  return g_log_writer_default (level, fields, n_fields, user_data);
}

static void
test_nothing_private_logged (void)
{
  g_autoptr(MbJournal) journal = open_journal ();
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) conversation = NULL;
  g_autoptr(GFile) dir = journal_dir ();
  g_autoptr(GFile) blocker = g_file_get_child (dir, "conversations");
  MbPerson *person;

  g_assert_cmpint (g_mkdir_with_parents (g_file_peek_path (dir), 0700), ==, 0);
  g_assert_true (g_file_set_contents (g_file_peek_path (blocker), "in the way", -1, NULL));
  g_string_truncate (logged, 0);

  /* Saving fails, and is logged: the log names the file, not the words. */
  person = mb_journal_add_person (journal, "Private Person-Name", "Secret role");
  conversation = mb_conversation_new (mb_person_get_id (person), script, NULL);
  mb_journal_add_conversation (journal, conversation);
  mb_conversation_set_text (conversation, MB_TEXT_REFLECTION, "listened", "PRIVATE-NOTE: I was unfair to her");
  mb_conversation_add_agreement (conversation, "PRIVATE-PROMISE", MB_PROMISED_BY_ME, NULL);
  wait_for_state (journal, G_OBJECT (conversation), MB_SAVE_STATE_FAILED);
  g_assert_false (mb_journal_flush (journal));

  g_assert_cmpstr (logged->str, !=, "");
  g_assert_null (strstr (logged->str, "PRIVATE"));
  g_assert_null (strstr (logged->str, "Private Person-Name"));
  g_assert_null (strstr (logged->str, "Secret role"));

  g_assert_cmpint (g_unlink (g_file_peek_path (blocker)), ==, 0);
  g_assert_true (mb_journal_flush (journal));
}

static void
journal_finalized_cb (gpointer  data,
                      GObject  *where_the_object_was)
{
  g_atomic_pointer_set ((GThread **) data, g_thread_self ());
  g_main_context_wakeup (NULL);
}

static gpointer
let_go_cb (gpointer data)
{
  g_object_unref (data);
  return NULL;
}

/* The last reference to a journal can be a task's, let go in a worker:
 * the journal, with its sources and monitors, is disposed of in the
 * thread that made it, not there.
 */
static void
test_let_go_in_a_worker (void)
{
  MbJournal *journal = open_journal ();
  GTask *task;
  GThread *finalized_in = NULL;

  /* Until the tasks of the load and the search are let go. */
  while (!mb_journal_is_search_ready (journal))
    g_main_context_iteration (NULL, TRUE);
  while (g_atomic_int_get (&G_OBJECT (journal)->ref_count) > 1)
    {
      g_main_context_iteration (NULL, FALSE);
      g_thread_yield ();
    }

  /* A task that has reported back, and whose worker lets go of it last,
   * after the test has let go of the journal.
   */
  task = mb_journal_task_new (journal, NULL, NULL, NULL);
  g_task_return_boolean (task, TRUE);
  while (!g_task_get_completed (task))
    g_main_context_iteration (NULL, TRUE);
  g_object_weak_ref (G_OBJECT (journal), journal_finalized_cb, &finalized_in);
  g_object_unref (journal);
  g_thread_join (g_thread_new ("worker", let_go_cb, task));
  g_assert_null (g_atomic_pointer_get (&finalized_in));

  while (g_atomic_pointer_get (&finalized_in) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (finalized_in == g_thread_self ());
}

/* The last texts of a journal let go may go in a worker (its search
 * being prepared, say), after the journal is gone.
 */
static gboolean
no_packed_texts (gpointer data)
{
  return _mb_text_count_blocks () == 0;
}

/* The texts a load reads are packed (see mb_text_begin_packing()); a
 * journal let go, as on locking it, leaves none of them in memory.
 */
static void
test_let_go_of_texts (void)
{
  MbJournal *journal = NULL;
  g_autoptr(MbScript) script = load_script ("full.json");
  GThread *finalized_in = NULL;

  /* None left of the journals of the tests before. */
  wait_until (no_packed_texts, NULL);
  journal = open_journal ();

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(MbConversation) conversation = mb_conversation_new ("sanne", script, NULL);

      mb_conversation_set_text (conversation, MB_TEXT_PREPARATION, "facts", "The budget was late.");
      mb_journal_add_conversation (journal, conversation);
    }
  g_assert_true (mb_journal_flush (journal));
  g_clear_object (&journal);

  journal = open_journal ();
  g_assert_cmpuint (_mb_text_count_blocks (), >, 0);
  g_object_weak_ref (G_OBJECT (journal), journal_finalized_cb, &finalized_in);
  g_object_unref (journal);
  while (g_atomic_pointer_get (&finalized_in) == NULL)
    g_main_context_iteration (NULL, TRUE);
  wait_until (no_packed_texts, NULL);
}

int
main (int   argc,
      char *argv[])
{
  logged = g_string_new (NULL);
  g_log_set_writer_func (capture_log, NULL, NULL);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_data_func ("/journal/save-and-reload/umask-022", GUINT_TO_POINTER (022), test_save_and_reload);
  g_test_add_data_func ("/journal/save-and-reload/umask-077", GUINT_TO_POINTER (077), test_save_and_reload);
  g_test_add_data_func ("/journal/save-and-reload/umask-000", GUINT_TO_POINTER (000), test_save_and_reload);
  g_test_add_func ("/journal/failed-save-keeps-edit", test_failed_save_keeps_edit);
  g_test_add_func ("/journal/damaged-files", test_damaged_files_left_alone);
  g_test_add_func ("/journal/odd-files", test_odd_files_left_alone);
  g_test_add_func ("/journal/people-version-not-a-number", test_people_version_not_a_number);
  g_test_add_func ("/journal/script-removed", test_script_removed);
  g_test_add_func ("/journal/flush", test_flush);
  g_test_add_func ("/journal/brief", test_brief);
  g_test_add_func ("/journal/last-script", test_last_script);
  g_test_add_func ("/journal/history", test_history);
  g_test_add_func ("/journal/search-filters", test_search_filters);
  g_test_add_func ("/journal/search-after-changes", test_search_after_changes);
  g_test_add_func ("/journal/search-ready", test_search_ready);
  g_test_add_func ("/journal/let-go-in-a-worker", test_let_go_in_a_worker);
  g_test_add_func ("/journal/let-go-of-texts", test_let_go_of_texts);
  g_test_add_func ("/journal/search-scales", test_search_scales);
  g_test_add_func ("/journal/search-large", test_search_large);
  g_test_add_func ("/journal/search-scripts", test_search_scripts);
  g_test_add_func ("/journal/forget-person", test_forget_person);
  g_test_add_func ("/journal/summarize-people", test_summarize_people);
  g_test_add_func ("/journal/delete-and-undo", test_delete_and_undo);
  g_test_add_func ("/journal/folder-removed-halfway", test_folder_removed_halfway);
  g_test_add_func ("/journal/nothing-private-logged", test_nothing_private_logged);
  g_test_add_func ("/journal/saved-while-typing", test_saved_while_typing);
  g_test_add_func ("/journal/newest-first", test_newest_first);

  return g_test_run ();
}
