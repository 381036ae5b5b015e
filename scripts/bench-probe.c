/*
 * scripts/bench-probe.c - what the machine's processors give two programs
 * at once, for scripts/bench.
 *
 * Usage: bench-probe wide|chain N
 *
 *   wide   N rounds of eight independent integer operations: as much work
 *          at once as a core's execution units take, which two hardware
 *          threads of one core (SMT) must share
 *   chain  N rounds of one chain of dependent operations, each waiting for
 *          the one before: a core's units stay mostly idle, so two threads
 *          of one core run it about as fast as two cores
 *
 * scripts/bench times each alone on one processor and twice at once, one
 * on each: two processors that share no core give both about twice the
 * throughput; two threads of one core give `chain` twice and `wide` much
 * less.  Prints a value that depends on every round, so that the compiler
 * keeps them.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Keeps v in a register and its computation in the loop, unmerged with
 * the others and not vectorized. */
#if defined(__GNUC__)
#define KEEP(v) __asm__ volatile("" : "+r"(v))
#else
#define KEEP(v) ((void)0)
#endif

static uint64_t wide(long n)
{
	uint64_t a = 1, b = 2, c = 3, d = 4, e = 5, f = 6, g = 7, h = 8;
	long i;

	for (i = 0; i < n; i++) {
		a = a * 3 + b;
		b ^= b >> 3;
		c += c << 1;
		d = d * 5 + 1;
		e ^= e << 7;
		f += f >> 2;
		g = g * 7 + 3;
		h ^= h >> 5;
		KEEP(a);
		KEEP(b);
		KEEP(c);
		KEEP(d);
		KEEP(e);
		KEEP(f);
		KEEP(g);
		KEEP(h);
	}
	return a ^ b ^ c ^ d ^ e ^ f ^ g ^ h;
}

static uint64_t chain(long n)
{
	uint64_t x = 88172645463325252ull;
	long i;

	for (i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		KEEP(x);
	}
	return x;
}

int main(int argc, char **argv)
{
	long n;

	if (argc != 3 || (strcmp(argv[1], "wide") && strcmp(argv[1], "chain")) ||
	    (n = atol(argv[2])) <= 0) {
		fprintf(stderr, "usage: bench-probe wide|chain N\n");
		return 2;
	}
	printf("%llu\n", (unsigned long long)(strcmp(argv[1], "wide")
	                                              ? chain(n)
	                                              : wide(n)));
	return 0;
}
