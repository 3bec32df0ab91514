/* journal-util.h — opening the test's own journal, for the core tests.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mb-journal.h"

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

/* The journal, read. */
static inline MbJournal *
open_journal (void)
{
  g_autoptr(GFile) dir = journal_dir ();
  MbJournal *journal = mb_journal_new (dir);
  gboolean done = FALSE;

  mb_journal_load_async (journal, NULL, journal_loaded_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  return journal;
}
