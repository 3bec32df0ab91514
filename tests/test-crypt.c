/* test-crypt.c — the key file and the envelope of one file
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "mb-crypt.h"
#include "mb-json.h"

/* A new key file, its key and recovery key. */
typedef struct
{
  GBytes     *key_file;
  MbCryptKey *key;
  char       *recovery;
} Made;

static void
made_clear (Made *made)
{
  g_clear_pointer (&made->key_file, g_bytes_unref);
  g_clear_pointer (&made->key, mb_crypt_key_unref);
  g_clear_pointer (&made->recovery, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Made, made_clear)

static void
make (Made       *made,
      const char *passphrase)
{
  g_autoptr(GError) error = NULL;

  made->key_file = mb_crypt_key_file_create (passphrase, &made->key, &made->recovery, &error);
  g_assert_no_error (error);
  g_assert_nonnull (made->key_file);
  g_assert_nonnull (made->key);
  g_assert_nonnull (made->recovery);
}

static GBytes *
text (const char *s)
{
  return g_bytes_new (s, strlen (s));
}

static void
assert_same_key (MbCryptKey *a,
                 MbCryptKey *b)
{
  g_autoptr(GBytes) plain = text ("{\"format\": \"x\"}");
  g_autoptr(GBytes) sealed = mb_crypt_seal (a, plain);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) opened = mb_crypt_open (b, sealed, &error);

  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (opened, plain));
}

static void
test_unlock (void)
{
  g_auto(Made) made = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(MbCryptKey) key = NULL;
  g_autoptr(MbCryptKey) wrong = NULL;

  make (&made, "correct horse");
  key = mb_crypt_key_file_unlock (made.key_file, "correct horse", &error);
  g_assert_no_error (error);
  assert_same_key (made.key, key);

  wrong = mb_crypt_key_file_unlock (made.key_file, "correct hors", &error);
  g_assert_null (wrong);
  g_assert_error (error, MB_CRYPT_ERROR, MB_CRYPT_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  wrong = mb_crypt_key_file_unlock (made.key_file, "", &error);
  g_assert_null (wrong);
  g_assert_error (error, MB_CRYPT_ERROR, MB_CRYPT_ERROR_WRONG_PASSPHRASE);
}

static void
test_recovery_key (void)
{
  g_auto(Made) made = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(MbCryptKey) key = NULL;
  g_autoptr(MbCryptKey) wrong = NULL;
  g_autofree char *typed = NULL;
  g_autoptr(GBytes) rewrapped = NULL;
  g_autoptr(MbCryptKey) again = NULL;

  make (&made, "first");
  /* Eight groups of four letters of base32. */
  g_assert_cmpuint (strlen (made.recovery), ==, 39);
  g_assert_true (g_regex_match_simple ("^([A-Z2-7]{4}-){7}[A-Z2-7]{4}$", made.recovery, 0, 0));

  /* As typed: lowercase, with spaces for the hyphens. */
  typed = g_ascii_strdown (made.recovery, -1);
  g_strdelimit (typed, "-", ' ');
  key = mb_crypt_key_file_recover (made.key_file, typed, &error);
  g_assert_no_error (error);
  assert_same_key (made.key, key);

  /* The recovery key sets a new passphrase. */
  rewrapped = mb_crypt_key_file_rewrap (made.key_file, key, "second", &error);
  g_assert_no_error (error);
  again = mb_crypt_key_file_unlock (rewrapped, "second", &error);
  g_assert_no_error (error);
  assert_same_key (made.key, again);
  g_clear_pointer (&again, mb_crypt_key_unref);
  again = mb_crypt_key_file_recover (rewrapped, made.recovery, &error);
  g_assert_no_error (error);
  g_assert_null (mb_crypt_key_file_unlock (rewrapped, "first", &error));
  g_assert_error (error, MB_CRYPT_ERROR, MB_CRYPT_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);

  /* One letter changed, one missing, one too many. */
  typed[0] = typed[0] == 'a' ? 'b' : 'a';
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *bad = i == 0 ? g_strdup (typed)
                           : i == 1 ? g_strndup (made.recovery, strlen (made.recovery) - 1)
                           : g_strconcat (made.recovery, "A", NULL);

      wrong = mb_crypt_key_file_recover (made.key_file, bad, &error);
      g_assert_null (wrong);
      g_assert_error (error, MB_CRYPT_ERROR, MB_CRYPT_ERROR_WRONG_RECOVERY_KEY);
      g_clear_error (&error);
    }
}

/* A key file with unknown members keeps them when rewrapped. */
static void
test_rewrap_keeps_members (void)
{
  g_auto(Made) made = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GBytes) with_extra = NULL;
  g_autoptr(GBytes) rewrapped = NULL;
  g_autoptr(JsonNode) after = NULL;
  char *data;
  gsize len;

  make (&made, "pass");
  root = mb_json_parse (made.key_file, "key", &error);
  g_assert_no_error (error);
  json_object_set_string_member (json_node_get_object (root), "from-the-future", "kept");
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &len);
  with_extra = g_bytes_new_take (data, len);

  rewrapped = mb_crypt_key_file_rewrap (with_extra, made.key, "new", &error);
  g_assert_no_error (error);
  after = mb_json_parse (rewrapped, "key", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mb_json_get_string (json_node_get_object (after), "from-the-future"), ==, "kept");
  g_assert_cmpstr (mb_json_get_string (json_node_get_object (after), "key-id"), ==,
                   mb_json_get_string (json_node_get_object (root), "key-id"));
}

static void
test_envelope_round_trip (void)
{
  g_auto(Made) made = { NULL };
  g_auto(Made) other = { NULL };
  g_autoptr(GBytes) plain = text ("{\"notes\": \"a secret about Anna\"}");
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GBytes) sealed_again = NULL;
  g_autoptr(GBytes) opened = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;
  const guint8 *data;

  make (&made, "pass");
  make (&other, "pass");
  sealed = mb_crypt_seal (made.key, plain);
  sealed_again = mb_crypt_seal (made.key, plain);
  data = g_bytes_get_data (sealed, &len);
  g_assert_true (mb_crypt_is_envelope (sealed));
  g_assert_false (mb_crypt_is_envelope (plain));
  g_assert_cmpuint (len, ==, MB_CRYPT_HEADER_LEN + g_bytes_get_size (plain) + MB_CRYPT_TAG_LEN);
  g_assert_cmpmem (data, MB_CRYPT_MAGIC_LEN, "MARBLES-ENC", 11);
  g_assert_cmpint (data[11], ==, 1);
  g_assert_cmpint (data[12], ==, 1);
  g_assert_cmpmem (data + 16, MB_CRYPT_KEY_ID_LEN, mb_crypt_key_get_id (made.key), MB_CRYPT_KEY_ID_LEN);
  g_assert_null (memmem (data, len, "Anna", 4));
  /* A new nonce each time. */
  g_assert_false (g_bytes_equal (sealed, sealed_again));

  opened = mb_crypt_open (made.key, sealed, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (opened, plain));
  g_clear_pointer (&opened, g_bytes_unref);

  g_assert_null (mb_crypt_open (other.key, sealed, &error));
  g_assert_error (error, MB_CRYPT_ERROR, MB_CRYPT_ERROR_NO_KEY);
  g_clear_error (&error);

  g_clear_pointer (&sealed, g_bytes_unref);
  sealed = mb_crypt_seal (made.key, empty);
  opened = mb_crypt_open (made.key, sealed, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (opened), ==, 0);
}

/* Every byte changed, and every length cut short, is refused. */
static void
test_envelope_tampered (void)
{
  g_auto(Made) made = { NULL };
  g_autoptr(GBytes) plain = text ("{\"notes\": \"x\"}");
  g_autoptr(GBytes) sealed = NULL;
  gsize len;
  const guint8 *data;

  make (&made, "pass");
  sealed = mb_crypt_seal (made.key, plain);
  data = g_bytes_get_data (sealed, &len);
  for (gsize i = 0; i < len; i++)
    {
      g_autofree guint8 *copy = g_memdup2 (data, len);
      g_autoptr(GBytes) changed = NULL;
      g_autoptr(GBytes) cut = g_bytes_new (data, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) cut_error = NULL;
      int expected;

      copy[i] ^= 0x01;
      changed = g_bytes_new (copy, len);
      g_assert_null (mb_crypt_open (made.key, changed, &error));
      expected = i == 11 || i == 12 ? MB_CRYPT_ERROR_UNKNOWN_VERSION
                 : i >= 16 && i < 32 ? MB_CRYPT_ERROR_NO_KEY
                 : MB_CRYPT_ERROR_DAMAGED;
      g_assert_error (error, MB_CRYPT_ERROR, expected);
      g_assert_null (mb_crypt_open (made.key, cut, &cut_error));
      g_assert_nonnull (cut_error);
    }
}

/* Files are opened with whichever unlocked key they name. */
static void
test_unlocked_keys (void)
{
  g_auto(Made) made = { NULL };
  g_auto(Made) other = { NULL };
  g_autoptr(GBytes) plain = text ("{\"format\": \"marbles-people\"}");
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GBytes) opened = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  make (&made, "pass");
  make (&other, "pass");
  sealed = mb_crypt_seal (made.key, plain);

  /* A plain file is itself. */
  opened = mb_crypt_open_unlocked (plain, &error);
  g_assert_true (opened == plain);
  g_clear_pointer (&opened, g_bytes_unref);

  g_assert_null (mb_crypt_open_unlocked (sealed, &error));
  g_assert_error (error, MB_CRYPT_ERROR, MB_CRYPT_ERROR_NO_KEY);
  g_assert_nonnull (strstr (error->message, "locked"));
  g_clear_error (&error);
  g_assert_null (mb_json_parse (sealed, "people.json", &error));
  g_assert_error (error, MB_JSON_ERROR, MB_JSON_ERROR_ENCRYPTED);
  g_assert_true (g_str_has_prefix (error->message, "people.json: "));
  g_clear_error (&error);

  /* Another journal's key is not this one's. */
  mb_crypt_add_unlocked (other.key);
  g_assert_null (mb_crypt_open_unlocked (sealed, &error));
  g_assert_error (error, MB_CRYPT_ERROR, MB_CRYPT_ERROR_NO_KEY);
  g_assert_nonnull (strstr (error->message, "another journal"));
  g_clear_error (&error);
  mb_crypt_remove_unlocked (other.key);

  mb_crypt_add_unlocked (made.key);
  root = mb_json_parse (sealed, "people.json", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mb_json_get_string (json_node_get_object (root), "format"), ==, "marbles-people");
  mb_crypt_remove_unlocked (made.key);
  g_assert_null (mb_crypt_open_unlocked (sealed, &error));
  g_assert_error (error, MB_CRYPT_ERROR, MB_CRYPT_ERROR_NO_KEY);
}

/* Damaged key files are refused with a message, never a crash. */
static void
test_bad_key_files (void)
{
  g_auto(Made) made = { NULL };
  /* The fuzzer found the last two: members of the wrong type. */
  const char *bad[] = {
    "", "[]", "{}", "not json",
    "{\"format\": \"marbles-journal-key\", \"version\": 2}",
    "{\"format\": \"marbles-journal-key\", \"version\": 1, \"key-id\": \"00\"}",
    "{\"format\": \"marbles-journal-key\", \"version\": {}}",
    "{\"format\": \"marbles-journal-key\", \"version\": 1, \"key-id\": \"00000000000000000000000000000000\", "
    "\"kdf\": {\"algorithm\": \"argon2id13\", \"opslimit\": [], \"memlimit\": {}}}",
  };
  g_autoptr(GBytes) nothing = g_bytes_new (NULL, 0);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *kdf;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GBytes) greedy = NULL;
  char *data;
  gsize len;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GBytes) bytes = text (bad[i]);
      g_autoptr(GError) bad_error = NULL;
      int expected;

      g_assert_false (mb_crypt_key_file_check (bytes, &bad_error));
      g_assert_nonnull (bad_error);
      g_clear_error (&bad_error);
      g_assert_null (mb_crypt_key_file_unlock (bytes, "x", &bad_error));
      expected = i == 4 || i == 6 ? MB_CRYPT_ERROR_UNKNOWN_VERSION : MB_CRYPT_ERROR_INVALID_KEY_FILE;
      g_assert_error (bad_error, MB_CRYPT_ERROR, expected);
    }

  g_assert_false (mb_crypt_key_file_check (nothing, &error));
  g_assert_error (error, MB_CRYPT_ERROR, MB_CRYPT_ERROR_INVALID_KEY_FILE);
  g_clear_error (&error);

  /* Limits that would take all memory are refused before they are used. */
  make (&made, "pass");
  g_assert_true (mb_crypt_key_file_check (made.key_file, &error));
  root = mb_json_parse (made.key_file, "key", &error);
  kdf = json_object_get_object_member (json_node_get_object (root), "kdf");
  json_object_set_int_member (kdf, "memlimit", G_GINT64_CONSTANT (1) << 40);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &len);
  greedy = g_bytes_new_take (data, len);
  g_assert_null (mb_crypt_key_file_unlock (greedy, "pass", &error));
  g_assert_error (error, MB_CRYPT_ERROR, MB_CRYPT_ERROR_INVALID_KEY_FILE);
}

/* The cost a leader's key file gets: Argon2id with libsodium's
 * "interactive" limits, timed here for the documentation.
 */
static void
test_normal_cost (void)
{
  g_auto(Made) made = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(MbCryptKey) key = NULL;
  JsonObject *kdf;
  gint64 start;

  mb_crypt_set_cost (MB_CRYPT_COST_NORMAL);
  make (&made, "pass");
  mb_crypt_set_cost (MB_CRYPT_COST_LOWEST);
  root = mb_json_parse (made.key_file, "key", &error);
  kdf = json_object_get_object_member (json_node_get_object (root), "kdf");
  g_assert_cmpstr (json_object_get_string_member (kdf, "algorithm"), ==, "argon2id13");
  g_assert_cmpint (json_object_get_int_member (kdf, "opslimit"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (kdf, "memlimit"), ==, 64 * 1024 * 1024);

  start = g_get_monotonic_time ();
  key = mb_crypt_key_file_unlock (made.key_file, "pass", &error);
  g_assert_no_error (error);
  g_test_message ("Argon2id, opslimit 2, memlimit 64 MiB: %.2f s", (g_get_monotonic_time () - start) / 1e6);
  assert_same_key (made.key, key);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  mb_crypt_set_cost (MB_CRYPT_COST_LOWEST);

  g_test_add_func ("/crypt/unlock", test_unlock);
  g_test_add_func ("/crypt/recovery-key", test_recovery_key);
  g_test_add_func ("/crypt/rewrap-keeps-members", test_rewrap_keeps_members);
  g_test_add_func ("/crypt/envelope-round-trip", test_envelope_round_trip);
  g_test_add_func ("/crypt/envelope-tampered", test_envelope_tampered);
  g_test_add_func ("/crypt/unlocked-keys", test_unlocked_keys);
  g_test_add_func ("/crypt/bad-key-files", test_bad_key_files);
  g_test_add_func ("/crypt/normal-cost", test_normal_cost);

  return g_test_run ();
}
