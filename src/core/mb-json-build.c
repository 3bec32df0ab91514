/* mb-json-build.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Builds the tree of JSON that mb_json_check() has let through, as
 * json-glib's parser would: the same nodes, members in the same order
 * (a name given twice keeps its first place and its last value, as
 * json_object_set_member() does), whole numbers as 64-bit integers and
 * the rest as doubles.
 *
 * Loading a journal is mostly parsing, and json-glib 1.6 parses a
 * character at a time through a general scanner: about a hundred
 * instructions a byte. Since the check has already refused everything
 * that is not strict JSON, building needs no checks of its own: it
 * copies the text once and cuts each string out of the copy where it
 * stands, unescaping in place (an escape is never shorter than what it
 * stands for).
 */

#define G_LOG_DOMAIN "mb-json"

#include "config.h"

#include <string.h>

#include "mb-json.h"

static JsonNode *build_value (char **at);

static inline char *
skip_space (char *p)
{
  while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
    p++;
  return p;
}

static guint
hex4 (const char *p)
{
  guint code = 0;

  for (guint i = 0; i < 4; i++)
    code = code * 16 + g_ascii_xdigit_value (p[i]);
  return code;
}

/* The text whose opening quote is at *@at, unescaped and ended by a NUL
 * where it stands; *@at moves past its closing quote. The check let no
 * NUL into a text, so strcspn() finds each run up to a quote or
 * backslash, which is most of a text.
 */
static char *
take_string (char **at)
{
  char *start = *at + 1;
  char *from = start + strcspn (start, "\"\\");
  char *to = from;

  while (*from != '"')
    {
      gsize run;
      guint code;

      switch (from[1])  /* *from is a backslash */
        {
        case 'b': *to++ = '\b'; break;
        case 'f': *to++ = '\f'; break;
        case 'n': *to++ = '\n'; break;
        case 'r': *to++ = '\r'; break;
        case 't': *to++ = '\t'; break;
        case 'u':
          code = hex4 (from + 2);
          /* The check let a first half through only with its second. */
          if (code >= 0xD800 && code <= 0xDBFF)
            {
              code = 0x10000 + ((code - 0xD800) << 10) + (hex4 (from + 8) - 0xDC00);
              from += 6;
            }
          to += g_unichar_to_utf8 (code, to);
          from += 4;
          break;
        default:  /* " \ / */
          *to++ = from[1];
          break;
        }
      from += 2;

      run = strcspn (from, "\"\\");
      memmove (to, from, run);
      to += run;
      from += run;
    }

  *to = '\0';
  *at = from + 1;
  return start;
}

static JsonNode *
take_number (char **at)
{
  char *p = *at;
  gboolean whole = TRUE;

  if (*p == '-')
    p++;
  for (; g_ascii_isdigit (*p) || *p == '.' || *p == 'e' || *p == 'E' || *p == '+' || *p == '-'; p++)
    whole = whole && g_ascii_isdigit (*p);

  if (whole)
    {
      JsonNode *node = json_node_init_int (json_node_alloc (), g_ascii_strtoll (*at, NULL, 10));

      *at = p;
      return node;
    }

  {
    JsonNode *node = json_node_init_double (json_node_alloc (), g_ascii_strtod (*at, NULL));

    *at = p;
    return node;
  }
}

static JsonNode *
take_object (char **at)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_init_object (json_node_alloc (), object);
  char *p = skip_space (*at + 1);

  while (*p != '}')
    {
      const char *name = take_string (&p);

      p = skip_space (skip_space (p) + 1);  /* the colon */
      json_object_set_member (object, name, build_value (&p));
      p = skip_space (p);
      if (*p == ',')
        p = skip_space (p + 1);
    }

  json_object_unref (object);
  *at = p + 1;
  return node;
}

static JsonNode *
take_array (char **at)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_init_array (json_node_alloc (), array);
  char *p = skip_space (*at + 1);

  while (*p != ']')
    {
      json_array_add_element (array, build_value (&p));
      p = skip_space (p);
      if (*p == ',')
        p = skip_space (p + 1);
    }

  json_array_unref (array);
  *at = p + 1;
  return node;
}

/* The value at *@at, after which *@at moves. Lists and objects nest at
 * most MB_JSON_MAX_DEPTH deep (the check saw to it), and so does this.
 */
static JsonNode *
build_value (char **at)
{
  switch (**at)
    {
    case '{':
      return take_object (at);
    case '[':
      return take_array (at);
    case '"':
      return json_node_init_string (json_node_alloc (), take_string (at));
    case 't':
      *at += 4;
      return json_node_init_boolean (json_node_alloc (), TRUE);
    case 'f':
      *at += 5;
      return json_node_init_boolean (json_node_alloc (), FALSE);
    case 'n':
      *at += 4;
      return json_node_init_null (json_node_alloc ());
    default:
      return take_number (at);
    }
}

/**
 * mb_json_build:
 * @data: JSON that mb_json_check() has let through, without a byte
 *   order mark
 *
 * Returns: (transfer full): its root, as json-glib would parse it
 */
JsonNode *
mb_json_build (const char *data,
               gsize       len)
{
  g_autofree char *copy = g_malloc (len + 1);
  char *p = copy;

  memcpy (copy, data, len);
  copy[len] = '\0';
  p = skip_space (p);
  return build_value (&p);
}
