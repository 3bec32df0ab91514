/* test-keyring.c — "Remember on this computer": a protected journal's
 * key kept in the keyring. Only the keyring's three calls are the
 * test's (an in-memory keyring); the journal, its key file and the
 * keys are real.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "core-util.h"
#include "mb-crypt.h"
#include "mb-keyring.h"

#define SECRET_NOTE  "Bram worries about his mother"
#define PASSPHRASE   "a long walk on the dunes"

/* The test's keyring: key id → secret. */
static GHashTable *keyring;
static gboolean    keyring_fails;

static char *
mock_lookup (const char    *key_id,
             GCancellable  *cancellable,
             GError       **error)
{
  if (keyring_fails)
    {
      g_set_error_literal (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN, "No keyring here");
      return NULL;
    }
  return g_strdup (g_hash_table_lookup (keyring, key_id));
}

static gboolean
mock_store (const char    *key_id,
            const char    *label,
            const char    *secret,
            GCancellable  *cancellable,
            GError       **error)
{
  g_assert_cmpstr (label, ==, "Marbles journal key");
  if (keyring_fails)
    {
      g_set_error_literal (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN, "No keyring here");
      return FALSE;
    }
  g_hash_table_insert (keyring, g_strdup (key_id), g_strdup (secret));
  return TRUE;
}

static gboolean
mock_clear (const char    *key_id,
            GCancellable  *cancellable,
            GError       **error)
{
  g_hash_table_remove (keyring, key_id);
  return TRUE;
}

static void
mock_free_secret (char *secret)
{
  memset (secret, 0, strlen (secret));
  g_free (secret);
}

static const MbKeyringBackend mock_backend = {
  mock_lookup, mock_store, mock_clear, mock_free_secret,
};

static void
wipe_secret (gpointer secret)
{
  mock_free_secret (secret);
}

static void
set_up (void)
{
  g_clear_pointer (&keyring, g_hash_table_unref);
  keyring = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, wipe_secret);
  keyring_fails = FALSE;
}

static void
got_result_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

/* What the app does at start: the remembered key, if any. */
static gboolean
start (MbJournal  *journal,
       GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mb_keyring_unlock_async (journal, NULL, got_result_cb, &result);
  return mb_keyring_unlock_finish (journal, wait_for_result (&result), error);
}

static void
remember (MbJournal *journal)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mb_keyring_remember_async (journal, NULL, got_result_cb, &result);
  g_assert_true (mb_keyring_remember_finish (journal, wait_for_result (&result), &error));
  g_assert_no_error (error);
}

static gboolean
is_remembered (MbJournal *journal)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean remembered;

  mb_keyring_lookup_async (journal, NULL, got_result_cb, &result);
  remembered = mb_keyring_lookup_finish (journal, wait_for_result (&result), &error);
  g_assert_no_error (error);
  return remembered;
}

static void
forget (MbJournal  *journal,
        const char *old_key_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (old_key_id != NULL)
    mb_keyring_forget_old_async (journal, old_key_id, NULL, got_result_cb, &result);
  else
    mb_keyring_forget_async (journal, NULL, got_result_cb, &result);
  g_assert_true (mb_keyring_forget_finish (journal, wait_for_result (&result), &error));
  g_assert_no_error (error);
}

static MbJournal *
closed_journal (void)
{
  g_autoptr(GFile) dir = journal_dir ();

  return mb_journal_new (dir);
}

/* A protected journal with a conversation holding SECRET_NOTE,
 * unlocked and not loaded; @id is the conversation's.
 */
static MbJournal *
protected_journal (char **id)
{
  g_autoptr(MbJournal) plain = open_journal ();
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) conversation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *recovery = NULL;
  MbPerson *person = mb_journal_add_person (plain, "Bram", NULL);
  MbJournal *journal;

  conversation = mb_conversation_new (mb_person_get_id (person), script, NULL);
  mb_conversation_set_text (conversation, MB_TEXT_PREPARATION_NOTES, NULL, SECRET_NOTE);
  mb_journal_add_conversation (plain, conversation);
  g_assert_true (mb_journal_flush (plain));
  *id = g_strdup (mb_conversation_get_id (conversation));
  g_clear_object (&plain);

  journal = closed_journal ();
  g_assert_true (mb_journal_protect (journal, PASSPHRASE, &recovery, &error));
  g_assert_no_error (error);
  return journal;
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

/* The next start opens the journal without the passphrase: the note reads. */
static void
assert_opens_without_passphrase (const char *id)
{
  g_autoptr(MbJournal) journal = closed_journal ();
  g_autoptr(GError) error = NULL;
  MbConversation *conversation;

  g_assert_true (start (journal, &error));
  g_assert_no_error (error);
  g_assert_true (mb_journal_is_unlocked (journal));
  load (journal);
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_problems (journal)), ==, 0);
  conversation = mb_journal_lookup_conversation (journal, id);
  g_assert_nonnull (conversation);
  g_assert_cmpstr (mb_conversation_get_text (conversation, MB_TEXT_PREPARATION_NOTES, NULL), ==, SECRET_NOTE);
}

/* The next start asks for the passphrase: nothing is unlocked. */
static void
assert_asks (GQuark domain,
             int    code)
{
  g_autoptr(MbJournal) journal = closed_journal ();
  g_autoptr(GError) error = NULL;

  g_assert_false (start (journal, &error));
  if (domain == 0)
    g_assert_no_error (error);
  else
    g_assert_error (error, domain, code);
  g_assert_false (mb_journal_is_unlocked (journal));
}

static GBytes *
read_key_file (void)
{
  g_autoptr(GFile) dir = journal_dir ();
  g_autoptr(GFile) file = g_file_get_child (dir, MB_CRYPT_KEY_FILE_NAME);

  return g_file_load_bytes (file, NULL, NULL, NULL);
}

static void
test_remember (void)
{
  g_autofree char *id = NULL;
  g_autoptr(MbJournal) journal = protected_journal (&id);
  g_autoptr(GBytes) key_file = NULL;
  g_autofree char *key_id = mb_journal_dup_key_id (journal);
  const char *kept;

  set_up ();
  /* Off by default: nothing remembered, the passphrase asked. */
  g_assert_false (is_remembered (journal));
  assert_asks (0, 0);

  remember (journal);
  g_assert_true (is_remembered (journal));
  g_assert_cmpuint (g_hash_table_size (keyring), ==, 1);
  kept = g_hash_table_lookup (keyring, key_id);
  g_assert_nonnull (kept);
  /* The data key, never the passphrase; and not in the key file. */
  g_assert_cmpuint (strlen (kept), ==, 64);
  g_assert_null (strstr (kept, PASSPHRASE));
  key_file = read_key_file ();
  g_assert_null (memmem (g_bytes_get_data (key_file, NULL), g_bytes_get_size (key_file), kept, 64));

  assert_opens_without_passphrase (id);
}

static void
test_forget (void)
{
  g_autofree char *id = NULL;
  g_autoptr(MbJournal) journal = protected_journal (&id);

  set_up ();
  remember (journal);
  forget (journal, NULL);
  g_assert_false (is_remembered (journal));
  g_assert_cmpuint (g_hash_table_size (keyring), ==, 0);
  assert_asks (0, 0);
}

static void
test_passphrase_changed (void)
{
  g_autofree char *id = NULL;
  g_autoptr(MbJournal) journal = protected_journal (&id);
  g_autoptr(GError) error = NULL;

  set_up ();
  remember (journal);
  g_assert_true (mb_journal_change_passphrase (journal, "a new walk", &error));
  g_assert_no_error (error);
  assert_opens_without_passphrase (id);
}

static void
test_protection_off (void)
{
  g_autofree char *id = NULL;
  g_autoptr(MbJournal) journal = protected_journal (&id);
  g_autofree char *key_id = mb_journal_dup_key_id (journal);
  g_autoptr(MbJournal) plain = NULL;
  g_autoptr(GError) error = NULL;

  set_up ();
  remember (journal);
  /* A conversion that keeps the key keeps it remembered. */
  forget (journal, key_id);
  g_assert_true (is_remembered (journal));

  g_assert_true (mb_journal_unprotect (journal, &error));
  g_assert_no_error (error);
  g_assert_null (mb_journal_dup_key_id (journal));
  plain = closed_journal ();
  forget (plain, key_id);
  g_assert_cmpuint (g_hash_table_size (keyring), ==, 0);
}

static void
test_stale (void)
{
  g_autofree char *id = NULL;
  g_autoptr(MbJournal) journal = protected_journal (&id);
  g_autofree char *key_id = mb_journal_dup_key_id (journal);
  g_autoptr(MbJournal) again = NULL;
  g_autoptr(GError) error = NULL;

  set_up ();
  remember (journal);
  g_hash_table_insert (keyring, g_strdup (key_id), g_strnfill (64, 'a'));
  assert_asks (MB_CRYPT_ERROR, MB_CRYPT_ERROR_WRONG_KEY);
  g_assert_cmpuint (g_hash_table_size (keyring), ==, 0);
  /* Not a key at all: the same. */
  g_hash_table_insert (keyring, g_strdup (key_id), g_strdup ("not a key"));
  assert_asks (MB_CRYPT_ERROR, MB_CRYPT_ERROR_WRONG_KEY);
  g_assert_cmpuint (g_hash_table_size (keyring), ==, 0);

  /* The passphrase still opens it, and the key can be remembered again. */
  again = closed_journal ();
  g_assert_true (mb_journal_unlock (again, PASSPHRASE, &error));
  g_assert_no_error (error);
  remember (again);
  assert_opens_without_passphrase (id);
}

/* The protection turned off and on again on another machine: a new key,
 * which this computer does not remember.
 */
static void
test_new_key_elsewhere (void)
{
  g_autofree char *id = NULL;
  g_autoptr(MbJournal) journal = protected_journal (&id);
  g_autoptr(MbJournal) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *recovery = NULL;

  set_up ();
  remember (journal);
  g_assert_true (mb_journal_unprotect (journal, &error));
  g_assert_no_error (error);
  again = closed_journal ();
  g_assert_true (mb_journal_protect (again, PASSPHRASE, &recovery, &error));
  g_assert_no_error (error);
  assert_asks (0, 0);
}

/* A key file written before the key check: remembering adds it, every
 * other member kept; without it, a remembered key is not trusted.
 */
static void
test_key_file_without_check (void)
{
  g_autofree char *id = NULL;
  g_autoptr(MbJournal) journal = protected_journal (&id);
  g_autoptr(GFile) dir = journal_dir ();
  g_autoptr(GFile) file = g_file_get_child (dir, MB_CRYPT_KEY_FILE_NAME);
  g_autoptr(GBytes) bytes = read_key_file ();
  g_autoptr(GRegex) regex = g_regex_new ("\\s*\"key-check\" : \"[0-9a-f]+\",?", 0, 0, NULL);
  g_autofree char *without = NULL;
  g_autoptr(GBytes) stripped = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;

  set_up ();
  g_assert_nonnull (strstr (g_bytes_get_data (bytes, NULL), "\"key-check\""));
  without = g_regex_replace_literal (regex, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                     0, "", 0, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (without, "key-check"));
  g_assert_true (g_file_replace_contents (file, without, strlen (without), NULL, FALSE,
                                          G_FILE_CREATE_PRIVATE, NULL, NULL, &error));
  g_assert_no_error (error);
  stripped = read_key_file ();
  g_assert_true (mb_crypt_key_file_check (stripped, &error));
  g_assert_no_error (error);

  remember (journal);
  after = read_key_file ();
  g_assert_nonnull (strstr (g_bytes_get_data (after, NULL), "\"key-check\""));
  assert_opens_without_passphrase (id);

  g_assert_true (g_file_replace_contents (file, without, strlen (without), NULL, FALSE,
                                          G_FILE_CREATE_PRIVATE, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_asks (MB_CRYPT_ERROR, MB_CRYPT_ERROR_WRONG_KEY);
}

/* No keyring: the passphrase is asked, and what is remembered stays. */
static void
test_keyring_unavailable (void)
{
  g_autofree char *id = NULL;
  g_autoptr(MbJournal) journal = protected_journal (&id);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  set_up ();
  remember (journal);
  keyring_fails = TRUE;
  assert_asks (G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN);
  mb_keyring_remember_async (journal, NULL, got_result_cb, &result);
  g_assert_false (mb_keyring_remember_finish (journal, wait_for_result (&result), &error));
  g_assert_error (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN);
  keyring_fails = FALSE;
  g_assert_cmpuint (g_hash_table_size (keyring), ==, 1);
  assert_opens_without_passphrase (id);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  mb_crypt_set_cost (MB_CRYPT_COST_LOWEST);
  mb_keyring_set_backend (&mock_backend);

  g_test_add_func ("/keyring/remember", test_remember);
  g_test_add_func ("/keyring/forget", test_forget);
  g_test_add_func ("/keyring/passphrase-changed", test_passphrase_changed);
  g_test_add_func ("/keyring/protection-off", test_protection_off);
  g_test_add_func ("/keyring/stale", test_stale);
  g_test_add_func ("/keyring/new-key-elsewhere", test_new_key_elsewhere);
  g_test_add_func ("/keyring/key-file-without-check", test_key_file_without_check);
  g_test_add_func ("/keyring/keyring-unavailable", test_keyring_unavailable);

  return g_test_run ();
}
