/* mb-lens-service.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The judgement lens's rules, loaded once and shared by every text
 * field, and whether the lens is on. The application loads the rules
 * in a worker at startup and binds "enabled" to its settings; a field
 * that exists before the rules arrive checks its text when they do.
 */

#define G_LOG_DOMAIN "mb-lens-service"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-lens-service.h"

struct _MbLensService
{
  GObject       parent_instance;

  MbLensRules  *rules;    /* NULL until loaded */
  gboolean      enabled;
  GCancellable *loading;
};

G_DEFINE_FINAL_TYPE (MbLensService, mb_lens_service, G_TYPE_OBJECT)

enum { PROP_0, PROP_RULES, PROP_ENABLED, N_PROPS };

static GParamSpec *properties[N_PROPS];

static void
mb_lens_service_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MbLensService *self = MB_LENS_SERVICE (object);

  switch (prop_id)
    {
    case PROP_RULES:
      g_value_set_boxed (value, self->rules);
      break;
    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_lens_service_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MbLensService *self = MB_LENS_SERVICE (object);

  switch (prop_id)
    {
    case PROP_ENABLED:
      mb_lens_service_set_enabled (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_lens_service_finalize (GObject *object)
{
  MbLensService *self = MB_LENS_SERVICE (object);

  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  g_clear_pointer (&self->rules, mb_lens_rules_unref);

  G_OBJECT_CLASS (mb_lens_service_parent_class)->finalize (object);
}

static void
mb_lens_service_class_init (MbLensServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = mb_lens_service_get_property;
  object_class->set_property = mb_lens_service_set_property;
  object_class->finalize = mb_lens_service_finalize;

  properties[PROP_RULES] =
    g_param_spec_boxed ("rules", NULL, NULL, MB_TYPE_LENS_RULES,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL, TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mb_lens_service_init (MbLensService *self)
{
  self->enabled = TRUE;
}

/**
 * mb_lens_service_get_default:
 *
 * Returns: (transfer none): the one lens service of the process
 */
MbLensService *
mb_lens_service_get_default (void)
{
  static MbLensService *service;

  if (service == NULL)
    service = g_object_new (MB_TYPE_LENS_SERVICE, NULL);

  return service;
}

/**
 * mb_lens_service_get_rules:
 *
 * Returns: (transfer none) (nullable): the rules, once loaded
 */
MbLensRules *
mb_lens_service_get_rules (MbLensService *self)
{
  g_return_val_if_fail (MB_IS_LENS_SERVICE (self), NULL);

  return self->rules;
}

/* @rules: (nullable): the rules every field checks with from now on */
void
mb_lens_service_set_rules (MbLensService *self,
                           MbLensRules   *rules)
{
  g_return_if_fail (MB_IS_LENS_SERVICE (self));

  if (self->rules == rules)
    return;

  g_clear_pointer (&self->rules, mb_lens_rules_unref);
  self->rules = rules != NULL ? mb_lens_rules_ref (rules) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RULES]);
}

gboolean
mb_lens_service_get_enabled (MbLensService *self)
{
  g_return_val_if_fail (MB_IS_LENS_SERVICE (self), FALSE);

  return self->enabled;
}

void
mb_lens_service_set_enabled (MbLensService *self,
                             gboolean       enabled)
{
  g_return_if_fail (MB_IS_LENS_SERVICE (self));

  enabled = !!enabled;
  if (self->enabled == enabled)
    return;

  self->enabled = enabled;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);
}

static void
load_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *language = task_data;
  g_auto(GStrv) problems = NULL;
  GError *error = NULL;
  MbLensRules *rules = mb_lens_rules_load (language, NULL, &problems, &error);

  /* The user's own file may be wrong: the bundled rules still hold. */
  for (guint i = 0; problems != NULL && problems[i] != NULL; i++)
    g_message ("%s", problems[i]);

  if (rules == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, rules, (GDestroyNotify) mb_lens_rules_unref);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  MbLensService *self = MB_LENS_SERVICE (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(MbLensRules) rules = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->loading);
  if (rules == NULL)
    {
      g_message ("The judgement lens is without rules: %s", error->message);
      return;
    }
  mb_lens_service_set_rules (self, rules);
}

/**
 * mb_lens_service_load:
 * @language: "en", "nl", …
 *
 * Reads the rules for @language in a worker; they replace the ones
 * there are when read. Without rules the lens marks nothing.
 */
void
mb_lens_service_load (MbLensService *self,
                      const char    *language)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MB_IS_LENS_SERVICE (self));
  g_return_if_fail (language != NULL);

  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  self->loading = g_cancellable_new ();

  task = g_task_new (self, self->loading, loaded_cb, NULL);
  g_task_set_source_tag (task, mb_lens_service_load);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_set_task_data (task, g_strdup (language), g_free);
  g_task_run_in_thread (task, load_worker);
}
