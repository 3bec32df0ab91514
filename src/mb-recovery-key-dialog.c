/* mb-recovery-key-dialog.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The recovery key, shown once, just after the protection was turned
 * on: with Copy and Print, and Continue only once the leader says they kept
 * it. The dialog cannot be closed any other way.
 */

#define G_LOG_DOMAIN "mb-recovery-key-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-document.h"
#include "mb-document-print.h"
#include "mb-recovery-key-dialog.h"

struct _MbRecoveryKeyDialog
{
  AdwMessageDialog  parent_instance;

  char             *recovery_key;
  GtkWidget        *kept_check;
};

G_DEFINE_FINAL_TYPE (MbRecoveryKeyDialog, mb_recovery_key_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
copy_clicked_cb (MbRecoveryKeyDialog *self,
                 GtkButton           *button)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), self->recovery_key);
  gtk_button_set_label (button, _("Copied"));
}

static void
print_clicked_cb (MbRecoveryKeyDialog *self)
{
  g_autoptr(MbDocument) document = mb_document_new ();
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  mb_document_add_heading (document, 1, _("Recovery Key of Your Marbles Journal"));
  mb_document_add_paragraph (document, self->recovery_key);
  mb_document_add_paragraph (document, _("With this key you can open the journal when you have forgotten its "
                                         "passphrase. Keep it somewhere safe, away from the computer."));
  operation = mb_document_print_new (_("Recovery Key"), document);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (self), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    g_message ("Could not print the recovery key: %s", error->message);
}

static void
kept_toggled_cb (MbRecoveryKeyDialog *self)
{
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "done",
                                           gtk_check_button_get_active (GTK_CHECK_BUTTON (self->kept_check)));
}

/* Only Continue closes it, once the key is kept. */
static gboolean
mb_recovery_key_dialog_close_request (GtkWindow *window)
{
  MbRecoveryKeyDialog *self = MB_RECOVERY_KEY_DIALOG (window);

  if (!gtk_check_button_get_active (GTK_CHECK_BUTTON (self->kept_check)))
    return TRUE;

  return GTK_WINDOW_CLASS (mb_recovery_key_dialog_parent_class)->close_request (window);
}

static void
mb_recovery_key_dialog_finalize (GObject *object)
{
  MbRecoveryKeyDialog *self = MB_RECOVERY_KEY_DIALOG (object);

  if (self->recovery_key != NULL)
    memset (self->recovery_key, 0, strlen (self->recovery_key));
  g_free (self->recovery_key);

  G_OBJECT_CLASS (mb_recovery_key_dialog_parent_class)->finalize (object);
}

static void
mb_recovery_key_dialog_class_init (MbRecoveryKeyDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->finalize = mb_recovery_key_dialog_finalize;
  window_class->close_request = mb_recovery_key_dialog_close_request;
}

static void
mb_recovery_key_dialog_init (MbRecoveryKeyDialog *self)
{
}

static GtkWidget *
new_button (MbRecoveryKeyDialog *self,
            const char          *label,
            GCallback            callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_add_css_class (button, "pill");
  g_signal_connect_object (button, "clicked", callback, self, G_CONNECT_SWAPPED);
  return button;
}

/* The key, Copy and Print, and the check that it is kept. */
static GtkWidget *
build_content (MbRecoveryKeyDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *key = gtk_label_new (self->recovery_key);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  gtk_label_set_selectable (GTK_LABEL (key), TRUE);
  gtk_label_set_wrap (GTK_LABEL (key), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (key), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (key), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (key, "monospace");
  gtk_widget_add_css_class (key, "title-4");
  gtk_box_append (GTK_BOX (box), key);

  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (buttons), new_button (self, _("Cop_y"), G_CALLBACK (copy_clicked_cb)));
  gtk_box_append (GTK_BOX (buttons), new_button (self, _("_Print…"), G_CALLBACK (print_clicked_cb)));
  gtk_box_append (GTK_BOX (box), buttons);

  self->kept_check = gtk_check_button_new_with_mnemonic (_("I _have kept the recovery key"));
  gtk_widget_set_halign (self->kept_check, GTK_ALIGN_CENTER);
  g_signal_connect_object (self->kept_check, "toggled", G_CALLBACK (kept_toggled_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), self->kept_check);
  return box;
}

/**
 * mb_recovery_key_dialog_new:
 * @recovery_key: the key, to show once
 *
 * Returns: (transfer none): the dialog, not shown yet
 */
MbRecoveryKeyDialog *
mb_recovery_key_dialog_new (GtkWindow  *parent,
                            const char *recovery_key)
{
  MbRecoveryKeyDialog *self;

  g_return_val_if_fail (recovery_key != NULL, NULL);

  self = g_object_new (MB_TYPE_RECOVERY_KEY_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "heading", _("Keep Your Recovery Key"),
                       "body", _("The journal is protected. If you forget the passphrase, this recovery key is "
                                 "the only way to open it. Marbles shows it only now: write it down or print "
                                 "it, and keep it somewhere safe, away from this computer."),
                       NULL);
  self->recovery_key = g_strdup (recovery_key);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (self), "done", _("_Continue"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "done", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "done", FALSE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "done");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), build_content (self));
  return self;
}
