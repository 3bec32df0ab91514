/* mb-missing-journal.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mb-data-folder.h"

G_BEGIN_DECLS

#define MB_TYPE_MISSING_JOURNAL (mb_missing_journal_get_type ())

G_DECLARE_FINAL_TYPE (MbMissingJournal, mb_missing_journal, MB, MISSING_JOURNAL, AdwBin)

GtkWidget  *mb_missing_journal_new             (MbDataFolder     *data_folder);
const char *mb_missing_journal_get_description (MbMissingJournal *self);

G_END_DECLS
