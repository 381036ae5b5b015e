/*
 * eval.c - scoring beads against gold, exactly as vecalign's score.py:
 * precision over test beads (empty-side beads included), recall as
 * precision with the roles swapped and empty-side beads left out.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tumen/eval.h>

/* Parses one side "3,4,5" (or "") into a range; 0 or -1 (not consecutive
 * or not a number). */
static int S_parse_side(const char *s, const char *e, size_t *first, size_t *n)
{
	size_t prev = 0;

	*first = 0;
	*n = 0;
	while (s < e) {
		unsigned long long v = 0;
		const char *d = s;
		while (s < e && *s >= '0' && *s <= '9') {
			if (v > ((unsigned long long)-1 - 9) / 10)
				return -1;
			v = v * 10 + (unsigned)(*s - '0');
			s++;
		}
		if (s == d)
			return -1;
		if (*n == 0)
			*first = (size_t)v;
		else if ((size_t)v != prev + 1)
			return -1;
		prev = (size_t)v;
		(*n)++;
		if (s < e) {
			if (*s != ',' || s + 1 == e)
				return -1;
			s++;
		}
	}
	return 0;
}

static tumen_status S_fail(tumen_error *err, unsigned long line, const char *m)
{
	if (err) {
		err->code = TUMEN_EFORMAT;
		err->line = line;
		snprintf(err->msg, sizeof err->msg, "%s", m);
	}
	return TUMEN_EFORMAT;
}

tumen_status tumen_beads_parse(const char *text, size_t len, tumen_bead **out,
                               size_t *n, tumen_error *err)
{
	const char *p = text, *end = text + len;
	tumen_bead *v = NULL;
	size_t cap = 0, cnt = 0;
	unsigned long line = 0;

	tumen_error_clear(err);
	*out = NULL;
	*n = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end, *tab;
		tumen_bead b;

		line++;
		if (le > p && le[-1] == '\r')
			le--;
		if (le == p) {
			p = nl ? nl + 1 : end;
			continue; /* blank line */
		}
		tab = memchr(p, '\t', (size_t)(le - p));
		if (!tab) {
			free(v);
			return S_fail(err, line, "expected SRC<TAB>TGT");
		}
		memset(&b, 0, sizeof b);
		{
			/* a third column (the score, from --scores) is read
			 * when present */
			const char *tab2 = memchr(tab + 1, '\t', (size_t)(le - tab - 1));
			if (tab2) {
				b.score = strtod(tab2 + 1, NULL);
				le = tab2;
			}
		}
		if (S_parse_side(p, tab, &b.src, &b.nsrc) ||
		    S_parse_side(tab + 1, le, &b.tgt, &b.ntgt)) {
			free(v);
			return S_fail(err, line,
			              "a side must be consecutive indices like 3,4");
		}
		if (cnt == cap) {
			size_t nc = cap ? cap * 2 : 64;
			tumen_bead *nv = realloc(v, nc * sizeof *nv);
			if (!nv) {
				free(v);
				return TUMEN_ENOMEM;
			}
			v = nv;
			cap = nc;
		}
		v[cnt++] = b;
		p = nl ? nl + 1 : end;
	}
	*out = v;
	*n = cnt;
	return TUMEN_OK;
}

/* Index from sentence number to the bead holding it (SIZE_MAX: none). */
typedef struct {
	size_t *src, *tgt;
	size_t nsrc, ntgt;
} S_index;

static int S_index_build(S_index *ix, const tumen_bead *b, size_t n, int skip_empty)
{
	size_t i, k;

	ix->nsrc = ix->ntgt = 0;
	for (i = 0; i < n; i++) {
		if (b[i].nsrc && b[i].src + b[i].nsrc > ix->nsrc)
			ix->nsrc = b[i].src + b[i].nsrc;
		if (b[i].ntgt && b[i].tgt + b[i].ntgt > ix->ntgt)
			ix->ntgt = b[i].tgt + b[i].ntgt;
	}
	ix->src = malloc((ix->nsrc + 1) * sizeof *ix->src);
	ix->tgt = malloc((ix->ntgt + 1) * sizeof *ix->tgt);
	if (!ix->src || !ix->tgt) {
		free(ix->src);
		free(ix->tgt);
		return -1;
	}
	memset(ix->src, 0xff, (ix->nsrc + 1) * sizeof *ix->src);
	memset(ix->tgt, 0xff, (ix->ntgt + 1) * sizeof *ix->tgt);
	for (i = 0; i < n; i++) {
		if (skip_empty && (!b[i].nsrc || !b[i].ntgt))
			continue;
		for (k = 0; k < b[i].nsrc; k++)
			ix->src[b[i].src + k] = i;
		for (k = 0; k < b[i].ntgt; k++)
			ix->tgt[b[i].tgt + k] = i;
	}
	return 0;
}

static int S_same(const tumen_bead *a, const tumen_bead *b)
{
	return a->nsrc == b->nsrc && a->ntgt == b->ntgt &&
	       (!a->nsrc || a->src == b->src) && (!a->ntgt || a->tgt == b->tgt);
}

/* Counts strict and lax hits of `test` against `gold` (vecalign's
 * _precision); with `no_empty`, beads with an empty side are ignored in
 * both lists. */
static int S_precision(const tumen_bead *gold, size_t ng,
                       const tumen_bead *test, size_t nt, int no_empty,
                       size_t *count, size_t *strict, size_t *lax)
{
	S_index ix;
	size_t i, k;

	if (S_index_build(&ix, gold, ng, no_empty))
		return -1;
	for (i = 0; i < nt; i++) {
		const tumen_bead *b = &test[i];
		size_t g = (size_t)-1;
		int hit = 0;

		if (!b->nsrc && !b->ntgt)
			continue;
		if (no_empty && (!b->nsrc || !b->ntgt))
			continue;
		(*count)++;
		if (b->nsrc && b->src < ix.nsrc)
			g = ix.src[b->src];
		else if (!b->nsrc && b->tgt < ix.ntgt)
			g = ix.tgt[b->tgt];
		if (g != (size_t)-1 && S_same(b, &gold[g])) {
			(*strict)++;
			(*lax)++;
			continue;
		}
		for (k = 0; k < b->nsrc && !hit && b->ntgt; k++) {
			size_t s = b->src + k;
			const tumen_bead *gb;
			if (s >= ix.nsrc || ix.src[s] == (size_t)-1)
				continue;
			gb = &gold[ix.src[s]];
			if (gb->ntgt && gb->tgt < b->tgt + b->ntgt &&
			    b->tgt < gb->tgt + gb->ntgt)
				hit = 1;
		}
		*lax += (size_t)hit;
	}
	free(ix.src);
	free(ix.tgt);
	return 0;
}

tumen_status tumen_eval_add(tumen_eval *acc, const tumen_bead *gold, size_t ngold,
                            const tumen_bead *test, size_t ntest)
{
	if (S_precision(gold, ngold, test, ntest, 0, &acc->test, &acc->strict_p,
	                &acc->lax_p) ||
	    S_precision(test, ntest, gold, ngold, 1, &acc->gold, &acc->strict_r,
	                &acc->lax_r))
		return TUMEN_ENOMEM;
	return TUMEN_OK;
}

tumen_status tumen_eval_hits(const tumen_bead *gold, size_t ngold,
                             const tumen_bead *test, size_t ntest,
                             unsigned char *hit)
{
	S_index ix;
	size_t k;

	if (S_index_build(&ix, gold, ngold, 0))
		return TUMEN_ENOMEM;
	for (k = 0; k < ntest; k++) {
		const tumen_bead *b = &test[k];
		size_t g = (size_t)-1;
		if (b->nsrc && b->src < ix.nsrc)
			g = ix.src[b->src];
		else if (!b->nsrc && b->ntgt && b->tgt < ix.ntgt)
			g = ix.tgt[b->tgt];
		hit[k] = g != (size_t)-1 && S_same(b, &gold[g]);
	}
	free(ix.src);
	free(ix.tgt);
	return TUMEN_OK;
}

static double S_ratio(size_t a, size_t b)
{
	return b ? (double)a / (double)b : 0.0;
}

static double S_f1(double p, double r)
{
	return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

void tumen_eval_scores_get(const tumen_eval *acc, tumen_eval_scores *s)
{
	s->strict_p = S_ratio(acc->strict_p, acc->test);
	s->strict_r = S_ratio(acc->strict_r, acc->gold);
	s->strict_f1 = S_f1(s->strict_p, s->strict_r);
	s->lax_p = S_ratio(acc->lax_p, acc->test);
	s->lax_r = S_ratio(acc->lax_r, acc->gold);
	s->lax_f1 = S_f1(s->lax_p, s->lax_r);
}
