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

static GHashTable *
copies_of (MbConversation *conversation)
{
  GHashTable *copies = mb_script_copies_new ();

  mb_script_copies_add (copies, mb_conversation_get_script (conversation));
  return copies;
}

static MbConversation *
reload (MbConversation *conversation)
{
  g_autoptr(GBytes) bytes = mb_conversation_to_bytes (conversation);
  g_autoptr(GHashTable) copies = copies_of (conversation);
  g_autoptr(GError) error = NULL;
  MbConversation *copy = mb_conversation_new_from_bytes (bytes, "copy.json", copies, &error);

  g_assert_no_error (error);
  return copy;
}

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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/update/status-history", test_status_history);
  g_test_add_func ("/update/status-history-old-files", test_status_history_old_files);

  return g_test_run ();
}
