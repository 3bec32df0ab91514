/* mb-preferences-window.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Preferences: the protection of the journal with a passphrase, and the
 * judgement lens. Turning the protection on or off converts every file
 * of the journal, which cannot be done while it is open: the window asks
 * what it needs, then emits "protect" or "unprotect" with the passphrase
 * and the application closes the journal, converts it and opens it again
 * (see mb-application.c). Changing the passphrase writes the key file
 * only, in a worker, with the journal open. Remembering the key on this
 * computer keeps it in the keyring (see mb-keyring.c).
 */

#define G_LOG_DOMAIN "mb-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-crypt.h"
#include "mb-keyring.h"
#include "mb-passphrase-dialog.h"
#include "mb-preferences-window.h"
#include "mb-widgets.h"

struct _MbPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  MbJournal            *journal;
  GCancellable         *cancellable;
  gboolean              updating;  /* while the switch is set to the journal's state */

  /* Template widgets */
  GtkSwitch            *protect_switch;
  GtkWidget            *protect_row;
  GtkWidget            *change_row;
  GtkSpinner           *change_spinner;
  AdwComboRow          *lock_row;
  GtkWidget            *remember_row;
  GtkSwitch            *remember_switch;
  GtkSpinner           *remember_spinner;
  GtkWidget            *lens_switch;
};

G_DEFINE_FINAL_TYPE (MbPreferencesWindow, mb_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_JOURNAL,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  PROTECT,
  UNPROTECT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The passphrase typed, checked against the key file; and a new one to
 * wrap the key with, when changing it.
 */
typedef struct
{
  char *current;
  char *new_passphrase;
} Check;

static void
check_free (Check *check)
{
  mb_wipe_string (check->current);
  mb_wipe_string (check->new_passphrase);
  g_free (check);
}

static void
check_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  MbJournal *journal = source_object;
  Check *check = task_data;
  g_autoptr(GFile) file = g_file_get_child (mb_journal_get_dir (journal), MB_CRYPT_KEY_FILE_NAME);
  g_autoptr(GBytes) bytes = g_file_load_bytes (file, cancellable, NULL, NULL);
  g_autoptr(MbCryptKey) key = NULL;
  GError *error = NULL;

  if (bytes == NULL)
    bytes = g_bytes_new (NULL, 0);
  if ((key = mb_crypt_key_file_unlock (bytes, check->current, &error)) == NULL ||
      (check->new_passphrase != NULL &&
       !mb_journal_change_passphrase (journal, check->new_passphrase, &error)))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Checks @current in a worker, and changes the passphrase to
 * @new_passphrase when given.
 */
static void
run_check (MbPreferencesWindow *self,
           const char          *current,
           const char          *new_passphrase,
           GAsyncReadyCallback  callback)
{
  g_autoptr(GTask) task = mb_journal_task_new (self->journal, self->cancellable, callback, g_object_ref (self));
  Check *check = g_new0 (Check, 1);

  check->current = g_strdup (current);
  check->new_passphrase = g_strdup (new_passphrase);
  g_task_set_source_tag (task, run_check);
  g_task_set_task_data (task, check, (GDestroyNotify) check_free);
  g_task_run_in_thread (task, check_worker);
}

static void
show_check_error (MbPreferencesWindow *self,
                  const GError        *error)
{
  if (g_error_matches (error, MB_CRYPT_ERROR, MB_CRYPT_ERROR_WRONG_PASSPHRASE))
    mb_show_error (GTK_WIDGET (self), _("Wrong Passphrase"),
                   _("That is not the passphrase of this journal. Nothing was changed."));
  else
    mb_show_error (GTK_WIDGET (self), _("Could Not Change the Protection"), error->message);
}

static void
set_checking (MbPreferencesWindow *self,
              gboolean             checking)
{
  gtk_widget_set_sensitive (self->protect_row, !checking);
  gtk_widget_set_sensitive (self->change_row, !checking);
  gtk_widget_set_visible (GTK_WIDGET (self->change_spinner), checking);
  gtk_spinner_set_spinning (self->change_spinner, checking);
}

/* The choices of the lock row, in seconds without input. */
static const guint lock_choices[] = { 0, 60, 5 * 60, 15 * 60, 30 * 60, 60 * 60 };

/* The choice nearest to the setting, which may be any number of seconds. */
static void
show_lock_after (MbPreferencesWindow *self)
{
  guint lock_after = g_settings_get_uint (self->settings, "lock-after");
  guint nearest = 0;

  for (guint i = 1; i < G_N_ELEMENTS (lock_choices); i++)
    {
      if (lock_after != 0 && (nearest == 0 || lock_choices[i] <= lock_after))
        nearest = i;
    }
  self->updating = TRUE;
  adw_combo_row_set_selected (self->lock_row, nearest);
  self->updating = FALSE;
}

static void
lock_selected_cb (MbPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->lock_row);

  if (self->updating || selected >= G_N_ELEMENTS (lock_choices))
    return;
  g_settings_set_uint (self->settings, "lock-after", lock_choices[selected]);
}

/* The switch and the rows as the journal is. */
static void
update (MbPreferencesWindow *self)
{
  gboolean protected = mb_journal_is_protected (self->journal);

  self->updating = TRUE;
  gtk_switch_set_active (self->protect_switch, protected);
  self->updating = FALSE;
  gtk_widget_set_visible (self->change_row, protected);
  gtk_widget_set_visible (GTK_WIDGET (self->lock_row), protected);
  gtk_widget_set_visible (self->remember_row, protected && mb_journal_is_unlocked (self->journal));
}

static void
protect_response_cb (MbPassphraseDialog  *dialog,
                     const char          *response,
                     MbPreferencesWindow *self)
{
  if (g_str_equal (response, "protect"))
    g_signal_emit (self, signals[PROTECT], 0, mb_passphrase_dialog_get_new (dialog));
}

static void
ask_protect (MbPreferencesWindow *self)
{
  MbPassphraseDialog *dialog;

  dialog = mb_passphrase_dialog_new (GTK_WINDOW (self), _("Protect the Journal?"),
                                     _("Choose a passphrase. Marbles encrypts every file of the journal with "
                                       "it, and then shows you a recovery key, once. Without the passphrase "
                                       "and the recovery key, no one can read the journal: not you, not "
                                       "Marbles, not anyone."),
                                     FALSE, TRUE, "protect", _("_Protect"), ADW_RESPONSE_SUGGESTED);
  g_signal_connect_object (dialog, "response", G_CALLBACK (protect_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The passphrase is right: the journal can be converted. */
static void
unprotect_checked_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(MbPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  Check *check = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          set_checking (self, FALSE);
          show_check_error (self, error);
        }
      return;
    }

  set_checking (self, FALSE);
  g_signal_emit (self, signals[UNPROTECT], 0, check->current);
}

static void
unprotect_response_cb (MbPassphraseDialog  *dialog,
                       const char          *response,
                       MbPreferencesWindow *self)
{
  if (!g_str_equal (response, "unprotect"))
    return;

  set_checking (self, TRUE);
  run_check (self, mb_passphrase_dialog_get_current (dialog), NULL, unprotect_checked_cb);
}

static void
ask_unprotect (MbPreferencesWindow *self)
{
  MbPassphraseDialog *dialog;

  dialog = mb_passphrase_dialog_new (GTK_WINDOW (self), _("Remove the Protection?"),
                                     _("Marbles then writes every file of the journal in plain text again: "
                                       "anyone with this computer, a backup or the synced folder can read "
                                       "it. Type the passphrase to go on."),
                                     TRUE, FALSE, "unprotect", _("_Remove Protection"),
                                     ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (unprotect_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The switch stays as it is until the journal is converted. */
static gboolean
protect_state_set_cb (MbPreferencesWindow *self,
                      gboolean             state)
{
  if (self->updating)
    return FALSE;

  if (state)
    ask_protect (self);
  else
    ask_unprotect (self);
  return TRUE;
}

static void
changed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(MbPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_checking (self, FALSE);
  if (error != NULL)
    show_check_error (self, error);
  else
    {
      /* tests/unlock-app.sh reads this. */
      g_debug ("Passphrase changed");
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("The passphrase is changed")));
    }
}

static void
change_response_cb (MbPassphraseDialog  *dialog,
                    const char          *response,
                    MbPreferencesWindow *self)
{
  if (!g_str_equal (response, "change"))
    return;

  set_checking (self, TRUE);
  run_check (self, mb_passphrase_dialog_get_current (dialog), mb_passphrase_dialog_get_new (dialog), changed_cb);
}

static void
change_activated_cb (MbPreferencesWindow *self)
{
  MbPassphraseDialog *dialog;

  dialog = mb_passphrase_dialog_new (GTK_WINDOW (self), _("Change the Passphrase?"),
                                     _("Only the passphrase changes: the recovery key stays the same."),
                                     TRUE, TRUE, "change", _("C_hange"), ADW_RESPONSE_SUGGESTED);
  g_signal_connect_object (dialog, "response", G_CALLBACK (change_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Remember on this computer */

static void
set_remembering (MbPreferencesWindow *self,
                 gboolean             remembering)
{
  gtk_widget_set_sensitive (self->remember_row, !remembering);
  gtk_widget_set_visible (GTK_WIDGET (self->remember_spinner), remembering);
  gtk_spinner_set_spinning (self->remember_spinner, remembering);
}

/* The switch as the keyring is. */
static void
set_remembered (MbPreferencesWindow *self,
                gboolean             remembered)
{
  self->updating = TRUE;
  gtk_switch_set_active (self->remember_switch, remembered);
  gtk_switch_set_state (self->remember_switch, remembered);
  self->updating = FALSE;
  set_remembering (self, FALSE);
}

static void
looked_up_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(MbPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean remembered = mb_keyring_lookup_finish (MB_JOURNAL (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_remembered (self, remembered);
  /* tests/keyring-app.sh reads this. */
  g_debug ("Key looked up: %s", remembered ? "remembered" : "not remembered");
  if (error != NULL)
    {
      g_message ("Could not ask the keyring: %s", error->message);
      gtk_widget_set_sensitive (self->remember_row, FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->remember_row),
                                   _("The keyring of this computer cannot be reached"));
    }
}

static void
remembered_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(MbPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean remember = g_async_result_is_tagged (result, mb_keyring_remember_async);
  gboolean done = remember ? mb_keyring_remember_finish (MB_JOURNAL (object), result, &error)
                           : mb_keyring_forget_finish (MB_JOURNAL (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_remembered (self, done ? remember : !remember);
  if (!done)
    mb_show_error (GTK_WIDGET (self),
                   remember ? _("Could Not Remember the Key") : _("Could Not Forget the Key"),
                   error->message);
  else
    /* tests/keyring-app.sh reads this. */
    g_debug ("Key %s", remember ? "remembered" : "forgotten");
}

/* The switch stays as it is until the keyring is done. */
static gboolean
remember_state_set_cb (MbPreferencesWindow *self,
                       gboolean             state)
{
  if (self->updating)
    return FALSE;

  set_remembering (self, TRUE);
  if (state)
    mb_keyring_remember_async (self->journal, self->cancellable, remembered_cb, g_object_ref (self));
  else
    mb_keyring_forget_async (self->journal, self->cancellable, remembered_cb, g_object_ref (self));
  return TRUE;
}

static void
mb_preferences_window_constructed (GObject *object)
{
  MbPreferencesWindow *self = MB_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (mb_preferences_window_parent_class)->constructed (object);

  g_assert (G_IS_SETTINGS (self->settings));
  g_assert (MB_IS_JOURNAL (self->journal));

  g_settings_bind (self->settings, "lens", self->lens_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::lock-after", G_CALLBACK (show_lock_after),
                           self, G_CONNECT_SWAPPED);
  show_lock_after (self);
  update (self);
  if (gtk_widget_get_visible (self->remember_row))
    {
      set_remembering (self, TRUE);
      mb_keyring_lookup_async (self->journal, self->cancellable, looked_up_cb, g_object_ref (self));
    }
}

static void
mb_preferences_window_dispose (GObject *object)
{
  MbPreferencesWindow *self = MB_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->journal);

  G_OBJECT_CLASS (mb_preferences_window_parent_class)->dispose (object);
}

static void
mb_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  MbPreferencesWindow *self = MB_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_JOURNAL:
      self->journal = g_value_dup_object (value);
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_preferences_window_class_init (MbPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mb_preferences_window_constructed;
  object_class->dispose = mb_preferences_window_dispose;
  object_class->set_property = mb_preferences_window_set_property;

  properties[PROP_JOURNAL] =
    g_param_spec_object ("journal", NULL, NULL, MB_TYPE_JOURNAL,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MbPreferencesWindow::protect:
   * @passphrase: the new passphrase, typed twice
   *
   * The leader chose to protect the journal.
   */
  signals[PROTECT] = g_signal_new ("protect", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * MbPreferencesWindow::unprotect:
   * @passphrase: the journal's passphrase, checked
   *
   * The leader chose to remove the protection.
   */
  signals[UNPROTECT] = g_signal_new ("unprotect", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/mb-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MbPreferencesWindow, protect_switch);
  gtk_widget_class_bind_template_child (widget_class, MbPreferencesWindow, protect_row);
  gtk_widget_class_bind_template_child (widget_class, MbPreferencesWindow, change_row);
  gtk_widget_class_bind_template_child (widget_class, MbPreferencesWindow, change_spinner);
  gtk_widget_class_bind_template_child (widget_class, MbPreferencesWindow, remember_row);
  gtk_widget_class_bind_template_child (widget_class, MbPreferencesWindow, remember_switch);
  gtk_widget_class_bind_template_child (widget_class, MbPreferencesWindow, remember_spinner);
  gtk_widget_class_bind_template_child (widget_class, MbPreferencesWindow, lock_row);
  gtk_widget_class_bind_template_child (widget_class, MbPreferencesWindow, lens_switch);
  gtk_widget_class_bind_template_callback (widget_class, protect_state_set_cb);
  gtk_widget_class_bind_template_callback (widget_class, change_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, remember_state_set_cb);
  gtk_widget_class_bind_template_callback (widget_class, lock_selected_cb);
}

static void
mb_preferences_window_init (MbPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/**
 * mb_preferences_window_new:
 * @journal: the journal the window shows, unlocked when protected
 *
 * Returns: (transfer none): the preferences, not shown yet
 */
GtkWidget *
mb_preferences_window_new (GtkWindow *parent,
                           GSettings *settings,
                           MbJournal *journal)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (MB_IS_JOURNAL (journal), NULL);

  return g_object_new (MB_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "settings", settings,
                       "journal", journal,
                       NULL);
}
