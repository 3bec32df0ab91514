/* mb-result-row.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A row of the search results: the person; the day and where the words
 * are, or the script; the words found, in bold.
 */

#define G_LOG_DOMAIN "mb-result-row"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-result-row.h"
#include "mb-widgets.h"
#include "mb-wording.h"

struct _MbResultRow
{
  GtkBox     parent_instance;

  /* Template widgets */
  AdwAvatar *avatar;
  GtkLabel  *title_label;
  GtkLabel  *subtitle_label;
  GtkLabel  *snippet_label;
};

G_DEFINE_FINAL_TYPE (MbResultRow, mb_result_row, GTK_TYPE_BOX)

/* @text, with @words in bold, as Pango markup. */
static char *
highlight (const char         *text,
           const char * const *words)
{
  g_autoptr(GArray) spans = mb_search_spans (text, words);
  g_autofree char *rest = NULL;
  GString *markup = g_string_new (NULL);
  gsize at = 0;

  for (guint i = 0; i < spans->len; i++)
    {
      MbSearchSpan *span = &g_array_index (spans, MbSearchSpan, i);
      g_autofree char *before = g_markup_escape_text (text + at, span->start - at);
      g_autofree char *found = g_markup_escape_text (text + span->start, span->end - span->start);

      g_string_append_printf (markup, "%s<b>%s</b>", before, found);
      at = span->end;
    }
  rest = g_markup_escape_text (text + at, -1);
  g_string_append (markup, rest);
  return g_string_free (markup, FALSE);
}

/* Where in the conversation @result was found: “Talk · 2. Listen”. */
static char *
describe_place (MbSearchResult *result)
{
  GPtrArray *steps = mb_script_get_steps (mb_conversation_get_script (result->conversation));

  switch (result->phase)
    {
    case MB_PHASE_TALK:
      /* Translators: where a search result was found: in the talk, at
       * step 2, “Listen” */
      return g_strdup_printf (_("Talk · %u. %s"), result->step + 1,
                              mb_localized_get (mb_script_step_get_title (g_ptr_array_index (steps, result->step))));
    case MB_PHASE_REFLECT:
      return g_strdup (_("Reflection"));
    case MB_PHASE_PREPARE:
    default:
      return g_strdup (_("Preparation"));
    }
}

static void
mb_result_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MB_TYPE_RESULT_ROW);

  G_OBJECT_CLASS (mb_result_row_parent_class)->dispose (object);
}

static void
mb_result_row_class_init (MbResultRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mb_result_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/mb-result-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MbResultRow, avatar);
  gtk_widget_class_bind_template_child (widget_class, MbResultRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, MbResultRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, MbResultRow, snippet_label);
}

static void
mb_result_row_init (MbResultRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * mb_result_row_new:
 *
 * Returns: (transfer floating): a row showing nothing yet
 */
GtkWidget *
mb_result_row_new (void)
{
  return g_object_new (MB_TYPE_RESULT_ROW, NULL);
}

/**
 * mb_result_row_show:
 * @result: what was found, and where
 * @words: what was searched for
 * @person: (nullable): whom the conversation is with, or %NULL for
 *   someone not in the journal
 *
 * Shows @result; the row keeps none of its arguments.
 */
void
mb_result_row_show (MbResultRow        *self,
                    MbSearchResult     *result,
                    const char * const *words,
                    MbPerson           *person)
{
  MbConversation *conversation;
  g_autofree char *date = NULL;
  g_autofree char *place = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *name = NULL;

  g_return_if_fail (MB_IS_RESULT_ROW (self));
  g_return_if_fail (result != NULL);

  conversation = result->conversation;
  date = mb_wording_day (mb_conversation_get_when (conversation));
  place = result->snippet != NULL ? describe_place (result) : NULL;
  markup = result->snippet != NULL ? highlight (result->snippet, words) : NULL;
  name = person != NULL ? mb_display_name (mb_person_get_name (person)) : NULL;

  /* Translators: a search result: “24 Nov 2026 · Talk · 2. Listen” */
  subtitle = g_strdup_printf (_("%s · %s"), date,
                              place != NULL ? place
                                            : mb_localized_get (mb_script_get_title (mb_conversation_get_script (conversation))));
  gtk_label_set_label (self->title_label, name != NULL ? name : _("Someone not in your list"));
  gtk_label_set_label (self->subtitle_label, subtitle);
  gtk_label_set_markup (self->snippet_label, markup != NULL ? markup : "");
  gtk_widget_set_visible (GTK_WIDGET (self->snippet_label), markup != NULL);
  adw_avatar_set_text (self->avatar, name);
}
