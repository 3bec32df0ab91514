/* mb-person-row.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A row of the People list: the person's name, and under it their role,
 * when you last talked, the next conversation planned and the promises
 * still open.
 */

#define G_LOG_DOMAIN "mb-person-row"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-person-row.h"
#include "mb-widgets.h"
#include "mb-wording.h"

struct _MbPersonRow
{
  AdwActionRow  parent_instance;

  MbPerson     *person;
  gboolean      counted;  /* the counts below are given */
  GDateTime    *last;     /* of the last conversation held, or NULL */
  GDateTime    *next;     /* of the next one planned, or NULL */
  guint         open;     /* agreements still open */

  /* Template widgets */
  AdwAvatar    *avatar;
};

G_DEFINE_FINAL_TYPE (MbPersonRow, mb_person_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_PERSON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_subtitle (MbPersonRow *self)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *subtitle = NULL;

  if (!self->counted)
    return;

  if (*mb_person_get_role (self->person) != '\0')
    g_ptr_array_add (parts, g_strdup (mb_person_get_role (self->person)));
  if (self->last != NULL)
    {
      g_autofree char *day = mb_wording_day (self->last);

      /* Translators: “last talked 24 Nov 2026” */
      g_ptr_array_add (parts, g_strdup_printf (_("last talked %s"), day));
    }
  if (self->next != NULL)
    {
      g_autofree char *day = mb_wording_day (self->next);

      /* Translators: the next conversation planned: “next 1 Dec 2026” */
      g_ptr_array_add (parts, g_strdup_printf (_("next %s"), day));
    }
  if (self->open > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u open agreement",
                                                          "%u open agreements", self->open), self->open));
  g_ptr_array_add (parts, NULL);

  /* Translators: what separates the parts of a line: “Designer · last talked 24 Nov 2026” */
  subtitle = g_strjoinv (_(" · "), (char **) parts->pdata);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
}

static void
mb_person_row_constructed (GObject *object)
{
  MbPersonRow *self = MB_PERSON_ROW (object);

  G_OBJECT_CLASS (mb_person_row_parent_class)->constructed (object);

  g_object_bind_property_full (self->person, "name", self, "title", G_BINDING_SYNC_CREATE,
                               mb_display_name_transform, NULL, NULL, NULL);
  g_object_bind_property_full (self->person, "name", self->avatar, "text", G_BINDING_SYNC_CREATE,
                               mb_display_name_transform, NULL, NULL, NULL);
  g_signal_connect_object (self->person, "notify::role", G_CALLBACK (update_subtitle), self, G_CONNECT_SWAPPED);
}

static void
mb_person_row_dispose (GObject *object)
{
  MbPersonRow *self = MB_PERSON_ROW (object);

  g_clear_object (&self->person);
  g_clear_pointer (&self->last, g_date_time_unref);
  g_clear_pointer (&self->next, g_date_time_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), MB_TYPE_PERSON_ROW);

  G_OBJECT_CLASS (mb_person_row_parent_class)->dispose (object);
}

static void
mb_person_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MbPersonRow *self = MB_PERSON_ROW (object);

  switch (prop_id)
    {
    case PROP_PERSON:
      g_value_set_object (value, self->person);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_person_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  MbPersonRow *self = MB_PERSON_ROW (object);

  switch (prop_id)
    {
    case PROP_PERSON:
      self->person = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_person_row_class_init (MbPersonRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mb_person_row_constructed;
  object_class->dispose = mb_person_row_dispose;
  object_class->get_property = mb_person_row_get_property;
  object_class->set_property = mb_person_row_set_property;

  properties[PROP_PERSON] =
    g_param_spec_object ("person", NULL, NULL,
                         MB_TYPE_PERSON,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/mb-person-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MbPersonRow, avatar);
}

static void
mb_person_row_init (MbPersonRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * mb_person_row_new:
 *
 * Returns: (transfer floating): a row for @person, following their name
 *   and role
 */
GtkWidget *
mb_person_row_new (MbPerson *person)
{
  g_return_val_if_fail (MB_IS_PERSON (person), NULL);

  return g_object_new (MB_TYPE_PERSON_ROW, "person", person, NULL);
}

MbPerson *
mb_person_row_get_person (MbPersonRow *self)
{
  g_return_val_if_fail (MB_IS_PERSON_ROW (self), NULL);

  return self->person;
}

/**
 * mb_person_row_set_counts:
 * @last: (nullable): when the last conversation with them was held
 * @next: (nullable): when the next one is planned
 * @open: how many of the agreements with them are still open
 *
 * Shows these under the name, with the role.
 */
void
mb_person_row_set_counts (MbPersonRow *self,
                          GDateTime   *last,
                          GDateTime   *next,
                          guint        open)
{
  g_return_if_fail (MB_IS_PERSON_ROW (self));

  self->counted = TRUE;
  g_clear_pointer (&self->last, g_date_time_unref);
  g_clear_pointer (&self->next, g_date_time_unref);
  self->last = last != NULL ? g_date_time_ref (last) : NULL;
  self->next = next != NULL ? g_date_time_ref (next) : NULL;
  self->open = open;
  update_subtitle (self);
}
