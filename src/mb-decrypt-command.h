/* mb-decrypt-command.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int mb_decrypt_command_run (const char *target);

G_END_DECLS
