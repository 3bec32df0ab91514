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

#include "mb-crypt.h"
#include "mb-journal.h"
#include "mb-versions-private.h"

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
  gboolean     written_back; /* to write only because the file went: the same version again */
} Saver;

/* What a file's metadata says of its contents: when it changes, the
 * file is read again.
 */
typedef struct
{
  gint64  mtime_ns;
  gint64  ctime_ns;
  gint64  size;
  guint64 inode;
} FileStat;

/* A file's contents as this journal last read, wrote or took them in:
 * what it expects on disk before it writes, and the base of a merge.
 */
typedef struct
{
  GBytes  *bytes;     /* NULL while they are only in @stored */
  char    *hash;      /* SHA-256 of the bytes, in hexadecimal; NULL for one in @store,
                       * until _mb_journal_known_get_hash() */
  GStrv    revisions; /* its "revisions", newest first, or NULL */
  guint64  serial;    /* new each time it is set, to tell a version read meanwhile */
  int      store;     /* the journal's private store holding the bytes, or -1 */
  goffset  at;        /* where in @store */
  gsize    size;
} Known;

struct _MbJournal
{
  GObject       parent_instance;

  GFile        *dir;
  GThread      *thread;        /* that made it, and disposes of it */
  GMainContext *context;       /* that thread's */
  GListStore   *people;
  GListStore   *conversations;
  GPtrArray    *searched;      /* as self->conversations, for searching; NULL once it changes */
  GPtrArray    *unprepared;    /* loaded, not yet given to a worker to prepare for searching */
  guint         unprepared_at;
  guint         prepare_id;    /* the idle that gives out the next batch */
  gboolean      preparing;     /* a batch is in a worker */
  gint          load_threads;  /* how many may read while loading, 0 for all; atomic */
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
  GHashTable   *known;         /* "people.json" or "ID.json" → Known */
  GHashTable   *history;       /* the same → GQueue of Known: earlier versions, newest first */
  GStrv         people_revisions; /* as mb_conversation_get_revisions(), for people.json */
  guint64       known_serial;
  GHashTable   *stats;         /* path under the folder → FileStat, of the files last read */
  int           store;         /* where the versions read when loading are kept, or -1 */
  goffset       store_end;

  /* Watching the folder for what other devices and programs change. */
  gboolean      watch_off;     /* set by a test, before loading */
  GPtrArray    *monitors;      /* GFileMonitor */
  gboolean      watch_again;   /* a folder watched was not there yet */
  guint         rescan_soon_id;
  guint         rescan_slowly_id;
  gboolean      rescanning;
  gboolean      rescan_again;  /* another look is due after the one under way */
  GPtrArray    *rescan_waiting;  /* GTask: for the next rescan to start */
  GPtrArray    *rescan_running;  /* GTask: for the rescan under way */

  /* Taking in what was found. */
  gboolean      applying;      /* a version is being taken in: not a change to save */
  GPtrArray    *merged_copies; /* MergedCopy: conflict copies to delete once saved */
  gboolean      copies_waiting; /* conflict copies wait for a save to end */

  /* Encryption at rest: the unlocked key, or NULL. */
  MbCryptKey   *key;
};

/* mb-journal.c: the object and its lists */
void       _mb_journal_emit_save_state_changed  (MbJournal      *self,
                                                 GObject        *object);
void       _mb_journal_emit_files_written_back  (MbJournal      *self,
                                                 guint           n_files);
void       _mb_journal_emit_merged              (MbJournal      *self,
                                                 GObject        *object,
                                                 guint           n_both_changed);
void       _mb_journal_notify_loaded            (MbJournal      *self);
void       _mb_journal_notify_search_ready      (MbJournal      *self);
void       _mb_journal_prepare_search           (MbJournal      *self,
                                                 GPtrArray      *conversations);
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
GFile     *_mb_journal_keep_not_chosen          (GFile          *file,
                                                 GBytes         *bytes,
                                                 GError        **error);
GHashTable *_mb_journal_script_copies_for       (MbJournal      *self,
                                                 JsonNode       *root,
                                                 MbScript       *script);
void       _mb_journal_note_on_disk             (MbJournal      *self,
                                                 GFile          *file,
                                                 gboolean        there);
GPtrArray *_mb_journal_find_missing             (MbJournal      *self,
                                                 gboolean        always);

/* mb-journal-known.c: the versions of the files seen */
char      *_mb_journal_hash                     (GBytes         *bytes);
char      *_mb_journal_name_of                  (MbJournal      *self,
                                                 GObject        *object);
void       _mb_journal_set_known                (MbJournal      *self,
                                                 const char     *name,
                                                 GBytes         *bytes,
                                                 const char * const *revisions);
GBytes    *_mb_journal_find_version             (MbJournal      *self,
                                                 const char     *name,
                                                 const char     *revision);
const char * const *_mb_journal_get_revisions   (MbJournal      *self,
                                                 GObject        *object);
void       _mb_journal_set_revisions            (MbJournal      *self,
                                                 GObject        *object,
                                                 const char * const *revisions);
GStrv      _mb_journal_join_revisions           (const char * const *ours,
                                                 const char * const *theirs);
GStrv      _mb_journal_new_revisions            (const char * const *from);
void       _mb_journal_forget_known             (MbJournal      *self,
                                                 const char     *name);
Known     *_mb_journal_dup_known                (MbJournal      *self,
                                                 const char     *name);
GBytes    *_mb_journal_known_get_bytes          (Known          *known);
char      *_mb_journal_known_get_hash           (Known          *known);
void       _mb_journal_open_store               (MbJournal      *self);
void       _mb_journal_close_store              (MbJournal      *self);
void       _mb_journal_set_known_stored         (MbJournal      *self,
                                                 const char     *name,
                                                 GBytes         *bytes,
                                                 const char * const *revisions);
void       _mb_journal_read_stored              (MbJournal      *self,
                                                 const char     *name);
void       _mb_journal_known_free               (Known          *known);
gboolean   _mb_journal_stat                     (GFile          *file,
                                                 FileStat       *meta);
gboolean   _mb_journal_stat_unchanged           (MbJournal      *self,
                                                 const char     *name,
                                                 const FileStat *meta);
void       _mb_journal_note_stat                (MbJournal      *self,
                                                 const char     *name,
                                                 const FileStat *meta);
void       _mb_journal_forget_stat              (MbJournal      *self,
                                                 const char     *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Known, _mb_journal_known_free)

/* mb-journal-watch.c: noticing changes on disk */
void       _mb_journal_start_watching           (MbJournal      *self);
void       _mb_journal_stop_watching            (MbJournal      *self);
void       _mb_journal_rescan_soon              (MbJournal      *self);
void       _mb_journal_watch_again              (MbJournal      *self);
void       _mb_journal_set_watching             (MbJournal      *self,
                                                 gboolean        watching);
void       _mb_journal_rescan_async             (MbJournal           *self,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean   _mb_journal_rescan_finish            (MbJournal      *self,
                                                 GAsyncResult   *result,
                                                 GError        **error);

/* What a look for changes on disk found: a file changed, added, or a
 * sync tool's conflict copy.
 */
typedef enum
{
  FOUND_CHANGED,
  FOUND_ADDED,
  FOUND_COPY,
} FoundKind;

typedef struct
{
  FoundKind       kind;
  char           *name;     /* as in Known; a copy's own name */
  char           *path;     /* under the folder, as in stats */
  GFile          *file;
  char           *original; /* a copy's original: "people" or a conversation's id */
  GBytes         *bytes;
  char           *hash;
  guint64         serial;   /* of the Known version when it was read, or 0 for none */
  MbConversation *conversation; /* added: read in the worker */
  char           *problem;  /* added: why it could not be read */
} Found;

typedef struct
{
  GPtrArray *found;    /* Found */
  GPtrArray *missing;  /* (nullable): as from _mb_journal_find_missing() */
} Rescan;

/* mb-journal-sync.c: taking in what changed on disk */
JsonNode  *_mb_journal_serialize                (MbJournal      *self,
                                                 GObject        *object);
gboolean   _mb_journal_same_content             (JsonNode       *a,
                                                 JsonNode       *b);
gboolean   _mb_journal_check_people             (JsonNode       *root,
                                                 const char     *display,
                                                 GError        **error);
gboolean   _mb_journal_apply                    (MbJournal      *self,
                                                 GObject        *object,
                                                 JsonNode       *root,
                                                 const char     *display,
                                                 GError        **error);
JsonNode  *_mb_journal_parse_known              (Known          *known,
                                                 const char     *display);
gboolean   _mb_journal_merge_in                 (MbJournal      *self,
                                                 GObject        *object,
                                                 Known          *fallback,
                                                 JsonNode       *theirs,
                                                 JsonNode       *on_disk,
                                                 const char     *display,
                                                 gboolean       *needs_write,
                                                 GError        **error);
void       _mb_journal_add_read_conversation    (MbJournal      *self,
                                                 MbConversation *conversation);
void       _mb_journal_found_free               (gpointer        found);
void       _mb_journal_rescan_free              (Rescan         *rescan);
void       _mb_journal_take_rescan              (MbJournal      *self,
                                                 Rescan         *rescan);
gboolean   _mb_journal_take_conflict            (Saver          *saver,
                                                 GBytes         *theirs,
                                                 GError        **error);
void       _mb_journal_take_deletion            (MbJournal      *self,
                                                 MbConversation *conversation);

/* mb-journal-copies.c: conflict copies */
void       _mb_journal_merged_copy_free         (gpointer        copy);
void       _mb_journal_delete_copy_when_saved   (MbJournal      *self,
                                                 GObject        *object,
                                                 GFile          *file,
                                                 const char     *hash);
void       _mb_journal_delete_merged_copies     (MbJournal      *self,
                                                 GObject        *object);
void       _mb_journal_delete_copies_merged_into (MbJournal     *self,
                                                  MbConversation *conversation);
void       _mb_journal_take_copy                (MbJournal      *self,
                                                 Found          *found);

/* mb-journal-choose.c: conflict copies that cannot be merged */
GObject   *_mb_journal_held_object              (MbJournal      *self,
                                                 const char     *id);
GFile     *_mb_journal_original_file            (MbJournal      *self,
                                                 const char     *id);
MbConversation *_mb_journal_read_copy           (MbJournal      *self,
                                                 GBytes         *bytes,
                                                 const char     *display,
                                                 const char     *id,
                                                 MbScript       *script,
                                                 GError        **error);
void       _mb_journal_add_problem              (MbJournal      *self,
                                                 GFile          *file,
                                                 const char     *message);
void       _mb_journal_add_conflict             (MbJournal      *self,
                                                 GFile          *original,
                                                 GFile          *copy,
                                                 const char     *message);
void       _mb_journal_retry_copies             (MbJournal      *self,
                                                 GFile          *original);
void       _mb_journal_forget_gone_copies       (MbJournal      *self);

/* mb-journal-forget.c: deleting */
gboolean   _mb_journal_find_problem             (MbJournal      *self,
                                                 GFile          *file,
                                                 guint          *position);
void       _mb_journal_remove_problem           (MbJournal      *self,
                                                 GFile          *file);

/* mb-journal-loader.c: reading */
gboolean   _mb_journal_check_id                 (MbConversation *conversation,
                                                 const char     *name,
                                                 const char     *display,
                                                 GError        **error);

/* mb-journal-crypt.c: a protected journal */
GBytes    *_mb_journal_to_disk                  (MbJournal      *self,
                                                 GBytes         *plain,
                                                 GError        **error);
void       _mb_journal_drop_key                 (MbJournal      *self);

/* mb-journal-writer.c: saving */
void       _mb_journal_saver_free               (Saver          *saver);
Saver     *_mb_journal_get_saver                (MbJournal      *self,
                                                 GObject        *object);
void       _mb_journal_mark_changed             (MbJournal      *self,
                                                 GObject        *object);
gboolean   _mb_journal_write_now                (Saver          *saver,
                                                 GError        **error);
void       _mb_journal_save_start               (Saver          *saver);
void       _mb_journal_set_state                (Saver          *saver,
                                                 MbSaveState     state,
                                                 const char     *error);
void       _mb_journal_schedule                 (Saver          *saver,
                                                 guint           delay_ms);
GBytes    *_mb_journal_serialize_people         (MbJournal      *self);
void       _mb_journal_write_back               (MbJournal      *self,
                                                 GPtrArray      *missing);

G_END_DECLS
