/* test-adaptive.c — the window at half a screen and narrower, and a name
 * for every button a screen reader reaches.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "mb-application.h"
#include "mb-compare-dialog.h"
#include "mb-conversation-view.h"
#include "mb-conversations-page.h"
#include "mb-new-conversation-dialog.h"
#include "mb-window.h"
#include "ui-util.h"

static MbApplication *app;

static MbWindow *
open_window (int width)
{
  g_autoptr(MbScriptLibrary) library = new_library ();
  g_autoptr(MbJournal) journal = new_journal ();
  GSettings *settings = mb_application_get_settings (app);

  g_settings_reset (settings, "section");
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", 720);
  return open_window_with (library, journal);
}

static void
close_window (GtkWindow *window)
{
  gtk_window_close (window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* At half a screen (680 px, beside a video call) the sidebar folds away;
 * at 1280 it stays.
 */
static void
test_fold (void)
{
  MbWindow *window = open_window (680);
  AdwLeaflet *leaflet = ADW_LEAFLET (gtk_widget_get_template_child (GTK_WIDGET (window), MB_TYPE_WINDOW, "leaflet"));

  wait_until (is_folded, leaflet);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 720);
  wait_until (is_unfolded, leaflet);
  gtk_window_set_default_size (GTK_WINDOW (window), 680, 720);
  wait_until (is_folded, leaflet);
  close_window (GTK_WINDOW (window));
}

/* A label whose mnemonic points at @widget, somewhere under @root. */
static gboolean
has_mnemonic_label (GtkWidget *root,
                    GtkWidget *widget)
{
  if (GTK_IS_LABEL (root) && gtk_label_get_mnemonic_widget (GTK_LABEL (root)) == widget &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), "") != 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (has_mnemonic_label (child, widget))
        return TRUE;
    }

  return FALSE;
}

/* The accessible label as the widget's GtkATContext holds it (GTK 4.8
 * has no getter; GTK's test API reads it), or a label that names it by
 * its mnemonic. Not any labelled-by relation: GTK 4.8 points a button's
 * at its child, which is how an icon button comes to be read "GtkImage".
 */
static gboolean
has_accessible_name (GtkWidget *widget)
{
  return gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
         has_mnemonic_label (GTK_WIDGET (gtk_widget_get_root (widget)), widget);
}

/* A text a screen reader reads from the button itself (not the items of
 * the menu it opens).
 */
static gboolean
shows_text (GtkWidget *widget)
{
  if (GTK_IS_POPOVER (widget))
    return FALSE;

  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), "") != 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (shows_text (child))
        return TRUE;
    }

  return FALSE;
}

/* Widgets that GTK builds itself: window controls, the arrows of spin
 * buttons and calendars, the search field of a drop-down's popover, and
 * the close button of a search bar and the Apply button of an entry row,
 * which Marbles never shows.
 */
static gboolean
is_gtk_internal (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  return GTK_IS_WINDOW_CONTROLS (widget) || GTK_IS_SPIN_BUTTON (widget) || GTK_IS_CALENDAR (widget) ||
         (GTK_IS_SEARCH_ENTRY (widget) && gtk_widget_get_ancestor (widget, GTK_TYPE_DROP_DOWN) != NULL) ||
         (GTK_IS_BUTTON (widget) && !gtk_widget_get_visible (widget) && GTK_IS_CENTER_BOX (parent) &&
          gtk_widget_get_ancestor (parent, GTK_TYPE_SEARCH_BAR) != NULL) ||
         (GTK_IS_BUTTON (widget) && !gtk_widget_get_visible (widget) &&
          gtk_widget_get_ancestor (widget, ADW_TYPE_ENTRY_ROW) != NULL);
}

static void
check_names (GtkWidget *widget,
             GPtrArray *nameless)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);
  gboolean named = TRUE;

  if (is_gtk_internal (widget))
    return;

  /* A menu button's and a drop-down's own toggle: the outer widget is
   * the one named and checked.
   */
  if (GTK_IS_MENU_BUTTON (widget))
    named = has_accessible_name (widget) || shows_text (widget);
  else if (GTK_IS_BUTTON (widget) && !GTK_IS_MENU_BUTTON (parent) && !GTK_IS_DROP_DOWN (parent))
    named = has_accessible_name (widget) || shows_text (widget);
  else if (GTK_IS_DROP_DOWN (widget) || GTK_IS_SEARCH_ENTRY (widget) ||
           (GTK_IS_ENTRY (widget) && gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_ROW) == NULL))
    named = has_accessible_name (widget);
  else if (GTK_IS_LIST_BOX_ROW (widget) && !ADW_IS_PREFERENCES_ROW (widget) &&
           gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget)) &&
           gtk_widget_get_ancestor (widget, GTK_TYPE_POPOVER) == NULL)
    named = has_accessible_name (widget) || shows_text (widget);

  if (!named)
    g_ptr_array_add (nameless, g_strdup_printf ("%s (%s) in %s",
                                                G_OBJECT_TYPE_NAME (widget),
                                                gtk_widget_get_tooltip_text (widget) ? gtk_widget_get_tooltip_text (widget) : "no tooltip",
                                                parent ? G_OBJECT_TYPE_NAME (parent) : "nothing"));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_names (child, nameless);
}

static void
assert_all_named (GtkWidget *widget)
{
  g_autoptr(GPtrArray) nameless = g_ptr_array_new_with_free_func (g_free);

  check_names (widget, nameless);
  for (guint i = 0; i < nameless->len; i++)
    g_test_message ("Without a name: %s", (char *) nameless->pdata[i]);
  g_assert_cmpuint (nameless->len, ==, 0);
}

/* A dialog fits a window 360 px wide, at least and at its natural width.
 * The window's own measure decides (AdwMessageDialog caps what its
 * content would take), less the shadow of the client-side decorations
 * around the frame (its first child), which is not part of what shows.
 */
static void
assert_fits (GtkWidget *dialog)
{
  GtkWidget *frame = gtk_widget_get_first_child (dialog);
  int minimum, natural, frame_minimum, frame_natural;

  gtk_widget_measure (dialog, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  gtk_widget_measure (frame, GTK_ORIENTATION_HORIZONTAL, -1, &frame_minimum, &frame_natural, NULL, NULL);
  minimum = MIN (minimum, frame_minimum);
  natural = MIN (natural, frame_natural);
  g_test_message ("%s: %d px at least, %d natural", G_OBJECT_TYPE_NAME (dialog), minimum, natural);
  g_assert_cmpint (minimum, <=, 360);
  g_assert_cmpint (natural, <=, 360);
}

/* Every button, menu button, search field, drop-down and sidebar row of
 * each page and dialog has a name, and each dialog fits 360 px.
 */
static void
test_names_and_dialogs (void)
{
  MbWindow *window = open_window (360);
  GtkWidget *dialog;
  GtkWidget *view;
  GtkMenuButton *filter_button;
  GtkPopover *filters;
  MbConversation *conversation;
  int minimum, natural;

  assert_all_named (GTK_WIDGET (window));

  /* The search filters' popover, made when it first opens. */
  filter_button = GTK_MENU_BUTTON (gtk_widget_get_template_child (gtk_stack_get_child_by_name (GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), MB_TYPE_WINDOW, "stack")), "conversations"),
                                                                  MB_TYPE_CONVERSATIONS_PAGE, "filter_button"));
  gtk_menu_button_popup (filter_button);
  filters = gtk_menu_button_get_popover (filter_button);
  g_assert_nonnull (filters);
  assert_all_named (GTK_WIDGET (filters));
  gtk_menu_button_popdown (filter_button);
  gtk_widget_measure (gtk_popover_get_child (filters), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_test_message ("Search filters: %d px at least, %d natural", minimum, natural);
  g_assert_cmpint (natural, <=, 360);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-conversation", "s", "restore-trust"));
  wait_until (toplevel_shown, GSIZE_TO_POINTER (MB_TYPE_NEW_CONVERSATION_DIALOG));
  dialog = GTK_WIDGET (find_toplevel (MB_TYPE_NEW_CONVERSATION_DIALOG));
  wait_until (is_mapped, dialog);
  assert_all_named (dialog);
  assert_fits (dialog);
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (dialog, MB_TYPE_NEW_CONVERSATION_DIALOG, "name_row")),
                         "Sanne de Vries");
  conversation = mb_new_conversation_dialog_start (MB_NEW_CONVERSATION_DIALOG (dialog));
  g_assert_nonnull (conversation);
  mb_conversation_add_agreement (conversation, "Send the plan", MB_PROMISED_BY_ME, NULL);
  mb_conversation_add_marble (conversation, TRUE, "Called back");

  view = mb_conversations_page_get_open (MB_CONVERSATIONS_PAGE (gtk_stack_get_child_by_name (GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), MB_TYPE_WINDOW, "stack")), "conversations")));
  g_assert_nonnull (view);
  assert_all_named (GTK_WIDGET (window));
  g_assert_true (gtk_widget_activate_action (view, "conversation.show-phase", "s", "talk"));
  assert_all_named (GTK_WIDGET (window));
  g_assert_true (gtk_widget_activate_action (view, "conversation.show-phase", "s", "reflect"));
  assert_all_named (GTK_WIDGET (window));

  g_assert_true (gtk_widget_activate_action (view, "conversations.delete-open", NULL));
  wait_until (toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG));
  dialog = GTK_WIDGET (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  wait_until (is_mapped, dialog);
  assert_all_named (dialog);
  assert_fits (dialog);
  close_window (GTK_WINDOW (dialog));
  g_assert_true (mb_conversation_view_get_conversation (MB_CONVERSATION_VIEW (view)) == conversation);

  g_assert_true (gtk_widget_activate_action (view, "conversation.add-agreement", NULL));
  wait_until (toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG));
  dialog = GTK_WIDGET (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  wait_until (is_mapped, dialog);
  assert_all_named (dialog);
  assert_fits (dialog);
  close_window (GTK_WINDOW (dialog));

  g_assert_true (gtk_widget_activate_action (view, "conversation.add-marble", "b", TRUE));
  wait_until (toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG));
  dialog = GTK_WIDGET (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  wait_until (is_mapped, dialog);
  assert_all_named (dialog);
  assert_fits (dialog);
  close_window (GTK_WINDOW (dialog));

  /* The person's page, Edit Person and Forget. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-person", "s",
                                             mb_conversation_get_person_id (conversation)));
  assert_all_named (GTK_WIDGET (window));
  g_assert_true (gtk_widget_activate_action (gtk_stack_get_child_by_name (GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), MB_TYPE_WINDOW, "stack")), "people"),
                                             "people.edit-open", NULL));
  wait_until (toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG));
  dialog = GTK_WIDGET (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  wait_until (is_mapped, dialog);
  assert_all_named (dialog);
  assert_fits (dialog);
  close_window (GTK_WINDOW (dialog));
  g_assert_true (gtk_widget_activate_action (gtk_stack_get_child_by_name (GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), MB_TYPE_WINDOW, "stack")), "people"),
                                             "people.forget-open", NULL));
  wait_until (toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG));
  dialog = GTK_WIDGET (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  wait_until (is_mapped, dialog);
  assert_all_named (dialog);
  assert_fits (dialog);
  close_window (GTK_WINDOW (dialog));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "scripts");
  assert_all_named (GTK_WIDGET (window));
  close_window (GTK_WINDOW (window));
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
start_with (MbWindow   *window,
            const char *action,
            const char *target)
{
  GtkWidget *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, "s", target));
  wait_until (toplevel_shown, GSIZE_TO_POINTER (MB_TYPE_NEW_CONVERSATION_DIALOG));
  dialog = GTK_WIDGET (find_toplevel (MB_TYPE_NEW_CONVERSATION_DIALOG));
  if (g_str_equal (action, "win.new-conversation"))
    gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (dialog, MB_TYPE_NEW_CONVERSATION_DIALOG, "name_row")),
                           "Sanne de Vries");
  g_assert_nonnull (mb_new_conversation_dialog_start (MB_NEW_CONVERSATION_DIALOG (dialog)));
  return mb_conversations_page_get_open (MB_CONVERSATIONS_PAGE (gtk_stack_get_child_by_name (GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), MB_TYPE_WINDOW, "stack")), "conversations")));
}

/* On a narrow screen the brief (“Since Last Time”) folds away under its
 * title, by the keyboard too, and opens again.
 */
static void
test_brief_folds (void)
{
  MbWindow *window = open_window (360);
  GtkWidget *view;
  GtkWidget *expander;
  GtkWidget *body;

  view = start_with (window, "win.new-conversation", "restore-trust");
  view = start_with (window, "win.new-conversation-with",
                     mb_conversation_get_person_id (mb_conversation_view_get_conversation (MB_CONVERSATION_VIEW (view))));
  expander = find_type (view, GTK_TYPE_EXPANDER);
  g_assert_nonnull (expander);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_expander_get_label_widget (GTK_EXPANDER (expander)))),
                   ==, "Since Last Time");
  body = gtk_expander_get_child (GTK_EXPANDER (expander));
  wait_until (is_mapped, body);

  /* Activating the title (Enter, Space, a click) folds it; again opens it. */
  g_assert_true (gtk_widget_activate (expander));
  g_assert_false (gtk_expander_get_expanded (GTK_EXPANDER (expander)));
  g_assert_false (gtk_widget_get_mapped (body));
  g_assert_true (gtk_widget_activate (expander));
  wait_until (is_mapped, body);
  close_window (GTK_WINDOW (window));
}

static gboolean
has_problem (gpointer journal)
{
  return g_list_model_get_n_items (mb_journal_get_problems (journal)) > 0;
}

static gboolean
versions_read (gpointer dialog)
{
  return mb_compare_dialog_get_versions (dialog) != NULL;
}

/* A journal with a conversation and a copy of it cut short, which the
 * window lists, to compare.
 */
static GFile *
make_conflict (MbScriptLibrary *library)
{
  g_autoptr(MbJournal) journal = new_journal ();
  MbPerson *person = mb_journal_add_person (journal, "Sanne de Vries", NULL);
  g_autoptr(MbConversation) conversation = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;
  GFile *copy;

  conversation = mb_conversation_new (mb_person_get_id (person), mb_script_library_lookup (library, "grow"), NULL);
  mb_conversation_set_text (conversation, MB_TEXT_PREPARATION_NOTES, NULL, "Ask what she needs.");
  mb_journal_add_conversation (journal, conversation);
  g_assert_true (mb_journal_flush (journal));
  bytes = mb_conversation_to_bytes (conversation);
  name = g_strconcat (mb_conversation_get_id (conversation), ".sync-conflict-20261205-101010-ABCDEFG.json", NULL);
  copy = g_file_new_build_filename (g_file_peek_path (data_dir), "conversations", name, NULL);
  g_file_set_contents (g_file_peek_path (copy), g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes) / 2, &error);
  g_assert_no_error (error);
  return copy;
}

/* The dialog that compares two versions of a conversation, in a window
 * 360 px wide: the two one under the other, every button named, and the
 * dialog no wider than the window. (Its natural width is that of the two
 * side by side: it starts as wide as its window.)
 */
static void
test_compare_dialog (void)
{
  g_autoptr(MbScriptLibrary) library = new_library ();
  g_autoptr(MbJournal) journal = NULL;
  g_autoptr(GFile) copy = NULL;
  GSettings *settings = mb_application_get_settings (app);
  GtkWidget *page;
  GtkWidget *dialog;
  MbWindow *window;
  int minimum, frame_minimum;

  wait_until ((Condition) mb_script_library_is_loaded, library);
  copy = make_conflict (library);
  g_settings_reset (settings, "section");
  g_settings_set_int (settings, "window-width", 360);
  g_settings_set_int (settings, "window-height", 720);
  journal = new_journal ();
  window = open_window_with (library, journal);
  wait_until (has_problem, journal);
  assert_all_named (GTK_WIDGET (window));

  page = gtk_stack_get_child_by_name (GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), MB_TYPE_WINDOW,
                                                                                "stack")), "conversations");
  g_assert_true (gtk_widget_activate_action (page, "conversations.compare-versions", "s", g_file_peek_path (copy)));
  wait_until (toplevel_shown, GSIZE_TO_POINTER (MB_TYPE_COMPARE_DIALOG));
  dialog = GTK_WIDGET (find_toplevel (MB_TYPE_COMPARE_DIALOG));
  wait_until (is_mapped, dialog);
  wait_until (versions_read, dialog);
  assert_all_named (dialog);
  gtk_widget_measure (dialog, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  gtk_widget_measure (gtk_widget_get_first_child (dialog), GTK_ORIENTATION_HORIZONTAL, -1, &frame_minimum,
                      NULL, NULL, NULL);
  g_test_message ("MbCompareDialog: %d px at least", MIN (minimum, frame_minimum));
  g_assert_cmpint (MIN (minimum, frame_minimum), <=, 360);
  g_assert_cmpint (gtk_widget_get_width (dialog), <=, 360);
  close_window (GTK_WINDOW (dialog));
  close_window (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  /* GTK's test context keeps the accessible properties without a bus
   * (with GTK_A11Y=none there is no context to read them from).
   */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = mb_application_new ("io.github.marblesapp.Marbles.Test", G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));

  g_test_add_func ("/adaptive/fold", test_fold);
  g_test_add_func ("/adaptive/names-and-dialogs", test_names_and_dialogs);
  g_test_add_func ("/adaptive/brief-folds", test_brief_folds);
  g_test_add_func ("/adaptive/compare-dialog", test_compare_dialog);

  ret = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return ret;
}
