/* mb-lens-command.c — `marbles --lens FILE`: the judgement lens on a text
 * file, without a window
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mb-lens-command"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mb-lens.h"
#include "mb-lens-command.h"

/* Prints the spans of one line, numbered @number, in columns of
 * characters counted from 1; the last column is the phrase's last
 * character.
 */
static void
print_line (MbLensRules *rules,
            const char  *line,
            gsize        length,
            guint        number)
{
  g_autoptr(GArray) spans = mb_lens_check (rules, line, length);

  for (guint i = 0; i < spans->len; i++)
    {
      const MbLensSpan *span = &g_array_index (spans, MbLensSpan, i);
      glong first = g_utf8_pointer_to_offset (line, line + span->start) + 1;
      glong last = g_utf8_pointer_to_offset (line, line + span->end);
      g_autofree char *phrase = g_strndup (line + span->start, span->end - span->start);

      g_print ("%u:%ld-%ld: %s: \"%s\"\n", number, first, last,
               mb_lens_category_to_string (span->category), phrase);
    }
}

/**
 * mb_lens_command_run:
 * @filename: a UTF-8 text file
 * @language: (nullable): "en" or "nl"; %NULL for the user's own
 *
 * Prints each phrase of @filename that the lens flags as
 * `LINE:COLUMN-COLUMN: CATEGORY: "phrase"`, and what is wrong with the
 * user's own rules, if anything, on standard error.
 *
 * Returns: the exit status: 0 when the file was checked, 1 when it
 *   could not be read, 2 when there is no lens for @language
 */
int
mb_lens_command_run (const char *filename,
                     const char *language)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MbLensRules) rules = NULL;
  g_auto(GStrv) problems = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  guint number = 1;

  rules = mb_lens_rules_load (language != NULL ? language : mb_lens_default_language (),
                              NULL, &problems, &error);
  if (rules == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  for (guint i = 0; problems[i] != NULL; i++)
    g_printerr ("%s\n", problems[i]);

  if (!g_file_get_contents (filename, &contents, &length, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (!g_utf8_validate (contents, length, NULL))
    {
      g_printerr ("%s: %s\n", filename, _("The file is not valid UTF-8 text"));
      return 1;
    }

  for (gsize start = 0; start < length; number++)
    {
      const char *newline = memchr (contents + start, '\n', length - start);
      gsize end = newline != NULL ? (gsize) (newline - contents) : length;

      print_line (rules, contents + start, end - start, number);
      start = end + 1;
    }

  return 0;
}
