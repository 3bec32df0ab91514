/* sync-sim.h — what the sync simulation (test-sync.c) is made of: a run,
 * the folders of its machines, and the simulated sync tool between them.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib/gstdio.h>
#include <string.h>

#include "core-util.h"
#include "mb-merge.h"
#include "sync-util.h"

#define MAX_JOURNALS      3
#define STEPS             240
#define MAX_CONVERSATIONS 8


typedef struct
{
  guint seeds;
  guint edits;
  guint deliveries;
  guint copies;
  guint both_changed;
  guint statuses;
} Totals;

static Totals totals;

/* A status an edit set, with its time: at the end it is the agreement's
 * status or in its history.
 */
typedef struct
{
  char              *conversation;
  char              *agreement;
  MbAgreementStatus  status;
  GDateTime         *changed;
} StatusSet;

static void
status_set_free (gpointer data)
{
  StatusSet *set = data;

  g_free (set->conversation);
  g_free (set->agreement);
  g_date_time_unref (set->changed);
  g_free (set);
}

/* One run of the simulation. */
typedef struct
{
  GRand      *rand;
  guint       seed;
  char       *root;
  guint       n;
  char       *dirs[MAX_JOURNALS];
  MbJournal  *journals[MAX_JOURNALS];
  MbScript   *script;
  GHashTable *versions[MAX_JOURNALS]; /* path → Version, of the sync tool on each machine */
  GHashTable *tokens;   /* token → what it belongs to: "c:ID", "m:ID" (a marble) or "p" */
  GHashTable *exempt;   /* what was deleted on purpose: "c:ID", "m:ID" */
  GPtrArray  *statuses; /* StatusSet: every status an edit set */
  guint       next_token;
  guint       next_copy;
} Sim;

/* With MB_SYNC_TRACE set, what happens, step by step, to find why a
 * seed failed.
 */
static void G_GNUC_PRINTF (1, 2)
trace (const char *format,
       ...)
{
  static int on = -1;
  g_autofree char *line = NULL;
  va_list args;

  if (on < 0)
    on = g_getenv ("MB_SYNC_TRACE") != NULL;
  if (!on)
    return;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("%s\n", line);
}

/* Files */

static gboolean
is_copy_name (const char *name)
{
  return mb_merge_parse_conflict_name (name, NULL);
}

/* The files under @dir, by path under it; hidden ones (saves under way) left out. */
static void
list_files (GHashTable *files,
            const char *dir,
            const char *prefix)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *relative = g_strconcat (prefix, name, NULL);

      if (name[0] == '.')
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_autofree char *deeper = g_strconcat (relative, "/", NULL);

          list_files (files, path, deeper);
        }
      else
        {
          g_hash_table_add (files, g_steal_pointer (&relative));
        }
    }
}

static GBytes *
read_file (const char *dir,
           const char *path)
{
  g_autofree char *full = g_build_filename (dir, path, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (full);

  return g_file_load_bytes (file, NULL, NULL, NULL);
}

static char *
hash_file (const char *dir,
           const char *path)
{
  g_autoptr(GBytes) bytes = read_file (dir, path);

  /* A few hundred edits make a few kilobytes: more is merges gone wrong. */
  if (bytes != NULL && g_bytes_get_size (bytes) > 1000000)
    g_error ("%s/%s grew to %zu bytes: %.3000s", dir, path, g_bytes_get_size (bytes),
             (const char *) g_bytes_get_data (bytes, NULL));

  return bytes != NULL ? g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes) : g_strdup ("");
}

/* Puts @bytes at @path under @dir as a sync tool does: a new file, renamed into place. */
static void
put_file (const char *dir,
          const char *path,
          GBytes     *bytes)
{
  g_autofree char *full = g_build_filename (dir, path, NULL);
  g_autofree char *parent = g_path_get_dirname (full);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_file_set_contents_full (full, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                            G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error);
  g_assert_no_error (error);
}

static void
remove_file (const char *dir,
             const char *path)
{
  g_autofree char *full = g_build_filename (dir, path, NULL);

  g_assert_cmpint (g_unlink (full), ==, 0);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* A folder of its own for the run: in memory when it can be. */
static char *
make_root (void)
{
  g_autoptr(GError) error = NULL;
  char *root;

  if (g_access ("/dev/shm", W_OK) == 0)
    {
      root = g_strdup ("/dev/shm/marbles-sync-XXXXXX");
      if (g_mkdtemp (root) != NULL)
        return root;
      g_free (root);
    }
  root = g_dir_make_tmp ("marbles-sync-XXXXXX", &error);
  g_assert_no_error (error);
  return root;
}

/* The simulated sync tool
 *
 * As Syncthing, it keeps for each file in each folder a version vector:
 * how many changes of each machine the version there has seen. A
 * change found in a folder (a scan) counts as one of that machine's. A
 * version is carried over one that it has seen all of; two versions
 * that each have changes the other has not are a conflict: one wins on
 * both machines, the other is kept aside as a conflict copy on the
 * machine that had it, and a change made on one side wins over a
 * deletion on the other.
 */

typedef struct
{
  char  *hash;               /* of the contents, "" for no file */
  guint  seen[MAX_JOURNALS]; /* changes of each machine */
} Version;

static void
version_free (gpointer data)
{
  Version *version = data;

  g_free (version->hash);
  g_free (version);
}

static Version *
version_of (Sim        *sim,
            guint       i,
            const char *path)
{
  Version *version = g_hash_table_lookup (sim->versions[i], path);

  if (version == NULL)
    {
      version = g_new0 (Version, 1);
      version->hash = g_strdup ("");
      g_hash_table_insert (sim->versions[i], g_strdup (path), version);
    }
  return version;
}

/* Nextcloud keeps its conflict copies on the machine that made them. */
static gboolean
is_local_only (const char *path)
{
  return strstr (path, " (conflicted copy ") != NULL;
}

/* Notes what changed in folder @i since it was last scanned.
 * Returns: how many files changed
 */
static guint
scan (Sim   *sim,
      guint  i)
{
  guint changes = 0;
  g_autoptr(GHashTable) paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  const char *path;

  list_files (paths, sim->dirs[i], "");
  g_hash_table_iter_init (&iter, sim->versions[i]);
  while (g_hash_table_iter_next (&iter, (gpointer *) &path, NULL))
    g_hash_table_add (paths, g_strdup (path));

  g_hash_table_iter_init (&iter, paths);
  while (g_hash_table_iter_next (&iter, (gpointer *) &path, NULL))
    {
      g_autofree char *hash = hash_file (sim->dirs[i], path);
      Version *version = version_of (sim, i, path);

      if (!g_str_equal (hash, version->hash))
        {
          g_free (version->hash);
          version->hash = g_steal_pointer (&hash);
          version->seen[i]++;
          changes++;
          trace ("scan: %s changed on %u", path, i);
        }
    }
  return changes;
}

/* Whether @a has seen every change @b has. */
static gboolean
has_seen (Sim     *sim,
          Version *a,
          Version *b)
{
  for (guint i = 0; i < sim->n; i++)
    {
      if (a->seen[i] < b->seen[i])
        return FALSE;
    }
  return TRUE;
}

static void
take_version (Sim     *sim,
              Version *to,
              Version *from,
              Version *other)
{
  char *hash = g_strdup (from->hash); /* @to may be @from */

  g_free (to->hash);
  to->hash = hash;
  for (guint i = 0; i < sim->n; i++)
    to->seen[i] = MAX (from->seen[i], other->seen[i]);
}

/* The name a sync tool gives the copy of @path it keeps aside. */
static char *
conflict_copy_path (Sim        *sim,
                    const char *path,
                    gboolean    syncthing)
{
  g_autofree char *stem = g_strndup (path, strlen (path) - strlen (".json"));
  guint n = sim->next_copy++;

  if (syncthing)
    return g_strdup_printf ("%s.sync-conflict-20261205-%06u-SIMDEV%u.json", stem, n % 1000000, sim->seed);
  return g_strdup_printf ("%s (conflicted copy 2026-12-05 %06u).json", stem, n % 1000000);
}

/* Puts the version of @path at @from in folder @to. */
static void
carry (Sim        *sim,
       guint       from,
       guint       to,
       const char *path)
{
  g_autoptr(GBytes) bytes = read_file (sim->dirs[from], path);
  g_autoptr(GBytes) there = read_file (sim->dirs[to], path);

  trace ("sync %s from %u to %u%s", path, from, to, bytes == NULL ? " (deleted)" : "");
  if (bytes == NULL && there != NULL)
    remove_file (sim->dirs[to], path);
  else if (bytes != NULL)
    put_file (sim->dirs[to], path, bytes);
}

/* @a and @b each changed @path in a way the other has not seen: one
 * version wins on both, the other is kept aside as a conflict copy on
 * the machine that had it. Returns: the folders changed, as bits
 */
static guint
make_conflict (Sim        *sim,
               guint       a,
               guint       b,
               const char *path)
{
  Version *version_a = version_of (sim, a, path);
  Version *version_b = version_of (sim, b, path);
  gboolean a_wins = *version_b->hash == '\0' ? TRUE
                    : *version_a->hash == '\0' ? FALSE : g_rand_boolean (sim->rand);
  guint winner = a_wins ? a : b;
  guint loser = a_wins ? b : a;
  g_autoptr(GBytes) lost = read_file (sim->dirs[loser], path);

  if (lost != NULL)
    {
      g_autofree char *copy = conflict_copy_path (sim, path, g_rand_boolean (sim->rand));

      trace ("conflict %s between %u and %u: %u wins, copy %s on %u", path, a, b, winner, copy, loser);
      put_file (sim->dirs[loser], copy, lost);
      totals.copies++;
    }
  carry (sim, winner, loser, path);
  take_version (sim, version_of (sim, loser, path), version_of (sim, winner, path), version_of (sim, loser, path));
  take_version (sim, version_of (sim, winner, path), version_of (sim, winner, path), version_of (sim, loser, path));
  return 1 << loser;
}

/* Carries @path from @a to @b when the version at @a has seen all of
 * the one at @b, and more; a conflict when each has changes of its own.
 * Scan both folders first. Returns: the folders changed, as bits
 */
static guint
sync_path (Sim        *sim,
           guint       a,
           guint       b,
           const char *path)
{
  Version *version_a = version_of (sim, a, path);
  Version *version_b = version_of (sim, b, path);
  gboolean a_seen_b = has_seen (sim, version_a, version_b);
  gboolean b_seen_a = has_seen (sim, version_b, version_a);

  if (b_seen_a)
    return 0; /* the same, or @b is newer: the other way */
  if (g_str_equal (version_a->hash, version_b->hash))
    {
      take_version (sim, version_a, version_a, version_b);
      take_version (sim, version_b, version_a, version_b);
      return 0;
    }
  if (!a_seen_b)
    return make_conflict (sim, a, b, path);

  carry (sim, a, b, path);
  take_version (sim, version_b, version_a, version_b);
  totals.deliveries++;
  return 1 << b;
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* The paths the tool syncs between @a and @b, once it scanned both. */
static GPtrArray *
paths_between (Sim   *sim,
               guint  a,
               guint  b)
{
  g_autoptr(GHashTable) paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *result = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  const char *path;

  scan (sim, a);
  scan (sim, b);
  for (guint i = 0; i < 2; i++)
    {
      g_hash_table_iter_init (&iter, sim->versions[i == 0 ? a : b]);
      while (g_hash_table_iter_next (&iter, (gpointer *) &path, NULL))
        g_hash_table_add (paths, g_strdup (path));
    }

  g_hash_table_iter_init (&iter, paths);
  while (g_hash_table_iter_next (&iter, (gpointer *) &path, NULL))
    {
      if (!is_local_only (path))
        g_ptr_array_add (result, g_strdup (path));
    }
  /* In one order whatever the hash table's, so that a seed runs the same. */
  g_ptr_array_sort (result, compare_paths);
  return result;
}

