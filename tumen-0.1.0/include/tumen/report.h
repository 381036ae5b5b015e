/*
 * tumen/report.h - coverage reports: what found a counterpart, what did not.
 *
 * A report collects, for one or many aligned document pairs:
 * - the share of source and of target sentences that are in a bead with
 *   both sides (their "coverage");
 * - the omitted source sentences (1-0 beads: left out of the translation)
 *   and the added target sentences (0-1 beads: not in the original);
 * - the suspicious beads, those with both sides that fail a check: the
 *   numbers differ, the length ratio is far from the document's norm, or
 *   the aligner's score is low.
 *
 * Build one with tumen_report_new(), add document pairs one by one with
 * tumen_report_add() (or tumen_report_add_failed() for a pair that could not
 * be read or aligned), then render it as text, JSON or a self-contained HTML
 * review page.  The report copies what it needs (sentence text, beads), so
 * documents and alignments may be freed right after tumen_report_add().
 *
 * Sentence and bead indices are 0-based, as in the beads format.
 */
#ifndef TUMEN_REPORT_H
#define TUMEN_REPORT_H

#include <stddef.h>
#include <stdio.h>
#include <tumen/align.h>
#include <tumen/document.h>
#include <tumen/status.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct tumen_report tumen_report;

typedef struct tumen_report_opts {
	double min_score;     /* beads scoring below are suspicious (0.5) */
	double max_ratio_dev; /* standard deviations the log length ratio of a
	                         bead may depart from the document's mean
	                         before the bead is suspicious (2.5) */
	size_t context;       /* neighbours shown on each side of an omitted
	                         or added sentence (1) */
} tumen_report_opts;

/* Why a bead is suspicious (bits of tumen_report_item.reasons). */
enum {
	TUMEN_SUSPECT_NUMBERS = 1 << 0, /* a number of one side is missing
	                                   from the other */
	TUMEN_SUSPECT_RATIO = 1 << 1,   /* length ratio far from the norm */
	TUMEN_SUSPECT_SCORE = 1 << 2    /* score below min_score */
};

/* The lists a report keeps per document. */
typedef enum tumen_report_list {
	TUMEN_REPORT_OMITTED = 0, /* 1-0 beads: source sentence left out */
	TUMEN_REPORT_ADDED,       /* 0-1 beads: target sentence added */
	TUMEN_REPORT_SUSPICIOUS   /* beads with both sides failing a check */
} tumen_report_list;

/* One entry of a list. */
typedef struct tumen_report_item {
	size_t bead;      /* index of the bead (tumen_report_bead) */
	unsigned reasons; /* TUMEN_SUSPECT_* bits; 0 in the other lists */
	double ratio_dev; /* signed distance of the bead's log length ratio
	                     from the document's mean, in standard deviations
	                     (0 for beads with an empty side) */
} tumen_report_item;

/* Counts of one document, or of the whole report. */
typedef struct tumen_report_stats {
	size_t documents;      /* documents added (1 for one document) */
	size_t failed;         /* of which could not be aligned */
	size_t src_sentences, tgt_sentences;
	size_t src_covered;    /* source sentences in beads with both sides */
	size_t tgt_covered;
	size_t beads;
	size_t shapes[4][4];   /* beads by shape, [nsrc][ntgt], 3 = "3 or more" */
	size_t omitted, added, suspicious;
	double score_sum;      /* sum of the scores of beads with both sides */
} tumen_report_stats;

/* Sets `o` to the defaults (0.5, 2.5, 1). */
void tumen_report_opts_init(tumen_report_opts *o);

/* Creates an empty report; `o` may be NULL for the defaults.  *out is owned
 * by the caller (tumen_report_free).  Returns TUMEN_OK or TUMEN_ENOMEM. */
tumen_status tumen_report_new(const tumen_report_opts *o, tumen_report **out);

void tumen_report_free(tumen_report *r);

/*
 * Adds the document pair `src`/`tgt` aligned as `a` under the name `id`
 * (may be NULL: the source document's name).  Copies everything it needs.
 * Returns TUMEN_OK, TUMEN_ENOMEM, TUMEN_EICU (features of the text), or
 * TUMEN_EINVAL when the alignment's beads do not fit the documents; on
 * failure the report is left as it was.
 */
tumen_status tumen_report_add(tumen_report *r, const char *id,
                              const tumen_doc *src, const tumen_doc *tgt,
                              const tumen_alignment *a);

/* Adds a document pair that could not be read or aligned: it is listed
 * with the message `msg` and counts in stats.failed.  Returns TUMEN_OK or
 * TUMEN_ENOMEM. */
tumen_status tumen_report_add_failed(tumen_report *r, const char *id,
                                     const char *msg);

/* Number of documents added (failed ones included). */
size_t tumen_report_count(const tumen_report *r);

/* Document d's name (borrowed). */
const char *tumen_report_doc_id(const tumen_report *r, size_t d);

/* Document d's failure message (borrowed), or NULL if it was aligned. */
const char *tumen_report_doc_error(const tumen_report *r, size_t d);

/* Fills `s` with the counts of document d, or of every document when d is
 * (size_t)-1. */
void tumen_report_stats_get(const tumen_report *r, size_t d,
                            tumen_report_stats *s);

/* The entries of list `which` of document d, in bead order (borrowed);
 * *n gets their number.  NULL with *n = 0 for an empty list. */
const tumen_report_item *tumen_report_items(const tumen_report *r, size_t d,
                                            tumen_report_list which,
                                            size_t *n);

/* Bead i of document d (borrowed); NULL when out of range. */
const tumen_bead *tumen_report_bead(const tumen_report *r, size_t d,
                                    size_t i);

/* Number of sentences of document d's source (side 0) or target (side 1). */
size_t tumen_report_sentences(const tumen_report *r, size_t d, int side);

/* Text of sentence i of a side of document d (borrowed, NUL-terminated);
 * *len (may be NULL) gets its byte length.  NULL when out of range. */
const char *tumen_report_sentence(const tumen_report *r, size_t d, int side,
                                  size_t i, size_t *len);

/* The neighbours shown with sentence i of a side of document d: sentences
 * [*lo, i) before it and (i, *hi) after it, at most `context` each way. */
void tumen_report_context(const tumen_report *r, size_t d, int side,
                          size_t i, size_t *lo, size_t *hi);

/*
 * Renderers.  Each writes the whole report to `f` (not closed) and returns
 * TUMEN_OK, or TUMEN_EIO when the stream reports an error.
 * - text: a summary, then per document the omitted, added and suspicious
 *   sentences with their neighbours; for people at a terminal;
 * - JSON: one object, {"summary": {...}, "documents": [...]}, every list
 *   item on a line of its own;
 * - HTML: one self-contained page (inline CSS and a few lines of script,
 *   nothing fetched): a summary at the top, then per document both texts
 *   side by side, bead by bead, the target right to left when its
 *   language is written so, each bead coloured by its score, omissions,
 *   additions and suspicious beads labelled.
 */
tumen_status tumen_report_write_text(const tumen_report *r, FILE *f);
tumen_status tumen_report_write_json(const tumen_report *r, FILE *f);
tumen_status tumen_report_write_html(const tumen_report *r, FILE *f);

#ifdef __cplusplus
}
#endif
#endif
