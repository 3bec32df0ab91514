/* mb-lens.c — the judgement lens: which words of a note judge
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Each paragraph is read on its own (mb-lens-text.c), then every rule
 * pattern is tried at every word, and a match is kept only when it
 * holds where it stands:
 *  - not in someone else's words or an assumption (exempt);
 *  - not denied, when denying it takes the judgement away ("not lazy",
 *    "niet altijd");
 *  - not about the leader ("I was impatient", "ik kom altijd te laat");
 *  - said of what the rule is about: a person ("a difficult colleague",
 *    not "a difficult conversation"), or anything but a thing ("always",
 *    but not "the build is always red");
 *  - not in a sentence bounded to a period, for an absolute;
 *  - not silenced by the user.
 * Of matches inside one another, the longest stays.
 */

#define G_LOG_DOMAIN "mb-lens"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mb-lens-private.h"

#define NEGATION_REACH 4

typedef enum
{
  ABOUT_NONE,
  ABOUT_PERSON,
  ABOUT_SELF,   /* the leader, as subject or owner: "I", "my report" */
  ABOUT_ME,     /* the leader as object: "she left me out" */
  ABOUT_THING,
  ABOUT_OWNED,  /* someone else's thing: "his report", "Kate's code" */
} About;

/* What a match is said of: the word right after it, the nearest person
 * or thing before it in its clause, and one after "of" / "van".
 */
typedef struct
{
  About    next;
  About    before;
  About    after;
  About    first;            /* the first person or thing of the clause */
  gboolean person_in_clause; /* anyone before it in the clause, or "with" someone after it */
  gboolean norm;             /* "should", "moet": a norm, not a habit */
  gboolean copula_before;    /* "is", "ben": what follows is said of the subject */
  gboolean attributive;      /* "a difficult conversation": said of what follows */
} Subject;

static const char * const category_ids[MB_LENS_N_CATEGORIES] = {
  "label", "absolute", "mind-reading", "evaluation", "cancelling-but",
};

/* What a word at @j is, given the start of its clause. */
static About
referent_at (Text  *text,
             guint  j,
             guint  start)
{
  guint mask = TOKEN (text, j)->mask;

  if (mask & WORD_SELF)
    return mask & (WORD_SUBJECT | WORD_POSSESSIVE) ? ABOUT_SELF : ABOUT_ME;
  if (mask & WORD_REFERENT)
    return ABOUT_PERSON;
  if (!(mask & WORD_THING))
    return ABOUT_NONE;
  if (j > start && (TOKEN (text, j - 1)->mask & WORD_POSSESSIVE))
    return TOKEN (text, j - 1)->mask & WORD_SELF ? ABOUT_SELF : ABOUT_OWNED;
  return ABOUT_THING;
}

static gboolean
same_sentence (Text  *text,
               guint  i,
               guint  j)
{
  return j < text->tokens->len && TOKEN (text, j)->sentence == TOKEN (text, i)->sentence;
}

/* Whether word @j follows word @i in the same sentence, with no
 * punctuation between them.
 */
static gboolean
follows (Text  *text,
         guint  i,
         guint  j)
{
  return j < text->tokens->len && TOKEN (text, j)->sentence == TOKEN (text, i)->sentence &&
         !(TOKEN (text, j)->flags & TOKEN_BREAK_BEFORE);
}

static About
about_after (Text  *text,
             guint  last)
{
  guint who = last + 2;

  if (!follows (text, last, last + 1) || !(TOKEN (text, last + 1)->mask & WORD_AFTER_PERSON))
    return ABOUT_NONE;
  if (follows (text, last, who) && (TOKEN (text, who)->mask & WORD_FUNCTION) &&
      !(TOKEN (text, who)->mask & WORD_REFERENT))
    who++;
  if (!follows (text, last, who))
    return ABOUT_NONE;
  return referent_at (text, who, who);
}

static Subject
find_subject (Text  *text,
              guint  first,
              guint  last)
{
  Subject subject = { ABOUT_NONE, ABOUT_NONE, ABOUT_NONE, ABOUT_NONE, FALSE, FALSE, FALSE, FALSE };
  guint start = _mb_lens_clause_start (text, first);
  guint end = _mb_lens_clause_end (text, last);

  if (follows (text, last, last + 1))
    {
      guint mask = TOKEN (text, last + 1)->mask;

      if (mask & (WORD_PERSON | WORD_NAME))
        subject.next = ABOUT_PERSON;
      else if (mask & WORD_THING)
        subject.next = ABOUT_THING;
    }

  for (guint j = start; j < first; j++)
    {
      About about = referent_at (text, j, start);

      if (subject.first == ABOUT_NONE)
        subject.first = about;
      if (about != ABOUT_NONE)
        subject.before = about;
      subject.copula_before |= (TOKEN (text, j)->mask & WORD_COPULA) != 0;
    }
  for (guint j = start; j <= end; j++)
    {
      About about = j < first || j > last ? referent_at (text, j, start) : ABOUT_NONE;
      gboolean with = j > last + 1 &&
                      ((TOKEN (text, j - 1)->mask & WORD_AFTER_PERSON) ||
                       ((TOKEN (text, j - 1)->mask & WORD_ARTICLE) &&
                        (TOKEN (text, j - 2)->mask & WORD_AFTER_PERSON)));

      if (about != ABOUT_NONE && about != ABOUT_THING && (j < first || with))
        subject.person_in_clause = TRUE;
      subject.norm |= (TOKEN (text, j)->mask & WORD_NORM) != 0;
    }
  subject.attributive = first > 0 && follows (text, first - 1, first) &&
                        (TOKEN (text, first - 1)->mask & WORD_ARTICLE) &&
                        follows (text, last, last + 1) &&
                        !(TOKEN (text, last + 1)->mask & (WORD_PERSON | WORD_NAME));

  /* A clause without anyone in it may be about whom the sentence was
   * about so far: "Typical Kate, so defensive."
   */
  for (guint j = start; j > 0 && subject.before == ABOUT_NONE && same_sentence (text, j - 1, first) &&
                        !(TOKEN (text, j)->flags & TOKEN_RESTART); j--)
    subject.before = referent_at (text, j - 1, _mb_lens_clause_start (text, j - 1));
  subject.after = about_after (text, last);
  return subject;
}

/* What the match is about, all told: the word after it first. */
static About
effective_about (const Subject *subject)
{
  if (subject->next != ABOUT_NONE)
    return subject->next;
  if (subject->before != ABOUT_NONE)
    return subject->before;
  return subject->after;
}

static gboolean
is_negated (Text       *text,
            const Rule *rule,
            guint       first)
{
  guint stop = first > NEGATION_REACH ? first - NEGATION_REACH : 0;

  if (first > 0 && rule->category == MB_LENS_ABSOLUTE && follows (text, first - 1, first) &&
      (TOKEN (text, first - 1)->mask & WORD_HEDGE))
    return TRUE;

  for (guint j = first; j > stop; j--)
    {
      if (TOKEN (text, j)->flags & TOKEN_BREAK_BEFORE)
        return FALSE;
      if (TOKEN (text, j - 1)->mask & WORD_COORDINATOR)
        return FALSE;
      if (TOKEN (text, j - 1)->mask & WORD_NEGATION)
        return TRUE;
    }
  return FALSE;
}

static gboolean
matches_any (Text              *text,
             guint              j,
             const char * const *words)
{
  for (guint k = 0; words[k] != NULL; k++)
    {
      if (_mb_lens_word_matches (words[k], _mb_lens_text_folded (text, j)))
        return TRUE;
    }
  return FALSE;
}

/* "steeds meer" is not "steeds"; "zich bewust" is not "bewust". */
static gboolean
is_excluded_by_neighbours (Text       *text,
                           const Rule *rule,
                           guint       first,
                           guint       last)
{
  if (follows (text, last, last + 1) &&
      matches_any (text, last + 1, (const char * const *) rule->not_before))
    return TRUE;
  return first > 0 && follows (text, first - 1, first) &&
         matches_any (text, first - 1, (const char * const *) rule->not_after);
}

static gboolean
is_silenced (Text       *text,
             const Rule *rule,
             guint       first,
             guint       last)
{
  const MbLensRules *rules = text->rules;

  if (g_hash_table_contains (rules->silenced_ids, rule->id))
    return TRUE;

  for (guint s = 0; s < rules->silenced->len; s++)
    {
      const char * const *words = g_ptr_array_index (rules->silenced, s);
      guint n = g_strv_length ((GStrv) words);

      for (guint i = first; n > 0 && i + n <= last + 1; i++)
        {
          guint k = 0;

          while (k < n && (g_str_equal (words[k], _mb_lens_text_folded (text, i + k)) ||
                           g_str_equal (words[k], _mb_lens_text_bare (text, i + k))))
            k++;
          if (k == n)
            return TRUE;
        }
    }
  return FALSE;
}

/* Whether the subject fits what the rule is said of. */
static gboolean
fits_subject (const Rule    *rule,
              const Subject *subject)
{
  About about = effective_about (subject);

  switch (rule->said_of)
    {
    case SAID_OF_PERSON:
      return (about == ABOUT_PERSON || about == ABOUT_ME) && !subject->attributive;
    case SAID_OF_NOT_PERSON:
      return about != ABOUT_PERSON && about != ABOUT_ME;
    case SAID_OF_THING:
      return about == ABOUT_THING || about == ABOUT_OWNED;
    case SAID_OF_NOT_THING:
      return subject->before != ABOUT_THING || subject->person_in_clause ||
             subject->next == ABOUT_PERSON;
    case SAID_OF_ANYTHING:
    default:
      return TRUE;
    }
}

static gboolean
is_about_leader (const Rule    *rule,
                 const Subject *subject)
{
  if (!rule->self_exempt)
    return FALSE;
  if (rule->category == MB_LENS_ABSOLUTE && subject->first == ABOUT_SELF)
    return TRUE;
  /* "ik was ongeduldig", "ben ik een betrouwbare leider?" */
  if (subject->before == ABOUT_SELF && subject->copula_before)
    return TRUE;
  switch (effective_about (subject))
    {
    case ABOUT_SELF:
      return TRUE;
    case ABOUT_ME:
      /* "ik voelde me gefrustreerd" */
      return subject->first == ABOUT_SELF;
    default:
      return FALSE;
    }
}

/* A word of a match in someone else's quotation: the match is theirs,
 * or a word mentioned ("words like ‘always’").
 */
static gboolean
is_quoted (Text  *text,
           guint  first,
           guint  last)
{
  for (guint j = first; j <= last; j++)
    {
      if (TOKEN (text, j)->flags & TOKEN_QUOTED)
        return TRUE;
    }
  return FALSE;
}

/* "What have you always wanted to try?" asks; it does not judge. */
static gboolean
is_open_question (Text  *text,
                  guint  i)
{
  const Sentence *sentence = SENTENCE_OF (text, i);

  return (sentence->flags & SENTENCE_QUESTION) &&
         (TOKEN (text, sentence->first)->mask & WORD_OPEN_QUESTION);
}

/* "…, so you never hear whether the plan is theirs": an absolute in a
 * clause of consequence tells what follows from something, not what
 * someone is like.
 */
static gboolean
is_consequence (Text  *text,
                guint  first)
{
  for (guint j = first; j > 0; j--)
    {
      guint mask = TOKEN (text, j - 1)->mask;

      if (mask & WORD_CONSEQUENCE)
        return TRUE;
      if ((mask & (WORD_CLAUSE | WORD_COORDINATOR)) || (TOKEN (text, j)->flags & TOKEN_BREAK_BEFORE))
        return FALSE;
    }
  return FALSE;
}

/* The category a kept match is shown as; -1 when it is not kept. */
static int
judge_match (Text       *text,
             const Rule *rule,
             guint       first,
             guint       last)
{
  Subject subject;
  About about;

  if ((TOKEN (text, first)->flags & TOKEN_EXEMPT) || is_quoted (text, first, last) ||
      (rule->negation_cancels && is_negated (text, rule, first)) ||
      is_excluded_by_neighbours (text, rule, first, last) ||
      is_silenced (text, rule, first, last) ||
      (rule->category != MB_LENS_CANCELLING_BUT && is_open_question (text, first)))
    return -1;

  if (rule->category == MB_LENS_ABSOLUTE &&
      ((SENTENCE_OF (text, first)->flags & SENTENCE_BOUNDED) || is_consequence (text, first)))
    return -1;

  subject = find_subject (text, first, last);
  if (is_about_leader (rule, &subject) || !fits_subject (rule, &subject) ||
      (rule->category == MB_LENS_ABSOLUTE && subject.norm))
    return -1;

  about = effective_about (&subject);
  if (about == ABOUT_PERSON && rule->person_category >= 0)
    return rule->person_category;
  if ((about == ABOUT_THING || about == ABOUT_OWNED) && rule->thing_category >= 0)
    return rule->thing_category;
  return rule->category;
}

typedef struct
{
  guint           first;
  guint           last;
  MbLensCategory  category;
  const Rule     *rule;
} Found;

static int
compare_found (gconstpointer a,
               gconstpointer b)
{
  const Found *found_a = a;
  const Found *found_b = b;

  if (found_a->first != found_b->first)
    return found_a->first < found_b->first ? -1 : 1;
  if (found_a->last != found_b->last)
    return found_a->last > found_b->last ? -1 : 1;
  return 0;
}

static void
find_rules (Text   *text,
            GArray *found)
{
  g_autoptr(GPtrArray) candidates = g_ptr_array_new ();

  for (guint i = 0; i < text->tokens->len; i++)
    {
      _mb_lens_each_pattern (text, i, candidates);
      for (guint k = 0; k < candidates->len; k++)
        {
          const Pattern *pattern = g_ptr_array_index (candidates, k);
          Found one = { i, 0, 0, pattern->rule };
          int category;

          if (pattern->kind != ENTRY_RULE || !_mb_lens_match (text, pattern, i, &one.last))
            continue;
          if ((category = judge_match (text, pattern->rule, i, one.last)) < 0)
            continue;
          one.category = category;
          g_array_append_val (found, one);
        }
    }
}

/* Adds the matches of one paragraph to @spans, less those that lie
 * inside a longer one.
 */
static void
check_paragraph (const MbLensRules *rules,
                 const char        *paragraph,
                 gsize              length,
                 gsize              offset,
                 GArray            *spans)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Found));
  Text text;
  guint reach = 0;
  gboolean any = FALSE;

  _mb_lens_text_init (&text, rules, paragraph, length);
  find_rules (&text, found);
  g_array_sort (found, compare_found);

  for (guint i = 0; i < found->len; i++)
    {
      const Found *one = &g_array_index (found, Found, i);
      MbLensSpan span;

      if (any && one->last <= reach)
        continue;
      span.start = offset + TOKEN (&text, one->first)->start;
      span.end = offset + TOKEN (&text, one->last)->end;
      span.category = one->category;
      span.rule_id = one->rule->id;
      g_array_append_val (spans, span);
      reach = any ? MAX (reach, one->last) : one->last;
      any = TRUE;
    }

  _mb_lens_text_clear (&text);
}

/**
 * mb_lens_check:
 * @rules: the rules of the text's language
 * @text: UTF-8 text: a paragraph, or a whole note
 * @length: the length of @text in bytes, or -1 when it ends with NUL
 *
 * Finds the phrases of @text that judge rather than observe. Each line
 * is a paragraph, checked on its own; to check an edit, pass only the
 * paragraph it changed (mb_lens_paragraph_bounds()) and move its spans
 * by its start. Safe to call from any thread.
 *
 * Returns: (transfer full) (element-type MbLensSpan): the spans, in
 *   order, none inside another
 */
GArray *
mb_lens_check (MbLensRules *rules,
               const char  *text,
               gssize       length)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (MbLensSpan));
  gsize total;

  g_return_val_if_fail (rules != NULL, spans);
  g_return_val_if_fail (text != NULL || length == 0, spans);

  total = length < 0 ? strlen (text) : (gsize) length;
  for (gsize start = 0; start < total;)
    {
      const char *newline = memchr (text + start, '\n', total - start);
      gsize end = newline != NULL ? (gsize) (newline - text) : total;

      if (end > start)
        check_paragraph (rules, text + start, end - start, start, spans);
      start = end + 1;
    }

  return spans;
}

/**
 * mb_lens_paragraph_bounds:
 * @offset: a byte offset in @text, at most @length
 * @start: (out): where the paragraph around @offset starts
 * @end: (out): where it ends: at the next line break, or at @length
 */
void
mb_lens_paragraph_bounds (const char *text,
                          gsize       length,
                          gsize       offset,
                          gsize      *start,
                          gsize      *end)
{
  const char *newline;

  g_return_if_fail (offset <= length);

  *start = offset;
  while (*start > 0 && text[*start - 1] != '\n')
    (*start)--;
  newline = memchr (text + offset, '\n', length - offset);
  *end = newline != NULL ? (gsize) (newline - text) : length;
}

/**
 * mb_lens_category_to_string:
 *
 * Returns: the category's id in the rules and in `marbles --lens`:
 *   "label", "absolute", "mind-reading", "evaluation", "cancelling-but"
 */
const char *
mb_lens_category_to_string (MbLensCategory category)
{
  g_return_val_if_fail (category < MB_LENS_N_CATEGORIES, NULL);

  return category_ids[category];
}

gboolean
mb_lens_category_from_string (const char     *string,
                              MbLensCategory *category)
{
  for (guint i = 0; i < MB_LENS_N_CATEGORIES; i++)
    {
      if (g_strcmp0 (string, category_ids[i]) == 0)
        {
          *category = i;
          return TRUE;
        }
    }
  return FALSE;
}
