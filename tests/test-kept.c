/* test-kept.c — what this version cannot read is kept, not dropped or
 * changed: entries of a list it cannot use and values it does not know
 * are written back as they were, in their place, when something else
 * is saved.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "core-util.h"
#include "mb-conversation-private.h"

static JsonNode *
parse (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

static JsonNode *
parse_bytes (GBytes *bytes)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  return parse (text);
}

/* @conversation as its file holds it, with the members of @patch (a
 * JSON object) put in, as another version would have written it.
 */
static GBytes *
written_elsewhere (MbConversation *conversation,
                   const char     *patch)
{
  g_autoptr(GBytes) bytes = mb_conversation_to_bytes (conversation);
  g_autoptr(JsonNode) root = parse_bytes (bytes);
  g_autoptr(JsonNode) members = parse (patch);
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  char *text;

  json_object_iter_init (&iter, json_node_get_object (members));
  while (json_object_iter_next (&iter, &name, &value))
    json_object_set_member (json_node_get_object (root), name, json_node_copy (value));
  text = json_to_string (root, TRUE);
  return g_bytes_new_take (text, strlen (text));
}

static MbConversation *
read_conversation (GBytes   *bytes,
                   MbScript *script)
{
  g_autoptr(GHashTable) copies = mb_script_copies_new ();
  g_autoptr(GError) error = NULL;
  MbConversation *conversation;

  mb_script_copies_add (copies, script);
  conversation = mb_conversation_new_from_bytes (bytes, "elsewhere.json", copies, &error);
  g_assert_no_error (error);
  return conversation;
}

/* The member @name of what @conversation saves now. */
static JsonNode *
saved_member (MbConversation *conversation,
              const char     *name)
{
  g_autoptr(GBytes) bytes = mb_conversation_to_bytes (conversation);
  g_autoptr(JsonNode) root = parse_bytes (bytes);
  JsonNode *member = json_object_get_member (json_node_get_object (root), name);

  g_assert_nonnull (member);
  return json_node_copy (member);
}

static void
assert_json_equal (JsonNode   *node,
                   const char *json)
{
  g_autoptr(JsonNode) expected = parse (json);
  g_autofree char *text = json_to_string (node, FALSE);

  g_test_message ("%s", text);
  g_assert_true (json_node_equal (node, expected));
}

static const char *agreements =
  "[{\"id\": \"a1\", \"text\": \"Send the plan\", \"promised_by\": \"me\", \"status\": \"open\"},"
  " {\"id\": \"a2\", \"promised_by\": \"them\"},"
  " {\"id\": \"a3\", \"text\": 42},"
  " {\"id\": \"a4\", \"text\": \"A team promise\", \"promised_by\": \"team\", \"status\": \"open\"},"
  " {\"id\": \"a5\", \"text\": \"Dropped\", \"promised_by\": \"me\", \"status\": \"cancelled\"},"
  " \"a line of text\","
  " {\"id\": \"a6\", \"text\": \"Call back\", \"promised_by\": \"both\", \"status\": \"kept\"},"
  " {\"text\": \"No id\"}]";

static void
test_agreements_kept (void)
{
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) conversation = mb_conversation_new ("p", script, NULL);
  g_autofree char *patch = g_strdup_printf ("{\"agreements\": %s}", agreements);
  g_autoptr(GBytes) bytes = written_elsewhere (conversation, patch);
  g_autoptr(MbConversation) read = read_conversation (bytes, script);
  GListModel *shown = mb_conversation_get_agreements (read);
  g_autoptr(MbAgreement) first = NULL;
  g_autoptr(MbAgreement) last = NULL;
  g_autoptr(JsonNode) saved = NULL;
  g_autoptr(JsonNode) original = parse (agreements);

  /* Only what this version can show is shown… */
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 2);
  g_assert_cmpuint (mb_conversation_get_n_kept_agreements (read), ==, 6);
  first = g_list_model_get_item (shown, 0);
  last = g_list_model_get_item (shown, 1);
  g_assert_cmpstr (mb_agreement_get_text (first), ==, "Send the plan");
  g_assert_cmpstr (mb_agreement_get_text (last), ==, "Call back");

  /* …the rest is written back as it was, in its place. */
  mb_conversation_set_text (read, MB_TEXT_PREPARATION, "facts", "Something else changed.");
  saved = saved_member (read, "agreements");
  assert_json_equal (saved, agreements);
  g_clear_pointer (&saved, json_node_unref);

  /* A change to the agreements shown leaves the others as they are. */
  mb_agreement_set_status (first, MB_AGREEMENT_KEPT);
  mb_conversation_remove_agreement (read, last);
  mb_conversation_add_agreement (read, "A new one", MB_PROMISED_BY_ME, NULL);
  saved = saved_member (read, "agreements");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (saved)), ==, 8);
  for (guint i = 1; i <= 5; i++)
    g_assert_true (json_node_equal (json_array_get_element (json_node_get_array (saved), i),
                                    json_array_get_element (json_node_get_array (original), i)));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (saved), 0),
                                                  "status"), ==, "kept");
}

static const char *marbles =
  "[{\"id\": \"m1\", \"direction\": \"in\", \"reason\": \"Listened\"},"
  " {\"id\": \"m2\", \"reason\": \"No direction\"},"
  " {\"id\": \"m3\", \"direction\": \"neutral\", \"reason\": \"Neither\"},"
  " {\"id\": \"m4\", \"direction\": 1, \"reason\": \"A number\"},"
  " {\"id\": \"m5\", \"direction\": \"out\", \"reason\": [\"rich\", \"text\"]},"
  " null,"
  " {\"id\": \"m6\", \"direction\": \"out\", \"reason\": \"Late\"}]";

static void
test_marbles_kept (void)
{
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) conversation = mb_conversation_new ("p", script, NULL);
  g_autofree char *patch = g_strdup_printf ("{\"marbles\": %s}", marbles);
  g_autoptr(GBytes) bytes = written_elsewhere (conversation, patch);
  g_autoptr(MbConversation) read = read_conversation (bytes, script);
  GListModel *shown = mb_conversation_get_marbles (read);
  g_autoptr(MbMarble) marble = NULL;
  g_autoptr(JsonNode) saved = NULL;
  g_autoptr(JsonNode) original = parse (marbles);

  /* “neutral” is not taken for “out”. */
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 2);
  g_assert_cmpuint (mb_conversation_get_n_kept_marbles (read), ==, 5);
  marble = g_list_model_get_item (shown, 1);
  g_assert_false (mb_marble_is_in (marble));
  g_assert_cmpstr (mb_marble_get_reason (marble), ==, "Late");

  mb_conversation_set_finished (read, TRUE);
  saved = saved_member (read, "marbles");
  assert_json_equal (saved, marbles);
  g_clear_pointer (&saved, json_node_unref);

  /* Added at the end, after the kept ones. */
  mb_conversation_add_marble (read, TRUE, "Admitted my part");
  saved = saved_member (read, "marbles");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (saved)), ==, 8);
  g_assert_true (json_node_equal (json_array_get_element (json_node_get_array (saved), 5),
                                  json_array_get_element (json_node_get_array (original), 5)));
}

/* Values this version does not know are written back as they were,
 * until the leader sets them.
 */
static void
test_values_kept (void)
{
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) conversation = mb_conversation_new ("p", script, NULL);
  const char *patch =
    "{\"phase\": \"negotiate\", \"step\": \"second\", \"finished\": \"almost\", \"created\": \"last spring\","
    " \"talk\": {\"seconds\": \"long\"},"
    " \"preparation\": {\"notes\": {\"rich\": \"Bold\"}, \"answers\": {\"facts\": [\"one\", \"two\"]}},"
    " \"steps\": {\"open\": \"just a text\", \"close\": {\"notes\": 7}},"
    " \"reflection\": {\"answers\": {\"listened\": {\"score\": 4}}}}";
  g_autoptr(GBytes) bytes = written_elsewhere (conversation, patch);
  g_autoptr(MbConversation) read = read_conversation (bytes, script);
  g_autoptr(JsonNode) members = parse (patch);
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  /* Shown as a new conversation would be. */
  g_assert_cmpint (mb_conversation_get_phase (read), ==, MB_PHASE_PREPARE);
  g_assert_cmpuint (mb_conversation_get_step (read), ==, 0);
  g_assert_cmpstr (mb_conversation_get_text (read, MB_TEXT_PREPARATION, "facts"), ==, "");

  /* Something else changes; they are all written back. */
  mb_conversation_add_marble (read, TRUE, "Listened");
  json_object_iter_init (&iter, json_node_get_object (members));
  while (json_object_iter_next (&iter, &name, &value))
    {
      g_autoptr(JsonNode) saved = saved_member (read, name);
      g_autofree char *expected = json_to_string (value, FALSE);

      g_test_message ("%s", name);
      assert_json_equal (saved, expected);
    }

  /* Set by the leader, they are this version's. */
  mb_conversation_set_phase (read, MB_PHASE_TALK);
  mb_conversation_set_text (read, MB_TEXT_PREPARATION, "facts", "Two late reports.");
  mb_conversation_set_text (read, MB_TEXT_STEP_NOTES, "open", "Nervous.");
  {
    g_autoptr(JsonNode) phase = saved_member (read, "phase");
    g_autoptr(JsonNode) preparation = saved_member (read, "preparation");
    g_autoptr(JsonNode) steps = saved_member (read, "steps");

    assert_json_equal (phase, "\"talk\"");
    assert_json_equal (preparation, "{\"notes\": {\"rich\": \"Bold\"}, \"answers\": {\"facts\": \"Two late reports.\"}}");
    assert_json_equal (steps, "{\"open\": {\"notes\": \"Nervous.\"}, \"close\": {\"notes\": 7}}");
  }
}

/* The judgement lens's counts: written only once there are any, read
 * back, taken in from another version, and kept as they are when this
 * version cannot read them, until the lens counts again.
 */
static void
test_lens_counts (void)
{
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) conversation = mb_conversation_new ("p", script, NULL);
  g_autoptr(GBytes) plain = mb_conversation_to_bytes (conversation);
  g_autoptr(JsonNode) plain_root = parse_bytes (plain);
  g_autoptr(MbConversation) read = NULL;
  g_autoptr(MbConversation) odd = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) odd_bytes = NULL;
  g_autoptr(JsonNode) newer = NULL;
  g_autoptr(GError) error = NULL;
  guint flagged, rephrased;

  g_assert_false (json_object_has_member (json_node_get_object (plain_root), "lens"));

  /* Rephrased never counts more than was flagged. */
  mb_conversation_count_lens (conversation, 2, 1);
  mb_conversation_count_lens (conversation, 0, 5);
  mb_conversation_get_lens_counts (conversation, &flagged, &rephrased);
  g_assert_cmpuint (flagged, ==, 2);
  g_assert_cmpuint (rephrased, ==, 2);
  bytes = mb_conversation_to_bytes (conversation);
  read = read_conversation (bytes, script);
  mb_conversation_get_lens_counts (read, &flagged, &rephrased);
  g_assert_cmpuint (flagged, ==, 2);
  g_assert_cmpuint (rephrased, ==, 2);

  /* Another version counted more: taken in. */
  mb_conversation_count_lens (conversation, 3, 0);
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = mb_conversation_to_bytes (conversation);
  newer = parse_bytes (bytes);
  g_assert_true (mb_conversation_update_from_json (read, newer, "elsewhere.json", NULL, &error));
  g_assert_no_error (error);
  mb_conversation_get_lens_counts (read, &flagged, &rephrased);
  g_assert_cmpuint (flagged, ==, 5);
  g_assert_cmpuint (rephrased, ==, 2);

  /* Counts this version cannot read are written back as they were… */
  odd_bytes = written_elsewhere (conversation, "{\"lens\": {\"flagged\": \"many\", \"by_kind\": {\"label\": 2}}}");
  odd = read_conversation (odd_bytes, script);
  mb_conversation_get_lens_counts (odd, &flagged, &rephrased);
  g_assert_cmpuint (flagged, ==, 0);
  mb_conversation_add_marble (odd, TRUE, "Listened");
  {
    g_autoptr(JsonNode) lens = saved_member (odd, "lens");

    assert_json_equal (lens, "{\"flagged\": \"many\", \"by_kind\": {\"label\": 2}}");
  }

  /* …until the lens counts again; what else the member holds stays. */
  mb_conversation_count_lens (odd, 1, 0);
  {
    g_autoptr(JsonNode) lens = saved_member (odd, "lens");

    assert_json_equal (lens, "{\"flagged\": 1, \"rephrased\": 0, \"by_kind\": {\"label\": 2}}");
  }
}

/* A list or an object where this version expects the other is not
 * something it can read at all: the file is listed and left alone.
 */
static void
test_wrong_containers (void)
{
  const char *patches[] = {
    "{\"agreements\": {\"a1\": {\"text\": \"Send the plan\"}}}",
    "{\"marbles\": \"three in\"}",
    "{\"preparation\": [\"notes\"]}",
    "{\"preparation\": {\"answers\": \"none\"}}",
    "{\"steps\": [{\"id\": \"open\"}]}",
    "{\"reflection\": true}",
    "{\"talk\": 60}",
  };
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) conversation = mb_conversation_new ("p", script, NULL);
  g_autoptr(GHashTable) copies = mb_script_copies_new ();

  mb_script_copies_add (copies, script);
  for (guint i = 0; i < G_N_ELEMENTS (patches); i++)
    {
      g_autoptr(GBytes) bytes = written_elsewhere (conversation, patches[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(MbConversation) read = mb_conversation_new_from_bytes (bytes, "odd.json", copies, &error);

      g_test_message ("%s", patches[i]);
      g_assert_null (read);
      g_assert_error (error, MB_CONVERSATION_ERROR, MB_CONVERSATION_ERROR_DAMAGED);
      g_assert_true (g_str_has_prefix (error->message, "odd.json: "));
    }
}

static const char *people_file =
  "{\"format\": \"marbles-people\", \"version\": 1, \"people\": ["
  "{\"id\": \"p1\", \"name\": \"Ahmed\", \"role\": \"Developer\", \"created\": \"2026-01-05T10:00:00+01:00\"},"
  "{\"id\": \"p2\", \"name\": {\"first\": \"Bo\", \"last\": \"Jansen\"}, \"role\": \"\"},"
  "{\"id\": \"p3\", \"role\": \"No name\"},"
  "{\"id\": \"p4\", \"name\": \"Chris\", \"role\": [\"Lead\", \"Coach\"], \"created\": \"2026-02-01T09:00:00Z\"},"
  "\"Dana\","
  "{\"id\": \"p5\", \"name\": \"Eva\", \"role\": \"\", \"created\": \"last spring\"},"
  "{\"name\": \"Fleur\"}"
  "]}";

static char *
read_file (GFile *file)
{
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (g_file_peek_path (file), &contents, NULL, NULL));
  return g_steal_pointer (&contents);
}

static void
test_people_kept (void)
{
  g_autoptr(GFile) dir = journal_dir ();
  g_autoptr(GFile) file = g_file_get_child (dir, "people.json");
  g_autoptr(MbJournal) journal = NULL;
  g_autoptr(JsonNode) before = parse (people_file);
  g_autoptr(JsonNode) after = NULL;
  g_autofree char *contents = NULL;
  JsonArray *people;
  MbPerson *eva;

  g_assert_cmpint (g_mkdir_with_parents (g_file_peek_path (dir), 0700), ==, 0);
  g_assert_true (g_file_set_contents (g_file_peek_path (file), people_file, -1, NULL));
  journal = open_journal ();

  /* Shown: those with an id and a name, a role that is not a text as
   * none; kept: the others.
   */
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_people (journal)), ==, 3);
  g_assert_cmpstr (mb_person_get_role (mb_journal_lookup_person (journal, "p4")), ==, "");
  g_assert_null (mb_journal_lookup_person (journal, "p2"));
  g_assert_cmpuint (mb_journal_get_n_kept_people (journal), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_problems (journal)), ==, 0);

  /* Someone else is renamed: everything else is as it was, in its place. */
  mb_person_set_name (mb_journal_lookup_person (journal, "p1"), "Ahmed B.");
  g_assert_true (mb_journal_flush (journal));
  contents = read_file (file);
  after = parse (contents);
  people = json_object_get_array_member (json_node_get_object (after), "people");
  g_assert_cmpuint (json_array_get_length (people), ==, 7);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (people, 0), "name"), ==, "Ahmed B.");
  for (guint i = 1; i < 7; i++)
    g_assert_true (json_node_equal (json_array_get_element (people, i),
                                    json_array_get_element (json_object_get_array_member (json_node_get_object (before),
                                                                                          "people"), i)));

  /* A new person goes with the others; the kept ones stay. */
  eva = mb_journal_lookup_person (journal, "p5");
  g_assert_nonnull (eva);
  mb_person_set_role (eva, "Designer");
  mb_journal_add_person (journal, "Gijs", NULL);
  g_assert_true (mb_journal_flush (journal));
  g_clear_pointer (&contents, g_free);
  g_clear_pointer (&after, json_node_unref);
  contents = read_file (file);
  after = parse (contents);
  people = json_object_get_array_member (json_node_get_object (after), "people");
  g_assert_cmpuint (json_array_get_length (people), ==, 8);
  g_assert_nonnull (strstr (contents, "\"last spring\""));
  g_assert_nonnull (strstr (contents, "\"Designer\""));
  g_assert_nonnull (strstr (contents, "\"Dana\""));
  g_assert_nonnull (strstr (contents, "\"Fleur\""));
  g_assert_nonnull (strstr (contents, "\"Coach\""));
  g_assert_nonnull (strstr (contents, "\"Jansen\""));
  g_assert_nonnull (strstr (contents, "\"No name\""));
}

/* people.json whose people are not a list cannot be read: it is listed,
 * and never written.
 */
static void
test_people_not_a_list (void)
{
  g_autoptr(GFile) dir = journal_dir ();
  g_autoptr(GFile) file = g_file_get_child (dir, "people.json");
  const char *odd = "{\"format\": \"marbles-people\", \"version\": 1, \"people\": {\"p1\": {\"name\": \"Ahmed\"}}}";
  g_autoptr(MbJournal) journal = NULL;
  g_autofree char *contents = NULL;

  g_assert_cmpint (g_mkdir_with_parents (g_file_peek_path (dir), 0700), ==, 0);
  g_assert_true (g_file_set_contents (g_file_peek_path (file), odd, -1, NULL));
  journal = open_journal ();
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_problems (journal)), ==, 1);
  mb_journal_add_person (journal, "Gijs", NULL);
  g_assert_false (mb_journal_flush (journal));
  contents = read_file (file);
  g_assert_cmpstr (contents, ==, odd);
}

/* @bytes read twice: once as loading does, keeping only what a merge
 * needs of the file (mb_json_unmerged()), and once keeping the whole
 * file. Saved, before and after each change, the two are the same
 * (each change the same in both: no new ids or times).
 */
static void
assert_loading_keeps_enough (GBytes   *bytes,
                             MbScript *script)
{
  g_autoptr(MbConversation) read = read_conversation (bytes, script);
  g_autoptr(MbConversation) whole = read_conversation (bytes, script);
  g_autoptr(JsonNode) root = parse_bytes (bytes);

  _mb_conversation_set_original (whole, root);
  for (guint change = 0; change < 4; change++)
    {
      MbConversation *both[] = { read, whole };
      g_autoptr(GBytes) saved = NULL;
      g_autoptr(GBytes) saved_whole = NULL;

      for (guint i = 0; i < G_N_ELEMENTS (both); i++)
        {
          g_autoptr(MbAgreement) first = g_list_model_get_item (mb_conversation_get_agreements (both[i]), 0);

          if (change == 1)
            mb_conversation_set_phase (both[i], MB_PHASE_TALK);
          else if (change == 2)
            mb_conversation_set_text (both[i], MB_TEXT_STEP_NOTES, "open", "Nervous.");
          else if (change == 3 && first != NULL)
            mb_conversation_remove_agreement (both[i], first);
        }
      saved = mb_conversation_to_bytes (read);
      saved_whole = mb_conversation_to_bytes (whole);
      g_assert_cmpmem (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved),
                       g_bytes_get_data (saved_whole, NULL), g_bytes_get_size (saved_whole));
    }
}

static void
test_loading_keeps_enough (void)
{
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) conversation = mb_conversation_new ("p", script, NULL);
  g_autofree char *with_agreements = g_strdup_printf ("{\"agreements\": %s}", agreements);
  g_autofree char *with_marbles = g_strdup_printf ("{\"marbles\": %s}", marbles);
  const char *patches[] = {
    "{}",
    with_agreements,
    with_marbles,
    "{\"phase\": \"negotiate\", \"step\": \"second\", \"talk\": {\"seconds\": \"long\", \"mood\": 3},"
    " \"preparation\": {\"answers\": {\"facts\": [\"one\", \"two\"], \"later\": \"a question not in the script\"}},"
    " \"steps\": {\"open\": \"just a text\", \"close\": {\"notes\": 7, \"tone\": \"calm\"}},"
    " \"reflection\": {\"answers\": {\"listened\": {\"score\": 4}}, \"scales\": {\"listened\": \"high\"}}}",
    "{\"mood\": \"tense\", \"room\": {\"floor\": 2}}",
    "{\"agreements\": [{\"id\": \"a1\", \"text\": \"Send the plan\", \"promised_by\": \"me\", \"status\": \"kept\","
    " \"history\": [{\"status\": \"open\", \"changed\": \"2026-01-01T10:00:00Z\", \"by\": \"laptop\"}], \"colour\": \"red\"},"
    " {\"id\": \"a2\", \"text\": \"Ask Sam\", \"promised_by\": \"them\", \"status\": \"open\"}]}",
    "{\"scheduled\": 5, \"finished\": \"almost\", \"lens\": {\"flagged\": \"many\", \"by_kind\": {\"label\": 2}}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (patches); i++)
    {
      g_autoptr(GBytes) bytes = written_elsewhere (conversation, patches[i]);

      g_test_message ("%s", patches[i]);
      assert_loading_keeps_enough (bytes, script);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/kept/agreements", test_agreements_kept);
  g_test_add_func ("/kept/marbles", test_marbles_kept);
  g_test_add_func ("/kept/values", test_values_kept);
  g_test_add_func ("/kept/lens-counts", test_lens_counts);
  g_test_add_func ("/kept/wrong-containers", test_wrong_containers);
  g_test_add_func ("/kept/loading-keeps-enough", test_loading_keeps_enough);
  g_test_add_func ("/kept/people", test_people_kept);
  g_test_add_func ("/kept/people-not-a-list", test_people_not_a_list);

  return g_test_run ();
}
