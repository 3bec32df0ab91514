/* test-export-ui.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "mb-document-print.h"
#include "mb-export.h"
#include "mb-export-ui.h"
#include "ui-util.h"

static char *
temporary_path (const char *name)
{
  return g_build_filename (g_get_user_cache_dir (), name, NULL);
}

/* Prints @document to a PDF, as the print dialog's Print to File does,
 * and returns how many pages it has.
 */
static guint
print_to_pdf (MbDocument *document,
              const char *name)
{
  g_autoptr(GtkPrintOperation) operation = mb_document_print_new ("Sanne", document);
  g_autofree char *path = temporary_path (name);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;
  gsize len;
  guint pages = 0;
  int n_pages;

  g_assert_true (g_mkdir_with_parents (g_get_user_cache_dir (), 0700) == 0);
  gtk_print_operation_set_export_filename (operation, path);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);

  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  /* Page objects, not the “/Type /Pages” tree above them; the file has
   * binary parts, with zero bytes.
   */
  for (gsize i = 0; i + strlen ("/Type /Pages") < len; i++)
    {
      if (memcmp (contents + i, "/Type /Page", strlen ("/Type /Page")) == 0 &&
          contents[i + strlen ("/Type /Page")] != 's')
        pages++;
    }

  g_object_get (operation, "n-pages", &n_pages, NULL);
  g_assert_cmpint (n_pages, ==, pages);
  return pages;
}

static MbDocument *
long_document (guint sections)
{
  MbDocument *document = mb_document_new ();

  mb_document_add_heading (document, 1, "A long document");
  for (guint i = 0; i < sections; i++)
    {
      g_autofree char *heading = g_strdup_printf ("Section %u", i + 1);

      mb_document_add_heading (document, 2, heading);
      mb_document_add_text (document, "A paragraph long enough to wrap over more than one line of the page, "
                                      "with bold and italic words, the way a leader's notes run on "
                                      "when the conversation was a good one.\nA second line after a break.");
      mb_document_add_item (document, NULL, (const char *[]) { "A promise", "I promised", "due 1 Dec 2026", NULL });
      mb_document_add_item (document, NULL, (const char *[]) { "Another", "They promised", NULL });
    }

  return document;
}

/* A heading and a paragraph. */
static MbDocument *
short_document (const char *title,
                const char *text)
{
  MbDocument *document = mb_document_new ();

  mb_document_add_heading (document, 1, title);
  mb_document_add_paragraph (document, text);
  return document;
}

static void
test_long_document (void)
{
  g_autoptr(MbDocument) document = long_document (40);

  g_assert_cmpuint (print_to_pdf (document, "long.pdf"), >, 3);
}

static void
test_short_document (void)
{
  g_autoptr(MbDocument) document = short_document ("Short", "One paragraph.");
  g_autoptr(MbDocument) empty = mb_document_new ();

  g_assert_cmpuint (print_to_pdf (document, "short.pdf"), ==, 1);
  g_assert_cmpuint (print_to_pdf (empty, "empty.pdf"), ==, 1);
}

/* Pages grow with the text: twice the sections, about twice the pages. */
static void
test_pages_follow_text (void)
{
  g_autoptr(MbDocument) some = long_document (20);
  g_autoptr(MbDocument) more = long_document (40);
  guint few = print_to_pdf (some, "some.pdf");
  guint many = print_to_pdf (more, "more.pdf");

  g_assert_cmpuint (many, >=, 2 * few - 1);
  g_assert_cmpuint (many, <=, 2 * few + 1);
}

/* Every kind of block, and text that looks like markup, which is only
 * text, without a warning (G_DEBUG=fatal-warnings).
 */
static void
test_odd_text (void)
{
  g_autoptr(MbDocument) document = mb_document_new ();

  mb_document_add_heading (document, 1, "**Bold** heading");
  mb_document_add_paragraph (document, "Text with *unclosed emphasis and **bold *mixed** up* and a_snake_case_name.");
  mb_document_add_text (document, "5 * 3 = 15, `code`, `unclosed code, \\*escaped\\*,\n"
                                  "[a link](https://example.org) & <b> &amp; <i>\n\n> a quote\n---");
  mb_document_add_label (document, "```");
  mb_document_add_item (document, "1.", (const char *[]) { "first", "", "  - nested\t", NULL });
  mb_document_add_item (document, NULL, (const char *[]) { "", NULL });
  mb_document_add_heading (document, 6, "Small heading");
  mb_document_add_heading (document, 3, "");
  mb_document_add_paragraph (document, "#not a heading");

  g_assert_cmpuint (print_to_pdf (document, "odd.pdf"), ==, 1);
}

static void
test_real_conversation (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "scripts", "good", "full.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(MbScript) script = mb_script_new_from_file (file, NULL, &error);
  g_autoptr(MbConversation) conversation = NULL;
  g_autoptr(MbPerson) person = mb_person_new ("Sanne", "Designer");
  g_autoptr(MbDocument) document = NULL;

  g_assert_no_error (error);
  conversation = mb_conversation_new (mb_person_get_id (person), script, NULL);
  mb_conversation_set_text (conversation, MB_TEXT_PREPARATION, "facts", "# Two late reports\n*Not* her fault?");
  mb_conversation_add_agreement (conversation, "Send the plan", MB_PROMISED_BY_ME, NULL);
  document = mb_export_conversation_document (conversation, person);

  g_assert_cmpuint (print_to_pdf (document, "conversation.pdf"), ==, 1);
}

static void
test_write_file (void)
{
  g_autofree char *path = temporary_path ("export.md");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  GStatBuf st;

  g_assert_true (g_mkdir_with_parents (g_get_user_cache_dir (), 0700) == 0);

  /* An existing file that others could read is replaced by a private one. */
  g_assert_true (g_file_set_contents (path, "old and longer contents", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);

  g_assert_true (mb_export_write_markdown (file, "# New\n", &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "# New\n");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_write_file_fails (void)
{
  g_autofree char *path = temporary_path ("no-such-folder/export.md");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_false (mb_export_write_markdown (file, "# New\n", &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "export.md"));
}

static gboolean
is_gone (gpointer data)
{
  GtkWidget **widget = data;

  return *widget == NULL || !gtk_widget_get_visible (*widget);
}

/* Answers @dialog, and waits until it is gone. */
static void
respond (GtkWindow *dialog,
         int        response)
{
  GtkWidget *widget = GTK_WIDGET (dialog);

  g_object_add_weak_pointer (G_OBJECT (widget), (gpointer *) &widget);
  gtk_dialog_response (GTK_DIALOG (dialog), response);
  wait_until (is_gone, &widget);
  if (widget != NULL)
    g_object_remove_weak_pointer (G_OBJECT (widget), (gpointer *) &widget);
}

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* Through the save dialog: the name offered, the file written, and a
 * failure said in a dialog that names the file.
 */
static void
test_save_dialog (void)
{
  GtkWindow *parent = GTK_WINDOW (gtk_window_new ());
  g_autofree char *folder = g_build_filename (g_get_user_cache_dir (), "saved", NULL);
  g_autofree char *path = g_build_filename (folder, "Sanne.md", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  GtkWindow *dialog;
  GtkWindow *message;
  GStatBuf st;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_remove (path);
  gtk_window_present (parent);

  mb_export_markdown_to_file (parent, "Sanne", "# Sanne\n", FALSE);
  dialog = wait_for_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (dialog));
  g_assert_cmpstr (name, ==, "Sanne.md");
  choose_file (dialog, folder, "Sanne.md");
  respond (dialog, GTK_RESPONSE_ACCEPT);

  /* Written in a worker thread. */
  wait_until (file_exists, path);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "# Sanne\n");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* A folder that cannot be written to, even by root */
  mb_export_markdown_to_file (parent, "Ahmed.md", "# Ahmed\n", FALSE);
  dialog = wait_for_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_clear_pointer (&name, g_free);
  name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (dialog));
  g_assert_cmpstr (name, ==, "Ahmed.md");
  choose_file (dialog, "/proc", "Ahmed.md");
  respond (dialog, GTK_RESPONSE_ACCEPT);

  message = wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (message)), ==, "Could Not Save “Ahmed.md”");
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (message)), !=, "");
  g_assert_false (g_file_test ("/proc/Ahmed.md", G_FILE_TEST_EXISTS));

  gtk_window_destroy (message);
  gtk_window_destroy (parent);
}

/* From a journal protected with a passphrase, a line says first that the
 * copy will not be: Cancel saves nothing; Export goes on to the save
 * dialog, with the name offered.
 */
static void
test_save_dialog_protected (void)
{
  GtkWindow *parent = GTK_WINDOW (gtk_window_new ());
  g_autofree char *name = NULL;
  GtkWindow *message;
  GtkWindow *dialog;

  gtk_window_present (parent);

  mb_export_markdown_to_file (parent, "Sanne", "# Sanne\n", TRUE);
  message = wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (message)), ==, "Export in Plain Text?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (message)), "passphrase does not protect"));
  g_assert_null (find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (message), "cancel");
  gtk_window_destroy (message);
  settle ();
  g_assert_null (find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));

  mb_export_markdown_to_file (parent, "Sanne", "# Sanne\n", TRUE);
  message = wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (message), "export");
  gtk_window_destroy (message);
  dialog = wait_for_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (dialog));
  g_assert_cmpstr (name, ==, "Sanne.md");
  respond (dialog, GTK_RESPONSE_CANCEL);
  gtk_window_destroy (parent);
}

static gboolean
count_done_cb (GSignalInvocationHint *hint,
               guint                  n_values,
               const GValue          *values,
               gpointer               data)
{
  (*(guint *) data)++;
  return TRUE;
}

static gboolean
is_not_zero (gpointer data)
{
  return *(guint *) data != 0;
}

/* The print dialog opens for the document, and closes again when
 * cancelled, without a message.
 */
static void
test_print_dialog (void)
{
  GtkWindow *parent = GTK_WINDOW (gtk_window_new ());
  g_autoptr(MbDocument) document = short_document ("Sanne", "A note.");
  guint done_signal;
  guint n_done = 0;
  gulong hook;
  GtkWindow *dialog;

  gtk_window_present (parent);
  mb_print_document (parent, "Sanne", document);
  /* GtkPrintUnixDialog, whose header needs another pkg-config module */
  dialog = wait_for_toplevel (g_type_from_name ("GtkPrintUnixDialog"));
  g_assert_true (gtk_window_get_transient_for (dialog) == parent);

  /* Cancelled as someone would, once it is on screen; done once the
   * print operation says so.
   */
  wait_until (is_mapped, dialog);
  done_signal = g_signal_lookup ("done", GTK_TYPE_PRINT_OPERATION);
  hook = g_signal_add_emission_hook (done_signal, 0, count_done_cb, &n_done, NULL);
  respond (dialog, GTK_RESPONSE_CANCEL);
  wait_until (is_not_zero, &n_done);
  g_signal_remove_emission_hook (done_signal, hook);
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  gtk_window_destroy (parent);
}

/* Recent files: what GTK's recent manager holds and has written. */

static gboolean
in_recent_files (const char *path)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autofree char *xbel = g_build_filename (g_get_user_data_dir (), "recently-used.xbel", NULL);
  g_autofree char *written = NULL;
  GtkRecentInfo *info = gtk_recent_manager_lookup_item (gtk_recent_manager_get_default (), uri, NULL);
  gboolean found = info != NULL;

  g_clear_pointer (&info, gtk_recent_info_unref);
  if (g_file_get_contents (xbel, &written, NULL, NULL) && strstr (written, uri) != NULL)
    found = TRUE;
  return found;
}

typedef struct
{
  const char *path;
  guint       changes;  /* of the recent files, since GTK had the file */
} Recent;

static void
recent_changed_cb (GtkRecentManager *manager,
                   Recent           *recent)
{
  recent->changes++;
}

/* Until the recent files were written after GTK had @recent->path to
 * put there (which GTK does as the file chooser answers, or once Print
 * to File has written the PDF), and it is not in them, in memory or on
 * disk.
 */
static gboolean
written_without (gpointer data)
{
  Recent *recent = data;

  return recent->changes > 0 && !in_recent_files (recent->path);
}

static void
wait_until_written_without (Recent *recent)
{
  wait_until (written_without, recent);
}

/* What Marbles exports is not left in the desktop's recent files. */
static void
test_export_not_in_recent (void)
{
  GtkWindow *parent = GTK_WINDOW (gtk_window_new ());
  g_autofree char *folder = g_build_filename (g_get_user_cache_dir (), "recent", NULL);
  g_autofree char *path = g_build_filename (folder, "Private.md", NULL);
  Recent recent = { path, 0 };
  gulong id;
  GtkWindow *dialog;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_remove (path);
  gtk_window_present (parent);

  mb_export_markdown_to_file (parent, "Private", "# Private notes\n", FALSE);
  dialog = wait_for_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  choose_file (dialog, folder, "Private.md");
  id = g_signal_connect (gtk_recent_manager_get_default (), "changed", G_CALLBACK (recent_changed_cb), &recent);
  respond (dialog, GTK_RESPONSE_ACCEPT);
  wait_until_written_without (&recent);
  wait_until (file_exists, path);

  g_signal_handler_disconnect (gtk_recent_manager_get_default (), id);
  gtk_window_destroy (parent);
}

static gboolean
pdf_is_whole (gpointer path)
{
  g_autofree char *contents = NULL;
  gsize len;

  /* A PDF has zero bytes in it. */
  return g_file_get_contents (path, &contents, &len, NULL) && g_str_has_prefix (contents, "%PDF-") &&
         len > 6 && memcmp (contents + len - 6, "%%EOF\n", 6) == 0;
}

/* Says Replace when GTK asks whether to replace a file, once the
 * question is on screen.
 */
static gboolean
replace_cb (gpointer question)
{
  gtk_dialog_response (GTK_DIALOG (question), GTK_RESPONSE_ACCEPT);
  return G_SOURCE_REMOVE;
}

static void
question_mapped_cb (GtkWidget *question)
{
  g_idle_add (replace_cb, question);
}

static void
toplevels_changed_cb (GListModel *toplevels,
                      guint       position,
                      guint       removed,
                      guint       added)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_MESSAGE_DIALOG (window))
        g_signal_connect (window, "map", G_CALLBACK (question_mapped_cb), NULL);
    }
}

static gboolean
prints_to_file (gpointer dialog)
{
  g_autoptr(GObject) printer = NULL;
  g_autofree char *name = NULL;

  g_object_get (dialog, "selected-printer", &printer, NULL);
  if (printer != NULL)
    g_object_get (printer, "name", &name, NULL);
  return g_strcmp0 (name, "Print to File") == 0;
}

/* Print to File, through the print dialog: the PDF is private, like the
 * Markdown export, and not in the recent files either.
 */
static void
test_print_to_file (gconstpointer data)
{
  gboolean there_before = GPOINTER_TO_INT (data);
  GtkWindow *parent = GTK_WINDOW (gtk_window_new ());
  g_autoptr(MbDocument) document = short_document ("Sanne", "Private notes.");
  g_autofree char *path = temporary_path ("Sanne.pdf");
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(GtkPrintSettings) settings = gtk_print_settings_new ();
  GtkWindow *dialog;
  Recent recent = { path, 0 };
  gulong asked = 0;
  gulong id;
  GStatBuf st;
  mode_t old_umask = umask (022);

  g_remove (path);
  if (there_before)
    g_assert_true (g_file_set_contents_full (path, "an older file", -1, G_FILE_SET_CONTENTS_NONE, 0644, NULL));
  gtk_window_present (parent);
  mb_print_document (parent, "Sanne", document);
  dialog = wait_for_toplevel (g_type_from_name ("GtkPrintUnixDialog"));

  /* Print to File, to @path, as someone would pick it. */
  gtk_print_settings_set_printer (settings, "Print to File");
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_URI, uri);
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_FILE_FORMAT, "pdf");
  g_object_set (dialog, "print-settings", settings, NULL);
  wait_until (prints_to_file, dialog);
  /* GTK asks before it replaces a file, in a main loop of its own. */
  if (there_before)
    asked = g_signal_connect (gtk_window_get_toplevels (), "items-changed", G_CALLBACK (toplevels_changed_cb), NULL);
  respond (dialog, GTK_RESPONSE_OK);

  /* GTK puts the PDF in the recent files once it has written it. */
  wait_until (pdf_is_whole, path);
  g_clear_signal_handler (&asked, gtk_window_get_toplevels ());
  id = g_signal_connect (gtk_recent_manager_get_default (), "changed", G_CALLBACK (recent_changed_cb), &recent);
  wait_until_written_without (&recent);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  g_signal_handler_disconnect (gtk_recent_manager_get_default (), id);
  umask (old_umask);
  gtk_window_destroy (parent);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  g_autofree char *xbel = NULL;

  /* The recent files are the desktop's, shared by every program: this
   * test has its own, which nothing else writes while it runs.
   */
  data_home = g_build_filename (g_getenv ("XDG_DATA_HOME"), "export-ui", NULL);
  xbel = g_build_filename (data_home, "recently-used.xbel", NULL);
  g_assert_cmpint (g_mkdir_with_parents (data_home, 0700), ==, 0);
  g_remove (xbel);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* The save dialog starts in the current folder: never the source tree. */
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_assert_cmpint (g_chdir (g_get_user_cache_dir ()), ==, 0);

  /* First, while nothing else has touched the recent files. */
  g_test_add_func ("/export-ui/not-in-recent", test_export_not_in_recent);
  g_test_add_data_func ("/export-ui/print-to-file/new", GINT_TO_POINTER (FALSE), test_print_to_file);
  g_test_add_data_func ("/export-ui/print-to-file/replaced", GINT_TO_POINTER (TRUE), test_print_to_file);
  g_test_add_func ("/export-ui/print/long-document", test_long_document);
  g_test_add_func ("/export-ui/print/short-document", test_short_document);
  g_test_add_func ("/export-ui/print/pages-follow-text", test_pages_follow_text);
  g_test_add_func ("/export-ui/print/odd-text", test_odd_text);
  g_test_add_func ("/export-ui/print/real-conversation", test_real_conversation);
  g_test_add_func ("/export-ui/write-file", test_write_file);
  g_test_add_func ("/export-ui/write-file-fails", test_write_file_fails);
  g_test_add_func ("/export-ui/save-dialog", test_save_dialog);
  g_test_add_func ("/export-ui/save-dialog/protected", test_save_dialog_protected);
  g_test_add_func ("/export-ui/print-dialog", test_print_dialog);

  return g_test_run ();
}
