/*
 * srx_match.c - a run on one paragraph: the text copied to UTF-16 for
 * ICU's regexes, the candidate breaks (one scan for the break rules read
 * by srx_scan.c, ICU find() for the others) and the decision at each, the
 * first rule in order that matches there.  A rule is asked only where
 * its characters stand next to the position.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uregex.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "srx.h"
#include "srx_rules.h"
#include "utf16len.h"

static void S_target(URegularExpression *re, const UChar *u, int32_t n,
                     int anchor, UErrorCode *ue)
{
	if (!re)
		return;
	uregex_setText(re, u, n, ue);
	uregex_useTransparentBounds(re, 1, ue);
	uregex_useAnchoringBounds(re, anchor, ue);
}

/* run->u16: the text in UTF-16, each ill-formed sequence's bytes as
 * utf16len.h counts them (one unit for each byte but a continuation byte,
 * two for a four-byte sequence's lead), in U+FFFD: offsets map both ways
 * by counting bytes. */
static tumen_status S_utf16(tumen_srx_run *run)
{
	const unsigned char *p = (const unsigned char *)run->text;
	int32_t i, j, len = (int32_t)run->len, n = 0;
	UChar *u;
	UChar32 c;

	if (run->len >= (size_t)INT32_MAX / 2)
		return TUMEN_ELIMIT;
	if (run->cap16 < len + 1) {
		u = realloc(run->u16, ((size_t)len + 1) * sizeof *u);
		if (!u)
			return TUMEN_ENOMEM;
		run->u16 = u;
		run->cap16 = len + 1;
	}
	u = run->u16;
	/* valid text (the contract; the usual case): ICU's converter, the
	 * same count; the loop below only keeps the count on ill-formed
	 * text */
	{
		UErrorCode ue = U_ZERO_ERROR;
		int32_t subs = 0;

		u_strFromUTF8WithSub(u, run->cap16, &n, run->text, len, 0xFFFD,
		                     &subs, &ue);
		run->valid = U_SUCCESS(ue) && subs == 0;
		if (run->valid)
			goto done;
		n = 0;
	}
	for (i = 0; i < len; i++) {
		if (p[i] < 0x80) {
			u[n++] = p[i];
			continue;
		}
		if (tumen_u16_units1(p[i]) == 0)
			continue;
		j = i;
		U8_NEXT(p, j, len, c);
		if (p[i] < 0xF0) {
			u[n++] = c >= 0 && c < 0x10000 ? (UChar)c : 0xFFFD;
		} else {
			u[n++] = c >= 0x10000 ? U16_LEAD(c) : 0xFFFD;
			u[n++] = c >= 0x10000 ? U16_TRAIL(c) : 0xFFFD;
		}
	}
done:
	run->n16 = n;
	run->cur8 = 0;
	run->cur16 = 0;
	return TUMEN_OK;
}

/* The UTF-16 index of UTF-8 offset pos (a code point boundary): the
 * cursor (cur8, cur16) walks there from the last position asked (runs
 * ask in nearly rising order), or from the start when that is nearer. */
static int32_t S_to16(tumen_srx_run *run, size_t pos)
{
	const unsigned char *p = (const unsigned char *)run->text;
	size_t i = run->cur8;
	int32_t k = run->cur16;

	if (pos < i / 2) {
		i = 0;
		k = 0;
	}
	if (i < pos)
		k += (int32_t)tumen_u16_units(p + i, pos - i);
	else
		k -= (int32_t)tumen_u16_units(p + pos, i - pos);
	run->cur8 = pos;
	run->cur16 = k;
	return k;
}

/* The UTF-8 offset of UTF-16 index k (a code point boundary). */
static size_t S_to8(tumen_srx_run *run, int32_t k)
{
	const unsigned char *p = (const unsigned char *)run->text;
	size_t i = run->cur8, u;
	int32_t at = run->cur16;

	if (k < at / 2) {
		i = 0;
		at = 0;
	}
	u = (size_t)at;
	i = tumen_u16_seek(p, run->len, i, &u, (size_t)k);
	at = (int32_t)u;
	while (i > 0 && at > k)
		at -= tumen_u16_units1(p[--i]);
	run->cur8 = i;
	run->cur16 = at;
	return i;
}

tumen_status tumen_srx_run_text(tumen_srx_run *run, const char *text,
                                size_t len, tumen_error *err)
{
	UErrorCode ue = U_ZERO_ERROR;
	tumen_status st;
	size_t i;

	run->ncand = 0;
	run->text = text ? text : "";
	run->len = len;
	if ((st = S_utf16(run))) {
		if (st == TUMEN_ELIMIT && err) {
			tumen_error_clear(err);
			err->code = st;
			snprintf(err->msg, sizeof err->msg, "paragraph of 1 GiB or "
			         "more: too long for the SRX rules");
		}
		return st;
	}
	for (i = 0; i < run->n && U_SUCCESS(ue); i++) {
		S_target(run->live[i].find, run->u16, run->n16, 0, &ue);
		S_target(run->live[i].test, run->u16, run->n16, 0, &ue);
		S_target(run->live[i].bend, run->u16, run->n16, 1, &ue);
		S_target(run->live[i].aft, run->u16, run->n16, 0, &ue);
	}
	return U_SUCCESS(ue) ? TUMEN_OK : tumen_srx_icu_fail(err, ue);
}

const UChar *tumen_srx_run_utf16(const tumen_srx_run *run, int32_t *n16)
{
	*n16 = run->n16;
	return run->u16;
}

/* Whether the characters around pos let rule l match there (an invalid
 * sequence next to it always does). */
static int S_fits(const tumen_srx_run *run, const tumen_srx_live *l,
                  size_t pos)
{
	int32_t i = (int32_t)pos;
	UChar32 c;

	if (l->before) {
		if (pos == 0)
			return 0;
		U8_PREV(run->text, 0, i, c);
		if (c >= 0 && !tumen_srx_cpset_has(l->before, c))
			return 0;
	}
	if (l->after) {
		if (pos >= run->len)
			return 0;
		i = (int32_t)pos;
		U8_NEXT(run->text, i, (int32_t)run->len, c);
		if (c >= 0 && !tumen_srx_cpset_has(l->after, c))
			return 0;
	}
	return 1;
}

/* The start of the run of characters of set a that ends at pos, not
 * before `from` (a code point boundary). */
static size_t S_run_start(const tumen_srx_run *run, const tumen_srx_cpset *a,
                          size_t from, size_t pos)
{
	int32_t i = (int32_t)pos, j;
	UChar32 c;

	while ((size_t)i > from) {
		j = i;
		U8_PREV(run->text, (int32_t)from, j, c);
		if (c >= 0 && !tumen_srx_cpset_has(a, c))
			break;
		i = j;
	}
	return (size_t)i;
}

/* Whether rule l matches at pos (at in UTF-16): B ends there and A
 * starts there. */
static int S_match_at(tumen_srx_run *run, tumen_srx_live *l, size_t pos,
                      int32_t at, UErrorCode *ue)
{
	size_t from;
	const char *p = run->text;

	if (l->test) {
		uregex_setRegion(l->test, at, run->n16, ue);
		return uregex_lookingAt(l->test, -1, ue);
	}
	uregex_setRegion(l->aft, at, run->n16, ue);
	if (!uregex_lookingAt(l->aft, -1, ue))
		return 0;
	from = pos > TUMEN_SRX_WINDOW ? pos - TUMEN_SRX_WINDOW : 0;
	while (from < pos && ((unsigned char)p[from] & 0xC0) == 0x80)
		from++;
	if (l->alpha) /* a match starts after the last foreign character */
		from = S_run_start(run, l->alpha, from, pos);
	uregex_setRegion(l->bend, S_to16(run, from), at, ue);
	return uregex_findNext(l->bend, ue);
}

/* The decision of the first rule matching at pos (at in UTF-16, or -1
 * if not known yet): 1 break, 0 no break, -1 no rule matches.  ICU is
 * asked only for the rules whose characters fit (and, with strings, whose
 * strings end there: srx_lits.c). */
static int S_decide(tumen_srx_run *run, size_t pos, int32_t at,
                    UErrorCode *ue)
{
	tumen_srx_live *l;
	size_t q;

	for (q = 0; q < run->n && U_SUCCESS(*ue); q++) {
		l = &run->live[q];
		if (!S_fits(run, l, pos) ||
		    (l->lits && run->valid &&
		     !tumen_srx_lits_end(l->lits, run->text, pos)))
			continue;
		if (at < 0)
			at = S_to16(run, pos);
		if (S_match_at(run, l, pos, at, ue))
			return l->brk;
	}
	return -1;
}

/* The decision made by tumen_srx_run_breaks() at pos, or -2. */
static int S_cached(const tumen_srx_run *run, size_t pos)
{
	size_t lo = 0, hi = run->ncand, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (run->cand[mid].pos < pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < run->ncand && run->cand[lo].pos == pos ? run->cand[lo].dec
	                                                   : -2;
}

int tumen_srx_run_decide(tumen_srx_run *run, size_t pos)
{
	UErrorCode ue = U_ZERO_ERROR;
	int d = S_cached(run, pos);

	return d > -2 ? d : S_decide(run, pos, -1, &ue);
}

#define S_ANY_RULE ((size_t)-1) /* a candidate no rule is known to match */

static tumen_status S_push_cand(tumen_srx_run *run, size_t pos, int32_t at,
                                size_t rule)
{
	if (tumen_srx_grow(&run->cand, &run->capcand, run->ncand,
	                   sizeof *run->cand))
		return TUMEN_ENOMEM;
	run->cand[run->ncand].pos = pos;
	run->cand[run->ncand].at16 = at;
	run->cand[run->ncand++].rule = rule;
	return TUMEN_OK;
}

/* Collects the candidates of break rule i: ends of its find matches. */
static tumen_status S_candidates(tumen_srx_run *run, size_t i,
                                 UErrorCode *ue)
{
	URegularExpression *re = run->live[i].find;
	int32_t e;

	uregex_reset(re, 0, ue);
	while (U_SUCCESS(*ue) && uregex_findNext(re, ue)) {
		e = uregex_end(re, 0, ue);
		if (e > 0 && e < run->n16 &&
		    S_push_cand(run, S_to8(run, e), e, i))
			return TUMEN_ENOMEM;
	}
	return TUMEN_OK;
}

/* S_scan() on well-formed text with run->ends alone: only the bytes that
 * can end one of its characters (run->endlast) are looked at; the
 * character is read back from its last byte. */
static tumen_status S_scan_ends(tumen_srx_run *run)
{
	const unsigned char *p = (const unsigned char *)run->text;
	size_t len = run->len, i, s, last = 0, k = 0;
	int32_t j;
	UChar32 c;

	for (i = 0; (i = tumen_bytes_find(&run->endlast, p, i, len)) + 1 < len;
	     i++) {
		if ((p[i + 1] & 0xC0) == 0x80)
			continue;
		for (s = i; s > 0 && (p[s] & 0xC0) == 0x80; s--)
			;
		j = (int32_t)s;
		U8_NEXT(p, j, (int32_t)len, c);
		if (!tumen_srx_cpset_has(run->ends, c))
			continue;
		k += tumen_u16_units(p + last, i + 1 - last);
		last = i + 1;
		if (S_push_cand(run, last, (int32_t)k, S_ANY_RULE))
			return TUMEN_ENOMEM;
	}
	return TUMEN_OK;
}

/* The candidates of the break rules with a `before` or an `after` set:
 * the positions after a character of run->ends and before one of
 * run->starts (an ill-formed sequence counts as both), found without
 * running ICU; unfiltered, every position. */
static tumen_status S_scan(tumen_srx_run *run)
{
	const unsigned char *p = (const unsigned char *)run->text;
	const tumen_srx_cpset *ends = run->ends, *starts = run->starts;
	int32_t i = 0, s, j, len = (int32_t)run->len, k = 0, u;
	UChar32 c;

	while (i < len) {
		s = i;
		u = 1;
		if (p[i] < 0x80) {
			c = p[i++];
		} else if (p[i] >= 0xC2 && p[i] < 0xE0 && i + 1 < len &&
		           (p[i + 1] & 0xC0) == 0x80) {
			c = (p[i] & 0x1F) << 6 | (p[i + 1] & 0x3F);
			i += 2;
		} else {
			U8_NEXT(p, i, len, c);
			if (c >= 0x10000)
				u = 2;
			else if (c < 0)
				for (u = 0, j = s; j < i; j++)
					u += tumen_u16_units1(p[j]);
		}
		if (s > 0 && (run->every || (starts && (c < 0 ||
		    tumen_srx_cpset_has(starts, c)))) &&
		    S_push_cand(run, (size_t)s, k, S_ANY_RULE))
			return TUMEN_ENOMEM;
		k += u;
		if (i < len && ends && (c < 0 || tumen_srx_cpset_has(ends, c)) &&
		    S_push_cand(run, (size_t)i, k, S_ANY_RULE))
			return TUMEN_ENOMEM;
	}
	return TUMEN_OK;
}

static int S_cmp_cand(const void *a, const void *b)
{
	const tumen_srx_cand *x = a, *y = b;

	if (x->pos != y->pos)
		return x->pos < y->pos ? -1 : 1;
	return x->rule < y->rule ? -1 : x->rule > y->rule;
}

/* The decision at candidate c; c->rule (unless S_ANY_RULE) is known to
 * match there, so some rule at or before it decides. */
static int S_breaks_at(tumen_srx_run *run, const tumen_srx_cand *c,
                       UErrorCode *ue)
{
	int d = S_decide(run, c->pos, c->at16, ue);

	return d < 0 && c->rule != S_ANY_RULE ? 1 : d;
}

tumen_status tumen_srx_run_breaks(tumen_srx_run *run, const size_t **v,
                                  size_t *n, tumen_error *err)
{
	UErrorCode ue = U_ZERO_ERROR;
	tumen_status st;
	size_t i;

	run->ncand = run->nout = 0;
	if (run->ends && !run->starts && !run->every && run->valid)
		st = S_scan_ends(run);
	else if (run->ends || run->starts || run->every)
		st = S_scan(run);
	else
		st = TUMEN_OK;
	if (st)
		return st;
	for (i = 0; i < run->n && !run->every; i++)
		if (run->live[i].brk && !run->live[i].before &&
		    !run->live[i].after && (st = S_candidates(run, i, &ue)))
			return st;
	if (run->ncand > 1)
		qsort(run->cand, run->ncand, sizeof *run->cand, S_cmp_cand);
	for (i = 0; i < run->ncand && U_SUCCESS(ue); i++) {
		if (i && run->cand[i].pos == run->cand[i - 1].pos) {
			run->cand[i].dec = run->cand[i - 1].dec;
			continue; /* the first (lowest) rule decided */
		}
		run->cand[i].dec = S_breaks_at(run, &run->cand[i], &ue);
		if (run->cand[i].dec <= 0)
			continue;
		if (tumen_srx_grow(&run->out, &run->capout, run->nout,
		                   sizeof *run->out))
			return TUMEN_ENOMEM;
		run->out[run->nout++] = run->cand[i].pos;
	}
	if (U_FAILURE(ue))
		return tumen_srx_icu_fail(err, ue);
	*v = run->out;
	*n = run->nout;
	return TUMEN_OK;
}
