/*
 * tumen/dict.h - bilingual dictionaries: read one for the aligner, or learn
 * one from aligned sentence pairs.
 *
 * A dictionary is a list of entries, one a line, in either of two formats
 * (chosen line by line):
 * - hunalign's: "PERSIAN PHRASE @ ENGLISH PHRASE" (target @ source);
 * - TSV: "ENGLISH<TAB>PERSIAN" with an optional third column, a weight or
 *   probability (checked to be a number, otherwise unused).
 * Blank lines and lines starting with '#' are skipped; a UTF-8 byte order
 * mark and CR line ends are accepted.  "English" is the source side of the
 * alignment and "Persian" the target side, whatever the languages.
 *
 * What the aligner uses are word pairs.  Each side of an entry is brought to
 * the matching form (normalize.h: case folded, Persian yeh/kaf and digits
 * unified, diacritics removed), cut into words as the aligner cuts
 * sentences (a ZWNJ ends a word), and each word is stemmed:
 * - English, conservatively: plural -s, -es, -ies (books -> book,
 *   boxes -> box, studies -> study), -ed and -ing when a vowel remains
 *   (walked, walking -> walk; stopped -> stop), a final -e of words of five
 *   letters or more (create, created, creating -> creat); a possessive 's
 *   is a word of its own ("s"), a stop word;
 * - Persian: the suffixes ها های ترین تر ی ای and the verbal prefixes می
 *   نمی, whether joined by a ZWNJ (they are then words of their own, and
 *   stop words) or written solid (کتابها -> کتاب, میروند -> روند,
 *   بزرگترین -> بزرگ), each only when enough of the word remains.
 * Stop words (the, of, and, و, از, را ...) are left out.  The remaining
 * words of one side pair with each remaining word of the other side (a
 * multi-word entry "United Nations @ سازمان ملل" gives four pairs); an entry
 * with more than TUMEN_DICT_MAX_WORDS such words on a side gives none (it
 * is a sentence, not a dictionary entry), nor does a side with none.  The
 * aligner stems sentence words the same way, so a pair is lexical evidence
 * wherever its two words meet in a candidate bead (tumen_align_opts.dict).
 *
 * Ownership as everywhere in libtumen (status.h): *out is the caller's,
 * released with the matching _free(); _free(NULL) is a no-op.  A loaded
 * dictionary is immutable while aligners read it: several threads may
 * share one.
 */
#ifndef TUMEN_DICT_H
#define TUMEN_DICT_H

#include <stddef.h>
#include <stdio.h>
#include <tumen/status.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Content words per side beyond which an entry gives no word pairs. */
#define TUMEN_DICT_MAX_WORDS 4

typedef struct tumen_dict tumen_dict;

/* Creates an empty dictionary in *out.  TUMEN_OK or TUMEN_ENOMEM. */
tumen_status tumen_dict_new(tumen_dict **out);

void tumen_dict_free(tumen_dict *d);

/*
 * Adds the entries of one dictionary file, text[0..len) (UTF-8).  On a
 * malformed line returns TUMEN_EFORMAT with err->line and err->msg set
 * (e.g. "expected 'PERSIAN @ ENGLISH' or 'ENGLISH<TAB>PERSIAN'") and adds
 * nothing of this text; TUMEN_ENOMEM.  err may be NULL.
 */
tumen_status tumen_dict_load(tumen_dict *d, const char *text, size_t len,
                             tumen_error *err);

/* Entries read (lines that are not blank or comments). */
size_t tumen_dict_entries(const tumen_dict *d);

/* Distinct word pairs the entries gave. */
size_t tumen_dict_pairs(const tumen_dict *d);

/* ---- learning a dictionary ---------------------------------------------- */

/*
 * A learner collects aligned sentence pairs, trains IBM Model 1 on them in
 * both directions (5 EM iterations, every pair, the NULL word on each side)
 * and writes the word pairs it is sure of as TSV,
 * "SOURCE<TAB>TARGET<TAB>PROB", which tumen_dict_load() reads back.  Words
 * are cut and stemmed as above; each stem is written as its most frequent
 * form in the input (in the matching form: lowercase, Persian letters
 * unified).  PROB is the geometric mean sqrt(p(t|s) p(s|t)) of the two
 * directions.
 */
typedef struct tumen_dict_learner tumen_dict_learner;

typedef struct tumen_dict_learn_opts {
	double min_prob;    /* keep pairs with PROB >= min_prob (default 0.1) */
	double min_count;   /* ... and seen linked at least this often: the
	                       mean of both models' expected link counts
	                       (default 2) */
	size_t max_entries; /* keep only the best so many (by PROB); 0: all */
} tumen_dict_learn_opts;

void tumen_dict_learn_opts_init(tumen_dict_learn_opts *o);

/* Creates a learner in *out.  TUMEN_OK or TUMEN_ENOMEM. */
tumen_status tumen_dict_learner_new(tumen_dict_learner **out);

void tumen_dict_learner_free(tumen_dict_learner *l);

/*
 * Adds one aligned pair: source and target text, valid UTF-8.  A pair with
 * no word on a side, or more than TUMEN_DICT_LEARN_MAX_WORDS on a side, is
 * left out (*used, may be NULL, says whether it was taken).  TUMEN_OK,
 * TUMEN_ENOMEM, TUMEN_EICU (invalid UTF-8).
 */
#define TUMEN_DICT_LEARN_MAX_WORDS 200
tumen_status tumen_dict_learner_add(tumen_dict_learner *l, const char *src,
                                    size_t slen, const char *tgt, size_t tlen,
                                    int *used);

/* Pairs taken so far. */
size_t tumen_dict_learner_count(const tumen_dict_learner *l);

/*
 * Trains and writes the dictionary to f, sorted by source then target word
 * (byte order), so the output is the same for the same input.  Pairs of
 * identical words are not written (the aligner matches them anyway).
 * *written (may be NULL) gets the number of lines.  TUMEN_OK, TUMEN_ENOMEM,
 * TUMEN_EIO (writing failed), TUMEN_ELIMIT (too much input for Model 1).
 */
tumen_status tumen_dict_learner_write(tumen_dict_learner *l,
                                      const tumen_dict_learn_opts *o, FILE *f,
                                      size_t *written);

#ifdef __cplusplus
}
#endif
#endif
