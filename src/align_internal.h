#ifndef TUMEN_ALIGN_INTERNAL_H
#define TUMEN_ALIGN_INTERNAL_H
#include <tumen/align.h>
struct tumen_alignment { tumen_bead *beads; size_t n, cap; };
#endif
