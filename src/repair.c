/*
 * repair.c - repair of stretches the lexicon does not support.  The guides
 * of a long document come from lengths, and every pass searches near the one
 * before: where one side leaves out hundreds of sentences the path can run
 * beside the true one, offset by the omission, for thousands of sentences
 * (the Bible's first 6,000 verses less 150 on one side and 300 on the other,
 * 200 unrelated verses added: 2,559 of 5,549 beads wrong; the exact search,
 * 84).  The lexicon says so: the share of words with a translation across a
 * bead falls to what chance gives.  After the lexical pass, windows of
 * REPAIR_WIN beads with both sides whose mean share is below REPAIR_RATIO
 * times the upper quartile of all windows' are joined into stretches, each
 * widened by a window, and each stretch is searched again around the
 * diagonal of its lengths in a band as wide as REPAIR_CELLS cells allow, its
 * beads replacing the old: the same costs in a wider band, so the path moves
 * towards the exact search's (114 wrong; 53 with the lexicon learned again,
 * align.c's S_relearn, and the stretches searched again with it).  A round's
 * repairs share a budget of REPAIR_CELLS or REPAIR_PER cells a sentence,
 * whichever is more, so time stays linear.  Of the bench's clean texts only
 * the 60,000 verses of running text have a weak stretch (4 beads change);
 * the weakest window of the 6,000 verses is three quarters of the quartile.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "align_internal.h"
#include "cost.h"
#include "lexmatch.h"
#include "par.h"
#include "repair.h"

#define REPAIR_WIN 50
#define REPAIR_RATIO 0.6
#define REPAIR_CELLS 2e6
#define REPAIR_PER 200
#define REPAIR_MIN_WINDOWS 8

/* The share of bead b's words that have a translation across it
 * (tumen_cost_lex_share; lm: x's lexical matcher or its fork); -1 for a
 * bead with a side empty. */
static double S_bead_share(const tumen_aligner *x, tumen_lexmatch *lm,
                           const tumen_bead *b)
{
	uint64_t os[3] = { 0, 0, 0 }, ot[3] = { 0, 0, 0 };
	size_t p, q;

	if (!b->nsrc || !b->ntgt || b->nsrc > 3 || b->ntgt > 3)
		return -1;
	for (p = 0; p < b->nsrc; p++)
		for (q = 0; q < b->ntgt; q++) {
			uint64_t sm, tm;
			tumen_lexmatch_pair(lm, b->src + p, b->tgt + q, &sm, &tm);
			os[p] |= sm;
			ot[q] |= tm;
		}
	return tumen_cost_lex_share(x, b->src, (unsigned)b->nsrc, b->tgt,
	                            (unsigned)b->ntgt, os, ot);
}

/* The shares of beads [k0, k1), on a thread. */
typedef struct {
	const tumen_aligner *x;
	tumen_lexmatch *lm;
	const tumen_bead *b;
	double *share;
	size_t k0, k1;
} S_share_job;

static void S_share_run(void *arg)
{
	const S_share_job *j = arg;
	size_t k;

	for (k = j->k0; k < j->k1; k++)
		j->share[k] = S_bead_share(j->x, j->lm, &j->b[k]);
}

static int S_dbl_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The cells a round of repairs may search: REPAIR_PER a sentence, at
 * least REPAIR_CELLS. */
static double S_budget(const tumen_aligner *x)
{
	double budget = REPAIR_PER * (double)x->s->n;

	return budget < REPAIR_CELLS ? REPAIR_CELLS : budget;
}

/* Searches beads [k0, k1) of *b again in a band of about *budget cells
 * (at most REPAIR_CELLS; taken from *budget): their sentences, between the
 * beads around them; the new beads replace them. */
static tumen_status S_repair_one(tumen_aligner *x, tumen_bead **b, size_t *nb,
                                 size_t *cap, size_t k0, size_t k1,
                                 double *budget, tumen_stretches *log,
                                 size_t *changed)
{
	size_t s0 = (*b)[k0].src, t0 = (*b)[k0].tgt, ns, nt, n2 = 0, c2 = 0;
	size_t s1 = k1 < *nb ? (*b)[k1].src : x->s->n;
	size_t t1 = k1 < *nb ? (*b)[k1].tgt : x->t->n;
	size_t *path1 = x->path1, *widths = x->widths, band = x->band, w,
	       longer;
	double cells = *budget < REPAIR_CELLS ? *budget : REPAIR_CELLS;
	tumen_bead *nbd = NULL;
	tumen_status st;

	ns = s1 - s0;
	nt = t1 - t0;
	if (!ns || !nt)
		return TUMEN_OK;
	if (log) {
		if (log->n == log->cap) {
			size_t c = log->cap * 2 + 8;
			tumen_stretch *v = realloc(log->v, c * sizeof *v);
			if (!v)
				return TUMEN_ENOMEM;
			log->v = v;
			log->cap = c;
		}
		log->v[log->n++] = (tumen_stretch){ s0, s1, t0, t1 };
	}
	longer = ns > nt ? ns : nt;
	w = (size_t)(cells / 2 / (double)longer);
	if (w < TUMEN_PASS1_BAND)
		w = TUMEN_PASS1_BAND;
	if (w > longer)
		w = longer; /* the whole window */
	/* the cells of the band: rows by at most the window's columns */
	cells = (double)(ns + 1) *
	        (double)(2 * w + 1 < nt + 1 ? 2 * w + 1 : nt + 1);
	*budget -= cells < *budget ? cells : *budget;
	x->path1 = NULL; /* the window's diagonal of lengths */
	x->widths = NULL;
	x->band = w;
	st = tumen_align_run(x, s0, ns, t0, nt, &nbd, &n2, &c2);
	x->path1 = path1;
	x->widths = widths;
	x->band = band;
	if (st) {
		free(nbd);
		return st;
	}
	/* the new beads that were not there (both runs in order) */
	{
		size_t p = k0, q;
		for (q = 0; q < n2; q++) {
			while (p < k1 && (*b)[p].src + (*b)[p].tgt <
			                         nbd[q].src + nbd[q].tgt)
				p++;
			*changed += !(p < k1 && (*b)[p].src == nbd[q].src &&
			              (*b)[p].tgt == nbd[q].tgt &&
			              (*b)[p].nsrc == nbd[q].nsrc &&
			              (*b)[p].ntgt == nbd[q].ntgt);
		}
	}
	/* splice: [0, k0) + new + [k1, nb) */
	if (*nb - (k1 - k0) + n2 > *cap) {
		size_t c = *nb - (k1 - k0) + n2;
		tumen_bead *p = realloc(*b, c * sizeof *p);
		if (!p) {
			free(nbd);
			return TUMEN_ENOMEM;
		}
		*b = p;
		*cap = c;
	}
	memmove(*b + k0 + n2, *b + k1, (*nb - k1) * sizeof **b);
	memcpy(*b + k0, nbd, n2 * sizeof *nbd);
	*nb = *nb - (k1 - k0) + n2;
	free(nbd);
	return TUMEN_OK;
}

/* One round: the weak stretches searched again; *fixed counts them,
 * *changed the beads their search found that were not there. */
static tumen_status S_repair_round(tumen_aligner *x, tumen_bead **b,
                                   size_t *nb, size_t *cap, size_t *fixed,
                                   tumen_stretches *log, size_t *changed)
{
	size_t k, nw = 0, ntwo = 0, w, *start = NULL;
	double *share = NULL, *mean = NULL, *sorted = NULL, ref, sum;
	tumen_status st = TUMEN_OK;
	S_share_job ja, jb;
	double budget = S_budget(x);
	long last;

	share = malloc((*nb + 1) * sizeof *share);
	start = malloc((*nb / REPAIR_WIN + 2) * sizeof *start);
	mean = malloc((*nb / REPAIR_WIN + 2) * sizeof *mean);
	sorted = malloc((*nb / REPAIR_WIN + 2) * sizeof *sorted);
	if (!share || !start || !mean || !sorted) {
		st = TUMEN_ENOMEM;
		goto out;
	}
	/* the shares, half on each thread (each with its own matcher) */
	ja = (S_share_job){ x, x->lm, *b, share, 0, *nb };
	if (x->lm2) {
		jb = ja;
		ja.k1 = jb.k0 = *nb / 2;
		jb.lm = x->lm2;
		tumen_par2(2, S_share_run, &ja, S_share_run, &jb);
	} else {
		S_share_run(&ja);
	}
	/* windows of REPAIR_WIN beads with both sides: where each starts
	 * (a bead index) and its mean share */
	for (k = 0, sum = 0; k < *nb; k++) {
		if (share[k] < 0)
			continue;
		if (ntwo % REPAIR_WIN == 0)
			start[nw] = k;
		sum += share[k];
		if (++ntwo % REPAIR_WIN == 0) {
			mean[nw++] = sum / REPAIR_WIN;
			sum = 0;
		}
	}
	if (nw < REPAIR_MIN_WINDOWS)
		goto out;
	memcpy(sorted, mean, nw * sizeof *mean);
	qsort(sorted, nw, sizeof *sorted, S_dbl_cmp);
	ref = sorted[nw * 3 / 4];
	start[nw] = *nb;
	/* stretches of weak windows, a window more each side, from the end
	 * backwards so that the bead indices before each stay valid */
	last = -1;
	for (w = nw; !st && w-- > 0;) {
		int weak = mean[w] < REPAIR_RATIO * ref;
		if (weak && last < 0)
			last = (long)w;
		if (last >= 0 && (!weak || w == 0)) {
			size_t w0 = weak ? w : w + 1, w1 = (size_t)last + 1;
			w0 = w0 ? w0 - 1 : 0;
			w1 = w1 < nw ? w1 + 1 : nw;
			st = S_repair_one(x, b, nb, cap, start[w0], start[w1],
			                  &budget, log, changed);
			(*fixed)++;
			last = -1;
		}
	}
out:
	free(share);
	free(start);
	free(mean);
	free(sorted);
	return st;
}

static int S_stretch_cmp(const void *a, const void *b)
{
	const tumen_stretch *x = a, *y = b;

	return x->s0 < y->s0 ? -1 : x->s0 > y->s0;
}

/* The first of beads b (in order) that starts at or after source s or (if
 * `both`, and) target t. */
static size_t S_first(const tumen_bead *b, size_t nb, size_t s, size_t t,
                      int both)
{
	size_t lo = 0, hi = nb, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (both ? b[mid].src >= s && b[mid].tgt >= t
		         : b[mid].src >= s || b[mid].tgt >= t)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/*
 * After the lexicon is learned again (align.c's S_relearn), the stretches
 * the first repairs searched are searched again: they were searched with
 * a lexicon learned on a path that was wrong there.  Joined where they
 * overlap, from the last backwards; a stretch's beads run from the first
 * that starts in it to the first past it on both sides.  (The Bible's
 * 6,000 verses with three gaps: the weakest window after learning again
 * is 0.62 of the quartile, not weak, and keeps 40 beads that merge verses
 * across the 300 Persian ones left out: 70 wrong beads, 53 with this.)
 */
static tumen_status S_redo(tumen_aligner *x, tumen_bead **b, size_t *nb,
                           size_t *cap, const tumen_stretches *redo,
                           size_t *changed)
{
	tumen_stretch *m = malloc((redo->n + 1) * sizeof *m);
	double budget = S_budget(x);
	tumen_status st = TUMEN_OK;
	size_t i, n = 0, k0, k1;

	if (!m)
		return TUMEN_ENOMEM;
	memcpy(m, redo->v, redo->n * sizeof *m);
	qsort(m, redo->n, sizeof *m, S_stretch_cmp);
	for (i = 0; i < redo->n; i++) {
		if (n && (m[i].s0 <= m[n - 1].s1 || m[i].t0 <= m[n - 1].t1)) {
			tumen_stretch *p = &m[n - 1];
			p->s1 = m[i].s1 > p->s1 ? m[i].s1 : p->s1;
			p->t0 = m[i].t0 < p->t0 ? m[i].t0 : p->t0;
			p->t1 = m[i].t1 > p->t1 ? m[i].t1 : p->t1;
		} else {
			m[n++] = m[i];
		}
	}
	for (i = n; !st && i-- > 0;) {
		k0 = S_first(*b, *nb, m[i].s0, m[i].t0, 0);
		k1 = S_first(*b, *nb, m[i].s1, m[i].t1, 1);
		if (k1 > k0)
			st = S_repair_one(x, b, nb, cap, k0, k1, &budget, NULL,
			                  changed);
	}
	free(m);
	return st;
}

/* Up to REPAIR_ROUNDS rounds, while one finds weak stretches: a repaired
 * stretch's ends can still be weak, and a second round (its own budget)
 * takes them (running text less 40 paragraphs of 8 verses: beads across
 * paragraphs 2,431 of 4,676, after one round 332, after two 225). */
#define REPAIR_ROUNDS 2
tumen_status tumen_repair(tumen_aligner *x, tumen_bead **b, size_t *nb,
                          size_t *cap, const tumen_stretches *redo,
                          tumen_stretches *log, size_t *changed)
{
	size_t round, fixed = 1;
	tumen_status st = TUMEN_OK;

	*changed = 0;
	if (redo && redo->n)
		st = S_redo(x, b, nb, cap, redo, changed);
	for (round = 0; !st && fixed && round < REPAIR_ROUNDS; round++) {
		fixed = 0;
		st = S_repair_round(x, b, nb, cap, &fixed, log, changed);
	}
	return st;
}
