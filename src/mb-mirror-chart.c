/* mb-mirror-chart.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The leader's promises month by month: one bar a month, as tall as the
 * promises made that month, kept ones at the foot, those not kept on
 * top of them, and the part still open left pale; the month under each
 * bar, as many as fit.
 */

#define G_LOG_DOMAIN "mb-mirror-chart"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-mirror-chart.h"
#include "mb-widgets.h"

#define SPACING   6     /* between the bars and the months */
#define MAX_BAR   28    /* the widest a bar gets */

struct _MbMirrorChart
{
  GtkWidget  parent_instance;

  GArray    *months;  /* MbMirrorMonth */
  guint      most;    /* promises in the busiest month */
};

G_DEFINE_FINAL_TYPE (MbMirrorChart, mb_mirror_chart, GTK_TYPE_WIDGET)

/* The month's short name, such as "Mar". */
static char *
month_name (const MbMirrorMonth *month)
{
  g_autoptr(GDateTime) date = g_date_time_new_local (month->year, month->month, 1, 0, 0, 0);

  return g_date_time_format (date, "%b");
}

typedef struct
{
  float x, width, bottom, height;
} Bar;

static void
draw_bar (MbMirrorChart       *self,
          GtkSnapshot         *snapshot,
          const MbMirrorMonth *month,
          const Bar           *bar,
          const GdkRGBA       *colors)
{
  float unit = bar->height / MAX (self->most, 1);
  float kept = month->kept * unit;
  float not_kept = month->not_kept * unit;
  float made = month->made * unit;

  gtk_snapshot_append_color (snapshot, &colors[0],
                             &GRAPHENE_RECT_INIT (bar->x, bar->bottom - made, bar->width, made));
  gtk_snapshot_append_color (snapshot, &colors[1],
                             &GRAPHENE_RECT_INIT (bar->x, bar->bottom - kept, bar->width, kept));
  gtk_snapshot_append_color (snapshot, &colors[2],
                             &GRAPHENE_RECT_INIT (bar->x, bar->bottom - kept - not_kept, bar->width, not_kept));
}

/* The month's name under its bar. */
static void
draw_month_name (MbMirrorChart       *self,
                 GtkSnapshot         *snapshot,
                 const MbMirrorMonth *month,
                 const Bar           *bar,
                 const GdkRGBA       *color)
{
  g_autofree char *name = month_name (month);
  g_autoptr(PangoLayout) layout = mb_create_small_layout (GTK_WIDGET (self), name, FALSE);
  int text_width;

  pango_layout_get_pixel_size (layout, &text_width, NULL);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (bar->x + (bar->width - text_width) / 2, bar->bottom + SPACING));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

/* How many months apart the names must be to fit. */
static guint
name_step (MbMirrorChart *self,
           float          slot)
{
  g_autoptr(PangoLayout) probe = mb_create_small_layout (GTK_WIDGET (self), "Www", FALSE);
  int text_width;

  pango_layout_get_pixel_size (probe, &text_width, NULL);
  return MAX (1, (guint) ((text_width + SPACING) / MAX (slot, 1) + 1));
}

static void
mb_mirror_chart_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  MbMirrorChart *self = MB_MIRROR_CHART (widget);
  int width = gtk_widget_get_width (widget);
  g_autoptr(PangoLayout) probe = mb_create_small_layout (widget, "0", FALSE);
  GdkRGBA ink, colors[3];
  int text_height;
  float slot;
  guint step;

  if (self->months == NULL || self->months->len == 0)
    return;

  pango_layout_get_pixel_size (probe, NULL, &text_height);
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &ink);
  colors[0] = ink;
  colors[0].alpha *= 0.18f;
  colors[1] = mb_lookup_color (widget, "success_color", "#26a269");
  colors[2] = mb_lookup_color (widget, "error_color", "#c01c28");
  ink.alpha *= 0.55f;
  slot = (float) width / self->months->len;
  step = name_step (self, slot);
  for (guint i = 0; i < self->months->len; i++)
    {
      const MbMirrorMonth *month = &g_array_index (self->months, MbMirrorMonth, i);
      float bar_width = MIN (MAX_BAR, MAX (1.f, slot * 0.6f));
      Bar bar = { i * slot + (slot - bar_width) / 2, bar_width,
                  gtk_widget_get_height (widget) - text_height - SPACING, 0 };

      bar.height = bar.bottom;
      draw_bar (self, snapshot, month, &bar, colors);
      if ((self->months->len - 1 - i) % step == 0)
        draw_month_name (self, snapshot, month, &bar, &ink);
    }
}

static void
mb_mirror_chart_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  mb_measure_chart (orientation, 96, minimum, natural);
}

static void
update_label (MbMirrorChart *self)
{
  GString *label = g_string_new (NULL);

  for (guint i = 0; self->months != NULL && i < self->months->len; i++)
    {
      const MbMirrorMonth *month = &g_array_index (self->months, MbMirrorMonth, i);
      g_autofree char *name = month_name (month);

      if (month->made == 0)
        continue;
      if (label->len > 0)
        g_string_append (label, "; ");
      /* Translators: one month in the chart of your promises, read out by a screen
       * reader: the month, then how many promises were made, kept and not kept */
      g_string_append_printf (label, _("%s: %u made, %u kept, %u not kept"),
                              name, month->made, month->kept, month->not_kept);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label->str, -1);
  g_string_free (label, TRUE);
}

static void
mb_mirror_chart_finalize (GObject *object)
{
  MbMirrorChart *self = MB_MIRROR_CHART (object);

  g_clear_pointer (&self->months, g_array_unref);

  G_OBJECT_CLASS (mb_mirror_chart_parent_class)->finalize (object);
}

static void
mb_mirror_chart_class_init (MbMirrorChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = mb_mirror_chart_finalize;
  widget_class->snapshot = mb_mirror_chart_snapshot;
  widget_class->measure = mb_mirror_chart_measure;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
mb_mirror_chart_init (MbMirrorChart *self)
{
}

GtkWidget *
mb_mirror_chart_new (void)
{
  return g_object_new (MB_TYPE_MIRROR_CHART, NULL);
}

/**
 * mb_mirror_chart_set_months:
 * @months: (element-type MbMirrorMonth): the months to show, oldest
 *   first; copied
 */
void
mb_mirror_chart_set_months (MbMirrorChart *self,
                            GArray        *months)
{
  g_return_if_fail (MB_IS_MIRROR_CHART (self));
  g_return_if_fail (months != NULL);

  g_clear_pointer (&self->months, g_array_unref);
  self->months = g_array_sized_new (FALSE, FALSE, sizeof (MbMirrorMonth), months->len);
  g_array_append_vals (self->months, months->data, months->len);
  self->most = 0;
  for (guint i = 0; i < months->len; i++)
    self->most = MAX (self->most, g_array_index (months, MbMirrorMonth, i).made);

  update_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
mb_mirror_chart_get_n_months (MbMirrorChart *self)
{
  g_return_val_if_fail (MB_IS_MIRROR_CHART (self), 0);

  return self->months != NULL ? self->months->len : 0;
}
