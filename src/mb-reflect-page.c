/* mb-reflect-page.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Reflect phase of a conversation: the reflection questions, the
 * agreements made, each with whether it was kept, and the marbles, with
 * the button that finishes the conversation. The buttons use the
 * conversation view's actions.
 */

#define G_LOG_DOMAIN "mb-reflect-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-person-link.h"
#include "mb-reflect-page.h"
#include "mb-widgets.h"
#include "mb-wording.h"

struct _MbReflectPage
{
  AdwBin          parent_instance;

  MbConversation *conversation;
  GtkWidget      *first_field;

  /* Template widgets */
  GtkListBox     *agreements_list;
  GtkLabel       *kept_agreements;
  GtkLabel       *kept_marbles;
  GtkListBox     *marbles_list;
  MbPersonLink   *person_link;
  GtkWidget      *questions_box;
};

G_DEFINE_FINAL_TYPE (MbReflectPage, mb_reflect_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONVERSATION,
  PROP_PERSON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The statuses of an agreement, in the order its drop-down shows them. */
static const MbAgreementStatus statuses[] = { MB_AGREEMENT_OPEN, MB_AGREEMENT_KEPT, MB_AGREEMENT_NOT_KEPT };

static guint
position_of_status (MbAgreementStatus status)
{
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      if (statuses[i] == status)
        return i;
    }

  g_return_val_if_reached (0);
}

static MbAgreementStatus
status_at_position (guint position)
{
  g_return_val_if_fail (position < G_N_ELEMENTS (statuses), MB_AGREEMENT_OPEN);

  return statuses[position];
}

static void
status_selected_cb (GtkDropDown *drop_down,
                    GParamSpec  *pspec,
                    MbAgreement *agreement)
{
  MbReflectPage *self = MB_REFLECT_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (drop_down), MB_TYPE_REFLECT_PAGE));

  mb_agreement_set_status (agreement, status_at_position (gtk_drop_down_get_selected (drop_down)));
  if (self != NULL)
    mb_offer_promise_talk (GTK_WIDGET (drop_down), agreement, mb_conversation_get_person_id (self->conversation));
}

/* Whether @agreement was kept, to choose. */
static GtkWidget *
status_drop_down_new (MbAgreement *agreement)
{
  const char *labels[G_N_ELEMENTS (statuses) + 1] = { NULL };
  GtkWidget *status;

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    labels[i] = mb_wording_status (statuses[i]);
  status = gtk_drop_down_new_from_strings (labels);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (status), position_of_status (mb_agreement_get_status (agreement)));
  gtk_widget_set_valign (status, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (status, _("Whether the promise was kept"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (status),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Whether the promise was kept"), -1);
  g_signal_connect_object (status, "notify::selected", G_CALLBACK (status_selected_cb), agreement, 0);
  return status;
}

static void
remove_agreement_cb (GtkButton   *button,
                     MbAgreement *agreement)
{
  MbReflectPage *self = MB_REFLECT_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (button), MB_TYPE_REFLECT_PAGE));

  mb_conversation_remove_agreement (self->conversation, agreement);
}

static GtkWidget *
create_agreement_row (gpointer item,
                      gpointer user_data)
{
  MbAgreement *agreement = item;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *text = mb_text_excerpt (mb_agreement_get_text (agreement), MB_TEXT_MAX_LINE_CHARS);
  g_autofree char *title = g_markup_escape_text (text, -1);
  g_autofree char *subtitle = mb_wording_agreement (agreement, NULL, FALSE);
  /* Translators: what a screen reader says for the button that removes an agreement */
  g_autofree char *remove = g_strdup_printf (_("Remove agreement “%s”"), text);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), status_drop_down_new (agreement));
  mb_add_remove_button (ADW_ACTION_ROW (row), remove, G_CALLBACK (remove_agreement_cb), agreement);
  return row;
}

static void
remove_marble_cb (GtkButton *button,
                  MbMarble  *marble)
{
  MbReflectPage *self = MB_REFLECT_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (button), MB_TYPE_REFLECT_PAGE));

  mb_conversation_remove_marble (self->conversation, marble);
}

static GtkWidget *
create_marble_row (gpointer item,
                   gpointer user_data)
{
  MbMarble *marble = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (mb_marble_is_in (marble) ? "list-add-symbolic"
                                                                             : "list-remove-symbolic");
  g_autofree char *reason = mb_text_excerpt (mb_marble_get_reason (marble), MB_TEXT_MAX_LINE_CHARS);
  g_autofree char *title = g_markup_escape_text (reason, -1);
  /* Translators: what a screen reader says for the button that removes a marble */
  g_autofree char *remove = g_strdup_printf (_("Remove marble “%s”"), reason);

  gtk_widget_add_css_class (icon, mb_marble_is_in (marble) ? "success" : "error");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               mb_marble_is_in (marble) ? _("A marble in: trust built")
                                                        : _("A marble out: trust lost"));
  mb_add_remove_button (ADW_ACTION_ROW (row), remove, G_CALLBACK (remove_marble_cb), marble);
  return row;
}

/* A quiet line under a list, when the file holds some this version
 * cannot show.
 */
static void
show_kept (GtkLabel *label,
           char     *text)
{
  g_autofree char *owned = text;

  if (owned == NULL)
    return;
  gtk_label_set_label (label, owned);
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
}

static void
build (MbReflectPage *self)
{
  GPtrArray *questions = mb_script_get_reflection (mb_conversation_get_script (self->conversation));

  for (guint i = 0; i < questions->len; i++)
    {
      GtkWidget *field = mb_add_question (self->questions_box, self->conversation, MB_TEXT_REFLECTION,
                                          g_ptr_array_index (questions, i));

      if (self->first_field == NULL)
        self->first_field = field;
    }

  gtk_list_box_bind_model (self->agreements_list, mb_conversation_get_agreements (self->conversation),
                           create_agreement_row, NULL, NULL);
  show_kept (self->kept_agreements, mb_describe_kept_agreements (self->conversation));
  gtk_list_box_bind_model (self->marbles_list, mb_conversation_get_marbles (self->conversation),
                           create_marble_row, NULL, NULL);
  show_kept (self->kept_marbles, mb_describe_kept_marbles (self->conversation));
}

static void
mb_reflect_page_dispose (GObject *object)
{
  MbReflectPage *self = MB_REFLECT_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MB_TYPE_REFLECT_PAGE);
  g_clear_object (&self->conversation);
  self->first_field = NULL;

  G_OBJECT_CLASS (mb_reflect_page_parent_class)->dispose (object);
}

static void
mb_reflect_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MbReflectPage *self = MB_REFLECT_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONVERSATION:
      g_value_set_object (value, self->conversation);
      break;

    case PROP_PERSON:
      g_value_set_object (value, mb_reflect_page_get_person (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_reflect_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MbReflectPage *self = MB_REFLECT_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONVERSATION:
      mb_reflect_page_set_conversation (self, g_value_get_object (value));
      break;

    case PROP_PERSON:
      mb_reflect_page_set_person (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_reflect_page_class_init (MbReflectPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mb_reflect_page_dispose;
  object_class->get_property = mb_reflect_page_get_property;
  object_class->set_property = mb_reflect_page_set_property;

  properties[PROP_CONVERSATION] =
    g_param_spec_object ("conversation", NULL, NULL,
                         MB_TYPE_CONVERSATION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PERSON] =
    g_param_spec_object ("person", NULL, NULL,
                         MB_TYPE_PERSON,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/mb-reflect-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MbReflectPage, agreements_list);
  gtk_widget_class_bind_template_child (widget_class, MbReflectPage, kept_agreements);
  gtk_widget_class_bind_template_child (widget_class, MbReflectPage, kept_marbles);
  gtk_widget_class_bind_template_child (widget_class, MbReflectPage, marbles_list);
  gtk_widget_class_bind_template_child (widget_class, MbReflectPage, person_link);
  gtk_widget_class_bind_template_child (widget_class, MbReflectPage, questions_box);

  g_type_ensure (MB_TYPE_PERSON_LINK);
}

static void
mb_reflect_page_init (MbReflectPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

MbConversation *
mb_reflect_page_get_conversation (MbReflectPage *self)
{
  g_return_val_if_fail (MB_IS_REFLECT_PAGE (self), NULL);

  return self->conversation;
}

/**
 * mb_reflect_page_set_conversation:
 *
 * Shows the reflection of @conversation; set once.
 */
void
mb_reflect_page_set_conversation (MbReflectPage  *self,
                                  MbConversation *conversation)
{
  g_return_if_fail (MB_IS_REFLECT_PAGE (self));
  g_return_if_fail (MB_IS_CONVERSATION (conversation));
  g_return_if_fail (self->conversation == NULL || self->conversation == conversation);

  if (self->conversation == conversation)
    return;

  self->conversation = g_object_ref (conversation);
  build (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONVERSATION]);
}

MbPerson *
mb_reflect_page_get_person (MbReflectPage *self)
{
  g_return_val_if_fail (MB_IS_REFLECT_PAGE (self), NULL);

  return mb_person_link_get_person (self->person_link);
}

/**
 * mb_reflect_page_set_person:
 * @person: (nullable): who the conversation is with, or %NULL for
 *   someone not in the list
 */
void
mb_reflect_page_set_person (MbReflectPage *self,
                            MbPerson      *person)
{
  g_return_if_fail (MB_IS_REFLECT_PAGE (self));

  if (mb_person_link_get_person (self->person_link) == person)
    return;

  mb_person_link_set_person (self->person_link, person);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERSON]);
}

/**
 * mb_reflect_page_get_first_field:
 *
 * Returns: (transfer none) (nullable): the text view of the first
 *   question, where typing starts
 */
GtkWidget *
mb_reflect_page_get_first_field (MbReflectPage *self)
{
  g_return_val_if_fail (MB_IS_REFLECT_PAGE (self), NULL);

  return self->first_field;
}
