/*
 * utf16len.h - UTF-16 lengths of UTF-8 text, eight bytes at a time
 * (private).
 *
 * ICU's break iterator and regexes see a paragraph in UTF-16; their
 * offsets are mapped to the UTF-8 text by counting code units: one for
 * each byte that is not a continuation byte (10xxxxxx), and one more for
 * each lead byte of a four-byte sequence (11110xxx: a surrogate pair).
 * Counted byte by byte (what srx_match.c's ill-formed text still gets),
 * the walks took a tenth of the segmenter's time on Persian text.
 */
#ifndef TUMEN_UTF16LEN_H
#define TUMEN_UTF16LEN_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define TUMEN_U16_HI 0x8080808080808080ULL

/* The number of bytes of x (whose bits are at most TUMEN_U16_HI) set. */
static inline unsigned tumen_u16_count_hi(uint64_t x)
{
	return (unsigned)(((x >> 7) * 0x0101010101010101ULL) >> 56);
}

/* UTF-16 code units of byte b, counted as above. */
static inline unsigned tumen_u16_units1(unsigned char b)
{
	return ((b & 0xC0) != 0x80) + (b >= 0xF0);
}

/* UTF-16 code units of the eight bytes at p. */
static inline unsigned tumen_u16_units8(const unsigned char *p)
{
	uint64_t w, cont, four;

	memcpy(&w, p, 8);
	cont = w & ~(w << 1) & TUMEN_U16_HI; /* 10xxxxxx */
	four = w & (w << 1) & (w << 2) & (w << 3) & TUMEN_U16_HI; /* 1111xxxx */
	return 8 - tumen_u16_count_hi(cont) + tumen_u16_count_hi(four);
}

/* UTF-16 code units of the n bytes at p. */
static inline size_t tumen_u16_units(const unsigned char *p, size_t n)
{
	size_t u = 0, i = 0;

	for (; i + 8 <= n; i += 8)
		u += tumen_u16_units8(p + i);
	for (; i < n; i++)
		u += tumen_u16_units1(p[i]);
	return u;
}

/* From byte i of p[0..len), which is code unit *at, forward to the first
 * byte that is code unit k or later and not a continuation byte (or to
 * len); *at becomes its unit. */
static inline size_t tumen_u16_seek(const unsigned char *p, size_t len,
                                    size_t i, size_t *at, size_t k)
{
	size_t u = *at, n8;

	/* whole words while k lies beyond them */
	while (i + 8 <= len && u + (n8 = tumen_u16_units8(p + i)) < k) {
		u += n8;
		i += 8;
	}
	while (i < len && (u < k || (p[i] & 0xC0) == 0x80))
		u += tumen_u16_units1(p[i++]);
	*at = u;
	return i;
}

#endif
