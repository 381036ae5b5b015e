/*
 * popcount.h - bits set in a 64-bit word (private).
 *
 * __builtin_popcountll is a call into libgcc unless the target is known
 * to have the instruction; this is a few shifts and one multiplication.
 */
#ifndef TUMEN_POPCOUNT_H
#define TUMEN_POPCOUNT_H

#include <stdint.h>

static inline unsigned tumen_popcount64(uint64_t v)
{
	v -= (v >> 1) & 0x5555555555555555ULL;
	v = (v & 0x3333333333333333ULL) + ((v >> 2) & 0x3333333333333333ULL);
	v = (v + (v >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
	return (unsigned)((v * 0x0101010101010101ULL) >> 56);
}

#endif
