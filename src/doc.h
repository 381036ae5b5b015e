/*
 * doc.h - the document model shared by the pipeline stages (private).
 *
 * A document is a list of sentences in input order.  All sentence texts live
 * in one arena (`text`), each followed by a NUL; sentence i is
 * text.ptr + off[i], len[i] bytes.  para[i] is non-decreasing and starts at
 * 0; line[i] is the 1-based input line where sentence i starts.
 */
#ifndef TUMEN_DOC_H
#define TUMEN_DOC_H

#include <stddef.h>
#include <tumen/document.h>
#include "buf.h"

struct tumen_doc {
	char *name;
	char lang[36];
	tumen_buf text;
	size_t n, cap;
	size_t *off;
	size_t *len;
	size_t *para;
	unsigned long *line;
	size_t npara;
	size_t replaced;
};

/* Creates an empty document (name and lang may be NULL). */
tumen_doc *tumen_doc_new(const char *name, const char *lang);

/*
 * Appends a sentence.  The text is cleaned on the way in: leading and
 * trailing white space are trimmed; each run of white space containing a
 * line break or a tab becomes one space.  A sentence that is empty after
 * trimming is not added (returns TUMEN_OK).  `para` must be >= the
 * paragraph of the previous sentence.
 */
tumen_status tumen_doc_add(tumen_doc *d, const char *s, size_t len,
                           size_t para, unsigned long line);

/* Appends e's sentences to d, with their paragraphs and lines (each
 * paragraph at least d's last). */
tumen_status tumen_doc_append(tumen_doc *d, const tumen_doc *e);

#endif
