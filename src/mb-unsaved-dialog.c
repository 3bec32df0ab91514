/* mb-unsaved-dialog.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Asked on quit when changes could not be saved, also after trying
 * again: which files and why, then Keep Open (the default), Save a Copy
 * (the unsaved conversations as one Markdown document, wherever the user
 * picks; then quit) or Quit and Lose Changes. The dialog decides
 * nothing itself: it calls back to quit when the user chose to, and a
 * copy, if asked for, is written.
 */

#define G_LOG_DOMAIN "mb-unsaved-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-export.h"
#include "mb-export-ui.h"
#include "mb-journal.h"
#include "mb-unsaved-dialog.h"
#include "mb-widgets.h"

/* What quitting needs, also once the dialog has gone (it goes as it
 * answers, before a copy is chosen and written).
 */
typedef struct
{
  GPtrArray   *journals;
  GtkWindow   *parent;  /* weak */
  MbLeaveFunc  leave;
  GObject     *owner;
} Leaving;

struct _MbUnsavedDialog
{
  AdwMessageDialog  parent_instance;

  Leaving          *leaving;
};

G_DEFINE_FINAL_TYPE (MbUnsavedDialog, mb_unsaved_dialog, ADW_TYPE_MESSAGE_DIALOG)

static Leaving *
leaving_new (GtkWindow   *parent,
             GPtrArray   *journals,
             MbLeaveFunc  leave,
             GObject     *owner)
{
  Leaving *leaving = g_atomic_rc_box_new0 (Leaving);

  leaving->journals = g_ptr_array_ref (journals);
  g_set_weak_pointer (&leaving->parent, parent);
  leaving->leave = leave;
  leaving->owner = g_object_ref (owner);
  return leaving;
}

static void
leaving_clear (Leaving *leaving)
{
  g_ptr_array_unref (leaving->journals);
  g_clear_weak_pointer (&leaving->parent);
  g_object_unref (leaving->owner);
}

static void
leaving_unref (Leaving *leaving)
{
  g_atomic_rc_box_release_full (leaving, (GDestroyNotify) leaving_clear);
}

static Leaving *
leaving_ref (Leaving *leaving)
{
  return g_atomic_rc_box_acquire (leaving);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Leaving, leaving_unref)

/* What did not reach disk, in words: what it is, its file, and why. */
static char *
describe (MbJournal *journal,
          GObject   *object)
{
  GFile *file = mb_journal_get_save_file (journal, object);
  const char *error = mb_journal_get_save_error (journal, object);
  g_autofree char *what = NULL;

  if (MB_IS_CONVERSATION (object))
    {
      MbConversation *conversation = MB_CONVERSATION (object);
      MbPerson *person = mb_journal_lookup_person (journal, mb_conversation_get_person_id (conversation));

      /* Translators: “The conversation “Restore Trust” with Sanne” */
      what = g_strdup_printf (_("The conversation “%s” with %s"),
                              mb_localized_get (mb_script_get_title (mb_conversation_get_script (conversation))),
                              person != NULL ? mb_person_get_name (person) : _("someone not in your list"));
    }
  else
    {
      what = g_strdup (_("The list of people"));
    }

  /* Translators: “The list of people, in /home/…/people.json: No space left on device” */
  return g_strdup_printf (_("%s, in %s: %s"), what, file != NULL ? g_file_peek_path (file) : "?",
                          error != NULL ? error : _("not saved yet"));
}

static char *
describe_all (GPtrArray *journals)
{
  g_autoptr(GString) lines = g_string_new (NULL);

  for (guint i = 0; i < journals->len; i++)
    {
      MbJournal *journal = g_ptr_array_index (journals, i);
      g_autoptr(GPtrArray) unsaved = mb_journal_get_unsaved (journal);

      for (guint j = 0; j < unsaved->len; j++)
        {
          g_autofree char *line = describe (journal, g_ptr_array_index (unsaved, j));

          g_string_append_printf (lines, "\n• %s", line);
        }
    }

  /* Translators: a list of what could not be saved follows, one per line */
  return g_strdup_printf (_("Marbles could not save everything, also after trying again, so quitting "
                            "now loses what is not saved:\n%s\n\nKeep Marbles open while you make room "
                            "on the disk, or save a copy elsewhere."), lines->str);
}

static void
copy_written_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Leaving) leaving = user_data;
  g_autoptr(GError) error = NULL;

  if (!mb_export_write_markdown_finish (G_FILE (object), result, &error))
    {
      g_autofree char *name = g_file_get_basename (G_FILE (object));
      /* Translators: %s is the name of a file */
      g_autofree char *heading = g_strdup_printf (_("Could Not Save “%s”"), name);

      /* Nothing is lost: Marbles stays open, with everything in it. */
      if (leaving->parent != NULL)
        mb_show_error (GTK_WIDGET (leaving->parent), heading, error->message);
      return;
    }

  leaving->leave (leaving->owner);
}

/* Writes what @leaving's journals could not save to @file, off the main
 * thread; quits once it is there, or says why not.
 */
static void
save_copy (Leaving *leaving,
           GFile   *file)
{
  g_autoptr(GString) markdown = g_string_new (NULL);

  /* As it is now, with what was typed since the dialog opened. */
  for (guint i = 0; i < leaving->journals->len; i++)
    {
      g_autofree char *one = mb_export_unsaved (g_ptr_array_index (leaving->journals, i));

      g_string_append_printf (markdown, "%s%s", i > 0 ? "\n" : "", one);
    }

  /* Held by the callback, on this thread. */
  mb_export_write_markdown_async (file, markdown->str, copy_written_cb, leaving_ref (leaving));
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     Leaving         *leaving)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    save_copy (leaving, file);

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
choose_copy (MbUnsavedDialog *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = g_strconcat (_("Unsaved Changes from Marbles"), ".md", NULL);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Save a Copy"), self->leaving->parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), NULL);
  gtk_file_filter_set_name (filter, _("Markdown documents"));
  gtk_file_filter_add_suffix (filter, "md");
  gtk_file_filter_add_mime_type (filter, "text/markdown");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_data (chooser, "response", G_CALLBACK (chooser_response_cb),
                         leaving_ref (self->leaving), (GClosureNotify) (void (*) (void)) leaving_unref, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
mb_unsaved_dialog_response (AdwMessageDialog *dialog,
                            const char       *response)
{
  MbUnsavedDialog *self = MB_UNSAVED_DIALOG (dialog);

  if (g_str_equal (response, "copy"))
    choose_copy (self);
  else if (g_str_equal (response, "discard"))
    self->leaving->leave (self->leaving->owner);
}

static void
mb_unsaved_dialog_finalize (GObject *object)
{
  g_clear_pointer (&MB_UNSAVED_DIALOG (object)->leaving, leaving_unref);

  G_OBJECT_CLASS (mb_unsaved_dialog_parent_class)->finalize (object);
}

static void
mb_unsaved_dialog_class_init (MbUnsavedDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->finalize = mb_unsaved_dialog_finalize;
  dialog_class->response = mb_unsaved_dialog_response;
}

static void
mb_unsaved_dialog_init (MbUnsavedDialog *self)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);

  adw_message_dialog_set_heading (dialog, _("Changes Not Saved"));
  adw_message_dialog_add_responses (dialog,
                                    "keep", _("_Keep Open"),
                                    "copy", _("_Save a Copy…"),
                                    "discard", _("_Quit and Lose Changes"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");
}

/**
 * mb_unsaved_dialog_new:
 * @parent: the window it belongs to
 * @journals: (element-type MbJournal): the journals with what could not
 *   be saved
 * @leave: quits, when the user chose to: a copy is written, or they
 *   chose to lose what is not saved
 * @owner: what @leave is called with
 *
 * Returns: (transfer none): the dialog, not yet shown
 */
MbUnsavedDialog *
mb_unsaved_dialog_new (GtkWindow   *parent,
                       GPtrArray   *journals,
                       MbLeaveFunc  leave,
                       GObject     *owner)
{
  MbUnsavedDialog *self;
  g_autofree char *body = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (journals != NULL, NULL);

  self = g_object_new (MB_TYPE_UNSAVED_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->leaving = leaving_new (parent, journals, leave, owner);
  body = describe_all (journals);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  return self;
}
