/*
 * report.h - the insides of a coverage report (private; see
 * include/tumen/report.h), shared by the text/JSON renderers in report.c
 * and the HTML renderer in report_html.c.
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

/* Length of the valid UTF-8 sequence at s[0..len) (len > 0), or 0 when
 * the bytes there are not one: renderers write U+FFFD for such a byte
 * (sentences are valid UTF-8, but names and ids come from the caller). */
size_t tumen_report_utf8_len(const char *s, size_t len);

/* Share of covered sentences in percent (100 for an empty side). */
double tumen_report_pct(size_t covered, size_t total);

#endif
