/* fuzz-envelope.c — libFuzzer target for encryption at rest: the
 * envelope of an encrypted file and the reader of the key file. The
 * first byte picks what the rest is fed to:
 *   0: opened as an encrypted file, with the key and through the JSON reader;
 *   1: the same behind a header that names the key, so that the input
 *      reaches the authentication: which must always refuse it (a
 *      reserved byte of the header is set, so not even an envelope
 *      Marbles made can pass);
 *   2: read as a key file, and opened with a recovery key.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "mb-crypt.h"
#include "mb-json.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* A key file made with the lowest cost, the passphrase "fuzz" and the
 * recovery key below, so that the key is the same in every run and the
 * corpus's envelopes open (fuzz/corpus/envelope/seed-envelope).
 */
#define RECOVERY_KEY "6Q4S-4NBX-3IQZ-4ZMO-EP7V-VT7G-ZKTC-TVZB"

static const char key_file_text[] =
  "{\n"
  "  \"format\" : \"marbles-journal-key\",\n"
  "  \"version\" : 1,\n"
  "  \"key-id\" : \"3c0e2074c199588da600d07a7c948914\",\n"
  "  \"kdf\" : {\n"
  "    \"algorithm\" : \"argon2id13\",\n"
  "    \"salt\" : \"77d6cddef7c4a48fe6c2e716b211dd15\",\n"
  "    \"opslimit\" : 1,\n"
  "    \"memlimit\" : 8192\n"
  "  },\n"
  "  \"passphrase\" : {\n"
  "    \"algorithm\" : \"xchacha20poly1305-ietf\",\n"
  "    \"nonce\" : \"24e0015d620e7d56c1566524c700e5c3b69e77fed93d1971\",\n"
  "    \"wrapped\" : \"4088482b9f8b5218f3714183d6164dab21aea7607b7878f23a5598ffc14e614ac6f76b9c83622e60405260390006a2ab\"\n"
  "  },\n"
  "  \"recovery\" : {\n"
  "    \"algorithm\" : \"xchacha20poly1305-ietf\",\n"
  "    \"nonce\" : \"eb93ca690bea7e0c8488ccb8be070994c343bcf6288ee2c0\",\n"
  "    \"wrapped\" : \"1747dc1631625b0cbfc803c29d53933cf0c8dc58152df136e76bd42475428b79bc5383314529ff2c022228cfdb7bb272\"\n"
  "  }\n"
  "}\n";

static MbCryptKey *
get_key (void)
{
  static MbCryptKey *key;

  if (key == NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (key_file_text, strlen (key_file_text));
      g_autoptr(GError) error = NULL;

      key = mb_crypt_key_file_unlock (bytes, "fuzz", &error);
      g_assert (key != NULL);
      mb_crypt_add_unlocked (key);
    }
  return key;
}

static void
open_envelope (MbCryptKey *key,
               GBytes     *bytes,
               gboolean    forged)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) json_error = NULL;
  g_autoptr(GBytes) plain = mb_crypt_open (key, bytes, &error);
  g_autoptr(JsonNode) root = mb_json_parse (bytes, "fuzz.json", &json_error);

  g_assert ((plain == NULL) == (error != NULL));
  g_assert ((root == NULL) == (json_error != NULL));
  /* Nothing made up opens without the key. */
  if (forged)
    g_assert (plain == NULL);
  if (plain != NULL)
    g_assert (g_bytes_get_size (plain) + MB_CRYPT_HEADER_LEN + MB_CRYPT_TAG_LEN == g_bytes_get_size (bytes));
}

static void
read_key_file (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MbCryptKey) key = NULL;

  if (!mb_crypt_key_file_check (bytes, &error))
    {
      g_assert (error != NULL);
      return;
    }
  key = mb_crypt_key_file_recover (bytes, RECOVERY_KEY, &error);
  g_assert ((key == NULL) == (error != NULL));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  MbCryptKey *key;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree guint8 *forged = NULL;

  if (size < 1)
    return 0;

  mb_crypt_set_cost (MB_CRYPT_COST_LOWEST);
  key = get_key ();
  switch (data[0] % 3)
    {
    case 0:
      bytes = g_bytes_new (data + 1, size - 1);
      open_envelope (key, bytes, FALSE);
      break;
    case 1:
      forged = g_malloc0 (32 + size - 1);
      memcpy (forged, MB_CRYPT_MAGIC, MB_CRYPT_MAGIC_LEN);
      forged[11] = MB_CRYPT_VERSION;
      forged[12] = MB_CRYPT_ALGORITHM;
      forged[13] = 1;
      memcpy (forged + 16, mb_crypt_key_get_id (key), MB_CRYPT_KEY_ID_LEN);
      memcpy (forged + 32, data + 1, size - 1);
      bytes = g_bytes_new (forged, 32 + size - 1);
      open_envelope (key, bytes, TRUE);
      break;
    default:
      bytes = g_bytes_new (data + 1, size - 1);
      read_key_file (bytes);
      break;
    }
  return 0;
}
