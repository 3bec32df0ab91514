/* mb-lens-service.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mb-lens.h"

G_BEGIN_DECLS

#define MB_TYPE_LENS_SERVICE (mb_lens_service_get_type ())

G_DECLARE_FINAL_TYPE (MbLensService, mb_lens_service, MB, LENS_SERVICE, GObject)

MbLensService *mb_lens_service_get_default (void);
MbLensRules   *mb_lens_service_get_rules   (MbLensService *self);
void           mb_lens_service_set_rules   (MbLensService *self,
                                            MbLensRules   *rules);
gboolean       mb_lens_service_get_enabled (MbLensService *self);
void           mb_lens_service_set_enabled (MbLensService *self,
                                            gboolean       enabled);
void           mb_lens_service_load        (MbLensService *self,
                                            const char    *language);

G_END_DECLS
