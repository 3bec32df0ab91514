/* mb-application.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mb-application"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <stdlib.h>

#include "mb-application.h"
#include "mb-commands.h"
#include "mb-keyring.h"
#include "mb-lens-service.h"
#include "mb-passphrase-dialog.h"
#include "mb-preferences-window.h"
#include "mb-recovery-key-dialog.h"
#include "mb-script.h"
#include "mb-storage.h"
#include "mb-startup-probe.h"
#include "mb-unsaved-dialog.h"
#include "mb-widgets.h"
#include "mb-window.h"

struct _MbApplication
{
  AdwApplication  parent_instance;

  GSettings       *settings;
  MbScriptLibrary *script_library;
  MbJournal       *journal;
  MbDataFolder    *data_folder;
  gboolean         load_started;
  gboolean         keyring_tried;   /* the remembered key, once per journal opened */
  gboolean         keyring_pending; /* ... and being tried now */
  gboolean         converting;      /* the protection turned on or off, in a worker */
  struct _Conversion *conversion;   /* what to convert, until it starts */
  MbUnsavedDialog *unsaved_dialog;  /* weak: asking, on quit */
  guint            signal_sources[3];
  gint64           last_input;      /* monotonic µs of the last key, click or move */
  guint            lock_source;     /* locks once there was no input for a while */
  gboolean         locking;         /* taking in the last input before locking */
};

G_DEFINE_FINAL_TYPE (MbApplication, mb_application, ADW_TYPE_APPLICATION)

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  MbApplication *self = user_data;
  static const char *developers[] = { "The Marbles developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "application-name", _("Marbles"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Marbles developers"),
                         "developers", developers,
                         "version", PACKAGE_VERSION,
                         "website", PACKAGE_WEBSITE,
                         "issue-url", PACKAGE_BUGREPORT,
                         "copyright", "© 2026 The Marbles developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         /* Translators: replace this with your name(s) and e-mail address(es), one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

/* Every journal a window shows (one, outside tests), and the app's own. */
static GPtrArray *
get_journals (MbApplication *self)
{
  GPtrArray *journals = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->journal != NULL)
    g_ptr_array_add (journals, g_object_ref (self->journal));

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      MbJournal *journal = MB_IS_WINDOW (l->data) ? mb_window_get_journal (l->data) : NULL;

      if (journal != NULL && !g_ptr_array_find (journals, journal, NULL))
        g_ptr_array_add (journals, g_object_ref (journal));
    }

  return journals;
}

/* Writes everything now, and once more when that fails: a passing
 * failure should not stop anyone from quitting.
 */
static gboolean
save_all (GPtrArray *journals)
{
  for (guint attempt = 0; attempt < 2; attempt++)
    {
      gboolean saved = TRUE;

      for (guint i = 0; i < journals->len; i++)
        saved &= mb_journal_flush (g_ptr_array_index (journals, i));
      if (saved)
        return TRUE;
    }

  return FALSE;
}

/* Closes every window and quits. */
static void
leave (MbApplication *self)
{
  GList *windows;

  /* The question first: it must not outlive the window it belongs to. */
  if (self->unsaved_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->unsaved_dialog));
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (self))))
    gtk_window_destroy (windows->data);
  g_application_quit (G_APPLICATION (self));
}

static gboolean
leave_idle_cb (gpointer user_data)
{
  leave (user_data);
  return G_SOURCE_REMOVE;
}

/* The user chose to quit: once the dialog that asked is done. */
static void
leave_cb (GObject *owner)
{
  g_idle_add_full (G_PRIORITY_DEFAULT, leave_idle_cb, g_object_ref (owner), g_object_unref);
}

/* The one place that decides whether Marbles may quit, or close its
 * last window: at once when everything is on disk; otherwise only when
 * the user says so, asked with what could not be saved and why, and
 * then the dialog quits.
 */
static gboolean
may_leave (MbApplication *self,
           GtkWindow     *parent)
{
  g_autoptr(GPtrArray) journals = get_journals (self);

  if (save_all (journals))
    return TRUE;

  if (self->unsaved_dialog == NULL)
    g_set_weak_pointer (&self->unsaved_dialog,
                        mb_unsaved_dialog_new (parent, journals, leave_cb, G_OBJECT (self)));
  gtk_window_present (GTK_WINDOW (self->unsaved_dialog));
  return FALSE;
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  MbApplication *self = user_data;

  /* Not while every file is being converted: it would stop halfway. */
  if (self->converting)
    return;
  if (may_leave (self, gtk_application_get_active_window (GTK_APPLICATION (self))))
    leave (self);
}

/**
 * mb_application_close_window:
 * @window: one of the app's windows, asked to close
 *
 * Closing the last window quits: it closes once everything is saved,
 * or once the user chose what happens to what could not be.
 *
 * Returns: %TRUE when @window may close now
 */
gboolean
mb_application_close_window (MbApplication *self,
                             GtkWindow     *window)
{
  g_return_val_if_fail (MB_IS_APPLICATION (self), TRUE);
  g_return_val_if_fail (GTK_IS_WINDOW (window), TRUE);

  if (self->converting)
    return FALSE;

  /* The journal stays open in the other windows. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (l->data != window && MB_IS_WINDOW (l->data))
        return TRUE;
    }

  return may_leave (self, window);
}

static void load_journal_when_there (MbApplication *self);
static void schedule_lock (MbApplication *self);

/* A window on the app's journal: it reads the journal once it is unlocked. */
static GtkWindow *
new_window (MbApplication *self)
{
  GtkWindow *window = g_object_new (MB_TYPE_WINDOW,
                                    "application", self,
                                    "settings", mb_application_get_settings (self),
                                    "script-library", mb_application_get_script_library (self),
                                    "journal", mb_application_get_journal (self),
                                    "data-folder", mb_application_get_data_folder (self),
                                    NULL);

  g_signal_connect_object (window, "journal-unlocked", G_CALLBACK (load_journal_when_there),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (mb_application_get_journal (self), "notify::loaded", G_CALLBACK (schedule_lock),
                           self, G_CONNECT_SWAPPED);
  self->last_input = g_get_monotonic_time ();
  schedule_lock (self);
  if (self->keyring_pending)
    mb_window_set_opening (MB_WINDOW (window), TRUE);
  return window;
}

/* Closes every window and lets go of the journal (saved first): a new
 * window opens it again, with the passphrase when it is protected.
 */
static void
close_journal (MbApplication *self)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (self))))
    {
      if (MB_IS_WINDOW (windows->data))
        mb_window_save_state (windows->data);
      gtk_window_destroy (windows->data);
    }
  g_clear_object (&self->journal);
  g_clear_object (&self->data_folder);
  self->load_started = FALSE;
}

/* Keys pressed just before a signal may still be on their way from the
 * display server: they are taken in first, so every one is saved.
 */
static void
take_in_pending_input (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  gint64 until = g_get_monotonic_time () + 250 * G_TIME_SPAN_MILLISECOND;

  if (display == NULL)
    return;

  gdk_display_sync (display);
  while (g_main_context_pending (NULL) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

/* The app lock, for a journal protected with a passphrase: everything
 * saved, then the windows closed and the journal let go, so none of it
 * stays on screen or in memory; a new window asks for the passphrase and
 * opens the journal again where the leader was.
 */
static gboolean
may_lock (MbApplication *self)
{
  return self->journal != NULL && !self->converting &&
         mb_journal_is_protected (self->journal) &&
         mb_journal_is_unlocked (self->journal) &&
         mb_journal_is_loaded (self->journal);
}

/* tests/lock-app.sh reads these: the journal, and the conversation that
 * was open, let go of once nothing holds them any longer.
 */
static void
journal_dropped_cb (gpointer  data,
                    GObject  *where_it_was)
{
  g_debug ("Locked: the journal is no longer in memory");
}

static void
conversation_dropped_cb (gpointer  data,
                         GObject  *where_it_was)
{
  g_debug ("Locked: the conversation that was open is no longer in memory");
}

static void
lock_journal (MbApplication *self)
{
  g_autoptr(GPtrArray) journals = NULL;
  g_autofree char *open_id = NULL;
  GtkWindow *window = NULL;
  MbConversation *open;

  if (self->locking || !may_lock (self))
    return;

  /* Keys typed just before the screen locked are taken in first. */
  self->locking = TRUE;
  take_in_pending_input ();
  self->locking = FALSE;
  if (!may_lock (self))
    return;

  /* What cannot be saved stays in memory rather than be lost. */
  journals = get_journals (self);
  if (!save_all (journals))
    {
      g_message ("Not locked: not everything could be saved");
      mb_show_error (GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (self))),
                     _("The Journal Is Not Locked"),
                     _("Marbles could not save everything, and locking the journal now would lose what "
                       "was not saved. The window says why it could not be saved."));
      /* Tried again after a whole idle time, not at once. */
      self->last_input = g_get_monotonic_time ();
      schedule_lock (self);
      return;
    }
  g_clear_pointer (&journals, g_ptr_array_unref);

  /* The window the leader used last: where they come back to. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL && window == NULL; l = l->next)
    window = MB_IS_WINDOW (l->data) ? l->data : NULL;
  if (window != NULL)
    open_id = mb_window_dup_open_conversation_id (MB_WINDOW (window));
  if (open_id != NULL && (open = mb_journal_lookup_conversation (self->journal, open_id)))
    g_object_weak_ref (G_OBJECT (open), conversation_dropped_cb, NULL);
  g_object_weak_ref (G_OBJECT (self->journal), journal_dropped_cb, NULL);

  g_application_hold (G_APPLICATION (self));
  close_journal (self);
  window = new_window (self);
  if (open_id != NULL)
    mb_window_reopen_conversation (MB_WINDOW (window), open_id);
  gtk_window_present (window);
  g_application_release (G_APPLICATION (self));

  g_debug ("Locked");
}

static void
lock_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  lock_journal (user_data);
}

/* The lock action is there only for a journal that can be locked. */
static void
update_lock_action (MbApplication *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "lock");

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), may_lock (self));
}

static gboolean lock_when_idle_cb (gpointer user_data);

/* Waits for the rest of the idle time the settings give, from the last
 * input; never for a journal that cannot be locked.
 */
static void
schedule_lock (MbApplication *self)
{
  guint lock_after = g_settings_get_uint (mb_application_get_settings (self), "lock-after");
  gint64 since = g_get_monotonic_time () - self->last_input;
  gint64 left;

  g_clear_handle_id (&self->lock_source, g_source_remove);
  update_lock_action (self);
  if (lock_after == 0 || !may_lock (self))
    return;

  left = MAX (0, (gint64) lock_after * G_USEC_PER_SEC - since);
  self->lock_source = g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, (guint) (left / G_USEC_PER_SEC) + 1,
                                                  lock_when_idle_cb, self, NULL);
}

static gboolean
lock_when_idle_cb (gpointer user_data)
{
  MbApplication *self = user_data;
  guint lock_after = g_settings_get_uint (mb_application_get_settings (self), "lock-after");

  self->lock_source = 0;
  if (lock_after != 0 && g_get_monotonic_time () - self->last_input >= (gint64) lock_after * G_USEC_PER_SEC)
    lock_journal (self);
  else
    schedule_lock (self);
  return G_SOURCE_REMOVE;
}

/* Any key, click, scroll or move of the pointer in any of the app's
 * windows: the leader is there.
 */
static gboolean
input_cb (GtkEventControllerLegacy *controller,
          GdkEvent                 *event,
          MbApplication            *self)
{
  switch ((int) gdk_event_get_event_type (event))
    {
    case GDK_KEY_PRESS:
    case GDK_BUTTON_PRESS:
    case GDK_MOTION_NOTIFY:
    case GDK_SCROLL:
    case GDK_TOUCH_BEGIN:
      self->last_input = g_get_monotonic_time ();
      break;
    default:
      break;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
window_added_cb (MbApplication *self,
                 GtkWindow     *window)
{
  GtkEventController *controller = gtk_event_controller_legacy_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "event", G_CALLBACK (input_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (window), controller);
}

/* The screen locks: so does the journal. */
static void
screensaver_cb (MbApplication *self)
{
  gboolean active = FALSE;

  g_object_get (self, "screensaver-active", &active, NULL);
  if (active)
    lock_journal (self);
}

/* Turning the protection on or off, in a worker. */
typedef struct _Conversion
{
  char     *passphrase;
  gboolean  protect;
  char     *recovery_key;  /* set when protecting wrote the key file */
  char     *key_id;        /* of the journal's key before, if it had one */
} Conversion;

static void
conversion_free (Conversion *conversion)
{
  mb_wipe_string (conversion->passphrase);
  mb_wipe_string (conversion->recovery_key);
  g_free (conversion->key_id);
  g_free (conversion);
}

static void
convert_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  MbJournal *journal = source_object;
  Conversion *conversion = task_data;
  GError *error = NULL;
  gboolean done;

  if (conversion->protect)
    done = mb_journal_protect (journal, conversion->passphrase, &conversion->recovery_key, &error);
  else
    done = mb_journal_unlock (journal, conversion->passphrase, &error) &&
           mb_journal_unprotect (journal, &error);

  if (done)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
old_key_forgotten_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!mb_keyring_forget_finish (MB_JOURNAL (object), result, &error))
    g_message ("Could not remove the key remembered on this computer: %s", error->message);
}

/* Once the protection is off (or on with a new key), this computer no
 * longer keeps the old key.
 */
static void
forget_old_key (MbApplication *self,
                const char    *key_id)
{
  if (key_id != NULL)
    mb_keyring_forget_old_async (self->journal, key_id, NULL, old_key_forgotten_cb, NULL);
}

static void
converted_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(MbApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  Conversion *conversion = g_task_get_task_data (G_TASK (result));
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  self->converting = FALSE;
  g_application_release (G_APPLICATION (self));
  if (MB_IS_WINDOW (window))
    mb_window_set_busy (MB_WINDOW (window), NULL);
  load_journal_when_there (self);

  /* tests/unlock-app.sh reads these. */
  g_debug ("Converted: %s", mb_journal_is_protected (self->journal) ? "protected" : "plain");
  forget_old_key (self, conversion->key_id);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    mb_show_error (GTK_WIDGET (window),
                   conversion->protect ? _("Could Not Protect the Journal")
                                       : _("Could Not Remove the Protection"),
                   error->message);
  if (conversion->recovery_key != NULL)
    {
      g_debug ("Recovery key shown");
      gtk_window_present (GTK_WINDOW (mb_recovery_key_dialog_new (window, conversion->recovery_key)));
    }
}

/* Closes the journal (everything saved first), converts it in a worker
 * while a new window says so, then opens it again: the journal cannot be
 * converted while it is open.
 */
static void
convert_journal (MbApplication *self,
                 Conversion    *conversion)
{
  g_autoptr(GPtrArray) journals = get_journals (self);
  g_autoptr(GTask) task = NULL;
  GtkWindow *window;

  if (!save_all (journals))
    {
      mb_show_error (GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (self))),
                     _("Nothing Was Changed"),
                     _("Marbles could not save everything first. Try again in a moment."));
      self->converting = FALSE;
      conversion_free (conversion);
      return;
    }

  g_application_hold (G_APPLICATION (self));
  g_clear_pointer (&journals, g_ptr_array_unref);
  conversion->key_id = mb_journal_dup_key_id (self->journal);
  close_journal (self);
  self->keyring_tried = FALSE;
  self->keyring_pending = FALSE;

  window = new_window (self);
  mb_window_set_busy (MB_WINDOW (window),
                      conversion->protect ? _("Protecting the Journal…") : _("Removing the Protection…"));
  gtk_window_present (window);

  task = mb_journal_task_new (self->journal, NULL, converted_cb, g_object_ref (self));
  g_task_set_source_tag (task, convert_journal);
  g_task_set_task_data (task, conversion, (GDestroyNotify) conversion_free);
  g_task_run_in_thread (task, convert_worker);
}

static gboolean
convert_journal_cb (gpointer user_data)
{
  g_autoptr(MbApplication) self = user_data;

  convert_journal (self, g_steal_pointer (&self->conversion));
  return G_SOURCE_REMOVE;
}

/* Once the dialog that asked is gone: the windows close first. */
static void
start_conversion (MbApplication *self,
                  const char    *passphrase,
                  gboolean       protect)
{
  if (self->converting)
    return;

  self->converting = TRUE;
  self->conversion = g_new0 (Conversion, 1);
  self->conversion->passphrase = g_strdup (passphrase);
  self->conversion->protect = protect;
  g_idle_add (convert_journal_cb, g_object_ref (self));
}

static void
protect_cb (MbApplication *self,
            const char    *passphrase)
{
  start_conversion (self, passphrase, TRUE);
}

static void
unprotect_cb (MbApplication *self,
              const char    *passphrase)
{
  start_conversion (self, passphrase, FALSE);
}

/* Preferences of the journal the window shows, once it is open. */
static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  MbApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  MbJournal *journal;
  GtkWidget *preferences;

  if (!MB_IS_WINDOW (parent) || mb_window_is_busy (MB_WINDOW (parent)) || self->converting)
    return;
  journal = mb_window_get_journal (MB_WINDOW (parent));
  if ((mb_journal_is_protected (journal) && !mb_journal_is_unlocked (journal)) ||
      (self->data_folder != NULL && mb_data_folder_is_missing (self->data_folder)))
    return;

  preferences = mb_preferences_window_new (parent, mb_application_get_settings (self), journal);
  /* One of the app's windows, so that converting the journal closes it. */
  gtk_window_set_application (GTK_WINDOW (preferences), GTK_APPLICATION (self));
  g_signal_connect_object (preferences, "protect", G_CALLBACK (protect_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (preferences, "unprotect", G_CALLBACK (unprotect_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (preferences));
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "lock", lock_action },
  { "preferences", preferences_action },
  { "quit", quit_action },
};

/* How many times to try: the Marbles that was quitting goes away once,
 * so the second try normally succeeds.
 */
#define REGISTER_ATTEMPTS 5

/* Registers @app on the session bus. A Marbles that is quitting holds
 * its name there until its process ends (freeing a journal of
 * thousands of conversations takes a moment), without answering: one
 * started in that moment would find it, wait for it, and end with "no
 * reply" and no window. So, once it has gone, this one registers again
 * and shows the window itself.
 */
static gboolean
register_after_quitting_one (GApplication *app)
{
  for (guint attempt = 1; ; attempt++)
    {
      g_autoptr(GError) error = NULL;

      if (g_application_register (app, NULL, &error))
        return TRUE;
      if (attempt == REGISTER_ATTEMPTS || !g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NO_REPLY))
        {
          g_printerr ("Failed to register: %s\n", error->message);
          return FALSE;
        }
      g_debug ("Registering again, the Marbles before went away: %s", error->message);
    }
}

static int
mb_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  int status = mb_commands_run (options);

  if (status >= 0)
    return status;
  status = G_APPLICATION_CLASS (mb_application_parent_class)->handle_local_options (app, options);
  if (status >= 0)
    return status;
  return register_after_quitting_one (app) ? -1 : EXIT_FAILURE;
}

/* Which files were not written, and why: never what is in them. */
static void
log_unsaved (GPtrArray *journals)
{
  for (guint i = 0; i < journals->len; i++)
    {
      MbJournal *journal = g_ptr_array_index (journals, i);
      g_autoptr(GPtrArray) unsaved = mb_journal_get_unsaved (journal);

      for (guint j = 0; j < unsaved->len; j++)
        {
          GObject *object = g_ptr_array_index (unsaved, j);

          g_message ("Quitting on a signal without saving %s: %s",
                     g_file_peek_path (mb_journal_get_save_file (journal, object)),
                     mb_journal_get_save_error (journal, object));
        }
    }
}

/* SIGTERM, SIGHUP or SIGINT: the session ends, or someone stops the
 * app. There is no one to ask: save everything now, then quit.
 */
static gboolean
quit_signal_cb (gpointer user_data)
{
  MbApplication *self = user_data;
  g_autoptr(GPtrArray) journals = NULL;

  take_in_pending_input ();
  journals = get_journals (self);
  if (!save_all (journals))
    log_unsaved (journals);
  leave (self);
  return G_SOURCE_CONTINUE;
}

/* The judgement lens: its rules read in a worker, and on or off as
 * the settings say, with a toggle in the primary menu.
 */
static void
set_up_lens (MbApplication *self)
{
  GSettings *settings = mb_application_get_settings (self);
  MbLensService *lens = mb_lens_service_get_default ();
  g_autoptr(GAction) action = g_settings_create_action (settings, "lens");

  g_action_map_add_action (G_ACTION_MAP (self), action);
  g_settings_bind (settings, "lens", lens, "enabled", G_SETTINGS_BIND_GET);
  mb_lens_service_load (lens, mb_lens_default_language ());
}

static void
mb_application_startup (GApplication *app)
{
  MbApplication *self = MB_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *lock_accels[] = { "<Control>l", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (mb_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.lock", lock_accels);
  /* The window builds its shortcuts window when asked (see mb-window.c). */
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay", shortcuts_accels);
  update_lock_action (self);
  g_signal_connect (self, "window-added", G_CALLBACK (window_added_cb), NULL);
  g_signal_connect (self, "notify::screensaver-active", G_CALLBACK (screensaver_cb), NULL);
  g_signal_connect_object (mb_application_get_settings (self), "changed::lock-after", G_CALLBACK (schedule_lock),
                           self, G_CONNECT_SWAPPED);

  self->signal_sources[0] = g_unix_signal_add (SIGTERM, quit_signal_cb, self);
  self->signal_sources[1] = g_unix_signal_add (SIGHUP, quit_signal_cb, self);
  self->signal_sources[2] = g_unix_signal_add (SIGINT, quit_signal_cb, self);

  set_up_lens (self);
}

static void
mb_application_activate (GApplication *app)
{
  MbApplication *self = MB_APPLICATION (app);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL)
    {
      window = new_window (self);
      mb_startup_probe_attach_loading (window, G_OBJECT (mb_application_get_journal (self)));
    }

  gtk_window_present (window);
}

static void
mb_application_shutdown (GApplication *app)
{
  MbApplication *self = MB_APPLICATION (app);

  for (guint i = 0; i < G_N_ELEMENTS (self->signal_sources); i++)
    g_clear_handle_id (&self->signal_sources[i], g_source_remove);
  g_clear_handle_id (&self->lock_source, g_source_remove);

  /* The last chance for what was typed since quitting was decided. */
  if (self->journal != NULL && !mb_journal_flush (self->journal))
    g_message ("Quitting with changes that could not be saved");

  G_APPLICATION_CLASS (mb_application_parent_class)->shutdown (app);
}

static void
mb_application_dispose (GObject *object)
{
  MbApplication *self = MB_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->script_library);
  g_clear_object (&self->journal);
  g_clear_object (&self->data_folder);
  g_clear_weak_pointer (&self->unsaved_dialog);

  G_OBJECT_CLASS (mb_application_parent_class)->dispose (object);
}

static void
mb_application_class_init (MbApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = mb_application_dispose;

  app_class->handle_local_options = mb_application_handle_local_options;
  app_class->startup = mb_application_startup;
  app_class->activate = mb_application_activate;
  app_class->shutdown = mb_application_shutdown;
}

static void
mb_application_init (MbApplication *self)
{
  mb_commands_add_options (G_APPLICATION (self));
  /* So that GTK follows the screen lock (GtkApplication:screensaver-active). */
  g_object_set (self, "register-session", TRUE, NULL);
}

MbApplication *
mb_application_new (const char        *application_id,
                    GApplicationFlags  flags)
{
  g_return_val_if_fail (application_id != NULL, NULL);

  return g_object_new (MB_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", flags,
                       "resource-base-path", RESOURCE_PATH,
                       NULL);
}

/**
 * mb_application_get_settings:
 *
 * Returns: (transfer none): the application's settings, created on first use
 */
GSettings *
mb_application_get_settings (MbApplication *self)
{
  g_return_val_if_fail (MB_IS_APPLICATION (self), NULL);

  if (self->settings == NULL)
    self->settings = g_settings_new (BASE_ID);

  return self->settings;
}

/**
 * mb_application_get_script_library:
 *
 * Returns: (transfer none): the bundled scripts and the user's own, from
 *   `$XDG_DATA_HOME/marbles/scripts`; created and loaded on first use
 */
MbScriptLibrary *
mb_application_get_script_library (MbApplication *self)
{
  g_return_val_if_fail (MB_IS_APPLICATION (self), NULL);

  if (self->script_library == NULL)
    {
      g_autofree char *data_dir = mb_storage_dup_data_dir ();
      g_autofree char *path = g_build_filename (data_dir, "scripts", NULL);
      g_autoptr(GFile) user_dir = g_file_new_for_path (path);

      self->script_library = mb_script_library_new (SCRIPTS_RESOURCE_PATH, user_dir);
    }

  return self->script_library;
}

/* Marbles remembers it had a journal here, so that it waits for it if
 * it is not there at a later start.
 */
static void
note_journal (MbApplication *self)
{
  g_autoptr(GError) error = NULL;

  if (!mb_data_folder_note_journal (self->data_folder, &error))
    g_message ("Could not remember the journal's folder: %s", error->message);
}

static void
journal_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(MbApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!mb_journal_load_finish (MB_JOURNAL (object), result, &error))
    {
      g_message ("Could not read the journal: %s", error->message);
      return;
    }
  /* tests/lock-app.sh reads this. */
  g_debug ("Journal read");
  note_journal (self);
}

static gboolean
load_on_all_processors_cb (gpointer user_data)
{
  MbApplication *self = user_data;

  mb_journal_set_load_threads (self->journal, 0);
  return G_SOURCE_REMOVE;
}

static void
set_windows_opening (MbApplication *self,
                     gboolean       opening)
{
  self->keyring_pending = opening;
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (MB_IS_WINDOW (l->data))
        mb_window_set_opening (l->data, opening);
    }
}

static void
remembered_key_tried_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(MbApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean unlocked = mb_keyring_unlock_finish (MB_JOURNAL (object), result, &error);

  if (MB_JOURNAL (object) != self->journal)
    return;
  if (error != NULL)
    g_message ("Not opened with a remembered key: %s", error->message);
  set_windows_opening (self, FALSE);
  if (unlocked)
    {
      /* tests/keyring-app.sh reads this. */
      g_debug ("Unlocked with the key remembered on this computer");
      load_journal_when_there (self);
    }
}

/* The one place where the key this computer remembers is tried: when
 * the journal is opened, at start or after a conversion. A lock of the
 * app asks for the passphrase. The unlock page waits meanwhile.
 */
static void
try_remembered_key (MbApplication *self)
{
  if (self->keyring_tried)
    return;

  self->keyring_tried = TRUE;
  set_windows_opening (self, TRUE);
  mb_keyring_unlock_async (self->journal, NULL, remembered_key_tried_cb, g_object_ref (self));
}

/* Reads the journal once it is there (at once, unless Marbles waits for
 * it), and only once.
 */
static void
load_journal_when_there (MbApplication *self)
{
  if (self->load_started || self->converting || mb_data_folder_is_missing (self->data_folder))
    return;
  /* A protected journal once it is unlocked: with the key this computer
   * remembers, or on the unlock page (see MbUnlockPage).
   */
  if (mb_journal_is_protected (self->journal) && !mb_journal_is_unlocked (self->journal))
    {
      try_remembered_key (self);
      return;
    }

  self->load_started = TRUE;
  /* Read at once by one thread, and by the others once the window is on
   * screen: they would hold up its first frame.
   */
  mb_journal_set_load_threads (self->journal, 1);
  mb_journal_load_async (self->journal, NULL, journal_loaded_cb, g_object_ref (self));
  g_idle_add_full (G_PRIORITY_LOW, load_on_all_processors_cb, g_object_ref (self), g_object_unref);
}

/* people.json written for the first time makes this a journal to wait for. */
static void
journal_save_state_changed_cb (MbApplication *self,
                               GObject       *object)
{
  if (object == G_OBJECT (self->journal) &&
      mb_journal_get_save_state (self->journal, object) == MB_SAVE_STATE_SAVED)
    note_journal (self);
}

/**
 * mb_application_get_journal:
 *
 * Returns: (transfer none): the people and conversations, from
 *   `$XDG_DATA_HOME/marbles`; created on first use and read in the
 *   background, once it is there (see mb_application_get_data_folder())
 */
MbJournal *
mb_application_get_journal (MbApplication *self)
{
  g_return_val_if_fail (MB_IS_APPLICATION (self), NULL);

  if (self->journal == NULL)
    {
      g_autofree char *path = mb_storage_dup_data_dir ();
      g_autoptr(GFile) dir = g_file_new_for_path (path);

      self->journal = mb_journal_new (dir);
      self->data_folder = mb_data_folder_new (dir, NULL);
      g_signal_connect_object (self->data_folder, "notify::state", G_CALLBACK (load_journal_when_there),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->journal, "save-state-changed", G_CALLBACK (journal_save_state_changed_cb),
                               self, G_CONNECT_SWAPPED);
      load_journal_when_there (self);
    }

  return self->journal;
}

/**
 * mb_application_get_data_folder:
 *
 * Returns: (transfer none): whether the journal's folder is there, or
 *   Marbles waits for it; created with the journal
 */
MbDataFolder *
mb_application_get_data_folder (MbApplication *self)
{
  g_return_val_if_fail (MB_IS_APPLICATION (self), NULL);

  mb_application_get_journal (self);
  return self->data_folder;
}
