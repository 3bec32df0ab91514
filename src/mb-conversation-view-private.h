/* mb-conversation-view-private.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mb-conversation-view.h"
#include "mb-person-link.h"
#include "mb-reflect-page.h"

G_BEGIN_DECLS

struct _MbConversationView
{
  AdwBin             parent_instance;

  MbJournal         *journal;
  MbConversation    *conversation;
  MbPerson          *person;
  guint              timer_source;
  guint              saving_source; /* shows "Saving…" when a save takes long */
  gboolean           timer_armed;   /* the next note in Talk starts the timer */
  guint              step_shown;    /* the step of the talk on screen */

  /* Template widgets */
  GtkMenuButton     *agreement_due;
  GtkEntry          *agreement_entry;
  GtkDropDown       *agreement_who;
  AdwClamp          *agreements_clamp;
  GtkWidget         *agreements_panel;
  GtkScrolledWindow *agreements_scroller;
  GtkCalendar       *due_calendar;
  GtkLabel          *error_label;
  GtkRevealer       *error_revealer;
  GtkMenuButton     *menu_button;
  GtkButton         *next_button;
  GtkBox            *notes_box;
  GtkLabel          *notes_heading;
  GtkWidget         *notes_section;
  MbPersonLink      *prepare_person;
  GtkBox            *prepare_box;
  GtkWidget         *preparation_section;
  GtkWidget         *previous_heading;
  GtkListBox        *previous_list;
  GtkProgressBar    *progress_bar;
  MbReflectPage     *reflect_box;
  GtkLabel          *save_state;
  GtkLabel          *script_summary;
  GtkLabel          *script_title;
  GtkWidget         *step_guide;
  GtkLabel          *step_title;
  GtkMenuButton     *steps_button;
  GtkListBox        *steps_list;
  AdwViewSwitcherTitle *switcher_title;
  GtkListBox        *talk_agreements;
  MbPersonLink      *talk_person;
  GtkScrolledWindow *talk_scroller;
  GtkBox            *talk_split;
  GtkButton         *timer_button;
  GtkLabel          *timer_label;
  AdwViewStack      *view_stack;

  /* Built from the script */
  GtkWidget         *notes_field;         /* the MbTextField of the step's notes */
  GtkWidget         *first_fields[3];     /* the first text view of each phase */
  GtkWidget         *last_fields[3];      /* the text view of each phase last typed in */
  GPtrArray         *previous_agreements; /* last time's open ones, as the talk began */
  GDate             *due;                 /* of the agreement being typed in Talk */
  gboolean           scroll_to_new;       /* the agreement just added comes into sight */
};

/* mb-conversation-view.c */
void _mb_conversation_view_focus_current_field   (MbConversationView *self);
void _mb_conversation_view_dialog_closed         (MbConversationView *self);
void _mb_conversation_view_go_to_step            (MbConversationView *self,
                                                  guint               step);
void _mb_conversation_view_update_previous_step  (MbConversationView *self);

/* mb-conversation-view-talk.c: the Talk phase */
void _mb_conversation_view_class_init_talk       (GtkWidgetClass     *widget_class);
void _mb_conversation_view_init_talk             (MbConversationView *self);
void _mb_conversation_view_build_talk            (MbConversationView *self,
                                                  MbBrief            *brief);
void _mb_conversation_view_show_step             (MbConversationView *self,
                                                  guint               step);
void _mb_conversation_view_timer_running_changed (MbConversationView *self);

G_END_DECLS
