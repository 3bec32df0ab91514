/* mb-agreement.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One agreement made in a conversation: what was agreed, who promised
 * it, when it is due and whether it was kept. A change of its status is
 * a change of its conversation, which saves it.
 */

#define G_LOG_DOMAIN "mb-conversation"

#include "config.h"

#include "mb-conversation-private.h"

G_DEFINE_FINAL_TYPE (MbAgreement, mb_agreement, G_TYPE_OBJECT)

enum {
  AGREEMENT_PROP_0,
  AGREEMENT_PROP_STATUS,
  AGREEMENT_N_PROPS
};

static GParamSpec *agreement_properties[AGREEMENT_N_PROPS];

static void
mb_agreement_finalize (GObject *object)
{
  MbAgreement *self = MB_AGREEMENT (object);

  g_free (self->id);
  g_free (self->text);
  g_clear_pointer (&self->due, g_date_free);
  g_clear_pointer (&self->created, g_date_time_unref);

  G_OBJECT_CLASS (mb_agreement_parent_class)->finalize (object);
}

static void
mb_agreement_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  switch (prop_id)
    {
    case AGREEMENT_PROP_STATUS:
      g_value_set_enum (value, MB_AGREEMENT (object)->status);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_agreement_class_init (MbAgreementClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mb_agreement_finalize;
  object_class->get_property = mb_agreement_get_property;

  agreement_properties[AGREEMENT_PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       MB_TYPE_AGREEMENT_STATUS, MB_AGREEMENT_OPEN,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, AGREEMENT_N_PROPS, agreement_properties);
}

static void
mb_agreement_init (MbAgreement *self)
{
}

const char *
mb_agreement_get_id (MbAgreement *self)
{
  g_return_val_if_fail (MB_IS_AGREEMENT (self), NULL);

  return self->id;
}

const char *
mb_agreement_get_text (MbAgreement *self)
{
  g_return_val_if_fail (MB_IS_AGREEMENT (self), NULL);

  return self->text;
}

MbPromisedBy
mb_agreement_get_promised_by (MbAgreement *self)
{
  g_return_val_if_fail (MB_IS_AGREEMENT (self), MB_PROMISED_BY_ME);

  return self->promised_by;
}

/**
 * mb_agreement_get_due:
 *
 * Returns: (nullable): the day it is due, if one was set
 */
GDate *
mb_agreement_get_due (MbAgreement *self)
{
  g_return_val_if_fail (MB_IS_AGREEMENT (self), NULL);

  return self->due;
}

MbAgreementStatus
mb_agreement_get_status (MbAgreement *self)
{
  g_return_val_if_fail (MB_IS_AGREEMENT (self), MB_AGREEMENT_OPEN);

  return self->status;
}

void
mb_agreement_set_status (MbAgreement       *self,
                         MbAgreementStatus  status)
{
  g_return_if_fail (MB_IS_AGREEMENT (self));

  if (self->status == status)
    return;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), agreement_properties[AGREEMENT_PROP_STATUS]);
  if (self->conversation != NULL)
    _mb_conversation_emit_changed (self->conversation);
}
