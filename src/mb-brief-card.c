/* mb-brief-card.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What earlier conversations with someone left, on top of the next one's
 * Prepare phase, so that nothing needs retyping: when you last talked,
 * their marble jar, the promises still open and your last reflection.
 * It folds away under its title, for the notes on a small screen.
 */

#define G_LOG_DOMAIN "mb-brief-card"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-brief-card.h"
#include "mb-marble-jar.h"
#include "mb-script-view.h"
#include "mb-widgets.h"
#include "mb-wording.h"

/* How much of each answer the brief shows. */
#define BRIEF_CHARS 400

struct _MbBriefCard
{
  GtkBox       parent_instance;

  /* Template widgets */
  MbMarbleJar *jar;
  GtkLabel    *jar_label;
  GtkLabel    *last_label;
  GtkWidget   *open_heading;
  GtkWidget   *open_lines;
  GtkWidget   *reflection_heading;
  GtkWidget   *reflection_lines;
};

G_DEFINE_FINAL_TYPE (MbBriefCard, mb_brief_card, GTK_TYPE_BOX)

/* The last time and the jar, with the jar itself beside them. */
static void
show_last_time (MbBriefCard *self,
                MbBrief     *brief)
{
  MbScript *script = mb_conversation_get_script (brief->previous);
  g_autofree char *day = mb_wording_day (mb_conversation_get_when (brief->previous));
  g_autofree char *last = NULL;
  g_autofree char *jar = NULL;

  /* Translators: “Last conversation: 12 Nov 2026, GROW” */
  last = g_strdup_printf (_("Last conversation: %s, %s"), day,
                          mb_localized_get (mb_script_get_title (script)));
  gtk_label_set_label (self->last_label, last);
  /* Translators: the person's marble jar, over all your conversations */
  jar = g_strdup_printf (_("Marble jar: %u in, %u out"), brief->marbles_in, brief->marbles_out);
  gtk_label_set_label (self->jar_label, jar);
  mb_marble_jar_set_level (self->jar, (int) brief->marbles_in - (int) brief->marbles_out);
}

/* A line for each promise still open: what, and who promised it. */
static void
show_open_agreements (MbBriefCard *self,
                      GPtrArray   *agreements)
{
  for (guint i = 0; i < agreements->len; i++)
    {
      MbAgreement *agreement = g_ptr_array_index (agreements, i);
      g_autofree char *who = mb_wording_agreement (agreement, NULL, FALSE);
      g_autofree char *text = mb_text_excerpt (mb_agreement_get_text (agreement), MB_TEXT_MAX_LINE_CHARS);
      g_autofree char *line = g_strdup_printf ("%s — %s", text, who);

      mb_add_label (self->open_lines, line, NULL);
    }

  gtk_widget_set_visible (self->open_heading, agreements->len > 0);
  gtk_widget_set_visible (self->open_lines, agreements->len > 0);
}

/* Each reflection question answered last time, with the value chosen
 * on its scale, if it has one, and the start of the answer.
 */
static void
show_reflection (MbBriefCard    *self,
                 MbConversation *reflected)
{
  GPtrArray *questions;

  if (reflected == NULL)
    return;

  questions = mb_script_get_reflection (mb_conversation_get_script (reflected));
  for (guint i = 0; i < questions->len; i++)
    {
      MbScriptQuestion *question = g_ptr_array_index (questions, i);
      const char *id = mb_script_question_get_id (question);
      const char *answer = mb_conversation_get_text (reflected, MB_TEXT_REFLECTION, id);
      guint value = mb_script_question_has_scale (question) ? mb_conversation_get_scale (reflected, id) : 0;

      if (*answer == '\0' && value == 0)
        continue;

      mb_add_label (self->reflection_lines, mb_localized_get (mb_script_question_get_text (question)),
                    "dim-label");
      if (value != 0)
        {
          g_autofree char *described = mb_script_question_describe_scale (question, value);

          mb_add_label (self->reflection_lines, described, NULL);
        }
      if (*answer != '\0')
        {
          g_autofree char *excerpt = mb_text_excerpt (answer, BRIEF_CHARS);

          mb_add_label (self->reflection_lines, excerpt, NULL);
        }
    }

  gtk_widget_set_visible (self->reflection_heading, TRUE);
  gtk_widget_set_visible (self->reflection_lines, TRUE);
}

static void
mb_brief_card_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MB_TYPE_BRIEF_CARD);

  G_OBJECT_CLASS (mb_brief_card_parent_class)->dispose (object);
}

static void
mb_brief_card_class_init (MbBriefCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mb_brief_card_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/mb-brief-card.ui");
  gtk_widget_class_bind_template_child (widget_class, MbBriefCard, jar);
  gtk_widget_class_bind_template_child (widget_class, MbBriefCard, jar_label);
  gtk_widget_class_bind_template_child (widget_class, MbBriefCard, last_label);
  gtk_widget_class_bind_template_child (widget_class, MbBriefCard, open_heading);
  gtk_widget_class_bind_template_child (widget_class, MbBriefCard, open_lines);
  gtk_widget_class_bind_template_child (widget_class, MbBriefCard, reflection_heading);
  gtk_widget_class_bind_template_child (widget_class, MbBriefCard, reflection_lines);

  g_type_ensure (MB_TYPE_MARBLE_JAR);
}

static void
mb_brief_card_init (MbBriefCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * mb_brief_card_new:
 * @brief: from mb_journal_get_brief(), with an earlier conversation
 *
 * Returns: (transfer floating): a card with what @brief holds
 */
GtkWidget *
mb_brief_card_new (MbBrief *brief)
{
  MbBriefCard *self;

  g_return_val_if_fail (brief != NULL && brief->previous != NULL, NULL);

  self = g_object_new (MB_TYPE_BRIEF_CARD, NULL);
  show_last_time (self, brief);
  show_open_agreements (self, brief->open_agreements);
  show_reflection (self, brief->reflected);
  return GTK_WIDGET (self);
}
