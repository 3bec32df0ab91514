/* mb-journal-history.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the journal knows about one person: their history, the brief
 * for a new conversation, the last script used and the counts of what
 * forgetting them would remove; and about everyone at once, the summary
 * the list of people shows.
 */

#define G_LOG_DOMAIN "mb-journal"

#include "config.h"

#include "mb-journal-private.h"

void
mb_brief_free (MbBrief *brief)
{
  g_clear_object (&brief->previous);
  g_clear_object (&brief->reflected);
  g_clear_pointer (&brief->open_agreements, g_ptr_array_unref);
  g_free (brief);
}

static gboolean
has_reflection (MbConversation *conversation)
{
  GPtrArray *questions = mb_script_get_reflection (mb_conversation_get_script (conversation));

  for (guint i = 0; i < questions->len; i++)
    {
      MbScriptQuestion *question = g_ptr_array_index (questions, i);
      const char *id = mb_script_question_get_id (question);

      if (*mb_conversation_get_text (conversation, MB_TEXT_REFLECTION, id) != '\0' ||
          (mb_script_question_has_scale (question) && mb_conversation_get_scale (conversation, id) != 0))
        return TRUE;
    }

  return FALSE;
}

static int
compare_promisers (gconstpointer a,
                   gconstpointer b)
{
  /* Me, then both, then them: the leader's own promises first. */
  static const int rank[] = { [MB_PROMISED_BY_ME] = 0, [MB_PROMISED_BY_BOTH] = 1, [MB_PROMISED_BY_THEM] = 2 };

  return rank[mb_agreement_get_promised_by (*(MbAgreement **) a)] -
         rank[mb_agreement_get_promised_by (*(MbAgreement **) b)];
}

void
mb_history_free (MbHistory *history)
{
  g_ptr_array_unref (history->conversations);
  g_ptr_array_unref (history->open_agreements);
  g_ptr_array_unref (history->agreed_in);
  g_array_unref (history->marble_times);
  g_array_unref (history->marble_deltas);
  g_free (history);
}

typedef struct
{
  MbAgreement    *agreement;
  MbConversation *conversation;
} Agreed;

static int
compare_agreed (gconstpointer a,
                gconstpointer b)
{
  const Agreed *x = a, *y = b;

  return compare_promisers (&x->agreement, &y->agreement);
}

/* The marbles of @conversation, into the jar of @history. */
static void
add_marbles (MbHistory      *history,
             MbConversation *conversation)
{
  GListModel *items = mb_conversation_get_marbles (conversation);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(MbMarble) marble = g_list_model_get_item (items, i);
      gint64 time = g_date_time_to_unix (mb_marble_get_created (marble));
      int delta = mb_marble_is_in (marble) ? 1 : -1;

      g_array_append_val (history->marble_times, time);
      g_array_append_val (history->marble_deltas, delta);
      if (delta > 0)
        history->marbles_in++;
      else
        history->marbles_out++;
    }
}

/* The agreements still open in the conversations of @history, the
 * leader's own first, then the oldest.
 */
static void
add_open_agreements (MbHistory *history)
{
  g_autoptr(GArray) agreed = g_array_new (FALSE, FALSE, sizeof (Agreed));

  /* The oldest promises first, the longest waiting. */
  for (guint i = history->conversations->len; i > 0; i--)
    {
      MbConversation *conversation = g_ptr_array_index (history->conversations, i - 1);
      GListModel *items = mb_conversation_get_agreements (conversation);

      for (guint j = 0; j < g_list_model_get_n_items (items); j++)
        {
          g_autoptr(MbAgreement) agreement = g_list_model_get_item (items, j);
          Agreed one = { agreement, conversation };

          if (mb_agreement_get_status (agreement) == MB_AGREEMENT_OPEN)
            g_array_append_val (agreed, one);
        }
    }

  /* Stable, so that within each kind the oldest stay first. */
  g_array_sort (agreed, compare_agreed);
  for (guint i = 0; i < agreed->len; i++)
    {
      Agreed *one = &g_array_index (agreed, Agreed, i);

      g_ptr_array_add (history->open_agreements, g_object_ref (one->agreement));
      g_ptr_array_add (history->agreed_in, g_object_ref (one->conversation));
    }
}

static MbHistory *
get_history (MbJournal  *self,
             const char *person_id)
{
  GListModel *conversations = mb_journal_get_conversations (self);
  MbHistory *history = g_new0 (MbHistory, 1);

  history->conversations = g_ptr_array_new_with_free_func (g_object_unref);
  history->open_agreements = g_ptr_array_new_with_free_func (g_object_unref);
  history->agreed_in = g_ptr_array_new_with_free_func (g_object_unref);
  history->marble_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  history->marble_deltas = g_array_new (FALSE, FALSE, sizeof (int));

  for (guint i = 0; i < g_list_model_get_n_items (conversations); i++)
    {
      g_autoptr(MbConversation) conversation = g_list_model_get_item (conversations, i);

      if (g_strcmp0 (mb_conversation_get_person_id (conversation), person_id) != 0)
        continue;

      add_marbles (history, conversation);
      g_ptr_array_add (history->conversations, g_steal_pointer (&conversation));
    }

  add_open_agreements (history);
  return history;
}

/**
 * mb_journal_get_history:
 *
 * Returns: (transfer full): every conversation with @person, their open
 *   agreements and the marbles of their jar
 */
MbHistory *
mb_journal_get_history (MbJournal *self,
                        MbPerson  *person)
{
  g_return_val_if_fail (MB_IS_JOURNAL (self), NULL);
  g_return_val_if_fail (MB_IS_PERSON (person), NULL);

  return get_history (self, mb_person_get_id (person));
}

/**
 * mb_journal_get_brief:
 *
 * Returns: (transfer full): what earlier conversations with the same
 *   person left: the last one, the agreements still open, the last
 *   reflection and the level of their marble jar
 */
MbBrief *
mb_journal_get_brief (MbJournal      *self,
                      MbConversation *conversation)
{
  g_autoptr(MbHistory) history = NULL;
  MbBrief *brief;
  GDateTime *when;

  g_return_val_if_fail (MB_IS_JOURNAL (self), NULL);
  g_return_val_if_fail (MB_IS_CONVERSATION (conversation), NULL);

  history = get_history (self, mb_conversation_get_person_id (conversation));
  when = mb_conversation_get_when (conversation);
  brief = g_new0 (MbBrief, 1);
  brief->marbles_in = history->marbles_in;
  brief->marbles_out = history->marbles_out;

  /* Newest first, so the first earlier one found is the last one before. */
  for (guint i = 0; i < history->conversations->len; i++)
    {
      MbConversation *other = g_ptr_array_index (history->conversations, i);

      if (other == conversation || g_date_time_compare (mb_conversation_get_when (other), when) >= 0)
        continue;
      if (brief->previous == NULL)
        brief->previous = g_object_ref (other);
      if (brief->reflected == NULL && has_reflection (other))
        brief->reflected = g_object_ref (other);
    }

  /* What was promised before this one and is still open, in the order of
   * the person's page.
   */
  brief->open_agreements = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < history->open_agreements->len; i++)
    {
      MbConversation *agreed_in = g_ptr_array_index (history->agreed_in, i);

      if (agreed_in != conversation && g_date_time_compare (mb_conversation_get_when (agreed_in), when) < 0)
        g_ptr_array_add (brief->open_agreements, g_object_ref (g_ptr_array_index (history->open_agreements, i)));
    }

  return brief;
}

/* Started later; of two started at once, the one planned later. */
static gboolean
started_after (MbConversation *a,
               MbConversation *b)
{
  int order = g_date_time_compare (mb_conversation_get_created (a), mb_conversation_get_created (b));

  if (order == 0)
    order = g_date_time_compare (mb_conversation_get_when (a), mb_conversation_get_when (b));
  return order > 0;
}

/**
 * mb_journal_get_last_script_id:
 *
 * Returns: (nullable): the id of the script of the conversation with
 *   @person started last, or %NULL when there is none
 */
const char *
mb_journal_get_last_script_id (MbJournal *self,
                               MbPerson  *person)
{
  GListModel *conversations;
  MbConversation *last = NULL;

  g_return_val_if_fail (MB_IS_JOURNAL (self), NULL);
  g_return_val_if_fail (MB_IS_PERSON (person), NULL);

  conversations = mb_journal_get_conversations (self);
  for (guint i = 0; i < g_list_model_get_n_items (conversations); i++)
    {
      g_autoptr(MbConversation) conversation = g_list_model_get_item (conversations, i);

      if (g_strcmp0 (mb_conversation_get_person_id (conversation), mb_person_get_id (person)) != 0)
        continue;
      if (last == NULL || started_after (conversation, last))
        last = conversation;
    }

  return last != NULL ? mb_script_get_id (mb_conversation_get_script (last)) : NULL;
}

/**
 * mb_journal_count_about:
 * @conversations: (out) (optional): how many conversations with @person
 * @agreements: (out) (optional): how many agreements in them
 * @marbles: (out) (optional): how many marbles in them
 *
 * Counts what forgetting @person would remove.
 */
void
mb_journal_count_about (MbJournal *self,
                        MbPerson  *person,
                        guint     *conversations,
                        guint     *agreements,
                        guint     *marbles)
{
  GListModel *model = mb_journal_get_conversations (self);
  guint n = 0, n_agreements = 0, n_marbles = 0;

  g_return_if_fail (MB_IS_JOURNAL (self));
  g_return_if_fail (MB_IS_PERSON (person));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(MbConversation) conversation = g_list_model_get_item (model, i);

      if (g_strcmp0 (mb_conversation_get_person_id (conversation), mb_person_get_id (person)) != 0)
        continue;

      n++;
      n_agreements += g_list_model_get_n_items (mb_conversation_get_agreements (conversation));
      n_marbles += g_list_model_get_n_items (mb_conversation_get_marbles (conversation));
    }

  if (conversations != NULL)
    *conversations = n;
  if (agreements != NULL)
    *agreements = n_agreements;
  if (marbles != NULL)
    *marbles = n_marbles;
}

static void
person_summary_free (MbPersonSummary *summary)
{
  g_clear_pointer (&summary->last, g_date_time_unref);
  g_clear_pointer (&summary->next, g_date_time_unref);
  g_free (summary);
}

static guint
count_open (MbConversation *conversation)
{
  GListModel *agreements = mb_conversation_get_agreements (conversation);
  guint open = 0;

  for (guint i = 0; i < g_list_model_get_n_items (agreements); i++)
    {
      g_autoptr(MbAgreement) agreement = g_list_model_get_item (agreements, i);

      if (mb_agreement_get_status (agreement) == MB_AGREEMENT_OPEN)
        open++;
    }

  return open;
}

/**
 * mb_journal_summarize_people:
 * @now: what counts as now: conversations after it are planned
 *
 * When the leader last talked with each person, when they talk next
 * and how many promises are still open, in one pass over the journal.
 *
 * Returns: (transfer full) (element-type utf8 MbPersonSummary): person
 *   id → summary, for everyone with at least one conversation
 */
GHashTable *
mb_journal_summarize_people (MbJournal *self,
                             GDateTime *now)
{
  GListModel *conversations;
  GHashTable *summaries;

  g_return_val_if_fail (MB_IS_JOURNAL (self), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  conversations = mb_journal_get_conversations (self);
  summaries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) person_summary_free);
  for (guint i = 0; i < g_list_model_get_n_items (conversations); i++)
    {
      g_autoptr(MbConversation) conversation = g_list_model_get_item (conversations, i);
      const char *id = mb_conversation_get_person_id (conversation);
      GDateTime *when = mb_conversation_get_when (conversation);
      MbPersonSummary *one = g_hash_table_lookup (summaries, id);

      if (one == NULL)
        {
          one = g_new0 (MbPersonSummary, 1);
          g_hash_table_insert (summaries, g_strdup (id), one);
        }

      /* Newest first: the last planned one seen is the next; the first
       * one held, the last.
       */
      if (g_date_time_compare (when, now) > 0)
        {
          g_clear_pointer (&one->next, g_date_time_unref);
          one->next = g_date_time_ref (when);
        }
      else if (one->last == NULL)
        {
          one->last = g_date_time_ref (when);
        }

      one->open_agreements += count_open (conversation);
    }

  return summaries;
}
