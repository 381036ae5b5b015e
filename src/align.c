/*
 * align.c - the aligner: paragraphs, then sentences, in passes.
 *
 * On long documents a coarse guide (paragraphs, or blocks of sentences)
 * and pass 0 (length alone) find where to look.  Pass 1 scores beads by
 * length and anchors; the beads it is sure of re-estimate the length model
 * and train a word lexicon; pass 2 adds the lexicon's evidence.  What a
 * bead costs is cost.c's; the search is dp.c's banded dynamic programme.
 */
#include "config.h"

#include <math.h>
#ifdef HAVE_MALLOC_TRIM
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "align_internal.h"
#include "anchors.h"
#include "cost.h"
#include "dict.h"
#include "doc.h"
#include "dp.h"
#include "lexicon.h"
#include "lexmatch.h"
#include "par.h"
#include "repair.h"

/* Pass 2 searches a narrower band around pass 1's path than pass 1 did
 * around its guide: the two paths differ only where the lexicon speaks,
 * and where it does pass 1 was unsure (UNSURE_BAND there) or the path
 * reaches the band's edge (widened).  4 cells either side gave the same
 * beads as 8 on the bench's texts and every long and dev document, in a
 * tenth fewer instructions at 6,000 verses; at 2, the widening cost more
 * than it saved. */
#define PASS2_BAND 4
#define PASS0_BAND 32
#define PASS0_MIN 500
#define COARSE_BAND 64


void tumen_align_opts_init(tumen_align_opts *o)
{
	memset(o, 0, sizeof *o);
	o->paragraphs = 1;
	o->numbers = 1;
	o->punctuation = 1;
	o->lexicon = 1;
	o->names = 1;
	o->identical = 1;
	o->threads = 1;
}


static double *S_prefix(const tumen_feats *f)
{
	double *p = malloc((f->n + 1) * sizeof *p);
	size_t i;

	if (!p)
		return NULL;
	p[0] = 0;
	for (i = 0; i < f->n; i++)
		p[i + 1] = p[i] + f->len[i];
	return p;
}


/* Where the search starts looking: source sentence i is expected near
 * the target sentence at the same share of the text's length, which
 * follows the path far better than the diagonal when sentence lengths
 * vary. */
static size_t *S_guide(const tumen_aligner *x, size_t s0, size_t ns, size_t t0,
                       size_t nt)
{
	size_t *g = malloc((ns + 1) * sizeof *g), i, j = 0;
	double ts = x->ps[s0 + ns] - x->ps[s0], tt = x->pt[t0 + nt] - x->pt[t0];

	if (!g)
		return NULL;
	if (x->path1) {
		/* pass 2 follows pass 1's path */
		for (i = 0; i <= ns; i++) {
			size_t c = x->path1[s0 + i];
			g[i] = c < t0 ? 0 : c - t0 > nt ? nt : c - t0;
		}
		return g;
	}
	for (i = 0; i <= ns; i++) {
		double want = ts > 0 ? (x->ps[s0 + i] - x->ps[s0]) / ts * tt : 0;
		while (j < nt && x->pt[t0 + j + 1] - x->pt[t0] <= want)
			j++;
		g[i] = j;
	}
	g[ns] = nt;
	return g;
}

tumen_status tumen_align_run(tumen_aligner *x, size_t s0, size_t ns,
                             size_t t0, size_t nt, tumen_bead **out,
                             size_t *nout, size_t *cap)
{
	tumen_dp_opts dp;
	tumen_bead *b;
	size_t nb, k;
	tumen_status st;
	tumen_aligner x2;

	if (*nout + ns + nt > *cap) {
		size_t c = (*cap + ns + nt) * 2;
		tumen_bead *p = realloc(*out, c * sizeof *p);
		if (!p)
			return TUMEN_ENOMEM;
		*out = p;
		*cap = c;
	}
	if (!ns || !nt) {
		/* a paragraph with no counterpart: every sentence in a 1-0 or
		 * 0-1 bead */
		for (k = 0; k < ns + nt; k++) {
			tumen_bead e = { ns ? s0 + k : s0, ns ? 1 : 0,
			                 nt ? t0 + k : t0, nt ? 1 : 0, 1.0 };
			(*out)[(*nout)++] = e;
		}
		return TUMEN_OK;
	}
	memset(&dp, 0, sizeof dp);
	dp.types = tumen_cost_types;
	dp.ntypes = TUMEN_COST_NTYPES;
	dp.no_posteriors = x->pass0;
	dp.local_repair = x->local_repair;
	dp.temperature = x->w.temp;
	dp.guide = S_guide(x, s0, ns, t0, nt);
	dp.min_band = x->o->exact ? (size_t)-1 : x->band; /* -1: whole */
	dp.widths = x->widths ? x->widths + s0 : NULL;
	if (!dp.guide)
		return TUMEN_ENOMEM;
	x->i0 = s0;
	x->j0 = t0;
	if (x->cache2) {
		/* the second thread's context: its own caches */
		x2 = *x;
		x2.cache = x->cache2;
		x2.lm = x->lm2;
		dp.ctx2 = &x2;
	}
	st = tumen_dp_align(ns, nt, s0, t0, tumen_cost_of(x), x, &dp,
	                    &b, &nb);

	x->i0 = x->j0 = 0;
	free((size_t *)dp.guide);
	if (st)
		return st;
	memcpy(*out + *nout, b, nb * sizeof *b);
	*nout += nb;
	free(b);
	return TUMEN_OK;
}

/* Model 1 on fewer sure pairs than this learns co-occurrence, not
 * translation (and costs a short document a third of its time): below it
 * only identical words are lexical evidence.  With a dictionary the first
 * pass is better and even a few pairs help (news-dev 0.9871 -> 0.9908). */
#define LEARN_MIN 20

static tumen_status S_learn(tumen_aligner *x, const tumen_bead *b, size_t nb,
                            tumen_lexicon *lex)
{
	tumen_lex_pair *pairs = malloc((nb + 1) * sizeof *pairs);
	size_t k, n = 0;
	tumen_status st;

	if (!pairs)
		return TUMEN_ENOMEM;
	for (k = 0; k < nb; k++) {
		if (!b[k].nsrc || !b[k].ntgt || b[k].score < 0.5)
			continue;
		pairs[n].src = x->s->words + x->s->word_off[b[k].src];
		pairs[n].nsrc = x->s->word_off[b[k].src + b[k].nsrc] -
		                x->s->word_off[b[k].src];
		pairs[n].tgt = x->t->words + x->t->word_off[b[k].tgt];
		pairs[n].ntgt = x->t->word_off[b[k].tgt + b[k].ntgt] -
		                x->t->word_off[b[k].tgt];
		n++;
	}
	if (n < LEARN_MIN && !x->o->dict)
		st = TUMEN_OK;
	else
		st = tumen_lexicon_train(lex, pairs, n, x->w.thr, x->o->threads);
	free(pairs);
	return st;
}

static void S_expand_free(tumen_aligner *x)
{
	tumen_lexmatch_free(x->lm2);
	tumen_lexmatch_free(x->lm);
	x->lm = x->lm2 = NULL;
}

/* Applies the (frozen) lexicon to every sentence, once; with a fork for
 * the second thread when there is one. */
static tumen_status S_expand(tumen_aligner *x, const tumen_lexicon *lex)
{
	tumen_status st;

	S_expand_free(x);
	st = tumen_lexmatch_new(lex, x->s, x->t, x->o->threads, &x->lm);
	if (!st && x->cache2)
		st = tumen_lexmatch_fork(x->lm, &x->lm2);
	return st;
}


/* Paragraph p of a document spans sentences first[p] .. first[p+1]-1. */
static size_t *S_para_first(const tumen_doc *d)
{
	size_t i, np = tumen_doc_paragraphs(d), *first;

	first = malloc((np + 1) * sizeof *first);
	if (!first)
		return NULL;
	for (i = 0; i < d->n; i++)
		if (i == 0 || d->para[i] != d->para[i - 1])
			first[d->para[i]] = i;
	first[np] = d->n;
	return first;
}

/* Paragraph features: sums and unions of their sentences' features.  The
 * number and word pools are borrowed from the sentence features. */
static int S_para_feats(const tumen_feats *f, const size_t *first, size_t np,
                        tumen_feats *p)
{
	size_t k, i;

	memset(p, 0, sizeof *p);
	p->n = np;
	p->len = calloc(np + 1, sizeof *p->len);
	p->punct = calloc(np + 1, 1);
	p->num_off = malloc((np + 1) * sizeof *p->num_off);
	p->word_off = malloc((np + 1) * sizeof *p->word_off);
	p->name_off = malloc((np + 1) * sizeof *p->name_off);
	if (!p->len || !p->punct || !p->num_off || !p->word_off || !p->name_off)
		return -1;
	for (k = 0; k <= np; k++) {
		p->num_off[k] = f->num_off[first[k]];
		p->word_off[k] = f->word_off[first[k]];
		p->name_off[k] = f->name_off[first[k]];
		if (k == np)
			break;
		for (i = first[k]; i < first[k + 1]; i++)
			p->len[k] += f->len[i];
		p->punct[k] = f->punct[first[k + 1] - 1];
	}
	p->nums = f->nums;
	p->words = f->words;
	p->names = f->names;
	p->total_len = f->total_len;
	return 0;
}

static void S_para_feats_release(tumen_feats *p)
{
	free(p->len);
	free(p->punct);
	free(p->num_off);
	free(p->word_off);
	free(p->name_off);
}


/* Pass 1's sentence path (path1: the column where it enters each source
 * sentence) as a paragraph guide: for each source paragraph boundary
 * fs[k], the target paragraph boundary ft[p] nearest to where the path
 * enters that sentence.  fs has nps + 1 entries, ft npt + 1 (the last is
 * the number of sentences).  NULL when out of memory. */
static size_t *S_para_guide(const size_t *path1, const size_t *fs, size_t nps,
                            const size_t *ft, size_t npt)
{
	size_t *g = malloc((nps + 1) * sizeof *g), k, lo, hi, mid, c;

	for (k = 0; g && k <= nps; k++) {
		c = path1[fs[k]];
		lo = 0;
		hi = npt; /* the first boundary at or after c, in [0, npt] */
		while (lo < hi) {
			mid = lo + (hi - lo) / 2;
			if (ft[mid] < c)
				lo = mid + 1;
			else
				hi = mid;
		}
		g[k] = lo > 0 && c - ft[lo - 1] < (ft[lo] > c ? ft[lo] - c : 0)
		           ? lo - 1 : lo;
	}
	return g;
}

/*
 * Aligns the paragraphs with the sentence-level length model, without the
 * lexicon, into *out (paragraph beads with their posteriors), and the
 * alignment's cost into *cost when cost is not NULL.  Fewer than two
 * paragraphs on a side give no beads.
 */
static tumen_status S_paragraphs(const tumen_aligner *x, const size_t *fs,
                                 const size_t *ft, size_t nps, size_t npt,
                                 tumen_bead **out, size_t *nout, double *cost)
{
	tumen_feats ps, pt;
	tumen_aligner px = *x;
	size_t cap = 0, k;
	tumen_status st = TUMEN_ENOMEM;

	*out = NULL;
	*nout = 0;
	if (cost)
		*cost = 0;
	memset(&ps, 0, sizeof ps);
	memset(&pt, 0, sizeof pt);
	if (nps < 2 || npt < 2)
		return TUMEN_OK;
	/* the band follows pass 1's path, read in paragraphs (the sentence
	 * path and its widths mean nothing here).  The guide's searches
	 * repair their path locally where it touches the band's edge:
	 * searching the whole band again up to 8 times was a second per
	 * 60,000 sentences of running text */
	px.widths = NULL;
	px.local_repair = x->para_guide;
	px.band = TUMEN_PASS1_BAND;
	px.path1 = x->path1 ? S_para_guide(x->path1, fs, nps, ft, npt) : NULL;
	if (x->path1 && !px.path1)
		return TUMEN_ENOMEM;
	if (!S_para_feats(x->s, fs, nps, &ps) && !S_para_feats(x->t, ft, npt, &pt)) {
		px.s = &ps;
		px.t = &pt;
		px.lex = 0;
		px.ps = S_prefix(&ps);
		px.pt = S_prefix(&pt);
		if (px.ps && px.pt && !tumen_cost_keys_build(&px)) {
			/* the cache holds sentence pairs, or garbage: the cost
			 * must not take them for paragraph pairs, nor the
			 * sentence passes after this one the other way round */
			tumen_cost_cache_clear(&px);
			st = tumen_align_run(&px, 0, nps, 0, npt, out, nout, &cap);
			for (k = 0; !st && cost && k < *nout; k++)
				*cost += tumen_cost_bead(&px, (*out)[k].src, (*out)[k].tgt,
				                         (unsigned)(*out)[k].nsrc,
				                         (unsigned)(*out)[k].ntgt);
			tumen_cost_cache_clear(&px);
			tumen_cost_keys_release(&px);
		}
		free(px.ps);
		free(px.pt);
	}
	S_para_feats_release(&ps);
	S_para_feats_release(&pt);
	free(px.path1);
	return st;
}

/*
 * Pass 2 between sure paragraph boundaries.  A boundary between two
 * paragraph beads is a cut when both beads are sure (posterior >=
 * PARA_SURE): sentences never cross it.  Where the paragraph structures
 * disagree the beads are unsure, and the sentences of the unsure stretch
 * are aligned together, so a wrong paragraph alignment never forces a
 * wrong sentence alignment.
 */
#define PARA_SURE 0.9
#define PARA_SLACK 3

/* Whether pass 1's sentence path (found without paragraphs) runs within
 * PARA_SLACK sentences of the paragraph boundary (s1, t1): a cut needs both
 * to agree, or the sentences between two cuts could be lopsided (hundreds
 * on one side, a few on the other) and their search far from any guide. */
static int S_on_path(const tumen_aligner *x, size_t s1, size_t t1)
{
	size_t c;

	if (!x->path1)
		return 1;
	c = x->path1[s1];
	return (c > t1 ? c - t1 : t1 - c) <= PARA_SLACK;
}

static tumen_status S_run_groups(tumen_aligner *x, const tumen_bead *pb,
                                 size_t npb, const size_t *fs, const size_t *ft,
                                 tumen_bead **out, size_t *nout, size_t *cap)
{
	size_t k, gs = 0, gt = 0, before, i;
	tumen_status st;

	for (k = 0; k < npb; k++) {
		size_t s1 = fs[pb[k].src + pb[k].nsrc], t1 = ft[pb[k].tgt + pb[k].ntgt];
		int sure = pb[k].score >= PARA_SURE &&
		           (k + 1 == npb || pb[k + 1].score >= PARA_SURE) &&
		           S_on_path(x, s1, t1);
		if (!sure)
			continue;
		before = *nout;
		if ((st = tumen_align_run(x, gs, s1 - gs, gt, t1 - gt, out,
		                          nout, cap)))
			return st;
		if (s1 == gs || t1 == gt) /* a paragraph without counterpart */
			for (i = before; i < *nout; i++)
				(*out)[i].score = pb[k].score;
		gs = s1;
		gt = t1;
	}
	if (gs < x->s->n || gt < x->t->n)
		return tumen_align_run(x, gs, x->s->n - gs, gt, x->t->n - gt,
		                       out, nout, cap);
	return TUMEN_OK;
}

static tumen_status S_pass2(tumen_aligner *x, const tumen_doc *sd,
                            const tumen_doc *td, tumen_bead **b, size_t *nb,
                            size_t *cap)
{
	size_t *fs = NULL, *ft = NULL, npb = 0;
	tumen_bead *pb = NULL;
	tumen_status st = TUMEN_OK;

	if (x->o->paragraphs) {
		fs = S_para_first(sd);
		ft = S_para_first(td);
		if (!fs || !ft)
			st = TUMEN_ENOMEM;
		else
			st = S_paragraphs(x, fs, ft, tumen_doc_paragraphs(sd),
			                  tumen_doc_paragraphs(td), &pb, &npb, NULL);
	}
	if (!st && npb)
		st = S_run_groups(x, pb, npb, fs, ft, b, nb, cap);
	else if (!st)
		st = tumen_align_run(x, 0, x->s->n, 0, x->t->n, b, nb, cap);
	free(pb);
	free(fs);
	free(ft);
	return st;
}

/*
 * Posteriors say which alignment is best if the documents are parallel,
 * not whether they are.  Numbers, which survive translation, say that: in
 * parallel news most find their twin across a bead; in unrelated
 * documents almost none do.  With enough numbers to judge (PAR_MIN), a
 * low rate of twins scales every score down, so unrelated documents never
 * yield confident pairs.  Names can only speak for parallel documents:
 * capitalized words that are not names (God, Lord) have no twins even in
 * a faithful translation.  Without enough anchors there is no evidence
 * either way and the scores stand.
 */
#define PAR_MIN 8
#define PAR_RATE 0.3
static void S_judge_parallel(const tumen_aligner *x, tumen_alignment *al)
{
	size_t k, n[4] = { 0, 0, 0, 0 };
	double q = 1.0;

	for (k = 0; k < al->n; k++)
		tumen_cost_anchor_counts(x, &al->beads[k], n);
	if (n[0] >= PAR_MIN)
		q = (double)n[1] / (double)n[0] / PAR_RATE;
	if (n[2] >= PAR_MIN && (double)n[3] / (double)n[2] / PAR_RATE > q)
		q = (double)n[3] / (double)n[2] / PAR_RATE;
	al->parallel = q < 1 ? q : 1;
	if (q >= 1)
		return;
	for (k = 0; k < al->n; k++)
		al->beads[k].score *= q;
}


/* The column at which the path (beads in order, whole document) enters
 * each row; rows a bead jumps over get its first column. */
static void S_path_rows(const tumen_bead *b, size_t nb, size_t *rows)
{
	size_t k, r;

	rows[0] = 0;
	for (k = 0; k < nb; k++) {
		for (r = b[k].src + 1; r < b[k].src + b[k].nsrc; r++)
			rows[r] = b[k].tgt;
		if (b[k].nsrc)
			rows[b[k].src + b[k].nsrc] = b[k].tgt + b[k].ntgt;
	}
}

/* Where pass 1 was unsure of its beads, pass 2 searches a wider band
 * around its path: UNSURE_BAND over UNSURE_BAND rows around each bead
 * scoring below UNSURE_SCORE. */
#define UNSURE_BAND 16
#define UNSURE_SCORE 0.9
static size_t *S_unsure_widths(const tumen_bead *b, size_t nb, size_t n)
{
	size_t *w = calloc(n + 1, sizeof *w), k, r, r0, r1;

	if (!w)
		return NULL;
	for (k = 0; k < nb; k++) {
		if (b[k].score >= UNSURE_SCORE)
			continue;
		r0 = b[k].src > UNSURE_BAND ? b[k].src - UNSURE_BAND : 0;
		r1 = b[k].src + b[k].nsrc + UNSURE_BAND;
		for (r = r0; r <= r1 && r <= n; r++)
			w[r] = UNSURE_BAND;
	}
	return w;
}

/* Prefix sums of block lengths: block k is sentences [kB, (k+1)B). */
static double *S_block_prefix(const double *p, size_t n, size_t bsz, size_t *nb)
{
	size_t k;
	double *q;

	*nb = (n + bsz - 1) / bsz;
	q = malloc((*nb + 1) * sizeof *q);
	if (!q)
		return NULL;
	for (k = 0; k <= *nb; k++)
		q[k] = p[k * bsz < n ? k * bsz : n];
	return q;
}

/* A guide through a bead of source rows [s0, s1) and target columns
 * [t0, t1): its rows spread evenly over its columns. */
static void S_spread(size_t *g, size_t s0, size_t s1, size_t t0, size_t t1)
{
	size_t i;

	for (i = s0; i < s1; i++)
		g[i] = t0 + (size_t)((double)(i - s0) * (double)(t1 - t0) /
		                     (double)(s1 - s0));
}

/*
 * A guide for long documents: the length-only alignment of blocks of
 * BLOCK sentences, spread back over the sentences.  The share-of-length
 * guide drifts by hundreds of sentences over a long document whose
 * translation is denser in some parts than others; the block path does
 * not.  Returns the column for each row (n + 1 entries), or NULL.
 */
#define BLOCK 16
static size_t *S_coarse_guide(const tumen_aligner *x)
{
	tumen_aligner bx = *x;
	size_t nbs, nbt, nb = 0, cap = 0, k, *g;
	tumen_bead *b = NULL;
	tumen_status st = TUMEN_ENOMEM;

	g = malloc((x->s->n + 1) * sizeof *g);
	bx.ps = S_block_prefix(x->ps, x->s->n, BLOCK, &nbs);
	bx.pt = S_block_prefix(x->pt, x->t->n, BLOCK, &nbt);
	bx.pass0 = 1;
	bx.path1 = NULL;
	bx.band = COARSE_BAND;
	/* a block's length varies BLOCK times more than a sentence's */
	bx.s2 = x->s2;
	if (g && bx.ps && bx.pt)
		st = tumen_align_run(&bx, 0, nbs, 0, nbt, &b, &nb, &cap);
	for (k = 0; !st && k < nb; k++) {
		size_t s0 = b[k].src * BLOCK, s1 = (b[k].src + b[k].nsrc) * BLOCK;
		size_t t0 = b[k].tgt * BLOCK, t1 = (b[k].tgt + b[k].ntgt) * BLOCK;
		if (s1 > x->s->n)
			s1 = x->s->n;
		if (t1 > x->t->n)
			t1 = x->t->n;
		S_spread(g, s0, s1, t0, t1);
	}
	if (!st)
		g[x->s->n] = x->t->n;
	free(b);
	free(bx.ps);
	free(bx.pt);
	if (st) {
		free(g);
		return NULL;
	}
	return g;
}

/*
 * A guide for long documents with paragraphs on both sides: the paragraph
 * alignment (S_paragraphs: length and anchors of whole paragraphs, around
 * their proportional diagonal), each paragraph bead's sentences spread
 * evenly over its target sentences.  Paragraphs are a far steadier signal
 * than blocks of sentences when the two sides segment differently (a
 * block of 16 sentences covers unequal text on each side).  NULL when a
 * side has fewer than two paragraphs or out of memory (the caller falls
 * back to S_coarse_guide).
 */
static size_t *S_para_coarse_guide(const tumen_aligner *x, const tumen_doc *sd,
                                   const tumen_doc *td)
{
	size_t nps = tumen_doc_paragraphs(sd), npt = tumen_doc_paragraphs(td);
	size_t *fs = NULL, *ft = NULL, *g = NULL, *gc = NULL, npb = 0, npc = 0, k;
	tumen_bead *pb = NULL, *pc = NULL;
	double cost = 0, costc = HUGE_VAL;
	tumen_aligner lx = *x;

	if (nps < 2 || npt < 2)
		return NULL;
	/* length alone: anchors shared by many paragraphs (names of a long
	 * text) lead it astray.  A paragraph left out costs its length, as if
	 * aligned with nothing: where the length ratio drifts and paragraphs
	 * are alike, leaving out a few at the price of a sentence's omission
	 * would let the path slide by a few paragraphs for hundreds */
	lx.pass0 = 1;
	lx.para_guide = 1;
	fs = S_para_first(sd);
	ft = S_para_first(td);
	g = malloc((x->s->n + 1) * sizeof *g);
	gc = malloc((x->s->n + 1) * sizeof *gc);
	if (!fs || !ft || !g || !gc ||
	    S_paragraphs(&lx, fs, ft, nps, npt, &pb, &npb, &cost) || !npb)
		goto fail;
	/* The band follows the lengths' diagonal, and where the length ratio
	 * drifts for long (a translator's habits change from chapter to
	 * chapter) the best path can leave it by more than the band can be
	 * widened: the path found then runs along a wrong stretch without
	 * touching the band's edge.  The paragraphs' own diagonal is a second
	 * guide (right wherever the paragraphs correspond one to one); the
	 * cheaper of the two alignments is the guide. */
	for (k = 0; k < nps; k++)
		S_spread(gc, fs[k], fs[k + 1], ft[k * npt / nps], ft[(k + 1) * npt / nps]);
	gc[x->s->n] = x->t->n;
	lx.path1 = gc;
	if (S_paragraphs(&lx, fs, ft, nps, npt, &pc, &npc, &costc))
		goto fail;
	if (npc && costc < cost) {
		free(pb);
		pb = pc;
		npb = npc;
		pc = NULL;
	}
	for (k = 0; k < npb; k++)
		S_spread(g, fs[pb[k].src], fs[pb[k].src + pb[k].nsrc],
		         ft[pb[k].tgt], ft[pb[k].tgt + pb[k].ntgt]);
	g[x->s->n] = x->t->n;
	goto out;
fail:
	free(g);
	g = NULL;
out:
	free(pb);
	free(pc);
	free(gc);
	free(fs);
	free(ft);
	return g;
}

/*
 * When the repairs changed more than a RELEARN_SHARE-th of the beads, the
 * lexicon was learned on a first pass that was wrong there: it is learned
 * again on the repaired beads, and the lexical pass runs again around the
 * repaired path with it, then the repairs: the stretches repaired before
 * searched again, then weak ones (the Bible's 6,000 verses with three
 * gaps, whose first pass was wrong for two fifths of its beads: 114 wrong
 * beads after the repairs, 53 after this; the exact search 84).
 * Repairs that find the path they had (quran-af's) change nothing and
 * learn nothing again.
 */
#define RELEARN_SHARE 20
static tumen_status S_relearn(tumen_aligner *x, const tumen_doc *sd,
                              const tumen_doc *td,
                              const tumen_stretches *repaired,
                              tumen_bead **b, size_t *nb, size_t *cap)
{
	tumen_lexicon *lx = tumen_lexicon_new();
	tumen_bead *b2 = NULL;
	size_t n2 = 0, c2 = 0, changed;
	tumen_status st;

	if (!lx)
		return TUMEN_ENOMEM;
	st = x->o->dict ? tumen_dict_apply(x->o->dict, x->s, x->t, lx)
	                : TUMEN_OK;
	if (!st)
		st = S_learn(x, *b, *nb, lx);
	if (!st)
		st = tumen_lexicon_freeze(lx);
	if (!st)
		st = S_expand(x, lx);
	/* applied (x->lm): the matcher reads the lexicon no more */
	tumen_lexicon_free(lx);
	if (st)
		return st;
	free(x->widths);
	if (!(x->widths = S_unsure_widths(*b, *nb, x->s->n)))
		return TUMEN_ENOMEM;
	S_path_rows(*b, *nb, x->path1);
	tumen_cost_cache_clear(x);
	st = S_pass2(x, sd, td, &b2, &n2, &c2);
	if (!st)
		st = tumen_repair(x, &b2, &n2, &c2, repaired, NULL, &changed);
	if (st) {
		free(b2);
		return st;
	}
	free(*b);
	*b = b2;
	*nb = n2;
	*cap = c2;
	return TUMEN_OK;
}

/* Documents of more sentences than this a side give the memory freed so
 * far back to the system before the lexical pass (S_trim): 60,000 verses'
 * peak 130 -> 121 MiB.  Shorter ones keep it for their next allocations,
 * which is faster than asking the system again. */
#define TRIM_MIN 20000

/* Gives back what Model 1 and the lexicon freed, which lies in the heaps
 * of the two threads that learned it (glibc's malloc_trim; elsewhere
 * nothing). */
static void S_trim(const tumen_aligner *x)
{
#ifdef HAVE_MALLOC_TRIM
	if (x->s->n > TRIM_MIN && x->t->n > TRIM_MIN)
		malloc_trim(0);
#else
	(void)x;
#endif
}

static tumen_status S_align_feats(tumen_aligner *x, const tumen_doc *sd,
                                  const tumen_doc *td, tumen_alignment *al)
{
	tumen_bead *b = NULL;
	size_t nb = 0, cap = 0;
	tumen_lexicon *lex = tumen_lexicon_new();
	tumen_status st;
	/* a long document: pass 0 finds pass 1's guide, and weak stretches
	 * are repaired after the lexical pass */
	int longdoc = x->s->n > PASS0_MIN && x->t->n > PASS0_MIN &&
	              !x->o->exact;

	if (!lex || tumen_cost_cache_alloc(x)) {
		tumen_lexicon_free(lex);
		tumen_cost_cache_free(x);
		return TUMEN_ENOMEM;
	}
	/* pass 0, on long documents: length alone, cheap, in a wide band
	 * around a path found on blocks of sentences, to find where pass 1
	 * should look */
	if (longdoc) {
		x->path1 = x->o->paragraphs ? S_para_coarse_guide(x, sd, td) : NULL;
		if (!x->path1)
			x->path1 = S_coarse_guide(x);
		if (!x->path1) {
			tumen_lexicon_free(lex);
			tumen_cost_cache_free(x);
			return TUMEN_ENOMEM;
		}
		x->pass0 = 1;
		x->band = PASS0_BAND;
		st = tumen_align_run(x, 0, x->s->n, 0, x->t->n, &b, &nb, &cap);
		x->pass0 = 0;
		x->band = TUMEN_PASS1_BAND;
		if (st) {
			free(b);
			free(x->path1);
			x->path1 = NULL;
			tumen_lexicon_free(lex);
			tumen_cost_cache_free(x);
			return st;
		}
		S_path_rows(b, nb, x->path1); /* pass 0's path replaces the guide */
		nb = 0;
	}
	/* pass 1: length and anchors, and a dictionary's words if given */
	x->lex = 0;
	tumen_cost_cache_clear(x);
	st = x->o->dict ? tumen_dict_apply(x->o->dict, x->s, x->t, lex) : TUMEN_OK;
	if (!st)
		st = tumen_lexicon_freeze(lex);
	/* the dictionary's words (cheap: its pairs alone); without one,
	 * pass 1 has no lexical evidence and no use for the matcher */
	tumen_lexicon_pairs_only(lex, 1);
	if (!st && x->o->dict)
		st = S_expand(x, lex);
	tumen_lexicon_pairs_only(lex, 0);
	x->lex = x->o->dict != NULL;
	/* pass 1 only guides pass 2: where pass 0's path was wrong it is
	 * searched again locally; pass 2 searches its whole band again */
	x->local_repair = x->path1 != NULL;
	if (!st)
		st = tumen_align_run(x, 0, x->s->n, 0, x->t->n, &b, &nb, &cap);
	x->local_repair = 0;
	if (!st && (x->path1 || (x->path1 = malloc((x->s->n + 1) * sizeof *x->path1))) &&
	    (x->widths = S_unsure_widths(b, nb, x->s->n))) {
		S_path_rows(b, nb, x->path1);
		x->band = PASS2_BAND;
	} else if (!st) {
		st = TUMEN_ENOMEM;
	}
	if (!st) {
		tumen_cost_reestimate(x, b, nb);
		if (x->o->lexicon)
			st = S_learn(x, b, nb, lex);
		if (!st)
			st = tumen_lexicon_freeze(lex);
	}
	nb = 0;
	if (!st)
		st = S_expand(x, lex);
	/* applied (x->lm): its memory goes before the lexical pass's comes */
	tumen_lexicon_free(lex);
	lex = NULL;
	S_trim(x);
	if (!st) {
		x->lex = x->o->identical || x->o->lexicon || x->o->dict;
		tumen_cost_cache_clear(x);
		st = S_pass2(x, sd, td, &b, &nb, &cap);
		if (!st && x->lm && longdoc) {
			size_t changed;
			tumen_stretches repaired = { NULL, 0, 0 };
			st = tumen_repair(x, &b, &nb, &cap, NULL, &repaired,
			                  &changed);
			if (!st && x->o->lexicon && changed * RELEARN_SHARE > nb)
				st = S_relearn(x, sd, td, &repaired, &b, &nb,
				               &cap);
			free(repaired.v);
		}
	}
	x->lex = 0;
	tumen_lexicon_free(lex);
	S_expand_free(x);
	tumen_cost_cache_free(x);
	free(x->path1);
	x->path1 = NULL;
	free(x->widths);
	x->widths = NULL;
	if (st) {
		free(b);
		return st;
	}
	al->beads = b;
	al->n = nb;
	S_judge_parallel(x, al);
	return TUMEN_OK;
}

/* The features of sentences [i0, i1) of a document. */
typedef struct {
	const tumen_doc *doc;
	size_t i0, i1;
	int stems;
	tumen_feats f;
	tumen_status st;
} S_part;

/* Two parts, one after the other (a thread's share), then its share of
 * the length costs' table. */
static void S_parts_run(void *arg)
{
	S_part **p = arg;
	int k;

	for (k = 0; k < 2; k++)
		p[k]->st = tumen_feats_build_part(p[k]->doc, p[k]->i0, p[k]->i1,
		                                  p[k]->stems, &p[k]->f);
	/* then the length costs' table, part by part: the first thread done
	 * fills the parts the other finds filled (both threads share a short
	 * document's) */
	tumen_cost_init();
}

/* The features of both documents, with the stems a dictionary needs when
 * `dict` is set.  With threads > 1 each thread computes half of each
 * document (the sides differ in cost: Persian words all get name keys),
 * and the halves are joined; with one, the second halves are empty. */
static tumen_status S_feats(const tumen_doc *src, const tumen_doc *tgt,
                            int threads, int dict, tumen_feats *fs,
                            tumen_feats *ft)
{
	size_t ns = tumen_doc_count(src), nt = tumen_doc_count(tgt);
	/* on one thread, the first "halves" are the whole documents */
	size_t hs = threads > 1 ? ns / 2 : ns, ht = threads > 1 ? nt / 2 : nt;
	S_part p[4] = {
		{ src, 0, hs, dict, { 0 }, TUMEN_OK },
		{ tgt, ht, nt, dict, { 0 }, TUMEN_OK },
		{ tgt, 0, ht, dict, { 0 }, TUMEN_OK },
		{ src, hs, ns, dict, { 0 }, TUMEN_OK },
	};
	S_part *mine[2] = { &p[0], &p[1] }, *other[2] = { &p[2], &p[3] };
	tumen_status st = TUMEN_OK;
	int k;

	tumen_par2(threads, S_parts_run, mine, S_parts_run, other);
	for (k = 0; k < 4; k++)
		if (!st)
			st = p[k].st;
	if (!st && !(st = tumen_feats_join(&p[0].f, &p[3].f)))
		st = tumen_feats_join(&p[2].f, &p[1].f);
	for (k = 0; k < 4; k++)
		if (st || (k != 0 && k != 2))
			tumen_feats_release(&p[k].f); /* released twice: harmless */
	if (st)
		return st;
	*fs = p[0].f;
	*ft = p[2].f;
	return TUMEN_OK;
}

tumen_status tumen_align(const tumen_doc *src, const tumen_doc *tgt,
                         const tumen_align_opts *o, tumen_alignment **out)
{
	tumen_align_opts defaults;
	tumen_feats fs, ft;
	tumen_alignment *al;
	tumen_aligner x;
	tumen_status st;

	*out = NULL;
	if (!o) {
		tumen_align_opts_init(&defaults);
		o = &defaults;
	}
	al = calloc(1, sizeof *al);
	if (!al)
		return TUMEN_ENOMEM;
	if ((st = S_feats(src, tgt, o->threads, o->dict != NULL, &fs, &ft))) {
		free(al);
		return st;
	}
	memset(&x, 0, sizeof x);
	x.s = &fs;
	x.t = &ft;
	x.o = o;
	tumen_cost_setup(&x);
	x.ps = S_prefix(&fs);
	x.pt = S_prefix(&ft);
	x.c = fs.total_len > 0 && ft.total_len > 0 ? ft.total_len / fs.total_len : 1;
	x.s2 = 6.8 * x.c;
	if (x.pt)
		tumen_cost_ltc(&x);
	st = x.ps && x.pt && !tumen_cost_keys_build(&x)
	         ? S_align_feats(&x, src, tgt, al)
	                                         : TUMEN_ENOMEM;
	tumen_cost_ltc_free(&x);
	tumen_cost_keys_release(&x);
	free(x.ps);
	free(x.pt);
	tumen_feats_release(&fs);
	tumen_feats_release(&ft);
	if (st) {
		tumen_alignment_free(al);
		return st;
	}
	*out = al;
	return TUMEN_OK;
}

void tumen_alignment_free(tumen_alignment *a)
{
	if (!a)
		return;
	free(a->beads);
	free(a);
}

size_t tumen_alignment_count(const tumen_alignment *a) { return a->n; }

double tumen_alignment_parallel(const tumen_alignment *a) { return a->parallel; }

const tumen_bead *tumen_alignment_bead(const tumen_alignment *a, size_t i)
{
	return &a->beads[i];
}
