/* mb-wording.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* How Marbles words what the window, the export and the print all show:
 * a day, who promised an agreement, whether it was kept, and the line
 * that describes an agreement (“I promised · due 1 Dec 2026 · open”).
 * Said here once, so they say it the same way, in the user's language.
 */

#define G_LOG_DOMAIN "mb-wording"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-wording.h"

/* The separator between the parts of a line about an agreement. */
#define PART_SEPARATOR " · "

/**
 * mb_wording_day:
 *
 * Returns: (transfer full): the day of @when as the user reads it,
 *   such as “24 Nov 2026”
 */
char *
mb_wording_day (GDateTime *when)
{
  g_return_val_if_fail (when != NULL, NULL);

  /* Translators: how a day is shown, in strftime() format: “24 Nov 2026” */
  return g_strchug (g_date_time_format (when, _("%-d %b %Y")));
}

/**
 * mb_wording_moment:
 *
 * Returns: (transfer full): the day and time of @when as the user reads
 *   them, such as “24 Nov 2026, 14:05”
 */
char *
mb_wording_moment (GDateTime *when)
{
  g_return_val_if_fail (when != NULL, NULL);

  /* Translators: how a day and a time are shown, in strftime() format: “24 Nov 2026, 14:05” */
  return g_strchug (g_date_time_format (when, _("%-d %b %Y, %H:%M")));
}

/**
 * mb_wording_date:
 *
 * Returns: (transfer full): @date as mb_wording_day() shows a day, or
 *   an empty string when it cannot be shown
 */
char *
mb_wording_date (GDate *date)
{
  char text[64];

  g_return_val_if_fail (date != NULL, NULL);

  if (g_date_strftime (text, sizeof text, _("%-d %b %Y"), date) == 0)
    return g_strdup ("");
  return g_strdup (g_strchug (text));
}

/**
 * mb_wording_promiser:
 *
 * Returns: who promised, said by the leader: “I promised”, “They
 *   promised” or “We both promised”
 */
const char *
mb_wording_promiser (MbPromisedBy promised_by)
{
  switch (promised_by)
    {
    case MB_PROMISED_BY_THEM:
      return _("They promised");
    case MB_PROMISED_BY_BOTH:
      return _("We both promised");
    case MB_PROMISED_BY_ME:
    default:
      return _("I promised");
    }
}

/**
 * mb_wording_promisers:
 *
 * Returns: (transfer container): every mb_wording_promiser(), in the
 *   order of #MbPromisedBy, ending in %NULL: the choices of a drop-down
 *   whose position is the value; free with g_free()
 */
const char **
mb_wording_promisers (void)
{
  const char **promisers = g_new0 (const char *, MB_PROMISED_BY_BOTH + 2);

  for (int i = MB_PROMISED_BY_ME; i <= MB_PROMISED_BY_BOTH; i++)
    promisers[i] = mb_wording_promiser (i);
  return promisers;
}

/**
 * mb_wording_promiser_at:
 * @position: of a choice in mb_wording_promisers()
 *
 * Returns: who promised, as chosen at @position in a drop-down of
 *   mb_wording_promisers()
 */
MbPromisedBy
mb_wording_promiser_at (guint position)
{
  g_autoptr(GEnumClass) promisers = g_type_class_ref (MB_TYPE_PROMISED_BY);

  g_return_val_if_fail (position < promisers->n_values, MB_PROMISED_BY_ME);

  return promisers->values[position].value;
}

/**
 * mb_wording_status:
 *
 * Returns: the status of an agreement on its own, as a choice or a
 *   label: “Open”, “Kept” or “Not Kept”
 */
const char *
mb_wording_status (MbAgreementStatus status)
{
  switch (status)
    {
    case MB_AGREEMENT_KEPT:
      return _("Kept");
    case MB_AGREEMENT_NOT_KEPT:
      return _("Not Kept");
    case MB_AGREEMENT_OPEN:
    default:
      return _("Open");
    }
}

/**
 * mb_wording_statuses:
 *
 * Returns: (transfer container): every mb_wording_status(), in the
 *   order of #MbAgreementStatus, ending in %NULL; free with g_free()
 */
const char **
mb_wording_statuses (void)
{
  const char **statuses = g_new0 (const char *, MB_AGREEMENT_NOT_KEPT + 2);

  for (int i = MB_AGREEMENT_OPEN; i <= MB_AGREEMENT_NOT_KEPT; i++)
    statuses[i] = mb_wording_status (i);
  return statuses;
}

/**
 * mb_wording_status_in_line:
 *
 * Returns: the status of an agreement within a line about it: “open”,
 *   “kept” or “not kept”
 */
const char *
mb_wording_status_in_line (MbAgreementStatus status)
{
  switch (status)
    {
    case MB_AGREEMENT_KEPT:
      return C_("agreement", "kept");
    case MB_AGREEMENT_NOT_KEPT:
      return C_("agreement", "not kept");
    case MB_AGREEMENT_OPEN:
    default:
      return C_("agreement", "open");
    }
}

/**
 * mb_wording_agreement_parts:
 * @agreed: (nullable): the day the agreement was made, to say it; it is
 *   said where agreements of more than one conversation are together
 * @with_status: whether to say if it was kept
 *
 * Returns: (transfer full): the parts of the line about @agreement, in
 *   order: who promised it, when it is due, when it was agreed and
 *   whether it was kept, leaving out those it does not have or that were
 *   not asked for; its text is not one of them
 */
GStrv
mb_wording_agreement_parts (MbAgreement *agreement,
                            GDateTime   *agreed,
                            gboolean     with_status)
{
  GPtrArray *parts;
  GDate *due;

  g_return_val_if_fail (MB_IS_AGREEMENT (agreement), NULL);

  parts = g_ptr_array_new ();
  due = mb_agreement_get_due (agreement);
  g_ptr_array_add (parts, g_strdup (mb_wording_promiser (mb_agreement_get_promised_by (agreement))));
  if (due != NULL)
    {
      g_autofree char *day = mb_wording_date (due);

      /* Translators: about an agreement: “due 1 Dec 2026” */
      g_ptr_array_add (parts, g_strdup_printf (_("due %s"), day));
    }
  if (agreed != NULL)
    {
      g_autofree char *day = mb_wording_day (agreed);

      /* Translators: about an agreement: the day it was made, “agreed 1 Nov 2026” */
      g_ptr_array_add (parts, g_strdup_printf (_("agreed %s"), day));
    }
  if (with_status)
    g_ptr_array_add (parts, g_strdup (mb_wording_status_in_line (mb_agreement_get_status (agreement))));
  g_ptr_array_add (parts, NULL);

  return (GStrv) g_ptr_array_free (parts, FALSE);
}

/**
 * mb_wording_agreement:
 *
 * Returns: (transfer full): the parts of mb_wording_agreement_parts() as
 *   one line: “I promised · due 1 Dec 2026 · open”
 */
char *
mb_wording_agreement (MbAgreement *agreement,
                      GDateTime   *agreed,
                      gboolean     with_status)
{
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (MB_IS_AGREEMENT (agreement), NULL);

  parts = mb_wording_agreement_parts (agreement, agreed, with_status);
  return g_strjoinv (PART_SEPARATOR, parts);
}
