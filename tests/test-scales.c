/* test-scales.c — the scales of the reflection, chosen from the
 * keyboard: real key presses (XTEST, through xdotool) on the real
 * window, under Xvfb with a window manager, and the value looked for in
 * the conversation's file on disk.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "mb-application.h"
#include "mb-conversations-page.h"
#include "mb-reflect-page.h"
#include "mb-scale-choice.h"
#include "mb-window.h"
#include "ui-util.h"
#include "xdotool-util.h"

static MbApplication *app;

typedef struct
{
  MbScriptLibrary *library;
  MbJournal       *journal;
  MbWindow        *window;
  MbConversation  *conversation;
  GtkWidget       *view;
} Fixture;

static gboolean
is_active (gpointer window)
{
  return gtk_window_is_active (window);
}

static gboolean
focus_in_text_view (gpointer data)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (data));

  return GTK_IS_TEXT_VIEW (focus) && gtk_widget_is_ancestor (focus, data);
}

/* A window on a journal of its own, with a conversation of the Restore
 * trust script open at its reflection.
 */
static void
fixture_open (Fixture *fixture)
{
  GSettings *settings = mb_application_get_settings (app);
  MbConversationsPage *page;
  MbPerson *person;

  reset_settings ();
  g_settings_set_int (settings, "window-width", 1000);
  g_settings_set_int (settings, "window-height", 700);
  fixture->library = new_library ();
  fixture->journal = new_journal ();
  fixture->window = open_window_with (fixture->library, fixture->journal);
  wait_until (is_active, fixture->window);

  person = mb_journal_add_person (fixture->journal, "Sanne", NULL);
  fixture->conversation = mb_conversation_new (mb_person_get_id (person),
                                               mb_script_library_lookup (fixture->library, "restore-trust"),
                                               NULL);
  mb_conversation_set_phase (fixture->conversation, MB_PHASE_REFLECT);
  mb_journal_add_conversation (fixture->journal, fixture->conversation);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-section", "s", "conversations"));
  page = MB_CONVERSATIONS_PAGE (section_page (fixture->window, "conversations"));
  mb_conversations_page_open (page, fixture->conversation);
  fixture->view = mb_conversations_page_get_open (page);
  wait_until ((Condition) gtk_widget_get_mapped, fixture->view);
}

static void
fixture_close (Fixture *fixture)
{
  g_assert_true (mb_journal_flush (fixture->journal));
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  settle ();
  g_clear_object (&fixture->conversation);
  g_clear_object (&fixture->journal);
  g_clear_object (&fixture->library);
}

typedef struct
{
  MbConversation *conversation;
  guint           value;
} ScaleIs;

static gboolean
scale_is (gpointer data)
{
  ScaleIs *is = data;

  return mb_conversation_get_scale (is->conversation, "scale-listened") == is->value;
}

/* Whether the file of the conversation on disk holds @text. */
typedef struct
{
  MbConversation *conversation;
  const char     *text;
} FileHas;

static gboolean
file_has (gpointer data)
{
  FileHas *has = data;
  g_autofree char *name = g_strconcat (mb_conversation_get_id (has->conversation), ".json", NULL);
  g_autofree char *path = g_build_filename (g_file_peek_path (data_dir), "conversations", name, NULL);
  g_autofree char *contents = NULL;

  return g_file_get_contents (path, &contents, NULL, NULL) && strstr (contents, has->text) != NULL;
}

static GtkWidget *
focus_of (Fixture *fixture)
{
  return gtk_root_get_focus (GTK_ROOT (fixture->window));
}

/* Waits until the conversation has @value and its file says so. */
static void
wait_for_value (Fixture    *fixture,
                guint       value,
                const char *in_file)
{
  ScaleIs is = { fixture->conversation, value };
  FileHas has = { fixture->conversation, in_file };

  wait_until (scale_is, &is);
  wait_until (file_has, &has);
}

/* The text views of the reflection, in their order, and which of them
 * is the answer field of the first question with a scale.
 */
static GPtrArray *
reflection_fields (Fixture   *fixture,
                   GtkWidget *scale,
                   guint     *after_scale)
{
  GPtrArray *views = g_ptr_array_new ();

  collect_text_views (fixture->view, views);
  *after_scale = views->len;
  for (guint i = 0; i < views->len && *after_scale == views->len; i++)
    {
      GtkWidget *view = g_ptr_array_index (views, i);

      if (gtk_widget_is_ancestor (view, gtk_widget_get_parent (scale)))
        *after_scale = i;
    }
  g_assert_cmpuint (*after_scale, >, 0);
  g_assert_cmpuint (*after_scale, <, views->len);
  return views;
}

static gboolean
has_focus (gpointer data)
{
  return gtk_widget_has_focus (data);
}

static gboolean
focus_in_scale (gpointer data)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (data));

  return focus != NULL && gtk_widget_is_ancestor (focus, data);
}

/* The button of the scale that has the keyboard, by what it says. */
static const char *
focused_button (Fixture *fixture)
{
  GtkWidget *focus = focus_of (fixture);

  g_assert_true (GTK_IS_BUTTON (focus));
  return gtk_widget_get_tooltip_text (focus);
}

/* Tab from the answer before it reaches the scale; the arrow keys move
 * along it and Space chooses, which is saved; Space again clears it, and
 * so does the clear button. The answer field of the question follows.
 */
static void
test_keys (void)
{
  Fixture fixture;
  g_autoptr(GPtrArray) views = NULL;
  GtkWidget *scale;
  guint field;

  fixture_open (&fixture);
  wait_until (focus_in_text_view, fixture.view);
  scale = find_widget (fixture.view, MB_TYPE_SCALE_CHOICE, NULL);
  g_assert_nonnull (scale);
  views = reflection_fields (&fixture, scale, &field);

  gtk_widget_grab_focus (g_ptr_array_index (views, field - 1));
  press ("Tab");
  wait_until (focus_in_scale, scale);
  g_assert_cmpstr (focused_button (&fixture), ==, "1 of 5: Mostly waited for my turn");
  press ("Right Right Right");
  g_assert_cmpstr (focused_button (&fixture), ==, "4 of 5");
  press ("space");
  wait_for_value (&fixture, 4, "\"scale-listened\" : 4");
  g_assert_cmpuint (mb_scale_choice_get_value (MB_SCALE_CHOICE (scale)), ==, 4);

  /* The value chosen, pressed again: none. */
  press ("space");
  wait_for_value (&fixture, 0, "\"scale-listened\" : null");

  /* Another one, then the clear button after the row. */
  press ("Left Left space");
  wait_for_value (&fixture, 2, "\"scale-listened\" : 2");
  press ("Tab");
  g_assert_cmpstr (focused_button (&fixture), ==, "Clear the Choice");
  press ("space");
  wait_for_value (&fixture, 0, "\"scale-listened\" : null");
  g_assert_true (focus_in_scale (scale));

  /* One stop for Tab: back to the clear button, on to the answer field. */
  press ("Right Right Right Right Right space");
  wait_for_value (&fixture, 5, "\"scale-listened\" : 5");
  g_assert_cmpstr (focused_button (&fixture), ==, "5 of 5: Listened to understand");
  press ("Tab");
  g_assert_cmpstr (focused_button (&fixture), ==, "Clear the Choice");
  press ("shift+Tab");
  g_assert_cmpstr (focused_button (&fixture), ==, "5 of 5: Listened to understand");
  press ("Tab Tab");
  wait_until (has_focus, g_ptr_array_index (views, field));
  fixture_close (&fixture);
}

/* A value chosen on another device shows; the page with its scales
 * fits a window 360 px wide.
 */
static void
test_follows_and_fits (void)
{
  Fixture fixture;
  GtkWidget *scale;
  GtkWidget *buttons[2];
  int minimum;
  int natural;

  fixture_open (&fixture);
  scale = find_widget (fixture.view, MB_TYPE_SCALE_CHOICE, NULL);
  g_assert_nonnull (scale);
  wait_until (is_mapped, scale);
  mb_conversation_set_scale (fixture.conversation, "scale-listened", 3);
  buttons[0] = find_widget (scale, GTK_TYPE_TOGGLE_BUTTON, "3 of 5");
  buttons[1] = find_widget (scale, GTK_TYPE_TOGGLE_BUTTON, "4 of 5");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (buttons[0])));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (buttons[1])));
  g_assert_cmpuint (mb_scale_choice_get_value (MB_SCALE_CHOICE (scale)), ==, 3);

  /* The row and the clear button, within a narrow page's margins. */
  gtk_widget_measure (scale, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, <=, 320);
  gtk_widget_measure (find_widget (fixture.view, MB_TYPE_REFLECT_PAGE, NULL), GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
  fixture_close (&fixture);
}

/* The first mapped label in @widget whose text is @text. */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
shows_value (gpointer data)
{
  return find_label (data, "4 of 5 (from “Mostly waited for my turn” to “Listened to understand”)") != NULL;
}

/* Read afterwards, the value chosen is said in words under its question;
 * a scale left alone is not mentioned.
 */
static void
test_read (void)
{
  Fixture fixture;

  fixture_open (&fixture);
  mb_conversation_set_scale (fixture.conversation, "scale-listened", 4);
  mb_conversation_set_finished (fixture.conversation, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.read-conversation", "s",
                                             mb_conversation_get_id (fixture.conversation)));
  wait_until (shows_value, fixture.window);
  g_assert_nonnull (find_label (GTK_WIDGET (fixture.window), "How well did I listen?"));
  g_assert_null (find_label (GTK_WIDGET (fixture.window), "How well did I hold back my judgement?"));
  fixture_close (&fixture);
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

  g_test_add_func ("/scales/keys", test_keys);
  g_test_add_func ("/scales/follows-and-fits", test_follows_and_fits);
  g_test_add_func ("/scales/read", test_read);

  ret = g_test_run ();

  stop_xdotool ();
  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  g_clear_object (&data_dir);
  return ret;
}
