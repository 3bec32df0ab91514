/* mb-person.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MB_TYPE_PERSON (mb_person_get_type ())

G_DECLARE_FINAL_TYPE (MbPerson, mb_person, MB, PERSON, GObject)

MbPerson   *mb_person_new         (const char *name,
                                   const char *role);
MbPerson   *mb_person_new_from_json (JsonObject *object);
gboolean    mb_person_update_from_json (MbPerson   *self,
                                        JsonObject *object);
JsonNode   *mb_person_to_json     (MbPerson   *self);
const char *mb_person_get_id      (MbPerson   *self);
const char *mb_person_get_name    (MbPerson   *self);
void        mb_person_set_name    (MbPerson   *self,
                                   const char *name);
const char *mb_person_get_role    (MbPerson   *self);
void        mb_person_set_role    (MbPerson   *self,
                                   const char *role);
GDateTime  *mb_person_get_created (MbPerson   *self);

G_END_DECLS
