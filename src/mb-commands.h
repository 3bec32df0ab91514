/* mb-commands.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void mb_commands_add_options (GApplication *app);
int  mb_commands_run         (GVariantDict *options);

G_END_DECLS
