/* mb-widgets.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Rows, texts and dialogs that more than one page shows. */

#define G_LOG_DOMAIN "mb-widgets"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mb-problem.h"
#include "mb-promise-talk.h"
#include "mb-scale-choice.h"
#include "mb-script-view.h"
#include "mb-text-field.h"
#include "mb-widgets.h"

/* What a problem row says under the file's name: @message without the
 * file's path in front, which the name and the tooltip give, so the
 * reason fits a narrow window; “12:4: …” becomes “Line 12, column 4: …”.
 */
static char *
problem_reason (GFile      *file,
                const char *message)
{
  g_autofree char *display = g_file_get_parse_name (file);
  g_autofree char *reason = NULL;
  const char *rest;
  guint64 line, column;
  char *end;

  if (!g_str_has_prefix (message, display) || message[strlen (display)] != ':')
    return g_strdup (message);

  rest = message + strlen (display) + 1;
  line = g_ascii_strtoull (rest, &end, 10);
  if (end == rest || end[0] != ':' || !g_ascii_isdigit (end[1]))
    return g_strstrip (g_strdup (rest));
  column = g_ascii_strtoull (end + 1, &end, 10);
  if (end[0] != ':')
    return g_strstrip (g_strdup (rest));

  reason = g_strstrip (g_strdup (end + 1));
  /* Translators: where in a file the reason (the last %s) was found */
  return g_strdup_printf (_("Line %u, column %u: %s"),
                          (guint) MIN (line, G_MAXUINT), (guint) MIN (column, G_MAXUINT), reason);
}

/**
 * mb_problem_row_new:
 * @item: a #MbProblem
 *
 * A #GtkListBoxCreateWidgetFunc for a file that could not be loaded:
 * its name, and why; for a conflict, a button that compares the two
 * versions (conversations.compare-versions, with the file's path).
 */
GtkWidget *
mb_problem_row_new (gpointer item,
                    gpointer user_data)
{
  MbProblem *problem = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  g_autofree char *name = g_file_get_basename (mb_problem_get_file (problem));
  g_autofree char *reason = problem_reason (mb_problem_get_file (problem), mb_problem_get_message (problem));

  gtk_widget_add_css_class (icon, "warning");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), reason);
  gtk_widget_set_tooltip_text (row, mb_problem_get_message (problem));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  if (mb_problem_is_conflict (problem))
    {
      GtkWidget *compare = gtk_button_new_with_label (_("Compare…"));

      gtk_widget_set_valign (compare, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (compare, _("Compare the two versions and keep one"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (compare), "conversations.compare-versions");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (compare), "s",
                                        g_file_peek_path (mb_problem_get_file (problem)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), compare);
    }
  return row;
}

/**
 * mb_toast_new:
 * @text: what the toast says, plain text (a file's name, a message)
 *
 * A toast that shows @text as it is: libadwaita 1.2 reads a toast's
 * title as markup, where an “&” or “<” in a name would break it.
 *
 * Returns: (transfer full): the toast
 */
AdwToast *
mb_toast_new (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  return adw_toast_new (escaped);
}

/**
 * mb_add_kept_notice:
 * @box: a vertical #GtkBox
 * @text: such as “1 agreement written by another version is kept but
 *   not shown”
 *
 * Adds a quiet line saying that the journal holds something this
 * version cannot show, which it keeps.
 *
 * Returns: (transfer none): the label
 */
GtkWidget *
mb_add_kept_notice (GtkWidget  *box,
                    const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_set_margin_top (label, 6);
  gtk_box_append (GTK_BOX (box), label);
  return label;
}

/**
 * mb_add_kept_agreements:
 *
 * Adds a notice of the agreements in @conversation's file that this
 * version cannot show, when there are any.
 *
 * Returns: (transfer none) (nullable): the label
 */
GtkWidget *
mb_add_kept_agreements (GtkWidget      *box,
                        MbConversation *conversation)
{
  g_autofree char *text = mb_describe_kept_agreements (conversation);

  return text != NULL ? mb_add_kept_notice (box, text) : NULL;
}

/**
 * mb_describe_kept_agreements:
 *
 * Returns: (transfer full) (nullable): how many agreements in
 *   @conversation's file this version cannot show, or %NULL for none
 */
char *
mb_describe_kept_agreements (MbConversation *conversation)
{
  guint n = mb_conversation_get_n_kept_agreements (conversation);

  if (n == 0)
    return NULL;
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u agreement written by another version is kept but not shown",
                                       "%u agreements written by another version are kept but not shown", n), n);
}

/**
 * mb_add_kept_marbles:
 *
 * Adds a notice of the marbles in @conversation's file that this
 * version cannot show, when there are any.
 *
 * Returns: (transfer none) (nullable): the label
 */
GtkWidget *
mb_add_kept_marbles (GtkWidget      *box,
                     MbConversation *conversation)
{
  g_autofree char *text = mb_describe_kept_marbles (conversation);

  return text != NULL ? mb_add_kept_notice (box, text) : NULL;
}

/**
 * mb_describe_kept_marbles:
 *
 * Returns: (transfer full) (nullable): how many marbles in
 *   @conversation's file this version cannot show, or %NULL for none
 */
char *
mb_describe_kept_marbles (MbConversation *conversation)
{
  guint n = mb_conversation_get_n_kept_marbles (conversation);

  if (n == 0)
    return NULL;
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u marble written by another version is kept but not shown",
                                       "%u marbles written by another version are kept but not shown", n), n);
}

static GtkWindow *
window_of (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/**
 * mb_question_new:
 * @parent: a widget in the window the dialog belongs to
 * @response: the id of the answer that goes ahead
 * @label: its button
 * @appearance: %ADW_RESPONSE_DESTRUCTIVE for what cannot be undone, which
 *   makes Cancel the default; %ADW_RESPONSE_SUGGESTED otherwise
 *
 * Returns: (transfer none): a dialog asking @heading, with Cancel and
 *   @label; not yet shown
 */
AdwMessageDialog *
mb_question_new (GtkWidget             *parent,
                 const char            *heading,
                 const char            *body,
                 const char            *response,
                 const char            *label,
                 AdwResponseAppearance  appearance)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window_of (parent), heading, body));

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), response, label, NULL);
  adw_message_dialog_set_response_appearance (dialog, response, appearance);
  adw_message_dialog_set_default_response (dialog,
                                           appearance == ADW_RESPONSE_DESTRUCTIVE ? "cancel" : response);
  adw_message_dialog_set_close_response (dialog, "cancel");
  return dialog;
}

/* A response of a dialog that needs some text typed first. */
typedef struct
{
  AdwMessageDialog *dialog;
  char             *response;
} RequiredText;

static void
required_text_free (gpointer  data,
                    GClosure *closure)
{
  RequiredText *required = data;

  g_free (required->response);
  g_free (required);
}

static void
required_text_changed_cb (GtkEditable  *editable,
                          RequiredText *required)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  adw_message_dialog_set_response_enabled (required->dialog, required->response, *text != '\0');
}

/**
 * mb_require_text:
 *
 * Makes @response of @dialog possible only while @editable holds more
 * than white space.
 */
void
mb_require_text (AdwMessageDialog *dialog,
                 const char       *response,
                 GtkEditable      *editable)
{
  RequiredText *required = g_new0 (RequiredText, 1);
  GClosure *closure;

  required->dialog = dialog;
  required->response = g_strdup (response);
  /* Gone with the dialog, as with g_signal_connect_object(). */
  closure = g_cclosure_new (G_CALLBACK (required_text_changed_cb), required, required_text_free);
  g_object_watch_closure (G_OBJECT (dialog), closure);
  g_signal_connect_closure (editable, "changed", closure, FALSE);
  required_text_changed_cb (editable, required);
}

/**
 * mb_show_error:
 * @parent: a widget in the window the message belongs to
 *
 * Says what went wrong, with a Close button.
 */
void
mb_show_error (GtkWidget  *parent,
               const char *heading,
               const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (window_of (parent), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * mb_describe_state:
 *
 * Returns: where @conversation is, in a word: preparing, talking,
 *   reflecting or finished
 */
const char *
mb_describe_state (MbConversation *conversation)
{
  if (mb_conversation_get_finished (conversation))
    return _("Finished");

  switch (mb_conversation_get_phase (conversation))
    {
    case MB_PHASE_TALK:
      return _("Talking");
    case MB_PHASE_REFLECT:
      return _("Reflecting");
    case MB_PHASE_PREPARE:
    default:
      return _("Preparing");
    }
}

/**
 * mb_display_name:
 *
 * A name as labels show it: its first %MB_TEXT_MAX_NAME_CHARS characters
 * at most. A label lays out all of its text however little shows, and a
 * name from a file can have thousands.
 *
 * Returns: (transfer full): @name, shortened if need be
 */
char *
mb_display_name (const char *name)
{
  return mb_text_excerpt (name, MB_TEXT_MAX_NAME_CHARS);
}

/* For g_object_bind_property_full(), from a name to what shows it. */
gboolean
mb_display_name_transform (GBinding     *binding,
                           const GValue *from,
                           GValue       *to,
                           gpointer      user_data)
{
  g_value_take_string (to, mb_display_name (g_value_get_string (from)));
  return TRUE;
}

/**
 * mb_limit_entry:
 * @editable: a #GtkEntry, #AdwEntryRow or other editable with a #GtkText
 * @chars: the most characters it takes
 *
 * Keeps a one-line field to @chars characters: more pasted are cut off,
 * as GTK does.
 */
void
mb_limit_entry (GtkEditable *editable,
                int          chars)
{
  GtkEditable *delegate = editable;

  while (gtk_editable_get_delegate (delegate) != NULL)
    delegate = gtk_editable_get_delegate (delegate);
  if (GTK_IS_TEXT (delegate))
    gtk_text_set_max_length (GTK_TEXT (delegate), chars);
}

/* A draft a dialog's entry types into (see mb_draft_entry_bind()). */
typedef struct
{
  GtkEditable    *entry;
  MbConversation *conversation;
  MbTextKind      kind;
  char           *key;
  char           *before;  /* the draft as the entry found it */
} DraftEntry;

static void
draft_entry_free (gpointer  data,
                  GClosure *closure)
{
  DraftEntry *draft = data;

  g_object_unref (draft->conversation);
  g_free (draft->key);
  g_free (draft->before);
  g_free (draft);
}

static void
draft_entry_changed_cb (GtkEditable *entry,
                        DraftEntry  *draft)
{
  mb_conversation_set_text (draft->conversation, draft->kind, draft->key, gtk_editable_get_text (entry));
}

/* A dialog gives its first field the focus with all of it selected, so
 * the first key typed would replace the draft: it starts after it.
 */
static void
draft_entry_mapped_cb (GtkWidget *entry)
{
  if (GTK_IS_ENTRY (entry))
    gtk_entry_grab_focus_without_selecting (GTK_ENTRY (entry));
  gtk_editable_set_position (GTK_EDITABLE (entry), -1);
}

/* Added, the draft stays what was typed, for the dialog to add; else it
 * is put back as the entry found it. Either way the entry types into it
 * no more.
 */
static void
draft_entry_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         DraftEntry       *draft)
{
  g_signal_handlers_disconnect_by_func (draft->entry, draft_entry_changed_cb, draft);
  if (g_strcmp0 (response, "add") != 0)
    mb_conversation_set_text (draft->conversation, draft->kind, draft->key, draft->before);
}

/**
 * mb_draft_entry_bind:
 * @dialog: the dialog @entry is in, whose "add" response adds the draft
 * @kind: %MB_TEXT_AGREEMENT_DRAFT or %MB_TEXT_MARBLE_DRAFT
 *
 * Makes @entry type into a draft of @conversation (what the leader
 * typed and has not added yet): it starts from the draft, the cursor at
 * its end (not all of it selected, as a dialog's first field is), and
 * each key is in the conversation at once, saved as notes are, so a
 * crash loses none of it. Any response but "add" puts the draft back as
 * it was. Call it before connecting to the response, which then finds
 * the draft settled.
 */
void
mb_draft_entry_bind (AdwMessageDialog *dialog,
                     GtkEditable      *entry,
                     MbConversation   *conversation,
                     MbTextKind        kind,
                     const char       *key)
{
  DraftEntry *draft = g_new0 (DraftEntry, 1);

  draft->entry = entry;
  draft->conversation = g_object_ref (conversation);
  draft->kind = kind;
  draft->key = g_strdup (key);
  draft->before = g_strdup (mb_conversation_get_text (conversation, kind, key));
  gtk_editable_set_text (entry, draft->before);
  g_signal_connect (entry, "changed", G_CALLBACK (draft_entry_changed_cb), draft);
  g_signal_connect (entry, "map", G_CALLBACK (draft_entry_mapped_cb), NULL);
  g_signal_connect_data (dialog, "response", G_CALLBACK (draft_entry_response_cb), draft, draft_entry_free, 0);
}

/* What a settle dialog marks, and where its marble goes. */
typedef struct
{
  MbAgreement    *agreement;
  MbConversation *marble_to;
  gboolean        kept;
} Settle;

static void
settle_free (gpointer  data,
             GClosure *closure)
{
  Settle *settle = data;

  g_object_unref (settle->agreement);
  g_object_unref (settle->marble_to);
  g_free (settle);
}

static void
settle_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    Settle           *settle)
{
  if (g_strcmp0 (response, "mark") != 0 && g_strcmp0 (response, "marble") != 0)
    return;

  mb_agreement_set_status (settle->agreement, settle->kept ? MB_AGREEMENT_KEPT : MB_AGREEMENT_NOT_KEPT);
  if (g_str_equal (response, "marble"))
    {
      g_autofree char *reason = g_strdup_printf (settle->kept ? _("Kept: %s") : _("Not kept: %s"),
                                                 mb_agreement_get_text (settle->agreement));

      mb_conversation_add_marble (settle->marble_to, settle->kept, reason);
    }

  /* Where the marble goes, a conversation with the person it was made to. */
  mb_offer_promise_talk (GTK_WIDGET (gtk_window_get_transient_for (GTK_WINDOW (dialog))),
                         settle->agreement, mb_conversation_get_person_id (settle->marble_to));
}

/**
 * mb_offer_promise_talk:
 * @widget: (nullable): a widget in the window that offers it
 * @agreement: an agreement just marked
 * @person_id: who it was made with
 *
 * When @agreement is a promise of the leader's marked not kept, offers a
 * conversation with @person_id about it, with the window's
 * `win.offer-promise-talk`.
 */
void
mb_offer_promise_talk (GtkWidget   *widget,
                       MbAgreement *agreement,
                       const char  *person_id)
{
  g_return_if_fail (MB_IS_AGREEMENT (agreement));

  if (widget == NULL || person_id == NULL ||
      mb_agreement_get_status (agreement) != MB_AGREEMENT_NOT_KEPT || !mb_promise_talk_offered (agreement))
    return;

  gtk_widget_activate_action (widget, "win.offer-promise-talk", "(ss)", person_id, mb_agreement_get_id (agreement));
}

/**
 * mb_settle_dialog_present:
 * @parent: a widget in the window the dialog belongs to
 * @agreement: an open agreement
 * @marble_to: the conversation a marble for it goes in
 * @kept: whether @agreement was kept
 *
 * Marks @agreement kept or not kept, asking first whether a marble goes
 * in (kept) or out (not kept) with it. The status is set and the marble
 * added before any other handler of the dialog's #AdwMessageDialog::response
 * runs. A promise of the leader's marked not kept brings the offer of
 * mb_offer_promise_talk().
 *
 * Returns: (transfer none): the dialog, shown
 */
AdwMessageDialog *
mb_settle_dialog_present (GtkWidget      *parent,
                          MbAgreement    *agreement,
                          MbConversation *marble_to,
                          gboolean        kept)
{
  AdwMessageDialog *dialog;
  Settle *settle = g_new0 (Settle, 1);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window_of (parent),
                                                       kept ? _("Promise Kept") : _("Promise Not Kept"),
                                                       kept ? _("A kept promise builds trust. Add a marble to the jar for it?")
                                                            : _("A broken promise costs trust. Take a marble out of the jar for it?")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "mark", kept ? _("Only Mark _Kept") : _("Only Mark _Not Kept"),
                                    "marble", kept ? _("Add a _Marble") : _("Take a _Marble Out"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "marble",
                                              kept ? ADW_RESPONSE_SUGGESTED : ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, kept ? "marble" : "mark");
  adw_message_dialog_set_close_response (dialog, "cancel");
  settle->agreement = g_object_ref (agreement);
  settle->marble_to = g_object_ref (marble_to);
  settle->kept = kept;
  g_signal_connect_data (dialog, "response", G_CALLBACK (settle_response_cb), settle, settle_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/**
 * mb_add_remove_button:
 * @label: what a screen reader hears, which says what goes
 * @callback: called as for #GtkButton::clicked, with @item
 *
 * Adds a button at the end of @row that removes @item when clicked.
 */
void
mb_add_remove_button (AdwActionRow *row,
                      const char   *label,
                      GCallback     callback,
                      gpointer      item)
{
  GtkWidget *remove = gtk_button_new_from_icon_name ("edit-delete-symbolic");

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_signal_connect_object (remove, "clicked", callback, item, 0);
  adw_action_row_add_suffix (row, remove);
}

/**
 * mb_add_question:
 * @kind: %MB_TEXT_PREPARATION or %MB_TEXT_REFLECTION
 * @question: a question of @conversation's script
 *
 * Adds @question to @parent, with its hint and a field for the answer
 * that changes the text of @conversation as it is typed in; for a
 * reflection question with a scale, the row of choices first.
 *
 * Returns: (transfer none): the text view of the field
 */
GtkWidget *
mb_add_question (GtkWidget        *parent,
                 MbConversation   *conversation,
                 MbTextKind        kind,
                 MbScriptQuestion *question)
{
  MbLocalized *hint = mb_script_question_get_hint (question);
  const char *text = mb_localized_get (mb_script_question_get_text (question));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *field;

  gtk_widget_set_margin_top (box, 12);
  mb_add_label (box, text, "heading");
  if (hint != NULL)
    mb_add_label (box, mb_localized_get (hint), "dim-label");
  /* With a scale, the answer is a word on why: a smaller field. */
  if (kind == MB_TEXT_REFLECTION && mb_script_question_has_scale (question))
    gtk_box_append (GTK_BOX (box), mb_scale_choice_new (conversation, question));
  field = mb_text_field_new (conversation, kind, mb_script_question_get_id (question), text,
                             kind == MB_TEXT_REFLECTION && mb_script_question_has_scale (question) ? 56 : 96);
  gtk_box_append (GTK_BOX (box), field);
  gtk_box_append (GTK_BOX (parent), box);
  return GTK_WIDGET (mb_text_field_get_view (MB_TEXT_FIELD (field)));
}

/* Charts */

/**
 * mb_lookup_color:
 * @name: a named color of the style, such as "accent_color"
 * @fallback: the color to use when the style has none by that name
 *
 * Returns: the color @name of @widget's style, for drawing
 */
GdkRGBA
mb_lookup_color (GtkWidget  *widget,
                 const char *name,
                 const char *fallback)
{
  GdkRGBA color;

  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, &color))
    gdk_rgba_parse (&color, fallback);
  return color;
}

/**
 * mb_create_small_layout:
 * @bold: whether the text is bold
 *
 * Returns: (transfer full): a layout of @text in small type, with
 *   figures of one width, for the labels of a chart
 */
PangoLayout *
mb_create_small_layout (GtkWidget  *widget,
                        const char *text,
                        gboolean    bold)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

/**
 * mb_measure_chart:
 * @min_height: the least height the chart is readable at
 *
 * The size of a chart: 120 to 320 pixels wide, @min_height to 120 high.
 */
void
mb_measure_chart (GtkOrientation  orientation,
                  int             min_height,
                  int            *minimum,
                  int            *natural)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 120 : min_height;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 320 : 120;
}
