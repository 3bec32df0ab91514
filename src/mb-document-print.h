/* mb-document-print.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "mb-document.h"

G_BEGIN_DECLS

#define MB_TYPE_DOCUMENT_PRINT (mb_document_print_get_type ())

G_DECLARE_FINAL_TYPE (MbDocumentPrint, mb_document_print, MB, DOCUMENT_PRINT, GtkPrintOperation)

GtkPrintOperation *mb_document_print_new (const char *title,
                                          MbDocument *document);

G_END_DECLS
