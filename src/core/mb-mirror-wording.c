/* mb-mirror-wording.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The plain sentences under each block of the leader's mirror: "You
 * kept 9 of your 11 promises in the last three months. 2 promises are
 * overdue."
 */

#define G_LOG_DOMAIN "mb-mirror-wording"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-mirror-wording.h"
#include "mb-wording.h"

#define ABOUT_AS_PLANNED 5  /* percent off the plan that still counts as on it */

/* The @n sentences of @parts that are not NULL, one after the other. */
static char *
join (const char * const *parts,
      guint               n)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      if (parts[i] == NULL)
        continue;
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, parts[i]);
    }
  return g_string_free (text, FALSE);
}

static char *
promises_kept (const MbMirror *mirror)
{
  switch (mirror->period)
    {
    case MB_MIRROR_QUARTER:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "You kept %u of your %u promise in the last three months.",
                                           "You kept %u of your %u promises in the last three months.", mirror->promises),
                              mirror->kept, mirror->promises);
    case MB_MIRROR_YEAR:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "You kept %u of your %u promise in the last twelve months.",
                                           "You kept %u of your %u promises in the last twelve months.", mirror->promises),
                              mirror->kept, mirror->promises);
    case MB_MIRROR_ALL:
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "You kept %u of your %u promise so far.",
                                           "You kept %u of your %u promises so far.", mirror->promises),
                              mirror->kept, mirror->promises);
    }
}

static const char *
no_promises (MbMirrorPeriod period)
{
  switch (period)
    {
    case MB_MIRROR_QUARTER:
      return _("You made no promises in the last three months.");
    case MB_MIRROR_YEAR:
      return _("You made no promises in the last twelve months.");
    case MB_MIRROR_ALL:
    default:
      return _("You have made no promises yet.");
    }
}

/* "You talked through 2 of your 3 broken promises. A conversation
 * about 1 of them is planned." NULL when none was broken.
 */
static char *
promises_repaired (const MbMirror *mirror)
{
  g_autofree char *talked = NULL;
  g_autofree char *planned = NULL;

  if (mirror->broken == 0)
    return NULL;

  /* Translators: a broken promise is one not kept, or still open past its day */
  talked = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "You talked through %u of your %u broken promise.",
                                         "You talked through %u of your %u broken promises.",
                                         mirror->broken),
                            mirror->broken_talked, mirror->broken);
  if (mirror->broken_planned == 0)
    return g_steal_pointer (&talked);

  planned = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "A conversation about %u of them is planned.",
                                          "Conversations about %u of them are planned.",
                                          mirror->broken_planned),
                             mirror->broken_planned);
  return g_strconcat (talked, " ", planned, NULL);
}

/**
 * mb_mirror_wording_promises:
 *
 * Returns: (transfer full): how many of the leader's promises of the
 *   period were kept and renegotiated, how many of any time are overdue,
 *   and how many of the broken ones were talked through
 */
char *
mb_mirror_wording_promises (const MbMirror *mirror)
{
  g_autofree char *kept = NULL;
  g_autofree char *renegotiated = NULL;
  g_autofree char *overdue = NULL;
  g_autofree char *repaired = NULL;
  const char *parts[4];

  g_return_val_if_fail (mirror != NULL, NULL);

  kept = mirror->promises > 0 ? promises_kept (mirror) : g_strdup (no_promises (mirror->period));
  if (mirror->renegotiated > 0)
    renegotiated = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "You renegotiated %u of them.",
                                                 "You renegotiated %u of them.", mirror->renegotiated),
                                    mirror->renegotiated);
  if (mirror->overdue->len > 0)
    overdue = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u promise is overdue.", "%u promises are overdue.",
                                            mirror->overdue->len),
                               mirror->overdue->len);
  repaired = promises_repaired (mirror);
  parts[0] = kept;
  parts[1] = renegotiated;
  parts[2] = overdue;
  parts[3] = repaired;
  return join (parts, G_N_ELEMENTS (parts));
}

/**
 * mb_mirror_wording_repair:
 *
 * Returns: (transfer full) (nullable): whether @overdue was talked about
 *   or a conversation about it is planned, and when: “Talked about on
 *   3 Dec 2026”; %NULL when neither
 */
char *
mb_mirror_wording_repair (const MbMirrorOverdue *overdue)
{
  g_autofree char *day = NULL;

  g_return_val_if_fail (overdue != NULL, NULL);

  if (overdue->repair == MB_REPAIR_NONE)
    return NULL;
  day = g_date_valid (&overdue->repair_day) ? mb_wording_date ((GDate *) &overdue->repair_day) : g_strdup ("");
  if (overdue->repair == MB_REPAIR_HELD)
    /* Translators: about an overdue promise: “Talked about on 3 Dec 2026” */
    return g_strdup_printf (_("Talked about on %s"), day);
  /* Translators: about an overdue promise: “Conversation planned for 8 Dec 2026” */
  return g_strdup_printf (_("Conversation planned for %s"), day);
}

/**
 * mb_mirror_wording_balance:
 *
 * Returns: (transfer full): @balance with its sign: “+3”, “−2”, “0”
 */
char *
mb_mirror_wording_balance (int balance)
{
  if (balance < 0)
    return g_strdup_printf ("−%d", -balance);
  return g_strdup_printf (balance > 0 ? "+%d" : "%d", balance);
}

/* "Trust grew most with Anna (+3)." and the like, for the first or the
 * last of the people; NULL when they gained (or lost) nothing.
 */
static char *
most (const MbMirror *mirror,
      MbJournal      *journal,
      gboolean        gained)
{
  const MbMirrorPerson *entry;
  g_autofree char *balance = NULL;
  MbPerson *person;

  if (mirror->people->len == 0)
    return NULL;
  entry = &g_array_index (mirror->people, MbMirrorPerson, gained ? 0 : mirror->people->len - 1);
  person = mb_journal_lookup_person (journal, entry->person_id);
  if (person == NULL || (gained ? entry->balance <= 0 : entry->balance >= 0))
    return NULL;

  balance = mb_mirror_wording_balance (entry->balance);
  /* Translators: a person's name, then the marbles in less the marbles out, “+3” */
  return g_strdup_printf (gained ? _("Trust grew most with %s (%s).") : _("It fell most with %s (%s)."),
                          mb_person_get_name (person), balance);
}

/**
 * mb_mirror_wording_trust:
 *
 * Returns: (transfer full): the marbles in and out across everyone, and
 *   with whom trust grew and fell most
 */
char *
mb_mirror_wording_trust (const MbMirror *mirror,
                         MbJournal      *journal)
{
  g_autofree char *moved = NULL;
  g_autofree char *grew = NULL;
  g_autofree char *fell = NULL;

  g_return_val_if_fail (mirror != NULL, NULL);

  if (mirror->marbles_in + mirror->marbles_out == 0)
    return g_strdup (_("No marbles went in or out in this period."));

  moved = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "Across everyone, %u marble went in and %u came out.",
                                        "Across everyone, %u marbles went in and %u came out.",
                                        mirror->marbles_in),
                           mirror->marbles_in, mirror->marbles_out);
  grew = most (mirror, journal, TRUE);
  fell = most (mirror, journal, FALSE);
  return g_strjoin (" ", moved, grew != NULL ? grew : fell, grew != NULL ? fell : NULL, NULL);
}

/* How long the leader's talks took against the time their scripts plan. */
static char *
listening_time (const MbMirror *mirror)
{
  g_autofree char *took = NULL;
  g_autofree char *over = NULL;
  gint64 percent;

  if (mirror->timed == 0 || mirror->planned_seconds <= 0)
    return g_strdup (_("None of your talks in this period ran with the timer against a planned length."));

  /* How far off the plan, in whole percent, rounded */
  percent = (ABS (mirror->talk_seconds - mirror->planned_seconds) * 100 + mirror->planned_seconds / 2) /
            mirror->planned_seconds;
  if (percent < ABOUT_AS_PLANNED)
    took = g_strdup (_("Your talks took about as long as planned."));
  else if (mirror->talk_seconds > mirror->planned_seconds)
    took = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Your talks took %d%% longer than planned.",
                                         "Your talks took %d%% longer than planned.", percent),
                            (int) percent);
  else
    took = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Your talks took %d%% less time than planned.",
                                         "Your talks took %d%% less time than planned.", percent),
                            (int) percent);
  over = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Measured over %u talk with the timer on.",
                                       "Measured over %u talks with the timer on.", mirror->timed),
                          mirror->timed);
  return g_strconcat (took, " ", over, NULL);
}

/* "In 7 of your 10 conversations, the other person did most of the
 * talking." From the reflection's scale that asks it; NULL when the
 * leader never answered it.
 */
static char *
listening_talking (const MbMirror *mirror)
{
  if (mirror->talking_answers == 0)
    return NULL;
  /* Translators: counted from the answers to “Who did most of the talking?” after a conversation */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "In %u of your %u conversation where you said who did most of the talking, "
                                       "the other person did; you did in %u.",
                                       "In %u of your %u conversations where you said who did most of the talking, "
                                       "the other person did; you did in %u.",
                                       mirror->talking_answers),
                          mirror->talking_theirs, mirror->talking_answers, mirror->talking_mine);
}

/**
 * mb_mirror_wording_listening:
 *
 * Returns: (transfer full): how long the leader's talks took against the
 *   time their scripts plan, and who did most of the talking
 */
char *
mb_mirror_wording_listening (const MbMirror *mirror)
{
  g_autofree char *took = NULL;
  g_autofree char *talking = NULL;
  const char *parts[2];

  g_return_val_if_fail (mirror != NULL, NULL);

  took = listening_time (mirror);
  talking = listening_talking (mirror);
  parts[0] = took;
  parts[1] = talking;
  return join (parts, G_N_ELEMENTS (parts));
}

/**
 * mb_mirror_wording_judgement:
 * @lens_enabled: whether the judgement lens is on
 *
 * Returns: (transfer full): how many phrases the lens flagged in the
 *   leader's notes, and how many of them the leader rephrased
 */
char *
mb_mirror_wording_judgement (const MbMirror *mirror,
                             gboolean        lens_enabled)
{
  g_return_val_if_fail (mirror != NULL, NULL);

  if (mirror->lens_flagged > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The judgement lens flagged %u phrase in your notes; you rephrased %u.",
                                         "The judgement lens flagged %u phrases in your notes; you rephrased %u.",
                                         mirror->lens_flagged),
                            mirror->lens_flagged, mirror->lens_rephrased);
  if (!lens_enabled)
    return g_strdup (_("The judgement lens is off, so it flagged nothing. You can turn it on in the main menu."));
  return g_strdup (_("The judgement lens flagged nothing in your notes in this period."));
}

/**
 * mb_mirror_wording_scales:
 *
 * Returns: (transfer full): what the leader's ratings of themselves on
 *   the reflection's scales are, or that there are none
 */
char *
mb_mirror_wording_scales (const MbMirror *mirror)
{
  g_return_val_if_fail (mirror != NULL, NULL);

  if (mirror->scales->len == 0)
    return g_strdup (_("You rated yourself on no scale in this period. Several scripts ask you to, "
                       "in their Reflection."));
  return g_strdup (_("Your ratings of yourself after your conversations, on average, from 1 to 5:"));
}

/**
 * mb_mirror_wording_scale:
 *
 * Returns: (transfer full): the leader's average on @scale, with how many
 *   ratings it comes from and what its ends mean
 */
char *
mb_mirror_wording_scale (const MbMirrorScale *scale)
{
  g_autofree char *average = NULL;

  g_return_val_if_fail (scale != NULL && scale->answers > 0, NULL);

  average = g_strdup_printf ("%.1f", (double) scale->sum / scale->answers);
  /* Translators: “3.4 of 5, from 6 ratings (1 is “Hardly”, 5 is “The whole time”)” */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of 5, from %u rating (1 is “%s”, 5 is “%s”)",
                                       "%s of 5, from %u ratings (1 is “%s”, 5 is “%s”)", scale->answers),
                          average, scale->answers, scale->min_label, scale->max_label);
}
