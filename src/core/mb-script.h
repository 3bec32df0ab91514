/* mb-script.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "mb-localized.h"

G_BEGIN_DECLS

/* The script format this version reads and the limits it checks. */
#define MB_SCRIPT_FORMAT          "marbles-script"
#define MB_SCRIPT_FORMAT_VERSION  1
#define MB_SCRIPT_MAX_SIZE        (1024 * 1024)
#define MB_SCRIPT_MAX_ID_LENGTH   64
#define MB_SCRIPT_MIN_DURATION    1
#define MB_SCRIPT_MAX_DURATION    480
/* The values of a scale on a reflection question. */
#define MB_SCALE_MIN              1
#define MB_SCALE_MAX              5

#define MB_SCRIPT_ERROR (mb_script_error_quark ())

typedef enum
{
  MB_SCRIPT_ERROR_READ,
  MB_SCRIPT_ERROR_TOO_LARGE,
  MB_SCRIPT_ERROR_ENCODING,
  MB_SCRIPT_ERROR_SYNTAX,
  MB_SCRIPT_ERROR_NOT_A_SCRIPT,
  MB_SCRIPT_ERROR_NEWER_VERSION,
  MB_SCRIPT_ERROR_MISSING_MEMBER,
  MB_SCRIPT_ERROR_WRONG_TYPE,
  MB_SCRIPT_ERROR_EMPTY,
  MB_SCRIPT_ERROR_INVALID_LANGUAGE,
  MB_SCRIPT_ERROR_INVALID_ID,
  MB_SCRIPT_ERROR_DUPLICATE_ID,
  MB_SCRIPT_ERROR_INVALID_VALUE,
} MbScriptError;

typedef struct _MbScriptQuestion MbScriptQuestion;
typedef struct _MbScriptStep MbScriptStep;

#define MB_TYPE_SCRIPT (mb_script_get_type ())

G_DECLARE_FINAL_TYPE (MbScript, mb_script, MB, SCRIPT, GObject)

GQuark       mb_script_error_quark           (void);

MbScript    *mb_script_new_from_bytes        (GBytes           *bytes,
                                              const char       *filename,
                                              GError          **error);
MbScript    *mb_script_new_from_file         (GFile            *file,
                                              GCancellable     *cancellable,
                                              GError          **error);
MbScript    *mb_script_new_from_json         (JsonNode         *root,
                                              const char       *filename,
                                              GError          **error);
char       **mb_script_check_bytes           (GBytes           *bytes,
                                              const char       *filename);
gboolean     mb_script_is_valid_id           (const char       *id);

JsonNode    *mb_script_get_json              (MbScript         *self);
GBytes      *mb_script_get_copy              (MbScript         *self,
                                              const char      **checksum);
MbScript    *mb_script_new_from_copy         (GBytes           *bytes,
                                              const char       *checksum,
                                              const char       *filename,
                                              GError          **error);
GFile       *mb_script_get_file              (MbScript         *self);
gboolean     mb_script_is_bundled            (MbScript         *self);
const char  *mb_script_get_id                (MbScript         *self);
MbLocalized *mb_script_get_title             (MbScript         *self);
MbLocalized *mb_script_get_summary           (MbScript         *self);
guint        mb_script_get_duration_minutes  (MbScript         *self);
GPtrArray   *mb_script_get_tags              (MbScript         *self);
GPtrArray   *mb_script_get_preparation       (MbScript         *self);
GPtrArray   *mb_script_get_steps             (MbScript         *self);
GPtrArray   *mb_script_get_reflection        (MbScript         *self);
char        *mb_script_join_tags             (MbScript         *self);
gboolean     mb_script_matches               (MbScript         *self,
                                              const char       *query);

const char  *mb_script_question_get_id       (MbScriptQuestion *question);
MbLocalized *mb_script_question_get_text     (MbScriptQuestion *question);
MbLocalized *mb_script_question_get_hint     (MbScriptQuestion *question);
gboolean     mb_script_question_has_scale    (MbScriptQuestion *question);
MbLocalized *mb_script_question_get_scale_min_label (MbScriptQuestion *question);
MbLocalized *mb_script_question_get_scale_max_label (MbScriptQuestion *question);
char        *mb_script_question_describe_scale (MbScriptQuestion *question,
                                                guint             value);

const char  *mb_script_step_get_id           (MbScriptStep     *step);
MbLocalized *mb_script_step_get_title        (MbScriptStep     *step);
MbLocalized *mb_script_step_get_purpose      (MbScriptStep     *step);
GPtrArray   *mb_script_step_get_questions    (MbScriptStep     *step);
GPtrArray   *mb_script_step_get_phrases      (MbScriptStep     *step);
GPtrArray   *mb_script_step_get_pitfalls     (MbScriptStep     *step);

G_END_DECLS
