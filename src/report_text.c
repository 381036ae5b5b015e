/*
 * report_text.c - the coverage report as plain text for a terminal:
 * totals, then per document its counts and the omitted, added and
 * suspicious beads with their sentences.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "report.h"

/* Writes s[0..len), control characters shown as '?' (a sentence must not
 * drive the reader's terminal). */
static void S_text_str(FILE *f, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		fputc((unsigned char)s[i] < 0x20 || s[i] == 0x7F ? '?' : s[i], f);
}

static void S_text_stats(FILE *f, const tumen_report_stats *s,
                         const char *indent)
{
	const char *sep = "";
	int a, b;

	fprintf(f, "%ssource %zu/%zu sentences aligned (%.1f%%), target "
	        "%zu/%zu (%.1f%%)\n%sbeads:", indent, s->src_covered,
	        s->src_sentences, tumen_report_pct(s->src_covered,
	        s->src_sentences), s->tgt_covered, s->tgt_sentences,
	        tumen_report_pct(s->tgt_covered, s->tgt_sentences), indent);
	for (a = 0; a < 4; a++)
		for (b = 0; b < 4; b++)
			if (s->shapes[a][b]) {
				fprintf(f, "%s %zu %d-%d", sep, s->shapes[a][b],
				        a, b);
				sep = ",";
			}
	fprintf(f, "; %zu omitted, %zu added, %zu suspicious\n", s->omitted,
	        s->added, s->suspicious);
}

/* One sentence line of a context block, ">>" marking the sentence itself. */
static void S_text_line(FILE *f, const tumen_rdoc *d, int side, size_t i,
                        int mark)
{
	fprintf(f, "      %s %4zu  ", mark ? ">>" : "  ", i);
	S_text_str(f, d->pool + d->off[side][i],
	           d->off[side][i + 1] - d->off[side][i] - 1);
	fputc('\n', f);
}

static void S_text_lone(FILE *f, const tumen_report *r, size_t di, int side,
                        const tumen_report_item *it)
{
	const tumen_rdoc *d = &r->docs[di];
	const tumen_bead *b = &d->beads[it->bead];
	size_t i = side ? b->tgt : b->src, lo, hi, k;

	fprintf(f, "    %s sentence %zu (line %lu, bead %zu, score %.2f):\n",
	        side ? "target" : "source", i, d->line[side][i], it->bead,
	        b->score);
	tumen_report_context(r, di, side, i, &lo, &hi);
	for (k = lo; k < hi; k++)
		S_text_line(f, d, side, k, k == i);
}

static void S_text_suspect(FILE *f, const tumen_rdoc *d,
                           const tumen_report_item *it)
{
	static const char *const why[3] = { "numbers differ",
		"length ratio off the norm", "low score" };
	const tumen_bead *b = &d->beads[it->bead];
	const char *sep = "";
	size_t k;
	int side;

	fprintf(f, "    bead %zu, score %.2f, ratio %+.1f sd:", it->bead,
	        b->score, it->ratio_dev);
	for (k = 0; k < 3; k++)
		if (it->reasons & (1u << k)) {
			fprintf(f, "%s %s", sep, why[k]);
			sep = ",";
		}
	fputc('\n', f);
	for (side = 0; side < 2; side++) {
		size_t i = side ? b->tgt : b->src, n = side ? b->ntgt : b->nsrc;
		for (k = i; k < i + n; k++)
			S_text_line(f, d, side, k, 0);
		if (!side)
			fputs("      --\n", f);
	}
}

static void S_text_doc(FILE *f, const tumen_report *r, size_t di)
{
	static const char *const titles[3] = { "omitted from the translation",
		"added in the translation", "suspicious beads" };
	const tumen_rdoc *d = &r->docs[di];
	size_t k;
	int w;

	fputs("\n== ", f);
	S_text_str(f, d->id, strlen(d->id));
	if (d->error) {
		fputs(": failed: ", f);
		S_text_str(f, d->error, strlen(d->error));
		fputc('\n', f);
		return;
	}
	fputs(" (", f);
	S_text_str(f, d->name[0], strlen(d->name[0]));
	fputs(", ", f);
	S_text_str(f, d->name[1], strlen(d->name[1]));
	fputs(")\n", f);
	S_text_stats(f, &d->stats, "  ");
	for (w = 0; w < 3; w++) {
		if (!d->nlist[w])
			continue;
		fprintf(f, "  %s: %zu\n", titles[w], d->nlist[w]);
		for (k = 0; k < d->nlist[w]; k++)
			if (w == TUMEN_REPORT_SUSPICIOUS)
				S_text_suspect(f, d, &d->list[w][k]);
			else
				S_text_lone(f, r, di, w, &d->list[w][k]);
	}
}

tumen_status tumen_report_write_text(const tumen_report *r, FILE *f)
{
	tumen_report_stats all;
	size_t i;

	tumen_report_stats_get(r, (size_t)-1, &all);
	fprintf(f, "coverage of %zu document%s", all.documents,
	        all.documents == 1 ? "" : "s");
	if (all.failed)
		fprintf(f, " (%zu failed)", all.failed);
	fputs(":\n", f);
	S_text_stats(f, &all, "  ");
	for (i = 0; i < r->n; i++)
		S_text_doc(f, r, i);
	return ferror(f) ? TUMEN_EIO : TUMEN_OK;
}
