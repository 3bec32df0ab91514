/* mb-marble-jar.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mb-conversation.h"  /* MbClockFunc */

G_BEGIN_DECLS

#define MB_TYPE_MARBLE_JAR (mb_marble_jar_get_type ())

G_DECLARE_FINAL_TYPE (MbMarbleJar, mb_marble_jar, MB, MARBLE_JAR, GtkWidget)

GtkWidget *mb_marble_jar_new          (void);
int        mb_marble_jar_get_level    (MbMarbleJar *self);
void       mb_marble_jar_set_level    (MbMarbleJar *self,
                                       int          level);
guint      mb_marble_jar_get_capacity (void);
void       mb_marble_jar_set_clock    (MbClockFunc  clock);

G_END_DECLS
