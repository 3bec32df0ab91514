/* mb-step-row.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A step in the step picker of the talk: its number and title, a mark
 * when notes were taken in it and one on the step the talk is at.
 */

#define G_LOG_DOMAIN "mb-step-row"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-step-row.h"

struct _MbStepRow
{
  GtkListBoxRow parent_instance;

  /* Template widgets */
  GtkWidget    *current;
  GtkWidget    *label;
  GtkWidget    *notes;
};

G_DEFINE_FINAL_TYPE (MbStepRow, mb_step_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_CURRENT,
  PROP_HAS_NOTES,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What a screen reader says of the step, besides its title. */
static void
update_description (MbStepRow *self)
{
  gboolean current = mb_step_row_get_current (self);
  gboolean has_notes = mb_step_row_get_has_notes (self);
  const char *description;

  /* Translators: said of a step in the list of steps: “current step, has notes” */
  description = current && has_notes ? _("Current step, has notes")
                : current ? _("Current step")
                : has_notes ? _("Has notes") : NULL;
  if (description != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    description, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
mb_step_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MB_TYPE_STEP_ROW);

  G_OBJECT_CLASS (mb_step_row_parent_class)->dispose (object);
}

static void
mb_step_row_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MbStepRow *self = MB_STEP_ROW (object);

  switch (prop_id)
    {
    case PROP_CURRENT:
      g_value_set_boolean (value, mb_step_row_get_current (self));
      break;

    case PROP_HAS_NOTES:
      g_value_set_boolean (value, mb_step_row_get_has_notes (self));
      break;

    case PROP_TITLE:
      g_value_set_string (value, gtk_label_get_label (GTK_LABEL (self->label)));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_step_row_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  MbStepRow *self = MB_STEP_ROW (object);

  switch (prop_id)
    {
    case PROP_CURRENT:
      mb_step_row_set_current (self, g_value_get_boolean (value));
      break;

    case PROP_HAS_NOTES:
      mb_step_row_set_has_notes (self, g_value_get_boolean (value));
      break;

    case PROP_TITLE:
      gtk_label_set_label (GTK_LABEL (self->label), g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_step_row_class_init (MbStepRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mb_step_row_dispose;
  object_class->get_property = mb_step_row_get_property;
  object_class->set_property = mb_step_row_set_property;

  properties[PROP_CURRENT] =
    g_param_spec_boolean ("current", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_HAS_NOTES] =
    g_param_spec_boolean ("has-notes", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/mb-step-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MbStepRow, current);
  gtk_widget_class_bind_template_child (widget_class, MbStepRow, label);
  gtk_widget_class_bind_template_child (widget_class, MbStepRow, notes);
}

static void
mb_step_row_init (MbStepRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * mb_step_row_new:
 * @title: such as “2. Listen”
 *
 * Returns: (transfer floating): a row for the step picker, neither
 *   current nor with notes
 */
GtkWidget *
mb_step_row_new (const char *title)
{
  return g_object_new (MB_TYPE_STEP_ROW, "title", title, NULL);
}

gboolean
mb_step_row_get_current (MbStepRow *self)
{
  g_return_val_if_fail (MB_IS_STEP_ROW (self), FALSE);

  return gtk_widget_get_visible (self->current);
}

/**
 * mb_step_row_set_current:
 *
 * Marks the step the talk is at: its title in bold, an arrow beside it.
 */
void
mb_step_row_set_current (MbStepRow *self,
                         gboolean   current)
{
  g_return_if_fail (MB_IS_STEP_ROW (self));

  current = !!current;
  if (mb_step_row_get_current (self) == current)
    return;

  gtk_widget_set_visible (self->current, current);
  if (current)
    gtk_widget_add_css_class (self->label, "heading");
  else
    gtk_widget_remove_css_class (self->label, "heading");
  update_description (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
}

gboolean
mb_step_row_get_has_notes (MbStepRow *self)
{
  g_return_val_if_fail (MB_IS_STEP_ROW (self), FALSE);

  return gtk_widget_get_visible (self->notes);
}

/**
 * mb_step_row_set_has_notes:
 *
 * Marks a step in which notes were taken.
 */
void
mb_step_row_set_has_notes (MbStepRow *self,
                           gboolean   has_notes)
{
  g_return_if_fail (MB_IS_STEP_ROW (self));

  has_notes = !!has_notes;
  if (mb_step_row_get_has_notes (self) == has_notes)
    return;

  gtk_widget_set_visible (self->notes, has_notes);
  update_description (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_NOTES]);
}
