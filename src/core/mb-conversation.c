/* mb-conversation.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One conversation with one person, held with one script: the answers
 * and notes of its three phases, the agreements made and the marbles
 * logged. It keeps a copy of the script it was held with, so it stays
 * readable when the script changes or goes, and every member of its
 * file that this version does not know, so a save keeps them. Every
 * change emits ::changed, which the journal saves.
 */

#define G_LOG_DOMAIN "mb-conversation"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "mb-conversation.h"
#include "mb-json.h"
#include "mb-storage.h"
#include "mb-json-draft.h"
#include "mb-text.h"

G_DEFINE_QUARK (mb-conversation-error-quark, mb_conversation_error)

static const char * const phase_names[] = { "prepare", "talk", "reflect" };
static const char * const promised_by_names[] = { "me", "them", "both" };
static const char * const status_names[] = { "open", "kept", "not-kept" };

static int
name_to_value (const char * const *names,
               guint               n_names,
               const char         *name,
               int                 fallback)
{
  for (guint i = 0; name != NULL && i < n_names; i++)
    {
      if (g_str_equal (names[i], name))
        return i;
    }

  return fallback;
}

/* The value of the optional member @member, one of @names: @fallback
 * when it is missing, -1 when it is there but not one this version
 * knows.
 */
static int
read_name (JsonObject         *object,
           const char         *member,
           const char * const *names,
           guint               n_names,
           int                 fallback)
{
  if (!json_object_has_member (object, member))
    return fallback;
  return name_to_value (names, n_names, mb_json_get_string (object, member), -1);
}

/* MbAgreement */

struct _MbAgreement
{
  GObject            parent_instance;

  MbConversation    *conversation; /* weak */
  char              *id;
  char              *text;
  MbPromisedBy       promised_by;
  GDate             *due;
  MbAgreementStatus  status;
  GDateTime         *created;
};

G_DEFINE_FINAL_TYPE (MbAgreement, mb_agreement, G_TYPE_OBJECT)

enum {
  AGREEMENT_PROP_0,
  AGREEMENT_PROP_STATUS,
  AGREEMENT_N_PROPS
};

static GParamSpec *agreement_properties[AGREEMENT_N_PROPS];

static void emit_changed (MbConversation *self);

static void
mb_agreement_finalize (GObject *object)
{
  MbAgreement *self = MB_AGREEMENT (object);

  g_free (self->id);
  g_free (self->text);
  g_clear_pointer (&self->due, g_date_free);
  g_clear_pointer (&self->created, g_date_time_unref);

  G_OBJECT_CLASS (mb_agreement_parent_class)->finalize (object);
}

static void
mb_agreement_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  switch (prop_id)
    {
    case AGREEMENT_PROP_STATUS:
      g_value_set_int (value, MB_AGREEMENT (object)->status);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_agreement_class_init (MbAgreementClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mb_agreement_finalize;
  object_class->get_property = mb_agreement_get_property;

  agreement_properties[AGREEMENT_PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL,
                      MB_AGREEMENT_OPEN, MB_AGREEMENT_NOT_KEPT, MB_AGREEMENT_OPEN,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, AGREEMENT_N_PROPS, agreement_properties);
}

static void
mb_agreement_init (MbAgreement *self)
{
}

const char *
mb_agreement_get_id (MbAgreement *self)
{
  g_return_val_if_fail (MB_IS_AGREEMENT (self), NULL);

  return self->id;
}

const char *
mb_agreement_get_text (MbAgreement *self)
{
  g_return_val_if_fail (MB_IS_AGREEMENT (self), NULL);

  return self->text;
}

MbPromisedBy
mb_agreement_get_promised_by (MbAgreement *self)
{
  g_return_val_if_fail (MB_IS_AGREEMENT (self), MB_PROMISED_BY_ME);

  return self->promised_by;
}

/**
 * mb_agreement_get_due:
 *
 * Returns: (nullable): the day it is due, if one was set
 */
GDate *
mb_agreement_get_due (MbAgreement *self)
{
  g_return_val_if_fail (MB_IS_AGREEMENT (self), NULL);

  return self->due;
}

MbAgreementStatus
mb_agreement_get_status (MbAgreement *self)
{
  g_return_val_if_fail (MB_IS_AGREEMENT (self), MB_AGREEMENT_OPEN);

  return self->status;
}

void
mb_agreement_set_status (MbAgreement       *self,
                         MbAgreementStatus  status)
{
  g_return_if_fail (MB_IS_AGREEMENT (self));

  if (self->status == status)
    return;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), agreement_properties[AGREEMENT_PROP_STATUS]);
  if (self->conversation != NULL)
    emit_changed (self->conversation);
}

/* MbMarble */

struct _MbMarble
{
  GObject    parent_instance;

  char      *id;
  gboolean   in;
  char      *reason;
  GDateTime *created;
};

G_DEFINE_FINAL_TYPE (MbMarble, mb_marble, G_TYPE_OBJECT)

static void
mb_marble_finalize (GObject *object)
{
  MbMarble *self = MB_MARBLE (object);

  g_free (self->id);
  g_free (self->reason);
  g_clear_pointer (&self->created, g_date_time_unref);

  G_OBJECT_CLASS (mb_marble_parent_class)->finalize (object);
}

static void
mb_marble_class_init (MbMarbleClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mb_marble_finalize;
}

static void
mb_marble_init (MbMarble *self)
{
}

const char *
mb_marble_get_id (MbMarble *self)
{
  g_return_val_if_fail (MB_IS_MARBLE (self), NULL);

  return self->id;
}

/**
 * mb_marble_is_in:
 *
 * Returns: %TRUE for a marble in the jar (trust built), %FALSE for one
 *   taken out (trust lost)
 */
gboolean
mb_marble_is_in (MbMarble *self)
{
  g_return_val_if_fail (MB_IS_MARBLE (self), FALSE);

  return self->in;
}

const char *
mb_marble_get_reason (MbMarble *self)
{
  g_return_val_if_fail (MB_IS_MARBLE (self), NULL);

  return self->reason;
}

GDateTime *
mb_marble_get_created (MbMarble *self)
{
  g_return_val_if_fail (MB_IS_MARBLE (self), NULL);

  return self->created;
}

/* MbConversation */

/* Values read that this version does not know: each is written back as
 * it was until the leader sets it.
 */
typedef enum
{
  KEEP_PHASE    = 1 << 0,
  KEEP_STEP     = 1 << 1,
  KEEP_FINISHED = 1 << 2,
  KEEP_SECONDS  = 1 << 3,
  KEEP_CREATED  = 1 << 4,
} Keep;

struct _MbConversation
{
  GObject      parent_instance;

  JsonNode    *original;  /* the file as read, for the members we do not know */
  Keep         keep;
  GArray      *kept_agreements; /* MbJsonKept: entries this version cannot use */
  GArray      *kept_marbles;
  char        *id;
  char        *person_id;
  MbScript    *script;
  GDateTime   *created;
  GDateTime   *scheduled;
  MbPhase      phase;
  guint        step;
  gboolean     finished;
  GHashTable  *texts;     /* "kind/key" → MbText */
  gint64       talk_seconds;
  gint64       timer_started; /* µs of the clock, or 0 when paused */
  GListStore  *agreements;
  GListStore  *marbles;
  guint        file_version; /* of the file it was read from, or 0 */
  char        *search_text; /* all its words, folded; NULL until searched */
  gsize        search_starts[MB_PHASE_REFLECT + 2]; /* where the title and each phase start in it */
  GArray      *search_places; /* gsize: where each place of collect_places() starts in it */
};

G_DEFINE_FINAL_TYPE (MbConversation, mb_conversation, G_TYPE_OBJECT)

/* What the talk timers read the time from. */
static MbClockFunc clock_now = g_get_monotonic_time;

enum {
  PROP_0,
  PROP_PHASE,
  PROP_STEP,
  PROP_FINISHED,
  PROP_TIMER_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
emit_changed (MbConversation *self)
{
  g_clear_pointer (&self->search_text, g_free);
  g_clear_pointer (&self->search_places, g_array_unref);
  g_signal_emit (self, signals[CHANGED], 0);
}

static char *
text_key (MbTextKind  kind,
          const char *key)
{
  return g_strdup_printf ("%d/%s", kind, key != NULL ? key : "");
}

static void
mb_conversation_finalize (GObject *object)
{
  MbConversation *self = MB_CONVERSATION (object);

  g_clear_pointer (&self->original, json_node_unref);
  g_free (self->id);
  g_free (self->person_id);
  g_clear_object (&self->script);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->scheduled, g_date_time_unref);
  g_hash_table_unref (self->texts);
  g_clear_object (&self->agreements);
  g_clear_object (&self->marbles);
  g_array_unref (self->kept_agreements);
  g_array_unref (self->kept_marbles);
  g_free (self->search_text);
  g_clear_pointer (&self->search_places, g_array_unref);

  G_OBJECT_CLASS (mb_conversation_parent_class)->finalize (object);
}

static void
mb_conversation_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MbConversation *self = MB_CONVERSATION (object);

  switch (prop_id)
    {
    case PROP_PHASE:
      g_value_set_int (value, self->phase);
      break;

    case PROP_STEP:
      g_value_set_uint (value, self->step);
      break;

    case PROP_FINISHED:
      g_value_set_boolean (value, self->finished);
      break;

    case PROP_TIMER_RUNNING:
      g_value_set_boolean (value, self->timer_started != 0);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_conversation_class_init (MbConversationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mb_conversation_finalize;
  object_class->get_property = mb_conversation_get_property;

  properties[PROP_PHASE] =
    g_param_spec_int ("phase", NULL, NULL,
                      MB_PHASE_PREPARE, MB_PHASE_REFLECT, MB_PHASE_PREPARE,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_STEP] =
    g_param_spec_uint ("step", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_FINISHED] =
    g_param_spec_boolean ("finished", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TIMER_RUNNING] =
    g_param_spec_boolean ("timer-running", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MbConversation::changed:
   *
   * Something that is saved has changed.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
mb_conversation_init (MbConversation *self)
{
  self->texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) mb_text_free);
  self->agreements = g_list_store_new (MB_TYPE_AGREEMENT);
  self->marbles = g_list_store_new (MB_TYPE_MARBLE);
  self->kept_agreements = mb_json_kept_new ();
  self->kept_marbles = mb_json_kept_new ();
}

/**
 * mb_conversation_new:
 * @person_id: who the conversation is with
 * @script: the script it is held with; the conversation keeps a copy
 * @scheduled: (nullable): when it is planned
 */
MbConversation *
mb_conversation_new (const char *person_id,
                     MbScript   *script,
                     GDateTime  *scheduled)
{
  MbConversation *self;

  g_return_val_if_fail (person_id != NULL, NULL);
  g_return_val_if_fail (MB_IS_SCRIPT (script), NULL);

  self = g_object_new (MB_TYPE_CONVERSATION, NULL);
  self->id = g_uuid_string_random ();
  self->person_id = g_strdup (person_id);
  self->script = g_object_ref (script);
  self->created = g_date_time_new_now_local ();
  self->scheduled = scheduled != NULL ? g_date_time_ref (scheduled) : NULL;
  return self;
}

static void
read_texts (MbConversation *self,
            JsonObject     *object,
            MbTextKind      kind)
{
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  if (object == NULL)
    return;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &key, &value))
    {
      if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
        g_hash_table_insert (self->texts, text_key (kind, key), mb_text_new (json_node_get_string (value)));
    }
}

static void
read_step_notes (MbConversation *self,
                 JsonObject     *steps)
{
  JsonObjectIter iter;
  const char *step_id;
  JsonNode *value;

  if (steps == NULL)
    return;

  json_object_iter_init (&iter, steps);
  while (json_object_iter_next (&iter, &step_id, &value))
    {
      const char *notes = JSON_NODE_HOLDS_OBJECT (value)
                          ? mb_json_get_string (json_node_get_object (value), "notes") : NULL;

      if (notes != NULL)
        g_hash_table_insert (self->texts, text_key (MB_TEXT_STEP_NOTES, step_id), mb_text_new (notes));
    }
}

/* An agreement this version can show and write back as it was, or NULL:
 * an id and a text, and who promised it and its status (when there)
 * among the ones it knows.
 */
static gpointer
agreement_from_json (JsonNode *node,
                     gpointer  data)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  MbAgreement *agreement;
  const char *id = mb_json_get_string (object, "id");
  const char *text = mb_json_get_string (object, "text");
  const char *due = mb_json_get_string (object, "due");
  int promised_by, status;

  if (id == NULL || text == NULL)
    return NULL;

  promised_by = read_name (object, "promised_by", promised_by_names, G_N_ELEMENTS (promised_by_names),
                           MB_PROMISED_BY_ME);
  status = read_name (object, "status", status_names, G_N_ELEMENTS (status_names), MB_AGREEMENT_OPEN);
  if (promised_by < 0 || status < 0)
    return NULL;

  agreement = g_object_new (MB_TYPE_AGREEMENT, NULL);
  agreement->conversation = data;
  agreement->id = g_strdup (id);
  agreement->text = g_strdup (text);
  agreement->promised_by = promised_by;
  agreement->status = status;
  agreement->created = mb_json_get_date_time (object, "created");
  if (due != NULL)
    {
      agreement->due = g_date_new ();
      g_date_set_parse (agreement->due, due);
      if (!g_date_valid (agreement->due))
        g_clear_pointer (&agreement->due, g_date_free);
    }

  return agreement;
}

/* A marble this version can show and write back as it was, or NULL: an
 * id, in or out, and a text for its reason when it has one.
 */
static gpointer
marble_from_json (JsonNode *node,
                  gpointer  data)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  MbMarble *marble;
  const char *id = mb_json_get_string (object, "id");
  const char *direction = mb_json_get_string (object, "direction");
  const char *reason = mb_json_get_string (object, "reason");

  if (id == NULL || direction == NULL || (!g_str_equal (direction, "in") && !g_str_equal (direction, "out")) ||
      (reason == NULL && json_object_has_member (object, "reason")))
    return NULL;

  marble = g_object_new (MB_TYPE_MARBLE, NULL);
  marble->id = g_strdup (id);
  marble->in = g_str_equal (direction, "in");
  marble->reason = g_strdup (reason != NULL ? reason : "");
  marble->created = mb_json_get_date_time (object, "created");
  return marble;
}

/* Reads the list @member into @store; what this version cannot use
 * goes in @kept.
 */
static void
read_list (JsonObject     *root,
           const char     *member,
           MbJsonReadFunc  read,
           gpointer        data,
           GListStore     *store,
           GArray         *kept)
{
  JsonNode *node = json_object_get_member (root, member);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;

  mb_json_read_list (json_node_get_array (node), read, data, items, kept);
  g_list_store_splice (store, 0, 0, items->pdata, items->len);
}

static gboolean
damaged (GError     **error,
         const char  *filename,
         const char  *reason)
{
  g_set_error (error, MB_CONVERSATION_ERROR, MB_CONVERSATION_ERROR_DAMAGED,
               "%s: %s", filename, reason);
  return FALSE;
}

/* Reads what identifies the conversation; FALSE when the file is not a
 * conversation this version can read.
 */
static gboolean
read_header (MbConversation  *self,
             JsonObject      *root,
             GHashTable      *copies,
             const char      *filename,
             GError         **error)
{
  JsonNode *version = json_object_get_member (root, "version");
  JsonNode *script = json_object_get_member (root, "script");
  g_autoptr(GError) script_error = NULL;

  if (g_strcmp0 (mb_json_get_string (root, "format"), MB_CONVERSATION_FORMAT) != 0)
    return damaged (error, filename, _("This is not a Marbles conversation"));

  if (version == NULL || !JSON_NODE_HOLDS_VALUE (version) ||
      json_node_get_value_type (version) != G_TYPE_INT64 || json_node_get_int (version) < 1)
    return damaged (error, filename, _("The format version is missing"));

  if (json_node_get_int (version) > MB_CONVERSATION_FORMAT_VERSION)
    {
      g_set_error (error, MB_CONVERSATION_ERROR, MB_CONVERSATION_ERROR_NEWER_VERSION,
                   _("%s: This conversation was saved by a newer version of Marbles"), filename);
      return FALSE;
    }

  self->file_version = json_node_get_int (version);
  self->id = g_strdup (mb_json_get_string (root, "id"));
  self->person_id = g_strdup (mb_json_get_string (root, "person"));
  if (self->id == NULL || self->person_id == NULL)
    return damaged (error, filename, _("The conversation has no id or no person"));

  if (script == NULL || !JSON_NODE_HOLDS_OBJECT (script))
    return damaged (error, filename, _("The script of the conversation is missing"));

  /* Version 1 kept a whole copy of the script in each conversation;
   * later ones name the copy they share.
   */
  if (self->file_version < 2)
    {
      self->script = mb_script_new_from_json (script, filename, &script_error);
      if (self->script == NULL)
        return damaged (error, filename, script_error->message);
    }
  else
    {
      const char *checksum = mb_json_get_string (json_node_get_object (script), "copy");
      MbScript *copy = checksum != NULL && copies != NULL ? g_hash_table_lookup (copies, checksum) : NULL;

      /* It names a file: only as Marbles names script copies. */
      if (!mb_storage_is_valid_checksum (checksum))
        return damaged (error, filename, _("The name of the copy of its script is not one Marbles writes"));
      if (copy == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("The copy of its script is missing: scripts/%s.json"),
                                                      checksum != NULL ? checksum : "");

          return damaged (error, filename, message);
        }
      self->script = g_object_ref (copy);
    }

  return TRUE;
}

/* A list or an object where this version expects the other: it cannot
 * read the conversation at all.
 */
static gboolean
check_containers (JsonObject  *root,
                  const char  *filename,
                  GError     **error)
{
  const char * const objects[] = { "talk", "preparation", "preparation.answers", "steps",
                                   "reflection", "reflection.answers" };
  const char * const lists[] = { "agreements", "marbles" };

  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    {
      g_auto(GStrv) path = g_strsplit (objects[i], ".", 2);
      JsonObject *parent = path[1] != NULL ? mb_json_get_object (root, path[0]) : root;
      JsonNode *node = parent != NULL ? json_object_get_member (parent, path[1] != NULL ? path[1] : path[0]) : NULL;
      g_autofree char *message = NULL;

      if (node == NULL || JSON_NODE_HOLDS_OBJECT (node))
        continue;
      /* Translators: %s is the name of a member of the file, such as “steps” */
      message = g_strdup_printf (_("“%s” should be an object"), objects[i]);
      return damaged (error, filename, message);
    }

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      JsonNode *node = json_object_get_member (root, lists[i]);
      g_autofree char *message = NULL;

      if (node == NULL || JSON_NODE_HOLDS_ARRAY (node))
        continue;
      /* Translators: %s is the name of a member of the file, such as “agreements” */
      message = g_strdup_printf (_("“%s” should be a list"), lists[i]);
      return damaged (error, filename, message);
    }

  return TRUE;
}

static void
copy_member_but_script (JsonObject  *object,
                        const char  *name,
                        JsonNode    *node,
                        gpointer     user_data)
{
  if (!g_str_equal (name, "script"))
    json_object_set_member (user_data, name, json_node_ref (node));
}

/**
 * mb_script_copies_new:
 *
 * Returns: (transfer full) (element-type utf8 MbScript): an empty table
 *   of script copies by checksum, for mb_conversation_new_from_bytes()
 */
GHashTable *
mb_script_copies_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

/**
 * mb_script_copies_add:
 *
 * Adds the copy of @script to @copies.
 */
void
mb_script_copies_add (GHashTable *copies,
                      MbScript   *script)
{
  const char *checksum;

  mb_script_get_copy (script, &checksum);
  g_hash_table_replace (copies, g_strdup (checksum), g_object_ref (script));
}

static gboolean
is_int (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

/* When, where and how far: what the file has that this version does not
 * know is kept, and the conversation shown as a new one would be.
 */
static void
read_values (MbConversation *self,
             JsonObject     *root)
{
  JsonNode *step = json_object_get_member (root, "step");
  JsonNode *finished = json_object_get_member (root, "finished");
  JsonObject *talk = mb_json_get_object (root, "talk");
  JsonNode *seconds = talk != NULL ? json_object_get_member (talk, "seconds") : NULL;
  int phase = read_name (root, "phase", phase_names, G_N_ELEMENTS (phase_names), MB_PHASE_PREPARE);

  self->created = mb_json_get_date_time (root, "created");
  if (self->created == NULL && json_object_has_member (root, "created"))
    self->keep |= KEEP_CREATED;
  if (self->created == NULL)
    self->created = g_date_time_new_now_local ();
  self->scheduled = mb_json_get_date_time (root, "scheduled");

  self->phase = MAX (phase, MB_PHASE_PREPARE);
  if (phase < 0)
    self->keep |= KEEP_PHASE;

  if (is_int (step) && json_node_get_int (step) >= 0 &&
      json_node_get_int (step) < mb_script_get_steps (self->script)->len)
    self->step = json_node_get_int (step);
  else if (step != NULL)
    self->keep |= KEEP_STEP;

  if (finished != NULL && JSON_NODE_HOLDS_VALUE (finished) && json_node_get_value_type (finished) == G_TYPE_BOOLEAN)
    self->finished = json_node_get_boolean (finished);
  else if (finished != NULL)
    self->keep |= KEEP_FINISHED;

  if (is_int (seconds) && json_node_get_int (seconds) >= 0)
    self->talk_seconds = json_node_get_int (seconds);
  else if (seconds != NULL)
    self->keep |= KEEP_SECONDS;
}

/**
 * mb_conversation_new_from_bytes:
 * @bytes: the contents of a conversation file
 * @filename: the name to use in error messages
 * @copies: (nullable) (element-type utf8 MbScript): the copies of
 *   scripts that conversations share, by checksum (see
 *   mb_script_copies_new())
 *
 * Returns: (transfer full) (nullable): the conversation, or %NULL with
 *   @error set in %MB_CONVERSATION_ERROR
 */
MbConversation *
mb_conversation_new_from_bytes (GBytes      *bytes,
                                const char  *filename,
                                GHashTable  *copies,
                                GError     **error)
{
  g_autoptr(MbConversation) self = g_object_new (MB_TYPE_CONVERSATION, NULL);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) node = mb_json_parse (bytes, filename, &local_error);
  JsonObject *root;

  if (node == NULL)
    {
      g_set_error_literal (error, MB_CONVERSATION_ERROR, MB_CONVERSATION_ERROR_DAMAGED, local_error->message);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      damaged (error, filename, _("This is not a Marbles conversation"));
      return NULL;
    }

  root = json_node_get_object (node);
  if (!read_header (self, root, copies, filename, error) || !check_containers (root, filename, error))
    return NULL;

  self->original = json_node_copy (node);
  if (self->file_version < 2)
    {
      /* The script is kept apart from now on: what the file held of it
       * is not this conversation's any more.
       */
      JsonObject *without = json_object_new ();

      json_object_foreach_member (root, copy_member_but_script, without);
      json_node_unref (self->original);
      self->original = json_node_init_object (json_node_alloc (), without);
      json_object_unref (without);
    }
  read_values (self, root);
  read_texts (self, mb_json_get_object (mb_json_get_object (root, "preparation"), "answers"),
              MB_TEXT_PREPARATION);
  if (mb_json_get_string (mb_json_get_object (root, "preparation"), "notes") != NULL)
    g_hash_table_insert (self->texts, text_key (MB_TEXT_PREPARATION_NOTES, NULL),
                         mb_text_new (mb_json_get_string (mb_json_get_object (root, "preparation"), "notes")));
  read_step_notes (self, mb_json_get_object (root, "steps"));
  read_texts (self, mb_json_get_object (mb_json_get_object (root, "reflection"), "answers"),
              MB_TEXT_REFLECTION);
  read_list (root, "agreements", agreement_from_json, self, self->agreements, self->kept_agreements);
  read_list (root, "marbles", marble_from_json, NULL, self->marbles, self->kept_marbles);

  return g_steal_pointer (&self);
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

/* Whether the file has something at the place of a text that this
 * version could not read, and the leader has not written there since.
 */
static gboolean
text_kept (MbConversation *self,
           MbTextKind      kind,
           const char     *key)
{
  g_autofree char *hash_key = text_key (kind, key);
  JsonObject *root = self->original != NULL ? json_node_get_object (self->original) : NULL;
  JsonObject *parent;

  if (root == NULL || g_hash_table_contains (self->texts, hash_key))
    return FALSE;

  switch (kind)
    {
    case MB_TEXT_PREPARATION:
      parent = mb_json_get_object (mb_json_get_object (root, "preparation"), "answers");
      break;
    case MB_TEXT_PREPARATION_NOTES:
      parent = mb_json_get_object (root, "preparation");
      key = "notes";
      break;
    case MB_TEXT_STEP_NOTES:
      parent = mb_json_get_object (root, "steps");
      break;
    case MB_TEXT_REFLECTION:
    default:
      parent = mb_json_get_object (mb_json_get_object (root, "reflection"), "answers");
      break;
    }

  return parent != NULL && json_object_has_member (parent, key);
}

/* Writes a text; in a draft, as a placeholder, the text held apart. */
static void
add_text (JsonBuilder *builder,
          MbJsonDraft *draft,
          const char  *member,
          const char  *text)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, draft != NULL ? mb_json_draft_hold (draft, text, strlen (text)) : text);
}

/* Writes the texts of @kind as an object keyed by question or step. */
static void
add_texts (MbConversation *self,
           JsonBuilder    *builder,
           MbJsonDraft    *draft,
           MbTextKind      kind,
           GPtrArray      *items)
{
  for (guint i = 0; i < items->len; i++)
    {
      const char *id = kind == MB_TEXT_STEP_NOTES
                       ? mb_script_step_get_id (g_ptr_array_index (items, i))
                       : mb_script_question_get_id (g_ptr_array_index (items, i));
      const char *text = mb_conversation_get_text (self, kind, id);

      /* Left out when the file has there what this version could not
       * read: the merge keeps it.
       */
      if (text_kept (self, kind, id))
        continue;

      /* Written even when empty: an emptied answer must not come back
       * from the file's earlier contents.
       */
      if (kind == MB_TEXT_STEP_NOTES)
        {
          json_builder_set_member_name (builder, id);
          json_builder_begin_object (builder);
          add_text (builder, draft, "notes", text);
          json_builder_end_object (builder);
        }
      else
        {
          add_text (builder, draft, id, text);
        }
    }
}

static void
add_agreement (JsonBuilder *builder,
               gpointer     item,
               gpointer     data)
{
  MbAgreement *agreement = item;

  json_builder_begin_object (builder);
  add_string (builder, "id", agreement->id);
  add_string (builder, "text", agreement->text);
  add_string (builder, "promised_by", promised_by_names[agreement->promised_by]);
  add_string (builder, "status", status_names[agreement->status]);
  if (agreement->due != NULL)
    {
      char due[16];

      g_date_strftime (due, sizeof due, "%Y-%m-%d", agreement->due);
      add_string (builder, "due", due);
    }
  mb_json_set_date_time (builder, "created", agreement->created);
  json_builder_end_object (builder);
}

static void
add_marble (JsonBuilder *builder,
            gpointer     item,
            gpointer     data)
{
  MbMarble *marble = item;

  json_builder_begin_object (builder);
  add_string (builder, "id", marble->id);
  add_string (builder, "direction", marble->in ? "in" : "out");
  add_string (builder, "reason", marble->reason);
  mb_json_set_date_time (builder, "created", marble->created);
  json_builder_end_object (builder);
}

/* When, where and how far; what this version did not know is left out,
 * so that the merge keeps it.
 */
static void
add_values (MbConversation *self,
            JsonBuilder    *builder)
{
  if (!(self->keep & KEEP_CREATED))
    mb_json_set_date_time (builder, "created", self->created);
  mb_json_set_date_time (builder, "scheduled", self->scheduled);
  if (!(self->keep & KEEP_PHASE))
    add_string (builder, "phase", phase_names[self->phase]);
  if (!(self->keep & KEEP_STEP))
    {
      json_builder_set_member_name (builder, "step");
      json_builder_add_int_value (builder, self->step);
    }
  if (!(self->keep & KEEP_FINISHED))
    {
      json_builder_set_member_name (builder, "finished");
      json_builder_add_boolean_value (builder, self->finished);
    }
  json_builder_set_member_name (builder, "talk");
  json_builder_begin_object (builder);
  if (!(self->keep & KEEP_SECONDS))
    {
      json_builder_set_member_name (builder, "seconds");
      json_builder_add_int_value (builder, mb_conversation_get_talk_seconds (self));
    }
  json_builder_end_object (builder);
}

static JsonNode *
build_json (MbConversation *self,
            MbJsonDraft    *draft)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  const char *checksum;

  json_builder_begin_object (builder);
  add_string (builder, "format", MB_CONVERSATION_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, MB_CONVERSATION_FORMAT_VERSION);
  add_string (builder, "id", self->id);
  add_string (builder, "person", self->person_id);
  add_values (self, builder);

  json_builder_set_member_name (builder, "preparation");
  json_builder_begin_object (builder);
  if (!text_kept (self, MB_TEXT_PREPARATION_NOTES, NULL))
    add_text (builder, draft, "notes", mb_conversation_get_text (self, MB_TEXT_PREPARATION_NOTES, NULL));
  json_builder_set_member_name (builder, "answers");
  json_builder_begin_object (builder);
  add_texts (self, builder, draft, MB_TEXT_PREPARATION, mb_script_get_preparation (self->script));
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "steps");
  json_builder_begin_object (builder);
  add_texts (self, builder, draft, MB_TEXT_STEP_NOTES, mb_script_get_steps (self->script));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "reflection");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "answers");
  json_builder_begin_object (builder);
  add_texts (self, builder, draft, MB_TEXT_REFLECTION, mb_script_get_reflection (self->script));
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "agreements");
  mb_json_add_list (builder, G_LIST_MODEL (self->agreements), add_agreement, NULL, self->kept_agreements);
  json_builder_set_member_name (builder, "marbles");
  mb_json_add_list (builder, G_LIST_MODEL (self->marbles), add_marble, NULL, self->kept_marbles);

  /* The script's copy is kept once, beside all conversations held with it. */
  json_builder_set_member_name (builder, "script");
  json_builder_begin_object (builder);
  add_string (builder, "id", mb_script_get_id (self->script));
  mb_script_get_copy (self->script, &checksum);
  add_string (builder, "copy", checksum);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * mb_conversation_draft:
 *
 * The first part of writing the conversation to its file, on the main
 * thread: everything but the texts, which are copied aside. The rest,
 * mb_json_draft_finish(), can be done in a worker.
 *
 * Returns: (transfer full): the draft of the file
 */
MbJsonDraft *
mb_conversation_draft (MbConversation *self)
{
  MbJsonDraft *draft = mb_json_draft_new ();
  g_autoptr(JsonNode) fresh = NULL;
  g_autoptr(JsonNode) merged = NULL;

  g_return_val_if_fail (MB_IS_CONVERSATION (self), NULL);

  fresh = build_json (self, draft);
  merged = mb_json_merge (self->original, fresh);
  mb_json_draft_set_root (draft, merged);
  return draft;
}

/**
 * mb_conversation_to_bytes:
 *
 * Returns: (transfer full): the conversation as its file holds it,
 *   with the members this version does not know kept as they were
 */
GBytes *
mb_conversation_to_bytes (MbConversation *self)
{
  g_autoptr(MbJsonDraft) draft = NULL;

  g_return_val_if_fail (MB_IS_CONVERSATION (self), NULL);

  draft = mb_conversation_draft (self);
  return mb_json_draft_finish (draft);
}

const char *
mb_conversation_get_id (MbConversation *self)
{
  g_return_val_if_fail (MB_IS_CONVERSATION (self), NULL);

  return self->id;
}

/**
 * mb_conversation_get_file_version:
 *
 * Returns: the format version of the file @self was read from, which
 *   may be older than %MB_CONVERSATION_FORMAT_VERSION; 0 for a new one
 */
guint
mb_conversation_get_file_version (MbConversation *self)
{
  g_return_val_if_fail (MB_IS_CONVERSATION (self), 0);

  return self->file_version;
}

const char *
mb_conversation_get_person_id (MbConversation *self)
{
  g_return_val_if_fail (MB_IS_CONVERSATION (self), NULL);

  return self->person_id;
}

/**
 * mb_conversation_get_script:
 *
 * Returns: (transfer none): the script as the conversation was held with it
 */
MbScript *
mb_conversation_get_script (MbConversation *self)
{
  g_return_val_if_fail (MB_IS_CONVERSATION (self), NULL);

  return self->script;
}

GDateTime *
mb_conversation_get_created (MbConversation *self)
{
  g_return_val_if_fail (MB_IS_CONVERSATION (self), NULL);

  return self->created;
}

/**
 * mb_conversation_get_scheduled:
 *
 * Returns: (nullable): when the conversation was planned, if it was
 */
GDateTime *
mb_conversation_get_scheduled (MbConversation *self)
{
  g_return_val_if_fail (MB_IS_CONVERSATION (self), NULL);

  return self->scheduled;
}

/**
 * mb_conversation_is_upcoming:
 * @now: the time it is
 *
 * Returns: whether the conversation is planned for a time from the
 *   start of the day of @now on, and is not yet begun (still in its
 *   Prepare phase, not finished)
 */
gboolean
mb_conversation_is_upcoming (MbConversation *self,
                             GDateTime      *now)
{
  g_autoptr(GDateTime) today = NULL;

  g_return_val_if_fail (MB_IS_CONVERSATION (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (self->scheduled == NULL || self->finished || self->phase != MB_PHASE_PREPARE)
    return FALSE;

  today = g_date_time_new (g_date_time_get_timezone (now), g_date_time_get_year (now),
                           g_date_time_get_month (now), g_date_time_get_day_of_month (now), 0, 0, 0);
  return g_date_time_compare (self->scheduled, today) >= 0;
}

/**
 * mb_conversation_get_when:
 *
 * Returns: (transfer none): when the conversation is or was: the planned
 *   time if there is one, else when it was started
 */
GDateTime *
mb_conversation_get_when (MbConversation *self)
{
  g_return_val_if_fail (MB_IS_CONVERSATION (self), NULL);

  return self->scheduled != NULL ? self->scheduled : self->created;
}

MbPhase
mb_conversation_get_phase (MbConversation *self)
{
  g_return_val_if_fail (MB_IS_CONVERSATION (self), MB_PHASE_PREPARE);

  return self->phase;
}

void
mb_conversation_set_phase (MbConversation *self,
                           MbPhase         phase)
{
  g_return_if_fail (MB_IS_CONVERSATION (self));
  g_return_if_fail (phase <= MB_PHASE_REFLECT);

  if (self->phase == phase)
    return;

  self->keep &= ~KEEP_PHASE;
  self->phase = phase;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHASE]);
  emit_changed (self);
}

guint
mb_conversation_get_step (MbConversation *self)
{
  g_return_val_if_fail (MB_IS_CONVERSATION (self), 0);

  return self->step;
}

/**
 * mb_conversation_set_step:
 * @step: the step on screen, counting from 0
 */
void
mb_conversation_set_step (MbConversation *self,
                          guint           step)
{
  g_return_if_fail (MB_IS_CONVERSATION (self));
  g_return_if_fail (step < mb_script_get_steps (self->script)->len);

  if (self->step == step)
    return;

  self->keep &= ~KEEP_STEP;
  self->step = step;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
  emit_changed (self);
}

gboolean
mb_conversation_get_finished (MbConversation *self)
{
  g_return_val_if_fail (MB_IS_CONVERSATION (self), FALSE);

  return self->finished;
}

void
mb_conversation_set_finished (MbConversation *self,
                              gboolean        finished)
{
  g_return_if_fail (MB_IS_CONVERSATION (self));

  if (self->finished == !!finished)
    return;

  self->keep &= ~KEEP_FINISHED;
  /* A finished conversation is over: its timer stands still. */
  if (finished)
    mb_conversation_set_timer_running (self, FALSE);
  self->finished = !!finished;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINISHED]);
  emit_changed (self);
}

/**
 * mb_conversation_get_text:
 * @key: (nullable): the question or step id; %NULL for the free notes
 *
 * Returns: the text, "" when none was written
 */
const char *
mb_conversation_get_text (MbConversation *self,
                          MbTextKind      kind,
                          const char     *key)
{
  g_autofree char *hash_key = NULL;
  MbText *text;

  g_return_val_if_fail (MB_IS_CONVERSATION (self), NULL);

  hash_key = text_key (kind, key);
  text = g_hash_table_lookup (self->texts, hash_key);
  return text != NULL ? mb_text_get (text) : "";
}

void
mb_conversation_set_text (MbConversation *self,
                          MbTextKind      kind,
                          const char     *key,
                          const char     *text)
{
  g_return_if_fail (MB_IS_CONVERSATION (self));
  g_return_if_fail (text != NULL);

  if (g_strcmp0 (mb_conversation_get_text (self, kind, key), text) == 0)
    return;

  g_hash_table_insert (self->texts, text_key (kind, key), mb_text_new (text));
  emit_changed (self);
}

/* How many bytes all the texts hold together. */
static gsize
count_text_bytes (MbConversation *self)
{
  GHashTableIter iter;
  gpointer text;
  gsize total = 0;

  g_hash_table_iter_init (&iter, self->texts);
  while (g_hash_table_iter_next (&iter, NULL, &text))
    total += mb_text_get_size (text);
  return total;
}

/**
 * mb_conversation_replace_text:
 * @key: (nullable): the question or step id; %NULL for the free notes
 * @position: where, in characters from the start of the text
 * @n_removed: how many characters to take out there
 * @inserted: what to put in their place
 * @length: its length in bytes, or -1 when it ends in a NUL
 *
 * Changes a part of a text, as a text field does for each key. A change
 * that would make the conversation hold more than %MB_TEXT_MAX_BYTES, or
 * make a paragraph longer than %MB_TEXT_MAX_PARAGRAPH_CHARS characters
 * (and than it was), is refused; taking text out never is.
 *
 * Returns: %TRUE when the text was changed
 */
gboolean
mb_conversation_replace_text (MbConversation  *self,
                              MbTextKind       kind,
                              const char      *key,
                              gsize            position,
                              gsize            n_removed,
                              const char      *inserted,
                              gssize           length,
                              GError         **error)
{
  g_autofree char *hash_key = NULL;
  MbText *text;
  gsize removed;
  gsize total;
  gsize longest;
  gsize before;

  g_return_val_if_fail (MB_IS_CONVERSATION (self), FALSE);
  g_return_val_if_fail (inserted != NULL, FALSE);

  if (length < 0)
    length = strlen (inserted);
  hash_key = text_key (kind, key);
  text = g_hash_table_lookup (self->texts, hash_key);
  if (text == NULL)
    {
      text = mb_text_new ("");
      g_hash_table_insert (self->texts, g_steal_pointer (&hash_key), text);
    }

  removed = mb_text_measure (text, position, n_removed);
  if (removed == 0 && length == 0)
    return TRUE;
  total = count_text_bytes (self) - removed + length;
  if ((gsize) length > removed && total > MB_TEXT_MAX_BYTES)
    {
      mb_text_set_too_large_error (error, total);
      return FALSE;
    }
  longest = mb_text_longest_after_splice (text, position, n_removed, inserted, length, &before);
  if (longest > MB_TEXT_MAX_PARAGRAPH_CHARS && longest > before)
    {
      mb_text_set_too_long_error (error);
      return FALSE;
    }

  mb_text_splice (text, position, n_removed, inserted, length);
  emit_changed (self);
  return TRUE;
}

/**
 * mb_conversation_get_talk_seconds:
 *
 * Returns: how long the talk has lasted, in seconds, not counting pauses
 */
gint64
mb_conversation_get_talk_seconds (MbConversation *self)
{
  g_return_val_if_fail (MB_IS_CONVERSATION (self), 0);

  if (self->timer_started == 0)
    return self->talk_seconds;
  return self->talk_seconds + MAX (0, clock_now () - self->timer_started) / G_USEC_PER_SEC;
}

gboolean
mb_conversation_get_timer_running (MbConversation *self)
{
  g_return_val_if_fail (MB_IS_CONVERSATION (self), FALSE);

  return self->timer_started != 0;
}

/**
 * mb_conversation_set_timer_running:
 *
 * Starts or pauses the talk timer. A running timer is not saved as
 * running: reopened, the conversation starts paused at the time it had.
 * The timer of a finished conversation does not start.
 */
void
mb_conversation_set_timer_running (MbConversation *self,
                                   gboolean        running)
{
  g_return_if_fail (MB_IS_CONVERSATION (self));

  if (mb_conversation_get_timer_running (self) == !!running || (running && self->finished))
    return;

  self->keep &= ~KEEP_SECONDS;
  if (running)
    {
      /* Never 0, which means paused. */
      self->timer_started = MAX (1, clock_now ());
    }
  else
    {
      self->talk_seconds = mb_conversation_get_talk_seconds (self);
      self->timer_started = 0;
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMER_RUNNING]);
  emit_changed (self);
}

/**
 * mb_conversation_set_clock:
 * @clock: (nullable): what the talk timers read the time from, in
 *   microseconds that only go forward, as g_get_monotonic_time(); %NULL
 *   for that function itself
 *
 * For tests, which cannot wait minutes for a timer to run.
 */
void
mb_conversation_set_clock (MbClockFunc clock)
{
  clock_now = clock != NULL ? clock : g_get_monotonic_time;
}

/**
 * mb_conversation_get_agreements:
 *
 * Returns: (transfer none): a #GListModel of #MbAgreement
 */
GListModel *
mb_conversation_get_agreements (MbConversation *self)
{
  g_return_val_if_fail (MB_IS_CONVERSATION (self), NULL);

  return G_LIST_MODEL (self->agreements);
}

/**
 * mb_conversation_add_agreement:
 * @text: what was agreed
 * @promised_by: who promised it
 * @due: (nullable): when it is due
 *
 * Returns: (transfer none): the new agreement, open
 */
MbAgreement *
mb_conversation_add_agreement (MbConversation *self,
                               const char     *text,
                               MbPromisedBy    promised_by,
                               GDate          *due)
{
  g_autoptr(MbAgreement) agreement = NULL;

  g_return_val_if_fail (MB_IS_CONVERSATION (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  agreement = g_object_new (MB_TYPE_AGREEMENT, NULL);
  agreement->conversation = self;
  agreement->id = g_uuid_string_random ();
  agreement->text = g_strdup (text);
  agreement->promised_by = promised_by;
  agreement->created = g_date_time_new_now_local ();
  if (due != NULL && g_date_valid (due))
    agreement->due = g_date_copy (due);

  g_list_store_append (self->agreements, agreement);
  emit_changed (self);
  return agreement;
}

void
mb_conversation_remove_agreement (MbConversation *self,
                                  MbAgreement    *agreement)
{
  guint position;

  g_return_if_fail (MB_IS_CONVERSATION (self));

  if (g_list_store_find (self->agreements, agreement, &position))
    {
      agreement->conversation = NULL;
      g_list_store_remove (self->agreements, position);
      emit_changed (self);
    }
}

/**
 * mb_conversation_get_n_kept_agreements:
 *
 * Returns: how many agreements the file holds that this version cannot
 *   show; they are written back as they were
 */
guint
mb_conversation_get_n_kept_agreements (MbConversation *self)
{
  g_return_val_if_fail (MB_IS_CONVERSATION (self), 0);

  return self->kept_agreements->len;
}

/**
 * mb_conversation_get_marbles:
 *
 * Returns: (transfer none): a #GListModel of #MbMarble, in the order logged
 */
GListModel *
mb_conversation_get_marbles (MbConversation *self)
{
  g_return_val_if_fail (MB_IS_CONVERSATION (self), NULL);

  return G_LIST_MODEL (self->marbles);
}

/**
 * mb_conversation_add_marble:
 * @in: %TRUE for a marble in the jar, %FALSE for one out
 * @reason: what built or cost trust
 *
 * Returns: (transfer none): the new marble
 */
MbMarble *
mb_conversation_add_marble (MbConversation *self,
                            gboolean        in,
                            const char     *reason)
{
  g_autoptr(MbMarble) marble = NULL;

  g_return_val_if_fail (MB_IS_CONVERSATION (self), NULL);
  g_return_val_if_fail (reason != NULL, NULL);

  marble = g_object_new (MB_TYPE_MARBLE, NULL);
  marble->id = g_uuid_string_random ();
  marble->in = !!in;
  marble->reason = g_strdup (reason);
  marble->created = g_date_time_new_now_local ();

  g_list_store_append (self->marbles, marble);
  emit_changed (self);
  return marble;
}

void
mb_conversation_remove_marble (MbConversation *self,
                               MbMarble       *marble)
{
  guint position;

  g_return_if_fail (MB_IS_CONVERSATION (self));

  if (g_list_store_find (self->marbles, marble, &position))
    {
      g_list_store_remove (self->marbles, position);
      emit_changed (self);
    }
}

/**
 * mb_conversation_get_n_kept_marbles:
 *
 * Returns: how many marbles the file holds that this version cannot
 *   show; they are written back as they were
 */
guint
mb_conversation_get_n_kept_marbles (MbConversation *self)
{
  g_return_val_if_fail (MB_IS_CONVERSATION (self), 0);

  return self->kept_marbles->len;
}

/* Searching */

/* One text of the conversation, and where it is shown. */
typedef struct
{
  const char *text;
  MbPhase     phase;
  guint       step;
} Place;

static void
add_place (GArray     *places,
           const char *text,
           MbPhase     phase,
           guint       step)
{
  Place place = { text, phase, step };

  if (text != NULL && *text != '\0')
    g_array_append_val (places, place);
}

static void
add_question_places (MbConversation *self,
                     GArray         *places,
                     MbTextKind      kind,
                     GPtrArray      *questions,
                     MbPhase         phase)
{
  for (guint i = 0; i < questions->len; i++)
    add_place (places,
               mb_conversation_get_text (self, kind, mb_script_question_get_id (g_ptr_array_index (questions, i))),
               phase, 0);
}

/* Everything the leader wrote in the conversation, in the order shown. */
static GArray *
collect_places (MbConversation *self)
{
  GArray *places = g_array_new (FALSE, FALSE, sizeof (Place));
  GPtrArray *steps = mb_script_get_steps (self->script);

  add_question_places (self, places, MB_TEXT_PREPARATION, mb_script_get_preparation (self->script),
                       MB_PHASE_PREPARE);
  add_place (places, mb_conversation_get_text (self, MB_TEXT_PREPARATION_NOTES, NULL), MB_PHASE_PREPARE, 0);
  for (guint i = 0; i < steps->len; i++)
    add_place (places,
               mb_conversation_get_text (self, MB_TEXT_STEP_NOTES, mb_script_step_get_id (g_ptr_array_index (steps, i))),
               MB_PHASE_TALK, i);
  add_question_places (self, places, MB_TEXT_REFLECTION, mb_script_get_reflection (self->script),
                       MB_PHASE_REFLECT);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->agreements)); i++)
    {
      g_autoptr(MbAgreement) agreement = g_list_model_get_item (G_LIST_MODEL (self->agreements), i);

      add_place (places, agreement->text, MB_PHASE_REFLECT, 0);
    }
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->marbles)); i++)
    {
      g_autoptr(MbMarble) marble = g_list_model_get_item (G_LIST_MODEL (self->marbles), i);

      add_place (places, marble->reason, MB_PHASE_REFLECT, 0);
    }

  return places;
}

/**
 * mb_search_words:
 * @query: what the user typed
 *
 * Returns: (transfer full): the words of @query, folded as
 *   mb_fold_for_search() does, without empty ones
 */
char **
mb_search_words (const char *query)
{
  g_autofree char *folded = mb_fold_for_search (query);
  g_auto(GStrv) words = g_strsplit_set (folded, " \t\n", -1);
  GPtrArray *result = g_ptr_array_new ();

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] != '\0')
        g_ptr_array_add (result, g_strdup (words[i]));
    }
  g_ptr_array_add (result, NULL);

  return (char **) g_ptr_array_free (result, FALSE);
}

/**
 * mb_conversation_prepare_search:
 *
 * Folds everything written in the conversation for searching, so the
 * first search does not have to. The journal does this in its loading
 * thread; after a change it happens again on the next search.
 */
void
mb_conversation_prepare_search (MbConversation *self)
{
  g_autoptr(GArray) places = NULL;
  GString *text;
  gsize text_len;
  guint i = 0;

  g_return_if_fail (MB_IS_CONVERSATION (self));

  if (self->search_text != NULL)
    return;

  /* The title, then what was written in each phase, each folded on its
   * own and ended by a NUL, so that a search can keep to one phase and
   * still use strstr(). Where each place starts is kept, for snippets.
   */
  places = collect_places (self);
  text = g_string_new (NULL);
  self->search_places = g_array_sized_new (FALSE, FALSE, sizeof (gsize), places->len);
  for (int phase = -1; phase <= MB_PHASE_REFLECT; phase++)
    {
      self->search_starts[phase + 1] = text->len;
      if (phase < 0)
        mb_fold_append (text, mb_localized_get (mb_script_get_title (self->script)));
      for (; phase >= 0 && i < places->len && g_array_index (places, Place, i).phase == (MbPhase) phase; i++)
        {
          g_array_append_val (self->search_places, text->len);
          mb_fold_append (text, g_array_index (places, Place, i).text);
          g_string_append_c (text, '\n');
        }
      g_string_append_c (text, '\0');
    }
  text_len = text->len;
  /* Kept as long as it is, without the room GString grew by. */
  self->search_text = g_realloc (g_string_free (text, FALSE), text_len);
}

/**
 * mb_conversation_matches:
 * @also: (nullable): more text that counts, such as the person's name
 * @words: from mb_search_words()
 *
 * Returns: whether every word occurs somewhere in what was written in
 *   the conversation, its script's title or @also, ignoring case and
 *   accents
 */
gboolean
mb_conversation_matches (MbConversation     *self,
                         const char         *also,
                         const char * const *words)
{
  return mb_conversation_matches_in (self, also, words, -1);
}

/**
 * mb_conversation_matches_in:
 * @phase: a #MbPhase, or -1 for anywhere
 *
 * Like mb_conversation_matches(), but when @phase is not -1 every word
 * must occur in what was written in that phase; @also and the title do
 * not count then.
 */
gboolean
mb_conversation_matches_in (MbConversation     *self,
                            const char         *also,
                            const char * const *words,
                            int                 phase)
{
  g_autofree char *folded_also = also != NULL && phase < 0 ? mb_fold_for_search (also) : NULL;

  return mb_conversation_matches_folded (self, folded_also, words, phase);
}

/**
 * mb_conversation_matches_folded:
 * @folded_also: (nullable): like @also of mb_conversation_matches_in(),
 *   folded already by mb_fold_for_search()
 *
 * Like mb_conversation_matches_in(), for searching many conversations
 * with the same few names.
 */
gboolean
mb_conversation_matches_folded (MbConversation     *self,
                                const char         *folded_also,
                                const char * const *words,
                                int                 phase)
{
  g_return_val_if_fail (MB_IS_CONVERSATION (self), FALSE);
  g_return_val_if_fail (phase >= -1 && phase <= MB_PHASE_REFLECT, FALSE);

  mb_conversation_prepare_search (self);

  for (guint i = 0; words[i] != NULL; i++)
    {
      gboolean found = FALSE;

      /* The parts are the title and the phases; each ends in a NUL. */
      for (int part = phase < 0 ? 0 : phase + 1; part <= (phase < 0 ? MB_PHASE_REFLECT + 1 : phase + 1) && !found; part++)
        found = strstr (self->search_text + self->search_starts[part], words[i]) != NULL;
      if (!found && phase < 0 && folded_also != NULL)
        found = strstr (folded_also, words[i]) != NULL;
      if (!found)
        return FALSE;
    }

  return TRUE;
}

/* About @before characters before @at and @after after it, on one line. */
static char *
cut_snippet (const char *text,
             gsize       at,
             guint       before,
             guint       after)
{
  const char *start = text + at;
  const char *end = text + at;
  GString *snippet = g_string_new (NULL);

  for (guint i = 0; i < before && start > text; i++)
    start = g_utf8_prev_char (start);
  for (guint i = 0; i < after && *end != '\0'; i++)
    end = g_utf8_next_char (end);

  /* Whole words only, at both ends. */
  if (start > text)
    {
      const char *space = start;

      while (space < text + at && !g_ascii_isspace (*space))
        space++;
      if (space < text + at)
        start = space + 1;
    }
  if (*end != '\0')
    {
      const char *space = end;

      while (space > text + at && !g_ascii_isspace (space[-1]))
        space--;
      if (space > text + at)
        end = space - 1;
    }

  if (start > text)
    g_string_append (snippet, "…");
  g_string_append_len (snippet, start, end - start);
  if (*end != '\0')
    g_string_append (snippet, "…");
  g_strdelimit (snippet->str, "\n\r\t", ' ');
  return g_string_free (snippet, FALSE);
}

/* The length of the folded text of place @i in the text kept for
 * search: up to the next place, or the end of its phase.
 */
static gsize
place_length (MbConversation *self,
              GArray         *places,
              guint           i)
{
  gsize start = g_array_index (self->search_places, gsize, i);

  if (i + 1 < places->len &&
      g_array_index (places, Place, i + 1).phase == g_array_index (places, Place, i).phase)
    return g_array_index (self->search_places, gsize, i + 1) - 1 - start;
  return strlen (self->search_text + start) - 1;
}

/* How many of @words occur in the @length bytes of folded text at
 * @folded; *@first is set to the earliest place where one of them does.
 */
static guint
count_words (const char         *folded,
             gsize               length,
             const char * const *words,
             const char        **first)
{
  guint count = 0;

  for (guint w = 0; words[w] != NULL; w++)
    {
      const char *found = memmem (folded, length, words[w], strlen (words[w]));

      if (found == NULL)
        continue;
      count++;
      if (*first == NULL || found < *first)
        *first = found;
    }

  return count;
}

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const MbSearchSpan *x = a;
  const MbSearchSpan *y = b;

  return x->start < y->start ? -1 : x->start > y->start;
}

/**
 * mb_search_spans:
 * @text: a text as it was written
 * @words: from mb_search_words()
 *
 * Returns: (transfer full) (element-type MbSearchSpan): where in @text
 *   the words occur, in bytes, from the start on; spans that overlap or
 *   touch are one
 */
GArray *
mb_search_spans (const char         *text,
                 const char * const *words)
{
  g_autofree char *folded = mb_fold_for_search (text);
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (MbSearchSpan));
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (MbSearchSpan));

  for (guint w = 0; words[w] != NULL; w++)
    {
      gsize length = strlen (words[w]);

      for (const char *found = strstr (folded, words[w]);
           found != NULL && length > 0;
           found = strstr (found + length, words[w]))
        {
          MbSearchSpan span = { mb_fold_origin (text, found - folded), mb_fold_origin (text, found - folded + length) };

          g_array_append_val (all, span);
        }
    }

  g_array_sort (all, compare_spans);
  for (guint i = 0; i < all->len; i++)
    {
      MbSearchSpan *span = &g_array_index (all, MbSearchSpan, i);
      MbSearchSpan *last = spans->len > 0 ? &g_array_index (spans, MbSearchSpan, spans->len - 1) : NULL;

      if (last != NULL && span->start <= last->end)
        last->end = MAX (last->end, span->end);
      else
        g_array_append_val (spans, *span);
    }

  return spans;
}

/**
 * mb_conversation_find:
 * @words: from mb_search_words()
 * @phase: (out) (optional): the phase where the text is shown
 * @step: (out) (optional): the step, when it is a step's notes
 *
 * Returns: (transfer full) (nullable): the words around the first place
 *   where the leader wrote the most of @words (all of them, when they
 *   are together in one text anywhere), or %NULL when they only occur in
 *   the script's title or the person's name
 */
char *
mb_conversation_find (MbConversation     *self,
                      const char * const *words,
                      MbPhase            *phase,
                      guint              *step)
{
  return mb_conversation_find_in (self, words, -1, phase, step);
}

/**
 * mb_conversation_find_in:
 * @only: a #MbPhase, or -1 for anywhere
 *
 * Like mb_conversation_find(), looking only at what was written in
 * @only when it is not -1.
 */
char *
mb_conversation_find_in (MbConversation     *self,
                         const char * const *words,
                         int                 only,
                         MbPhase            *phase,
                         guint              *step)
{
  g_autoptr(GArray) places = NULL;
  guint n_words = g_strv_length ((char **) words);
  guint best = 0;
  guint best_count = 0;
  gsize best_at = 0;

  g_return_val_if_fail (MB_IS_CONVERSATION (self), NULL);

  /* The first place where the most words are, all of them if they are
   * together anywhere: in the folded text kept for search, place by
   * place, without the title.
   */
  mb_conversation_prepare_search (self);
  places = collect_places (self);
  for (guint i = 0; i < places->len && best_count < n_words; i++)
    {
      Place *place = &g_array_index (places, Place, i);
      const char *start = self->search_text + g_array_index (self->search_places, gsize, i);
      const char *first = NULL;
      guint count;

      if (only >= 0 && place->phase != (MbPhase) only)
        continue;

      count = count_words (start, place_length (self, places, i), words, &first);
      if (count > best_count)
        {
          best = i;
          best_count = count;
          best_at = mb_fold_origin (place->text, first - start);
        }
    }

  if (best_count == 0)
    return NULL;

  if (phase != NULL)
    *phase = g_array_index (places, Place, best).phase;
  if (step != NULL)
    *step = g_array_index (places, Place, best).step;
  return cut_snippet (g_array_index (places, Place, best).text, best_at, 40, 80);
}
