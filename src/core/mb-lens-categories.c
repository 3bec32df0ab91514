/* mb-lens-categories.c — what the lens tells the leader about each kind
 * of judgement
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* These texts belong to the interface, not to a language's rules: they
 * are shown in the language of the interface, whatever the language of
 * the note. Each category has a name, what it is, a question that turns
 * it into an observation, and an example with a rephrasing of it. The
 * tests check that the lens flags each example as its category and
 * leaves each rephrasing alone, in English and in Dutch.
 */

#define G_LOG_DOMAIN "mb-lens"

#include "config.h"

#include <glib/gi18n.h>

#include "mb-lens.h"

typedef struct
{
  const char *name;
  const char *explanation;
  const char *question;
  const char *example;
  const char *rephrased;
} CategoryTexts;

static const CategoryTexts texts[MB_LENS_N_CATEGORIES] = {
  [MB_LENS_LABEL] = {
    /* Translators: a kind of judgement: a word for what someone is */
    N_("Label"),
    N_("A word for what someone is, rather than for what they did. A label sticks, and "
       "leaves the other person nothing to say but “I am not”."),
    N_("What did you see or hear that made you think that?"),
    N_("She is unreliable."),
    N_("She sent two of the last four reports after the day we agreed."),
  },
  [MB_LENS_ABSOLUTE] = {
    /* Translators: a kind of judgement: always, never, every time */
    N_("Always or Never"),
    N_("Words like always, never and every time turn a few moments into a rule about a "
       "person. The other person only has to find one exception."),
    N_("When did it happen, and how often?"),
    N_("He is always late."),
    N_("He came in after nine on three of the last five Mondays."),
  },
  [MB_LENS_MIND_READING] = {
    /* Translators: a kind of judgement: a guess at what someone wants or feels */
    N_("Mind-Reading"),
    N_("A guess at what goes on inside someone (what they want, feel or intend) written "
       "as if it were a fact. Only they can tell you."),
    N_("What did you see or hear, and what could you ask to find out?"),
    N_("He doesn’t care about the deadline."),
    N_("He did not mention the deadline. I will ask him how he sees it."),
  },
  [MB_LENS_EVALUATION] = {
    /* Translators: a kind of judgement: "a sloppy report" */
    N_("Verdict as Fact"),
    N_("Your verdict on someone’s work, written as if it were a property of the work. "
       "Say what you found in it, and what you had expected."),
    N_("What exactly did you find in it, and what had you expected?"),
    N_("A sloppy report."),
    N_("The report had four calculation errors and no summary."),
  },
  [MB_LENS_CANCELLING_BUT] = {
    /* Translators: a kind of judgement: "I’m sorry, but…" */
    N_("Apology with a But"),
    N_("A “but” after an apology takes it back: the other person hears the explanation, "
       "not the apology."),
    N_("Can you say sorry and stop there, and explain only if they ask?"),
    N_("I’m sorry I was late, but the meeting before ran over."),
    N_("I’m sorry I was late. I kept you waiting, and your time matters."),
  },
};

static const CategoryTexts *
texts_of (MbLensCategory category)
{
  g_return_val_if_fail (category < MB_LENS_N_CATEGORIES, &texts[MB_LENS_LABEL]);

  return &texts[category];
}

const char *
mb_lens_category_get_name (MbLensCategory category)
{
  return _(texts_of (category)->name);
}

const char *
mb_lens_category_get_explanation (MbLensCategory category)
{
  return _(texts_of (category)->explanation);
}

/**
 * mb_lens_category_get_question:
 *
 * Returns: the question that turns a judgement of @category into an
 *   observation
 */
const char *
mb_lens_category_get_question (MbLensCategory category)
{
  return _(texts_of (category)->question);
}

/**
 * mb_lens_category_get_example:
 *
 * Returns: a sentence that judges in the way of @category
 */
const char *
mb_lens_category_get_example (MbLensCategory category)
{
  return _(texts_of (category)->example);
}

/**
 * mb_lens_category_get_rephrased:
 *
 * Returns: the example of mb_lens_category_get_example(), rephrased as
 *   an observation
 */
const char *
mb_lens_category_get_rephrased (MbLensCategory category)
{
  return _(texts_of (category)->rephrased);
}
