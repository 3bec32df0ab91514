/* mb-lens-private.h — what the lens's rules and its checker share
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mb-lens.h"

G_BEGIN_DECLS

/* The word classes of data/lens/README.md, as bits of a token's mask. */
typedef enum
{
  WORD_SELF          = 1 << 0,
  WORD_OTHER         = 1 << 1,
  WORD_SUBJECT       = 1 << 2,
  WORD_POSSESSIVE    = 1 << 3,
  WORD_PERSON        = 1 << 4,
  WORD_THING         = 1 << 5,
  WORD_NEGATION      = 1 << 6,
  WORD_HEDGE         = 1 << 7,
  WORD_CLAUSE        = 1 << 8,
  WORD_COORDINATOR   = 1 << 9,
  WORD_FUNCTION      = 1 << 10,
  WORD_NOT_NAME      = 1 << 11,
  WORD_AFTER_PERSON  = 1 << 12,
  WORD_ADDRESSEE     = 1 << 13,
  WORD_CONSEQUENCE   = 1 << 14,
  WORD_OPEN_QUESTION = 1 << 15,
  WORD_ARTICLE       = 1 << 16,
  WORD_COPULA        = 1 << 17,
  WORD_NORM          = 1 << 18,
  /* Worked out from the text, not from the data: */
  WORD_NAME          = 1 << 19,
  WORD_KEY           = 1 << 20,  /* starts a pattern: never a name */
} WordClass;

#define WORD_REFERENT (WORD_SELF | WORD_OTHER | WORD_PERSON | WORD_NAME)
#define WORD_SOMEONE  WORD_REFERENT

/* Classes of prefixes rather than words. */
#define N_WORD_CLASSES 19

typedef enum
{
  FRAME_SPEECH,
  FRAME_SOURCE,
  FRAME_ASSUMPTION,
  FRAME_BOUND,
  N_FRAMES,
  ENTRY_RULE = N_FRAMES,
} EntryKind;

typedef enum
{
  SAID_OF_ANYTHING,
  SAID_OF_PERSON,
  SAID_OF_NOT_PERSON,
  SAID_OF_NOT_THING,
  SAID_OF_THING,
} SaidOf;

typedef enum
{
  PART_WORDS,
  PART_CLASS,
  PART_GAP,
} PartKind;

/* One token of a pattern: alternatives of a word (each exact, "pre*"
 * or "*suf", folded), a word class, or a gap of up to MAX_GAP words.
 */
typedef struct
{
  PartKind   kind;
  gboolean   optional;
  GStrv      words;
  guint      mask;
} Part;

#define MAX_GAP 8

typedef struct
{
  char           *id;
  MbLensCategory  category;
  int             person_category;  /* -1: the same */
  int             thing_category;   /* -1: the same */
  SaidOf          said_of;
  gboolean        negation_cancels;
  gboolean        self_exempt;
  GStrv           not_before;       /* folded */
  GStrv           not_after;        /* folded */
} Rule;

typedef struct
{
  EntryKind    kind;
  const Rule  *rule;   /* for ENTRY_RULE */
  Part        *parts;
  guint        n_parts;
} Pattern;

/* A word class entry that is a prefix ("pre*") or a suffix ("*suf"). */
typedef struct
{
  char     *text;
  gboolean  prefix;
  guint     mask;
} Affix;

struct _MbLensRules
{
  gatomicrefcount  ref_count;
  char            *language;
  GHashTable      *words;        /* folded word → GUINT_TO_POINTER (mask) */
  GPtrArray       *affixes;      /* Affix */
  GStrv            intensifiers; /* folded prefixes such as "super" */
  GPtrArray       *rules;        /* Rule */
  GPtrArray       *patterns;     /* Pattern, owned */
  GHashTable      *index;        /* folded first word → GPtrArray of Pattern */
  GPtrArray       *unindexed;    /* Pattern whose first part is not plain words */
  GHashTable      *silenced_ids; /* rule id → itself */
  GPtrArray       *silenced;     /* GStrv: folded words of a silenced phrase */
};

/* One data file, read and checked but not yet compiled. */
typedef struct
{
  char      *language;                 /* NULL when a user file gives none */
  GPtrArray *words[N_WORD_CLASSES + 1]; /* char *; the last: intensifiers */
  GPtrArray *frames[N_FRAMES];         /* char *, patterns */
  GPtrArray *rules;                    /* SourceRule */
  GPtrArray *silence;                  /* char * */
} MbLensSource;

typedef struct
{
  Rule  rule;       /* not_before and not_after not yet folded */
  GStrv patterns;
} SourceRule;

#define INTENSIFIERS N_WORD_CLASSES

MbLensSource *_mb_lens_source_parse  (GBytes            *bytes,
                                      const char        *filename,
                                      const char        *language,
                                      GError           **error);
void          _mb_lens_source_free   (MbLensSource      *source);
gboolean      _mb_lens_is_word       (const char        *text);
gboolean      _mb_lens_parse_pattern (const char        *text,
                                      GPtrArray         *parts,
                                      char             **problem);
const char   *_mb_lens_class_name    (guint              index);
MbLensRules  *_mb_lens_compile       (MbLensSource      *base,
                                      MbLensSource      *extra);
void          _mb_lens_rules_free    (MbLensRules       *rules);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbLensSource, _mb_lens_source_free)

/* A paragraph being checked: its words, with what is known of each. */
typedef enum
{
  TOKEN_SENTENCE_START = 1 << 0,
  TOKEN_BREAK_BEFORE   = 1 << 1,  /* punctuation or a quote mark before it */
  TOKEN_CAPITAL        = 1 << 2,
  TOKEN_ALL_CAPS       = 1 << 3,
  TOKEN_RESTART        = 1 << 4,  /* a clause starts again: after "I think" */
  TOKEN_EXEMPT         = 1 << 5,  /* someone else's words, or an assumption */
  TOKEN_SPEECH         = 1 << 6,  /* starts a speech frame */
  TOKEN_LEADER_VOICE   = 1 << 7,  /* after the leader's own "I said" */
  TOKEN_QUOTED         = 1 << 8,  /* in a quotation of someone else */
} TokenFlags;

typedef enum
{
  SENTENCE_BOUNDED  = 1 << 0,  /* "this year": an absolute is counted */
  SENTENCE_QUESTION = 1 << 1,  /* ends with "?" */
} SentenceFlags;

typedef struct
{
  guint first;
  guint flags;
} Sentence;

typedef struct
{
  gsize  start;
  gsize  end;
  guint  folded;    /* offset in Text.folded */
  guint  bare;      /* the same without an intensifier ("super…"), or = folded */
  guint  mask;      /* WordClass */
  guint  flags;     /* TokenFlags */
  guint  sentence;
} Token;

typedef struct
{
  guint     first;
  guint     last;
  gboolean  single;
  gboolean  open;
} Quote;

typedef struct
{
  const MbLensRules *rules;
  const char        *data;
  GArray            *tokens;    /* Token */
  GString           *folded;    /* each token's folded forms, NUL-terminated */
  GArray            *quotes;    /* Quote */
  GArray            *sentences; /* Sentence */
} Text;

#define TOKEN(text, i) (&g_array_index ((text)->tokens, Token, (i)))
#define SENTENCE_OF(text, i) (&g_array_index ((text)->sentences, Sentence, TOKEN (text, i)->sentence))

void          _mb_lens_text_init     (Text              *text,
                                      const MbLensRules *rules,
                                      const char        *data,
                                      gsize              length);
void          _mb_lens_text_clear    (Text              *text);
const char   *_mb_lens_text_folded   (Text              *text,
                                      guint              i);
const char   *_mb_lens_text_bare     (Text              *text,
                                      guint              i);
gboolean      _mb_lens_match         (Text              *text,
                                      const Pattern     *pattern,
                                      guint              first,
                                      guint             *last);
void          _mb_lens_each_pattern  (Text              *text,
                                      guint              i,
                                      GPtrArray         *into);
guint         _mb_lens_clause_start  (Text              *text,
                                      guint              i);
guint         _mb_lens_sentence_end  (Text              *text,
                                      guint              i);
guint         _mb_lens_clause_end    (Text              *text,
                                      guint              i);

/* Folding, the same for the data and the text: case and accents do not
 * count, and ’ is '.
 */
void      _mb_lens_fold_word       (GString           *out,
                                    const char        *word,
                                    gsize              length);
gboolean  _mb_lens_word_matches    (const char        *pattern_word,
                                    const char        *folded);

G_END_DECLS
