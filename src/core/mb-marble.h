/* mb-marble.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MB_TYPE_MARBLE (mb_marble_get_type ())
G_DECLARE_FINAL_TYPE (MbMarble, mb_marble, MB, MARBLE, GObject)

const char *mb_marble_get_id      (MbMarble *self);
gboolean    mb_marble_is_in       (MbMarble *self);
const char *mb_marble_get_reason  (MbMarble *self);
GDateTime  *mb_marble_get_created (MbMarble *self);

G_END_DECLS
