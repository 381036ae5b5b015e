/*
 * lexmatch.h - which words of two sentences translate each other, for
 * every sentence pair the aligner looks at (private).
 *
 * The aligner asks, for source sentence i and target sentence j, which
 * words of i have a translation in j and which words of j have one in i
 * (two bit masks: bit k for the k-th word, k < 64; lexicon.h says what a
 * translation is).  It asks for tens of sentence pairs per row of its
 * band, row after row, so the work is split:
 * - once per document: every word gets a dense id (one vocabulary per
 *   side), and each distinct word's lexicon candidates (lexicon.h) are
 *   turned into ids, dropping the candidates the other document never
 *   uses; each sentence's are its words' (looked up once per word, not
 *   once per occurrence);
 * - once per source row: its candidates are stamped into an array indexed
 *   by target word id (the last TUMEN_LEXMATCH_ROWS rows are kept);
 * - once per pair: one array look-up per word of the target sentence.
 * The result is exactly tumen_lexicon_masks() of the two sentences.
 */
#ifndef TUMEN_LEXMATCH_H
#define TUMEN_LEXMATCH_H

#include <stddef.h>
#include <stdint.h>
#include <tumen/status.h>

#include "anchors.h"
#include "lexicon.h"

/* Rows stamped at a time: a bead spans at most 3 source rows. */
#define TUMEN_LEXMATCH_ROWS 4

typedef struct tumen_lexmatch tumen_lexmatch;

/* Prepares the matching of the words of `s` against those of `t` through
 * `lex` (frozen), the two sides at once when threads > 1.  All three must
 * outlive *out. */
tumen_status tumen_lexmatch_new(const tumen_lexicon *lex, const tumen_feats *s,
                                const tumen_feats *t, int threads,
                                tumen_lexmatch **out);
void tumen_lexmatch_free(tumen_lexmatch *lm);

/* A second matcher of the same two documents, for another thread: it
 * reads lm's tables (lm must outlive it) and stamps rows of its own, so
 * the two may be asked for pairs at the same time.  Free it with
 * tumen_lexmatch_free(). */
tumen_status tumen_lexmatch_fork(const tumen_lexmatch *lm,
                                 tumen_lexmatch **out);

/* The masks of source sentence i and target sentence j (see above).
 * Stamps row i when it is not among the rows held. */
void tumen_lexmatch_pair(tumen_lexmatch *lm, size_t i, size_t j,
                         uint64_t *smask, uint64_t *tmask);

#endif
