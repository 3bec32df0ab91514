/* mb-lens-rules.c — reading the lens's data files
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A language's rules are its bundled file (a resource), plus the
 * user's own file when there is one: its words and frames are added,
 * its rules added or, with the id of a bundled rule, put in its place,
 * and what it silences is left out. A user file with any problem is
 * left out whole and reported; the bundled rules still work. The
 * format is data/lens/README.md.
 */

#define G_LOG_DOMAIN "mb-lens"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mb-json.h"
#include "mb-lens-private.h"

#define LENS_RESOURCE_PATH RESOURCE_PATH "/lens"

G_DEFINE_QUARK (mb-lens-error-quark, mb_lens_error)

static const char * const languages[] = { "en", "nl", NULL };

/**
 * mb_lens_get_languages:
 *
 * Returns: (transfer none): the languages the lens has rules for
 */
const char * const *
mb_lens_get_languages (void)
{
  return languages;
}

/**
 * mb_lens_default_language:
 *
 * Returns: the first of the user's languages (from the locale) that the
 * lens has rules for, or "en"
 */
const char *
mb_lens_default_language (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      for (guint j = 0; languages[j] != NULL; j++)
        {
          gsize len = strlen (languages[j]);

          if (g_ascii_strncasecmp (names[i], languages[j], len) == 0 &&
              (names[i][len] == '\0' || strchr ("_-.@", names[i][len]) != NULL))
            return languages[j];
        }
    }

  return "en";
}

/**
 * mb_lens_get_user_file:
 * @language: "en", "nl", …
 *
 * Returns: (transfer full): the user's own rules for @language,
 *   `$XDG_CONFIG_HOME/marbles/lens-LANGUAGE.json`, whether it exists or not
 */
GFile *
mb_lens_get_user_file (const char *language)
{
  g_autofree char *name = g_strdup_printf ("lens-%s.json", language);
  g_autofree char *path = g_build_filename (g_get_user_config_dir (), "marbles", name, NULL);

  return g_file_new_for_path (path);
}

static gboolean
is_language (const char *language)
{
  return language != NULL && g_strv_contains (languages, language);
}

static GBytes *
load_bundled (const char  *language,
              GError     **error)
{
  g_autofree char *path = g_strdup_printf ("%s/%s.json", LENS_RESOURCE_PATH, language);
  g_autofree char *list = NULL;

  if (is_language (language))
    return g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);

  list = g_strjoinv (", ", (GStrv) languages);
  g_set_error (error, MB_LENS_ERROR, MB_LENS_ERROR_LANGUAGE,
               _("There is no judgement lens for “%s”; use one of: %s"),
               language != NULL ? language : "", list);
  return NULL;
}

/* The user's file, or NULL when there is none; a file that is there
 * but cannot be read is an error.
 */
static GBytes *
load_user (GFile   *file,
           GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &local_error))
    {
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, MB_LENS_ERROR, MB_LENS_ERROR_READ, "%s: %s",
                     g_file_peek_path (file), local_error->message);
      return NULL;
    }

  if (length > MB_LENS_MAX_SIZE)
    {
      g_set_error (error, MB_LENS_ERROR, MB_LENS_ERROR_READ, "%s: %s",
                   g_file_peek_path (file), _("The file is larger than 1 MiB"));
      return NULL;
    }

  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

/**
 * mb_lens_rules_load:
 * @language: "en" or "nl"
 * @user_file: (nullable): the user's own rules; %NULL for the usual
 *   place, mb_lens_get_user_file()
 * @problems: (out) (optional): what is wrong with the user's file, one
 *   line per problem naming the file; empty when nothing is
 * @error: set when there are no rules for @language
 *
 * Reads the rules for @language: the bundled ones and the user's. This
 * reads a file; call it from a worker where blocking matters.
 *
 * Returns: (transfer full): the rules, or %NULL with @error set
 */
MbLensRules *
mb_lens_rules_load (const char  *language,
                    GFile       *user_file,
                    GStrv       *problems,
                    GError     **error)
{
  g_autoptr(GBytes) bundled = load_bundled (language, error);
  g_autoptr(GFile) default_file = NULL;
  g_autoptr(GBytes) user = NULL;
  g_autoptr(GError) user_error = NULL;
  g_autofree char *bundled_name = NULL;
  MbLensRules *rules;

  if (problems != NULL)
    *problems = NULL;
  if (bundled == NULL)
    return NULL;

  if (user_file == NULL)
    user_file = default_file = mb_lens_get_user_file (language);
  user = load_user (user_file, &user_error);

  bundled_name = g_strdup_printf ("%s/%s.json", LENS_RESOURCE_PATH, language);
  rules = mb_lens_rules_new_from_bytes (bundled, bundled_name, user,
                                        g_file_peek_path (user_file),
                                        user_error == NULL ? &user_error : NULL, error);

  if (problems != NULL)
    *problems = user_error != NULL ? g_strsplit (user_error->message, "\n", -1) : g_new0 (char *, 1);
  return rules;
}

/**
 * mb_lens_rules_new_from_bytes:
 * @bundled: the rules of a language, in the format of data/lens/README.md
 * @bundled_name: what to call @bundled in messages
 * @user: (nullable): rules that add to and silence @bundled
 * @user_name: (nullable): what to call @user in messages
 * @user_error: (optional): set when @user is not right; it is then left out
 * @error: set when @bundled is not right
 *
 * Returns: (transfer full): the rules, or %NULL with @error set
 */
MbLensRules *
mb_lens_rules_new_from_bytes (GBytes      *bundled,
                              const char  *bundled_name,
                              GBytes      *user,
                              const char  *user_name,
                              GError     **user_error,
                              GError     **error)
{
  g_autoptr(MbLensSource) base = NULL;
  g_autoptr(MbLensSource) extra = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (bundled != NULL, NULL);

  base = _mb_lens_source_parse (bundled, bundled_name, NULL, error);
  if (base == NULL)
    return NULL;

  if (user != NULL)
    {
      extra = _mb_lens_source_parse (user, user_name != NULL ? user_name : "user",
                                     base->language, &local_error);
      if (extra == NULL)
        g_propagate_error (user_error, g_steal_pointer (&local_error));
    }

  return _mb_lens_compile (base, extra);
}

MbLensRules *
mb_lens_rules_ref (MbLensRules *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
mb_lens_rules_unref (MbLensRules *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    _mb_lens_rules_free (self);
}

G_DEFINE_BOXED_TYPE (MbLensRules, mb_lens_rules, mb_lens_rules_ref, mb_lens_rules_unref)

const char *
mb_lens_rules_get_language (MbLensRules *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->language;
}
