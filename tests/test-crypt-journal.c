/* test-crypt-journal.c — a journal protected with a passphrase: turning
 * it on and off, unlocking, the recovery key, damaged files, and no
 * plain text of a note anywhere under the data folder.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "core-util.h"
#include "mb-crypt.h"
#include "mb-journal-convert.h"
#include "sync-util.h"

#define SECRET_NOTE   "Anna told me about her burnout"
#define SECRET_NAME   "Annabel Verschuren"
#define PASSPHRASE    "a long walk on the dunes"

static gboolean
timed_out_cb (gpointer data)
{
  g_error ("Timed out waiting for the journal");
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

/* A journal, not loaded: to protect, unlock or unprotect. */
static MbJournal *
closed_journal (void)
{
  g_autoptr(GFile) dir = journal_dir ();

  return mb_journal_new (dir);
}

static void
load (MbJournal *journal)
{
  gboolean done = FALSE;

  mb_journal_set_save_timing (journal, &quick_saves);
  mb_journal_load_async (journal, NULL, journal_loaded_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* A plain journal with a person and a conversation holding the secrets,
 * kept .bak files beside them; returns the conversation's id.
 */
static char *
make_plain_journal (void)
{
  g_autoptr(MbJournal) journal = open_journal ();
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) conversation = NULL;
  g_autoptr(GFile) dir = journal_dir ();
  g_autofree char *bak = NULL;
  g_autofree char *not_chosen = NULL;
  MbPerson *person = mb_journal_add_person (journal, SECRET_NAME, NULL);

  conversation = mb_conversation_new (mb_person_get_id (person), script, NULL);
  mb_conversation_set_text (conversation, MB_TEXT_PREPARATION_NOTES, NULL, SECRET_NOTE);
  mb_journal_add_conversation (journal, conversation);
  g_assert_true (mb_journal_flush (journal));

  bak = g_strdup_printf ("%s/conversations/%s.json.v1.bak", g_file_peek_path (dir),
                         mb_conversation_get_id (conversation));
  not_chosen = g_strdup_printf ("%s/people.json.not-chosen-0123abcd.bak", g_file_peek_path (dir));
  g_assert_true (g_file_set_contents (bak, "{\"notes\": \"" SECRET_NOTE "\"}", -1, NULL));
  g_assert_true (g_file_set_contents (not_chosen, "{\"name\": \"" SECRET_NAME "\"}", -1, NULL));
  return g_strdup (mb_conversation_get_id (conversation));
}

/* Every file under @path, read as bytes: none holds @text. */
static guint
assert_nowhere (const char *path,
                const char *text)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n_files = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_autofree char *contents = NULL;
      gsize len;

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          n_files += assert_nowhere (child, text);
          continue;
        }
      g_assert_true (g_file_get_contents (child, &contents, &len, NULL));
      if (memmem (contents, len, text, strlen (text)) != NULL)
        g_error ("“%s” is in plain text in %s", text, child);
      n_files++;
    }
  return n_files;
}

/* The files this process holds open in its state folder (the merge
 * bases, in a file without a name): none holds @text either.
 */
static void
assert_not_in_open_state_files (const char *text)
{
  g_autoptr(GDir) fds = g_dir_open ("/proc/self/fd", 0, NULL);
  const char *name;

  g_assert_nonnull (fds);
  while ((name = g_dir_read_name (fds)) != NULL)
    {
      g_autofree char *fd_path = g_build_filename ("/proc/self/fd", name, NULL);
      g_autofree char *target = g_file_read_link (fd_path, NULL);
      g_autofree char *contents = NULL;
      gsize len;

      if (target == NULL || !g_str_has_prefix (target, g_get_user_state_dir ()) ||
          !g_file_get_contents (fd_path, &contents, &len, NULL))
        continue;
      if (memmem (contents, len, text, strlen (text)) != NULL)
        g_error ("“%s” is in plain text in %s", text, target);
    }
}

static void
assert_no_plain_text_in_folder (void)
{
  g_autoptr(GFile) dir = journal_dir ();

  g_assert_cmpuint (assert_nowhere (g_file_peek_path (dir), SECRET_NOTE), >=, 5);
  assert_nowhere (g_file_peek_path (dir), SECRET_NAME);
  assert_nowhere (g_file_peek_path (dir), "marbles-conversation");
}

/* Nor in what the journals open here keep aside, their merge bases. */
static void
assert_no_plain_text (void)
{
  assert_no_plain_text_in_folder ();
  assert_not_in_open_state_files (SECRET_NOTE);
  assert_not_in_open_state_files (SECRET_NAME);
}

static GBytes *
read_file (const char *relative)
{
  g_autoptr(GFile) dir = journal_dir ();
  g_autoptr(GFile) file = g_file_resolve_relative_path (dir, relative);

  return g_file_load_bytes (file, NULL, NULL, NULL);
}

static char *
conversation_name (const char *id)
{
  return g_strconcat ("conversations/", id, ".json", NULL);
}

static void
assert_loads (MbJournal  *journal,
              const char *id)
{
  MbConversation *conversation;

  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_problems (journal)), ==, 0);
  conversation = mb_journal_lookup_conversation (journal, id);
  g_assert_nonnull (conversation);
  g_assert_cmpstr (mb_conversation_get_text (conversation, MB_TEXT_PREPARATION_NOTES, NULL), ==, SECRET_NOTE);
  g_assert_nonnull (mb_journal_lookup_person (journal, mb_conversation_get_person_id (conversation)));
  g_assert_cmpstr (mb_person_get_name (mb_journal_lookup_person (journal, mb_conversation_get_person_id (conversation))),
                   ==, SECRET_NAME);
}

/* A protected journal, made from a plain one; returns the recovery key. */
static char *
protect (const char *passphrase)
{
  g_autoptr(MbJournal) journal = closed_journal ();
  g_autoptr(GError) error = NULL;
  char *recovery = NULL;

  g_assert_false (mb_journal_is_protected (journal));
  g_assert_true (mb_journal_protect (journal, passphrase, &recovery, &error));
  g_assert_no_error (error);
  g_assert_true (mb_journal_is_protected (journal));
  g_assert_true (mb_journal_is_unlocked (journal));
  return recovery;
}

static MbJournal *
unlocked_journal (const char *passphrase)
{
  MbJournal *journal = closed_journal ();
  g_autoptr(GError) error = NULL;

  g_assert_true (mb_journal_unlock (journal, passphrase, &error));
  g_assert_no_error (error);
  load (journal);
  return journal;
}

static void
test_on_and_off (void)
{
  g_autofree char *id = make_plain_journal ();
  g_autofree char *name = conversation_name (id);
  g_autofree char *recovery = protect (PASSPHRASE);
  g_autoptr(MbJournal) journal = NULL;
  g_autoptr(MbJournal) plain = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  MbConversation *conversation;

  assert_no_plain_text ();
  bytes = read_file (name);
  g_assert_true (mb_crypt_is_envelope (bytes));
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = read_file (MB_CRYPT_MARKER_NAME);
  g_assert_null (bytes);

  /* Loads, and saves encrypted. */
  journal = unlocked_journal (PASSPHRASE);
  assert_loads (journal, id);
  conversation = mb_journal_lookup_conversation (journal, id);
  mb_conversation_set_text (conversation, MB_TEXT_STEP_NOTES, "open", "She wants to work four days");
  mb_journal_add_person (journal, "Bram", NULL);
  g_assert_true (mb_journal_flush (journal));
  assert_no_plain_text ();
  assert_nowhere (g_file_peek_path (mb_journal_get_dir (journal)), "four days");
  assert_nowhere (g_file_peek_path (mb_journal_get_dir (journal)), "Bram");
  g_clear_object (&journal);

  /* And off again. */
  journal = closed_journal ();
  g_assert_true (mb_journal_unlock (journal, PASSPHRASE, &error));
  g_assert_true (mb_journal_unprotect (journal, &error));
  g_assert_no_error (error);
  g_assert_false (mb_journal_is_protected (journal));
  g_assert_false (mb_journal_is_unlocked (journal));
  bytes = read_file (name);
  g_assert_false (mb_crypt_is_envelope (bytes));
  g_assert_nonnull (memmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "four days", 9));
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = read_file ("people.json.not-chosen-0123abcd.bak");
  g_assert_false (mb_crypt_is_envelope (bytes));

  plain = open_journal ();
  assert_loads (plain, id);
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_people (plain)), ==, 2);
}

static void
test_wrong_passphrase (void)
{
  g_autofree char *id = make_plain_journal ();
  g_autofree char *name = conversation_name (id);
  g_autofree char *recovery = protect (PASSPHRASE);
  g_autoptr(MbJournal) journal = closed_journal ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = read_file (name);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) conversation = NULL;

  g_assert_false (mb_journal_unlock (journal, "a long walk on the dune", &error));
  g_assert_error (error, MB_CRYPT_ERROR, MB_CRYPT_ERROR_WRONG_PASSPHRASE);
  g_assert_false (mb_journal_is_unlocked (journal));
  g_clear_error (&error);

  /* Locked, nothing reads, and nothing is written in plain text. */
  load (journal);
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_conversations (journal)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_problems (journal)), >=, 2);
  conversation = mb_conversation_new ("p", script, NULL);
  mb_conversation_set_text (conversation, MB_TEXT_PREPARATION_NOTES, NULL, SECRET_NOTE " again");
  mb_journal_add_conversation (journal, conversation);
  wait_for_state (journal, G_OBJECT (conversation), MB_SAVE_STATE_FAILED);
  g_assert_nonnull (strstr (mb_journal_get_save_error (journal, G_OBJECT (conversation)), "locked"));
  assert_no_plain_text ();
  after = read_file (name);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_recovery_key (void)
{
  g_autofree char *id = make_plain_journal ();
  g_autofree char *recovery = protect ("forgotten");
  g_autoptr(MbJournal) journal = closed_journal ();
  g_autoptr(MbJournal) again = closed_journal ();
  g_autoptr(GError) error = NULL;

  g_assert_false (mb_journal_recover (journal, "AAAA-BBBB", "new one", &error));
  g_assert_error (error, MB_CRYPT_ERROR, MB_CRYPT_ERROR_WRONG_RECOVERY_KEY);
  g_clear_error (&error);
  g_assert_true (mb_journal_recover (journal, recovery, "new one", &error));
  g_assert_no_error (error);
  load (journal);
  assert_loads (journal, id);

  g_assert_false (mb_journal_unlock (again, "forgotten", &error));
  g_assert_error (error, MB_CRYPT_ERROR, MB_CRYPT_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  g_assert_true (mb_journal_unlock (again, "new one", &error));
  g_assert_no_error (error);
}

/* Only the key file changes; every other file stays byte for byte. */
static void
test_change_passphrase (void)
{
  g_autofree char *id = make_plain_journal ();
  g_autofree char *name = conversation_name (id);
  g_autofree char *recovery = protect ("old");
  g_autoptr(MbJournal) journal = unlocked_journal ("old");
  g_autoptr(MbJournal) again = closed_journal ();
  g_autoptr(GBytes) conversation = read_file (name);
  g_autoptr(GBytes) people = read_file ("people.json");
  g_autoptr(GBytes) key_file = read_file (MB_CRYPT_KEY_FILE_NAME);
  g_autoptr(GBytes) conversation_after = NULL;
  g_autoptr(GBytes) people_after = NULL;
  g_autoptr(GBytes) key_file_after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (mb_journal_change_passphrase (journal, "new", &error));
  g_assert_no_error (error);
  conversation_after = read_file (name);
  people_after = read_file ("people.json");
  key_file_after = read_file (MB_CRYPT_KEY_FILE_NAME);
  g_assert_true (g_bytes_equal (conversation, conversation_after));
  g_assert_true (g_bytes_equal (people, people_after));
  g_assert_false (g_bytes_equal (key_file, key_file_after));

  g_assert_false (mb_journal_unlock (again, "old", &error));
  g_clear_error (&error);
  g_assert_true (mb_journal_unlock (again, "new", &error));
  g_assert_no_error (error);
  g_clear_object (&again);
  /* The recovery key still opens it. */
  again = closed_journal ();
  g_assert_true (mb_journal_recover (again, recovery, "newer", &error));
  g_assert_no_error (error);
}

/* A changed byte and a file cut short: listed as damaged, never written. */
static void
test_damaged_left_alone (void)
{
  g_autofree char *id = make_plain_journal ();
  g_autofree char *name = conversation_name (id);
  g_autofree char *recovery = protect (PASSPHRASE);
  g_autoptr(GFile) dir = journal_dir ();
  g_autofree char *path = g_build_filename (g_file_peek_path (dir), name, NULL);
  g_autofree char *people = g_build_filename (g_file_peek_path (dir), "people.json", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *people_contents = NULL;
  g_autofree char *after = NULL;
  g_autoptr(MbJournal) journal = NULL;
  g_autoptr(GError) error = NULL;
  gsize len, people_len, after_len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  contents[len / 2] ^= 0x20;
  g_assert_true (g_file_set_contents (path, contents, len, NULL));
  g_assert_true (g_file_get_contents (people, &people_contents, &people_len, NULL));
  people_len -= 5;
  g_assert_true (g_file_set_contents (people, people_contents, people_len, NULL));

  journal = unlocked_journal (PASSPHRASE);
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_conversations (journal)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_problems (journal)), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(MbProblem) problem = g_list_model_get_item (mb_journal_get_problems (journal), i);

      g_assert_nonnull (strstr (mb_problem_get_message (problem), "changed or cut short"));
    }

  /* A new person is not saved over people.json. */
  mb_journal_add_person (journal, "Bram", NULL);
  wait_for_state (journal, G_OBJECT (journal), MB_SAVE_STATE_FAILED);
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (after, after_len, contents, len);
  g_clear_pointer (&after, g_free);
  g_assert_true (g_file_get_contents (people, &after, &after_len, NULL));
  g_assert_cmpmem (after, after_len, people_contents, people_len);
  g_clear_object (&journal);

  /* Turning the protection off refuses, and leaves it all encrypted. */
  journal = closed_journal ();
  g_assert_true (mb_journal_unlock (journal, PASSPHRASE, &error));
  g_assert_false (mb_journal_unprotect (journal, &error));
  g_assert_error (error, MB_CRYPT_ERROR, MB_CRYPT_ERROR_DAMAGED);
  g_assert_true (mb_journal_is_protected (journal));
  assert_no_plain_text ();
}

/* A conversion cut short is finished by the next unlock: both ways. */
static void
test_finish_conversion (void)
{
  g_autofree char *id = make_plain_journal ();
  g_autofree char *name = conversation_name (id);
  g_autofree char *recovery = protect (PASSPHRASE);
  g_autoptr(MbJournal) journal = NULL;
  g_autoptr(GFile) dir = journal_dir ();
  g_autoptr(GFile) people = g_file_get_child (dir, "people.json");
  g_autoptr(GFile) marker = g_file_get_child (dir, MB_CRYPT_MARKER_NAME);
  g_autoptr(GBytes) sealed = read_file ("people.json");
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;

  /* As if cut short after people.json was written in plain text. */
  journal = unlocked_journal (PASSPHRASE);
  plain = mb_crypt_open (journal->key, sealed, &error);
  g_assert_no_error (error);
  g_clear_object (&journal);
  g_assert_true (mb_journal_convert_write_marker (dir, MB_CONVERT_TO_ENCRYPTED, &error));
  g_assert_true (g_file_replace_contents (people, g_bytes_get_data (plain, NULL), g_bytes_get_size (plain),
                                          NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, NULL, &error));
  journal = unlocked_journal (PASSPHRASE);
  assert_loads (journal, id);
  assert_no_plain_text ();
  g_assert_false (g_file_query_exists (marker, NULL));
  g_clear_object (&journal);

  /* And halfway to plain text: the key file is still there. */
  g_assert_true (mb_journal_convert_write_marker (dir, MB_CONVERT_TO_PLAIN, &error));
  journal = unlocked_journal (PASSPHRASE);
  assert_loads (journal, id);
  g_assert_false (mb_journal_is_protected (journal));
  g_assert_false (g_file_query_exists (marker, NULL));
  after = read_file (name);
  g_assert_false (mb_crypt_is_envelope (after));
}

/* A marker of a newer version: the journal opens, and the reason is said. */
static void
test_unknown_marker (void)
{
  g_autofree char *id = make_plain_journal ();
  g_autofree char *recovery = protect (PASSPHRASE);
  g_autoptr(MbJournal) journal = closed_journal ();
  g_autoptr(GFile) dir = journal_dir ();
  g_autoptr(GFile) marker = g_file_get_child (dir, MB_CRYPT_MARKER_NAME);
  const char *text = "{\"format\": \"marbles-journal-converting\", \"version\": 2, \"to\": \"elsewhere\"}";
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_replace_contents (marker, text, strlen (text), NULL, FALSE, G_FILE_CREATE_PRIVATE,
                                          NULL, NULL, &error));
  g_assert_false (mb_journal_unlock (journal, PASSPHRASE, &error));
  g_assert_error (error, MB_CRYPT_ERROR, MB_CRYPT_ERROR_UNKNOWN_VERSION);
  g_assert_true (mb_journal_is_unlocked (journal));
  load (journal);
  assert_loads (journal, id);
  g_assert_true (g_file_query_exists (marker, NULL));
}

/* Runs the main loop until nothing of @journal is unsaved. */
static void
wait_until_saved (MbJournal *journal)
{
  guint timeout = g_timeout_add_seconds (15, timed_out_cb, NULL);

  for (;;)
    {
      g_autoptr(GPtrArray) unsaved = mb_journal_get_unsaved (journal);

      if (unsaved->len == 0)
        break;
      for (guint i = 0; i < unsaved->len; i++)
        mb_journal_save_now (journal, g_ptr_array_index (unsaved, i));
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (timeout);
}

static void
count_merged_cb (MbJournal *journal,
                 GObject   *object,
                 guint      n_both_changed,
                 guint     *count)
{
  (*count)++;
}

/* The other machine's version of @here, changed by @change and put in
 * place encrypted, as a sync tool delivers it.
 */
static void
deliver_other_version (MbJournal      *journal,
                       MbConversation *here,
                       const char     *name,
                       MbTextKind      kind,
                       const char     *step,
                       const char     *text)
{
  g_autoptr(GFile) dir = journal_dir ();
  g_autoptr(GFile) file = g_file_resolve_relative_path (dir, name);
  g_autoptr(GBytes) sealed = read_file (name);
  g_autoptr(GHashTable) copies = mb_script_copies_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MbConversation) there = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) resealed = NULL;

  mb_script_copies_add (copies, mb_conversation_get_script (here));
  there = mb_conversation_new_from_bytes (sealed, name, copies, &error);
  g_assert_no_error (error);
  mb_conversation_set_text (there, kind, step, text);
  bytes = mb_conversation_to_bytes (there);
  resealed = mb_crypt_seal (journal->key, bytes);
  g_assert_true (g_file_replace_contents (file, g_bytes_get_data (resealed, NULL), g_bytes_get_size (resealed),
                                          NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* Whether any file under @path, decrypted with the unlocked keys where
 * it is encrypted, holds @text.
 */
static gboolean
decrypted_tree_holds (const char *path,
                      const char *text)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (child);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GBytes) plain = NULL;

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          if (decrypted_tree_holds (child, text))
            return TRUE;
          continue;
        }
      bytes = g_file_load_bytes (file, NULL, NULL, NULL);
      plain = mb_crypt_open_unlocked (bytes, NULL);
      g_assert_nonnull (plain);
      if (g_strstr_len (g_bytes_get_data (plain, NULL), g_bytes_get_size (plain), text) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* A sync tool's conflict copy, encrypted as every file is, is merged and
 * removed, as in a plain journal.
 */
static void
test_conflict_copy (void)
{
  g_autofree char *id = make_plain_journal ();
  g_autofree char *name = conversation_name (id);
  g_autofree char *copy = g_strconcat ("conversations/", id, ".sync-conflict-20261205-101010-ABCDEFG.json", NULL);
  g_autofree char *recovery = protect (PASSPHRASE);
  g_autoptr(MbJournal) journal = unlocked_journal (PASSPHRASE);
  MbConversation *here = mb_journal_lookup_conversation (journal, id);
  g_autoptr(GBytes) original = read_file (name);
  g_autoptr(GFile) dir = journal_dir ();
  g_autoptr(GFile) copy_file = g_file_resolve_relative_path (dir, copy);
  g_autoptr(GError) error = NULL;

  mb_conversation_set_text (here, MB_TEXT_STEP_NOTES, "close", "Typed here");
  g_assert_true (mb_journal_flush (journal));
  g_assert_true (g_file_replace_contents (copy_file, g_bytes_get_data (original, NULL),
                                          g_bytes_get_size (original), NULL, FALSE, G_FILE_CREATE_NONE,
                                          NULL, NULL, &error));
  deliver_other_version (journal, here, copy, MB_TEXT_STEP_NOTES, "open", "Typed there");
  rescan (journal);
  wait_until_saved (journal);

  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_conversations (journal)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_problems (journal)), ==, 0);
  g_assert_cmpstr (mb_conversation_get_text (here, MB_TEXT_STEP_NOTES, "open"), ==, "Typed there");
  g_assert_cmpstr (mb_conversation_get_text (here, MB_TEXT_STEP_NOTES, "close"), ==, "Typed here");
  g_assert_false (g_file_query_exists (copy_file, NULL));
  g_assert_true (decrypted_tree_holds (g_file_peek_path (dir), "Typed there"));
  assert_nowhere (g_file_peek_path (dir), "Typed");
}

/* Forget finds every trace in the encrypted files, and leaves none. */
static void
test_forget (void)
{
  g_autofree char *id = make_plain_journal ();
  g_autofree char *recovery = protect (PASSPHRASE);
  g_autoptr(MbJournal) journal = unlocked_journal (PASSPHRASE);
  g_autoptr(MbJournal) again = NULL;
  g_autoptr(GFile) dir = journal_dir ();
  g_autoptr(GError) error = NULL;
  MbConversation *conversation = mb_journal_lookup_conversation (journal, id);
  MbPerson *person = mb_journal_lookup_person (journal, mb_conversation_get_person_id (conversation));

  mb_journal_add_person (journal, "Bram", NULL);
  g_assert_true (mb_journal_flush (journal));
  g_assert_true (decrypted_tree_holds (g_file_peek_path (dir), SECRET_NAME));
  g_assert_true (mb_journal_forget_person (journal, person, &error));
  g_assert_no_error (error);
  g_assert_true (mb_journal_flush (journal));

  g_assert_false (decrypted_tree_holds (g_file_peek_path (dir), SECRET_NOTE));
  g_assert_false (decrypted_tree_holds (g_file_peek_path (dir), SECRET_NAME));
  g_assert_true (decrypted_tree_holds (g_file_peek_path (dir), "Bram"));
  g_clear_object (&journal);
  again = unlocked_journal (PASSPHRASE);
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_people (again)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_conversations (again)), ==, 0);
}

/* What the other machine typed is merged with what was typed here, and
 * the merged version is written encrypted.
 */
static void
test_merge (void)
{
  g_autofree char *id = make_plain_journal ();
  g_autofree char *name = conversation_name (id);
  g_autofree char *recovery = protect (PASSPHRASE);
  g_autoptr(MbJournal) journal = unlocked_journal (PASSPHRASE);
  MbConversation *here = mb_journal_lookup_conversation (journal, id);
  g_autoptr(GBytes) merged = NULL;
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GError) error = NULL;
  guint n_merged = 0;

  g_signal_connect (journal, "merged", G_CALLBACK (count_merged_cb), &n_merged);
  deliver_other_version (journal, here, name, MB_TEXT_STEP_NOTES, "open", "Typed on the laptop");
  mb_conversation_set_text (here, MB_TEXT_STEP_NOTES, "close", "Typed on the desktop");
  wait_until_saved (journal);

  g_assert_cmpuint (n_merged, ==, 1);
  g_assert_cmpstr (mb_conversation_get_text (here, MB_TEXT_STEP_NOTES, "open"), ==, "Typed on the laptop");
  merged = read_file (name);
  g_assert_true (mb_crypt_is_envelope (merged));
  plain = mb_crypt_open (journal->key, merged, &error);
  g_assert_no_error (error);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (plain, NULL), g_bytes_get_size (plain), "Typed on the laptop"));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (plain, NULL), g_bytes_get_size (plain), "Typed on the desktop"));
  assert_nowhere (g_file_peek_path (mb_journal_get_dir (journal)), "Typed on");

  /* A version that comes in while nothing is typed here is taken in. */
  deliver_other_version (journal, here, name, MB_TEXT_PREPARATION_NOTES, NULL, "Changed on the laptop");
  rescan (journal);
  g_assert_cmpstr (mb_conversation_get_text (here, MB_TEXT_PREPARATION_NOTES, NULL), ==, "Changed on the laptop");
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_problems (journal)), ==, 0);
  assert_no_plain_text ();
}

/* Another machine turned the protection on while this one had the plain
 * journal open: this one writes nothing more, rather than plain text
 * beside the encrypted files.
 */
static void
test_protected_elsewhere (void)
{
  g_autofree char *id = make_plain_journal ();
  g_autoptr(MbJournal) open = open_journal ();
  g_autofree char *recovery = NULL;
  MbConversation *conversation = mb_journal_lookup_conversation (open, id);

  recovery = protect (PASSPHRASE);
  mb_conversation_set_text (conversation, MB_TEXT_STEP_NOTES, "open", "Typed after the protection");
  wait_for_state (open, G_OBJECT (conversation), MB_SAVE_STATE_FAILED);
  g_assert_nonnull (strstr (mb_journal_get_save_error (open, G_OBJECT (conversation)), "locked"));
  /* Its merge bases are the plain versions it read before, as what it
   * shows is: gone when it closes.
   */
  assert_no_plain_text_in_folder ();
  assert_nowhere (g_file_peek_path (mb_journal_get_dir (open)), "Typed after");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  mb_crypt_set_cost (MB_CRYPT_COST_LOWEST);

  g_test_add_func ("/crypt-journal/on-and-off", test_on_and_off);
  g_test_add_func ("/crypt-journal/wrong-passphrase", test_wrong_passphrase);
  g_test_add_func ("/crypt-journal/recovery-key", test_recovery_key);
  g_test_add_func ("/crypt-journal/change-passphrase", test_change_passphrase);
  g_test_add_func ("/crypt-journal/damaged-left-alone", test_damaged_left_alone);
  g_test_add_func ("/crypt-journal/finish-conversion", test_finish_conversion);
  g_test_add_func ("/crypt-journal/unknown-marker", test_unknown_marker);
  g_test_add_func ("/crypt-journal/merge", test_merge);
  g_test_add_func ("/crypt-journal/conflict-copy", test_conflict_copy);
  g_test_add_func ("/crypt-journal/forget", test_forget);
  g_test_add_func ("/crypt-journal/protected-elsewhere", test_protected_elsewhere);

  return g_test_run ();
}
