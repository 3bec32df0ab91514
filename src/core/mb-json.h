/* mb-json.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

JsonNode   *mb_json_merge           (JsonNode   *original,
                                     JsonNode   *fresh);
const char *mb_json_get_string      (JsonObject *object,
                                     const char *member);
JsonObject *mb_json_get_object      (JsonObject *object,
                                     const char *member);
GDateTime  *mb_json_get_date_time   (JsonObject *object,
                                     const char *member);
char       *mb_json_format_date_time (GDateTime *date_time);
void        mb_json_set_date_time   (JsonBuilder *builder,
                                     const char  *member,
                                     GDateTime   *date_time);

G_END_DECLS
