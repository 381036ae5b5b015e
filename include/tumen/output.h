/*
 * tumen/output.h - writing alignments: TMX 1.4b, gold beads, TSV, Moses.
 *
 * A writer streams one or many aligned document pairs to stdio streams it
 * does not own: open it, add each document pair, close it.  It keeps no
 * document after tumen_writer_add() returns, so a corpus of any size is
 * written in constant memory.  The caller owns the FILE pointers and checks
 * them (the CLI writes to a temporary file and renames it on success).
 */
#ifndef TUMEN_OUTPUT_H
#define TUMEN_OUTPUT_H

#include <stdio.h>
#include <tumen/align.h>
#include <tumen/document.h>
#include <tumen/status.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum tumen_format {
	TUMEN_FMT_TMX = 0, /* TMX 1.4b, one <tu> per bead with both sides */
	TUMEN_FMT_BEADS,   /* gold-bead format: "0,1<TAB>0", every bead */
	TUMEN_FMT_TSV,     /* score<TAB>source<TAB>target, beads with both sides */
	TUMEN_FMT_MOSES    /* source line to `out`, target line to `out2` */
} tumen_format;

typedef struct tumen_writer_opts {
	tumen_format format;
	const char *src_lang;      /* default "en" */
	const char *tgt_lang;      /* default "fa" */
	double min_score;          /* beads scoring below are not written */
	const char *creation_date; /* TMX creationdate; NULL: now, UTC */
	int bead_scores;           /* beads format: add a third column, the
	                              score (min_score does not apply) */
	int doc_ids;               /* beads and TSV: each line starts with the
	                              document id and a TAB */
	int fragment;              /* TMX: units only, no header or footer
	                              (parts to be joined later) */
	int threads;               /* > 1: a long alignment's units are put
	                              together on two threads, a block of
	                              beads each in turn (the same bytes);
	                              default 1 */
} tumen_writer_opts;

typedef struct tumen_writer tumen_writer;

void tumen_writer_opts_init(tumen_writer_opts *o);

/*
 * Opens a writer on `out` (and `out2`, the target stream, for Moses; NULL
 * otherwise).  Writes the TMX header at once.  *w is owned by the caller and
 * released by tumen_writer_close() or tumen_writer_free().
 */
tumen_status tumen_writer_open(tumen_writer **w, const tumen_writer_opts *o,
                               FILE *out, FILE *out2);

/* Writes the beads of one document pair; `doc_id` (may be NULL) names it in
 * TMX (<prop type="x-document">). */
tumen_status tumen_writer_add(tumen_writer *w, const char *doc_id,
                              const tumen_doc *src, const tumen_doc *tgt,
                              const tumen_alignment *a);

/* Writes the TMX footer, flushes, and checks the streams for errors.  Does
 * not close the FILEs and does not free the writer. */
tumen_status tumen_writer_finish(tumen_writer *w);

void tumen_writer_free(tumen_writer *w);

/* Units (beads) written so far. */
size_t tumen_writer_units(const tumen_writer *w);
/* Characters XML 1.0 forbids, dropped from TMX output so far. */
size_t tumen_writer_dropped(const tumen_writer *w);

#ifdef __cplusplus
}
#endif
#endif
