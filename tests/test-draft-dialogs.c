/* test-draft-dialogs.c — what is typed and not added yet, in the
 * conversation view: the agreement's entry in Talk shows the draft and
 * follows it; the Add Agreement and marble dialogs start from their
 * drafts, type into them, add them, and put them back on Cancel; read
 * whole, the conversation shows them as not added yet.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "mb-conversation-read.h"
#include "mb-conversation-view.h"
#include "ui-util.h"

static const char script_json[] =
  "{ \"format\": \"marbles-script\", \"version\": 1, \"id\": \"drafts\","
  "  \"title\": \"Drafts\", \"summary\": \"A short script.\","
  "  \"preparation\": [ { \"id\": \"facts\", \"text\": \"What do you know?\" } ],"
  "  \"steps\": [ { \"id\": \"listen\", \"title\": \"Listen\", \"purpose\": \"Hear them out.\","
  "               \"questions\": [ \"What happened?\" ] } ],"
  "  \"reflection\": [ { \"id\": \"listened\", \"text\": \"Did I listen?\" } ] }";

typedef struct
{
  MbConversation *conversation;
  MbJournal      *journal;
  GtkWindow      *window;
  GtkWidget      *view;
} Fixture;

static void
fixture_open (Fixture    *fixture,
              MbPhase     phase,
              const char *draft)
{
  g_autoptr(MbScript) script = script_from_json (script_json, "drafts.json");

  fixture->conversation = mb_conversation_new ("p", script, NULL);
  mb_conversation_set_phase (fixture->conversation, phase);
  mb_conversation_set_text (fixture->conversation, MB_TEXT_AGREEMENT_DRAFT, NULL, draft);
  fixture->journal = unused_journal ("marbles-draft-dialogs-unused");
  fixture->view = mb_conversation_view_new (fixture->journal, fixture->conversation);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1000, 700);
  gtk_window_set_child (fixture->window, fixture->view);
  gtk_window_present (fixture->window);
  wait_until (is_mapped, fixture->window);
}

static void
fixture_close (Fixture *fixture)
{
  gtk_window_destroy (fixture->window);
  settle ();
  g_clear_object (&fixture->conversation);
  g_clear_object (&fixture->journal);
}

static GtkEditable *
talk_entry (Fixture *fixture)
{
  return GTK_EDITABLE (gtk_widget_get_template_child (fixture->view, MB_TYPE_CONVERSATION_VIEW, "agreement_entry"));
}

/* The dialog @action opens, and its entry. */
static AdwMessageDialog *
open_dialog (Fixture      *fixture,
             const char   *action,
             GVariant     *parameter,
             GtkEditable **entry)
{
  AdwMessageDialog *dialog;
  GtkWidget *child;

  g_assert_true (gtk_widget_activate_action_variant (fixture->view, action, parameter));
  wait_until (toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG));
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  child = adw_message_dialog_get_extra_child (dialog);
  while (child != NULL && !GTK_IS_ENTRY (child))
    child = GTK_IS_BOX (child) ? gtk_widget_get_first_child (child) : gtk_widget_get_next_sibling (child);
  g_assert_nonnull (child);
  *entry = GTK_EDITABLE (child);
  return dialog;
}

static void
answer (AdwMessageDialog *dialog,
        const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  settle ();
}

static const char *
draft_of (Fixture *fixture)
{
  return mb_conversation_get_text (fixture->conversation, MB_TEXT_AGREEMENT_DRAFT, NULL);
}

/* Opened with a draft: in the entry, the cursor at its end; typed,
 * the draft; taken in from another device, in the entry.
 */
static void
test_talk_entry (void)
{
  Fixture fixture;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(MbConversation) there = NULL;
  g_autoptr(GHashTable) copies = mb_script_copies_new ();
  g_autoptr(GError) error = NULL;

  fixture_open (&fixture, MB_PHASE_TALK, "Send the pl");
  g_assert_cmpstr (gtk_editable_get_text (talk_entry (&fixture)), ==, "Send the pl");
  g_assert_cmpint (gtk_editable_get_position (talk_entry (&fixture)), ==, 11);

  gtk_editable_insert_text (talk_entry (&fixture), "an", -1, (int[]) { 11 });
  g_assert_cmpstr (draft_of (&fixture), ==, "Send the plan");

  mb_script_copies_add (copies, mb_conversation_get_script (fixture.conversation));
  bytes = mb_conversation_to_bytes (fixture.conversation);
  there = mb_conversation_new_from_bytes (bytes, "there.json", copies, &error);
  g_assert_no_error (error);
  mb_conversation_set_text (there, MB_TEXT_AGREEMENT_DRAFT, NULL, "Send the plan by Friday");
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = mb_conversation_to_bytes (there);
  root = json_from_string (g_bytes_get_data (bytes, NULL), &error);
  g_assert_no_error (error);
  gtk_editable_set_position (talk_entry (&fixture), 4);
  g_assert_true (mb_conversation_update_from_json (fixture.conversation, root, "there.json", NULL, &error));
  g_assert_cmpstr (gtk_editable_get_text (talk_entry (&fixture)), ==, "Send the plan by Friday");
  g_assert_cmpint (gtk_editable_get_position (talk_entry (&fixture)), ==, 4);
  g_assert_cmpstr (draft_of (&fixture), ==, "Send the plan by Friday");

  /* As long as an agreement may be, as in the dialog: more is cut off. */
  {
    g_autofree char *long_line = g_strnfill (MB_TEXT_MAX_LINE_CHARS + 100, 'x');

    gtk_editable_set_text (talk_entry (&fixture), long_line);
    g_assert_cmpint (g_utf8_strlen (gtk_editable_get_text (talk_entry (&fixture)), -1), ==, MB_TEXT_MAX_LINE_CHARS);
    g_assert_cmpint (strlen (draft_of (&fixture)), ==, MB_TEXT_MAX_LINE_CHARS);
  }
  fixture_close (&fixture);
}

/* Add Agreement starts from the draft and types into it; Cancel puts it
 * back, Add adds it; the entry in Talk follows.
 */
static void
test_agreement_dialog (void)
{
  Fixture fixture;
  AdwMessageDialog *dialog;
  GtkEditable *entry;
  g_autoptr(MbAgreement) agreement = NULL;

  fixture_open (&fixture, MB_PHASE_TALK, "Send the pl");
  dialog = open_dialog (&fixture, "conversation.add-agreement", NULL, &entry);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "Send the pl");
  gtk_editable_set_text (entry, "Call Ahmed");
  g_assert_cmpstr (draft_of (&fixture), ==, "Call Ahmed");
  g_assert_cmpstr (gtk_editable_get_text (talk_entry (&fixture)), ==, "Call Ahmed");
  answer (dialog, "cancel");
  g_assert_cmpstr (draft_of (&fixture), ==, "Send the pl");
  g_assert_cmpstr (gtk_editable_get_text (talk_entry (&fixture)), ==, "Send the pl");
  g_assert_cmpuint (g_list_model_get_n_items (mb_conversation_get_agreements (fixture.conversation)), ==, 0);

  dialog = open_dialog (&fixture, "conversation.add-agreement", NULL, &entry);
  gtk_editable_insert_text (entry, "an", -1, (int[]) { 11 });
  answer (dialog, "add");
  g_assert_cmpuint (g_list_model_get_n_items (mb_conversation_get_agreements (fixture.conversation)), ==, 1);
  agreement = g_list_model_get_item (mb_conversation_get_agreements (fixture.conversation), 0);
  g_assert_cmpstr (mb_agreement_get_text (agreement), ==, "Send the plan");
  g_assert_cmpstr (draft_of (&fixture), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (talk_entry (&fixture)), ==, "");
  fixture_close (&fixture);
}

/* A marble in and one out each start from their own draft. */
static void
test_marble_dialog (void)
{
  Fixture fixture;
  AdwMessageDialog *dialog;
  GtkEditable *entry;
  g_autoptr(MbMarble) marble = NULL;

  fixture_open (&fixture, MB_PHASE_REFLECT, "");
  mb_conversation_set_text (fixture.conversation, MB_TEXT_MARBLE_DRAFT, "in", "Kept the promise");
  dialog = open_dialog (&fixture, "conversation.add-marble", g_variant_new_boolean (TRUE), &entry);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "Kept the promise");
  gtk_editable_insert_text (entry, " to call", -1, (int[]) { 16 });
  g_assert_cmpstr (mb_conversation_get_text (fixture.conversation, MB_TEXT_MARBLE_DRAFT, "in"), ==,
                   "Kept the promise to call");
  answer (dialog, "cancel");
  g_assert_cmpstr (mb_conversation_get_text (fixture.conversation, MB_TEXT_MARBLE_DRAFT, "in"), ==, "Kept the promise");

  dialog = open_dialog (&fixture, "conversation.add-marble", g_variant_new_boolean (FALSE), &entry);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");
  gtk_editable_set_text (entry, "Late again");
  g_assert_cmpstr (mb_conversation_get_text (fixture.conversation, MB_TEXT_MARBLE_DRAFT, "out"), ==, "Late again");
  answer (dialog, "add");
  g_assert_cmpuint (g_list_model_get_n_items (mb_conversation_get_marbles (fixture.conversation)), ==, 1);
  marble = g_list_model_get_item (mb_conversation_get_marbles (fixture.conversation), 0);
  g_assert_false (mb_marble_is_in (marble));
  g_assert_cmpstr (mb_marble_get_reason (marble), ==, "Late again");
  g_assert_cmpstr (mb_conversation_get_text (fixture.conversation, MB_TEXT_MARBLE_DRAFT, "out"), ==, "");
  g_assert_cmpstr (mb_conversation_get_text (fixture.conversation, MB_TEXT_MARBLE_DRAFT, "in"), ==, "Kept the promise");
  fixture_close (&fixture);
}

/* Whether @widget has a row with @title and @subtitle. */
static gboolean
has_row (GtkWidget  *widget,
         const char *title,
         const char *subtitle)
{
  if (ADW_IS_ACTION_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0 &&
      g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), subtitle) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (has_row (child, title, subtitle))
        return TRUE;
    }
  return FALSE;
}

/* Read whole, the conversation shows its drafts as not added yet, where
 * its agreements and marbles are, even when it has none of those.
 */
static void
test_read_view (void)
{
  g_autoptr(MbScript) script = script_from_json (script_json, "drafts.json");
  g_autoptr(MbJournal) journal = unused_journal ("marbles-draft-dialogs-unused");
  g_autoptr(MbConversation) conversation = mb_conversation_new ("p", script, NULL);
  GtkWidget *read;

  mb_conversation_set_text (conversation, MB_TEXT_AGREEMENT_DRAFT, NULL, "Send the pl");
  mb_conversation_set_text (conversation, MB_TEXT_MARBLE_DRAFT, "out", "Late");
  read = g_object_ref_sink (mb_conversation_read_new (journal, conversation));
  g_assert_true (has_row (read, "Send the pl", "Typed and not added yet"));
  g_assert_true (has_row (read, "Late", "Not added yet: a marble out"));
  g_assert_false (has_row (read, "Late", "Not added yet: a marble in"));
  g_object_unref (read);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/draft-dialogs/talk-entry", test_talk_entry);
  g_test_add_func ("/draft-dialogs/agreement", test_agreement_dialog);
  g_test_add_func ("/draft-dialogs/marble", test_marble_dialog);
  g_test_add_func ("/draft-dialogs/read-view", test_read_view);

  return g_test_run ();
}
