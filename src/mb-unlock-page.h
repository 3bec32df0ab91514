/* mb-unlock-page.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mb-journal.h"

G_BEGIN_DECLS

#define MB_TYPE_UNLOCK_PAGE (mb_unlock_page_get_type ())

G_DECLARE_FINAL_TYPE (MbUnlockPage, mb_unlock_page, MB, UNLOCK_PAGE, AdwBin)

GtkWidget *mb_unlock_page_new      (MbJournal    *journal);
void       mb_unlock_page_set_busy (MbUnlockPage *self,
                                    const char   *title);

G_END_DECLS
