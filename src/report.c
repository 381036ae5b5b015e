/*
 * report.c - coverage reports: counting what each side left unaligned,
 * checking the beads with both sides, accessors, and the text and JSON
 * renderers (HTML is in report_html.c).
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "anchors.h"
#include "normalize.h"
#include "report.h"

/* Below this many two-sided beads the length ratio has no norm to depart
 * from: the check stays off. */
#define S_RATIO_MIN_BEADS 4
/* Floor of the log ratio's standard deviation, so that a document whose
 * beads happen to agree closely does not flag ordinary variation. */
#define S_RATIO_SD_FLOOR 0.1

void tumen_report_opts_init(tumen_report_opts *o)
{
	o->min_score = 0.5;
	o->max_ratio_dev = 2.5;
	o->context = 1;
}

tumen_status tumen_report_new(const tumen_report_opts *o, tumen_report **out)
{
	tumen_report *r = calloc(1, sizeof *r);

	*out = r;
	if (!r)
		return TUMEN_ENOMEM;
	if (o)
		r->o = *o;
	else
		tumen_report_opts_init(&r->o);
	return TUMEN_OK;
}

static void S_rdoc_release(tumen_rdoc *d)
{
	int k;

	free(d->id);
	free(d->error);
	free(d->pool);
	free(d->beads);
	free(d->why);
	free(d->dev);
	for (k = 0; k < 2; k++) {
		free(d->name[k]);
		free(d->lang[k]);
		free(d->off[k]);
		free(d->line[k]);
	}
	for (k = 0; k < 3; k++)
		free(d->list[k]);
	memset(d, 0, sizeof *d);
}

void tumen_report_free(tumen_report *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->n; i++)
		S_rdoc_release(&r->docs[i]);
	free(r->docs);
	free(r);
}

static char *S_strdup(const char *s)
{
	size_t n = strlen(s ? s : "") + 1;
	char *p = malloc(n);

	if (p)
		memcpy(p, s ? s : "", n);
	return p;
}

/* Copies both documents' sentences, names and languages into d. */
static tumen_status S_copy_text(tumen_rdoc *d, const tumen_doc *doc[2])
{
	size_t total = 0, pos = 0, i, len;
	int k;

	for (k = 0; k < 2; k++) {
		d->n[k] = tumen_doc_count(doc[k]);
		for (i = 0; i < d->n[k]; i++) {
			tumen_doc_sentence(doc[k], i, &len);
			total += len + 1;
		}
		d->name[k] = S_strdup(tumen_doc_name(doc[k]));
		d->lang[k] = S_strdup(tumen_doc_lang(doc[k]));
		d->off[k] = malloc((d->n[k] + 1) * sizeof *d->off[k]);
		d->line[k] = malloc((d->n[k] + 1) * sizeof *d->line[k]);
		if (!d->name[k] || !d->lang[k] || !d->off[k] || !d->line[k])
			return TUMEN_ENOMEM;
	}
	if (!(d->pool = malloc(total + 1)))
		return TUMEN_ENOMEM;
	for (k = 0; k < 2; k++)
		for (i = 0; i < d->n[k]; i++) {
			const char *s = tumen_doc_sentence(doc[k], i, &len);
			d->off[k][i] = pos;
			d->line[k][i] = tumen_doc_line(doc[k], i);
			memcpy(d->pool + pos, s, len);
			d->pool[pos + len] = '\0';
			pos += len + 1;
			d->off[k][i + 1] = pos; /* the end, for the last one */
		}
	return TUMEN_OK;
}

/* Copies the beads, checking that they stay inside the documents. */
static tumen_status S_copy_beads(tumen_rdoc *d, const tumen_alignment *a)
{
	size_t i;

	d->nbeads = tumen_alignment_count(a);
	d->beads = malloc((d->nbeads + 1) * sizeof *d->beads);
	d->why = calloc(d->nbeads + 1, 1);
	d->dev = calloc(d->nbeads + 1, sizeof *d->dev);
	if (!d->beads || !d->why || !d->dev)
		return TUMEN_ENOMEM;
	for (i = 0; i < d->nbeads; i++) {
		const tumen_bead *b = tumen_alignment_bead(a, i);
		if (b->src > d->n[0] || b->nsrc > d->n[0] - b->src ||
		    b->tgt > d->n[1] || b->ntgt > d->n[1] - b->tgt)
			return TUMEN_EINVAL;
		d->beads[i] = *b;
	}
	return TUMEN_OK;
}

/*
 * Numbers.  The aligner's features give each number (and each date, across
 * calendars) as a hash.  Translators also rewrite "41,000" as "41 هزار"
 * (41 thousand): a number followed by a scale word therefore also stands
 * for its scaled value, so that such a pair does not look like a mistake.
 */
typedef struct {
	uint32_t *v;      /* hashes; for scaled pairs, plain then scaled */
	size_t n, cap;
} S_hashes;

/* Scale words in the matching form: English, then Persian hezar,
 * milyun and milyard (1e3, 1e6, 1e9). */
static const struct { const char *word; int zeros; } S_scales[] = {
	{ "thousand", 3 }, { "million", 6 }, { "billion", 9 },
	{ "trillion", 12 }, { "\xd9\x87\xd8\xb2\xd8\xa7\xd8\xb1", 3 },
	{ "\xd9\x85\xdb\x8c\xd9\x84\xdb\x8c\xd9\x88\xd9\x86", 6 },
	{ "\xd9\x85\xdb\x8c\xd9\x84\xdb\x8c\xd8\xa7\xd8\xb1\xd8\xaf", 9 },
};

/* Zeros of the scale word at s[0..len) ("million": 6), or 0. */
static int S_scale(const char *s, size_t len)
{
	size_t k, w;

	for (k = 0; k < sizeof S_scales / sizeof *S_scales; k++) {
		w = strlen(S_scales[k].word);
		if (w <= len && !memcmp(s, S_scales[k].word, w) &&
		    (w == len || (unsigned char)s[w] < 0x80))
			return S_scales[k].zeros;
	}
	return 0;
}

/* Writes the number s[0..len) (digits, ',' and '.') times 10^zeros. */
static void S_scaled(const char *s, size_t len, int zeros, char *out,
                     size_t cap)
{
	size_t i, n = 0;
	int frac = -1;

	for (i = 0; i < len && n + 2 < cap; i++) {
		if (s[i] == ',')
			continue;
		if (s[i] == '.') {
			if (frac >= 0)
				break;
			frac = 0;
			continue;
		}
		if (frac >= 0 && frac == zeros)
			out[n++] = '.';
		if (frac >= 0)
			frac++;
		out[n++] = s[i];
	}
	for (frac = frac < 0 ? 0 : frac; frac < zeros && n + 1 < cap; frac++)
		out[n++] = '0';
	out[n] = '\0';
}

/* Appends (plain, scaled) hash pairs for every "NUMBER SCALE" of the
 * matching form m[0..len).  Returns -1 when out of memory. */
static int S_scale_pairs(const char *m, size_t len, S_hashes *h)
{
	size_t i = 0, j, k;
	char num[64];
	int z;

	while (i < len) {
		if (m[i] < '0' || m[i] > '9' || (i && m[i - 1] >= '0' &&
		    m[i - 1] <= '9')) {
			i++;
			continue;
		}
		for (j = i; j < len && ((m[j] >= '0' && m[j] <= '9') ||
		     ((m[j] == ',' || m[j] == '.') && j + 1 < len &&
		      m[j + 1] >= '0' && m[j + 1] <= '9')); j++)
			;
		for (k = j; k < len && m[k] == ' '; k++)
			;
		if (k > j && (z = S_scale(m + k, len - k)) && j - i < 40) {
			S_scaled(m + i, j - i, z, num, sizeof num);
			if (tumen_numbers(m + i, j - i, &h->v, &h->n, &h->cap) != 1 ||
			    tumen_numbers(num, strlen(num), &h->v, &h->n,
			                  &h->cap) != 1)
				return -1;
		}
		i = j;
	}
	return 0;
}

/* Scale pairs of sentences [i, i+n) of a side. */
static tumen_status S_side_pairs(const tumen_rdoc *d, int side, size_t i,
                                 size_t n, S_hashes *h)
{
	tumen_buf m = TUMEN_BUF_INIT;
	tumen_status st = TUMEN_OK;
	size_t k;

	for (k = i; k < i + n && !st; k++) {
		tumen_buf_reset(&m);
		st = tumen_match_form(d->pool + d->off[side][k],
		                      d->off[side][k + 1] - d->off[side][k] - 1, &m);
		if (!st && S_scale_pairs(m.ptr, m.len, h))
			st = TUMEN_ENOMEM;
	}
	tumen_buf_release(&m);
	return st;
}

/* Index of x in v[0..n), or -1. */
static long S_find(const uint32_t *v, size_t n, uint32_t x)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (v[k] == x)
			return (long)k;
	return -1;
}

/* Drops from u[] the numbers each side's numbers match: same hash, or a
 * scale pair whose scaled value the other side wrote in full. */
static void S_match(S_hashes u[2], const S_hashes p[2])
{
	size_t k, i;
	long a, b;

	for (k = 0; k < 2; k++) /* compare sets: a repeated number once */
		for (i = 1; i < u[k].n; i++)
			if (S_find(u[k].v, i, u[k].v[i]) >= 0)
				u[k].v[i] = 0;
	for (k = 0; k < u[0].n; k++)
		if (u[0].v[k] && (a = S_find(u[1].v, u[1].n, u[0].v[k])) >= 0)
			u[1].v[a] = u[0].v[k] = 0;
	for (k = 0; k < 2; k++)
		for (i = 0; i + 1 < p[k].n; i += 2)
			if ((a = S_find(u[k].v, u[k].n, p[k].v[i])) >= 0 &&
			    (b = S_find(u[!k].v, u[!k].n, p[k].v[i + 1])) >= 0)
				u[k].v[a] = u[!k].v[b] = 0;
}

/* 1 when the two sides of bead b do not carry the same numbers, 0 when
 * they do; < 0 (a negated status) when out of memory or ICU fails.
 * (Hash 0 stands for "matched"; a real number hashing to 0 is ignored.) */
static int S_numbers_differ(const tumen_rdoc *d, const tumen_feats f[2],
                            const tumen_bead *b)
{
	S_hashes u[2], p[2];
	size_t lo, hi, k;
	int side, r = -(int)TUMEN_ENOMEM;

	memset(u, 0, sizeof u);
	memset(p, 0, sizeof p);
	for (side = 0; side < 2; side++) {
		size_t i = side ? b->tgt : b->src, n = side ? b->ntgt : b->nsrc;
		lo = f[side].num_off[i];
		hi = f[side].num_off[i + n];
		if (!(u[side].v = malloc((hi - lo + 1) * sizeof *u[side].v)))
			goto done;
		memcpy(u[side].v, f[side].nums + lo, (hi - lo) * sizeof *u[side].v);
		u[side].n = hi - lo;
		if (hi > lo && (r = -(int)S_side_pairs(d, side, i, n, &p[side])))
			goto done;
	}
	S_match(u, p);
	r = 0;
	for (side = 0; side < 2; side++)
		for (k = 0; k < u[side].n; k++)
			r |= u[side].v[k] != 0;
done:
	for (side = 0; side < 2; side++) {
		free(u[side].v);
		free(p[side].v);
	}
	return r;
}

static double S_log_ratio(const tumen_feats f[2], const tumen_bead *b)
{
	double l[2] = { 0, 0 };
	size_t i;

	for (i = 0; i < b->nsrc; i++)
		l[0] += f[0].len[b->src + i];
	for (i = 0; i < b->ntgt; i++)
		l[1] += f[1].len[b->tgt + i];
	return log((l[1] + 1) / (l[0] + 1));
}

/* Sets dev[] to each two-sided bead's log length ratio in standard
 * deviations from the document's mean, and the number and score bits. */
static tumen_status S_check(tumen_rdoc *d, const tumen_feats f[2],
                            const tumen_report_opts *o)
{
	double sum = 0, sq = 0, mean, sd;
	size_t i, m = 0;

	for (i = 0; i < d->nbeads; i++) {
		const tumen_bead *b = &d->beads[i];
		int nd;
		if (!b->nsrc || !b->ntgt)
			continue;
		d->dev[i] = S_log_ratio(f, b);
		sum += d->dev[i];
		sq += d->dev[i] * d->dev[i];
		m++;
		if ((nd = S_numbers_differ(d, f, b)) < 0)
			return (tumen_status)-nd;
		d->why[i] = (unsigned char)((nd ? TUMEN_SUSPECT_NUMBERS : 0) |
		            (b->score < o->min_score ? TUMEN_SUSPECT_SCORE : 0));
	}
	mean = m ? sum / (double)m : 0;
	sd = m > 1 ? sqrt(fmax(0, (sq - sum * mean) / (double)(m - 1))) : 0;
	sd = fmax(sd, S_RATIO_SD_FLOOR);
	for (i = 0; i < d->nbeads; i++) {
		if (!d->beads[i].nsrc || !d->beads[i].ntgt)
			continue;
		d->dev[i] = (d->dev[i] - mean) / sd;
		if (m >= S_RATIO_MIN_BEADS && fabs(d->dev[i]) > o->max_ratio_dev)
			d->why[i] |= TUMEN_SUSPECT_RATIO;
	}
	return TUMEN_OK;
}

/* Which list bead i belongs to: 0-2, or -1 for none. */
static int S_list_of(const tumen_rdoc *d, size_t i)
{
	const tumen_bead *b = &d->beads[i];

	if (!b->ntgt && b->nsrc)
		return TUMEN_REPORT_OMITTED;
	if (!b->nsrc && b->ntgt)
		return TUMEN_REPORT_ADDED;
	return d->why[i] ? TUMEN_REPORT_SUSPICIOUS : -1;
}

/* Fills the three lists and the counts from the checked beads.  A 1-0 bead
 * of several source sentences cannot come out of the aligner; should one
 * come, it is listed once, by its first sentence. */
static tumen_status S_lists(tumen_rdoc *d)
{
	tumen_report_stats *s = &d->stats;
	size_t i;
	int k;

	for (k = 0; k < 3; k++)
		if (!(d->list[k] = malloc((d->nbeads + 1) * sizeof *d->list[k])))
			return TUMEN_ENOMEM;
	memset(s, 0, sizeof *s);
	s->documents = 1;
	s->src_sentences = d->n[0];
	s->tgt_sentences = d->n[1];
	s->beads = d->nbeads;
	for (i = 0; i < d->nbeads; i++) {
		const tumen_bead *b = &d->beads[i];
		s->shapes[b->nsrc > 3 ? 3 : b->nsrc][b->ntgt > 3 ? 3 : b->ntgt]++;
		if (b->nsrc && b->ntgt) {
			s->src_covered += b->nsrc;
			s->tgt_covered += b->ntgt;
			s->score_sum += b->score;
		}
		if ((k = S_list_of(d, i)) < 0)
			continue;
		d->list[k][d->nlist[k]].bead = i;
		d->list[k][d->nlist[k]].reasons = d->why[i];
		d->list[k][d->nlist[k]++].ratio_dev = d->dev[i];
	}
	s->omitted = d->nlist[TUMEN_REPORT_OMITTED];
	s->added = d->nlist[TUMEN_REPORT_ADDED];
	s->suspicious = d->nlist[TUMEN_REPORT_SUSPICIOUS];
	return TUMEN_OK;
}

/* Makes room for one more document; returns it zeroed, or NULL. */
static tumen_rdoc *S_push(tumen_report *r)
{
	if (r->n == r->cap) {
		size_t nc = r->cap ? r->cap * 2 : 8;
		tumen_rdoc *nd = realloc(r->docs, nc * sizeof *nd);
		if (!nd)
			return NULL;
		r->docs = nd;
		r->cap = nc;
	}
	memset(&r->docs[r->n], 0, sizeof r->docs[r->n]);
	return &r->docs[r->n];
}

static tumen_status S_build(tumen_rdoc *d, const tumen_report_opts *o,
                            const tumen_doc *doc[2], const tumen_alignment *a)
{
	tumen_feats f[2];
	tumen_status st;

	memset(f, 0, sizeof f);
	d->parallel = tumen_alignment_parallel(a);
	if ((st = S_copy_text(d, doc)) || (st = S_copy_beads(d, a)) ||
	    (st = tumen_feats_build(doc[0], &f[0])) ||
	    (st = tumen_feats_build(doc[1], &f[1])) ||
	    (st = S_check(d, f, o)))
		goto done;
	st = S_lists(d);
done:
	tumen_feats_release(&f[0]);
	tumen_feats_release(&f[1]);
	return st;
}

tumen_status tumen_report_add(tumen_report *r, const char *id,
                              const tumen_doc *src, const tumen_doc *tgt,
                              const tumen_alignment *a)
{
	const tumen_doc *doc[2] = { src, tgt };
	tumen_rdoc *d;
	tumen_status st;

	if (!r || !src || !tgt || !a)
		return TUMEN_EINVAL;
	if (!(d = S_push(r)))
		return TUMEN_ENOMEM;
	d->id = S_strdup(id ? id : tumen_doc_name(src));
	st = d->id ? S_build(d, &r->o, doc, a) : TUMEN_ENOMEM;
	if (st) {
		S_rdoc_release(d);
		return st;
	}
	r->n++;
	return TUMEN_OK;
}

tumen_status tumen_report_add_failed(tumen_report *r, const char *id,
                                     const char *msg)
{
	tumen_rdoc *d = r ? S_push(r) : NULL;

	if (!d)
		return r ? TUMEN_ENOMEM : TUMEN_EINVAL;
	d->id = S_strdup(id);
	d->error = S_strdup(msg && *msg ? msg : "failed");
	if (!d->id || !d->error) {
		S_rdoc_release(d);
		return TUMEN_ENOMEM;
	}
	d->stats.documents = d->stats.failed = 1;
	r->n++;
	return TUMEN_OK;
}

size_t tumen_report_count(const tumen_report *r)
{
	return r ? r->n : 0;
}

const char *tumen_report_doc_id(const tumen_report *r, size_t d)
{
	return r && d < r->n ? r->docs[d].id : NULL;
}

const char *tumen_report_doc_error(const tumen_report *r, size_t d)
{
	return r && d < r->n ? r->docs[d].error : NULL;
}

static void S_stats_add(tumen_report_stats *to, const tumen_report_stats *s)
{
	int a, b;

	to->documents += s->documents;
	to->failed += s->failed;
	to->src_sentences += s->src_sentences;
	to->tgt_sentences += s->tgt_sentences;
	to->src_covered += s->src_covered;
	to->tgt_covered += s->tgt_covered;
	to->beads += s->beads;
	for (a = 0; a < 4; a++)
		for (b = 0; b < 4; b++)
			to->shapes[a][b] += s->shapes[a][b];
	to->omitted += s->omitted;
	to->added += s->added;
	to->suspicious += s->suspicious;
	to->score_sum += s->score_sum;
}

void tumen_report_stats_get(const tumen_report *r, size_t d,
                            tumen_report_stats *s)
{
	size_t i;

	memset(s, 0, sizeof *s);
	if (!r)
		return;
	if (d != (size_t)-1) {
		if (d < r->n)
			*s = r->docs[d].stats;
		return;
	}
	for (i = 0; i < r->n; i++)
		S_stats_add(s, &r->docs[i].stats);
}

const tumen_report_item *tumen_report_items(const tumen_report *r, size_t d,
                                            tumen_report_list which,
                                            size_t *n)
{
	*n = 0;
	if (!r || d >= r->n || (unsigned)which > 2 || !r->docs[d].nlist[which])
		return NULL;
	*n = r->docs[d].nlist[which];
	return r->docs[d].list[which];
}

const tumen_bead *tumen_report_bead(const tumen_report *r, size_t d, size_t i)
{
	if (!r || d >= r->n || i >= r->docs[d].nbeads)
		return NULL;
	return &r->docs[d].beads[i];
}

size_t tumen_report_sentences(const tumen_report *r, size_t d, int side)
{
	return r && d < r->n && (side == 0 || side == 1) ? r->docs[d].n[side] : 0;
}

const char *tumen_report_sentence(const tumen_report *r, size_t d, int side,
                                  size_t i, size_t *len)
{
	const tumen_rdoc *doc;

	if (i >= tumen_report_sentences(r, d, side))
		return NULL;
	doc = &r->docs[d];
	/* off[side][i + 1] is one byte past sentence i's NUL (the text may
	 * hold NULs of its own) */
	if (len)
		*len = doc->off[side][i + 1] - doc->off[side][i] - 1;
	return doc->pool + doc->off[side][i];
}

void tumen_report_context(const tumen_report *r, size_t d, int side,
                          size_t i, size_t *lo, size_t *hi)
{
	size_t n = tumen_report_sentences(r, d, side), c = r ? r->o.context : 0;

	*lo = i > c ? i - c : 0;
	*hi = i < n && n - i - 1 > c ? i + c + 1 : n;
}

/* ---- rendering helpers shared with report_html.c ---- */

size_t tumen_report_utf8_len(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n, k;
	unsigned cp;

	if (p[0] < 0x80)
		return 1;
	if (p[0] < 0xC2 || p[0] > 0xF4)
		return 0;
	n = p[0] < 0xE0 ? 2 : p[0] < 0xF0 ? 3 : 4;
	if (len < n)
		return 0;
	cp = p[0] & (0x3F >> (n - 1));
	for (k = 1; k < n; k++) {
		if ((p[k] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (p[k] & 0x3F);
	}
	/* overlong forms, surrogates and values past U+10FFFF */
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		return 0;
	return n;
}

double tumen_report_pct(size_t covered, size_t total)
{
	return total ? 100.0 * (double)covered / (double)total : 100.0;
}

static tumen_status S_status(FILE *f)
{
	return ferror(f) ? TUMEN_EIO : TUMEN_OK;
}

/* ---- JSON ---- */

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
	return S_status(f);
}

/* ---- text ---- */

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
	return S_status(f);
}
