/* mb-data-folder.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Whether the journal is in its folder, looked at before it is read. */
typedef enum
{
  MB_DATA_FOLDER_READY,        /* people.json is there */
  MB_DATA_FOLDER_NEW,          /* no journal, and Marbles never had one there: a first start */
  MB_DATA_FOLDER_GONE,         /* Marbles had a journal there, and the folder is not there */
  MB_DATA_FOLDER_LINK_BROKEN,  /* the folder is a link to a place that is not there */
  MB_DATA_FOLDER_NO_PEOPLE,    /* Marbles had a journal there; the folder is, people.json is not */
} MbDataFolderState;

/* How often a missing journal is looked for, besides watching for it. */
#define MB_DATA_FOLDER_POLL_SECONDS 3

#define MB_TYPE_DATA_FOLDER_STATE (mb_data_folder_state_get_type ())
GType mb_data_folder_state_get_type (void);

#define MB_TYPE_DATA_FOLDER (mb_data_folder_get_type ())

G_DECLARE_FINAL_TYPE (MbDataFolder, mb_data_folder, MB, DATA_FOLDER, GObject)

GFile             *mb_data_folder_dup_default_memory (void);
MbDataFolder      *mb_data_folder_new           (GFile         *dir,
                                                 GFile         *memory);
GFile             *mb_data_folder_get_dir       (MbDataFolder  *self);
MbDataFolderState  mb_data_folder_get_state     (MbDataFolder  *self);
gboolean           mb_data_folder_is_missing    (MbDataFolder  *self);
const char        *mb_data_folder_get_link_target (MbDataFolder *self);
void               mb_data_folder_look_again    (MbDataFolder  *self);
gboolean           mb_data_folder_note_journal  (MbDataFolder  *self,
                                                 GError       **error);
gboolean           mb_data_folder_forget        (MbDataFolder  *self,
                                                 GError       **error);

G_END_DECLS
