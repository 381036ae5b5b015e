#ifndef TUMEN_ALIGN_INTERNAL_H
#define TUMEN_ALIGN_INTERNAL_H
#include <tumen/align.h>

#include "cost.h"

/* Pass 1's band: cells either side of its guide (and the narrowest band a
 * repair searches, repair.c). */
#define TUMEN_PASS1_BAND 12
/* An alignment: beads in order; `parallel` as tumen_alignment_parallel(). */
struct tumen_alignment {
	tumen_bead *beads;
	size_t n, cap;
	double parallel;
};

/* Whether the length costs of a row of cells may use AVX and the lexical
 * evidence the processor's bit count (default: when the processor has
 * them); 0 computes them one by one, the bits by shifts.  The beads and
 * scores are the same either way: for tests, not thread-safe. */
void tumen_align_simd(int on);

/* The columns the pair caches start with (cost.h; rounded up to a power
 * of two; 0: the default), which grow as rows need: the beads and scores
 * are the same whatever the size.  For tests, not thread-safe. */
void tumen_align_cache_cols(size_t cols);

/* Aligns sources [s0, s0+ns) with targets [t0, t0+nt) in x's band (x->band
 * cells either side of x->path1, or of the diagonal of the lengths
 * without one); appends the beads (absolute indices) to *out, of *cap. */
tumen_status tumen_align_run(tumen_aligner *x, size_t s0, size_t ns,
                             size_t t0, size_t nt, tumen_bead **out,
                             size_t *nout, size_t *cap);
#endif
