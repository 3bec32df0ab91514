/* mb-mirror.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mb-journal.h"
#include "mb-promise-talk.h"

G_BEGIN_DECLS

/* The time the leader looks back over. */
typedef enum
{
  MB_MIRROR_QUARTER, /* the last three months */
  MB_MIRROR_YEAR,    /* the last twelve months */
  MB_MIRROR_ALL,
} MbMirrorPeriod;

/* The scale of the reflection that asks who did most of the talking:
 * 1 is the leader, 5 the other person.
 */
#define MB_MIRROR_TALKING_SCALE "scale-talking"

/* One of the leader's promises that is open past its day. */
typedef struct
{
  char     *conversation_id;
  char     *agreement_id;
  char     *person_id;
  char     *text;
  GDate     due;
  MbRepair  repair;     /* whether a conversation about it was planned or held */
  char     *repair_id;  /* that conversation, or NULL */
  GDate     repair_day; /* the day it was or is planned for; invalid when none */
} MbMirrorOverdue;

/* How trust went with one person over the period. */
typedef struct
{
  char *person_id;
  int   balance;    /* marbles in less marbles out */
} MbMirrorPerson;

/* One month of the period, the oldest first. */
typedef struct
{
  GDateYear  year;
  GDateMonth month;
  guint      made;      /* promises of the leader's in that month's conversations */
  guint      kept;
  guint      not_kept;
} MbMirrorMonth;

/* The answers on one scale in one month of the period. */
typedef struct
{
  guint answers;
  guint sum;       /* of the values, 1 to 5 each */
} MbMirrorScaleMonth;

/* A scale of the reflection, the same in every script that asks it (by
 * its id), over the period.
 */
typedef struct
{
  char   *id;
  char   *question;  /* in the leader's language, as the newest conversation asked it */
  char   *min_label;
  char   *max_label;
  guint   answers;
  guint   sum;
  GArray *months;    /* MbMirrorScaleMonth, one for each of MbMirror.months */
} MbMirrorScale;

typedef struct _MbMirrorSnapshot MbMirrorSnapshot;

/* The leader's own pattern over a period. */
typedef struct
{
  MbMirrorPeriod period;
  guint          conversations;
  /* Promises made by the leader (alone or together) in the period's
   * conversations, by their status now.
   */
  guint          promises;
  guint          kept;
  guint          not_kept;
  guint          open;
  /* Of those, the ones renegotiated: a conversation held with the
   * renegotiate-a-promise script was about them, whatever their status
   * now (a promise may be kept on the terms agreed anew).
   */
  guint          renegotiated;
  /* Of those, the broken ones (not kept, or open past their day), and of
   * these how many a conversation about them was held for, or is planned.
   */
  guint          broken;
  guint          broken_talked;
  guint          broken_planned;
  GArray        *overdue;   /* MbMirrorOverdue, of any time, the longest overdue first */
  GArray        *months;    /* MbMirrorMonth */
  /* Marbles of the period, across everyone. */
  guint          marbles_in;
  guint          marbles_out;
  GArray        *people;    /* MbMirrorPerson with any marble, the most gained first */
  /* Talks with time on the timer, against the minutes their scripts plan. */
  guint          timed;
  gint64         talk_seconds;
  gint64         planned_seconds;
  /* Conversations where the leader said who did most of the talking
   * (MB_MIRROR_TALKING_SCALE), and of those, where the other person did
   * (4 or 5) and where the leader did (1 or 2).
   */
  guint          talking_answers;
  guint          talking_theirs;
  guint          talking_mine;
  /* The judgement lens. */
  guint          lens_flagged;
  guint          lens_rephrased;
  /* How the leader rated themselves after their conversations. */
  GArray        *scales;    /* MbMirrorScale with any answer, in the order the newest conversation asks them;
                             * all but MB_MIRROR_TALKING_SCALE, which is no rating */
} MbMirror;

MbMirrorSnapshot *mb_mirror_snapshot_new      (MbJournal         *journal);
void              mb_mirror_snapshot_free     (MbMirrorSnapshot  *snapshot);
MbMirror         *mb_mirror_compute           (MbMirrorSnapshot  *snapshot,
                                               MbMirrorPeriod     period,
                                               GDateTime         *now);
void              mb_mirror_compute_async     (MbJournal         *journal,
                                               MbMirrorPeriod     period,
                                               GDateTime         *now,
                                               GCancellable      *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer           user_data);
MbMirror         *mb_mirror_compute_finish    (GAsyncResult      *result,
                                               GError           **error);
void              mb_mirror_free              (MbMirror          *mirror);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbMirror, mb_mirror_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbMirrorSnapshot, mb_mirror_snapshot_free)

G_END_DECLS
