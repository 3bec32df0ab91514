/* mb-journal-crypt.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A protected journal: its key file, unlocking it, and turning the
 * protection on and off. While the journal holds an unlocked key, every
 * file it writes is encrypted with it (see mb-crypt.c); reading opens
 * any file whose key is unlocked (see mb_json_parse()).
 *
 * Turning it on or off converts each file Marbles writes in the folder,
 * one at a time, replaced atomically; a marker file in the folder says
 * which way, so that the next unlock finishes what a crash cut short.
 * The user's own scripts in scripts/ are not the journal's and stay as
 * they are.
 */

#define G_LOG_DOMAIN "mb-journal"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-crypt.h"
#include "mb-journal-convert.h"
#include "mb-journal-private.h"
#include "mb-storage.h"

static GFile *
key_file_of (MbJournal *self)
{
  return g_file_get_child (self->dir, MB_CRYPT_KEY_FILE_NAME);
}

/* Gives @self @key (or none), in place of the one it had. */
static void
set_key (MbJournal  *self,
         MbCryptKey *key)
{
  if (self->key != NULL)
    mb_crypt_remove_unlocked (self->key);
  g_clear_pointer (&self->key, mb_crypt_key_unref);
  if (key != NULL)
    {
      self->key = mb_crypt_key_ref (key);
      mb_crypt_add_unlocked (key);
    }
}

/* Called when the journal is finalized. */
void
_mb_journal_drop_key (MbJournal *self)
{
  set_key (self, NULL);
}

/**
 * _mb_journal_to_disk:
 * @plain: what to write in a file of the journal
 *
 * Returns: (transfer full) (nullable): @plain encrypted when the journal
 *   is unlocked; @plain when it is not protected; %NULL with
 *   %MB_JOURNAL_ERROR_LOCKED when it is protected and locked, so that
 *   nothing is ever written in plain text beside encrypted files
 */
GBytes *
_mb_journal_to_disk (MbJournal  *self,
                     GBytes     *plain,
                     GError    **error)
{
  MbCryptKey *key = self->key;

  if (key != NULL)
    return mb_crypt_seal (key, plain);
  if (mb_journal_is_protected (self))
    {
      g_set_error_literal (error, MB_JOURNAL_ERROR, MB_JOURNAL_ERROR_LOCKED,
                           _("The journal is protected with a passphrase and locked, so nothing can be saved"));
      return NULL;
    }
  return g_bytes_ref (plain);
}

/**
 * mb_journal_is_protected:
 *
 * Returns: whether the journal's folder has a key file: its files are
 *   encrypted, and reading them needs mb_journal_unlock()
 */
gboolean
mb_journal_is_protected (MbJournal *self)
{
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (MB_IS_JOURNAL (self), FALSE);

  file = key_file_of (self);
  return g_file_test (g_file_peek_path (file), G_FILE_TEST_IS_REGULAR);
}

/**
 * mb_journal_is_unlocked:
 *
 * Returns: whether the journal holds its key
 */
gboolean
mb_journal_is_unlocked (MbJournal *self)
{
  g_return_val_if_fail (MB_IS_JOURNAL (self), FALSE);

  return self->key != NULL;
}

static GBytes *
load_key_file (MbJournal  *self,
               GError    **error)
{
  g_autoptr(GFile) file = key_file_of (self);
  GBytes *bytes = mb_storage_load (file, NULL, error);

  if (bytes == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_prefix_error (error, "%s: ", name);
    }
  return bytes;
}

/* Finishes a conversion a crash cut short, now that the key is there. */
static gboolean
finish_conversion (MbJournal  *self,
                   GError    **error)
{
  MbConvertTarget target;

  if (!mb_journal_convert_read_marker (self->dir, &target, error))
    return FALSE;
  if (target == MB_CONVERT_NONE)
    return TRUE;
  if (target == MB_CONVERT_TO_PLAIN)
    return mb_journal_unprotect (self, error);
  return mb_journal_convert_folder (self->dir, self->key, error) &&
         mb_journal_convert_remove_marker (self->dir, error);
}

/* Replaces the key file with @bytes. */
static gboolean
write_key_file (MbJournal  *self,
                GBytes     *bytes,
                GError    **error)
{
  g_autoptr(GFile) file = key_file_of (self);

  return mb_storage_write_private (g_file_peek_path (file), bytes, error);
}

/**
 * mb_journal_unlock:
 * @passphrase: what the user typed
 *
 * Unlocks a protected journal before it is loaded: its files can then be
 * read, and what it writes is encrypted. A conversion a crash cut short
 * is finished first; when that fails (a full disk, a damaged file), the
 * journal is unlocked all the same (see mb_journal_is_unlocked()), this
 * returns %FALSE with the reason, and the next unlock tries again.
 * Blocks for the key derivation (a fraction of a second to two seconds).
 *
 * Returns: %TRUE when unlocked; %FALSE with %MB_CRYPT_ERROR_WRONG_PASSPHRASE
 *   when @passphrase is not the journal's
 */
gboolean
mb_journal_unlock (MbJournal   *self,
                   const char  *passphrase,
                   GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MbCryptKey) key = NULL;

  g_return_val_if_fail (MB_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);
  g_return_val_if_fail (!self->loaded, FALSE);

  if ((bytes = load_key_file (self, error)) == NULL ||
      (key = mb_crypt_key_file_unlock (bytes, passphrase, error)) == NULL)
    return FALSE;
  set_key (self, key);
  return finish_conversion (self, error);
}


/**
 * mb_journal_unlock_with_key:
 * @exported: the data key remembered on this computer, as
 *   mb_journal_export_key() gave it
 *
 * Unlocks a protected journal before it is loaded, as
 * mb_journal_unlock() does, with a remembered key in place of the
 * passphrase; it still opens the journal after the passphrase changed,
 * since only the wrapping of the key changes then.
 *
 * Returns: %TRUE when unlocked; %FALSE with %MB_CRYPT_ERROR_WRONG_KEY
 *   when @exported is not (or no longer) the journal's key
 */
gboolean
mb_journal_unlock_with_key (MbJournal   *self,
                            const char  *exported,
                            GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MbCryptKey) key = NULL;

  g_return_val_if_fail (MB_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (exported != NULL, FALSE);
  g_return_val_if_fail (!self->loaded, FALSE);

  if ((bytes = load_key_file (self, error)) == NULL ||
      (key = mb_crypt_key_file_import (bytes, exported, error)) == NULL)
    return FALSE;
  set_key (self, key);
  return finish_conversion (self, error);
}

/**
 * mb_journal_dup_key_id:
 *
 * Returns: (transfer full) (nullable): the id of the journal's key, in
 *   hexadecimal: it names the key (in the keyring) and tells nothing
 *   about it; %NULL when the journal is not protected or its key file
 *   cannot be read
 */
char *
mb_journal_dup_key_id (MbJournal *self)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (MB_IS_JOURNAL (self), NULL);

  if (self->key != NULL)
    {
      const guint8 *id = mb_crypt_key_get_id (self->key);
      GString *hex = g_string_new (NULL);

      for (guint i = 0; i < MB_CRYPT_KEY_ID_LEN; i++)
        g_string_append_printf (hex, "%02x", id[i]);
      return g_string_free (hex, FALSE);
    }
  if (!mb_journal_is_protected (self) || (bytes = load_key_file (self, NULL)) == NULL)
    return NULL;
  return mb_crypt_key_file_dup_id (bytes, NULL);
}

/**
 * mb_journal_export_key:
 *
 * The journal's data key, for the keyring to remember; the key file is
 * given the key check first when it has none, so that the key can be
 * told right or wrong at a later start (see mb_journal_unlock_with_key()).
 * The journal must be unlocked.
 *
 * Returns: (transfer full) (nullable): the key, to free with
 *   mb_crypt_free_secret()
 */
char *
mb_journal_export_key (MbJournal  *self,
                       GError    **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) checked = NULL;
  char *exported;

  g_return_val_if_fail (MB_IS_JOURNAL (self), NULL);
  g_return_val_if_fail (self->key != NULL, NULL);

  if ((bytes = load_key_file (self, error)) == NULL ||
      (checked = mb_crypt_key_file_add_check (bytes, self->key, error)) == NULL ||
      (checked != bytes && !write_key_file (self, checked, error)))
    return NULL;
  if ((exported = mb_crypt_key_export (self->key)) == NULL)
    g_set_error_literal (error, MB_CRYPT_ERROR, MB_CRYPT_ERROR_FAILED,
                         _("There is not enough memory to remember the key"));
  return exported;
}

/**
 * mb_journal_recover:
 * @recovery_key: the recovery key shown when the protection was turned on
 * @new_passphrase: the passphrase from now on
 *
 * Unlocks the journal with its recovery key, and sets a new passphrase.
 *
 * Returns: %TRUE when unlocked; %FALSE with %MB_CRYPT_ERROR_WRONG_RECOVERY_KEY
 *   or another error
 */
gboolean
mb_journal_recover (MbJournal   *self,
                    const char  *recovery_key,
                    const char  *new_passphrase,
                    GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MbCryptKey) key = NULL;
  g_autoptr(GBytes) rewrapped = NULL;

  g_return_val_if_fail (MB_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (recovery_key != NULL && new_passphrase != NULL, FALSE);
  g_return_val_if_fail (!self->loaded, FALSE);

  if ((bytes = load_key_file (self, error)) == NULL ||
      (key = mb_crypt_key_file_recover (bytes, recovery_key, error)) == NULL ||
      (rewrapped = mb_crypt_key_file_rewrap (bytes, key, new_passphrase, error)) == NULL ||
      !write_key_file (self, rewrapped, error))
    return FALSE;
  set_key (self, key);
  return finish_conversion (self, error);
}

/**
 * mb_journal_change_passphrase:
 * @new_passphrase: the passphrase from now on
 *
 * Wraps the journal's key with @new_passphrase: only the key file is
 * written again, no file of the journal. The journal must be unlocked.
 *
 * Returns: %TRUE when the key file was written
 */
gboolean
mb_journal_change_passphrase (MbJournal   *self,
                              const char  *new_passphrase,
                              GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) rewrapped = NULL;

  g_return_val_if_fail (MB_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (new_passphrase != NULL, FALSE);
  g_return_val_if_fail (self->key != NULL, FALSE);

  return (bytes = load_key_file (self, error)) != NULL &&
         (rewrapped = mb_crypt_key_file_rewrap (bytes, self->key, new_passphrase, error)) != NULL &&
         write_key_file (self, rewrapped, error);
}

/**
 * mb_journal_protect:
 * @passphrase: the passphrase
 * @recovery_key: (out): the recovery key, to show the user once; set as
 *   soon as the key file is written, also when encrypting a file then fails
 *
 * Turns the protection on before the journal is loaded: writes the key
 * file and encrypts every file of the journal, each replaced
 * atomically. When this is cut short, mb_journal_unlock() finishes it.
 * Blocks for the key derivation and every file: call it from a worker.
 *
 * Returns: %TRUE when every file is encrypted
 */
gboolean
mb_journal_protect (MbJournal   *self,
                    const char  *passphrase,
                    char       **recovery_key,
                    GError     **error)
{
  g_autoptr(MbCryptKey) key = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *recovery = NULL;

  g_return_val_if_fail (MB_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (passphrase != NULL && recovery_key != NULL, FALSE);
  g_return_val_if_fail (!self->loaded && !mb_journal_is_protected (self), FALSE);

  bytes = mb_crypt_key_file_create (passphrase, &key, &recovery, error);
  if (bytes == NULL ||
      !mb_journal_convert_write_marker (self->dir, MB_CONVERT_TO_ENCRYPTED, error) ||
      !write_key_file (self, bytes, error))
    return FALSE;

  set_key (self, key);
  *recovery_key = g_steal_pointer (&recovery);
  return mb_journal_convert_folder (self->dir, key, error) &&
         mb_journal_convert_remove_marker (self->dir, error);
}

/* After a file could not be decrypted: every file encrypted again, so
 * that the journal stays as it was.
 */
static gboolean
stay_protected (MbJournal  *self,
                GError    **error)
{
  return mb_journal_convert_write_marker (self->dir, MB_CONVERT_TO_ENCRYPTED, error) &&
         mb_journal_convert_folder (self->dir, self->key, error) &&
         mb_journal_convert_remove_marker (self->dir, error);
}

/**
 * mb_journal_unprotect:
 *
 * Turns the protection off before the journal is loaded: decrypts every
 * file of the journal, each replaced atomically, then removes the key
 * file. The journal must be unlocked. When a file cannot be decrypted
 * (it is damaged), the journal stays protected and the file is named in
 * @error; when this is cut short, mb_journal_unlock() finishes it.
 *
 * Returns: %TRUE when every file is in plain text and the key file gone
 */
gboolean
mb_journal_unprotect (MbJournal  *self,
                      GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFile) key_file = NULL;

  g_return_val_if_fail (MB_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (self->key != NULL, FALSE);
  g_return_val_if_fail (!self->loaded, FALSE);

  if (!mb_journal_convert_write_marker (self->dir, MB_CONVERT_TO_PLAIN, error))
    return FALSE;
  if (!mb_journal_convert_folder (self->dir, NULL, &local_error))
    {
      if (local_error->domain == MB_CRYPT_ERROR && !stay_protected (self, error))
        return FALSE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  key_file = key_file_of (self);
  if (!_mb_journal_delete_if_there (key_file, error))
    return FALSE;
  set_key (self, NULL);
  return mb_journal_convert_remove_marker (self->dir, error);
}
