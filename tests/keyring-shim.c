/* keyring-shim.c — the keyring for tests of the real app, preloaded
 * (LD_PRELOAD) in place of libsecret's three password calls that
 * Marbles makes: a text file, $MARBLES_TEST_KEYRING, of lines
 * "KEY-ID SECRET LABEL". Everything else in the app is real. When the
 * file's name ends in ".fail", every call fails as without a keyring.
 *
 * Copyright 2026 The Marbles developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdarg.h>
#include <string.h>
#include <gio/gio.h>
#include <libsecret/secret.h>

static GMutex lock;

/* The value of @name in the attributes after @error, or NULL. */
static const char *
find_attribute (va_list     args,
                const char *name)
{
  const char *key, *value = NULL;

  while ((key = va_arg (args, const char *)) != NULL)
    {
      const char *this_value = va_arg (args, const char *);

      if (strcmp (key, name) == 0)
        value = this_value;
    }
  return value;
}

static const char *
path (GError **error)
{
  const char *file = g_getenv ("MARBLES_TEST_KEYRING");

  g_assert (file != NULL);
  if (g_str_has_suffix (file, ".fail"))
    {
      g_set_error_literal (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN, "No keyring in this test");
      return NULL;
    }
  return file;
}

/* The file's lines, without the one of @key_id. */
static GString *
read_others (const char *file,
             const char *key_id,
             char      **secret)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GString *others = g_string_new (NULL);

  if (!g_file_get_contents (file, &contents, NULL, NULL))
    return others;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], " ", 3);

      if (fields[0] == NULL || fields[0][0] == '\0')
        continue;
      if (strcmp (fields[0], key_id) == 0)
        {
          if (secret != NULL && fields[1] != NULL)
            *secret = g_strdup (fields[1]);
          continue;
        }
      g_string_append_printf (others, "%s\n", lines[i]);
    }
  return others;
}

gchar *
secret_password_lookup_sync (const SecretSchema  *schema,
                             GCancellable        *cancellable,
                             GError             **error,
                             ...)
{
  const char *file = path (error);
  const char *key_id;
  char *secret = NULL;
  va_list args;

  if (file == NULL)
    return NULL;
  va_start (args, error);
  key_id = find_attribute (args, "key-id");
  va_end (args);

  g_mutex_lock (&lock);
  g_string_free (read_others (file, key_id, &secret), TRUE);
  g_mutex_unlock (&lock);
  return secret;
}

gboolean
secret_password_store_sync (const SecretSchema  *schema,
                            const gchar         *collection,
                            const gchar         *label,
                            const gchar         *password,
                            GCancellable        *cancellable,
                            GError             **error,
                            ...)
{
  const char *file = path (error);
  const char *key_id;
  GString *lines;
  gboolean done;
  va_list args;

  if (file == NULL)
    return FALSE;
  va_start (args, error);
  key_id = find_attribute (args, "key-id");
  va_end (args);

  g_mutex_lock (&lock);
  lines = read_others (file, key_id, NULL);
  g_string_append_printf (lines, "%s %s %s\n", key_id, password, label);
  done = g_file_set_contents (file, lines->str, -1, error);
  g_string_free (lines, TRUE);
  g_mutex_unlock (&lock);
  return done;
}

gboolean
secret_password_clear_sync (const SecretSchema  *schema,
                            GCancellable        *cancellable,
                            GError             **error,
                            ...)
{
  const char *file = path (error);
  const char *key_id;
  char *secret = NULL;
  GString *lines;
  gboolean done;
  va_list args;

  if (file == NULL)
    return FALSE;
  va_start (args, error);
  key_id = find_attribute (args, "key-id");
  va_end (args);

  g_mutex_lock (&lock);
  lines = read_others (file, key_id, &secret);
  done = secret != NULL && g_file_set_contents (file, lines->str, -1, error);
  g_string_free (lines, TRUE);
  g_mutex_unlock (&lock);
  g_free (secret);
  return done;
}

void
secret_password_free (gchar *password)
{
  if (password != NULL)
    memset (password, 0, strlen (password));
  g_free (password);
}
