#ifndef TUMEN_ALIGN_INTERNAL_H
#define TUMEN_ALIGN_INTERNAL_H
#include <tumen/align.h>
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
#endif
