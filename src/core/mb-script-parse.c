/* mb-script-parse.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A script parsed with json-glib and checked in full before anything is
 * built from it. Every problem names the file and the place:
 * "FILE:LINE:COLUMN: …" for a file that is not JSON, and
 * "FILE: steps[2].title: …" (a JSON path, counting from 0) for the rest.
 * Members this version does not know are ignored.
 */

#define G_LOG_DOMAIN "mb-script"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "mb-json.h"
#include "mb-script-private.h"

/* What the checks collect: every problem, the code of the first. */
typedef struct
{
  const char *filename;
  GPtrArray  *problems;
  int         first_code;
} Check;

static void
question_free (MbScriptQuestion *question)
{
  g_free (question->id);
  g_clear_pointer (&question->text, mb_localized_unref);
  g_clear_pointer (&question->hint, mb_localized_unref);
  g_clear_pointer (&question->scale_min, mb_localized_unref);
  g_clear_pointer (&question->scale_max, mb_localized_unref);
  g_free (question);
}

static void
step_free (MbScriptStep *step)
{
  g_free (step->id);
  g_clear_pointer (&step->title, mb_localized_unref);
  g_clear_pointer (&step->purpose, mb_localized_unref);
  g_ptr_array_unref (step->questions);
  g_ptr_array_unref (step->phrases);
  g_ptr_array_unref (step->pitfalls);
  g_free (step);
}

static GPtrArray *
new_text_array (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) mb_localized_unref);
}

static void add_problem (Check      *check,
                         int         code,
                         const char *path,
                         const char *format,
                         ...) G_GNUC_PRINTF (4, 5);

static void
add_problem (Check      *check,
             int         code,
             const char *path,
             const char *format,
             ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  if (check->problems->len == 0)
    check->first_code = code;

  if (path != NULL && *path != '\0')
    g_ptr_array_add (check->problems, g_strdup_printf ("%s: %s: %s", check->filename, path, what));
  else
    g_ptr_array_add (check->problems, g_strdup_printf ("%s: %s", check->filename, what));
}

static char *
member_path (const char *parent,
             const char *member)
{
  if (parent == NULL || *parent == '\0')
    return g_strdup (member);
  return g_strdup_printf ("%s.%s", parent, member);
}

static const char *
describe_node (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("a list");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return _("a string");
    case G_TYPE_BOOLEAN:
      return _("true or false");
    case G_TYPE_DOUBLE:
      return _("a number with decimals");
    default:
      return _("a number");
    }
}

static void
wrong_type (Check      *check,
            const char *path,
            const char *expected,
            JsonNode   *found)
{
  /* Translators: “Expected a list, found a string” */
  add_problem (check, MB_SCRIPT_ERROR_WRONG_TYPE, path, _("Expected %s, found %s"),
               expected, describe_node (found));
}

/* Returns the member, or NULL (a problem when @required). */
static JsonNode *
get_member (Check      *check,
            JsonObject *object,
            const char *path,
            const char *name,
            gboolean    required)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL && required)
    add_problem (check, MB_SCRIPT_ERROR_MISSING_MEMBER, path,
                 _("The member “%s” is missing"), name);
  return node;
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text = g_utf8_next_char (text))
    {
      if (!g_unichar_isspace (g_utf8_get_char (text)))
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
is_integer (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

/* Adds each language of @object to @text; FALSE when one is not right. */
static gboolean
parse_languages (Check       *check,
                 JsonObject  *object,
                 const char  *path,
                 MbLocalized *text)
{
  g_autoptr(GList) members = json_object_get_members (object);
  gboolean ok = TRUE;

  for (const GList *l = members; l != NULL; l = l->next)
    {
      const char *language = l->data;
      JsonNode *value = json_object_get_member (object, language);
      g_autofree char *value_path = member_path (path, language);

      if (!mb_localized_is_language_tag (language))
        {
          add_problem (check, MB_SCRIPT_ERROR_INVALID_LANGUAGE, path,
                       _("“%s” is not a language tag such as “en”, “nl” or “nl-BE”"), language);
          ok = FALSE;
        }
      else if (!is_string (value))
        {
          wrong_type (check, value_path, _("a string"), value);
          ok = FALSE;
        }
      else if (is_blank (json_node_get_string (value)))
        {
          add_problem (check, MB_SCRIPT_ERROR_EMPTY, value_path, _("The text is empty"));
          ok = FALSE;
        }
      else
        {
          mb_localized_add (text, language, json_node_get_string (value));
        }
    }

  return ok;
}

static MbLocalized *
parse_text (Check      *check,
            JsonNode   *node,
            const char *path)
{
  g_autoptr(MbLocalized) text = mb_localized_new ();

  if (is_string (node))
    {
      if (is_blank (json_node_get_string (node)))
        {
          add_problem (check, MB_SCRIPT_ERROR_EMPTY, path, _("The text is empty"));
          return NULL;
        }
      mb_localized_add (text, "", json_node_get_string (node));
      return g_steal_pointer (&text);
    }

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      wrong_type (check, path, _("a text (a string, or an object of languages)"), node);
      return NULL;
    }

  if (json_object_get_size (json_node_get_object (node)) == 0)
    {
      add_problem (check, MB_SCRIPT_ERROR_EMPTY, path,
                   _("The text has no languages; give at least one, such as “en”"));
      return NULL;
    }

  return parse_languages (check, json_node_get_object (node), path, text) ? g_steal_pointer (&text) : NULL;
}

static MbLocalized *
parse_text_member (Check      *check,
                   JsonObject *object,
                   const char *path,
                   const char *name,
                   gboolean    required)
{
  JsonNode *node = get_member (check, object, path, name, required);
  g_autofree char *text_path = member_path (path, name);

  if (node == NULL)
    return NULL;
  return parse_text (check, node, text_path);
}

/* Returns the elements of a list member, or NULL when it is absent or
 * not a list (a problem when @required or not a list).
 */
static JsonArray *
get_array_member (Check      *check,
                  JsonObject *object,
                  const char *path,
                  const char *name,
                  gboolean    required)
{
  JsonNode *node = get_member (check, object, path, name, required);
  g_autofree char *array_path = member_path (path, name);

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      wrong_type (check, array_path, _("a list"), node);
      return NULL;
    }

  return json_node_get_array (node);
}

static GPtrArray *
parse_text_array (Check      *check,
                  JsonObject *object,
                  const char *path,
                  const char *name)
{
  GPtrArray *texts = new_text_array ();
  JsonArray *array = get_array_member (check, object, path, name, FALSE);
  g_autofree char *array_path = member_path (path, name);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = g_strdup_printf ("%s[%u]", array_path, i);
      MbLocalized *text = parse_text (check, json_array_get_element (array, i), item_path);

      if (text != NULL)
        g_ptr_array_add (texts, text);
    }

  return texts;
}

/**
 * mb_script_is_valid_id:
 *
 * Returns: whether @id is lowercase letters and digits, in words joined
 *   by single hyphens, and at most %MB_SCRIPT_MAX_ID_LENGTH characters
 */
gboolean
mb_script_is_valid_id (const char *id)
{
  gsize len;

  g_return_val_if_fail (id != NULL, FALSE);

  len = strlen (id);
  if (len == 0 || len > MB_SCRIPT_MAX_ID_LENGTH || id[0] == '-' || id[len - 1] == '-')
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (id[i] == '-' && id[i + 1] == '-')
        return FALSE;
      if (id[i] != '-' && !g_ascii_islower (id[i]) && !g_ascii_isdigit (id[i]))
        return FALSE;
    }

  return TRUE;
}

/* Checks the "id" member of @object; @seen maps ids to the path that
 * used them first.
 */
static char *
parse_id (Check      *check,
          JsonObject *object,
          const char *path,
          GHashTable *seen)
{
  JsonNode *node = get_member (check, object, path, "id", TRUE);
  g_autofree char *id_path = member_path (path, "id");
  const char *id;
  const char *first;

  if (node == NULL)
    return NULL;
  if (!is_string (node))
    {
      wrong_type (check, id_path, _("a string"), node);
      return NULL;
    }

  id = json_node_get_string (node);
  if (!mb_script_is_valid_id (id))
    {
      add_problem (check, MB_SCRIPT_ERROR_INVALID_ID, id_path,
                   _("“%s” is not a valid id: use lowercase letters, digits and single hyphens, "
                     "at most %d characters"),
                   id, MB_SCRIPT_MAX_ID_LENGTH);
      return NULL;
    }

  if (seen != NULL && (first = g_hash_table_lookup (seen, id)) != NULL)
    {
      add_problem (check, MB_SCRIPT_ERROR_DUPLICATE_ID, id_path,
                   _("The id “%s” is already used by %s"), id, first);
      return NULL;
    }

  if (seen != NULL)
    g_hash_table_insert (seen, g_strdup (id), g_strdup (path));
  return g_strdup (id);
}

static JsonObject *
get_object_element (Check      *check,
                    JsonArray  *array,
                    guint       index,
                    const char *path)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      wrong_type (check, path, _("an object"), node);
      return NULL;
    }

  return json_node_get_object (node);
}

/* Reads the optional "scale" of a question into @question: both ends
 * labelled, or no scale at all. Only reflection questions may have one.
 */
static void
parse_scale (Check            *check,
             JsonObject       *object,
             const char       *path,
             gboolean          allowed,
             MbScriptQuestion *question)
{
  JsonNode *node = get_member (check, object, path, "scale", FALSE);
  g_autofree char *scale_path = member_path (path, "scale");
  g_autoptr(MbLocalized) min = NULL;
  g_autoptr(MbLocalized) max = NULL;

  if (node == NULL)
    return;
  if (!allowed)
    {
      add_problem (check, MB_SCRIPT_ERROR_INVALID_VALUE, scale_path,
                   _("Only a reflection question can have a scale"));
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      /* Translators: the two names are those of members of the file, “min_label” and “max_label” */
      g_autofree char *expected = g_strdup_printf (_("an object with “%s” and “%s”"), "min_label", "max_label");

      wrong_type (check, scale_path, expected, node);
      return;
    }

  min = parse_text_member (check, json_node_get_object (node), scale_path, "min_label", TRUE);
  max = parse_text_member (check, json_node_get_object (node), scale_path, "max_label", TRUE);
  if (min != NULL && max != NULL)
    {
      question->scale_min = g_steal_pointer (&min);
      question->scale_max = g_steal_pointer (&max);
    }
}

static GPtrArray *
parse_questions (Check      *check,
                 JsonObject *root,
                 const char *name,
                 GHashTable *seen)
{
  GPtrArray *questions = g_ptr_array_new_with_free_func ((GDestroyNotify) question_free);
  JsonArray *array = get_array_member (check, root, NULL, name, FALSE);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s[%u]", name, i);
      JsonObject *object = get_object_element (check, array, i, path);
      MbScriptQuestion *question;

      if (object == NULL)
        continue;

      question = g_new0 (MbScriptQuestion, 1);
      question->id = parse_id (check, object, path, seen);
      question->text = parse_text_member (check, object, path, "text", TRUE);
      question->hint = parse_text_member (check, object, path, "hint", FALSE);
      parse_scale (check, object, path, g_str_equal (name, "reflection"), question);
      g_ptr_array_add (questions, question);
    }

  return questions;
}

static GPtrArray *
parse_steps (Check      *check,
             JsonObject *root)
{
  GPtrArray *steps = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  JsonArray *array = get_array_member (check, root, NULL, "steps", TRUE);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (array != NULL && json_array_get_length (array) == 0)
    add_problem (check, MB_SCRIPT_ERROR_EMPTY, "steps", _("A script needs at least one step"));

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("steps[%u]", i);
      JsonObject *object = get_object_element (check, array, i, path);
      MbScriptStep *step;

      if (object == NULL)
        continue;

      step = g_new0 (MbScriptStep, 1);
      step->id = parse_id (check, object, path, seen);
      step->title = parse_text_member (check, object, path, "title", TRUE);
      step->purpose = parse_text_member (check, object, path, "purpose", TRUE);
      step->questions = parse_text_array (check, object, path, "questions");
      step->phrases = parse_text_array (check, object, path, "phrases");
      step->pitfalls = parse_text_array (check, object, path, "pitfalls");
      g_ptr_array_add (steps, step);
    }

  return steps;
}

/* Checks "format" and "version"; FALSE when the rest cannot be read. */
static gboolean
check_format (Check      *check,
              JsonObject *root)
{
  JsonNode *format = get_member (check, root, NULL, "format", FALSE);
  JsonNode *version = get_member (check, root, NULL, "version", FALSE);

  if (format == NULL || !is_string (format) ||
      g_strcmp0 (json_node_get_string (format), MB_SCRIPT_FORMAT) != 0)
    {
      add_problem (check, MB_SCRIPT_ERROR_NOT_A_SCRIPT, "format",
                   _("This is not a Marbles script: “format” must be “%s”"), MB_SCRIPT_FORMAT);
      return FALSE;
    }

  if (version == NULL)
    {
      add_problem (check, MB_SCRIPT_ERROR_MISSING_MEMBER, NULL,
                   _("The member “%s” is missing"), "version");
      return FALSE;
    }
  if (!is_integer (version))
    {
      wrong_type (check, "version", _("a whole number"), version);
      return FALSE;
    }
  if (json_node_get_int (version) > MB_SCRIPT_FORMAT_VERSION)
    {
      add_problem (check, MB_SCRIPT_ERROR_NEWER_VERSION, "version",
                   _("This script was written for a newer version of Marbles (format version "
                     "%d); update Marbles to use it"),
                   (int) MIN (json_node_get_int (version), G_MAXINT));
      return FALSE;
    }
  if (json_node_get_int (version) < 1)
    {
      add_problem (check, MB_SCRIPT_ERROR_INVALID_VALUE, "version",
                   _("The format version must be %d"), MB_SCRIPT_FORMAT_VERSION);
      return FALSE;
    }

  return TRUE;
}

static guint
parse_duration (Check      *check,
                JsonObject *root)
{
  JsonNode *node = get_member (check, root, NULL, "duration_minutes", FALSE);

  if (node == NULL)
    return 0;
  if (!is_integer (node))
    {
      wrong_type (check, "duration_minutes", _("a whole number"), node);
      return 0;
    }
  if (json_node_get_int (node) < MB_SCRIPT_MIN_DURATION ||
      json_node_get_int (node) > MB_SCRIPT_MAX_DURATION)
    {
      add_problem (check, MB_SCRIPT_ERROR_INVALID_VALUE, "duration_minutes",
                   _("The planned length must be between %d and %d minutes"),
                   MB_SCRIPT_MIN_DURATION, MB_SCRIPT_MAX_DURATION);
      return 0;
    }

  return json_node_get_int (node);
}

static void
parse_root (Check      *check,
            JsonObject *root,
            MbScript   *script)
{
  g_autoptr(GHashTable) questions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (!check_format (check, root))
    return;

  script->id = parse_id (check, root, NULL, NULL);
  script->title = parse_text_member (check, root, NULL, "title", TRUE);
  script->summary = parse_text_member (check, root, NULL, "summary", TRUE);
  script->duration_minutes = parse_duration (check, root);
  script->tags = parse_text_array (check, root, NULL, "tags");
  script->preparation = parse_questions (check, root, "preparation", questions);
  script->steps = parse_steps (check, root);
  script->reflection = parse_questions (check, root, "reflection", questions);
}

/* Parses the JSON text; on failure adds the problem with its line and column. */
static JsonNode *
parse_json (Check  *check,
            GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  if (g_bytes_get_size (bytes) > MB_SCRIPT_MAX_SIZE)
    {
      g_autofree char *size = g_format_size (g_bytes_get_size (bytes));
      g_autofree char *limit = g_format_size (MB_SCRIPT_MAX_SIZE);

      add_problem (check, MB_SCRIPT_ERROR_TOO_LARGE, NULL,
                   _("The file is too large for a script (%s; at most %s)"), size, limit);
      return NULL;
    }

  root = mb_json_parse (bytes, check->filename, &error);
  if (root == NULL)
    {
      g_ptr_array_add (check->problems, g_strdup (error->message));
      check->first_code = error->code == MB_JSON_ERROR_EMPTY ? MB_SCRIPT_ERROR_EMPTY
                          : error->code == MB_JSON_ERROR_ENCODING ? MB_SCRIPT_ERROR_ENCODING
                          : MB_SCRIPT_ERROR_SYNTAX;
    }

  return root;
}

static MbScript *
load_node (Check    *check,
           JsonNode *root)
{
  g_autoptr(MbScript) script = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      add_problem (check, MB_SCRIPT_ERROR_NOT_A_SCRIPT, NULL,
                   _("This is not a Marbles script: a script is a JSON object"));
      return NULL;
    }

  script = g_object_new (MB_TYPE_SCRIPT, NULL);
  parse_root (check, json_node_get_object (root), script);
  if (check->problems->len > 0)
    return NULL;

  script->json = json_node_copy (root);
  return g_steal_pointer (&script);
}

/* Checks everything; returns the script when there was no problem. */
static MbScript *
load (Check  *check,
      GBytes *bytes)
{
  g_autoptr(JsonNode) root = parse_json (check, bytes);

  if (root == NULL)
    return NULL;

  return load_node (check, root);
}

/* Hands back @script, or sets @error to the first problem found. */
static MbScript *
finish_check (Check     *check,
              MbScript  *script,
              GError   **error)
{
  if (script == NULL)
    g_set_error_literal (error, MB_SCRIPT_ERROR, check->first_code,
                         g_ptr_array_index (check->problems, 0));

  g_ptr_array_unref (check->problems);
  return script;
}

/**
 * mb_script_new_from_json:
 * @root: a script as JSON, such as the copy a conversation keeps
 * @filename: the name to use in error messages
 * @error: return location for a #GError in %MB_SCRIPT_ERROR
 *
 * Returns: (transfer full) (nullable): the script, or %NULL with @error
 *   set to the first problem found
 */
MbScript *
mb_script_new_from_json (JsonNode    *root,
                         const char  *filename,
                         GError     **error)
{
  Check check = { filename, g_ptr_array_new_with_free_func (g_free), 0 };

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (filename != NULL, NULL);

  return finish_check (&check, load_node (&check, root), error);
}

/**
 * mb_script_check_bytes:
 * @bytes: the contents of a script file
 * @filename: the name to use in the messages
 *
 * Returns: (transfer full): every problem found in the script, one
 *   message each; empty when it is a valid script
 */
char **
mb_script_check_bytes (GBytes     *bytes,
                       const char *filename)
{
  Check check = { filename, g_ptr_array_new (), 0 };
  g_autoptr(MbScript) script = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (filename != NULL, NULL);

  script = load (&check, bytes);
  g_ptr_array_add (check.problems, NULL);
  return (char **) g_ptr_array_free (check.problems, FALSE);
}

/**
 * mb_script_new_from_bytes:
 * @bytes: the contents of a script file
 * @filename: the name to use in error messages
 * @error: return location for a #GError in %MB_SCRIPT_ERROR
 *
 * Returns: (transfer full) (nullable): the script, or %NULL with @error
 *   set to the first problem found
 */
MbScript *
mb_script_new_from_bytes (GBytes      *bytes,
                          const char  *filename,
                          GError     **error)
{
  Check check = { filename, g_ptr_array_new_with_free_func (g_free), 0 };

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (filename != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return finish_check (&check, load (&check, bytes), error);
}
