/* mb-conversation-json.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A conversation's file: reading it, keeping what this version does not
 * know, and writing it back, whole or as a draft with its texts held
 * apart.
 */

#define G_LOG_DOMAIN "mb-conversation"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "mb-conversation-private.h"
#include "mb-json.h"
#include "mb-storage.h"

static const char * const phase_names[] = { "prepare", "talk", "reflect" };
static const char * const promised_by_names[] = { "me", "them", "both" };
static const char * const status_names[] = { "open", "kept", "not-kept" };

static int
name_to_value (const char * const *names,
               guint               n_names,
               const char         *name,
               int                 fallback)
{
  for (guint i = 0; name != NULL && i < n_names; i++)
    {
      if (g_str_equal (names[i], name))
        return i;
    }

  return fallback;
}

/* The value of the optional member @member, one of @names: @fallback
 * when it is missing, -1 when it is there but not one this version
 * knows.
 */
const char *
_mb_agreement_status_to_name (MbAgreementStatus status)
{
  g_assert (status < G_N_ELEMENTS (status_names));

  return status_names[status];
}

/* The status named @name, or -1 when this version does not know it. */
int
_mb_agreement_status_from_name (const char *name)
{
  return name_to_value (status_names, G_N_ELEMENTS (status_names), name, -1);
}

static int
read_name (JsonObject         *object,
           const char         *member,
           const char * const *names,
           guint               n_names,
           int                 fallback)
{
  if (!json_object_has_member (object, member))
    return fallback;
  return name_to_value (names, n_names, mb_json_get_string (object, member), -1);
}

static void
read_texts (MbConversation *self,
            JsonObject     *object,
            MbTextKind      kind)
{
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  if (object == NULL)
    return;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &key, &value))
    {
      if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
        g_hash_table_insert (self->texts, _mb_conversation_text_key (kind, key), mb_text_new (json_node_get_string (value)));
    }
}

/* The values chosen on the scales of reflection questions: a whole
 * number in the scale, or null for none. Anything else is not read, and
 * stays in the file until a value is chosen (see scale_kept()).
 */
static void
read_scales (MbConversation *self,
             JsonObject     *object)
{
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  if (object == NULL)
    return;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &key, &value))
    {
      gint64 number = JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_INT64
                      ? json_node_get_int (value) : -1;

      if (JSON_NODE_HOLDS_NULL (value))
        g_hash_table_insert (self->scales, g_strdup (key), GUINT_TO_POINTER (0));
      else if (number >= MB_SCALE_MIN && number <= MB_SCALE_MAX)
        g_hash_table_insert (self->scales, g_strdup (key), GUINT_TO_POINTER ((guint) number));
    }
}

static void
read_step_notes (MbConversation *self,
                 JsonObject     *steps)
{
  JsonObjectIter iter;
  const char *step_id;
  JsonNode *value;

  if (steps == NULL)
    return;

  json_object_iter_init (&iter, steps);
  while (json_object_iter_next (&iter, &step_id, &value))
    {
      const char *notes = JSON_NODE_HOLDS_OBJECT (value)
                          ? mb_json_get_string (json_node_get_object (value), "notes") : NULL;

      if (notes != NULL)
        g_hash_table_insert (self->texts, _mb_conversation_text_key (MB_TEXT_STEP_NOTES, step_id), mb_text_new (notes));
    }
}

/* An agreement this version can show and write back as it was, or NULL:
 * an id and a text, and who promised it and its status (when there)
 * among the ones it knows.
 */
static gpointer
agreement_from_json (JsonNode *node,
                     gpointer  data)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  MbAgreement *agreement;
  const char *id = mb_json_get_string (object, "id");
  const char *text = mb_json_get_string (object, "text");
  const char *due = mb_json_get_string (object, "due");
  int promised_by, status;

  if (id == NULL || text == NULL)
    return NULL;

  promised_by = read_name (object, "promised_by", promised_by_names, G_N_ELEMENTS (promised_by_names),
                           MB_PROMISED_BY_ME);
  status = read_name (object, "status", status_names, G_N_ELEMENTS (status_names), MB_AGREEMENT_OPEN);
  if (promised_by < 0 || status < 0)
    return NULL;

  agreement = g_object_new (MB_TYPE_AGREEMENT, NULL);
  agreement->conversation = data;
  agreement->id = g_strdup (id);
  agreement->text = g_strdup (text);
  agreement->promised_by = promised_by;
  agreement->status = status;
  agreement->created = mb_json_get_date_time (object, "created");
  agreement->status_changed = mb_json_get_date_time (object, "status_changed");
  if (json_object_has_member (object, "history"))
    agreement->history = json_node_copy (json_object_get_member (object, "history"));
  if (due != NULL)
    {
      agreement->due = g_date_new ();
      g_date_set_parse (agreement->due, due);
      if (!g_date_valid (agreement->due))
        g_clear_pointer (&agreement->due, g_date_free);
    }

  return agreement;
}

/* A marble this version can show and write back as it was, or NULL: an
 * id, in or out, and a text for its reason when it has one.
 */
static gpointer
marble_from_json (JsonNode *node,
                  gpointer  data)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  MbMarble *marble;
  const char *id = mb_json_get_string (object, "id");
  const char *direction = mb_json_get_string (object, "direction");
  const char *reason = mb_json_get_string (object, "reason");

  if (id == NULL || direction == NULL || (!g_str_equal (direction, "in") && !g_str_equal (direction, "out")) ||
      (reason == NULL && json_object_has_member (object, "reason")))
    return NULL;

  marble = g_object_new (MB_TYPE_MARBLE, NULL);
  marble->id = g_strdup (id);
  marble->in = g_str_equal (direction, "in");
  marble->reason = g_strdup (reason != NULL ? reason : "");
  marble->created = mb_json_get_date_time (object, "created");
  return marble;
}

/* Reads the list @member into @store; what this version cannot use
 * goes in @kept.
 */
static void
read_list (JsonObject     *root,
           const char     *member,
           MbJsonReadFunc  read,
           gpointer        data,
           GListStore     *store,
           GArray         *kept)
{
  JsonNode *node = json_object_get_member (root, member);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;

  mb_json_read_list (json_node_get_array (node), read, data, items, kept);
  g_list_store_splice (store, 0, 0, items->pdata, items->len);
}

static gboolean
damaged (GError     **error,
         const char  *filename,
         const char  *reason)
{
  g_set_error (error, MB_CONVERSATION_ERROR, MB_CONVERSATION_ERROR_DAMAGED,
               "%s: %s", filename, reason);
  return FALSE;
}

/* Reads what identifies the conversation; FALSE when the file is not a
 * conversation this version can read.
 */
static gboolean
read_header (MbConversation  *self,
             JsonObject      *root,
             GHashTable      *copies,
             const char      *filename,
             GError         **error)
{
  JsonNode *version = json_object_get_member (root, "version");
  JsonNode *script = json_object_get_member (root, "script");
  g_autoptr(GError) script_error = NULL;

  if (g_strcmp0 (mb_json_get_string (root, "format"), MB_CONVERSATION_FORMAT) != 0)
    return damaged (error, filename, _("This is not a Marbles conversation"));

  if (version == NULL || !JSON_NODE_HOLDS_VALUE (version) ||
      json_node_get_value_type (version) != G_TYPE_INT64 || json_node_get_int (version) < 1)
    return damaged (error, filename, _("The format version is missing"));

  if (json_node_get_int (version) > MB_CONVERSATION_FORMAT_VERSION)
    {
      g_set_error (error, MB_CONVERSATION_ERROR, MB_CONVERSATION_ERROR_NEWER_VERSION,
                   _("%s: This conversation was saved by a newer version of Marbles"), filename);
      return FALSE;
    }

  self->file_version = json_node_get_int (version);
  self->id = g_strdup (mb_json_get_string (root, "id"));
  self->person_id = g_strdup (mb_json_get_string (root, "person"));
  if (self->id == NULL || self->person_id == NULL)
    return damaged (error, filename, _("The conversation has no id or no person"));

  if (script == NULL || !JSON_NODE_HOLDS_OBJECT (script))
    return damaged (error, filename, _("The script of the conversation is missing"));

  /* Version 1 kept a whole copy of the script in each conversation;
   * later ones name the copy they share.
   */
  if (self->file_version < 2)
    {
      self->script = mb_script_new_from_json (script, filename, &script_error);
      if (self->script == NULL)
        return damaged (error, filename, script_error->message);
    }
  else
    {
      const char *checksum = mb_json_get_string (json_node_get_object (script), "copy");
      MbScript *copy = checksum != NULL && copies != NULL ? g_hash_table_lookup (copies, checksum) : NULL;

      /* It names a file: only as Marbles names script copies. */
      if (!mb_storage_is_valid_checksum (checksum))
        return damaged (error, filename, _("The name of the copy of its script is not one Marbles writes"));
      if (copy == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("The copy of its script is missing: scripts/%s.json"),
                                                      checksum != NULL ? checksum : "");

          return damaged (error, filename, message);
        }
      self->script = g_object_ref (copy);
    }

  return TRUE;
}

/* A list or an object where this version expects the other: it cannot
 * read the conversation at all.
 */
static gboolean
check_containers (JsonObject  *root,
                  const char  *filename,
                  GError     **error)
{
  const char * const objects[] = { "talk", "preparation", "preparation.answers", "steps",
                                   "reflection", "reflection.answers", "reflection.scales" };
  const char * const lists[] = { "agreements", "marbles" };

  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    {
      g_auto(GStrv) path = g_strsplit (objects[i], ".", 2);
      JsonObject *parent = path[1] != NULL ? mb_json_get_object (root, path[0]) : root;
      JsonNode *node = parent != NULL ? json_object_get_member (parent, path[1] != NULL ? path[1] : path[0]) : NULL;
      g_autofree char *message = NULL;

      if (node == NULL || JSON_NODE_HOLDS_OBJECT (node))
        continue;
      /* Translators: %s is the name of a member of the file, such as “steps” */
      message = g_strdup_printf (_("“%s” should be an object"), objects[i]);
      return damaged (error, filename, message);
    }

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      JsonNode *node = json_object_get_member (root, lists[i]);
      g_autofree char *message = NULL;

      if (node == NULL || JSON_NODE_HOLDS_ARRAY (node))
        continue;
      /* Translators: %s is the name of a member of the file, such as “agreements” */
      message = g_strdup_printf (_("“%s” should be a list"), lists[i]);
      return damaged (error, filename, message);
    }

  return TRUE;
}

static void
copy_member_but_script (JsonObject  *object,
                        const char  *name,
                        JsonNode    *node,
                        gpointer     user_data)
{
  if (!g_str_equal (name, "script"))
    json_object_set_member (user_data, name, json_node_ref (node));
}

/**
 * mb_script_copies_new:
 *
 * Returns: (transfer full) (element-type utf8 MbScript): an empty table
 *   of script copies by checksum, for mb_conversation_new_from_bytes()
 */
GHashTable *
mb_script_copies_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

/**
 * mb_script_copies_add:
 *
 * Adds the copy of @script to @copies.
 */
void
mb_script_copies_add (GHashTable *copies,
                      MbScript   *script)
{
  const char *checksum;

  mb_script_get_copy (script, &checksum);
  g_hash_table_replace (copies, g_strdup (checksum), g_object_ref (script));
}

static gboolean
is_int (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

static gboolean
is_count (JsonNode *node)
{
  return is_int (node) && json_node_get_int (node) >= 0 && json_node_get_int (node) <= G_MAXINT;
}

/* The judgement lens's counts: none when the file has none; kept as
 * they are when this version cannot read them.
 */
static void
read_lens (MbConversation *self,
           JsonObject     *root)
{
  JsonNode *node = json_object_get_member (root, "lens");
  JsonObject *lens = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  JsonNode *flagged = lens != NULL ? json_object_get_member (lens, "flagged") : NULL;
  JsonNode *rephrased = lens != NULL ? json_object_get_member (lens, "rephrased") : NULL;

  if (node == NULL)
    return;
  if (lens == NULL || (flagged != NULL && !is_count (flagged)) || (rephrased != NULL && !is_count (rephrased)))
    {
      self->keep |= KEEP_LENS;
      return;
    }
  self->lens_flagged = flagged != NULL ? json_node_get_int (flagged) : 0;
  self->lens_rephrased = rephrased != NULL ? json_node_get_int (rephrased) : 0;
}

/* The promise the conversation is about: none when the file has none,
 * or one this version cannot read, which is then kept as it is.
 */
static void
read_about (MbConversation *self,
            JsonObject     *root)
{
  JsonObject *about = mb_json_get_object (root, "about");
  const char *conversation = mb_json_get_string (about, "conversation");
  const char *agreement = mb_json_get_string (about, "agreement");

  if (conversation == NULL || agreement == NULL || *conversation == '\0' || *agreement == '\0')
    return;
  self->about_conversation = g_strdup (conversation);
  self->about_agreement = g_strdup (agreement);
}

/* When, where and how far: what the file has that this version does not
 * know is kept, and the conversation shown as a new one would be.
 */
static void
read_values (MbConversation *self,
             JsonObject     *root)
{
  JsonNode *step = json_object_get_member (root, "step");
  JsonNode *finished = json_object_get_member (root, "finished");
  JsonObject *talk = mb_json_get_object (root, "talk");
  JsonNode *seconds = talk != NULL ? json_object_get_member (talk, "seconds") : NULL;
  int phase = read_name (root, "phase", phase_names, G_N_ELEMENTS (phase_names), MB_PHASE_PREPARE);

  self->created = mb_json_get_date_time (root, "created");
  if (self->created == NULL && json_object_has_member (root, "created"))
    self->keep |= KEEP_CREATED;
  if (self->created == NULL)
    self->created = g_date_time_new_now_local ();
  self->scheduled = mb_json_get_date_time (root, "scheduled");

  self->phase = MAX (phase, MB_PHASE_PREPARE);
  if (phase < 0)
    self->keep |= KEEP_PHASE;

  if (is_int (step) && json_node_get_int (step) >= 0 &&
      json_node_get_int (step) < mb_script_get_steps (self->script)->len)
    self->step = json_node_get_int (step);
  else if (step != NULL)
    self->keep |= KEEP_STEP;

  if (finished != NULL && JSON_NODE_HOLDS_VALUE (finished) && json_node_get_value_type (finished) == G_TYPE_BOOLEAN)
    self->finished = json_node_get_boolean (finished);
  else if (finished != NULL)
    self->keep |= KEEP_FINISHED;

  if (is_int (seconds) && json_node_get_int (seconds) >= 0)
    self->talk_seconds = json_node_get_int (seconds);
  else if (seconds != NULL)
    self->keep |= KEEP_SECONDS;
  read_lens (self, root);
  read_about (self, root);
}

static void build_json (MbConversation *self,
                        MbJsonOut      *out);

/* Keeps of @root, the file read, only what a save would not write
 * itself: what this version does not know (see mb_json_unmerged()).
 * A save writes no fewer members than one now, but for "revisions",
 * which build_json() leaves out here, so it comes out as with the whole
 * file kept; the texts, most of a file, are then held once.
 */
static void
keep_unknown (MbConversation *self,
              JsonNode       *root)
{
  g_autoptr(MbJsonOut) written = mb_json_out_new_shape ();

  self->original = root;
  build_json (self, written);
  self->original = mb_json_unmerged (root, written);
  json_node_unref (root);
}

/* For tests: keeps @root, the whole file read, instead of what
 * keep_unknown() keeps of it. Saved, the conversation must come out the
 * same either way.
 */
void
_mb_conversation_set_original (MbConversation *self,
                               JsonNode       *root)
{
  g_clear_pointer (&self->original, json_node_unref);
  self->original = json_node_ref (root);
}

/* Reads a conversation from the root of its file, as
 * mb_conversation_new_from_bytes() does.
 */
MbConversation *
_mb_conversation_new_from_json (JsonNode    *node,
                                const char  *filename,
                                GHashTable  *copies,
                                GError     **error)
{
  g_autoptr(MbConversation) self = g_object_new (MB_TYPE_CONVERSATION, NULL);
  JsonNode *original;
  JsonObject *root;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      damaged (error, filename, _("This is not a Marbles conversation"));
      return NULL;
    }

  root = json_node_get_object (node);
  if (!read_header (self, root, copies, filename, error) || !check_containers (root, filename, error))
    return NULL;

  original = json_node_copy (node);
  if (self->file_version < 2)
    {
      /* The script is kept apart from now on: what the file held of it
       * is not this conversation's any more.
       */
      JsonObject *without = json_object_new ();

      json_object_foreach_member (root, copy_member_but_script, without);
      json_node_unref (original);
      original = json_node_init_object (json_node_alloc (), without);
      json_object_unref (without);
    }
  read_values (self, root);
  self->revisions = mb_json_get_strv (root, "revisions");
  read_texts (self, mb_json_get_object (mb_json_get_object (root, "preparation"), "answers"),
              MB_TEXT_PREPARATION);
  if (mb_json_get_string (mb_json_get_object (root, "preparation"), "notes") != NULL)
    g_hash_table_insert (self->texts, _mb_conversation_text_key (MB_TEXT_PREPARATION_NOTES, NULL),
                         mb_text_new (mb_json_get_string (mb_json_get_object (root, "preparation"), "notes")));
  read_step_notes (self, mb_json_get_object (root, "steps"));
  _mb_conversation_read_drafts (self, root);
  read_texts (self, mb_json_get_object (mb_json_get_object (root, "reflection"), "answers"),
              MB_TEXT_REFLECTION);
  read_scales (self, mb_json_get_object (mb_json_get_object (root, "reflection"), "scales"));
  read_list (root, "agreements", agreement_from_json, self, self->agreements, self->kept_agreements);
  read_list (root, "marbles", marble_from_json, NULL, self->marbles, self->kept_marbles);
  keep_unknown (self, original);

  return g_steal_pointer (&self);
}

/**
 * mb_conversation_new_from_bytes:
 * @bytes: the contents of a conversation file
 * @filename: the name to use in error messages
 * @copies: (nullable) (element-type utf8 MbScript): the copies of
 *   scripts that conversations share, by checksum (see
 *   mb_script_copies_new())
 *
 * Returns: (transfer full) (nullable): the conversation, or %NULL with
 *   @error set in %MB_CONVERSATION_ERROR
 */
MbConversation *
mb_conversation_new_from_bytes (GBytes      *bytes,
                                const char  *filename,
                                GHashTable  *copies,
                                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) node = mb_json_parse (bytes, filename, &local_error);

  if (node == NULL)
    {
      g_set_error_literal (error, MB_CONVERSATION_ERROR, MB_CONVERSATION_ERROR_DAMAGED, local_error->message);
      return NULL;
    }

  return _mb_conversation_new_from_json (node, filename, copies, error);
}

static void
add_string (MbJsonOut   *out,
            const char  *member,
            const char  *value)
{
  mb_json_out_member (out, member);
  mb_json_out_string (out, value);
}

/* Whether the file has something at the place of a text that this
 * version could not read, and the leader has not written there since.
 */
gboolean
_mb_conversation_text_kept (MbConversation *self,
                            MbTextKind      kind,
                            const char     *key)
{
  g_autofree char *hash_key = _mb_conversation_text_key (kind, key);
  JsonObject *root = self->original != NULL ? json_node_get_object (self->original) : NULL;
  JsonObject *parent;

  if (root == NULL || g_hash_table_contains (self->texts, hash_key))
    return FALSE;

  switch (kind)
    {
    case MB_TEXT_PREPARATION:
      parent = mb_json_get_object (mb_json_get_object (root, "preparation"), "answers");
      break;
    case MB_TEXT_PREPARATION_NOTES:
      parent = mb_json_get_object (root, "preparation");
      key = "notes";
      break;
    case MB_TEXT_STEP_NOTES:
      parent = mb_json_get_object (root, "steps");
      break;
    case MB_TEXT_AGREEMENT_DRAFT:
      parent = mb_json_get_object (root, "talk");
      key = "agreement_draft";
      break;
    case MB_TEXT_MARBLE_DRAFT:
      parent = mb_json_get_object (root, "reflection");
      key = g_strcmp0 (key, "in") == 0 ? "marble_in_draft" : "marble_out_draft";
      break;
    case MB_TEXT_REFLECTION:
    default:
      parent = mb_json_get_object (mb_json_get_object (root, "reflection"), "answers");
      break;
    }

  return parent != NULL && json_object_has_member (parent, key);
}

/* Whether the file has a value on the scale of question @key that this
 * version could not read, and the leader has chosen none since.
 */
static gboolean
scale_kept (MbConversation *self,
            const char     *key)
{
  JsonObject *root = self->original != NULL ? json_node_get_object (self->original) : NULL;
  JsonObject *scales = mb_json_get_object (mb_json_get_object (root, "reflection"), "scales");

  return scales != NULL && !g_hash_table_contains (self->scales, key) &&
         json_object_has_member (scales, key);
}

/* Writes the value of each scale of the reflection questions, null for
 * none chosen, when the script has any; what the file has there that
 * could not be read is left out, so that the merge keeps it.
 */
static void
add_scales (MbConversation *self,
            MbJsonOut      *out)
{
  GPtrArray *questions = mb_script_get_reflection (self->script);
  gboolean any = FALSE;

  /* Only for a script with scales: other files stay as they were. */
  for (guint i = 0; i < questions->len; i++)
    any |= mb_script_question_has_scale (g_ptr_array_index (questions, i));
  if (!any)
    return;

  mb_json_out_member (out, "scales");
  mb_json_out_begin_object (out);
  for (guint i = 0; i < questions->len; i++)
    {
      MbScriptQuestion *question = g_ptr_array_index (questions, i);
      const char *id = mb_script_question_get_id (question);
      guint value = mb_conversation_get_scale (self, id);

      if (!mb_script_question_has_scale (question) || scale_kept (self, id))
        continue;
      mb_json_out_member (out, id);
      if (value == 0)
        mb_json_out_null (out);
      else
        mb_json_out_int (out, value);
    }
  mb_json_out_end_object (out);
}

/* Writes a text the leader wrote (see mb_json_out_text()). */
void
_mb_conversation_add_text (MbJsonOut  *out,
                           const char *member,
                           const char *text)
{
  mb_json_out_member (out, member);
  mb_json_out_text (out, text);
}

/* Writes the texts of @kind as an object keyed by question or step. */
static void
add_texts (MbConversation *self,
           MbJsonOut      *out,
           MbTextKind      kind,
           GPtrArray      *items)
{
  for (guint i = 0; i < items->len; i++)
    {
      const char *id = kind == MB_TEXT_STEP_NOTES
                       ? mb_script_step_get_id (g_ptr_array_index (items, i))
                       : mb_script_question_get_id (g_ptr_array_index (items, i));
      const char *text = mb_conversation_get_text (self, kind, id);

      /* Left out when the file has there what this version could not
       * read: the merge keeps it.
       */
      if (_mb_conversation_text_kept (self, kind, id))
        continue;

      /* Written even when empty: an emptied answer must not come back
       * from the file's earlier contents.
       */
      if (kind == MB_TEXT_STEP_NOTES)
        {
          mb_json_out_member (out, id);
          mb_json_out_begin_object (out);
          _mb_conversation_add_text (out, "notes", text);
          mb_json_out_end_object (out);
        }
      else
        {
          _mb_conversation_add_text (out, id, text);
        }
    }
}

/* Writes a date and time when there is one; only its place to a shape:
 * formatting it takes time.
 */
static void
add_date_time (MbJsonOut  *out,
               const char *member,
               GDateTime  *date_time)
{
  g_autofree char *text = NULL;

  if (date_time == NULL)
    return;
  if (!mb_json_out_is_shape (out))
    text = mb_json_format_date_time (date_time);
  add_string (out, member, text != NULL ? text : "");
}

static void
add_agreement (MbJsonOut   *out,
               gpointer     item,
               gpointer     data)
{
  MbAgreement *agreement = item;

  mb_json_out_begin_object (out);
  add_string (out, "id", agreement->id);
  add_string (out, "text", agreement->text);
  add_string (out, "promised_by", promised_by_names[agreement->promised_by]);
  add_string (out, "status", status_names[agreement->status]);
  if (agreement->due != NULL)
    {
      char due[16] = "";

      if (!mb_json_out_is_shape (out))
        g_date_strftime (due, sizeof due, "%Y-%m-%d", agreement->due);
      add_string (out, "due", due);
    }
  add_date_time (out, "created", agreement->created);
  add_date_time (out, "status_changed", agreement->status_changed);
  if (agreement->history != NULL)
    {
      mb_json_out_member (out, "history");
      mb_json_out_node (out, agreement->history);
    }
  mb_json_out_end_object (out);
}

static void
add_marble (MbJsonOut   *out,
            gpointer     item,
            gpointer     data)
{
  MbMarble *marble = item;

  mb_json_out_begin_object (out);
  add_string (out, "id", marble->id);
  add_string (out, "direction", marble->in ? "in" : "out");
  add_string (out, "reason", marble->reason);
  add_date_time (out, "created", marble->created);
  mb_json_out_end_object (out);
}

/* Only once the lens has counted something: files stay as they were. */
static void
add_lens (MbConversation *self,
          MbJsonOut      *out)
{
  if ((self->keep & KEEP_LENS) || (self->lens_flagged == 0 && self->lens_rephrased == 0))
    return;

  mb_json_out_member (out, "lens");
  mb_json_out_begin_object (out);
  mb_json_out_member (out, "flagged");
  mb_json_out_int (out, self->lens_flagged);
  mb_json_out_member (out, "rephrased");
  mb_json_out_int (out, self->lens_rephrased);
  mb_json_out_end_object (out);
}

/* When, where and how far; what this version did not know is left out,
 * so that the merge keeps it.
 */
static void
add_values (MbConversation *self,
            MbJsonOut      *out)
{
  if (!(self->keep & KEEP_CREATED))
    add_date_time (out, "created", self->created);
  add_date_time (out, "scheduled", self->scheduled);
  if (!(self->keep & KEEP_PHASE))
    add_string (out, "phase", phase_names[self->phase]);
  if (!(self->keep & KEEP_STEP))
    {
      mb_json_out_member (out, "step");
      mb_json_out_int (out, self->step);
    }
  if (!(self->keep & KEEP_FINISHED))
    {
      mb_json_out_member (out, "finished");
      mb_json_out_boolean (out, self->finished);
    }
  mb_json_out_member (out, "talk");
  mb_json_out_begin_object (out);
  if (!(self->keep & KEEP_SECONDS))
    {
      mb_json_out_member (out, "seconds");
      mb_json_out_int (out, mb_conversation_get_talk_seconds (self));
    }
  _mb_conversation_add_agreement_draft (self, out);
  mb_json_out_end_object (out);
  add_lens (self, out);
  if (self->about_agreement != NULL)
    {
      mb_json_out_member (out, "about");
      mb_json_out_begin_object (out);
      add_string (out, "conversation", self->about_conversation);
      add_string (out, "agreement", self->about_agreement);
      mb_json_out_end_object (out);
    }
}

static void
build_json (MbConversation *self,
            MbJsonOut      *out)
{
  const char *checksum;

  mb_json_out_begin_object (out);
  add_string (out, "format", MB_CONVERSATION_FORMAT);
  mb_json_out_member (out, "version");
  mb_json_out_int (out, MB_CONVERSATION_FORMAT_VERSION);
  add_string (out, "id", self->id);
  add_string (out, "person", self->person_id);
  /* Not among the members a save always writes: a version taken in
   * may come from nowhere, and the file's then stay (see keep_unknown()).
   */
  if (!mb_json_out_is_shape (out))
    mb_json_set_strv (mb_json_out_get_builder (out), "revisions", (const char * const *) self->revisions);
  add_values (self, out);

  mb_json_out_member (out, "preparation");
  mb_json_out_begin_object (out);
  if (!_mb_conversation_text_kept (self, MB_TEXT_PREPARATION_NOTES, NULL))
    _mb_conversation_add_text (out, "notes",
                               mb_conversation_get_text (self, MB_TEXT_PREPARATION_NOTES, NULL));
  mb_json_out_member (out, "answers");
  mb_json_out_begin_object (out);
  add_texts (self, out, MB_TEXT_PREPARATION, mb_script_get_preparation (self->script));
  mb_json_out_end_object (out);
  mb_json_out_end_object (out);

  mb_json_out_member (out, "steps");
  mb_json_out_begin_object (out);
  add_texts (self, out, MB_TEXT_STEP_NOTES, mb_script_get_steps (self->script));
  mb_json_out_end_object (out);

  mb_json_out_member (out, "reflection");
  mb_json_out_begin_object (out);
  mb_json_out_member (out, "answers");
  mb_json_out_begin_object (out);
  add_texts (self, out, MB_TEXT_REFLECTION, mb_script_get_reflection (self->script));
  mb_json_out_end_object (out);
  add_scales (self, out);
  _mb_conversation_add_marble_drafts (self, out);
  mb_json_out_end_object (out);

  mb_json_out_member (out, "agreements");
  mb_json_add_list (out, G_LIST_MODEL (self->agreements), add_agreement, NULL,
                    self->kept_agreements);
  mb_json_out_member (out, "marbles");
  mb_json_add_list (out, G_LIST_MODEL (self->marbles), add_marble, NULL, self->kept_marbles);

  /* The script's copy is kept once, beside all conversations held with it. */
  mb_json_out_member (out, "script");
  mb_json_out_begin_object (out);
  add_string (out, "id", mb_script_get_id (self->script));
  mb_script_get_copy (self->script, &checksum);
  add_string (out, "copy", checksum);
  mb_json_out_end_object (out);
  mb_json_out_end_object (out);
}

/**
 * mb_conversation_draft:
 *
 * The first part of writing the conversation to its file, on the main
 * thread: everything but the texts, which are copied aside. The rest,
 * mb_json_draft_finish(), can be done in a worker.
 *
 * Returns: (transfer full): the draft of the file
 */
MbJsonDraft *
mb_conversation_draft (MbConversation *self)
{
  MbJsonDraft *draft = mb_json_draft_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(MbJsonOut) out = mb_json_out_new_builder (builder, draft);
  g_autoptr(JsonNode) fresh = NULL;
  g_autoptr(JsonNode) merged = NULL;

  g_return_val_if_fail (MB_IS_CONVERSATION (self), NULL);

  build_json (self, out);
  fresh = json_builder_get_root (builder);
  merged = mb_json_merge (self->original, fresh);
  mb_json_draft_set_root (draft, merged);
  return draft;
}

/**
 * mb_conversation_to_bytes:
 *
 * Returns: (transfer full): the conversation as its file holds it,
 *   with the members this version does not know kept as they were
 */
GBytes *
mb_conversation_to_bytes (MbConversation *self)
{
  g_autoptr(MbJsonDraft) draft = NULL;

  g_return_val_if_fail (MB_IS_CONVERSATION (self), NULL);

  draft = mb_conversation_draft (self);
  return mb_json_draft_finish (draft);
}
