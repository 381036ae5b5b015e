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
 * passes `threshold` in either direction; the two directions at once when
 * threads > 1. */
tumen_status tumen_lexicon_train(tumen_lexicon *lx, const tumen_lex_pair *pairs,
                                 size_t npairs, double threshold, int threads);

/*
 * Model 1 alone, for a dictionary (dict_learn.c): trains on every pair (no
 * sampling) for `iters` EM iterations, p(t|s) when rev is 0, p(s|t) when
 * rev is 1, and calls fn(ctx, s, t, p, count) for each source word s and
 * target word t (the NULL word left out) with p >= min, `count` being the
 * expected number of links between them in the last iteration; in no
 * particular order.  A status other than TUMEN_OK
 * from fn stops and is returned.  TUMEN_ELIMIT when the pairs need 2^32
 * or more links, TUMEN_ENOMEM.
 */
typedef tumen_status (*tumen_lex_entry_fn)(void *ctx, uint32_t s, uint32_t t,
                                           double p, double count);
tumen_status tumen_lexicon_model1(const tumen_lex_pair *pairs, size_t npairs,
                                  int rev, int iters, double min,
                                  tumen_lex_entry_fn fn, void *ctx);

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
 * rather than once per sentence pair.  Lists hold (word << 32 | k), k the
 * word's position (< 64), sorted by word (tumen_lexicon_sort):
 * - tumen_lexicon_expand() appends, for each word of a sentence, its
 *   partners: on the source side (reverse = 0) the word itself and its
 *   translations, on the target side (reverse = 1) the source words that
 *   translate it (unsorted: sort each sentence's range);
 * - tumen_lexicon_words() appends a sentence's own words, sorted;
 * - tumen_lexicon_pair() merges them into one pair's masks: sc/tc are the
 *   candidates of the source and target sentence, sw/tw their words.
 */
tumen_status tumen_lexicon_expand(const tumen_lexicon *lx, int reverse,
                                  const uint32_t *w, size_t n, uint64_t **v,
                                  size_t *nv, size_t *cap);
tumen_status tumen_lexicon_words(const uint32_t *w, size_t n, uint64_t **v,
                                 size_t *nv, size_t *cap);
/* As tumen_lexicon_words(), but with pairs-only on (below) keeps only the
 * words that have a partner on the side's own index (reverse as for
 * tumen_lexicon_expand()). */
tumen_status tumen_lexicon_own(const tumen_lexicon *lx, int reverse,
                               const uint32_t *w, size_t n, uint64_t **v,
                               size_t *nv, size_t *cap);
/* Pairs-only (off by default): tumen_lexicon_expand() leaves identical
 * words out and tumen_lexicon_own() words without a partner, so that only
 * the pairs are evidence and the lists stay short: align.c's first pass
 * with a dictionary, which must cost little. */
void tumen_lexicon_pairs_only(tumen_lexicon *lx, int on);
void tumen_lexicon_sort(uint64_t *v, size_t n);
void tumen_lexicon_pair(const uint64_t *sc, size_t nsc, const uint64_t *tw,
                        size_t ntw, const uint64_t *tc, size_t ntc,
                        const uint64_t *sw, size_t nsw, uint64_t *smask,
                        uint64_t *tmask);

#endif
