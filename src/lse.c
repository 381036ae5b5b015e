/*
 * lse.c - the log of a sum of exponentials (see lse.h).
 *
 * The posteriors take one at every cell of their band, forward and
 * backward, with up to eight terms: libm's exp, a call a term, was two
 * thirds of the sums' time.  Here the exponential is a polynomial after
 * the usual reduction, exp(x) = 2^k e^r with |r| <= ln 2 / 2, four terms
 * at a time with AVX2 and FMA.  The scalar code does the same operations
 * in the same order (fused multiply-adds through fma(), the four lanes'
 * sums kept apart and added last, the same way), so both give the same
 * bits, and the beads and scores do not depend on the processor.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "lse.h"

#if defined(__GNUC__) && defined(__x86_64__)
#include <immintrin.h>
#define S_HAVE_AVX2 1
#endif

#define S_LOG2E 1.4426950408889634074
/* ln 2 in two parts: k * S_LN2HI is exact for the k here (|k| <= 58) */
#define S_LN2HI 6.93147180369123816490e-01
#define S_LN2LO 1.90821492927058770002e-10
#define S_DEGREE 13 /* |r| <= 0.347: the first term left out is 4e-18 */

/* e^r's Taylor coefficients, 1 / j! (the compiler rounds each once) */
static const double S_c[S_DEGREE + 1] = {
	1.0,
	1.0,
	1.0 / 2,
	1.0 / 6,
	1.0 / 24,
	1.0 / 120,
	1.0 / 720,
	1.0 / 5040,
	1.0 / 40320,
	1.0 / 362880,
	1.0 / 3628800,
	1.0 / 39916800,
	1.0 / 479001600,
	1.0 / 6227020800.0,
};

/* The terms a sum leaves out: d = (v - m) / t beyond this. */
#define S_DMAX 40

/* 2^k, -1022 <= k <= 1023, k a whole number held in a double */
static double S_pow2(double k)
{
	uint64_t bits = (uint64_t)((int64_t)k + 1023) << 52;
	double r;

	memcpy(&r, &bits, sizeof r);
	return r;
}

double tumen_lse_exp(double x)
{
	double k = rint(x * S_LOG2E), r, p;
	int j;

	r = fma(k, -S_LN2HI, x);
	r = fma(k, -S_LN2LO, r);
	p = S_c[S_DEGREE];
	for (j = S_DEGREE - 1; j >= 0; j--)
		p = fma(p, r, S_c[j]);
	return p * S_pow2(k);
}

/* The sum of exp(-d) over the terms but `at` with d <= S_DMAX, in four
 * lanes (term k in lane k % 4), the lanes added last: (0 + 1) + (2 + 3). */
static double S_sum_scalar(const double *v, int n, double t, double m,
                           int at)
{
	double lane[4] = { 0, 0, 0, 0 }, d;
	int k;

	for (k = 0; k < n; k++) {
		d = (v[k] - m) / t;
		if (k != at && d <= S_DMAX)
			lane[k % 4] += tumen_lse_exp(-d);
	}
	return (lane[0] + lane[1]) + (lane[2] + lane[3]);
}

#ifdef S_HAVE_AVX2
/* tumen_lse_exp, four at a time: the same operations (a lane with
 * x < -S_DMAX, whose result nobody keeps, may get any number) */
__attribute__((target("avx2,fma"))) static __m256d S_exp4(__m256d x)
{
	__m256d k = _mm256_round_pd(_mm256_mul_pd(x, _mm256_set1_pd(S_LOG2E)),
	                            _MM_FROUND_CUR_DIRECTION);
	__m256d r = _mm256_fnmadd_pd(k, _mm256_set1_pd(S_LN2HI), x);
	__m256d p = _mm256_set1_pd(S_c[S_DEGREE]);
	__m256i e;
	int j;

	r = _mm256_fnmadd_pd(k, _mm256_set1_pd(S_LN2LO), r);
	for (j = S_DEGREE - 1; j >= 0; j--)
		p = _mm256_fmadd_pd(p, r, _mm256_set1_pd(S_c[j]));
	e = _mm256_cvtepi32_epi64(_mm256_cvtpd_epi32(k));
	e = _mm256_slli_epi64(_mm256_add_epi64(e, _mm256_set1_epi64x(1023)), 52);
	return _mm256_mul_pd(p, _mm256_castsi256_pd(e));
}

/* The smallest term, where it is first, and the sum of S_sum_scalar,
 * four terms at a time. */
__attribute__((target("avx2,fma"))) static double
S_sum_avx2(const double *v, int n, double t, double *mp, int *atp)
{
	const __m256d inf = _mm256_set1_pd(HUGE_VAL);
	const __m256d dmax = _mm256_set1_pd(S_DMAX);
	const __m256d zero = _mm256_setzero_pd();
	__m256d x[TUMEN_LSE_MAX / 4], mn = inf, vm, vt, acc = zero;
	__m256i idx, vat;
	__m128d h;
	double m;
	int c, nc = (n + 3) / 4, at = 0, eq;

	/* the terms, lanes past n +inf, and the smallest; read one by one:
	 * the caller has just stored them one by one, and a vector load of
	 * several such stores waits until they reach the cache */
	for (c = 0; c < nc; c++) {
		const double *p = v + 4 * c;
		int left = n - 4 * c;
		x[c] = _mm256_set_pd(left > 3 ? p[3] : HUGE_VAL,
		                     left > 2 ? p[2] : HUGE_VAL,
		                     left > 1 ? p[1] : HUGE_VAL, p[0]);
		mn = _mm256_min_pd(mn, x[c]);
	}
	h = _mm_min_pd(_mm256_castpd256_pd128(mn), _mm256_extractf128_pd(mn, 1));
	h = _mm_min_sd(h, _mm_unpackhi_pd(h, h));
	/* the differences from the smallest's value h: v[at] is h, or a zero
	 * of the other sign, which gives d the same exp(-d) and the same
	 * place against dmax; so the exponentials need not wait for `at` */
	vm = _mm256_broadcastsd_pd(h);
	/* where it is first, and its value there (as S_min) */
	for (c = 0; c < nc; c++)
		if ((eq = _mm256_movemask_pd(_mm256_cmp_pd(x[c], vm, _CMP_EQ_OQ)))) {
			at = 4 * c + __builtin_ctz((unsigned)eq);
			break;
		}
	m = v[at];
	vt = _mm256_set1_pd(t);
	vat = _mm256_set1_epi64x(at);
	idx = _mm256_set_epi64x(3, 2, 1, 0);
	for (c = 0; c < nc; c++) {
		/* lanes past n have d = +inf: left out with those above dmax;
		 * a temperature of 1 divides nothing (x / 1 is x exactly) */
		__m256d d = _mm256_sub_pd(x[c], vm);
		__m256d keep;
		if (t != 1)
			d = _mm256_div_pd(d, vt);
		keep = _mm256_cmp_pd(d, dmax, _CMP_LE_OQ);
		keep = _mm256_andnot_pd(
		        _mm256_castsi256_pd(_mm256_cmpeq_epi64(idx, vat)), keep);
		acc = _mm256_add_pd(acc, _mm256_and_pd(S_exp4(_mm256_sub_pd(zero, d)),
		                                       keep));
		idx = _mm256_add_epi64(idx, _mm256_set1_epi64x(4));
	}
	/* (0 + 1) + (2 + 3), in registers */
	h = _mm_hadd_pd(_mm256_castpd256_pd128(acc), _mm256_extractf128_pd(acc, 1));
	*mp = m;
	*atp = at;
	return _mm_cvtsd_f64(_mm_add_sd(h, _mm_unpackhi_pd(h, h)));
}

static int S_avx2 = -1; /* the processor has AVX2 and FMA; -1: not known */

static int S_use_avx2(void)
{
	int a = __atomic_load_n(&S_avx2, __ATOMIC_RELAXED);

	if (a < 0) {
		__builtin_cpu_init();
		a = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
		__atomic_store_n(&S_avx2, a, __ATOMIC_RELAXED);
	}
	return a;
}
#endif

/* The smallest of v[0..n) and where it is first. */
static double S_min(const double *v, int n, int *at)
{
	double m = v[0];
	int k;

	*at = 0;
	for (k = 1; k < n; k++)
		if (v[k] < m) {
			m = v[k];
			*at = k;
		}
	return m;
}

static double S_lse(const double *v, int n, double t, int simd)
{
	int at;
	double m, sum;

#ifdef S_HAVE_AVX2
	if (simd && S_use_avx2())
		sum = S_sum_avx2(v, n, t, &m, &at);
	else
#endif
	{
		(void)simd;
		m = S_min(v, n, &at);
		sum = S_sum_scalar(v, n, t, m, at);
	}
	if (!(sum > 0))
		return m;
	return t == 1 ? m - log1p(sum) : m - t * log1p(sum); /* 1 y is y */
}

double tumen_lse(const double *v, int n, double t)
{
	return S_lse(v, n, t, 1);
}

double tumen_lse_scalar(const double *v, int n, double t)
{
	return S_lse(v, n, t, 0);
}
