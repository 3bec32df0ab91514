/* test-choose.c — a sync tool's conflict copy that cannot be merged:
 * the copy cannot be read, is not a conversation, is another one, or
 * its original cannot be read. Each is listed as a conflict, the two
 * versions are compared, and one is kept: the journal's file is the one
 * kept, the other is kept beside it, the copy goes; never over a file
 * that changed since the two were read.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "core-util.h"
#include "file-util.h"
#include "sync-util.h"

/* Helpers */

static GFile *
conversation_file (const char *id)
{
  g_autoptr(GFile) dir = journal_dir ();
  g_autofree char *name = g_strconcat (id, ".json", NULL);

  return g_file_new_build_filename (g_file_peek_path (dir), "conversations", name, NULL);
}

static GFile *
copy_file (const char *id)
{
  g_autoptr(GFile) dir = journal_dir ();
  g_autofree char *name = g_strconcat (id, ".sync-conflict-20261205-101010-ABCDEFG.json", NULL);

  return g_file_new_build_filename (g_file_peek_path (dir), g_str_equal (id, "people") ? "" : "conversations",
                                    name, NULL);
}

static GFile *
people_file (void)
{
  g_autoptr(GFile) dir = journal_dir ();

  return g_file_get_child (dir, "people.json");
}

static GBytes *
contents (GFile *file)
{
  return g_file_load_bytes (file, NULL, NULL, NULL);
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
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (timeout);
}

/* The journal, read, looking at its folder only when the test says. */
static MbJournal *
open_quiet_journal (void)
{
  MbJournal *journal = open_journal ();

  _mb_journal_set_watching (journal, FALSE);
  return journal;
}

/* A journal with Sanne and one conversation with her, saved. */
static MbJournal *
make_journal (MbConversation **conversation)
{
  MbJournal *journal = open_quiet_journal ();
  g_autoptr(MbScript) script = load_script ("full.json");
  MbPerson *sanne = mb_journal_add_person (journal, "Sanne", "Designer");

  *conversation = mb_conversation_new (mb_person_get_id (sanne), script, NULL);
  mb_conversation_set_text (*conversation, MB_TEXT_PREPARATION_NOTES, NULL, "Written here.\n");
  mb_journal_add_conversation (journal, *conversation);
  g_assert_true (mb_journal_flush (journal));
  return journal;
}

/* @conversation as another device changed it. */
static GBytes *
changed_there (MbConversation *conversation)
{
  g_autoptr(GBytes) bytes = mb_conversation_to_bytes (conversation);
  g_autoptr(GHashTable) copies = mb_script_copies_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MbConversation) there = NULL;

  mb_script_copies_add (copies, mb_conversation_get_script (conversation));
  there = mb_conversation_new_from_bytes (bytes, "there", copies, &error);
  g_assert_no_error (error);
  mb_conversation_set_text (there, MB_TEXT_PREPARATION_NOTES, NULL, "Written there.\n");
  return mb_conversation_to_bytes (there);
}

/* The problem about @file, which must be listed. */
static MbProblem *
problem_about (MbJournal *journal,
               GFile     *file)
{
  GListModel *problems = mb_journal_get_problems (journal);

  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(MbProblem) problem = g_list_model_get_item (problems, i);

      if (g_file_equal (mb_problem_get_file (problem), file))
        return problem;
    }
  g_error ("%s is not listed", g_file_peek_path (file));
  return NULL;
}

static guint
n_problems (MbJournal *journal)
{
  return g_list_model_get_n_items (mb_journal_get_problems (journal));
}

/* The conflict of @copy, whose original is @original. */
static MbProblem *
conflict_about (MbJournal *journal,
                GFile     *file,
                GFile     *original,
                GFile     *copy)
{
  MbProblem *problem = problem_about (journal, file);

  g_assert_true (mb_problem_is_conflict (problem));
  g_assert_true (g_file_equal (mb_problem_get_original (problem), original));
  g_assert_true (g_file_equal (mb_problem_get_copy (problem), copy));
  return problem;
}

static void
async_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static MbVersions *
compare (MbJournal *journal,
         MbProblem *problem)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MbVersions *versions;

  mb_journal_compare_async (journal, problem, NULL, async_done_cb, &result);
  versions = mb_journal_compare_finish (journal, wait_for_result (&result), &error);
  g_assert_no_error (error);
  return versions;
}

static gboolean
choose (MbJournal      *journal,
        MbVersions     *versions,
        MbVersionSide   side,
        GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mb_journal_choose_async (journal, versions, side, NULL, async_done_cb, &result);
  return mb_journal_choose_finish (journal, wait_for_result (&result), error);
}

/* @bytes are kept beside @file, readable by their owner only. */
static void
assert_kept (GFile  *file,
             GBytes *bytes)
{
  g_autoptr(GFile) kept = kept_file (file, bytes);
  g_autoptr(GBytes) there = contents (kept);
  GStatBuf buf;

  g_assert_nonnull (there);
  g_assert_true (g_bytes_equal (there, bytes));
  g_assert_cmpint (g_stat (g_file_peek_path (kept), &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0600);
}

/* The names in conversations/, but the scripts' folder, sorted. */
static char *
list_conversations_folder (void)
{
  g_autoptr(GFile) dir = journal_dir ();
  g_autofree char *path = g_build_filename (g_file_peek_path (dir), "conversations", NULL);
  g_autoptr(GDir) listing = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      if (!g_str_equal (name, "scripts"))
        g_ptr_array_add (names, (char *) name);
    }
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* A copy that cannot be merged into the conversation the journal holds */

typedef enum
{
  CUT_SHORT,    /* synced half-way */
  NOT_JSON,
  NOT_A_CONVERSATION,
  ANOTHER_ONE,  /* a conversation with another id */
} Damage;

static GBytes *
damaged_copy (MbConversation *conversation,
              Damage          damage)
{
  g_autoptr(GBytes) there = changed_there (conversation);
  g_autoptr(MbScript) script = load_script ("minimal.json");
  g_autoptr(MbConversation) other = NULL;
  const char *text;

  switch (damage)
    {
    case CUT_SHORT:
      return g_bytes_new_from_bytes (there, 0, g_bytes_get_size (there) / 2);
    case NOT_JSON:
      text = "Dear diary,\n\tnot JSON at all.\n";
      return g_bytes_new (text, strlen (text));
    case NOT_A_CONVERSATION:
      text = "{ \"format\": \"marbles-people\", \"version\": 1, \"people\": [] }";
      return g_bytes_new (text, strlen (text));
    case ANOTHER_ONE:
      other = mb_conversation_new (mb_conversation_get_person_id (conversation), script, NULL);
      mb_conversation_set_text (other, MB_TEXT_PREPARATION_NOTES, NULL, "Another conversation.\n");
      return mb_conversation_to_bytes (other);
    }
  g_assert_not_reached ();
}

/* Each is listed as a conflict with the conversation, which stays as it
 * was; the journal's version is kept, the copy beside it.
 */
static void
test_copy_kept_aside (gconstpointer data)
{
  g_autoptr(MbConversation) here = NULL;
  g_autoptr(MbJournal) journal = make_journal (&here);
  const char *id = mb_conversation_get_id (here);
  g_autoptr(GFile) file = conversation_file (id);
  g_autoptr(GFile) copy = copy_file (id);
  g_autoptr(GBytes) before = contents (file);
  g_autoptr(GBytes) damaged = damaged_copy (here, GPOINTER_TO_INT (data));
  g_autoptr(MbVersions) versions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  MbProblem *problem;

  deliver (copy, damaged);
  rescan (journal);
  wait_until_saved (journal);

  g_assert_cmpuint (n_problems (journal), ==, 1);
  problem = conflict_about (journal, copy, file, copy);
  g_assert_cmpstr (mb_conversation_get_text (here, MB_TEXT_PREPARATION_NOTES, NULL), ==, "Written here.\n");
  g_assert_true (file_is (file, before));

  versions = compare (journal, problem);
  g_assert_false (mb_versions_is_people (versions));
  g_assert_true (g_file_equal (mb_versions_get_file (versions, MB_VERSION_JOURNAL), file));
  g_assert_true (g_file_equal (mb_versions_get_file (versions, MB_VERSION_COPY), copy));
  g_assert_true (mb_versions_can_choose (versions, MB_VERSION_JOURNAL));
  g_assert_false (mb_versions_can_choose (versions, MB_VERSION_COPY));
  g_assert_null (mb_versions_get_reason (versions, MB_VERSION_JOURNAL));
  g_assert_nonnull (mb_versions_get_reason (versions, MB_VERSION_COPY));
  g_assert_nonnull (mb_versions_get_modified (versions, MB_VERSION_COPY));
  g_assert_null (mb_versions_get_conversation (versions, MB_VERSION_COPY));
  g_assert_cmpstr (mb_conversation_get_text (mb_versions_get_conversation (versions, MB_VERSION_JOURNAL),
                                             MB_TEXT_PREPARATION_NOTES, NULL), ==, "Written here.\n");
  text = mb_versions_dup_text (versions, MB_VERSION_COPY, NULL);
  g_assert_cmpmem (text, strlen (text), g_bytes_get_data (damaged, NULL), g_bytes_get_size (damaged));

  /* What cannot be read cannot be kept. */
  g_assert_false (choose (journal, versions, MB_VERSION_COPY, &error));
  g_assert_error (error, MB_JOURNAL_ERROR, MB_JOURNAL_ERROR_CANNOT_KEEP);
  g_assert_true (g_file_query_exists (copy, NULL));

  g_assert_true (choose (journal, versions, MB_VERSION_JOURNAL, NULL));
  wait_until_saved (journal);
  g_assert_true (file_is (file, before));
  g_assert_false (g_file_query_exists (copy, NULL));
  assert_kept (file, damaged);
  g_assert_cmpuint (n_problems (journal), ==, 0);
  g_assert_cmpstr (mb_conversation_get_text (here, MB_TEXT_PREPARATION_NOTES, NULL), ==, "Written here.\n");

  /* The version kept aside is not read as a conversation. */
  rescan (journal);
  g_clear_object (&journal);
  journal = open_quiet_journal ();
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_conversations (journal)), ==, 1);
  g_assert_cmpuint (n_problems (journal), ==, 0);
}

/* The journal's own file cannot be read */

/* Sanne's conversation, with its file damaged while Marbles was closed
 * and a copy of the other device's version beside it: the journal, read
 * again, holds neither.
 */
typedef struct
{
  char      *id;
  GBytes    *damaged;  /* the journal's file */
  GBytes    *theirs;   /* the copy */
  GFile     *file;
  GFile     *copy;
  MbJournal *journal;
} Damaged;

static void
damaged_set_up (Damaged       *fixture,
                gconstpointer  data)
{
  g_autoptr(MbConversation) here = NULL;
  g_autoptr(MbJournal) first = make_journal (&here);
  const char *text = "{ \"format\": \"marbles-conversation\", \"version\": 2, \"id\": ";

  fixture->id = g_strdup (mb_conversation_get_id (here));
  fixture->damaged = g_bytes_new (text, strlen (text));
  fixture->theirs = changed_there (here);
  fixture->file = conversation_file (fixture->id);
  fixture->copy = copy_file (fixture->id);
  g_clear_object (&first);
  deliver (fixture->file, fixture->damaged);
  deliver (fixture->copy, fixture->theirs);
  fixture->journal = open_quiet_journal ();
}

static void
damaged_tear_down (Damaged       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->journal);
  g_free (fixture->id);
  g_bytes_unref (fixture->damaged);
  g_bytes_unref (fixture->theirs);
  g_object_unref (fixture->file);
  g_object_unref (fixture->copy);
}

/* Before, the copy became the conversation, and every save of it failed
 * on the damaged file. Now both are listed, to compare; the damaged file
 * cannot be kept, the copy can; kept, it is the conversation, the
 * damaged file is kept beside it.
 */
static void
test_damaged_original (Damaged       *fixture,
                       gconstpointer  data)
{
  MbJournal *journal = fixture->journal;
  GFile *file = fixture->file;
  GFile *copy = fixture->copy;
  const char *id = fixture->id;
  g_autoptr(MbVersions) versions = NULL;
  g_autoptr(MbVersions) same = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  MbConversation *conversation;

  g_assert_cmpuint (n_problems (journal), ==, 1);
  rescan (journal);
  wait_until_saved (journal);
  g_assert_null (mb_journal_lookup_conversation (journal, id));
  g_assert_cmpuint (n_problems (journal), ==, 2);
  conflict_about (journal, file, file, copy);
  g_assert_true (file_is (file, fixture->damaged));
  g_assert_true (file_is (copy, fixture->theirs));

  /* Both rows compare the same two. */
  versions = compare (journal, conflict_about (journal, copy, file, copy));
  same = compare (journal, problem_about (journal, file));
  g_assert_false (mb_versions_can_choose (versions, MB_VERSION_JOURNAL));
  g_assert_true (mb_versions_can_choose (versions, MB_VERSION_COPY));
  g_assert_nonnull (mb_versions_get_reason (versions, MB_VERSION_JOURNAL));
  g_assert_nonnull (strstr (mb_versions_get_reason (versions, MB_VERSION_JOURNAL), id));
  text = mb_versions_dup_text (same, MB_VERSION_JOURNAL, NULL);
  g_assert_cmpmem (text, strlen (text), g_bytes_get_data (fixture->damaged, NULL), g_bytes_get_size (fixture->damaged));
  g_assert_cmpstr (mb_conversation_get_text (mb_versions_get_conversation (versions, MB_VERSION_COPY),
                                             MB_TEXT_PREPARATION_NOTES, NULL), ==, "Written there.\n");

  g_assert_false (choose (journal, versions, MB_VERSION_JOURNAL, &error));
  g_assert_error (error, MB_JOURNAL_ERROR, MB_JOURNAL_ERROR_CANNOT_KEEP);
  g_assert_true (file_is (file, fixture->damaged));

  g_assert_true (choose (journal, versions, MB_VERSION_COPY, NULL));
  wait_until_saved (journal);
  conversation = mb_journal_lookup_conversation (journal, id);
  g_assert_nonnull (conversation);
  g_assert_cmpstr (mb_conversation_get_text (conversation, MB_TEXT_PREPARATION_NOTES, NULL), ==,
                   "Written there.\n");
  g_assert_true (holds (file, "Written there."));
  g_assert_false (g_file_query_exists (copy, NULL));
  assert_kept (file, fixture->damaged);
  g_assert_cmpuint (n_problems (journal), ==, 0);
  g_assert_cmpint (mb_journal_get_save_state (journal, G_OBJECT (conversation)), ==, MB_SAVE_STATE_SAVED);

  g_clear_object (&fixture->journal);
  fixture->journal = open_quiet_journal ();
  g_assert_nonnull (mb_journal_lookup_conversation (fixture->journal, id));
  g_assert_cmpuint (n_problems (fixture->journal), ==, 0);
}

/* The damaged file was only half synced: once the whole of it is there,
 * it is read, and the copy merged into it as any copy is.
 */
static void
test_original_arrives (Damaged       *fixture,
                       gconstpointer  data)
{
  MbJournal *journal = fixture->journal;
  GFile *file = fixture->file;
  GFile *copy = fixture->copy;
  const char *id = fixture->id;
  g_autofree char *text = g_strndup (g_bytes_get_data (fixture->theirs, NULL), g_bytes_get_size (fixture->theirs));
  g_auto(GStrv) parts = g_strsplit (text, "Written there.", -1);
  g_autofree char *made_from = g_strjoinv ("Written here.", parts);
  g_autoptr(GBytes) whole = g_bytes_new (made_from, strlen (made_from));
  MbConversation *conversation;

  rescan (journal);
  g_assert_cmpuint (n_problems (journal), ==, 2);

  /* The whole file is the version the copy was made from. */
  deliver (file, whole);
  rescan (journal);
  rescan (journal);
  wait_until_saved (journal);

  conversation = mb_journal_lookup_conversation (journal, id);
  g_assert_nonnull (conversation);
  g_assert_cmpuint (n_problems (journal), ==, 0);
  g_assert_false (g_file_query_exists (copy, NULL));
  g_assert_cmpstr (mb_conversation_get_text (conversation, MB_TEXT_PREPARATION_NOTES, NULL), ==,
                   "Written there.\n");
  g_assert_true (holds (file, "Written there."));
}

/* The copy was deleted (by hand, or by a Marbles on another device that
 * merged it): its conflict leaves the list, and the damaged file stays
 * listed as one.
 */
static void
test_copy_gone (Damaged       *fixture,
                gconstpointer  data)
{
  MbJournal *journal = fixture->journal;
  GFile *file = fixture->file;
  GFile *copy = fixture->copy;
  MbProblem *problem;

  rescan (journal);
  g_assert_cmpuint (n_problems (journal), ==, 2);
  g_assert_true (g_file_delete (copy, NULL, NULL));
  rescan (journal);
  g_assert_cmpuint (n_problems (journal), ==, 1);
  problem = problem_about (journal, file);
  g_assert_false (mb_problem_is_conflict (problem));
  g_assert_true (file_is (file, fixture->damaged));
}

/* Looking again lists nothing again, and leaves the rows as they are. */
static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *count)
{
  (*count)++;
}

static void
test_listed_once (Damaged       *fixture,
                  gconstpointer  data)
{
  MbJournal *journal = fixture->journal;
  GFile *file = fixture->file;
  guint changes = 0;

  rescan (journal);
  g_assert_cmpuint (n_problems (journal), ==, 2);
  /* Delivered again, the fixture->damaged file is read at every look from now on. */
  deliver (file, fixture->damaged);
  g_signal_connect (mb_journal_get_problems (journal), "items-changed", G_CALLBACK (items_changed_cb), &changes);
  rescan (journal);
  rescan (journal);
  rescan (journal);
  g_assert_cmpuint (n_problems (journal), ==, 2);
  g_assert_cmpuint (changes, ==, 0);
}

/* Changed since shown */

/* A file that changed between reading the two and choosing is not
 * written over; read again, the choice is made.
 */
static void
test_changed_meanwhile (void)
{
  g_autoptr(MbConversation) here = NULL;
  g_autoptr(MbJournal) journal = make_journal (&here);
  const char *id = mb_conversation_get_id (here);
  g_autoptr(GFile) file = conversation_file (id);
  g_autoptr(GFile) copy = copy_file (id);
  g_autoptr(GBytes) damaged = damaged_copy (here, CUT_SHORT);
  g_autoptr(GBytes) other = damaged_copy (here, NOT_JSON);
  g_autoptr(MbVersions) versions = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) kept = kept_file (file, damaged);
  g_autoptr(GFile) other_kept = kept_file (file, other);

  deliver (copy, damaged);
  rescan (journal);
  versions = compare (journal, conflict_about (journal, copy, file, copy));

  /* The copy changed. */
  deliver (copy, other);
  g_assert_false (choose (journal, versions, MB_VERSION_JOURNAL, &error));
  g_assert_error (error, MB_JOURNAL_ERROR, MB_JOURNAL_ERROR_CHANGED);
  g_clear_error (&error);
  g_assert_true (file_is (copy, other));
  g_assert_false (g_file_query_exists (kept, NULL));
  g_assert_false (g_file_query_exists (other_kept, NULL));

  /* The conversation changed here. */
  rescan (journal);
  g_clear_object (&versions);
  versions = compare (journal, conflict_about (journal, copy, file, copy));
  mb_conversation_set_text (here, MB_TEXT_STEP_NOTES, "open", "Typed meanwhile.\n");
  g_assert_false (choose (journal, versions, MB_VERSION_JOURNAL, &error));
  g_assert_error (error, MB_JOURNAL_ERROR, MB_JOURNAL_ERROR_CHANGED);
  g_clear_error (&error);
  g_assert_true (g_file_query_exists (copy, NULL));
  g_assert_false (g_file_query_exists (other_kept, NULL));

  /* Read again, it is chosen. */
  wait_until_saved (journal);
  g_clear_object (&versions);
  versions = compare (journal, conflict_about (journal, copy, file, copy));
  g_assert_true (choose (journal, versions, MB_VERSION_JOURNAL, NULL));
  assert_kept (file, other);
  g_assert_false (g_file_query_exists (copy, NULL));
  g_assert_true (holds (file, "Typed meanwhile."));
}

/* The journal's damaged file changed before the copy was chosen: the
 * copy is not written over it.
 */
static void
test_damaged_original_changed (Damaged       *fixture,
                               gconstpointer  data)
{
  MbJournal *journal = fixture->journal;
  GFile *file = fixture->file;
  GFile *copy = fixture->copy;
  const char *id = fixture->id;
  g_autoptr(GBytes) worse = g_bytes_new_static ("{", 1);
  g_autoptr(MbVersions) versions = NULL;
  g_autoptr(GError) error = NULL;

  rescan (journal);
  versions = compare (journal, conflict_about (journal, copy, file, copy));
  deliver (file, worse);
  g_assert_false (choose (journal, versions, MB_VERSION_COPY, &error));
  g_assert_error (error, MB_JOURNAL_ERROR, MB_JOURNAL_ERROR_CHANGED);
  g_assert_true (file_is (file, worse));
  g_assert_true (g_file_query_exists (copy, NULL));
  g_assert_null (mb_journal_lookup_conversation (journal, id));
}

/* Keeping the copy of a conversation the journal holds */

static void
text_replaced_cb (MbConversation *conversation,
                  int             kind,
                  const char     *key,
                  guint          *count)
{
  (*count)++;
}

/* A copy that can be read, compared with the conversation the journal
 * holds (as the list would show one the journal could not merge): kept,
 * the open conversation takes it in, and its own version is kept aside.
 */
static void
test_copy_kept_over_held (void)
{
  g_autoptr(MbConversation) here = NULL;
  g_autoptr(MbJournal) journal = make_journal (&here);
  const char *id = mb_conversation_get_id (here);
  g_autoptr(GFile) file = conversation_file (id);
  g_autoptr(GFile) copy = copy_file (id);
  g_autoptr(GBytes) ours = mb_conversation_to_bytes (here);
  g_autoptr(GBytes) theirs = changed_there (here);
  g_autoptr(MbProblem) problem = mb_problem_new_conflict (copy, "Compare these", file, copy);
  g_autoptr(MbVersions) versions = NULL;
  guint replaced = 0;

  deliver (copy, theirs);
  versions = compare (journal, problem);
  g_assert_true (mb_versions_can_choose (versions, MB_VERSION_JOURNAL));
  g_assert_true (mb_versions_can_choose (versions, MB_VERSION_COPY));

  g_signal_connect (here, "text-replaced", G_CALLBACK (text_replaced_cb), &replaced);
  g_assert_true (choose (journal, versions, MB_VERSION_COPY, NULL));
  g_assert_cmpuint (replaced, ==, 1);
  g_assert_cmpstr (mb_conversation_get_text (here, MB_TEXT_PREPARATION_NOTES, NULL), ==, "Written there.\n");
  wait_until_saved (journal);
  g_assert_true (holds (file, "Written there."));
  g_assert_false (holds (file, "Written here."));
  g_assert_false (g_file_query_exists (copy, NULL));
  assert_kept (file, ours);
}

/* What is kept aside goes with the conversation */

static void
test_deleted_with_conversation (void)
{
  g_autoptr(MbConversation) here = NULL;
  g_autoptr(MbJournal) journal = make_journal (&here);
  const char *id = mb_conversation_get_id (here);
  g_autoptr(GFile) file = conversation_file (id);
  g_autoptr(GFile) copy = copy_file (id);
  g_autoptr(GBytes) damaged = damaged_copy (here, CUT_SHORT);
  g_autoptr(GFile) kept = kept_file (file, damaged);
  g_autoptr(MbVersions) versions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *left = NULL;

  deliver (copy, damaged);
  rescan (journal);
  versions = compare (journal, conflict_about (journal, copy, file, copy));
  g_assert_true (choose (journal, versions, MB_VERSION_JOURNAL, NULL));
  g_assert_true (g_file_query_exists (kept, NULL));

  g_assert_true (mb_journal_delete_conversation (journal, here, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_query_exists (kept, NULL));
  g_assert_false (g_file_query_exists (file, NULL));
  left = list_conversations_folder ();
  g_assert_cmpstr (left, ==, "");
}

/* Forgetting Sanne leaves nothing kept aside: neither the damaged file
 * (which does not name her) beside her conversation, nor a version of
 * people.json not chosen.
 */
static void
test_forgotten (Damaged       *fixture,
                gconstpointer  data)
{
  MbJournal *journal = fixture->journal;
  GFile *file = fixture->file;
  GFile *copy = fixture->copy;
  g_autoptr(GFile) people = people_file ();
  g_autoptr(GFile) people_copy = copy_file ("people");
  g_autoptr(GBytes) people_bytes = contents (people);
  g_autoptr(GBytes) people_damaged = NULL;
  g_autoptr(GFile) people_kept = NULL;
  g_autoptr(MbVersions) versions = NULL;
  g_autoptr(MbPerson) sanne = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *left = NULL;

  rescan (journal);
  versions = compare (journal, conflict_about (journal, copy, file, copy));
  g_assert_true (choose (journal, versions, MB_VERSION_COPY, NULL));
  wait_until_saved (journal);
  assert_kept (file, fixture->damaged);

  /* A copy of people.json with something after its end. */
  text = g_strdup_printf ("%.*s}", (int) g_bytes_get_size (people_bytes),
                          (const char *) g_bytes_get_data (people_bytes, NULL));
  people_damaged = g_bytes_new (text, strlen (text));
  deliver (people_copy, people_damaged);
  rescan (journal);
  g_clear_object (&versions);
  versions = compare (journal, conflict_about (journal, people_copy, people, people_copy));
  g_assert_true (choose (journal, versions, MB_VERSION_JOURNAL, NULL));
  people_kept = kept_file (people, people_damaged);
  assert_kept (people, people_damaged);

  sanne = g_list_model_get_item (mb_journal_get_people (journal), 0);
  g_assert_true (mb_journal_forget_person (journal, sanne, &error));
  g_assert_no_error (error);
  left = list_conversations_folder ();
  g_assert_cmpstr (left, ==, "");
  g_assert_false (g_file_query_exists (people_kept, NULL));
}

/* people.json */

/* A copy of people.json that cannot be read: the journal's people are
 * kept, the copy beside them.
 */
static void
test_people_copy_unreadable (void)
{
  g_autoptr(MbConversation) here = NULL;
  g_autoptr(MbJournal) journal = make_journal (&here);
  g_autoptr(GFile) people = people_file ();
  g_autoptr(GFile) copy = copy_file ("people");
  g_autoptr(GBytes) before = contents (people);
  g_autoptr(GBytes) half = g_bytes_new_from_bytes (before, 0, g_bytes_get_size (before) / 2);
  g_autoptr(MbVersions) versions = NULL;
  GPtrArray *listed;

  deliver (copy, half);
  rescan (journal);
  wait_until_saved (journal);
  versions = compare (journal, conflict_about (journal, copy, people, copy));
  g_assert_true (mb_versions_is_people (versions));
  listed = mb_versions_get_people (versions, MB_VERSION_JOURNAL);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpstr (mb_person_get_name (g_ptr_array_index (listed, 0)), ==, "Sanne");
  g_assert_null (mb_versions_get_people (versions, MB_VERSION_COPY));
  g_assert_false (mb_versions_can_choose (versions, MB_VERSION_COPY));

  g_assert_true (choose (journal, versions, MB_VERSION_JOURNAL, NULL));
  wait_until_saved (journal);
  g_assert_true (file_is (people, before));
  g_assert_false (g_file_query_exists (copy, NULL));
  assert_kept (people, half);
  g_assert_cmpuint (n_problems (journal), ==, 0);
}

/* people.json cannot be read and a copy of it can: before, the copy was
 * merged and written over the damaged file; now the user chooses.
 */
static void
test_people_damaged (void)
{
  g_autoptr(MbConversation) here = NULL;
  g_autoptr(MbJournal) journal = make_journal (&here);
  g_autoptr(GFile) people = people_file ();
  g_autoptr(GFile) copy = copy_file ("people");
  g_autoptr(GBytes) good = contents (people);
  g_autoptr(GBytes) damaged = g_bytes_new_static ("{ \"format\": \"marbles-people\", ", 30);
  g_autoptr(MbVersions) versions = NULL;

  g_clear_object (&journal);
  deliver (people, damaged);
  deliver (copy, good);
  journal = open_quiet_journal ();
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_people (journal)), ==, 0);
  rescan (journal);
  wait_until_saved (journal);
  g_assert_true (file_is (people, damaged));
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_people (journal)), ==, 0);
  g_assert_cmpuint (n_problems (journal), ==, 2);

  versions = compare (journal, conflict_about (journal, people, people, copy));
  g_assert_false (mb_versions_can_choose (versions, MB_VERSION_JOURNAL));
  g_assert_true (mb_versions_can_choose (versions, MB_VERSION_COPY));
  g_assert_true (choose (journal, versions, MB_VERSION_COPY, NULL));
  wait_until_saved (journal);
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_people (journal)), ==, 1);
  g_assert_true (holds (people, "Sanne"));
  g_assert_false (g_file_query_exists (copy, NULL));
  assert_kept (people, damaged);
  g_assert_cmpuint (n_problems (journal), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_data_func ("/choose/copy/cut-short", GINT_TO_POINTER (CUT_SHORT), test_copy_kept_aside);
  g_test_add_data_func ("/choose/copy/not-json", GINT_TO_POINTER (NOT_JSON), test_copy_kept_aside);
  g_test_add_data_func ("/choose/copy/not-a-conversation", GINT_TO_POINTER (NOT_A_CONVERSATION),
                        test_copy_kept_aside);
  g_test_add_data_func ("/choose/copy/another-one", GINT_TO_POINTER (ANOTHER_ONE), test_copy_kept_aside);
  g_test_add ("/choose/damaged-original", Damaged, NULL, damaged_set_up, test_damaged_original, damaged_tear_down);
  g_test_add ("/choose/damaged-original/arrives", Damaged, NULL, damaged_set_up, test_original_arrives, damaged_tear_down);
  g_test_add ("/choose/damaged-original/changed", Damaged, NULL, damaged_set_up, test_damaged_original_changed, damaged_tear_down);
  g_test_add ("/choose/damaged-original/copy-gone", Damaged, NULL, damaged_set_up, test_copy_gone, damaged_tear_down);
  g_test_add ("/choose/damaged-original/listed-once", Damaged, NULL, damaged_set_up, test_listed_once, damaged_tear_down);
  g_test_add_func ("/choose/changed-meanwhile", test_changed_meanwhile);
  g_test_add_func ("/choose/copy-over-held", test_copy_kept_over_held);
  g_test_add_func ("/choose/deleted-with-conversation", test_deleted_with_conversation);
  g_test_add ("/choose/forgotten", Damaged, NULL, damaged_set_up, test_forgotten, damaged_tear_down);
  g_test_add_func ("/choose/people/copy-unreadable", test_people_copy_unreadable);
  g_test_add_func ("/choose/people/damaged", test_people_damaged);

  return g_test_run ();
}
