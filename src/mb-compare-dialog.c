/* mb-compare-dialog.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Two versions of a file that Marbles cannot merge, side by side (one
 * under the other in a narrow window): this journal's and the copy a
 * sync tool made, each as MbVersionView shows it, with a button under
 * the one (or each) that can be kept. Keeping one closes the dialog and
 * says so ("chosen"); when a file changed meanwhile, the two are read
 * again and shown, and the dialog says why.
 */

#define G_LOG_DOMAIN "mb-compare-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-compare-dialog.h"
#include "mb-version-view.h"
#include "mb-widgets.h"

/* From this width the two versions stand side by side. */
#define WIDE_FROM 720

struct _MbCompareDialog
{
  AdwWindow        parent_instance;

  MbJournal       *journal;
  MbProblem       *problem;
  MbVersions      *versions;
  GCancellable    *cancellable;
  gboolean         choosing;
  MbVersionSide    side;       /* the one being kept, while choosing */

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  AdwStatusPage   *gone_page;
  GtkBox          *sides;
};

G_DEFINE_FINAL_TYPE (MbCompareDialog, mb_compare_dialog, ADW_TYPE_WINDOW)

enum {
  CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void read_versions (MbCompareDialog *self);

/* The two versions */

static void
focus_first (MbCompareDialog *self)
{
  for (GtkWidget *side = gtk_widget_get_first_child (GTK_WIDGET (self->sides));
       side != NULL;
       side = gtk_widget_get_next_sibling (side))
    {
      GtkWidget *keep = mb_version_view_get_keep_button (MB_VERSION_VIEW (side));

      if (gtk_widget_get_visible (keep))
        {
          gtk_window_set_focus (GTK_WINDOW (self), keep);
          return;
        }
    }
}

static void
show_versions (MbCompareDialog *self,
               MbVersions      *versions)
{
  GtkWidget *child;

  g_set_object (&self->versions, versions);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sides))) != NULL)
    gtk_box_remove (self->sides, child);
  gtk_box_append (self->sides, mb_version_view_new (self->journal, versions, MB_VERSION_JOURNAL));
  gtk_box_append (self->sides, mb_version_view_new (self->journal, versions, MB_VERSION_COPY));
  gtk_stack_set_visible_child_name (self->stack, "versions");
  focus_first (self);
}

static void
compared_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(MbCompareDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MbVersions) versions = mb_journal_compare_finish (MB_JOURNAL (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (versions == NULL)
    {
      adw_status_page_set_description (self->gone_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "gone");
      return;
    }
  show_versions (self, versions);
}

static void
read_versions (MbCompareDialog *self)
{
  gtk_stack_set_visible_child_name (self->stack, "reading");
  mb_journal_compare_async (self->journal, self->problem, self->cancellable, compared_cb, g_object_ref (self));
}

/* Keeping one */

static void
chosen_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(MbCompareDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  self->choosing = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.keep", TRUE);
  if (mb_journal_choose_finish (MB_JOURNAL (object), result, &error))
    {
      g_signal_emit (self, signals[CHOSEN], 0, self->side);
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  adw_toast_overlay_add_toast (self->toast_overlay, mb_toast_new (error->message));
  if (g_error_matches (error, MB_JOURNAL_ERROR, MB_JOURNAL_ERROR_CHANGED))
    read_versions (self);
}

/* compare.keep (i): keeps the version of that side. */
static void
keep_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MbCompareDialog *self = MB_COMPARE_DIALOG (widget);
  MbVersionSide side = g_variant_get_int32 (parameter);

  if (self->choosing || self->versions == NULL || (side != MB_VERSION_JOURNAL && side != MB_VERSION_COPY))
    return;

  self->choosing = TRUE;
  self->side = side;
  gtk_widget_action_set_enabled (widget, "compare.keep", FALSE);
  mb_journal_choose_async (self->journal, self->versions, side, NULL, chosen_cb, g_object_ref (self));
}

/* The window */

static gboolean
close_shortcut (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  gtk_window_close (GTK_WINDOW (widget));
  return TRUE;
}

static void
set_wide (MbCompareDialog *self,
          gboolean         wide)
{
  GtkOrientation orientation = wide ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL;

  if (gtk_orientable_get_orientation (GTK_ORIENTABLE (self->sides)) == orientation)
    return;

  /* Side by side, the two are as wide; one under the other, each as
   * high as it needs.
   */
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->sides), orientation);
  gtk_box_set_homogeneous (self->sides, wide);
  gtk_box_set_spacing (self->sides, wide ? 24 : 36);
}

/* Turned before the window lays out what it holds, so that the versions
 * are never laid out side by side in a narrow window.
 */
static void
mb_compare_dialog_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  set_wide (MB_COMPARE_DIALOG (widget), width >= WIDE_FROM);

  GTK_WIDGET_CLASS (mb_compare_dialog_parent_class)->size_allocate (widget, width, height, baseline);
}

static void
mb_compare_dialog_dispose (GObject *object)
{
  MbCompareDialog *self = MB_COMPARE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->journal);
  g_clear_object (&self->problem);
  g_clear_object (&self->versions);

  G_OBJECT_CLASS (mb_compare_dialog_parent_class)->dispose (object);
}

static void
mb_compare_dialog_class_init (MbCompareDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mb_compare_dialog_dispose;
  widget_class->size_allocate = mb_compare_dialog_size_allocate;

  /**
   * MbCompareDialog::chosen:
   * @side: the #MbVersionSide kept
   *
   * One of the two versions is kept; the dialog closes.
   */
  signals[CHOSEN] =
    g_signal_new ("chosen",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/mb-compare-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MbCompareDialog, gone_page);
  gtk_widget_class_bind_template_child (widget_class, MbCompareDialog, sides);
  gtk_widget_class_bind_template_child (widget_class, MbCompareDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, MbCompareDialog, toast_overlay);

  gtk_widget_class_install_action (widget_class, "compare.keep", "i", keep_action);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, close_shortcut, NULL);
}

static void
mb_compare_dialog_init (MbCompareDialog *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Beside a narrow window (a phone, half a screen) the dialog starts no
 * wider than the window, with the versions one under the other.
 */
static void
fit_to (MbCompareDialog *self,
        GtkWindow       *parent)
{
  int width, height;
  int parent_width = 0, parent_height = 0;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (parent != NULL)
    {
      /* Not laid out yet, it is as large as it was asked to be. */
      gtk_window_get_default_size (parent, &parent_width, &parent_height);
      if (gtk_widget_get_width (GTK_WIDGET (parent)) > 0)
        {
          parent_width = gtk_widget_get_width (GTK_WIDGET (parent));
          parent_height = gtk_widget_get_height (GTK_WIDGET (parent));
        }
    }
  if (parent_width > 0)
    width = MIN (width, parent_width);
  if (parent_height > 0)
    height = MIN (height, MAX (parent_height, 360));
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  set_wide (self, width >= WIDE_FROM);
}

/**
 * mb_compare_dialog_new:
 * @problem: a conflict (see mb_problem_is_conflict())
 *
 * Reads the two versions of @problem and shows them.
 */
MbCompareDialog *
mb_compare_dialog_new (GtkWindow *parent,
                       MbJournal *journal,
                       MbProblem *problem)
{
  MbCompareDialog *self;

  g_return_val_if_fail (MB_IS_JOURNAL (journal), NULL);
  g_return_val_if_fail (MB_IS_PROBLEM (problem), NULL);

  self = g_object_new (MB_TYPE_COMPARE_DIALOG, "transient-for", parent, NULL);
  self->journal = g_object_ref (journal);
  self->problem = g_object_ref (problem);
  fit_to (self, parent);
  read_versions (self);
  return self;
}

/**
 * mb_compare_dialog_get_versions:
 *
 * Returns: (transfer none) (nullable): the versions shown, once read
 */
MbVersions *
mb_compare_dialog_get_versions (MbCompareDialog *self)
{
  g_return_val_if_fail (MB_IS_COMPARE_DIALOG (self), NULL);

  return self->versions;
}
