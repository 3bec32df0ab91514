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
#include <sys/stat.h>
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
  const char *ids[] = {
    "restore-trust", "give-trust", "suspend-judgement",
    "weekly-one-to-one", "new-team-member", "appreciation", "bad-news",
    "renegotiate-a-promise", "mediate-a-conflict", "career-conversation", "sick-leave",
  };

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

/* Import and removal, as the Scripts page does them. */

static gboolean
not_finished_cb (gpointer data)
{
  g_error ("The library did not finish in time");
  return G_SOURCE_REMOVE;
}

static void
got_result_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

static void
wait_for_result (GAsyncResult **result)
{
  guint timeout = g_timeout_add_seconds (10, not_finished_cb, NULL);

  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

static MbScriptImport *
prepare_import (MbScriptLibrary  *library,
                GFile            *file,
                GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mb_script_library_prepare_import_async (library, file, NULL, got_result_cb, &result);
  wait_for_result (&result);
  return mb_script_library_prepare_import_finish (library, result, error);
}

static gboolean
import_script (MbScriptLibrary  *library,
               MbScriptImport   *import,
               GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mb_script_library_import_async (library, import, NULL, got_result_cb, &result);
  wait_for_result (&result);
  return mb_script_library_import_finish (library, result, error);
}

static gboolean
remove_script (MbScriptLibrary  *library,
               MbScript         *script,
               GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mb_script_library_remove_async (library, script, NULL, got_result_cb, &result);
  wait_for_result (&result);
  return mb_script_library_remove_finish (library, result, error);
}

/* The user's scripts folder, not made yet. */
static GFile *
new_user_dir (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "marbles", "scripts", NULL);

  return g_file_new_for_path (path);
}

/* A folder outside Marbles where the user keeps a file to import. */
static GFile *
downloads_dir (void)
{
  g_autofree char *path = g_build_filename (g_get_home_dir (), "Downloads", NULL);

  g_assert_cmpint (g_mkdir_with_parents (path, 0755), ==, 0);
  return g_file_new_for_path (path);
}

static char *
contents_of (GFile *file)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (g_file_peek_path (file), &contents, NULL, NULL));
  return contents;
}

static guint
mode_of (GFile *file)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (g_file_peek_path (file), &st), ==, 0);
  return st.st_mode & 0777;
}

static void
test_import_valid (void)
{
  g_autoptr(GFile) dir = new_user_dir ();
  g_autoptr(GFile) downloads = downloads_dir ();
  g_autoptr(GFile) picked = g_file_get_child (downloads, "from-a-colleague.json");
  g_autoptr(GFile) copy = g_file_get_child (dir, "feedback.json");
  g_autoptr(MbScriptLibrary) library = mb_script_library_new (NULL, dir);
  g_autoptr(MbScriptImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *picked_contents = NULL;
  g_autofree char *copy_contents = NULL;
  MbScript *script;

  write_script (downloads, "from-a-colleague.json", "feedback", "Feedback");
  wait_for_load (library);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 0);

  /* Checked first: where it goes, and that nothing is there yet. */
  import = prepare_import (library, picked, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (title_of (mb_script_import_get_script (import)), ==, "Feedback");
  g_assert_true (g_file_equal (mb_script_import_get_target (import), copy));
  g_assert_false (mb_script_import_get_replaces (import));
  g_assert_false (g_file_query_exists (dir, NULL));

  /* Then copied under its id, byte for byte, private to the user; the
   * list shows it when the import is done.
   */
  g_assert_true (import_script (library, import, &error));
  g_assert_no_error (error);
  picked_contents = contents_of (picked);
  copy_contents = contents_of (copy);
  g_assert_cmpstr (copy_contents, ==, picked_contents);
  g_assert_cmpuint (mode_of (copy), ==, 0600);
  g_assert_cmpuint (mode_of (dir), ==, 0700);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 1);
  script = mb_script_library_lookup (library, "feedback");
  g_assert_nonnull (script);
  g_assert_false (mb_script_is_bundled (script));
  g_assert_true (g_file_equal (mb_script_get_file (script), copy));
  g_assert_true (g_file_query_exists (picked, NULL));
}

static void
test_import_invalid (void)
{
  g_autoptr(GFile) dir = new_user_dir ();
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "scripts", "bad", "step-missing-purpose.json", NULL);
  g_autoptr(GFile) bad = g_file_new_for_path (path);
  g_autoptr(GFile) downloads = downloads_dir ();
  g_autoptr(GFile) missing = g_file_get_child (downloads, "not-there.json");
  g_autoptr(MbScriptLibrary) library = mb_script_library_new (SCRIPTS_RESOURCE_PATH, dir);
  g_autoptr(MbScriptImport) import = NULL;
  g_autoptr(GError) error = NULL;
  guint before;

  wait_for_load (library);
  before = g_list_model_get_n_items (G_LIST_MODEL (library));

  /* It says which file and what is wrong where; nothing is copied, not
   * even the folder made.
   */
  import = prepare_import (library, bad, &error);
  g_assert_null (import);
  g_assert_error (error, MB_SCRIPT_ERROR, MB_SCRIPT_ERROR_MISSING_MEMBER);
  g_assert_nonnull (strstr (error->message, "step-missing-purpose.json"));
  g_assert_nonnull (strstr (error->message, "steps[1]: The member “purpose” is missing"));
  g_assert_false (g_file_query_exists (dir, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, before);
  g_clear_error (&error);

  /* A file that cannot be read says so, by name. */
  import = prepare_import (library, missing, &error);
  g_assert_null (import);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "not-there.json"));
  g_assert_false (g_file_query_exists (dir, NULL));
}

static void
test_import_from_own_folder (void)
{
  g_autoptr(GFile) dir = make_user_dir ();
  g_autoptr(GFile) own = g_file_get_child (dir, "mine.json");
  g_autoptr(MbScriptLibrary) library = NULL;
  g_autoptr(MbScriptImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  write_script (dir, "mine.json", "mine", "Mine");
  library = mb_script_library_new (NULL, dir);
  wait_for_load (library);

  /* Importing a file onto itself would be no import at all. */
  import = prepare_import (library, own, &error);
  g_assert_null (import);
  g_assert_error (error, MB_SCRIPT_LIBRARY_ERROR, MB_SCRIPT_LIBRARY_ERROR_ALREADY_IN_FOLDER);
  g_assert_cmpstr (error->message, ==, "This file is already in your scripts folder.");
  contents = contents_of (own);
  g_assert_nonnull (strstr (contents, "\"Mine\""));
  g_assert_nonnull (mb_script_library_lookup (library, "mine"));
}

static void
test_import_replaces (void)
{
  g_autoptr(GFile) dir = make_user_dir ();
  g_autoptr(GFile) downloads = downloads_dir ();
  g_autoptr(GFile) picked = g_file_get_child (downloads, "better-feedback.json");
  g_autoptr(GFile) copy = g_file_get_child (dir, "feedback.json");
  g_autoptr(MbScriptLibrary) library = NULL;
  g_autoptr(MbScriptImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  write_script (dir, "feedback.json", "feedback", "Old feedback");
  write_script (downloads, "better-feedback.json", "feedback", "New feedback");
  library = mb_script_library_new (NULL, dir);
  wait_for_load (library);

  /* The page asks before it replaces; until then the old file stays. */
  import = prepare_import (library, picked, &error);
  g_assert_no_error (error);
  g_assert_true (mb_script_import_get_replaces (import));
  g_assert_true (g_file_equal (mb_script_import_get_target (import), copy));
  before = contents_of (copy);
  g_assert_nonnull (strstr (before, "Old feedback"));

  g_assert_true (import_script (library, import, &error));
  g_assert_no_error (error);
  after = contents_of (copy);
  g_assert_nonnull (strstr (after, "New feedback"));
  g_assert_cmpuint (mode_of (copy), ==, 0600);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 1);
  g_assert_cmpstr (title_of (mb_script_library_lookup (library, "feedback")), ==, "New feedback");
}

static void
test_remove (void)
{
  g_autoptr(GFile) dir = make_user_dir ();
  g_autoptr(GFile) file = g_file_get_child (dir, "mine.json");
  g_autoptr(MbScriptLibrary) library = NULL;
  g_autoptr(MbScript) script = NULL;
  g_autoptr(GError) error = NULL;
  guint before;

  write_script (dir, "mine.json", "mine", "Mine");
  write_script (dir, "other.json", "other", "Other");
  library = mb_script_library_new (SCRIPTS_RESOURCE_PATH, dir);
  wait_for_load (library);
  before = g_list_model_get_n_items (G_LIST_MODEL (library));
  script = g_object_ref (mb_script_library_lookup (library, "mine"));

  g_assert_true (remove_script (library, script, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_query_exists (file, NULL));
  g_assert_null (mb_script_library_lookup (library, "mine"));
  g_assert_nonnull (mb_script_library_lookup (library, "other"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, before - 1);

  /* Removed again, by someone else in between: as good as removed. */
  g_assert_true (remove_script (library, script, &error));
  g_assert_no_error (error);
}

static void
test_remove_bundled_refused (void)
{
  g_autoptr(GFile) dir = make_user_dir ();
  g_autoptr(MbScriptLibrary) library = mb_script_library_new (SCRIPTS_RESOURCE_PATH, dir);
  g_autoptr(GError) error = NULL;
  MbScript *script;
  guint before;

  wait_for_load (library);
  before = g_list_model_get_n_items (G_LIST_MODEL (library));
  script = mb_script_library_lookup (library, "give-trust");

  /* Only a file in the user's folder is ever deleted. */
  g_assert_false (remove_script (library, script, &error));
  g_assert_error (error, MB_SCRIPT_LIBRARY_ERROR, MB_SCRIPT_LIBRARY_ERROR_NOT_IN_FOLDER);
  g_assert_nonnull (strstr (error->message, "is not a file in your scripts folder"));
  g_assert_true (mb_script_library_lookup (library, "give-trust") == script);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, before);
}

/* Something stands where the scripts folder should be, as when the disk
 * refuses (chmod does not stop root): nothing can be imported, and it
 * says why.
 */
static void
test_import_folder_blocked (void)
{
  g_autoptr(GFile) dir = new_user_dir ();
  g_autoptr(GFile) downloads = downloads_dir ();
  g_autoptr(GFile) picked = g_file_get_child (downloads, "feedback.json");
  g_autoptr(MbScriptLibrary) library = mb_script_library_new (NULL, dir);
  g_autoptr(MbScriptImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *parent = g_path_get_dirname (g_file_peek_path (dir));
  g_autofree char *in_the_way = NULL;

  write_script (downloads, "feedback.json", "feedback", "Feedback");
  wait_for_load (library);
  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_assert_true (g_file_set_contents (g_file_peek_path (dir), "in the way", -1, NULL));

  import = prepare_import (library, picked, &error);
  g_assert_no_error (error);
  g_assert_false (import_script (library, import, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, g_file_peek_path (dir)));
  g_assert_null (mb_script_library_lookup (library, "feedback"));
  in_the_way = contents_of (dir);
  g_assert_cmpstr (in_the_way, ==, "in the way");
}

/* The script's file cannot be deleted: it says why, and the file stays. */
static void
test_remove_fails (void)
{
  g_autoptr(GFile) dir = make_user_dir ();
  g_autoptr(GFile) file = g_file_get_child (dir, "mine.json");
  g_autoptr(GFile) inside = g_file_get_child (file, "something.txt");
  g_autoptr(MbScriptLibrary) library = NULL;
  g_autoptr(MbScript) script = NULL;
  g_autoptr(GError) error = NULL;

  write_script (dir, "mine.json", "mine", "Mine");
  library = mb_script_library_new (NULL, dir);
  wait_for_load (library);
  script = g_object_ref (mb_script_library_lookup (library, "mine"));

  /* A folder with something in it took the file's place. */
  g_assert_true (g_file_delete (file, NULL, NULL));
  g_assert_true (g_file_make_directory (file, NULL, NULL));
  write_file (file, "something.txt", "kept");

  g_assert_false (remove_script (library, script, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_EMPTY);
  g_assert_nonnull (strstr (error->message, "mine.json"));
  g_assert_true (g_file_query_exists (inside, NULL));
}

/* The user made the folder read-only. Removing fails and says so; an
 * import makes the folder the user's own again (0700), as every write
 * to Marbles' folders does.
 */
static void
test_read_only_folder (void)
{
  g_autoptr(GFile) dir = make_user_dir ();
  g_autoptr(GFile) downloads = downloads_dir ();
  g_autoptr(GFile) picked = g_file_get_child (downloads, "feedback.json");
  g_autoptr(GFile) mine = g_file_get_child (dir, "mine.json");
  g_autoptr(GFile) copy = g_file_get_child (dir, "feedback.json");
  g_autoptr(MbScriptLibrary) library = NULL;
  g_autoptr(MbScriptImport) import = NULL;
  g_autoptr(GError) error = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root may write to a read-only folder");
      return;
    }

  write_script (dir, "mine.json", "mine", "Mine");
  write_script (downloads, "feedback.json", "feedback", "Feedback");
  library = mb_script_library_new (NULL, dir);
  wait_for_load (library);
  g_assert_cmpint (g_chmod (g_file_peek_path (dir), 0500), ==, 0);

  g_assert_false (remove_script (library, mb_script_library_lookup (library, "mine"), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_nonnull (strstr (error->message, "mine.json"));
  g_assert_true (g_file_query_exists (mine, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 1);
  g_assert_nonnull (mb_script_library_lookup (library, "mine"));
  g_clear_error (&error);

  import = prepare_import (library, picked, &error);
  g_assert_no_error (error);
  g_assert_true (import_script (library, import, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mode_of (dir), ==, 0700);
  g_assert_cmpuint (mode_of (copy), ==, 0600);
  g_assert_nonnull (mb_script_library_lookup (library, "feedback"));
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
  g_test_add_func ("/library/import/valid", test_import_valid);
  g_test_add_func ("/library/import/invalid", test_import_invalid);
  g_test_add_func ("/library/import/from-own-folder", test_import_from_own_folder);
  g_test_add_func ("/library/import/replaces", test_import_replaces);
  g_test_add_func ("/library/import/folder-blocked", test_import_folder_blocked);
  g_test_add_func ("/library/remove/user-script", test_remove);
  g_test_add_func ("/library/remove/bundled-refused", test_remove_bundled_refused);
  g_test_add_func ("/library/remove/fails", test_remove_fails);
  g_test_add_func ("/library/read-only-folder", test_read_only_folder);

  return g_test_run ();
}
