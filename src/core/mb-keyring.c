/* mb-keyring.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* "Remember on this computer": the data key of a protected journal kept
 * in the desktop's keyring through libsecret (inside Flatpak, the Secret
 * portal), so that the journal opens at start without the passphrase.
 * Never the passphrase: the data key itself, found by the key id, which
 * every encrypted file already shows. Every call runs in a worker, with
 * the key file's reading and writing; the keyring's own three calls sit
 * behind MbKeyringBackend, so that tests can put theirs in its place.
 */

#define G_LOG_DOMAIN "mb-keyring"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "mb-crypt.h"
#include "mb-keyring.h"

/* libsecret */

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    BASE_ID, SECRET_SCHEMA_NONE,
    {
      { "key-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  };

  return &schema;
}

static char *
secret_lookup (const char    *key_id,
               GCancellable  *cancellable,
               GError       **error)
{
  return secret_password_lookup_sync (get_schema (), cancellable, error, "key-id", key_id, NULL);
}

static gboolean
secret_store (const char    *key_id,
              const char    *label,
              const char    *secret,
              GCancellable  *cancellable,
              GError       **error)
{
  return secret_password_store_sync (get_schema (), SECRET_COLLECTION_DEFAULT, label, secret,
                                     cancellable, error, "key-id", key_id, NULL);
}

static gboolean
secret_clear (const char    *key_id,
              GCancellable  *cancellable,
              GError       **error)
{
  GError *local_error = NULL;

  /* FALSE without an error: there was nothing to remove. */
  if (secret_password_clear_sync (get_schema (), cancellable, &local_error, "key-id", key_id, NULL) ||
      local_error == NULL)
    return TRUE;
  g_propagate_error (error, local_error);
  return FALSE;
}

static const MbKeyringBackend libsecret_backend = {
  secret_lookup, secret_store, secret_clear, secret_password_free,
};

static const MbKeyringBackend *backend = &libsecret_backend;

/**
 * mb_keyring_set_backend:
 * @backend: (nullable): the calls to use, or %NULL for libsecret's
 *
 * For tests: the keyring's calls are @backend's from now on.
 */
void
mb_keyring_set_backend (const MbKeyringBackend *new_backend)
{
  backend = new_backend != NULL ? new_backend : &libsecret_backend;
}

/* The workers */

/* The journal's key id, or %NULL with an error when there is none. */
static char *
dup_key_id (MbJournal  *journal,
            GError    **error)
{
  char *key_id = mb_journal_dup_key_id (journal);

  if (key_id == NULL)
    g_set_error_literal (error, MB_CRYPT_ERROR, MB_CRYPT_ERROR_INVALID_KEY_FILE,
                         _("The journal’s key file cannot be read"));
  return key_id;
}

/* A key that no longer opens the journal is removed. */
static gboolean
unlock_with (MbJournal     *journal,
             const char    *key_id,
             const char    *secret,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  if (mb_journal_unlock_with_key (journal, secret, &local_error))
    return TRUE;
  if (mb_journal_is_unlocked (journal))
    {
      /* As with the passphrase: the next unlock tries again. */
      g_message ("Unlocked, but could not finish turning the protection on or off: %s",
                 local_error->message);
      return TRUE;
    }
  if (g_error_matches (local_error, MB_CRYPT_ERROR, MB_CRYPT_ERROR_WRONG_KEY))
    {
      g_autoptr(GError) clear_error = NULL;

      if (!backend->clear (key_id, cancellable, &clear_error))
        g_message ("Could not remove the remembered key that no longer opens the journal: %s",
                   clear_error->message);
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static void
unlock_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  MbJournal *journal = source_object;
  g_autofree char *key_id = NULL;
  GError *error = NULL;
  char *secret = NULL;
  gboolean unlocked = FALSE;

  if ((key_id = dup_key_id (journal, &error)) != NULL &&
      (secret = backend->lookup (key_id, cancellable, &error)) != NULL)
    {
      unlocked = unlock_with (journal, key_id, secret, cancellable, &error);
      backend->free_secret (secret);
    }

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, unlocked);
}

static void
run (MbJournal           *journal,
     gpointer             source_tag,
     GTaskThreadFunc      worker,
     char                *key_id,
     GCancellable        *cancellable,
     GAsyncReadyCallback  callback,
     gpointer             user_data)
{
  g_autoptr(GTask) task = mb_journal_task_new (journal, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, key_id, g_free);
  g_task_run_in_thread (task, worker);
}

static gboolean
finish (MbJournal     *journal,
        GAsyncResult  *result,
        gpointer       source_tag,
        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, journal), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * mb_keyring_unlock_async:
 * @journal: a protected journal, locked and not loaded
 *
 * Unlocks @journal with the key this computer remembers for it, if any.
 * A remembered key that no longer opens the journal is removed from the
 * keyring. Only for opening the journal: a lock asks for the passphrase.
 */
void
mb_keyring_unlock_async (MbJournal           *journal,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (MB_IS_JOURNAL (journal));

  run (journal, mb_keyring_unlock_async, unlock_worker, NULL, cancellable, callback, user_data);
}

/**
 * mb_keyring_unlock_finish:
 *
 * Returns: %TRUE when the journal is unlocked; %FALSE without @error
 *   when no key is remembered; %FALSE with %MB_CRYPT_ERROR_WRONG_KEY
 *   when it was and no longer opens the journal, or the keyring's error
 */
gboolean
mb_keyring_unlock_finish (MbJournal     *journal,
                          GAsyncResult  *result,
                          GError       **error)
{
  return finish (journal, result, mb_keyring_unlock_async, error);
}

static void
lookup_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  g_autofree char *key_id = NULL;
  GError *error = NULL;
  char *secret = NULL;

  if ((key_id = dup_key_id (source_object, &error)) != NULL)
    secret = backend->lookup (key_id, cancellable, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, secret != NULL);
  if (secret != NULL)
    backend->free_secret (secret);
}

/**
 * mb_keyring_lookup_async:
 * @journal: a protected journal
 *
 * Finds out whether this computer remembers @journal's key.
 */
void
mb_keyring_lookup_async (MbJournal           *journal,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (MB_IS_JOURNAL (journal));

  run (journal, mb_keyring_lookup_async, lookup_worker, NULL, cancellable, callback, user_data);
}

/**
 * mb_keyring_lookup_finish:
 *
 * Returns: whether the key is remembered; %FALSE with @error when the
 *   keyring could not be asked
 */
gboolean
mb_keyring_lookup_finish (MbJournal     *journal,
                          GAsyncResult  *result,
                          GError       **error)
{
  return finish (journal, result, mb_keyring_lookup_async, error);
}

static void
remember_worker (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  g_autofree char *key_id = NULL;
  GError *error = NULL;
  char *secret = NULL;

  if ((key_id = dup_key_id (source_object, &error)) != NULL &&
      (secret = mb_journal_export_key (source_object, &error)) != NULL)
    {
      /* Translators: the name of the journal's key in the keyring, as Passwords and Keys shows it */
      backend->store (key_id, _("Marbles journal key"), secret, cancellable, &error);
      mb_crypt_free_secret (secret);
    }

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * mb_keyring_remember_async:
 * @journal: a protected journal, unlocked
 *
 * Keeps @journal's data key in the keyring, so that it opens without
 * the passphrase at the next start.
 */
void
mb_keyring_remember_async (MbJournal           *journal,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (MB_IS_JOURNAL (journal));
  g_return_if_fail (mb_journal_is_unlocked (journal));

  run (journal, mb_keyring_remember_async, remember_worker, NULL, cancellable, callback, user_data);
}

gboolean
mb_keyring_remember_finish (MbJournal     *journal,
                            GAsyncResult  *result,
                            GError       **error)
{
  return finish (journal, result, mb_keyring_remember_async, error);
}

/* Forgets the key of the task data, or the journal's; an old key only
 * when it is no longer the journal's.
 */
static void
forget_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  const char *old_key_id = task_data;
  g_autofree char *key_id = mb_journal_dup_key_id (source_object);
  GError *error = NULL;

  if (old_key_id == NULL && key_id == NULL)
    g_set_error_literal (&error, MB_CRYPT_ERROR, MB_CRYPT_ERROR_INVALID_KEY_FILE,
                         _("The journal’s key file cannot be read"));
  else if (old_key_id == NULL)
    backend->clear (key_id, cancellable, &error);
  else if (g_strcmp0 (old_key_id, key_id) != 0)
    backend->clear (old_key_id, cancellable, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * mb_keyring_forget_async:
 * @journal: a protected journal
 *
 * Removes @journal's key from the keyring: the passphrase is asked at
 * the next start.
 */
void
mb_keyring_forget_async (MbJournal           *journal,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (MB_IS_JOURNAL (journal));

  run (journal, mb_keyring_forget_async, forget_worker, NULL, cancellable, callback, user_data);
}

/**
 * mb_keyring_forget_old_async:
 * @journal: the journal after its protection was turned on or off
 * @old_key_id: the id of its key before
 *
 * Removes the key @old_key_id from the keyring unless it is still the
 * key of @journal: once the protection is off, nothing of it is kept.
 * Finish with mb_keyring_forget_finish().
 */
void
mb_keyring_forget_old_async (MbJournal           *journal,
                             const char          *old_key_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (MB_IS_JOURNAL (journal));
  g_return_if_fail (old_key_id != NULL);

  run (journal, mb_keyring_forget_async, forget_worker, g_strdup (old_key_id),
       cancellable, callback, user_data);
}

gboolean
mb_keyring_forget_finish (MbJournal     *journal,
                          GAsyncResult  *result,
                          GError       **error)
{
  return finish (journal, result, mb_keyring_forget_async, error);
}
