/*
 * dict.h - dictionary internals: stems, stop words, and how a dictionary
 * feeds the aligner's lexicon (private; public API in tumen/dict.h).
 *
 * Words are the tokens of anchors.h, cut from the matching form; a word's
 * dictionary key is tumen_word_hash(): the hash of its stem.  The
 * dictionary's pairs are kept as (source key << 32 | target key), sorted.
 */
#ifndef TUMEN_DICT_PRIV_H
#define TUMEN_DICT_PRIV_H

#include <stddef.h>
#include <stdint.h>
#include <tumen/dict.h>
#include "anchors.h"
#include "lexicon.h"

/* Longest word stemmed, in bytes; longer words are their own stem. */
#define TUMEN_STEM_MAX 128

/*
 * Writes the stem of word w[0..len) (one token, matching form) to out,
 * which has room for TUMEN_STEM_MAX bytes, and returns its length.  The
 * rules are those of tumen/dict.h: English for words of ASCII letters,
 * Persian for words in Arabic script; other words are copied.  A word of
 * TUMEN_STEM_MAX bytes or more is copied up to that size and its length
 * returned as is: use tumen_word_hash() rather than the bytes then.
 */
size_t tumen_stem(const char *w, size_t len, char *out);

/* The lexicon key of word w[0..len): the hash of its stem. */
uint32_t tumen_word_hash(const char *w, size_t len);

/* Whether w[0..len) (a token, before stemming) is a stop word: English
 * function words, Persian function words and the affixes a ZWNJ cuts off
 * (ها های ترین تر ی ای می نمی). */
int tumen_stop_word(const char *w, size_t len);

/*
 * Adds to lx, for each dictionary pair (source stem S, target stem T), the
 * pairs (w, v) of a word w of document `s` stemmed S and a word v of
 * document `t` stemmed T (tumen_feats.words, .stems): the lexicon and the
 * learned pairs stay on unstemmed words, and dictionary pairs whose words
 * are not in the documents are left out.  Call before
 * tumen_lexicon_freeze().  TUMEN_OK or TUMEN_ENOMEM.
 */
tumen_status tumen_dict_apply(const tumen_dict *d, const tumen_feats *s,
                              const tumen_feats *t, tumen_lexicon *lx);

/* The dictionary's word pairs (source key << 32 | target key), sorted
 * and distinct; borrowed.  For tests. */
const uint64_t *tumen_dict_pair_list(const tumen_dict *d, size_t *n);

#endif
