/* mb-people-page.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mb-section-page.h"

#include "mb-journal.h"

G_BEGIN_DECLS

#define MB_TYPE_PEOPLE_PAGE (mb_people_page_get_type ())

G_DECLARE_FINAL_TYPE (MbPeoplePage, mb_people_page, MB, PEOPLE_PAGE, MbSectionPage)

AdwMessageDialog *mb_people_page_edit_person   (MbPeoplePage *self,
                                                MbPerson     *person);
AdwMessageDialog *mb_people_page_forget_person (MbPeoplePage *self,
                                                MbPerson     *person);

GtkWidget        *mb_people_page_show_person   (MbPeoplePage *self,
                                               MbPerson     *person);

G_END_DECLS
