/* mb-journal-private.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the files of MbJournal share: the object's struct, the save state
 * of one file, and the helpers one file of the journal offers another.
 * Not for use outside the journal.
 */

#pragma once

#include "mb-journal.h"

G_BEGIN_DECLS

#define PEOPLE_FORMAT         "marbles-people"
#ifndef PEOPLE_FORMAT_VERSION
#define PEOPLE_FORMAT_VERSION 1
#endif

/* The save state of one file. */
typedef struct
{
  MbJournal   *journal;
  GObject     *object;   /* a conversation, or the journal for people.json */
  GFile       *file;
  MbSaveState  state;
  char        *error;
  gboolean     dirty;
  gboolean     in_flight;
  gboolean     deleted;     /* the conversation was deleted while a write was under way */
  guint        timeout_id;
  gint64       dirty_since; /* monotonic µs of the oldest unsaved change, or 0 */
  gboolean     updated;     /* written once in this version's format */
} Saver;

struct _MbJournal
{
  GObject       parent_instance;

  GFile        *dir;
  GListStore   *people;
  GListStore   *conversations;
  GListStore   *problems;
  GHashTable   *savers;        /* GObject → Saver */
  MbSaveTiming  timing;
  JsonNode     *people_original;
  GArray       *kept_people;   /* MbJsonKept: entries of people.json this version cannot use */
  GHashTable   *people_by_id;  /* id → MbPerson, as in self->people */
  gboolean      people_damaged;
  gboolean      loaded;
  GCancellable *cancellable;

  /* What this journal read or wrote and expects on disk, to notice when
   * something removed it: names in conversations/, and people.json.
   * Workers read and change it, so only with the lock held.
   */
  GMutex        on_disk_lock;
  GHashTable   *on_disk;
  gboolean      people_on_disk;
  gint64        next_check;    /* monotonic µs: when to list conversations/ again */
};

/* mb-journal.c: the object and its lists */
void       _mb_journal_emit_save_state_changed  (MbJournal      *self,
                                                 GObject        *object);
void       _mb_journal_emit_files_written_back  (MbJournal      *self,
                                                 guint           n_files);
void       _mb_journal_notify_loaded            (MbJournal      *self);
int        _mb_journal_compare_people           (gconstpointer   a,
                                                 gconstpointer   b,
                                                 gpointer        user_data);
int        _mb_journal_compare_conversations    (gconstpointer   a,
                                                 gconstpointer   b,
                                                 gpointer        user_data);
void       _mb_journal_watch_conversation       (MbJournal      *self,
                                                 MbConversation *conversation);
void       _mb_journal_watch_person             (MbJournal      *self,
                                                 MbPerson       *person);
void       _mb_journal_unwatch_conversation     (MbJournal      *self,
                                                 MbConversation *conversation);
void       _mb_journal_unwatch_person           (MbJournal      *self,
                                                 MbPerson       *person);

/* mb-journal-files.c: the files on disk */
GFile     *_mb_journal_conversation_file        (MbJournal      *self,
                                                 MbConversation *conversation);
gboolean   _mb_journal_keep_old_file            (GFile          *file,
                                                 guint           version,
                                                 GError        **error);
gboolean   _mb_journal_delete_if_there          (GFile          *file,
                                                 GError        **error);
gboolean   _mb_journal_delete_old_versions      (GFile          *file,
                                                 GError        **error);
gboolean   _mb_journal_delete_with_old_versions (GFile          *file,
                                                 GError        **error);
void       _mb_journal_note_on_disk             (MbJournal      *self,
                                                 GFile          *file,
                                                 gboolean        there);
GPtrArray *_mb_journal_find_missing             (MbJournal      *self,
                                                 gboolean        always);

/* mb-journal-writer.c: saving */
void       _mb_journal_saver_free               (Saver          *saver);
Saver     *_mb_journal_get_saver                (MbJournal      *self,
                                                 GObject        *object);
void       _mb_journal_mark_changed             (MbJournal      *self,
                                                 GObject        *object);
gboolean   _mb_journal_write_now                (Saver          *saver,
                                                 GError        **error);

G_END_DECLS
