/* fuzz-script.c — libFuzzer target for the script loader.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>

#include "mb-script.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_auto(GStrv) problems = mb_script_check_bytes (bytes, "fuzz.json");
  g_autoptr(MbScript) script = mb_script_new_from_bytes (bytes, "fuzz.json", NULL);

  /* Whatever loads must also be usable. */
  if (script != NULL)
    {
      g_autofree char *tags = mb_script_join_tags (script);

      g_assert (tags != NULL && problems[0] == NULL);
      mb_script_matches (script, "trust vertrouwen");
      mb_localized_get (mb_script_get_title (script));
    }
  else
    {
      g_assert (problems[0] != NULL);
    }

  return 0;
}
