/* mb-markdown.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mb-document.h"

G_BEGIN_DECLS

char *mb_markdown_escape (const char *text);
char *mb_markdown_write  (MbDocument *document);

G_END_DECLS
