/* test-sync.c — the sync simulation: two or three journals (the real
 * MbJournal, as the app uses it), each on its own copy of a folder,
 * make a few hundred random edits, while a simulated sync tool copies
 * files between the folders at random moments as Syncthing does,
 * making Syncthing- and Nextcloud-style conflict copies when both sides
 * changed a file, and delivering files while a journal has edits to
 * them that are not saved yet. Once everything is synced and quiet, all
 * folders must be the same, no conflict copy left, and every edit made
 * present (a text changed on both sides: both parts; a status set on
 * both: the later one, the other in the agreement's history).
 *
 * Seeds: `--seeds FIRST-LAST` (or MB_SYNC_SEEDS=FIRST-LAST), else the
 * range the meson test gives; a seed that once failed goes in
 * regression_seeds[] below. Totals are printed at the end.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sync-sim.h"

/* Seeds that failed once, each a fixed case from now on. */
static const guint regression_seeds[] = { 0, 14, 505 };

/* Journals */

static void
merged_cb (MbJournal *journal,
           GObject   *object,
           guint      n_both_changed,
           gpointer   data)
{
  totals.both_changed += n_both_changed;
}

/* Whether @journal has a save under way: the simulated sync tool waits
 * for it, as a real one copies between two saves (see the closing note
 * of issue #12 on a file replaced between a save's check and its write).
 */
static gboolean
is_writing (MbJournal *journal)
{
  GHashTableIter iter;
  Saver *saver;

  g_hash_table_iter_init (&iter, journal->savers);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &saver))
    {
      if (saver->in_flight)
        return TRUE;
    }
  return FALSE;
}

static void
wait_for_writes (MbJournal *journal)
{
  while (is_writing (journal))
    g_main_context_iteration (NULL, TRUE);
}

static gint64
standing_clock (void)
{
  return G_USEC_PER_SEC;
}

static const MbSaveTiming never_by_itself = { G_MAXINT, G_MAXINT, G_MAXINT, standing_clock };

static MbJournal *
load_journal (const char *dir)
{
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  MbJournal *journal = mb_journal_new (file);
  gboolean done = FALSE;

  /* The test looks and saves when it chooses, so that a seed runs the
   * same each time: no autosave comes by itself.
   */
  _mb_journal_set_watching (journal, FALSE);
  mb_journal_set_save_timing (journal, &never_by_itself);
  mb_journal_load_async (journal, NULL, journal_loaded_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_signal_connect (journal, "merged", G_CALLBACK (merged_cb), NULL);
  return journal;
}

/* A new token: a word that appears nowhere else. */
static char *
new_token (Sim        *sim,
           const char *belongs_to)
{
  char *token = g_strdup_printf ("tok%uq%u", sim->seed, sim->next_token++);

  g_hash_table_insert (sim->tokens, g_strdup (token), g_strdup (belongs_to));
  return token;
}

static gpointer
pick (Sim        *sim,
      GListModel *model)
{
  guint n = g_list_model_get_n_items (model);

  return n > 0 ? g_list_model_get_item (model, g_rand_int_range (sim->rand, 0, n)) : NULL;
}

/* Sanne and Ahmed, with a conversation each, on the first machine; the
 * others start with a copy of its folder.
 */
static void
make_start (Sim *sim)
{
  g_autoptr(MbJournal) first = load_journal (sim->dirs[0]);
  const char *names[] = { "Sanne", "Ahmed" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      MbPerson *person = mb_journal_add_person (first, names[i], NULL);
      g_autoptr(MbConversation) conversation = mb_conversation_new (mb_person_get_id (person), sim->script, NULL);

      mb_journal_add_conversation (first, conversation);
    }
  g_assert_true (mb_journal_flush (first));
}

/* Edits, through the public API, each with a token to find at the end */

static const struct
{
  MbTextKind  kind;
  const char *key;
} texts[] = {
  { MB_TEXT_PREPARATION_NOTES, NULL },
  { MB_TEXT_PREPARATION, "facts" },
  { MB_TEXT_STEP_NOTES, "open" },
  { MB_TEXT_STEP_NOTES, "close" },
  { MB_TEXT_REFLECTION, "listened" },
};

static char *
belonging_to (MbConversation *conversation)
{
  return g_strconcat ("c:", mb_conversation_get_id (conversation), NULL);
}

/* A line added at the end of a text: what typing does, in one go. */
static gboolean
edit_text (Sim            *sim,
           MbJournal      *journal,
           MbConversation *conversation)
{
  guint which = g_rand_int_range (sim->rand, 0, G_N_ELEMENTS (texts));
  g_autofree char *owner = belonging_to (conversation);
  g_autofree char *token = new_token (sim, owner);
  const char *old = mb_conversation_get_text (conversation, texts[which].kind, texts[which].key);
  g_autofree char *text = g_strconcat (old, token, "\n", NULL);

  trace ("edit text %s %d/%s += %s", mb_conversation_get_id (conversation), texts[which].kind,
         texts[which].key, token);
  mb_conversation_set_text (conversation, texts[which].kind, texts[which].key, text);
  return TRUE;
}

static gboolean
edit_agreement (Sim            *sim,
                MbJournal      *journal,
                MbConversation *conversation)
{
  g_autofree char *owner = belonging_to (conversation);
  g_autofree char *token = new_token (sim, owner);

  trace ("edit agreement %s %s", mb_conversation_get_id (conversation), token);
  mb_conversation_add_agreement (conversation, token, g_rand_int_range (sim->rand, 0, 3), NULL);
  return TRUE;
}

static gboolean
edit_status (Sim            *sim,
             MbJournal      *journal,
             MbConversation *conversation)
{
  g_autoptr(MbAgreement) agreement = pick (sim, mb_conversation_get_agreements (conversation));
  MbAgreementStatus status = g_rand_int_range (sim->rand, 0, 3);
  StatusSet *set;

  if (agreement == NULL)
    return FALSE;
  if (status == mb_agreement_get_status (agreement))
    return TRUE;

  mb_agreement_set_status (agreement, status);
  set = g_new0 (StatusSet, 1);
  set->conversation = g_strdup (mb_conversation_get_id (conversation));
  set->agreement = g_strdup (mb_agreement_get_id (agreement));
  set->status = status;
  set->changed = g_date_time_ref (mb_agreement_get_status_changed (agreement));
  g_ptr_array_add (sim->statuses, set);
  trace ("edit status %s %s %d", set->conversation, set->agreement, status);
  return TRUE;
}

static gboolean
edit_marble (Sim            *sim,
             MbJournal      *journal,
             MbConversation *conversation)
{
  g_autofree char *owner = belonging_to (conversation);
  g_autofree char *token = g_strdup_printf ("tok%uq%u", sim->seed, sim->next_token++);
  MbMarble *marble = mb_conversation_add_marble (conversation, g_rand_boolean (sim->rand), token);

  g_hash_table_insert (sim->tokens, g_strdup (token),
                       g_strconcat (owner, "|m:", mb_marble_get_id (marble), NULL));
  trace ("edit marble %s %s", mb_conversation_get_id (conversation), token);
  return TRUE;
}

static gboolean
edit_remove_marble (Sim            *sim,
                    MbJournal      *journal,
                    MbConversation *conversation)
{
  g_autoptr(MbMarble) marble = pick (sim, mb_conversation_get_marbles (conversation));

  if (marble == NULL)
    return FALSE;
  g_hash_table_add (sim->exempt, g_strconcat ("m:", mb_marble_get_id (marble), NULL));
  trace ("edit remove marble %s %s", mb_conversation_get_id (conversation), mb_marble_get_reason (marble));
  mb_conversation_remove_marble (conversation, marble);
  return TRUE;
}

static gboolean
edit_phase (Sim            *sim,
            MbJournal      *journal,
            MbConversation *conversation)
{
  mb_conversation_set_phase (conversation, g_rand_int_range (sim->rand, 0, 3));
  return TRUE;
}

static gboolean
edit_delete (Sim            *sim,
             MbJournal      *journal,
             MbConversation *conversation)
{
  g_autoptr(GError) error = NULL;

  g_hash_table_add (sim->exempt, belonging_to (conversation));
  trace ("edit delete %s", mb_conversation_get_id (conversation));
  g_assert_true (mb_journal_delete_conversation (journal, conversation, &error));
  g_assert_no_error (error);
  return TRUE;
}

typedef gboolean (*EditFunc) (Sim            *sim,
                              MbJournal      *journal,
                              MbConversation *conversation);

/* Edits of a conversation, with how often each comes. */
static const struct
{
  EditFunc edit;
  guint    weight;
} conversation_edits[] = {
  { edit_text, 40 },
  { edit_agreement, 10 },
  { edit_status, 8 },
  { edit_marble, 10 },
  { edit_remove_marble, 4 },
  { edit_phase, 4 },
  { edit_delete, 2 },
};

static gboolean
edit_conversation (Sim       *sim,
                   MbJournal *journal)
{
  g_autoptr(MbConversation) conversation = pick (sim, mb_journal_get_conversations (journal));
  guint total = 0;
  guint at;

  if (conversation == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (conversation_edits); i++)
    total += conversation_edits[i].weight;
  at = g_rand_int_range (sim->rand, 0, total);
  for (guint i = 0; i < G_N_ELEMENTS (conversation_edits); i++)
    {
      if (at < conversation_edits[i].weight)
        return conversation_edits[i].edit (sim, journal, conversation);
      at -= conversation_edits[i].weight;
    }
  g_assert_not_reached ();
}

static gboolean
edit_people (Sim       *sim,
             MbJournal *journal)
{
  g_autoptr(MbPerson) person = pick (sim, mb_journal_get_people (journal));
  g_autofree char *token = new_token (sim, "p");
  guint what = g_rand_int_range (sim->rand, 0, 3);

  if (what == 0 || person == NULL)
    {
      trace ("add person %s", token);
      mb_journal_add_person (journal, token, NULL);
    }
  else if (what == 1)
    {
      g_autofree char *name = g_strconcat (mb_person_get_name (person), " ", token, NULL);

      trace ("rename %s to %s", mb_person_get_id (person), name);
      mb_person_set_name (person, name);
    }
  else if (g_list_model_get_n_items (mb_journal_get_conversations (journal)) < MAX_CONVERSATIONS)
    {
      g_autoptr(MbConversation) conversation = mb_conversation_new (mb_person_get_id (person), sim->script, NULL);
      g_autofree char *owner = belonging_to (conversation);
      g_autofree char *text = g_strconcat (token, "\n", NULL);

      g_hash_table_replace (sim->tokens, g_strdup (token), g_strdup (owner));
      trace ("add conversation %s with %s", mb_conversation_get_id (conversation), token);
      mb_conversation_set_text (conversation, MB_TEXT_PREPARATION_NOTES, NULL, text);
      mb_journal_add_conversation (journal, conversation);
    }
  else
    {
      g_hash_table_remove (sim->tokens, token);
      return FALSE;
    }
  return TRUE;
}

static void
edit (Sim *sim)
{
  guint j = g_rand_int_range (sim->rand, 0, sim->n);
  MbJournal *journal = sim->journals[j];
  gboolean done;

  trace ("machine %u:", j);
  done = g_rand_int_range (sim->rand, 0, 10) < 8 ? edit_conversation (sim, journal) : edit_people (sim, journal);

  totals.edits += done;
}

/* Takes in, in each journal of @changed (bits), what the tool changed there. */
static void
look (Sim   *sim,
      guint  changed)
{
  for (guint i = 0; i < sim->n; i++)
    {
      if (changed & (1 << i))
        rescan (sim->journals[i]);
    }
}

/* One file from one machine to another, at a random moment. */
static void
deliver_one (Sim *sim)
{
  guint a = g_rand_int_range (sim->rand, 0, sim->n);
  guint b = (a + g_rand_int_range (sim->rand, 1, sim->n)) % sim->n;
  g_autoptr(GPtrArray) paths = NULL;

  wait_for_writes (sim->journals[a]);
  wait_for_writes (sim->journals[b]);
  paths = paths_between (sim, a, b);
  if (paths->len > 0)
    look (sim, sync_path (sim, a, b, g_ptr_array_index (paths, g_rand_int_range (sim->rand, 0, paths->len))));
}

/* Everything between two machines, both ways. Returns: the folders
 * changed, as bits
 */
static guint
sync_pair (Sim   *sim,
           guint  a,
           guint  b)
{
  g_autoptr(GPtrArray) paths = NULL;
  guint changed = 0;

  if (sim->journals[a] != NULL)
    wait_for_writes (sim->journals[a]);
  if (sim->journals[b] != NULL)
    wait_for_writes (sim->journals[b]);
  paths = paths_between (sim, a, b);
  for (guint i = 0; i < paths->len; i++)
    {
      changed |= sync_path (sim, a, b, g_ptr_array_index (paths, i));
      changed |= sync_path (sim, b, a, g_ptr_array_index (paths, i));
    }
  return changed;
}

static int
compare_objects (gconstpointer a,
                 gconstpointer b)
{
  GObject *x = *(GObject **) a;
  GObject *y = *(GObject **) b;

  return g_strcmp0 (MB_IS_CONVERSATION (x) ? mb_conversation_get_id (MB_CONVERSATION (x)) : "",
                    MB_IS_CONVERSATION (y) ? mb_conversation_get_id (MB_CONVERSATION (y)) : "");
}

/* Saves what a journal would save after the autosave delay, now. */
static void
save_some (Sim *sim)
{
  MbJournal *journal = sim->journals[g_rand_int_range (sim->rand, 0, sim->n)];
  g_autoptr(GPtrArray) unsaved = mb_journal_get_unsaved (journal);

  if (g_rand_int_range (sim->rand, 0, 4) == 0)
    {
      trace ("flush %s", strrchr (g_file_peek_path (mb_journal_get_dir (journal)), '/') + 1);
      g_assert_true (mb_journal_flush (journal));
      return;
    }
  trace ("save some of %s", strrchr (g_file_peek_path (mb_journal_get_dir (journal)), '/') + 1);
  /* In one order, whatever the journal's. */
  g_ptr_array_sort (unsaved, compare_objects);
  for (guint i = 0; i < unsaved->len; i++)
    {
      if (g_rand_boolean (sim->rand))
        mb_journal_save_now (journal, g_ptr_array_index (unsaved, i));
    }
}

static void
step (Sim *sim)
{
  guint what = g_rand_int_range (sim->rand, 0, 100);

  if (what < 60)
    edit (sim);
  else if (what < 85)
    deliver_one (sim);
  else if (what < 97)
    save_some (sim);
  else
    {
      guint a = g_rand_int_range (sim->rand, 0, sim->n);
      guint b = (a + g_rand_int_range (sim->rand, 1, sim->n)) % sim->n;

      look (sim, sync_pair (sim, a, b));
    }

  /* The saves started end before the next step, so that a seed runs
   * the same each time.
   */
  for (guint i = 0; i < sim->n; i++)
    wait_for_writes (sim->journals[i]);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* What keeps changing, when the folders do not settle. */
static void
describe_unsettled (Sim   *sim,
                    guint  changed)
{
  g_printerr ("Seed %u: folders changed: %x\n", sim->seed, changed);
  for (guint i = 0; i < sim->n; i++)
    {
      g_autoptr(GPtrArray) unsaved = mb_journal_get_unsaved (sim->journals[i]);

      for (guint k = 0; k < unsaved->len; k++)
        {
          GObject *object = g_ptr_array_index (unsaved, k);

          g_printerr ("  machine %u: %s unsaved, %d: %s\n", i,
                      MB_IS_CONVERSATION (object) ? mb_conversation_get_id (MB_CONVERSATION (object)) : "people",
                      mb_journal_get_save_state (sim->journals[i], object),
                      mb_journal_get_save_error (sim->journals[i], object));
        }
    }
}

/* Once the edits are done: every journal saves, and the tool syncs,
 * until nothing changes any more.
 */
static void
settle (Sim *sim)
{
  for (guint round = 0; round < 40; round++)
    {
      guint changed = 0;
      gboolean unsaved = FALSE;

      /* What the journals wrote or deleted, in the last round too. */
      for (guint i = 0; i < sim->n; i++)
        {
          g_assert_true (mb_journal_flush (sim->journals[i]));
          if (scan (sim, i) > 0)
            changed |= 1 << i;
        }
      for (guint a = 0; a < sim->n; a++)
        {
          for (guint b = a + 1; b < sim->n; b++)
            changed |= sync_pair (sim, a, b);
        }
      for (guint i = 0; i < sim->n; i++)
        {
          g_autoptr(GPtrArray) left = NULL;

          rescan (sim->journals[i]);
          left = mb_journal_get_unsaved (sim->journals[i]);
          unsaved |= left->len > 0;
        }
      if (changed == 0 && !unsaved)
        return;
      if (round >= 36)
        describe_unsettled (sim, changed);
    }
  g_error ("Seed %u: the folders did not settle", sim->seed);
}

/* The folders are the same, byte for byte, with no conflict copy left. */
static void
check_folders (Sim *sim)
{
  g_autoptr(GHashTable) first = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  const char *path;

  list_files (first, sim->dirs[0], "");
  for (guint i = 1; i < sim->n; i++)
    {
      g_autoptr(GHashTable) other = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      list_files (other, sim->dirs[i], "");
      g_hash_table_iter_init (&iter, other);
      while (g_hash_table_iter_next (&iter, (gpointer *) &path, NULL))
        {
          if (!g_hash_table_contains (first, path))
            g_error ("Seed %u: %s is on machine %u, not on machine 0", sim->seed, path, i);
        }
      g_assert_cmpuint (g_hash_table_size (other), ==, g_hash_table_size (first));
      g_hash_table_iter_init (&iter, first);
      while (g_hash_table_iter_next (&iter, (gpointer *) &path, NULL))
        {
          g_autofree char *hash_first = hash_file (sim->dirs[0], path);
          g_autofree char *hash_other = hash_file (sim->dirs[i], path);

          g_assert_cmpstr (hash_other, ==, hash_first);
        }
    }

  g_hash_table_iter_init (&iter, first);
  while (g_hash_table_iter_next (&iter, (gpointer *) &path, NULL))
    {
      g_autofree char *name = g_path_get_basename (path);

      if (is_copy_name (name))
        g_error ("Seed %u: a conflict copy is left: %s", sim->seed, path);
    }
}

static JsonNode *
parse (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (g_bytes_get_data (bytes, NULL), &error);

  g_assert_no_error (error);
  return node;
}

/* Each journal holds what its folder holds. */
static void
check_journal (Sim   *sim,
               guint  i)
{
  MbJournal *journal = sim->journals[i];
  GListModel *conversations = mb_journal_get_conversations (journal);
  g_autoptr(GHashTable) files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *dir = g_build_filename (sim->dirs[i], "conversations", NULL);
  g_autoptr(GBytes) people_here = _mb_journal_serialize_people (journal);
  g_autoptr(GBytes) people_there = read_file (sim->dirs[i], "people.json");
  g_autoptr(JsonNode) people_a = parse (people_here);
  g_autoptr(JsonNode) people_b = parse (people_there);
  GHashTableIter iter;
  const char *left;

  for (guint k = 0; k < g_list_model_get_n_items (mb_journal_get_problems (journal)); k++)
    {
      g_autoptr(MbProblem) problem = g_list_model_get_item (mb_journal_get_problems (journal), k);

      g_error ("Seed %u: machine %u lists a problem: %s", sim->seed, i, mb_problem_get_message (problem));
    }
  g_assert_true (json_node_equal (people_a, people_b));

  list_files (files, dir, "");
  for (guint k = 0; k < g_list_model_get_n_items (conversations); k++)
    {
      g_autoptr(MbConversation) conversation = g_list_model_get_item (conversations, k);
      g_autofree char *name = g_strconcat (mb_conversation_get_id (conversation), ".json", NULL);
      g_autofree char *path = g_strconcat ("conversations/", name, NULL);
      g_autoptr(GBytes) here = mb_conversation_to_bytes (conversation);
      g_autoptr(GBytes) there = read_file (sim->dirs[i], path);
      g_autoptr(JsonNode) a = parse (here);
      g_autoptr(JsonNode) b = NULL;

      g_assert_nonnull (there);
      b = parse (there);
      g_assert_true (json_node_equal (a, b));
      g_assert_true (g_hash_table_remove (files, name));
    }
  /* Left: the script copies, nothing else. */
  g_hash_table_iter_init (&iter, files);
  while (g_hash_table_iter_next (&iter, (gpointer *) &left, NULL))
    g_assert_true (g_str_has_prefix (left, "scripts/"));
}

/* Whether @token is in @text, as itself: "tok1q1" is not in "tok1q12". */
static gboolean
contains_token (const char *text,
                const char *token)
{
  for (const char *at = strstr (text, token); at != NULL; at = strstr (at + 1, token))
    {
      if (!g_ascii_isdigit (at[strlen (token)]))
        return TRUE;
    }
  return FALSE;
}

/* Every token of every edit is in the folder, unless what it was in
 * was deleted on purpose.
 */
static void
check_tokens (Sim *sim)
{
  g_autoptr(GHashTable) files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) all = g_string_new (NULL);
  GHashTableIter iter;
  const char *token;
  const char *owner;

  list_files (files, sim->dirs[0], "");
  g_hash_table_iter_init (&iter, files);
  while (g_hash_table_iter_next (&iter, (gpointer *) &token, NULL))
    {
      g_autoptr(GBytes) bytes = read_file (sim->dirs[0], token);

      g_string_append_len (all, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    }

  g_hash_table_iter_init (&iter, sim->tokens);
  while (g_hash_table_iter_next (&iter, (gpointer *) &token, (gpointer *) &owner))
    {
      g_auto(GStrv) owners = g_strsplit (owner, "|", -1);
      gboolean exempt = FALSE;

      for (guint i = 0; owners[i] != NULL; i++)
        exempt |= g_hash_table_contains (sim->exempt, owners[i]);
      if (exempt)
        continue;
      if (!contains_token (all->str, token))
        g_error ("Seed %u: %s (%s) was lost", sim->seed, token, owner);
    }
}

static MbAgreement *
lookup_agreement (MbConversation *conversation,
                  const char     *id)
{
  GListModel *agreements = mb_conversation_get_agreements (conversation);

  for (guint i = 0; i < g_list_model_get_n_items (agreements); i++)
    {
      g_autoptr(MbAgreement) agreement = g_list_model_get_item (agreements, i);

      if (g_str_equal (mb_agreement_get_id (agreement), id))
        return agreement;
    }
  return NULL;
}

/* Whether @agreement has, or had, @set's status since @set's time. */
static gboolean
has_status (MbAgreement *agreement,
            StatusSet   *set)
{
  GDateTime *changed = mb_agreement_get_status_changed (agreement);

  if (mb_agreement_get_status (agreement) == set->status && changed != NULL &&
      g_date_time_equal (changed, set->changed))
    return TRUE;

  for (guint i = 0; i < mb_agreement_get_n_history (agreement); i++)
    {
      g_autoptr(GDateTime) was_changed = NULL;
      MbAgreementStatus was;

      if (mb_agreement_get_history (agreement, i, &was, &was_changed) && was == set->status &&
          was_changed != NULL && g_date_time_equal (was_changed, set->changed))
        return TRUE;
    }
  return FALSE;
}

/* Every status an edit set is, with its time, the agreement's status or
 * in its history, wherever the other machines set theirs: the later
 * status wins a merge, and the other goes to the history.
 */
static void
check_statuses (Sim *sim)
{
  for (guint i = 0; i < sim->statuses->len; i++)
    {
      StatusSet *set = g_ptr_array_index (sim->statuses, i);
      g_autofree char *owner = g_strconcat ("c:", set->conversation, NULL);
      MbConversation *conversation = mb_journal_lookup_conversation (sim->journals[0], set->conversation);
      MbAgreement *agreement;

      if (g_hash_table_contains (sim->exempt, owner))
        continue;
      g_assert_nonnull (conversation);
      agreement = lookup_agreement (conversation, set->agreement);
      g_assert_nonnull (agreement);
      if (!has_status (agreement, set))
        g_error ("Seed %u: status %d of %s in %s was lost", sim->seed, set->status,
                 set->agreement, set->conversation);
      totals.statuses++;
    }
}

/* A run */

static void
sim_start (Sim   *sim,
           guint  seed)
{
  sim->seed = seed;
  sim->rand = g_rand_new_with_seed (seed);
  /* New ids come from GLib's generator: the same ones for the same seed. */
  g_random_set_seed (seed);
  sim->n = 2 + seed % 2;
  sim->root = make_root ();
  sim->script = load_script ("full.json");
  sim->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sim->exempt = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sim->statuses = g_ptr_array_new_with_free_func (status_set_free);
  for (guint i = 0; i < sim->n; i++)
    {
      sim->dirs[i] = g_strdup_printf ("%s/machine-%u", sim->root, i);
      sim->versions[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, version_free);
    }

  /* The first machine's journal, copied to the others before they start. */
  make_start (sim);
  for (guint i = 1; i < sim->n; i++)
    sync_pair (sim, 0, i);
  for (guint i = 0; i < sim->n; i++)
    sim->journals[i] = load_journal (sim->dirs[i]);
}

static void
sim_finish (Sim *sim)
{
  for (guint i = 0; i < sim->n; i++)
    {
      g_clear_object (&sim->journals[i]);
      g_free (sim->dirs[i]);
      g_hash_table_unref (sim->versions[i]);
    }
  /* Whatever the journals still had under way ends, before their folders go. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  remove_tree (sim->root);
  g_free (sim->root);
  g_object_unref (sim->script);
  g_hash_table_unref (sim->tokens);
  g_hash_table_unref (sim->exempt);
  g_ptr_array_unref (sim->statuses);
  g_rand_free (sim->rand);
}

static void
test_seed (gconstpointer data)
{
  Sim sim = { 0 };

  sim_start (&sim, GPOINTER_TO_UINT (data));
  for (guint i = 0; i < STEPS; i++)
    step (&sim);
  settle (&sim);

  check_folders (&sim);
  for (guint i = 0; i < sim.n; i++)
    check_journal (&sim, i);
  check_tokens (&sim);
  check_statuses (&sim);
  totals.seeds++;
  sim_finish (&sim);
}

/* FIRST-LAST, from --seeds or MB_SYNC_SEEDS. */
static gboolean
parse_seeds (const char *range,
             guint      *first,
             guint      *last)
{
  g_auto(GStrv) parts = range != NULL ? g_strsplit (range, "-", 2) : NULL;

  if (parts == NULL || parts[0] == NULL || parts[1] == NULL)
    return FALSE;
  *first = g_ascii_strtoull (parts[0], NULL, 10);
  *last = g_ascii_strtoull (parts[1], NULL, 10);
  return *first <= *last;
}

static void
print_totals (void)
{
  g_test_message ("Sync simulation: %u seeds, %u edits, %u deliveries, %u conflict copies, "
                  "%u texts changed on both sides, %u statuses found", totals.seeds, totals.edits,
                  totals.deliveries, totals.copies, totals.both_changed, totals.statuses);
}

int
main (int   argc,
      char *argv[])
{
  const char *range = g_getenv ("MB_SYNC_SEEDS");
  guint first = 0;
  guint last = 9;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (int i = 1; i + 1 < argc; i++)
    {
      if (g_str_equal (argv[i], "--seeds"))
        range = argv[i + 1];
    }
  if (range != NULL && !parse_seeds (range, &first, &last))
    g_error ("Seeds are given as FIRST-LAST, not %s", range);
  /* Under the sanitizers, ten times slower: the first few of each part. */
  if (g_getenv ("MB_SYNC_SEEDS_PER_PART") != NULL)
    last = MIN (last, first + MAX (1, (guint) g_ascii_strtoull (g_getenv ("MB_SYNC_SEEDS_PER_PART"), NULL, 10)) - 1);

  for (guint i = 0; i < G_N_ELEMENTS (regression_seeds); i++)
    {
      g_autofree char *name = g_strdup_printf ("/sync/regression/%u", regression_seeds[i]);

      g_test_add_data_func (name, GUINT_TO_POINTER (regression_seeds[i]), test_seed);
    }
  for (guint seed = first; seed <= last; seed++)
    {
      g_autofree char *name = g_strdup_printf ("/sync/seed/%u", seed);

      g_test_add_data_func (name, GUINT_TO_POINTER (seed), test_seed);
    }

  status = g_test_run ();
  print_totals ();
  return status;
}
