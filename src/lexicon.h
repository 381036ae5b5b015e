/*
 * lexicon.h - word translation pairs, learned from aligned sentences or
 * loaded from a dictionary (private).
 *
 * Training is IBM Model 1 in both directions, by EM, on the sentence pairs
 * a first alignment pass is confident about.  What the aligner keeps is a
 * set of (source word, target word) pairs: those whose translation
 * probability passes a threshold in either direction.  A bead's lexical
 * evidence is then how many words of each side have a translation on the
 * other side: a count that adds up over the sentences of a bead, so the
 * aligner can cache it per sentence pair.  Words are the 32-bit hashes of
 * anchors.h; identical words (names and acronyms in Latin script on both
 * sides) always match.
 */
#ifndef TUMEN_LEXICON_H
#define TUMEN_LEXICON_H

#include <stddef.h>
#include <stdint.h>
#include <tumen/status.h>

typedef struct tumen_lexicon tumen_lexicon;

/* A sentence pair for training: word lists of both sides. */
typedef struct tumen_lex_pair {
	const uint32_t *src;
	size_t nsrc;
	const uint32_t *tgt;
	size_t ntgt;
} tumen_lex_pair;

/* Creates an empty lexicon (only identical words match). */
tumen_lexicon *tumen_lexicon_new(void);
void tumen_lexicon_free(tumen_lexicon *lx);

/* Adds the pair (source word s, target word t). */
tumen_status tumen_lexicon_add(tumen_lexicon *lx, uint32_t s, uint32_t t);

/* Trains Model 1 on `npairs` pairs and adds the pairs whose probability
 * passes `threshold` in either direction. */
tumen_status tumen_lexicon_train(tumen_lexicon *lx, const tumen_lex_pair *pairs,
                                 size_t npairs, double threshold);

/* Builds the index tumen_lexicon_masks() reads; call after the last
 * tumen_lexicon_add() or _train() and before the first _masks(). */
tumen_status tumen_lexicon_freeze(tumen_lexicon *lx);

/* Number of word pairs held (after tumen_lexicon_freeze()). */
size_t tumen_lexicon_size(const tumen_lexicon *lx);

/*
 * For one source and one target sentence (word lists), sets bit k of *tmask
 * when target word k (k < 64) has a translation among the source words, and
 * bit k of *smask when source word k has one among the target words.
 */
void tumen_lexicon_masks(const tumen_lexicon *lx, const uint32_t *s, size_t ns,
                         const uint32_t *t, size_t nt, uint64_t *smask,
                         uint64_t *tmask);

/*
 * The same, split so that the per-sentence work is done once per sentence
 * rather than once per sentence pair:
 * - tumen_lexicon_expand() appends to *v, for each word k (k < 64) of a
 *   sentence, (partner << 32 | k) for each of its partners: on the source
 *   side (reverse = 0) the word itself and its translations, on the target
 *   side (reverse = 1) the source words that translate it;
 * - tumen_lexicon_bloom() is a 256-bit Bloom filter of a sentence's words;
 * - tumen_lexicon_pair() gives the masks of one pair from those.
 */
tumen_status tumen_lexicon_expand(const tumen_lexicon *lx, int reverse,
                                  const uint32_t *w, size_t n, uint64_t **v,
                                  size_t *nv, size_t *cap);
typedef struct tumen_bloom {
	uint64_t bits[4];
} tumen_bloom;
void tumen_lexicon_bloom(const uint32_t *w, size_t n, tumen_bloom *b);
void tumen_lexicon_pair(const uint64_t *sc, size_t nsc, const uint64_t *tc,
                        size_t ntc, const uint32_t *s, size_t ns,
                        const tumen_bloom *sbloom, const uint32_t *t, size_t nt,
                        const tumen_bloom *tbloom, uint64_t *smask,
                        uint64_t *tmask);

#endif
