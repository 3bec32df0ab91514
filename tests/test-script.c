/* test-script.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "mb-fold.h"
#include "mb-script.h"

typedef struct
{
  const char *file;
  int         code;
  const char *place; /* what the message must name after the file */
} BadScript;

static const BadScript bad_scripts[] = {
  { "empty.json", MB_SCRIPT_ERROR_EMPTY, ":1:1: " },
  { "whitespace.json", MB_SCRIPT_ERROR_EMPTY, ":1:1: " },
  { "syntax-trailing-comma.json", MB_SCRIPT_ERROR_SYNTAX, ":51:18: " },
  { "syntax-unclosed.json", MB_SCRIPT_ERROR_SYNTAX, ":10:23: " },
  { "invalid-utf8.json", MB_SCRIPT_ERROR_ENCODING, ":7:16: " },
  { "root-array.json", MB_SCRIPT_ERROR_NOT_A_SCRIPT, ": This is not" },
  { "missing-format.json", MB_SCRIPT_ERROR_NOT_A_SCRIPT, ": format: " },
  { "wrong-format.json", MB_SCRIPT_ERROR_NOT_A_SCRIPT, ": format: " },
  { "missing-version.json", MB_SCRIPT_ERROR_MISSING_MEMBER, "“version”" },
  { "newer-version.json", MB_SCRIPT_ERROR_NEWER_VERSION, ": version: " },
  { "version-string.json", MB_SCRIPT_ERROR_WRONG_TYPE, ": version: " },
  { "version-zero.json", MB_SCRIPT_ERROR_INVALID_VALUE, ": version: " },
  { "missing-id.json", MB_SCRIPT_ERROR_MISSING_MEMBER, "“id”" },
  { "bad-id.json", MB_SCRIPT_ERROR_INVALID_ID, ": id: " },
  { "id-number.json", MB_SCRIPT_ERROR_WRONG_TYPE, ": id: " },
  { "missing-title.json", MB_SCRIPT_ERROR_MISSING_MEMBER, "“title”" },
  { "empty-title.json", MB_SCRIPT_ERROR_EMPTY, ": title: " },
  { "title-number.json", MB_SCRIPT_ERROR_WRONG_TYPE, ": title: " },
  { "empty-language-object.json", MB_SCRIPT_ERROR_EMPTY, ": summary: " },
  { "bad-language-tag.json", MB_SCRIPT_ERROR_INVALID_LANGUAGE, ": title: " },
  { "language-value-not-string.json", MB_SCRIPT_ERROR_WRONG_TYPE, ": title.nl: " },
  { "empty-language-value.json", MB_SCRIPT_ERROR_EMPTY, ": steps[1].title.nl: " },
  { "missing-steps.json", MB_SCRIPT_ERROR_MISSING_MEMBER, "“steps”" },
  { "no-steps.json", MB_SCRIPT_ERROR_EMPTY, ": steps: " },
  { "steps-not-list.json", MB_SCRIPT_ERROR_WRONG_TYPE, ": steps: " },
  { "step-not-object.json", MB_SCRIPT_ERROR_WRONG_TYPE, ": steps[1]: " },
  { "step-missing-purpose.json", MB_SCRIPT_ERROR_MISSING_MEMBER, ": steps[1]: " },
  { "duplicate-step-id.json", MB_SCRIPT_ERROR_DUPLICATE_ID, ": steps[1].id: " },
  { "duplicate-question-id.json", MB_SCRIPT_ERROR_DUPLICATE_ID, ": reflection[0].id: " },
  { "question-missing-text.json", MB_SCRIPT_ERROR_MISSING_MEMBER, ": preparation[0]: " },
  { "phrases-not-list.json", MB_SCRIPT_ERROR_WRONG_TYPE, ": steps[0].phrases: " },
  { "empty-pitfall.json", MB_SCRIPT_ERROR_EMPTY, ": steps[0].pitfalls[1]: " },
  { "duration-too-long.json", MB_SCRIPT_ERROR_INVALID_VALUE, ": duration_minutes: " },
  { "duration-fraction.json", MB_SCRIPT_ERROR_WRONG_TYPE, ": duration_minutes: " },
  { "tags-not-list.json", MB_SCRIPT_ERROR_WRONG_TYPE, ": tags: " },
  { "scale-missing-label.json", MB_SCRIPT_ERROR_MISSING_MEMBER, ": reflection[0].scale: The member “max_label”" },
  { "scale-not-object.json", MB_SCRIPT_ERROR_WRONG_TYPE, ": reflection[0].scale: Expected an object" },
  { "scale-label-number.json", MB_SCRIPT_ERROR_WRONG_TYPE, ": reflection[0].scale.max_label: " },
  { "scale-on-preparation.json", MB_SCRIPT_ERROR_INVALID_VALUE, ": preparation[0].scale: " },
};

static GFile *
test_file (const char *kind,
           const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "scripts", kind, name, NULL);

  return g_file_new_for_path (path);
}

/* A path in this test's own, isolated data folder. */
static char *
scratch_path (const char *name)
{
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  return g_build_filename (g_get_user_data_dir (), name, NULL);
}

static void
test_bad_script (gconstpointer data)
{
  const BadScript *bad = data;
  g_autoptr(GFile) file = test_file ("bad", bad->file);
  g_autofree char *name = g_file_get_parse_name (file);
  g_autoptr(GError) error = NULL;
  g_autoptr(MbScript) script = mb_script_new_from_file (file, NULL, &error);

  g_assert_null (script);
  g_assert_error (error, MB_SCRIPT_ERROR, bad->code);
  /* The message starts with the file, then names the place. */
  g_assert_true (g_str_has_prefix (error->message, name));
  g_assert_nonnull (strstr (error->message + strlen (name), bad->place));
}

static void
test_all_bad_scripts_covered (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "scripts", "bad", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      gboolean listed = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (bad_scripts); i++)
        listed |= g_str_equal (bad_scripts[i].file, name);
      if (!listed)
        g_error ("tests/scripts/bad/%s has no expected error in test-script.c", name);
      n++;
    }

  g_assert_cmpuint (n, ==, G_N_ELEMENTS (bad_scripts));
}

static void
test_good_scripts (void)
{
  g_autoptr(GFile) minimal_file = test_file ("good", "minimal.json");
  g_autoptr(GFile) full_file = test_file ("good", "full.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(MbScript) minimal = mb_script_new_from_file (minimal_file, NULL, &error);
  g_autoptr(MbScript) full = NULL;
  g_autoptr(GFile) scales_file = test_file ("good", "scales.json");
  g_autoptr(MbScript) scales = NULL;
  const char * const english[] = { "en_US", "en", NULL };
  const char * const dutch[] = { "nl_NL", "nl", NULL };
  MbScriptStep *step;
  MbScriptQuestion *question;

  g_assert_no_error (error);
  g_assert_cmpstr (mb_script_get_id (minimal), ==, "minimal");
  g_assert_cmpuint (mb_script_get_duration_minutes (minimal), ==, 0);
  g_assert_cmpuint (mb_script_get_preparation (minimal)->len, ==, 0);
  g_assert_cmpuint (mb_script_get_reflection (minimal)->len, ==, 0);
  g_assert_cmpuint (mb_script_get_steps (minimal)->len, ==, 1);
  g_assert_false (mb_script_is_bundled (minimal));
  g_assert_true (mb_script_get_file (minimal) == minimal_file);

  /* Members the loader does not know are no obstacle. */
  full = mb_script_new_from_file (full_file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mb_script_get_duration_minutes (full), ==, 30);
  g_assert_cmpuint (mb_script_get_tags (full)->len, ==, 1);
  g_assert_cmpuint (mb_script_get_steps (full)->len, ==, 2);
  step = g_ptr_array_index (mb_script_get_steps (full), 0);
  g_assert_cmpstr (mb_script_step_get_id (step), ==, "open");
  g_assert_cmpstr (mb_localized_get_for_languages (mb_script_step_get_title (step), english), ==, "Open");
  g_assert_cmpuint (mb_script_step_get_questions (step)->len, ==, 1);
  g_assert_cmpuint (mb_script_step_get_phrases (step)->len, ==, 1);
  g_assert_cmpuint (mb_script_step_get_pitfalls (step)->len, ==, 1);
  question = g_ptr_array_index (mb_script_get_preparation (full), 0);
  g_assert_cmpstr (mb_script_question_get_id (question), ==, "facts");
  g_assert_cmpstr (mb_localized_get_for_languages (mb_script_question_get_hint (question), english),
                   ==, "Facts only.");
  g_assert_false (mb_script_question_has_scale (question));
  g_assert_null (mb_script_question_get_scale_min_label (question));

  /* A scale: its two ends, in every language given. */
  scales = mb_script_new_from_file (scales_file, NULL, &error);
  g_assert_no_error (error);
  question = g_ptr_array_index (mb_script_get_reflection (scales), 0);
  g_assert_false (mb_script_question_has_scale (question));
  question = g_ptr_array_index (mb_script_get_reflection (scales), 1);
  g_assert_true (mb_script_question_has_scale (question));
  g_assert_cmpstr (mb_localized_get_for_languages (mb_script_question_get_scale_min_label (question), english),
                   ==, "Hardly");
  g_assert_cmpstr (mb_localized_get_for_languages (mb_script_question_get_scale_max_label (question), dutch),
                   ==, "De hele tijd");
}

static void
test_every_problem_reported (void)
{
  const char *json =
    "{ \"format\": \"marbles-script\", \"version\": 1, \"id\": \"Bad Id\",\n"
    "  \"title\": \"\", \"steps\": [ { \"id\": \"a\", \"title\": \"A\" } ] }";
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
  g_auto(GStrv) problems = mb_script_check_bytes (bytes, "several.json");

  /* The id, the empty title, the missing summary and the missing purpose. */
  g_assert_cmpuint (g_strv_length (problems), ==, 4);
  for (guint i = 0; problems[i] != NULL; i++)
    g_assert_true (g_str_has_prefix (problems[i], "several.json: "));
  g_assert_nonnull (strstr (problems[3], "steps[0]"));
}

static void
test_too_large (void)
{
  gsize size = MB_SCRIPT_MAX_SIZE + 1;
  char *data = g_malloc (size);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MbScript) script = NULL;
  g_autofree char *path = scratch_path ("huge.json");
  g_autoptr(GFile) file = g_file_new_for_path (path);

  memset (data, ' ', size);
  data[0] = '{';
  data[size - 1] = '}';
  bytes = g_bytes_new_take (data, size);

  script = mb_script_new_from_bytes (bytes, "huge.json", &error);
  g_assert_null (script);
  g_assert_error (error, MB_SCRIPT_ERROR, MB_SCRIPT_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, "huge.json: "));
  g_clear_error (&error);

  /* From disk, a file that large is not even read. */
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), size, NULL));
  script = mb_script_new_from_file (file, NULL, &error);
  g_assert_null (script);
  g_assert_error (error, MB_SCRIPT_ERROR, MB_SCRIPT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "huge.json: "));
}

static void
test_not_a_file (void)
{
  g_autofree char *path = scratch_path ("folder.json");
  g_autofree char *link = scratch_path ("dangling.json");
  g_autoptr(GFile) folder = g_file_new_for_path (path);
  g_autoptr(GFile) dangling = g_file_new_for_path (link);
  g_autoptr(GError) error = NULL;
  g_autoptr(MbScript) script = NULL;

  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  script = mb_script_new_from_file (folder, NULL, &error);
  g_assert_error (error, MB_SCRIPT_ERROR, MB_SCRIPT_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "folder.json: "));
  g_clear_error (&error);

  g_assert_cmpint (symlink ("nowhere.json", link), ==, 0);
  script = mb_script_new_from_file (dangling, NULL, &error);
  g_assert_error (error, MB_SCRIPT_ERROR, MB_SCRIPT_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "dangling.json: "));
}

static void
test_language_fallback (void)
{
  g_autoptr(MbLocalized) text = mb_localized_new ();
  g_autoptr(MbLocalized) plain = mb_localized_new ();
  g_autoptr(MbLocalized) no_english = mb_localized_new ();
  const char * const dutch[] = { "nl_NL.UTF-8", "nl_NL", "nl.UTF-8", "nl", "C", NULL };
  const char * const flemish[] = { "nl_BE", "nl", "C", NULL };
  const char * const german[] = { "de_DE", "de", "C", NULL };
  const char * const brazilian[] = { "pt_BR", "pt", "C", NULL };

  mb_localized_add (text, "en", "Listen");
  mb_localized_add (text, "nl", "Luister");
  mb_localized_add (text, "nl-BE", "Luistert");
  mb_localized_add (text, "pt_BR", "Escute");

  g_assert_cmpstr (mb_localized_get_for_languages (text, dutch), ==, "Luister");
  g_assert_cmpstr (mb_localized_get_for_languages (text, flemish), ==, "Luistert");
  g_assert_cmpstr (mb_localized_get_for_languages (text, brazilian), ==, "Escute");
  g_assert_cmpstr (mb_localized_get_for_languages (text, german), ==, "Listen");

  mb_localized_add (plain, "", "Same for all");
  g_assert_cmpstr (mb_localized_get_for_languages (plain, dutch), ==, "Same for all");

  /* Neither the user's language nor English: the first one given. */
  mb_localized_add (no_english, "fr", "Écoute");
  mb_localized_add (no_english, "nl", "Luister");
  g_assert_cmpstr (mb_localized_get_for_languages (no_english, german), ==, "Écoute");
  g_assert_cmpstr (mb_localized_get_for_languages (no_english, dutch), ==, "Luister");

  g_assert_true (mb_localized_is_language_tag ("en"));
  g_assert_true (mb_localized_is_language_tag ("nl-BE"));
  g_assert_true (mb_localized_is_language_tag ("pt_BR"));
  g_assert_false (mb_localized_is_language_tag ("english"));
  g_assert_false (mb_localized_is_language_tag ("e"));
  g_assert_false (mb_localized_is_language_tag ("nl-"));
  g_assert_false (mb_localized_is_language_tag ("nl BE"));
}

static void
test_ids (void)
{
  g_assert_true (mb_script_is_valid_id ("restore-trust"));
  g_assert_true (mb_script_is_valid_id ("grow2"));
  g_assert_false (mb_script_is_valid_id (""));
  g_assert_false (mb_script_is_valid_id ("Restore"));
  g_assert_false (mb_script_is_valid_id ("-restore"));
  g_assert_false (mb_script_is_valid_id ("restore-"));
  g_assert_false (mb_script_is_valid_id ("restore--trust"));
  g_assert_false (mb_script_is_valid_id ("restore_trust"));
  g_assert_false (mb_script_is_valid_id ("a123456789a123456789a123456789a123456789a123456789a123456789abcde"));
}

static void
test_search (void)
{
  g_autoptr(GFile) file = test_file ("good", "full.json");
  g_autoptr(MbScript) script = mb_script_new_from_file (file, NULL, NULL);

  g_assert_nonnull (script);
  g_assert_true (mb_script_matches (script, ""));
  g_assert_true (mb_script_matches (script, "TEST"));
  g_assert_true (mb_script_matches (script, "testscript"));   /* Dutch title */
  g_assert_true (mb_script_matches (script, "proef"));        /* a tag */
  g_assert_true (mb_script_matches (script, "clôse"));        /* a step title, accents ignored */
  g_assert_true (mb_script_matches (script, "  script  tests "));
  g_assert_false (mb_script_matches (script, "script feedback"));
  g_assert_false (mb_script_matches (script, "happened"));    /* questions are not searched */
}

/* Inputs that once broke the loader under the fuzzer still load, or
 * fail with a message, but do not crash.
 */
static void
test_fuzz_regressions (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fuzz-regressions", NULL);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_auto(GStrv) problems = NULL;
      gsize len;

      if (!g_str_has_prefix (name, "script-"))
        continue;

      g_test_message ("%s", name);
      g_assert_true (g_file_get_contents (file, &contents, &len, NULL));
      bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
      problems = mb_script_check_bytes (bytes, name);
      for (guint i = 0; problems[i] != NULL; i++)
        g_assert_true (g_str_has_prefix (problems[i], name));
    }
}

/* Latin text folds as it always did: to its ASCII spelling in lower
 * case. (Folding once gave that for any text, which turned every other
 * script into "?"; this holds for Latin only.)
 */
static void
test_fold_latin (void)
{
  const char *texts[] = {
    "", "Plain ASCII, With Capitals 123.", "Één café, naïef, Müller", "Straße ÆØÅ æøå",
    "Ünïcödé at the end: é", "é at the start", "\t\nTabs\tand\nlines", "Łódź, Ærø",
    "“Quotes” — and ‘apostrophes’ don’t matter… ½ €", "ﬁne ＦＵＬＬＷＩＤＴＨ",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *ascii = g_str_to_ascii (texts[i], "C");
      g_autofree char *expected = g_ascii_strdown (ascii, -1);
      g_autofree char *folded = mb_fold_for_search (texts[i]);

      g_assert_cmpstr (folded, ==, expected);
    }
}

/* Every script folds to itself without case, accents or points. */
static const struct
{
  const char *text;
  const char *folded;
} scripts[] = {
  { "Café CAFE café", "cafe cafe cafe" },           /* decomposed too */
  { "STRASSE Straße ẞ", "strasse strasse ss" },
  { "İstanbul ISTANBUL IŞIK ışık", "istanbul istanbul isik isik" },
  { "Þórr ÞÓRR Đakovo", "þorr þorr đakovo" },     /* no ASCII spelling */
  { "Привет, МИР! Ёлка", "привет, мир! елка" },
  { "ΟΔΟΣ οδός Αθήνα", "οδοσ οδοσ αθηνα" },
  { "שָׁלוֹם שלום", "שלום שלום" },
  { "مَرْحَبًا مرحبا", "مرحبا مرحبا" },
  { "日本語の文章です。", "日本語の文章です。" },
  { "がっこう ガッコウ ｶﾞｯｺｳ", "がっこう ガッコウ ガッコウ" },
  { "한국어", "한국어" },
  { "🙂 ❤️ ❤", "🙂 ❤ ❤" },
  { "Why? ¿Qué? ？", "why? ¿que? ?" },
};

static void
test_fold_scripts (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (scripts); i++)
    {
      g_autofree char *folded = mb_fold_for_search (scripts[i].text);
      /* Kana keep their voicing marks, but apart. */
      g_autofree char *expected = g_utf8_normalize (scripts[i].folded, -1, G_NORMALIZE_NFD);
      g_autofree char *upper = g_utf8_strup (scripts[i].text, -1);
      g_autofree char *folded_upper = mb_fold_for_search (upper);
      g_autofree char *nfd = g_utf8_normalize (scripts[i].text, -1, G_NORMALIZE_NFD);
      g_autofree char *folded_nfd = mb_fold_for_search (nfd);
      g_autofree char *nfc = g_utf8_normalize (scripts[i].text, -1, G_NORMALIZE_NFC);
      g_autofree char *folded_nfc = mb_fold_for_search (nfc);

      g_test_message ("%s", scripts[i].text);
      g_assert_cmpstr (folded, ==, expected);
      /* Neither case nor the way accents are written counts. */
      g_assert_cmpstr (folded_upper, ==, folded);
      g_assert_cmpstr (folded_nfd, ==, folded);
      g_assert_cmpstr (folded_nfc, ==, folded);
    }
}

/* Every character: folding folded text changes nothing, its upper and
 * lower case fold alike, and only a question mark folds to one.
 */
static void
test_fold_every_character (void)
{
  for (gunichar c = 1; c < 0x30000; c++)
    {
      char utf8[8] = { 0 };
      g_autofree char *folded = NULL;
      g_autofree char *again = NULL;
      g_autofree char *upper = NULL;
      g_autofree char *lower = NULL;
      g_autofree char *folded_upper = NULL;
      g_autofree char *folded_lower = NULL;
      g_autofree char *nfkd = NULL;

      if (!g_unichar_validate (c) || g_unichar_type (c) == G_UNICODE_UNASSIGNED)
        continue;
      g_unichar_to_utf8 (c, utf8);
      folded = mb_fold_for_search (utf8);
      again = mb_fold_for_search (folded);
      if (g_strcmp0 (again, folded) != 0)
        g_error ("U+%04X folds to “%s”, which folds to “%s”", c, folded, again);
      upper = g_utf8_strup (utf8, -1);
      lower = g_utf8_strdown (utf8, -1);
      folded_upper = mb_fold_for_search (upper);
      folded_lower = mb_fold_for_search (lower);
      if (g_strcmp0 (folded_upper, folded_lower) != 0)
        g_error ("U+%04X: upper case folds to “%s”, lower case to “%s”", c, folded_upper, folded_lower);
      nfkd = g_utf8_normalize (utf8, -1, G_NORMALIZE_NFKD);
      if (strchr (folded, '?') != NULL && strchr (nfkd, '?') == NULL)
        g_error ("U+%04X folds to “%s”", c, folded);
    }
}

/* A place in folded text leads back to the character it came from. */
static void
test_fold_origin (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (scripts); i++)
    {
      const char *text = scripts[i].text;
      g_autofree char *folded = mb_fold_for_search (text);

      for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
        {
          g_autofree char *prefix = g_strndup (text, p - text);
          g_autofree char *before = mb_fold_for_search (prefix);
          g_autofree char *one = g_strndup (p, g_utf8_next_char (p) - p);
          g_autofree char *folded_one = mb_fold_for_search (one);

          if (folded_one[0] != '\0')
            g_assert_cmpuint (mb_fold_origin (text, strlen (before)), ==, p - text);
        }
      g_assert_cmpuint (mb_fold_origin (text, strlen (folded)), ==, strlen (text));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bad_scripts); i++)
    {
      g_autofree char *path = g_strdup_printf ("/script/bad/%s", bad_scripts[i].file);

      g_test_add_data_func (path, &bad_scripts[i], test_bad_script);
    }
  g_test_add_func ("/script/bad-covered", test_all_bad_scripts_covered);
  g_test_add_func ("/script/fold-for-search/latin", test_fold_latin);
  g_test_add_func ("/script/fold-for-search/scripts", test_fold_scripts);
  g_test_add_func ("/script/fold-for-search/every-character", test_fold_every_character);
  g_test_add_func ("/script/fold-for-search/origin", test_fold_origin);
  g_test_add_func ("/script/good", test_good_scripts);
  g_test_add_func ("/script/every-problem", test_every_problem_reported);
  g_test_add_func ("/script/too-large", test_too_large);
  g_test_add_func ("/script/not-a-file", test_not_a_file);
  g_test_add_func ("/script/language-fallback", test_language_fallback);
  g_test_add_func ("/script/ids", test_ids);
  g_test_add_func ("/script/search", test_search);
  g_test_add_func ("/script/fuzz-regressions", test_fuzz_regressions);

  return g_test_run ();
}
