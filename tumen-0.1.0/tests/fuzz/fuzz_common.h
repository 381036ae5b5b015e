/*
 * fuzz_common.h - helpers shared by the libFuzzer targets (tests/fuzz).
 *
 * Each target checks invariants the library promises in its headers and
 * calls abort() when one breaks, so that libFuzzer records the input as a
 * crash just like a sanitizer report.
 */
#ifndef TUMEN_FUZZ_COMMON_H
#define TUMEN_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>

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

#endif
