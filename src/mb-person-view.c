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
#include "mb-open-agreement-row.h"
#include "mb-person-view.h"
#include "mb-save-bar.h"
#include "mb-timeline-row.h"
#include "mb-trust-chart.h"
#include "mb-widgets.h"
#include "mb-wording.h"

struct _MbPersonView
{
  AdwBin          parent_instance;

  MbJournal      *journal;
  MbPerson       *person;
  MbHistory      *history;

  /* Template widgets */
  GtkWidget      *agreements_box;
  GtkListBox     *agreements_list;
  GtkWidget      *chart_box;
  MbTrustChart   *chart;
  GtkListBox     *conversations_list;
  GtkWidget      *header_bar;
  MbMarbleJar    *jar;
  GtkLabel       *jar_label;
  GtkLabel       *name_label;
  GtkLabel       *role_label;
  GtkButton      *start_button;
  AdwWindowTitle *title;
};

G_DEFINE_FINAL_TYPE (MbPersonView, mb_person_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_JOURNAL,
  PROP_PERSON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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
settle_cb (MbOpenAgreementRow *row,
           gboolean            kept,
           MbPersonView       *self)
{
  mb_person_view_settle (self, mb_open_agreement_row_get_agreement (row), kept);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* Each open agreement, with the conversation about it if there is one
 * (always with this person: the promise was made to them).
 */
static void
fill_agreements (MbPersonView *self)
{
  GPtrArray *open = self->history->open_agreements;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  clear_list (self->agreements_list);
  for (guint i = 0; i < open->len; i++)
    {
      MbAgreement *agreement = g_ptr_array_index (open, i);
      MbConversation *agreed_in = g_ptr_array_index (self->history->agreed_in, i);
      GtkWidget *row = mb_open_agreement_row_new (agreement, agreed_in);
      MbRepair repair;
      MbConversation *about = mb_promise_talk_find (self->history->conversations, agreement,
                                                    mb_conversation_get_id (agreed_in), now, &repair);

      mb_open_agreement_row_set_repair (MB_OPEN_AGREEMENT_ROW (row), repair, about);
      g_signal_connect_object (row, "settle", G_CALLBACK (settle_cb), self, 0);
      gtk_list_box_append (self->agreements_list, row);
    }

  gtk_widget_set_visible (self->agreements_box, open->len > 0);
}

static void
fill_conversations (MbPersonView *self)
{
  GPtrArray *conversations = self->history->conversations;

  clear_list (self->conversations_list);
  for (guint i = 0; i < conversations->len; i++)
    gtk_list_box_append (self->conversations_list, mb_timeline_row_new (g_ptr_array_index (conversations, i)));
}

static void
update_person (MbPersonView *self)
{
  const char *role = mb_person_get_role (self->person);
  g_autofree char *name = mb_display_name (mb_person_get_name (self->person));

  adw_window_title_set_title (self->title, name);
  gtk_label_set_label (self->name_label, name);
  gtk_label_set_label (self->role_label, role);
  gtk_widget_set_visible (GTK_WIDGET (self->role_label), *role != '\0');
}

static void
refresh (MbPersonView *self)
{
  MbHistory *history;
  g_autofree char *jar = NULL;
  guint n;

  g_clear_pointer (&self->history, mb_history_free);
  self->history = history = mb_journal_get_history (self->journal, self->person);

  mb_marble_jar_set_level (self->jar, (int) history->marbles_in - (int) history->marbles_out);
  /* Translators: the marbles of a person's jar: “12 in, 3 out” */
  jar = g_strdup_printf (_("%u in, %u out"), history->marbles_in, history->marbles_out);
  gtk_label_set_label (self->jar_label, jar);

  n = history->marble_times->len;
  mb_trust_chart_set_events (self->chart, (const gint64 *) (gpointer) history->marble_times->data,
                             (const int *) (gpointer) history->marble_deltas->data, n);
  gtk_widget_set_visible (self->chart_box, n > 0);

  fill_agreements (self);
  fill_conversations (self);
}

static void
mb_person_view_constructed (GObject *object)
{
  MbPersonView *self = MB_PERSON_VIEW (object);

  G_OBJECT_CLASS (mb_person_view_parent_class)->constructed (object);

  /* Under the header: whether the people are saved. */
  gtk_box_insert_child_after (GTK_BOX (adw_bin_get_child (ADW_BIN (self))), mb_people_save_bar_new (self->journal),
                              self->header_bar);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->start_button), "s", mb_person_get_id (self->person));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->start_button), "win.new-conversation-with");

  update_person (self);
  g_signal_connect_object (self->person, "notify::name", G_CALLBACK (update_person), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->person, "notify::role", G_CALLBACK (update_person), self, G_CONNECT_SWAPPED);
  /* A conversation added, deleted or undeleted elsewhere; a promise kept
   * in a conversation while this page was out of sight.
   */
  g_signal_connect_object (mb_journal_get_conversations (self->journal), "items-changed",
                           G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (refresh), NULL);
  refresh (self);
}

static void
mb_person_view_dispose (GObject *object)
{
  MbPersonView *self = MB_PERSON_VIEW (object);

  g_clear_object (&self->journal);
  g_clear_object (&self->person);
  g_clear_pointer (&self->history, mb_history_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), MB_TYPE_PERSON_VIEW);

  G_OBJECT_CLASS (mb_person_view_parent_class)->dispose (object);
}

static void
mb_person_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MbPersonView *self = MB_PERSON_VIEW (object);

  switch (prop_id)
    {
    case PROP_JOURNAL:
      g_value_set_object (value, self->journal);
      break;

    case PROP_PERSON:
      g_value_set_object (value, self->person);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_person_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MbPersonView *self = MB_PERSON_VIEW (object);

  switch (prop_id)
    {
    case PROP_JOURNAL:
      self->journal = g_value_dup_object (value);
      break;

    case PROP_PERSON:
      self->person = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_person_view_class_init (MbPersonViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mb_person_view_constructed;
  object_class->dispose = mb_person_view_dispose;
  object_class->get_property = mb_person_view_get_property;
  object_class->set_property = mb_person_view_set_property;

  properties[PROP_JOURNAL] =
    g_param_spec_object ("journal", NULL, NULL,
                         MB_TYPE_JOURNAL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PERSON] =
    g_param_spec_object ("person", NULL, NULL,
                         MB_TYPE_PERSON,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/mb-person-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MbPersonView, agreements_box);
  gtk_widget_class_bind_template_child (widget_class, MbPersonView, agreements_list);
  gtk_widget_class_bind_template_child (widget_class, MbPersonView, chart_box);
  gtk_widget_class_bind_template_child (widget_class, MbPersonView, chart);
  gtk_widget_class_bind_template_child (widget_class, MbPersonView, conversations_list);
  gtk_widget_class_bind_template_child (widget_class, MbPersonView, header_bar);
  gtk_widget_class_bind_template_child (widget_class, MbPersonView, jar);
  gtk_widget_class_bind_template_child (widget_class, MbPersonView, jar_label);
  gtk_widget_class_bind_template_child (widget_class, MbPersonView, name_label);
  gtk_widget_class_bind_template_child (widget_class, MbPersonView, role_label);
  gtk_widget_class_bind_template_child (widget_class, MbPersonView, start_button);
  gtk_widget_class_bind_template_child (widget_class, MbPersonView, title);

  g_type_ensure (MB_TYPE_MARBLE_JAR);
  g_type_ensure (MB_TYPE_TRUST_CHART);
}

static void
mb_person_view_init (MbPersonView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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
  g_return_val_if_fail (MB_IS_JOURNAL (journal), NULL);
  g_return_val_if_fail (MB_IS_PERSON (person), NULL);

  return g_object_new (MB_TYPE_PERSON_VIEW,
                       "journal", journal,
                       "person", person,
                       NULL);
}

MbPerson *
mb_person_view_get_person (MbPersonView *self)
{
  g_return_val_if_fail (MB_IS_PERSON_VIEW (self), NULL);

  return self->person;
}
