/* test-storage.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mb-json.h"
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

/* What Marbles keeps about this machine is outside the data folder, so
 * that no sync tool carries it elsewhere.
 */
static void
test_state_dir_is_under_xdg_state_home (void)
{
  g_autofree char *dir = mb_storage_dup_state_dir ();
  g_autofree char *expected = g_build_filename (g_get_user_state_dir (), "marbles", NULL);
  g_autofree char *data_dir = mb_storage_dup_data_dir ();

  g_assert_cmpstr (dir, ==, expected);
  g_assert_false (g_str_has_prefix (dir, data_dir));
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

/* Plays another program that replaces @user_data (a path) with its own
 * version at the last moment, and says whether the new version, by then
 * complete in a temporary file beside it, may replace the file.
 */
typedef struct
{
  const char *path;
  gboolean    arrives;     /* another version arrives at the last moment */
  gboolean    fails;       /* the check cannot look */
  guint       calls;
} LastMoment;

static gboolean
last_moment_check (gpointer   user_data,
                   GError   **error)
{
  LastMoment *moment = user_data;
  g_autofree char *dir_path = g_path_get_dirname (moment->path);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autofree char *base = g_path_get_basename (moment->path);
  g_autofree char *temp_contents = NULL;
  const char *name;

  moment->calls++;
  /* The new version is already whole on disk, beside the file. */
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *temp = g_build_filename (dir_path, name, NULL);

      if (!g_str_equal (name, base))
        g_assert_true (g_file_get_contents (temp, &temp_contents, NULL, NULL));
    }
  g_assert_cmpstr (temp_contents, ==, "{\"mine\": true}");

  if (moment->arrives)
    g_assert_true (g_file_set_contents (moment->path, "{\"theirs\": true}", -1, NULL));
  if (moment->fails)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, "could not look");
  return !moment->arrives && !moment->fails;
}

static void
assert_only_file (const char *path,
                  const char *contents)
{
  g_autofree char *dir_path = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autofree char *there = NULL;

  g_assert_true (g_file_get_contents (path, &there, NULL, NULL));
  g_assert_cmpstr (there, ==, contents);
  g_assert_cmpstr (g_dir_read_name (dir), ==, base);
  g_assert_null (g_dir_read_name (dir));
}

/* A version that arrives while the new one is being written is not
 * replaced: the check comes when the new version is whole, just before
 * the replace; nothing is left of it when the check says no or fails.
 */
static void
test_write_private_if_checked_last (void)
{
  g_autofree char *data_dir = mb_storage_dup_data_dir ();
  g_autofree char *path = g_build_filename (data_dir, "checked", "one.json", NULL);
  g_autoptr(GBytes) mine = g_bytes_new_static ("{\"mine\": true}", 15);
  g_autoptr(GError) error = NULL;
  LastMoment moment = { path, TRUE, FALSE, 0 };

  g_assert_true (mb_storage_write_private_if (path, mine, last_moment_check, &moment, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (moment.calls, ==, 1);
  assert_only_file (path, "{\"theirs\": true}");

  moment.arrives = FALSE;
  moment.fails = TRUE;
  g_assert_false (mb_storage_write_private_if (path, mine, last_moment_check, &moment, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  assert_only_file (path, "{\"theirs\": true}");

  moment.fails = FALSE;
  g_assert_true (mb_storage_write_private_if (path, mine, last_moment_check, &moment, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (moment.calls, ==, 3);
  assert_only_file (path, "{\"mine\": true}");
  g_assert_cmpuint (file_mode (path), ==, 0600);
}

/* Reads @path with mb_storage_load(), which must fail with @code. */
static void
assert_not_loaded (const char *path,
                   int         code)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = mb_storage_load (file, NULL, &error);

  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, code);
  /* The reason, for the caller to put after the file's name. */
  g_assert_null (strstr (error->message, path));
}

/* What a synced folder can hold besides Marbles' files is not read: a
 * link (to /dev/zero, which never ends, or to a file elsewhere), a named
 * pipe (whose reading would wait for ever), a folder, a file too large
 * to be Marbles'. Each is an error at once; an ordinary file is read
 * whole, to its last byte.
 */
static void
test_load_only_ordinary_files (void)
{
  g_autofree char *data_dir = mb_storage_dup_data_dir ();
  g_autofree char *dir = g_build_filename (data_dir, "odd", NULL);
  g_autofree char *plain = g_build_filename (dir, "plain.json", NULL);
  g_autofree char *to_zero = g_build_filename (dir, "zero.json", NULL);
  g_autofree char *to_plain = g_build_filename (dir, "link.json", NULL);
  g_autofree char *pipe = g_build_filename (dir, "pipe.json", NULL);
  g_autofree char *folder = g_build_filename (dir, "folder.json", NULL);
  g_autofree char *huge = g_build_filename (dir, "huge.json", NULL);
  g_autoptr(GFile) plain_file = g_file_new_for_path (plain);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  int fd;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (plain, "{\"plain\": true}", -1, NULL));
  g_assert_cmpint (symlink ("/dev/zero", to_zero), ==, 0);
  g_assert_cmpint (symlink ("plain.json", to_plain), ==, 0);
  g_assert_cmpint (mkfifo (pipe, 0600), ==, 0);
  /* Sparse: 300 MiB that take no room on disk. */
  fd = open (huge, O_WRONLY | O_CREAT, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 300 * 1024 * 1024), ==, 0);
  close (fd);

  bytes = mb_storage_load (plain_file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "{\"plain\": true}", 15);

  assert_not_loaded (to_zero, G_IO_ERROR_TOO_MANY_LINKS);
  assert_not_loaded (to_plain, G_IO_ERROR_TOO_MANY_LINKS);
  assert_not_loaded (pipe, G_IO_ERROR_NOT_REGULAR_FILE);
  assert_not_loaded (folder, G_IO_ERROR_NOT_REGULAR_FILE);
  assert_not_loaded (huge, G_IO_ERROR_NO_SPACE);
  g_clear_pointer (&plain, g_free);
  plain = g_build_filename (dir, "missing.json", NULL);
  assert_not_loaded (plain, G_IO_ERROR_NOT_FOUND);
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


/* What a fresh Marbles, started with @xdg_data_home in a scratch folder
 * as its current folder, takes for its data folder.
 */
static char *
data_dir_started_with (const char *xdg_data_home)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *cwd = g_build_filename (g_get_user_cache_dir (), "started-here", NULL);
  const char *argv[] = { self, "--print-data-dir", NULL };
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  g_assert_nonnull (self);
  g_assert_cmpint (g_mkdir_with_parents (cwd, 0700), ==, 0);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", xdg_data_home, TRUE);
  envp = g_environ_setenv (envp, "HOME", g_get_home_dir (), TRUE);
  g_assert_true (g_spawn_sync (cwd, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_strchomp (out);
}

/* A relative XDG_DATA_HOME is invalid (XDG Base Directory spec) and is
 * ignored: the journal never depends on the folder Marbles was started
 * in.
 */
static void
test_relative_xdg_data_home_ignored (void)
{
  g_autofree char *expected = g_build_filename (g_get_home_dir (), ".local", "share", "marbles", NULL);
  g_autofree char *absolute = g_build_filename (g_get_user_cache_dir (), "elsewhere", NULL);
  g_autofree char *absolute_expected = g_build_filename (absolute, "marbles", NULL);
  const char *relative[] = { "data", "./data", "../data", "~/data", NULL };

  for (guint i = 0; relative[i] != NULL; i++)
    {
      g_autofree char *dir = data_dir_started_with (relative[i]);

      g_assert_cmpstr (dir, ==, expected);
    }

  /* An absolute one is used, and an empty one means the default. */
  {
    g_autofree char *dir = data_dir_started_with (absolute);
    g_autofree char *empty = data_dir_started_with ("");

    g_assert_cmpstr (dir, ==, absolute_expected);
    g_assert_cmpstr (empty, ==, expected);
  }
}

/* Unset relative XDG variables, so that GLib and GTK (which cache them)
 * never see them either.
 */
static void
test_relative_xdg_dirs_dropped (void)
{
  g_autofree char *old_config = g_strdup (g_getenv ("XDG_CONFIG_HOME"));
  g_autofree char *old_state = g_strdup (g_getenv ("XDG_STATE_HOME"));

  g_setenv ("XDG_CONFIG_HOME", "config", TRUE);
  g_setenv ("XDG_STATE_HOME", "/absolute/state", TRUE);
  mb_storage_drop_relative_xdg_dirs ();
  g_assert_null (g_getenv ("XDG_CONFIG_HOME"));
  g_assert_cmpstr (g_getenv ("XDG_STATE_HOME"), ==, "/absolute/state");

  g_setenv ("XDG_CONFIG_HOME", old_config, TRUE);
  g_setenv ("XDG_STATE_HOME", old_state, TRUE);
}

static char *
format_time (GDateTime *time)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  mb_json_set_date_time (builder, "created", time);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return g_strdup (mb_json_get_string (json_node_get_object (root), "created"));
}

/* Times are written with the offset in hours and minutes, "+01:00", as
 * the journal README says; "+01", as older versions wrote, still reads.
 */
static void
test_time_offset_format (void)
{
  const struct { const char *offset; gint64 usec; const char *expected; } times[] = {
    { "+01:00", 0, "2026-11-23T14:02:11+01:00" },
    { "+02:00", 123000, "2026-11-23T14:02:11.123000+02:00" },
    { "+05:30", 0, "2026-11-23T14:02:11+05:30" },
    { "-03:00", 0, "2026-11-23T14:02:11-03:00" },
    { "Z", 0, "2026-11-23T14:02:11Z" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (times[i].offset);
      g_autoptr(GDateTime) second = g_date_time_new (zone, 2026, 11, 23, 14, 2, 11);
      g_autoptr(GDateTime) time = g_date_time_add (second, times[i].usec);
      g_autofree char *text = format_time (time);
      g_autoptr(GDateTime) back = g_date_time_new_from_iso8601 (text, NULL);

      g_assert_cmpstr (text, ==, times[i].expected);
      g_assert_nonnull (back);
      g_assert_true (g_date_time_equal (back, time));
      g_assert_cmpint (g_date_time_get_utc_offset (back), ==, g_date_time_get_utc_offset (time));
    }

  /* What older versions wrote reads as the same time. */
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GDateTime) old = NULL;
    g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("+01:00");
    g_autoptr(GDateTime) expected = g_date_time_new (zone, 2026, 11, 23, 14, 2, 11.5);

    g_assert_true (json_parser_load_from_data (parser, "{\"created\": \"2026-11-23T14:02:11.500000+01\"}",
                                               -1, NULL));
    old = mb_json_get_date_time (json_node_get_object (json_parser_get_root (parser)), "created");
    g_assert_nonnull (old);
    g_assert_true (g_date_time_equal (old, expected));
    g_assert_cmpint (g_date_time_get_utc_offset (old), ==, G_TIME_SPAN_HOUR);
  }
}

int
main (int   argc,
      char *argv[])
{
  /* Started by data_dir_started_with(): say which folder, and stop. */
  if (argc == 2 && g_str_equal (argv[1], "--print-data-dir"))
    {
      g_autofree char *dir = mb_storage_dup_data_dir ();

      g_print ("%s\n", dir);
      return 0;
    }

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/storage/data-dir", test_data_dir_is_under_xdg_data_home);
  g_test_add_func ("/storage/state-dir", test_state_dir_is_under_xdg_state_home);
  g_test_add_func ("/storage/private-dir", test_private_dir_whatever_the_umask);
  g_test_add_func ("/storage/write-private", test_write_private_replaces_whole_file);
  g_test_add_func ("/storage/write-private-if", test_write_private_if_checked_last);
  g_test_add_func ("/storage/read-only-folder", test_write_private_read_only_folder);
  g_test_add_func ("/storage/load-only-ordinary-files", test_load_only_ordinary_files);
  g_test_add_func ("/storage/over-a-folder", test_write_private_over_a_folder);
  g_test_add_func ("/storage/relative-xdg-data-home", test_relative_xdg_data_home_ignored);
  g_test_add_func ("/storage/relative-xdg-dirs-dropped", test_relative_xdg_dirs_dropped);
  g_test_add_func ("/json/time-offset", test_time_offset_format);

  return g_test_run ();
}
