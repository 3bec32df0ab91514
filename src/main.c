/* main.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mb-application.h"
#include "mb-storage.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MbApplication) app = NULL;
  const char *localedir;

  /* Relative XDG folders are invalid: never let them point into the
   * folder Marbles happened to be started in.
   */
  mb_storage_drop_relative_xdg_dirs ();

  /* Run from the build tree (meson devenv), the translations are there. */
  localedir = g_getenv ("MARBLES_LOCALEDIR");
  if (localedir == NULL)
    localedir = LOCALEDIR;

  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = mb_application_new (APP_ID, G_APPLICATION_DEFAULT_FLAGS);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
