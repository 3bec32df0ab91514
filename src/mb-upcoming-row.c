/* mb-upcoming-row.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A row of Upcoming, above the Conversations list: the person, the
 * script, and the day and time planned.
 */

#define G_LOG_DOMAIN "mb-upcoming-row"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-upcoming-row.h"
#include "mb-widgets.h"
#include "mb-wording.h"

struct _MbUpcomingRow
{
  AdwActionRow    parent_instance;

  MbConversation *conversation;
  MbPerson       *person;

  /* Template widgets */
  AdwAvatar      *avatar;
};

G_DEFINE_FINAL_TYPE (MbUpcomingRow, mb_upcoming_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_CONVERSATION,
  PROP_PERSON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mb_upcoming_row_constructed (GObject *object)
{
  MbUpcomingRow *self = MB_UPCOMING_ROW (object);
  GDateTime *when = mb_conversation_get_when (self->conversation);
  const char *name = self->person != NULL ? mb_person_get_name (self->person) : _("Someone not in your list");
  g_autofree char *day = mb_wording_day (when);
  g_autofree char *time = g_date_time_format (when, "%H:%M");
  g_autofree char *subtitle = NULL;

  G_OBJECT_CLASS (mb_upcoming_row_parent_class)->constructed (object);

  /* Translators: an upcoming conversation: “GROW · 3 Dec 2026, 14:30” */
  subtitle = g_strdup_printf (_("%s · %s, %s"),
                              mb_localized_get (mb_script_get_title (mb_conversation_get_script (self->conversation))),
                              day, time);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  adw_avatar_set_text (self->avatar, name);
}

static void
mb_upcoming_row_dispose (GObject *object)
{
  MbUpcomingRow *self = MB_UPCOMING_ROW (object);

  g_clear_object (&self->conversation);
  g_clear_object (&self->person);
  gtk_widget_dispose_template (GTK_WIDGET (self), MB_TYPE_UPCOMING_ROW);

  G_OBJECT_CLASS (mb_upcoming_row_parent_class)->dispose (object);
}

static void
mb_upcoming_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MbUpcomingRow *self = MB_UPCOMING_ROW (object);

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
mb_upcoming_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MbUpcomingRow *self = MB_UPCOMING_ROW (object);

  switch (prop_id)
    {
    case PROP_CONVERSATION:
      self->conversation = g_value_dup_object (value);
      break;

    case PROP_PERSON:
      self->person = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_upcoming_row_class_init (MbUpcomingRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mb_upcoming_row_constructed;
  object_class->dispose = mb_upcoming_row_dispose;
  object_class->get_property = mb_upcoming_row_get_property;
  object_class->set_property = mb_upcoming_row_set_property;

  properties[PROP_CONVERSATION] =
    g_param_spec_object ("conversation", NULL, NULL,
                         MB_TYPE_CONVERSATION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PERSON] =
    g_param_spec_object ("person", NULL, NULL,
                         MB_TYPE_PERSON,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/mb-upcoming-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MbUpcomingRow, avatar);
}

static void
mb_upcoming_row_init (MbUpcomingRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * mb_upcoming_row_new:
 * @person: (nullable): whom @conversation is with, or %NULL for someone
 *   not in the journal
 *
 * Returns: (transfer floating): a row for @conversation
 */
GtkWidget *
mb_upcoming_row_new (MbConversation *conversation,
                     MbPerson       *person)
{
  g_return_val_if_fail (MB_IS_CONVERSATION (conversation), NULL);
  g_return_val_if_fail (person == NULL || MB_IS_PERSON (person), NULL);

  return g_object_new (MB_TYPE_UPCOMING_ROW,
                       "conversation", conversation,
                       "person", person,
                       NULL);
}

MbConversation *
mb_upcoming_row_get_conversation (MbUpcomingRow *self)
{
  g_return_val_if_fail (MB_IS_UPCOMING_ROW (self), NULL);

  return self->conversation;
}
