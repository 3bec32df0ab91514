/* mb-conversation-drafts.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the leader typed and has not added yet: an agreement (typed in
 * Talk or in the Add Agreement dialog) and the reason of a marble in or
 * out. Each is a text of the conversation, saved as notes are, so a
 * crash loses none of it; in its file only while there is one
 * ("talk.agreement_draft", "reflection.marble_in_draft" and
 * "reflection.marble_out_draft"), so files without one stay as they
 * were; and adding it empties it in the same change. Each is a member
 * of an object always written, never an object of its own, which could
 * stay behind empty.
 */

#define G_LOG_DOMAIN "mb-conversation"

#include "config.h"

#include "mb-conversation-private.h"
#include "mb-json.h"

/* The keys of the marbles' drafts, and their members in "reflection". */
static const char * const directions[] = { "in", "out" };
static const char * const marble_members[] = { "marble_in_draft", "marble_out_draft" };

static void
read_draft (MbConversation *self,
            JsonObject     *parent,
            const char     *member,
            MbTextKind      kind,
            const char     *key)
{
  const char *text = mb_json_get_string (parent, member);

  if (text != NULL)
    g_hash_table_insert (self->texts, _mb_conversation_text_key (kind, key), mb_text_new (text));
}

/* Reads the drafts of @root, the file; one that is not a text is not
 * read, and stays in the file as it is (see add_draft()).
 */
void
_mb_conversation_read_drafts (MbConversation *self,
                              JsonObject     *root)
{
  JsonObject *reflection = mb_json_get_object (root, "reflection");

  read_draft (self, mb_json_get_object (root, "talk"), "agreement_draft", MB_TEXT_AGREEMENT_DRAFT, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (directions); i++)
    read_draft (self, reflection, marble_members[i], MB_TEXT_MARBLE_DRAFT, directions[i]);
}

/* Whether a draft is written at @member: only when there is one. Where
 * the file had one this version could not read, it is kept until the
 * leader types one; once they have, an empty one is written as "", in
 * its place, and left out from the next time the file is read.
 */
static gboolean
writes_draft (MbConversation *self,
              MbJsonOut      *out,
              JsonObject     *parent,
              const char     *member,
              MbTextKind      kind,
              const char     *key)
{
  g_autofree char *hash_key = _mb_conversation_text_key (kind, key);

  if (_mb_conversation_text_kept (self, kind, key))
    return FALSE;
  if (mb_json_out_is_shape (out))
    return g_hash_table_contains (self->texts, hash_key);
  return *mb_conversation_get_text (self, kind, key) != '\0' ||
         (parent != NULL && json_object_has_member (parent, member));
}

static JsonObject *
original_object (MbConversation *self,
                 const char     *member)
{
  JsonObject *root = self->original != NULL ? json_node_get_object (self->original) : NULL;

  return mb_json_get_object (root, member);
}

/* Writes "agreement_draft" in "talk" when there is one. */
void
_mb_conversation_add_agreement_draft (MbConversation *self,
                                      MbJsonOut      *out)
{
  JsonObject *talk = original_object (self, "talk");

  if (writes_draft (self, out, talk, "agreement_draft", MB_TEXT_AGREEMENT_DRAFT, NULL))
    _mb_conversation_add_text (out, "agreement_draft",
                               mb_conversation_get_text (self, MB_TEXT_AGREEMENT_DRAFT, NULL));
}

/* Writes "marble_in_draft" and "marble_out_draft" in "reflection", each
 * when there is one.
 */
void
_mb_conversation_add_marble_drafts (MbConversation *self,
                                    MbJsonOut      *out)
{
  JsonObject *reflection = original_object (self, "reflection");

  for (guint i = 0; i < G_N_ELEMENTS (directions); i++)
    {
      if (writes_draft (self, out, reflection, marble_members[i], MB_TEXT_MARBLE_DRAFT, directions[i]))
        _mb_conversation_add_text (out, marble_members[i],
                                   mb_conversation_get_text (self, MB_TEXT_MARBLE_DRAFT, directions[i]));
    }
}

/* The draft of @kind without the spaces around it, emptied without a
 * signal yet; or %NULL, and nothing changed, when it is only spaces.
 */
static char *
take_draft (MbConversation *self,
            MbTextKind      kind,
            const char     *key)
{
  g_autofree char *text = g_strstrip (g_strdup (mb_conversation_get_text (self, kind, key)));

  if (*text == '\0')
    return NULL;
  g_hash_table_insert (self->texts, _mb_conversation_text_key (kind, key), mb_text_new (""));
  return g_steal_pointer (&text);
}

/**
 * mb_conversation_add_agreement_from_draft:
 * @due: (nullable): when it is due
 *
 * Adds the agreement typed and not added yet (the text of
 * %MB_TEXT_AGREEMENT_DRAFT, without the spaces around it) and empties
 * the draft, in one change.
 *
 * Returns: (transfer none) (nullable): the agreement added, or %NULL
 *   (and nothing changed) when the draft is empty or only spaces
 */
MbAgreement *
mb_conversation_add_agreement_from_draft (MbConversation *self,
                                          MbPromisedBy    promised_by,
                                          GDate          *due)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (MB_IS_CONVERSATION (self), NULL);

  text = take_draft (self, MB_TEXT_AGREEMENT_DRAFT, NULL);
  return text != NULL ? mb_conversation_add_agreement (self, text, promised_by, due) : NULL;
}

/**
 * mb_conversation_add_marble_from_draft:
 * @in: %TRUE for a marble in the jar, %FALSE for one out
 *
 * As mb_conversation_add_agreement_from_draft(), for the reason of a
 * marble typed and not added yet (%MB_TEXT_MARBLE_DRAFT, "in" or "out").
 *
 * Returns: (transfer none) (nullable): the marble added, or %NULL
 */
MbMarble *
mb_conversation_add_marble_from_draft (MbConversation *self,
                                       gboolean        in)
{
  g_autofree char *reason = NULL;

  g_return_val_if_fail (MB_IS_CONVERSATION (self), NULL);

  reason = take_draft (self, MB_TEXT_MARBLE_DRAFT, in ? "in" : "out");
  return reason != NULL ? mb_conversation_add_marble (self, in, reason) : NULL;
}
