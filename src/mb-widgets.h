/* mb-widgets.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mb-conversation.h"

G_BEGIN_DECLS

/* How much of a name goes into the name of an exported file: 60
 * characters stay within the 255 bytes a file name can have.
 */
#define MB_FILE_NAME_CHARS 60

GtkWidget        *mb_problem_row_new (gpointer               item,
                                      gpointer               user_data);
AdwMessageDialog *mb_question_new    (GtkWidget             *parent,
                                      const char            *heading,
                                      const char            *body,
                                      const char            *response,
                                      const char            *label,
                                      AdwResponseAppearance  appearance);
void              mb_require_text    (AdwMessageDialog      *dialog,
                                      const char            *response,
                                      GtkEditable           *editable);
void              mb_show_error      (GtkWidget             *parent,
                                      const char            *heading,
                                      const char            *body);
AdwToast         *mb_toast_new       (const char            *text);

GtkWidget        *mb_add_kept_notice          (GtkWidget        *box,
                                               const char       *text);
GtkWidget        *mb_add_kept_agreements      (GtkWidget        *box,
                                               MbConversation   *conversation);
GtkWidget        *mb_add_kept_marbles         (GtkWidget        *box,
                                               MbConversation   *conversation);
char             *mb_describe_kept_agreements (MbConversation   *conversation);
char             *mb_describe_kept_marbles    (MbConversation   *conversation);
void              mb_add_remove_button        (AdwActionRow     *row,
                                               const char       *label,
                                               GCallback         callback,
                                               gpointer          item);
GtkWidget        *mb_add_question             (GtkWidget        *parent,
                                               MbConversation   *conversation,
                                               MbTextKind        kind,
                                               MbScriptQuestion *question);

const char       *mb_describe_state     (MbConversation      *conversation);

char             *mb_display_name           (const char   *name);
gboolean          mb_display_name_transform (GBinding     *binding,
                                             const GValue *from,
                                             GValue       *to,
                                             gpointer      user_data);
void              mb_limit_entry            (GtkEditable  *editable,
                                             int           chars);
void              mb_draft_entry_bind       (AdwMessageDialog *dialog,
                                             GtkEditable      *entry,
                                             MbConversation   *conversation,
                                             MbTextKind        kind,
                                             const char       *key);
void              mb_offer_promise_talk    (GtkWidget      *widget,
                                            MbAgreement    *agreement,
                                            const char     *person_id);
AdwMessageDialog *mb_settle_dialog_present (GtkWidget      *parent,
                                            MbAgreement    *agreement,
                                            MbConversation *marble_to,
                                            gboolean        kept);

GdkRGBA           mb_lookup_color        (GtkWidget      *widget,
                                          const char     *name,
                                          const char     *fallback);
PangoLayout      *mb_create_small_layout (GtkWidget      *widget,
                                          const char     *text,
                                          gboolean        bold);
void              mb_measure_chart       (GtkOrientation  orientation,
                                          int             min_height,
                                          int            *minimum,
                                          int            *natural);

G_END_DECLS
