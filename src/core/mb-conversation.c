/* mb-conversation.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One conversation with one person, held with one script: the answers
 * and notes of its three phases, the agreements made and the marbles
 * logged. It keeps a copy of the script it was held with, so it stays
 * readable when the script changes or goes, and every member of its
 * file that this version does not know, so a save keeps them. Every
 * change emits ::changed, which the journal saves.
 *
 * This file holds the object; its file format is in
 * mb-conversation-json.c, its search in mb-conversation-search.c, and
 * its agreements and marbles in mb-agreement.c and mb-marble.c, which
 * share its structs through mb-conversation-private.h.
 */

#define G_LOG_DOMAIN "mb-conversation"

#include "config.h"

#include "mb-conversation-private.h"
#include "mb-json.h"

G_DEFINE_QUARK (mb-conversation-error-quark, mb_conversation_error)

G_DEFINE_FINAL_TYPE (MbConversation, mb_conversation, G_TYPE_OBJECT)

/* What the talk timers read the time from. */
static MbClockFunc clock_now = g_get_monotonic_time;

enum {
  PROP_0,
  PROP_PHASE,
  PROP_STEP,
  PROP_FINISHED,
  PROP_TIMER_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  TEXT_REPLACED,
  SCALE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
_mb_conversation_emit_changed (MbConversation *self)
{
  g_clear_pointer (&self->search_text, g_free);
  g_signal_emit (self, signals[CHANGED], 0);
}

void
_mb_conversation_emit_text_replaced (MbConversation *self,
                                     MbTextKind      kind,
                                     const char     *key)
{
  g_signal_emit (self, signals[TEXT_REPLACED], 0, kind, key);
}

void
_mb_conversation_emit_scale_changed (MbConversation *self,
                                     const char     *key)
{
  g_signal_emit (self, signals[SCALE_CHANGED], 0, key);
}

char *
_mb_conversation_text_key (MbTextKind  kind,
                           const char *key)
{
  return g_strdup_printf ("%d/%s", kind, key != NULL ? key : "");
}

static void
mb_conversation_finalize (GObject *object)
{
  MbConversation *self = MB_CONVERSATION (object);

  g_clear_pointer (&self->original, json_node_unref);
  g_free (self->id);
  g_free (self->person_id);
  g_clear_object (&self->script);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->scheduled, g_date_time_unref);
  g_free (self->about_conversation);
  g_free (self->about_agreement);
  g_hash_table_unref (self->texts);
  g_hash_table_unref (self->scales);
  g_clear_object (&self->agreements);
  g_clear_object (&self->marbles);
  g_array_unref (self->kept_agreements);
  g_array_unref (self->kept_marbles);
  g_free (self->search_text);
  g_strfreev (self->revisions);

  G_OBJECT_CLASS (mb_conversation_parent_class)->finalize (object);
}

static void
mb_conversation_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MbConversation *self = MB_CONVERSATION (object);

  switch (prop_id)
    {
    case PROP_PHASE:
      g_value_set_enum (value, self->phase);
      break;

    case PROP_STEP:
      g_value_set_uint (value, self->step);
      break;

    case PROP_FINISHED:
      g_value_set_boolean (value, self->finished);
      break;

    case PROP_TIMER_RUNNING:
      g_value_set_boolean (value, self->timer_started != 0);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_conversation_class_init (MbConversationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mb_conversation_finalize;
  object_class->get_property = mb_conversation_get_property;

  properties[PROP_PHASE] =
    g_param_spec_enum ("phase", NULL, NULL,
                       MB_TYPE_PHASE, MB_PHASE_PREPARE,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_STEP] =
    g_param_spec_uint ("step", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_FINISHED] =
    g_param_spec_boolean ("finished", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TIMER_RUNNING] =
    g_param_spec_boolean ("timer-running", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MbConversation::changed:
   *
   * Something that is saved has changed.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * MbConversation::text-replaced:
   * @kind: a #MbTextKind
   * @key: (nullable): the question or step id, as for
   *   mb_conversation_get_text()
   *
   * A text was replaced as a whole by another version of it, taken in
   * from its file (see mb_conversation_update_from_json()), rather than
   * changed through mb_conversation_replace_text(): whatever shows it
   * takes it in again.
   */
  signals[TEXT_REPLACED] =
    g_signal_new ("text-replaced",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_STRING);

  /**
   * MbConversation::scale-changed:
   * @key: the id of the reflection question
   *
   * The value chosen on the scale of a reflection question changed,
   * here or in another version taken in from its file.
   */
  signals[SCALE_CHANGED] =
    g_signal_new ("scale-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
mb_conversation_init (MbConversation *self)
{
  self->texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) mb_text_free);
  self->scales = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->agreements = g_list_store_new (MB_TYPE_AGREEMENT);
  self->marbles = g_list_store_new (MB_TYPE_MARBLE);
  self->kept_agreements = mb_json_kept_new ();
  self->kept_marbles = mb_json_kept_new ();
}

/**
 * mb_conversation_new:
 * @person_id: who the conversation is with
 * @script: the script it is held with; the conversation keeps a copy
 * @scheduled: (nullable): when it is planned
 */
MbConversation *
mb_conversation_new (const char *person_id,
                     MbScript   *script,
                     GDateTime  *scheduled)
{
  MbConversation *self;

  g_return_val_if_fail (person_id != NULL, NULL);
  g_return_val_if_fail (MB_IS_SCRIPT (script), NULL);

  self = g_object_new (MB_TYPE_CONVERSATION, NULL);
  self->id = g_uuid_string_random ();
  self->person_id = g_strdup (person_id);
  self->script = g_object_ref (script);
  self->created = g_date_time_new_now_local ();
  self->scheduled = scheduled != NULL ? g_date_time_ref (scheduled) : NULL;
  return self;
}

const char *
mb_conversation_get_id (MbConversation *self)
{
  g_return_val_if_fail (MB_IS_CONVERSATION (self), NULL);

  return self->id;
}

/**
 * mb_conversation_get_file_version:
 *
 * Returns: the format version of the file @self was read from, which
 *   may be older than %MB_CONVERSATION_FORMAT_VERSION; 0 for a new one
 */
guint
mb_conversation_get_file_version (MbConversation *self)
{
  g_return_val_if_fail (MB_IS_CONVERSATION (self), 0);

  return self->file_version;
}

const char *
mb_conversation_get_person_id (MbConversation *self)
{
  g_return_val_if_fail (MB_IS_CONVERSATION (self), NULL);

  return self->person_id;
}

/**
 * mb_conversation_get_script:
 *
 * Returns: (transfer none): the script as the conversation was held with it
 */
MbScript *
mb_conversation_get_script (MbConversation *self)
{
  g_return_val_if_fail (MB_IS_CONVERSATION (self), NULL);

  return self->script;
}

GDateTime *
mb_conversation_get_created (MbConversation *self)
{
  g_return_val_if_fail (MB_IS_CONVERSATION (self), NULL);

  return self->created;
}

/**
 * mb_conversation_get_scheduled:
 *
 * Returns: (nullable): when the conversation was planned, if it was
 */
GDateTime *
mb_conversation_get_scheduled (MbConversation *self)
{
  g_return_val_if_fail (MB_IS_CONVERSATION (self), NULL);

  return self->scheduled;
}

/**
 * mb_conversation_is_upcoming:
 * @now: the time it is
 *
 * Returns: whether the conversation is planned for a time from the
 *   start of the day of @now on, and is not yet begun (still in its
 *   Prepare phase, not finished)
 */
gboolean
mb_conversation_is_upcoming (MbConversation *self,
                             GDateTime      *now)
{
  g_autoptr(GDateTime) today = NULL;

  g_return_val_if_fail (MB_IS_CONVERSATION (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (self->scheduled == NULL || self->finished || self->phase != MB_PHASE_PREPARE)
    return FALSE;

  today = g_date_time_new (g_date_time_get_timezone (now), g_date_time_get_year (now),
                           g_date_time_get_month (now), g_date_time_get_day_of_month (now), 0, 0, 0);
  return g_date_time_compare (self->scheduled, today) >= 0;
}

/**
 * mb_conversation_get_when:
 *
 * Returns: (transfer none): when the conversation is or was: the planned
 *   time if there is one, else when it was started
 */
GDateTime *
mb_conversation_get_when (MbConversation *self)
{
  g_return_val_if_fail (MB_IS_CONVERSATION (self), NULL);

  return self->scheduled != NULL ? self->scheduled : self->created;
}

/**
 * mb_conversation_get_about:
 * @conversation_id: (out) (optional) (transfer none): the conversation
 *   the promise was made in
 * @agreement_id: (out) (optional) (transfer none): the promise's id there
 *
 * Returns: whether the conversation is about a promise of the leader's
 *   (to repair or renegotiate it); when not, both are set to %NULL
 */
gboolean
mb_conversation_get_about (MbConversation  *self,
                           const char     **conversation_id,
                           const char     **agreement_id)
{
  g_return_val_if_fail (MB_IS_CONVERSATION (self), FALSE);

  if (conversation_id != NULL)
    *conversation_id = self->about_conversation;
  if (agreement_id != NULL)
    *agreement_id = self->about_agreement;
  return self->about_agreement != NULL;
}

/**
 * mb_conversation_set_about:
 * @agreement: a promise, in a conversation
 *
 * Makes the conversation one about @agreement. Set once, when it is
 * started about the promise.
 */
void
mb_conversation_set_about (MbConversation *self,
                           MbAgreement    *agreement)
{
  g_return_if_fail (MB_IS_CONVERSATION (self));
  g_return_if_fail (MB_IS_AGREEMENT (agreement));
  g_return_if_fail (agreement->conversation != NULL);

  g_free (self->about_conversation);
  g_free (self->about_agreement);
  self->about_conversation = g_strdup (agreement->conversation->id);
  self->about_agreement = g_strdup (agreement->id);
  _mb_conversation_emit_changed (self);
}

MbPhase
mb_conversation_get_phase (MbConversation *self)
{
  g_return_val_if_fail (MB_IS_CONVERSATION (self), MB_PHASE_PREPARE);

  return self->phase;
}

void
mb_conversation_set_phase (MbConversation *self,
                           MbPhase         phase)
{
  g_return_if_fail (MB_IS_CONVERSATION (self));
  g_return_if_fail (phase <= MB_PHASE_REFLECT);

  if (self->phase == phase)
    return;

  self->keep &= ~KEEP_PHASE;
  self->phase = phase;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHASE]);
  _mb_conversation_emit_changed (self);
}

guint
mb_conversation_get_step (MbConversation *self)
{
  g_return_val_if_fail (MB_IS_CONVERSATION (self), 0);

  return self->step;
}

/**
 * mb_conversation_set_step:
 * @step: the step on screen, counting from 0
 */
void
mb_conversation_set_step (MbConversation *self,
                          guint           step)
{
  g_return_if_fail (MB_IS_CONVERSATION (self));
  g_return_if_fail (step < mb_script_get_steps (self->script)->len);

  if (self->step == step)
    return;

  self->keep &= ~KEEP_STEP;
  self->step = step;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
  _mb_conversation_emit_changed (self);
}

gboolean
mb_conversation_get_finished (MbConversation *self)
{
  g_return_val_if_fail (MB_IS_CONVERSATION (self), FALSE);

  return self->finished;
}

void
mb_conversation_set_finished (MbConversation *self,
                              gboolean        finished)
{
  g_return_if_fail (MB_IS_CONVERSATION (self));

  if (self->finished == !!finished)
    return;

  self->keep &= ~KEEP_FINISHED;
  /* A finished conversation is over: its timer stands still. */
  if (finished)
    mb_conversation_set_timer_running (self, FALSE);
  self->finished = !!finished;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINISHED]);
  _mb_conversation_emit_changed (self);
}

/**
 * mb_conversation_get_text:
 * @key: (nullable): the question or step id; %NULL for the free notes
 *
 * Returns: the text, "" when none was written
 */
const char *
mb_conversation_get_text (MbConversation *self,
                          MbTextKind      kind,
                          const char     *key)
{
  g_autofree char *hash_key = NULL;
  MbText *text;

  g_return_val_if_fail (MB_IS_CONVERSATION (self), NULL);

  hash_key = _mb_conversation_text_key (kind, key);
  text = g_hash_table_lookup (self->texts, hash_key);
  return text != NULL ? mb_text_get (text) : "";
}

void
mb_conversation_set_text (MbConversation *self,
                          MbTextKind      kind,
                          const char     *key,
                          const char     *text)
{
  g_return_if_fail (MB_IS_CONVERSATION (self));
  g_return_if_fail (text != NULL);

  if (g_strcmp0 (mb_conversation_get_text (self, kind, key), text) == 0)
    return;

  g_hash_table_insert (self->texts, _mb_conversation_text_key (kind, key), mb_text_new (text));
  _mb_conversation_emit_changed (self);
}

/**
 * mb_conversation_get_scale:
 * @key: the id of a reflection question with a scale
 *
 * Returns: the value chosen on the question's scale, from %MB_SCALE_MIN
 *   to %MB_SCALE_MAX, or 0 when none was (a value out of that range in
 *   the file counts as none, and stays in the file until one is chosen)
 */
guint
mb_conversation_get_scale (MbConversation *self,
                           const char     *key)
{
  g_return_val_if_fail (MB_IS_CONVERSATION (self), 0);
  g_return_val_if_fail (key != NULL, 0);

  return GPOINTER_TO_UINT (g_hash_table_lookup (self->scales, key));
}

/**
 * mb_conversation_set_scale:
 * @key: the id of a reflection question with a scale
 * @value: from %MB_SCALE_MIN to %MB_SCALE_MAX, or 0 for none
 *
 * Chooses a value on the question's scale, or clears it.
 */
void
mb_conversation_set_scale (MbConversation *self,
                           const char     *key,
                           guint           value)
{
  g_return_if_fail (MB_IS_CONVERSATION (self));
  g_return_if_fail (key != NULL);
  g_return_if_fail (value == 0 || (value >= MB_SCALE_MIN && value <= MB_SCALE_MAX));

  if (mb_conversation_get_scale (self, key) == value)
    return;

  g_hash_table_insert (self->scales, g_strdup (key), GUINT_TO_POINTER (value));
  _mb_conversation_emit_scale_changed (self, key);
  _mb_conversation_emit_changed (self);
}

/* How many bytes all the texts hold together. */
static gsize
count_text_bytes (MbConversation *self)
{
  GHashTableIter iter;
  gpointer text;
  gsize total = 0;

  g_hash_table_iter_init (&iter, self->texts);
  while (g_hash_table_iter_next (&iter, NULL, &text))
    total += mb_text_get_size (text);
  return total;
}

/**
 * mb_conversation_replace_text:
 * @key: (nullable): the question or step id; %NULL for the free notes
 * @position: where, in characters from the start of the text
 * @n_removed: how many characters to take out there
 * @inserted: what to put in their place
 * @length: its length in bytes, or -1 when it ends in a NUL
 *
 * Changes a part of a text, as a text field does for each key. A change
 * that would make the conversation hold more than %MB_TEXT_MAX_BYTES, or
 * make a paragraph longer than %MB_TEXT_MAX_PARAGRAPH_CHARS characters
 * (and than it was), is refused; taking text out never is.
 *
 * Returns: %TRUE when the text was changed
 */
gboolean
mb_conversation_replace_text (MbConversation  *self,
                              MbTextKind       kind,
                              const char      *key,
                              gsize            position,
                              gsize            n_removed,
                              const char      *inserted,
                              gssize           length,
                              GError         **error)
{
  g_autofree char *hash_key = NULL;
  MbText *text;
  gsize removed;
  gsize total;
  gsize longest;
  gsize before;

  g_return_val_if_fail (MB_IS_CONVERSATION (self), FALSE);
  g_return_val_if_fail (inserted != NULL, FALSE);

  if (length < 0)
    length = strlen (inserted);
  hash_key = _mb_conversation_text_key (kind, key);
  text = g_hash_table_lookup (self->texts, hash_key);
  if (text == NULL)
    {
      text = mb_text_new ("");
      g_hash_table_insert (self->texts, g_steal_pointer (&hash_key), text);
    }

  removed = mb_text_measure (text, position, n_removed);
  if (removed == 0 && length == 0)
    return TRUE;
  total = count_text_bytes (self) - removed + length;
  if ((gsize) length > removed && total > MB_TEXT_MAX_BYTES)
    {
      mb_text_set_too_large_error (error, total);
      return FALSE;
    }
  longest = mb_text_longest_after_splice (text, position, n_removed, inserted, length, &before);
  if (longest > MB_TEXT_MAX_PARAGRAPH_CHARS && longest > before)
    {
      mb_text_set_too_long_error (error);
      return FALSE;
    }

  mb_text_splice (text, position, n_removed, inserted, length);
  _mb_conversation_emit_changed (self);
  return TRUE;
}

/**
 * mb_conversation_get_talk_seconds:
 *
 * Returns: how long the talk has lasted, in seconds, not counting pauses
 */
gint64
mb_conversation_get_talk_seconds (MbConversation *self)
{
  g_return_val_if_fail (MB_IS_CONVERSATION (self), 0);

  if (self->timer_started == 0)
    return self->talk_seconds;
  return self->talk_seconds + MAX (0, clock_now () - self->timer_started) / G_USEC_PER_SEC;
}

/* Takes @seconds, the time of the talk in another version of the file,
 * as the time so far. A timer running here goes on from there, with the
 * part of a second it had run: the version holds the seconds counted here
 * too, merged with those (see mb_conversation_update_from_json()).
 */
void
_mb_conversation_take_talk_seconds (MbConversation *self,
                                    gint64          seconds)
{
  if (self->timer_started != 0)
    {
      gint64 now = clock_now ();

      self->timer_started = MAX (1, now - MAX (0, now - self->timer_started) % G_USEC_PER_SEC);
    }
  self->talk_seconds = seconds;
}

gboolean
mb_conversation_get_timer_running (MbConversation *self)
{
  g_return_val_if_fail (MB_IS_CONVERSATION (self), FALSE);

  return self->timer_started != 0;
}

/**
 * mb_conversation_set_timer_running:
 *
 * Starts or pauses the talk timer. A running timer is not saved as
 * running: reopened, the conversation starts paused at the time it had.
 * The timer of a finished conversation does not start.
 */
void
mb_conversation_set_timer_running (MbConversation *self,
                                   gboolean        running)
{
  g_return_if_fail (MB_IS_CONVERSATION (self));

  if (mb_conversation_get_timer_running (self) == !!running || (running && self->finished))
    return;

  self->keep &= ~KEEP_SECONDS;
  if (running)
    {
      /* Never 0, which means paused. */
      self->timer_started = MAX (1, clock_now ());
    }
  else
    {
      self->talk_seconds = mb_conversation_get_talk_seconds (self);
      self->timer_started = 0;
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMER_RUNNING]);
  _mb_conversation_emit_changed (self);
}

/**
 * mb_conversation_get_lens_counts:
 * @flagged: (out) (optional): how many judgements the lens flagged as
 *   the leader wrote the conversation's texts
 * @rephrased: (out) (optional): how many of those the leader wrote
 *   again, so that the lens no longer flags them; never more than
 *   @flagged
 */
void
mb_conversation_get_lens_counts (MbConversation *self,
                                 guint          *flagged,
                                 guint          *rephrased)
{
  g_return_if_fail (MB_IS_CONVERSATION (self));

  if (flagged != NULL)
    *flagged = self->lens_flagged;
  if (rephrased != NULL)
    *rephrased = MIN (self->lens_rephrased, self->lens_flagged);
}

/**
 * mb_conversation_count_lens:
 * @flagged: judgements the lens newly flagged in what the leader wrote
 * @rephrased: flagged judgements the leader has written again
 *
 * Adds to the conversation's counts of the judgement lens. What is
 * rephrased is counted up to what was flagged: a judgement written
 * before the lens counted, then rephrased, is not counted.
 */
void
mb_conversation_count_lens (MbConversation *self,
                            guint           flagged,
                            guint           rephrased)
{
  guint was_flagged = 0, was_rephrased = 0;

  g_return_if_fail (MB_IS_CONVERSATION (self));

  if (flagged == 0 && rephrased == 0)
    return;

  mb_conversation_get_lens_counts (self, &was_flagged, &was_rephrased);
  self->keep &= ~KEEP_LENS;
  self->lens_flagged = was_flagged + MIN (flagged, G_MAXINT - was_flagged);
  self->lens_rephrased = was_rephrased + MIN (rephrased, self->lens_flagged - was_rephrased);
  if (self->lens_flagged != was_flagged || self->lens_rephrased != was_rephrased)
    _mb_conversation_emit_changed (self);
}

/**
 * mb_conversation_set_clock:
 * @clock: (nullable): what the talk timers read the time from, in
 *   microseconds that only go forward, as g_get_monotonic_time(); %NULL
 *   for that function itself
 *
 * For tests, which cannot wait minutes for a timer to run.
 */
void
mb_conversation_set_clock (MbClockFunc clock)
{
  clock_now = clock != NULL ? clock : g_get_monotonic_time;
}

/**
 * mb_conversation_get_agreements:
 *
 * Returns: (transfer none): a #GListModel of #MbAgreement
 */
GListModel *
mb_conversation_get_agreements (MbConversation *self)
{
  g_return_val_if_fail (MB_IS_CONVERSATION (self), NULL);

  return G_LIST_MODEL (self->agreements);
}

/**
 * mb_conversation_add_agreement:
 * @text: what was agreed
 * @promised_by: who promised it
 * @due: (nullable): when it is due
 *
 * Returns: (transfer none): the new agreement, open
 */
MbAgreement *
mb_conversation_add_agreement (MbConversation *self,
                               const char     *text,
                               MbPromisedBy    promised_by,
                               GDate          *due)
{
  g_autoptr(MbAgreement) agreement = NULL;

  g_return_val_if_fail (MB_IS_CONVERSATION (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  agreement = g_object_new (MB_TYPE_AGREEMENT, NULL);
  agreement->conversation = self;
  agreement->id = g_uuid_string_random ();
  agreement->text = g_strdup (text);
  agreement->promised_by = promised_by;
  agreement->created = g_date_time_new_now_local ();
  if (due != NULL && g_date_valid (due))
    agreement->due = g_date_copy (due);

  g_list_store_append (self->agreements, agreement);
  _mb_conversation_emit_changed (self);
  return agreement;
}

void
mb_conversation_remove_agreement (MbConversation *self,
                                  MbAgreement    *agreement)
{
  guint position;

  g_return_if_fail (MB_IS_CONVERSATION (self));

  if (g_list_store_find (self->agreements, agreement, &position))
    {
      agreement->conversation = NULL;
      g_list_store_remove (self->agreements, position);
      _mb_conversation_emit_changed (self);
    }
}

/**
 * mb_conversation_get_n_kept_agreements:
 *
 * Returns: how many agreements the file holds that this version cannot
 *   show; they are written back as they were
 */
guint
mb_conversation_get_n_kept_agreements (MbConversation *self)
{
  g_return_val_if_fail (MB_IS_CONVERSATION (self), 0);

  return self->kept_agreements->len;
}

/**
 * mb_conversation_get_marbles:
 *
 * Returns: (transfer none): a #GListModel of #MbMarble, in the order logged
 */
GListModel *
mb_conversation_get_marbles (MbConversation *self)
{
  g_return_val_if_fail (MB_IS_CONVERSATION (self), NULL);

  return G_LIST_MODEL (self->marbles);
}

/**
 * mb_conversation_add_marble:
 * @in: %TRUE for a marble in the jar, %FALSE for one out
 * @reason: what built or cost trust
 *
 * Returns: (transfer none): the new marble
 */
MbMarble *
mb_conversation_add_marble (MbConversation *self,
                            gboolean        in,
                            const char     *reason)
{
  g_autoptr(MbMarble) marble = NULL;

  g_return_val_if_fail (MB_IS_CONVERSATION (self), NULL);
  g_return_val_if_fail (reason != NULL, NULL);

  marble = g_object_new (MB_TYPE_MARBLE, NULL);
  marble->id = g_uuid_string_random ();
  marble->in = !!in;
  marble->reason = g_strdup (reason);
  marble->created = g_date_time_new_now_local ();

  g_list_store_append (self->marbles, marble);
  _mb_conversation_emit_changed (self);
  return marble;
}

void
mb_conversation_remove_marble (MbConversation *self,
                               MbMarble       *marble)
{
  guint position;

  g_return_if_fail (MB_IS_CONVERSATION (self));

  if (g_list_store_find (self->marbles, marble, &position))
    {
      g_list_store_remove (self->marbles, position);
      _mb_conversation_emit_changed (self);
    }
}

/**
 * mb_conversation_get_n_kept_marbles:
 *
 * Returns: how many marbles the file holds that this version cannot
 *   show; they are written back as they were
 */
guint
mb_conversation_get_n_kept_marbles (MbConversation *self)
{
  g_return_val_if_fail (MB_IS_CONVERSATION (self), 0);

  return self->kept_marbles->len;
}
