/* mb-mirror-export.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mb-document.h"
#include "mb-journal.h"
#include "mb-mirror.h"

G_BEGIN_DECLS

MbDocument *mb_mirror_export_document (const MbMirror *mirror,
                                       MbJournal      *journal,
                                       gboolean        lens_enabled);

G_END_DECLS
