/* test-export.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "core-util.h"
#include "mb-export.h"

/* The conversation as it would load from a file whose talk timer ran
 * for @seconds.
 */
static MbConversation *
with_talk_seconds (MbConversation *conversation,
                   gint64          seconds)
{
  g_autoptr(GBytes) bytes = mb_conversation_to_bytes (conversation);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonObject) talk = json_object_new ();
  g_autoptr(GHashTable) copies = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize len;
  MbConversation *copy;

  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                             g_bytes_get_size (bytes), &error));
  json_object_set_int_member (talk, "seconds", seconds);
  json_object_set_object_member (json_node_get_object (json_parser_get_root (parser)), "talk",
                                 g_steal_pointer (&talk));
  json_generator_set_root (generator, json_parser_get_root (parser));
  text = json_generator_to_data (generator, &len);
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = g_bytes_new_take (g_steal_pointer (&text), len);

  copies = mb_script_copies_new ();
  mb_script_copies_add (copies, mb_conversation_get_script (conversation));
  copy = mb_conversation_new_from_bytes (bytes, "talked.json", copies, &error);
  g_assert_no_error (error);
  return copy;
}

/* Fails unless @texts are all in @markdown, in this order. */
static void
assert_in_order (const char         *markdown,
                 const char * const *texts)
{
  const char *from = markdown;

  for (guint i = 0; texts[i] != NULL; i++)
    {
      const char *found = strstr (from, texts[i]);

      if (found == NULL)
        g_error ("“%s” is missing after “%.40s…” in:\n%s", texts[i], from, markdown);
      from = found + strlen (texts[i]);
    }
}

static MbConversation *
write_everything (MbScript *script)
{
  g_autoptr(GDateTime) when = g_date_time_new_local (2026, 11, 24, 14, 30, 0);
  g_autoptr(MbConversation) conversation = mb_conversation_new ("sanne", script, when);
  g_autoptr(GDate) due = g_date_new_dmy (1, G_DATE_DECEMBER, 2026);

  mb_conversation_set_text (conversation, MB_TEXT_PREPARATION, "facts", "She missed two deadlines.");
  mb_conversation_set_text (conversation, MB_TEXT_PREPARATION_NOTES, NULL,
                            "Bring the plan.\nAnd coffee.\n\n\nAsk about her holiday.");
  mb_conversation_set_text (conversation, MB_TEXT_STEP_NOTES, "open", "Nervous at first.");
  mb_conversation_set_text (conversation, MB_TEXT_STEP_NOTES, "close", "Agreed on Fridays.");
  mb_conversation_set_text (conversation, MB_TEXT_REFLECTION, "listened", "Mostly. I interrupted twice.");
  mb_conversation_add_agreement (conversation, "Send the plan", MB_PROMISED_BY_ME, due);
  mb_agreement_set_status (mb_conversation_add_agreement (conversation, "Weekly check-in",
                                                          MB_PROMISED_BY_BOTH, NULL),
                           MB_AGREEMENT_KEPT);
  mb_conversation_add_marble (conversation, TRUE, "Admitted my part");
  mb_conversation_add_marble (conversation, FALSE, "Was late again");
  return with_talk_seconds (conversation, 754);
}

static void
test_everything (void)
{
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) conversation = write_everything (script);
  g_autoptr(MbPerson) person = mb_person_new ("Sanne", "Designer");
  g_autofree char *markdown = mb_export_conversation (conversation, person);

  assert_in_order (markdown, (const char *[]) {
    "# Test script with Sanne\n\n24 Nov 2026\n\n",
    "## Preparation\n\n",
    "**What happened?**\n\nShe missed two deadlines.\n\n",
    /* Line breaks kept, blank lines become one paragraph break */
    "**Notes**\n\nBring the plan.  \nAnd coffee.\n\nAsk about her holiday.\n\n",
    "## Talk\n\n",
    "Talk time: 13 minutes (planned: 30 minutes)\n\n",
    "### Open\n\nNervous at first.\n\n",
    "### Close\n\nAgreed on Fridays.\n\n",
    "## Agreements\n\n",
    "- Send the plan · I promised · due 1 Dec 2026 · open\n",
    "- Weekly check-in · We both promised · kept\n\n",
    "## Marbles\n\n",
    "- In: Admitted my part\n",
    "- Out: Was late again\n\n",
    "## Reflection\n\n",
    "**Did I listen?**\n\nMostly. I interrupted twice.\n",
    NULL });
  g_assert_true (g_str_has_suffix (markdown, "twice.\n"));
  g_assert_null (strstr (markdown, "Nothing was written"));
}

/* A value chosen on a scale: under its question, in words, before what
 * was written there; a scale left alone is not mentioned.
 */
static void
test_scale (void)
{
  g_autoptr(MbScript) script = load_script ("scales.json");
  g_autoptr(MbConversation) conversation = mb_conversation_new ("sanne", script, NULL);
  g_autofree char *markdown = NULL;
  g_autofree char *text = NULL;
  g_autoptr(MbDocument) document = NULL;

  mb_conversation_set_text (conversation, MB_TEXT_REFLECTION, "listened", "Mostly.");
  markdown = mb_export_conversation (conversation, NULL);
  g_assert_null (strstr (markdown, "How well did I listen?"));
  g_clear_pointer (&markdown, g_free);

  mb_conversation_set_scale (conversation, "listened-scale", 4);
  markdown = mb_export_conversation (conversation, NULL);
  assert_in_order (markdown, (const char *[]) {
    "## Reflection\n\n",
    "**Did I listen?**\n\nMostly.\n\n",
    "**How well did I listen?**\n\n4 of 5 (from “Hardly” to “The whole time”)\n",
    NULL });

  /* With something written too: the value first. */
  mb_conversation_set_text (conversation, MB_TEXT_REFLECTION, "listened-scale", "I interrupted twice.");
  g_clear_pointer (&markdown, g_free);
  markdown = mb_export_conversation (conversation, NULL);
  assert_in_order (markdown, (const char *[]) {
    "**How well did I listen?**\n\n4 of 5 (from “Hardly” to “The whole time”)\n\nI interrupted twice.\n",
    NULL });

  /* The same in the document that is printed. */
  document = mb_export_conversation_document (conversation, NULL);
  for (guint i = 0; i < mb_document_get_n_blocks (document); i++)
    {
      g_autofree char *block = mb_block_dup_text (mb_document_get_block (document, i));

      if (g_str_has_prefix (block, "4 of 5"))
        text = g_steal_pointer (&block);
    }
  g_assert_cmpstr (text, ==, "4 of 5 (from “Hardly” to “The whole time”)");
}

static void
test_empty_sections_left_out (void)
{
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) conversation = mb_conversation_new ("sanne", script, NULL);
  g_autofree char *markdown = NULL;

  /* White space alone is nothing written. */
  mb_conversation_set_text (conversation, MB_TEXT_PREPARATION, "facts", " \n\n ");
  mb_conversation_set_text (conversation, MB_TEXT_STEP_NOTES, "open", "\t");
  mb_conversation_set_text (conversation, MB_TEXT_STEP_NOTES, "close", "We shook hands.");
  markdown = mb_export_conversation (conversation, NULL);

  g_assert_true (g_str_has_prefix (markdown, "# Test script\n\n"));
  assert_in_order (markdown, (const char *[]) { "## Talk\n\n### Close\n\nWe shook hands.\n", NULL });
  g_assert_null (strstr (markdown, "Preparation"));
  g_assert_null (strstr (markdown, "What happened?"));
  g_assert_null (strstr (markdown, "Talk time"));
  g_assert_null (strstr (markdown, "### Open"));
  g_assert_null (strstr (markdown, "Agreements"));
  g_assert_null (strstr (markdown, "Marbles"));
  g_assert_null (strstr (markdown, "Reflection"));
  g_assert_null (strstr (markdown, "Nothing was written"));
}

static void
test_nothing_written (void)
{
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(GDateTime) when = g_date_time_new_local (2026, 3, 5, 9, 0, 0);
  g_autoptr(MbConversation) conversation = mb_conversation_new ("sanne", script, when);
  g_autoptr(MbPerson) person = mb_person_new ("Sanne", NULL);
  g_autofree char *markdown = mb_export_conversation (conversation, person);

  g_assert_cmpstr (markdown, ==,
                   "# Test script with Sanne\n\n"
                   "5 Mar 2026\n\n"
                   "Nothing was written in this conversation.\n");
}

static void
test_escape (void)
{
  const struct { const char *typed, *markdown; } cases[] = {
    { "# not a heading", "\\# not a heading" },
    { "- not a list", "\\- not a list" },
    { "+ not a list", "\\+ not a list" },
    { "> not a quote", "\\> not a quote" },
    { "12. not a list", "12\\. not a list" },
    { "3) not a list", "3\\) not a list" },
    { "3.5 hours", "3.5 hours" },
    { "===", "\\===" },
    { "*stars* and _under_ and `code`", "\\*stars\\* and \\_under\\_ and \\`code\\`" },
    { "<b>not html</b> & [not](a link)", "\\<b\\>not html\\</b\\> & \\[not\\](a link)" },
    { "&amp; stays", "\\&amp; stays" },
    { "back\\slash", "back\\\\slash" },
    { "    indented", "indented" },
    { "Plain, it’s fine: 100% #1!", "Plain, it’s fine: 100% #1!" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *markdown = mb_markdown_escape (cases[i].typed);

      g_assert_cmpstr (markdown, ==, cases[i].markdown);
    }
}

/* Whatever the leader types, the document keeps its shape: no line of
 * theirs turns into a heading, list, quote or emphasis.
 */
static void
test_notes_stay_text (void)
{
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) conversation = mb_conversation_new ("sanne", script, NULL);
  g_autofree char *markdown = NULL;
  g_auto(GStrv) lines = NULL;

  mb_conversation_set_text (conversation, MB_TEXT_STEP_NOTES, "open",
                            "# not a heading\n- not a list\n> not a quote\n1. not a list\n---\n"
                            "    not code\n*not emphasis*");
  mb_conversation_add_agreement (conversation, "# also not a heading", MB_PROMISED_BY_THEM, NULL);
  mb_conversation_add_marble (conversation, FALSE, "1. not a number");
  markdown = mb_export_conversation (conversation, NULL);

  assert_in_order (markdown, (const char *[]) {
    "### Open\n\n"
    "\\# not a heading  \n"
    "\\- not a list  \n"
    "\\> not a quote  \n"
    "1\\. not a list  \n"
    "\\---  \n"
    "not code  \n"
    "\\*not emphasis\\*\n\n",
    "- \\# also not a heading · They promised · open\n",
    "- Out: 1\\. not a number\n",
    NULL });

  /* The only headings are the document's own. */
  lines = g_strsplit (markdown, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (lines[i][0] == '#')
        g_assert_true (g_str_equal (lines[i], "# Test script") || g_str_equal (lines[i], "## Talk") ||
                       g_str_equal (lines[i], "### Open") || g_str_equal (lines[i], "## Agreements") ||
                       g_str_equal (lines[i], "## Marbles"));
    }
}

static MbConversation *
add_conversation (MbJournal  *journal,
                  MbScript   *script,
                  const char *person_id,
                  int         month,
                  const char *notes)
{
  g_autoptr(GDateTime) when = g_date_time_new_local (2026, month, 10, 9, 0, 0);
  MbConversation *conversation = mb_conversation_new (person_id, script, when);

  mb_conversation_set_text (conversation, MB_TEXT_STEP_NOTES, "open", notes);
  mb_journal_add_conversation (journal, conversation);
  return conversation;
}

static void
test_person (void)
{
  g_autoptr(MbJournal) journal = open_journal ();
  g_autoptr(MbScript) script = load_script ("full.json");
  MbPerson *sanne = mb_journal_add_person (journal, "Sanne", "Designer");
  MbPerson *ahmed = mb_journal_add_person (journal, "Ahmed", NULL);
  g_autoptr(MbConversation) june = NULL;
  g_autoptr(MbConversation) march = NULL;
  g_autoptr(MbConversation) other = NULL;
  g_autoptr(MbConversation) september = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *only_open = NULL;

  /* Added out of order: the export puts them in order. */
  june = add_conversation (journal, script, mb_person_get_id (sanne), 6, "June notes");
  march = add_conversation (journal, script, mb_person_get_id (sanne), 3, "March notes");
  other = add_conversation (journal, script, mb_person_get_id (ahmed), 4, "Ahmed's notes");
  september = add_conversation (journal, script, mb_person_get_id (sanne), 9, "September notes");

  mb_conversation_add_agreement (march, "They send the report", MB_PROMISED_BY_THEM, NULL);
  mb_conversation_add_agreement (march, "We both try Fridays", MB_PROMISED_BY_BOTH, NULL);
  mb_agreement_set_status (mb_conversation_add_agreement (march, "I call her back", MB_PROMISED_BY_ME, NULL),
                           MB_AGREEMENT_KEPT);
  mb_conversation_add_agreement (june, "I book the training", MB_PROMISED_BY_ME, NULL);
  mb_conversation_add_agreement (other, "Ahmed's promise", MB_PROMISED_BY_ME, NULL);
  mb_conversation_add_marble (march, TRUE, "Came on time");
  mb_conversation_add_marble (june, TRUE, "Listened");
  mb_conversation_add_marble (june, FALSE, "Cancelled");
  mb_conversation_add_marble (other, FALSE, "Ahmed's marble");

  markdown = mb_export_person (journal, sanne);
  assert_in_order (markdown, (const char *[]) {
    "# Sanne\n\nDesigner\n\nMarble jar: 2 in, 1 out\n\n",
    "## Open Agreements\n\n",
    /* The leader's own first, then both, then them; kept ones are not open */
    "- I book the training · I promised · agreed 10 Jun 2026\n",
    "- We both try Fridays · We both promised · agreed 10 Mar 2026\n",
    "- They send the report · They promised · agreed 10 Mar 2026\n\n",
    /* Oldest first, one heading level deeper */
    "## Test script\n\n10 Mar 2026\n\n### Talk\n\n#### Open\n\nMarch notes\n\n",
    "### Agreements\n\n",
    "- I call her back · I promised · kept\n",
    "## Test script\n\n10 Jun 2026\n\n",
    "June notes",
    "## Test script\n\n10 Sep 2026\n\n",
    "September notes\n",
    NULL });
  only_open = g_strndup (markdown, strstr (markdown, "## Test script") - markdown);
  g_assert_null (strstr (only_open, "I call her back"));
  g_assert_null (strstr (markdown, "Ahmed"));
  g_assert_null (strstr (markdown, "marble"));
  g_assert_null (strstr (markdown, "# Test script with"));

  g_free (markdown);
  markdown = mb_export_person (journal, ahmed);
  assert_in_order (markdown, (const char *[]) {
    "# Ahmed\n\nMarble jar: 0 in, 1 out\n\n## Open Agreements\n\n- Ahmed's promise · I promised · agreed 10 Apr 2026\n\n",
    "## Test script\n\n10 Apr 2026\n\n",
    NULL });
  g_assert_null (strstr (markdown, "Sanne"));

  g_assert_true (mb_journal_flush (journal));
}

static void
test_person_without_conversations (void)
{
  g_autoptr(MbJournal) journal = open_journal ();
  MbPerson *person = mb_journal_add_person (journal, "*Noor*", "");
  g_autofree char *markdown = mb_export_person (journal, person);

  g_assert_cmpstr (markdown, ==,
                   "# \\*Noor\\*\n\n"
                   "Marble jar: 0 in, 0 out\n\n"
                   "No conversations with them yet.\n");
  g_assert_true (mb_journal_flush (journal));
}

/* In Dutch, when the build's translations can be found. */
static void
test_dutch (void)
{
  g_autofree char *localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  g_autofree char *mo = g_build_filename (localedir, "nl", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  g_autoptr(MbScript) script = NULL;
  g_autoptr(MbConversation) conversation = NULL;
  g_autoptr(MbPerson) person = NULL;
  g_autofree char *markdown = NULL;

  if (!g_file_test (mo, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("The Dutch translation is not built");
      return;
    }

  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_setenv ("LANGUAGE", "nl", TRUE);

  script = load_script ("full.json");
  conversation = write_everything (script);
  person = mb_person_new ("Sanne", NULL);
  markdown = mb_export_conversation (conversation, person);

  /* Back to English; a new text domain makes gettext forget what it found. */
  g_setenv ("LANGUAGE", "C", TRUE);
  textdomain ("messages");

  assert_in_order (markdown, (const char *[]) {
    "# Testscript met Sanne\n\n",
    "## Voorbereiding\n\n",
    "**Wat is er gebeurd?**\n\n",
    "**Aantekeningen**\n\n",
    "## Gesprek\n\n",
    "Gesprekstijd: 13 minuten (gepland: 30 minuten)\n\n",
    "### Openen\n\n",
    "## Afspraken\n\n",
    "- Send the plan · Ik heb het beloofd · ",
    "## Knikkers\n\n",
    "## Terugblik\n\n",
    NULL });
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/export/conversation/everything", test_everything);
  g_test_add_func ("/export/conversation/scale", test_scale);
  g_test_add_func ("/export/conversation/empty-sections-left-out", test_empty_sections_left_out);
  g_test_add_func ("/export/conversation/nothing-written", test_nothing_written);
  g_test_add_func ("/export/escape", test_escape);
  g_test_add_func ("/export/conversation/notes-stay-text", test_notes_stay_text);
  g_test_add_func ("/export/person", test_person);
  g_test_add_func ("/export/person/without-conversations", test_person_without_conversations);
  g_test_add_func ("/export/dutch", test_dutch);

  return g_test_run ();
}
