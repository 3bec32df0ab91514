/* mb-json.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The one way JSON comes in, and small helpers for the journal's JSON
 * files.
 *
 * Every file Marbles reads (conversations, people.json, scripts and
 * their copies, imports, --validate-script) goes through mb_json_parse():
 * one iterative pass checks the bytes against the grammar of RFC 8259,
 * strictly, with a limit on the nesting, before json-glib sees them.
 * json-glib 1.6 parses recursively (a file nested 100,000 deep overflows
 * the stack) and leniently (it takes comments, single quotes, hex
 * numbers, trailing garbage and more), and it changes some valid input
 * silently: it cuts texts at an escaped NUL and wraps whole numbers
 * beyond 64 bits. Those are refused too, with a message that names the
 * file, the line and the column.
 */

#define G_LOG_DOMAIN "mb-json"

#include "config.h"

#include <glib/gi18n.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "mb-json.h"

G_DEFINE_QUARK (mb-json-error-quark, mb_json_error)

/* The strict check */

typedef enum
{
  WANT_VALUE,
  WANT_VALUE_OR_CLOSE,   /* just after “[” */
  WANT_NAME,
  WANT_NAME_OR_CLOSE,    /* just after “{” */
  WANT_COLON,
  WANT_COMMA_OR_CLOSE,   /* after a value */
} Want;

typedef struct
{
  const char    *filename;
  const guchar  *start;  /* after a byte order mark */
  const guchar  *p;
  const guchar  *end;
  const guchar  *token;  /* where the last token started */
  const guchar  *comma;  /* where the last comma was */
  guint          depth;
  guchar         open[MB_JSON_MAX_DEPTH];  /* “[” or “{” at each level */
  GError       **error;
} Scan;

static gboolean fail (Scan         *scan,
                      const guchar *at,
                      int           code,
                      const char   *format,
                      ...) G_GNUC_PRINTF (4, 5);

/* Sets the error, naming the file, the line and the column (in
 * characters, from 1) of @at.
 */
static gboolean
fail (Scan         *scan,
      const guchar *at,
      int           code,
      const char   *format,
      ...)
{
  const guchar *line_start = scan->start;
  g_autofree char *what = NULL;
  guint line = 1;
  guint column = 1;
  va_list args;

  for (const guchar *p = scan->start; p < at; p++)
    {
      if (*p == '\n')
        {
          line++;
          line_start = p + 1;
        }
    }
  for (const guchar *p = line_start; p < at; p++)
    {
      if ((*p & 0xC0) != 0x80)
        column++;
    }

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (scan->error, MB_JSON_ERROR, code, "%s:%u:%u: %s", scan->filename, line, column, what);
  return FALSE;
}

/* The length of the UTF-8 character at @p, or 0 when it is not one:
 * no overlong forms, no surrogates, nothing beyond U+10FFFF.
 */
static guint
utf8_length (const guchar *p,
             const guchar *end)
{
  guchar lowest = 0x80;
  guchar highest = 0xBF;
  guint n;

  if (p[0] < 0x80)
    return 1;
  if (p[0] < 0xC2 || p[0] > 0xF4)
    return 0;

  n = p[0] < 0xE0 ? 2 : p[0] < 0xF0 ? 3 : 4;
  if (p[0] == 0xE0)
    lowest = 0xA0;
  else if (p[0] == 0xED)
    highest = 0x9F;
  else if (p[0] == 0xF0)
    lowest = 0x90;
  else if (p[0] == 0xF4)
    highest = 0x8F;

  if ((gsize) (end - p) < n || p[1] < lowest || p[1] > highest)
    return 0;
  for (guint i = 2; i < n; i++)
    {
      if ((p[i] & 0xC0) != 0x80)
        return 0;
    }
  return n;
}

static gboolean
fail_encoding (Scan         *scan,
               const guchar *at)
{
  return fail (scan, at, MB_JSON_ERROR_ENCODING, "%s", _("The file is not valid UTF-8 text"));
}

/* What is at @at, quoted, for a message: “,” or “é”, or the whole
 * @word such as “NaN”, or the code of a character that does not show,
 * such as U+000C. NULL, with the error set, when it is not UTF-8.
 */
static char *
describe (Scan         *scan,
          const guchar *at,
          gboolean      word)
{
  const guchar *end = at;
  gunichar c;
  guint n;

  if (word && (g_ascii_isalpha (*at) || *at == '_'))
    {
      while (end < scan->end && end - at < 32 && (g_ascii_isalnum (*end) || *end == '_'))
        end++;
      return g_strdup_printf ("“%.*s”", (int) (end - at), (const char *) at);
    }
  if (*at > 0x20 && *at < 0x7F)
    return g_strdup_printf ("“%c”", *at);

  n = utf8_length (at, scan->end);
  if (n == 0)
    {
      fail_encoding (scan, at);
      return NULL;
    }
  c = g_utf8_get_char ((const char *) at);
  if (c >= 0x80 && g_unichar_isgraph (c) && !g_unichar_isspace (c))
    return g_strdup_printf ("“%.*s”", (int) n, (const char *) at);
  return g_strdup_printf ("U+%04X", c);
}

/* @format has one %s, for what was found at @at. */
static gboolean
fail_unexpected (Scan         *scan,
                 const guchar *at,
                 const char   *format)
{
  g_autofree char *found = describe (scan, at, TRUE);

  if (found == NULL)
    return FALSE;

  return fail (scan, at, MB_JSON_ERROR_SYNTAX, format, found);
}

/* The file ends where more must come: says what is still open, at the
 * last thing read.
 */
static gboolean
fail_end (Scan *scan)
{
  const guchar *at = scan->token != NULL ? scan->token : scan->start;

  if (scan->depth > 0 && scan->open[scan->depth - 1] == '[')
    return fail (scan, at, MB_JSON_ERROR_SYNTAX, "%s", _("The file ends before the list is closed"));
  if (scan->depth > 0)
    return fail (scan, at, MB_JSON_ERROR_SYNTAX, "%s", _("The file ends before the object is closed"));
  return fail (scan, at, MB_JSON_ERROR_SYNTAX, "%s", _("The file ends before the value is complete"));
}

static gboolean
is_hex4 (const guchar *p,
         const guchar *end,
         guint        *code)
{
  *code = 0;
  if (end - p < 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      if (!g_ascii_isxdigit (p[i]))
        return FALSE;
      *code = *code * 16 + g_ascii_xdigit_value (p[i]);
    }
  return TRUE;
}

/* A “\uXXXX” escape, with the second half of a surrogate pair. */
static gboolean
scan_unicode_escape (Scan *scan)
{
  const guchar *at = scan->p;
  guint code;
  guint low;

  if (!is_hex4 (at + 2, scan->end, &code))
    return fail (scan, at, MB_JSON_ERROR_SYNTAX, "%s",
                 _("Invalid escape: “\\u” needs four hexadecimal digits after it"));
  scan->p += 6;

  /* GLib keeps a text up to its first NUL: the rest would be lost. */
  if (code == 0)
    return fail (scan, at, MB_JSON_ERROR_UNSUPPORTED, "%s",
                 _("The escape “\\u0000” (the character NUL) is not supported"));

  if (code >= 0xD800 && code <= 0xDBFF && scan->end - scan->p >= 6 &&
      scan->p[0] == '\\' && scan->p[1] == 'u' && is_hex4 (scan->p + 2, scan->end, &low) &&
      low >= 0xDC00 && low <= 0xDFFF)
    {
      scan->p += 6;
      return TRUE;
    }
  if (code >= 0xD800 && code <= 0xDFFF)
    return fail (scan, at, MB_JSON_ERROR_UNSUPPORTED,
                 /* Translators: a UTF-16 surrogate pair is written as two escapes, such as \uD83D\uDE00 */
                 _("Invalid escape “\\u%04X”: one half of a surrogate pair, without the other"), code);

  return TRUE;
}

static gboolean
scan_escape (Scan *scan)
{
  const guchar *at = scan->p;

  if (scan->end - at < 2)
    return fail (scan, scan->token, MB_JSON_ERROR_SYNTAX, "%s",
                 _("The text that starts here has no closing double quote"));

  switch (at[1])
    {
    case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
      scan->p += 2;
      return TRUE;

    case 'u':
      return scan_unicode_escape (scan);

    default:
      {
        g_autofree char *found = describe (scan, at + 1, FALSE);

        return found != NULL && fail (scan, at, MB_JSON_ERROR_SYNTAX,
                                      /* Translators: %s is the character after the backslash, such as “x” */
                                      _("Invalid escape: a backslash followed by %s; "
                                        "a backslash in a text is written “\\\\”"), found);
      }
    }
}

#define ONES   G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGHS  G_GUINT64_CONSTANT (0x8080808080808080)

/* Whether the eight bytes at @p are all printable ASCII but for “"” and
 * “\\”: what a text holds the most, checked a word at a time.
 */
static inline gboolean
plain_word (const guchar *p)
{
  guint64 v, quote, backslash;

  memcpy (&v, p, sizeof v);
  quote = v ^ (ONES * '"');
  backslash = v ^ (ONES * '\\');
  return ((v | ((v - ONES * 0x20) & ~v) | ((quote - ONES) & ~quote) | ((backslash - ONES) & ~backslash)) & HIGHS) == 0;
}

/* A text in double quotes, with valid escapes and UTF-8. */
static gboolean
scan_string (Scan *scan)
{
  const guchar *end = scan->end;
  const guchar *p = scan->p + 1;

  for (;;)
    {
      guint n;

      while (end - p >= 8 && plain_word (p))
        p += 8;
      while (p < end && *p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\')
        p++;

      if (p == end)
        return fail (scan, scan->token, MB_JSON_ERROR_SYNTAX, "%s",
                     _("The text that starts here has no closing double quote"));

      if (*p == '"')
        {
          scan->p = p + 1;
          return TRUE;
        }

      if (*p == '\\')
        {
          scan->p = p;
          if (!scan_escape (scan))
            return FALSE;
          p = scan->p;
          continue;
        }

      if (*p < 0x20)
        return fail (scan, p, MB_JSON_ERROR_SYNTAX,
                     _("Control character U+%04X inside a text: write it as an escape, such as “\\n” "
                       "for a new line"), *p);

      n = utf8_length (p, end);
      if (n == 0)
        return fail_encoding (scan, p);
      p += n;
    }
}

static void
skip_digits (Scan *scan)
{
  while (scan->p < scan->end && g_ascii_isdigit (*scan->p))
    scan->p++;
}

static gboolean
is_digit_at (Scan *scan)
{
  return scan->p < scan->end && g_ascii_isdigit (*scan->p);
}

/* Refuses numbers that json-glib would change: whole numbers beyond 64
 * bits (it wraps them) and numbers beyond a double (it makes them
 * infinite, and writes that back as text that is not JSON).
 */
static gboolean
check_range (Scan         *scan,
             const guchar *start,
             const guchar *digits,
             gboolean      whole)
{
  gsize n = scan->p - digits;
  g_autofree char *text = NULL;

  if (whole)
    {
      const char *highest = start == digits ? "9223372036854775807" : "9223372036854775808";

      if (n < 19 || (n == 19 && memcmp (digits, highest, 19) <= 0))
        return TRUE;
    }
  else
    {
      text = g_strndup ((const char *) start, scan->p - start);
      if (!isinf (g_ascii_strtod (text, NULL)))
        return TRUE;
    }

  return fail (scan, start, MB_JSON_ERROR_UNSUPPORTED, "%s", _("The number is too large"));
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static gboolean
scan_number (Scan *scan)
{
  const guchar *start = scan->p;
  const guchar *digits;
  gboolean whole = TRUE;

  if (*scan->p == '-')
    scan->p++;
  digits = scan->p;
  if (!is_digit_at (scan))
    return fail (scan, scan->p, MB_JSON_ERROR_SYNTAX, "%s", _("Invalid number: expected a digit after “-”"));
  if (*scan->p == '0' && scan->p + 1 < scan->end && g_ascii_isdigit (scan->p[1]))
    return fail (scan, scan->p, MB_JSON_ERROR_SYNTAX, "%s",
                 _("Invalid number: a number does not start with 0 followed by more digits"));
  skip_digits (scan);

  if (scan->p < scan->end && *scan->p == '.')
    {
      scan->p++;
      if (!is_digit_at (scan))
        return fail (scan, scan->p, MB_JSON_ERROR_SYNTAX, "%s",
                     _("Invalid number: expected a digit after the decimal point"));
      skip_digits (scan);
      whole = FALSE;
    }

  if (scan->p < scan->end && (*scan->p == 'e' || *scan->p == 'E'))
    {
      scan->p++;
      if (scan->p < scan->end && (*scan->p == '+' || *scan->p == '-'))
        scan->p++;
      if (!is_digit_at (scan))
        return fail (scan, scan->p, MB_JSON_ERROR_SYNTAX, "%s",
                     _("Invalid number: expected a digit in the exponent"));
      skip_digits (scan);
      whole = FALSE;
    }

  return check_range (scan, start, digits, whole);
}

/* true, false or null: a whole word, so that “truex” is refused whole. */
static gboolean
scan_word (Scan *scan)
{
  const guchar *at = scan->p;
  gsize n = 0;

  while (at + n < scan->end && (g_ascii_isalnum (at[n]) || at[n] == '_'))
    n++;
  if ((n == 4 && (memcmp (at, "true", 4) == 0 || memcmp (at, "null", 4) == 0)) ||
      (n == 5 && memcmp (at, "false", 5) == 0))
    {
      scan->p += n;
      return TRUE;
    }

  /* Translators: %s is what was found, in quotes, such as “NaN” or “'” */
  return fail_unexpected (scan, at, _("Unexpected %s: expected a value"));
}

static gboolean
scan_value (Scan *scan,
            Want *want)
{
  guchar c = *scan->p;

  *want = WANT_COMMA_OR_CLOSE;
  if (c == '[' || c == '{')
    {
      if (scan->depth == MB_JSON_MAX_DEPTH)
        return fail (scan, scan->p, MB_JSON_ERROR_TOO_DEEP,
                     _("Lists and objects are nested more than %d levels deep here"), MB_JSON_MAX_DEPTH);
      scan->open[scan->depth++] = c;
      scan->p++;
      *want = c == '[' ? WANT_VALUE_OR_CLOSE : WANT_NAME_OR_CLOSE;
      return TRUE;
    }
  if (c == '"')
    return scan_string (scan);
  if (c == '-' || g_ascii_isdigit (c))
    return scan_number (scan);
  if (g_ascii_isalpha (c))
    return scan_word (scan);

  if (c == ']' && scan->depth > 0 && scan->open[scan->depth - 1] == '[' && scan->comma != NULL)
    return fail (scan, scan->comma, MB_JSON_ERROR_SYNTAX, "%s",
                 _("Unexpected comma after the last item of the list"));
  return fail_unexpected (scan, scan->p, _("Unexpected %s: expected a value"));
}

static gboolean
close_or_comma (Scan *scan,
                Want *want)
{
  guchar open = scan->open[scan->depth - 1];
  guchar c = *scan->p;

  if (c == ',')
    {
      scan->comma = scan->p++;
      *want = open == '[' ? WANT_VALUE : WANT_NAME;
      return TRUE;
    }
  if ((open == '[' && c == ']') || (open == '{' && c == '}'))
    {
      scan->depth--;
      scan->p++;
      return TRUE;
    }

  if (open == '[')
    /* Translators: %s is what was found, in quotes, such as “;” */
    return fail_unexpected (scan, scan->p, _("Unexpected %s: expected “,” or “]”"));
  return fail_unexpected (scan, scan->p, _("Unexpected %s: expected “,” or “}”"));
}

static gboolean
scan_token (Scan *scan,
            Want *want)
{
  guchar c = *scan->p;

  switch (*want)
    {
    case WANT_VALUE_OR_CLOSE:
      if (c == ']')
        {
          scan->depth--;
          scan->p++;
          *want = WANT_COMMA_OR_CLOSE;
          return TRUE;
        }
      return scan_value (scan, want);

    case WANT_VALUE:
      return scan_value (scan, want);

    case WANT_NAME_OR_CLOSE:
    case WANT_NAME:
      if (c == '}' && *want == WANT_NAME_OR_CLOSE)
        {
          scan->depth--;
          scan->p++;
          *want = WANT_COMMA_OR_CLOSE;
          return TRUE;
        }
      if (c == '}')
        return fail (scan, scan->comma, MB_JSON_ERROR_SYNTAX, "%s",
                     _("Unexpected comma after the last member of the object"));
      *want = WANT_COLON;
      if (c == '"')
        return scan_string (scan);
      return fail_unexpected (scan, scan->p, _("Unexpected %s: expected a member name in double quotes"));

    case WANT_COLON:
      *want = WANT_VALUE;
      if (c == ':')
        {
          scan->p++;
          return TRUE;
        }
      return fail_unexpected (scan, scan->p, _("Unexpected %s: expected “:” after the member name"));

    case WANT_COMMA_OR_CLOSE:
    default:
      if (scan->depth == 0)
        return fail_unexpected (scan, scan->p, _("Unexpected %s after the end of the JSON data"));
      return close_or_comma (scan, want);
    }
}

static void
skip_space (Scan *scan)
{
  while (scan->p < scan->end &&
         (*scan->p == ' ' || *scan->p == '\n' || *scan->p == '\r' || *scan->p == '\t'))
    scan->p++;
}

/**
 * mb_json_check:
 * @data: what a file holds
 * @filename: the name to use in the message
 *
 * Checks @data against the JSON grammar of RFC 8259, strictly, in one
 * pass without recursion, with lists and objects nested at most
 * %MB_JSON_MAX_DEPTH deep. A UTF-8 byte order mark at the start is
 * allowed (RFC 8259 lets a reader ignore it). Texts may not hold
 * escaped NUL characters or halves of surrogate pairs, nor numbers go
 * beyond what json-glib keeps unchanged: 64-bit whole numbers and
 * doubles.
 *
 * Returns: %TRUE when json-glib may parse @data; otherwise %FALSE with
 *   @error set in %MB_JSON_ERROR to “FILE:LINE:COLUMN: what is wrong”
 */
gboolean
mb_json_check (const char  *data,
               gsize        len,
               const char  *filename,
               GError     **error)
{
  Scan scan = { filename, (const guchar *) data, (const guchar *) data, (const guchar *) data + len,
                NULL, NULL, 0, { 0 }, error };
  Want want = WANT_VALUE;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (filename != NULL, FALSE);

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    scan.start = scan.p = scan.p + 3;

  skip_space (&scan);
  if (scan.p == scan.end)
    return fail (&scan, scan.start, MB_JSON_ERROR_EMPTY, "%s", _("The file is empty"));

  for (;;)
    {
      skip_space (&scan);
      if (scan.p == scan.end)
        return (scan.depth == 0 && want == WANT_COMMA_OR_CLOSE) || fail_end (&scan);

      scan.token = scan.p;
      if (!scan_token (&scan, &want))
        return FALSE;
    }
}

/* json-glib says “<data>:LINE:COLUMN: Parse error: …”. */
static void
set_parser_error (GError     **error,
                  const char  *filename,
                  GError      *parser_error)
{
  const char *detail = parser_error->message;
  guint line = 1;
  guint column = 1;

  if (sscanf (detail, "<data>:%u:%u:", &line, &column) == 2)
    {
      detail = strchr (strchr (strchr (detail, ':') + 1, ':') + 1, ':') + 1;
      detail += strspn (detail, " ");
    }
  g_set_error (error, MB_JSON_ERROR, MB_JSON_ERROR_SYNTAX, "%s:%u:%u: %s", filename, line, column, detail);
}

/**
 * mb_json_parse:
 * @bytes: what a file holds
 * @filename: the name to use in the message
 *
 * Parses @bytes with json-glib once mb_json_check() has found them to be
 * JSON it may parse. Every loader reads JSON through here.
 *
 * Returns: (transfer full) (nullable): the root, sealed, or %NULL with
 *   @error set in %MB_JSON_ERROR to “FILE:LINE:COLUMN: what is wrong”
 */
JsonNode *
mb_json_parse (GBytes      *bytes,
               const char  *filename,
               GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) parser_error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (filename != NULL, NULL);

  if (!mb_json_check (data, len, filename, error))
    return NULL;

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      len -= 3;
    }

  if (!json_parser_load_from_data (parser, data, len, &parser_error) || json_parser_get_root (parser) == NULL)
    {
      /* Not expected: what passes the check is JSON. */
      if (parser_error == NULL)
        g_set_error (&parser_error, MB_JSON_ERROR, MB_JSON_ERROR_EMPTY, "<data>:1:1: %s", _("The file is empty"));
      set_parser_error (error, filename, parser_error);
      return NULL;
    }

  return json_node_ref (json_parser_get_root (parser));
}

/* json-glib 1.6 writes a double without a point in its shortest form,
 * such as 1e+22, with “.0” added: “1e+22.0” is not JSON.
 */
static gboolean
has_bad_double (JsonNode *node)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, NULL, &member))
          {
            if (has_bad_double (member))
              return TRUE;
          }
        return FALSE;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            if (has_bad_double (json_array_get_element (array, i)))
              return TRUE;
          }
        return FALSE;
      }

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) != G_TYPE_DOUBLE)
        return FALSE;
      g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node));
      return strchr (buffer, '.') == NULL && strpbrk (buffer, "eE") != NULL;

    case JSON_NODE_NULL:
    default:
      return FALSE;
    }
}

/* Drops the “.0” json-glib put after exponents, outside texts. */
static void
fix_exponents (GString *text)
{
  gsize out = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < text->len; i++)
    {
      char c = text->str[i];

      text->str[out++] = c;
      if (in_string && c == '\\')
        text->str[out++] = text->str[++i];
      else if (c == '"')
        in_string = !in_string;
      else if (!in_string && (c == 'e' || c == 'E') && i + 1 < text->len &&
               (g_ascii_isdigit (text->str[i + 1]) || text->str[i + 1] == '+' || text->str[i + 1] == '-'))
        {
          for (i++; i < text->len && (g_ascii_isdigit (text->str[i]) || text->str[i] == '+' ||
                                      text->str[i] == '-'); i++)
            text->str[out++] = text->str[i];
          if (i + 1 < text->len && text->str[i] == '.' && text->str[i + 1] == '0')
            i++;
          else
            i--;
        }
    }
  g_string_truncate (text, out);
}

/* json-glib 1.6 escapes every control character in a text but U+001F,
 * which it writes as it is: not JSON either.
 */
static void
escape_unit_separators (GString *text)
{
  for (gsize i = 0; i < text->len; i++)
    {
      if (text->str[i] == '\x1F')
        {
          g_string_erase (text, i, 1);
          g_string_insert (text, i, "\\u001f");
        }
    }
}

/**
 * mb_json_to_string:
 *
 * Returns: (transfer full): @root as JSON text, indented by two spaces,
 *   as the journal writes its files
 */
GString *
mb_json_to_string (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  GString *text;

  g_return_val_if_fail (root != NULL, NULL);

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_gstring (generator, g_string_new (NULL));
  if (has_bad_double (root))
    fix_exponents (text);
  if (memchr (text->str, 0x1F, text->len) != NULL)
    escape_unit_separators (text);
  return text;
}

/* Merging */

static JsonNode *merge_object (JsonObject *original,
                               JsonObject *fresh);

static const char *
id_of (JsonNode *item)
{
  return JSON_NODE_HOLDS_OBJECT (item) ? mb_json_get_string (json_node_get_object (item), "id") : NULL;
}

/* Lists of objects with an "id" are merged item by item, so an item
 * keeps the members this version does not know. Each item of
 * @original is merged into one item of @fresh at most: the first with
 * its id that is left.
 */
static JsonNode *
merge_array (JsonArray *original,
             JsonArray *fresh)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                        (GDestroyNotify) g_queue_free);
  JsonArray *merged = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint j = 0; j < json_array_get_length (original); j++)
    {
      JsonNode *candidate = json_array_get_element (original, j);
      const char *id = id_of (candidate);
      GQueue *queue;

      if (id == NULL)
        continue;
      queue = g_hash_table_lookup (by_id, id);
      if (queue == NULL)
        g_hash_table_insert (by_id, (gpointer) id, queue = g_queue_new ());
      g_queue_push_tail (queue, candidate);
    }

  for (guint i = 0; i < json_array_get_length (fresh); i++)
    {
      JsonNode *item = json_array_get_element (fresh, i);
      const char *id = id_of (item);
      GQueue *queue = id != NULL ? g_hash_table_lookup (by_id, id) : NULL;
      JsonNode *match = queue != NULL ? g_queue_pop_head (queue) : NULL;

      if (match != NULL)
        json_array_add_element (merged, merge_object (json_node_get_object (match),
                                                      json_node_get_object (item)));
      else
        json_array_add_element (merged, json_node_copy (item));
    }

  json_node_take_array (node, merged);
  return node;
}

static JsonNode *
merge_object (JsonObject *original,
              JsonObject *fresh)
{
  JsonObject *merged = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  /* What the file had that this version does not write, first… */
  json_object_iter_init (&iter, original);
  while (json_object_iter_next (&iter, &name, &value))
    {
      if (!json_object_has_member (fresh, name))
        json_object_set_member (merged, name, json_node_copy (value));
    }

  /* …then everything this version knows, merged where both have it. */
  json_object_iter_init (&iter, fresh);
  while (json_object_iter_next (&iter, &name, &value))
    {
      JsonNode *old = json_object_get_member (original, name);

      json_object_set_member (merged, name, mb_json_merge (old, value));
    }

  json_node_take_object (node, merged);
  return node;
}

/**
 * mb_json_merge:
 * @original: (nullable): what the file held when it was read
 * @fresh: what this version writes now
 *
 * Returns: (transfer full): @fresh, plus every member of @original that
 *   @fresh does not have, at any depth: unknown members survive a save
 */
JsonNode *
mb_json_merge (JsonNode *original,
               JsonNode *fresh)
{
  g_return_val_if_fail (fresh != NULL, NULL);

  if (original != NULL && JSON_NODE_HOLDS_OBJECT (original) && JSON_NODE_HOLDS_OBJECT (fresh))
    return merge_object (json_node_get_object (original), json_node_get_object (fresh));
  if (original != NULL && JSON_NODE_HOLDS_ARRAY (original) && JSON_NODE_HOLDS_ARRAY (fresh))
    return merge_array (json_node_get_array (original), json_node_get_array (fresh));
  return json_node_copy (fresh);
}

/**
 * mb_json_get_string:
 *
 * Returns: (nullable): the string member, or %NULL when it is missing or
 *   not a string
 */
const char *
mb_json_get_string (JsonObject *object,
                    const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/**
 * mb_json_get_strv:
 *
 * Returns: (transfer full) (nullable): the member, a list of strings, or
 *   %NULL when it is missing or not such a list
 */
GStrv
mb_json_get_strv (JsonObject *object,
                  const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  builder = g_strv_builder_new ();
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
        return NULL;
      g_strv_builder_add (builder, json_node_get_string (item));
    }
  return g_strv_builder_end (builder);
}

/**
 * mb_json_get_object:
 *
 * Returns: (nullable): the object member, or %NULL when it is missing or
 *   not an object
 */
JsonObject *
mb_json_get_object (JsonObject *object,
                    const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_node_get_object (node);
}

/**
 * mb_json_get_date_time:
 *
 * Returns: (transfer full) (nullable): the ISO 8601 date and time in
 *   @member, or %NULL
 */
GDateTime *
mb_json_get_date_time (JsonObject *object,
                       const char *member)
{
  const char *text = mb_json_get_string (object, member);

  return text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
}

/**
 * mb_json_format_date_time:
 *
 * Returns: (transfer full): @date_time in ISO 8601, as the journal writes
 *   it: `2026-11-23T14:02:11+01:00`, with microseconds when there are
 *   any, and `Z` for UTC. (g_date_time_format_iso8601() writes an offset
 *   of whole hours as `+01`.)
 */
char *
mb_json_format_date_time (GDateTime *date_time)
{
  g_autofree char *local = NULL;
  g_autofree char *offset = NULL;
  int usec;

  g_return_val_if_fail (date_time != NULL, NULL);

  local = g_date_time_format (date_time, "%C%y-%m-%dT%H:%M:%S");
  usec = g_date_time_get_microsecond (date_time);
  offset = g_date_time_get_utc_offset (date_time) == 0 ? g_strdup ("Z")
                                                       : g_date_time_format (date_time, "%:z");
  if (usec != 0)
    return g_strdup_printf ("%s.%06d%s", local, usec, offset);
  return g_strconcat (local, offset, NULL);
}

void
mb_json_set_date_time (JsonBuilder *builder,
                       const char  *member,
                       GDateTime   *date_time)
{
  g_autofree char *text = NULL;

  if (date_time == NULL)
    return;

  text = mb_json_format_date_time (date_time);
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, text);
}

/* Lists */

static void
kept_clear (MbJsonKept *kept)
{
  g_clear_pointer (&kept->node, json_node_unref);
}

/**
 * mb_json_kept_new:
 *
 * Returns: (transfer full) (element-type MbJsonKept): an empty list of
 *   kept entries
 */
GArray *
mb_json_kept_new (void)
{
  GArray *kept = g_array_new (FALSE, FALSE, sizeof (MbJsonKept));

  g_array_set_clear_func (kept, (GDestroyNotify) kept_clear);
  return kept;
}

/**
 * mb_json_read_list:
 * @array: a list in a file
 * @read: makes the object of one entry, or returns %NULL
 * @items: (element-type GObject): where the objects go, in order
 * @kept: (element-type MbJsonKept): where the entries go that @read
 *   cannot use, each with its place in @array
 */
void
mb_json_read_list (JsonArray      *array,
                   MbJsonReadFunc  read,
                   gpointer        data,
                   GPtrArray      *items,
                   GArray         *kept)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      gpointer object = read (item, data);

      if (object != NULL)
        {
          g_ptr_array_add (items, object);
        }
      else
        {
          MbJsonKept entry = { i, json_node_ref (item) };

          g_array_append_val (kept, entry);
        }
    }
}

static void
add_kept (JsonBuilder *builder,
          MbJsonKept  *entry)
{
  json_builder_add_value (builder, json_node_copy (entry->node));
}

/**
 * mb_json_add_list:
 * @items: the objects of the list
 * @add: adds the JSON of one of them
 * @kept: (element-type MbJsonKept): the entries kept by
 *   mb_json_read_list()
 *
 * Adds a list: the JSON of @items in their order, with each kept entry
 * at its place, or at the end when the list is shorter now. Unchanged,
 * a list is written as it was read.
 */
void
mb_json_add_list (JsonBuilder   *builder,
                  GListModel    *items,
                  MbJsonAddFunc  add,
                  gpointer       data,
                  GArray        *kept)
{
  guint written = 0;
  guint k = 0;

  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (items, i);

      for (; k < kept->len && g_array_index (kept, MbJsonKept, k).position <= written; k++, written++)
        add_kept (builder, &g_array_index (kept, MbJsonKept, k));
      add (builder, item, data);
      written++;
    }
  for (; k < kept->len; k++)
    add_kept (builder, &g_array_index (kept, MbJsonKept, k));
  json_builder_end_array (builder);
}
