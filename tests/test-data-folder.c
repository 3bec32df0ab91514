/* test-data-folder.c — a journal that is not there yet: told apart from
 * a first start, waited for, and never written to meanwhile.
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

#include "mb-data-folder.h"
#include "mb-storage.h"

static const char people_json[] =
  "{ \"format\": \"marbles-people\", \"version\": 1, \"people\": [] }";

/* The journal's folder, in the test's own data folder. */
static GFile *
data_dir (void)
{
  g_autofree char *path = mb_storage_dup_data_dir ();

  return g_file_new_for_path (path);
}

static char *
memory_path (void)
{
  g_autoptr(GFile) memory = mb_data_folder_dup_default_memory ();

  return g_file_get_path (memory);
}

/* Writes people.json into @dir as a sync tool does: a temporary file,
 * renamed.
 */
static void
put_people (GFile *dir)
{
  g_autofree char *tmp = g_build_filename (g_file_peek_path (dir), ".people.json.tmp", NULL);
  g_autofree char *path = g_build_filename (g_file_peek_path (dir), "people.json", NULL);

  g_assert_cmpint (g_mkdir_with_parents (g_file_peek_path (dir), 0700), ==, 0);
  g_assert_true (g_file_set_contents (tmp, people_json, -1, NULL));
  g_assert_cmpint (g_rename (tmp, path), ==, 0);
}

/* Marbles had a journal in @dir. */
static void
remember (GFile *dir)
{
  g_autofree char *path = memory_path ();
  g_autofree char *dirname = g_path_get_dirname (path);
  g_autofree char *uri = g_file_get_uri (dir);
  g_autofree char *contents = g_strdup_printf ("[Journals]\nfolders=file:///elsewhere/marbles;%s;\n", uri);

  g_assert_cmpint (g_mkdir_with_parents (dirname, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
}

/* The names in @path and below, sorted, "" when it is not there. */
static char *
list_tree (const char *path)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_autofree char *below = list_tree (child);

      g_ptr_array_add (names, g_strconcat (name, *below != '\0' ? "/{" : "", below,
                                           *below != '\0' ? "}" : "", NULL));
    }
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (",", (char **) names->pdata);
}

static gboolean
timed_out_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @folder is in @state; fails after three
 * times the time between two looks.
 */
static void
wait_for_state (MbDataFolder      *folder,
                MbDataFolderState  state)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (3 * MB_DATA_FOLDER_POLL_SECONDS, timed_out_cb, &timed_out);

  while (mb_data_folder_get_state (folder) != state && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpint (mb_data_folder_get_state (folder), ==, state);
  g_source_remove (id);
}

/* No journal and no memory of one: a first start, and looking at it
 * writes nothing anywhere.
 */
static void
test_first_start (void)
{
  g_autoptr(GFile) dir = data_dir ();
  g_autoptr(MbDataFolder) folder = mb_data_folder_new (dir, NULL);
  g_autofree char *state_dir = mb_storage_dup_state_dir ();
  g_autofree char *data_listing = NULL;

  g_assert_cmpint (mb_data_folder_get_state (folder), ==, MB_DATA_FOLDER_NEW);
  g_assert_false (mb_data_folder_is_missing (folder));
  g_assert_false (g_file_query_exists (dir, NULL));
  g_assert_false (g_file_test (state_dir, G_FILE_TEST_EXISTS));

  /* A folder without people.json, never remembered, is a first start too. */
  g_assert_cmpint (g_mkdir_with_parents (g_file_peek_path (dir), 0700), ==, 0);
  mb_data_folder_look_again (folder);
  g_assert_cmpint (mb_data_folder_get_state (folder), ==, MB_DATA_FOLDER_NEW);

  /* Nothing to remember while people.json is not there. */
  g_assert_true (mb_data_folder_note_journal (folder, NULL));
  g_assert_false (g_file_test (state_dir, G_FILE_TEST_EXISTS));
  data_listing = list_tree (g_file_peek_path (dir));
  g_assert_cmpstr (data_listing, ==, "");
}

/* A journal read is remembered, privately, outside its folder; and
 * only its own folder is changed in the memory.
 */
static void
test_remembered (void)
{
  g_autoptr(GFile) dir = data_dir ();
  g_autoptr(GFile) people = g_file_get_child (dir, "people.json");
  g_autoptr(MbDataFolder) folder = NULL;
  g_autofree char *path = memory_path ();
  g_autofree char *dirname = g_path_get_dirname (path);
  g_autofree char *uri = g_file_get_uri (dir);
  g_autofree char *contents = NULL;
  g_autofree char *listing = NULL;
  GStatBuf st;

  put_people (dir);
  folder = mb_data_folder_new (dir, NULL);
  g_assert_cmpint (mb_data_folder_get_state (folder), ==, MB_DATA_FOLDER_READY);
  g_assert_true (mb_data_folder_note_journal (folder, NULL));

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, uri));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (dirname, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0700);
  listing = list_tree (g_file_peek_path (dir));
  g_assert_cmpstr (listing, ==, "people.json");

  /* Gone, it is waited for. */
  g_assert_cmpint (g_unlink (g_file_peek_path (people)), ==, 0);
  mb_data_folder_look_again (folder);
  g_assert_cmpint (mb_data_folder_get_state (folder), ==, MB_DATA_FOLDER_NO_PEOPLE);
  g_assert_true (mb_data_folder_is_missing (folder));
}

/* What is missing, told apart, for a folder Marbles had a journal in. */
static void
test_missing (void)
{
  g_autoptr(GFile) dir = data_dir ();
  g_autoptr(MbDataFolder) folder = NULL;
  g_autofree char *listing = NULL;

  remember (dir);
  folder = mb_data_folder_new (dir, NULL);
  g_assert_cmpint (mb_data_folder_get_state (folder), ==, MB_DATA_FOLDER_GONE);
  g_assert_true (mb_data_folder_is_missing (folder));
  g_assert_null (mb_data_folder_get_link_target (folder));
  g_assert_false (g_file_query_exists (dir, NULL));

  g_assert_cmpint (g_mkdir_with_parents (g_file_peek_path (dir), 0700), ==, 0);
  mb_data_folder_look_again (folder);
  g_assert_cmpint (mb_data_folder_get_state (folder), ==, MB_DATA_FOLDER_NO_PEOPLE);
  listing = list_tree (g_file_peek_path (dir));
  g_assert_cmpstr (listing, ==, "");

  put_people (dir);
  mb_data_folder_look_again (folder);
  g_assert_cmpint (mb_data_folder_get_state (folder), ==, MB_DATA_FOLDER_READY);
  g_assert_false (mb_data_folder_is_missing (folder));
}

/* A folder that is a link to a place that is not there is missing,
 * remembered or not; the place is named.
 */
static void
test_broken_link (void)
{
  g_autoptr(GFile) dir = data_dir ();
  g_autofree char *parent = g_path_get_dirname (g_file_peek_path (dir));
  g_autofree char *vault = g_build_filename (g_get_user_cache_dir (), "vault", "marbles", NULL);
  g_autoptr(GFile) vault_dir = g_file_new_for_path (vault);
  g_autoptr(MbDataFolder) folder = NULL;

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_assert_cmpint (symlink (vault, g_file_peek_path (dir)), ==, 0);
  folder = mb_data_folder_new (dir, NULL);
  g_assert_cmpint (mb_data_folder_get_state (folder), ==, MB_DATA_FOLDER_LINK_BROKEN);
  g_assert_cmpstr (mb_data_folder_get_link_target (folder), ==, vault);
  g_assert_false (g_file_test (vault, G_FILE_TEST_EXISTS));

  /* The vault opens: the watch on the way to it sees the journal. */
  put_people (vault_dir);
  wait_for_state (folder, MB_DATA_FOLDER_READY);
  g_assert_null (mb_data_folder_get_link_target (folder));
}

/* A link is relative to the folder it is in. */
static void
test_relative_link (void)
{
  g_autoptr(GFile) dir = data_dir ();
  g_autofree char *parent = g_path_get_dirname (g_file_peek_path (dir));
  g_autofree char *expected = g_build_filename (parent, "vault", "marbles", NULL);
  g_autoptr(MbDataFolder) folder = NULL;

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_assert_cmpint (symlink ("vault/marbles", g_file_peek_path (dir)), ==, 0);
  folder = mb_data_folder_new (dir, NULL);
  g_assert_cmpint (mb_data_folder_get_state (folder), ==, MB_DATA_FOLDER_LINK_BROKEN);
  g_assert_cmpstr (mb_data_folder_get_link_target (folder), ==, expected);
}

/* The folder appears, two levels at a time, and people.json in it: the
 * state follows, without being asked, and nothing is written.
 */
static void
test_appears (void)
{
  g_autofree char *top = g_build_filename (g_get_user_cache_dir (), "drive", NULL);
  g_autofree char *path = g_build_filename (top, "sync", "marbles", NULL);
  g_autoptr(GFile) dir = g_file_new_for_path (path);
  g_autoptr(MbDataFolder) folder = NULL;
  g_autofree char *listing = NULL;

  remember (dir);
  folder = mb_data_folder_new (dir, NULL);
  g_assert_cmpint (mb_data_folder_get_state (folder), ==, MB_DATA_FOLDER_GONE);

  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
  wait_for_state (folder, MB_DATA_FOLDER_NO_PEOPLE);
  put_people (dir);
  wait_for_state (folder, MB_DATA_FOLDER_READY);

  listing = list_tree (top);
  g_assert_cmpstr (listing, ==, "sync/{marbles/{people.json}}");
}

/* A link changed to lead to the journal: nothing a watch sees, so the
 * regular look finds it.
 */
static void
test_found_by_looking (void)
{
  g_autoptr(GFile) dir = data_dir ();
  g_autofree char *parent = g_path_get_dirname (g_file_peek_path (dir));
  g_autofree char *missing = g_build_filename (g_get_user_cache_dir (), "not-there", "marbles", NULL);
  g_autofree char *there = g_build_filename (g_get_user_cache_dir (), "there", NULL);
  g_autofree char *moved = g_build_filename (parent, "marbles-new-link", NULL);
  g_autoptr(GFile) there_dir = g_file_new_for_path (there);
  g_autoptr(MbDataFolder) folder = NULL;

  put_people (there_dir);
  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_assert_cmpint (symlink (missing, g_file_peek_path (dir)), ==, 0);
  folder = mb_data_folder_new (dir, NULL);
  g_assert_cmpint (mb_data_folder_get_state (folder), ==, MB_DATA_FOLDER_LINK_BROKEN);

  g_assert_cmpint (symlink (there, moved), ==, 0);
  g_assert_cmpint (g_rename (moved, g_file_peek_path (dir)), ==, 0);
  wait_for_state (folder, MB_DATA_FOLDER_READY);
}

/* Forgetting, to start a new journal: only this folder is forgotten. */
static void
test_forget (void)
{
  g_autoptr(GFile) dir = data_dir ();
  g_autoptr(MbDataFolder) folder = NULL;
  g_autofree char *path = memory_path ();
  g_autofree char *contents = NULL;
  g_autofree char *uri = g_file_get_uri (dir);

  remember (dir);
  folder = mb_data_folder_new (dir, NULL);
  g_assert_cmpint (mb_data_folder_get_state (folder), ==, MB_DATA_FOLDER_GONE);

  g_assert_true (mb_data_folder_forget (folder, NULL));
  g_assert_cmpint (mb_data_folder_get_state (folder), ==, MB_DATA_FOLDER_NEW);
  g_assert_false (g_file_query_exists (dir, NULL));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_null (strstr (contents, uri));
  g_assert_nonnull (strstr (contents, "file:///elsewhere/marbles"));

  /* Once it has people.json again, it is remembered again. */
  put_people (dir);
  mb_data_folder_look_again (folder);
  g_assert_true (mb_data_folder_note_journal (folder, NULL));
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, uri));
  g_assert_nonnull (strstr (contents, "file:///elsewhere/marbles"));
}

/* A memory that cannot be read counts as remembering every folder; the
 * next journal read writes it anew.
 */
static void
test_damaged_memory (void)
{
  g_autoptr(GFile) dir = data_dir ();
  g_autoptr(MbDataFolder) folder = NULL;
  g_autofree char *path = memory_path ();
  g_autofree char *dirname = g_path_get_dirname (path);
  g_autofree char *uri = g_file_get_uri (dir);
  g_autofree char *contents = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dirname, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "\xff\xfe not a key file", -1, NULL));
  g_test_expect_message ("mb-data-folder", G_LOG_LEVEL_MESSAGE, "Could not read*");
  folder = mb_data_folder_new (dir, NULL);
  g_test_assert_expected_messages ();
  g_assert_cmpint (mb_data_folder_get_state (folder), ==, MB_DATA_FOLDER_GONE);

  put_people (dir);
  mb_data_folder_look_again (folder);
  g_assert_cmpint (mb_data_folder_get_state (folder), ==, MB_DATA_FOLDER_READY);
  g_assert_true (mb_data_folder_note_journal (folder, NULL));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, uri));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/data-folder/first-start", test_first_start);
  g_test_add_func ("/data-folder/remembered", test_remembered);
  g_test_add_func ("/data-folder/missing", test_missing);
  g_test_add_func ("/data-folder/broken-link", test_broken_link);
  g_test_add_func ("/data-folder/relative-link", test_relative_link);
  g_test_add_func ("/data-folder/appears", test_appears);
  g_test_add_func ("/data-folder/found-by-looking", test_found_by_looking);
  g_test_add_func ("/data-folder/forget", test_forget);
  g_test_add_func ("/data-folder/damaged-memory", test_damaged_memory);

  return g_test_run ();
}
