/* mb-storage.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mb-storage"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "mb-storage.h"

/* Everything Marbles writes is private to the user: folders 0700 and
 * files 0600, whatever the umask says.
 */
#define PRIVATE_DIR_MODE  0700
#define PRIVATE_FILE_MODE 0600

/* The XDG Base Directory variables Marbles or the libraries it uses
 * read; each must hold an absolute path, or be ignored.
 */
static const char * const xdg_variables[] = {
  "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR",
};

/* Whether @name holds a relative path, which the XDG Base Directory
 * specification says is invalid and must be ignored.
 */
static gboolean
is_relative (const char *name)
{
  const char *value = g_getenv (name);

  return value != NULL && *value != '\0' && !g_path_is_absolute (value);
}

/**
 * mb_storage_dup_data_dir:
 *
 * Returns: (transfer full): the folder that holds the user's data,
 *   `$XDG_DATA_HOME/marbles`, or `~/.local/share/marbles` when
 *   `$XDG_DATA_HOME` is unset, empty or relative. It is not created.
 */
char *
mb_storage_dup_data_dir (void)
{
  /* GLib takes a relative XDG_DATA_HOME as it is, and caches it. */
  if (is_relative ("XDG_DATA_HOME"))
    return g_build_filename (g_get_home_dir (), ".local", "share", "marbles", NULL);

  return g_build_filename (g_get_user_data_dir (), "marbles", NULL);
}

/**
 * mb_storage_dup_state_dir:
 *
 * Returns: (transfer full): the folder for what Marbles keeps about
 *   this machine and never syncs, `$XDG_STATE_HOME/marbles`, or
 *   `~/.local/state/marbles` when `$XDG_STATE_HOME` is unset, empty or
 *   relative. It is not created.
 */
char *
mb_storage_dup_state_dir (void)
{
  if (is_relative ("XDG_STATE_HOME"))
    return g_build_filename (g_get_home_dir (), ".local", "state", "marbles", NULL);

  return g_build_filename (g_get_user_state_dir (), "marbles", NULL);
}

/**
 * mb_storage_drop_relative_xdg_dirs:
 *
 * Unsets each XDG Base Directory variable that holds a relative path,
 * so that GLib and GTK use the default folders instead of ones that
 * depend on the current folder. Call it first thing in main(), before
 * anything asks GLib for these folders.
 */
void
mb_storage_drop_relative_xdg_dirs (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (xdg_variables); i++)
    {
      if (is_relative (xdg_variables[i]))
        g_unsetenv (xdg_variables[i]);
    }
}

/* Whether @text has the shape of @pattern: a lowercase hexadecimal
 * digit for each 'x' in it and a hyphen for each '-', and no more.
 */
static gboolean
is_lowercase_hex (const char *text,
                  const char *pattern)
{
  gsize i;

  for (i = 0; pattern[i] != '\0'; i++)
    {
      if (pattern[i] == '-' ? text[i] != '-'
                            : !g_ascii_isdigit (text[i]) && !(text[i] >= 'a' && text[i] <= 'f'))
        return FALSE;
    }

  return text[i] == '\0';
}

/**
 * mb_storage_is_valid_id:
 * @id: (nullable): an id read from a file
 *
 * The journal names a conversation's file after its id, so only an id
 * of the form Marbles writes (g_uuid_string_random(): a UUID in
 * lowercase, `3f2c9a1e-…`) may become a file name: never `..`, a `/`,
 * an absolute path or anything else that came from a file's content.
 *
 * Returns: whether @id is a lowercase UUID
 */
gboolean
mb_storage_is_valid_id (const char *id)
{
  return id != NULL && is_lowercase_hex (id, "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx");
}

/**
 * mb_storage_is_valid_checksum:
 * @checksum: (nullable): the name of a script copy
 *
 * Returns: whether @checksum is a SHA-256 in lowercase hexadecimal, as
 *   the copies of scripts in `conversations/scripts/` are named
 */
gboolean
mb_storage_is_valid_checksum (const char *checksum)
{
  return checksum != NULL &&
         is_lowercase_hex (checksum, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
}

/**
 * mb_storage_ensure_private_dir:
 * @path: the folder
 * @error: return location for a #GError
 *
 * Creates @path and any missing parents, and makes @path itself
 * readable by its owner only, also when it already existed.
 *
 * Returns: %TRUE when @path is a private folder
 */
gboolean
mb_storage_ensure_private_dir (const char  *path,
                               GError     **error)
{
  int saved_errno;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_mkdir_with_parents (path, PRIVATE_DIR_MODE) == 0 &&
      g_chmod (path, PRIVATE_DIR_MODE) == 0)
    return TRUE;

  saved_errno = errno;
  g_set_error (error,
               G_IO_ERROR,
               g_io_error_from_errno (saved_errno),
               /* Translators: the first %s is a folder, the second the reason */
               _("Could not create the folder “%s”: %s"),
               path, g_strerror (saved_errno));
  return FALSE;
}

/* Sets @error for a file that could not be written, from errno @saved_errno. */
static gboolean
set_write_error (const char  *path,
                 int          saved_errno,
                 GError     **error)
{
  g_set_error (error,
               G_IO_ERROR,
               g_io_error_from_errno (saved_errno),
               /* Translators: the first %s is a file, the second the reason */
               _("Could not save “%s”: %s"),
               path, g_strerror (saved_errno));
  return FALSE;
}

/* Writes @contents to the new file @fd and closes it, flushed to disk. */
static gboolean
write_and_close (int      fd,
                 GBytes  *contents,
                 int     *saved_errno)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (contents, &len);
  gboolean ok = TRUE;

  while (ok && len > 0)
    {
      gssize n = write (fd, data, MIN (len, (gsize) G_MAXSSIZE));

      if (n < 0 && errno == EINTR)
        continue;
      ok = n >= 0;
      data += ok ? n : 0;
      len -= ok ? n : 0;
    }

  ok = ok && fsync (fd) == 0;
  if (!ok)
    *saved_errno = errno;
  if (close (fd) != 0 && ok)
    {
      *saved_errno = errno;
      ok = FALSE;
    }
  return ok;
}

/**
 * mb_storage_write_private:
 * @path: the file to write
 * @contents: what to write
 * @error: return location for a #GError
 *
 * Replaces @path atomically with @contents: the data is written to a
 * temporary file in the same folder, flushed and renamed over @path,
 * so a crash leaves either the old or the new file, never a mix. The
 * file is readable by its owner only. Missing folders are created
 * private. Blocks: call it from a worker thread.
 *
 * Returns: %TRUE when @contents is safely on disk
 */
gboolean
mb_storage_write_private (const char  *path,
                          GBytes      *contents,
                          GError     **error)
{
  return mb_storage_write_private_if (path, contents, NULL, NULL, error);
}

/**
 * mb_storage_write_private_if:
 * @path: the file to write
 * @contents: what to write
 * @check: (nullable): asked whether to go on, once @contents is safely in
 *   the temporary file and just before that replaces @path
 * @user_data: for @check
 * @error: return location for a #GError
 *
 * As mb_storage_write_private(), but @path is only replaced when @check
 * says so at the last moment: the time between the check and the
 * replace is as short as it can be without a lock, which a synced
 * folder does not have. When @check returns %FALSE with no error,
 * nothing is written and this returns %TRUE; with an error, that is
 * returned.
 *
 * Returns: %TRUE when @contents is safely on disk, or @check said not to
 */
gboolean
mb_storage_write_private_if (const char      *path,
                             GBytes          *contents,
                             MbStorageCheck   check,
                             gpointer         user_data,
                             GError         **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *temp = NULL;
  int saved_errno = 0;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  dir = g_path_get_dirname (path);
  if (!mb_storage_ensure_private_dir (dir, error))
    return FALSE;

  /* Named as GLib names its own, which Forget knows (mb-traces.c). */
  temp = g_strconcat (path, ".XXXXXX", NULL);
  fd = g_mkstemp_full (temp, O_WRONLY | O_CLOEXEC, PRIVATE_FILE_MODE);
  if (fd < 0)
    return set_write_error (path, errno, error);
  if (!write_and_close (fd, contents, &saved_errno))
    {
      g_unlink (temp);
      return set_write_error (path, saved_errno, error);
    }

  if (check != NULL && !check (user_data, error))
    {
      g_unlink (temp);
      return error == NULL || *error == NULL;
    }

  if (g_rename (temp, path) != 0)
    {
      saved_errno = errno;
      g_unlink (temp);
      return set_write_error (path, saved_errno, error);
    }

  return TRUE;
}

/* Nothing Marbles writes comes near this: a conversation holds at most
 * 20 MB of text (MB_TEXT_MAX_BYTES), a few times that once escaped in
 * JSON at the very worst. A larger file in the data folder is not
 * Marbles', and reading it whole would hold that much memory, or fail.
 */
#define MAX_LOAD_BYTES (250 * 1000 * 1000)

/* The reason, without the file's name: the caller names it. */
static GBytes *
fail_load (int          fd,
           GIOErrorEnum code,
           const char  *reason,
           GError     **error)
{
  if (fd >= 0)
    close (fd);
  g_set_error_literal (error, G_IO_ERROR, code, reason);
  return NULL;
}

/**
 * mb_storage_load:
 * @file: a file to read
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError, as from g_file_load_bytes()
 *
 * Reads @file whole, as g_file_load_bytes() does, into a buffer of just
 * its size, where g_file_load_bytes() leaves up to as much again unused:
 * for what is kept in memory. Blocks: call it from a worker thread.
 *
 * What a synced folder can hold is read only when it is a regular file
 * of at most 250 MB, never through a symbolic link: a link to
 * /dev/zero, a named pipe or a huge file is an error (%G_IO_ERROR_NOT_REGULAR_FILE,
 * %G_IO_ERROR_TOO_MANY_LINKS or %G_IO_ERROR_NO_SPACE), not a read that
 * never ends or takes all memory.
 *
 * Returns: (transfer full) (nullable): the contents of @file
 */
GBytes *
mb_storage_load (GFile         *file,
                 GCancellable  *cancellable,
                 GError       **error)
{
  const char *path;
  struct stat info;
  gsize allocated, length = 0;
  char *data;
  int fd;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  path = g_file_peek_path (file);
  if (path == NULL)
    return fail_load (-1, G_IO_ERROR_NOT_SUPPORTED, _("It is not a file on this computer"), error);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* Not waiting on a named pipe, nor following a link out of the folder. */
  fd = open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  if (fd < 0 && errno == ELOOP)
    return fail_load (fd, G_IO_ERROR_TOO_MANY_LINKS, _("It is a symbolic link, which Marbles does not follow"), error);
  if (fd < 0)
    return fail_load (fd, g_io_error_from_errno (errno), g_strerror (errno), error);
  if (fstat (fd, &info) != 0 || !S_ISREG (info.st_mode))
    return fail_load (fd, G_IO_ERROR_NOT_REGULAR_FILE, _("It is not an ordinary file"), error);
  if (info.st_size > MAX_LOAD_BYTES)
    {
      g_autofree char *size = g_format_size (info.st_size);
      g_autofree char *limit = g_format_size (MAX_LOAD_BYTES);
      /* Translators: why a file was not read: "It is too large (1.2 GB; Marbles reads at most 250.0 MB)" */
      g_autofree char *reason = g_strdup_printf (_("It is too large (%s; Marbles reads at most %s)"), size, limit);

      return fail_load (fd, G_IO_ERROR_NO_SPACE, reason, error);
    }

  /* An ordinary file, whose reads may wait for the disk after all. */
  fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK);

  /* One byte more than its size, to see the end in one read. */
  allocated = (gsize) info.st_size + 1;
  data = g_malloc (allocated);
  for (;;)
    {
      gssize n;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          g_free (data);
          close (fd);
          return NULL;
        }
      n = read (fd, data + length, allocated - length);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          g_free (data);
          return fail_load (fd, g_io_error_from_errno (saved_errno), g_strerror (saved_errno), error);
        }
      if (n == 0)
        break;
      length += n;
      if (length < allocated)
        continue;
      /* It grew while it was read: still never past the limit. */
      if (allocated > MAX_LOAD_BYTES)
        {
          g_free (data);
          return fail_load (fd, G_IO_ERROR_NO_SPACE, _("It kept growing while it was read"), error);
        }
      data = g_realloc (data, allocated = MIN (allocated * 2, (gsize) MAX_LOAD_BYTES + 1));
    }
  close (fd);

  return g_bytes_new_take (length < allocated ? g_realloc (data, MAX (length, 1)) : data, length);
}
