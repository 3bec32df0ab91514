/* test-compare.c — the dialog that compares two versions of a file that
 * Marbles cannot merge, from the keyboard: real key presses and clicks
 * (xdotool) on the real window, under Xvfb with a window manager. The
 * two versions side by side in a wide window and one under the other at
 * 360 px; Escape changes nothing; the version kept is on disk, the other
 * kept beside it; a file changed meanwhile is read again, not written
 * over.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include <glib/gstdio.h>
#include <string.h>

#include "mb-application.h"
#include "mb-compare-dialog.h"
#include "mb-conversations-page.h"
#include "mb-window.h"
#include "file-util.h"
#include "ui-util.h"
#include "xdotool-util.h"

static MbApplication *app;

/* Files */

static GFile *
conversation_file (const char *id,
                   const char *suffix)
{
  g_autofree char *name = g_strconcat (id, suffix, NULL);

  return g_file_new_build_filename (g_file_peek_path (data_dir), "conversations", name, NULL);
}

static gboolean
is_gone (gpointer file)
{
  return !g_file_query_exists (file, NULL);
}

/* The journal */

/* In a new data folder: Sanne's conversation, saved, and its text as
 * another device changed it.
 */
static char *
make_conversation (MbScriptLibrary  *library,
                   GBytes          **theirs)
{
  g_autoptr(MbJournal) journal = new_journal ();
  MbPerson *sanne = mb_journal_add_person (journal, "Sanne", NULL);
  g_autoptr(MbConversation) here = mb_conversation_new (mb_person_get_id (sanne),
                                                        mb_script_library_lookup (library, "grow"), NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GHashTable) copies = mb_script_copies_new ();
  g_autoptr(MbConversation) there = NULL;
  g_autoptr(GError) error = NULL;

  mb_conversation_set_text (here, MB_TEXT_PREPARATION_NOTES, NULL, "Written here.\n");
  mb_journal_add_conversation (journal, here);
  g_assert_true (mb_journal_flush (journal));

  bytes = mb_conversation_to_bytes (here);
  mb_script_copies_add (copies, mb_conversation_get_script (here));
  there = mb_conversation_new_from_bytes (bytes, "there", copies, &error);
  g_assert_no_error (error);
  mb_conversation_set_text (there, MB_TEXT_PREPARATION_NOTES, NULL, "Written there.\n");
  *theirs = mb_conversation_to_bytes (there);
  return g_strdup (mb_conversation_get_id (here));
}

typedef struct
{
  MbScriptLibrary     *library;
  MbJournal           *journal;
  MbWindow            *window;
  MbConversationsPage *page;
  char                *id;
  GFile               *file;
  GFile               *copy;
} Fixture;

static gboolean
has_problems (gpointer data)
{
  Fixture *fixture = data;

  return g_list_model_get_n_items (mb_journal_get_problems (fixture->journal)) > 0;
}

static gboolean
has_no_problems (gpointer data)
{
  Fixture *fixture = data;

  return g_list_model_get_n_items (mb_journal_get_problems (fixture->journal)) == 0;
}

/* The window @width wide, on a journal whose folder @prepare filled. */
static void
fixture_open (Fixture  *fixture,
              int       width,
              void    (*prepare) (Fixture *fixture))
{
  GSettings *settings = mb_application_get_settings (app);

  reset_settings ();
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", 700);
  fixture->library = new_library ();
  wait_until ((Condition) mb_script_library_is_loaded, fixture->library);
  prepare (fixture);
  fixture->journal = new_journal ();
  fixture->window = open_window_with (fixture->library, fixture->journal);
  wait_until ((Condition) gtk_window_is_active, fixture->window);
  fixture->page = MB_CONVERSATIONS_PAGE (section_page (fixture->window, "conversations"));
  /* The journal looks for conflict copies once it is loaded. */
  wait_until (has_problems, fixture);
}

static void
fixture_close (Fixture *fixture)
{
  g_assert_true (mb_journal_flush (fixture->journal));
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  settle ();
  g_clear_object (&fixture->journal);
  g_clear_object (&fixture->library);
  g_clear_pointer (&fixture->id, g_free);
  g_clear_object (&fixture->file);
  g_clear_object (&fixture->copy);
}

static gboolean
versions_shown (gpointer dialog)
{
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (dialog, MB_TYPE_COMPARE_DIALOG, "stack"));

  return mb_compare_dialog_get_versions (dialog) != NULL &&
         g_strcmp0 (gtk_stack_get_visible_child_name (stack), "versions") == 0;
}

/* Waits for the dialog to show both versions and have the keyboard. */
static MbCompareDialog *
wait_for_versions (void)
{
  MbCompareDialog *dialog = MB_COMPARE_DIALOG (wait_for_dialog (MB_TYPE_COMPARE_DIALOG));

  wait_until (versions_shown, dialog);
  wait_for_frame (GTK_WIDGET (dialog));
  return dialog;
}

static gboolean
dialog_gone (gpointer data)
{
  return find_toplevel (MB_TYPE_COMPARE_DIALOG) == NULL;
}

/* Whether a label in @widget shows a text that holds @text. */
static gboolean
shows (GtkWidget  *widget,
       const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (shows (child, text))
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  GtkWidget  *widget;
  const char *text;
} Shown;

static gboolean
is_shown (gpointer data)
{
  Shown *shown = data;

  return shows (shown->widget, shown->text);
}

static GtkOrientation
sides_orientation (MbCompareDialog *dialog)
{
  GObject *sides = gtk_widget_get_template_child (GTK_WIDGET (dialog), MB_TYPE_COMPARE_DIALOG, "sides");

  return gtk_orientable_get_orientation (GTK_ORIENTABLE (sides));
}

/* The button that has the keyboard in @dialog, with the label @label. */
static void
assert_focus_on (MbCompareDialog *dialog,
                 const char      *label)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (dialog));

  g_assert_true (GTK_IS_BUTTON (focus));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (focus)), ==, label);
}

/* The journal's file cannot be read; the copy can */

static GBytes *damaged;

static void
damage_original (Fixture *fixture)
{
  const char *text = "{ \"format\": \"marbles-conversation\", \"id\": \"";
  g_autoptr(GBytes) theirs = NULL;

  fixture->id = make_conversation (fixture->library, &theirs);
  fixture->file = conversation_file (fixture->id, ".json");
  fixture->copy = conversation_file (fixture->id, " (Laptop's conflicted copy 2026-12-04).json");
  damaged = g_bytes_new_static (text, strlen (text));
  deliver (fixture->file, damaged);
  deliver (fixture->copy, theirs);
}

/* Side by side in a wide window; the copy is the one that can be kept,
 * and Enter keeps it: the conversation is back, from the copy, and the
 * damaged file is kept beside it.
 */
static void
test_keep_copy (void)
{
  Fixture fixture = { NULL };
  g_autoptr(GFile) kept = NULL;
  MbCompareDialog *dialog;
  GtkWidget *compare;
  MbConversation *conversation;
  Shown toast;

  fixture_open (&fixture, 1000, damage_original);
  g_assert_null (mb_journal_lookup_conversation (fixture.journal, fixture.id));
  compare = find_widget (GTK_WIDGET (fixture.page), GTK_TYPE_BUTTON, "Compare the two versions and keep one");
  g_assert_nonnull (compare);
  wait_until (is_mapped, compare);
  click (compare);

  dialog = wait_for_versions ();
  g_assert_cmpint (sides_orientation (dialog), ==, GTK_ORIENTATION_HORIZONTAL);
  assert_focus_on (dialog, "Keep the _Copy");
  press ("Return");
  wait_until (dialog_gone, NULL);
  toast = (Shown) { GTK_WIDGET (fixture.page), "Kept the copy; the other version is kept beside it as a file" };
  wait_until (is_shown, &toast);

  wait_until (is_gone, fixture.copy);
  conversation = mb_journal_lookup_conversation (fixture.journal, fixture.id);
  g_assert_nonnull (conversation);
  g_assert_cmpstr (mb_conversation_get_text (conversation, MB_TEXT_PREPARATION_NOTES, NULL), ==, "Written there.\n");
  g_assert_true (holds (fixture.file, "Written there."));
  kept = kept_file (fixture.file, damaged);
  g_assert_true (holds (kept, "marbles-conversation"));
  wait_until (has_no_problems, &fixture);
  fixture_close (&fixture);
  g_clear_pointer (&damaged, g_bytes_unref);
}

/* The copy cannot be read */

static GBytes *cut_short;

static void
cut_copy (Fixture *fixture)
{
  g_autoptr(GBytes) theirs = NULL;

  fixture->id = make_conversation (fixture->library, &theirs);
  fixture->file = conversation_file (fixture->id, ".json");
  fixture->copy = conversation_file (fixture->id, ".sync-conflict-20261205-101010-ABCDEFG.json");
  cut_short = g_bytes_new_from_bytes (theirs, 0, g_bytes_get_size (theirs) / 2);
  deliver (fixture->copy, cut_short);
}

/* One under the other in a window 360 px wide, the dialog no wider.
 * Escape leaves everything as it was; Alt+K keeps the journal's version.
 */
static void
test_keep_journal_narrow (void)
{
  Fixture fixture = { NULL };
  g_autoptr(GFile) kept = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  MbCompareDialog *dialog;
  Shown toast;
  int minimum;

  fixture_open (&fixture, 360, cut_copy);
  before = g_file_load_bytes (fixture.file, NULL, NULL, NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture.page), "conversations.compare-versions", "s",
                              g_file_peek_path (fixture.copy));
  dialog = wait_for_versions ();
  g_assert_cmpint (sides_orientation (dialog), ==, GTK_ORIENTATION_VERTICAL);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (dialog)), <=, 360);
  gtk_widget_measure (gtk_widget_get_first_child (GTK_WIDGET (dialog)), GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
  assert_focus_on (dialog, "_Keep This Journal’s Version");

  press ("Escape");
  wait_until (dialog_gone, NULL);
  g_assert_true (g_file_query_exists (fixture.copy, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_problems (fixture.journal)), ==, 1);

  gtk_widget_activate_action (GTK_WIDGET (fixture.page), "conversations.compare-versions", "s",
                              g_file_peek_path (fixture.copy));
  dialog = wait_for_versions ();
  press ("alt+k");
  wait_until (dialog_gone, NULL);
  toast = (Shown) { GTK_WIDGET (fixture.page), "Kept this journal’s version; the copy is kept beside it as a file" };
  wait_until (is_shown, &toast);
  wait_until (is_gone, fixture.copy);
  kept = kept_file (fixture.file, cut_short);
  g_assert_true (g_file_query_exists (kept, NULL));
  after = g_file_load_bytes (fixture.file, NULL, NULL, NULL);
  g_assert_true (g_bytes_equal (before, after));
  wait_until (has_no_problems, &fixture);
  fixture_close (&fixture);
  g_clear_pointer (&cut_short, g_bytes_unref);
}

/* A file changed after the dialog read it */

static gboolean
versions_replaced (gpointer data)
{
  gpointer *versions = data;
  MbCompareDialog *dialog = MB_COMPARE_DIALOG (find_toplevel (MB_TYPE_COMPARE_DIALOG));

  return dialog != NULL && versions_shown (dialog) && mb_compare_dialog_get_versions (dialog) != *versions;
}

/* Keeping then writes nothing: the dialog reads the two again and shows
 * them, and the next choice is made with what is on disk now.
 */
static void
test_changed_meanwhile (void)
{
  Fixture fixture = { NULL };
  g_autoptr(GBytes) other = g_bytes_new_static ("not JSON", 8);
  g_autoptr(GFile) kept = NULL;
  g_autoptr(GFile) kept_other = NULL;
  MbCompareDialog *dialog;
  gpointer versions;
  Shown changed;

  fixture_open (&fixture, 1000, cut_copy);
  gtk_widget_activate_action (GTK_WIDGET (fixture.page), "conversations.compare-versions", "s",
                              g_file_peek_path (fixture.copy));
  dialog = wait_for_versions ();
  versions = mb_compare_dialog_get_versions (dialog);
  deliver (fixture.copy, other);

  press ("Return");
  wait_until (versions_replaced, &versions);
  changed = (Shown) { GTK_WIDGET (find_toplevel (MB_TYPE_COMPARE_DIALOG)), "changed on disk since they were shown" };
  wait_until (is_shown, &changed);
  kept = kept_file (fixture.file, cut_short);
  g_assert_false (g_file_query_exists (kept, NULL));
  g_assert_true (holds (fixture.copy, "not JSON"));

  dialog = MB_COMPARE_DIALOG (find_toplevel (MB_TYPE_COMPARE_DIALOG));
  wait_for_frame (GTK_WIDGET (dialog));
  assert_focus_on (dialog, "_Keep This Journal’s Version");
  press ("Return");
  wait_until (dialog_gone, NULL);
  wait_until (is_gone, fixture.copy);
  kept_other = kept_file (fixture.file, other);
  g_assert_true (holds (kept_other, "not JSON"));
  fixture_close (&fixture);
  g_clear_pointer (&cut_short, g_bytes_unref);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  app = mb_application_new ("io.github.marblesapp.Marbles.Test", G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));
  start_xdotool ();

  g_test_add_func ("/compare/keep-copy", test_keep_copy);
  g_test_add_func ("/compare/keep-journal-narrow", test_keep_journal_narrow);
  g_test_add_func ("/compare/changed-meanwhile", test_changed_meanwhile);

  ret = g_test_run ();

  stop_xdotool ();
  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  g_clear_object (&data_dir);
  return ret;
}
