/* mb-person.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Someone the leader holds conversations with. Conversations refer to a
 * person by id, so renaming a person leaves their history untouched.
 */

#define G_LOG_DOMAIN "mb-person"

#include "config.h"

#include "mb-json.h"
#include "mb-person.h"

struct _MbPerson
{
  GObject    parent_instance;

  JsonNode  *original; /* as read, for the members we do not know */
  char      *id;
  char      *name;
  char      *role;
  GDateTime *created;
  gboolean   keep_role;    /* the file's role is not a text: written back as it was until set */
  gboolean   keep_created; /* the file's time is not one: written back as it was */
};

G_DEFINE_FINAL_TYPE (MbPerson, mb_person, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_ROLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mb_person_finalize (GObject *object)
{
  MbPerson *self = MB_PERSON (object);

  g_clear_pointer (&self->original, json_node_unref);
  g_free (self->id);
  g_free (self->name);
  g_free (self->role);
  g_clear_pointer (&self->created, g_date_time_unref);

  G_OBJECT_CLASS (mb_person_parent_class)->finalize (object);
}

static void
mb_person_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  MbPerson *self = MB_PERSON (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_ROLE:
      g_value_set_string (value, self->role);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_person_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  MbPerson *self = MB_PERSON (object);

  switch (prop_id)
    {
    case PROP_NAME:
      mb_person_set_name (self, g_value_get_string (value));
      break;

    case PROP_ROLE:
      mb_person_set_role (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_person_class_init (MbPersonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mb_person_finalize;
  object_class->get_property = mb_person_get_property;
  object_class->set_property = mb_person_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ROLE] =
    g_param_spec_string ("role", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mb_person_init (MbPerson *self)
{
  self->name = g_strdup ("");
  self->role = g_strdup ("");
}

/**
 * mb_person_new:
 * @role: (nullable): what they do, such as “Team lead”
 */
MbPerson *
mb_person_new (const char *name,
               const char *role)
{
  MbPerson *self;

  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (MB_TYPE_PERSON, "name", name, "role", role ? role : "", NULL);
  self->id = g_uuid_string_random ();
  self->created = g_date_time_new_now_local ();
  return self;
}

/**
 * mb_person_new_from_json:
 *
 * Returns: (transfer full) (nullable): the person, or %NULL when @object
 *   has no id or name, as texts
 */
MbPerson *
mb_person_new_from_json (JsonObject *object)
{
  const char *id = mb_json_get_string (object, "id");
  const char *name = mb_json_get_string (object, "name");
  const char *role = mb_json_get_string (object, "role");
  MbPerson *self;
  JsonNode *node;

  if (id == NULL || name == NULL)
    return NULL;

  self = g_object_new (MB_TYPE_PERSON, "name", name, "role", role, NULL);
  self->id = g_strdup (id);
  self->keep_role = role == NULL && json_object_has_member (object, "role");
  self->created = mb_json_get_date_time (object, "created");
  self->keep_created = self->created == NULL && json_object_has_member (object, "created");
  if (self->created == NULL)
    self->created = g_date_time_new_now_local ();

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, object);
  self->original = node;
  return self;
}

/**
 * mb_person_update_from_json:
 * @object: the entry of this person in another version of people.json,
 *   such as one written on another device
 *
 * Takes in that version, in place: the name and the role notify when
 * they change; what this version does not know is taken from it too.
 *
 * Returns: %FALSE, and @self unchanged, when @object is not this
 *   person, or not one this version can show
 */
gboolean
mb_person_update_from_json (MbPerson   *self,
                            JsonObject *object)
{
  g_autoptr(MbPerson) other = NULL;

  g_return_val_if_fail (MB_IS_PERSON (self), FALSE);
  g_return_val_if_fail (object != NULL, FALSE);

  other = mb_person_new_from_json (object);
  if (other == NULL || !g_str_equal (other->id, self->id))
    return FALSE;

  g_object_freeze_notify (G_OBJECT (self));
  g_clear_pointer (&self->original, json_node_unref);
  self->original = g_steal_pointer (&other->original);
  g_clear_pointer (&self->created, g_date_time_unref);
  self->created = g_steal_pointer (&other->created);
  self->keep_created = other->keep_created;
  mb_person_set_name (self, other->name);
  mb_person_set_role (self, other->role);
  self->keep_role = other->keep_role;
  g_object_thaw_notify (G_OBJECT (self));
  return TRUE;
}

/**
 * mb_person_to_json:
 *
 * Returns: (transfer full): the person as the people file holds it
 */
JsonNode *
mb_person_to_json (MbPerson *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) fresh = NULL;

  g_return_val_if_fail (MB_IS_PERSON (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, self->id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, self->name);
  /* What the file has that this version could not read is left out:
   * the merge keeps it.
   */
  if (!self->keep_role)
    {
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder, self->role);
    }
  if (!self->keep_created)
    mb_json_set_date_time (builder, "created", self->created);
  json_builder_end_object (builder);

  fresh = json_builder_get_root (builder);
  return mb_json_merge (self->original, fresh);
}

const char *
mb_person_get_id (MbPerson *self)
{
  g_return_val_if_fail (MB_IS_PERSON (self), NULL);

  return self->id;
}

const char *
mb_person_get_name (MbPerson *self)
{
  g_return_val_if_fail (MB_IS_PERSON (self), NULL);

  return self->name;
}

void
mb_person_set_name (MbPerson   *self,
                    const char *name)
{
  g_return_if_fail (MB_IS_PERSON (self));

  if (name == NULL)
    name = "";
  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

/**
 * mb_person_get_role:
 *
 * Returns: what they do, or ""
 */
const char *
mb_person_get_role (MbPerson *self)
{
  g_return_val_if_fail (MB_IS_PERSON (self), NULL);

  return self->role;
}

void
mb_person_set_role (MbPerson   *self,
                    const char *role)
{
  g_return_if_fail (MB_IS_PERSON (self));

  if (role == NULL)
    role = "";
  if (g_strcmp0 (self->role, role) == 0)
    return;

  g_free (self->role);
  self->role = g_strdup (role);
  self->keep_role = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
}

GDateTime *
mb_person_get_created (MbPerson *self)
{
  g_return_val_if_fail (MB_IS_PERSON (self), NULL);

  return self->created;
}
