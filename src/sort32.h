/*
 * sort32.h - sorting short arrays of 32-bit keys (private).
 *
 * Each sentence's anchor keys (numbers, names) are sorted once per
 * document so that a pair's shared keys are counted by merging; there are
 * a few dozen at most, where an insertion sort beats qsort's calls of its
 * comparison function (a sentence's sort took 1,000 instructions).
 */
#ifndef TUMEN_SORT32_H
#define TUMEN_SORT32_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

static inline int tumen_cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* Sorts v[0..n) in ascending order. */
static inline void tumen_sort_u32(uint32_t *v, size_t n)
{
	size_t i, j;
	uint32_t x;

	if (n > 48) {
		qsort(v, n, sizeof *v, tumen_cmp_u32);
		return;
	}
	for (i = 1; i < n; i++) {
		x = v[i];
		for (j = i; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

#endif
