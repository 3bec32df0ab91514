/* mb-lens-compile.c — a language's rules, made ready for checking
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Words are folded once here (case and accents do not count), patterns
 * are split into parts, and every pattern whose first part is a plain
 * word is indexed by it, so that a word of the text only tries the
 * patterns that can start with it.
 */

#define G_LOG_DOMAIN "mb-lens"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mb-fold.h"
#include "mb-lens-private.h"

#define PATTERN_CLASS_NAME    "name"
#define PATTERN_CLASS_SOMEONE "someone"

/**
 * _mb_lens_fold_word:
 *
 * Appends @length bytes of @word to @out, folded as search folds text:
 * in lower case, without accents, with ’ as '.
 */
void
_mb_lens_fold_word (GString    *out,
                    const char *word,
                    gsize       length)
{
  char small[64];
  g_autofree char *large = NULL;
  gboolean ascii = TRUE;

  for (gsize i = 0; i < length && ascii; i++)
    ascii = (guchar) word[i] < 0x80;

  if (ascii)
    {
      for (gsize i = 0; i < length; i++)
        g_string_append_c (out, g_ascii_tolower (word[i]));
      return;
    }

  if (length < sizeof small)
    {
      memcpy (small, word, length);
      small[length] = '\0';
      mb_fold_append (out, small);
      return;
    }
  large = g_strndup (word, length);
  mb_fold_append (out, large);
}

static char *
fold (const char *word)
{
  GString *out = g_string_new (NULL);

  _mb_lens_fold_word (out, word, strlen (word));
  return g_string_free (out, FALSE);
}

/**
 * _mb_lens_word_matches:
 * @pattern_word: folded: a word, "prefix*" or "*suffix"
 * @folded: a folded word of the text
 */
gboolean
_mb_lens_word_matches (const char *pattern_word,
                       const char *folded)
{
  gsize len = strlen (pattern_word);

  if (len > 1 && pattern_word[0] == '*')
    return g_str_has_suffix (folded, pattern_word + 1);
  if (len > 1 && pattern_word[len - 1] == '*')
    return strncmp (folded, pattern_word, len - 1) == 0;
  return strcmp (pattern_word, folded) == 0;
}

/**
 * _mb_lens_is_word:
 *
 * Returns: whether @text is letters, digits, hyphens and apostrophes,
 *   with at most one "*" at its start or its end
 */
gboolean
_mb_lens_is_word (const char *text)
{
  gsize len = strlen (text);
  const char *start = text;
  const char *end = text + len;

  if (len > 0 && *start == '*')
    start++;
  else if (len > 0 && end[-1] == '*')
    end--;
  if (start >= end || !g_utf8_validate (text, len, NULL))
    return FALSE;

  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isalnum (c) && !g_unichar_ismark (c) &&
          c != '-' && c != '\'' && c != 0x2019)
        return FALSE;
    }
  return TRUE;
}

static void
part_free (Part *part)
{
  g_strfreev (part->words);
  g_free (part);
}

/* The mask of "{name}" in a pattern, or 0 with a problem. */
static guint
class_mask (const char  *name,
            char       **problem)
{
  g_autoptr(GString) known = g_string_new (NULL);

  if (g_str_equal (name, PATTERN_CLASS_NAME))
    return WORD_NAME;
  if (g_str_equal (name, PATTERN_CLASS_SOMEONE))
    return WORD_SOMEONE;
  for (guint i = 0; i < N_WORD_CLASSES; i++)
    {
      if (g_str_equal (name, _mb_lens_class_name (i)))
        return 1u << i;
      g_string_append_printf (known, "%s, ", _mb_lens_class_name (i));
    }

  g_string_append (known, PATTERN_CLASS_NAME ", " PATTERN_CLASS_SOMEONE);
  *problem = g_strdup_printf (_("“%s” is not a word class; use one of: %s"), name, known->str);
  return 0;
}

/* One space-separated token of a pattern; NULL with a problem. */
static Part *
parse_part (const char  *token,
            char       **problem)
{
  g_autoptr(GString) inner = g_string_new (token);
  Part *part = g_new0 (Part, 1);

  if (g_str_equal (token, "...") || g_str_equal (token, "…"))
    {
      part->kind = PART_GAP;
      return part;
    }

  if (inner->len > 2 && inner->str[0] == '[' && inner->str[inner->len - 1] == ']')
    {
      part->optional = TRUE;
      g_string_truncate (g_string_erase (inner, 0, 1), inner->len - 2);
    }

  if (inner->len > 2 && inner->str[0] == '{' && inner->str[inner->len - 1] == '}')
    {
      g_autofree char *name = g_strndup (inner->str + 1, inner->len - 2);

      part->kind = PART_CLASS;
      if ((part->mask = class_mask (name, problem)) != 0)
        return part;
      part_free (part);
      return NULL;
    }

  part->kind = PART_WORDS;
  part->words = g_strsplit (inner->str, "|", -1);
  for (guint i = 0; part->words[i] != NULL; i++)
    {
      g_autofree char *folded = NULL;

      if (!_mb_lens_is_word (part->words[i]))
        {
          *problem = g_strdup_printf (_("“%s” in the pattern is not a word, a choice of words, "
                                        "an optional word, a word class or “...”"), token);
          part_free (part);
          return NULL;
        }
      folded = fold (part->words[i]);
      g_free (part->words[i]);
      part->words[i] = g_steal_pointer (&folded);
    }
  return part;
}

static gboolean
is_loose (Part *part)
{
  return part->optional || part->kind == PART_GAP;
}

/**
 * _mb_lens_parse_pattern:
 * @parts: (nullable): where the parts go, each a `Part *` to free
 *   with g_free() after g_strfreev() of its words; %NULL to only check
 * @problem: (out): set when @text is not a pattern
 */
gboolean
_mb_lens_parse_pattern (const char  *text,
                        GPtrArray   *parts,
                        char       **problem)
{
  g_auto(GStrv) tokens = g_strsplit_set (text, " \t\n", -1);
  g_autoptr(GPtrArray) made = g_ptr_array_new_with_free_func ((GDestroyNotify) part_free);

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      Part *part;

      if (tokens[i][0] == '\0')
        continue;
      if ((part = parse_part (tokens[i], problem)) == NULL)
        return FALSE;
      g_ptr_array_add (made, part);
    }

  if (made->len == 0)
    {
      *problem = g_strdup (_("The pattern is empty"));
      return FALSE;
    }
  if (is_loose (g_ptr_array_index (made, 0)) || is_loose (g_ptr_array_index (made, made->len - 1)))
    {
      *problem = g_strdup (_("A pattern cannot start or end with “...” or an optional word"));
      return FALSE;
    }

  if (parts != NULL)
    {
      g_ptr_array_set_free_func (made, NULL);
      g_ptr_array_extend_and_steal (parts, g_steal_pointer (&made));
    }
  return TRUE;
}

static void
pattern_free (Pattern *pattern)
{
  for (guint i = 0; i < pattern->n_parts; i++)
    g_strfreev (pattern->parts[i].words);
  g_free (pattern->parts);
  g_free (pattern);
}

static void
rule_free (Rule *rule)
{
  g_free (rule->id);
  g_strfreev (rule->not_before);
  g_strfreev (rule->not_after);
  g_free (rule);
}

static GStrv
fold_all (const char * const *words)
{
  guint n = words != NULL ? g_strv_length ((GStrv) words) : 0;
  GStrv folded = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    folded[i] = fold (words[i]);
  return folded;
}

/* Indexes @pattern by its first word, or lists it as unindexed. */
static void
index_pattern (MbLensRules *self,
               Pattern     *pattern)
{
  Part *first = &pattern->parts[0];

  for (guint i = 0; first->kind == PART_WORDS && first->words[i] != NULL; i++)
    {
      if (strchr (first->words[i], '*') != NULL)
        {
          g_ptr_array_add (self->unindexed, pattern);
          return;
        }
    }
  if (first->kind != PART_WORDS)
    {
      g_ptr_array_add (self->unindexed, pattern);
      return;
    }

  for (guint i = 0; first->words[i] != NULL; i++)
    {
      GPtrArray *list = g_hash_table_lookup (self->index, first->words[i]);

      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (self->index, g_strdup (first->words[i]), list);
        }
      if (!g_ptr_array_find (list, pattern, NULL))
        g_ptr_array_add (list, pattern);
    }
}

static void
add_pattern (MbLensRules *self,
             EntryKind    kind,
             const Rule  *rule,
             const char  *text)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *problem = NULL;
  Pattern *pattern;

  /* Checked when the file was read. */
  if (!_mb_lens_parse_pattern (text, parts, &problem))
    g_assert_not_reached ();

  pattern = g_new0 (Pattern, 1);
  pattern->kind = kind;
  pattern->rule = rule;
  pattern->n_parts = parts->len;
  pattern->parts = g_new0 (Part, parts->len);
  for (guint i = 0; i < parts->len; i++)
    {
      Part *part = g_ptr_array_index (parts, i);

      pattern->parts[i] = *part;
      g_free (part);
    }

  g_ptr_array_add (self->patterns, pattern);
  index_pattern (self, pattern);
}

static void
add_word (MbLensRules *self,
          const char  *word,
          guint        mask)
{
  g_autofree char *folded = fold (word);
  gsize len = strlen (folded);

  if (len > 1 && (folded[0] == '*' || folded[len - 1] == '*'))
    {
      Affix *affix = g_new0 (Affix, 1);

      affix->prefix = folded[len - 1] == '*';
      affix->text = affix->prefix ? g_strndup (folded, len - 1) : g_strdup (folded + 1);
      affix->mask = mask;
      g_ptr_array_add (self->affixes, affix);
      return;
    }

  mask |= GPOINTER_TO_UINT (g_hash_table_lookup (self->words, folded));
  g_hash_table_insert (self->words, g_steal_pointer (&folded), GUINT_TO_POINTER (mask));
}

static void
affix_free (Affix *affix)
{
  g_free (affix->text);
  g_free (affix);
}

static void
add_words (MbLensRules  *self,
           MbLensSource *source)
{
  g_autoptr(GStrvBuilder) intensifiers = g_strv_builder_new ();

  for (guint i = 0; i < N_WORD_CLASSES; i++)
    {
      for (guint j = 0; j < source->words[i]->len; j++)
        add_word (self, g_ptr_array_index (source->words[i], j), 1u << i);
    }

  if (self->intensifiers != NULL)
    g_strv_builder_addv (intensifiers, (const char **) self->intensifiers);
  for (guint j = 0; j < source->words[INTENSIFIERS]->len; j++)
    {
      g_autofree char *folded = fold (g_ptr_array_index (source->words[INTENSIFIERS], j));

      g_strv_builder_add (intensifiers, folded);
    }
  g_strfreev (self->intensifiers);
  self->intensifiers = g_strv_builder_end (intensifiers);
}

static void
add_frames (MbLensRules  *self,
            MbLensSource *source)
{
  for (guint kind = 0; kind < N_FRAMES; kind++)
    {
      for (guint j = 0; j < source->frames[kind]->len; j++)
        add_pattern (self, kind, NULL, g_ptr_array_index (source->frames[kind], j));
    }
}

static void
add_rule (MbLensRules *self,
          SourceRule  *source_rule)
{
  Rule *rule = g_new0 (Rule, 1);

  *rule = source_rule->rule;
  rule->id = g_strdup (source_rule->rule.id);
  rule->not_before = fold_all ((const char * const *) source_rule->rule.not_before);
  rule->not_after = fold_all ((const char * const *) source_rule->rule.not_after);
  g_ptr_array_add (self->rules, rule);

  for (guint i = 0; source_rule->patterns[i] != NULL; i++)
    add_pattern (self, ENTRY_RULE, rule, source_rule->patterns[i]);
}

/* The bundled rules, less those the user's file puts its own in place
 * of, then the user's.
 */
static void
add_rules (MbLensRules  *self,
           MbLensSource *base,
           MbLensSource *extra)
{
  g_autoptr(GHashTable) replaced = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; extra != NULL && i < extra->rules->len; i++)
    {
      SourceRule *source_rule = g_ptr_array_index (extra->rules, i);

      g_hash_table_add (replaced, source_rule->rule.id);
    }

  for (guint i = 0; i < base->rules->len; i++)
    {
      SourceRule *source_rule = g_ptr_array_index (base->rules, i);

      if (!g_hash_table_contains (replaced, source_rule->rule.id))
        add_rule (self, source_rule);
    }
  for (guint i = 0; extra != NULL && i < extra->rules->len; i++)
    add_rule (self, g_ptr_array_index (extra->rules, i));
}

static void
add_silence (MbLensRules  *self,
             MbLensSource *source)
{
  for (guint i = 0; i < source->silence->len; i++)
    {
      const char *phrase = g_ptr_array_index (source->silence, i);
      g_auto(GStrv) words = g_strsplit_set (phrase, " \t", -1);
      g_autoptr(GStrvBuilder) folded = g_strv_builder_new ();

      g_hash_table_add (self->silenced_ids, g_strdup (phrase));
      for (guint j = 0; words[j] != NULL; j++)
        {
          g_autofree char *word = words[j][0] != '\0' ? fold (words[j]) : NULL;

          if (word != NULL)
            g_strv_builder_add (folded, word);
        }
      g_ptr_array_add (self->silenced, g_strv_builder_end (folded));
    }
}

/**
 * _mb_lens_compile:
 * @base: the bundled rules of a language
 * @extra: (nullable): the user's
 */
MbLensRules *
_mb_lens_compile (MbLensSource *base,
                  MbLensSource *extra)
{
  MbLensRules *self = g_new0 (MbLensRules, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->language = g_strdup (base->language);
  self->words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->affixes = g_ptr_array_new_with_free_func ((GDestroyNotify) affix_free);
  self->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) rule_free);
  self->patterns = g_ptr_array_new_with_free_func ((GDestroyNotify) pattern_free);
  self->index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_ptr_array_unref);
  self->unindexed = g_ptr_array_new ();
  self->silenced_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->silenced = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (MbLensSource *source = base; source != NULL; source = source == base ? extra : NULL)
    {
      add_words (self, source);
      add_frames (self, source);
      add_silence (self, source);
    }
  add_rules (self, base, extra);

  return self;
}

void
_mb_lens_rules_free (MbLensRules *self)
{
  g_free (self->language);
  g_hash_table_unref (self->words);
  g_ptr_array_unref (self->affixes);
  g_strfreev (self->intensifiers);
  g_hash_table_unref (self->index);
  g_ptr_array_unref (self->unindexed);
  g_ptr_array_unref (self->patterns);
  g_ptr_array_unref (self->rules);
  g_hash_table_unref (self->silenced_ids);
  g_ptr_array_unref (self->silenced);
  g_free (self);
}
