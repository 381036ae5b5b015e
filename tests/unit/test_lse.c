/* Tests of lse.c: its exponential against libm's, the four-lane sums
 * against the scalar ones bit for bit, and what a log-sum-exp must be. */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "suites.h"
#include "lse.h"

/* x's distance from y in units of y's last place */
static double S_ulps(double x, double y)
{
	int e;

	frexp(y, &e);
	return fabs(x - y) / ldexp(1.0, e - 53);
}

static void t_exp(void)
{
	double worst = 0, x, u;
	int k;

	CU_ASSERT_EQUAL(tumen_lse_exp(0), 1.0);
	for (k = 0; k <= 400000; k++) {
		x = -40.0 * k / 400000;
		u = S_ulps(tumen_lse_exp(x), exp(x));
		if (u > worst)
			worst = u;
	}
	CU_ASSERT(worst <= 2);
	/* near the reduction's seams, k ln 2 +- ln 2 / 2 */
	for (k = 0; k <= 57; k++) {
		x = -(k + 0.5) * M_LN2;
		CU_ASSERT(S_ulps(tumen_lse_exp(nextafter(x, 0)), exp(nextafter(x, 0))) <= 2);
		CU_ASSERT(S_ulps(tumen_lse_exp(nextafter(x, -50)), exp(nextafter(x, -50))) <= 2);
	}
}

static uint64_t S_bits(double x)
{
	uint64_t b;

	memcpy(&b, &x, sizeof b);
	return b;
}

/* Random terms as the sums see them: costs in the thousands, spread
 * over a few units to hundreds, some far above the smallest (left out),
 * some equal to it. */
static void t_lanes(void)
{
	double v[TUMEN_LSE_MAX];
	unsigned seed = 7;
	int k, n, same = 0, trials = 200000;

	for (k = 0; k < trials; k++) {
		double base = (rand_r(&seed) % 100000) / 7.0 - 5000;
		double spread = (rand_r(&seed) % 3) == 0 ? 500 : 20;
		int q;
		n = 1 + rand_r(&seed) % TUMEN_LSE_MAX;
		for (q = 0; q < n; q++)
			v[q] = base + spread * (rand_r(&seed) / (double)RAND_MAX);
		if (n > 2 && rand_r(&seed) % 4 == 0)
			v[n - 1] = v[0]; /* a tie */
		if (n > 3 && rand_r(&seed) % 4 == 0) {
			/* the smallest twice, or a zero of each sign */
			int lo = 0;
			for (q = 1; q < n; q++)
				lo = v[q] < v[lo] ? q : lo;
			v[(lo + 1 + rand_r(&seed) % (n - 1)) % n] = v[lo];
			if (rand_r(&seed) % 2) {
				v[lo] = -0.0;
				v[(lo + 1) % n] = 0.0;
			}
		}
		same += S_bits(tumen_lse(v, n, 1.7)) ==
		        S_bits(tumen_lse_scalar(v, n, 1.7));
	}
	CU_ASSERT_EQUAL(same, trials);
}

static void t_values(void)
{
	double v[TUMEN_LSE_MAX], t = 2.5, r, slow;
	int n, k;

	/* one term: itself */
	v[0] = 123.25;
	CU_ASSERT_EQUAL(tumen_lse(v, 1, t), 123.25);
	/* n equal terms: x - t log n */
	for (n = 2; n <= TUMEN_LSE_MAX; n++) {
		for (k = 0; k < n; k++)
			v[k] = 1000;
		CU_ASSERT(fabs(tumen_lse(v, n, t) - (1000 - t * log(n))) < 1e-9);
	}
	/* against libm term by term, in any order */
	for (n = 2; n <= 8; n++) {
		double m = INFINITY, sum = 0;
		for (k = 0; k < n; k++) {
			v[k] = 50 + 3.0 * ((k * 5) % n);
			m = v[k] < m ? v[k] : m;
		}
		for (k = 0; k < n; k++)
			sum += exp(-(v[k] - m) / t);
		slow = m - t * log(sum);
		r = tumen_lse(v, n, t);
		CU_ASSERT(fabs(r - slow) < 1e-12);
		CU_ASSERT(r <= m && r >= m - t * log(n));
	}
	/* a term more than 40 t above the smallest changes nothing */
	v[0] = 10;
	v[1] = 10 + 41 * t;
	CU_ASSERT_EQUAL(tumen_lse(v, 2, t), 10);
}

static CU_TestInfo S_tests[] = {
	{ "the exponential within 2 ulps of libm's", t_exp },
	{ "four lanes and scalar: the same bits", t_lanes },
	{ "log-sum-exp values", t_values },
	CU_TEST_INFO_NULL,
};

int suite_lse(void)
{
	return test_add_suite("lse", S_tests);
}
