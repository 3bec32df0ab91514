/* mb-rows.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* List rows and text that more than one page shows. */

#define G_LOG_DOMAIN "mb-rows"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-problem.h"
#include "mb-rows.h"

/**
 * mb_problem_row_new:
 * @item: a #MbProblem
 *
 * A #GtkListBoxCreateWidgetFunc for a file that could not be loaded:
 * its name, and why.
 */
GtkWidget *
mb_problem_row_new (gpointer item,
                    gpointer user_data)
{
  MbProblem *problem = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  g_autofree char *name = g_file_get_basename (mb_problem_get_file (problem));

  gtk_widget_add_css_class (icon, "warning");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), mb_problem_get_message (problem));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  return row;
}

/**
 * mb_format_day:
 *
 * Returns: (transfer full): the day of @when as the user reads it,
 *   such as “24 Nov 2026”
 */
char *
mb_format_day (GDateTime *when)
{
  /* Translators: how a day is shown, in strftime() format: “24 Nov 2026” */
  return g_strchug (g_date_time_format (when, _("%-d %b %Y")));
}
