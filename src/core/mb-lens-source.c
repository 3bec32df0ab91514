/* mb-lens-source.c — one lens data file, read and checked
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Every problem of a file is found at once and reported like the
 * script validator does: "FILE: PATH: message", one a line, with the
 * path counted from 0 ("rules[2].patterns[0]"). A problem with
 * "format" or "version" is reported alone.
 */

#define G_LOG_DOMAIN "mb-lens"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mb-json.h"
#include "mb-lens-private.h"
#include "mb-script.h"

typedef struct
{
  const char *filename;
  GPtrArray  *problems;
} Check;

static const char * const class_names[N_WORD_CLASSES + 1] = {
  "self", "other", "subject", "possessive", "person", "thing", "negation", "hedge",
  "clause", "coordinator", "function", "not-name", "after-person", "addressee",
  "consequence", "open-question", "article", "copula", "norm", "intensifier",
};

static const char * const frame_names[N_FRAMES] = {
  "speech", "source", "assumption", "bound",
};

static const char * const said_of_names[] = {
  "anything", "person", "not-person", "not-thing", "thing", NULL,
};

const char *
_mb_lens_class_name (guint index)
{
  g_assert (index <= N_WORD_CLASSES);
  return class_names[index];
}

G_GNUC_PRINTF (3, 4)
static void
add_problem (Check      *check,
             const char *path,
             const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (path != NULL)
    g_ptr_array_add (check->problems, g_strdup_printf ("%s: %s: %s", check->filename, path, message));
  else
    g_ptr_array_add (check->problems, g_strdup_printf ("%s: %s", check->filename, message));
}

static char *
item_path (const char *path,
           guint       index)
{
  return g_strdup_printf ("%s[%u]", path, index);
}

static char *
member_path (const char *path,
             const char *member)
{
  return path != NULL ? g_strdup_printf ("%s.%s", path, member) : g_strdup (member);
}

static char *
join_names (const char * const *names,
            guint               n_names)
{
  GString *joined = g_string_new (NULL);

  for (guint i = 0; i < n_names && names[i] != NULL; i++)
    g_string_append_printf (joined, "%s%s", i > 0 ? ", " : "", names[i]);
  return g_string_free (joined, FALSE);
}

/* The strings of a list at @path, or NULL (with a problem) when it is
 * not a list of strings.
 */
static GPtrArray *
read_strings (Check      *check,
              JsonNode   *node,
              const char *path)
{
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      add_problem (check, path, "%s", _("Expected a list of strings"));
      return NULL;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
        {
          g_autofree char *at = item_path (path, i);

          add_problem (check, at, "%s", _("Expected a string"));
          continue;
        }
      g_ptr_array_add (strings, g_strdup (json_node_get_string (item)));
    }

  return g_steal_pointer (&strings);
}

/* What is wrong with @text as a word, or as a pattern; NULL when nothing. */
static char *
check_item (const char *text,
            gboolean    pattern)
{
  char *problem = NULL;

  if (pattern)
    _mb_lens_parse_pattern (text, NULL, &problem);
  else if (!_mb_lens_is_word (text))
    problem = g_strdup_printf (_("“%s” is not a word: use letters, digits, hyphens and "
                                 "apostrophes, with at most one “*” at the start or the end"), text);
  return problem;
}

/* A list of words, or of patterns, each checked. */
static void
read_items (Check      *check,
            JsonNode   *node,
            const char *path,
            GPtrArray  *into,
            gboolean    patterns)
{
  g_autoptr(GPtrArray) strings = read_strings (check, node, path);

  for (guint i = 0; strings != NULL && i < strings->len; i++)
    {
      const char *text = g_ptr_array_index (strings, i);
      g_autofree char *problem = check_item (text, patterns);
      g_autofree char *at = NULL;

      if (problem == NULL)
        {
          g_ptr_array_add (into, g_strdup (text));
          continue;
        }
      at = item_path (path, i);
      add_problem (check, at, "%s", problem);
    }
}

/* "words" or "frames": an object of lists, each named from @names. */
static void
read_lists (Check              *check,
            JsonObject         *root,
            const char         *member,
            const char * const *names,
            guint               n_names,
            GPtrArray         **into,
            gboolean            patterns)
{
  JsonNode *node = json_object_get_member (root, member);
  g_autoptr(GList) members = NULL;

  if (node == NULL)
    return;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      add_problem (check, member, "%s", _("Expected an object"));
      return;
    }

  members = json_object_get_members (json_node_get_object (node));
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *list = json_object_get_member (json_node_get_object (node), name);
      g_autofree char *path = member_path (member, name);
      guint i;

      for (i = 0; i < n_names && !g_str_equal (names[i], name); i++)
        ;
      if (i == n_names)
        {
          g_autofree char *known = join_names (names, n_names);

          add_problem (check, path, _("“%s” is not a word class; use one of: %s"), name, known);
          continue;
        }
      read_items (check, list, path, into[i], patterns);
    }
}

/* A member of a rule that names one of @names; -1 when absent. */
static int
read_choice (Check              *check,
             JsonObject         *object,
             const char         *path,
             const char         *member,
             const char * const *names)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autofree char *at = NULL;
  const char *value;

  if (node == NULL)
    return -1;

  at = member_path (path, member);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      add_problem (check, at, "%s", _("Expected a string"));
      return -2;
    }

  value = json_node_get_string (node);
  for (int i = 0; names[i] != NULL; i++)
    {
      if (g_str_equal (names[i], value))
        return i;
    }

  {
    g_autofree char *known = join_names (names, G_MAXUINT);

    add_problem (check, at, _("“%s” is not one of: %s"), value, known);
  }
  return -2;
}

static int
read_category (Check      *check,
               JsonObject *object,
               const char *path,
               const char *member)
{
  const char *names[MB_LENS_N_CATEGORIES + 1] = { NULL };

  for (guint i = 0; i < MB_LENS_N_CATEGORIES; i++)
    names[i] = mb_lens_category_to_string (i);
  return read_choice (check, object, path, member, names);
}

static GStrv
read_optional_words (Check      *check,
                     JsonObject *object,
                     const char *path,
                     const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *at = member_path (path, member);

  if (node != NULL)
    read_items (check, node, at, words, FALSE);
  g_ptr_array_add (words, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&words), FALSE);
}

static void
source_rule_free (SourceRule *source_rule)
{
  g_free (source_rule->rule.id);
  g_strfreev (source_rule->rule.not_before);
  g_strfreev (source_rule->rule.not_after);
  g_strfreev (source_rule->patterns);
  g_free (source_rule);
}

static const char *
read_id (Check      *check,
         JsonObject *object,
         const char *path)
{
  JsonNode *node = json_object_get_member (object, "id");
  g_autofree char *at = member_path (path, "id");

  if (node == NULL)
    {
      add_problem (check, path, _("The member “%s” is missing"), "id");
      return NULL;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      add_problem (check, at, "%s", _("Expected a string"));
      return NULL;
    }
  if (!mb_script_is_valid_id (json_node_get_string (node)))
    {
      add_problem (check, at,
                   _("“%s” is not a valid id: use lowercase letters, digits and "
                     "single hyphens, at most %d characters"),
                   json_node_get_string (node), MB_SCRIPT_MAX_ID_LENGTH);
      return NULL;
    }
  return json_node_get_string (node);
}

/* The defaults that depend on the category: mind-reading and an apology
 * taken back are the same denied; an apology is the leader's own.
 */
static void
set_rule_defaults (Rule *rule,
                   int   negation,
                   int   self)
{
  gboolean denied_same = rule->category == MB_LENS_MIND_READING ||
                         rule->category == MB_LENS_CANCELLING_BUT;

  rule->negation_cancels = negation >= 0 ? negation == 0 : !denied_same;
  rule->self_exempt = self >= 0 ? self == 0 : rule->category != MB_LENS_CANCELLING_BUT;
}

static SourceRule *
read_rule (Check      *check,
           JsonNode   *node,
           const char *path)
{
  static const char * const negations[] = { "cancels", "keeps", NULL };
  static const char * const selves[] = { "exempt", "included", NULL };
  g_autoptr(GPtrArray) patterns = g_ptr_array_new_with_free_func (g_free);
  SourceRule *source_rule;
  JsonObject *object;
  guint n_problems = check->problems->len;
  int category, said_of, negation, self;
  const char *id;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      add_problem (check, path, "%s", _("Expected an object"));
      return NULL;
    }
  object = json_node_get_object (node);

  id = read_id (check, object, path);
  category = read_category (check, object, path, "category");
  if (category == -1)
    add_problem (check, path, _("The member “%s” is missing"), "category");
  if (!json_object_has_member (object, "patterns"))
    add_problem (check, path, _("The member “%s” is missing"), "patterns");
  else
    {
      g_autofree char *at = member_path (path, "patterns");

      read_items (check, json_object_get_member (object, "patterns"), at, patterns, TRUE);
    }
  said_of = read_choice (check, object, path, "said-of", said_of_names);
  negation = read_choice (check, object, path, "negation", negations);
  self = read_choice (check, object, path, "self", selves);

  source_rule = g_new0 (SourceRule, 1);
  source_rule->rule.id = g_strdup (id);
  source_rule->rule.category = MAX (category, 0);
  source_rule->rule.person_category = read_category (check, object, path, "person-category");
  source_rule->rule.thing_category = read_category (check, object, path, "thing-category");
  source_rule->rule.said_of = MAX (said_of, 0);
  source_rule->rule.not_before = read_optional_words (check, object, path, "not-before");
  source_rule->rule.not_after = read_optional_words (check, object, path, "not-after");
  set_rule_defaults (&source_rule->rule, negation, self);
  g_ptr_array_add (patterns, NULL);
  source_rule->patterns = (GStrv) g_ptr_array_free (g_steal_pointer (&patterns), FALSE);

  if (check->problems->len > n_problems)
    {
      source_rule_free (source_rule);
      return NULL;
    }
  return source_rule;
}

static void
read_rules (Check        *check,
            JsonObject   *root,
            MbLensSource *source)
{
  JsonNode *node = json_object_get_member (root, "rules");
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array;

  if (node == NULL)
    return;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      add_problem (check, "rules", "%s", _("Expected a list"));
      return;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = item_path ("rules", i);
      SourceRule *source_rule = read_rule (check, json_array_get_element (array, i), path);
      gpointer first;

      if (source_rule == NULL)
        continue;
      if (g_hash_table_lookup_extended (ids, source_rule->rule.id, NULL, &first))
        {
          g_autofree char *at = member_path (path, "id");

          add_problem (check, at, _("The id “%s” is already used by rules[%u]"),
                       source_rule->rule.id, GPOINTER_TO_UINT (first));
          source_rule_free (source_rule);
          continue;
        }
      g_hash_table_insert (ids, source_rule->rule.id, GUINT_TO_POINTER (i));
      g_ptr_array_add (source->rules, source_rule);
    }
}

/* "format", "version" and "language": FALSE when the rest cannot be read. */
static gboolean
read_header (Check        *check,
             JsonObject   *root,
             const char   *language,
             MbLensSource *source)
{
  const char *format = mb_json_get_string (root, "format");
  JsonNode *version = json_object_get_member (root, "version");
  JsonNode *given = json_object_get_member (root, "language");

  if (g_strcmp0 (format, MB_LENS_FORMAT) != 0)
    {
      add_problem (check, "format", _("This is not a Marbles lens file: “format” must be “%s”"),
                   MB_LENS_FORMAT);
      return FALSE;
    }
  if (version == NULL || !JSON_NODE_HOLDS_VALUE (version) ||
      json_node_get_value_type (version) != G_TYPE_INT64)
    {
      add_problem (check, "version", "%s", _("Expected a whole number"));
      return FALSE;
    }
  if (json_node_get_int (version) > MB_LENS_FORMAT_VERSION || json_node_get_int (version) < 1)
    {
      add_problem (check, "version",
                   _("This file was written for a newer version of Marbles (format version %d); "
                     "update Marbles to use it"),
                   (int) json_node_get_int (version));
      return FALSE;
    }

  if (given != NULL && (!JSON_NODE_HOLDS_VALUE (given) ||
                        json_node_get_value_type (given) != G_TYPE_STRING))
    add_problem (check, "language", "%s", _("Expected a string"));
  else if (given != NULL)
    source->language = g_strdup (json_node_get_string (given));

  if (language != NULL && source->language != NULL && !g_str_equal (language, source->language))
    add_problem (check, "language", _("The rules are for “%s”, not for “%s”"),
                 source->language, language);
  else if (language == NULL && source->language == NULL)
    add_problem (check, NULL, _("The member “%s” is missing"), "language");
  return TRUE;
}

static MbLensSource *
source_new (void)
{
  MbLensSource *source = g_new0 (MbLensSource, 1);

  for (guint i = 0; i <= N_WORD_CLASSES; i++)
    source->words[i] = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < N_FRAMES; i++)
    source->frames[i] = g_ptr_array_new_with_free_func (g_free);
  source->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) source_rule_free);
  source->silence = g_ptr_array_new_with_free_func (g_free);
  return source;
}

void
_mb_lens_source_free (MbLensSource *source)
{
  for (guint i = 0; i <= N_WORD_CLASSES; i++)
    g_ptr_array_unref (source->words[i]);
  for (guint i = 0; i < N_FRAMES; i++)
    g_ptr_array_unref (source->frames[i]);
  g_ptr_array_unref (source->rules);
  g_ptr_array_unref (source->silence);
  g_free (source->language);
  g_free (source);
}

static void
read_body (Check        *check,
           JsonObject   *root,
           MbLensSource *source)
{
  JsonNode *silence = json_object_get_member (root, "silence");

  read_lists (check, root, "words", class_names, N_WORD_CLASSES + 1, source->words, FALSE);
  read_lists (check, root, "frames", frame_names, N_FRAMES, source->frames, TRUE);
  read_rules (check, root, source);

  if (silence != NULL)
    {
      g_autoptr(GPtrArray) phrases = read_strings (check, silence, "silence");

      for (guint i = 0; phrases != NULL && i < phrases->len; i++)
        {
          const char *phrase = g_ptr_array_index (phrases, i);
          g_autofree char *stripped = g_strstrip (g_strdup (phrase));

          if (stripped[0] == '\0')
            {
              g_autofree char *at = item_path ("silence", i);

              add_problem (check, at, "%s", _("The text is empty"));
              continue;
            }
          g_ptr_array_add (source->silence, g_steal_pointer (&stripped));
        }
    }
}

/**
 * _mb_lens_source_parse:
 * @language: (nullable): the language the file must be for; %NULL for
 *   a bundled file, which names its own
 *
 * Returns: (transfer full): the file's lists, or %NULL with @error set:
 *   every problem, one a line
 */
MbLensSource *
_mb_lens_source_parse (GBytes      *bytes,
                       const char  *filename,
                       const char  *language,
                       GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(MbLensSource) source = source_new ();
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  Check check = { filename, problems };

  if (g_bytes_get_size (bytes) > MB_LENS_MAX_SIZE)
    add_problem (&check, NULL, "%s", _("The file is larger than 1 MiB"));
  else if ((root = mb_json_parse (bytes, filename, error)) == NULL)
    return NULL;
  else if (!JSON_NODE_HOLDS_OBJECT (root))
    add_problem (&check, NULL, "%s", _("Expected an object"));
  else if (read_header (&check, json_node_get_object (root), language, source))
    read_body (&check, json_node_get_object (root), source);

  if (problems->len > 0)
    {
      g_autofree char *message = NULL;

      g_ptr_array_add (problems, NULL);
      message = g_strjoinv ("\n", (GStrv) problems->pdata);
      g_set_error_literal (error, MB_LENS_ERROR, MB_LENS_ERROR_INVALID, message);
      return NULL;
    }
  return g_steal_pointer (&source);
}
