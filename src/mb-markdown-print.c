/* mb-markdown-print.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Markdown on paper: a print operation that lays a Markdown document out
 * on pages, with a footer. It reads the Markdown that mb-export.c writes
 * and what people commonly write by hand: headings, paragraphs, lists,
 * quotes, code blocks, rules, bold, italic, code and links.
 */

#define G_LOG_DOMAIN "mb-markdown-print"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mb-markdown-print.h"

/* The document, parsed into blocks */

typedef enum
{
  BLOCK_PARAGRAPH,
  BLOCK_HEADING,
  BLOCK_ITEM,
  BLOCK_QUOTE,
  BLOCK_CODE,
  BLOCK_RULE,
} BlockKind;

typedef struct
{
  BlockKind    kind;
  guint        level;         /* heading 1–6; list depth from 0 */
  char        *marker;        /* “•” or “2.” for a list item */
  GString     *source;        /* its Markdown, lines joined */
  PangoLayout *layout;        /* while printing */
  PangoLayout *marker_layout;
  double       indent;
} Block;

/* Where one line of a block is printed. */
typedef struct
{
  guint  block;
  int    line;
  guint  page;
  double y;                   /* of the baseline; of the line for a rule */
} Placement;

typedef struct
{
  char      *title;
  GPtrArray *blocks;
  GArray    *placements;
  guint      n_pages;
} Document;

/* Sizes in points, the margin in millimetres. */
#define BODY_SIZE     10.5
#define CODE_SIZE     9.0
#define FOOTER_SIZE   8.0
#define FOOTER_HEIGHT 28.0
#define INDENT        16.0
#define MARGIN_MM     20.0

static void
block_free (Block *block)
{
  g_free (block->marker);
  g_string_free (block->source, TRUE);
  g_clear_object (&block->layout);
  g_clear_object (&block->marker_layout);
  g_free (block);
}

static void
document_free (Document *doc)
{
  g_free (doc->title);
  g_ptr_array_unref (doc->blocks);
  g_array_unref (doc->placements);
  g_free (doc);
}

static Block *
add_block (Document   *doc,
           BlockKind   kind,
           guint       level,
           const char *text)
{
  Block *block = g_new0 (Block, 1);

  block->kind = kind;
  block->level = level;
  block->source = g_string_new (text);
  g_ptr_array_add (doc->blocks, block);
  return block;
}

/* Whether @line ends in a hard line break: two spaces, or a backslash. */
static gboolean
ends_in_break (const char *line)
{
  gsize len = strlen (line);
  gsize backslashes = 0;

  if (len >= 2 && line[len - 1] == ' ' && line[len - 2] == ' ')
    return TRUE;
  while (backslashes < len && line[len - 1 - backslashes] == '\\')
    backslashes++;
  return backslashes % 2 == 1;
}

/* A line that continues @block, after a hard break or a space. */
static void
continue_block (Block      *block,
                const char *line,
                gboolean    hard_break)
{
  GString *source = block->source;

  if (hard_break && source->len > 0 && source->str[source->len - 1] == '\\')
    g_string_truncate (source, source->len - 1);
  g_string_append_c (source, hard_break ? '\n' : ' ');
  g_string_append (source, line);
}

static guint
heading_level (const char *line)
{
  guint level = 0;

  while (line[level] == '#')
    level++;
  if (level >= 1 && level <= 6 && (line[level] == ' ' || line[level] == '\0'))
    return level;
  return 0;
}

static gboolean
is_rule (const char *line)
{
  guint marks = 0;

  for (const char *p = line; *p != '\0'; p++)
    {
      if (*p == *line && (*p == '-' || *p == '*' || *p == '_'))
        marks++;
      else if (*p != ' ')
        return FALSE;
    }

  return marks >= 3;
}

/* “- ”, “* ”, “+ ”, “1. ” or “1) ”: returns where the text starts, and
 * the number of a numbered item in @number.
 */
static const char *
item_text (const char  *line,
           char       **number)
{
  const char *p = line;

  if ((*p == '-' || *p == '*' || *p == '+') && (p[1] == ' ' || p[1] == '\0'))
    return p[1] == '\0' ? p + 1 : p + 2;

  while (g_ascii_isdigit (*p))
    p++;
  if (p == line || p - line > 9 || (*p != '.' && *p != ')') || (p[1] != ' ' && p[1] != '\0'))
    return NULL;

  *number = g_strndup (line, p - line + 1);
  return p[1] == '\0' ? p + 1 : p + 2;
}

/* Adds @line to the document: to the block it continues, or as a new
 * one; @open is the block the next line may continue, or %NULL.
 */
static void
add_line (Document    *doc,
          Block      **open,
          const char  *line,
          gboolean     hard_break)
{
  const char *text = line;
  g_autofree char *number = NULL;
  guint indent = 0;
  guint level;

  while (*text == ' ')
    text++, indent++;

  if (*open != NULL && (*open)->kind == BLOCK_CODE)
    {
      if (g_str_has_prefix (text, "```"))
        *open = NULL;
      else
        g_string_append_printf ((*open)->source, "%s%s", (*open)->source->len > 0 ? "\n" : "", line);
      return;
    }

  if (*text == '\0')
    *open = NULL;
  else if (g_str_has_prefix (text, "```"))
    *open = add_block (doc, BLOCK_CODE, 0, "");
  else if ((level = heading_level (text)) > 0)
    {
      g_autofree char *heading = g_strstrip (g_strdup (text + level));

      add_block (doc, BLOCK_HEADING, level, heading);
      *open = NULL;
    }
  else if (is_rule (text))
    {
      add_block (doc, BLOCK_RULE, 0, "");
      *open = NULL;
    }
  else if ((line = item_text (text, &number)) != NULL)
    {
      *open = add_block (doc, BLOCK_ITEM, MIN (indent / 2, 3), line);
      (*open)->marker = number != NULL ? g_steal_pointer (&number) : g_strdup (indent >= 2 ? "◦" : "•");
    }
  else if (*text == '>')
    {
      text += text[1] == ' ' ? 2 : 1;
      if (*open != NULL && (*open)->kind == BLOCK_QUOTE)
        continue_block (*open, text, hard_break);
      else
        *open = add_block (doc, BLOCK_QUOTE, 0, text);
    }
  else if (*open != NULL)
    continue_block (*open, text, hard_break);
  else
    *open = add_block (doc, BLOCK_PARAGRAPH, 0, text);
}

static Document *
document_new (const char *title,
              const char *markdown)
{
  Document *doc = g_new0 (Document, 1);
  g_auto(GStrv) lines = g_strsplit (markdown, "\n", -1);
  Block *open = NULL;
  gboolean hard_break = FALSE;

  doc->title = g_strdup (title);
  doc->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  doc->placements = g_array_new (FALSE, FALSE, sizeof (Placement));

  for (guint i = 0; lines[i] != NULL; i++)
    {
      gboolean broken = hard_break;

      /* The break at the end of this line belongs to the next one. */
      hard_break = ends_in_break (lines[i]);
      add_line (doc, &open, g_strchomp (lines[i]), broken);
    }

  return doc;
}

/* Inline Markdown */

static void
add_attribute (PangoAttrList  *attrs,
               PangoAttribute *attribute,
               gsize           start,
               gsize           end)
{
  attribute->start_index = start;
  attribute->end_index = end;
  pango_attr_list_insert (attrs, attribute);
}

/* Opens or closes bold or italic text at @p, if @p can. */
static gboolean
toggle_emphasis (GString        *text,
                 PangoAttrList  *attrs,
                 const char     *source,
                 const char     *p,
                 gssize         *start,
                 PangoAttribute *(*new_attribute) (void),
                 gsize           mark_length)
{
  char after = p[mark_length];
  char before = p > source ? p[-1] : ' ';

  if (*start < 0)
    {
      /* “*word”, not “5 * 3”; “_word”, not “snake_case” */
      if (after == '\0' || g_ascii_isspace (after) || (*p == '_' && g_ascii_isalnum (before)))
        return FALSE;
      *start = text->len;
      return TRUE;
    }

  if (g_ascii_isspace (before) || (*p == '_' && g_ascii_isalnum (after)))
    return FALSE;
  add_attribute (attrs, new_attribute (), *start, text->len);
  *start = -1;
  return TRUE;
}

static PangoAttribute *
bold_new (void)
{
  return pango_attr_weight_new (PANGO_WEIGHT_BOLD);
}

static PangoAttribute *
italic_new (void)
{
  return pango_attr_style_new (PANGO_STYLE_ITALIC);
}

/* “[text](address)” becomes its text. */
static const char *
skip_link (GString    *text,
           const char *p)
{
  const char *close = strstr (p, "](");
  const char *end = close != NULL ? strchr (close, ')') : NULL;

  if (end == NULL || memchr (p, '\n', end - p) != NULL)
    return NULL;
  g_string_append_len (text, p + 1, close - p - 1);
  return end;
}

/* The text of @source without its marks, which become attributes. */
static char *
parse_inline (const char    *source,
              PangoAttrList *attrs)
{
  GString *text = g_string_new (NULL);
  gssize bold = -1, italic = -1, code = -1;
  const char *end;

  for (const char *p = source; *p != '\0'; p++)
    {
      if (code >= 0 && *p == '`')
        {
          add_attribute (attrs, pango_attr_family_new ("Monospace"), code, text->len);
          code = -1;
        }
      else if (code >= 0)
        g_string_append_c (text, *p);
      else if (*p == '\\' && g_ascii_ispunct (p[1]))
        g_string_append_c (text, *++p);
      else if (*p == '`')
        code = text->len;
      else if ((*p == '*' || *p == '_') && p[1] == *p &&
               toggle_emphasis (text, attrs, source, p, &bold, bold_new, 2))
        p++;
      else if ((*p == '*' || *p == '_') &&
               toggle_emphasis (text, attrs, source, p, &italic, italic_new, 1))
        continue;
      else if (*p == '[' && (end = skip_link (text, p)) != NULL)
        p = end;
      else
        g_string_append_c (text, *p);
    }

  return g_string_free (text, FALSE);
}

/* Laying out and drawing */

static PangoFontDescription *
block_font (Block *block)
{
  static const double heading_sizes[] = { 20.0, 15.0, 12.5, 11.0, BODY_SIZE, BODY_SIZE };
  PangoFontDescription *font = pango_font_description_from_string (block->kind == BLOCK_CODE ? "Monospace"
                                                                                               : "Sans");
  double size = BODY_SIZE;

  if (block->kind == BLOCK_HEADING)
    {
      size = heading_sizes[block->level - 1];
      pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
    }
  else if (block->kind == BLOCK_CODE)
    size = CODE_SIZE;
  else if (block->kind == BLOCK_QUOTE)
    pango_font_description_set_style (font, PANGO_STYLE_ITALIC);

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  return font;
}

/* A paragraph that is all bold, such as a question before its answer. */
static gboolean
is_label (Block *block)
{
  const char *source = block->source->str;
  gsize len = block->source->len;

  return len > 4 && g_str_has_prefix (source, "**") && g_str_has_suffix (source, "**") &&
         strstr (source + 2, "**") == source + len - 2;
}

/* The room above and below a block, in points; between two blocks the
 * larger of the two counts.
 */
static void
block_spacing (Block  *block,
               double *before,
               double *after)
{
  static const double heading_before[] = { 20.0, 16.0, 12.0, 10.0, 10.0, 10.0 };
  static const double heading_after[] = { 10.0, 6.0, 4.0, 3.0, 3.0, 3.0 };

  switch (block->kind)
    {
    case BLOCK_HEADING:
      *before = heading_before[block->level - 1];
      *after = heading_after[block->level - 1];
      break;
    case BLOCK_ITEM:
      *before = *after = 2.0;
      break;
    case BLOCK_RULE:
      *before = *after = 8.0;
      break;
    case BLOCK_PARAGRAPH:
      if (is_label (block))
        {
          *before = 10.0;
          *after = 3.0;
          break;
        }
      G_GNUC_FALLTHROUGH;
    case BLOCK_QUOTE:
    case BLOCK_CODE:
    default:
      *before = *after = 6.0;
      break;
    }
}

static PangoLayout *
new_layout (GtkPrintContext *context,
            Block           *block,
            const char      *text,
            PangoAttrList   *attrs,
            double           width)
{
  PangoLayout *layout = gtk_print_context_create_pango_layout (context);
  g_autoptr(PangoFontDescription) font = block_font (block);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_attributes (layout, attrs);
  pango_layout_set_width (layout, pango_units_from_double (width));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  return layout;
}

static void
document_prepare (Document        *doc,
                  GtkPrintContext *context)
{
  double width = gtk_print_context_get_width (context);

  for (guint i = 0; i < doc->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (doc->blocks, i);
      g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
      g_autofree char *text = NULL;

      if (block->kind == BLOCK_RULE)
        continue;

      if (block->kind == BLOCK_ITEM)
        block->indent = INDENT * (block->level + 1);
      else if (block->kind == BLOCK_QUOTE || block->kind == BLOCK_CODE)
        block->indent = INDENT;

      text = block->kind == BLOCK_CODE ? g_strdup (block->source->str) : parse_inline (block->source->str, attrs);
      g_clear_object (&block->layout);
      block->layout = new_layout (context, block, text, attrs, width - block->indent);
      if (block->marker != NULL)
        {
          g_clear_object (&block->marker_layout);
          block->marker_layout = new_layout (context, block, block->marker, NULL, INDENT);
        }
    }
}

static void
document_release (Document *doc)
{
  for (guint i = 0; i < doc->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (doc->blocks, i);

      g_clear_object (&block->layout);
      g_clear_object (&block->marker_layout);
    }
}

static double
first_line_height (Block *block)
{
  PangoRectangle logical;

  if (block->layout == NULL)
    return 1.0;
  pango_layout_line_get_extents (pango_layout_get_line_readonly (block->layout, 0), NULL, &logical);
  return logical.height / (double) PANGO_SCALE;
}

static double
block_height (Block *block)
{
  PangoRectangle logical;

  pango_layout_get_extents (block->layout, NULL, &logical);
  return logical.height / (double) PANGO_SCALE;
}

/* What must fit below a heading or a label: the start of what follows
 * it, so neither ends a page.
 */
static double
keep_with_next (Document *doc,
                guint     index)
{
  Block *next;
  double before, after, next_before, next_after;

  if (index + 1 >= doc->blocks->len)
    return 0.0;

  next = g_ptr_array_index (doc->blocks, index + 1);
  block_spacing (g_ptr_array_index (doc->blocks, index), &before, &after);
  block_spacing (next, &next_before, &next_after);
  return MAX (after, next_before) + first_line_height (next);
}

static void
place (Document *doc,
       guint     block,
       int       line,
       guint     page,
       double    y)
{
  Placement placement = { block, line, page, y };

  g_array_append_val (doc->placements, placement);
}

/* A page, and how far down it the next line goes. */
typedef struct
{
  guint  page;
  double y;
  double body; /* the height there is for text */
} Cursor;

static void
place_lines (Document *doc,
             guint     index,
             Cursor   *cursor)
{
  Block *block = g_ptr_array_index (doc->blocks, index);
  PangoLayoutIter *iter = pango_layout_get_iter (block->layout);
  int line = 0;

  do
    {
      int top, bottom;
      double height, baseline, needed;

      pango_layout_iter_get_line_yrange (iter, &top, &bottom);
      height = (bottom - top) / (double) PANGO_SCALE;
      baseline = (pango_layout_iter_get_baseline (iter) - top) / (double) PANGO_SCALE;
      needed = height;
      if ((block->kind == BLOCK_HEADING || is_label (block)) && line == 0)
        needed = block_height (block) + keep_with_next (doc, index);

      if (cursor->y > 0.0 && cursor->y + needed > cursor->body)
        cursor->page++, cursor->y = 0.0;
      place (doc, index, line++, cursor->page, cursor->y + baseline);
      cursor->y += height;
    }
  while (pango_layout_iter_next_line (iter));

  pango_layout_iter_free (iter);
}

/* Puts every line on a page, whole: a line that does not fit starts the
 * next page.
 */
static void
document_paginate (Document *doc,
                   double    page_height)
{
  Cursor cursor = { 0, 0.0, page_height - FOOTER_HEIGHT };
  double after = 0.0;

  g_array_set_size (doc->placements, 0);
  for (guint i = 0; i < doc->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (doc->blocks, i);
      double before, next_after;

      block_spacing (block, &before, &next_after);
      if (cursor.y > 0.0)
        cursor.y += MAX (after, before);
      after = next_after;

      if (block->kind != BLOCK_RULE)
        {
          place_lines (doc, i, &cursor);
          continue;
        }

      if (cursor.y > 0.0 && cursor.y + 1.0 > cursor.body)
        cursor.page++, cursor.y = 0.0;
      place (doc, i, -1, cursor.page, cursor.y);
      cursor.y += 1.0;
    }

  doc->n_pages = cursor.page + 1;
}

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
                Block     *block,
                double     width)
{
  if (block->kind == BLOCK_RULE)
    {
      cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
      cairo_rectangle (cr, 0.0, placement->y, width, 0.75);
      cairo_fill (cr);
      return;
    }

  if (block->kind == BLOCK_QUOTE)
    {
      PangoRectangle logical;

      pango_layout_line_get_extents (pango_layout_get_line_readonly (block->layout, placement->line),
                                     NULL, &logical);
      cairo_set_source_rgb (cr, 0.75, 0.75, 0.75);
      cairo_rectangle (cr, INDENT / 2.0 - 1.0, placement->y + logical.y / (double) PANGO_SCALE,
                       2.0, logical.height / (double) PANGO_SCALE);
      cairo_fill (cr);
    }

  cairo_set_source_rgb (cr, 0.0, 0.0, 0.0);
  if (placement->line == 0 && block->marker_layout != NULL)
    {
      int marker_width;

      pango_layout_get_size (block->marker_layout, &marker_width, NULL);
      draw_line (cr, block->marker_layout, 0,
                 block->indent - marker_width / (double) PANGO_SCALE - 5.0, placement->y);
    }
  draw_line (cr, block->layout, placement->line, block->indent, placement->y);
}

/* The title on the left, “Page 1 of 3” on the right, under a line. */
static void
draw_footer (Document        *doc,
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
  g_autofree char *text = g_strdup_printf (_("Page %u of %u"), page + 1, doc->n_pages);
  PangoRectangle logical;
  double y;

  pango_font_description_set_size (font, (int) (FOOTER_SIZE * PANGO_SCALE));
  pango_layout_set_font_description (number, font);
  pango_layout_set_text (number, text, -1);
  pango_layout_get_extents (number, NULL, &logical);
  y = height - logical.height / (double) PANGO_SCALE;

  pango_layout_set_font_description (title, font);
  pango_layout_set_text (title, doc->title, -1);
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

static void
document_draw_page (Document        *doc,
                    GtkPrintContext *context,
                    guint            page)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);

  for (guint i = 0; i < doc->placements->len; i++)
    {
      Placement *placement = &g_array_index (doc->placements, Placement, i);

      if (placement->page == page)
        draw_placement (cr, placement, g_ptr_array_index (doc->blocks, placement->block), width);
    }

  draw_footer (doc, context, page);
}

/* Printing */

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                Document          *doc)
{
  document_prepare (doc, context);
  document_paginate (doc, gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (operation, doc->n_pages);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              Document          *doc)
{
  document_draw_page (doc, context, page);
}

static void
end_print_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              Document          *doc)
{
  document_release (doc);
}

/**
 * mb_markdown_print_operation_new:
 * @title: the document's name: the print job's, and in the footer
 * @markdown: the document
 *
 * Returns: (transfer full): an operation that prints @markdown, laid out
 *   on pages with a footer; run it to print, or to export a PDF
 */
GtkPrintOperation *
mb_markdown_print_operation_new (const char *title,
                        const char *markdown)
{
  GtkPrintOperation *operation;
  g_autoptr(GtkPageSetup) setup = NULL;
  Document *doc;

  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (markdown != NULL, NULL);

  operation = gtk_print_operation_new ();
  setup = gtk_page_setup_new ();
  doc = document_new (title, markdown);

  gtk_page_setup_set_top_margin (setup, MARGIN_MM, GTK_UNIT_MM);
  gtk_page_setup_set_bottom_margin (setup, MARGIN_MM, GTK_UNIT_MM);
  gtk_page_setup_set_left_margin (setup, MARGIN_MM, GTK_UNIT_MM);
  gtk_page_setup_set_right_margin (setup, MARGIN_MM, GTK_UNIT_MM);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, title);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);

  g_object_set_data_full (G_OBJECT (operation), "mb-document", doc, (GDestroyNotify) document_free);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), doc);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), doc);
  g_signal_connect (operation, "end-print", G_CALLBACK (end_print_cb), doc);
  return operation;
}
