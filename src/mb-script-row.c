/* mb-script-row.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A row of the Scripts list: the title, what the script is for and its
 * tags; whether it is the user's own, and how long it takes.
 */

#define G_LOG_DOMAIN "mb-script-row"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-script-row.h"

struct _MbScriptRow
{
  AdwActionRow  parent_instance;

  MbScript     *script;

  /* Template widgets */
  GtkLabel     *mine_label;
  GtkLabel     *length_label;
};

G_DEFINE_FINAL_TYPE (MbScriptRow, mb_script_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_SCRIPT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mb_script_row_constructed (GObject *object)
{
  MbScriptRow *self = MB_SCRIPT_ROW (object);
  g_autofree char *summary = g_markup_escape_text (mb_localized_get (mb_script_get_summary (self->script)), -1);
  g_autofree char *tags = mb_script_join_tags (self->script);
  g_autofree char *escaped_tags = g_markup_escape_text (tags, -1);
  g_autofree char *subtitle = NULL;
  g_autofree char *title = g_markup_escape_text (mb_localized_get (mb_script_get_title (self->script)), -1);
  guint minutes = mb_script_get_duration_minutes (self->script);

  G_OBJECT_CLASS (mb_script_row_parent_class)->constructed (object);

  subtitle = *tags != '\0' ? g_strdup_printf ("%s\n<small>%s</small>", summary, escaped_tags)
                           : g_strdup (summary);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->mine_label), !mb_script_is_bundled (self->script));

  if (minutes > 0)
    {
      /* Translators: the planned length of a script, in a list */
      g_autofree char *length = g_strdup_printf (_("%u min"), minutes);

      gtk_label_set_label (self->length_label, length);
      gtk_widget_set_visible (GTK_WIDGET (self->length_label), TRUE);
    }
}

static void
mb_script_row_dispose (GObject *object)
{
  MbScriptRow *self = MB_SCRIPT_ROW (object);

  g_clear_object (&self->script);
  gtk_widget_dispose_template (GTK_WIDGET (self), MB_TYPE_SCRIPT_ROW);

  G_OBJECT_CLASS (mb_script_row_parent_class)->dispose (object);
}

static void
mb_script_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MbScriptRow *self = MB_SCRIPT_ROW (object);

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
mb_script_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  MbScriptRow *self = MB_SCRIPT_ROW (object);

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
mb_script_row_class_init (MbScriptRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mb_script_row_constructed;
  object_class->dispose = mb_script_row_dispose;
  object_class->get_property = mb_script_row_get_property;
  object_class->set_property = mb_script_row_set_property;

  properties[PROP_SCRIPT] =
    g_param_spec_object ("script", NULL, NULL,
                         MB_TYPE_SCRIPT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/mb-script-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MbScriptRow, mine_label);
  gtk_widget_class_bind_template_child (widget_class, MbScriptRow, length_label);
}

static void
mb_script_row_init (MbScriptRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * mb_script_row_new:
 *
 * Returns: (transfer floating): a row for @script
 */
GtkWidget *
mb_script_row_new (MbScript *script)
{
  g_return_val_if_fail (MB_IS_SCRIPT (script), NULL);

  return g_object_new (MB_TYPE_SCRIPT_ROW, "script", script, NULL);
}

MbScript *
mb_script_row_get_script (MbScriptRow *self)
{
  g_return_val_if_fail (MB_IS_SCRIPT_ROW (self), NULL);

  return self->script;
}
