/*
 * dp.c - banded Viterbi search, then forward-backward posteriors in a
 * narrow band around the best path.
 *
 * The band follows a guide (an earlier pass's path).  Where the best path
 * runs along the band's edge, the guide was wrong there: the band is
 * widened around those places and searched again, either whole or, with
 * local_repair, only in windows of rows around them between points of the
 * path found (S_repair); the whole band is searched again when a window
 * keeps touching an edge.
 *
 * Memory: one byte per band cell (the Viterbi back pointers; on bands
 * up to COSTS_MAX_CELLS, 8 more for the cost of its best bead) plus the
 * costs of the last four rows; the posteriors need two doubles and the
 * bead costs (floats) of each cell of a band a few cells wide around the
 * path.  All are linear in the document length for a band of fixed width.
 * Up to MEMO_MAX bytes, the Viterbi pass also keeps its bead costs (as
 * floats) for the posteriors, which would otherwise compute them again;
 * the posteriors give a long memo's pages back to the system as they
 * read it (S_release), so that it and their own costs are not both whole.
 *
 * With a second context for the cost function (tumen_dp_opts.ctx2) the
 * bead costs, most of the work, are computed on two threads (S_pipe, and
 * the posteriors in halves); the path and posteriors are the same.
 */
#include "config.h"

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(HAVE_MADVISE) && defined(HAVE_SYSCONF)
#include <sys/mman.h>
#include <unistd.h>
#if defined(MADV_DONTNEED) && defined(_SC_PAGESIZE)
#define S_RELEASE 1
#endif
#endif

#include "dp.h"
#include "lse.h"
#include "par.h"

#define RING 4          /* rows of Viterbi costs kept: beads span <= 3 */
#define POST_HALF 3     /* half-width of the posterior band */
#define RECENTER 8      /* tries with the band re-centred on the path */
#define MAX_CELLS 4e6   /* matrices searched whole as a last resort */

typedef struct {
	size_t n, m;
	size_t *lo, *hi, *off; /* row i spans lo[i]..hi[i]; cells from off[i] */
	size_t cells, maxw;
} S_band;

static void S_band_free(S_band *g)
{
	free(g->lo);
	free(g->hi);
	free(g->off);
	memset(g, 0, sizeof *g);
}

static int S_band_alloc(S_band *g, size_t n, size_t m)
{
	memset(g, 0, sizeof *g);
	g->n = n;
	g->m = m;
	g->lo = malloc((n + 1) * sizeof *g->lo);
	g->hi = malloc((n + 1) * sizeof *g->hi);
	g->off = malloc((n + 2) * sizeof *g->off);
	return g->lo && g->hi && g->off ? 0 : -1;
}

/* Makes the rows monotone and connected, so that some monotone path from
 * (0, 0) to (n, m) stays inside, and computes the offsets. */
static void S_band_fix(S_band *g)
{
	size_t i;

	g->lo[0] = 0;
	g->hi[g->n] = g->m;
	for (i = 1; i <= g->n; i++) {
		if (g->hi[i] < g->hi[i - 1])
			g->hi[i] = g->hi[i - 1];
		if (g->lo[i] < g->lo[i - 1])
			g->lo[i] = g->lo[i - 1];
		if (g->lo[i] > g->hi[i - 1])
			g->lo[i] = g->hi[i - 1];
	}
	g->off[0] = 0;
	g->maxw = 0;
	for (i = 0; i <= g->n; i++) {
		size_t w = g->hi[i] - g->lo[i] + 1;
		g->off[i + 1] = g->off[i] + w;
		if (w > g->maxw)
			g->maxw = w;
	}
	g->cells = g->off[g->n + 1];
}

/* Rows of half-width w (or widths[i] when larger) around guide[i]. */
static void S_band_around(S_band *g, const size_t *guide, const size_t *widths,
                          size_t w0)
{
	size_t i;

	for (i = 0; i <= g->n; i++) {
		size_t c = guide[i] < g->m ? guide[i] : g->m;
		size_t w = widths && widths[i] > w0 ? widths[i] : w0;
		g->lo[i] = c > w ? c - w : 0;
		g->hi[i] = c + w < g->m ? c + w : g->m;
	}
	S_band_fix(g);
}

/* The bead costs a Viterbi pass computed over its band g (a copy), as
 * floats by end cell: c[(g.off[i] + j - g.lo[i]) * ntypes + k] for the
 * bead of shape k ending at (i, j), when it starts in g too.  The
 * posteriors take theirs from it instead of computing them again.  Kept
 * only while it needs at most MEMO_MAX bytes: beyond, the posteriors
 * compute their costs (the same numbers) and memory stays small. */
#define MEMO_MAX ((size_t)24 << 20)
typedef struct {
	S_band g;
	float *c;
	int valid;
} S_memo;

static int S_memo_on = 1; /* tumen_dp_memo() */

/* Bands up to this many cells keep the cost of each cell's best bead (8
 * bytes a cell: S_viterbi) for the posteriors' scores, which would
 * otherwise compute the path's bead costs again (a tenth of a pass at
 * 6,000 sentences: a bead's words are matched again, out of the cache);
 * beyond, memory comes first (60,000 sentences: 6 MB more at the peak).
 * tumen_dp_memo(0) turns this off too, so that tests compare the two. */
#define COSTS_MAX_CELLS ((size_t)1 << 18)

void tumen_dp_memo(int on)
{
	S_memo_on = on;
}

static void S_memo_free(S_memo *mo)
{
	S_band_free(&mo->g);
	free(mo->c);
	mo->c = NULL;
	mo->valid = 0;
}

/* Prepares mo for a Viterbi pass over g: 0 when the pass is to fill it,
 * -1 when g is too large or memory short (no memo). */
static int S_memo_start(S_memo *mo, const S_band *g, size_t ntypes)
{
	size_t i;

	mo->valid = 0;
	if (g->cells > MEMO_MAX / sizeof *mo->c / ntypes)
		return -1;
	S_band_free(&mo->g);
	free(mo->c);
	mo->c = malloc(g->cells * ntypes * sizeof *mo->c);
	if (!mo->c || S_band_alloc(&mo->g, g->n, g->m)) {
		S_memo_free(mo);
		return -1;
	}
	for (i = 0; i <= g->n; i++) {
		mo->g.lo[i] = g->lo[i];
		mo->g.hi[i] = g->hi[i];
		mo->g.off[i] = g->off[i];
	}
	mo->g.off[g->n + 1] = g->off[g->n + 1];
	mo->g.cells = g->cells;
	mo->g.maxw = g->maxw;
	return 0;
}

/* Two threads.  The bead costs are most of the work and each depends
 * only on its bead, so with a second context (tumen_dp_opts.ctx2) a
 * helper thread computes the costs of blocks of rows ahead of the Viterbi
 * pass, which takes each block's costs from it or, when the helper is
 * behind, computes them itself: the same costs in the same order of
 * minimization, so the same path.  The posteriors' costs are computed in
 * two halves and their two sums side by side. */
#define BLOCK_CELLS 2048     /* band cells per block of rows (at least) */
#define SLOTS 4              /* blocks the helper may run ahead */
#define PAR_MIN_CELLS 16384  /* smaller bands are searched on one thread */

typedef struct {
	const S_band *g;
	tumen_cost_fn cost;
	void *ctx2;
	const tumen_dp_opts *o;
	size_t *rb;        /* block k: rows rb[k] .. rb[k+1]-1 */
	size_t nblocks;
	double *buf;       /* SLOTS slots of `slot` costs */
	size_t slot;
	size_t next;       /* the first block nobody has taken */
	size_t consumed;   /* blocks the Viterbi pass is done with */
	size_t done[SLOTS]; /* 1 + the block whose costs a slot holds */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	tumen_par_task th; /* the helper's work: S_pipe_run */
} S_pipe;

/* The costs of row i's cells, c[0..cells * ntypes), shape by shape
 * (shape k's for cell j at c[k * cells + j - lo[i]], where the Viterbi
 * pass reads them a run at a time): the cells j whose bead of shape (a,
 * b) starts in the band, lo[i-a] + b <= j <= hi[i-a] + b.  The other
 * entries are left as they were: the Viterbi pass and the memo's readers
 * take only these. */
static void S_row_costs(const S_band *g, size_t i, tumen_cost_fn cost,
                        void *ctx, const tumen_dp_opts *o, double *c)
{
	size_t k, j0, j1;

	for (k = 0; k < o->ntypes; k++) {
		unsigned a = o->types[k][0], b = o->types[k][1];
		if (a > i)
			continue;
		j0 = g->lo[i - a] + b > g->lo[i] ? g->lo[i - a] + b : g->lo[i];
		j1 = g->hi[i - a] + b < g->hi[i] ? g->hi[i - a] + b : g->hi[i];
		if (j0 <= j1)
			cost(ctx, i - a, j0 - b, j1 - b, a, b,
			     c + k * (g->hi[i] - g->lo[i] + 1) + (j0 - g->lo[i]),
			     1);
	}
}

static void S_block_costs(const S_pipe *p, size_t blk, void *ctx)
{
	const S_band *g = p->g;
	double *c = p->buf + (blk % SLOTS) * p->slot;
	size_t i;

	for (i = p->rb[blk]; i < p->rb[blk + 1]; i++) {
		S_row_costs(g, i, p->cost, ctx, p->o, c);
		c += (g->hi[i] - g->lo[i] + 1) * p->o->ntypes;
	}
}

/* Takes the first block nobody has taken, if its slot is free, and
 * computes its costs (with p->mu held on entry and on return); 0 when
 * there is none to take. */
static int S_pipe_work(S_pipe *p, void *ctx)
{
	size_t blk;

	if (p->next >= p->nblocks || p->next >= p->consumed + SLOTS)
		return 0;
	blk = p->next++;
	pthread_mutex_unlock(&p->mu);
	S_block_costs(p, blk, ctx);
	pthread_mutex_lock(&p->mu);
	p->done[blk % SLOTS] = blk + 1;
	pthread_cond_broadcast(&p->cv);
	return 1;
}

static void S_pipe_run(void *arg)
{
	S_pipe *p = arg;

	pthread_mutex_lock(&p->mu);
	while (p->next < p->nblocks)
		if (!S_pipe_work(p, p->ctx2))
			pthread_cond_wait(&p->cv, &p->mu);
	pthread_mutex_unlock(&p->mu);
}

/* Starts the helper on band g; -1 when it cannot (memory, thread). */
static int S_pipe_start(S_pipe *p, const S_band *g, tumen_cost_fn cost,
                        void *ctx2, const tumen_dp_opts *o)
{
	size_t i, cells = 0, most = 0;

	memset(p, 0, sizeof *p);
	p->g = g;
	p->cost = cost;
	p->ctx2 = ctx2;
	p->o = o;
	p->rb = malloc((g->n + 2) * sizeof *p->rb);
	if (!p->rb)
		return -1;
	p->rb[0] = 0;
	for (i = 0; i <= g->n; i++) {
		cells += g->hi[i] - g->lo[i] + 1;
		if (cells >= BLOCK_CELLS || i == g->n) {
			p->rb[++p->nblocks] = i + 1;
			most = cells > most ? cells : most;
			cells = 0;
		}
	}
	p->slot = most * o->ntypes;
	p->buf = calloc(SLOTS * p->slot, sizeof *p->buf);
	if (!p->buf || pthread_mutex_init(&p->mu, NULL))
		goto fail;
	if (pthread_cond_init(&p->cv, NULL))
		goto fail_mu;
	if (!tumen_par_start(&p->th, 2, S_pipe_run, p))
		goto fail_cv;
	return 0;
fail_cv:
	pthread_cond_destroy(&p->cv);
fail_mu:
	pthread_mutex_destroy(&p->mu);
fail:
	free(p->buf);
	free(p->rb);
	return -1;
}

/* The costs of block blk, which the Viterbi pass needs next: while the
 * helper is still computing them, this thread computes blocks after it. */
static const double *S_pipe_take(S_pipe *p, size_t blk, void *ctx)
{
	pthread_mutex_lock(&p->mu);
	while (p->done[blk % SLOTS] != blk + 1)
		if (!S_pipe_work(p, ctx))
			pthread_cond_wait(&p->cv, &p->mu);
	pthread_mutex_unlock(&p->mu);
	return p->buf + (blk % SLOTS) * p->slot;
}

static void S_pipe_release(S_pipe *p, size_t blk)
{
	pthread_mutex_lock(&p->mu);
	p->consumed = blk + 1;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
}

/* Waits for the helper (which stops once every block is taken). */
static void S_pipe_stop(S_pipe *p)
{
	tumen_par_wait(&p->th);
	pthread_cond_destroy(&p->cv);
	pthread_mutex_destroy(&p->mu);
	free(p->buf);
	free(p->rb);
}

/* One shape k's run of n cells of a Viterbi row: a cell whose start
 * plus bead costs less than its best so far takes them (an unreachable
 * start, HUGE_VAL, stays HUGE_VAL and never beats a cell's best).
 * Without branches: which shape wins a cell is what the processor cannot
 * guess. */
static void S_viterbi_run(const double *restrict prev,
                          const double *restrict ck, double *restrict row,
                          uint8_t *restrict back, size_t n, uint8_t k)
{
	size_t j = 0;

#ifdef __SSE2__
	/* two cells at once: minpd keeps its second operand unless the first
	 * is less, as the loop below does; the mask's two bits pick the
	 * cells whose shape changes */
	for (; j + 2 <= n; j += 2) {
		__m128d v = _mm_add_pd(_mm_loadu_pd(prev + j), _mm_loadu_pd(ck + j));
		__m128d r = _mm_loadu_pd(row + j);
		int m = _mm_movemask_pd(_mm_cmplt_pd(v, r));
		_mm_storeu_pd(row + j, _mm_min_pd(v, r));
		back[j] = (uint8_t)(back[j] ^ ((back[j] ^ k) & -(m & 1)));
		back[j + 1] = (uint8_t)(back[j + 1] ^ ((back[j + 1] ^ k) & -(m >> 1)));
	}
#endif
	for (; j < n; j++) {
		double v = prev[j] + ck[j], r = row[j];
		uint8_t lt = (uint8_t)-(v < r);
		row[j] = v < r ? v : r;
		back[j] = (uint8_t)(back[j] ^ ((back[j] ^ k) & lt));
	}
}

/* Row i of the Viterbi pass from its bead costs c (S_row_costs): the
 * best cost into each cell of the row, and the shape it came by into
 * back (0xff: unreachable).  The result is each cell's first best shape
 * in the order of o->types, as when each cell tries its shapes in turn:
 * the shapes from earlier rows shape by shape, each over the cells it
 * reaches (a strict < keeps the first of equals); then, cell by cell
 * from the left, the shapes within the row (a = 0), which need the cell
 * before complete and win a tie from a later shape. */
static void S_viterbi_row(const S_band *g, size_t i, double *ring,
                          const double *c, uint8_t *back,
                          const tumen_dp_opts *o)
{
	size_t lo = g->lo[i], w = g->hi[i] - lo + 1, nt = o->ntypes;
	size_t j, j0, j1, k;
	double *row = ring + (i % RING) * g->maxw;
	unsigned char same[255]; /* the shapes with a = 0 (back: < 0xff) */
	size_t ns = 0, q;

	for (j = 0; j < w; j++) {
		row[j] = HUGE_VAL;
		back[j] = 0xff;
	}
	if (i == 0 && lo == 0)
		row[0] = 0; /* the origin */
	for (k = 0; k < nt; k++) {
		size_t a = o->types[k][0], b = o->types[k][1], r;
		const double *prev, *ck;
		if (a == 0)
			same[ns++] = (unsigned char)k;
		if (a == 0 || a > i)
			continue;
		r = i - a;
		/* cells j with j - b in row r's span */
		j0 = g->lo[r] + b > lo ? g->lo[r] + b : lo;
		j1 = g->hi[r] + b < g->hi[i] ? g->hi[r] + b : g->hi[i];
		if (j0 > j1)
			continue;
		prev = ring + (r % RING) * g->maxw + (j0 - b - g->lo[r]);
		ck = c + k * w + (j0 - lo);
		S_viterbi_run(prev, ck, row + (j0 - lo), back + (j0 - lo),
		              j1 - j0 + 1, (uint8_t)k);
	}
	for (j = 0; ns && j < w; j++)
		for (q = 0; q < ns; q++) {
			size_t b = o->types[same[q]][1];
			double v;
			k = same[q];
			if (j < b)
				continue;
			v = row[j - b] + c[k * w + j];
			if (v < row[j] ||
			    (v == row[j] && v != HUGE_VAL && back[j] > k)) {
				row[j] = v;
				back[j] = (uint8_t)k;
			}
		}
}

/* The Viterbi pass: back[cell] gets the best bead shape into each cell
 * (0xff: unreachable), and bc[cell], when bc is given, that bead's cost,
 * which the posteriors' scores take instead of computing it again (the
 * same number: a bead's cost does not depend on the row it was asked
 * with).  Only RING rows of costs are kept.  Each row's
 * bead costs come at once: computed here, or with ctx2 and a band large
 * enough, ahead by a helper (S_pipe).  -1 when out of memory. */
static int S_viterbi(const S_band *g, uint8_t *back, double *bc,
                     tumen_cost_fn cost, void *ctx, void *ctx2,
                     const tumen_dp_opts *o, S_memo *mo)
{
	double *ring = malloc(RING * g->maxw * sizeof *ring);
	double *own = NULL; /* one thread: the row's costs */
	const double *c = NULL;
	size_t i, k, t, w, blk = 0;
	S_pipe p;
	int par;
	float *mc = NULL;

	if (mo && S_memo_on && !S_memo_start(mo, g, o->ntypes))
		mc = mo->c;
	par = ring && ctx2 && g->cells >= PAR_MIN_CELLS &&
	      !S_pipe_start(&p, g, cost, ctx2, o);
	if (!par && ring)
		own = calloc(g->maxw * o->ntypes, sizeof *own);
	if (!ring || (!par && !own)) {
		free(ring);
		return -1;
	}
	for (i = 0; i <= g->n; i++) {
		if (par && i == p.rb[blk])
			c = S_pipe_take(&p, blk, ctx);
		if (own) {
			S_row_costs(g, i, cost, ctx, o, own);
			c = own;
		}
		S_viterbi_row(g, i, ring, c, back + g->off[i], o);
		w = g->hi[i] - g->lo[i] + 1;
		for (k = 0; bc && k < w; k++)
			if (back[g->off[i] + k] != 0xff)
				bc[g->off[i] + k] = c[back[g->off[i] + k] * w + k];
		if (mc) /* by cell, as the posteriors read them */
			for (k = 0; k < w; k++)
				for (t = 0; t < o->ntypes; t++)
					*mc++ = (float)c[t * w + k];
		c += w * o->ntypes;
		if (par && i + 1 == p.rb[blk + 1])
			S_pipe_release(&p, blk++);
	}
	if (par)
		S_pipe_stop(&p);
	free(own);
	free(ring);
	if (mc)
		mo->valid = 1;
	return 0;
}

/* Where the best path runs along the band's edge away from the matrix
 * border: the band may have cut off a better path there. */
#define MAX_EDGES 4096
typedef struct {
	size_t row[MAX_EDGES];
	signed char side[MAX_EDGES]; /* -1: low edge, +1: high edge */
	size_t n;
	int overflow;
} S_edges;

static void S_edge(S_edges *e, size_t i, int side)
{
	if (e->n && e->row[e->n - 1] == i && e->side[e->n - 1] == side)
		return;
	if (e->n == MAX_EDGES) {
		e->overflow = 1;
		return;
	}
	e->row[e->n] = i;
	e->side[e->n++] = (signed char)side;
}

/* Walks the best path back from (n, m); beads come out in reverse, with
 * their costs as scores when bc is given (S_viterbi), else 0. */
static long S_trace(const S_band *g, const uint8_t *back, const double *bc,
                    const tumen_dp_opts *o, tumen_bead *beads, S_edges *e)
{
	size_t i = g->n, j = g->m, nb = 0;

	e->n = 0;
	e->overflow = 0;
	while (i || j) {
		size_t at = g->off[i] + (j - g->lo[i]);
		uint8_t k = back[at];
		if (k == 0xff)
			return -1;
		if (j == g->lo[i] && j > 0)
			S_edge(e, i, -1);
		else if (j == g->hi[i] && j < g->m)
			S_edge(e, i, 1);
		beads[nb].nsrc = o->types[k][0];
		beads[nb].ntgt = o->types[k][1];
		i -= beads[nb].nsrc;
		j -= beads[nb].ntgt;
		beads[nb].src = i;
		beads[nb].tgt = j;
		beads[nb].score = bc ? bc[at] : 0;
		nb++;
	}
	return (long)nb;
}

/* Widens the band by w on the touched side, over w rows around each place
 * the path touched its edge. */
static void S_band_widen(S_band *g, const S_edges *e, size_t w)
{
	size_t k, r;

	for (k = 0; k < e->n; k++) {
		size_t r0 = e->row[k] > w ? e->row[k] - w : 0;
		size_t r1 = e->row[k] + w < g->n ? e->row[k] + w : g->n;
		for (r = r0; r <= r1; r++) {
			if (e->side[k] < 0)
				g->lo[r] = g->lo[r] > w ? g->lo[r] - w : 0;
			else
				g->hi[r] = g->hi[r] + w < g->m ? g->hi[r] + w : g->m;
		}
	}
	S_band_fix(g);
}

static void S_reverse(tumen_bead *b, size_t n)
{
	size_t i;

	for (i = 0; i < n / 2; i++) {
		tumen_bead t = b[i];
		b[i] = b[n - 1 - i];
		b[n - 1 - i] = t;
	}
}

static void S_widen(S_band *g, size_t i, size_t j)
{
	if (j < g->lo[i])
		g->lo[i] = j;
	if (j > g->hi[i])
		g->hi[i] = j;
}

/* A narrow band around the path, for the posteriors. */
static void S_band_path(S_band *g, const tumen_bead *b, size_t nb)
{
	size_t i, k, r;

	for (i = 0; i <= g->n; i++) {
		g->lo[i] = (size_t)-1;
		g->hi[i] = 0;
	}
	S_widen(g, 0, 0);
	for (k = 0; k < nb; k++) {
		for (r = b[k].src + 1; r < b[k].src + b[k].nsrc; r++) {
			S_widen(g, r, b[k].tgt);
			S_widen(g, r, b[k].tgt + b[k].ntgt);
		}
		S_widen(g, b[k].src + b[k].nsrc, b[k].tgt + b[k].ntgt);
	}
	for (i = 0; i <= g->n; i++) {
		g->lo[i] = g->lo[i] > POST_HALF ? g->lo[i] - POST_HALF : 0;
		g->hi[i] = g->hi[i] + POST_HALF < g->m ? g->hi[i] + POST_HALF : g->m;
	}
	S_band_fix(g);
}

#define S_TERMS TUMEN_LSE_MAX /* a cell's terms summed at once */

/* Costs of the beads starting in each cell of rows [r0, r1) of the band
 * that end in the band, into c (float: posteriors need no more); tmp
 * holds a row of them.  The memo's rows from rel0 on that the job has
 * read for the last time go back to the system as it goes (S_release),
 * up to byte rel of the memo. */
typedef struct {
	const S_band *g;
	tumen_cost_fn cost;
	void *ctx;
	const tumen_dp_opts *o;
	const S_memo *mo; /* NULL or valid */
	float *c;
	double *tmp;
	size_t r0, r1;
	size_t rel0, rel; /* rel0 (size_t)-1: nothing released */
	size_t page;      /* the system's page size */
} S_costs_job;

/* A memo of this many bytes or more is released as S_costs reads it,
 * RELEASE_STEP bytes or more at a time, so that it and the posteriors'
 * costs are not whole at once (60,000 verses: 23 MB and 13 MB). */
#define RELEASE_MEMO ((size_t)4 << 20)
#define RELEASE_STEP ((size_t)1 << 20)

/* Releases the memo's pages that hold only rows [p->rel0, r) (rows the
 * job reads no more), past those released already. */
static void S_release(S_costs_job *p, size_t r)
{
#ifdef S_RELEASE
	const S_band *mg;
	size_t row, page = p->page, a, b;
	uintptr_t base;

	if (p->rel0 == (size_t)-1 || r <= p->rel0)
		return; /* rel0 is (size_t)-1 without a memo */
	mg = &p->mo->g;
	row = p->o->ntypes * sizeof *p->mo->c;
	base = (uintptr_t)p->mo->c;
	a = (base + mg->off[p->rel0] * row + page - 1) / page * page;
	b = (base + mg->off[r] * row) / page * page;
	if (a < p->rel)
		a = p->rel;
	if (b > a && b - a >= RELEASE_STEP &&
	    !madvise((void *)a, b - a, MADV_DONTNEED))
		p->rel = b;
#else
	(void)p;
	(void)r;
#endif
}

/* Computes the costs of shape k's beads starting at (i, j), j = j0 .. j1,
 * into row (see S_costs_run). */
static void S_costs_compute(const S_costs_job *p, size_t i, size_t j0,
                            size_t j1, size_t k, float *row, size_t lo)
{
	const tumen_dp_opts *o = p->o;
	size_t j;

	p->cost(p->ctx, i, j0, j1, o->types[k][0], o->types[k][1], p->tmp, 1);
	for (j = j0; j <= j1; j++)
		row[(j - lo) * o->ntypes + k] = (float)p->tmp[j - j0];
}

/* Costs of the beads of shape k = (a, b) starting at (i, j), j = j0 .. j1,
 * into row (the row's cells from column lo): from the memo where it holds
 * them (both ends in its band), computed elsewhere. */
static void S_costs_run(const S_costs_job *p, size_t i, size_t j0, size_t j1,
                        size_t k, float *row, size_t lo)
{
	size_t nt = p->o->ntypes, a = p->o->types[k][0], b = p->o->types[k][1];
	size_t j, c0 = j1 + 1, c1 = j1, mlo, mhi, end;
	const S_band *mg = p->mo ? &p->mo->g : NULL;

	if (mg && mg->hi[i + a] >= b) {
		/* covered: j in mg's row i, j + b in its row i + a */
		mlo = mg->lo[i + a] > mg->lo[i] + b ? mg->lo[i + a] - b
		                                    : mg->lo[i];
		mhi = mg->hi[i + a] - b < mg->hi[i] ? mg->hi[i + a] - b
		                                    : mg->hi[i];
		c0 = mlo > j0 ? mlo : j0;
		c1 = mhi < j1 ? mhi : j1;
	}
	if (c0 > c1) { /* none */
		c0 = j1 + 1;
		c1 = j1;
	}
	if (j0 < c0)
		S_costs_compute(p, i, j0, c0 - 1, k, row, lo);
	for (j = c0; j <= c1; j++) {
		end = mg->off[i + a] + (j + b - mg->lo[i + a]); /* (i+a, j+b) */
		row[(j - lo) * nt + k] = p->mo->c[end * nt + k];
	}
	if (c1 < j1)
		S_costs_compute(p, i, c1 + 1, j1, k, row, lo);
}

static void S_costs_rows(void *arg)
{
	S_costs_job *p = arg;
	const S_band *g = p->g;
	const tumen_dp_opts *o = p->o;
	size_t i, k, j0, j1;

	for (i = p->r0; i < p->r1; i++) {
		float *row = p->c + g->off[i] * o->ntypes;
		for (k = 0; k < (g->hi[i] - g->lo[i] + 1) * o->ntypes; k++)
			row[k] = HUGE_VALF;
		/* for each shape the cells j whose bead ends in the band,
		 * lo[i+a] - b <= j <= hi[i+a] - b */
		for (k = 0; k < o->ntypes; k++) {
			size_t a = o->types[k][0], b = o->types[k][1];
			if (i + a > g->n || g->hi[i + a] < b)
				continue;
			j0 = g->lo[i + a] > g->lo[i] + b ? g->lo[i + a] - b : g->lo[i];
			j1 = g->hi[i + a] - b < g->hi[i] ? g->hi[i + a] - b : g->hi[i];
			if (j0 <= j1)
				S_costs_run(p, i, j0, j1, k, row, g->lo[i]);
		}
		S_release(p, i + 1); /* row i + 1 reads rows i + 1 on */
	}
}

/* The bead costs of the whole band (S_costs_rows), in two halves at once
 * with ctx2.  NULL when out of memory. */
static float *S_costs(const S_band *g, tumen_cost_fn cost, void *ctx,
                      const tumen_dp_opts *o, const S_memo *mo)
{
	float *c = malloc(g->cells * o->ntypes * sizeof *c);
	double *tmp = malloc(2 * g->maxw * sizeof *tmp);
	long page = 0;
	int big;
	S_costs_job a, b;
	size_t amax = 0, k;

#ifdef S_RELEASE
	page = sysconf(_SC_PAGESIZE);
#endif
	big = page > 0 && mo &&
	      mo->g.cells * o->ntypes * sizeof *mo->c >= RELEASE_MEMO;
	a = (S_costs_job){ g, cost, ctx, o, mo, c, tmp, 0, g->n + 1,
	                   big ? 0 : (size_t)-1, 0, (size_t)page };
	b = a;

	if (!c || !tmp) {
		free(c);
		free(tmp);
		return NULL;
	}
	if (o->ctx2 && g->cells >= PAR_MIN_CELLS) {
		while (a.r1 > 1 && g->off[a.r1 - 1] > g->cells / 2)
			a.r1--;
		b.r0 = a.r1;
		b.ctx = o->ctx2;
		b.tmp = tmp + g->maxw;
		/* a reads the memo's rows up to a.r1 - 1 + amax */
		for (k = 0; k < o->ntypes; k++)
			if (o->types[k][0] > amax)
				amax = o->types[k][0];
		if (big)
			b.rel0 = b.r0 + amax <= g->n ? b.r0 + amax : (size_t)-1;
		tumen_par2(2, S_costs_rows, &a, S_costs_rows, &b);
	} else {
		S_costs_rows(&a);
	}
	free(tmp);
	return c;
}

/* Forward (dir = 1) or backward (dir = -1) sums of path costs over the
 * band, at temperature T, into v; c from S_costs().  A cell's terms are
 * its shapes', in the order of o->types: the sum at the bead's other end
 * plus the bead's cost.  Which cells of a row each shape reaches, and
 * where its other ends lie, is worked out once per row (jlo, jhi, at);
 * dir is a constant where inlined (S_sums_fwd, S_sums_bwd). */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline void S_sums(const S_band *g, double *v, const int dir,
                          const float *c, const tumen_dp_opts *o)
{
	size_t nt = o->ntypes, step, i, j, k, q, cell;
	size_t jlo[255], jhi[255]; /* shapes are numbered by a byte */
	ptrdiff_t at[255]; /* v[at[k] + j]: the other end of cell j's bead */

	for (step = 0; step <= g->n; step++) {
		i = dir > 0 ? step : g->n - step;
		for (k = 0; k < nt; k++) {
			size_t a = o->types[k][0], b = o->types[k][1], r, lo, hi;
			jlo[k] = 1; /* none, unless set below */
			jhi[k] = 0;
			if (dir > 0 ? a > i : i + a > g->n)
				continue;
			r = dir > 0 ? i - a : i + a;
			if (dir > 0) {
				lo = g->lo[r] + b;
				hi = g->hi[r] + b;
			} else {
				if (g->hi[r] < b)
					continue;
				lo = g->lo[r] > b ? g->lo[r] - b : 0;
				hi = g->hi[r] - b;
			}
			at[k] = (ptrdiff_t)g->off[r] - (ptrdiff_t)g->lo[r] +
			        (dir > 0 ? -(ptrdiff_t)b : (ptrdiff_t)b);
			jlo[k] = lo > g->lo[i] ? lo : g->lo[i];
			jhi[k] = hi < g->hi[i] ? hi : g->hi[i];
		}
		for (q = 0; q <= g->hi[i] - g->lo[i]; q++) {
			double terms[S_TERMS];
			int nterms = 0;
			j = dir > 0 ? g->lo[i] + q : g->hi[i] - q;
			cell = g->off[i] + (j - g->lo[i]);
			if (dir > 0 ? !i && !j : i == g->n && j == g->m) {
				v[cell] = 0; /* the origin */
				continue;
			}
			for (k = 0; k < nt; k++) {
				size_t e;
				double x;
				float bc;
				if (j < jlo[k] || j > jhi[k])
					continue;
				e = (size_t)(at[k] + (ptrdiff_t)j);
				x = v[e];
				bc = c[(dir > 0 ? e : cell) * nt + k];
				if (x == HUGE_VAL || bc == HUGE_VALF)
					continue;
				if (nterms == S_TERMS) { /* more shapes: fold */
					terms[0] = tumen_lse(terms, nterms, o->temperature);
					nterms = 1;
				}
				terms[nterms++] = x + bc;
			}
			v[cell] = nterms ? tumen_lse(terms, nterms, o->temperature)
			                 : HUGE_VAL;
		}
	}
}

static void S_sums_fwd(const S_band *g, double *v, const float *c,
                       const tumen_dp_opts *o)
{
	S_sums(g, v, 1, c, o);
}

static void S_sums_bwd(const S_band *g, double *v, const float *c,
                       const tumen_dp_opts *o)
{
	S_sums(g, v, -1, c, o);
}

/* S_sums() as a job: the two sums run at once. */
typedef struct {
	const S_band *g;
	double *v;
	int dir;
	const float *c;
	const tumen_dp_opts *o;
} S_sums_job;

static void S_sums_run(void *arg)
{
	const S_sums_job *j = arg;

	if (j->dir > 0)
		S_sums_fwd(j->g, j->v, j->c, j->o);
	else
		S_sums_bwd(j->g, j->v, j->c, j->o);
}

/* The scores of beads [k0, k1) of the path from the sums f and bw: from
 * the cost each bead's score holds on entry (S_trace) when cost is NULL,
 * else from its cost computed again (with two threads, the second half
 * of them on the second, with its own context). */
typedef struct {
	const S_band *g;
	const double *f, *bw;
	double z;
	tumen_bead *b;
	size_t k0, k1;
	tumen_cost_fn cost;
	void *ctx;
	const tumen_dp_opts *o;
} S_scores_job;

static void S_scores_run(void *arg)
{
	const S_scores_job *j = arg;
	const S_band *g = j->g;
	size_t k;

	for (k = j->k0; k < j->k1; k++) {
		tumen_bead *b = &j->b[k];
		size_t i0 = b->src, j0 = b->tgt;
		size_t i1 = i0 + b->nsrc, j1 = j0 + b->ntgt;
		double bc = b->score, p;
		if (j->cost)
			j->cost(j->ctx, i0, j0, j0, (unsigned)b->nsrc,
			        (unsigned)b->ntgt, &bc, 1);
		p = j->f[g->off[i0] + (j0 - g->lo[i0])] + bc +
		    j->bw[g->off[i1] + (j1 - g->lo[i1])] - j->z;
		b->score = exp(-p / j->o->temperature);
		if (!(b->score <= 1))
			b->score = 1;
	}
}

/* Posterior of each bead of the path: exp(-(F(start) + cost + B(end) -
 * F(n, m)) / T), with F and B summed in a narrow band around the path;
 * with `costs`, each bead's score holds its cost on entry. */
static int S_posteriors(size_t n, size_t m, tumen_bead *b, size_t nb,
                        tumen_cost_fn cost, void *ctx, int costs,
                        const tumen_dp_opts *o, S_memo *mo)
{
	S_band g;
	double *f = NULL, *bw = NULL;
	float *c = NULL;
	S_scores_job sa, sb;

	if (S_band_alloc(&g, n, m))
		goto fail;
	S_band_path(&g, b, nb);
	c = S_costs(&g, cost, ctx, o, mo);
	/* the memo is read: its memory goes before the sums' comes */
	if (mo)
		S_memo_free(mo);
	f = malloc(g.cells * sizeof *f);
	bw = malloc(g.cells * sizeof *bw);
	if (!f || !bw || !c)
		goto fail;
	if (o->ctx2 && g.cells >= PAR_MIN_CELLS) {
		S_sums_job fj = { &g, f, 1, c, o }, bj = { &g, bw, -1, c, o };
		tumen_par2(2, S_sums_run, &fj, S_sums_run, &bj);
	} else {
		S_sums_fwd(&g, f, c, o);
		S_sums_bwd(&g, bw, c, o);
	}
	free(c);
	c = NULL;
	sa = (S_scores_job){ &g, f, bw, f[g.off[n] + (m - g.lo[n])], b, 0, nb,
	                     costs ? NULL : cost, ctx, o };
	if (!costs && o->ctx2 && g.cells >= PAR_MIN_CELLS) {
		sb = sa;
		sa.k1 = sb.k0 = nb / 2;
		sb.ctx = o->ctx2;
		tumen_par2(2, S_scores_run, &sa, S_scores_run, &sb);
	} else {
		S_scores_run(&sa);
	}
	free(f);
	free(bw);
	S_band_free(&g);
	return 0;
fail:
	free(c);
	free(f);
	free(bw);
	S_band_free(&g);
	return -1;
}

/* The cost function of a window of the matrix: its (0, 0) is (i0, j0). */
typedef struct {
	tumen_cost_fn cost;
	void *ctx;
	size_t i0, j0;
} S_sub;

static void S_sub_cost(void *ctx, size_t i, size_t j0, size_t j1, unsigned a,
                       unsigned b, double *out, size_t stride)
{
	const S_sub *s = ctx;

	s->cost(s->ctx, s->i0 + i, s->j0 + j0, s->j0 + j1, a, b, out, stride);
}

/* Best path from (i0, j0) to (i1, j1) inside band g: its beads, forward,
 * into out, with their costs as scores when `keep` (as the path they join
 * has them: S_search); 0 when it stays clear of g's edges, 1 when it
 * touches one (then g is widened there), -1 when out of memory. */
static int S_window(S_band *g, size_t i0, size_t j0, size_t i1, size_t j1,
                    size_t w, tumen_cost_fn cost, void *ctx,
                    const tumen_dp_opts *o, int keep, tumen_bead *out,
                    size_t *nout)
{
	S_sub sub = { cost, ctx, i0, j0 }, sub2 = { cost, o->ctx2, i0, j0 };
	S_band h;
	S_edges *e = malloc(sizeof *e);
	uint8_t *back = NULL;
	double *bc = NULL;
	size_t r, k;
	long nb = -1;

	if (!e || S_band_alloc(&h, i1 - i0, j1 - j0)) {
		free(e);
		return -1;
	}
	for (r = 0; r <= h.n; r++) {
		size_t lo = g->lo[i0 + r], hi = g->hi[i0 + r];
		h.lo[r] = lo > j0 ? (lo < j1 ? lo : j1) - j0 : 0;
		h.hi[r] = hi < j1 ? (hi > j0 ? hi : j0) - j0 : h.m;
	}
	S_band_fix(&h);
	back = malloc(h.cells);
	if (keep && !(bc = malloc(h.cells * sizeof *bc))) {
		free(back);
		back = NULL;
	}
	if (back && !S_viterbi(&h, back, bc, S_sub_cost, &sub,
	                       o->ctx2 ? &sub2 : NULL, o, NULL))
		nb = S_trace(&h, back, bc, o, out, e);
	free(back);
	free(bc);
	if (nb >= 0) {
		S_reverse(out, (size_t)nb);
		for (k = 0; k < (size_t)nb; k++) {
			out[k].src += i0;
			out[k].tgt += j0;
		}
		*nout = (size_t)nb;
		for (k = 0; k < e->n; k++)
			e->row[k] += i0;
		if (e->n && !e->overflow)
			S_band_widen(g, e, w);
	}
	S_band_free(&h);
	r = nb < 0 ? (size_t)-1 : e->n || e->overflow;
	free(e);
	return nb < 0 ? -1 : (int)r;
}

static int S_same(const tumen_bead *a, const tumen_bead *b)
{
	return a->src == b->src && a->nsrc == b->nsrc && a->tgt == b->tgt &&
	       a->ntgt == b->ntgt;
}

/* Whether the new stretch seg[0..ns) of a window agrees with the old beads
 * old[0..no) over at least `rows` rows at its start (*head) and at its end
 * (*tail): only then is the window's fixed end point not what shaped it. */
static void S_agree(const tumen_bead *seg, size_t ns, const tumen_bead *old,
                    size_t no, size_t rows, int *head, int *tail)
{
	size_t a = 0, z = 0;

	while (a < ns && a < no && S_same(&seg[a], &old[a]))
		a++;
	while (z < ns && z < no && S_same(&seg[ns - 1 - z], &old[no - 1 - z]))
		z++;
	*head = a == ns || (a && seg[a - 1].src + seg[a - 1].nsrc >= seg[0].src + rows);
	*tail = z == ns || (z && seg[ns - z].src + rows <= seg[ns - 1].src + seg[ns - 1].nsrc);
}

/* After the band was widened around the edges e of a path (beads b[0..nb),
 * reversed, as S_trace gives them), searches again only in windows of
 * rows around the edges, between points of the old path, and splices the
 * new stretches in.  A window grows, by `reach` rows at a time, on each
 * side where its new stretch does not run along the old path for a while
 * (the old path was wrong there too).  Returns the new number of beads
 * (reversed, in b), 0 when a window still touches an edge after
 * WIDEN_TRIES tries or cannot grow (the caller searches the whole band
 * again), -1 when out of memory.  With `keep`, b's scores hold their
 * costs, and the new beads' do too. */
#define WIDEN_TRIES 8
static long S_repair(S_band *g, const S_edges *e, size_t w, tumen_cost_fn cost,
                     void *ctx, const tumen_dp_opts *o, int keep,
                     tumen_bead *b, size_t nb)
{
	size_t reach = 4 * w, cap = g->n + g->m + 1, n = 0, k = 0, q;
	tumen_bead *old = malloc(nb * sizeof *old), *nw = malloc(cap * sizeof *nw);
	tumen_bead *seg = malloc(cap * sizeof *seg);
	long ret = -1;

	if (!old || !nw || !seg)
		goto out;
	for (q = 0; q < nb; q++)
		old[q] = b[nb - 1 - q];
	q = e->n; /* edges come in descending rows */
	while (q > 0) {
		size_t r0, r1, k0, k1, kmin = k, nmin = n, ns = 0;
		int tries = 0, res, head = 0, tail = 0;
		q--;
		r0 = e->row[q] > reach ? e->row[q] - reach : 0;
		r1 = e->row[q] + reach;
		for (;;) {
			while (q > 0 && e->row[q - 1] <= r1 + reach) /* merge */
				r1 = e->row[--q] + reach;
			/* the window runs from the last old point at or before r0
			 * (not before what is already spliced) to the first at or
			 * after r1 */
			for (k0 = kmin; k0 < nb && old[k0].src + old[k0].nsrc <= r0; k0++)
				;
			for (k1 = k0; k1 < nb && old[k1].src < r1; k1++)
				;
			if (k0 == k1)
				break;
			do
				res = S_window(g, old[k0].src, old[k0].tgt,
				               k1 < nb ? old[k1].src : g->n,
				               k1 < nb ? old[k1].tgt : g->m, w, cost, ctx,
				               o, keep, seg, &ns);
			while (res == 1 && ++tries < WIDEN_TRIES);
			if (res) {
				ret = res < 0 ? -1 : 0;
				goto out;
			}
			S_agree(seg, ns, old + k0, k1 - k0, w, &head, &tail);
			head = head || k0 == 0;
			tail = tail || k1 == nb;
			if (head && tail)
				break;
			if (!head && k0 == kmin && kmin > 0) {
				ret = 0; /* would reach into the previous window */
				goto out;
			}
			if (!head)
				r0 = r0 > reach ? r0 - reach : 0;
			if (!tail)
				r1 += reach;
		}
		/* old beads up to the window, then its new stretch */
		n = nmin;
		memcpy(nw + n, old + kmin, (k0 - kmin) * sizeof *old);
		n += k0 - kmin;
		if (k0 < k1) {
			memcpy(nw + n, seg, ns * sizeof *seg);
			n += ns;
		}
		k = k1;
	}
	memcpy(nw + n, old + k, (nb - k) * sizeof *old);
	n += nb - k;
	for (q = 0; q < n; q++)
		b[q] = nw[n - 1 - q];
	ret = (long)n;
out:
	free(old);
	free(nw);
	free(seg);
	return ret;
}

/* Searches a band around the guide, widened where the path runs along
 * its edge (the guide was wrong there), up to WIDEN_TRIES times; then the
 * whole band twice as wide, up to the whole matrix; a matrix too large
 * for that gets, up to RECENTER times, a band around the path found (the
 * guide is overwritten).  Returns the number of beads (reversed), or -1. */
/* guide[0..n]: the column where the path of beads b[0..nb) (reversed, as
 * S_trace() leaves them) enters each row. */
static void S_path_guide(const tumen_bead *b, size_t nb, size_t n, size_t m,
                         size_t *guide)
{
	size_t k, r;

	for (k = 0; k < nb; k++)
		for (r = b[k].src; r < b[k].src + b[k].nsrc; r++)
			guide[r] = b[k].tgt;
	guide[n] = m;
}

static long S_search(size_t n, size_t m, size_t *guide, tumen_cost_fn cost,
                     void *ctx, const tumen_dp_opts *o, tumen_bead *beads,
                     S_memo *mo, int *costs)
{
	size_t w = o->min_band, full = n > m ? n : m, wmax;
	int tries = 0, recentred = 0;
	long nb = -1;
	S_band g;
	S_edges e;

	if (!w)
		w = 24;
	/* when local widening has not freed the path, a small matrix is
	 * searched again in a band twice as wide, up to the whole of it; a
	 * large one keeps the path found (time and memory stay linear) */
	wmax = (double)(n + 1) * (double)(m + 1) <= MAX_CELLS ? full : w;
	if ((double)(n + 1) * (double)(m + 1) <= 1e4 || w > full)
		w = full;
	if (S_band_alloc(&g, n, m))
		return -1;
	S_band_around(&g, guide, o->widths, w);
	for (;;) {
		uint8_t *back = malloc(g.cells);
		int keep = mo && S_memo_on && g.cells <= COSTS_MAX_CELLS;
		double *bc = keep ? malloc(g.cells * sizeof *bc) : NULL;
		if (!back || (keep && !bc) ||
		    S_viterbi(&g, back, bc, cost, ctx, o->ctx2, o, mo)) {
			free(back);
			free(bc);
			break;
		}
		nb = S_trace(&g, back, bc, o, beads, &e);
		*costs = keep;
		free(back);
		free(bc);
		if (nb >= 0 && !e.n)
			break;
		if (nb >= 0 && !e.overflow && tries++ < WIDEN_TRIES) {
			long r;
			S_band_widen(&g, &e, w);
			r = o->local_repair
			        ? S_repair(&g, &e, w, cost, ctx, o, *costs, beads,
			                   (size_t)nb)
			        : 0;
			if (r) {
				nb = r;
				break;
			}
		} else if (w < full && w < wmax) {
			w = w * 2 < full ? w * 2 : full;
			S_band_around(&g, guide, o->widths, w);
		} else if (nb >= 0 && recentred++ < RECENTER) {
			/* too large to search whole, and the path still runs
			 * along the edge (or along too many edges to widen
			 * each): a band around the path itself lets it move on
			 * by another band width */
			S_path_guide(beads, (size_t)nb, n, m, guide);
			S_band_around(&g, guide, o->widths, w);
			tries = 0;
		} else {
			break;
		}
	}
	S_band_free(&g);
	return nb;
}

tumen_status tumen_dp_align(size_t n, size_t m, size_t src0, size_t tgt0,
                            tumen_cost_fn cost, void *ctx,
                            const tumen_dp_opts *o, tumen_bead **out,
                            size_t *nout)
{
	tumen_bead *beads = malloc((n + m + 1) * sizeof *beads);
	size_t *guide = malloc((n + 1) * sizeof *guide), k;
	S_memo mo;
	long nb;
	int costs = 0;

	*out = NULL;
	*nout = 0;
	if (!beads || !guide) {
		free(beads);
		free(guide);
		return TUMEN_ENOMEM;
	}
	if (o->guide)
		memcpy(guide, o->guide, (n + 1) * sizeof *guide);
	else
		for (k = 0; k <= n; k++)
			guide[k] = n ? (size_t)((double)k * (double)m / (double)n) : m;
	memset(&mo, 0, sizeof mo);
	nb = S_search(n, m, guide, cost, ctx, o, beads,
	              o->no_posteriors ? NULL : &mo, &costs);
	free(guide);
	if (nb < 0) {
		S_memo_free(&mo);
		free(beads);
		return TUMEN_ENOMEM;
	}
	S_reverse(beads, (size_t)nb);
	if (!o->no_posteriors &&
	    S_posteriors(n, m, beads, (size_t)nb, cost, ctx, costs, o,
	                 mo.valid ? &mo : NULL)) {
		S_memo_free(&mo);
		free(beads);
		return TUMEN_ENOMEM;
	}
	S_memo_free(&mo);
	for (k = 0; k < (size_t)nb; k++) {
		beads[k].src += src0;
		beads[k].tgt += tgt0;
	}
	*out = beads;
	*nout = (size_t)nb;
	return TUMEN_OK;
}
