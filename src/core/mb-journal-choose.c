/* mb-journal-choose.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Two versions of a file that cannot be merged: a sync tool's conflict
 * copy that cannot be read (damaged, cut short while it was synced, not
 * a conversation, or another one), or whose original cannot be. Both
 * stay as they are, listed as problems that know the pair; the user
 * compares them (mb_journal_compare_async()) and keeps one
 * (mb_journal_choose_async()), never one that cannot be read.
 *
 * The version kept becomes the journal's file through the journal's
 * own save, which never writes over a version it has not read; the
 * other is kept beside it as NAME.not-chosen-HASH.bak (see
 * _mb_journal_keep_not_chosen()), which goes with the conversation; the
 * copy goes once the file is saved. When either file changed since the
 * two were read, nothing is written: they are to be read again.
 */

#define G_LOG_DOMAIN "mb-journal"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "mb-journal-private.h"
#include "mb-json.h"
#include "mb-storage.h"

G_DEFINE_QUARK (mb-journal-error-quark, mb_journal_error)

/* The files of a conflict */

/**
 * _mb_journal_original_file:
 * @id: a conversation's id, or "people" for people.json
 *
 * Returns: (transfer full): the journal's file of @id
 */
GFile *
_mb_journal_original_file (MbJournal  *self,
                           const char *id)
{
  g_autofree char *name = g_strconcat (id, ".json", NULL);
  g_autoptr(GFile) dir = g_str_equal (id, "people") ? g_object_ref (self->dir)
                                                    : g_file_get_child (self->dir, "conversations");

  return g_file_get_child (dir, name);
}

/* The id of @original, a file of the journal, as above; %NULL when it is
 * none of them.
 */
static char *
id_of (MbJournal *self,
       GFile     *original)
{
  g_autoptr(GFile) parent = g_file_get_parent (original);
  g_autoptr(GFile) conversations = g_file_get_child (self->dir, "conversations");
  g_autofree char *name = g_file_get_basename (original);
  g_autofree char *id = NULL;

  if (parent == NULL || !g_str_has_suffix (name, ".json"))
    return NULL;

  id = g_strndup (name, strlen (name) - strlen (".json"));
  if ((g_file_equal (parent, self->dir) && g_str_equal (id, "people")) ||
      (g_file_equal (parent, conversations) && mb_storage_is_valid_id (id)))
    return g_steal_pointer (&id);
  return NULL;
}

/**
 * _mb_journal_held_object:
 * @id: as for _mb_journal_original_file()
 *
 * Returns: (transfer none) (nullable): what holds the file of @id: its
 *   conversation, or the journal for people.json; %NULL when the
 *   journal does not hold it, or could not read it
 */
GObject *
_mb_journal_held_object (MbJournal  *self,
                         const char *id)
{
  if (g_str_equal (id, "people"))
    return self->people_damaged ? NULL : G_OBJECT (self);
  return (GObject *) mb_journal_lookup_conversation (self, id);
}

/**
 * _mb_journal_read_copy:
 * @display: the file's name, for messages
 * @id: the id the conversation must have
 * @script: (nullable): a script it may have been held with
 *
 * Reads @bytes as a conversation with @id, with the copy of its script
 * that it names (or @script). Any thread.
 *
 * Returns: (transfer full) (nullable): the conversation
 */
MbConversation *
_mb_journal_read_copy (MbJournal   *self,
                       GBytes      *bytes,
                       const char  *display,
                       const char  *id,
                       MbScript    *script,
                       GError     **error)
{
  g_autoptr(JsonNode) root = mb_json_parse (bytes, display, error);
  g_autoptr(GHashTable) copies = NULL;
  g_autoptr(MbConversation) conversation = NULL;

  if (root == NULL)
    return NULL;

  copies = _mb_journal_script_copies_for (self, root, script);
  conversation = mb_conversation_new_from_bytes (bytes, display, copies, error);
  if (conversation != NULL && g_strcmp0 (mb_conversation_get_id (conversation), id) != 0)
    {
      g_set_error (error, MB_CONVERSATION_ERROR, MB_CONVERSATION_ERROR_DAMAGED,
                   _("%s: The id of this conversation is not its file name (it may be a copy made by a "
                     "sync tool), so Marbles does not use the file and leaves it as it is"), display);
      return NULL;
    }
  return g_steal_pointer (&conversation);
}

/* Problems */

static gboolean
same_file (GFile *a,
           GFile *b)
{
  return a == b || (a != NULL && b != NULL && g_file_equal (a, b));
}

/* Whether @a and @b say the same of the same files. */
static gboolean
same_problem (MbProblem *a,
              MbProblem *b)
{
  return g_file_equal (mb_problem_get_file (a), mb_problem_get_file (b)) &&
         g_strcmp0 (mb_problem_get_message (a), mb_problem_get_message (b)) == 0 &&
         same_file (mb_problem_get_original (a), mb_problem_get_original (b)) &&
         same_file (mb_problem_get_copy (a), mb_problem_get_copy (b));
}

/* Lists @problem, in the place of the one about its file, if any; one
 * that says the same stays, so that its row (and the keyboard focus in
 * it) does too.
 */
static void
put_problem (MbJournal *self,
             MbProblem *problem)
{
  g_autoptr(MbProblem) listed = NULL;
  guint position;

  if (!_mb_journal_find_problem (self, mb_problem_get_file (problem), &position))
    {
      g_list_store_append (self->problems, problem);
      return;
    }

  listed = g_list_model_get_item (G_LIST_MODEL (self->problems), position);
  if (!same_problem (listed, problem))
    g_list_store_splice (self->problems, position, 1, (gpointer *) &problem, 1);
}

/**
 * _mb_journal_add_problem:
 *
 * Lists @file as one that cannot be read, once. A file of the journal
 * listed with its conflict copy stays so while the copy is there.
 */
void
_mb_journal_add_problem (MbJournal  *self,
                         GFile      *file,
                         const char *message)
{
  g_autoptr(MbProblem) before = NULL;
  g_autoptr(MbProblem) problem = NULL;
  guint position;

  if (_mb_journal_find_problem (self, file, &position))
    before = g_list_model_get_item (G_LIST_MODEL (self->problems), position);
  if (before != NULL && mb_problem_is_conflict (before) &&
      g_file_equal (file, mb_problem_get_original (before)) &&
      g_file_query_exists (mb_problem_get_copy (before), NULL))
    problem = mb_problem_new_conflict (file, message, file, mb_problem_get_copy (before));
  else
    problem = mb_problem_new (file, message);
  put_problem (self, problem);
}

/**
 * _mb_journal_add_conflict:
 * @original: a file of the journal
 * @copy: a conflict copy of @original that cannot be merged into it
 * @message: why, naming @copy
 *
 * Lists @copy, with @original to compare it with; and @original too,
 * when it is listed as a file that cannot be read.
 */
void
_mb_journal_add_conflict (MbJournal  *self,
                          GFile      *original,
                          GFile      *copy,
                          const char *message)
{
  g_autoptr(MbProblem) problem = mb_problem_new_conflict (copy, message, original, copy);
  g_autoptr(MbProblem) listed = NULL;
  guint position;

  put_problem (self, problem);
  if (!_mb_journal_find_problem (self, original, &position))
    return;

  listed = g_list_model_get_item (G_LIST_MODEL (self->problems), position);
  g_clear_object (&problem);
  problem = mb_problem_new_conflict (original, mb_problem_get_message (listed), original, copy);
  put_problem (self, problem);
}

/**
 * _mb_journal_retry_copies:
 * @original: a file of the journal that was just read, after it could not be
 *
 * The conflict copies of @original listed because it could not be read
 * are looked at again, to be merged now.
 */
void
_mb_journal_retry_copies (MbJournal *self,
                          GFile     *original)
{
  GListModel *problems = G_LIST_MODEL (self->problems);
  gboolean found = FALSE;

  for (guint i = g_list_model_get_n_items (problems); i > 0; i--)
    {
      g_autoptr(MbProblem) problem = g_list_model_get_item (problems, i - 1);
      GFile *copy = mb_problem_get_copy (problem);
      g_autofree char *path = NULL;

      if (copy == NULL || !g_file_equal (mb_problem_get_file (problem), copy) ||
          !g_file_equal (mb_problem_get_original (problem), original))
        continue;

      path = g_file_get_relative_path (self->dir, copy);
      _mb_journal_forget_stat (self, path);
      g_list_store_remove (self->problems, i - 1);
      found = TRUE;
    }

  if (found)
    _mb_journal_rescan_soon (self);
}

/**
 * _mb_journal_forget_gone_copies:
 *
 * Conflict copies that are not there any more (deleted, or merged by
 * another Marbles) leave the list; an original listed with one stays,
 * as a file that cannot be read.
 */
void
_mb_journal_forget_gone_copies (MbJournal *self)
{
  GListModel *problems = G_LIST_MODEL (self->problems);

  for (guint i = g_list_model_get_n_items (problems); i > 0; i--)
    {
      g_autoptr(MbProblem) problem = g_list_model_get_item (problems, i - 1);
      g_autoptr(MbProblem) plain = NULL;
      GFile *copy = mb_problem_get_copy (problem);

      if (copy == NULL || g_file_query_exists (copy, NULL))
        continue;
      if (g_file_equal (mb_problem_get_file (problem), copy))
        {
          g_list_store_remove (self->problems, i - 1);
          continue;
        }
      plain = mb_problem_new (mb_problem_get_file (problem), mb_problem_get_message (problem));
      g_list_store_splice (self->problems, i - 1, 1, (gpointer *) &plain, 1);
    }
}

/* Takes the conflict of @versions off the list: the copy, and the
 * journal's file when it is listed with this copy, or when @all.
 */
static void
forget_conflict (MbJournal  *self,
                 MbVersions *versions,
                 gboolean    all)
{
  MbProblem *problem = mb_versions_get_problem (versions);
  GFile *copy = mb_problem_get_copy (problem);
  g_autoptr(MbProblem) listed = NULL;
  guint position;

  _mb_journal_remove_problem (self, copy);
  if (!_mb_journal_find_problem (self, mb_problem_get_original (problem), &position))
    return;

  listed = g_list_model_get_item (G_LIST_MODEL (self->problems), position);
  if (all || (mb_problem_get_copy (listed) != NULL && g_file_equal (mb_problem_get_copy (listed), copy)))
    g_list_store_remove (self->problems, position);
}

/* Reading the two versions */

typedef struct
{
  MbProblem *problem;
  char      *id;        /* as for _mb_journal_original_file() */
  GBytes    *held;      /* the journal's version as it holds it, or NULL */
  char      *expected;  /* the hash of its file as the journal last saw it, or NULL */
  MbScript  *script;    /* the held conversation's, or NULL */
} Compare;

static void
compare_free (Compare *compare)
{
  g_object_unref (compare->problem);
  g_free (compare->id);
  g_clear_pointer (&compare->held, g_bytes_unref);
  g_free (compare->expected);
  g_clear_object (&compare->script);
  g_free (compare);
}

/* What @problem is to compare, as the journal holds it now; %NULL when
 * it is not a conflict of the journal's files.
 */
static Compare *
compare_new (MbJournal *self,
             MbProblem *problem)
{
  g_autofree char *id = mb_problem_is_conflict (problem) ? id_of (self, mb_problem_get_original (problem))
                                                         : NULL;
  Compare *compare;
  GObject *held;

  if (id == NULL)
    return NULL;

  compare = g_new0 (Compare, 1);
  compare->problem = g_object_ref (problem);
  held = _mb_journal_held_object (self, id);
  if (held != NULL)
    {
      g_autofree char *name = _mb_journal_name_of (self, held);
      g_autoptr(Known) known = _mb_journal_dup_known (self, name);

      compare->held = MB_IS_CONVERSATION (held) ? mb_conversation_to_bytes (MB_CONVERSATION (held))
                                                : _mb_journal_serialize_people (self);
      compare->expected = known != NULL ? _mb_journal_known_get_hash (known) : NULL;
      if (MB_IS_CONVERSATION (held))
        compare->script = g_object_ref (mb_conversation_get_script (MB_CONVERSATION (held)));
    }
  compare->id = g_steal_pointer (&id);
  return compare;
}

/* The people in @bytes, a version of people.json, to show. */
static GPtrArray *
read_people (GBytes      *bytes,
             const char  *display,
             GError     **error)
{
  g_autoptr(JsonNode) root = mb_json_parse (bytes, display, error);
  GPtrArray *people;
  JsonNode *list;

  if (root == NULL || !_mb_journal_check_people (root, display, error))
    return NULL;

  people = g_ptr_array_new_with_free_func (g_object_unref);
  list = json_object_get_member (json_node_get_object (root), "people");
  for (guint i = 0; list != NULL && i < json_array_get_length (json_node_get_array (list)); i++)
    {
      JsonNode *entry = json_array_get_element (json_node_get_array (list), i);
      MbPerson *person = JSON_NODE_HOLDS_OBJECT (entry) ? mb_person_new_from_json (json_node_get_object (entry))
                                                        : NULL;

      if (person != NULL)
        g_ptr_array_add (people, person);
    }
  return people;
}

static GDateTime *
modified (GFile *file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED, G_FILE_QUERY_INFO_NONE,
                                                  NULL, NULL);
  g_autoptr(GDateTime) when = info != NULL ? g_file_info_get_modification_date_time (info) : NULL;

  return when != NULL ? g_date_time_to_local (when) : NULL;
}

/* Reads @version from @file, or from @held, what the journal holds of
 * it, when not %NULL: what it holds, or why it cannot be read.
 *
 * Returns: %FALSE when the file is not there or cannot be opened
 */
static gboolean
read_version (MbJournal  *self,
              Compare    *compare,
              MbVersion  *version,
              GFile      *file,
              GBytes     *held,
              GError    **error)
{
  g_autofree char *display = g_file_get_parse_name (file);
  g_autoptr(GError) local_error = NULL;

  version->file = g_object_ref (file);
  version->modified = modified (file);
  version->bytes = held != NULL ? g_bytes_ref (held) : mb_storage_load (file, NULL, &local_error);
  if (version->bytes == NULL)
    {
      version->reason = g_strdup_printf ("%s: %s", display, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  version->hash = _mb_journal_hash (version->bytes);
  if (g_str_equal (compare->id, "people"))
    version->people = read_people (version->bytes, display, &local_error);
  else
    version->conversation = _mb_journal_read_copy (self, version->bytes, display, compare->id,
                                                   compare->script, &local_error);
  if (version->people == NULL && version->conversation == NULL)
    version->reason = g_strdup (local_error->message);
  return TRUE;
}

static void
compare_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  MbJournal *self = source_object;
  Compare *compare = task_data;
  g_autoptr(MbVersions) versions = _mb_versions_new (compare->problem, compare->id, compare->held,
                                                     compare->expected);
  GError *error = NULL;

  if (!read_version (self, compare, _mb_versions_get (versions, MB_VERSION_COPY),
                     mb_problem_get_copy (compare->problem), NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  read_version (self, compare, _mb_versions_get (versions, MB_VERSION_JOURNAL),
                mb_problem_get_original (compare->problem), compare->held, NULL);
  g_task_return_pointer (task, g_steal_pointer (&versions), g_object_unref);
}

/**
 * mb_journal_compare_async:
 * @problem: a conflict (see mb_problem_is_conflict())
 *
 * Reads, in a worker, the two versions of @problem to compare: what the
 * journal holds of the file (or the file, when it could not read it)
 * and the conflict copy.
 */
void
mb_journal_compare_async (MbJournal           *self,
                          MbProblem           *problem,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Compare *compare;

  g_return_if_fail (MB_IS_JOURNAL (self));
  g_return_if_fail (MB_IS_PROBLEM (problem));

  task = mb_journal_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mb_journal_compare_async);
  compare = compare_new (self, problem);
  if (compare == NULL)
    {
      g_task_return_new_error (task, MB_JOURNAL_ERROR, MB_JOURNAL_ERROR_CANNOT_KEEP, "%s",
                               _("These are not two versions of a file of the journal"));
      return;
    }
  g_task_set_task_data (task, compare, (GDestroyNotify) compare_free);
  g_task_run_in_thread (task, compare_worker);
}

/**
 * mb_journal_compare_finish:
 *
 * Returns: (transfer full): the two versions; %NULL when the copy is
 *   not there any more, or cannot be opened
 */
MbVersions *
mb_journal_compare_finish (MbJournal     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (MB_IS_JOURNAL (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Keeping one */

static void
set_changed_error (GError **error)
{
  g_set_error_literal (error, MB_JOURNAL_ERROR, MB_JOURNAL_ERROR_CHANGED,
                       _("The versions changed on disk since they were shown, so Marbles changed nothing. "
                         "Look at them again, then choose."));
}

/* Whether the journal holds what it held when @versions were read. */
static gboolean
is_as_shown (MbJournal   *self,
             MbVersions  *versions,
             GError     **error)
{
  GObject *held = _mb_journal_held_object (self, _mb_versions_get_id (versions));
  GBytes *shown = _mb_versions_get_held (versions);
  gboolean same = (held == NULL) == (shown == NULL);

  if (same && held != NULL)
    {
      g_autofree char *name = _mb_journal_name_of (self, held);
      g_autoptr(Known) known = _mb_journal_dup_known (self, name);
      g_autoptr(JsonNode) now = _mb_journal_serialize (self, held);
      g_autoptr(JsonNode) then = mb_json_parse (shown, "", NULL);
      g_autofree char *hash = known != NULL ? _mb_journal_known_get_hash (known) : NULL;

      same = then != NULL && _mb_journal_same_content (now, then) &&
             g_strcmp0 (hash, _mb_versions_get_expected (versions)) == 0;
    }
  if (!same)
    set_changed_error (error);
  return same;
}

typedef struct
{
  MbVersions    *versions;
  MbVersionSide  side;
  char          *expected;    /* the hash the journal's file must have, or NULL: not there */
  GBytes        *not_chosen;  /* the version to keep beside it, or NULL for none */
} Choose;

static void
choose_free (Choose *choose)
{
  g_object_unref (choose->versions);
  g_free (choose->expected);
  g_clear_pointer (&choose->not_chosen, g_bytes_unref);
  g_free (choose);
}

static Choose *
choose_new (MbVersions    *versions,
            MbVersionSide  side)
{
  Choose *choose = g_new0 (Choose, 1);
  MbVersion *journal = _mb_versions_get (versions, MB_VERSION_JOURNAL);
  GBytes *held = _mb_versions_get_held (versions);
  GBytes *other = side == MB_VERSION_JOURNAL ? _mb_versions_get (versions, MB_VERSION_COPY)->bytes
                                             : held != NULL ? held : journal->bytes;

  choose->versions = g_object_ref (versions);
  choose->side = side;
  choose->expected = g_strdup (held != NULL ? _mb_versions_get_expected (versions) : journal->hash);
  choose->not_chosen = other != NULL ? g_bytes_ref (other) : NULL;
  return choose;
}

/* Whether @file is the version whose hash is @hash, or not there for NULL. */
static gboolean
is_unchanged (GFile       *file,
              const char  *hash,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = mb_storage_load (file, NULL, &local_error);
  g_autofree char *now = bytes != NULL ? _mb_journal_hash (bytes) : NULL;

  if (bytes == NULL && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", name);
      return FALSE;
    }
  if (g_strcmp0 (now, hash) == 0)
    return TRUE;

  set_changed_error (error);
  return FALSE;
}

/* Checks that both files are still the versions read, keeps the one not
 * chosen beside the journal's file, and deletes the copy when the
 * journal's version is kept: it is all there already.
 */
static void
choose_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Choose *choose = task_data;
  MbVersion *journal = _mb_versions_get (choose->versions, MB_VERSION_JOURNAL);
  MbVersion *copy = _mb_versions_get (choose->versions, MB_VERSION_COPY);
  g_autoptr(GFile) kept = NULL;
  GError *error = NULL;

  if (!is_unchanged (copy->file, copy->hash, &error) ||
      !is_unchanged (journal->file, choose->expected, &error) ||
      (choose->not_chosen != NULL &&
       (kept = _mb_journal_keep_not_chosen (journal->file, choose->not_chosen, &error)) == NULL) ||
      (choose->side == MB_VERSION_JOURNAL && !_mb_journal_delete_if_there (copy->file, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  g_debug ("%s kept beside %s", kept != NULL ? g_file_peek_path (kept) : "Nothing",
           g_file_peek_path (journal->file));
  g_task_return_boolean (task, TRUE);
}

/* Makes @object's revisions those of @root too: the next version it
 * writes comes from both, and a device that has @root takes it in.
 */
static void
join_revisions (MbJournal *self,
                GObject   *object,
                JsonNode  *root,
                GStrv      ours)
{
  g_auto(GStrv) theirs = root != NULL && JSON_NODE_HOLDS_OBJECT (root)
                         ? mb_json_get_strv (json_node_get_object (root), "revisions") : NULL;
  g_auto(GStrv) joined = _mb_journal_join_revisions ((const char * const *) ours,
                                                     (const char * const *) theirs);

  _mb_journal_set_revisions (self, object, (const char * const *) joined);
}

/* The journal's version is kept: the copy is gone. The journal saves its
 * version again, as one that comes from the copy too, when the copy says
 * where it comes from.
 */
static void
keep_journal (MbJournal  *self,
              MbVersions *versions)
{
  MbVersion *copy = _mb_versions_get (versions, MB_VERSION_COPY);
  GObject *held = _mb_journal_held_object (self, _mb_versions_get_id (versions));
  g_autoptr(JsonNode) root = copy->reason == NULL ? mb_json_parse (copy->bytes, "", NULL) : NULL;
  g_auto(GStrv) ours = NULL;

  forget_conflict (self, versions, FALSE);
  if (held == NULL || root == NULL || !json_object_has_member (json_node_get_object (root), "revisions"))
    return;

  ours = g_strdupv ((char **) _mb_journal_get_revisions (self, held));
  join_revisions (self, held, root, ours);
  _mb_journal_mark_changed (self, held);
  _mb_journal_save_start (_mb_journal_get_saver (self, held));
}

/* The journal's file of @versions, which the journal could not read, is
 * to be replaced by the copy (@root): the journal takes the copy in and
 * knows the file as it was, to save over it.
 *
 * Returns: (transfer none): what holds it now
 */
static GObject *
take_in (MbJournal   *self,
         MbVersions  *versions,
         JsonNode    *root,
         GError     **error)
{
  MbVersion *journal = _mb_versions_get (versions, MB_VERSION_JOURNAL);
  MbVersion *copy = _mb_versions_get (versions, MB_VERSION_COPY);
  g_autofree char *name = g_file_get_basename (journal->file);
  g_autofree char *display = g_file_get_parse_name (copy->file);
  g_autoptr(MbConversation) conversation = NULL;
  GObject *object = G_OBJECT (self);

  if (!mb_versions_is_people (versions))
    {
      conversation = _mb_journal_read_copy (self, copy->bytes, display, _mb_versions_get_id (versions), NULL,
                                            error);
      if (conversation == NULL)
        return NULL;
      object = G_OBJECT (conversation);
    }
  else if (!_mb_journal_apply (self, object, root, display, error))
    {
      return NULL;
    }

  if (journal->bytes != NULL)
    _mb_journal_set_known (self, name, journal->bytes, NULL);
  else
    _mb_journal_forget_known (self, name);
  if (conversation != NULL)
    {
      mb_conversation_prepare_search (conversation);
      _mb_journal_add_read_conversation (self, conversation);
    }
  return object;
}

/* The copy is kept: the journal takes it in, in the place of what it
 * held (which an open view then shows) or of the file it could not
 * read, and saves it; the copy goes once that is saved.
 */
static gboolean
keep_copy (MbJournal   *self,
           MbVersions  *versions,
           GError     **error)
{
  MbVersion *copy = _mb_versions_get (versions, MB_VERSION_COPY);
  g_autofree char *display = g_file_get_parse_name (copy->file);
  g_autoptr(JsonNode) root = NULL;
  GObject *object;

  if (!is_as_shown (self, versions, error) || (root = mb_json_parse (copy->bytes, display, error)) == NULL)
    return FALSE;

  object = _mb_journal_held_object (self, _mb_versions_get_id (versions));
  if (object != NULL)
    {
      g_auto(GStrv) ours = g_strdupv ((char **) _mb_journal_get_revisions (self, object));

      if (!_mb_journal_apply (self, object, root, display, error))
        return FALSE;
      join_revisions (self, object, root, ours);
    }
  else if ((object = take_in (self, versions, root, error)) == NULL)
    {
      return FALSE;
    }

  forget_conflict (self, versions, TRUE);
  _mb_journal_delete_copy_when_saved (self, object, copy->file, copy->hash);
  _mb_journal_mark_changed (self, object);
  _mb_journal_save_start (_mb_journal_get_saver (self, object));
  return TRUE;
}

static void
checked_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  MbJournal *self = MB_JOURNAL (object);
  g_autoptr(GTask) task = user_data;
  Choose *choose = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* What changed is taken in, to be shown again. */
      if (g_error_matches (error, MB_JOURNAL_ERROR, MB_JOURNAL_ERROR_CHANGED))
        _mb_journal_rescan_soon (self);
      g_task_return_error (task, error);
      return;
    }

  if (choose->side == MB_VERSION_JOURNAL)
    keep_journal (self, choose->versions);
  else if (!keep_copy (self, choose->versions, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * mb_journal_choose_async:
 * @versions: from mb_journal_compare_finish()
 * @side: the version to keep; one that mb_versions_can_choose()
 *
 * Keeps one of the two versions of @versions and puts an end to the
 * conflict: the version kept is the journal's file, saved as any change
 * is (what holds it takes it in, so a view of it shows it); the other
 * is kept beside the file (NAME.not-chosen-HASH.bak); the copy is
 * deleted once the file is saved, and the conflict leaves the problems.
 *
 * When the journal's file or the copy changed since @versions were
 * read, nothing is written: the error is %MB_JOURNAL_ERROR_CHANGED, and
 * they are to be read again.
 */
void
mb_journal_choose_async (MbJournal           *self,
                         MbVersions          *versions,
                         MbVersionSide        side,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) check = NULL;
  GError *error = NULL;

  g_return_if_fail (MB_IS_JOURNAL (self));
  g_return_if_fail (MB_IS_VERSIONS (versions));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mb_journal_choose_async);
  if (!mb_versions_can_choose (versions, side))
    {
      g_task_return_new_error (task, MB_JOURNAL_ERROR, MB_JOURNAL_ERROR_CANNOT_KEEP, "%s",
                               _("Marbles cannot read this version, so it cannot keep it"));
      return;
    }
  if (!is_as_shown (self, versions, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* Once started, it is done: what the worker changes is taken in. */
  check = mb_journal_task_new (self, NULL, checked_cb, g_object_ref (task));
  g_task_set_source_tag (check, mb_journal_choose_async);
  g_task_set_task_data (check, choose_new (versions, side), (GDestroyNotify) choose_free);
  g_task_run_in_thread (check, choose_worker);
}

/**
 * mb_journal_choose_finish:
 *
 * Returns: %TRUE when the version is kept (and being saved)
 */
gboolean
mb_journal_choose_finish (MbJournal     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (MB_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
