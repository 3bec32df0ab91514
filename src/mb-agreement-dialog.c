/* mb-agreement-dialog.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Asks what was agreed, who promised it and, if wanted, by when; then
 * adds the agreement to the conversation. What is typed is the
 * conversation's draft of an agreement, as in Talk: in its file at once,
 * so a crash loses none of it, and a draft not added in Talk is there
 * to add. Cancel puts the draft back as it was.
 */

#define G_LOG_DOMAIN "mb-agreement-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-agreement-dialog.h"
#include "mb-widgets.h"
#include "mb-wording.h"

typedef struct
{
  MbConversation *conversation;
  GtkEditable    *what;
  GtkDropDown    *who;
  GtkCheckButton *has_due;
  GtkCalendar    *calendar;
} Form;

static void
form_free (Form *form)
{
  g_clear_object (&form->conversation);
  g_free (form);
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             Form             *form)
{
  g_autoptr(GDateTime) day = NULL;
  GDate *due = NULL;

  if (g_strcmp0 (response, "add") != 0)
    return;

  if (gtk_check_button_get_active (form->has_due))
    {
      day = gtk_calendar_get_date (form->calendar);
      due = g_date_new_dmy (g_date_time_get_day_of_month (day),
                            g_date_time_get_month (day),
                            g_date_time_get_year (day));
    }

  mb_conversation_add_agreement_from_draft (form->conversation,
                                            mb_wording_promiser_at (gtk_drop_down_get_selected (form->who)), due);
  g_clear_pointer (&due, g_date_free);
}

static GtkWidget *
labelled (GtkWidget  *box,
          const char *label,
          GtkWidget  *child)
{
  GtkWidget *title = gtk_label_new_with_mnemonic (label);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (title), child);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), child);
  return child;
}

/**
 * mb_agreement_dialog_present:
 * @parent: a widget in the window the dialog belongs to
 *
 * Returns: (transfer none): the dialog, shown
 */
AdwMessageDialog *
mb_agreement_dialog_present (GtkWidget      *parent,
                             MbConversation *conversation)
{
  g_autofree const char **people = mb_wording_promisers ();
  Form *form = g_new0 (Form, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *what = gtk_entry_new ();
  GtkWidget *calendar = gtk_calendar_new ();
  GtkWidget *has_due = gtk_check_button_new_with_mnemonic (_("_Due on a date"));
  AdwMessageDialog *dialog;

  dialog = mb_question_new (parent, _("Add Agreement"),
                            _("Say what you do, and do what you say: an agreement is a promise."),
                            "add", _("_Add"), ADW_RESPONSE_SUGGESTED);
  form->conversation = g_object_ref (conversation);
  form->what = GTK_EDITABLE (labelled (box, _("_What was agreed"), what));
  form->who = GTK_DROP_DOWN (labelled (box, _("Who _promised it"), gtk_drop_down_new_from_strings (people)));
  form->has_due = GTK_CHECK_BUTTON (has_due);
  form->calendar = GTK_CALENDAR (calendar);

  gtk_entry_set_activates_default (GTK_ENTRY (what), TRUE);
  mb_limit_entry (GTK_EDITABLE (what), MB_TEXT_MAX_LINE_CHARS);
  mb_draft_entry_bind (dialog, form->what, conversation, MB_TEXT_AGREEMENT_DRAFT, NULL);
  gtk_widget_set_margin_top (has_due, 6);
  gtk_box_append (GTK_BOX (box), has_due);
  g_object_bind_property (has_due, "active", calendar, "visible", G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (box), calendar);

  adw_message_dialog_set_extra_child (dialog, box);
  mb_require_text (dialog, "add", GTK_EDITABLE (what));
  g_signal_connect_data (dialog, "response", G_CALLBACK (response_cb), form,
                         (GClosureNotify) form_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}
