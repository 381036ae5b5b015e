/*
 * report.h - the insides of a coverage report (private; see
 * include/tumen/report.h), shared by the model in report.c, the checks in
 * report_check.c and the renderers in report_text.c, report_json.c and
 * report_html.c.
 *
 * Each document keeps a copy of its sentences (side 0 source, side 1
 * target): all of them NUL-terminated back to back in one pool, sentence i
 * of a side at pool + off[side][i].  Per bead, `why` holds its
 * TUMEN_SUSPECT_* bits and `dev` its length ratio deviation.
 */
#ifndef TUMEN_REPORT_PRIV_H
#define TUMEN_REPORT_PRIV_H

#include <stdio.h>
#include <tumen/report.h>

typedef struct tumen_rdoc {
	char *id;
	char *error;             /* non-NULL: failed; only id is set besides */
	char *name[2];           /* file names of the two sides */
	char *lang[2];
	char *pool;
	size_t n[2];             /* sentences per side */
	size_t *off[2];          /* n[side] + 1 offsets into pool; sentence i
	                            ends at off[side][i + 1] - 1 (its NUL) */
	unsigned long *line[2];  /* input line of each sentence */
	tumen_bead *beads;
	size_t nbeads;
	unsigned char *why;      /* nbeads */
	double *dev;             /* nbeads */
	double parallel;         /* tumen_alignment_parallel() */
	tumen_report_item *list[3];
	size_t nlist[3];
	tumen_report_stats stats;
} tumen_rdoc;

struct tumen_report {
	tumen_report_opts o;
	tumen_rdoc *docs;
	size_t n, cap;
};

/* Checks the beads of d (its sentences and beads already copied in)
 * against the features of the two documents (doc[0] source, doc[1]
 * target) as `o` says, sets why[] and dev[], and fills the three lists and
 * the counts.  Returns TUMEN_OK, TUMEN_ENOMEM or TUMEN_EICU; on failure d
 * is left for the caller to release. */
tumen_status tumen_report_check(tumen_rdoc *d, const tumen_doc *doc[2],
                                const tumen_report_opts *o);

/* Length of the valid UTF-8 sequence at s[0..len) (len > 0), or 0 when
 * the bytes there are not one: renderers write U+FFFD for such a byte
 * (sentences are valid UTF-8, but names and ids come from the caller). */
size_t tumen_report_utf8_len(const char *s, size_t len);

/* Share of covered sentences in percent (100 for an empty side). */
double tumen_report_pct(size_t covered, size_t total);

#endif
