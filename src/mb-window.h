/* mb-window.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mb-journal.h"

G_BEGIN_DECLS

#define MB_TYPE_WINDOW (mb_window_get_type ())

G_DECLARE_FINAL_TYPE (MbWindow, mb_window, MB, WINDOW, AdwApplicationWindow)

MbJournal  *mb_window_get_journal              (MbWindow   *self);
const char *mb_window_get_section              (MbWindow   *self);
void        mb_window_set_section              (MbWindow   *self,
                                                const char *section);
void        mb_window_set_busy                 (MbWindow   *self,
                                                const char *title);
gboolean    mb_window_is_busy                  (MbWindow   *self);
void        mb_window_set_opening              (MbWindow   *self,
                                                gboolean    opening);
void        mb_window_save_state               (MbWindow   *self);
char       *mb_window_dup_open_conversation_id (MbWindow   *self);
void        mb_window_reopen_conversation      (MbWindow   *self,
                                                const char *id);

G_END_DECLS
