/* mb-json.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "mb-json-out.h"

G_BEGIN_DECLS

/* How deep lists and objects may nest in any JSON file Marbles reads.
 * Its own files nest less than 10 deep; json-glib parses recursively,
 * so a file nested 100,000 deep would overflow the stack.
 */
#define MB_JSON_MAX_DEPTH 64

#define MB_JSON_ERROR (mb_json_error_quark ())

typedef enum
{
  MB_JSON_ERROR_EMPTY,
  MB_JSON_ERROR_ENCODING,
  MB_JSON_ERROR_SYNTAX,
  MB_JSON_ERROR_TOO_DEEP,
  MB_JSON_ERROR_UNSUPPORTED,
  MB_JSON_ERROR_ENCRYPTED,     /* cannot be decrypted: locked, damaged or cut short */
} MbJsonError;

GQuark      mb_json_error_quark     (void);

gboolean    mb_json_check           (const char  *data,
                                     gsize        len,
                                     const char  *filename,
                                     GError     **error);
JsonNode   *mb_json_build           (const char  *data,
                                     gsize        len);
JsonNode   *mb_json_parse           (GBytes      *bytes,
                                     const char  *filename,
                                     GError     **error);
GString    *mb_json_to_string       (JsonNode    *root);

JsonNode   *mb_json_merge           (JsonNode   *original,
                                     JsonNode   *fresh);
JsonNode   *mb_json_unmerged        (JsonNode   *original,
                                     MbJsonOut  *fresh);
const char *mb_json_get_string      (JsonObject *object,
                                     const char *member);
gint64      mb_json_get_version     (JsonObject *object);
JsonObject *mb_json_get_object      (JsonObject *object,
                                     const char *member);
GStrv       mb_json_get_strv        (JsonObject *object,
                                     const char *member);
GDateTime  *mb_json_get_date_time   (JsonObject *object,
                                     const char *member);
char       *mb_json_format_date_time (GDateTime *date_time);
void        mb_json_set_date_time   (JsonBuilder *builder,
                                     const char  *member,
                                     GDateTime   *date_time);
void        mb_json_set_strv        (JsonBuilder        *builder,
                                     const char         *member,
                                     const char * const *strv);

/* An entry of a list that this version cannot use, kept as it was with
 * its place in the list, so that saving writes it back unchanged.
 */
typedef struct
{
  guint     position;
  JsonNode *node;
} MbJsonKept;

/* Makes the object for one entry of a list, or returns NULL when this
 * version cannot use it.
 */
typedef gpointer (*MbJsonReadFunc) (JsonNode *item,
                                    gpointer  data);
/* Writes the JSON of one object of a list to @out. */
typedef void     (*MbJsonAddFunc)  (MbJsonOut   *out,
                                    gpointer     item,
                                    gpointer     data);

GArray     *mb_json_kept_new        (void);
void        mb_json_read_list       (JsonArray      *array,
                                     MbJsonReadFunc  read,
                                     gpointer        data,
                                     GPtrArray      *items,
                                     GArray         *kept);
void        mb_json_add_list        (MbJsonOut      *out,
                                     GListModel     *items,
                                     MbJsonAddFunc   add,
                                     gpointer        data,
                                     GArray         *kept);

G_END_DECLS
