/* test-promise-offer.c — a promise of the leader's marked not kept brings
 * the offer of a conversation about it; taken, the conversation is with
 * the person it was made to, with the script for it, and the promise
 * written where that script asks about it.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include <string.h>

#include "mb-application.h"
#include "mb-conversation-view.h"
#include "mb-conversations-page.h"
#include "mb-new-conversation-dialog.h"
#include "mb-open-agreement-row.h"
#include "mb-people-page.h"
#include "mb-person-view.h"
#include "mb-script-choice-row.h"
#include "mb-settle-button.h"
#include "mb-window.h"
#include "ui-util.h"

#define OFFER  "Talk about the promise?"
#define TAKE   "_Plan"

static MbApplication *app;
static GFile *data_dir;

/* A window on a journal and scripts folder of their own. */
static MbWindow *
open_window (MbScriptLibrary **library,
             MbJournal       **journal)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("marbles-test-XXXXXX", &error);
  g_autoptr(GFile) user_dir = NULL;
  MbWindow *window;

  g_assert_no_error (error);
  g_clear_object (&data_dir);
  data_dir = g_file_new_build_filename (tmp, "marbles", NULL);
  user_dir = g_file_get_child (data_dir, "scripts");
  *library = mb_script_library_new (SCRIPTS_RESOURCE_PATH, user_dir);
  *journal = mb_journal_new (data_dir);
  mb_journal_load_async (*journal, NULL, journal_loaded_cb, NULL);
  wait_until ((Condition) mb_journal_is_loaded, *journal);

  window = g_object_new (MB_TYPE_WINDOW,
                         "application", app,
                         "settings", mb_application_get_settings (app),
                         "script-library", *library,
                         "journal", *journal,
                         NULL);
  gtk_window_present (GTK_WINDOW (window));
  wait_until (is_mapped, window);
  wait_until ((Condition) mb_script_library_is_loaded, *library);
  return window;
}

static void
close_window (MbWindow  *window,
              MbJournal *journal)
{
  g_assert_true (mb_journal_flush (journal));
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
}

/* The first widget in @widget of @type that @match accepts. */
typedef gboolean (*Match) (GtkWidget *widget, gconstpointer data);

static GtkWidget *
find_matching (GtkWidget     *widget,
             GType          type,
             Match          match,
             gconstpointer  data)
{
  if (g_type_is_a (G_OBJECT_TYPE (widget), type) && (match == NULL || match (widget, data)))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_matching (child, type, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
label_shows (GtkWidget     *widget,
             gconstpointer  text)
{
  return strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL && gtk_widget_is_visible (widget);
}

static gboolean
button_says (GtkWidget     *widget,
             gconstpointer  label)
{
  return g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0 && gtk_widget_is_visible (widget);
}

static gboolean
tooltip_is (GtkWidget     *widget,
            gconstpointer  tooltip)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

static gboolean
is_script (GtkWidget     *widget,
           gconstpointer  id)
{
  return g_str_equal (mb_script_get_id (mb_script_choice_row_get_script (MB_SCRIPT_CHOICE_ROW (widget))), id);
}

static gboolean
offer_shown (gpointer window)
{
  return find_matching (window, GTK_TYPE_LABEL, label_shows, OFFER) != NULL;
}

/* Marks @agreement on @view not kept, and answers the dialog. */
static void
mark_not_kept (GtkWidget   *view,
               MbAgreement *agreement)
{
  AdwMessageDialog *dialog = mb_person_view_settle (MB_PERSON_VIEW (view), agreement, FALSE);

  adw_message_dialog_response (dialog, "mark");
  gtk_window_destroy (GTK_WINDOW (dialog));
  settle ();
}

/* Clicks the toast's button, and waits for New Conversation. */
static MbNewConversationDialog *
take_offer (MbWindow *window)
{
  GtkWidget *button;

  wait_until (offer_shown, window);
  button = find_matching (GTK_WIDGET (window), GTK_TYPE_BUTTON, button_says, TAKE);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  wait_until (toplevel_shown, GSIZE_TO_POINTER (MB_TYPE_NEW_CONVERSATION_DIALOG));
  return MB_NEW_CONVERSATION_DIALOG (find_toplevel (MB_TYPE_NEW_CONVERSATION_DIALOG));
}

/* The ids of the scripts the dialog shows, and through @chosen the one
 * chosen.
 */
static GStrv
offered_scripts (MbNewConversationDialog  *dialog,
                 MbScriptChoiceRow       **chosen)
{
  GtkWidget *group = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), MB_TYPE_NEW_CONVERSATION_DIALOG,
                                                                "script_group"));
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  GtkWidget *row = find_matching (group, MB_TYPE_SCRIPT_CHOICE_ROW, NULL, NULL);

  *chosen = NULL;
  for (; row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      MbScriptChoiceRow *choice = MB_SCRIPT_CHOICE_ROW (row);

      if (!gtk_widget_get_visible (row))
        continue;
      g_strv_builder_add (ids, mb_script_get_id (mb_script_choice_row_get_script (choice)));
      if (gtk_check_button_get_active (mb_script_choice_row_get_check (choice)))
        *chosen = choice;
    }

  return g_strv_builder_end (ids);
}

static const char *
script_id_of (MbScriptChoiceRow *row)
{
  g_assert_nonnull (row);
  return mb_script_get_id (mb_script_choice_row_get_script (row));
}

/* The two scripts for a promise are offered, @expected chosen, and the
 * promise shown above them.
 */
static void
assert_offers (MbNewConversationDialog *dialog,
               const char              *expected,
               const char              *promise)
{
  MbScriptChoiceRow *chosen;
  g_auto(GStrv) ids = offered_scripts (dialog, &chosen);
  GtkWidget *group = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), MB_TYPE_NEW_CONVERSATION_DIALOG,
                                                                "promise_group"));

  g_assert_cmpuint (g_strv_length (ids), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) ids, "own-a-mistake"));
  g_assert_true (g_strv_contains ((const char * const *) ids, "renegotiate-a-promise"));
  g_assert_cmpstr (script_id_of (chosen), ==, expected);
  g_assert_true (gtk_widget_get_visible (group));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (find_matching (group, ADW_TYPE_ACTION_ROW, NULL, NULL))),
                   ==, promise);
}

/* Whether a text field in @widget holds @text. */
static gboolean
field_holds (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_TEXT_VIEW (widget))
    {
      g_autofree char *content = text_view_text (widget);

      if (g_str_equal (content, text))
        return TRUE;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (field_holds (child, text))
        return TRUE;
    }

  return FALSE;
}

/* @conversation is the one the window has open, in its preparation,
 * with a field showing @text.
 */
static void
assert_open (MbWindow       *window,
             MbConversation *conversation,
             const char     *text)
{
  GtkWidget *open = mb_conversations_page_get_open (MB_CONVERSATIONS_PAGE (section_page (window, "conversations")));

  g_assert_cmpstr (mb_window_get_section (window), ==, "conversations");
  g_assert_true (MB_IS_CONVERSATION_VIEW (open));
  g_assert_true (mb_conversation_view_get_conversation (MB_CONVERSATION_VIEW (open)) == conversation);
  g_assert_cmpint (mb_conversation_get_phase (conversation), ==, MB_PHASE_PREPARE);
  g_assert_true (field_holds (GTK_WIDGET (gtk_widget_get_template_child (open, MB_TYPE_CONVERSATION_VIEW, "prepare_box")),
                              text));
}

/* The conversation as the journal wrote it, read again from disk. */
static MbConversation *
read_back (MbConversation *conversation)
{
  g_autoptr(MbJournal) journal = mb_journal_new (data_dir);
  MbConversation *again;

  mb_journal_load_async (journal, NULL, journal_loaded_cb, NULL);
  wait_until ((Condition) mb_journal_is_loaded, journal);
  again = mb_journal_lookup_conversation (journal, mb_conversation_get_id (conversation));
  g_assert_nonnull (again);
  return g_object_ref (again);
}

static MbPerson *
add_sanne (MbJournal        *journal,
           MbScriptLibrary  *library,
           MbConversation  **conversation)
{
  MbPerson *person = mb_journal_add_person (journal, "Sanne", "Designer");

  *conversation = mb_conversation_new (mb_person_get_id (person), mb_script_library_lookup (library, "grow"), NULL);
  return person;
}

/* On her page: her promise not kept brings no offer; the leader's own
 * does, and taken, it starts the conversation about it.
 */
static void
test_person_page (void)
{
  g_autoptr(MbScriptLibrary) library = NULL;
  g_autoptr(MbJournal) journal = NULL;
  g_autoptr(MbConversation) conversation = NULL;
  g_autoptr(MbConversation) again = NULL;
  g_autoptr(GDate) friday = g_date_new_dmy (27, G_DATE_NOVEMBER, 2026);
  const char *note = "The promise: “Send the plan by Friday” (due 27 Nov 2026).";
  MbWindow *window = open_window (&library, &journal);
  MbPerson *person = add_sanne (journal, library, &conversation);
  MbAgreement *theirs = mb_conversation_add_agreement (conversation, "She shares the test results",
                                                       MB_PROMISED_BY_THEM, NULL);
  MbAgreement *mine = mb_conversation_add_agreement (conversation, "Send the plan by Friday", MB_PROMISED_BY_ME, friday);
  MbNewConversationDialog *dialog;
  MbConversation *started;
  GtkWidget *view;

  mb_journal_add_conversation (journal, conversation);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "people");
  view = mb_people_page_show_person (MB_PEOPLE_PAGE (section_page (window, "people")), person);

  /* Hers, not kept: that is not the leader's to own. */
  mark_not_kept (view, theirs);
  g_assert_cmpint (mb_agreement_get_status (theirs), ==, MB_AGREEMENT_NOT_KEPT);
  g_assert_false (offer_shown (window));
  g_assert_null (find_matching (GTK_WIDGET (window), GTK_TYPE_BUTTON, button_says, TAKE));

  /* The leader's own, not kept: a conversation to own the mistake. */
  mark_not_kept (view, mine);
  dialog = take_offer (window);
  assert_offers (dialog, "own-a-mistake", "Send the plan by Friday");
  started = mb_new_conversation_dialog_start (dialog);
  g_assert_nonnull (started);
  g_assert_cmpstr (mb_conversation_get_person_id (started), ==, mb_person_get_id (person));
  g_assert_cmpstr (mb_script_get_id (mb_conversation_get_script (started)), ==, "own-a-mistake");
  g_assert_cmpstr (mb_conversation_get_text (started, MB_TEXT_PREPARATION, "what-i-did"), ==, note);
  assert_open (window, started, note);

  /* Saved like any other. */
  g_assert_true (mb_journal_flush (journal));
  again = read_back (started);
  g_assert_cmpstr (mb_conversation_get_person_id (again), ==, mb_person_get_id (person));
  g_assert_cmpstr (mb_script_get_id (mb_conversation_get_script (again)), ==, "own-a-mistake");
  g_assert_cmpstr (mb_conversation_get_text (again, MB_TEXT_PREPARATION, "what-i-did"), ==, note);
  close_window (window, journal);
}

/* In the Reflect phase, the status chosen from the drop-down: the
 * leader may take the other script, and the promise goes where that one
 * asks about it.
 */
static void
test_reflect (void)
{
  g_autoptr(MbScriptLibrary) library = NULL;
  g_autoptr(MbJournal) journal = NULL;
  g_autoptr(MbConversation) conversation = NULL;
  const char *note = "The promise we both made: “Meet every week”.";
  MbWindow *window = open_window (&library, &journal);
  MbPerson *person = add_sanne (journal, library, &conversation);
  MbAgreement *both = mb_conversation_add_agreement (conversation, "Meet every week", MB_PROMISED_BY_BOTH, NULL);
  MbNewConversationDialog *dialog;
  MbScriptChoiceRow *chosen;
  g_auto(GStrv) ids = NULL;
  MbConversation *started;
  GtkWidget *page, *open, *status, *row;

  mb_conversation_set_phase (conversation, MB_PHASE_REFLECT);
  mb_journal_add_conversation (journal, conversation);
  page = section_page (window, "conversations");
  mb_conversations_page_open (MB_CONVERSATIONS_PAGE (page), conversation);
  open = mb_conversations_page_get_open (MB_CONVERSATIONS_PAGE (page));
  status = find_matching (open, GTK_TYPE_DROP_DOWN, tooltip_is, "Whether the promise was kept");
  g_assert_nonnull (status);

  /* Kept: nothing to offer. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (status), MB_AGREEMENT_KEPT);
  settle ();
  g_assert_false (offer_shown (window));

  gtk_drop_down_set_selected (GTK_DROP_DOWN (status), MB_AGREEMENT_NOT_KEPT);
  g_assert_cmpint (mb_agreement_get_status (both), ==, MB_AGREEMENT_NOT_KEPT);
  dialog = take_offer (window);
  assert_offers (dialog, "own-a-mistake", "Meet every week");

  /* The other one, by a click on its row. */
  row = find_matching (GTK_WIDGET (dialog), MB_TYPE_SCRIPT_CHOICE_ROW, is_script, "renegotiate-a-promise");
  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "activate");
  g_clear_pointer (&ids, g_strfreev);
  ids = offered_scripts (dialog, &chosen);
  g_assert_cmpstr (script_id_of (chosen), ==, "renegotiate-a-promise");
  started = mb_new_conversation_dialog_start (dialog);
  g_assert_nonnull (started);
  g_assert_cmpstr (mb_conversation_get_person_id (started), ==, mb_person_get_id (person));
  g_assert_cmpstr (mb_script_get_id (mb_conversation_get_script (started)), ==, "renegotiate-a-promise");
  g_assert_cmpstr (mb_conversation_get_text (started, MB_TEXT_PREPARATION, "the-promise"), ==, note);
  assert_open (window, started, note);
  close_window (window, journal);
}

/* In the conversation after, last time's promise marked in Talk. */
static void
test_talk (void)
{
  g_autoptr(MbScriptLibrary) library = NULL;
  g_autoptr(MbJournal) journal = NULL;
  g_autoptr(MbConversation) last_time = NULL;
  g_autoptr(MbConversation) now = NULL;
  g_autoptr(GDateTime) october = g_date_time_new_local (2026, 10, 5, 9, 0, 0);
  const char *note = "The promise: “Book the training”.";
  MbWindow *window = open_window (&library, &journal);
  MbPerson *person = add_sanne (journal, library, &now);
  MbNewConversationDialog *dialog;
  AdwMessageDialog *question;
  MbConversation *started;
  GtkWidget *page, *open, *cross;

  last_time = mb_conversation_new (mb_person_get_id (person), mb_script_library_lookup (library, "grow"), october);
  mb_conversation_add_agreement (last_time, "Book the training", MB_PROMISED_BY_ME, NULL);
  mb_journal_add_conversation (journal, last_time);
  mb_journal_add_conversation (journal, now);
  page = section_page (window, "conversations");
  mb_conversations_page_open (MB_CONVERSATIONS_PAGE (page), now);
  open = mb_conversations_page_get_open (MB_CONVERSATIONS_PAGE (page));
  g_assert_true (gtk_widget_activate_action (open, "conversation.show-phase", "s", "talk"));

  cross = find_matching (open, MB_TYPE_SETTLE_BUTTON, NULL, NULL);
  while (cross != NULL && mb_settle_button_get_kept (MB_SETTLE_BUTTON (cross)))
    cross = gtk_widget_get_next_sibling (cross);
  g_assert_nonnull (cross);
  g_signal_emit_by_name (cross, "clicked");
  wait_until (toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG));
  question = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  adw_message_dialog_response (question, "marble");
  gtk_window_destroy (GTK_WINDOW (question));

  dialog = take_offer (window);
  assert_offers (dialog, "own-a-mistake", "Book the training");
  started = mb_new_conversation_dialog_start (dialog);
  g_assert_cmpstr (mb_conversation_get_person_id (started), ==, mb_person_get_id (person));
  g_assert_cmpstr (mb_conversation_get_text (started, MB_TEXT_PREPARATION, "what-i-did"), ==, note);
  assert_open (window, started, note);
  close_window (window, journal);
}

/* The row of @view's open agreement @title. */
static GtkWidget *
open_row (GtkWidget  *view,
          const char *title)
{
  GtkWidget *list = GTK_WIDGET (gtk_widget_get_template_child (view, MB_TYPE_PERSON_VIEW, "agreements_list"));

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      if (MB_IS_OPEN_AGREEMENT_ROW (row) &&
          g_str_equal (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title))
        return row;
    }

  g_error ("No open agreement “%s”", title);
}

#define PLAN_TOOLTIP "Plan a Conversation About This Promise"

/* Clicks the button of @title's row that plans a conversation about it. */
static MbNewConversationDialog *
plan_from_row (GtkWidget  *view,
               const char *title)
{
  GtkWidget *button = find_matching (open_row (view, title), GTK_TYPE_BUTTON, tooltip_is, PLAN_TOOLTIP);

  g_assert_true (gtk_widget_get_visible (button));
  g_signal_emit_by_name (button, "clicked");
  wait_until (toplevel_shown, GSIZE_TO_POINTER (MB_TYPE_NEW_CONVERSATION_DIALOG));
  return MB_NEW_CONVERSATION_DIALOG (find_toplevel (MB_TYPE_NEW_CONVERSATION_DIALOG));
}

/* On the person's page, a promise of the leader's still open has its
 * own way to the conversation: to renegotiate while there is time, to
 * own it once it is late. Theirs has none.
 */
static void
test_open_promise (void)
{
  g_autoptr(MbScriptLibrary) library = NULL;
  g_autoptr(MbJournal) journal = NULL;
  g_autoptr(MbConversation) conversation = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  g_autoptr(GDateTime) next_week = g_date_time_add_days (today, 7);
  g_autoptr(GDate) in_time = g_date_new_dmy (g_date_time_get_day_of_month (next_week),
                                             g_date_time_get_month (next_week), g_date_time_get_year (next_week));
  g_autoptr(GDate) late = g_date_new_dmy (2, G_DATE_MARCH, 2020);
  MbWindow *window = open_window (&library, &journal);
  MbPerson *person = add_sanne (journal, library, &conversation);
  MbNewConversationDialog *dialog;
  MbConversation *started;
  GtkWidget *view, *theirs;

  mb_conversation_add_agreement (conversation, "She tries the new tool", MB_PROMISED_BY_THEM, NULL);
  mb_conversation_add_agreement (conversation, "Free up Fridays", MB_PROMISED_BY_ME, in_time);
  mb_conversation_add_agreement (conversation, "Send the budget", MB_PROMISED_BY_ME, late);
  mb_journal_add_conversation (journal, conversation);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "people");
  view = mb_people_page_show_person (MB_PEOPLE_PAGE (section_page (window, "people")), person);

  theirs = find_matching (open_row (view, "She tries the new tool"), GTK_TYPE_BUTTON, tooltip_is, PLAN_TOOLTIP);
  g_assert_false (gtk_widget_get_visible (theirs));

  /* In time: renegotiate. */
  dialog = plan_from_row (view, "Free up Fridays");
  assert_offers (dialog, "renegotiate-a-promise", "Free up Fridays");
  gtk_window_destroy (GTK_WINDOW (dialog));
  settle ();

  /* Late: own it. */
  dialog = plan_from_row (view, "Send the budget");
  assert_offers (dialog, "own-a-mistake", "Send the budget");
  started = mb_new_conversation_dialog_start (dialog);
  g_assert_cmpstr (mb_conversation_get_person_id (started), ==, mb_person_get_id (person));
  g_assert_cmpstr (mb_conversation_get_text (started, MB_TEXT_PREPARATION, "what-i-did"), ==,
                   "The promise: “Send the budget” (due 2 Mar 2020).");
  close_window (window, journal);
}

/* The person's page says which of the leader's promises were talked
 * about, or have a conversation planned, and opens it.
 */
static void
test_repair_shown (void)
{
  g_autoptr(MbScriptLibrary) library = NULL;
  g_autoptr(MbJournal) journal = NULL;
  g_autoptr(MbConversation) conversation = NULL;
  g_autoptr(GDate) late = g_date_new_dmy (2, G_DATE_MARCH, 2020);
  MbWindow *window = open_window (&library, &journal);
  MbPerson *person = add_sanne (journal, library, &conversation);
  MbConversation *started;
  GtkWidget *view, *row, *open;

  mb_conversation_add_agreement (conversation, "Send the budget", MB_PROMISED_BY_ME, late);
  mb_conversation_add_agreement (conversation, "Free up Fridays", MB_PROMISED_BY_ME, NULL);
  mb_journal_add_conversation (journal, conversation);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "people");
  view = mb_people_page_show_person (MB_PEOPLE_PAGE (section_page (window, "people")), person);
  started = mb_new_conversation_dialog_start (plan_from_row (view, "Send the budget"));
  g_assert_nonnull (started);

  /* Planned: being prepared, for no time yet. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "people");
  view = mb_people_page_show_person (MB_PEOPLE_PAGE (section_page (window, "people")), person);
  row = open_row (view, "Send the budget");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), " · Conversation planned for "));
  open = find_matching (row, GTK_TYPE_BUTTON, tooltip_is, "Open the Conversation About This Promise");
  g_assert_true (gtk_widget_get_visible (open));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (open)), ==, "win.open-conversation");
  g_assert_cmpstr (g_variant_get_string (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (open)), NULL), ==,
                   mb_conversation_get_id (started));
  g_assert_false (gtk_widget_get_visible (find_matching (row, GTK_TYPE_BUTTON, tooltip_is, PLAN_TOOLTIP)));
  /* Another promise: still only offered. */
  row = open_row (view, "Free up Fridays");
  g_assert_false (gtk_widget_get_visible (find_matching (row, GTK_TYPE_BUTTON, tooltip_is,
                                                         "Open the Conversation About This Promise")));
  g_assert_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Conversation planned"));

  /* Held: talked about, to read. */
  mb_conversation_set_phase (started, MB_PHASE_TALK);
  view = mb_people_page_show_person (MB_PEOPLE_PAGE (section_page (window, "people")), person);
  row = open_row (view, "Send the budget");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), " · Talked about on "));
  open = find_matching (row, GTK_TYPE_BUTTON, tooltip_is, "Open the Conversation About This Promise");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (open)), ==, "win.read-conversation");
  close_window (window, journal);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = mb_application_new ("io.github.marblesapp.Marbles.Test", G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  /* Keep the app alive between windows, as g_application_run would. */
  g_application_hold (G_APPLICATION (app));

  g_test_add_func ("/promise-offer/person-page", test_person_page);
  g_test_add_func ("/promise-offer/reflect", test_reflect);
  g_test_add_func ("/promise-offer/talk", test_talk);
  g_test_add_func ("/promise-offer/open-promise", test_open_promise);
  g_test_add_func ("/promise-offer/repair-shown", test_repair_shown);

  ret = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  g_clear_object (&data_dir);
  return ret;
}
