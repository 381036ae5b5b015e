/*
 * align.c - the aligner: paragraphs, then sentences, in two passes.
 *
 * Pass 1 scores beads by length (Gale-Church, with the length ratio's mean
 * and variance estimated from the document pair) and anchors (numbers,
 * final ? and !).  The beads it is sure of re-estimate the length model and
 * train a word lexicon; pass 2 adds the lexicon's evidence.  The search
 * itself is dp.c's banded dynamic programme.
 */
#include "config.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>

#include <stdlib.h>
#include <string.h>

#include "align_internal.h"
#include "anchors.h"
#include "dict.h"
#include "doc.h"
#include "dp.h"
#include "lexicon.h"
#include "lexmatch.h"
#include "par.h"

#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
#include <immintrin.h>
#define S_HAVE_AVX 1 /* S_len_z_avx, when the processor has AVX */
#endif

/* The list of feature `pool` of sentences [i, i+n): pointer and length. */
#define S_LIST(f, pool, off, i, n) ((f)->pool + (f)->off[i]), \
	((f)->off[(i) + (n)] - (f)->off[i])

/* Bead shapes and their prior probabilities (Gale and Church's, with 1-3
 * and 3-1 added; each pair of mirror shapes shares its mass). */
static const unsigned char S_types[][2] = {
	{ 1, 1 }, { 1, 0 }, { 0, 1 }, { 2, 1 }, { 1, 2 }, { 2, 2 }, { 3, 1 }, { 1, 3 },
};
static const double S_prior[] = {
	0.89, 0.005, 0.005, 0.0445, 0.0445, 0.0005, 0.0005, 0.0005,
};
#define NTYPES (sizeof S_types / sizeof *S_types)

typedef struct {
	double w_num, w_punct, w_lex, del, temp, base, thr, w_miss, num_cap, w_name;
	double tail_w, tail_k;
} S_weights;

static const S_weights S_default_weights = { 1.0, 1.5, 1.5, 0.0, 1.0, 0.2, 0.3,
                                             0.5, 6.0, 2.0, 0.05, 3.0 };

#define ZMAX 48.0
#define ZSTEPS 9600

/* Pass 2 searches a narrower band around pass 1's path than pass 1 did
 * around its guide: the two paths differ only where the lexicon speaks. */
#define PASS2_BAND 8
#define PASS1_BAND 12
#define PASS0_BAND 32
#define PASS0_MIN 500
#define COARSE_BAND 64

/* Lexical masks of sentence pairs, cached: the DP asks for the same pair
 * from many bead shapes.  The DP's passes go row by row and a bead spans
 * at most 3 source rows, so 4 rows of the cache (indexed by i mod 4 and j
 * mod the number of columns) hold every pair a row needs while the band
 * is at most CACHE_COLS wide; pairs of wider bands (whole matrices of
 * more than 8,192 targets) share entries and are computed again: costs
 * come a shape at a time across the row (tumen_cost_row_fn), so a row
 * wider than the cache computes its pairs once per shape. */
#define CACHE_ROWS 4
#define CACHE_COLS 8192
typedef struct {
	size_t i, j;
	uint64_t smask, tmask;    /* lexical masks (lexicon.h) */
	uint16_t nums, names;     /* numbers and names with a twin */
} S_pairmask;

/* Each unit's slice of a list of anchor keys (numbers, names), sorted,
 * cut to its first `cap` keys: what S_pair() intersects by merging. */
typedef struct {
	uint32_t *v;
	size_t *off;
} S_sorted;

typedef struct {
	const tumen_feats *s, *t;
	S_sorted snum, sname; /* the source's keys, all of them */
	S_sorted tnum, tname; /* the target's first 64 (as S_common) */
	double *ps, *pt;     /* prefix sums of lengths */
	double c, s2;        /* length model: lt ~ N(c ls, s2 ls) */
	double logprior[NTYPES];
	S_weights w;
	const tumen_align_opts *o;
	const tumen_lexicon *lex;
	S_pairmask *cache; /* CACHE_ROWS * cols entries */
	size_t cols;       /* a power of two, at most CACHE_COLS */
	S_pairmask *cache2; /* the same for a second thread (dp.h's ctx2) */
	size_t i0, j0;     /* the DP's (0, 0) in sentence indices */
	size_t *path1;     /* pass 1's path: column where it enters row i */
	tumen_lexmatch *lm; /* the lexicon applied to the two documents */
	tumen_lexmatch *lm2; /* lm's fork for the second thread */
	size_t band;       /* half-width of the DP's band (0: dp.c's) */
	int pass0;         /* length only */
	int para_guide;    /* pass0 on paragraphs: deletions cost their length */
	int local_repair;  /* dp.h's local_repair: pass 1 after pass 0 */
	size_t *widths;    /* pass 2: band half-width per row (dp.h) */
} S_ctx;

void tumen_align_opts_init(tumen_align_opts *o)
{
	memset(o, 0, sizeof *o);
	o->paragraphs = 1;
	o->numbers = 1;
	o->punctuation = 1;
	o->lexicon = 1;
	o->names = 1;
	o->identical = 1;
	o->threads = 1;
}

/* -log(2 (1 - Phi(|z|))): the two-sided tail of the standard normal. */
static double S_tail_cost(double z)
{
	double y = fabs(z) / M_SQRT2, e;

	if (y < 5) {
		e = erfc(y);
		return -log(e > 1e-300 ? e : 1e-300);
	}
	/* asymptotic erfc(y) ~ exp(-y^2) / (y sqrt(pi)) */
	return y * y + log(y * sqrt(M_PI));
}

/* Gale and Church's length cost of a standardized difference z, with a
 * heavier tail: translators sometimes expand or compress far more than a
 * normal distribution allows, so a share `tail_w` of the mass has
 * `tail_k` times the spread.  Without it one compressed sentence pair
 * forces a wrong merge. */
static double S_mix_cost(const S_weights *w, double z)
{
	double narrow, wide;

	if (w->tail_w <= 0)
		return S_tail_cost(z);
	narrow = S_tail_cost(z) + log(1 / (1 - w->tail_w));
	wide = S_tail_cost(z / w->tail_k) + log(1 / w->tail_w);
	/* -log(exp(-narrow) + exp(-wide)) */
	return narrow < wide ? narrow - log1p(exp(narrow - wide))
	                     : wide - log1p(exp(wide - narrow));
}

/* The cost is a smooth function of |z|: tabulated and interpolated, since
 * the DP asks for it millions of times.  The weights are constant, so the
 * table is filled once per process (tumen_align). */
static double S_ltab[ZSTEPS + 1];
static pthread_once_t S_ltab_once = PTHREAD_ONCE_INIT;
static int S_avx;      /* S_len_z_avx may run (set with S_ltab) */
static int S_simd = 1; /* tumen_align_simd() */

static void S_ltab_fill(void)
{
	size_t k;

	for (k = 0; k <= ZSTEPS; k++)
		S_ltab[k] = S_mix_cost(&S_default_weights, (double)k * ZMAX / ZSTEPS);
#ifdef S_HAVE_AVX
	__builtin_cpu_init();
	S_avx = __builtin_cpu_supports("avx");
#endif
}

/* The length cost of a standardized difference z (S_ltab interpolated). */
static double S_len_tail(const S_ctx *x, double z)
{
	double pos, f;
	size_t k;

	if (z >= ZMAX)
		return S_mix_cost(&x->w, z);
	pos = z * (ZSTEPS / ZMAX);
	k = (size_t)pos;
	f = pos - (double)k;
	return S_ltab[k] + f * (S_ltab[k + 1] - S_ltab[k]);
}

static double S_len_cost(const S_ctx *x, double ls, double lt)
{
	double mean, z;

	mean = (ls + lt / x->c) / 2;
	if (mean < 1)
		mean = 1;
	z = fabs(lt - x->c * ls) / sqrt(x->s2 * mean);
	return S_len_tail(x, z);
}

/* S_len_cost(x, ls, lt[k]) into out[k], k < n (n <= S_ROW): with AVX the
 * standardized differences four at a time.  Division, square root and the
 * rest are the same operations in the same order (and no fused
 * multiply-add), so the same bits. */
#define S_ROW 64
#ifdef S_HAVE_AVX
__attribute__((target("avx"))) static size_t
S_len_z_avx(const S_ctx *x, double ls, const double *lt, size_t n, double *z)
{
	const __m256d c = _mm256_set1_pd(x->c), s2 = _mm256_set1_pd(x->s2);
	const __m256d vls = _mm256_set1_pd(ls), cls = _mm256_set1_pd(x->c * ls);
	const __m256d one = _mm256_set1_pd(1), two = _mm256_set1_pd(2);
	const __m256d abs = _mm256_castsi256_pd(_mm256_set1_epi64x(0x7fffffffffffffffLL));
	size_t k;

	for (k = 0; k + 4 <= n; k += 4) {
		__m256d t = _mm256_loadu_pd(lt + k);
		__m256d mean = _mm256_div_pd(_mm256_add_pd(vls, _mm256_div_pd(t, c)), two);
		__m256d d = _mm256_and_pd(_mm256_sub_pd(t, cls), abs);
		mean = _mm256_max_pd(mean, one); /* mean if > 1, else 1 */
		_mm256_storeu_pd(z + k, _mm256_div_pd(d, _mm256_sqrt_pd(_mm256_mul_pd(s2, mean))));
	}
	return k;
}
#endif

void tumen_align_simd(int on)
{
	S_simd = on;
}

static void S_len_costs(const S_ctx *x, double ls, const double *lt, size_t n,
                        double *out)
{
	double z[S_ROW];
	size_t k = 0;

#ifdef S_HAVE_AVX
	if (S_avx && S_simd) {
		size_t m = S_len_z_avx(x, ls, lt, n, z);
		for (; k < m; k++)
			out[k] = S_len_tail(x, z[k]);
	}
#endif
	for (; k < n; k++)
		out[k] = S_len_cost(x, ls, lt[k]);
}

/* Elements of a[] that have a twin in b[] (each twin used once; only the
 * first 64 of b count). */
static size_t S_common(const uint32_t *a, size_t na, const uint32_t *b,
                       size_t nb)
{
	size_t p, q, common = 0;
	uint64_t used = 0;

	if (nb > 64)
		nb = 64;
	for (p = 0; p < na; p++)
		for (q = 0; q < nb; q++)
			if (!(used >> q & 1) && a[p] == b[q]) {
				used |= 1ULL << q;
				common++;
				break;
			}
	return common;
}

/* Number anchors: each number found on both sides is evidence for the
 * bead (a log likelihood ratio of about w_num), each number on one side
 * only evidence against it (w_miss).  Dates count as numbers (anchors.c).
 * `common` is the sum of the sentence pairs' shared numbers.  Capped so
 * that numbers alone cannot outweigh the rest (cf. hunalign issue #2,
 * where number matches derail alignments). */
static double S_num_cost(const S_ctx *x, size_t i, unsigned a, size_t j,
                         unsigned b, size_t common)
{
	size_t ns = x->s->num_off[i + a] - x->s->num_off[i];
	size_t nt = x->t->num_off[j + b] - x->t->num_off[j];
	double cost;

	if (!ns && !nt)
		return 0;
	if (common > ns)
		common = ns;
	if (common > nt)
		common = nt;
	cost = x->w.w_miss * (double)(ns + nt - 2 * common) -
	       x->w.w_num * (double)common;
	if (cost > x->w.num_cap)
		cost = x->w.num_cap;
	if (cost < -x->w.num_cap)
		cost = -x->w.num_cap;
	return cost;
}

/* Anchors of a bead, for S_judge_parallel: n[0] numbers of both sides
 * and n[1] of them with a twin; n[2] names of the side with fewer (Persian
 * gives every word a name key, English only capitalized words) and n[3]
 * of them with a twin. */
static void S_anchor_counts(const S_ctx *x, const tumen_bead *b, size_t n[4])
{
	size_t i = b->src, a = b->nsrc, j = b->tgt, m = b->ntgt;
	size_t ns, nt;

	if (!a || !m)
		return;
	ns = x->s->name_off[i + a] - x->s->name_off[i];
	nt = x->t->name_off[j + m] - x->t->name_off[j];
	n[0] += x->s->num_off[i + a] - x->s->num_off[i] +
	        x->t->num_off[j + m] - x->t->num_off[j];
	n[1] += 2 * S_common(S_LIST(x->s, nums, num_off, i, a),
	                     S_LIST(x->t, nums, num_off, j, m));
	n[2] += ns < nt ? ns : nt;
	n[3] += S_common(S_LIST(x->s, names, name_off, i, a),
	                 S_LIST(x->t, names, name_off, j, m));
}

static double S_punct_cost(const S_ctx *x, size_t i, unsigned a, size_t j,
                           unsigned b)
{
	unsigned ps = 0, pt = 0, k, cost = 0;
	const unsigned m = TUMEN_P_QUESTION | TUMEN_P_EXCLAIM;

	for (k = 0; k < a; k++)
		ps |= x->s->punct[i + k] & m;
	for (k = 0; k < b; k++)
		pt |= x->t->punct[j + k] & m;
	if ((ps ^ pt) & TUMEN_P_QUESTION)
		cost += 2;
	if ((ps ^ pt) & TUMEN_P_EXCLAIM)
		cost += 1;
	if (ps & pt & TUMEN_P_QUESTION)
		return -x->w.w_punct * 0.5;
	return x->w.w_punct * cost / 2.0;
}

/* The size of the multiset intersection of sorted a[0..na) and b[0..nb):
 * what S_common() counts when b holds the first 64 keys, sorted. */
static size_t S_merge_count(const uint32_t *a, size_t na, const uint32_t *b,
                            size_t nb)
{
	size_t p = 0, q = 0, common = 0;

	while (p < na && q < nb) {
		if (a[p] < b[q]) {
			p++;
		} else if (a[p] > b[q]) {
			q++;
		} else {
			common++;
			p++;
			q++;
		}
	}
	return common;
}

#define S_SLICE(l, i) ((l).v + (l).off[i]), ((l).off[(i) + 1] - (l).off[i])

/* What one source and one target sentence share, computed once. */
static const S_pairmask *S_pair(const S_ctx *x, size_t i, size_t j)
{
	S_pairmask *m = &x->cache[(i % CACHE_ROWS) * x->cols + (j & (x->cols - 1))];

	if (m->i == i && m->j == j)
		return m;
	m->i = i;
	m->j = j;
	m->smask = m->tmask = 0;
	if (x->lex)
		tumen_lexmatch_pair(x->lm, i, j, &m->smask, &m->tmask);
	m->nums = (uint16_t)S_merge_count(S_SLICE(x->snum, i),
	                                  S_SLICE(x->tnum, j));
	m->names = (uint16_t)S_merge_count(S_SLICE(x->sname, i),
	                                   S_SLICE(x->tname, j));
	return m;
}

static size_t S_nwords(const tumen_feats *f, size_t i)
{
	size_t n = f->word_off[i + 1] - f->word_off[i];

	return n > 64 ? 64 : n;
}

/* Bits set in v: __builtin_popcountll is a call into libgcc unless the
 * target is known to have the instruction. */
static unsigned S_popcount(uint64_t v)
{
	v -= (v >> 1) & 0x5555555555555555ULL;
	v = (v & 0x3333333333333333ULL) + ((v >> 2) & 0x3333333333333333ULL);
	v = (v + (v >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
	return (unsigned)((v * 0x0101010101010101ULL) >> 56);
}

/* Lexical evidence: words of each side that have a translation (or an
 * identical twin) on the other side, against the share expected by
 * chance. */
static double S_lex_cost(const S_ctx *x, size_t i, unsigned a, size_t j,
                         unsigned b, const uint64_t *or_s, const uint64_t *or_t)
{
	unsigned p, q;
	double covered = 0, words = 0;

	for (p = 0; p < a; p++) {
		covered += S_popcount(or_s[p]);
		words += (double)S_nwords(x->s, i + p);
	}
	for (q = 0; q < b; q++) {
		covered += S_popcount(or_t[q]);
		words += (double)S_nwords(x->t, j + q);
	}
	return -x->w.w_lex * (covered - x->w.base * words) / 10.0;
}

/* Index of each bead shape in S_types, by (a, b). */
static const signed char S_shape[4][4] = {
	{ -1, 2, -1, -1 }, { 1, 0, 4, 7 }, { -1, 3, 5, -1 }, { -1, 6, -1, -1 },
};

/* Length and priors only: pass 0, which finds the guide for pass 1. */
static double S_cost_len(void *ctx, size_t i, size_t j, unsigned a, unsigned b)
{
	const S_ctx *x = ctx;
	double cost = x->logprior[S_shape[a][b]];

	i += x->i0;
	j += x->j0;
	if ((!a || !b) && !x->para_guide)
		return cost + x->w.del;
	return cost + S_len_cost(x, x->ps[i + a] - x->ps[i], x->pt[j + b] - x->pt[j]);
}

/* Twins shared by a bead, from its sentence pairs' counts c[p][q]: each
 * sentence's anchors count at most once (a name repeated in two target
 * sentences must not reward merging them). */
static size_t S_shared(const S_ctx *x, size_t i, unsigned a, size_t j,
                       unsigned b, const uint16_t c[3][3], int names)
{
	size_t cs = 0, ct = 0, sum, lim;
	unsigned p, q;

	for (p = 0; p < a; p++) {
		for (sum = 0, q = 0; q < b; q++)
			sum += c[p][q];
		lim = names ? x->s->name_off[i + p + 1] - x->s->name_off[i + p]
		            : x->s->num_off[i + p + 1] - x->s->num_off[i + p];
		cs += sum < lim ? sum : lim;
	}
	for (q = 0; q < b; q++) {
		for (sum = 0, p = 0; p < a; p++)
			sum += c[p][q];
		lim = names ? x->t->name_off[j + q + 1] - x->t->name_off[j + q]
		            : x->t->num_off[j + q + 1] - x->t->num_off[j + q];
		ct += sum < lim ? sum : lim;
	}
	return cs < ct ? cs : ct;
}

/* S_cost of a bead with both sides, from the cost so far (its prior and
 * length cost); i and j are sentence indices. */
static double S_cost_rest(const S_ctx *x, size_t i, size_t j, unsigned a,
                          unsigned b, double cost)
{
	uint64_t or_s[3] = { 0, 0, 0 }, or_t[3] = { 0, 0, 0 };
	uint16_t nums[3][3], names[3][3];
	size_t n;
	unsigned p, q;

	for (p = 0; p < a; p++)
		for (q = 0; q < b; q++) {
			const S_pairmask *m = S_pair(x, i + p, j + q);
			or_s[p] |= m->smask;
			or_t[q] |= m->tmask;
			nums[p][q] = m->nums;
			names[p][q] = m->names;
		}
	/* twins only where both sides have anchors */
	if (x->o->numbers)
		cost += S_num_cost(x, i, a, j, b,
		                   x->s->num_off[i + a] != x->s->num_off[i] &&
		                           x->t->num_off[j + b] != x->t->num_off[j]
		                       ? S_shared(x, i, a, j, b, nums, 0)
		                       : 0);
	if (x->o->names && x->s->name_off[i + a] != x->s->name_off[i] &&
	    x->t->name_off[j + b] != x->t->name_off[j]) {
		n = S_shared(x, i, a, j, b, names, 1);
		cost -= x->w.w_name * (double)(n < 4 ? n : 4);
	}
	if (x->o->punctuation && (x->s->punct[i + a - 1] | x->t->punct[j + b - 1]))
		cost += S_punct_cost(x, i, a, j, b);
	if (x->lex)
		cost += S_lex_cost(x, i, a, j, b, or_s, or_t);
	return cost;
}

static double S_cost(void *ctx, size_t i, size_t j, unsigned a, unsigned b)
{
	const S_ctx *x = ctx;
	double cost = x->logprior[S_shape[a][b]];

	if (!a || !b)
		return cost + x->w.del;
	i += x->i0;
	j += x->j0;
	cost += S_len_cost(x, x->ps[i + a] - x->ps[i], x->pt[j + b] - x->pt[j]);
	return S_cost_rest(x, i, j, a, b, cost);
}

/* The length costs of the beads (i, j, a, b), j = j0 .. j0 + n - 1 (n <=
 * S_ROW; sentence indices), each after `prior`, into out. */
static void S_len_row(const S_ctx *x, size_t i, size_t j0, size_t n,
                      unsigned a, unsigned b, double prior, double *out)
{
	double lt[S_ROW];
	size_t k;

	for (k = 0; k < n; k++)
		lt[k] = x->pt[j0 + k + b] - x->pt[j0 + k];
	S_len_costs(x, x->ps[i + a] - x->ps[i], lt, n, out);
	for (k = 0; k < n; k++)
		out[k] = prior + out[k];
}

/* S_cost and S_cost_len a row at a time (dp.h's tumen_cost_row_fn): the
 * length costs of the row together. */
static void S_cost_row_of(const S_ctx *x, int full, size_t i, size_t j0,
                          size_t j1, unsigned a, unsigned b, double *out,
                          size_t stride)
{
	double prior = x->logprior[S_shape[a][b]], c[S_ROW];
	size_t j, k, n;

	i += x->i0;
	j0 += x->j0;
	j1 += x->j0;
	if ((!a || !b) && (full || !x->para_guide)) {
		for (j = j0; j <= j1; j++)
			out[(j - j0) * stride] = prior + x->w.del;
		return;
	}
	for (j = j0; j <= j1; j += n) {
		n = j1 - j + 1 < S_ROW ? j1 - j + 1 : S_ROW;
		S_len_row(x, i, j, n, a, b, prior, c);
		for (k = 0; k < n; k++)
			out[(j - j0 + k) * stride] =
			        full ? S_cost_rest(x, i, j + k, a, b, c[k]) : c[k];
	}
}

static void S_cost_row(void *ctx, size_t i, size_t j0, size_t j1, unsigned a,
                       unsigned b, double *out, size_t stride)
{
	S_cost_row_of(ctx, 1, i, j0, j1, a, b, out, stride);
}

static void S_cost_len_row(void *ctx, size_t i, size_t j0, size_t j1,
                           unsigned a, unsigned b, double *out, size_t stride)
{
	S_cost_row_of(ctx, 0, i, j0, j1, a, b, out, stride);
}

/* The cost function of x's pass: length alone (pass 0) or everything. */
static tumen_cost_fn S_cost_of(const S_ctx *x)
{
	return x->pass0 ? S_cost_len : S_cost;
}

/* The same, a row at a time. */
static tumen_cost_row_fn S_cost_row_fn(const S_ctx *x)
{
	return x->pass0 ? S_cost_len_row : S_cost_row;
}

static double *S_prefix(const tumen_feats *f)
{
	double *p = malloc((f->n + 1) * sizeof *p);
	size_t i;

	if (!p)
		return NULL;
	p[0] = 0;
	for (i = 0; i < f->n; i++)
		p[i + 1] = p[i] + f->len[i];
	return p;
}

/* Re-estimates c and s2 from the confident 1-1 beads of a first pass:
 * c as the ratio of their summed lengths, s2 as the mean squared
 * standardized residual with the worst tenth left out. */
static void S_reestimate(S_ctx *x, const tumen_bead *b, size_t nb)
{
	double sl = 0, tl = 0, sum = 0;
	size_t k, n = 0;

	/* every 1-1 bead, not only the confident ones: those are the beads
	 * whose lengths fit best, and they would make the variance too small */
	for (k = 0; k < nb; k++)
		if (b[k].nsrc == 1 && b[k].ntgt == 1) {
			sl += x->s->len[b[k].src];
			tl += x->t->len[b[k].tgt];
			n++;
		}
	if (n < 10 || sl <= 0 || tl <= 0)
		return;
	x->c = tl / sl;
	for (k = 0; k < nb; k++)
		if (b[k].nsrc == 1 && b[k].ntgt == 1) {
			double ls = x->s->len[b[k].src], lt = x->t->len[b[k].tgt];
			double mean = (ls + lt / x->c) / 2, d = lt - x->c * ls;
			sum += d * d / (mean > 1 ? mean : 1);
		}
	x->s2 = sum / (double)n;
	if (x->s2 < 0.5)
		x->s2 = 0.5;
}

/* Where the search starts looking: source sentence i is expected near
 * the target sentence at the same share of the text's length, which
 * follows the path far better than the diagonal when sentence lengths
 * vary. */
static size_t *S_guide(const S_ctx *x, size_t s0, size_t ns, size_t t0,
                       size_t nt)
{
	size_t *g = malloc((ns + 1) * sizeof *g), i, j = 0;
	double ts = x->ps[s0 + ns] - x->ps[s0], tt = x->pt[t0 + nt] - x->pt[t0];

	if (!g)
		return NULL;
	if (x->path1) {
		/* pass 2 follows pass 1's path */
		for (i = 0; i <= ns; i++) {
			size_t c = x->path1[s0 + i];
			g[i] = c < t0 ? 0 : c - t0 > nt ? nt : c - t0;
		}
		return g;
	}
	for (i = 0; i <= ns; i++) {
		double want = ts > 0 ? (x->ps[s0 + i] - x->ps[s0]) / ts * tt : 0;
		while (j < nt && x->pt[t0 + j + 1] - x->pt[t0] <= want)
			j++;
		g[i] = j;
	}
	g[ns] = nt;
	return g;
}

/* Aligns sources [s0, s0+ns) with targets [t0, t0+nt); appends the beads
 * (absolute indices) to *out. */
static tumen_status S_run(S_ctx *x, size_t s0, size_t ns, size_t t0, size_t nt,
                          tumen_bead **out, size_t *nout, size_t *cap)
{
	tumen_dp_opts dp;
	tumen_bead *b;
	size_t nb, k;
	tumen_status st;
	S_ctx x2;

	if (*nout + ns + nt > *cap) {
		size_t c = (*cap + ns + nt) * 2;
		tumen_bead *p = realloc(*out, c * sizeof *p);
		if (!p)
			return TUMEN_ENOMEM;
		*out = p;
		*cap = c;
	}
	if (!ns || !nt) {
		/* a paragraph with no counterpart: every sentence in a 1-0 or
		 * 0-1 bead */
		for (k = 0; k < ns + nt; k++) {
			tumen_bead e = { ns ? s0 + k : s0, ns ? 1 : 0,
			                 nt ? t0 + k : t0, nt ? 1 : 0, 1.0 };
			(*out)[(*nout)++] = e;
		}
		return TUMEN_OK;
	}
	memset(&dp, 0, sizeof dp);
	dp.types = S_types;
	dp.ntypes = NTYPES;
	dp.no_posteriors = x->pass0;
	dp.local_repair = x->local_repair;
	dp.temperature = x->w.temp;
	dp.cost_row = S_cost_row_fn(x);
	dp.guide = S_guide(x, s0, ns, t0, nt);
	dp.min_band = x->o->exact ? (size_t)-1 : x->band; /* -1: whole */
	dp.widths = x->widths ? x->widths + s0 : NULL;
	if (!dp.guide)
		return TUMEN_ENOMEM;
	x->i0 = s0;
	x->j0 = t0;
	if (x->cache2) {
		/* the second thread's context: its own caches */
		x2 = *x;
		x2.cache = x->cache2;
		x2.lm = x->lm2;
		dp.ctx2 = &x2;
	}
	st = tumen_dp_align(ns, nt, s0, t0, S_cost_of(x), x, &dp,
	                    &b, &nb);

	x->i0 = x->j0 = 0;
	free((size_t *)dp.guide);
	if (st)
		return st;
	memcpy(*out + *nout, b, nb * sizeof *b);
	*nout += nb;
	free(b);
	return TUMEN_OK;
}

/* Model 1 on fewer sure pairs than this learns co-occurrence, not
 * translation (and costs a short document a third of its time): below it
 * only identical words are lexical evidence.  With a dictionary the first
 * pass is better and even a few pairs help (news-dev 0.9871 -> 0.9908). */
#define LEARN_MIN 20

static tumen_status S_learn(S_ctx *x, const tumen_bead *b, size_t nb,
                            tumen_lexicon *lex)
{
	tumen_lex_pair *pairs = malloc((nb + 1) * sizeof *pairs);
	size_t k, n = 0;
	tumen_status st;

	if (!pairs)
		return TUMEN_ENOMEM;
	for (k = 0; k < nb; k++) {
		if (!b[k].nsrc || !b[k].ntgt || b[k].score < 0.5)
			continue;
		pairs[n].src = x->s->words + x->s->word_off[b[k].src];
		pairs[n].nsrc = x->s->word_off[b[k].src + b[k].nsrc] -
		                x->s->word_off[b[k].src];
		pairs[n].tgt = x->t->words + x->t->word_off[b[k].tgt];
		pairs[n].ntgt = x->t->word_off[b[k].tgt + b[k].ntgt] -
		                x->t->word_off[b[k].tgt];
		n++;
	}
	if (n < LEARN_MIN && !x->o->dict)
		st = TUMEN_OK;
	else
		st = tumen_lexicon_train(lex, pairs, n, x->w.thr, x->o->threads);
	free(pairs);
	return st;
}

static void S_expand_free(S_ctx *x)
{
	tumen_lexmatch_free(x->lm2);
	tumen_lexmatch_free(x->lm);
	x->lm = x->lm2 = NULL;
}

/* Applies the (frozen) lexicon to every sentence, once; with a fork for
 * the second thread when there is one. */
static tumen_status S_expand(S_ctx *x, const tumen_lexicon *lex)
{
	tumen_status st;

	S_expand_free(x);
	st = tumen_lexmatch_new(lex, x->s, x->t, x->o->threads, &x->lm);
	if (!st && x->cache2)
		st = tumen_lexmatch_fork(x->lm, &x->lm2);
	return st;
}

static void S_cache_clear(S_ctx *x)
{
	size_t k;

	for (k = 0; k < CACHE_ROWS * x->cols; k++) {
		x->cache[k].i = x->cache[k].j = (size_t)-1;
		if (x->cache2)
			x->cache2[k].i = x->cache2[k].j = (size_t)-1;
	}
}

/* The pair caches: a second one when the DP may use two threads (and
 * memory allows).  -1 when out of memory. */
static int S_cache_alloc(S_ctx *x)
{
	size_t n;

	for (x->cols = 1; x->cols < CACHE_COLS && x->cols < x->t->n + 1;)
		x->cols *= 2;
	n = CACHE_ROWS * x->cols;
	x->cache = malloc(n * sizeof *x->cache);
	x->cache2 = x->o->threads > 1 ? malloc(n * sizeof *x->cache2) : NULL;
	return x->cache ? 0 : -1;
}

static void S_cache_free(S_ctx *x)
{
	free(x->cache);
	free(x->cache2);
	x->cache = x->cache2 = NULL;
}

/* Paragraph p of a document spans sentences first[p] .. first[p+1]-1. */
static size_t *S_para_first(const tumen_doc *d)
{
	size_t i, np = tumen_doc_paragraphs(d), *first;

	first = malloc((np + 1) * sizeof *first);
	if (!first)
		return NULL;
	for (i = 0; i < d->n; i++)
		if (i == 0 || d->para[i] != d->para[i - 1])
			first[d->para[i]] = i;
	first[np] = d->n;
	return first;
}

/* Paragraph features: sums and unions of their sentences' features.  The
 * number and word pools are borrowed from the sentence features. */
static int S_para_feats(const tumen_feats *f, const size_t *first, size_t np,
                        tumen_feats *p)
{
	size_t k, i;

	memset(p, 0, sizeof *p);
	p->n = np;
	p->len = calloc(np + 1, sizeof *p->len);
	p->punct = calloc(np + 1, 1);
	p->num_off = malloc((np + 1) * sizeof *p->num_off);
	p->word_off = malloc((np + 1) * sizeof *p->word_off);
	p->name_off = malloc((np + 1) * sizeof *p->name_off);
	if (!p->len || !p->punct || !p->num_off || !p->word_off || !p->name_off)
		return -1;
	for (k = 0; k <= np; k++) {
		p->num_off[k] = f->num_off[first[k]];
		p->word_off[k] = f->word_off[first[k]];
		p->name_off[k] = f->name_off[first[k]];
		if (k == np)
			break;
		for (i = first[k]; i < first[k + 1]; i++)
			p->len[k] += f->len[i];
		p->punct[k] = f->punct[first[k + 1] - 1];
	}
	p->nums = f->nums;
	p->words = f->words;
	p->names = f->names;
	p->total_len = f->total_len;
	return 0;
}

static void S_para_feats_release(tumen_feats *p)
{
	free(p->len);
	free(p->punct);
	free(p->num_off);
	free(p->word_off);
	free(p->name_off);
}

static int S_cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* l: the n units' slices of v (offsets off), each cut to `cap` keys and
 * sorted.  -1 when out of memory. */
static int S_sort_slices(const uint32_t *v, const size_t *off, size_t n,
                         size_t cap, S_sorted *l)
{
	size_t i, k, total = 0;

	l->off = malloc((n + 1) * sizeof *l->off);
	for (i = 0; l->off && i < n; i++) {
		l->off[i] = total;
		k = off[i + 1] - off[i];
		total += k < cap ? k : cap;
	}
	l->v = l->off ? malloc((total ? total : 1) * sizeof *l->v) : NULL;
	if (!l->v) {
		free(l->off);
		l->off = NULL;
		return -1;
	}
	l->off[n] = total;
	for (i = 0; i < n; i++) {
		k = l->off[i + 1] - l->off[i];
		memcpy(l->v + l->off[i], v + off[i], k * sizeof *v);
		if (k > 1)
			qsort(l->v + l->off[i], k, sizeof *v, S_cmp_u32);
	}
	return 0;
}

static void S_sorted_release(S_ctx *x)
{
	S_sorted *l[4] = { &x->snum, &x->sname, &x->tnum, &x->tname };
	size_t k;

	for (k = 0; k < 4; k++) {
		free(l[k]->v);
		free(l[k]->off);
		l[k]->v = NULL;
		l[k]->off = NULL;
	}
}

/* x's sorted keys for S_pair(), from x->s and x->t.  -1 when out of
 * memory (nothing left allocated). */
static int S_sorted_build(S_ctx *x)
{
	const tumen_feats *s = x->s, *t = x->t;
	static const S_sorted none;

	x->snum = x->sname = x->tnum = x->tname = none;
	if (S_sort_slices(s->nums, s->num_off, s->n, (size_t)-1, &x->snum) ||
	    S_sort_slices(s->names, s->name_off, s->n, (size_t)-1, &x->sname) ||
	    S_sort_slices(t->nums, t->num_off, t->n, 64, &x->tnum) ||
	    S_sort_slices(t->names, t->name_off, t->n, 64, &x->tname)) {
		S_sorted_release(x);
		return -1;
	}
	return 0;
}

/* Pass 1's sentence path (path1: the column where it enters each source
 * sentence) as a paragraph guide: for each source paragraph boundary
 * fs[k], the target paragraph boundary ft[p] nearest to where the path
 * enters that sentence.  fs has nps + 1 entries, ft npt + 1 (the last is
 * the number of sentences).  NULL when out of memory. */
static size_t *S_para_guide(const size_t *path1, const size_t *fs, size_t nps,
                            const size_t *ft, size_t npt)
{
	size_t *g = malloc((nps + 1) * sizeof *g), k, lo, hi, mid, c;

	for (k = 0; g && k <= nps; k++) {
		c = path1[fs[k]];
		lo = 0;
		hi = npt; /* the first boundary at or after c, in [0, npt] */
		while (lo < hi) {
			mid = lo + (hi - lo) / 2;
			if (ft[mid] < c)
				lo = mid + 1;
			else
				hi = mid;
		}
		g[k] = lo > 0 && c - ft[lo - 1] < (ft[lo] > c ? ft[lo] - c : 0)
		           ? lo - 1 : lo;
	}
	return g;
}

/*
 * Aligns the paragraphs with the sentence-level length model, without the
 * lexicon, into *out (paragraph beads with their posteriors), and the
 * alignment's cost into *cost when cost is not NULL.  Fewer than two
 * paragraphs on a side give no beads.
 */
static tumen_status S_paragraphs(const S_ctx *x, const size_t *fs,
                                 const size_t *ft, size_t nps, size_t npt,
                                 tumen_bead **out, size_t *nout, double *cost)
{
	tumen_feats ps, pt;
	S_ctx px = *x;
	size_t cap = 0, k;
	tumen_status st = TUMEN_ENOMEM;

	*out = NULL;
	*nout = 0;
	if (cost)
		*cost = 0;
	memset(&ps, 0, sizeof ps);
	memset(&pt, 0, sizeof pt);
	if (nps < 2 || npt < 2)
		return TUMEN_OK;
	/* the band follows pass 1's path, read in paragraphs (the sentence
	 * path and its widths mean nothing here).  The guide's searches
	 * repair their path locally where it touches the band's edge:
	 * searching the whole band again up to 8 times was a second per
	 * 60,000 sentences of running text */
	px.widths = NULL;
	px.local_repair = x->para_guide;
	px.band = PASS1_BAND;
	px.path1 = x->path1 ? S_para_guide(x->path1, fs, nps, ft, npt) : NULL;
	if (x->path1 && !px.path1)
		return TUMEN_ENOMEM;
	if (!S_para_feats(x->s, fs, nps, &ps) && !S_para_feats(x->t, ft, npt, &pt)) {
		px.s = &ps;
		px.t = &pt;
		px.lex = NULL;
		px.ps = S_prefix(&ps);
		px.pt = S_prefix(&pt);
		if (px.ps && px.pt && !S_sorted_build(&px)) {
			/* the cache holds sentence pairs, or garbage: S_pair()
			 * must not take them for paragraph pairs, nor the
			 * sentence passes after this one the other way round */
			S_cache_clear(&px);
			st = S_run(&px, 0, nps, 0, npt, out, nout, &cap);
			for (k = 0; !st && cost && k < *nout; k++)
				*cost += S_cost_of(&px)(&px, (*out)[k].src, (*out)[k].tgt,
				                        (unsigned)(*out)[k].nsrc,
				                        (unsigned)(*out)[k].ntgt);
			S_cache_clear(&px);
			S_sorted_release(&px);
		}
		free(px.ps);
		free(px.pt);
	}
	S_para_feats_release(&ps);
	S_para_feats_release(&pt);
	free(px.path1);
	return st;
}

/*
 * Pass 2 between sure paragraph boundaries.  A boundary between two
 * paragraph beads is a cut when both beads are sure (posterior >=
 * PARA_SURE): sentences never cross it.  Where the paragraph structures
 * disagree the beads are unsure, and the sentences of the unsure stretch
 * are aligned together, so a wrong paragraph alignment never forces a
 * wrong sentence alignment.
 */
#define PARA_SURE 0.9
#define PARA_SLACK 3

/* Whether pass 1's sentence path (found without paragraphs) runs within
 * PARA_SLACK sentences of the paragraph boundary (s1, t1): a cut needs both
 * to agree, or the sentences between two cuts could be lopsided (hundreds
 * on one side, a few on the other) and their search far from any guide. */
static int S_on_path(const S_ctx *x, size_t s1, size_t t1)
{
	size_t c;

	if (!x->path1)
		return 1;
	c = x->path1[s1];
	return (c > t1 ? c - t1 : t1 - c) <= PARA_SLACK;
}

static tumen_status S_run_groups(S_ctx *x, const tumen_bead *pb, size_t npb,
                                 const size_t *fs, const size_t *ft,
                                 tumen_bead **out, size_t *nout, size_t *cap)
{
	size_t k, gs = 0, gt = 0, before, i;
	tumen_status st;

	for (k = 0; k < npb; k++) {
		size_t s1 = fs[pb[k].src + pb[k].nsrc], t1 = ft[pb[k].tgt + pb[k].ntgt];
		int sure = pb[k].score >= PARA_SURE &&
		           (k + 1 == npb || pb[k + 1].score >= PARA_SURE) &&
		           S_on_path(x, s1, t1);
		if (!sure)
			continue;
		before = *nout;
		if ((st = S_run(x, gs, s1 - gs, gt, t1 - gt, out, nout, cap)))
			return st;
		if (s1 == gs || t1 == gt) /* a paragraph without counterpart */
			for (i = before; i < *nout; i++)
				(*out)[i].score = pb[k].score;
		gs = s1;
		gt = t1;
	}
	if (gs < x->s->n || gt < x->t->n)
		return S_run(x, gs, x->s->n - gs, gt, x->t->n - gt, out, nout, cap);
	return TUMEN_OK;
}

static tumen_status S_pass2(S_ctx *x, const tumen_doc *sd, const tumen_doc *td,
                            tumen_bead **b, size_t *nb, size_t *cap)
{
	size_t *fs = NULL, *ft = NULL, npb = 0;
	tumen_bead *pb = NULL;
	tumen_status st = TUMEN_OK;

	if (x->o->paragraphs) {
		fs = S_para_first(sd);
		ft = S_para_first(td);
		if (!fs || !ft)
			st = TUMEN_ENOMEM;
		else
			st = S_paragraphs(x, fs, ft, tumen_doc_paragraphs(sd),
			                  tumen_doc_paragraphs(td), &pb, &npb, NULL);
	}
	if (!st && npb)
		st = S_run_groups(x, pb, npb, fs, ft, b, nb, cap);
	else if (!st)
		st = S_run(x, 0, x->s->n, 0, x->t->n, b, nb, cap);
	free(pb);
	free(fs);
	free(ft);
	return st;
}

/*
 * Posteriors say which alignment is best if the documents are parallel,
 * not whether they are.  Numbers, which survive translation, say that: in
 * parallel news most find their twin across a bead; in unrelated
 * documents almost none do.  With enough numbers to judge (PAR_MIN), a
 * low rate of twins scales every score down, so unrelated documents never
 * yield confident pairs.  Names can only speak for parallel documents:
 * capitalized words that are not names (God, Lord) have no twins even in
 * a faithful translation.  Without enough anchors there is no evidence
 * either way and the scores stand.
 */
#define PAR_MIN 8
#define PAR_RATE 0.3
static void S_judge_parallel(const S_ctx *x, tumen_alignment *al)
{
	size_t k, n[4] = { 0, 0, 0, 0 };
	double q = 1.0;

	for (k = 0; k < al->n; k++)
		S_anchor_counts(x, &al->beads[k], n);
	if (n[0] >= PAR_MIN)
		q = (double)n[1] / (double)n[0] / PAR_RATE;
	if (n[2] >= PAR_MIN && (double)n[3] / (double)n[2] / PAR_RATE > q)
		q = (double)n[3] / (double)n[2] / PAR_RATE;
	al->parallel = q < 1 ? q : 1;
	if (q >= 1)
		return;
	for (k = 0; k < al->n; k++)
		al->beads[k].score *= q;
}


/* The column at which the path (beads in order, whole document) enters
 * each row; rows a bead jumps over get its first column. */
static void S_path_rows(const tumen_bead *b, size_t nb, size_t *rows)
{
	size_t k, r;

	rows[0] = 0;
	for (k = 0; k < nb; k++) {
		for (r = b[k].src + 1; r < b[k].src + b[k].nsrc; r++)
			rows[r] = b[k].tgt;
		if (b[k].nsrc)
			rows[b[k].src + b[k].nsrc] = b[k].tgt + b[k].ntgt;
	}
}

/* Where pass 1 was unsure of its beads, pass 2 searches a wider band
 * around its path: UNSURE_BAND over UNSURE_BAND rows around each bead
 * scoring below UNSURE_SCORE. */
#define UNSURE_BAND 16
#define UNSURE_SCORE 0.9
static size_t *S_unsure_widths(const tumen_bead *b, size_t nb, size_t n)
{
	size_t *w = calloc(n + 1, sizeof *w), k, r, r0, r1;

	if (!w)
		return NULL;
	for (k = 0; k < nb; k++) {
		if (b[k].score >= UNSURE_SCORE)
			continue;
		r0 = b[k].src > UNSURE_BAND ? b[k].src - UNSURE_BAND : 0;
		r1 = b[k].src + b[k].nsrc + UNSURE_BAND;
		for (r = r0; r <= r1 && r <= n; r++)
			w[r] = UNSURE_BAND;
	}
	return w;
}

/* Prefix sums of block lengths: block k is sentences [kB, (k+1)B). */
static double *S_block_prefix(const double *p, size_t n, size_t bsz, size_t *nb)
{
	size_t k;
	double *q;

	*nb = (n + bsz - 1) / bsz;
	q = malloc((*nb + 1) * sizeof *q);
	if (!q)
		return NULL;
	for (k = 0; k <= *nb; k++)
		q[k] = p[k * bsz < n ? k * bsz : n];
	return q;
}

/* A guide through a bead of source rows [s0, s1) and target columns
 * [t0, t1): its rows spread evenly over its columns. */
static void S_spread(size_t *g, size_t s0, size_t s1, size_t t0, size_t t1)
{
	size_t i;

	for (i = s0; i < s1; i++)
		g[i] = t0 + (size_t)((double)(i - s0) * (double)(t1 - t0) /
		                     (double)(s1 - s0));
}

/*
 * A guide for long documents: the length-only alignment of blocks of
 * BLOCK sentences, spread back over the sentences.  The share-of-length
 * guide drifts by hundreds of sentences over a long document whose
 * translation is denser in some parts than others; the block path does
 * not.  Returns the column for each row (n + 1 entries), or NULL.
 */
#define BLOCK 16
static size_t *S_coarse_guide(const S_ctx *x)
{
	S_ctx bx = *x;
	size_t nbs, nbt, nb = 0, cap = 0, k, *g;
	tumen_bead *b = NULL;
	tumen_status st = TUMEN_ENOMEM;

	g = malloc((x->s->n + 1) * sizeof *g);
	bx.ps = S_block_prefix(x->ps, x->s->n, BLOCK, &nbs);
	bx.pt = S_block_prefix(x->pt, x->t->n, BLOCK, &nbt);
	bx.pass0 = 1;
	bx.path1 = NULL;
	bx.band = COARSE_BAND;
	/* a block's length varies BLOCK times more than a sentence's */
	bx.s2 = x->s2;
	if (g && bx.ps && bx.pt)
		st = S_run(&bx, 0, nbs, 0, nbt, &b, &nb, &cap);
	for (k = 0; !st && k < nb; k++) {
		size_t s0 = b[k].src * BLOCK, s1 = (b[k].src + b[k].nsrc) * BLOCK;
		size_t t0 = b[k].tgt * BLOCK, t1 = (b[k].tgt + b[k].ntgt) * BLOCK;
		if (s1 > x->s->n)
			s1 = x->s->n;
		if (t1 > x->t->n)
			t1 = x->t->n;
		S_spread(g, s0, s1, t0, t1);
	}
	if (!st)
		g[x->s->n] = x->t->n;
	free(b);
	free(bx.ps);
	free(bx.pt);
	if (st) {
		free(g);
		return NULL;
	}
	return g;
}

/*
 * A guide for long documents with paragraphs on both sides: the paragraph
 * alignment (S_paragraphs: length and anchors of whole paragraphs, around
 * their proportional diagonal), each paragraph bead's sentences spread
 * evenly over its target sentences.  Paragraphs are a far steadier signal
 * than blocks of sentences when the two sides segment differently (a
 * block of 16 sentences covers unequal text on each side).  NULL when a
 * side has fewer than two paragraphs or out of memory (the caller falls
 * back to S_coarse_guide).
 */
static size_t *S_para_coarse_guide(const S_ctx *x, const tumen_doc *sd,
                                   const tumen_doc *td)
{
	size_t nps = tumen_doc_paragraphs(sd), npt = tumen_doc_paragraphs(td);
	size_t *fs = NULL, *ft = NULL, *g = NULL, *gc = NULL, npb = 0, npc = 0, k;
	tumen_bead *pb = NULL, *pc = NULL;
	double cost = 0, costc = HUGE_VAL;
	S_ctx lx = *x;

	if (nps < 2 || npt < 2)
		return NULL;
	/* length alone: anchors shared by many paragraphs (names of a long
	 * text) lead it astray.  A paragraph left out costs its length, as if
	 * aligned with nothing: where the length ratio drifts and paragraphs
	 * are alike, leaving out a few at the price of a sentence's omission
	 * would let the path slide by a few paragraphs for hundreds */
	lx.pass0 = 1;
	lx.para_guide = 1;
	fs = S_para_first(sd);
	ft = S_para_first(td);
	g = malloc((x->s->n + 1) * sizeof *g);
	gc = malloc((x->s->n + 1) * sizeof *gc);
	if (!fs || !ft || !g || !gc ||
	    S_paragraphs(&lx, fs, ft, nps, npt, &pb, &npb, &cost) || !npb)
		goto fail;
	/* The band follows the lengths' diagonal, and where the length ratio
	 * drifts for long (a translator's habits change from chapter to
	 * chapter) the best path can leave it by more than the band can be
	 * widened: the path found then runs along a wrong stretch without
	 * touching the band's edge.  The paragraphs' own diagonal is a second
	 * guide (right wherever the paragraphs correspond one to one); the
	 * cheaper of the two alignments is the guide. */
	for (k = 0; k < nps; k++)
		S_spread(gc, fs[k], fs[k + 1], ft[k * npt / nps], ft[(k + 1) * npt / nps]);
	gc[x->s->n] = x->t->n;
	lx.path1 = gc;
	if (S_paragraphs(&lx, fs, ft, nps, npt, &pc, &npc, &costc))
		goto fail;
	if (npc && costc < cost) {
		free(pb);
		pb = pc;
		npb = npc;
		pc = NULL;
	}
	for (k = 0; k < npb; k++)
		S_spread(g, fs[pb[k].src], fs[pb[k].src + pb[k].nsrc],
		         ft[pb[k].tgt], ft[pb[k].tgt + pb[k].ntgt]);
	g[x->s->n] = x->t->n;
	goto out;
fail:
	free(g);
	g = NULL;
out:
	free(pb);
	free(pc);
	free(gc);
	free(fs);
	free(ft);
	return g;
}

static tumen_status S_align_feats(S_ctx *x, const tumen_doc *sd,
                                  const tumen_doc *td, tumen_alignment *al)
{
	tumen_bead *b = NULL;
	size_t nb = 0, cap = 0;
	tumen_lexicon *lex = tumen_lexicon_new();
	tumen_status st;

	if (!lex || S_cache_alloc(x)) {
		tumen_lexicon_free(lex);
		S_cache_free(x);
		return TUMEN_ENOMEM;
	}
	/* pass 0, on long documents: length alone, cheap, in a wide band
	 * around a path found on blocks of sentences, to find where pass 1
	 * should look */
	if (x->s->n > PASS0_MIN && x->t->n > PASS0_MIN && !x->o->exact) {
		x->path1 = x->o->paragraphs ? S_para_coarse_guide(x, sd, td) : NULL;
		if (!x->path1)
			x->path1 = S_coarse_guide(x);
		if (!x->path1) {
			tumen_lexicon_free(lex);
			S_cache_free(x);
			return TUMEN_ENOMEM;
		}
		x->pass0 = 1;
		x->band = PASS0_BAND;
		st = S_run(x, 0, x->s->n, 0, x->t->n, &b, &nb, &cap);
		x->pass0 = 0;
		x->band = PASS1_BAND;
		if (st) {
			free(b);
			free(x->path1);
			x->path1 = NULL;
			tumen_lexicon_free(lex);
			S_cache_free(x);
			return st;
		}
		S_path_rows(b, nb, x->path1); /* pass 0's path replaces the guide */
		nb = 0;
	}
	/* pass 1: length and anchors, and a dictionary's words if given */
	x->lex = NULL;
	S_cache_clear(x);
	st = x->o->dict ? tumen_dict_apply(x->o->dict, x->s, x->t, lex) : TUMEN_OK;
	if (!st)
		st = tumen_lexicon_freeze(lex);
	tumen_lexicon_pairs_only(lex, 1); /* cheap: the dictionary alone */
	if (!st)
		st = S_expand(x, lex);
	tumen_lexicon_pairs_only(lex, 0);
	if (x->o->dict)
		x->lex = lex;
	/* pass 1 only guides pass 2: where pass 0's path was wrong it is
	 * searched again locally; pass 2 searches its whole band again */
	x->local_repair = x->path1 != NULL;
	if (!st)
		st = S_run(x, 0, x->s->n, 0, x->t->n, &b, &nb, &cap);
	x->local_repair = 0;
	if (!st && (x->path1 || (x->path1 = malloc((x->s->n + 1) * sizeof *x->path1))) &&
	    (x->widths = S_unsure_widths(b, nb, x->s->n))) {
		S_path_rows(b, nb, x->path1);
		x->band = PASS2_BAND;
	} else if (!st) {
		st = TUMEN_ENOMEM;
	}
	if (!st) {
		S_reestimate(x, b, nb);
		if (x->o->lexicon)
			st = S_learn(x, b, nb, lex);
		if (!st)
			st = tumen_lexicon_freeze(lex);
	}
	nb = 0;
	if (!st)
		st = S_expand(x, lex);
	if (!st) {
		x->lex = x->o->identical || x->o->lexicon || x->o->dict ? lex : NULL;
		S_cache_clear(x);
		st = S_pass2(x, sd, td, &b, &nb, &cap);
	}
	x->lex = NULL;
	tumen_lexicon_free(lex);
	S_expand_free(x);
	S_cache_free(x);
	free(x->path1);
	x->path1 = NULL;
	free(x->widths);
	x->widths = NULL;
	if (st) {
		free(b);
		return st;
	}
	al->beads = b;
	al->n = nb;
	S_judge_parallel(x, al);
	return TUMEN_OK;
}

/* The features of sentences [i0, i1) of a document. */
typedef struct {
	const tumen_doc *doc;
	size_t i0, i1;
	int stems;
	tumen_feats f;
	tumen_status st;
} S_part;

/* Two parts, one after the other (a thread's share). */
static void S_parts_run(void *arg)
{
	S_part **p = arg;
	int k;

	for (k = 0; k < 2; k++)
		p[k]->st = tumen_feats_build_part(p[k]->doc, p[k]->i0, p[k]->i1,
		                                  p[k]->stems, &p[k]->f);
}

/* The features of both documents, with the stems a dictionary needs when
 * `dict` is set.  With threads > 1 each thread computes half of each
 * document (the sides differ in cost: Persian words all get name keys),
 * and the halves are joined. */
static tumen_status S_feats(const tumen_doc *src, const tumen_doc *tgt,
                            int threads, int dict, tumen_feats *fs,
                            tumen_feats *ft)
{
	size_t ns = tumen_doc_count(src), nt = tumen_doc_count(tgt);
	S_part p[4] = {
		{ src, 0, ns / 2, dict, { 0 }, TUMEN_OK },
		{ tgt, nt / 2, nt, dict, { 0 }, TUMEN_OK },
		{ tgt, 0, nt / 2, dict, { 0 }, TUMEN_OK },
		{ src, ns / 2, ns, dict, { 0 }, TUMEN_OK },
	};
	S_part *mine[2] = { &p[0], &p[1] }, *other[2] = { &p[2], &p[3] };
	tumen_status st = TUMEN_OK;
	int k;

	tumen_par2(threads, S_parts_run, mine, S_parts_run, other);
	for (k = 0; k < 4; k++)
		if (!st)
			st = p[k].st;
	if (!st && !(st = tumen_feats_join(&p[0].f, &p[3].f)))
		st = tumen_feats_join(&p[2].f, &p[1].f);
	for (k = 0; k < 4; k++)
		if (st || (k != 0 && k != 2))
			tumen_feats_release(&p[k].f); /* released twice: harmless */
	if (st)
		return st;
	*fs = p[0].f;
	*ft = p[2].f;
	return TUMEN_OK;
}

tumen_status tumen_align(const tumen_doc *src, const tumen_doc *tgt,
                         const tumen_align_opts *o, tumen_alignment **out)
{
	tumen_align_opts defaults;
	tumen_feats fs, ft;
	tumen_alignment *al;
	S_ctx x;
	size_t k;
	tumen_status st;

	*out = NULL;
	if (!o) {
		tumen_align_opts_init(&defaults);
		o = &defaults;
	}
	al = calloc(1, sizeof *al);
	if (!al)
		return TUMEN_ENOMEM;
	
	if ((st = S_feats(src, tgt, o->threads, o->dict != NULL, &fs, &ft))) {
		free(al);
		return st;
	}
	memset(&x, 0, sizeof x);
	x.s = &fs;
	x.t = &ft;
	x.o = o;
	x.w = S_default_weights;
	for (k = 0; k < NTYPES; k++)
		x.logprior[k] = -log(S_prior[k]);
	pthread_once(&S_ltab_once, S_ltab_fill);
	x.ps = S_prefix(&fs);
	x.pt = S_prefix(&ft);
	x.c = fs.total_len > 0 && ft.total_len > 0 ? ft.total_len / fs.total_len : 1;
	x.s2 = 6.8 * x.c;
	st = x.ps && x.pt && !S_sorted_build(&x) ? S_align_feats(&x, src, tgt, al)
	                                         : TUMEN_ENOMEM;
	S_sorted_release(&x);
	free(x.ps);
	free(x.pt);
	tumen_feats_release(&fs);
	tumen_feats_release(&ft);
	if (st) {
		tumen_alignment_free(al);
		return st;
	}
	*out = al;
	return TUMEN_OK;
}

void tumen_alignment_free(tumen_alignment *a)
{
	if (!a)
		return;
	free(a->beads);
	free(a);
}

size_t tumen_alignment_count(const tumen_alignment *a) { return a->n; }

double tumen_alignment_parallel(const tumen_alignment *a) { return a->parallel; }

const tumen_bead *tumen_alignment_bead(const tumen_alignment *a, size_t i)
{
	return &a->beads[i];
}
