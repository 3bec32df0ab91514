/* sync-util.h — what the tests of the journal kept in sync share:
 * looking at the folder when the test chooses.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mb-journal-private.h"

static inline void
rescanned_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (_mb_journal_rescan_finish (MB_JOURNAL (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

/* Looks at @journal's folder and takes in what changed there, as the
 * journal does when the system tells it of a change.
 */
static inline void
rescan (MbJournal *journal)
{
  gboolean done = FALSE;

  _mb_journal_rescan_async (journal, NULL, rescanned_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}
