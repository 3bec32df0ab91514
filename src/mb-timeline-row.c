/* mb-timeline-row.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A row of the conversations on a person's page: the script, the day,
 * how far it went and the marbles it put in or took out; it opens the
 * conversation to read.
 */

#define G_LOG_DOMAIN "mb-timeline-row"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-timeline-row.h"
#include "mb-widgets.h"
#include "mb-wording.h"

struct _MbTimelineRow
{
  AdwActionRow    parent_instance;

  MbConversation *conversation;
};

G_DEFINE_FINAL_TYPE (MbTimelineRow, mb_timeline_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_CONVERSATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
describe (MbConversation *conversation)
{
  g_autofree char *day = mb_wording_day (mb_conversation_get_when (conversation));
  GListModel *marbles = mb_conversation_get_marbles (conversation);
  guint in = 0, out = 0;

  for (guint i = 0; i < g_list_model_get_n_items (marbles); i++)
    {
      g_autoptr(MbMarble) marble = g_list_model_get_item (marbles, i);

      if (mb_marble_is_in (marble))
        in++;
      else
        out++;
    }

  if (in + out > 0)
    /* Translators: “24 Nov 2026 · Finished · 2 in, 1 out”, the marbles of one conversation */
    return g_strdup_printf (_("%s · %s · %u in, %u out"), day, mb_describe_state (conversation), in, out);

  /* Translators: “24 Nov 2026 · Finished” */
  return g_strdup_printf (_("%s · %s"), day, mb_describe_state (conversation));
}

static void
mb_timeline_row_constructed (GObject *object)
{
  MbTimelineRow *self = MB_TIMELINE_ROW (object);
  g_autofree char *subtitle = describe (self->conversation);

  G_OBJECT_CLASS (mb_timeline_row_parent_class)->constructed (object);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 mb_localized_get (mb_script_get_title (mb_conversation_get_script (self->conversation))));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  /* The target first: the action takes the conversation's id. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self), "s", mb_conversation_get_id (self->conversation));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self), "win.read-conversation");
}

static void
mb_timeline_row_dispose (GObject *object)
{
  MbTimelineRow *self = MB_TIMELINE_ROW (object);

  g_clear_object (&self->conversation);
  gtk_widget_dispose_template (GTK_WIDGET (self), MB_TYPE_TIMELINE_ROW);

  G_OBJECT_CLASS (mb_timeline_row_parent_class)->dispose (object);
}

static void
mb_timeline_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MbTimelineRow *self = MB_TIMELINE_ROW (object);

  switch (prop_id)
    {
    case PROP_CONVERSATION:
      g_value_set_object (value, self->conversation);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_timeline_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MbTimelineRow *self = MB_TIMELINE_ROW (object);

  switch (prop_id)
    {
    case PROP_CONVERSATION:
      self->conversation = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_timeline_row_class_init (MbTimelineRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mb_timeline_row_constructed;
  object_class->dispose = mb_timeline_row_dispose;
  object_class->get_property = mb_timeline_row_get_property;
  object_class->set_property = mb_timeline_row_set_property;

  properties[PROP_CONVERSATION] =
    g_param_spec_object ("conversation", NULL, NULL,
                         MB_TYPE_CONVERSATION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/mb-timeline-row.ui");
}

static void
mb_timeline_row_init (MbTimelineRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * mb_timeline_row_new:
 *
 * Returns: (transfer floating): a row for @conversation, which opens it
 *   to read
 */
GtkWidget *
mb_timeline_row_new (MbConversation *conversation)
{
  g_return_val_if_fail (MB_IS_CONVERSATION (conversation), NULL);

  return g_object_new (MB_TYPE_TIMELINE_ROW, "conversation", conversation, NULL);
}

MbConversation *
mb_timeline_row_get_conversation (MbTimelineRow *self)
{
  g_return_val_if_fail (MB_IS_TIMELINE_ROW (self), NULL);

  return self->conversation;
}
