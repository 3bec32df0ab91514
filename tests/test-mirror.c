/* test-mirror.c — the leader's mirror, computed on a journal whose
 * answers are known: promises and their statuses, the overdue ones,
 * marbles per person, talk time against the plan and the judgement
 * lens, over a quarter, a year and all time; the repair loop.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "core-util.h"
#include "mb-agreement.h"
#include "mb-mirror.h"
#include "mb-mirror-wording.h"

/* A conversation with @person @days_ago days before @now. */
static MbConversation *
add_conversation (MbJournal  *journal,
                  MbScript   *script,
                  MbPerson   *person,
                  GDateTime  *now,
                  int         days_ago)
{
  g_autoptr(GDateTime) when = g_date_time_add_days (now, -days_ago);
  MbConversation *conversation = mb_conversation_new (mb_person_get_id (person), script, when);

  mb_journal_add_conversation (journal, conversation);
  return conversation;
}

/* An agreement due @days_ago days before @now. */
static MbAgreement *
add_agreement (MbConversation   *conversation,
               const char       *text,
               MbPromisedBy      promised_by,
               MbAgreementStatus status,
               GDateTime        *now,
               int               days_ago)
{
  g_autoptr(GDateTime) due_time = g_date_time_add_days (now, -days_ago);
  g_autoptr(GDate) due = g_date_new_dmy (g_date_time_get_day_of_month (due_time),
                                         g_date_time_get_month (due_time),
                                         g_date_time_get_year (due_time));
  MbAgreement *agreement = mb_conversation_add_agreement (conversation, text, promised_by, due);

  mb_agreement_set_status (agreement, status);
  return agreement;
}

static void
run_timer (MbConversation *conversation,
           gint64          seconds)
{
  mb_conversation_set_clock (test_clock);
  mb_conversation_set_timer_running (conversation, TRUE);
  test_now += seconds * G_USEC_PER_SEC;
  mb_conversation_set_timer_running (conversation, FALSE);
  mb_conversation_set_clock (NULL);
}

static void
computed_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  MbMirror **mirror = user_data;
  g_autoptr(GError) error = NULL;

  *mirror = mb_mirror_compute_finish (result, &error);
  g_assert_no_error (error);
}

static MbMirror *
compute (MbJournal      *journal,
         MbMirrorPeriod  period,
         GDateTime      *now)
{
  MbMirror *mirror = NULL;

  mb_mirror_compute_async (journal, period, now, NULL, computed_cb, &mirror);
  while (mirror == NULL)
    g_main_context_iteration (NULL, TRUE);
  return mirror;
}

static const char *
person_at (MbMirror *mirror,
           guint     i,
           int      *balance)
{
  const MbMirrorPerson *person = &g_array_index (mirror->people, MbMirrorPerson, i);

  *balance = person->balance;
  return person->person_id;
}

static void
test_figures (void)
{
  g_autoptr(MbJournal) journal = open_journal ();
  g_autoptr(MbScript) script = load_script ("full.json");  /* plans 30 minutes */
  /* An hour from now: the marbles are given now, as the leader would. */
  g_autoptr(GDateTime) now = g_date_time_add_hours (g_date_time_new_now_local (), 1);
  MbPerson *anna = mb_journal_add_person (journal, "Anna", NULL);
  MbPerson *bob = mb_journal_add_person (journal, "Bob", NULL);
  g_autoptr(MbConversation) recent = add_conversation (journal, script, anna, now, 10);
  g_autoptr(MbConversation) half_year = add_conversation (journal, script, anna, now, 200);
  g_autoptr(MbConversation) old = add_conversation (journal, script, bob, now, 400);
  g_autoptr(MbMirror) quarter = NULL;
  g_autoptr(MbMirror) year = NULL;
  g_autoptr(MbMirror) all = NULL;
  const MbMirrorOverdue *overdue;
  const MbMirrorMonth *month;
  int balance;

  add_agreement (recent, "Send the plan", MB_PROMISED_BY_ME, MB_AGREEMENT_KEPT, now, 5);
  add_agreement (recent, "Book the course", MB_PROMISED_BY_ME, MB_AGREEMENT_OPEN, now, 4);
  add_agreement (recent, "Try the new rota", MB_PROMISED_BY_BOTH, MB_AGREEMENT_NOT_KEPT, now, 3);
  add_agreement (recent, "Write the summary", MB_PROMISED_BY_THEM, MB_AGREEMENT_OPEN, now, 4);
  add_agreement (recent, "Call the client", MB_PROMISED_BY_ME, MB_AGREEMENT_OPEN, now, -7);
  add_agreement (half_year, "Ask HR", MB_PROMISED_BY_ME, MB_AGREEMENT_KEPT, now, 190);
  add_agreement (old, "Fix the laptop", MB_PROMISED_BY_ME, MB_AGREEMENT_OPEN, now, 300);
  mb_conversation_add_marble (recent, TRUE, "Listened");
  mb_conversation_add_marble (recent, TRUE, "Owned my part");
  mb_conversation_add_marble (old, FALSE, "Forgot the laptop again");
  run_timer (recent, 45 * 60);
  run_timer (half_year, 20 * 60);
  mb_conversation_count_lens (recent, 4, 3);
  mb_conversation_count_lens (half_year, 2, 0);

  quarter = compute (journal, MB_MIRROR_QUARTER, now);
  g_assert_cmpuint (quarter->conversations, ==, 1);
  g_assert_cmpuint (quarter->promises, ==, 4);
  g_assert_cmpuint (quarter->kept, ==, 1);
  g_assert_cmpuint (quarter->not_kept, ==, 1);
  g_assert_cmpuint (quarter->open, ==, 2);
  /* Overdue whatever the period, the longest overdue first; not the
   * one due next week, nor theirs.
   */
  g_assert_cmpuint (quarter->overdue->len, ==, 2);
  overdue = &g_array_index (quarter->overdue, MbMirrorOverdue, 0);
  g_assert_cmpstr (overdue->text, ==, "Fix the laptop");
  g_assert_cmpstr (overdue->person_id, ==, mb_person_get_id (bob));
  g_assert_cmpstr (overdue->conversation_id, ==, mb_conversation_get_id (old));
  overdue = &g_array_index (quarter->overdue, MbMirrorOverdue, 1);
  g_assert_cmpstr (overdue->text, ==, "Book the course");
  /* Marbles by when they were given: all of them now. */
  g_assert_cmpuint (quarter->marbles_in, ==, 2);
  g_assert_cmpuint (quarter->marbles_out, ==, 1);
  g_assert_cmpuint (quarter->people->len, ==, 2);
  g_assert_cmpstr (person_at (quarter, 0, &balance), ==, mb_person_get_id (anna));
  g_assert_cmpint (balance, ==, 2);
  g_assert_cmpstr (person_at (quarter, 1, &balance), ==, mb_person_get_id (bob));
  g_assert_cmpint (balance, ==, -1);
  g_assert_cmpuint (quarter->timed, ==, 1);
  g_assert_cmpint (quarter->talk_seconds, ==, 45 * 60);
  g_assert_cmpint (quarter->planned_seconds, ==, 30 * 60);
  g_assert_cmpuint (quarter->lens_flagged, ==, 4);
  g_assert_cmpuint (quarter->lens_rephrased, ==, 3);
  /* Month by month, this one last. */
  g_assert_cmpuint (quarter->months->len, ==, 4);
  month = &g_array_index (quarter->months, MbMirrorMonth, 3);
  g_assert_cmpuint (month->month, ==, g_date_time_get_month (now));
  {
    g_autoptr(GDateTime) when = g_date_time_add_days (now, -10);
    guint index = 3 - (g_date_time_get_month (now) != g_date_time_get_month (when));

    month = &g_array_index (quarter->months, MbMirrorMonth, index);
    g_assert_cmpuint (month->made, ==, 4);
    g_assert_cmpuint (month->kept, ==, 1);
    g_assert_cmpuint (month->not_kept, ==, 1);
  }

  year = compute (journal, MB_MIRROR_YEAR, now);
  g_assert_cmpuint (year->conversations, ==, 2);
  g_assert_cmpuint (year->promises, ==, 5);
  g_assert_cmpuint (year->kept, ==, 2);
  g_assert_cmpuint (year->timed, ==, 2);
  g_assert_cmpint (year->talk_seconds, ==, 65 * 60);
  g_assert_cmpint (year->planned_seconds, ==, 60 * 60);
  g_assert_cmpuint (year->lens_flagged, ==, 6);
  g_assert_cmpuint (year->lens_rephrased, ==, 3);
  g_assert_cmpuint (year->months->len, ==, 13);

  all = compute (journal, MB_MIRROR_ALL, now);
  g_assert_cmpuint (all->conversations, ==, 3);
  g_assert_cmpuint (all->promises, ==, 6);
  g_assert_cmpuint (all->open, ==, 3);
  g_assert_cmpuint (all->timed, ==, 2);
  g_assert_cmpuint (all->months->len, >=, 14);
  month = &g_array_index (all->months, MbMirrorMonth, 0);
  g_assert_cmpuint (month->made, ==, 1);
  g_assert_true (mb_journal_flush (journal));
}

/* The scales of the reflection: how many answers, their sum, month by
 * month, in the wording of the newest conversation.
 */
static void
test_scales (void)
{
  g_autoptr(MbJournal) journal = open_journal ();
  g_autoptr(MbScript) script = load_script ("scales.json");
  g_autoptr(GDateTime) now = g_date_time_add_hours (g_date_time_new_now_local (), 1);
  MbPerson *anna = mb_journal_add_person (journal, "Anna", NULL);
  g_autoptr(MbConversation) recent = add_conversation (journal, script, anna, now, 2);
  g_autoptr(MbConversation) earlier = add_conversation (journal, script, anna, now, 40);
  g_autoptr(MbConversation) unrated = add_conversation (journal, script, anna, now, 50);
  g_autoptr(MbConversation) old = add_conversation (journal, script, anna, now, 200);
  g_autoptr(MbMirror) quarter = NULL;
  g_autoptr(MbMirror) all = NULL;
  const MbMirrorScale *scale;
  guint answers = 0, sum = 0;

  mb_conversation_set_scale (recent, "listened-scale", 4);
  mb_conversation_set_scale (earlier, "listened-scale", 2);
  mb_conversation_set_scale (old, "listened-scale", 1);

  quarter = compute (journal, MB_MIRROR_QUARTER, now);
  g_assert_cmpuint (quarter->scales->len, ==, 1);
  scale = &g_array_index (quarter->scales, MbMirrorScale, 0);
  g_assert_cmpstr (scale->id, ==, "listened-scale");
  g_assert_cmpstr (scale->min_label, ==, "Hardly");
  g_assert_cmpstr (scale->max_label, ==, "The whole time");
  g_assert_cmpuint (scale->answers, ==, 2);
  g_assert_cmpuint (scale->sum, ==, 6);
  g_assert_cmpuint (scale->months->len, ==, quarter->months->len);
  for (guint i = 0; i < scale->months->len; i++)
    {
      answers += g_array_index (scale->months, MbMirrorScaleMonth, i).answers;
      sum += g_array_index (scale->months, MbMirrorScaleMonth, i).sum;
    }
  g_assert_cmpuint (answers, ==, 2);
  g_assert_cmpuint (sum, ==, 6);
  g_assert_cmpuint (g_array_index (scale->months, MbMirrorScaleMonth, scale->months->len - 1).answers, <=, 1);

  all = compute (journal, MB_MIRROR_ALL, now);
  scale = &g_array_index (all->scales, MbMirrorScale, 0);
  g_assert_cmpuint (scale->answers, ==, 3);
  g_assert_cmpuint (scale->sum, ==, 7);
}

/* A script that comes with Marbles. */
static MbScript *
load_bundled (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "scripts", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  MbScript *script = mb_script_new_from_file (file, NULL, &error);

  g_assert_no_error (error);
  return script;
}

/* A conversation about @agreement, with @script, @days_ago days before
 * @now (none: not planned for a time), in @phase.
 */
static MbConversation *
add_about (MbJournal   *journal,
           MbScript    *script,
           MbPerson    *person,
           MbAgreement *agreement,
           GDateTime   *now,
           int          days_ago,
           MbPhase      phase)
{
  g_autoptr(GDateTime) when = days_ago != G_MININT ? g_date_time_add_days (now, -days_ago) : NULL;
  MbConversation *conversation = mb_conversation_new (mb_person_get_id (person), script, when);

  mb_conversation_set_about (conversation, agreement);
  mb_conversation_set_phase (conversation, phase);
  mb_journal_add_conversation (journal, conversation);
  return conversation;
}

/* The repair loop: of the broken promises of the period, those talked
 * through in a conversation held about them, and those with one
 * planned; each overdue one with its conversation; the renegotiated
 * ones; and who did most of the talking.
 */
static void
test_repairs (void)
{
  g_autoptr(MbJournal) journal = open_journal ();
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbScript) own = load_bundled ("own-a-mistake.json");
  g_autoptr(MbScript) renegotiate = load_bundled ("renegotiate-a-promise.json");
  g_autoptr(GDateTime) now = g_date_time_add_hours (g_date_time_new_now_local (), 1);
  MbPerson *anna = mb_journal_add_person (journal, "Anna", NULL);
  g_autoptr(MbConversation) made = add_conversation (journal, script, anna, now, 20);
  MbAgreement *plan = add_agreement (made, "Send the plan", MB_PROMISED_BY_ME, MB_AGREEMENT_NOT_KEPT, now, 10);
  MbAgreement *course = add_agreement (made, "Book the course", MB_PROMISED_BY_ME, MB_AGREEMENT_OPEN, now, 4);
  MbAgreement *client = add_agreement (made, "Call the client", MB_PROMISED_BY_BOTH, MB_AGREEMENT_OPEN, now, 6);
  MbAgreement *rota = add_agreement (made, "Try the rota", MB_PROMISED_BY_ME, MB_AGREEMENT_OPEN, now, -10);
  MbAgreement *hire = add_agreement (made, "Hire help", MB_PROMISED_BY_ME, MB_AGREEMENT_NOT_KEPT, now, 8);
  g_autoptr(MbConversation) held = add_about (journal, own, anna, plan, now, 5, MB_PHASE_PREPARE);
  g_autoptr(MbConversation) planned = add_about (journal, own, anna, course, now, -3, MB_PHASE_PREPARE);
  g_autoptr(MbConversation) preparing = add_about (journal, own, anna, hire, now, G_MININT, MB_PHASE_PREPARE);
  g_autoptr(MbConversation) renegotiated = add_about (journal, renegotiate, anna, rota, now, G_MININT, MB_PHASE_REFLECT);
  g_autoptr(MbConversation) not_held = add_about (journal, renegotiate, anna, client, now, -1, MB_PHASE_PREPARE);
  g_autoptr(MbMirror) quarter = NULL;
  g_autoptr(MbMirror) after = NULL;
  g_autoptr(GError) error = NULL;
  const MbMirrorOverdue *overdue;
  GDateTime *day;

  add_agreement (made, "Write the summary", MB_PROMISED_BY_ME, MB_AGREEMENT_KEPT, now, 12);
  /* Theirs: not the leader's to repair. */
  add_agreement (made, "Send the numbers", MB_PROMISED_BY_THEM, MB_AGREEMENT_NOT_KEPT, now, 12);
  mb_conversation_set_scale (held, MB_MIRROR_TALKING_SCALE, 5);
  mb_conversation_set_scale (planned, MB_MIRROR_TALKING_SCALE, 2);
  mb_conversation_set_scale (preparing, MB_MIRROR_TALKING_SCALE, 3);
  mb_conversation_set_scale (held, "scale-listened", 4);

  quarter = compute (journal, MB_MIRROR_QUARTER, now);
  g_assert_cmpuint (quarter->conversations, ==, 6);
  g_assert_cmpuint (quarter->promises, ==, 6);
  /* Not kept, or open past their day: the plan, the course, the client
   * and the help. The plan talked through (a conversation planned for a
   * day past is held); the course and the help planned (one being
   * prepared without a day is not held yet); the client's only planned
   * as a renegotiation, which has not been held.
   */
  g_assert_cmpuint (quarter->broken, ==, 4);
  g_assert_cmpuint (quarter->broken_talked, ==, 1);
  g_assert_cmpuint (quarter->broken_planned, ==, 3);
  /* The rota, renegotiated in a conversation held (at its Reflection),
   * still open and not yet due.
   */
  g_assert_cmpuint (quarter->renegotiated, ==, 1);

  /* Overdue, the longest first: the client, then the course. */
  g_assert_cmpuint (quarter->overdue->len, ==, 2);
  overdue = &g_array_index (quarter->overdue, MbMirrorOverdue, 0);
  g_assert_cmpstr (overdue->text, ==, "Call the client");
  g_assert_cmpint (overdue->repair, ==, MB_REPAIR_PLANNED);
  g_assert_cmpstr (overdue->repair_id, ==, mb_conversation_get_id (not_held));
  overdue = &g_array_index (quarter->overdue, MbMirrorOverdue, 1);
  g_assert_cmpstr (overdue->text, ==, "Book the course");
  g_assert_cmpint (overdue->repair, ==, MB_REPAIR_PLANNED);
  g_assert_cmpstr (overdue->repair_id, ==, mb_conversation_get_id (planned));
  day = mb_conversation_get_when (planned);
  g_assert_true (g_date_valid (&overdue->repair_day));
  g_assert_cmpint (g_date_get_day (&overdue->repair_day), ==, g_date_time_get_day_of_month (day));
  g_assert_cmpint (g_date_get_month (&overdue->repair_day), ==, g_date_time_get_month (day));

  /* Held now: talked through, and the overdue one says so. */
  mb_conversation_set_phase (planned, MB_PHASE_TALK);
  g_clear_pointer (&quarter, mb_mirror_free);
  quarter = compute (journal, MB_MIRROR_QUARTER, now);
  g_assert_cmpuint (quarter->broken_talked, ==, 2);
  g_assert_cmpuint (quarter->broken_planned, ==, 2);
  overdue = &g_array_index (quarter->overdue, MbMirrorOverdue, 1);
  g_assert_cmpint (overdue->repair, ==, MB_REPAIR_HELD);

  /* Said plainly. */
  {
    g_autofree char *promises = mb_mirror_wording_promises (quarter);
    g_autofree char *listening = mb_mirror_wording_listening (quarter);
    g_autofree char *repair = mb_mirror_wording_repair (overdue);

    g_assert_cmpstr (promises, ==, "You kept 1 of your 6 promises in the last three months. You renegotiated 1 of "
                                   "them. 2 promises are overdue. You talked through 2 of your 4 broken promises. "
                                   "Conversations about 2 of them are planned.");
    g_assert_cmpstr (listening, ==, "None of your talks in this period ran with the timer against a planned length. "
                                    "In 1 of your 3 conversations where you said who did most of the talking, "
                                    "the other person did; you did in 1.");
    g_assert_true (g_str_has_prefix (repair, "Talked about on "));
  }

  /* Who did most of the talking: the other person in one, the leader in
   * one, evenly in one; no rating of oneself among the scales.
   */
  g_assert_cmpuint (quarter->talking_answers, ==, 3);
  g_assert_cmpuint (quarter->talking_theirs, ==, 1);
  g_assert_cmpuint (quarter->talking_mine, ==, 1);
  g_assert_cmpuint (quarter->scales->len, ==, 1);
  g_assert_cmpstr (g_array_index (quarter->scales, MbMirrorScale, 0).id, ==, "scale-listened");

  /* Forgotten: the conversations about the promises go with her. */
  g_assert_true (mb_journal_forget_person (journal, anna, &error));
  g_assert_no_error (error);
  after = compute (journal, MB_MIRROR_ALL, now);
  g_assert_cmpuint (after->broken, ==, 0);
  g_assert_cmpuint (after->renegotiated, ==, 0);
  g_assert_cmpuint (after->talking_answers, ==, 0);
  g_assert_cmpuint (after->overdue->len, ==, 0);
}

/* A forgotten person leaves no trace in the mirror. */
static void
test_forgotten (void)
{
  g_autoptr(MbJournal) journal = open_journal ();
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(GDateTime) now = g_date_time_add_hours (g_date_time_new_now_local (), 1);
  MbPerson *anna = mb_journal_add_person (journal, "Anna", NULL);
  g_autoptr(MbConversation) conversation = add_conversation (journal, script, anna, now, 3);
  g_autoptr(MbMirror) before = NULL;
  g_autoptr(MbMirror) after = NULL;
  g_autoptr(GError) error = NULL;

  add_agreement (conversation, "Book the course", MB_PROMISED_BY_ME, MB_AGREEMENT_OPEN, now, 2);
  mb_conversation_add_marble (conversation, TRUE, "Listened");
  before = compute (journal, MB_MIRROR_ALL, now);
  g_assert_cmpuint (before->overdue->len, ==, 1);
  g_assert_cmpuint (before->people->len, ==, 1);

  g_assert_true (mb_journal_forget_person (journal, anna, &error));
  g_assert_no_error (error);
  after = compute (journal, MB_MIRROR_ALL, now);
  g_assert_cmpuint (after->conversations, ==, 0);
  g_assert_cmpuint (after->promises, ==, 0);
  g_assert_cmpuint (after->overdue->len, ==, 0);
  g_assert_cmpuint (after->people->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/mirror/figures", test_figures);
  g_test_add_func ("/mirror/scales", test_scales);
  g_test_add_func ("/mirror/repairs", test_repairs);
  g_test_add_func ("/mirror/forgotten", test_forgotten);

  return g_test_run ();
}
