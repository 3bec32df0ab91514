/* mb-trust-chart.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/**
 * MbTrustPoint:
 * @time: when a marble went in or out, in Unix seconds
 * @level: marbles in minus marbles out, counting this one
 */
typedef struct
{
  gint64 time;
  int    level;
} MbTrustPoint;

MbTrustPoint *mb_trust_series_new (const gint64 *times,
                                   const int    *deltas,
                                   guint         n);

#define MB_TYPE_TRUST_CHART (mb_trust_chart_get_type ())

G_DECLARE_FINAL_TYPE (MbTrustChart, mb_trust_chart, MB, TRUST_CHART, GtkWidget)

GtkWidget          *mb_trust_chart_new          (void);
void                mb_trust_chart_set_events   (MbTrustChart *self,
                                                 const gint64 *times,
                                                 const int    *deltas,
                                                 guint         n);
guint               mb_trust_chart_get_n_points (MbTrustChart *self);
const MbTrustPoint *mb_trust_chart_get_points   (MbTrustChart *self);

G_END_DECLS
