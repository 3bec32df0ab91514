/* mb-json-check.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The strict check every JSON file passes before json-glib sees it.
 *
 * One iterative pass checks the bytes against the grammar of RFC 8259,
 * strictly, with a limit on the nesting. json-glib 1.6 parses
 * recursively (a file nested 100,000 deep overflows the stack) and
 * leniently (it takes comments, single quotes, hex numbers, trailing
 * garbage and more), and it changes some valid input silently: it cuts
 * texts at an escaped NUL and wraps whole numbers beyond 64 bits. Those
 * are refused too, with a message that names the file, the line and the
 * column.
 */

#define G_LOG_DOMAIN "mb-json"

#include "config.h"

#include <glib/gi18n.h>

#include <math.h>
#include <string.h>

#include "mb-json.h"

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

  /* Every @format is a translated literal; msgfmt checks the %s of its
   * translations. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  return fail (scan, at, MB_JSON_ERROR_SYNTAX, format, found);
#pragma GCC diagnostic pop
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
