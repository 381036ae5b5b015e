/*
 * srx.c - SRX rules applied to text: a run clones one language's compiled
 * rules (srx_rules.h says how each is compiled; srx_parse.c reads and
 * compiles them) and finds the breaks of a paragraph with ICU regex.
 *
 * A candidate of break rule r is a break unless a rule before r matches
 * there first, so exceptions are tested only where a break could be.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uregex.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include "decode.h"
#include "srx.h"
#include "srx_rules.h"

#define S_WINDOW 1024 /* bytes looked back for an unbounded beforebreak */

int tumen_srx_grow(void *v, size_t *cap, size_t n, size_t size)
{
	void **pv = v;
	size_t c = *cap ? *cap + *cap / 2 : 8;
	void *nv;

	if (n < *cap)
		return 0;
	if (c > (size_t)-1 / size || !(nv = realloc(*pv, c * size)))
		return -1;
	*pv = nv;
	*cap = c;
	return 0;
}

void tumen_srx_regex_close(URegularExpression *re)
{
	if (re)
		uregex_close(re);
}

void tumen_srx_free(tumen_srx *srx)
{
	size_t i;

	if (!srx)
		return;
	for (i = 0; i < srx->nrules; i++) {
		tumen_srx_regex_close(srx->rules[i].find);
		tumen_srx_regex_close(srx->rules[i].test);
		tumen_srx_regex_close(srx->rules[i].bend);
		tumen_srx_regex_close(srx->rules[i].aft);
		tumen_srx_cpset_free(srx->rules[i].before);
		tumen_srx_cpset_free(srx->rules[i].after);
	}
	for (i = 0; i < srx->nlrs; i++)
		free(srx->lrs[i].name);
	for (i = 0; i < srx->nmaps; i++) {
		tumen_srx_regex_close(srx->maps[i].pat);
		free(srx->maps[i].name);
	}
	free(srx->rules);
	free(srx->lrs);
	free(srx->maps);
	free(srx);
}

/* ---- the run: one language's rules on one paragraph ---- */

typedef struct S_live {
	int brk;
	URegularExpression *find, *test, *bend, *aft;
	const tumen_srx_cpset *before, *after; /* NULL when unfiltered */
} S_live;

typedef struct S_cand {
	size_t pos, rule;
	int dec; /* the decision there, once made */
} S_cand;

struct tumen_srx_run {
	S_live *live;
	size_t n;
	tumen_srx_cpset *ends; /* the union of the break rules' `before`, */
	tumen_srx_cpset *starts; /* and of the `after` of those without;
	                          each NULL if no break rule adds to it */
	int every;             /* unfiltered: every position a candidate */
	const char *text;      /* the paragraph, UTF-8 ... */
	size_t len;
	UChar *u16;            /* ... and as ICU's regexes see it, in UTF-16 */
	int32_t n16, cap16;
	size_t cur8;           /* a position in both: text[cur8] is */
	int32_t cur16;         /* u16[cur16] */
	S_cand *cand;
	size_t ncand, capcand;
	size_t *out;
	size_t nout, capout;
};

/* A hostile rule such as (a+)+$ backtracks for ever on a long run of
 * "a"s: each match may take this many steps of ICU's engine (about a
 * millisecond each), then the segmentation fails with an error rather
 * than hang. */
#define REGEX_TIME_LIMIT 2000

static URegularExpression *S_clone(const URegularExpression *re,
                                   UErrorCode *ue)
{
	URegularExpression *c;

	if (!re || U_FAILURE(*ue))
		return NULL;
	c = uregex_clone(re, ue);
	if (c)
		uregex_setTimeLimit(c, REGEX_TIME_LIMIT, ue);
	return c;
}

static tumen_status S_add_live(tumen_srx_run *run, const tumen_srx_rule *r,
                               int filter)
{
	UErrorCode ue = U_ZERO_ERROR;
	S_live *l;
	size_t cap = run->n;

	/* run->live grows one by one: a run is built once per document */
	l = realloc(run->live, (cap + 1) * sizeof *l);
	if (!l)
		return TUMEN_ENOMEM;
	run->live = l;
	l += run->n++;
	l->brk = r->brk;
	l->find = S_clone(r->find, &ue);
	l->test = S_clone(r->test, &ue);
	l->bend = S_clone(r->bend, &ue);
	l->aft = S_clone(r->aft, &ue);
	l->before = filter ? r->before : NULL;
	l->after = filter ? r->after : NULL;
	return U_SUCCESS(ue) ? TUMEN_OK : TUMEN_EICU;
}

/* Whether map m's languagepattern matches all of `lang`. */
static int S_map_matches(const tumen_srx_map *m, const char *lang,
                         UErrorCode *ue)
{
	UText ut = UTEXT_INITIALIZER;
	URegularExpression *re = uregex_clone(m->pat, ue);
	int yes = 0;

	utext_openUTF8(&ut, lang, -1, ue);
	if (re && U_SUCCESS(*ue)) {
		uregex_setUText(re, &ut, ue);
		yes = uregex_matches64(re, -1, ue);
	}
	tumen_srx_regex_close(re);
	utext_close(&ut);
	return U_SUCCESS(*ue) && yes;
}

static tumen_status S_pick(const tumen_srx *srx, const char *lang,
                           tumen_srx_run *run)
{
	UErrorCode ue = U_ZERO_ERROR;
	tumen_status st;
	size_t i, j;

	for (i = 0; i < srx->nmaps; i++) {
		const tumen_srx_lrule *lr = &srx->lrs[srx->maps[i].lr];

		if (!S_map_matches(&srx->maps[i], lang, &ue)) {
			if (U_FAILURE(ue))
				return TUMEN_EICU;
			continue;
		}
		for (j = 0; j < lr->n; j++)
			if ((st = S_add_live(run, &srx->rules[lr->first + j],
			                     !srx->unfiltered)))
				return st;
		if (!srx->cascade)
			break;
	}
	return TUMEN_OK;
}

void tumen_srx_run_free(tumen_srx_run *run)
{
	size_t i;

	if (!run)
		return;
	for (i = 0; i < run->n; i++) {
		tumen_srx_regex_close(run->live[i].find);
		tumen_srx_regex_close(run->live[i].test);
		tumen_srx_regex_close(run->live[i].bend);
		tumen_srx_regex_close(run->live[i].aft);
	}
	free(run->u16);
	free(run->ends);
	free(run->starts);
	free(run->live);
	free(run->cand);
	free(run->out);
	free(run);
}

static tumen_status S_icu_fail(tumen_error *err, UErrorCode ue)
{
	if (err) {
		tumen_error_clear(err);
		err->code = TUMEN_EICU;
		if (ue == U_REGEX_TIME_OUT || ue == U_REGEX_STACK_OVERFLOW)
			snprintf(err->msg, sizeof err->msg, "cannot apply SRX rules: "
			         "a pattern takes too long on this text (%s)",
			         u_errorName(ue));
		else
			snprintf(err->msg, sizeof err->msg,
			         "cannot apply SRX rules: %s", u_errorName(ue));
	}
	return TUMEN_EICU;
}

/* Adds set b to *u (allocated on first use).  -1 when out of memory. */
static int S_add_set(tumen_srx_cpset **u, const tumen_srx_cpset *b)
{
	size_t k;

	if (!*u && !(*u = calloc(1, sizeof **u)))
		return -1;
	for (k = 0; k < sizeof b->bmp / sizeof b->bmp[0]; k++)
		(*u)->bmp[k] |= b->bmp[k];
	(*u)->astral |= b->astral;
	return 0;
}

/* run->ends and run->starts: a break rule with a `before` set can only
 * match after one of its characters, one with only an `after` set only
 * before one of those.  -1 when out of memory. */
static int S_union_ends(tumen_srx_run *run)
{
	size_t i;

	for (i = 0; i < run->n; i++) {
		const S_live *l = &run->live[i];

		if (!l->brk)
			continue;
		if (l->before ? S_add_set(&run->ends, l->before)
		              : l->after && S_add_set(&run->starts, l->after))
			return -1;
	}
	return 0;
}

tumen_status tumen_srx_run_new(const tumen_srx *srx, const char *lang,
                               tumen_srx_run **out, tumen_error *err)
{
	tumen_srx_run *run = calloc(1, sizeof *run);
	tumen_status st;

	*out = NULL;
	if (!run)
		return TUMEN_ENOMEM;
	run->every = srx->unfiltered;
	st = S_pick(srx, lang ? lang : "en", run);
	if (st) {
		tumen_srx_run_free(run);
		return st == TUMEN_EICU ? S_icu_fail(err, U_REGEX_INTERNAL_ERROR)
		                        : st;
	}
	if (S_union_ends(run)) {
		tumen_srx_run_free(run);
		return TUMEN_ENOMEM;
	}
	*out = run;
	return TUMEN_OK;
}

void tumen_srx_set_filter(tumen_srx *srx, int on)
{
	srx->unfiltered = !on;
}

size_t tumen_srx_run_rules(const tumen_srx_run *run)
{
	return run->n;
}

static void S_target(URegularExpression *re, const UChar *u, int32_t n,
                     int anchor, UErrorCode *ue)
{
	if (!re)
		return;
	uregex_setText(re, u, n, ue);
	uregex_useTransparentBounds(re, 1, ue);
	uregex_useAnchoringBounds(re, anchor, ue);
}

/* run->u16: the text in UTF-16, each ill-formed sequence (as U8_NEXT()
 * reads it) one U+FFFD, so that S_to16() and S_to8() can walk both. */
static tumen_status S_utf16(tumen_srx_run *run)
{
	const char *p = run->text;
	int32_t i = 0, len = (int32_t)run->len, n = 0;
	UChar32 c;

	if (run->len >= (size_t)INT32_MAX / 2)
		return TUMEN_ELIMIT;
	if (run->cap16 < len + 1) {
		UChar *u = realloc(run->u16, ((size_t)len + 1) * sizeof *u);

		if (!u)
			return TUMEN_ENOMEM;
		run->u16 = u;
		run->cap16 = len + 1;
	}
	while (i < len) {
		U8_NEXT(p, i, len, c);
		if (c < 0)
			c = 0xFFFD;
		if (c < 0x10000) {
			run->u16[n++] = (UChar)c;
		} else {
			run->u16[n++] = U16_LEAD(c);
			run->u16[n++] = U16_TRAIL(c);
		}
	}
	run->n16 = n;
	run->cur8 = 0;
	run->cur16 = 0;
	return TUMEN_OK;
}

/* Moves the cursor (cur8, cur16) one code point forward or back. */
static void S_step(tumen_srx_run *run, int forward)
{
	int32_t i = (int32_t)run->cur8;
	UChar32 c;

	if (forward)
		U8_NEXT(run->text, i, (int32_t)run->len, c);
	else
		U8_PREV(run->text, 0, i, c);
	run->cur16 += (forward ? 1 : -1) * (c >= 0x10000 ? 2 : 1);
	run->cur8 = (size_t)i;
}

/* The UTF-16 index of UTF-8 offset pos (a code point boundary): the
 * cursor walks there from the last position asked (runs ask in nearly
 * rising order), or from the start when that is nearer. */
static int32_t S_to16(tumen_srx_run *run, size_t pos)
{
	if (pos < run->cur8 / 2) {
		run->cur8 = 0;
		run->cur16 = 0;
	}
	while (run->cur8 < pos)
		S_step(run, 1);
	while (run->cur8 > pos)
		S_step(run, 0);
	return run->cur16;
}

/* The UTF-8 offset of UTF-16 index k (a code point boundary). */
static size_t S_to8(tumen_srx_run *run, int32_t k)
{
	if (k < run->cur16 / 2) {
		run->cur8 = 0;
		run->cur16 = 0;
	}
	while (run->cur16 < k && run->cur8 < run->len)
		S_step(run, 1);
	while (run->cur16 > k && run->cur8 > 0)
		S_step(run, 0);
	return run->cur8;
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
	return U_SUCCESS(ue) ? TUMEN_OK : S_icu_fail(err, ue);
}

/* Whether the characters around pos let rule l match there (an invalid
 * sequence next to it always does). */
static int S_fits(const tumen_srx_run *run, const S_live *l, size_t pos)
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

/* Whether rule l matches at pos: B ends there and A starts there. */
static int S_match_at(tumen_srx_run *run, S_live *l, size_t pos,
                      UErrorCode *ue)
{
	size_t from;
	const char *p = run->text;

	if (!S_fits(run, l, pos))
		return 0;
	int32_t at = S_to16(run, pos);

	if (l->test) {
		uregex_setRegion(l->test, at, run->n16, ue);
		return uregex_lookingAt(l->test, -1, ue);
	}
	uregex_setRegion(l->aft, at, run->n16, ue);
	if (!uregex_lookingAt(l->aft, -1, ue))
		return 0;
	from = pos > S_WINDOW ? pos - S_WINDOW : 0;
	while (from < pos && ((unsigned char)p[from] & 0xC0) == 0x80)
		from++;
	uregex_setRegion(l->bend, S_to16(run, from), at, ue);
	return uregex_findNext(l->bend, ue);
}

/* The decision of the first rule matching at pos: 1 break, 0 no break,
 * -1 no rule matches. */
static int S_decide(tumen_srx_run *run, size_t pos, UErrorCode *ue)
{
	size_t q;

	for (q = 0; q < run->n && U_SUCCESS(*ue); q++)
		if (S_match_at(run, &run->live[q], pos, ue))
			return run->live[q].brk;
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

	return d > -2 ? d : S_decide(run, pos, &ue);
}

#define S_ANY_RULE ((size_t)-1) /* a candidate no rule is known to match */

static tumen_status S_push_cand(tumen_srx_run *run, size_t pos, size_t rule)
{
	if (tumen_srx_grow(&run->cand, &run->capcand, run->ncand,
	                   sizeof *run->cand))
		return TUMEN_ENOMEM;
	run->cand[run->ncand].pos = pos;
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
		    S_push_cand(run, S_to8(run, e), i))
			return TUMEN_ENOMEM;
	}
	return TUMEN_OK;
}

/* Whether the break rules read by srx_scan.c may match between code
 * points c and d (negative: an ill-formed sequence, which always may). */
static int S_may_break(const tumen_srx_run *run, UChar32 c, UChar32 d)
{
	if (run->every || c < 0 || d < 0)
		return 1;
	return (run->ends && tumen_srx_cpset_has(run->ends, c)) ||
	       (run->starts && tumen_srx_cpset_has(run->starts, d));
}

/* The candidates of the break rules with a `before` or an `after` set:
 * the positions next to one of their characters, found without running
 * ICU (or, unfiltered, every position). */
static tumen_status S_scan(tumen_srx_run *run)
{
	const char *p = run->text;
	int32_t i = 0, at, len = (int32_t)run->len;
	UChar32 c, d;

	if (len == 0)
		return TUMEN_OK;
	U8_NEXT(p, i, len, c);
	while (i < len) {
		at = i;
		U8_NEXT(p, i, len, d);
		if (S_may_break(run, c, d) &&
		    S_push_cand(run, (size_t)at, S_ANY_RULE))
			return TUMEN_ENOMEM;
		c = d;
	}
	return TUMEN_OK;
}

static int S_cmp_cand(const void *a, const void *b)
{
	const S_cand *x = a, *y = b;

	if (x->pos != y->pos)
		return x->pos < y->pos ? -1 : 1;
	return x->rule < y->rule ? -1 : x->rule > y->rule;
}

/* The decision at candidate c; c->rule (unless S_ANY_RULE) is known to
 * match there, so some rule at or before it decides. */
static int S_breaks_at(tumen_srx_run *run, const S_cand *c, UErrorCode *ue)
{
	int d = S_decide(run, c->pos, ue);

	return d < 0 && c->rule != S_ANY_RULE ? 1 : d;
}

tumen_status tumen_srx_run_breaks(tumen_srx_run *run, const size_t **v,
                                  size_t *n, tumen_error *err)
{
	UErrorCode ue = U_ZERO_ERROR;
	tumen_status st;
	size_t i;

	run->ncand = run->nout = 0;
	if ((run->ends || run->starts || run->every) && (st = S_scan(run)))
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
		return S_icu_fail(err, ue);
	*v = run->out;
	*n = run->nout;
	return TUMEN_OK;
}

/* ---- public helpers over a run ---- */

size_t tumen_srx_rule_count(const tumen_srx *srx, const char *lang)
{
	tumen_srx_run *run;
	size_t n;

	if (!srx || tumen_srx_run_new(srx, lang, &run, NULL))
		return 0;
	n = run->n;
	tumen_srx_run_free(run);
	return n;
}

/* TUMEN_OK if text[0..len) is valid UTF-8, else TUMEN_EUTF8 with the
 * offset of the first invalid sequence. */
static tumen_status S_check_utf8(const char *text, size_t len,
                                 tumen_error *err)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t i = 0, k;
	unsigned cp;

	while (i < len) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if (!(k = tumen_utf8_next(p + i, len - i, &cp))) {
			if (err) {
				tumen_error_clear(err);
				err->code = TUMEN_EUTF8;
				err->has_byte = 1;
				err->byte = i;
				snprintf(err->msg, sizeof err->msg, "invalid UTF-8");
			}
			return TUMEN_EUTF8;
		}
		i += k;
	}
	return TUMEN_OK;
}

tumen_status tumen_srx_split(const tumen_srx *srx, const char *lang,
                             const char *text, size_t len, size_t **breaks,
                             size_t *n, tumen_error *err)
{
	tumen_srx_run *run = NULL;
	const size_t *v;
	tumen_status st;

	*breaks = NULL;
	*n = 0;
	if (!srx || (!text && len) || len > INT32_MAX)
		return TUMEN_EINVAL;
	if ((st = S_check_utf8(text, len, err)))
		return st;
	st = tumen_srx_run_new(srx, lang, &run, err);
	if (!st)
		st = tumen_srx_run_text(run, text, len, err);
	if (!st)
		st = tumen_srx_run_breaks(run, &v, n, err);
	if (!st && *n) {
		*breaks = malloc(*n * sizeof **breaks);
		if (*breaks)
			memcpy(*breaks, v, *n * sizeof **breaks);
		else
			st = TUMEN_ENOMEM;
	}
	if (st)
		*n = 0;
	tumen_srx_run_free(run);
	return st;
}
