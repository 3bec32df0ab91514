/* mb-mirror-chart.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mb-mirror.h"

G_BEGIN_DECLS

#define MB_TYPE_MIRROR_CHART (mb_mirror_chart_get_type ())

G_DECLARE_FINAL_TYPE (MbMirrorChart, mb_mirror_chart, MB, MIRROR_CHART, GtkWidget)

GtkWidget *mb_mirror_chart_new        (void);
void       mb_mirror_chart_set_months (MbMirrorChart *self,
                                       GArray        *months);
guint      mb_mirror_chart_get_n_months (MbMirrorChart *self);

G_END_DECLS
