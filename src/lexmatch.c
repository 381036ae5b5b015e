/*
 * lexmatch.c - lexical masks of sentence pairs by dense word ids and
 * stamped rows (see lexmatch.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lexmatch.h"
#include "par.h"

#define NO_ID UINT32_MAX
#define MAX_ID ((1u << 26) - 1) /* entries pack id << 6 | position */
#define MAX_POS 64              /* words past the 64th never match */

/* A vocabulary: word hash -> dense id, by open addressing. */
typedef struct {
	uint32_t *key, *id;
	size_t cap, n;
} S_voc;

/* Per-sentence lists of entries id << 6 | position: sentence i's are
 * e[off[i] .. off[i + 1]), or with a second part (e2, made on the other
 * thread, not copied: a side's candidates can take tens of megabytes)
 * from sentence h on e2[off[i] - n0 ..].  (S_cands lists ids by word the
 * same way, without positions or a second part.) */
typedef struct {
	uint32_t *e;
	size_t *off; /* sentences + 1 */
	size_t n, cap;
	uint32_t *e2;
	size_t h, n0;
} S_lists;

/* Sentence i's entries, from index off[i] - *shift. */
static const uint32_t *S_entries(const S_lists *l, size_t i, size_t *shift)
{
	if (l->e2 && i >= l->h) {
		*shift = l->n0;
		return l->e2;
	}
	*shift = 0;
	return l->e;
}

/* The stamps of one side: per word id and stamped row slot r (at
 * id * TUMEN_LEXMATCH_ROWS + r: an id's slots share a cache line, which
 * the next rows' probes of the same words find), which row last stamped
 * it and the positions. */
typedef struct {
	uint64_t bits;
	size_t mark;
} S_stamp_ent;

typedef struct {
	S_stamp_ent *e; /* TUMEN_LEXMATCH_ROWS * vocabulary, 64-byte aligned */
} S_stamps;

struct tumen_lexmatch {
	S_voc sv, tv;
	S_lists scand;  /* source: translations, as target ids */
	S_lists swords; /* source: words, as source ids */
	S_lists twords; /* target: words, as target ids */
	S_lists tcand;  /* target: source words translating them, source ids */
	size_t row[TUMEN_LEXMATCH_ROWS];
	S_stamps ts, ss; /* stamps by target id (candidates), by source id */
	const tumen_lexmatch *parent; /* a fork's: who owns the tables */
};

static size_t S_slot(const S_voc *v, uint32_t key)
{
	size_t i = (key * 0x9e3779b1u) & (v->cap - 1);

	while (v->id[i] != NO_ID && v->key[i] != key)
		i = (i + 1) & (v->cap - 1);
	return i;
}

static uint32_t S_voc_find(const S_voc *v, uint32_t key)
{
	return v->id[S_slot(v, key)];
}

static tumen_status S_voc_alloc(S_voc *v, size_t cap)
{
	v->cap = cap;
	v->key = malloc(cap * sizeof *v->key);
	v->id = malloc(cap * sizeof *v->id);
	if (!v->key || !v->id)
		return TUMEN_ENOMEM;
	memset(v->id, 0xff, cap * sizeof *v->id);
	return TUMEN_OK;
}

/* Doubles the table, keeping the ids. */
static tumen_status S_voc_grow(S_voc *v)
{
	S_voc nv = { NULL, NULL, 0, v->n };
	size_t k;

	if (S_voc_alloc(&nv, v->cap * 2)) {
		free(nv.key);
		free(nv.id);
		return TUMEN_ENOMEM;
	}
	for (k = 0; k < v->cap; k++)
		if (v->id[k] != NO_ID) {
			size_t s = S_slot(&nv, v->key[k]);
			nv.key[s] = v->key[k];
			nv.id[s] = v->id[k];
		}
	free(v->key);
	free(v->id);
	*v = nv;
	return TUMEN_OK;
}

/* Gives every word of f an id (the table stays at most half full). */
static tumen_status S_voc_build(S_voc *v, const tumen_feats *f)
{
	size_t k, total = f->word_off[f->n];

	if (S_voc_alloc(v, 1024))
		return TUMEN_ENOMEM;
	for (k = 0; k < total; k++) {
		size_t s = S_slot(v, f->words[k]);
		if (v->id[s] != NO_ID || v->n >= MAX_ID)
			continue;
		v->key[s] = f->words[k];
		v->id[s] = (uint32_t)v->n++;
		if (2 * v->n > v->cap && S_voc_grow(v))
			return TUMEN_ENOMEM;
	}
	return TUMEN_OK;
}

static tumen_status S_push(S_lists *l, uint32_t e)
{
	if (l->n == l->cap) {
		size_t nc = l->cap ? l->cap * 2 : 1024;
		uint32_t *p = realloc(l->e, nc * sizeof *p);
		if (!p)
			return TUMEN_ENOMEM;
		l->e = p;
		l->cap = nc;
	}
	l->e[l->n++] = e;
	return TUMEN_OK;
}

static void S_lists_free(S_lists *l)
{
	free(l->e);
	free(l->e2);
	free(l->off);
}

/* The lexicon candidates (lexicon.h; `reverse` for the target side) of
 * each word of vocabulary `own` that are words of the other side, as ids
 * of `other`, in the order tumen_lexicon_expand() gives them, into c:
 * the word with id w has c->e[c->off[w] .. c->off[w + 1]).  Looked up
 * once per word, not once per occurrence. */
static tumen_status S_cands(S_lists *c, const tumen_lexicon *lex,
                            int reverse, const S_voc *own, const S_voc *other)
{
	uint32_t *word = malloc((own->n + 1) * sizeof *word), id;
	uint64_t *tmp = NULL;
	size_t k, ntmp, cap = 0;
	tumen_status st = TUMEN_ENOMEM;

	c->off = malloc((own->n + 1) * sizeof *c->off);
	if (!word || !c->off)
		goto out;
	for (k = 0; k < own->cap; k++) /* each id's word */
		if (own->id[k] != NO_ID)
			word[own->id[k]] = own->key[k];
	for (k = 0; k < own->n; k++) {
		size_t e;
		c->off[k] = c->n;
		ntmp = 0;
		if (tumen_lexicon_expand(lex, reverse, &word[k], 1, &tmp, &ntmp,
		                         &cap))
			goto out;
		for (e = 0; e < ntmp; e++)
			if ((id = S_voc_find(other, (uint32_t)(tmp[e] >> 32))) !=
			            NO_ID &&
			    S_push(c, id))
				goto out;
	}
	c->off[own->n] = c->n;
	st = TUMEN_OK;
out:
	free(word);
	free(tmp);
	return st;
}

/* For sentences [i0, i1) of f: their words as ids of `own` into `words`,
 * and each word's lexicon candidates that are words of the other side
 * (wc, from S_cands) into `cand`.  A word without an id (past MAX_ID
 * words) has neither.  The lists' offsets are by i - i0, with room for
 * f's sentences from i0 on (a first half's lists take the second's,
 * S_lists_join). */
static tumen_status S_side(const tumen_feats *f, size_t i0, size_t i1,
                           const S_voc *own, const S_lists *wc,
                           S_lists *words, S_lists *cand)
{
	size_t i, k, e;

	words->off = malloc((f->n - i0 + 1) * sizeof *words->off);
	cand->off = malloc((f->n - i0 + 1) * sizeof *cand->off);
	if (!words->off || !cand->off)
		return TUMEN_ENOMEM;
	for (i = i0; i < i1; i++) {
		size_t w0 = f->word_off[i], nw = f->word_off[i + 1] - w0;
		words->off[i - i0] = words->n;
		cand->off[i - i0] = cand->n;
		for (k = 0; k < nw && k < MAX_POS; k++) {
			uint32_t id = S_voc_find(own, f->words[w0 + k]);
			if (id == NO_ID)
				continue;
			if (S_push(words, id << 6 | (uint32_t)k))
				return TUMEN_ENOMEM;
			for (e = wc->off[id]; e < wc->off[id + 1]; e++)
				if (S_push(cand, wc->e[e] << 6 | (uint32_t)k))
					return TUMEN_ENOMEM;
		}
	}
	words->off[i1 - i0] = words->n;
	cand->off[i1 - i0] = cand->n;
	return TUMEN_OK;
}

/* Makes list b (of sentences [h, h + nb)) the second part of list a (of
 * [0, h)); b's entries become a's. */
static void S_lists_join(S_lists *a, S_lists *b, size_t h, size_t nb)
{
	size_t k;

	for (k = 0; k <= nb; k++)
		a->off[h + k] = b->off[k] + a->n;
	a->e2 = b->e;
	b->e = NULL;
	a->h = h;
	a->n0 = a->n;
	a->n += b->n;
}

static tumen_status S_stamps_alloc(S_stamps *s, size_t vocab)
{
	size_t n = TUMEN_LEXMATCH_ROWS * (vocab ? vocab : 1), k;

	s->e = aligned_alloc(64, (n * sizeof *s->e + 63) / 64 * 64);
	if (!s->e)
		return TUMEN_ENOMEM;
	for (k = 0; k < n; k++)
		s->e[k].mark = (size_t)-1;
	return TUMEN_OK;
}

/* One side's share of tumen_lexmatch_new: its vocabulary, then (once
 * both vocabularies exist) the lists of its sentences [i0, i1). */
typedef struct {
	const tumen_lexicon *lex;
	const tumen_feats *f;
	int reverse;
	S_voc *own, *other;
	S_lists *wc; /* each word's candidates (S_cands) */
	S_lists *words, *cand;
	size_t i0, i1;
	tumen_status st;
} S_side_job;

static void S_voc_run(void *arg)
{
	S_side_job *j = arg;

	j->st = S_voc_build(j->own, j->f);
}

static void S_cands_run(void *arg)
{
	S_side_job *j = arg;

	j->st = S_cands(j->wc, j->lex, j->reverse, j->own, j->other);
}

/* Two jobs, one after the other: a thread's half of each side. */
static void S_side_run(void *arg)
{
	S_side_job *j = arg;
	int k;

	for (k = 0; k < 2; k++)
		j[k].st = S_side(j[k].f, j[k].i0, j[k].i1, j[k].own, j[k].wc,
		                 j[k].words, j[k].cand);
}

/* lm's own stamps, empty (its vocabularies known); -1 when out of memory
 * (what was allocated is lm's to free). */
static int S_own_stamps(tumen_lexmatch *lm)
{
	size_t r;

	for (r = 0; r < TUMEN_LEXMATCH_ROWS; r++)
		lm->row[r] = (size_t)-1;
	return S_stamps_alloc(&lm->ts, lm->tv.n) || S_stamps_alloc(&lm->ss, lm->sv.n)
	               ? -1
	               : 0;
}

tumen_status tumen_lexmatch_new(const tumen_lexicon *lex, const tumen_feats *s,
                                const tumen_feats *t, int threads,
                                tumen_lexmatch **out)
{
	tumen_lexmatch *lm = calloc(1, sizeof *lm);
	S_lists rest[4]; /* the second halves' lists */
	S_lists sc, tc; /* each word's candidates */
	S_side_job js, jt, j[2][2];
	tumen_status st = TUMEN_OK;
	int k;

	*out = NULL;
	if (!lm)
		return TUMEN_ENOMEM;
	memset(rest, 0, sizeof rest);
	memset(&sc, 0, sizeof sc);
	memset(&tc, 0, sizeof tc);
	js = (S_side_job){ lex, s, 0, &lm->sv, &lm->tv, &sc, &lm->swords,
	                   &lm->scand, 0, s->n / 2, TUMEN_OK };
	jt = (S_side_job){ lex, t, 1, &lm->tv, &lm->sv, &tc, &lm->twords,
	                   &lm->tcand, 0, t->n / 2, TUMEN_OK };
	tumen_par2(threads, S_voc_run, &js, S_voc_run, &jt);
	if (!js.st && !jt.st) /* each word's candidates, once both exist */
		tumen_par2(threads, S_cands_run, &js, S_cands_run, &jt);
	if (js.st || jt.st) {
		S_lists_free(&sc);
		S_lists_free(&tc);
		tumen_lexmatch_free(lm);
		return TUMEN_ENOMEM;
	}
	/* each thread takes half of each side's sentences: the source side
	 * (forward candidates) costs about three times the target side */
	j[0][0] = js;
	j[0][1] = jt;
	j[1][0] = js;
	j[1][1] = jt;
	j[1][0].words = &rest[0];
	j[1][0].cand = &rest[1];
	j[1][0].i0 = s->n / 2;
	j[1][0].i1 = s->n;
	j[1][1].words = &rest[2];
	j[1][1].cand = &rest[3];
	j[1][1].i0 = t->n / 2;
	j[1][1].i1 = t->n;
	tumen_par2(threads, S_side_run, j[0], S_side_run, j[1]);
	for (k = 0; k < 2; k++)
		if (j[0][k].st || j[1][k].st)
			st = TUMEN_ENOMEM;
	if (!st) {
		S_lists_join(&lm->swords, &rest[0], s->n / 2, s->n - s->n / 2);
		S_lists_join(&lm->scand, &rest[1], s->n / 2, s->n - s->n / 2);
		S_lists_join(&lm->twords, &rest[2], t->n / 2, t->n - t->n / 2);
		S_lists_join(&lm->tcand, &rest[3], t->n / 2, t->n - t->n / 2);
	}
	for (k = 0; k < 4; k++)
		S_lists_free(&rest[k]);
	S_lists_free(&sc);
	S_lists_free(&tc);
	if (st || S_own_stamps(lm)) {
		tumen_lexmatch_free(lm);
		return TUMEN_ENOMEM;
	}
	*out = lm;
	return TUMEN_OK;
}

tumen_status tumen_lexmatch_fork(const tumen_lexmatch *lm,
                                 tumen_lexmatch **out)
{
	tumen_lexmatch *f = malloc(sizeof *f);

	*out = NULL;
	if (!f)
		return TUMEN_ENOMEM;
	*f = *lm;
	f->parent = lm;
	memset(&f->ts, 0, sizeof f->ts);
	memset(&f->ss, 0, sizeof f->ss);
	if (S_own_stamps(f)) {
		tumen_lexmatch_free(f);
		return TUMEN_ENOMEM;
	}
	*out = f;
	return TUMEN_OK;
}

void tumen_lexmatch_free(tumen_lexmatch *lm)
{
	if (!lm)
		return;
	free(lm->ts.e);
	free(lm->ss.e);
	if (lm->parent) {
		free(lm);
		return;
	}
	free(lm->sv.key);
	free(lm->sv.id);
	free(lm->tv.key);
	free(lm->tv.id);
	S_lists_free(&lm->scand);
	S_lists_free(&lm->swords);
	S_lists_free(&lm->twords);
	S_lists_free(&lm->tcand);
	free(lm);
}

/* Stamps the entries of list i into slot r: per id, the positions. */
static void S_stamp(const S_lists *l, size_t i, S_stamps *s, size_t r)
{
	size_t k, shift;
	const uint32_t *e = S_entries(l, i, &shift);

	for (k = l->off[i] - shift; k < l->off[i + 1] - shift; k++) {
		S_stamp_ent *t = &s->e[(e[k] >> 6) * TUMEN_LEXMATCH_ROWS + r];
		if (t->mark != i) {
			t->mark = i;
			t->bits = 0;
		}
		t->bits |= 1ULL << (e[k] & 63);
	}
}

/* Entries of list j whose id row i stamped (in slot r): their positions
 * into *own, the stamped positions into *other. */
static void S_probe(const S_lists *l, size_t j, const S_stamps *s,
                    size_t r, size_t i, uint64_t *own, uint64_t *other)
{
	size_t k, shift;
	const uint32_t *e = S_entries(l, j, &shift);
	uint64_t o = 0, x = 0;

	/* without a branch: whether a word is stamped is a coin toss the
	 * processor kept guessing wrong */
	for (k = l->off[j] - shift; k < l->off[j + 1] - shift; k++) {
		const S_stamp_ent *t =
		        &s->e[(e[k] >> 6) * TUMEN_LEXMATCH_ROWS + r];
		uint64_t hit = -(uint64_t)(t->mark == i);
		o |= (1ULL << (e[k] & 63)) & hit;
		x |= t->bits & hit;
	}
	*own |= o;
	*other |= x;
}

void tumen_lexmatch_pair(tumen_lexmatch *lm, size_t i, size_t j,
                         uint64_t *smask, uint64_t *tmask)
{
	size_t r = i % TUMEN_LEXMATCH_ROWS;

	if (lm->row[r] != i) {
		S_stamp(&lm->scand, i, &lm->ts, r);
		S_stamp(&lm->swords, i, &lm->ss, r);
		lm->row[r] = i;
	}
	*smask = *tmask = 0;
	S_probe(&lm->twords, j, &lm->ts, r, i, tmask, smask);
	S_probe(&lm->tcand, j, &lm->ss, r, i, tmask, smask);
}
