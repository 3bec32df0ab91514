/* test-conversation.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "core-util.h"
#include "mb-fold.h"

/* The copies of scripts a conversation may name: that of @conversation. */
static void
changed_cb (MbConversation *conversation,
            guint          *count)
{
  (*count)++;
}

static void
test_round_trip (void)
{
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(GDateTime) when = g_date_time_new_local (2026, 11, 24, 14, 30, 0);
  g_autoptr(MbConversation) conversation = mb_conversation_new ("person-1", script, when);
  g_autoptr(MbConversation) copy = NULL;
  g_autoptr(MbAgreement) agreement = NULL;
  g_autoptr(MbMarble) marble = NULL;
  GDate *due = g_date_new_dmy (1, G_DATE_DECEMBER, 2026);
  guint changes = 0;

  g_signal_connect (conversation, "changed", G_CALLBACK (changed_cb), &changes);
  mb_conversation_set_text (conversation, MB_TEXT_PREPARATION, "facts", "She missed two deadlines.");
  mb_conversation_set_text (conversation, MB_TEXT_PREPARATION_NOTES, NULL, "Bring the plan.\nAnd coffee.");
  mb_conversation_set_text (conversation, MB_TEXT_STEP_NOTES, "open", "Nervous at first — “it’s fine”.");
  mb_conversation_set_text (conversation, MB_TEXT_STEP_NOTES, "close", "Agreed on Fridays.");
  mb_conversation_set_text (conversation, MB_TEXT_REFLECTION, "listened", "Mostly. I interrupted twice.");
  mb_conversation_set_phase (conversation, MB_PHASE_REFLECT);
  mb_conversation_set_step (conversation, 1);
  mb_conversation_set_finished (conversation, TRUE);
  mb_conversation_add_agreement (conversation, "Send the plan", MB_PROMISED_BY_ME, due);
  mb_agreement_set_status (mb_conversation_add_agreement (conversation, "Weekly check-in",
                                                          MB_PROMISED_BY_BOTH, NULL),
                           MB_AGREEMENT_KEPT);
  mb_conversation_add_marble (conversation, TRUE, "Admitted my part");
  mb_conversation_add_marble (conversation, FALSE, "Was late again");
  g_assert_cmpuint (changes, ==, 13);

  copy = reload (conversation);
  g_assert_cmpstr (mb_conversation_get_id (copy), ==, mb_conversation_get_id (conversation));
  g_assert_cmpstr (mb_conversation_get_person_id (copy), ==, "person-1");
  g_assert_true (g_date_time_equal (mb_conversation_get_scheduled (copy), when));
  g_assert_true (g_date_time_equal (mb_conversation_get_when (copy), when));
  g_assert_cmpint (mb_conversation_get_phase (copy), ==, MB_PHASE_REFLECT);
  g_assert_cmpuint (mb_conversation_get_step (copy), ==, 1);
  g_assert_true (mb_conversation_get_finished (copy));
  g_assert_cmpstr (mb_conversation_get_text (copy, MB_TEXT_PREPARATION, "facts"), ==, "She missed two deadlines.");
  g_assert_cmpstr (mb_conversation_get_text (copy, MB_TEXT_PREPARATION_NOTES, NULL), ==, "Bring the plan.\nAnd coffee.");
  g_assert_cmpstr (mb_conversation_get_text (copy, MB_TEXT_STEP_NOTES, "open"), ==, "Nervous at first — “it’s fine”.");
  g_assert_cmpstr (mb_conversation_get_text (copy, MB_TEXT_STEP_NOTES, "close"), ==, "Agreed on Fridays.");
  g_assert_cmpstr (mb_conversation_get_text (copy, MB_TEXT_REFLECTION, "listened"), ==, "Mostly. I interrupted twice.");
  g_assert_cmpstr (mb_conversation_get_text (copy, MB_TEXT_REFLECTION, "nothing-here"), ==, "");

  g_assert_cmpuint (g_list_model_get_n_items (mb_conversation_get_agreements (copy)), ==, 2);
  agreement = g_list_model_get_item (mb_conversation_get_agreements (copy), 0);
  g_assert_cmpstr (mb_agreement_get_text (agreement), ==, "Send the plan");
  g_assert_cmpint (mb_agreement_get_promised_by (agreement), ==, MB_PROMISED_BY_ME);
  g_assert_cmpint (mb_agreement_get_status (agreement), ==, MB_AGREEMENT_OPEN);
  g_assert_cmpint (g_date_compare (mb_agreement_get_due (agreement), due), ==, 0);
  g_clear_object (&agreement);
  agreement = g_list_model_get_item (mb_conversation_get_agreements (copy), 1);
  g_assert_cmpint (mb_agreement_get_promised_by (agreement), ==, MB_PROMISED_BY_BOTH);
  g_assert_cmpint (mb_agreement_get_status (agreement), ==, MB_AGREEMENT_KEPT);
  g_assert_null (mb_agreement_get_due (agreement));

  g_assert_cmpuint (g_list_model_get_n_items (mb_conversation_get_marbles (copy)), ==, 2);
  marble = g_list_model_get_item (mb_conversation_get_marbles (copy), 1);
  g_assert_false (mb_marble_is_in (marble));
  g_assert_cmpstr (mb_marble_get_reason (marble), ==, "Was late again");

  /* The copy of the script is the script it was held with. */
  g_assert_cmpstr (mb_script_get_id (mb_conversation_get_script (copy)), ==, "test-script");
  g_assert_cmpuint (mb_script_get_steps (mb_conversation_get_script (copy))->len, ==, 2);

  g_date_free (due);
}

static void
test_unknown_members_kept (void)
{
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) conversation = mb_conversation_new ("p", script, NULL);
  g_autoptr(MbConversation) copy = NULL;
  g_autoptr(MbConversation) again = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) edited_bytes = NULL;
  g_autoptr(GHashTable) copies = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonObject *item;

  mb_conversation_add_agreement (conversation, "Call back", MB_PROMISED_BY_THEM, NULL);
  mb_conversation_set_text (conversation, MB_TEXT_STEP_NOTES, "open", "first");
  bytes = mb_conversation_to_bytes (conversation);

  /* A newer Marbles added members of its own, at every level. */
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                             g_bytes_get_size (bytes), NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  json_object_set_string_member (root, "mood", "hopeful");
  json_object_set_string_member (json_object_get_object_member (json_object_get_object_member (root, "steps"), "open"),
                                 "highlight", "yellow");
  item = json_array_get_object_element (json_object_get_array_member (root, "agreements"), 0);
  json_object_set_int_member (item, "reminders", 3);
  text = json_to_string (json_parser_get_root (parser), FALSE);
  edited_bytes = g_bytes_new (text, strlen (text));

  copies = copies_of (conversation);
  copy = mb_conversation_new_from_bytes (edited_bytes, "newer.json", copies, &error);
  g_assert_no_error (error);
  mb_conversation_set_text (copy, MB_TEXT_STEP_NOTES, "open", "second");
  again = reload (copy);
  g_assert_cmpstr (mb_conversation_get_text (again, MB_TEXT_STEP_NOTES, "open"), ==, "second");

  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = mb_conversation_to_bytes (copy);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "\"mood\" : \"hopeful\""));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "\"highlight\" : \"yellow\""));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "\"reminders\" : 3"));
}

static void
test_emptied_text_stays_empty (void)
{
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) conversation = mb_conversation_new ("p", script, NULL);
  g_autoptr(MbConversation) copy = NULL;
  g_autoptr(MbConversation) again = NULL;

  mb_conversation_set_text (conversation, MB_TEXT_PREPARATION, "facts", "a first thought");
  copy = reload (conversation);
  mb_conversation_set_text (copy, MB_TEXT_PREPARATION, "facts", "");
  again = reload (copy);
  g_assert_cmpstr (mb_conversation_get_text (again, MB_TEXT_PREPARATION, "facts"), ==, "");
}

/* The test's clock: the time only moves when the test says so. */
static gint64 fake_now = G_USEC_PER_SEC;

static gint64
fake_clock (void)
{
  return fake_now;
}

static void
test_timer (void)
{
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) conversation = mb_conversation_new ("p", script, NULL);
  g_autoptr(MbConversation) copy = NULL;

  mb_conversation_set_clock (fake_clock);
  g_assert_false (mb_conversation_get_timer_running (conversation));
  mb_conversation_set_timer_running (conversation, TRUE);
  g_assert_true (mb_conversation_get_timer_running (conversation));
  fake_now += 1100 * 1000;
  mb_conversation_set_timer_running (conversation, FALSE);
  g_assert_cmpint (mb_conversation_get_talk_seconds (conversation), ==, 1);

  /* Reopened, the time is there and the timer waits to be started. */
  copy = reload (conversation);
  g_assert_cmpint (mb_conversation_get_talk_seconds (copy), ==, 1);
  g_assert_false (mb_conversation_get_timer_running (copy));

  /* Finishing stops it: a finished conversation does not go on ticking,
   * and its timer does not start again.
   */
  mb_conversation_set_timer_running (conversation, TRUE);
  fake_now += 90 * G_USEC_PER_SEC;
  mb_conversation_set_finished (conversation, TRUE);
  g_assert_false (mb_conversation_get_timer_running (conversation));
  g_assert_cmpint (mb_conversation_get_talk_seconds (conversation), ==, 91);
  fake_now += (gint64) 3600 * G_USEC_PER_SEC;
  g_assert_cmpint (mb_conversation_get_talk_seconds (conversation), ==, 91);
  mb_conversation_set_timer_running (conversation, TRUE);
  g_assert_false (mb_conversation_get_timer_running (conversation));
  g_clear_object (&copy);
  copy = reload (conversation);
  g_assert_cmpint (mb_conversation_get_talk_seconds (copy), ==, 91);
  mb_conversation_set_clock (NULL);
}

/* Edits the file of @conversation with @edit and reads it again. */
static MbConversation *
reload_edited (MbConversation *conversation,
               void          (*edit) (JsonObject *scales))
{
  g_autoptr(GBytes) bytes = mb_conversation_to_bytes (conversation);
  g_autoptr(JsonNode) root = json_from_string (g_bytes_get_data (bytes, NULL), NULL);
  g_autofree char *text = NULL;
  g_autoptr(GBytes) edited = NULL;

  edit (json_object_get_object_member (json_object_get_object_member (json_node_get_object (root), "reflection"),
                                       "scales"));
  text = json_to_string (root, FALSE);
  edited = g_bytes_new (text, strlen (text));
  return read_like (conversation, edited);
}

static void
put_out_of_range (JsonObject *scales)
{
  json_object_set_int_member (scales, "listened-scale", 9);
}

static void
put_text (JsonObject *scales)
{
  json_object_set_string_member (scales, "listened-scale", "four");
}

static void
scale_changed_cb (MbConversation *conversation,
                  const char     *key,
                  GString        *keys)
{
  g_string_append_printf (keys, "%s;", key);
}

static void
test_scales (void)
{
  g_autoptr(MbScript) script = load_script ("scales.json");
  g_autoptr(MbConversation) conversation = mb_conversation_new ("p", script, NULL);
  g_autoptr(MbConversation) copy = NULL;
  g_autoptr(MbConversation) again = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GString) keys = g_string_new (NULL);
  guint changes = 0;

  /* None chosen: null in the file, read as none. */
  bytes = mb_conversation_to_bytes (conversation);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (bytes, NULL), -1, "\"listened-scale\" : null"));
  copy = reload (conversation);
  g_assert_cmpuint (mb_conversation_get_scale (copy, "listened-scale"), ==, 0);
  g_clear_object (&copy);

  g_signal_connect (conversation, "changed", G_CALLBACK (changed_cb), &changes);
  g_signal_connect (conversation, "scale-changed", G_CALLBACK (scale_changed_cb), keys);
  mb_conversation_set_scale (conversation, "listened-scale", 4);
  mb_conversation_set_scale (conversation, "listened-scale", 4);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpstr (keys->str, ==, "listened-scale;");
  copy = reload (conversation);
  g_assert_cmpuint (mb_conversation_get_scale (copy, "listened-scale"), ==, 4);
  g_clear_object (&copy);

  /* Cleared: none again, and it stays none. */
  mb_conversation_set_scale (conversation, "listened-scale", 0);
  copy = reload (conversation);
  g_assert_cmpuint (mb_conversation_get_scale (copy, "listened-scale"), ==, 0);
  g_clear_object (&copy);

  /* A value out of the scale, or not a number: none, but kept in the
   * file until one is chosen.
   */
  copy = reload_edited (conversation, put_out_of_range);
  g_assert_cmpuint (mb_conversation_get_scale (copy, "listened-scale"), ==, 0);
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = mb_conversation_to_bytes (copy);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (bytes, NULL), -1, "\"listened-scale\" : 9"));
  mb_conversation_set_scale (copy, "listened-scale", 2);
  again = reload (copy);
  g_assert_cmpuint (mb_conversation_get_scale (again, "listened-scale"), ==, 2);
  g_clear_object (&copy);
  g_clear_object (&again);
  copy = reload_edited (conversation, put_text);
  g_assert_cmpuint (mb_conversation_get_scale (copy, "listened-scale"), ==, 0);
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = mb_conversation_to_bytes (copy);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (bytes, NULL), -1, "\"listened-scale\" : \"four\""));
}

/* @conversation's file, with @json in place of its "about". */
static MbConversation *
reload_about (MbConversation *conversation,
              const char     *json)
{
  g_autoptr(GBytes) bytes = mb_conversation_to_bytes (conversation);
  g_autoptr(JsonNode) root = json_from_string (g_bytes_get_data (bytes, NULL), NULL);
  g_autofree char *text = NULL;
  g_autoptr(GBytes) edited = NULL;

  json_object_set_member (json_node_get_object (root), "about", json_from_string (json, NULL));
  text = json_to_string (root, FALSE);
  edited = g_bytes_new (text, strlen (text));
  return read_like (conversation, edited);
}

static gboolean
file_has (MbConversation *conversation,
          const char     *text)
{
  g_autoptr(GBytes) bytes = mb_conversation_to_bytes (conversation);

  return g_strstr_len (g_bytes_get_data (bytes, NULL), -1, text) != NULL;
}

/* The promise a conversation is about: saved and read back; none in a
 * file without it; one this version cannot read, and members it does
 * not know, kept as they were.
 */
static void
test_about (void)
{
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) made_in = mb_conversation_new ("p", script, NULL);
  g_autoptr(MbConversation) conversation = mb_conversation_new ("p", script, NULL);
  g_autoptr(MbConversation) copy = NULL;
  MbAgreement *agreement = mb_conversation_add_agreement (made_in, "Send the plan", MB_PROMISED_BY_ME, NULL);
  const char *conversation_id = "x", *agreement_id = "x";

  g_assert_false (mb_conversation_get_about (conversation, &conversation_id, &agreement_id));
  g_assert_null (conversation_id);
  g_assert_null (agreement_id);
  g_assert_false (file_has (conversation, "\"about\""));
  copy = reload (conversation);
  g_assert_false (mb_conversation_get_about (copy, NULL, NULL));
  g_clear_object (&copy);

  mb_conversation_set_about (conversation, agreement);
  copy = reload (conversation);
  g_assert_true (mb_conversation_get_about (copy, &conversation_id, &agreement_id));
  g_assert_cmpstr (conversation_id, ==, mb_conversation_get_id (made_in));
  g_assert_cmpstr (agreement_id, ==, mb_agreement_get_id (agreement));
  g_clear_object (&copy);

  copy = reload_about (conversation, "{\"conversation\":\"c1\",\"agreement\":\"a1\",\"x-why\":\"late\"}");
  g_assert_true (mb_conversation_get_about (copy, &conversation_id, &agreement_id));
  g_assert_cmpstr (conversation_id, ==, "c1");
  g_assert_cmpstr (agreement_id, ==, "a1");
  g_assert_true (file_has (copy, "\"x-why\" : \"late\""));
  g_clear_object (&copy);

  copy = reload_about (conversation, "{\"conversation\":\"c1\",\"agreement\":7}");
  g_assert_false (mb_conversation_get_about (copy, NULL, NULL));
  g_assert_true (file_has (copy, "\"agreement\" : 7"));
  g_clear_object (&copy);
  copy = reload_about (conversation, "\"the plan\"");
  g_assert_false (mb_conversation_get_about (copy, NULL, NULL));
  g_assert_true (file_has (copy, "\"about\" : \"the plan\""));
}

/* A value chosen is found by the words of its question; taken in from
 * another version, it is announced.
 */
static void
test_scales_search_update (void)
{
  g_autoptr(MbScript) script = load_script ("scales.json");
  g_autoptr(MbConversation) conversation = mb_conversation_new ("p", script, NULL);
  g_autoptr(MbConversation) other = NULL;
  g_auto(GStrv) words = mb_search_words ("listen");
  g_auto(GStrv) end = mb_search_words ("whole time");
  g_autofree char *snippet = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GString) keys = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  MbPhase phase;

  g_assert_false (mb_conversation_matches (conversation, NULL, (const char * const *) words, -1));
  mb_conversation_set_scale (conversation, "listened-scale", 4);
  g_assert_true (mb_conversation_matches (conversation, NULL, (const char * const *) words, MB_PHASE_REFLECT));
  g_assert_true (mb_conversation_matches (conversation, NULL, (const char * const *) end, -1));
  snippet = mb_conversation_find (conversation, (const char * const *) words, -1, &phase, NULL);
  g_assert_cmpstr (snippet, ==, "How well did I listen? 4 of 5 (from “Hardly” to “The whole time”)");
  g_assert_cmpint (phase, ==, MB_PHASE_REFLECT);

  other = reload (conversation);
  mb_conversation_set_scale (other, "listened-scale", 2);
  bytes = mb_conversation_to_bytes (other);
  root = json_from_string (g_bytes_get_data (bytes, NULL), NULL);
  g_signal_connect (conversation, "scale-changed", G_CALLBACK (scale_changed_cb), keys);
  g_assert_true (mb_conversation_update_from_json (conversation, root, "other.json", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (keys->str, ==, "listened-scale;");
  g_assert_cmpuint (mb_conversation_get_scale (conversation, "listened-scale"), ==, 2);
}

/* "scales" that are not an object: the file cannot be read. */
static void
test_scales_damaged (void)
{
  g_autoptr(MbScript) script = load_script ("scales.json");
  g_autoptr(MbConversation) conversation = mb_conversation_new ("p", script, NULL);
  g_autoptr(GBytes) bytes = mb_conversation_to_bytes (conversation);
  g_autoptr(GHashTable) copies = copies_of (conversation);
  g_autoptr(JsonNode) root = json_from_string (g_bytes_get_data (bytes, NULL), NULL);
  g_autofree char *text = NULL;
  g_autoptr(GBytes) edited = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MbConversation) copy = NULL;

  json_object_set_string_member (json_object_get_object_member (json_node_get_object (root), "reflection"),
                                 "scales", "4");
  text = json_to_string (root, FALSE);
  edited = g_bytes_new (text, strlen (text));
  copy = mb_conversation_new_from_bytes (edited, "edited.json", copies, &error);
  g_assert_null (copy);
  g_assert_error (error, MB_CONVERSATION_ERROR, MB_CONVERSATION_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "reflection.scales"));
}

/* A file of a conversation whose script has no scales gets no "scales". */
static void
test_scales_absent (void)
{
  g_autoptr(MbScript) script = load_script ("minimal.json");
  g_autoptr(MbConversation) conversation = mb_conversation_new ("p", script, NULL);
  g_autoptr(GBytes) bytes = mb_conversation_to_bytes (conversation);

  g_assert_null (g_strstr_len (g_bytes_get_data (bytes, NULL), -1, "scales"));
}

static void
test_damaged (void)
{
  /* The file, what is wrong with it, and where the message says it is
   * (the line and column when it is not JSON).
   */
  const char *cases[][3] = {
    { "", "empty", "damaged.json:1:1: " },
    { "{\"format\": \"marbles-conversation\", \"version\": 1, \"id\": \"x\"", "truncated", "damaged.json:1:56: " },
    { "[1, 2]", "not an object", "damaged.json: " },
    { "{\"format\": \"marbles-people\", \"version\": 1}", "another format", "damaged.json: " },
    { "{\"format\": \"marbles-conversation\", \"version\": 1, \"id\": \"x\", \"person\": \"p\"}", "no script",
      "damaged.json: " },
    { "{\"format\": \"marbles-conversation\", \"version\": 1, \"id\": \"x\", \"person\": \"p\", \"script\": {}}",
      "a broken script", "damaged.json: " },
    { "{\"format\": \"marbles-conversation\", \"version\": 2, \"id\": \"x\", \"person\": \"p\","
      " \"script\": {\"id\": \"grow\", \"copy\": \"0123\"}}", "a copy of its script that is not there",
      "damaged.json: " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i][0], strlen (cases[i][0]));
      g_autoptr(GError) error = NULL;
      g_autoptr(MbConversation) conversation = mb_conversation_new_from_bytes (bytes, "damaged.json", NULL, &error);

      g_test_message ("%s", cases[i][1]);
      g_assert_null (conversation);
      g_assert_error (error, MB_CONVERSATION_ERROR, MB_CONVERSATION_ERROR_DAMAGED);
      g_assert_true (g_str_has_prefix (error->message, cases[i][2]));
    }
}

static void
test_newer_version (void)
{
  const char *json = "{\"format\": \"marbles-conversation\", \"version\": 3, \"id\": \"x\", \"person\": \"p\"}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
  g_autoptr(GError) error = NULL;
  g_autoptr(MbConversation) conversation = mb_conversation_new_from_bytes (bytes, "newer.json", NULL, &error);

  g_assert_null (conversation);
  g_assert_error (error, MB_CONVERSATION_ERROR, MB_CONVERSATION_ERROR_NEWER_VERSION);
}

/* What is folded from a copy in a worker is given back only when the
 * conversation has not changed since it was copied.
 */
static void
test_search_copy (void)
{
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) conversation = mb_conversation_new ("p", script, NULL);
  g_auto(GStrv) before = mb_search_words ("deadline");
  g_auto(GStrv) after = mb_search_words ("roadmap");
  g_auto(GStrv) phase_words = mb_search_words ("roadmap budget");
  MbSearchCopy *copy;

  mb_conversation_set_text (conversation, MB_TEXT_PREPARATION, "facts", "She missed the deadline.");
  copy = mb_conversation_copy_for_search (conversation);
  g_assert_nonnull (copy);
  mb_conversation_set_text (conversation, MB_TEXT_PREPARATION, "facts", "The roadmap was late.");
  mb_search_copy_fold (copy);
  mb_search_copy_finish (copy);
  g_assert_false (mb_conversation_matches (conversation, NULL, (const char * const *) before, -1));
  g_assert_true (mb_conversation_matches (conversation, NULL, (const char * const *) after, -1));

  /* Unchanged, it is taken, phases and all; then nothing is left to copy. */
  mb_conversation_set_text (conversation, MB_TEXT_STEP_NOTES, "close", "The budget, again.");
  copy = mb_conversation_copy_for_search (conversation);
  g_assert_nonnull (copy);
  mb_search_copy_fold (copy);
  mb_search_copy_finish (copy);
  g_assert_null (mb_conversation_copy_for_search (conversation));
  g_assert_true (mb_conversation_matches (conversation, NULL, (const char * const *) phase_words, -1));
  g_assert_false (mb_conversation_matches (conversation, NULL, (const char * const *) phase_words, MB_PHASE_TALK));
  g_assert_true (mb_conversation_matches (conversation, NULL, (const char * const *) after, MB_PHASE_PREPARE));

  /* A copy outliving its conversation gives nothing back. */
  mb_conversation_set_text (conversation, MB_TEXT_STEP_NOTES, "close", "Gone.");
  copy = mb_conversation_copy_for_search (conversation);
  g_clear_object (&conversation);
  mb_search_copy_fold (copy);
  mb_search_copy_finish (copy);
}

static void
test_search (void)
{
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) conversation = mb_conversation_new ("p", script, NULL);
  g_auto(GStrv) one = mb_search_words ("DEADLINE");
  g_auto(GStrv) accents = mb_search_words ("café");
  g_auto(GStrv) two = mb_search_words ("  report   friday ");
  g_auto(GStrv) missing = mb_search_words ("report holiday");
  g_auto(GStrv) person = mb_search_words ("sanne plan");
  g_auto(GStrv) title = mb_search_words ("test script");
  g_autofree char *name = mb_fold_for_search ("Sanne de Vries");
  g_autofree char *snippet = NULL;
  g_autofree char *title_snippet = NULL;
  MbPhase phase;
  guint step;

  g_assert_cmpuint (g_strv_length (two), ==, 2);
  mb_conversation_set_text (conversation, MB_TEXT_PREPARATION, "facts", "She missed the deadline twice.");
  mb_conversation_set_text (conversation, MB_TEXT_STEP_NOTES, "close",
                            "We talked for a long time over a coffee at the café on the corner. "
                            "Then: she sends the report on Friday, and I check in on Monday.");
  mb_conversation_add_agreement (conversation, "I share the plan", MB_PROMISED_BY_ME, NULL);

  /* Case and accents do not matter; every word must occur, anywhere. */
  g_assert_true (mb_conversation_matches (conversation, NULL, (const char * const *) one, -1));
  g_assert_true (mb_conversation_matches (conversation, NULL, (const char * const *) accents, -1));
  g_assert_true (mb_conversation_matches (conversation, NULL, (const char * const *) two, -1));
  g_assert_false (mb_conversation_matches (conversation, NULL, (const char * const *) missing, -1));
  g_assert_false (mb_conversation_matches (conversation, NULL, (const char * const *) person, -1));
  g_assert_true (mb_conversation_matches (conversation, name, (const char * const *) person, -1));
  g_assert_true (mb_conversation_matches (conversation, NULL, (const char * const *) title, -1));

  /* The snippet shows the words around the place, and where it is. */
  snippet = mb_conversation_find (conversation, (const char * const *) two, -1, &phase, &step);
  g_assert_nonnull (strstr (snippet, "sends the report on Friday"));
  g_assert_true (g_str_has_prefix (snippet, "…"));
  g_assert_null (strchr (snippet, '\n'));
  g_assert_cmpint (phase, ==, MB_PHASE_TALK);
  g_assert_cmpuint (step, ==, 1);
  g_clear_pointer (&snippet, g_free);
  snippet = mb_conversation_find (conversation, (const char * const *) accents, -1, &phase, NULL);
  g_assert_nonnull (strstr (snippet, "café on the corner"));

  /* Found in the title only: a match, but no place to show. */
  title_snippet = mb_conversation_find (conversation, (const char * const *) title, -1, NULL, NULL);
  g_assert_null (title_snippet);

  /* A change is found at once. */
  mb_conversation_set_text (conversation, MB_TEXT_PREPARATION, "facts", "Nothing about that any more.");
  g_assert_false (mb_conversation_matches (conversation, NULL, (const char * const *) one, -1));
}

/* Two words found together open where they are together, not where the
 * first of them is first.
 */
static void
test_search_all_words (void)
{
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) conversation = mb_conversation_new ("p", script, NULL);
  g_auto(GStrv) words = mb_search_words ("creme budget");
  g_autofree char *snippet = NULL;
  g_autoptr(GArray) spans = NULL;
  const char *text = "Café crème, then the budget: crème BUDGET.";
  MbPhase phase = MB_PHASE_PREPARE;
  guint step = 0;

  mb_conversation_set_text (conversation, MB_TEXT_STEP_NOTES, "open", "A café crème to start with.");
  mb_conversation_set_text (conversation, MB_TEXT_STEP_NOTES, "close", "Then the crème budget for the team.");
  snippet = mb_conversation_find (conversation, (const char * const *) words, -1, &phase, &step);
  g_assert_cmpint (phase, ==, MB_PHASE_TALK);
  g_assert_cmpuint (step, ==, 1);
  g_assert_nonnull (strstr (snippet, "crème budget"));

  /* Where each word is in the text as written, to show it. */
  spans = mb_search_spans (text, (const char * const *) words);
  g_assert_cmpuint (spans->len, ==, 4);
  for (guint i = 0; i < spans->len; i++)
    {
      MbSearchSpan *span = &g_array_index (spans, MbSearchSpan, i);
      g_autofree char *found = g_strndup (text + span->start, span->end - span->start);
      const char *expected[] = { "crème", "budget", "crème", "BUDGET" };

      g_assert_cmpstr (found, ==, expected[i]);
    }
}

/* Inputs that once broke the loader under the fuzzer load, or fail
 * with a message, and what loads saves and loads again.
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
      g_autoptr(GError) error = NULL;
      g_autoptr(MbConversation) conversation = NULL;
      gsize len;

      if (!g_str_has_prefix (name, "conversation-"))
        continue;

      g_test_message ("%s", name);
      g_assert_true (g_file_get_contents (file, &contents, &len, NULL));
      bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
      conversation = mb_conversation_new_from_bytes (bytes, name, NULL, &error);
      if (conversation != NULL)
        g_object_unref (reload (conversation));
      else
        g_assert_true (g_str_has_prefix (error->message, name));
    }
}

/* Upcoming: planned from today on, and not begun. */
static void
test_upcoming (void)
{
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 11, 30, 15, 0, 0);
  g_autoptr(GDateTime) this_morning = g_date_time_new_local (2026, 11, 30, 9, 0, 0);
  g_autoptr(GDateTime) next_week = g_date_time_new_local (2026, 12, 7, 14, 30, 0);
  g_autoptr(GDateTime) yesterday = g_date_time_new_local (2026, 11, 29, 14, 30, 0);
  g_autoptr(MbConversation) planned = mb_conversation_new ("sanne", script, next_week);
  g_autoptr(MbConversation) today = mb_conversation_new ("sanne", script, this_morning);
  g_autoptr(MbConversation) past = mb_conversation_new ("sanne", script, yesterday);
  g_autoptr(MbConversation) unplanned = mb_conversation_new ("sanne", script, NULL);
  g_autoptr(MbConversation) begun = mb_conversation_new ("sanne", script, next_week);
  g_autoptr(MbConversation) finished = mb_conversation_new ("sanne", script, next_week);

  mb_conversation_set_phase (begun, MB_PHASE_TALK);
  mb_conversation_set_finished (finished, TRUE);
  g_assert_true (mb_conversation_is_upcoming (planned, now));
  g_assert_true (mb_conversation_is_upcoming (today, now));
  g_assert_false (mb_conversation_is_upcoming (past, now));
  g_assert_false (mb_conversation_is_upcoming (unplanned, now));
  g_assert_false (mb_conversation_is_upcoming (begun, now));
  g_assert_false (mb_conversation_is_upcoming (finished, now));
}

/* Phase and status are properties of their enum types: a binding or an
 * expression gets an MbPhase, an MbAgreementStatus, never a bare int.
 */
static void
test_enum_properties (void)
{
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) conversation = mb_conversation_new ("sanne", script, NULL);
  MbAgreement *agreement = mb_conversation_add_agreement (conversation, "Send the plan", MB_PROMISED_BY_BOTH, NULL);
  GParamSpec *phase_spec = g_object_class_find_property (G_OBJECT_GET_CLASS (conversation), "phase");
  GParamSpec *status_spec = g_object_class_find_property (G_OBJECT_GET_CLASS (agreement), "status");
  g_autoptr(GEnumClass) promisers = g_type_class_ref (MB_TYPE_PROMISED_BY);
  MbPhase phase;
  MbAgreementStatus status;

  g_assert_true (G_IS_PARAM_SPEC_ENUM (phase_spec));
  g_assert_true (phase_spec->value_type == MB_TYPE_PHASE);
  g_assert_true (G_IS_PARAM_SPEC_ENUM (status_spec));
  g_assert_true (status_spec->value_type == MB_TYPE_AGREEMENT_STATUS);

  mb_conversation_set_phase (conversation, MB_PHASE_REFLECT);
  mb_agreement_set_status (agreement, MB_AGREEMENT_NOT_KEPT);
  g_object_get (conversation, "phase", &phase, NULL);
  g_object_get (agreement, "status", &status, NULL);
  g_assert_cmpint (phase, ==, MB_PHASE_REFLECT);
  g_assert_cmpint (status, ==, MB_AGREEMENT_NOT_KEPT);

  /* Who promised has a type too, for drop-downs. */
  g_assert_cmpuint (promisers->n_values, ==, 3);
  g_assert_cmpstr (g_enum_get_value (promisers, MB_PROMISED_BY_ME)->value_name, ==, "MB_PROMISED_BY_ME");
  g_assert_cmpstr (g_enum_get_value (promisers, MB_PROMISED_BY_BOTH)->value_name, ==, "MB_PROMISED_BY_BOTH");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/conversation/round-trip", test_round_trip);
  g_test_add_func ("/conversation/unknown-members", test_unknown_members_kept);
  g_test_add_func ("/conversation/emptied-text", test_emptied_text_stays_empty);
  g_test_add_func ("/conversation/timer", test_timer);
  g_test_add_func ("/conversation/scales", test_scales);
  g_test_add_func ("/conversation/scales-absent", test_scales_absent);
  g_test_add_func ("/conversation/scales-damaged", test_scales_damaged);
  g_test_add_func ("/conversation/scales-search-update", test_scales_search_update);
  g_test_add_func ("/conversation/about", test_about);
  g_test_add_func ("/conversation/damaged", test_damaged);
  g_test_add_func ("/conversation/newer-version", test_newer_version);
  g_test_add_func ("/conversation/fuzz-regressions", test_fuzz_regressions);
  g_test_add_func ("/conversation/search", test_search);
  g_test_add_func ("/conversation/search-copy", test_search_copy);
  g_test_add_func ("/conversation/search-all-words", test_search_all_words);
  g_test_add_func ("/conversation/upcoming", test_upcoming);
  g_test_add_func ("/conversation/enum-properties", test_enum_properties);

  return g_test_run ();
}
