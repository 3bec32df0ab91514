/* mb-script.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One conversation script: parsed with json-glib and checked in full
 * before anything is built from it. Every problem names the file and
 * the place: "FILE:LINE:COLUMN: …" for a file that is not JSON, and
 * "FILE: steps[2].title: …" (a JSON path, counting from 0) for the rest.
 * Members this version does not know are ignored.
 */

#define G_LOG_DOMAIN "mb-script"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "mb-fold.h"
#include "mb-json.h"
#include "mb-script.h"

struct _MbScriptQuestion
{
  char        *id;
  MbLocalized *text;
  MbLocalized *hint;
};

struct _MbScriptStep
{
  char        *id;
  MbLocalized *title;
  MbLocalized *purpose;
  GPtrArray   *questions;
  GPtrArray   *phrases;
  GPtrArray   *pitfalls;
};

struct _MbScript
{
  GObject      parent_instance;

  GFile       *file;
  char        *id;
  MbLocalized *title;
  MbLocalized *summary;
  guint        duration_minutes;
  GPtrArray   *tags;
  GPtrArray   *preparation;
  GPtrArray   *steps;
  GPtrArray   *reflection;
  char        *search_text;
  JsonNode    *json;
  GBytes      *copy;      /* the script as kept beside conversations; NULL until asked for */
  char        *copy_sum;  /* its SHA-256, which names the file */
};

G_DEFINE_FINAL_TYPE (MbScript, mb_script, G_TYPE_OBJECT)

G_DEFINE_QUARK (mb-script-error-quark, mb_script_error)

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

static MbLocalized *
parse_text (Check      *check,
            JsonNode   *node,
            const char *path)
{
  g_autoptr(MbLocalized) text = mb_localized_new ();
  g_autoptr(GList) members = NULL;
  JsonObject *object;
  gboolean ok = TRUE;

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

  object = json_node_get_object (node);
  members = json_object_get_members (object);
  if (members == NULL)
    {
      add_problem (check, MB_SCRIPT_ERROR_EMPTY, path,
                   _("The text has no languages; give at least one, such as “en”"));
      return NULL;
    }

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

  return ok ? g_steal_pointer (&text) : NULL;
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
 * mb_script_get_json:
 *
 * Returns: (transfer none): the script as it was read, unknown members
 *   and all languages included
 */
JsonNode *
mb_script_get_json (MbScript *self)
{
  g_return_val_if_fail (MB_IS_SCRIPT (self), NULL);

  return self->json;
}

/**
 * mb_script_get_copy:
 * @checksum: (out) (optional) (transfer none): the SHA-256 of the copy,
 *   in hexadecimal
 *
 * The copy of the script that conversations held with it keep, once
 * for all of them: the whole script, in all its languages and with the
 * members this version does not know, so that they stay readable when
 * the script itself is changed or removed. Not thread-safe: the first
 * call makes it.
 *
 * Returns: (transfer none): the copy, as JSON
 */
GBytes *
mb_script_get_copy (MbScript    *self,
                    const char **checksum)
{
  g_return_val_if_fail (MB_IS_SCRIPT (self), NULL);

  if (self->copy == NULL)
    {
      GString *text = mb_json_to_string (self->json);

      g_string_append_c (text, '\n');
      self->copy = g_string_free_to_bytes (text);
      self->copy_sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, self->copy);
    }

  if (checksum != NULL)
    *checksum = self->copy_sum;
  return self->copy;
}

/**
 * mb_script_new_from_copy:
 * @bytes: a copy kept by mb_script_get_copy()
 * @checksum: what names it
 * @filename: the name to use in error messages
 *
 * Returns: (transfer full) (nullable): the script, whose copy is @bytes
 *   under @checksum
 */
MbScript *
mb_script_new_from_copy (GBytes      *bytes,
                         const char  *checksum,
                         const char  *filename,
                         GError     **error)
{
  MbScript *self;

  g_return_val_if_fail (checksum != NULL, NULL);

  self = mb_script_new_from_bytes (bytes, filename, error);
  if (self != NULL)
    {
      self->copy = g_bytes_ref (bytes);
      self->copy_sum = g_strdup (checksum);
    }

  return self;
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

/**
 * mb_script_new_from_file:
 * @file: a script file, on disk or in a resource
 *
 * Reads and checks @file; blocks, so call it from a worker thread for
 * files on disk. A file larger than %MB_SCRIPT_MAX_SIZE is not read.
 *
 * Returns: (transfer full) (nullable): the script, or %NULL with @error
 *   set in %MB_SCRIPT_ERROR
 */
MbScript *
mb_script_new_from_file (GFile         *file,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  MbScript *script;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_file_get_parse_name (file);
  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info != NULL && g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, MB_SCRIPT_ERROR, MB_SCRIPT_ERROR_READ,
                   "%s: %s", name, _("This is not a file"));
      return NULL;
    }
  if (info != NULL && g_file_info_get_size (info) > MB_SCRIPT_MAX_SIZE)
    {
      g_autofree char *size = g_format_size (g_file_info_get_size (info));
      g_autofree char *limit = g_format_size (MB_SCRIPT_MAX_SIZE);
      g_autofree char *what = g_strdup_printf (_("The file is too large for a script (%s; at most %s)"),
                                               size, limit);

      g_set_error (error, MB_SCRIPT_ERROR, MB_SCRIPT_ERROR_TOO_LARGE, "%s: %s", name, what);
      return NULL;
    }

  if (info != NULL)
    bytes = g_file_load_bytes (file, cancellable, NULL, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, MB_SCRIPT_ERROR, MB_SCRIPT_ERROR_READ,
                   "%s: %s", name, local_error->message);
      return NULL;
    }

  script = mb_script_new_from_bytes (bytes, name, error);
  if (script != NULL)
    script->file = g_object_ref (file);
  return script;
}

static void
mb_script_finalize (GObject *object)
{
  MbScript *self = MB_SCRIPT (object);

  g_clear_object (&self->file);
  g_free (self->id);
  g_clear_pointer (&self->title, mb_localized_unref);
  g_clear_pointer (&self->summary, mb_localized_unref);
  g_clear_pointer (&self->tags, g_ptr_array_unref);
  g_clear_pointer (&self->preparation, g_ptr_array_unref);
  g_clear_pointer (&self->steps, g_ptr_array_unref);
  g_clear_pointer (&self->reflection, g_ptr_array_unref);
  g_free (self->search_text);
  g_clear_pointer (&self->json, json_node_unref);
  g_clear_pointer (&self->copy, g_bytes_unref);
  g_free (self->copy_sum);

  G_OBJECT_CLASS (mb_script_parent_class)->finalize (object);
}

static void
mb_script_class_init (MbScriptClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mb_script_finalize;
}

static void
mb_script_init (MbScript *self)
{
}

/**
 * mb_script_get_file:
 *
 * Returns: (transfer none) (nullable): where the script was read from
 */
GFile *
mb_script_get_file (MbScript *self)
{
  g_return_val_if_fail (MB_IS_SCRIPT (self), NULL);

  return self->file;
}

/**
 * mb_script_is_bundled:
 *
 * Returns: whether the script comes with Marbles, rather than from the
 *   user's scripts folder
 */
gboolean
mb_script_is_bundled (MbScript *self)
{
  g_return_val_if_fail (MB_IS_SCRIPT (self), FALSE);

  return self->file != NULL && g_file_has_uri_scheme (self->file, "resource");
}

const char *
mb_script_get_id (MbScript *self)
{
  g_return_val_if_fail (MB_IS_SCRIPT (self), NULL);

  return self->id;
}

MbLocalized *
mb_script_get_title (MbScript *self)
{
  g_return_val_if_fail (MB_IS_SCRIPT (self), NULL);

  return self->title;
}

MbLocalized *
mb_script_get_summary (MbScript *self)
{
  g_return_val_if_fail (MB_IS_SCRIPT (self), NULL);

  return self->summary;
}

/**
 * mb_script_get_duration_minutes:
 *
 * Returns: the planned length in minutes, or 0 when the script gives none
 */
guint
mb_script_get_duration_minutes (MbScript *self)
{
  g_return_val_if_fail (MB_IS_SCRIPT (self), 0);

  return self->duration_minutes;
}

/**
 * mb_script_get_tags:
 *
 * Returns: (transfer none) (element-type MbLocalized): the tags
 */
GPtrArray *
mb_script_get_tags (MbScript *self)
{
  g_return_val_if_fail (MB_IS_SCRIPT (self), NULL);

  return self->tags;
}

/**
 * mb_script_get_preparation:
 *
 * Returns: (transfer none) (element-type MbScriptQuestion): the questions
 *   to answer before the conversation
 */
GPtrArray *
mb_script_get_preparation (MbScript *self)
{
  g_return_val_if_fail (MB_IS_SCRIPT (self), NULL);

  return self->preparation;
}

/**
 * mb_script_get_steps:
 *
 * Returns: (transfer none) (element-type MbScriptStep): the steps, in order
 */
GPtrArray *
mb_script_get_steps (MbScript *self)
{
  g_return_val_if_fail (MB_IS_SCRIPT (self), NULL);

  return self->steps;
}

/**
 * mb_script_get_reflection:
 *
 * Returns: (transfer none) (element-type MbScriptQuestion): the questions
 *   for afterwards
 */
GPtrArray *
mb_script_get_reflection (MbScript *self)
{
  g_return_val_if_fail (MB_IS_SCRIPT (self), NULL);

  return self->reflection;
}

static void
append_texts (GString     *search,
              MbLocalized *text)
{
  for (guint i = 0; text != NULL && i < mb_localized_get_n_languages (text); i++)
    {
      const char *language = mb_localized_get_language (text, i);

      g_string_append (search, mb_localized_get_for_language (text, language));
      g_string_append_c (search, '\n');
    }
}

/**
 * mb_script_matches:
 * @query: what the user typed
 *
 * Returns: whether every word of @query occurs in the script's title,
 *   summary, tags or step titles, in any of its languages, ignoring case
 *   and accents
 */
gboolean
mb_script_matches (MbScript   *self,
                   const char *query)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;

  g_return_val_if_fail (MB_IS_SCRIPT (self), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);

  if (self->search_text == NULL)
    {
      GString *search = g_string_new (NULL);

      append_texts (search, self->title);
      append_texts (search, self->summary);
      for (guint i = 0; i < self->tags->len; i++)
        append_texts (search, g_ptr_array_index (self->tags, i));
      for (guint i = 0; i < self->steps->len; i++)
        append_texts (search, mb_script_step_get_title (g_ptr_array_index (self->steps, i)));

      self->search_text = mb_fold_for_search (search->str);
      g_string_free (search, TRUE);
    }

  folded = mb_fold_for_search (query);
  words = g_strsplit_set (folded, " \t\n", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] != '\0' && strstr (self->search_text, words[i]) == NULL)
        return FALSE;
    }

  return TRUE;
}

/**
 * mb_script_join_tags:
 *
 * Returns: (transfer full): the tags in the user's language, joined by
 *   " · ", or "" when there are none
 */
char *
mb_script_join_tags (MbScript *self)
{
  GString *joined = g_string_new (NULL);

  g_return_val_if_fail (MB_IS_SCRIPT (self), NULL);

  for (guint i = 0; i < self->tags->len; i++)
    {
      if (i > 0)
        g_string_append (joined, " · ");
      g_string_append (joined, mb_localized_get (g_ptr_array_index (self->tags, i)));
    }

  return g_string_free (joined, FALSE);
}

const char *
mb_script_question_get_id (MbScriptQuestion *question)
{
  return question->id;
}

MbLocalized *
mb_script_question_get_text (MbScriptQuestion *question)
{
  return question->text;
}

/**
 * mb_script_question_get_hint:
 *
 * Returns: (nullable): a help line for the answer, if the script gives one
 */
MbLocalized *
mb_script_question_get_hint (MbScriptQuestion *question)
{
  return question->hint;
}

const char *
mb_script_step_get_id (MbScriptStep *step)
{
  return step->id;
}

MbLocalized *
mb_script_step_get_title (MbScriptStep *step)
{
  return step->title;
}

MbLocalized *
mb_script_step_get_purpose (MbScriptStep *step)
{
  return step->purpose;
}

GPtrArray *
mb_script_step_get_questions (MbScriptStep *step)
{
  return step->questions;
}

GPtrArray *
mb_script_step_get_phrases (MbScriptStep *step)
{
  return step->phrases;
}

GPtrArray *
mb_script_step_get_pitfalls (MbScriptStep *step)
{
  return step->pitfalls;
}
