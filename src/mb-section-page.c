/* mb-section-page.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What every section of the window (Conversations, People, Scripts)
 * shares: it brings its own header bar, which shows a button back to the
 * sections, and the window buttons, while the window is narrow.
 */

#define G_LOG_DOMAIN "mb-section-page"

#include "config.h"

#include "mb-section-page.h"

typedef struct
{
  MbJournal *journal;
  gboolean   show_back_button;
} MbSectionPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (MbSectionPage, mb_section_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_JOURNAL,
  PROP_SHOW_BACK_BUTTON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mb_section_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_JOURNAL:
      g_value_set_object (value, mb_section_page_get_journal (MB_SECTION_PAGE (object)));
      break;

    case PROP_SHOW_BACK_BUTTON:
      g_value_set_boolean (value, mb_section_page_get_show_back_button (MB_SECTION_PAGE (object)));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_section_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MbSectionPage *self = MB_SECTION_PAGE (object);
  MbSectionPagePrivate *priv = mb_section_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_JOURNAL:
      priv->journal = g_value_dup_object (value);
      if (priv->journal != NULL && MB_SECTION_PAGE_GET_CLASS (self)->journal_set != NULL)
        MB_SECTION_PAGE_GET_CLASS (self)->journal_set (self, priv->journal);
      break;

    case PROP_SHOW_BACK_BUTTON:
      mb_section_page_set_show_back_button (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_section_page_dispose (GObject *object)
{
  MbSectionPagePrivate *priv = mb_section_page_get_instance_private (MB_SECTION_PAGE (object));

  g_clear_object (&priv->journal);

  G_OBJECT_CLASS (mb_section_page_parent_class)->dispose (object);
}

static void
mb_section_page_class_init (MbSectionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mb_section_page_dispose;
  object_class->get_property = mb_section_page_get_property;
  object_class->set_property = mb_section_page_set_property;

  properties[PROP_JOURNAL] =
    g_param_spec_object ("journal", NULL, NULL,
                         MB_TYPE_JOURNAL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SHOW_BACK_BUTTON] =
    g_param_spec_boolean ("show-back-button", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mb_section_page_init (MbSectionPage *self)
{
}

/**
 * mb_section_page_get_journal:
 *
 * Returns: (transfer none) (nullable): the journal the page shows, for
 *   the sections that show one
 */
MbJournal *
mb_section_page_get_journal (MbSectionPage *self)
{
  MbSectionPagePrivate *priv = mb_section_page_get_instance_private (self);

  g_return_val_if_fail (MB_IS_SECTION_PAGE (self), NULL);

  return priv->journal;
}

gboolean
mb_section_page_get_show_back_button (MbSectionPage *self)
{
  MbSectionPagePrivate *priv = mb_section_page_get_instance_private (self);

  g_return_val_if_fail (MB_IS_SECTION_PAGE (self), FALSE);

  return priv->show_back_button;
}

/**
 * mb_section_page_set_show_back_button:
 *
 * Whether the page's header shows a button back to the sections, as it
 * should while the window is too narrow to show them beside it.
 */
void
mb_section_page_set_show_back_button (MbSectionPage *self,
                                      gboolean       show_back_button)
{
  MbSectionPagePrivate *priv = mb_section_page_get_instance_private (self);

  g_return_if_fail (MB_IS_SECTION_PAGE (self));

  if (priv->show_back_button == !!show_back_button)
    return;

  priv->show_back_button = !!show_back_button;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_BACK_BUTTON]);
}
