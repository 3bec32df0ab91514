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
 *
 * It also counts, for the leader's own view of their growth
 * (::counted): a phrase it comes to underline in what the leader
 * writes is flagged; one that the leader's own change makes it stop
 * underlining is rephrased. Per paragraph the leader changed, the
 * underlines of each kind before and after the check are compared, so
 * a judgement written again as another of the same kind counts as
 * neither, and a phrase deleted whole counts as rephrased. What was
 * there when the lens began (a paragraph's first check has nothing to
 * compare with, even when the leader typed in it before its turn), or
 * came in through mb_lens_marks_hold_count(), is not counted, nor is
 * anything while the lens is off.
 */

#define G_LOG_DOMAIN "mb-lens-marks"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

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
  GtkTextMark   *count_start;  /* of those, the leader changed these; both NULL when none */
  GtkTextMark   *count_end;
  GtkTextMark   *fresh_start;  /* the lines not checked yet since the lens began; both NULL when none */
  GtkTextMark   *fresh_end;
  int            counts[MB_LENS_N_CATEGORIES]; /* underlines come (+) and gone (-) there */
  gboolean       holding;      /* the changes are not the leader's: see mb_lens_marks_hold_count() */
  guint          check_source;
  GMenu         *menu;         /* the text view's extra menu */
  GtkTextMark   *menu_at;      /* the place the menu is about */
  int            menu_category;  /* -1 when not on a phrase */
  GtkEventController *click;
};

enum
{
  COUNTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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

/* Adds @sign for each phrase of each kind that begins from @start up
 * to @end and, when @whole, also ends there.
 */
static void
count_phrases (MbLensMarks       *self,
               const GtkTextIter *start,
               const GtkTextIter *end,
               gboolean           whole,
               int                sign)
{
  for (guint i = 0; i < MB_LENS_N_CATEGORIES; i++)
    {
      GtkTextIter iter = *start;

      /* A phrase begun before @start is not one of them. */
      if (gtk_text_iter_has_tag (&iter, self->tags[i]) && !gtk_text_iter_starts_tag (&iter, self->tags[i]))
        gtk_text_iter_forward_to_tag_toggle (&iter, self->tags[i]);
      if (!gtk_text_iter_starts_tag (&iter, self->tags[i]))
        gtk_text_iter_forward_to_tag_toggle (&iter, self->tags[i]);
      while (gtk_text_iter_compare (&iter, end) < 0 && gtk_text_iter_starts_tag (&iter, self->tags[i]))
        {
          gtk_text_iter_forward_to_tag_toggle (&iter, self->tags[i]);
          if (!whole || gtk_text_iter_compare (&iter, end) <= 0)
            self->counts[i] += sign;
          gtk_text_iter_forward_to_tag_toggle (&iter, self->tags[i]);
        }
    }
}

/* Whether the paragraph at @line is between the marks @start and @end
 * (none when NULL).
 */
static gboolean
is_within (MbLensMarks       *self,
           GtkTextMark       *start,
           GtkTextMark       *end,
           const GtkTextIter *line)
{
  GtkTextIter from, to;

  if (start == NULL)
    return FALSE;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &from, start);
  gtk_text_buffer_get_iter_at_mark (self->buffer, &to, end);
  return gtk_text_iter_get_line (&from) <= gtk_text_iter_get_line (line) &&
         gtk_text_iter_get_line (line) <= gtk_text_iter_get_line (&to);
}

/* Whether the leader changed the paragraph at @line since it was last
 * checked: a paragraph checked for the first time has nothing to compare
 * with, even when the leader typed in it before its turn came.
 */
static gboolean
is_counted (MbLensMarks       *self,
            const GtkTextIter *line)
{
  return is_within (self, self->count_start, self->count_end, line) &&
         !is_within (self, self->fresh_start, self->fresh_end, line);
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

  gboolean counted = is_counted (self, start);

  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);
  if (counted)
    count_phrases (self, start, &end, FALSE, -1);
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
      if (counted)
        self->counts[span->category]++;
    }
}

static void
forget_range (MbLensMarks  *self,
              GtkTextMark **start,
              GtkTextMark **end)
{
  if (*start == NULL)
    return;

  gtk_text_buffer_delete_mark (self->buffer, *start);
  gtk_text_buffer_delete_mark (self->buffer, *end);
  *start = NULL;
  *end = NULL;
}

/* Nothing is left to check, or to count. */
static void
forget_dirty (MbLensMarks *self)
{
  forget_range (self, &self->dirty_start, &self->dirty_end);
  forget_range (self, &self->count_start, &self->count_end);
  forget_range (self, &self->fresh_start, &self->fresh_end);
  memset (self->counts, 0, sizeof self->counts);
}

/* The paragraph at @line is checked: if it was the first not checked
 * yet, the next one is.
 */
static void
checked (MbLensMarks       *self,
         const GtkTextIter *line)
{
  GtkTextIter fresh, next = *line;

  if (self->fresh_start == NULL)
    return;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &fresh, self->fresh_start);
  if (gtk_text_iter_get_line (&fresh) != gtk_text_iter_get_line (line))
    return;
  if (gtk_text_iter_forward_line (&next))
    gtk_text_buffer_move_mark (self->buffer, self->fresh_start, &next);
  else
    forget_range (self, &self->fresh_start, &self->fresh_end);
}

/* The lines the leader changed are checked: what came and went is
 * counted, kind by kind.
 */
static void
settle_counts (MbLensMarks *self)
{
  guint flagged = 0, rephrased = 0;

  for (guint i = 0; i < MB_LENS_N_CATEGORIES; i++)
    {
      if (self->counts[i] > 0)
        flagged += self->counts[i];
      else
        rephrased += -self->counts[i];
    }

  forget_dirty (self);
  if (flagged > 0 || rephrased > 0)
    g_signal_emit (self, signals[COUNTED], 0, flagged, rephrased);
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
      checked (self, &line);
      if (gtk_text_iter_get_line (&line) >= gtk_text_iter_get_line (&stop) ||
          !gtk_text_iter_forward_line (&line))
        {
          settle_counts (self);
          describe_again (self);
          return G_SOURCE_REMOVE;
        }
    }

  gtk_text_buffer_move_mark (self->buffer, self->dirty_start, &line);
  self->check_source = g_idle_add_full (G_PRIORITY_LOW, check_cb, self, NULL);
  return G_SOURCE_REMOVE;
}

/* The range between the marks @range_start and @range_end (none when
 * NULL) takes in @start to @end too.
 */
static void
widen (MbLensMarks       *self,
       GtkTextMark      **range_start,
       GtkTextMark      **range_end,
       const GtkTextIter *start,
       const GtkTextIter *end)
{
  GtkTextIter from, to;

  if (*range_start == NULL)
    {
      *range_start = gtk_text_buffer_create_mark (self->buffer, NULL, start, TRUE);
      *range_end = gtk_text_buffer_create_mark (self->buffer, NULL, end, FALSE);
      return;
    }

  gtk_text_buffer_get_iter_at_mark (self->buffer, &from, *range_start);
  gtk_text_buffer_get_iter_at_mark (self->buffer, &to, *range_end);
  if (gtk_text_iter_compare (start, &from) < 0)
    gtk_text_buffer_move_mark (self->buffer, *range_start, start);
  if (gtk_text_iter_compare (end, &to) > 0)
    gtk_text_buffer_move_mark (self->buffer, *range_end, end);
}

/* The lines from @start to @end are to be checked, after @delay ms;
 * what comes and goes there is counted when the leader changed them.
 */
static void
to_check (MbLensMarks       *self,
          const GtkTextIter *start,
          const GtkTextIter *end,
          guint              delay,
          gboolean           counted)
{
  if (!is_on (self))
    return;

  widen (self, &self->dirty_start, &self->dirty_end, start, end);
  if (counted)
    widen (self, &self->count_start, &self->count_end, start, end);

  g_clear_handle_id (&self->check_source, g_source_remove);
  if (delay == 0)
    self->check_source = g_idle_add_full (G_PRIORITY_LOW, check_cb, self, NULL);
  else
    self->check_source = g_timeout_add (delay, check_cb, self);
}

/* All the text is to be checked, none of it compared with before. */
static void
to_check_afresh (MbLensMarks *self)
{
  GtkTextIter start, end;

  if (!is_on (self))
    return;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  /* An empty text has nothing to be compared with. */
  if (!gtk_text_iter_equal (&start, &end))
    widen (self, &self->fresh_start, &self->fresh_end, &start, &end);
  to_check (self, &start, &end, 0, FALSE);
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
  to_check (self, &start, location, CHECK_DELAY_MS, !self->holding);
}

/* Before the text goes: a phrase that goes whole was rephrased. */
static void
deleting_cb (GtkTextBuffer *buffer,
             GtkTextIter   *start,
             GtkTextIter   *end,
             MbLensMarks   *self)
{
  if (is_on (self) && !self->holding)
    count_phrases (self, start, end, TRUE, -1);
}

static void
deleted_cb (GtkTextBuffer *buffer,
            GtkTextIter   *start,
            GtkTextIter   *end,
            MbLensMarks   *self)
{
  to_check (self, start, start, CHECK_DELAY_MS, !self->holding);
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
  to_check_afresh (self);
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

  /**
   * MbLensMarks::counted:
   * @flagged: how many phrases the lens came to underline in what the
   *   leader wrote
   * @rephrased: how many underlined phrases the leader's changes made
   *   go
   *
   * The paragraphs the leader changed are checked, and the underlines
   * in them changed.
   */
  signals[COUNTED] = g_signal_new ("counted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
mb_lens_marks_init (MbLensMarks *self)
{
}

/* A thin line in a muted colour on a faint tint of it, plain in light and
 * dark style: a hint, not an error. The tint is there because a line
 * thinner than a pixel may not be drawn at all (GTK 4.8's GL renderer
 * under Xvfb draws none).
 */
static void
create_tags (MbLensMarks *self)
{
  GdkRGBA colour = { 0.53, 0.53, 0.60, 1.0 };
  GdkRGBA tint = { 0.53, 0.53, 0.60, 0.16 };

  for (guint i = 0; i < MB_LENS_N_CATEGORIES; i++)
    {
      g_autofree char *name = g_strconcat ("mb-lens-", mb_lens_category_to_string (i), NULL);

      self->tags[i] = gtk_text_buffer_create_tag (self->buffer, name,
                                                  "underline", PANGO_UNDERLINE_SINGLE,
                                                  "underline-rgba", &colour,
                                                  "background-rgba", &tint,
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

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);

  self->view = g_object_ref (view);
  self->buffer = g_object_ref (gtk_text_view_get_buffer (view));
  self->service = g_object_ref (mb_lens_service_get_default ());
  create_tags (self);
  set_up_menu (self);

  g_signal_connect_after (self->buffer, "insert-text", G_CALLBACK (inserted_cb), self);
  g_signal_connect (self->buffer, "delete-range", G_CALLBACK (deleting_cb), self);
  g_signal_connect_after (self->buffer, "delete-range", G_CALLBACK (deleted_cb), self);
  g_signal_connect_swapped (self->service, "notify::rules", G_CALLBACK (service_changed_cb), self);
  g_signal_connect_swapped (self->service, "notify::enabled", G_CALLBACK (service_changed_cb), self);

  to_check_afresh (self);
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

/**
 * mb_lens_marks_hold_count:
 * @hold: whether the changes from now on are not the leader's own
 *
 * While @hold, changes to the text, such as a version from another
 * machine taken in, are checked but not counted (see ::counted).
 */
void
mb_lens_marks_hold_count (MbLensMarks *self,
                          gboolean     hold)
{
  g_return_if_fail (MB_IS_LENS_MARKS (self));

  self->holding = hold;
}
