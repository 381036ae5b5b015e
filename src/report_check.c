/*
 * report_check.c - checking a document's beads for the coverage report:
 * numbers that differ between the sides, a length ratio far from the
 * document's norm, a low score; then the lists of omitted, added and
 * suspicious beads and the counts.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "anchors.h"
#include "buf.h"
#include "normalize.h"
#include "report.h"

/* Below this many two-sided beads the length ratio has no norm to depart
 * from: the check stays off. */
#define S_RATIO_MIN_BEADS 4
/* Floor of the log ratio's standard deviation, so that a document whose
 * beads happen to agree closely does not flag ordinary variation. */
#define S_RATIO_SD_FLOOR 0.1

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

tumen_status tumen_report_check(tumen_rdoc *d, const tumen_doc *doc[2],
                                const tumen_report_opts *o)
{
	tumen_feats f[2];
	tumen_status st;

	memset(f, 0, sizeof f);
	if ((st = tumen_feats_build(doc[0], 0, &f[0])) ||
	    (st = tumen_feats_build(doc[1], 0, &f[1])) ||
	    (st = S_check(d, f, o)))
		goto done;
	st = S_lists(d);
done:
	tumen_feats_release(&f[0]);
	tumen_feats_release(&f[1]);
	return st;
}
