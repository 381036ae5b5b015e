/*
 * segment_priv.h - the sentence segmenter's insides (private; the stage's
 * entry point is in segment.h), shared by segment.c (paragraphs, set-up),
 * segment_sentences.c (one paragraph into sentences) and segment_rules.c
 * (the English and Persian rules).
 *
 * Offsets are UTF-8 byte offsets: into the whole input for `text`, into
 * the current paragraph (s->copy) for the candidate boundaries.
 */
#ifndef TUMEN_SEGMENT_PRIV_H
#define TUMEN_SEGMENT_PRIV_H

#include <stddef.h>
#include <unicode/ubrk.h>
#include <tumen/document.h>
#include <tumen/status.h>
#include "buf.h"
#include "srx.h"

/* The language rules on top of ICU's boundaries. */
enum tumen_seg_rules {
	TUMEN_SEG_RULES_ICU, TUMEN_SEG_RULES_EN, TUMEN_SEG_RULES_FA
};

/* tumen_doc_opts.seg_mode, resolved: 0 never reaches tumen_seg. */
enum tumen_seg_mode {
	TUMEN_SEG_MODE_ICU = 1, TUMEN_SEG_MODE_SRX, TUMEN_SEG_MODE_BOTH
};

/* One call of tumen_segment(). */
typedef struct tumen_seg {
	const char *text;     /* the whole input */
	tumen_doc *doc;
	tumen_error *err;
	enum tumen_seg_rules rules;
	enum tumen_seg_mode mode;
	tumen_srx_run *run;   /* SRX rules (modes SRX and BOTH) */
	UBreakIterator *bi;
	tumen_buf copy;       /* the current paragraph as ICU sees it */
	UChar *u16;           /* ... and in UTF-16, for the iterator */
	size_t capu16;
	size_t *brk, nbrk, capbrk; /* candidate boundaries, paragraph offsets */
	size_t lpos;          /* line cursor: offset in text ... */
	unsigned long lline;  /* ... and its 1-based line */
} tumen_seg;

/* ---- segment.c ---- */

/* Fills s->err (if any) with code st and the message "what detail";
 * returns st. */
tumen_status tumen_seg_fail(tumen_seg *s, tumen_status st, const char *what,
                            const char *detail);

/* ---- segment_sentences.c ---- */

/* Appends candidate boundary b to s->brk.  TUMEN_OK or TUMEN_ENOMEM. */
tumen_status tumen_seg_push(tumen_seg *s, size_t b);

/* Splits text[ps..pe) into sentences of paragraph `para`, added to
 * s->doc; s->lpos and s->lline must be at or before ps.  Returns TUMEN_OK,
 * TUMEN_ENOMEM, TUMEN_EICU or TUMEN_ELIMIT (2 GiB or more). */
tumen_status tumen_seg_split_para(tumen_seg *s, size_t ps, size_t pe,
                                  size_t para);

/* ---- segment_rules.c ---- */

/* The offset of the first character at or after p[i] of valid UTF-8
 * p[0..len) that is not Unicode white space, or len. */
size_t tumen_seg_skip_space(const char *p, size_t len, size_t i);

/* The start of the run of white space that ends at p[t] (t if none). */
size_t tumen_seg_space_start(const char *p, size_t t);

/* Whether candidate boundary b (0 < b < len) of the paragraph s->copy
 * survives the language rules (always, for TUMEN_SEG_RULES_ICU). */
int tumen_seg_keep(const tumen_seg *s, size_t b);

/* Persian: pushes a candidate after every terminal point (and its closing
 * quotes) followed by white space, wherever ICU put one or not.
 * TUMEN_OK or TUMEN_ENOMEM. */
tumen_status tumen_seg_fa_breaks(tumen_seg *s);

#endif
