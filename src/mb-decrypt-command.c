/* mb-decrypt-command.c — `marbles --decrypt-journal FOLDER`: a plain
 * copy of a protected journal, without a window
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mb-decrypt-command"

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "mb-crypt.h"
#include "mb-decrypt-command.h"
#include "mb-journal-convert.h"
#include "mb-storage.h"

#define MAX_SECRET 1024

/* Reads one line from standard input: without echo when it is a
 * terminal, after a prompt on standard error. Returns it in @secret.
 */
static gboolean
read_secret (char *secret)
{
  gboolean tty = isatty (STDIN_FILENO);
  struct termios saved, quiet;
  gboolean read_ok;

  if (tty)
    {
      g_printerr ("%s", _("Passphrase or recovery key: "));
      tcgetattr (STDIN_FILENO, &saved);
      quiet = saved;
      quiet.c_lflag &= ~ECHO;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }
  read_ok = fgets (secret, MAX_SECRET, stdin) != NULL;
  if (tty)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      g_printerr ("\n");
    }

  secret[read_ok ? strcspn (secret, "\r\n") : 0] = '\0';
  return read_ok;
}

/* The journal's key, from its passphrase or its recovery key. */
static MbCryptKey *
unlock (GBytes     *key_file,
        const char *secret)
{
  g_autoptr(GError) error = NULL;
  MbCryptKey *key = mb_crypt_key_file_unlock (key_file, secret, &error);

  if (key == NULL && g_error_matches (error, MB_CRYPT_ERROR, MB_CRYPT_ERROR_WRONG_PASSPHRASE))
    {
      g_clear_error (&error);
      key = mb_crypt_key_file_recover (key_file, secret, &error);
      if (key == NULL && g_error_matches (error, MB_CRYPT_ERROR, MB_CRYPT_ERROR_WRONG_RECOVERY_KEY))
        {
          g_printerr ("%s\n", _("That is neither the journal’s passphrase nor its recovery key; "
                                "nothing was written"));
          return NULL;
        }
    }
  if (key == NULL)
    g_printerr ("%s\n", error->message);
  return key;
}

typedef struct
{
  GFile *target;
  guint  n_written;
  guint  n_failed;
} Copy;

/* Writes @file decrypted under the target folder; one that cannot be
 * decrypted is named on standard error and left out.
 */
static gboolean
copy_file (GFile       *file,
           const char  *relative,
           gpointer     user_data,
           GError     **error)
{
  Copy *copy = user_data;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = mb_storage_load (file, NULL, &local_error);
  g_autoptr(GBytes) plain = bytes != NULL ? mb_crypt_open_unlocked (bytes, &local_error) : NULL;
  g_autoptr(GFile) out = g_file_resolve_relative_path (copy->target, relative);

  if (plain == NULL)
    {
      g_autofree char *display = g_file_get_parse_name (file);

      g_printerr ("%s: %s\n", display, local_error->message);
      copy->n_failed++;
      return TRUE;
    }
  if (!mb_storage_write_private (g_file_peek_path (out), plain, error))
    return FALSE;
  copy->n_written++;
  return TRUE;
}

/* Whether @target is a folder to write into: not there, or empty, and
 * not inside the journal's folder, which a sync tool may carry elsewhere.
 */
static gboolean
check_target (const char *target,
              const char *journal)
{
  g_autoptr(GDir) dir = NULL;
  g_autofree char *full = g_canonicalize_filename (target, NULL);
  g_autofree char *own = g_canonicalize_filename (journal, NULL);
  g_autofree char *inside = g_strconcat (own, G_DIR_SEPARATOR_S, NULL);

  if (g_str_equal (full, own) || g_str_has_prefix (full, inside))
    {
      /* Translators: %s is a folder */
      g_printerr (_("“%s” is inside the journal’s folder; give a folder elsewhere, so that no plain "
                    "copy is synced with the journal"), target);
      g_printerr ("\n");
      return FALSE;
    }
  if (!g_file_test (target, G_FILE_TEST_EXISTS))
    return TRUE;
  dir = g_dir_open (target, 0, NULL);
  if (dir != NULL && g_dir_read_name (dir) == NULL)
    return TRUE;

  /* Translators: %s is a folder */
  g_printerr (_("“%s” is not an empty folder; give a new one, so that nothing is written over"), target);
  g_printerr ("\n");
  return FALSE;
}

static int
write_copy (GFile      *dir,
            MbCryptKey *key,
            const char *target)
{
  g_autoptr(GError) error = NULL;
  Copy copy = { g_file_new_for_commandline_arg (target), 0, 0 };
  gboolean ok;

  mb_crypt_add_unlocked (key);
  ok = mb_storage_ensure_private_dir (target, &error) &&
       mb_journal_convert_foreach (dir, copy_file, &copy, &error);
  mb_crypt_remove_unlocked (key);
  g_object_unref (copy.target);
  if (!ok)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote a plain copy of %u file to %s\n",
                        "Wrote a plain copy of %u files to %s\n", copy.n_written),
           copy.n_written, target);
  if (copy.n_failed > 0)
    {
      g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u file could not be decrypted and was left out\n",
                               "%u files could not be decrypted and were left out\n", copy.n_failed),
                  copy.n_failed);
      return 1;
    }
  return 0;
}

/**
 * mb_decrypt_command_run:
 * @target: a folder that is not there yet, or empty
 *
 * Asks for the journal's passphrase or recovery key on the terminal
 * (without echo), or reads it from standard input when that is not a
 * terminal, and writes a plain copy of every file of the journal into
 * @target, private to the user. The journal itself is only read.
 *
 * Returns: the exit status: 0 when every file was written, 1 when not
 */
int
mb_decrypt_command_run (const char *target)
{
  g_autofree char *path = mb_storage_dup_data_dir ();
  g_autoptr(GFile) dir = g_file_new_for_path (path);
  g_autoptr(GFile) key_path = g_file_get_child (dir, MB_CRYPT_KEY_FILE_NAME);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) key_file = NULL;
  g_autoptr(MbCryptKey) key = NULL;
  char *secret;

  key_file = mb_storage_load (key_path, NULL, &error);
  if (key_file == NULL)
    {
      /* Translators: %s is the journal's folder */
      g_printerr (_("The journal in “%s” is not protected with a passphrase, so there is nothing to decrypt"),
                  path);
      g_printerr ("\n");
      return 1;
    }
  if (!check_target (target, g_file_peek_path (dir)))
    return 1;

  secret = g_malloc0 (MAX_SECRET);
  if (!read_secret (secret))
    g_printerr ("%s\n", _("No passphrase was given; nothing was written"));
  else
    key = unlock (key_file, secret);
  sodium_memzero (secret, MAX_SECRET);
  g_free (secret);
  if (key == NULL)
    return 1;

  return write_copy (dir, key, target);
}
