/* mb-export.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A conversation, or everything about one person, as a document to keep
 * or print, in the user's language: blocks of plain text (mb-document.c)
 * that the Markdown writer and the print layout both show.
 */

#define G_LOG_DOMAIN "mb-export"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-export.h"
#include "mb-wording.h"

static gboolean
is_written (const char *text)
{
  for (; *text != '\0'; text++)
    {
      if (!g_ascii_isspace (*text))
        return TRUE;
    }

  return FALSE;
}

/* “Send the plan · I promised · due 1 Dec 2026 · open”; @agreed is the
 * day of the conversation, given when the list gathers agreements from
 * more than one.
 */
static void
add_agreement (MbDocument  *doc,
               MbAgreement *agreement,
               gboolean     with_status,
               GDateTime   *agreed)
{
  g_auto(GStrv) parts = mb_wording_agreement_parts (agreement, agreed, with_status);
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();

  g_ptr_array_add (fields, (char *) mb_agreement_get_text (agreement));
  for (guint i = 0; parts[i] != NULL; i++)
    g_ptr_array_add (fields, parts[i]);
  g_ptr_array_add (fields, NULL);
  mb_document_add_item (doc, NULL, (const char * const *) fields->pdata);
}

/* Each question of @questions that has an answer: the question as a
 * label, then the value chosen on its scale, if any, and the answer.
 */
static void
add_answers (MbDocument     *doc,
             MbConversation *conversation,
             MbTextKind      kind,
             GPtrArray      *questions)
{
  for (guint i = 0; i < questions->len; i++)
    {
      MbScriptQuestion *question = g_ptr_array_index (questions, i);
      const char *id = mb_script_question_get_id (question);
      const char *answer = mb_conversation_get_text (conversation, kind, id);
      guint value = kind == MB_TEXT_REFLECTION && mb_script_question_has_scale (question)
                    ? mb_conversation_get_scale (conversation, id) : 0;

      if (!is_written (answer) && value == 0)
        continue;

      mb_document_add_label (doc, mb_localized_get (mb_script_question_get_text (question)));
      if (value != 0)
        {
          g_autofree char *described = mb_script_question_describe_scale (question, value);

          mb_document_add_paragraph (doc, described);
        }
      if (is_written (answer))
        mb_document_add_text (doc, answer);
    }
}

static void
add_preparation (MbDocument     *doc,
                 MbConversation *conversation,
                 guint           level)
{
  MbScript *script = mb_conversation_get_script (conversation);
  const char *notes = mb_conversation_get_text (conversation, MB_TEXT_PREPARATION_NOTES, NULL);

  add_answers (doc, conversation, MB_TEXT_PREPARATION, mb_script_get_preparation (script));
  if (is_written (notes))
    {
      mb_document_add_label (doc, _("Notes"));
      mb_document_add_text (doc, notes);
    }
}

static char *
describe_minutes (guint minutes)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes", minutes), minutes);
}

static void
add_talk_time (MbDocument     *doc,
               MbConversation *conversation)
{
  gint64 seconds = mb_conversation_get_talk_seconds (conversation);
  guint planned = mb_script_get_duration_minutes (mb_conversation_get_script (conversation));
  g_autofree char *talked = NULL;
  g_autofree char *text = NULL;

  if (seconds <= 0)
    return;

  talked = describe_minutes (MAX (1, (seconds + 30) / 60));
  if (planned > 0)
    {
      g_autofree char *plan = describe_minutes (planned);

      /* Translators: “Talk time: 12 minutes (planned: 30 minutes)” */
      text = g_strdup_printf (_("Talk time: %s (planned: %s)"), talked, plan);
    }
  else
    {
      /* Translators: “Talk time: 12 minutes” */
      text = g_strdup_printf (_("Talk time: %s"), talked);
    }

  mb_document_add_paragraph (doc, text);
}

static void
add_talk (MbDocument     *doc,
          MbConversation *conversation,
          guint           level)
{
  GPtrArray *steps = mb_script_get_steps (mb_conversation_get_script (conversation));

  add_talk_time (doc, conversation);
  for (guint i = 0; i < steps->len; i++)
    {
      MbScriptStep *step = g_ptr_array_index (steps, i);
      const char *notes = mb_conversation_get_text (conversation, MB_TEXT_STEP_NOTES,
                                                    mb_script_step_get_id (step));

      if (!is_written (notes))
        continue;

      mb_document_add_heading (doc, level + 1, mb_localized_get (mb_script_step_get_title (step)));
      mb_document_add_text (doc, notes);
    }
}

static void
add_agreements (MbDocument     *doc,
                MbConversation *conversation,
                guint           level)
{
  GListModel *agreements = mb_conversation_get_agreements (conversation);
  const char *draft = mb_conversation_get_text (conversation, MB_TEXT_AGREEMENT_DRAFT, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (agreements); i++)
    {
      g_autoptr(MbAgreement) agreement = g_list_model_get_item (agreements, i);

      add_agreement (doc, agreement, TRUE, NULL);
    }
  /* Typed and never added: the leader's text, not an agreement. */
  if (is_written (draft))
    {
      /* Translators: before an agreement typed and not added, in an export:
       * “Not added yet: Send the plan by” */
      mb_document_add_item (doc, _("Not added yet:"), (const char *[]) { draft, NULL });
    }
}

static void
add_marbles (MbDocument     *doc,
             MbConversation *conversation,
             guint           level)
{
  GListModel *marbles = mb_conversation_get_marbles (conversation);

  for (guint i = 0; i < g_list_model_get_n_items (marbles); i++)
    {
      g_autoptr(MbMarble) marble = g_list_model_get_item (marbles, i);
      /* Translators: a marble in the jar, in an export: “In: kept the promise” */
      const char *label = mb_marble_is_in (marble) ? C_("marble", "In:") : C_("marble", "Out:");

      mb_document_add_item (doc, label, (const char *[]) { mb_marble_get_reason (marble), NULL });
    }
  /* Reasons typed and never added: the leader's text, not marbles. */
  for (guint i = 0; i < 2; i++)
    {
      const char *draft = mb_conversation_get_text (conversation, MB_TEXT_MARBLE_DRAFT, i == 0 ? "in" : "out");

      /* Translators: before the reason of a marble typed and not added, in an export:
       * “Not added yet, in: kept the promise to” */
      if (is_written (draft))
        mb_document_add_item (doc, i == 0 ? C_("marble", "Not added yet, in:") : C_("marble", "Not added yet, out:"),
                              (const char *[]) { draft, NULL });
    }
}

static void
add_reflection (MbDocument     *doc,
                MbConversation *conversation,
                guint           level)
{
  add_answers (doc, conversation, MB_TEXT_REFLECTION,
               mb_script_get_reflection (mb_conversation_get_script (conversation)));
}

typedef void (*AddSection) (MbDocument     *doc,
                            MbConversation *conversation,
                            guint           level);

/* The section under its heading, or nothing when it would be empty. */
static gboolean
add_section (MbDocument     *doc,
             MbConversation *conversation,
             guint           level,
             const char     *heading,
             AddSection      add)
{
  g_autoptr(MbDocument) body = mb_document_new ();

  add (body, conversation, level);
  if (mb_document_get_n_blocks (body) == 0)
    return FALSE;

  mb_document_add_heading (doc, level, heading);
  mb_document_append (doc, body);
  return TRUE;
}

/* The conversation under a heading of @level; @person NULL leaves the
 * name out.
 */
static void
add_conversation (MbDocument     *doc,
                  MbConversation *conversation,
                  MbPerson       *person,
                  guint           level)
{
  const char *title = mb_localized_get (mb_script_get_title (mb_conversation_get_script (conversation)));
  g_autofree char *heading = NULL;
  g_autofree char *day = mb_wording_day (mb_conversation_get_when (conversation));
  gboolean written = FALSE;

  if (person != NULL)
    {
      /* Translators: the title of an exported conversation: the script, then the person */
      heading = g_strdup_printf (_("%s with %s"), title, mb_person_get_name (person));
    }
  mb_document_add_heading (doc, level, heading != NULL ? heading : title);
  mb_document_add_paragraph (doc, day);

  written |= add_section (doc, conversation, level + 1, C_("export", "Preparation"), add_preparation);
  written |= add_section (doc, conversation, level + 1, C_("export", "Talk"), add_talk);
  written |= add_section (doc, conversation, level + 1, C_("export", "Agreements"), add_agreements);
  written |= add_section (doc, conversation, level + 1, C_("export", "Marbles"), add_marbles);
  written |= add_section (doc, conversation, level + 1, C_("export", "Reflection"), add_reflection);
  if (!written)
    mb_document_add_paragraph (doc, _("Nothing was written in this conversation."));
}

/**
 * mb_export_conversation_document:
 * @person: (nullable): who the conversation was with, if known
 *
 * Returns: (transfer full): the conversation as a document in the
 *   user's language: its title and day, then what was written before,
 *   during and after it, leaving out what is empty
 */
MbDocument *
mb_export_conversation_document (MbConversation *conversation,
                                 MbPerson       *person)
{
  MbDocument *doc;

  g_return_val_if_fail (MB_IS_CONVERSATION (conversation), NULL);
  g_return_val_if_fail (person == NULL || MB_IS_PERSON (person), NULL);

  doc = mb_document_new ();
  add_conversation (doc, conversation, person, 1);
  return doc;
}

/**
 * mb_export_conversation:
 * @person: (nullable): who the conversation was with, if known
 *
 * Returns: (transfer full): mb_export_conversation_document() as Markdown
 */
char *
mb_export_conversation (MbConversation *conversation,
                        MbPerson       *person)
{
  g_autoptr(MbDocument) doc = mb_export_conversation_document (conversation, person);

  g_return_val_if_fail (doc != NULL, NULL);

  return mb_markdown_write (doc);
}

static void
add_open_agreements (MbDocument *doc,
                     MbHistory  *history)
{
  if (history->open_agreements->len == 0)
    return;

  mb_document_add_heading (doc, 2, C_("export", "Open Agreements"));
  for (guint i = 0; i < history->open_agreements->len; i++)
    add_agreement (doc, g_ptr_array_index (history->open_agreements, i), FALSE,
                   mb_conversation_get_when (g_ptr_array_index (history->agreed_in, i)));
}

/**
 * mb_export_person_document:
 *
 * Returns: (transfer full): everything about @person as a document in
 *   the user's language: their name and role, their marble jar, the
 *   agreements still open (the leader's own first), then every
 *   conversation with them, oldest first
 */
MbDocument *
mb_export_person_document (MbJournal *journal,
                           MbPerson  *person)
{
  MbDocument *doc;
  g_autoptr(MbHistory) history = NULL;
  g_autofree char *jar = NULL;
  GPtrArray *conversations;
  const char *role;

  g_return_val_if_fail (MB_IS_JOURNAL (journal), NULL);
  g_return_val_if_fail (MB_IS_PERSON (person), NULL);

  doc = mb_document_new ();
  history = mb_journal_get_history (journal, person);
  conversations = history->conversations;
  role = mb_person_get_role (person);

  mb_document_add_heading (doc, 1, mb_person_get_name (person));
  if (role != NULL && is_written (role))
    mb_document_add_paragraph (doc, role);
  jar = g_strdup_printf (_("Marble jar: %u in, %u out"), history->marbles_in, history->marbles_out);
  mb_document_add_paragraph (doc, jar);
  add_open_agreements (doc, history);

  /* The history is newest first; a document reads oldest first. */
  for (guint i = conversations->len; i > 0; i--)
    add_conversation (doc, g_ptr_array_index (conversations, i - 1), NULL, 2);
  if (conversations->len == 0)
    mb_document_add_paragraph (doc, _("No conversations with them yet."));

  return doc;
}

/**
 * mb_export_person:
 *
 * Returns: (transfer full): mb_export_person_document() as Markdown
 */
char *
mb_export_person (MbJournal *journal,
                  MbPerson  *person)
{
  g_autoptr(MbDocument) doc = mb_export_person_document (journal, person);

  g_return_val_if_fail (doc != NULL, NULL);

  return mb_markdown_write (doc);
}

/* Everyone in @journal, with their role: what people.json would hold. */
static void
add_people (MbDocument *doc,
            MbJournal  *journal)
{
  GListModel *people = mb_journal_get_people (journal);

  mb_document_add_heading (doc, 2, C_("export", "People"));
  for (guint i = 0; i < g_list_model_get_n_items (people); i++)
    {
      g_autoptr(MbPerson) person = g_list_model_get_item (people, i);
      const char *role = mb_person_get_role (person);

      mb_document_add_item (doc, NULL, (const char *[]) {
        mb_person_get_name (person), role != NULL && is_written (role) ? role : NULL, NULL });
    }
  if (g_list_model_get_n_items (people) == 0)
    mb_document_add_paragraph (doc, _("Nobody is in your list."));
}

/**
 * mb_export_unsaved_document:
 *
 * Returns: (transfer full): what @journal could not save, as one
 *   document in the user's language, to keep elsewhere: each
 *   conversation with unsaved changes, in full, and everyone's name and
 *   role when the list of people is not saved
 */
MbDocument *
mb_export_unsaved_document (MbJournal *journal)
{
  MbDocument *doc;
  g_autoptr(GPtrArray) unsaved = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = mb_wording_day (now);
  g_autofree char *when = NULL;
  gboolean people = FALSE;

  g_return_val_if_fail (MB_IS_JOURNAL (journal), NULL);

  doc = mb_document_new ();
  unsaved = mb_journal_get_unsaved (journal);
  mb_document_add_heading (doc, 1, _("Unsaved Changes from Marbles"));
  /* Translators: %s is a day, “24 Nov 2026” */
  when = g_strdup_printf (_("Marbles could not save these in its own folder on %s. "
                            "Everything in them is here, as it was."), day);
  mb_document_add_paragraph (doc, when);

  for (guint i = 0; i < unsaved->len; i++)
    {
      GObject *object = g_ptr_array_index (unsaved, i);

      if (MB_IS_CONVERSATION (object))
        add_conversation (doc, MB_CONVERSATION (object),
                          mb_journal_lookup_person (journal, mb_conversation_get_person_id (MB_CONVERSATION (object))),
                          2);
      else
        people = TRUE;
    }
  if (people)
    add_people (doc, journal);

  return doc;
}

/**
 * mb_export_unsaved:
 *
 * Returns: (transfer full): mb_export_unsaved_document() as Markdown
 */
char *
mb_export_unsaved (MbJournal *journal)
{
  g_autoptr(MbDocument) doc = mb_export_unsaved_document (journal);

  g_return_val_if_fail (doc != NULL, NULL);

  return mb_markdown_write (doc);
}
