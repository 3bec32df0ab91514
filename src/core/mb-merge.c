/* mb-merge.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Three-way merge of the journal's documents, for one journal kept on
 * two machines: @base is the last version both had, @ours and @theirs
 * what each made of it.
 *
 * Place by place (a member of an object, an entry of a list):
 * - changed on one side only: that side's value;
 * - the same on both sides: that value;
 * - removed on one side, changed on the other: the changed one
 *   (MB_MERGE_CONFLICT_EDIT_KEPT); removed on one side and left as it
 *   was on the other: removed;
 * - changed on both, to objects: merged member by member; to lists:
 *   merged entry by entry, where an entry is an object found by its
 *   "id", and any other entry by its value (so an entry added on either
 *   side is kept, and one removed on either side is removed);
 * - changed on both, to two texts where the leader writes (notes,
 *   answers; an agreement's text, a marble's reason, an agreement or a
 *   marble's reason typed and not added yet, a person's name or role):
 *   both kept, marked (MB_MERGE_CONFLICT_TEXT). See merge_text();
 * - changed on both, to two other values: one of them by a rule that
 *   does not depend on which side is which (MB_MERGE_CONFLICT_VALUE): a
 *   phase that is later in its list (prepare, talk, reflect); else the
 *   larger number, true over false, else the value whose JSON text (its
 *   members sorted by name) sorts last (byte by byte). An entry of a
 *   list without an "id" is found by that text too, so the same value
 *   written with its members in another order is one entry. A value
 *   chosen on a scale of the reflection ("reflection/scales/<id>"): a
 *   value over none (null), else the lower, so that a doubt about
 *   oneself is never hidden.
 * - the promise a conversation is about ("about", a conversation's id
 *   and an agreement's): one value, set once; set on one side only, that
 *   side's; set to two different ones, one of them whole, as any other
 *   value (never the conversation of one and the agreement of the other).
 * - a count that each side adds to (the judgement lens's, "lens"): the
 *   base plus what each side added; when a side has less than the base,
 *   as any other number.
 * - an agreement's status ("status" with its time, "status_changed")
 *   set on both: the one set later wins, with its time, and the other
 *   one is added to the agreement's "history" as { "status": "kept",
 *   "changed": "2026-11-28T16:05:00+01:00" } (MB_MERGE_CONFLICT_STATUS,
 *   reported at "status"). When the times are the same or either side
 *   has none, the status later in open, kept, not-kept wins, so a broken
 *   promise is never hidden. A history changed on both sides is the
 *   entries of both, each once, the oldest first. See mb-merge-status.c.
 *
 * The result is the same, byte for byte, when @ours and @theirs are
 * swapped, so two machines that merge the same three versions write the
 * same file and the sync tool sees no new conflict. That is why a text
 * changed on both sides does not say which part was "ours": the part
 * that sorts first comes first, and the marker names the second one the
 * other version. Order follows the side that changed the order (or,
 * when both did, the one whose list of names sorts first), with what
 * only the other side has put right after what precedes it there. (The
 * markers are translated: two machines in different languages write
 * different bytes once; the next merge then takes the other machine's
 * file, as merging the last version with a newer one gives the newer.)
 *
 * The result may share unchanged parts with the three documents: treat
 * it as read-only, like them.
 */

#define G_LOG_DOMAIN "mb-merge"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mb-merge-private.h"

/* The report */

struct _MbMergeReport
{
  GArray *conflicts; /* MbMergeConflict */
};

static void
conflict_clear (MbMergeConflict *conflict)
{
  g_clear_pointer (&conflict->path, g_strfreev);
}

/**
 * mb_merge_report_new:
 *
 * Returns: (transfer full): an empty report, for one merge
 */
MbMergeReport *
mb_merge_report_new (void)
{
  MbMergeReport *report = g_new0 (MbMergeReport, 1);

  report->conflicts = g_array_new (FALSE, FALSE, sizeof (MbMergeConflict));
  g_array_set_clear_func (report->conflicts, (GDestroyNotify) conflict_clear);
  return report;
}

void
mb_merge_report_free (MbMergeReport *report)
{
  if (report == NULL)
    return;

  g_array_unref (report->conflicts);
  g_free (report);
}

guint
mb_merge_report_get_n_conflicts (MbMergeReport *report)
{
  g_return_val_if_fail (report != NULL, 0);

  return report->conflicts->len;
}

/**
 * mb_merge_report_get_conflict:
 *
 * Returns: (transfer none): the @i-th place both sides had changed, in
 *   the order of the merged document
 */
const MbMergeConflict *
mb_merge_report_get_conflict (MbMergeReport *report,
                              guint          i)
{
  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (i < report->conflicts->len, NULL);

  return &g_array_index (report->conflicts, MbMergeConflict, i);
}

guint
mb_merge_report_count (MbMergeReport      *report,
                       MbMergeConflictKind kind)
{
  guint count = 0;

  g_return_val_if_fail (report != NULL, 0);

  for (guint i = 0; i < report->conflicts->len; i++)
    {
      if (g_array_index (report->conflicts, MbMergeConflict, i).kind == kind)
        count++;
    }
  return count;
}

/* Rules: what the places of each document hold */

typedef enum
{
  RULE_TEXT,      /* a text of many lines */
  RULE_LINE,      /* a text of one line */
  RULE_RANKED,    /* a value from a list: the later one wins */
  RULE_AGREEMENT, /* an agreement: its status by mb-merge-status.c */
  RULE_HISTORY,   /* an agreement's earlier statuses: tidied */
  RULE_COUNT,     /* a count each side adds to: both sides' additions */
  RULE_SCALE,     /* a value chosen on a scale: a value over none, else the lower */
  RULE_WHOLE,     /* an object that is one value: never merged member by member */
} RuleKind;

typedef struct
{
  const char         *pattern; /* member names joined by '/'; '*' is any one */
  RuleKind            kind;
  const char * const *ranks;
} Rule;

static const char * const phase_ranks[] = { "prepare", "talk", "reflect", NULL };

static const Rule conversation_rules[] = {
  { "phase", RULE_RANKED, phase_ranks },
  { "preparation/notes", RULE_TEXT, NULL },
  { "preparation/answers/*", RULE_TEXT, NULL },
  { "steps/*/notes", RULE_TEXT, NULL },
  { "reflection/answers/*", RULE_TEXT, NULL },
  { "reflection/scales/*", RULE_SCALE, NULL },
  { "agreements/*", RULE_AGREEMENT, NULL },
  { "agreements/*/text", RULE_LINE, NULL },
  { "agreements/*/history", RULE_HISTORY, NULL },
  { "marbles/*/reason", RULE_LINE, NULL },
  { "talk/agreement_draft", RULE_LINE, NULL },
  { "reflection/marble_in_draft", RULE_LINE, NULL },
  { "reflection/marble_out_draft", RULE_LINE, NULL },
  { "lens/flagged", RULE_COUNT, NULL },
  { "lens/rephrased", RULE_COUNT, NULL },
  { "about", RULE_WHOLE, NULL },
  { NULL, 0, NULL },
};

static const Rule people_rules[] = {
  { "people/*/name", RULE_LINE, NULL },
  { "people/*/role", RULE_LINE, NULL },
  { NULL, 0, NULL },
};

typedef struct
{
  const Rule    *rules;
  GPtrArray     *path;    /* (element-type utf8): where the merge is, borrowed */
  MbMergeReport *report;  /* (nullable) */
} Merge;

static gboolean
pattern_matches (const char *pattern,
                 GPtrArray  *path)
{
  const char *p = pattern;

  for (guint i = 0; i < path->len; i++)
    {
      const char *segment = g_ptr_array_index (path, i);
      const char *end = strchrnul (p, '/');
      gsize len = end - p;

      if (*p == '\0')
        return FALSE;
      if (!(len == 1 && *p == '*') && (strlen (segment) != len || memcmp (segment, p, len) != 0))
        return FALSE;
      p = *end == '/' ? end + 1 : end;
    }
  return *p == '\0';
}

static const Rule *
find_rule (Merge *m)
{
  for (const Rule *rule = m->rules; rule->pattern != NULL; rule++)
    {
      if (pattern_matches (rule->pattern, m->path))
        return rule;
    }
  return NULL;
}

static void
report_conflict (Merge              *m,
                 MbMergeConflictKind kind)
{
  MbMergeConflict conflict;

  if (m->report == NULL)
    return;

  conflict.kind = kind;
  conflict.path = g_new0 (char *, m->path->len + 1);
  for (guint i = 0; i < m->path->len; i++)
    conflict.path[i] = g_strdup (g_ptr_array_index (m->path, i));
  g_array_append_val (m->report->conflicts, conflict);
}

/* Comparing */

static gboolean
same_value (JsonNode *a,
            JsonNode *b)
{
  GType type = json_node_get_value_type (a);
  double x, y;

  if (type != json_node_get_value_type (b))
    return FALSE;
  if (type == G_TYPE_STRING)
    return g_str_equal (json_node_get_string (a), json_node_get_string (b));
  if (type == G_TYPE_INT64)
    return json_node_get_int (a) == json_node_get_int (b);
  if (type == G_TYPE_BOOLEAN)
    return json_node_get_boolean (a) == json_node_get_boolean (b);
  /* Bit by bit: 0.0 and -0.0 are written differently. */
  x = json_node_get_double (a);
  y = json_node_get_double (b);
  return memcmp (&x, &y, sizeof x) == 0;
}

/* Members in the same order: the same text when written. */
static gboolean
same_object (JsonObject *a,
             JsonObject *b)
{
  g_autoptr(GList) names_a = json_object_get_members (a);
  g_autoptr(GList) names_b = json_object_get_members (b);
  GList *l, *k;

  for (l = names_a, k = names_b; l != NULL && k != NULL; l = l->next, k = k->next)
    {
      if (!g_str_equal (l->data, k->data) ||
          !_mb_merge_same_node (json_object_get_member (a, l->data),
                                json_object_get_member (b, k->data)))
        return FALSE;
    }
  return l == NULL && k == NULL;
}

static gboolean
same_array (JsonArray *a,
            JsonArray *b)
{
  guint len = json_array_get_length (a);

  if (len != json_array_get_length (b))
    return FALSE;
  for (guint i = 0; i < len; i++)
    {
      if (!_mb_merge_same_node (json_array_get_element (a, i), json_array_get_element (b, i)))
        return FALSE;
    }
  return TRUE;
}

/* Whether @a and @b are written as the same JSON; %NULL is a place
 * without a value.
 */
gboolean
_mb_merge_same_node (JsonNode *a,
                     JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (json_node_get_node_type (a) != json_node_get_node_type (b))
    return FALSE;

  switch (json_node_get_node_type (a))
    {
    case JSON_NODE_OBJECT:
      return same_object (json_node_get_object (a), json_node_get_object (b));
    case JSON_NODE_ARRAY:
      return same_array (json_node_get_array (a), json_node_get_array (b));
    case JSON_NODE_VALUE:
      return same_value (a, b);
    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}

static gboolean
holds (JsonNode *node,
       GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static int
rank_of (const char * const *ranks,
         JsonNode           *node)
{
  if (ranks == NULL || !holds (node, G_TYPE_STRING))
    return -1;
  for (int i = 0; ranks[i] != NULL; i++)
    {
      if (g_str_equal (ranks[i], json_node_get_string (node)))
        return i;
    }
  return -1;
}

static void
append_canonical (GString  *text,
                  JsonNode *node);

static void
append_string (GString    *text,
               const char *string)
{
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), string);
  g_autofree char *quoted = json_to_string (node, FALSE);

  g_string_append (text, quoted);
}

static void
append_canonical_object (GString    *text,
                         JsonObject *object)
{
  g_autoptr(GList) names = g_list_sort (json_object_get_members (object), (GCompareFunc) strcmp);

  g_string_append_c (text, '{');
  for (GList *l = names; l != NULL; l = l->next)
    {
      if (l != names)
        g_string_append_c (text, ',');
      append_string (text, l->data);
      g_string_append_c (text, ':');
      append_canonical (text, json_object_get_member (object, l->data));
    }
  g_string_append_c (text, '}');
}

static void
append_canonical (GString  *text,
                  JsonNode *node)
{
  g_autofree char *value = NULL;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      append_canonical_object (text, json_node_get_object (node));
      return;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      g_string_append_c (text, '[');
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          if (i > 0)
            g_string_append_c (text, ',');
          append_canonical (text, json_array_get_element (array, i));
        }
      g_string_append_c (text, ']');
      return;
    }
  value = json_to_string (node, FALSE);
  g_string_append (text, value);
}

/* @node as JSON text with the members of each object sorted by name:
 * the same text for the same value, whatever order a file had them in.
 */
char *
_mb_merge_canonical_text (JsonNode *node)
{
  GString *text = g_string_new (NULL);

  append_canonical (text, node);
  return g_string_free (text, FALSE);
}

/* Above 0 when @a wins over @b: the one later in @ranks (when both are
 * in it), else as at the top of this file. The same on both machines: it
 * depends on the values only, never on which side they come from.
 */
int
_mb_merge_compare_values (JsonNode           *a,
                          JsonNode           *b,
                          const char * const *ranks)
{
  int rank_a = rank_of (ranks, a);
  int rank_b = rank_of (ranks, b);
  g_autofree char *text_a = NULL;
  g_autofree char *text_b = NULL;

  if (rank_a >= 0 && rank_b >= 0 && rank_a != rank_b)
    return rank_a - rank_b;
  if (holds (a, G_TYPE_INT64) && holds (b, G_TYPE_INT64) &&
      json_node_get_int (a) != json_node_get_int (b))
    return json_node_get_int (a) > json_node_get_int (b) ? 1 : -1;
  if ((holds (a, G_TYPE_INT64) || holds (a, G_TYPE_DOUBLE)) &&
      (holds (b, G_TYPE_INT64) || holds (b, G_TYPE_DOUBLE)) &&
      json_node_get_double (a) != json_node_get_double (b))
    return json_node_get_double (a) > json_node_get_double (b) ? 1 : -1;
  if (holds (a, G_TYPE_BOOLEAN) && holds (b, G_TYPE_BOOLEAN))
    return json_node_get_boolean (a) - json_node_get_boolean (b);

  text_a = _mb_merge_canonical_text (a);
  text_b = _mb_merge_canonical_text (b);
  return strcmp (text_a, text_b);
}

/* The places of an object or a list, in its order */

typedef struct
{
  GPtrArray  *keys;  /* (element-type utf8): in the document's order */
  GHashTable *nodes; /* key → JsonNode, borrowed */
} Side;

static void
side_init (Side *side)
{
  side->keys = g_ptr_array_new_with_free_func (g_free);
  side->nodes = g_hash_table_new (g_str_hash, g_str_equal);
}

static void
side_clear (Side *side)
{
  g_clear_pointer (&side->nodes, g_hash_table_unref);
  g_clear_pointer (&side->keys, g_ptr_array_unref);
}

static void
side_add (Side     *side,
          char     *key,
          JsonNode *node)
{
  g_ptr_array_add (side->keys, key);
  g_hash_table_insert (side->nodes, key, node);
}

/* Members by name; anything but an object has none. */
static void
side_init_object (Side     *side,
                  JsonNode *node)
{
  g_autoptr(GList) names = NULL;
  JsonObject *object;

  side_init (side);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;

  object = json_node_get_object (node);
  names = json_object_get_members (object);
  for (GList *l = names; l != NULL; l = l->next)
    side_add (side, g_strdup (l->data), json_object_get_member (object, l->data));
}

static const char *
id_of (JsonNode *item)
{
  JsonNode *id;

  if (item == NULL || !JSON_NODE_HOLDS_OBJECT (item))
    return NULL;
  id = json_object_get_member (json_node_get_object (item), "id");
  return id != NULL && holds (id, G_TYPE_STRING) ? json_node_get_string (id) : NULL;
}

/* An entry of a list: "i:" and its id, or "v:" and its JSON; a second
 * entry with the same gets its number after U+001F.
 */
static char *
entry_key (JsonNode   *item,
           GHashTable *seen)
{
  const char *id = id_of (item);
  g_autofree char *text = id == NULL ? _mb_merge_canonical_text (item) : NULL;
  char *key = g_strconcat (id != NULL ? "i:" : "v:", id != NULL ? id : text, NULL);
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (seen, key));

  g_hash_table_insert (seen, g_strdup (key), GUINT_TO_POINTER (n + 1));
  if (n == 0)
    return key;

  g_free (key);
  return g_strdup_printf ("%s:%s\x1F%u", id != NULL ? "i" : "v", id != NULL ? id : text, n);
}

/* Entries by id or value; anything but a list has none. */
static void
side_init_array (Side     *side,
                 JsonNode *node)
{
  g_autoptr(GHashTable) seen = NULL;
  JsonArray *array;

  side_init (side);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;

  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      side_add (side, entry_key (item, seen), item);
    }
}

static gboolean
same_keys (GPtrArray *a,
           GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      if (!g_str_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
        return FALSE;
    }
  return TRUE;
}

static int
compare_keys (GPtrArray *a,
              GPtrArray *b)
{
  for (guint i = 0; i < a->len && i < b->len; i++)
    {
      int order = strcmp (g_ptr_array_index (a, i), g_ptr_array_index (b, i));

      if (order != 0)
        return order;
    }
  return (int) a->len - (int) b->len;
}

/* Every key of @ours and @theirs once, in an order that does not depend
 * on which side is which: that of the side that changed the order (of
 * the one that sorts first when both did), with each key only the other
 * side has put right after the key before it there, or first when no
 * key is before it.
 */
static GPtrArray *
merged_order (Side *base,
              Side *ours,
              Side *theirs)
{
  g_autoptr(GHashTable) placed = g_hash_table_new (g_str_hash, g_str_equal);
  GQueue order = G_QUEUE_INIT;
  GList *cursor = NULL;
  GPtrArray *primary, *secondary, *result;

  if (same_keys (ours->keys, base->keys) ||
      (!same_keys (theirs->keys, base->keys) && compare_keys (theirs->keys, ours->keys) < 0))
    {
      primary = theirs->keys;
      secondary = ours->keys;
    }
  else
    {
      primary = ours->keys;
      secondary = theirs->keys;
    }

  for (guint i = 0; i < primary->len; i++)
    {
      g_queue_push_tail (&order, g_ptr_array_index (primary, i));
      g_hash_table_insert (placed, g_ptr_array_index (primary, i), order.tail);
    }
  for (guint i = 0; i < secondary->len; i++)
    {
      char *key = g_ptr_array_index (secondary, i);
      GList *link = g_hash_table_lookup (placed, key);

      if (link == NULL)
        {
          if (cursor == NULL)
            g_queue_push_head (&order, key);
          else
            g_queue_insert_after (&order, cursor, key);
          link = cursor == NULL ? order.head : cursor->next;
          g_hash_table_insert (placed, key, link);
        }
      cursor = link;
    }

  result = g_ptr_array_sized_new (order.length);
  for (GList *l = order.head; l != NULL; l = l->next)
    g_ptr_array_add (result, l->data);
  g_queue_clear (&order);
  return result;
}

/* Texts */

/* Adds @line on a line of its own. */
static void
append_line (GString    *text,
             const char *line)
{
  if (text->len > 0 && text->str[text->len - 1] != '\n')
    g_string_append_c (text, '\n');
  g_string_append (text, line);
  g_string_append_c (text, '\n');
}

static gboolean
line_starts (const char *text,
             gsize       at,
             gsize       prefix)
{
  return at == prefix || text[at - 1] == '\n';
}

/* The lines @a and @b begin with and end with alike, in bytes, not
 * overlapping.
 */
static void
common_lines (const char *a,
              const char *b,
              gsize      *prefix,
              gsize      *suffix)
{
  gsize len_a = strlen (a);
  gsize len_b = strlen (b);

  *prefix = 0;
  for (gsize i = 0; i < len_a && i < len_b && a[i] == b[i]; i++)
    {
      if (a[i] == '\n')
        *prefix = i + 1;
    }

  *suffix = 0;
  for (gsize s = 1; s <= MIN (len_a, len_b) - *prefix && a[len_a - s] == b[len_b - s]; s++)
    {
      if (line_starts (a, len_a - s, *prefix) && line_starts (b, len_b - s, *prefix))
        *suffix = s;
    }
}

/* Both texts, the one that sorts first first (so both machines write
 * the same). A text of many lines keeps the lines both begin and end
 * with once, and marks where the other version's lines begin and end;
 * a text of one line gets both on that line. When one text is the
 * other with lines taken out (or emptied), the other one is kept whole.
 * @had_text: whether the base had a text there that is not empty
 */
static JsonNode *
merge_text (Merge      *m,
            gboolean    had_text,
            const char *ours,
            const char *theirs,
            gboolean    lines)
{
  const char *first = strcmp (ours, theirs) < 0 ? ours : theirs;
  const char *second = first == ours ? theirs : ours;
  gsize prefix = 0, suffix = 0, len_first, len_second;
  g_autoptr(GString) text = NULL;

  if (lines)
    common_lines (first, second, &prefix, &suffix);
  len_first = strlen (first) - prefix - suffix;
  len_second = strlen (second) - prefix - suffix;
  if (len_first == 0 || len_second == 0)
    {
      /* An empty text where there was none is nothing taken out. */
      if (*first != '\0' || had_text)
        report_conflict (m, MB_MERGE_CONFLICT_EDIT_KEPT);
      return json_node_init_string (json_node_alloc (), len_first == 0 ? second : first);
    }

  report_conflict (m, MB_MERGE_CONFLICT_TEXT);
  if (!lines)
    {
      /* Translators: one line (an agreement, a name) that was changed on
       * two computers at once, both versions kept: “Send the plan by
       * Friday / Send the plan by Thursday (changed on two devices at
       * once)”
       */
      g_autofree char *line = g_strdup_printf (_("%s / %s (changed on two devices at once)"),
                                               first, second);

      return json_node_init_string (json_node_alloc (), line);
    }

  text = g_string_new_len (first, prefix + len_first);
  /* Translators: a line put in notes that were changed on two computers
   * at once; the other version follows it
   */
  append_line (text, _("— Changed on two devices at once; the other version: —"));
  g_string_append_len (text, second + prefix, len_second);
  if (suffix > 0)
    {
      /* Translators: the line after the other version of notes changed
       * on two computers at once
       */
      append_line (text, _("— End of the other version —"));
      g_string_append (text, first + prefix + len_first);
    }
  return json_node_init_string (json_node_alloc (), text->str);
}

/* Merging */

static JsonNode *merge_node (Merge    *m,
                             JsonNode *base,
                             JsonNode *ours,
                             JsonNode *theirs);

/* A count both sides added to, from @base (none is 0): what each added,
 * or %NULL when they are not counts.
 */
static JsonNode *
merge_count (JsonNode *base,
             JsonNode *ours,
             JsonNode *theirs)
{
  gint64 from = base != NULL && holds (base, G_TYPE_INT64) ? json_node_get_int (base) : 0;
  gint64 a, b;

  if (!holds (ours, G_TYPE_INT64) || !holds (theirs, G_TYPE_INT64))
    return NULL;
  a = json_node_get_int (ours);
  b = json_node_get_int (theirs);
  if (from < 0 || a < from || b < from || a > G_MAXINT || b > G_MAXINT)
    return NULL;
  return json_node_init_int (json_node_alloc (), MIN ((gint64) G_MAXINT, a + b - from));
}

/* A place changed on both sides to two values, neither an object nor a
 * list (or one of each).
 */
static JsonNode *
merge_value (Merge    *m,
             JsonNode *base,
             JsonNode *ours,
             JsonNode *theirs)
{
  const Rule *rule = find_rule (m);
  JsonNode *winner;

  if (rule != NULL && (rule->kind == RULE_TEXT || rule->kind == RULE_LINE) &&
      holds (ours, G_TYPE_STRING) && holds (theirs, G_TYPE_STRING))
    {
      gboolean had_text = base != NULL && holds (base, G_TYPE_STRING) &&
                          *json_node_get_string (base) != '\0';

      return merge_text (m, had_text, json_node_get_string (ours), json_node_get_string (theirs),
                         rule->kind == RULE_TEXT);
    }
  if (rule != NULL && rule->kind == RULE_COUNT &&
      (winner = merge_count (base, ours, theirs)) != NULL)
    return winner;

  if (rule != NULL && rule->kind == RULE_SCALE && (JSON_NODE_HOLDS_NULL (ours) || JSON_NODE_HOLDS_NULL (theirs)))
    winner = JSON_NODE_HOLDS_NULL (ours) ? theirs : ours;
  else if (rule != NULL && rule->kind == RULE_SCALE && holds (ours, G_TYPE_INT64) && holds (theirs, G_TYPE_INT64))
    winner = json_node_get_int (ours) <= json_node_get_int (theirs) ? ours : theirs;
  else
    winner = _mb_merge_compare_values (ours, theirs, rule != NULL ? rule->ranks : NULL) >= 0
             ? ours : theirs;
  report_conflict (m, MB_MERGE_CONFLICT_VALUE);
  return json_node_copy (winner);
}

/* The merged value of member @name of an object both sides changed.
 * @status_from: (nullable): the agreement whose status and its time
 * win, when both sides set one
 */
static JsonNode *
merge_member (Merge      *m,
              const char *name,
              JsonNode   *status_from,
              Side       *b,
              Side       *o,
              Side       *t)
{
  JsonNode *value;

  if (status_from != NULL && (g_str_equal (name, "status") || g_str_equal (name, "status_changed")))
    {
      if (g_str_equal (name, "status"))
        report_conflict (m, MB_MERGE_CONFLICT_STATUS);
      value = _mb_merge_get_member (status_from, name);
      return value != NULL ? json_node_copy (value) : NULL;
    }

  return merge_node (m, g_hash_table_lookup (b->nodes, name), g_hash_table_lookup (o->nodes, name),
                     g_hash_table_lookup (t->nodes, name));
}

static JsonNode *
merge_object (Merge    *m,
              JsonNode *base,
              JsonNode *ours,
              JsonNode *theirs)
{
  const Rule *rule = find_rule (m);
  g_autoptr(GPtrArray) order = NULL;
  JsonNode *status_from = NULL;
  JsonNode *status_lost = NULL;
  JsonObject *merged = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  Side b, o, t;

  if (rule != NULL && rule->kind == RULE_AGREEMENT &&
      _mb_merge_status_changed_on_both (base, ours, theirs))
    {
      gboolean ours_wins = _mb_merge_compare_statuses (ours, theirs) >= 0;

      status_from = ours_wins ? ours : theirs;
      status_lost = ours_wins ? theirs : ours;
    }

  side_init_object (&b, base);
  side_init_object (&o, ours);
  side_init_object (&t, theirs);
  order = merged_order (&b, &o, &t);
  for (guint i = 0; i < order->len; i++)
    {
      const char *name = g_ptr_array_index (order, i);
      JsonNode *value;

      g_ptr_array_add (m->path, (gpointer) name);
      value = merge_member (m, name, status_from, &b, &o, &t);
      g_ptr_array_set_size (m->path, m->path->len - 1);
      if (value != NULL)
        json_object_set_member (merged, name, value);
    }
  if (status_lost != NULL)
    _mb_merge_add_to_history (merged, status_lost);

  side_clear (&b);
  side_clear (&o);
  side_clear (&t);
  json_node_take_object (node, merged);
  return node;
}

static JsonNode *
merge_array (Merge    *m,
             JsonNode *base,
             JsonNode *ours,
             JsonNode *theirs)
{
  const Rule *rule = find_rule (m);
  g_autoptr(GPtrArray) order = NULL;
  JsonArray *merged = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);
  Side b, o, t;

  side_init_array (&b, base);
  side_init_array (&o, ours);
  side_init_array (&t, theirs);
  order = merged_order (&b, &o, &t);
  for (guint i = 0; i < order->len; i++)
    {
      const char *key = g_ptr_array_index (order, i);
      JsonNode *in_base = g_hash_table_lookup (b.nodes, key);
      JsonNode *in_ours = g_hash_table_lookup (o.nodes, key);
      JsonNode *in_theirs = g_hash_table_lookup (t.nodes, key);
      const char *id = id_of (in_ours != NULL ? in_ours : in_theirs);
      JsonNode *value;

      /* In a report, an entry is named by its id. */
      g_ptr_array_add (m->path, (gpointer) (id != NULL ? id : key));
      value = merge_node (m, in_base, in_ours, in_theirs);
      g_ptr_array_set_size (m->path, m->path->len - 1);
      if (value != NULL)
        json_array_add_element (merged, value);
    }

  side_clear (&b);
  side_clear (&o);
  side_clear (&t);
  json_node_take_array (node, merged);
  if (rule != NULL && rule->kind == RULE_HISTORY)
    {
      JsonNode *tidy = _mb_merge_tidy_history (merged);

      json_node_unref (node);
      return tidy;
    }
  return node;
}

/* Returns: (transfer full) (nullable): the merged value of one place,
 * or %NULL when it has none
 */
static JsonNode *
merge_node (Merge    *m,
            JsonNode *base,
            JsonNode *ours,
            JsonNode *theirs)
{
  if (_mb_merge_same_node (ours, theirs))
    return ours != NULL ? json_node_copy (ours) : NULL;
  if (_mb_merge_same_node (base, ours))
    return theirs != NULL ? json_node_copy (theirs) : NULL;
  if (_mb_merge_same_node (base, theirs))
    return ours != NULL ? json_node_copy (ours) : NULL;

  /* Changed on both sides, and not alike. */
  if (ours == NULL || theirs == NULL)
    {
      report_conflict (m, MB_MERGE_CONFLICT_EDIT_KEPT);
      return json_node_copy (ours != NULL ? ours : theirs);
    }
  if (JSON_NODE_HOLDS_OBJECT (ours) && JSON_NODE_HOLDS_OBJECT (theirs) &&
      (find_rule (m) == NULL || find_rule (m)->kind != RULE_WHOLE))
    return merge_object (m, base, ours, theirs);
  if (JSON_NODE_HOLDS_ARRAY (ours) && JSON_NODE_HOLDS_ARRAY (theirs))
    return merge_array (m, base, ours, theirs);
  return merge_value (m, base, ours, theirs);
}

static JsonNode *
merge_document (const Rule    *rules,
                JsonNode      *base,
                JsonNode      *ours,
                JsonNode      *theirs,
                MbMergeReport *report)
{
  Merge m = { rules, g_ptr_array_new (), report };
  JsonNode *merged = merge_node (&m, base, ours, theirs);

  g_ptr_array_unref (m.path);
  return merged;
}

/**
 * mb_merge_conversation:
 * @base: (nullable): the last version both sides had; %NULL when none
 *   is known, as if both had written the whole file
 * @ours: this machine's version of a conversation's file
 * @theirs: the other machine's version
 * @report: (nullable): where to list the places both sides changed
 *
 * Merges three versions of one conversation file, as read (all of the
 * same format version). See the top of this file for the rules.
 *
 * Returns: (transfer full): the merged conversation, the same when
 *   @ours and @theirs are swapped; @theirs when @ours is @base, and
 *   @ours when @theirs is
 */
JsonNode *
mb_merge_conversation (JsonNode      *base,
                       JsonNode      *ours,
                       JsonNode      *theirs,
                       MbMergeReport *report)
{
  g_return_val_if_fail (ours != NULL, NULL);
  g_return_val_if_fail (theirs != NULL, NULL);

  return merge_document (conversation_rules, base, ours, theirs, report);
}

/**
 * mb_merge_people:
 *
 * As mb_merge_conversation(), for `people.json`: people merge by id;
 * a name or role changed on both sides keeps both.
 *
 * Returns: (transfer full): the merged people
 */
JsonNode *
mb_merge_people (JsonNode      *base,
                 JsonNode      *ours,
                 JsonNode      *theirs,
                 MbMergeReport *report)
{
  g_return_val_if_fail (ours != NULL, NULL);
  g_return_val_if_fail (theirs != NULL, NULL);

  return merge_document (people_rules, base, ours, theirs, report);
}
