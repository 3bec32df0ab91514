/* mb-storage.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Asked at the last moment whether to go on; see mb_storage_write_private_if(). */
typedef gboolean (*MbStorageCheck) (gpointer   user_data,
                                    GError   **error);

char     *mb_storage_dup_data_dir      (void);
char     *mb_storage_dup_state_dir     (void);
void      mb_storage_drop_relative_xdg_dirs (void);
gboolean  mb_storage_is_valid_id       (const char  *id);
gboolean  mb_storage_is_valid_checksum (const char  *checksum);
gboolean  mb_storage_ensure_private_dir (const char  *path,
                                         GError     **error);
gboolean  mb_storage_write_private     (const char  *path,
                                        GBytes      *contents,
                                        GError     **error);
gboolean  mb_storage_write_private_if  (const char      *path,
                                        GBytes          *contents,
                                        MbStorageCheck   check,
                                        gpointer         user_data,
                                        GError         **error);
GBytes   *mb_storage_load              (GFile           *file,
                                        GCancellable    *cancellable,
                                        GError         **error);

G_END_DECLS
