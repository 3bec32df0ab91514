/* fuzz-conversation.c — libFuzzer target for the conversation loader,
 * and for saving what it loaded.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>

#include "mb-conversation.h"
#include "mb-conversation-private.h"
#include "mb-json.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(MbConversation) conversation = mb_conversation_new_from_bytes (bytes, "fuzz.json", NULL, NULL);
  g_autoptr(GHashTable) copies = mb_script_copies_new ();
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(MbScript) script = NULL;
  g_autoptr(MbConversation) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) saved_whole = NULL;
  const char *checksum;
  GBytes *copy;

  if (conversation == NULL)
    return 0;

  /* What loads saves, with the copy of its script, and what it saves
   * loads again, the same.
   */
  saved = mb_conversation_to_bytes (conversation);
  copy = mb_script_get_copy (mb_conversation_get_script (conversation), &checksum);
  script = mb_script_new_from_copy (copy, checksum, "copy.json", &error);
  g_assert_no_error (error);
  mb_script_copies_add (copies, script);
  again = mb_conversation_new_from_bytes (saved, "saved.json", copies, &error);
  g_assert_no_error (error);
  g_assert (g_strcmp0 (mb_conversation_get_id (again), mb_conversation_get_id (conversation)) == 0);
  g_assert (mb_conversation_get_step (again) == mb_conversation_get_step (conversation));

  /* What loading keeps of the file (see mb_json_unmerged()) saves as
   * the whole file would. A file of version 1 kept its script inside,
   * which is no longer the conversation's.
   */
  root = mb_json_parse (bytes, "fuzz.json", NULL);
  if (mb_json_get_version (json_node_get_object (root)) >= 2)
    {
      _mb_conversation_set_original (conversation, root);
      saved_whole = mb_conversation_to_bytes (conversation);
      g_assert (g_bytes_equal (saved, saved_whole));
    }

  return 0;
}
