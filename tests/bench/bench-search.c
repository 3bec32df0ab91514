/* bench-search.c — searching a large journal: 10,000 conversations with
 * 300 people, 2 to 20 KiB of notes each, all in memory. Reports the time
 * to fold every text once for searching (the journal does it in its
 * loading thread) and the median and worst time per keystroke, for one-,
 * two- and three-word queries and for words found nowhere.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "mb-conversation.h"

#define N_CONVERSATIONS 10000

static const char *words[] = {
  "deadline", "report", "planning", "workload", "trust", "promise", "feedback", "holiday",
  "meeting", "customer", "sprint", "training", "coffee", "budget", "team", "roadmap",
  "afspraak", "vertrouwen", "werkdruk", "overleg", "café", "één", "Müller", "naïef",
};

static char *
make_notes (GRand *rand,
            gsize  size)
{
  GString *text = g_string_new (NULL);

  while (text->len < size)
    {
      g_string_append (text, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      g_string_append (text, g_rand_int_range (rand, 0, 12) == 0 ? ".\n" : " ");
    }

  return g_string_free (text, FALSE);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Times every prefix of @query, as typed, over all conversations. */
static void
measure (GPtrArray  *conversations,
         const char *label,
         const char *query)
{
  GArray *times = g_array_new (FALSE, FALSE, sizeof (double));
  gsize len = strlen (query);
  double worst = 0;
  guint hits = 0;

  for (gsize n = 1; n <= len; n++)
    {
      g_autofree char *typed = g_strndup (query, n);
      g_auto(GStrv) terms = mb_search_words (typed);
      gint64 start = g_get_monotonic_time ();
      double ms;

      hits = 0;
      for (guint i = 0; i < conversations->len; i++)
        hits += mb_conversation_matches (g_ptr_array_index (conversations, i), NULL,
                                         (const char * const *) terms, -1);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
      worst = MAX (worst, ms);
    }

  g_array_sort (times, compare_doubles);
  printf ("  %-12s “%s”: median %.1f ms, worst %.1f ms per keystroke, %u hits (target < 30 ms)\n",
          label, query, g_array_index (times, double, times->len / 2), worst, hits);
  g_array_unref (times);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(MbScript) script = NULL;
  g_autoptr(GPtrArray) conversations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  GPtrArray *steps;
  gsize total = 0;
  gint64 start;

  g_test_init (&argc, &argv, NULL);
  path = g_test_build_filename (G_TEST_DIST, "..", "data", "scripts", "restore-trust.json", NULL);
  file = g_file_new_for_path (path);
  script = mb_script_new_from_file (file, NULL, NULL);
  g_assert (script != NULL);
  steps = mb_script_get_steps (script);

  for (guint i = 0; i < N_CONVERSATIONS; i++)
    {
      g_autofree char *person = g_strdup_printf ("person-%u", g_rand_int_range (rand, 0, 300));
      MbConversation *conversation = mb_conversation_new (person, script, NULL);
      gsize size = g_rand_int_range (rand, 2048, 20480);

      for (guint s = 0; s < steps->len; s++)
        {
          g_autofree char *notes = make_notes (rand, size / steps->len);

          mb_conversation_set_text (conversation, MB_TEXT_STEP_NOTES,
                                    mb_script_step_get_id (g_ptr_array_index (steps, s)), notes);
          total += strlen (notes);
        }
      g_ptr_array_add (conversations, conversation);
    }

  printf ("Searching %d conversations, %" G_GSIZE_FORMAT " MiB of notes:\n", N_CONVERSATIONS, total >> 20);
  start = g_get_monotonic_time ();
  for (guint i = 0; i < conversations->len; i++)
    mb_conversation_prepare_search (g_ptr_array_index (conversations, i));
  printf ("  folding every text once, done by the journal's loading thread: %.0f ms\n",
          (g_get_monotonic_time () - start) / 1000.0);

  measure (conversations, "one word", "werkdruk");
  measure (conversations, "two words", "cafe deadline");
  measure (conversations, "three words", "naief budget roadmap");
  /* The worst case: words that are nowhere, so every text is read to the end. */
  measure (conversations, "absent", "zebra crossing");
  return 0;
}
