/* mb-missing-journal.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the window shows instead of the journal while Marbles waits for
 * it (see MbDataFolder): which folder, what is missing in it, and that
 * Marbles carries on by itself once it is there. Try Again looks at once;
 * Start a New Journal, after asking, forgets the journal Marbles had
 * there, so that an empty one starts in its place. A folder that is a
 * broken link cannot be written to, so it offers only Try Again.
 */

#define G_LOG_DOMAIN "mb-missing-journal"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-missing-journal.h"
#include "mb-widgets.h"

struct _MbMissingJournal
{
  AdwBin           parent_instance;

  MbDataFolder    *data_folder;

  /* Template widgets */
  AdwStatusPage   *status_page;
  GtkWidget       *start_new_button;
};

G_DEFINE_FINAL_TYPE (MbMissingJournal, mb_missing_journal, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DATA_FOLDER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* @path as people read it: their home folder as “~”. */
static char *
display_path (const char *path)
{
  const char *home = g_get_home_dir ();
  gsize length = strlen (home);

  if (length > 1 && g_str_has_prefix (path, home) && path[length] == G_DIR_SEPARATOR)
    {
      g_autofree char *rest = g_filename_display_name (path + length);

      return g_strconcat ("~", rest, NULL);
    }

  return g_filename_display_name (path);
}

/* What is missing, and what to do, in words. */
static char *
describe (MbDataFolder *data_folder)
{
  g_autofree char *folder = display_path (g_file_peek_path (mb_data_folder_get_dir (data_folder)));
  g_autofree char *target = NULL;

  switch (mb_data_folder_get_state (data_folder))
    {
    case MB_DATA_FOLDER_LINK_BROKEN:
      target = display_path (mb_data_folder_get_link_target (data_folder));
      /* Translators: the first %s is a folder, “~/.local/share/marbles”; the second where it leads */
      return g_markup_printf_escaped (_("The journal folder %s leads to %s, which is not there. If it is on a "
                                        "drive or in a vault that is not open yet, open it; Marbles will "
                                        "carry on by itself."),
                                      folder, target);

    case MB_DATA_FOLDER_NO_PEOPLE:
      /* Translators: %s is a folder, “~/.local/share/marbles”; people.json is a file name */
      return g_markup_printf_escaped (_("Marbles had a journal in %s, but its list of people, people.json, is "
                                        "not there. If the journal is still being copied or synced, wait; "
                                        "Marbles will carry on by itself."),
                                      folder);

    case MB_DATA_FOLDER_GONE:
    case MB_DATA_FOLDER_READY:
    case MB_DATA_FOLDER_NEW:
    default:
      /* Translators: %s is a folder, “~/.local/share/marbles” */
      return g_markup_printf_escaped (_("Marbles had a journal in %s. If it is on a drive or in a vault that "
                                        "is not open yet, open it; Marbles will carry on by itself."),
                                      folder);
    }
}

static void
update (MbMissingJournal *self)
{
  g_autofree char *description = NULL;

  /* Shown only while missing: the window takes it away after that. */
  if (!mb_data_folder_is_missing (self->data_folder))
    return;

  description = describe (self->data_folder);
  adw_status_page_set_description (self->status_page, description);
  gtk_widget_set_visible (self->start_new_button,
                          mb_data_folder_get_state (self->data_folder) != MB_DATA_FOLDER_LINK_BROKEN);
}

static void
try_again_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MbMissingJournal *self = MB_MISSING_JOURNAL (widget);
  GtkWidget *toast_overlay;

  mb_data_folder_look_again (self->data_folder);
  if (!mb_data_folder_is_missing (self->data_folder))
    return;

  /* The window's: this page goes once the journal is there, and a toast
   * must not go with it while it is still shown.
   */
  toast_overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (toast_overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (toast_overlay),
                                 adw_toast_new (_("The journal is still not there")));
}

static void
start_new_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       MbMissingJournal *self)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "start"))
    return;

  if (!mb_data_folder_forget (self->data_folder, &error))
    mb_show_error (GTK_WIDGET (self), _("Could Not Start a New Journal"), error->message);
}

static void
start_new_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MbMissingJournal *self = MB_MISSING_JOURNAL (widget);
  g_autofree char *folder = display_path (g_file_peek_path (mb_data_folder_get_dir (self->data_folder)));
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  /* Translators: %s is a folder, “~/.local/share/marbles” */
  body = g_strdup_printf (_("Marbles will stop waiting for the journal in %s and start an empty one "
                            "there. Do this only if the old journal is gone for good."),
                          folder);
  dialog = mb_question_new (widget, _("Start a New Journal?"), body,
                            "start", _("_Start a New Journal"), ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (start_new_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
mb_missing_journal_constructed (GObject *object)
{
  MbMissingJournal *self = MB_MISSING_JOURNAL (object);

  G_OBJECT_CLASS (mb_missing_journal_parent_class)->constructed (object);

  g_assert (MB_IS_DATA_FOLDER (self->data_folder));
  g_signal_connect_object (self->data_folder, "notify::state", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
}

static void
mb_missing_journal_dispose (GObject *object)
{
  MbMissingJournal *self = MB_MISSING_JOURNAL (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MB_TYPE_MISSING_JOURNAL);
  g_clear_object (&self->data_folder);

  G_OBJECT_CLASS (mb_missing_journal_parent_class)->dispose (object);
}

static void
mb_missing_journal_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MbMissingJournal *self = MB_MISSING_JOURNAL (object);

  switch (prop_id)
    {
    case PROP_DATA_FOLDER:
      g_value_set_object (value, self->data_folder);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_missing_journal_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  MbMissingJournal *self = MB_MISSING_JOURNAL (object);

  switch (prop_id)
    {
    case PROP_DATA_FOLDER:
      self->data_folder = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_missing_journal_class_init (MbMissingJournalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mb_missing_journal_constructed;
  object_class->dispose = mb_missing_journal_dispose;
  object_class->get_property = mb_missing_journal_get_property;
  object_class->set_property = mb_missing_journal_set_property;

  properties[PROP_DATA_FOLDER] =
    g_param_spec_object ("data-folder", NULL, NULL,
                         MB_TYPE_DATA_FOLDER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/mb-missing-journal.ui");
  gtk_widget_class_bind_template_child (widget_class, MbMissingJournal, status_page);
  gtk_widget_class_bind_template_child (widget_class, MbMissingJournal, start_new_button);

  gtk_widget_class_install_action (widget_class, "journal.try-again", NULL, try_again_action);
  gtk_widget_class_install_action (widget_class, "journal.start-new", NULL, start_new_action);
}

static void
mb_missing_journal_init (MbMissingJournal *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
mb_missing_journal_new (MbDataFolder *data_folder)
{
  g_return_val_if_fail (MB_IS_DATA_FOLDER (data_folder), NULL);

  return g_object_new (MB_TYPE_MISSING_JOURNAL, "data-folder", data_folder, NULL);
}

/**
 * mb_missing_journal_get_description:
 *
 * Returns: what the page says is missing, and what to do, as markup
 */
const char *
mb_missing_journal_get_description (MbMissingJournal *self)
{
  g_return_val_if_fail (MB_IS_MISSING_JOURNAL (self), NULL);

  return adw_status_page_get_description (self->status_page);
}
