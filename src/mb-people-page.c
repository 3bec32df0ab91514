/* mb-people-page.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The People section: everyone in the journal, by name, with when you
 * last talked and the promises still open; and the page of one of them
 * beside the list (or, narrow, over it). A person can be renamed (their
 * conversations refer to them by id and stay as they are) or forgotten.
 */

#define G_LOG_DOMAIN "mb-people-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-export.h"
#include "mb-export-ui.h"
#include "mb-people-page.h"
#include "mb-person-row.h"
#include "mb-person-view.h"
#include "mb-save-bar.h"
#include "mb-widgets.h"
#include "mb-wording.h"

struct _MbPeoplePage
{
  MbSectionPage      parent_instance;


  /* Template widgets */
  GtkWidget  *back_button;
  AdwLeaflet *leaflet;
  GtkWidget  *list_header;
  GtkWidget  *list_pane;
  GtkListBox *people_list;
  AdwBin     *person_slot;
  GtkStack   *stack;
  GtkLabel   *kept_label;

  guint       update_id;  /* the rows' update, waiting */
};

G_DEFINE_FINAL_TYPE (MbPeoplePage, mb_people_page, MB_TYPE_SECTION_PAGE)

static MbJournal *
journal_of (MbPeoplePage *self)
{
  return mb_section_page_get_journal (MB_SECTION_PAGE (self));
}

static void
update_rows (MbPeoplePage *self)
{
  g_autoptr(GHashTable) stats = NULL;
  g_autoptr(GDateTime) now = NULL;
  GtkListBoxRow *row;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  now = g_date_time_new_now_local ();
  stats = mb_journal_summarize_people (journal_of (self), now);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->people_list, i)) != NULL; i++)
    {
      MbPerson *person = mb_person_row_get_person (MB_PERSON_ROW (row));
      MbPersonSummary *one = g_hash_table_lookup (stats, mb_person_get_id (person));

      mb_person_row_set_counts (MB_PERSON_ROW (row),
                                one != NULL ? one->last : NULL,
                                one != NULL ? one->next : NULL,
                                one != NULL ? one->open_agreements : 0);
    }
}

static gboolean
update_rows_cb (gpointer data)
{
  MbPeoplePage *self = data;

  self->update_id = 0;
  update_rows (self);
  return G_SOURCE_REMOVE;
}

/* The rows' dates and counts, brought up to date once for all the rows
 * just made.
 */
static void
queue_update_rows (MbPeoplePage *self)
{
  if (self->update_id == 0)
    self->update_id = g_idle_add (update_rows_cb, self);
}

static GtkWidget *
create_person_row (gpointer item,
                   gpointer user_data)
{
  MbPeoplePage *self = user_data;

  queue_update_rows (self);
  return mb_person_row_new (item);
}

static MbPerson *
get_open_person (MbPeoplePage *self)
{
  GtkWidget *view = adw_bin_get_child (self->person_slot);

  return view != NULL ? mb_person_view_get_person (MB_PERSON_VIEW (view)) : NULL;
}

static void
person_activated_cb (MbPeoplePage  *self,
                     GtkListBoxRow *row)
{
  mb_people_page_show_person (self, mb_person_row_get_person (MB_PERSON_ROW (row)));
}

/**
 * mb_people_page_show_person:
 *
 * Shows the page of @person, in place of the list.
 *
 * Returns: (transfer none): the #MbPersonView
 */
GtkWidget *
mb_people_page_show_person (MbPeoplePage *self,
                            MbPerson     *person)
{
  GtkWidget *view;

  g_return_val_if_fail (MB_IS_PEOPLE_PAGE (self), NULL);
  g_return_val_if_fail (MB_IS_PERSON (person), NULL);

  view = mb_person_view_new (journal_of (self), person);
  adw_bin_set_child (self->person_slot, view);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->person_slot));
  return view;
}

static void
show_list (MbPeoplePage *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

static void
visible_child_changed_cb (MbPeoplePage *self)
{
  /* Back in the list, once the transition is over. */
  if (adw_leaflet_get_visible_child (self->leaflet) == self->list_pane &&
      !adw_leaflet_get_child_transition_running (self->leaflet))
    {
      adw_bin_set_child (self->person_slot, NULL);
      update_rows (self);
    }
}

static void
show_list_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  show_list (MB_PEOPLE_PAGE (widget));
}

static void
edit_open_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MbPeoplePage *self = MB_PEOPLE_PAGE (widget);

  if (get_open_person (self) != NULL)
    mb_people_page_edit_person (self, get_open_person (self));
}

/* people.export-open and people.print-open: everything about the open
 * person, as a Markdown file or on paper.
 */
static void
export_open_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MbPeoplePage *self = MB_PEOPLE_PAGE (widget);
  MbPerson *person = get_open_person (self);
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (widget));
  g_autoptr(MbDocument) document = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *name = NULL;

  if (person == NULL)
    return;

  document = mb_export_person_document (journal_of (self), person);
  name = mb_text_excerpt (mb_person_get_name (person), MB_FILE_NAME_CHARS);
  if (g_str_equal (action_name, "people.print-open"))
    {
      mb_print_document (window, name, document);
      return;
    }
  markdown = mb_markdown_write (document);
  mb_export_markdown_to_file (window, name, markdown, mb_journal_is_protected (journal_of (self)));
}

static void
forget_open_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MbPeoplePage *self = MB_PEOPLE_PAGE (widget);

  if (get_open_person (self) != NULL)
    mb_people_page_forget_person (self, get_open_person (self));
}

static void
update_visibility (MbPeoplePage *self)
{
  gboolean any = g_list_model_get_n_items (mb_journal_get_people (journal_of (self))) > 0;
  guint kept = mb_journal_get_n_kept_people (journal_of (self));
  g_autofree char *text = NULL;

  gtk_stack_set_visible_child_name (self->stack,
                                    any || !mb_journal_is_loaded (journal_of (self)) ? "list" : "empty");

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person written by another version is kept but not shown",
                                       "%u people written by another version are kept but not shown", kept), kept);
  gtk_label_set_text (self->kept_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->kept_label), kept > 0);
}

/* The person being edited, and the entries for their name and role. */
typedef struct
{
  MbPerson    *person;
  GtkEditable *name;  /* in the dialog */
  GtkEditable *role;
} Editing;

static void
editing_free (gpointer  data,
              GClosure *closure)
{
  Editing *editing = data;

  g_clear_object (&editing->person);
  g_free (editing);
}

static void
edit_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  Editing          *editing)
{
  g_autofree char *new_name = g_strstrip (g_strdup (gtk_editable_get_text (editing->name)));
  g_autofree char *new_role = g_strstrip (g_strdup (gtk_editable_get_text (editing->role)));

  if (g_strcmp0 (response, "save") != 0 || *new_name == '\0')
    return;

  mb_person_set_name (editing->person, new_name);
  mb_person_set_role (editing->person, new_role);
}

static GtkWidget *
new_entry (const char *text,
           const char *placeholder)
{
  GtkWidget *entry = gtk_entry_new ();

  mb_limit_entry (GTK_EDITABLE (entry), MB_TEXT_MAX_NAME_CHARS);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  /* A placeholder is gone once there is text: the entry keeps its name. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, placeholder, -1);
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
  Editing *editing;
  AdwMessageDialog *dialog;

  g_return_val_if_fail (MB_IS_PEOPLE_PAGE (self), NULL);

  editing = g_new0 (Editing, 1);
  editing->person = g_object_ref (person);
  editing->name = GTK_EDITABLE (new_entry (mb_person_get_name (person), _("Name")));
  editing->role = GTK_EDITABLE (new_entry (mb_person_get_role (person), _("Role (optional)")));
  dialog = mb_question_new (GTK_WIDGET (self), _("Edit Person"), _("Conversations with them stay as they are."),
                            "save", _("_Save"), ADW_RESPONSE_SUGGESTED);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (editing->name));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (editing->role));
  adw_message_dialog_set_extra_child (dialog, box);
  mb_require_text (dialog, "save", editing->name);
  g_signal_connect_data (dialog, "response", G_CALLBACK (edit_response_cb), editing, editing_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* What forgetting a person takes: shared by the dialog's answer and the
 * search for the files that name them.
 */
typedef struct
{
  MbPeoplePage     *self;        /* weak: the page may go first */
  MbPerson         *person;
  AdwMessageDialog *dialog;      /* until the search is cancelled, as it goes */
  GPtrArray        *unreadable;  /* the files it cannot read that name them, once found */
} Forgetting;

static void
forgetting_clear (Forgetting *forgetting)
{
  g_clear_weak_pointer (&forgetting->self);
  g_clear_object (&forgetting->person);
  g_clear_pointer (&forgetting->unreadable, g_ptr_array_unref);
}

static void
forgetting_release (gpointer  data,
                    GClosure *closure)
{
  g_rc_box_release_full (data, (GDestroyNotify) forgetting_clear);
}

static void
forget_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    Forgetting       *forgetting)
{
  MbPeoplePage *self = forgetting->self;
  g_autoptr(GError) error = NULL;

  if (self == NULL || g_strcmp0 (response, "forget") != 0)
    return;

  /* The files it cannot read go too, but only those the dialog named. */
  if (forgetting->person == get_open_person (self))
    show_list (self);
  if (!mb_journal_forget_person (journal_of (self), forgetting->person, &error) ||
      (forgetting->unreadable != NULL &&
       !mb_journal_delete_unreadable (journal_of (self), forgetting->unreadable, &error)))
    mb_show_error (GTK_WIDGET (self), _("Could Not Forget Everything"), error->message);
}

/* Adds the names of @found to what @dialog says goes. */
static void
name_unreadable (AdwMessageDialog *dialog,
                 GPtrArray        *found)
{
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *also = NULL;
  g_autofree char *body = NULL;

  for (guint i = 0; i < found->len; i++)
    {
      g_autofree char *name = g_file_get_basename (g_ptr_array_index (found, i));

      g_string_append_printf (names, "%s%s", i > 0 ? "\n" : "", name);
    }
  /* Translators: then a list of file names, one a line */
  also = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u file that Marbles cannot read names them too, and is deleted as well:",
                                       "%u files that Marbles cannot read name them too, and are deleted as well:",
                                       found->len), found->len);
  body = g_strdup_printf ("%s\n\n%s\n%s", adw_message_dialog_get_body (dialog), also, names->str);
  adw_message_dialog_set_body (dialog, body);
}

/* The files Marbles cannot read that name the person are found: the
 * dialog names them, and Forget is possible.
 */
static void
unreadable_found_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Forgetting *forgetting = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = mb_journal_find_unreadable_finish (MB_JOURNAL (object), result, &error);

  /* Cancelled when the dialog went: then it is not touched. */
  if (found != NULL)
    {
      adw_message_dialog_set_response_enabled (forgetting->dialog, "forget", TRUE);
      if (found->len > 0)
        {
          name_unreadable (forgetting->dialog, found);
          forgetting->unreadable = g_steal_pointer (&found);
        }
    }
  forgetting_release (forgetting, NULL);
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
  g_autoptr(GCancellable) cancellable = NULL;
  g_autofree char *name = NULL;
  AdwMessageDialog *dialog;
  Forgetting *forgetting;
  guint n_conversations, n_agreements, n_marbles;

  g_return_val_if_fail (MB_IS_PEOPLE_PAGE (self), NULL);

  mb_journal_count_about (journal_of (self), person, &n_conversations, &n_agreements, &n_marbles);
  name = mb_display_name (mb_person_get_name (person));
  heading = g_strdup_printf (_("Forget %s?"), name);
  conversations = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u conversation", "%u conversations",
                                                n_conversations), n_conversations);
  agreements = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u agreement", "%u agreements",
                                             n_agreements), n_agreements);
  marbles = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u marble", "%u marbles", n_marbles), n_marbles);
  /* Translators: “Sanne, 3 conversations, 5 agreements and 2 marbles …” */
  body = g_strdup_printf (_("%s and everything about them is removed from this computer: %s, "
                            "with %s and %s. This cannot be undone."),
                          name, conversations, agreements, marbles);

  dialog = mb_question_new (GTK_WIDGET (self), heading, body, "forget", _("_Forget"), ADW_RESPONSE_DESTRUCTIVE);
  forgetting = g_rc_box_new0 (Forgetting);
  g_set_weak_pointer (&forgetting->self, self);
  forgetting->person = g_object_ref (person);
  forgetting->dialog = dialog;
  g_signal_connect_data (dialog, "response", G_CALLBACK (forget_response_cb), forgetting, forgetting_release, 0);

  /* First the files it cannot read that name them, to say which go. */
  cancellable = g_cancellable_new ();
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (g_cancellable_cancel), cancellable, G_CONNECT_SWAPPED);
  adw_message_dialog_set_response_enabled (dialog, "forget", FALSE);
  mb_journal_find_unreadable_async (journal_of (self), person, cancellable, unreadable_found_cb,
                                    g_rc_box_acquire (forgetting));

  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
mb_people_page_journal_set (MbSectionPage *page,
                            MbJournal     *journal)
{
  MbPeoplePage *self = MB_PEOPLE_PAGE (page);

  gtk_list_box_bind_model (self->people_list, mb_journal_get_people (journal),
                           create_person_row, self, NULL);
  /* Under the header: whether the people are saved. */
  gtk_widget_insert_after (mb_people_save_bar_new (journal), self->list_pane, self->list_header);
  g_signal_connect_object (mb_journal_get_conversations (journal), "items-changed",
                           G_CALLBACK (queue_update_rows), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (mb_journal_get_people (journal), "items-changed",
                           G_CALLBACK (update_visibility), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (journal, "notify::loaded",
                           G_CALLBACK (update_visibility), self, G_CONNECT_SWAPPED);
  update_visibility (self);
}

static void
mb_people_page_dispose (GObject *object)
{
  g_clear_handle_id (&MB_PEOPLE_PAGE (object)->update_id, g_source_remove);

  G_OBJECT_CLASS (mb_people_page_parent_class)->dispose (object);
}

static void
mb_people_page_class_init (MbPeoplePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mb_people_page_dispose;
  MB_SECTION_PAGE_CLASS (klass)->journal_set = mb_people_page_journal_set;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/mb-people-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MbPeoplePage, back_button);
  gtk_widget_class_bind_template_child (widget_class, MbPeoplePage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, MbPeoplePage, list_header);
  gtk_widget_class_bind_template_child (widget_class, MbPeoplePage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, MbPeoplePage, people_list);
  gtk_widget_class_bind_template_child (widget_class, MbPeoplePage, person_slot);
  gtk_widget_class_bind_template_child (widget_class, MbPeoplePage, stack);
  gtk_widget_class_bind_template_child (widget_class, MbPeoplePage, kept_label);
  gtk_widget_class_bind_template_callback (widget_class, person_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, visible_child_changed_cb);

  gtk_widget_class_install_action (widget_class, "people.show-list", NULL, show_list_action);
  gtk_widget_class_install_action (widget_class, "people.edit-open", NULL, edit_open_action);
  gtk_widget_class_install_action (widget_class, "people.forget-open", NULL, forget_open_action);
  gtk_widget_class_install_action (widget_class, "people.export-open", NULL, export_open_action);
  gtk_widget_class_install_action (widget_class, "people.print-open", NULL, export_open_action);
}

static void
mb_people_page_init (MbPeoplePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "map", G_CALLBACK (update_rows), NULL);
  g_signal_connect_object (self->leaflet, "notify::child-transition-running",
                           G_CALLBACK (visible_child_changed_cb), self, G_CONNECT_SWAPPED);
}
