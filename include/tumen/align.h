/*
 * tumen/align.h - sentence alignment of two documents.
 *
 * The aligner finds the most probable sequence of beads (0-1, 1-0, 1-1, 1-2,
 * 2-1, 2-2 and, with lexical support, 1-3 and 3-1) covering both documents in
 * order: every sentence of each side is in exactly one bead.  Paragraphs are
 * aligned first and sentences within aligned paragraph groups; when the
 * paragraph structures disagree the whole document is aligned at once.
 *
 * The cost of a bead combines a length term (Gale-Church, with the mean and
 * variance of the length ratio estimated from the document pair itself) with
 * anchor evidence (numbers, final punctuation ...).  Each bead gets a score
 * in [0, 1]: the posterior probability of that bead given the documents.
 */
#ifndef TUMEN_ALIGN_H
#define TUMEN_ALIGN_H

#include <stddef.h>
#include <tumen/dict.h>
#include <tumen/document.h>
#include <tumen/status.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A bead: sentences [src, src+nsrc) of the source document translate
 * sentences [tgt, tgt+ntgt) of the target.  nsrc or ntgt may be 0. */
typedef struct tumen_bead {
	size_t src, nsrc;
	size_t tgt, ntgt;
	double score;
} tumen_bead;

typedef struct tumen_alignment tumen_alignment;

typedef struct tumen_align_opts {
	int paragraphs;    /* 1: align paragraphs first (default), 0: never */
	int numbers;       /* use number anchors (default 1) */
	int punctuation;   /* use ? ! anchors (default 1) */
	int lexicon;       /* learn a lexicon from the pair, realign (default 1) */
	int names;         /* match names across scripts (default 1) */
	int identical;     /* identical words on both sides (Latin names,
	                      acronyms) are evidence (default 1) */
	const tumen_dict *dict; /* a bilingual dictionary (tumen/dict.h),
	                           borrowed, may be shared by threads; its
	                           word pairs are lexical evidence from the
	                           first pass on, even with lexicon = 0
	                           (default NULL: none) */
	int threads;       /* threads it may use (default 1); with 2, each
	                      stage that splits in two runs on two threads:
	                      the features (half of each document each), the
	                      bead costs of the banded search (a helper
	                      computes blocks of rows ahead), the posteriors'
	                      sums, Model 1's two directions.  The result is
	                      the same, bead for bead and score for score.
	                      The second thread is the library's: started at
	                      the first use and kept for the life of the
	                      process; it spins for 5 ms after each piece of
	                      work before it sleeps, yielding the processor
	                      to any thread that wants it */
	int exact;         /* 1: search the whole matrix of sentence pairs
	                      in every pass, not a band around a guide; time
	                      and memory grow with the product of the two
	                      lengths: for checking the banded search
	                      (default 0) */
} tumen_align_opts;

/* Sets `o` to the defaults. */
void tumen_align_opts_init(tumen_align_opts *o);

/*
 * Aligns `src` with `tgt`.  On success *out owns the alignment (free with
 * tumen_alignment_free).  `o` may be NULL for the defaults.
 */
tumen_status tumen_align(const tumen_doc *src, const tumen_doc *tgt,
                         const tumen_align_opts *o, tumen_alignment **out);

void tumen_alignment_free(tumen_alignment *a);

/* Number of beads. */
size_t tumen_alignment_count(const tumen_alignment *a);
/*
 * How parallel the documents look, in [0, 1]: 1 when the anchors that
 * survive translation (numbers, names) mostly find their twins, or when
 * there are too few to judge; lower when they do not.  Bead scores are
 * already scaled by it; below 0.5 the documents do not look parallel.
 */
double tumen_alignment_parallel(const tumen_alignment *a);

/* Bead i (borrowed). */
const tumen_bead *tumen_alignment_bead(const tumen_alignment *a, size_t i);

#ifdef __cplusplus
}
#endif
#endif
