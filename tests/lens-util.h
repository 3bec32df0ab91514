/* lens-util.h — what the lens tests share
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mb-lens.h"

#define LENS_RESOURCE "/io/github/marblesapp/Marbles/lens/"

/* The bundled rules of @language, without a user's file. */
static inline MbLensRules *
bundled_rules (const char *language)
{
  g_autofree char *path = g_strconcat (LENS_RESOURCE, language, ".json", NULL);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_autoptr(GError) error = NULL;
  MbLensRules *rules;

  g_assert_nonnull (bytes);
  rules = mb_lens_rules_new_from_bytes (bytes, path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return rules;
}

/* The bundled rules of @language with @user as the user's file; the
 * user's file must be right.
 */
static inline MbLensRules *
rules_with (const char *language,
            const char *user)
{
  g_autofree char *path = g_strconcat (LENS_RESOURCE, language, ".json", NULL);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_autoptr(GBytes) user_bytes = g_bytes_new (user, strlen (user));
  g_autoptr(GError) user_error = NULL;
  g_autoptr(GError) error = NULL;
  MbLensRules *rules;

  rules = mb_lens_rules_new_from_bytes (bytes, path, user_bytes, "lens-test.json", &user_error, &error);
  g_assert_no_error (error);
  g_assert_no_error (user_error);
  return rules;
}

/* What the lens flags in @text, as "category:phrase" joined by " | ",
 * or "" when nothing.
 */
static inline char *
flagged (MbLensRules *rules,
         const char  *text)
{
  g_autoptr(GArray) spans = mb_lens_check (rules, text, -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < spans->len; i++)
    {
      const MbLensSpan *span = &g_array_index (spans, MbLensSpan, i);

      g_string_append_printf (out, "%s%s:%.*s", i > 0 ? " | " : "",
                              mb_lens_category_to_string (span->category),
                              (int) (span->end - span->start), text + span->start);
    }
  return g_string_free (out, FALSE);
}

#define assert_flagged(rules, text, expected) \
  G_STMT_START { \
    g_autofree char *got_ = flagged ((rules), (text)); \
    g_assert_cmpstr (got_, ==, (expected)); \
  } G_STMT_END
