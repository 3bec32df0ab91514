/* mb-text-field.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A multi-line field for one text of a conversation, fast at any size
 * Marbles accepts (see MB_TEXT_MAX_BYTES):
 *  - the text view scrolls in a card of its own, which grows with the
 *    text up to a height, so GTK lays out only the lines in sight rather
 *    than all of them every frame;
 *  - each change goes to the model as that change (a place, what was
 *    taken out, what was put in), never as a copy of the whole text;
 *  - a change that would make the conversation hold more than
 *    MB_TEXT_MAX_BYTES, or a paragraph longer than
 *    MB_TEXT_MAX_PARAGRAPH_CHARS, is refused, and a notice under the
 *    field says why;
 *  - a text beyond those, from a file, is kept as it is and shown
 *    read-only, only its beginning when it is long, with a notice;
 *  - a text changed elsewhere (another machine, through the journal's
 *    merge) is taken in by replacing only the part that differs, so the
 *    cursor, the selection and what is being typed stay where they are;
 *  - the judgement lens underlines what judges rather than observes
 *    (MbLensMarks), in a field that can be changed only, and counts in
 *    the conversation what the leader wrote that it flagged and what
 *    they rephrased (a text taken in is not counted).
 */

#define G_LOG_DOMAIN "mb-text-field"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-text-field.h"
#include "mb-text-update.h"

/* How tall a field grows before it scrolls. */
#define MAX_HEIGHT 480

/* Up to how long a text the field follows its height exactly. */
#define GROWING_CHARS 20000

/* How much of a text too large to change is shown. */
#define SHOWN_BYTES (32 * 1024)

struct _MbTextField
{
  AdwBin          parent_instance;

  MbConversation *conversation;  /* NULL when read-only */
  MbTextKind      kind;
  char           *key;
  GtkWidget      *scroller;
  GtkTextView    *view;
  GtkLabel       *notice;
  gboolean        refused;       /* the notice is about a refused change */
  gboolean        as_it_is;      /* shows a text it cannot change, see show_as_it_is() */
  int             least_height;  /* -1 when it fills the room it has */
  MbLensMarks    *lens;          /* NULL when read-only */
};

G_DEFINE_FINAL_TYPE (MbTextField, mb_text_field, ADW_TYPE_BIN)

static void
show_notice (MbTextField *self,
             const char  *text,
             const char  *style_class)
{
  gtk_label_set_label (self->notice, text);
  gtk_widget_set_css_classes (GTK_WIDGET (self->notice), (const char *[]) { "caption", style_class, NULL });
  gtk_widget_set_visible (GTK_WIDGET (self->notice), TRUE);
}

static void
changed (MbTextField *self)
{
  if (self->refused)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->notice), FALSE);
      self->refused = FALSE;
    }
}

static void
refuse (MbTextField   *self,
        GtkTextBuffer *buffer,
        const char    *why)
{
  g_autofree char *text = NULL;

  g_signal_stop_emission_by_name (buffer, "insert-text");
  gtk_widget_error_bell (GTK_WIDGET (self->view));
  /* Translators: %s says why, e.g. “A conversation can hold up to 20.0 MB of text; …” */
  text = g_strdup_printf (_("This was not added. %s"), why);
  show_notice (self, text, "error");
  self->refused = TRUE;
}

/* Before the buffer takes the text in: the model first, which may refuse. */
static void
insert_text_cb (GtkTextBuffer *buffer,
                GtkTextIter   *location,
                const char    *text,
                int            length,
                MbTextField   *self)
{
  g_autoptr(GError) error = NULL;

  if (!mb_conversation_replace_text (self->conversation, self->kind, self->key,
                                     gtk_text_iter_get_offset (location), 0, text, length, &error))
    refuse (self, buffer, error->message);
  else
    changed (self);
}

static void
delete_range_cb (GtkTextBuffer *buffer,
                 GtkTextIter   *start,
                 GtkTextIter   *end,
                 MbTextField   *self)
{
  int from = gtk_text_iter_get_offset (start);
  int to = gtk_text_iter_get_offset (end);

  mb_conversation_replace_text (self->conversation, self->kind, self->key,
                                MIN (from, to), ABS (to - from), "", 0, NULL);
  changed (self);
}

static void
mb_text_field_dispose (GObject *object)
{
  MbTextField *self = MB_TEXT_FIELD (object);

  if (self->conversation != NULL)
    g_signal_handlers_disconnect_by_data (gtk_text_view_get_buffer (self->view), self);
  g_clear_object (&self->lens);
  g_clear_object (&self->conversation);
  g_clear_pointer (&self->key, g_free);

  G_OBJECT_CLASS (mb_text_field_parent_class)->dispose (object);
}

static void
mb_text_field_class_init (MbTextFieldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  /* No grab_focus of its own that gives the focus to the text view: GTK
   * moving the focus backwards (Shift+Tab) out of the text view grabs it
   * for its ancestors on the way, and would put it back in the field.
   */
  object_class->dispose = mb_text_field_dispose;
}

static void
mb_text_field_init (MbTextField *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *view = gtk_text_view_new ();

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
  self->view = GTK_TEXT_VIEW (view);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), view);
  gtk_widget_set_overflow (self->scroller, GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (self->scroller, "card");
  gtk_widget_add_css_class (self->scroller, "mb-field");
  gtk_box_append (GTK_BOX (box), self->scroller);

  self->notice = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->notice, TRUE);
  gtk_label_set_xalign (self->notice, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->notice), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->notice));

  adw_bin_set_child (ADW_BIN (self), box);
}

/* The field grows with its text up to MAX_HEIGHT, a line at a time: the
 * scroller does not take its natural height from the text view, which
 * would lay out the page again at every key. A long text keeps the
 * height it has: changing the size of a text view in the frame that
 * shows a large paste makes GTK 4.8 lay out every line of it at once.
 */
static void
upper_changed_cb (GtkAdjustment *adjustment,
                  GParamSpec    *pspec,
                  MbTextField   *self)
{
  GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (self->scroller);
  int height;

  if (gtk_text_buffer_get_char_count (gtk_text_view_get_buffer (self->view)) >= GROWING_CHARS)
    return;

  height = CLAMP ((int) gtk_adjustment_get_upper (adjustment), self->least_height, MAX (self->least_height, MAX_HEIGHT));
  if (gtk_scrolled_window_get_min_content_height (scroller) != height)
    gtk_scrolled_window_set_min_content_height (scroller, height);
}

/* @height: at least; the field grows with its text up to MAX_HEIGHT, or
 * when @height is negative, is at least -@height high and fills the room
 * it has.
 */
static void
set_height (MbTextField *self,
            int          height)
{
  GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (self->scroller);

  if (height < 0)
    {
      self->least_height = -1;
      gtk_scrolled_window_set_min_content_height (scroller, -height);
      gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
      return;
    }

  self->least_height = height;
  gtk_scrolled_window_set_min_content_height (scroller, height);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (scroller), "notify::upper",
                           G_CALLBACK (upper_changed_cb), self, 0);
}

static void
set_label (MbTextField *self,
           const char  *accessible_label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  -1);
}

/* Puts @text in the field; a long one has the most height at once. */
static void
set_text (MbTextField *self,
          const char  *text,
          gsize        size)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->view);

  gtk_text_buffer_set_text (buffer, text, size);
  if (self->least_height >= 0 && gtk_text_buffer_get_char_count (buffer) >= GROWING_CHARS)
    gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (self->scroller),
                                                MAX (self->least_height, MAX_HEIGHT));
}

/* Whether the field can take @text in and change it, as Marbles would
 * have accepted it.
 */
static gboolean
can_change (const char *text,
            gsize       size)
{
  return size <= MB_TEXT_MAX_BYTES &&
         !mb_text_has_long_paragraph (text, size, MB_TEXT_MAX_PARAGRAPH_CHARS);
}

/* Shows @text, which Marbles would not have accepted, read-only, and
 * only its beginning when it is long; and says so.
 */
static void
show_as_it_is (MbTextField *self,
               const char  *text,
               gsize        size)
{
  g_autoptr(GString) shown = g_string_new (NULL);
  g_autofree char *notice = NULL;
  gboolean cut = size > SHOWN_BYTES;

  if (cut)
    {
      const char *end = text + SHOWN_BYTES;

      while (((guchar) *end & 0xc0) == 0x80)
        end--;
      g_string_append_len (shown, text, end - text);
      g_string_append (shown, "…");
    }
  else
    {
      g_string_append_len (shown, text, size);
    }
  set_text (self, shown->str, shown->len);
  gtk_text_view_set_editable (self->view, FALSE);
  self->as_it_is = TRUE;

  if (size > MB_TEXT_MAX_BYTES)
    {
      g_autofree char *large = g_format_size (size);
      g_autofree char *limit = g_format_size (MB_TEXT_MAX_BYTES);

      /* Translators: the first %s is how large the text is, “52.4 MB”; the
       * second the most a conversation can hold, “20.0 MB” */
      notice = g_strdup_printf (_("This text is %s, more than the %s a conversation can hold, so only its "
                                  "beginning is shown and it cannot be changed here. It is kept as it is; "
                                  "Export as Markdown has all of it."),
                                large, limit);
    }
  else if (cut)
    {
      /* Translators: %'u is the most characters a paragraph can have, “5000” */
      notice = g_strdup_printf (_("This text has a paragraph of more than %'u characters, which Marbles cannot "
                                  "edit, so only its beginning is shown and it cannot be changed here. It is "
                                  "kept as it is; Export as Markdown has all of it."),
                                (guint) MB_TEXT_MAX_PARAGRAPH_CHARS);
    }
  else
    {
      /* Translators: %'u is the most characters a paragraph can have, “5000” */
      notice = g_strdup_printf (_("This text has a paragraph of more than %'u characters, which Marbles cannot "
                                  "edit, so it cannot be changed here. It is kept as it is."),
                                (guint) MB_TEXT_MAX_PARAGRAPH_CHARS);
    }
  show_notice (self, notice, "warning");
}

/* Another version of the conversation was taken in from its file:
 * this field shows its text as it is now, without moving the cursor.
 */
static void
text_replaced_cb (MbTextField    *self,
                  int             kind,
                  const char     *key,
                  MbConversation *conversation)
{
  const char *text;

  if ((MbTextKind) kind != self->kind || g_strcmp0 (key, self->key) != 0)
    return;

  text = mb_conversation_get_text (conversation, self->kind, self->key);
  mb_text_field_take_text (self, text != NULL ? text : "");
}

/**
 * mb_text_field_new:
 * @key: (nullable): the question or step id; %NULL for the free notes
 * @height: the least height; negative to fill the room there is, with
 *   at least -@height
 *
 * Returns: (transfer floating): a field that changes the text of
 *   @conversation as it is typed in
 */
GtkWidget *
mb_text_field_new (MbConversation *conversation,
                   MbTextKind      kind,
                   const char     *key,
                   const char     *accessible_label,
                   int             height)
{
  MbTextField *self = g_object_new (MB_TYPE_TEXT_FIELD, NULL);
  const char *text = mb_conversation_get_text (conversation, kind, key);
  gsize size = strlen (text);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->view);

  set_height (self, height);
  set_label (self, accessible_label);
  if (can_change (text, size))
    set_text (self, text, size);
  else
    show_as_it_is (self, text, size);

  /* Also for a text shown as it is: one taken in later may be editable. */
  self->conversation = g_object_ref (conversation);
  self->kind = kind;
  self->key = g_strdup (key);
  g_signal_connect (buffer, "insert-text", G_CALLBACK (insert_text_cb), self);
  g_signal_connect (buffer, "delete-range", G_CALLBACK (delete_range_cb), self);
  g_signal_connect_object (conversation, "text-replaced", G_CALLBACK (text_replaced_cb), self, G_CONNECT_SWAPPED);
  self->lens = mb_lens_marks_new (self->view);
  g_signal_connect_object (self->lens, "counted", G_CALLBACK (mb_conversation_count_lens), conversation,
                           G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}

/**
 * mb_text_field_new_read_only:
 *
 * Returns: (transfer floating): a field that shows @text and cannot be
 *   changed, for a text too long to show in a label
 */
GtkWidget *
mb_text_field_new_read_only (const char *text,
                             const char *accessible_label)
{
  MbTextField *self = g_object_new (MB_TYPE_TEXT_FIELD, NULL);
  gsize size = strlen (text);

  set_height (self, 0);
  set_label (self, accessible_label);
  if (!can_change (text, size))
    {
      show_as_it_is (self, text, size);
      return GTK_WIDGET (self);
    }

  set_text (self, text, size);
  gtk_text_view_set_editable (self->view, FALSE);
  return GTK_WIDGET (self);
}

/* Where @mark is in @old, the text of the buffer, in bytes. */
static gsize
byte_offset_of (GtkTextBuffer *buffer,
                GtkTextMark   *mark,
                const char    *old)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, mark);
  return g_utf8_offset_to_pointer (old, gtk_text_iter_get_offset (&iter)) - old;
}

/* Puts @text in the buffer, which holds @old, by replacing only what
 * differs, and puts the cursor and the selection back in the words they
 * were in; see mb_text_update_plan().
 */
static void
replace_changed_parts (MbTextField *self,
                       const char  *old,
                       const char  *text,
                       gsize        size)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->view);
  MbTextEdit edits[MB_TEXT_UPDATE_MAX_EDITS];
  GtkTextIter start, end;
  gsize places[2];
  guint n_edits;

  places[0] = byte_offset_of (buffer, gtk_text_buffer_get_insert (buffer), old);
  places[1] = byte_offset_of (buffer, gtk_text_buffer_get_selection_bound (buffer), old);
  n_edits = mb_text_update_plan (old, strlen (old), text, size, places, G_N_ELEMENTS (places), edits);

  /* From the last to the first, so the places of the others stay right. */
  for (guint i = n_edits; i-- > 0;)
    {
      gtk_text_buffer_get_iter_at_offset (buffer, &start, g_utf8_strlen (old, edits[i].old_from));
      gtk_text_buffer_get_iter_at_offset (buffer, &end, g_utf8_strlen (old, edits[i].old_to));
      gtk_text_buffer_delete (buffer, &start, &end);
      gtk_text_buffer_insert (buffer, &start, text + edits[i].new_from, edits[i].new_to - edits[i].new_from);
    }

  gtk_text_buffer_get_iter_at_offset (buffer, &start, g_utf8_strlen (text, places[0]));
  gtk_text_buffer_get_iter_at_offset (buffer, &end, g_utf8_strlen (text, places[1]));
  gtk_text_buffer_select_range (buffer, &start, &end);
}

/**
 * mb_text_field_take_text:
 * @text: the text as it is now, changed elsewhere: on another machine,
 *   merged into the conversation
 *
 * Shows @text, which the conversation already holds: only what differs
 * from what the field shows is replaced, so the cursor and the
 * selection stay in the words they were in, and nothing goes back to
 * the conversation. A text Marbles could not have accepted
 * is shown as it is, read-only, with a notice; an acceptable one makes
 * such a field editable again.
 *
 * Undo cannot go back past a text taken in: the steps before it would
 * no longer fit the text, and undoing a change made elsewhere would be
 * a surprise. What is typed afterwards can be undone as usual.
 */
void
mb_text_field_take_text (MbTextField *self,
                         const char  *text)
{
  GtkTextBuffer *buffer;
  g_autofree char *old = NULL;
  GtkTextIter start, end;
  gsize size;

  g_return_if_fail (MB_IS_TEXT_FIELD (self));
  g_return_if_fail (text != NULL);

  buffer = gtk_text_view_get_buffer (self->view);
  size = strlen (text);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  old = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  /* The same text changes nothing, and leaves undo as it was. */
  if (!self->as_it_is && strcmp (old, text) == 0)
    return;

  g_signal_handlers_block_by_func (buffer, insert_text_cb, self);
  g_signal_handlers_block_by_func (buffer, delete_range_cb, self);
  if (self->lens != NULL)
    mb_lens_marks_hold_count (self->lens, TRUE);
  gtk_text_buffer_begin_irreversible_action (buffer);

  if (!can_change (text, size))
    {
      show_as_it_is (self, text, size);
    }
  else if (self->as_it_is)
    {
      set_text (self, text, size);
      gtk_text_view_set_editable (self->view, self->conversation != NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->notice), FALSE);
      self->as_it_is = FALSE;
      self->refused = FALSE;
    }
  else
    {
      replace_changed_parts (self, old, text, size);
    }

  gtk_text_buffer_end_irreversible_action (buffer);
  if (self->lens != NULL)
    mb_lens_marks_hold_count (self->lens, FALSE);
  g_signal_handlers_unblock_by_func (buffer, delete_range_cb, self);
  g_signal_handlers_unblock_by_func (buffer, insert_text_cb, self);
}

GtkTextView *
mb_text_field_get_view (MbTextField *self)
{
  g_return_val_if_fail (MB_IS_TEXT_FIELD (self), NULL);

  return self->view;
}

MbTextKind
mb_text_field_get_kind (MbTextField *self)
{
  g_return_val_if_fail (MB_IS_TEXT_FIELD (self), MB_TEXT_PREPARATION);

  return self->kind;
}

/**
 * mb_text_field_get_notice:
 *
 * Returns: (nullable): what the notice under the field says, if it is
 *   shown
 */
const char *
mb_text_field_get_notice (MbTextField *self)
{
  g_return_val_if_fail (MB_IS_TEXT_FIELD (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->notice)) ? gtk_label_get_label (self->notice) : NULL;
}

/**
 * mb_text_field_get_lens:
 *
 * Returns: (transfer none) (nullable): the judgement lens over the
 *   field; %NULL when it is read-only
 */
MbLensMarks *
mb_text_field_get_lens (MbTextField *self)
{
  g_return_val_if_fail (MB_IS_TEXT_FIELD (self), NULL);

  return self->lens;
}
