/* mb-mirror-wording.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mb-journal.h"
#include "mb-mirror.h"

G_BEGIN_DECLS

char *mb_mirror_wording_promises  (const MbMirror *mirror);
char *mb_mirror_wording_trust     (const MbMirror *mirror,
                                   MbJournal      *journal);
char *mb_mirror_wording_listening (const MbMirror *mirror);
char *mb_mirror_wording_judgement (const MbMirror *mirror,
                                   gboolean        lens_enabled);
char *mb_mirror_wording_balance   (int             balance);
char *mb_mirror_wording_scales    (const MbMirror *mirror);
char *mb_mirror_wording_scale     (const MbMirrorScale *scale);
char *mb_mirror_wording_repair    (const MbMirrorOverdue *overdue);

G_END_DECLS
