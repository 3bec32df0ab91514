/* mb-journal-known.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The versions of its files the journal has seen: for people.json and
 * each conversation, the contents it last read, wrote or took in from
 * another device. A save checks that the file on disk is still that
 * version before it replaces it.
 *
 * Each version Marbles writes names the versions it comes from, newest
 * first, in the file's "revisions": a new random id for itself, then
 * those of the version it was made from (or of both, after a merge), up
 * to MAX_REVISIONS. The last few versions seen of each file are kept
 * (MAX_HISTORY), by id, so that a merge finds the newest version both
 * sides come from, its base: a version neither side has seen lost
 * nothing of the other's. Kept in memory, but for the versions read
 * when the journal loads, most of them never needed: those are kept in
 * a private store outside the folder (see _mb_journal_open_store()) and
 * read from there, checked against their hash, when a merge needs one.
 *
 * Beside them, what each file's metadata said when it was last read, so
 * that looking for changes reads only the files that changed.
 *
 * Workers set and read both, with the on_disk lock held.
 */

#define G_LOG_DOMAIN "mb-journal"

#include "config.h"

#include <glib/gstdio.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "mb-journal-private.h"
#include "mb-storage.h"

#define MAX_REVISIONS 32
#define MAX_HISTORY   32

static void erase_stored (Known *known);

/* A SHA-256 of @bytes, in hexadecimal. */
char *
_mb_journal_hash (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

/* The name @object's file is known by: "people.json" for the journal,
 * "ID.json" for a conversation; %NULL for one whose id Marbles does not
 * write.
 */
char *
_mb_journal_name_of (MbJournal *self,
                     GObject   *object)
{
  g_autoptr(GFile) file = NULL;

  if (!MB_IS_CONVERSATION (object))
    return g_strdup ("people.json");

  file = _mb_journal_conversation_file (self, MB_CONVERSATION (object));
  return file != NULL ? g_file_get_basename (file) : NULL;
}

void
_mb_journal_known_free (Known *known)
{
  g_clear_pointer (&known->bytes, g_bytes_unref);
  g_free (known->hash);
  g_strfreev (known->revisions);
  g_free (known);
}

static Known *
known_copy (Known *known)
{
  Known *copy = g_new0 (Known, 1);

  copy->bytes = known->bytes != NULL ? g_bytes_ref (known->bytes) : NULL;
  copy->hash = g_strdup (known->hash);
  copy->revisions = g_strdupv (known->revisions);
  copy->serial = known->serial;
  copy->store = known->store;
  copy->at = known->at;
  copy->size = known->size;
  return copy;
}

/* The bytes of @known in the store, if they are still those whose hash
 * it has. Any thread.
 */
static GBytes *
read_stored (Known *known)
{
  char *data = g_malloc (MAX (known->size, 1));
  gsize done = 0;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *hash = NULL;

  while (done < known->size)
    {
      gssize n = pread (known->store, data + done, known->size - done, known->at + done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      done += n;
    }
  bytes = g_bytes_new_take (data, done);
  /* Checked against its hash when that was taken already. */
  hash = known->hash != NULL ? _mb_journal_hash (bytes) : NULL;
  if (done < known->size || g_strcmp0 (hash, known->hash) != 0)
    {
      g_debug ("A version kept in the store is lost: %s", done < known->size ? g_strerror (errno) : "it changed");
      return NULL;
    }
  return g_steal_pointer (&bytes);
}

/**
 * _mb_journal_known_get_bytes:
 *
 * Returns: (transfer full) (nullable): the contents of @known, read
 *   from its private copy when they are not in memory; %NULL when that
 *   is lost. Any thread.
 */
GBytes *
_mb_journal_known_get_bytes (Known *known)
{
  if (known->bytes != NULL)
    return g_bytes_ref (known->bytes);
  return known->store >= 0 ? read_stored (known) : NULL;
}

/**
 * _mb_journal_known_get_hash:
 *
 * Returns: (transfer full) (nullable): the hash of @known, taken from
 *   its bytes when it was not yet (as for the versions read when
 *   loading, which need it only when their file changes); %NULL when
 *   they are lost. Any thread.
 */
char *
_mb_journal_known_get_hash (Known *known)
{
  g_autoptr(GBytes) bytes = NULL;

  if (known->hash != NULL)
    return g_strdup (known->hash);
  bytes = _mb_journal_known_get_bytes (known);
  return bytes != NULL ? _mb_journal_hash (bytes) : NULL;
}

/* Keeps @known among the versions of @name seen, by its id. With the lock held. */
static void
remember (MbJournal  *self,
          const char *name,
          Known      *known)
{
  GQueue *versions = g_hash_table_lookup (self->history, name);

  if (known->revisions == NULL || known->revisions[0] == NULL)
    return;
  if (versions == NULL)
    {
      versions = g_queue_new ();
      g_hash_table_insert (self->history, g_strdup (name), versions);
    }

  for (GList *l = versions->head; l != NULL; l = l->next)
    {
      Known *seen = l->data;

      if (g_str_equal (seen->revisions[0], known->revisions[0]))
        {
          _mb_journal_known_free (seen);
          g_queue_delete_link (versions, l);
          break;
        }
    }
  g_queue_push_head (versions, known_copy (known));
  while (versions->length > MAX_HISTORY)
    _mb_journal_known_free (g_queue_pop_tail (versions));
}

/* Notes @known as the version of @name on disk. Any thread. */
static void
add_known (MbJournal  *self,
           const char *name,
           Known      *known)
{
  g_debug ("%s: %s is known as %.8s (%s)", g_file_peek_path (self->dir), name,
           known->hash != NULL ? known->hash : "(stored)",
           known->revisions != NULL && known->revisions[0] != NULL ? known->revisions[0] : "no revision");
  g_mutex_lock (&self->on_disk_lock);
  known->serial = ++self->known_serial;
  remember (self, name, known);
  g_hash_table_replace (self->known, g_strdup (name), known);
  g_mutex_unlock (&self->on_disk_lock);
}

static Known *
known_new (GBytes             *bytes,
           const char * const *revisions,
           gboolean            hash)
{
  Known *known = g_new0 (Known, 1);

  known->bytes = g_bytes_ref (bytes);
  known->hash = hash ? _mb_journal_hash (bytes) : NULL;
  known->revisions = g_strdupv ((char **) revisions);
  known->store = -1;
  return known;
}

/* Notes @bytes, whose "revisions" are @revisions, as the version of
 * @name on disk. Any thread.
 */
void
_mb_journal_set_known (MbJournal          *self,
                       const char         *name,
                       GBytes             *bytes,
                       const char * const *revisions)
{
  add_known (self, name, known_new (bytes, revisions, TRUE));
}

/* Returns: (transfer full) (nullable): the contents of the version of
 *   @name whose id is @revision, if it was seen lately. Any thread.
 */
GBytes *
_mb_journal_find_version (MbJournal  *self,
                          const char *name,
                          const char *revision)
{
  g_autoptr(Known) found = NULL;
  GQueue *versions;

  g_mutex_lock (&self->on_disk_lock);
  versions = g_hash_table_lookup (self->history, name);
  for (GList *l = versions != NULL ? versions->head : NULL; l != NULL && found == NULL; l = l->next)
    {
      Known *seen = l->data;

      if (g_str_equal (seen->revisions[0], revision))
        found = known_copy (seen);
    }
  g_mutex_unlock (&self->on_disk_lock);

  return found != NULL ? _mb_journal_known_get_bytes (found) : NULL;
}

/* The versions the file of @object comes from, as it is now. */
const char * const *
_mb_journal_get_revisions (MbJournal *self,
                           GObject   *object)
{
  if (MB_IS_CONVERSATION (object))
    return mb_conversation_get_revisions (MB_CONVERSATION (object));
  return (const char * const *) self->people_revisions;
}

void
_mb_journal_set_revisions (MbJournal          *self,
                           GObject            *object,
                           const char * const *revisions)
{
  if (MB_IS_CONVERSATION (object))
    {
      mb_conversation_set_revisions (MB_CONVERSATION (object), revisions);
      return;
    }
  g_strfreev (self->people_revisions);
  self->people_revisions = g_strdupv ((char **) revisions);
}

/* What a version made from @ours, and from @theirs too when that is
 * not %NULL, comes from: theirs and ours in turn, newest first, each
 * once, up to MAX_REVISIONS - 1 (room for the version's own id).
 */
GStrv
_mb_journal_join_revisions (const char * const *ours,
                            const char * const *theirs)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) added = g_hash_table_new (g_str_hash, g_str_equal);
  const char * const *lists[] = { ours, theirs };
  guint lengths[] = { ours != NULL ? g_strv_length ((char **) ours) : 0,
                      theirs != NULL ? g_strv_length ((char **) theirs) : 0 };

  for (guint i = 0; i < MAX (lengths[0], lengths[1]); i++)
    {
      for (guint k = 0; k < G_N_ELEMENTS (lists); k++)
        {
          if (i < lengths[k] && g_hash_table_size (added) + 1 < MAX_REVISIONS &&
              g_hash_table_add (added, (gpointer) lists[k][i]))
            g_strv_builder_add (builder, lists[k][i]);
        }
    }
  return g_strv_builder_end (builder);
}

/* The "revisions" of a new version made from @from: a new id, then @from. */
GStrv
_mb_journal_new_revisions (const char * const *from)
{
  g_auto(GStrv) joined = _mb_journal_join_revisions (from, NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *id = g_strdup_printf ("%08x%08x", g_random_int (), g_random_int ());

  g_strv_builder_add (builder, id);
  g_strv_builder_addv (builder, (const char **) joined);
  return g_strv_builder_end (builder);
}

/* Forgets the versions of @name, as when the file is deleted. Any thread. */
void
_mb_journal_forget_known (MbJournal  *self,
                          const char *name)
{
  g_autoptr(GPtrArray) stored = g_ptr_array_new_with_free_func ((GDestroyNotify) _mb_journal_known_free);
  Known *known;
  GQueue *versions;

  g_mutex_lock (&self->on_disk_lock);
  known = g_hash_table_lookup (self->known, name);
  versions = g_hash_table_lookup (self->history, name);
  if (known != NULL && known->store >= 0)
    g_ptr_array_add (stored, known_copy (known));
  for (GList *l = versions != NULL ? versions->head : NULL; l != NULL; l = l->next)
    {
      Known *seen = l->data;

      if (seen->store >= 0)
        g_ptr_array_add (stored, known_copy (seen));
    }
  g_hash_table_remove (self->known, name);
  g_hash_table_remove (self->history, name);
  g_mutex_unlock (&self->on_disk_lock);

  /* Nothing of it stays: a conversation forgotten is gone from there too. */
  for (guint i = 0; i < stored->len; i++)
    erase_stored (g_ptr_array_index (stored, i));
}

/* Returns: (transfer full) (nullable): a copy of the version of @name
 *   on disk, or %NULL when none is known. Any thread.
 */
Known *
_mb_journal_dup_known (MbJournal  *self,
                       const char *name)
{
  Known *copy = NULL;
  Known *known;

  g_mutex_lock (&self->on_disk_lock);
  known = name != NULL ? g_hash_table_lookup (self->known, name) : NULL;
  if (known != NULL)
    copy = known_copy (known);
  g_mutex_unlock (&self->on_disk_lock);

  return copy;
}

/* Reads @file's metadata; %FALSE when it is not there. */
gboolean
_mb_journal_stat (GFile    *file,
                  FileStat *meta)
{
  GStatBuf buf;

  if (g_stat (g_file_peek_path (file), &buf) != 0)
    return FALSE;

  meta->mtime_ns = (gint64) buf.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + buf.st_mtim.tv_nsec;
  meta->ctime_ns = (gint64) buf.st_ctim.tv_sec * G_GINT64_CONSTANT (1000000000) + buf.st_ctim.tv_nsec;
  meta->size = buf.st_size;
  meta->inode = buf.st_ino;
  return TRUE;
}

/* Whether @name was read when its metadata was @meta. Any thread. */
gboolean
_mb_journal_stat_unchanged (MbJournal      *self,
                            const char     *name,
                            const FileStat *meta)
{
  FileStat *seen;
  gboolean unchanged;

  g_mutex_lock (&self->on_disk_lock);
  seen = g_hash_table_lookup (self->stats, name);
  unchanged = seen != NULL && memcmp (seen, meta, sizeof *meta) == 0;
  g_mutex_unlock (&self->on_disk_lock);

  return unchanged;
}

/* How long after a file changed its metadata may still be the same
 * after another change: file systems take times from a coarse clock
 * (milliseconds apart), and a file put in place by a rename may get the
 * inode that the one it replaced freed, with the same size.
 */
#define RACY_NS (2 * G_GINT64_CONSTANT (1000000000))

/* Notes that @name was read when its metadata was @meta, so that it is
 * not read again while that stays the same. Not for a file that changed
 * just before (as git does with a "racily clean" entry): the next look
 * reads it again, and so sees another version put there at once, by
 * another Marbles or a sync tool, with the same metadata. Any thread.
 */
void
_mb_journal_note_stat (MbJournal      *self,
                       const char     *name,
                       const FileStat *meta)
{
  gint64 now_ns = g_get_real_time () * 1000;
  gboolean racy = now_ns - MAX (meta->mtime_ns, meta->ctime_ns) < RACY_NS;

  g_mutex_lock (&self->on_disk_lock);
  if (racy)
    g_hash_table_remove (self->stats, name);
  else
    g_hash_table_replace (self->stats, g_strdup (name), g_memdup2 (meta, sizeof *meta));
  g_mutex_unlock (&self->on_disk_lock);
}

/* Makes the next look for changes read @name again. Any thread. */
void
_mb_journal_forget_stat (MbJournal  *self,
                         const char *name)
{
  g_mutex_lock (&self->on_disk_lock);
  g_hash_table_remove (self->stats, name);
  g_mutex_unlock (&self->on_disk_lock);
}

/* The private store of versions */

/**
 * _mb_journal_open_store:
 *
 * Before loading, in the loading worker: opens the private store of the
 * versions read while loading, a file without a name (O_TMPFILE) in
 * $XDG_STATE_HOME/marbles, readable only by this process: nothing is
 * left of it on disk when the journal is freed or Marbles ends, and
 * nothing of it is in another folder's listing. The system keeps it in
 * its page cache or writes it out, rather than this process in memory.
 * Without it (a file system that cannot), the versions stay in memory.
 */
void
_mb_journal_open_store (MbJournal *self)
{
  g_autofree char *dir = mb_storage_dup_state_dir ();
  g_autoptr(GError) error = NULL;

  if (self->store >= 0)
    return;
  if (!mb_storage_ensure_private_dir (dir, &error))
    {
      g_debug ("%s: versions read are kept in memory: %s", g_file_peek_path (self->dir), error->message);
      return;
    }

  self->store = open (dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (self->store < 0)
    g_debug ("%s: versions read are kept in memory: %s", g_file_peek_path (self->dir), g_strerror (errno));
  self->store_end = 0;
}

/* Closes the store; its contents go with it. */
void
_mb_journal_close_store (MbJournal *self)
{
  if (self->store >= 0)
    close (self->store);
  self->store = -1;
}

/* Puts the bytes of @known in the store, at a place of their own.
 * Returns: whether they are there
 */
static gboolean
store (MbJournal *self,
       Known     *known)
{
  gsize size;
  const char *data = g_bytes_get_data (known->bytes, &size);
  gsize done = 0;
  goffset at;

  g_mutex_lock (&self->on_disk_lock);
  at = self->store_end;
  self->store_end += size;
  g_mutex_unlock (&self->on_disk_lock);

  while (done < size)
    {
      gssize n = pwrite (self->store, data + done, size - done, at + done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          g_debug ("%s: a version read is kept in memory: %s", g_file_peek_path (self->dir),
                   n < 0 ? g_strerror (errno) : "no room");
          return FALSE;
        }
      done += n;
    }

  known->store = self->store;
  known->at = at;
  known->size = size;
  return TRUE;
}

/* Wipes the bytes of @known from the store. */
static void
erase_stored (Known *known)
{
  static const char zeros[4096];
  gsize done = 0;

#ifdef FALLOC_FL_PUNCH_HOLE
  if (fallocate (known->store, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, known->at, known->size) == 0)
    return;
#endif
  while (done < known->size)
    {
      gssize n = pwrite (known->store, zeros, MIN (sizeof zeros, known->size - done), known->at + done);

      if (n <= 0 && errno != EINTR)
        return;
      done += MAX (n, 0);
    }
}

/**
 * _mb_journal_set_known_stored:
 *
 * As _mb_journal_set_known(), while loading: the bytes go to the store
 * opened by _mb_journal_open_store(), when there is one, rather than
 * stay in memory. Any thread.
 */
void
_mb_journal_set_known_stored (MbJournal          *self,
                              const char         *name,
                              GBytes             *bytes,
                              const char * const *revisions)
{
  Known *known = known_new (bytes, revisions, FALSE);

  if (self->store >= 0 && store (self, known))
    g_clear_pointer (&known->bytes, g_bytes_unref);
  add_known (self, name, known);
}

/* Gives the versions of @name that are @copy, read from the store, its
 * bytes. With the lock held.
 */
static void
take_bytes (MbJournal  *self,
            const char *name,
            Known      *copy)
{
  Known *known = g_hash_table_lookup (self->known, name);
  GQueue *versions = g_hash_table_lookup (self->history, name);

  if (copy->bytes == NULL)
    return;
  if (known != NULL && known->bytes == NULL && known->store == copy->store && known->at == copy->at)
    known->bytes = g_bytes_ref (copy->bytes);
  for (GList *l = versions != NULL ? versions->head : NULL; l != NULL; l = l->next)
    {
      Known *seen = l->data;

      if (seen->bytes == NULL && seen->store == copy->store && seen->at == copy->at)
        seen->bytes = g_bytes_ref (copy->bytes);
    }
}

/**
 * _mb_journal_read_stored:
 *
 * Reads into memory the versions of @name that are only in the store,
 * so that merging it on the main thread need not read them. In a
 * worker.
 */
void
_mb_journal_read_stored (MbJournal  *self,
                         const char *name)
{
  g_autoptr(GPtrArray) wanted = g_ptr_array_new_with_free_func ((GDestroyNotify) _mb_journal_known_free);
  GQueue *versions;
  Known *known;

  g_mutex_lock (&self->on_disk_lock);
  known = g_hash_table_lookup (self->known, name);
  versions = g_hash_table_lookup (self->history, name);
  if (known != NULL && known->bytes == NULL && known->store >= 0)
    g_ptr_array_add (wanted, known_copy (known));
  for (GList *l = versions != NULL ? versions->head : NULL; l != NULL; l = l->next)
    {
      Known *seen = l->data;

      if (seen->bytes == NULL && seen->store >= 0)
        g_ptr_array_add (wanted, known_copy (seen));
    }
  g_mutex_unlock (&self->on_disk_lock);

  for (guint i = 0; i < wanted->len; i++)
    {
      Known *copy = g_ptr_array_index (wanted, i);

      copy->bytes = read_stored (copy);
    }

  g_mutex_lock (&self->on_disk_lock);
  for (guint i = 0; i < wanted->len; i++)
    take_bytes (self, name, g_ptr_array_index (wanted, i));
  g_mutex_unlock (&self->on_disk_lock);
}
