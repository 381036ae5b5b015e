/*
 * dp.c - banded Viterbi search plus forward-backward posteriors.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dp.h"

typedef struct {
	size_t n, m;
	size_t *lo, *hi, *off; /* band: row i spans lo[i]..hi[i] */
	size_t cells;
	double *v, *f, *b;     /* Viterbi, forward, backward costs */
	uint8_t *back;         /* chosen bead type per cell */
} S_band;

static size_t S_cell(const S_band *g, size_t i, size_t j)
{
	return g->off[i] + (j - g->lo[i]);
}

static int S_in(const S_band *g, size_t i, size_t j)
{
	return j >= g->lo[i] && j <= g->hi[i];
}

static void S_free(S_band *g)
{
	free(g->lo);
	free(g->hi);
	free(g->off);
	free(g->v);
	free(g->f);
	free(g->b);
	free(g->back);
	memset(g, 0, sizeof *g);
}

/* Lays the band out: rows of half-width w around the guide, made
 * connected (each row reaches the previous row's span). */
static int S_layout(S_band *g, size_t n, size_t m, size_t w, const size_t *guide)
{
	size_t i;

	g->n = n;
	g->m = m;
	g->lo = malloc((n + 1) * sizeof *g->lo);
	g->hi = malloc((n + 1) * sizeof *g->hi);
	g->off = malloc((n + 2) * sizeof *g->off);
	if (!g->lo || !g->hi || !g->off)
		return -1;
	for (i = 0; i <= n; i++) {
		size_t c = guide ? guide[i] : (n ? (size_t)((double)i * m / n) : m);
		g->lo[i] = c > w ? c - w : 0;
		g->hi[i] = c + w < m ? c + w : m;
	}
	g->lo[0] = 0;
	g->hi[n] = m;
	/* connectivity: row i must overlap row i-1 and reach row i+1 */
	for (i = 1; i <= n; i++)
		if (g->lo[i] > g->hi[i - 1])
			g->lo[i] = g->hi[i - 1];
	for (i = n; i-- > 0;)
		if (g->hi[i] < g->lo[i + 1])
			g->hi[i] = g->lo[i + 1];
	g->off[0] = 0;
	for (i = 0; i <= n; i++)
		g->off[i + 1] = g->off[i] + (g->hi[i] - g->lo[i] + 1);
	g->cells = g->off[n + 1];
	g->v = malloc(g->cells * sizeof *g->v);
	g->f = malloc(g->cells * sizeof *g->f);
	g->b = malloc(g->cells * sizeof *g->b);
	g->back = malloc(g->cells);
	return g->v && g->f && g->b && g->back ? 0 : -1;
}

/* -T log(exp(-x/T) + exp(-y/T)), stable */
static double S_lse(double x, double y, double t)
{
	if (x == HUGE_VAL)
		return y;
	if (y == HUGE_VAL)
		return x;
	if (x < y)
		return x - t * log1p(exp((x - y) / t));
	return y - t * log1p(exp((y - x) / t));
}

static void S_forward(S_band *g, tumen_cost_fn cost, void *ctx,
                      const tumen_dp_opts *o)
{
	size_t i, j, k;

	for (i = 0; i <= g->n; i++) {
		for (j = g->lo[i]; j <= g->hi[i]; j++) {
			size_t c = S_cell(g, i, j);
			double best = HUGE_VAL, sum = HUGE_VAL;
			uint8_t arg = 0xff;
			if (i == 0 && j == 0) {
				g->v[c] = g->f[c] = 0;
				g->back[c] = 0xff;
				continue;
			}
			for (k = 0; k < o->ntypes; k++) {
				unsigned a = o->types[k][0], bb = o->types[k][1];
				size_t p;
				double x;
				if (a > i || bb > j || !S_in(g, i - a, j - bb))
					continue;
				p = S_cell(g, i - a, j - bb);
				if (g->v[p] == HUGE_VAL)
					continue;
				x = cost(ctx, i - a, j - bb, a, bb);
				if (x == HUGE_VAL)
					continue;
				if (g->v[p] + x < best) {
					best = g->v[p] + x;
					arg = (uint8_t)k;
				}
				sum = S_lse(sum, g->f[p] + x, o->temperature);
			}
			g->v[c] = best;
			g->f[c] = sum;
			g->back[c] = arg;
		}
	}
}

static void S_backward(S_band *g, tumen_cost_fn cost, void *ctx,
                       const tumen_dp_opts *o)
{
	size_t i, j, k;

	for (i = g->n + 1; i-- > 0;) {
		for (j = g->hi[i] + 1; j-- > g->lo[i];) {
			size_t c = S_cell(g, i, j);
			double sum = HUGE_VAL;
			if (i == g->n && j == g->m) {
				g->b[c] = 0;
				continue;
			}
			for (k = 0; k < o->ntypes; k++) {
				unsigned a = o->types[k][0], bb = o->types[k][1];
				size_t q;
				double x;
				if (i + a > g->n || j + bb > g->m ||
				    !S_in(g, i + a, j + bb))
					continue;
				q = S_cell(g, i + a, j + bb);
				if (g->b[q] == HUGE_VAL)
					continue;
				x = cost(ctx, i, j, a, bb);
				if (x == HUGE_VAL)
					continue;
				sum = S_lse(sum, g->b[q] + x, o->temperature);
			}
			g->b[c] = sum;
		}
	}
}

/* Walks the Viterbi path back; returns the number of beads or -1.  Sets
 * *edge when the path runs along the band's edge away from the borders. */
static long S_trace(const S_band *g, const tumen_dp_opts *o, tumen_bead *beads,
                    int *edge)
{
	size_t i = g->n, j = g->m, nb = 0;

	*edge = 0;
	while (i || j) {
		size_t c = S_cell(g, i, j);
		uint8_t k = g->back[c];
		if (k == 0xff)
			return -1;
		if ((j == g->lo[i] && j > 0) || (j == g->hi[i] && j < g->m))
			*edge = 1;
		beads[nb].nsrc = o->types[k][0];
		beads[nb].ntgt = o->types[k][1];
		i -= beads[nb].nsrc;
		j -= beads[nb].ntgt;
		beads[nb].src = i;
		beads[nb].tgt = j;
		nb++;
	}
	return (long)nb;
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

tumen_status tumen_dp_align(size_t n, size_t m, size_t src0, size_t tgt0,
                            tumen_cost_fn cost, void *ctx,
                            const tumen_dp_opts *o, tumen_bead **out,
                            size_t *nout)
{
	size_t w = o->min_band, full = n > m ? n : m, k;
	tumen_bead *beads = malloc((n + m + 1) * sizeof *beads);
	long nb = -1;
	int edge = 1;
	S_band g;

	*out = NULL;
	*nout = 0;
	if (!beads)
		return TUMEN_ENOMEM;
	if (!w) {
		size_t diff = n > m ? n - m : m - n;
		w = 30 + 2 * diff;
	}
	if ((double)(n + 1) * (double)(m + 1) <= 1e4)
		w = full;
	for (;;) {
		memset(&g, 0, sizeof g);
		if (S_layout(&g, n, m, w, o->guide)) {
			S_free(&g);
			free(beads);
			return TUMEN_ENOMEM;
		}
		S_forward(&g, cost, ctx, o);
		nb = S_trace(&g, o, beads, &edge);
		if ((nb >= 0 && !edge) || w >= full)
			break;
		S_free(&g);
		w = w * 2 < full ? w * 2 : full;
	}
	if (nb < 0) {
		S_free(&g);
		free(beads);
		return TUMEN_EINVAL;
	}
	S_backward(&g, cost, ctx, o);
	S_reverse(beads, (size_t)nb);
	for (k = 0; k < (size_t)nb; k++) {
		tumen_bead *b = &beads[k];
		double x = cost(ctx, b->src, b->tgt, (unsigned)b->nsrc,
		                (unsigned)b->ntgt);
		double post = g.f[S_cell(&g, b->src, b->tgt)] + x +
		              g.b[S_cell(&g, b->src + b->nsrc, b->tgt + b->ntgt)] -
		              g.f[S_cell(&g, n, m)];
		b->score = exp(-post / o->temperature);
		if (b->score > 1)
			b->score = 1;
		b->src += src0;
		b->tgt += tgt0;
	}
	S_free(&g);
	*out = beads;
	*nout = (size_t)nb;
	return TUMEN_OK;
}
