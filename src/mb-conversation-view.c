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
 */

#define G_LOG_DOMAIN "mb-conversation-view"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-agreement-dialog.h"
#include "mb-conversation-view.h"
#include "mb-marble-jar.h"
#include "mb-save-bar.h"
#include "mb-widgets.h"
#include "mb-script-view.h"
#include "mb-settle-button.h"
#include "mb-text-field.h"

/* How much of each answer the brief shows. */
#define BRIEF_CHARS 400

struct _MbConversationView
{
  AdwBin             parent_instance;

  MbJournal         *journal;
  MbConversation    *conversation;
  guint              timer_source;
  guint              saving_source; /* shows "Saving…" when a save takes long */
  gboolean           timer_armed;   /* the next note in Talk starts the timer */

  /* Template widgets */
  GtkRevealer       *error_revealer;
  GtkLabel          *error_label;
  GtkMenuButton     *menu_button;
  GtkButton         *next_button;
  GtkBox            *prepare_box;
  GtkButton         *previous_button;
  GtkProgressBar    *progress_bar;
  GtkBox            *reflect_box;
  GtkLabel          *save_state;
  GtkMenuButton     *steps_button;
  GtkListBox        *steps_list;
  GtkBox            *talk_split;
  AdwClamp          *agreements_clamp;
  GtkWidget         *agreements_panel;
  GtkEntry          *agreement_entry;
  GtkDropDown       *agreement_who;
  GtkMenuButton     *agreement_due;
  GtkCalendar       *due_calendar;
  GtkScrolledWindow *agreements_scroller;
  GtkListBox        *talk_agreements;
  GtkWidget         *previous_heading;
  GtkListBox        *previous_list;
  AdwViewSwitcherTitle *switcher_title;
  GtkBox            *talk_box;
  GtkScrolledWindow *talk_scroller;
  GtkBox            *notes_box;
  GtkButton         *timer_button;
  GtkLabel          *timer_label;
  AdwViewStack      *view_stack;

  /* Built from the script */
  MbPerson          *person;
  GPtrArray         *person_labels;
  GtkWidget         *step_page;
  GtkWidget         *first_fields[3]; /* the first text field of each phase */
  GtkWidget         *last_fields[3];  /* the field of each phase last typed in */
  GtkListBox        *agreements_list;
  GtkListBox        *marbles_list;
  GPtrArray         *previous_agreements; /* last time's open ones, as the talk began */
  GDate             *due;                 /* of the agreement being typed in Talk */
  gboolean           scroll_to_new;       /* the agreement just added comes into sight */
};

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

static void dialog_closed_cb (MbConversationView *self);

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

static MbPhase
phase_of_kind (MbTextKind kind)
{
  switch (kind)
    {
    case MB_TEXT_STEP_NOTES:
      return MB_PHASE_TALK;
    case MB_TEXT_REFLECTION:
      return MB_PHASE_REFLECT;
    case MB_TEXT_PREPARATION:
    case MB_TEXT_PREPARATION_NOTES:
    default:
      return MB_PHASE_PREPARE;
    }
}

/* Coming back to a phase, the cursor goes back to where it was. */
static void
field_entered_cb (GtkEventControllerFocus *controller,
                  MbConversationView      *self)
{
  GtkWidget *view = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkWidget *field = gtk_widget_get_ancestor (view, MB_TYPE_TEXT_FIELD);

  self->last_fields[phase_of_kind (mb_text_field_get_kind (MB_TEXT_FIELD (field)))] = view;
}

/* A multi-line field for one text of the conversation. */
static GtkWidget *
add_text_field (MbConversationView *self,
                GtkWidget          *box,
                MbTextKind          kind,
                const char         *key,
                const char         *accessible_label)
{
  GtkWidget *field = mb_text_field_new (self->conversation, kind, key, accessible_label,
                                        kind == MB_TEXT_STEP_NOTES ? -140 : key == NULL ? 180 : 96);
  GtkTextView *view = mb_text_field_get_view (MB_TEXT_FIELD (field));
  GtkEventController *focus = gtk_event_controller_focus_new ();

  /* A stray Tab in the talk stays in its notes, rather than taking the
   * cursor to a button where the next space changes the step; Ctrl+Tab
   * leaves them, as in every text field that takes Tab.
   */
  gtk_text_view_set_accepts_tab (view, kind == MB_TEXT_STEP_NOTES);
  if (kind == MB_TEXT_STEP_NOTES)
    g_signal_connect_object (gtk_text_view_get_buffer (view), "changed", G_CALLBACK (notes_changed_cb),
                             self, G_CONNECT_AFTER);
  g_signal_connect_object (focus, "enter", G_CALLBACK (field_entered_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (view), focus);

  gtk_box_append (GTK_BOX (box), field);
  return GTK_WIDGET (view);
}

static void
remember_first_field (MbConversationView *self,
                      MbPhase             phase,
                      GtkWidget          *field)
{
  if (self->first_fields[phase] == NULL || phase == MB_PHASE_TALK)
    self->first_fields[phase] = field;
}

static void
add_questions (MbConversationView *self,
               GtkWidget          *parent,
               GPtrArray          *questions,
               MbTextKind          kind)
{
  for (guint i = 0; i < questions->len; i++)
    {
      MbScriptQuestion *question = g_ptr_array_index (questions, i);
      MbLocalized *hint = mb_script_question_get_hint (question);
      const char *text = mb_localized_get (mb_script_question_get_text (question));
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

      gtk_widget_set_margin_top (box, 12);
      mb_add_label (box, text, "heading");
      if (hint != NULL)
        mb_add_label (box, mb_localized_get (hint), "dim-label");
      remember_first_field (self, kind == MB_TEXT_PREPARATION ? MB_PHASE_PREPARE : MB_PHASE_REFLECT,
                            add_text_field (self, box, kind, mb_script_question_get_id (question), text));
      gtk_box_append (GTK_BOX (parent), box);
    }
}

static void
update_person_labels (MbConversationView *self)
{
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  /* Translators: above each phase of a conversation: “With Sanne de Vries” */
  name = self->person != NULL ? mb_display_name (mb_person_get_name (self->person))
                              : g_strdup (_("someone not in your list"));
  text = g_strdup_printf (_("With %s"), name);
  for (guint i = 0; i < self->person_labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (self->person_labels, i);
      g_autofree char *markup = NULL;

      /* The name leads to the person's page. */
      if (self->person != NULL)
        markup = g_markup_printf_escaped ("<a href=\"person\">%s</a>", text);
      else
        markup = g_markup_escape_text (text, -1);
      gtk_label_set_markup (label, markup);
    }
}

static gboolean
person_link_cb (MbConversationView *self,
                const char         *uri)
{
  if (self->person != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-person", "s", mb_person_get_id (self->person));
  return TRUE;
}

/* Who the conversation is with, at the top of a phase. */
static void
add_person_line (MbConversationView *self,
                 GtkWidget          *box)
{
  GtkWidget *label = mb_add_label (box, "", "caption-heading");

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);

  gtk_widget_set_halign (label, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (label, _("Their page: marble jar, open promises, conversations"));
  g_signal_connect_object (label, "activate-link", G_CALLBACK (person_link_cb), self, G_CONNECT_SWAPPED);
  g_ptr_array_add (self->person_labels, label);
  update_person_labels (self);
}

/* What earlier conversations with this person left: nothing to retype. */
static void
add_brief (MbConversationView *self,
           GtkWidget          *box)
{
  g_autoptr(MbBrief) brief = mb_journal_get_brief (self->journal, self->conversation);
  g_autofree char *day = NULL;
  g_autofree char *last = NULL;
  g_autofree char *jar = NULL;
  GtkWidget *card;
  GtkWidget *expander;
  GtkWidget *title;
  GtkWidget *body;
  GtkWidget *top;
  GtkWidget *about;
  GtkWidget *jar_widget;
  GtkWidget *clamp;

  if (brief->previous == NULL)
    return;

  card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "mb-brief");

  /* It folds away under its title, for the notes on a small screen. */
  expander = gtk_expander_new (NULL);
  title = gtk_label_new (_("Since Last Time"));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "title-4");
  gtk_expander_set_label_widget (GTK_EXPANDER (expander), title);
  gtk_expander_set_expanded (GTK_EXPANDER (expander), TRUE);
  body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_set_margin_top (body, 8);
  gtk_expander_set_child (GTK_EXPANDER (expander), body);
  gtk_box_append (GTK_BOX (card), expander);

  /* The last time and the jar, with the jar itself beside them. */
  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  about = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_set_hexpand (about, TRUE);
  gtk_widget_set_valign (about, GTK_ALIGN_CENTER);
  day = mb_format_day (mb_conversation_get_when (brief->previous));
  /* Translators: “Last conversation: 12 Nov 2026, GROW” */
  last = g_strdup_printf (_("Last conversation: %s, %s"), day,
                          mb_localized_get (mb_script_get_title (mb_conversation_get_script (brief->previous))));
  mb_add_label (about, last, "dim-label");
  /* Translators: the person's marble jar, over all your conversations */
  jar = g_strdup_printf (_("Marble jar: %u in, %u out"), brief->marbles_in, brief->marbles_out);
  mb_add_label (about, jar, "dim-label");
  gtk_box_append (GTK_BOX (top), about);
  jar_widget = mb_marble_jar_new ();
  mb_marble_jar_set_level (MB_MARBLE_JAR (jar_widget), (int) brief->marbles_in - (int) brief->marbles_out);
  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 72);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), 72);
  adw_clamp_set_child (ADW_CLAMP (clamp), jar_widget);
  gtk_widget_set_valign (clamp, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (top), clamp);
  gtk_box_append (GTK_BOX (body), top);

  if (brief->open_agreements->len > 0)
    {
      mb_add_label (body, _("Still Open"), "heading");
      for (guint i = 0; i < brief->open_agreements->len; i++)
        {
          MbAgreement *agreement = g_ptr_array_index (brief->open_agreements, i);
          g_autofree char *who = mb_describe_agreement (agreement);
          g_autofree char *text = mb_text_excerpt (mb_agreement_get_text (agreement), MB_TEXT_MAX_LINE_CHARS);
          g_autofree char *line = g_strdup_printf ("%s — %s", text, who);

          mb_add_label (body, line, NULL);
        }
    }

  if (brief->reflected != NULL)
    {
      GPtrArray *questions = mb_script_get_reflection (mb_conversation_get_script (brief->reflected));

      mb_add_label (body, _("Your Last Reflection"), "heading");
      for (guint i = 0; i < questions->len; i++)
        {
          MbScriptQuestion *question = g_ptr_array_index (questions, i);
          const char *answer = mb_conversation_get_text (brief->reflected, MB_TEXT_REFLECTION,
                                                         mb_script_question_get_id (question));
          g_autofree char *excerpt = NULL;

          if (*answer == '\0')
            continue;
          excerpt = mb_text_excerpt (answer, BRIEF_CHARS);

          mb_add_label (body, mb_localized_get (mb_script_question_get_text (question)), "dim-label");
          mb_add_label (body, excerpt, NULL);
        }
    }

  gtk_box_append (GTK_BOX (box), card);
}

static void
build_prepare (MbConversationView *self)
{
  GtkWidget *box = GTK_WIDGET (self->prepare_box);
  GtkWidget *section;

  add_person_line (self, box);
  add_brief (self, box);

  section = mb_add_section (box, mb_localized_get (mb_script_get_title (get_script (self))), "title-2",
                            mb_localized_get (mb_script_get_summary (get_script (self))), 8);
  add_questions (self, section, mb_script_get_preparation (get_script (self)), MB_TEXT_PREPARATION);

  section = mb_add_section (box, _("Notes"), "title-2", _("Anything else you want to remember or bring up."), 8);
  remember_first_field (self, MB_PHASE_PREPARE,
                        add_text_field (self, section, MB_TEXT_PREPARATION_NOTES, NULL, _("Notes")));
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

  phase = mb_conversation_get_phase (self->conversation);
  if (phase != MB_PHASE_TALK && self->last_fields[phase] != NULL)
    return self->last_fields[phase];
  return self->first_fields[phase];
}

/* Puts the cursor there, when the conversation is on screen. */
static void
focus_current_field (MbConversationView *self)
{
  GtkWidget *field = current_field (self);

  if (field != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_grab_focus (field);
}

static void
update_step (MbConversationView *self)
{
  GPtrArray *steps = mb_script_get_steps (get_script (self));
  guint step = mb_conversation_get_step (self->conversation);
  MbScriptStep *current = g_ptr_array_index (steps, step);
  g_autofree char *count = g_strdup_printf (_("Step %u of %u"), step + 1, steps->len);
  g_autofree char *heading = NULL;
  GtkWidget *page;
  GtkWidget *child;
  gboolean last = step + 1 == steps->len;

  gtk_menu_button_set_label (self->steps_button, count);
  gtk_progress_bar_set_fraction (self->progress_bar, (double) (step + 1) / steps->len);

  if (self->step_page != NULL)
    {
      g_ptr_array_remove (self->person_labels, gtk_widget_get_first_child (self->step_page));
      gtk_box_remove (self->talk_box, self->step_page);
    }
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->notes_box))) != NULL)
    gtk_box_remove (self->notes_box, child);

  page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  add_person_line (self, page);
  mb_add_label (page, mb_localized_get (mb_script_step_get_title (current)), "title-1");
  mb_script_view_add_step_guide (page, current);
  gtk_box_append (self->talk_box, page);
  self->step_page = page;

  /* The notes stay in sight below the guide, however long it is. */
  /* Translators: above the notes of a step of the talk: “Notes · Listen” */
  heading = g_strdup_printf (_("Notes · %s"), mb_localized_get (mb_script_step_get_title (current)));
  gtk_label_set_ellipsize (GTK_LABEL (mb_add_label (GTK_WIDGET (self->notes_box), heading, "heading")),
                           PANGO_ELLIPSIZE_END);
  remember_first_field (self, MB_PHASE_TALK,
                        add_text_field (self, GTK_WIDGET (self->notes_box), MB_TEXT_STEP_NOTES,
                                        mb_script_step_get_id (current), _("Notes")));

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->talk_scroller), 0);
  gtk_button_set_label (self->next_button, last ? _("_Reflect") : _("_Next Step"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conversation.previous-step", step > 0);
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

static void
timer_running_changed_cb (MbConversationView *self)
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
  guint step = mb_conversation_get_step (self->conversation);

  for (guint i = 0; i < steps->len; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->steps_list, i);
      GtkWidget *box = gtk_list_box_row_get_child (row);
      const char *id = mb_script_step_get_id (g_ptr_array_index (steps, i));
      gboolean has_notes = *mb_conversation_get_text (self->conversation, MB_TEXT_STEP_NOTES, id) != '\0';
      g_autofree char *description = NULL;

      gtk_widget_set_visible (g_object_get_data (G_OBJECT (box), "notes"), has_notes);
      gtk_widget_set_visible (g_object_get_data (G_OBJECT (box), "current"), i == step);
      if (i == step)
        gtk_widget_add_css_class (g_object_get_data (G_OBJECT (box), "label"), "heading");
      else
        gtk_widget_remove_css_class (g_object_get_data (G_OBJECT (box), "label"), "heading");

      /* Translators: said of a step in the list of steps: “current step, has notes” */
      description = i == step && has_notes ? g_strdup (_("Current step, has notes"))
                    : i == step ? g_strdup (_("Current step"))
                    : has_notes ? g_strdup (_("Has notes")) : NULL;
      if (description != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
      else
        gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

static void
build_talk (MbConversationView *self)
{
  GPtrArray *steps = mb_script_get_steps (get_script (self));

  for (guint i = 0; i < steps->len; i++)
    {
      g_autofree char *title = g_strdup_printf ("%u. %s", i + 1,
                                                mb_localized_get (mb_script_step_get_title (g_ptr_array_index (steps, i))));
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *label = gtk_label_new (title);
      GtkWidget *notes = gtk_image_new_from_icon_name ("document-edit-symbolic");
      GtkWidget *current = gtk_image_new_from_icon_name ("go-next-symbolic");

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (box), label);
      gtk_widget_set_tooltip_text (notes, _("Has notes"));
      gtk_widget_add_css_class (notes, "dim-label");
      gtk_box_append (GTK_BOX (box), notes);
      gtk_widget_set_tooltip_text (current, _("Current step"));
      gtk_box_append (GTK_BOX (box), current);
      g_object_set_data (G_OBJECT (box), "label", label);
      g_object_set_data (G_OBJECT (box), "notes", notes);
      g_object_set_data (G_OBJECT (box), "current", current);
      gtk_list_box_append (self->steps_list, box);
    }
  g_signal_connect_object (gtk_menu_button_get_popover (self->steps_button), "show",
                           G_CALLBACK (update_step_marks), self, G_CONNECT_SWAPPED);
  update_step_marks (self);

  update_step (self);
  timer_running_changed_cb (self);
}

static void
step_row_activated_cb (MbConversationView *self,
                       GtkListBoxRow      *row)
{
  gtk_menu_button_popdown (self->steps_button);
  mb_conversation_set_step (self->conversation, gtk_list_box_row_get_index (row));
}

static void
status_selected_cb (GtkDropDown *drop_down,
                    GParamSpec  *pspec,
                    MbAgreement *agreement)
{
  mb_agreement_set_status (agreement, gtk_drop_down_get_selected (drop_down));
}

/* A button at the end of @row that removes @item when clicked; a screen
 * reader hears @label, which says what goes.
 */
static void
add_remove_button (GtkWidget  *row,
                   const char *label,
                   GCallback   callback,
                   gpointer    item)
{
  GtkWidget *remove = gtk_button_new_from_icon_name ("edit-delete-symbolic");

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_signal_connect_object (remove, "clicked", callback, item, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
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
create_agreement_row (gpointer item,
                      gpointer user_data)
{
  MbAgreement *agreement = item;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *text = mb_text_excerpt (mb_agreement_get_text (agreement), MB_TEXT_MAX_LINE_CHARS);
  g_autofree char *title = g_markup_escape_text (text, -1);
  g_autofree char *subtitle = mb_describe_agreement (agreement);
  const char *statuses[] = { _("Open"), _("Kept"), _("Not Kept"), NULL };
  GtkWidget *status = gtk_drop_down_new_from_strings (statuses);
  /* Translators: what a screen reader says for the button that removes an agreement */
  g_autofree char *remove = g_strdup_printf (_("Remove agreement “%s”"), text);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (status), mb_agreement_get_status (agreement));
  gtk_widget_set_valign (status, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (status, _("Whether the promise was kept"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (status),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Whether the promise was kept"), -1);
  g_signal_connect_object (status, "notify::selected", G_CALLBACK (status_selected_cb), agreement, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);
  add_remove_button (row, remove, G_CALLBACK (remove_agreement_cb), agreement);
  return row;
}

static void
remove_marble_cb (GtkButton *button,
                  MbMarble  *marble)
{
  MbConversationView *self = MB_CONVERSATION_VIEW (gtk_widget_get_ancestor (GTK_WIDGET (button),
                                                                            MB_TYPE_CONVERSATION_VIEW));

  mb_conversation_remove_marble (self->conversation, marble);
}

static GtkWidget *
create_marble_row (gpointer item,
                   gpointer user_data)
{
  MbMarble *marble = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (mb_marble_is_in (marble) ? "list-add-symbolic"
                                                                             : "list-remove-symbolic");
  g_autofree char *reason = mb_text_excerpt (mb_marble_get_reason (marble), MB_TEXT_MAX_LINE_CHARS);
  g_autofree char *title = g_markup_escape_text (reason, -1);
  /* Translators: what a screen reader says for the button that removes a marble */
  g_autofree char *remove = g_strdup_printf (_("Remove marble “%s”"), reason);

  gtk_widget_add_css_class (icon, mb_marble_is_in (marble) ? "success" : "error");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               mb_marble_is_in (marble) ? _("A marble in: trust built")
                                                        : _("A marble out: trust lost"));
  add_remove_button (row, remove, G_CALLBACK (remove_marble_cb), marble);
  return row;
}

static GtkListBox *
add_list (GtkWidget  *parent,
          GListModel *model,
          GtkListBoxCreateWidgetFunc create_row,
          const char *placeholder)
{
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *empty = gtk_label_new (placeholder);

  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (empty, "dim-label");
  gtk_widget_set_margin_top (empty, 18);
  gtk_widget_set_margin_bottom (empty, 18);
  gtk_label_set_wrap (GTK_LABEL (empty), TRUE);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (list), empty);
  gtk_list_box_bind_model (GTK_LIST_BOX (list), model, create_row, NULL, NULL);
  gtk_box_append (GTK_BOX (parent), list);
  return GTK_LIST_BOX (list);
}

/* The agreements panel in Talk */

/* Beside the notes when there is room for both, below them when not. */
#define TALK_WIDE_FROM 720

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
  char day[64];

  if (self->due == NULL)
    {
      gtk_menu_button_set_label (self->agreement_due, _("No Due Date"));
      return;
    }

  /* Translators: how a due date is shown, in strftime() format: “28 Nov 2026” */
  g_date_strftime (day, sizeof day, _("%-d %b %Y"), self->due);
  gtk_menu_button_set_label (self->agreement_due, g_strchug (day));
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

/* The agreement typed in Talk is added; the entry empties and keeps the
 * cursor for the next one, and Escape goes back to the notes.
 */
static void
agreement_entry_activate_cb (MbConversationView *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->agreement_entry))));
  GtkWidget *overlay;

  if (*text == '\0')
    {
      gtk_widget_error_bell (GTK_WIDGET (self->agreement_entry));
      return;
    }

  self->scroll_to_new = TRUE;
  mb_conversation_add_agreement (self->conversation, text, gtk_drop_down_get_selected (self->agreement_who),
                                 self->due);
  gtk_editable_set_text (GTK_EDITABLE (self->agreement_entry), "");
  gtk_drop_down_set_selected (self->agreement_who, MB_PROMISED_BY_ME);
  set_due (self, NULL);

  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (_("Agreement added")));
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

  focus_current_field (self);
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

static GtkWidget *
create_talk_agreement_row (gpointer item,
                           gpointer user_data)
{
  MbAgreement *agreement = item;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *text = mb_text_excerpt (mb_agreement_get_text (agreement), MB_TEXT_MAX_LINE_CHARS);
  g_autofree char *subtitle = mb_describe_agreement (agreement);
  /* Translators: what a screen reader says for the button that removes an agreement */
  g_autofree char *remove = g_strdup_printf (_("Remove agreement “%s”"), text);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  add_remove_button (row, remove, G_CALLBACK (remove_agreement_cb), agreement);
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
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (dialog_closed_cb), self, G_CONNECT_SWAPPED);
}

/* Last time's open promises: each to mark kept or not kept, and once
 * marked, saying which.
 */
static void
fill_previous (MbConversationView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->previous_list))) != NULL)
    gtk_list_box_remove (self->previous_list, child);

  for (guint i = 0; i < self->previous_agreements->len; i++)
    {
      MbAgreement *agreement = g_ptr_array_index (self->previous_agreements, i);
      g_autofree char *subtitle = mb_describe_agreement (agreement);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), mb_agreement_get_text (agreement));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      switch (mb_agreement_get_status (agreement))
        {
        case MB_AGREEMENT_OPEN:
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     mb_settle_button_new (agreement, TRUE, G_CALLBACK (settle_clicked_cb)));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     mb_settle_button_new (agreement, FALSE, G_CALLBACK (settle_clicked_cb)));
          break;

        case MB_AGREEMENT_KEPT:
        case MB_AGREEMENT_NOT_KEPT:
        default:
          {
            gboolean kept = mb_agreement_get_status (agreement) == MB_AGREEMENT_KEPT;
            GtkWidget *label = gtk_label_new (kept ? _("Kept") : _("Not Kept"));

            gtk_widget_add_css_class (label, kept ? "success" : "error");
            adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
          }
          break;
        }
      gtk_list_box_append (self->previous_list, row);
    }

  gtk_widget_set_visible (self->previous_heading, self->previous_agreements->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->previous_list), self->previous_agreements->len > 0);
}

static void
build_talk_agreements (MbConversationView *self)
{
  g_autoptr(MbBrief) brief = mb_journal_get_brief (self->journal, self->conversation);
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
  update_due_button (self);
  set_talk_wide (self, FALSE);

  self->previous_agreements = g_ptr_array_ref (brief->open_agreements);
  for (guint i = 0; i < self->previous_agreements->len; i++)
    g_signal_connect_object (g_ptr_array_index (self->previous_agreements, i), "notify::status",
                             G_CALLBACK (fill_previous), self, G_CONNECT_SWAPPED);
  fill_previous (self);
}

static GtkWidget *
add_button (GtkWidget  *box,
            const char *label,
            const char *action,
            GVariant   *target)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (target != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  gtk_box_append (GTK_BOX (box), button);
  return button;
}

static void
build_reflect (MbConversationView *self)
{
  GtkWidget *box = GTK_WIDGET (self->reflect_box);
  GtkWidget *section;
  GtkWidget *buttons;
  GtkWidget *button;

  add_person_line (self, box);
  section = mb_add_section (box, _("Looking Back"), "title-2", _("About your own part in the conversation."), 8);
  add_questions (self, section, mb_script_get_reflection (get_script (self)), MB_TEXT_REFLECTION);

  section = mb_add_section (box, _("Agreements"), "title-2",
                            _("Promises are marbles: kept ones go in the jar, broken ones come out."), 8);
  self->agreements_list = add_list (section, mb_conversation_get_agreements (self->conversation),
                                    create_agreement_row, _("No agreements made yet"));
  mb_add_kept_agreements (section, self->conversation);
  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (buttons, 6);
  add_button (buttons, _("_Add Agreement…"), "conversation.add-agreement", NULL);
  gtk_box_append (GTK_BOX (section), buttons);

  section = mb_add_section (box, _("The Marble Jar"), "title-2",
                            _("Did something in this conversation build trust, or cost it? Note it with a marble."), 8);
  self->marbles_list = add_list (section, mb_conversation_get_marbles (self->conversation),
                                 create_marble_row, _("No marbles yet"));
  mb_add_kept_marbles (section, self->conversation);
  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (buttons, 6);
  add_button (buttons, _("Marble _In…"), "conversation.add-marble", g_variant_new_boolean (TRUE));
  add_button (buttons, _("Marble _Out…"), "conversation.add-marble", g_variant_new_boolean (FALSE));
  gtk_box_append (GTK_BOX (section), buttons);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (buttons, 12);
  button = add_button (buttons, _("_Finish Conversation"), "conversation.finish", NULL);
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_box_append (GTK_BOX (box), buttons);
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

  /* However the phase was chosen (a tab, a key, a button), typing goes on
   * in it.
   */
  focus_current_field (self);
}

static void
phase_changed_cb (MbConversationView *self)
{
  adw_view_stack_set_visible_child_name (self->view_stack,
                                         phase_pages[mb_conversation_get_phase (self->conversation)]);
}

static void
step_changed_cb (MbConversationView *self)
{
  update_step (self);
  mb_journal_save_now (self->journal, G_OBJECT (self->conversation));
  if (mb_conversation_get_phase (self->conversation) == MB_PHASE_TALK)
    focus_current_field (self);
}

/* A menu closed, with a choice or without: the keys go back to the
 * text, never to the menu's button, where a space would open it again.
 */
static void
menu_closed_cb (MbConversationView *self)
{
  focus_current_field (self);
}

/* A dialog over the talk closed: the leader goes on with the notes. */
static void
dialog_closed_cb (MbConversationView *self)
{
  if (self->conversation != NULL && mb_conversation_get_phase (self->conversation) == MB_PHASE_TALK)
    focus_current_field (self);
}

static void
show_phase_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MbConversationView *self = MB_CONVERSATION_VIEW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, g_variant_get_string (parameter, NULL));
}

static void
next_step_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MbConversationView *self = MB_CONVERSATION_VIEW (widget);
  guint step = mb_conversation_get_step (self->conversation);

  if (step + 1 < mb_script_get_steps (get_script (self))->len)
    mb_conversation_set_step (self->conversation, step + 1);
  else
    adw_view_stack_set_visible_child_name (self->view_stack, "reflect");
}

static void
previous_step_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MbConversationView *self = MB_CONVERSATION_VIEW (widget);
  guint step = mb_conversation_get_step (self->conversation);

  if (step > 0)
    mb_conversation_set_step (self->conversation, step - 1);
}

static void
toggle_timer_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  MbConversationView *self = MB_CONVERSATION_VIEW (widget);

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

  g_signal_connect_object (dialog, "destroy", G_CALLBACK (dialog_closed_cb), self, G_CONNECT_SWAPPED);
}

/* A marble in or out, for what built or cost trust. */
static void
add_marble (MbConversationView *self,
            AdwMessageDialog   *dialog,
            const char         *response,
            gboolean            in)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (g_strcmp0 (response, "add") == 0 && *reason != '\0')
    mb_conversation_add_marble (self->conversation, in, reason);
}

static void
marble_in_response_cb (AdwMessageDialog   *dialog,
                       const char         *response,
                       MbConversationView *self)
{
  add_marble (self, dialog, response, TRUE);
}

static void
marble_out_response_cb (AdwMessageDialog   *dialog,
                        const char         *response,
                        MbConversationView *self)
{
  add_marble (self, dialog, response, FALSE);
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
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), in ? _("For example: kept the promise to call back")
                                                        : _("For example: cancelled our meeting again"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  in ? _("What built trust?") : _("What cost trust?"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  mb_require_text (dialog, "add", GTK_EDITABLE (entry));
  g_signal_connect_object (dialog, "response",
                           in ? G_CALLBACK (marble_in_response_cb) : G_CALLBACK (marble_out_response_cb),
                           self, 0);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (dialog_closed_cb), self, G_CONNECT_SWAPPED);
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

static void
mb_conversation_view_constructed (GObject *object)
{
  MbConversationView *self = MB_CONVERSATION_VIEW (object);
  MbScript *script;
  MbPerson *person;

  G_OBJECT_CLASS (mb_conversation_view_parent_class)->constructed (object);

  g_assert (MB_IS_JOURNAL (self->journal));
  g_assert (MB_IS_CONVERSATION (self->conversation));

  script = get_script (self);
  person = mb_journal_lookup_person (self->journal, mb_conversation_get_person_id (self->conversation));
  if (person != NULL)
    {
      self->person = g_object_ref (person);
      g_object_bind_property_full (person, "name", self->switcher_title, "title", G_BINDING_SYNC_CREATE,
                                   mb_display_name_transform, NULL, NULL, NULL);
      g_signal_connect_object (person, "notify::name", G_CALLBACK (update_person_labels),
                               self, G_CONNECT_SWAPPED);
    }
  else
    {
      adw_view_switcher_title_set_title (self->switcher_title, _("Someone not in your list"));
    }
  adw_view_switcher_title_set_subtitle (self->switcher_title,
                                        mb_localized_get (mb_script_get_title (script)));
  build_prepare (self);
  build_talk (self);
  build_talk_agreements (self);
  build_reflect (self);

  phase_changed_cb (self);
  finished_changed_cb (self);
  update_save_state (self);

  g_signal_connect_object (self->conversation, "notify::phase",
                           G_CALLBACK (phase_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->conversation, "notify::step",
                           G_CALLBACK (step_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->conversation, "notify::timer-running",
                           G_CALLBACK (timer_running_changed_cb), self, G_CONNECT_SWAPPED);
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
  g_clear_pointer (&self->person_labels, g_ptr_array_unref);

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
  widget_class->measure = mb_conversation_view_measure;
  widget_class->size_allocate = mb_conversation_view_size_allocate;

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
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, agreement_due);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, agreement_entry);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, agreement_who);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, agreements_clamp);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, agreements_panel);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, agreements_scroller);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, due_calendar);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, error_label);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, menu_button);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, next_button);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, prepare_box);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, previous_button);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, previous_heading);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, previous_list);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, reflect_box);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, save_state);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, steps_button);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, steps_list);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, talk_agreements);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, talk_box);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, talk_scroller);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, talk_split);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, notes_box);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, timer_button);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, timer_label);
  gtk_widget_class_bind_template_child (widget_class, MbConversationView, view_stack);
  gtk_widget_class_bind_template_callback (widget_class, agreement_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, due_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, no_due_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, phase_shown_cb);
  gtk_widget_class_bind_template_callback (widget_class, step_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, talk_hidden_cb);
  gtk_widget_class_bind_template_callback (widget_class, talk_shown_cb);

  gtk_widget_class_install_action (widget_class, "conversation.show-phase", "s", show_phase_action);
  gtk_widget_class_install_action (widget_class, "conversation.next-step", NULL, next_step_action);
  gtk_widget_class_install_action (widget_class, "conversation.previous-step", NULL, previous_step_action);
  gtk_widget_class_install_action (widget_class, "conversation.toggle-timer", NULL, toggle_timer_action);
  gtk_widget_class_install_action (widget_class, "conversation.add-agreement", NULL, add_agreement_action);
  gtk_widget_class_install_action (widget_class, "conversation.add-marble", "b", add_marble_action);
  gtk_widget_class_install_action (widget_class, "conversation.finish", NULL, finish_action);
  gtk_widget_class_install_property_action (widget_class, "conversation.finished", "finished");

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
  self->person_labels = g_ptr_array_new ();
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
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
