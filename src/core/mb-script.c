/* mb-script.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One conversation script: what it holds, its copy kept beside the
 * conversations held with it, and reading it from a file. Parsing and
 * checking are in mb-script-parse.c.
 */

#define G_LOG_DOMAIN "mb-script"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "mb-crypt.h"
#include "mb-fold.h"
#include "mb-json.h"
#include "mb-script-private.h"

G_DEFINE_FINAL_TYPE (MbScript, mb_script, G_TYPE_OBJECT)

G_DEFINE_QUARK (mb-script-error-quark, mb_script_error)

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
 *   under @checksum: decrypted, when it is a copy in an encrypted journal
 */
MbScript *
mb_script_new_from_copy (GBytes      *bytes,
                         const char  *checksum,
                         const char  *filename,
                         GError     **error)
{
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GError) local_error = NULL;
  MbScript *self;

  g_return_val_if_fail (checksum != NULL, NULL);

  plain = mb_crypt_open_unlocked (bytes, &local_error);
  if (plain == NULL)
    {
      g_set_error (error, MB_SCRIPT_ERROR, MB_SCRIPT_ERROR_READ, "%s: %s", filename, local_error->message);
      return NULL;
    }

  self = mb_script_new_from_bytes (plain, filename, error);
  if (self != NULL)
    {
      self->copy = g_bytes_ref (plain);
      self->copy_sum = g_strdup (checksum);
    }

  return self;
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

/**
 * mb_script_question_has_scale:
 *
 * Returns: whether the question is answered on a scale from
 *   %MB_SCALE_MIN to %MB_SCALE_MAX (reflection questions only)
 */
gboolean
mb_script_question_has_scale (MbScriptQuestion *question)
{
  return question->scale_min != NULL;
}

/**
 * mb_script_question_get_scale_min_label:
 *
 * Returns: (nullable): what the lowest value of the scale means, or
 *   %NULL when the question has no scale
 */
MbLocalized *
mb_script_question_get_scale_min_label (MbScriptQuestion *question)
{
  return question->scale_min;
}

/**
 * mb_script_question_get_scale_max_label:
 *
 * Returns: (nullable): what the highest value of the scale means, or
 *   %NULL when the question has no scale
 */
MbLocalized *
mb_script_question_get_scale_max_label (MbScriptQuestion *question)
{
  return question->scale_max;
}

/**
 * mb_script_question_describe_scale:
 * @value: a value of the scale, from %MB_SCALE_MIN to %MB_SCALE_MAX
 *
 * Returns: (transfer full): the value in words, with what the ends of
 *   the scale mean: “4 of 5 (from “Not at all” to “Fully”)”
 */
char *
mb_script_question_describe_scale (MbScriptQuestion *question,
                                   guint             value)
{
  g_return_val_if_fail (mb_script_question_has_scale (question), NULL);
  g_return_val_if_fail (value >= MB_SCALE_MIN && value <= MB_SCALE_MAX, NULL);

  /* Translators: a self-assessment on a scale: “4 of 5 (from “Hardly” to “Fully”)”;
   * the two texts are what the lowest and the highest value mean
   */
  return g_strdup_printf (_("%u of %u (from “%s” to “%s”)"), value, (guint) MB_SCALE_MAX,
                          mb_localized_get (question->scale_min), mb_localized_get (question->scale_max));
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
