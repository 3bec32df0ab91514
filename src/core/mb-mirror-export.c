/* mb-mirror-export.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The leader's mirror as a document, to export as Markdown or print:
 * the same sentences as the "You" section, with the overdue promises
 * and the marbles per person listed under them.
 */

#define G_LOG_DOMAIN "mb-mirror-export"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-mirror-export.h"
#include "mb-mirror-wording.h"
#include "mb-wording.h"

static const char *
title (MbMirrorPeriod period)
{
  switch (period)
    {
    case MB_MIRROR_QUARTER:
      /* Translators: the title of the You section, exported */
      return _("You: the last three months");
    case MB_MIRROR_YEAR:
      return _("You: the last twelve months");
    case MB_MIRROR_ALL:
    default:
      return _("You: all time");
    }
}

static const char *
name_of (MbJournal  *journal,
         const char *person_id)
{
  MbPerson *person = mb_journal_lookup_person (journal, person_id);

  return person != NULL ? mb_person_get_name (person) : NULL;
}

static void
add_overdue (MbDocument     *doc,
             const MbMirror *mirror,
             MbJournal      *journal)
{
  if (mirror->overdue->len == 0)
    return;

  mb_document_add_heading (doc, 3, _("Overdue Promises"));
  for (guint i = 0; i < mirror->overdue->len; i++)
    {
      const MbMirrorOverdue *overdue = &g_array_index (mirror->overdue, MbMirrorOverdue, i);
      g_autofree char *day = mb_wording_date ((GDate *) &overdue->due);
      /* Translators: about an agreement: “due 1 Dec 2026” */
      g_autofree char *due = g_strdup_printf (_("due %s"), day);
      g_autofree char *repair = mb_mirror_wording_repair (overdue);
      const char *name = name_of (journal, overdue->person_id);
      const char *fields[5] = { overdue->text, NULL };
      guint n = 1;

      if (name != NULL)
        fields[n++] = name;
      fields[n++] = due;
      fields[n++] = repair;
      mb_document_add_item (doc, NULL, fields);
    }
}

static void
add_people (MbDocument     *doc,
            const MbMirror *mirror,
            MbJournal      *journal)
{
  for (guint i = 0; i < mirror->people->len; i++)
    {
      const MbMirrorPerson *entry = &g_array_index (mirror->people, MbMirrorPerson, i);
      g_autofree char *balance = mb_mirror_wording_balance (entry->balance);
      const char *name = name_of (journal, entry->person_id);

      /* Forgotten: no trace of them. */
      if (name != NULL)
        mb_document_add_item (doc, NULL, (const char *[]) { name, balance, NULL });
    }
}

/**
 * mb_mirror_export_document:
 * @lens_enabled: whether the judgement lens is on
 *
 * Returns: (transfer full): @mirror as a document
 */
static void
add_scales (MbDocument     *doc,
            const MbMirror *mirror)
{
  g_autofree char *scales = mb_mirror_wording_scales (mirror);

  mb_document_add_heading (doc, 2, _("Self-Assessment"));
  mb_document_add_paragraph (doc, scales);
  for (guint i = 0; i < mirror->scales->len; i++)
    {
      const MbMirrorScale *scale = &g_array_index (mirror->scales, MbMirrorScale, i);
      g_autofree char *rating = mb_mirror_wording_scale (scale);

      mb_document_add_item (doc, NULL, (const char *[]) { scale->question, rating, NULL });
    }
}

MbDocument *
mb_mirror_export_document (const MbMirror *mirror,
                           MbJournal      *journal,
                           gboolean        lens_enabled)
{
  MbDocument *doc = mb_document_new ();
  g_autofree char *promises = mb_mirror_wording_promises (mirror);
  g_autofree char *trust = mb_mirror_wording_trust (mirror, journal);
  g_autofree char *listening = mb_mirror_wording_listening (mirror);
  g_autofree char *judgement = mb_mirror_wording_judgement (mirror, lens_enabled);

  mb_document_add_heading (doc, 1, title (mirror->period));
  mb_document_add_heading (doc, 2, _("Your Promises"));
  mb_document_add_paragraph (doc, promises);
  add_overdue (doc, mirror, journal);
  mb_document_add_heading (doc, 2, _("Trust"));
  mb_document_add_paragraph (doc, trust);
  add_people (doc, mirror, journal);
  mb_document_add_heading (doc, 2, _("Listening"));
  mb_document_add_paragraph (doc, listening);
  mb_document_add_heading (doc, 2, _("Judgement"));
  mb_document_add_paragraph (doc, judgement);
  add_scales (doc, mirror);
  return doc;
}
