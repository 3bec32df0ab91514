/* mb-journal-convert.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Converting the files of a journal to encrypted or to plain text, one
 * at a time, each written beside the old one and renamed over it; and
 * the marker that says a conversion is under way.
 *
 * The files of the journal are those Marbles writes: people.json and
 * what starts with "people" and holds ".json" beside it (its kept .bak
 * files, sync tools' conflict copies, the temporary files of a save cut
 * short), and the same in conversations/ and conversations/scripts/.
 * Not the user's own scripts in scripts/, the key file, or the files a
 * sync tool keeps for itself.
 */

#define G_LOG_DOMAIN "mb-journal"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "mb-journal-convert.h"
#include "mb-journal-private.h"
#include "mb-json.h"
#include "mb-storage.h"

#define MARKER_FORMAT "marbles-journal-converting"

static gboolean
is_journal_name (const char *folder,
                 const char *name)
{
  if (strstr (name, ".json") == NULL)
    return FALSE;
  return folder != NULL || g_str_has_prefix (name, "people");
}

/* Calls @func for each file of the journal in @folder (a path under
 * @dir, or %NULL for @dir itself), in no particular order.
 */
static gboolean
foreach_in (GFile          *dir,
            const char     *folder,
            MbConvertFunc   func,
            gpointer        user_data,
            GError        **error)
{
  g_autoptr(GFile) here = folder != NULL ? g_file_resolve_relative_path (dir, folder) : g_object_ref (dir);
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GError) local_error = NULL;
  GFileInfo *info;
  GFile *child;

  enumerator = g_file_enumerate_children (here, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, &local_error);
  if (enumerator == NULL && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return TRUE;
  if (enumerator == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  while (g_file_enumerator_iterate (enumerator, &info, &child, NULL, error))
    {
      const char *name;
      g_autofree char *relative = NULL;

      if (info == NULL)
        return TRUE;
      name = g_file_info_get_name (info);
      if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR || !is_journal_name (folder, name))
        continue;
      relative = folder != NULL ? g_build_filename (folder, name, NULL) : g_strdup (name);
      if (!func (child, relative, user_data, error))
        return FALSE;
    }
  return FALSE;
}

/**
 * mb_journal_convert_foreach:
 * @dir: the journal's folder
 * @func: called for each file of the journal
 *
 * Returns: %TRUE when the folder was listed and @func said %TRUE for each file
 */
gboolean
mb_journal_convert_foreach (GFile          *dir,
                            MbConvertFunc   func,
                            gpointer        user_data,
                            GError        **error)
{
  g_return_val_if_fail (G_IS_FILE (dir), FALSE);

  return foreach_in (dir, NULL, func, user_data, error) &&
         foreach_in (dir, "conversations", func, user_data, error) &&
         foreach_in (dir, "conversations/scripts", func, user_data, error);
}

/* Encrypts @file with @key, or decrypts it when @key is %NULL, unless it
 * is so already. A file that cannot be decrypted is an error in
 * %MB_CRYPT_ERROR, naming it.
 */
static gboolean
convert_file (GFile       *file,
              const char  *relative,
              gpointer     user_data,
              GError     **error)
{
  MbCryptKey *key = user_data;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = mb_storage_load (file, NULL, &local_error);
  g_autoptr(GBytes) converted = NULL;

  /* Gone since it was listed: the temporary file of a file converted. */
  if (bytes == NULL && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return TRUE;
  if (bytes == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if ((key != NULL) == mb_crypt_is_envelope (bytes))
    return TRUE;

  if (key != NULL)
    converted = mb_crypt_seal (key, bytes);
  else if ((converted = mb_crypt_open_unlocked (bytes, &local_error)) == NULL)
    {
      g_autofree char *display = g_file_get_parse_name (file);

      g_set_error (error, MB_CRYPT_ERROR, local_error->code, "%s: %s", display, local_error->message);
      return FALSE;
    }

  return mb_storage_write_private (g_file_peek_path (file), converted, error);
}

/**
 * mb_journal_convert_folder:
 * @dir: the journal's folder
 * @key: (nullable): the key to encrypt with, or %NULL to decrypt with
 *   the unlocked keys (see mb_crypt_add_unlocked())
 *
 * Encrypts or decrypts each file of the journal that is not so yet,
 * each replaced atomically. Blocks.
 *
 * Returns: %TRUE when every file is converted; %FALSE at the first one
 *   that could not be, with an error in %MB_CRYPT_ERROR when it could
 *   not be decrypted
 */
gboolean
mb_journal_convert_folder (GFile       *dir,
                           MbCryptKey  *key,
                           GError     **error)
{
  return mb_journal_convert_foreach (dir, convert_file, key, error);
}

static const char * const targets[] = { NULL, "encrypted", "plain" };

/**
 * mb_journal_convert_read_marker:
 * @target: (out): which way a conversion is under way, or %MB_CONVERT_NONE
 *
 * Returns: %TRUE when there is no marker or one this version knows
 */
gboolean
mb_journal_convert_read_marker (GFile            *dir,
                                MbConvertTarget  *target,
                                GError          **error)
{
  g_autoptr(GFile) file = g_file_get_child (dir, MB_CRYPT_MARKER_NAME);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = mb_storage_load (file, NULL, &local_error);
  g_autoptr(JsonNode) root = NULL;
  const char *to = NULL;

  *target = MB_CONVERT_NONE;
  if (bytes == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  root = mb_json_parse (bytes, MB_CRYPT_MARKER_NAME, NULL);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    to = mb_json_get_string (json_node_get_object (root), "to");
  for (guint i = MB_CONVERT_TO_ENCRYPTED; i < G_N_ELEMENTS (targets); i++)
    {
      if (g_strcmp0 (to, targets[i]) == 0)
        {
          *target = i;
          return TRUE;
        }
    }

  g_set_error (error, MB_CRYPT_ERROR, MB_CRYPT_ERROR_UNKNOWN_VERSION,
               _("%s: Marbles does not know which way the journal was being converted"),
               g_file_peek_path (file));
  return FALSE;
}

/**
 * mb_journal_convert_write_marker:
 *
 * Notes in the folder that its files are being converted to @target.
 */
gboolean
mb_journal_convert_write_marker (GFile            *dir,
                                 MbConvertTarget   target,
                                 GError          **error)
{
  g_autoptr(GFile) file = g_file_get_child (dir, MB_CRYPT_MARKER_NAME);
  g_autofree char *text = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (target == MB_CONVERT_TO_ENCRYPTED || target == MB_CONVERT_TO_PLAIN, FALSE);

  text = g_strdup_printf ("{\n  \"format\" : \"%s\",\n  \"version\" : 1,\n  \"to\" : \"%s\"\n}\n",
                          MARKER_FORMAT, targets[target]);
  bytes = g_bytes_new_take (text, strlen (text));
  text = NULL;
  return mb_storage_write_private (g_file_peek_path (file), bytes, error);
}

/**
 * mb_journal_convert_remove_marker:
 *
 * Notes that the conversion is done.
 */
gboolean
mb_journal_convert_remove_marker (GFile   *dir,
                                  GError **error)
{
  g_autoptr(GFile) file = g_file_get_child (dir, MB_CRYPT_MARKER_NAME);

  return _mb_journal_delete_if_there (file, error);
}
