/* mb-keyring.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mb-journal.h"

G_BEGIN_DECLS

/* The keyring's three calls, each blocking (they run in a worker): the
 * desktop's keyring through libsecret, or what a test puts in its place.
 * @key_id names the journal's key (see mb_journal_dup_key_id()).
 */
typedef struct
{
  /* The remembered key, or %NULL (without @error) when there is none. */
  char     *(*lookup)      (const char    *key_id,
                            GCancellable  *cancellable,
                            GError       **error);
  gboolean  (*store)       (const char    *key_id,
                            const char    *label,
                            const char    *secret,
                            GCancellable  *cancellable,
                            GError       **error);
  /* %TRUE also when there was nothing to remove. */
  gboolean  (*clear)       (const char    *key_id,
                            GCancellable  *cancellable,
                            GError       **error);
  /* Frees what lookup() gave, zeroed. */
  void      (*free_secret) (char          *secret);
} MbKeyringBackend;

void      mb_keyring_set_backend      (const MbKeyringBackend *backend);

void      mb_keyring_unlock_async     (MbJournal            *journal,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
gboolean  mb_keyring_unlock_finish    (MbJournal            *journal,
                                       GAsyncResult         *result,
                                       GError              **error);
void      mb_keyring_lookup_async     (MbJournal            *journal,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
gboolean  mb_keyring_lookup_finish    (MbJournal            *journal,
                                       GAsyncResult         *result,
                                       GError              **error);
void      mb_keyring_remember_async   (MbJournal            *journal,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
gboolean  mb_keyring_remember_finish  (MbJournal            *journal,
                                       GAsyncResult         *result,
                                       GError              **error);
void      mb_keyring_forget_async     (MbJournal            *journal,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
void      mb_keyring_forget_old_async (MbJournal            *journal,
                                       const char           *old_key_id,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
gboolean  mb_keyring_forget_finish    (MbJournal            *journal,
                                       GAsyncResult         *result,
                                       GError              **error);

G_END_DECLS
