/*
 * tumen/eval.h - scoring beads against a gold alignment.
 *
 * The measure is the one vecalign and bertalign publish.  Precision runs
 * over the test beads (1-0 and 0-1 included): a strict hit equals a gold
 * bead; a lax hit has some source line gold-aligned to some target line of
 * it.  Recall is the same with test and gold swapped, with beads that have
 * an empty side left out of both.  Counts are summed over documents
 * (micro-average) and F1 = 2PR / (P + R).
 */
#ifndef TUMEN_EVAL_H
#define TUMEN_EVAL_H

#include <stddef.h>
#include <tumen/align.h>
#include <tumen/status.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct tumen_eval {
	size_t test, strict_p, lax_p; /* precision: beads, strict/lax hits */
	size_t gold, strict_r, lax_r; /* recall: beads, strict/lax hits */
} tumen_eval;

typedef struct tumen_eval_scores {
	double strict_p, strict_r, strict_f1;
	double lax_p, lax_r, lax_f1;
} tumen_eval_scores;

/*
 * Parses beads in the gold format ("SRC<TAB>TGT" per line, each side a comma
 * separated list of consecutive 0-based indices, possibly empty).  *out is a
 * malloc'd array the caller frees with free().  A malformed line gives
 * TUMEN_EFORMAT with err->line set.
 */
tumen_status tumen_beads_parse(const char *text, size_t len, tumen_bead **out,
                               size_t *n, tumen_error *err);

/* Adds one document's counts to `acc`. */
tumen_status tumen_eval_add(tumen_eval *acc, const tumen_bead *gold, size_t ngold,
                            const tumen_bead *test, size_t ntest);

/* Sets hit[k] to 1 when test bead k equals a gold bead (a strict hit),
 * else 0.  `hit` has ntest elements. */
tumen_status tumen_eval_hits(const tumen_bead *gold, size_t ngold,
                             const tumen_bead *test, size_t ntest,
                             unsigned char *hit);

/* Precision, recall, F1 of the accumulated counts (0 where undefined). */
void tumen_eval_scores_get(const tumen_eval *acc, tumen_eval_scores *s);

#ifdef __cplusplus
}
#endif
#endif
