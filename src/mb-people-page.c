/* mb-people-page.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The People section: everyone in the journal, by name. A person can be
 * renamed; their conversations refer to them by id and stay as they are.
 */

#define G_LOG_DOMAIN "mb-people-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-people-page.h"
#include "mb-widgets.h"

struct _MbPeoplePage
{
  MbSectionPage      parent_instance;

  MbJournal  *journal;

  /* Template widgets */
  GtkWidget  *back_button;
  GtkListBox *people_list;
  GtkStack   *stack;
};

G_DEFINE_FINAL_TYPE (MbPeoplePage, mb_people_page, MB_TYPE_SECTION_PAGE)

enum {
  PROP_0,
  PROP_JOURNAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
edit_clicked_cb (GtkButton *button,
                 MbPerson  *person)
{
  MbPeoplePage *self = MB_PEOPLE_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (button), MB_TYPE_PEOPLE_PAGE));

  mb_people_page_edit_person (self, person);
}

static void
forget_clicked_cb (GtkButton *button,
                   MbPerson  *person)
{
  MbPeoplePage *self = MB_PEOPLE_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (button), MB_TYPE_PEOPLE_PAGE));

  mb_people_page_forget_person (self, person);
}

static GtkWidget *
create_person_row (gpointer item,
                   gpointer user_data)
{
  MbPerson *person = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *edit = gtk_button_new_from_icon_name ("document-edit-symbolic");
  GtkWidget *forget = gtk_button_new_from_icon_name ("user-trash-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  g_object_bind_property (person, "name", row, "title", G_BINDING_SYNC_CREATE);
  g_object_bind_property (person, "role", row, "subtitle", G_BINDING_SYNC_CREATE);
  gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (edit, "flat");
  gtk_widget_set_tooltip_text (edit, _("Edit Name and Role"));
  g_signal_connect_object (edit, "clicked", G_CALLBACK (edit_clicked_cb), person, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
  gtk_widget_set_valign (forget, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (forget, "flat");
  gtk_widget_set_tooltip_text (forget, _("Forget This Person"));
  g_signal_connect_object (forget, "clicked", G_CALLBACK (forget_clicked_cb), person, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), forget);
  return row;
}

static void
update_visibility (MbPeoplePage *self)
{
  gboolean any = g_list_model_get_n_items (mb_journal_get_people (self->journal)) > 0;

  gtk_stack_set_visible_child_name (self->stack,
                                    any || !mb_journal_is_loaded (self->journal) ? "list" : "empty");
}

static void
edit_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  MbPerson         *person)
{
  GtkWidget *box = adw_message_dialog_get_extra_child (dialog);
  GtkEditable *name = GTK_EDITABLE (gtk_widget_get_first_child (box));
  GtkEditable *role = GTK_EDITABLE (gtk_widget_get_last_child (box));
  g_autofree char *new_name = g_strstrip (g_strdup (gtk_editable_get_text (name)));
  g_autofree char *new_role = g_strstrip (g_strdup (gtk_editable_get_text (role)));

  if (g_strcmp0 (response, "save") != 0 || *new_name == '\0')
    return;

  mb_person_set_name (person, new_name);
  mb_person_set_role (person, new_role);
}

static GtkWidget *
new_entry (const char *text,
           const char *placeholder)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  return entry;
}

/**
 * mb_people_page_edit_person:
 *
 * Asks for @person's new name and role.
 *
 * Returns: (transfer none): the dialog, shown
 */
AdwMessageDialog *
mb_people_page_edit_person (MbPeoplePage *self,
                            MbPerson     *person)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *name = new_entry (mb_person_get_name (person), _("Name"));
  AdwMessageDialog *dialog;

  g_return_val_if_fail (MB_IS_PEOPLE_PAGE (self), NULL);

  dialog = mb_question_new (GTK_WIDGET (self), _("Edit Person"), _("Conversations with them stay as they are."),
                            "save", _("_Save"), ADW_RESPONSE_SUGGESTED);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), new_entry (mb_person_get_role (person), _("Role (optional)")));
  adw_message_dialog_set_extra_child (dialog, box);
  mb_require_text (dialog, "save", GTK_EDITABLE (name));
  g_signal_connect_data (dialog, "response", G_CALLBACK (edit_response_cb),
                         g_object_ref (person), (GClosureNotify) g_object_unref, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
forget_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    MbPeoplePage     *self)
{
  MbPerson *person = g_object_get_data (G_OBJECT (dialog), "person");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "forget") != 0)
    return;

  if (!mb_journal_forget_person (self->journal, person, &error))
    mb_show_error (GTK_WIDGET (self), _("Could Not Forget Everything"), error->message);
}

/**
 * mb_people_page_forget_person:
 *
 * Asks, saying exactly what will go, before @person and everything
 * about them is removed from this computer.
 *
 * Returns: (transfer none): the dialog, shown
 */
AdwMessageDialog *
mb_people_page_forget_person (MbPeoplePage *self,
                              MbPerson     *person)
{
  g_autofree char *heading = NULL;
  g_autofree char *conversations = NULL;
  g_autofree char *agreements = NULL;
  g_autofree char *marbles = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  guint n_conversations, n_agreements, n_marbles;

  g_return_val_if_fail (MB_IS_PEOPLE_PAGE (self), NULL);

  mb_journal_count_about (self->journal, person, &n_conversations, &n_agreements, &n_marbles);
  heading = g_strdup_printf (_("Forget %s?"), mb_person_get_name (person));
  conversations = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u conversation", "%u conversations",
                                                n_conversations), n_conversations);
  agreements = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u agreement", "%u agreements",
                                             n_agreements), n_agreements);
  marbles = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u marble", "%u marbles", n_marbles), n_marbles);
  /* Translators: “Sanne, 3 conversations, 5 agreements and 2 marbles …” */
  body = g_strdup_printf (_("%s and everything about them is removed from this computer: %s, "
                            "with %s and %s. This cannot be undone."),
                          mb_person_get_name (person), conversations, agreements, marbles);

  dialog = mb_question_new (GTK_WIDGET (self), heading, body, "forget", _("_Forget"), ADW_RESPONSE_DESTRUCTIVE);
  g_object_set_data_full (G_OBJECT (dialog), "person", g_object_ref (person), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (forget_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
set_journal (MbPeoplePage *self,
             MbJournal    *journal)
{
  self->journal = g_object_ref (journal);
  gtk_list_box_bind_model (self->people_list, mb_journal_get_people (journal),
                           create_person_row, NULL, NULL);
  g_signal_connect_object (mb_journal_get_people (journal), "items-changed",
                           G_CALLBACK (update_visibility), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (journal, "notify::loaded",
                           G_CALLBACK (update_visibility), self, G_CONNECT_SWAPPED);
  update_visibility (self);
}

static void
mb_people_page_dispose (GObject *object)
{
  g_clear_object (&MB_PEOPLE_PAGE (object)->journal);

  G_OBJECT_CLASS (mb_people_page_parent_class)->dispose (object);
}

static void
mb_people_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MbPeoplePage *self = MB_PEOPLE_PAGE (object);

  switch (prop_id)
    {
    case PROP_JOURNAL:
      g_value_set_object (value, self->journal);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_people_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MbPeoplePage *self = MB_PEOPLE_PAGE (object);

  switch (prop_id)
    {
    case PROP_JOURNAL:
      set_journal (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_people_page_class_init (MbPeoplePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mb_people_page_dispose;
  object_class->get_property = mb_people_page_get_property;
  object_class->set_property = mb_people_page_set_property;

  properties[PROP_JOURNAL] =
    g_param_spec_object ("journal", NULL, NULL,
                         MB_TYPE_JOURNAL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/mb-people-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MbPeoplePage, back_button);
  gtk_widget_class_bind_template_child (widget_class, MbPeoplePage, people_list);
  gtk_widget_class_bind_template_child (widget_class, MbPeoplePage, stack);
}

static void
mb_people_page_init (MbPeoplePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
