/* mb-scale-choice.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The scale of a reflection question: a row of five buttons, 1 to 5,
 * with what the two ends mean beneath them. Pressing one chooses it
 * and saves it with the conversation; pressing the chosen one again, or
 * the clear button, clears the choice. The row is one stop for Tab, at
 * the value chosen; the arrow keys move along it and Space presses.
 */

#define G_LOG_DOMAIN "mb-scale-choice"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-scale-choice.h"

#define N_VALUES (MB_SCALE_MAX - MB_SCALE_MIN + 1)
/* Wide enough to hit with a finger, narrow enough for five at 360 pixels. */
#define BUTTON_WIDTH 56

struct _MbScaleChoice
{
  AdwBin          parent_instance;

  MbConversation *conversation;
  char           *key;
  GtkWidget      *buttons[N_VALUES];
  GtkWidget      *clear_button;
  gboolean        syncing; /* the buttons follow the conversation: not a choice */
};

G_DEFINE_FINAL_TYPE (MbScaleChoice, mb_scale_choice, ADW_TYPE_BIN)

/* The buttons show the value the conversation holds. */
static void
sync_buttons (MbScaleChoice *self)
{
  guint value = mb_conversation_get_scale (self->conversation, self->key);

  self->syncing = TRUE;
  for (guint i = 0; i < N_VALUES; i++)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->buttons[i]), value == MB_SCALE_MIN + i);
  self->syncing = FALSE;
  gtk_widget_set_sensitive (self->clear_button, value != 0);
}

static void
toggled_cb (GtkToggleButton *button,
            MbScaleChoice   *self)
{
  guint value = 0;

  if (self->syncing)
    return;

  for (guint i = 0; i < N_VALUES; i++)
    {
      if (self->buttons[i] == GTK_WIDGET (button))
        value = MB_SCALE_MIN + i;
    }
  g_assert (value != 0);

  /* Pressing the value chosen clears it. */
  if (!gtk_toggle_button_get_active (button))
    value = 0;
  mb_conversation_set_scale (self->conversation, self->key, value);
  sync_buttons (self);
}

static void
clear_clicked_cb (GtkButton     *button,
                  MbScaleChoice *self)
{
  mb_conversation_set_scale (self->conversation, self->key, 0);
  /* Focus stays in the row, not on a button that can no longer be pressed. */
  gtk_widget_grab_focus (self->buttons[0]);
}

static void
scale_changed_cb (MbConversation *conversation,
                  const char     *key,
                  MbScaleChoice  *self)
{
  if (g_strcmp0 (key, self->key) == 0)
    sync_buttons (self);
}

/* Which button has the keyboard: its index, or -1. */
static int
focused_button (MbScaleChoice *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  for (guint i = 0; i < N_VALUES; i++)
    {
      if (focus == self->buttons[i])
        return i;
    }
  return -1;
}

/* Where the keyboard enters the row: at the value chosen, else at 1. */
static gboolean
enter_row (MbScaleChoice *self)
{
  guint value = mb_conversation_get_scale (self->conversation, self->key);

  return gtk_widget_grab_focus (self->buttons[value != 0 ? value - MB_SCALE_MIN : 0]);
}

/* The row is one stop for Tab, as a group of radio buttons is, and the
 * arrow keys move along it; the clear button, when it can clear, is the
 * next stop.
 */
static gboolean
mb_scale_choice_focus (GtkWidget        *widget,
                       GtkDirectionType  direction)
{
  MbScaleChoice *self = MB_SCALE_CHOICE (widget);
  int current = focused_button (self);
  gboolean on_clear = gtk_widget_has_focus (self->clear_button);
  gboolean can_clear = gtk_widget_get_sensitive (self->clear_button);

  switch (direction)
    {
    case GTK_DIR_TAB_FORWARD:
      if (current >= 0)
        return can_clear && gtk_widget_grab_focus (self->clear_button);
      return !on_clear && enter_row (self);

    case GTK_DIR_TAB_BACKWARD:
      if (on_clear)
        return enter_row (self);
      if (current >= 0)
        return FALSE;
      return can_clear ? gtk_widget_grab_focus (self->clear_button) : enter_row (self);

    case GTK_DIR_LEFT:
    case GTK_DIR_RIGHT:
      if (current < 0)
        return on_clear ? enter_row (self) : FALSE;
      current += direction == GTK_DIR_RIGHT ? 1 : -1;
      /* At an end the keyboard stays where it is. */
      if (current >= 0 && current < N_VALUES)
        gtk_widget_grab_focus (self->buttons[current]);
      return TRUE;

    case GTK_DIR_UP:
    case GTK_DIR_DOWN:
    default:
      return GTK_WIDGET_CLASS (mb_scale_choice_parent_class)->focus (widget, direction);
    }
}

static void
mb_scale_choice_dispose (GObject *object)
{
  MbScaleChoice *self = MB_SCALE_CHOICE (object);

  g_clear_object (&self->conversation);

  G_OBJECT_CLASS (mb_scale_choice_parent_class)->dispose (object);
}

static void
mb_scale_choice_finalize (GObject *object)
{
  MbScaleChoice *self = MB_SCALE_CHOICE (object);

  g_free (self->key);

  G_OBJECT_CLASS (mb_scale_choice_parent_class)->finalize (object);
}

static void
mb_scale_choice_class_init (MbScaleChoiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mb_scale_choice_dispose;
  object_class->finalize = mb_scale_choice_finalize;
  GTK_WIDGET_CLASS (klass)->focus = mb_scale_choice_focus;

  gtk_widget_class_set_accessible_role (GTK_WIDGET_CLASS (klass), GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
mb_scale_choice_init (MbScaleChoice *self)
{
}

/* A label for one end of the scale, beneath the buttons. */
static GtkWidget *
end_label_new (const char *text,
               float       xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_justify (GTK_LABEL (label), xalign > 0.5 ? GTK_JUSTIFY_RIGHT : GTK_JUSTIFY_LEFT);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

/* The five buttons, linked, each read out with what it means. */
static GtkWidget *
add_buttons (MbScaleChoice *self,
             const char    *min_label,
             const char    *max_label)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_box_set_homogeneous (GTK_BOX (row), TRUE);
  gtk_widget_add_css_class (row, "linked");
  for (guint i = 0; i < N_VALUES; i++)
    {
      guint value = MB_SCALE_MIN + i;
      g_autofree char *number = g_strdup_printf ("%u", value);
      g_autofree char *described = NULL;

      if (value == MB_SCALE_MIN || value == MB_SCALE_MAX)
        /* Translators: how a screen reader reads an end of a scale: “1 of 5: Hardly” */
        described = g_strdup_printf (_("%u of %u: %s"), value, (guint) MB_SCALE_MAX,
                                     value == MB_SCALE_MIN ? min_label : max_label);
      else
        /* Translators: how a screen reader reads a value of a scale: “3 of 5” */
        described = g_strdup_printf (_("%u of %u"), value, (guint) MB_SCALE_MAX);

      self->buttons[i] = gtk_toggle_button_new_with_label (number);
      gtk_widget_set_size_request (self->buttons[i], BUTTON_WIDTH, -1);
      gtk_widget_set_tooltip_text (self->buttons[i], described);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->buttons[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, described, -1);
      g_signal_connect (self->buttons[i], "toggled", G_CALLBACK (toggled_cb), self);
      gtk_box_append (GTK_BOX (row), self->buttons[i]);
    }

  return row;
}

static void
build (MbScaleChoice    *self,
       MbScriptQuestion *question)
{
  const char *min_label = mb_localized_get (mb_script_question_get_scale_min_label (question));
  const char *max_label = mb_localized_get (mb_script_question_get_scale_max_label (question));
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *ends = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *scale = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *clamp = adw_clamp_new ();

  gtk_box_set_homogeneous (GTK_BOX (ends), TRUE);
  gtk_box_append (GTK_BOX (scale), add_buttons (self, min_label, max_label));
  gtk_box_append (GTK_BOX (ends), end_label_new (min_label, 0.0));
  gtk_box_append (GTK_BOX (ends), end_label_new (max_label, 1.0));
  gtk_box_append (GTK_BOX (scale), ends);
  /* The same width for every scale, whatever its labels: they wrap
   * beneath the buttons rather than widen them.
   */
  gtk_widget_set_size_request (scale, N_VALUES * BUTTON_WIDTH, -1);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), N_VALUES * BUTTON_WIDTH);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), N_VALUES * BUTTON_WIDTH / 2);
  adw_clamp_set_child (ADW_CLAMP (clamp), scale);
  gtk_box_append (GTK_BOX (top), clamp);

  self->clear_button = gtk_button_new_from_icon_name ("edit-clear-symbolic");
  gtk_widget_set_valign (self->clear_button, GTK_ALIGN_START);
  gtk_widget_add_css_class (self->clear_button, "flat");
  gtk_widget_set_tooltip_text (self->clear_button, _("Clear the Choice"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->clear_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Clear the Choice"), -1);
  g_signal_connect (self->clear_button, "clicked", G_CALLBACK (clear_clicked_cb), self);
  gtk_box_append (GTK_BOX (top), self->clear_button);

  gtk_widget_set_halign (top, GTK_ALIGN_START);
  adw_bin_set_child (ADW_BIN (self), top);
}

/**
 * mb_scale_choice_new:
 * @question: a reflection question of @conversation's script, with a
 *   scale
 *
 * Returns: (transfer floating): the row of choices for @question, which
 *   sets the value in @conversation and follows it
 */
GtkWidget *
mb_scale_choice_new (MbConversation   *conversation,
                     MbScriptQuestion *question)
{
  MbScaleChoice *self;
  const char *text;

  g_return_val_if_fail (MB_IS_CONVERSATION (conversation), NULL);
  g_return_val_if_fail (mb_script_question_has_scale (question), NULL);

  self = g_object_new (MB_TYPE_SCALE_CHOICE, NULL);
  self->conversation = g_object_ref (conversation);
  self->key = g_strdup (mb_script_question_get_id (question));
  build (self, question);

  text = mb_localized_get (mb_script_question_get_text (question));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  g_signal_connect_object (conversation, "scale-changed", G_CALLBACK (scale_changed_cb), self, 0);
  sync_buttons (self);
  return GTK_WIDGET (self);
}

/**
 * mb_scale_choice_get_value:
 *
 * Returns: the value chosen, or 0 for none
 */
guint
mb_scale_choice_get_value (MbScaleChoice *self)
{
  g_return_val_if_fail (MB_IS_SCALE_CHOICE (self), 0);

  return mb_conversation_get_scale (self->conversation, self->key);
}
