/* mb-window.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mb-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-application.h"
#include "mb-conversations-page.h"
#include "mb-missing-journal.h"
#include "mb-new-conversation-dialog.h"
#include "mb-people-page.h"
#include "mb-promise-talk.h"
#include "mb-scripts-page.h"
#include "mb-unlock-page.h"
#include "mb-window.h"
#include "mb-you-page.h"

struct _MbWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  MbScriptLibrary      *script_library;
  MbJournal            *journal;
  MbDataFolder         *data_folder;
  MbConversationsPage  *conversations_page;
  AdwToastOverlay      *toast_overlay;
  AdwToast             *promise_toast;    /* the offer of a conversation about a promise, while shown */
  GtkWidget            *missing_journal;  /* shown instead of the content while waiting */
  GtkWidget            *unlock_page;      /* shown instead of the content while locked or busy */
  GtkWidget            *content;          /* kept while one of those is shown */
  gboolean              busy;             /* while the journal is converted */
  gboolean              opening;          /* while a remembered key is tried: no unlock page yet */
  AdwToast             *merged_toast;     /* (weak): shown while changes from elsewhere come in */
  guint                 n_both_changed;   /* texts it says were changed on both sides */
  char                 *reopen_id;        /* the conversation to show once the journal is loaded */

  /* Template widgets */
  AdwLeaflet           *leaflet;
  GtkListBox           *sidebar;
  GtkWidget            *sidebar_pane;
  GtkStack             *stack;
};

G_DEFINE_FINAL_TYPE (MbWindow, mb_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DATA_FOLDER,
  PROP_JOURNAL,
  PROP_SECTION,
  PROP_SCRIPT_LIBRARY,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  JOURNAL_UNLOCKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A section's page brings its own header bar, with a back button to the
 * sections when the window is narrow.
 */
static void
add_section_page (MbWindow   *self,
                  GtkWidget  *page,
                  const char *name,
                  const char *title)
{
  g_object_bind_property (self->leaflet, "folded", page, "show-back-button", G_BINDING_SYNC_CREATE);
  gtk_stack_add_titled (self->stack, page, name, title);
}

/* The People, Scripts and You pages are built the first time they are shown,
 * so that they cost nothing at start-up.
 */
static void
ensure_section_page (MbWindow   *self,
                     const char *section)
{
  if (gtk_stack_get_child_by_name (self->stack, section) != NULL)
    return;

  if (g_str_equal (section, "people"))
    add_section_page (self, g_object_new (MB_TYPE_PEOPLE_PAGE, "journal", self->journal, NULL),
                      "people", _("People"));
  else if (g_str_equal (section, "scripts"))
    add_section_page (self, g_object_new (MB_TYPE_SCRIPTS_PAGE, "library", self->script_library, NULL),
                      "scripts", _("Scripts"));
  else if (g_str_equal (section, "you"))
    add_section_page (self, g_object_new (MB_TYPE_YOU_PAGE, "journal", self->journal, NULL),
                      "you", C_("section", "You"));
}

static GtkListBoxRow *
find_sidebar_row (MbWindow   *self,
                  const char *section)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (g_strcmp0 (gtk_widget_get_name (child), section) == 0)
        return GTK_LIST_BOX_ROW (child);
    }

  return NULL;
}

/* What cannot be done while the journal is missing: anything that
 * could add to it, or show it.
 */
static const char * const journal_actions[] = {
  "win.show-section", "win.new-conversation", "win.new-conversation-with",
  "win.read-conversation", "win.show-person", "win.search",
  "win.offer-promise-talk", "win.plan-promise-talk",
};

static void
update_actions (MbWindow *self)
{
  gboolean shown = self->content == NULL;

  for (guint i = 0; i < G_N_ELEMENTS (journal_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), journal_actions[i], shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back",
                                 shown && adw_leaflet_get_folded (self->leaflet) &&
                                 adw_leaflet_get_visible_child (self->leaflet) == GTK_WIDGET (self->stack));
}

static void
show_content (MbWindow *self)
{
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->stack));
}

/* A row is chosen by activating it (a click, Enter, Space), never by
 * moving the focus onto it (Tab, the arrows): the selection stays with
 * the section shown.
 */
static void
sidebar_row_selected_cb (MbWindow      *self,
                         GtkListBoxRow *row)
{
  GtkListBoxRow *shown;

  /* Rows are selected while the window is built, before there is a
   * section, and unselected while it goes.
   */
  if (row == NULL || self->stack == NULL || mb_window_get_section (self) == NULL)
    return;

  shown = find_sidebar_row (self, mb_window_get_section (self));
  if (shown != NULL && row != shown)
    gtk_list_box_select_row (self->sidebar, shown);
}

/* Shows @section, and in the conversations the keys go to the one open. */
static void
enter_section (MbWindow   *self,
               const char *section)
{
  mb_window_set_section (self, section);
  show_content (self);
  if (g_str_equal (section, "conversations"))
    mb_conversations_page_focus (self->conversations_page);
}

static void
sidebar_row_activated_cb (MbWindow      *self,
                          GtkListBoxRow *row)
{
  enter_section (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

static void
leaflet_folded_changed_cb (MbWindow *self)
{
  /* Folded, the sidebar is a page to navigate away from: a selected row
   * there would look like a page that is already open.
   */
  if (adw_leaflet_get_folded (self->leaflet))
    {
      gtk_list_box_set_selection_mode (self->sidebar, GTK_SELECTION_NONE);
    }
  else
    {
      gtk_list_box_set_selection_mode (self->sidebar, GTK_SELECTION_BROWSE);
      gtk_list_box_select_row (self->sidebar,
                               find_sidebar_row (self, mb_window_get_section (self)));
    }

  update_actions (self);
}

static void
leaflet_visible_child_changed_cb (MbWindow *self)
{
  update_actions (self);
}

static void
show_section_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  MbWindow *self = MB_WINDOW (widget);
  const char *section = g_variant_get_string (parameter, NULL);

  if (find_sidebar_row (self, section) == NULL)
    {
      g_warning ("No such section: %s", section);
      return;
    }

  enter_section (self, section);
}

/* @conversation in its phase and step, to go on with. */
static void
open_conversation (MbWindow       *self,
                   MbConversation *conversation)
{
  mb_window_set_section (self, "conversations");
  show_content (self);
  mb_conversations_page_open (self->conversations_page, conversation);
}

static void
conversation_started_cb (MbWindow       *self,
                         MbConversation *conversation)
{
  open_conversation (self, conversation);
}

/* @promise: (nullable): a promise of the leader's to @person that the
 * conversation is about
 */
static void
present_new_conversation (MbWindow    *self,
                          const char  *script_id,
                          MbPerson    *person,
                          MbAgreement *promise)
{
  MbNewConversationDialog *dialog;

  dialog = mb_new_conversation_dialog_new (GTK_WINDOW (self), self->journal, self->script_library, script_id);
  if (promise != NULL)
    mb_new_conversation_dialog_set_promise (dialog, person, promise);
  else if (person != NULL)
    mb_new_conversation_dialog_set_person (dialog, person);
  g_signal_connect_object (dialog, "conversation-started",
                           G_CALLBACK (conversation_started_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_conversation_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  present_new_conversation (MB_WINDOW (widget), g_variant_get_string (parameter, NULL), NULL, NULL);
}

/* A new conversation with someone in the journal, by their id. */
static void
new_conversation_with_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  MbWindow *self = MB_WINDOW (widget);

  present_new_conversation (self, NULL,
                            mb_journal_lookup_person (self->journal, g_variant_get_string (parameter, NULL)),
                            NULL);
}

/* The promise a (person id, agreement id) names, among the conversations
 * with that person, and through @person who they are; or NULL when
 * either is gone.
 */
static MbAgreement *
find_promise (MbWindow  *self,
              GVariant  *parameter,
              MbPerson **person)
{
  GListModel *conversations = mb_journal_get_conversations (self->journal);
  const char *person_id, *agreement_id;

  g_variant_get (parameter, "(&s&s)", &person_id, &agreement_id);
  *person = mb_journal_lookup_person (self->journal, person_id);
  if (*person == NULL)
    return NULL;

  for (guint i = 0; i < g_list_model_get_n_items (conversations); i++)
    {
      g_autoptr(MbConversation) conversation = g_list_model_get_item (conversations, i);
      GListModel *agreements = mb_conversation_get_agreements (conversation);

      if (g_strcmp0 (mb_conversation_get_person_id (conversation), person_id) != 0)
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (agreements); j++)
        {
          g_autoptr(MbAgreement) agreement = g_list_model_get_item (agreements, j);

          /* The conversation holds it. */
          if (g_strcmp0 (mb_agreement_get_id (agreement), agreement_id) == 0)
            return agreement;
        }
    }

  return NULL;
}

/* Offers a conversation about a promise of the leader's just marked not
 * kept: (person id, agreement id). In a toast, not a dialog: the leader
 * has just answered one, and an offer is for taking or letting go. Who
 * it is with goes without saying, and a toast's words must fit a phone.
 */
static void
offer_promise_talk_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  MbWindow *self = MB_WINDOW (widget);
  MbAgreement *agreement;
  MbPerson *person;

  agreement = find_promise (self, parameter, &person);
  if (agreement == NULL || !mb_promise_talk_offered (agreement))
    return;

  /* One offer at a time: the promise marked last. */
  if (self->promise_toast != NULL)
    adw_toast_dismiss (self->promise_toast);

  /* Translators: offered after a promise of yours is marked not kept; keep it short */
  g_set_weak_pointer (&self->promise_toast, adw_toast_new (_("Talk about the promise?")));
  /* Translators: the button of “Talk about the promise?”: plan a conversation; keep it short */
  adw_toast_set_button_label (self->promise_toast, _("_Plan"));
  adw_toast_set_action_name (self->promise_toast, "win.plan-promise-talk");
  adw_toast_set_action_target_value (self->promise_toast, parameter);
  /* Longer than a plain notice: it asks something. */
  adw_toast_set_timeout (self->promise_toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, self->promise_toast);
}

/* A new conversation with someone about a promise of the leader's:
 * (person id, agreement id).
 */
static void
plan_promise_talk_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  MbWindow *self = MB_WINDOW (widget);
  MbAgreement *agreement;
  MbPerson *person;

  agreement = find_promise (self, parameter, &person);
  if (agreement != NULL)
    present_new_conversation (self, NULL, person, agreement);
}

/* A person's page, by their id. */
static void
show_person_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MbWindow *self = MB_WINDOW (widget);
  MbPerson *person = mb_journal_lookup_person (self->journal, g_variant_get_string (parameter, NULL));

  if (person == NULL)
    return;

  mb_window_set_section (self, "people");
  show_content (self);
  mb_people_page_show_person (MB_PEOPLE_PAGE (gtk_stack_get_child_by_name (self->stack, "people")), person);
}

/* A conversation to read, by its id. */
static void
read_conversation_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  MbWindow *self = MB_WINDOW (widget);
  MbConversation *conversation = mb_journal_lookup_conversation (self->journal, g_variant_get_string (parameter, NULL));

  if (conversation == NULL)
    return;

  mb_window_set_section (self, "conversations");
  show_content (self);
  mb_conversations_page_read (self->conversations_page, conversation);
}

/* A conversation, by its id, in its phase and step. */
static void
open_conversation_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  MbWindow *self = MB_WINDOW (widget);
  MbConversation *conversation = mb_journal_lookup_conversation (self->journal, g_variant_get_string (parameter, NULL));

  if (conversation != NULL)
    open_conversation (self, conversation);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MbWindow *self = MB_WINDOW (widget);
  const char *section = mb_window_get_section (self);
  g_autofree char *action = g_strconcat (section, ".search", NULL);

  /* Each section that can be searched has its own search. */
  show_content (self);
  gtk_widget_activate_action (gtk_stack_get_visible_child (self->stack), action, NULL);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MbWindow *self = MB_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
restore_window_state (MbWindow *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

/**
 * mb_window_save_state:
 *
 * Keeps the window's size in the settings, for the next window.
 */
void
mb_window_save_state (MbWindow *self)
{
  int width;
  int height;

  /* The default size follows the window's size, but not while it is
   * maximized, so this is the size to come back to.
   */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (self->settings);
}

static gboolean
mb_window_close_request (GtkWindow *window)
{
  GtkApplication *app = gtk_window_get_application (window);

  mb_window_save_state (MB_WINDOW (window));

  /* The last window goes only once nothing would be lost. */
  if (MB_IS_APPLICATION (app) && !mb_application_close_window (MB_APPLICATION (app), window))
    return TRUE;

  return GTK_WINDOW_CLASS (mb_window_parent_class)->close_request (window);
}

/* Toasts show over the whole window, whichever page is open. */
static void
add_toast_overlay (MbWindow *self)
{
  g_autoptr(GtkWidget) content = g_object_ref (adw_application_window_get_content (ADW_APPLICATION_WINDOW (self)));

  self->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (self), GTK_WIDGET (self->toast_overlay));
  adw_toast_overlay_set_child (self->toast_overlay, content);
}

static void
files_written_back_cb (MbWindow *self)
{
  AdwToast *toast = adw_toast_new (_("Journal files removed while Marbles was open were written back"));

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
merged_toast_dismissed_cb (MbWindow *self)
{
  self->merged_toast = NULL;
  self->n_both_changed = 0;
}

/* Another device's changes came in: said quietly, once for a burst. */
static void
merged_cb (MbWindow *self,
           GObject  *object,
           guint     n_both_changed)
{
  g_autofree char *title = NULL;

  self->n_both_changed += n_both_changed;
  if (self->n_both_changed == 0)
    title = g_strdup (_("Changes from another device taken in"));
  else
    /* Translators: texts changed here and on another device at once */
    title = g_strdup_printf (ngettext ("Changes from another device taken in; both versions of a text are kept",
                                       "Changes from another device taken in; both versions of %u texts are kept",
                                       self->n_both_changed),
                             self->n_both_changed);

  /* The tests of the real app (tests/live-merge-app.sh, two-apps.sh) read this. */
  g_debug ("Shown quietly: %s", title);
  if (self->merged_toast != NULL)
    {
      adw_toast_set_title (self->merged_toast, title);
      return;
    }

  self->merged_toast = adw_toast_new (title);
  g_signal_connect_object (self->merged_toast, "dismissed", G_CALLBACK (merged_toast_dismissed_cb),
                           self, G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, self->merged_toast);
}

/* While Marbles waits for the journal, or it is locked, the window says
 * so instead of showing an empty one; the content is kept for when it
 * is there.
 */
static void
cover_content (MbWindow  *self,
               GtkWidget *cover)
{
  if (self->content == NULL)
    self->content = g_object_ref (adw_toast_overlay_get_child (self->toast_overlay));
  self->missing_journal = MB_IS_MISSING_JOURNAL (cover) ? cover : NULL;
  self->unlock_page = MB_IS_UNLOCK_PAGE (cover) ? cover : NULL;
  adw_toast_overlay_set_child (self->toast_overlay, cover);
  update_actions (self);
}

static void
uncover_content (MbWindow *self)
{
  if (self->content == NULL)
    return;

  adw_toast_overlay_set_child (self->toast_overlay, self->content);
  g_clear_object (&self->content);
  self->missing_journal = NULL;
  self->unlock_page = NULL;
  update_actions (self);
  if (g_strcmp0 (mb_window_get_section (self), "conversations") == 0)
    mb_conversations_page_focus (self->conversations_page);
}

static gboolean
is_locked (MbWindow *self)
{
  return !mb_journal_is_loaded (self->journal) &&
         mb_journal_is_protected (self->journal) &&
         !mb_journal_is_unlocked (self->journal);
}

static void
journal_unlocked_cb (MbWindow *self)
{
  g_signal_emit (self, signals[JOURNAL_UNLOCKED], 0);
  if (!self->busy)
    uncover_content (self);
}

/* The page for the state the journal is in: missing, locked, or there. */
static void
update_cover (MbWindow *self)
{
  if (self->data_folder != NULL && mb_data_folder_is_missing (self->data_folder))
    {
      if (self->missing_journal == NULL)
        cover_content (self, mb_missing_journal_new (self->data_folder));
    }
  else if (self->opening && !self->busy && is_locked (self))
    {
      /* As for a journal being read, but with nothing to act on. */
      if (self->content == NULL || self->unlock_page != NULL || self->missing_journal != NULL)
        cover_content (self, adw_bin_new ());
    }
  else if (self->busy || is_locked (self))
    {
      GtkWidget *page;

      if (self->unlock_page != NULL)
        return;
      page = mb_unlock_page_new (self->journal);
      g_signal_connect_object (page, "unlocked", G_CALLBACK (journal_unlocked_cb), self, G_CONNECT_SWAPPED);
      cover_content (self, page);
    }
  else
    uncover_content (self);
}

/* The keyboard shortcuts window is built the first time it is asked
 * for, not with every window: a few milliseconds of each start.
 */
static void
show_shortcuts_cb (MbWindow *self)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (self);
  GtkShortcutsWindow *shortcuts = gtk_application_window_get_help_overlay (window);

  if (shortcuts == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PATH "/mb-shortcuts-window.ui");

      shortcuts = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      /* Keeps this action, which is there already. */
      gtk_application_window_set_help_overlay (window, shortcuts);
    }
  gtk_window_present (GTK_WINDOW (shortcuts));
}

static void
add_shortcuts_action (MbWindow *self)
{
  g_autoptr(GSimpleAction) action = g_simple_action_new ("show-help-overlay", NULL);

  g_signal_connect_object (action, "activate", G_CALLBACK (show_shortcuts_cb), self, G_CONNECT_SWAPPED);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (action));
}

static void
mb_window_constructed (GObject *object)
{
  MbWindow *self = MB_WINDOW (object);

  G_OBJECT_CLASS (mb_window_parent_class)->constructed (object);

  g_assert (G_IS_SETTINGS (self->settings));
  g_assert (MB_IS_SCRIPT_LIBRARY (self->script_library));
  g_assert (MB_IS_JOURNAL (self->journal));

  self->conversations_page = g_object_new (MB_TYPE_CONVERSATIONS_PAGE,
                                           "journal", self->journal,
                                           NULL);
  add_section_page (self, GTK_WIDGET (self->conversations_page), "conversations", _("Conversations"));
  gtk_stack_set_visible_child_name (self->stack, "conversations");
  add_toast_overlay (self);
  add_shortcuts_action (self);
  g_signal_connect_object (self->journal, "files-written-back", G_CALLBACK (files_written_back_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->journal, "merged", G_CALLBACK (merged_cb), self, G_CONNECT_SWAPPED);
  if (self->data_folder != NULL)
    {
      g_signal_connect_object (self->data_folder, "notify::state", G_CALLBACK (update_cover),
                               self, G_CONNECT_SWAPPED);
    }
  update_cover (self);

  restore_window_state (self);
  g_settings_bind (self->settings, "section", self, "section", G_SETTINGS_BIND_DEFAULT);
  gtk_list_box_select_row (self->sidebar, find_sidebar_row (self, mb_window_get_section (self)));
  update_actions (self);
}

static void
mb_window_dispose (GObject *object)
{
  MbWindow *self = MB_WINDOW (object);

  if (self->settings != NULL)
    g_settings_unbind (self, "section");
  g_clear_object (&self->settings);
  g_clear_object (&self->script_library);
  g_clear_object (&self->journal);
  g_clear_object (&self->data_folder);
  g_clear_object (&self->content);
  g_clear_weak_pointer (&self->promise_toast);
  g_clear_pointer (&self->reopen_id, g_free);

  G_OBJECT_CLASS (mb_window_parent_class)->dispose (object);
}

static void
mb_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  MbWindow *self = MB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SECTION:
      g_value_set_string (value, mb_window_get_section (self));
      break;

    case PROP_SCRIPT_LIBRARY:
      g_value_set_object (value, self->script_library);
      break;

    case PROP_JOURNAL:
      g_value_set_object (value, self->journal);
      break;

    case PROP_DATA_FOLDER:
      g_value_set_object (value, self->data_folder);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  MbWindow *self = MB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SECTION:
      mb_window_set_section (self, g_value_get_string (value));
      break;

    case PROP_SCRIPT_LIBRARY:
      self->script_library = g_value_dup_object (value);
      break;

    case PROP_JOURNAL:
      self->journal = g_value_dup_object (value);
      break;

    case PROP_DATA_FOLDER:
      self->data_folder = g_value_dup_object (value);
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_window_class_init (MbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = mb_window_constructed;
  object_class->dispose = mb_window_dispose;
  object_class->get_property = mb_window_get_property;
  object_class->set_property = mb_window_set_property;

  window_class->close_request = mb_window_close_request;

  properties[PROP_SECTION] =
    g_param_spec_string ("section", NULL, NULL,
                         "conversations",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_JOURNAL] =
    g_param_spec_object ("journal", NULL, NULL,
                         MB_TYPE_JOURNAL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* Whether the journal is there; without it, the window takes it as
   * there.
   */
  properties[PROP_DATA_FOLDER] =
    g_param_spec_object ("data-folder", NULL, NULL,
                         MB_TYPE_DATA_FOLDER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SCRIPT_LIBRARY] =
    g_param_spec_object ("script-library", NULL, NULL,
                         MB_TYPE_SCRIPT_LIBRARY,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MbWindow::journal-unlocked:
   *
   * The leader unlocked the journal the window shows: it can be loaded.
   */
  signals[JOURNAL_UNLOCKED] = g_signal_new ("journal-unlocked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/mb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MbWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, MbWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, MbWindow, sidebar_pane);
  gtk_widget_class_bind_template_child (widget_class, MbWindow, stack);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_folded_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_visible_child_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_selected_cb);

  gtk_widget_class_install_action (widget_class, "win.show-section", "s", show_section_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.new-conversation", "s", new_conversation_action);
  gtk_widget_class_install_action (widget_class, "win.new-conversation-with", "s", new_conversation_with_action);
  gtk_widget_class_install_action (widget_class, "win.read-conversation", "s", read_conversation_action);
  gtk_widget_class_install_action (widget_class, "win.open-conversation", "s", open_conversation_action);
  gtk_widget_class_install_action (widget_class, "win.show-person", "s", show_person_action);
  gtk_widget_class_install_action (widget_class, "win.offer-promise-talk", "(ss)", offer_promise_talk_action);
  gtk_widget_class_install_action (widget_class, "win.plan-promise-talk", "(ss)", plan_promise_talk_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-conversation", "s", "");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK,
                                       "win.show-section", "s", "conversations");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK,
                                       "win.show-section", "s", "people");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK,
                                       "win.show-section", "s", "scripts");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK,
                                       "win.show-section", "s", "you");
}

static void
mb_window_init (MbWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

#if DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}

/**
 * mb_window_get_journal:
 *
 * Returns: (transfer none): the journal the window shows
 */
MbJournal *
mb_window_get_journal (MbWindow *self)
{
  g_return_val_if_fail (MB_IS_WINDOW (self), NULL);

  return self->journal;
}

/**
 * mb_window_get_section:
 *
 * Returns: the name of the section shown: "conversations", "people", "scripts" or "you"
 */
const char *
mb_window_get_section (MbWindow *self)
{
  g_return_val_if_fail (MB_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

void
mb_window_set_section (MbWindow   *self,
                       const char *section)
{
  GtkListBoxRow *row;

  g_return_if_fail (MB_IS_WINDOW (self));
  g_return_if_fail (section != NULL);

  row = find_sidebar_row (self, section);
  if (row == NULL || g_strcmp0 (section, mb_window_get_section (self)) == 0)
    return;

  ensure_section_page (self, section);
  gtk_stack_set_visible_child_name (self->stack, section);
  if (gtk_list_box_get_selection_mode (self->sidebar) != GTK_SELECTION_NONE)
    gtk_list_box_select_row (self->sidebar, row);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECTION]);
}

/**
 * mb_window_dup_open_conversation_id:
 *
 * Returns: (transfer full) (nullable): the id of the conversation open
 *   in the Conversations section, to read or to change
 */
char *
mb_window_dup_open_conversation_id (MbWindow *self)
{
  MbConversation *conversation;

  g_return_val_if_fail (MB_IS_WINDOW (self), NULL);

  conversation = mb_conversations_page_get_open_conversation (self->conversations_page);
  return conversation != NULL ? g_strdup (mb_conversation_get_id (conversation)) : NULL;
}

static void
reopen_when_loaded (MbWindow *self)
{
  MbConversation *conversation;

  if (self->reopen_id == NULL || !mb_journal_is_loaded (self->journal))
    return;

  g_signal_handlers_disconnect_by_func (self->journal, reopen_when_loaded, self);
  conversation = mb_journal_lookup_conversation (self->journal, self->reopen_id);
  g_clear_pointer (&self->reopen_id, g_free);
  if (conversation != NULL)
    mb_conversations_page_show (self->conversations_page, conversation);
}

/**
 * mb_window_reopen_conversation:
 * @id: the id of a conversation
 *
 * Shows the conversation with @id, as it was open before the journal was
 * locked, once the journal is loaded; nothing when it is gone by then.
 */
void
mb_window_reopen_conversation (MbWindow   *self,
                               const char *id)
{
  g_return_if_fail (MB_IS_WINDOW (self));
  g_return_if_fail (id != NULL);

  g_free (self->reopen_id);
  self->reopen_id = g_strdup (id);
  g_signal_connect_object (self->journal, "notify::loaded", G_CALLBACK (reopen_when_loaded),
                           self, G_CONNECT_SWAPPED);
  reopen_when_loaded (self);
}

/**
 * mb_window_set_busy:
 * @title: (nullable): what is under way, or %NULL when it is done
 *
 * While the journal is converted (the protection turned on or off), the
 * window shows only @title and a spinner; when done, the journal again,
 * or the unlock page when it is locked.
 */
void
mb_window_set_busy (MbWindow   *self,
                    const char *title)
{
  g_return_if_fail (MB_IS_WINDOW (self));

  self->busy = title != NULL;
  if (!self->busy)
    uncover_content (self);
  update_cover (self);
  if (self->busy && self->unlock_page != NULL)
    mb_unlock_page_set_busy (MB_UNLOCK_PAGE (self->unlock_page), title);
}

/**
 * mb_window_set_opening:
 * @opening: whether Marbles tries the key this computer remembers
 *
 * While Marbles tries a remembered key at start, the window shows
 * nothing of the journal yet, and not the unlock page either; after,
 * the journal, or the unlock page when it is still locked.
 */
void
mb_window_set_opening (MbWindow *self,
                       gboolean  opening)
{
  g_return_if_fail (MB_IS_WINDOW (self));

  self->opening = opening;
  update_cover (self);
}

/**
 * mb_window_is_busy:
 *
 * Returns: whether the journal is being converted (see mb_window_set_busy())
 */
gboolean
mb_window_is_busy (MbWindow *self)
{
  g_return_val_if_fail (MB_IS_WINDOW (self), FALSE);

  return self->busy;
}
