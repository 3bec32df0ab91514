/* mb-script-choice-row.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A script to choose in the New Conversation dialog: the whole title and
 * what the script is for, not a cut-off line, with a check button to
 * group with the other scripts' ones.
 */

#define G_LOG_DOMAIN "mb-script-choice-row"

#include "config.h"

#include "mb-script-choice-row.h"

struct _MbScriptChoiceRow
{
  AdwActionRow    parent_instance;

  MbScript       *script;

  /* Template widgets */
  GtkCheckButton *check;
};

G_DEFINE_FINAL_TYPE (MbScriptChoiceRow, mb_script_choice_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_SCRIPT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mb_script_choice_row_constructed (GObject *object)
{
  MbScriptChoiceRow *self = MB_SCRIPT_CHOICE_ROW (object);

  G_OBJECT_CLASS (mb_script_choice_row_parent_class)->constructed (object);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), mb_localized_get (mb_script_get_title (self->script)));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), mb_localized_get (mb_script_get_summary (self->script)));
}

static void
mb_script_choice_row_dispose (GObject *object)
{
  MbScriptChoiceRow *self = MB_SCRIPT_CHOICE_ROW (object);

  g_clear_object (&self->script);
  gtk_widget_dispose_template (GTK_WIDGET (self), MB_TYPE_SCRIPT_CHOICE_ROW);

  G_OBJECT_CLASS (mb_script_choice_row_parent_class)->dispose (object);
}

static void
mb_script_choice_row_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  MbScriptChoiceRow *self = MB_SCRIPT_CHOICE_ROW (object);

  switch (prop_id)
    {
    case PROP_SCRIPT:
      g_value_set_object (value, self->script);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_script_choice_row_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  MbScriptChoiceRow *self = MB_SCRIPT_CHOICE_ROW (object);

  switch (prop_id)
    {
    case PROP_SCRIPT:
      self->script = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_script_choice_row_class_init (MbScriptChoiceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mb_script_choice_row_constructed;
  object_class->dispose = mb_script_choice_row_dispose;
  object_class->get_property = mb_script_choice_row_get_property;
  object_class->set_property = mb_script_choice_row_set_property;

  properties[PROP_SCRIPT] =
    g_param_spec_object ("script", NULL, NULL,
                         MB_TYPE_SCRIPT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/mb-script-choice-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MbScriptChoiceRow, check);
}

static void
mb_script_choice_row_init (MbScriptChoiceRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * mb_script_choice_row_new:
 *
 * Returns: (transfer floating): a row to choose @script with
 */
GtkWidget *
mb_script_choice_row_new (MbScript *script)
{
  g_return_val_if_fail (MB_IS_SCRIPT (script), NULL);

  return g_object_new (MB_TYPE_SCRIPT_CHOICE_ROW, "script", script, NULL);
}

MbScript *
mb_script_choice_row_get_script (MbScriptChoiceRow *self)
{
  g_return_val_if_fail (MB_IS_SCRIPT_CHOICE_ROW (self), NULL);

  return self->script;
}

/**
 * mb_script_choice_row_get_check:
 *
 * Returns: (transfer none): the check button that chooses the script
 */
GtkCheckButton *
mb_script_choice_row_get_check (MbScriptChoiceRow *self)
{
  g_return_val_if_fail (MB_IS_SCRIPT_CHOICE_ROW (self), NULL);

  return self->check;
}
