/* test-document.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "core-util.h"
#include "mb-document.h"
#include "mb-export.h"
#include "mb-markdown.h"

/* What a block should be: its kind, level, lead and texts. */
typedef struct
{
  MbBlockKind  kind;
  guint        level;
  const char  *lead;
  const char  *texts[6];
} Expected;

static void
assert_blocks (MbDocument     *document,
               const Expected *expected,
               guint           n_expected)
{
  g_assert_cmpuint (mb_document_get_n_blocks (document), ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      const MbBlock *block = mb_document_get_block (document, i);

      g_test_message ("block %u", i);
      g_assert_cmpint (mb_block_get_kind (block), ==, expected[i].kind);
      g_assert_cmpuint (mb_block_get_level (block), ==, expected[i].level);
      g_assert_cmpstr (mb_block_get_lead (block), ==, expected[i].lead);
      g_assert_cmpstrv (mb_block_get_texts (block), expected[i].texts);
    }
}

/* Every text is one plain line, as typed but for the white space. */
static void
test_plain_lines (void)
{
  g_autoptr(MbDocument) document = mb_document_new ();
  const Expected expected[] = {
    { MB_BLOCK_HEADING, 2, NULL, { "# Two lines", NULL } },
    { MB_BLOCK_PARAGRAPH, 0, NULL, { "*not* emphasis", NULL } },
    { MB_BLOCK_LABEL, 0, NULL, { "A question?", NULL } },
    { MB_BLOCK_ITEM, 0, "In:", { "kept", "", "1. a number", NULL } },
    { MB_BLOCK_ITEM, 0, NULL, { "only", NULL } },
  };

  mb_document_add_heading (document, 2, " # Two\nlines\t");
  mb_document_add_paragraph (document, "*not* emphasis\r");
  mb_document_add_label (document, "\tA question?");
  mb_document_add_item (document, " In: ", (const char *[]) { "kept ", " \n ", "1. a number", NULL });
  mb_document_add_item (document, NULL, (const char *[]) { "only", NULL });

  assert_blocks (document, expected, G_N_ELEMENTS (expected));
}

/* Typed text: a line of white space ends a paragraph, every other line
 * is a line of one.
 */
static void
test_typed_text (void)
{
  g_autoptr(MbDocument) document = mb_document_new ();
  g_autofree char *first = NULL;
  const Expected expected[] = {
    { MB_BLOCK_PARAGRAPH, 0, NULL, { "Bring the plan.", "And coffee.", NULL } },
    { MB_BLOCK_PARAGRAPH, 0, NULL, { "Ask about her holiday.", NULL } },
  };

  mb_document_add_text (document, "\n \nBring the plan.  \nAnd coffee.\n\t\n\n Ask about her holiday.\n");
  mb_document_add_text (document, " \n\n");
  assert_blocks (document, expected, G_N_ELEMENTS (expected));

  first = mb_block_dup_text (mb_document_get_block (document, 0));
  g_assert_cmpstr (first, ==, "Bring the plan.\nAnd coffee.");
}

/* A block as one text to read, as the print shows it. */
static void
test_text_to_read (void)
{
  g_autoptr(MbDocument) document = mb_document_new ();
  const char *texts[] = { "# Title", "Send the plan · I promised", "In: Admitted my part", "line one\nline two" };

  mb_document_add_heading (document, 1, "# Title");
  mb_document_add_item (document, NULL, (const char *[]) { "Send the plan", "I promised", NULL });
  mb_document_add_item (document, "In:", (const char *[]) { "Admitted my part", NULL });
  mb_document_add_text (document, "line one\nline two");

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *text = mb_block_dup_text (mb_document_get_block (document, i));

      g_assert_cmpstr (text, ==, texts[i]);
    }
}

static void
test_append (void)
{
  g_autoptr(MbDocument) document = mb_document_new ();
  g_autoptr(MbDocument) body = mb_document_new ();
  const Expected expected[] = {
    { MB_BLOCK_HEADING, 1, NULL, { "Title", NULL } },
    { MB_BLOCK_PARAGRAPH, 0, NULL, { "one", "two", NULL } },
    { MB_BLOCK_ITEM, 0, "Out:", { "late", NULL } },
  };

  mb_document_add_heading (document, 1, "Title");
  mb_document_add_text (body, "one\ntwo");
  mb_document_add_item (body, "Out:", (const char *[]) { "late", NULL });
  mb_document_append (document, body);
  mb_document_append (document, mb_document_new ());

  assert_blocks (document, expected, G_N_ELEMENTS (expected));
  g_assert_cmpuint (mb_document_get_n_blocks (body), ==, 2);
}

/* The Markdown of each kind of block: every text escaped on its own, a
 * list ended by a blank line, one line break at the end.
 */
static void
test_markdown (void)
{
  g_autoptr(MbDocument) document = mb_document_new ();
  g_autoptr(MbDocument) empty = mb_document_new ();
  g_autofree char *markdown = NULL;
  g_autofree char *nothing = mb_markdown_write (empty);

  mb_document_add_heading (document, 3, "A *heading*");
  mb_document_add_item (document, NULL, (const char *[]) { "- text", "# part", NULL });
  mb_document_add_item (document, "In:", (const char *[]) { "", NULL });
  mb_document_add_label (document, "Question?");
  mb_document_add_text (document, "one\ntwo\n\nthree");
  mb_document_add_item (document, NULL, (const char *[]) { "last", NULL });
  markdown = mb_markdown_write (document);

  g_assert_cmpstr (markdown, ==,
                   "### A \\*heading\\*\n\n"
                   "- \\- text · \\# part\n"
                   "- In: \n\n"
                   "**Question?**\n\n"
                   "one  \ntwo\n\n"
                   "three\n\n"
                   "- last\n");
  g_assert_cmpstr (nothing, ==, "\n");
}

/* The blocks the export makes of a conversation: its title and day, and
 * a section under a heading for each part that has something in it.
 */
static void
test_conversation (void)
{
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(GDateTime) when = g_date_time_new_local (2026, 11, 24, 14, 30, 0);
  g_autoptr(MbConversation) conversation = mb_conversation_new ("sanne", script, when);
  g_autoptr(MbPerson) person = mb_person_new ("Sanne", NULL);
  g_autoptr(GDate) due = g_date_new_dmy (1, G_DATE_DECEMBER, 2026);
  g_autoptr(MbDocument) document = NULL;
  const Expected expected[] = {
    { MB_BLOCK_HEADING, 1, NULL, { "Test script with Sanne", NULL } },
    { MB_BLOCK_PARAGRAPH, 0, NULL, { "24 Nov 2026", NULL } },
    { MB_BLOCK_HEADING, 2, NULL, { "Preparation", NULL } },
    { MB_BLOCK_LABEL, 0, NULL, { "What happened?", NULL } },
    { MB_BLOCK_PARAGRAPH, 0, NULL, { "She missed two deadlines.", "# Not a heading", NULL } },
    { MB_BLOCK_HEADING, 2, NULL, { "Talk", NULL } },
    { MB_BLOCK_HEADING, 3, NULL, { "Close", NULL } },
    { MB_BLOCK_PARAGRAPH, 0, NULL, { "Agreed on Fridays.", NULL } },
    { MB_BLOCK_HEADING, 2, NULL, { "Agreements", NULL } },
    { MB_BLOCK_ITEM, 0, NULL, { "Send the plan", "I promised", "due 1 Dec 2026", "open", NULL } },
    { MB_BLOCK_ITEM, 0, NULL, { "Weekly check-in", "We both promised", "not kept", NULL } },
    { MB_BLOCK_HEADING, 2, NULL, { "Marbles", NULL } },
    { MB_BLOCK_ITEM, 0, "Out:", { "Was late again", NULL } },
  };

  mb_conversation_set_text (conversation, MB_TEXT_PREPARATION, "facts",
                            "She missed two deadlines.\n# Not a heading\n\n");
  mb_conversation_set_text (conversation, MB_TEXT_STEP_NOTES, "close", "Agreed on Fridays.");
  mb_conversation_add_agreement (conversation, "Send the plan", MB_PROMISED_BY_ME, due);
  mb_agreement_set_status (mb_conversation_add_agreement (conversation, "Weekly check-in",
                                                          MB_PROMISED_BY_BOTH, NULL),
                           MB_AGREEMENT_NOT_KEPT);
  mb_conversation_add_marble (conversation, FALSE, "Was late again");
  document = mb_export_conversation_document (conversation, person);

  assert_blocks (document, expected, G_N_ELEMENTS (expected));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/document/plain-lines", test_plain_lines);
  g_test_add_func ("/document/typed-text", test_typed_text);
  g_test_add_func ("/document/text-to-read", test_text_to_read);
  g_test_add_func ("/document/append", test_append);
  g_test_add_func ("/document/markdown", test_markdown);
  g_test_add_func ("/document/conversation", test_conversation);

  return g_test_run ();
}
