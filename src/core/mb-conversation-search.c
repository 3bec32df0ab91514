/* mb-conversation-search.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Searching one conversation: the words of everything written in it,
 * folded once and each kept once, matched word by word, and the words
 * around the place found.
 */

#define G_LOG_DOMAIN "mb-conversation"

#include "config.h"

#include <string.h>

#include "mb-conversation-private.h"
#include "mb-fold.h"

/* One text of the conversation, and where it is shown. */
typedef struct
{
  const char *text;
  MbPhase     phase;
  guint       step;
  char       *owned; /* the text, when it was made for the search */
} Place;

static void
place_clear (Place *place)
{
  g_free (place->owned);
}

static void
add_place (GArray     *places,
           const char *text,
           MbPhase     phase,
           guint       step)
{
  Place place = { text, phase, step, NULL };

  if (text != NULL && *text != '\0')
    g_array_append_val (places, place);
}

/* A value chosen on a scale is found by the question's words too:
 * “How well did I listen? 4 of 5 (from “Hardly” to “The whole time”)”.
 */
static void
add_scale_place (MbConversation   *self,
                 GArray           *places,
                 MbScriptQuestion *question,
                 MbPhase           phase)
{
  guint value = mb_conversation_get_scale (self, mb_script_question_get_id (question));
  g_autofree char *described = NULL;
  Place place = { NULL, phase, 0, NULL };

  if (!mb_script_question_has_scale (question) || value == 0)
    return;
  described = mb_script_question_describe_scale (question, value);
  place.owned = g_strdup_printf ("%s %s", mb_localized_get (mb_script_question_get_text (question)), described);
  place.text = place.owned;
  g_array_append_val (places, place);
}

static void
add_question_places (MbConversation *self,
                     GArray         *places,
                     MbTextKind      kind,
                     GPtrArray      *questions,
                     MbPhase         phase)
{
  for (guint i = 0; i < questions->len; i++)
    {
      MbScriptQuestion *question = g_ptr_array_index (questions, i);

      if (kind == MB_TEXT_REFLECTION)
        add_scale_place (self, places, question, phase);
      add_place (places, mb_conversation_get_text (self, kind, mb_script_question_get_id (question)), phase, 0);
    }
}

/* Everything the leader wrote in the conversation, in the order shown. */
static GArray *
collect_places (MbConversation *self)
{
  GArray *places = g_array_new (FALSE, FALSE, sizeof (Place));
  GPtrArray *steps = mb_script_get_steps (self->script);

  g_array_set_clear_func (places, (GDestroyNotify) place_clear);
  add_question_places (self, places, MB_TEXT_PREPARATION, mb_script_get_preparation (self->script),
                       MB_PHASE_PREPARE);
  add_place (places, mb_conversation_get_text (self, MB_TEXT_PREPARATION_NOTES, NULL), MB_PHASE_PREPARE, 0);
  for (guint i = 0; i < steps->len; i++)
    add_place (places,
               mb_conversation_get_text (self, MB_TEXT_STEP_NOTES, mb_script_step_get_id (g_ptr_array_index (steps, i))),
               MB_PHASE_TALK, i);
  add_place (places, mb_conversation_get_text (self, MB_TEXT_AGREEMENT_DRAFT, NULL), MB_PHASE_TALK, self->step);
  add_question_places (self, places, MB_TEXT_REFLECTION, mb_script_get_reflection (self->script),
                       MB_PHASE_REFLECT);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->agreements)); i++)
    {
      g_autoptr(MbAgreement) agreement = g_list_model_get_item (G_LIST_MODEL (self->agreements), i);

      add_place (places, agreement->text, MB_PHASE_REFLECT, 0);
    }
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->marbles)); i++)
    {
      g_autoptr(MbMarble) marble = g_list_model_get_item (G_LIST_MODEL (self->marbles), i);

      add_place (places, marble->reason, MB_PHASE_REFLECT, 0);
    }
  add_place (places, mb_conversation_get_text (self, MB_TEXT_MARBLE_DRAFT, "in"), MB_PHASE_REFLECT, 0);
  add_place (places, mb_conversation_get_text (self, MB_TEXT_MARBLE_DRAFT, "out"), MB_PHASE_REFLECT, 0);

  return places;
}

/**
 * mb_search_words:
 * @query: what the user typed
 *
 * Returns: (transfer full): the words of @query, folded as
 *   mb_fold_for_search() does, without empty ones
 */
char **
mb_search_words (const char *query)
{
  g_autofree char *folded = mb_fold_for_search (query);
  g_auto(GStrv) words = g_strsplit_set (folded, " \t\n", -1);
  GPtrArray *result = g_ptr_array_new ();

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] != '\0')
        g_ptr_array_add (result, g_strdup (words[i]));
    }
  g_ptr_array_add (result, NULL);

  return (char **) g_ptr_array_free (result, FALSE);
}

/* A word of the folded text kept for search, in a table of the words
 * of one part: where it is in that text, plus one.
 */
typedef struct
{
  guint32 hash;
  guint32 length;
  guint32 part;   /* the slot is taken when this is the table's part */
  gsize   at;
} Slot;

/* A table of the words of one part, at most half full: one for each
 * thread, kept for the next part, which starts with a new number.
 */
typedef struct
{
  Slot    *slots;
  gsize    size;
  gsize    used;
  guint32  part;
} Table;

static void
table_free (gpointer data)
{
  Table *table = data;

  g_free (table->slots);
  g_free (table);
}

static GPrivate table_key = G_PRIVATE_INIT (table_free);

/* This thread's table, emptied. */
static Table *
get_table (void)
{
  Table *table = g_private_get (&table_key);

  if (table == NULL)
    {
      table = g_new0 (Table, 1);
      table->size = 1024;
      table->slots = g_new0 (Slot, table->size);
      g_private_set (&table_key, table);
    }
  table->used = 0;
  if (++table->part == 0)
    {
      memset (table->slots, 0, table->size * sizeof (Slot));
      table->part = 1;
    }
  return table;
}

/* FNV-1a, a byte at a time, as the words are split. */
#define HASH_START  2166136261u
#define HASH_PRIME  16777619u

static gboolean
is_separator (char c)
{
  return c == ' ' || c == '\t' || c == '\n';
}

/* Where @hash goes in @table: its slot, or the empty one to take. */
static gsize
find_slot (Table      *table,
           GString    *words,
           guint32     hash,
           const char *word,
           gsize       length)
{
  gsize i;

  for (i = hash & (table->size - 1); table->slots[i].part == table->part; i = (i + 1) & (table->size - 1))
    {
      Slot *slot = &table->slots[i];

      if (slot->hash == hash && slot->length == length && memcmp (words->str + slot->at - 1, word, length) == 0)
        break;
    }
  return i;
}

static void
grow (Table   *table,
      GString *words)
{
  g_autofree Slot *old = table->slots;
  gsize old_size = table->size;

  table->size *= 2;
  table->slots = g_new0 (Slot, table->size);
  for (gsize i = 0; i < old_size; i++)
    {
      if (old[i].part == table->part)
        table->slots[find_slot (table, words, old[i].hash, words->str + old[i].at - 1, old[i].length)] = old[i];
    }
}

/* Appends each word of the @length bytes of folded text at @folded to
 * @words once, each followed by a newline. A word is what lies between
 * the characters that mb_search_words() splits a query at, so a query
 * word occurs in @folded exactly when it occurs in one of them: in
 * @words, where the newlines keep them apart.
 */
static void
append_words (GString    *words,
              const char *folded,
              gsize       length)
{
  Table *table = get_table ();

  for (gsize start = 0, end; start < length; start = end + 1)
    {
      guint32 hash = HASH_START;
      gsize i;

      for (end = start; end < length && !is_separator (folded[end]); end++)
        hash = (hash ^ (guchar) folded[end]) * HASH_PRIME;
      if (end == start)
        continue;

      i = find_slot (table, words, hash, folded + start, end - start);
      if (table->slots[i].part == table->part)
        continue;

      table->slots[i] = (Slot) { hash, end - start, table->part, words->len + 1 };
      g_string_append_len (words, folded + start, end - start);
      g_string_append_c (words, '\n');
      if (++table->used * 2 > table->size)
        grow (table, words);
    }
}

/* The words of @title and of @places, each phase a part of its own (see
 * mb_conversation_prepare_search()), and where each part starts.
 */
static char *
fold_places (const char *title,
             GArray     *places,
             gsize      *starts)
{
  g_autoptr(GString) folded = NULL;
  GString *words;
  gsize words_len;
  gsize total = 0;
  guint i = 0;

  /* Room for all of it, as folding seldom makes text longer, so that
   * neither is grown a piece at a time.
   */
  for (guint p = 0; p < places->len; p++)
    total += strlen (g_array_index (places, Place, p).text) + 1;
  folded = g_string_sized_new (total + 256);
  words = g_string_sized_new (total / 2 + 256);
  for (int phase = -1; phase <= MB_PHASE_REFLECT; phase++)
    {
      starts[phase + 1] = words->len;
      g_string_truncate (folded, 0);
      if (phase < 0)
        mb_fold_append (folded, title);
      for (; phase >= 0 && i < places->len && g_array_index (places, Place, i).phase == (MbPhase) phase; i++)
        {
          mb_fold_append (folded, g_array_index (places, Place, i).text);
          g_string_append_c (folded, '\n');
        }
      append_words (words, folded->str, folded->len);
      g_string_append_c (words, '\0');
    }
  words_len = words->len;
  /* Kept as long as it is, without the room GString grew by. */
  return g_realloc (g_string_free (words, FALSE), words_len);
}

/**
 * mb_conversation_prepare_search:
 *
 * Folds everything written in the conversation for searching, so the
 * first search does not have to. After a load the journal does this
 * behind the list, from copies (see mb_conversation_copy_for_search());
 * after a change it happens again on the next search.
 */
void
mb_conversation_prepare_search (MbConversation *self)
{
  g_autoptr(GArray) places = NULL;

  g_return_if_fail (MB_IS_CONVERSATION (self));

  if (self->search_text != NULL)
    return;

  /* The title, then what was written in each phase, each folded on its
   * own, its words each kept once and the part ended by a NUL, so that
   * a search can keep to one phase and still use strstr(): about a
   * third of the folded text itself.
   */
  places = collect_places (self);
  self->search_text = fold_places (mb_localized_get (mb_script_get_title (self->script)), places,
                                   self->search_starts);
}

/* What mb_conversation_prepare_search() folds, copied, to fold in a
 * worker while the conversation may change on the main thread.
 */
struct _MbSearchCopy
{
  GWeakRef  conversation;
  guint     serial;
  char     *title;
  GArray   *places;   /* Place, each text owned */
  char     *search_text;
  gsize     search_starts[MB_PHASE_REFLECT + 2];
};

/**
 * mb_conversation_copy_for_search:
 *
 * Copies what the search folds of the conversation, to fold it in any
 * thread with mb_search_copy_fold() and give it back to the conversation
 * with mb_search_copy_finish(), on the main thread.
 *
 * Returns: (transfer full) (nullable): the copy, or %NULL when the
 *   conversation is ready for searching
 */
MbSearchCopy *
mb_conversation_copy_for_search (MbConversation *self)
{
  MbSearchCopy *copy;

  g_return_val_if_fail (MB_IS_CONVERSATION (self), NULL);

  if (self->search_text != NULL)
    return NULL;

  copy = g_new0 (MbSearchCopy, 1);
  g_weak_ref_init (&copy->conversation, self);
  copy->serial = self->search_serial;
  copy->title = g_strdup (mb_localized_get (mb_script_get_title (self->script)));
  copy->places = collect_places (self);
  for (guint i = 0; i < copy->places->len; i++)
    {
      Place *place = &g_array_index (copy->places, Place, i);

      if (place->owned == NULL)
        place->text = place->owned = g_strdup (place->text);
    }
  return copy;
}

/**
 * mb_search_copy_fold:
 *
 * Folds the copy, as mb_conversation_prepare_search() would the
 * conversation. Any thread.
 */
void
mb_search_copy_fold (MbSearchCopy *copy)
{
  g_return_if_fail (copy != NULL);

  if (copy->search_text == NULL)
    copy->search_text = fold_places (copy->title, copy->places, copy->search_starts);
}

/**
 * mb_search_copy_finish:
 *
 * Gives the conversation what was folded of the copy, unless it has
 * changed since it was copied, or is ready already; then frees the copy.
 * On the main thread.
 */
void
mb_search_copy_finish (MbSearchCopy *copy)
{
  g_autoptr(MbConversation) conversation = g_weak_ref_get (&copy->conversation);

  if (conversation != NULL && copy->search_text != NULL && conversation->search_text == NULL &&
      conversation->search_serial == copy->serial)
    {
      conversation->search_text = g_steal_pointer (&copy->search_text);
      memcpy (conversation->search_starts, copy->search_starts, sizeof copy->search_starts);
    }
  mb_search_copy_free (copy);
}

void
mb_search_copy_free (MbSearchCopy *copy)
{
  if (copy == NULL)
    return;

  g_weak_ref_clear (&copy->conversation);
  g_free (copy->title);
  g_array_unref (copy->places);
  g_free (copy->search_text);
  g_free (copy);
}

/**
 * mb_conversation_matches:
 * @folded_also: (nullable): more text that counts, such as the person's
 *   name, folded already by mb_fold_for_search()
 * @words: from mb_search_words()
 * @phase: a #MbPhase, or -1 for anywhere
 *
 * Returns: whether every word occurs somewhere in what was written in
 *   the conversation, its script's title or @folded_also, ignoring case
 *   and accents; when @phase is not -1, every word must occur in what
 *   was written in that phase, and @folded_also and the title do not
 *   count
 */
gboolean
mb_conversation_matches (MbConversation     *self,
                         const char         *folded_also,
                         const char * const *words,
                         int                 phase)
{
  g_return_val_if_fail (MB_IS_CONVERSATION (self), FALSE);
  g_return_val_if_fail (phase >= -1 && phase <= MB_PHASE_REFLECT, FALSE);

  mb_conversation_prepare_search (self);

  for (guint i = 0; words[i] != NULL; i++)
    {
      gboolean found = FALSE;

      /* The parts are the title and the phases; each ends in a NUL. */
      for (int part = phase < 0 ? 0 : phase + 1; part <= (phase < 0 ? MB_PHASE_REFLECT + 1 : phase + 1) && !found; part++)
        found = strstr (self->search_text + self->search_starts[part], words[i]) != NULL;
      if (!found && phase < 0 && folded_also != NULL)
        found = strstr (folded_also, words[i]) != NULL;
      if (!found)
        return FALSE;
    }

  return TRUE;
}

/* About @before characters before @at and @after after it, on one line. */
static char *
cut_snippet (const char *text,
             gsize       at,
             guint       before,
             guint       after)
{
  const char *start = text + at;
  const char *end = text + at;
  GString *snippet = g_string_new (NULL);

  for (guint i = 0; i < before && start > text; i++)
    start = g_utf8_prev_char (start);
  for (guint i = 0; i < after && *end != '\0'; i++)
    end = g_utf8_next_char (end);

  /* Whole words only, at both ends. */
  if (start > text)
    {
      const char *space = start;

      while (space < text + at && !g_ascii_isspace (*space))
        space++;
      if (space < text + at)
        start = space + 1;
    }
  if (*end != '\0')
    {
      const char *space = end;

      while (space > text + at && !g_ascii_isspace (space[-1]))
        space--;
      if (space > text + at)
        end = space - 1;
    }

  if (start > text)
    g_string_append (snippet, "…");
  g_string_append_len (snippet, start, end - start);
  if (*end != '\0')
    g_string_append (snippet, "…");
  g_strdelimit (snippet->str, "\n\r\t", ' ');
  return g_string_free (snippet, FALSE);
}

/* How many of @words occur in the @length bytes of folded text at
 * @folded; *@first is set to the earliest place where one of them does.
 */
static guint
count_words (const char         *folded,
             gsize               length,
             const char * const *words,
             const char        **first)
{
  guint count = 0;

  for (guint w = 0; words[w] != NULL; w++)
    {
      const char *found = memmem (folded, length, words[w], strlen (words[w]));

      if (found == NULL)
        continue;
      count++;
      if (*first == NULL || found < *first)
        *first = found;
    }

  return count;
}

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const MbSearchSpan *x = a;
  const MbSearchSpan *y = b;

  return x->start < y->start ? -1 : x->start > y->start;
}

/**
 * mb_search_spans:
 * @text: a text as it was written
 * @words: from mb_search_words()
 *
 * Returns: (transfer full) (element-type MbSearchSpan): where in @text
 *   the words occur, in bytes, from the start on; spans that overlap or
 *   touch are one
 */
GArray *
mb_search_spans (const char         *text,
                 const char * const *words)
{
  g_autofree char *folded = mb_fold_for_search (text);
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (MbSearchSpan));
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (MbSearchSpan));

  for (guint w = 0; words[w] != NULL; w++)
    {
      gsize length = strlen (words[w]);

      for (const char *found = strstr (folded, words[w]);
           found != NULL && length > 0;
           found = strstr (found + length, words[w]))
        {
          MbSearchSpan span = { mb_fold_origin (text, found - folded), mb_fold_origin (text, found - folded + length) };

          g_array_append_val (all, span);
        }
    }

  g_array_sort (all, compare_spans);
  for (guint i = 0; i < all->len; i++)
    {
      MbSearchSpan *span = &g_array_index (all, MbSearchSpan, i);
      MbSearchSpan *last = spans->len > 0 ? &g_array_index (spans, MbSearchSpan, spans->len - 1) : NULL;

      if (last != NULL && span->start <= last->end)
        last->end = MAX (last->end, span->end);
      else
        g_array_append_val (spans, *span);
    }

  return spans;
}

/**
 * mb_conversation_find:
 * @words: from mb_search_words()
 * @only: a #MbPhase, or -1 for anywhere
 * @phase: (out) (optional): the phase where the text is shown
 * @step: (out) (optional): the step, when it is a step's notes
 *
 * Returns: (transfer full) (nullable): the words around the first place
 *   where the leader wrote the most of @words (all of them, when they
 *   are together in one text anywhere), looking only at what was written
 *   in @only when it is not -1; or %NULL when they only occur in the
 *   script's title or the person's name
 */
char *
mb_conversation_find (MbConversation     *self,
                      const char * const *words,
                      int                 only,
                      MbPhase            *phase,
                      guint              *step)
{
  g_autoptr(GArray) places = NULL;
  guint n_words = g_strv_length ((char **) words);
  guint best = 0;
  guint best_count = 0;
  gsize best_at = 0;

  g_return_val_if_fail (MB_IS_CONVERSATION (self), NULL);

  /* The first place where the most words are, all of them if they are
   * together anywhere: place by place, each folded again, without the
   * title.
   */
  places = collect_places (self);
  for (guint i = 0; i < places->len && best_count < n_words; i++)
    {
      Place *place = &g_array_index (places, Place, i);
      g_autofree char *folded = NULL;
      const char *first = NULL;
      guint count;

      if (only >= 0 && place->phase != (MbPhase) only)
        continue;

      folded = mb_fold_for_search (place->text);
      count = count_words (folded, strlen (folded), words, &first);
      if (count > best_count)
        {
          best = i;
          best_count = count;
          best_at = mb_fold_origin (place->text, first - folded);
        }
    }

  if (best_count == 0)
    return NULL;

  if (phase != NULL)
    *phase = g_array_index (places, Place, best).phase;
  if (step != NULL)
    *step = g_array_index (places, Place, best).step;
  return cut_snippet (g_array_index (places, Place, best).text, best_at, 40, 80);
}
