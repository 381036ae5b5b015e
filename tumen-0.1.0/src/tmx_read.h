/*
 * tmx_read.h - the streaming TMX reader (private side; public API in
 * tumen/tmx.h).
 *
 * The validator needs more than the units: every element as it opens and
 * closes, with its attributes and its parent.  A hook set here sees them
 * before the reader acts on them.
 */
#ifndef TUMEN_TMX_READ_H
#define TUMEN_TMX_READ_H

#include <tumen/tmx.h>
#include "buf.h"

/* Called at each start tag (atts: name, value, ..., NULL) and end tag
 * (atts NULL).  `parent` is the enclosing element's name, "" for the root;
 * `line` is the tag's line. */
typedef void (*tumen_tmx_hook)(void *ctx, const char *name,
                               const char **atts, const char *parent,
                               unsigned long line);

void tumen_tmx_reader_set_hook(tumen_tmx_reader *r, tumen_tmx_hook fn,
                               void *ctx);

/* Appends v escaped for an attribute value (TAB and LF as references,
 * which a parser would otherwise turn into spaces); -1 when out of
 * memory. */
int tumen_tmx_escape_attr(tumen_buf *b, const char *v);

#endif
