/* test-sizes.c — text fields at the limits: what is refused says so and
 * leaves the text as it was, and a text beyond them, from a file, is
 * shown without being changed.
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
#include "mb-text-field.h"
#include "ui-util.h"

static const char script_json[] =
  "{ \"format\": \"marbles-script\", \"version\": 1, \"id\": \"sizes\","
  "  \"title\": \"Sizes\", \"summary\": \"A short script.\","
  "  \"preparation\": [ { \"id\": \"facts\", \"text\": \"What do you know?\" } ],"
  "  \"steps\": [ { \"id\": \"listen\", \"title\": \"Listen\", \"purpose\": \"Hear them out.\","
  "               \"questions\": [ \"What happened?\" ] } ],"
  "  \"reflection\": [ { \"id\": \"listened\", \"text\": \"Did I listen?\" } ] }";

/* Paragraphs of about 600 bytes. */
static char *
make_text (gsize size)
{
  GString *text = g_string_sized_new (size + 100);

  for (guint i = 1; text->len < size; i++)
    {
      g_string_append (text, "She said the deadline felt impossible, and nobody asked her. ");
      if (i % 10 == 0)
        g_string_append_c (text, '\n');
    }
  g_string_truncate (text, size);
  return g_string_free (text, FALSE);
}

/* The @nth text field in @widget. */
static MbTextField *
find_field (GtkWidget *widget,
            int       *nth)
{
  if (MB_IS_TEXT_FIELD (widget) && (*nth)-- == 0)
    return MB_TEXT_FIELD (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      MbTextField *found = find_field (child, nth);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static MbTextField *
field (GtkWidget *view,
       int        nth)
{
  MbTextField *found = find_field (view, &nth);

  g_assert_nonnull (found);
  return found;
}

/* How high @field wants to be at least. */
static int
height_of (MbTextField *field)
{
  int height;

  gtk_widget_measure (GTK_WIDGET (field), GTK_ORIENTATION_VERTICAL, -1, &height, NULL, NULL, NULL);
  return height;
}

static char *
text_of (MbTextField *field)
{
  return text_view_text (mb_text_field_get_view (field));
}

/* As a paste or a key does. */
static void
type (MbTextField *field,
      const char  *text)
{
  gtk_text_buffer_insert_interactive_at_cursor (gtk_text_view_get_buffer (mb_text_field_get_view (field)),
                                                text, -1, TRUE);
}

/* A paste that would make the conversation hold more than it can is
 * refused: the text stays as it was, and the field says why, naming the
 * limit. The next key that fits is taken, and the notice goes.
 */
static void
test_paste_too_large (void)
{
  g_autoptr(MbScript) script = script_from_json (script_json, "sizes.json");
  g_autoptr(MbJournal) journal = unused_journal ("marbles-sizes-unused");
  g_autoptr(MbConversation) conversation = mb_conversation_new ("p", script, NULL);
  g_autofree char *fifteen = make_text (15 * 1000 * 1000);
  g_autofree char *six = make_text (6 * 1000 * 1000);
  g_autofree char *limit = g_format_size (MB_TEXT_MAX_BYTES);
  g_autofree char *shown = NULL;
  GtkWidget *view;
  MbTextField *facts;

  mb_conversation_set_text (conversation, MB_TEXT_PREPARATION_NOTES, NULL, fifteen);
  view = g_object_ref_sink (mb_conversation_view_new (journal, conversation));
  facts = field (view, 0);
  g_assert_null (mb_text_field_get_notice (facts));

  type (facts, six);
  shown = text_of (facts);
  g_assert_cmpstr (shown, ==, "");
  g_assert_cmpstr (mb_conversation_get_text (conversation, MB_TEXT_PREPARATION, "facts"), ==, "");
  g_assert_nonnull (mb_text_field_get_notice (facts));
  g_assert_nonnull (strstr (mb_text_field_get_notice (facts), limit));

  type (facts, "Two late reports.");
  g_assert_cmpstr (mb_conversation_get_text (conversation, MB_TEXT_PREPARATION, "facts"), ==, "Two late reports.");
  g_assert_null (mb_text_field_get_notice (facts));
  g_object_unref (view);
}

/* A paragraph longer than a field can take is refused the same way;
 * the same text in paragraphs goes in.
 */
static void
test_paragraph_too_long (void)
{
  g_autoptr(MbScript) script = script_from_json (script_json, "sizes.json");
  g_autoptr(MbJournal) journal = unused_journal ("marbles-sizes-unused");
  g_autoptr(MbConversation) conversation = mb_conversation_new ("p", script, NULL);
  g_autofree char *paragraph = g_strnfill (MB_TEXT_MAX_PARAGRAPH_CHARS + 1, 'x');
  g_autofree char *limit = g_strdup_printf ("%u", (guint) MB_TEXT_MAX_PARAGRAPH_CHARS);
  GtkWidget *view = g_object_ref_sink (mb_conversation_view_new (journal, conversation));
  MbTextField *notes = field (view, 1);

  type (notes, paragraph);
  g_assert_cmpstr (mb_conversation_get_text (conversation, MB_TEXT_PREPARATION_NOTES, NULL), ==, "");
  g_assert_nonnull (strstr (mb_text_field_get_notice (notes), limit));

  paragraph[MB_TEXT_MAX_PARAGRAPH_CHARS / 2] = '\n';
  type (notes, paragraph);
  g_assert_cmpstr (mb_conversation_get_text (conversation, MB_TEXT_PREPARATION_NOTES, NULL), ==, paragraph);
  g_assert_null (mb_text_field_get_notice (notes));
  g_object_unref (view);
}

/* Keys and deletions, anywhere in text with characters of several
 * bytes, reach the model as they are.
 */
static void
test_edits_reach_the_model (void)
{
  g_autoptr(MbScript) script = script_from_json (script_json, "sizes.json");
  g_autoptr(MbJournal) journal = unused_journal ("marbles-sizes-unused");
  g_autoptr(MbConversation) conversation = mb_conversation_new ("p", script, NULL);
  GtkWidget *view = g_object_ref_sink (mb_conversation_view_new (journal, conversation));
  MbTextField *notes = field (view, 1);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (mb_text_field_get_view (notes));
  g_autofree char *shown = NULL;
  GtkTextIter start, end;

  type (notes, "Één café, ΟΔΟΣ, 日本語 🙂.\nSecond line.");
  gtk_text_buffer_get_iter_at_offset (buffer, &start, 4);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, 9);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_get_iter_at_offset (buffer, &start, 4);
  gtk_text_buffer_insert (buffer, &start, "thé", -1);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, " ✓", -1);
  gtk_text_buffer_get_iter_at_offset (buffer, &start, 17);
  gtk_text_buffer_backspace (buffer, &start, TRUE, TRUE);
  shown = text_of (notes);
  g_assert_cmpstr (shown, ==, "Één thé ΟΔΟΣ, 日本 🙂.\nSecond line. ✓");
  g_assert_cmpstr (mb_conversation_get_text (conversation, MB_TEXT_PREPARATION_NOTES, NULL), ==, shown);

  /* Replaced whole, as gtk_text_buffer_set_text() does. */
  gtk_text_buffer_set_text (buffer, "Replaced.", -1);
  type (notes, " Again");
  g_assert_cmpstr (mb_conversation_get_text (conversation, MB_TEXT_PREPARATION_NOTES, NULL), ==, "Replaced. Again");
  g_object_unref (view);
}

/* A text beyond the limits, as a file can hold, is kept whole in the
 * model and on disk; the field shows its beginning, cannot change it,
 * and says so.
 */
static void
test_too_large_from_file (void)
{
  g_autoptr(MbScript) script = script_from_json (script_json, "sizes.json");
  g_autoptr(MbJournal) journal = unused_journal ("marbles-sizes-unused");
  g_autoptr(MbConversation) conversation = mb_conversation_new ("p", script, NULL);
  g_autofree char *large = make_text (MB_TEXT_MAX_BYTES + 5 * 1000 * 1000);
  g_autofree char *limit = g_format_size (MB_TEXT_MAX_BYTES);
  g_autofree char *shown = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GtkWidget *view;
  MbTextField *notes;

  mb_conversation_set_text (conversation, MB_TEXT_PREPARATION_NOTES, NULL, large);
  view = g_object_ref_sink (mb_conversation_view_new (journal, conversation));
  notes = field (view, 1);
  shown = text_of (notes);
  g_assert_false (gtk_text_view_get_editable (mb_text_field_get_view (notes)));
  g_assert_cmpint (height_of (notes), >=, 400);
  g_assert_cmpuint (strlen (shown), <, 64 * 1024);
  shown[100] = '\0';
  g_assert_true (g_str_has_prefix (large, shown));
  g_assert_nonnull (strstr (mb_text_field_get_notice (notes), limit));

  type (notes, "more");
  g_assert_true (g_str_equal (mb_conversation_get_text (conversation, MB_TEXT_PREPARATION_NOTES, NULL), large));
  bytes = mb_conversation_to_bytes (conversation);
  g_assert_cmpuint (g_bytes_get_size (bytes), >, strlen (large));
  g_object_unref (view);
}

/* Reading a conversation with 10 MB of notes shows them in a field that
 * scrolls, not in a label, which would lay them all out at once.
 */
static void
test_read_large (void)
{
  g_autoptr(MbScript) script = script_from_json (script_json, "sizes.json");
  g_autoptr(MbJournal) journal = unused_journal ("marbles-sizes-unused");
  g_autoptr(MbConversation) conversation = mb_conversation_new ("p", script, NULL);
  g_autofree char *ten = make_text (10 * 1000 * 1000);
  g_autofree char *shown = NULL;
  GtkWidget *read;
  int nth = 0;
  MbTextField *notes;

  mb_conversation_set_text (conversation, MB_TEXT_PREPARATION_NOTES, NULL, ten);
  mb_conversation_set_text (conversation, MB_TEXT_PREPARATION, "facts", "Two late reports.");
  read = g_object_ref_sink (mb_conversation_read_new (journal, conversation));
  notes = find_field (read, &nth);
  g_assert_nonnull (notes);
  shown = text_of (notes);
  g_assert_true (g_str_equal (shown, ten));
  g_assert_false (gtk_text_view_get_editable (mb_text_field_get_view (notes)));
  g_assert_cmpint (height_of (notes), >=, 400);
  g_object_unref (read);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/sizes/paste-too-large", test_paste_too_large);
  g_test_add_func ("/sizes/paragraph-too-long", test_paragraph_too_long);
  g_test_add_func ("/sizes/edits-reach-the-model", test_edits_reach_the_model);
  g_test_add_func ("/sizes/too-large-from-file", test_too_large_from_file);
  g_test_add_func ("/sizes/read-large", test_read_large);

  return g_test_run ();
}
