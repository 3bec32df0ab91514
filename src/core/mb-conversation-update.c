/* mb-conversation-update.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Taking in another version of a conversation's file, as another device
 * wrote it, into the conversation itself, in place: only what differs
 * changes, each with its own signal, so that whatever shows it (a text
 * field the leader types in, a list of agreements) follows without
 * starting over.
 */

#define G_LOG_DOMAIN "mb-conversation"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "mb-conversation-private.h"

static gboolean
same_date_time (GDateTime *a,
                GDateTime *b)
{
  return a == b || (a != NULL && b != NULL && g_date_time_equal (a, b));
}

static gboolean
same_date (const GDate *a,
           const GDate *b)
{
  return a == b || (a != NULL && b != NULL && g_date_compare (a, b) == 0);
}

static gboolean
same_json (JsonNode *a,
           JsonNode *b)
{
  return a == b || (a != NULL && b != NULL && json_node_equal (a, b));
}

/* Moves *@from to *@to when they differ. Returns: whether they did */
static gboolean
take_date_time (GDateTime **to,
                GDateTime **from)
{
  gboolean changed = !same_date_time (*to, *from);

  g_clear_pointer (to, g_date_time_unref);
  *to = g_steal_pointer (from);
  return changed;
}

/* What in @self differs from @other, an agreement with its id, and is
 * taken from it. Returns: whether the status changed (notified by the
 * caller), and in @shown whether anything else shown did
 */
static gboolean
update_agreement (MbAgreement *self,
                  MbAgreement *other,
                  gboolean    *shown)
{
  gboolean status = self->status != other->status;

  *shown = g_strcmp0 (self->text, other->text) != 0 || self->promised_by != other->promised_by ||
           !same_date (self->due, other->due);
  *shown |= take_date_time (&self->created, &other->created);
  take_date_time (&self->status_changed, &other->status_changed);
  if (!same_json (self->history, other->history))
    {
      g_clear_pointer (&self->history, json_node_unref);
      self->history = g_steal_pointer (&other->history);
    }
  g_free (self->text);
  self->text = g_steal_pointer (&other->text);
  g_clear_pointer (&self->due, g_date_free);
  self->due = g_steal_pointer (&other->due);
  self->promised_by = other->promised_by;
  self->status = other->status;
  return status;
}

/* As update_agreement(), for a marble. Returns: whether it changed */
static gboolean
update_marble (MbMarble *self,
               MbMarble *other)
{
  gboolean changed = self->in != other->in || g_strcmp0 (self->reason, other->reason) != 0;

  changed |= take_date_time (&self->created, &other->created);
  self->in = other->in;
  g_free (self->reason);
  self->reason = g_steal_pointer (&other->reason);
  return changed;
}

typedef gboolean (*UpdateFunc) (GObject  *self,
                                GObject  *other,
                                gboolean *status);

static gboolean
update_agreement_item (GObject  *self,
                       GObject  *other,
                       gboolean *status)
{
  gboolean shown;

  *status = update_agreement (MB_AGREEMENT (self), MB_AGREEMENT (other), &shown);
  return shown;
}

static gboolean
update_marble_item (GObject  *self,
                    GObject  *other,
                    gboolean *status)
{
  *status = FALSE;
  return update_marble (MB_MARBLE (self), MB_MARBLE (other));
}

static const char *
id_of (GObject *item)
{
  return MB_IS_AGREEMENT (item) ? MB_AGREEMENT (item)->id : MB_MARBLE (item)->id;
}

/* Whether @items holds the items of @store, in its order. */
static gboolean
same_items (GListStore *store,
            GPtrArray  *items)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (store)) != items->len)
    return FALSE;

  for (guint i = 0; i < items->len; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (store), i);

      if (item != g_ptr_array_index (items, i))
        return FALSE;
    }
  return TRUE;
}

/* Puts @items in @store: all at once when they are not its items in its
 * order; otherwise each at @redraw again, as if taken out and put back.
 */
static void
store_items (GListStore *store,
             GPtrArray  *items,
             GArray     *redraw)
{
  if (!same_items (store, items))
    {
      g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)), items->pdata, items->len);
      return;
    }

  for (guint i = 0; i < redraw->len; i++)
    {
      guint position = g_array_index (redraw, guint, i);

      g_list_store_splice (store, position, 1, &g_ptr_array_index (items, position), 1);
    }
}

/* @store becomes the list of @other, in its order: an item with the id
 * of one in @store is that one, updated in place; a new one is added;
 * one that is gone is removed. Signals come after the changes: the
 * list's items-changed (for an item changed in place, as if taken out
 * and put back), and "status" of each agreement whose status changed.
 *
 * Returns: whether anything changed
 */
static gboolean
update_list (MbConversation *self,
             GListStore     *store,
             GListStore     *other,
             UpdateFunc      update)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) notify = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) redraw = g_array_new (FALSE, FALSE, sizeof (guint));
  gboolean changed;
  GHashTableIter iter;
  gpointer gone;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (store), i);

      g_hash_table_insert (by_id, (gpointer) id_of (item), item);
    }

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (other)); i++)
    {
      g_autoptr(GObject) theirs = g_list_model_get_item (G_LIST_MODEL (other), i);
      GObject *ours = g_hash_table_lookup (by_id, id_of (theirs));
      gboolean status = FALSE;

      if (ours == NULL)
        {
          if (MB_IS_AGREEMENT (theirs))
            MB_AGREEMENT (theirs)->conversation = self;
          g_ptr_array_add (items, g_steal_pointer (&theirs));
          continue;
        }

      g_hash_table_remove (by_id, id_of (theirs));
      if (update (ours, theirs, &status))
        g_array_append_val (redraw, i);
      if (status)
        g_ptr_array_add (notify, g_object_ref (ours));
      g_ptr_array_add (items, g_object_ref (ours));
    }

  /* What is left was removed there. */
  g_hash_table_iter_init (&iter, by_id);
  while (g_hash_table_iter_next (&iter, NULL, &gone))
    {
      if (MB_IS_AGREEMENT (gone))
        MB_AGREEMENT (gone)->conversation = NULL;
    }

  changed = redraw->len > 0 || notify->len > 0 || !same_items (store, items);
  store_items (store, items, redraw);
  for (guint i = 0; i < notify->len; i++)
    g_object_notify (g_ptr_array_index (notify, i), "status");
  return changed;
}

/* The keys ("kind/key") of the texts that differ between @self and @other. */
static GPtrArray *
changed_texts (MbConversation *self,
               MbConversation *other)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
  GHashTable *tables[] = { self->texts, other->texts };

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      GHashTableIter iter;
      const char *key;

      g_hash_table_iter_init (&iter, tables[t]);
      while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
        {
          MbText *ours = g_hash_table_lookup (self->texts, key);
          MbText *theirs = g_hash_table_lookup (other->texts, key);

          /* Each once: from the second table, only what the first lacks. */
          if (t == 1 && ours != NULL)
            continue;
          if (g_strcmp0 (ours != NULL ? mb_text_get (ours) : "", theirs != NULL ? mb_text_get (theirs) : "") != 0)
            g_ptr_array_add (keys, g_strdup (key));
        }
    }

  return keys;
}

/* The ids of the questions whose value on a scale differs. */
static GPtrArray *
changed_scales (MbConversation *self,
                MbConversation *other)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
  GHashTable *tables[] = { self->scales, other->scales };

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      GHashTableIter iter;
      const char *key;

      g_hash_table_iter_init (&iter, tables[t]);
      while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
        {
          if (t == 1 && g_hash_table_contains (self->scales, key))
            continue;
          if (mb_conversation_get_scale (self, key) != mb_conversation_get_scale (other, key))
            g_ptr_array_add (keys, g_strdup (key));
        }
    }

  return keys;
}

static void
emit_text_replaced (MbConversation *self,
                    const char     *hash_key)
{
  const char *slash = strchr (hash_key, '/');
  MbTextKind kind = (MbTextKind) g_ascii_strtoll (hash_key, NULL, 10);

  g_assert (slash != NULL);
  _mb_conversation_emit_text_replaced (self, kind, slash[1] != '\0' ? slash + 1 : NULL);
}

static gboolean
same_script (MbScript *a,
             MbScript *b)
{
  const char *checksum_a;
  const char *checksum_b;

  mb_script_get_copy (a, &checksum_a);
  mb_script_get_copy (b, &checksum_b);
  return g_strcmp0 (checksum_a, checksum_b) == 0;
}

static void
add_copy (gpointer key,
          gpointer script,
          gpointer copies)
{
  mb_script_copies_add (copies, script);
}

#define SWAP(a, b) G_STMT_START { gpointer tmp_ = (a); (a) = (b); (b) = tmp_; } G_STMT_END

/* What is not shown, taken as it is: what this version does not know of
 * the file, and where it came from.
 */
static void
take_kept (MbConversation *self,
           MbConversation *other)
{
  SWAP (self->original, other->original);
  SWAP (self->kept_agreements, other->kept_agreements);
  SWAP (self->kept_marbles, other->kept_marbles);
  self->keep = other->keep;
  self->file_version = other->file_version;
  SWAP (self->revisions, other->revisions);
  if (g_strcmp0 (self->person_id, other->person_id) != 0)
    SWAP (self->person_id, other->person_id);
  if (!same_script (self->script, other->script))
    SWAP (self->script, other->script);
}

/* When, where and how far. Returns: the properties that changed, to
 * notify once everything is in place
 */
static GPtrArray *
take_values (MbConversation *self,
             MbConversation *other,
             gboolean       *changed)
{
  GPtrArray *notify = g_ptr_array_new ();

  *changed |= take_date_time (&self->created, &other->created);
  *changed |= take_date_time (&self->scheduled, &other->scheduled);
  *changed |= g_strcmp0 (self->about_agreement, other->about_agreement) != 0 ||
              g_strcmp0 (self->about_conversation, other->about_conversation) != 0;
  SWAP (self->about_conversation, other->about_conversation);
  SWAP (self->about_agreement, other->about_agreement);
  if (self->phase != other->phase)
    g_ptr_array_add (notify, "phase");
  if (self->step != other->step)
    g_ptr_array_add (notify, "step");
  if (self->finished != other->finished)
    g_ptr_array_add (notify, "finished");
  /* A timer running here goes on from the time there. */
  *changed |= notify->len > 0 || mb_conversation_get_talk_seconds (self) != other->talk_seconds ||
              self->lens_flagged != other->lens_flagged || self->lens_rephrased != other->lens_rephrased;
  self->lens_flagged = other->lens_flagged;
  self->lens_rephrased = other->lens_rephrased;
  self->phase = other->phase;
  self->step = other->step;
  self->finished = other->finished;
  _mb_conversation_take_talk_seconds (self, other->talk_seconds);
  return notify;
}

/**
 * mb_conversation_update_from_json:
 * @root: the root of a version of this conversation's file
 * @filename: the name to use in error messages
 * @copies: (nullable) (element-type utf8 MbScript): the copies of
 *   scripts @root may name, as for mb_conversation_new_from_bytes();
 *   the conversation's own is always known
 *
 * Takes in another version of the conversation, such as one written on
 * another device, in place: only what differs changes. Each text that
 * changed emits #MbConversation::text-replaced, each value chosen on a
 * scale #MbConversation::scale-changed, each other value its notify,
 * the agreements and marbles items-changed (an agreement whose status
 * changed its notify::status), and, when anything changed, ::changed
 * once at the end. What the file holds that this version does not know
 * is taken from it too. A talk timer running here goes on from the time
 * in @root, which is to count the time counted here (as a merge with
 * what the conversation holds does): it is not added again.
 *
 * Returns: %FALSE, with @error set in %MB_CONVERSATION_ERROR and the
 *   conversation unchanged, when @root is not a version of it that this
 *   version can read
 */
gboolean
mb_conversation_update_from_json (MbConversation  *self,
                                  JsonNode        *root,
                                  const char      *filename,
                                  GHashTable      *copies,
                                  GError         **error)
{
  g_autoptr(GHashTable) own = NULL;
  g_autoptr(MbConversation) other = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GPtrArray) scales = NULL;
  g_autoptr(GPtrArray) notify = NULL;
  gboolean changed = FALSE;

  g_return_val_if_fail (MB_IS_CONVERSATION (self), FALSE);
  g_return_val_if_fail (root != NULL, FALSE);

  own = mb_script_copies_new ();
  mb_script_copies_add (own, self->script);
  if (copies != NULL)
    g_hash_table_foreach (copies, add_copy, own);
  other = _mb_conversation_new_from_json (root, filename, own, error);
  if (other == NULL)
    return FALSE;
  if (g_strcmp0 (other->id, self->id) != 0)
    {
      g_set_error (error, MB_CONVERSATION_ERROR, MB_CONVERSATION_ERROR_DAMAGED,
                   _("%s: This is another conversation"), filename);
      return FALSE;
    }

  self->updating = TRUE;
  take_kept (self, other);
  notify = take_values (self, other, &changed);
  texts = changed_texts (self, other);
  SWAP (self->texts, other->texts);
  changed |= texts->len > 0;
  scales = changed_scales (self, other);
  SWAP (self->scales, other->scales);
  changed |= scales->len > 0;

  changed |= update_list (self, self->agreements, other->agreements, update_agreement_item);
  changed |= update_list (self, self->marbles, other->marbles, update_marble_item);
  for (guint i = 0; i < notify->len; i++)
    g_object_notify (G_OBJECT (self), g_ptr_array_index (notify, i));
  for (guint i = 0; i < texts->len; i++)
    emit_text_replaced (self, g_ptr_array_index (texts, i));
  for (guint i = 0; i < scales->len; i++)
    _mb_conversation_emit_scale_changed (self, g_ptr_array_index (scales, i));
  if (changed)
    _mb_conversation_emit_changed (self);
  self->updating = FALSE;
  return TRUE;
}

/**
 * mb_conversation_is_updating:
 *
 * Returns: whether the conversation is taking in another version of its
 *   file, in mb_conversation_update_from_json(): what its signals say
 *   now was changed elsewhere, such as on another device
 */
gboolean
mb_conversation_is_updating (MbConversation *self)
{
  g_return_val_if_fail (MB_IS_CONVERSATION (self), FALSE);

  return self->updating;
}

/**
 * mb_conversation_get_revisions:
 *
 * Returns: (transfer none) (nullable): the "revisions" of the
 *   conversation's file: which versions of it this one comes from,
 *   newest first, as the journal keeps them; %NULL when it has none
 */
const char * const *
mb_conversation_get_revisions (MbConversation *self)
{
  g_return_val_if_fail (MB_IS_CONVERSATION (self), NULL);

  return (const char * const *) self->revisions;
}

/**
 * mb_conversation_set_revisions:
 * @revisions: (nullable): as for mb_conversation_get_revisions()
 *
 * For the journal, as it writes or takes in a version of the file; not
 * a change to save.
 */
void
mb_conversation_set_revisions (MbConversation     *self,
                               const char * const *revisions)
{
  g_return_if_fail (MB_IS_CONVERSATION (self));

  g_strfreev (self->revisions);
  self->revisions = g_strdupv ((char **) revisions);
}
