/*
 * repair.h - the repair of a long document's weak stretches (private):
 * where the words of the beads have no more translations across them than
 * chance gives, the path is searched again in a wider band (repair.c).
 */
#ifndef TUMEN_REPAIR_H
#define TUMEN_REPAIR_H

#include <stddef.h>

#include "cost.h"

/* Up to two rounds of repairs of beads *b (*nb of *cap, replaced in
 * place) after x's lexical pass, with x's costs; *changed counts the beads
 * the repairs found that were not there. */
tumen_status tumen_repair(tumen_aligner *x, tumen_bead **b, size_t *nb,
                          size_t *cap, size_t *changed);

#endif
