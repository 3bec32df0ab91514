/* test-late-journal.c — the real app, started while the journal it had
 * is not there: it says so, writes nothing, and shows the journal as
 * soon as it appears. Under Xvfb.
 *
 * Each test runs in a process of its own, with its own home, data and
 * state folders: the app reads them once.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "mb-application.h"
#include "mb-missing-journal.h"
#include "mb-new-conversation-dialog.h"
#include "mb-window.h"
#include "ui-util.h"

static const char people_json[] =
  "{ \"format\": \"marbles-people\", \"version\": 1,\n"
  "  \"people\": [ { \"id\": \"p1\", \"name\": \"Sanne de Vries\", \"role\": \"\" } ] }\n";

static MbApplication *app;

/* The journal's folder: ~/data/marbles. */
static char *
data_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "marbles", NULL);
}

/* Marbles had a journal in its folder, on an earlier start. */
static void
remember_journal (void)
{
  g_autofree char *path = data_path ();
  g_autoptr(GFile) dir = g_file_new_for_path (path);
  g_autoptr(GFile) memory = mb_data_folder_dup_default_memory ();
  g_autofree char *parent = g_path_get_dirname (g_file_peek_path (memory));
  g_autofree char *uri = g_file_get_uri (dir);
  g_autofree char *contents = g_strdup_printf ("[Journals]\nfolders=%s;\n", uri);

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_assert_true (g_file_set_contents (g_file_peek_path (memory), contents, -1, NULL));
}

static gboolean
memory_has_journal (void)
{
  g_autofree char *path = data_path ();
  g_autoptr(GFile) dir = g_file_new_for_path (path);
  g_autoptr(GFile) memory = mb_data_folder_dup_default_memory ();
  g_autofree char *uri = g_file_get_uri (dir);
  g_autofree char *contents = NULL;

  return g_file_get_contents (g_file_peek_path (memory), &contents, NULL, NULL) &&
         strstr (contents, uri) != NULL;
}

/* people.json put in the folder as a sync tool does: written aside,
 * then renamed.
 */
static void
put_people (void)
{
  g_autofree char *dir = data_path ();
  g_autofree char *aside = g_build_filename (dir, ".syncthing.people.json.tmp", NULL);
  g_autofree char *path = g_build_filename (dir, "people.json", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (aside, people_json, -1, NULL));
  g_assert_cmpint (g_rename (aside, path), ==, 0);
}

/* Whether a label in @widget says @text. */
static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (shows_label (child, text))
        return TRUE;
    }

  return FALSE;
}

static gboolean
shows_sanne (gpointer data)
{
  return shows_label (data, "Sanne de Vries");
}

static gboolean
journal_shown (gpointer data)
{
  return find_widget (data, MB_TYPE_MISSING_JOURNAL, NULL) == NULL &&
         mb_journal_is_loaded (mb_application_get_journal (app));
}

/* Starts the app as the desktop does, and waits for its window. */
static MbWindow *
start_app (void)
{
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  app = mb_application_new ("io.github.marblesapp.Marbles.Test", G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  wait_until (toplevel_shown, GSIZE_TO_POINTER (MB_TYPE_WINDOW));
  window = find_toplevel (MB_TYPE_WINDOW);
  wait_until (is_mapped, window);
  return MB_WINDOW (window);
}

/* The journal's folder and what is in it, "" when it is not there. */
static char *
list_data_folder (void)
{
  g_autofree char *dir = data_path ();
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (",", (char **) names->pdata);
}

/* Everything that could write to the journal, tried while it is
 * missing: none of it gets through.
 */
static void
try_to_write (MbWindow *window)
{
  GtkWidget *page = find_widget (GTK_WIDGET (window), MB_TYPE_MISSING_JOURNAL, NULL);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-conversation", "s", "");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "people");
  gtk_widget_activate_action (page, "journal.try-again", NULL);
  settle ();
  g_assert_null (find_toplevel (MB_TYPE_NEW_CONVERSATION_DIALOG));
  g_assert_true (find_widget (GTK_WIDGET (window), MB_TYPE_MISSING_JOURNAL, NULL) == page);
  g_assert_true (mb_journal_flush (mb_application_get_journal (app)));
}

/* The folder is gone: the window says which and waits; nothing is
 * written; the folder comes back, with people.json, and the journal is
 * shown with its people.
 */
static void
appears_run (void)
{
  MbWindow *window;
  GtkWidget *page;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *people = NULL;
  g_autofree char *people_path = NULL;

  remember_journal ();
  window = start_app ();
  page = find_widget (GTK_WIDGET (window), MB_TYPE_MISSING_JOURNAL, NULL);
  g_assert_nonnull (page);
  g_assert_true (gtk_widget_get_mapped (page));
  g_assert_nonnull (strstr (mb_missing_journal_get_description (MB_MISSING_JOURNAL (page)),
                            "Marbles had a journal in ~/data/marbles."));

  try_to_write (window);
  before = list_data_folder ();
  g_assert_cmpstr (before, ==, "");
  g_assert_false (g_file_test (g_get_user_data_dir (), G_FILE_TEST_EXISTS));

  put_people ();
  wait_until (journal_shown, window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "people"));
  wait_until (shows_sanne, window);

  /* What the sync tool put there is as it was. */
  g_assert_true (mb_journal_flush (mb_application_get_journal (app)));
  after = list_data_folder ();
  g_assert_cmpstr (after, ==, "people.json");
  people_path = g_build_filename (g_get_user_data_dir (), "marbles", "people.json", NULL);
  g_assert_true (g_file_get_contents (people_path, &people, NULL, NULL));
  g_assert_cmpstr (people, ==, people_json);
  g_assert_true (memory_has_journal ());
}

/* The folder is there without people.json: the window says that, and
 * nothing is added to the folder until people.json comes.
 */
static void
no_people_run (void)
{
  g_autofree char *conversations = g_build_filename (g_get_user_data_dir (), "marbles", "conversations", NULL);
  g_autofree char *before = NULL;
  MbWindow *window;
  GtkWidget *page;

  remember_journal ();
  g_assert_cmpint (g_mkdir_with_parents (conversations, 0700), ==, 0);
  window = start_app ();
  page = find_widget (GTK_WIDGET (window), MB_TYPE_MISSING_JOURNAL, NULL);
  g_assert_nonnull (page);
  g_assert_nonnull (strstr (mb_missing_journal_get_description (MB_MISSING_JOURNAL (page)),
                            "its list of people, people.json, is not there"));

  try_to_write (window);
  before = list_data_folder ();
  g_assert_cmpstr (before, ==, "conversations");

  put_people ();
  wait_until (journal_shown, window);
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_people (mb_application_get_journal (app))), ==, 1);
}

static gboolean
question_shown (gpointer data)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

/* A leader who truly wants to start over can, after saying so: Marbles
 * forgets the old journal, and shows an empty one.
 */
static void
start_new_run (void)
{
  MbWindow *window;
  GtkWidget *page;
  AdwMessageDialog *question;
  g_autofree char *listing = NULL;

  remember_journal ();
  window = start_app ();
  page = find_widget (GTK_WIDGET (window), MB_TYPE_MISSING_JOURNAL, NULL);

  /* Cancelled, nothing changes. */
  g_assert_true (gtk_widget_activate_action (page, "journal.start-new", NULL));
  wait_until (question_shown, NULL);
  question = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Start a New Journal?");
  adw_message_dialog_response (question, "cancel");
  settle ();
  g_assert_true (find_widget (GTK_WIDGET (window), MB_TYPE_MISSING_JOURNAL, NULL) == page);
  g_assert_true (memory_has_journal ());

  g_assert_true (gtk_widget_activate_action (page, "journal.start-new", NULL));
  wait_until (question_shown, NULL);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG)), "start");
  wait_until (journal_shown, window);
  g_assert_false (memory_has_journal ());
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_people (mb_application_get_journal (app))), ==, 0);
  listing = list_data_folder ();
  g_assert_cmpstr (listing, ==, "");
}

/* A folder that is a link to a vault not open: the place is named, and
 * there is no starting over, which could not write there.
 */
static void
broken_link_run (void)
{
  g_autofree char *vault = g_build_filename (g_get_home_dir (), "Vault", "marbles", NULL);
  g_autofree char *vault_people = g_build_filename (vault, "people.json", NULL);
  g_autofree char *path = data_path ();
  MbWindow *window;
  GtkWidget *page;
  GObject *start_new;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_cmpint (symlink (vault, path), ==, 0);
  window = start_app ();
  page = find_widget (GTK_WIDGET (window), MB_TYPE_MISSING_JOURNAL, NULL);
  g_assert_nonnull (strstr (mb_missing_journal_get_description (MB_MISSING_JOURNAL (page)),
                            "The journal folder ~/data/marbles leads to ~/Vault/marbles, which is not there."));
  start_new = gtk_widget_get_template_child (page, MB_TYPE_MISSING_JOURNAL, "start_new_button");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (start_new)));

  g_assert_cmpint (g_mkdir_with_parents (vault, 0700), ==, 0);
  g_assert_true (g_file_set_contents (vault_people, people_json, -1, NULL));
  wait_until (journal_shown, window);
}

static gboolean
memory_has_journal_cb (gpointer data)
{
  return memory_has_journal ();
}

/* A first start is not waited for; the journal is remembered once
 * people.json is saved.
 */
static void
first_start_run (void)
{
  MbWindow *window = start_app ();

  wait_until (journal_shown, window);
  g_assert_false (g_file_test (g_get_user_data_dir (), G_FILE_TEST_EXISTS));
  g_assert_false (memory_has_journal ());

  mb_journal_add_person (mb_application_get_journal (app), "Sanne de Vries", "");
  wait_until (memory_has_journal_cb, NULL);
}

/* Runs @data, a test's body, in a process of its own. */
static void
run_alone (gconstpointer data)
{
  if (g_test_subprocess ())
    {
      ((GTestFunc) data) ();
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *root = g_build_filename (g_getenv ("XDG_CACHE_HOME"), "late-journal-XXXXXX", NULL);
  g_autofree char *data_home = NULL;
  g_autofree char *state_home = NULL;

  /* Before GLib reads them, and once per process. */
  g_assert_cmpint (g_mkdir_with_parents (g_getenv ("XDG_CACHE_HOME"), 0700), ==, 0);
  g_assert_nonnull (g_mkdtemp (root));
  data_home = g_build_filename (root, "data", NULL);
  state_home = g_build_filename (root, "state", NULL);
  g_setenv ("HOME", root, TRUE);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_STATE_HOME", state_home, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_data_func ("/late-journal/appears", (gconstpointer) appears_run, run_alone);
  g_test_add_data_func ("/late-journal/no-people", (gconstpointer) no_people_run, run_alone);
  g_test_add_data_func ("/late-journal/start-new", (gconstpointer) start_new_run, run_alone);
  g_test_add_data_func ("/late-journal/broken-link", (gconstpointer) broken_link_run, run_alone);
  g_test_add_data_func ("/late-journal/first-start", (gconstpointer) first_start_run, run_alone);

  return g_test_run ();
}
