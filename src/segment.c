/* STUB - to be replaced by the segment module: presegmented only */
#include "config.h"
#include <string.h>
#include "doc.h"
#include "segment.h"
tumen_status tumen_segment(const char *text, size_t len,
                           const tumen_doc_opts *o, tumen_doc *doc,
                           tumen_error *err)
{
	size_t i = 0, para = 0;
	unsigned long line = 1;
	(void)o; (void)err;
	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - text) : len;
		tumen_status st = tumen_doc_add(doc, text + i, e - i, para, line);
		if (st) return st;
		i = e + 1;
		line++;
	}
	return TUMEN_OK;
}
