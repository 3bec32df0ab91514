/* mb-save-bar.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A failed save of people.json, shown where people are worked with, as
 * a conversation's own failed save is shown in it: a bar under the
 * header that says why, while Marbles keeps the names in memory and
 * keeps trying. It goes once the save gets through.
 */

#define G_LOG_DOMAIN "mb-save-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-save-bar.h"

/* The bar, and the label in it that says why. */
typedef struct
{
  GtkRevealer *bar;
  GtkLabel    *label;
} SaveBar;

static void
save_bar_free (gpointer  data,
               GClosure *closure)
{
  g_free (data);
}

static void
update (SaveBar   *bar,
        MbJournal *journal)
{
  /* Kept while the save is tried again, until one gets through. */
  const char *error = mb_journal_get_save_error (journal, G_OBJECT (journal));
  gboolean failed = error != NULL;

  if (failed)
    {
      /* Translators: %s says why, and names the file: “… people.json: No space left on device” */
      g_autofree char *message = g_strdup_printf (_("Could not save the list of people: %s. New names and "
                                                    "changes are kept while Marbles is open, and it "
                                                    "keeps trying."),
                                                  error);

      gtk_label_set_label (bar->label, message);
    }
  gtk_revealer_set_reveal_child (bar->bar, failed);
}

static void
save_state_changed_cb (MbJournal *journal,
                       GObject   *object,
                       SaveBar   *bar)
{
  if (object == G_OBJECT (journal))
    update (bar, journal);
}

/**
 * mb_people_save_bar_new:
 *
 * Returns: (transfer floating): a bar, shown while people.json of
 *   @journal cannot be saved, saying why
 */
GtkWidget *
mb_people_save_bar_new (MbJournal *journal)
{
  GtkWidget *bar = gtk_revealer_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (NULL);
  SaveBar *save_bar;
  GClosure *closure;

  g_return_val_if_fail (MB_IS_JOURNAL (journal), NULL);

  gtk_widget_set_name (bar, "people-save-bar");
  gtk_revealer_set_transition_type (GTK_REVEALER (bar), GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_widget_add_css_class (box, "mb-error-bar");
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_revealer_set_child (GTK_REVEALER (bar), box);

  save_bar = g_new0 (SaveBar, 1);
  save_bar->bar = GTK_REVEALER (bar);
  save_bar->label = GTK_LABEL (label);
  /* Gone with the bar, as with g_signal_connect_object(). */
  closure = g_cclosure_new (G_CALLBACK (save_state_changed_cb), save_bar, save_bar_free);
  g_object_watch_closure (G_OBJECT (bar), closure);
  g_signal_connect_closure (journal, "save-state-changed", closure, FALSE);
  update (save_bar, journal);
  return bar;
}
