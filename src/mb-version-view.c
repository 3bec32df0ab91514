/* mb-version-view.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One of two versions of a file that Marbles cannot merge, as the
 * compare dialog shows it: whose it is (this journal's, or the copy a
 * sync tool made, from which device and when), when it last changed,
 * and what it holds: a conversation as it reads in an export, or the
 * people of people.json; for one that cannot be read, why, and its
 * text, to copy from. Under one that can be kept, the button that keeps
 * it (the dialog's compare.keep).
 */

#define G_LOG_DOMAIN "mb-version-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mb-export.h"
#include "mb-merge.h"
#include "mb-script-view.h"
#include "mb-text-field.h"
#include "mb-version-view.h"
#include "mb-wording.h"

/* Texts longer than this are shown in a field that scrolls, as in the
 * read view.
 */
#define LABEL_BYTES 10000

/* The text of a file that cannot be read is a label up to this many
 * characters, and longer, a field that scrolls (which then takes its
 * full height at once, see mb-text-field.c).
 */
#define FIELD_CHARS 20000

struct _MbVersionView
{
  AdwBin     parent_instance;

  /* Template widgets */
  GtkLabel  *heading_label;
  GtkLabel  *file_label;
  GtkLabel  *details_label;
  GtkWidget *content_box;
  GtkWidget *keep_button;
  GtkWidget *cannot_keep_label;
};

G_DEFINE_FINAL_TYPE (MbVersionView, mb_version_view, ADW_TYPE_BIN)

/* Whose version */

static const char *
tool_heading (MbSyncTool tool)
{
  switch (tool)
    {
    case MB_SYNC_TOOL_SYNCTHING:
      return _("Copy Made by Syncthing");
    case MB_SYNC_TOOL_NEXTCLOUD:
      return _("Copy Made by Nextcloud or ownCloud");
    case MB_SYNC_TOOL_DROPBOX:
      return _("Copy Made by Dropbox");
    }
  g_return_val_if_reached (NULL);
}

/* What the copy's name says: the tool, where it came from and when. */
static void
describe_copy (MbVersionView *self,
               const char    *name,
               GString       *details)
{
  MbConflictName about;

  if (!mb_merge_describe_conflict_name (name, &about))
    {
      gtk_label_set_label (self->heading_label, _("Copy Made by a Sync Tool"));
      return;
    }

  gtk_label_set_label (self->heading_label, tool_heading (about.tool));
  if (about.source != NULL && about.tool == MB_SYNC_TOOL_NEXTCLOUD)
    {
      /* Translators: %s is the name of a user of Nextcloud */
      g_string_append_printf (details, _("From user %s"), about.source);
    }
  else if (about.source != NULL)
    {
      /* Translators: %s is a device's name or a Syncthing device id, such as “ABCDEFG” */
      g_string_append_printf (details, _("From device %s"), about.source);
    }
  if (about.when != NULL)
    {
      g_autofree char *when = about.has_time ? mb_wording_moment (about.when) : mb_wording_day (about.when);

      if (details->len > 0)
        g_string_append_c (details, '\n');
      /* Translators: %s is a day and maybe a time, “24 Nov 2026, 14:05” or “24 Nov 2026” */
      g_string_append_printf (details, _("Set aside %s"), when);
    }
  mb_conflict_name_clear (&about);
}

static void
describe (MbVersionView *self,
          MbVersions    *versions,
          MbVersionSide  side)
{
  g_autofree char *name = g_file_get_basename (mb_versions_get_file (versions, side));
  g_autoptr(GString) details = g_string_new (NULL);
  GDateTime *modified = mb_versions_get_modified (versions, side);

  gtk_label_set_label (self->file_label, name);
  if (side == MB_VERSION_COPY)
    describe_copy (self, name, details);
  else
    gtk_label_set_label (self->heading_label, _("This Journal’s Version"));

  if (modified != NULL)
    {
      g_autofree char *when = mb_wording_moment (modified);

      if (details->len > 0)
        g_string_append_c (details, '\n');
      /* Translators: %s is a day and a time, “24 Nov 2026, 14:05” */
      g_string_append_printf (details, _("Last changed %s"), when);
    }
  gtk_label_set_label (self->details_label, details->str);
  gtk_widget_set_visible (GTK_WIDGET (self->details_label), details->len > 0);
}

/* What it holds */

static const char *
heading_class (guint level)
{
  return level <= 1 ? "title-4" : level == 2 ? "heading" : "caption-heading";
}

/* A text long enough to be slow as a label goes in a field that scrolls. */
static void
add_text (GtkWidget  *box,
          const char *text,
          const char *style_class)
{
  GtkWidget *label;

  if (strlen (text) > LABEL_BYTES)
    {
      gtk_box_append (GTK_BOX (box), mb_text_field_new_read_only (text, _("Notes")));
      return;
    }
  label = mb_add_label (box, text, style_class);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
}

/* @document as the read view would show it: headings, paragraphs,
 * labels over what follows, and items with a bullet.
 */
static void
show_document (MbVersionView *self,
               MbDocument    *document)
{
  for (guint i = 0; i < mb_document_get_n_blocks (document); i++)
    {
      const MbBlock *block = mb_document_get_block (document, i);
      g_autofree char *text = mb_block_dup_text (block);
      g_autofree char *item = NULL;
      GtkWidget *label;

      switch (mb_block_get_kind (block))
        {
        case MB_BLOCK_HEADING:
          label = mb_add_label (self->content_box, text, heading_class (mb_block_get_level (block)));
          if (i > 0)
            gtk_widget_set_margin_top (label, 6);
          break;
        case MB_BLOCK_LABEL:
          mb_add_label (self->content_box, text, "caption-heading");
          break;
        case MB_BLOCK_PARAGRAPH:
          add_text (self->content_box, text, NULL);
          break;
        case MB_BLOCK_ITEM:
          item = g_strconcat ("•  ", text, NULL);
          add_text (self->content_box, item, NULL);
          break;
        }
    }
}

static void
show_conversation (MbVersionView  *self,
                   MbJournal      *journal,
                   MbConversation *conversation)
{
  MbPerson *person = mb_journal_lookup_person (journal, mb_conversation_get_person_id (conversation));
  g_autoptr(MbDocument) document = mb_export_conversation_document (conversation, person);

  show_document (self, document);
}

static void
show_people (MbVersionView *self,
             GPtrArray     *people)
{
  if (people->len == 0)
    mb_add_label (self->content_box, _("No one"), "dim-label");

  for (guint i = 0; i < people->len; i++)
    {
      MbPerson *person = g_ptr_array_index (people, i);
      const char *role = mb_person_get_role (person);
      g_autofree char *text = NULL;

      /* Translators: a person and their role: “Sanne de Vries · Designer” */
      text = role != NULL && *role != '\0' ? g_strdup_printf (_("%s · %s"), mb_person_get_name (person), role)
                                           : g_strdup (mb_person_get_name (person));
      add_text (self->content_box, text, NULL);
    }
}

/* @reason on one line, without the file's name, which is shown above;
 * the place it names (“3:12: …”) in words.
 */
static char *
one_line (const char *reason,
          GFile      *file)
{
  g_autofree char *display = g_file_get_parse_name (file);
  g_autofree char *rest = NULL;
  guint64 line, column;
  char *end;

  if (g_str_has_prefix (reason, display) && reason[strlen (display)] == ':')
    reason += strlen (display) + 1;
  rest = g_strdelimit (g_strstrip (g_strdup (reason)), "\r\n\t", ' ');

  line = g_ascii_strtoull (rest, &end, 10);
  if (end == rest || *end != ':')
    return g_steal_pointer (&rest);
  column = g_ascii_strtoull (end + 1, &end, 10);
  if (*end != ':')
    return g_steal_pointer (&rest);
  /* Translators: why a file cannot be read, and where: “The file ends too soon (line 3, column 12)” */
  return g_strdup_printf (_("%s (line %u, column %u)"), g_strchug (end + 1), (guint) line, (guint) column);
}

/* Why it cannot be read, and its text, to copy from. */
static void
show_unreadable (MbVersionView *self,
                 MbVersions    *versions,
                 MbVersionSide  side)
{
  g_autofree char *reason = one_line (mb_versions_get_reason (versions, side), mb_versions_get_file (versions, side));
  g_autofree char *why = NULL;
  g_autofree char *text = NULL;
  GtkWidget *field;
  gboolean cut;

  /* Translators: %s says why, such as “The file ends before the object is closed (line 1, column 12)” */
  why = g_strdup_printf (_("Marbles cannot read this version: %s"), reason);
  mb_add_label (self->content_box, why, "warning");
  text = mb_versions_dup_text (versions, side, &cut);
  if (*text == '\0')
    {
      mb_add_label (self->content_box, _("The file is empty."), "dim-label");
      return;
    }

  /* A long text goes in a field that scrolls, and takes its most
   * height at once; a short one is a label, to select from.
   */
  if (g_utf8_strlen (text, -1) > FIELD_CHARS)
    {
      field = mb_text_field_new_read_only (text, _("Text of the file"));
      gtk_text_view_set_monospace (mb_text_field_get_view (MB_TEXT_FIELD (field)), TRUE);
      gtk_box_append (GTK_BOX (self->content_box), field);
    }
  else
    {
      field = mb_add_label (self->content_box, text, "monospace");
      gtk_label_set_selectable (GTK_LABEL (field), TRUE);
      gtk_widget_add_css_class (field, "mb-file-text");
    }
  if (cut)
    mb_add_label (self->content_box, _("Only the start of the file is shown."), "dim-label");
}

static void
show_keep (MbVersionView *self,
           MbVersions    *versions,
           MbVersionSide  side)
{
  gboolean can_choose = mb_versions_can_choose (versions, side);

  gtk_button_set_label (GTK_BUTTON (self->keep_button),
                        side == MB_VERSION_JOURNAL ? _("_Keep This Journal’s Version") : _("Keep the _Copy"));
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->keep_button), "i", side);
  gtk_widget_set_visible (self->keep_button, can_choose);
  gtk_widget_set_visible (self->cannot_keep_label, mb_versions_get_reason (versions, side) != NULL);
}

static void
mb_version_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MB_TYPE_VERSION_VIEW);

  G_OBJECT_CLASS (mb_version_view_parent_class)->dispose (object);
}

static void
mb_version_view_class_init (MbVersionViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mb_version_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/mb-version-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MbVersionView, cannot_keep_label);
  gtk_widget_class_bind_template_child (widget_class, MbVersionView, content_box);
  gtk_widget_class_bind_template_child (widget_class, MbVersionView, details_label);
  gtk_widget_class_bind_template_child (widget_class, MbVersionView, file_label);
  gtk_widget_class_bind_template_child (widget_class, MbVersionView, heading_label);
  gtk_widget_class_bind_template_child (widget_class, MbVersionView, keep_button);
}

static void
mb_version_view_init (MbVersionView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * mb_version_view_new:
 * @journal: the journal, to name the person a conversation is with
 * @versions: as read by mb_journal_compare_async()
 * @side: which of the two to show
 */
GtkWidget *
mb_version_view_new (MbJournal     *journal,
                     MbVersions    *versions,
                     MbVersionSide  side)
{
  MbVersionView *self;
  MbConversation *conversation;

  g_return_val_if_fail (MB_IS_JOURNAL (journal), NULL);
  g_return_val_if_fail (MB_IS_VERSIONS (versions), NULL);

  self = g_object_new (MB_TYPE_VERSION_VIEW, NULL);
  describe (self, versions, side);
  conversation = mb_versions_get_conversation (versions, side);
  if (conversation != NULL)
    show_conversation (self, journal, conversation);
  else if (mb_versions_get_people (versions, side) != NULL)
    show_people (self, mb_versions_get_people (versions, side));
  else
    show_unreadable (self, versions, side);
  show_keep (self, versions, side);
  return GTK_WIDGET (self);
}

/**
 * mb_version_view_get_keep_button:
 *
 * Returns: (transfer none): the button that keeps the version; shown
 *   only when it can be kept
 */
GtkWidget *
mb_version_view_get_keep_button (MbVersionView *self)
{
  g_return_val_if_fail (MB_IS_VERSION_VIEW (self), NULL);

  return self->keep_button;
}
