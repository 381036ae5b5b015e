/*
 * lexicon.c - a set of word translation pairs, and Model 1 training.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "lexicon.h"
#include "par.h"
#include "popcount.h"

/*
 * Word pairs are kept in two directions: `fwd` lists (source, target)
 * pairs, `rev` lists (target, source).  Model 1 in each direction gives
 * each word at most 1/threshold partners (its probabilities sum to 1), so
 * looking words up from both sides keeps every word's list short even for
 * "the", which many target words would name as their likeliest source.
 * Before tumen_lexicon_freeze() the pairs are only collected; freezing
 * sorts them, drops duplicates and builds an index per direction.
 */
typedef struct {
	uint64_t *pairs; /* key word << 32 | partner, sorted when frozen */
	size_t n, cap;
	/* index: open addressing table of key words */
	uint32_t *word, *start, *count;
	uint8_t *used;
	size_t icap;
} S_dir;

struct tumen_lexicon {
	S_dir fwd, rev;
	int pairs_only; /* tumen_lexicon_pairs_only() */
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

static void S_dir_index_free(S_dir *d)
{
	free(d->word);
	free(d->start);
	free(d->count);
	free(d->used);
	d->word = d->start = d->count = NULL;
	d->used = NULL;
	d->icap = 0;
}

void tumen_lexicon_free(tumen_lexicon *lx)
{
	if (!lx)
		return;
	S_dir_index_free(&lx->fwd);
	S_dir_index_free(&lx->rev);
	free(lx->fwd.pairs);
	free(lx->rev.pairs);
	free(lx);
}

static tumen_status S_dir_add(S_dir *d, uint32_t key, uint32_t partner)
{
	if (d->n == d->cap) {
		size_t nc = d->cap ? d->cap * 2 : 256;
		uint64_t *np = realloc(d->pairs, nc * sizeof *np);
		if (!np)
			return TUMEN_ENOMEM;
		d->pairs = np;
		d->cap = nc;
	}
	d->pairs[d->n++] = (uint64_t)key << 32 | partner;
	return TUMEN_OK;
}

tumen_status tumen_lexicon_add(tumen_lexicon *lx, uint32_t s, uint32_t t)
{
	if (S_dir_add(&lx->fwd, s, t) || S_dir_add(&lx->rev, t, s))
		return TUMEN_ENOMEM;
	return TUMEN_OK;
}

static int S_cmp64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static size_t S_slot(const S_dir *d, uint32_t w)
{
	size_t i = S_mix(w) & (d->icap - 1);

	while (d->used[i] && d->word[i] != w)
		i = (i + 1) & (d->icap - 1);
	return i;
}

static tumen_status S_dir_freeze(S_dir *d)
{
	size_t i, n = 0, cap = 16;

	S_dir_index_free(d);
	if (d->n)
		qsort(d->pairs, d->n, sizeof *d->pairs, S_cmp64);
	for (i = 0; i < d->n; i++)
		if (!n || d->pairs[i] != d->pairs[n - 1])
			d->pairs[n++] = d->pairs[i];
	d->n = n;
	while (cap < n * 2 + 2)
		cap *= 2;
	d->word = malloc(cap * sizeof *d->word);
	d->start = malloc(cap * sizeof *d->start);
	d->count = calloc(cap, sizeof *d->count);
	d->used = calloc(cap, 1);
	d->icap = cap;
	if (!d->word || !d->start || !d->count || !d->used)
		return TUMEN_ENOMEM;
	for (i = 0; i < n; i++) {
		uint32_t w = (uint32_t)(d->pairs[i] >> 32);
		size_t k = S_slot(d, w);
		if (!d->used[k]) {
			d->used[k] = 1;
			d->word[k] = w;
			d->start[k] = (uint32_t)i;
		}
		d->count[k]++;
	}
	return TUMEN_OK;
}

tumen_status tumen_lexicon_freeze(tumen_lexicon *lx)
{
	if (S_dir_freeze(&lx->fwd) || S_dir_freeze(&lx->rev))
		return TUMEN_ENOMEM;
	return TUMEN_OK;
}

size_t tumen_lexicon_size(const tumen_lexicon *lx)
{
	return lx->fwd.n > lx->rev.n ? lx->fwd.n : lx->rev.n;
}

tumen_status tumen_lexicon_expand(const tumen_lexicon *lx, int reverse,
                                  const uint32_t *w, size_t n, uint64_t **v,
                                  size_t *nv, size_t *cap)
{
	const S_dir *d = reverse ? &lx->rev : &lx->fwd;
	size_t p, e, k;

	if (n > 64)
		n = 64;
	if (!*v) {
		/* even a side without words gets an array: callers add
		 * offsets to it, and NULL + 0 is undefined (fuzz_align) */
		*v = malloc(1024 * sizeof **v);
		if (!*v)
			return TUMEN_ENOMEM;
		*cap = 1024;
	}
	for (p = 0; p < n; p++) {
		size_t need = *nv + 1 + (d->icap ? 64 : 0);
		if (need > *cap) {
			size_t nc = *cap ? *cap * 2 : 1024;
			uint64_t *nvv;
			while (nc < need)
				nc *= 2;
			nvv = realloc(*v, nc * sizeof *nvv);
			if (!nvv)
				return TUMEN_ENOMEM;
			*v = nvv;
			*cap = nc;
		}
		if (!reverse && !lx->pairs_only) /* identical words, looked up once */
			(*v)[(*nv)++] = (uint64_t)w[p] << 32 | p;
		if (!d->icap)
			continue;
		k = S_slot(d, w[p]);
		if (!d->used[k])
			continue;
		for (e = 0; e < d->count[k] && e < 64; e++)
			(*v)[(*nv)++] = (d->pairs[d->start[k] + e] << 32) | p;
	}
	return TUMEN_OK;
}

/* Sorts (word << 32 | position) entries by word. */
void tumen_lexicon_sort(uint64_t *v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof *v, S_cmp64);
}

tumen_status tumen_lexicon_words(const uint32_t *w, size_t n, uint64_t **v,
                                 size_t *nv, size_t *cap)
{
	size_t p;

	if (n > 64)
		n = 64;
	if (*nv + n > *cap || !*v) { /* !*v: see tumen_lexicon_expand() */
		size_t nc = *cap ? *cap * 2 : 1024;
		uint64_t *nvv;
		while (nc < *nv + n)
			nc *= 2;
		nvv = realloc(*v, nc * sizeof *nvv);
		if (!nvv)
			return TUMEN_ENOMEM;
		*v = nvv;
		*cap = nc;
	}
	for (p = 0; p < n; p++)
		(*v)[(*nv)++] = (uint64_t)w[p] << 32 | p;
	tumen_lexicon_sort(*v + *nv - n, n);
	return TUMEN_OK;
}

void tumen_lexicon_pairs_only(tumen_lexicon *lx, int on)
{
	lx->pairs_only = on;
}

static int S_has(const S_dir *d, uint32_t w)
{
	return d->icap && d->used[S_slot(d, w)];
}

tumen_status tumen_lexicon_own(const tumen_lexicon *lx, int reverse,
                               const uint32_t *w, size_t n, uint64_t **v,
                               size_t *nv, size_t *cap)
{
	const S_dir *d = reverse ? &lx->rev : &lx->fwd;
	size_t p, k = 0;
	uint64_t *out;

	if (!lx->pairs_only)
		return tumen_lexicon_words(w, n, v, nv, cap);
	if (n > 64)
		n = 64;
	/* positions must stay those of the sentence: filter after */
	if (tumen_lexicon_words(w, n, v, nv, cap))
		return TUMEN_ENOMEM;
	out = *v + *nv - n;
	for (p = 0; p < n; p++)
		if (S_has(d, (uint32_t)(out[p] >> 32)))
			out[k++] = out[p];
	*nv -= n - k;
	return TUMEN_OK;
}

/* Merges two lists sorted by word: for each word in both, sets the bits
 * of its positions in *am (from a) and *bm (from b). */
static void S_join(const uint64_t *a, size_t na, const uint64_t *b, size_t nb,
                   uint64_t *am, uint64_t *bm)
{
	size_t i = 0, j = 0;

	while (i < na && j < nb) {
		uint32_t x = (uint32_t)(a[i] >> 32), y = (uint32_t)(b[j] >> 32);
		size_t i1, j1;
		if (x < y) {
			i++;
			continue;
		}
		if (y < x) {
			j++;
			continue;
		}
		for (i1 = i; i1 < na && (uint32_t)(a[i1] >> 32) == x; i1++)
			*am |= 1ULL << (a[i1] & 63);
		for (j1 = j; j1 < nb && (uint32_t)(b[j1] >> 32) == x; j1++)
			*bm |= 1ULL << (b[j1] & 63);
		i = i1;
		j = j1;
	}
}

void tumen_lexicon_pair(const uint64_t *sc, size_t nsc, const uint64_t *tw,
                        size_t ntw, const uint64_t *tc, size_t ntc,
                        const uint64_t *sw, size_t nsw, uint64_t *smask,
                        uint64_t *tmask)
{
	*smask = *tmask = 0;
	S_join(sc, nsc, tw, ntw, smask, tmask);
	S_join(tc, ntc, sw, nsw, tmask, smask);
}

void tumen_lexicon_masks(const tumen_lexicon *lx, const uint32_t *s, size_t ns,
                         const uint32_t *t, size_t nt, uint64_t *smask,
                         uint64_t *tmask)
{
	uint64_t *sc = NULL, *tc = NULL, *sw = NULL, *tw = NULL;
	size_t nsc = 0, ntc = 0, nsw = 0, ntw = 0, c1 = 0, c2 = 0, c3 = 0, c4 = 0;

	*smask = *tmask = 0;
	if (!tumen_lexicon_expand(lx, 0, s, ns, &sc, &nsc, &c1) &&
	    !tumen_lexicon_expand(lx, 1, t, nt, &tc, &ntc, &c2) &&
	    !tumen_lexicon_words(s, ns, &sw, &nsw, &c3) &&
	    !tumen_lexicon_words(t, nt, &tw, &ntw, &c4)) {
		tumen_lexicon_sort(sc, nsc);
		tumen_lexicon_sort(tc, ntc);
		tumen_lexicon_pair(sc, nsc, tw, ntw, tc, ntc, sw, nsw, smask, tmask);
	}
	free(sc);
	free(tc);
	free(sw);
	free(tw);
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

static size_t S_map_find(const S_map *m, uint64_t k)
{
	size_t i;

	for (i = S_mix(k) & (m->cap - 1); m->keys[i] != ~0ULL;
	     i = (i + 1) & (m->cap - 1))
		if (m->keys[i] == k)
			return i;
	return i;
}

/* Doubles the table when it is half full. */
static int S_map_grow(S_map *m)
{
	S_map big;
	size_t i;

	if ((m->n + 1) * 2 <= m->cap)
		return 0;
	if (S_map_init(&big, m->cap)) {
		S_map_free(&big);
		return -1;
	}
	for (i = 0; i < m->cap; i++)
		if (m->keys[i] != ~0ULL) {
			size_t k = S_map_find(&big, m->keys[i]);
			big.keys[k] = m->keys[i];
			big.vals[k] = m->vals[i];
		}
	big.n = m->n;
	S_map_free(m);
	*m = big;
	return 0;
}

/* Index of key k, inserted if new; (uint32_t)-1 when out of memory. */
static uint32_t S_map_get(S_map *m, uint64_t k)
{
	size_t i = S_map_find(m, k);

	if (m->keys[i] == k)
		return m->vals[i];
	if (S_map_grow(m))
		return (uint32_t)-1;
	i = S_map_find(m, k);
	m->keys[i] = k;
	m->vals[i] = (uint32_t)m->n;
	return (uint32_t)m->n++;
}

#define S_NULL_WORD 0xFFFFFFFFu

typedef struct {
	double prob, count;
} S_pc;

/* *q0 = n0 / d0 and *q1 = n1 / d1, both at once where SSE2 has them
 * (each quotient rounded as alone, so the same numbers): EM divides at
 * every link. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline void S_div2(double n0, double n1, double d0, double d1,
                          double *q0, double *q1)
{
#ifdef __SSE2__
	__m128d q = _mm_div_pd(_mm_set_pd(n1, n0), _mm_set_pd(d1, d0));

	*q0 = _mm_cvtsd_f64(q);
	*q1 = _mm_cvtsd_f64(_mm_unpackhi_pd(q, q));
#else
	*q0 = n0 / d0;
	*q1 = n1 / d1;
#endif
}

/* One direction: p(t|s) for the pairs, by EM.  `links` lists, per pair and
 * target word, the entry index of each source word (NULL word first). */
typedef struct {
	uint32_t *sword, *tword; /* source and target index -> its word */
	size_t nentries;
	size_t nsources;
	uint32_t *links; /* entry indices, pair by pair */
	uint32_t *src_of; /* entry -> source index */
	uint32_t *tid_of; /* entry -> target index */
	uint32_t *sids;   /* pair by pair, the NULL word's index and each
	                     source word's */
	int32_t *tdup;    /* with ids, pair by pair: each target word's place
	                     among its pair's target words (S_dups) */
	size_t maxrows;   /* the most (source words + 2) x (target words + 2)
	                     of a pair: room for the shares S_em_row keeps
	                     (a row of them for each target word), and for
	                     a block of probabilities (S_model_em_rev) */
	size_t ntargets;
	size_t nlinks;
	S_pc *pc;       /* entry -> p(t|s) and its expected count, together:
	                   EM reads and adds to both at each link */
	double *total;  /* source -> its entries' counts summed */
} S_model;

static void S_model_free(S_model *md)
{
	free(md->sword);
	free(md->tword);
	free(md->links);
	free(md->src_of);
	free(md->tid_of);
	free(md->sids);
	free(md->tdup);
	free(md->pc);
	free(md->total);
}

static size_t S_links_needed(const tumen_lex_pair *p, size_t n, int rev)
{
	size_t k, sum = 0;

	for (k = 0; k < n; k++)
		sum += rev ? (p[k].ntgt + 1) * p[k].nsrc : (p[k].nsrc + 1) * p[k].ntgt;
	return sum;
}

/* The dense ids of one side's words, pair by pair (S_model_build's first
 * step: the source side's with the NULL word first, the target side's). */
typedef struct {
	const tumen_lex_pair *p;
	size_t n;
	int rev, src;
	uint32_t *ids; /* sum of (ns + 1) or of nt */
	size_t nids;   /* distinct words */
	uint32_t *words; /* id -> word */
	int fail;
} S_ids_job;

static void S_ids_run(void *arg)
{
	S_ids_job *j = arg;
	S_map m;
	size_t k, a, pos = 0;
	int from_src = j->src != j->rev; /* tumen's source words */

	j->fail = 1;
	if (S_map_init(&m, 1024)) {
		S_map_free(&m);
		return;
	}
	for (k = 0; k < j->n; k++) {
		const tumen_lex_pair *q = &j->p[k];
		const uint32_t *w = from_src ? q->src : q->tgt;
		size_t nw = from_src ? q->nsrc : q->ntgt;
		if (j->src && (j->ids[pos++] = S_map_get(&m, S_NULL_WORD)) ==
		                      (uint32_t)-1)
			goto out;
		for (a = 0; a < nw; a++, pos++)
			if ((j->ids[pos] = S_map_get(&m, w[a])) == (uint32_t)-1)
				goto out;
	}
	j->nids = m.n;
	if (!(j->words = malloc((m.n + 1) * sizeof *j->words)))
		goto out;
	for (k = 0; k < m.cap; k++)
		if (m.keys[k] != ~0ULL)
			j->words[m.vals[k]] = (uint32_t)m.keys[k];
	j->fail = 0;
out:
	S_map_free(&m);
}

/* The second step, for the target words whose id has parity `part`: each
 * of their links gets a provisional entry (2 n + part for this part's
 * n-th), and each new entry its source and target ids and where it first
 * appears in the links.  Target word by target word, over the rows (pair
 * k, position b) it takes, each a run of links in the links' order: an
 * array by source id, stamped with the target id, holds the word's
 * entries, and stays in the cache.  (Source word by source word, each of
 * its links lay a row's length from the last: 860,000 writes at random
 * at 6,000 verses, and 2.5 times as long.) */
typedef struct {
	const tumen_lex_pair *p;
	int rev, part;
	const uint32_t *sidv;   /* source ids, the NULL word's first */
	const size_t *rfirst;   /* target id t's rows: rows[rfirst[t] ..
	                           rfirst[t + 1]) */
	const uint64_t *rows;   /* k << 32 | b, by target id */
	const size_t *posk, *spk; /* pair k's links and source ids start */
	size_t nsids, ntids;
	uint32_t *links;
	uint32_t *psid;  /* by this part's entry number: its source id, */
	uint32_t *ptid;  /* its target id, */
	uint32_t *fpos;  /* where in the links it first appears, then its
	                    final number (S_model_build) */
	size_t cap;      /* of psid, ptid and fpos */
	uint32_t next;
	uint64_t *first; /* a bitmap of the links: where entries first appear */
	size_t nlinks;
	int fail;
} S_rows_job;

/* Room in j's arrays by entry for entry number j->next; -1 when out of
 * memory. */
static int S_rows_room(S_rows_job *j)
{
	size_t c = j->cap ? j->cap * 2 : 4096;
	uint32_t *s;

	if (j->next < j->cap)
		return 0;
	if (!(s = realloc(j->psid, c * sizeof *s)))
		return -1;
	j->psid = s;
	if (!(s = realloc(j->ptid, c * sizeof *s)))
		return -1;
	j->ptid = s;
	if (!(s = realloc(j->fpos, c * sizeof *s)))
		return -1;
	j->fpos = s;
	j->cap = c;
	return 0;
}

/* Target id tid's row (pair k, position b): its links' provisional
 * entries, new ones as its source words are first seen with tid (stamp,
 * ent: by source id).  -1 when out of memory. */
static int S_rows_one(S_rows_job *j, size_t tid, size_t k, size_t b,
                      uint32_t *stamp, uint32_t *ent)
{
	const tumen_lex_pair *pr = &j->p[k];
	size_t ns = j->rev ? pr->ntgt : pr->nsrc, a;
	size_t at = j->posk[k] + b * (ns + 1); /* the row's first link */
	const uint32_t *sid = j->sidv + j->spk[k];
	uint32_t s;

	for (a = 0; a <= ns; a++, at++) {
		s = sid[a];
		if (stamp[s] != (uint32_t)tid) {
			if (S_rows_room(j))
				return -1;
			stamp[s] = (uint32_t)tid;
			ent[s] = j->next;
			j->psid[j->next] = s;
			j->ptid[j->next] = (uint32_t)tid;
			/* a target word's rows come in the links' order, and
			 * a row's links too: the first seen is the first */
			j->fpos[j->next++] = (uint32_t)at;
		}
		j->links[at] = ent[s] * 2 + (uint32_t)j->part;
	}
	return 0;
}

static void S_rows_run(void *arg)
{
	S_rows_job *j = arg;
	uint32_t *stamp = malloc((j->nsids + 1) * sizeof *stamp);
	uint32_t *ent = malloc((j->nsids + 1) * sizeof *ent);
	size_t tid, q;

	j->fail = 1;
	if (!stamp || !ent)
		goto out;
	memset(stamp, 0xff, j->nsids * sizeof *stamp);
	for (tid = (size_t)j->part; tid < j->ntids; tid += 2)
		for (q = j->rfirst[tid]; q < j->rfirst[tid + 1]; q++) {
			size_t k = (size_t)(j->rows[q] >> 32);
			size_t b = (size_t)(j->rows[q] & 0xFFFFFFFFu);
			if (S_rows_one(j, tid, k, b, stamp, ent))
				goto out;
		}
	for (q = 0; q < j->next; q++) /* first: S_model_build's */
		j->first[j->fpos[q] / 64] |= 1ULL << j->fpos[q] % 64;
	j->fail = 0;
out:
	free(stamp);
	free(ent);
}

/* The third step for one part's entries: their final numbers (the
 * entries before them in the bitmap `first` of both parts), their ids in
 * md at those numbers. */
typedef struct {
	S_rows_job *rj;
	const uint64_t *first;
	const uint32_t *rank; /* entries before each word of `first` */
	S_model *md;
} S_number_job;

static void S_number_run(void *arg)
{
	const S_number_job *j = arg;
	S_rows_job *r = j->rj;
	uint32_t e, f, x;

	for (e = 0; e < r->next; e++) {
		f = r->fpos[e];
		x = j->rank[f / 64] + tumen_popcount64(j->first[f / 64] &
		                                       ((1ULL << f % 64) - 1));
		r->fpos[e] = x;
		j->md->src_of[x] = r->psid[e];
		j->md->tid_of[x] = r->ptid[e];
	}
	free(r->psid);
	free(r->ptid);
	r->psid = NULL;
	r->ptid = NULL;
}

/* The last step: links [i0, i1) get their entries' final numbers. */
typedef struct {
	uint32_t *links;
	const S_rows_job *rj;
	size_t i0, i1;
} S_links_job;

static void S_links_run(void *arg)
{
	const S_links_job *j = arg;
	size_t i;

	for (i = j->i0; i < j->i1; i++) {
		uint32_t x = j->links[i];
		j->links[i] = j->rj[x & 1].fpos[x >> 1];
	}
}

/* A word's place in its pair against the pair's other words of its side:
 * S_DUP_NONE when it is there once; the first of several, S_DUP_FIRST;
 * a later one, the place of the first. */
#define S_DUP_NONE (-1)
#define S_DUP_FIRST (-2)

/* The places of ids[] (each pair's target words) for S_model_em: a
 * pair's rows of links for the same word hold the same entries, so EM's
 * shares of the first serve the others.  NULL when out of memory. */
static int32_t *S_dups(const uint32_t *ids, size_t nids,
                       const tumen_lex_pair *p, size_t n)
{
	size_t k, b, pos = 0, all = 0, nw;
	int32_t *dup, *first = malloc((nids + 1) * sizeof *first);
	uint32_t *stamp = malloc((nids + 1) * sizeof *stamp);

	for (k = 0; k < n; k++)
		all += p[k].ntgt;
	dup = malloc((all + 1) * sizeof *dup);
	if (!dup || !first || !stamp || n >= 0xFFFFFFFFu) {
		free(dup);
		dup = NULL;
		goto out;
	}
	memset(stamp, 0xff, (nids + 1) * sizeof *stamp);
	for (k = 0; k < n; k++) {
		nw = p[k].ntgt;
		for (b = 0; b < nw; b++) {
			uint32_t id = ids[b];
			if (stamp[id] == (uint32_t)k) {
				dup[pos + b] = first[id];
				dup[pos + (size_t)first[id]] = S_DUP_FIRST;
			} else {
				stamp[id] = (uint32_t)k;
				first[id] = (int32_t)b;
				dup[pos + b] = S_DUP_NONE;
			}
		}
		ids += nw;
		pos += nw;
	}
out:
	free(first);
	free(stamp);
	return dup;
}

/*
 * The entries (word pairs of some sentence pair) and each link's entry,
 * in four steps:
 *  1. dense ids for the words of each side (a hash each);
 *  2. target word by target word, its entries (S_rows_run): its rows'
 *     source ids against an array stamped with its id, which stays in
 *     the cache (a hash of all word pairs missed it at nearly every
 *     link), giving each link a provisional entry;
 *  3. the entries numbered as they first appear in the links (for each
 *     target word, the NULL word then each source word): a sentence
 *     pair's entries lie together, which EM's passes over the links find
 *     in the cache (S_number_run);
 *  4. the links with those numbers (S_links_run).
 * With threads > 1 the two sides' ids come at once, the target words with
 * even ids and those with odd ids at once (their entries' numbers too),
 * and each half of the links; the numbers are the same as on one thread.
 * Each entry's words are those of its source and target ids (md's
 * sword and tword).  With ids, md also keeps the pairs' source ids, which
 * S_model_em_rev reads, and where target words come twice in a pair,
 * which S_model_em reads.  A source word's index (into EM's totals) is
 * its id, a target word's too.
 */
static int S_model_build(S_model *md, const tumen_lex_pair *p, size_t n,
                         int rev, int threads, int ids)
{
	size_t L = S_links_needed(p, n, rev), k, b, pos = 0, i, ns_all = 0,
	       nt_all = 0;
	S_ids_job sj, tj;
	S_rows_job rj[2];
	uint64_t *rows = NULL;
	size_t *posk = NULL, *spk = NULL, *rfirst = NULL;
	uint32_t *rank = NULL, e;
	uint64_t *first = NULL;
	S_links_job lj[2];
	S_number_job nj[2];
	int ret = -1, t;

	memset(md, 0, sizeof *md);
	memset(rj, 0, sizeof rj);
	for (k = 0; k < n; k++) {
		ns_all += (rev ? p[k].ntgt : p[k].nsrc) + 1;
		nt_all += rev ? p[k].nsrc : p[k].ntgt;
	}
	memset(&sj, 0, sizeof sj);
	sj.p = p;
	sj.n = n;
	sj.rev = rev;
	tj = sj;
	sj.src = 1;
	sj.ids = malloc((ns_all + 1) * sizeof *sj.ids);
	tj.ids = malloc((nt_all + 1) * sizeof *tj.ids);
	if (L > 0xFFFFFFF0u / 2 || !sj.ids || !tj.ids ||
	    !(md->links = malloc((L + 1) * sizeof *md->links)))
		goto out;
	tumen_par2(threads, S_ids_run, &sj, S_ids_run, &tj);
	if (sj.fail || tj.fail)
		goto out;
	md->sword = sj.words;
	md->tword = tj.words;
	sj.words = tj.words = NULL;
	/* each pair's offsets, and the rows by target id */
	posk = malloc((n + 1) * sizeof *posk);
	spk = malloc((n + 1) * sizeof *spk);
	rfirst = calloc(tj.nids + 2, sizeof *rfirst);
	rows = malloc((nt_all + 1) * sizeof *rows);
	if (!posk || !spk || !rfirst || !rows)
		goto out;
	for (k = 0, i = 0; k < n; k++) {
		size_t ns = rev ? p[k].ntgt : p[k].nsrc;
		size_t nt = rev ? p[k].nsrc : p[k].ntgt;
		posk[k] = pos;
		spk[k] = i;
		pos += (ns + 1) * nt;
		i += ns + 1;
	}
	for (i = 0; i < nt_all; i++)
		rfirst[tj.ids[i] + 2]++;
	for (i = 2; i <= tj.nids + 1; i++)
		rfirst[i] += rfirst[i - 1];
	for (k = 0, i = 0; k < n; k++)
		for (b = 0; b < (rev ? p[k].nsrc : p[k].ntgt); b++, i++)
			rows[rfirst[tj.ids[i] + 1]++] = (uint64_t)k << 32 | b;
	for (t = 0; t < 2; t++) {
		rj[t].p = p;
		rj[t].rev = rev;
		rj[t].part = t;
		rj[t].sidv = sj.ids;
		rj[t].rfirst = rfirst;
		rj[t].rows = rows;
		rj[t].posk = posk;
		rj[t].spk = spk;
		rj[t].nsids = sj.nids;
		rj[t].ntids = tj.nids;
		rj[t].links = md->links;
		rj[t].nlinks = L;
		/* the parts' first arrays and bitmaps come from this thread's
		 * heap, where the passes before left memory already touched;
		 * the other thread's would be fresh pages, and the faults made
		 * its part take a third longer (realloc keeps a block in the
		 * heap it came from) */
		rj[t].first = calloc(L / 64 + 2, sizeof *rj[t].first);
		if (!rj[t].first || S_rows_room(&rj[t]))
			goto out;
	}
	tumen_par2(threads, S_rows_run, &rj[0], S_rows_run, &rj[1]);
	if (rj[0].fail || rj[1].fail)
		goto out;
	/* numbered as they first appear in the links: an entry's number is
	 * the count of entries that first appear before it, read off a
	 * bitmap of the links where one first appears */
	first = rj[0].first;
	rj[0].first = NULL;
	rank = malloc((L / 64 + 2) * sizeof *rank);
	md->src_of = malloc((rj[0].next + rj[1].next + 1) * sizeof *md->src_of);
	md->tid_of = malloc((rj[0].next + rj[1].next + 1) * sizeof *md->tid_of);
	if (!first || !rank || !md->src_of || !md->tid_of)
		goto out;
	for (i = 0, e = 0; i <= L / 64; i++) {
		first[i] |= rj[1].first[i];
		rank[i] = e;
		e += tumen_popcount64(first[i]);
	}
	md->nentries = e;
	md->nsources = sj.nids; /* a source word's index is its id */
	for (t = 0; t < 2; t++)
		nj[t] = (S_number_job){ &rj[t], first, rank, md };
	tumen_par2(threads, S_number_run, &nj[0], S_number_run, &nj[1]);
	/* the links, half of them on each thread */
	lj[0].links = lj[1].links = md->links;
	lj[0].rj = lj[1].rj = rj;
	lj[0].i0 = 0;
	lj[0].i1 = lj[1].i0 = L / 2;
	lj[1].i1 = L;
	tumen_par2(threads, S_links_run, &lj[0], S_links_run, &lj[1]);
	md->nlinks = L;
	md->pc = malloc((md->nentries + 1) * sizeof *md->pc);
	md->total = malloc((md->nsources + 1) * sizeof *md->total);
	md->ntargets = tj.nids;
	ret = md->pc && md->total ? 0 : -1;
	if (ids && !ret) {
		md->tdup = S_dups(tj.ids, tj.nids, p, n);
		for (k = 0; k < n; k++) {
			size_t r = (p[k].nsrc + 2) * (p[k].ntgt + 2);
			if (r > md->maxrows)
				md->maxrows = r;
		}
		md->sids = sj.ids;
		sj.ids = NULL;
		ret = md->tdup ? 0 : -1;
	}
out:
	free(rows);
	free(rfirst);
	free(posk);
	free(spk);
	free(first);
	free(rank);
	for (t = 0; t < 2; t++) {
		free(rj[t].psid);
		free(rj[t].ptid);
		free(rj[t].fpos);
		free(rj[t].first);
	}
	free(sj.ids);
	free(tj.ids);
	free(sj.words);
	free(tj.words);
	return ret;
}

/* One word's share of an EM iteration: its links' entries pc[l[0]],
 * ..., pc[l[n - 1]].  In the first iteration every probability is 1: z is
 * the number of links, exactly, each link's share 1 / z.  With sh, the
 * shares are kept there, for S_em_again. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline void S_em_word(S_pc *pc, const uint32_t *l, size_t n,
                             int first, double *sh)
{
	size_t a;
	double z = 0, v;

	if (first) {
		double c = 1.0 / (double)n;
		for (a = 0; a < n; a++)
			pc[l[a]].count += c;
		return;
	}
	for (a = 0; a < n; a++)
		z += pc[l[a]].prob;
	for (a = 0; a + 2 <= n; a += 2) {
		double v0, v1;
		S_div2(pc[l[a]].prob, pc[l[a + 1]].prob, z, z, &v0, &v1);
		pc[l[a]].count += v0;
		pc[l[a + 1]].count += v1;
		if (sh) {
			sh[a] = v0;
			sh[a + 1] = v1;
		}
	}
	for (; a < n; a++) {
		v = pc[l[a]].prob / z;
		pc[l[a]].count += v;
		if (sh)
			sh[a] = v;
	}
}

/* The share of a word that came before in its pair (the same entries, so
 * the same z and shares, sh from S_em_word): added again, in the same
 * order. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline void S_em_again(S_pc *pc, const uint32_t *l, size_t n,
                              const double *sh)
{
	size_t a;

	for (a = 0; a < n; a++)
		pc[l[a]].count += sh[a];
}

/* One word of a pair, its place's dup (S_dups; NULL: none known) telling
 * whether its shares are kept (row b of sh, rows of n) or those of an
 * earlier word serve. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline void S_em_row(S_pc *pc, const uint32_t *l, size_t n, int first,
                            const int32_t *dup, size_t b, double *sh)
{
	if (first || !dup || dup[b] == S_DUP_NONE)
		S_em_word(pc, l, n, first, NULL);
	else if (dup[b] == S_DUP_FIRST)
		S_em_word(pc, l, n, 0, sh + b * n);
	else
		S_em_again(pc, l, n, sh + (size_t)dup[b] * n);
}

/* The end of an EM iteration: each group's total of its entries' counts
 * (entries [0, n1) in group[e], entries [n1, nall) in group `tail`; the
 * groups are the words the probabilities are conditioned on), then each
 * entry's probability, its count over its group's total.  With `reset`,
 * the counts are emptied for the next iteration in the same pass (a pass
 * of its own over every entry was a tenth of EM's time). */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline void S_em_normalize(S_pc *pc, double *total,
                                  size_t ngroups, const uint32_t *group,
                                  size_t n1, size_t nall, size_t tail,
                                  int reset)
{
	size_t e, g;
	double run;

	memset(total, 0, ngroups * sizeof *total);
	/* a group's entries often follow each other (the reverse
	 * direction's groups are the forward's rows): their sum runs in a
	 * register, the same additions in the same order, and is stored when
	 * the group changes (added in memory, each entry waited for the
	 * store before it) */
	for (e = 0, g = 0, run = total[0]; e < n1; e++) {
		if (group[e] != g) {
			total[g] = run;
			g = group[e];
			run = total[g];
		}
		run += pc[e].count;
	}
	if (ngroups)
		total[g] = run;
	for (; e < nall; e++)
		total[tail] += pc[e].count;
	for (e = 0; e + 2 <= n1; e += 2) {
		S_div2(pc[e].count, pc[e + 1].count, total[group[e]],
		       total[group[e + 1]], &pc[e].prob, &pc[e + 1].prob);
		if (reset)
			pc[e].count = pc[e + 1].count = 0;
	}
	for (; e < n1; e++) {
		pc[e].prob = pc[e].count / total[group[e]];
		if (reset)
			pc[e].count = 0;
	}
	for (; e < nall; e++) {
		pc[e].prob = pc[e].count / total[tail];
		if (reset)
			pc[e].count = 0;
	}
}

/* EM of md's direction, p(t|s): for each target word of a pair, its row
 * of links, the NULL word first. */
static void S_model_em(S_model *md, const tumen_lex_pair *p, size_t n, int rev,
                       int iters, double *sh)
{
	size_t e, k, b, pos, tp;
	int it;

	for (e = 0; e < md->nentries; e++)
		md->pc[e] = (S_pc){ 1.0, 0 };
	for (it = 0; it < iters; it++) {
		pos = tp = 0;
		for (k = 0; k < n; k++) {
			size_t ns = rev ? p[k].ntgt : p[k].nsrc;
			size_t nt = rev ? p[k].nsrc : p[k].ntgt;
			const int32_t *dup = md->tdup && sh ? md->tdup + tp : NULL;
			for (b = 0; b < nt; b++, pos += ns + 1)
				S_em_row(md->pc, md->links + pos, ns + 1, it == 0,
				         dup, b, sh);
			tp += nt;
		}
		/* a source word's total: its entries' counts */
		S_em_normalize(md->pc, md->total, md->nsources, md->src_of,
		               md->nentries, md->nentries, 0, it + 1 < iters);
	}
}

/* The reverse direction's EM, p(s|t), on the forward model md's links
 * read across: each source word of a pair has the NULL word and a column
 * of the pair's block of links (one row per target word).  Its entries
 * are md's, with the same indices (md's NULL-word entries unused), then
 * a NULL entry per source word, md->nentries + its id - 1 (the NULL
 * word's id is 0); pc has room for all of them, total for md's targets
 * and the NULL word after them.  A model of its own (links transposed,
 * entries numbered again) took this thread 6 to 12 ms at 6,000 verses
 * before its EM could start.
 *
 * The block is read row by row, as the forward direction reads it (a
 * row's new entries lie together in pc; a column's are a row's length
 * apart, and read so this direction took a fifth longer than the
 * other): first the probabilities into prob[] (nt rows of ns) and each
 * column's sum into z[], then each link's share of its column added to
 * its count.  The sums and shares are those of a column read down: a
 * column's sum adds its NULL word and then its rows in order, and within
 * a pair every link of an entry has the same share (its column's sum is
 * its source word's), so the order its count receives them in does not
 * matter. */
static void S_model_em_rev(const S_model *md, S_pc *pc, double *total,
                           const tumen_lex_pair *p, size_t n, int iters,
                           double *prob, double *z)
{
	size_t nall = md->nentries + (md->nsources ? md->nsources - 1 : 0);
	size_t e, k, a, b, pos, sp;
	const uint32_t *row;
	S_pc *nul = pc + md->nentries - 1; /* nul[id]: source word id's */
	int it;

	for (e = 0; e < nall; e++)
		pc[e] = (S_pc){ 1.0, 0 };
	for (it = 0; it < iters; it++) {
		pos = sp = 0;
		for (k = 0; k < n; k++) {
			size_t ns = p[k].nsrc, nt = p[k].ntgt;
			const uint32_t *sid = md->sids + sp + 1;
			if (it == 0) {
				/* every probability 1: a column's links and NULL
				 * word each get 1 / (nt + 1) */
				double c = 1.0 / (double)(nt + 1);
				for (a = 0; a < ns; a++)
					nul[sid[a]].count += c;
				for (b = 0, row = md->links + pos + 1; b < nt;
				     b++, row += ns + 1)
					for (a = 0; a < ns; a++)
						pc[row[a]].count += c;
			} else {
				double *q = prob;
				for (a = 0; a < ns; a++)
					z[a] = nul[sid[a]].prob;
				for (b = 0, row = md->links + pos + 1; b < nt;
				     b++, row += ns + 1, q += ns)
					for (a = 0; a < ns; a++) {
						q[a] = pc[row[a]].prob;
						z[a] += q[a];
					}
				for (a = 0; a < ns; a++)
					nul[sid[a]].count += nul[sid[a]].prob / z[a];
				q = prob;
				for (b = 0, row = md->links + pos + 1; b < nt;
				     b++, row += ns + 1, q += ns) {
					for (a = 0; a + 2 <= ns; a += 2) {
						double v0, v1;
						S_div2(q[a], q[a + 1], z[a], z[a + 1],
						       &v0, &v1);
						pc[row[a]].count += v0;
						pc[row[a + 1]].count += v1;
					}
					for (; a < ns; a++)
						pc[row[a]].count += q[a] / z[a];
				}
			}
			pos += (ns + 1) * nt;
			sp += ns + 1;
		}
		/* a target word's total (the NULL word's after them); md's
		 * NULL-word entries, which no link reads here, add their
		 * count of 0 and get a probability nobody reads */
		S_em_normalize(pc, total, md->ntargets + 1, md->tid_of,
		               md->nentries, nall, md->ntargets, it + 1 < iters);
	}
}

/* Adds the pairs (s, t) of md's entries whose probability in pc (by
 * md's entry: its own, or the reverse direction's) is at least
 * threshold: to the forward direction, or (rev) to the reverse as
 * (t, s). */
static tumen_status S_model_keep(const S_model *md, const S_pc *pc,
                                 tumen_lexicon *lx, int rev,
                                 double threshold)
{
	size_t i;

	for (i = 0; i < md->nentries; i++) {
		uint32_t s = md->sword[md->src_of[i]], t = md->tword[md->tid_of[i]];
		if (s == S_NULL_WORD || pc[i].prob < threshold)
			continue;
		if (rev ? S_dir_add(&lx->rev, t, s) : S_dir_add(&lx->fwd, s, t))
			return TUMEN_ENOMEM;
	}
	return TUMEN_OK;
}

/* One direction's EM, on a thread of its own, then its pairs kept in
 * lx (each direction has its own table there); the reverse direction's
 * on the forward model's links, into its own pc and total. */
typedef struct {
	S_model *md;
	S_pc *pc;
	double *total;
	const tumen_lex_pair *p;
	size_t n;
	int rev;
	tumen_lexicon *lx;
	double threshold;
	tumen_status st;
} S_em_job;

static void S_em_run(void *arg)
{
	S_em_job *j = arg;
	/* forward, the shares of a pair's words that come more than once;
	 * reverse, a pair's block of probabilities, and its column sums */
	double *sh = malloc((j->md->maxrows + 1) * sizeof *sh);
	double *z = j->rev ? malloc((j->md->maxrows + 1) * sizeof *z) : NULL;

	if (!sh || (j->rev && !z)) {
		free(sh);
		j->st = TUMEN_ENOMEM;
		return;
	}
	if (j->rev)
		S_model_em_rev(j->md, j->pc, j->total, j->p, j->n, 5, sh, z);
	else
		S_model_em(j->md, j->p, j->n, 0, 5, sh);
	free(sh);
	free(z);
	j->st = S_model_keep(j->md, j->pc, j->lx, j->rev, j->threshold);
}

/* More pairs than this teach Model 1 little more for alignment and cost
 * time and memory in proportion: a large document trains on an even
 * sample. */
#define MAX_PAIRS 1200

tumen_status tumen_lexicon_train(tumen_lexicon *lx, const tumen_lex_pair *pairs,
                                 size_t npairs, double threshold, int threads)
{
	tumen_lex_pair *sample = NULL;
	tumen_status st = TUMEN_ENOMEM;
	S_model md;
	S_em_job fwd, rev;
	S_pc *rpc = NULL;
	double *rtotal = NULL;
	size_t k;

	memset(&md, 0, sizeof md);
	if (npairs > MAX_PAIRS) {
		sample = malloc(MAX_PAIRS * sizeof *sample);
		if (!sample)
			return TUMEN_ENOMEM;
		for (k = 0; k < MAX_PAIRS; k++)
			sample[k] = pairs[(size_t)((double)k * npairs / MAX_PAIRS)];
		pairs = sample;
		npairs = MAX_PAIRS;
	}
	/* both directions share the forward model's links and entries;
	 * their EM runs at once on two threads, and each thread keeps its
	 * direction's pairs */
	if (!S_model_build(&md, pairs, npairs, 0, threads, 1) &&
	    (rpc = malloc((md.nentries + md.nsources + 1) * sizeof *rpc)) &&
	    (rtotal = malloc((md.ntargets + 2) * sizeof *rtotal))) {
		fwd = (S_em_job){ &md, md.pc, md.total, pairs, npairs, 0, lx,
		                  threshold, TUMEN_OK };
		rev = (S_em_job){ &md, rpc, rtotal, pairs, npairs, 1, lx,
		                  threshold, TUMEN_OK };
		tumen_par2(threads, S_em_run, &fwd, S_em_run, &rev);
		st = fwd.st ? fwd.st : rev.st;
	}
	S_model_free(&md);
	free(rpc);
	free(rtotal);
	free(sample);
	return st;
}

tumen_status tumen_lexicon_model1(const tumen_lex_pair *pairs, size_t npairs,
                                  int rev, int iters, double min,
                                  tumen_lex_entry_fn fn, void *ctx)
{
	S_model md;
	tumen_status st = TUMEN_OK;
	size_t i;

	if (S_links_needed(pairs, npairs, rev) > 0xFFFFFFF0u)
		return TUMEN_ELIMIT;
	if (S_model_build(&md, pairs, npairs, rev, 1, 0)) {
		S_model_free(&md);
		return TUMEN_ENOMEM;
	}
	S_model_em(&md, pairs, npairs, rev, iters, NULL);
	for (i = 0; !st && i < md.nentries; i++) {
		uint32_t a = md.sword[md.src_of[i]], b = md.tword[md.tid_of[i]];
		if (a == S_NULL_WORD || md.pc[i].prob < min)
			continue;
		/* the reverse model ran on swapped pairs: a is the target word */
		st = rev ? fn(ctx, b, a, md.pc[i].prob, md.pc[i].count)
		         : fn(ctx, a, b, md.pc[i].prob, md.pc[i].count);
	}
	S_model_free(&md);
	return st;
}
