/* test-you-page.c — the "You" section on a journal whose answers are
 * known: the sentence under each block, the overdue promises and their
 * order, one marked kept from the page, the conversation that repairs
 * one planned, shown and opened from it, the period chosen, the empty
 * journal, and the section reached from the keyboard.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "mb-agreement.h"
#include "mb-application.h"
#include "mb-conversation-read.h"
#include "mb-conversation-view.h"
#include "mb-conversations-page.h"
#include "mb-markdown.h"
#include "mb-mirror-chart.h"
#include "mb-mirror-wording.h"
#include "mb-new-conversation-dialog.h"
#include "mb-open-agreement-row.h"
#include "mb-wording.h"
#include "mb-you-page.h"
#include "ui-util.h"

#define QUARTER_PROMISES "You kept 1 of your 4 promises in the last three months. 2 promises are overdue. " \
                         "You talked through 0 of your 2 broken promises."
#define YEAR_PROMISES    "You kept 2 of your 6 promises in the last twelve months. 2 promises are overdue. " \
                         "You talked through 0 of your 3 broken promises."
#define KEPT_PROMISES    "You kept 2 of your 4 promises in the last three months. 1 promise is overdue. " \
                         "You talked through 0 of your 1 broken promise."
#define PLANNED_PROMISES "You kept 1 of your 4 promises in the last three months. 2 promises are overdue. " \
                         "You talked through 0 of your 2 broken promises. A conversation about 1 of them is planned."
#define QUARTER_TRUST    "Across everyone, 2 marbles went in and 3 came out. " \
                         "Trust grew most with Anna (+2). It fell most with Carla (−2)."
#define QUARTER_LISTENING "Your talks took 20% longer than planned. Measured over 1 talk with the timer on."
#define YEAR_LISTENING   "Your talks took 15% less time than planned. Measured over 2 talks with the timer on."
#define QUARTER_LENS     "The judgement lens flagged 4 phrases in your notes; you rephrased 3."
#define YEAR_LENS        "The judgement lens flagged 6 phrases in your notes; you rephrased 3."
#define QUARTER_LISTENED "4.5 of 5, from 2 ratings (1 is “Mostly waited for my turn”, 5 is “Listened to understand”)"
#define YEAR_LISTENED    "3.7 of 5, from 3 ratings (1 is “Mostly waited for my turn”, 5 is “Listened to understand”)"

static MbApplication *app;
static gint64 clock_now = G_USEC_PER_SEC;

static gint64
test_clock (void)
{
  return clock_now;
}

static MbConversation *
add_conversation (MbJournal *journal,
                  MbScript  *script,
                  MbPerson  *person,
                  GDateTime *now,
                  int        days_ago)
{
  g_autoptr(GDateTime) when = g_date_time_add_days (now, -days_ago);
  MbConversation *conversation = mb_conversation_new (mb_person_get_id (person), script, when);

  mb_journal_add_conversation (journal, conversation);
  return conversation;
}

/* A promise due @days_ago days before @now. */
static void
add_promise (MbConversation   *conversation,
             const char       *text,
             MbPromisedBy      promised_by,
             MbAgreementStatus status,
             GDateTime        *now,
             int               days_ago)
{
  g_autoptr(GDateTime) day = g_date_time_add_days (now, -days_ago);
  g_autoptr(GDate) due = g_date_new_dmy (g_date_time_get_day_of_month (day), g_date_time_get_month (day),
                                         g_date_time_get_year (day));

  mb_agreement_set_status (mb_conversation_add_agreement (conversation, text, promised_by, due), status);
}

static void
run_timer (MbConversation *conversation,
           gint64          seconds)
{
  mb_conversation_set_clock (test_clock);
  mb_conversation_set_timer_running (conversation, TRUE);
  clock_now += seconds * G_USEC_PER_SEC;
  mb_conversation_set_timer_running (conversation, FALSE);
  mb_conversation_set_clock (NULL);
}

/* Ratings after three conversations with a script that has scales: 5
 * and 4 in the quarter, 2 before it; nothing else in them.
 */
static void
add_ratings (MbJournal       *journal,
             MbScriptLibrary *library,
             MbPerson        *person,
             GDateTime       *now)
{
  MbScript *script = mb_script_library_lookup (library, "restore-trust");
  const struct { int days_ago; guint value; } ratings[] = { { 12, 5 }, { 20, 4 }, { 150, 2 } };

  for (guint i = 0; i < G_N_ELEMENTS (ratings); i++)
    {
      g_autoptr(MbConversation) conversation = add_conversation (journal, script, person, now, ratings[i].days_ago);

      mb_conversation_set_scale (conversation, "scale-listened", ratings[i].value);
    }
}

/* Three people, three conversations: one 10 days ago (4 promises of
 * yours, one overdue; 2 marbles in; 20% over its 30 minutes; 4 phrases
 * flagged, 3 rephrased), one 30 days ago (2 marbles out) and one 200
 * days ago (2 promises, one overdue since long; a marble out; half its
 * time; 2 phrases flagged).
 */
static void
fill_journal (MbJournal       *journal,
              MbScriptLibrary *library)
{
  MbScript *script = mb_script_library_lookup (library, "sbi-feedback");  /* plans 30 minutes */
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  MbPerson *anna = mb_journal_add_person (journal, "Anna", NULL);
  MbPerson *bob = mb_journal_add_person (journal, "Bob", NULL);
  MbPerson *carla = mb_journal_add_person (journal, "Carla", NULL);
  g_autoptr(MbConversation) recent = add_conversation (journal, script, anna, now, 10);
  g_autoptr(MbConversation) month = add_conversation (journal, script, carla, now, 30);
  g_autoptr(MbConversation) old = add_conversation (journal, script, bob, now, 200);

  g_assert_cmpuint (mb_script_get_duration_minutes (script), ==, 30);
  add_promise (recent, "Send the plan", MB_PROMISED_BY_ME, MB_AGREEMENT_KEPT, now, 5);
  add_promise (recent, "Book the course", MB_PROMISED_BY_ME, MB_AGREEMENT_OPEN, now, 4);
  add_promise (recent, "Try the new rota", MB_PROMISED_BY_BOTH, MB_AGREEMENT_NOT_KEPT, now, 3);
  add_promise (recent, "Call the client", MB_PROMISED_BY_ME, MB_AGREEMENT_OPEN, now, -7);
  add_promise (recent, "Write the summary", MB_PROMISED_BY_THEM, MB_AGREEMENT_OPEN, now, 4);
  add_promise (old, "Ask HR", MB_PROMISED_BY_ME, MB_AGREEMENT_KEPT, now, 190);
  add_promise (old, "Fix the laptop", MB_PROMISED_BY_ME, MB_AGREEMENT_OPEN, now, 150);
  mb_conversation_add_marble (recent, TRUE, "Listened");
  mb_conversation_add_marble (recent, TRUE, "Owned my part");
  mb_conversation_add_marble (month, FALSE, "Interrupted");
  mb_conversation_add_marble (month, FALSE, "Took over the task");
  mb_conversation_add_marble (old, FALSE, "Forgot the laptop");
  run_timer (recent, 36 * 60);
  run_timer (old, 15 * 60);
  mb_conversation_count_lens (recent, 4, 3);
  mb_conversation_count_lens (old, 2, 0);
  add_ratings (journal, library, anna, now);
}

static GtkWidget *
child (MbYouPage  *page,
       const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), MB_TYPE_YOU_PAGE, name));
}

static const char *
label_text (MbYouPage  *page,
            const char *name)
{
  return gtk_label_get_text (GTK_LABEL (child (page, name)));
}

typedef struct
{
  MbYouPage  *page;
  const char *name;
  const char *text;
} Says;

static gboolean
label_says (gpointer data)
{
  Says *says = data;

  return gtk_widget_is_drawable (child (says->page, says->name)) &&
         g_strcmp0 (label_text (says->page, says->name), says->text) == 0;
}

#define assert_says(page, name, text) \
  G_STMT_START { Says says = { (page), (name), (text) }; wait_until (label_says, &says); } G_STMT_END

/* Whether the Self-Assessment card shows @question with @rating under it. */
static gboolean
shows_rating (MbYouPage  *page,
              const char *question,
              const char *rating)
{
  for (GtkWidget *box = gtk_widget_get_first_child (child (page, "scales_box"));
       box != NULL;
       box = gtk_widget_get_next_sibling (box))
    {
      GtkWidget *first = gtk_widget_get_first_child (box);
      GtkWidget *second = gtk_widget_get_next_sibling (first);

      if (g_str_equal (gtk_label_get_text (GTK_LABEL (first)), question))
        return g_str_equal (gtk_label_get_text (GTK_LABEL (second)), rating);
    }
  return FALSE;
}

/* The titles of the overdue promises shown, in order, joined by "|". */
static char *
overdue_titles (MbYouPage *page)
{
  GString *titles = g_string_new (NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (child (page, "overdue_list"));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    g_string_append_printf (titles, "%s%s", titles->len > 0 ? "|" : "",
                            adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  return g_string_free (titles, FALSE);
}

/* The Markdown of the figures shown, as Export as Markdown writes it. */
static void
assert_exported (MbYouPage *page)
{
  g_autoptr(MbDocument) document = mb_you_page_export_document (page);
  g_autofree char *markdown = NULL;
  const char *expected[] = {
    "# You: the last three months", "## Your Promises", QUARTER_PROMISES, "### Overdue Promises",
    "Fix the laptop", "Book the course", "## Trust", "Carla", "## Listening", QUARTER_LISTENING,
    "## Judgement", QUARTER_LENS, "## Self-Assessment", "How well did I listen?", QUARTER_LISTENED,
  };

  g_assert_nonnull (document);
  markdown = mb_markdown_write (document);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (strstr (markdown, expected[i]) == NULL)
      g_error ("“%s” is not in the export:\n%s", expected[i], markdown);
  /* The overdue one longest first, as on screen. */
  g_assert_true (strstr (markdown, "Fix the laptop") < strstr (markdown, "Book the course"));
}

static MbYouPage *
open_you (MbWindow *window)
{
  MbYouPage *page;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "you");
  page = MB_YOU_PAGE (section_page (window, "you"));
  wait_until (is_mapped, page);
  return page;
}

static void
test_figures (void)
{
  g_autoptr(MbScriptLibrary) library = new_library ();
  g_autoptr(MbJournal) journal = new_journal ();
  MbWindow *window;
  MbYouPage *page;
  g_autofree char *titles = NULL;

  reset_settings ();
  wait_until ((Condition) mb_script_library_is_loaded, library);
  fill_journal (journal, library);
  window = open_window_with (library, journal);
  page = open_you (window);

  assert_says (page, "promises_label", QUARTER_PROMISES);
  assert_says (page, "trust_label", QUARTER_TRUST);
  assert_says (page, "listening_label", QUARTER_LISTENING);
  assert_says (page, "judgement_label", QUARTER_LENS);
  g_assert_true (shows_rating (page, "How well did I listen?", QUARTER_LISTENED));
  /* The one overdue longest first, whatever the period. */
  titles = overdue_titles (page);
  g_assert_cmpstr (titles, ==, "Fix the laptop|Book the course");
  /* A bar for each month of the quarter. */
  g_assert_cmpuint (mb_mirror_chart_get_n_months (MB_MIRROR_CHART (child (page, "promises_chart"))), >=, 3);

  /* The year, chosen with its button. */
  g_signal_emit_by_name (child (page, "year_button"), "clicked");
  g_assert_cmpint (mb_you_page_get_period (page), ==, MB_MIRROR_YEAR);
  assert_says (page, "promises_label", YEAR_PROMISES);
  assert_says (page, "listening_label", YEAR_LISTENING);
  assert_says (page, "judgement_label", YEAR_LENS);
  g_assert_true (shows_rating (page, "How well did I listen?", YEAR_LISTENED));
  g_assert_cmpuint (mb_mirror_chart_get_n_months (MB_MIRROR_CHART (child (page, "promises_chart"))), >=, 12);

  g_signal_emit_by_name (child (page, "quarter_button"), "clicked");
  assert_says (page, "promises_label", QUARTER_PROMISES);

  /* Exported, the same figures as on screen. */
  assert_exported (page);

  g_assert_true (mb_journal_flush (journal));
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
}

static gboolean
tooltip_is (GtkWidget  *widget,
            const char *tooltip)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *tooltip)
{
  if (GTK_IS_BUTTON (widget) && tooltip_is (widget, tooltip))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c, tooltip);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The status of the promise @text in the journal read again from disk. */
static MbAgreementStatus
status_on_disk (const char *text)
{
  g_autoptr(MbJournal) journal = new_journal ();
  GListModel *conversations = mb_journal_get_conversations (journal);

  for (guint i = 0; i < g_list_model_get_n_items (conversations); i++)
    {
      g_autoptr(MbConversation) conversation = g_list_model_get_item (conversations, i);
      GListModel *agreements = mb_conversation_get_agreements (conversation);

      for (guint j = 0; j < g_list_model_get_n_items (agreements); j++)
        {
          g_autoptr(MbAgreement) agreement = g_list_model_get_item (agreements, j);

          if (g_str_equal (mb_agreement_get_text (agreement), text))
            return mb_agreement_get_status (agreement);
        }
    }
  g_assert_not_reached ();
}

static void
test_mark_kept (void)
{
  g_autoptr(MbScriptLibrary) library = new_library ();
  g_autoptr(MbJournal) journal = new_journal ();
  g_autofree char *titles = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *row, *talk;
  MbWindow *window;
  MbYouPage *page;

  reset_settings ();
  wait_until ((Condition) mb_script_library_is_loaded, library);
  fill_journal (journal, library);
  window = open_window_with (library, journal);
  page = open_you (window);
  assert_says (page, "promises_label", QUARTER_PROMISES);

  /* Each overdue promise offers the conversation that repairs it. */
  row = gtk_widget_get_last_child (child (page, "overdue_list"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Book the course");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), !=, NULL);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Anna"));
  talk = find_button (row, "Plan a Conversation About This Promise");
  g_assert_true (gtk_widget_get_visible (talk));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (talk)), ==, "win.plan-promise-talk");

  g_signal_emit_by_name (find_button (row, "Mark as Kept"), "clicked");
  dialog = ADW_MESSAGE_DIALOG (wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  adw_message_dialog_response (dialog, "mark");
  gtk_window_destroy (GTK_WINDOW (dialog));

  assert_says (page, "promises_label", KEPT_PROMISES);
  titles = overdue_titles (page);
  g_assert_cmpstr (titles, ==, "Fix the laptop");
  g_assert_true (mb_journal_flush (journal));
  g_assert_cmpint (status_on_disk ("Book the course"), ==, MB_AGREEMENT_KEPT);
  g_assert_cmpint (status_on_disk ("Fix the laptop"), ==, MB_AGREEMENT_OPEN);

  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
}

/* The promise @text, and the conversation it was made in. */
static MbAgreement *
find_promise (MbJournal       *journal,
              const char      *text,
              MbConversation **agreed_in)
{
  GListModel *conversations = mb_journal_get_conversations (journal);

  for (guint i = 0; i < g_list_model_get_n_items (conversations); i++)
    {
      g_autoptr(MbConversation) conversation = g_list_model_get_item (conversations, i);
      GListModel *agreements = mb_conversation_get_agreements (conversation);

      for (guint j = 0; j < g_list_model_get_n_items (agreements); j++)
        {
          g_autoptr(MbAgreement) agreement = g_list_model_get_item (agreements, j);

          *agreed_in = conversation;
          if (g_str_equal (mb_agreement_get_text (agreement), text))
            return agreement;
        }
    }
  g_assert_not_reached ();
}

static GtkWidget *
overdue_row (MbYouPage  *page,
             const char *title)
{
  for (GtkWidget *row = gtk_widget_get_first_child (child (page, "overdue_list"));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_str_equal (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title))
      return row;
  return NULL;
}

typedef struct
{
  MbYouPage  *page;
  const char *title;
  const char *text;
} RowSays;

/* Whether the overdue promise titled so is shown, with @text in its subtitle. */
static gboolean
row_says (gpointer data)
{
  RowSays *says = data;
  GtkWidget *row = overdue_row (says->page, says->title);

  return row != NULL && gtk_widget_get_mapped (row) &&
         strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), says->text) != NULL;
}

/* What the conversations section has open, once it is @conversation. */
typedef struct
{
  MbWindow       *window;
  MbConversation *conversation;
  GType           type;
} Opened;

static gboolean
opened (gpointer data)
{
  Opened *opened = data;
  GtkWidget *open = mb_conversations_page_get_open (MB_CONVERSATIONS_PAGE (section_page (opened->window,
                                                                                          "conversations")));

  if (open == NULL || G_OBJECT_TYPE (open) != opened->type || !gtk_widget_get_mapped (open))
    return FALSE;
  if (MB_IS_CONVERSATION_VIEW (open))
    return mb_conversation_view_get_conversation (MB_CONVERSATION_VIEW (open)) == opened->conversation;
  return mb_conversation_read_get_conversation (MB_CONVERSATION_READ (open)) == opened->conversation;
}

/* The conversation about @text on disk, when there is one. */
static gboolean
about_on_disk (const char *text)
{
  g_autoptr(MbJournal) journal = new_journal ();
  GListModel *conversations = mb_journal_get_conversations (journal);
  MbConversation *agreed_in;
  MbAgreement *agreement = find_promise (journal, text, &agreed_in);

  for (guint i = 0; i < g_list_model_get_n_items (conversations); i++)
    {
      g_autoptr(MbConversation) conversation = g_list_model_get_item (conversations, i);
      const char *conversation_id, *agreement_id;

      if (mb_conversation_get_about (conversation, &conversation_id, &agreement_id) &&
          g_str_equal (conversation_id, mb_conversation_get_id (agreed_in)) &&
          g_str_equal (agreement_id, mb_agreement_get_id (agreement)))
        return TRUE;
    }
  return FALSE;
}

/* The repair loop as the leader goes round it: an overdue promise
 * talked about says when, and opens that conversation to read; one not
 * yet talked about offers the conversation, which, once planned, is
 * said, counted and opened from it.
 */
static void
test_repair (void)
{
  g_autoptr(MbScriptLibrary) library = new_library ();
  g_autoptr(MbJournal) journal = new_journal ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(MbConversation) held = NULL;
  g_autofree char *held_day = NULL;
  g_autofree char *talked = NULL;
  g_autofree char *planned_day = NULL;
  g_autofree char *planned_for = NULL;
  MbConversation *agreed_in, *planned;
  MbAgreement *laptop;
  MbNewConversationDialog *dialog;
  GtkWidget *row, *open;
  MbWindow *window;
  MbYouPage *page;

  reset_settings ();
  wait_until ((Condition) mb_script_library_is_loaded, library);
  fill_journal (journal, library);
  /* The laptop, owned with Bob three days ago: held, as planned then. */
  laptop = find_promise (journal, "Fix the laptop", &agreed_in);
  held = add_conversation (journal, mb_script_library_lookup (library, "own-a-mistake"),
                           mb_journal_lookup_person (journal, mb_conversation_get_person_id (agreed_in)), now, 3);
  mb_conversation_set_about (held, laptop);
  held_day = mb_wording_day (mb_conversation_get_when (held));
  talked = g_strdup_printf ("Talked about on %s", held_day);
  window = open_window_with (library, journal);
  page = open_you (window);
  assert_says (page, "promises_label", QUARTER_PROMISES);

  /* Talked about: said, and opened to read; no other conversation offered. */
  {
    RowSays says = { page, "Fix the laptop", talked };

    wait_until (row_says, &says);
  }
  row = overdue_row (page, "Fix the laptop");
  open = find_button (row, "Open the Conversation About This Promise");
  g_assert_true (gtk_widget_get_visible (open));
  g_assert_false (gtk_widget_get_visible (find_button (row, "Plan a Conversation About This Promise")));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (open)), ==, "win.read-conversation");
  g_signal_emit_by_name (open, "clicked");
  {
    Opened read = { window, held, MB_TYPE_CONVERSATION_READ };

    wait_until (opened, &read);
  }

  /* Not talked about yet: offered, and planned from here. */
  page = open_you (window);
  row = overdue_row (page, "Book the course");
  g_assert_false (gtk_widget_get_visible (find_button (row, "Open the Conversation About This Promise")));
  g_signal_emit_by_name (find_button (row, "Plan a Conversation About This Promise"), "clicked");
  dialog = MB_NEW_CONVERSATION_DIALOG (wait_for_toplevel (MB_TYPE_NEW_CONVERSATION_DIALOG));
  planned = mb_new_conversation_dialog_start (dialog);
  g_assert_nonnull (planned);
  g_assert_cmpstr (mb_script_get_id (mb_conversation_get_script (planned)), ==, "own-a-mistake");

  /* Planned: said, counted, and opened to go on with. */
  page = open_you (window);
  planned_day = mb_wording_day (mb_conversation_get_when (planned));
  planned_for = g_strdup_printf ("Conversation planned for %s", planned_day);
  {
    RowSays says = { page, "Book the course", planned_for };

    wait_until (row_says, &says);
  }
  assert_says (page, "promises_label", PLANNED_PROMISES);
  /* Exported the same. */
  {
    g_autoptr(MbDocument) document = mb_you_page_export_document (page);
    g_autofree char *markdown = mb_markdown_write (document);

    g_assert_nonnull (strstr (markdown, talked));
    g_assert_nonnull (strstr (markdown, planned_for));
    g_assert_nonnull (strstr (markdown, PLANNED_PROMISES));
  }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.read-conversation", "s", mb_conversation_get_id (held));
  page = open_you (window);
  row = overdue_row (page, "Book the course");
  open = find_button (row, "Open the Conversation About This Promise");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (open)), ==, "win.open-conversation");
  g_signal_emit_by_name (open, "clicked");
  {
    Opened view = { window, planned, MB_TYPE_CONVERSATION_VIEW };

    wait_until (opened, &view);
  }

  /* Kept on disk, with the promise it is about. */
  g_assert_true (mb_journal_flush (journal));
  g_assert_true (about_on_disk ("Book the course"));
  g_assert_true (about_on_disk ("Fix the laptop"));

  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
}

static void
test_empty (void)
{
  g_autoptr(MbScriptLibrary) library = new_library ();
  g_autoptr(MbJournal) journal = new_journal ();
  MbWindow *window;
  MbYouPage *page;

  reset_settings ();
  window = open_window_with (library, journal);
  page = open_you (window);
  /* A word on what will show here, not empty cards. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (page, "stack"))), ==, "empty");
  /* Nothing to export either. */
  g_assert_null (mb_you_page_export_document (page));

  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
}

/* The lens off, or nothing flagged: said plainly. */
static void
test_nothing_flagged (void)
{
  g_autoptr(GArray) none = g_array_new (FALSE, TRUE, sizeof (int));
  MbMirror mirror = { .period = MB_MIRROR_QUARTER, .overdue = none, .people = none, .months = none };
  g_autofree char *off = mb_mirror_wording_judgement (&mirror, FALSE);
  g_autofree char *on = mb_mirror_wording_judgement (&mirror, TRUE);
  g_autofree char *listening = mb_mirror_wording_listening (&mirror);
  g_autofree char *trust = mb_mirror_wording_trust (&mirror, NULL);
  g_autofree char *promises = mb_mirror_wording_promises (&mirror);

  g_assert_cmpstr (off, ==, "The judgement lens is off, so it flagged nothing. You can turn it on in the main menu.");
  g_assert_cmpstr (on, ==, "The judgement lens flagged nothing in your notes in this period.");
  g_assert_cmpstr (listening, ==, "None of your talks in this period ran with the timer against a planned length.");
  g_assert_cmpstr (trust, ==, "No marbles went in or out in this period.");
  g_assert_cmpstr (promises, ==, "You made no promises in the last three months.");
}

/* Alt+4, as the window's shortcuts have it, and the sidebar's row. */
static void
test_keyboard (void)
{
  g_autoptr(MbScriptLibrary) library = new_library ();
  g_autoptr(MbJournal) journal = new_journal ();
  g_autoptr(GtkShortcutTrigger) alt_4 = gtk_keyval_trigger_new (GDK_KEY_4, GDK_ALT_MASK);
  g_autoptr(GListModel) controllers = NULL;
  MbWindow *window;
  gboolean found = FALSE;

  reset_settings ();
  window = open_window_with (library, journal);
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !found; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      for (guint j = 0; GTK_IS_SHORTCUT_CONTROLLER (controller) &&
                        j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (!gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), alt_4))
            continue;
          found = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, GTK_WIDGET (window),
                                                gtk_shortcut_get_arguments (shortcut));
        }
    }
  g_assert_true (found);
  g_assert_cmpstr (mb_window_get_section (window), ==, "you");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "people");
  g_assert_cmpstr (mb_window_get_section (window), ==, "people");
  {
    GObject *sidebar = gtk_widget_get_template_child (GTK_WIDGET (window), MB_TYPE_WINDOW, "sidebar");
    GtkWidget *row = gtk_widget_get_last_child (GTK_WIDGET (sidebar));

    /* Tab reaches it; Enter activates it. */
    g_assert_cmpstr (gtk_widget_get_name (row), ==, "you");
    g_assert_true (gtk_widget_get_focusable (row));
    g_signal_emit_by_name (row, "activate");
    g_assert_cmpstr (mb_window_get_section (window), ==, "you");
  }
  g_assert_true (gtk_widget_get_focusable (child (MB_YOU_PAGE (section_page (window, "you")), "year_button")));

  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
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
  g_application_hold (G_APPLICATION (app));

  g_test_add_func ("/you/figures", test_figures);
  g_test_add_func ("/you/mark-kept", test_mark_kept);
  g_test_add_func ("/you/repair", test_repair);
  g_test_add_func ("/you/empty", test_empty);
  g_test_add_func ("/you/nothing-flagged", test_nothing_flagged);
  g_test_add_func ("/you/keyboard", test_keyboard);

  ret = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  g_clear_object (&data_dir);
  return ret;
}
