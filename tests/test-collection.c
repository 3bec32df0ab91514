/* test-collection.c — the bundled scripts are complete in English and
 * Dutch and meet the minimums a leader can count on.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mb-script.h"

#define N_BUNDLED 20

static void
assert_both_languages (MbLocalized *text,
                       const char  *script,
                       const char  *where)
{
  if (text == NULL)
    return;

  if (mb_localized_get_for_language (text, "en") == NULL ||
      mb_localized_get_for_language (text, "nl") == NULL)
    g_error ("%s: %s is not in both English and Dutch", script, where);
}

static void
assert_all_languages (GPtrArray  *texts,
                      const char *script,
                      const char *where)
{
  for (guint i = 0; i < texts->len; i++)
    {
      g_autofree char *place = g_strdup_printf ("%s[%u]", where, i);

      assert_both_languages (g_ptr_array_index (texts, i), script, place);
    }
}

static void
assert_questions (GPtrArray  *questions,
                  const char *script,
                  const char *where)
{
  g_assert_cmpuint (questions->len, >=, 1);
  for (guint i = 0; i < questions->len; i++)
    {
      MbScriptQuestion *question = g_ptr_array_index (questions, i);
      g_autofree char *place = g_strdup_printf ("%s[%u]", where, i);

      assert_both_languages (mb_script_question_get_text (question), script, place);
      assert_both_languages (mb_script_question_get_hint (question), script, place);
      assert_both_languages (mb_script_question_get_scale_min_label (question), script, place);
      assert_both_languages (mb_script_question_get_scale_max_label (question), script, place);
    }
}

static void
check_script (MbScript *script)
{
  const char *id = mb_script_get_id (script);
  GPtrArray *steps = mb_script_get_steps (script);

  g_test_message ("%s", id);
  assert_both_languages (mb_script_get_title (script), id, "title");
  assert_both_languages (mb_script_get_summary (script), id, "summary");
  g_assert_cmpuint (mb_script_get_duration_minutes (script), >, 0);
  g_assert_cmpuint (mb_script_get_tags (script)->len, >=, 1);
  assert_all_languages (mb_script_get_tags (script), id, "tags");
  assert_questions (mb_script_get_preparation (script), id, "preparation");
  assert_questions (mb_script_get_reflection (script), id, "reflection");

  for (guint i = 0; i < steps->len; i++)
    {
      MbScriptStep *step = g_ptr_array_index (steps, i);
      g_autofree char *place = g_strdup_printf ("steps[%u]", i);

      assert_both_languages (mb_script_step_get_title (step), id, place);
      assert_both_languages (mb_script_step_get_purpose (step), id, place);
      assert_all_languages (mb_script_step_get_questions (step), id, place);
      assert_all_languages (mb_script_step_get_phrases (step), id, place);
      assert_all_languages (mb_script_step_get_pitfalls (step), id, place);
      if (mb_script_step_get_questions (step)->len < 2 ||
          mb_script_step_get_phrases (step)->len < 2 ||
          mb_script_step_get_pitfalls (step)->len < 1)
        g_error ("%s: %s needs at least two questions, two phrasings and one pitfall", id, place);
    }
}

static void
test_collection (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = g_resources_enumerate_children (SCRIPTS_RESOURCE_PATH, 0, &error);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *uri = g_strconcat ("resource://" SCRIPTS_RESOURCE_PATH "/", names[i], NULL);
      g_autoptr(GFile) file = g_file_new_for_uri (uri);
      g_autoptr(MbScript) script = mb_script_new_from_file (file, NULL, &error);

      g_assert_no_error (error);
      check_script (script);
      /* Ids are unique across the collection: one would hide another. */
      g_assert_false (g_hash_table_contains (ids, mb_script_get_id (script)));
      g_hash_table_add (ids, g_strdup (mb_script_get_id (script)));
      n++;
    }

  g_assert_cmpuint (n, ==, N_BUNDLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/collection/complete", test_collection);

  return g_test_run ();
}
