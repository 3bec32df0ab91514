/* mb-mirror.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The leader's mirror: their own pattern over a period, computed from
 * the journal (nothing of it is stored). The journal's objects belong
 * to the main thread, so what the mirror needs of each conversation is
 * copied first (a few values each, a few hundred conversations a turn of
 * the main loop), and the figures are computed from that copy in a
 * worker.
 *
 * A conversation belongs to the period by its day (when it was planned,
 * or else started); so do its promises. A marble belongs to it by when
 * it was given. The overdue promises are listed whatever their day:
 * they want doing now. A promise is the leader's when the leader made
 * it, alone or together with the other person.
 *
 * The repair loop: a conversation started about a promise names it (see
 * mb-promise-talk.c). A broken promise (not kept, or open past its day)
 * was talked through when a conversation about it was held, of any time;
 * a promise was renegotiated when one held with the renegotiate-a-promise
 * script was about it.
 */

#define G_LOG_DOMAIN "mb-mirror"

#include "config.h"

#include <string.h>

#include "mb-agreement.h"
#include "mb-localized.h"
#include "mb-marble.h"
#include "mb-mirror.h"

typedef struct
{
  char              *id;
  char              *text;
  MbAgreementStatus  status;
  GDate              due;  /* invalid when it has none */
} Promise;

typedef struct
{
  gboolean   in;
  GDateTime *when;
} Marble;

typedef struct
{
  char  *id;
  char  *question;
  char  *min_label;
  char  *max_label;
  guint  value;  /* 1 to 5 */
} Rating;

typedef struct
{
  char      *id;
  char      *person_id;
  GDateTime *when;
  gint64     talk_seconds;
  guint      planned_minutes;
  guint      flagged;
  guint      rephrased;
  GArray    *promises;  /* Promise */
  GArray    *marbles;   /* Marble */
  GArray    *ratings;   /* Rating */
  /* Whether it was held, see mb_promise_talk_was_held() */
  MbPhase    phase;
  gboolean   finished;
  GDateTime *scheduled; /* or NULL */
  char      *about;     /* the promise it is about, "conversation id/agreement id", or NULL */
  gboolean   renegotiation; /* held with the script for renegotiating a promise */
} Entry;

/* What is known of the conversations about one promise. */
typedef struct
{
  MbRepair     repair;
  const Entry *entry;        /* the one held last, or else planned first */
  gboolean     renegotiated; /* one held was a renegotiation */
} Repair;

struct _MbMirrorSnapshot
{
  GArray *entries;  /* Entry */
};

static void
promise_clear (Promise *promise)
{
  g_free (promise->id);
  g_free (promise->text);
}

static void
marble_clear (Marble *marble)
{
  g_date_time_unref (marble->when);
}

static void
rating_clear (Rating *rating)
{
  g_free (rating->id);
  g_free (rating->question);
  g_free (rating->min_label);
  g_free (rating->max_label);
}

static void
entry_clear (Entry *entry)
{
  g_free (entry->id);
  g_free (entry->person_id);
  g_date_time_unref (entry->when);
  g_clear_pointer (&entry->scheduled, g_date_time_unref);
  g_free (entry->about);
  g_array_unref (entry->promises);
  g_array_unref (entry->marbles);
  g_array_unref (entry->ratings);
}

static void
copy_promises (Entry          *entry,
               MbConversation *conversation)
{
  GListModel *agreements = mb_conversation_get_agreements (conversation);

  entry->promises = g_array_new (FALSE, TRUE, sizeof (Promise));
  g_array_set_clear_func (entry->promises, (GDestroyNotify) promise_clear);
  for (guint i = 0; i < g_list_model_get_n_items (agreements); i++)
    {
      g_autoptr(MbAgreement) agreement = g_list_model_get_item (agreements, i);
      Promise promise = { 0 };

      if (mb_agreement_get_promised_by (agreement) == MB_PROMISED_BY_THEM)
        continue;
      promise.id = g_strdup (mb_agreement_get_id (agreement));
      promise.text = g_strdup (mb_agreement_get_text (agreement));
      promise.status = mb_agreement_get_status (agreement);
      if (mb_agreement_get_due (agreement) != NULL)
        promise.due = *mb_agreement_get_due (agreement);
      g_array_append_val (entry->promises, promise);
    }
}

static void
copy_marbles (Entry          *entry,
              MbConversation *conversation)
{
  GListModel *marbles = mb_conversation_get_marbles (conversation);

  entry->marbles = g_array_new (FALSE, TRUE, sizeof (Marble));
  g_array_set_clear_func (entry->marbles, (GDestroyNotify) marble_clear);
  for (guint i = 0; i < g_list_model_get_n_items (marbles); i++)
    {
      g_autoptr(MbMarble) marble = g_list_model_get_item (marbles, i);
      GDateTime *when = mb_marble_get_created (marble);
      Marble copy = { mb_marble_is_in (marble), g_date_time_ref (when != NULL ? when : entry->when) };

      g_array_append_val (entry->marbles, copy);
    }
}

/* The values the leader chose on the scales of the reflection. */
static void
copy_ratings (Entry          *entry,
              MbConversation *conversation)
{
  GPtrArray *questions = mb_script_get_reflection (mb_conversation_get_script (conversation));

  entry->ratings = g_array_new (FALSE, TRUE, sizeof (Rating));
  g_array_set_clear_func (entry->ratings, (GDestroyNotify) rating_clear);
  for (guint i = 0; i < questions->len; i++)
    {
      MbScriptQuestion *question = g_ptr_array_index (questions, i);
      const char *id = mb_script_question_get_id (question);
      guint value = mb_script_question_has_scale (question) ? mb_conversation_get_scale (conversation, id) : 0;
      Rating rating;

      if (value < 1 || value > 5)
        continue;
      rating.id = g_strdup (id);
      rating.question = g_strdup (mb_localized_get (mb_script_question_get_text (question)));
      rating.min_label = g_strdup (mb_localized_get (mb_script_question_get_scale_min_label (question)));
      rating.max_label = g_strdup (mb_localized_get (mb_script_question_get_scale_max_label (question)));
      rating.value = value;
      g_array_append_val (entry->ratings, rating);
    }
}

/* The promise the conversation is about, and whether it was held. */
static void
copy_about (Entry          *entry,
            MbConversation *conversation)
{
  const char *conversation_id, *agreement_id;
  GDateTime *scheduled = mb_conversation_get_scheduled (conversation);

  entry->phase = mb_conversation_get_phase (conversation);
  entry->finished = mb_conversation_get_finished (conversation);
  entry->scheduled = scheduled != NULL ? g_date_time_ref (scheduled) : NULL;
  if (!mb_conversation_get_about (conversation, &conversation_id, &agreement_id))
    return;
  entry->about = g_strconcat (conversation_id, "/", agreement_id, NULL);
  entry->renegotiation = g_strcmp0 (mb_script_get_id (mb_conversation_get_script (conversation)),
                                    MB_SCRIPT_RENEGOTIATE_A_PROMISE) == 0;
}

static MbMirrorSnapshot *
snapshot_new (guint n)
{
  MbMirrorSnapshot *snapshot = g_new0 (MbMirrorSnapshot, 1);

  snapshot->entries = g_array_sized_new (FALSE, TRUE, sizeof (Entry), n);
  g_array_set_clear_func (snapshot->entries, (GDestroyNotify) entry_clear);
  return snapshot;
}

static void
snapshot_add (MbMirrorSnapshot *snapshot,
              MbConversation   *conversation)
{
  Entry entry = { 0 };

  entry.id = g_strdup (mb_conversation_get_id (conversation));
  entry.person_id = g_strdup (mb_conversation_get_person_id (conversation));
  entry.when = g_date_time_ref (mb_conversation_get_when (conversation));
  entry.talk_seconds = mb_conversation_get_talk_seconds (conversation);
  entry.planned_minutes = mb_script_get_duration_minutes (mb_conversation_get_script (conversation));
  mb_conversation_get_lens_counts (conversation, &entry.flagged, &entry.rephrased);
  copy_promises (&entry, conversation);
  copy_marbles (&entry, conversation);
  copy_ratings (&entry, conversation);
  copy_about (&entry, conversation);
  g_array_append_val (snapshot->entries, entry);
}

/**
 * mb_mirror_snapshot_new:
 *
 * Copies what the mirror needs of @journal's conversations, on the
 * thread the journal belongs to, at once.
 *
 * Returns: (transfer full): the copy, for mb_mirror_compute() in any
 *   thread
 */
MbMirrorSnapshot *
mb_mirror_snapshot_new (MbJournal *journal)
{
  GListModel *conversations = mb_journal_get_conversations (journal);
  guint n = g_list_model_get_n_items (conversations);
  MbMirrorSnapshot *snapshot = snapshot_new (n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MbConversation) conversation = g_list_model_get_item (conversations, i);

      snapshot_add (snapshot, conversation);
    }

  return snapshot;
}

void
mb_mirror_snapshot_free (MbMirrorSnapshot *snapshot)
{
  if (snapshot == NULL)
    return;

  g_array_unref (snapshot->entries);
  g_free (snapshot);
}

static void
overdue_clear (MbMirrorOverdue *overdue)
{
  g_free (overdue->conversation_id);
  g_free (overdue->agreement_id);
  g_free (overdue->person_id);
  g_free (overdue->text);
  g_free (overdue->repair_id);
}

static void
person_clear (MbMirrorPerson *person)
{
  g_free (person->person_id);
}

static void
scale_clear (MbMirrorScale *scale)
{
  g_free (scale->id);
  g_free (scale->question);
  g_free (scale->min_label);
  g_free (scale->max_label);
  g_array_unref (scale->months);
}

void
mb_mirror_free (MbMirror *mirror)
{
  if (mirror == NULL)
    return;

  g_array_unref (mirror->overdue);
  g_array_unref (mirror->months);
  g_array_unref (mirror->people);
  g_array_unref (mirror->scales);
  g_free (mirror);
}

/* Where the period begins; %NULL for all time. */
static GDateTime *
period_start (MbMirrorPeriod period,
              GDateTime     *now)
{
  switch (period)
    {
    case MB_MIRROR_QUARTER:
      return g_date_time_add_months (now, -3);
    case MB_MIRROR_YEAR:
      return g_date_time_add_months (now, -12);
    case MB_MIRROR_ALL:
    default:
      return NULL;
    }
}

static int
month_index (GDateTime *first,
             GDateTime *when)
{
  return (g_date_time_get_year (when) - g_date_time_get_year (first)) * 12 +
         g_date_time_get_month (when) - g_date_time_get_month (first);
}

/* The months from @first's to @now's, each empty. */
static GArray *
new_months (GDateTime *first,
            GDateTime *now)
{
  GArray *months = g_array_new (FALSE, TRUE, sizeof (MbMirrorMonth));
  int n = MAX (0, month_index (first, now)) + 1;

  for (int i = 0; i < n; i++)
    {
      int month = g_date_time_get_month (first) - 1 + i;
      MbMirrorMonth item = { g_date_time_get_year (first) + month / 12, month % 12 + 1, 0, 0, 0 };

      g_array_append_val (months, item);
    }
  return months;
}

/* What counting the entries of the period needs besides the mirror. */
typedef struct
{
  MbMirror    *mirror;
  GDateTime   *first;    /* the first month's time */
  const GDate *today;
  GHashTable  *scales;   /* scale id → index in mirror->scales */
  GHashTable  *repairs;  /* "conversation id/agreement id" → Repair */
  GString     *key;      /* for looking one up */
} Tally;

/* The conversations about each promise, by "conversation id/agreement
 * id": the one held last, or else the one planned first.
 */
static GHashTable *
find_repairs (MbMirrorSnapshot *snapshot,
              GDateTime        *now)
{
  GHashTable *repairs = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  for (guint i = 0; i < snapshot->entries->len; i++)
    {
      const Entry *entry = &g_array_index (snapshot->entries, Entry, i);
      Repair *repair;
      MbRepair state;
      int order;

      if (entry->about == NULL)
        continue;
      state = mb_promise_talk_was_held (entry->phase, entry->finished, entry->scheduled, now)
              ? MB_REPAIR_HELD : MB_REPAIR_PLANNED;
      if ((repair = g_hash_table_lookup (repairs, entry->about)) == NULL)
        {
          repair = g_new0 (Repair, 1);
          g_hash_table_insert (repairs, entry->about, repair);
        }
      repair->renegotiated |= state == MB_REPAIR_HELD && entry->renegotiation;
      order = repair->entry != NULL ? g_date_time_compare (entry->when, repair->entry->when) : 0;
      if (repair->entry == NULL || state > repair->repair ||
          (state == repair->repair && (state == MB_REPAIR_HELD ? order > 0 : order < 0)))
        {
          repair->repair = state;
          repair->entry = entry;
        }
    }
  return repairs;
}

static const Repair *
repair_of (Tally      *tally,
           const char *conversation_id,
           const char *agreement_id)
{
  if (g_hash_table_size (tally->repairs) == 0)
    return NULL;

  g_string_assign (tally->key, conversation_id);
  g_string_append_c (tally->key, '/');
  g_string_append (tally->key, agreement_id);
  return g_hash_table_lookup (tally->repairs, tally->key->str);
}

/* Broken: not kept, or still open past its day. */
static gboolean
is_broken (const Promise *promise,
           const GDate   *today)
{
  return promise->status == MB_AGREEMENT_NOT_KEPT ||
         (promise->status == MB_AGREEMENT_OPEN && g_date_valid (&promise->due) &&
          g_date_compare (&promise->due, today) < 0);
}

static void
count_promises (Tally       *tally,
                const Entry *entry)
{
  MbMirror *mirror = tally->mirror;
  int index = tally->first != NULL ? month_index (tally->first, entry->when) : -1;
  MbMirrorMonth *month = index >= 0 && (guint) index < mirror->months->len
                         ? &g_array_index (mirror->months, MbMirrorMonth, index) : NULL;

  for (guint i = 0; i < entry->promises->len; i++)
    {
      const Promise *promise = &g_array_index (entry->promises, Promise, i);
      const Repair *repair = repair_of (tally, entry->id, promise->id);
      gboolean broken = is_broken (promise, tally->today);

      mirror->promises++;
      mirror->kept += promise->status == MB_AGREEMENT_KEPT;
      mirror->not_kept += promise->status == MB_AGREEMENT_NOT_KEPT;
      mirror->open += promise->status == MB_AGREEMENT_OPEN;
      mirror->renegotiated += repair != NULL && repair->renegotiated;
      mirror->broken += broken;
      mirror->broken_talked += broken && repair != NULL && repair->repair == MB_REPAIR_HELD;
      mirror->broken_planned += broken && repair != NULL && repair->repair == MB_REPAIR_PLANNED;
      if (month == NULL)
        continue;
      month->made++;
      month->kept += promise->status == MB_AGREEMENT_KEPT;
      month->not_kept += promise->status == MB_AGREEMENT_NOT_KEPT;
    }
}

/* Each overdue promise: whether a conversation about it was held or is
 * planned, which and when.
 */
static void
add_repairs (Tally *tally)
{
  GArray *overdue = tally->mirror->overdue;

  for (guint i = 0; i < overdue->len; i++)
    {
      MbMirrorOverdue *item = &g_array_index (overdue, MbMirrorOverdue, i);
      const Repair *repair = repair_of (tally, item->conversation_id, item->agreement_id);
      GDateTime *when;

      g_date_clear (&item->repair_day, 1);
      if (repair == NULL)
        continue;
      when = repair->entry->when;
      item->repair = repair->repair;
      item->repair_id = g_strdup (repair->entry->id);
      g_date_set_dmy (&item->repair_day, g_date_time_get_day_of_month (when), g_date_time_get_month (when),
                      g_date_time_get_year (when));
    }
}

static void
list_overdue (MbMirror    *mirror,
              const Entry *entry,
              const GDate *today)
{
  for (guint i = 0; i < entry->promises->len; i++)
    {
      const Promise *promise = &g_array_index (entry->promises, Promise, i);
      MbMirrorOverdue overdue = { 0 };

      if (promise->status != MB_AGREEMENT_OPEN || !g_date_valid (&promise->due) ||
          g_date_compare (&promise->due, today) >= 0)
        continue;
      overdue.conversation_id = g_strdup (entry->id);
      overdue.agreement_id = g_strdup (promise->id);
      overdue.person_id = g_strdup (entry->person_id);
      overdue.text = g_strdup (promise->text);
      overdue.due = promise->due;
      g_array_append_val (mirror->overdue, overdue);
    }
}

static void
count_marbles (MbMirror    *mirror,
               GHashTable  *balances,
               const Entry *entry,
               GDateTime   *start)
{
  for (guint i = 0; i < entry->marbles->len; i++)
    {
      const Marble *marble = &g_array_index (entry->marbles, Marble, i);
      int balance;

      if (start != NULL && g_date_time_compare (marble->when, start) < 0)
        continue;
      mirror->marbles_in += marble->in;
      mirror->marbles_out += !marble->in;
      balance = GPOINTER_TO_INT (g_hash_table_lookup (balances, entry->person_id)) + (marble->in ? 1 : -1);
      /* 0 is a balance too: the person stays in the table. */
      g_hash_table_insert (balances, entry->person_id, GINT_TO_POINTER (balance));
    }
}

static int
compare_overdue (gconstpointer a,
                 gconstpointer b)
{
  const MbMirrorOverdue *x = a, *y = b;
  int by_due = g_date_compare (&x->due, &y->due);

  return by_due != 0 ? by_due : g_strcmp0 (x->agreement_id, y->agreement_id);
}

static int
compare_people (gconstpointer a,
                gconstpointer b)
{
  const MbMirrorPerson *x = a, *y = b;

  if (x->balance != y->balance)
    return x->balance > y->balance ? -1 : 1;
  return g_strcmp0 (x->person_id, y->person_id);
}

static GArray *
people_from (GHashTable *balances)
{
  GArray *people = g_array_new (FALSE, TRUE, sizeof (MbMirrorPerson));
  GHashTableIter iter;
  gpointer key, value;

  g_array_set_clear_func (people, (GDestroyNotify) person_clear);
  g_hash_table_iter_init (&iter, balances);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      MbMirrorPerson person = { g_strdup (key), GPOINTER_TO_INT (value) };

      g_array_append_val (people, person);
    }
  g_array_sort (people, compare_people);
  return people;
}

/* The first month of all time: the earliest conversation's. */
static GDateTime *
earliest (MbMirrorSnapshot *snapshot,
          GDateTime        *now)
{
  GDateTime *first = now;

  for (guint i = 0; i < snapshot->entries->len; i++)
    {
      GDateTime *when = g_array_index (snapshot->entries, Entry, i).when;

      if (g_date_time_compare (when, first) < 0)
        first = when;
    }
  return g_date_time_ref (first);
}

/* The scale of @rating in @scales (by id → index in @mirror->scales). */
static MbMirrorScale *
scale_of (MbMirror     *mirror,
          GHashTable   *scales,
          const Rating *rating)
{
  gpointer index;
  MbMirrorScale scale = { 0 };

  if (g_hash_table_lookup_extended (scales, rating->id, NULL, &index))
    return &g_array_index (mirror->scales, MbMirrorScale, GPOINTER_TO_UINT (index));

  scale.id = g_strdup (rating->id);
  scale.months = g_array_new (FALSE, TRUE, sizeof (MbMirrorScaleMonth));
  g_array_set_size (scale.months, mirror->months->len);
  g_hash_table_insert (scales, rating->id, GUINT_TO_POINTER (mirror->scales->len));
  g_array_append_val (mirror->scales, scale);
  return &g_array_index (mirror->scales, MbMirrorScale, mirror->scales->len - 1);
}

/* Who did most of the talking: not a rating of oneself, but what
 * happened.
 */
static void
count_talking (MbMirror     *mirror,
               const Rating *rating)
{
  mirror->talking_answers++;
  mirror->talking_theirs += rating->value >= 4;
  mirror->talking_mine += rating->value <= 2;
}

/* Entries come newest first: the wording of a scale is the newest one's. */
static void
count_ratings (Tally       *tally,
               const Entry *entry,
               int          month)
{
  for (guint i = 0; i < entry->ratings->len; i++)
    {
      const Rating *rating = &g_array_index (entry->ratings, Rating, i);
      MbMirrorScale *scale;

      if (g_str_equal (rating->id, MB_MIRROR_TALKING_SCALE))
        {
          count_talking (tally->mirror, rating);
          continue;
        }
      scale = scale_of (tally->mirror, tally->scales, rating);
      if (scale->question == NULL)
        {
          scale->question = g_strdup (rating->question);
          scale->min_label = g_strdup (rating->min_label);
          scale->max_label = g_strdup (rating->max_label);
        }
      scale->answers++;
      scale->sum += rating->value;
      if (month < 0 || (guint) month >= scale->months->len)
        continue;
      g_array_index (scale->months, MbMirrorScaleMonth, month).answers++;
      g_array_index (scale->months, MbMirrorScaleMonth, month).sum += rating->value;
    }
}

static void
count_entry (Tally       *tally,
             const Entry *entry)
{
  MbMirror *mirror = tally->mirror;

  mirror->conversations++;
  count_ratings (tally, entry, month_index (tally->first, entry->when));
  count_promises (tally, entry);
  if (entry->talk_seconds > 0 && entry->planned_minutes > 0)
    {
      mirror->timed++;
      mirror->talk_seconds += entry->talk_seconds;
      mirror->planned_seconds += (gint64) entry->planned_minutes * 60;
    }
  mirror->lens_flagged += entry->flagged;
  mirror->lens_rephrased += entry->rephrased;
}

static MbMirror *
mirror_new (MbMirrorPeriod period,
            GDateTime     *first,
            GDateTime     *now)
{
  MbMirror *mirror = g_new0 (MbMirror, 1);

  mirror->period = period;
  mirror->months = new_months (first, now);
  mirror->overdue = g_array_new (FALSE, TRUE, sizeof (MbMirrorOverdue));
  g_array_set_clear_func (mirror->overdue, (GDestroyNotify) overdue_clear);
  mirror->scales = g_array_new (FALSE, TRUE, sizeof (MbMirrorScale));
  g_array_set_clear_func (mirror->scales, (GDestroyNotify) scale_clear);
  return mirror;
}

/**
 * mb_mirror_compute:
 * @snapshot: what the journal holds, see mb_mirror_snapshot_new()
 * @now: the time it is, in the leader's time zone
 *
 * Returns: (transfer full): the leader's figures over @period up to @now
 */
MbMirror *
mb_mirror_compute (MbMirrorSnapshot *snapshot,
                   MbMirrorPeriod    period,
                   GDateTime        *now)
{
  g_autoptr(GDateTime) start = period_start (period, now);
  g_autoptr(GDateTime) first = start != NULL ? g_date_time_ref (start) : earliest (snapshot, now);
  g_autoptr(GHashTable) balances = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) scales = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) repairs = find_repairs (snapshot, now);
  g_autoptr(GString) key = g_string_new (NULL);
  MbMirror *mirror = mirror_new (period, first, now);
  GDate today;
  Tally tally = { mirror, first, &today, scales, repairs, key };

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));

  for (guint i = 0; i < snapshot->entries->len; i++)
    {
      const Entry *entry = &g_array_index (snapshot->entries, Entry, i);

      list_overdue (mirror, entry, &today);
      count_marbles (mirror, balances, entry, start);
      if (start == NULL || g_date_time_compare (entry->when, start) >= 0)
        count_entry (&tally, entry);
    }

  g_array_sort (mirror->overdue, compare_overdue);
  add_repairs (&tally);
  mirror->people = people_from (balances);
  return mirror;
}

/* How many conversations one turn of the main loop copies. */
#define COPIED_PER_TURN 500

typedef struct
{
  GPtrArray        *conversations;  /* still to copy, from next on */
  guint             next;
  MbMirrorSnapshot *snapshot;
  MbMirrorPeriod    period;
  GDateTime        *now;
} Job;

static void
job_free (Job *job)
{
  g_ptr_array_unref (job->conversations);
  mb_mirror_snapshot_free (job->snapshot);
  g_date_time_unref (job->now);
  g_free (job);
}

static void
compute_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Job *job = task_data;

  g_task_return_pointer (task, mb_mirror_compute (job->snapshot, job->period, job->now),
                         (GDestroyNotify) mb_mirror_free);
}

/* Copies some more conversations; once all are, computes in a worker. */
static gboolean
copy_cb (gpointer user_data)
{
  GTask *task = user_data;
  Job *job = g_task_get_task_data (task);
  guint end = MIN (job->next + COPIED_PER_TURN, job->conversations->len);

  if (g_task_return_error_if_cancelled (task))
    return G_SOURCE_REMOVE;

  for (; job->next < end; job->next++)
    snapshot_add (job->snapshot, g_ptr_array_index (job->conversations, job->next));
  if (job->next < job->conversations->len)
    return G_SOURCE_CONTINUE;

  g_task_run_in_thread (task, compute_in_thread);
  return G_SOURCE_REMOVE;
}

/**
 * mb_mirror_compute_async:
 *
 * Copies what the mirror needs of @journal here, a few hundred
 * conversations a turn of the main loop so that it never waits on it,
 * and computes the figures over @period up to @now in a worker. A
 * conversation deleted meanwhile may still be counted: ask again when
 * the journal changes.
 */
void
mb_mirror_compute_async (MbJournal          *journal,
                         MbMirrorPeriod      period,
                         GDateTime          *now,
                         GCancellable       *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer            user_data)
{
  GListModel *conversations = mb_journal_get_conversations (journal);
  guint n = g_list_model_get_n_items (conversations);
  GTask *task = mb_journal_task_new (journal, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  job->conversations = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (job->conversations, g_list_model_get_item (conversations, i));
  job->snapshot = snapshot_new (n);
  job->period = period;
  job->now = g_date_time_ref (now);
  g_task_set_source_tag (task, mb_mirror_compute_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, copy_cb, task, g_object_unref);
}

/**
 * mb_mirror_compute_finish:
 *
 * Returns: (transfer full) (nullable): the figures, or %NULL when
 *   cancelled
 */
MbMirror *
mb_mirror_compute_finish (GAsyncResult *result,
                          GError      **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
