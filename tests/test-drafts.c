/* test-drafts.c — what the leader typed and did not add yet, texts of
 * the conversation: the agreement (in its file as "talk.agreement_draft")
 * and the reason of a marble in or out ("reflection.marble_in_draft",
 * "reflection.marble_out_draft"), each only while there is one, so files
 * without one stay byte for byte as they were; kept as they were when
 * this version cannot read them; emptied in the same change that adds
 * them; merged as one-line texts, both versions kept; found by search;
 * in the export, not as agreements or marbles.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "core-util.h"
#include "merge-util.h"
#include "mb-export.h"

static gboolean
bytes_have (GBytes     *bytes,
            const char *text)
{
  return g_strstr_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), text) != NULL;
}

/* The "talk" object of @bytes is @expected, whatever the order of its
 * members.
 */
static void
assert_talk (GBytes     *bytes,
             const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = json_from_string (g_bytes_get_data (bytes, NULL), &error);
  g_autoptr(JsonNode) want = json_from_string (expected, NULL);
  JsonNode *talk;

  g_assert_no_error (error);
  talk = json_object_get_member (json_node_get_object (root), "talk");
  if (!json_node_equal (talk, want))
    {
      g_autofree char *got = json_to_string (talk, FALSE);

      g_assert_cmpstr (got, ==, expected);
    }
}

static void
changed_cb (MbConversation *conversation,
            guint          *count)
{
  (*count)++;
}

static MbConversation *
new_conversation (void)
{
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(GDateTime) when = g_date_time_new_local (2026, 11, 24, 14, 30, 0);
  MbConversation *conversation = mb_conversation_new ("person-1", script, when);

  mb_conversation_set_text (conversation, MB_TEXT_STEP_NOTES, "open", "Nervous at first.");
  mb_conversation_add_agreement (conversation, "Weekly check-in", MB_PROMISED_BY_BOTH, NULL);
  return conversation;
}

static void
test_round_trip (void)
{
  g_autoptr(MbConversation) conversation = new_conversation ();
  g_autoptr(MbConversation) read = NULL;
  g_autoptr(MbConversation) again = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) added = NULL;
  MbAgreement *agreement;
  guint changes = 0;

  mb_conversation_set_text (conversation, MB_TEXT_AGREEMENT_DRAFT, NULL, " Send the plan by ");
  bytes = mb_conversation_to_bytes (conversation);
  assert_talk (bytes, "{\"seconds\":0,\"agreement_draft\":\" Send the plan by \"}");

  /* Opened again, as after a crash: the draft is there, as typed. */
  read = read_like (conversation, bytes);
  g_assert_cmpstr (mb_conversation_get_text (read, MB_TEXT_AGREEMENT_DRAFT, NULL), ==, " Send the plan by ");
  g_assert_cmpuint (g_list_model_get_n_items (mb_conversation_get_agreements (read)), ==, 1);

  /* Enter: the agreement, without the spaces, and no draft, in one change. */
  g_signal_connect (read, "changed", G_CALLBACK (changed_cb), &changes);
  agreement = mb_conversation_add_agreement_from_draft (read, MB_PROMISED_BY_ME, NULL);
  g_assert_nonnull (agreement);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpstr (mb_agreement_get_text (agreement), ==, "Send the plan by");
  g_assert_cmpstr (mb_conversation_get_text (read, MB_TEXT_AGREEMENT_DRAFT, NULL), ==, "");
  g_assert_cmpuint (g_list_model_get_n_items (mb_conversation_get_agreements (read)), ==, 2);
  added = mb_conversation_to_bytes (read);
  g_assert_false (bytes_have (added, "agreement_draft"));
  g_assert_true (bytes_have (added, "\"Send the plan by\""));
  again = read_like (read, added);
  g_assert_cmpstr (mb_conversation_get_text (again, MB_TEXT_AGREEMENT_DRAFT, NULL), ==, "");

  /* Nothing but spaces is no agreement: nothing changes. */
  mb_conversation_set_text (read, MB_TEXT_AGREEMENT_DRAFT, NULL, "   ");
  changes = 0;
  g_assert_null (mb_conversation_add_agreement_from_draft (read, MB_PROMISED_BY_ME, NULL));
  g_assert_cmpuint (changes, ==, 0);
  g_assert_cmpstr (mb_conversation_get_text (read, MB_TEXT_AGREEMENT_DRAFT, NULL), ==, "   ");
  g_assert_cmpuint (g_list_model_get_n_items (mb_conversation_get_agreements (read)), ==, 2);
}

/* @a and @b hold the same JSON, whatever the order of their members. */
static gboolean
same_json (GBytes *a,
           GBytes *b)
{
  g_autoptr(JsonNode) node_a = json_from_string (g_bytes_get_data (a, NULL), NULL);
  g_autoptr(JsonNode) node_b = json_from_string (g_bytes_get_data (b, NULL), NULL);

  return node_a != NULL && node_b != NULL && json_node_equal (node_a, node_b);
}

/* A file without a draft, as every earlier version wrote them, is
 * written as before: nothing added, and after a draft typed and
 * emptied, byte for byte as a save without one.
 */
static void
test_old_file_unchanged (void)
{
  g_autoptr(MbConversation) conversation = new_conversation ();
  g_autoptr(GBytes) old = mb_conversation_to_bytes (conversation);
  g_autoptr(MbConversation) read = NULL;
  g_autoptr(MbConversation) typed_in = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GBytes) typed = NULL;
  g_autoptr(GBytes) emptied = NULL;

  g_assert_false (bytes_have (old, "agreement_draft"));
  read = read_like (conversation, old);
  written = mb_conversation_to_bytes (read);
  g_assert_false (bytes_have (written, "agreement_draft"));
  g_assert_true (same_json (old, written));

  typed_in = read_like (conversation, old);
  mb_conversation_set_text (typed_in, MB_TEXT_AGREEMENT_DRAFT, NULL, "Call");
  typed = mb_conversation_to_bytes (typed_in);
  g_assert_true (bytes_have (typed, "\"agreement_draft\" : \"Call\""));
  mb_conversation_set_text (typed_in, MB_TEXT_AGREEMENT_DRAFT, NULL, "");
  emptied = mb_conversation_to_bytes (typed_in);
  g_assert_cmpstr (g_bytes_get_data (emptied, NULL), ==, g_bytes_get_data (written, NULL));
  g_assert_true (g_bytes_equal (emptied, written));
}

/* A draft this version cannot read is written back as it was, until the
 * leader types one.
 */
static void
test_unknown_shape_kept (void)
{
  const char * const shapes[] = { "{\"lines\":[\"Send\",\"the plan\"]}", "42", "null", "[\"Send\"]" };

  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    {
      g_autoptr(MbConversation) conversation = new_conversation ();
      g_autoptr(GBytes) bytes = mb_conversation_to_bytes (conversation);
      g_autoptr(GString) text = g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      g_autofree char *expected = g_strdup_printf ("{\"seconds\":0,\"agreement_draft\":%s}", shapes[i]);
      g_autofree char *replaced = g_strdup_printf ("\"talk\" : {\n    \"seconds\" : 0,\n    \"agreement_draft\" : %s\n  }",
                                                   shapes[i]);
      g_autoptr(GBytes) newer = NULL;
      g_autoptr(GBytes) kept = NULL;
      g_autoptr(GBytes) typed = NULL;
      g_autoptr(GBytes) emptied = NULL;
      g_autoptr(GBytes) tidied = NULL;
      g_autoptr(MbConversation) read = NULL;
      g_autoptr(MbConversation) reread = NULL;

      g_assert_cmpuint (g_string_replace (text, "\"talk\" : {\n    \"seconds\" : 0\n  }", replaced, 1), ==, 1);
      newer = g_string_free_to_bytes (g_steal_pointer (&text));
      assert_talk (newer, expected);

      read = read_like (conversation, newer);
      g_assert_cmpstr (mb_conversation_get_text (read, MB_TEXT_AGREEMENT_DRAFT, NULL), ==, "");
      mb_conversation_set_text (read, MB_TEXT_STEP_NOTES, "open", "Something else changed.");
      kept = mb_conversation_to_bytes (read);
      assert_talk (kept, expected);

      /* Typed: the leader's draft takes its place; emptied, it stays empty. */
      mb_conversation_set_text (read, MB_TEXT_AGREEMENT_DRAFT, NULL, "Call Ahmed");
      typed = mb_conversation_to_bytes (read);
      g_assert_true (bytes_have (typed, "\"agreement_draft\" : \"Call Ahmed\""));
      mb_conversation_set_text (read, MB_TEXT_AGREEMENT_DRAFT, NULL, "");
      emptied = mb_conversation_to_bytes (read);
      assert_talk (emptied, "{\"seconds\":0,\"agreement_draft\":\"\"}");
      reread = read_like (read, emptied);
      tidied = mb_conversation_to_bytes (reread);
      g_assert_false (bytes_have (tidied, "agreement_draft"));
    }
}

static void
test_merge (void)
{
  /* Changed on both sides: both kept, on one line. */
  check_merge (mb_merge_conversation, "{'talk':{'seconds':1,'agreement_draft':'Send'}}",
               "{'talk':{'seconds':1,'agreement_draft':'Send the plan'}}",
               "{'talk':{'seconds':1,'agreement_draft':'Send the report'}}",
               "{'talk':{'seconds':1,'agreement_draft':'Send the plan / Send the report" LINE_MARK "'}}",
               "text /talk/agreement_draft");
  /* Typed on both, with none before: both kept too. */
  check_merge (mb_merge_conversation, "{'talk':{'seconds':1}}",
               "{'talk':{'seconds':1,'agreement_draft':'Call Ahmed'}}",
               "{'talk':{'seconds':1,'agreement_draft':'Book a room'}}",
               "{'talk':{'seconds':1,'agreement_draft':'Book a room / Call Ahmed" LINE_MARK "'}}",
               "text /talk/agreement_draft");
  /* Added as an agreement on one side, typed on in the other: the
   * agreement and the draft typed on both kept.
   */
  check_merge (mb_merge_conversation, "{'talk':{'seconds':1,'agreement_draft':'Send'},'agreements':[]}",
               "{'talk':{'seconds':1},'agreements':[{'id':'a1','text':'Send'}]}",
               "{'talk':{'seconds':1,'agreement_draft':'Send it'},'agreements':[]}",
               "{'talk':{'seconds':1,'agreement_draft':'Send it'},'agreements':[{'id':'a1','text':'Send'}]}",
               "edit-kept /talk/agreement_draft");
  /* Added on one side, left alone on the other: gone. */
  check_merge (mb_merge_conversation, "{'talk':{'seconds':1,'agreement_draft':'Send'},'agreements':[]}",
               "{'talk':{'seconds':1},'agreements':[{'id':'a1','text':'Send'}]}",
               "{'talk':{'seconds':2,'agreement_draft':'Send'},'agreements':[]}",
               "{'talk':{'seconds':2},'agreements':[{'id':'a1','text':'Send'}]}",
               "");
}

static void
text_replaced_cb (MbConversation *conversation,
                  int             kind,
                  const char     *key,
                  GPtrArray      *seen)
{
  g_ptr_array_add (seen, g_strdup_printf ("%d/%s", kind, key != NULL ? key : "(null)"));
}

/* Taken in from another device, the draft says it changed. */
static void
test_update (void)
{
  g_autoptr(MbConversation) conversation = new_conversation ();
  g_autoptr(MbConversation) there = NULL;
  g_autoptr(GBytes) bytes = mb_conversation_to_bytes (conversation);
  g_autoptr(GBytes) changed = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_strdup_printf ("%d/(null)", MB_TEXT_AGREEMENT_DRAFT);

  there = read_like (conversation, bytes);
  mb_conversation_set_text (there, MB_TEXT_AGREEMENT_DRAFT, NULL, "Typed there");
  changed = mb_conversation_to_bytes (there);
  root = json_from_string (g_bytes_get_data (changed, NULL), &error);
  g_assert_no_error (error);

  g_signal_connect (conversation, "text-replaced", G_CALLBACK (text_replaced_cb), seen);
  g_assert_true (mb_conversation_update_from_json (conversation, root, "there.json", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mb_conversation_get_text (conversation, MB_TEXT_AGREEMENT_DRAFT, NULL), ==, "Typed there");
  g_assert_cmpuint (seen->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, expected);
}

/* Search finds it; the export shows it after the agreements, as not
 * added.
 */
static void
test_search_and_export (void)
{
  g_autoptr(MbConversation) conversation = new_conversation ();
  g_auto(GStrv) words = mb_search_words ("roadmap");
  g_autofree char *markdown = NULL;
  g_autofree char *without = NULL;
  MbPhase phase;
  guint step;
  g_autofree char *found = NULL;

  without = mb_export_conversation (conversation, NULL);
  g_assert_null (strstr (without, "Not added yet"));
  g_assert_false (mb_conversation_matches (conversation, NULL, (const char * const *) words, -1));

  mb_conversation_set_step (conversation, 1);
  mb_conversation_set_text (conversation, MB_TEXT_AGREEMENT_DRAFT, NULL, "Share the roadmap");
  g_assert_true (mb_conversation_matches (conversation, NULL, (const char * const *) words, -1));
  found = mb_conversation_find (conversation, (const char * const *) words, -1, &phase, &step);
  g_assert_nonnull (found);
  g_assert_cmpint (phase, ==, MB_PHASE_TALK);
  g_assert_cmpuint (step, ==, 1);

  markdown = mb_export_conversation (conversation, NULL);
  g_assert_nonnull (strstr (markdown, "- Weekly check-in"));
  g_assert_nonnull (strstr (markdown, "- Not added yet: Share the roadmap\n"));
  g_assert_true (strstr (markdown, "- Weekly check-in") < strstr (markdown, "- Not added yet:"));
}

/* The member @member of the reflection in @bytes as JSON, or %NULL. */
static char *
reflection_member (GBytes     *bytes,
                   const char *member)
{
  g_autoptr(JsonNode) root = json_from_string (g_bytes_get_data (bytes, NULL), NULL);
  JsonObject *reflection = json_object_get_object_member (json_node_get_object (root), "reflection");
  JsonNode *node = json_object_get_member (reflection, member);

  return node != NULL ? json_to_string (node, FALSE) : NULL;
}

/* The reflection of @bytes has the marbles' drafts @in and @out, as
 * JSON, or none where %NULL.
 */
static void
assert_marble_drafts (GBytes     *bytes,
                      const char *in,
                      const char *out)
{
  g_autofree char *got_in = reflection_member (bytes, "marble_in_draft");
  g_autofree char *got_out = reflection_member (bytes, "marble_out_draft");

  g_assert_cmpstr (got_in, ==, in);
  g_assert_cmpstr (got_out, ==, out);
}

static void
test_marble_round_trip (void)
{
  g_autoptr(MbConversation) conversation = new_conversation ();
  g_autoptr(MbConversation) read = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) one_left = NULL;
  g_autoptr(GBytes) none_left = NULL;
  MbMarble *marble;
  guint changes = 0;

  mb_conversation_set_text (conversation, MB_TEXT_MARBLE_DRAFT, "in", "Kept the promise to ");
  mb_conversation_set_text (conversation, MB_TEXT_MARBLE_DRAFT, "out", "Late");
  bytes = mb_conversation_to_bytes (conversation);
  assert_marble_drafts (bytes, "\"Kept the promise to \"", "\"Late\"");

  read = read_like (conversation, bytes);
  g_assert_cmpstr (mb_conversation_get_text (read, MB_TEXT_MARBLE_DRAFT, "in"), ==, "Kept the promise to ");
  g_assert_cmpstr (mb_conversation_get_text (read, MB_TEXT_MARBLE_DRAFT, "out"), ==, "Late");

  g_signal_connect (read, "changed", G_CALLBACK (changed_cb), &changes);
  marble = mb_conversation_add_marble_from_draft (read, TRUE);
  g_assert_nonnull (marble);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_true (mb_marble_is_in (marble));
  g_assert_cmpstr (mb_marble_get_reason (marble), ==, "Kept the promise to");
  g_assert_cmpstr (mb_conversation_get_text (read, MB_TEXT_MARBLE_DRAFT, "in"), ==, "");
  one_left = mb_conversation_to_bytes (read);
  assert_marble_drafts (one_left, NULL, "\"Late\"");

  marble = mb_conversation_add_marble_from_draft (read, FALSE);
  g_assert_false (mb_marble_is_in (marble));
  g_assert_cmpstr (mb_marble_get_reason (marble), ==, "Late");
  g_assert_null (mb_conversation_add_marble_from_draft (read, FALSE));
  g_assert_cmpuint (changes, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (mb_conversation_get_marbles (read)), ==, 2);
  none_left = mb_conversation_to_bytes (read);
  assert_marble_drafts (none_left, NULL, NULL);
}

/* Reasons this version cannot read, and members it does not know there,
 * are written back as they were; a file without drafts stays as it was.
 */
static void
test_marble_kept (void)
{
  g_autoptr(MbConversation) conversation = new_conversation ();
  g_autoptr(GBytes) bytes = mb_conversation_to_bytes (conversation);
  g_autoptr(GString) text = g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autoptr(MbConversation) read = NULL;
  g_autoptr(MbConversation) plain = NULL;
  g_autoptr(GBytes) newer = NULL;
  g_autoptr(GBytes) kept = NULL;
  g_autoptr(GBytes) typed = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GBytes) emptied = NULL;

  g_assert_cmpuint (g_string_replace (text, "\"reflection\" : {",
                                      "\"reflection\" : {\"marble_in_draft\" : {\"later\" : \"x\"},", 1),
                    ==, 1);
  newer = g_string_free_to_bytes (g_steal_pointer (&text));
  read = read_like (conversation, newer);
  g_assert_cmpstr (mb_conversation_get_text (read, MB_TEXT_MARBLE_DRAFT, "in"), ==, "");
  kept = mb_conversation_to_bytes (read);
  assert_marble_drafts (kept, "{\"later\":\"x\"}", NULL);
  mb_conversation_set_text (read, MB_TEXT_MARBLE_DRAFT, "in", "Listened");
  typed = mb_conversation_to_bytes (read);
  assert_marble_drafts (typed, "\"Listened\"", NULL);

  plain = read_like (conversation, bytes);
  written = mb_conversation_to_bytes (plain);
  mb_conversation_set_text (plain, MB_TEXT_MARBLE_DRAFT, "out", "Late");
  mb_conversation_set_text (plain, MB_TEXT_MARBLE_DRAFT, "out", "");
  emptied = mb_conversation_to_bytes (plain);
  g_assert_true (g_bytes_equal (written, emptied));
  assert_marble_drafts (emptied, NULL, NULL);
}

static void
test_marble_merge_and_export (void)
{
  g_autoptr(MbConversation) conversation = new_conversation ();
  g_autofree char *markdown = NULL;
  g_auto(GStrv) words = mb_search_words ("promise");

  check_merge (mb_merge_conversation, "{'reflection':{'marble_in_draft':'Kept'}}",
               "{'reflection':{'marble_in_draft':'Kept the promise'}}",
               "{'reflection':{'marble_in_draft':'Kept the plan'}}",
               "{'reflection':{'marble_in_draft':'Kept the plan / Kept the promise" LINE_MARK "'}}",
               "text /reflection/marble_in_draft");
  check_merge (mb_merge_conversation, "{'reflection':{'answers':{}}}",
               "{'reflection':{'answers':{},'marble_out_draft':'Late'}}",
               "{'reflection':{'answers':{},'marble_out_draft':'Later'}}",
               "{'reflection':{'answers':{},'marble_out_draft':'Late / Later" LINE_MARK "'}}",
               "text /reflection/marble_out_draft");

  mb_conversation_add_marble (conversation, TRUE, "Admitted my part");
  mb_conversation_set_text (conversation, MB_TEXT_MARBLE_DRAFT, "out", "Broke the promise to");
  g_assert_true (mb_conversation_matches (conversation, NULL, (const char * const *) words, MB_PHASE_REFLECT));
  markdown = mb_export_conversation (conversation, NULL);
  g_assert_nonnull (strstr (markdown, "- In: Admitted my part\n- Not added yet, out: Broke the promise to\n"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/drafts/agreement/round-trip", test_round_trip);
  g_test_add_func ("/drafts/agreement/old-file-unchanged", test_old_file_unchanged);
  g_test_add_func ("/drafts/agreement/unknown-shape-kept", test_unknown_shape_kept);
  g_test_add_func ("/drafts/agreement/merge", test_merge);
  g_test_add_func ("/drafts/agreement/update", test_update);
  g_test_add_func ("/drafts/agreement/search-and-export", test_search_and_export);
  g_test_add_func ("/drafts/marble/round-trip", test_marble_round_trip);
  g_test_add_func ("/drafts/marble/kept", test_marble_kept);
  g_test_add_func ("/drafts/marble/merge-and-export", test_marble_merge_and_export);

  return g_test_run ();
}
