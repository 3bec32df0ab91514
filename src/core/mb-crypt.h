/* mb-crypt.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The name of the key file in the data folder, and of the marker that a
 * conversion to or from encrypted files is under way.
 */
#define MB_CRYPT_KEY_FILE_NAME  "journal-key.json"
#define MB_CRYPT_MARKER_NAME    "journal-converting.json"

/* The plain header of an encrypted file (see data/README-journal.md). */
#define MB_CRYPT_MAGIC          "MARBLES-ENC"
#define MB_CRYPT_MAGIC_LEN      11
#define MB_CRYPT_VERSION        1
#define MB_CRYPT_ALGORITHM      1   /* XChaCha20-Poly1305-IETF */
#define MB_CRYPT_KEY_ID_LEN     16
#define MB_CRYPT_HEADER_LEN     56  /* magic, version, algorithm, 3 zero, key id, nonce */
#define MB_CRYPT_TAG_LEN        16

#define MB_CRYPT_ERROR (mb_crypt_error_quark ())

typedef enum
{
  MB_CRYPT_ERROR_WRONG_PASSPHRASE,
  MB_CRYPT_ERROR_WRONG_RECOVERY_KEY,
  MB_CRYPT_ERROR_DAMAGED,          /* fails authentication, or cut short */
  MB_CRYPT_ERROR_UNKNOWN_VERSION,  /* written by a newer Marbles */
  MB_CRYPT_ERROR_NO_KEY,           /* encrypted with a key that is not unlocked */
  MB_CRYPT_ERROR_INVALID_KEY_FILE,
  MB_CRYPT_ERROR_FAILED,           /* libsodium could not start, or out of memory */
  MB_CRYPT_ERROR_WRONG_KEY,        /* a remembered key that does not open the key file's journal */
} MbCryptError;

GQuark mb_crypt_error_quark (void);

/* An unlocked data key: 32 bytes in memory that is locked and zeroed
 * when freed, and the id of the key file it came from.
 */
typedef struct _MbCryptKey MbCryptKey;

MbCryptKey   *mb_crypt_key_ref             (MbCryptKey   *key);
void          mb_crypt_key_unref           (MbCryptKey   *key);
const guint8 *mb_crypt_key_get_id          (MbCryptKey   *key);
char         *mb_crypt_key_export          (MbCryptKey   *key);
void          mb_crypt_free_secret         (char         *secret);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbCryptKey, mb_crypt_key_unref)

/* The cost of the passphrase's key derivation (Argon2id). */
typedef enum
{
  MB_CRYPT_COST_NORMAL,   /* for a laptop: see data/README-journal.md */
  MB_CRYPT_COST_LOWEST,   /* libsodium's minimum: only for tests */
} MbCryptCost;

void          mb_crypt_set_cost            (MbCryptCost   cost);

/* The key file: mb-crypt-key-file.c */
GBytes       *mb_crypt_key_file_create     (const char   *passphrase,
                                            MbCryptKey  **key,
                                            char        **recovery_key,
                                            GError      **error);
MbCryptKey   *mb_crypt_key_file_unlock     (GBytes       *key_file,
                                            const char   *passphrase,
                                            GError      **error);
MbCryptKey   *mb_crypt_key_file_recover    (GBytes       *key_file,
                                            const char   *recovery_key,
                                            GError      **error);
GBytes       *mb_crypt_key_file_rewrap     (GBytes       *key_file,
                                            MbCryptKey   *key,
                                            const char   *passphrase,
                                            GError      **error);
gboolean      mb_crypt_key_file_check      (GBytes       *key_file,
                                            GError      **error);
char         *mb_crypt_key_file_dup_id     (GBytes       *key_file,
                                            GError      **error);
MbCryptKey   *mb_crypt_key_file_import     (GBytes       *key_file,
                                            const char   *exported,
                                            GError      **error);
GBytes       *mb_crypt_key_file_add_check  (GBytes       *key_file,
                                            MbCryptKey   *key,
                                            GError      **error);

/* The envelope of one file: mb-crypt.c */
gboolean      mb_crypt_is_envelope         (GBytes       *bytes);
GBytes       *mb_crypt_seal                (MbCryptKey   *key,
                                            GBytes       *plain);
GBytes       *mb_crypt_open                (MbCryptKey   *key,
                                            GBytes       *sealed,
                                            GError      **error);

/* The keys unlocked in this process, for reading files anywhere. */
void          mb_crypt_add_unlocked        (MbCryptKey   *key);
void          mb_crypt_remove_unlocked     (MbCryptKey   *key);
GBytes       *mb_crypt_open_unlocked       (GBytes       *bytes,
                                            GError      **error);

G_END_DECLS
