/* fuzz-json.c — libFuzzer target for the one check every JSON input
 * goes through, and for the tree built of what passes it, against
 * json-glib's own parser.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mb-crypt.h"
#include "mb-json.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) check_error = NULL;
  g_autoptr(JsonNode) root = mb_json_parse (bytes, "fuzz.json", &error);
  gboolean valid = mb_json_check ((const char *) data, size, "fuzz.json", &check_error);

  /* An encrypted file, when no key opens it, is refused as one, with the
   * file's name.
   */
  if (mb_crypt_is_envelope (bytes))
    {
      g_assert (root == NULL);
      g_assert (g_error_matches (error, MB_JSON_ERROR, MB_JSON_ERROR_ENCRYPTED));
      g_assert (g_str_has_prefix (error->message, "fuzz.json:"));
      return 0;
    }

  /* What the check lets through, json-glib parses; what it refuses, it
   * refuses with the file's name and the place.
   */
  g_assert (valid == (root != NULL));
  if (root == NULL)
    {
      g_assert (error != NULL && g_str_has_prefix (error->message, "fuzz.json:"));
      g_assert (strcmp (error->message, check_error->message) == 0);
      return 0;
    }

  /* What Marbles builds of it is what json-glib's parser makes of it. */
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    const char *text = (const char *) data;
    gsize len = size;
    g_autofree char *expected = NULL;
    g_autofree char *found = NULL;

    if (len >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
      {
        text += 3;
        len -= 3;
      }
    if (!json_parser_load_from_data (parser, text, len, NULL))
      abort ();
    expected = json_to_string (json_parser_get_root (parser), FALSE);
    found = json_to_string (root, FALSE);
    if (strcmp (expected, found) != 0)
      {
        g_printerr ("built:  %s\njson-glib: %s\n", found, expected);
        abort ();
      }
  }

  /* And what json-glib writes back of it passes the check again. */
  {
    g_autoptr(GString) text = mb_json_to_string (root);
    g_autoptr(GError) again = NULL;

    if (!mb_json_check (text->str, text->len, "written.json", &again))
      {
        g_printerr ("%s\n%s\n", again->message, text->str);
        abort ();
      }
  }

  return 0;
}
