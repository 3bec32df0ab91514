/* mb-document-print.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A document on paper: a print operation that lays the blocks of a
 * document (mb-document.c) out on pages, with a footer. A line that does
 * not fit starts the next page, and a heading or a label is never the
 * last thing on a page.
 */

#define G_LOG_DOMAIN "mb-document-print"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mb-document-print.h"

/* A block, laid out for the page while printing. */
typedef struct
{
  const MbBlock *block;
  PangoLayout   *layout;
  PangoLayout   *marker_layout; /* the bullet of an item */
  double         indent;
} Laid;

/* Where one line of a block is printed. */
typedef struct
{
  guint  block;
  int    line;
  guint  page;
  double y;                     /* of the baseline */
} Placement;

struct _MbDocumentPrint
{
  GtkPrintOperation  parent_instance;

  MbDocument        *document;
  GArray            *laid;
  GArray            *placements;
  guint              n_pages;
};

G_DEFINE_FINAL_TYPE (MbDocumentPrint, mb_document_print, GTK_TYPE_PRINT_OPERATION)

enum {
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Sizes in points, the margin in millimetres. */
#define BODY_SIZE     10.5
#define FOOTER_SIZE   8.0
#define FOOTER_HEIGHT 28.0
#define INDENT        16.0
#define MARGIN_MM     20.0

static void
laid_clear (Laid *laid)
{
  g_clear_object (&laid->layout);
  g_clear_object (&laid->marker_layout);
}

static Laid *
laid_at (MbDocumentPrint *self,
         guint            index)
{
  return &g_array_index (self->laid, Laid, index);
}

/* Laying out */

static PangoFontDescription *
block_font (const MbBlock *block)
{
  static const double heading_sizes[] = { 20.0, 15.0, 12.5, 11.0, BODY_SIZE, BODY_SIZE };
  PangoFontDescription *font = pango_font_description_from_string ("Sans");
  double size = BODY_SIZE;

  if (mb_block_get_kind (block) == MB_BLOCK_HEADING)
    {
      size = heading_sizes[mb_block_get_level (block) - 1];
      pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
    }

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  return font;
}

/* A heading, or a label such as a question before its answer: what
 * follows it must start on the same page.
 */
static gboolean
keeps_with_next (const MbBlock *block)
{
  MbBlockKind kind = mb_block_get_kind (block);

  return kind == MB_BLOCK_HEADING || kind == MB_BLOCK_LABEL;
}

/* The room above and below a block, in points; between two blocks the
 * larger of the two counts.
 */
static void
block_spacing (const MbBlock *block,
               double        *before,
               double        *after)
{
  static const double heading_before[] = { 20.0, 16.0, 12.0, 10.0, 10.0, 10.0 };
  static const double heading_after[] = { 10.0, 6.0, 4.0, 3.0, 3.0, 3.0 };

  switch (mb_block_get_kind (block))
    {
    case MB_BLOCK_HEADING:
      *before = heading_before[mb_block_get_level (block) - 1];
      *after = heading_after[mb_block_get_level (block) - 1];
      break;
    case MB_BLOCK_ITEM:
      *before = *after = 2.0;
      break;
    case MB_BLOCK_LABEL:
      *before = 10.0;
      *after = 3.0;
      break;
    case MB_BLOCK_PARAGRAPH:
    default:
      *before = *after = 6.0;
      break;
    }
}

static PangoLayout *
new_layout (GtkPrintContext *context,
            const MbBlock   *block,
            const char      *text,
            double           width)
{
  PangoLayout *layout = gtk_print_context_create_pango_layout (context);
  g_autoptr(PangoFontDescription) font = block_font (block);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, pango_units_from_double (width));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  return layout;
}

/* A label is in bold, all of it. */
static void
set_emphasis (PangoLayout   *layout,
              const MbBlock *block)
{
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
  PangoAttribute *bold;

  if (mb_block_get_kind (block) != MB_BLOCK_LABEL)
    return;

  bold = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
  bold->start_index = 0;
  bold->end_index = strlen (pango_layout_get_text (layout));
  pango_attr_list_insert (attrs, bold);
  pango_layout_set_attributes (layout, attrs);
}

static void
prepare (MbDocumentPrint *self,
         GtkPrintContext *context)
{
  double width = gtk_print_context_get_width (context);
  guint n = mb_document_get_n_blocks (self->document);

  g_array_set_size (self->laid, 0);
  for (guint i = 0; i < n; i++)
    {
      Laid laid = { mb_document_get_block (self->document, i), NULL, NULL, 0.0 };
      g_autofree char *text = mb_block_dup_text (laid.block);

      if (mb_block_get_kind (laid.block) == MB_BLOCK_ITEM)
        {
          laid.indent = INDENT;
          laid.marker_layout = new_layout (context, laid.block, "•", INDENT);
        }
      laid.layout = new_layout (context, laid.block, text, width - laid.indent);
      set_emphasis (laid.layout, laid.block);
      g_array_append_val (self->laid, laid);
    }
}

/* Paginating */

static double
first_line_height (Laid *laid)
{
  PangoRectangle logical;

  pango_layout_line_get_extents (pango_layout_get_line_readonly (laid->layout, 0), NULL, &logical);
  return logical.height / (double) PANGO_SCALE;
}

static double
block_height (Laid *laid)
{
  PangoRectangle logical;

  pango_layout_get_extents (laid->layout, NULL, &logical);
  return logical.height / (double) PANGO_SCALE;
}

/* What must fit below a heading or a label: the start of what follows
 * it, so neither ends a page.
 */
static double
keep_with_next (MbDocumentPrint *self,
                guint            index)
{
  Laid *next;
  double before, after, next_before, next_after;

  if (index + 1 >= self->laid->len)
    return 0.0;

  next = laid_at (self, index + 1);
  block_spacing (laid_at (self, index)->block, &before, &after);
  block_spacing (next->block, &next_before, &next_after);
  return MAX (after, next_before) + first_line_height (next);
}

static void
place (MbDocumentPrint *self,
       guint            block,
       int              line,
       guint            page,
       double           y)
{
  Placement placement = { block, line, page, y };

  g_array_append_val (self->placements, placement);
}

/* A page, and how far down it the next line goes. */
typedef struct
{
  guint  page;
  double y;
  double body; /* the height there is for text */
} Cursor;

static void
place_lines (MbDocumentPrint *self,
             guint            index,
             Cursor          *cursor)
{
  Laid *laid = laid_at (self, index);
  PangoLayoutIter *iter = pango_layout_get_iter (laid->layout);
  int line = 0;

  do
    {
      int top, bottom;
      double height, baseline, needed;

      pango_layout_iter_get_line_yrange (iter, &top, &bottom);
      height = (bottom - top) / (double) PANGO_SCALE;
      baseline = (pango_layout_iter_get_baseline (iter) - top) / (double) PANGO_SCALE;
      needed = height;
      if (keeps_with_next (laid->block) && line == 0)
        needed = block_height (laid) + keep_with_next (self, index);

      if (cursor->y > 0.0 && cursor->y + needed > cursor->body)
        cursor->page++, cursor->y = 0.0;
      place (self, index, line++, cursor->page, cursor->y + baseline);
      cursor->y += height;
    }
  while (pango_layout_iter_next_line (iter));

  pango_layout_iter_free (iter);
}

/* Puts every line on a page, whole: a line that does not fit starts the
 * next page.
 */
static void
paginate (MbDocumentPrint *self,
          double           page_height)
{
  Cursor cursor = { 0, 0.0, page_height - FOOTER_HEIGHT };
  double after = 0.0;

  g_array_set_size (self->placements, 0);
  for (guint i = 0; i < self->laid->len; i++)
    {
      double before, next_after;

      block_spacing (laid_at (self, i)->block, &before, &next_after);
      if (cursor.y > 0.0)
        cursor.y += MAX (after, before);
      after = next_after;
      place_lines (self, i, &cursor);
    }

  self->n_pages = cursor.page + 1;
}

/* Drawing */

static void
draw_line (cairo_t     *cr,
           PangoLayout *layout,
           int          line,
           double       x,
           double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (layout, line));
}

static void
draw_placement (cairo_t   *cr,
                Placement *placement,
                Laid      *laid)
{
  cairo_set_source_rgb (cr, 0.0, 0.0, 0.0);
  if (placement->line == 0 && laid->marker_layout != NULL)
    {
      int marker_width;

      pango_layout_get_size (laid->marker_layout, &marker_width, NULL);
      draw_line (cr, laid->marker_layout, 0,
                 laid->indent - marker_width / (double) PANGO_SCALE - 5.0, placement->y);
    }
  draw_line (cr, laid->layout, placement->line, laid->indent, placement->y);
}

/* The title on the left, “Page 1 of 3” on the right, under a line. */
static void
draw_footer (MbDocumentPrint *self,
             GtkPrintContext *context,
             guint            page)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  g_autoptr(PangoLayout) number = gtk_print_context_create_pango_layout (context);
  g_autoptr(PangoLayout) title = gtk_print_context_create_pango_layout (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");
  /* Translators: the footer of a printed page */
  g_autofree char *text = g_strdup_printf (_("Page %u of %u"), page + 1, self->n_pages);
  g_autofree char *job_name = NULL;
  PangoRectangle logical;
  double y;

  g_object_get (self, "job-name", &job_name, NULL);
  pango_font_description_set_size (font, (int) (FOOTER_SIZE * PANGO_SCALE));
  pango_layout_set_font_description (number, font);
  pango_layout_set_text (number, text, -1);
  pango_layout_get_extents (number, NULL, &logical);
  y = height - logical.height / (double) PANGO_SCALE;

  pango_layout_set_font_description (title, font);
  pango_layout_set_text (title, job_name != NULL ? job_name : "", -1);
  pango_layout_set_width (title, pango_units_from_double (width) - logical.width - pango_units_from_double (24.0));
  pango_layout_set_ellipsize (title, PANGO_ELLIPSIZE_END);

  cairo_set_source_rgb (cr, 0.75, 0.75, 0.75);
  cairo_rectangle (cr, 0.0, y - 6.0, width, 0.5);
  cairo_fill (cr);

  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  cairo_move_to (cr, 0.0, y);
  pango_cairo_show_layout (cr, title);
  cairo_move_to (cr, width - logical.width / (double) PANGO_SCALE, y);
  pango_cairo_show_layout (cr, number);
}

/* Printing */

static void
mb_document_print_begin_print (GtkPrintOperation *operation,
                               GtkPrintContext   *context)
{
  MbDocumentPrint *self = MB_DOCUMENT_PRINT (operation);

  prepare (self, context);
  paginate (self, gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (operation, self->n_pages);
}

static void
mb_document_print_draw_page (GtkPrintOperation *operation,
                             GtkPrintContext   *context,
                             int                page)
{
  MbDocumentPrint *self = MB_DOCUMENT_PRINT (operation);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);

  for (guint i = 0; i < self->placements->len; i++)
    {
      Placement *placement = &g_array_index (self->placements, Placement, i);

      if (placement->page == (guint) page)
        draw_placement (cr, placement, laid_at (self, placement->block));
    }

  draw_footer (self, context, page);
}

static void
mb_document_print_end_print (GtkPrintOperation *operation,
                             GtkPrintContext   *context)
{
  MbDocumentPrint *self = MB_DOCUMENT_PRINT (operation);

  g_array_set_size (self->laid, 0);
}

static void
mb_document_print_finalize (GObject *object)
{
  MbDocumentPrint *self = MB_DOCUMENT_PRINT (object);

  g_clear_object (&self->document);
  g_array_unref (self->laid);
  g_array_unref (self->placements);

  G_OBJECT_CLASS (mb_document_print_parent_class)->finalize (object);
}

static void
mb_document_print_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MbDocumentPrint *self = MB_DOCUMENT_PRINT (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_document_print_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  MbDocumentPrint *self = MB_DOCUMENT_PRINT (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_document_print_class_init (MbDocumentPrintClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *operation_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->finalize = mb_document_print_finalize;
  object_class->get_property = mb_document_print_get_property;
  object_class->set_property = mb_document_print_set_property;
  operation_class->begin_print = mb_document_print_begin_print;
  operation_class->draw_page = mb_document_print_draw_page;
  operation_class->end_print = mb_document_print_end_print;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, MB_TYPE_DOCUMENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mb_document_print_init (MbDocumentPrint *self)
{
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();

  self->laid = g_array_new (FALSE, FALSE, sizeof (Laid));
  g_array_set_clear_func (self->laid, (GDestroyNotify) laid_clear);
  self->placements = g_array_new (FALSE, FALSE, sizeof (Placement));

  gtk_page_setup_set_top_margin (setup, MARGIN_MM, GTK_UNIT_MM);
  gtk_page_setup_set_bottom_margin (setup, MARGIN_MM, GTK_UNIT_MM);
  gtk_page_setup_set_left_margin (setup, MARGIN_MM, GTK_UNIT_MM);
  gtk_page_setup_set_right_margin (setup, MARGIN_MM, GTK_UNIT_MM);
  gtk_print_operation_set_default_page_setup (GTK_PRINT_OPERATION (self), setup);
  gtk_print_operation_set_unit (GTK_PRINT_OPERATION (self), GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (GTK_PRINT_OPERATION (self), TRUE);
}

/**
 * mb_document_print_new:
 * @title: the document's name: the print job's, and in the footer
 *
 * Returns: (transfer full): an operation that prints @document, laid out
 *   on pages with a footer; run it to print, or to export a PDF
 */
GtkPrintOperation *
mb_document_print_new (const char *title,
                       MbDocument *document)
{
  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (MB_IS_DOCUMENT (document), NULL);

  return g_object_new (MB_TYPE_DOCUMENT_PRINT,
                       "document", document,
                       "job-name", title,
                       NULL);
}
