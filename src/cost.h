/*
 * cost.h - the aligner's cost of a bead (private): length, anchors and
 * lexical evidence, and the context the aligner's passes share.
 *
 * The cost of a bead is -log of its probability: the prior of its shape,
 * Gale and Church's length model (mean and variance estimated from the
 * document pair, with a heavier tail), numbers and dates with a twin on
 * the other side, names across scripts, final ? and !, and the share of
 * words that have a translation on the other side (lexmatch.h).  align.c
 * runs the passes; this module prices what they search.
 */
#ifndef TUMEN_COST_H
#define TUMEN_COST_H

#include <stddef.h>
#include <stdint.h>

#include "anchors.h"
#include "dp.h"
#include "lexicon.h"
#include "lexmatch.h"

/* Bead shapes (a, b), in the order the DP tries them. */
#define TUMEN_COST_NTYPES 8
extern const unsigned char tumen_cost_types[TUMEN_COST_NTYPES][2];

typedef struct {
	double w_num, w_punct, w_lex, del, temp, base, thr, w_miss, num_cap, w_name;
	double tail_w, tail_k;
} tumen_cost_weights;

/* Lexical masks of sentence pairs, cached: the DP asks for the same pair
 * from many bead shapes.  The DP's passes go row by row and a bead spans
 * at most 3 source rows, so 4 rows of the cache (indexed by i mod 4 and j
 * mod the number of columns) hold every pair a row needs while the band
 * is at most about half as wide as the cache.  The cache starts small (a
 * long document's band is a few dozen cells wide, and the 8,192 columns
 * of a whole matrix were 2.6 MB to clear and fault in at every pass) and
 * grows with the widest row asked for, up to TUMEN_CACHE_COLS; pairs of
 * wider bands (whole matrices of more than 8,192 targets) share entries
 * and are computed again: costs come a shape at a time across the row
 * (tumen_cost_fn), so a row wider than the cache computes its pairs once
 * per shape. */
#define TUMEN_CACHE_ROWS 4
#define TUMEN_CACHE_COLS 8192
#define TUMEN_CACHE_COLS0 256 /* to start with */
typedef struct {
	size_t i, j;
	uint64_t smask, tmask;    /* lexical masks (lexicon.h) */
	uint16_t nums, names;     /* numbers and names with a twin */
} tumen_pairmask;

/* One thread's pair cache, shared by the copies of an aligner that
 * thread runs (a pass over paragraphs, over blocks), so that any of them
 * may grow it. */
typedef struct {
	tumen_pairmask *e; /* TUMEN_CACHE_ROWS * cols entries */
	size_t cols;       /* a power of two, at most TUMEN_CACHE_COLS */
} tumen_paircache;

/* Each unit's slice of a list of anchor keys (numbers, names), sorted,
 * cut to its first `cap` keys: what a sentence pair's shared keys are
 * counted from, by merging. */
typedef struct {
	uint32_t *v;
	size_t *off;
} tumen_keys;

/* What the aligner's passes share: the two documents' features, the
 * length model, the lexicon, the pair cache, and the pass's settings. */
typedef struct {
	const tumen_feats *s, *t;
	tumen_keys snum, sname; /* the source's keys, all of them */
	tumen_keys tnum, tname; /* the target's first 64 */
	double *ps, *pt;     /* prefix sums of lengths */
	double c, s2;        /* length model: lt ~ N(c ls, s2 ls) */
	double logprior[TUMEN_COST_NTYPES];
	tumen_cost_weights w;
	const tumen_align_opts *o;
	int lex;             /* lm's matches are lexical evidence */
	tumen_paircache *cache;
	tumen_paircache *cache2; /* the same for a second thread (dp.h's ctx2) */
	size_t i0, j0;     /* the DP's (0, 0) in sentence indices */
	size_t *path1;     /* pass 1's path: column where it enters row i */
	tumen_lexmatch *lm; /* the lexicon applied to the two documents */
	tumen_lexmatch *lm2; /* lm's fork for the second thread */
	size_t band;       /* half-width of the DP's band (0: dp.c's) */
	int pass0;         /* length only */
	int para_guide;    /* pass0 on paragraphs: deletions cost their length */
	int local_repair;  /* dp.h's local_repair: pass 1 after pass 0 */
	size_t *widths;    /* pass 2: band half-width per row (dp.h) */
	/* the target lengths over c, (pt[j + b] - pt[j]) / c at ltc[(b - 1) *
	 * (t->n + 1) + j], b = 1 .. 3: the length cost's division, once per
	 * (j, b) instead of once per cell (tumen_cost_ltc); used while pt and
	 * c are ltc_pt and ltc_c (a copy of x with other lengths does not) */
	double *ltc;
	const double *ltc_pt;
	double ltc_c;
} tumen_aligner;

/* Sets x's weights and priors (and the process's length-cost table). */
void tumen_cost_setup(tumen_aligner *x);

/* Fills the length cost's table, once per process (tumen_cost_setup does
 * it too): a millisecond or two, which tumen_align spends on a thread
 * that would otherwise wait. */
void tumen_cost_init(void);

/* The cost function of x's pass (dp.h): length alone (pass0) or
 * everything; its ctx is x.  tumen_cost_bead: one bead's cost. */
tumen_cost_fn tumen_cost_of(const tumen_aligner *x);
double tumen_cost_bead(tumen_aligner *x, size_t i, size_t j, unsigned a,
                       unsigned b);

/* Re-estimates the length model from a first pass's 1-1 beads (and
 * makes x's ltc again when it has one). */
void tumen_cost_reestimate(tumen_aligner *x, const tumen_bead *b, size_t nb);

/* Makes (or makes again, for a new c) x's table ltc; without memory, x
 * goes on without one (the same costs, more slowly).  tumen_cost_ltc_free
 * frees it. */
void tumen_cost_ltc(tumen_aligner *x);
void tumen_cost_ltc_free(tumen_aligner *x);

/* The pair caches (a second one with threads > 1): allocated (-1 when out
 * of memory), emptied, freed. */
int tumen_cost_cache_alloc(tumen_aligner *x);
void tumen_cost_cache_clear(tumen_aligner *x);
void tumen_cost_cache_free(tumen_aligner *x);

/* x's sorted anchor keys, from x->s and x->t: -1 when out of memory
 * (nothing left allocated). */
int tumen_cost_keys_build(tumen_aligner *x);
void tumen_cost_keys_release(tumen_aligner *x);

/* A bead's anchors, added to n: n[0] numbers of both sides and n[1] of
 * them with a twin; n[2] names of the side with fewer and n[3] of them
 * with a twin. */
void tumen_cost_anchor_counts(const tumen_aligner *x, const tumen_bead *b,
                              size_t n[4]);

/* The share of bead (i, a, j, b)'s words (at most 64 a sentence) that
 * have a partner across it (bits of or_s[p] for its source sentence p,
 * or_t[q] for its target sentence q), as the lexical evidence counts
 * them; -1 when it has no words. */
double tumen_cost_lex_share(const tumen_aligner *x, size_t i, unsigned a,
                            size_t j, unsigned b, const uint64_t *or_s,
                            const uint64_t *or_t);

#endif
