/* mb-conversation-read.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A past conversation to read from top to bottom: the preparation, the
 * notes of each step, what was agreed, the marbles and the reflection,
 * leaving out what was not written. Edit opens it in the conversation
 * view.
 */

#define G_LOG_DOMAIN "mb-conversation-read"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mb-conversation-read.h"
#include "mb-fold.h"
#include "mb-script-view.h"
#include "mb-text-field.h"
#include "mb-widgets.h"
#include "mb-wording.h"

/* Texts longer than this are shown in a field that scrolls. */
#define LABEL_BYTES 10000

/* A text shown, and where it was written. */
typedef struct
{
  GtkWidget *label;  /* NULL for a long text, shown in a field */
  MbPhase    phase;
  guint      step;
} Place;

struct _MbConversationRead
{
  AdwBin          parent_instance;

  MbJournal      *journal;
  MbConversation *conversation;
  GArray         *places;  /* Place, in the order shown */
  GtkWidget      *found;   /* the label to show once laid out, or NULL */
  char          **words;   /* the words to select in it */

  /* Template widgets */
  GtkLabel       *about_label;
  GtkLabel       *lens_label;
  GtkLabel       *name_label;
  GtkWidget      *nothing_label;
  GtkWidget      *sections;
};

G_DEFINE_FINAL_TYPE (MbConversationRead, mb_conversation_read, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONVERSATION,
  PROP_JOURNAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A question or a step, and what was written under it, which a search
 * can lead to.
 */
static void
add_text (MbConversationRead *self,
          GtkWidget          *section,
          const char         *heading,
          const char         *text,
          MbPhase             phase,
          guint               step)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  Place place = { NULL, phase, step };

  if (heading != NULL)
    mb_add_label (box, heading, "heading");
  if (strlen (text) > LABEL_BYTES)
    {
      /* Long: a label would lay it all out at every measure. */
      gtk_box_append (GTK_BOX (box), mb_text_field_new_read_only (text, heading != NULL ? heading : _("Notes")));
    }
  else
    {
      place.label = mb_add_label (box, text, NULL);
      gtk_label_set_selectable (GTK_LABEL (place.label), TRUE);
    }
  gtk_box_append (GTK_BOX (section), box);
  g_array_append_val (self->places, place);
}

/* A reflection question and the value chosen on its scale, in words;
 * a search can lead to either.
 */
static void
add_scale (MbConversationRead *self,
           GtkWidget          *section,
           MbScriptQuestion   *question,
           guint               value)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  g_autofree char *described = mb_script_question_describe_scale (question, value);
  Place heading = { NULL, MB_PHASE_REFLECT, 0 };
  Place answer = { NULL, MB_PHASE_REFLECT, 0 };

  heading.label = mb_add_label (box, mb_localized_get (mb_script_question_get_text (question)), "heading");
  answer.label = mb_add_label (box, described, NULL);
  gtk_label_set_selectable (GTK_LABEL (heading.label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (answer.label), TRUE);
  gtk_box_append (GTK_BOX (section), box);
  g_array_append_val (self->places, heading);
  g_array_append_val (self->places, answer);
}

static gboolean
add_questions (MbConversationRead *self,
               GtkWidget          *box,
               MbConversation     *conversation,
               MbPhase             phase,
               const char         *title,
               MbTextKind          kind,
               GPtrArray          *questions,
               const char         *notes)
{
  GtkWidget *section = NULL;

  for (guint i = 0; i < questions->len; i++)
    {
      MbScriptQuestion *question = g_ptr_array_index (questions, i);
      const char *id = mb_script_question_get_id (question);
      const char *answer = mb_conversation_get_text (conversation, kind, id);
      guint value = kind == MB_TEXT_REFLECTION && mb_script_question_has_scale (question)
                    ? mb_conversation_get_scale (conversation, id) : 0;

      if (*answer == '\0' && value == 0)
        continue;
      if (section == NULL)
        section = mb_add_section (box, title, "title-4", NULL, 12);
      if (value != 0)
        add_scale (self, section, question, value);
      if (*answer != '\0')
        add_text (self, section, value != 0 ? NULL : mb_localized_get (mb_script_question_get_text (question)),
                  answer, phase, 0);
    }

  if (notes != NULL && *notes != '\0')
    {
      if (section == NULL)
        section = mb_add_section (box, title, "title-4", NULL, 12);
      add_text (self, section, _("Notes"), notes, phase, 0);
    }

  return section != NULL;
}

static gboolean
add_steps (MbConversationRead *self,
           GtkWidget          *box,
           MbConversation     *conversation)
{
  GPtrArray *steps = mb_script_get_steps (mb_conversation_get_script (conversation));
  GtkWidget *section = NULL;

  for (guint i = 0; i < steps->len; i++)
    {
      MbScriptStep *step = g_ptr_array_index (steps, i);
      const char *notes = mb_conversation_get_text (conversation, MB_TEXT_STEP_NOTES, mb_script_step_get_id (step));
      g_autofree char *heading = NULL;

      if (*notes == '\0')
        continue;
      if (section == NULL)
        section = mb_add_section (box, _("Talk"), "title-4", NULL, 12);
      /* Translators: a step of the talk and its title: “2. Listen” */
      heading = g_strdup_printf (_("%u. %s"), i + 1, mb_localized_get (mb_script_step_get_title (step)));
      add_text (self, section, heading, notes, MB_PHASE_TALK, i);
    }

  return section != NULL;
}

/* A section with a list; @section is set to the section. */
static GtkWidget *
add_list (GtkWidget   *box,
          const char  *title,
          GtkWidget  **section)
{
  GtkWidget *list = gtk_list_box_new ();

  *section = mb_add_section (box, title, "title-4", NULL, 12);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_box_append (GTK_BOX (*section), list);
  return list;
}

static GtkWidget *
add_row (GtkWidget  *list,
         const char *icon_name,
         const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return icon;
}

static gboolean
add_agreements (GtkWidget      *box,
                MbConversation *conversation)
{
  GListModel *agreements = mb_conversation_get_agreements (conversation);
  g_autofree char *draft = g_strstrip (g_strdup (mb_conversation_get_text (conversation, MB_TEXT_AGREEMENT_DRAFT,
                                                                            NULL)));
  GtkWidget *section;
  GtkWidget *list;

  if (g_list_model_get_n_items (agreements) == 0 && mb_conversation_get_n_kept_agreements (conversation) == 0 &&
      *draft == '\0')
    return FALSE;

  list = add_list (box, _("Agreements"), &section);
  gtk_widget_set_visible (list, g_list_model_get_n_items (agreements) > 0 || *draft != '\0');
  mb_add_kept_agreements (section, conversation);
  for (guint i = 0; i < g_list_model_get_n_items (agreements); i++)
    {
      g_autoptr(MbAgreement) agreement = g_list_model_get_item (agreements, i);
      g_autofree char *subtitle = mb_wording_agreement (agreement, NULL, TRUE);
      g_autofree char *text = NULL;
      const char *icon_name;

      switch (mb_agreement_get_status (agreement))
        {
        case MB_AGREEMENT_KEPT:
          icon_name = "object-select-symbolic";
          break;
        case MB_AGREEMENT_NOT_KEPT:
          icon_name = "window-close-symbolic";
          break;
        case MB_AGREEMENT_OPEN:
        default:
          icon_name = "mb-agreement-symbolic";
          break;
        }

      text = mb_text_excerpt (mb_agreement_get_text (agreement), MB_TEXT_MAX_LINE_CHARS);
      add_row (list, icon_name, text, subtitle);
    }
  /* Typed and never added: the leader's text, not an agreement. */
  if (*draft != '\0')
    {
      g_autofree char *text = mb_text_excerpt (draft, MB_TEXT_MAX_LINE_CHARS);

      add_row (list, "document-edit-symbolic", text, _("Typed and not added yet"));
    }

  return TRUE;
}

/* The reason of a marble typed and never added, without the spaces
 * around it: the leader's text, not a marble.
 */
static char *
dup_marble_draft (MbConversation *conversation,
                  gboolean        in)
{
  return g_strstrip (g_strdup (mb_conversation_get_text (conversation, MB_TEXT_MARBLE_DRAFT, in ? "in" : "out")));
}

static void
add_marble_draft_rows (GtkWidget  *list,
                       const char *in,
                       const char *out)
{
  const char *drafts[] = { in, out };

  for (guint i = 0; i < G_N_ELEMENTS (drafts); i++)
    {
      g_autofree char *text = mb_text_excerpt (drafts[i], MB_TEXT_MAX_LINE_CHARS);

      if (*drafts[i] != '\0')
        add_row (list, "document-edit-symbolic", text,
                 i == 0 ? _("Not added yet: a marble in") : _("Not added yet: a marble out"));
    }
}

static gboolean
add_marbles (GtkWidget      *box,
             MbConversation *conversation)
{
  GListModel *marbles = mb_conversation_get_marbles (conversation);
  g_autofree char *draft_in = dup_marble_draft (conversation, TRUE);
  g_autofree char *draft_out = dup_marble_draft (conversation, FALSE);
  gboolean drafts = *draft_in != '\0' || *draft_out != '\0';
  GtkWidget *section;
  GtkWidget *list;

  if (g_list_model_get_n_items (marbles) == 0 && mb_conversation_get_n_kept_marbles (conversation) == 0 && !drafts)
    return FALSE;

  list = add_list (box, C_("export", "Marbles"), &section);
  gtk_widget_set_visible (list, g_list_model_get_n_items (marbles) > 0 || drafts);
  mb_add_kept_marbles (section, conversation);
  for (guint i = 0; i < g_list_model_get_n_items (marbles); i++)
    {
      g_autoptr(MbMarble) marble = g_list_model_get_item (marbles, i);
      gboolean in = mb_marble_is_in (marble);
      g_autofree char *reason = mb_text_excerpt (mb_marble_get_reason (marble), MB_TEXT_MAX_LINE_CHARS);
      GtkWidget *icon;

      icon = add_row (list, in ? "list-add-symbolic" : "list-remove-symbolic", reason,
                      in ? _("A marble in: trust built") : _("A marble out: trust lost"));
      gtk_widget_add_css_class (icon, in ? "success" : "error");
    }
  add_marble_draft_rows (list, draft_in, draft_out);

  return TRUE;
}

/* What the judgement lens counted as the leader wrote, if anything. */
static void
show_lens_counts (MbConversationRead *self)
{
  g_autofree char *text = NULL;
  guint flagged, rephrased;

  mb_conversation_get_lens_counts (self->conversation, &flagged, &rephrased);
  gtk_widget_set_visible (GTK_WIDGET (self->lens_label), flagged > 0);
  if (flagged == 0)
    return;

  if (flagged == 1 && rephrased == 1)
    text = g_strdup (_("The judgement lens flagged one phrase as you wrote, and you rephrased it."));
  else if (rephrased == 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The judgement lens flagged %u phrase as you wrote.",
                                         "The judgement lens flagged %u phrases as you wrote.", flagged),
                            flagged);
  else
    /* Translators: both numbers count phrases, the second of the first */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The judgement lens flagged %u phrase as you wrote; you rephrased %u.",
                                         "The judgement lens flagged %u phrases as you wrote; you rephrased %u.",
                                         flagged),
                            flagged, rephrased);
  gtk_label_set_label (self->lens_label, text);
}

/* The name and what the conversation was, close together. */
static void
show_heading (MbConversationRead *self)
{
  MbConversation *conversation = self->conversation;
  MbScript *script = mb_conversation_get_script (conversation);
  MbPerson *person = mb_journal_lookup_person (self->journal, mb_conversation_get_person_id (conversation));
  g_autofree char *day = mb_wording_day (mb_conversation_get_when (conversation));
  g_autofree char *about = NULL;
  g_autofree char *name = NULL;
  gint64 minutes = (mb_conversation_get_talk_seconds (conversation) + 30) / 60;

  name = person != NULL ? mb_display_name (mb_person_get_name (person)) : g_strdup (_("Someone not in your list"));
  gtk_label_set_label (self->name_label, name);
  if (minutes > 0)
    /* Translators: “Restore trust · 24 Nov 2026 · talked for 35 min” */
    about = g_strdup_printf (_("%s · %s · talked for %u min"), mb_localized_get (mb_script_get_title (script)),
                             day, (guint) minutes);
  else
    /* Translators: “Restore trust · 24 Nov 2026” */
    about = g_strdup_printf (_("%s · %s"), mb_localized_get (mb_script_get_title (script)), day);
  gtk_label_set_label (self->about_label, about);
  show_lens_counts (self);
}

static void
build (MbConversationRead *self)
{
  MbConversation *conversation = self->conversation;
  MbScript *script = mb_conversation_get_script (conversation);
  GtkWidget *box = self->sections;
  gboolean written;

  show_heading (self);
  written = add_questions (self, box, conversation, MB_PHASE_PREPARE, _("Preparation"), MB_TEXT_PREPARATION,
                           mb_script_get_preparation (script),
                           mb_conversation_get_text (conversation, MB_TEXT_PREPARATION_NOTES, NULL));
  written |= add_steps (self, box, conversation);
  written |= add_agreements (box, conversation);
  written |= add_marbles (box, conversation);
  written |= add_questions (self, box, conversation, MB_PHASE_REFLECT, _("Reflection"), MB_TEXT_REFLECTION,
                            mb_script_get_reflection (script), NULL);

  gtk_widget_set_visible (self->sections, written);
  gtk_widget_set_visible (self->nothing_label, !written);
}

/* How many of @words @text holds. */
static guint
count_words (const char         *text,
             const char * const *words)
{
  g_autofree char *folded = mb_fold_for_search (text);
  guint count = 0;

  for (guint i = 0; words[i] != NULL; i++)
    count += strstr (folded, words[i]) != NULL;
  return count;
}

static gboolean
only_spaces (const char *from,
             const char *to)
{
  for (const char *p = from; p < to; p++)
    {
      if (!g_ascii_isspace (*p))
        return FALSE;
    }

  return TRUE;
}

/* Laid out, the view scrolls to the text found, and selects the words. */
static gboolean
show_found_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  MbConversationRead *self = MB_CONVERSATION_READ (widget);
  GtkLabel *label = GTK_LABEL (self->found);
  g_autoptr(GArray) spans = NULL;
  const char *text;

  if (self->found == NULL)
    return G_SOURCE_REMOVE;
  if (gtk_widget_get_height (self->found) == 0)
    return G_SOURCE_CONTINUE;

  text = gtk_label_get_text (label);
  spans = mb_search_spans (text, (const char * const *) self->words);
  gtk_widget_grab_focus (self->found);
  if (spans->len > 0)
    {
      MbSearchSpan *span = &g_array_index (spans, MbSearchSpan, 0);
      gsize start = span->start;
      gsize end = span->end;

      /* The first words found, with those right after them: "crème budget". */
      for (guint i = 1; i < spans->len; i++)
        {
          span = &g_array_index (spans, MbSearchSpan, i);
          if (!only_spaces (text + end, text + span->start))
            break;
          end = span->end;
        }
      gtk_label_select_region (label, g_utf8_pointer_to_offset (text, text + start),
                               g_utf8_pointer_to_offset (text, text + end));
    }
  self->found = NULL;
  return G_SOURCE_REMOVE;
}

static void
mb_conversation_read_constructed (GObject *object)
{
  MbConversationRead *self = MB_CONVERSATION_READ (object);

  G_OBJECT_CLASS (mb_conversation_read_parent_class)->constructed (object);

  g_assert (MB_IS_JOURNAL (self->journal));
  g_assert (MB_IS_CONVERSATION (self->conversation));

  build (self);
}

static void
mb_conversation_read_dispose (GObject *object)
{
  MbConversationRead *self = MB_CONVERSATION_READ (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MB_TYPE_CONVERSATION_READ);
  g_clear_object (&self->journal);
  g_clear_object (&self->conversation);
  g_clear_pointer (&self->places, g_array_unref);
  g_clear_pointer (&self->words, g_strfreev);
  self->found = NULL;

  G_OBJECT_CLASS (mb_conversation_read_parent_class)->dispose (object);
}

static void
mb_conversation_read_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  MbConversationRead *self = MB_CONVERSATION_READ (object);

  switch (prop_id)
    {
    case PROP_CONVERSATION:
      g_value_set_object (value, self->conversation);
      break;

    case PROP_JOURNAL:
      g_value_set_object (value, self->journal);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_conversation_read_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  MbConversationRead *self = MB_CONVERSATION_READ (object);

  switch (prop_id)
    {
    case PROP_CONVERSATION:
      self->conversation = g_value_dup_object (value);
      break;

    case PROP_JOURNAL:
      self->journal = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_conversation_read_class_init (MbConversationReadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mb_conversation_read_constructed;
  object_class->dispose = mb_conversation_read_dispose;
  object_class->get_property = mb_conversation_read_get_property;
  object_class->set_property = mb_conversation_read_set_property;

  properties[PROP_CONVERSATION] =
    g_param_spec_object ("conversation", NULL, NULL,
                         MB_TYPE_CONVERSATION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_JOURNAL] =
    g_param_spec_object ("journal", NULL, NULL,
                         MB_TYPE_JOURNAL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/mb-conversation-read.ui");
  gtk_widget_class_bind_template_child (widget_class, MbConversationRead, about_label);
  gtk_widget_class_bind_template_child (widget_class, MbConversationRead, lens_label);
  gtk_widget_class_bind_template_child (widget_class, MbConversationRead, name_label);
  gtk_widget_class_bind_template_child (widget_class, MbConversationRead, nothing_label);
  gtk_widget_class_bind_template_child (widget_class, MbConversationRead, sections);
}

static void
mb_conversation_read_init (MbConversationRead *self)
{
  self->places = g_array_new (FALSE, FALSE, sizeof (Place));
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * mb_conversation_read_new:
 *
 * Returns: (transfer floating): a view to read @conversation in, with a
 *   header bar whose Edit button opens it with conversations.edit-open
 */
GtkWidget *
mb_conversation_read_new (MbJournal      *journal,
                          MbConversation *conversation)
{
  g_return_val_if_fail (MB_IS_JOURNAL (journal), NULL);
  g_return_val_if_fail (MB_IS_CONVERSATION (conversation), NULL);

  return g_object_new (MB_TYPE_CONVERSATION_READ,
                       "journal", journal,
                       "conversation", conversation,
                       NULL);
}

MbConversation *
mb_conversation_read_get_conversation (MbConversationRead *self)
{
  g_return_val_if_fail (MB_IS_CONVERSATION_READ (self), NULL);

  return self->conversation;
}

/**
 * mb_conversation_read_show_place:
 * @words: from mb_search_words()
 *
 * Scrolls to the text written in @phase (in Talk, in @step) that holds
 * the most of @words, puts the cursor there and selects the first of
 * them.
 */
void
mb_conversation_read_show_place (MbConversationRead *self,
                                 MbPhase             phase,
                                 guint               step,
                                 const char * const *words)
{
  guint best = 0;

  g_return_if_fail (MB_IS_CONVERSATION_READ (self));

  self->found = NULL;
  for (guint i = 0; i < self->places->len; i++)
    {
      Place *place = &g_array_index (self->places, Place, i);
      guint count;

      if (place->label == NULL || place->phase != phase || (phase == MB_PHASE_TALK && place->step != step))
        continue;
      count = count_words (gtk_label_get_text (GTK_LABEL (place->label)), words);
      if (count > best)
        {
          best = count;
          self->found = place->label;
        }
    }

  if (self->found == NULL)
    return;
  g_clear_pointer (&self->words, g_strfreev);
  self->words = g_strdupv ((char **) words);
  gtk_widget_add_tick_callback (GTK_WIDGET (self), show_found_cb, NULL, NULL);
}
