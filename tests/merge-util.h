/* merge-util.h — what the merge tests share: JSON written tersely,
 * and a merge done both ways round, as the two machines do it.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include "mb-json.h"
#include "mb-merge.h"

#define MARK "— Changed on two devices at once; the other version: —"
#define END_MARK "— End of the other version —"
#define LINE_MARK " (changed on two devices at once)"

typedef JsonNode *(*MergeFunc) (JsonNode      *base,
                                JsonNode      *ours,
                                JsonNode      *theirs,
                                MbMergeReport *report);

/* JSON written with ' for ", to keep the tables readable. */
static inline JsonNode *
j (const char *text)
{
  g_autofree char *json = g_strdup (text);
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  g_strdelimit (json, "'", '"');
  node = json_from_string (json, &error);
  g_assert_no_error (error);
  return node;
}

static inline char *
compact (JsonNode *node)
{
  return json_to_string (node, FALSE);
}

/* "text /steps/s1/notes; value /step" */
static inline char *
describe (MbMergeReport *report)
{
  static const char * const kinds[] = { "text", "value", "edit-kept", "status" };
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < mb_merge_report_get_n_conflicts (report); i++)
    {
      const MbMergeConflict *conflict = mb_merge_report_get_conflict (report, i);
      g_autofree char *path = g_strjoinv ("/", conflict->path);

      g_string_append_printf (text, "%s%s /%s", i > 0 ? "; " : "", kinds[conflict->kind], path);
    }
  return g_string_free (text, FALSE);
}

/* Merges both ways round, as the two machines do: both must write the
 * same bytes and report the same. Returns the result and the report.
 */
static inline JsonNode *
merge_both (MergeFunc   merge,
            JsonNode   *base,
            JsonNode   *ours,
            JsonNode   *theirs,
            char      **conflicts)
{
  g_autoptr(MbMergeReport) report = mb_merge_report_new ();
  g_autoptr(MbMergeReport) swapped_report = mb_merge_report_new ();
  JsonNode *merged = merge (base, ours, theirs, report);
  g_autoptr(JsonNode) swapped = merge (base, theirs, ours, swapped_report);
  g_autoptr(GString) bytes = mb_json_to_string (merged);
  g_autoptr(GString) swapped_bytes = mb_json_to_string (swapped);
  g_autofree char *described = describe (report);
  g_autofree char *swapped_described = describe (swapped_report);

  g_assert_cmpstr (bytes->str, ==, swapped_bytes->str);
  g_assert_cmpstr (described, ==, swapped_described);
  if (conflicts != NULL)
    *conflicts = g_steal_pointer (&described);
  return merged;
}

/* The same as the journal writes it, byte for byte. */
static inline void
assert_same_bytes (JsonNode *a,
                   JsonNode *b)
{
  g_autoptr(GString) text_a = mb_json_to_string (a);
  g_autoptr(GString) text_b = mb_json_to_string (b);

  g_assert_cmpstr (text_a->str, ==, text_b->str);
}

/* Merges @ours and @theirs over @base (NULL for none) both ways round:
 * @expected, with the conflicts found named as in merge_both().
 */
static inline void
check_merge (MergeFunc   merge,
             const char *base,
             const char *ours,
             const char *theirs,
             const char *expected,
             const char *conflicts)
{
  g_autoptr(JsonNode) b = base != NULL ? j (base) : NULL;
  g_autoptr(JsonNode) o = j (ours);
  g_autoptr(JsonNode) t = j (theirs);
  g_autoptr(JsonNode) e = j (expected);
  g_autofree char *found = NULL;
  g_autoptr(JsonNode) merged = merge_both (merge, b, o, t, &found);
  g_autofree char *got = compact (merged);
  g_autofree char *want = compact (e);

  g_assert_cmpstr (got, ==, want);
  g_assert_cmpstr (found, ==, conflicts);
}
