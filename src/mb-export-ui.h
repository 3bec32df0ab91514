/* mb-export-ui.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "mb-document.h"

G_BEGIN_DECLS

void     mb_export_markdown_to_file (GtkWindow   *parent,
                                     const char  *suggested_name,
                                     const char  *markdown,
                                     gboolean     protected);
gboolean mb_export_write_markdown   (GFile       *file,
                                     const char  *markdown,
                                     GError     **error);
void     mb_export_write_markdown_async  (GFile               *file,
                                         const char          *markdown,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean mb_export_write_markdown_finish (GFile               *file,
                                         GAsyncResult        *result,
                                         GError             **error);
void     mb_print_document          (GtkWindow   *parent,
                                     const char  *title,
                                     MbDocument  *document);

G_END_DECLS
