/* mb-person-view.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One person: their marble jar and how it filled over time, the promises
 * still open between you (yours first), each to mark kept or not kept
 * right here, and every conversation with them.
 */

#define G_LOG_DOMAIN "mb-person-view"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-marble-jar.h"
#include "mb-person-view.h"
#include "mb-save-bar.h"
#include "mb-script-view.h"
#include "mb-settle-button.h"
#include "mb-trust-chart.h"
#include "mb-widgets.h"

struct _MbPersonView
{
  AdwBin          parent_instance;

  MbJournal      *journal;
  MbPerson       *person;
  MbHistory      *history;

  AdwWindowTitle *title;
  GtkWidget      *name_label;
  GtkWidget      *role_label;
  GtkWidget      *jar;
  GtkWidget      *jar_label;
  GtkWidget      *chart_box;
  GtkWidget      *chart;
  GtkWidget      *agreements_box;
  GtkWidget      *agreements_list;
  GtkWidget      *conversations_list;
};

G_DEFINE_FINAL_TYPE (MbPersonView, mb_person_view, ADW_TYPE_BIN)

static void refresh (MbPersonView *self);

static void
settled_cb (AdwMessageDialog *dialog,
            const char       *response,
            MbPersonView     *self)
{
  if (g_strcmp0 (response, "cancel") != 0)
    refresh (self);
}

/**
 * mb_person_view_settle:
 * @kept: whether @agreement was kept
 *
 * Asks whether a marble goes in (kept) or out (not kept) with marking
 * @agreement, one of the open ones shown.
 *
 * Returns: (transfer none): the dialog, shown
 */
AdwMessageDialog *
mb_person_view_settle (MbPersonView *self,
                       MbAgreement  *agreement,
                       gboolean      kept)
{
  AdwMessageDialog *dialog;
  guint index;

  g_return_val_if_fail (MB_IS_PERSON_VIEW (self), NULL);

  if (!g_ptr_array_find (self->history->open_agreements, agreement, &index))
    {
      g_critical ("%s: the agreement is not one of the open ones shown", G_STRFUNC);
      return NULL;
    }

  dialog = mb_settle_dialog_present (GTK_WIDGET (self), agreement,
                                     g_ptr_array_index (self->history->agreed_in, index), kept);
  g_signal_connect_object (dialog, "response", G_CALLBACK (settled_cb), self, 0);
  return dialog;
}

static void
settle_clicked_cb (GtkButton   *button,
                   MbAgreement *agreement)
{
  MbPersonView *self = MB_PERSON_VIEW (gtk_widget_get_ancestor (GTK_WIDGET (button), MB_TYPE_PERSON_VIEW));

  mb_person_view_settle (self, agreement, mb_settle_button_get_kept (MB_SETTLE_BUTTON (button)));
}

static void
clear_list (GtkWidget *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (list), child);
}

static void
fill_agreements (MbPersonView *self)
{
  GPtrArray *open = self->history->open_agreements;

  clear_list (self->agreements_list);
  for (guint i = 0; i < open->len; i++)
    {
      MbAgreement *agreement = g_ptr_array_index (open, i);
      MbConversation *conversation = g_ptr_array_index (self->history->agreed_in, i);
      g_autofree char *who = mb_describe_agreement (agreement);
      g_autofree char *day = mb_format_day (mb_conversation_get_when (conversation));
      g_autofree char *subtitle = NULL;
      g_autofree char *text = mb_text_excerpt (mb_agreement_get_text (agreement), MB_TEXT_MAX_LINE_CHARS);
      GtkWidget *row = adw_action_row_new ();

      /* Translators: “You promised · due 28 Nov 2026 · agreed 1 Oct 2026” */
      subtitle = g_strdup_printf (_("%s · agreed %s"), who, day);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("mb-agreement-symbolic"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), mb_settle_button_new (agreement, TRUE, G_CALLBACK (settle_clicked_cb)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), mb_settle_button_new (agreement, FALSE, G_CALLBACK (settle_clicked_cb)));
      gtk_list_box_append (GTK_LIST_BOX (self->agreements_list), row);
    }

  gtk_widget_set_visible (self->agreements_box, open->len > 0);
}

static void
fill_conversations (MbPersonView *self)
{
  GPtrArray *conversations = self->history->conversations;

  clear_list (self->conversations_list);
  for (guint i = 0; i < conversations->len; i++)
    {
      MbConversation *conversation = g_ptr_array_index (conversations, i);
      g_autofree char *day = mb_format_day (mb_conversation_get_when (conversation));
      g_autofree char *subtitle = NULL;
      GListModel *marbles = mb_conversation_get_marbles (conversation);
      guint in = 0, out = 0;
      GtkWidget *row = adw_action_row_new ();

      for (guint j = 0; j < g_list_model_get_n_items (marbles); j++)
        {
          g_autoptr(MbMarble) marble = g_list_model_get_item (marbles, j);

          if (mb_marble_is_in (marble))
            in++;
          else
            out++;
        }

      if (in + out > 0)
        /* Translators: “24 Nov 2026 · Finished · 2 in, 1 out”, the marbles of one conversation */
        subtitle = g_strdup_printf (_("%s · %s · %u in, %u out"), day, mb_describe_state (conversation), in, out);
      else
        /* Translators: “24 Nov 2026 · Finished” */
        subtitle = g_strdup_printf (_("%s · %s"), day, mb_describe_state (conversation));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     mb_localized_get (mb_script_get_title (mb_conversation_get_script (conversation))));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", mb_conversation_get_id (conversation));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.read-conversation");
      gtk_list_box_append (GTK_LIST_BOX (self->conversations_list), row);
    }
}

static void
update_person (MbPersonView *self)
{
  const char *role = mb_person_get_role (self->person);

  g_autofree char *name = mb_display_name (mb_person_get_name (self->person));

  adw_window_title_set_title (self->title, name);
  gtk_label_set_label (GTK_LABEL (self->name_label), name);
  gtk_label_set_label (GTK_LABEL (self->role_label), role);
  gtk_widget_set_visible (self->role_label, *role != '\0');
}

static void
refresh (MbPersonView *self)
{
  MbHistory *history;
  g_autofree char *jar = NULL;
  guint n;

  g_clear_pointer (&self->history, mb_history_free);
  self->history = history = mb_journal_get_history (self->journal, self->person);

  mb_marble_jar_set_level (MB_MARBLE_JAR (self->jar), (int) history->marbles_in - (int) history->marbles_out);
  /* Translators: the marbles of a person's jar: “12 in, 3 out” */
  jar = g_strdup_printf (_("%u in, %u out"), history->marbles_in, history->marbles_out);
  gtk_label_set_label (GTK_LABEL (self->jar_label), jar);

  n = history->marble_times->len;
  mb_trust_chart_set_events (MB_TRUST_CHART (self->chart), (const gint64 *) (gpointer) history->marble_times->data,
                             (const int *) (gpointer) history->marble_deltas->data, n);
  gtk_widget_set_visible (self->chart_box, n > 0);

  fill_agreements (self);
  fill_conversations (self);
}

static GtkWidget *
add_list (GtkWidget *section)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_margin_top (list, 6);
  gtk_box_append (GTK_BOX (section), list);
  return list;
}

static GtkWidget *
build_header (MbPersonView *self)
{
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *back = gtk_button_new_from_icon_name ("go-previous-symbolic");
  GtkWidget *menu_button = gtk_menu_button_new ();
  GtkWidget *start = gtk_button_new_from_icon_name ("list-add-symbolic");
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) edit = g_menu_new ();
  g_autoptr(GMenu) export = g_menu_new ();
  g_autoptr(GMenu) forget = g_menu_new ();

  gtk_actionable_set_action_name (GTK_ACTIONABLE (back), "people.show-list");
  gtk_widget_set_tooltip_text (back, _("All People"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (back), GTK_ACCESSIBLE_PROPERTY_LABEL, _("All People"), -1);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), back);

  g_menu_append (edit, _("Edit Name and Role…"), "people.edit-open");
  g_menu_append (export, _("Export as Markdown…"), "people.export-open");
  g_menu_append (export, _("Print…"), "people.print-open");
  g_menu_append (forget, _("Forget This Person…"), "people.forget-open");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (edit));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (export));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (forget));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (menu_button, _("Person Options"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Person Options"), -1);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), menu_button);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (start), "win.new-conversation-with");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (start), "s", mb_person_get_id (self->person));
  gtk_widget_set_tooltip_text (start, _("New Conversation"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (start), GTK_ACCESSIBLE_PROPERTY_LABEL, _("New Conversation"), -1);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), start);

  self->title = ADW_WINDOW_TITLE (adw_window_title_new ("", NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  return header;
}

static GtkWidget *
build_content (MbPersonView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 30);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
  GtkWidget *about = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *section;

  /* The jar beside who they are and what is in it. */
  self->jar = mb_marble_jar_new ();
  gtk_widget_set_size_request (self->jar, 120, -1);
  gtk_box_append (GTK_BOX (top), self->jar);
  gtk_widget_set_valign (about, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (about, TRUE);
  self->name_label = mb_add_label (about, NULL, "title-1");
  gtk_label_set_ellipsize (GTK_LABEL (self->name_label), PANGO_ELLIPSIZE_END);
  self->role_label = mb_add_label (about, NULL, "dim-label");
  gtk_widget_set_margin_top (mb_add_label (about, _("Marble Jar"), "heading"), 12);
  self->jar_label = mb_add_label (about, NULL, NULL);
  mb_add_label (about, _("Kept promises and moments of trust put marbles in; broken ones take them out."),
                "dim-label");
  gtk_box_append (GTK_BOX (top), about);
  gtk_box_append (GTK_BOX (box), top);

  self->chart_box = mb_add_section (box, _("Over Time"), "heading", NULL, 6);
  self->chart = mb_trust_chart_new ();
  gtk_box_append (GTK_BOX (self->chart_box), self->chart);

  self->agreements_box = mb_add_section (box, _("Open Agreements"), "heading", _("Your own promises first."), 6);
  self->agreements_list = add_list (self->agreements_box);

  section = mb_add_section (box, _("Conversations"), "heading", NULL, 6);
  self->conversations_list = add_list (section);

  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  return box;
}

static void
mb_person_view_dispose (GObject *object)
{
  MbPersonView *self = MB_PERSON_VIEW (object);

  g_clear_object (&self->journal);
  g_clear_object (&self->person);
  g_clear_pointer (&self->history, mb_history_free);

  G_OBJECT_CLASS (mb_person_view_parent_class)->dispose (object);
}

static void
mb_person_view_class_init (MbPersonViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mb_person_view_dispose;
}

static void
mb_person_view_init (MbPersonView *self)
{
}

/**
 * mb_person_view_new:
 *
 * Returns: (transfer floating): the page of @person
 */
GtkWidget *
mb_person_view_new (MbJournal *journal,
                    MbPerson  *person)
{
  MbPersonView *self;
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  g_return_val_if_fail (MB_IS_JOURNAL (journal), NULL);
  g_return_val_if_fail (MB_IS_PERSON (person), NULL);

  self = g_object_new (MB_TYPE_PERSON_VIEW, NULL);
  self->journal = g_object_ref (journal);
  self->person = g_object_ref (person);

  gtk_box_append (GTK_BOX (toolbar), build_header (self));
  gtk_box_append (GTK_BOX (toolbar), mb_people_save_bar_new (journal));
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  adw_clamp_set_child (ADW_CLAMP (clamp), build_content (self));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (toolbar), scrolled);
  adw_bin_set_child (ADW_BIN (self), toolbar);

  update_person (self);
  g_signal_connect_object (person, "notify::name", G_CALLBACK (update_person), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (person, "notify::role", G_CALLBACK (update_person), self, G_CONNECT_SWAPPED);
  /* A conversation added, deleted or undeleted elsewhere; a promise kept
   * in a conversation while this page was out of sight.
   */
  g_signal_connect_object (mb_journal_get_conversations (journal), "items-changed",
                           G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (refresh), NULL);
  refresh (self);
  return GTK_WIDGET (self);
}

MbPerson *
mb_person_view_get_person (MbPersonView *self)
{
  g_return_val_if_fail (MB_IS_PERSON_VIEW (self), NULL);

  return self->person;
}
