/* test-widgets.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The marble jar and the trust chart, drawn offscreen and looked at the
 * way a user would: how much of them is marble colour, where it is. And
 * a text field taking in a text changed elsewhere, and the conversation
 * view staying where the leader is when another device went elsewhere.
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "mb-conversation-view.h"
#include "mb-marble-jar.h"
#include "mb-text-field.h"
#include "mb-trust-chart.h"
#include "ui-util.h"

#define JAR_WIDTH    160
#define JAR_HEIGHT   200

/* Noon UTC, so the day is the same in every time zone */
#define MAR_3_2025   G_GINT64_CONSTANT (1741003200)
#define NOV_21_2026  G_GINT64_CONSTANT (1795262400)
#define DAY          G_GINT64_CONSTANT (86400)

/* A drawn widget, in straight (not premultiplied) RGBA */
typedef struct
{
  int     width;
  int     height;
  guchar *pixels;
} Picture;

static void
picture_free (Picture *picture)
{
  g_free (picture->pixels);
  g_free (picture);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Picture, picture_free)

/* The jars' clock: the time only moves when the test says so. */
static gint64 fake_now = G_USEC_PER_SEC;

static gint64
fake_clock (void)
{
  return fake_now;
}

static void
set_animations (gboolean enabled)
{
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", enabled, NULL);
}

typedef struct
{
  GtkWidget *widget;
  int        width;
} Sized;

static gboolean
is_shown_at_width (gpointer data)
{
  Sized *sized = data;

  return gtk_widget_get_mapped (sized->widget) && gtk_widget_get_width (sized->widget) == sized->width;
}

/* Shows @child alone in a window of @width × @height and waits until it
 * has that size.
 */
static GtkWindow *
show_alone (GtkWidget *child,
            int        width,
            int        height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  Sized sized = { child, width };

  gtk_window_set_decorated (window, FALSE);
  gtk_window_set_default_size (window, width, height);
  gtk_window_set_child (window, child);
  gtk_window_present (window);
  wait_until (is_shown_at_width, &sized);
  return window;
}

/* What @widget draws now, without its CSS background; NULL for nothing */
static Picture *
draw (GtkWidget *widget)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  Picture *picture;

  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return NULL;

  picture = g_new0 (Picture, 1);
  picture->width = gtk_widget_get_width (widget);
  picture->height = gtk_widget_get_height (widget);
  picture->pixels = g_malloc (picture->width * picture->height * 4);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0,
                                                              picture->width, picture->height));
  gdk_texture_download (texture, picture->pixels, picture->width * 4);

  /* GDK_MEMORY_DEFAULT is premultiplied BGRA */
  for (int i = 0; i < picture->width * picture->height; i++)
    {
      guchar *p = picture->pixels + 4 * i;
      guchar b = p[0], g = p[1], r = p[2], a = p[3];

      p[0] = a ? MIN (255, r * 255 / a) : 0;
      p[1] = a ? MIN (255, g * 255 / a) : 0;
      p[2] = a ? MIN (255, b * 255 / a) : 0;
      p[3] = a;
    }
  return picture;
}

/* Marble colour: clearly coloured, where the glass is grey */
static gboolean
is_tinted (const guchar *p,
           guchar        min_alpha)
{
  return p[3] > min_alpha && MAX (p[0], MAX (p[1], p[2])) - MIN (p[0], MIN (p[1], p[2])) > 80;
}

/* … and opaque */
static gboolean
is_coloured (const guchar *p)
{
  return is_tinted (p, 200);
}

static guint
count_coloured (const Picture *picture)
{
  guint n = 0;

  for (int i = 0; i < picture->width * picture->height; i++)
    n += is_coloured (picture->pixels + 4 * i);
  return n;
}

static guint
count_drawn (const Picture *picture)
{
  guint n = 0;

  if (picture == NULL)
    return 0;
  for (int i = 0; i < picture->width * picture->height; i++)
    n += picture->pixels[4 * i + 3] > 0;
  return n;
}

/* The highest row with marble colour in it, or -1 */
static int
top_tinted_row (const Picture *picture,
                guchar         min_alpha)
{
  for (int y = 0; y < picture->height; y++)
    for (int x = 0; x < picture->width; x++)
      if (is_tinted (picture->pixels + 4 * (y * picture->width + x), min_alpha))
        return y;
  return -1;
}

static int
top_coloured_row (const Picture *picture)
{
  return top_tinted_row (picture, 200);
}

static gboolean
same_picture (const Picture *a,
              const Picture *b)
{
  return a->width == b->width && a->height == b->height
         && memcmp (a->pixels, b->pixels, a->width * a->height * 4) == 0;
}

static Picture *
draw_jar_at (MbMarbleJar *jar,
             int          level)
{
  mb_marble_jar_set_level (jar, level);
  return draw (GTK_WIDGET (jar));
}

static void
test_jar_levels (void)
{
  GtkWidget *jar = mb_marble_jar_new ();
  GtkWindow *window = show_alone (jar, JAR_WIDTH, JAR_HEIGHT);
  g_autoptr(Picture) empty = draw_jar_at (MB_MARBLE_JAR (jar), 0);
  g_autoptr(Picture) three = draw_jar_at (MB_MARBLE_JAR (jar), 3);
  g_autoptr(Picture) ten = draw_jar_at (MB_MARBLE_JAR (jar), 10);
  g_autoptr(Picture) below_zero = draw_jar_at (MB_MARBLE_JAR (jar), -2);

  /* The empty jar is there, and has no marbles in it */
  g_assert_cmpuint (count_drawn (empty), >, 1000);
  g_assert_cmpuint (count_coloured (empty), ==, 0);

  /* A marble is about 15 pixels across */
  g_assert_cmpuint (count_coloured (three), >, 3 * 100);
  g_assert_cmpuint (count_coloured (ten), >, 3 * count_coloured (three) * 0.9);
  g_assert_cmpuint (count_coloured (ten), <, 4 * count_coloured (three));

  /* Marbles lie at the bottom */
  g_assert_cmpint (top_coloured_row (ten), >, JAR_HEIGHT / 2);

  /* Below zero the jar is empty */
  g_assert_true (same_picture (below_zero, empty));

  gtk_window_destroy (window);
}

static void
test_jar_full (void)
{
  GtkWidget *jar = mb_marble_jar_new ();
  GtkWindow *window = show_alone (jar, JAR_WIDTH, JAR_HEIGHT);
  guint capacity = mb_marble_jar_get_capacity ();
  g_autoptr(Picture) full = NULL;
  g_autoptr(Picture) more = NULL;
  g_autoptr(Picture) half = NULL;

  g_assert_cmpuint (capacity, >=, 50);
  g_assert_cmpuint (capacity, <=, 70);

  half = draw_jar_at (MB_MARBLE_JAR (jar), capacity / 2);
  full = draw_jar_at (MB_MARBLE_JAR (jar), capacity);
  more = draw_jar_at (MB_MARBLE_JAR (jar), capacity + 25);
  g_assert_true (same_picture (full, more));
  g_assert_cmpint (top_coloured_row (full), <, top_coloured_row (half));
  /* A full jar is full up to its shoulders, still below its neck */
  g_assert_cmpint (top_coloured_row (full), <, JAR_HEIGHT * 0.4);
  g_assert_cmpint (top_coloured_row (full), >, JAR_HEIGHT * 0.2);
  g_assert_cmpint (mb_marble_jar_get_level (MB_MARBLE_JAR (jar)), ==, capacity + 25);

  gtk_window_destroy (window);
}

/* Each marble keeps its place and colour as more come in */
static void
test_jar_stable (void)
{
  GtkWidget *jar = mb_marble_jar_new ();
  GtkWindow *window = show_alone (jar, JAR_WIDTH, JAR_HEIGHT);
  g_autoptr(Picture) five = draw_jar_at (MB_MARBLE_JAR (jar), 5);
  g_autoptr(Picture) six = draw_jar_at (MB_MARBLE_JAR (jar), 6);
  g_autoptr(Picture) five_again = draw_jar_at (MB_MARBLE_JAR (jar), 5);
  guint kept = 0;

  g_assert_true (same_picture (five, five_again));
  for (int i = 0; i < five->width * five->height; i++)
    if (is_coloured (five->pixels + 4 * i))
      kept += memcmp (five->pixels + 4 * i, six->pixels + 4 * i, 4) == 0;
  g_assert_cmpuint (kept, >, count_coloured (five) * 0.95);

  gtk_window_destroy (window);
}

/* Small and large, the jar keeps its shape and stays in the middle */
static void
test_jar_scales (void)
{
  GtkWidget *jar = mb_marble_jar_new ();
  GtkWindow *window = show_alone (jar, 96, 300);
  g_autoptr(Picture) small = draw_jar_at (MB_MARBLE_JAR (jar), 10);
  int min_width, nat_width, min_height, nat_height;
  int first = -1, last = -1;

  gtk_widget_measure (jar, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, &nat_width, NULL, NULL);
  gtk_widget_measure (jar, GTK_ORIENTATION_VERTICAL, -1, &min_height, &nat_height, NULL, NULL);
  g_assert_cmpint (nat_width, ==, JAR_WIDTH);
  g_assert_cmpint (nat_height, ==, JAR_HEIGHT);
  g_assert_cmpint (min_width, <=, 96);
  gtk_widget_measure (jar, GTK_ORIENTATION_VERTICAL, 96, &min_height, &nat_height, NULL, NULL);
  g_assert_cmpint (nat_height, ==, 120);

  /* 96 wide in a tall space: about in the middle from top to bottom
   * (the room above the jar is for marbles dropping in) */
  for (int y = 0; y < small->height; y++)
    for (int x = 0; x < small->width; x++)
      if (small->pixels[4 * (y * small->width + x) + 3] > 0)
        {
          first = first < 0 ? y : first;
          last = y;
        }
  g_assert_cmpint (last - first, >, 100);
  g_assert_cmpint (last - first, <, 115);
  g_assert_cmpint (ABS ((first + last) / 2 - 150), <=, 8);
  g_assert_cmpuint (count_coloured (small), >, 10 * 30);
  gtk_window_destroy (window);
}

static void
assert_jar_label (MbMarbleJar *jar,
                  int          level,
                  const char  *label)
{
  mb_marble_jar_set_level (jar, level);
  gtk_test_accessible_assert_property (jar, GTK_ACCESSIBLE_PROPERTY_LABEL, label);
}

static void
test_jar_accessible (void)
{
  GtkWidget *jar = g_object_ref_sink (mb_marble_jar_new ());

  g_assert_true (gtk_test_accessible_has_role (GTK_ACCESSIBLE (jar), GTK_ACCESSIBLE_ROLE_IMG));
  gtk_test_accessible_assert_property (jar, GTK_ACCESSIBLE_PROPERTY_LABEL, "Empty jar");
  assert_jar_label (MB_MARBLE_JAR (jar), 1, "Jar with 1 marble");
  assert_jar_label (MB_MARBLE_JAR (jar), 7, "Jar with 7 marbles");
  assert_jar_label (MB_MARBLE_JAR (jar), 250, "Jar with 250 marbles");
  assert_jar_label (MB_MARBLE_JAR (jar), 0, "Empty jar");
  assert_jar_label (MB_MARBLE_JAR (jar), -1, "Empty jar, with 1 more marble out than in");
  assert_jar_label (MB_MARBLE_JAR (jar), -2, "Empty jar, with 2 more marbles out than in");
  g_object_unref (jar);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
test_jar_property (void)
{
  GtkWidget *jar = g_object_ref_sink (mb_marble_jar_new ());
  guint notified = 0;
  int level;

  g_signal_connect (jar, "notify::level", G_CALLBACK (count_notify_cb), &notified);
  g_object_set (jar, "level", 4, NULL);
  g_object_get (jar, "level", &level, NULL);
  g_assert_cmpint (level, ==, 4);
  g_assert_cmpint (mb_marble_jar_get_level (MB_MARBLE_JAR (jar)), ==, 4);
  mb_marble_jar_set_level (MB_MARBLE_JAR (jar), 4);
  mb_marble_jar_set_level (MB_MARBLE_JAR (jar), -3);
  g_assert_cmpuint (notified, ==, 2);
  g_object_unref (jar);
}

/* Draws @jar every 15 milliseconds of its clock for @ms; returns the
 * highest row marble colour reached, even half faded, and in @n_changing
 * how many pictures differed from the one before.
 */
static int
watch_jar (GtkWidget *jar,
           guint      ms,
           guint     *n_changing)
{
  gint64 end = fake_now + ms * 1000;
  g_autoptr(Picture) last = NULL;
  int highest = G_MAXINT;

  *n_changing = 0;
  while (fake_now < end)
    {
      Picture *now;
      int top;

      fake_now += 15 * 1000;
      now = draw (jar);
      top = top_tinted_row (now, 100);
      if (top >= 0)
        highest = MIN (highest, top);
      if (last != NULL && !same_picture (last, now))
        (*n_changing)++;
      g_clear_pointer (&last, picture_free);
      last = now;
    }
  return highest;
}

static void
test_jar_animation (void)
{
  GtkWidget *jar = mb_marble_jar_new ();
  GtkWindow *window = NULL;
  g_autoptr(Picture) three = NULL;
  g_autoptr(Picture) four = NULL;
  g_autoptr(Picture) right_away = NULL;
  g_autoptr(Picture) after = NULL;
  guint n_changing;
  int pile_top, highest;

  mb_marble_jar_set_level (MB_MARBLE_JAR (jar), 3);
  window = show_alone (jar, JAR_WIDTH, JAR_HEIGHT);
  three = draw (jar);
  four = draw_jar_at (MB_MARBLE_JAR (jar), 4);
  mb_marble_jar_set_level (MB_MARBLE_JAR (jar), 3);
  pile_top = top_coloured_row (four);

  mb_marble_jar_set_clock (fake_clock);
  set_animations (TRUE);

  /* A marble drops in from above the pile, and settles in its place */
  mb_marble_jar_set_level (MB_MARBLE_JAR (jar), 4);
  right_away = draw (jar);
  g_assert_true (same_picture (right_away, three));
  highest = watch_jar (jar, 700, &n_changing);
  g_assert_cmpint (highest, <, pile_top - 40);
  g_assert_cmpuint (n_changing, >=, 3);
  wait_for_frame (jar);
  after = draw (jar);
  g_assert_true (same_picture (after, four));
  g_clear_pointer (&after, picture_free);

  /* And lifts out again */
  mb_marble_jar_set_level (MB_MARBLE_JAR (jar), 3);
  highest = watch_jar (jar, 700, &n_changing);
  g_assert_cmpint (highest, <, pile_top - 40);
  g_assert_cmpuint (n_changing, >=, 3);
  wait_for_frame (jar);
  after = draw (jar);
  g_assert_true (same_picture (after, three));
  g_clear_pointer (&after, picture_free);

  /* Without animations, the change is there at once */
  set_animations (FALSE);
  mb_marble_jar_set_level (MB_MARBLE_JAR (jar), 4);
  after = draw (jar);
  g_assert_true (same_picture (after, four));

  mb_marble_jar_set_clock (NULL);
  gtk_window_destroy (window);
}

static void
test_series (void)
{
  /* Unsorted, with a dip below zero; the two at the same time keep their order */
  const gint64 times[] = { 500, 100, 300, 200, 400, 300, 600 };
  const int deltas[] = { 1, 1, -1, -1, -1, -1, 1 };
  const gint64 sorted[] = { 100, 200, 300, 300, 400, 500, 600 };
  const int levels[] = { 1, 0, -1, -2, -3, -2, -1 };
  g_autofree MbTrustPoint *points = mb_trust_series_new (times, deltas, G_N_ELEMENTS (times));
  GtkWidget *chart = g_object_ref_sink (mb_trust_chart_new ());
  const MbTrustPoint *shown;

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_assert_cmpint (points[i].time, ==, sorted[i]);
      g_assert_cmpint (points[i].level, ==, levels[i]);
    }

  mb_trust_chart_set_events (MB_TRUST_CHART (chart), times, deltas, G_N_ELEMENTS (times));
  g_assert_cmpuint (mb_trust_chart_get_n_points (MB_TRUST_CHART (chart)), ==, G_N_ELEMENTS (times));
  shown = mb_trust_chart_get_points (MB_TRUST_CHART (chart));
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    g_assert_cmpint (shown[i].level, ==, levels[i]);

  mb_trust_chart_set_events (MB_TRUST_CHART (chart), NULL, NULL, 0);
  g_assert_cmpuint (mb_trust_chart_get_n_points (MB_TRUST_CHART (chart)), ==, 0);
  g_object_unref (chart);
}

static void
test_chart_draws (void)
{
  const gint64 times[] = { NOV_21_2026, MAR_3_2025, MAR_3_2025 + 30 * DAY, MAR_3_2025 + 90 * DAY };
  const int deltas[] = { 1, 1, 1, -1 };
  GtkWidget *chart = mb_trust_chart_new ();
  GtkWindow *window = show_alone (chart, 320, 120);
  g_autoptr(Picture) none = draw (chart);
  g_autoptr(Picture) some = NULL;
  g_autoptr(Picture) one = NULL;
  int min_height, nat_height;

  gtk_widget_measure (chart, GTK_ORIENTATION_VERTICAL, 320, &min_height, &nat_height, NULL, NULL);
  g_assert_cmpint (nat_height, ==, 120);

  /* Nothing without marbles */
  g_assert_cmpuint (count_drawn (none), ==, 0);

  mb_trust_chart_set_events (MB_TRUST_CHART (chart), times, deltas, G_N_ELEMENTS (times));
  some = draw (chart);
  g_assert_nonnull (some);
  /* A line across in the accent colour, over a fainter fill */
  g_assert_cmpuint (count_coloured (some), >, 2 * 300);
  g_assert_cmpuint (count_drawn (some), >, 320 * 30);

  /* One marble: a flat line all the same */
  mb_trust_chart_set_events (MB_TRUST_CHART (chart), times, deltas, 1);
  one = draw (chart);
  g_assert_cmpuint (count_coloured (one), >, 2 * 300);
  g_assert_cmpuint (count_drawn (one), >, 320 * 30);

  gtk_window_destroy (window);
}

static void
test_chart_accessible (void)
{
  const gint64 times[] = { NOV_21_2026, MAR_3_2025, MAR_3_2025 + 30 * DAY, MAR_3_2025 + 90 * DAY };
  const int deltas[] = { -1, 1, 1, 1 };
  GtkWidget *chart = g_object_ref_sink (mb_trust_chart_new ());

  g_assert_true (gtk_test_accessible_has_role (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_ROLE_IMG));
  mb_trust_chart_set_events (MB_TRUST_CHART (chart), times + 1, deltas + 1, 3);
  gtk_test_accessible_assert_property (chart, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Trust over time: from 0 to 3 "
                                       "between 3 Mar 2025 and 1 Jun 2025");
  mb_trust_chart_set_events (MB_TRUST_CHART (chart), times, deltas, 4);
  gtk_test_accessible_assert_property (chart, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Trust over time: from 0 to 2 "
                                       "between 3 Mar 2025 and 21 Nov 2026. The highest was 3.");
  mb_trust_chart_set_events (MB_TRUST_CHART (chart), times + 1, deltas + 1, 1);
  gtk_test_accessible_assert_property (chart, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Trust over time: from 0 to 1 on 3 Mar 2025");
  g_object_unref (chart);
}

static const char script_json[] =
  "{ \"format\": \"marbles-script\", \"version\": 1, \"id\": \"fields\","
  "  \"title\": \"Fields\", \"summary\": \"A short script.\","
  "  \"preparation\": [ { \"id\": \"facts\", \"text\": \"What do you know?\" } ],"
  "  \"steps\": [ { \"id\": \"listen\", \"title\": \"Listen\", \"purpose\": \"Hear them out.\","
  "               \"questions\": [ \"What happened?\" ] } ],"
  "  \"reflection\": [ { \"id\": \"listened\", \"text\": \"Did I listen?\" } ] }";

/* A conversation, and a field for its free notes holding @text. */
static MbTextField *
new_notes_field (MbConversation **conversation,
                 const char      *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (script_json, sizeof script_json - 1);
  g_autoptr(MbScript) script = mb_script_new_from_bytes (bytes, "fields.json", NULL);

  g_assert_nonnull (script);
  *conversation = mb_conversation_new ("p", script, NULL);
  mb_conversation_set_text (*conversation, MB_TEXT_PREPARATION_NOTES, NULL, text);
  return MB_TEXT_FIELD (g_object_ref_sink (mb_text_field_new (*conversation, MB_TEXT_PREPARATION_NOTES, NULL, "Notes", 96)));
}

static GtkTextBuffer *
buffer_of (MbTextField *field)
{
  return gtk_text_view_get_buffer (mb_text_field_get_view (field));
}

static char *
text_of (MbTextField *field)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer_of (field), &start, &end);
  return gtk_text_buffer_get_text (buffer_of (field), &start, &end, TRUE);
}

static void
select_offsets (MbTextField *field,
                int          insert,
                int          bound)
{
  GtkTextIter a, b;

  gtk_text_buffer_get_iter_at_offset (buffer_of (field), &a, insert);
  gtk_text_buffer_get_iter_at_offset (buffer_of (field), &b, bound);
  gtk_text_buffer_select_range (buffer_of (field), &a, &b);
}

static int
offset_of (MbTextField *field,
           GtkTextMark *mark)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (buffer_of (field), &iter, mark);
  return gtk_text_iter_get_offset (&iter);
}

/* The text changed on another machine and merged into the model, then
 * taken in by the field: the model is not changed again by it.
 */
static void
take_from_elsewhere (MbTextField    *field,
                     MbConversation *conversation,
                     const char     *text)
{
  g_autofree char *shown = NULL;

  mb_conversation_set_text (conversation, MB_TEXT_PREPARATION_NOTES, NULL, text);
  mb_text_field_take_text (field, text);
  shown = text_of (field);
  g_assert_cmpstr (shown, ==, text);
  g_assert_cmpstr (mb_conversation_get_text (conversation, MB_TEXT_PREPARATION_NOTES, NULL), ==, text);
}

/* As a key does, at the cursor. */
static void
type (MbTextField *field,
      const char  *text)
{
  gtk_text_buffer_insert_interactive_at_cursor (buffer_of (field), text, -1, TRUE);
}

typedef struct
{
  const char *before;
  int         insert;    /* the cursor, as a character offset */
  int         bound;     /* the other end of the selection */
  const char *after;
  int         insert_after;
  int         bound_after;
} TakeCase;

/* Where the cursor and the selection go when a text comes in. */
static void
test_take_keeps_cursor (void)
{
  static const TakeCase cases[] = {
    /* In front of the change: where it was. */
    { "Two late reports this month.", 3, 3, "Two late reports this quarter.", 3, 3 },
    /* At its start: where it was, the new text after it. */
    { "She asked for help.", 18, 18, "She asked for help on Friday.", 18, 18 },
    /* Behind it: the same distance from the end, on the same words. */
    { "Notes: she asked for help.", 26, 26, "Notes from Monday: she asked for help.", 38, 38 },
    { "Notes: she asked for help.", 21, 25, "Notes from Monday: she asked for help.", 33, 37 },
    /* Inside it: at the end of what came in. */
    { "She was late twice.", 16, 16, "She was late three times.", 24, 24 },
    /* A selection across it: from its start to behind it. */
    { "She was late twice, he said.", 4, 22, "She was late three times, he said.", 4, 28 },
    /* Characters of several bytes, on both sides, and changed ones
     * that begin or end with the same bytes.
     */
    { "Één café, 日本語.", 8, 8, "Één kop café, 日本語.", 12, 12 },
    { "Café au lait", 12, 1, "Cafè au lait", 12, 1 },
    { "I 😀 it", 6, 6, "I 🙀 it", 6, 6 },
    /* Everything gone, and back. */
    { "Gone.", 2, 2, "", 0, 0 },
    { "", 0, 0, "Back.", 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MbConversation) conversation = NULL;
      g_autoptr(MbTextField) field = new_notes_field (&conversation, cases[i].before);
      GtkTextBuffer *buffer = buffer_of (field);

      g_test_message ("case %u: “%s” → “%s”", i, cases[i].before, cases[i].after);
      select_offsets (field, cases[i].insert, cases[i].bound);
      take_from_elsewhere (field, conversation, cases[i].after);
      g_assert_cmpint (offset_of (field, gtk_text_buffer_get_insert (buffer)), ==, cases[i].insert_after);
      g_assert_cmpint (offset_of (field, gtk_text_buffer_get_selection_bound (buffer)), ==, cases[i].bound_after);
    }
}

/* What was typed before a text came in (and so is in the merged text)
 * and what is typed after it are both kept, in the field and in the
 * model; undo takes back only what was typed after.
 */
static void
test_take_keeps_typing (void)
{
  g_autoptr(MbConversation) conversation = NULL;
  g_autoptr(MbTextField) field = new_notes_field (&conversation, "Late reports.");
  GtkTextBuffer *buffer = buffer_of (field);
  g_autofree char *undone = NULL;

  select_offsets (field, 12, 12);
  type (field, " twice");
  g_assert_cmpstr (mb_conversation_get_text (conversation, MB_TEXT_PREPARATION_NOTES, NULL), ==,
                   "Late reports twice.");
  g_assert_true (gtk_text_buffer_get_can_undo (buffer));

  take_from_elsewhere (field, conversation, "Two late reports twice.\nAsk about the planning.");
  g_assert_cmpint (offset_of (field, gtk_text_buffer_get_insert (buffer)), ==, 22);
  g_assert_false (gtk_text_buffer_get_can_undo (buffer));

  type (field, " in March");
  g_assert_cmpstr (mb_conversation_get_text (conversation, MB_TEXT_PREPARATION_NOTES, NULL), ==,
                   "Two late reports twice in March.\nAsk about the planning.");
  g_assert_true (gtk_text_buffer_get_can_undo (buffer));

  gtk_text_buffer_undo (buffer);
  undone = text_of (field);
  g_assert_cmpstr (undone, ==, "Two late reports twice.\nAsk about the planning.");
  g_assert_cmpstr (mb_conversation_get_text (conversation, MB_TEXT_PREPARATION_NOTES, NULL), ==, undone);
  g_assert_false (gtk_text_buffer_get_can_undo (buffer));
}

/* Another version of the file taken into the conversation reaches the
 * open field by itself, and typing after it changes the new text, not
 * the old one.
 */
static void
test_take_from_file (void)
{
  g_autoptr(MbConversation) conversation = NULL;
  g_autoptr(MbTextField) field = new_notes_field (&conversation, "Late reports.");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;

  select_offsets (field, 12, 12);
  type (field, " twice");
  bytes = mb_conversation_to_bytes (conversation);
  root = json_from_string (g_bytes_get_data (bytes, NULL), &error);
  g_assert_no_error (error);
  json_object_set_string_member (json_object_get_object_member (json_node_get_object (root), "preparation"),
                                 "notes", "Two late reports twice.\nAsk about the planning.");

  g_assert_true (mb_conversation_update_from_json (conversation, root, "elsewhere.json", NULL, &error));
  g_assert_no_error (error);
  shown = text_of (field);
  g_assert_cmpstr (shown, ==, "Two late reports twice.\nAsk about the planning.");
  g_assert_cmpint (offset_of (field, gtk_text_buffer_get_insert (buffer_of (field))), ==, 22);

  type (field, " in March");
  g_assert_cmpstr (mb_conversation_get_text (conversation, MB_TEXT_PREPARATION_NOTES, NULL), ==,
                   "Two late reports twice in March.\nAsk about the planning.");
}

/* The text the field already shows changes nothing, not even undo. */
static void
test_take_same_text (void)
{
  g_autoptr(MbConversation) conversation = NULL;
  g_autoptr(MbTextField) field = new_notes_field (&conversation, "Late reports.");
  GtkTextBuffer *buffer = buffer_of (field);

  select_offsets (field, 4, 4);
  type (field, "!");
  take_from_elsewhere (field, conversation, "Late! reports.");
  g_assert_true (gtk_text_buffer_get_can_undo (buffer));
  g_assert_cmpint (offset_of (field, gtk_text_buffer_get_insert (buffer)), ==, 5);
}

/* A text Marbles would not have accepted is shown as it is, read-only,
 * with a notice; an acceptable one after it can be edited again.
 */
static void
test_take_too_long (void)
{
  g_autoptr(MbConversation) conversation = NULL;
  g_autoptr(MbTextField) field = new_notes_field (&conversation, "Late reports.");
  g_autofree char *paragraph = g_strnfill (MB_TEXT_MAX_PARAGRAPH_CHARS + 1, 'x');
  GtkTextView *view = mb_text_field_get_view (field);

  take_from_elsewhere (field, conversation, paragraph);
  g_assert_false (gtk_text_view_get_editable (view));
  g_assert_nonnull (mb_text_field_get_notice (field));

  take_from_elsewhere (field, conversation, "Two late reports.");
  g_assert_true (gtk_text_view_get_editable (view));
  g_assert_null (mb_text_field_get_notice (field));
  select_offsets (field, 17, 17);
  type (field, " Ask.");
  g_assert_cmpstr (mb_conversation_get_text (conversation, MB_TEXT_PREPARATION_NOTES, NULL), ==,
                   "Two late reports. Ask.");
}

/* The conversation view */

static const char steps_json[] =
  "{ \"format\": \"marbles-script\", \"version\": 1, \"id\": \"steps\","
  "  \"title\": \"Steps\", \"summary\": \"Three steps.\","
  "  \"preparation\": [ { \"id\": \"facts\", \"text\": \"What do you know?\" } ],"
  "  \"steps\": [ { \"id\": \"one\", \"title\": \"One\", \"purpose\": \"First.\", \"questions\": [ \"Who?\" ] },"
  "               { \"id\": \"two\", \"title\": \"Two\", \"purpose\": \"Then.\", \"questions\": [ \"What?\" ] },"
  "               { \"id\": \"three\", \"title\": \"Three\", \"purpose\": \"Last.\", \"questions\": [ \"When?\" ] } ],"
  "  \"reflection\": [ { \"id\": \"listened\", \"text\": \"Did I listen?\" } ] }";

/* Another device's version of @conversation's file, at @phase and @step,
 * taken in.
 */
static void
take_place_from_elsewhere (MbConversation *conversation,
                           const char     *phase,
                           guint           step)
{
  g_autoptr(GBytes) bytes = mb_conversation_to_bytes (conversation);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  root = json_from_string (g_bytes_get_data (bytes, NULL), &error);
  g_assert_no_error (error);
  json_object_set_string_member (json_node_get_object (root), "phase", phase);
  json_object_set_int_member (json_node_get_object (root), "step", step);
  g_assert_true (mb_conversation_update_from_json (conversation, root, "elsewhere.json", NULL, &error));
  g_assert_no_error (error);
}

static const char *
step_shown (GtkWidget *view)
{
  return gtk_menu_button_get_label (GTK_MENU_BUTTON (gtk_widget_get_template_child (view, MB_TYPE_CONVERSATION_VIEW,
                                                                                   "steps_button")));
}

static const char *
phase_shown (GtkWidget *view)
{
  return adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_template_child (view, MB_TYPE_CONVERSATION_VIEW,
                                                                                              "view_stack")));
}

/* As a key does, in the field with the cursor. */
static void
type_at_focus (GtkWindow  *window,
               const char *text)
{
  GtkWidget *focus = gtk_window_get_focus (window);

  g_assert_true (GTK_IS_TEXT_VIEW (focus));
  gtk_text_buffer_insert_interactive_at_cursor (gtk_text_view_get_buffer (GTK_TEXT_VIEW (focus)), text, -1, TRUE);
}

typedef struct
{
  MbJournal      *journal;
  MbConversation *conversation;
} Saved;

static gboolean
is_saved (gpointer data)
{
  Saved *saved = data;

  return mb_journal_get_save_state (saved->journal, G_OBJECT (saved->conversation)) == MB_SAVE_STATE_SAVED;
}

/* Where another device went in the conversation (its phase and step) is
 * the conversation's, but the view stays where the leader is, and so
 * does the cursor. Going on goes on from the step on screen.
 */
static void
test_view_stays (void)
{
  g_autoptr(MbScriptLibrary) library = new_library ();
  g_autoptr(MbJournal) journal = new_journal ();
  g_autoptr(GBytes) bytes = g_bytes_new_static (steps_json, sizeof steps_json - 1);
  g_autoptr(MbScript) script = mb_script_new_from_bytes (bytes, "steps.json", NULL);
  g_autoptr(MbConversation) conversation = mb_conversation_new ("p", script, NULL);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  Saved saved = { journal, conversation };
  GtkWidget *view;
  GtkWidget *field;

  mb_conversation_set_phase (conversation, MB_PHASE_TALK);
  mb_journal_add_conversation (journal, conversation);
  view = mb_conversation_view_new (journal, conversation);
  gtk_window_set_child (window, view);
  gtk_window_present (window);
  wait_until (is_mapped, window);
  mb_conversation_view_focus_field (MB_CONVERSATION_VIEW (view));
  field = gtk_window_get_focus (window);
  type_at_focus (window, "Typed here.");

  take_place_from_elsewhere (conversation, "reflect", 2);
  g_assert_cmpint (mb_conversation_get_phase (conversation), ==, MB_PHASE_REFLECT);
  g_assert_cmpuint (mb_conversation_get_step (conversation), ==, 2);
  g_assert_cmpstr (phase_shown (view), ==, "talk");
  g_assert_cmpstr (step_shown (view), ==, "Step 1 of 3");
  g_assert_true (gtk_window_get_focus (window) == field);
  type_at_focus (window, " And on.");
  g_assert_cmpstr (mb_conversation_get_text (conversation, MB_TEXT_STEP_NOTES, "one"), ==, "Typed here. And on.");

  /* The next step after the one on screen, the second. */
  gtk_widget_activate_action (view, "conversation.next-step", NULL);
  g_assert_cmpuint (mb_conversation_get_step (conversation), ==, 1);
  g_assert_cmpstr (step_shown (view), ==, "Step 2 of 3");
  type_at_focus (window, "Second.");
  g_assert_cmpstr (mb_conversation_get_text (conversation, MB_TEXT_STEP_NOTES, "two"), ==, "Second.");

  /* The conversation already at the third, the view goes there too. */
  take_place_from_elsewhere (conversation, "talk", 2);
  g_assert_cmpstr (step_shown (view), ==, "Step 2 of 3");
  gtk_widget_activate_action (view, "conversation.next-step", NULL);
  g_assert_cmpuint (mb_conversation_get_step (conversation), ==, 2);
  g_assert_cmpstr (step_shown (view), ==, "Step 3 of 3");
  type_at_focus (window, "Third.");
  g_assert_cmpstr (mb_conversation_get_text (conversation, MB_TEXT_STEP_NOTES, "three"), ==, "Third.");
  gtk_widget_activate_action (view, "conversation.previous-step", NULL);
  g_assert_cmpstr (step_shown (view), ==, "Step 2 of 3");

  /* Changed here, the phase is shown. */
  mb_conversation_set_phase (conversation, MB_PHASE_PREPARE);
  g_assert_cmpstr (phase_shown (view), ==, "prepare");

  wait_until (is_saved, &saved);
  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  /* GTK's test accessibility backend keeps what the widgets tell it */
  g_setenv ("GTK_A11Y", "test", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* Only the animation test animates */
  set_animations (FALSE);

  g_test_add_func ("/marble-jar/levels", test_jar_levels);
  g_test_add_func ("/marble-jar/full", test_jar_full);
  g_test_add_func ("/marble-jar/stable", test_jar_stable);
  g_test_add_func ("/marble-jar/scales", test_jar_scales);
  g_test_add_func ("/marble-jar/accessible", test_jar_accessible);
  g_test_add_func ("/marble-jar/property", test_jar_property);
  g_test_add_func ("/marble-jar/animation", test_jar_animation);
  g_test_add_func ("/trust-chart/series", test_series);
  g_test_add_func ("/trust-chart/draws", test_chart_draws);
  g_test_add_func ("/trust-chart/accessible", test_chart_accessible);
  g_test_add_func ("/text-field/take-keeps-cursor", test_take_keeps_cursor);
  g_test_add_func ("/text-field/take-keeps-typing", test_take_keeps_typing);
  g_test_add_func ("/text-field/take-same-text", test_take_same_text);
  g_test_add_func ("/text-field/take-from-file", test_take_from_file);
  g_test_add_func ("/text-field/take-too-long", test_take_too_long);
  g_test_add_func ("/conversation-view/stays", test_view_stays);

  return g_test_run ();
}
