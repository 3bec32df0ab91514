/* mb-text.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How much one conversation holds at most of what was written in it, all
 * its answers and notes together, in bytes of UTF-8: 20 MB; and how long
 * a paragraph can be, in characters: GTK lays out a whole paragraph again
 * at every key typed in it. More is refused; a file that holds more is
 * kept as it is, and such a text is shown, in part when long, and
 * cannot be changed.
 */
#define MB_TEXT_MAX_BYTES           20000000
#define MB_TEXT_MAX_PARAGRAPH_CHARS 5000

/* What one-line fields take, in characters: a person's name or role; an
 * agreement or the reason for a marble.
 */
#define MB_TEXT_MAX_NAME_CHARS 100
#define MB_TEXT_MAX_LINE_CHARS 500

#define MB_TEXT_ERROR (mb_text_error_quark ())

typedef enum
{
  MB_TEXT_ERROR_TOO_LARGE,
  MB_TEXT_ERROR_PARAGRAPH_TOO_LONG,
} MbTextError;

GQuark mb_text_error_quark (void);

/* A text that is changed a little at a time, such as notes as they are
 * typed: it keeps where the last change was, in characters and in bytes,
 * so that the next one nearby is found without counting from the start.
 */
typedef struct _MbText MbText;

void        mb_text_begin_packing (void);
void        mb_text_end_packing   (void);
guint       _mb_text_count_blocks (void);  /* for tests */

MbText     *mb_text_new     (const char *text);
void        mb_text_free    (MbText     *self);
const char *mb_text_get     (MbText     *self);
gsize       mb_text_get_size (MbText    *self);
void        mb_text_set     (MbText     *self,
                             const char *text);
gsize       mb_text_measure (MbText     *self,
                             gsize       position,
                             gsize       n_chars);
void        mb_text_splice  (MbText     *self,
                             gsize       position,
                             gsize       n_removed,
                             const char *inserted,
                             gsize       length);

gsize       mb_text_longest_after_splice (MbText     *self,
                                          gsize       position,
                                          gsize       n_removed,
                                          const char *inserted,
                                          gsize       length,
                                          gsize      *before);

gsize       mb_text_longest_paragraph   (const char *text,
                                         gsize       length);
gboolean    mb_text_has_long_paragraph  (const char *text,
                                         gsize       length,
                                         gsize       chars);
char       *mb_text_excerpt             (const char *text,
                                         gsize       chars);
void        mb_text_set_too_large_error (GError    **error,
                                         gsize       wanted);
void        mb_text_set_too_long_error  (GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbText, mb_text_free)

G_END_DECLS
