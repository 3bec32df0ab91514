/* test-update.c — what the model does to take in a version of its file
 * written elsewhere: the status history of agreements, a conversation
 * and a person updated in place.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "core-util.h"

static MbAgreement *
agreement_at (MbConversation *conversation,
              guint           i)
{
  g_autoptr(MbAgreement) agreement = g_list_model_get_item (mb_conversation_get_agreements (conversation), i);

  return agreement;
}

/* @text with @inserted after the first @after in it. */
static char *
insert_after (const char *text,
              const char *after,
              const char *inserted)
{
  const char *at = strstr (text, after);
  GString *result = g_string_new (NULL);

  g_assert_nonnull (at);
  at += strlen (after);
  g_string_append_len (result, text, at - text);
  g_string_append (result, inserted);
  g_string_append (result, at);
  return g_string_free (result, FALSE);
}

/* A status changed keeps when, and the one before in the history. */
static void
test_status_history (void)
{
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) conversation = mb_conversation_new ("p", script, NULL);
  g_autoptr(MbConversation) copy = NULL;
  g_autoptr(GDateTime) kept_at = NULL;
  g_autoptr(GDateTime) changed = NULL;
  MbAgreement *agreement;
  MbAgreementStatus status;

  agreement = mb_conversation_add_agreement (conversation, "Send the plan", MB_PROMISED_BY_ME, NULL);
  g_assert_null (mb_agreement_get_status_changed (agreement));
  g_assert_cmpuint (mb_agreement_get_n_history (agreement), ==, 0);

  mb_agreement_set_status (agreement, MB_AGREEMENT_KEPT);
  g_assert_nonnull (mb_agreement_get_status_changed (agreement));
  kept_at = g_date_time_ref (mb_agreement_get_status_changed (agreement));
  mb_agreement_set_status (agreement, MB_AGREEMENT_NOT_KEPT);
  g_assert_cmpuint (mb_agreement_get_n_history (agreement), ==, 2);

  /* Read back from the file. */
  copy = reload (conversation);
  agreement = agreement_at (copy, 0);
  g_assert_cmpint (mb_agreement_get_status (agreement), ==, MB_AGREEMENT_NOT_KEPT);
  g_assert_nonnull (mb_agreement_get_status_changed (agreement));
  g_assert_cmpuint (mb_agreement_get_n_history (agreement), ==, 2);
  g_assert_true (mb_agreement_get_history (agreement, 0, &status, &changed));
  g_assert_cmpint (status, ==, MB_AGREEMENT_OPEN);
  g_assert_null (changed);
  g_assert_true (mb_agreement_get_history (agreement, 1, &status, &changed));
  g_assert_cmpint (status, ==, MB_AGREEMENT_KEPT);
  g_assert_nonnull (changed);
  g_assert_true (g_date_time_equal (changed, kept_at));
}

/* A file of an earlier version has neither; a history with a status
 * this version does not know is kept as it is.
 */
static void
test_status_history_old_files (void)
{
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) conversation = mb_conversation_new ("p", script, NULL);
  g_autoptr(GHashTable) copies = copies_of (conversation);
  g_autoptr(MbConversation) old = NULL;
  g_autoptr(MbConversation) newer = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *edited = NULL;
  MbAgreement *agreement;

  mb_conversation_add_agreement (conversation, "Call back", MB_PROMISED_BY_THEM, NULL);
  bytes = mb_conversation_to_bytes (conversation);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_null (strstr (text, "status_changed"));
  g_assert_null (strstr (text, "history"));
  old = mb_conversation_new_from_bytes (bytes, "old.json", copies, &error);
  g_assert_no_error (error);
  agreement = agreement_at (old, 0);
  g_assert_null (mb_agreement_get_status_changed (agreement));
  g_assert_cmpuint (mb_agreement_get_n_history (agreement), ==, 0);

  edited = insert_after (text, "\"status\" : \"open\",", " \"history\" : [ { \"status\" : \"delegated\" } ],");
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = g_bytes_new (edited, strlen (edited));
  newer = mb_conversation_new_from_bytes (bytes, "newer.json", copies, &error);
  g_assert_no_error (error);
  agreement = agreement_at (newer, 0);
  g_assert_cmpuint (mb_agreement_get_n_history (agreement), ==, 1);
  g_assert_false (mb_agreement_get_history (agreement, 0, NULL, NULL));
  mb_agreement_set_status (agreement, MB_AGREEMENT_KEPT);
  g_assert_cmpuint (mb_agreement_get_n_history (agreement), ==, 2);
  again = mb_conversation_to_bytes (newer);
  g_clear_pointer (&text, g_free);
  text = g_strndup (g_bytes_get_data (again, NULL), g_bytes_get_size (again));
  g_assert_nonnull (strstr (text, "\"delegated\""));
}

/* What a conversation emits while it takes in another version. */
typedef struct
{
  GPtrArray *texts;    /* "kind/key" */
  GPtrArray *notified; /* property names */
  guint      changed;
  guint      agreements_changed;
  guint      marbles_changed;
  guint      status_notified;
} Signals;

static void
text_replaced_cb (MbConversation *conversation,
                  int             kind,
                  const char     *key,
                  Signals        *signals)
{
  /* The text is the new one when the signal comes. */
  g_assert_nonnull (mb_conversation_get_text (conversation, kind, key));
  g_ptr_array_add (signals->texts, g_strdup_printf ("%d/%s", kind, key != NULL ? key : "(null)"));
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           Signals    *signals)
{
  /* Said while it takes the version in, which the view asks. */
  g_assert_true (mb_conversation_is_updating (MB_CONVERSATION (object)));
  g_ptr_array_add (signals->notified, g_strdup (pspec->name));
}

static void
count_cb (gpointer  object,
          guint    *count)
{
  (*count)++;
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *count)
{
  (*count)++;
}

static void
status_notified_cb (GObject    *object,
                    GParamSpec *pspec,
                    guint      *count)
{
  (*count)++;
}

static void
watch (MbConversation *conversation,
       Signals        *signals)
{
  GListModel *agreements = mb_conversation_get_agreements (conversation);

  signals->texts = g_ptr_array_new_with_free_func (g_free);
  signals->notified = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (conversation, "text-replaced", G_CALLBACK (text_replaced_cb), signals);
  g_signal_connect (conversation, "notify", G_CALLBACK (notify_cb), signals);
  g_signal_connect (conversation, "changed", G_CALLBACK (count_cb), &signals->changed);
  g_signal_connect (agreements, "items-changed", G_CALLBACK (items_changed_cb), &signals->agreements_changed);
  g_signal_connect (mb_conversation_get_marbles (conversation), "items-changed", G_CALLBACK (items_changed_cb),
                    &signals->marbles_changed);
  for (guint i = 0; i < g_list_model_get_n_items (agreements); i++)
    g_signal_connect (agreement_at (conversation, i), "notify::status", G_CALLBACK (status_notified_cb),
                      &signals->status_notified);
}

static void
signals_clear (Signals *signals)
{
  g_ptr_array_unref (signals->texts);
  g_ptr_array_unref (signals->notified);
}

static JsonNode *
root_of (MbConversation *conversation)
{
  g_autoptr(GBytes) bytes = mb_conversation_to_bytes (conversation);
  g_autoptr(GError) error = NULL;
  JsonNode *root = json_from_string (g_bytes_get_data (bytes, NULL), &error);

  g_assert_no_error (error);
  return root;
}

/* Whether @a and @b write the same, member for member. */
static gboolean
same_json (MbConversation *a,
           MbConversation *b)
{
  g_autoptr(JsonNode) root_a = root_of (a);
  g_autoptr(JsonNode) root_b = root_of (b);

  return json_node_equal (root_a, root_b);
}

/* The other device's version comes in: only what differs changes, and
 * says so; the agreement kept is the same object.
 */
static void
test_conversation_update (void)
{
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) here = mb_conversation_new ("p", script, NULL);
  g_autoptr(MbConversation) there = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  MbAgreement *kept_here;
  Signals signals = { 0 };

  mb_conversation_set_text (here, MB_TEXT_STEP_NOTES, "open", "Same on both");
  mb_conversation_set_text (here, MB_TEXT_STEP_NOTES, "close", "Before");
  mb_conversation_set_text (here, MB_TEXT_REFLECTION, "listened", "Gone there");
  mb_conversation_add_agreement (here, "Send the plan", MB_PROMISED_BY_ME, NULL);
  mb_conversation_add_agreement (here, "Removed there", MB_PROMISED_BY_THEM, NULL);
  mb_conversation_add_marble (here, TRUE, "Admitted my part");
  kept_here = agreement_at (here, 0);

  there = reload (here);
  mb_conversation_set_text (there, MB_TEXT_STEP_NOTES, "close", "After");
  mb_conversation_set_text (there, MB_TEXT_REFLECTION, "listened", "");
  mb_conversation_set_text (there, MB_TEXT_PREPARATION_NOTES, NULL, "New there");
  mb_conversation_set_phase (there, MB_PHASE_TALK);
  mb_agreement_set_status (agreement_at (there, 0), MB_AGREEMENT_KEPT);
  mb_conversation_remove_agreement (there, agreement_at (there, 1));
  mb_conversation_add_marble (there, FALSE, "Late again");
  root = root_of (there);

  watch (here, &signals);
  g_assert_true (mb_conversation_update_from_json (here, root, "there.json", NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (signals.texts->len, ==, 3);
  g_assert_true (g_ptr_array_find_with_equal_func (signals.texts, "2/close", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (signals.texts, "3/listened", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (signals.texts, "1/(null)", g_str_equal, NULL));
  g_assert_false (mb_conversation_is_updating (here));
  g_assert_cmpuint (signals.notified->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (signals.notified, 0), ==, "phase");
  g_assert_cmpuint (signals.changed, ==, 1);
  g_assert_cmpuint (signals.status_notified, ==, 1);
  g_assert_cmpuint (signals.agreements_changed, ==, 1);
  g_assert_cmpuint (signals.marbles_changed, ==, 1);

  g_assert_cmpstr (mb_conversation_get_text (here, MB_TEXT_STEP_NOTES, "close"), ==, "After");
  g_assert_cmpstr (mb_conversation_get_text (here, MB_TEXT_PREPARATION_NOTES, NULL), ==, "New there");
  g_assert_cmpint (mb_conversation_get_phase (here), ==, MB_PHASE_TALK);
  g_assert_cmpuint (g_list_model_get_n_items (mb_conversation_get_agreements (here)), ==, 1);
  g_assert_true (agreement_at (here, 0) == kept_here);
  g_assert_cmpint (mb_agreement_get_status (kept_here), ==, MB_AGREEMENT_KEPT);
  g_assert_cmpuint (mb_agreement_get_n_history (kept_here), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (mb_conversation_get_marbles (here)), ==, 2);
  g_assert_true (same_json (here, there));

  /* Its agreements are still its own: a change saves the conversation. */
  signals.changed = 0;
  mb_agreement_set_status (kept_here, MB_AGREEMENT_OPEN);
  g_assert_cmpuint (signals.changed, ==, 1);
  signals_clear (&signals);
}

/* The same version again changes nothing and says nothing. */
static void
test_conversation_update_same (void)
{
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) here = mb_conversation_new ("p", script, NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(GError) error = NULL;
  Signals signals = { 0 };

  mb_conversation_set_text (here, MB_TEXT_STEP_NOTES, "open", "Notes");
  mb_agreement_set_status (mb_conversation_add_agreement (here, "Call", MB_PROMISED_BY_ME, NULL),
                           MB_AGREEMENT_KEPT);
  mb_conversation_add_marble (here, TRUE, "Listened");
  root = root_of (here);

  watch (here, &signals);
  g_assert_true (mb_conversation_update_from_json (here, root, "same.json", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (signals.texts->len, ==, 0);
  g_assert_cmpuint (signals.notified->len, ==, 0);
  g_assert_cmpuint (signals.changed, ==, 0);
  g_assert_cmpuint (signals.status_notified, ==, 0);
  g_assert_cmpuint (signals.agreements_changed, ==, 0);
  g_assert_cmpuint (signals.marbles_changed, ==, 0);
  after = root_of (here);
  g_assert_true (json_node_equal (root, after));
  signals_clear (&signals);
}

/* Another conversation's file, or one that cannot be read, changes
 * nothing.
 */
static void
test_conversation_update_refused (void)
{
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) here = mb_conversation_new ("p", script, NULL);
  g_autoptr(MbConversation) other = mb_conversation_new ("p", script, NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) damaged = json_from_string ("{\"format\": \"marbles-conversation\"}", NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;

  mb_conversation_set_text (here, MB_TEXT_STEP_NOTES, "open", "Mine");
  mb_conversation_set_text (other, MB_TEXT_STEP_NOTES, "open", "Theirs");
  root = root_of (other);
  before = mb_conversation_to_bytes (here);

  g_assert_false (mb_conversation_update_from_json (here, root, "other.json", NULL, &error));
  g_assert_error (error, MB_CONVERSATION_ERROR, MB_CONVERSATION_ERROR_DAMAGED);
  g_clear_error (&error);
  g_assert_false (mb_conversation_update_from_json (here, damaged, "damaged.json", NULL, &error));
  g_assert_error (error, MB_CONVERSATION_ERROR, MB_CONVERSATION_ERROR_DAMAGED);
  after = mb_conversation_to_bytes (here);
  g_assert_true (g_bytes_equal (before, after));
}

static void
person_notify_cb (GObject    *object,
                  GParamSpec *pspec,
                  GString    *names)
{
  g_string_append_printf (names, "%s;", pspec->name);
}

static gint64 fake_now = G_USEC_PER_SEC;

static gint64
fake_clock (void)
{
  return fake_now;
}

/* A version taken in while the talk timer runs holds the time counted
 * here (a merge with this conversation's own); the timer goes on from
 * it, not counting again what it had counted, and keeps the part of a
 * second it had run.
 */
static void
test_conversation_update_timer (void)
{
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) here = mb_conversation_new ("p", script, NULL);
  g_autoptr(MbConversation) there = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  mb_conversation_set_clock (fake_clock);
  mb_conversation_set_timer_running (here, TRUE);
  fake_now += 5600 * 1000;
  g_assert_cmpint (mb_conversation_get_talk_seconds (here), ==, 5);

  there = reload (here);
  mb_conversation_set_text (there, MB_TEXT_STEP_NOTES, "open", "Noted there");
  root = root_of (there);
  g_assert_true (mb_conversation_update_from_json (here, root, "there.json", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (mb_conversation_get_timer_running (here));
  g_assert_cmpint (mb_conversation_get_talk_seconds (here), ==, 5);
  fake_now += 400 * 1000;
  g_assert_cmpint (mb_conversation_get_talk_seconds (here), ==, 6);

  /* A longer time there, from a timer that ran longer: on from that. */
  g_clear_pointer (&root, json_node_unref);
  g_clear_object (&there);
  there = reload (here);
  root = root_of (there);
  json_object_set_int_member (json_object_get_object_member (json_node_get_object (root), "talk"), "seconds", 100);
  g_assert_true (mb_conversation_update_from_json (here, root, "there.json", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mb_conversation_get_talk_seconds (here), ==, 100);
  fake_now += 2 * G_USEC_PER_SEC;
  mb_conversation_set_timer_running (here, FALSE);
  g_assert_cmpint (mb_conversation_get_talk_seconds (here), ==, 102);
  mb_conversation_set_clock (NULL);
}

static void
test_person_update (void)
{
  g_autoptr(MbPerson) here = mb_person_new ("Sanne", "Designer");
  g_autoptr(JsonNode) node = mb_person_to_json (here);
  g_autoptr(JsonNode) other = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  JsonObject *object = json_node_get_object (node);

  json_object_set_string_member (object, "name", "Sanne de Vries");
  json_object_set_string_member (object, "hobby", "sailing");
  g_signal_connect (here, "notify", G_CALLBACK (person_notify_cb), names);
  g_assert_true (mb_person_update_from_json (here, object));
  g_assert_cmpstr (names->str, ==, "name;");
  g_assert_cmpstr (mb_person_get_name (here), ==, "Sanne de Vries");
  g_assert_cmpstr (mb_person_get_role (here), ==, "Designer");

  /* What this version does not know is kept from the new version. */
  g_clear_pointer (&node, json_node_unref);
  node = mb_person_to_json (here);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "hobby"), ==, "sailing");

  /* Someone else's entry is not taken. */
  other = json_from_string ("{\"id\": \"another\", \"name\": \"Ahmed\"}", NULL);
  g_assert_false (mb_person_update_from_json (here, json_node_get_object (other)));
  g_assert_cmpstr (mb_person_get_name (here), ==, "Sanne de Vries");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/update/status-history", test_status_history);
  g_test_add_func ("/update/status-history-old-files", test_status_history_old_files);
  g_test_add_func ("/update/conversation", test_conversation_update);
  g_test_add_func ("/update/conversation-same", test_conversation_update_same);
  g_test_add_func ("/update/conversation-refused", test_conversation_update_refused);
  g_test_add_func ("/update/conversation-timer", test_conversation_update_timer);
  g_test_add_func ("/update/person", test_person_update);

  return g_test_run ();
}
