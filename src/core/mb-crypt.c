/* mb-crypt.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Encryption at rest: the envelope of one file and the data keys this
 * process has unlocked. All cryptography is libsodium's; the format is
 * described in data/README-journal.md.
 */

#define G_LOG_DOMAIN "mb-crypt"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <sodium.h>

#include "mb-crypt-private.h"

G_DEFINE_QUARK (mb-crypt-error-quark, mb_crypt_error)

G_STATIC_ASSERT (MB_CRYPT_HEADER_LEN == 32 + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
G_STATIC_ASSERT (MB_CRYPT_TAG_LEN == crypto_aead_xchacha20poly1305_ietf_ABYTES);
G_STATIC_ASSERT (MB_CRYPT_DATA_KEY_LEN == crypto_aead_xchacha20poly1305_ietf_KEYBYTES);

struct _MbCryptKey
{
  gatomicrefcount  ref_count;
  guint8           id[MB_CRYPT_KEY_ID_LEN];
  guint8          *secret;   /* sodium_malloc: MB_CRYPT_DATA_KEY_LEN bytes, read-only */
};

static GMutex     unlocked_lock;
static GPtrArray *unlocked;  /* MbCryptKey */
static MbCryptCost cost = MB_CRYPT_COST_NORMAL;

/* Starts libsodium once; sodium_init() is safe to call again. */
gboolean
_mb_crypt_init (GError **error)
{
  if (sodium_init () >= 0)
    return TRUE;

  g_set_error_literal (error, MB_CRYPT_ERROR, MB_CRYPT_ERROR_FAILED,
                       _("The encryption library could not be started"));
  return FALSE;
}

/**
 * _mb_crypt_key_new:
 * @id: the key id, %MB_CRYPT_KEY_ID_LEN bytes
 * @secret: (nullable): %MB_CRYPT_DATA_KEY_LEN bytes, or %NULL for a new random key
 *
 * Returns: (transfer full) (nullable): the key, or %NULL when no
 *   locked memory could be had
 */
MbCryptKey *
_mb_crypt_key_new (const guint8 *id,
                   const guint8 *secret)
{
  MbCryptKey *key;

  if (!_mb_crypt_init (NULL))
    return NULL;

  key = g_new0 (MbCryptKey, 1);
  key->secret = sodium_malloc (MB_CRYPT_DATA_KEY_LEN);
  if (key->secret == NULL)
    {
      g_free (key);
      return NULL;
    }

  g_atomic_ref_count_init (&key->ref_count);
  memcpy (key->id, id, MB_CRYPT_KEY_ID_LEN);
  if (secret != NULL)
    memcpy (key->secret, secret, MB_CRYPT_DATA_KEY_LEN);
  else
    crypto_aead_xchacha20poly1305_ietf_keygen (key->secret);
  sodium_mprotect_readonly (key->secret);
  return key;
}

/* The 32 bytes of @key; for the key file only. */
const guint8 *
_mb_crypt_key_get_secret (MbCryptKey *key)
{
  return key->secret;
}

MbCryptKey *
mb_crypt_key_ref (MbCryptKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  g_atomic_ref_count_inc (&key->ref_count);
  return key;
}

/* sodium_free() zeroes the memory before it gives it back. */
void
mb_crypt_key_unref (MbCryptKey *key)
{
  g_return_if_fail (key != NULL);

  if (!g_atomic_ref_count_dec (&key->ref_count))
    return;
  sodium_free (key->secret);
  g_free (key);
}

const guint8 *
mb_crypt_key_get_id (MbCryptKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  return key->id;
}

/**
 * mb_crypt_key_export:
 *
 * The data key as the keyring keeps it: 64 hexadecimal digits, in
 * locked memory that is zeroed when freed.
 *
 * Returns: (transfer full) (nullable): the key, to free with
 *   mb_crypt_free_secret(); %NULL when no memory could be had
 */
char *
mb_crypt_key_export (MbCryptKey *key)
{
  char *hex;

  g_return_val_if_fail (key != NULL, NULL);

  hex = sodium_malloc (2 * MB_CRYPT_DATA_KEY_LEN + 1);
  if (hex != NULL)
    sodium_bin2hex (hex, 2 * MB_CRYPT_DATA_KEY_LEN + 1, key->secret, MB_CRYPT_DATA_KEY_LEN);
  return hex;
}

/* Zeroes and frees what mb_crypt_key_export() gave. */
void
mb_crypt_free_secret (char *secret)
{
  if (secret != NULL)
    sodium_free (secret);
}

/**
 * mb_crypt_set_cost:
 *
 * Sets the cost of the key derivation for key files made or rewrapped
 * from now on. %MB_CRYPT_COST_LOWEST is for tests only: it makes a
 * passphrase cheap to guess.
 */
void
mb_crypt_set_cost (MbCryptCost new_cost)
{
  cost = new_cost;
}

MbCryptCost
_mb_crypt_get_cost (void)
{
  return cost;
}

/* The envelope */

/**
 * mb_crypt_is_envelope:
 * @bytes: a file's contents
 *
 * Returns: whether @bytes starts as an encrypted file does; it may still
 *   be damaged, or of a newer version
 */
gboolean
mb_crypt_is_envelope (GBytes *bytes)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  return len >= MB_CRYPT_MAGIC_LEN && memcmp (data, MB_CRYPT_MAGIC, MB_CRYPT_MAGIC_LEN) == 0;
}

/**
 * mb_crypt_seal:
 * @key: the data key
 * @plain: what to encrypt
 *
 * Returns: (transfer full): @plain encrypted and authenticated, with a
 *   new random nonce, behind the plain header
 */
GBytes *
mb_crypt_seal (MbCryptKey *key,
               GBytes     *plain)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (plain, &len);
  guint8 *out = g_malloc (MB_CRYPT_HEADER_LEN + len + MB_CRYPT_TAG_LEN);
  unsigned long long out_len;

  g_return_val_if_fail (key != NULL, NULL);

  if (data == NULL)
    data = (const guint8 *) "";

  memset (out, 0, MB_CRYPT_HEADER_LEN);
  memcpy (out, MB_CRYPT_MAGIC, MB_CRYPT_MAGIC_LEN);
  out[11] = MB_CRYPT_VERSION;
  out[12] = MB_CRYPT_ALGORITHM;
  memcpy (out + 16, key->id, MB_CRYPT_KEY_ID_LEN);
  randombytes_buf (out + 32, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);

  crypto_aead_xchacha20poly1305_ietf_encrypt (out + MB_CRYPT_HEADER_LEN, &out_len, data, len,
                                              out, MB_CRYPT_HEADER_LEN, NULL, out + 32, key->secret);
  return g_bytes_new_take (out, MB_CRYPT_HEADER_LEN + out_len);
}

/* Checks the plain header of @data: Marbles's, of a version and an
 * algorithm this one knows, and long enough for a tag.
 */
static gboolean
check_header (const guint8  *data,
              gsize          len,
              GError       **error)
{
  if (len < MB_CRYPT_MAGIC_LEN || memcmp (data, MB_CRYPT_MAGIC, MB_CRYPT_MAGIC_LEN) != 0)
    {
      g_set_error_literal (error, MB_CRYPT_ERROR, MB_CRYPT_ERROR_DAMAGED,
                           _("This is not an encrypted Marbles file"));
      return FALSE;
    }
  if (len > 12 && (data[11] != MB_CRYPT_VERSION || data[12] != MB_CRYPT_ALGORITHM))
    {
      g_set_error_literal (error, MB_CRYPT_ERROR, MB_CRYPT_ERROR_UNKNOWN_VERSION,
                           _("This file is encrypted in a way this version of Marbles does not know; "
                             "a newer version may read it"));
      return FALSE;
    }
  if (len < MB_CRYPT_HEADER_LEN + MB_CRYPT_TAG_LEN)
    {
      g_set_error_literal (error, MB_CRYPT_ERROR, MB_CRYPT_ERROR_DAMAGED,
                           _("This encrypted file is cut short"));
      return FALSE;
    }
  return TRUE;
}

/**
 * mb_crypt_open:
 * @key: the data key
 * @sealed: what mb_crypt_seal() made
 *
 * Returns: (transfer full) (nullable): the plain contents, or %NULL with
 *   @error set when @sealed is damaged, cut short, of an unknown version
 *   or encrypted with another key
 */
GBytes *
mb_crypt_open (MbCryptKey  *key,
               GBytes      *sealed,
               GError     **error)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (sealed, &len);
  guint8 *out;
  unsigned long long out_len;

  g_return_val_if_fail (key != NULL, NULL);

  if (!check_header (data, len, error))
    return NULL;
  if (memcmp (data + 16, key->id, MB_CRYPT_KEY_ID_LEN) != 0)
    {
      g_set_error_literal (error, MB_CRYPT_ERROR, MB_CRYPT_ERROR_NO_KEY,
                           _("This file was encrypted with another journal’s key"));
      return NULL;
    }

  out = g_malloc (MAX (len - MB_CRYPT_HEADER_LEN - MB_CRYPT_TAG_LEN, 1));
  if (crypto_aead_xchacha20poly1305_ietf_decrypt (out, &out_len, NULL,
                                                  data + MB_CRYPT_HEADER_LEN, len - MB_CRYPT_HEADER_LEN,
                                                  data, MB_CRYPT_HEADER_LEN, data + 32, key->secret) != 0)
    {
      g_free (out);
      g_set_error_literal (error, MB_CRYPT_ERROR, MB_CRYPT_ERROR_DAMAGED,
                           _("This encrypted file was changed or cut short, so it cannot be read"));
      return NULL;
    }

  return g_bytes_new_take (out, out_len);
}

/* The keys unlocked in this process */

/**
 * mb_crypt_add_unlocked:
 * @key: an unlocked key
 *
 * Lets mb_crypt_open_unlocked() open files encrypted with @key, until
 * mb_crypt_remove_unlocked(): a journal adds its key when unlocked, and
 * every file of it read anywhere in Marbles is then opened with it.
 * Each add is undone by one remove.
 */
void
mb_crypt_add_unlocked (MbCryptKey *key)
{
  g_return_if_fail (key != NULL);

  g_mutex_lock (&unlocked_lock);
  if (unlocked == NULL)
    unlocked = g_ptr_array_new_with_free_func ((GDestroyNotify) mb_crypt_key_unref);
  g_ptr_array_add (unlocked, mb_crypt_key_ref (key));
  g_mutex_unlock (&unlocked_lock);
}

void
mb_crypt_remove_unlocked (MbCryptKey *key)
{
  g_return_if_fail (key != NULL);

  g_mutex_lock (&unlocked_lock);
  if (unlocked != NULL)
    g_ptr_array_remove (unlocked, key);
  g_mutex_unlock (&unlocked_lock);
}

/* The unlocked key of id @id, or %NULL; @any says whether there is one at all. */
static MbCryptKey *
find_unlocked (const guint8 *id,
               gboolean     *any)
{
  MbCryptKey *found = NULL;

  g_mutex_lock (&unlocked_lock);
  *any = unlocked != NULL && unlocked->len > 0;
  for (guint i = 0; unlocked != NULL && i < unlocked->len && found == NULL; i++)
    {
      MbCryptKey *key = g_ptr_array_index (unlocked, i);

      if (memcmp (key->id, id, MB_CRYPT_KEY_ID_LEN) == 0)
        found = mb_crypt_key_ref (key);
    }
  g_mutex_unlock (&unlocked_lock);
  return found;
}

/**
 * mb_crypt_open_unlocked:
 * @bytes: a file's contents, encrypted or not
 *
 * Returns: (transfer full) (nullable): @bytes itself when it is not
 *   encrypted; else its plain contents, opened with the unlocked key it
 *   names, or %NULL with @error set
 */
GBytes *
mb_crypt_open_unlocked (GBytes  *bytes,
                        GError **error)
{
  g_autoptr(MbCryptKey) key = NULL;
  gboolean any;
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  if (!mb_crypt_is_envelope (bytes))
    return g_bytes_ref (bytes);
  if (!check_header (data, len, error))
    return NULL;

  key = find_unlocked (data + 16, &any);
  if (key == NULL)
    {
      g_set_error_literal (error, MB_CRYPT_ERROR, MB_CRYPT_ERROR_NO_KEY,
                           any ? _("This file was encrypted with another journal’s key")
                               : _("This file is encrypted, and the journal is locked"));
      return NULL;
    }
  return mb_crypt_open (key, bytes, error);
}
