/* mb-you-page.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The "You" section: the leader's own pattern over a quarter, a year or
 * all time, held up as a mirror — promises kept and the overdue ones to
 * act on, trust across everyone, talk time against the plan, and what
 * the judgement lens found. Computed from the journal in a worker each
 * time it is shown or the journal changes; nothing of it is stored.
 * Each overdue promise says whether a conversation about it was held or
 * is planned, and opens it.
 */

#define G_LOG_DOMAIN "mb-you-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-export-ui.h"
#include "mb-lens-service.h"
#include "mb-markdown.h"
#include "mb-mirror-export.h"
#include "mb-mirror-chart.h"
#include "mb-mirror-wording.h"
#include "mb-open-agreement-row.h"
#include "mb-script-view.h"
#include "mb-widgets.h"
#include "mb-wording.h"
#include "mb-you-page.h"

#define REFRESH_DELAY_MS 250  /* after the last change to the journal */
#define MAX_PEOPLE       3    /* who gained most, and who lost most */

struct _MbYouPage
{
  MbSectionPage   parent_instance;

  MbMirrorPeriod  period;
  MbMirror       *mirror;       /* the figures shown, or NULL */
  GCancellable   *cancellable;  /* of the figures being computed */
  guint           refresh_id;

  /* Template widgets */
  GtkToggleButton *all_button;
  GtkLabel       *judgement_label;
  GtkLabel       *scales_label;
  GtkBox         *scales_box;
  GtkLabel       *listening_label;
  GtkWidget      *overdue_box;
  GtkListBox     *overdue_list;
  GtkWidget      *people_box;
  GtkListBox     *people_list;
  MbMirrorChart  *promises_chart;
  GtkLabel       *promises_label;
  GtkToggleButton *quarter_button;
  GtkStack       *stack;
  GtkLabel       *trust_label;
  GtkToggleButton *year_button;
};

G_DEFINE_FINAL_TYPE (MbYouPage, mb_you_page, MB_TYPE_SECTION_PAGE)

enum {
  PROP_0,
  PROP_PERIOD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void refresh (MbYouPage *self);

static gboolean
lens_enabled (void)
{
  return mb_lens_service_get_enabled (mb_lens_service_get_default ());
}

/* Export and print, once there are figures to. */
static void
update_actions (MbYouPage *self)
{
  gboolean shown = self->mirror != NULL &&
                   g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "mirror") == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "you.export", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "you.print", shown);
}

/* you.export and you.print: the figures shown, as a Markdown file or on
 * paper.
 */
static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MbYouPage *self = MB_YOU_PAGE (widget);
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (widget));
  g_autoptr(MbDocument) document = mb_you_page_export_document (self);
  g_autofree char *markdown = NULL;

  if (document == NULL)
    return;

  if (g_str_equal (action_name, "you.print"))
    {
      mb_print_document (window, C_("section", "You"), document);
      return;
    }
  markdown = mb_markdown_write (document);
  mb_export_markdown_to_file (window, C_("section", "You"), markdown,
                              mb_journal_is_protected (mb_section_page_get_journal (MB_SECTION_PAGE (self))));
}

static MbJournal *
journal_of (MbYouPage *self)
{
  return mb_section_page_get_journal (MB_SECTION_PAGE (self));
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* The agreement an overdue promise names, and the conversation it is in. */
static MbAgreement *
find_agreement (MbYouPage             *self,
                const MbMirrorOverdue *overdue,
                MbConversation       **agreed_in)
{
  GListModel *agreements;

  *agreed_in = mb_journal_lookup_conversation (journal_of (self), overdue->conversation_id);
  if (*agreed_in == NULL)
    return NULL;

  agreements = mb_conversation_get_agreements (*agreed_in);
  for (guint i = 0; i < g_list_model_get_n_items (agreements); i++)
    {
      g_autoptr(MbAgreement) agreement = g_list_model_get_item (agreements, i);

      if (g_strcmp0 (mb_agreement_get_id (agreement), overdue->agreement_id) == 0)
        return agreement;
    }
  return NULL;
}

static void
settled_cb (AdwMessageDialog *dialog,
            const char       *response,
            MbYouPage        *self)
{
  if (g_strcmp0 (response, "cancel") != 0)
    refresh (self);
}

static void
settle_cb (MbOpenAgreementRow *row,
           gboolean            kept,
           MbYouPage          *self)
{
  AdwMessageDialog *dialog;

  dialog = mb_settle_dialog_present (GTK_WIDGET (self), mb_open_agreement_row_get_agreement (row),
                                     mb_open_agreement_row_get_agreed_in (row), kept);
  g_signal_connect_object (dialog, "response", G_CALLBACK (settled_cb), self, 0);
}

/* "Anna · due 1 Dec 2026" */
static char *
overdue_subtitle (MbYouPage             *self,
                  const MbMirrorOverdue *overdue)
{
  MbPerson *person = mb_journal_lookup_person (journal_of (self), overdue->person_id);
  g_autofree char *day = mb_wording_date ((GDate *) &overdue->due);
  /* Translators: about an agreement: “due 1 Dec 2026” */
  g_autofree char *due = g_strdup_printf (_("due %s"), day);

  if (person == NULL)
    return g_steal_pointer (&due);
  return g_strconcat (mb_person_get_name (person), " · ", due, NULL);
}

static void
fill_overdue (MbYouPage *self,
              MbMirror  *mirror)
{
  guint shown = 0;

  clear_list (self->overdue_list);
  for (guint i = 0; i < mirror->overdue->len; i++)
    {
      const MbMirrorOverdue *overdue = &g_array_index (mirror->overdue, MbMirrorOverdue, i);
      g_autofree char *subtitle = NULL;
      MbConversation *agreed_in;
      MbAgreement *agreement = find_agreement (self, overdue, &agreed_in);
      GtkWidget *row;

      /* Settled since the figures were computed: no longer overdue. */
      if (agreement == NULL || mb_agreement_get_status (agreement) != MB_AGREEMENT_OPEN)
        continue;
      row = mb_open_agreement_row_new (agreement, agreed_in);
      subtitle = overdue_subtitle (self, overdue);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      /* Deleted since: no longer there to open. */
      if (overdue->repair_id != NULL)
        mb_open_agreement_row_set_repair (MB_OPEN_AGREEMENT_ROW (row), overdue->repair,
                                          mb_journal_lookup_conversation (journal_of (self), overdue->repair_id));
      g_signal_connect_object (row, "settle", G_CALLBACK (settle_cb), self, 0);
      gtk_list_box_append (self->overdue_list, row);
      shown++;
    }
  gtk_widget_set_visible (self->overdue_box, shown > 0);
}

static GtkWidget *
create_person_row (MbYouPage            *self,
                   const MbMirrorPerson *entry)
{
  MbPerson *person = mb_journal_lookup_person (journal_of (self), entry->person_id);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *balance = gtk_label_new (NULL);
  g_autofree char *text = mb_mirror_wording_balance (entry->balance);

  gtk_label_set_text (GTK_LABEL (balance), text);
  gtk_widget_add_css_class (balance, entry->balance > 0 ? "success" : "error");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), balance);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), mb_person_get_name (person));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-person");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", entry->person_id);
  return row;
}

/* The few who gained most, then the few who lost most. */
static void
fill_people (MbYouPage *self,
             MbMirror  *mirror)
{
  GArray *people = mirror->people;
  guint shown = 0;

  clear_list (self->people_list);
  for (guint i = 0; i < people->len; i++)
    {
      const MbMirrorPerson *entry = &g_array_index (people, MbMirrorPerson, i);
      gboolean gained = entry->balance > 0 && i < MAX_PEOPLE;
      gboolean lost = entry->balance < 0 && i + MAX_PEOPLE >= people->len;

      /* Forgotten since: no trace of them. */
      if ((!gained && !lost) || mb_journal_lookup_person (journal_of (self), entry->person_id) == NULL)
        continue;
      gtk_list_box_append (self->people_list, create_person_row (self, entry));
      shown++;
    }
  gtk_widget_set_visible (self->people_box, shown > 0);
}

/* Each scale: its question, and the leader's average on it. */
static void
fill_scales (MbYouPage *self,
             MbMirror  *mirror)
{
  g_autofree char *sentence = mb_mirror_wording_scales (mirror);
  GtkWidget *child;

  gtk_label_set_text (self->scales_label, sentence);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->scales_box))) != NULL)
    gtk_box_remove (self->scales_box, child);
  for (guint i = 0; i < mirror->scales->len; i++)
    {
      const MbMirrorScale *scale = &g_array_index (mirror->scales, MbMirrorScale, i);
      g_autofree char *rating = mb_mirror_wording_scale (scale);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

      mb_add_label (box, scale->question, NULL);
      mb_add_label (box, rating, "dim-label");
      gtk_box_append (self->scales_box, box);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->scales_box), mirror->scales->len > 0);
}

static void
show_mirror (MbYouPage *self,
             MbMirror  *mirror)
{
  MbJournal *journal = journal_of (self);
  g_autofree char *promises = mb_mirror_wording_promises (mirror);
  g_autofree char *trust = mb_mirror_wording_trust (mirror, journal);
  g_autofree char *listening = mb_mirror_wording_listening (mirror);
  g_autofree char *judgement = mb_mirror_wording_judgement (mirror, lens_enabled ());

  gtk_label_set_text (self->promises_label, promises);
  gtk_label_set_text (self->trust_label, trust);
  gtk_label_set_text (self->listening_label, listening);
  gtk_label_set_text (self->judgement_label, judgement);
  mb_mirror_chart_set_months (self->promises_chart, mirror->months);
  fill_overdue (self, mirror);
  fill_people (self, mirror);
  fill_scales (self, mirror);
  gtk_stack_set_visible_child_name (self->stack, "mirror");
}

static void
computed_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(MbYouPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MbMirror) mirror = mb_mirror_compute_finish (result, &error);

  if (mirror == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not compute the mirror: %s", error->message);
      return;
    }

  show_mirror (self, mirror);
  g_clear_pointer (&self->mirror, mb_mirror_free);
  self->mirror = g_steal_pointer (&mirror);
  update_actions (self);
}

/* Computes the figures again, in a worker, instead of any under way. */
static void
refresh (MbYouPage *self)
{
  MbJournal *journal = journal_of (self);
  g_autoptr(GDateTime) now = NULL;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (journal == NULL || !mb_journal_is_loaded (journal))
    return;

  if (g_list_model_get_n_items (mb_journal_get_conversations (journal)) == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      update_actions (self);
      return;
    }

  self->cancellable = g_cancellable_new ();
  now = g_date_time_new_now_local ();
  mb_mirror_compute_async (journal, self->period, now, self->cancellable, computed_cb, g_object_ref (self));
}

static gboolean
refresh_cb (gpointer data)
{
  MbYouPage *self = data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

/* The journal changed: the figures are computed again shortly after,
 * once the changes stop; while the page is not shown, when it is.
 */
static void
queue_refresh (MbYouPage *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->refresh_id = g_timeout_add (REFRESH_DELAY_MS, refresh_cb, self);
}

static void
period_toggled_cb (MbYouPage       *self,
                   GtkToggleButton *button)
{
  if (!gtk_toggle_button_get_active (button))
    return;

  if (button == self->year_button)
    mb_you_page_set_period (self, MB_MIRROR_YEAR);
  else if (button == self->all_button)
    mb_you_page_set_period (self, MB_MIRROR_ALL);
  else
    mb_you_page_set_period (self, MB_MIRROR_QUARTER);
}

static void
mb_you_page_journal_set (MbSectionPage *page,
                         MbJournal     *journal)
{
  MbYouPage *self = MB_YOU_PAGE (page);

  g_signal_connect_object (mb_journal_get_conversations (journal), "items-changed",
                           G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (mb_journal_get_people (journal), "items-changed",
                           G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  /* A conversation or a person changed here, or came in from elsewhere. */
  g_signal_connect_object (journal, "save-state-changed",
                           G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (journal, "merged",
                           G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (journal, "notify::loaded",
                           G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
}

static void
mb_you_page_dispose (GObject *object)
{
  MbYouPage *self = MB_YOU_PAGE (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->mirror, mb_mirror_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), MB_TYPE_YOU_PAGE);

  G_OBJECT_CLASS (mb_you_page_parent_class)->dispose (object);
}

static void
mb_you_page_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_PERIOD:
      g_value_set_int (value, mb_you_page_get_period (MB_YOU_PAGE (object)));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_you_page_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_PERIOD:
      mb_you_page_set_period (MB_YOU_PAGE (object), g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_you_page_class_init (MbYouPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mb_you_page_dispose;
  object_class->get_property = mb_you_page_get_property;
  object_class->set_property = mb_you_page_set_property;
  MB_SECTION_PAGE_CLASS (klass)->journal_set = mb_you_page_journal_set;

  properties[PROP_PERIOD] =
    g_param_spec_int ("period", NULL, NULL,
                      MB_MIRROR_QUARTER, MB_MIRROR_ALL, MB_MIRROR_QUARTER,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/mb-you-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MbYouPage, all_button);
  gtk_widget_class_bind_template_child (widget_class, MbYouPage, judgement_label);
  gtk_widget_class_bind_template_child (widget_class, MbYouPage, scales_label);
  gtk_widget_class_bind_template_child (widget_class, MbYouPage, scales_box);
  gtk_widget_class_bind_template_child (widget_class, MbYouPage, listening_label);
  gtk_widget_class_bind_template_child (widget_class, MbYouPage, overdue_box);
  gtk_widget_class_bind_template_child (widget_class, MbYouPage, overdue_list);
  gtk_widget_class_bind_template_child (widget_class, MbYouPage, people_box);
  gtk_widget_class_bind_template_child (widget_class, MbYouPage, people_list);
  gtk_widget_class_bind_template_child (widget_class, MbYouPage, promises_chart);
  gtk_widget_class_bind_template_child (widget_class, MbYouPage, promises_label);
  gtk_widget_class_bind_template_child (widget_class, MbYouPage, quarter_button);
  gtk_widget_class_bind_template_child (widget_class, MbYouPage, stack);
  gtk_widget_class_bind_template_child (widget_class, MbYouPage, trust_label);
  gtk_widget_class_bind_template_child (widget_class, MbYouPage, year_button);
  gtk_widget_class_bind_template_callback (widget_class, period_toggled_cb);

  gtk_widget_class_install_action (widget_class, "you.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "you.print", NULL, export_action);

  g_type_ensure (MB_TYPE_MIRROR_CHART);
}

static void
mb_you_page_init (MbYouPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_actions (self);

  /* Shown: the figures as they are now. */
  g_signal_connect (self, "map", G_CALLBACK (refresh), NULL);
}

MbMirrorPeriod
mb_you_page_get_period (MbYouPage *self)
{
  g_return_val_if_fail (MB_IS_YOU_PAGE (self), MB_MIRROR_QUARTER);

  return self->period;
}

/**
 * mb_you_page_set_period:
 *
 * Shows the figures over @period: computed again, and the period's
 * button pressed.
 */
void
mb_you_page_set_period (MbYouPage      *self,
                        MbMirrorPeriod  period)
{
  GtkToggleButton *buttons[] = { self->quarter_button, self->year_button, self->all_button };

  g_return_if_fail (MB_IS_YOU_PAGE (self));
  g_return_if_fail (period <= MB_MIRROR_ALL);

  if (self->period == period)
    return;

  self->period = period;
  gtk_toggle_button_set_active (buttons[period], TRUE);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERIOD]);
}

/**
 * mb_you_page_export_document:
 *
 * Returns: (transfer full) (nullable): the figures shown, as a document
 *   to export or print; %NULL while there are none
 */
MbDocument *
mb_you_page_export_document (MbYouPage *self)
{
  g_return_val_if_fail (MB_IS_YOU_PAGE (self), NULL);

  if (self->mirror == NULL)
    return NULL;
  return mb_mirror_export_document (self->mirror, journal_of (self), lens_enabled ());
}
