/* test-lens.c — the judgement lens: rules, checks and the user's file
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "lens-util.h"

/* Both languages' bundled rules are right. */
static void
test_bundled (void)
{
  for (const char * const *language = mb_lens_get_languages (); *language != NULL; language++)
    {
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) problems = NULL;
      g_autoptr(MbLensRules) rules = mb_lens_rules_load (*language, NULL, &problems, &error);

      g_assert_no_error (error);
      g_assert_nonnull (rules);
      g_assert_cmpstrv (problems, ((const char *[]) { NULL }));
      g_assert_cmpstr (mb_lens_rules_get_language (rules), ==, *language);
    }
}

static void
test_unknown_language (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MbLensRules) rules = mb_lens_rules_load ("fr", NULL, NULL, &error);

  g_assert_null (rules);
  g_assert_error (error, MB_LENS_ERROR, MB_LENS_ERROR_LANGUAGE);
  g_assert_nonnull (strstr (error->message, "“fr”"));
}

static void
test_inflections (void)
{
  g_autoptr(MbLensRules) en = bundled_rules ("en");
  g_autoptr(MbLensRules) nl = bundled_rules ("nl");

  assert_flagged (nl, "Mehmet is lui.", "label:lui");
  assert_flagged (nl, "Een luie medewerker.", "label:luie");
  assert_flagged (nl, "Hij is onbetrouwbaar.", "label:onbetrouwbaar");
  assert_flagged (nl, "Een onbetrouwbare collega.", "label:onbetrouwbare");
  assert_flagged (nl, "Joris komt nooit op tijd.", "absolute:nooit");
  assert_flagged (nl, "Ze is altijd te laat.", "absolute:altijd");
  assert_flagged (nl, "Steeds weer dezelfde discussie met Bram.", "absolute:Steeds weer");
  /* Case, accents and an intensifier do not count. */
  assert_flagged (nl, "HIJ IS NAÏEF.", "label:NAÏEF");
  assert_flagged (nl, "Ze is naief.", "label:naief");
  assert_flagged (nl, "Esther is superbetrouwbaar.", "label:superbetrouwbaar");
  /* "steeds" as "more and more" is not an absolute. */
  assert_flagged (nl, "Bram komt steeds beter op tijd.", "");

  assert_flagged (en, "He is lazy.", "label:lazy");
  assert_flagged (en, "She never listens.", "absolute:never");
  assert_flagged (en, "He sighs every time I ask.", "absolute:every time");
  assert_flagged (en, "She ALWAYS interrupts.", "absolute:ALWAYS");
  /* A typographic apostrophe is an apostrophe. */
  assert_flagged (en, "He doesn’t care about the customers.", "mind-reading:doesn’t care");
  assert_flagged (en, "He doesn't care about the customers.", "mind-reading:doesn't care");
}

static void
test_negation (void)
{
  g_autoptr(MbLensRules) en = bundled_rules ("en");
  g_autoptr(MbLensRules) nl = bundled_rules ("nl");

  assert_flagged (en, "He is not lazy; he is on three projects.", "");
  assert_flagged (en, "He isn't lazy.", "");
  assert_flagged (en, "I don't think she is arrogant.", "");
  assert_flagged (en, "He is not always on time.", "");
  /* A denied compliment is a judgement; a denied guess is a guess. */
  assert_flagged (en, "Dan is not reliable.", "label:reliable");
  assert_flagged (en, "He doesn't care.", "mind-reading:doesn't care");

  assert_flagged (nl, "Ik vind hem niet lui.", "");
  assert_flagged (nl, "Hij is geen luie medewerker.", "");
  assert_flagged (nl, "Hij is niet altijd op tijd.", "");
  assert_flagged (nl, "Ze is niet betrouwbaar.", "label:betrouwbaar");
  assert_flagged (nl, "Het interesseert hem niet.", "mind-reading:interesseert hem niet");
}

static void
test_quotes (void)
{
  g_autoptr(MbLensRules) en = bundled_rules ("en");
  g_autoptr(MbLensRules) nl = bundled_rules ("nl");

  /* Someone else's words, quoted or reported, are theirs. */
  assert_flagged (en, "She said I'm always late.", "");
  assert_flagged (en, "Tom said \"you never listen to me\" and left.", "");
  assert_flagged (en, "According to Helen, the team is lazy.", "");
  assert_flagged (nl, "Hij zei: “ik ben nu eenmaal lui.”", "");
  assert_flagged (nl, "Volgens Bram is Sanne onbetrouwbaar.", "");
  assert_flagged (nl, "Lotte vindt dat Joris nooit meedenkt.", "");
  /* Words mentioned are not used. */
  assert_flagged (en, "Leave out words like ‘always’ and ‘never’.", "");
  assert_flagged (nl, "Woorden als 'altijd' en 'nooit' horen bij het verhaal.", "");
  /* The leader's own words are the leader's. */
  assert_flagged (en, "I told him: \"you never listen\".", "absolute:never");
  assert_flagged (nl, "Volgens mij is Joris gewoon lui.", "label:lui");
  /* A judgement named as an assumption is not one. */
  assert_flagged (en, "I assumed he didn't care; I will ask.", "");
  assert_flagged (nl, "Ik ging ervan uit dat het hem niet kon schelen.", "");
}

static void
test_leader (void)
{
  g_autoptr(MbLensRules) en = bundled_rules ("en");
  g_autoptr(MbLensRules) nl = bundled_rules ("nl");

  assert_flagged (en, "I always start our one-to-ones late.", "");
  assert_flagged (en, "I was impatient with her.", "");
  assert_flagged (nl, "Ik was ongeduldig en dat heb ik gezegd.", "");
  assert_flagged (nl, "Ik vraag Yusuf nooit hoe het met hem gaat.", "");
  /* An apology is the leader's own, and so is its "but". */
  assert_flagged (en, "I'm sorry I was late, but the meeting ran over.",
                  "cancelling-but:sorry I was late, but");
  assert_flagged (nl, "Sorry, maar ik zie dat anders.", "cancelling-but:Sorry, maar");
  assert_flagged (en, "I said sorry and asked what I could do differently.", "");
}

/* Words that judge people, not things; always about people, not
 * schedules.
 */
static void
test_context (void)
{
  g_autoptr(MbLensRules) en = bundled_rules ("en");
  g_autoptr(MbLensRules) nl = bundled_rules ("nl");

  assert_flagged (en, "Fiona is difficult.", "label:difficult");
  assert_flagged (en, "A difficult conversation for both of us.", "");
  assert_flagged (en, "The data is unreliable before March.", "");
  assert_flagged (en, "The build is always red on Fridays.", "");
  assert_flagged (en, "Why does this always happen with Marcus?", "absolute:always");
  assert_flagged (nl, "Noor is een lastige collega.", "label:lastige");
  assert_flagged (nl, "Lastig gesprek, voor ons allebei.", "");
  assert_flagged (nl, "Het systeem is traag sinds de update.", "");
  assert_flagged (nl, "De stand-up is altijd om kwart over negen.", "");
  /* Praise of work is not a label; praise of a person is. */
  assert_flagged (en, "Great presentation, the board asked two questions.", "");
  assert_flagged (en, "Priya is brilliant.", "label:brilliant");
  /* A label of work is a verdict on it. */
  assert_flagged (en, "Sam handed in a sloppy report.", "evaluation:sloppy");
  assert_flagged (en, "Ben is sloppy.", "label:sloppy");
}

/* Spans are byte offsets into the text checked, per paragraph. */
static void
test_offsets (void)
{
  g_autoptr(MbLensRules) nl = bundled_rules ("nl");
  const char *text = "Één ding: hij is lui.\n\nZe komt nooit.";
  g_autoptr(GArray) spans = mb_lens_check (nl, text, -1);
  gsize start, end;

  g_assert_cmpuint (spans->len, ==, 2);
  g_assert_cmpuint (g_array_index (spans, MbLensSpan, 0).start, ==, strstr (text, "lui") - text);
  g_assert_cmpuint (g_array_index (spans, MbLensSpan, 0).end, ==, strstr (text, "lui") - text + 3);
  g_assert_cmpint (g_array_index (spans, MbLensSpan, 0).category, ==, MB_LENS_LABEL);
  g_assert_cmpstr (g_array_index (spans, MbLensSpan, 0).rule_id, ==, "lui");
  g_assert_cmpuint (g_array_index (spans, MbLensSpan, 1).start, ==, strstr (text, "nooit") - text);
  g_assert_cmpint (g_array_index (spans, MbLensSpan, 1).category, ==, MB_LENS_ABSOLUTE);

  /* A paragraph checked on its own gives the same, moved by its start. */
  mb_lens_paragraph_bounds (text, strlen (text), strstr (text, "komt") - text, &start, &end);
  g_assert_cmpuint (start, ==, strstr (text, "Ze") - text);
  g_assert_cmpuint (end, ==, strlen (text));
  {
    g_autoptr(GArray) one = mb_lens_check (nl, text + start, end - start);

    g_assert_cmpuint (one->len, ==, 1);
    g_assert_cmpuint (g_array_index (one, MbLensSpan, 0).start + start, ==,
                      g_array_index (spans, MbLensSpan, 1).start);
  }

  mb_lens_paragraph_bounds (text, strlen (text), strlen ("Één ding: hij is lui.\n"), &start, &end);
  g_assert_cmpuint (start, ==, end);

  /* A quotation left open runs to the end of its paragraph only. */
  assert_flagged (nl, "Ze zei: \"ik ben lui\nHij is lui.", "label:lui");
  /* A quotation closed before any word, then words. */
  assert_flagged (nl, "' ' hij is lui", "label:lui");
  assert_flagged (nl, "\"\" hij is lui", "label:lui");
  /* Nothing to find in what is not text. */
  assert_flagged (nl, "", "");
  assert_flagged (nl, "\xff\xfe lui \xc3", "label:lui");
}

static void
test_user_add (void)
{
  g_autoptr(MbLensRules) rules = rules_with ("nl",
    "{ \"format\": \"marbles-lens\", \"version\": 1,"
    "  \"rules\": [ { \"id\": \"mijn-woord\", \"category\": \"label\","
    "                 \"patterns\": [ \"knurft\", \"knurfte\" ] } ] }");

  assert_flagged (rules, "Hij is een knurfte vent.", "label:knurfte");
  assert_flagged (rules, "Hij is niet knurft.", "");
  /* The bundled rules still work. */
  assert_flagged (rules, "Hij is lui.", "label:lui");
}

static void
test_user_silence (void)
{
  g_autoptr(MbLensRules) rules = rules_with ("en",
    "{ \"format\": \"marbles-lens\", \"version\": 1, \"language\": \"en\","
    "  \"silence\": [ \"always\", \"mind-reading-doesnt-care\", \"doesnt-care\" ] }");

  assert_flagged (rules, "Sam is always late.", "");
  assert_flagged (rules, "He doesn't care.", "");
  assert_flagged (rules, "He never listens.", "absolute:never");
}

/* A rule of the user's with a bundled id takes the bundled one's place. */
static void
test_user_replace (void)
{
  g_autoptr(MbLensRules) rules = rules_with ("en",
    "{ \"format\": \"marbles-lens\", \"version\": 1,"
    "  \"rules\": [ { \"id\": \"lazy\", \"category\": \"label\", \"patterns\": [ \"idle\" ] } ] }");

  assert_flagged (rules, "He is lazy.", "");
  assert_flagged (rules, "He is idle.", "label:idle");
}

/* A user's file with problems is left out and reported, by name and
 * reason; the bundled rules still work.
 */
static void
test_user_broken (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "marbles", NULL);
  g_autofree char *path = g_build_filename (dir, "lens-en.json", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) problems = NULL;
  g_autoptr(MbLensRules) rules = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path,
    "{ \"format\": \"marbles-lens\", \"version\": 1,\n"
    "  \"rules\": [ { \"id\": \"Mine\", \"category\": \"labels\", \"patterns\": [ \"[never]\" ] } ],\n"
    "  \"words\": { \"persons\": [ \"x y\" ] } }", -1, NULL));

  rules = mb_lens_rules_load ("en", NULL, &problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rules);
  assert_flagged (rules, "He is lazy.", "label:lazy");

  g_assert_cmpuint (g_strv_length (problems), ==, 4);
  for (guint i = 0; problems[i] != NULL; i++)
    g_assert_true (g_str_has_prefix (problems[i], path));
  g_assert_nonnull (strstr (problems[0], ": words.persons: “persons” is not a word class"));
  g_assert_nonnull (strstr (problems[1], ": rules[0].id: “Mine” is not a valid id"));
  g_assert_nonnull (strstr (problems[2], ": rules[0].category: “labels” is not one of: label, "));
  g_assert_nonnull (strstr (problems[3], ": rules[0].patterns[0]: A pattern cannot start or end"));

  /* Not JSON: the place where reading stopped. */
  g_clear_pointer (&problems, g_strfreev);
  g_clear_pointer (&rules, mb_lens_rules_unref);
  g_assert_true (g_file_set_contents (path, "{ \"format\": \"marbles-lens\",, }", -1, NULL));
  rules = mb_lens_rules_load ("en", NULL, &problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (problems), ==, 1);
  g_assert_true (g_str_has_prefix (problems[0], path));
  g_assert_true (g_str_has_prefix (problems[0] + strlen (path), ":1:"));
  assert_flagged (rules, "He is lazy.", "label:lazy");

  /* For another language, or a newer Marbles. */
  g_clear_pointer (&problems, g_strfreev);
  g_clear_pointer (&rules, mb_lens_rules_unref);
  g_assert_true (g_file_set_contents (path, "{ \"format\": \"marbles-lens\", \"version\": 1, \"language\": \"nl\" }", -1, NULL));
  rules = mb_lens_rules_load ("en", NULL, &problems, &error);
  g_assert_cmpstr (problems[0] + strlen (path), ==, ": language: The rules are for “nl”, not for “en”");

  g_clear_pointer (&problems, g_strfreev);
  g_clear_pointer (&rules, mb_lens_rules_unref);
  g_assert_true (g_file_set_contents (path, "{ \"format\": \"marbles-lens\", \"version\": 2 }", -1, NULL));
  rules = mb_lens_rules_load ("en", NULL, &problems, &error);
  g_assert_nonnull (strstr (problems[0], "(format version 2)"));
  g_assert_cmpint (g_unlink (path), ==, 0);
}

/* A broken bundled file is an error: there are no rules without it. */
static void
test_bundled_broken (void)
{
  const char *json = "{ \"format\": \"marbles-lens\", \"version\": 1 }";
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
  g_autoptr(GError) error = NULL;
  g_autoptr(MbLensRules) rules = mb_lens_rules_new_from_bytes (bytes, "x.json", NULL, NULL, NULL, &error);

  g_assert_null (rules);
  g_assert_error (error, MB_LENS_ERROR, MB_LENS_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "x.json: The member “language” is missing");
}

typedef struct
{
  MbLensRules *rules;
  const char  *text;
  char        *result;
} Job;

static gpointer
check_in_thread (gpointer data)
{
  Job *job = data;

  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *result = flagged (job->rules, job->text);

      if (i == 0)
        job->result = g_strdup (result);
      g_assert_cmpstr (result, ==, job->result);
    }
  return NULL;
}

/* One set of rules, checked from several threads at once. */
static void
test_threads (void)
{
  g_autoptr(MbLensRules) rules = bundled_rules ("en");
  const char *text = "Sam is always late. He doesn't care. I'm sorry, but a sloppy report again.";
  g_autofree char *expected = flagged (rules, text);
  Job jobs[4];
  GThread *threads[G_N_ELEMENTS (jobs)];

  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      jobs[i] = (Job) { rules, text, NULL };
      threads[i] = g_thread_new ("lens", check_in_thread, &jobs[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      g_thread_join (threads[i]);
      g_assert_cmpstr (jobs[i].result, ==, expected);
      g_free (jobs[i].result);
    }
}

/* Each category's example is flagged as that category, and its
 * rephrasing is not, in the language of the interface.
 */
static void
check_examples (MbLensRules *rules)
{
  for (MbLensCategory category = 0; category < MB_LENS_N_CATEGORIES; category++)
    {
      const char *example = mb_lens_category_get_example (category);
      g_autoptr(GArray) spans = mb_lens_check (rules, example, -1);

      g_assert_cmpuint (spans->len, ==, 1);
      g_assert_cmpint (g_array_index (spans, MbLensSpan, 0).category, ==, category);
      assert_flagged (rules, mb_lens_category_get_rephrased (category), "");
      g_assert_cmpstr (mb_lens_category_get_name (category), !=, "");
      g_assert_cmpstr (mb_lens_category_get_question (category), !=, "");
      g_assert_cmpstr (mb_lens_category_get_explanation (category), !=, "");
    }
}

static void
test_examples (void)
{
  g_autoptr(MbLensRules) en = bundled_rules ("en");

  check_examples (en);
  g_assert_cmpstr (mb_lens_category_get_question (MB_LENS_LABEL), ==,
                   "What did you see or hear that made you think that?");
}

static void
test_examples_dutch (void)
{
  g_autofree char *localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  g_autofree char *mo = g_build_filename (localedir, "nl", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  g_autoptr(MbLensRules) nl = bundled_rules ("nl");

  if (!g_file_test (mo, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("The Dutch translation is not built");
      return;
    }

  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_setenv ("LANGUAGE", "nl", TRUE);

  g_assert_cmpstr (mb_lens_category_get_question (MB_LENS_LABEL), ==, "Wat zag of hoorde je precies?");
  check_examples (nl);

  g_setenv ("LANGUAGE", "C", TRUE);
  textdomain ("messages");
}

static void
test_categories (void)
{
  MbLensCategory category;

  for (MbLensCategory i = 0; i < MB_LENS_N_CATEGORIES; i++)
    {
      g_assert_true (mb_lens_category_from_string (mb_lens_category_to_string (i), &category));
      g_assert_cmpint (category, ==, i);
    }
  g_assert_false (mb_lens_category_from_string ("labels", &category));
  g_assert_cmpstr (mb_lens_category_to_string (MB_LENS_MIND_READING), ==, "mind-reading");
}

static void
test_default_language (void)
{
  g_setenv ("LANGUAGE", "nl_BE:en", TRUE);
  g_assert_cmpstr (mb_lens_default_language (), ==, "nl");
  g_setenv ("LANGUAGE", "fr:en_GB", TRUE);
  g_assert_cmpstr (mb_lens_default_language (), ==, "en");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_assert_cmpstr (mb_lens_default_language (), ==, "en");
}

/* Every input the fuzzer found a bug with (tests/fuzz-regressions/),
 * as fuzz/fuzz-lens.c uses it: read as a user's rules, checked as a note.
 */
static void
test_fuzz_regressions (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "fuzz-regressions", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GBytes) user = NULL;
      g_autoptr(GBytes) bundled = NULL;
      g_autoptr(MbLensRules) rules = NULL;
      g_autoptr(GArray) spans = NULL;
      g_autofree char *resource = NULL;
      gsize length;

      if (!g_str_has_prefix (name, "lens-"))
        continue;
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_cmpuint (length, >, 0);
      resource = g_strconcat (LENS_RESOURCE, contents[0] % 2 == 0 ? "en" : "nl", ".json", NULL);
      bundled = g_resources_lookup_data (resource, 0, NULL);
      user = g_bytes_new (contents + 1, length - 1);
      rules = mb_lens_rules_new_from_bytes (bundled, resource, user, name, NULL, NULL);
      g_assert_nonnull (rules);
      spans = mb_lens_check (rules, contents + 1, length - 1);
      for (guint i = 0; i < spans->len; i++)
        g_assert_cmpuint (g_array_index (spans, MbLensSpan, i).end, <=, length - 1);
      n++;
    }
  g_assert_cmpuint (n, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/lens/bundled", test_bundled);
  g_test_add_func ("/lens/unknown-language", test_unknown_language);
  g_test_add_func ("/lens/inflections", test_inflections);
  g_test_add_func ("/lens/negation", test_negation);
  g_test_add_func ("/lens/quotes", test_quotes);
  g_test_add_func ("/lens/leader", test_leader);
  g_test_add_func ("/lens/context", test_context);
  g_test_add_func ("/lens/offsets", test_offsets);
  g_test_add_func ("/lens/user/add", test_user_add);
  g_test_add_func ("/lens/user/silence", test_user_silence);
  g_test_add_func ("/lens/user/replace", test_user_replace);
  g_test_add_func ("/lens/user/broken", test_user_broken);
  g_test_add_func ("/lens/bundled-broken", test_bundled_broken);
  g_test_add_func ("/lens/threads", test_threads);
  g_test_add_func ("/lens/examples", test_examples);
  g_test_add_func ("/lens/examples-dutch", test_examples_dutch);
  g_test_add_func ("/lens/categories", test_categories);
  g_test_add_func ("/lens/default-language", test_default_language);
  g_test_add_func ("/lens/fuzz-regressions", test_fuzz_regressions);

  return g_test_run ();
}
