/* test-text.c — texts of any size: changed a little at a time, refused
 * beyond the limits with a message that names them, and written to disk
 * whole; and a text changed elsewhere taken in without moving the
 * cursor.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "core-util.h"
#include "mb-text-update.h"

/* Paragraphs of about 600 bytes, as notes are written. */
static char *
make_text (gsize size)
{
  static const char *sentences[] = {
    "She said the deadline felt impossible from the start, and nobody asked her. ",
    "We agreed that she sends the report on Friday and I check in on Monday. ",
    "Één café, naïef: ΟΔΟΣ, привет, 日本語, 🙂. ",
  };
  GString *text = g_string_sized_new (size + 100);
  guint i = 0;

  while (text->len < size)
    {
      g_string_append (text, sentences[i % G_N_ELEMENTS (sentences)]);
      if (++i % 8 == 0)
        g_string_append_c (text, '\n');
    }
  while (text->len > size)
    g_string_truncate (text, g_utf8_find_prev_char (text->str, text->str + text->len) - text->str);
  return g_string_free (text, FALSE);
}

/* What splicing gives, the slow and obvious way. */
static char *
splice_slowly (const char *text,
               gsize       position,
               gsize       n_removed,
               const char *inserted)
{
  const char *from = g_utf8_offset_to_pointer (text, position);
  const char *to = g_utf8_offset_to_pointer (from, n_removed);
  g_autofree char *before = g_strndup (text, from - text);

  return g_strconcat (before, inserted, to, NULL);
}

/* Changes anywhere, near and far from each other, in text with
 * characters of one to four bytes, give what they should.
 */
static void
test_splice (void)
{
  g_autofree char *start = make_text (20000);
  g_autoptr(MbText) text = mb_text_new (start);
  g_autofree char *expected = g_strdup (start);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  const char *pieces[] = { "", "a", "é", "日本", "🙂🙂", "\n", "eight bytes long" };

  for (guint i = 0; i < 2000; i++)
    {
      glong length = g_utf8_strlen (expected, -1);
      gsize position = i % 3 == 0 ? (gsize) g_rand_int_range (rand, 0, length + 1)
                                  : MIN ((gsize) length, 9000 + i % 17);
      gsize n_removed = g_rand_int_range (rand, 0, 3);
      const char *inserted = pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))];
      const char *from;
      char *next;

      n_removed = MIN (n_removed, length - position);
      from = g_utf8_offset_to_pointer (expected, position);
      g_assert_cmpuint (mb_text_measure (text, position, n_removed), ==,
                        g_utf8_offset_to_pointer (from, n_removed) - from);
      next = splice_slowly (expected, position, n_removed, inserted);
      mb_text_splice (text, position, n_removed, inserted, strlen (inserted));
      g_free (expected);
      expected = next;
      g_assert_cmpuint (mb_text_get_size (text), ==, strlen (expected));
    }
  g_assert_cmpstr (mb_text_get (text), ==, expected);
}

/* Texts read in a load are packed into blocks (see
 * mb_text_begin_packing()): they read back as they were, one typed in
 * is copied out of its block first and its neighbours stay as they
 * were, and a block goes once the last text in it has.
 */
static void
test_packed (void)
{
  guint before = _mb_text_count_blocks ();
  g_autofree char *long_text = make_text (3000000);  /* more than is packed */
  MbText *texts[400];

  mb_text_begin_packing ();
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *text = g_strdup_printf ("Note %u: %s", i, i % 2 == 0 ? "We spoke about the plan." : "");

      texts[i] = mb_text_new (i == 7 ? long_text : text);
    }
  mb_text_end_packing ();
  /* 400 short texts in the small first block; the long one on its own. */
  g_assert_cmpuint (_mb_text_count_blocks (), ==, before + 1);

  mb_text_splice (texts[1], 8, 0, "typed after the load", strlen ("typed after the load"));
  mb_text_splice (texts[2], 0, 5, "", 0);
  mb_text_set (texts[3], "Set again.");
  g_assert_cmpstr (mb_text_get (texts[0]), ==, "Note 0: We spoke about the plan.");
  g_assert_cmpstr (mb_text_get (texts[1]), ==, "Note 1: typed after the load");
  g_assert_cmpstr (mb_text_get (texts[2]), ==, "2: We spoke about the plan.");
  g_assert_cmpstr (mb_text_get (texts[3]), ==, "Set again.");
  g_assert_cmpstr (mb_text_get (texts[4]), ==, "Note 4: We spoke about the plan.");
  g_assert_cmpstr (mb_text_get (texts[7]), ==, long_text);
  g_assert_cmpstr (mb_text_get (texts[399]), ==, "Note 399: ");

  for (guint i = 0; i < G_N_ELEMENTS (texts) - 1; i++)
    mb_text_free (texts[i]);
  g_assert_cmpuint (_mb_text_count_blocks (), ==, before + 1);
  mb_text_free (texts[G_N_ELEMENTS (texts) - 1]);
  g_assert_cmpuint (_mb_text_count_blocks (), ==, before);

  /* Not packing, a text is its own. */
  texts[0] = mb_text_new ("After the load.");
  g_assert_cmpuint (_mb_text_count_blocks (), ==, before);
  mb_text_free (texts[0]);
}

/* A text too large for a conversation is refused with a message that
 * names the limit; so is a paragraph too long. Taking text out, and
 * breaking a long paragraph in two, are never refused.
 */
static void
test_limits (void)
{
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) conversation = mb_conversation_new ("p", script, NULL);
  g_autofree char *ten = make_text (10 * 1000 * 1000);
  g_autofree char *eleven = make_text (11 * 1000 * 1000);
  g_autofree char *long_paragraph = g_strnfill (MB_TEXT_MAX_PARAGRAPH_CHARS, 'x');
  g_autofree char *lines = NULL;
  g_autofree char *limit = g_format_size (MB_TEXT_MAX_BYTES);
  g_autoptr(GError) error = NULL;
  gsize size;

  /* 10 MB goes in, as one paste; another 11 MB does not. */
  g_assert_true (mb_conversation_replace_text (conversation, MB_TEXT_PREPARATION_NOTES, NULL, 0, 0, ten, -1, &error));
  g_assert_no_error (error);
  g_assert_false (mb_conversation_replace_text (conversation, MB_TEXT_STEP_NOTES, "open", 0, 0, eleven, -1, &error));
  g_assert_error (error, MB_TEXT_ERROR, MB_TEXT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, limit));  /* “20.0 MB” */
  g_assert_cmpstr (mb_conversation_get_text (conversation, MB_TEXT_STEP_NOTES, "open"), ==, "");
  g_clear_error (&error);

  /* Up to the limit exactly, the last of it a key at a time. */
  size = strlen (ten);
  lines = g_strnfill (MB_TEXT_MAX_BYTES - size - 10, 'y');
  for (gsize i = 999; i < MB_TEXT_MAX_BYTES - size - 10; i += 1000)
    lines[i] = '\n';
  g_assert_true (mb_conversation_replace_text (conversation, MB_TEXT_REFLECTION, "listened", 0, 0, lines, -1, NULL));
  size += strlen (lines);
  while (mb_conversation_replace_text (conversation, MB_TEXT_REFLECTION, "listened", 0, 0, "z", 1, &error))
    size++;
  g_assert_cmpuint (size, ==, MB_TEXT_MAX_BYTES);
  g_assert_error (error, MB_TEXT_ERROR, MB_TEXT_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* At the limit, text still goes out, and changes that do not grow it. */
  g_assert_true (mb_conversation_replace_text (conversation, MB_TEXT_REFLECTION, "listened", 0, 1, "", 0, NULL));
  g_assert_true (mb_conversation_replace_text (conversation, MB_TEXT_REFLECTION, "listened", 0, 1, "q", 1, NULL));
  mb_conversation_set_text (conversation, MB_TEXT_REFLECTION, "listened", "");
  mb_conversation_set_text (conversation, MB_TEXT_PREPARATION_NOTES, NULL, "");

  /* A paragraph up to its limit; one more character is refused, and so
   * is a paste that would make one longer.
   */
  g_assert_true (mb_conversation_replace_text (conversation, MB_TEXT_STEP_NOTES, "open", 0, 0,
                                               long_paragraph, -1, NULL));
  g_assert_false (mb_conversation_replace_text (conversation, MB_TEXT_STEP_NOTES, "open", 100, 0, "é", -1, &error));
  g_assert_error (error, MB_TEXT_ERROR, MB_TEXT_ERROR_PARAGRAPH_TOO_LONG);
  g_assert_nonnull (strstr (error->message, "5000"));
  g_clear_error (&error);
  g_assert_true (mb_conversation_replace_text (conversation, MB_TEXT_STEP_NOTES, "open", 100, 0, "\n", -1, NULL));
  g_assert_true (mb_conversation_replace_text (conversation, MB_TEXT_STEP_NOTES, "open", 0, 0, "more", -1, NULL));
  g_assert_false (mb_conversation_replace_text (conversation, MB_TEXT_STEP_NOTES, "open", 0, 0,
                                                long_paragraph, -1, &error));
  g_assert_error (error, MB_TEXT_ERROR, MB_TEXT_ERROR_PARAGRAPH_TOO_LONG);
  g_clear_error (&error);

  /* A paragraph already too long, from a file: it can be broken up and
   * made shorter, but not longer.
   */
  g_strdelimit (ten, "\n", ' ');
  mb_conversation_set_text (conversation, MB_TEXT_STEP_NOTES, "open", ten);
  g_assert_false (mb_conversation_replace_text (conversation, MB_TEXT_STEP_NOTES, "open", 10, 0, "a", 1, &error));
  g_assert_error (error, MB_TEXT_ERROR, MB_TEXT_ERROR_PARAGRAPH_TOO_LONG);
  g_assert_true (mb_conversation_replace_text (conversation, MB_TEXT_STEP_NOTES, "open", 10, 1, "", 0, NULL));
  g_assert_true (mb_conversation_replace_text (conversation, MB_TEXT_STEP_NOTES, "open", 5000, 0, "\n", 1, NULL));
}

/* Texts go into the file as JSON strings, whatever they hold. */
static void
test_draft (void)
{
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) conversation = mb_conversation_new ("p", script, NULL);
  g_autoptr(MbConversation) read = NULL;
  g_autoptr(GHashTable) copies = mb_script_copies_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  GString *every = g_string_new (NULL);
  g_autofree char *all = NULL;

  for (int c = 1; c < 0x80; c++)
    g_string_append_c (every, c);
  g_string_append (every, "é 日本 🙂 \" \\ \\u0041 mb-text- ");
  all = g_string_free (every, FALSE);

  mb_conversation_set_text (conversation, MB_TEXT_PREPARATION, "facts", all);
  mb_conversation_set_text (conversation, MB_TEXT_STEP_NOTES, "open", "");
  mb_conversation_add_agreement (conversation, all, MB_PROMISED_BY_ME, NULL);
  bytes = mb_conversation_to_bytes (conversation);
  mb_script_copies_add (copies, script);
  read = mb_conversation_new_from_bytes (bytes, "draft.json", copies, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mb_conversation_get_text (read, MB_TEXT_PREPARATION, "facts"), ==, all);
  g_assert_cmpstr (mb_conversation_get_text (read, MB_TEXT_STEP_NOTES, "open"), ==, "");
  g_assert_null (strstr (g_bytes_get_data (bytes, NULL), "\"mb-text-"));
}

static gboolean
timed_out_cb (gpointer data)
{
  g_error ("Timed out waiting for a save");
  return G_SOURCE_REMOVE;
}

/* 10 MB pasted into notes, then typed on, is on disk whole. */
static void
test_large_round_trip (void)
{
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbJournal) journal = open_journal ();
  g_autoptr(MbJournal) again = NULL;
  g_autoptr(MbConversation) conversation = mb_conversation_new ("p", script, NULL);
  g_autofree char *ten = make_text (10 * 1000 * 1000);
  g_autofree char *expected = NULL;
  MbConversation *read;
  guint timeout;
  gsize chars;

  mb_journal_add_conversation (journal, conversation);
  g_assert_true (mb_conversation_replace_text (conversation, MB_TEXT_PREPARATION_NOTES, NULL, 0, 0, ten, -1, NULL));
  chars = g_utf8_strlen (ten, -1);
  for (const char *c = " typed"; *c != '\0'; c++)
    g_assert_true (mb_conversation_replace_text (conversation, MB_TEXT_PREPARATION_NOTES, NULL,
                                                 chars++, 0, c, 1, NULL));

  timeout = g_timeout_add_seconds (30, timed_out_cb, NULL);
  while (mb_journal_get_save_state (journal, G_OBJECT (conversation)) != MB_SAVE_STATE_SAVED)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);

  again = open_journal ();
  read = mb_journal_lookup_conversation (again, mb_conversation_get_id (conversation));
  g_assert_nonnull (read);
  expected = g_strconcat (ten, " typed", NULL);
  g_assert_true (g_str_equal (mb_conversation_get_text (read, MB_TEXT_PREPARATION_NOTES, NULL), expected));
  g_assert_true (mb_journal_flush (journal));
}

/* @old with @edits applied, from the last to the first; each edit
 * after the one before it, not overlapping it.
 */
static char *
apply_edits (const char       *old,
             const char       *text,
             const MbTextEdit *edits,
             guint             n_edits)
{
  GString *result = g_string_new (old);

  for (guint i = n_edits; i-- > 0;)
    {
      g_assert_cmpuint (edits[i].old_from, <=, edits[i].old_to);
      g_assert_cmpuint (edits[i].new_from, <=, edits[i].new_to);
      if (i > 0)
        {
          g_assert_cmpuint (edits[i - 1].old_to, <=, edits[i].old_from);
          g_assert_cmpuint (edits[i - 1].new_to, <=, edits[i].new_from);
        }
      g_string_erase (result, edits[i].old_from, edits[i].old_to - edits[i].old_from);
      g_string_insert_len (result, edits[i].old_from, text + edits[i].new_from,
                           edits[i].new_to - edits[i].new_from);
    }

  return g_string_free (result, FALSE);
}

/* Plans the update from @old to @text with the cursor at the "|" in
 * @old, and checks that it lands at the "|" in @text; returns how many
 * edits it took.
 */
static guint
plan_with_cursor (const char *old_marked,
                  const char *new_marked)
{
  g_auto(GStrv) old_parts = g_strsplit (old_marked, "|", 2);
  g_auto(GStrv) new_parts = g_strsplit (new_marked, "|", 2);
  g_autofree char *old = g_strconcat (old_parts[0], old_parts[1], NULL);
  g_autofree char *text = g_strconcat (new_parts[0], new_parts[1], NULL);
  g_autofree char *result = NULL;
  MbTextEdit edits[MB_TEXT_UPDATE_MAX_EDITS];
  gsize place = strlen (old_parts[0]);
  guint n_edits;

  g_test_message ("“%s” → “%s”", old_marked, new_marked);
  n_edits = mb_text_update_plan (old, strlen (old), text, strlen (text), &place, 1, edits);
  result = apply_edits (old, text, edits, n_edits);
  g_assert_cmpstr (result, ==, text);
  g_assert_cmpuint (place, ==, strlen (new_parts[0]));
  return n_edits;
}

/* Only what differs is replaced, and the cursor stays in its words:
 * in front of the change, behind it, and inside it when the words
 * around it are still there.
 */
static void
test_update_plan (void)
{
  g_assert_cmpuint (plan_with_cursor ("Two late| reports.", "Two late| reports."), ==, 0);
  g_assert_cmpuint (plan_with_cursor ("Two| late reports.", "Two| late reports this month."), ==, 1);
  g_assert_cmpuint (plan_with_cursor ("Late reports.|", "Two late reports.|"), ==, 1);
  /* At the place of an insertion: in front of it. */
  g_assert_cmpuint (plan_with_cursor ("She asked for help|.", "She asked for help| on Friday."), ==, 1);
  /* Changes on both sides: the cursor stays with the words around it. */
  g_assert_cmpuint (plan_with_cursor ("We spoke about the reports|, she said.",
                                      "On Monday we spoke about the reports|, she said. She agreed."), ==, 2);
  /* Changes on both sides and next to the cursor: with the words in front. */
  g_assert_cmpuint (plan_with_cursor ("Late reports twice|.",
                                      "Two late reports twice|, and a missed meeting.\nAsk why."), ==, 2);
  /* The words around it gone: at the end of what replaced them. */
  g_assert_cmpuint (plan_with_cursor ("She was late twi|ce.", "She was late three times|."), ==, 1);
  /* Characters of several bytes that begin or end alike. */
  g_assert_cmpuint (plan_with_cursor ("Café au lait|", "Cafè au lait|"), ==, 1);
  g_assert_cmpuint (plan_with_cursor ("I 😀 it|", "I 🙀 it|"), ==, 1);
  g_assert_cmpuint (plan_with_cursor ("|日本語", "|日本"), ==, 1);
  g_assert_cmpuint (plan_with_cursor ("Gone.|", "|"), ==, 1);
  g_assert_cmpuint (plan_with_cursor ("|", "|Back."), ==, 1);
}

/* A random text of @n words from a few, so that words repeat. */
static char *
random_words (GRand *rand,
              guint  n)
{
  static const char *words[] = { "she", "said", "the", "report", "late", "café", "日本", "🙂", "\n", "." };
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_string_append (text, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      if (g_rand_boolean (rand))
        g_string_append_c (text, ' ');
    }

  return g_string_free (text, FALSE);
}

/* A random place in @text at the start of a character. */
static gsize
random_place (GRand      *rand,
              const char *text)
{
  glong n_chars = g_utf8_strlen (text, -1);

  return g_utf8_offset_to_pointer (text, g_rand_int_range (rand, 0, n_chars + 1)) - text;
}

/* Whatever the texts: the edits make the new text, and the cursor and
 * the other end of the selection land at the start of a character, in
 * the same order as before.
 */
static void
test_update_plan_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (12);

  for (guint round = 0; round < 2000; round++)
    {
      g_autofree char *old = random_words (rand, g_rand_int_range (rand, 0, 30));
      g_autofree char *text = random_words (rand, g_rand_int_range (rand, 0, 30));
      g_autofree char *result = NULL;
      MbTextEdit edits[MB_TEXT_UPDATE_MAX_EDITS];
      gsize places[2] = { random_place (rand, old), random_place (rand, old) };
      gboolean ordered = places[0] <= places[1];
      guint n_edits;

      n_edits = mb_text_update_plan (old, strlen (old), text, strlen (text), places, 2, edits);
      result = apply_edits (old, text, edits, n_edits);
      g_assert_cmpstr (result, ==, text);
      for (guint i = 0; i < 2; i++)
        {
          g_assert_cmpuint (places[i], <=, strlen (text));
          g_assert_true (g_utf8_validate (text, places[i], NULL));
          g_assert_true (((guchar) text[places[i]] & 0xc0) != 0x80);
        }
      g_assert_true (ordered ? places[0] <= places[1] : places[1] <= places[0]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/text/splice", test_splice);
  g_test_add_func ("/text/packed", test_packed);
  g_test_add_func ("/text/limits", test_limits);
  g_test_add_func ("/text/draft", test_draft);
  g_test_add_func ("/text/large-round-trip", test_large_round_trip);
  g_test_add_func ("/text/update-plan", test_update_plan);
  g_test_add_func ("/text/update-plan-random", test_update_plan_random);

  return g_test_run ();
}
