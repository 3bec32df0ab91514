/* crash-writer.c — the journal's real save path, driven hard: keeps
 * changing one conversation, saves each change and prints "saved N" once
 * the journal reports it on disk. tests/test-crash kills it at random.
 * With --convert, it turns the protection of the journal with a
 * passphrase on and off, again and again, instead.
 *
 * Usage: crash-writer DATA-FOLDER
 *        crash-writer --convert DATA-FOLDER
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "mb-crypt.h"
#include "mb-journal.h"

/* What tests/test-crash unlocks the journal with. */
#define PASSPHRASE "crash test"

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *done = user_data;

  if (!mb_journal_load_finish (MB_JOURNAL (object), result, NULL))
    g_error ("Could not load the journal");
  *done = TRUE;
}

static MbConversation *
get_conversation (MbJournal *journal)
{
  GListModel *conversations = mb_journal_get_conversations (journal);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(MbScript) script = NULL;
  MbConversation *conversation;
  MbPerson *person;

  if (g_list_model_get_n_items (conversations) > 0)
    return g_list_model_get_item (conversations, 0);

  path = g_test_build_filename (G_TEST_DIST, "scripts", "good", "full.json", NULL);
  file = g_file_new_for_path (path);
  script = mb_script_new_from_file (file, NULL, NULL);
  person = mb_journal_add_person (journal, "Crash Test", NULL);
  conversation = mb_conversation_new (mb_person_get_id (person), script, NULL);
  mb_journal_add_conversation (journal, conversation);
  return conversation;
}

/* Turns the protection on and off for ever, printing each state reached;
 * an unlock first finishes what a kill cut short.
 */
static int
convert (GFile *dir)
{
  mb_crypt_set_cost (MB_CRYPT_COST_LOWEST);
  for (;;)
    {
      g_autoptr(MbJournal) journal = mb_journal_new (dir);
      g_autoptr(GError) error = NULL;
      g_autofree char *recovery = NULL;

      if (mb_journal_is_protected (journal))
        {
          if (!mb_journal_unlock (journal, PASSPHRASE, &error) ||
              (mb_journal_is_protected (journal) && !mb_journal_unprotect (journal, &error)))
            g_error ("Could not turn the protection off: %s", error->message);
          printf ("plain\n");
        }
      else
        {
          if (!mb_journal_protect (journal, PASSPHRASE, &recovery, &error))
            g_error ("Could not turn the protection on: %s", error->message);
          printf ("protected\n");
        }
      fflush (stdout);
    }
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) dir = NULL;
  g_autoptr(MbJournal) journal = NULL;
  g_autoptr(MbConversation) conversation = NULL;
  GString *padding = g_string_new (NULL);
  const char *last;
  gboolean loaded = FALSE;
  guint64 n = 0;

  g_test_init (&argc, &argv, NULL);
  if (argc == 3 && g_str_equal (argv[1], "--convert"))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (argv[2]);

      return convert (folder);
    }
  if (argc != 2)
    g_error ("Usage: crash-writer DATA-FOLDER");

  dir = g_file_new_for_path (argv[1]);
  journal = mb_journal_new (dir);
  mb_journal_load_async (journal, NULL, loaded_cb, &loaded);
  while (!loaded)
    g_main_context_iteration (NULL, TRUE);

  conversation = get_conversation (journal);
  last = mb_conversation_get_text (conversation, MB_TEXT_PREPARATION_NOTES, NULL);
  if (g_str_has_prefix (last, "edit "))
    n = g_ascii_strtoull (last + 5, NULL, 10);

  /* A few KiB per file, so a kill can land in the middle of a write. */
  while (padding->len < 8192)
    g_string_append (padding, " and every word of it matters");

  for (;;)
    {
      g_autofree char *text = g_strdup_printf ("edit %" G_GUINT64_FORMAT "%s", ++n, padding->str);

      mb_conversation_set_text (conversation, MB_TEXT_PREPARATION_NOTES, NULL, text);
      mb_journal_save_now (journal, G_OBJECT (conversation));
      while (mb_journal_get_save_state (journal, G_OBJECT (conversation)) != MB_SAVE_STATE_SAVED)
        g_main_context_iteration (NULL, TRUE);

      printf ("saved %" G_GUINT64_FORMAT "\n", n);
      fflush (stdout);
    }
}
