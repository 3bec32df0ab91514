/* mb-crypt-private.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What mb-crypt.c offers the key file's code, and nothing else. */

#pragma once

#include "mb-crypt.h"

G_BEGIN_DECLS

#define MB_CRYPT_DATA_KEY_LEN 32

gboolean      _mb_crypt_init            (GError      **error);
MbCryptKey   *_mb_crypt_key_new         (const guint8 *id,
                                         const guint8 *secret);
const guint8 *_mb_crypt_key_get_secret  (MbCryptKey   *key);
MbCryptCost   _mb_crypt_get_cost        (void);

G_END_DECLS
