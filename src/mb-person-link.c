/* mb-person-link.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Who a conversation is with, at the top of each of its phases: “With
 * Sanne de Vries”, a link to her page; or, for someone not in the list,
 * plain text.
 */

#define G_LOG_DOMAIN "mb-person-link"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-person-link.h"
#include "mb-widgets.h"

struct _MbPersonLink
{
  AdwBin    parent_instance;

  MbPerson *person;

  /* Template widgets */
  GtkLabel *label;
};

G_DEFINE_FINAL_TYPE (MbPersonLink, mb_person_link, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PERSON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_label (MbPersonLink *self)
{
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;

  name = self->person != NULL ? mb_display_name (mb_person_get_name (self->person))
                              : g_strdup (_("someone not in your list"));
  /* Translators: above each phase of a conversation: “With Sanne de Vries” */
  text = g_strdup_printf (_("With %s"), name);

  /* The name leads to the person's page. */
  if (self->person != NULL)
    markup = g_markup_printf_escaped ("<a href=\"person\">%s</a>", text);
  else
    markup = g_markup_escape_text (text, -1);
  gtk_label_set_markup (self->label, markup);
}

static gboolean
link_activated_cb (MbPersonLink *self,
                   const char   *uri)
{
  if (self->person != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-person", "s", mb_person_get_id (self->person));
  return TRUE;
}

static void
mb_person_link_dispose (GObject *object)
{
  MbPersonLink *self = MB_PERSON_LINK (object);

  if (self->person != NULL)
    g_signal_handlers_disconnect_by_func (self->person, update_label, self);
  g_clear_object (&self->person);
  /* The label is the bin's own child: the bin lets it go, not the template. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MB_TYPE_PERSON_LINK);

  G_OBJECT_CLASS (mb_person_link_parent_class)->dispose (object);
}

static void
mb_person_link_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MbPersonLink *self = MB_PERSON_LINK (object);

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
mb_person_link_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MbPersonLink *self = MB_PERSON_LINK (object);

  switch (prop_id)
    {
    case PROP_PERSON:
      mb_person_link_set_person (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_person_link_class_init (MbPersonLinkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mb_person_link_dispose;
  object_class->get_property = mb_person_link_get_property;
  object_class->set_property = mb_person_link_set_property;

  properties[PROP_PERSON] =
    g_param_spec_object ("person", NULL, NULL,
                         MB_TYPE_PERSON,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/mb-person-link.ui");
  gtk_widget_class_bind_template_child (widget_class, MbPersonLink, label);
  gtk_widget_class_bind_template_callback (widget_class, link_activated_cb);
}

static void
mb_person_link_init (MbPersonLink *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_label (self);
}

MbPerson *
mb_person_link_get_person (MbPersonLink *self)
{
  g_return_val_if_fail (MB_IS_PERSON_LINK (self), NULL);

  return self->person;
}

/**
 * mb_person_link_set_person:
 * @person: (nullable): who the conversation is with, or %NULL for
 *   someone not in the list
 *
 * Shows @person, and their name as it changes.
 */
void
mb_person_link_set_person (MbPersonLink *self,
                           MbPerson     *person)
{
  g_return_if_fail (MB_IS_PERSON_LINK (self));
  g_return_if_fail (person == NULL || MB_IS_PERSON (person));

  if (self->person == person)
    return;

  if (self->person != NULL)
    g_signal_handlers_disconnect_by_func (self->person, update_label, self);
  g_set_object (&self->person, person);
  if (person != NULL)
    g_signal_connect_object (person, "notify::name", G_CALLBACK (update_label), self, G_CONNECT_SWAPPED);
  update_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERSON]);
}
