/* mb-lens.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The judgement lens: finds the words in a note that judge rather than
 * observe. The rules come from data files, one per language
 * (data/lens/README.md); MbLensRules holds them, compiled.
 *
 * MbLensRules never changes once made, so one set can be shared by any
 * number of threads, and mb_lens_check() can run on any of them at
 * once: it keeps nothing between calls. Checking is per paragraph: a
 * span never crosses a line break, and what a paragraph yields depends
 * on that paragraph alone, so an editor re-checks only the paragraph
 * that changed (mb_lens_paragraph_bounds()).
 */

#define MB_LENS_FORMAT          "marbles-lens"
#define MB_LENS_FORMAT_VERSION  1
#define MB_LENS_MAX_SIZE        (1024 * 1024)

#define MB_LENS_ERROR (mb_lens_error_quark ())

typedef enum
{
  MB_LENS_ERROR_LANGUAGE,
  MB_LENS_ERROR_READ,
  MB_LENS_ERROR_INVALID,
} MbLensError;

typedef enum
{
  MB_LENS_LABEL,
  MB_LENS_ABSOLUTE,
  MB_LENS_MIND_READING,
  MB_LENS_EVALUATION,
  MB_LENS_CANCELLING_BUT,
} MbLensCategory;

#define MB_LENS_N_CATEGORIES 5

/* One flagged phrase. @start and @end are byte offsets into the text
 * given to mb_lens_check(), @end exclusive; both fall on character
 * boundaries. @rule_id belongs to the rules and lives as long as they do.
 */
typedef struct
{
  gsize           start;
  gsize           end;
  MbLensCategory  category;
  const char     *rule_id;
} MbLensSpan;

typedef struct _MbLensRules MbLensRules;

#define MB_TYPE_LENS_RULES (mb_lens_rules_get_type ())

GQuark          mb_lens_error_quark            (void);
GType           mb_lens_rules_get_type         (void) G_GNUC_CONST;

const char * const *mb_lens_get_languages      (void);
const char     *mb_lens_default_language       (void);
GFile          *mb_lens_get_user_file          (const char      *language);

MbLensRules    *mb_lens_rules_load             (const char      *language,
                                                GFile           *user_file,
                                                GStrv           *problems,
                                                GError         **error);
MbLensRules    *mb_lens_rules_new_from_bytes   (GBytes          *bundled,
                                                const char      *bundled_name,
                                                GBytes          *user,
                                                const char      *user_name,
                                                GError         **user_error,
                                                GError         **error);
MbLensRules    *mb_lens_rules_ref              (MbLensRules     *self);
void            mb_lens_rules_unref            (MbLensRules     *self);
const char     *mb_lens_rules_get_language     (MbLensRules     *self);

GArray         *mb_lens_check                  (MbLensRules     *rules,
                                                const char      *text,
                                                gssize           length);
void            mb_lens_paragraph_bounds       (const char      *text,
                                                gsize            length,
                                                gsize            offset,
                                                gsize           *start,
                                                gsize           *end);

const char     *mb_lens_category_to_string     (MbLensCategory   category);
gboolean        mb_lens_category_from_string   (const char      *string,
                                                MbLensCategory  *category);
const char     *mb_lens_category_get_name      (MbLensCategory   category);
const char     *mb_lens_category_get_explanation (MbLensCategory category);
const char     *mb_lens_category_get_question  (MbLensCategory   category);
const char     *mb_lens_category_get_example   (MbLensCategory   category);
const char     *mb_lens_category_get_rephrased (MbLensCategory   category);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbLensRules, mb_lens_rules_unref)

G_END_DECLS
