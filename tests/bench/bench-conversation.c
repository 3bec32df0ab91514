/* bench-conversation.c — the main-thread cost of one autosave of a large
 * conversation, and the time to open it.
 *
 * A conversation with a script of 20 steps and 50 KiB of notes: an
 * autosave serialises it on the main thread (the write happens in a
 * worker), and opening it parses the file and builds the conversation
 * view. Medians of many runs, in milliseconds.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <stdio.h>

#include "mb-conversation-view.h"

#define N_STEPS 20
#define RUNS    101

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

static MbScript *
make_script (void)
{
  GString *json = g_string_new ("{ \"format\": \"marbles-script\", \"version\": 1, \"id\": \"bench\","
                                " \"title\": {\"en\": \"Benchmark\", \"nl\": \"Meting\"},"
                                " \"summary\": {\"en\": \"A long script.\", \"nl\": \"Een lang script.\"},"
                                " \"duration_minutes\": 60, \"preparation\": [");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  MbScript *script;

  for (guint i = 0; i < 5; i++)
    g_string_append_printf (json, "%s{\"id\": \"p%u\", \"text\": {\"en\": \"Question %u?\", \"nl\": \"Vraag %u?\"}}",
                            i ? "," : "", i, i, i);
  g_string_append (json, "], \"steps\": [");
  for (guint i = 0; i < N_STEPS; i++)
    g_string_append_printf (json,
                            "%s{\"id\": \"s%u\", \"title\": {\"en\": \"Step %u\", \"nl\": \"Stap %u\"},"
                            " \"purpose\": {\"en\": \"Why this step matters.\", \"nl\": \"Waarom deze stap telt.\"},"
                            " \"questions\": [{\"en\": \"What happened?\", \"nl\": \"Wat gebeurde er?\"},"
                            "                {\"en\": \"What do you need?\", \"nl\": \"Wat heb je nodig?\"}],"
                            " \"phrases\": [{\"en\": \"Tell me more.\", \"nl\": \"Vertel eens.\"},"
                            "              {\"en\": \"I hear you.\", \"nl\": \"Ik hoor je.\"}],"
                            " \"pitfalls\": [{\"en\": \"Filling in for them.\", \"nl\": \"Invullen voor de ander.\"}]}",
                            i ? "," : "", i, i + 1, i + 1);
  g_string_append (json, "], \"reflection\": [{\"id\": \"r\", \"text\": \"Did I listen?\"}] }");

  bytes = g_string_free_to_bytes (json);
  script = mb_script_new_from_bytes (bytes, "bench.json", &error);
  g_assert_no_error (error);
  return script;
}

static MbConversation *
make_conversation (MbScript *script)
{
  MbConversation *conversation = mb_conversation_new ("someone", script, NULL);
  GString *notes = g_string_new (NULL);

  /* About 2.5 KiB of notes per step: 50 KiB in all. */
  while (notes->len < 2560)
    g_string_append (notes, "She said the deadline felt impossible from the start, and nobody asked. ");
  for (guint i = 0; i < N_STEPS; i++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", i);

      mb_conversation_set_text (conversation, MB_TEXT_STEP_NOTES, id, notes->str);
    }
  for (guint i = 0; i < 10; i++)
    mb_conversation_add_agreement (conversation, "Send the plan by Friday", MB_PROMISED_BY_ME, NULL);

  g_string_free (notes, TRUE);
  return conversation;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MbScript) script = NULL;
  g_autoptr(MbConversation) conversation = NULL;
  g_autoptr(MbJournal) journal = NULL;
  g_autoptr(GFile) dir = g_file_new_for_path (g_get_tmp_dir ());
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GHashTable) copies = NULL;
  double save_ms[RUNS], parse_ms[RUNS], view_ms[RUNS];

  gtk_init ();
  adw_init ();

  script = make_script ();
  conversation = make_conversation (script);
  journal = mb_journal_new (dir);
  file = mb_conversation_to_bytes (conversation);
  copies = mb_script_copies_new ();
  mb_script_copies_add (copies, script);

  for (guint i = 0; i < RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GBytes) bytes = mb_conversation_to_bytes (conversation);
      g_autoptr(MbConversation) opened = NULL;
      GtkWidget *view;

      save_ms[i] = (g_get_monotonic_time () - start) / 1000.0;

      start = g_get_monotonic_time ();
      opened = mb_conversation_new_from_bytes (file, "bench.json", copies, NULL);
      parse_ms[i] = (g_get_monotonic_time () - start) / 1000.0;

      start = g_get_monotonic_time ();
      view = g_object_ref_sink (mb_conversation_view_new (journal, opened));
      view_ms[i] = (g_get_monotonic_time () - start) / 1000.0;
      g_object_unref (view);
    }

  printf ("A conversation of %d steps, %" G_GSIZE_FORMAT " KiB on disk, median of %d runs:\n",
          N_STEPS, g_bytes_get_size (file) / 1024, RUNS);
  printf ("  autosave, main-thread part (serialise): %6.2f ms  (target < 2 ms)\n", median (save_ms, RUNS));
  printf ("  open: read the file                   : %6.2f ms\n", median (parse_ms, RUNS));
  printf ("  open: build the conversation view     : %6.2f ms\n", median (view_ms, RUNS));
  printf ("  open in all                           : %6.2f ms  (target < 50 ms)\n",
          median (parse_ms, RUNS) + median (view_ms, RUNS));
  return 0;
}
