/* mb-journal-sync.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Taking in what another device (through a sync tool), another program
 * or a second Marbles changed in the journal's folder, on the main
 * thread: each version found is merged three-way with what the journal
 * holds (mb-merge.c), the base being the newest version both come from
 * (mb-journal-known.c), and the result applied to the live objects in
 * place, so whatever shows them follows. What the journal holds that
 * the version found lacks is then saved. Sync tools' conflict copies are
 * merged the same way (mb-journal-copies.c).
 */

#define G_LOG_DOMAIN "mb-journal"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "mb-journal-private.h"
#include "mb-json.h"
#include "mb-merge.h"
#include "mb-storage.h"

/* Found */

void
_mb_journal_found_free (gpointer data)
{
  Found *found = data;

  g_free (found->name);
  g_free (found->path);
  g_clear_object (&found->file);
  g_free (found->original);
  g_clear_pointer (&found->bytes, g_bytes_unref);
  g_free (found->hash);
  g_clear_object (&found->conversation);
  g_free (found->problem);
  g_free (found);
}

void
_mb_journal_rescan_free (Rescan *rescan)
{
  g_ptr_array_unref (rescan->found);
  g_clear_pointer (&rescan->missing, g_ptr_array_unref);
  g_free (rescan);
}

/* Versions as JSON */

/* What @object would write now, as JSON. */
JsonNode *
_mb_journal_serialize (MbJournal *self,
                       GObject   *object)
{
  g_autoptr(GBytes) bytes = MB_IS_CONVERSATION (object) ? mb_conversation_to_bytes (MB_CONVERSATION (object))
                                                        : _mb_journal_serialize_people (self);
  JsonNode *node = mb_json_parse (bytes, "", NULL);

  g_assert (node != NULL);
  return node;
}

/* The copy of the script @root names, when that is not the one
 * @conversation has: read from disk (rarely: only another version of
 * Marbles could have named another one).
 */
static GHashTable *
copies_named_by (MbJournal      *self,
                 MbConversation *conversation,
                 JsonNode       *root)
{
  JsonObject *script = mb_json_get_object (json_node_get_object (root), "script");
  const char *checksum = mb_json_get_string (script, "copy");
  const char *own;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MbScript) copy = NULL;
  GHashTable *copies;

  mb_script_get_copy (mb_conversation_get_script (conversation), &own);
  if (!mb_storage_is_valid_checksum (checksum) || g_strcmp0 (checksum, own) == 0)
    return NULL;

  name = g_strconcat (checksum, ".json", NULL);
  path = g_build_filename (g_file_peek_path (self->dir), "conversations", "scripts", name, NULL);
  file = g_file_new_for_path (path);
  bytes = mb_storage_load (file, NULL, NULL);
  copy = bytes != NULL ? mb_script_new_from_copy (bytes, checksum, path, NULL) : NULL;
  if (copy == NULL)
    return NULL;

  copies = mb_script_copies_new ();
  mb_script_copies_add (copies, copy);
  return copies;
}

/* Applying a version */

/* Puts @conversation at its place in the list again, after its time changed. */
static void
sort_again (MbJournal      *self,
            MbConversation *conversation)
{
  g_autoptr(MbConversation) kept = g_object_ref (conversation);
  guint position;

  if (!g_list_store_find (self->conversations, conversation, &position))
    return;
  g_list_store_remove (self->conversations, position);
  g_list_store_insert_sorted (self->conversations, kept, _mb_journal_compare_conversations, NULL);
}

static gboolean
apply_conversation (MbJournal       *self,
                    MbConversation  *conversation,
                    JsonNode        *root,
                    const char      *display,
                    GError         **error)
{
  g_autoptr(GHashTable) copies = copies_named_by (self, conversation, root);
  g_autoptr(GDateTime) when = g_date_time_ref (mb_conversation_get_when (conversation));
  gboolean ok;

  self->applying = TRUE;
  ok = mb_conversation_update_from_json (conversation, root, display, copies, error);
  self->applying = FALSE;

  if (ok && !g_date_time_equal (when, mb_conversation_get_when (conversation)))
    sort_again (self, conversation);
  return ok;
}

/* Someone of people.json: the person with their id, updated, or a new
 * one; NULL when this version cannot show the entry.
 */
static gpointer
person_from_entry (JsonNode *node,
                   gpointer  data)
{
  MbJournal *self = data;
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const char *id = mb_json_get_string (object, "id");
  MbPerson *person = object != NULL ? mb_journal_lookup_person (self, id) : NULL;

  if (object == NULL)
    return NULL;
  if (person == NULL)
    return mb_person_new_from_json (object);
  return mb_person_update_from_json (person, object) ? g_object_ref (person) : NULL;
}

/* Whether a conversation with @person holds what is not on disk yet. */
static gboolean
has_unsaved_conversation (MbJournal *self,
                          MbPerson  *person)
{
  GListModel *conversations = G_LIST_MODEL (self->conversations);

  for (guint i = 0; i < g_list_model_get_n_items (conversations); i++)
    {
      g_autoptr(MbConversation) conversation = g_list_model_get_item (conversations, i);
      Saver *saver = g_hash_table_lookup (self->savers, conversation);

      if (g_strcmp0 (mb_conversation_get_person_id (conversation), mb_person_get_id (person)) == 0 &&
          saver != NULL && (saver->dirty || saver->in_flight))
        return TRUE;
    }
  return FALSE;
}

/* The people list becomes @people: those not in it go, unless a
 * conversation with them has a change to save; new ones come.
 */
static void
update_people (MbJournal *self,
               GPtrArray *people)
{
  g_autoptr(GHashTable) present = g_hash_table_new (NULL, NULL);
  GListModel *list = G_LIST_MODEL (self->people);

  for (guint i = 0; i < people->len; i++)
    g_hash_table_add (present, g_ptr_array_index (people, i));

  for (guint i = g_list_model_get_n_items (list); i > 0; i--)
    {
      g_autoptr(MbPerson) person = g_list_model_get_item (list, i - 1);

      if (g_hash_table_remove (present, person) || has_unsaved_conversation (self, person))
        continue;
      _mb_journal_unwatch_person (self, person);
      g_list_store_remove (self->people, i - 1);
    }

  for (guint i = 0; i < people->len; i++)
    {
      MbPerson *person = g_ptr_array_index (people, i);

      if (!g_hash_table_contains (present, person))
        continue;
      _mb_journal_watch_person (self, person);
      g_list_store_append (self->people, person);
    }
  /* By name, also after a name changed. */
  g_list_store_sort (self->people, _mb_journal_compare_people, NULL);
}

gboolean
_mb_journal_check_people (JsonNode    *root,
                          const char  *display,
                          GError     **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  JsonNode *people = object != NULL ? json_object_get_member (object, "people") : NULL;

  if (object != NULL && g_strcmp0 (mb_json_get_string (object, "format"), PEOPLE_FORMAT) == 0 &&
      mb_json_get_version (object) >= 0 && mb_json_get_version (object) <= PEOPLE_FORMAT_VERSION &&
      (people == NULL || JSON_NODE_HOLDS_ARRAY (people)))
    return TRUE;

  g_set_error (error, MB_JSON_ERROR, MB_JSON_ERROR_UNSUPPORTED, "%s: %s", display,
               _("This is not a Marbles people file, or one from a newer version"));
  return FALSE;
}

static gboolean
apply_people (MbJournal   *self,
              JsonNode    *root,
              const char  *display,
              GError     **error)
{
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) kept = mb_json_kept_new ();
  JsonNode *list;

  if (!_mb_journal_check_people (root, display, error))
    return FALSE;

  list = json_object_get_member (json_node_get_object (root), "people");
  self->applying = TRUE;
  if (list != NULL)
    mb_json_read_list (json_node_get_array (list), person_from_entry, self, people, kept);
  update_people (self, people);
  self->applying = FALSE;

  g_clear_pointer (&self->people_original, json_node_unref);
  self->people_original = json_node_copy (root);
  g_strfreev (self->people_revisions);
  self->people_revisions = mb_json_get_strv (json_node_get_object (root), "revisions");
  g_array_unref (self->kept_people);
  self->kept_people = g_steal_pointer (&kept);
  self->people_damaged = FALSE;
  return TRUE;
}

/* Makes @object hold what @root, a version of its file, holds. */
gboolean
_mb_journal_apply (MbJournal   *self,
                   GObject     *object,
                   JsonNode    *root,
                   const char  *display,
                   GError     **error)
{
  if (MB_IS_CONVERSATION (object))
    return apply_conversation (self, MB_CONVERSATION (object), root, display, error);
  return apply_people (self, root, display, error);
}

/* Whether @a and @b hold the same, whichever versions they come from. */
gboolean
_mb_journal_same_content (JsonNode *a,
                          JsonNode *b)
{
  JsonObject *object_a = JSON_NODE_HOLDS_OBJECT (a) ? json_node_get_object (a) : NULL;
  JsonObject *object_b = JSON_NODE_HOLDS_OBJECT (b) ? json_node_get_object (b) : NULL;
  g_autoptr(GList) members = NULL;

  if (object_a == NULL || object_b == NULL)
    return json_node_equal (a, b);
  if (json_object_get_size (object_a) - json_object_has_member (object_a, "revisions") !=
      json_object_get_size (object_b) - json_object_has_member (object_b, "revisions"))
    return FALSE;

  members = json_object_get_members (object_a);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *there = json_object_get_member (object_b, l->data);

      if (!g_str_equal (l->data, "revisions") &&
          (there == NULL || !json_node_equal (json_object_get_member (object_a, l->data), there)))
        return FALSE;
    }
  return TRUE;
}

static GStrv
revisions_of (JsonNode *root)
{
  return JSON_NODE_HOLDS_OBJECT (root) ? mb_json_get_strv (json_node_get_object (root), "revisions") : NULL;
}

/* Parses the contents of @known; %NULL when there are none. */
JsonNode *
_mb_journal_parse_known (Known      *known,
                         const char *display)
{
  g_autoptr(GBytes) bytes = known != NULL ? _mb_journal_known_get_bytes (known) : NULL;

  return bytes != NULL ? mb_json_parse (bytes, display, NULL) : NULL;
}

/* Where @revision is in @revisions, or -1. */
static int
position_of (const char * const *revisions,
             const char         *revision)
{
  for (int i = 0; revisions[i] != NULL; i++)
    {
      if (g_str_equal (revisions[i], revision))
        return i;
    }
  return -1;
}

/* The base of a merge of @theirs into @object: the newest version both
 * come from, among those seen lately (see mb-journal-known.c), that is
 * the one nearest to both in their lists; %NULL when none is known, as
 * if each side had written the whole file. When a side does not say
 * where it comes from (a file written by an earlier version, or by
 * hand), @fallback.
 */
static JsonNode *
find_base (MbJournal  *self,
           GObject    *object,
           JsonNode   *theirs,
           Known      *fallback,
           const char *display)
{
  const char * const *ours = _mb_journal_get_revisions (self, object);
  g_auto(GStrv) their_revisions = revisions_of (theirs);
  g_autofree char *name = _mb_journal_name_of (self, object);
  g_autoptr(GBytes) best = NULL;
  int best_distance = G_MAXINT;

  if (ours == NULL || their_revisions == NULL)
    return _mb_journal_parse_known (fallback, display);

  for (int i = 0; their_revisions[i] != NULL && i < best_distance; i++)
    {
      int j = position_of (ours, their_revisions[i]);
      GBytes *bytes;

      if (j < 0 || i + j >= best_distance ||
          (bytes = _mb_journal_find_version (self, name, their_revisions[i])) == NULL)
        continue;
      g_clear_pointer (&best, g_bytes_unref);
      best = bytes;
      best_distance = i + j;
    }
  return best != NULL ? mb_json_parse (best, display, NULL) : NULL;
}

/* Whether @theirs is a version @object comes from: nothing in it is
 * new. Only when that version was seen and holds the same: a program
 * (or a Marbles before "revisions") that changes a file and keeps its
 * members as they were makes a new version under the same id.
 */
static gboolean
is_ancestor (MbJournal  *self,
             GObject    *object,
             JsonNode   *theirs,
             const char *display)
{
  const char * const *ours = _mb_journal_get_revisions (self, object);
  g_auto(GStrv) their_revisions = revisions_of (theirs);
  g_autofree char *name = _mb_journal_name_of (self, object);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) seen = NULL;

  if (ours == NULL || their_revisions == NULL || their_revisions[0] == NULL ||
      !g_strv_contains (ours, their_revisions[0]))
    return FALSE;

  bytes = _mb_journal_find_version (self, name, their_revisions[0]);
  seen = bytes != NULL ? mb_json_parse (bytes, display, NULL) : NULL;
  return seen != NULL && _mb_journal_same_content (seen, theirs);
}

/* The merge of @ours and @theirs, two versions of @object's file: @ours
 * itself when @theirs has nothing new.
 */
static JsonNode *
merge_versions (MbJournal     *self,
                GObject       *object,
                Known         *fallback,
                JsonNode      *ours,
                JsonNode      *theirs,
                const char    *display,
                MbMergeReport *report)
{
  g_autoptr(JsonNode) base = NULL;

  if (is_ancestor (self, object, theirs, display))
    {
      g_debug ("%s: %s has nothing new", g_file_peek_path (self->dir), display);
      return json_node_ref (ours);
    }

  base = find_base (self, object, theirs, fallback, display);
  g_debug ("%s: merging %s %s", g_file_peek_path (self->dir), display,
           base != NULL ? "with a base" : "with no base");
  if (MB_IS_CONVERSATION (object))
    return mb_merge_conversation (base, ours, theirs, report);
  return mb_merge_people (base, ours, theirs, report);
}

/* Notes which versions @object comes from after a merge: both, @ours
 * and @theirs, when it is to be written; otherwise it is the version
 * @on_disk.
 */
static void
note_revisions (MbJournal          *self,
                GObject            *object,
                gboolean            needs_write,
                const char * const *ours,
                JsonNode           *theirs,
                JsonNode           *on_disk)
{
  g_auto(GStrv) theirs_from = revisions_of (theirs);
  g_auto(GStrv) revisions = NULL;

  if (needs_write)
    revisions = _mb_journal_join_revisions (ours, (const char * const *) theirs_from);
  else
    revisions = revisions_of (on_disk);
  _mb_journal_set_revisions (self, object, (const char * const *) revisions);
}

/* Merges @theirs, another version of @object's file, with what @object
 * holds, three-way (see find_base(); @fallback as there), and applies
 * the result to @object. Says so when that changed @object.
 *
 * Returns: %FALSE when @theirs cannot be taken in; in @needs_write,
 *   whether @object now holds what @on_disk (the version that will be on
 *   disk, or %NULL for none) does not
 */
gboolean
_mb_journal_merge_in (MbJournal   *self,
                      GObject     *object,
                      Known       *fallback,
                      JsonNode    *theirs,
                      JsonNode    *on_disk,
                      const char  *display,
                      gboolean    *needs_write,
                      GError     **error)
{
  g_autoptr(JsonNode) ours = _mb_journal_serialize (self, object);
  g_autoptr(MbMergeReport) report = mb_merge_report_new ();
  g_autoptr(JsonNode) merged = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_auto(GStrv) ours_from = g_strdupv ((char **) _mb_journal_get_revisions (self, object));

  if (!MB_IS_CONVERSATION (object) && !_mb_journal_check_people (theirs, display, error))
    return FALSE;

  merged = merge_versions (self, object, fallback, ours, theirs, display, report);
  if (!_mb_journal_apply (self, object, merged, display, error))
    return FALSE;

  after = _mb_journal_serialize (self, object);
  *needs_write = on_disk == NULL || !_mb_journal_same_content (after, on_disk);
  note_revisions (self, object, *needs_write, (const char * const *) ours_from, theirs, on_disk);
  if (!_mb_journal_same_content (after, ours))
    _mb_journal_emit_merged (self, object, mb_merge_report_count (report, MB_MERGE_CONFLICT_TEXT));
  return TRUE;
}

/* Merges @theirs, found on disk instead of the version last seen there
 * (@base, which it comes from, unless a sync tool put it there in the
 * place of this machine's), and notes it as the version on disk;
 * @object is then to be saved when it holds more.
 */
static gboolean
take_version (MbJournal   *self,
              GObject     *object,
              Known       *base,
              GBytes      *theirs,
              GFile       *file,
              GError     **error)
{
  g_autofree char *display = g_file_get_parse_name (file);
  g_autofree char *name = _mb_journal_name_of (self, object);
  g_autoptr(JsonNode) root = mb_json_parse (theirs, display, error);
  g_auto(GStrv) revisions = NULL;
  gboolean was_damaged = object == G_OBJECT (self) && self->people_damaged;
  Saver *saver;
  gboolean needs_write;

  if (root == NULL || !_mb_journal_merge_in (self, object, base, root, root, display, &needs_write, error))
    return FALSE;

  revisions = revisions_of (root);
  _mb_journal_set_known (self, name, theirs, (const char * const *) revisions);
  _mb_journal_remove_problem (self, file);
  /* Its copies that waited for a version that can be read merge now. */
  if (was_damaged)
    _mb_journal_retry_copies (self, file);
  if (needs_write)
    {
      _mb_journal_mark_changed (self, object);
      return TRUE;
    }

  /* What is on disk is all @object holds. */
  saver = g_hash_table_lookup (self->savers, object);
  if (saver != NULL)
    {
      saver->dirty = FALSE;
      saver->dirty_since = 0;
      g_clear_handle_id (&saver->timeout_id, g_source_remove);
      if (!saver->in_flight)
        _mb_journal_set_state (saver, MB_SAVE_STATE_SAVED, NULL);
    }
  return TRUE;
}

/**
 * _mb_journal_take_conflict:
 * @theirs: the version a save found on disk instead of the one the
 *   journal last saw there
 *
 * Merges it in; @saver's object is then to be saved (saver->dirty) when
 * it holds what @theirs does not. When @theirs cannot be read (a file
 * a sync tool is still writing, or a damaged one), nothing is written
 * over it: the save fails, saying so, and is tried again later.
 */
gboolean
_mb_journal_take_conflict (Saver   *saver,
                           GBytes  *theirs,
                           GError **error)
{
  MbJournal *self = saver->journal;
  g_autofree char *name = _mb_journal_name_of (self, saver->object);
  g_autoptr(Known) base = _mb_journal_dup_known (self, name);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *message = NULL;

  g_debug ("%s: %s: another version on disk; merging before saving",
           g_file_peek_path (self->dir), name);
  if (take_version (self, saver->object, base, theirs, saver->file, &local_error))
    return TRUE;

  /* Translators: %s says which file and why */
  message = g_strdup_printf (_("Another version of this file is on disk, which Marbles cannot read, "
                               "so it does not save over it: %s"), local_error->message);
  saver->dirty = TRUE;
  _mb_journal_set_state (saver, MB_SAVE_STATE_FAILED, message);
  _mb_journal_schedule (saver, self->timing.retry_delay_ms);
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, message);
  return FALSE;
}

/**
 * _mb_journal_take_deletion:
 *
 * @conversation's file was deleted elsewhere, and it holds nothing that
 * is not on disk: it goes from the journal too.
 */
void
_mb_journal_take_deletion (MbJournal      *self,
                           MbConversation *conversation)
{
  g_autofree char *name = _mb_journal_name_of (self, G_OBJECT (conversation));
  guint position;

  if (!g_list_store_find (self->conversations, conversation, &position))
    return;

  g_debug ("%s: %s was deleted on disk, with nothing unsaved here: it goes",
           g_file_peek_path (self->dir), name);
  _mb_journal_forget_known (self, name);
  _mb_journal_unwatch_conversation (self, conversation);
  g_hash_table_remove (self->savers, conversation);
  g_list_store_remove (self->conversations, position);
}

/* Taking in what a look found */

/* Whether the version @found was read against is still the one known. */
static gboolean
is_current (MbJournal *self,
            Found     *found)
{
  g_autoptr(Known) known = _mb_journal_dup_known (self, found->name);

  if ((known != NULL ? known->serial : 0) == found->serial)
    return TRUE;

  /* Read while this journal wrote or took in the file: again, later. */
  _mb_journal_forget_stat (self, found->path);
  _mb_journal_rescan_soon (self);
  return FALSE;
}

/* @object's file changed on disk. A change here waits for the save, which
 * merges; otherwise the version found is taken in. But a save under way
 * may have made its last check before that version came, and replaced
 * the file before it too: that version, written by a second Marbles that
 * checked the file just before, then lacks what the save wrote, which
 * only this journal has. So another save follows, whose check finds the
 * version there and merges it; and the next look reads the file again.
 */
static void
take_changed (MbJournal *self,
              GObject   *object,
              Found     *found)
{
  Saver *saver = g_hash_table_lookup (self->savers, object);
  g_autoptr(Known) base = NULL;
  g_autoptr(GError) error = NULL;

  if (!is_current (self, found))
    return;
  if (saver != NULL && (saver->dirty || saver->in_flight))
    {
      g_debug ("%s: %s changed on disk; the save of the change here merges it",
               g_file_peek_path (self->dir), found->path);
      if (saver->in_flight)
        {
          _mb_journal_forget_stat (self, found->path);
          _mb_journal_mark_changed (self, object);
        }
      _mb_journal_save_start (saver);
      return;
    }

  g_debug ("%s: %s changed on disk: taking it in", g_file_peek_path (self->dir), found->path);
  base = _mb_journal_dup_known (self, found->name);
  if (!take_version (self, object, base, found->bytes, found->file, &error))
    _mb_journal_add_problem (self, found->file, error->message);
  else if ((saver = g_hash_table_lookup (self->savers, object)) != NULL && saver->dirty)
    _mb_journal_save_start (saver);
}

/* Puts @conversation, read from disk, in the journal. */
void
_mb_journal_add_read_conversation (MbJournal      *self,
                                   MbConversation *conversation)
{
  g_autoptr(GFile) file = _mb_journal_conversation_file (self, conversation);
  g_autoptr(GFile) scripts = g_file_get_child (self->dir, "conversations/scripts");
  g_autofree char *name = NULL;
  g_autoptr(GFile) copy = NULL;
  const char *checksum;

  mb_script_get_copy (mb_conversation_get_script (conversation), &checksum);
  name = g_strconcat (checksum, ".json", NULL);
  copy = g_file_get_child (scripts, name);
  _mb_journal_watch_conversation (self, conversation);
  g_list_store_insert_sorted (self->conversations, conversation, _mb_journal_compare_conversations, NULL);
  _mb_journal_note_on_disk (self, file, TRUE);
  _mb_journal_note_on_disk (self, copy, TRUE);
  _mb_journal_remove_problem (self, file);
}

/* A conversation's file changed on disk that the journal does not hold
 * any more (it was deleted here meanwhile): read again, as a new one.
 */
static void
forget_deleted (MbJournal *self,
                Found     *found)
{
  _mb_journal_forget_known (self, found->name);
  _mb_journal_forget_stat (self, found->path);
  _mb_journal_rescan_soon (self);
}

/* Whether @found is the file of a conversation deleted here while its
 * save was under way: that save may put the file back after the delete,
 * and then deletes it again.
 */
static gboolean
is_being_deleted (MbJournal *self,
                  Found     *found)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->savers);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Saver *saver = value;

      if (saver->deleted && g_file_equal (saver->file, found->file))
        return TRUE;
    }
  return FALSE;
}

/* A conversation's file new on disk. */
static void
take_added (MbJournal *self,
            Found     *found)
{
  if (is_being_deleted (self, found))
    {
      /* Looked at again once the save is done. */
      _mb_journal_forget_stat (self, found->path);
      return;
    }
  if (found->conversation == NULL)
    {
      _mb_journal_add_problem (self, found->file, found->problem);
      return;
    }
  if (!is_current (self, found))
    return;

  g_debug ("%s: %s is new on disk: adding it", g_file_peek_path (self->dir), found->path);
  _mb_journal_set_known (self, found->name, found->bytes,
                         mb_conversation_get_revisions (found->conversation));
  _mb_journal_add_read_conversation (self, found->conversation);
  _mb_journal_retry_copies (self, found->file);
  _mb_journal_emit_merged (self, G_OBJECT (found->conversation), 0);
}

/**
 * _mb_journal_take_rescan:
 *
 * Takes in what a look at the folder found: first what is gone, then
 * the files changed and added, then the conflict copies, merged into
 * what that made of their originals.
 */
void
_mb_journal_take_rescan (MbJournal *self,
                         Rescan    *rescan)
{
  _mb_journal_write_back (self, rescan->missing);
  _mb_journal_forget_gone_copies (self);

  for (guint i = 0; i < rescan->found->len; i++)
    {
      Found *found = g_ptr_array_index (rescan->found, i);
      g_autofree char *id = g_str_has_suffix (found->name, ".json")
                            ? g_strndup (found->name, strlen (found->name) - strlen (".json")) : NULL;
      MbConversation *conversation = id != NULL ? mb_journal_lookup_conversation (self, id) : NULL;

      if (found->kind == FOUND_COPY)
        continue;
      if (g_str_equal (found->name, "people.json"))
        take_changed (self, G_OBJECT (self), found);
      else if (conversation != NULL)
        take_changed (self, G_OBJECT (conversation), found);
      else if (found->kind == FOUND_ADDED)
        take_added (self, found);
      else
        forget_deleted (self, found);
    }

  for (guint i = 0; i < rescan->found->len; i++)
    {
      Found *found = g_ptr_array_index (rescan->found, i);

      if (found->kind == FOUND_COPY)
        _mb_journal_take_copy (self, found);
    }
}
