/* mb-journal-known.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The versions of its files the journal has seen: for people.json and
 * each conversation, the contents it last read, wrote or took in from
 * another device. A save checks that the file on disk is still that
 * version before it replaces it, and a merge takes it as the last
 * version both sides had. Kept in memory, about as much as the files
 * hold (see issue #19).
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
  g_free (known);
}

/* Notes @bytes as the version of @name on disk. Any thread. */
void
_mb_journal_set_known (MbJournal  *self,
                       const char *name,
                       GBytes     *bytes)
{
  Known *known = g_new0 (Known, 1);

  known->bytes = g_bytes_ref (bytes);
  known->hash = _mb_journal_hash (bytes);
  g_mutex_lock (&self->on_disk_lock);
  known->serial = ++self->known_serial;
  g_hash_table_replace (self->known, g_strdup (name), known);
  g_mutex_unlock (&self->on_disk_lock);
}

/* Forgets the version of @name, as when the file is deleted. Any thread. */
void
_mb_journal_forget_known (MbJournal  *self,
                          const char *name)
{
  g_mutex_lock (&self->on_disk_lock);
  g_hash_table_remove (self->known, name);
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
    {
      copy = g_new0 (Known, 1);
      copy->bytes = g_bytes_ref (known->bytes);
      copy->hash = g_strdup (known->hash);
      copy->serial = known->serial;
    }
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
