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
 * nothing of the other's. Kept in memory: a few times what the files
 * that change hold (see issue #19).
 *
 * Beside them, what each file's metadata said when it was last read, so
 * that looking for changes reads only the files that changed.
 *
 * Workers set and read both, with the on_disk lock held.
 */

#define G_LOG_DOMAIN "mb-journal"

#include "config.h"

#include <glib/gstdio.h>

#include <string.h>

#include "mb-journal-private.h"

#define MAX_REVISIONS 32
#define MAX_HISTORY   32

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
  g_bytes_unref (known->bytes);
  g_free (known->hash);
  g_strfreev (known->revisions);
  g_free (known);
}

static Known *
known_copy (Known *known)
{
  Known *copy = g_new0 (Known, 1);

  copy->bytes = g_bytes_ref (known->bytes);
  copy->hash = g_strdup (known->hash);
  copy->revisions = g_strdupv (known->revisions);
  copy->serial = known->serial;
  return copy;
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

/* Notes @bytes, whose "revisions" are @revisions, as the version of
 * @name on disk. Any thread.
 */
void
_mb_journal_set_known (MbJournal          *self,
                       const char         *name,
                       GBytes             *bytes,
                       const char * const *revisions)
{
  Known *known = g_new0 (Known, 1);

  known->bytes = g_bytes_ref (bytes);
  known->hash = _mb_journal_hash (bytes);
  known->revisions = g_strdupv ((char **) revisions);
  g_debug ("%s: %s is known as %.8s (%s)", g_file_peek_path (self->dir), name, known->hash,
           revisions != NULL && revisions[0] != NULL ? revisions[0] : "no revision");
  g_mutex_lock (&self->on_disk_lock);
  known->serial = ++self->known_serial;
  remember (self, name, known);
  g_hash_table_replace (self->known, g_strdup (name), known);
  g_mutex_unlock (&self->on_disk_lock);
}

/* Returns: (transfer full) (nullable): the contents of the version of
 *   @name whose id is @revision, if it was seen lately. Any thread.
 */
GBytes *
_mb_journal_find_version (MbJournal  *self,
                          const char *name,
                          const char *revision)
{
  GQueue *versions;
  GBytes *bytes = NULL;

  g_mutex_lock (&self->on_disk_lock);
  versions = g_hash_table_lookup (self->history, name);
  for (GList *l = versions != NULL ? versions->head : NULL; l != NULL && bytes == NULL; l = l->next)
    {
      Known *seen = l->data;

      if (g_str_equal (seen->revisions[0], revision))
        bytes = g_bytes_ref (seen->bytes);
    }
  g_mutex_unlock (&self->on_disk_lock);

  return bytes;
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
  g_mutex_lock (&self->on_disk_lock);
  g_hash_table_remove (self->known, name);
  g_hash_table_remove (self->history, name);
  g_mutex_unlock (&self->on_disk_lock);
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

/* Notes that @name was read when its metadata was @meta. Any thread. */
void
_mb_journal_note_stat (MbJournal      *self,
                       const char     *name,
                       const FileStat *meta)
{
  g_mutex_lock (&self->on_disk_lock);
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
