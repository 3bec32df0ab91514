/* file-util.h — files as the tests of conflict copies look at them:
 * delivered as a sync tool does, what they hold, and where a version not
 * chosen is kept.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <string.h>

/* Puts @bytes in @file as a sync tool does: a whole new file. */
static inline void
deliver (GFile  *file,
         GBytes *bytes)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (g_file_peek_path (file), g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                       &error);
  g_assert_no_error (error);
}

static inline gboolean
file_is (GFile  *file,
         GBytes *bytes)
{
  g_autoptr(GBytes) there = g_file_load_bytes (file, NULL, NULL, NULL);

  return there != NULL && g_bytes_equal (there, bytes);
}

static inline gboolean
holds (GFile      *file,
       const char *text)
{
  g_autoptr(GBytes) bytes = g_file_load_bytes (file, NULL, NULL, NULL);
  g_autofree char *string = NULL;

  if (bytes != NULL)
    string = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  return string != NULL && strstr (string, text) != NULL;
}

/* The file a version of @file not chosen, @bytes, is kept in. */
static inline GFile *
kept_file (GFile  *file,
           GBytes *bytes)
{
  g_autofree char *hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_autofree char *path = g_strdup_printf ("%s.not-chosen-%.8s.bak", g_file_peek_path (file), hash);

  return g_file_new_for_path (path);
}
