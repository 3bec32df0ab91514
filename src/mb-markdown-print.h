/* mb-markdown-print.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkPrintOperation *mb_markdown_print_operation_new (const char *title,
                                                    const char *markdown);

G_END_DECLS
