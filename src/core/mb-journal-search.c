/* mb-journal-search.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Searching the conversations, by up to four threads in a large journal. */

#define G_LOG_DOMAIN "mb-journal"

#include "config.h"

#include <string.h>

#include "mb-fold.h"
#include "mb-journal-private.h"

void
mb_search_result_free (MbSearchResult *result)
{
  g_clear_object (&result->conversation);
  g_free (result->snippet);
  g_free (result);
}

static gboolean
within_filter (MbConversation       *conversation,
               const MbSearchFilter *filter)
{
  GDateTime *when;
  GDate day;

  if (filter->person_id != NULL && g_strcmp0 (filter->person_id, mb_conversation_get_person_id (conversation)) != 0)
    return FALSE;
  if (filter->script_id != NULL &&
      g_strcmp0 (filter->script_id, mb_script_get_id (mb_conversation_get_script (conversation))) != 0)
    return FALSE;
  if (filter->from == NULL && filter->to == NULL)
    return TRUE;

  when = mb_conversation_get_when (conversation);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, g_date_time_get_day_of_month (when), g_date_time_get_month (when), g_date_time_get_year (when));
  return (filter->from == NULL || g_date_compare (&day, filter->from) >= 0) &&
         (filter->to == NULL || g_date_compare (&day, filter->to) <= 0);
}

/* Runs @func on each of @n shares of @size bytes at @shares, at the same
 * time, and returns when all are done.
 */
static void
run_shares (GThreadFunc func,
            gpointer    shares,
            gsize       size,
            guint       n)
{
  GThread *threads[4] = { NULL };

  g_assert (n <= G_N_ELEMENTS (threads));

  for (guint k = 1; k < n; k++)
    threads[k] = g_thread_new ("mb-journal-search", func, (char *) shares + k * size);
  func (shares);
  for (guint k = 1; k < n; k++)
    g_thread_join (threads[k]);
}

/* How many threads to share @n items among. */
static guint
count_shares (guint n)
{
  return n < 2000 ? 1 : CLAMP (g_get_num_processors (), 1, 4);
}

/* A range of the conversations to match, for one thread. */
typedef struct
{
  MbConversation     **conversations;
  guint                start;
  guint                end;
  guint                max;
  const MbSearchFilter *filter;
  const char * const  *words;
  GHashTable          *names;  /* person id → name, folded, of those it matters for */
  GPtrArray           *found;  /* MbConversation, not owned */
} MatchShare;

static gpointer
match_share (gpointer data)
{
  MatchShare *share = data;

  for (guint i = share->start; i < share->end && share->found->len < share->max; i++)
    {
      MbConversation *conversation = share->conversations[i];
      const char *name = g_hash_table_size (share->names) > 0
                         ? g_hash_table_lookup (share->names, mb_conversation_get_person_id (conversation))
                         : NULL;

      if (within_filter (conversation, share->filter) &&
          mb_conversation_matches (conversation, name, share->words, share->filter->phase))
        g_ptr_array_add (share->found, conversation);
    }

  return NULL;
}

/* A range of the results to find snippets for, for one thread. */
typedef struct
{
  GPtrArray          *results;
  guint               start;
  guint               end;
  const char * const *words;
  int                 phase;
} SnippetShare;

static gpointer
snippet_share (gpointer data)
{
  SnippetShare *share = data;

  for (guint i = share->start; i < share->end; i++)
    {
      MbSearchResult *result = g_ptr_array_index (share->results, i);

      result->snippet = mb_conversation_find (result->conversation, share->words, share->phase,
                                              &result->phase, &result->step);
    }

  return NULL;
}

/* The names of the people, folded, whose name has one of @words in it:
 * only there can a name make a conversation match. Most searches name
 * nobody, and then no conversation needs its person looked up.
 */
static GHashTable *
fold_names (MbJournal          *self,
            const char * const *words)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->people)); i++)
    {
      g_autoptr(MbPerson) person = g_list_model_get_item (G_LIST_MODEL (self->people), i);
      g_autofree char *name = mb_fold_for_search (mb_person_get_name (person));
      gboolean named = FALSE;

      for (guint w = 0; words[w] != NULL && !named; w++)
        named = strstr (name, words[w]) != NULL;
      if (named)
        g_hash_table_insert (names, (gpointer) mb_person_get_id (person), g_steal_pointer (&name));
    }

  return names;
}

/* Adds to @results the newest of @all, at most @max, that match. */
static void
find_matches (GPtrArray            *all,
              const MbSearchFilter *filter,
              const char * const   *words,
              GHashTable           *names,
              guint                 max,
              GPtrArray            *results)
{
  MatchShare matches[4];
  guint n_shares = count_shares (all->len);

  /* Each thread a range, newest first; their finds, in order, are the
   * newest that match.
   */
  for (guint k = 0; k < n_shares; k++)
    matches[k] = (MatchShare) { (MbConversation **) all->pdata, all->len * k / n_shares,
                                all->len * (k + 1) / n_shares, max, filter, words, names, g_ptr_array_new () };
  run_shares (match_share, matches, sizeof matches[0], n_shares);
  for (guint k = 0; k < n_shares; k++)
    {
      for (guint i = 0; i < matches[k].found->len && results->len < max; i++)
        {
          MbConversation *conversation = g_ptr_array_index (matches[k].found, i);
          MbSearchResult *result = g_new0 (MbSearchResult, 1);

          result->conversation = g_object_ref (conversation);
          result->phase = filter->phase >= 0 ? (MbPhase) filter->phase : mb_conversation_get_phase (conversation);
          result->step = mb_conversation_get_step (conversation);
          g_ptr_array_add (results, result);
        }
      g_ptr_array_unref (matches[k].found);
    }
}

/* The words around the place found, for each result. */
static void
find_snippets (GPtrArray          *results,
               const char * const *words,
               int                 phase)
{
  SnippetShare snippets[4];
  guint n_shares = results->len < 16 ? 1 : count_shares (G_MAXUINT);

  for (guint k = 0; k < n_shares; k++)
    snippets[k] = (SnippetShare) { results, results->len * k / n_shares, results->len * (k + 1) / n_shares,
                                   words, phase };
  run_shares (snippet_share, snippets, sizeof snippets[0], n_shares);
}

/**
 * mb_journal_search:
 * @query: words to find, in any case and with or without accents
 * @filter: (nullable): what to keep to
 * @max: how many results at most
 *
 * Finds the conversations, newest first, within @filter in which every
 * word of @query was written, or is in the person's name or the script's
 * title. Without words, every conversation within the filter is found,
 * as long as the filter keeps to something. A large journal is searched
 * by as many threads as there are processors, up to four.
 *
 * Returns: (transfer container) (element-type MbSearchResult): what was found
 */
GPtrArray *
mb_journal_search (MbJournal            *self,
                   const char           *query,
                   const MbSearchFilter *filter,
                   guint                 max)
{
  static const MbSearchFilter any = MB_SEARCH_FILTER_INIT;
  GListModel *conversations = mb_journal_get_conversations (self);
  GPtrArray *results = g_ptr_array_new_with_free_func ((GDestroyNotify) mb_search_result_free);
  g_auto(GStrv) words = mb_search_words (query);
  g_autoptr(GHashTable) names = NULL;

  g_return_val_if_fail (MB_IS_JOURNAL (self), results);

  if (filter == NULL)
    filter = &any;
  if (words[0] == NULL && filter->person_id == NULL && filter->script_id == NULL &&
      filter->phase < 0 && filter->from == NULL && filter->to == NULL)
    return results;

  /* The conversations taken out of the model, for the threads, once
   * until the model changes: not again on every keystroke.
   */
  if (self->searched == NULL)
    {
      guint n = g_list_model_get_n_items (conversations);

      self->searched = g_ptr_array_new_full (n, g_object_unref);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (self->searched, g_list_model_get_item (conversations, i));
    }
  names = fold_names (self, (const char * const *) words);

  find_matches (self->searched, filter, (const char * const *) words, names, max, results);
  if (words[0] != NULL)
    find_snippets (results, (const char * const *) words, filter->phase);

  return results;
}

/* Preparing the search after a load: behind the list, so that the list
 * does not wait for it, a batch at a time in a worker, from copies (see
 * mb_conversation_copy_for_search()), newest first. A search meanwhile
 * prepares what it reaches first itself.
 */

#define PREPARE_BATCH 100
/* Copying is on the main thread: a batch stops after this long (µs),
 * well within a frame, as soon as it holds one copy.
 */
#define PREPARE_BUDGET_US 4000

typedef struct
{
  GWeakRef   journal;
  GPtrArray *copies;  /* MbSearchCopy */
} PrepareBatch;

static void
prepare_batch_free (PrepareBatch *batch)
{
  g_weak_ref_clear (&batch->journal);
  g_ptr_array_unref (batch->copies);
  g_free (batch);
}

static void
prepare_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PrepareBatch *batch = task_data;

  for (guint i = 0; i < batch->copies->len && !g_cancellable_is_cancelled (cancellable); i++)
    mb_search_copy_fold (g_ptr_array_index (batch->copies, i));
  g_task_return_boolean (task, TRUE);
}

static void prepare_next (MbJournal *self);

static void
prepare_done_cb (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  PrepareBatch *batch = g_task_get_task_data (G_TASK (result));
  g_autoptr(MbJournal) self = g_weak_ref_get (&batch->journal);

  for (guint i = 0; i < batch->copies->len; i++)
    {
      mb_search_copy_finish (g_ptr_array_index (batch->copies, i));
      g_ptr_array_index (batch->copies, i) = NULL;
    }

  if (self == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  self->preparing = FALSE;
  if (mb_journal_is_search_ready (self))
    _mb_journal_notify_search_ready (self);
  prepare_next (self);
}

static gboolean
prepare_next_cb (gpointer data)
{
  MbJournal *self = data;
  PrepareBatch *batch = g_new0 (PrepareBatch, 1);
  g_autoptr(GTask) task = NULL;
  gint64 until = g_get_monotonic_time () + PREPARE_BUDGET_US;

  self->prepare_id = 0;
  g_weak_ref_init (&batch->journal, self);
  batch->copies = g_ptr_array_new_with_free_func ((GDestroyNotify) mb_search_copy_free);
  for (; self->unprepared_at < self->unprepared->len && batch->copies->len < PREPARE_BATCH &&
         (batch->copies->len == 0 || g_get_monotonic_time () < until);
       self->unprepared_at++)
    {
      MbSearchCopy *copy = mb_conversation_copy_for_search (g_ptr_array_index (self->unprepared,
                                                                               self->unprepared_at));

      if (copy != NULL)
        g_ptr_array_add (batch->copies, copy);
    }
  if (self->unprepared_at == self->unprepared->len)
    g_clear_pointer (&self->unprepared, g_ptr_array_unref);

  self->preparing = TRUE;
  task = g_task_new (NULL, self->cancellable, prepare_done_cb, NULL);
  g_task_set_source_tag (task, prepare_next_cb);
  g_task_set_task_data (task, batch, (GDestroyNotify) prepare_batch_free);
  g_task_run_in_thread (task, prepare_worker);
  return G_SOURCE_REMOVE;
}

/* Gives out the next batch once the main loop is idle. */
static void
prepare_next (MbJournal *self)
{
  if (self->unprepared != NULL && self->prepare_id == 0 && !self->preparing)
    self->prepare_id = g_idle_add_full (G_PRIORITY_LOW, prepare_next_cb, self, NULL);
}

/* After a load: @conversations, as loaded. */
void
_mb_journal_prepare_search (MbJournal *self,
                            GPtrArray *conversations)
{
  g_clear_pointer (&self->unprepared, g_ptr_array_unref);
  self->unprepared = g_ptr_array_ref (conversations);
  self->unprepared_at = 0;
  prepare_next (self);
}

/**
 * mb_journal_is_search_ready:
 *
 * Returns: whether every conversation loaded has been prepared for
 *   searching; until then a search prepares what it reaches itself
 */
gboolean
mb_journal_is_search_ready (MbJournal *self)
{
  g_return_val_if_fail (MB_IS_JOURNAL (self), FALSE);

  return self->loaded && self->unprepared == NULL && !self->preparing;
}
