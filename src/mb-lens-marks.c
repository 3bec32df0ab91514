/* mb-lens-marks.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The judgement lens in a text view: the phrases that judge rather than
 * observe are underlined, quietly, with a tag per kind of judgement.
 *
 * A key costs next to nothing: a change only widens the stretch of
 * lines still to check (two marks, which move with the text) and puts
 * the check off until typing pauses. The check then runs paragraph by
 * paragraph, a few at a time from idle, so even a long text never holds
 * up the next key. The tags never change the text, and the text view's
 * undo does not see them.
 *
 * What an underline means is in the text view's context menu, for the
 * phrase clicked with the secondary button or, from the keyboard (Menu
 * or Shift+F10), the one at the cursor: the kind of judgement, the
 * question that turns it into an observation and an example; either
 * item selects the phrase, ready to be written again. Hovering shows
 * the kind, the question and why it matters.
 */

#define G_LOG_DOMAIN "mb-lens-marks"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-lens-marks.h"
#include "mb-lens-service.h"

/* How long typing pauses before the changed paragraphs are checked. */
#define CHECK_DELAY_MS 300

/* How many paragraphs one turn of the main loop checks. */
#define LINES_PER_TURN 32

struct _MbLensMarks
{
  GObject        parent_instance;

  GtkTextView   *view;
  GtkTextBuffer *buffer;
  MbLensService *service;
  GtkTextTag    *tags[MB_LENS_N_CATEGORIES];
  GtkTextMark   *dirty_start;  /* the lines still to check; both NULL when none */
  GtkTextMark   *dirty_end;
  guint          check_source;
  GMenu         *menu;         /* the text view's extra menu */
  GtkTextMark   *menu_at;      /* the place the menu is about */
  int            menu_category;  /* -1 when not on a phrase */
  GtkEventController *click;
};

static void describe_again (MbLensMarks *self);

G_DEFINE_FINAL_TYPE (MbLensMarks, mb_lens_marks, G_TYPE_OBJECT)

static gboolean
is_on (MbLensMarks *self)
{
  return mb_lens_service_get_enabled (self->service) &&
         mb_lens_service_get_rules (self->service) != NULL;
}

static void
remove_tags (MbLensMarks       *self,
             const GtkTextIter *start,
             const GtkTextIter *end)
{
  for (guint i = 0; i < MB_LENS_N_CATEGORIES; i++)
    gtk_text_buffer_remove_tag (self->buffer, self->tags[i], start, end);
}

/* Checks the paragraph that starts at @start, again from scratch. */
static void
check_line (MbLensMarks       *self,
            const GtkTextIter *start)
{
  MbLensRules *rules = mb_lens_service_get_rules (self->service);
  g_autoptr(GArray) spans = NULL;
  g_autofree char *text = NULL;
  GtkTextIter end = *start;
  int line = gtk_text_iter_get_line (start);

  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);
  remove_tags (self, start, &end);

  text = gtk_text_buffer_get_slice (self->buffer, start, &end, TRUE);
  spans = mb_lens_check (rules, text, -1);
  for (guint i = 0; i < spans->len; i++)
    {
      const MbLensSpan *span = &g_array_index (spans, MbLensSpan, i);
      GtkTextIter from, to;

      gtk_text_buffer_get_iter_at_line_index (self->buffer, &from, line, span->start);
      gtk_text_buffer_get_iter_at_line_index (self->buffer, &to, line, span->end);
      gtk_text_buffer_apply_tag (self->buffer, self->tags[span->category], &from, &to);
    }
}

static void
forget_dirty (MbLensMarks *self)
{
  if (self->dirty_start == NULL)
    return;

  gtk_text_buffer_delete_mark (self->buffer, self->dirty_start);
  gtk_text_buffer_delete_mark (self->buffer, self->dirty_end);
  self->dirty_start = NULL;
  self->dirty_end = NULL;
}

/* Checks a few of the lines still to check; comes back from idle for
 * the rest.
 */
static gboolean
check_cb (gpointer user_data)
{
  MbLensMarks *self = user_data;
  GtkTextIter line, stop;

  self->check_source = 0;
  gtk_text_buffer_get_iter_at_mark (self->buffer, &line, self->dirty_start);
  gtk_text_buffer_get_iter_at_mark (self->buffer, &stop, self->dirty_end);
  gtk_text_iter_set_line_offset (&line, 0);

  for (guint n = 0; n < LINES_PER_TURN; n++)
    {
      check_line (self, &line);
      if (gtk_text_iter_get_line (&line) >= gtk_text_iter_get_line (&stop) ||
          !gtk_text_iter_forward_line (&line))
        {
          forget_dirty (self);
          describe_again (self);
          return G_SOURCE_REMOVE;
        }
    }

  gtk_text_buffer_move_mark (self->buffer, self->dirty_start, &line);
  self->check_source = g_idle_add_full (G_PRIORITY_LOW, check_cb, self, NULL);
  return G_SOURCE_REMOVE;
}

/* The lines from @start to @end are to be checked, after @delay ms. */
static void
to_check (MbLensMarks       *self,
          const GtkTextIter *start,
          const GtkTextIter *end,
          guint              delay)
{
  GtkTextIter from, to;

  if (!is_on (self))
    return;

  if (self->dirty_start == NULL)
    {
      self->dirty_start = gtk_text_buffer_create_mark (self->buffer, NULL, start, TRUE);
      self->dirty_end = gtk_text_buffer_create_mark (self->buffer, NULL, end, FALSE);
    }
  else
    {
      gtk_text_buffer_get_iter_at_mark (self->buffer, &from, self->dirty_start);
      gtk_text_buffer_get_iter_at_mark (self->buffer, &to, self->dirty_end);
      if (gtk_text_iter_compare (start, &from) < 0)
        gtk_text_buffer_move_mark (self->buffer, self->dirty_start, start);
      if (gtk_text_iter_compare (end, &to) > 0)
        gtk_text_buffer_move_mark (self->buffer, self->dirty_end, end);
    }

  g_clear_handle_id (&self->check_source, g_source_remove);
  if (delay == 0)
    self->check_source = g_idle_add_full (G_PRIORITY_LOW, check_cb, self, NULL);
  else
    self->check_source = g_timeout_add (delay, check_cb, self);
}

static void
inserted_cb (GtkTextBuffer *buffer,
             GtkTextIter   *location,
             const char    *text,
             int            length,
             MbLensMarks   *self)
{
  GtkTextIter start = *location;

  gtk_text_iter_backward_chars (&start, g_utf8_strlen (text, length));
  to_check (self, &start, location, CHECK_DELAY_MS);
}

static void
deleted_cb (GtkTextBuffer *buffer,
            GtkTextIter   *start,
            GtkTextIter   *end,
            MbLensMarks   *self)
{
  to_check (self, start, start, CHECK_DELAY_MS);
}

/* The lens was switched on or off, or has other rules: all again. */
static void
service_changed_cb (MbLensMarks *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  g_clear_handle_id (&self->check_source, g_source_remove);
  forget_dirty (self);
  remove_tags (self, &start, &end);
  describe_again (self);
  to_check (self, &start, &end, 0);
}

/* The context menu is about the phrase at @iter, if any. */
static void
describe_at (MbLensMarks       *self,
             const GtkTextIter *iter)
{
  MbLensCategory category;
  int now = mb_lens_marks_get_span_at (self, iter, &category, NULL, NULL) ? (int) category : -1;
  g_autoptr(GMenu) section = NULL;
  g_autofree char *example = NULL;

  gtk_text_buffer_move_mark (self->buffer, self->menu_at, iter);
  if (now == self->menu_category)
    return;

  self->menu_category = now;
  g_menu_remove_all (self->menu);
  if (now < 0)
    return;

  section = g_menu_new ();
  g_menu_append (section, mb_lens_category_get_question (category), "lens.select");
  /* Translators: in a context menu, an observation that could replace a
   * judging phrase: “For example: “He came in after nine on three of the
   * last five Mondays.”” */
  example = g_strdup_printf (_("For example: “%s”"), mb_lens_category_get_rephrased (category));
  g_menu_append (section, example, "lens.select");
  g_menu_append_section (self->menu, mb_lens_category_get_name (category), G_MENU_MODEL (section));
}

/* The underlines changed: the menu follows. */
static void
describe_again (MbLensMarks *self)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &iter, self->menu_at);
  self->menu_category = -2;
  describe_at (self, &iter);
}

static void
mark_set_cb (GtkTextBuffer     *buffer,
             const GtkTextIter *location,
             GtkTextMark       *mark,
             MbLensMarks       *self)
{
  if (mark == gtk_text_buffer_get_insert (buffer))
    describe_at (self, location);
}

static gboolean
iter_at_point (MbLensMarks *self,
               double       x,
               double       y,
               GtkTextIter *iter)
{
  int bx, by;

  gtk_text_view_window_to_buffer_coords (self->view, GTK_TEXT_WINDOW_WIDGET, x, y, &bx, &by);
  return gtk_text_view_get_iter_at_location (self->view, iter, bx, by);
}

/* Before the text view opens its context menu for a click. */
static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            MbLensMarks     *self)
{
  GtkTextIter iter;

  if (iter_at_point (self, x, y, &iter))
    describe_at (self, &iter);
}

static gboolean
query_tooltip_cb (GtkWidget   *widget,
                  int          x,
                  int          y,
                  gboolean     keyboard_mode,
                  GtkTooltip  *tooltip,
                  MbLensMarks *self)
{
  g_autofree char *markup = NULL;
  MbLensCategory category;
  GtkTextIter iter;

  if (keyboard_mode)
    gtk_text_buffer_get_iter_at_mark (self->buffer, &iter, gtk_text_buffer_get_insert (self->buffer));
  else if (!iter_at_point (self, x, y, &iter))
    return FALSE;

  if (!mb_lens_marks_get_span_at (self, &iter, &category, NULL, NULL))
    return FALSE;

  markup = g_markup_printf_escaped ("<b>%s</b>\n%s\n\n%s",
                                   mb_lens_category_get_name (category),
                                   mb_lens_category_get_question (category),
                                   mb_lens_category_get_explanation (category));
  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

/* Selects the phrase the menu is about, ready to be written again:
 * the text itself stays as it is.
 */
static void
select_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  MbLensMarks *self = user_data;
  GtkTextIter iter, start, end;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &iter, self->menu_at);
  if (mb_lens_marks_get_span_at (self, &iter, NULL, &start, &end))
    gtk_text_buffer_select_range (self->buffer, &start, &end);
}

static void
set_up_menu (MbLensMarks *self)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  static const GActionEntry entries[] = { { "select", select_action } };
  GtkEventController *click = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
  GtkTextIter start;

  gtk_text_buffer_get_start_iter (self->buffer, &start);
  self->menu_at = gtk_text_buffer_create_mark (self->buffer, NULL, &start, TRUE);
  self->menu_category = -1;
  self->menu = g_menu_new ();
  gtk_text_view_set_extra_menu (self->view, G_MENU_MODEL (self->menu));

  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self->view), "lens", G_ACTION_GROUP (group));

  self->click = click;
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (click, GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->view), click);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self->view), TRUE);
  g_signal_connect (self->view, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);
  g_signal_connect (self->buffer, "mark-set", G_CALLBACK (mark_set_cb), self);
}

static void
mb_lens_marks_dispose (GObject *object)
{
  MbLensMarks *self = MB_LENS_MARKS (object);

  g_clear_handle_id (&self->check_source, g_source_remove);
  if (self->view != NULL)
    {
      gtk_text_view_set_extra_menu (self->view, NULL);
      gtk_widget_insert_action_group (GTK_WIDGET (self->view), "lens", NULL);
      if (self->click != NULL)
        gtk_widget_remove_controller (GTK_WIDGET (self->view), self->click);
      self->click = NULL;
      g_signal_handlers_disconnect_by_data (self->view, self);
    }
  if (self->buffer != NULL)
    {
      forget_dirty (self);
      if (self->menu_at != NULL)
        gtk_text_buffer_delete_mark (self->buffer, self->menu_at);
      self->menu_at = NULL;
      g_signal_handlers_disconnect_by_data (self->buffer, self);
    }
  if (self->service != NULL)
    g_signal_handlers_disconnect_by_data (self->service, self);
  g_clear_object (&self->service);
  g_clear_object (&self->menu);
  g_clear_object (&self->buffer);
  g_clear_object (&self->view);

  G_OBJECT_CLASS (mb_lens_marks_parent_class)->dispose (object);
}

static void
mb_lens_marks_class_init (MbLensMarksClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mb_lens_marks_dispose;
}

static void
mb_lens_marks_init (MbLensMarks *self)
{
}

/* A thin line in a muted colour, plain in light and dark style: a hint,
 * not an error.
 */
static void
create_tags (MbLensMarks *self)
{
  GdkRGBA colour = { 0.53, 0.53, 0.60, 1.0 };

  for (guint i = 0; i < MB_LENS_N_CATEGORIES; i++)
    {
      g_autofree char *name = g_strconcat ("mb-lens-", mb_lens_category_to_string (i), NULL);

      self->tags[i] = gtk_text_buffer_create_tag (self->buffer, name,
                                                  "underline", PANGO_UNDERLINE_SINGLE,
                                                  "underline-rgba", &colour,
                                                  NULL);
    }
}

/**
 * mb_lens_marks_new:
 *
 * Returns: (transfer full): the lens over @view's text, while it lives
 */
MbLensMarks *
mb_lens_marks_new (GtkTextView *view)
{
  MbLensMarks *self = g_object_new (MB_TYPE_LENS_MARKS, NULL);
  GtkTextIter start, end;

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);

  self->view = g_object_ref (view);
  self->buffer = g_object_ref (gtk_text_view_get_buffer (view));
  self->service = g_object_ref (mb_lens_service_get_default ());
  create_tags (self);
  set_up_menu (self);

  g_signal_connect_after (self->buffer, "insert-text", G_CALLBACK (inserted_cb), self);
  g_signal_connect_after (self->buffer, "delete-range", G_CALLBACK (deleted_cb), self);
  g_signal_connect_swapped (self->service, "notify::rules", G_CALLBACK (service_changed_cb), self);
  g_signal_connect_swapped (self->service, "notify::enabled", G_CALLBACK (service_changed_cb), self);

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  to_check (self, &start, &end, 0);
  return self;
}

/**
 * mb_lens_marks_get_span_at:
 * @category: (out) (optional): what kind of judgement
 * @start: (out) (optional): where the phrase begins
 * @end: (out) (optional): where it ends
 *
 * Returns: whether @iter is in or at the start of a phrase the lens
 *   underlines
 */
gboolean
mb_lens_marks_get_span_at (MbLensMarks       *self,
                           const GtkTextIter *iter,
                           MbLensCategory    *category,
                           GtkTextIter       *start,
                           GtkTextIter       *end)
{
  g_return_val_if_fail (MB_IS_LENS_MARKS (self), FALSE);

  for (guint i = 0; i < MB_LENS_N_CATEGORIES; i++)
    {
      GtkTextIter from = *iter, to = *iter;

      if (!gtk_text_iter_has_tag (iter, self->tags[i]))
        continue;
      if (!gtk_text_iter_starts_tag (&from, self->tags[i]))
        gtk_text_iter_backward_to_tag_toggle (&from, self->tags[i]);
      gtk_text_iter_forward_to_tag_toggle (&to, self->tags[i]);
      if (category != NULL)
        *category = i;
      if (start != NULL)
        *start = from;
      if (end != NULL)
        *end = to;
      return TRUE;
    }

  return FALSE;
}

/* Whether some lines are still to be checked. */
gboolean
mb_lens_marks_is_checking (MbLensMarks *self)
{
  g_return_val_if_fail (MB_IS_LENS_MARKS (self), FALSE);

  return self->dirty_start != NULL;
}
