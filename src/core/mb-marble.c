/* mb-marble.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One marble logged in a conversation: in the jar when trust was built,
 * out when it was lost, and why.
 */

#define G_LOG_DOMAIN "mb-conversation"

#include "config.h"

#include "mb-conversation-private.h"

G_DEFINE_FINAL_TYPE (MbMarble, mb_marble, G_TYPE_OBJECT)

static void
mb_marble_finalize (GObject *object)
{
  MbMarble *self = MB_MARBLE (object);

  g_free (self->id);
  g_free (self->reason);
  g_clear_pointer (&self->created, g_date_time_unref);

  G_OBJECT_CLASS (mb_marble_parent_class)->finalize (object);
}

static void
mb_marble_class_init (MbMarbleClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mb_marble_finalize;
}

static void
mb_marble_init (MbMarble *self)
{
}

const char *
mb_marble_get_id (MbMarble *self)
{
  g_return_val_if_fail (MB_IS_MARBLE (self), NULL);

  return self->id;
}

/**
 * mb_marble_is_in:
 *
 * Returns: %TRUE for a marble in the jar (trust built), %FALSE for one
 *   taken out (trust lost)
 */
gboolean
mb_marble_is_in (MbMarble *self)
{
  g_return_val_if_fail (MB_IS_MARBLE (self), FALSE);

  return self->in;
}

const char *
mb_marble_get_reason (MbMarble *self)
{
  g_return_val_if_fail (MB_IS_MARBLE (self), NULL);

  return self->reason;
}

GDateTime *
mb_marble_get_created (MbMarble *self)
{
  g_return_val_if_fail (MB_IS_MARBLE (self), NULL);

  return self->created;
}
