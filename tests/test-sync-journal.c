/* test-sync-journal.c — one journal on two machines, case by case: the
 * other machine's version of a conversation or of people.json, a sync
 * tool's conflict copies, two journals on one folder.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "core-util.h"
#include "sync-util.h"

/* Helpers */

static char *
conversation_path (MbConversation *conversation)
{
  g_autoptr(GFile) dir = journal_dir ();
  g_autofree char *name = g_strconcat (mb_conversation_get_id (conversation), ".json", NULL);

  return g_build_filename (g_file_peek_path (dir), "conversations", name, NULL);
}

static char *
people_path (void)
{
  g_autoptr(GFile) dir = journal_dir ();

  return g_build_filename (g_file_peek_path (dir), "people.json", NULL);
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

/* Writes @path as a sync tool does: a whole new file put in its place. */
static void
deliver (const char *path,
         GBytes     *bytes)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
}

static gboolean
file_holds (const char *path,
            const char *text)
{
  g_autofree char *contents = read_text (path);

  return strstr (contents, text) != NULL;
}

static gboolean
file_is (const char *path,
         GBytes     *bytes)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) contents = g_file_load_bytes (file, NULL, NULL, NULL);

  return contents != NULL && g_bytes_equal (contents, bytes);
}

/* The other machine's copy of @conversation, as read from its file. */
static MbConversation *
other_machines (MbConversation *conversation)
{
  g_autofree char *path = conversation_path (conversation);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) bytes = g_file_load_bytes (file, NULL, NULL, NULL);
  g_autoptr(GHashTable) copies = mb_script_copies_new ();
  g_autoptr(GError) error = NULL;
  MbConversation *copy;

  mb_script_copies_add (copies, mb_conversation_get_script (conversation));
  copy = mb_conversation_new_from_bytes (bytes, path, copies, &error);
  g_assert_no_error (error);
  return copy;
}

static void
count_merged_cb (MbJournal *journal,
                 GObject   *object,
                 guint      n_both_changed,
                 guint     *count)
{
  (*count)++;
}

static gboolean
timed_out_cb (gpointer data)
{
  g_error ("Timed out waiting for the journal");
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until nothing of @journal is unsaved. */
static void
wait_until_saved (MbJournal *journal)
{
  guint timeout = g_timeout_add_seconds (15, timed_out_cb, NULL);

  for (;;)
    {
      g_autoptr(GPtrArray) unsaved = mb_journal_get_unsaved (journal);

      if (unsaved->len == 0)
        break;
      for (guint i = 0; i < unsaved->len; i++)
        mb_journal_save_now (journal, g_ptr_array_index (unsaved, i));
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (timeout);
}

/* Looks, saves, and looks again: a conflict copy whose original had a
 * save to finish waits for the next look.
 */
static void
look_and_save (MbJournal *journal)
{
  rescan (journal);
  wait_until_saved (journal);
  rescan (journal);
  wait_until_saved (journal);
}

/* A journal with Sanne and one conversation with her, saved. */
static MbJournal *
make_journal (MbConversation **conversation)
{
  MbJournal *journal = open_journal ();
  g_autoptr(MbScript) script = load_script ("full.json");
  MbPerson *sanne = mb_journal_add_person (journal, "Sanne", "Designer");

  *conversation = mb_conversation_new (mb_person_get_id (sanne), script, NULL);
  mb_conversation_set_text (*conversation, MB_TEXT_PREPARATION_NOTES, NULL, "Both had this.\n");
  mb_journal_add_conversation (journal, *conversation);
  g_assert_true (mb_journal_flush (journal));
  return journal;
}

/* The other machine's version of an open conversation */

/* Typed here while the other machine's version came in: the save finds
 * it on disk and merges, instead of writing over it.
 */
static void
test_open_conversation_merged (void)
{
  g_autoptr(MbConversation) here = NULL;
  g_autoptr(MbConversation) there = NULL;
  g_autoptr(MbJournal) journal = make_journal (&here);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = conversation_path (here);
  guint merged = 0;

  there = other_machines (here);
  mb_conversation_set_text (there, MB_TEXT_STEP_NOTES, "open", "Typed there.\n");
  mb_conversation_add_marble (there, TRUE, "Listened there");
  mb_agreement_set_status (mb_conversation_add_agreement (there, "Agreed there", MB_PROMISED_BY_ME, NULL),
                           MB_AGREEMENT_KEPT);
  bytes = mb_conversation_to_bytes (there);
  deliver (path, bytes);

  g_signal_connect (journal, "merged", G_CALLBACK (count_merged_cb), &merged);
  mb_conversation_set_text (here, MB_TEXT_STEP_NOTES, "close", "Typed here.\n");
  wait_until_saved (journal);

  g_assert_true (file_holds (path, "Typed there."));
  g_assert_true (file_holds (path, "Typed here."));
  g_assert_true (file_holds (path, "Listened there"));
  g_assert_true (file_holds (path, "Agreed there"));
  g_assert_cmpstr (mb_conversation_get_text (here, MB_TEXT_STEP_NOTES, "open"), ==, "Typed there.\n");
  g_assert_cmpstr (mb_conversation_get_text (here, MB_TEXT_STEP_NOTES, "close"), ==, "Typed here.\n");
  g_assert_cmpuint (g_list_model_get_n_items (mb_conversation_get_marbles (here)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (mb_conversation_get_agreements (here)), ==, 1);
  g_assert_cmpuint (merged, ==, 1);
}

static void
count_both_cb (MbJournal *journal,
               GObject   *object,
               guint      n_both_changed,
               guint     *count)
{
  *count += n_both_changed;
}

/* The same notes changed on both machines: both versions are kept, and
 * the journal says so.
 */
static void
test_same_text_changed_on_both (void)
{
  g_autoptr(MbConversation) here = NULL;
  g_autoptr(MbConversation) there = NULL;
  g_autoptr(MbJournal) journal = make_journal (&here);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = conversation_path (here);
  guint both = 0;

  there = other_machines (here);
  mb_conversation_set_text (there, MB_TEXT_PREPARATION_NOTES, NULL, "Both had this.\nThen there.\n");
  bytes = mb_conversation_to_bytes (there);
  deliver (path, bytes);

  g_signal_connect (journal, "merged", G_CALLBACK (count_both_cb), &both);
  mb_conversation_set_text (here, MB_TEXT_PREPARATION_NOTES, NULL, "Both had this.\nThen here.\n");
  g_assert_true (mb_journal_flush (journal));

  g_assert_cmpuint (both, ==, 1);
  g_assert_nonnull (strstr (mb_conversation_get_text (here, MB_TEXT_PREPARATION_NOTES, NULL), "Then there."));
  g_assert_nonnull (strstr (mb_conversation_get_text (here, MB_TEXT_PREPARATION_NOTES, NULL), "Then here."));
  g_assert_true (file_holds (path, "Then there."));
  g_assert_true (file_holds (path, "Then here."));
}

static void
text_replaced_cb (MbConversation *conversation,
                  int             kind,
                  const char     *key,
                  GString        *keys)
{
  g_string_append_printf (keys, "%d/%s;", kind, key != NULL ? key : "");
}

/* Nothing to save here: the other machine's version is taken in, the
 * texts it changed say so, and the file is left as it came.
 */
static void
test_clean_conversation_taken_in (void)
{
  g_autoptr(MbConversation) here = NULL;
  g_autoptr(MbConversation) there = NULL;
  g_autoptr(MbJournal) journal = make_journal (&here);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GString) keys = g_string_new (NULL);
  g_autofree char *path = conversation_path (here);
  g_autoptr(GPtrArray) unsaved = NULL;
  guint merged = 0;

  there = other_machines (here);
  mb_conversation_set_text (there, MB_TEXT_STEP_NOTES, "open", "Typed there.\n");
  mb_conversation_set_phase (there, MB_PHASE_TALK);
  bytes = mb_conversation_to_bytes (there);
  deliver (path, bytes);

  g_signal_connect (journal, "merged", G_CALLBACK (count_merged_cb), &merged);
  g_signal_connect (here, "text-replaced", G_CALLBACK (text_replaced_cb), keys);
  rescan (journal);

  g_assert_cmpstr (keys->str, ==, "2/open;");
  g_assert_cmpint (mb_conversation_get_phase (here), ==, MB_PHASE_TALK);
  g_assert_cmpuint (merged, ==, 1);
  g_assert_cmpint (mb_journal_get_save_state (journal, G_OBJECT (here)), ==, MB_SAVE_STATE_SAVED);
  unsaved = mb_journal_get_unsaved (journal);
  g_assert_cmpuint (unsaved->len, ==, 0);
  g_assert_true (file_is (path, bytes));
}

/* A version that cannot be read (a file a sync tool is still writing) is
 * not saved over: the save fails, saying why, and succeeds, merging,
 * once a whole version is there.
 */
static void
test_unreadable_version_kept (void)
{
  g_autoptr(MbConversation) here = NULL;
  g_autoptr(MbConversation) there = NULL;
  g_autoptr(MbJournal) journal = make_journal (&here);
  g_autoptr(GBytes) half = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = conversation_path (here);
  g_autofree char *display = NULL;

  there = other_machines (here);
  mb_conversation_set_text (there, MB_TEXT_STEP_NOTES, "open", "Typed there.\n");
  bytes = mb_conversation_to_bytes (there);
  half = g_bytes_new_from_bytes (bytes, 0, g_bytes_get_size (bytes) / 2);
  deliver (path, half);

  mb_conversation_set_text (here, MB_TEXT_STEP_NOTES, "close", "Typed here.\n");
  g_assert_false (mb_journal_flush (journal));
  g_assert_cmpint (mb_journal_get_save_state (journal, G_OBJECT (here)), ==, MB_SAVE_STATE_FAILED);
  display = g_filename_display_name (path);
  g_assert_nonnull (strstr (mb_journal_get_save_error (journal, G_OBJECT (here)), display));
  g_assert_true (file_is (path, half));

  deliver (path, bytes);
  g_assert_true (mb_journal_flush (journal));
  g_assert_true (file_holds (path, "Typed there."));
  g_assert_true (file_holds (path, "Typed here."));
}

/* A person added on the other machine */

/* people.json as the other machine wrote it, with @name added. */
static GBytes *
people_with (const char *name)
{
  g_autofree char *path = people_path ();
  g_autofree char *text = read_text (path);
  g_autoptr(JsonNode) root = json_from_string (text, NULL);
  JsonArray *people = json_object_get_array_member (json_node_get_object (root), "people");
  JsonObject *person = json_object_new ();
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *json = NULL;

  json_object_set_string_member (person, "id", id);
  json_object_set_string_member (person, "name", name);
  json_object_set_string_member (person, "role", "");
  json_array_add_object_element (people, person);
  json = json_to_string (root, TRUE);
  return g_bytes_new (json, strlen (json));
}

static MbPerson *
find_person (MbJournal  *journal,
             const char *name)
{
  GListModel *people = mb_journal_get_people (journal);

  for (guint i = 0; i < g_list_model_get_n_items (people); i++)
    {
      g_autoptr(MbPerson) person = g_list_model_get_item (people, i);

      if (g_str_equal (mb_person_get_name (person), name))
        return person;
    }
  return NULL;
}

/* Someone added there is still there after people.json is saved here,
 * with someone added here too.
 */
static void
test_person_added_elsewhere_kept (void)
{
  g_autoptr(MbConversation) conversation = NULL;
  g_autoptr(MbJournal) journal = make_journal (&conversation);
  g_autoptr(MbJournal) again = NULL;
  g_autoptr(GBytes) bytes = people_with ("Ahmed");
  g_autofree char *path = people_path ();

  deliver (path, bytes);
  mb_journal_add_person (journal, "Noor", NULL);
  wait_until_saved (journal);

  g_assert_true (file_holds (path, "Ahmed"));
  g_assert_true (file_holds (path, "Noor"));
  g_assert_true (file_holds (path, "Sanne"));
  g_assert_nonnull (find_person (journal, "Ahmed"));

  again = open_journal ();
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_people (again)), ==, 3);
}

/* Renamed there, with nothing to save here: the name changes here. */
static void
test_person_renamed_elsewhere (void)
{
  g_autoptr(MbConversation) conversation = NULL;
  g_autoptr(MbJournal) journal = make_journal (&conversation);
  g_autofree char *path = people_path ();
  g_autofree char *text = read_text (path);
  g_auto(GStrv) parts = g_strsplit (text, "\"Sanne\"", 2);
  g_autofree char *renamed = g_strjoinv ("\"Sanne de Vries\"", parts);
  g_autoptr(GBytes) bytes = g_bytes_new (renamed, strlen (renamed));
  MbPerson *sanne = find_person (journal, "Sanne");

  deliver (path, bytes);
  rescan (journal);
  g_assert_cmpstr (mb_person_get_name (sanne), ==, "Sanne de Vries");
  g_assert_true (file_is (path, bytes));
}

/* Conflict copies */

typedef enum
{
  SYNCTHING,
  NEXTCLOUD,
} Tool;

/* The name @tool gives its conflict copy of @name (without ".json"). */
static char *
copy_name (Tool        tool,
           const char *name)
{
  if (tool == SYNCTHING)
    return g_strconcat (name, ".sync-conflict-20261205-101010-ABCDEFG.json", NULL);
  return g_strconcat (name, " (conflicted copy 2026-12-05 101010).json", NULL);
}

static char *
conversation_copy_path (MbConversation *conversation,
                        Tool            tool)
{
  g_autoptr(GFile) dir = journal_dir ();
  g_autofree char *name = copy_name (tool, mb_conversation_get_id (conversation));

  return g_build_filename (g_file_peek_path (dir), "conversations", name, NULL);
}

/* Both machines changed the conversation before it was synced; the sync
 * tool kept this machine's file and put the other one beside it.
 */
static char *
make_conflict (MbConversation *here,
               Tool            tool)
{
  g_autoptr(MbConversation) there = other_machines (here);
  g_autoptr(GBytes) bytes = NULL;
  char *copy_path = conversation_copy_path (here, tool);

  mb_conversation_set_text (there, MB_TEXT_STEP_NOTES, "open", "Typed there.\n");
  mb_conversation_add_marble (there, FALSE, "Late there");
  bytes = mb_conversation_to_bytes (there);
  deliver (copy_path, bytes);
  return copy_path;
}

static void
assert_copy_merged (MbJournal      *journal,
                    MbConversation *here,
                    const char     *copy_path)
{
  g_autofree char *path = conversation_path (here);

  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_conversations (journal)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_problems (journal)), ==, 0);
  g_assert_cmpstr (mb_conversation_get_text (here, MB_TEXT_STEP_NOTES, "open"), ==, "Typed there.\n");
  g_assert_cmpuint (g_list_model_get_n_items (mb_conversation_get_marbles (here)), ==, 1);
  g_assert_true (file_holds (path, "Typed there."));
  g_assert_true (file_holds (path, "Late there"));
  g_assert_true (file_holds (path, "Typed here."));
  g_assert_false (g_file_test (copy_path, G_FILE_TEST_EXISTS));
}

/* A conflict copy found while Marbles runs is merged into the original
 * and removed once that is saved: never a second conversation.
 */
static void
test_conflict_copy (gconstpointer data)
{
  Tool tool = GPOINTER_TO_INT (data);
  g_autoptr(MbConversation) here = NULL;
  g_autoptr(MbJournal) journal = make_journal (&here);
  g_autofree char *copy_path = NULL;

  mb_conversation_set_text (here, MB_TEXT_STEP_NOTES, "close", "Typed here.\n");
  g_assert_true (mb_journal_flush (journal));
  copy_path = make_conflict (here, tool);

  rescan (journal);
  wait_until_saved (journal);
  assert_copy_merged (journal, here, copy_path);
}

/* A conflict copy there when Marbles starts is merged the same way. */
static void
test_conflict_copy_at_start (gconstpointer data)
{
  Tool tool = GPOINTER_TO_INT (data);
  g_autoptr(MbConversation) first = NULL;
  g_autoptr(MbJournal) journal = make_journal (&first);
  g_autoptr(MbJournal) again = NULL;
  g_autofree char *copy_path = NULL;
  MbConversation *here;

  mb_conversation_set_text (first, MB_TEXT_STEP_NOTES, "close", "Typed here.\n");
  g_assert_true (mb_journal_flush (journal));
  rescan (journal);
  g_clear_object (&journal);
  copy_path = make_conflict (first, tool);

  again = open_journal ();
  here = mb_journal_lookup_conversation (again, mb_conversation_get_id (first));
  g_assert_nonnull (here);
  rescan (again);
  wait_until_saved (again);
  assert_copy_merged (again, here, copy_path);
}

/* The sync tool put the other machine's version in place here, and this
 * machine's own, saved, version aside as the copy (as Nextcloud does on
 * the machine that finds the conflict): nothing of either is lost.
 */
static void
test_own_version_aside (gconstpointer data)
{
  Tool tool = GPOINTER_TO_INT (data);
  g_autoptr(MbConversation) here = NULL;
  g_autoptr(MbJournal) journal = make_journal (&here);
  g_autoptr(MbConversation) there = other_machines (here);
  g_autofree char *path = conversation_path (here);
  g_autofree char *copy_path = conversation_copy_path (here, tool);
  g_autoptr(GBytes) theirs = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) ours = NULL;

  mb_conversation_set_text (there, MB_TEXT_PREPARATION_NOTES, NULL, "Both had this.\nThen there.\n");
  mb_conversation_add_marble (there, FALSE, "Late there");
  theirs = mb_conversation_to_bytes (there);
  mb_conversation_set_text (here, MB_TEXT_PREPARATION_NOTES, NULL, "Both had this.\nThen here.\n");
  mb_conversation_add_marble (here, TRUE, "Listened here");
  g_assert_true (mb_journal_flush (journal));
  ours = g_file_load_bytes (file, NULL, NULL, NULL);

  deliver (copy_path, ours);
  deliver (path, theirs);
  look_and_save (journal);

  g_assert_nonnull (strstr (mb_conversation_get_text (here, MB_TEXT_PREPARATION_NOTES, NULL), "Then there."));
  g_assert_nonnull (strstr (mb_conversation_get_text (here, MB_TEXT_PREPARATION_NOTES, NULL), "Then here."));
  g_assert_cmpuint (g_list_model_get_n_items (mb_conversation_get_marbles (here)), ==, 2);
  g_assert_true (file_holds (path, "Then there."));
  g_assert_true (file_holds (path, "Then here."));
  g_assert_true (file_holds (path, "Listened here"));
  g_assert_true (file_holds (path, "Late there"));
  g_assert_false (g_file_test (copy_path, G_FILE_TEST_EXISTS));
}

/* A copy that cannot be read is listed, and left as it is. */
static void
test_damaged_copy_left (void)
{
  g_autoptr(MbConversation) here = NULL;
  g_autoptr(MbJournal) journal = make_journal (&here);
  g_autofree char *copy_path = conversation_copy_path (here, SYNCTHING);
  g_autoptr(GBytes) damaged = g_bytes_new_static ("{ \"format\": ", strlen ("{ \"format\": "));
  g_autoptr(MbProblem) problem = NULL;

  deliver (copy_path, damaged);
  rescan (journal);
  wait_until_saved (journal);

  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_conversations (journal)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_problems (journal)), ==, 1);
  problem = g_list_model_get_item (mb_journal_get_problems (journal), 0);
  g_assert_cmpstr (g_file_peek_path (mb_problem_get_file (problem)), ==, copy_path);
  g_assert_true (file_is (copy_path, damaged));

  /* Looking again does not list it twice. */
  rescan (journal);
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_problems (journal)), ==, 1);
}

/* A copy of a conversation the journal does not have (its original was
 * deleted here) becomes that conversation, under its own name.
 */
static void
test_copy_of_unknown_original (void)
{
  g_autoptr(MbConversation) here = NULL;
  g_autoptr(MbJournal) journal = make_journal (&here);
  g_autoptr(MbConversation) there = other_machines (here);
  g_autofree char *copy_path = conversation_copy_path (here, NEXTCLOUD);
  g_autofree char *path = conversation_path (here);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  MbConversation *back;

  mb_conversation_set_text (there, MB_TEXT_STEP_NOTES, "open", "Typed there.\n");
  bytes = mb_conversation_to_bytes (there);
  g_assert_true (mb_journal_delete_conversation (journal, here, &error));
  g_assert_no_error (error);
  deliver (copy_path, bytes);

  rescan (journal);
  wait_until_saved (journal);
  back = mb_journal_lookup_conversation (journal, mb_conversation_get_id (here));
  g_assert_nonnull (back);
  g_assert_cmpstr (mb_conversation_get_text (back, MB_TEXT_STEP_NOTES, "open"), ==, "Typed there.\n");
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_conversations (journal)), ==, 1);
  g_assert_true (file_holds (path, "Typed there."));
  g_assert_false (g_file_test (copy_path, G_FILE_TEST_EXISTS));
}

/* Another version put in place after a save of this journal replaced
 * the file, but before that save is done, as a second Marbles does that
 * checked the file just before this one replaced it: the look that
 * finds it while the save is under way does not leave it to that save,
 * which checked before it came. Even when the journal then closes at
 * once, without another look, both texts are on disk.
 */
static void
test_version_after_save_under_way (void)
{
  g_autoptr(MbConversation) here = NULL;
  g_autoptr(MbConversation) there = NULL;
  g_autoptr(MbJournal) journal = make_journal (&here);
  g_autoptr(GMainContext) save_context = g_main_context_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = conversation_path (here);

  /* The test looks when it chooses. */
  _mb_journal_set_watching (journal, FALSE);
  rescan (journal);
  there = other_machines (here);
  mb_conversation_set_text (there, MB_TEXT_STEP_NOTES, "open", "Typed there.\n");
  bytes = mb_conversation_to_bytes (there);

  /* The save's end comes in a context of its own, run only once the
   * other version is there and has been looked at.
   */
  mb_conversation_set_text (here, MB_TEXT_STEP_NOTES, "close", "Typed here.\n");
  g_main_context_push_thread_default (save_context);
  mb_journal_save_now (journal, G_OBJECT (here));
  g_main_context_pop_thread_default (save_context);
  while (!g_main_context_pending (save_context))
    g_thread_yield ();
  g_assert_true (file_holds (path, "Typed here."));

  deliver (path, bytes);
  rescan (journal);
  g_main_context_iteration (save_context, TRUE);

  g_assert_true (mb_journal_flush (journal));
  g_assert_true (file_holds (path, "Typed here."));
  g_assert_true (file_holds (path, "Typed there."));
  g_assert_cmpstr (mb_conversation_get_text (here, MB_TEXT_STEP_NOTES, "open"), ==, "Typed there.\n");
}

/* A conversation deleted here before the result of merging a conflict
 * copy into it was saved (a change typed during that save left it
 * unsaved): the copy, whose content it held, goes with it, rather than
 * stay beside nothing and bring the conversation back.
 */
static void
test_deleted_with_copy_merged (void)
{
  static const MbSaveTiming saved_when_asked = { G_MAXINT, G_MAXINT, G_MAXINT, NULL };
  g_autoptr(MbConversation) here = NULL;
  g_autoptr(MbJournal) journal = make_journal (&here);
  g_autofree char *copy_path = NULL;
  g_autoptr(GError) error = NULL;

  _mb_journal_set_watching (journal, FALSE);
  mb_journal_set_save_timing (journal, &saved_when_asked);
  rescan (journal);
  copy_path = make_conflict (here, NEXTCLOUD);
  rescan (journal);
  g_assert_cmpstr (mb_conversation_get_text (here, MB_TEXT_STEP_NOTES, "open"), ==, "Typed there.\n");
  g_assert_cmpint (mb_journal_get_save_state (journal, G_OBJECT (here)), ==, MB_SAVE_STATE_SAVING);
  mb_conversation_set_text (here, MB_TEXT_STEP_NOTES, "close", "Typed here.\n");
  while (mb_journal_get_save_state (journal, G_OBJECT (here)) == MB_SAVE_STATE_SAVING)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (mb_journal_get_save_state (journal, G_OBJECT (here)), ==, MB_SAVE_STATE_UNSAVED);
  g_assert_true (g_file_test (copy_path, G_FILE_TEST_EXISTS));

  g_assert_true (mb_journal_delete_conversation (journal, here, &error));
  g_assert_no_error (error);
  look_and_save (journal);
  look_and_save (journal);
  g_assert_false (g_file_test (copy_path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_conversations (journal)), ==, 0);
}

/* A conversation deleted while its save is under way: that save may put
 * its file back after the delete, before it deletes it again. A look in
 * between does not take the file for a new conversation.
 */
static void
test_deleted_while_saving (void)
{
  g_autoptr(MbConversation) here = NULL;
  g_autoptr(MbJournal) journal = make_journal (&here);
  g_autoptr(GMainContext) save_context = g_main_context_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = conversation_path (here);

  _mb_journal_set_watching (journal, FALSE);
  rescan (journal);
  mb_conversation_set_text (here, MB_TEXT_STEP_NOTES, "close", "Typed here.\n");
  g_main_context_push_thread_default (save_context);
  mb_journal_save_now (journal, G_OBJECT (here));
  g_main_context_pop_thread_default (save_context);
  while (!g_main_context_pending (save_context))
    g_thread_yield ();
  bytes = mb_conversation_to_bytes (here);

  g_assert_true (mb_journal_delete_conversation (journal, here, &error));
  g_assert_no_error (error);
  /* The save's rename, late. */
  deliver (path, bytes);
  rescan (journal);
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_conversations (journal)), ==, 0);

  g_main_context_iteration (save_context, TRUE);
  g_assert_true (mb_journal_flush (journal));
  rescan (journal);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_conversations (journal)), ==, 0);
}

/* people.json's conflict copy: the people added on either side are kept. */
static void
test_people_copy (void)
{
  g_autoptr(MbConversation) conversation = NULL;
  g_autoptr(MbJournal) journal = make_journal (&conversation);
  g_autoptr(GBytes) bytes = people_with ("Ahmed");
  g_autoptr(GFile) dir = journal_dir ();
  g_autofree char *name = copy_name (SYNCTHING, "people");
  g_autofree char *copy_path = g_build_filename (g_file_peek_path (dir), name, NULL);
  g_autofree char *path = people_path ();

  mb_journal_add_person (journal, "Noor", NULL);
  g_assert_true (mb_journal_flush (journal));
  deliver (copy_path, bytes);

  rescan (journal);
  wait_until_saved (journal);
  g_assert_nonnull (find_person (journal, "Ahmed"));
  g_assert_nonnull (find_person (journal, "Noor"));
  g_assert_true (file_holds (path, "Ahmed"));
  g_assert_true (file_holds (path, "Noor"));
  g_assert_false (g_file_test (copy_path, G_FILE_TEST_EXISTS));
}

/* Two journals on one folder */

static MbConversation *
find_conversation (MbJournal      *journal,
                   MbConversation *like)
{
  MbConversation *found = mb_journal_lookup_conversation (journal, mb_conversation_get_id (like));

  g_assert_nonnull (found);
  return found;
}

/* Saves and looks in turn until neither journal has anything to do. */
static void
settle (MbJournal *a,
        MbJournal *b)
{
  for (guint round = 0; round < 10; round++)
    {
      g_autoptr(GPtrArray) unsaved_a = NULL;
      g_autoptr(GPtrArray) unsaved_b = NULL;

      wait_until_saved (a);
      wait_until_saved (b);
      rescan (a);
      rescan (b);
      unsaved_a = mb_journal_get_unsaved (a);
      unsaved_b = mb_journal_get_unsaved (b);
      if (unsaved_a->len == 0 && unsaved_b->len == 0)
        return;
    }
  g_error ("The two journals did not settle");
}

/* A second Marbles on the same folder (another login, another user of a
 * shared folder): each takes in what the other saves, and nothing of
 * either is written over.
 */
static void
test_two_journals (void)
{
  g_autoptr(MbConversation) shared = NULL;
  g_autoptr(MbJournal) a = make_journal (&shared);
  g_autoptr(MbJournal) b = open_journal ();
  g_autoptr(MbScript) script = load_script ("minimal.json");
  g_autoptr(MbConversation) bs_new = NULL;
  g_autofree char *path = conversation_path (shared);
  MbConversation *in_b = find_conversation (b, shared);
  MbConversation *in_a;

  mb_conversation_set_text (shared, MB_TEXT_STEP_NOTES, "open", "Typed in A.\n");
  mb_journal_add_person (a, "Noor", NULL);
  mb_conversation_set_text (in_b, MB_TEXT_STEP_NOTES, "close", "Typed in B.\n");
  mb_agreement_set_status (mb_conversation_add_agreement (in_b, "Agreed in B", MB_PROMISED_BY_THEM, NULL),
                           MB_AGREEMENT_KEPT);
  mb_journal_add_person (b, "Ahmed", "Developer");
  bs_new = mb_conversation_new (mb_person_get_id (find_person (b, "Sanne")), script, NULL);
  mb_conversation_set_text (bs_new, MB_TEXT_PREPARATION_NOTES, NULL, "New in B.\n");
  mb_journal_add_conversation (b, bs_new);
  settle (a, b);

  for (guint i = 0; i < 2; i++)
    {
      MbJournal *journal = i == 0 ? a : b;
      MbConversation *conversation = find_conversation (journal, shared);

      g_assert_cmpstr (mb_conversation_get_text (conversation, MB_TEXT_STEP_NOTES, "open"), ==, "Typed in A.\n");
      g_assert_cmpstr (mb_conversation_get_text (conversation, MB_TEXT_STEP_NOTES, "close"), ==, "Typed in B.\n");
      g_assert_cmpuint (g_list_model_get_n_items (mb_conversation_get_agreements (conversation)), ==, 1);
      g_assert_nonnull (find_person (journal, "Noor"));
      g_assert_nonnull (find_person (journal, "Ahmed"));
      g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_people (journal)), ==, 3);
      g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_conversations (journal)), ==, 2);
    }
  in_a = find_conversation (a, bs_new);
  g_assert_cmpstr (mb_conversation_get_text (in_a, MB_TEXT_PREPARATION_NOTES, NULL), ==, "New in B.\n");
  g_assert_true (file_holds (path, "Typed in A."));
  g_assert_true (file_holds (path, "Typed in B."));
}

/* Watching: no one asks the journal to look */

static void
merged_cb (MbJournal *journal,
           GObject   *object,
           guint      n_both_changed,
           gboolean  *done)
{
  *done = TRUE;
}

static gboolean
too_late_cb (gpointer data)
{
  g_error ("The change on disk was not noticed within two seconds");
  return G_SOURCE_REMOVE;
}

/* A change on disk shows within two seconds, by itself. */
static void
test_watched (void)
{
  g_autoptr(MbConversation) here = NULL;
  g_autoptr(MbConversation) there = NULL;
  g_autoptr(MbJournal) journal = make_journal (&here);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = conversation_path (here);
  gboolean done = FALSE;
  guint timeout;

  /* What the journal's own saves made it look at is done first. */
  rescan (journal);
  there = other_machines (here);
  mb_conversation_set_text (there, MB_TEXT_STEP_NOTES, "open", "Typed there.\n");
  bytes = mb_conversation_to_bytes (there);
  g_signal_connect (journal, "merged", G_CALLBACK (merged_cb), &done);

  timeout = g_timeout_add_seconds (2, too_late_cb, NULL);
  deliver (path, bytes);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
  g_assert_cmpstr (mb_conversation_get_text (here, MB_TEXT_STEP_NOTES, "open"), ==, "Typed there.\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sync/open-conversation-merged", test_open_conversation_merged);
  g_test_add_func ("/sync/same-text-changed-on-both", test_same_text_changed_on_both);
  g_test_add_func ("/sync/clean-conversation-taken-in", test_clean_conversation_taken_in);
  g_test_add_func ("/sync/unreadable-version-kept", test_unreadable_version_kept);
  g_test_add_func ("/sync/person-added-elsewhere-kept", test_person_added_elsewhere_kept);
  g_test_add_func ("/sync/person-renamed-elsewhere", test_person_renamed_elsewhere);
  g_test_add_data_func ("/sync/conflict-copy/syncthing", GINT_TO_POINTER (SYNCTHING), test_conflict_copy);
  g_test_add_data_func ("/sync/conflict-copy/nextcloud", GINT_TO_POINTER (NEXTCLOUD), test_conflict_copy);
  g_test_add_data_func ("/sync/conflict-copy/syncthing-at-start", GINT_TO_POINTER (SYNCTHING),
                        test_conflict_copy_at_start);
  g_test_add_data_func ("/sync/conflict-copy/nextcloud-at-start", GINT_TO_POINTER (NEXTCLOUD),
                        test_conflict_copy_at_start);
  g_test_add_data_func ("/sync/conflict-copy/syncthing-own-aside", GINT_TO_POINTER (SYNCTHING),
                        test_own_version_aside);
  g_test_add_data_func ("/sync/conflict-copy/nextcloud-own-aside", GINT_TO_POINTER (NEXTCLOUD),
                        test_own_version_aside);
  g_test_add_func ("/sync/conflict-copy/damaged", test_damaged_copy_left);
  g_test_add_func ("/sync/conflict-copy/unknown-original", test_copy_of_unknown_original);
  g_test_add_func ("/sync/conflict-copy/people", test_people_copy);
  g_test_add_func ("/sync/version-after-save-under-way", test_version_after_save_under_way);
  g_test_add_func ("/sync/conflict-copy/deleted-while-merged", test_deleted_with_copy_merged);
  g_test_add_func ("/sync/deleted-while-saving", test_deleted_while_saving);
  g_test_add_func ("/sync/two-journals", test_two_journals);
  g_test_add_func ("/sync/watched", test_watched);

  return g_test_run ();
}
