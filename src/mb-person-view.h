/* mb-person-view.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mb-journal.h"

G_BEGIN_DECLS

#define MB_TYPE_PERSON_VIEW (mb_person_view_get_type ())

G_DECLARE_FINAL_TYPE (MbPersonView, mb_person_view, MB, PERSON_VIEW, AdwBin)

GtkWidget        *mb_person_view_new        (MbJournal    *journal,
                                             MbPerson     *person);
MbPerson         *mb_person_view_get_person (MbPersonView *self);
AdwMessageDialog *mb_person_view_settle     (MbPersonView *self,
                                             MbAgreement  *agreement,
                                             gboolean      kept);

G_END_DECLS
