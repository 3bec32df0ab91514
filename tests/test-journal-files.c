/* test-journal-files.c — the journal's files at the edges: names that
 * come from file content, files removed while Marbles runs, and what
 * Forget leaves behind.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "core-util.h"
#include "mb-storage.h"
#include "sync-util.h"

/* Helpers */

static char *
data_path (const char *first,
           ...)
{
  g_autoptr(GFile) dir = journal_dir ();
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  va_list args;

  g_ptr_array_add (parts, (gpointer) g_file_peek_path (dir));
  va_start (args, first);
  for (const char *part = first; part != NULL; part = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) part);
  va_end (args);
  g_ptr_array_add (parts, NULL);

  return g_build_filenamev ((char **) parts->pdata);
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static void
write_text (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_assert_cmpint (g_unlink (child), ==, 0);
    }
  g_remove (path);
}

/* Every file under @path, relative path → contents. */
static void
add_files (GHashTable *files,
           const char *root,
           const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        add_files (files, root, child);
      else
        g_hash_table_insert (files, g_strdup (child + strlen (root)), read_text (child));
    }
}

/* Everything in the test's own folders: the data folder and all around it. */
static GHashTable *
snapshot (void)
{
  GHashTable *files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *root = g_path_get_dirname (g_get_user_data_dir ());

  add_files (files, root, root);
  return files;
}

/* Asserts that nothing outside the data folder changed between @before
 * and @after, and that no file appeared there.
 */
static void
assert_same_outside (GHashTable *before,
                     GHashTable *after)
{
  g_autofree char *root = g_path_get_dirname (g_get_user_data_dir ());
  g_autoptr(GFile) dir = journal_dir ();
  const char *inside = g_file_peek_path (dir) + strlen (root);
  GHashTableIter iter;
  const char *path;
  const char *text;

  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, (gpointer *) &path, (gpointer *) &text))
    {
      if (g_str_has_prefix (path, inside))
        continue;
      g_test_message ("outside: %s", path);
      g_assert_true (g_hash_table_contains (before, path));
      g_assert_cmpstr (g_hash_table_lookup (before, path), ==, text);
    }

  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, (gpointer *) &path, NULL))
    {
      if (!g_str_has_prefix (path, inside))
        g_assert_true (g_hash_table_contains (after, path));
    }
}

static MbProblem *
find_problem (MbJournal  *journal,
              const char *path)
{
  GListModel *problems = mb_journal_get_problems (journal);

  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(MbProblem) problem = g_list_model_get_item (problems, i);

      if (g_strcmp0 (g_file_peek_path (mb_problem_get_file (problem)), path) == 0)
        return problem;
    }

  return NULL;
}

static void
clear_journal (void)
{
  g_autoptr(GFile) dir = journal_dir ();

  remove_tree (g_file_peek_path (dir));
}

/* Sanne with one conversation, Ahmed with one, with another script; saved. */
static MbJournal *
make_journal (MbConversation **sannes,
              MbConversation **ahmeds)
{
  MbJournal *journal = open_journal ();
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbScript) other_script = load_script ("minimal.json");
  MbPerson *sanne = mb_journal_add_person (journal, "Sanne", "Designer");
  MbPerson *ahmed = mb_journal_add_person (journal, "Ahmed", NULL);

  *sannes = mb_conversation_new (mb_person_get_id (sanne), script, NULL);
  *ahmeds = mb_conversation_new (mb_person_get_id (ahmed), other_script, NULL);
  mb_conversation_set_text (*sannes, MB_TEXT_PREPARATION_NOTES, NULL, "Sanne's notes");
  mb_conversation_set_text (*ahmeds, MB_TEXT_PREPARATION_NOTES, NULL, "Ahmed's notes");
  mb_journal_add_conversation (journal, *sannes);
  mb_journal_add_conversation (journal, *ahmeds);
  g_assert_true (mb_journal_flush (journal));
  return journal;
}

static char *
conversation_path (MbConversation *conversation)
{
  g_autofree char *name = g_strconcat (mb_conversation_get_id (conversation), ".json", NULL);

  return data_path ("conversations", name, NULL);
}

/* @conversation's file, with its id replaced by @id. */
static char *
with_id (MbConversation *conversation,
         const char     *id)
{
  g_autofree char *path = conversation_path (conversation);
  g_autofree char *text = read_text (path);
  g_autofree char *quoted = g_strdup_printf ("\"%s\"", mb_conversation_get_id (conversation));
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), id);
  g_autofree char *escaped = json_to_string (node, FALSE);
  char *at = strstr (text, quoted);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, escaped, at + strlen (quoted));
}

/* Point 1: a file name never comes from file content unchecked. */

typedef struct
{
  const char *id;      /* in the file; NULL for Ahmed's conversation's id,
                        * "ABSOLUTE" for a path outside the data folder */
  gboolean    renamed; /* Sanne's file itself, under another valid name */
} Hostile;

#define OTHER_ID   "0b9e2f64-5d1c-4c3a-9e8f-7a6b5c4d3e2f"
#define OTHER_NAME OTHER_ID ".json"

static void
test_hostile_id (gconstpointer data)
{
  const Hostile *hostile = data;
  g_autoptr(MbConversation) sannes = NULL;
  g_autoptr(MbConversation) ahmeds = NULL;
  g_autoptr(MbJournal) journal = NULL;
  g_autoptr(MbJournal) again = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *root = g_path_get_dirname (g_get_user_data_dir ());
  g_autofree char *outside = g_build_filename (root, "x", NULL);
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = data_path ("conversations", OTHER_NAME, NULL);
  g_autofree char *sannes_path = NULL;
  g_autofree char *people = data_path ("people.json", NULL);
  g_autofree char *people_text = NULL;
  GListModel *conversations;
  MbConversation *loaded;
  MbProblem *problem;

  clear_journal ();
  journal = make_journal (&sannes, &ahmeds);
  sannes_path = conversation_path (sannes);
  if (hostile->renamed)
    id = g_strdup (mb_conversation_get_id (sannes));
  else if (hostile->id == NULL)
    id = g_strdup (mb_conversation_get_id (ahmeds));
  else if (g_str_equal (hostile->id, "ABSOLUTE"))
    id = g_strdup (outside);
  else
    id = g_strdup (hostile->id);
  text = with_id (sannes, id);
  write_text (path, text);
  if (hostile->renamed)
    g_assert_cmpint (g_unlink (sannes_path), ==, 0);
  g_clear_object (&journal);

  before = snapshot ();
  journal = open_journal ();

  /* Listed, by name and reason, and not taken in. */
  problem = find_problem (journal, path);
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (mb_problem_get_message (problem), OTHER_NAME));
  g_assert_nonnull (strstr (mb_problem_get_message (problem), "id"));
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_conversations (journal)), ==,
                    hostile->renamed ? 1 : 2);
  g_assert_nonnull (mb_journal_lookup_conversation (journal, mb_conversation_get_id (ahmeds)));

  /* Everything the journal does: edits, a rename, a delete, a Forget. */
  conversations = mb_journal_get_conversations (journal);
  for (guint i = 0; i < g_list_model_get_n_items (conversations); i++)
    {
      g_autoptr(MbConversation) conversation = g_list_model_get_item (conversations, i);

      mb_conversation_set_text (conversation, MB_TEXT_STEP_NOTES, "open", "Edited");
    }
  mb_person_set_name (mb_journal_lookup_person (journal, mb_conversation_get_person_id (sannes)), "Sanne B");
  g_assert_true (mb_journal_flush (journal));
  loaded = mb_journal_lookup_conversation (journal, mb_conversation_get_id (sannes));
  g_assert_true (loaded == NULL || mb_journal_delete_conversation (journal, loaded, &error));
  g_assert_no_error (error);
  g_assert_true (mb_journal_forget_person (journal,
                                           mb_journal_lookup_person (journal, mb_conversation_get_person_id (ahmeds)),
                                           &error));
  g_assert_no_error (error);
  g_assert_true (mb_journal_flush (journal));

  /* The file is as it was; nothing outside the data folder is touched
   * or made; people.json is still the people.
   */
  after = snapshot ();
  g_clear_pointer (&text, g_free);
  text = read_text (path);
  g_assert_cmpstr (text, ==, g_hash_table_lookup (before, path + strlen (root)));
  assert_same_outside (before, after);
  g_assert_false (g_file_test (outside, G_FILE_TEST_EXISTS));
  people_text = read_text (people);
  g_assert_nonnull (strstr (people_text, "\"marbles-people\""));
  g_assert_nonnull (strstr (people_text, "Sanne B"));

  /* And read again, the same. */
  again = open_journal ();
  g_assert_nonnull (find_problem (again, path));
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_people (again)), ==, 1);
}

/* @text with the first @old replaced by @new. */
static char *
replace_once (const char *text,
              const char *old,
              const char *new)
{
  const char *at = strstr (text, old);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, new, at + strlen (old));
}

/* A copy of a script is named by its checksum, whether the name comes
 * from the folder or from a conversation.
 */
static void
test_script_copy_names (void)
{
  g_autoptr(MbConversation) sannes = NULL;
  g_autoptr(MbConversation) ahmeds = NULL;
  g_autoptr(MbJournal) journal = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autofree char *odd_copy = data_path ("conversations", "scripts", "not-a-checksum.json", NULL);
  g_autofree char *path = data_path ("conversations", OTHER_NAME, NULL);
  g_autofree char *copy_name = NULL;
  g_autofree char *copy_path = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *text = NULL;
  g_autofree char *hostile = NULL;
  g_autofree char *saved = NULL;
  const char *checksum;

  clear_journal ();
  journal = make_journal (&sannes, &ahmeds);
  mb_script_get_copy (mb_conversation_get_script (sannes), &checksum);
  copy_name = g_strconcat (checksum, ".json", NULL);
  copy_path = data_path ("conversations", "scripts", copy_name, NULL);

  /* A copy under a name that is no checksum; a conversation naming its
   * copy "../../people".
   */
  copy = read_text (copy_path);
  write_text (odd_copy, copy);
  text = with_id (sannes, OTHER_ID);
  hostile = replace_once (text, checksum, "../../people");
  write_text (path, hostile);
  g_clear_object (&journal);

  before = snapshot ();
  journal = open_journal ();
  g_assert_nonnull (find_problem (journal, odd_copy));
  g_assert_nonnull (strstr (mb_problem_get_message (find_problem (journal, odd_copy)), "not-a-checksum.json"));
  g_assert_nonnull (find_problem (journal, path));
  g_assert_nonnull (strstr (mb_problem_get_message (find_problem (journal, path)), OTHER_NAME));
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_conversations (journal)), ==, 2);
  g_assert_true (mb_journal_flush (journal));
  after = snapshot ();
  assert_same_outside (before, after);
  saved = read_text (path);
  g_assert_cmpstr (saved, ==, hostile);
  g_clear_pointer (&saved, g_free);
  saved = read_text (odd_copy);
  g_assert_cmpstr (saved, ==, copy);
}

/* A new conversation gets an id of the form Marbles checks for. */
static void
test_new_ids_valid (void)
{
  g_autoptr(MbScript) script = load_script ("full.json");

  for (guint i = 0; i < 100; i++)
    {
      g_autoptr(MbConversation) conversation = mb_conversation_new ("p", script, NULL);

      g_assert_true (mb_storage_is_valid_id (mb_conversation_get_id (conversation)));
    }

  g_assert_false (mb_storage_is_valid_id ("../people"));
  g_assert_false (mb_storage_is_valid_id ("0B9E2F64-5D1C-4C3A-9E8F-7A6B5C4D3E2F"));
  g_assert_false (mb_storage_is_valid_id (OTHER_ID "/"));
  g_assert_false (mb_storage_is_valid_id (OTHER_ID "0"));
  g_assert_false (mb_storage_is_valid_id ("0b9e2f64-5d1c-4c3a-9e8f"));
  g_assert_false (mb_storage_is_valid_id (""));
  g_assert_false (mb_storage_is_valid_id (NULL));
  g_assert_true (mb_storage_is_valid_checksum ("9b1e0000000000000000000000000000000000000000000000000000000d04a0"));
  g_assert_false (mb_storage_is_valid_checksum ("9b1e"));
  g_assert_false (mb_storage_is_valid_checksum ("../../people"));
}

/* Point 6: a file removed while Marbles runs is written back. */

static gboolean
timed_out_cb (gpointer data)
{
  g_error ("Timed out waiting for the journal");
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until every save has ended. */
static void
wait_until_saved (MbJournal *journal,
                  GObject  **objects)
{
  guint timeout = g_timeout_add_seconds (15, timed_out_cb, NULL);

  for (guint i = 0; objects[i] != NULL; i++)
    {
      while (mb_journal_get_save_state (journal, objects[i]) != MB_SAVE_STATE_SAVED)
        g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (timeout);
}

static void
written_back_cb (MbJournal *journal,
                 guint      n_files,
                 guint     *count)
{
  (*count)++;
}

/* The rest of test_written_back() for Ahmed's conversation removed: once
 * the journal looked, it is gone from the journal as from disk.
 */
static void
test_conversation_deleted_elsewhere (MbJournal      *journal,
                                     MbConversation *ahmeds,
                                     guint          *written_back)
{
  g_autoptr(MbJournal) again = NULL;
  g_autofree char *path = conversation_path (ahmeds);

  rescan (journal);
  g_assert_cmpuint (*written_back, ==, 0);
  g_assert_null (mb_journal_lookup_conversation (journal, mb_conversation_get_id (ahmeds)));
  g_assert_true (mb_journal_flush (journal));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  again = open_journal ();
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_problems (again)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_conversations (again)), ==, 1);
}

/* A conversation's file removed while it has a change to save is written
 * back with the change: the edit wins over a deletion elsewhere.
 */
static void
test_edited_conversation_removed (void)
{
  g_autoptr(MbConversation) sannes = NULL;
  g_autoptr(MbConversation) ahmeds = NULL;
  g_autoptr(MbJournal) journal = NULL;
  g_autoptr(MbJournal) again = NULL;
  g_autofree char *path = NULL;
  MbConversation *reread;

  clear_journal ();
  journal = make_journal (&sannes, &ahmeds);
  path = conversation_path (ahmeds);

  mb_conversation_set_text (ahmeds, MB_TEXT_PREPARATION_NOTES, NULL, "Typed before the removal was noticed");
  g_assert_cmpint (g_unlink (path), ==, 0);
  rescan (journal);
  g_assert_true (mb_journal_lookup_conversation (journal, mb_conversation_get_id (ahmeds)) == ahmeds);
  g_assert_true (mb_journal_flush (journal));

  again = open_journal ();
  reread = mb_journal_lookup_conversation (again, mb_conversation_get_id (ahmeds));
  g_assert_nonnull (reread);
  g_assert_cmpstr (mb_conversation_get_text (reread, MB_TEXT_PREPARATION_NOTES, NULL), ==,
                   "Typed before the removal was noticed");
}

typedef enum
{
  REMOVE_FOLDER,
  MOVE_FOLDER,
  REMOVE_PEOPLE,
  REMOVE_CONVERSATION,
  REMOVE_COPY,
} Removal;

/* Something outside Marbles removes files while it runs; the next save,
 * of a change in Sanne's conversation, writes everything back. But a
 * conversation's file alone removed, with nothing of it unsaved, was
 * deleted on another device (its sync tool deleted it here): that
 * conversation goes from the journal too.
 */
static void
test_written_back (gconstpointer data)
{
  Removal removal = GPOINTER_TO_INT (data);
  g_autoptr(MbConversation) sannes = NULL;
  g_autoptr(MbConversation) ahmeds = NULL;
  g_autoptr(MbJournal) journal = NULL;
  g_autoptr(MbJournal) again = NULL;
  g_autoptr(GFile) dir = journal_dir ();
  g_autofree char *people = data_path ("people.json", NULL);
  g_autofree char *ahmeds_path = NULL;
  g_autofree char *ahmeds_text = NULL;
  g_autofree char *copy_name = NULL;
  g_autofree char *copy_path = NULL;
  g_autofree char *ahmeds_copy_path = NULL;
  g_autofree char *ahmeds_copy = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *text = NULL;
  const char *checksum;
  guint written_back = 0;
  MbConversation *reread;

  clear_journal ();
  journal = make_journal (&sannes, &ahmeds);
  /* On the test's clock, standing still, every save looks for removed
   * files, as on a real one once the last look is long enough ago.
   */
  mb_journal_set_save_timing (journal, &(MbSaveTiming) { 1, 2, 10, test_clock });
  g_signal_connect (journal, "files-written-back", G_CALLBACK (written_back_cb), &written_back);
  ahmeds_path = conversation_path (ahmeds);
  ahmeds_text = read_text (ahmeds_path);
  mb_script_get_copy (mb_conversation_get_script (sannes), &checksum);
  copy_name = g_strconcat (checksum, ".json", NULL);
  copy_path = data_path ("conversations", "scripts", copy_name, NULL);
  g_free (copy_name);
  mb_script_get_copy (mb_conversation_get_script (ahmeds), &checksum);
  copy_name = g_strconcat (checksum, ".json", NULL);
  ahmeds_copy_path = data_path ("conversations", "scripts", copy_name, NULL);
  ahmeds_copy = read_text (ahmeds_copy_path);

  switch (removal)
    {
    case REMOVE_FOLDER:
      remove_tree (g_file_peek_path (dir));
      break;
    case MOVE_FOLDER:
      moved = g_strconcat (g_file_peek_path (dir), ".moved", NULL);
      g_assert_cmpint (g_rename (g_file_peek_path (dir), moved), ==, 0);
      break;
    case REMOVE_PEOPLE:
      g_assert_cmpint (g_unlink (people), ==, 0);
      break;
    case REMOVE_CONVERSATION:
      g_assert_cmpint (g_unlink (ahmeds_path), ==, 0);
      break;
    case REMOVE_COPY:
      g_assert_cmpint (g_unlink (ahmeds_copy_path), ==, 0);
      break;
    }

  mb_conversation_set_text (sannes, MB_TEXT_STEP_NOTES, "open", "Typed after the removal");
  wait_until_saved (journal, (GObject *[]) { G_OBJECT (sannes), NULL });
  if (removal == REMOVE_CONVERSATION)
    {
      test_conversation_deleted_elsewhere (journal, ahmeds, &written_back);
      return;
    }
  g_assert_cmpuint (written_back, ==, 1);
  wait_until_saved (journal, (GObject *[]) { G_OBJECT (sannes), G_OBJECT (ahmeds), G_OBJECT (journal), NULL });

  /* Everything back, private, and said once. */
  g_assert_true (g_file_test (people, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (copy_path, G_FILE_TEST_IS_REGULAR));
  text = read_text (ahmeds_path);
  g_assert_cmpstr (text, ==, ahmeds_text);
  g_clear_pointer (&text, g_free);
  text = read_text (ahmeds_copy_path);
  g_assert_cmpstr (text, ==, ahmeds_copy);
  mb_conversation_set_text (sannes, MB_TEXT_STEP_NOTES, "open", "And more");
  g_assert_true (mb_journal_flush (journal));
  g_assert_cmpuint (written_back, ==, 1);

  again = open_journal ();
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_problems (again)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_people (again)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_conversations (again)), ==, 2);
  reread = mb_journal_lookup_conversation (again, mb_conversation_get_id (sannes));
  g_assert_cmpstr (mb_conversation_get_text (reread, MB_TEXT_STEP_NOTES, "open"), ==, "And more");

  if (moved != NULL)
    remove_tree (moved);
}

/* On quit, the same: flushing writes back what is gone. */
static void
test_written_back_on_flush (void)
{
  g_autoptr(MbConversation) sannes = NULL;
  g_autoptr(MbConversation) ahmeds = NULL;
  g_autoptr(MbJournal) journal = NULL;
  g_autoptr(MbJournal) again = NULL;
  g_autoptr(GFile) dir = journal_dir ();
  guint written_back = 0;

  clear_journal ();
  journal = make_journal (&sannes, &ahmeds);
  g_signal_connect (journal, "files-written-back", G_CALLBACK (written_back_cb), &written_back);
  remove_tree (g_file_peek_path (dir));

  mb_conversation_set_text (sannes, MB_TEXT_STEP_NOTES, "open", "Typed before quitting");
  g_assert_true (mb_journal_flush (journal));
  g_assert_cmpuint (written_back, ==, 1);

  again = open_journal ();
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_problems (again)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_people (again)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_conversations (again)), ==, 2);
}

/* What Marbles deleted itself is not written back, and saves that find
 * everything in place say nothing.
 */
static void
test_deleted_not_written_back (void)
{
  g_autoptr(MbConversation) sannes = NULL;
  g_autoptr(MbConversation) ahmeds = NULL;
  g_autoptr(MbJournal) journal = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ahmeds_path = NULL;
  guint written_back = 0;

  clear_journal ();
  journal = make_journal (&sannes, &ahmeds);
  /* On the test's clock, standing still, every save looks for removed
   * files, as on a real one once the last look is long enough ago.
   */
  mb_journal_set_save_timing (journal, &(MbSaveTiming) { 1, 2, 10, test_clock });
  g_signal_connect (journal, "files-written-back", G_CALLBACK (written_back_cb), &written_back);
  ahmeds_path = conversation_path (ahmeds);

  g_assert_true (mb_journal_delete_conversation (journal, ahmeds, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      mb_conversation_set_text (sannes, MB_TEXT_STEP_NOTES, "open", i % 2 ? "One" : "Two");
      wait_until_saved (journal, (GObject *[]) { G_OBJECT (sannes), NULL });
    }
  g_assert_true (mb_journal_flush (journal));
  g_assert_false (g_file_test (ahmeds_path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (written_back, ==, 0);
}

/* Point 7: Forget leaves no trace that Marbles made. */

/* The paths of the files under the data folder that hold @text. */
static GPtrArray *
files_holding (const char *text)
{
  g_autoptr(GHashTable) files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GFile) dir = journal_dir ();
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  const char *path;
  const char *contents;

  add_files (files, "", g_file_peek_path (dir));
  g_hash_table_iter_init (&iter, files);
  while (g_hash_table_iter_next (&iter, (gpointer *) &path, (gpointer *) &contents))
    {
      if (strstr (contents, text) != NULL)
        g_ptr_array_add (found, g_strdup (path));
    }

  return found;
}

static void
found_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GPtrArray **found = user_data;
  g_autoptr(GError) error = NULL;

  *found = mb_journal_find_unreadable_finish (MB_JOURNAL (object), result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*found);
}

static GPtrArray *
find_unreadable (MbJournal *journal,
                 MbPerson  *person)
{
  GPtrArray *found = NULL;
  guint timeout = g_timeout_add_seconds (15, timed_out_cb, NULL);

  mb_journal_find_unreadable_async (journal, person, NULL, found_cb, &found);
  while (found == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
  return found;
}

static gboolean
holds_file (GPtrArray  *files,
            const char *path)
{
  for (guint i = 0; i < files->len; i++)
    {
      if (g_str_equal (g_file_peek_path (g_ptr_array_index (files, i)), path))
        return TRUE;
    }

  return FALSE;
}

/* The first half of @text, as a save cut short leaves it. */
static char *
cut (const char *text)
{
  return g_strndup (text, strlen (text) / 2);
}

static void
test_forget_traces (void)
{
  g_autoptr(MbConversation) sannes = NULL;
  g_autoptr(MbConversation) ahmeds = NULL;
  g_autoptr(MbJournal) journal = NULL;
  g_autoptr(GPtrArray) unreadable = NULL;
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *root = g_path_get_dirname (g_get_user_data_dir ());
  g_autofree char *sanne_id = NULL;
  g_autofree char *sannes_text = NULL;
  g_autofree char *ahmeds_text = NULL;
  g_autofree char *people_text = NULL;
  g_autofree char *newer = NULL;
  g_autofree char *hostile = NULL;
  g_autofree char *cut_sanne = NULL;
  g_autofree char *cut_ahmed = NULL;
  g_autofree char *ahmed_only = NULL;
  g_autofree char *path = NULL;
  g_autofree char *with_other_id = NULL;
  g_autofree char *hidden = data_path (".hidden-copy", NULL);
  g_autofree char *people_left = data_path ("people.json.XyZ789", NULL);
  g_auto(GStrv) traces = NULL;
  g_auto(GStrv) asked = NULL;
  g_auto(GStrv) ahmeds_files = NULL;
  MbPerson *sanne;

  clear_journal ();
  journal = make_journal (&sannes, &ahmeds);
  sanne_id = g_strdup (mb_conversation_get_person_id (sannes));
  path = conversation_path (sannes);
  sannes_text = read_text (path);
  g_free (path);
  path = conversation_path (ahmeds);
  ahmeds_text = read_text (path);
  g_free (path);
  path = data_path ("people.json", NULL);
  people_text = read_text (path);
  cut_sanne = cut (sannes_text);
  cut_ahmed = cut (ahmeds_text);
  g_assert_nonnull (strstr (cut_sanne, sanne_id));
  with_other_id = with_id (sannes, OTHER_ID);
  newer = replace_once (with_other_id, "\"version\" : 2", "\"version\" : 99");
  hostile = with_id (sannes, "../people");
  ahmed_only = replace_once (people_text, sanne_id, "someone-else");

  /* What sync tools, interrupted saves and older versions leave. */
  traces = g_strsplit (".sync-conflict-20261123-140211-ABCDEFG.json|"
                       " (conflicted copy 2026-11-23 140211).json|"
                       " (Sanne's conflicted copy 2026-11-23).json|"
                       ".sync-conflict-20261123-140211-ABCDEFG.json.v1.bak|"
                       ".json.AbC123", "|", -1);
  for (guint i = 0; traces[i] != NULL; i++)
    {
      g_autofree char *name = g_strconcat (mb_conversation_get_id (sannes), traces[i], NULL);

      g_free (traces[i]);
      traces[i] = data_path ("conversations", name, NULL);
      write_text (traces[i], i == 4 ? cut_sanne : sannes_text);
    }
  write_text (people_left, people_text);
  write_text (hidden, people_text);  /* not Marbles' */

  /* Files Marbles cannot read that name her: asked about first. */
  asked = g_new0 (char *, 4);
  asked[0] = data_path ("conversations", "damaged.json", NULL);
  asked[1] = data_path ("conversations", OTHER_NAME, NULL);
  asked[2] = data_path ("conversations", "5d1c4c3a-0b9e-4f64-9e8f-7a6b5c4d3e2f.json", NULL);
  write_text (asked[0], cut_sanne);
  write_text (asked[1], newer);
  write_text (asked[2], hostile);

  /* Ahmed's, which stay. */
  ahmeds_files = g_new0 (char *, 4);
  g_free (path);
  path = conversation_path (ahmeds);
  ahmeds_files[0] = g_strconcat (path, ".AbC123", NULL);
  ahmeds_files[1] = data_path ("conversations", "ahmed-damaged.json", NULL);
  ahmeds_files[2] = data_path ("people.json.QwE456", NULL);
  write_text (ahmeds_files[0], cut_ahmed);
  write_text (ahmeds_files[1], cut_ahmed);
  write_text (ahmeds_files[2], ahmed_only);
  g_clear_object (&journal);

  journal = open_journal ();
  sanne = mb_journal_lookup_person (journal, sanne_id);
  unreadable = find_unreadable (journal, sanne);
  g_assert_cmpuint (unreadable->len, ==, 3);
  for (guint i = 0; asked[i] != NULL; i++)
    g_assert_true (holds_file (unreadable, asked[i]));

  /* Forget deletes what was left behind, but not yet what it asks about. */
  before = snapshot ();
  g_assert_true (mb_journal_forget_person (journal, sanne, &error));
  g_assert_no_error (error);
  g_assert_true (mb_journal_flush (journal));
  for (guint i = 0; traces[i] != NULL; i++)
    g_assert_false (g_file_test (traces[i], G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (people_left, G_FILE_TEST_EXISTS));
  for (guint i = 0; asked[i] != NULL; i++)
    g_assert_true (g_file_test (asked[i], G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (hidden, G_FILE_TEST_EXISTS));

  /* Asked, and answered: then nothing under the data folder names her,
   * but the file that is not Marbles'.
   */
  g_assert_true (mb_journal_delete_unreadable (journal, unreadable, &error));
  g_assert_no_error (error);
  left = files_holding (sanne_id);
  g_assert_cmpuint (left->len, ==, 1);
  g_assert_true (g_str_has_suffix (g_ptr_array_index (left, 0), ".hidden-copy"));
  g_clear_pointer (&left, g_ptr_array_unref);
  left = files_holding ("Sanne's notes");
  g_assert_cmpuint (left->len, ==, 0);
  for (guint i = 0; asked[i] != NULL; i++)
    g_assert_null (find_problem (journal, asked[i]));

  /* Ahmed's are as they were; his damaged file is still listed. */
  for (guint i = 0; ahmeds_files[i] != NULL; i++)
    {
      g_autofree char *text = read_text (ahmeds_files[i]);

      g_assert_cmpstr (text, ==, g_hash_table_lookup (before, ahmeds_files[i] + strlen (root)));
    }
  g_assert_nonnull (find_problem (journal, ahmeds_files[1]));
  g_assert_nonnull (mb_journal_lookup_conversation (journal, mb_conversation_get_id (ahmeds)));
}

/* Someone with an id Marbles does not write (p1, by hand): only files
 * that have it as their person count, not every file with "p1" in it.
 */
static void
test_forget_short_id (void)
{
  g_autoptr(MbJournal) journal = NULL;
  g_autoptr(GPtrArray) unreadable = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *step_note = data_path ("conversations", "notes-about-p1.json.AbC123", NULL);
  g_autofree char *theirs = data_path ("conversations", "copy-of-theirs.json.AbC123", NULL);
  g_autofree char *deep = data_path ("conversations", "deep.json", NULL);
  g_autofree char *people = data_path ("people.json", NULL);
  g_autofree char *deep_text = NULL;

  clear_journal ();
  write_text (people,
              "{ \"format\": \"marbles-people\", \"version\": 1, \"people\": ["
              " { \"id\": \"p1\", \"name\": \"Sanne\" }, { \"id\": \"p2\", \"name\": \"Ahmed\" } ] }");
  write_text (step_note, "{ \"person\": \"p2\", \"steps\": { \"p1\": { \"notes\": \"p1\" } } }");
  write_text (theirs, "{ \"person\": \"p1\" }");
  /* A damaged file nested past any stack is read through the same
   * check as every other, and stays.
   */
  deep_text = g_strnfill (100000, '[');
  write_text (deep, deep_text);

  journal = open_journal ();
  unreadable = find_unreadable (journal, mb_journal_lookup_person (journal, "p1"));
  g_assert_cmpuint (unreadable->len, ==, 0);
  g_assert_true (mb_journal_forget_person (journal, mb_journal_lookup_person (journal, "p1"), &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (step_note, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (theirs, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (deep, G_FILE_TEST_EXISTS));
  g_assert_true (mb_journal_flush (journal));
}

int
main (int   argc,
      char *argv[])
{
  static const Hostile hostile[] = {
    { "../people", FALSE },
    { "../../../x", FALSE },
    { "ABSOLUTE", FALSE },
    { "0B9E2F64-5D1C-4C3A-9E8F-7A6B5C4D3E2F", FALSE },
    { NULL, FALSE },
    { NULL, TRUE },
  };
  static const char *hostile_names[] = {
    "/names/id/parent-people", "/names/id/outside", "/names/id/absolute", "/names/id/uppercase",
    "/names/id/another-ones", "/names/id/renamed",
  };

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    g_test_add_data_func (hostile_names[i], &hostile[i], test_hostile_id);
  g_test_add_func ("/names/script-copy", test_script_copy_names);
  g_test_add_func ("/names/new-ids", test_new_ids_valid);
  g_test_add_data_func ("/written-back/folder-removed", GINT_TO_POINTER (REMOVE_FOLDER), test_written_back);
  g_test_add_data_func ("/written-back/folder-moved", GINT_TO_POINTER (MOVE_FOLDER), test_written_back);
  g_test_add_data_func ("/written-back/people-removed", GINT_TO_POINTER (REMOVE_PEOPLE), test_written_back);
  g_test_add_data_func ("/written-back/conversation-removed", GINT_TO_POINTER (REMOVE_CONVERSATION),
                        test_written_back);
  g_test_add_data_func ("/written-back/script-copy-removed", GINT_TO_POINTER (REMOVE_COPY), test_written_back);
  g_test_add_func ("/written-back/edited-conversation-removed", test_edited_conversation_removed);
  g_test_add_func ("/written-back/on-flush", test_written_back_on_flush);
  g_test_add_func ("/written-back/not-what-was-deleted", test_deleted_not_written_back);
  g_test_add_func ("/forget/traces", test_forget_traces);
  g_test_add_func ("/forget/short-id", test_forget_short_id);

  return g_test_run ();
}
