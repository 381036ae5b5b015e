/*
 * bytescan.h - the next byte of a small set, sixteen bytes at a time
 * (private).
 *
 * The segmenter looks for a few bytes in every paragraph: line
 * separators, the last bytes of terminal points.  Byte by byte through a
 * table that cost about ten instructions a byte on Persian text; with
 * SSE2 (every x86-64) a compare per value covers sixteen bytes.  The
 * features look for ASCII digits (numbers, dates) the same way, and UTF-8
 * validation and NFC's quick check test ranges of bytes with tumen_in8.
 */
#ifndef TUMEN_BYTESCAN_H
#define TUMEN_BYTESCAN_H

#include <stddef.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define TUMEN_BYTES_MAX 16

#ifdef __SSE2__
/* x's bytes that lie in [lo, hi] (unsigned), as 0xFF; the others 0. */
static inline __m128i tumen_in8(__m128i x, unsigned char lo, unsigned char hi)
{
	__m128i t = _mm_sub_epi8(x, _mm_set1_epi8((char)lo));
	__m128i span = _mm_set1_epi8((char)(hi - lo));

	return _mm_cmpeq_epi8(_mm_min_epu8(t, span), t);
}

/* The bytes of the sixteen at p to take at once: 0 when `bad` marks one,
 * else all but a character the block cuts at its end (a lead byte at 15,
 * or a three-byte one at 14). */
static inline size_t tumen_block_take(__m128i bad, const unsigned char *p)
{
	if (_mm_movemask_epi8(bad))
		return 0;
	if (p[15] >= 0xC0)
		return 15;
	return p[14] >= 0xE0 ? 14 : 16;
}
#endif

/* A set of bytes: a table, and its members listed. */
typedef struct {
	unsigned char in[256];
	unsigned char v[TUMEN_BYTES_MAX];
	int n; /* members listed, or -1: too many, the table alone */
} tumen_bytes;

/* A set of five bytes, and of six, as constants. */
#define TUMEN_BYTES5(a, b, c, d, e)                                      \
	{ { [a] = 1, [b] = 1, [c] = 1, [d] = 1, [e] = 1 },                \
	  { a, b, c, d, e }, 5 }

#define TUMEN_BYTES6(a, b, c, d, e, f)                                  \
	{ { [a] = 1, [b] = 1, [c] = 1, [d] = 1, [e] = 1, [f] = 1 },       \
	  { a, b, c, d, e, f }, 6 }

/* Lists the members of b->in. */
static inline void tumen_bytes_list(tumen_bytes *b)
{
	int c;

	b->n = 0;
	for (c = 0; c < 256; c++) {
		if (!b->in[c])
			continue;
		if (b->n == TUMEN_BYTES_MAX) {
			b->n = -1;
			return;
		}
		b->v[b->n++] = (unsigned char)c;
	}
}

/* The index of the first byte of p[i..len) in b, or len. */
static inline size_t tumen_bytes_find(const tumen_bytes *b,
                                      const unsigned char *p, size_t i,
                                      size_t len)
{
#ifdef __SSE2__
	if (b->n > 0 && i + 16 <= len) {
		__m128i k[TUMEN_BYTES_MAX];
		int j, n = b->n;

		/* every entry set, the unused ones to the first byte: GCC's
		 * profile-guided build otherwise warns that k may be read
		 * unset (it is not: only k[0..n) are) */
		for (j = 0; j < TUMEN_BYTES_MAX; j++)
			k[j] = _mm_set1_epi8((char)b->v[j < n ? j : 0]);
		for (; i + 16 <= len; i += 16) {
			__m128i x = _mm_loadu_si128((const __m128i *)(p + i));
			__m128i m = _mm_cmpeq_epi8(x, k[0]);
			unsigned mask;

			for (j = 1; j < n; j++)
				m = _mm_or_si128(m, _mm_cmpeq_epi8(x, k[j]));
			mask = (unsigned)_mm_movemask_epi8(m);
			if (mask)
				return i + (size_t)__builtin_ctz(mask);
		}
	}
#endif
	while (i < len && !b->in[p[i]])
		i++;
	return i;
}

/* The index of the first ASCII digit of p[i..len), or len. */
static inline size_t tumen_digit_find(const unsigned char *p, size_t i,
                                      size_t len)
{
#ifdef __SSE2__
	for (; i + 16 <= len; i += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(p + i));
		__m128i d = tumen_in8(x, '0', '9');
		unsigned mask = (unsigned)_mm_movemask_epi8(d);
		if (mask)
			return i + (size_t)__builtin_ctz(mask);
	}
#endif
	while (i < len && (unsigned)(p[i] - '0') >= 10u)
		i++;
	return i;
}

#endif
