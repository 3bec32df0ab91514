/* fuzz-lens.c — libFuzzer target for the judgement lens: its checker
 * and its reader of rule files. The first byte picks the language; the
 * rest is checked as a note with the bundled rules and, when it starts
 * like a JSON object, read as a user's rule file and checked with that.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>

#include "mb-lens.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static MbLensRules *
load (const char *language,
      GBytes     *user)
{
  g_autofree char *path = g_strdup_printf ("/io/github/marblesapp/Marbles/lens/%s.json", language);
  g_autoptr(GBytes) bundled = g_resources_lookup_data (path, 0, NULL);
  g_autoptr(GError) user_error = NULL;
  MbLensRules *rules = mb_lens_rules_new_from_bytes (bundled, path, user, "fuzz.json", &user_error, NULL);

  g_assert (rules != NULL);
  return rules;
}

/* In order, inside the text, none inside another, none across a line. */
static void
check (MbLensRules *rules,
       const char  *text,
       gsize        length)
{
  g_autoptr(GArray) spans = mb_lens_check (rules, text, length);
  gsize reach = 0;

  for (guint i = 0; i < spans->len; i++)
    {
      const MbLensSpan *span = &g_array_index (spans, MbLensSpan, i);

      g_assert (span->start < span->end && span->end <= length);
      g_assert (i == 0 || span->end > reach);
      g_assert (memchr (text + span->start, '\n', span->end - span->start) == NULL);
      g_assert (span->category < MB_LENS_N_CATEGORIES && span->rule_id != NULL);
      reach = MAX (reach, span->end);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static MbLensRules *bundled[2];
  const char *text = (const char *) data + 1;
  gsize length = size - 1;
  guint which;

  if (size == 0)
    return 0;
  which = data[0] % 2;
  if (bundled[which] == NULL)
    bundled[which] = load (which == 0 ? "en" : "nl", NULL);
  check (bundled[which], text, length);

  /* What looks like a rule file is read as the user's, then used. */
  if (length > 0 && text[0] == '{')
    {
      g_autoptr(GBytes) user = g_bytes_new_static (text, length);
      g_autoptr(MbLensRules) rules = load (which == 0 ? "en" : "nl", user);

      check (rules, text, length);
    }

  return 0;
}
