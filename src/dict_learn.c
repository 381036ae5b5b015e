/*
 * dict_learn.c - learning a dictionary from aligned sentence pairs: IBM
 * Model 1 both ways (lexicon.c) on stemmed words, written as TSV.
 *
 * Words are kept as stem keys (dict.h) so that book and books count as
 * one; to write a key back, the learner remembers every form it met, by
 * the hash of its text, and writes the stem's most frequent form.  Two
 * forms with the same 32-bit hash share one record (the first text met):
 * rare enough to ignore.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "dict.h"
#include "normalize.h"

/* A form met: the hash of its text, its stem key, how often, and where its
 * text is in `text`. */
typedef struct {
	uint32_t hash, stem, count;
	size_t at;
} S_form;

/* Open addressing by hash; cap a power of two, at most half full. */
typedef struct {
	S_form *v;
	unsigned char *used;
	size_t cap, n;
} S_forms;

struct tumen_dict_learner {
	uint32_t *w;    /* stem keys of every pair: source words, target words */
	size_t nw, capw;
	size_t *off;    /* pair k: source w[off[2k]..off[2k+1]), target
	                   w[off[2k+1]..off[2k+2]) */
	size_t np, capo;
	S_forms forms;
	tumen_buf text; /* forms' texts, NUL-terminated */
	tumen_buf m[2]; /* scratch: matching forms */
};

void tumen_dict_learn_opts_init(tumen_dict_learn_opts *o)
{
	o->min_prob = 0.1;
	o->min_count = 2;
	o->max_entries = 0;
}

tumen_status tumen_dict_learner_new(tumen_dict_learner **out)
{
	tumen_dict_learner *l = calloc(1, sizeof *l);

	*out = NULL;
	if (!l)
		return TUMEN_ENOMEM;
	l->off = malloc(sizeof *l->off);
	if (!l->off) {
		free(l);
		return TUMEN_ENOMEM;
	}
	l->off[0] = 0;
	l->capo = 1;
	tumen_buf_init(&l->text);
	tumen_buf_init(&l->m[0]);
	tumen_buf_init(&l->m[1]);
	*out = l;
	return TUMEN_OK;
}

void tumen_dict_learner_free(tumen_dict_learner *l)
{
	if (!l)
		return;
	free(l->w);
	free(l->off);
	free(l->forms.v);
	free(l->forms.used);
	tumen_buf_release(&l->text);
	tumen_buf_release(&l->m[0]);
	tumen_buf_release(&l->m[1]);
	free(l);
}

size_t tumen_dict_learner_count(const tumen_dict_learner *l) { return l->np; }

static size_t S_slot(const S_forms *f, uint32_t h)
{
	size_t i = (h * 2654435761u) & (f->cap - 1);

	while (f->used[i] && f->v[i].hash != h)
		i = (i + 1) & (f->cap - 1);
	return i;
}

static tumen_status S_forms_grow(S_forms *f)
{
	S_forms big;
	size_t i;

	if ((f->n + 1) * 2 <= f->cap)
		return TUMEN_OK;
	big.cap = f->cap ? f->cap * 2 : 4096;
	big.n = f->n;
	big.v = malloc(big.cap * sizeof *big.v);
	big.used = calloc(big.cap, 1);
	if (!big.v || !big.used) {
		free(big.v);
		free(big.used);
		return TUMEN_ENOMEM;
	}
	for (i = 0; i < f->cap; i++)
		if (f->used[i]) {
			size_t k = S_slot(&big, f->v[i].hash);
			big.used[k] = 1;
			big.v[k] = f->v[i];
		}
	free(f->v);
	free(f->used);
	*f = big;
	return TUMEN_OK;
}

/* Counts one occurrence of form w[0..len) with stem key `stem`. */
static tumen_status S_form_add(tumen_dict_learner *l, const char *w,
                               size_t len, uint32_t stem)
{
	uint32_t h = tumen_hash(w, len);
	size_t k;

	if (S_forms_grow(&l->forms))
		return TUMEN_ENOMEM;
	k = S_slot(&l->forms, h);
	if (!l->forms.used[k]) {
		S_form nf = { h, stem, 0, l->text.len };
		if (tumen_buf_add(&l->text, w, len) || tumen_buf_addc(&l->text, '\0'))
			return TUMEN_ENOMEM;
		l->forms.used[k] = 1;
		l->forms.v[k] = nf;
		l->forms.n++;
	}
	l->forms.v[k].count++;
	return TUMEN_OK;
}

static size_t S_count_words(const tumen_buf *m)
{
	size_t pos = 0, w0, wl, n = 0;

	while (tumen_word_next(m->ptr, m->len, &pos, &w0, &wl))
		n++;
	return n;
}

/* Appends the stem keys of one side's words, counting their forms. */
static tumen_status S_side(tumen_dict_learner *l, const tumen_buf *m)
{
	size_t pos = 0, w0, wl;

	while (tumen_word_next(m->ptr, m->len, &pos, &w0, &wl)) {
		uint32_t key = tumen_word_hash(m->ptr + w0, wl);
		if (l->nw == l->capw) {
			size_t nc = l->capw ? l->capw * 2 : 4096;
			uint32_t *nv = realloc(l->w, nc * sizeof *nv);
			if (!nv)
				return TUMEN_ENOMEM;
			l->w = nv;
			l->capw = nc;
		}
		l->w[l->nw++] = key;
		if (S_form_add(l, m->ptr + w0, wl, key))
			return TUMEN_ENOMEM;
	}
	return TUMEN_OK;
}

tumen_status tumen_dict_learner_add(tumen_dict_learner *l, const char *src,
                                    size_t slen, const char *tgt, size_t tlen,
                                    int *used)
{
	size_t ns, nt;
	tumen_status st;

	if (used)
		*used = 0;
	tumen_buf_reset(&l->m[0]);
	tumen_buf_reset(&l->m[1]);
	if ((st = tumen_match_form(src, slen, &l->m[0])) ||
	    (st = tumen_match_form(tgt, tlen, &l->m[1])))
		return st;
	ns = S_count_words(&l->m[0]);
	nt = S_count_words(&l->m[1]);
	if (!ns || !nt || ns > TUMEN_DICT_LEARN_MAX_WORDS ||
	    nt > TUMEN_DICT_LEARN_MAX_WORDS)
		return TUMEN_OK;
	if (2 * l->np + 3 > l->capo) {
		size_t nc = l->capo * 2 + 3;
		size_t *no = realloc(l->off, nc * sizeof *no);
		if (!no)
			return TUMEN_ENOMEM;
		l->off = no;
		l->capo = nc;
	}
	if (S_side(l, &l->m[0]))
		return TUMEN_ENOMEM;
	l->off[2 * l->np + 1] = l->nw;
	if (S_side(l, &l->m[1]))
		return TUMEN_ENOMEM;
	l->off[2 * l->np + 2] = l->nw;
	l->np++;
	if (used)
		*used = 1;
	return TUMEN_OK;
}

/* ---- training and writing ----------------------------------------------- */

/* A word pair and what one model says of it. */
typedef struct {
	uint64_t key; /* source stem << 32 | target stem */
	double p, count;
} S_cand;

typedef struct {
	S_cand *v;
	size_t n, cap;
} S_cands;

static tumen_status S_collect(void *ctx, uint32_t s, uint32_t t, double p,
                              double count)
{
	S_cands *c = ctx;

	if (c->n == c->cap) {
		size_t nc = c->cap ? c->cap * 2 : 4096;
		S_cand *nv = realloc(c->v, nc * sizeof *nv);
		if (!nv)
			return TUMEN_ENOMEM;
		c->v = nv;
		c->cap = nc;
	}
	c->v[c->n].key = (uint64_t)s << 32 | t;
	c->v[c->n].p = p;
	c->v[c->n].count = count;
	c->n++;
	return TUMEN_OK;
}

static int S_cmp_cand(const void *a, const void *b)
{
	uint64_t x = ((const S_cand *)a)->key, y = ((const S_cand *)b)->key;

	return x < y ? -1 : x > y;
}

/* An output line. */
typedef struct {
	const char *src, *tgt;
	double p;
} S_line;

static int S_cmp_words(const void *a, const void *b)
{
	const S_line *x = a, *y = b;
	int c = strcmp(x->src, y->src);

	return c ? c : strcmp(x->tgt, y->tgt);
}

static int S_cmp_best(const void *a, const void *b)
{
	const S_line *x = a, *y = b;

	if (x->p != y->p)
		return x->p > y->p ? -1 : 1;
	return S_cmp_words(a, b);
}

/* Trains both models; *fwd and *rev get their candidates, sorted. */
static tumen_status S_train(const tumen_dict_learner *l, double min,
                            S_cands *fwd, S_cands *rev)
{
	tumen_lex_pair *pairs = malloc((l->np + 1) * sizeof *pairs);
	tumen_status st;
	size_t k;

	if (!pairs)
		return TUMEN_ENOMEM;
	for (k = 0; k < l->np; k++) {
		pairs[k].src = l->w + l->off[2 * k];
		pairs[k].nsrc = l->off[2 * k + 1] - l->off[2 * k];
		pairs[k].tgt = l->w + l->off[2 * k + 1];
		pairs[k].ntgt = l->off[2 * k + 2] - l->off[2 * k + 1];
	}
	st = tumen_lexicon_model1(pairs, l->np, 0, 5, min, S_collect, fwd);
	if (!st)
		st = tumen_lexicon_model1(pairs, l->np, 1, 5, min, S_collect, rev);
	free(pairs);
	if (st)
		return st;
	if (fwd->n > 1)
		qsort(fwd->v, fwd->n, sizeof *fwd->v, S_cmp_cand);
	if (rev->n > 1)
		qsort(rev->v, rev->n, sizeof *rev->v, S_cmp_cand);
	return TUMEN_OK;
}

/* Index (into forms.v) of the most frequent form of each stem, by stem:
 * an open addressing table like the forms' own, keyed by stem. */
static tumen_status S_best_forms(const tumen_dict_learner *l, S_forms *best)
{
	const S_forms *f = &l->forms;
	size_t i;

	memset(best, 0, sizeof *best);
	for (i = 0; i < f->cap; i++) {
		const S_form *x;
		size_t k;
		if (!f->used[i])
			continue;
		x = &f->v[i];
		if (S_forms_grow(best))
			return TUMEN_ENOMEM;
		k = S_slot(best, x->stem);
		if (!best->used[k]) {
			best->used[k] = 1;
			best->n++;
		} else if (best->v[k].count > x->count ||
		           (best->v[k].count == x->count &&
		            strcmp(l->text.ptr + best->v[k].at, l->text.ptr + x->at) <= 0)) {
			continue;
		}
		best->v[k] = *x;
		best->v[k].hash = x->stem; /* keyed by stem */
	}
	return TUMEN_OK;
}

static const char *S_form_of(const tumen_dict_learner *l, const S_forms *best,
                             uint32_t stem)
{
	size_t k;

	if (!best->cap)
		return NULL;
	k = S_slot(best, stem);
	return best->used[k] ? l->text.ptr + best->v[k].at : NULL;
}

/* Joins the two models' candidates into the lines to write. */
static tumen_status S_join(const tumen_dict_learner *l, const S_forms *best,
                           const S_cands *fwd, const S_cands *rev,
                           const tumen_dict_learn_opts *o, S_line **out,
                           size_t *nout)
{
	size_t i = 0, j = 0, n = 0;
	S_line *v = malloc((fwd->n + 1) * sizeof *v);

	if (!v)
		return TUMEN_ENOMEM;
	while (i < fwd->n && j < rev->n) {
		const S_cand *a = &fwd->v[i], *b = &rev->v[j];
		double p, c;
		if (a->key < b->key) {
			i++;
			continue;
		}
		if (a->key > b->key) {
			j++;
			continue;
		}
		i++;
		j++;
		p = sqrt(a->p * b->p);
		c = (a->count + b->count) / 2;
		if (p < o->min_prob || c < o->min_count ||
		    (uint32_t)(a->key >> 32) == (uint32_t)a->key)
			continue;
		v[n].src = S_form_of(l, best, (uint32_t)(a->key >> 32));
		v[n].tgt = S_form_of(l, best, (uint32_t)a->key);
		v[n].p = p;
		if (v[n].src && v[n].tgt && strcmp(v[n].src, v[n].tgt))
			n++;
	}
	*out = v;
	*nout = n;
	return TUMEN_OK;
}

static tumen_status S_write(S_line *v, size_t n, const tumen_dict_learn_opts *o,
                            FILE *f, size_t *written)
{
	size_t k;

	if (o->max_entries && n > o->max_entries) {
		qsort(v, n, sizeof *v, S_cmp_best);
		n = o->max_entries;
	}
	if (n > 1)
		qsort(v, n, sizeof *v, S_cmp_words);
	for (k = 0; k < n; k++)
		if (fprintf(f, "%s\t%s\t%.4f\n", v[k].src, v[k].tgt, v[k].p) < 0)
			return TUMEN_EIO;
	if (written)
		*written = n;
	return ferror(f) ? TUMEN_EIO : TUMEN_OK;
}

tumen_status tumen_dict_learner_write(tumen_dict_learner *l,
                                      const tumen_dict_learn_opts *o, FILE *f,
                                      size_t *written)
{
	tumen_dict_learn_opts defaults;
	S_cands fwd = { NULL, 0, 0 }, rev = { NULL, 0, 0 };
	S_forms best;
	S_line *lines = NULL;
	size_t n = 0;
	tumen_status st;

	if (written)
		*written = 0;
	if (!o) {
		tumen_dict_learn_opts_init(&defaults);
		o = &defaults;
	}
	memset(&best, 0, sizeof best);
	/* sqrt(pf pr) >= P needs pf >= P^2 and pr >= P^2 */
	st = S_train(l, o->min_prob * o->min_prob, &fwd, &rev);
	if (!st)
		st = S_best_forms(l, &best);
	if (!st)
		st = S_join(l, &best, &fwd, &rev, o, &lines, &n);
	if (!st)
		st = S_write(lines, n, o, f, written);
	free(lines);
	free(fwd.v);
	free(rev.v);
	free(best.v);
	free(best.used);
	return st;
}
