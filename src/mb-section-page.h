/* mb-section-page.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mb-journal.h"

G_BEGIN_DECLS

#define MB_TYPE_SECTION_PAGE (mb_section_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (MbSectionPage, mb_section_page, MB, SECTION_PAGE, AdwBin)

struct _MbSectionPageClass
{
  AdwBinClass parent_class;

  /* Called once, as the page is made with a journal. */
  void (*journal_set) (MbSectionPage *self,
                       MbJournal     *journal);
};

MbJournal *mb_section_page_get_journal          (MbSectionPage *self);
gboolean mb_section_page_get_show_back_button (MbSectionPage *self);
void     mb_section_page_set_show_back_button (MbSectionPage *self,
                                               gboolean       show_back_button);

G_END_DECLS
