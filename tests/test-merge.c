/* test-merge.c — the three-way merge of a conversation and of
 * people.json, rule by rule, each merged both ways round; and the
 * names sync tools give their conflict copies.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "merge-util.h"

/* Rules, one by one */

static void
test_one_side (void)
{
  const char *base = "{'steps':{'s1':{'notes':'a'}},'step':1}";
  const char *ours = "{'steps':{'s1':{'notes':'a b'}},'step':1}";
  const char *theirs = "{'steps':{'s1':{'notes':'a'}},'step':2}";

  check_merge (mb_merge_conversation, base, ours, base, ours, "");
  check_merge (mb_merge_conversation, base, base, theirs, theirs, "");
  check_merge (mb_merge_conversation, base, ours, theirs, "{'steps':{'s1':{'notes':'a b'}},'step':2}", "");
}

static void
test_text_both (void)
{
  /* Both changed the middle line: the lines around it once. */
  check_merge (mb_merge_conversation,
         "{'steps':{'s1':{'notes':'Intro\\nMiddle\\nEnd\\n'}}}",
         "{'steps':{'s1':{'notes':'Intro\\nMiddle ours\\nEnd\\n'}}}",
         "{'steps':{'s1':{'notes':'Intro\\nMiddle theirs\\nEnd\\n'}}}",
         "{'steps':{'s1':{'notes':'Intro\\nMiddle ours\\n" MARK "\\nMiddle theirs\\n" END_MARK "\\nEnd\\n'}}}",
         "text /steps/s1/notes");
  /* Both added a line at the end: no end mark needed. */
  check_merge (mb_merge_conversation,
         "{'preparation':{'notes':'Plan\\n'}}",
         "{'preparation':{'notes':'Plan\\nB\\n'}}",
         "{'preparation':{'notes':'Plan\\nA'}}",
         "{'preparation':{'notes':'Plan\\nA\\n" MARK "\\nB\\n'}}",
         "text /preparation/notes");
  /* Nothing in common. */
  check_merge (mb_merge_conversation,
         "{'reflection':{'answers':{'r1':'x'}}}",
         "{'reflection':{'answers':{'r1':'yes'}}}",
         "{'reflection':{'answers':{'r1':'no'}}}",
         "{'reflection':{'answers':{'r1':'no\\n" MARK "\\nyes'}}}",
         "text /reflection/answers/r1");
  check_merge (mb_merge_conversation,
         "{'preparation':{'answers':{'q1':'x'}}}",
         "{'preparation':{'answers':{'q1':'y'}}}",
         "{'preparation':{'answers':{'q1':'z'}}}",
         "{'preparation':{'answers':{'q1':'y\\n" MARK "\\nz'}}}",
         "text /preparation/answers/q1");
}

static void
test_text_lines (void)
{
  check_merge (mb_merge_conversation,
         "{'agreements':[{'id':'a1','text':'Friday'}],'marbles':[{'id':'m1','reason':'r'}]}",
         "{'agreements':[{'id':'a1','text':'Friday noon'}],'marbles':[{'id':'m1','reason':'s'}]}",
         "{'agreements':[{'id':'a1','text':'Thursday'}],'marbles':[{'id':'m1','reason':'t'}]}",
         "{'agreements':[{'id':'a1','text':'Friday noon / Thursday" LINE_MARK "'}],"
         "'marbles':[{'id':'m1','reason':'s / t" LINE_MARK "'}]}",
         "text /agreements/a1/text; text /marbles/m1/reason");
  /* Neither a text of one line nor one of many: one value wins. */
  check_merge (mb_merge_conversation,
         "{'agreements':[{'id':'a1','due':'2026-12-01'}]}",
         "{'agreements':[{'id':'a1','due':'2026-12-05'}]}",
         "{'agreements':[{'id':'a1','due':'2026-12-03'}]}",
         "{'agreements':[{'id':'a1','due':'2026-12-05'}]}",
         "value /agreements/a1/due");
}

static void
test_text_emptied (void)
{
  /* Emptied on one side, changed on the other: the change. */
  check_merge (mb_merge_conversation,
         "{'steps':{'s1':{'notes':'x'}}}", "{'steps':{'s1':{'notes':''}}}",
         "{'steps':{'s1':{'notes':'y'}}}", "{'steps':{'s1':{'notes':'y'}}}",
         "edit-kept /steps/s1/notes");
  /* Emptied on one side only: empty. */
  check_merge (mb_merge_conversation,
         "{'steps':{'s1':{'notes':'x'}}}", "{'steps':{'s1':{'notes':''}}}",
         "{'steps':{'s1':{'notes':'x'}}}", "{'steps':{'s1':{'notes':''}}}", "");
  /* Without a base, an empty answer is nothing written. */
  check_merge (mb_merge_conversation, NULL,
         "{'id':'c','preparation':{'answers':{'q1':''}}}",
         "{'id':'c','preparation':{'answers':{'q1':'Facts'}}}",
         "{'id':'c','preparation':{'answers':{'q1':'Facts'}}}", "");
  /* Lines taken out on one side, added on the other: all kept. */
  check_merge (mb_merge_conversation,
         "{'steps':{'s1':{'notes':'a\\nb\\n'}}}", "{'steps':{'s1':{'notes':'a\\n'}}}",
         "{'steps':{'s1':{'notes':'a\\nb\\nc\\n'}}}", "{'steps':{'s1':{'notes':'a\\nb\\nc\\n'}}}",
         "edit-kept /steps/s1/notes");
  /* A member removed on one side and changed on the other. */
  check_merge (mb_merge_conversation,
         "{'steps':{'s1':{'notes':'x'}}}", "{'steps':{}}",
         "{'steps':{'s1':{'notes':'y'}}}", "{'steps':{'s1':{'notes':'y'}}}",
         "edit-kept /steps/s1");
}

static void
test_agreements (void)
{
  const char *base = "{'agreements':[{'id':'a1','text':'x','status':'open'}]}";

  /* Added on both sides: both. */
  check_merge (mb_merge_conversation, base,
         "{'agreements':[{'id':'a1','text':'x','status':'open'},{'id':'a2','text':'o'}]}",
         "{'agreements':[{'id':'a1','text':'x','status':'open'},{'id':'a3','text':'t'}]}",
         "{'agreements':[{'id':'a1','text':'x','status':'open'},{'id':'a3','text':'t'},"
         "{'id':'a2','text':'o'}]}", "");
  /* Removed on one side, changed on the other: the changed one. */
  check_merge (mb_merge_conversation, base, "{'agreements':[]}",
         "{'agreements':[{'id':'a1','text':'y','status':'open'}]}",
         "{'agreements':[{'id':'a1','text':'y','status':'open'}]}", "edit-kept /agreements/a1");
  /* Removed on one side and left on the other: removed. */
  check_merge (mb_merge_conversation, base, "{'agreements':[]}", base, "{'agreements':[]}", "");
  /* Removed on one side, another one added on the other. */
  check_merge (mb_merge_conversation, base, "{'agreements':[]}",
         "{'agreements':[{'id':'a1','text':'x','status':'open'},{'id':'a2','text':'n'}]}",
         "{'agreements':[{'id':'a2','text':'n'}]}", "");
  /* Changed in different members on each side. */
  check_merge (mb_merge_conversation, base,
         "{'agreements':[{'id':'a1','text':'x','status':'kept'}]}",
         "{'agreements':[{'id':'a1','text':'z','status':'open'}]}",
         "{'agreements':[{'id':'a1','text':'z','status':'kept'}]}", "");
}

static void
test_status (void)
{
  /* A settled status over open; not kept over kept; the other one in
   * the history.
   */
  check_merge (mb_merge_conversation,
         "{'agreements':[{'id':'a1','status':'open'}]}",
         "{'agreements':[{'id':'a1','status':'kept'}]}",
         "{'agreements':[{'id':'a1','status':'not-kept'}]}",
         "{'agreements':[{'id':'a1','status':'not-kept','history':[{'status':'kept'}]}]}",
         "status /agreements/a1/status");
  check_merge (mb_merge_conversation,
         "{'agreements':[{'id':'a1','status':'kept','history':[{'status':'x'}]}]}",
         "{'agreements':[{'id':'a1','status':'open','history':[{'status':'x'}]}]}",
         "{'agreements':[{'id':'a1','status':'not-kept','history':[{'status':'x'}]}]}",
         "{'agreements':[{'id':'a1','status':'not-kept','history':[{'status':'x'},{'status':'open'}]}]}",
         "status /agreements/a1/status");
  /* A status this version does not know: the fixed order of values. */
  check_merge (mb_merge_conversation,
         "{'agreements':[{'id':'a1','status':'open'}]}",
         "{'agreements':[{'id':'a1','status':'team'}]}",
         "{'agreements':[{'id':'a1','status':'kept'}]}",
         "{'agreements':[{'id':'a1','status':'team','history':[{'status':'kept'}]}]}",
         "status /agreements/a1/status");
  /* A history that is not a list is left as it is. */
  check_merge (mb_merge_conversation,
         "{'agreements':[{'id':'a1','status':'open','history':7}]}",
         "{'agreements':[{'id':'a1','status':'kept','history':7}]}",
         "{'agreements':[{'id':'a1','status':'not-kept','history':7}]}",
         "{'agreements':[{'id':'a1','status':'not-kept','history':7}]}",
         "status /agreements/a1/status");
}

/* Merged with either side once more, as a machine does that merges the
 * result with a version it had not seen yet: the same again.
 */
static void
check_stable (const char *base,
              const char *ours,
              const char *theirs,
              const char *merged)
{
  g_autoptr(JsonNode) b = j (base);
  g_autoptr(JsonNode) m = j (merged);
  const char *sides[] = { ours, theirs };

  for (guint i = 0; i < G_N_ELEMENTS (sides); i++)
    {
      g_autoptr(JsonNode) side = j (sides[i]);
      g_autoptr(JsonNode) again = merge_both (mb_merge_conversation, b, m, side, NULL);

      assert_same_bytes (again, m);
    }
}

/* Both ways round (check() merges both ways too), and stable. */
static void
check_status (const char *base,
              const char *ours,
              const char *theirs,
              const char *expected,
              const char *conflicts)
{
  check_merge (mb_merge_conversation, base, ours, theirs, expected, conflicts);
  check_merge (mb_merge_conversation, base, theirs, ours, expected, conflicts);
  check_stable (base, ours, theirs, expected);
}

#define AT(time) "'status_changed':'2026-12-01T" time "'"
#define WAS(status, time) "{'status':'" status "','changed':'2026-12-01T" time "'}"

static void
test_status_time (void)
{
  const char *base = "{'agreements':[{'id':'a1','status':'open'}]}";

  /* The later one wins, whatever the status; the other one is kept in
   * the history with its time.
   */
  check_status (base,
                "{'agreements':[{'id':'a1','status':'not-kept'," AT ("10:00:00+01:00") ","
                "'history':[{'status':'open'}]}]}",
                "{'agreements':[{'id':'a1','status':'kept'," AT ("11:00:00+01:00") ","
                "'history':[{'status':'open'}]}]}",
                "{'agreements':[{'id':'a1','status':'kept'," AT ("11:00:00+01:00") ","
                "'history':[{'status':'open'}," WAS ("not-kept", "10:00:00+01:00") "]}]}",
                "status /agreements/a1/status");
  check_status (base,
                "{'agreements':[{'id':'a1','status':'open'," AT ("12:00:00+01:00") "}]}",
                "{'agreements':[{'id':'a1','status':'not-kept'," AT ("11:00:00+01:00") "}]}",
                "{'agreements':[{'id':'a1','status':'open'," AT ("12:00:00+01:00") ","
                "'history':[" WAS ("not-kept", "11:00:00+01:00") "]}]}",
                "status /agreements/a1/status");
  /* Times compared as times, not as text: 10:00 UTC is 11:00 here. */
  check_status (base,
                "{'agreements':[{'id':'a1','status':'not-kept'," AT ("10:30:00+01:00") "}]}",
                "{'agreements':[{'id':'a1','status':'kept'," AT ("10:00:00Z") "}]}",
                "{'agreements':[{'id':'a1','status':'kept'," AT ("10:00:00Z") ","
                "'history':[" WAS ("not-kept", "10:30:00+01:00") "]}]}",
                "status /agreements/a1/status");
  /* The same status set at two times: the later time. */
  check_status (base,
                "{'agreements':[{'id':'a1','status':'kept'," AT ("09:00:00+01:00") "}]}",
                "{'agreements':[{'id':'a1','status':'kept'," AT ("09:30:00+01:00") "}]}",
                "{'agreements':[{'id':'a1','status':'kept'," AT ("09:30:00+01:00") ","
                "'history':[" WAS ("kept", "09:00:00+01:00") "]}]}",
                "status /agreements/a1/status");
}

static void
test_status_no_time (void)
{
  const char *base = "{'agreements':[{'id':'a1','status':'open'}]}";

  /* A time on one side only: by rank, the one further along; the time
   * goes with its status.
   */
  check_status (base,
                "{'agreements':[{'id':'a1','status':'not-kept'}]}",
                "{'agreements':[{'id':'a1','status':'kept'," AT ("11:00:00+01:00") ","
                "'history':[{'status':'open'}]}]}",
                "{'agreements':[{'id':'a1','status':'not-kept',"
                "'history':[{'status':'open'}," WAS ("kept", "11:00:00+01:00") "]}]}",
                "status /agreements/a1/status");
  check_status (base,
                "{'agreements':[{'id':'a1','status':'kept'}]}",
                "{'agreements':[{'id':'a1','status':'not-kept'," AT ("08:00:00+01:00") "}]}",
                "{'agreements':[{'id':'a1','status':'not-kept'," AT ("08:00:00+01:00") ","
                "'history':[{'status':'kept'}]}]}",
                "status /agreements/a1/status");
  /* The same time: by rank. */
  check_status (base,
                "{'agreements':[{'id':'a1','status':'kept'," AT ("10:00:00+01:00") "}]}",
                "{'agreements':[{'id':'a1','status':'not-kept'," AT ("09:00:00Z") "}]}",
                "{'agreements':[{'id':'a1','status':'not-kept'," AT ("09:00:00Z") ","
                "'history':[" WAS ("kept", "10:00:00+01:00") "]}]}",
                "status /agreements/a1/status");
  /* The same status, with a time on one side only: the one with. */
  check_status (base,
                "{'agreements':[{'id':'a1','status':'kept'}]}",
                "{'agreements':[{'id':'a1','status':'kept'," AT ("10:00:00+01:00") "}]}",
                "{'agreements':[{'id':'a1','status':'kept'," AT ("10:00:00+01:00") ","
                "'history':[{'status':'kept'}]}]}",
                "status /agreements/a1/status");
}

static void
test_status_history (void)
{
  /* Each side went on from kept at 9:00: reopened at 10:00 and kept
   * again at 12:00 there, not kept at 11:00 here. All of it kept, in
   * order.
   */
  check_status ("{'agreements':[{'id':'a1','status':'kept'," AT ("09:00:00+01:00") ","
                "'history':[{'status':'open'}]}]}",
                "{'agreements':[{'id':'a1','status':'not-kept'," AT ("11:00:00+01:00") ","
                "'history':[{'status':'open'}," WAS ("kept", "09:00:00+01:00") "]}]}",
                "{'agreements':[{'id':'a1','status':'kept'," AT ("12:00:00+01:00") ","
                "'history':[{'status':'open'}," WAS ("kept", "09:00:00+01:00") ","
                WAS ("open", "10:00:00+01:00") "]}]}",
                "{'agreements':[{'id':'a1','status':'kept'," AT ("12:00:00+01:00") ","
                "'history':[{'status':'open'}," WAS ("kept", "09:00:00+01:00") ","
                WAS ("open", "10:00:00+01:00") "," WAS ("not-kept", "11:00:00+01:00") "]}]}",
                "status /agreements/a1/status");
  /* Histories both sides added to, the status the same on both: every
   * entry once, the oldest first, those without a time before the rest.
   */
  check_status ("{'agreements':[{'id':'a1','status':'open','history':[" WAS ("kept", "09:00:00+01:00") "]}]}",
                "{'agreements':[{'id':'a1','status':'open','history':[" WAS ("kept", "09:00:00+01:00") ","
                WAS ("kept", "11:00:00+01:00") "," WAS ("kept", "11:00:00+01:00") ",{'status':'x'}]}]}",
                "{'agreements':[{'id':'a1','status':'open','history':[" WAS ("kept", "09:00:00+01:00") ","
                WAS ("not-kept", "08:00:00+01:00") "," WAS ("open", "10:00:00+01:00") "]}]}",
                "{'agreements':[{'id':'a1','status':'open','history':[{'status':'x'},"
                WAS ("not-kept", "08:00:00+01:00") "," WAS ("kept", "09:00:00+01:00") ","
                WAS ("open", "10:00:00+01:00") "," WAS ("kept", "11:00:00+01:00") "]}]}",
                "");
  /* The same entry, written with its members in another order by
   * another program: once.
   */
  check_status ("{'agreements':[{'id':'a1','status':'open'}]}",
                "{'agreements':[{'id':'a1','status':'open','history':[" WAS ("kept", "09:00:00+01:00") "]}]}",
                "{'agreements':[{'id':'a1','status':'open','history':["
                "{'changed':'2026-12-01T09:00:00+01:00','status':'kept'}," WAS ("not-kept", "10:00:00+01:00") "]}]}",
                "{'agreements':[{'id':'a1','status':'open','history':["
                "{'changed':'2026-12-01T09:00:00+01:00','status':'kept'}," WAS ("not-kept", "10:00:00+01:00") "]}]}",
                "");
  /* Changed on one side only: as that side wrote it. */
  check_merge (mb_merge_conversation, "{'agreements':[{'id':'a1','status':'open'}]}",
         "{'agreements':[{'id':'a1','status':'open','history':[" WAS ("kept", "09:00:00+01:00") ","
         WAS ("kept", "09:00:00+01:00") "]}]}",
         "{'agreements':[{'id':'a1','status':'open'}]}",
         "{'agreements':[{'id':'a1','status':'open','history':[" WAS ("kept", "09:00:00+01:00") ","
         WAS ("kept", "09:00:00+01:00") "]}]}", "");
}

static void
test_marbles (void)
{
  check_merge (mb_merge_conversation,
         "{'marbles':[{'id':'m1','direction':'in','reason':'a'}]}",
         "{'marbles':[{'id':'m1','direction':'in','reason':'b'},{'id':'m2','direction':'out'}]}",
         "{'marbles':[{'id':'m3','direction':'in'}]}",
         "{'marbles':[{'id':'m3','direction':'in'},{'id':'m1','direction':'in','reason':'b'},"
         "{'id':'m2','direction':'out'}]}",
         "edit-kept /marbles/m1");
}

static void
test_values (void)
{
  check_merge (mb_merge_conversation,
         "{'phase':'prepare','step':1,'finished':false,'talk':{'seconds':10}}",
         "{'phase':'talk','step':3,'finished':false,'talk':{'seconds':200}}",
         "{'phase':'reflect','step':2,'finished':false,'talk':{'seconds':100}}",
         "{'phase':'reflect','step':3,'finished':false,'talk':{'seconds':200}}",
         "value /phase; value /step; value /talk/seconds");
  /* Without a base, true wins over false. */
  check_merge (mb_merge_conversation, NULL, "{'finished':true}", "{'finished':false}", "{'finished':true}",
         "value /finished");
  /* A number over a text, an object over a text: by their JSON text. */
  check_merge (mb_merge_conversation, "{'x':1,'y':'a'}", "{'x':5,'y':{'k':1}}", "{'x':'five','y':'b'}",
         "{'x':5,'y':{'k':1}}", "value /x; value /y");
  check_merge (mb_merge_conversation, "{'x':1}", "{'x':2.5}", "{'x':2}", "{'x':2.5}", "value /x");
  check_merge (mb_merge_conversation, "{'x':1.5}", "{'x':2.5}", "{'x':1.5}", "{'x':2.5}", "");
}

static void
test_scales (void)
{
  /* Chosen on one side only, or cleared on one side only: that side's. */
  check_merge (mb_merge_conversation,
         "{'reflection':{'scales':{'a':null,'b':3,'c':2}}}",
         "{'reflection':{'scales':{'a':4,'b':null,'c':2}}}",
         "{'reflection':{'scales':{'a':null,'b':3,'c':2}}}",
         "{'reflection':{'scales':{'a':4,'b':null,'c':2}}}", "");
  /* Chosen differently on both sides: the lower, whichever side it is on;
   * a value over none.
   */
  check_merge (mb_merge_conversation,
         "{'reflection':{'scales':{'a':null,'b':3}}}",
         "{'reflection':{'scales':{'a':2,'b':null}}}",
         "{'reflection':{'scales':{'a':5,'b':4}}}",
         "{'reflection':{'scales':{'a':2,'b':4}}}", "value /reflection/scales/a; value /reflection/scales/b");
  check_merge (mb_merge_conversation, NULL,
         "{'reflection':{'scales':{'a':5}}}", "{'reflection':{'scales':{'a':1}}}",
         "{'reflection':{'scales':{'a':1}}}", "value /reflection/scales/a");
  /* A value out of the scale is a number like the others. */
  check_merge (mb_merge_conversation, NULL,
         "{'reflection':{'scales':{'a':9}}}", "{'reflection':{'scales':{'a':3}}}",
         "{'reflection':{'scales':{'a':3}}}", "value /reflection/scales/a");
}

static void
test_unknown (void)
{
  /* Objects member by member, at any depth; lists of values as sets. */
  check_merge (mb_merge_conversation,
         "{'x':{'a':1,'b':1,'u':1},'tags':['a','b']}",
         "{'x':{'a':2,'b':1,'u':5,'c':1},'tags':['a','b','c']}",
         "{'x':{'a':1,'b':3,'u':'five','d':'z'},'tags':['b','d']}",
         "{'x':{'a':2,'b':3,'u':5,'d':'z','c':1},'tags':['b','d','c']}",
         "value /x/u");
  /* Lists of objects with an id, anywhere, by id. */
  check_merge (mb_merge_conversation,
         "{'n':{'list':[{'id':'1','v':1},{'id':'2','v':1}]}}",
         "{'n':{'list':[{'id':'1','v':2},{'id':'2','v':1}]}}",
         "{'n':{'list':[{'id':'1','v':1},{'id':'2','v':3},{'id':'3'}]}}",
         "{'n':{'list':[{'id':'1','v':2},{'id':'2','v':3},{'id':'3'}]}}", "");
  /* Members this version does not know, added on both sides. */
  check_merge (mb_merge_conversation, "{'id':'c'}", "{'id':'c','new':{'a':1}}", "{'id':'c','new':{'b':2}}",
         "{'id':'c','new':{'b':2,'a':1}}", "");
}

static void
test_order (void)
{
  /* One side sorted the people after a rename, the other added one:
   * the order of the side whose order changed, when only one did.
   */
  check_merge (mb_merge_people,
         "{'people':[{'id':'p1','name':'Anna'},{'id':'p2','name':'Bob'}]}",
         "{'people':[{'id':'p2','name':'Bob'},{'id':'p1','name':'Zoe'}]}",
         "{'people':[{'id':'p1','name':'Anna'},{'id':'p2','name':'Bob','role':'Lead'}]}",
         "{'people':[{'id':'p2','name':'Bob','role':'Lead'},{'id':'p1','name':'Zoe'}]}", "");
  /* Both changed the order: the one that sorts first, with the other
   * side's new ones after what precedes them there.
   */
  check_merge (mb_merge_people,
         "{'people':[{'id':'p1','name':'Anna'},{'id':'p2','name':'Bob'}]}",
         "{'people':[{'id':'p2','name':'Bob'},{'id':'p1','name':'Zoe'}]}",
         "{'people':[{'id':'p1','name':'Anna'},{'id':'p2','name':'Bob'},{'id':'p3','name':'Carl'}]}",
         "{'people':[{'id':'p1','name':'Zoe'},{'id':'p2','name':'Bob'},{'id':'p3','name':'Carl'}]}", "");
}

/* The judgement lens's counts: what each side counted is added up, with
 * nothing to tell the leader.
 */
static void
test_counts (void)
{
  check_merge (mb_merge_conversation,
         "{'lens':{'flagged':3,'rephrased':1}}",
         "{'lens':{'flagged':5,'rephrased':1}}",
         "{'lens':{'flagged':4,'rephrased':3}}",
         "{'lens':{'flagged':6,'rephrased':3}}", "");
  /* Counted first on both machines. */
  check_merge (mb_merge_conversation, "{'step':1}",
         "{'step':1,'lens':{'flagged':2,'rephrased':0}}",
         "{'step':1,'lens':{'flagged':1,'rephrased':1}}",
         "{'step':1,'lens':{'flagged':3,'rephrased':1}}", "");
  check_merge (mb_merge_conversation, NULL,
         "{'lens':{'flagged':2}}", "{'lens':{'flagged':7}}", "{'lens':{'flagged':9}}", "");
  /* Not counts that grew: as any other number. */
  check_merge (mb_merge_conversation,
         "{'lens':{'flagged':3}}", "{'lens':{'flagged':1}}", "{'lens':{'flagged':5}}",
         "{'lens':{'flagged':5}}", "value /lens/flagged");
  check_merge (mb_merge_conversation,
         "{'lens':{'flagged':3}}", "{'lens':{'flagged':'x'}}", "{'lens':{'flagged':5}}",
         "{'lens':{'flagged':5}}", "value /lens/flagged");
}

/* The promise a conversation is about: set once, so the side that has
 * it; set to two different promises on the two sides, one of them whole
 * (by the rule for any value, the same on both machines), never a mix.
 */
static void
test_about (void)
{
  check_merge (mb_merge_conversation, "{'step':1}",
         "{'step':1,'about':{'conversation':'c1','agreement':'a1'}}", "{'step':2}",
         "{'step':2,'about':{'conversation':'c1','agreement':'a1'}}", "");
  check_merge (mb_merge_conversation, NULL,
         "{'step':1}", "{'step':1,'about':{'conversation':'c1','agreement':'a1'}}",
         "{'step':1,'about':{'conversation':'c1','agreement':'a1'}}", "");
  check_merge (mb_merge_conversation, "{'step':1}",
         "{'about':{'conversation':'c1','agreement':'a9'}}",
         "{'about':{'conversation':'c2','agreement':'a1'}}",
         "{'about':{'conversation':'c1','agreement':'a9'}}", "value /about");
  /* What this version does not know in it goes with it. */
  check_merge (mb_merge_conversation, "{'step':1}",
         "{'about':{'conversation':'c1','agreement':'a1','x-why':'late'}}", "{'step':1}",
         "{'about':{'conversation':'c1','agreement':'a1','x-why':'late'}}", "");
}

static void
test_people (void)
{
  const char *base = "{'format':'marbles-people','version':1,'people':[{'id':'p1','name':'Sanne','role':''}]}";

  /* Renamed on both: both names, and the leader told. */
  check_merge (mb_merge_people, base,
         "{'format':'marbles-people','version':1,'people':[{'id':'p1','name':'Sanne de Vries','role':''}]}",
         "{'format':'marbles-people','version':1,'people':[{'id':'p1','name':'Sanne V.','role':'Lead'}]}",
         "{'format':'marbles-people','version':1,'people':[{'id':'p1','name':'Sanne V. / Sanne de Vries"
         LINE_MARK "','role':'Lead'}]}",
         "text /people/p1/name");
  /* Forgotten on one side, renamed on the other: kept. */
  check_merge (mb_merge_people, base, "{'format':'marbles-people','version':1,'people':[]}",
         "{'format':'marbles-people','version':1,'people':[{'id':'p1','name':'Sanne B','role':''}]}",
         "{'format':'marbles-people','version':1,'people':[{'id':'p1','name':'Sanne B','role':''}]}",
         "edit-kept /people/p1");
  /* Added on both sides, and a people.json that appeared on both. */
  check_merge (mb_merge_people, NULL,
         "{'format':'marbles-people','version':1,'people':[{'id':'p1','name':'A'}]}",
         "{'format':'marbles-people','version':1,'people':[{'id':'p2','name':'B'}]}",
         "{'format':'marbles-people','version':1,'people':[{'id':'p2','name':'B'},{'id':'p1','name':'A'}]}",
         "");
  /* The rules of a conversation are not those of people.json. */
  check_merge (mb_merge_people, "{'steps':{'s':{'notes':'a'}}}", "{'steps':{'s':{'notes':'b'}}}",
         "{'steps':{'s':{'notes':'c'}}}", "{'steps':{'s':{'notes':'c'}}}", "value /steps/s/notes");
}

static void
test_without_base (void)
{
  check_merge (mb_merge_conversation, NULL,
         "{'id':'c','steps':{'s1':{'notes':'A'}},'agreements':[{'id':'a1'}]}",
         "{'id':'c','steps':{'s1':{'notes':'B'}},'agreements':[{'id':'a2'}]}",
         "{'id':'c','steps':{'s1':{'notes':'A\\n" MARK "\\nB'}},'agreements':[{'id':'a2'},{'id':'a1'}]}",
         "text /steps/s1/notes");
}

static void
test_idempotent (void)
{
  g_autoptr(JsonNode) base = j ("{'format':'marbles-conversation','version':2,'id':'c','phase':'talk',"
                                "'steps':{'s1':{'notes':'a'}},'agreements':[{'id':'a1','status':'open'}]}");
  g_autoptr(JsonNode) other = j ("{'format':'marbles-conversation','version':2,'id':'c','phase':'reflect',"
                                 "'steps':{'s1':{'notes':'b'}},'agreements':[],'x':[1,1,2]}");
  g_autoptr(JsonNode) same = mb_merge_conversation (base, other, other, NULL);
  g_autoptr(JsonNode) theirs = mb_merge_conversation (base, base, other, NULL);
  g_autoptr(JsonNode) ours = mb_merge_conversation (base, other, base, NULL);
  g_autoptr(JsonNode) unchanged = mb_merge_conversation (NULL, base, base, NULL);

  assert_same_bytes (same, other);
  assert_same_bytes (theirs, other);
  assert_same_bytes (ours, other);
  assert_same_bytes (unchanged, base);
}

/* Conflict copies */

static void
test_names (void)
{
  static const struct { const char *name; const char *original; } cases[] = {
    { "3f2c9a1e-7b0e-4c51-8f55-2d9d2a6f0f6e.sync-conflict-20261205-101010-ABCDEFG.json",
      "3f2c9a1e-7b0e-4c51-8f55-2d9d2a6f0f6e" },
    { "people.sync-conflict-20261205-101010-Q7RSTU2.json", "people" },
    { "c1 (conflicted copy 2026-12-05 101010).json", "c1" },
    { "c1 (conflicted copy Anna 2026-12-05 101010).json", "c1" },
    { "c1 (conflicted copy).json", "c1" },
    { "people (conflicted copy 2026-12-05 101010).json", "people" },
    { "c1 (Laptop's conflicted copy 2026-12-05).json", "c1" },
    { "c1 (Laptop’s conflicted copy 2026-12-05).json", "c1" },
    { "c1 (Laptop's conflicted copy 2026-12-05 (1)).json", "c1" },
    { "people (Anna's conflicted copy 2026-12-05 (2)).json", "people" },
    { "c1 (conflicted copy 2026-12-05 101010) (1).json", "c1" },
    { "c1_conflict-20261205-101010.json", "c1" },
    { "people_conflict_anna-20261205-101010.json", "people" },
    { "c1.sync-conflict-20261205-101010-ABCDEFG.sync-conflict-20261206-111111-HIJKLMN.json", "c1" },
    { "c1.sync-conflict-20261205-101010-ABCDEFG (conflicted copy 2026-12-06 111111).json", "c1" },
    { "c1.json", NULL },
    { "people.json", NULL },
    { "c1 (1).json", NULL },
    { "c1 (copy).json", NULL },
    { "c1.sync-conflict-2026-ABCDEFG.json", NULL },
    { "c1.sync-conflict-20261205-101010-.json", NULL },
    { "c1.sync-conflict-20261205-101010-ABCDEFG.json.tmp", NULL },
    { ".sync-conflict-20261205-101010-ABCDEFG.json", NULL },
    { " (conflicted copy).json", NULL },
    { "(conflicted copy).json", NULL },
    { "c1 (conflicted copyist).json", NULL },
    { "c1_conflict-2026.json", NULL },
    { "c1_conflict_-20261205-101010.json", NULL },
    { "a/c1.sync-conflict-20261205-101010-ABCDEFG.json", NULL },
    { "c1.sync-conflict-20261205-101010-ABCDEFG.JSON", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *original = NULL;
      gboolean found = mb_merge_parse_conflict_name (cases[i].name, &original);

      g_test_message ("%s", cases[i].name);
      g_assert_cmpint (found, ==, cases[i].original != NULL);
      g_assert_cmpstr (original, ==, cases[i].original);
    }
  g_assert_true (mb_merge_parse_conflict_name ("c1 (conflicted copy).json", NULL));
}

/* What a copy's name says: the tool, where it came from, and when. */
static void
test_name_described (void)
{
  static const struct { const char *name; MbSyncTool tool; const char *source; const char *when; } cases[] = {
    { "c1.sync-conflict-20261205-101010-ABCDEFG.json", MB_SYNC_TOOL_SYNCTHING, "ABCDEFG", "2026-12-05 10:10:10" },
    { "c1 (conflicted copy 2026-12-05 101010).json", MB_SYNC_TOOL_NEXTCLOUD, NULL, "2026-12-05 10:10:10" },
    { "c1 (conflicted copy Anna de Vries 2026-12-05 101010).json", MB_SYNC_TOOL_NEXTCLOUD, "Anna de Vries",
      "2026-12-05 10:10:10" },
    { "c1 (conflicted copy).json", MB_SYNC_TOOL_NEXTCLOUD, NULL, NULL },
    { "c1 (conflicted copy 2026-12-05 101010) (1).json", MB_SYNC_TOOL_NEXTCLOUD, NULL, "2026-12-05 10:10:10" },
    { "c1 (Laptop's conflicted copy 2026-12-05).json", MB_SYNC_TOOL_DROPBOX, "Laptop", "2026-12-05" },
    { "c1 (Work Laptop’s conflicted copy 2026-12-05 (1)).json", MB_SYNC_TOOL_DROPBOX, "Work Laptop",
      "2026-12-05" },
    { "c1_conflict-20261205-101010.json", MB_SYNC_TOOL_NEXTCLOUD, NULL, "2026-12-05 10:10:10" },
    { "people_conflict_anna-20261205-101010.json", MB_SYNC_TOOL_NEXTCLOUD, "anna", "2026-12-05 10:10:10" },
    /* Not a real moment: the tool still tells. */
    { "c1.sync-conflict-20261345-101010-ABCDEFG.json", MB_SYNC_TOOL_SYNCTHING, "ABCDEFG", NULL },
    { "c1.sync-conflict-20261205-256060-ABCDEFG.json", MB_SYNC_TOOL_SYNCTHING, "ABCDEFG", NULL },
    /* A copy of a copy: the copy made last. */
    { "c1.sync-conflict-20261205-101010-ABCDEFG (conflicted copy 2026-12-06 111111).json",
      MB_SYNC_TOOL_NEXTCLOUD, NULL, "2026-12-06 11:11:11" },
  };
  MbConflictName about;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *when = NULL;

      g_test_message ("%s", cases[i].name);
      g_assert_true (mb_merge_describe_conflict_name (cases[i].name, &about));
      when = about.when != NULL ? g_date_time_format (about.when, about.has_time ? "%F %T" : "%F") : NULL;
      g_assert_cmpint (about.tool, ==, cases[i].tool);
      g_assert_cmpstr (about.source, ==, cases[i].source);
      g_assert_cmpstr (when, ==, cases[i].when);
      mb_conflict_name_clear (&about);
    }

  g_assert_false (mb_merge_describe_conflict_name ("c1.json", &about));
  g_assert_null (about.source);
  g_assert_null (about.when);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/merge/one-side", test_one_side);
  g_test_add_func ("/merge/text-both", test_text_both);
  g_test_add_func ("/merge/text-lines", test_text_lines);
  g_test_add_func ("/merge/text-emptied", test_text_emptied);
  g_test_add_func ("/merge/agreements", test_agreements);
  g_test_add_func ("/merge/status", test_status);
  g_test_add_func ("/merge/status-time", test_status_time);
  g_test_add_func ("/merge/status-no-time", test_status_no_time);
  g_test_add_func ("/merge/status-history", test_status_history);
  g_test_add_func ("/merge/marbles", test_marbles);
  g_test_add_func ("/merge/values", test_values);
  g_test_add_func ("/merge/counts", test_counts);
  g_test_add_func ("/merge/about", test_about);
  g_test_add_func ("/merge/scales", test_scales);
  g_test_add_func ("/merge/unknown", test_unknown);
  g_test_add_func ("/merge/order", test_order);
  g_test_add_func ("/merge/people", test_people);
  g_test_add_func ("/merge/without-base", test_without_base);
  g_test_add_func ("/merge/idempotent", test_idempotent);
  g_test_add_func ("/merge/names", test_names);
  g_test_add_func ("/merge/name-described", test_name_described);

  return g_test_run ();
}
