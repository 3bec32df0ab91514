/* test-agreement-draft.c — the agreement typed in Talk and not added
 * yet, a text of the conversation: in its file as "talk.agreement_draft"
 * only while there is one, so files without one stay byte for byte as
 * they were; kept as it was when this version cannot read it; emptied
 * in the same change that adds the agreement; merged as a one-line
 * text, both versions kept; found by search; in the export, not as an
 * agreement.
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

static GHashTable *
copies_of (MbConversation *conversation)
{
  GHashTable *copies = mb_script_copies_new ();

  mb_script_copies_add (copies, mb_conversation_get_script (conversation));
  return copies;
}

static MbConversation *
read_bytes (MbConversation *like,
            GBytes         *bytes)
{
  g_autoptr(GHashTable) copies = copies_of (like);
  g_autoptr(GError) error = NULL;
  MbConversation *read = mb_conversation_new_from_bytes (bytes, "draft.json", copies, &error);

  g_assert_no_error (error);
  g_assert_nonnull (read);
  return read;
}

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
  read = read_bytes (conversation, bytes);
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
  again = read_bytes (read, added);
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
  read = read_bytes (conversation, old);
  written = mb_conversation_to_bytes (read);
  g_assert_false (bytes_have (written, "agreement_draft"));
  g_assert_true (same_json (old, written));

  typed_in = read_bytes (conversation, old);
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

      read = read_bytes (conversation, newer);
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
      reread = read_bytes (read, emptied);
      tidied = mb_conversation_to_bytes (reread);
      g_assert_false (bytes_have (tidied, "agreement_draft"));
    }
}

static void
check_merge (const char *base,
             const char *ours,
             const char *theirs,
             const char *expected,
             const char *conflicts)
{
  g_autoptr(JsonNode) b = base != NULL ? j (base) : NULL;
  g_autoptr(JsonNode) o = j (ours);
  g_autoptr(JsonNode) t = j (theirs);
  g_autoptr(JsonNode) e = j (expected);
  g_autofree char *found = NULL;
  g_autoptr(JsonNode) merged = merge_both (mb_merge_conversation, b, o, t, &found);
  g_autofree char *got = compact (merged);
  g_autofree char *want = compact (e);

  g_assert_cmpstr (got, ==, want);
  g_assert_cmpstr (found, ==, conflicts);
}

static void
test_merge (void)
{
  /* Changed on both sides: both kept, on one line. */
  check_merge ("{'talk':{'seconds':1,'agreement_draft':'Send'}}",
               "{'talk':{'seconds':1,'agreement_draft':'Send the plan'}}",
               "{'talk':{'seconds':1,'agreement_draft':'Send the report'}}",
               "{'talk':{'seconds':1,'agreement_draft':'Send the plan / Send the report" LINE_MARK "'}}",
               "text /talk/agreement_draft");
  /* Typed on both, with none before: both kept too. */
  check_merge ("{'talk':{'seconds':1}}",
               "{'talk':{'seconds':1,'agreement_draft':'Call Ahmed'}}",
               "{'talk':{'seconds':1,'agreement_draft':'Book a room'}}",
               "{'talk':{'seconds':1,'agreement_draft':'Book a room / Call Ahmed" LINE_MARK "'}}",
               "text /talk/agreement_draft");
  /* Added as an agreement on one side, typed on in the other: the
   * agreement and the draft typed on both kept.
   */
  check_merge ("{'talk':{'seconds':1,'agreement_draft':'Send'},'agreements':[]}",
               "{'talk':{'seconds':1},'agreements':[{'id':'a1','text':'Send'}]}",
               "{'talk':{'seconds':1,'agreement_draft':'Send it'},'agreements':[]}",
               "{'talk':{'seconds':1,'agreement_draft':'Send it'},'agreements':[{'id':'a1','text':'Send'}]}",
               "edit-kept /talk/agreement_draft");
  /* Added on one side, left alone on the other: gone. */
  check_merge ("{'talk':{'seconds':1,'agreement_draft':'Send'},'agreements':[]}",
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

  there = read_bytes (conversation, bytes);
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/agreement-draft/round-trip", test_round_trip);
  g_test_add_func ("/agreement-draft/old-file-unchanged", test_old_file_unchanged);
  g_test_add_func ("/agreement-draft/unknown-shape-kept", test_unknown_shape_kept);
  g_test_add_func ("/agreement-draft/merge", test_merge);
  g_test_add_func ("/agreement-draft/update", test_update);
  g_test_add_func ("/agreement-draft/search-and-export", test_search_and_export);

  return g_test_run ();
}
