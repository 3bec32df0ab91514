/* bench-large-text.c — 10 MB pasted into a notes field and typed on, and
 * the largest note Marbles accepts opened.
 *
 * A journal in a temporary folder, a conversation in a window as the app
 * shows it. It measures:
 *
 *  a. pasting 10 MB of ordinary paragraphs into the empty notes field,
 *     then typing a word after it, one key every 100 ms as a person
 *     types: per key, the main thread's time for the key's handlers and
 *     for the frame that shows it (layout and drawing), and the longest
 *     the main loop was held up by anything meanwhile (the lateness of a
 *     1 ms timeout), autosaves included; the same keys in a short field
 *     of the same view, for comparison;
 *  b. the time from the last key until the word is in the file on disk;
 *  c. opening a conversation whose notes are as large as Marbles accepts
 *     (MB_TEXT_MAX_BYTES): reading its file, building the view and its
 *     first frame, the longest the main loop is held up in the seconds
 *     after, and a key typed at the end of the notes then;
 *  d. keys at the end of a paragraph as long as Marbles accepts
 *     (MB_TEXT_MAX_PARAGRAPH_CHARS): GTK lays a paragraph out again, in
 *     full, at every key typed in it.
 *
 * A key's time is the main thread's work from the key until the frame
 * that shows it is drawn (its handlers, GTK's layout of the line, the
 * frame), without the time the main loop waits. Right after a paste or
 * an opening, GTK is still laying out the rest of the text in the
 * background, in pieces, and a key can come after such a piece: the
 * figures are given then, and once GTK is done.
 *
 * It draws with the cairo renderer: under Xvfb the GL one is software
 * (llvmpipe), which makes every frame of the window take about 20 ms on
 * a small machine whatever is in the fields, and hides what the text
 * costs.
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "mb-conversation-view.h"
#include "mb-text-field.h"

#define PASTED_BYTES (10 * 1000 * 1000)
#define TYPED        " marbles"
#define KEY_INTERVAL 100 /* ms between keys */

static const char script_json[] =
  "{ \"format\": \"marbles-script\", \"version\": 1, \"id\": \"bench\","
  "  \"title\": \"Benchmark\", \"summary\": \"A short script.\","
  "  \"preparation\": [ { \"id\": \"facts\", \"text\": \"What do you know?\" } ],"
  "  \"steps\": [ { \"id\": \"listen\", \"title\": \"Listen\", \"purpose\": \"Hear them out.\","
  "               \"questions\": [ \"What happened?\" ] } ],"
  "  \"reflection\": [ { \"id\": \"r\", \"text\": \"Did I listen?\" } ] }";

/* The main loop's worst lateness: a 1 ms timeout that notes how late it ran. */
static gint64 expected_at;
static gint64 worst_late;

static gboolean
watch_cb (gpointer data)
{
  gint64 now = g_get_monotonic_time ();

  worst_late = MAX (worst_late, now - expected_at);
  expected_at = now + 1000;
  return G_SOURCE_CONTINUE;
}

static void
watch_reset (void)
{
  expected_at = g_get_monotonic_time () + 1000;
  worst_late = 0;
}

/* The time the main loop spends waiting, not working. */
static gint64 waited;

static int
timed_poll (GPollFD *fds,
            guint    n_fds,
            int      timeout)
{
  gint64 start = g_get_monotonic_time ();
  int result = g_poll (fds, n_fds, timeout);

  waited += g_get_monotonic_time () - start;
  return result;
}

static guint n_frames;

static void
after_paint_cb (GdkFrameClock *clock)
{
  n_frames++;
}

static void
run_for (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (200);
    }
}

/* Runs the main loop until a frame of @widget's has been drawn. */
static void
next_frame (GtkWidget *widget)
{
  guint seen = n_frames;

  gtk_widget_queue_draw (widget);
  while (n_frames == seen)
    g_main_context_iteration (NULL, TRUE);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static char *
make_text (gsize size)
{
  static const char *sentences[] = {
    "She said the deadline felt impossible from the start, and nobody asked her. ",
    "We agreed that she sends the report on Friday and I check in on Monday. ",
    "I admitted that I had filled in for her without asking what she needed. ",
    "The team wants clearer expectations about who decides on the planning. ",
  };
  GString *text = g_string_sized_new (size + 100);
  guint i = 0;

  /* Paragraphs of about 600 bytes, as notes are written. */
  while (text->len < size)
    {
      g_string_append (text, sentences[i % G_N_ELEMENTS (sentences)]);
      if (++i % 8 == 0)
        g_string_append_c (text, '\n');
    }
  g_string_truncate (text, size);
  return g_string_free (text, FALSE);
}

/* The @nth text field in @widget, counting from 0, and how many it has. */
static MbTextField *
find_field (GtkWidget *widget,
            int        nth,
            int       *seen)
{
  if (MB_IS_TEXT_FIELD (widget) && (*seen)++ == nth)
    return MB_TEXT_FIELD (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      MbTextField *found = find_field (child, nth, seen);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The first field of the preparation is its question, the second its notes. */
static GtkTextView *
field_view (GtkWidget *window,
            int        nth)
{
  int seen = 0;
  MbTextField *field = find_field (window, nth, &seen);

  g_assert (field != NULL);
  return mb_text_field_get_view (field);
}

/* Watches @file, in a thread of its own so as not to hold up the main
 * loop, until @word is near its end, and notes when it saw it.
 */
typedef struct
{
  GFile      *file;
  const char *word;
  gint64      seen;
  int         done;
} Watch;

static gpointer
watch_file (gpointer data)
{
  Watch *watch = data;

  for (;;)
    {
      g_autofree char *contents = NULL;
      gsize len;

      if (g_file_load_contents (watch->file, NULL, &contents, &len, NULL, NULL) &&
          g_strstr_len (contents + (len > 4096 ? len - 4096 : 0), -1, watch->word) != NULL)
        break;
      g_usleep (5000);
    }

  watch->seen = g_get_monotonic_time ();
  g_atomic_int_set (&watch->done, TRUE);
  return NULL;
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_assert_true (mb_journal_load_finish (MB_JOURNAL (object), result, NULL));
}

static GtkWidget *
show (MbJournal      *journal,
      MbConversation *conversation)
{
  GtkWidget *window = gtk_window_new ();
  GdkFrameClock *clock;

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 800);
  gtk_window_set_child (GTK_WINDOW (window), mb_conversation_view_new (journal, conversation));
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);
  clock = gtk_widget_get_frame_clock (window);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
  next_frame (window);
  return window;
}

/* Types TYPED at the cursor of @view; the worst and the mean per key of
 * the main thread's work from the key until the frame that shows it is
 * drawn: its handlers, GTK's layout of the changed line, the frame.
 */
static void
type_word (GtkWidget   *window,
           GtkTextView *view,
           double      *worst,
           double      *mean)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  double total = 0;

  *worst = 0;
  for (const char *c = TYPED; *c != '\0'; c++)
    {
      gint64 start = g_get_monotonic_time ();
      gint64 waited_before = waited;
      double ms;

      gtk_text_buffer_insert_interactive_at_cursor (buffer, c, 1, TRUE);
      next_frame (window);
      ms = (g_get_monotonic_time () - start - (waited - waited_before)) / 1000.0;
      *worst = MAX (*worst, ms);
      total += ms;
      if (c[1] != '\0')
        run_for (KEY_INTERVAL);
    }
  *mean = total / strlen (TYPED);
}

/* Waits until GTK has laid out all of @view's text: its height stays
 * the same for two seconds. At most two minutes.
 */
static void
wait_laid_out (GtkTextView *view)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  gint64 give_up = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  double upper = -1;
  guint same = 0;

  while (same < 8 && g_get_monotonic_time () < give_up)
    {
      run_for (250);
      same = gtk_adjustment_get_upper (adjustment) == upper ? same + 1 : 0;
      upper = gtk_adjustment_get_upper (adjustment);
    }
}

static GFile *
file_of (GFile          *dir,
         MbConversation *conversation)
{
  g_autofree char *name = g_strconcat ("conversations/", mb_conversation_get_id (conversation), ".json", NULL);

  return g_file_resolve_relative_path (dir, name);
}

static void
measure_typing (MbJournal *journal,
                MbScript  *script,
                GFile     *dir)
{
  g_autoptr(MbConversation) conversation = mb_conversation_new ("someone", script, NULL);
  g_autofree char *text = make_text (PASTED_BYTES);
  g_autoptr(GFile) file = file_of (dir, conversation);
  GtkTextView *notes;
  GtkWidget *window;
  double worst, mean;
  double draft_ms[11];
  gint64 start, pasted;
  Watch watch;
  GThread *watcher;

  mb_journal_add_conversation (journal, conversation);
  window = show (journal, conversation);

  printf ("a. %d MB pasted into the empty notes field, then “%s” typed after it, a key every %d ms:\n",
          PASTED_BYTES / 1000000, TYPED + 1, KEY_INTERVAL);
  notes = field_view (window, 1);
  gtk_widget_grab_focus (GTK_WIDGET (notes));
  pasted = g_get_monotonic_time ();
  gtk_text_buffer_insert_interactive_at_cursor (gtk_text_view_get_buffer (notes), text, -1, TRUE);
  next_frame (window);
  printf ("   the paste, its handlers and its frame               %7.0f ms\n",
          (g_get_monotonic_time () - pasted) / 1000.0);
  run_for (1000);

  watch_reset ();
  watch.file = file;
  watch.word = TYPED;
  watch.done = FALSE;
  watcher = g_thread_new ("watch-file", watch_file, &watch);
  type_word (window, notes, &worst, &mean);
  start = g_get_monotonic_time ();
  printf ("   per key, its handlers and its frame          mean %7.1f ms, worst %6.1f ms   < 16 ms  %s\n",
          mean, worst, worst < 16 ? "met" : "MISSED");

  while (!g_atomic_int_get (&watch.done))
    run_for (5);
  g_thread_join (watcher);
  printf ("b. the last key until the word is in the file      %7.0f ms                 < 1000 ms %s\n",
          (watch.seen - start) / 1000.0, watch.seen - start < G_USEC_PER_SEC ? "met" : "MISSED");
  run_for (1000);
  printf ("   main loop held up at most, typing and saving   %7.1f ms   (GTK lays out the rest of the text meanwhile)\n",
          worst_late / 1000.0);

  for (guint i = 0; i < G_N_ELEMENTS (draft_ms); i++)
    {
      gint64 draft_start = g_get_monotonic_time ();
      g_autoptr(MbJsonDraft) draft = mb_conversation_draft (conversation);

      draft_ms[i] = (g_get_monotonic_time () - draft_start) / 1000.0;
    }
  qsort (draft_ms, G_N_ELEMENTS (draft_ms), sizeof (double), compare_doubles);
  printf ("   an autosave's part on the main thread (copying the texts), median %.1f ms\n",
          draft_ms[G_N_ELEMENTS (draft_ms) / 2]);

  start = g_get_monotonic_time ();
  wait_laid_out (notes);
  printf ("   GTK had laid out all the text, in the background, %.0f s after the paste\n",
          (g_get_monotonic_time () - pasted) / (double) G_USEC_PER_SEC);
  watch_reset ();
  type_word (window, notes, &worst, &mean);
  printf ("   then per key                                 mean %7.1f ms, worst %6.1f ms   < 16 ms  %s\n",
          mean, worst, worst < 16 ? "met" : "MISSED");
  printf ("   and the main loop held up at most              %7.1f ms\n", worst_late / 1000.0);

  notes = field_view (window, 0);
  gtk_widget_grab_focus (GTK_WIDGET (notes));
  run_for (500);
  type_word (window, notes, &worst, &mean);
  printf ("   for comparison, per key in a short field     mean %7.1f ms, worst %6.1f ms\n", mean, worst);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
measure_opening (MbJournal *journal,
                 MbScript  *script,
                 GFile     *dir)
{
  g_autoptr(MbConversation) written = mb_conversation_new ("someone", script, NULL);
  g_autofree char *text = make_text (MB_TEXT_MAX_BYTES - 1000);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GHashTable) copies = mb_script_copies_new ();
  g_autoptr(MbConversation) conversation = NULL;
  GtkTextView *notes;
  GtkTextIter end;
  GtkWidget *window;
  double worst, mean;
  gint64 start;

  mb_conversation_set_text (written, MB_TEXT_PREPARATION_NOTES, NULL, text);
  bytes = mb_conversation_to_bytes (written);
  mb_script_copies_add (copies, script);

  printf ("c. Opening a conversation with the largest note accepted, %s:\n", g_format_size (MB_TEXT_MAX_BYTES));
  start = g_get_monotonic_time ();
  conversation = mb_conversation_new_from_bytes (bytes, "bench.json", copies, NULL);
  printf ("   reading its file (in the journal's loading thread) %7.0f ms\n",
          (g_get_monotonic_time () - start) / 1000.0);
  mb_journal_add_conversation (journal, conversation);

  watch_reset ();
  start = g_get_monotonic_time ();
  window = show (journal, conversation);
  printf ("   building the view and its first frame           %7.0f ms\n",
          (g_get_monotonic_time () - start) / 1000.0);
  watch_reset ();
  run_for (3000);
  printf ("   main loop held up at most in the 3 s after       %7.1f ms\n", worst_late / 1000.0);

  notes = field_view (window, 1);
  gtk_widget_grab_focus (GTK_WIDGET (notes));
  gtk_text_buffer_get_end_iter (gtk_text_view_get_buffer (notes), &end);
  gtk_text_buffer_place_cursor (gtk_text_view_get_buffer (notes), &end);
  gtk_text_view_scroll_mark_onscreen (notes, gtk_text_buffer_get_insert (gtk_text_view_get_buffer (notes)));
  run_for (1000);
  type_word (window, notes, &worst, &mean);
  printf ("   then per key at the end of the note          mean %7.1f ms, worst %6.1f ms   < 16 ms  %s\n",
          mean, worst, worst < 16 ? "met" : "MISSED");
  wait_laid_out (notes);
  printf ("   GTK had laid out all the text, in the background, %.0f s after the opening\n",
          (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  type_word (window, notes, &worst, &mean);
  printf ("   then per key                                 mean %7.1f ms, worst %6.1f ms   < 16 ms  %s\n",
          mean, worst, worst < 16 ? "met" : "MISSED");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
measure_paragraph (MbJournal *journal,
                   MbScript  *script,
                   gsize      chars)
{
  g_autoptr(MbConversation) conversation = mb_conversation_new ("someone", script, NULL);
  g_autofree char *text = make_text (chars);
  GtkTextView *notes;
  GtkTextIter end;
  GtkWidget *window;
  double worst, mean;

  /* One paragraph, as long as Marbles accepts. */
  g_strdelimit (text, "\n", ' ');
  mb_conversation_set_text (conversation, MB_TEXT_PREPARATION_NOTES, NULL, text);
  mb_journal_add_conversation (journal, conversation);
  window = show (journal, conversation);
  notes = field_view (window, 1);
  gtk_widget_grab_focus (GTK_WIDGET (notes));
  gtk_text_buffer_get_end_iter (gtk_text_view_get_buffer (notes), &end);
  gtk_text_buffer_place_cursor (gtk_text_view_get_buffer (notes), &end);
  wait_laid_out (notes);
  type_word (window, notes, &worst, &mean);
  printf ("d. Per key at the end of a paragraph of %" G_GSIZE_FORMAT " characters, the longest accepted:\n"
          "                                                mean %7.1f ms, worst %6.1f ms   < 16 ms  %s\n",
          chars, mean, worst, worst < 16 ? "met" : "MISSED");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("marbles-bench-XXXXXX", &error);
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static (script_json, sizeof script_json - 1);
  g_autoptr(MbScript) script = NULL;
  g_autoptr(MbJournal) journal = NULL;
  g_autofree char *command = NULL;

  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  gtk_init ();
  adw_init ();
  setvbuf (stdout, NULL, _IONBF, 0);
  g_assert_no_error (error);
  dir = g_file_new_build_filename (tmp, "marbles", NULL);
  script = mb_script_new_from_bytes (bytes, "bench.json", &error);
  g_assert_no_error (error);
  journal = mb_journal_new (dir);
  mb_journal_load_async (journal, NULL, loaded_cb, NULL);
  while (!mb_journal_is_loaded (journal))
    g_main_context_iteration (NULL, TRUE);
  g_timeout_add_full (G_PRIORITY_HIGH, 1, watch_cb, NULL, NULL);
  g_main_context_set_poll_func (NULL, timed_poll);

  measure_typing (journal, script, dir);
  measure_opening (journal, script, dir);
  measure_paragraph (journal, script, MB_TEXT_MAX_PARAGRAPH_CHARS);

  mb_journal_flush (journal);
  command = g_strdup_printf ("rm -rf '%s'", tmp);
  return system (command) == 0 ? 0 : 1;
}
