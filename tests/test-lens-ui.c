/* test-lens-ui.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The judgement lens in the notes fields, under Xvfb: what it
 * underlines as the leader types and edits, that it is off in a field
 * that only shows a text, and that switching it off takes the
 * underlines away at once.
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "mb-application.h"
#include "mb-lens-service.h"
#include "mb-script.h"
#include "mb-text-field.h"
#include "ui-util.h"

static const char script_json[] =
  "{ \"format\": \"marbles-script\", \"version\": 1, \"id\": \"fields\","
  "  \"title\": \"Fields\", \"summary\": \"A short script.\","
  "  \"steps\": [ { \"id\": \"listen\", \"title\": \"Listen\", \"purpose\": \"Hear them out.\","
  "               \"questions\": [ \"What happened?\" ] } ] }";

static void
use_rules (const char *language)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MbLensRules) rules = mb_lens_rules_load (language, NULL, NULL, &error);

  g_assert_no_error (error);
  mb_lens_service_set_rules (mb_lens_service_get_default (), rules);
  mb_lens_service_set_enabled (mb_lens_service_get_default (), TRUE);
}

static MbTextField *
new_notes_field_for (MbConversation *conversation)
{
  return MB_TEXT_FIELD (g_object_ref_sink (mb_text_field_new (conversation, MB_TEXT_PREPARATION_NOTES,
                                                              NULL, "Notes", 96)));
}

static MbTextField *
new_notes_field (MbConversation **conversation)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (script_json, sizeof script_json - 1);
  g_autoptr(MbScript) script = mb_script_new_from_bytes (bytes, "fields.json", NULL);

  g_assert_nonnull (script);
  *conversation = mb_conversation_new ("p", script, NULL);
  return new_notes_field_for (*conversation);
}

static GtkTextBuffer *
buffer_of (MbTextField *field)
{
  return gtk_text_view_get_buffer (mb_text_field_get_view (field));
}

/* As keys do, at the cursor. */
static void
type (MbTextField *field,
      const char  *text)
{
  gtk_text_buffer_insert_interactive_at_cursor (buffer_of (field), text, -1, TRUE);
}

static gboolean
is_checked (gpointer data)
{
  return !mb_lens_marks_is_checking (mb_text_field_get_lens (data));
}

/* What the lens underlines, as "category: phrase" lines. */
static char *
marked (MbTextField *field)
{
  MbLensMarks *lens = mb_text_field_get_lens (field);
  g_autoptr(GString) found = g_string_new (NULL);
  GtkTextIter iter, end;
  MbLensCategory category;

  gtk_text_buffer_get_start_iter (buffer_of (field), &iter);
  while (!gtk_text_iter_is_end (&iter))
    {
      g_autofree char *phrase = NULL;

      if (!mb_lens_marks_get_span_at (lens, &iter, &category, NULL, &end))
        {
          gtk_text_iter_forward_char (&iter);
          continue;
        }
      phrase = gtk_text_iter_get_slice (&iter, &end);
      g_string_append_printf (found, "%s: %s\n", mb_lens_category_to_string (category), phrase);
      iter = end;
    }

  return g_string_free (g_steal_pointer (&found), FALSE);
}

static void
assert_marked (MbTextField *field,
               const char  *expected)
{
  g_autofree char *found = NULL;

  wait_until (is_checked, field);
  found = marked (field);
  g_assert_cmpstr (found, ==, expected);
}

/* Typed, the judging phrase is underlined, and only that phrase. */
static void
test_typed (void)
{
  g_autoptr(MbConversation) conversation = NULL;
  g_autoptr(MbTextField) field = new_notes_field (&conversation);

  use_rules ("en");
  type (field, "He is always late.");
  assert_marked (field, "absolute: always\n");

  type (field, "\nShe is lazy and I think he doesn't care.");
  assert_marked (field, "absolute: always\nlabel: lazy\nmind-reading: doesn't care\n");
  g_assert_cmpstr (mb_conversation_get_text (conversation, MB_TEXT_PREPARATION_NOTES, NULL), ==,
                   "He is always late.\nShe is lazy and I think he doesn't care.");
}

/* Edited into an observation, the phrase is no longer underlined; the
 * other paragraph keeps its underline.
 */
static void
test_edited_away (void)
{
  g_autoptr(MbConversation) conversation = NULL;
  g_autoptr(MbTextField) field = new_notes_field (&conversation);
  GtkTextBuffer *buffer = buffer_of (field);
  GtkTextIter start, end;

  use_rules ("en");
  type (field, "He is always late.\nShe is lazy.");
  assert_marked (field, "absolute: always\nlabel: lazy\n");

  /* "always " out, "on Mondays" in, as the leader would */
  gtk_text_buffer_get_iter_at_offset (buffer, &start, 6);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, 13);
  gtk_text_buffer_delete_interactive (buffer, &start, &end, TRUE);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, 10);
  gtk_text_buffer_place_cursor (buffer, &end);
  type (field, " on two Mondays");
  assert_marked (field, "label: lazy\n");
  g_assert_cmpstr (mb_conversation_get_text (conversation, MB_TEXT_PREPARATION_NOTES, NULL), ==,
                   "He is late on two Mondays.\nShe is lazy.");
}

/* The lens follows the language of its rules. */
static void
test_dutch (void)
{
  g_autoptr(MbConversation) conversation = NULL;
  g_autoptr(MbTextField) field = new_notes_field (&conversation);

  use_rules ("nl");
  type (field, "Hij komt altijd te laat.\nZe is lui.");
  assert_marked (field, "absolute: altijd\nlabel: lui\n");
  use_rules ("en");
  assert_marked (field, "");
}

/* A field that only shows a text has no lens. */
static void
test_read_only (void)
{
  g_autoptr(GtkWidget) field = g_object_ref_sink (mb_text_field_new_read_only ("He is always late.", "Notes"));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (mb_text_field_get_view (MB_TEXT_FIELD (field)));

  use_rules ("en");
  g_assert_null (mb_text_field_get_lens (MB_TEXT_FIELD (field)));
  g_assert_null (gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "mb-lens-absolute"));
}

/* Switched off, the underlines go at once; on again, they come back. */
static void
test_switched_off (void)
{
  g_autoptr(MbConversation) conversation = NULL;
  g_autoptr(MbTextField) field = new_notes_field (&conversation);
  g_autofree char *off = NULL;
  g_autofree char *typed_off = NULL;

  use_rules ("en");
  type (field, "He is always late.");
  assert_marked (field, "absolute: always\n");

  mb_lens_service_set_enabled (mb_lens_service_get_default (), FALSE);
  off = marked (field);
  g_assert_cmpstr (off, ==, "");
  type (field, " She is lazy.");
  g_assert_false (mb_lens_marks_is_checking (mb_text_field_get_lens (field)));
  typed_off = marked (field);
  g_assert_cmpstr (typed_off, ==, "");

  mb_lens_service_set_enabled (mb_lens_service_get_default (), TRUE);
  assert_marked (field, "absolute: always\nlabel: lazy\n");
}

static void
assert_counts (MbConversation *conversation,
               guint           flagged,
               guint           rephrased)
{
  guint found_flagged, found_rephrased;

  mb_conversation_get_lens_counts (conversation, &found_flagged, &found_rephrased);
  g_assert_cmpuint (found_flagged, ==, flagged);
  g_assert_cmpuint (found_rephrased, ==, rephrased);
}

/* Deletes the first @phrase in the field, as the leader would, and
 * leaves the cursor there.
 */
static void
delete_phrase (MbTextField *field,
               const char  *phrase)
{
  GtkTextBuffer *buffer = buffer_of (field);
  GtkTextIter start, end, found_start, found_end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  g_assert_true (gtk_text_iter_forward_search (&start, phrase, 0, &found_start, &found_end, NULL));
  gtk_text_buffer_delete_interactive (buffer, &found_start, &found_end, TRUE);
  gtk_text_buffer_place_cursor (buffer, &found_start);
}

/* The conversation counts what the lens flagged in what the leader
 * wrote, and what they rephrased: not what was there already, not a
 * text from another machine, not a judgement written again as another
 * of its kind, and nothing while the lens is off.
 */
static void
test_counted (void)
{
  g_autoptr(MbConversation) conversation = NULL;
  g_autoptr(MbTextField) field = NULL;
  GtkTextIter end;

  use_rules ("en");
  field = new_notes_field (&conversation);
  type (field, "She is lazy.");
  assert_marked (field, "label: lazy\n");
  assert_counts (conversation, 1, 0);
  g_clear_object (&field);

  /* Opened again: what is there is not counted again, even when the
   * leader types in its paragraph before the lens has looked at it.
   */
  field = new_notes_field_for (conversation);
  g_assert_true (mb_lens_marks_is_checking (mb_text_field_get_lens (field)));
  type (field, " Twice.");
  assert_marked (field, "label: lazy\n");
  assert_counts (conversation, 1, 0);
  delete_phrase (field, " Twice.");
  assert_marked (field, "label: lazy\n");
  assert_counts (conversation, 1, 0);

  gtk_text_buffer_get_end_iter (buffer_of (field), &end);
  gtk_text_buffer_place_cursor (buffer_of (field), &end);
  type (field, "\nHe is always late.");
  assert_marked (field, "label: lazy\nabsolute: always\n");
  assert_counts (conversation, 2, 0);

  /* Written again as an observation; then deleted whole. */
  delete_phrase (field, "always ");
  assert_marked (field, "label: lazy\n");
  assert_counts (conversation, 2, 1);
  delete_phrase (field, "She is lazy.");
  assert_marked (field, "");
  assert_counts (conversation, 2, 2);

  /* Another judgement of the same kind for one: neither. */
  type (field, " He is rude.");
  assert_marked (field, "label: rude\n");
  assert_counts (conversation, 3, 2);
  delete_phrase (field, "rude");
  type (field, "arrogant");
  assert_marked (field, "label: arrogant\n");
  g_assert_cmpstr (mb_conversation_get_text (conversation, MB_TEXT_PREPARATION_NOTES, NULL), ==,
                   " He is arrogant.\nHe is late.");
  assert_counts (conversation, 3, 2);

  /* From another machine: underlined, not counted. */
  mb_text_field_take_text (field, "They never listen.\nHe is late. He is arrogant.");
  assert_marked (field, "absolute: never\nlabel: arrogant\n");
  assert_counts (conversation, 3, 2);

  /* The lens off: nothing. */
  mb_lens_service_set_enabled (mb_lens_service_get_default (), FALSE);
  type (field, " She is selfish.");
  mb_lens_service_set_enabled (mb_lens_service_get_default (), TRUE);
  assert_marked (field, "absolute: never\nlabel: arrogant\nlabel: selfish\n");
  assert_counts (conversation, 3, 2);
}

/* The labels of the items of @menu's sections, and the sections', one a line. */
static char *
menu_text (GMenuModel *menu)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      g_autofree char *label = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        g_string_append_printf (text, "%s\n", label);
      if (section != NULL)
        {
          g_autofree char *inner = menu_text (section);

          g_string_append (text, inner);
        }
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The context menu, as the keyboard opens it at the cursor, says what
 * kind of judgement the phrase is, the question and an example; its
 * items select the phrase and leave the text as it is. Elsewhere it has
 * nothing of the lens.
 */
static void
test_explained (void)
{
  g_autoptr(MbConversation) conversation = NULL;
  g_autoptr(MbTextField) field = new_notes_field (&conversation);
  GtkWidget *view = GTK_WIDGET (mb_text_field_get_view (field));
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  g_autofree char *menu = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *selected = NULL;
  GtkTextIter iter, start, end;

  use_rules ("en");
  gtk_window_set_child (window, GTK_WIDGET (field));
  gtk_window_present (window);
  wait_until (is_mapped, view);

  type (field, "He is always late.");
  gtk_text_buffer_get_iter_at_offset (buffer_of (field), &iter, 8);
  gtk_text_buffer_place_cursor (buffer_of (field), &iter);
  assert_marked (field, "absolute: always\n");

  menu = menu_text (gtk_text_view_get_extra_menu (GTK_TEXT_VIEW (view)));
  g_assert_cmpstr (menu, ==,
                   "Always or Never\n"
                   "When did it happen, and how often?\n"
                   "For example: “He came in after nine on three of the last five Mondays.”\n");

  g_assert_true (gtk_widget_activate_action (view, "lens.select", NULL));
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer_of (field), &start, &end));
  selected = gtk_text_iter_get_slice (&start, &end);
  g_assert_cmpstr (selected, ==, "always");
  g_assert_cmpstr (mb_conversation_get_text (conversation, MB_TEXT_PREPARATION_NOTES, NULL), ==,
                   "He is always late.");

  gtk_text_buffer_get_iter_at_offset (buffer_of (field), &iter, 2);
  gtk_text_buffer_place_cursor (buffer_of (field), &iter);
  empty = menu_text (gtk_text_view_get_extra_menu (GTK_TEXT_VIEW (view)));
  g_assert_cmpstr (empty, ==, "");

  gtk_window_destroy (window);
}

static gboolean
has_rules (gpointer data)
{
  return mb_lens_service_get_rules (mb_lens_service_get_default ()) != NULL;
}

/* The application reads the rules at startup, and its "lens" action,
 * the toggle in the primary menu, switches the lens off and on through
 * the settings.
 */
static void
test_preference (void)
{
  g_autoptr(MbApplication) app = mb_application_new ("io.github.marblesapp.Marbles.LensTest",
                                                     G_APPLICATION_NON_UNIQUE);
  g_autoptr(MbConversation) conversation = NULL;
  g_autoptr(MbTextField) field = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *off = NULL;
  GSettings *settings;

  mb_lens_service_set_rules (mb_lens_service_get_default (), NULL);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  wait_until (has_rules, NULL);
  g_assert_cmpstr (mb_lens_rules_get_language (mb_lens_service_get_rules (mb_lens_service_get_default ())),
                   ==, "en");

  field = new_notes_field (&conversation);
  type (field, "She is lazy.");
  assert_marked (field, "label: lazy\n");

  settings = mb_application_get_settings (app);
  g_assert_true (g_settings_get_boolean (settings, "lens"));
  g_action_group_activate_action (G_ACTION_GROUP (app), "lens", NULL);
  g_assert_false (g_settings_get_boolean (settings, "lens"));
  off = marked (field);
  g_assert_cmpstr (off, ==, "");

  g_action_group_activate_action (G_ACTION_GROUP (app), "lens", NULL);
  g_assert_true (g_settings_get_boolean (settings, "lens"));
  assert_marked (field, "label: lazy\n");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/lens-ui/typed", test_typed);
  g_test_add_func ("/lens-ui/edited-away", test_edited_away);
  g_test_add_func ("/lens-ui/dutch", test_dutch);
  g_test_add_func ("/lens-ui/read-only", test_read_only);
  g_test_add_func ("/lens-ui/switched-off", test_switched_off);
  g_test_add_func ("/lens-ui/counted", test_counted);
  g_test_add_func ("/lens-ui/explained", test_explained);
  g_test_add_func ("/lens-ui/preference", test_preference);

  return g_test_run ();
}
