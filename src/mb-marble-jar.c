/* mb-marble-jar.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A glass jar with a person's marbles in it: one for every marble in,
 * one less for every marble out.
 *
 * The jar is drawn in its own units, JAR_WIDTH × JAR_HEIGHT, scaled to
 * fit the widget. Where each marble rests is worked out once, by dropping
 * them in one after another: each goes to the lowest hollow it can reach,
 * so the pile settles the way real marbles do, and marble n always rests
 * in the same place, whatever the level.
 */

#define G_LOG_DOMAIN "mb-marble-jar"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "mb-marble-jar.h"

/* The jar, in its own units (y grows downwards) */
#define JAR_WIDTH     160.0
#define JAR_HEIGHT    200.0
#define MID           (JAR_WIDTH / 2)
#define LIP_TOP       18.0
#define LIP_HEIGHT    10.0
#define LIP_HALF      48.0
#define NECK_HALF     44.0
#define NECK_Y        46.0   /* where the neck meets the shoulders */
#define FILLET        4.0    /* radius of the curve from the neck into the shoulders */
#define SHOULDER_Y    70.0   /* where the shoulders meet the sides */
#define BODY_HALF     68.0
#define BOTTOM_Y      196.0
#define CORNER        26.0   /* radius of the bottom corners */
#define GLASS         3.0    /* from the outline to the inside */
#define LINE          2.0    /* width of the outline */
#define MIN_SCALE     0.4    /* the smallest the jar is drawn */

/* The marbles */
#define RADIUS        8.0
#define GAP           0.5    /* between two marbles that touch */
#define FULL_Y        (NECK_Y + 8.0)  /* no marble's top rises above this */
#define MAX_MARBLES   100
#define STEP          0.25   /* between the places a marble is tried */
#define SLACK         1.5    /* how much higher than the lowest hollow a marble may settle */

/* Animations, in milliseconds */
#define DURATION      400
#define STAGGER       90     /* between marbles that move together */
#define MAX_MOVING    6      /* more change at once than this is not animated */

struct _MbMarbleJar
{
  GtkWidget     parent_instance;

  int           level;
  /* While the animation runs, marbles [moving_from, moving_to) drop in
   * (dropping) or lift out. */
  guint         moving_from;
  guint         moving_to;
  gboolean      dropping;
  gint64        moving_since;  /* µs on the jar's clock */
  guint         moving_ms;     /* how long they take, all together */
  guint         tick_id;
};

G_DEFINE_FINAL_TYPE (MbMarbleJar, mb_marble_jar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LEVEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  float x;
  float y;
} Spot;

static Spot  spots[MAX_MARBLES];
static guint capacity;

/* What the animations read the time from; NULL for the frame clock */
static MbClockFunc clock_now;

/* A few colours of the GNOME palette that sit well together */
static const GdkRGBA palette[] = {
  { 0.384f, 0.627f, 0.918f, 1.f },  /* Blue 2 */
  { 0.200f, 0.820f, 0.478f, 1.f },  /* Green 3 */
  { 0.965f, 0.827f, 0.176f, 1.f },  /* Yellow 3 */
  { 1.000f, 0.639f, 0.282f, 1.f },  /* Orange 2 */
  { 0.753f, 0.380f, 0.796f, 1.f },  /* Purple 2 */
  { 0.208f, 0.518f, 0.894f, 1.f },  /* Blue 3 */
};

static guint32
mix (guint32 x)
{
  x ^= x >> 16;
  x *= 0x7feb352du;
  x ^= x >> 15;
  x *= 0x846ca68bu;
  x ^= x >> 16;
  return x;
}

/* A number in [0, 1) that belongs to marble @index */
static double
unit_for (guint   index,
          guint32 salt)
{
  return mix (index * 2654435761u ^ salt) / 4294967296.0;
}

/* Half the width of the inside of the jar at height @y */
static double
inner_half_width (double y)
{
  double bottom = BOTTOM_Y - GLASS;
  double corner = CORNER - GLASS;
  double rise, shoulder;

  if (y > bottom)
    return -1;
  if (y > bottom - corner)
    {
      double dy = y - (bottom - corner);

      return BODY_HALF - CORNER + sqrt (corner * corner - dy * dy);
    }
  if (y >= SHOULDER_Y)
    return BODY_HALF - GLASS;
  if (y < NECK_Y)
    return NECK_HALF - GLASS;

  /* The shoulders are quarter ellipses (the fillet above them is
   * higher than any marble goes) */
  rise = (SHOULDER_Y - y) / (SHOULDER_Y - NECK_Y);
  shoulder = BODY_HALF - NECK_HALF - FILLET;
  return NECK_HALF + FILLET + shoulder * sqrt (1 - rise * rise) - GLASS;
}

static gboolean
fits (double x,
      double y)
{
  double dx = fabs (x - MID);

  for (int k = -8; k <= 8; k++)
    {
      double f = k / 8.0;

      if (dx + RADIUS * sqrt (1 - f * f) > inner_half_width (y + f * RADIUS) + 0.01)
        return FALSE;
    }
  return TRUE;
}

/* How low a marble can rest at @x on the bottom of the empty jar */
static double
floor_at (double x)
{
  double straight = BODY_HALF - CORNER;
  double bottom = BOTTOM_Y - GLASS;
  double room = CORNER - GLASS - RADIUS;
  double d = fabs (x - MID) - straight;

  if (d <= 0)
    return bottom - RADIUS;
  if (d >= room)
    return -G_MAXDOUBLE;
  return bottom - (CORNER - GLASS) + sqrt (room * room - d * d);
}

/* How low a marble dropped at @x comes to rest on the @n already in */
static double
landing_at (double x,
            guint  n)
{
  double reach = 2 * RADIUS + GAP;
  double y = floor_at (x);

  for (guint j = 0; j < n; j++)
    {
      double dx = x - spots[j].x;

      if (fabs (dx) < reach)
        y = MIN (y, spots[j].y - sqrt (reach * reach - dx * dx));
    }
  if (y == -G_MAXDOUBLE || !fits (x, y))
    return -G_MAXDOUBLE;
  return y;
}

/* Finds where marble @n rests: in a hollow (a place lower than its
 * neighbours) close to the lowest one, the nearest to where it was
 * aimed. Returns FALSE when the jar is full.
 */
static gboolean
settle (guint   n,
        double *landing,
        guint   n_places)
{
  double left = MID - (BODY_HALF - GLASS - RADIUS);
  double aim = left + unit_for (n, 0x5eed) * 2 * (MID - left);
  double lowest = -G_MAXDOUBLE;
  double best_distance = G_MAXDOUBLE;
  int best = -1;

  for (guint i = 0; i < n_places; i++)
    {
      landing[i] = landing_at (left + i * STEP, n);
      lowest = MAX (lowest, landing[i]);
    }
  for (guint i = 0; i < n_places; i++)
    {
      double x = left + i * STEP;

      if (landing[i] == -G_MAXDOUBLE || landing[i] < lowest - SLACK)
        continue;
      if (i > 0 && landing[i - 1] > landing[i])
        continue;
      if (i + 1 < n_places && landing[i + 1] > landing[i])
        continue;
      if (fabs (x - aim) < best_distance)
        {
          best_distance = fabs (x - aim);
          best = i;
        }
    }
  if (best < 0 || landing[best] - RADIUS < FULL_Y)
    return FALSE;
  spots[n].x = left + best * STEP;
  spots[n].y = landing[best];
  return TRUE;
}

static gpointer
fill_jar (gpointer data)
{
  guint n_places = (guint) (2 * (BODY_HALF - GLASS - RADIUS) / STEP) + 1;
  g_autofree double *landing = g_new (double, n_places);

  while (capacity < MAX_MARBLES && settle (capacity, landing, n_places))
    capacity++;
  return NULL;
}

static void
ensure_filled (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, fill_jar, NULL);
}

static guint
shown_for_level (int level)
{
  return (guint) CLAMP (level, 0, (int) capacity);
}

static void
trace_jar (cairo_t *cr)
{
  double neck_top = LIP_TOP + LIP_HEIGHT;
  double shoulder = BODY_HALF - NECK_HALF - FILLET;
  double rise = SHOULDER_Y - NECK_Y;

  cairo_move_to (cr, MID - NECK_HALF, neck_top);
  cairo_arc (cr, MID - NECK_HALF - FILLET, NECK_Y - FILLET, FILLET, 0, G_PI / 2);
  cairo_save (cr);
  cairo_translate (cr, MID - NECK_HALF - FILLET, SHOULDER_Y);
  cairo_scale (cr, shoulder, rise);
  cairo_arc_negative (cr, 0, 0, 1, -G_PI / 2, -G_PI);
  cairo_restore (cr);
  cairo_line_to (cr, MID - BODY_HALF, BOTTOM_Y - CORNER);
  cairo_arc_negative (cr, MID - BODY_HALF + CORNER, BOTTOM_Y - CORNER, CORNER, G_PI, G_PI / 2);
  cairo_line_to (cr, MID + BODY_HALF - CORNER, BOTTOM_Y);
  cairo_arc_negative (cr, MID + BODY_HALF - CORNER, BOTTOM_Y - CORNER, CORNER, G_PI / 2, 0);
  cairo_line_to (cr, MID + BODY_HALF, SHOULDER_Y);
  cairo_save (cr);
  cairo_translate (cr, MID + NECK_HALF + FILLET, SHOULDER_Y);
  cairo_scale (cr, shoulder, rise);
  cairo_arc_negative (cr, 0, 0, 1, 0, -G_PI / 2);
  cairo_restore (cr);
  cairo_arc (cr, MID + NECK_HALF + FILLET, NECK_Y - FILLET, FILLET, G_PI / 2, G_PI);
  cairo_line_to (cr, MID + NECK_HALF, neck_top);
}

static void
trace_lip (cairo_t *cr)
{
  double r = LIP_HEIGHT / 2;

  cairo_new_sub_path (cr);
  cairo_arc (cr, MID - LIP_HALF + r, LIP_TOP + r, r, G_PI / 2, 3 * G_PI / 2);
  cairo_arc (cr, MID + LIP_HALF - r, LIP_TOP + r, r, -G_PI / 2, G_PI / 2);
  cairo_close_path (cr);
}

/* Where the jar goes in the widget */
typedef struct
{
  float x;
  float y;
  float scale;
} Placement;

/* A cairo context that draws in the jar's own units. The snapshot itself
 * is not scaled for it: GTK 4.8 misplaces a cairo node under a scale and
 * a translation together.
 */
static cairo_t *
begin_glass (GtkSnapshot     *snapshot,
             const Placement *at)
{
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot,
                                           &GRAPHENE_RECT_INIT (at->x, at->y,
                                                                JAR_WIDTH * at->scale,
                                                                JAR_HEIGHT * at->scale));

  cairo_translate (cr, at->x, at->y);
  cairo_scale (cr, at->scale, at->scale);
  return cr;
}

/* The glass behind the marbles: a faint tint */
static void
draw_glass_back (GtkSnapshot     *snapshot,
                 const Placement *at,
                 const GdkRGBA   *ink)
{
  cairo_t *cr = begin_glass (snapshot, at);

  trace_jar (cr);
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, ink->red, ink->green, ink->blue, ink->alpha * 0.05);
  cairo_fill (cr);
  cairo_destroy (cr);
}

/* Light caught by the glass: two soft vertical bands on the left. Over a
 * light background only the marbles show them; over a dark one they show
 * on the empty glass too, so they are fainter there.
 */
static void
draw_sheen (cairo_t       *cr,
            const GdkRGBA *ink)
{
  gboolean dark_style = (ink->red + ink->green + ink->blue) / 3 > 0.5;
  double strength = dark_style ? 0.12 : 0.3;
  const struct { double x, width, top, bottom, alpha; } bands[] = {
    { MID - BODY_HALF + GLASS + 4, 7, SHOULDER_Y + 2, BOTTOM_Y - CORNER, 1 },
    { MID - BODY_HALF + GLASS + 14, 3, SHOULDER_Y + 8, SHOULDER_Y + 40, 0.7 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bands); i++)
    {
      cairo_pattern_t *light = cairo_pattern_create_linear (bands[i].x, 0,
                                                            bands[i].x + bands[i].width, 0);
      double r = bands[i].width / 2;

      cairo_pattern_add_color_stop_rgba (light, 0, 1, 1, 1, 0);
      cairo_pattern_add_color_stop_rgba (light, 0.5, 1, 1, 1, strength * bands[i].alpha);
      cairo_pattern_add_color_stop_rgba (light, 1, 1, 1, 1, 0);
      cairo_new_sub_path (cr);
      cairo_arc (cr, bands[i].x + r, bands[i].top + r, r, G_PI, 2 * G_PI);
      cairo_arc (cr, bands[i].x + r, bands[i].bottom - r, r, 0, G_PI);
      cairo_close_path (cr);
      cairo_set_source (cr, light);
      cairo_fill (cr);
      cairo_pattern_destroy (light);
    }
}

/* The glass in front of the marbles: sheen, outline and lip */
static void
draw_glass_front (GtkSnapshot     *snapshot,
                  const Placement *at,
                  const GdkRGBA   *ink)
{
  cairo_t *cr = begin_glass (snapshot, at);

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  draw_sheen (cr, ink);

  cairo_set_line_width (cr, LINE);
  cairo_set_source_rgba (cr, ink->red, ink->green, ink->blue, ink->alpha * 0.4);
  trace_jar (cr);
  cairo_stroke (cr);

  trace_lip (cr);
  cairo_set_source_rgba (cr, ink->red, ink->green, ink->blue, ink->alpha * 0.08);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, ink->red, ink->green, ink->blue, ink->alpha * 0.4);
  cairo_stroke (cr);

  cairo_destroy (cr);
}

static void
draw_marble (GtkSnapshot *snapshot,
             guint        index,
             float        x,
             float        y,
             float        opacity)
{
  const GdkRGBA *color = &palette[mix (index + 1) % G_N_ELEMENTS (palette)];
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (x - RADIUS, y - RADIUS, 2 * RADIUS, 2 * RADIUS);
  GskRoundedRect circle;
  const GskColorStop shading[] = {
    { 0.00f, { 1, 1, 1, 0.40f } },
    { 0.20f, { 1, 1, 1, 0.12f } },
    { 0.50f, { 1, 1, 1, 0.00f } },
    { 0.85f, { 0, 0, 0, 0.08f } },
    { 1.00f, { 0, 0, 0, 0.20f } },
  };

  if (opacity < 1)
    gtk_snapshot_push_opacity (snapshot, opacity);
  gsk_rounded_rect_init_from_rect (&circle, &bounds, RADIUS);
  gtk_snapshot_push_rounded_clip (snapshot, &circle);
  gtk_snapshot_append_color (snapshot, color, &bounds);
  gtk_snapshot_append_radial_gradient (snapshot, &bounds,
                                       &GRAPHENE_POINT_INIT (x - 0.3f * RADIUS, y - 0.35f * RADIUS),
                                       1.5f * RADIUS, 1.5f * RADIUS, 0, 1,
                                       shading, G_N_ELEMENTS (shading));
  gtk_snapshot_pop (snapshot);
  if (opacity < 1)
    gtk_snapshot_pop (snapshot);
}

/* Where a moving marble is at @t (0 to 1): dropping from above the neck
 * into its place and settling, or lifting out of it and fading. It goes
 * sideways only inside the jar, and the last stretch straight down,
 * where nothing is in its way.
 */
static void
draw_moving_marble (GtkSnapshot *snapshot,
                    guint        index,
                    gboolean     dropping,
                    double       t)
{
  double top = LIP_TOP - RADIUS;
  double mouth = NECK_HALF - GLASS - RADIUS;
  double start_x = CLAMP (spots[index].x, MID - mouth, MID + mouth);
  double inside = NECK_Y + RADIUS;
  double aside, y, opacity;

  if (dropping)
    {
      /* Falls under gravity, then a small settle */
      double fall = MIN (t / 0.82, 1);

      y = top + (spots[index].y - top) * fall * fall;
      if (t > 0.82)
        y -= 0.12 * RADIUS * sin (G_PI * (t - 0.82) / 0.18);
      opacity = MIN (t / 0.15, 1);
    }
  else
    {
      y = spots[index].y + (top - spots[index].y) * adw_easing_ease (ADW_EASE_IN_OUT_CUBIC, t);
      opacity = 1 - adw_easing_ease (ADW_EASE_IN_CUBIC, t);
    }

  aside = CLAMP ((y - inside) / (0.7 * (spots[index].y - inside)), 0, 1);
  aside = adw_easing_ease (ADW_EASE_IN_OUT_SINE, aside);
  if (opacity > 0)
    draw_marble (snapshot, index, start_x + (spots[index].x - start_x) * aside, y, opacity);
}

/* The time of the frame being drawn, in µs, as the jar's clock reads it */
static gint64
now (MbMarbleJar *self)
{
  GdkFrameClock *frame_clock;

  if (clock_now != NULL)
    return clock_now ();

  frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  return frame_clock != NULL ? gdk_frame_clock_get_frame_time (frame_clock) : g_get_monotonic_time ();
}

/* Milliseconds since the marbles started moving, at most until they stop */
static guint
moving_for_ms (MbMarbleJar *self)
{
  gint64 ms = (now (self) - self->moving_since) / 1000;

  return CLAMP (ms, 0, self->moving_ms);
}

static void
draw_marbles (MbMarbleJar *self,
              GtkSnapshot *snapshot)
{
  guint moving = self->moving_to - self->moving_from;
  guint resting = moving > 0 ? self->moving_from : shown_for_level (self->level);
  double elapsed;

  for (guint i = 0; i < resting; i++)
    draw_marble (snapshot, i, spots[i].x, spots[i].y, 1);
  if (moving == 0)
    return;

  elapsed = moving_for_ms (self);
  for (guint k = 0; k < moving; k++)
    {
      /* Marbles go in bottom first, and come out top first */
      guint index = self->dropping ? self->moving_from + k : self->moving_to - 1 - k;
      double t = CLAMP ((elapsed - k * STAGGER) / DURATION, 0, 1);

      draw_moving_marble (snapshot, index, self->dropping, t);
    }
}

static void
mb_marble_jar_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  MbMarbleJar *self = MB_MARBLE_JAR (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  Placement at;
  GdkRGBA ink;

  at.scale = MIN (width / JAR_WIDTH, height / JAR_HEIGHT);
  if (at.scale <= 0)
    return;
  at.x = roundf ((width - JAR_WIDTH * at.scale) / 2);
  at.y = roundf ((height - JAR_HEIGHT * at.scale) / 2);

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &ink);
  draw_glass_back (snapshot, &at, &ink);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (at.x, at.y));
  gtk_snapshot_scale (snapshot, at.scale, at.scale);
  draw_marbles (self, snapshot);
  gtk_snapshot_restore (snapshot);
  draw_glass_front (snapshot, &at, &ink);
}

/* Keeps to the jar's shape where room is short: a narrow jar asks for
 * less height. It asks for no more than its natural size; given more, it
 * grows to fill it.
 */
static void
mb_marble_jar_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  double along = orientation == GTK_ORIENTATION_HORIZONTAL ? JAR_WIDTH : JAR_HEIGHT;
  double across = orientation == GTK_ORIENTATION_HORIZONTAL ? JAR_HEIGHT : JAR_WIDTH;

  *minimum = ceil (along * MIN_SCALE);
  if (for_size < 0)
    *natural = along;
  else
    *natural = CLAMP (floor (for_size * along / across), *minimum, along);
}

static GtkSizeRequestMode
mb_marble_jar_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/* The marbles at rest where they go */
static void
stop_moving (MbMarbleJar *self)
{
  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  self->moving_from = self->moving_to = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *frame_clock,
         gpointer       user_data)
{
  MbMarbleJar *self = MB_MARBLE_JAR (widget);

  if (moving_for_ms (self) >= self->moving_ms)
    {
      stop_moving (self);
      return G_SOURCE_REMOVE;
    }

  gtk_widget_queue_draw (widget);
  return G_SOURCE_CONTINUE;
}

/* Marbles [from, to) drop in or lift out, for @ms; at once when the jar
 * is not on screen or animations are off.
 */
static void
start_moving (MbMarbleJar *self,
              guint        from,
              guint        to,
              gboolean     dropping,
              guint        ms)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean animate;

  g_object_get (gtk_widget_get_settings (widget), "gtk-enable-animations", &animate, NULL);
  if (!animate || !gtk_widget_get_mapped (widget))
    return;

  self->moving_from = from;
  self->moving_to = to;
  self->dropping = dropping;
  self->moving_ms = ms;
  self->moving_since = now (self);
  if (self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (widget, tick_cb, NULL, NULL);
}

static void
mb_marble_jar_unmap (GtkWidget *widget)
{
  stop_moving (MB_MARBLE_JAR (widget));
  GTK_WIDGET_CLASS (mb_marble_jar_parent_class)->unmap (widget);
}

static void
update_label (MbMarbleJar *self)
{
  g_autofree char *label = NULL;

  if (self->level > 0)
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          /* Translators: what a screen reader says for a
                                           * person's marble jar */
                                          "Jar with %d marble", "Jar with %d marbles",
                                          self->level),
                             self->level);
  else if (self->level == 0)
    /* Translators: a person's marble jar with no marbles in it */
    label = g_strdup (_("Empty jar"));
  else
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          /* Translators: more marbles went out of the
                                           * jar than came in */
                                          "Empty jar, with %d more marble out than in",
                                          "Empty jar, with %d more marbles out than in",
                                          -self->level),
                             -self->level);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
mb_marble_jar_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_LEVEL:
      g_value_set_int (value, mb_marble_jar_get_level (MB_MARBLE_JAR (object)));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_marble_jar_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_LEVEL:
      mb_marble_jar_set_level (MB_MARBLE_JAR (object), g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_marble_jar_class_init (MbMarbleJarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = mb_marble_jar_get_property;
  object_class->set_property = mb_marble_jar_set_property;

  widget_class->get_request_mode = mb_marble_jar_get_request_mode;
  widget_class->measure = mb_marble_jar_measure;
  widget_class->snapshot = mb_marble_jar_snapshot;
  widget_class->unmap = mb_marble_jar_unmap;

  /**
   * MbMarbleJar:level:
   *
   * Marbles in minus marbles out. The jar shows as many marbles as it
   * holds, and none below zero.
   */
  properties[PROP_LEVEL] =
    g_param_spec_int ("level", NULL, NULL,
                      G_MININT, G_MAXINT, 0,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "marblejar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);

  ensure_filled ();
}

static void
mb_marble_jar_init (MbMarbleJar *self)
{
  update_label (self);
}

GtkWidget *
mb_marble_jar_new (void)
{
  return g_object_new (MB_TYPE_MARBLE_JAR, NULL);
}

int
mb_marble_jar_get_level (MbMarbleJar *self)
{
  g_return_val_if_fail (MB_IS_MARBLE_JAR (self), 0);

  return self->level;
}

/**
 * mb_marble_jar_set_level:
 * @level: marbles in minus marbles out
 *
 * Shows @level marbles, or a full jar above its capacity. While the jar
 * is on screen, a marble that comes in drops into it, and one that goes
 * out lifts out.
 */
void
mb_marble_jar_set_level (MbMarbleJar *self,
                         int          level)
{
  guint before, after;

  g_return_if_fail (MB_IS_MARBLE_JAR (self));

  if (self->level == level)
    return;

  before = shown_for_level (self->level);
  after = shown_for_level (level);
  self->level = level;

  /* A change in the middle of an animation finishes that one first. */
  stop_moving (self);
  if (after != before && MAX (after, before) - MIN (after, before) <= MAX_MOVING)
    start_moving (self, MIN (after, before), MAX (after, before), after > before,
                  DURATION + (MAX (after, before) - MIN (after, before) - 1) * STAGGER);

  update_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEVEL]);
}

/**
 * mb_marble_jar_get_capacity:
 *
 * Returns: how many marbles fill the jar; above this level it shows a
 *   full jar
 */
guint
mb_marble_jar_get_capacity (void)
{
  ensure_filled ();
  return capacity;
}

/**
 * mb_marble_jar_set_clock:
 * @clock: (nullable): what the jars' animations read the time from, in
 *   microseconds that only go forward, as g_get_monotonic_time(); %NULL
 *   for the frame clock, as on screen
 *
 * For tests, which move the time themselves.
 */
void
mb_marble_jar_set_clock (MbClockFunc clock)
{
  clock_now = clock;
}
