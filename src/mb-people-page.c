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

typedef struct
{
  GDateTime *last;  /* of the last conversation held, or NULL */
  GDateTime *next;  /* of the next one planned, or NULL */
  guint      open;  /* agreements still open */
} Stats;

/* When you last talked with each person, and what is still open, in one
 * pass over the journal.
 */
static GHashTable *
count_stats (MbJournal *journal)
{
  GListModel *conversations = mb_journal_get_conversations (journal);
  GHashTable *stats = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  for (guint i = 0; i < g_list_model_get_n_items (conversations); i++)
    {
      g_autoptr(MbConversation) conversation = g_list_model_get_item (conversations, i);
      GListModel *agreements = mb_conversation_get_agreements (conversation);
      const char *id = mb_conversation_get_person_id (conversation);
      GDateTime *when = mb_conversation_get_when (conversation);
      Stats *one = g_hash_table_lookup (stats, id);

      if (one == NULL)
        {
          one = g_new0 (Stats, 1);
          g_hash_table_insert (stats, (gpointer) id, one);
        }

      /* Newest first: the last planned one seen is the next; the first
       * one held, the last.
       */
      if (g_date_time_compare (when, now) > 0)
        one->next = when;
      else if (one->last == NULL)
        one->last = when;

      for (guint j = 0; j < g_list_model_get_n_items (agreements); j++)
        {
          g_autoptr(MbAgreement) agreement = g_list_model_get_item (agreements, j);

          if (mb_agreement_get_status (agreement) == MB_AGREEMENT_OPEN)
            one->open++;
        }
    }

  return stats;
}

static void
update_row (GtkWidget  *row,
            GHashTable *stats)
{
  MbPerson *person = g_object_get_data (G_OBJECT (row), "person");
  Stats *one = g_hash_table_lookup (stats, mb_person_get_id (person));
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *subtitle = NULL;

  if (*mb_person_get_role (person) != '\0')
    g_ptr_array_add (parts, g_strdup (mb_person_get_role (person)));
  if (one != NULL && one->last != NULL)
    {
      g_autofree char *day = mb_wording_day (one->last);

      /* Translators: “last talked 24 Nov 2026” */
      g_ptr_array_add (parts, g_strdup_printf (_("last talked %s"), day));
    }
  if (one != NULL && one->next != NULL)
    {
      g_autofree char *day = mb_wording_day (one->next);

      /* Translators: the next conversation planned: “next 1 Dec 2026” */
      g_ptr_array_add (parts, g_strdup_printf (_("next %s"), day));
    }
  if (one != NULL && one->open > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u open agreement",
                                                          "%u open agreements", one->open), one->open));
  g_ptr_array_add (parts, NULL);

  /* Translators: what separates the parts of a line: “Designer · last talked 24 Nov 2026” */
  subtitle = g_strjoinv (_(" · "), (char **) parts->pdata);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
}

static void
update_rows (MbPeoplePage *self)
{
  g_autoptr(GHashTable) stats = NULL;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  stats = count_stats (journal_of (self));
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->people_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    update_row (row, stats);
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

static void
person_changed_cb (GtkWidget *row)
{
  MbPeoplePage *self = MB_PEOPLE_PAGE (gtk_widget_get_ancestor (row, MB_TYPE_PEOPLE_PAGE));

  if (self != NULL)
    update_rows (self);
}

static GtkWidget *
create_person_row (gpointer item,
                   gpointer user_data)
{
  MbPeoplePage *self = user_data;
  MbPerson *person = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *avatar = adw_avatar_new (36, NULL, TRUE);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  g_object_bind_property_full (person, "name", row, "title", G_BINDING_SYNC_CREATE,
                               mb_display_name_transform, NULL, NULL, NULL);
  g_object_bind_property_full (person, "name", avatar, "text", G_BINDING_SYNC_CREATE,
                               mb_display_name_transform, NULL, NULL, NULL);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), avatar);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "person", g_object_ref (person), g_object_unref);
  g_signal_connect_object (person, "notify::role", G_CALLBACK (person_changed_cb), row, G_CONNECT_SWAPPED);
  queue_update_rows (self);
  return row;
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
  mb_people_page_show_person (self, g_object_get_data (G_OBJECT (row), "person"));
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
  mb_export_markdown_to_file (window, name, markdown);
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
  GPtrArray *unreadable = g_object_get_data (G_OBJECT (dialog), "unreadable");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "forget") != 0)
    return;

  /* The files it cannot read go too, but only those the dialog named. */
  if (person == get_open_person (self))
    show_list (self);
  if (!mb_journal_forget_person (journal_of (self), person, &error) ||
      (unreadable != NULL && !mb_journal_delete_unreadable (journal_of (self), unreadable, &error)))
    mb_show_error (GTK_WIDGET (self), _("Could Not Forget Everything"), error->message);
}

/* The files Marbles cannot read that name the person are found: the
 * dialog names them, and Forget is possible.
 */
static void
unreadable_found_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  AdwMessageDialog *dialog = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = mb_journal_find_unreadable_finish (MB_JOURNAL (object), result, &error);
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *also = NULL;
  g_autofree char *body = NULL;

  /* Cancelled when the dialog went: then it is not touched. */
  if (found == NULL)
    return;

  adw_message_dialog_set_response_enabled (dialog, "forget", TRUE);
  if (found->len == 0)
    return;

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
  g_object_set_data_full (G_OBJECT (dialog), "unreadable", g_steal_pointer (&found),
                          (GDestroyNotify) g_ptr_array_unref);
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
  g_object_set_data_full (G_OBJECT (dialog), "person", g_object_ref (person), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (forget_response_cb), self, 0);

  /* First the files it cannot read that name them, to say which go. */
  cancellable = g_cancellable_new ();
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (g_cancellable_cancel), cancellable, G_CONNECT_SWAPPED);
  adw_message_dialog_set_response_enabled (dialog, "forget", FALSE);
  mb_journal_find_unreadable_async (journal_of (self), person, cancellable, unreadable_found_cb, dialog);

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
  gtk_widget_insert_after (mb_people_save_bar_new (journal), self->list_pane,
                           gtk_widget_get_first_child (self->list_pane));
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
