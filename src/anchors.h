/*
 * anchors.h - what the aligner knows of each sentence (private).
 *
 * For every sentence the aligner needs its length and its anchors: evidence
 * that survives translation.  tumen_feats_build() computes them once per
 * document from the matching form (normalize.h), so scoring never touches
 * text:
 * - len: code points of the matching form, white space excluded;
 * - numbers: each number as a 32-bit hash of its canonical spelling (digits
 *   folded to ASCII, thousands separators dropped, "3.50" -> "3.5");
 * - punct: a bit set of sentence-final '?' / '!' and other signs;
 * - words: 32-bit hashes of the word tokens (for the learned lexicon);
 *   stems: for each word, the hash of its stem (dict.h), for dictionaries
 *   (stemming the learned lexicon's words made alignments worse);
 * - names: consonant-skeleton keys of names (names.h).
 * All lists live in one pool per document; sentence i owns
 * pool[num_off[i] .. num_off[i+1]), and likewise for words and names.
 */
#ifndef TUMEN_ANCHORS_H
#define TUMEN_ANCHORS_H

#include <stddef.h>
#include <stdint.h>
#include <tumen/document.h>
#include <tumen/status.h>

enum {
	TUMEN_P_QUESTION = 1 << 0, /* ends with ? or ؟ */
	TUMEN_P_EXCLAIM = 1 << 1,  /* ends with ! */
	TUMEN_P_QUOTE = 1 << 2,    /* contains a quotation mark */
	TUMEN_P_PAREN = 1 << 3,    /* contains ( or [ */
	TUMEN_P_COLON = 1 << 4,    /* contains : */
	TUMEN_P_LIST = 1 << 5      /* starts with a list marker */
};

typedef struct tumen_feats {
	size_t n;
	double total_len;
	uint32_t *len;      /* n */
	uint8_t *punct;     /* n */
	size_t *num_off;    /* n + 1 */
	size_t *word_off;   /* n + 1 */
	size_t *name_off;   /* n + 1 */
	uint32_t *nums;     /* num_off[n] */
	uint32_t *words;    /* word_off[n] */
	uint32_t *stems;    /* word_off[n] */
	uint32_t *names;    /* name_off[n] */
} tumen_feats;

/* Computes the features of every sentence of `doc` into f; the stems
 * only when `stems` is set (dictionaries need them), f->stems is NULL
 * otherwise. */
tumen_status tumen_feats_build(const tumen_doc *doc, int stems,
                               tumen_feats *f);
void tumen_feats_release(tumen_feats *f);

/* The features of sentences [i0, i1) of doc, as a document of their own;
 * tumen_feats_join() puts the parts together. */
tumen_status tumen_feats_build_part(const tumen_doc *doc, size_t i0,
                                    size_t i1, int stems, tumen_feats *f);
/* Appends the sentences of b to a (built with the same `stems`) and
 * releases b, also on failure (a is then as it was, or out of memory:
 * release it). */
tumen_status tumen_feats_join(tumen_feats *a, tumen_feats *b);

/* Appends the numbers of UTF-8 matching-form text s[0..len) as hashes
 * (exposed for tests); returns how many were found, or -1 on ENOMEM. */
int tumen_numbers(const char *s, size_t len, uint32_t **out, size_t *n,
                  size_t *cap);

/*
 * Word tokens of UTF-8 matching-form text s[0..len): runs of letters and
 * digits (a ZWNJ ends a word).  Finds the next word at or after *pos: sets
 * *start and *wlen, moves *pos past it and returns 1; returns 0 when no
 * word is left.
 */
int tumen_word_next(const char *s, size_t len, size_t *pos, size_t *start,
                    size_t *wlen);

/* FNV-1a hash of bytes. */
uint32_t tumen_hash(const char *s, size_t len);

#endif
