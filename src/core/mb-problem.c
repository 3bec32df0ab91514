/* mb-problem.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A file that could not be loaded, and why: listed for the user, while
 * the file itself is left as it is. When it is one of two versions that
 * cannot be merged, a sync tool's conflict copy and the file it is a
 * copy of, it knows both: the user compares them and keeps one (see
 * mb_journal_compare_async()).
 */

#define G_LOG_DOMAIN "mb-problem"

#include "config.h"

#include "mb-problem.h"

struct _MbProblem
{
  GObject  parent_instance;

  GFile   *file;
  char    *message;
  GFile   *original;
  GFile   *copy;
};

G_DEFINE_FINAL_TYPE (MbProblem, mb_problem, G_TYPE_OBJECT)

/**
 * mb_problem_new:
 * @file: the file that could not be used
 * @message: why, naming the file
 */
MbProblem *
mb_problem_new (GFile      *file,
                const char *message)
{
  MbProblem *self = g_object_new (MB_TYPE_PROBLEM, NULL);

  self->file = g_object_ref (file);
  self->message = g_strdup (message);
  return self;
}

/**
 * mb_problem_new_conflict:
 * @file: the file that could not be used: @original or @copy
 * @message: why, naming the file
 * @original: a file of the journal, such as `conversations/ID.json`
 * @copy: a sync tool's conflict copy of @original, which cannot be
 *   merged into it: one of the two cannot be read
 */
MbProblem *
mb_problem_new_conflict (GFile      *file,
                         const char *message,
                         GFile      *original,
                         GFile      *copy)
{
  MbProblem *self = mb_problem_new (file, message);

  g_return_val_if_fail (G_IS_FILE (original) && G_IS_FILE (copy), self);

  self->original = g_object_ref (original);
  self->copy = g_object_ref (copy);
  return self;
}

static void
mb_problem_finalize (GObject *object)
{
  MbProblem *self = MB_PROBLEM (object);

  g_clear_object (&self->file);
  g_free (self->message);
  g_clear_object (&self->original);
  g_clear_object (&self->copy);

  G_OBJECT_CLASS (mb_problem_parent_class)->finalize (object);
}

static void
mb_problem_class_init (MbProblemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mb_problem_finalize;
}

static void
mb_problem_init (MbProblem *self)
{
}

/**
 * mb_problem_get_file:
 *
 * Returns: (transfer none): the file that could not be loaded
 */
GFile *
mb_problem_get_file (MbProblem *self)
{
  g_return_val_if_fail (MB_IS_PROBLEM (self), NULL);

  return self->file;
}

/**
 * mb_problem_get_message:
 *
 * Returns: why, naming the file and the place in it
 */
const char *
mb_problem_get_message (MbProblem *self)
{
  g_return_val_if_fail (MB_IS_PROBLEM (self), NULL);

  return self->message;
}


/**
 * mb_problem_is_conflict:
 *
 * Returns: whether the problem is about two versions that cannot be
 *   merged, to compare: a conflict copy, or the file it is a copy of
 */
gboolean
mb_problem_is_conflict (MbProblem *self)
{
  g_return_val_if_fail (MB_IS_PROBLEM (self), FALSE);

  return self->copy != NULL;
}

/**
 * mb_problem_get_original:
 *
 * Returns: (transfer none) (nullable): for a conflict, the journal's
 *   file the copy is of; otherwise %NULL
 */
GFile *
mb_problem_get_original (MbProblem *self)
{
  g_return_val_if_fail (MB_IS_PROBLEM (self), NULL);

  return self->original;
}

/**
 * mb_problem_get_copy:
 *
 * Returns: (transfer none) (nullable): for a conflict, the sync tool's
 *   copy; otherwise %NULL
 */
GFile *
mb_problem_get_copy (MbProblem *self)
{
  g_return_val_if_fail (MB_IS_PROBLEM (self), NULL);

  return self->copy;
}
