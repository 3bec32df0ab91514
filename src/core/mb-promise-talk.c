/* mb-promise-talk.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A conversation about a promise of the leader's, when the app knows the
 * situation: a promise marked not kept, or one still open. Which script
 * fits it, and where in the new conversation the promise is written.
 *
 * A promise broken, or open past its day, is a mistake to own: the
 * other person has waited in vain. A promise still open in time is one
 * to renegotiate while that can still be done honestly. Both scripts
 * are offered; this says which comes first.
 *
 * A conversation started about a promise names it ("about" in its file),
 * so that the mirror and the person's page can say whether the promise
 * was talked about: the conversation is planned until it is held, that
 * is until it reached its Talk phase, was marked finished, or the time
 * it was planned for has passed.
 */

#define G_LOG_DOMAIN "mb-promise-talk"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-promise-talk.h"
#include "mb-wording.h"

/* The preparation question of each script that asks about the promise. */
static const struct
{
  const char *script_id;
  const char *question_id;
} promise_questions[] = {
  /* “What exactly did you do, or fail to do?” */
  { MB_SCRIPT_OWN_A_MISTAKE, "what-i-did" },
  /* “What exactly did you promise, to whom and by when?” */
  { MB_SCRIPT_RENEGOTIATE_A_PROMISE, "the-promise" },
};

/**
 * mb_promise_talk_offered:
 *
 * Returns: whether a conversation about @agreement is for the leader to
 *   offer: a promise they made, alone or with the other person, that
 *   was not kept or is still open
 */
gboolean
mb_promise_talk_offered (MbAgreement *agreement)
{
  g_return_val_if_fail (MB_IS_AGREEMENT (agreement), FALSE);

  return mb_agreement_get_promised_by (agreement) != MB_PROMISED_BY_THEM &&
         mb_agreement_get_status (agreement) != MB_AGREEMENT_KEPT;
}

/**
 * mb_promise_talk_was_held:
 * @scheduled: (nullable): when the conversation was planned for
 * @now: the time it is
 *
 * Returns: whether a conversation in @phase, @finished or not, planned
 *   for @scheduled, took place: it went past its preparation, was marked
 *   finished, or the time it was planned for has passed. One without a
 *   time that is still being prepared is not held yet.
 */
gboolean
mb_promise_talk_was_held (MbPhase    phase,
                          gboolean   finished,
                          GDateTime *scheduled,
                          GDateTime *now)
{
  g_return_val_if_fail (now != NULL, FALSE);

  return phase != MB_PHASE_PREPARE || finished ||
         (scheduled != NULL && g_date_time_compare (scheduled, now) <= 0);
}

/* Of two conversations about one promise, whether @a tells more than @b:
 * one held over one planned; of two held, the later; of two planned, the
 * sooner.
 */
static gboolean
tells_more (MbConversation *a,
            MbRepair        a_repair,
            MbConversation *b,
            MbRepair        b_repair)
{
  int order;

  if (b == NULL || a_repair != b_repair)
    return b == NULL || a_repair > b_repair;
  order = g_date_time_compare (mb_conversation_get_when (a), mb_conversation_get_when (b));
  return a_repair == MB_REPAIR_HELD ? order > 0 : order < 0;
}

/**
 * mb_promise_talk_find:
 * @conversations: (element-type MbConversation): where to look, such as
 *   those with the person the promise was made to
 * @agreed_in_id: the id of the conversation @agreement was made in
 * @now: the time it is
 * @repair: (out): whether the conversation found was held, or
 *   %MB_REPAIR_NONE when there is none
 *
 * Returns: (transfer none) (nullable): the conversation about @agreement
 *   that tells most: the last one held, or else the next one planned
 */
MbConversation *
mb_promise_talk_find (GPtrArray   *conversations,
                      MbAgreement *agreement,
                      const char  *agreed_in_id,
                      GDateTime   *now,
                      MbRepair    *repair)
{
  MbConversation *found = NULL;

  g_return_val_if_fail (conversations != NULL, NULL);
  g_return_val_if_fail (MB_IS_AGREEMENT (agreement), NULL);
  g_return_val_if_fail (repair != NULL, NULL);

  *repair = MB_REPAIR_NONE;
  for (guint i = 0; i < conversations->len; i++)
    {
      MbConversation *conversation = g_ptr_array_index (conversations, i);
      const char *conversation_id, *agreement_id;
      MbRepair state;

      if (!mb_conversation_get_about (conversation, &conversation_id, &agreement_id) ||
          g_strcmp0 (conversation_id, agreed_in_id) != 0 ||
          g_strcmp0 (agreement_id, mb_agreement_get_id (agreement)) != 0)
        continue;
      state = mb_promise_talk_was_held (mb_conversation_get_phase (conversation),
                                        mb_conversation_get_finished (conversation),
                                        mb_conversation_get_scheduled (conversation), now)
              ? MB_REPAIR_HELD : MB_REPAIR_PLANNED;
      if (tells_more (conversation, state, found, *repair))
        {
          found = conversation;
          *repair = state;
        }
    }
  return found;
}

/**
 * mb_promise_talk_scripts:
 *
 * Returns: (transfer none): the ids of the scripts for a conversation
 *   about a promise, ending in %NULL
 */
const char * const *
mb_promise_talk_scripts (void)
{
  static const char * const ids[] = { MB_SCRIPT_OWN_A_MISTAKE, MB_SCRIPT_RENEGOTIATE_A_PROMISE, NULL };

  return ids;
}

/**
 * mb_promise_talk_script:
 * @agreement: a promise mb_promise_talk_offered() offers a conversation about
 * @today: the day it is
 *
 * Returns: the id of the script to choose first: owning a mistake for a
 *   promise not kept or open past its due day, renegotiating for one
 *   still open in time
 */
const char *
mb_promise_talk_script (MbAgreement *agreement,
                        GDate       *today)
{
  GDate *due;

  g_return_val_if_fail (MB_IS_AGREEMENT (agreement), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  if (mb_agreement_get_status (agreement) == MB_AGREEMENT_NOT_KEPT)
    return MB_SCRIPT_OWN_A_MISTAKE;

  due = mb_agreement_get_due (agreement);
  if (due != NULL && g_date_valid (due) && g_date_compare (due, today) < 0)
    return MB_SCRIPT_OWN_A_MISTAKE;
  return MB_SCRIPT_RENEGOTIATE_A_PROMISE;
}

/**
 * mb_promise_talk_note:
 *
 * Returns: (transfer full): the line about @agreement that the new
 *   conversation starts with: “The promise: “Send the plan” (due 28 Nov
 *   2026).”
 */
char *
mb_promise_talk_note (MbAgreement *agreement)
{
  gboolean both;
  GDate *due;
  g_autofree char *day = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (MB_IS_AGREEMENT (agreement), NULL);

  both = mb_agreement_get_promised_by (agreement) == MB_PROMISED_BY_BOTH;
  /* As long as one can be typed: a file may hold a longer one, and a
   * text field takes a paragraph of at most MB_TEXT_MAX_PARAGRAPH_CHARS.
   */
  text = mb_text_excerpt (mb_agreement_get_text (agreement), MB_TEXT_MAX_LINE_CHARS);
  due = mb_agreement_get_due (agreement);
  if (due != NULL && g_date_valid (due))
    day = mb_wording_date (due);

  if (day == NULL || *day == '\0')
    /* Translators: the start of the preparation of a conversation about
     * a promise; %s is the promise
     */
    return g_strdup_printf (both ? _("The promise we both made: “%s”.") : _("The promise: “%s”."), text);

  /* Translators: the start of the preparation of a conversation about a
   * promise: “The promise: “Send the plan by Friday” (due 28 Nov 2026).”
   */
  return g_strdup_printf (both ? _("The promise we both made: “%s” (due %s).") : _("The promise: “%s” (due %s)."),
                          text, day);
}

/* The key of @script's preparation question about the promise, if it
 * has one: a script of the user's may replace a bundled one.
 */
static const char *
find_promise_question (MbScript *script)
{
  GPtrArray *questions = mb_script_get_preparation (script);

  for (guint i = 0; i < G_N_ELEMENTS (promise_questions); i++)
    {
      if (!g_str_equal (promise_questions[i].script_id, mb_script_get_id (script)))
        continue;

      for (guint j = 0; j < questions->len; j++)
        {
          const char *id = mb_script_question_get_id (g_ptr_array_index (questions, j));

          if (g_str_equal (id, promise_questions[i].question_id))
            return id;
        }
    }

  return NULL;
}

/**
 * mb_promise_talk_put:
 * @key: (out) (optional) (transfer none): where the promise went: the
 *   question's id, or %NULL for the free notes
 *
 * Writes mb_promise_talk_note() into the preparation of @conversation:
 * as the start of the answer to the question that asks about the
 * promise, or else in the free preparation notes; after what is there
 * already, if anything is.
 *
 * Returns: %MB_TEXT_PREPARATION or %MB_TEXT_PREPARATION_NOTES
 */
MbTextKind
mb_promise_talk_put (MbConversation  *conversation,
                     MbAgreement     *agreement,
                     const char     **key)
{
  const char *question = NULL;
  MbTextKind kind = MB_TEXT_PREPARATION_NOTES;
  g_autofree char *note = NULL;
  const char *before;

  g_return_val_if_fail (MB_IS_CONVERSATION (conversation), MB_TEXT_PREPARATION_NOTES);
  g_return_val_if_fail (MB_IS_AGREEMENT (agreement), MB_TEXT_PREPARATION_NOTES);

  question = find_promise_question (mb_conversation_get_script (conversation));
  if (question != NULL)
    kind = MB_TEXT_PREPARATION;

  note = mb_promise_talk_note (agreement);
  before = mb_conversation_get_text (conversation, kind, question);
  if (*before == '\0')
    mb_conversation_set_text (conversation, kind, question, note);
  else
    {
      g_autofree char *both = g_strconcat (before, "\n\n", note, NULL);

      mb_conversation_set_text (conversation, kind, question, both);
    }

  if (key != NULL)
    *key = question;
  return kind;
}
