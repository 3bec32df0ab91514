/* mb-problem.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A file that could not be loaded, and why: listed for the user, while
 * the file itself is left as it is.
 */

#define G_LOG_DOMAIN "mb-problem"

#include "config.h"

#include "mb-problem.h"

struct _MbProblem
{
  GObject  parent_instance;

  GFile   *file;
  char    *message;
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

static void
mb_problem_finalize (GObject *object)
{
  MbProblem *self = MB_PROBLEM (object);

  g_clear_object (&self->file);
  g_free (self->message);

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

