/* mb-journal-convert.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mb-crypt.h"

G_BEGIN_DECLS

/* Which way the files of a journal are being converted, as its marker says. */
typedef enum
{
  MB_CONVERT_NONE,          /* no marker: no conversion under way */
  MB_CONVERT_TO_ENCRYPTED,
  MB_CONVERT_TO_PLAIN,
} MbConvertTarget;

/* Called for each file of the journal, with its path under the folder. */
typedef gboolean (*MbConvertFunc) (GFile       *file,
                                   const char  *relative,
                                   gpointer     user_data,
                                   GError     **error);

gboolean mb_journal_convert_foreach       (GFile            *dir,
                                           MbConvertFunc     func,
                                           gpointer          user_data,
                                           GError          **error);
gboolean mb_journal_convert_folder        (GFile            *dir,
                                           MbCryptKey       *key,
                                           GError          **error);
gboolean mb_journal_convert_read_marker   (GFile            *dir,
                                           MbConvertTarget  *target,
                                           GError          **error);
gboolean mb_journal_convert_write_marker  (GFile            *dir,
                                           MbConvertTarget   target,
                                           GError          **error);
gboolean mb_journal_convert_remove_marker (GFile            *dir,
                                           GError          **error);

G_END_DECLS
