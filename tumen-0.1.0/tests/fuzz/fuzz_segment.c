/*
 * fuzz_segment.c - libFuzzer target for stage 3, the segmenter.
 *
 * Input: byte 0 chooses the language (low 2 bits: en, fa, de, en-US),
 * presegmented mode (bit 2) and one paragraph per line (bit 3); the rest
 * is the text, made valid NFC the way tumen_doc_from_bytes() does
 * (lenient decode, then NFC) since tumen_segment() expects that.
 * Invariants (segment.h, doc.h): sentences are non-empty valid UTF-8
 * without a line break, paragraphs and lines never go back, and nothing is
 * lost: the sentences hold every character of the text that is not white
 * space, in order.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <unicode/uchar.h>

#include <tumen/tumen.h>

#include "buf.h"
#include "decode.h"
#include "doc.h"
#include "normalize.h"
#include "segment.h"
#include "fuzz_common.h"

static const char *const S_langs[] = { "en", "fa", "de", "en-US" };

/* Appends s[0..len) to `out` without its white space (Unicode's). */
static void S_strip(const char *s, size_t len, tumen_buf *out)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n;
	unsigned cp;

	while (i < len) {
		n = tumen_utf8_next(p + i, len - i, &cp);
		FUZZ_ASSERT(n > 0);
		if (!u_isUWhiteSpace((UChar32)cp))
			FUZZ_ASSERT(tumen_buf_add(out, p + i, n) == TUMEN_OK);
		i += n;
	}
}

static void S_check(const tumen_doc *d, const char *text, size_t len)
{
	tumen_buf want = TUMEN_BUF_INIT, got = TUMEN_BUF_INIT;
	unsigned long lines = 1;
	size_t i;

	for (i = 0; i < len; i++)
		lines += text[i] == '\n';
	for (i = 0; i < d->n; i++) {
		size_t sl;
		const char *s = tumen_doc_sentence(d, i, &sl);
		FUZZ_ASSERT(sl > 0 && s[sl] == '\0');
		FUZZ_ASSERT(fuzz_valid_utf8(s, sl));
		FUZZ_ASSERT(memchr(s, '\n', sl) == NULL);
		FUZZ_ASSERT(d->line[i] >= 1 && d->line[i] <= lines);
		if (i) {
			FUZZ_ASSERT(d->para[i] >= d->para[i - 1]);
			FUZZ_ASSERT(d->line[i] >= d->line[i - 1]);
		}
		S_strip(s, sl, &got);
	}
	S_strip(text, len, &want);
	FUZZ_ASSERT(got.len == want.len);
	FUZZ_ASSERT(memcmp(got.ptr, want.ptr, got.len) == 0);
	tumen_buf_release(&want);
	tumen_buf_release(&got);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	tumen_buf utf8 = TUMEN_BUF_INIT, nfc = TUMEN_BUF_INIT;
	tumen_doc_opts o;
	tumen_doc *d;
	tumen_error err;
	tumen_status st;

	if (size < 1)
		return 0;
	tumen_doc_opts_init(&o);
	o.lang = S_langs[data[0] & 3];
	o.presegmented = (data[0] & 4) != 0;
	o.para_mode = (data[0] & 8) ? TUMEN_PARA_LINE : TUMEN_PARA_BLANK;
	if (tumen_decode((const char *)data + 1, size - 1, NULL, 1, &utf8,
	                 NULL, NULL) ||
	    tumen_nfc(utf8.ptr, utf8.len, &nfc)) {
		tumen_buf_release(&utf8);
		return 0;
	}
	d = tumen_doc_new("fuzz", o.lang);
	FUZZ_ASSERT(d != NULL);
	tumen_error_clear(&err);
	st = tumen_segment(nfc.ptr, nfc.len, &o, d, &err);
	FUZZ_ASSERT(st == TUMEN_OK || st == TUMEN_ENOMEM);
	if (st == TUMEN_OK)
		S_check(d, nfc.ptr, nfc.len);
	tumen_doc_free(d);
	tumen_buf_release(&utf8);
	tumen_buf_release(&nfc);
	return 0;
}
