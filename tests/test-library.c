/* test-library.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "mb-script-library.h"

static const char *user_script =
  "{ \"format\": \"marbles-script\", \"version\": 1, \"id\": \"%s\",\n"
  "  \"title\": \"%s\", \"summary\": \"Written by the user.\",\n"
  "  \"steps\": [ { \"id\": \"one\", \"title\": \"One\", \"purpose\": \"Talk.\" } ] }\n";

static GFile *
make_user_dir (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "marbles", "scripts", NULL);

  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
  return g_file_new_for_path (path);
}

static void
write_file (GFile      *dir,
            const char *name,
            const char *contents)
{
  g_autoptr(GFile) file = g_file_get_child (dir, name);
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
write_script (GFile      *dir,
              const char *name,
              const char *id,
              const char *title)
{
  g_autofree char *contents = g_strdup_printf (user_script, id, title);

  write_file (dir, name, contents);
}

static void
loaded_cb (MbScriptLibrary *library,
           gboolean        *loaded)
{
  *loaded = TRUE;
}

static gboolean
timed_out_cb (gpointer data)
{
  g_error ("The library did not load in time");
  return G_SOURCE_REMOVE;
}

/* Waits for the next load to finish. */
static void
wait_for_load (MbScriptLibrary *library)
{
  gboolean loaded = FALSE;
  gulong handler = g_signal_connect (library, "loaded", G_CALLBACK (loaded_cb), &loaded);
  guint timeout = g_timeout_add_seconds (10, timed_out_cb, NULL);

  while (!loaded)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (timeout);
  g_signal_handler_disconnect (library, handler);
}

static const char *
title_of (MbScript *script)
{
  const char * const english[] = { "en", NULL };

  return mb_localized_get_for_languages (mb_script_get_title (script), english);
}

static void
test_bundled (void)
{
  g_autoptr(MbScriptLibrary) library = mb_script_library_new (SCRIPTS_RESOURCE_PATH, NULL);
  const char *ids[] = { "restore-trust", "give-trust", "suspend-judgement" };

  wait_for_load (library);
  g_assert_true (mb_script_library_is_loaded (library));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), >=, G_N_ELEMENTS (ids));
  g_assert_cmpuint (g_list_model_get_n_items (mb_script_library_get_problems (library)), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      MbScript *script = mb_script_library_lookup (library, ids[i]);

      g_assert_nonnull (script);
      g_assert_true (mb_script_is_bundled (script));
    }
}

static void
test_sorted_by_title (void)
{
  g_autoptr(GFile) dir = make_user_dir ();
  g_autoptr(MbScriptLibrary) library = NULL;
  const char *expected[] = { "Alpha", "Mike", "Zulu" };
  GListModel *model;

  write_script (dir, "b.json", "zulu", "Zulu");
  write_script (dir, "a.json", "alpha", "Alpha");
  write_script (dir, "c.json", "mike", "Mike");
  library = mb_script_library_new (NULL, dir);
  wait_for_load (library);

  model = G_LIST_MODEL (library);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(MbScript) script = g_list_model_get_item (model, i);

      g_assert_cmpstr (title_of (script), ==, expected[i]);
      g_assert_false (mb_script_is_bundled (script));
    }
}

static void
test_user_overrides_bundled (void)
{
  g_autoptr(GFile) dir = make_user_dir ();
  g_autoptr(MbScriptLibrary) library = NULL;
  g_autoptr(MbScriptLibrary) bundled_only = mb_script_library_new (SCRIPTS_RESOURCE_PATH, NULL);
  MbScript *script;

  write_script (dir, "my-restore.json", "restore-trust", "My own way to restore trust");
  library = mb_script_library_new (SCRIPTS_RESOURCE_PATH, dir);
  wait_for_load (library);
  if (!mb_script_library_is_loaded (bundled_only))
    wait_for_load (bundled_only);

  /* Same number of scripts: the user's one took the bundled one's place. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==,
                    g_list_model_get_n_items (G_LIST_MODEL (bundled_only)));
  script = mb_script_library_lookup (library, "restore-trust");
  g_assert_false (mb_script_is_bundled (script));
  g_assert_cmpstr (title_of (script), ==, "My own way to restore trust");
}

static void
test_broken_files_reported (void)
{
  g_autoptr(GFile) dir = make_user_dir ();
  g_autoptr(GFile) folder = g_file_get_child (dir, "folder.json");
  g_autoptr(MbScriptLibrary) library = NULL;
  GListModel *problems;
  g_autofree char *all = NULL;
  GString *messages = g_string_new (NULL);
  g_autofree char *link = g_build_filename (g_file_peek_path (dir), "dangling.json", NULL);

  write_script (dir, "fine.json", "fine", "Fine");
  write_file (dir, "broken.json", "{ \"format\": \"marbles-script\", ");
  write_script (dir, "twin.json", "fine", "Fine again");
  write_file (dir, "notes.txt", "not a script, not looked at");
  write_file (dir, ".hidden.json", "not looked at either");
  g_assert_true (g_file_make_directory (folder, NULL, NULL));
  g_assert_cmpint (symlink ("nowhere.json", link), ==, 0);

  library = mb_script_library_new (SCRIPTS_RESOURCE_PATH, dir);
  wait_for_load (library);

  g_assert_nonnull (mb_script_library_lookup (library, "fine"));
  g_assert_nonnull (mb_script_library_lookup (library, "restore-trust"));

  problems = mb_script_library_get_problems (library);
  g_assert_cmpuint (g_list_model_get_n_items (problems), ==, 4);
  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(MbProblem) problem = g_list_model_get_item (problems, i);

      g_string_append_printf (messages, "%s\n", mb_problem_get_message (problem));
    }
  all = g_string_free (messages, FALSE);
  g_assert_nonnull (strstr (all, "broken.json:1:"));
  g_assert_nonnull (strstr (all, "twin.json: id: "));
  g_assert_nonnull (strstr (all, "fine.json"));
  g_assert_nonnull (strstr (all, "folder.json: "));
  g_assert_nonnull (strstr (all, "dangling.json: "));
  g_assert_null (strstr (all, "notes.txt"));
  g_assert_null (strstr (all, ".hidden.json"));
}

static void
test_folder_watched (void)
{
  g_autoptr(GFile) dir = make_user_dir ();
  g_autoptr(GFile) added = g_file_get_child (dir, "added.json");
  g_autoptr(MbScriptLibrary) library = mb_script_library_new (NULL, dir);
  MbScript *script;

  wait_for_load (library);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 0);

  /* Added */
  write_script (dir, "added.json", "added", "Added");
  wait_for_load (library);
  g_assert_nonnull (mb_script_library_lookup (library, "added"));

  /* Changed */
  write_script (dir, "added.json", "added", "Changed");
  wait_for_load (library);
  script = mb_script_library_lookup (library, "added");
  g_assert_cmpstr (title_of (script), ==, "Changed");

  /* Broken, then fixed */
  write_file (dir, "added.json", "[");
  wait_for_load (library);
  g_assert_null (mb_script_library_lookup (library, "added"));
  g_assert_cmpuint (g_list_model_get_n_items (mb_script_library_get_problems (library)), ==, 1);
  write_script (dir, "added.json", "added", "Fixed");
  wait_for_load (library);
  g_assert_cmpuint (g_list_model_get_n_items (mb_script_library_get_problems (library)), ==, 0);

  /* Removed */
  g_assert_true (g_file_delete (added, NULL, NULL));
  wait_for_load (library);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 0);
}

static void
test_missing_folder (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "not-yet", "scripts", NULL);
  g_autoptr(GFile) dir = g_file_new_for_path (path);
  g_autoptr(MbScriptLibrary) library = mb_script_library_new (SCRIPTS_RESOURCE_PATH, dir);

  /* A folder that is not there yet is no problem, and is not created. */
  wait_for_load (library);
  g_assert_cmpuint (g_list_model_get_n_items (mb_script_library_get_problems (library)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), >=, 3);
  g_assert_false (g_file_query_exists (dir, NULL));
}

static void
test_bad_files (void)
{
  g_autoptr(GFile) dir = make_user_dir ();
  g_autofree char *huge = g_build_filename (g_file_peek_path (dir), "huge.json", NULL);
  g_autoptr(MbScriptLibrary) library = NULL;
  GListModel *problems;
  gboolean saw_huge = FALSE, saw_bad_name = FALSE;
  int fd;

  /* 100 MiB, which is not read at all, and a name that is not UTF-8. */
  fd = g_open (huge, O_CREAT | O_WRONLY, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 100 * 1024 * 1024), ==, 0);
  close (fd);
  write_file (dir, "bro\xffken.json", "{ not json");
  write_script (dir, "fine.json", "fine", "Fine");

  library = mb_script_library_new (NULL, dir);
  wait_for_load (library);
  g_assert_nonnull (mb_script_library_lookup (library, "fine"));

  problems = mb_script_library_get_problems (library);
  g_assert_cmpuint (g_list_model_get_n_items (problems), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(MbProblem) problem = g_list_model_get_item (problems, i);
      const char *message = mb_problem_get_message (problem);

      /* Every message can be shown: valid UTF-8, naming the file. */
      g_assert_true (g_utf8_validate (message, -1, NULL));
      saw_huge |= strstr (message, "huge.json: ") != NULL && strstr (message, "too large") != NULL;
      saw_bad_name |= strstr (message, "bro") != NULL && strstr (message, "ken.json:") != NULL;
    }
  g_assert_true (saw_huge);
  g_assert_true (saw_bad_name);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/library/bundled", test_bundled);
  g_test_add_func ("/library/sorted", test_sorted_by_title);
  g_test_add_func ("/library/user-overrides-bundled", test_user_overrides_bundled);
  g_test_add_func ("/library/broken-files", test_broken_files_reported);
  g_test_add_func ("/library/watched", test_folder_watched);
  g_test_add_func ("/library/missing-folder", test_missing_folder);
  g_test_add_func ("/library/bad-files", test_bad_files);

  return g_test_run ();
}
