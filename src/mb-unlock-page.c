/* mb-unlock-page.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the window shows instead of the journal while it is protected
 * and locked: the passphrase, or the recovery key and a new passphrase.
 * The key derivation takes a fraction of a second to two seconds, so it
 * runs in a worker, with a spinner; the journal is not loaded before,
 * so nothing else touches it meanwhile. Once unlocked, the page emits
 * "unlocked" and the window shows the journal in its place.
 *
 * The window also shows it, busy, while the protection is turned on or
 * off (see mb_unlock_page_set_busy()).
 */

#define G_LOG_DOMAIN "mb-unlock-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-crypt.h"
#include "mb-passphrase-dialog.h"
#include "mb-unlock-page.h"

struct _MbUnlockPage
{
  AdwBin        parent_instance;

  MbJournal    *journal;
  GCancellable *cancellable;
  gboolean      recovering;  /* with the recovery key */
  gboolean      busy;

  /* Template widgets */
  AdwStatusPage *status_page;
  GtkWidget     *rows;
  GtkWidget     *passphrase_row;
  GtkWidget     *recovery_row;
  GtkWidget     *new_row;
  GtkWidget     *repeat_row;
  GtkLabel      *error_label;
  GtkSpinner    *spinner;
  GtkWidget     *buttons;
  GtkWidget     *unlock_button;
  GtkButton     *switch_button;
};

G_DEFINE_FINAL_TYPE (MbUnlockPage, mb_unlock_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_JOURNAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  UNLOCKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What the worker needs: the secrets, wiped when done. */
typedef struct
{
  char *secret;          /* the passphrase, or the recovery key */
  char *new_passphrase;  /* with the recovery key */
} Secrets;

static void
secrets_free (Secrets *secrets)
{
  mb_wipe_string (secrets->secret);
  mb_wipe_string (secrets->new_passphrase);
  g_free (secrets);
}

static void
unlock_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  MbJournal *journal = source_object;
  Secrets *secrets = task_data;
  GError *error = NULL;
  gboolean done;

  if (secrets->new_passphrase != NULL)
    done = mb_journal_recover (journal, secrets->secret, secrets->new_passphrase, &error);
  else
    done = mb_journal_unlock (journal, secrets->secret, &error);

  if (done)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
set_working (MbUnlockPage *self,
             gboolean      working)
{
  GtkWidget *rows[] = { self->passphrase_row, self->recovery_row, self->new_row, self->repeat_row };

  /* Not insensitive: the focus stays where it is, to type again. */
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_editable_set_editable (GTK_EDITABLE (rows[i]), !working);
  gtk_widget_set_sensitive (self->buttons, !working);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), working);
  gtk_spinner_set_spinning (self->spinner, working);
}

static void
show_error (MbUnlockPage *self,
            const char   *message,
            GtkWidget    *row)
{
  /* tests/unlock-app.sh reads this. */
  g_debug ("Not unlocked: %s", message);
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  gtk_widget_grab_focus (row);
  gtk_editable_select_region (GTK_EDITABLE (row), 0, -1);
}

static void
unlocked_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(MbUnlockPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkWidget *row = self->recovering ? self->recovery_row : self->passphrase_row;

  g_task_propagate_boolean (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_working (self, FALSE);
  if (mb_journal_is_unlocked (self->journal))
    {
      /* A conversion a crash cut short is tried again at the next unlock. */
      if (error != NULL)
        g_message ("Unlocked, but could not finish turning the protection on or off: %s", error->message);
      g_debug ("Unlocked");
      g_signal_emit (self, signals[UNLOCKED], 0);
      return;
    }

  if (g_error_matches (error, MB_CRYPT_ERROR, MB_CRYPT_ERROR_WRONG_PASSPHRASE))
    show_error (self, _("That is not the passphrase of this journal. Try again."), row);
  else if (g_error_matches (error, MB_CRYPT_ERROR, MB_CRYPT_ERROR_WRONG_RECOVERY_KEY))
    show_error (self, _("That is not the recovery key of this journal. Try again."), row);
  else
    show_error (self, error->message, row);
}

static const char *
text_of (GtkWidget *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* Whether what was typed can be tried; says why not when it cannot. */
static gboolean
check_input (MbUnlockPage *self)
{
  if (!self->recovering)
    return text_of (self->passphrase_row)[0] != '\0';

  if (text_of (self->recovery_row)[0] == '\0')
    return FALSE;
  if (text_of (self->new_row)[0] == '\0')
    {
      show_error (self, _("Choose a new passphrase."), self->new_row);
      return FALSE;
    }
  if (!g_str_equal (text_of (self->new_row), text_of (self->repeat_row)))
    {
      show_error (self, _("The two new passphrases are not the same."), self->repeat_row);
      return FALSE;
    }
  return TRUE;
}

static void
unlock (MbUnlockPage *self)
{
  g_autoptr(GTask) task = NULL;
  Secrets *secrets;

  if (self->busy || gtk_spinner_get_spinning (self->spinner) || !check_input (self))
    return;

  secrets = g_new0 (Secrets, 1);
  if (self->recovering)
    {
      secrets->secret = g_strstrip (g_strdup (text_of (self->recovery_row)));
      secrets->new_passphrase = g_strdup (text_of (self->new_row));
    }
  else
    secrets->secret = g_strdup (text_of (self->passphrase_row));

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  set_working (self, TRUE);
  task = mb_journal_task_new (self->journal, self->cancellable, unlocked_cb, g_object_ref (self));
  g_task_set_source_tag (task, unlock);
  g_task_set_task_data (task, secrets, (GDestroyNotify) secrets_free);
  g_task_run_in_thread (task, unlock_worker);
}

/* With the recovery key, Enter goes on to the next row, then unlocks. */
static void
entry_activated_cb (MbUnlockPage *self,
                    GtkWidget    *row)
{
  if (row == self->recovery_row)
    gtk_widget_grab_focus (self->new_row);
  else if (row == self->new_row)
    gtk_widget_grab_focus (self->repeat_row);
  else
    unlock (self);
}

static void
unlock_clicked_cb (MbUnlockPage *self)
{
  unlock (self);
}

/* From the passphrase to the recovery key and back. */
static void
switch_clicked_cb (MbUnlockPage *self)
{
  gboolean recovering = !self->recovering;

  self->recovering = recovering;
  gtk_widget_set_visible (self->passphrase_row, !recovering);
  gtk_widget_set_visible (self->recovery_row, recovering);
  gtk_widget_set_visible (self->new_row, recovering);
  gtk_widget_set_visible (self->repeat_row, recovering);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  adw_status_page_set_description (self->status_page,
                                   recovering ? _("Type the recovery key you were given when you turned the "
                                                  "protection on, and choose a new passphrase.")
                                              : _("Type the passphrase that protects it."));
  gtk_button_set_label (self->switch_button,
                        recovering ? _("Use the _Passphrase Instead") : _("Use the _Recovery Key Instead"));
  gtk_widget_grab_focus (recovering ? self->recovery_row : self->passphrase_row);
  /* tests/unlock-app.sh reads this. */
  g_debug ("Asking for the %s", recovering ? "recovery key" : "passphrase");
}

static void
mb_unlock_page_map (GtkWidget *widget)
{
  MbUnlockPage *self = MB_UNLOCK_PAGE (widget);

  GTK_WIDGET_CLASS (mb_unlock_page_parent_class)->map (widget);
  if (!self->busy)
    gtk_widget_grab_focus (self->passphrase_row);
  /* tests/keyring-app.sh reads this. */
  g_debug ("Unlock page shown");
}

static void
mb_unlock_page_dispose (GObject *object)
{
  MbUnlockPage *self = MB_UNLOCK_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), MB_TYPE_UNLOCK_PAGE);
  g_clear_object (&self->journal);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (mb_unlock_page_parent_class)->dispose (object);
}

static void
mb_unlock_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MbUnlockPage *self = MB_UNLOCK_PAGE (object);

  switch (prop_id)
    {
    case PROP_JOURNAL:
      self->journal = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_unlock_page_class_init (MbUnlockPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mb_unlock_page_dispose;
  object_class->set_property = mb_unlock_page_set_property;
  widget_class->map = mb_unlock_page_map;

  properties[PROP_JOURNAL] =
    g_param_spec_object ("journal", NULL, NULL, MB_TYPE_JOURNAL,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MbUnlockPage::unlocked:
   *
   * The journal is unlocked: it can be loaded.
   */
  signals[UNLOCKED] = g_signal_new ("unlocked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/mb-unlock-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MbUnlockPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, MbUnlockPage, rows);
  gtk_widget_class_bind_template_child (widget_class, MbUnlockPage, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, MbUnlockPage, recovery_row);
  gtk_widget_class_bind_template_child (widget_class, MbUnlockPage, new_row);
  gtk_widget_class_bind_template_child (widget_class, MbUnlockPage, repeat_row);
  gtk_widget_class_bind_template_child (widget_class, MbUnlockPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, MbUnlockPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, MbUnlockPage, buttons);
  gtk_widget_class_bind_template_child (widget_class, MbUnlockPage, unlock_button);
  gtk_widget_class_bind_template_child (widget_class, MbUnlockPage, switch_button);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, unlock_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, switch_clicked_cb);
}

static void
mb_unlock_page_init (MbUnlockPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/**
 * mb_unlock_page_new:
 * @journal: a protected journal, locked and not loaded
 *
 * Returns: (transfer floating): a page that unlocks @journal
 */
GtkWidget *
mb_unlock_page_new (MbJournal *journal)
{
  g_return_val_if_fail (MB_IS_JOURNAL (journal), NULL);

  return g_object_new (MB_TYPE_UNLOCK_PAGE, "journal", journal, NULL);
}

/**
 * mb_unlock_page_set_busy:
 * @title: what is under way, such as “Protecting the Journal…”
 *
 * Shows only @title and a spinner, while the journal is being converted
 * in a worker: nothing can be typed.
 */
void
mb_unlock_page_set_busy (MbUnlockPage *self,
                         const char   *title)
{
  g_return_if_fail (MB_IS_UNLOCK_PAGE (self));
  g_return_if_fail (title != NULL);

  self->busy = TRUE;
  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, _("This takes a moment. Keep Marbles open."));
  gtk_widget_set_visible (self->rows, FALSE);
  gtk_widget_set_visible (self->buttons, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_set_spinning (self->spinner, TRUE);
}
