/* mb-agreement.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One agreement made in a conversation: what was agreed, who promised
 * it, when it is due and whether it was kept, since when, and the
 * statuses it had before. A change of its status is a change of its
 * conversation, which saves it.
 */

#define G_LOG_DOMAIN "mb-conversation"

#include "config.h"

#include "mb-conversation-private.h"
#include "mb-json.h"

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
  g_clear_pointer (&self->status_changed, g_date_time_unref);
  g_clear_pointer (&self->history, json_node_unref);
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

/**
 * mb_agreement_get_status_changed:
 *
 * Returns: (nullable): when the agreement got its status; %NULL when
 *   that is not known (it is still open, or the file was written by a
 *   version that did not keep the time)
 */
GDateTime *
mb_agreement_get_status_changed (MbAgreement *self)
{
  g_return_val_if_fail (MB_IS_AGREEMENT (self), NULL);

  return self->status_changed;
}

/**
 * mb_agreement_get_n_history:
 *
 * Returns: how many statuses the agreement had before this one (as far
 *   as its file tells)
 */
guint
mb_agreement_get_n_history (MbAgreement *self)
{
  g_return_val_if_fail (MB_IS_AGREEMENT (self), 0);

  if (self->history == NULL || !JSON_NODE_HOLDS_ARRAY (self->history))
    return 0;
  return json_array_get_length (json_node_get_array (self->history));
}

/**
 * mb_agreement_get_history:
 * @i: which earlier status, the oldest first
 * @status: (out) (optional): the status it had
 * @changed: (out) (optional) (transfer full) (nullable): since when it
 *   had it, or %NULL when not known
 *
 * Returns: %FALSE when that status is not one this version knows (it is
 *   kept all the same)
 */
gboolean
mb_agreement_get_history (MbAgreement        *self,
                          guint               i,
                          MbAgreementStatus  *status,
                          GDateTime         **changed)
{
  JsonNode *entry;
  JsonObject *object;
  int value;

  g_return_val_if_fail (MB_IS_AGREEMENT (self), FALSE);
  g_return_val_if_fail (i < mb_agreement_get_n_history (self), FALSE);

  entry = json_array_get_element (json_node_get_array (self->history), i);
  object = JSON_NODE_HOLDS_OBJECT (entry) ? json_node_get_object (entry) : NULL;
  value = _mb_agreement_status_from_name (mb_json_get_string (object, "status"));
  if (value < 0)
    return FALSE;

  if (status != NULL)
    *status = value;
  if (changed != NULL)
    *changed = mb_json_get_date_time (object, "changed");
  return TRUE;
}

/* Adds the status the agreement has now to its history; a history in
 * the file that is not a list is left as it is.
 */
static void
add_to_history (MbAgreement *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  JsonArray *old = NULL;

  if (self->history != NULL && !JSON_NODE_HOLDS_ARRAY (self->history))
    return;
  if (self->history != NULL)
    old = json_node_get_array (self->history);

  json_builder_begin_array (builder);
  for (guint i = 0; old != NULL && i < json_array_get_length (old); i++)
    json_builder_add_value (builder, json_node_copy (json_array_get_element (old, i)));
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, _mb_agreement_status_to_name (self->status));
  mb_json_set_date_time (builder, "changed", self->status_changed);
  json_builder_end_object (builder);
  json_builder_end_array (builder);

  g_clear_pointer (&self->history, json_node_unref);
  self->history = json_builder_get_root (builder);
}

/**
 * mb_agreement_set_status:
 *
 * Sets the status, now; the one it had goes to its history.
 */
void
mb_agreement_set_status (MbAgreement       *self,
                         MbAgreementStatus  status)
{
  g_return_if_fail (MB_IS_AGREEMENT (self));

  if (self->status == status)
    return;

  add_to_history (self);
  self->status = status;
  g_clear_pointer (&self->status_changed, g_date_time_unref);
  self->status_changed = g_date_time_new_now_local ();
  g_object_notify_by_pspec (G_OBJECT (self), agreement_properties[AGREEMENT_PROP_STATUS]);
  if (self->conversation != NULL)
    _mb_conversation_emit_changed (self->conversation);
}
