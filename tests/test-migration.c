/* test-migration.c — the way up to a newer format version.
 *
 * Conversations went from format version 1 (a whole copy of the script
 * in each) to 2 (one copy, shared, in conversations/scripts/). For
 * people.json, which is still at version 1, this program is built with
 * the model pretending it writes a version 2 (see tests/meson.build).
 * It reads a journal written in version 1 and checks that the first save
 * of each file keeps the old file beside it, byte for byte, and that
 * putting that copy back gives the old file again, readable by the
 * version that wrote it.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "core-util.h"

G_STATIC_ASSERT (MB_CONVERSATION_FORMAT_VERSION == 2);

/* The conversation's id, of the form Marbles writes and its file's name. */
#define C1 "c1a2b3c4-0000-4000-8000-000000000001"

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static void
write_text (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

/* A version 1 journal as version 1 writes it: Sanne, one conversation. */
static void
write_version_1 (char **people_path,
                 char **conversation_path)
{
  g_autofree char *script_path = g_test_build_filename (G_TEST_DIST, "scripts", "good", "full.json", NULL);
  g_autofree char *script = read_text (script_path);
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "marbles", "conversations", NULL);
  g_autofree char *conversation = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  *people_path = g_build_filename (g_get_user_data_dir (), "marbles", "people.json", NULL);
  *conversation_path = g_build_filename (dir, C1 ".json", NULL);
  write_text (*people_path,
              "{\n  \"format\": \"marbles-people\",\n  \"version\": 1,\n  \"people\": [\n"
              "    { \"id\": \"p1\", \"name\": \"Sanne\", \"role\": \"Designer\","
              " \"created\": \"2026-11-20T10:00:00+01:00\", \"from-version-1\": true }\n  ]\n}\n");
  conversation = g_strdup_printf ("{\n  \"format\": \"marbles-conversation\",\n  \"version\": 1,\n"
                                  "  \"id\": \"" C1 "\",\n  \"person\": \"p1\",\n"
                                  "  \"created\": \"2026-11-23T09:00:00+01:00\",\n  \"phase\": \"talk\",\n"
                                  "  \"step\": 0,\n  \"finished\": false,\n"
                                  "  \"preparation\": { \"answers\": { \"facts\": \"Two late reports.\" } },\n"
                                  "  \"script\": %s\n}\n", script);
  write_text (*conversation_path, conversation);
}

static void
assert_same_file (const char *path,
                  const char *expected)
{
  g_autofree char *text = read_text (path);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_old_files_kept (void)
{
  g_autofree char *people_path = NULL;
  g_autofree char *conversation_path = NULL;
  g_autofree char *people_v1 = NULL;
  g_autofree char *conversation_v1 = NULL;
  g_autofree char *people_backup = NULL;
  g_autofree char *conversation_backup = NULL;
  g_autofree char *saved = NULL;
  g_autoptr(MbJournal) journal = NULL;
  g_autoptr(MbJournal) again = NULL;
  g_autoptr(MbJournal) back = NULL;
  MbConversation *conversation;
  MbPerson *person;

  write_version_1 (&people_path, &conversation_path);
  people_v1 = read_text (people_path);
  conversation_v1 = read_text (conversation_path);
  people_backup = g_strconcat (people_path, ".v1.bak", NULL);
  conversation_backup = g_strconcat (conversation_path, ".v1.bak", NULL);

  /* Read, the old files stay as they are until something changes. */
  journal = open_journal ();
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_problems (journal)), ==, 0);
  conversation = mb_journal_lookup_conversation (journal, C1);
  person = mb_journal_lookup_person (journal, "p1");
  g_assert_cmpuint (mb_conversation_get_file_version (conversation), ==, 1);
  g_assert_true (mb_journal_flush (journal));
  g_assert_false (g_file_test (conversation_backup, G_FILE_TEST_EXISTS));

  /* The first save in the new format keeps the old file beside it. */
  mb_conversation_set_text (conversation, MB_TEXT_STEP_NOTES, "open", "Written in version 2.");
  mb_person_set_role (person, "Lead designer");
  g_assert_true (mb_journal_flush (journal));
  assert_same_file (conversation_backup, conversation_v1);
  assert_same_file (people_backup, people_v1);
  saved = read_text (conversation_path);
  g_assert_nonnull (strstr (saved, "\"version\" : 2"));
  g_assert_nonnull (strstr (saved, "Written in version 2."));
  g_assert_nonnull (strstr (saved, "Two late reports."));
  /* The script is no longer in it, but in the copy it names. */
  g_assert_null (strstr (saved, "marbles-script"));
  {
    const char *checksum;
    g_autofree char *name = NULL;
    g_autofree char *copy_path = NULL;
    g_autofree char *copy = NULL;

    mb_script_get_copy (mb_conversation_get_script (conversation), &checksum);
    g_assert_nonnull (strstr (saved, checksum));
    name = g_strconcat (checksum, ".json", NULL);
    copy_path = g_build_filename (g_get_user_data_dir (), "marbles", "conversations", "scripts", name, NULL);
    copy = read_text (copy_path);
    g_assert_nonnull (strstr (copy, "\"id\" : \"test-script\""));
  }
  g_clear_pointer (&saved, g_free);
  saved = read_text (people_path);
  g_assert_nonnull (strstr (saved, "\"version\" : 2"));
  g_assert_nonnull (strstr (saved, "from-version-1"));

  /* Later saves leave the kept copy alone. */
  mb_conversation_set_text (conversation, MB_TEXT_STEP_NOTES, "open", "Changed again.");
  g_assert_true (mb_journal_flush (journal));
  assert_same_file (conversation_backup, conversation_v1);
  close_journal (&journal);

  /* The journal does not read the kept copies as conversations. */
  again = open_journal ();
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_conversations (again)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_problems (again)), ==, 0);
  g_assert_cmpuint (mb_conversation_get_file_version (mb_journal_lookup_conversation (again, C1)), ==, 2);
  g_assert_cmpstr (mb_conversation_get_text (mb_journal_lookup_conversation (again, C1), MB_TEXT_STEP_NOTES, "open"),
                   ==, "Changed again.");
  close_journal (&again);

  /* And back: the kept copies put in place are the version 1 journal. */
  g_assert_cmpint (g_rename (conversation_backup, conversation_path), ==, 0);
  g_assert_cmpint (g_rename (people_backup, people_path), ==, 0);
  assert_same_file (conversation_path, conversation_v1);
  back = open_journal ();
  g_assert_cmpuint (mb_conversation_get_file_version (mb_journal_lookup_conversation (back, C1)), ==, 1);
  g_assert_cmpstr (mb_conversation_get_text (mb_journal_lookup_conversation (back, C1), MB_TEXT_PREPARATION, "facts"),
                   ==, "Two late reports.");
  g_assert_cmpstr (mb_conversation_get_text (mb_journal_lookup_conversation (back, C1), MB_TEXT_STEP_NOTES, "open"),
                   ==, "");
  g_assert_cmpstr (mb_person_get_role (mb_journal_lookup_person (back, "p1")), ==, "Designer");
}

static void
test_no_copy_no_update (void)
{
  g_autofree char *people_path = NULL;
  g_autofree char *conversation_path = NULL;
  g_autofree char *conversation_v1 = NULL;
  g_autofree char *conversation_backup = NULL;
  g_autofree char *inside = NULL;
  g_autoptr(MbJournal) journal = NULL;
  MbConversation *conversation;

  write_version_1 (&people_path, &conversation_path);
  conversation_v1 = read_text (conversation_path);
  conversation_backup = g_strconcat (conversation_path, ".v1.bak", NULL);
  inside = g_build_filename (conversation_backup, "x", NULL);

  /* Where the copy cannot be made, the old file is not replaced: the
   * save fails, saying why, and the change waits in memory.
   */
  journal = open_journal ();
  conversation = mb_journal_lookup_conversation (journal, C1);
  /* A folder where the copy would go (a read-only folder would not stop
   * the tests, which run as root).
   */
  g_assert_cmpint (g_mkdir (conversation_backup, 0700), ==, 0);
  write_text (inside, "in the way");
  mb_conversation_set_text (conversation, MB_TEXT_STEP_NOTES, "open", "Not yet on disk.");
  g_assert_false (mb_journal_flush (journal));
  g_assert_cmpint (mb_journal_get_save_state (journal, G_OBJECT (conversation)), ==, MB_SAVE_STATE_FAILED);
  g_assert_nonnull (strstr (mb_journal_get_save_error (journal, G_OBJECT (conversation)), "copy of the older file"));
  assert_same_file (conversation_path, conversation_v1);
}

/* Forgetting someone leaves no older copy of a file that named them. */
static void
test_forget_leaves_no_old_copy (void)
{
  g_autofree char *people_path = NULL;
  g_autofree char *conversation_path = NULL;
  g_autofree char *people_backup = NULL;
  g_autofree char *conversation_backup = NULL;
  g_autofree char *people = NULL;
  g_autoptr(MbJournal) journal = NULL;
  g_autoptr(GError) error = NULL;
  MbPerson *sanne;

  write_version_1 (&people_path, &conversation_path);
  people_backup = g_strconcat (people_path, ".v1.bak", NULL);
  conversation_backup = g_strconcat (conversation_path, ".v1.bak", NULL);
  journal = open_journal ();
  sanne = mb_journal_lookup_person (journal, "p1");
  mb_person_set_role (sanne, "Lead designer");
  mb_conversation_set_text (mb_journal_lookup_conversation (journal, C1), MB_TEXT_STEP_NOTES, "open", "Something.");
  g_assert_true (mb_journal_flush (journal));
  g_assert_true (g_file_test (people_backup, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (conversation_backup, G_FILE_TEST_EXISTS));

  g_assert_true (mb_journal_forget_person (journal, sanne, &error));
  g_assert_no_error (error);
  g_assert_true (mb_journal_flush (journal));
  g_assert_false (g_file_test (people_backup, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (conversation_backup, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (conversation_path, G_FILE_TEST_EXISTS));
  people = read_text (people_path);
  g_assert_null (strstr (people, "Sanne"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/migration/old-files-kept", test_old_files_kept);
  g_test_add_func ("/migration/no-copy-no-update", test_no_copy_no_update);
  g_test_add_func ("/migration/forget-leaves-no-old-copy", test_forget_leaves_no_old_copy);

  return g_test_run ();
}
