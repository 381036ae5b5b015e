/*
 * fuzz_common.h - helpers shared by the libFuzzer targets (tests/fuzz).
 *
 * Each target checks invariants the library promises in its headers and
 * calls abort() when one breaks, so that libFuzzer records the input as a
 * crash just like a sanitizer report.
 */
#ifndef TUMEN_FUZZ_COMMON_H
#define TUMEN_FUZZ_COMMON_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <tumen/align.h>
#include <tumen/document.h>

#include "decode.h"

#define FUZZ_ASSERT(cond)                                                  \
	do {                                                               \
		if (!(cond)) {                                             \
			fprintf(stderr, "%s:%d: invariant broken: %s\n",   \
			        __FILE__, __LINE__, #cond);                \
			abort();                                           \
		}                                                          \
	} while (0)

/* Whether s[0..len) is valid UTF-8 as the decoder defines it (NUL and
 * other control characters allowed). */
static inline int fuzz_valid_utf8(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n;
	unsigned cp;

	while (i < len) {
		n = tumen_utf8_next(p + i, len - i, &cp);
		if (!n)
			return 0;
		i += n;
	}
	return 1;
}

/* The aligner's promise (align.h): every sentence of each side in exactly
 * one bead, in order, no bead empty, every score in [0, 1]. */
static inline void fuzz_check_alignment(const tumen_doc *s, const tumen_doc *t,
                                        const tumen_alignment *a)
{
	size_t i, n = tumen_alignment_count(a), ns = 0, nt = 0;

	for (i = 0; i < n; i++) {
		const tumen_bead *b = tumen_alignment_bead(a, i);
		FUZZ_ASSERT(b->nsrc + b->ntgt > 0);
		FUZZ_ASSERT(b->src == ns && b->tgt == nt);
		FUZZ_ASSERT(!isnan(b->score) && b->score >= 0.0 &&
		            b->score <= 1.0);
		ns += b->nsrc;
		nt += b->ntgt;
	}
	FUZZ_ASSERT(ns == tumen_doc_count(s));
	FUZZ_ASSERT(nt == tumen_doc_count(t));
}

#endif
