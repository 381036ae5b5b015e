/*
 * report_json.c - the coverage report as JSON: totals, then per document
 * its counts and the omitted, added and suspicious beads with their
 * sentences and context.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "report.h"

/* Writes s[0..len) escaped for a JSON string, without the quotes. */
static void S_json_body(FILE *f, const char *s, size_t len)
{
	size_t i = 0, n;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c < 0x20 || c == 0x7F)
			fprintf(f, "\\u%04x", c);
		else if ((n = tumen_report_utf8_len(s + i, len - i)) > 1) {
			fwrite(s + i, 1, n, f);
			i += n;
			continue;
		} else if (!n)
			fputs("\\ufffd", f);
		else
			fputc(c, f);
		i++;
	}
}

static void S_json_str(FILE *f, const char *s, size_t len)
{
	fputc('"', f);
	S_json_body(f, s, len);
	fputc('"', f);
}

static void S_json_cstr(FILE *f, const char *s)
{
	S_json_str(f, s, strlen(s));
}

static void S_json_stats(FILE *f, const tumen_report_stats *s)
{
	size_t both = s->beads - s->omitted - s->added;
	const char *sep = "";
	int a, b;

	fprintf(f, "{\"documents\": %zu, \"failed\": %zu, "
	        "\"src_sentences\": %zu, \"tgt_sentences\": %zu, "
	        "\"src_covered\": %zu, \"tgt_covered\": %zu, "
	        "\"src_coverage\": %.4f, \"tgt_coverage\": %.4f, "
	        "\"beads\": %zu, \"shapes\": {", s->documents, s->failed,
	        s->src_sentences, s->tgt_sentences, s->src_covered,
	        s->tgt_covered, tumen_report_pct(s->src_covered,
	        s->src_sentences) / 100, tumen_report_pct(s->tgt_covered,
	        s->tgt_sentences) / 100, s->beads);
	for (a = 0; a < 4; a++)
		for (b = 0; b < 4; b++)
			if (s->shapes[a][b]) {
				fprintf(f, "%s\"%d-%d\": %zu", sep, a, b,
				        s->shapes[a][b]);
				sep = ", ";
			}
	fprintf(f, "}, \"omitted\": %zu, \"added\": %zu, \"suspicious\": %zu, "
	        "\"mean_score\": %.4f}", s->omitted, s->added, s->suspicious,
	        both ? s->score_sum / (double)both : 0.0);
}

/* Text of sentences [i, i+n) of a side, joined by spaces. */
static void S_json_span(FILE *f, const tumen_rdoc *d, int side, size_t i,
                        size_t n)
{
	size_t k;

	fputc('"', f);
	for (k = 0; k < n; k++) {
		const char *s = d->pool + d->off[side][i + k];
		size_t len = d->off[side][i + k + 1] - d->off[side][i + k] - 1;
		if (k)
			fputc(' ', f);
		S_json_body(f, s, len);
	}
	fputc('"', f);
}

static const char *const S_side_key[2] = { "src", "tgt" };

/* [{"src": i, "text": "..."}, ...] for sentences [from, to) of a side. */
static void S_json_context(FILE *f, const tumen_rdoc *d, int side,
                           size_t from, size_t to)
{
	size_t i;

	fputc('[', f);
	for (i = from; i < to; i++) {
		fprintf(f, "%s{\"%s\": %zu, \"text\": ", i > from ? ", " : "",
		        S_side_key[side], i);
		S_json_span(f, d, side, i, 1);
		fputc('}', f);
	}
	fputc(']', f);
}

/* An omitted (side 0) or added (side 1) sentence with its neighbours. */
static void S_json_lone(FILE *f, const tumen_report *r, size_t di, int side,
                        const tumen_report_item *it)
{
	const tumen_rdoc *d = &r->docs[di];
	const tumen_bead *b = &d->beads[it->bead];
	size_t i = side ? b->tgt : b->src, lo, hi;

	tumen_report_context(r, di, side, i, &lo, &hi);
	fprintf(f, "{\"bead\": %zu, \"%s\": %zu, \"line\": %lu, "
	        "\"score\": %.4f, \"text\": ", it->bead, S_side_key[side], i,
	        d->line[side][i], b->score);
	S_json_span(f, d, side, i, 1);
	fputs(", \"before\": ", f);
	S_json_context(f, d, side, lo, i);
	fputs(", \"after\": ", f);
	S_json_context(f, d, side, i + 1, hi);
	fputc('}', f);
}

static const char *const S_reason_name[3] = { "numbers", "ratio", "score" };

static void S_json_suspect(FILE *f, const tumen_rdoc *d,
                           const tumen_report_item *it)
{
	const tumen_bead *b = &d->beads[it->bead];
	const char *sep = "";
	size_t k;

	fprintf(f, "{\"bead\": %zu, \"src\": [", it->bead);
	for (k = 0; k < b->nsrc; k++)
		fprintf(f, "%s%zu", k ? ", " : "", b->src + k);
	fputs("], \"tgt\": [", f);
	for (k = 0; k < b->ntgt; k++)
		fprintf(f, "%s%zu", k ? ", " : "", b->tgt + k);
	fprintf(f, "], \"score\": %.4f, \"ratio_dev\": %.2f, \"reasons\": [",
	        b->score, it->ratio_dev);
	for (k = 0; k < 3; k++)
		if (it->reasons & (1u << k)) {
			fprintf(f, "%s\"%s\"", sep, S_reason_name[k]);
			sep = ", ";
		}
	fputs("], \"src_text\": ", f);
	S_json_span(f, d, 0, b->src, b->nsrc);
	fputs(", \"tgt_text\": ", f);
	S_json_span(f, d, 1, b->tgt, b->ntgt);
	fputc('}', f);
}

static void S_json_list(FILE *f, const tumen_report *r, size_t di, int which)
{
	static const char *const names[3] = { "omitted", "added", "suspicious" };
	const tumen_rdoc *d = &r->docs[di];
	size_t k;

	fprintf(f, ",\n      \"%s\": [%s", names[which], d->nlist[which] ?
	        "\n" : "");
	for (k = 0; k < d->nlist[which]; k++) {
		fputs("        ", f);
		if (which == TUMEN_REPORT_SUSPICIOUS)
			S_json_suspect(f, d, &d->list[which][k]);
		else
			S_json_lone(f, r, di, which, &d->list[which][k]);
		fputs(k + 1 < d->nlist[which] ? ",\n" : "\n      ", f);
	}
	fputc(']', f);
}

static void S_json_doc(FILE *f, const tumen_report *r, size_t di)
{
	const tumen_rdoc *d = &r->docs[di];
	int k;

	fputs("    {\n      \"id\": ", f);
	S_json_cstr(f, d->id);
	if (d->error) {
		fputs(",\n      \"status\": \"error\",\n      \"error\": ", f);
		S_json_cstr(f, d->error);
		fputs("\n    }", f);
		return;
	}
	fputs(",\n      \"status\": \"ok\"", f);
	for (k = 0; k < 2; k++) {
		fprintf(f, ",\n      \"%s\": {\"file\": ", S_side_key[k]);
		S_json_cstr(f, d->name[k]);
		fputs(", \"lang\": ", f);
		S_json_cstr(f, d->lang[k]);
		fputc('}', f);
	}
	fprintf(f, ",\n      \"parallel\": %.4f,\n      \"summary\": ",
	        d->parallel);
	S_json_stats(f, &d->stats);
	for (k = 0; k < 3; k++)
		S_json_list(f, r, di, k);
	fputs("\n    }", f);
}

tumen_status tumen_report_write_json(const tumen_report *r, FILE *f)
{
	tumen_report_stats all;
	size_t i;

	tumen_report_stats_get(r, (size_t)-1, &all);
	fprintf(f, "{\n  \"tool\": \"tumen coverage\",\n  \"version\": \"%s\","
	        "\n  \"options\": {\"min_score\": %.4f, \"max_ratio_dev\": %.4f,"
	        " \"context\": %zu},\n  \"summary\": ", tumen_version(),
	        r->o.min_score, r->o.max_ratio_dev, r->o.context);
	S_json_stats(f, &all);
	fprintf(f, ",\n  \"documents\": [%s", r->n ? "\n" : "");
	for (i = 0; i < r->n; i++) {
		S_json_doc(f, r, i);
		fputs(i + 1 < r->n ? ",\n" : "\n  ", f);
	}
	fputs("]\n}\n", f);
	return ferror(f) ? TUMEN_EIO : TUMEN_OK;
}
