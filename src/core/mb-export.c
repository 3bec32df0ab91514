/* mb-export.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A conversation, or everything about one person, as a Markdown
 * document to keep or print, in the user's language. What the leader
 * typed is escaped, so it reads as typed in any Markdown viewer: a
 * note that starts with “#” stays a line of text, not a heading.
 */

#define G_LOG_DOMAIN "mb-export"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "mb-export.h"
#include "mb-wording.h"

/* Characters that mean something anywhere in a line. */
#define INLINE_SPECIALS "\\`*_[]<>~"

static gboolean
starts_block (const char *line)
{
  const char *p = line;

  switch (*line)
    {
    case '#':
    case '>':
    case '-':
    case '+':
    case '=':
    case '|':
      return TRUE;
    default:
      break;
    }

  /* “1.” and “1)” start a numbered list. */
  while (g_ascii_isdigit (*p))
    p++;
  return p > line && p - line <= 9 && (*p == '.' || *p == ')') &&
         (p[1] == '\0' || p[1] == ' ');
}

/**
 * mb_markdown_escape:
 * @text: one line of text, as the user typed it
 *
 * Returns: (transfer full): @text as Markdown that shows it as typed:
 *   not a heading, list, quote or emphasis; line breaks become spaces,
 *   and white space at either end goes
 */
char *
mb_markdown_escape (const char *text)
{
  g_autofree char *line = NULL;
  GString *out;
  const char *p;

  g_return_val_if_fail (text != NULL, NULL);

  line = g_strstrip (g_strdelimit (g_strdup (text), "\r\n\t", ' '));
  out = g_string_sized_new (strlen (line) + 8);
  p = line;

  if (starts_block (line))
    {
      /* Escape the mark itself: “\#”, “\-”, and the dot of “1\.” */
      while (g_ascii_isdigit (*p))
        g_string_append_c (out, *p++);
      g_string_append_c (out, '\\');
      g_string_append_c (out, *p++);
    }

  for (; *p != '\0'; p++)
    {
      if (strchr (INLINE_SPECIALS, *p) != NULL ||
          (*p == '&' && (g_ascii_isalnum (p[1]) || p[1] == '#')))
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/* A block of Markdown, followed by the blank line that ends it. */
static void
add_block (GString    *out,
           const char *markdown)
{
  g_string_append (out, markdown);
  g_string_append (out, "\n\n");
}

static void
add_heading (GString    *out,
             guint       level,
             const char *text)
{
  g_autofree char *escaped = mb_markdown_escape (text);

  for (guint i = 0; i < level; i++)
    g_string_append_c (out, '#');
  g_string_append_printf (out, " %s\n\n", escaped);
}

static void
add_plain (GString    *out,
           const char *text)
{
  g_autofree char *escaped = mb_markdown_escape (text);

  add_block (out, escaped);
}

static void
add_bold (GString    *out,
          const char *text)
{
  g_autofree char *escaped = mb_markdown_escape (text);

  g_string_append_printf (out, "**%s**\n\n", escaped);
}

/* Several lines as typed: a blank line starts a new paragraph, and
 * every other line break is kept as a hard break (two spaces).
 */
static void
add_text (GString    *out,
          const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  gboolean in_paragraph = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *escaped = mb_markdown_escape (lines[i]);

      if (*escaped == '\0')
        {
          if (in_paragraph)
            g_string_append (out, "\n\n");
          in_paragraph = FALSE;
          continue;
        }

      if (in_paragraph)
        g_string_append (out, "  \n");
      g_string_append (out, escaped);
      in_paragraph = TRUE;
    }

  if (in_paragraph)
    g_string_append (out, "\n\n");
}

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

/* “- Send the plan · I promised · due 1 Dec 2026 · open”; @agreed is
 * the day of the conversation, given when the list gathers agreements
 * from more than one.
 */
static void
add_agreement (GString     *out,
               MbAgreement *agreement,
               gboolean     with_status,
               GDateTime   *agreed)
{
  g_auto(GStrv) described = mb_wording_agreement_parts (agreement, agreed, with_status);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  g_ptr_array_add (parts, mb_markdown_escape (mb_agreement_get_text (agreement)));
  for (guint i = 0; described[i] != NULL; i++)
    g_ptr_array_add (parts, mb_markdown_escape (described[i]));
  g_ptr_array_add (parts, NULL);

  joined = g_strjoinv (" · ", (char **) parts->pdata);
  g_string_append_printf (out, "- %s\n", joined);
}

/* Each question of @questions that has an answer: the question in bold,
 * then the answer.
 */
static void
add_answers (GString        *out,
             MbConversation *conversation,
             MbTextKind      kind,
             GPtrArray      *questions)
{
  for (guint i = 0; i < questions->len; i++)
    {
      MbScriptQuestion *question = g_ptr_array_index (questions, i);
      const char *answer = mb_conversation_get_text (conversation, kind, mb_script_question_get_id (question));

      if (!is_written (answer))
        continue;

      add_bold (out, mb_localized_get (mb_script_question_get_text (question)));
      add_text (out, answer);
    }
}

static void
add_preparation (GString        *out,
                 MbConversation *conversation,
                 guint           level)
{
  MbScript *script = mb_conversation_get_script (conversation);
  const char *notes = mb_conversation_get_text (conversation, MB_TEXT_PREPARATION_NOTES, NULL);

  add_answers (out, conversation, MB_TEXT_PREPARATION, mb_script_get_preparation (script));
  if (is_written (notes))
    {
      add_bold (out, _("Notes"));
      add_text (out, notes);
    }
}

static char *
describe_minutes (guint minutes)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes", minutes), minutes);
}

static void
add_talk_time (GString        *out,
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

  add_plain (out, text);
}

static void
add_talk (GString        *out,
          MbConversation *conversation,
          guint           level)
{
  GPtrArray *steps = mb_script_get_steps (mb_conversation_get_script (conversation));

  add_talk_time (out, conversation);
  for (guint i = 0; i < steps->len; i++)
    {
      MbScriptStep *step = g_ptr_array_index (steps, i);
      const char *notes = mb_conversation_get_text (conversation, MB_TEXT_STEP_NOTES,
                                                    mb_script_step_get_id (step));

      if (!is_written (notes))
        continue;

      add_heading (out, level + 1, mb_localized_get (mb_script_step_get_title (step)));
      add_text (out, notes);
    }
}

static void
add_agreements (GString        *out,
                MbConversation *conversation,
                guint           level)
{
  GListModel *agreements = mb_conversation_get_agreements (conversation);

  for (guint i = 0; i < g_list_model_get_n_items (agreements); i++)
    {
      g_autoptr(MbAgreement) agreement = g_list_model_get_item (agreements, i);

      add_agreement (out, agreement, TRUE, NULL);
    }
  if (out->len > 0)
    g_string_append_c (out, '\n');
}

static void
add_marbles (GString        *out,
             MbConversation *conversation,
             guint           level)
{
  GListModel *marbles = mb_conversation_get_marbles (conversation);

  for (guint i = 0; i < g_list_model_get_n_items (marbles); i++)
    {
      g_autoptr(MbMarble) marble = g_list_model_get_item (marbles, i);
      g_autofree char *reason = mb_markdown_escape (mb_marble_get_reason (marble));
      /* Translators: a marble in the jar, in an export: “In: kept the promise” */
      const char *label = mb_marble_is_in (marble) ? C_("marble", "In:") : C_("marble", "Out:");

      g_string_append_printf (out, "- %s %s\n", label, reason);
    }
  if (out->len > 0)
    g_string_append_c (out, '\n');
}

static void
add_reflection (GString        *out,
                MbConversation *conversation,
                guint           level)
{
  add_answers (out, conversation, MB_TEXT_REFLECTION,
               mb_script_get_reflection (mb_conversation_get_script (conversation)));
}

typedef void (*AddSection) (GString        *out,
                            MbConversation *conversation,
                            guint           level);

/* The section under its heading, or nothing when it would be empty. */
static gboolean
add_section (GString        *out,
             MbConversation *conversation,
             guint           level,
             const char     *heading,
             AddSection      add)
{
  g_autoptr(GString) body = g_string_new (NULL);

  add (body, conversation, level);
  if (body->len == 0)
    return FALSE;

  add_heading (out, level, heading);
  g_string_append_len (out, body->str, body->len);
  return TRUE;
}

/* The conversation under a heading of @level; @person NULL leaves the
 * name out.
 */
static void
add_conversation (GString        *out,
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
  add_heading (out, level, heading != NULL ? heading : title);
  add_plain (out, day);

  written |= add_section (out, conversation, level + 1, C_("export", "Preparation"), add_preparation);
  written |= add_section (out, conversation, level + 1, C_("export", "Talk"), add_talk);
  written |= add_section (out, conversation, level + 1, C_("export", "Agreements"), add_agreements);
  written |= add_section (out, conversation, level + 1, C_("export", "Marbles"), add_marbles);
  written |= add_section (out, conversation, level + 1, C_("export", "Reflection"), add_reflection);
  if (!written)
    add_plain (out, _("Nothing was written in this conversation."));
}

/* One line break at the end, not the blank line of the last block. */
static char *
finish (GString *out)
{
  while (out->len > 0 && out->str[out->len - 1] == '\n')
    g_string_truncate (out, out->len - 1);
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

/**
 * mb_export_conversation:
 * @person: (nullable): who the conversation was with, if known
 *
 * Returns: (transfer full): the conversation as a Markdown document in
 *   the user's language: its title and day, then what was written
 *   before, during and after it, leaving out what is empty
 */
char *
mb_export_conversation (MbConversation *conversation,
                        MbPerson       *person)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (MB_IS_CONVERSATION (conversation), NULL);
  g_return_val_if_fail (person == NULL || MB_IS_PERSON (person), NULL);

  add_conversation (out, conversation, person, 1);
  return finish (out);
}

static void
add_open_agreements (GString   *out,
                     MbHistory *history)
{
  if (history->open_agreements->len == 0)
    return;

  add_heading (out, 2, C_("export", "Open Agreements"));
  for (guint i = 0; i < history->open_agreements->len; i++)
    add_agreement (out, g_ptr_array_index (history->open_agreements, i), FALSE,
                   mb_conversation_get_when (g_ptr_array_index (history->agreed_in, i)));
  g_string_append_c (out, '\n');
}

/**
 * mb_export_person:
 *
 * Returns: (transfer full): everything about @person as a Markdown
 *   document in the user's language: their name and role, their marble
 *   jar, the agreements still open (the leader's own first), then every
 *   conversation with them, oldest first
 */
char *
mb_export_person (MbJournal *journal,
                  MbPerson  *person)
{
  GString *out = g_string_new (NULL);
  g_autoptr(MbHistory) history = NULL;
  g_autofree char *jar = NULL;
  GPtrArray *conversations;
  const char *role;

  g_return_val_if_fail (MB_IS_JOURNAL (journal), NULL);
  g_return_val_if_fail (MB_IS_PERSON (person), NULL);

  history = mb_journal_get_history (journal, person);
  conversations = history->conversations;
  role = mb_person_get_role (person);

  add_heading (out, 1, mb_person_get_name (person));
  if (role != NULL && is_written (role))
    add_plain (out, role);
  jar = g_strdup_printf (_("Marble jar: %u in, %u out"), history->marbles_in, history->marbles_out);
  add_plain (out, jar);
  add_open_agreements (out, history);

  /* The history is newest first; a document reads oldest first. */
  for (guint i = conversations->len; i > 0; i--)
    add_conversation (out, g_ptr_array_index (conversations, i - 1), NULL, 2);
  if (conversations->len == 0)
    add_plain (out, _("No conversations with them yet."));

  return finish (out);
}

/* Everyone in @journal, with their role: what people.json would hold. */
static void
add_people (GString   *out,
            MbJournal *journal)
{
  GListModel *people = mb_journal_get_people (journal);

  add_heading (out, 2, C_("export", "People"));
  for (guint i = 0; i < g_list_model_get_n_items (people); i++)
    {
      g_autoptr(MbPerson) person = g_list_model_get_item (people, i);
      g_autofree char *name = mb_markdown_escape (mb_person_get_name (person));
      g_autofree char *role = mb_markdown_escape (mb_person_get_role (person));

      if (*role != '\0')
        g_string_append_printf (out, "- %s · %s\n", name, role);
      else
        g_string_append_printf (out, "- %s\n", name);
    }
  if (g_list_model_get_n_items (people) == 0)
    add_plain (out, _("Nobody is in your list."));
  else
    g_string_append_c (out, '\n');
}

/**
 * mb_export_unsaved:
 *
 * Returns: (transfer full): what @journal could not save, as one
 *   Markdown document in the user's language, to keep elsewhere: each
 *   conversation with unsaved changes, in full, and everyone's name and
 *   role when the list of people is not saved
 */
char *
mb_export_unsaved (MbJournal *journal)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GPtrArray) unsaved = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = mb_wording_day (now);
  g_autofree char *when = NULL;
  gboolean people = FALSE;

  g_return_val_if_fail (MB_IS_JOURNAL (journal), NULL);

  unsaved = mb_journal_get_unsaved (journal);
  add_heading (out, 1, _("Unsaved Changes from Marbles"));
  /* Translators: %s is a day, “24 Nov 2026” */
  when = g_strdup_printf (_("Marbles could not save these in its own folder on %s. "
                            "Everything in them is here, as it was."), day);
  add_plain (out, when);

  for (guint i = 0; i < unsaved->len; i++)
    {
      GObject *object = g_ptr_array_index (unsaved, i);

      if (MB_IS_CONVERSATION (object))
        add_conversation (out, MB_CONVERSATION (object),
                          mb_journal_lookup_person (journal, mb_conversation_get_person_id (MB_CONVERSATION (object))),
                          2);
      else
        people = TRUE;
    }
  if (people)
    add_people (out, journal);

  return finish (out);
}
