/* mb-passphrase-dialog.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A question that needs the journal's passphrase, a new one typed
 * twice, or both: its response can be chosen only once they are typed,
 * and the new one the same both times.
 */

#define G_LOG_DOMAIN "mb-passphrase-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-passphrase-dialog.h"

struct _MbPassphraseDialog
{
  AdwMessageDialog  parent_instance;

  char             *response;
  GtkWidget        *current_row;  /* NULL when not asked */
  GtkWidget        *new_row;      /* NULL when not asked, as repeat_row */
  GtkWidget        *repeat_row;
};

G_DEFINE_FINAL_TYPE (MbPassphraseDialog, mb_passphrase_dialog, ADW_TYPE_MESSAGE_DIALOG)

static const char *
text_of (GtkWidget *row)
{
  return row != NULL ? gtk_editable_get_text (GTK_EDITABLE (row)) : NULL;
}

static void
update_response (MbPassphraseDialog *self)
{
  gboolean ready = TRUE;

  if (self->current_row != NULL)
    ready &= text_of (self->current_row)[0] != '\0';
  if (self->new_row != NULL)
    {
      gboolean same = g_str_equal (text_of (self->new_row), text_of (self->repeat_row));

      ready &= text_of (self->new_row)[0] != '\0' && same;
      if (same || text_of (self->repeat_row)[0] == '\0')
        gtk_widget_remove_css_class (self->repeat_row, "error");
      else
        gtk_widget_add_css_class (self->repeat_row, "error");
    }

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), self->response, ready);
}

/* Enter goes on to the next row, and from the last, responds. */
static void
entry_activated_cb (MbPassphraseDialog *self,
                    GtkWidget          *row)
{
  GtkWidget *next = NULL;

  if (row == self->current_row)
    next = self->new_row;
  else if (row == self->new_row)
    next = self->repeat_row;

  if (next != NULL)
    gtk_widget_grab_focus (next);
  else if (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (self), self->response))
    {
      /* Responding does not close it, as a click on its button does. */
      g_object_ref (self);
      adw_message_dialog_response (ADW_MESSAGE_DIALOG (self), self->response);
      gtk_window_close (GTK_WINDOW (self));
      g_object_unref (self);
    }
}

static GtkWidget *
add_row (MbPassphraseDialog *self,
         GtkWidget          *list,
         const char         *title)
{
  GtkWidget *row = adw_password_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  g_signal_connect_object (row, "changed", G_CALLBACK (update_response), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "entry-activated", G_CALLBACK (entry_activated_cb), self, G_CONNECT_SWAPPED);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return row;
}

/* The rows go with the dialog, and may say they changed as they go. */
static void
mb_passphrase_dialog_dispose (GObject *object)
{
  MbPassphraseDialog *self = MB_PASSPHRASE_DIALOG (object);
  GtkWidget **rows[] = { &self->current_row, &self->new_row, &self->repeat_row };

  /* The focus leaves the rows while they are there: libadwaita 1.2's
   * AdwEntryRow looks at it when the window goes.
   */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      if (*rows[i] != NULL)
        g_signal_handlers_disconnect_by_data (*rows[i], self);
      *rows[i] = NULL;
    }

  G_OBJECT_CLASS (mb_passphrase_dialog_parent_class)->dispose (object);
}

static void
mb_passphrase_dialog_finalize (GObject *object)
{
  MbPassphraseDialog *self = MB_PASSPHRASE_DIALOG (object);

  g_free (self->response);

  G_OBJECT_CLASS (mb_passphrase_dialog_parent_class)->finalize (object);
}

static void
mb_passphrase_dialog_class_init (MbPassphraseDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mb_passphrase_dialog_dispose;
  object_class->finalize = mb_passphrase_dialog_finalize;
}

static void
mb_passphrase_dialog_init (MbPassphraseDialog *self)
{
}

/* The rows asked for, in the dialog. */
static void
add_rows (MbPassphraseDialog *self,
          gboolean            ask_current,
          gboolean            ask_new)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  if (ask_current)
    self->current_row = add_row (self, list, ask_new ? _("Current Passphrase") : _("Passphrase"));
  if (ask_new)
    {
      self->new_row = add_row (self, list, ask_current ? _("New Passphrase") : _("Passphrase"));
      self->repeat_row = add_row (self, list, ask_current ? _("New Passphrase Again") : _("Passphrase Again"));
    }
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), list);
  gtk_widget_grab_focus (ask_current ? self->current_row : self->new_row);
}

/**
 * mb_passphrase_dialog_new:
 * @ask_current: whether to ask the passphrase the journal has
 * @ask_new: whether to ask a new one, twice
 * @response: the response that goes on, with @label and @appearance;
 *   the other is "cancel"
 *
 * Returns: (transfer none): the dialog, not shown yet
 */
MbPassphraseDialog *
mb_passphrase_dialog_new (GtkWindow             *parent,
                          const char            *heading,
                          const char            *body,
                          gboolean               ask_current,
                          gboolean               ask_new,
                          const char            *response,
                          const char            *label,
                          AdwResponseAppearance  appearance)
{
  MbPassphraseDialog *self;

  g_return_val_if_fail (ask_current || ask_new, NULL);
  g_return_val_if_fail (response != NULL && label != NULL, NULL);

  self = g_object_new (MB_TYPE_PASSPHRASE_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "heading", heading,
                       "body", body,
                       NULL);
  self->response = g_strdup (response);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self), "cancel", _("_Cancel"), response, label, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), response, appearance);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");
  add_rows (self, ask_current, ask_new);
  update_response (self);
  return self;
}

/**
 * mb_passphrase_dialog_get_current:
 *
 * Returns: (nullable): the passphrase the journal has, as typed
 */
const char *
mb_passphrase_dialog_get_current (MbPassphraseDialog *self)
{
  g_return_val_if_fail (MB_IS_PASSPHRASE_DIALOG (self), NULL);

  return text_of (self->current_row);
}

/**
 * mb_passphrase_dialog_get_new:
 *
 * Returns: (nullable): the new passphrase, the same typed twice
 */
const char *
mb_passphrase_dialog_get_new (MbPassphraseDialog *self)
{
  g_return_val_if_fail (MB_IS_PASSPHRASE_DIALOG (self), NULL);

  return text_of (self->new_row);
}

/**
 * mb_wipe_string:
 * @string: (nullable) (transfer full): a secret: a passphrase, a key
 *
 * Overwrites @string with zeros, then frees it.
 */
void
mb_wipe_string (char *string)
{
  if (string == NULL)
    return;
  memset (string, 0, strlen (string));
  g_free (string);
}
