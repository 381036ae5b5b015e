/*
 * srx.c - SRX rules applied to text: the compiled rules freed, a run made
 * for one language (it clones that language's rules: srx_rules.h says how
 * each is compiled, srx_parse.c reads and compiles them), and the public
 * helpers over a run.  srx_match.c runs it on a paragraph.
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
		tumen_srx_rule_clear(&srx->rules[i]);
		free(srx->rules[i].b);
		free(srx->rules[i].a);
	}
	for (i = 0; i < srx->nlrs; i++) {
		free(srx->lrs[i].name);
		if (srx->defer)
			pthread_mutex_destroy(&srx->defer[i].mu);
	}
	free(srx->defer);
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
	tumen_srx_live *l;
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
	l->alpha = filter ? r->alpha : NULL;
	l->lits = filter ? r->lits : NULL;
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
		if ((st = tumen_srx_lr_ready(srx, srx->maps[i].lr)))
			return st;
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

tumen_status tumen_srx_icu_fail(tumen_error *err, UErrorCode ue)
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
 * before one of those.  Then run->endlast: the last byte of each of ends'
 * characters in UTF-8 (any continuation byte if it has astral ones).  -1
 * when out of memory. */
static int S_union_ends(tumen_srx_run *run)
{
	size_t i, k;
	uint32_t c;
	uint64_t w;

	for (i = 0; i < run->n; i++) {
		const tumen_srx_live *l = &run->live[i];

		if (!l->brk)
			continue;
		if (l->before ? S_add_set(&run->ends, l->before)
		              : l->after && S_add_set(&run->starts, l->after))
			return -1;
	}
	if (!run->ends)
		return 0;
	/* the set's few members, a word of its bitmap at a time (a run is
	 * made for every document) */
	for (k = 0; k < 0x10000 / 64; k++)
		for (w = run->ends->bmp[k]; w; w &= w - 1) {
			c = (uint32_t)(k * 64 + (size_t)__builtin_ctzll(w));
			run->endlast.in[c < 0x80 ? c : 0x80 | (c & 0x3F)] = 1;
		}
	if (run->ends->astral || run->ends->rest)
		memset(run->endlast.in + 0x80, 1, 0x40);
	tumen_bytes_list(&run->endlast);
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
		return st == TUMEN_EICU ? tumen_srx_icu_fail(err, U_REGEX_INTERNAL_ERROR)
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
