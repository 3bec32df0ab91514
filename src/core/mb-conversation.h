/* mb-conversation.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "mb-agreement.h"
#include "mb-enums.h"
#include "mb-json-draft.h"
#include "mb-marble.h"
#include "mb-script.h"
#include "mb-text.h"

G_BEGIN_DECLS

#define MB_CONVERSATION_FORMAT         "marbles-conversation"
/* A build can pretend to be a later version, to test the way up. */
#ifndef MB_CONVERSATION_FORMAT_VERSION
#define MB_CONVERSATION_FORMAT_VERSION 2
#endif

#define MB_CONVERSATION_ERROR (mb_conversation_error_quark ())

typedef enum
{
  MB_CONVERSATION_ERROR_DAMAGED,
  MB_CONVERSATION_ERROR_NEWER_VERSION,
} MbConversationError;

GQuark mb_conversation_error_quark (void);

typedef enum
{
  MB_PHASE_PREPARE,
  MB_PHASE_TALK,
  MB_PHASE_REFLECT,
} MbPhase;

/* Where a text of the conversation belongs; the key names the question
 * or the step, and is NULL for the free preparation notes and for the
 * agreement typed and not added yet (its draft, "" when none); for the
 * reason of a marble typed and not added yet, it is "in" or "out".
 */
typedef enum
{
  MB_TEXT_PREPARATION,
  MB_TEXT_PREPARATION_NOTES,
  MB_TEXT_STEP_NOTES,
  MB_TEXT_REFLECTION,
  MB_TEXT_AGREEMENT_DRAFT,
  MB_TEXT_MARBLE_DRAFT,
} MbTextKind;

#define MB_TYPE_CONVERSATION (mb_conversation_get_type ())
G_DECLARE_FINAL_TYPE (MbConversation, mb_conversation, MB, CONVERSATION, GObject)

MbConversation *mb_conversation_new              (const char      *person_id,
                                                  MbScript        *script,
                                                  GDateTime       *scheduled);
MbConversation *mb_conversation_new_from_bytes   (GBytes          *bytes,
                                                  const char      *filename,
                                                  GHashTable      *copies,
                                                  GError         **error);
GHashTable     *mb_script_copies_new             (void);
void            mb_script_copies_add             (GHashTable      *copies,
                                                  MbScript        *script);
gboolean        mb_conversation_update_from_json (MbConversation  *self,
                                                  JsonNode        *root,
                                                  const char      *filename,
                                                  GHashTable      *copies,
                                                  GError         **error);
gboolean        mb_conversation_is_updating      (MbConversation  *self);
const char * const *mb_conversation_get_revisions (MbConversation  *self);
void            mb_conversation_set_revisions    (MbConversation     *self,
                                                  const char * const *revisions);
GBytes         *mb_conversation_to_bytes         (MbConversation  *self);
MbJsonDraft    *mb_conversation_draft            (MbConversation  *self);

const char     *mb_conversation_get_id           (MbConversation  *self);
guint           mb_conversation_get_file_version (MbConversation  *self);
const char     *mb_conversation_get_person_id    (MbConversation  *self);
MbScript       *mb_conversation_get_script       (MbConversation  *self);
GDateTime      *mb_conversation_get_created      (MbConversation  *self);
GDateTime      *mb_conversation_get_scheduled    (MbConversation  *self);
GDateTime      *mb_conversation_get_when         (MbConversation  *self);
gboolean        mb_conversation_is_upcoming      (MbConversation  *self,
                                                  GDateTime       *now);
gboolean        mb_conversation_get_about        (MbConversation  *self,
                                                  const char     **conversation_id,
                                                  const char     **agreement_id);
void            mb_conversation_set_about        (MbConversation  *self,
                                                  MbAgreement     *agreement);
MbPhase         mb_conversation_get_phase        (MbConversation  *self);
void            mb_conversation_set_phase        (MbConversation  *self,
                                                  MbPhase          phase);
guint           mb_conversation_get_step         (MbConversation  *self);
void            mb_conversation_set_step         (MbConversation  *self,
                                                  guint            step);
gboolean        mb_conversation_get_finished     (MbConversation  *self);
void            mb_conversation_set_finished     (MbConversation  *self,
                                                  gboolean         finished);
const char     *mb_conversation_get_text         (MbConversation  *self,
                                                  MbTextKind       kind,
                                                  const char      *key);
void            mb_conversation_set_text         (MbConversation  *self,
                                                  MbTextKind       kind,
                                                  const char      *key,
                                                  const char      *text);
gboolean        mb_conversation_replace_text     (MbConversation  *self,
                                                  MbTextKind       kind,
                                                  const char      *key,
                                                  gsize            position,
                                                  gsize            n_removed,
                                                  const char      *inserted,
                                                  gssize           length,
                                                  GError         **error);
guint           mb_conversation_get_scale        (MbConversation  *self,
                                                  const char      *key);
void            mb_conversation_set_scale        (MbConversation  *self,
                                                  const char      *key,
                                                  guint            value);
typedef gint64 (*MbClockFunc) (void);

void            mb_conversation_set_clock        (MbClockFunc      clock);
gint64          mb_conversation_get_talk_seconds (MbConversation  *self);
gboolean        mb_conversation_get_timer_running (MbConversation *self);
void            mb_conversation_set_timer_running (MbConversation *self,
                                                   gboolean        running);

void            mb_conversation_get_lens_counts  (MbConversation  *self,
                                                  guint           *flagged,
                                                  guint           *rephrased);
void            mb_conversation_count_lens       (MbConversation  *self,
                                                  guint            flagged,
                                                  guint            rephrased);

GListModel     *mb_conversation_get_agreements   (MbConversation  *self);
MbAgreement    *mb_conversation_add_agreement    (MbConversation  *self,
                                                  const char      *text,
                                                  MbPromisedBy     promised_by,
                                                  GDate           *due);
MbAgreement    *mb_conversation_add_agreement_from_draft (MbConversation *self,
                                                          MbPromisedBy    promised_by,
                                                          GDate          *due);
void            mb_conversation_remove_agreement (MbConversation  *self,
                                                  MbAgreement     *agreement);
guint           mb_conversation_get_n_kept_agreements (MbConversation *self);
GListModel     *mb_conversation_get_marbles      (MbConversation  *self);
MbMarble       *mb_conversation_add_marble       (MbConversation  *self,
                                                  gboolean         in,
                                                  const char      *reason);
MbMarble       *mb_conversation_add_marble_from_draft (MbConversation *self,
                                                       gboolean        in);
void            mb_conversation_remove_marble    (MbConversation  *self,
                                                  MbMarble        *marble);
guint           mb_conversation_get_n_kept_marbles (MbConversation *self);

/* Where a word was found in a text, in bytes. */
typedef struct
{
  gsize start;
  gsize end;
} MbSearchSpan;

char          **mb_search_words                (const char         *query);
GArray         *mb_search_spans                (const char         *text,
                                                const char * const *words);
void            mb_conversation_prepare_search (MbConversation     *self);

typedef struct _MbSearchCopy MbSearchCopy;

MbSearchCopy   *mb_conversation_copy_for_search (MbConversation    *self);
void            mb_search_copy_fold             (MbSearchCopy      *copy);
void            mb_search_copy_finish           (MbSearchCopy      *copy);
void            mb_search_copy_free             (MbSearchCopy      *copy);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbSearchCopy, mb_search_copy_free)
gboolean        mb_conversation_matches        (MbConversation     *self,
                                                const char         *folded_also,
                                                const char * const *words,
                                                int                 phase);
char           *mb_conversation_find           (MbConversation     *self,
                                                const char * const *words,
                                                int                 only,
                                                MbPhase            *phase,
                                                guint              *step);

G_END_DECLS
