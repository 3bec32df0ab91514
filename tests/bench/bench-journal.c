/* bench-journal.c — a journal of 10,000 conversations with 300 people,
 * on disk, as the app reads it.
 *
 * Usage: bench-journal [--conversations N] [--runs N] [--load-runs N] MARBLES [HELLO]
 *        bench-journal --write DIR        (keeps a journal in DIR/marbles)
 *        bench-journal --load DIR/marbles [--search QUERY]
 *                                         (one load, as part a, and a
 *                                         query typed, as part d; to
 *                                         profile)
 *
 * It writes, in a temporary folder, a journal like one kept for about
 * five years: people.json and one file per conversation, 2 to 20 KiB of
 * notes each over the preparation, the steps, the reflection, a few
 * agreements and marbles, with the bundled scripts, through the real
 * MbPerson, MbConversation and MbJournal code. Then it measures:
 *
 *  a. the journal's own load (mb_journal_load_async() to its callback),
 *     each run in a fresh process: how long it takes, when the search
 *     prepared behind it is ready, how long the main loop is held up at
 *     most until then (the worst lateness of a 1 ms timeout) and the
 *     resident memory before and then, against the text it holds;
 *  b. the app's first frame with that journal against an empty one,
 *     alternating runs, as bench-startup does;
 *  c. the app's time until the journal is loaded and its list painted,
 *     with MARBLES_STARTUP_PROBE=loaded, and its memory once settled
 *     (its search prepared too), more than
 *     with an empty journal, against the text; how long its main loop
 *     is held up while loading and until a second after the list is
 *     painted, and, to tell the app's part from its renderer's, the
 *     same drawn by GTK's cairo renderer and for HELLO, the bare
 *     window of the startup benchmark;
 *  d. searching the loaded journal per keystroke, as the Conversations
 *     page does: the same calls in the same order, capped at the same
 *     number of results, without the result rows; words in Latin and
 *     other scripts, found and found nowhere.
 *
 * Each figure is printed with its target, those of issue #19.
 *
 * Generating is not measured. The folder is removed at the end.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "mb-journal.h"
#include "mb-mirror.h"
#include "mb-script-library.h"
#include "mb-storage.h"

#define N_PEOPLE     300
#define YEARS        5
#define SEED         20260101

/* The targets (issue #19). */
#define TARGET_LOAD_MS          1000
#define TARGET_SHOWN_MS         1300
#define TARGET_LATE_MS          16
#define TARGET_TEXT_TIMES       2.5
#define TARGET_KEYSTROKE_MS     16
#define TARGET_FIRST_FRAME      1.10
#define TARGET_MIRROR_MS        100  /* issue #17 */

/* As in src/mb-conversations-page.c. */
#define MAX_RESULTS 50

static char *temp_dir;

/* Anything that goes wrong ends the run, without leaving the journal behind. */
static void remove_tree (const char *path);

static void G_GNUC_PRINTF (1, 2) G_GNUC_NORETURN
fail (const char *format,
      ...)
{
  va_list args;

  va_start (args, format);
  vfprintf (stderr, format, args);
  va_end (args);
  fputc ('\n', stderr);
  if (temp_dir != NULL)
    remove_tree (temp_dir);
  exit (1);
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_clear_pointer (&dir, g_dir_close);
  g_rmdir (path);
}

static long
read_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "\nVmRSS:")) == NULL)
    return -1;

  return strtol (line + strlen ("\nVmRSS:"), NULL, 10);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_autoptr(GArray) sorted = g_array_copy (values);
  guint n = sorted->len;

  g_assert (n > 0);
  g_array_sort (sorted, compare_doubles);
  if (n % 2 == 1)
    return g_array_index (sorted, double, n / 2);
  return (g_array_index (sorted, double, n / 2 - 1) + g_array_index (sorted, double, n / 2)) / 2;
}

static double
maximum (GArray *values)
{
  double worst = 0;

  for (guint i = 0; i < values->len; i++)
    worst = MAX (worst, g_array_index (values, double, i));
  return worst;
}

static void
add (GArray *values,
     double  value)
{
  g_array_append_val (values, value);
}

/* Writing: words */

/* The queries of part d are made of these; the rest of the text never
 * holds them, so how often each is found is set here: in about this
 * share of the conversations, once to three times.
 */
static const struct
{
  const char *word;
  double      share;
} query_words[] = {
  { "werkdruk", 0.10 }, { "deadline", 0.20 }, { "café", 0.05 },
  { "naïef", 0.03 }, { "budget", 0.15 }, { "roadmap", 0.08 },
  { "Συνάντηση", 0.04 }, { "встреча", 0.04 }, { "会議", 0.03 },
};

static const char *common_en[] = {
  "the", "a", "and", "to", "of", "in", "that", "it", "is", "was", "he", "she", "they", "we", "I",
  "you", "not", "but", "with", "for", "on", "at", "about", "so", "what", "when", "then", "more",
  "had", "have", "would", "could", "said", "felt", "thinks", "wants", "did", "asked", "again",
};

static const char *common_nl[] = {
  "de", "het", "een", "en", "van", "dat", "is", "was", "hij", "zij", "ze", "we", "ik", "je",
  "niet", "maar", "met", "voor", "op", "over", "dus", "wat", "toen", "meer", "had", "heeft",
  "zou", "kon", "zei", "voelde", "denkt", "wil", "deed", "vroeg", "weer", "ook", "nog", "al",
};

static const char *content_en[] = {
  "project", "release", "customer", "team", "meeting", "planning", "review", "feedback",
  "workload", "holiday", "promise", "trust", "mistake", "apology", "sprint", "estimate",
  "colleague", "manager", "office", "weekend", "overtime", "priority", "decision", "conflict",
  "silence", "frustration", "relief", "support", "training", "course", "promotion", "salary",
  "contract", "handover", "incident", "outage", "bug", "test", "documentation", "presentation",
  "slides", "report", "numbers", "quarter", "target", "goal", "plan", "next", "week", "month",
  "tomorrow", "yesterday", "Friday", "Monday", "morning", "afternoon", "lunch", "coffee",
  "email", "chat", "call", "video", "remote", "home", "kids", "sick", "leave", "energy",
  "tired", "motivated", "proud", "disappointed", "angry", "calm", "honest", "open", "listen",
  "understand", "explain", "agree", "disagree", "follow", "check", "ready", "late", "early",
  "quality", "speed", "scope", "risk", "help", "ownership", "autonomy", "coaching", "growth",
  "career", "role", "responsibility", "expectation", "boundary", "respect", "credit", "blame",
  "Müller", "Ångström", "naïvely", "résumé", "façade", "jalapeño",
};

static const char *content_nl[] = {
  "project", "oplevering", "klant", "team", "overleg", "planning", "terugkoppeling",
  "vakantie", "belofte", "vertrouwen", "fout", "excuses", "sprint", "schatting", "collega",
  "leidinggevende", "kantoor", "weekend", "overwerk", "prioriteit", "besluit", "conflict",
  "stilte", "frustratie", "opluchting", "steun", "cursus", "promotie", "salaris", "contract",
  "overdracht", "storing", "test", "documentatie", "presentatie", "cijfers", "kwartaal",
  "doel", "volgende", "week", "maand", "morgen", "gisteren", "vrijdag", "maandag", "ochtend",
  "middag", "lunch", "koffie", "mail", "bellen", "thuis", "kinderen", "ziek", "verlof",
  "energie", "moe", "gemotiveerd", "trots", "teleurgesteld", "boos", "rustig", "eerlijk",
  "luisteren", "begrijpen", "uitleggen", "afspraak", "opvolgen", "klaar", "laat", "vroeg",
  "kwaliteit", "snelheid", "risico", "hulp", "eigenaarschap", "groei", "loopbaan", "rol",
  "verantwoordelijkheid", "verwachting", "grens", "respect", "één", "privé", "ideeën",
  "geïrriteerd", "financiële", "reünie", "coördinatie",
};

/* Words drawn from @words, most often its first ones, as in real text. */
static const char *
draw (GRand              *rand,
      const char * const *words,
      guint               n)
{
  double r = g_rand_double (rand);

  return words[(guint) (r * r * n)];
}

static void
append_sentence (GString *text,
                 GRand   *rand,
                 gboolean dutch)
{
  guint n = g_rand_int_range (rand, 5, 19);

  for (guint i = 0; i < n; i++)
    {
      const char *word = g_rand_int_range (rand, 0, 2) == 0
                         ? (dutch ? draw (rand, common_nl, G_N_ELEMENTS (common_nl))
                                  : draw (rand, common_en, G_N_ELEMENTS (common_en)))
                         : (dutch ? draw (rand, content_nl, G_N_ELEMENTS (content_nl))
                                  : draw (rand, content_en, G_N_ELEMENTS (content_en)));

      if (i == 0)
        {
          g_autofree char *first = g_utf8_substring (word, 0, 1);
          g_autofree char *upper = g_utf8_strup (first, -1);

          g_string_append (text, upper);
          g_string_append (text, g_utf8_offset_to_pointer (word, 1));
        }
      else
        {
          g_string_append_c (text, ' ');
          g_string_append (text, word);
        }
    }
  g_string_append (text, g_rand_int_range (rand, 0, 6) == 0 ? "?" : ".");
}

/* About @size bytes of sentences, sometimes in paragraphs. */
static char *
make_text (GRand   *rand,
           gsize    size,
           gboolean dutch)
{
  GString *text = g_string_new (NULL);

  while (text->len < size)
    {
      if (text->len > 0)
        g_string_append (text, g_rand_int_range (rand, 0, 5) == 0 ? "\n\n" : " ");
      append_sentence (text, rand, dutch);
    }

  return g_string_free (text, FALSE);
}

/* Writing: people */

static const char *first_names[] = {
  "Anna", "Bram", "Chloé", "Daan", "Emma", "Finn", "Greta", "Hugo", "Iris", "Jesse", "Kim",
  "Lars", "Maud", "Noah", "Olga", "Pieter", "Quinten", "Roos", "Sem", "Tess", "Umar", "Vera",
  "Wout", "Xandra", "Yusuf", "Zoë", "Aïcha", "Björn", "Renée", "José",
};

static const char *last_names[] = {
  "de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "Bos",
  "Vos", "Peters", "Hendriks", "Dekker", "Brouwer", "Özdemir", "Müller", "García", "Nowak",
  "O'Brien", "Nguyen",
};

static const char *roles[] = {
  "Developer", "Designer", "Team lead", "Product owner", "Tester", "Support", "Sales",
  "Ontwikkelaar", "Adviseur", "Teamleider", NULL,
};

/* Writes people.json through the journal itself; returns their ids. */
static GPtrArray *
write_people (const char *dir,
              GRand      *rand)
{
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  g_autoptr(MbJournal) journal = mb_journal_new (file);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < N_PEOPLE; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s %s",
                                               first_names[i % G_N_ELEMENTS (first_names)],
                                               last_names[(i / G_N_ELEMENTS (first_names) + i) % G_N_ELEMENTS (last_names)]);
      MbPerson *person = mb_journal_add_person (journal, name,
                                                roles[g_rand_int_range (rand, 0, G_N_ELEMENTS (roles))]);

      g_ptr_array_add (ids, g_strdup (mb_person_get_id (person)));
    }

  if (!mb_journal_flush (journal))
    fail ("Could not write %s/people.json", dir);
  return ids;
}

/* Writing: conversations */

typedef struct
{
  GRand     *rand;
  GPtrArray *scripts;
  GPtrArray *people;
  GDateTime *now;
  gsize      text_bytes;
  gsize      file_bytes;
} Writer;

/* Fills the texts of @kind, @size bytes in all. */
static void
write_texts (Writer         *writer,
             MbConversation *conversation,
             MbTextKind      kind,
             GPtrArray      *items,
             gsize           size,
             gboolean        dutch)
{
  if (items->len == 0)
    return;

  for (guint i = 0; i < items->len; i++)
    {
      const char *id = kind == MB_TEXT_STEP_NOTES ? mb_script_step_get_id (g_ptr_array_index (items, i))
                                                  : mb_script_question_get_id (g_ptr_array_index (items, i));
      g_autofree char *text = make_text (writer->rand, size / items->len, dutch);

      mb_conversation_set_text (conversation, kind, id, text);
      writer->text_bytes += strlen (text);
    }
}

static void
add_agreements (Writer         *writer,
                MbConversation *conversation,
                gboolean        dutch,
                gboolean        old)
{
  GDateTime *when = mb_conversation_get_when (conversation);
  guint n = g_rand_int_range (writer->rand, 0, 5);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = make_text (writer->rand, g_rand_int_range (writer->rand, 30, 120), dutch);
      g_autoptr(GDate) due = NULL;
      MbAgreement *agreement;

      if (g_rand_int_range (writer->rand, 0, 10) < 6)
        {
          due = g_date_new_dmy (g_date_time_get_day_of_month (when), g_date_time_get_month (when),
                                g_date_time_get_year (when));
          g_date_add_days (due, g_rand_int_range (writer->rand, 3, 60));
        }
      agreement = mb_conversation_add_agreement (conversation, text,
                                                 g_rand_int_range (writer->rand, 0, 3), due);
      /* Older promises were mostly kept or broken by now. */
      if (old && g_rand_int_range (writer->rand, 0, 10) < 8)
        mb_agreement_set_status (agreement, g_rand_int_range (writer->rand, 0, 4) == 0
                                            ? MB_AGREEMENT_NOT_KEPT : MB_AGREEMENT_KEPT);
      writer->text_bytes += strlen (text);
    }
}

static void
add_marbles (Writer         *writer,
             MbConversation *conversation,
             gboolean        dutch)
{
  guint n = g_rand_int_range (writer->rand, 0, 4);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *reason = make_text (writer->rand, g_rand_int_range (writer->rand, 20, 100), dutch);

      mb_conversation_add_marble (conversation, g_rand_int_range (writer->rand, 0, 4) != 0, reason);
      writer->text_bytes += strlen (reason);
    }
}

/* Puts each query word in its share of the conversations. */
static void
add_query_words (Writer         *writer,
                 MbConversation *conversation,
                 MbScript       *script)
{
  GPtrArray *steps = mb_script_get_steps (script);

  for (guint i = 0; i < G_N_ELEMENTS (query_words); i++)
    {
      const char *id;
      g_autofree char *text = NULL;

      if (g_rand_double (writer->rand) >= query_words[i].share)
        continue;

      id = mb_script_step_get_id (g_ptr_array_index (steps, g_rand_int_range (writer->rand, 0, steps->len)));
      text = g_strdup_printf ("%s %s, %s.", mb_conversation_get_text (conversation, MB_TEXT_STEP_NOTES, id),
                              query_words[i].word, query_words[i].word);
      mb_conversation_set_text (conversation, MB_TEXT_STEP_NOTES, id, text);
    }
}

static GDateTime *
draw_date (Writer *writer)
{
  /* Office hours on a day in the last five years. */
  g_autoptr(GDateTime) day = g_date_time_add_days (writer->now, -g_rand_int_range (writer->rand, 0, YEARS * 365));

  return g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                g_date_time_get_day_of_month (day),
                                g_rand_int_range (writer->rand, 8, 18), 15 * g_rand_int_range (writer->rand, 0, 4), 0);
}

static MbConversation *
make_conversation (Writer *writer)
{
  MbScript *script = g_ptr_array_index (writer->scripts, g_rand_int_range (writer->rand, 0, writer->scripts->len));
  double r = g_rand_double (writer->rand);
  /* Some people are talked with far more often than others. */
  const char *person = g_ptr_array_index (writer->people, (guint) (r * r * writer->people->len));
  g_autoptr(GDateTime) when = draw_date (writer);
  MbConversation *conversation = mb_conversation_new (person, script, when);
  gsize size = g_rand_int_range (writer->rand, 2048, 20481);
  gboolean dutch = g_rand_int_range (writer->rand, 0, 10) < 4;
  gboolean old = g_date_time_difference (writer->now, when) > 14 * G_TIME_SPAN_DAY;

  /* A fifth to preparing, three fifths to the steps, the rest to reflecting. */
  write_texts (writer, conversation, MB_TEXT_PREPARATION, mb_script_get_preparation (script), size / 5, dutch);
  write_texts (writer, conversation, MB_TEXT_STEP_NOTES, mb_script_get_steps (script), size * 3 / 5, dutch);
  if (old || g_rand_int_range (writer->rand, 0, 2) == 0)
    write_texts (writer, conversation, MB_TEXT_REFLECTION, mb_script_get_reflection (script), size / 5, dutch);
  add_agreements (writer, conversation, dutch, old);
  add_marbles (writer, conversation, dutch);
  add_query_words (writer, conversation, script);

  mb_conversation_set_phase (conversation, old ? MB_PHASE_REFLECT : g_rand_int_range (writer->rand, 0, 3));
  mb_conversation_set_step (conversation, mb_script_get_steps (script)->len - 1);
  mb_conversation_set_finished (conversation, old);
  return conversation;
}

static void
scripts_loaded_cb (MbScriptLibrary *library,
                   gboolean        *done)
{
  *done = TRUE;
}

/* The bundled scripts, read by the app's own library. */
static GPtrArray *
load_scripts (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "no-scripts", NULL);
  g_autoptr(GFile) user_dir = g_file_new_for_path (path);
  g_autoptr(MbScriptLibrary) library = mb_script_library_new (SCRIPTS_RESOURCE_PATH, user_dir);
  GPtrArray *scripts = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean done = mb_script_library_is_loaded (library);

  g_signal_connect (library, "loaded", G_CALLBACK (scripts_loaded_cb), &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (library)); i++)
    g_ptr_array_add (scripts, g_list_model_get_item (G_LIST_MODEL (library), i));
  if (scripts->len == 0)
    fail ("No bundled scripts found");
  return scripts;
}

/* Writes the journal into @dir (the `marbles` folder), one conversation
 * at a time, so that only one is ever in memory. Returns: how many
 * bytes of text it holds
 */
static gsize
write_journal (const char *dir,
               guint       n_conversations)
{
  g_autofree char *conversations = g_build_filename (dir, "conversations", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_autoptr(GPtrArray) scripts = load_scripts (dir);
  g_autoptr(GPtrArray) people = write_people (dir, rand);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  Writer writer = { rand, scripts, people, now, 0, 0 };
  gint64 start = g_get_monotonic_time ();

  /* The copies of the scripts, which the conversations name, as the
   * journal keeps them.
   */
  for (guint i = 0; i < scripts->len; i++)
    {
      const char *checksum;
      GBytes *copy = mb_script_get_copy (g_ptr_array_index (scripts, i), &checksum);
      g_autofree char *name = g_strconcat (checksum, ".json", NULL);
      g_autofree char *path = g_build_filename (conversations, "scripts", name, NULL);
      g_autoptr(GError) error = NULL;

      if (!mb_storage_write_private (path, copy, &error))
        fail ("%s", error->message);
      writer.file_bytes += g_bytes_get_size (copy);
    }

  for (guint i = 0; i < n_conversations; i++)
    {
      g_autoptr(MbConversation) conversation = make_conversation (&writer);
      g_autoptr(GBytes) bytes = mb_conversation_to_bytes (conversation);
      g_autofree char *name = g_strconcat (mb_conversation_get_id (conversation), ".json", NULL);
      g_autofree char *path = g_build_filename (conversations, name, NULL);
      g_autoptr(GError) error = NULL;

      if (!mb_storage_write_private (path, bytes, &error))
        fail ("%s", error->message);
      writer.file_bytes += g_bytes_get_size (bytes);
    }

  printf ("Wrote %u conversations with %u people and %u scripts in %.1f s (not measured):\n"
          "  %" G_GSIZE_FORMAT " MiB of text, %" G_GSIZE_FORMAT " MiB of files\n\n",
          n_conversations, people->len, scripts->len, (g_get_monotonic_time () - start) / 1e6,
          writer.text_bytes >> 20, writer.file_bytes >> 20);
  return writer.text_bytes;
}

/* a. The journal's own load, in a fresh process each time */

typedef struct
{
  MbJournal *journal;
  GMainLoop *loop;
  gint64     last_tick;
  gint64     worst_gap;  /* µs between two ticks of the 1 ms timeout */
  gint64     finish_us;  /* in the callback, on the main thread */
  gint64     done;       /* monotonic µs once loaded, or 0 */
  gint64     ready;      /* monotonic µs once the search is prepared too, or 0 */
} LoadRun;

static gboolean
tick_cb (gpointer user_data)
{
  LoadRun *run = user_data;
  gint64 now = g_get_monotonic_time ();

  run->worst_gap = MAX (run->worst_gap, now - run->last_tick);
  run->last_tick = now;
  /* The search is prepared behind the list, after the callback; the
   * tick after that counts the time spent in the last of it.
   */
  if (run->done == 0)
    return G_SOURCE_CONTINUE;
  if (run->ready == 0)
    {
      if (mb_journal_is_search_ready (run->journal))
        run->ready = now;
      return G_SOURCE_CONTINUE;
    }

  g_main_loop_quit (run->loop);
  return G_SOURCE_REMOVE;
}

static void
journal_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  LoadRun *run = user_data;
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GError) error = NULL;

  if (!mb_journal_load_finish (MB_JOURNAL (object), result, &error))
    fail ("%s", error->message);
  run->done = g_get_monotonic_time ();
  run->finish_us = run->done - start;
}

/* Loads the journal in @dir as the app does, with a main loop running,
 * until its search is prepared.
 */
static MbJournal *
load_journal (const char *dir,
              LoadRun    *run)
{
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  MbJournal *journal = mb_journal_new (file);

  run->journal = journal;
  run->loop = g_main_loop_new (NULL, FALSE);
  run->last_tick = g_get_monotonic_time ();
  g_timeout_add (1, tick_cb, run);
  mb_journal_load_async (journal, NULL, journal_loaded_cb, run);
  g_main_loop_run (run->loop);
  g_main_loop_unref (run->loop);
  return journal;
}

/* The figures of part a, one array each. */
enum
{
  LOAD_MS,
  READY_MS,
  FINISH_MS,
  LATE_MS,
  RSS_BEFORE_MIB,
  RSS_AFTER_MIB,
  N_LOAD_FIGURES
};

static char *
run_process (GSubprocessLauncher *launcher,
             const char * const  *argv,
             gint64              *started)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  char *output = NULL;

  *started = g_get_monotonic_time ();
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, NULL, NULL, &output, NULL, &error))
    fail ("%s: %s", argv[0], error->message);
  if (!g_subprocess_get_successful (process))
    fail ("%s did not exit cleanly", argv[0]);
  return output;
}

static void
measure_load (const char *self_path,
              const char *dir,
              GArray    **figures)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  const char *argv[] = { self_path, "--load", dir, NULL };
  g_autofree char *output = NULL;
  double ms, ready_ms, finish_ms, late_ms;
  long before, after;
  gint64 started;

  output = run_process (launcher, argv, &started);
  if (sscanf (output, "loaded ms=%lf search-ready-ms=%lf finish-ms=%lf late-ms=%lf rss-before-kib=%ld rss-after-kib=%ld",
              &ms, &ready_ms, &finish_ms, &late_ms, &before, &after) != 6)
    fail ("Unexpected output of %s --load: %s", self_path, output);

  add (figures[LOAD_MS], ms);
  add (figures[READY_MS], ready_ms);
  add (figures[FINISH_MS], finish_ms);
  add (figures[LATE_MS], late_ms);
  add (figures[RSS_BEFORE_MIB], before / 1024.0);
  add (figures[RSS_AFTER_MIB], after / 1024.0);
}

/* b and c. The app, started with MARBLES_STARTUP_PROBE */

typedef struct
{
  const char *name;
  char       *data_home;        /* its XDG_DATA_HOME */
  GArray     *ms;
  GArray     *rss_mib;
  GArray     *held_ms;          /* "loaded": the main loop held up at most, first frame to 1 s after the list */
  GArray     *loading_held_ms;  /* "loaded": the same, until the journal said it was loaded */
  const char *renderer;         /* GSK_RENDERER, when not GTK's choice */
} AppFigures;

/* Starts the app with its journal in @figures->data_home; @what is the
 * probe line to wait for, "first-frame" or "loaded".
 */
static void
run_app (const char *marbles,
         const char *what,
         AppFigures *figures)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  const char *argv[] = { marbles, NULL };
  g_autofree char *output = NULL;
  g_autofree char *key = g_strconcat (what, " ", NULL);
  const char *line;
  const char *held;
  const char *loading_held;
  const char *settled;
  const char *settled_rss;
  gint64 started, at = -1;
  long rss_kib = -1;

  g_subprocess_launcher_setenv (launcher, "MARBLES_STARTUP_PROBE",
                                g_str_equal (what, "loaded") ? "loaded" : "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", figures->data_home, TRUE);
  if (figures->renderer != NULL)
    g_subprocess_launcher_setenv (launcher, "GSK_RENDERER", figures->renderer, TRUE);
  output = run_process (launcher, argv, &started);

  line = strstr (output, key);
  if (line == NULL ||
      sscanf (line + strlen (key), "monotonic-us=%" G_GINT64_FORMAT " rss-kib=%ld", &at, &rss_kib) != 2)
    fail ("%s printed no %s line: %s", marbles, what, output);

  /* The memory once settled, the search prepared, when it says so. */
  settled = strstr (line, "settled ");
  if (settled != NULL && (settled_rss = strstr (settled, " rss-kib=")) != NULL)
    rss_kib = strtol (settled_rss + strlen (" rss-kib="), NULL, 10);

  add (figures->ms, (at - started) / 1000.0);
  add (figures->rss_mib, rss_kib / 1024.0);
  if (figures->held_ms != NULL && (held = strstr (line, " held-us=")) != NULL)
    add (figures->held_ms, g_ascii_strtoll (held + strlen (" held-us="), NULL, 10) / 1000.0);
  if (figures->loading_held_ms != NULL && (loading_held = strstr (line, " loading-held-us=")) != NULL)
    add (figures->loading_held_ms, g_ascii_strtoll (loading_held + strlen (" loading-held-us="), NULL, 10) / 1000.0);
}

/* Alternates the two journals, after one run each to warm the caches
 * if @warm_up.
 */
static void
measure_app (const char *marbles,
             const char *what,
             AppFigures *apps,
             guint       runs,
             gboolean    warm_up)
{
  for (guint a = 0; a < 2 && warm_up; a++)
    {
      run_app (marbles, what, &apps[a]);
      g_array_set_size (apps[a].ms, 0);
      g_array_set_size (apps[a].rss_mib, 0);
      if (apps[a].held_ms != NULL)
        g_array_set_size (apps[a].held_ms, 0);
    }

  for (guint i = 0; i < runs; i++)
    for (guint a = 0; a < 2; a++)
      run_app (marbles, what, &apps[a]);
}

/* d. Searching per keystroke */

typedef struct
{
  const char *label;
  const char *query;
  GArray     *ms;          /* per keystroke */
  guint       results;     /* for the whole query */
} Search;

/* What the Conversations page does on each change of the search entry,
 * without the rows: mb_journal_search(), up to MAX_RESULTS, with the
 * snippet of each result.
 */
static guint
search_like_the_page (MbJournal  *journal,
                      const char *typed)
{
  g_autoptr(GPtrArray) results = mb_journal_search (journal, typed, NULL, MAX_RESULTS);

  return results->len;
}

/* Types @search->query letter by letter. */
static void
measure_search (MbJournal *journal,
                Search    *search)
{
  glong len = g_utf8_strlen (search->query, -1);

  search->ms = g_array_new (FALSE, FALSE, sizeof (double));
  for (glong n = 1; n <= len; n++)
    {
      g_autofree char *typed = g_utf8_substring (search->query, 0, n);
      gint64 start = g_get_monotonic_time ();

      search->results = search_like_the_page (journal, typed);
      add (search->ms, (g_get_monotonic_time () - start) / 1000.0);
    }
}

/* The child's part: one load, one line of figures. The journal is not
 * freed: the process ends here, and freeing it would take seconds.
 */
static int
load_in_this_process (const char *dir,
                      const char *query)
{
  long rss_before = read_rss_kib ();
  gint64 start = g_get_monotonic_time ();
  LoadRun run = { 0 };
  MbJournal *journal = load_journal (dir, &run);

  printf ("loaded ms=%.1f search-ready-ms=%.1f finish-ms=%.1f late-ms=%.1f rss-before-kib=%ld rss-after-kib=%ld "
          "conversations=%u\n",
          (run.done - start) / 1000.0, (run.ready - start) / 1000.0, run.finish_us / 1000.0,
          (run.worst_gap - 1000) / 1000.0,
          rss_before, read_rss_kib (), g_list_model_get_n_items (mb_journal_get_conversations (journal)));
  if (query != NULL)
    {
      Search search = { "query", query, NULL, 0 };

      measure_search (journal, &search);
      for (guint i = 0; i < search.ms->len; i++)
        printf ("keystroke %u ms=%.1f\n", i + 1, g_array_index (search.ms, double, i));
      printf ("results=%u\n", search.results);
      g_array_unref (search.ms);
    }
  return 0;
}

/* The leader's mirror */

static GArray     *new_figures (void);
static const char *verdict     (gboolean met);

static void
mirror_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  MbMirror **mirror = user_data;
  g_autoptr(GError) error = NULL;

  *mirror = mb_mirror_compute_finish (result, &error);
  if (*mirror == NULL)
    fail ("%s", error->message);
}

/* The mirror over each period, as the section would ask for it: from
 * the call until the figures are back, and the call itself (the copy of
 * what the mirror needs then goes on from idle, a few hundred
 * conversations a turn).
 */
static void
measure_mirror (MbJournal *journal,
                guint      runs)
{
  static const char * const names[] = { "a quarter", "a year", "all time" };

  printf ("e. The leader's mirror (issue #17), median of %u runs each:\n", runs);
  for (int period = MB_MIRROR_QUARTER; period <= MB_MIRROR_ALL; period++)
    {
      g_autoptr(GArray) total = new_figures ();
      g_autoptr(GArray) held = new_figures ();
      guint conversations = 0;

      for (guint i = 0; i < runs; i++)
        {
          g_autoptr(GDateTime) now = g_date_time_new_now_local ();
          g_autoptr(MbMirror) mirror = NULL;
          gint64 start = g_get_monotonic_time ();

          mb_mirror_compute_async (journal, period, now, NULL, mirror_cb, &mirror);
          add (held, (g_get_monotonic_time () - start) / 1000.0);
          while (mirror == NULL)
            g_main_context_iteration (NULL, TRUE);
          add (total, (g_get_monotonic_time () - start) / 1000.0);
          conversations = mirror->conversations;
        }
      printf ("   %-44s %9.1f ms   <= %d ms  %s (the call %.1f ms; %u conversations)\n",
              names[period], median (total), TARGET_MIRROR_MS, verdict (median (total) <= TARGET_MIRROR_MS),
              median (held), conversations);
    }
}

/* The report */

static GArray *
new_figures (void)
{
  return g_array_new (FALSE, FALSE, sizeof (double));
}

/* The figures' arrays, those it has. */
static void
clear_figures (AppFigures *figures)
{
  g_clear_pointer (&figures->ms, g_array_unref);
  g_clear_pointer (&figures->rss_mib, g_array_unref);
  g_clear_pointer (&figures->held_ms, g_array_unref);
  g_clear_pointer (&figures->loading_held_ms, g_array_unref);
}

static const char *
verdict (gboolean met)
{
  return met ? "met" : "MISSED";
}

static void
print_load (GArray **load,
            guint    runs,
            double   text_mib)
{
  double held = median (load[RSS_AFTER_MIB]) - median (load[RSS_BEFORE_MIB]);

  printf ("a. The journal's load, in a process of its own, median of %u runs:\n", runs);
  printf ("   %-44s %9.0f ms   <= %d ms  %s\n", "load_async to callback (read in a worker)",
          median (load[LOAD_MS]), TARGET_LOAD_MS, verdict (median (load[LOAD_MS]) <= TARGET_LOAD_MS));
  printf ("   %-44s %9.1f ms   (worst of all runs %.1f ms)\n", "of which the callback, on the main thread",
          median (load[FINISH_MS]), maximum (load[FINISH_MS]));
  printf ("   %-44s %9.0f ms\n", "search prepared behind the list, ready at", median (load[READY_MS]));
  printf ("   %-44s %9.1f ms   <= %d ms  %s (worst of all runs %.1f ms)\n",
          "main loop held up at most, until ready", median (load[LATE_MS]), TARGET_LATE_MS,
          verdict (maximum (load[LATE_MS]) <= TARGET_LATE_MS), maximum (load[LATE_MS]));
  printf ("   %-44s %6.0f, %.0f MiB\n", "resident memory before, once ready",
          median (load[RSS_BEFORE_MIB]), median (load[RSS_AFTER_MIB]));
  printf ("   %-44s %9.0f MiB  = %.2fx the text (%.0f MiB)   <= %.1fx (%.0f MiB)  %s\n\n",
          "the journal's memory (after - before)", held, held / text_mib, text_mib,
          TARGET_TEXT_TIMES, TARGET_TEXT_TIMES * text_mib, verdict (held <= TARGET_TEXT_TIMES * text_mib));
}

static void
print_app (const char *title,
           AppFigures *apps,
           guint       runs,
           const char *target,
           gboolean    met)
{
  printf ("%s, median of %u runs each:\n", title, runs);
  for (guint a = 0; a < 2; a++)
    printf ("   %-44s %9.0f ms   %6.0f MiB resident\n", apps[a].name, median (apps[a].ms), median (apps[a].rss_mib));
  printf ("   %-44s %9.2fx      %s  %s\n\n", "full / empty", median (apps[0].ms) / median (apps[1].ms),
          target, target[0] != '\0' ? verdict (met) : "");
}

static void
print_held (const char *label,
            GArray     *held_ms,
            gboolean    target)
{
  if (held_ms == NULL || held_ms->len == 0)
    return;
  if (target)
    printf ("   %-44s %9.1f ms   <= %d ms  %s (worst of all runs %.1f ms)\n", label, median (held_ms),
            TARGET_LATE_MS, verdict (maximum (held_ms) <= TARGET_LATE_MS), maximum (held_ms));
  else
    printf ("   %-44s %9.1f ms   (worst of all runs %.1f ms)\n", label, median (held_ms), maximum (held_ms));
}

/* The targets of part c: the time, the main loop, and what the journal
 * adds to the app's memory. @others are this journal drawn by cairo and
 * the bare window.
 */
static void
print_shown (AppFigures *shown,
             AppFigures *others,
             double      text_mib)
{
  double ms = median (shown[0].ms);
  double held = median (shown[0].rss_mib) - median (shown[1].rss_mib);

  printf ("   %-44s %9.0f ms   <= %d ms  %s\n", "this journal, loaded and painted", ms, TARGET_SHOWN_MS,
          verdict (ms <= TARGET_SHOWN_MS));
  print_held ("main loop held up most, while loading", shown[0].loading_held_ms, TRUE);
  print_held ("main loop held up most, until list + 1 s", shown[0].held_ms, TRUE);
  /* Under Xvfb, GTK's GL renderer draws on the processors (llvmpipe),
   * and a frame can take longer than 16 ms to draw whatever is in it:
   * the same for an empty journal, for this one drawn by GTK's cairo
   * renderer, and for a window with nothing but a label.
   */
  print_held ("the same with an empty journal", shown[1].held_ms, FALSE);
  print_held ("the same drawn with GSK_RENDERER=cairo", others[0].held_ms, FALSE);
  print_held ("  of which while loading", others[0].loading_held_ms, FALSE);
  print_held ("the same for a bare window (hello.c)", others[1].held_ms, FALSE);
  printf ("   %-44s %9.0f MiB  = %.2fx the text (%.0f MiB)   <= %.1fx (%.0f MiB)  %s\n\n",
          "the journal's memory in the app (full - empty)", held, held / text_mib, text_mib,
          TARGET_TEXT_TIMES, TARGET_TEXT_TIMES * text_mib, verdict (held <= TARGET_TEXT_TIMES * text_mib));
}

static void
print_searches (Search *searches,
                guint   n)
{
  printf ("d. Searching per keystroke, as the Conversations page does (result rows not included):\n");
  for (guint i = 0; i < n; i++)
    {
      Search *search = &searches[i];
      double worst = maximum (search->ms);

      /* Padded by characters, not bytes. */
      int pad = 22 - (int) g_utf8_strlen (search->query, -1);

      printf ("   %-21s %s%*s median %6.1f ms, worst %6.1f ms, %3u results   <= %d ms  %s\n",
              search->label, search->query, MAX (pad, 0), "", median (search->ms), worst, search->results,
              TARGET_KEYSTROKE_MS, verdict (worst <= TARGET_KEYSTROKE_MS));
    }
}

static void
make_private_dirs (const char *path)
{
  g_autoptr(GError) error = NULL;

  if (!mb_storage_ensure_private_dir (path, &error))
    fail ("%s", error->message);
}

static int
run_benchmark (const char *marbles,
               const char *hello,
               guint       n_conversations,
               guint       runs,
               guint       load_runs)
{
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *journal_dir = g_build_filename (temp_dir, "full", "marbles", NULL);
  g_autofree char *empty_dir = g_build_filename (temp_dir, "empty", "marbles", "conversations", NULL);
  GArray *load[N_LOAD_FIGURES];
  AppFigures first_frame[] = {
    { "first frame, this journal", g_build_filename (temp_dir, "full", NULL), new_figures (), new_figures () },
    { "first frame, empty journal", g_build_filename (temp_dir, "empty", NULL), new_figures (), new_figures () },
  };
  AppFigures shown[] = {
    { "loaded and painted, this journal", first_frame[0].data_home, new_figures (), new_figures (), new_figures (),
      new_figures () },
    { "loaded and painted, empty journal", first_frame[1].data_home, new_figures (), new_figures (), new_figures () },
  };
  AppFigures others[] = {
    { "drawn with cairo", first_frame[0].data_home, new_figures (), new_figures (), new_figures (), new_figures (),
      "cairo" },
    { "a bare window", first_frame[1].data_home, new_figures (), new_figures (), new_figures () },
  };
  Search searches[] = {
    { "one word", "werkdruk" },
    { "two words", "cafe deadline" },
    { "three words", "naief budget roadmap" },
    { "found nowhere", "zebra crossing" },
    { "non-Latin, one word", "会議" },
    { "non-Latin, two words", "συναντηση встреча" },
    { "non-Latin, nowhere", "δρόμος москва" },
  };
  g_autoptr(MbJournal) journal = NULL;
  LoadRun run = { 0 };
  gsize text_bytes;

  for (guint f = 0; f < N_LOAD_FIGURES; f++)
    load[f] = new_figures ();

  text_bytes = write_journal (journal_dir, n_conversations);
  make_private_dirs (empty_dir);

  measure_load (self_path, journal_dir, load);  /* warms the page cache; not counted */
  for (guint f = 0; f < N_LOAD_FIGURES; f++)
    g_array_set_size (load[f], 0);
  for (guint i = 0; i < load_runs; i++)
    measure_load (self_path, journal_dir, load);
  print_load (load, load_runs, text_bytes / 1048576.0);
  fflush (stdout);

  measure_app (marbles, "first-frame", first_frame, runs, TRUE);
  print_app ("b. The app's first frame (MARBLES_STARTUP_PROBE=1)", first_frame, runs, "<= 1.10x",
             median (first_frame[0].ms) <= TARGET_FIRST_FRAME * median (first_frame[1].ms));
  fflush (stdout);

  measure_app (marbles, "loaded", shown, load_runs, FALSE);  /* the first frames warmed it */
  for (guint i = 0; i < load_runs; i++)
    {
      run_app (marbles, "loaded", &others[0]);
      if (hello != NULL)
        run_app (hello, "loaded", &others[1]);
    }
  print_app ("c. The app until the journal is loaded, in its list and painted (MARBLES_STARTUP_PROBE=loaded)",
             shown, load_runs, "", FALSE);
  print_shown (shown, others, text_bytes / 1048576.0);
  fflush (stdout);

  journal = load_journal (journal_dir, &run);
  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    measure_search (journal, &searches[i]);
  print_searches (searches, G_N_ELEMENTS (searches));
  printf ("\n");
  measure_mirror (journal, runs);

  for (guint f = 0; f < N_LOAD_FIGURES; f++)
    g_array_unref (load[f]);
  for (guint a = 0; a < 2; a++)
    {
      g_free (first_frame[a].data_home);  /* the others' too */
      clear_figures (&first_frame[a]);
      clear_figures (&shown[a]);
      clear_figures (&others[a]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    {
      g_array_unref (searches[i].ms);
    }
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  int n_conversations = 10000, runs = 11, load_runs = 5;
  g_autofree char *load_dir = NULL;
  g_autofree char *query = NULL;
  g_autofree char *write_dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("MARBLES [HELLO]");
  GOptionEntry entries[] = {
    { "conversations", 0, 0, G_OPTION_ARG_INT, &n_conversations, "How many conversations (10000)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "How many first frames of each journal (11)", "N" },
    { "load-runs", 0, 0, G_OPTION_ARG_INT, &load_runs, "How many loads, in a process and in the app (5)", "N" },
    { "load", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &load_dir, "Load one journal and report", "DIR" },
    { "search", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &query, "With --load: type QUERY, as part d", "QUERY" },
    { "write", 0, 0, G_OPTION_ARG_FILENAME, &write_dir,
      "Only write the journal into DIR/marbles and keep it, to profile with --load DIR/marbles", "DIR" },
    { NULL }
  };
  int status;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    fail ("%s", error->message);

  if (load_dir != NULL)
    return load_in_this_process (load_dir, query);

  if (write_dir != NULL)
    {
      g_autofree char *journal_dir = g_build_filename (write_dir, "marbles", NULL);

      write_journal (journal_dir, n_conversations);
      return 0;
    }

  if (argc < 2 || argc > 3 || n_conversations < 1 || runs < 1 || load_runs < 1)
    {
      fprintf (stderr, "Usage: %s [--conversations N] [--runs N] [--load-runs N] MARBLES [HELLO]\n", argv[0]);
      return 2;
    }

  temp_dir = g_dir_make_tmp ("marbles-bench-journal-XXXXXX", &error);
  if (temp_dir == NULL)
    fail ("%s", error->message);

  status = run_benchmark (argv[1], argc == 3 ? argv[2] : NULL, n_conversations, runs, load_runs);
  remove_tree (temp_dir);
  g_clear_pointer (&temp_dir, g_free);
  return status;
}
