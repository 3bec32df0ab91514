/* mb-export-ui.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Saving a document as Markdown to a file the user picks, and printing
 * it (or, through the print dialog, saving it as a PDF).
 */

#define G_LOG_DOMAIN "mb-export-ui"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "mb-document-print.h"
#include "mb-export-ui.h"
#include "mb-widgets.h"

#define PRIVATE_FILE_MODE 0600

/**
 * mb_export_write_markdown:
 *
 * Replaces @file atomically with @markdown, readable by its owner only.
 *
 * Returns: %TRUE when the document is on disk
 */
gboolean
mb_export_write_markdown (GFile       *file,
                          const char  *markdown,
                          GError     **error)
{
  const char *path;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (markdown != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = g_file_peek_path (file);
  if (path != NULL)
    return g_file_set_contents_full (path, markdown, -1, G_FILE_SET_CONTENTS_CONSISTENT,
                                     PRIVATE_FILE_MODE, error);

  /* Not a local file: GIO writes a temporary file and renames it. */
  return g_file_replace_contents (file, markdown, strlen (markdown), NULL, FALSE,
                                  G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                  NULL, NULL, error);
}

/* GTK puts the files its file chooser saves, and the PDFs Print to File
 * makes, in the desktop's list of recent files (recently-used.xbel),
 * where other programs show them; it has no way to ask it not to, and
 * turning the list off for Marbles would empty it for every program.
 * What Marbles exports are private notes: each is taken off the list
 * again as soon as GTK has put it there, for as long as GTK may still
 * do so.
 */
#define KEEP_OUT_SECONDS 60

typedef struct
{
  char   *uri;
  gulong  handler;
} KeepOut;

static void
take_off (KeepOut *keep)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GtkRecentInfo *info = gtk_recent_manager_lookup_item (manager, keep->uri, NULL);

  if (info == NULL)
    return;

  gtk_recent_manager_remove_item (manager, keep->uri, NULL);
  gtk_recent_info_unref (info);
}

static void
recent_changed_cb (GtkRecentManager *manager,
                   KeepOut          *keep)
{
  take_off (keep);
}

static gboolean
keep_out_done_cb (gpointer data)
{
  KeepOut *keep = data;

  g_signal_handler_disconnect (gtk_recent_manager_get_default (), keep->handler);
  g_free (keep->uri);
  g_free (keep);
  return G_SOURCE_REMOVE;
}

/* Keeps @file out of the desktop's recent files. */
static void
keep_out_of_recent (GFile *file)
{
  KeepOut *keep = g_new0 (KeepOut, 1);

  keep->uri = g_file_get_uri (file);
  take_off (keep);
  keep->handler = g_signal_connect (gtk_recent_manager_get_default (), "changed",
                                    G_CALLBACK (recent_changed_cb), keep);
  g_timeout_add_seconds (KEEP_OUT_SECONDS, keep_out_done_cb, keep);
}

static void
write_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;

  if (mb_export_write_markdown (source_object, task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * mb_export_write_markdown_async:
 * @file: where the user chose to save it
 *
 * Writes @markdown to @file as mb_export_write_markdown() does, and
 * flushes it, in a worker thread; keeps @file out of the desktop's
 * recent files, since it holds private notes.
 */
void
mb_export_write_markdown_async (GFile               *file,
                                const char          *markdown,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (markdown != NULL);

  task = g_task_new (file, NULL, callback, user_data);
  g_task_set_source_tag (task, mb_export_write_markdown_async);
  keep_out_of_recent (file);
  g_task_set_task_data (task, g_strdup (markdown), g_free);
  g_task_run_in_thread (task, write_worker);
}

gboolean
mb_export_write_markdown_finish (GFile         *file,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, file), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GtkWindow) parent = user_data;
  g_autoptr(GError) error = NULL;

  if (!mb_export_write_markdown_finish (G_FILE (object), result, &error))
    {
      g_autofree char *name = g_file_get_basename (G_FILE (object));
      /* Translators: %s is the name of a file */
      g_autofree char *heading = g_strdup_printf (_("Could Not Save “%s”"), name);

      mb_show_error (GTK_WIDGET (parent), heading, error->message);
    }
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    char            *markdown)
{
  GtkWindow *parent = gtk_native_dialog_get_transient_for (chooser);
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  /* Written, and flushed to the disk, off the main thread. */
  if (file != NULL)
    mb_export_write_markdown_async (file, markdown, written_cb, g_object_ref (parent));

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
ask_where (GtkWindow  *parent,
           const char *suggested_name,
           const char *markdown)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  chooser = gtk_file_chooser_native_new (_("Save as Markdown"), parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), NULL);
  gtk_file_filter_set_name (filter, _("Markdown documents"));
  gtk_file_filter_add_suffix (filter, "md");
  gtk_file_filter_add_mime_type (filter, "text/markdown");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  /* A name with “/” in it would be a folder. */
  name = g_strdelimit (g_str_has_suffix (suggested_name, ".md") ? g_strdup (suggested_name)
                                                                 : g_strconcat (suggested_name, ".md", NULL),
                       G_DIR_SEPARATOR_S, '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_data (chooser, "response", G_CALLBACK (export_response_cb),
                         g_strdup (markdown), (GClosureNotify) (void (*) (void)) g_free, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* What to export, while the leader is asked whether to. */
typedef struct
{
  char *suggested_name;
  char *markdown;
} Export;

static void
export_free (gpointer  data,
             GClosure *closure)
{
  Export *export = data;

  g_free (export->suggested_name);
  g_free (export->markdown);
  g_free (export);
}

static void
plain_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   Export           *export)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));

  if (g_str_equal (response, "export") && parent != NULL)
    ask_where (parent, export->suggested_name, export->markdown);
}

/**
 * mb_export_markdown_to_file:
 * @parent: the window the dialog belongs to
 * @suggested_name: the name to offer, without “.md”
 * @markdown: the document
 * @protected: whether it comes from a journal protected with a passphrase
 *
 * Asks where to save @markdown and saves it there, private to the user;
 * says so in a dialog when it fails. From a protected journal, it first
 * asks whether to, in a line that says the copy is not protected.
 */
void
mb_export_markdown_to_file (GtkWindow  *parent,
                            const char *suggested_name,
                            const char *markdown,
                            gboolean    protected)
{
  AdwMessageDialog *dialog;
  Export *export;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (suggested_name != NULL);
  g_return_if_fail (markdown != NULL);

  if (!protected)
    {
      ask_where (parent, suggested_name, markdown);
      return;
    }

  dialog = mb_question_new (GTK_WIDGET (parent), _("Export in Plain Text?"),
                            _("The passphrase does not protect the exported file: anyone who has it can read it."),
                            "export", _("_Export"), ADW_RESPONSE_SUGGESTED);
  export = g_new0 (Export, 1);
  export->suggested_name = g_strdup (suggested_name);
  export->markdown = g_strdup (markdown);
  g_signal_connect_data (dialog, "response", G_CALLBACK (plain_response_cb), export, export_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* One document being printed. */
typedef struct
{
  GtkWindow *parent;    /* weak: the window may go first */
  gboolean   reported;  /* a failure was said */
  char      *made;      /* the empty file made for Print to File, or NULL */
} Printing;

static void
printing_free (gpointer  data,
               GClosure *closure)
{
  Printing *printing = data;

  g_clear_weak_pointer (&printing->parent);
  g_free (printing->made);
  g_free (printing);
}

static void
report_print_error (Printing     *printing,
                    const GError *error)
{
  /* Said once, whether the dialog or the printing failed */
  if (printing->reported || printing->parent == NULL)
    return;

  printing->reported = TRUE;
  mb_show_error (GTK_WIDGET (printing->parent), _("Could Not Print"),
                 error != NULL ? error->message : _("The printer reported a problem."));
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               Printing                *printing)
{
  g_autoptr(GError) error = NULL;

  if (result != GTK_PRINT_OPERATION_RESULT_ERROR)
    return;

  gtk_print_operation_get_error (operation, &error);
  report_print_error (printing, error);
}

/* The file Print to File writes, or %NULL when printing to a printer. */
static GFile *
output_file (GtkPrintOperation *operation)
{
  GtkPrintSettings *settings = gtk_print_operation_get_print_settings (operation);
  const char *uri = settings != NULL ? gtk_print_settings_get (settings, GTK_PRINT_SETTINGS_OUTPUT_URI) : NULL;

  return uri != NULL ? g_file_new_for_uri (uri) : NULL;
}

/* Print to File writes its file with GIO, open to everyone's reading
 * (0644 under the usual umask); a file that is there already keeps its
 * mode when it is replaced. So before anything is printed, the file is
 * made private, or made, private and empty, to be replaced.
 */
static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                Printing          *printing)
{
  g_autoptr(GFile) file = output_file (operation);
  const char *path = file != NULL ? g_file_peek_path (file) : NULL;
  int fd;

  if (path == NULL)
    return;

  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, PRIVATE_FILE_MODE);
  if (fd >= 0)
    {
      g_close (fd, NULL);
      g_free (printing->made);
      printing->made = g_strdup (path);
    }
  else if (errno == EEXIST)
    {
      g_chmod (path, PRIVATE_FILE_MODE);
    }
}

/* Printed: the file Print to File writes, with GIO, after this (once the
 * pages are made), is private already, and is kept out of the recent
 * files GTK then puts it in. Cancelled or failed: the empty file made
 * for it goes again.
 */
static void
print_finished_cb (GtkPrintOperation       *operation,
                   GtkPrintOperationResult  result,
                   Printing                *printing)
{
  const char *made = printing->made;
  g_autoptr(GFile) file = output_file (operation);
  GStatBuf st;

  if (file == NULL)
    return;

  if (result != GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      if (made != NULL && g_stat (made, &st) == 0 && st.st_size == 0)
        g_remove (made);
      return;
    }

  keep_out_of_recent (file);
}

/**
 * mb_print_document:
 * @parent: the window the print dialog belongs to
 * @title: the document's name: the print job's, the one a PDF is
 *   offered under, and in the footer
 *
 * Shows the print dialog for @document; its Print to File saves a PDF,
 * private to the user and kept out of the desktop's recent files.
 */
void
mb_print_document (GtkWindow  *parent,
                   const char *title,
                   MbDocument *document)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPrintSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = NULL;
  Printing *printing;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (title != NULL);
  g_return_if_fail (MB_IS_DOCUMENT (document));

  operation = mb_document_print_new (title, document);
  settings = gtk_print_settings_new ();
  /* The name Print to File offers, with “.pdf” */
  basename = g_strdelimit (g_strdup (title), G_DIR_SEPARATOR_S, '-');
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_BASENAME, basename);
  gtk_print_operation_set_print_settings (operation, settings);
  gtk_print_operation_set_allow_async (operation, TRUE);
  printing = g_new0 (Printing, 1);
  g_set_weak_pointer (&printing->parent, parent);
  g_signal_connect (operation, "done", G_CALLBACK (print_done_cb), printing);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), printing);
  /* What the handlers share goes with this one, when the operation goes. */
  g_signal_connect_data (operation, "done", G_CALLBACK (print_finished_cb), printing, printing_free, 0);

  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, &error) ==
      GTK_PRINT_OPERATION_RESULT_ERROR)
    report_print_error (printing, error);
}
