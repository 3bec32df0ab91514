/* mb-open-agreement-row.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A row of the open agreements on a person's page: the promise, who made
 * it and when, with buttons to mark it kept or not kept; for a promise of
 * the leader's, one more to plan a conversation about it, to renegotiate
 * it in time or to own that it is late; once there is one, a button that
 * opens it instead, and when it was held or is planned.
 */

#define G_LOG_DOMAIN "mb-open-agreement-row"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-open-agreement-row.h"
#include "mb-promise-talk.h"
#include "mb-widgets.h"
#include "mb-wording.h"

struct _MbOpenAgreementRow
{
  AdwActionRow    parent_instance;

  MbAgreement    *agreement;
  MbConversation *agreed_in;

  /* Template widgets */
  GtkWidget      *repair_button;
  GtkWidget      *talk_button;
};

G_DEFINE_FINAL_TYPE (MbOpenAgreementRow, mb_open_agreement_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_AGREEMENT,
  PROP_AGREED_IN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SETTLE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
kept_clicked_cb (MbOpenAgreementRow *self)
{
  g_signal_emit (self, signals[SETTLE], 0, TRUE);
}

static void
not_kept_clicked_cb (MbOpenAgreementRow *self)
{
  g_signal_emit (self, signals[SETTLE], 0, FALSE);
}

static void
mb_open_agreement_row_constructed (GObject *object)
{
  MbOpenAgreementRow *self = MB_OPEN_AGREEMENT_ROW (object);
  g_autofree char *subtitle = mb_wording_agreement (self->agreement, mb_conversation_get_when (self->agreed_in), FALSE);
  g_autofree char *text = mb_text_excerpt (mb_agreement_get_text (self->agreement), MB_TEXT_MAX_LINE_CHARS);

  G_OBJECT_CLASS (mb_open_agreement_row_parent_class)->constructed (object);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), text);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);

  if (mb_promise_talk_offered (self->agreement))
    {
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->talk_button), "(ss)",
                                        mb_conversation_get_person_id (self->agreed_in),
                                        mb_agreement_get_id (self->agreement));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->talk_button), "win.plan-promise-talk");
      gtk_widget_set_visible (self->talk_button, TRUE);
    }
}

static void
mb_open_agreement_row_dispose (GObject *object)
{
  MbOpenAgreementRow *self = MB_OPEN_AGREEMENT_ROW (object);

  g_clear_object (&self->agreement);
  g_clear_object (&self->agreed_in);
  gtk_widget_dispose_template (GTK_WIDGET (self), MB_TYPE_OPEN_AGREEMENT_ROW);

  G_OBJECT_CLASS (mb_open_agreement_row_parent_class)->dispose (object);
}

static void
mb_open_agreement_row_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  MbOpenAgreementRow *self = MB_OPEN_AGREEMENT_ROW (object);

  switch (prop_id)
    {
    case PROP_AGREEMENT:
      g_value_set_object (value, self->agreement);
      break;

    case PROP_AGREED_IN:
      g_value_set_object (value, self->agreed_in);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_open_agreement_row_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  MbOpenAgreementRow *self = MB_OPEN_AGREEMENT_ROW (object);

  switch (prop_id)
    {
    case PROP_AGREEMENT:
      self->agreement = g_value_dup_object (value);
      break;

    case PROP_AGREED_IN:
      self->agreed_in = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_open_agreement_row_class_init (MbOpenAgreementRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mb_open_agreement_row_constructed;
  object_class->dispose = mb_open_agreement_row_dispose;
  object_class->get_property = mb_open_agreement_row_get_property;
  object_class->set_property = mb_open_agreement_row_set_property;

  properties[PROP_AGREEMENT] =
    g_param_spec_object ("agreement", NULL, NULL,
                         MB_TYPE_AGREEMENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_AGREED_IN] =
    g_param_spec_object ("agreed-in", NULL, NULL,
                         MB_TYPE_CONVERSATION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MbOpenAgreementRow::settle:
   * @kept: whether the agreement is to be marked kept or not kept
   *
   * Emitted when one of the row's buttons is clicked.
   */
  signals[SETTLE] =
    g_signal_new ("settle",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/mb-open-agreement-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MbOpenAgreementRow, repair_button);
  gtk_widget_class_bind_template_child (widget_class, MbOpenAgreementRow, talk_button);
  gtk_widget_class_bind_template_callback (widget_class, kept_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, not_kept_clicked_cb);
}

static void
mb_open_agreement_row_init (MbOpenAgreementRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * mb_open_agreement_row_new:
 * @agreement: an open agreement
 * @agreed_in: the conversation it was made in
 *
 * Returns: (transfer floating): a row for @agreement
 */
GtkWidget *
mb_open_agreement_row_new (MbAgreement    *agreement,
                           MbConversation *agreed_in)
{
  g_return_val_if_fail (MB_IS_AGREEMENT (agreement), NULL);
  g_return_val_if_fail (MB_IS_CONVERSATION (agreed_in), NULL);

  return g_object_new (MB_TYPE_OPEN_AGREEMENT_ROW,
                       "agreement", agreement,
                       "agreed-in", agreed_in,
                       NULL);
}

MbAgreement *
mb_open_agreement_row_get_agreement (MbOpenAgreementRow *self)
{
  g_return_val_if_fail (MB_IS_OPEN_AGREEMENT_ROW (self), NULL);

  return self->agreement;
}

/**
 * mb_open_agreement_row_get_agreed_in:
 *
 * Returns: (transfer none): the conversation the agreement was made in
 */
MbConversation *
mb_open_agreement_row_get_agreed_in (MbOpenAgreementRow *self)
{
  g_return_val_if_fail (MB_IS_OPEN_AGREEMENT_ROW (self), NULL);

  return self->agreed_in;
}

/**
 * mb_open_agreement_row_set_repair:
 * @repair: whether the conversation about the agreement was held
 * @conversation: (nullable): that conversation; %NULL for none
 *
 * Says, after the row's subtitle, whether the agreement was talked
 * about: “Talked about on 3 Dec 2026” or “Conversation planned for 8 Dec
 * 2026”, with a button that opens that conversation, to read or to go
 * on with, in place of the one that plans another. Once for a row, after
 * its subtitle is set.
 */
void
mb_open_agreement_row_set_repair (MbOpenAgreementRow *self,
                                  MbRepair            repair,
                                  MbConversation     *conversation)
{
  g_autofree char *day = NULL;
  g_autofree char *state = NULL;
  g_autofree char *subtitle = NULL;

  g_return_if_fail (MB_IS_OPEN_AGREEMENT_ROW (self));
  g_return_if_fail (conversation == NULL || MB_IS_CONVERSATION (conversation));

  if (conversation == NULL || repair == MB_REPAIR_NONE)
    return;

  day = mb_wording_day (mb_conversation_get_when (conversation));
  if (repair == MB_REPAIR_HELD)
    /* Translators: about a promise: “Talked about on 3 Dec 2026” */
    state = g_strdup_printf (_("Talked about on %s"), day);
  else
    /* Translators: about a promise: “Conversation planned for 8 Dec 2026” */
    state = g_strdup_printf (_("Conversation planned for %s"), day);
  subtitle = g_strconcat (adw_action_row_get_subtitle (ADW_ACTION_ROW (self)), " · ", state, NULL);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);

  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->repair_button), "s", mb_conversation_get_id (conversation));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->repair_button),
                                  repair == MB_REPAIR_HELD ? "win.read-conversation" : "win.open-conversation");
  gtk_widget_set_visible (self->repair_button, TRUE);
  gtk_widget_set_visible (self->talk_button, FALSE);
}
