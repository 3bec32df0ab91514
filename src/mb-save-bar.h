/* mb-save-bar.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mb-journal.h"

G_BEGIN_DECLS

GtkWidget *mb_people_save_bar_new (MbJournal *journal);

G_END_DECLS
