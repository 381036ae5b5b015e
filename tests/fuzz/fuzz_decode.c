/*
 * fuzz_decode.c - libFuzzer target for stage 1, the decoder.
 *
 * Input: byte 0 chooses the declared encoding (low 3 bits) and strict or
 * lenient mode (bit 7); bit 6 also runs the whole document pipeline
 * (decode, NFC, segment) on the same bytes.  The rest is the file.
 * Invariants (decode.h): success gives valid UTF-8 without CR; an invalid
 * sequence fails with TUMEN_EUTF8 and a byte offset inside the input,
 * never in lenient mode, and leaves the output buffer as it was.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <tumen/tumen.h>

#include "buf.h"
#include "decode.h"
#include "fuzz_common.h"

static const char *const S_encodings[] = {
	NULL, "UTF-8", "UTF-16LE", "UTF-16BE", "windows-1256", "UTF-32",
	"UTF-32LE", "ISO-8859-1",
};

static void S_decode(const char *in, size_t len, const char *enc, int lenient)
{
	tumen_buf out = TUMEN_BUF_INIT;
	tumen_error err;
	size_t replaced = 0;
	tumen_status st;

	tumen_error_clear(&err);
	st = tumen_decode(in, len, enc, lenient, &out, &replaced, &err);
	if (st == TUMEN_OK) {
		FUZZ_ASSERT(fuzz_valid_utf8(out.ptr, out.len));
		FUZZ_ASSERT(memchr(out.ptr, '\r', out.len) == NULL);
		FUZZ_ASSERT(out.ptr[out.len] == '\0');
		FUZZ_ASSERT(lenient || replaced == 0);
		/* the documents take such input as it is, without a copy */
		FUZZ_ASSERT(!tumen_decode_is_identity(in, len, enc) ||
		            (out.len == len && !memcmp(out.ptr, in, len)));
	} else {
		FUZZ_ASSERT(!tumen_decode_is_identity(in, len, enc));
		FUZZ_ASSERT(st == TUMEN_EUTF8 || st == TUMEN_ENOMEM);
		FUZZ_ASSERT(!lenient || st == TUMEN_ENOMEM);
		FUZZ_ASSERT(out.len == 0);
		if (st == TUMEN_EUTF8) {
			FUZZ_ASSERT(err.has_byte);
			FUZZ_ASSERT(err.byte < len);
			FUZZ_ASSERT(err.msg[0] != '\0');
		}
	}
	tumen_buf_release(&out);
}

static void S_document(const char *in, size_t len, const char *enc,
                       int lenient)
{
	tumen_doc_opts o;
	tumen_doc *d = NULL;
	tumen_error err;
	tumen_status st;
	size_t i, n;

	tumen_doc_opts_init(&o);
	o.encoding = enc;
	o.lenient = lenient;
	st = tumen_doc_from_bytes(in, len, "fuzz", &o, &d, &err);
	if (st) {
		FUZZ_ASSERT(d == NULL);
		FUZZ_ASSERT(err.code == st && err.msg[0] != '\0');
		return;
	}
	n = tumen_doc_count(d);
	FUZZ_ASSERT(n > 0);
	for (i = 0; i < n; i++) {
		size_t sl;
		const char *s = tumen_doc_sentence(d, i, &sl);
		FUZZ_ASSERT(sl > 0 && s[sl] == '\0');
		FUZZ_ASSERT(fuzz_valid_utf8(s, sl));
	}
	tumen_doc_free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *enc;
	int lenient, whole;

	if (size < 1)
		return 0;
	enc = S_encodings[data[0] & 7];
	lenient = (data[0] & 0x80) != 0;
	whole = (data[0] & 0x40) != 0;
	S_decode((const char *)data + 1, size - 1, enc, lenient);
	if (whole)
		S_document((const char *)data + 1, size - 1, enc, lenient);
	return 0;
}
