/* mb-script-view.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One script laid out to be read and studied before a conversation:
 * what it is for, the preparation questions, each step (purpose,
 * questions, phrasings, pitfalls) and the reflection questions.
 */

#define G_LOG_DOMAIN "mb-script-view"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-script-view.h"

struct _MbScriptView
{
  AdwBin     parent_instance;

  MbScript  *script;
  GtkWidget *page;  /* the child, while there is a script to show */

  /* Template widgets */
  GtkLabel  *length_label;
  GtkWidget *preparation_box;
  GtkWidget *preparation_list;
  GtkWidget *reflection_box;
  GtkWidget *reflection_list;
  GtkWidget *steps_list;
  GtkLabel  *summary_label;
  GtkLabel  *tags_label;
  GtkLabel  *title_label;
};

G_DEFINE_FINAL_TYPE (MbScriptView, mb_script_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SCRIPT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * mb_add_label:
 * @box: a vertical #GtkBox
 * @style_class: (nullable): a style class for the label
 *
 * Appends a wrapping, selectable label to @box.
 *
 * Returns: (transfer none): the label
 */
GtkWidget *
mb_add_label (GtkWidget  *box,
           const char *text,
           const char *style_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (style_class != NULL)
    gtk_widget_add_css_class (label, style_class);
  gtk_box_append (GTK_BOX (box), label);
  return label;
}

/**
 * mb_add_section:
 * @title_class: the style class of the title, such as "heading"
 * @description: (nullable): a line under the title
 * @spacing: between what the section holds
 *
 * Returns: (transfer none): a box at the end of @parent, with @title on
 *   top, to add the section's widgets to
 */
GtkWidget *
mb_add_section (GtkWidget  *parent,
                const char *title,
                const char *title_class,
                const char *description,
                int         spacing)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, spacing);

  mb_add_label (box, title, title_class);
  if (description != NULL)
    mb_add_label (box, description, "dim-label");
  gtk_box_append (GTK_BOX (parent), box);
  return box;
}

static GtkWidget *
add_box (GtkWidget *parent,
         int        spacing)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, spacing);

  gtk_box_append (GTK_BOX (parent), box);
  return box;
}

/* An item of a list, with a hanging bullet. */
static GtkWidget *
add_bullet (GtkWidget  *parent,
            const char *text,
            const char *style_class)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *bullet = gtk_label_new ("•");
  GtkWidget *label;

  gtk_widget_set_valign (bullet, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (row), bullet);
  label = mb_add_label (row, text, style_class);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (parent), row);
  return row;
}

/* A heading and its items, one per line with a bullet. */
static void
add_list (GtkWidget  *parent,
          const char *heading,
          GPtrArray  *texts,
          gboolean    quoted)
{
  GtkWidget *box;

  if (texts->len == 0)
    return;

  box = add_box (parent, 6);
  mb_add_label (box, heading, "heading");
  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = mb_localized_get (g_ptr_array_index (texts, i));
      /* Translators: an example phrasing, in quotes */
      g_autofree char *quote = g_strdup_printf (_("“%s”"), text);

      add_bullet (box, quoted ? quote : text, quoted ? "mb-phrase" : NULL);
    }
}

/* Fills @list with @questions, each with its hint; shows @section
 * when there are any.
 */
static void
fill_questions (GtkWidget *section,
                GtkWidget *list,
                GPtrArray *questions)
{
  for (guint i = 0; i < questions->len; i++)
    {
      MbScriptQuestion *question = g_ptr_array_index (questions, i);
      MbLocalized *hint = mb_script_question_get_hint (question);
      GtkWidget *item = add_box (list, 2);

      add_bullet (item, mb_localized_get (mb_script_question_get_text (question)), NULL);
      if (hint != NULL)
        gtk_widget_set_margin_start (mb_add_label (item, mb_localized_get (hint), "dim-label"), 16);
    }
  gtk_widget_set_visible (section, questions->len > 0);
}

/**
 * mb_script_view_add_step_guide:
 * @box: a vertical #GtkBox
 *
 * Appends what a step is for and how to go about it: its purpose, the
 * questions to ask, example phrasings and pitfalls.
 */
void
mb_script_view_add_step_guide (GtkWidget    *box,
                               MbScriptStep *step)
{
  mb_add_label (box, mb_localized_get (mb_script_step_get_purpose (step)), NULL);
  add_list (box, _("Questions to Ask"), mb_script_step_get_questions (step), FALSE);
  add_list (box, _("You Could Say"), mb_script_step_get_phrases (step), TRUE);
  add_list (box, _("Watch Out For"), mb_script_step_get_pitfalls (step), FALSE);
}

static void
add_step (GtkWidget    *parent,
          MbScriptStep *step,
          guint         number,
          guint         n_steps)
{
  GtkWidget *card = add_box (parent, 12);
  g_autofree char *count = NULL;

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "mb-step");

  /* Translators: above each step of a script: “Step 2 of 5” */
  count = g_strdup_printf (_("Step %u of %u"), number, n_steps);
  gtk_widget_add_css_class (mb_add_label (card, count, "caption-heading"), "dim-label");
  mb_add_label (card, mb_localized_get (mb_script_step_get_title (step)), "title-3");
  mb_script_view_add_step_guide (card, step);
}

static char *
describe_length (MbScript *script)
{
  guint n_steps = mb_script_get_steps (script)->len;
  guint minutes = mb_script_get_duration_minutes (script);
  g_autofree char *steps = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u step", "%u steps", n_steps),
                                            n_steps);

  if (minutes == 0)
    return g_steal_pointer (&steps);

  /* Translators: “5 steps · about 45 minutes” */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · about %u minute", "%s · about %u minutes",
                                       minutes),
                          steps, minutes);
}

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
}

/* The page is filled while it is out of the view, and shown whole, as a
 * new page would be.
 */
static void
rebuild (MbScriptView *self)
{
  GPtrArray *steps;
  g_autofree char *length = NULL;
  g_autofree char *tags = NULL;

  adw_bin_set_child (ADW_BIN (self), NULL);
  clear_box (self->preparation_list);
  clear_box (self->steps_list);
  clear_box (self->reflection_list);
  if (self->script == NULL)
    return;

  length = describe_length (self->script);
  tags = mb_script_join_tags (self->script);
  gtk_label_set_label (self->title_label, mb_localized_get (mb_script_get_title (self->script)));
  gtk_label_set_label (self->summary_label, mb_localized_get (mb_script_get_summary (self->script)));
  gtk_label_set_label (self->length_label, length);
  gtk_label_set_label (self->tags_label, tags);
  gtk_widget_set_visible (GTK_WIDGET (self->tags_label), mb_script_get_tags (self->script)->len > 0);

  fill_questions (self->preparation_box, self->preparation_list, mb_script_get_preparation (self->script));
  steps = mb_script_get_steps (self->script);
  for (guint i = 0; i < steps->len; i++)
    add_step (self->steps_list, g_ptr_array_index (steps, i), i + 1, steps->len);
  fill_questions (self->reflection_box, self->reflection_list, mb_script_get_reflection (self->script));
  adw_bin_set_child (ADW_BIN (self), self->page);
}

static void
mb_script_view_dispose (GObject *object)
{
  MbScriptView *self = MB_SCRIPT_VIEW (object);

  g_clear_object (&self->script);
  gtk_widget_dispose_template (GTK_WIDGET (self), MB_TYPE_SCRIPT_VIEW);
  g_clear_object (&self->page);

  G_OBJECT_CLASS (mb_script_view_parent_class)->dispose (object);
}

static void
mb_script_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MbScriptView *self = MB_SCRIPT_VIEW (object);

  switch (prop_id)
    {
    case PROP_SCRIPT:
      g_value_set_object (value, self->script);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_script_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MbScriptView *self = MB_SCRIPT_VIEW (object);

  switch (prop_id)
    {
    case PROP_SCRIPT:
      mb_script_view_set_script (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_script_view_class_init (MbScriptViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mb_script_view_dispose;
  object_class->get_property = mb_script_view_get_property;
  object_class->set_property = mb_script_view_set_property;

  properties[PROP_SCRIPT] =
    g_param_spec_object ("script", NULL, NULL,
                         MB_TYPE_SCRIPT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/mb-script-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MbScriptView, length_label);
  gtk_widget_class_bind_template_child (widget_class, MbScriptView, preparation_box);
  gtk_widget_class_bind_template_child (widget_class, MbScriptView, preparation_list);
  gtk_widget_class_bind_template_child (widget_class, MbScriptView, reflection_box);
  gtk_widget_class_bind_template_child (widget_class, MbScriptView, reflection_list);
  gtk_widget_class_bind_template_child (widget_class, MbScriptView, steps_list);
  gtk_widget_class_bind_template_child (widget_class, MbScriptView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, MbScriptView, tags_label);
  gtk_widget_class_bind_template_child (widget_class, MbScriptView, title_label);
}

static void
mb_script_view_init (MbScriptView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->page = g_object_ref (adw_bin_get_child (ADW_BIN (self)));
  adw_bin_set_child (ADW_BIN (self), NULL);
}

/**
 * mb_script_view_get_script:
 *
 * Returns: (transfer none) (nullable): the script shown
 */
MbScript *
mb_script_view_get_script (MbScriptView *self)
{
  g_return_val_if_fail (MB_IS_SCRIPT_VIEW (self), NULL);

  return self->script;
}

void
mb_script_view_set_script (MbScriptView *self,
                           MbScript     *script)
{
  g_return_if_fail (MB_IS_SCRIPT_VIEW (self));
  g_return_if_fail (script == NULL || MB_IS_SCRIPT (script));

  if (!g_set_object (&self->script, script))
    return;

  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCRIPT]);
}
