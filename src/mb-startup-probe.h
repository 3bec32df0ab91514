/* mb-startup-probe.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void mb_startup_probe_attach         (GtkWindow *window);
void mb_startup_probe_attach_loading (GtkWindow *window,
                                      GObject   *loading);

G_END_DECLS
