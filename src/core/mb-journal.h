/* mb-journal.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mb-conversation.h"
#include "mb-person.h"
#include "mb-problem.h"
#include "mb-versions.h"

G_BEGIN_DECLS

/* How long after the last change a save starts; how long the oldest
 * unsaved change may wait while changes keep coming; and how long after
 * a failed save it is tried again.
 */
#define MB_JOURNAL_AUTOSAVE_DELAY_MS 500
#define MB_JOURNAL_MAX_DELAY_MS      900
#define MB_JOURNAL_RETRY_DELAY_MS    3000

/* How a journal times its saves: the delays above, waited by the main
 * loop, and the clock (monotonic microseconds above zero, as
 * g_get_monotonic_time()) that tells how long the oldest unsaved change
 * has waited and when to look again for files removed behind the
 * journal's back. Tests shorten the delays, or drive the clock themselves.
 */
typedef struct
{
  guint        autosave_delay_ms;
  guint        max_delay_ms;
  guint        retry_delay_ms;
  MbClockFunc  clock;
} MbSaveTiming;

#define MB_SAVE_TIMING_INIT \
  { MB_JOURNAL_AUTOSAVE_DELAY_MS, MB_JOURNAL_MAX_DELAY_MS, MB_JOURNAL_RETRY_DELAY_MS, g_get_monotonic_time }

typedef enum
{
  MB_SAVE_STATE_SAVED,
  MB_SAVE_STATE_UNSAVED,
  MB_SAVE_STATE_SAVING,
  MB_SAVE_STATE_FAILED,
} MbSaveState;

/* What to know from earlier conversations with the same person, as a new
 * one starts.
 */
typedef struct
{
  MbConversation *previous;        /* the last one before, or NULL */
  MbConversation *reflected;       /* the last one before with reflection answers, or NULL */
  GPtrArray      *open_agreements; /* MbAgreement still open, as in MbHistory */
  guint           marbles_in;      /* in the person's jar, over all their conversations */
  guint           marbles_out;
} MbBrief;

void mb_brief_free (MbBrief *brief);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbBrief, mb_brief_free)

/* Everything with one person, for their page. */
typedef struct
{
  GPtrArray *conversations;   /* MbConversation, newest first */
  GPtrArray *open_agreements; /* MbAgreement still open, the leader's own promises first, then the oldest */
  GPtrArray *agreed_in;       /* the MbConversation each open agreement was made in */
  GArray    *marble_times;    /* gint64: when each marble went in or out, in Unix seconds */
  GArray    *marble_deltas;   /* int: +1 in, -1 out */
  guint      marbles_in;
  guint      marbles_out;
} MbHistory;

void mb_history_free (MbHistory *history);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbHistory, mb_history_free)

/* What the list of people shows of one person. */
typedef struct
{
  GDateTime *last;            /* when the last conversation held was, or NULL */
  GDateTime *next;            /* when the next one planned is, or NULL */
  guint      open_agreements; /* made with them and still open */
} MbPersonSummary;

/* What a search keeps to; NULL members and a phase of -1 mean any. */
typedef struct
{
  const char *person_id;
  const char *script_id;
  int         phase;  /* a #MbPhase: the words must be in what was written then */
  GDate      *from;   /* the first day, included */
  GDate      *to;     /* the last day, included */
} MbSearchFilter;

#define MB_SEARCH_FILTER_INIT { NULL, NULL, -1, NULL, NULL }

typedef struct
{
  MbConversation *conversation;
  char           *snippet;  /* the words around the place found, or NULL */
  MbPhase         phase;    /* where to show it */
  guint           step;
} MbSearchResult;

void mb_search_result_free (MbSearchResult *result);

#define MB_JOURNAL_ERROR (mb_journal_error_quark ())

typedef enum
{
  MB_JOURNAL_ERROR_CHANGED,     /* a file changed since it was read: nothing was written */
  MB_JOURNAL_ERROR_CANNOT_KEEP, /* a version that cannot be read cannot be kept */
  MB_JOURNAL_ERROR_LOCKED,      /* protected and not unlocked: nothing was written */
} MbJournalError;

GQuark mb_journal_error_quark (void);

#define MB_TYPE_JOURNAL (mb_journal_get_type ())

G_DECLARE_FINAL_TYPE (MbJournal, mb_journal, MB, JOURNAL, GObject)

MbJournal   *mb_journal_new                (GFile               *dir);
GFile       *mb_journal_get_dir            (MbJournal           *self);
void         mb_journal_load_async         (MbJournal           *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean     mb_journal_load_finish        (MbJournal           *self,
                                            GAsyncResult        *result,
                                            GError             **error);
void         mb_journal_set_load_threads   (MbJournal           *self,
                                            guint                threads);
GTask       *mb_journal_task_new           (MbJournal           *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean     mb_journal_is_loaded          (MbJournal           *self);
gboolean     mb_journal_is_protected       (MbJournal           *self);
gboolean     mb_journal_is_unlocked        (MbJournal           *self);
gboolean     mb_journal_unlock             (MbJournal           *self,
                                            const char          *passphrase,
                                            GError             **error);
gboolean     mb_journal_unlock_with_key    (MbJournal           *self,
                                            const char          *exported,
                                            GError             **error);
char        *mb_journal_dup_key_id         (MbJournal           *self);
char        *mb_journal_export_key         (MbJournal           *self,
                                            GError             **error);
gboolean     mb_journal_recover            (MbJournal           *self,
                                            const char          *recovery_key,
                                            const char          *new_passphrase,
                                            GError             **error);
gboolean     mb_journal_change_passphrase  (MbJournal           *self,
                                            const char          *new_passphrase,
                                            GError             **error);
gboolean     mb_journal_protect            (MbJournal           *self,
                                            const char          *passphrase,
                                            char               **recovery_key,
                                            GError             **error);
gboolean     mb_journal_unprotect          (MbJournal           *self,
                                            GError             **error);
GListModel  *mb_journal_get_people         (MbJournal           *self);
GListModel  *mb_journal_get_conversations  (MbJournal           *self);
GListModel  *mb_journal_get_problems       (MbJournal           *self);
guint        mb_journal_get_n_kept_people  (MbJournal           *self);
MbPerson    *mb_journal_lookup_person      (MbJournal           *self,
                                            const char          *id);
MbPerson    *mb_journal_add_person         (MbJournal           *self,
                                            const char          *name,
                                            const char          *role);
void         mb_journal_add_conversation   (MbJournal           *self,
                                            MbConversation      *conversation);
gboolean     mb_journal_is_search_ready    (MbJournal            *self);
GPtrArray   *mb_journal_search             (MbJournal            *self,
                                            const char           *query,
                                            const MbSearchFilter *filter,
                                            guint                 max);
MbConversation *mb_journal_lookup_conversation (MbJournal       *self,
                                            const char          *id);
MbHistory   *mb_journal_get_history        (MbJournal           *self,
                                            MbPerson            *person);
MbBrief     *mb_journal_get_brief          (MbJournal           *self,
                                            MbConversation      *conversation);
const char  *mb_journal_get_last_script_id (MbJournal           *self,
                                            MbPerson            *person);
void         mb_journal_count_about        (MbJournal           *self,
                                            MbPerson            *person,
                                            guint               *conversations,
                                            guint               *agreements,
                                            guint               *marbles);
GHashTable  *mb_journal_summarize_people   (MbJournal           *self,
                                            GDateTime           *now);
gboolean     mb_journal_forget_person      (MbJournal           *self,
                                            MbPerson            *person,
                                            GError             **error);
void         mb_journal_find_unreadable_async  (MbJournal           *self,
                                                MbPerson            *person,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GPtrArray   *mb_journal_find_unreadable_finish (MbJournal           *self,
                                                GAsyncResult        *result,
                                                GError             **error);
gboolean     mb_journal_delete_unreadable  (MbJournal           *self,
                                            GPtrArray           *files,
                                            GError             **error);
gboolean     mb_journal_delete_conversation (MbJournal         *self,
                                            MbConversation      *conversation,
                                            GError             **error);
void         mb_journal_compare_async      (MbJournal           *self,
                                            MbProblem           *problem,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
MbVersions  *mb_journal_compare_finish     (MbJournal           *self,
                                            GAsyncResult        *result,
                                            GError             **error);
void         mb_journal_choose_async       (MbJournal           *self,
                                            MbVersions          *versions,
                                            MbVersionSide        side,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean     mb_journal_choose_finish      (MbJournal           *self,
                                            GAsyncResult        *result,
                                            GError             **error);
void         mb_journal_save_now           (MbJournal           *self,
                                            GObject             *object);
void         mb_journal_set_save_timing    (MbJournal           *self,
                                            const MbSaveTiming  *timing);
gboolean     mb_journal_flush              (MbJournal           *self);
GPtrArray   *mb_journal_get_unsaved        (MbJournal           *self);
GFile       *mb_journal_get_save_file      (MbJournal           *self,
                                            GObject             *object);
MbSaveState  mb_journal_get_save_state     (MbJournal           *self,
                                            GObject             *object);
const char  *mb_journal_get_save_error     (MbJournal           *self,
                                            GObject             *object);

G_END_DECLS
