/* mb-trust-chart.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* How the level of a person's marble jar went over time: a step line
 * over a soft fill, from zero before the first marble to the level
 * after the last, with the highest level and the first and last days
 * written on it.
 */

#define G_LOG_DOMAIN "mb-trust-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "mb-trust-chart.h"
#include "mb-widgets.h"
#include "mb-wording.h"

#define LINE      2     /* width of the line, in pixels */
#define SPACING   6     /* between the chart and its texts */
#define MAX_PAD   16    /* space before the first marble and after the last */

struct _MbTrustChart
{
  GtkWidget     parent_instance;

  MbTrustPoint *points;
  guint         n_points;
  int           lowest;   /* of the levels and zero */
  int           highest;
  guint         peak;     /* the first point at the highest level */
  char         *first_day;
  char         *last_day;
};

G_DEFINE_FINAL_TYPE (MbTrustChart, mb_trust_chart, GTK_TYPE_WIDGET)

static int
compare_times (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const gint64 *times = user_data;
  guint i = *(const guint *) a;
  guint j = *(const guint *) b;

  if (times[i] != times[j])
    return times[i] < times[j] ? -1 : 1;
  /* Marbles at the same time keep their order */
  return i < j ? -1 : i > j;
}

/**
 * mb_trust_series_new:
 * @times: (array length=n): when each marble went in or out, in Unix
 *   seconds, in any order
 * @deltas: (array length=n): +1 for a marble in, -1 for one out
 * @n: the number of marbles
 *
 * Returns: (transfer full) (array length=n): the level after each
 *   marble, oldest first; free with g_free()
 */
MbTrustPoint *
mb_trust_series_new (const gint64 *times,
                     const int    *deltas,
                     guint         n)
{
  g_autofree guint *order = g_new (guint, n);
  MbTrustPoint *points = g_new (MbTrustPoint, n);
  int level = 0;

  g_return_val_if_fail (n == 0 || (times != NULL && deltas != NULL), NULL);

  for (guint i = 0; i < n; i++)
    order[i] = i;
  g_qsort_with_data (order, n, sizeof (guint), compare_times, (gpointer) times);

  for (guint i = 0; i < n; i++)
    {
      level += deltas[order[i]];
      points[i].time = times[order[i]];
      points[i].level = level;
    }
  return points;
}

static void
append_text (GtkSnapshot   *snapshot,
             PangoLayout   *layout,
             float          x,
             float          y,
             const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

/* Where the chart goes in the widget, and how time and level map to it */
typedef struct
{
  float  left;
  float  right;
  float  top;
  float  bottom;
  float  pad;
  gint64 start;
  gint64 end;
  int    lowest;
  int    highest;
} Frame;

static float
x_for_point (const Frame *frame,
             guint        i,
             const MbTrustPoint *points)
{
  float inner = frame->right - frame->left - 2 * frame->pad;

  if (frame->end == frame->start)
    return frame->left + frame->pad;
  return frame->left + frame->pad
         + inner * (double) (points[i].time - frame->start) / (double) (frame->end - frame->start);
}

static float
y_for_level (const Frame *frame,
             int          level)
{
  float share = (level - frame->lowest) / (float) (frame->highest - frame->lowest);

  return roundf (frame->bottom - (frame->bottom - frame->top) * share);
}

/* The soft fill between the line and zero, then the line itself */
static void
draw_series (MbTrustChart  *self,
             GtkSnapshot   *snapshot,
             const Frame   *frame,
             const GdkRGBA *accent,
             const GdkRGBA *below)
{
  GdkRGBA fill = *accent;
  GdkRGBA fill_below = *below;
  float zero = y_for_level (frame, 0);
  float x = frame->left;
  float y = zero;

  fill.alpha *= 0.18f;
  fill_below.alpha *= 0.18f;
  for (guint i = 0; i <= self->n_points; i++)
    {
      float next_x = i < self->n_points ? x_for_point (frame, i, self->points) : frame->right;
      float next_y = i < self->n_points ? y_for_level (frame, self->points[i].level) : y;

      /* Level y from x to next_x, then a step to next_y */
      if (y != zero)
        gtk_snapshot_append_color (snapshot, y < zero ? &fill : &fill_below,
                                   &GRAPHENE_RECT_INIT (x, MIN (y, zero),
                                                        next_x - x, fabsf (zero - y)));
      gtk_snapshot_append_color (snapshot, accent,
                                 &GRAPHENE_RECT_INIT (x - LINE / 2.f, y - LINE / 2.f,
                                                      next_x - x + LINE, LINE));
      gtk_snapshot_append_color (snapshot, accent,
                                 &GRAPHENE_RECT_INIT (next_x - LINE / 2.f,
                                                      MIN (y, next_y) - LINE / 2.f,
                                                      LINE, fabsf (next_y - y) + LINE));
      x = next_x;
      y = next_y;
    }
}

static void
draw_peak (MbTrustChart  *self,
           GtkSnapshot   *snapshot,
           const Frame   *frame,
           const GdkRGBA *color)
{
  g_autofree char *text = g_strdup_printf ("%d", self->highest);
  g_autoptr(PangoLayout) layout = mb_create_small_layout (GTK_WIDGET (self), text, TRUE);
  float start = x_for_point (frame, self->peak, self->points);
  float end = self->peak + 1 < self->n_points ? x_for_point (frame, self->peak + 1, self->points)
                                              : frame->right;
  int width, height;
  float x;

  pango_layout_get_pixel_size (layout, &width, &height);
  x = CLAMP ((start + end - width) / 2, frame->left, frame->right - width);
  append_text (snapshot, layout, x, y_for_level (frame, self->highest) - LINE - height, color);
}

static void
draw_days (MbTrustChart  *self,
           GtkSnapshot   *snapshot,
           int            width,
           int            height,
           const GdkRGBA *color)
{
  g_autoptr(PangoLayout) first = mb_create_small_layout (GTK_WIDGET (self), self->first_day, FALSE);
  g_autoptr(PangoLayout) last = mb_create_small_layout (GTK_WIDGET (self), self->last_day, FALSE);
  gboolean one_day = g_strcmp0 (self->first_day, self->last_day) == 0;
  int first_width, last_width, text_height;

  pango_layout_get_pixel_size (first, &first_width, &text_height);
  pango_layout_get_pixel_size (last, &last_width, NULL);

  /* The first day left and the last right; where they would run into
   * each other, only the last */
  if (one_day || first_width + last_width + 2 * SPACING <= width)
    append_text (snapshot, first, 0, height - text_height, color);
  if (!one_day)
    append_text (snapshot, last, width - last_width, height - text_height, color);
}

static void
mb_trust_chart_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  MbTrustChart *self = MB_TRUST_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(PangoLayout) probe = NULL;
  GdkRGBA accent, below, ink, dim;
  int text_height;
  Frame frame;

  if (self->n_points == 0)
    return;

  accent = mb_lookup_color (widget, "accent_color", "#3584e4");
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &ink);
  dim = ink;
  dim.alpha *= 0.55f;

  probe = mb_create_small_layout (widget, "0", TRUE);
  pango_layout_get_pixel_size (probe, NULL, &text_height);

  frame.left = LINE;
  frame.right = width - LINE;
  frame.top = text_height + LINE;
  frame.bottom = height - text_height - SPACING - LINE;
  frame.pad = MIN (MAX_PAD, width / 16.f);
  frame.start = self->points[0].time;
  frame.end = self->points[self->n_points - 1].time;
  frame.lowest = self->lowest;
  frame.highest = self->highest > self->lowest ? self->highest : self->lowest + 1;
  if (frame.bottom <= frame.top)
    return;

  /* The zero line, across */
  ink.alpha *= 0.25f;
  gtk_snapshot_append_color (snapshot, &ink,
                             &GRAPHENE_RECT_INIT (0, y_for_level (&frame, 0), width, 1));
  below = mb_lookup_color (widget, "error_color", "#c01c28");
  draw_series (self, snapshot, &frame, &accent, &below);
  if (self->highest > 0)
    draw_peak (self, snapshot, &frame, &dim);
  draw_days (self, snapshot, width, height, &dim);
}

static void
mb_trust_chart_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  mb_measure_chart (orientation, 80, minimum, natural);
}

static void
update_label (MbTrustChart *self)
{
  g_autofree char *label = NULL;
  int last;

  if (self->n_points == 0)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
      return;
    }

  last = self->points[self->n_points - 1].level;
  if (g_strcmp0 (self->first_day, self->last_day) == 0)
    /* Translators: a chart of the marbles in a person's jar: “from 0 to 3 on 3 Mar 2025” */
    label = g_strdup_printf (_("Trust over time: from 0 to %d on %s"), last, self->last_day);
  else
    /* Translators: a chart of the marbles in a person's jar:
     * “from 0 to 7 between 3 Mar 2025 and 21 Nov 2026” */
    label = g_strdup_printf (_("Trust over time: from 0 to %d between %s and %s"),
                             last, self->first_day, self->last_day);
  if (self->highest > last)
    {
      /* Translators: follows “Trust over time: from 0 to 7 between … and …” */
      g_autofree char *peak = g_strdup_printf (_("The highest was %d."), self->highest);
      char *both = g_strconcat (label, ". ", peak, NULL);

      g_free (label);
      label = both;
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static char *
format_day (gint64 time)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (time);

  return when != NULL ? mb_wording_day (when) : g_strdup ("");
}

static void
mb_trust_chart_finalize (GObject *object)
{
  MbTrustChart *self = MB_TRUST_CHART (object);

  g_free (self->points);
  g_free (self->first_day);
  g_free (self->last_day);

  G_OBJECT_CLASS (mb_trust_chart_parent_class)->finalize (object);
}

static void
mb_trust_chart_class_init (MbTrustChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = mb_trust_chart_finalize;

  widget_class->measure = mb_trust_chart_measure;
  widget_class->snapshot = mb_trust_chart_snapshot;

  gtk_widget_class_set_css_name (widget_class, "trustchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
mb_trust_chart_init (MbTrustChart *self)
{
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
}

GtkWidget *
mb_trust_chart_new (void)
{
  return g_object_new (MB_TYPE_TRUST_CHART, NULL);
}

/**
 * mb_trust_chart_set_events:
 * @times: (array length=n): when each marble went in or out, in Unix
 *   seconds, in any order
 * @deltas: (array length=n): +1 for a marble in, -1 for one out
 * @n: the number of marbles; with none the chart is empty
 *
 * Shows how the level of the jar went with these marbles.
 */
void
mb_trust_chart_set_events (MbTrustChart *self,
                           const gint64 *times,
                           const int    *deltas,
                           guint         n)
{
  g_return_if_fail (MB_IS_TRUST_CHART (self));
  g_return_if_fail (n == 0 || (times != NULL && deltas != NULL));

  g_clear_pointer (&self->points, g_free);
  g_clear_pointer (&self->first_day, g_free);
  g_clear_pointer (&self->last_day, g_free);
  self->points = mb_trust_series_new (times, deltas, n);
  self->n_points = n;
  self->lowest = self->highest = 0;
  self->peak = 0;
  for (guint i = 0; i < n; i++)
    {
      if (self->points[i].level > self->highest)
        {
          self->highest = self->points[i].level;
          self->peak = i;
        }
      self->lowest = MIN (self->lowest, self->points[i].level);
    }
  if (n > 0)
    {
      self->first_day = format_day (self->points[0].time);
      self->last_day = format_day (self->points[n - 1].time);
    }

  update_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
mb_trust_chart_get_n_points (MbTrustChart *self)
{
  g_return_val_if_fail (MB_IS_TRUST_CHART (self), 0);

  return self->n_points;
}

/**
 * mb_trust_chart_get_points:
 *
 * Returns: (transfer none) (array length=n_points): the level after each
 *   marble, oldest first, as mb_trust_series_new() works it out
 */
const MbTrustPoint *
mb_trust_chart_get_points (MbTrustChart *self)
{
  g_return_val_if_fail (MB_IS_TRUST_CHART (self), NULL);

  return self->points;
}
