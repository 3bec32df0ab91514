/* mb-crypt-key-file.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The journal's key file: the random data key, wrapped once by a key
 * derived from the passphrase (Argon2id) and once by the recovery key.
 * Its members are described in data/README-journal.md.
 */

#define G_LOG_DOMAIN "mb-crypt"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <sodium.h>

#include "mb-crypt-private.h"
#include "mb-json.h"

#define KEY_FILE_FORMAT   "marbles-journal-key"
#define KEY_FILE_VERSION  1
#define KDF_ALGORITHM     "argon2id13"
#define WRAP_ALGORITHM    "xchacha20poly1305-ietf"
#define RECOVERY_KDF      "blake2b-256"
#define SALT_LEN          crypto_pwhash_SALTBYTES
#define NONCE_LEN         crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define WRAPPED_LEN       (MB_CRYPT_DATA_KEY_LEN + crypto_aead_xchacha20poly1305_ietf_ABYTES)
#define RECOVERY_LEN      20   /* 160 random bits: 32 base32 letters */
#define RECOVERY_GROUP    4
#define CHECK_LEN         32   /* the key check: BLAKE2b of the key id, keyed by the data key */
#define CHECK_PERSONAL    "marbles-keycheck"

static const char base32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/* One wrapping of the data key. */
typedef struct
{
  guint8 nonce[NONCE_LEN];
  guint8 wrapped[WRAPPED_LEN];
} Wrap;

/* A key file, read and checked. */
typedef struct
{
  JsonNode *root;
  guint8    id[MB_CRYPT_KEY_ID_LEN];
  guint8    salt[SALT_LEN];
  guint64   opslimit;
  guint64   memlimit;
  Wrap      passphrase;
  Wrap      recovery;
  gboolean  has_check;
  guint8    check[CHECK_LEN];
} KeyFile;

static void
key_file_clear (KeyFile *file)
{
  g_clear_pointer (&file->root, json_node_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KeyFile, key_file_clear)

static gboolean
set_invalid (GError     **error,
             const char  *member)
{
  /* Translators: %s is the name of a member of the key file, such as “salt” */
  g_set_error (error, MB_CRYPT_ERROR, MB_CRYPT_ERROR_INVALID_KEY_FILE,
               _("The journal’s key file is damaged: “%s” is missing or wrong"), member);
  return FALSE;
}

/* Reads the hexadecimal member @member of @object into @out, which must
 * take exactly @len bytes.
 */
static gboolean
read_hex (JsonObject  *object,
          const char  *member,
          guint8      *out,
          gsize        len,
          GError     **error)
{
  const char *hex = object != NULL ? mb_json_get_string (object, member) : NULL;
  size_t bin_len = 0;

  if (hex == NULL || strlen (hex) != 2 * len ||
      sodium_hex2bin (out, len, hex, strlen (hex), NULL, &bin_len, NULL) != 0 || bin_len != len)
    return set_invalid (error, member);
  return TRUE;
}

static JsonObject *
get_object (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* The whole number @member holds, or 0 for anything else. */
static gint64
get_int (JsonObject *object,
         const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64
         ? json_node_get_int (node) : 0;
}

static gboolean
read_wrap (JsonObject  *root,
           const char  *member,
           Wrap        *wrap,
           GError     **error)
{
  JsonObject *object = get_object (root, member);

  if (object == NULL || g_strcmp0 (mb_json_get_string (object, "algorithm"), WRAP_ALGORITHM) != 0)
    return set_invalid (error, member);
  return read_hex (object, "nonce", wrap->nonce, NONCE_LEN, error) &&
         read_hex (object, "wrapped", wrap->wrapped, WRAPPED_LEN, error);
}

/* Reads the key derivation's members; limits beyond libsodium's
 * "sensitive" ones are refused, so a key file cannot make Marbles take
 * all memory or minutes.
 */
static gboolean
read_kdf (JsonObject  *root,
          KeyFile     *file,
          GError     **error)
{
  JsonObject *kdf = get_object (root, "kdf");
  gint64 ops, mem;

  if (kdf == NULL || g_strcmp0 (mb_json_get_string (kdf, "algorithm"), KDF_ALGORITHM) != 0)
    return set_invalid (error, "kdf");
  ops = get_int (kdf, "opslimit");
  mem = get_int (kdf, "memlimit");
  if (ops < crypto_pwhash_OPSLIMIT_MIN || ops > crypto_pwhash_OPSLIMIT_SENSITIVE)
    return set_invalid (error, "opslimit");
  if (mem < crypto_pwhash_MEMLIMIT_MIN || (guint64) mem > crypto_pwhash_MEMLIMIT_SENSITIVE)
    return set_invalid (error, "memlimit");
  file->opslimit = ops;
  file->memlimit = mem;
  return read_hex (kdf, "salt", file->salt, SALT_LEN, error);
}

static gboolean
read_key_file (GBytes   *bytes,
               KeyFile  *file,
               GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonObject *root;

  file->root = mb_json_parse (bytes, MB_CRYPT_KEY_FILE_NAME, &local_error);
  if (file->root == NULL || !JSON_NODE_HOLDS_OBJECT (file->root))
    {
      g_set_error (error, MB_CRYPT_ERROR, MB_CRYPT_ERROR_INVALID_KEY_FILE,
                   _("The journal’s key file is damaged: %s"),
                   local_error != NULL ? local_error->message : _("it is not a JSON object"));
      return FALSE;
    }

  root = json_node_get_object (file->root);
  if (g_strcmp0 (mb_json_get_string (root, "format"), KEY_FILE_FORMAT) != 0)
    return set_invalid (error, "format");
  if (get_int (root, "version") != KEY_FILE_VERSION)
    {
      g_set_error_literal (error, MB_CRYPT_ERROR, MB_CRYPT_ERROR_UNKNOWN_VERSION,
                           _("The journal’s key file is of a newer version of Marbles"));
      return FALSE;
    }
  /* The key check is optional: key files written before it have none. */
  file->has_check = json_object_has_member (root, "key-check");
  return read_hex (root, "key-id", file->id, MB_CRYPT_KEY_ID_LEN, error) &&
         read_kdf (root, file, error) &&
         read_wrap (root, "passphrase", &file->passphrase, error) &&
         read_wrap (root, "recovery", &file->recovery, error) &&
         (!file->has_check || read_hex (root, "key-check", file->check, CHECK_LEN, error));
}

/**
 * mb_crypt_key_file_check:
 * @key_file: the contents of a key file
 *
 * Returns: whether @key_file is one this version can use
 */
gboolean
mb_crypt_key_file_check (GBytes  *key_file,
                         GError **error)
{
  g_auto(KeyFile) file = { NULL };

  g_return_val_if_fail (key_file != NULL, FALSE);

  return read_key_file (key_file, &file, error);
}

/* Key derivation */

/* The key that wraps the data key, derived from @passphrase: in locked
 * memory, to give back with sodium_free(); %NULL when there is none.
 */
static guint8 *
derive_from_passphrase (const char     *passphrase,
                        const KeyFile  *file,
                        GError        **error)
{
  guint8 *kek = sodium_malloc (MB_CRYPT_DATA_KEY_LEN);

  if (kek == NULL ||
      crypto_pwhash (kek, MB_CRYPT_DATA_KEY_LEN, passphrase, strlen (passphrase), file->salt,
                     file->opslimit, file->memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_clear_pointer (&kek, sodium_free);
      g_set_error_literal (error, MB_CRYPT_ERROR, MB_CRYPT_ERROR_FAILED,
                           _("There is not enough memory to open the journal"));
    }
  return kek;
}

/* The key that wraps the data key, from the recovery key's bytes. */
static guint8 *
derive_from_recovery (const guint8 *recovery)
{
  guint8 *kek = sodium_malloc (MB_CRYPT_DATA_KEY_LEN);

  if (kek != NULL)
    crypto_generichash (kek, MB_CRYPT_DATA_KEY_LEN, recovery, RECOVERY_LEN, NULL, 0);
  return kek;
}

/* The recovery key as it is shown: base32 (RFC 4648) in groups of four. */
static char *
encode_recovery (const guint8 *recovery)
{
  GString *text = g_string_new (NULL);
  guint bits = 0, n_bits = 0;

  for (gsize i = 0; i < RECOVERY_LEN; i++)
    {
      bits = (bits << 8) | recovery[i];
      n_bits += 8;
      while (n_bits >= 5)
        {
          if (text->len % (RECOVERY_GROUP + 1) == RECOVERY_GROUP)
            g_string_append_c (text, '-');
          g_string_append_c (text, base32[(bits >> (n_bits - 5)) & 31]);
          n_bits -= 5;
        }
    }
  return g_string_free (text, FALSE);
}

/* Reads a recovery key as typed: case, spaces and hyphens do not matter. */
static gboolean
decode_recovery (const char *text,
                 guint8     *recovery)
{
  guint bits = 0, n_bits = 0;
  gsize n = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      const char *at;

      if (*p == '-' || g_ascii_isspace (*p))
        continue;
      at = strchr (base32, g_ascii_toupper (*p));
      if (at == NULL || n >= RECOVERY_LEN)
        return FALSE;
      bits = (bits << 5) | (guint) (at - base32);
      n_bits += 5;
      if (n_bits >= 8)
        {
          recovery[n++] = (bits >> (n_bits - 8)) & 0xff;
          n_bits -= 8;
        }
    }
  return n == RECOVERY_LEN && n_bits == 0;
}

/* Wrapping */

static void
wrap_key (const guint8 *kek,
          MbCryptKey   *key,
          Wrap         *wrap)
{
  randombytes_buf (wrap->nonce, NONCE_LEN);
  crypto_aead_xchacha20poly1305_ietf_encrypt (wrap->wrapped, NULL,
                                              _mb_crypt_key_get_secret (key), MB_CRYPT_DATA_KEY_LEN,
                                              mb_crypt_key_get_id (key), MB_CRYPT_KEY_ID_LEN,
                                              NULL, wrap->nonce, kek);
}

/* The data key in @wrap, or %NULL when @kek is not the one it was wrapped with. */
static MbCryptKey *
unwrap_key (const guint8  *kek,
            const KeyFile *file,
            const Wrap    *wrap)
{
  guint8 *secret = sodium_malloc (MB_CRYPT_DATA_KEY_LEN);
  MbCryptKey *key = NULL;

  if (secret == NULL)
    return NULL;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt (secret, NULL, NULL, wrap->wrapped, WRAPPED_LEN,
                                                  file->id, MB_CRYPT_KEY_ID_LEN, wrap->nonce, kek) == 0)
    key = _mb_crypt_key_new (file->id, secret);
  sodium_free (secret);
  return key;
}

static void
set_hex (JsonObject   *object,
         const char   *member,
         const guint8 *data,
         gsize         len)
{
  g_autofree char *hex = g_malloc (2 * len + 1);

  sodium_bin2hex (hex, 2 * len + 1, data, len);
  json_object_set_string_member (object, member, hex);
}

static void
set_wrap (JsonObject *root,
          const char *member,
          const Wrap *wrap)
{
  JsonObject *object = get_object (root, member);

  if (object == NULL)
    {
      object = json_object_new ();
      json_object_set_object_member (root, member, object);
    }
  json_object_set_string_member (object, "algorithm", WRAP_ALGORITHM);
  set_hex (object, "nonce", wrap->nonce, NONCE_LEN);
  set_hex (object, "wrapped", wrap->wrapped, WRAPPED_LEN);
}

/* A new salt and the limits of the current cost, in @file and its JSON. */
static void
set_kdf (KeyFile *file)
{
  JsonObject *root = json_node_get_object (file->root);
  JsonObject *kdf = get_object (root, "kdf");
  gboolean lowest = _mb_crypt_get_cost () == MB_CRYPT_COST_LOWEST;

  if (kdf == NULL)
    {
      kdf = json_object_new ();
      json_object_set_object_member (root, "kdf", kdf);
    }
  randombytes_buf (file->salt, SALT_LEN);
  file->opslimit = lowest ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
  file->memlimit = lowest ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
  json_object_set_string_member (kdf, "algorithm", KDF_ALGORITHM);
  set_hex (kdf, "salt", file->salt, SALT_LEN);
  json_object_set_int_member (kdf, "opslimit", file->opslimit);
  json_object_set_int_member (kdf, "memlimit", file->memlimit);
}

/* The key check of @secret for the key id @id: lets a remembered data
 * key be told right or wrong without the passphrase, and tells nothing
 * about the key (see data/README-journal.md).
 */
static void
compute_check (const guint8 *id,
               const guint8 *secret,
               guint8       *check)
{
  static const guint8 salt[crypto_generichash_blake2b_SALTBYTES] = { 0 };

  crypto_generichash_blake2b_salt_personal (check, CHECK_LEN, id, MB_CRYPT_KEY_ID_LEN,
                                            secret, MB_CRYPT_DATA_KEY_LEN,
                                            salt, (const guint8 *) CHECK_PERSONAL);
}

static void
set_check (KeyFile    *file,
           MbCryptKey *key)
{
  compute_check (file->id, _mb_crypt_key_get_secret (key), file->check);
  file->has_check = TRUE;
  set_hex (json_node_get_object (file->root), "key-check", file->check, CHECK_LEN);
}

/* Sets a new salt and wraps @key with @passphrase in @file. */
static gboolean
wrap_with_passphrase (KeyFile     *file,
                      MbCryptKey  *key,
                      const char  *passphrase,
                      GError     **error)
{
  guint8 *kek;

  set_kdf (file);
  kek = derive_from_passphrase (passphrase, file, error);
  if (kek == NULL)
    return FALSE;
  wrap_key (kek, key, &file->passphrase);
  sodium_free (kek);
  set_wrap (json_node_get_object (file->root), "passphrase", &file->passphrase);
  set_check (file, key);
  return TRUE;
}

static GBytes *
to_bytes (KeyFile *file)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  char *text;
  gsize len;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, file->root);
  text = json_generator_to_data (generator, &len);
  return g_bytes_new_take (text, len);
}

/**
 * mb_crypt_key_file_create:
 * @passphrase: the passphrase
 * @key: (out): the new data key
 * @recovery_key: (out): the recovery key, to show the user once
 *
 * Returns: (transfer full) (nullable): the contents of a new key file
 */
GBytes *
mb_crypt_key_file_create (const char  *passphrase,
                          MbCryptKey **key,
                          char       **recovery_key,
                          GError     **error)
{
  g_auto(KeyFile) file = { NULL };
  g_autoptr(MbCryptKey) new_key = NULL;
  guint8 *recovery = NULL, *kek = NULL;
  JsonObject *root;

  g_return_val_if_fail (passphrase != NULL && key != NULL && recovery_key != NULL, NULL);

  if (!_mb_crypt_init (error))
    return NULL;
  randombytes_buf (file.id, MB_CRYPT_KEY_ID_LEN);
  new_key = _mb_crypt_key_new (file.id, NULL);
  recovery = sodium_malloc (RECOVERY_LEN);
  kek = recovery != NULL ? (randombytes_buf (recovery, RECOVERY_LEN), derive_from_recovery (recovery)) : NULL;
  if (new_key == NULL || kek == NULL)
    {
      g_clear_pointer (&recovery, sodium_free);
      g_set_error_literal (error, MB_CRYPT_ERROR, MB_CRYPT_ERROR_FAILED,
                           _("There is not enough memory to protect the journal"));
      return NULL;
    }

  file.root = json_node_init_object (json_node_alloc (), json_object_new ());
  root = json_node_get_object (file.root);
  json_object_set_string_member (root, "format", KEY_FILE_FORMAT);
  json_object_set_int_member (root, "version", KEY_FILE_VERSION);
  set_hex (root, "key-id", file.id, MB_CRYPT_KEY_ID_LEN);
  wrap_key (kek, new_key, &file.recovery);
  sodium_free (kek);
  if (!wrap_with_passphrase (&file, new_key, passphrase, error))
    {
      sodium_free (recovery);
      return NULL;
    }
  set_wrap (root, "recovery", &file.recovery);

  *recovery_key = encode_recovery (recovery);
  sodium_free (recovery);
  *key = g_steal_pointer (&new_key);
  return to_bytes (&file);
}

/**
 * mb_crypt_key_file_unlock:
 * @key_file: the contents of the key file
 * @passphrase: what the user typed
 *
 * Returns: (transfer full) (nullable): the data key, or %NULL with
 *   %MB_CRYPT_ERROR_WRONG_PASSPHRASE or another error
 */
MbCryptKey *
mb_crypt_key_file_unlock (GBytes      *key_file,
                          const char  *passphrase,
                          GError     **error)
{
  g_auto(KeyFile) file = { NULL };
  MbCryptKey *key;
  guint8 *kek;

  g_return_val_if_fail (key_file != NULL && passphrase != NULL, NULL);

  if (!_mb_crypt_init (error) || !read_key_file (key_file, &file, error) ||
      (kek = derive_from_passphrase (passphrase, &file, error)) == NULL)
    return NULL;

  key = unwrap_key (kek, &file, &file.passphrase);
  sodium_free (kek);
  if (key == NULL)
    g_set_error_literal (error, MB_CRYPT_ERROR, MB_CRYPT_ERROR_WRONG_PASSPHRASE,
                         _("This is not the journal’s passphrase"));
  return key;
}

/**
 * mb_crypt_key_file_recover:
 * @key_file: the contents of the key file
 * @recovery_key: what the user typed
 *
 * Returns: (transfer full) (nullable): the data key, or %NULL with
 *   %MB_CRYPT_ERROR_WRONG_RECOVERY_KEY or another error
 */
MbCryptKey *
mb_crypt_key_file_recover (GBytes      *key_file,
                           const char  *recovery_key,
                           GError     **error)
{
  g_auto(KeyFile) file = { NULL };
  MbCryptKey *key = NULL;
  guint8 *recovery, *kek = NULL;

  g_return_val_if_fail (key_file != NULL && recovery_key != NULL, NULL);

  if (!_mb_crypt_init (error) || !read_key_file (key_file, &file, error))
    return NULL;

  recovery = sodium_malloc (RECOVERY_LEN);
  if (recovery != NULL && decode_recovery (recovery_key, recovery))
    kek = derive_from_recovery (recovery);
  if (kek != NULL)
    key = unwrap_key (kek, &file, &file.recovery);
  g_clear_pointer (&kek, sodium_free);
  g_clear_pointer (&recovery, sodium_free);
  if (key == NULL)
    g_set_error_literal (error, MB_CRYPT_ERROR, MB_CRYPT_ERROR_WRONG_RECOVERY_KEY,
                         _("This is not the journal’s recovery key"));
  return key;
}

/**
 * mb_crypt_key_file_rewrap:
 * @key_file: the contents of the key file
 * @key: its data key, unlocked
 * @passphrase: the new passphrase
 *
 * Returns: (transfer full) (nullable): the key file with the data key
 *   wrapped by @passphrase, with a new salt; the recovery key and every
 *   other member are kept
 */
GBytes *
mb_crypt_key_file_rewrap (GBytes      *key_file,
                          MbCryptKey  *key,
                          const char  *passphrase,
                          GError     **error)
{
  g_auto(KeyFile) file = { NULL };

  g_return_val_if_fail (key_file != NULL && key != NULL && passphrase != NULL, NULL);

  if (!_mb_crypt_init (error) || !read_key_file (key_file, &file, error))
    return NULL;
  if (memcmp (file.id, mb_crypt_key_get_id (key), MB_CRYPT_KEY_ID_LEN) != 0)
    {
      g_set_error_literal (error, MB_CRYPT_ERROR, MB_CRYPT_ERROR_NO_KEY,
                           _("This key file belongs to another journal"));
      return NULL;
    }
  if (!wrap_with_passphrase (&file, key, passphrase, error))
    return NULL;
  return to_bytes (&file);
}

/**
 * mb_crypt_key_file_dup_id:
 * @key_file: the contents of a key file
 *
 * Returns: (transfer full) (nullable): the key id, in lower-case
 *   hexadecimal: it names the journal's key and tells nothing about it
 */
char *
mb_crypt_key_file_dup_id (GBytes  *key_file,
                          GError **error)
{
  g_auto(KeyFile) file = { NULL };
  char *hex;

  g_return_val_if_fail (key_file != NULL, NULL);

  if (!_mb_crypt_init (error) || !read_key_file (key_file, &file, error))
    return NULL;
  hex = g_malloc (2 * MB_CRYPT_KEY_ID_LEN + 1);
  sodium_bin2hex (hex, 2 * MB_CRYPT_KEY_ID_LEN + 1, file.id, MB_CRYPT_KEY_ID_LEN);
  return hex;
}

/* Sets %MB_CRYPT_ERROR_WRONG_KEY. */
static MbCryptKey *
set_wrong_key (GError **error)
{
  g_set_error_literal (error, MB_CRYPT_ERROR, MB_CRYPT_ERROR_WRONG_KEY,
                       _("The key remembered on this computer does not open the journal"));
  return NULL;
}

/**
 * mb_crypt_key_file_import:
 * @key_file: the contents of the key file
 * @exported: a data key from mb_crypt_key_export(), kept in the keyring
 *
 * Returns: (transfer full) (nullable): the data key, or %NULL with
 *   %MB_CRYPT_ERROR_WRONG_KEY when @exported is not the key of
 *   @key_file (or the key file has no key check to tell), or another error
 */
MbCryptKey *
mb_crypt_key_file_import (GBytes      *key_file,
                          const char  *exported,
                          GError     **error)
{
  g_auto(KeyFile) file = { NULL };
  guint8 check[CHECK_LEN];
  MbCryptKey *key = NULL;
  guint8 *secret;
  size_t len = 0;

  g_return_val_if_fail (key_file != NULL && exported != NULL, NULL);

  if (!_mb_crypt_init (error) || !read_key_file (key_file, &file, error))
    return NULL;
  if (!file.has_check)
    return set_wrong_key (error);
  if ((secret = sodium_malloc (MB_CRYPT_DATA_KEY_LEN)) == NULL)
    {
      g_set_error_literal (error, MB_CRYPT_ERROR, MB_CRYPT_ERROR_FAILED,
                           _("There is not enough memory to open the journal"));
      return NULL;
    }

  if (strlen (exported) == 2 * MB_CRYPT_DATA_KEY_LEN &&
      sodium_hex2bin (secret, MB_CRYPT_DATA_KEY_LEN, exported, strlen (exported),
                      NULL, &len, NULL) == 0 && len == MB_CRYPT_DATA_KEY_LEN)
    {
      compute_check (file.id, secret, check);
      if (sodium_memcmp (check, file.check, CHECK_LEN) == 0)
        key = _mb_crypt_key_new (file.id, secret);
    }
  sodium_free (secret);
  return key != NULL ? key : set_wrong_key (error);
}

/**
 * mb_crypt_key_file_add_check:
 * @key_file: the contents of the key file
 * @key: its data key, unlocked
 *
 * Key files written before the key check have none; a remembered key
 * needs one (see mb_crypt_key_file_import()).
 *
 * Returns: (transfer full) (nullable): @key_file itself when it has the
 *   key check of @key; else the key file with it, every other member kept
 */
GBytes *
mb_crypt_key_file_add_check (GBytes      *key_file,
                             MbCryptKey  *key,
                             GError     **error)
{
  g_auto(KeyFile) file = { NULL };
  guint8 check[CHECK_LEN];

  g_return_val_if_fail (key_file != NULL && key != NULL, NULL);

  if (!_mb_crypt_init (error) || !read_key_file (key_file, &file, error))
    return NULL;
  if (memcmp (file.id, mb_crypt_key_get_id (key), MB_CRYPT_KEY_ID_LEN) != 0)
    {
      g_set_error_literal (error, MB_CRYPT_ERROR, MB_CRYPT_ERROR_NO_KEY,
                           _("This key file belongs to another journal"));
      return NULL;
    }

  compute_check (file.id, _mb_crypt_key_get_secret (key), check);
  if (file.has_check && sodium_memcmp (check, file.check, CHECK_LEN) == 0)
    return g_bytes_ref (key_file);
  set_check (&file, key);
  return to_bytes (&file);
}
