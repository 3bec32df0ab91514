/* test-crypt-command.c — `marbles --decrypt-journal FOLDER`: a plain copy
 * of a protected journal with the passphrase or the recovery key, and a
 * clear refusal without them.
 *
 * Usage: test-crypt-command MARBLES
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

#define SECRET_NOTE "He asked for a second chance"
#define PASSPHRASE  "tea at four"

static const char *marbles;

/* Runs marbles --decrypt-journal @target with @input on standard input. */
static int
run (const char  *target,
     const char  *input,
     char       **out,
     char       **err)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  /* The test's own data folder, which GLib does not pass on. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, marbles, "--decrypt-journal", target, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, out, err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

/* A protected journal with one conversation; its id and recovery key. */
static char *
make_journal (char **recovery)
{
  g_autoptr(MbJournal) journal = open_journal ();
  g_autoptr(MbJournal) closed = NULL;
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) conversation = NULL;
  g_autoptr(GFile) dir = journal_dir ();
  g_autoptr(GError) error = NULL;
  MbPerson *person = mb_journal_add_person (journal, "Koen", NULL);

  conversation = mb_conversation_new (mb_person_get_id (person), script, NULL);
  mb_conversation_set_text (conversation, MB_TEXT_PREPARATION_NOTES, NULL, SECRET_NOTE);
  mb_journal_add_conversation (journal, conversation);
  g_assert_true (mb_journal_flush (journal));

  closed = mb_journal_new (dir);
  g_assert_true (mb_journal_protect (closed, PASSPHRASE, recovery, &error));
  g_assert_no_error (error);
  return g_strdup (mb_conversation_get_id (conversation));
}

static guint
mode_of (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

static void
assert_plain_copy (const char *target,
                   const char *id)
{
  g_autofree char *name = g_strconcat (id, ".json", NULL);
  g_autofree char *path = g_build_filename (target, "conversations", name, NULL);
  g_autofree char *people = g_build_filename (target, "people.json", NULL);
  g_autofree char *key_file = g_build_filename (target, MB_CRYPT_KEY_FILE_NAME, NULL);
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, SECRET_NOTE));
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (people, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Koen"));
  g_assert_cmpuint (mode_of (target), ==, 0700);
  g_assert_cmpuint (mode_of (path), ==, 0600);
  g_assert_false (g_file_test (key_file, G_FILE_TEST_EXISTS));
}

static void
test_decrypt (void)
{
  g_autofree char *recovery = NULL;
  g_autofree char *id = make_journal (&recovery);
  g_autofree char *target = g_build_filename (g_get_user_cache_dir (), "plain", NULL);
  g_autofree char *by_recovery = g_build_filename (g_get_user_cache_dir (), "by-recovery", NULL);
  g_autofree char *inside = NULL;
  g_autofree char *input = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (target, "not it\n", &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "neither the journal’s passphrase nor its recovery key"));
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (target, "", &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "No passphrase"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (target, PASSPHRASE "\n", &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Wrote a plain copy of"));
  g_assert_cmpstr (err, ==, "");
  assert_plain_copy (target, id);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Never into a folder that holds something. */
  g_assert_cmpint (run (target, PASSPHRASE "\n", &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "is not an empty folder"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Never inside the journal's folder, where a sync tool would carry it. */
  inside = g_build_filename (g_get_user_data_dir (), "marbles", "conversations", "plain", NULL);
  g_assert_cmpint (run (inside, PASSPHRASE "\n", &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "is inside the journal’s folder"));
  g_assert_false (g_file_test (inside, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  input = g_strconcat (recovery, "\n", NULL);
  g_assert_cmpint (run (by_recovery, input, &out, &err), ==, 0);
  assert_plain_copy (by_recovery, id);
}

static void
test_not_protected (void)
{
  g_autoptr(MbJournal) journal = open_journal ();
  g_autofree char *target = g_build_filename (g_get_user_cache_dir (), "plain", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  mb_journal_add_person (journal, "Koen", NULL);
  g_assert_true (mb_journal_flush (journal));
  g_assert_cmpint (run (target, PASSPHRASE "\n", &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "is not protected"));
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  mb_crypt_set_cost (MB_CRYPT_COST_LOWEST);
  if (argc != 2)
    g_error ("Usage: test-crypt-command MARBLES");
  marbles = argv[1];

  g_test_add_func ("/crypt-command/decrypt", test_decrypt);
  g_test_add_func ("/crypt-command/not-protected", test_not_protected);

  return g_test_run ();
}
