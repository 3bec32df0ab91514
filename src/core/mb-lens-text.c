/* mb-lens-text.c — a paragraph as the lens reads it
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The paragraph is split into words, each folded and given its word
 * classes; sentences, clauses and quotations are marked. Then the
 * frames are found: someone else's speech ("she said …", "volgens
 * Bram …"), an assumption named as such ("I assumed …"), a bounded
 * period ("this year"). What lies in someone else's speech or quote,
 * or in an assumption, is exempt: it is not the leader's judgement.
 */

#define G_LOG_DOMAIN "mb-lens"

#include "config.h"

#include <string.h>

#include "mb-lens-private.h"

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019 || c == 0x02BC;
}

static gboolean
is_hyphen (gunichar c)
{
  return c == '-' || c == 0x2010 || c == 0x2011;
}

static gboolean
is_letter (gunichar c)
{
  return g_unichar_isalpha (c) || g_unichar_ismark (c);
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/* The character at @p before @end; 0 at the end or for a byte that is
 * not UTF-8 (which then counts as a space).
 */
static gunichar
char_at (const char *p,
         const char *end)
{
  gunichar c;

  if (p >= end)
    return 0;
  c = g_utf8_get_char_validated (p, end - p);
  return c == (gunichar) -1 || c == (gunichar) -2 ? 0 : c;
}

static const char *
next_char (const char *p,
           const char *end)
{
  gunichar c = char_at (p, end);

  return c == 0 ? p + 1 : g_utf8_next_char (p);
}

/* Whether the character @c at @p, between @before and what follows,
 * joins two parts of one word: "doesn't", "know-it-all", "9.20".
 */
static gboolean
joins_word (gunichar    before,
            gunichar    c,
            const char *p,
            const char *end)
{
  gunichar after = char_at (next_char (p, end), end);

  if (is_apostrophe (c))
    return is_letter (before) && is_letter (after);
  if (is_hyphen (c))
    return is_word_char (before) && is_word_char (after);
  if (c == '.' || c == ':' || c == ',')
    return g_unichar_isdigit (before) && g_unichar_isdigit (after);
  return FALSE;
}

/* The end of the word that starts at @p. */
static const char *
scan_word (const char *p,
           const char *end)
{
  gunichar before = 0;

  while (p < end)
    {
      gunichar c = char_at (p, end);

      if (!is_word_char (c) && !joins_word (before, c, p, end))
        break;
      before = c;
      p = next_char (p, end);
    }
  return p;
}

static void
set_case_flags (Token      *token,
                const char *word,
                const char *end)
{
  gunichar first = char_at (word, end);
  guint letters = 0;
  gboolean lower = FALSE;

  if (g_unichar_isupper (first) || g_unichar_istitle (first))
    token->flags |= TOKEN_CAPITAL;
  for (const char *p = word; p < end; p = next_char (p, end))
    {
      gunichar c = char_at (p, end);

      letters += g_unichar_isalpha (c) ? 1 : 0;
      lower |= g_unichar_islower (c);
    }
  if (letters > 1 && !lower)
    token->flags |= TOKEN_ALL_CAPS;
}

typedef struct
{
  Text  *text;
  guint  pending;     /* TokenFlags for the next word */
  int    open_double; /* index in quotes, or -1 */
  int    open_single;
  guint  sentence;
} Scan;

static void
open_quote (Scan     *scan,
            gboolean  single)
{
  Quote quote = { scan->text->tokens->len, 0, single, TRUE };

  g_array_append_val (scan->text->quotes, quote);
  if (single)
    scan->open_single = scan->text->quotes->len - 1;
  else
    scan->open_double = scan->text->quotes->len - 1;
}

static void
close_quote (Scan *scan,
             int  *open)
{
  Quote *quote = &g_array_index (scan->text->quotes, Quote, *open);

  quote->open = FALSE;
  if (scan->text->tokens->len > 0)
    quote->last = scan->text->tokens->len - 1;
  else
    {
      /* Closed before any word: empty, last < first. */
      quote->first = 1;
      quote->last = 0;
    }
  *open = -1;
}

/* A quotation mark at @p; @previous is the character before it. */
static void
scan_quote (Scan       *scan,
            gunichar    c,
            gunichar    previous,
            const char *p,
            const char *end)
{
  gunichar after = char_at (next_char (p, end), end);

  if (c == '"' || c == 0x201D || c == 0xBB)
    {
      if (scan->open_double >= 0)
        close_quote (scan, &scan->open_double);
      else if (c != 0xBB)
        open_quote (scan, FALSE);
    }
  else if (c == 0x201C || c == 0x201E || c == 0xAB)
    {
      if (scan->open_double < 0)
        open_quote (scan, FALSE);
    }
  else if (c == 0x2018 || c == 0x201A)
    {
      if (scan->open_single < 0)
        open_quote (scan, TRUE);
    }
  else if (scan->open_single >= 0)
    close_quote (scan, &scan->open_single);
  else if (c == '\'' && !is_word_char (previous) && is_word_char (after))
    open_quote (scan, TRUE);
}

static gboolean
is_quote_mark (gunichar c)
{
  return c == '"' || c == '\'' || c == 0x201C || c == 0x201D || c == 0x201E ||
         c == 0x2018 || c == 0x2019 || c == 0x201A || c == 0xAB || c == 0xBB;
}

static gboolean
ends_sentence (gunichar c)
{
  return c == '.' || c == '!' || c == '?' || c == ';' || c == 0x2026 || c == '\n' ||
         c == 0x203D || c == 0xA1 || c == 0xBF;
}

static void
add_token (Scan       *scan,
           const char *word,
           const char *end)
{
  Token token = { 0 };

  if ((scan->pending & TOKEN_SENTENCE_START) && scan->text->tokens->len > 0)
    scan->sentence++;
  if (scan->sentence == scan->text->sentences->len)
    {
      Sentence sentence = { scan->text->tokens->len, 0 };

      g_array_append_val (scan->text->sentences, sentence);
    }
  token.start = word - scan->text->data;
  token.end = end - scan->text->data;
  token.flags = scan->pending;
  token.sentence = scan->sentence;
  set_case_flags (&token, word, end);
  g_array_append_val (scan->text->tokens, token);
  scan->pending = 0;
}

/* Splits @length bytes at @data into words, sentences and quotations. */
static void
tokenize (Text       *text,
          const char *data,
          gsize       length)
{
  Scan scan = { text, TOKEN_SENTENCE_START | TOKEN_BREAK_BEFORE, -1, -1, 0 };
  const char *end = data + length;
  gunichar previous = 0;

  for (const char *p = data; p < end;)
    {
      gunichar c = char_at (p, end);

      if (is_word_char (c))
        {
          const char *word_end = scan_word (p, end);

          add_token (&scan, p, word_end);
          previous = 'a';
          p = word_end;
          continue;
        }

      if (ends_sentence (c))
        {
          if (c == '?' && text->sentences->len > 0)
            g_array_index (text->sentences, Sentence, text->sentences->len - 1).flags |= SENTENCE_QUESTION;
          scan.pending |= TOKEN_SENTENCE_START | TOKEN_BREAK_BEFORE;
        }
      else if (is_quote_mark (c))
        {
          scan_quote (&scan, c, previous, p, end);
          scan.pending |= TOKEN_BREAK_BEFORE;
        }
      else if (!g_unichar_isspace (c) && c != 0)
        scan.pending |= TOKEN_BREAK_BEFORE;
      previous = c;
      p = next_char (p, end);
    }

  /* An open double quote runs to the end; an open single one was an
   * apostrophe after all.
   */
  if (scan.open_double >= 0 && text->tokens->len > 0)
    g_array_index (text->quotes, Quote, scan.open_double).last = text->tokens->len - 1;
  if (scan.open_single >= 0)
    {
      Quote *quote = &g_array_index (text->quotes, Quote, scan.open_single);

      quote->first = 1;
      quote->last = 0;
    }
}

const char *
_mb_lens_text_folded (Text  *text,
                      guint  i)
{
  return text->folded->str + TOKEN (text, i)->folded;
}

const char *
_mb_lens_text_bare (Text  *text,
                    guint  i)
{
  return text->folded->str + TOKEN (text, i)->bare;
}

/* Where the word without an intensifier prefix starts in @folded:
 * "superbetrouwbaar" is also "betrouwbaar"; 0 when it has none.
 */
static gsize
intensifier_length (const MbLensRules *rules,
                    const char        *folded)
{
  gsize len = strlen (folded);

  for (guint i = 0; rules->intensifiers[i] != NULL; i++)
    {
      gsize prefix = strlen (rules->intensifiers[i]);

      if (len >= prefix + 4 && strncmp (folded, rules->intensifiers[i], prefix) == 0)
        return folded[prefix] == '-' ? prefix + 1 : prefix;
    }
  return 0;
}

static guint
class_mask (const MbLensRules *rules,
            const char        *folded)
{
  guint mask = GPOINTER_TO_UINT (g_hash_table_lookup (rules->words, folded));

  for (guint i = 0; i < rules->affixes->len; i++)
    {
      Affix *affix = g_ptr_array_index (rules->affixes, i);

      if (strlen (folded) > strlen (affix->text) &&
          (affix->prefix ? g_str_has_prefix (folded, affix->text)
                         : g_str_has_suffix (folded, affix->text)))
        mask |= affix->mask;
    }
  return mask;
}

/* Folds each word and gives it its classes. A word in capitals that is
 * in no class and starts no pattern is taken for a name.
 */
static void
classify (Text *text)
{
  const MbLensRules *rules = text->rules;

  for (guint i = 0; i < text->tokens->len; i++)
    {
      Token *token = TOKEN (text, i);
      const char *folded;

      token->folded = text->folded->len;
      _mb_lens_fold_word (text->folded, text->data + token->start, token->end - token->start);
      g_string_append_c (text->folded, '\0');
      folded = text->folded->str + token->folded;
      token->bare = token->folded + intensifier_length (rules, folded);
      token->mask = class_mask (rules, folded);

      /* "Kate's" is a name too. */
      if ((token->flags & TOKEN_CAPITAL) && !(token->flags & TOKEN_ALL_CAPS) &&
          (token->mask & ~WORD_POSSESSIVE) == 0 && !g_hash_table_contains (rules->index, folded))
        token->mask |= WORD_NAME;
      if (g_hash_table_contains (rules->index, folded))
        token->mask |= WORD_KEY;
    }
}

static gboolean
same_sentence (Text  *text,
               guint  a,
               guint  b)
{
  return b < text->tokens->len && TOKEN (text, a)->sentence == TOKEN (text, b)->sentence;
}

static gboolean
part_matches (Text       *text,
              const Part *part,
              guint       i)
{
  const char *folded = _mb_lens_text_folded (text, i);
  const char *bare = _mb_lens_text_bare (text, i);

  if (part->kind == PART_CLASS)
    return (TOKEN (text, i)->mask & part->mask) != 0;

  for (guint k = 0; part->words[k] != NULL; k++)
    {
      if (_mb_lens_word_matches (part->words[k], folded) ||
          (bare != folded && _mb_lens_word_matches (part->words[k], bare)))
        return TRUE;
    }
  return FALSE;
}

/* Matches parts @p… of @pattern from word @i on, in the sentence of
 * word @anchor; the shortest match wins.
 */
static gboolean
match_from (Text          *text,
            const Pattern *pattern,
            guint          p,
            guint          i,
            guint          anchor,
            guint         *last)
{
  const Part *part;

  if (p == pattern->n_parts)
    {
      *last = i - 1;
      return TRUE;
    }

  part = &pattern->parts[p];
  if (part->kind == PART_GAP)
    {
      for (guint skip = 0; skip <= MAX_GAP && same_sentence (text, anchor, i + skip); skip++)
        {
          if (match_from (text, pattern, p + 1, i + skip, anchor, last))
            return TRUE;
        }
      return FALSE;
    }

  if (same_sentence (text, anchor, i) && part_matches (text, part, i) &&
      match_from (text, pattern, p + 1, i + 1, anchor, last))
    return TRUE;
  return part->optional && match_from (text, pattern, p + 1, i, anchor, last);
}

/**
 * _mb_lens_match:
 * @last: (out): the last word of the match
 *
 * Returns: whether @pattern matches from word @first on
 */
gboolean
_mb_lens_match (Text          *text,
                const Pattern *pattern,
                guint          first,
                guint         *last)
{
  return match_from (text, pattern, 0, first, first, last);
}

static void
add_indexed (Text       *text,
             const char *word,
             GPtrArray  *into)
{
  GPtrArray *list = g_hash_table_lookup (text->rules->index, word);

  for (guint k = 0; list != NULL && k < list->len; k++)
    {
      if (!g_ptr_array_find (into, g_ptr_array_index (list, k), NULL))
        g_ptr_array_add (into, g_ptr_array_index (list, k));
    }
}

/**
 * _mb_lens_each_pattern:
 *
 * Fills @into with the patterns that may start at word @i.
 */
void
_mb_lens_each_pattern (Text      *text,
                       guint      i,
                       GPtrArray *into)
{
  const char *folded = _mb_lens_text_folded (text, i);
  const char *bare = _mb_lens_text_bare (text, i);

  g_ptr_array_set_size (into, 0);
  add_indexed (text, folded, into);
  if (bare != folded)
    add_indexed (text, bare, into);
  for (guint k = 0; k < text->rules->unindexed->len; k++)
    g_ptr_array_add (into, g_ptr_array_index (text->rules->unindexed, k));
}

/**
 * _mb_lens_clause_start:
 *
 * Returns: the first word of the clause of word @i
 */
guint
_mb_lens_clause_start (Text  *text,
                       guint  i)
{
  for (; i > 0; i--)
    {
      if (TOKEN (text, i)->flags & (TOKEN_BREAK_BEFORE | TOKEN_RESTART))
        break;
      if (TOKEN (text, i - 1)->mask & (WORD_CLAUSE | WORD_COORDINATOR))
        break;
    }
  return i;
}

/**
 * _mb_lens_sentence_end:
 *
 * Returns: the last word of the sentence of word @i
 */
guint
_mb_lens_sentence_end (Text  *text,
                       guint  i)
{
  while (same_sentence (text, i, i + 1))
    i++;
  return i;
}

/**
 * _mb_lens_clause_end:
 *
 * Returns: the last word of the clause of word @i
 */
guint
_mb_lens_clause_end (Text  *text,
                     guint  i)
{
  while (same_sentence (text, i, i + 1) &&
         !(TOKEN (text, i + 1)->flags & (TOKEN_BREAK_BEFORE | TOKEN_RESTART)) &&
         !(TOKEN (text, i + 1)->mask & (WORD_CLAUSE | WORD_COORDINATOR)))
    i++;
  return i;
}

static void
set_flags (Text  *text,
           guint  from,
           guint  to,
           guint  flags)
{
  for (guint k = from; k <= to && k < text->tokens->len; k++)
    TOKEN (text, k)->flags |= flags;
}

/* Who speaks in a speech frame at words @first to @last: the nearest
 * person before it in its clause (not the one spoken to: "tegen Noor
 * gezegd"), else a subject right after it ("zei hij"). With neither,
 * it is a note in the leader's own shorthand ("Told Priya …").
 */
static gboolean
is_leader_speaking (Text  *text,
                    guint  first,
                    guint  last)
{
  guint start = _mb_lens_clause_start (text, first);

  for (guint j = first; j > start; j--)
    {
      guint mask = TOKEN (text, j - 1)->mask;

      if (j - 1 > start && (TOKEN (text, j - 2)->mask & WORD_ADDRESSEE))
        continue;
      if (mask & (WORD_REFERENT | WORD_THING))
        return (mask & WORD_SELF) != 0;
    }

  if (same_sentence (text, last, last + 1) && (TOKEN (text, last + 1)->mask & WORD_SUBJECT))
    return (TOKEN (text, last + 1)->mask & WORD_SELF) != 0;
  return TRUE;
}

/* "She said …": what follows is hers. "I said …": it is the leader's,
 * and a new clause. A word right after the verb that does not start
 * what was said still belongs to the verb: "ze zeggen nooit iets".
 */
static void
apply_speech (Text  *text,
              guint  first,
              guint  last)
{
  guint end = _mb_lens_sentence_end (text, first);

  TOKEN (text, first)->flags |= TOKEN_SPEECH;
  if (last >= end)
    return;

  if (is_leader_speaking (text, first, last))
    {
      TOKEN (text, last + 1)->flags |= TOKEN_RESTART;
      set_flags (text, last + 1, end, TOKEN_LEADER_VOICE);
    }
  else if ((TOKEN (text, last)->mask & WORD_CLAUSE) ||
           (TOKEN (text, last + 1)->flags & TOKEN_BREAK_BEFORE) ||
           (TOKEN (text, last + 1)->mask & (WORD_SUBJECT | WORD_REFERENT | WORD_FUNCTION | WORD_CLAUSE)))
    set_flags (text, last + 1, end, TOKEN_EXEMPT);
  else
    set_flags (text, last + 2, end, TOKEN_EXEMPT);
}

/* "According to Helen …" is Helen's; "volgens mij …" is the leader's. */
static void
apply_source (Text  *text,
              guint  last)
{
  guint end = _mb_lens_sentence_end (text, last);
  guint who = last + 1;

  if (last >= end)
    return;
  while (who < end && (TOKEN (text, who)->mask & WORD_FUNCTION) && !(TOKEN (text, who)->mask & WORD_SELF))
    who++;

  if (TOKEN (text, who)->mask & WORD_SELF)
    {
      if (who < end)
        TOKEN (text, who + 1)->flags |= TOKEN_RESTART;
      set_flags (text, who + 1, end, TOKEN_LEADER_VOICE);
    }
  else
    set_flags (text, who + 1, end, TOKEN_EXEMPT);
}

static void
apply_frame (Text          *text,
             const Pattern *pattern,
             guint          first,
             guint          last)
{
  switch ((int) pattern->kind)
    {
    case FRAME_SPEECH:
      apply_speech (text, first, last);
      break;
    case FRAME_SOURCE:
      apply_source (text, last);
      break;
    case FRAME_ASSUMPTION:
      set_flags (text, first, _mb_lens_sentence_end (text, first), TOKEN_EXEMPT);
      break;
    case FRAME_BOUND:
      SENTENCE_OF (text, first)->flags |= SENTENCE_BOUNDED;
      break;
    default:
      break;
    }
}

static void
find_frames (Text *text)
{
  g_autoptr(GPtrArray) candidates = g_ptr_array_new ();

  for (guint i = 0; i < text->tokens->len; i++)
    {
      _mb_lens_each_pattern (text, i, candidates);
      for (guint k = 0; k < candidates->len; k++)
        {
          const Pattern *pattern = g_ptr_array_index (candidates, k);
          guint last;

          if (pattern->kind != ENTRY_RULE && _mb_lens_match (text, pattern, i, &last))
            apply_frame (text, pattern, i, last);
        }
    }
}

/* A quotation is someone else's words unless the leader says it: after
 * "I said", or followed by "I said" / "zei ik".
 */
static gboolean
is_leader_quote (Text        *text,
                 const Quote *quote)
{
  gboolean self = FALSE, speech = FALSE;

  if (TOKEN (text, quote->first)->flags & TOKEN_LEADER_VOICE)
    return TRUE;

  for (guint k = quote->last + 1; k <= quote->last + 2 && same_sentence (text, quote->last, k); k++)
    {
      self |= (TOKEN (text, k)->mask & WORD_SELF) != 0;
      speech |= (TOKEN (text, k)->flags & TOKEN_SPEECH) != 0;
    }
  return self && speech;
}

static void
exempt_quotes (Text *text)
{
  for (guint q = 0; q < text->quotes->len; q++)
    {
      const Quote *quote = &g_array_index (text->quotes, Quote, q);

      if (quote->last < quote->first || quote->first >= text->tokens->len)
        continue;
      if (!is_leader_quote (text, quote))
        set_flags (text, quote->first, quote->last, TOKEN_QUOTED);
    }
}

/**
 * _mb_lens_text_init:
 *
 * Reads one paragraph, @length bytes at @data, for checking with @rules.
 */
void
_mb_lens_text_init (Text              *text,
                    const MbLensRules *rules,
                    const char        *data,
                    gsize              length)
{
  text->rules = rules;
  text->data = data;
  text->tokens = g_array_new (FALSE, TRUE, sizeof (Token));
  text->folded = g_string_sized_new (length + 16);
  text->quotes = g_array_new (FALSE, TRUE, sizeof (Quote));
  text->sentences = g_array_new (FALSE, TRUE, sizeof (Sentence));

  tokenize (text, data, length);
  classify (text);

  find_frames (text);
  exempt_quotes (text);
}

void
_mb_lens_text_clear (Text *text)
{
  g_array_unref (text->tokens);
  g_string_free (text->folded, TRUE);
  g_array_unref (text->quotes);
  g_array_unref (text->sentences);
}
