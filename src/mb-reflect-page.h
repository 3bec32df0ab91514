/* mb-reflect-page.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mb-conversation.h"
#include "mb-person.h"

G_BEGIN_DECLS

#define MB_TYPE_REFLECT_PAGE (mb_reflect_page_get_type ())

G_DECLARE_FINAL_TYPE (MbReflectPage, mb_reflect_page, MB, REFLECT_PAGE, AdwBin)

MbConversation *mb_reflect_page_get_conversation (MbReflectPage  *self);
void            mb_reflect_page_set_conversation (MbReflectPage  *self,
                                                  MbConversation *conversation);
MbPerson       *mb_reflect_page_get_person       (MbReflectPage  *self);
void            mb_reflect_page_set_person       (MbReflectPage  *self,
                                                  MbPerson       *person);
GtkWidget      *mb_reflect_page_get_first_field  (MbReflectPage  *self);

G_END_DECLS
