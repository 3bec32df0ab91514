/* mb-search-filters.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mb-journal.h"

G_BEGIN_DECLS

#define MB_TYPE_SEARCH_FILTERS (mb_search_filters_get_type ())

G_DECLARE_FINAL_TYPE (MbSearchFilters, mb_search_filters, MB, SEARCH_FILTERS, GtkPopover)

GtkWidget *mb_search_filters_new       (MbJournal       *journal);
void       mb_search_filters_get       (MbSearchFilters *self,
                                        MbSearchFilter  *filter);
gboolean   mb_search_filters_is_active (MbSearchFilters *self);

G_END_DECLS
