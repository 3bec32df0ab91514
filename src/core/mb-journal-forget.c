/* mb-journal-forget.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Deleting: a conversation, a person with everything about them, and
 * the unreadable files that name them.
 */

#define G_LOG_DOMAIN "mb-journal"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-journal-private.h"
#include "mb-traces.h"

/* Deletes every conversation with @person; says which files are left
 * when some could not be deleted.
 */
static gboolean
delete_conversations_with (MbJournal  *self,
                           MbPerson   *person,
                           GError    **error)
{
  GListModel *model = mb_journal_get_conversations (self);
  g_autoptr(GString) left = g_string_new (NULL);

  for (guint i = g_list_model_get_n_items (model); i > 0; i--)
    {
      g_autoptr(MbConversation) conversation = g_list_model_get_item (model, i - 1);
      g_autoptr(GError) local_error = NULL;

      if (g_strcmp0 (mb_conversation_get_person_id (conversation), mb_person_get_id (person)) == 0 &&
          !mb_journal_delete_conversation (self, conversation, &local_error))
        g_string_append_printf (left, "\n%s", local_error->message);
    }

  if (left->len == 0)
    return TRUE;

  /* Translators: %s is a person's name; a list of files and reasons follows */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               _("%s stays in your list, because some of the conversations with them could not be "
                 "deleted. They are still on disk:%s"), mb_person_get_name (person), left->str);
  return FALSE;
}

/* Writes people.json without @person now, once a write under way is
 * done; when that fails, says that it still names them. It is tried
 * again later, as any failed save.
 */
static gboolean
save_people_without (MbJournal   *self,
                     const char  *name,
                     GError     **error)
{
  Saver *saver = _mb_journal_get_saver (self, G_OBJECT (self));
  g_autoptr(GError) local_error = NULL;

  while (saver->in_flight)
    g_main_context_iteration (NULL, TRUE);

  if (self->people_damaged || _mb_journal_write_now (saver, &local_error))
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               /* Translators: the first %s is a person's name, the second a file, the third why */
               _("The conversations with %s are deleted, but %s still names them, because it could not "
                 "be saved: %s. Marbles keeps trying to save it without them."),
               name, g_file_peek_path (saver->file), local_error->message);
  return FALSE;
}

/* What mb_traces_find() needs to know of the journal as it is now. */
static MbTraceQuery *
trace_query_new (MbJournal *self,
                 MbPerson  *person)
{
  MbTraceQuery *query = g_new0 (MbTraceQuery, 1);
  GListModel *conversations = G_LIST_MODEL (self->conversations);
  GListModel *problems = G_LIST_MODEL (self->problems);
  GHashTableIter iter;
  Saver *saver;

  query->dir = g_object_ref (self->dir);
  query->person_id = g_strdup (mb_person_get_id (person));
  query->used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  query->in_flight = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  query->problems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (conversations); i++)
    {
      g_autoptr(MbConversation) conversation = g_list_model_get_item (conversations, i);

      g_hash_table_add (query->used, g_strconcat (mb_conversation_get_id (conversation), ".json", NULL));
    }
  g_hash_table_iter_init (&iter, self->savers);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &saver))
    {
      if (saver->in_flight && saver->file != NULL)
        g_hash_table_add (query->in_flight, g_file_get_basename (saver->file));
    }
  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(MbProblem) problem = g_list_model_get_item (problems, i);

      g_hash_table_add (query->problems, g_file_get_path (mb_problem_get_file (problem)));
    }

  return query;
}

/* Where @file is in the problems listed, if it is there. */
gboolean
_mb_journal_find_problem (MbJournal *self,
                          GFile     *file,
                          guint     *position)
{
  GListModel *problems = G_LIST_MODEL (self->problems);

  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(MbProblem) problem = g_list_model_get_item (problems, i);

      if (g_file_equal (mb_problem_get_file (problem), file))
        {
          *position = i;
          return TRUE;
        }
    }

  return FALSE;
}

/* Takes @file off the problems listed, if it is there. */
void
_mb_journal_remove_problem (MbJournal *self,
                            GFile     *file)
{
  guint position;

  if (_mb_journal_find_problem (self, file, &position))
    g_list_store_remove (self->problems, position);
}

/* Deletes what is left of @person besides the files the journal uses:
 * copies of their conversations, leftovers of interrupted saves, kept
 * copies. Reads only the files the journal does not use, which are few.
 */
static gboolean
delete_left_behind (MbJournal  *self,
                    MbPerson   *person,
                    GError    **error)
{
  g_autoptr(MbTraceQuery) query = trace_query_new (self, person);
  g_autoptr(GPtrArray) files = mb_traces_find (query, MB_TRACE_LEFT_BEHIND, NULL);

  for (guint i = 0; i < files->len; i++)
    {
      if (!_mb_journal_delete_if_there (g_ptr_array_index (files, i), error))
        return FALSE;
      _mb_journal_remove_problem (self, g_ptr_array_index (files, i));
    }

  return TRUE;
}

static void
find_unreadable_worker (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  GPtrArray *files = mb_traces_find (task_data, MB_TRACE_UNREADABLE, cancellable);

  if (g_task_return_error_if_cancelled (task))
    g_ptr_array_unref (files);
  else
    g_task_return_pointer (task, files, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * mb_journal_find_unreadable_async:
 *
 * Finds, in a worker thread, the files listed as problems (damaged,
 * from a newer version, or with an id Marbles does not use) that name
 * @person, by their id in the file. Forgetting them does not delete
 * these by itself: ask first, then mb_journal_delete_unreadable().
 */
void
mb_journal_find_unreadable_async (MbJournal           *self,
                                  MbPerson            *person,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MB_IS_JOURNAL (self));
  g_return_if_fail (MB_IS_PERSON (person));

  task = mb_journal_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mb_journal_find_unreadable_async);
  g_task_set_task_data (task, trace_query_new (self, person), (GDestroyNotify) mb_trace_query_free);
  g_task_run_in_thread (task, find_unreadable_worker);
}

/**
 * mb_journal_find_unreadable_finish:
 *
 * Returns: (transfer container) (element-type GFile): the files found,
 *   or %NULL when cancelled
 */
GPtrArray *
mb_journal_find_unreadable_finish (MbJournal     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (MB_IS_JOURNAL (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * mb_journal_delete_unreadable:
 * @files: (element-type GFile): found by mb_journal_find_unreadable_async()
 *
 * Deletes those of @files that are still listed as problems, with the
 * older versions kept beside them, and takes them off the list. Any
 * other file is left alone.
 *
 * Returns: %TRUE when they are gone
 */
gboolean
mb_journal_delete_unreadable (MbJournal  *self,
                              GPtrArray  *files,
                              GError    **error)
{
  g_return_val_if_fail (MB_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (files != NULL, FALSE);

  for (guint i = 0; i < files->len; i++)
    {
      GFile *file = g_ptr_array_index (files, i);
      guint position;

      if (!_mb_journal_find_problem (self, file, &position))
        continue;
      if (!_mb_journal_delete_with_old_versions (file, error))
        return FALSE;
      g_list_store_remove (self->problems, position);
    }

  return TRUE;
}

/**
 * mb_journal_forget_person:
 *
 * Removes @person and every conversation with them, with its agreements
 * and marbles, from the journal and from disk, and what else under the
 * journal's folder names them and Marbles or a sync tool left: copies of
 * their conversations (conflict copies, by what they hold), leftovers of
 * interrupted saves, kept older versions. Files listed as problems that
 * name them are not deleted here: see
 * mb_journal_find_unreadable_async(). Cannot be undone.
 *
 * Returns: %TRUE when nothing about them is left; on %FALSE, @error says
 *   plainly what is left: the conversation files that could not be
 *   deleted (and the person stays), or people.json, which could not be
 *   saved without them (and is tried again until it is)
 */
gboolean
mb_journal_forget_person (MbJournal  *self,
                          MbPerson   *person,
                          GError    **error)
{
  g_autoptr(MbPerson) held = NULL;
  guint position;

  g_return_val_if_fail (MB_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (MB_IS_PERSON (person), FALSE);

  if (!delete_conversations_with (self, person, error))
    return FALSE;

  if (!delete_left_behind (self, person, error))
    return FALSE;

  if (g_list_store_find (self->people, person, &position))
    {
      g_autoptr(GFile) people = g_file_get_child (self->dir, "people.json");

      /* An older version of people.json kept beside it would still name
       * them: it goes, and none is kept of the file that does.
       */
      if (!_mb_journal_delete_old_versions (people, error))
        return FALSE;
      _mb_journal_get_saver (self, G_OBJECT (self))->updated = TRUE;

      held = g_object_ref (person);
      _mb_journal_unwatch_person (self, person);
      g_list_store_remove (self->people, position);
      _mb_journal_mark_changed (self, G_OBJECT (self));
      return save_people_without (self, mb_person_get_name (held), error);
    }

  return TRUE;
}

/**
 * mb_journal_delete_conversation:
 *
 * Removes @conversation from the journal and its file from disk; no copy
 * is left behind. Adding it again with mb_journal_add_conversation()
 * writes it back, as an undo.
 *
 * Returns: %TRUE when the file is gone
 */
gboolean
mb_journal_delete_conversation (MbJournal       *self,
                                MbConversation  *conversation,
                                GError         **error)
{
  g_autoptr(GFile) file = NULL;
  Saver *saver;
  guint position;

  g_return_val_if_fail (MB_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (MB_IS_CONVERSATION (conversation), FALSE);

  if (!g_list_store_find (self->conversations, conversation, &position))
    return TRUE;

  /* One whose id is not valid was never written: no file to delete. */
  file = _mb_journal_conversation_file (self, conversation);
  if (file != NULL)
    {
      g_autofree char *name = g_file_get_basename (file);

      _mb_journal_note_on_disk (self, file, FALSE);
      _mb_journal_forget_known (self, name);
    }
  if (file != NULL && !_mb_journal_delete_with_old_versions (file, error))
    return FALSE;

  _mb_journal_delete_copies_merged_into (self, conversation);
  _mb_journal_unwatch_conversation (self, conversation);
  saver = g_hash_table_lookup (self->savers, conversation);
  if (saver != NULL && saver->in_flight)
    {
      g_clear_handle_id (&saver->timeout_id, g_source_remove);
      saver->dirty = FALSE;
      saver->deleted = TRUE;
    }
  else if (saver != NULL)
    {
      g_hash_table_remove (self->savers, conversation);
    }

  g_list_store_remove (self->conversations, position);
  return TRUE;
}
