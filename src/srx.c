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
} S_live;

typedef struct S_cand {
	size_t pos, rule;
	int dec; /* the decision there, once made */
} S_cand;

struct tumen_srx_run {
	S_live *live;
	size_t n;
	UText ut;
	const char *text;
	size_t len;
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

static tumen_status S_add_live(tumen_srx_run *run, const tumen_srx_rule *r)
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
			if ((st = S_add_live(run, &srx->rules[lr->first + j])))
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
	utext_close(&run->ut);
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

tumen_status tumen_srx_run_new(const tumen_srx *srx, const char *lang,
                               tumen_srx_run **out, tumen_error *err)
{
	UText ut0 = UTEXT_INITIALIZER;
	tumen_srx_run *run = calloc(1, sizeof *run);
	tumen_status st;

	*out = NULL;
	if (!run)
		return TUMEN_ENOMEM;
	run->ut = ut0;
	st = S_pick(srx, lang ? lang : "en", run);
	if (st) {
		tumen_srx_run_free(run);
		return st == TUMEN_EICU ? S_icu_fail(err, U_REGEX_INTERNAL_ERROR)
		                        : st;
	}
	*out = run;
	return TUMEN_OK;
}

size_t tumen_srx_run_rules(const tumen_srx_run *run)
{
	return run->n;
}

static void S_target(URegularExpression *re, UText *ut, int anchor,
                     UErrorCode *ue)
{
	if (!re)
		return;
	uregex_setUText(re, ut, ue);
	uregex_useTransparentBounds(re, 1, ue);
	uregex_useAnchoringBounds(re, anchor, ue);
}

tumen_status tumen_srx_run_text(tumen_srx_run *run, const char *text,
                                size_t len, tumen_error *err)
{
	UErrorCode ue = U_ZERO_ERROR;
	size_t i;

	utext_openUTF8(&run->ut, text ? text : "", (int64_t)len, &ue);
	run->ncand = 0;
	run->text = text ? text : "";
	run->len = len;
	for (i = 0; i < run->n && U_SUCCESS(ue); i++) {
		S_target(run->live[i].find, &run->ut, 0, &ue);
		S_target(run->live[i].test, &run->ut, 0, &ue);
		S_target(run->live[i].bend, &run->ut, 1, &ue);
		S_target(run->live[i].aft, &run->ut, 0, &ue);
	}
	return U_SUCCESS(ue) ? TUMEN_OK : S_icu_fail(err, ue);
}

/* Whether rule l matches at pos: B ends there and A starts there. */
static int S_match_at(tumen_srx_run *run, S_live *l, size_t pos,
                      UErrorCode *ue)
{
	size_t from;
	const char *p = run->text;

	if (l->test) {
		uregex_setRegion64(l->test, (int64_t)pos, (int64_t)run->len, ue);
		return uregex_lookingAt64(l->test, -1, ue);
	}
	uregex_setRegion64(l->aft, (int64_t)pos, (int64_t)run->len, ue);
	if (!uregex_lookingAt64(l->aft, -1, ue))
		return 0;
	from = pos > S_WINDOW ? pos - S_WINDOW : 0;
	while (from < pos && ((unsigned char)p[from] & 0xC0) == 0x80)
		from++;
	uregex_setRegion64(l->bend, (int64_t)from, (int64_t)pos, ue);
	return uregex_findNext(l->bend, ue);
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
	size_t i;
	int d = S_cached(run, pos);

	if (d > -2)
		return d;
	for (i = 0; i < run->n; i++)
		if (S_match_at(run, &run->live[i], pos, &ue))
			return run->live[i].brk;
	return -1;
}

/* Collects the candidates of break rule i: ends of its find matches. */
static tumen_status S_candidates(tumen_srx_run *run, size_t i,
                                 UErrorCode *ue)
{
	URegularExpression *re = run->live[i].find;
	int64_t e;

	uregex_reset64(re, 0, ue);
	while (U_SUCCESS(*ue) && uregex_findNext(re, ue)) {
		e = uregex_end64(re, 0, ue);
		if (e <= 0 || (size_t)e >= run->len)
			continue;
		if (tumen_srx_grow(&run->cand, &run->capcand, run->ncand,
		                   sizeof *run->cand))
			return TUMEN_ENOMEM;
		run->cand[run->ncand].pos = (size_t)e;
		run->cand[run->ncand++].rule = i;
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

/* Whether the first rule matching at c->pos breaks; only rules before
 * c->rule can speak first, and c->rule itself matches. */
static int S_breaks_at(tumen_srx_run *run, const S_cand *c, UErrorCode *ue)
{
	size_t q;

	for (q = 0; q < c->rule; q++)
		if (S_match_at(run, &run->live[q], c->pos, ue))
			return run->live[q].brk;
	return 1;
}

tumen_status tumen_srx_run_breaks(tumen_srx_run *run, const size_t **v,
                                  size_t *n, tumen_error *err)
{
	UErrorCode ue = U_ZERO_ERROR;
	tumen_status st;
	size_t i;

	run->ncand = run->nout = 0;
	for (i = 0; i < run->n; i++)
		if (run->live[i].brk && (st = S_candidates(run, i, &ue)))
			return st;
	if (run->ncand > 1)
		qsort(run->cand, run->ncand, sizeof *run->cand, S_cmp_cand);
	for (i = 0; i < run->ncand && U_SUCCESS(ue); i++) {
		if (i && run->cand[i].pos == run->cand[i - 1].pos) {
			run->cand[i].dec = run->cand[i - 1].dec;
			continue; /* the first (lowest) rule decided */
		}
		run->cand[i].dec = S_breaks_at(run, &run->cand[i], &ue);
		if (!run->cand[i].dec)
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
