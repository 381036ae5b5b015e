/*
 * segment_sentences.c - one paragraph into sentences: the candidate
 * boundaries from ICU, the language rules (segment_rules.c) and SRX
 * (srx.c), merged as the segmentation mode says, then each sentence added
 * to the document with its line.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/ustring.h>

#include "buf.h"
#include "doc.h"
#include "segment_priv.h"
#include "srx.h"
#include "bytescan.h"
#include "utf16len.h"

/* ---- candidate boundaries ---- */

tumen_status tumen_seg_push(tumen_seg *s, size_t b)
{
	if (s->nbrk == s->capbrk) {
		size_t cap = s->capbrk ? s->capbrk + s->capbrk / 2 : 256;
		size_t *v;

		if (cap > (size_t)-1 / sizeof *v)
			return TUMEN_ENOMEM;
		v = realloc(s->brk, cap * sizeof *v);
		if (!v)
			return TUMEN_ENOMEM;
		s->brk = v;
		s->capbrk = cap;
	}
	s->brk[s->nbrk++] = b;
	return TUMEN_OK;
}

/* ICU's boundaries inside the paragraph copy (0 and len left out).  The
 * iterator runs on a UTF-16 copy (the SRX run's when there is one): on
 * UTF-8 text (a UText) half its time went to reading characters through
 * the UText.  Its offsets are mapped back to the copy's bytes in one walk
 * (utf16len.h). */
static tumen_status S_icu_breaks(tumen_seg *s)
{
	UErrorCode ue = U_ZERO_ERROR;
	const UChar *u16;
	int32_t b, n16;
	size_t p8 = 0, p16 = 0;
	tumen_status st;

	if (s->copy.len > INT32_MAX / 2 - 1)
		return tumen_seg_fail(s, TUMEN_EICU, "cannot segment text:",
		                      "paragraph too long");
	if (s->run) {
		u16 = tumen_srx_run_utf16(s->run, &n16);
	} else {
		if (s->copy.len + 1 > s->capu16) {
			UChar *u = realloc(s->u16, (s->copy.len + 1) * sizeof *u);
			if (!u)
				return TUMEN_ENOMEM;
			s->u16 = u;
			s->capu16 = s->copy.len + 1;
		}
		u_strFromUTF8(s->u16, (int32_t)s->capu16, &n16, s->copy.ptr,
		              (int32_t)s->copy.len, &ue);
		u16 = s->u16;
	}
	if (U_SUCCESS(ue))
		ubrk_setText(s->bi, u16, n16, &ue);
	if (U_FAILURE(ue))
		return tumen_seg_fail(s, TUMEN_EICU, "cannot segment text:",
		                      u_errorName(ue));
	ubrk_first(s->bi);
	while ((b = ubrk_next(s->bi)) != UBRK_DONE) {
		p8 = tumen_u16_seek((const unsigned char *)s->copy.ptr,
		                    s->copy.len, p8, &p16, (size_t)b);
		if (p8 >= s->copy.len)
			break;
		if ((st = tumen_seg_push(s, p8)))
			return st;
	}
	return TUMEN_OK;
}

static int S_cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/* Sorts the candidates and drops duplicates (ICU and Persian rules often
 * agree). */
static void S_sort_unique(tumen_seg *s)
{
	size_t i, n = 0;

	if (s->nbrk < 2)
		return; /* brk may still be NULL: qsort() wants a pointer */
	qsort(s->brk, s->nbrk, sizeof *s->brk, S_cmp_size);
	for (i = 0; i < s->nbrk; i++)
		if (n == 0 || s->brk[i] != s->brk[n - 1])
			s->brk[n++] = s->brk[i];
	s->nbrk = n;
}

/* ---- SRX rules ---- */

/* Whether ICU's candidate b stays: the SRX rules decide where one of
 * them matches, at the end of the sentence's text or after the white
 * space (rules put the space on either side); tumen's filter elsewhere. */
static int S_keep_srx(tumen_seg *s, size_t b)
{
	size_t t = tumen_seg_space_start(s->copy.ptr, b);
	int d = -1;

	if (s->run) {
		d = tumen_srx_run_decide(s->run, t);
		if (d < 0 && t != b)
			d = tumen_srx_run_decide(s->run, b);
	}
	return d >= 0 ? d : tumen_seg_keep(s, b);
}

/* ICU's boundaries (and Persian's extra candidates) that survive. */
static tumen_status S_icu_final(tumen_seg *s)
{
	size_t i, n = 0;
	tumen_status st;

	if ((st = S_icu_breaks(s)))
		return st;
	if (s->rules == TUMEN_SEG_RULES_FA) {
		if ((st = tumen_seg_fa_breaks(s)))
			return st;
		S_sort_unique(s);
	}
	for (i = 0; i < s->nbrk; i++)
		if (S_keep_srx(s, s->brk[i]))
			s->brk[n++] = s->brk[i];
	s->nbrk = n;
	return TUMEN_OK;
}

/* Adds the SRX rules' breaks v[0..n), each moved past the white space
 * after it (as ICU puts them) so that the two kinds merge. */
static tumen_status S_srx_add(tumen_seg *s, const size_t *v, size_t n)
{
	size_t i, b;
	tumen_status st;

	for (i = 0; i < n; i++) {
		b = tumen_seg_skip_space(s->copy.ptr, s->copy.len, v[i]);
		if (b < s->copy.len && (st = tumen_seg_push(s, b)))
			return st;
	}
	return TUMEN_OK;
}

/* ---- one paragraph ---- */

/* Copies the paragraph for ICU with its line breaks (and the other
 * characters ICU treats as paragraph separators: CR, NEL, LS, PS) turned
 * into as many spaces as they have bytes (S_sep_first: their first
 * bytes).  A soft wrap thus never forces
 * a boundary, and byte offsets in the copy are offsets in the input. */
static const tumen_bytes S_sep_first =
        TUMEN_BYTES6('\n', '\r', '\v', '\f', 0xC2, 0xE2);

static tumen_status S_make_copy(tumen_seg *s, const char *p, size_t len)
{
	unsigned char *c;
	size_t i;

	tumen_buf_reset(&s->copy);
	if (tumen_buf_add(&s->copy, p, len))
		return TUMEN_ENOMEM;
	c = (unsigned char *)s->copy.ptr;
	for (i = 0; (i = tumen_bytes_find(&S_sep_first, c, i, len)) < len; i++) {
		if (c[i] == '\n' || c[i] == '\r' || c[i] == '\v' || c[i] == '\f')
			c[i] = ' ';
		else if (c[i] == 0xC2 && i + 1 < len && c[i + 1] == 0x85)
			memset(c + i, ' ', 2);
		else if (c[i] == 0xE2 && i + 2 < len && c[i + 1] == 0x80 &&
		         (c[i + 2] == 0xA8 || c[i + 2] == 0xA9))
			memset(c + i, ' ', 3);
	}
	return TUMEN_OK;
}

/* Moves the line cursor forward to text offset `to`. */
static unsigned long S_line_at(tumen_seg *s, size_t to)
{
	const char *nl;

	while (s->lpos < to &&
	       (nl = memchr(s->text + s->lpos, '\n', to - s->lpos))) {
		s->lline++;
		s->lpos = (size_t)(nl - s->text) + 1;
	}
	s->lpos = to > s->lpos ? to : s->lpos;
	return s->lline;
}

/* Adds text[a..b) as a sentence of paragraph `para`; its line is that of
 * its first non-space character, as tumen_doc_add() trims. */
static tumen_status S_emit(tumen_seg *s, size_t a, size_t b, size_t para)
{
	size_t i = tumen_seg_skip_space(s->text, b, a);

	if (i == b)
		return TUMEN_OK;
	return tumen_doc_add(s->doc, s->text + a, b - a, para,
	                     S_line_at(s, i));
}

/* Splits text[ps..pe) into sentences of paragraph `para`. */
tumen_status tumen_seg_split_para(tumen_seg *s, size_t ps, size_t pe,
                                  size_t para)
{
	size_t i, prev = 0, n = 0;
	const size_t *v = NULL;
	tumen_status st;

	if (pe - ps > INT32_MAX) {
		if (s->err) {
			s->err->code = TUMEN_ELIMIT;
			s->err->line = s->lline;
			s->err->has_byte = 1;
			s->err->byte = ps;
			snprintf(s->err->msg, sizeof s->err->msg,
			         "paragraph longer than 2 GiB");
		}
		return TUMEN_ELIMIT;
	}
	if ((st = S_make_copy(s, s->text + ps, pe - ps)))
		return st;
	s->nbrk = 0;
	/* the SRX pass first: it leaves its decisions for S_keep_srx() */
	if (s->run && ((st = tumen_srx_run_text(s->run, s->copy.ptr,
	                                        s->copy.len, s->err)) ||
	               (st = tumen_srx_run_breaks(s->run, &v, &n, s->err))))
		return st;
	if (s->mode != TUMEN_SEG_MODE_SRX && (st = S_icu_final(s)))
		return st;
	if (s->run && (st = S_srx_add(s, v, n)))
		return st;
	S_sort_unique(s);
	for (i = 0; i < s->nbrk; i++) {
		if ((st = S_emit(s, ps + prev, ps + s->brk[i], para)))
			return st;
		prev = s->brk[i];
	}
	return S_emit(s, ps + prev, pe, para);
}
