/* test-wording.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "core-util.h"
#include "mb-wording.h"

static void
test_days (void)
{
  g_autoptr(GDateTime) when = g_date_time_new_local (2026, 3, 5, 9, 0, 0);
  g_autoptr(GDate) date = g_date_new_dmy (24, G_DATE_NOVEMBER, 2026);
  g_autofree char *day = mb_wording_day (when);
  g_autofree char *due = mb_wording_date (date);

  g_assert_cmpstr (day, ==, "5 Mar 2026");
  g_assert_cmpstr (due, ==, "24 Nov 2026");
}

/* The choices of a drop-down are in the order of the values. */
static void
test_choices (void)
{
  g_autofree const char **promisers = mb_wording_promisers ();
  g_autofree const char **statuses = mb_wording_statuses ();

  g_assert_cmpstrv (promisers, ((const char *[]) { "I promised", "They promised", "We both promised", NULL }));
  for (MbPromisedBy i = MB_PROMISED_BY_ME; i <= MB_PROMISED_BY_BOTH; i++)
    g_assert_cmpstr (promisers[i], ==, mb_wording_promiser (i));
  /* And back: the choice at each position is who it names. */
  for (guint i = 0; promisers[i] != NULL; i++)
    g_assert_cmpstr (mb_wording_promiser (mb_wording_promiser_at (i)), ==, promisers[i]);

  g_assert_cmpstrv (statuses, ((const char *[]) { "Open", "Kept", "Not Kept", NULL }));
  for (MbAgreementStatus i = MB_AGREEMENT_OPEN; i <= MB_AGREEMENT_NOT_KEPT; i++)
    g_assert_cmpstr (statuses[i], ==, mb_wording_status (i));

  g_assert_cmpstr (mb_wording_status_in_line (MB_AGREEMENT_OPEN), ==, "open");
  g_assert_cmpstr (mb_wording_status_in_line (MB_AGREEMENT_KEPT), ==, "kept");
  g_assert_cmpstr (mb_wording_status_in_line (MB_AGREEMENT_NOT_KEPT), ==, "not kept");
}

/* The line about an agreement says what it has and what is asked. */
static void
test_agreement (void)
{
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) conversation = mb_conversation_new ("sanne", script, NULL);
  g_autoptr(GDate) due = g_date_new_dmy (1, G_DATE_DECEMBER, 2026);
  g_autoptr(GDateTime) agreed = g_date_time_new_local (2026, 11, 1, 9, 0, 0);
  MbAgreement *mine = mb_conversation_add_agreement (conversation, "Send the plan", MB_PROMISED_BY_ME, due);
  MbAgreement *theirs = mb_conversation_add_agreement (conversation, "Report", MB_PROMISED_BY_THEM, NULL);
  g_auto(GStrv) parts = mb_wording_agreement_parts (mine, agreed, TRUE);
  g_autofree char *all = mb_wording_agreement (mine, agreed, TRUE);
  g_autofree char *who_and_due = mb_wording_agreement (mine, NULL, FALSE);
  g_autofree char *who = mb_wording_agreement (theirs, NULL, FALSE);
  g_autofree char *kept = NULL;

  g_assert_cmpstrv (parts, ((const char *[]) { "I promised", "due 1 Dec 2026", "agreed 1 Nov 2026", "open", NULL }));
  g_assert_cmpstr (all, ==, "I promised · due 1 Dec 2026 · agreed 1 Nov 2026 · open");
  g_assert_cmpstr (who_and_due, ==, "I promised · due 1 Dec 2026");
  g_assert_cmpstr (who, ==, "They promised");

  mb_agreement_set_status (theirs, MB_AGREEMENT_KEPT);
  kept = mb_wording_agreement (theirs, NULL, TRUE);
  g_assert_cmpstr (kept, ==, "They promised · kept");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/wording/days", test_days);
  g_test_add_func ("/wording/choices", test_choices);
  g_test_add_func ("/wording/agreement", test_agreement);

  return g_test_run ();
}
