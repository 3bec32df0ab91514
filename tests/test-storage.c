/* test-storage.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mb-storage.h"

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

static void
test_data_dir_is_under_xdg_data_home (void)
{
  g_autofree char *dir = mb_storage_dup_data_dir ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "marbles", NULL);

  g_assert_cmpstr (dir, ==, expected);
  /* Nothing is created until something is saved. */
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
}

static void
test_private_dir_whatever_the_umask (void)
{
  g_autofree char *data_dir = mb_storage_dup_data_dir ();
  g_autofree char *scripts = g_build_filename (data_dir, "scripts", NULL);
  g_autoptr(GError) error = NULL;
  mode_t old_umask = umask (0);

  g_assert_true (mb_storage_ensure_private_dir (scripts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (file_mode (data_dir), ==, 0700);
  g_assert_cmpuint (file_mode (scripts), ==, 0700);

  /* A folder that exists with looser rights is made private. */
  g_assert_cmpint (g_chmod (scripts, 0755), ==, 0);
  g_assert_true (mb_storage_ensure_private_dir (scripts, &error));
  g_assert_cmpuint (file_mode (scripts), ==, 0700);

  umask (old_umask);
}

static void
test_write_private_replaces_whole_file (void)
{
  g_autofree char *data_dir = mb_storage_dup_data_dir ();
  g_autofree char *path = g_build_filename (data_dir, "notes", "one.json", NULL);
  g_autoptr(GBytes) first = g_bytes_new_static ("{\"version\": 1, \"text\": \"a long first text\"}", 43);
  g_autoptr(GBytes) second = g_bytes_new_static ("{\"version\": 2}", 14);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *notes_dir = g_path_get_dirname (path);
  mode_t old_umask = umask (0);

  g_assert_true (mb_storage_write_private (path, first, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (file_mode (path), ==, 0600);
  g_assert_cmpuint (file_mode (notes_dir), ==, 0700);

  g_assert_true (mb_storage_write_private (path, second, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_cmpstr (contents, ==, "{\"version\": 2}");
  g_assert_cmpuint (file_mode (path), ==, 0600);

  /* No temporary file is left beside it. */
  dir = g_dir_open (notes_dir, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_dir_read_name (dir), ==, "one.json");
  g_assert_null (g_dir_read_name (dir));

  umask (old_umask);
}

static void
test_write_private_read_only_folder (void)
{
  g_autofree char *data_dir = mb_storage_dup_data_dir ();
  g_autofree char *locked = g_build_filename (data_dir, "locked", NULL);
  g_autofree char *path = g_build_filename (locked, "one.json", NULL);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("{}", 2);
  g_autoptr(GError) error = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root may write to a read-only folder");
      return;
    }

  g_assert_true (mb_storage_ensure_private_dir (locked, &error));
  g_assert_cmpint (g_chmod (locked, 0500), ==, 0);

  g_assert_false (mb_storage_write_private (path, bytes, &error));
  g_assert_nonnull (error);
  /* The message names the file the user would look for. */
  g_assert_nonnull (strstr (error->message, "one.json"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_assert_cmpint (g_chmod (locked, 0700), ==, 0);
}

static void
test_write_private_over_a_folder (void)
{
  g_autofree char *data_dir = mb_storage_dup_data_dir ();
  g_autofree char *path = g_build_filename (data_dir, "taken.json", NULL);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("{}", 2);
  g_autoptr(GError) error = NULL;

  /* Something that is not a file stands where the file should go:
   * the save fails, says which file, and leaves it alone.
   */
  g_assert_true (mb_storage_ensure_private_dir (path, &error));
  g_assert_false (mb_storage_write_private (path, bytes, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "taken.json"));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/storage/data-dir", test_data_dir_is_under_xdg_data_home);
  g_test_add_func ("/storage/private-dir", test_private_dir_whatever_the_umask);
  g_test_add_func ("/storage/write-private", test_write_private_replaces_whole_file);
  g_test_add_func ("/storage/read-only-folder", test_write_private_read_only_folder);
  g_test_add_func ("/storage/over-a-folder", test_write_private_over_a_folder);

  return g_test_run ();
}
