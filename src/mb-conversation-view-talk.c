/* mb-conversation-view-talk.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Talk phase of the conversation view: one step at a time, with its
 * guide, the notes, the step picker, progress and a timer; and beside
 * the notes (below them when narrow) the agreements made as the talk
 * goes, and last time's open promises to mark kept or not kept.
 */

#define G_LOG_DOMAIN "mb-conversation-view"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-conversation-view-private.h"
#include "mb-script-view.h"
#include "mb-settle-button.h"
#include "mb-step-row.h"
#include "mb-text-field.h"
#include "mb-widgets.h"
#include "mb-wording.h"

/* Beside the notes when there is room for both, below them when not. */
#define TALK_WIDE_FROM 720

/* Who promised, in the order agreement_who shows them. */
static const MbPromisedBy promisers[] = { MB_PROMISED_BY_ME, MB_PROMISED_BY_THEM, MB_PROMISED_BY_BOTH };

static guint
position_of_promiser (MbPromisedBy promised_by)
{
  for (guint i = 0; i < G_N_ELEMENTS (promisers); i++)
    {
      if (promisers[i] == promised_by)
        return i;
    }

  g_return_val_if_reached (0);
}

static MbPromisedBy
promiser_at_position (guint position)
{
  g_return_val_if_fail (position < G_N_ELEMENTS (promisers), MB_PROMISED_BY_ME);

  return promisers[position];
}

/* Fills agreement_who with the choices of promisers[]. */
void
_mb_conversation_view_init_talk (MbConversationView *self)
{
  g_autoptr(GtkStringList) who = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (promisers); i++)
    gtk_string_list_append (who, mb_wording_promiser (promisers[i]));
  gtk_drop_down_set_model (self->agreement_who, G_LIST_MODEL (who));
}

static MbScript *
get_script (MbConversationView *self)
{
  return mb_conversation_get_script (self->conversation);
}

/* The first note after coming to Talk: the talk is on. */
static void
notes_changed_cb (GtkTextBuffer      *buffer,
                  MbConversationView *self)
{
  if (!self->timer_armed)
    return;

  self->timer_armed = FALSE;
  mb_conversation_set_timer_running (self->conversation, TRUE);
}

/* What to ask, say and watch out for in @step, under its title. */
static void
show_step_guide (MbConversationView *self,
                 MbScriptStep       *step)
{
  GtkWidget *child;

  gtk_label_set_label (self->step_title, mb_localized_get (mb_script_step_get_title (step)));
  while ((child = gtk_widget_get_first_child (self->step_guide)) != NULL)
    gtk_box_remove (GTK_BOX (self->step_guide), child);
  mb_script_view_add_step_guide (self->step_guide, step);
}

/* The notes of @step, in sight below the guide however long it is. A
 * stray Tab in them stays there, rather than taking the cursor to a
 * button where the next space changes the step; Ctrl+Tab leaves them, as
 * in every text field that takes Tab.
 */
static void
show_step_notes (MbConversationView *self,
                 MbScriptStep       *step)
{
  g_autofree char *heading = NULL;
  GtkTextView *view;

  /* Translators: above the notes of a step of the talk: “Notes · Listen” */
  heading = g_strdup_printf (_("Notes · %s"), mb_localized_get (mb_script_step_get_title (step)));
  gtk_label_set_label (self->notes_heading, heading);

  if (self->notes_field != NULL)
    gtk_box_remove (self->notes_box, self->notes_field);
  self->notes_field = mb_text_field_new (self->conversation, MB_TEXT_STEP_NOTES,
                                         mb_script_step_get_id (step), _("Notes"), -140);
  gtk_box_append (self->notes_box, self->notes_field);

  view = mb_text_field_get_view (MB_TEXT_FIELD (self->notes_field));
  gtk_text_view_set_accepts_tab (view, TRUE);
  g_signal_connect_object (gtk_text_view_get_buffer (view), "changed", G_CALLBACK (notes_changed_cb),
                           self, G_CONNECT_AFTER);
  self->first_fields[MB_PHASE_TALK] = GTK_WIDGET (view);
}

/* Shows @step of the talk. */
void
_mb_conversation_view_show_step (MbConversationView *self,
                                 guint               step)
{
  GPtrArray *steps = mb_script_get_steps (get_script (self));
  MbScriptStep *current = g_ptr_array_index (steps, step);
  g_autofree char *count = g_strdup_printf (_("Step %u of %u"), step + 1, steps->len);
  gboolean last = step + 1 == steps->len;

  self->step_shown = step;
  gtk_menu_button_set_label (self->steps_button, count);
  gtk_progress_bar_set_fraction (self->progress_bar, (double) (step + 1) / steps->len);
  show_step_guide (self, current);
  show_step_notes (self, current);

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->talk_scroller), 0);
  gtk_button_set_label (self->next_button, last ? _("_Reflect") : _("_Next Step"));
  _mb_conversation_view_update_previous_step (self);
}

static void
update_timer (MbConversationView *self)
{
  gint64 seconds = mb_conversation_get_talk_seconds (self->conversation);
  guint planned = mb_script_get_duration_minutes (get_script (self));
  gboolean running = mb_conversation_get_timer_running (self->conversation);
  g_autofree char *elapsed = g_strdup_printf ("%" G_GINT64_FORMAT ":%02d", seconds / 60, (int) (seconds % 60));
  g_autofree char *text = NULL;

  /* Translators: the talk timer: “12:34 of 45 min” */
  text = planned > 0 ? g_strdup_printf (_("%s of %u min"), elapsed, planned) : g_strdup (elapsed);
  gtk_label_set_label (self->timer_label, text);
  gtk_widget_set_css_classes (GTK_WIDGET (self->timer_label),
                              planned > 0 && seconds > planned * 60
                              ? (const char *[]) { "numeric", "warning", NULL }
                              : (const char *[]) { "numeric", NULL });

  gtk_button_set_icon_name (self->timer_button,
                            running ? "media-playback-pause-symbolic" : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->timer_button),
                               running ? _("Pause the Timer") : _("Start the Timer"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->timer_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  running ? _("Pause the Timer") : _("Start the Timer"), -1);
}

static gboolean
timer_tick_cb (gpointer user_data)
{
  update_timer (user_data);
  return G_SOURCE_CONTINUE;
}

void
_mb_conversation_view_timer_running_changed (MbConversationView *self)
{
  g_clear_handle_id (&self->timer_source, g_source_remove);
  if (mb_conversation_get_timer_running (self->conversation))
    self->timer_source = g_timeout_add_seconds (1, timer_tick_cb, self);
  update_timer (self);
}

/* The talk on screen: the next note starts the timer. */
static void
talk_shown_cb (MbConversationView *self)
{
  self->timer_armed = self->conversation != NULL && !mb_conversation_get_finished (self->conversation);
}

/* The talk out of sight in a window still open (another phase, another
 * section, back to the list): the timer pauses.
 */
static void
talk_hidden_cb (MbConversationView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  self->timer_armed = FALSE;
  if (self->conversation != NULL && root != NULL && gtk_widget_get_mapped (GTK_WIDGET (root)))
    mb_conversation_set_timer_running (self->conversation, FALSE);
}

/* The step picker says where the talk is, and where notes were taken. */
static void
update_step_marks (MbConversationView *self)
{
  GPtrArray *steps = mb_script_get_steps (get_script (self));
  guint step = self->step_shown;

  for (guint i = 0; i < steps->len; i++)
    {
      MbStepRow *row = MB_STEP_ROW (gtk_list_box_get_row_at_index (self->steps_list, i));
      const char *id = mb_script_step_get_id (g_ptr_array_index (steps, i));
      const char *notes = mb_conversation_get_text (self->conversation, MB_TEXT_STEP_NOTES, id);

      mb_step_row_set_has_notes (row, *notes != '\0');
      mb_step_row_set_current (row, i == step);
    }
}

static void
step_row_activated_cb (MbConversationView *self,
                       GtkListBoxRow      *row)
{
  gtk_menu_button_popdown (self->steps_button);
  _mb_conversation_view_go_to_step (self, gtk_list_box_row_get_index (row));
}

static void
build_steps (MbConversationView *self)
{
  GPtrArray *steps = mb_script_get_steps (get_script (self));

  for (guint i = 0; i < steps->len; i++)
    {
      MbScriptStep *step = g_ptr_array_index (steps, i);
      g_autofree char *title = g_strdup_printf ("%u. %s", i + 1,
                                                mb_localized_get (mb_script_step_get_title (step)));

      gtk_list_box_append (self->steps_list, mb_step_row_new (title));
    }
  g_signal_connect_object (gtk_menu_button_get_popover (self->steps_button), "show",
                           G_CALLBACK (update_step_marks), self, G_CONNECT_SWAPPED);
  update_step_marks (self);
}

/* The agreements panel */

static void
set_talk_wide (MbConversationView *self,
               gboolean            wide)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->talk_split),
                                  wide ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL);
  adw_clamp_set_maximum_size (self->agreements_clamp, wide ? 340 : 1000);
  /* Beside the notes, last time's open promises are in sight as well;
   * below them, the list stays short and may shrink away, so that the
   * notes keep their room in a small window.
   */
  gtk_scrolled_window_set_min_content_height (self->agreements_scroller, -1);
  gtk_scrolled_window_set_max_content_height (self->agreements_scroller, wide ? 260 : 110);
  if (wide)
    gtk_scrolled_window_set_min_content_height (self->agreements_scroller, 170);
}

static void
mb_conversation_view_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_measure (child, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
}

/* Laid out here rather than by a layout manager, to know the width
 * before the talk is laid out in it: turned, the talk is measured again
 * at once, so that it is never laid out the old way in the new width.
 */
static void
mb_conversation_view_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  MbConversationView *self = MB_CONVERSATION_VIEW (widget);
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));
  gboolean wide = width >= TALK_WIDE_FROM;

  if (child == NULL || !gtk_widget_should_layout (child))
    return;

  if (wide != (gtk_orientable_get_orientation (GTK_ORIENTABLE (self->talk_split)) == GTK_ORIENTATION_HORIZONTAL))
    {
      set_talk_wide (self, wide);
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, NULL, NULL, NULL);
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, NULL, NULL, NULL, NULL);
    }
  gtk_widget_allocate (child, width, height, baseline, NULL);
}

static void
update_due_button (MbConversationView *self)
{
  g_autofree char *day = NULL;

  if (self->due == NULL)
    {
      gtk_menu_button_set_label (self->agreement_due, _("No Due Date"));
      return;
    }

  day = mb_wording_date (self->due);
  gtk_menu_button_set_label (self->agreement_due, day);
}

static void
set_due (MbConversationView *self,
         GDate              *due)
{
  g_clear_pointer (&self->due, g_date_free);
  if (due != NULL)
    self->due = g_date_new_julian (g_date_get_julian (due));
  update_due_button (self);
}

static void
due_day_selected_cb (MbConversationView *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->due_calendar);
  GDate due;

  g_date_clear (&due, 1);
  g_date_set_dmy (&due, g_date_time_get_day_of_month (day), g_date_time_get_month (day),
                  g_date_time_get_year (day));
  set_due (self, &due);
  gtk_menu_button_popdown (self->agreement_due);
}

static void
no_due_clicked_cb (MbConversationView *self)
{
  set_due (self, NULL);
  gtk_menu_button_popdown (self->agreement_due);
}

/* The agreement typed in Talk is added, and its draft emptied in the
 * same change; the entry empties and keeps the cursor for the next one,
 * and Escape goes back to the notes.
 */
static void
agreement_entry_activate_cb (MbConversationView *self)
{
  GtkWidget *overlay;

  self->scroll_to_new = TRUE;
  if (mb_conversation_add_agreement_from_draft (self->conversation,
                                                promiser_at_position (gtk_drop_down_get_selected (self->agreement_who)),
                                                self->due) == NULL)
    {
      self->scroll_to_new = FALSE;
      gtk_widget_error_bell (GTK_WIDGET (self->agreement_entry));
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->agreement_entry), "");
  gtk_drop_down_set_selected (self->agreement_who, position_of_promiser (MB_PROMISED_BY_ME));
  set_due (self, NULL);

  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (_("Agreement added")));
}

/* Each key typed in the entry is in the conversation at once, as in its
 * notes: saved with them, and back in the entry when it is opened again.
 */
static void
agreement_entry_changed_cb (MbConversationView *self)
{
  mb_conversation_set_text (self->conversation, MB_TEXT_AGREEMENT_DRAFT, NULL,
                            gtk_editable_get_text (GTK_EDITABLE (self->agreement_entry)));
}

/* The draft as the conversation has it now, when it changed elsewhere
 * (in the Add Agreement dialog, or on another device): in the entry, the
 * cursor where it was.
 */
static void
show_agreement_draft (MbConversationView *self)
{
  GtkEditable *entry = GTK_EDITABLE (self->agreement_entry);
  const char *draft = mb_conversation_get_text (self->conversation, MB_TEXT_AGREEMENT_DRAFT, NULL);
  int position = gtk_editable_get_position (entry);

  if (g_str_equal (draft, gtk_editable_get_text (entry)))
    return;
  /* Not typed: the entry, emptied on the way, is not the draft. */
  g_signal_handlers_block_by_func (entry, agreement_entry_changed_cb, self);
  gtk_editable_set_text (entry, draft);
  g_signal_handlers_unblock_by_func (entry, agreement_entry_changed_cb, self);
  gtk_editable_set_position (entry, MIN (position, (int) g_utf8_strlen (draft, -1)));
}

static gboolean
agreement_entry_key_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        MbConversationView    *self)
{
  if (keyval != GDK_KEY_Escape)
    return GDK_EVENT_PROPAGATE;

  _mb_conversation_view_focus_current_field (self);
  return GDK_EVENT_STOP;
}

/* The list grew: its end, with the new agreement, comes into sight. */
static void
agreements_scrolled_cb (GtkAdjustment      *adjustment,
                        MbConversationView *self)
{
  if (!self->scroll_to_new)
    return;

  self->scroll_to_new = FALSE;
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
}

static void
remove_agreement_cb (GtkButton   *button,
                     MbAgreement *agreement)
{
  MbConversationView *self = MB_CONVERSATION_VIEW (gtk_widget_get_ancestor (GTK_WIDGET (button),
                                                                            MB_TYPE_CONVERSATION_VIEW));

  mb_conversation_remove_agreement (self->conversation, agreement);
}

static GtkWidget *
create_talk_agreement_row (gpointer item,
                           gpointer user_data)
{
  MbAgreement *agreement = item;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *text = mb_text_excerpt (mb_agreement_get_text (agreement), MB_TEXT_MAX_LINE_CHARS);
  g_autofree char *subtitle = mb_wording_agreement (agreement, NULL, FALSE);
  /* Translators: what a screen reader says for the button that removes an agreement */
  g_autofree char *remove = g_strdup_printf (_("Remove agreement “%s”"), text);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  mb_add_remove_button (ADW_ACTION_ROW (row), remove, G_CALLBACK (remove_agreement_cb), agreement);
  return row;
}

static void
settle_clicked_cb (GtkButton   *button,
                   MbAgreement *agreement)
{
  MbConversationView *self = MB_CONVERSATION_VIEW (gtk_widget_get_ancestor (GTK_WIDGET (button),
                                                                            MB_TYPE_CONVERSATION_VIEW));
  AdwMessageDialog *dialog;

  /* Marked now, so a marble for it is a moment of this conversation. */
  dialog = mb_settle_dialog_present (GTK_WIDGET (self), agreement, self->conversation,
                                     mb_settle_button_get_kept (MB_SETTLE_BUTTON (button)));
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (_mb_conversation_view_dialog_closed),
                           self, G_CONNECT_SWAPPED);
}

/* One of last time's open promises: to mark kept or not kept, and once
 * marked, saying which.
 */
static GtkWidget *
previous_row_new (MbAgreement *agreement)
{
  g_autofree char *subtitle = mb_wording_agreement (agreement, NULL, FALSE);
  GtkWidget *row = adw_action_row_new ();
  gboolean kept = mb_agreement_get_status (agreement) == MB_AGREEMENT_KEPT;
  GtkWidget *label;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), mb_agreement_get_text (agreement));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (mb_agreement_get_status (agreement) == MB_AGREEMENT_OPEN)
    {
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 mb_settle_button_new (agreement, TRUE, G_CALLBACK (settle_clicked_cb)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 mb_settle_button_new (agreement, FALSE, G_CALLBACK (settle_clicked_cb)));
      return row;
    }

  label = gtk_label_new (mb_wording_status (mb_agreement_get_status (agreement)));
  gtk_widget_add_css_class (label, kept ? "success" : "error");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  return row;
}

static void
fill_previous (MbConversationView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->previous_list))) != NULL)
    gtk_list_box_remove (self->previous_list, child);

  for (guint i = 0; i < self->previous_agreements->len; i++)
    gtk_list_box_append (self->previous_list,
                         previous_row_new (g_ptr_array_index (self->previous_agreements, i)));

  gtk_widget_set_visible (self->previous_heading, self->previous_agreements->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->previous_list), self->previous_agreements->len > 0);
}

static void
build_talk_agreements (MbConversationView *self,
                       MbBrief            *brief)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkWidget *empty = gtk_label_new (_("None yet: type one above"));

  gtk_widget_add_css_class (empty, "dim-label");
  gtk_widget_set_margin_top (empty, 12);
  gtk_widget_set_margin_bottom (empty, 12);
  gtk_label_set_wrap (GTK_LABEL (empty), TRUE);
  gtk_list_box_set_placeholder (self->talk_agreements, empty);
  gtk_list_box_bind_model (self->talk_agreements, mb_conversation_get_agreements (self->conversation),
                           create_talk_agreement_row, NULL, NULL);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->agreements_scroller), "changed",
                           G_CALLBACK (agreements_scrolled_cb), self, 0);

  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (agreement_entry_key_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->agreement_entry), keys);
  /* As long as the Add Agreement dialog takes. */
  mb_limit_entry (GTK_EDITABLE (self->agreement_entry), MB_TEXT_MAX_LINE_CHARS);
  /* Typed and not added yet before: back in the entry, the cursor at its end. */
  gtk_editable_set_text (GTK_EDITABLE (self->agreement_entry),
                         mb_conversation_get_text (self->conversation, MB_TEXT_AGREEMENT_DRAFT, NULL));
  gtk_editable_set_position (GTK_EDITABLE (self->agreement_entry), -1);
  g_signal_connect_object (self->agreement_entry, "changed", G_CALLBACK (agreement_entry_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->conversation, "changed", G_CALLBACK (show_agreement_draft),
                           self, G_CONNECT_SWAPPED);
  update_due_button (self);
  set_talk_wide (self, FALSE);

  self->previous_agreements = g_ptr_array_ref (brief->open_agreements);
  for (guint i = 0; i < self->previous_agreements->len; i++)
    g_signal_connect_object (g_ptr_array_index (self->previous_agreements, i), "notify::status",
                             G_CALLBACK (fill_previous), self, G_CONNECT_SWAPPED);
  fill_previous (self);
}

void
_mb_conversation_view_build_talk (MbConversationView *self,
                                  MbBrief            *brief)
{
  build_steps (self);
  _mb_conversation_view_show_step (self, mb_conversation_get_step (self->conversation));
  _mb_conversation_view_timer_running_changed (self);
  build_talk_agreements (self, brief);
}

void
_mb_conversation_view_class_init_talk (GtkWidgetClass *widget_class)
{
  widget_class->measure = mb_conversation_view_measure;
  widget_class->size_allocate = mb_conversation_view_size_allocate;

  gtk_widget_class_bind_template_child (widget_class, MbConversationView, agreement_due);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, agreement_entry);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, agreement_who);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, agreements_clamp);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, agreements_panel);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, agreements_scroller);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, due_calendar);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, next_button);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, notes_box);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, notes_heading);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, previous_heading);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, previous_list);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, step_guide);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, step_title);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, steps_button);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, steps_list);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, talk_agreements);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, talk_person);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, talk_scroller);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, talk_split);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, timer_button);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, timer_label);
  gtk_widget_class_bind_template_callback (widget_class, agreement_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, due_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, no_due_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, step_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, talk_hidden_cb);
  gtk_widget_class_bind_template_callback (widget_class, talk_shown_cb);
}
