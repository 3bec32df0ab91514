/* mb-person-link.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mb-person.h"

G_BEGIN_DECLS

#define MB_TYPE_PERSON_LINK (mb_person_link_get_type ())

G_DECLARE_FINAL_TYPE (MbPersonLink, mb_person_link, MB, PERSON_LINK, AdwBin)

MbPerson *mb_person_link_get_person (MbPersonLink *self);
void      mb_person_link_set_person (MbPersonLink *self,
                                     MbPerson     *person);

G_END_DECLS
