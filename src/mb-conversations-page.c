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

#include "mb-compare-dialog.h"
#include "mb-conversation-read.h"
#include "mb-conversation-row.h"
#include "mb-conversation-view.h"
#include "mb-conversations-page.h"
#include "mb-export.h"
#include "mb-export-ui.h"
#include "mb-result-row.h"
#include "mb-search-filters.h"
#include "mb-upcoming-row.h"
#include "mb-widgets.h"
#include "mb-wording.h"

/* A search result, as an item of the results' list model. */
#define MB_TYPE_FOUND (mb_found_get_type ())
G_DECLARE_FINAL_TYPE (MbFound, mb_found, MB, FOUND, GObject)

struct _MbFound
{
  GObject         parent_instance;
  MbSearchResult *result;
  char          **words;  /* what was searched for */
};

G_DEFINE_FINAL_TYPE (MbFound, mb_found, G_TYPE_OBJECT)

static void
mb_found_finalize (GObject *object)
{
  g_clear_pointer (&MB_FOUND (object)->result, mb_search_result_free);
  g_clear_pointer (&MB_FOUND (object)->words, g_strfreev);

  G_OBJECT_CLASS (mb_found_parent_class)->finalize (object);
}

static void
mb_found_class_init (MbFoundClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mb_found_finalize;
}

static void
mb_found_init (MbFound *self)
{
}

struct _MbConversationsPage
{
  MbSectionPage      parent_instance;

  MbConversation *deleted;  /* the last one deleted, until its undo toast goes */

  MbSearchFilters *filters;  /* NULL until first shown */

  GListStore *found;  /* MbFound */

  GtkFilter  *upcoming_filter;  /* planned and not begun, from today on */
  GtkFilter  *recent_filter;    /* the others */
  GListModel *upcoming;         /* the upcoming ones, soonest first */
  GtkSliceListModel *shown;     /* the others the list has rows for, growing after a load */
  guint       growing;          /* the tick that grows it, while it does */

  /* Template widgets */
  GtkListView *conversations_list;
  GtkListView *results_list;
  GtkLabel   *results_label;
  GtkMenuButton *filter_button;
  AdwBin     *conversation_slot;
  AdwLeaflet *leaflet;
  GtkWidget  *list_pane;
  GtkStack   *list_stack;
  GtkWidget  *problems_box;
  GtkWidget  *upcoming_box;
  GtkListBox *upcoming_list;
  GtkListBox *problems_list;
  GtkSearchBar *search_bar;
  GtkSearchEntry *search_entry;
  AdwToastOverlay *toast_overlay;
};

G_DEFINE_FINAL_TYPE (MbConversationsPage, mb_conversations_page, MB_TYPE_SECTION_PAGE)

static void refresh_upcoming (MbConversationsPage *self);

static MbJournal *
journal_of (MbConversationsPage *self)
{
  return mb_section_page_get_journal (MB_SECTION_PAGE (self));
}

/* A row of the list: the person, then the script, the day and the phase. */
static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  gtk_list_item_set_child (item, mb_conversation_row_new ());
}

static void
bind_row_cb (MbConversationsPage *self,
             GtkListItem         *item)
{
  MbConversation *conversation = gtk_list_item_get_item (item);
  MbConversationRow *row = MB_CONVERSATION_ROW (gtk_list_item_get_child (item));

  mb_conversation_row_set_person (row, mb_journal_lookup_person (journal_of (self),
                                                                 mb_conversation_get_person_id (conversation)));
  mb_conversation_row_set_conversation (row, conversation);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  MbConversationRow *row = MB_CONVERSATION_ROW (gtk_list_item_get_child (item));

  mb_conversation_row_set_conversation (row, NULL);
  mb_conversation_row_set_person (row, NULL);
}

/* What the search keeps to: nothing until the filters are first shown. */
static void
get_filter (MbConversationsPage *self,
            MbSearchFilter      *filter)
{
  static const MbSearchFilter any = MB_SEARCH_FILTER_INIT;

  *filter = any;
  if (self->filters != NULL)
    mb_search_filters_get (self->filters, filter);
}

static gboolean
filtered (MbConversationsPage *self)
{
  return self->filters != NULL && mb_search_filters_is_active (self->filters);
}

static gboolean
searching (MbConversationsPage *self)
{
  g_auto(GStrv) words = mb_search_words (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

  return gtk_search_bar_get_search_mode (self->search_bar) && (words[0] != NULL || filtered (self));
}

static void
update_visibility (MbConversationsPage *self)
{
  gboolean any = g_list_model_get_n_items (mb_journal_get_conversations (journal_of (self))) > 0;
  gboolean problems = g_list_model_get_n_items (mb_journal_get_problems (journal_of (self))) > 0;

  if (searching (self))
    {
      gtk_stack_set_visible_child_name (self->list_stack,
                                        g_list_model_get_n_items (G_LIST_MODEL (self->found)) > 0
                                        ? "results" : "no-results");
      return;
    }

  /* Until the journal is read, an empty list rather than "no conversations". */
  gtk_stack_set_visible_child_name (self->list_stack,
                                    any || problems || !mb_journal_is_loaded (journal_of (self))
                                    ? "list" : "empty");
  gtk_widget_set_visible (self->problems_box, problems);
  gtk_widget_set_visible (self->upcoming_box, self->upcoming != NULL && g_list_model_get_n_items (self->upcoming) > 0);
}

/* Enough results to find what is meant; more words narrow them down. */
#define MAX_RESULTS 50

/* A row of the results: the person; the day and where the words are,
 * or the script; the words found, in bold.
 */
static void
setup_result_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item)
{
  gtk_list_item_set_child (item, mb_result_row_new ());
}

static void
bind_result_cb (MbConversationsPage *self,
                GtkListItem         *item)
{
  MbFound *found = MB_FOUND (gtk_list_item_get_item (item));
  MbConversation *conversation = found->result->conversation;

  mb_result_row_show (MB_RESULT_ROW (gtk_list_item_get_child (item)), found->result,
                      (const char * const *) found->words,
                      mb_journal_lookup_person (journal_of (self), mb_conversation_get_person_id (conversation)));
}

static void
search_changed_cb (MbConversationsPage *self)
{
  MbSearchFilter filter;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *found = NULL;

  if (searching (self))
    {
      get_filter (self, &filter);
      results = mb_journal_search (journal_of (self), gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                                   &filter, MAX_RESULTS);
      /* The items own the results from here on. */
      g_ptr_array_set_free_func (results, NULL);
      for (guint i = 0; i < results->len; i++)
        {
          MbFound *item = g_object_new (MB_TYPE_FOUND, NULL);

          item->result = g_ptr_array_index (results, i);
          item->words = mb_search_words (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
          g_ptr_array_add (items, item);
        }

      if (items->len >= MAX_RESULTS)
        found = g_strdup_printf (_("The newest %u conversations found; more words narrow the search."), items->len);
      else
        found = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u conversation found", "%u conversations found",
                                              items->len), items->len);
      gtk_label_set_label (self->results_label, found);
    }

  g_list_store_splice (self->found, 0, g_list_model_get_n_items (G_LIST_MODEL (self->found)),
                       items->pdata, items->len);
  update_visibility (self);
}

/* The filters */

static void
filters_changed_cb (MbConversationsPage *self)
{
  if (filtered (self))
    gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "accent");
  search_changed_cb (self);
}

static void
create_filters_cb (GtkMenuButton *button,
                   gpointer       user_data)
{
  MbConversationsPage *self = user_data;

  if (self->filters != NULL)
    return;

  self->filters = MB_SEARCH_FILTERS (mb_search_filters_new (journal_of (self)));
  g_signal_connect_object (self->filters, "changed", G_CALLBACK (filters_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_menu_button_set_popover (button, GTK_WIDGET (self->filters));
}

static void
result_activated_cb (MbConversationsPage *self,
                     guint                position)
{
  g_autoptr(MbFound) found = g_list_model_get_item (G_LIST_MODEL (self->found), position);
  MbConversation *conversation;

  if (found == NULL)
    return;

  /* A finished conversation is read, and left as it was: at the words. */
  conversation = found->result->conversation;
  if (mb_conversation_get_finished (conversation))
    {
      mb_conversations_page_read (self, conversation);
      if (found->result->snippet != NULL)
        mb_conversation_read_show_place (MB_CONVERSATION_READ (adw_bin_get_child (self->conversation_slot)),
                                         found->result->phase, found->result->step,
                                         (const char * const *) found->words);
      return;
    }

  /* One to go on with opens where the words were found. */
  mb_conversation_set_phase (conversation, found->result->phase);
  mb_conversation_set_step (conversation, found->result->step);
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
conversation_activated_cb (MbConversationsPage *self,
                           guint                position)
{
  g_autoptr(MbConversation) conversation = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (self->conversations_list)),
                                                                  position);

  if (conversation != NULL)
    mb_conversations_page_show (self, conversation);
}

/* The conversation open to read or to change, if any. */
static MbConversation *
get_open_conversation (MbConversationsPage *self)
{
  GtkWidget *view = adw_bin_get_child (self->conversation_slot);

  if (MB_IS_CONVERSATION_VIEW (view))
    return mb_conversation_view_get_conversation (MB_CONVERSATION_VIEW (view));
  if (MB_IS_CONVERSATION_READ (view))
    return mb_conversation_read_get_conversation (MB_CONVERSATION_READ (view));
  return NULL;
}

static void
close_open_conversation (MbConversationsPage *self)
{
  MbConversation *conversation = get_open_conversation (self);

  if (conversation == NULL)
    return;

  /* Leaving a conversation pauses its talk, and saves it now rather
   * than in a moment.
   */
  mb_conversation_set_timer_running (conversation, FALSE);
  mb_journal_save_now (journal_of (self), G_OBJECT (conversation));
  adw_bin_set_child (self->conversation_slot, NULL);
}

/* conversations.edit-open and conversations.read-open: the open
 * conversation in the other view.
 */
static void
switch_view_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MbConversationsPage *self = MB_CONVERSATIONS_PAGE (widget);
  MbConversation *open = get_open_conversation (self);
  g_autoptr(MbConversation) conversation = open != NULL ? g_object_ref (open) : NULL;

  /* The view it is in goes, the conversation stays. */
  if (conversation == NULL)
    return;
  if (g_str_equal (action_name, "conversations.read-open"))
    mb_conversations_page_read (self, conversation);
  else
    mb_conversations_page_open (self, conversation);
}

/* conversations.export-open and conversations.print-open: the open
 * conversation as a Markdown file, or on paper.
 */
static void
export_open_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MbConversationsPage *self = MB_CONVERSATIONS_PAGE (widget);
  MbConversation *conversation = get_open_conversation (self);
  MbPerson *person;
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
  g_autoptr(MbDocument) document = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *date = NULL;
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;

  if (conversation == NULL)
    return;

  person = mb_journal_lookup_person (journal_of (self), mb_conversation_get_person_id (conversation));
  document = mb_export_conversation_document (conversation, person);
  date = g_date_time_format (mb_conversation_get_when (conversation), "%Y-%m-%d");
  /* Translators: the name of an exported conversation: “Sanne de Vries 2026-11-24” */
  name = person != NULL ? mb_text_excerpt (mb_person_get_name (person), MB_FILE_NAME_CHARS) : g_strdup (_("Conversation"));
  title = g_strdup_printf (_("%s %s"), name, date);
  if (g_str_equal (action_name, "conversations.print-open"))
    {
      mb_print_document (window, title, document);
      return;
    }
  markdown = mb_markdown_write (document);
  mb_export_markdown_to_file (window, title, markdown, mb_journal_is_protected (journal_of (self)));
}

/* Compare versions */

static void
version_chosen_cb (MbConversationsPage *self,
                   int                  side)
{
  const char *message = side == MB_VERSION_JOURNAL
                        ? _("Kept this journal’s version; the copy is kept beside it as a file")
                        : _("Kept the copy; the other version is kept beside it as a file");

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* The problem listed about the file at @path, or NULL. */
static MbProblem *
find_problem (MbJournal  *journal,
              const char *path)
{
  GListModel *problems = mb_journal_get_problems (journal);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(MbProblem) problem = g_list_model_get_item (problems, i);

      if (g_file_equal (mb_problem_get_file (problem), file))
        return problem;
    }
  return NULL;
}

/* conversations.compare-versions (s): the two versions of the conflict
 * listed about the file at that path, to keep one.
 */
static void
compare_versions_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  MbConversationsPage *self = MB_CONVERSATIONS_PAGE (widget);
  MbProblem *problem = find_problem (journal_of (self), g_variant_get_string (parameter, NULL));
  MbCompareDialog *dialog;

  if (problem == NULL || !mb_problem_is_conflict (problem))
    return;

  dialog = mb_compare_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), journal_of (self), problem);
  g_signal_connect_object (dialog, "chosen", G_CALLBACK (version_chosen_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
visible_child_changed_cb (MbConversationsPage *self)
{
  /* Back in the list, once the transition is over. */
  if (adw_leaflet_get_visible_child (self->leaflet) == self->list_pane &&
      !adw_leaflet_get_child_transition_running (self->leaflet))
    {
      close_open_conversation (self);
      refresh_upcoming (self);
    }
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

/* A conversation the leader is asked about deleting. */
typedef struct
{
  MbConversationsPage *self;  /* weak: the page may go first */
  MbConversation      *conversation;
} Deleting;

static void
deleting_free (gpointer  data,
               GClosure *closure)
{
  Deleting *deleting = data;

  g_clear_weak_pointer (&deleting->self);
  g_clear_object (&deleting->conversation);
  g_free (deleting);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    Deleting         *deleting)
{
  MbConversationsPage *self = deleting->self;
  MbConversation *conversation = deleting->conversation;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (self == NULL || g_strcmp0 (response, "delete") != 0)
    return;

  if (get_open_conversation (self) == conversation)
    {
      adw_bin_set_child (self->conversation_slot, NULL);
      adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
    }

  if (!mb_journal_delete_conversation (journal_of (self), conversation, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not delete the conversation: %s"), error->message);

      adw_toast_overlay_add_toast (self->toast_overlay, mb_toast_new (message));
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

/* Deleting asks first, with Cancel the answer Enter gives. */
static void
delete_open_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MbConversationsPage *self = MB_CONVERSATIONS_PAGE (widget);
  MbConversation *conversation = get_open_conversation (self);
  MbPerson *person;
  g_autofree char *day = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  Deleting *deleting;

  if (conversation == NULL)
    return;

  person = mb_journal_lookup_person (journal_of (self), mb_conversation_get_person_id (conversation));
  day = mb_wording_day (mb_conversation_get_when (conversation));
  if (person != NULL)
    /* Translators: “Delete the Conversation with Sanne de Vries?” */
    heading = g_strdup_printf (_("Delete the Conversation with %s?"), mb_person_get_name (person));
  else
    heading = g_strdup (_("Delete This Conversation?"));
  /* Translators: %s is its day, “24 Nov 2026” */
  body = g_strdup_printf (_("Everything written in the conversation of %s goes: the preparation, the notes, "
                            "the reflection, its agreements and its marbles."), day);
  dialog = mb_question_new (widget, heading, body, "delete", _("_Delete"), ADW_RESPONSE_DESTRUCTIVE);
  deleting = g_new0 (Deleting, 1);
  g_set_weak_pointer (&deleting->self, self);
  deleting->conversation = g_object_ref (conversation);
  g_signal_connect_data (dialog, "response", G_CALLBACK (delete_response_cb), deleting, deleting_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MbConversationsPage *self = MB_CONVERSATIONS_PAGE (widget);

  if (self->deleted == NULL)
    return;

  mb_journal_add_conversation (journal_of (self), self->deleted);
  mb_journal_save_now (journal_of (self), G_OBJECT (self->deleted));
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
  view = mb_conversation_view_new (journal_of (self), conversation);
  adw_bin_set_child (self->conversation_slot, view);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->conversation_slot));
  mb_conversation_view_focus_field (MB_CONVERSATION_VIEW (view));
}

/**
 * mb_conversations_page_read:
 *
 * Shows @conversation to read, whole, in place of the list.
 */
void
mb_conversations_page_read (MbConversationsPage *self,
                            MbConversation      *conversation)
{
  g_return_if_fail (MB_IS_CONVERSATIONS_PAGE (self));
  g_return_if_fail (MB_IS_CONVERSATION (conversation));

  close_open_conversation (self);
  adw_bin_set_child (self->conversation_slot, mb_conversation_read_new (journal_of (self), conversation));
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->conversation_slot));
}

/**
 * mb_conversations_page_show:
 *
 * Shows @conversation as a click on it in the list does: a finished
 * conversation to read, the others to go on with.
 */
void
mb_conversations_page_show (MbConversationsPage *self,
                            MbConversation      *conversation)
{
  g_return_if_fail (MB_IS_CONVERSATIONS_PAGE (self));
  g_return_if_fail (MB_IS_CONVERSATION (conversation));

  if (mb_conversation_get_finished (conversation))
    mb_conversations_page_read (self, conversation);
  else
    mb_conversations_page_open (self, conversation);
}

/**
 * mb_conversations_page_get_open_conversation:
 *
 * Returns: (transfer none) (nullable): the conversation open to read or
 *   to change
 */
MbConversation *
mb_conversations_page_get_open_conversation (MbConversationsPage *self)
{
  g_return_val_if_fail (MB_IS_CONVERSATIONS_PAGE (self), NULL);

  return get_open_conversation (self);
}

/**
 * mb_conversations_page_focus:
 *
 * Puts the cursor where the leader was typing in the conversation open,
 * if one is open to change.
 */
void
mb_conversations_page_focus (MbConversationsPage *self)
{
  GtkWidget *view;

  g_return_if_fail (MB_IS_CONVERSATIONS_PAGE (self));

  view = adw_bin_get_child (self->conversation_slot);
  if (MB_IS_CONVERSATION_VIEW (view) &&
      adw_leaflet_get_visible_child (self->leaflet) == GTK_WIDGET (self->conversation_slot))
    mb_conversation_view_focus_field (MB_CONVERSATION_VIEW (view));
}

/**
 * mb_conversations_page_get_open:
 *
 * Returns: (transfer none) (nullable): the #MbConversationView or
 *   #MbConversationRead open
 */
GtkWidget *
mb_conversations_page_get_open (MbConversationsPage *self)
{
  g_return_val_if_fail (MB_IS_CONVERSATIONS_PAGE (self), NULL);

  return adw_bin_get_child (self->conversation_slot);
}

/* Upcoming: the conversations planned from today on and not yet begun,
 * soonest first, each with its day and time; the list below has the rest.
 */

/* The time now, to the second: the filters below ask it of each
 * conversation, and GLib 2.74 reads the local time zone again each time
 * g_date_time_new_now_local() is called (170 ms for 10,000). Filters
 * run on the main thread only.
 */
static GDateTime *
get_now (void)
{
  static GDateTime *now;
  static gint64 second = -1;
  gint64 this_second = g_get_real_time () / G_USEC_PER_SEC;

  if (now == NULL || this_second != second)
    {
      g_clear_pointer (&now, g_date_time_unref);
      now = g_date_time_new_now_local ();
      second = this_second;
    }
  return now;
}

static gboolean
is_upcoming (gpointer item,
             gpointer user_data)
{
  return mb_conversation_is_upcoming (item, get_now ()) == GPOINTER_TO_INT (user_data);
}

static int
compare_soonest (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  return g_date_time_compare (mb_conversation_get_when ((MbConversation *) a),
                              mb_conversation_get_when ((MbConversation *) b));
}

/* Time moves on, and conversations begin: sorted again when shown. */
static void
refresh_upcoming (MbConversationsPage *self)
{
  if (self->upcoming_filter == NULL)
    return;
  gtk_filter_changed (self->upcoming_filter, GTK_FILTER_CHANGE_DIFFERENT);
  gtk_filter_changed (self->recent_filter, GTK_FILTER_CHANGE_DIFFERENT);
}

static GtkWidget *
create_upcoming_row (gpointer item,
                     gpointer user_data)
{
  MbConversationsPage *self = user_data;
  MbConversation *conversation = item;

  return mb_upcoming_row_new (conversation,
                              mb_journal_lookup_person (journal_of (self), mb_conversation_get_person_id (conversation)));
}

static void
upcoming_activated_cb (MbConversationsPage *self,
                       GtkListBoxRow       *row)
{
  mb_conversations_page_open (self, mb_upcoming_row_get_conversation (MB_UPCOMING_ROW (row)));
}

/* A list view of GTK 4.8 makes rows for up to 200 items at once, which
 * takes far longer than a frame: after a load, the list's model grows
 * a few rows a frame, the newest first, until GTK has made all of its
 * rows; then it holds every conversation.
 */
#define ROWS_PER_FRAME  4
#define ROWS_ANY_LENGTH 240  /* past the rows GTK makes, the rest cost nothing */

static gboolean
grow_cb (GtkWidget     *widget,
         GdkFrameClock *frame_clock,
         gpointer       user_data)
{
  MbConversationsPage *self = MB_CONVERSATIONS_PAGE (widget);
  guint size = gtk_slice_list_model_get_size (self->shown) + ROWS_PER_FRAME;

  if (size >= ROWS_ANY_LENGTH ||
      size >= g_list_model_get_n_items (gtk_slice_list_model_get_model (self->shown)))
    {
      gtk_slice_list_model_set_size (self->shown, G_MAXUINT);
      self->growing = 0;
      return G_SOURCE_REMOVE;
    }

  gtk_slice_list_model_set_size (self->shown, size);
  return G_SOURCE_CONTINUE;
}

static void
start_growing (MbConversationsPage *self)
{
  if (self->growing != 0 || gtk_slice_list_model_get_size (self->shown) == G_MAXUINT ||
      g_list_model_get_n_items (gtk_slice_list_model_get_model (self->shown)) <= gtk_slice_list_model_get_size (self->shown))
    return;

  self->growing = gtk_widget_add_tick_callback (GTK_WIDGET (self), grow_cb, NULL, NULL);
}

static void
bind_lists (MbConversationsPage *self,
            MbJournal           *journal)
{
  GListModel *conversations = mb_journal_get_conversations (journal);
  GtkFilterListModel *upcoming;
  GtkFilterListModel *recent;
  g_autoptr(GtkNoSelection) selection = NULL;

  self->upcoming_filter = GTK_FILTER (gtk_custom_filter_new (is_upcoming, GINT_TO_POINTER (TRUE), NULL));
  self->recent_filter = GTK_FILTER (gtk_custom_filter_new (is_upcoming, GINT_TO_POINTER (FALSE), NULL));
  upcoming = gtk_filter_list_model_new (g_object_ref (conversations), g_object_ref (self->upcoming_filter));
  self->upcoming = G_LIST_MODEL (gtk_sort_list_model_new (G_LIST_MODEL (upcoming),
                                                          GTK_SORTER (gtk_custom_sorter_new (compare_soonest, NULL, NULL))));
  gtk_list_box_bind_model (self->upcoming_list, self->upcoming, create_upcoming_row, self, NULL);
  g_signal_connect_object (self->upcoming, "items-changed", G_CALLBACK (update_visibility), self, G_CONNECT_SWAPPED);

  recent = gtk_filter_list_model_new (g_object_ref (conversations), g_object_ref (self->recent_filter));
  self->shown = gtk_slice_list_model_new (G_LIST_MODEL (recent), 0, ROWS_PER_FRAME);
  g_signal_connect_object (recent, "items-changed", G_CALLBACK (start_growing), self, G_CONNECT_SWAPPED);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->shown)));
  gtk_list_view_set_model (self->conversations_list, GTK_SELECTION_MODEL (selection));
}

static void
mb_conversations_page_journal_set (MbSectionPage *page,
                                   MbJournal     *journal)
{
  MbConversationsPage *self = MB_CONVERSATIONS_PAGE (page);

  bind_lists (self, journal);
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

  if (journal_of (self) != NULL)
    close_open_conversation (self);
  g_clear_object (&self->deleted);
  g_clear_object (&self->found);
  g_clear_object (&self->upcoming);
  g_clear_object (&self->shown);
  g_clear_object (&self->upcoming_filter);
  g_clear_object (&self->recent_filter);

  G_OBJECT_CLASS (mb_conversations_page_parent_class)->dispose (object);
}

static void
mb_conversations_page_class_init (MbConversationsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mb_conversations_page_dispose;
  MB_SECTION_PAGE_CLASS (klass)->journal_set = mb_conversations_page_journal_set;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/mb-conversations-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MbConversationsPage, conversation_slot);
  gtk_widget_class_bind_template_child (widget_class, MbConversationsPage, conversations_list);
  gtk_widget_class_bind_template_child (widget_class, MbConversationsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, MbConversationsPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, MbConversationsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, MbConversationsPage, problems_box);
  gtk_widget_class_bind_template_child (widget_class, MbConversationsPage, upcoming_box);
  gtk_widget_class_bind_template_child (widget_class, MbConversationsPage, upcoming_list);
  gtk_widget_class_bind_template_child (widget_class, MbConversationsPage, problems_list);
  gtk_widget_class_bind_template_child (widget_class, MbConversationsPage, results_list);
  gtk_widget_class_bind_template_child (widget_class, MbConversationsPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, MbConversationsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MbConversationsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MbConversationsPage, results_label);
  gtk_widget_class_bind_template_child (widget_class, MbConversationsPage, filter_button);
  gtk_widget_class_bind_template_callback (widget_class, conversation_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, upcoming_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_result_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, unbind_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_result_cb);
  gtk_widget_class_bind_template_callback (widget_class, result_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, visible_child_changed_cb);

  gtk_widget_class_install_action (widget_class, "conversations.show-list", NULL, show_list_action);
  gtk_widget_class_install_action (widget_class, "conversations.delete-open", NULL, delete_open_action);
  gtk_widget_class_install_action (widget_class, "conversations.undo-delete", NULL, undo_delete_action);
  gtk_widget_class_install_action (widget_class, "conversations.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "conversations.edit-open", NULL, switch_view_action);
  gtk_widget_class_install_action (widget_class, "conversations.read-open", NULL, switch_view_action);
  gtk_widget_class_install_action (widget_class, "conversations.export-open", NULL, export_open_action);
  gtk_widget_class_install_action (widget_class, "conversations.print-open", NULL, export_open_action);
  gtk_widget_class_install_action (widget_class, "conversations.compare-versions", "s", compare_versions_action);
}

static void
mb_conversations_page_init (MbConversationsPage *self)
{
  g_autoptr(GtkNoSelection) found = NULL;

  self->found = g_list_store_new (MB_TYPE_FOUND);
  gtk_widget_init_template (GTK_WIDGET (self));
  found = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->found)));
  gtk_list_view_set_model (self->results_list, GTK_SELECTION_MODEL (found));
  gtk_menu_button_set_create_popup_func (self->filter_button, create_filters_cb, self, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conversations.undo-delete", FALSE);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, self->list_pane);
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (update_visibility), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::child-transition-running",
                           G_CALLBACK (transition_done_cb), self, G_CONNECT_SWAPPED);
}
