/* mb-problem.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MB_TYPE_PROBLEM (mb_problem_get_type ())

G_DECLARE_FINAL_TYPE (MbProblem, mb_problem, MB, PROBLEM, GObject)

MbProblem  *mb_problem_new          (GFile      *file,
                                     const char *message);
MbProblem  *mb_problem_new_conflict (GFile      *file,
                                     const char *message,
                                     GFile      *original,
                                     GFile      *copy);
GFile      *mb_problem_get_file     (MbProblem  *self);
const char *mb_problem_get_message  (MbProblem  *self);
gboolean    mb_problem_is_conflict  (MbProblem  *self);
GFile      *mb_problem_get_original (MbProblem  *self);
GFile      *mb_problem_get_copy     (MbProblem  *self);

G_END_DECLS
