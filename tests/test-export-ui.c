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

#include "mb-export.h"
#include "mb-export-ui.h"
#include "mb-markdown-print.h"

static char *
temporary_path (const char *name)
{
  return g_build_filename (g_get_user_cache_dir (), name, NULL);
}

/* Prints @markdown to a PDF, as the print dialog's Print to File does,
 * and returns how many pages it has.
 */
static guint
print_to_pdf (const char *markdown,
              const char *name)
{
  g_autoptr(GtkPrintOperation) operation = mb_markdown_print_operation_new ("Sanne", markdown);
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

static char *
long_document (guint sections)
{
  GString *markdown = g_string_new ("# A long document\n\n");

  for (guint i = 0; i < sections; i++)
    {
      g_string_append_printf (markdown, "## Section %u\n\n", i + 1);
      g_string_append (markdown, "A paragraph long enough to wrap over more than one line of the page, "
                                 "with **bold** and *italic* words, the way a leader's notes run on "
                                 "when the conversation was a good one.  \nA second line after a break.\n\n");
      g_string_append (markdown, "- A promise · I promised · due 1 Dec 2026\n- Another · They promised\n\n");
    }

  return g_string_free (markdown, FALSE);
}

static void
test_long_document (void)
{
  g_autofree char *markdown = long_document (40);

  g_assert_cmpuint (print_to_pdf (markdown, "long.pdf"), >, 3);
}

static void
test_short_document (void)
{
  g_assert_cmpuint (print_to_pdf ("# Short\n\nOne paragraph.\n", "short.pdf"), ==, 1);
  g_assert_cmpuint (print_to_pdf ("", "empty.pdf"), ==, 1);
}

/* Pages grow with the text: twice the sections, about twice the pages. */
static void
test_pages_follow_text (void)
{
  g_autofree char *some = long_document (20);
  g_autofree char *more = long_document (40);
  guint few = print_to_pdf (some, "some.pdf");
  guint many = print_to_pdf (more, "more.pdf");

  g_assert_cmpuint (many, >=, 2 * few - 1);
  g_assert_cmpuint (many, <=, 2 * few + 1);
}

/* All of Markdown the printer reads, and some it does not, without a
 * warning (G_DEBUG=fatal-warnings): unbalanced marks, odd nesting.
 */
static void
test_odd_markdown (void)
{
  const char *markdown =
    "# **Bold** heading\n\n"
    "Text with *unclosed emphasis and **bold *mixed** up* and a_snake_case_name.\n\n"
    "5 * 3 = 15, `code`, `unclosed code, \\*escaped\\*, [a link](https://example.org) & <b>.\n\n"
    "> a quote\n> on two lines\n\n"
    "```\nint main (void);\n   indented\n```\n\n"
    "1. first\n2. second\n   continued\n  - nested\n\n"
    "---\n\n"
    "###### Small heading\n"
    "#not a heading\n";

  g_assert_cmpuint (print_to_pdf (markdown, "odd.pdf"), ==, 1);
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
  g_autofree char *markdown = NULL;

  g_assert_no_error (error);
  conversation = mb_conversation_new (mb_person_get_id (person), script, NULL);
  mb_conversation_set_text (conversation, MB_TEXT_PREPARATION, "facts", "# Two late reports\n*Not* her fault?");
  mb_conversation_add_agreement (conversation, "Send the plan", MB_PROMISED_BY_ME, NULL);
  markdown = mb_export_conversation (conversation, person);

  g_assert_cmpuint (print_to_pdf (markdown, "conversation.pdf"), ==, 1);
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

static GtkWindow *
visible_window (GType type)
{
  GListModel *windows = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (windows); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (windows, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static GtkWindow *
find_window (GType type)
{
  GtkWindow *window = NULL;

  for (int tries = 0; tries < 500 && window == NULL; tries++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      if ((window = visible_window (type)) == NULL)
        g_usleep (10000);
    }

  return window;
}

static void
spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

/* As someone would: go to @folder and type @name. */
static void
choose (GtkWindow  *dialog,
        const char *folder,
        const char *name)
{
  g_autoptr(GFile) dir = g_file_new_for_path (folder);
  g_autoptr(GFile) wanted = g_file_get_child (dir, name);
  g_autoptr(GFile) chosen = NULL;

  /* Changing folder while the first one loads fails, on GTK 4.8. */
  spin (300);
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), dir, NULL));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  for (int tries = 0; tries < 100; tries++)
    {
      g_clear_object (&chosen);
      chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      if (chosen != NULL && g_file_equal (chosen, wanted))
        break;
      spin (50);
    }
  g_assert_nonnull (chosen);
  g_assert_cmpstr (g_file_peek_path (chosen), ==, g_file_peek_path (wanted));
}

/* Answers @dialog, and waits until it is gone. */
static void
respond (GtkWindow *dialog,
         int        response)
{
  GtkWidget *widget = GTK_WIDGET (dialog);

  g_object_add_weak_pointer (G_OBJECT (widget), (gpointer *) &widget);
  gtk_dialog_response (GTK_DIALOG (dialog), response);
  for (int tries = 0; widget != NULL && gtk_widget_get_visible (widget) && tries < 500; tries++)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (10000);
    }
  g_assert_true (widget == NULL || !gtk_widget_get_visible (widget));
  if (widget != NULL)
    g_object_remove_weak_pointer (G_OBJECT (widget), (gpointer *) &widget);
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

  mb_export_markdown_to_file (parent, "Sanne", "# Sanne\n");
  dialog = find_window (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (dialog);
  name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (dialog));
  g_assert_cmpstr (name, ==, "Sanne.md");
  choose (dialog, folder, "Sanne.md");
  respond (dialog, GTK_RESPONSE_ACCEPT);

  /* Written in a worker thread. */
  for (int tries = 0; !g_file_test (path, G_FILE_TEST_EXISTS) && tries < 500; tries++)
    spin (10);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "# Sanne\n");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* A folder that cannot be written to, even by root */
  mb_export_markdown_to_file (parent, "Ahmed.md", "# Ahmed\n");
  dialog = find_window (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_clear_pointer (&name, g_free);
  name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (dialog));
  g_assert_cmpstr (name, ==, "Ahmed.md");
  choose (dialog, "/proc", "Ahmed.md");
  respond (dialog, GTK_RESPONSE_ACCEPT);

  for (int tries = 0; find_window (ADW_TYPE_MESSAGE_DIALOG) == NULL && tries < 500; tries++)
    spin (10);
  message = find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (message);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (message)), ==, "Could Not Save “Ahmed.md”");
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (message)), !=, "");
  g_assert_false (g_file_test ("/proc/Ahmed.md", G_FILE_TEST_EXISTS));

  gtk_window_destroy (message);
  gtk_window_destroy (parent);
}

/* The print dialog opens for the document, and closes again when
 * cancelled, without a message.
 */
static void
test_print_dialog (void)
{
  GtkWindow *parent = GTK_WINDOW (gtk_window_new ());
  GtkWindow *dialog;

  gtk_window_present (parent);
  mb_print_markdown (parent, "Sanne", "# Sanne\n\nA note.\n");
  /* GtkPrintUnixDialog, whose header needs another pkg-config module */
  dialog = find_window (g_type_from_name ("GtkPrintUnixDialog"));
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == parent);

  spin (300);
  respond (dialog, GTK_RESPONSE_CANCEL);
  spin (100);
  g_assert_null (visible_window (ADW_TYPE_MESSAGE_DIALOG));

  gtk_window_destroy (parent);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* The save dialog starts in the current folder: never the source tree. */
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_assert_cmpint (g_chdir (g_get_user_cache_dir ()), ==, 0);

  g_test_add_func ("/export-ui/print/long-document", test_long_document);
  g_test_add_func ("/export-ui/print/short-document", test_short_document);
  g_test_add_func ("/export-ui/print/pages-follow-text", test_pages_follow_text);
  g_test_add_func ("/export-ui/print/odd-markdown", test_odd_markdown);
  g_test_add_func ("/export-ui/print/real-conversation", test_real_conversation);
  g_test_add_func ("/export-ui/write-file", test_write_file);
  g_test_add_func ("/export-ui/write-file-fails", test_write_file_fails);
  g_test_add_func ("/export-ui/save-dialog", test_save_dialog);
  g_test_add_func ("/export-ui/print-dialog", test_print_dialog);

  return g_test_run ();
}
