/* mb-fold.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char  *mb_fold_for_search (const char *text);
void   mb_fold_append     (GString    *out,
                           const char *text);
gsize  mb_fold_origin     (const char *text,
                           gsize       folded_at);

G_END_DECLS
