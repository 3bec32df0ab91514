/* mb-commands.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What Marbles does from the command line without opening a window:
 * checking script files, the judgement lens on a text file, and a plain
 * copy of a protected journal.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mb-commands.h"
#include "mb-decrypt-command.h"
#include "mb-lens-command.h"
#include "mb-script.h"

static const GOptionEntry entries[] = {
  { "validate-script", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Check script files and print their problems, without opening a window"), NULL },
  { "lens", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Print the phrases of a text file that judge rather than observe, without opening a window"),
    N_("FILE") },
  { "language", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("The language of the text for --lens: en or nl (by default your own)"), N_("LANGUAGE") },
  { "decrypt-journal", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write a plain copy of the journal protected with a passphrase into a new folder, "
       "after asking for the passphrase"), N_("FOLDER") },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, N_("[FILE…]") },
  { NULL }
};

/* Prints every problem in each file like a compiler does; returns the
 * exit status: 0 when all files are valid scripts, 1 when not.
 */
static int
validate_scripts (const char * const *files)
{
  int status = 0;

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GMappedFile) mapped = g_mapped_file_new (files[i], FALSE, &error);
      g_autoptr(GBytes) bytes = NULL;
      g_auto(GStrv) problems = NULL;

      if (mapped == NULL)
        {
          g_printerr ("%s: %s\n", files[i], error->message);
          status = 1;
          continue;
        }

      bytes = g_mapped_file_get_bytes (mapped);
      problems = mb_script_check_bytes (bytes, files[i]);
      for (guint j = 0; problems[j] != NULL; j++)
        g_printerr ("%s\n", problems[j]);
      if (problems[0] != NULL)
        status = 1;
    }

  return status;
}

/**
 * mb_commands_add_options:
 *
 * Adds the command line options of Marbles to @app.
 */
void
mb_commands_add_options (GApplication *app)
{
  g_application_add_main_option_entries (app, entries);
}

/**
 * mb_commands_run:
 * @options: the options given, as GApplication::handle-local-options has them
 *
 * Runs the command the options ask for.
 *
 * Returns: the exit status of the command, or -1 when they ask for none
 *   and the app is to start
 */
int
mb_commands_run (GVariantDict *options)
{
  g_autofree const char **files = NULL;
  const char *lens_file = NULL;
  const char *language = NULL;
  const char *decrypt_target = NULL;

  g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &files);
  g_variant_dict_lookup (options, "lens", "^&ay", &lens_file);
  g_variant_dict_lookup (options, "language", "&s", &language);
  g_variant_dict_lookup (options, "decrypt-journal", "^&ay", &decrypt_target);

  if (g_variant_dict_contains (options, "validate-script"))
    {
      if (files == NULL)
        {
          g_printerr ("%s\n", _("Give one or more script files to check"));
          return 2;
        }
      return validate_scripts (files);
    }

  if (files != NULL)
    {
      g_printerr (_("Unexpected argument “%s”; see marbles --help"), files[0]);
      g_printerr ("\n");
      return 2;
    }

  if (decrypt_target != NULL)
    return mb_decrypt_command_run (decrypt_target);
  if (lens_file != NULL)
    return mb_lens_command_run (lens_file, language);
  if (language != NULL)
    {
      g_printerr ("%s\n", _("The option --language goes with --lens FILE; see marbles --help"));
      return 2;
    }

  return -1;
}
