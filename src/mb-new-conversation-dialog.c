/* mb-new-conversation-dialog.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Starts a conversation: with whom (someone already in the journal, or
 * someone new), with which script, and optionally when. Started about a
 * promise of the leader's, it offers the scripts for that, and the
 * promise goes into the new conversation's preparation.
 */

#define G_LOG_DOMAIN "mb-new-conversation-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mb-new-conversation-dialog.h"
#include "mb-promise-talk.h"
#include "mb-script-choice-row.h"
#include "mb-widgets.h"
#include "mb-wording.h"

struct _MbNewConversationDialog
{
  AdwWindow        parent_instance;

  MbJournal       *journal;
  GPtrArray       *people;   /* MbPerson, as in the person row; "someone new" after them */
  GPtrArray       *scripts;  /* MbScript, as in the script list */
  GPtrArray       *script_checks; /* GtkCheckButton, one for each script */
  gboolean         preset_script; /* chosen before the dialog opened */
  gboolean         preset_person;  /* chosen before the dialog opened */
  MbAgreement     *promise;  /* what the conversation is about, or NULL */

  /* Template widgets */
  GtkCalendar     *calendar;
  GtkSpinButton   *hour_button;
  GtkSpinButton   *minute_button;
  AdwEntryRow     *name_row;
  AdwComboRow     *person_row;
  AdwPreferencesGroup *promise_group;
  AdwActionRow    *promise_row;
  AdwEntryRow     *role_row;
  AdwPreferencesGroup *script_group;
  GtkButton       *start_button;
  AdwExpanderRow  *when_row;
};

G_DEFINE_FINAL_TYPE (MbNewConversationDialog, mb_new_conversation_dialog, ADW_TYPE_WINDOW)

enum {
  CONVERSATION_STARTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The script a new conversation starts with when nothing else says
 * which: the same in every language, whatever the order of the titles.
 */
#define DEFAULT_SCRIPT_ID "grow"

static gboolean
someone_new (MbNewConversationDialog *self)
{
  return adw_combo_row_get_selected (self->person_row) >= self->people->len;
}

static char *
entered_name (MbNewConversationDialog *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
}

/* The index of the script chosen, or the number of scripts if none is. */
static guint
chosen_script (MbNewConversationDialog *self)
{
  for (guint i = 0; i < self->script_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->script_checks, i)))
      return i;
  return self->scripts->len;
}

static void
choose_script (MbNewConversationDialog *self,
               const char              *script_id)
{
  for (guint i = 0; i < self->scripts->len; i++)
    if (g_strcmp0 (mb_script_get_id (g_ptr_array_index (self->scripts, i)), script_id) == 0)
      {
        gtk_check_button_set_active (g_ptr_array_index (self->script_checks, i), TRUE);
        return;
      }
}

/* The default script: the bundled GROW, else the first by id. */
static const char *
default_script_id (MbNewConversationDialog *self)
{
  const char *first = NULL;

  for (guint i = 0; i < self->scripts->len; i++)
    {
      const char *id = mb_script_get_id (g_ptr_array_index (self->scripts, i));

      if (g_str_equal (id, DEFAULT_SCRIPT_ID))
        return id;
      if (first == NULL || strcmp (id, first) < 0)
        first = id;
    }
  return first;
}

/* Unless a script was asked for, the one last used with the person
 * chosen comes first chosen; for someone new, the default.
 */
static void
preselect_script (MbNewConversationDialog *self)
{
  const char *id = NULL;

  if (self->preset_script)
    return;
  if (!someone_new (self))
    id = mb_journal_get_last_script_id (self->journal,
                                        g_ptr_array_index (self->people, adw_combo_row_get_selected (self->person_row)));
  choose_script (self, id != NULL ? id : default_script_id (self));
}

static void
update_form (MbNewConversationDialog *self)
{
  g_autofree char *name = entered_name (self);
  gboolean new_person = someone_new (self);
  gboolean name_shown = gtk_widget_get_visible (GTK_WIDGET (self->name_row));

  gtk_widget_set_visible (GTK_WIDGET (self->name_row), new_person);
  gtk_widget_set_visible (GTK_WIDGET (self->role_row), new_person);
  /* Someone new chosen: their name is what comes next. */
  if (new_person && !name_shown && gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.start",
                                 (!new_person || *name != '\0') &&
                                 chosen_script (self) < self->scripts->len);
}

/* Who in the list has @name, ignoring case, if anyone. */
static MbPerson *
find_person (MbNewConversationDialog *self,
             const char              *name)
{
  g_autofree char *wanted = g_utf8_casefold (name, -1);

  for (guint i = 0; i < self->people->len; i++)
    {
      MbPerson *person = g_ptr_array_index (self->people, i);
      g_autofree char *stripped = g_strstrip (g_strdup (mb_person_get_name (person)));
      g_autofree char *folded = g_utf8_casefold (stripped, -1);

      if (g_str_equal (folded, wanted))
        return person;
    }

  return NULL;
}

/* Typing on the choice of person, as the cursor starts there when the
 * list has people: the letters are a name. It goes into the name field
 * of someone new; a name already in the list is that person on Start.
 */
static gboolean
person_key_pressed_cb (GtkEventControllerKey   *controller,
                       guint                    keyval,
                       guint                    keycode,
                       GdkModifierType          state,
                       MbNewConversationDialog *self)
{
  gunichar c = gdk_keyval_to_unicode (keyval);
  char text[7] = { 0 };
  int position = 0;

  if (c == 0 || c == ' ' || !g_unichar_isprint (c) ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0)
    return FALSE;

  adw_combo_row_set_selected (self->person_row, self->people->len);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  g_unichar_to_utf8 (c, text);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), "");
  gtk_editable_insert_text (GTK_EDITABLE (self->name_row), text, -1, &position);
  gtk_editable_set_position (GTK_EDITABLE (self->name_row), -1);
  return TRUE;
}

static void
person_changed_cb (MbNewConversationDialog *self)
{
  if (self->people != NULL && self->script_checks != NULL)
    preselect_script (self);
  update_form (self);
}

static gboolean
minute_output_cb (GtkSpinButton *button)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (button));

  gtk_editable_set_text (GTK_EDITABLE (button), text);
  return TRUE;
}

static GDateTime *
planned_time (MbNewConversationDialog *self)
{
  g_autoptr(GDateTime) day = NULL;

  if (!adw_expander_row_get_enable_expansion (self->when_row))
    return NULL;

  day = gtk_calendar_get_date (self->calendar);
  return g_date_time_new_local (g_date_time_get_year (day),
                                g_date_time_get_month (day),
                                g_date_time_get_day_of_month (day),
                                gtk_spin_button_get_value_as_int (self->hour_button),
                                gtk_spin_button_get_value_as_int (self->minute_button),
                                0);
}

/**
 * mb_new_conversation_dialog_start:
 *
 * Adds the person if they are new and the conversation, in its Prepare
 * phase, to the journal; emits ::conversation-started and closes.
 *
 * Returns: (transfer none) (nullable): the conversation, or %NULL when
 *   the form is not complete
 */
MbConversation *
mb_new_conversation_dialog_start (MbNewConversationDialog *self)
{
  g_autofree char *name = entered_name (self);
  g_autoptr(GDateTime) when = planned_time (self);
  g_autoptr(MbConversation) conversation = NULL;
  guint script_index = chosen_script (self);
  MbPerson *person;

  g_return_val_if_fail (MB_IS_NEW_CONVERSATION_DIALOG (self), NULL);

  if ((someone_new (self) && *name == '\0') || script_index >= self->scripts->len)
    return NULL;

  if (!someone_new (self))
    person = g_ptr_array_index (self->people, adw_combo_row_get_selected (self->person_row));
  /* Typed blind, the name may be of someone already in the list. */
  else if ((person = find_person (self, name)) == NULL)
    person = mb_journal_add_person (self->journal, name,
                                    gtk_editable_get_text (GTK_EDITABLE (self->role_row)));

  conversation = mb_conversation_new (mb_person_get_id (person),
                                      g_ptr_array_index (self->scripts, script_index),
                                      when);
  if (self->promise != NULL)
    {
      mb_promise_talk_put (conversation, self->promise, NULL);
      mb_conversation_set_about (conversation, self->promise);
    }
  mb_journal_add_conversation (self->journal, conversation);
  g_signal_emit (self, signals[CONVERSATION_STARTED], 0, conversation);
  gtk_window_destroy (GTK_WINDOW (self));
  return conversation;
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  mb_new_conversation_dialog_start (MB_NEW_CONVERSATION_DIALOG (widget));
}

static gboolean
close_shortcut (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  gtk_window_close (GTK_WINDOW (widget));
  return TRUE;
}

static void
fill_people (MbNewConversationDialog *self)
{
  GListModel *people = mb_journal_get_people (self->journal);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (people); i++)
    {
      MbPerson *person = g_list_model_get_item (people, i);
      g_autofree char *name = mb_display_name (mb_person_get_name (person));

      g_ptr_array_add (self->people, person);
      gtk_string_list_append (names, name);
    }
  gtk_string_list_append (names, _("Someone New"));
  adw_combo_row_set_model (self->person_row, G_LIST_MODEL (names));
}

static void
fill_scripts (MbNewConversationDialog *self,
              MbScriptLibrary         *library,
              const char              *script_id)
{
  GtkCheckButton *group = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (library)); i++)
    {
      MbScript *script = g_list_model_get_item (G_LIST_MODEL (library), i);
      GtkWidget *row = mb_script_choice_row_new (script);
      GtkCheckButton *check = mb_script_choice_row_get_check (MB_SCRIPT_CHOICE_ROW (row));

      if (script_id != NULL && g_str_equal (mb_script_get_id (script), script_id))
        self->preset_script = TRUE;
      g_ptr_array_add (self->scripts, script);
      g_ptr_array_add (self->script_checks, check);

      gtk_check_button_set_group (check, group);
      group = check;
      g_signal_connect_object (check, "toggled", G_CALLBACK (update_form), self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->script_group, row);
    }

  if (self->preset_script)
    choose_script (self, script_id);
  else
    preselect_script (self);
}

/* The cursor starts where the typing starts: the name of someone new;
 * else the choice of person; with the person chosen already, Start.
 */
static void
focus_first (MbNewConversationDialog *self)
{
  GtkWidget *first;

  if (someone_new (self))
    first = GTK_WIDGET (self->name_row);
  else if (self->preset_person)
    first = GTK_WIDGET (self->start_button);
  else
    first = GTK_WIDGET (self->person_row);
  gtk_window_set_focus (GTK_WINDOW (self), first);
}

static void
mb_new_conversation_dialog_dispose (GObject *object)
{
  MbNewConversationDialog *self = MB_NEW_CONVERSATION_DIALOG (object);

  g_clear_object (&self->journal);
  g_clear_object (&self->promise);
  g_clear_pointer (&self->people, g_ptr_array_unref);
  g_clear_pointer (&self->scripts, g_ptr_array_unref);
  g_clear_pointer (&self->script_checks, g_ptr_array_unref);

  G_OBJECT_CLASS (mb_new_conversation_dialog_parent_class)->dispose (object);
}

static void
mb_new_conversation_dialog_class_init (MbNewConversationDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mb_new_conversation_dialog_dispose;

  /**
   * MbNewConversationDialog::conversation-started:
   * @conversation: the new conversation, already in the journal
   */
  signals[CONVERSATION_STARTED] =
    g_signal_new ("conversation-started",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, MB_TYPE_CONVERSATION);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/mb-new-conversation-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MbNewConversationDialog, calendar);
  gtk_widget_class_bind_template_child (widget_class, MbNewConversationDialog, hour_button);
  gtk_widget_class_bind_template_child (widget_class, MbNewConversationDialog, minute_button);
  gtk_widget_class_bind_template_child (widget_class, MbNewConversationDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, MbNewConversationDialog, person_row);
  gtk_widget_class_bind_template_child (widget_class, MbNewConversationDialog, promise_group);
  gtk_widget_class_bind_template_child (widget_class, MbNewConversationDialog, promise_row);
  gtk_widget_class_bind_template_child (widget_class, MbNewConversationDialog, role_row);
  gtk_widget_class_bind_template_child (widget_class, MbNewConversationDialog, script_group);
  gtk_widget_class_bind_template_child (widget_class, MbNewConversationDialog, start_button);
  gtk_widget_class_bind_template_child (widget_class, MbNewConversationDialog, when_row);
  gtk_widget_class_bind_template_callback (widget_class, person_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, update_form);

  gtk_widget_class_install_action (widget_class, "dialog.start", NULL, start_action);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, close_shortcut, NULL);
}

static void
mb_new_conversation_dialog_init (MbNewConversationDialog *self)
{
  GtkEventController *keys;

  self->people = g_ptr_array_new_with_free_func (g_object_unref);
  self->scripts = g_ptr_array_new_with_free_func (g_object_unref);
  self->script_checks = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self->minute_button, "output", G_CALLBACK (minute_output_cb), NULL);
  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (person_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->person_row), keys);
  /* Enter in the name starts the conversation, once it can start. */
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->start_button));
  mb_limit_entry (GTK_EDITABLE (self->name_row), MB_TEXT_MAX_NAME_CHARS);
  mb_limit_entry (GTK_EDITABLE (self->role_row), MB_TEXT_MAX_NAME_CHARS);
}

/* Beside a narrow window (a phone, half a screen) the dialog starts no
 * wider than the window.
 */
static void
fit_to (MbNewConversationDialog *self,
        GtkWindow               *parent)
{
  int width, height;

  if (parent == NULL || gtk_widget_get_width (GTK_WIDGET (parent)) <= 0)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               MIN (width, gtk_widget_get_width (GTK_WIDGET (parent))), height);
}

/**
 * mb_new_conversation_dialog_new:
 * @script_id: (nullable): the script to offer first
 */
MbNewConversationDialog *
mb_new_conversation_dialog_new (GtkWindow       *parent,
                                MbJournal       *journal,
                                MbScriptLibrary *library,
                                const char      *script_id)
{
  MbNewConversationDialog *self;

  g_return_val_if_fail (MB_IS_JOURNAL (journal), NULL);
  g_return_val_if_fail (MB_IS_SCRIPT_LIBRARY (library), NULL);

  self = g_object_new (MB_TYPE_NEW_CONVERSATION_DIALOG, "transient-for", parent, NULL);
  fit_to (self, parent);
  self->journal = g_object_ref (journal);
  fill_people (self);
  /* With nobody in the journal yet, there is only someone new. */
  gtk_widget_set_visible (GTK_WIDGET (self->person_row), self->people->len > 0);
  if (self->people->len > 0)
    adw_combo_row_set_selected (self->person_row, 0);
  fill_scripts (self, library, script_id);
  update_form (self);
  focus_first (self);
  return self;
}

/**
 * mb_new_conversation_dialog_set_person:
 *
 * Offers the conversation with @person first.
 */
void
mb_new_conversation_dialog_set_person (MbNewConversationDialog *self,
                                       MbPerson                *person)
{
  guint index;

  g_return_if_fail (MB_IS_NEW_CONVERSATION_DIALOG (self));

  self->preset_person = TRUE;
  if (g_ptr_array_find (self->people, person, &index))
    adw_combo_row_set_selected (self->person_row, index);
  focus_first (self);
}

/* Only the scripts with the ids in @ids are shown, if any of them is
 * there.
 */
static void
offer_only (MbNewConversationDialog *self,
            const char * const      *ids)
{
  gboolean any = FALSE;

  for (guint i = 0; i < self->scripts->len; i++)
    any |= g_strv_contains (ids, mb_script_get_id (g_ptr_array_index (self->scripts, i)));
  if (!any)
    return;

  for (guint i = 0; i < self->scripts->len; i++)
    {
      GtkWidget *row = gtk_widget_get_ancestor (g_ptr_array_index (self->script_checks, i),
                                                MB_TYPE_SCRIPT_CHOICE_ROW);

      gtk_widget_set_visible (row, g_strv_contains (ids, mb_script_get_id (g_ptr_array_index (self->scripts, i))));
    }
}

static void
show_promise (MbNewConversationDialog *self)
{
  g_autofree char *text = mb_text_excerpt (mb_agreement_get_text (self->promise), MB_TEXT_MAX_LINE_CHARS);
  g_autofree char *subtitle = mb_wording_agreement (self->promise, NULL, TRUE);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->promise_row), text);
  adw_action_row_set_subtitle (self->promise_row, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->promise_group), TRUE);
}

/**
 * mb_new_conversation_dialog_set_promise:
 * @person: who @agreement was made with
 * @agreement: a promise of the leader's, not kept or still open
 *
 * Makes the conversation one with @person about @agreement: the scripts
 * for that are offered, the one that fits it best chosen, and the
 * promise goes into the new conversation's preparation.
 */
void
mb_new_conversation_dialog_set_promise (MbNewConversationDialog *self,
                                        MbPerson                *person,
                                        MbAgreement             *agreement)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDate) today = NULL;

  g_return_if_fail (MB_IS_NEW_CONVERSATION_DIALOG (self));
  g_return_if_fail (MB_IS_PERSON (person));
  g_return_if_fail (MB_IS_AGREEMENT (agreement));

  today = g_date_new_dmy (g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                          g_date_time_get_year (now));
  g_set_object (&self->promise, agreement);
  show_promise (self);

  /* The promise was made to them: the conversation is with them. */
  mb_new_conversation_dialog_set_person (self, person);
  gtk_widget_set_sensitive (GTK_WIDGET (self->person_row), FALSE);

  offer_only (self, mb_promise_talk_scripts ());
  self->preset_script = TRUE;
  choose_script (self, mb_promise_talk_script (agreement, today));
  adw_preferences_group_set_description (self->script_group,
                                         _("Owning a mistake fits a promise broken or past its day; "
                                           "renegotiating, one you can still change in time."));
  update_form (self);
}
