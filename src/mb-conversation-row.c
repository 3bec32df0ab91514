/* mb-conversation-row.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A row of the Conversations list: the person, then the script, the day
 * and the phase, kept up to date for as long as it shows them.
 */

#define G_LOG_DOMAIN "mb-conversation-row"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-conversation-row.h"
#include "mb-widgets.h"
#include "mb-wording.h"

struct _MbConversationRow
{
  GtkBox          parent_instance;

  MbConversation *conversation;
  MbPerson       *person;
  GBinding       *name_binding;    /* the person's name on the title */
  GBinding       *avatar_binding;  /* and on the avatar */

  /* Template widgets */
  AdwAvatar      *avatar;
  GtkLabel       *title_label;
  GtkLabel       *subtitle_label;
};

G_DEFINE_FINAL_TYPE (MbConversationRow, mb_conversation_row, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_CONVERSATION,
  PROP_PERSON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_subtitle (MbConversationRow *self)
{
  g_autofree char *date = NULL;
  g_autofree char *subtitle = NULL;

  if (self->conversation == NULL)
    return;

  date = mb_wording_day (mb_conversation_get_when (self->conversation));
  /* Translators: “Restore trust · 24 Nov 2026 · Preparing” */
  subtitle = g_strdup_printf (_("%s · %s · %s"),
                              mb_localized_get (mb_script_get_title (mb_conversation_get_script (self->conversation))),
                              date, mb_describe_state (self->conversation));
  gtk_label_set_label (self->subtitle_label, subtitle);
}

static void
update_person (MbConversationRow *self)
{
  g_clear_pointer (&self->name_binding, g_binding_unbind);
  g_clear_pointer (&self->avatar_binding, g_binding_unbind);

  if (self->person == NULL)
    {
      gtk_label_set_label (self->title_label, _("Someone not in your list"));
      adw_avatar_set_text (self->avatar, NULL);
      return;
    }

  self->name_binding = g_object_bind_property_full (self->person, "name", self->title_label, "label",
                                                    G_BINDING_SYNC_CREATE, mb_display_name_transform,
                                                    NULL, NULL, NULL);
  self->avatar_binding = g_object_bind_property_full (self->person, "name", self->avatar, "text",
                                                      G_BINDING_SYNC_CREATE, mb_display_name_transform,
                                                      NULL, NULL, NULL);
}

static void
mb_conversation_row_dispose (GObject *object)
{
  MbConversationRow *self = MB_CONVERSATION_ROW (object);

  mb_conversation_row_set_conversation (self, NULL);
  mb_conversation_row_set_person (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MB_TYPE_CONVERSATION_ROW);

  G_OBJECT_CLASS (mb_conversation_row_parent_class)->dispose (object);
}

static void
mb_conversation_row_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  MbConversationRow *self = MB_CONVERSATION_ROW (object);

  switch (prop_id)
    {
    case PROP_CONVERSATION:
      g_value_set_object (value, self->conversation);
      break;

    case PROP_PERSON:
      g_value_set_object (value, self->person);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_conversation_row_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  MbConversationRow *self = MB_CONVERSATION_ROW (object);

  switch (prop_id)
    {
    case PROP_CONVERSATION:
      mb_conversation_row_set_conversation (self, g_value_get_object (value));
      break;

    case PROP_PERSON:
      mb_conversation_row_set_person (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_conversation_row_class_init (MbConversationRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mb_conversation_row_dispose;
  object_class->get_property = mb_conversation_row_get_property;
  object_class->set_property = mb_conversation_row_set_property;

  properties[PROP_CONVERSATION] =
    g_param_spec_object ("conversation", NULL, NULL,
                         MB_TYPE_CONVERSATION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PERSON] =
    g_param_spec_object ("person", NULL, NULL,
                         MB_TYPE_PERSON,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/mb-conversation-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MbConversationRow, avatar);
  gtk_widget_class_bind_template_child (widget_class, MbConversationRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, MbConversationRow, subtitle_label);
}

static void
mb_conversation_row_init (MbConversationRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_person (self);
}

/**
 * mb_conversation_row_new:
 *
 * Returns: (transfer floating): a row showing nothing yet
 */
GtkWidget *
mb_conversation_row_new (void)
{
  return g_object_new (MB_TYPE_CONVERSATION_ROW, NULL);
}

/**
 * mb_conversation_row_get_conversation:
 *
 * Returns: (transfer none) (nullable): the conversation shown
 */
MbConversation *
mb_conversation_row_get_conversation (MbConversationRow *self)
{
  g_return_val_if_fail (MB_IS_CONVERSATION_ROW (self), NULL);

  return self->conversation;
}

/**
 * mb_conversation_row_set_conversation:
 * @conversation: (nullable): the conversation to show; its phase and
 *   whether it is finished are followed
 */
void
mb_conversation_row_set_conversation (MbConversationRow *self,
                                      MbConversation    *conversation)
{
  g_return_if_fail (MB_IS_CONVERSATION_ROW (self));
  g_return_if_fail (conversation == NULL || MB_IS_CONVERSATION (conversation));

  if (self->conversation == conversation)
    return;

  if (self->conversation != NULL)
    g_signal_handlers_disconnect_by_func (self->conversation, update_subtitle, self);
  g_set_object (&self->conversation, conversation);
  if (conversation != NULL)
    {
      g_signal_connect_swapped (conversation, "notify::phase", G_CALLBACK (update_subtitle), self);
      g_signal_connect_swapped (conversation, "notify::finished", G_CALLBACK (update_subtitle), self);
    }
  update_subtitle (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONVERSATION]);
}

/**
 * mb_conversation_row_get_person:
 *
 * Returns: (transfer none) (nullable): the person the conversation is
 *   with, if they are in the journal
 */
MbPerson *
mb_conversation_row_get_person (MbConversationRow *self)
{
  g_return_val_if_fail (MB_IS_CONVERSATION_ROW (self), NULL);

  return self->person;
}

/**
 * mb_conversation_row_set_person:
 * @person: (nullable): whom the conversation is with, or %NULL for
 *   someone not in the journal; their name is followed
 */
void
mb_conversation_row_set_person (MbConversationRow *self,
                                MbPerson          *person)
{
  g_return_if_fail (MB_IS_CONVERSATION_ROW (self));
  g_return_if_fail (person == NULL || MB_IS_PERSON (person));

  if (!g_set_object (&self->person, person))
    return;

  update_person (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERSON]);
}
