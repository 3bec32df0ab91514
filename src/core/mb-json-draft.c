/* mb-json-draft.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A JSON document made in two parts, so that saving 10 MB of notes does
 * not hold up typing: on the main thread, the document is generated with
 * a short placeholder for each text, and the texts are copied aside;
 * in a worker, mb_json_draft_finish() puts the texts, escaped, in the
 * placeholders' place. A placeholder names the draft by 128 random bits,
 * so no text can be mistaken for one.
 */

#define G_LOG_DOMAIN "mb-json-draft"

#include "config.h"

#include <string.h>

#include "mb-json.h"
#include "mb-json-draft.h"

#define PREFIX "mb-text-"

struct _MbJsonDraft
{
  char      *nonce;     /* PREFIX, 32 random hex digits and "-" */
  GPtrArray *texts;     /* GBytes, in the order they were held */
  char      *document;  /* with placeholders */
  gsize      length;
  char      *last;      /* the last placeholder given out */
};

MbJsonDraft *
mb_json_draft_new (void)
{
  MbJsonDraft *self = g_new0 (MbJsonDraft, 1);

  self->nonce = g_strdup_printf (PREFIX "%08x%08x%08x%08x-", g_random_int (), g_random_int (),
                                 g_random_int (), g_random_int ());
  self->texts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  return self;
}

void
mb_json_draft_free (MbJsonDraft *self)
{
  g_free (self->nonce);
  g_ptr_array_unref (self->texts);
  g_free (self->document);
  g_free (self->last);
  g_free (self);
}

/**
 * mb_json_draft_hold:
 * @text: a string to put in the document later; it is copied
 *
 * Returns: (transfer none): the placeholder to put in the document in
 *   its place, as a string value; valid until the next call
 */
const char *
mb_json_draft_hold (MbJsonDraft *self,
                    const char  *text,
                    gsize        length)
{
  g_ptr_array_add (self->texts, g_bytes_new (text, length));
  g_free (self->last);
  self->last = g_strdup_printf ("%s%u", self->nonce, self->texts->len - 1);
  return self->last;
}

/**
 * mb_json_draft_set_root:
 *
 * Generates the document, pretty-printed, with the placeholders in it.
 */
void
mb_json_draft_set_root (MbJsonDraft *self,
                        JsonNode    *root)
{
  GString *text = mb_json_to_string (root);

  g_free (self->document);
  self->length = text->len;
  self->document = g_string_free (text, FALSE);
}

/**
 * mb_json_append_string:
 *
 * Appends @text to @out as a JSON string, in quotes, escaped as
 * json-glib does.
 */
void
mb_json_append_string (GString    *out,
                       const char *text,
                       gsize       length)
{
  const char *end;
  const char *run;

  /* An empty text held as empty bytes has no data at all. */
  if (text == NULL)
    text = "";
  end = text + length;
  run = text;

  g_string_append_c (out, '"');
  for (const char *p = text; p < end; p++)
    {
      guchar c = *p;

      if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f)
        continue;

      g_string_append_len (out, run, p - run);
      run = p + 1;
      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default: g_string_append_printf (out, "\\u%04x", c); break;
        }
    }
  g_string_append_len (out, run, end - run);
  g_string_append_c (out, '"');
}

/**
 * mb_json_draft_finish:
 *
 * Puts each text in the place of its placeholder. Thread-safe: the draft
 * holds copies and is used by one thread at a time.
 *
 * Returns: (transfer full): the document
 */
GBytes *
mb_json_draft_finish (MbJsonDraft *self)
{
  g_autofree char *quoted = g_strconcat ("\"", self->nonce, NULL);
  gsize size = self->length;
  const char *p = self->document;
  const char *found;
  GString *out;

  g_return_val_if_fail (self->document != NULL, NULL);

  for (guint i = 0; i < self->texts->len; i++)
    size += g_bytes_get_size (g_ptr_array_index (self->texts, i)) * 11 / 10;
  out = g_string_sized_new (size);

  while ((found = strstr (p, quoted)) != NULL)
    {
      char *after;
      guint64 index = g_ascii_strtoull (found + strlen (quoted), &after, 10);
      GBytes *text;

      g_assert (index < self->texts->len && *after == '"');
      text = g_ptr_array_index (self->texts, index);
      g_string_append_len (out, p, found - p);
      mb_json_append_string (out, g_bytes_get_data (text, NULL), g_bytes_get_size (text));
      p = after + 1;
    }
  g_string_append (out, p);

  return g_string_free_to_bytes (out);
}
