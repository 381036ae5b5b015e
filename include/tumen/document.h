/*
 * tumen/document.h - a document: decoded, normalized, segmented.
 *
 * tumen_doc_from_bytes() runs the first three pipeline stages on one side of
 * a parallel text: decode (any iconv encoding, byte-order marks, UTF-8
 * validation), normalize (Unicode NFC) and segment (paragraphs, then
 * sentences).  The result is an immutable list of sentences in input order,
 * each with its paragraph index and input line.  Sentence text is the input
 * after NFC, with leading/trailing white space trimmed and internal line
 * breaks and tabs turned into single spaces.
 */
#ifndef TUMEN_DOCUMENT_H
#define TUMEN_DOCUMENT_H

#include <stddef.h>
#include <tumen/status.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct tumen_doc tumen_doc;
struct tumen_srx; /* SRX rules, see tumen/srx.h */

typedef enum tumen_para_mode {
	TUMEN_PARA_BLANK = 0, /* a blank line separates paragraphs (default) */
	TUMEN_PARA_LINE       /* each line is a paragraph */
} tumen_para_mode;

typedef struct tumen_doc_opts {
	const char *encoding; /* iconv name; NULL: byte-order mark, else UTF-8 */
	int lenient;          /* replace invalid input with U+FFFD, don't fail */
	const char *lang;     /* BCP 47 language ("en", "fa"); NULL: "en" */
	int presegmented;     /* each non-empty line is one segment */
	tumen_para_mode para_mode;
	/* Sentence rules (borrowed, may be shared by threads): NULL for the
	 * built-in ones.  With rules given, seg_mode 0 means SRX only. */
	const struct tumen_srx *srx;
	/* Sentence segmenter: 0 the default (see segment.c), 1 ICU's break
	 * iterator with tumen's filters, 2 SRX rules only, 3 ICU's
	 * boundaries corrected by the SRX rules where they speak. */
	int seg_mode;
	/* Threads segmentation may use (default 1): with 2, a long text is cut
	 * at a paragraph near its middle and the two parts segmented at once
	 * (the same sentences). */
	int threads;
} tumen_doc_opts;

/* Sets `o` to the defaults (UTF-8 or BOM, strict, "en", blank-line paras). */
void tumen_doc_opts_init(tumen_doc_opts *o);

/*
 * Builds a document from `len` raw bytes.  `name` (may be NULL) is kept for
 * messages.  On success *out owns a new document (free with tumen_doc_free).
 * On failure returns the status, fills `err` (may be NULL) and sets *out to
 * NULL.  A document without any sentence is TUMEN_EEMPTY.
 */
tumen_status tumen_doc_from_bytes(const char *bytes, size_t len,
                                  const char *name, const tumen_doc_opts *o,
                                  tumen_doc **out, tumen_error *err);

void tumen_doc_free(tumen_doc *doc);

/* Number of sentences (segments). */
size_t tumen_doc_count(const tumen_doc *doc);
/* Number of paragraphs (at least 1 for a non-empty document). */
size_t tumen_doc_paragraphs(const tumen_doc *doc);
/* Text of sentence i (NUL-terminated UTF-8, borrowed); *len gets its byte
 * length when len is not NULL. */
const char *tumen_doc_sentence(const tumen_doc *doc, size_t i, size_t *len);
/* 0-based paragraph index of sentence i (non-decreasing in i). */
size_t tumen_doc_paragraph(const tumen_doc *doc, size_t i);
/* 1-based input line on which sentence i starts. */
unsigned long tumen_doc_line(const tumen_doc *doc, size_t i);
/* Language code given at creation. */
const char *tumen_doc_lang(const tumen_doc *doc);
/* Name given at creation ("" if none). */
const char *tumen_doc_name(const tumen_doc *doc);
/* Share of the document's letters that are in Arabic script (Persian,
 * Arabic, Urdu ...), in [0, 1]; 0 for a document without letters.  Lets a
 * caller notice swapped sides. */
double tumen_doc_arabic_share(const tumen_doc *doc);

/* Invalid sequences replaced by U+FFFD (lenient mode only). */
size_t tumen_doc_replaced(const tumen_doc *doc);

#ifdef __cplusplus
}
#endif
#endif
