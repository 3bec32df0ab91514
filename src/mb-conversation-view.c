/* mb-conversation-view.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One conversation, in its three phases: Prepare (the script's
 * preparation questions and free notes), Talk (one step at a time, with
 * notes, progress and a timer) and Reflect (the reflection questions,
 * the agreements made and the marble jar). Every keystroke goes to the
 * model at once; the journal saves it shortly after, off the main
 * thread, and the header says whether it has.
 *
 * The Talk phase is in mb-conversation-view-talk.c, Reflect is an
 * MbReflectPage.
 */

#define G_LOG_DOMAIN "mb-conversation-view"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-agreement-dialog.h"
#include "mb-brief-card.h"
#include "mb-conversation-view-private.h"
#include "mb-save-bar.h"
#include "mb-text-field.h"
#include "mb-widgets.h"

G_DEFINE_FINAL_TYPE (MbConversationView, mb_conversation_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONVERSATION,
  PROP_FINISHED,
  PROP_JOURNAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const phase_pages[] = { "prepare", "talk", "reflect" };

static MbScript *
get_script (MbConversationView *self)
{
  return mb_conversation_get_script (self->conversation);
}

static MbPhase
phase_of_kind (MbTextKind kind)
{
  switch (kind)
    {
    case MB_TEXT_STEP_NOTES:
    case MB_TEXT_AGREEMENT_DRAFT:
      return MB_PHASE_TALK;
    case MB_TEXT_REFLECTION:
      return MB_PHASE_REFLECT;
    case MB_TEXT_PREPARATION:
    case MB_TEXT_PREPARATION_NOTES:
    default:
      return MB_PHASE_PREPARE;
    }
}

/* Coming back to a phase, the cursor goes back to where it was: the
 * text field of each phase last typed in is remembered.
 */
static void
focus_moved_cb (MbConversationView *self,
                GParamSpec         *pspec,
                GtkWindow          *window)
{
  GtkWidget *focus = gtk_window_get_focus (window);
  GtkWidget *field;

  if (!GTK_IS_TEXT_VIEW (focus) || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    return;

  field = gtk_widget_get_ancestor (focus, MB_TYPE_TEXT_FIELD);
  if (field != NULL)
    self->last_fields[phase_of_kind (mb_text_field_get_kind (MB_TEXT_FIELD (field)))] = focus;
}

static void
mb_conversation_view_root (GtkWidget *widget)
{
  GtkRoot *root;

  GTK_WIDGET_CLASS (mb_conversation_view_parent_class)->root (widget);

  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    g_signal_connect_object (root, "notify::focus-widget", G_CALLBACK (focus_moved_cb),
                             widget, G_CONNECT_SWAPPED);
}

static void
mb_conversation_view_unroot (GtkWidget *widget)
{
  g_signal_handlers_disconnect_by_func (gtk_widget_get_root (widget), focus_moved_cb, widget);

  GTK_WIDGET_CLASS (mb_conversation_view_parent_class)->unroot (widget);
}

static void
remember_first_field (MbConversationView *self,
                      MbPhase             phase,
                      GtkWidget          *field)
{
  if (self->first_fields[phase] == NULL)
    self->first_fields[phase] = field;
}

static void
build_prepare (MbConversationView *self,
               MbBrief            *brief)
{
  MbScript *script = get_script (self);
  GPtrArray *questions = mb_script_get_preparation (script);
  GtkWidget *notes;

  /* What earlier conversations with this person left: nothing to retype. */
  if (brief->previous != NULL)
    gtk_box_insert_child_after (self->prepare_box, mb_brief_card_new (brief),
                                GTK_WIDGET (self->prepare_person));

  gtk_label_set_label (self->script_title, mb_localized_get (mb_script_get_title (script)));
  gtk_label_set_label (self->script_summary, mb_localized_get (mb_script_get_summary (script)));
  for (guint i = 0; i < questions->len; i++)
    {
      GtkWidget *field = mb_add_question (self->preparation_section, self->conversation, MB_TEXT_PREPARATION,
                                          g_ptr_array_index (questions, i));

      remember_first_field (self, MB_PHASE_PREPARE, field);
    }

  notes = mb_text_field_new (self->conversation, MB_TEXT_PREPARATION_NOTES, NULL, _("Notes"), 180);
  gtk_box_append (GTK_BOX (self->notes_section), notes);
  remember_first_field (self, MB_PHASE_PREPARE, GTK_WIDGET (mb_text_field_get_view (MB_TEXT_FIELD (notes))));
}

/* The phase on screen: the conversation's, unless another device
 * changed that (see phase_changed_cb()).
 */
static MbPhase
shown_phase (MbConversationView *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  for (guint i = 0; i < G_N_ELEMENTS (phase_pages); i++)
    {
      if (g_strcmp0 (name, phase_pages[i]) == 0)
        return i;
    }
  return mb_conversation_get_phase (self->conversation);
}

/* The field the next keystroke belongs in: in Talk the notes of the
 * step; elsewhere the field last typed in, or the first one.
 */
static GtkWidget *
current_field (MbConversationView *self)
{
  MbPhase phase;

  if (self->conversation == NULL)
    return NULL;

  phase = shown_phase (self);
  if (phase != MB_PHASE_TALK && self->last_fields[phase] != NULL)
    return self->last_fields[phase];
  return self->first_fields[phase];
}

/* A step back: in Talk from its second step on; in Prepare and Reflect
 * from any question (see previous_step_action()).
 */
void
_mb_conversation_view_update_previous_step (MbConversationView *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conversation.previous-step",
                                 shown_phase (self) != MB_PHASE_TALK || self->step_shown > 0);
}

/* Puts the cursor there, when the conversation is on screen. */
void
_mb_conversation_view_focus_current_field (MbConversationView *self)
{
  GtkWidget *field = current_field (self);

  if (field != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_grab_focus (field);
}

/* A save that takes more than a moment is said, one that fails loudly;
 * the quick ones, after every pause in the typing, are not.
 */
#define SHOW_SAVING_AFTER_MS 1500

static void
show_saving (MbConversationView *self,
             gboolean            failed)
{
  const char *text = failed ? _("Not Saved") : _("Saving…");

  gtk_label_set_label (self->save_state, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->save_state),
                               failed ? _("This conversation could not be saved") : NULL);
  gtk_widget_set_css_classes (GTK_WIDGET (self->save_state),
                              failed ? (const char *[]) { "caption", "error", NULL }
                                     : (const char *[]) { "caption", "dim-label", NULL });
  gtk_widget_set_visible (GTK_WIDGET (self->save_state), TRUE);
}

static gboolean
saving_long_cb (gpointer user_data)
{
  MbConversationView *self = user_data;

  self->saving_source = 0;
  show_saving (self, FALSE);
  return G_SOURCE_REMOVE;
}

static void
update_save_state (MbConversationView *self)
{
  MbSaveState state = mb_journal_get_save_state (self->journal, G_OBJECT (self->conversation));
  const char *error = mb_journal_get_save_error (self->journal, G_OBJECT (self->conversation));
  g_autofree char *message = NULL;

  if (state == MB_SAVE_STATE_FAILED || error != NULL)
    {
      g_clear_handle_id (&self->saving_source, g_source_remove);
      show_saving (self, TRUE);
    }
  else if (state == MB_SAVE_STATE_SAVING)
    {
      if (self->saving_source == 0 && !gtk_widget_get_visible (GTK_WIDGET (self->save_state)))
        self->saving_source = g_timeout_add (SHOW_SAVING_AFTER_MS, saving_long_cb, self);
    }
  else
    {
      /* Saved, or written and changed again since: nothing to say. */
      g_clear_handle_id (&self->saving_source, g_source_remove);
      gtk_widget_set_visible (GTK_WIDGET (self->save_state), FALSE);
    }

  /* Kept while the save is tried again, until one gets through. */
  if (error != NULL)
    {
      /* Translators: %s says why, e.g. “No space left on device” */
      message = g_strdup_printf (_("Could not save this conversation: %s. Your text is kept here, "
                                   "and Marbles keeps trying."), error);
      gtk_label_set_label (self->error_label, message);
    }
  gtk_revealer_set_reveal_child (self->error_revealer, error != NULL);
}

static void
save_state_changed_cb (MbConversationView *self,
                       GObject            *object)
{
  if (object == G_OBJECT (self->conversation))
    update_save_state (self);
}

static void
phase_shown_cb (MbConversationView *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  if (self->conversation == NULL || name == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (phase_pages); i++)
    {
      if (g_str_equal (name, phase_pages[i]) && mb_conversation_get_phase (self->conversation) != i)
        {
          mb_conversation_set_phase (self->conversation, i);
          mb_journal_save_now (self->journal, G_OBJECT (self->conversation));
        }
    }

  _mb_conversation_view_update_previous_step (self);
  /* However the phase was chosen (a tab, a key, a button), typing goes on
   * in it.
   */
  _mb_conversation_view_focus_current_field (self);
}

/* The phase or the step changed here: the view goes there. When another
 * device changed them, the view stays where the leader is, and so does
 * the cursor: the keys typed next go where the ones before went.
 */
static void
phase_changed_cb (MbConversationView *self)
{
  if (mb_conversation_is_updating (self->conversation))
    return;

  adw_view_stack_set_visible_child_name (self->view_stack,
                                         phase_pages[mb_conversation_get_phase (self->conversation)]);
}

static void
step_changed_cb (MbConversationView *self)
{
  if (mb_conversation_is_updating (self->conversation))
    return;

  _mb_conversation_view_show_step (self, mb_conversation_get_step (self->conversation));
  mb_journal_save_now (self->journal, G_OBJECT (self->conversation));
  if (shown_phase (self) == MB_PHASE_TALK)
    _mb_conversation_view_focus_current_field (self);
}

/* Goes to @step of the talk. The conversation may be there already
 * while the view is not, when another device went there.
 */
void
_mb_conversation_view_go_to_step (MbConversationView *self,
                                  guint               step)
{
  if (mb_conversation_get_step (self->conversation) != step)
    {
      mb_conversation_set_step (self->conversation, step);
    }
  else if (self->step_shown != step)
    {
      _mb_conversation_view_show_step (self, step);
      if (shown_phase (self) == MB_PHASE_TALK)
        _mb_conversation_view_focus_current_field (self);
    }
}

/* A menu closed, with a choice or without: the keys go back to the
 * text, never to the menu's button, where a space would open it again.
 */
static void
menu_closed_cb (MbConversationView *self)
{
  _mb_conversation_view_focus_current_field (self);
}

/* A dialog over the talk closed: the leader goes on with the notes. */
void
_mb_conversation_view_dialog_closed (MbConversationView *self)
{
  if (self->conversation != NULL && shown_phase (self) == MB_PHASE_TALK)
    _mb_conversation_view_focus_current_field (self);
}

static void
show_phase_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MbConversationView *self = MB_CONVERSATION_VIEW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, g_variant_get_string (parameter, NULL));
}

/* The text fields of @phase in @widget, top to bottom. */
static void
collect_fields (GtkWidget *widget,
                MbPhase    phase,
                GPtrArray *fields)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child))
        continue;

      if (MB_IS_TEXT_FIELD (child))
        {
          if (phase_of_kind (mb_text_field_get_kind (MB_TEXT_FIELD (child))) == phase)
            g_ptr_array_add (fields, mb_text_field_get_view (MB_TEXT_FIELD (child)));
        }
      else
        collect_fields (child, phase, fields);
    }
}

/* In Prepare and Reflect a step is a question: the cursor goes @by
 * fields on from the one it is in (or was in last). Returns whether
 * there was one there.
 */
static gboolean
move_through_fields (MbConversationView *self,
                     int                 by)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  guint at;
  int to;

  collect_fields (adw_view_stack_get_visible_child (self->view_stack), shown_phase (self), fields);
  if (!g_ptr_array_find (fields, focus, &at) && !g_ptr_array_find (fields, current_field (self), &at))
    at = 0;
  to = (int) at + by;
  if (to < 0 || to >= (int) fields->len)
    return FALSE;

  gtk_widget_grab_focus (g_ptr_array_index (fields, to));
  return TRUE;
}

/* The next step of the phase on screen: of the talk, then the
 * reflection; of the preparation's questions, then the talk; of the
 * reflection's questions.
 */
static void
next_step_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MbConversationView *self = MB_CONVERSATION_VIEW (widget);
  guint step = self->step_shown;

  switch (shown_phase (self))
    {
    case MB_PHASE_PREPARE:
      if (!move_through_fields (self, 1))
        adw_view_stack_set_visible_child_name (self->view_stack, "talk");
      break;

    case MB_PHASE_TALK:
      if (step + 1 < mb_script_get_steps (get_script (self))->len)
        _mb_conversation_view_go_to_step (self, step + 1);
      else
        adw_view_stack_set_visible_child_name (self->view_stack, "reflect");
      break;

    case MB_PHASE_REFLECT:
    default:
      if (!move_through_fields (self, 1))
        gtk_widget_error_bell (widget);
    }
}

static void
previous_step_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MbConversationView *self = MB_CONVERSATION_VIEW (widget);
  guint step = self->step_shown;

  if (shown_phase (self) != MB_PHASE_TALK)
    {
      if (!move_through_fields (self, -1))
        gtk_widget_error_bell (widget);
    }
  else if (step > 0)
    {
      _mb_conversation_view_go_to_step (self, step - 1);
    }
}

static void
toggle_timer_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  MbConversationView *self = MB_CONVERSATION_VIEW (widget);

  /* It counts the talk: not the preparation, nor the reflection. */
  if (shown_phase (self) != MB_PHASE_TALK)
    {
      gtk_widget_error_bell (widget);
      return;
    }

  /* Started or paused by hand, it stays so while the leader types. */
  self->timer_armed = FALSE;
  mb_conversation_set_timer_running (self->conversation,
                                     !mb_conversation_get_timer_running (self->conversation));
}

static void
add_agreement_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MbConversationView *self = MB_CONVERSATION_VIEW (widget);
  AdwMessageDialog *dialog = mb_agreement_dialog_present (widget, self->conversation);

  g_signal_connect_object (dialog, "destroy", G_CALLBACK (_mb_conversation_view_dialog_closed),
                           self, G_CONNECT_SWAPPED);
}

/* A marble in or out, for what built or cost trust, from the reason's
 * draft (see mb_draft_entry_bind()).
 */
static void
add_marble (MbConversationView *self,
            const char         *response,
            gboolean            in)
{
  if (g_strcmp0 (response, "add") == 0 && self->conversation != NULL)
    mb_conversation_add_marble_from_draft (self->conversation, in);
}

static void
marble_in_response_cb (AdwMessageDialog   *dialog,
                       const char         *response,
                       MbConversationView *self)
{
  add_marble (self, response, TRUE);
}

static void
marble_out_response_cb (AdwMessageDialog   *dialog,
                        const char         *response,
                        MbConversationView *self)
{
  add_marble (self, response, FALSE);
}

static void
add_marble_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MbConversationView *self = MB_CONVERSATION_VIEW (widget);
  gboolean in = g_variant_get_boolean (parameter);
  GtkWidget *entry = gtk_entry_new ();
  AdwMessageDialog *dialog;

  dialog = mb_question_new (widget, in ? _("A Marble In") : _("A Marble Out"),
                            in ? _("What built trust?") : _("What cost trust?"),
                            "add", _("_Add"), ADW_RESPONSE_SUGGESTED);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  mb_limit_entry (GTK_EDITABLE (entry), MB_TEXT_MAX_LINE_CHARS);
  mb_draft_entry_bind (dialog, GTK_EDITABLE (entry), self->conversation, MB_TEXT_MARBLE_DRAFT, in ? "in" : "out");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), in ? _("For example: kept the promise to call back")
                                                        : _("For example: cancelled our meeting again"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  in ? _("What built trust?") : _("What cost trust?"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  mb_require_text (dialog, "add", GTK_EDITABLE (entry));
  g_signal_connect_object (dialog, "response",
                           in ? G_CALLBACK (marble_in_response_cb) : G_CALLBACK (marble_out_response_cb),
                           self, 0);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (_mb_conversation_view_dialog_closed),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
finish_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MbConversationView *self = MB_CONVERSATION_VIEW (widget);

  mb_conversation_set_finished (self->conversation, TRUE);
  mb_journal_save_now (self->journal, G_OBJECT (self->conversation));
  gtk_widget_activate_action (widget, "conversations.show-list", NULL);
}

static void
finished_changed_cb (MbConversationView *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conversation.finish",
                                 !mb_conversation_get_finished (self->conversation));
  /* The talk of a finished conversation is over: its time stays. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conversation.toggle-timer",
                                 !mb_conversation_get_finished (self->conversation));
  if (mb_conversation_get_finished (self->conversation))
    self->timer_armed = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINISHED]);
}

/* Who the conversation is with: in the title, and on top of each phase. */
static void
show_person (MbConversationView *self)
{
  MbPerson *person = mb_journal_lookup_person (self->journal, mb_conversation_get_person_id (self->conversation));

  if (person != NULL)
    {
      self->person = g_object_ref (person);
      g_object_bind_property_full (person, "name", self->switcher_title, "title", G_BINDING_SYNC_CREATE,
                                   mb_display_name_transform, NULL, NULL, NULL);
    }
  else
    {
      adw_view_switcher_title_set_title (self->switcher_title, _("Someone not in your list"));
    }
  adw_view_switcher_title_set_subtitle (self->switcher_title,
                                        mb_localized_get (mb_script_get_title (get_script (self))));
  mb_person_link_set_person (self->prepare_person, self->person);
  mb_person_link_set_person (self->talk_person, self->person);
  mb_reflect_page_set_person (self->reflect_box, self->person);
}

static void
mb_conversation_view_constructed (GObject *object)
{
  MbConversationView *self = MB_CONVERSATION_VIEW (object);
  g_autoptr(MbBrief) brief = NULL;

  G_OBJECT_CLASS (mb_conversation_view_parent_class)->constructed (object);

  g_assert (MB_IS_JOURNAL (self->journal));
  g_assert (MB_IS_CONVERSATION (self->conversation));

  show_person (self);
  brief = mb_journal_get_brief (self->journal, self->conversation);
  build_prepare (self, brief);
  _mb_conversation_view_build_talk (self, brief);
  mb_reflect_page_set_conversation (self->reflect_box, self->conversation);
  self->first_fields[MB_PHASE_REFLECT] = mb_reflect_page_get_first_field (self->reflect_box);

  phase_changed_cb (self);
  finished_changed_cb (self);
  update_save_state (self);

  g_signal_connect_object (self->conversation, "notify::phase",
                           G_CALLBACK (phase_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->conversation, "notify::step",
                           G_CALLBACK (step_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->conversation, "notify::timer-running",
                           G_CALLBACK (_mb_conversation_view_timer_running_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->conversation, "notify::finished",
                           G_CALLBACK (finished_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->journal, "save-state-changed",
                           G_CALLBACK (save_state_changed_cb), self, G_CONNECT_SWAPPED);
  /* A new person of this conversation is only kept once people.json is. */
  gtk_widget_insert_after (mb_people_save_bar_new (self->journal),
                           gtk_widget_get_parent (GTK_WIDGET (self->error_revealer)),
                           GTK_WIDGET (self->error_revealer));
}

static void
mb_conversation_view_dispose (GObject *object)
{
  MbConversationView *self = MB_CONVERSATION_VIEW (object);

  g_clear_handle_id (&self->timer_source, g_source_remove);
  g_clear_handle_id (&self->saving_source, g_source_remove);
  g_clear_pointer (&self->previous_agreements, g_ptr_array_unref);
  g_clear_pointer (&self->due, g_date_free);
  g_clear_object (&self->conversation);
  g_clear_object (&self->journal);
  g_clear_object (&self->person);

  G_OBJECT_CLASS (mb_conversation_view_parent_class)->dispose (object);
}

static void
mb_conversation_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  MbConversationView *self = MB_CONVERSATION_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONVERSATION:
      g_value_set_object (value, self->conversation);
      break;

    case PROP_FINISHED:
      g_value_set_boolean (value, self->conversation != NULL &&
                                  mb_conversation_get_finished (self->conversation));
      break;

    case PROP_JOURNAL:
      g_value_set_object (value, self->journal);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_conversation_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  MbConversationView *self = MB_CONVERSATION_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONVERSATION:
      self->conversation = g_value_dup_object (value);
      break;

    case PROP_FINISHED:
      mb_conversation_set_finished (self->conversation, g_value_get_boolean (value));
      break;

    case PROP_JOURNAL:
      self->journal = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_conversation_view_class_init (MbConversationViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mb_conversation_view_constructed;
  object_class->dispose = mb_conversation_view_dispose;
  object_class->get_property = mb_conversation_view_get_property;
  object_class->set_property = mb_conversation_view_set_property;
  widget_class->root = mb_conversation_view_root;
  widget_class->unroot = mb_conversation_view_unroot;

  properties[PROP_CONVERSATION] =
    g_param_spec_object ("conversation", NULL, NULL,
                         MB_TYPE_CONVERSATION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_FINISHED] =
    g_param_spec_boolean ("finished", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_JOURNAL] =
    g_param_spec_object ("journal", NULL, NULL,
                         MB_TYPE_JOURNAL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/mb-conversation-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, error_label);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, menu_button);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, notes_section);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, prepare_box);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, prepare_person);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, preparation_section);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, reflect_box);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, save_state);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, script_summary);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, script_title);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, view_stack);
  gtk_widget_class_bind_template_callback (widget_class, phase_shown_cb);
  _mb_conversation_view_class_init_talk (widget_class);

  gtk_widget_class_install_action (widget_class, "conversation.show-phase", "s", show_phase_action);
  gtk_widget_class_install_action (widget_class, "conversation.next-step", NULL, next_step_action);
  gtk_widget_class_install_action (widget_class, "conversation.previous-step", NULL, previous_step_action);
  gtk_widget_class_install_action (widget_class, "conversation.toggle-timer", NULL, toggle_timer_action);
  gtk_widget_class_install_action (widget_class, "conversation.add-agreement", NULL, add_agreement_action);
  gtk_widget_class_install_action (widget_class, "conversation.add-marble", "b", add_marble_action);
  gtk_widget_class_install_action (widget_class, "conversation.finish", NULL, finish_action);
  gtk_widget_class_install_property_action (widget_class, "conversation.finished", "finished");

  g_type_ensure (MB_TYPE_PERSON_LINK);
  g_type_ensure (MB_TYPE_REFLECT_PAGE);
}

/* The conversation's keys work wherever the focus is in the window (a
 * sidebar row, a tab just clicked, nothing at all), as long as the
 * conversation is on screen; and while the cursor is in a text field,
 * which has bindings of its own for some of them (Ctrl+PgDn moves by
 * pages there), they are handled before the field sees them.
 */
static void
add_shortcuts (MbConversationView *self)
{
  static const struct {
    const char *trigger;
    const char *action;
    const char *phase;
  } shortcuts[] = {
    { "<Control>Page_Down", "conversation.next-step", NULL },
    { "<Control>Page_Up", "conversation.previous-step", NULL },
    { "<Control>1", "conversation.show-phase", "prepare" },
    { "<Control>2", "conversation.show-phase", "talk" },
    { "<Control>3", "conversation.show-phase", "reflect" },
    { "<Control>t", "conversation.toggle-timer", NULL },
    { "<Control><Shift>a", "conversation.add-agreement", NULL },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), GTK_SHORTCUT_SCOPE_GLOBAL);
  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    {
      GtkShortcut *shortcut = gtk_shortcut_new (gtk_shortcut_trigger_parse_string (shortcuts[i].trigger),
                                                gtk_named_action_new (shortcuts[i].action));

      if (shortcuts[i].phase != NULL)
        gtk_shortcut_set_arguments (shortcut, g_variant_new_string (shortcuts[i].phase));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
    }
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
mb_conversation_view_init (MbConversationView *self)
{
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  _mb_conversation_view_init_talk (self);
  add_shortcuts (self);
  g_signal_connect_object (gtk_menu_button_get_popover (self->menu_button), "closed",
                           G_CALLBACK (menu_closed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_menu_button_get_popover (self->steps_button), "closed",
                           G_CALLBACK (menu_closed_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
mb_conversation_view_new (MbJournal      *journal,
                          MbConversation *conversation)
{
  return g_object_new (MB_TYPE_CONVERSATION_VIEW,
                       "journal", journal,
                       "conversation", conversation,
                       NULL);
}

/**
 * mb_conversation_view_focus_field:
 *
 * Puts the cursor in the field of the phase on screen the leader last
 * typed in, or its first (in Talk, the notes of the step), so the leader
 * can start typing at once.
 */
void
mb_conversation_view_focus_field (MbConversationView *self)
{
  GtkWidget *field;

  g_return_if_fail (MB_IS_CONVERSATION_VIEW (self));

  field = current_field (self);
  if (field != NULL)
    gtk_widget_grab_focus (field);
}

/**
 * mb_conversation_view_get_conversation:
 *
 * Returns: (transfer none): the conversation shown
 */
MbConversation *
mb_conversation_view_get_conversation (MbConversationView *self)
{
  g_return_val_if_fail (MB_IS_CONVERSATION_VIEW (self), NULL);

  return self->conversation;
}
