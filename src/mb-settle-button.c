/* mb-settle-button.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A round button on the row of an open promise, with a check mark that
 * marks it kept or a cross that marks it not kept.
 */

#define G_LOG_DOMAIN "mb-settle-button"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-settle-button.h"

struct _MbSettleButton
{
  GtkButton parent_instance;

  gboolean  kept;
};

G_DEFINE_FINAL_TYPE (MbSettleButton, mb_settle_button, GTK_TYPE_BUTTON)

enum {
  PROP_0,
  PROP_KEPT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mb_settle_button_constructed (GObject *object)
{
  MbSettleButton *self = MB_SETTLE_BUTTON (object);
  const char *label = self->kept ? _("Mark as Kept") : _("Mark as Not Kept");

  G_OBJECT_CLASS (mb_settle_button_parent_class)->constructed (object);

  gtk_button_set_icon_name (GTK_BUTTON (self), self->kept ? "object-select-symbolic" : "window-close-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
mb_settle_button_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MbSettleButton *self = MB_SETTLE_BUTTON (object);

  switch (prop_id)
    {
    case PROP_KEPT:
      g_value_set_boolean (value, self->kept);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_settle_button_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MbSettleButton *self = MB_SETTLE_BUTTON (object);

  switch (prop_id)
    {
    case PROP_KEPT:
      self->kept = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_settle_button_class_init (MbSettleButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = mb_settle_button_constructed;
  object_class->get_property = mb_settle_button_get_property;
  object_class->set_property = mb_settle_button_set_property;

  properties[PROP_KEPT] =
    g_param_spec_boolean ("kept", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mb_settle_button_init (MbSettleButton *self)
{
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self), "flat");
  gtk_widget_add_css_class (GTK_WIDGET (self), "circular");
}

/**
 * mb_settle_button_new:
 * @kept: whether the button marks kept or not kept
 * @callback: called as for #GtkButton::clicked, with @agreement; the
 *   button says which it marks with mb_settle_button_get_kept()
 *
 * Returns: (transfer floating): a round button with a check mark or a
 *   cross, for one row of an open @agreement
 */
GtkWidget *
mb_settle_button_new (MbAgreement *agreement,
                      gboolean     kept,
                      GCallback    callback)
{
  GtkWidget *button;

  g_return_val_if_fail (MB_IS_AGREEMENT (agreement), NULL);

  button = g_object_new (MB_TYPE_SETTLE_BUTTON, "kept", kept, NULL);
  g_signal_connect_object (button, "clicked", callback, agreement, 0);
  return button;
}

/**
 * mb_settle_button_get_kept:
 *
 * Returns: %TRUE for the button that marks kept, %FALSE for the one
 *   that marks not kept
 */
gboolean
mb_settle_button_get_kept (MbSettleButton *self)
{
  g_return_val_if_fail (MB_IS_SETTLE_BUTTON (self), FALSE);

  return self->kept;
}
