/* bench-lens.c — the judgement lens on a long note: a note of 10,000
 * words, in English and in Dutch, made of the corpus's sentences in
 * paragraphs of six. Reports what one keystroke costs the lens: finding
 * the paragraph it changed and checking that paragraph again (the
 * median, the 99th percentile and the worst of 2,000 keystrokes at
 * places spread over the note), the same in the longest paragraph
 * Marbles accepts, and, for comparison, checking the whole note at once.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include "mb-lens.h"
#include "mb-text.h"

#define N_WORDS       10000
#define N_KEYSTROKES  2000
#define PER_PARAGRAPH 6

/* The corpus's sentences of @language. */
static GPtrArray *
read_sentences (const char *language)
{
  g_autofree char *name = g_strconcat (language, ".tsv", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "lens", name, NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *sentences = g_ptr_array_new_with_free_func (g_free);

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    g_error ("Cannot read %s", path);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *tab = strrchr (lines[i], '\t');

      if (lines[i][0] != '#' && tab != NULL)
        g_ptr_array_add (sentences, g_strdup (tab + 1));
    }
  return sentences;
}

static guint
count_words (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \n", -1);
  guint n = 0;

  for (guint i = 0; words[i] != NULL; i++)
    n += words[i][0] != '\0';
  return n;
}

/* At least @n_words words of the sentences, shuffled, in paragraphs. */
static GString *
make_note (GPtrArray *sentences,
           GRand     *rand,
           guint      n_words)
{
  GString *note = g_string_new (NULL);
  guint words = 0;

  for (guint i = 0; words < n_words; i++)
    {
      const char *sentence = g_ptr_array_index (sentences, g_rand_int_range (rand, 0, sentences->len));

      g_string_append (note, sentence);
      g_string_append_c (note, (i + 1) % PER_PARAGRAPH == 0 ? '\n' : ' ');
      words += count_words (sentence);
    }
  return note;
}

static guint
count_paragraphs (const char *text)
{
  guint n = 1;

  for (const char *p = strchr (text, '\n'); p != NULL && p[1] != '\0'; p = strchr (p + 1, '\n'))
    n++;
  return n;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* One keystroke at @offset: a letter typed, then the lens's work. */
static double
keystroke (MbLensRules *rules,
           GString     *note,
           gsize        offset,
           guint       *n_spans)
{
  gint64 start;
  gsize from, to;
  g_autoptr(GArray) spans = NULL;

  g_string_insert_c (note, offset, 'e');
  start = g_get_monotonic_time ();
  mb_lens_paragraph_bounds (note->str, note->len, offset, &from, &to);
  spans = mb_lens_check (rules, note->str + from, to - from);
  *n_spans += spans->len;
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* A place to type at: the end of a word, never inside a character. */
static gsize
place (GString *note,
       GRand   *rand)
{
  gsize offset = g_rand_int_range (rand, 0, note->len);

  while (offset < note->len && note->str[offset] != ' ' && note->str[offset] != '\n')
    offset++;
  return offset;
}

static void
report_keystrokes (const char *label,
                   GArray     *times)
{
  g_array_sort (times, compare_doubles);
  printf ("  %s: median %.3f ms, 99th percentile %.3f ms, worst %.3f ms per keystroke\n",
          label, g_array_index (times, double, times->len / 2),
          g_array_index (times, double, times->len * 99 / 100),
          g_array_index (times, double, times->len - 1));
}

static void
measure (const char *language,
         GRand      *rand)
{
  g_autoptr(GPtrArray) sentences = read_sentences (language);
  g_autoptr(GError) error = NULL;
  g_autoptr(MbLensRules) rules = mb_lens_rules_load (language, NULL, NULL, &error);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) long_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) spans = NULL;
  GString *note = make_note (sentences, rand, N_WORDS);
  GString *paragraph = g_string_new (NULL);
  guint n_spans = 0;
  gint64 start;

  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  spans = mb_lens_check (rules, note->str, note->len);
  printf ("%s: a note of %u words, %" G_GSIZE_FORMAT " KiB, %u paragraphs; %u phrases flagged\n",
          language, count_words (note->str), note->len >> 10, count_paragraphs (note->str),
          spans->len);
  printf ("  the whole note at once: %.2f ms\n", (g_get_monotonic_time () - start) / 1000.0);

  for (guint i = 0; i < N_KEYSTROKES; i++)
    {
      double ms = keystroke (rules, note, place (note, rand), &n_spans);

      g_array_append_val (times, ms);
    }
  report_keystrokes ("typing in the note (the paragraph typed in, checked again)", times);

  /* The longest paragraph Marbles accepts, typed at its end. */
  while (g_utf8_strlen (paragraph->str, -1) < MB_TEXT_MAX_PARAGRAPH_CHARS - N_KEYSTROKES / 10)
    {
      g_string_append (paragraph, g_ptr_array_index (sentences, g_rand_int_range (rand, 0, sentences->len)));
      g_string_append_c (paragraph, ' ');
    }
  g_string_truncate (paragraph, g_utf8_offset_to_pointer (paragraph->str,
                     MB_TEXT_MAX_PARAGRAPH_CHARS - N_KEYSTROKES / 10) - paragraph->str);
  for (guint i = 0; i < N_KEYSTROKES / 10; i++)
    {
      double ms = keystroke (rules, paragraph, paragraph->len, &n_spans);

      g_array_append_val (long_times, ms);
    }
  report_keystrokes ("typing in a paragraph of 5,000 characters", long_times);

  g_string_free (note, TRUE);
  g_string_free (paragraph, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (16);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  printf ("The judgement lens, main-thread time per keystroke (target: well under 1 ms):\n");
  measure ("en", rand);
  measure ("nl", rand);
  return 0;
}
