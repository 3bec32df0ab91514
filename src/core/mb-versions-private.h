/* mb-versions-private.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the journal (mb-journal-choose.c) knows of the versions it shows
 * and needs again to write the one chosen.
 */

#pragma once

#include "mb-versions.h"

G_BEGIN_DECLS

/* One version, as read. */
typedef struct
{
  GFile          *file;
  GBytes         *bytes;        /* NULL: the file is not there */
  char           *hash;         /* of @bytes */
  GDateTime      *modified;     /* of the file, or NULL */
  MbConversation *conversation; /* read from @bytes, to show; or NULL */
  GPtrArray      *people;       /* MbPerson read from @bytes, for people.json; or NULL */
  char           *reason;       /* why it cannot be kept, or NULL */
} MbVersion;

MbVersions *_mb_versions_new      (MbProblem     *problem,
                                   const char    *id,
                                   GBytes        *held,
                                   const char    *expected);
MbVersion  *_mb_versions_get      (MbVersions    *self,
                                   MbVersionSide  side);
const char *_mb_versions_get_id   (MbVersions    *self);
GBytes     *_mb_versions_get_held (MbVersions    *self);
const char *_mb_versions_get_expected (MbVersions *self);

G_END_DECLS
