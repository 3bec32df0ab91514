/* wait-util.h — waiting on the main loop for a condition, for the tests
 * of the model and of the window alike.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

typedef gboolean (*Condition) (gpointer data);

static inline gboolean
wait_timed_out_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static inline gboolean
wait_look_again_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @condition holds; fails after ten seconds
 * (a failed save is tried again after three), saying for which line of
 * the test. The condition is looked at after every event, and every
 * 20 ms for what no event tells of, such as a file another thread
 * writes.
 */
static inline void
wait_until_at (Condition  condition,
               gpointer   data,
               int        line)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (10, wait_timed_out_cb, &timed_out);
  guint again = g_timeout_add (20, wait_look_again_cb, NULL);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("Waited in vain at line %d", line);
  g_source_remove (id);
  g_source_remove (again);
}

#define wait_until(condition, data) wait_until_at ((condition), (data), __LINE__)
