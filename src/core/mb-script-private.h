/* mb-script-private.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the files of MbScript share: the structs that parsing fills in.
 * Not for use outside them.
 */

#pragma once

#include "mb-script.h"

G_BEGIN_DECLS

struct _MbScriptQuestion
{
  char        *id;
  MbLocalized *text;
  MbLocalized *hint;
  MbLocalized *scale_min; /* the labels of a scale's ends; NULL when it has none */
  MbLocalized *scale_max;
};

struct _MbScriptStep
{
  char        *id;
  MbLocalized *title;
  MbLocalized *purpose;
  GPtrArray   *questions;
  GPtrArray   *phrases;
  GPtrArray   *pitfalls;
};

struct _MbScript
{
  GObject      parent_instance;

  GFile       *file;
  char        *id;
  MbLocalized *title;
  MbLocalized *summary;
  guint        duration_minutes;
  GPtrArray   *tags;
  GPtrArray   *preparation;
  GPtrArray   *steps;
  GPtrArray   *reflection;
  char        *search_text;
  JsonNode    *json;
  GBytes      *copy;      /* the script as kept beside conversations; NULL until asked for */
  char        *copy_sum;  /* its SHA-256, which names the file */
};

G_END_DECLS
