/* protect-journal.c — protects the journal in a folder, as turning the
 * protection on in Preferences does, for the tests of the real app:
 *
 *   protect-journal FOLDER PASSPHRASE
 *
 * prints the recovery key. The key derivation costs libsodium's minimum,
 * which the key file records, so that the app unlocks it quickly too.
 *
 * Copyright 2026 The Marbles developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include "mb-crypt.h"
#include "mb-journal.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) dir = NULL;
  g_autoptr(MbJournal) journal = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *recovery_key = NULL;

  if (argc != 3)
    {
      g_printerr ("Usage: protect-journal FOLDER PASSPHRASE\n");
      return 2;
    }

  mb_crypt_set_cost (MB_CRYPT_COST_LOWEST);
  dir = g_file_new_for_path (argv[1]);
  journal = mb_journal_new (dir);
  if (!mb_journal_protect (journal, argv[2], &recovery_key, &error))
    {
      g_printerr ("protect-journal: %s\n", error->message);
      return 1;
    }

  printf ("%s\n", recovery_key);
  return 0;
}
