/*
 * cost.c - the cost of a bead (see cost.h): length, anchors, lexical
 * evidence, a bead or a row of beads at a time; the pair cache and the
 * sorted anchor keys it reads.
 */
#include "config.h"

#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "align_internal.h"
#include "cost.h"
#include "par.h"
#include "sort32.h"
#include "popcount.h"

#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
#include <immintrin.h>
#define S_HAVE_AVX 1 /* S_len_row_avx, when the processor has AVX */
#endif

/* Forced inlining: the bead cost's loops over its sentences unroll when
 * its shape is a constant (S_row). */
#if defined(__GNUC__)
#define S_INLINE __attribute__((always_inline)) inline
#else
#define S_INLINE inline
#endif

/* The list of feature `pool` of sentences [i, i+n): pointer and length. */
#define S_LIST(f, pool, off, i, n) ((f)->pool + (f)->off[i]), \
	((f)->off[(i) + (n)] - (f)->off[i])

/* Bead shapes and their prior probabilities (Gale and Church's, with 1-3
 * and 3-1 added; each pair of mirror shapes shares its mass). */
const unsigned char tumen_cost_types[TUMEN_COST_NTYPES][2] = {
	{ 1, 1 }, { 1, 0 }, { 0, 1 }, { 2, 1 }, { 1, 2 }, { 2, 2 }, { 3, 1 }, { 1, 3 },
};
static const double S_prior[TUMEN_COST_NTYPES] = {
	0.89, 0.005, 0.005, 0.0445, 0.0445, 0.0005, 0.0005, 0.0005,
};

static const tumen_cost_weights S_default_weights = {
	1.0, 1.5, 1.5, 0.0, 1.0, 0.2, 0.3, 0.5, 6.0, 2.0, 0.05, 3.0,
};

#define ZMAX 48.0
#define ZSTEPS 9600

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
 * forces a wrong merge.  ln and lw are the narrow and the wide part's
 * log-masses, -log(1 - tail_w) and -log(tail_w). */
static double S_mix_cost_of(double z, double tail_k, double ln, double lw)
{
	double narrow = S_tail_cost(z) + ln, wide = S_tail_cost(z / tail_k) + lw;

	/* -log(exp(-narrow) + exp(-wide)) */
	return narrow < wide ? narrow - log1p(exp(narrow - wide))
	                     : wide - log1p(exp(wide - narrow));
}

/* The same for weights w. */
static double S_mix_cost(const tumen_cost_weights *w, double z)
{
	if (w->tail_w <= 0)
		return S_tail_cost(z);
	return S_mix_cost_of(z, w->tail_k, log(1 / (1 - w->tail_w)),
	                     log(1 / w->tail_w));
}

/* The cost is a smooth function of |z|: tabulated and interpolated, since
 * the DP asks for it millions of times.  The weights are constant, so the
 * table is filled once per process (tumen_cost_init), in LTAB_PARTS parts
 * that the threads calling it take in turn: a millisecond of a short
 * document's start-up, which the first thread done with its features
 * filled alone while the other waited. */
#define LTAB_PARTS 16
static double S_ltab[ZSTEPS + 1];
static atomic_int S_ltab_next; /* the next part to take */
static atomic_int S_ltab_done; /* the parts filled */
static pthread_once_t S_cpu_once = PTHREAD_ONCE_INIT;
static int S_avx;      /* S_len_row_avx may run (S_cpu) */
static int S_popcnt;   /* the processor counts bits (S_cpu) */
static int S_simd = 1; /* tumen_align_simd() */
static size_t S_cols0 = TUMEN_CACHE_COLS0; /* tumen_align_cache_cols() */

static void S_cpu(void)
{
#ifdef S_HAVE_AVX
	__builtin_cpu_init();
	S_avx = __builtin_cpu_supports("avx");
	S_popcnt = __builtin_cpu_supports("popcnt");
#endif
}

/* Part p of the table. */
static void S_ltab_part(int p)
{
	const tumen_cost_weights *w = &S_default_weights;
	double ln = log(1 / (1 - w->tail_w)), lw = log(1 / w->tail_w);
	size_t k = (size_t)p * (ZSTEPS + 1) / LTAB_PARTS;
	size_t end = (size_t)(p + 1) * (ZSTEPS + 1) / LTAB_PARTS;

	for (; k < end; k++)
		S_ltab[k] = S_mix_cost_of((double)k * ZMAX / ZSTEPS, w->tail_k,
		                          ln, lw);
}

/* The length cost of a standardized difference z (S_ltab interpolated). */
static double S_len_tail(const tumen_aligner *x, double z)
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

static double S_len_cost(const tumen_aligner *x, double ls, double lt)
{
	double mean, z;

	mean = (ls + lt / x->c) / 2;
	if (mean < 1)
		mean = 1;
	z = fabs(lt - x->c * ls) / sqrt(x->s2 * mean);
	return S_len_tail(x, z);
}

#define S_ROW 64 /* cells of a row whose length costs come together */

#ifdef S_HAVE_AVX
/* S_len_row's work four cells at a time: lt from the prefix sums, z and
 * the table's interpolation as S_len_cost and S_len_tail (a z beyond the
 * table sends its four to S_len_tail), then the prior added.  Division,
 * square root and the rest are the same operations in the same order (and
 * no fused multiply-add), so the same bits; lt / c comes from lc (x's
 * ltc) when given, the same quotients worked out once.  Returns the cells
 * done (a multiple of 4). */
__attribute__((target("avx"))) static size_t
S_len_row_avx(const tumen_aligner *x, double ls, const double *p0,
              const double *p1, const double *lc, size_t n, double prior,
              double *out)
{
	const __m256d c = _mm256_set1_pd(x->c), s2 = _mm256_set1_pd(x->s2);
	const __m256d vls = _mm256_set1_pd(ls), cls = _mm256_set1_pd(x->c * ls);
	const __m256d one = _mm256_set1_pd(1), two = _mm256_set1_pd(2);
	const __m256d abs =
	        _mm256_castsi256_pd(_mm256_set1_epi64x(0x7fffffffffffffffLL));
	const __m256d zmax = _mm256_set1_pd(ZMAX);
	const __m256d steps = _mm256_set1_pd(ZSTEPS / ZMAX);
	const __m256d pr = _mm256_set1_pd(prior);
	size_t k, q;

	for (k = 0; k + 4 <= n; k += 4) {
		__m256d t = _mm256_sub_pd(_mm256_loadu_pd(p1 + k),
		                          _mm256_loadu_pd(p0 + k));
		/* lt / c: from the table lc where there is one */
		__m256d mean = _mm256_add_pd(vls, lc ? _mm256_loadu_pd(lc + k)
		                                     : _mm256_div_pd(t, c));
		mean = _mm256_div_pd(mean, two);
		__m256d d = _mm256_and_pd(_mm256_sub_pd(t, cls), abs);
		__m256d z, pos, f, t0, t1;
		__m128i ki;
		int32_t kk[4];
		mean = _mm256_max_pd(mean, one); /* mean if > 1, else 1 */
		z = _mm256_div_pd(d, _mm256_sqrt_pd(_mm256_mul_pd(s2, mean)));
		if (_mm256_movemask_pd(_mm256_cmp_pd(z, zmax, _CMP_GE_OQ))) {
			double zz[4];
			_mm256_storeu_pd(zz, z);
			for (q = 0; q < 4; q++)
				out[k + q] = prior + S_len_tail(x, zz[q]);
			continue;
		}
		pos = _mm256_mul_pd(z, steps);
		ki = _mm256_cvttpd_epi32(pos);
		f = _mm256_sub_pd(pos, _mm256_cvtepi32_pd(ki));
		_mm_storeu_si128((__m128i *)kk, ki);
		t0 = _mm256_set_pd(S_ltab[kk[3]], S_ltab[kk[2]], S_ltab[kk[1]],
		                   S_ltab[kk[0]]);
		t1 = _mm256_set_pd(S_ltab[kk[3] + 1], S_ltab[kk[2] + 1],
		                   S_ltab[kk[1] + 1], S_ltab[kk[0] + 1]);
		t0 = _mm256_add_pd(t0, _mm256_mul_pd(f, _mm256_sub_pd(t1, t0)));
		_mm256_storeu_pd(out + k, _mm256_add_pd(pr, t0));
	}
	return k;
}
#endif

void tumen_align_simd(int on)
{
	S_simd = on;
}

/* The columns of a pair cache for n of them: the power of two at least n,
 * at most TUMEN_CACHE_COLS. */
static size_t S_cols_for(size_t n)
{
	size_t c = 1;

	while (c < TUMEN_CACHE_COLS && c < n)
		c *= 2;
	return c;
}

void tumen_align_cache_cols(size_t cols)
{
	S_cols0 = cols ? S_cols_for(cols) : TUMEN_CACHE_COLS0;
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
S_INLINE static double S_num_cost(const tumen_cost_weights *w, size_t ns,
                                   size_t nt, size_t common)
{
	double cost;

	if (!ns && !nt)
		return 0;
	if (common > ns)
		common = ns;
	if (common > nt)
		common = nt;
	cost = w->w_miss * (double)(ns + nt - 2 * common) -
	       w->w_num * (double)common;
	if (cost > w->num_cap)
		cost = w->num_cap;
	if (cost < -w->num_cap)
		cost = -w->num_cap;
	return cost;
}

/* Anchors of a bead, for S_judge_parallel: n[0] numbers of both sides
 * and n[1] of them with a twin; n[2] names of the side with fewer (Persian
 * gives every word a name key, English only capitalized words) and n[3]
 * of them with a twin. */
void tumen_cost_anchor_counts(const tumen_aligner *x, const tumen_bead *b,
                              size_t n[4])
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

/* Bits set in v: the processor's instruction where hw (inlined into a
 * function compiled for it: S_row_popcnt), else tumen_popcount64's
 * shifts. */
S_INLINE static unsigned S_count(uint64_t v, int hw)
{
	return hw ? (unsigned)__builtin_popcountll(v) : tumen_popcount64(v);
}

/* What the beads of one row and shape share: the options, weights and
 * arrays they read, and their source sentences' anchors, punctuation and
 * words, read once.  The pair cache's fills are calls the compiler cannot
 * see into, after which it would read all of it again at every bead. */
typedef struct {
	const tumen_aligner *x;
	tumen_pairmask *cache;
	size_t cols;
	int numbers, names, punctuation, lex;
	tumen_cost_weights w;
	const size_t *tnum_off, *tname_off, *tword_off;
	const uint8_t *tpunct;
	size_t snum;                  /* the source sentences' numbers */
	size_t snum_lim[3], sname_lim[3]; /* each one's */
	int snames;                   /* whether they have names */
	uint8_t spunct_last;          /* the last one's punctuation */
	unsigned spunct;              /* their '?' and '!' */
	size_t swords;                /* their words, at most 64 each */
} S_rowc;

static size_t S_nwords(const size_t *word_off, size_t i)
{
	size_t n = word_off[i + 1] - word_off[i];

	return n > 64 ? 64 : n;
}

#define S_QE (TUMEN_P_QUESTION | TUMEN_P_EXCLAIM)

/* The row constants of the beads of source sentences [i, i + a). */
S_INLINE static void S_rowc_init(S_rowc *r, const tumen_aligner *x, size_t i,
                                 unsigned a)
{
	const tumen_feats *s = x->s;
	unsigned p;

	r->x = x;
	r->cache = x->cache->e;
	r->cols = x->cache->cols;
	r->numbers = x->o->numbers;
	r->names = x->o->names;
	r->punctuation = x->o->punctuation;
	r->lex = x->lex;
	r->w = x->w;
	r->tnum_off = x->t->num_off;
	r->tname_off = x->t->name_off;
	r->tword_off = x->t->word_off;
	r->tpunct = x->t->punct;
	r->snum = s->num_off[i + a] - s->num_off[i];
	r->snames = s->name_off[i + a] != s->name_off[i];
	r->spunct_last = a ? s->punct[i + a - 1] : 0;
	r->spunct = 0;
	r->swords = 0;
	for (p = 0; p < a && p < 3; p++) {
		r->snum_lim[p] = s->num_off[i + p + 1] - s->num_off[i + p];
		r->sname_lim[p] = s->name_off[i + p + 1] - s->name_off[i + p];
		r->spunct |= s->punct[i + p] & S_QE;
		r->swords += S_nwords(s->word_off, i + p);
	}
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

/* What sentences i and j share, into cache entry m (S_pair's miss). */
static __attribute__((noinline)) void S_pair_fill(const tumen_aligner *x,
                                                  tumen_pairmask *m, size_t i,
                                                  size_t j)
{
	m->i = i;
	m->j = j;
	m->smask = m->tmask = 0;
	if (x->lex)
		tumen_lexmatch_pair(x->lm, i, j, &m->smask, &m->tmask);
	m->nums = (uint16_t)S_merge_count(S_SLICE(x->snum, i),
	                                  S_SLICE(x->tnum, j));
	m->names = (uint16_t)S_merge_count(S_SLICE(x->sname, i),
	                                   S_SLICE(x->tname, j));
}

/* What one source and one target sentence share, computed once. */
S_INLINE static const tumen_pairmask *S_pair(const S_rowc *r, size_t i,
                                             size_t j)
{
	size_t at = (i % TUMEN_CACHE_ROWS) * r->cols + (j & (r->cols - 1));
	tumen_pairmask *m = &r->cache[at];

	if (m->i != i || m->j != j)
		S_pair_fill(r->x, m, i, j);
	return m;
}

/* The words of bead (i, a, j, b) (at most 64 a sentence) into *words, and
 * into *covered those with a partner across it: the bits of each source
 * sentence's or_s[p] and each target sentence's or_t[q]. */
S_INLINE static void S_lex_counts(const S_rowc *r, unsigned a, size_t j,
                                  unsigned b, const uint64_t *or_s,
                                  const uint64_t *or_t, int hw,
                                  double *covered, double *words)
{
	size_t c = 0, w = r->swords;
	unsigned p, q;

	for (p = 0; p < a; p++)
		c += S_count(or_s[p], hw);
	for (q = 0; q < b; q++) {
		c += S_count(or_t[q], hw);
		w += S_nwords(r->tword_off, j + q);
	}
	*covered = (double)c;
	*words = (double)w;
}

double tumen_cost_lex_share(const tumen_aligner *x, size_t i, unsigned a,
                            size_t j, unsigned b, const uint64_t *or_s,
                            const uint64_t *or_t)
{
	S_rowc r;
	double covered, words;

	S_rowc_init(&r, x, i, a);
	S_lex_counts(&r, a, j, b, or_s, or_t, 0, &covered, &words);
	return words > 0 ? covered / words : -1;
}

/* Index of each bead shape in S_types, by (a, b). */
static const signed char S_shape[4][4] = {
	{ -1, 2, -1, -1 }, { 1, 0, 4, 7 }, { -1, 3, 5, -1 }, { -1, 6, -1, -1 },
};

/* Twins shared by a bead, from its sentence pairs' counts c[p][q]: each
 * sentence's anchors count at most once (a name repeated in two target
 * sentences must not reward merging them). */
S_INLINE static size_t S_shared(const S_rowc *r, unsigned a, size_t j,
                                unsigned b, const uint16_t c[3][3],
                                int names)
{
	const size_t *toff = names ? r->tname_off : r->tnum_off;
	size_t cs = 0, ct = 0, sum, lim;
	unsigned p, q;

	for (p = 0; p < a; p++) {
		for (sum = 0, q = 0; q < b; q++)
			sum += c[p][q];
		lim = names ? r->sname_lim[p] : r->snum_lim[p];
		cs += sum < lim ? sum : lim;
	}
	for (q = 0; q < b; q++) {
		for (sum = 0, p = 0; p < a; p++)
			sum += c[p][q];
		lim = toff[j + q + 1] - toff[j + q];
		ct += sum < lim ? sum : lim;
	}
	return cs < ct ? cs : ct;
}

/* '?' and '!': the same at the end of both sides is evidence for a bead,
 * one side's alone against it. */
S_INLINE static double S_punct_cost(const S_rowc *r, size_t j, unsigned b)
{
	unsigned ps = r->spunct, pt = 0, k, cost = 0;

	for (k = 0; k < b; k++)
		pt |= r->tpunct[j + k] & S_QE;
	if ((ps ^ pt) & TUMEN_P_QUESTION)
		cost += 2;
	if ((ps ^ pt) & TUMEN_P_EXCLAIM)
		cost += 1;
	if (ps & pt & TUMEN_P_QUESTION)
		return -r->w.w_punct * 0.5;
	return r->w.w_punct * cost / 2.0;
}

/* The cost of a bead with both sides, from the cost so far (its prior and
 * length cost); i and j are sentence indices, r the row's (S_rowc_init for
 * i and a). */
S_INLINE static double S_cost_rest(const S_rowc *r, size_t i, size_t j,
                                   unsigned a, unsigned b, double cost,
                                   int hw)
{
	uint64_t or_s[3] = { 0, 0, 0 }, or_t[3] = { 0, 0, 0 };
	uint16_t nums[3][3], names[3][3];
	size_t n;
	unsigned p, q;

	for (p = 0; p < a; p++)
		for (q = 0; q < b; q++) {
			const tumen_pairmask *m = S_pair(r, i + p, j + q);
			or_s[p] |= m->smask;
			or_t[q] |= m->tmask;
			nums[p][q] = m->nums;
			names[p][q] = m->names;
		}
	/* twins only where both sides have anchors */
	if (r->numbers) {
		n = r->tnum_off[j + b] - r->tnum_off[j];
		cost += S_num_cost(&r->w, r->snum, n,
		                   r->snum && n ? S_shared(r, a, j, b, nums, 0)
		                                : 0);
	}
	if (r->names && r->snames && r->tname_off[j + b] != r->tname_off[j]) {
		n = S_shared(r, a, j, b, names, 1);
		cost -= r->w.w_name * (double)(n < 4 ? n : 4);
	}
	if (r->punctuation) {
		/* whether the last sentences carry a sign varies from bead to
		 * bead: the cost is worked out either way and kept by a mask
		 * (a cost is never -0, so adding +0 leaves it as it was) */
		double pc = S_punct_cost(r, j, b);
		uint64_t bits, keep = -(uint64_t)((r->spunct_last |
		                                   r->tpunct[j + b - 1]) != 0);
		memcpy(&bits, &pc, sizeof bits);
		bits &= keep;
		memcpy(&pc, &bits, sizeof pc);
		cost += pc;
	}
	if (r->lex) {
		double covered, words;
		S_lex_counts(r, a, j, b, or_s, or_t, hw, &covered, &words);
		cost += -r->w.w_lex * (covered - r->w.base * words) / 10.0;
	}
	return cost;
}

/* The length costs of the beads (i, j, a, b), j = j0 .. j0 + n - 1 (n <=
 * S_ROW; sentence indices), each after `prior`, into out. */
static void S_len_row(const tumen_aligner *x, size_t i, size_t j0, size_t n,
                      unsigned a, unsigned b, double prior, double *out)
{
	double ls = x->ps[i + a] - x->ps[i];
	size_t k = 0;

#ifdef S_HAVE_AVX
	if (S_avx && S_simd) {
		const double *q = b >= 1 && b <= 3 && x->ltc &&
		                          x->ltc_pt == x->pt && x->ltc_c == x->c
		                      ? x->ltc + (b - 1) * (x->t->n + 1) + j0
		                      : NULL;
		k = S_len_row_avx(x, ls, x->pt + j0, x->pt + j0 + b, q, n,
		                  prior, out);
	}
#endif
	for (; k < n; k++) /* the rest one by one */
		out[k] = prior +
		         S_len_cost(x, ls, x->pt[j0 + k + b] - x->pt[j0 + k]);
}

/* S_row's full costs for one shape (a, b), a constant where inlined. */
S_INLINE static void S_row_full(const tumen_aligner *x, size_t i, size_t j0,
                                size_t j1, unsigned a, unsigned b,
                                double prior, double *out, size_t stride,
                                int hw)
{
	double c[S_ROW];
	size_t j, k, n;
	S_rowc r;

	S_rowc_init(&r, x, i, a);
	for (j = j0; j <= j1; j += n) {
		n = j1 - j + 1 < S_ROW ? j1 - j + 1 : S_ROW;
		S_len_row(x, i, j, n, a, b, prior, c);
		for (k = 0; k < n; k++)
			out[(j - j0 + k) * stride] =
			        S_cost_rest(&r, i, j + k, a, b, c[k], hw);
	}
}

/* S_row_full with each shape's loops unrolled. */
S_INLINE static void S_row_shapes(const tumen_aligner *x, size_t i,
                                  size_t j0, size_t j1, unsigned a,
                                  unsigned b, double prior, double *out,
                                  size_t stride, int hw)
{
	switch (a * 4 + b) {
#define S_SHAPE(A, B) case A * 4 + B: \
	S_row_full(x, i, j0, j1, A, B, prior, out, stride, hw); return;
	S_SHAPE(1, 1)
	S_SHAPE(2, 1)
	S_SHAPE(1, 2)
	S_SHAPE(2, 2)
	S_SHAPE(3, 1)
	S_SHAPE(1, 3)
#undef S_SHAPE
	default:
		S_row_full(x, i, j0, j1, a, b, prior, out, stride, hw);
	}
}

static void S_row_plain(const tumen_aligner *x, size_t i, size_t j0,
                        size_t j1, unsigned a, unsigned b, double prior,
                        double *out, size_t stride)
{
	S_row_shapes(x, i, j0, j1, a, b, prior, out, stride, 0);
}

#ifdef S_HAVE_AVX
/* The same, compiled to count bits with the processor's instruction. */
__attribute__((target("popcnt"))) static void
S_row_popcnt(const tumen_aligner *x, size_t i, size_t j0, size_t j1,
             unsigned a, unsigned b, double prior, double *out, size_t stride)
{
	S_row_shapes(x, i, j0, j1, a, b, prior, out, stride, 1);
}
#endif

/* The cost of the beads (i, j, a, b), j = j0 .. j1 (dp.h's tumen_cost_fn;
 * indices relative to x->i0, x->j0): `full`, everything (S_cost_rest);
 * otherwise length and prior alone, pass 0's, which finds the guide for
 * pass 1.  The length costs of a row come together (S_len_row). */
static void S_row(const tumen_aligner *x, int full, size_t i, size_t j0,
                  size_t j1, unsigned a, unsigned b, double *out, size_t stride)
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
	if (full) {
#ifdef S_HAVE_AVX
		if (S_popcnt && S_simd) {
			S_row_popcnt(x, i, j0, j1, a, b, prior, out, stride);
			return;
		}
#endif
		S_row_plain(x, i, j0, j1, a, b, prior, out, stride);
		return;
	}
	for (j = j0; j <= j1; j += n) {
		n = j1 - j + 1 < S_ROW ? j1 - j + 1 : S_ROW;
		S_len_row(x, i, j, n, a, b, prior, c);
		for (k = 0; k < n; k++)
			out[(j - j0 + k) * stride] = c[k];
	}
}

/* Empties cache c. */
static void S_cache_empty(tumen_paircache *c)
{
	size_t k;

	for (k = 0; k < TUMEN_CACHE_ROWS * c->cols; k++)
		c->e[k].i = c->e[k].j = (size_t)-1;
}

/* Grows c to at least twice `width` columns (with the two rows above,
 * whose bands start further left, a row asks for pairs over about two of
 * its widths), or more than there are targets (`lim`, a power of two):
 * as it was when there is no memory for a larger one, which is slower,
 * not wrong. */
static void S_cache_fit(tumen_paircache *c, size_t width, size_t lim)
{
	size_t cols = S_cols_for(2 * (width + 3));
	tumen_pairmask *e;

	if (cols > lim)
		cols = lim;
	if (cols <= c->cols ||
	    !(e = malloc(TUMEN_CACHE_ROWS * cols * sizeof *e)))
		return;
	free(c->e);
	c->e = e;
	c->cols = cols;
	S_cache_empty(c);
}

/* Columns enough for every target of x apart (S_cols_for). */
static size_t S_cols_max(const tumen_aligner *x)
{
	return S_cols_for(x->t->n + 1);
}

static void S_cost(void *ctx, size_t i, size_t j0, size_t j1, unsigned a,
                   unsigned b, double *out, size_t stride)
{
	const tumen_aligner *x = ctx;
	size_t cols = x->cache->cols;

	if (2 * (j1 - j0 + 4) > cols && cols < TUMEN_CACHE_COLS &&
	    cols <= x->t->n)
		S_cache_fit(x->cache, j1 - j0 + 1, S_cols_max(x));
	S_row(x, 1, i, j0, j1, a, b, out, stride);
}

static void S_cost_len(void *ctx, size_t i, size_t j0, size_t j1,
                       unsigned a, unsigned b, double *out, size_t stride)
{
	S_row(ctx, 0, i, j0, j1, a, b, out, stride);
}

tumen_cost_fn tumen_cost_of(const tumen_aligner *x)
{
	return x->pass0 ? S_cost_len : S_cost;
}

double tumen_cost_bead(tumen_aligner *x, size_t i, size_t j, unsigned a,
                       unsigned b)
{
	double c;

	tumen_cost_of(x)(x, i, j, j, a, b, &c, 1);
	return c;
}

/* Re-estimates c and s2 from the confident 1-1 beads of a first pass:
 * c as the ratio of their summed lengths, s2 as the mean squared
 * standardized residual with the worst tenth left out. */
void tumen_cost_reestimate(tumen_aligner *x, const tumen_bead *b, size_t nb)
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
	if (x->ltc)
		tumen_cost_ltc(x);
}

void tumen_cost_ltc(tumen_aligner *x)
{
	size_t m = x->t->n, b, j;

	if (!x->ltc && !(x->ltc = malloc(3 * (m + 1) * sizeof *x->ltc)))
		return;
	for (b = 1; b <= 3; b++)
		for (j = 0; j + b <= m; j++)
			x->ltc[(b - 1) * (m + 1) + j] =
			        (x->pt[j + b] - x->pt[j]) / x->c;
	x->ltc_pt = x->pt;
	x->ltc_c = x->c;
}

void tumen_cost_ltc_free(tumen_aligner *x)
{
	free(x->ltc);
	x->ltc = NULL;
	x->ltc_pt = NULL;
}

void tumen_cost_cache_clear(tumen_aligner *x)
{
	S_cache_empty(x->cache);
	if (x->cache2)
		S_cache_empty(x->cache2);
}

/* An empty cache of at most TUMEN_CACHE_COLS0 columns; NULL when out of
 * memory. */
static tumen_paircache *S_cache_new(const tumen_aligner *x)
{
	tumen_paircache *c = malloc(sizeof *c);
	size_t lim = S_cols_max(x);

	if (!c)
		return NULL;
	c->cols = lim < S_cols0 ? lim : S_cols0;
	if (!(c->e = malloc(TUMEN_CACHE_ROWS * c->cols * sizeof *c->e))) {
		free(c);
		return NULL;
	}
	S_cache_empty(c);
	return c;
}

static void S_cache_free(tumen_paircache *c)
{
	if (c)
		free(c->e);
	free(c);
}

/* The pair caches: a second one when the DP may use two threads (and
 * memory allows).  -1 when out of memory. */
int tumen_cost_cache_alloc(tumen_aligner *x)
{
	x->cache = S_cache_new(x);
	x->cache2 = x->o->threads > 1 ? S_cache_new(x) : NULL;
	return x->cache ? 0 : -1;
}

void tumen_cost_cache_free(tumen_aligner *x)
{
	S_cache_free(x->cache);
	S_cache_free(x->cache2);
	x->cache = x->cache2 = NULL;
}

/* l's room for the n units' slices of a list with offsets off, each cut
 * to `cap` keys.  -1 when out of memory. */
static int S_slices_alloc(const size_t *off, size_t n, size_t cap,
                          tumen_keys *l)
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
	return 0;
}

/* Units [i0, i1) of l: their slices of v (offsets off), sorted. */
static void S_slices_sort(const uint32_t *v, const size_t *off, size_t i0,
                          size_t i1, tumen_keys *l)
{
	size_t i, k;

	for (i = i0; i < i1; i++) {
		k = l->off[i + 1] - l->off[i];
		memcpy(l->v + l->off[i], v + off[i], k * sizeof *v);
		tumen_sort_u32(l->v + l->off[i], k);
	}
}

/* One thread's share of the sorting: lists k0 .. k1 - 1 of x's four
 * (source numbers, source names, target numbers, target names), the last
 * of them from unit i0 to unit i1. */
typedef struct {
	tumen_aligner *x;
	int k0, k1;
	size_t i0, i1;
} S_keys_job;

static void S_keys_list(tumen_aligner *x, int k, const uint32_t **v,
                        const size_t **off, size_t *n, tumen_keys **l)
{
	const tumen_feats *f = k < 2 ? x->s : x->t;

	*v = k % 2 ? f->names : f->nums;
	*off = k % 2 ? f->name_off : f->num_off;
	*n = f->n;
	*l = k == 0 ? &x->snum : k == 1 ? &x->sname : k == 2 ? &x->tnum : &x->tname;
}

static void S_keys_run(void *arg)
{
	S_keys_job *j = arg;
	const uint32_t *v;
	const size_t *off;
	size_t n;
	tumen_keys *l;
	int k;

	for (k = j->k0; k < j->k1; k++) {
		S_keys_list(j->x, k, &v, &off, &n, &l);
		S_slices_sort(v, off, k + 1 < j->k1 ? 0 : j->i0,
		              k + 1 < j->k1 ? n : j->i1, l);
	}
}

void tumen_cost_keys_release(tumen_aligner *x)
{
	tumen_keys *l[4] = { &x->snum, &x->sname, &x->tnum, &x->tname };
	size_t k;

	for (k = 0; k < 4; k++) {
		free(l[k]->v);
		free(l[k]->off);
		l[k]->v = NULL;
		l[k]->off = NULL;
	}
}

/* x's sorted keys for S_pair(), from x->s and x->t.  -1 when out of
 * memory (nothing left allocated).  The target's names are most of the
 * work (Persian gives every word a name key): with two threads, one sorts
 * the other lists and the target names up to unit h, the other the rest,
 * h splitting the keys evenly; the lists are allocated here, so that
 * neither thread's heap hands out fresh pages. */
int tumen_cost_keys_build(tumen_aligner *x)
{
	static const tumen_keys none;
	S_keys_job a = { x, 0, 4, 0, 0 }, b = { x, 3, 4, 0, 0 };
	size_t m = x->t->n, h = 0, others = 0, total, half;
	int k;

	x->snum = x->sname = x->tnum = x->tname = none;
	for (k = 0; k < 4; k++) {
		const uint32_t *v;
		const size_t *off;
		size_t n;
		tumen_keys *l;
		S_keys_list(x, k, &v, &off, &n, &l);
		if (S_slices_alloc(off, n, k < 2 ? (size_t)-1 : 64, l)) {
			tumen_cost_keys_release(x);
			return -1;
		}
		if (k < 3)
			others += l->off[n];
	}
	total = x->tname.off[m];
	half = total > others ? (total - others) / 2 : 0;
	while (h < m && x->tname.off[h] < half)
		h++;
	a.i1 = b.i0 = x->o->threads > 1 ? h : m;
	b.i1 = m;
	tumen_par2(x->o->threads, S_keys_run, &a, S_keys_run, &b);
	return 0;
}

void tumen_cost_init(void)
{
	int p;

	pthread_once(&S_cpu_once, S_cpu);
	if (atomic_load_explicit(&S_ltab_done, memory_order_acquire) ==
	    LTAB_PARTS)
		return;
	while ((p = atomic_fetch_add_explicit(&S_ltab_next, 1,
	                                      memory_order_relaxed)) <
	       LTAB_PARTS) {
		S_ltab_part(p);
		atomic_fetch_add_explicit(&S_ltab_done, 1,
		                          memory_order_release);
	}
	/* the parts another thread took */
	while (atomic_load_explicit(&S_ltab_done, memory_order_acquire) <
	       LTAB_PARTS)
		sched_yield();
}

void tumen_cost_setup(tumen_aligner *x)
{
	size_t k;

	x->w = S_default_weights;
	for (k = 0; k < TUMEN_COST_NTYPES; k++)
		x->logprior[k] = -log(S_prior[k]);
	tumen_cost_init();
}
