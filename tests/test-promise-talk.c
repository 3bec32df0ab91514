/* test-promise-talk.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "core-util.h"
#include "mb-promise-talk.h"

/* A bundled script, from the resources. */
static MbScript *
bundled_script (const char *id)
{
  g_autofree char *uri = g_strdup_printf ("resource://" SCRIPTS_RESOURCE_PATH "/%s.json", id);
  g_autoptr(GFile) file = g_file_new_for_uri (uri);
  g_autoptr(GError) error = NULL;
  MbScript *script = mb_script_new_from_file (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (mb_script_get_id (script), ==, id);
  return script;
}

/* Offered for the leader's own promises, alone or shared, that were not
 * kept or are still open; never for theirs, nor for one kept.
 */
static void
test_offered (void)
{
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) conversation = mb_conversation_new ("sanne", script, NULL);
  MbAgreement *mine = mb_conversation_add_agreement (conversation, "Send the plan", MB_PROMISED_BY_ME, NULL);
  MbAgreement *both = mb_conversation_add_agreement (conversation, "Meet weekly", MB_PROMISED_BY_BOTH, NULL);
  MbAgreement *theirs = mb_conversation_add_agreement (conversation, "Report", MB_PROMISED_BY_THEM, NULL);

  g_assert_true (mb_promise_talk_offered (mine));
  g_assert_true (mb_promise_talk_offered (both));
  g_assert_false (mb_promise_talk_offered (theirs));

  mb_agreement_set_status (mine, MB_AGREEMENT_NOT_KEPT);
  mb_agreement_set_status (theirs, MB_AGREEMENT_NOT_KEPT);
  mb_agreement_set_status (both, MB_AGREEMENT_KEPT);
  g_assert_true (mb_promise_talk_offered (mine));
  g_assert_false (mb_promise_talk_offered (theirs));
  g_assert_false (mb_promise_talk_offered (both));

  g_assert_cmpstrv (mb_promise_talk_scripts (),
                    ((const char *[]) { "own-a-mistake", "renegotiate-a-promise", NULL }));
}

/* Broken or late: own the mistake. Open in time: renegotiate. */
static void
test_script_rule (void)
{
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) conversation = mb_conversation_new ("sanne", script, NULL);
  g_autoptr(GDate) today = g_date_new_dmy (28, G_DATE_NOVEMBER, 2026);
  g_autoptr(GDate) yesterday = g_date_new_dmy (27, G_DATE_NOVEMBER, 2026);
  g_autoptr(GDate) next_week = g_date_new_dmy (5, G_DATE_DECEMBER, 2026);
  MbAgreement *late = mb_conversation_add_agreement (conversation, "Send the plan", MB_PROMISED_BY_ME, yesterday);
  MbAgreement *due_today = mb_conversation_add_agreement (conversation, "Call", MB_PROMISED_BY_ME, today);
  MbAgreement *in_time = mb_conversation_add_agreement (conversation, "Review", MB_PROMISED_BY_BOTH, next_week);
  MbAgreement *undated = mb_conversation_add_agreement (conversation, "Ask first", MB_PROMISED_BY_ME, NULL);

  g_assert_cmpstr (mb_promise_talk_script (late, today), ==, "own-a-mistake");
  g_assert_cmpstr (mb_promise_talk_script (due_today, today), ==, "renegotiate-a-promise");
  g_assert_cmpstr (mb_promise_talk_script (in_time, today), ==, "renegotiate-a-promise");
  g_assert_cmpstr (mb_promise_talk_script (undated, today), ==, "renegotiate-a-promise");

  /* Marked not kept, whatever its day. */
  mb_agreement_set_status (in_time, MB_AGREEMENT_NOT_KEPT);
  mb_agreement_set_status (undated, MB_AGREEMENT_NOT_KEPT);
  g_assert_cmpstr (mb_promise_talk_script (in_time, today), ==, "own-a-mistake");
  g_assert_cmpstr (mb_promise_talk_script (undated, today), ==, "own-a-mistake");
}

static void
test_note (void)
{
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) conversation = mb_conversation_new ("sanne", script, NULL);
  g_autoptr(GDate) due = g_date_new_dmy (28, G_DATE_NOVEMBER, 2026);
  MbAgreement *mine = mb_conversation_add_agreement (conversation, "Send the plan by Friday", MB_PROMISED_BY_ME, due);
  MbAgreement *both = mb_conversation_add_agreement (conversation, "Meet weekly", MB_PROMISED_BY_BOTH, NULL);
  MbAgreement *both_due = mb_conversation_add_agreement (conversation, "Agree the goals", MB_PROMISED_BY_BOTH, due);
  MbAgreement *undated = mb_conversation_add_agreement (conversation, "Ask first", MB_PROMISED_BY_ME, NULL);
  g_autofree char *mine_note = mb_promise_talk_note (mine);
  g_autofree char *both_note = mb_promise_talk_note (both);
  g_autofree char *both_due_note = mb_promise_talk_note (both_due);
  g_autofree char *undated_note = mb_promise_talk_note (undated);

  g_assert_cmpstr (mine_note, ==, "The promise: “Send the plan by Friday” (due 28 Nov 2026).");
  g_assert_cmpstr (both_note, ==, "The promise we both made: “Meet weekly”.");
  g_assert_cmpstr (both_due_note, ==, "The promise we both made: “Agree the goals” (due 28 Nov 2026).");
  g_assert_cmpstr (undated_note, ==, "The promise: “Ask first”.");
}

/* A promise longer than one can type, from a file, is cut short. */
static void
test_long_note (void)
{
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) conversation = mb_conversation_new ("sanne", script, NULL);
  g_autofree char *long_text = g_strnfill (4 * MB_TEXT_MAX_PARAGRAPH_CHARS, 'x');
  g_autofree char *typed = g_strnfill (MB_TEXT_MAX_LINE_CHARS, 'y');
  MbAgreement *huge = mb_conversation_add_agreement (conversation, long_text, MB_PROMISED_BY_ME, NULL);
  MbAgreement *longest = mb_conversation_add_agreement (conversation, typed, MB_PROMISED_BY_ME, NULL);
  g_autofree char *huge_note = mb_promise_talk_note (huge);
  g_autofree char *longest_note = mb_promise_talk_note (longest);
  g_autofree char *expected = g_strdup_printf ("The promise: “%s”.", typed);

  g_assert_cmpint (g_utf8_strlen (huge_note, -1), <, MB_TEXT_MAX_LINE_CHARS + 40);
  g_assert_true (g_str_has_prefix (huge_note, "The promise: “xxx"));
  g_assert_cmpstr (longest_note, ==, expected);
}

/* Into the question that asks about the promise; in another script, the
 * free notes; after what is there.
 */
static void
test_put (void)
{
  g_autoptr(MbScript) own = bundled_script ("own-a-mistake");
  g_autoptr(MbScript) renegotiate = bundled_script ("renegotiate-a-promise");
  g_autoptr(MbScript) other = load_script ("full.json");
  g_autoptr(MbConversation) before = mb_conversation_new ("sanne", other, NULL);
  g_autoptr(MbConversation) owning = mb_conversation_new ("sanne", own, NULL);
  g_autoptr(MbConversation) renegotiating = mb_conversation_new ("sanne", renegotiate, NULL);
  g_autoptr(MbConversation) elsewhere = mb_conversation_new ("sanne", other, NULL);
  MbAgreement *promise = mb_conversation_add_agreement (before, "Send the plan", MB_PROMISED_BY_ME, NULL);
  const char *key = "unset";

  g_assert_cmpint (mb_promise_talk_put (owning, promise, &key), ==, MB_TEXT_PREPARATION);
  g_assert_cmpstr (key, ==, "what-i-did");
  g_assert_cmpstr (mb_conversation_get_text (owning, MB_TEXT_PREPARATION, "what-i-did"), ==,
                   "The promise: “Send the plan”.");

  g_assert_cmpint (mb_promise_talk_put (renegotiating, promise, &key), ==, MB_TEXT_PREPARATION);
  g_assert_cmpstr (key, ==, "the-promise");
  g_assert_cmpstr (mb_conversation_get_text (renegotiating, MB_TEXT_PREPARATION, "the-promise"), ==,
                   "The promise: “Send the plan”.");

  mb_conversation_set_text (elsewhere, MB_TEXT_PREPARATION_NOTES, NULL, "Book a quiet room.");
  g_assert_cmpint (mb_promise_talk_put (elsewhere, promise, &key), ==, MB_TEXT_PREPARATION_NOTES);
  g_assert_null (key);
  g_assert_cmpstr (mb_conversation_get_text (elsewhere, MB_TEXT_PREPARATION_NOTES, NULL), ==,
                   "Book a quiet room.\n\nThe promise: “Send the plan”.");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/promise-talk/offered", test_offered);
  g_test_add_func ("/promise-talk/script-rule", test_script_rule);
  g_test_add_func ("/promise-talk/note", test_note);
  g_test_add_func ("/promise-talk/long-note", test_long_note);
  g_test_add_func ("/promise-talk/put", test_put);

  return g_test_run ();
}
