/* mb-localized.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A text in one or more languages, as scripts give them:
 * "plain" or { "en": "…", "nl": "…" }. A plain string is stored with an
 * empty language tag, which matches any language.
 */

#define G_LOG_DOMAIN "mb-localized"

#include "config.h"

#include <string.h>

#include "mb-localized.h"

struct _MbLocalized
{
  gatomicrefcount  ref_count;
  GPtrArray       *languages; /* in the order given */
  GPtrArray       *texts;
};

G_DEFINE_BOXED_TYPE (MbLocalized, mb_localized, mb_localized_ref, mb_localized_unref)

MbLocalized *
mb_localized_new (void)
{
  MbLocalized *self = g_new0 (MbLocalized, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->languages = g_ptr_array_new_with_free_func (g_free);
  self->texts = g_ptr_array_new_with_free_func (g_free);
  return self;
}

MbLocalized *
mb_localized_ref (MbLocalized *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
mb_localized_unref (MbLocalized *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_ptr_array_unref (self->languages);
      g_ptr_array_unref (self->texts);
      g_free (self);
    }
}

/* "nl-BE", "nl_BE" and "nl_BE.UTF-8@euro" all become "nl_BE". */
static char *
normalize_language (const char *language)
{
  char *normal = g_strndup (language, strcspn (language, ".@"));

  g_strdelimit (normal, "-", '_');
  return normal;
}

/**
 * mb_localized_add:
 * @language: a language tag such as "nl" or "pt-BR", or "" for a text
 *   given without a language
 * @text: the text in that language
 */
void
mb_localized_add (MbLocalized *self,
                  const char  *language,
                  const char  *text)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (language != NULL);
  g_return_if_fail (text != NULL);

  g_ptr_array_add (self->languages, normalize_language (language));
  g_ptr_array_add (self->texts, g_strdup (text));
}

guint
mb_localized_get_n_languages (MbLocalized *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->languages->len;
}

const char *
mb_localized_get_language (MbLocalized *self,
                           guint        index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->languages->len, NULL);

  return g_ptr_array_index (self->languages, index);
}

/**
 * mb_localized_get_for_language:
 *
 * Returns: (nullable): the text given for exactly @language ("nl_BE"
 *   and "nl-BE" are the same), or %NULL
 */
const char *
mb_localized_get_for_language (MbLocalized *self,
                               const char  *language)
{
  g_autofree char *wanted = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (language != NULL, NULL);

  wanted = normalize_language (language);
  for (guint i = 0; i < self->languages->len; i++)
    {
      if (g_ascii_strcasecmp (g_ptr_array_index (self->languages, i), wanted) == 0)
        return g_ptr_array_index (self->texts, i);
    }

  return NULL;
}

/**
 * mb_localized_get_for_languages:
 * @languages: the user's languages, most wanted first, in the form of
 *   g_get_language_names(): "nl_BE.UTF-8", "nl_BE", "nl", "C"
 *
 * Returns: the best text: the first of @languages that is given (a
 *   text given without a language matches any), else English, else the
 *   first one given
 */
const char *
mb_localized_get_for_languages (MbLocalized        *self,
                                const char * const *languages)
{
  const char *text;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->texts->len > 0, NULL);

  for (guint i = 0; languages != NULL && languages[i] != NULL; i++)
    {
      if ((text = mb_localized_get_for_language (self, languages[i])) != NULL ||
          (text = mb_localized_get_for_language (self, "")) != NULL)
        return text;
    }

  if ((text = mb_localized_get_for_language (self, "en")) != NULL)
    return text;

  return g_ptr_array_index (self->texts, 0);
}

/**
 * mb_localized_get:
 *
 * Returns: the text for the user's languages
 */
const char *
mb_localized_get (MbLocalized *self)
{
  return mb_localized_get_for_languages (self, g_get_language_names ());
}

/**
 * mb_localized_is_language_tag:
 *
 * Returns: whether @tag looks like a language tag: two or three letters,
 *   then optionally "-" or "_" and a region or variant ("nl", "nl-BE",
 *   "pt_BR", "sr-Latn")
 */
gboolean
mb_localized_is_language_tag (const char *tag)
{
  gsize letters = 0;

  g_return_val_if_fail (tag != NULL, FALSE);

  while (g_ascii_isalpha (tag[letters]))
    letters++;
  if (letters < 2 || letters > 3)
    return FALSE;
  if (tag[letters] == '\0')
    return TRUE;
  if (tag[letters] != '-' && tag[letters] != '_')
    return FALSE;

  tag += letters + 1;
  if (*tag == '\0' || strlen (tag) > 8)
    return FALSE;
  for (; *tag != '\0'; tag++)
    {
      if (!g_ascii_isalnum (*tag))
        return FALSE;
    }

  return TRUE;
}
