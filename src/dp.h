/*
 * dp.h - the dynamic programme under the aligner (private).
 *
 * Finds the cheapest monotone sequence of beads covering n source and m
 * target sentences, and the posterior probability of each chosen bead.
 * The search runs in a band of cells around a guide line: per source
 * position i, target positions lo[i] .. hi[i].  Time and memory are
 * proportional to the band's area, so a band of fixed width makes the
 * alignment linear in the document length.  When the best path touches the
 * band's edge (the guide was wrong there), the band is widened and the
 * search is run again, up to the full n x m matrix.
 */
#ifndef TUMEN_DP_H
#define TUMEN_DP_H

#include <stddef.h>
#include <tumen/align.h>

/* The costs (-log probability, prior included) of the beads that take
 * sources [i, i+a) and targets [j, j+b), for j = j0 .. j1, into
 * out[(j - j0) * stride]; HUGE_VAL forbids a bead.  A row of beads at a
 * time: the aligner computes their length costs together.  The cost of a
 * bead must not depend on the row it was asked with. */
typedef void (*tumen_cost_fn)(void *ctx, size_t i, size_t j0, size_t j1,
                              unsigned a, unsigned b, double *out,
                              size_t stride);

typedef struct tumen_dp_opts {
	const unsigned char (*types)[2]; /* bead shapes (a, b) */
	size_t ntypes;       /* at most 255: a cell keeps its shape in a byte */
	double temperature; /* posterior = exp(-cost / temperature) ... */
	size_t min_band;    /* initial half-width of the band (0: automatic) */
	const size_t *guide; /* optional: guide[i] = expected j for i (n+1) */
	int no_posteriors;   /* leave bead scores at 0 (a guide-only pass) */
	const size_t *widths; /* optional: half-width per row (n+1), at least
	                         min_band; where the guide is unsure */
	int local_repair;    /* where the path runs along the band's edge,
	                        search again only around there (the guide is a
	                        path of sentences, wrong only locally); 0: the
	                        whole band again */
	void *ctx2;          /* optional: a second context for the cost
	                        function, which a second thread may use while
	                        the first uses ctx; the cost of a bead must
	                        not depend on which context computed it */
} tumen_dp_opts;

/*
 * Aligns [0, n) with [0, m).  On success *out (malloc'd, caller frees) holds
 * *nout beads in order with their posterior in .score; indices are offset
 * by src0/tgt0.
 */
tumen_status tumen_dp_align(size_t n, size_t m, size_t src0, size_t tgt0,
                            tumen_cost_fn cost, void *ctx,
                            const tumen_dp_opts *o, tumen_bead **out,
                            size_t *nout);

/* Whether the posteriors take the bead costs the Viterbi pass computed
 * (default) or compute them again: the same scores either way; for
 * tests, not thread-safe. */
void tumen_dp_memo(int on);

#endif
