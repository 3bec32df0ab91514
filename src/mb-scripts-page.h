/* mb-scripts-page.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mb-section-page.h"

#include "mb-script-library.h"

G_BEGIN_DECLS

#define MB_TYPE_SCRIPTS_PAGE (mb_scripts_page_get_type ())

G_DECLARE_FINAL_TYPE (MbScriptsPage, mb_scripts_page, MB, SCRIPTS_PAGE, MbSectionPage)

void mb_scripts_page_show_script (MbScriptsPage *self,
                                  MbScript      *script);
void mb_scripts_page_import_file (MbScriptsPage *self,
                                  GFile         *file);

G_END_DECLS
