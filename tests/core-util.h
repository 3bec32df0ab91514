/* core-util.h — what the core tests share: a good script, reading a
 * conversation's file, and the test's own journal.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mb-journal.h"

/* A script from tests/scripts/good. */
static inline MbScript *
load_script (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "scripts", "good", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  MbScript *script = mb_script_new_from_file (file, NULL, &error);

  g_assert_no_error (error);
  return script;
}

/* The copies of scripts to read @conversation's file with: its own. */
static inline GHashTable *
copies_of (MbConversation *conversation)
{
  GHashTable *copies = mb_script_copies_new ();

  mb_script_copies_add (copies, mb_conversation_get_script (conversation));
  return copies;
}

/* @bytes read as the file of a conversation held with @like's script. */
static inline MbConversation *
read_like (MbConversation *like,
           GBytes         *bytes)
{
  g_autoptr(GHashTable) copies = copies_of (like);
  g_autoptr(GError) error = NULL;
  MbConversation *read = mb_conversation_new_from_bytes (bytes, "read.json", copies, &error);

  g_assert_no_error (error);
  g_assert_nonnull (read);
  return read;
}

/* @conversation saved and read again. */
static inline MbConversation *
reload (MbConversation *conversation)
{
  g_autoptr(GBytes) bytes = mb_conversation_to_bytes (conversation);

  return read_like (conversation, bytes);
}

/* The journal's folder in the test's own data folder. */
static inline GFile *
journal_dir (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "marbles", NULL);

  return g_file_new_for_path (path);
}

static inline void
journal_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (mb_journal_load_finish (MB_JOURNAL (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

/* Saves in milliseconds rather than after the pause a typist needs:
 * a test that waits for a save waits on the save, not on the delay.
 */
static const MbSaveTiming quick_saves = { 1, 2, 10, NULL };

/* The tests' own clock, in monotonic microseconds: it moves only when a
 * test moves it.
 */
static gint64 test_now = G_USEC_PER_SEC;

static inline gint64
test_clock (void)
{
  return test_now;
}

static inline void
journal_gone_cb (gpointer  data,
                 GObject  *where_the_object_was)
{
  g_atomic_int_set ((int *) data, TRUE);
  g_main_context_wakeup (NULL);
}

/* Lets go of *@journal and waits until it is gone: until then it may
 * still be watching the folder, and take in what a test puts there. The
 * last reference may go in a worker (a task's), so the main loop is
 * woken then.
 */
static inline void
close_journal (MbJournal **journal)
{
  int gone = FALSE;

  g_object_weak_ref (G_OBJECT (*journal), journal_gone_cb, &gone);
  g_clear_object (journal);
  while (!g_atomic_int_get (&gone))
    g_main_context_iteration (NULL, TRUE);
}

/* The journal, read, saving quickly. */
static inline MbJournal *
open_journal (void)
{
  g_autoptr(GFile) dir = journal_dir ();
  MbJournal *journal = mb_journal_new (dir);
  gboolean done = FALSE;

  mb_journal_set_save_timing (journal, &quick_saves);
  mb_journal_load_async (journal, NULL, journal_loaded_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  return journal;
}
