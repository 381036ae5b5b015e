/*
 * lse.h - the log of a sum of exponentials, as the posteriors' forward
 * and backward sums take it at every cell (private).
 */
#ifndef TUMEN_LSE_H
#define TUMEN_LSE_H

/* The most terms tumen_lse takes. */
#define TUMEN_LSE_MAX 16

/* -t log(sum of exp(-v[k]/t)), k < n, 1 <= n <= TUMEN_LSE_MAX, every
 * v[k] finite: around the smallest, m - t log1p(the rest's exp(-d)),
 * d = (v[k] - m) / t, terms with d > 40 left out (they would not change a
 * double).  The exponentials are lse.c's own, four at a time where the
 * processor has AVX2 and FMA; the result has the same bits either way. */
double tumen_lse(const double *v, int n, double t);

/* The same, never four at a time (for tests). */
double tumen_lse_scalar(const double *v, int n, double t);

/* lse.c's exponential of x, -40 <= x <= 0 (for tests): within 2 units in
 * the last place of exp(x). */
double tumen_lse_exp(double x);

#endif
