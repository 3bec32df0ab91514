/* mb-localized.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MB_TYPE_LOCALIZED (mb_localized_get_type ())

typedef struct _MbLocalized MbLocalized;

GType        mb_localized_get_type          (void) G_GNUC_CONST;
MbLocalized *mb_localized_new               (void);
MbLocalized *mb_localized_ref               (MbLocalized        *self);
void         mb_localized_unref             (MbLocalized        *self);
void         mb_localized_add               (MbLocalized        *self,
                                             const char         *language,
                                             const char         *text);
guint        mb_localized_get_n_languages   (MbLocalized        *self);
const char  *mb_localized_get_language      (MbLocalized        *self,
                                             guint               index);
const char  *mb_localized_get_for_language  (MbLocalized        *self,
                                             const char         *language);
const char  *mb_localized_get_for_languages (MbLocalized        *self,
                                             const char * const *languages);
const char  *mb_localized_get               (MbLocalized        *self);
gboolean     mb_localized_is_language_tag   (const char         *tag);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbLocalized, mb_localized_unref)

G_END_DECLS
