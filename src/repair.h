/*
 * repair.h - the repair of a long document's weak stretches (private):
 * where the words of the beads have no more translations across them than
 * chance gives, the path is searched again in a wider band (repair.c).
 */
#ifndef TUMEN_REPAIR_H
#define TUMEN_REPAIR_H

#include <stddef.h>

#include "cost.h"

/* A stretch a repair searched: sentences [s0, s1) and [t0, t1). */
typedef struct {
	size_t s0, s1, t0, t1;
} tumen_stretch;

typedef struct {
	tumen_stretch *v;
	size_t n, cap;
} tumen_stretches;

/* Up to two rounds of repairs of beads *b (*nb of *cap, replaced in
 * place) after x's lexical pass, with x's costs, after the stretches of
 * `redo` (if not NULL) are searched again; the stretches searched are
 * added to `log` (if not NULL); *changed counts the beads the repairs
 * found that were not there. */
tumen_status tumen_repair(tumen_aligner *x, tumen_bead **b, size_t *nb,
                          size_t *cap, const tumen_stretches *redo,
                          tumen_stretches *log, size_t *changed);

#endif
