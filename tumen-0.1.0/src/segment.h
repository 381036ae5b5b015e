/*
 * segment.h - pipeline stage 3: paragraphs and sentences.
 *
 * Input: valid NFC UTF-8 text with LF line ends.  Output: sentences appended
 * to a document with tumen_doc_add() (doc.h), with paragraph indices
 * counted from 0 and 1-based input lines.
 *
 * Paragraphs: one or more blank (white-space only) lines separate paragraphs
 * (TUMEN_PARA_BLANK), or every non-blank line is one (TUMEN_PARA_LINE).
 * Presegmented: each non-blank line is one sentence; blank lines separate
 * paragraphs.
 * Sentences: ICU's sentence break iterator (locale "<lang>@ss=standard", so
 * English abbreviations such as "Mr." and "U.S." do not break), with rules on
 * top for Persian ("fa"): no break inside numbers (۱۲٫۵, 3.5), after a
 * single-letter initial, or before a lower-case/continuing character; a break
 * after . ! ? ؟ ۔ followed by white space or end of paragraph.
 */
#ifndef TUMEN_SEGMENT_H
#define TUMEN_SEGMENT_H

#include <stddef.h>
#include <tumen/document.h>
#include <tumen/status.h>

/*
 * Segments text[0..len) into `doc` as `o` says (o->lang, o->presegmented,
 * o->para_mode, o->srx and o->seg_mode are used; o == NULL means
 * tumen_doc_opts_init()'s defaults).
 * In presegmented mode with TUMEN_PARA_LINE every line is also a
 * paragraph.  Sentences go to tumen_doc_add() in input order; `doc` keeps
 * what was added before a failure.  Returns TUMEN_OK, TUMEN_ENOMEM,
 * TUMEN_EINVAL (doc NULL, or text NULL with len > 0), TUMEN_EICU or
 * TUMEN_ELIMIT (a paragraph of 2 GiB or more, ICU's limit); the last two
 * fill `err` (may be NULL).  Time is linear in len; the ICU iterator is
 * opened once per call.
 */
tumen_status tumen_segment(const char *text, size_t len,
                           const tumen_doc_opts *o, tumen_doc *doc,
                           tumen_error *err);

#endif
