/* mb-conversations-page.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Conversations section: every conversation, newest first, with the
 * files that could not be read; one conversation open beside it (or,
 * narrow, over it) where it was left.
 */

#define G_LOG_DOMAIN "mb-conversations-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-conversation-view.h"
#include "mb-conversations-page.h"
#include "mb-widgets.h"

struct _MbConversationsPage
{
  MbSectionPage      parent_instance;

  MbJournal      *journal;
  MbConversation *deleted;  /* the last one deleted, until its undo toast goes */

  /* Template widgets */
  GtkListBox *conversations_list;
  AdwBin     *conversation_slot;
  AdwLeaflet *leaflet;
  GtkWidget  *list_pane;
  GtkStack   *list_stack;
  GtkWidget  *problems_box;
  GtkListBox *problems_list;
  GtkListBox *results_list;
  GtkSearchBar *search_bar;
  GtkSearchEntry *search_entry;
  AdwToastOverlay *toast_overlay;
};

G_DEFINE_FINAL_TYPE (MbConversationsPage, mb_conversations_page, MB_TYPE_SECTION_PAGE)

enum {
  PROP_0,
  PROP_JOURNAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
describe_phase (MbConversation *conversation)
{
  if (mb_conversation_get_finished (conversation))
    return _("Finished");

  switch (mb_conversation_get_phase (conversation))
    {
    case MB_PHASE_TALK:
      return _("Talking");
    case MB_PHASE_REFLECT:
      return _("Reflecting");
    case MB_PHASE_PREPARE:
    default:
      return _("Preparing");
    }
}

static void
update_subtitle (AdwActionRow *row)
{
  MbConversation *conversation = g_object_get_data (G_OBJECT (row), "conversation");
  g_autofree char *date = mb_format_day (mb_conversation_get_when (conversation));
  g_autofree char *subtitle = NULL;

  /* Translators: “Restore trust · 11/24/2026 · Preparing” */
  subtitle = g_strdup_printf (_("%s · %s · %s"),
                              mb_localized_get (mb_script_get_title (mb_conversation_get_script (conversation))),
                              date, describe_phase (conversation));
  adw_action_row_set_subtitle (row, subtitle);
}

static GtkWidget *
create_conversation_row (gpointer item,
                         gpointer user_data)
{
  MbConversationsPage *self = user_data;
  MbConversation *conversation = item;
  MbPerson *person = mb_journal_lookup_person (self->journal, mb_conversation_get_person_id (conversation));
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (person != NULL)
    g_object_bind_property (person, "name", row, "title", G_BINDING_SYNC_CREATE);
  else
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Someone not in your list"));
  g_object_set_data_full (G_OBJECT (row), "conversation", g_object_ref (conversation), g_object_unref);
  update_subtitle (ADW_ACTION_ROW (row));
  g_signal_connect_object (conversation, "notify::phase", G_CALLBACK (update_subtitle), row, G_CONNECT_SWAPPED);
  g_signal_connect_object (conversation, "notify::finished", G_CALLBACK (update_subtitle), row, G_CONNECT_SWAPPED);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  return row;
}

static gboolean
searching (MbConversationsPage *self)
{
  g_autofree char *query = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));

  return gtk_search_bar_get_search_mode (self->search_bar) && *query != '\0';
}

static void
update_visibility (MbConversationsPage *self)
{
  gboolean any = g_list_model_get_n_items (mb_journal_get_conversations (self->journal)) > 0;
  gboolean problems = g_list_model_get_n_items (mb_journal_get_problems (self->journal)) > 0;

  if (searching (self))
    {
      gtk_stack_set_visible_child_name (self->list_stack,
                                        gtk_list_box_get_row_at_index (self->results_list, 0) != NULL
                                        ? "results" : "no-results");
      return;
    }

  /* Until the journal is read, an empty list rather than "no conversations". */
  gtk_stack_set_visible_child_name (self->list_stack,
                                    any || problems || !mb_journal_is_loaded (self->journal)
                                    ? "list" : "empty");
  gtk_widget_set_visible (self->problems_box, problems);
}

/* Enough results to find what is meant; more words narrow them down. */
#define MAX_RESULTS 200

static GtkWidget *
create_result_row (MbConversationsPage *self,
                   MbConversation      *conversation,
                   const char * const  *words)
{
  MbPerson *person = mb_journal_lookup_person (self->journal, mb_conversation_get_person_id (conversation));
  g_autofree char *snippet = NULL;
  g_autofree char *date = mb_format_day (mb_conversation_get_when (conversation));
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  MbPhase phase = mb_conversation_get_phase (conversation);
  guint step = mb_conversation_get_step (conversation);

  snippet = mb_conversation_find (conversation, words, &phase, &step);
  /* Translators: a search result: “24 Nov 2026 · …the words found…” */
  subtitle = g_strdup_printf (_("%s · %s"), date,
                              snippet != NULL ? snippet
                                              : mb_localized_get (mb_script_get_title (mb_conversation_get_script (conversation))));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 person != NULL ? mb_person_get_name (person) : _("Someone not in your list"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  g_object_set_data_full (G_OBJECT (row), "conversation", g_object_ref (conversation), g_object_unref);
  g_object_set_data (G_OBJECT (row), "phase", GINT_TO_POINTER (phase));
  g_object_set_data (G_OBJECT (row), "step", GUINT_TO_POINTER (step));
  return row;
}

static void
search_changed_cb (MbConversationsPage *self)
{
  g_auto(GStrv) words = mb_search_words (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  GListModel *conversations = mb_journal_get_conversations (self->journal);
  GtkWidget *row;
  guint n = 0;

  while ((row = GTK_WIDGET (gtk_list_box_get_row_at_index (self->results_list, 0))) != NULL)
    gtk_list_box_remove (self->results_list, row);

  for (guint i = 0; words[0] != NULL && i < g_list_model_get_n_items (conversations) && n < MAX_RESULTS; i++)
    {
      g_autoptr(MbConversation) conversation = g_list_model_get_item (conversations, i);
      MbPerson *person = mb_journal_lookup_person (self->journal, mb_conversation_get_person_id (conversation));

      if (!mb_conversation_matches (conversation, person != NULL ? mb_person_get_name (person) : NULL,
                                    (const char * const *) words))
        continue;

      gtk_list_box_append (self->results_list, create_result_row (self, conversation, (const char * const *) words));
      n++;
    }

  update_visibility (self);
}

static void
result_activated_cb (MbConversationsPage *self,
                     GtkListBoxRow       *row)
{
  MbConversation *conversation = g_object_get_data (G_OBJECT (row), "conversation");

  /* Open it where the words were found. */
  mb_conversation_set_phase (conversation, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "phase")));
  mb_conversation_set_step (conversation, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "step")));
  mb_conversations_page_open (self, conversation);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MbConversationsPage *self = MB_CONVERSATIONS_PAGE (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
conversation_row_activated_cb (MbConversationsPage *self,
                               GtkListBoxRow       *row)
{
  mb_conversations_page_open (self, g_object_get_data (G_OBJECT (row), "conversation"));
}

static void
close_open_conversation (MbConversationsPage *self)
{
  GtkWidget *view = adw_bin_get_child (self->conversation_slot);

  if (view == NULL)
    return;

  /* Leaving a conversation saves it now rather than in a moment. */
  mb_journal_save_now (self->journal,
                       G_OBJECT (mb_conversation_view_get_conversation (MB_CONVERSATION_VIEW (view))));
  adw_bin_set_child (self->conversation_slot, NULL);
}

static void
visible_child_changed_cb (MbConversationsPage *self)
{
  /* Back in the list, once the transition is over. */
  if (adw_leaflet_get_visible_child (self->leaflet) == self->list_pane &&
      !adw_leaflet_get_child_transition_running (self->leaflet))
    close_open_conversation (self);
}

static void
transition_done_cb (MbConversationsPage *self)
{
  visible_child_changed_cb (self);
}

static void
show_list_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MbConversationsPage *self = MB_CONVERSATIONS_PAGE (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

static void
toast_dismissed_cb (MbConversationsPage *self)
{
  g_clear_object (&self->deleted);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conversations.undo-delete", FALSE);
}

static void
delete_open_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MbConversationsPage *self = MB_CONVERSATIONS_PAGE (widget);
  GtkWidget *view = adw_bin_get_child (self->conversation_slot);
  g_autoptr(MbConversation) conversation = NULL;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (view == NULL)
    return;

  conversation = g_object_ref (mb_conversation_view_get_conversation (MB_CONVERSATION_VIEW (view)));
  adw_bin_set_child (self->conversation_slot, NULL);
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);

  if (!mb_journal_delete_conversation (self->journal, conversation, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not delete the conversation: %s"), error->message);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
      return;
    }

  g_set_object (&self->deleted, conversation);
  toast = adw_toast_new (_("Conversation deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "conversations.undo-delete");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conversations.undo-delete", TRUE);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MbConversationsPage *self = MB_CONVERSATIONS_PAGE (widget);

  if (self->deleted == NULL)
    return;

  mb_journal_add_conversation (self->journal, self->deleted);
  mb_journal_save_now (self->journal, G_OBJECT (self->deleted));
  g_clear_object (&self->deleted);
  gtk_widget_action_set_enabled (widget, "conversations.undo-delete", FALSE);
}

/**
 * mb_conversations_page_open:
 *
 * Shows @conversation in its phase and step, in place of the list.
 */
void
mb_conversations_page_open (MbConversationsPage *self,
                            MbConversation      *conversation)
{
  GtkWidget *view;

  g_return_if_fail (MB_IS_CONVERSATIONS_PAGE (self));
  g_return_if_fail (MB_IS_CONVERSATION (conversation));

  close_open_conversation (self);
  view = mb_conversation_view_new (self->journal, conversation);
  adw_bin_set_child (self->conversation_slot, view);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->conversation_slot));
  mb_conversation_view_focus_field (MB_CONVERSATION_VIEW (view));
}

/**
 * mb_conversations_page_get_open:
 *
 * Returns: (transfer none) (nullable): the #MbConversationView open
 */
GtkWidget *
mb_conversations_page_get_open (MbConversationsPage *self)
{
  g_return_val_if_fail (MB_IS_CONVERSATIONS_PAGE (self), NULL);

  return adw_bin_get_child (self->conversation_slot);
}

static void
set_journal (MbConversationsPage *self,
             MbJournal           *journal)
{
  self->journal = g_object_ref (journal);
  gtk_list_box_bind_model (self->conversations_list, mb_journal_get_conversations (journal),
                           create_conversation_row, self, NULL);
  gtk_list_box_bind_model (self->problems_list, mb_journal_get_problems (journal),
                           mb_problem_row_new, NULL, NULL);
  g_signal_connect_object (mb_journal_get_conversations (journal), "items-changed",
                           G_CALLBACK (update_visibility), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (mb_journal_get_problems (journal), "items-changed",
                           G_CALLBACK (update_visibility), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (journal, "notify::loaded",
                           G_CALLBACK (update_visibility), self, G_CONNECT_SWAPPED);
  update_visibility (self);
}

static void
mb_conversations_page_dispose (GObject *object)
{
  MbConversationsPage *self = MB_CONVERSATIONS_PAGE (object);

  if (self->journal != NULL)
    close_open_conversation (self);
  g_clear_object (&self->journal);
  g_clear_object (&self->deleted);

  G_OBJECT_CLASS (mb_conversations_page_parent_class)->dispose (object);
}

static void
mb_conversations_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  MbConversationsPage *self = MB_CONVERSATIONS_PAGE (object);

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
mb_conversations_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  MbConversationsPage *self = MB_CONVERSATIONS_PAGE (object);

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
mb_conversations_page_class_init (MbConversationsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mb_conversations_page_dispose;
  object_class->get_property = mb_conversations_page_get_property;
  object_class->set_property = mb_conversations_page_set_property;

  properties[PROP_JOURNAL] =
    g_param_spec_object ("journal", NULL, NULL,
                         MB_TYPE_JOURNAL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/mb-conversations-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MbConversationsPage, conversation_slot);
  gtk_widget_class_bind_template_child (widget_class, MbConversationsPage, conversations_list);
  gtk_widget_class_bind_template_child (widget_class, MbConversationsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, MbConversationsPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, MbConversationsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, MbConversationsPage, problems_box);
  gtk_widget_class_bind_template_child (widget_class, MbConversationsPage, problems_list);
  gtk_widget_class_bind_template_child (widget_class, MbConversationsPage, results_list);
  gtk_widget_class_bind_template_child (widget_class, MbConversationsPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, MbConversationsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MbConversationsPage, toast_overlay);
  gtk_widget_class_bind_template_callback (widget_class, conversation_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, result_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, visible_child_changed_cb);

  gtk_widget_class_install_action (widget_class, "conversations.show-list", NULL, show_list_action);
  gtk_widget_class_install_action (widget_class, "conversations.delete-open", NULL, delete_open_action);
  gtk_widget_class_install_action (widget_class, "conversations.undo-delete", NULL, undo_delete_action);
  gtk_widget_class_install_action (widget_class, "conversations.search", NULL, search_action);
}

static void
mb_conversations_page_init (MbConversationsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conversations.undo-delete", FALSE);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, self->list_pane);
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (update_visibility), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::child-transition-running",
                           G_CALLBACK (transition_done_cb), self, G_CONNECT_SWAPPED);
}
