#ifndef TUMEN_ALIGN_INTERNAL_H
#define TUMEN_ALIGN_INTERNAL_H
#include <tumen/align.h>
/* An alignment: beads in order; `parallel` as tumen_alignment_parallel(). */
struct tumen_alignment {
	tumen_bead *beads;
	size_t n, cap;
	double parallel;
};
#endif
