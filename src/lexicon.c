/*
 * lexicon.c - a set of word translation pairs, and Model 1 training.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lexicon.h"

/* Open-addressing hash set of 64-bit keys (s << 32 | t); 0 is "empty"
 * (and the pair it stands for, two identical words, matches anyway). */
struct tumen_lexicon {
	uint64_t *keys;
	size_t cap, n;
	/* the frozen index: for each source word, its target words */
	uint32_t *idx_src;   /* open addressing table of source words */
	uint32_t *idx_start; /* parallel: first target in idx_tgt */
	uint32_t *idx_count; /* parallel: number of targets */
	uint8_t *idx_used;
	uint32_t *idx_tgt;
	size_t idx_cap;
};

static uint64_t S_mix(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	return k;
}

tumen_lexicon *tumen_lexicon_new(void)
{
	return calloc(1, sizeof(tumen_lexicon));
}

void tumen_lexicon_free(tumen_lexicon *lx)
{
	if (!lx)
		return;
	free(lx->keys);
	free(lx->idx_src);
	free(lx->idx_start);
	free(lx->idx_count);
	free(lx->idx_used);
	free(lx->idx_tgt);
	free(lx);
}

static int S_has(const tumen_lexicon *lx, uint64_t k)
{
	size_t i;

	if (!k)
		return 1; /* (0, 0): identical words always match */
	if (!lx->cap)
		return 0;
	for (i = S_mix(k) & (lx->cap - 1); lx->keys[i]; i = (i + 1) & (lx->cap - 1))
		if (lx->keys[i] == k)
			return 1;
	return 0;
}

static void S_put(uint64_t *keys, size_t cap, uint64_t k)
{
	size_t i;

	for (i = S_mix(k) & (cap - 1); keys[i]; i = (i + 1) & (cap - 1))
		if (keys[i] == k)
			return;
	keys[i] = k;
}

tumen_status tumen_lexicon_add(tumen_lexicon *lx, uint32_t s, uint32_t t)
{
	uint64_t k = (uint64_t)s << 32 | t;
	size_t i;

	if (!k)
		return TUMEN_OK; /* identical words match anyway */
	if (S_has(lx, k))
		return TUMEN_OK;
	if ((lx->n + 1) * 2 > lx->cap) {
		size_t cap = lx->cap ? lx->cap * 2 : 1024;
		uint64_t *keys = calloc(cap, sizeof *keys);
		if (!keys)
			return TUMEN_ENOMEM;
		for (i = 0; i < lx->cap; i++)
			if (lx->keys[i])
				S_put(keys, cap, lx->keys[i]);
		free(lx->keys);
		lx->keys = keys;
		lx->cap = cap;
	}
	S_put(lx->keys, lx->cap, k);
	lx->n++;
	return TUMEN_OK;
}

size_t tumen_lexicon_size(const tumen_lexicon *lx)
{
	return lx->n;
}

static int S_cmp64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static size_t S_slot(const tumen_lexicon *lx, uint32_t s)
{
	size_t i = S_mix(s) & (lx->idx_cap - 1);

	while (lx->idx_used[i] && lx->idx_src[i] != s)
		i = (i + 1) & (lx->idx_cap - 1);
	return i;
}

tumen_status tumen_lexicon_freeze(tumen_lexicon *lx)
{
	uint64_t *all;
	size_t i, n = 0, cap = 16;

	free(lx->idx_src);
	free(lx->idx_start);
	free(lx->idx_count);
	free(lx->idx_used);
	free(lx->idx_tgt);
	while (cap < lx->n * 2 + 2)
		cap *= 2;
	all = malloc((lx->n + 1) * sizeof *all);
	lx->idx_src = malloc(cap * sizeof *lx->idx_src);
	lx->idx_start = malloc(cap * sizeof *lx->idx_start);
	lx->idx_count = calloc(cap, sizeof *lx->idx_count);
	lx->idx_used = calloc(cap, 1);
	lx->idx_tgt = malloc((lx->n + 1) * sizeof *lx->idx_tgt);
	lx->idx_cap = cap;
	if (!all || !lx->idx_src || !lx->idx_start || !lx->idx_count ||
	    !lx->idx_used || !lx->idx_tgt) {
		free(all);
		return TUMEN_ENOMEM;
	}
	for (i = 0; i < lx->cap; i++)
		if (lx->keys[i])
			all[n++] = lx->keys[i];
	qsort(all, n, sizeof *all, S_cmp64);
	for (i = 0; i < n; i++) {
		uint32_t src = (uint32_t)(all[i] >> 32);
		size_t k = S_slot(lx, src);
		if (!lx->idx_used[k]) {
			lx->idx_used[k] = 1;
			lx->idx_src[k] = src;
			lx->idx_start[k] = (uint32_t)i;
		}
		lx->idx_count[k]++;
		lx->idx_tgt[i] = (uint32_t)all[i];
	}
	free(all);
	return TUMEN_OK;
}

/* Two bits of a 64-bit Bloom filter per word. */
static uint64_t S_bloom_bits(uint32_t w)
{
	return 1ULL << (w & 63) | 1ULL << ((w >> 6) & 63);
}

/* Marks target words equal to w; returns whether any matched. */
static int S_mark(uint32_t w, const uint32_t *t, size_t nt, uint64_t bloom,
                  uint64_t *tmask)
{
	uint64_t bits = S_bloom_bits(w);
	size_t q;
	int hit = 0;

	if ((bloom & bits) != bits)
		return 0;
	for (q = 0; q < nt; q++)
		if (t[q] == w) {
			*tmask |= 1ULL << q;
			hit = 1;
		}
	return hit;
}

void tumen_lexicon_masks(const tumen_lexicon *lx, const uint32_t *s, size_t ns,
                         const uint32_t *t, size_t nt, uint64_t *smask,
                         uint64_t *tmask)
{
	uint64_t bloom = 0;
	size_t p, q;

	*smask = *tmask = 0;
	if (ns > 64)
		ns = 64;
	if (nt > 64)
		nt = 64;
	for (q = 0; q < nt; q++)
		bloom |= S_bloom_bits(t[q]);
	for (p = 0; p < ns; p++) {
		int hit = S_mark(s[p], t, nt, bloom, tmask);
		if (lx->idx_cap) {
			size_t k = S_slot(lx, s[p]), e;
			if (lx->idx_used[k])
				for (e = 0; e < lx->idx_count[k]; e++)
					hit |= S_mark(lx->idx_tgt[lx->idx_start[k] + e],
					              t, nt, bloom, tmask);
		}
		if (hit)
			*smask |= 1ULL << p;
	}
}

/* ---- IBM Model 1 ------------------------------------------------------ */

/* Map from a 64-bit key to a dense index (open addressing). */
typedef struct {
	uint64_t *keys;
	uint32_t *vals;
	size_t cap, n;
} S_map;

static int S_map_init(S_map *m, size_t expect)
{
	size_t cap = 1024;

	while (cap < expect * 2)
		cap *= 2;
	m->keys = malloc(cap * sizeof *m->keys);
	m->vals = malloc(cap * sizeof *m->vals);
	m->cap = cap;
	m->n = 0;
	if (!m->keys || !m->vals)
		return -1;
	memset(m->keys, 0xff, cap * sizeof *m->keys); /* ~0: empty */
	return 0;
}

static void S_map_free(S_map *m)
{
	free(m->keys);
	free(m->vals);
}

/* Index of key k, inserted if new (the map is sized so it never fills). */
static uint32_t S_map_get(S_map *m, uint64_t k)
{
	size_t i;

	for (i = S_mix(k) & (m->cap - 1); m->keys[i] != ~0ULL;
	     i = (i + 1) & (m->cap - 1))
		if (m->keys[i] == k)
			return m->vals[i];
	m->keys[i] = k;
	m->vals[i] = (uint32_t)m->n;
	return (uint32_t)m->n++;
}

#define S_NULL_WORD 0xFFFFFFFFu

/* One direction: p(t|s) for the pairs, by EM.  `links` lists, per pair and
 * target word, the entry index of each source word (NULL word first). */
typedef struct {
	S_map entries;   /* (s, t) -> entry */
	S_map sources;   /* s -> source index */
	uint32_t *links; /* entry indices, pair by pair */
	uint32_t *src_of; /* entry -> source index */
	size_t nlinks;
	double *prob, *count, *total;
} S_model;

static void S_model_free(S_model *md)
{
	S_map_free(&md->entries);
	S_map_free(&md->sources);
	free(md->links);
	free(md->src_of);
	free(md->prob);
	free(md->count);
	free(md->total);
}

static size_t S_links_needed(const tumen_lex_pair *p, size_t n, int rev)
{
	size_t k, sum = 0;

	for (k = 0; k < n; k++)
		sum += rev ? (p[k].ntgt + 1) * p[k].nsrc : (p[k].nsrc + 1) * p[k].ntgt;
	return sum;
}

static int S_model_build(S_model *md, const tumen_lex_pair *p, size_t n, int rev)
{
	size_t k, a, b, L = S_links_needed(p, n, rev);

	memset(md, 0, sizeof *md);
	if (L > 0xFFFFFFF0u || S_map_init(&md->entries, L) ||
	    S_map_init(&md->sources, L))
		return -1;
	md->links = malloc((L + 1) * sizeof *md->links);
	md->src_of = malloc((L + 1) * sizeof *md->src_of);
	if (!md->links || !md->src_of)
		return -1;
	for (k = 0; k < n; k++) {
		const uint32_t *S = rev ? p[k].tgt : p[k].src;
		const uint32_t *T = rev ? p[k].src : p[k].tgt;
		size_t ns = rev ? p[k].ntgt : p[k].nsrc;
		size_t nt = rev ? p[k].nsrc : p[k].ntgt;
		for (b = 0; b < nt; b++)
			for (a = 0; a <= ns; a++) {
				uint32_t s = a ? S[a - 1] : S_NULL_WORD;
				uint32_t e = S_map_get(&md->entries,
				                       (uint64_t)s << 32 | T[b]);
				if (e == md->entries.n - 1)
					md->src_of[e] = S_map_get(&md->sources, s);
				md->links[md->nlinks++] = e;
			}
	}
	md->prob = malloc((md->entries.n + 1) * sizeof *md->prob);
	md->count = malloc((md->entries.n + 1) * sizeof *md->count);
	md->total = malloc((md->sources.n + 1) * sizeof *md->total);
	return md->prob && md->count && md->total ? 0 : -1;
}

static void S_model_em(S_model *md, const tumen_lex_pair *p, size_t n, int rev,
                       int iters)
{
	size_t e, k, a, b, pos;
	int it;

	for (e = 0; e < md->entries.n; e++)
		md->prob[e] = 1.0;
	for (it = 0; it < iters; it++) {
		memset(md->count, 0, md->entries.n * sizeof *md->count);
		memset(md->total, 0, md->sources.n * sizeof *md->total);
		pos = 0;
		for (k = 0; k < n; k++) {
			size_t ns = rev ? p[k].ntgt : p[k].nsrc;
			size_t nt = rev ? p[k].nsrc : p[k].ntgt;
			for (b = 0; b < nt; b++, pos += ns + 1) {
				double z = 0;
				for (a = 0; a <= ns; a++)
					z += md->prob[md->links[pos + a]];
				for (a = 0; a <= ns; a++) {
					uint32_t x = md->links[pos + a];
					double c = md->prob[x] / z;
					md->count[x] += c;
					md->total[md->src_of[x]] += c;
				}
			}
		}
		for (e = 0; e < md->entries.n; e++)
			md->prob[e] = md->count[e] / md->total[md->src_of[e]];
	}
}

/* Adds the entries of md with p >= threshold to lx. */
static tumen_status S_model_keep(const S_model *md, tumen_lexicon *lx, int rev,
                                 double threshold)
{
	size_t i;

	for (i = 0; i < md->entries.cap; i++) {
		uint64_t k = md->entries.keys[i];
		uint32_t s, t;
		if (k == ~0ULL || md->prob[md->entries.vals[i]] < threshold)
			continue;
		s = (uint32_t)(k >> 32);
		t = (uint32_t)k;
		if (s == S_NULL_WORD)
			continue;
		if (tumen_lexicon_add(lx, rev ? t : s, rev ? s : t))
			return TUMEN_ENOMEM;
	}
	return TUMEN_OK;
}

tumen_status tumen_lexicon_train(tumen_lexicon *lx, const tumen_lex_pair *pairs,
                                 size_t npairs, double threshold)
{
	int rev;

	for (rev = 0; rev < 2; rev++) {
		S_model md;
		tumen_status st = TUMEN_ENOMEM;
		if (!S_model_build(&md, pairs, npairs, rev)) {
			S_model_em(&md, pairs, npairs, rev, 5);
			st = S_model_keep(&md, lx, rev, threshold);
		}
		S_model_free(&md);
		if (st)
			return st;
	}
	return TUMEN_OK;
}
