/* mb-conversation-private.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the files of the conversation model share: the structs of
 * MbConversation, MbAgreement and MbMarble, which its file is read into
 * and written from, and the helpers one file offers another. Not for use
 * outside them.
 */

#pragma once

#include "mb-conversation.h"
#include "mb-json-out.h"

G_BEGIN_DECLS

struct _MbAgreement
{
  GObject            parent_instance;

  MbConversation    *conversation; /* weak */
  char              *id;
  char              *text;
  MbPromisedBy       promised_by;
  GDate             *due;
  MbAgreementStatus  status;
  GDateTime         *status_changed; /* when it got its status, or NULL when not known */
  JsonNode          *history;        /* "history" as in the file: earlier statuses, or NULL */
  GDateTime         *created;
};

struct _MbMarble
{
  GObject    parent_instance;

  char      *id;
  gboolean   in;
  char      *reason;
  GDateTime *created;
};

/* Values read that this version does not know: each is written back as
 * it was until the leader sets it.
 */
typedef enum
{
  KEEP_PHASE    = 1 << 0,
  KEEP_STEP     = 1 << 1,
  KEEP_FINISHED = 1 << 2,
  KEEP_SECONDS  = 1 << 3,
  KEEP_CREATED  = 1 << 4,
  KEEP_LENS     = 1 << 5,
} Keep;

struct _MbConversation
{
  GObject      parent_instance;

  JsonNode    *original;  /* the file as read, for the members we do not know */
  Keep         keep;
  GArray      *kept_agreements; /* MbJsonKept: entries this version cannot use */
  GArray      *kept_marbles;
  char        *id;
  char        *person_id;
  MbScript    *script;
  GDateTime   *created;
  GDateTime   *scheduled;
  char        *about_conversation; /* the promise it is about: the conversation it was made in, or NULL */
  char        *about_agreement;    /* and its id there */
  MbPhase      phase;
  guint        step;
  gboolean     finished;
  GHashTable  *texts;     /* "kind/key" → MbText */
  GHashTable  *scales;    /* reflection question id → value of its scale, 0 for none chosen */
  gint64       talk_seconds;
  gint64       timer_started; /* µs of the clock, or 0 when paused */
  guint        lens_flagged;   /* judgements the lens flagged as the leader wrote */
  guint        lens_rephrased; /* of those, how many the leader wrote again */
  GListStore  *agreements;
  GListStore  *marbles;
  guint        file_version; /* of the file it was read from, or 0 */
  GStrv        revisions;    /* "revisions" of its file, newest first, or NULL; the journal sets them */
  gboolean     updating;     /* taking in another version: in mb_conversation_update_from_json() */
  char        *search_text; /* all its words, folded, each once; NULL until searched */
  guint        search_serial; /* one more at every change: a copy for searching is of it */
  gsize        search_starts[MB_PHASE_REFLECT + 2]; /* where the title and each phase start in it */
};

/* mb-conversation-json.c */
const char *_mb_agreement_status_to_name   (MbAgreementStatus  status);
int         _mb_agreement_status_from_name (const char        *name);

/* mb-conversation.c */
void  _mb_conversation_emit_changed       (MbConversation *self);
void  _mb_conversation_emit_text_replaced (MbConversation *self,
                                           MbTextKind      kind,
                                           const char     *key);
void  _mb_conversation_emit_scale_changed (MbConversation *self,
                                           const char     *key);
char *_mb_conversation_text_key           (MbTextKind      kind,
                                           const char     *key);
void  _mb_conversation_take_talk_seconds  (MbConversation *self,
                                           gint64          seconds);

/* mb-conversation-json.c */
MbConversation *_mb_conversation_new_from_json (JsonNode    *node,
                                                const char  *filename,
                                                GHashTable  *copies,
                                                GError     **error);
void            _mb_conversation_set_original  (MbConversation            *self,
                                                JsonNode                  *root);
gboolean        _mb_conversation_text_kept     (MbConversation            *self,
                                                MbTextKind                 kind,
                                                const char                *key);
void            _mb_conversation_add_text      (MbJsonOut                 *out,
                                                const char                *member,
                                                const char                *text);

/* mb-conversation-drafts.c */
void            _mb_conversation_read_drafts          (MbConversation            *self,
                                                       JsonObject                *root);
void            _mb_conversation_add_agreement_draft  (MbConversation            *self,
                                                       MbJsonOut                 *out);
void            _mb_conversation_add_marble_drafts    (MbConversation            *self,
                                                       MbJsonOut                 *out);

G_END_DECLS
