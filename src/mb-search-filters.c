/* mb-search-filters.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What a search of the conversations keeps to: a person, a script, the
 * phase the words were written in and a range of days. A popover, made
 * the first time it is asked for, so it costs nothing at start-up.
 */

#define G_LOG_DOMAIN "mb-search-filters"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-search-filters.h"
#include "mb-widgets.h"
#include "mb-wording.h"

struct _MbSearchFilters
{
  GtkPopover   parent_instance;

  MbJournal   *journal;
  GPtrArray   *person_ids;  /* of the person choices, after "Everyone" */
  GPtrArray   *script_ids;  /* of the script choices, after "Any Script" */
  GDate        from;
  GDate        to;
  gboolean     choosing;    /* the choices being filled in, not chosen */

  /* Template widgets */
  AdwComboRow   *person_row;
  AdwComboRow   *script_row;
  AdwComboRow   *phase_row;
  GtkMenuButton *from_button;
  GtkMenuButton *to_button;
  GtkCalendar   *from_calendar;
  GtkCalendar   *to_calendar;
  GtkWidget     *clear_filters_button;
};

G_DEFINE_FINAL_TYPE (MbSearchFilters, mb_search_filters, GTK_TYPE_POPOVER)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
changed_cb (MbSearchFilters *self)
{
  if (self->choosing)
    return;

  gtk_widget_set_sensitive (self->clear_filters_button, mb_search_filters_is_active (self));
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
set_day_label (GtkMenuButton *button,
               const GDate   *day)
{
  g_autofree char *label = NULL;

  if (g_date_valid (day))
    {
      g_autoptr(GDateTime) when = g_date_time_new_local (g_date_get_year (day), g_date_get_month (day),
                                                        g_date_get_day (day), 0, 0, 0);

      label = mb_wording_day (when);
    }
  gtk_menu_button_set_label (button, label != NULL ? label : _("Any Day"));
}

static void
set_day (MbSearchFilters *self,
         GtkMenuButton   *button,
         GDate           *day,
         GtkCalendar     *calendar)
{
  if (calendar != NULL)
    {
      g_autoptr(GDateTime) when = gtk_calendar_get_date (calendar);

      g_date_set_dmy (day, g_date_time_get_day_of_month (when), g_date_time_get_month (when),
                      g_date_time_get_year (when));
    }
  else
    g_date_clear (day, 1);

  set_day_label (button, day);
  gtk_menu_button_popdown (button);
  changed_cb (self);
}

static void
from_day_selected_cb (MbSearchFilters *self)
{
  set_day (self, self->from_button, &self->from, self->from_calendar);
}

static void
from_any_day_cb (MbSearchFilters *self)
{
  set_day (self, self->from_button, &self->from, NULL);
}

static void
to_day_selected_cb (MbSearchFilters *self)
{
  set_day (self, self->to_button, &self->to, self->to_calendar);
}

static void
to_any_day_cb (MbSearchFilters *self)
{
  set_day (self, self->to_button, &self->to, NULL);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate ((*(const char ***) a)[0], (*(const char ***) b)[0]);
}

/* Fills a filter's choices from @table (id → name), sorted by name,
 * keeping what was chosen.
 */
static void
set_choices (AdwComboRow *row,
             GPtrArray   *ids,
             GHashTable  *table,
             const char  *any)
{
  g_autofree char *chosen = NULL;
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GHashTableIter iter;
  gpointer id, name;
  guint selected = adw_combo_row_get_selected (row);

  if (selected > 0 && selected <= ids->len)
    chosen = g_strdup (g_ptr_array_index (ids, selected - 1));

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &id, &name))
    {
      const char **pair = g_new (const char *, 2);

      pair[0] = name;
      pair[1] = id;
      g_ptr_array_add (pairs, pair);
    }
  g_ptr_array_sort (pairs, compare_names);

  g_ptr_array_set_size (ids, 0);
  gtk_string_list_append (names, any);
  selected = 0;
  for (guint i = 0; i < pairs->len; i++)
    {
      const char **pair = g_ptr_array_index (pairs, i);

      gtk_string_list_append (names, pair[0]);
      g_ptr_array_add (ids, g_strdup (pair[1]));
      if (g_strcmp0 (pair[1], chosen) == 0)
        selected = i + 1;
    }

  adw_combo_row_set_model (row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (row, selected);
}

/* The choices, from the journal as it is now. */
static void
mb_search_filters_show (GtkWidget *widget)
{
  MbSearchFilters *self = MB_SEARCH_FILTERS (widget);
  GListModel *people = mb_journal_get_people (self->journal);
  GListModel *conversations = mb_journal_get_conversations (self->journal);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GHashTable) titles = g_hash_table_new (g_str_hash, g_str_equal);

  /* Everyone, and every script a conversation was held with. */
  for (guint i = 0; i < g_list_model_get_n_items (people); i++)
    {
      g_autoptr(MbPerson) person = g_list_model_get_item (people, i);

      g_hash_table_insert (names, (gpointer) mb_person_get_id (person), mb_display_name (mb_person_get_name (person)));
    }
  for (guint i = 0; i < g_list_model_get_n_items (conversations); i++)
    {
      g_autoptr(MbConversation) conversation = g_list_model_get_item (conversations, i);
      MbScript *script = mb_conversation_get_script (conversation);

      g_hash_table_insert (titles, (gpointer) mb_script_get_id (script),
                           (gpointer) mb_localized_get (mb_script_get_title (script)));
    }

  self->choosing = TRUE;
  set_choices (self->person_row, self->person_ids, names, _("Everyone"));
  set_choices (self->script_row, self->script_ids, titles, _("Any Script"));
  self->choosing = FALSE;
  changed_cb (self);

  GTK_WIDGET_CLASS (mb_search_filters_parent_class)->show (widget);
}

static void
clear_cb (MbSearchFilters *self)
{
  self->choosing = TRUE;
  adw_combo_row_set_selected (self->person_row, 0);
  adw_combo_row_set_selected (self->script_row, 0);
  adw_combo_row_set_selected (self->phase_row, 0);
  g_date_clear (&self->from, 1);
  g_date_clear (&self->to, 1);
  set_day_label (self->from_button, &self->from);
  set_day_label (self->to_button, &self->to);
  self->choosing = FALSE;
  changed_cb (self);
}

static void
mb_search_filters_dispose (GObject *object)
{
  MbSearchFilters *self = MB_SEARCH_FILTERS (object);

  g_clear_object (&self->journal);
  g_clear_pointer (&self->person_ids, g_ptr_array_unref);
  g_clear_pointer (&self->script_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (mb_search_filters_parent_class)->dispose (object);
}

static void
mb_search_filters_class_init (MbSearchFiltersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mb_search_filters_dispose;
  widget_class->show = mb_search_filters_show;

  /**
   * MbSearchFilters::changed:
   *
   * Something was chosen.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/mb-search-filters.ui");
  gtk_widget_class_bind_template_child (widget_class, MbSearchFilters, person_row);
  gtk_widget_class_bind_template_child (widget_class, MbSearchFilters, script_row);
  gtk_widget_class_bind_template_child (widget_class, MbSearchFilters, phase_row);
  gtk_widget_class_bind_template_child (widget_class, MbSearchFilters, from_button);
  gtk_widget_class_bind_template_child (widget_class, MbSearchFilters, to_button);
  gtk_widget_class_bind_template_child (widget_class, MbSearchFilters, from_calendar);
  gtk_widget_class_bind_template_child (widget_class, MbSearchFilters, to_calendar);
  gtk_widget_class_bind_template_child (widget_class, MbSearchFilters, clear_filters_button);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_cb);
  gtk_widget_class_bind_template_callback (widget_class, from_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, from_any_day_cb);
  gtk_widget_class_bind_template_callback (widget_class, to_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, to_any_day_cb);
}

static void
mb_search_filters_init (MbSearchFilters *self)
{
  self->person_ids = g_ptr_array_new_with_free_func (g_free);
  self->script_ids = g_ptr_array_new_with_free_func (g_free);
  g_date_clear (&self->from, 1);
  g_date_clear (&self->to, 1);
  gtk_widget_init_template (GTK_WIDGET (self));
  set_day_label (self->from_button, &self->from);
  set_day_label (self->to_button, &self->to);
  gtk_widget_set_sensitive (self->clear_filters_button, FALSE);
}

/**
 * mb_search_filters_new:
 *
 * Returns: (transfer floating): the filters, all at "any", with choices
 *   from @journal each time they are shown
 */
GtkWidget *
mb_search_filters_new (MbJournal *journal)
{
  MbSearchFilters *self;

  g_return_val_if_fail (MB_IS_JOURNAL (journal), NULL);

  self = g_object_new (MB_TYPE_SEARCH_FILTERS, NULL);
  self->journal = g_object_ref (journal);
  return GTK_WIDGET (self);
}

/**
 * mb_search_filters_get:
 *
 * Fills @filter with what is chosen; its strings and days stay valid
 * until the choices change.
 */
void
mb_search_filters_get (MbSearchFilters *self,
                       MbSearchFilter  *filter)
{
  /* As the phase row lists them, after “Any Phase” */
  static const MbPhase phases[] = { MB_PHASE_PREPARE, MB_PHASE_TALK, MB_PHASE_REFLECT };
  guint person, script, phase;

  g_return_if_fail (MB_IS_SEARCH_FILTERS (self));

  person = adw_combo_row_get_selected (self->person_row);
  script = adw_combo_row_get_selected (self->script_row);
  phase = adw_combo_row_get_selected (self->phase_row);

  /* The first choice of each is "any". */
  filter->person_id = person > 0 && person <= self->person_ids->len ? g_ptr_array_index (self->person_ids, person - 1) : NULL;
  filter->script_id = script > 0 && script <= self->script_ids->len ? g_ptr_array_index (self->script_ids, script - 1) : NULL;
  filter->phase = phase > 0 && phase <= G_N_ELEMENTS (phases) ? (int) phases[phase - 1] : -1;
  filter->from = g_date_valid (&self->from) ? &self->from : NULL;
  filter->to = g_date_valid (&self->to) ? &self->to : NULL;
}

/**
 * mb_search_filters_is_active:
 *
 * Returns: whether any filter keeps to something
 */
gboolean
mb_search_filters_is_active (MbSearchFilters *self)
{
  MbSearchFilter filter;

  mb_search_filters_get (self, &filter);
  return filter.person_id != NULL || filter.script_id != NULL || filter.phase >= 0 ||
         filter.from != NULL || filter.to != NULL;
}
