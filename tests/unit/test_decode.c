/* Tests of decode.c: UTF-8 validation, BOMs, iconv, line ends, offsets. */
#include <stdlib.h>
#include <string.h>
#include "suites.h"
#include "decode.h"

#define S_FFFD "\xEF\xBF\xBD"

/* Decodes a string literal (its embedded NULs included). */
#define DEC(lit, enc, lenient, b, rep, e) \
	tumen_decode((lit), sizeof(lit) - 1, (enc), (lenient), (b), (rep), (e))

/* Decodes `in` and checks the result is exactly `want` (wlen bytes). */
static void S_expect(const char *in, size_t len, const char *enc,
                     const char *want, size_t wlen)
{
	tumen_buf b = TUMEN_BUF_INIT;
	tumen_error e;
	size_t rep = 99;

	tumen_error_clear(&e);
	CU_ASSERT_EQUAL_FATAL(tumen_decode(in, len, enc, 0, &b, &rep, &e),
	                      TUMEN_OK);
	CU_ASSERT_EQUAL(b.len, wlen);
	CU_ASSERT(b.len == wlen && !memcmp(b.ptr, want, wlen));
	CU_ASSERT_EQUAL(b.ptr[b.len], '\0');
	CU_ASSERT_EQUAL(rep, 0);
	tumen_buf_release(&b);
}
#define EXPECT(lit, enc, want) \
	S_expect((lit), sizeof(lit) - 1, (enc), (want), sizeof(want) - 1)

/* Decodes `in` strictly and checks it fails at byte `off` with `msg`;
 * the output buffer must be left as it was. */
static void S_fail(const char *in, size_t len, const char *enc,
                   unsigned long long off, const char *msg)
{
	tumen_buf b = TUMEN_BUF_INIT;
	tumen_error e;

	tumen_error_clear(&e);
	tumen_buf_adds(&b, "kept");
	CU_ASSERT_EQUAL(tumen_decode(in, len, enc, 0, &b, NULL, &e),
	                TUMEN_EUTF8);
	CU_ASSERT_EQUAL(e.code, TUMEN_EUTF8);
	CU_ASSERT_EQUAL(e.has_byte, 1);
	CU_ASSERT_EQUAL(e.byte, off);
	CU_ASSERT_STRING_EQUAL(e.msg, msg);
	CU_ASSERT_STRING_EQUAL(b.ptr, "kept");
	CU_ASSERT_EQUAL(b.len, 4);
	tumen_buf_release(&b);
}
#define FAIL(lit, enc, off, msg) S_fail((lit), sizeof(lit) - 1, (enc), (off), (msg))

static void t_utf8_valid(void)
{
	static const struct {
		const char *s;
		size_t n;
		unsigned cp;
	} seqs[] = {
		{ "\x7F", 1, 0x7F }, { "\xC2\x80", 2, 0x80 },
		{ "\xC3\xA9", 2, 0xE9 }, { "\xD8\xA8", 2, 0x628 },
		{ "\xDF\xBF", 2, 0x7FF }, { "\xE0\xA0\x80", 3, 0x800 },
		{ "\xE2\x80\x8C", 3, 0x200C }, { "\xED\x9F\xBF", 3, 0xD7FF },
		{ "\xEE\x80\x80", 3, 0xE000 }, { "\xEF\xBF\xBF", 3, 0xFFFF },
		{ "\xF0\x90\x80\x80", 4, 0x10000 },
		{ "\xF0\x9F\x98\x80", 4, 0x1F600 },
		{ "\xF4\x8F\xBF\xBF", 4, 0x10FFFF },
	};
	size_t i;
	unsigned cp;

	for (i = 0; i < sizeof seqs / sizeof seqs[0]; i++) {
		cp = 0;
		CU_ASSERT_EQUAL(tumen_utf8_next((const unsigned char *)seqs[i].s,
		                                strlen(seqs[i].s), &cp), seqs[i].n);
		CU_ASSERT_EQUAL(cp, seqs[i].cp);
	}
	EXPECT("a\xC3\xA9 \xD8\xA8\xE2\x80\x8C\xE2\x82\xAC\xF0\x9F\x98\x80z",
	       NULL, "a\xC3\xA9 \xD8\xA8\xE2\x80\x8C\xE2\x82\xAC\xF0\x9F\x98\x80z");
	EXPECT("", NULL, "");
}

static void t_utf8_invalid(void)
{
	static const struct {
		const char *s;
		unsigned long long off;
	} bad[] = {
		{ "ab\xC0\x80", 2 },          /* overlong NUL */
		{ "x\xC1\xBF", 1 },           /* overlong 2-byte */
		{ "x\xE0\x80\x80", 1 },       /* overlong 3-byte */
		{ "\xF0\x8F\xBF\xBF", 0 },    /* overlong 4-byte */
		{ "\xED\xA0\x80", 0 },        /* high surrogate */
		{ "12\xED\xBF\xBF", 2 },      /* low surrogate */
		{ "abc\xF4\x90\x80\x80", 3 }, /* U+110000 */
		{ "abc\xF5\x80\x80\x80", 3 }, /* no such lead byte */
		{ "a\x80", 1 },               /* lone continuation */
		{ "\xD8\xA8\xA8", 2 },        /* continuation after a letter */
		{ "ab\xE2\x82", 2 },          /* truncated at end */
		{ "ab\xE2\x82z", 2 },         /* truncated before ASCII */
		{ "\xFF", 0 },
	};
	size_t i;
	unsigned cp;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		const unsigned char *s = (const unsigned char *)bad[i].s;
		size_t len = strlen(bad[i].s);
		S_fail(bad[i].s, len, NULL, bad[i].off, "invalid UTF-8");
		CU_ASSERT_EQUAL(tumen_utf8_next(s + bad[i].off,
		                                len - bad[i].off, &cp), 0);
	}
	CU_ASSERT_EQUAL(tumen_utf8_next((const unsigned char *)"", 0, &cp), 0);
}

static void t_bom_offset(void)
{
	/* the offset is in the input: the 3 BOM bytes count */
	FAIL("\xEF\xBB\xBF" "ab\xC3", NULL, 5, "invalid UTF-8");
	FAIL("\xEF\xBB\xBF" "ab\xC3", "utf8", 5, "invalid UTF-8");
	/* and so do the CRs that the output no longer has */
	FAIL("a\r\nb\r\nc\x80", NULL, 7, "invalid UTF-8");
}

static void t_lenient(void)
{
	tumen_buf b = TUMEN_BUF_INIT;
	tumen_error e;
	size_t rep = 0;

	tumen_error_clear(&e);
	/* one U+FFFD per maximal subpart: C0 (never a lead) and 80 are two,
	 * E2 82 (a good start cut short) is one, ED A0 80 is three
	 * (A0 can't follow ED), F0 9F 98 at the end is one */
	CU_ASSERT_EQUAL(DEC("a\xC0\x80" "b\xE2\x82z\xED\xA0\x80!\xF0\x9F\x98",
	                    NULL, 1, &b, &rep, &e), TUMEN_OK);
	CU_ASSERT_STRING_EQUAL(b.ptr, "a" S_FFFD S_FFFD "b" S_FFFD "z"
	                       S_FFFD S_FFFD S_FFFD "!" S_FFFD);
	CU_ASSERT_EQUAL(rep, 7);
	tumen_buf_reset(&b);
	CU_ASSERT_EQUAL(DEC("ok\r\n", NULL, 1, &b, &rep, &e), TUMEN_OK);
	CU_ASSERT_EQUAL(rep, 0);
	CU_ASSERT_STRING_EQUAL(b.ptr, "ok\n");
	tumen_buf_release(&b);
}

static void t_boms(void)
{
	EXPECT("\xEF\xBB\xBF" "h\xC3\xA9", NULL, "h\xC3\xA9");
	EXPECT("\xFF\xFE" "h\0\xE9\0\x28\x06", NULL, "h\xC3\xA9\xD8\xA8");
	EXPECT("\xFE\xFF" "\0h\0\xE9\x06\x28", NULL, "h\xC3\xA9\xD8\xA8");
	EXPECT("\xFF\xFE\0\0" "h\0\0\0\x28\x06\0\0", NULL, "h\xD8\xA8");
	EXPECT("\0\0\xFE\xFF" "\0\0\0h\0\0\x06\x28", NULL, "h\xD8\xA8");
	/* a declared encoding drops its own BOM too */
	EXPECT("\xEF\xBB\xBF" "hi", "UTF-8", "hi");
	EXPECT("\xFF\xFE" "h\0i\0", "UTF-16LE", "hi");
	/* without a BOM nothing is guessed: FE alone is invalid UTF-8 */
	FAIL("\xFEh", NULL, 0, "invalid UTF-8");
}

static void t_windows1256(void)
{
	/* ب پ ک, a space, Arabic comma 0xA1 = U+060C, CRLF */
	EXPECT("\xC8\x81\x98 \xA1\r\nx", "windows-1256",
	       "\xD8\xA8\xD9\xBE\xDA\xA9 \xD8\x8C\nx");
	EXPECT("\xC8\x81\x98", "CP1256", "\xD8\xA8\xD9\xBE\xDA\xA9");
}

static void t_utf16le(void)
{
	EXPECT("H\0e\0l\0l\0o\0\r\0\n\0w\0\r\0", "UTF-16LE", "Hello\nw\n");
	EXPECT("H\0i\0", "utf-16le", "Hi");
}

static void t_unknown(void)
{
	tumen_buf b = TUMEN_BUF_INIT;
	tumen_error e;

	tumen_error_clear(&e);
	CU_ASSERT_EQUAL(DEC("abc", "no-such-encoding-x", 0, &b, NULL, &e),
	                TUMEN_EENCODING);
	CU_ASSERT_EQUAL(e.code, TUMEN_EENCODING);
	CU_ASSERT_STRING_EQUAL(e.msg, "unknown encoding 'no-such-encoding-x'");
	CU_ASSERT_EQUAL(b.len, 0);
	tumen_buf_release(&b);
	/* err may be NULL */
	CU_ASSERT_EQUAL(DEC("abc", "no-such-encoding-x", 0, &b, NULL, NULL),
	                TUMEN_EENCODING);
}

static void t_iconv_invalid(void)
{
	tumen_buf b = TUMEN_BUF_INIT;
	size_t rep = 0;

	/* a lone low surrogate at input offset 2 (4 with the BOM) */
	FAIL("a\0\x00\xDC" "b\0", "UTF-16LE", 2,
	     "invalid byte sequence for encoding 'UTF-16LE'");
	FAIL("\xFF\xFE" "a\0\x00\xDC" "b\0", NULL, 4,
	     "invalid byte sequence for encoding 'UTF-16LE'");
	/* truncated: an odd byte at the end */
	FAIL("a\0b", "UTF-16LE", 2,
	     "invalid byte sequence for encoding 'UTF-16LE'");
	/* lenient: one U+FFFD per unit skipped */
	CU_ASSERT_EQUAL(DEC("a\0\x00\xDC" "b\0c", "UTF-16LE", 1, &b, &rep,
	                    NULL), TUMEN_OK);
	CU_ASSERT_STRING_EQUAL(b.ptr, "a" S_FFFD "b" S_FFFD);
	CU_ASSERT_EQUAL(rep, 2);
	tumen_buf_reset(&b);
	CU_ASSERT_EQUAL(DEC("a\0\0\0\0\0\x11\0b\0\0\0", "UTF-32LE", 1, &b,
	                    &rep, NULL), TUMEN_OK);
	CU_ASSERT_STRING_EQUAL(b.ptr, "a" S_FFFD "b");
	CU_ASSERT_EQUAL(rep, 1);
	tumen_buf_release(&b);
}

static void t_lines(void)
{
	EXPECT("a\r\nb\rc\n\r\nd\r", NULL, "a\nb\nc\n\nd\n");
	EXPECT("\r\r\n\n\r", NULL, "\n\n\n\n");
	/* CRs on both sides of the 8-byte fast path and next to letters */
	EXPECT("0123456789abcdef\r\n\xD8\xA8\r\xD8\xA8\r\n0123456\r",
	       NULL, "0123456789abcdef\n\xD8\xA8\n\xD8\xA8\n0123456\n");
}

static void t_nul(void)
{
	EXPECT("a\0b\x01\x7F\0", NULL, "a\0b\x01\x7F\0");
	EXPECT("a\0\0\0", "UTF-16LE", "a\0");
}

/* ~200 kB of English, Persian and CRLFs with one bad byte far inside. */
static void t_deep(void)
{
	static const char unit[] = "word \xD9\xBE\xD8\xA7\xD8\xB1\xD8\xB3\xDB\x8C\r\n";
	size_t n = sizeof unit - 1, reps = 12000, len = n * reps, bad, i;
	tumen_buf b = TUMEN_BUF_INIT;
	tumen_error e;
	char *in = malloc(len);

	CU_ASSERT_PTR_NOT_NULL_FATAL(in);
	for (i = 0; i < reps; i++)
		memcpy(in + i * n, unit, n);
	bad = n * 9000 + 6; /* the second byte of a Persian letter */
	CU_ASSERT(bad > 100000);
	CU_ASSERT_EQUAL(tumen_decode(in, len, NULL, 0, &b, NULL, &e), TUMEN_OK);
	CU_ASSERT_EQUAL(b.len, len - reps); /* one CR less per line */
	tumen_buf_reset(&b);
	in[bad] = 'x'; /* the lead byte before it is now cut short */
	tumen_error_clear(&e);
	CU_ASSERT_EQUAL(tumen_decode(in, len, NULL, 0, &b, NULL, &e),
	                TUMEN_EUTF8);
	CU_ASSERT_EQUAL(e.byte, bad - 1);
	tumen_buf_release(&b);
	free(in);
}

/* Input tumen_decode() would give back unchanged is known as such (and
 * tumen_decode() does give it back), anything else is not. */
/* Random texts of valid and invalid pieces, long enough for the sixteen-
 * byte checks, against a walk with tumen_utf8_next: strict decoding fails
 * at the first invalid byte or gives the text with CR LF and CR as LF, and
 * tumen_decode_is_identity() holds exactly for valid text without CR. */
static void t_utf8_random(void)
{
	static const char *const pieces[] = {
		"a", "plain ", "\r", "\r\n", "\n", "\xC3\xA9", "\xD8\xA8",
		"\xDF\xBF", "\xC2\x80", "\xE2\x80\x8C", "\xE2\x82\xAC",
		"\xE0\xA0\x80", "\xED\x9F\xBF", "\xEF\xBF\xBD",
		"\xF0\x9F\x98\x80", "\x80", "\xC0\x80", "\xC1\xBF",
		"\xE0\x80\x80", "\xED\xA0\x80", "\xF5", "\xFF", "\xC3",
		"\xE2\x82", "\xD8\xA8\xA8",
	};
	size_t np = sizeof pieces / sizeof *pieces, trial, bad = 0;
	unsigned seed = 17;
	tumen_buf in = TUMEN_BUF_INIT, out = TUMEN_BUF_INIT, want = TUMEN_BUF_INIT;

	for (trial = 0; trial < 4000; trial++) {
		size_t n, k, i, first = (size_t)-1;
		int cr = 0, id;
		tumen_error e;
		tumen_status st;
		unsigned cp;
		seed = seed * 1103515245u + 12345u;
		n = 4 + (seed >> 16) % 20;
		tumen_buf_reset(&in);
		for (k = 0; k < n; k++) {
			seed = seed * 1103515245u + 12345u;
			/* mostly valid pieces (the first 15), invalid ones
			 * now and then */
			tumen_buf_adds(&in, pieces[(seed >> 16) %
			                           ((seed >> 8) % 4 ? 15 : np)]);
		}
		/* the reference: valid sequences one by one */
		tumen_buf_reset(&want);
		for (i = 0; i < in.len;) {
			const unsigned char *u = (const unsigned char *)in.ptr + i;
			size_t l = tumen_utf8_next(u, in.len - i, &cp);
			if (!l) {
				first = i;
				break;
			}
			if (u[0] == '\r') {
				cr = 1;
				tumen_buf_addc(&want, '\n');
				if (i + 1 < in.len && u[1] == '\n')
					l = 2;
			} else {
				tumen_buf_add(&want, in.ptr + i, l);
			}
			i += l;
		}
		id = tumen_decode_is_identity(in.ptr, in.len, NULL);
		bad += id != (first == (size_t)-1 && !cr);
		tumen_buf_reset(&out);
		tumen_error_clear(&e);
		st = tumen_decode(in.ptr, in.len, NULL, 0, &out, NULL, &e);
		if (first == (size_t)-1)
			bad += st != TUMEN_OK || out.len != want.len ||
			       memcmp(out.ptr, want.ptr, want.len);
		else
			bad += st != TUMEN_EUTF8 || e.byte != first;
	}
	CU_ASSERT_EQUAL(bad, 0);
	tumen_buf_release(&in);
	tumen_buf_release(&out);
	tumen_buf_release(&want);
}

static void t_identity(void)
{
	static const struct {
		const char *in;
		size_t len;
		const char *enc;
		int same;
	} c[] = {
		{ "plain\n", 6, NULL, 1 },
		{ "\xD8\xA8\xE2\x80\x8C\xF0\x9F\x98\x80 x\0y", 13, NULL, 1 },
		{ "plain\n", 6, "utf-8", 1 },
		{ "plain\n", 6, "UTF8", 1 },
		{ "", 0, NULL, 1 },
		{ "a\r\nb", 4, NULL, 0 },           /* CR */
		{ "\xEF\xBB\xBF" "ab", 5, NULL, 0 }, /* BOM */
		{ "\xEF\xBB\xBF" "ab", 5, "UTF-8", 0 },
		{ "\xFF\xFE" "a\0", 4, NULL, 0 }, /* UTF-16LE's BOM */
		{ "ab\xC3", 3, NULL, 0 },           /* truncated */
		{ "a\xC0\x80", 3, NULL, 0 },       /* overlong */
		{ "a\xED\xA0\x80", 4, NULL, 0 },   /* surrogate */
		{ "plain", 5, "windows-1256", 0 },
		{ "plain", 5, "UTF-16LE", 0 },
	};
	size_t i;

	for (i = 0; i < sizeof c / sizeof *c; i++) {
		tumen_buf out = TUMEN_BUF_INIT;
		int id = tumen_decode_is_identity(c[i].in, c[i].len, c[i].enc);
		CU_ASSERT_EQUAL(id, c[i].same);
		if (id != c[i].same)
			fprintf(stderr, "\n  case %zu: %d\n", i, id);
		if (id) {
			CU_ASSERT_EQUAL(tumen_decode(c[i].in, c[i].len, c[i].enc, 0,
			                             &out, NULL, NULL), TUMEN_OK);
			CU_ASSERT(out.len == c[i].len &&
			          !memcmp(out.ptr, c[i].in, c[i].len));
		}
		tumen_buf_release(&out);
	}
}

static CU_TestInfo tests[] = {
	{ "valid UTF-8 round trip", t_utf8_valid },
	{ "each invalid UTF-8 class fails at its byte", t_utf8_invalid },
	{ "UTF-8 checked against a walk, on random text", t_utf8_random },
	{ "offsets count BOM and CR bytes", t_bom_offset },
	{ "lenient replaces maximal subparts", t_lenient },
	{ "all five BOMs", t_boms },
	{ "windows-1256 Persian letters", t_windows1256 },
	{ "declared UTF-16LE without BOM", t_utf16le },
	{ "unknown encoding name", t_unknown },
	{ "iconv errors: offset, truncation, lenient", t_iconv_invalid },
	{ "CRLF and CR become LF", t_lines },
	{ "NUL and controls kept", t_nul },
	{ "deep invalid byte offset", t_deep },
	{ "input decoding leaves as it is", t_identity },
	CU_TEST_INFO_NULL
};

int suite_decode(void) { return test_add_suite("decode", tests); }
