/* test-quit.c — quitting while a save fails, and a failed save of the
 * people, in the real window under Xvfb.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "mb-application.h"
#include "mb-conversation-view.h"
#include "mb-conversations-page.h"
#include "mb-new-conversation-dialog.h"
#include "mb-people-page.h"
#include "mb-unsaved-dialog.h"
#include "mb-window.h"
#include "ui-util.h"

static MbApplication *app;

static guint
count_toplevels (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        n++;
    }

  return n;
}

static gboolean
no_windows_left (gpointer data)
{
  return gtk_application_get_windows (GTK_APPLICATION (app)) == NULL;
}

/* The first widget in @widget named @name. */
static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static char *
conversation_path (MbConversation *conversation)
{
  g_autofree char *name = g_strconcat (mb_conversation_get_id (conversation), ".json", NULL);

  return g_build_filename (g_file_peek_path (data_dir), "conversations", name, NULL);
}

static GtkWidget *
find_text_view (GtkWidget *widget)
{
  if (GTK_IS_TEXT_VIEW (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_text_view (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The answer to the first question of the preparation. */
static const char *
first_answer (MbConversation *conversation)
{
  GPtrArray *questions = mb_script_get_preparation (mb_conversation_get_script (conversation));

  return mb_conversation_get_text (conversation, MB_TEXT_PREPARATION,
                                   mb_script_question_get_id (g_ptr_array_index (questions, 0)));
}

/* Sanne's conversation, saved, open in @window, with @text typed into
 * its first field after the disk stopped taking it.
 */
static MbConversation *
type_unsaved (MbWindow        *window,
              MbScriptLibrary *library,
              MbJournal       *journal,
              const char      *text)
{
  MbPerson *person = mb_journal_add_person (journal, "Sanne", NULL);
  MbConversation *conversation = mb_conversation_new (mb_person_get_id (person),
                                                      mb_script_library_lookup (library, "restore-trust"), NULL);
  MbConversationsPage *page = MB_CONVERSATIONS_PAGE (section_page (window, "conversations"));
  GtkWidget *field;

  mb_journal_add_conversation (journal, conversation);
  g_assert_true (mb_journal_flush (journal));
  mb_conversations_page_open (page, conversation);
  block_conversations (TRUE);

  field = find_text_view (GTK_WIDGET (gtk_widget_get_template_child (mb_conversations_page_get_open (page),
                                                                     MB_TYPE_CONVERSATION_VIEW, "prepare_box")));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (field)), text, -1);
  g_assert_cmpstr (first_answer (conversation), ==, text);
  return conversation;
}

static MbUnsavedDialog *
wait_for_question (void)
{
  wait_until (toplevel_shown, GSIZE_TO_POINTER (MB_TYPE_UNSAVED_DIALOG));
  return MB_UNSAVED_DIALOG (find_toplevel (MB_TYPE_UNSAVED_DIALOG));
}

static void
answer (MbUnsavedDialog *dialog,
        const char      *response)
{
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  settle ();
}

static gboolean
window_alive (MbWindow *window)
{
  return g_list_find (gtk_application_get_windows (GTK_APPLICATION (app)), window) != NULL &&
         gtk_widget_get_visible (GTK_WIDGET (window));
}

/* Ctrl+Q and the close button, while the save fails: the question says
 * which file and why; Keep Open keeps the window and the text. Once the
 * disk takes it, closing saves and goes.
 */
static void
test_keep_open (void)
{
  g_autoptr(MbScriptLibrary) library = new_library ();
  g_autoptr(MbJournal) journal = new_journal ();
  g_autoptr(MbConversation) conversation = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  MbUnsavedDialog *dialog;
  const char *body;
  MbWindow *window;

  window = open_window_with (library, journal);
  conversation = g_object_ref (type_unsaved (window, library, journal, "Words the disk would not take."));
  path = conversation_path (conversation);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "app.quit", NULL));
  dialog = wait_for_question ();
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Changes Not Saved");
  g_assert_nonnull (strstr (body, path));
  g_assert_nonnull (strstr (body, "“Restore trust”"));
  g_assert_nonnull (strstr (body, "Sanne"));
  g_assert_nonnull (mb_journal_get_save_error (journal, G_OBJECT (conversation)));
  g_assert_nonnull (strstr (body, mb_journal_get_save_error (journal, G_OBJECT (conversation))));
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==, "keep");
  g_assert_cmpstr (adw_message_dialog_get_close_response (ADW_MESSAGE_DIALOG (dialog)), ==, "keep");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard"),
                   ==, ADW_RESPONSE_DESTRUCTIVE);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));

  answer (dialog, "keep");
  g_assert_true (window_alive (window));
  g_assert_cmpstr (first_answer (conversation), ==, "Words the disk would not take.");

  /* The close button asks the same, once. */
  gtk_window_close (GTK_WINDOW (window));
  dialog = wait_for_question ();
  gtk_window_close (GTK_WINDOW (window));
  settle ();
  g_assert_cmpuint (count_toplevels (MB_TYPE_UNSAVED_DIALOG), ==, 1);
  answer (dialog, "keep");
  g_assert_true (window_alive (window));

  /* With room again, it saves and closes without asking. */
  block_conversations (FALSE);
  gtk_window_close (GTK_WINDOW (window));
  settle ();
  g_assert_null (find_toplevel (MB_TYPE_UNSAVED_DIALOG));
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Words the disk would not take."));
}

/* Save a Copy: the unsaved text as Markdown where the user picks, only
 * for them; then Marbles quits.
 */
static void
test_save_copy (void)
{
  g_autoptr(MbScriptLibrary) library = new_library ();
  g_autoptr(MbJournal) journal = new_journal ();
  g_autofree char *folder = g_build_filename (g_file_peek_path (data_dir), "..", "elsewhere", NULL);
  g_autofree char *copy = g_build_filename (folder, "kept.md", NULL);
  g_autofree char *contents = NULL;
  GtkWindow *chooser;
  GtkWindow *message;
  MbWindow *window;
  GStatBuf st;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  window = open_window_with (library, journal);
  type_unsaved (window, library, journal, "Only in memory, then in the copy.");

  /* A copy that cannot be written either: said, and nothing else. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "app.quit", NULL));
  answer (wait_for_question (), "copy");
  wait_until (toplevel_shown, GSIZE_TO_POINTER (GTK_TYPE_FILE_CHOOSER_DIALOG));
  chooser = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_true (gtk_window_get_transient_for (chooser) == GTK_WINDOW (window));
  choose_file (chooser, "/proc", "kept.md");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  wait_until (toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG));
  message = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (message)), ==, "Could Not Save “kept.md”");
  gtk_window_destroy (message);
  settle ();
  g_assert_true (window_alive (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "app.quit", NULL));
  answer (wait_for_question (), "copy");
  wait_until (toplevel_shown, GSIZE_TO_POINTER (GTK_TYPE_FILE_CHOOSER_DIALOG));
  chooser = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  choose_file (chooser, folder, "kept.md");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);

  /* Written, then Marbles quits. */
  wait_until (no_windows_left, NULL);
  g_assert_true (g_file_get_contents (copy, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "# Unsaved Changes from Marbles\n"));
  g_assert_nonnull (strstr (contents, "Only in memory, then in the copy."));
  g_assert_nonnull (strstr (contents, "Sanne"));
  g_assert_cmpint (g_stat (copy, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  block_conversations (FALSE);
}

/* Quit with two windows: one question, and Quit and Lose Changes closes
 * them all, as chosen.
 */
static void
test_quit_and_lose (void)
{
  g_autoptr(MbScriptLibrary) library = new_library ();
  g_autoptr(MbJournal) journal = new_journal ();
  g_autoptr(MbConversation) conversation = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  MbWindow *window;

  window = open_window_with (library, journal);
  open_window_with (library, journal);
  conversation = g_object_ref (type_unsaved (window, library, journal, "Let go of these words."));
  path = conversation_path (conversation);

  /* Closing one of two loses nothing: the other still has it all. */
  gtk_window_close (GTK_WINDOW (window));
  settle ();
  g_assert_null (find_toplevel (MB_TYPE_UNSAVED_DIALOG));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);
  window = open_window_with (library, journal);

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  wait_for_question ();
  g_assert_cmpuint (count_toplevels (MB_TYPE_UNSAVED_DIALOG), ==, 1);
  g_assert_cmpuint (count_toplevels (MB_TYPE_WINDOW), ==, 2);
  answer (MB_UNSAVED_DIALOG (find_toplevel (MB_TYPE_UNSAVED_DIALOG)), "discard");
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));

  block_conversations (FALSE);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_null (strstr (contents, "Let go of these words."));
}

/* The bar about people.json in @widget, shown and saying @text; or, with
 * @text NULL, hidden.
 */
typedef struct
{
  GtkWidget  *widget;
  const char *text;
} Bar;

static gboolean
bar_shows (gpointer data)
{
  Bar *bar = data;
  GtkWidget *revealer = find_named (bar->widget, "people-save-bar");
  GtkWidget *label;

  g_assert_nonnull (revealer);
  if (bar->text == NULL)
    return !gtk_revealer_get_reveal_child (GTK_REVEALER (revealer));

  label = gtk_widget_get_last_child (gtk_revealer_get_child (GTK_REVEALER (revealer)));
  return gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)) && gtk_widget_get_mapped (revealer) &&
         strstr (gtk_label_get_label (GTK_LABEL (label)), bar->text) != NULL;
}

/* Someone new, from New Conversation, while people.json cannot be
 * written: the conversation and the People page say so, and why; the
 * bar goes once the disk lets the save through.
 */
static void
test_people_save_failure_shown (void)
{
  g_autoptr(MbScriptLibrary) library = new_library ();
  g_autoptr(MbJournal) journal = new_journal ();
  g_autofree char *people = g_build_filename (g_file_peek_path (data_dir), "people.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(MbPerson) person = NULL;
  MbNewConversationDialog *dialog;
  MbConversationsPage *page;
  MbWindow *window;
  GtkWidget *person_view;
  Bar bar;

  /* A folder where people.json goes: it cannot be written. */
  g_assert_cmpint (g_mkdir_with_parents (people, 0700), ==, 0);
  window = open_window_with (library, journal);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-conversation", "s", "grow"));
  wait_until (toplevel_shown, GSIZE_TO_POINTER (MB_TYPE_NEW_CONVERSATION_DIALOG));
  dialog = MB_NEW_CONVERSATION_DIALOG (find_toplevel (MB_TYPE_NEW_CONVERSATION_DIALOG));
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (dialog), MB_TYPE_NEW_CONVERSATION_DIALOG, "name_row")),
                         "Sanne de Vries");
  g_assert_nonnull (mb_new_conversation_dialog_start (dialog));

  /* In the conversation just started… */
  page = MB_CONVERSATIONS_PAGE (section_page (window, "conversations"));
  bar = (Bar) { mb_conversations_page_get_open (page), "people.json" };
  wait_until (bar_shows, &bar);

  /* …on the People page, and on the person's own page. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "people"));
  bar = (Bar) { section_page (window, "people"), "people.json" };
  wait_until (bar_shows, &bar);
  person = g_list_model_get_item (mb_journal_get_people (journal), 0);
  person_view = mb_people_page_show_person (MB_PEOPLE_PAGE (section_page (window, "people")), person);
  bar = (Bar) { person_view, "people.json" };
  wait_until (bar_shows, &bar);

  /* The disk lets it through: the retry saves, and the bars go. */
  g_assert_cmpint (g_rmdir (people), ==, 0);
  bar = (Bar) { person_view, NULL };
  wait_until (bar_shows, &bar);
  bar = (Bar) { mb_conversations_page_get_open (page), NULL };
  wait_until (bar_shows, &bar);
  g_assert_true (g_file_get_contents (people, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Sanne de Vries"));
  gtk_window_close (GTK_WINDOW (window));
  settle ();
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* The save dialog starts in the current folder: never the source tree. */
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_assert_cmpint (g_chdir (g_get_user_cache_dir ()), ==, 0);

  app = mb_application_new ("io.github.marblesapp.Marbles.Test", G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));

  g_test_add_func ("/quit/keep-open", test_keep_open);
  g_test_add_func ("/quit/save-copy", test_save_copy);
  g_test_add_func ("/quit/quit-and-lose", test_quit_and_lose);
  g_test_add_func ("/quit/people-save-failure-shown", test_people_save_failure_shown);

  ret = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return ret;
}
