/* test-merge-random.c — random edits on two machines from one base,
 * merged both ways round: both machines write the same, merging is
 * idempotent, and no edit is lost.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "merge-util.h"

static const char * const words[] = {
  "plan", "late", "report", "trust", "Friday", "listened", "asked", "marble",
  "één", "übung", "信頼", "why?", "",
};

static char *
random_line (void)
{
  GString *line = g_string_new (NULL);
  int n = g_test_rand_int_range (1, 4);

  for (int i = 0; i < n; i++)
    {
      const char *word = words[g_test_rand_int_range (0, G_N_ELEMENTS (words))];

      g_string_append_printf (line, "%s%s", i > 0 ? " " : "", word);
    }
  return g_string_free (line, FALSE);
}

static char *
random_text (void)
{
  GString *text = g_string_new (NULL);
  int n = g_test_rand_int_range (0, 4);

  for (int i = 0; i < n; i++)
    {
      g_autofree char *line = random_line ();

      g_string_append_printf (text, "%s%s", line, i + 1 < n || g_test_rand_bit () ? "\n" : "");
    }
  return g_string_free (text, FALSE);
}

static const char * const statuses[] = { "open", "kept", "not-kept", NULL };
static const char * const phases[] = { "prepare", "talk", "reflect" };

/* When a status was set: one of a few times, so that two sides now and
 * then set theirs at the same one, written in two ways.
 */
static char *
random_time (void)
{
  int minute = g_test_rand_int_range (0, 20);

  if (g_test_rand_bit ())
    return g_strdup_printf ("2026-12-01T10:%02d:00+01:00", minute);
  return g_strdup_printf ("2026-12-01T09:%02d:00Z", minute);
}

static JsonObject *
random_agreement (const char *id)
{
  JsonObject *agreement = json_object_new ();
  g_autofree char *text = random_line ();
  g_autofree char *time = random_time ();
  int status = g_test_rand_int_range (0, 3);

  json_object_set_string_member (agreement, "id", id);
  json_object_set_string_member (agreement, "text", text);
  json_object_set_string_member (agreement, "promised_by", "me");
  json_object_set_string_member (agreement, "status", statuses[status]);
  if (status > 0 && g_test_rand_bit ())
    json_object_set_string_member (agreement, "status_changed", time);
  return agreement;
}

/* As Marbles sets a status: the one it had goes to the history, with
 * its time, and the new one gets a time; or, now and then, as a version
 * that kept no times: the status only.
 */
static void
set_status (JsonObject *agreement,
            const char *status)
{
  g_autofree char *time = random_time ();
  JsonNode *changed = json_object_get_member (agreement, "status_changed");
  JsonObject *entry;

  if (g_test_rand_int_range (0, 6) == 0)
    {
      json_object_set_string_member (agreement, "status", status);
      return;
    }

  entry = json_object_new ();
  json_object_set_string_member (entry, "status", json_object_get_string_member (agreement, "status"));
  if (changed != NULL)
    json_object_set_member (entry, "changed", json_node_copy (changed));
  if (!json_object_has_member (agreement, "history"))
    json_object_set_array_member (agreement, "history", json_array_new ());
  json_array_add_object_element (json_object_get_array_member (agreement, "history"), entry);
  json_object_set_string_member (agreement, "status", status);
  json_object_set_string_member (agreement, "status_changed", time);
}

static JsonObject *
random_marble (const char *id)
{
  JsonObject *marble = json_object_new ();
  g_autofree char *reason = random_line ();

  json_object_set_string_member (marble, "id", id);
  json_object_set_string_member (marble, "direction", g_test_rand_bit () ? "in" : "out");
  json_object_set_string_member (marble, "reason", reason);
  return marble;
}

static void
set_random_text (JsonObject *object,
                 const char *member)
{
  g_autofree char *text = random_text ();

  json_object_set_string_member (object, member, text);
}

static JsonObject *
object_at (JsonObject *root,
           const char *first,
           const char *second)
{
  JsonObject *object = json_object_get_object_member (root, first);

  return second != NULL ? json_object_get_object_member (object, second) : object;
}

static JsonNode *
random_conversation (void)
{
  JsonObject *root = json_object_new ();
  JsonArray *agreements = json_array_new ();
  JsonArray *marbles = json_array_new ();

  json_object_set_string_member (root, "format", "marbles-conversation");
  json_object_set_int_member (root, "version", 2);
  json_object_set_string_member (root, "id", "c");
  json_object_set_string_member (root, "phase", phases[g_test_rand_int_range (0, 3)]);
  json_object_set_int_member (root, "step", g_test_rand_int_range (0, 3));
  json_object_set_boolean_member (root, "finished", FALSE);
  json_object_set_object_member (root, "talk", json_object_new ());
  json_object_set_int_member (object_at (root, "talk", NULL), "seconds", 60);
  json_object_set_object_member (root, "preparation", json_object_new ());
  json_object_set_object_member (object_at (root, "preparation", NULL), "answers",
                                 json_object_new ());
  set_random_text (object_at (root, "preparation", NULL), "notes");
  set_random_text (object_at (root, "preparation", "answers"), "q1");
  set_random_text (object_at (root, "preparation", "answers"), "q2");
  json_object_set_object_member (root, "steps", json_object_new ());
  json_object_set_object_member (object_at (root, "steps", NULL), "s1", json_object_new ());
  set_random_text (object_at (root, "steps", "s1"), "notes");
  for (int i = g_test_rand_int_range (1, 4); i > 0; i--)
    {
      g_autofree char *id = g_strdup_printf ("base-%d", i);

      json_array_add_object_element (agreements, random_agreement (id));
      json_array_add_object_element (marbles, random_marble (id));
    }
  json_object_set_array_member (root, "agreements", agreements);
  json_object_set_array_member (root, "marbles", marbles);
  return json_node_init_object (json_node_alloc (), root);
}

static JsonNode *
deep_copy (JsonNode *node)
{
  g_autofree char *text = json_to_string (node, FALSE);

  return json_from_string (text, NULL);
}

static JsonObject *
random_entry (JsonArray *array)
{
  guint len = json_array_get_length (array);

  return len > 0 ? json_array_get_object_element (array, g_test_rand_int_range (0, len)) : NULL;
}

static void
edit_text (JsonObject *root)
{
  static const char * const places[][3] = {
    { "preparation", NULL, "notes" }, { "preparation", "answers", "q1" },
    { "preparation", "answers", "q2" }, { "steps", "s1", "notes" },
  };
  int place = g_test_rand_int_range (0, G_N_ELEMENTS (places));
  JsonObject *object = object_at (root, places[place][0], places[place][1]);
  const char *member = places[place][2];
  g_autofree char *old = g_strdup (json_object_get_string_member (object, member));
  g_autofree char *line = random_line ();
  g_autofree char *appended = g_strconcat (old, line, "\n", NULL);

  switch (g_test_rand_int_range (0, 3))
    {
    case 0:
      json_object_set_string_member (object, member, appended);
      break;
    case 1:
      json_object_set_string_member (object, member, "");
      break;
    default:
      set_random_text (object, member);
      break;
    }
}

static void
edit_list (JsonObject *root,
           const char *name,
           const char *side,
           int         n)
{
  JsonArray *list = json_object_get_array_member (root, name);
  JsonObject *entry = random_entry (list);
  g_autofree char *id = g_strdup_printf ("%s-%s-%d", side, name, n);
  g_autofree char *line = random_line ();

  switch (g_test_rand_int_range (0, 5))
    {
    case 0:
      json_array_add_object_element (list, g_str_equal (name, "agreements") ? random_agreement (id)
                                                                             : random_marble (id));
      break;
    case 1:
      if (entry != NULL)
        json_array_remove_element (list, g_test_rand_int_range (0, json_array_get_length (list)));
      break;
    case 2:
      if (entry != NULL)
        json_object_set_string_member (entry, g_str_equal (name, "agreements") ? "text" : "reason",
                                       line);
      break;
    case 3:
      if (entry != NULL && g_str_equal (name, "agreements"))
        {
          const char *status = json_object_get_string_member (entry, "status");
          guint now = 0;

          while (!g_str_equal (statuses[now], status))
            now++;

          /* Now and then the same one again, at another time. */
          now = (now + g_test_rand_int_range (g_test_rand_int_range (0, 4) == 0 ? 0 : 1, 3)) % 3;
          set_status (entry, statuses[now]);
        }
      break;
    default:
      if (entry != NULL)
        json_object_set_int_member (entry, side, n);
      break;
    }
}

static void
edit_conversation (JsonObject *root,
                   const char *side,
                   int         n)
{
  switch (g_test_rand_int_range (0, 9))
    {
    case 0:
    case 1:
      edit_text (root);
      break;
    case 2:
      json_object_set_int_member (root, "step", g_test_rand_int_range (0, 5));
      break;
    case 3:
      json_object_set_string_member (root, "phase", phases[g_test_rand_int_range (0, 3)]);
      break;
    case 4:
      json_object_set_int_member (object_at (root, "talk", NULL), "seconds",
                                  g_test_rand_int_range (0, 999));
      break;
    case 5:
    case 6:
      edit_list (root, "agreements", side, n);
      break;
    case 7:
      edit_list (root, "marbles", side, n);
      break;
    default:
      json_object_set_int_member (root, g_test_rand_bit () ? "x-shared" : side,
                                  g_test_rand_int_range (0, 9));
      break;
    }
}

/* Every place with a value: "/a/b", an entry of a list by its id, or by
 * its JSON ("/tags/[\"a\"]") when it has none.
 */
static void
flatten (JsonNode   *node,
         const char *path,
         GHashTable *places)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(GList) names = json_object_get_members (json_node_get_object (node));

      for (GList *l = names; l != NULL; l = l->next)
        {
          g_autofree char *child = g_strdup_printf ("%s/%s", path, (char *) l->data);

          flatten (json_object_get_member (json_node_get_object (node), l->data), child, places);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);
          const char *id = JSON_NODE_HOLDS_OBJECT (item)
                           ? json_object_get_string_member_with_default (json_node_get_object (item), "id", NULL)
                           : NULL;
          g_autofree char *text = compact (item);
          g_autofree char *child = id != NULL ? g_strdup_printf ("%s/%s", path, id)
                                              : g_strdup_printf ("%s/[%s]", path, text);

          if (id != NULL)
            flatten (item, child, places);
          else
            g_hash_table_insert (places, g_strdup (child), item);
        }
    }
  else
    {
      g_hash_table_insert (places, g_strdup (path), node);
    }
}

static GHashTable *
places_of (JsonNode *node)
{
  GHashTable *places = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  flatten (node, "", places);
  return places;
}

/* An agreement's status and its time: see assert_statuses(). */
static gboolean
is_status (const char *path)
{
  return g_pattern_match_simple ("/agreements/*/status", path) ||
         g_pattern_match_simple ("/agreements/*/status_changed", path);
}

static gboolean
is_text (const char *path)
{
  static const char * const patterns[] = {
    "/preparation/notes", "/preparation/answers/*", "/steps/*/notes", "/reflection/answers/*",
    "/agreements/*/text", "/marbles/*/reason", "/people/*/name", "/people/*/role",
  };

  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    {
      if (g_pattern_match_simple (patterns[i], path))
        return TRUE;
    }
  return FALSE;
}

static gboolean
same (JsonNode *a,
      JsonNode *b)
{
  g_autofree char *text_a = a != NULL ? compact (a) : NULL;
  g_autofree char *text_b = b != NULL ? compact (b) : NULL;

  return g_strcmp0 (text_a, text_b) == 0;
}

/* Every line of a text that @side wrote is in the merged text. */
static void
assert_lines_kept (JsonNode *text,
                   JsonNode *merged)
{
  g_auto(GStrv) lines = g_strsplit (json_node_get_string (text), "\n", -1);

  g_assert_nonnull (merged);
  for (guint i = 0; lines[i] != NULL; i++)
    g_assert_nonnull (strstr (json_node_get_string (merged), lines[i]));
}

static gboolean
reported (MbMergeReport *report,
          const char    *path)
{
  for (guint i = 0; i < mb_merge_report_get_n_conflicts (report); i++)
    {
      g_autofree char *joined = g_strjoinv ("/", mb_merge_report_get_conflict (report, i)->path);
      g_autofree char *with_slash = g_strconcat ("/", joined, NULL);

      if (g_str_equal (with_slash, path))
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  GHashTable    *base;
  GHashTable    *merged;
  MbMergeReport *report;
} Versions;

/* Every place @side changed holds its value in the merge; where the
 * other side changed it too, a text keeps both and a value is one of
 * the two.
 */
static void
assert_side_kept (Versions   *v,
                  GHashTable *side,
                  GHashTable *other)
{
  GHashTableIter iter;
  const char *path;
  JsonNode *value;

  g_hash_table_iter_init (&iter, side);
  while (g_hash_table_iter_next (&iter, (gpointer *) &path, (gpointer *) &value))
    {
      JsonNode *in_base = g_hash_table_lookup (v->base, path);
      JsonNode *in_other = g_hash_table_lookup (other, path);
      JsonNode *merged = g_hash_table_lookup (v->merged, path);
      gboolean both = in_other != NULL && !same (in_other, in_base) && !same (in_other, value);

      if (same (value, in_base) || is_status (path))
        continue;
      if (is_text (path) && JSON_NODE_HOLDS_VALUE (value))
        {
          assert_lines_kept (value, merged);
          if (both && *json_node_get_string (value) != '\0' &&
              *json_node_get_string (in_other) != '\0')
            g_assert_true (reported (v->report, path));
        }
      else if (both)
        {
          g_assert_true (same (merged, value) || same (merged, in_other));
          g_assert_true (reported (v->report, path));
        }
      else
        {
          g_assert_true (same (merged, value));
        }
    }
}

static JsonNode *
entry_with_id (JsonNode   *document,
               const char *list,
               const char *id)
{
  JsonArray *array = json_object_get_array_member (json_node_get_object (document), list);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (g_str_equal (json_object_get_string_member (json_node_get_object (item), "id"), id))
        return item;
    }
  return NULL;
}

static JsonNode *
member (JsonNode   *agreement,
        const char *name)
{
  return agreement != NULL ? json_object_get_member (json_node_get_object (agreement), name) : NULL;
}

/* The status of two agreements, with its time, is the same. */
static gboolean
same_status (JsonNode *a,
             JsonNode *b)
{
  return same (member (a, "status"), member (b, "status")) &&
         same (member (a, "status_changed"), member (b, "status_changed"));
}

static GDateTime *
time_of (JsonNode *node)
{
  return node != NULL ? g_date_time_new_from_iso8601 (json_node_get_string (node), NULL) : NULL;
}

static int
rank_of (JsonNode *agreement)
{
  int rank = 0;

  while (!g_str_equal (statuses[rank], json_node_get_string (member (agreement, "status"))))
    rank++;
  return rank;
}

/* Which of two statuses set on both sides must win: the later one; at
 * the same time or without a time, the one further along; else %NULL,
 * either may.
 */
static JsonNode *
status_to_win (JsonNode *ours,
               JsonNode *theirs)
{
  g_autoptr(GDateTime) time_ours = time_of (member (ours, "status_changed"));
  g_autoptr(GDateTime) time_theirs = time_of (member (theirs, "status_changed"));

  if (time_ours != NULL && time_theirs != NULL && g_date_time_compare (time_ours, time_theirs) != 0)
    return g_date_time_compare (time_ours, time_theirs) > 0 ? ours : theirs;
  if (rank_of (ours) != rank_of (theirs))
    return rank_of (ours) > rank_of (theirs) ? ours : theirs;
  return NULL;
}

/* The history of @agreement has the status of @lost, with its time;
 * each entry once, those without a time first, then the oldest first.
 */
static void
assert_history (JsonNode *agreement,
                JsonNode *lost)
{
  JsonArray *history = json_object_get_array_member (json_node_get_object (agreement), "history");
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GDateTime) last = NULL;
  gboolean found = FALSE;

  for (guint i = 0; i < json_array_get_length (history); i++)
    {
      JsonNode *entry = json_array_get_element (history, i);
      g_autoptr(GDateTime) time = time_of (member (entry, "changed"));

      g_assert_true (g_hash_table_add (seen, compact (entry)));
      if (time == NULL)
        g_assert_null (last);
      else if (last != NULL)
        g_assert_cmpint (g_date_time_compare (last, time), <=, 0);
      if (time != NULL)
        {
          g_clear_pointer (&last, g_date_time_unref);
          last = g_steal_pointer (&time);
        }
      found |= same (member (entry, "status"), member (lost, "status")) &&
               same (member (entry, "changed"), member (lost, "status_changed"));
    }
  g_assert_true (found);
}

/* Each agreement has the status (with its time) of the side that set
 * one; when both did, the one that must win, the other in its history.
 */
static void
assert_statuses (JsonNode      *base,
                 JsonNode      *ours,
                 JsonNode      *theirs,
                 JsonNode      *merged,
                 MbMergeReport *report)
{
  JsonArray *agreements = json_object_get_array_member (json_node_get_object (merged), "agreements");

  for (guint i = 0; i < json_array_get_length (agreements); i++)
    {
      JsonNode *in_merged = json_array_get_element (agreements, i);
      const char *id = json_object_get_string_member (json_node_get_object (in_merged), "id");
      JsonNode *in_base = base != NULL ? entry_with_id (base, "agreements", id) : NULL;
      JsonNode *in_ours = entry_with_id (ours, "agreements", id);
      JsonNode *in_theirs = entry_with_id (theirs, "agreements", id);
      g_autofree char *path = g_strdup_printf ("/agreements/%s/status", id);
      JsonNode *to_win;

      if (in_ours == NULL || in_theirs == NULL || same_status (in_ours, in_theirs) ||
          same_status (in_base, in_ours) || same_status (in_base, in_theirs))
        {
          to_win = in_theirs == NULL ? in_ours
                   : in_ours == NULL || same_status (in_base, in_ours) ? in_theirs : in_ours;
          g_assert_true (same_status (in_merged, to_win));
          continue;
        }

      to_win = status_to_win (in_ours, in_theirs);
      g_assert_true (same_status (in_merged, in_ours) || same_status (in_merged, in_theirs));
      if (to_win != NULL)
        g_assert_true (same_status (in_merged, to_win));
      g_assert_true (reported (report, path));
      assert_history (in_merged, same_status (in_merged, in_ours) ? in_theirs : in_ours);
    }
}

/* An entry removed on one side is gone when the other left it as it
 * was, and whole as the other made it when the other changed it.
 */
static void
assert_removed (JsonNode   *base,
                JsonNode   *side,
                JsonNode   *other,
                JsonNode   *merged,
                const char *list)
{
  JsonArray *in_base = json_object_get_array_member (json_node_get_object (base), list);

  for (guint i = 0; i < json_array_get_length (in_base); i++)
    {
      JsonNode *entry = json_array_get_element (in_base, i);
      const char *id = json_object_get_string_member (json_node_get_object (entry), "id");
      JsonNode *in_other = entry_with_id (other, list, id);
      JsonNode *in_merged = entry_with_id (merged, list, id);

      if (entry_with_id (side, list, id) != NULL || in_other == NULL)
        continue;
      if (same (in_other, entry))
        g_assert_null (in_merged);
      else
        g_assert_true (same (in_merged, in_other));
    }
}

/* How many of each kind of conflict the random merges met: each must
 * have been met for the random tests to prove anything.
 */
static guint seen[MB_MERGE_CONFLICT_STATUS + 1];

static void
count_conflicts (MbMergeReport *report)
{
  for (guint kind = 0; kind < G_N_ELEMENTS (seen); kind++)
    seen[kind] += mb_merge_report_count (report, kind);
}

/* @kinds: 1 << each kind that the random edits can make */
static void
assert_conflicts_seen (guint kinds)
{
  g_test_message ("conflicts: %u texts, %u values, %u edits kept, %u statuses",
                  seen[MB_MERGE_CONFLICT_TEXT], seen[MB_MERGE_CONFLICT_VALUE],
                  seen[MB_MERGE_CONFLICT_EDIT_KEPT], seen[MB_MERGE_CONFLICT_STATUS]);
  for (guint kind = 0; kind < G_N_ELEMENTS (seen); kind++)
    {
      if (kinds & (1u << kind))
        g_assert_cmpuint (seen[kind], >, 0);
    }
  memset (seen, 0, sizeof seen);
}

static void
check_random_merge (MergeFunc          merge,
                    JsonNode          *base,
                    JsonNode          *ours,
                    JsonNode          *theirs,
                    const char * const lists[])
{
  g_autoptr(MbMergeReport) report = mb_merge_report_new ();
  g_autoptr(JsonNode) merged = merge_both (merge, base, ours, theirs, NULL);
  g_autoptr(JsonNode) again = merge (base, ours, theirs, report);
  g_autoptr(GHashTable) base_places = base != NULL ? places_of (base)
                                                   : g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) our_places = places_of (ours);
  g_autoptr(GHashTable) their_places = places_of (theirs);
  g_autoptr(GHashTable) merged_places = places_of (merged);
  Versions v = { base_places, merged_places, report };
  g_autoptr(JsonNode) same_twice = merge (base, ours, ours, NULL);

  count_conflicts (report);
  assert_same_bytes (merged, again);
  assert_same_bytes (same_twice, ours);
  assert_side_kept (&v, our_places, their_places);
  assert_side_kept (&v, their_places, our_places);
  if (lists[0] != NULL && g_str_equal (lists[0], "agreements"))
    assert_statuses (base, ours, theirs, merged, report);
  if (base == NULL)
    return;

  {
    g_autoptr(JsonNode) only_theirs = merge (base, base, theirs, NULL);

    assert_same_bytes (only_theirs, theirs);
  }
  for (guint i = 0; lists[i] != NULL; i++)
    {
      assert_removed (base, ours, theirs, merged, lists[i]);
      assert_removed (base, theirs, ours, merged, lists[i]);
    }
}

static void
test_random_conversations (void)
{
  static const char * const lists[] = { "agreements", "marbles", NULL };
  int rounds = g_test_thorough () ? 10000 : 1000;

  for (int round = 0; round < rounds; round++)
    {
      g_autoptr(JsonNode) base = random_conversation ();
      g_autoptr(JsonNode) ours = deep_copy (base);
      g_autoptr(JsonNode) theirs = deep_copy (base);

      for (int n = g_test_rand_int_range (0, 6); n > 0; n--)
        edit_conversation (json_node_get_object (ours), "ours", n);
      for (int n = g_test_rand_int_range (0, 6); n > 0; n--)
        edit_conversation (json_node_get_object (theirs), "theirs", n);
      check_random_merge (mb_merge_conversation, base, ours, theirs, lists);
      /* As if the base were not known. */
      if (round % 10 == 0)
        check_random_merge (mb_merge_conversation, NULL, ours, theirs, lists);
    }
  assert_conflicts_seen (1u << MB_MERGE_CONFLICT_TEXT | 1u << MB_MERGE_CONFLICT_VALUE |
                         1u << MB_MERGE_CONFLICT_EDIT_KEPT | 1u << MB_MERGE_CONFLICT_STATUS);
}

static JsonObject *
random_person (const char *id)
{
  JsonObject *person = json_object_new ();
  g_autofree char *name = random_line ();
  g_autofree char *role = random_line ();

  json_object_set_string_member (person, "id", id);
  json_object_set_string_member (person, "name", name);
  json_object_set_string_member (person, "role", role);
  return person;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  JsonObject *first = json_node_get_object (*(JsonNode **) a);
  JsonObject *second = json_node_get_object (*(JsonNode **) b);

  return strcmp (json_object_get_string_member (first, "name"),
                 json_object_get_string_member (second, "name"));
}

/* Sorted by name, as the journal writes them. */
static void
sort_people (JsonObject *root)
{
  JsonArray *people = json_object_get_array_member (root, "people");
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  JsonArray *sorted = json_array_new ();

  for (guint i = 0; i < json_array_get_length (people); i++)
    g_ptr_array_add (nodes, json_array_dup_element (people, i));
  g_ptr_array_sort (nodes, compare_names);
  for (guint i = 0; i < nodes->len; i++)
    json_array_add_element (sorted, json_node_ref (g_ptr_array_index (nodes, i)));
  json_object_set_array_member (root, "people", sorted);
}

static void
edit_people (JsonObject *root,
             const char *side,
             int         n)
{
  JsonArray *people = json_object_get_array_member (root, "people");
  JsonObject *person = random_entry (people);
  g_autofree char *id = g_strdup_printf ("%s-%d", side, n);
  g_autofree char *line = random_line ();

  switch (g_test_rand_int_range (0, 5))
    {
    case 0:
      json_array_add_object_element (people, random_person (id));
      break;
    case 1:
      if (person != NULL)
        json_array_remove_element (people,
                                   g_test_rand_int_range (0, json_array_get_length (people)));
      break;
    case 2:
      if (person != NULL)
        json_object_set_string_member (person, g_test_rand_bit () ? "name" : "role", line);
      break;
    case 3:
      if (person != NULL)
        json_object_set_int_member (person, side, n);
      break;
    default:
      break;
    }
  sort_people (root);
}

static void
test_random_people (void)
{
  static const char * const lists[] = { "people", NULL };
  int rounds = g_test_thorough () ? 10000 : 1000;

  for (int round = 0; round < rounds; round++)
    {
      g_autoptr(JsonNode) base = j ("{'format':'marbles-people','version':1,'people':[]}");
      JsonArray *people = json_object_get_array_member (json_node_get_object (base), "people");
      g_autoptr(JsonNode) ours = NULL;
      g_autoptr(JsonNode) theirs = NULL;

      for (int i = g_test_rand_int_range (0, 5); i > 0; i--)
        {
          g_autofree char *id = g_strdup_printf ("base-%d", i);

          json_array_add_object_element (people, random_person (id));
        }
      ours = deep_copy (base);
      theirs = deep_copy (base);
      for (int n = g_test_rand_int_range (0, 5); n > 0; n--)
        edit_people (json_node_get_object (ours), "ours", n);
      for (int n = g_test_rand_int_range (0, 5); n > 0; n--)
        edit_people (json_node_get_object (theirs), "theirs", n);
      check_random_merge (mb_merge_people, base, ours, theirs, lists);
      if (round % 10 == 0)
        check_random_merge (mb_merge_people, NULL, ours, theirs, lists);
    }
  assert_conflicts_seen (1u << MB_MERGE_CONFLICT_TEXT | 1u << MB_MERGE_CONFLICT_EDIT_KEPT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/merge/random-conversations", test_random_conversations);
  g_test_add_func ("/merge/random-people", test_random_people);

  return g_test_run ();
}
