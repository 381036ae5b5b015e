/*
 * fuzz_srx.c - libFuzzer target for the SRX reader and splitter
 * (tumen/srx.h).
 *
 * Input: SRX bytes, then optionally a 0xFF byte and a text to split (made
 * valid UTF-8 by the lenient decoder); without one a fixed English and
 * Persian sample is split.  Invariants: a failed parse sets *out to NULL
 * and says why; the breaks for "en" and "fa" are increasing, strictly
 * inside the text, on character boundaries, and NULL when there are none;
 * on a short text they are those of the unfiltered reference (which asks
 * ICU at every position), or some of them when a break rule can be read
 * on neither side (srx_scan.c).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <tumen/srx.h>

#include "buf.h"
#include "decode.h"
#include "fuzz_common.h"
#include "srx.h"
#include "srx_rules.h"

static const char S_sample[] =
	"Mr. J. Smith arrived at 3.5 p.m. on Monday. \"Why?\" he asked!\n"
	"\xd8\xa8\xd9\x88\xd8\xaf\xd8\xac\xd9\x87 \xdb\xb1\xdb\xab\xdb\xb2 "
	"\xd9\x85\xdb\x8c\xd9\x84\xdb\x8c\xd8\xa7\xd8\xb1\xd8\xaf \xd8\xaa"
	"\xd8\xb5\xd9\x88\xdb\x8c\xd8\xa8 \xd8\xb4\xd8\xaf. \xda\x86\xd8\xb1"
	"\xd8\xa7\xd8\x9f \xd8\xa7\xd9\x88 \xd9\xbe\xd8\xb1\xd8\xb3\xdb\x8c"
	"\xd8\xaf.";

/* Whether some break rule is found by ICU's find() (read on no side). */
static int S_unread(const tumen_srx *srx)
{
	size_t i;

	for (i = 0; i < srx->nrules; i++)
		if (srx->rules[i].brk && !srx->rules[i].before &&
		    !srx->rules[i].after)
			return 1;
	return 0;
}

/* The filtered breaks v[0..n) against the unfiltered ones. */
static void S_reference(tumen_srx *srx, const char *lang, const char *t,
                        size_t len, const size_t *v, size_t n)
{
	size_t *ref = NULL, nref = 0, i, j = 0;
	int sub = S_unread(srx);

	tumen_srx_set_filter(srx, 0);
	if (tumen_srx_split(srx, lang, t, len, &ref, &nref, NULL) == TUMEN_OK) {
		FUZZ_ASSERT(sub || nref == n);
		for (i = 0; i < n; i++) {
			while (j < nref && ref[j] < v[i])
				j++;
			FUZZ_ASSERT(j < nref && ref[j] == v[i]);
		}
	}
	tumen_srx_set_filter(srx, 1);
	free(ref);
}

static void S_split(tumen_srx *srx, const char *lang, const char *t,
                    size_t len)
{
	size_t *brk = NULL, n = 99, i;
	tumen_error err;
	tumen_status st;

	st = tumen_srx_split(srx, lang, t, len, &brk, &n, &err);
	FUZZ_ASSERT(st == TUMEN_OK || st == TUMEN_ENOMEM || st == TUMEN_EICU);
	if (st) {
		free(brk);
		return;
	}
	FUZZ_ASSERT((n == 0) == (brk == NULL));
	for (i = 0; i < n; i++) {
		FUZZ_ASSERT(brk[i] > 0 && brk[i] < len);
		FUZZ_ASSERT(i == 0 || brk[i] > brk[i - 1]);
		FUZZ_ASSERT(((unsigned char)t[brk[i]] & 0xC0) != 0x80);
	}
	if (len <= 256)
		S_reference(srx, lang, t, len, brk, n);
	free(brk);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	const char *cut = memchr(in, 0xFF, size);
	size_t xlen = cut ? (size_t)(cut - in) : size;
	tumen_buf text = TUMEN_BUF_INIT;
	tumen_srx *srx = (tumen_srx *)&text; /* must be overwritten */
	tumen_error err;
	tumen_status st;

	tumen_error_clear(&err);
	st = tumen_srx_parse(in, xlen, &srx, &err);
	if (st) {
		FUZZ_ASSERT(srx == NULL);
		FUZZ_ASSERT(err.msg[0] != '\0');
		return 0;
	}
	if (cut) {
		if (tumen_decode(cut + 1, size - xlen - 1, NULL, 1, &text, NULL,
		                 NULL) == TUMEN_OK) {
			S_split(srx, "en", text.ptr, text.len);
			S_split(srx, "fa", text.ptr, text.len);
		}
	} else {
		S_split(srx, "en", S_sample, sizeof S_sample - 1);
		S_split(srx, "fa", S_sample, sizeof S_sample - 1);
	}
	tumen_buf_release(&text);
	tumen_srx_free(srx);
	return 0;
}
