/* test-json.c — every JSON input goes through one strict check before
 * json-glib sees it: nesting 100,000 deep crashes nothing, whichever
 * loader reads it, and the file is reported by name, line and column.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "core-util.h"
#include "mb-json.h"
#include "mb-script-library.h"

#define DEEP 100000

/* @before, then @open @depth times, a value, as many closes, then
 * @after: JSON that nests @depth deep.
 */
static char *
deep_json (const char *before,
           const char *open,
           const char *close,
           guint       depth,
           const char *after)
{
  GString *text = g_string_new (before);

  for (guint i = 0; i < depth; i++)
    g_string_append (text, open);
  g_string_append (text, "1");
  for (guint i = 0; i < depth; i++)
    g_string_append (text, close);
  g_string_append (text, after);
  return g_string_free (text, FALSE);
}

static char *
read_file (const char *path)
{
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return g_steal_pointer (&contents);
}

static void
write_file (const char *path,
            const char *contents)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

/* The messages of @problems, one a line. */
static char *
messages_of (GListModel *problems)
{
  GString *messages = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(MbProblem) problem = g_list_model_get_item (problems, i);

      g_string_append_printf (messages, "%s\n", mb_problem_get_message (problem));
    }
  return g_string_free (messages, FALSE);
}

/* The column of the first bracket in @json (one line, no brackets in
 * its strings) that opens more than MB_JSON_MAX_DEPTH levels.
 */
static guint
too_deep_column (const char *json)
{
  int depth = 0;

  for (guint i = 0; json[i] != '\0'; i++)
    {
      if (json[i] == '[' || json[i] == '{')
        depth++;
      else if (json[i] == ']' || json[i] == '}')
        depth--;
      if (depth > MB_JSON_MAX_DEPTH)
        return i + 1;
    }

  g_assert_not_reached ();
}

/* The message names the file, then the line and column where the
 * nesting of @json goes too deep, and says so.
 */
static void
assert_too_deep (const char *message,
                 const char *name,
                 const char *json)
{
  g_autofree char *place = g_strdup_printf ("%s:1:%u: ", name, too_deep_column (json));
  g_autofree char *limit = g_strdup_printf ("%d", MB_JSON_MAX_DEPTH);
  const char *at = strstr (message, place);

  g_test_message ("%s", message);
  g_assert_nonnull (at);
  g_assert_nonnull (strstr (at, "deep"));
  g_assert_nonnull (strstr (at, limit));
}

/* A journal with one person and one conversation, saved. */
static char *
save_small_journal (void)
{
  g_autoptr(MbJournal) journal = open_journal ();
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) conversation = NULL;
  MbPerson *person = mb_journal_add_person (journal, "Sanne", NULL);

  conversation = mb_conversation_new (mb_person_get_id (person), script, NULL);
  mb_journal_add_conversation (journal, conversation);
  mb_conversation_set_text (conversation, MB_TEXT_PREPARATION, "facts", "Two late reports.");
  g_assert_true (mb_journal_flush (journal));
  return g_strdup (mb_conversation_get_id (conversation));
}

static void
test_deep_conversation (void)
{
  g_autoptr(GFile) dir = journal_dir ();
  g_autofree char *id = save_small_journal ();
  const char *before = "{\"format\":\"marbles-conversation\",\"version\":2,\"notes\":";
  g_autofree char *deep = deep_json (before, "[", "]", DEEP, "}");
  g_autofree char *deep_objects = deep_json (before, "{\"a\":", "}", DEEP, "}");
  g_autofree char *path = g_build_filename (g_file_peek_path (dir), "conversations", "deep.json", NULL);
  g_autofree char *objects_path = g_build_filename (g_file_peek_path (dir), "conversations", "objects.json", NULL);
  g_autoptr(MbJournal) journal = NULL;
  g_autoptr(MbConversation) conversation = NULL;
  g_autofree char *messages = NULL;
  g_autofree char *after = NULL;

  write_file (path, deep);
  write_file (objects_path, deep_objects);
  journal = open_journal ();

  /* Both listed; the rest of the journal is there. */
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_conversations (journal)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_people (journal)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_problems (journal)), ==, 2);
  conversation = g_list_model_get_item (mb_journal_get_conversations (journal), 0);
  g_assert_cmpstr (mb_conversation_get_id (conversation), ==, id);
  g_assert_cmpstr (mb_conversation_get_text (conversation, MB_TEXT_PREPARATION, "facts"), ==, "Two late reports.");
  messages = messages_of (mb_journal_get_problems (journal));
  assert_too_deep (messages, "deep.json", deep);
  assert_too_deep (messages, "objects.json", deep_objects);

  /* Saving the rest leaves them as they were. */
  mb_conversation_set_text (conversation, MB_TEXT_PREPARATION, "facts", "Three late reports.");
  mb_journal_add_person (journal, "Ahmed", NULL);
  g_assert_true (mb_journal_flush (journal));
  after = read_file (path);
  g_assert_true (g_str_equal (after, deep));
  g_clear_pointer (&after, g_free);
  after = read_file (objects_path);
  g_assert_true (g_str_equal (after, deep_objects));
}

static void
test_deep_people (void)
{
  g_autoptr(GFile) dir = journal_dir ();
  g_autofree char *id = save_small_journal ();
  const char *before = "{\"format\":\"marbles-people\",\"version\":1,\"people\":[{\"id\":\"x\",\"name\":\"X\",\"notes\":";
  g_autofree char *deep = deep_json (before, "[", "]", DEEP, "}]}");
  g_autofree char *path = g_build_filename (g_file_peek_path (dir), "people.json", NULL);
  g_autoptr(MbJournal) journal = NULL;
  g_autofree char *messages = NULL;
  g_autofree char *after = NULL;

  write_file (path, deep);
  journal = open_journal ();

  /* Listed, and never written; the conversations are there. */
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_conversations (journal)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_people (journal)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_problems (journal)), ==, 1);
  messages = messages_of (mb_journal_get_problems (journal));
  assert_too_deep (messages, "people.json", deep);

  mb_journal_add_person (journal, "Ahmed", NULL);
  g_assert_false (mb_journal_flush (journal));
  after = read_file (path);
  g_assert_true (g_str_equal (after, deep));
}

static void
test_deep_script_copy (void)
{
  g_autoptr(GFile) dir = journal_dir ();
  g_autofree char *id = save_small_journal ();
  g_autofree char *scripts = g_build_filename (g_file_peek_path (dir), "conversations", "scripts", NULL);
  g_autoptr(GDir) listing = g_dir_open (scripts, 0, NULL);
  g_autofree char *path = g_build_filename (scripts, g_dir_read_name (listing), NULL);
  g_autofree char *deep = deep_json ("", "[", "]", DEEP, "");
  g_autoptr(MbJournal) journal = NULL;
  g_autofree char *messages = NULL;
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *after = NULL;

  /* The copy of the script the conversation was held with. */
  write_file (path, deep);
  journal = open_journal ();
  g_assert_cmpuint (g_list_model_get_n_items (mb_journal_get_people (journal)), ==, 1);
  messages = messages_of (mb_journal_get_problems (journal));
  assert_too_deep (messages, name, deep);
  g_assert_true (mb_journal_flush (journal));
  after = read_file (path);
  g_assert_true (g_str_equal (after, deep));
}

static void
test_deep_user_script (void)
{
  g_autofree char *scripts = g_build_filename (g_get_user_data_dir (), "marbles", "scripts", NULL);
  g_autofree char *path = g_build_filename (scripts, "deep.json", NULL);
  const char *before = "{\"format\":\"marbles-script\",\"version\":1,\"id\":\"deep\",\"tags\":";
  g_autofree char *deep = deep_json (before, "[", "]", DEEP, "}");
  g_autoptr(GFile) dir = g_file_new_for_path (scripts);
  g_autoptr(MbScriptLibrary) library = NULL;
  g_autofree char *messages = NULL;

  write_file (path, deep);
  library = mb_script_library_new (SCRIPTS_RESOURCE_PATH, dir);
  while (!mb_script_library_is_loaded (library))
    g_main_context_iteration (NULL, TRUE);

  /* Listed; the bundled ones load. */
  g_assert_nonnull (mb_script_library_lookup (library, "grow"));
  g_assert_null (mb_script_library_lookup (library, "deep"));
  messages = messages_of (mb_script_library_get_problems (library));
  assert_too_deep (messages, "deep.json", deep);
}

/* What Import and --validate-script read. */
static void
test_deep_script_bytes (void)
{
  g_autofree char *deep = deep_json ("{\"steps\":", "[{\"a\":", "}]", DEEP / 2, "}");
  g_autoptr(GBytes) bytes = g_bytes_new_static (deep, strlen (deep));
  g_autoptr(GError) error = NULL;
  g_autoptr(MbScript) script = mb_script_new_from_bytes (bytes, "imported.json", &error);
  g_auto(GStrv) problems = mb_script_check_bytes (bytes, "checked.json");

  g_assert_null (script);
  g_assert_error (error, MB_SCRIPT_ERROR, MB_SCRIPT_ERROR_SYNTAX);
  assert_too_deep (error->message, "imported.json", deep);
  g_assert_cmpuint (g_strv_length (problems), ==, 1);
  assert_too_deep (problems[0], "checked.json", deep);
}

typedef struct
{
  const char *json;
  int         code;
  const char *place;  /* "LINE:COLUMN" */
  const char *says;   /* part of the message */
} BadJson;

static const BadJson bad_json[] = {
  { "", MB_JSON_ERROR_EMPTY, "1:1", "empty" },
  { "\xEF\xBB\xBF \n", MB_JSON_ERROR_EMPTY, "1:1", "empty" },
  { "{\n  \"a\": [1, 2,]\n}", MB_JSON_ERROR_SYNTAX, "2:13", "comma after the last item" },
  { "{\"a\": 1,\n}", MB_JSON_ERROR_SYNTAX, "1:8", "comma after the last member" },
  { "[1,\n 2\n", MB_JSON_ERROR_SYNTAX, "2:2", "list is closed" },
  { "{\"a\": {\"b\": 1}", MB_JSON_ERROR_SYNTAX, "1:14", "object is closed" },
  { "[\"caf\xC3\xA9\", \"\xE9\"]", MB_JSON_ERROR_ENCODING, "1:11", "UTF-8" },
  { "[\"a\tb\"]", MB_JSON_ERROR_SYNTAX, "1:4", "U+0009" },
  { "// notes\n{}", MB_JSON_ERROR_SYNTAX, "1:1", "“/”" },
  { "{'a': 1}", MB_JSON_ERROR_SYNTAX, "1:2", "“'”" },
  { "[NaN]", MB_JSON_ERROR_SYNTAX, "1:2", "“NaN”" },
  { "[0x10]", MB_JSON_ERROR_SYNTAX, "1:3", "“x10”" },
  { "[012]", MB_JSON_ERROR_SYNTAX, "1:2", "0 followed" },
  { "[+1]", MB_JSON_ERROR_SYNTAX, "1:2", "“+”" },
  { "[1.]", MB_JSON_ERROR_SYNTAX, "1:4", "decimal point" },
  { "[\"\\x41\"]", MB_JSON_ERROR_SYNTAX, "1:3", "“x”" },
  { "[1] [2]", MB_JSON_ERROR_SYNTAX, "1:5", "after the end" },
  { "[\"\\u0000\"]", MB_JSON_ERROR_UNSUPPORTED, "1:3", "NUL" },
  { "[\"\\uD800\"]", MB_JSON_ERROR_UNSUPPORTED, "1:3", "surrogate" },
  { "[9223372036854775808]", MB_JSON_ERROR_UNSUPPORTED, "1:2", "too large" },
  { "[1e999]", MB_JSON_ERROR_UNSUPPORTED, "1:2", "too large" },
  { "\xE2\x80\x83[]", MB_JSON_ERROR_SYNTAX, "1:1", "U+2003" },
};

static void
test_check_messages (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_json); i++)
    {
      const BadJson *bad = &bad_json[i];
      g_autoptr(GError) error = NULL;
      g_autofree char *place = g_strdup_printf ("file.json:%s: ", bad->place);

      g_assert_false (mb_json_check (bad->json, strlen (bad->json), "file.json", &error));
      g_test_message ("%s", error->message);
      g_assert_error (error, MB_JSON_ERROR, bad->code);
      g_assert_true (g_str_has_prefix (error->message, place));
      g_assert_nonnull (strstr (error->message, bad->says));
    }
}

static void
test_check_valid (void)
{
  const char *good[] = {
    "{}", " [ ] ", "0", "-0.5e-3", "\"\"", "true", "null",
    "{\"\": [1, -2, 3.25, 4E+5, \"\\u00e9\\uD83D\\uDE00\\n\\/\", {}, [], false]}",
    "\xEF\xBB\xBF{\"a\": 1}", "[9223372036854775807, -9223372036854775808, 1.7976931348623157e308]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (good[i], strlen (good[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = mb_json_parse (bytes, "good.json", &error);

      g_assert_no_error (error);
      g_assert_nonnull (root);
    }
}

/* Nested just as deep as allowed is fine; one more is not. */
static void
test_check_depth_limit (void)
{
  g_autofree char *deepest = deep_json ("", "[", "]", MB_JSON_MAX_DEPTH, "");
  g_autofree char *deeper = deep_json ("", "{\"a\":", "}", MB_JSON_MAX_DEPTH + 1, "");
  g_autoptr(GError) error = NULL;

  g_assert_true (mb_json_check (deepest, strlen (deepest), "deepest.json", &error));
  g_assert_no_error (error);
  g_assert_false (mb_json_check (deeper, strlen (deeper), "deeper.json", &error));
  g_assert_error (error, MB_JSON_ERROR, MB_JSON_ERROR_TOO_DEEP);
  assert_too_deep (error->message, "deeper.json", deeper);
}

/* A number json-glib 1.6 would write back as “1e+22.0”, in a member a
 * newer version wrote, survives a save as JSON.
 */
static void
test_exponent_written_back (void)
{
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) conversation = mb_conversation_new ("p", script, NULL);
  g_autoptr(GHashTable) copies = mb_script_copies_new ();
  g_autoptr(GBytes) bytes = mb_conversation_to_bytes (conversation);
  g_autoptr(GString) text = g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autoptr(GBytes) newer = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(MbConversation) read = NULL;
  g_autoptr(MbConversation) again = NULL;
  g_autoptr(GError) error = NULL;

  g_string_insert (text, 1, "\"big\": 1E22, \"small\": [2e17, 1.5e-7, \"1e+22.0\"], ");
  newer = g_string_free_to_bytes (g_steal_pointer (&text));
  mb_script_copies_add (copies, script);
  read = mb_conversation_new_from_bytes (newer, "newer.json", copies, &error);
  g_assert_no_error (error);
  mb_conversation_set_text (read, MB_TEXT_PREPARATION, "facts", "Changed.");

  saved = mb_conversation_to_bytes (read);
  g_test_message ("%.*s", (int) g_bytes_get_size (saved), (const char *) g_bytes_get_data (saved, NULL));
  again = mb_conversation_new_from_bytes (saved, "saved.json", copies, &error);
  g_assert_no_error (error);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved), "\"big\" : 1e+22,"));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved), "2e+17,"));
  /* A text that looks the same is left alone. */
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved), "\"1e+22.0\""));
}

/* json-glib 1.6 writes U+001F in a text as it is, which is not JSON:
 * a note with one must still load after a save.
 */
static void
test_control_characters_written_back (void)
{
  g_autoptr(MbScript) script = load_script ("full.json");
  g_autoptr(MbConversation) conversation = mb_conversation_new ("p", script, NULL);
  g_autoptr(GHashTable) copies = mb_script_copies_new ();
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(MbConversation) again = NULL;
  g_autoptr(GError) error = NULL;
  GString *text = g_string_new ("Pasted:");

  for (char c = 1; c < 0x20; c++)
    g_string_append_c (text, c);
  g_string_append (text, "\x7F end");
  mb_conversation_set_text (conversation, MB_TEXT_PREPARATION_NOTES, NULL, text->str);
  mb_script_copies_add (copies, script);
  saved = mb_conversation_to_bytes (conversation);
  again = mb_conversation_new_from_bytes (saved, "saved.json", copies, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mb_conversation_get_text (again, MB_TEXT_PREPARATION_NOTES, NULL), ==, text->str);
  g_string_free (text, TRUE);
}

/* What mb_json_build() makes of @data, which passes the check, is what
 * json-glib's parser makes of it: written out, byte for byte the same
 * (members in their order, whole numbers and doubles apart).
 */
static void
assert_built_as_json_glib (const char *data,
                           gsize       len,
                           const char *name)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) built = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *found = NULL;

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      len -= 3;
    }
  g_assert_true (json_parser_load_from_data (parser, data, len, &error));
  g_assert_no_error (error);
  built = mb_json_build (data, len);
  expected = json_to_string (json_parser_get_root (parser), TRUE);
  found = json_to_string (built, TRUE);
  if (g_strcmp0 (expected, found) != 0)
    g_test_message ("%s is built otherwise than json-glib parses it", name);
  g_assert_cmpstr (found, ==, expected);
}

static void
build_folder (const char *path,
              guint      *n_files)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_autofree char *contents = NULL;
      gsize len;

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        build_folder (child, n_files);
      else if (g_str_has_suffix (name, ".json") &&
               g_file_get_contents (child, &contents, &len, NULL) &&
               mb_json_check (contents, len, child, NULL))
        {
          assert_built_as_json_glib (contents, len, child);
          (*n_files)++;
        }
    }
}

static void
test_build_as_json_glib (void)
{
  const char *texts[] = {
    "{}", " [ ] ", "0", "-0", "-0.5e-3", "1E400", "2.5E-400", "\"\"", "true", "false", "null",
    "{\"\": [1, -2, 3.25, 4E+5, \"\\u00e9\\uD83D\\uDE00\\n\\/\", {}, [], false]}",
    "{\"a\": 1, \"b\": 2, \"a\": [3]}",
    "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0001\\u001F\\u007f\\u0080\\u07FF\\u0800\\uFFFF\\uDBFF\\uDFFF é ✓ 😀\"",
    "[9223372036854775807, -9223372036854775808, 1.7976931348623157e308, 0.1, 1e-7, 123456789.123456789]",
    "\xEF\xBB\xBF{\"a\": 1}", " {\n\t\"x\" :\r\n [ 1 , 2 ] , \"y\":{\"z\":null} }\n ",
  };
  g_autofree char *data = g_test_build_filename (G_TEST_DIST, "..", "data", NULL);
  g_autofree char *tests = g_test_build_filename (G_TEST_DIST, ".", NULL);
  guint n_files = 0;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      if (mb_json_check (texts[i], strlen (texts[i]), "text.json", NULL))
        assert_built_as_json_glib (texts[i], strlen (texts[i]), texts[i]);
    }

  /* Every JSON file of the project that passes the check: the bundled
   * scripts, the lens rules, the test journals.
   */
  build_folder (data, &n_files);
  build_folder (tests, &n_files);
  g_test_message ("%u files built as json-glib parses them", n_files);
  g_assert_cmpuint (n_files, >=, 40);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/json/deep/conversation", test_deep_conversation);
  g_test_add_func ("/json/deep/people", test_deep_people);
  g_test_add_func ("/json/deep/script-copy", test_deep_script_copy);
  g_test_add_func ("/json/deep/user-script", test_deep_user_script);
  g_test_add_func ("/json/deep/script-bytes", test_deep_script_bytes);
  g_test_add_func ("/json/check/messages", test_check_messages);
  g_test_add_func ("/json/check/valid", test_check_valid);
  g_test_add_func ("/json/check/depth-limit", test_check_depth_limit);
  g_test_add_func ("/json/build/as-json-glib", test_build_as_json_glib);
  g_test_add_func ("/json/exponent-written-back", test_exponent_written_back);
  g_test_add_func ("/json/control-characters-written-back", test_control_characters_written_back);

  return g_test_run ();
}
