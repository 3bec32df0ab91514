/* mb-merge-status.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* An agreement's status in a three-way merge (see mb-merge.c): which of
 * two statuses set on two machines wins, and the agreement's "history",
 * where the other one goes.
 *
 * A status is its "status" and its "status_changed", the time it was
 * set. When both sides set one, and not the same one:
 * - the one set later wins: its "status" and its "status_changed";
 * - when both times are the same, or either side has none (a file of a
 *   version that kept no times), the status further along open, kept,
 *   not-kept wins, so a broken promise is never hidden (a status this
 *   version does not know: by its JSON text); with the same status, the
 *   one with a time, else the time whose JSON text sorts last;
 * - the other one is added to the history as { "status": …, "changed": …
 *   } with its own time ("changed" left out when it had none).
 *
 * A history that both sides changed, or that gets a status added, is
 * tidied: every entry once (alike in JSON), sorted by "changed", the
 * oldest first. Entries without a time (the status an agreement was
 * made with, or one written by a version that kept no times) come first,
 * in the order they had.
 *
 * All of it depends on the values only, never on which side they come
 * from, so both machines write the same.
 */

#define G_LOG_DOMAIN "mb-merge"

#include "config.h"

#include <string.h>

#include "mb-merge-private.h"

static const char * const status_ranks[] = { "open", "kept", "not-kept", NULL };

/**
 * _mb_merge_get_member:
 * @node: (nullable): an object, or anything else
 *
 * Returns: (transfer none) (nullable): the member @name of @node, or
 *   %NULL when @node is not an object or has no such member
 */
JsonNode *
_mb_merge_get_member (JsonNode   *node,
                      const char *name)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_object_get_member (json_node_get_object (node), name);
}

/* Returns: (transfer full) (nullable): the ISO 8601 time in @node */
static GDateTime *
time_of (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_date_time_new_from_iso8601 (json_node_get_string (node), NULL);
}

static gboolean
same_status (JsonNode *a,
             JsonNode *b)
{
  return _mb_merge_same_node (_mb_merge_get_member (a, "status"),
                              _mb_merge_get_member (b, "status")) &&
         _mb_merge_same_node (_mb_merge_get_member (a, "status_changed"),
                              _mb_merge_get_member (b, "status_changed"));
}

/**
 * _mb_merge_status_changed_on_both:
 * @base: (nullable): the agreement as both sides had it
 *
 * Returns: whether @ours and @theirs both have a status, both set it
 *   since @base (the status or its time), and not to the same
 */
gboolean
_mb_merge_status_changed_on_both (JsonNode *base,
                                  JsonNode *ours,
                                  JsonNode *theirs)
{
  if (_mb_merge_get_member (ours, "status") == NULL ||
      _mb_merge_get_member (theirs, "status") == NULL)
    return FALSE;
  return !same_status (ours, theirs) && !same_status (base, ours) && !same_status (base, theirs);
}

/**
 * _mb_merge_compare_statuses:
 *
 * Returns: above 0 when the status of agreement @a wins over that of
 *   agreement @b, below 0 when it loses; see the top of this file
 */
int
_mb_merge_compare_statuses (JsonNode *a,
                            JsonNode *b)
{
  JsonNode *changed_a = _mb_merge_get_member (a, "status_changed");
  JsonNode *changed_b = _mb_merge_get_member (b, "status_changed");
  g_autoptr(GDateTime) time_a = time_of (changed_a);
  g_autoptr(GDateTime) time_b = time_of (changed_b);
  int order;

  if (time_a != NULL && time_b != NULL && g_date_time_compare (time_a, time_b) != 0)
    return g_date_time_compare (time_a, time_b);

  order = _mb_merge_compare_values (_mb_merge_get_member (a, "status"),
                                    _mb_merge_get_member (b, "status"), status_ranks);
  if (order != 0)
    return order;
  if ((changed_a == NULL) != (changed_b == NULL))
    return changed_a != NULL ? 1 : -1;
  return changed_a != NULL ? _mb_merge_compare_values (changed_a, changed_b, NULL) : 0;
}

/* Tidying a history */

typedef struct
{
  JsonNode  *node; /* borrowed */
  char      *text; /* its JSON */
  GDateTime *time; /* its "changed", or NULL */
  guint      index;
} Entry;

static void
entry_clear (Entry *entry)
{
  g_free (entry->text);
  g_clear_pointer (&entry->time, g_date_time_unref);
}

/* The oldest first, those without a time before all others; at the same
 * time, by JSON text; else in the order they had.
 */
static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *x = a;
  const Entry *y = b;
  int order;

  if ((x->time == NULL) != (y->time == NULL))
    return x->time == NULL ? -1 : 1;
  if (x->time != NULL)
    {
      order = g_date_time_compare (x->time, y->time);
      if (order == 0)
        order = strcmp (x->text, y->text);
      if (order != 0)
        return order;
    }
  return x->index < y->index ? -1 : x->index > y->index;
}

/**
 * _mb_merge_tidy_history:
 * @history: an agreement's "history"
 *
 * Returns: (transfer full): a new list of the entries of @history, each
 *   once, sorted (see the top of this file)
 */
JsonNode *
_mb_merge_tidy_history (JsonArray *history)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *tidy = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  g_array_set_clear_func (entries, (GDestroyNotify) entry_clear);
  for (guint i = 0; i < json_array_get_length (history); i++)
    {
      Entry entry = { json_array_get_element (history, i), NULL, NULL, i };

      entry.text = _mb_merge_canonical_text (entry.node);
      if (!g_hash_table_add (seen, entry.text))
        {
          g_free (entry.text);
          continue;
        }
      entry.time = time_of (_mb_merge_get_member (entry.node, "changed"));
      g_array_append_val (entries, entry);
    }

  g_array_sort (entries, compare_entries);
  for (guint i = 0; i < entries->len; i++)
    json_array_add_element (tidy, json_node_copy (g_array_index (entries, Entry, i).node));
  json_node_take_array (node, tidy);
  return node;
}

/**
 * _mb_merge_add_to_history:
 * @merged: the merged agreement, the merge's own
 * @agreement: the agreement whose status lost
 *
 * Adds the status of @agreement, with its time, to the "history" of
 * @merged, and tidies it; a history that is not a list is left as it is.
 */
void
_mb_merge_add_to_history (JsonObject *merged,
                          JsonNode   *agreement)
{
  JsonNode *history = json_object_get_member (merged, "history");
  JsonNode *changed = _mb_merge_get_member (agreement, "status_changed");
  g_autoptr(JsonArray) list = NULL;
  JsonArray *old;
  JsonObject *entry;

  /* Not a list this version wrote: left as it is. */
  if (history != NULL && !JSON_NODE_HOLDS_ARRAY (history))
    return;

  /* A new list: the old one may be shared with the versions merged. */
  list = json_array_new ();
  old = history != NULL ? json_node_get_array (history) : NULL;
  for (guint i = 0; old != NULL && i < json_array_get_length (old); i++)
    json_array_add_element (list, json_array_dup_element (old, i));

  entry = json_object_new ();
  json_object_set_member (entry, "status",
                          json_node_copy (_mb_merge_get_member (agreement, "status")));
  if (changed != NULL)
    json_object_set_member (entry, "changed", json_node_copy (changed));
  json_array_add_object_element (list, entry);
  json_object_set_member (merged, "history", _mb_merge_tidy_history (list));
}
