/* mb-versions.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Two versions of a file that cannot be merged, as read to be compared:
 * the journal's own (what it holds, or the file it could not read) and
 * a sync tool's conflict copy, one of which cannot be read. For each,
 * what it holds when it can be read, and otherwise why not and its
 * text. Made by mb_journal_compare_async(); the one to keep goes back
 * to mb_journal_choose_async().
 */

#define G_LOG_DOMAIN "mb-versions"

#include "config.h"

#include <string.h>

#include "mb-person.h"
#include "mb-versions-private.h"

struct _MbVersions
{
  GObject    parent_instance;

  MbProblem *problem;
  char      *id;        /* the conversation's, or "people" for people.json */
  GBytes    *held;      /* what the journal held when they were read, or NULL */
  char      *expected;  /* the hash of the journal's file as it was, or NULL for none */
  MbVersion  sides[2];
};

G_DEFINE_FINAL_TYPE (MbVersions, mb_versions, G_TYPE_OBJECT)

static void
version_clear (MbVersion *version)
{
  g_clear_object (&version->file);
  g_clear_pointer (&version->bytes, g_bytes_unref);
  g_clear_pointer (&version->hash, g_free);
  g_clear_pointer (&version->modified, g_date_time_unref);
  g_clear_object (&version->conversation);
  g_clear_pointer (&version->people, g_ptr_array_unref);
  g_clear_pointer (&version->reason, g_free);
}

static void
mb_versions_finalize (GObject *object)
{
  MbVersions *self = MB_VERSIONS (object);

  g_clear_object (&self->problem);
  g_free (self->id);
  g_clear_pointer (&self->held, g_bytes_unref);
  g_free (self->expected);
  version_clear (&self->sides[MB_VERSION_JOURNAL]);
  version_clear (&self->sides[MB_VERSION_COPY]);

  G_OBJECT_CLASS (mb_versions_parent_class)->finalize (object);
}

static void
mb_versions_class_init (MbVersionsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mb_versions_finalize;
}

static void
mb_versions_init (MbVersions *self)
{
}

/**
 * _mb_versions_new:
 * @problem: the conflict they are read for
 * @id: the conversation's id, or "people" for people.json
 * @held: (nullable): the journal's version as it holds it, or %NULL when
 *   it does not hold the file (it could not read it)
 * @expected: (nullable): the hash of the journal's file as the journal
 *   last saw it, or %NULL for none
 *
 * The versions themselves go in with _mb_versions_get().
 */
MbVersions *
_mb_versions_new (MbProblem  *problem,
                  const char *id,
                  GBytes     *held,
                  const char *expected)
{
  MbVersions *self = g_object_new (MB_TYPE_VERSIONS, NULL);

  self->problem = g_object_ref (problem);
  self->id = g_strdup (id);
  self->held = held != NULL ? g_bytes_ref (held) : NULL;
  self->expected = g_strdup (expected);
  return self;
}

MbVersion *
_mb_versions_get (MbVersions    *self,
                  MbVersionSide  side)
{
  return &self->sides[side];
}

const char *
_mb_versions_get_id (MbVersions *self)
{
  return self->id;
}

GBytes *
_mb_versions_get_held (MbVersions *self)
{
  return self->held;
}

const char *
_mb_versions_get_expected (MbVersions *self)
{
  return self->expected;
}

/**
 * mb_versions_get_problem:
 *
 * Returns: (transfer none): the conflict they were read for
 */
MbProblem *
mb_versions_get_problem (MbVersions *self)
{
  g_return_val_if_fail (MB_IS_VERSIONS (self), NULL);

  return self->problem;
}

/**
 * mb_versions_is_people:
 *
 * Returns: whether they are versions of people.json, rather than of a
 *   conversation
 */
gboolean
mb_versions_is_people (MbVersions *self)
{
  g_return_val_if_fail (MB_IS_VERSIONS (self), FALSE);

  return g_str_equal (self->id, "people");
}

/**
 * mb_versions_get_file:
 *
 * Returns: (transfer none): the journal's file, or the copy
 */
GFile *
mb_versions_get_file (MbVersions    *self,
                      MbVersionSide  side)
{
  g_return_val_if_fail (MB_IS_VERSIONS (self), NULL);

  return self->sides[side].file;
}

/**
 * mb_versions_get_modified:
 *
 * Returns: (transfer none) (nullable): when the file was last changed
 */
GDateTime *
mb_versions_get_modified (MbVersions    *self,
                          MbVersionSide  side)
{
  g_return_val_if_fail (MB_IS_VERSIONS (self), NULL);

  return self->sides[side].modified;
}

/**
 * mb_versions_can_choose:
 *
 * Returns: whether the version can be kept: it can be read, and for
 *   the journal's own, the journal holds it
 */
gboolean
mb_versions_can_choose (MbVersions    *self,
                        MbVersionSide  side)
{
  g_return_val_if_fail (MB_IS_VERSIONS (self), FALSE);

  return self->sides[side].reason == NULL && self->sides[side].bytes != NULL &&
         (side == MB_VERSION_COPY || self->held != NULL);
}

/**
 * mb_versions_get_conversation:
 *
 * Returns: (transfer none) (nullable): the conversation the version
 *   holds, read apart from the journal's, to show; %NULL when it cannot
 *   be read, or for people.json
 */
MbConversation *
mb_versions_get_conversation (MbVersions    *self,
                              MbVersionSide  side)
{
  g_return_val_if_fail (MB_IS_VERSIONS (self), NULL);

  return self->sides[side].conversation;
}

/**
 * mb_versions_get_people:
 *
 * Returns: (transfer none) (nullable) (element-type MbPerson): the
 *   people in a version of people.json, to show; %NULL when it cannot
 *   be read, or for a conversation
 */
GPtrArray *
mb_versions_get_people (MbVersions    *self,
                        MbVersionSide  side)
{
  g_return_val_if_fail (MB_IS_VERSIONS (self), NULL);

  return self->sides[side].people;
}

/**
 * mb_versions_get_reason:
 *
 * Returns: (nullable): why the version cannot be read, naming the file;
 *   %NULL when it can
 */
const char *
mb_versions_get_reason (MbVersions    *self,
                        MbVersionSide  side)
{
  g_return_val_if_fail (MB_IS_VERSIONS (self), NULL);

  return self->sides[side].reason;
}

/**
 * mb_versions_dup_text:
 * @cut: (out) (optional): whether only the start of the text is given
 *
 * The text of the file as it was read, to show when it cannot be read
 * as what it should be: its first %MB_VERSIONS_MAX_TEXT bytes, with
 * what is not UTF-8 (and zero bytes) as U+FFFD.
 *
 * Returns: (transfer full): the text; empty when the file was not there
 */
char *
mb_versions_dup_text (MbVersions    *self,
                      MbVersionSide  side,
                      gboolean      *cut)
{
  GBytes *bytes;
  g_autofree char *raw = NULL;
  gsize size = 0;
  const char *data;

  g_return_val_if_fail (MB_IS_VERSIONS (self), NULL);

  bytes = self->sides[side].bytes;
  data = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;
  if (cut != NULL)
    *cut = size > MB_VERSIONS_MAX_TEXT;
  size = MIN (size, MB_VERSIONS_MAX_TEXT);
  raw = g_malloc (size + 1);
  if (size > 0)
    memcpy (raw, data, size);
  raw[size] = '\0';
  /* A zero byte is not text: made invalid, it shows as U+FFFD. */
  for (gsize i = 0; i < size; i++)
    {
      if (raw[i] == '\0')
        raw[i] = (char) 0xff;
    }
  return g_utf8_make_valid (raw, size);
}
