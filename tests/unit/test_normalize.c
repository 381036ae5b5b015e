/* Tests of normalize.c: NFC and the matching form. */
#include <stdlib.h>
#include <string.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include "suites.h"
#include "normalize.h"

typedef tumen_status (*S_fn)(const char *, size_t, tumen_buf *);

/* Runs fn on in[0..len) and checks the result is exactly `want`. */
static void S_expect(S_fn fn, const char *in, size_t len, const char *want,
                     size_t wlen)
{
	tumen_buf b = TUMEN_BUF_INIT;

	CU_ASSERT_EQUAL_FATAL(fn(in, len, &b), TUMEN_OK);
	CU_ASSERT_EQUAL(b.len, wlen);
	CU_ASSERT(b.len == wlen && !memcmp(b.ptr, want, wlen));
	CU_ASSERT_EQUAL(b.ptr[b.len], '\0');
	tumen_buf_release(&b);
}
#define NFC(in, want) \
	S_expect(tumen_nfc, (in), sizeof(in) - 1, (want), sizeof(want) - 1)
#define MATCH(in, want) \
	S_expect(tumen_match_form, (in), sizeof(in) - 1, (want), sizeof(want) - 1)

static void t_nfc(void)
{
	NFC("e\xCC\x81", "\xC3\xA9");                  /* e + acute */
	NFC("\xD8\xA7\xD9\x94", "\xD8\xA3");           /* alef + hamza above */
	NFC("\xD9\x88\xD9\x94", "\xD8\xA4");           /* waw + hamza above */
	/* marks reordered: dot below (ccc 220) before acute (230) */
	NFC("a\xCC\x81\xCC\xA3", "\xE1\xBA\xA1\xCC\x81");
	/* Arabic marks after a letter: shadda (ccc 33) before fatha (30) is
	 * reordered, the canonical order left alone (the quick check on
	 * UTF-8 must tell the two apart) */
	NFC("\xD8\xA8\xD9\x91\xD9\x8E", "\xD8\xA8\xD9\x8E\xD9\x91");
	NFC("\xD8\xA8\xD9\x8E\xD9\x91", "\xD8\xA8\xD9\x8E\xD9\x91");
	/* already NFC, ZWNJ and NUL untouched */
	NFC("\xD9\x85\xDB\x8C\xE2\x80\x8C\xD8\xB1\xD9\x88\xD9\x85\0x",
	    "\xD9\x85\xDB\x8C\xE2\x80\x8C\xD8\xB1\xD9\x88\xD9\x85\0x");
	NFC("plain ASCII\n", "plain ASCII\n");
	NFC("", "");
	/* NFC is not NFKC: the fi ligature and Arabic presentation forms stay */
	NFC("\xEF\xAC\x81 \xEF\xBB\xB7", "\xEF\xAC\x81 \xEF\xBB\xB7");
}

static void t_nfc_appends(void)
{
	tumen_buf b = TUMEN_BUF_INIT;

	tumen_buf_adds(&b, "x:");
	CU_ASSERT_EQUAL(tumen_nfc("e\xCC\x81", 3, &b), TUMEN_OK);
	CU_ASSERT_STRING_EQUAL(b.ptr, "x:\xC3\xA9");
	CU_ASSERT_EQUAL(tumen_match_form("AB", 2, &b), TUMEN_OK);
	CU_ASSERT_EQUAL(tumen_match_form("\xD9\x83", 2, &b), TUMEN_OK);
	CU_ASSERT_STRING_EQUAL(b.ptr, "x:\xC3\xA9" "ab\xDA\xA9");
	tumen_buf_release(&b);
}

/* `reps` copies of `unit` through fn must give `reps` copies of `want`:
 * the work is split into chunks and no seam may show. */
static void S_repeat(S_fn fn, const char *unit, const char *want, size_t reps)
{
	size_t n = strlen(unit), m = strlen(want), i;
	tumen_buf in = TUMEN_BUF_INIT, out = TUMEN_BUF_INIT;
	int same = 1, ok = 1;

	for (i = 0; i < reps; i++)
		ok &= tumen_buf_add(&in, unit, n) == TUMEN_OK;
	CU_ASSERT_FATAL(ok);
	CU_ASSERT_EQUAL_FATAL(fn(in.ptr, in.len, &out), TUMEN_OK);
	CU_ASSERT_EQUAL(out.len, m * reps);
	for (i = 0; same && out.len == m * reps && i < reps; i++)
		same = !memcmp(out.ptr + i * m, want, m);
	CU_ASSERT(same);
	tumen_buf_release(&in);
	tumen_buf_release(&out);
}

static void t_nfc_large(void)
{
	/* 1.2 MB; each é must compose whatever chunk it falls in */
	S_repeat(tumen_nfc, "e\xCC\x81", "\xC3\xA9", 400000);
	/* 1.3 MB without one ASCII byte: no safe split point at all */
	S_repeat(tumen_nfc, "\xD8\xA7\xD9\x94\xD8\xA8", "\xD8\xA3\xD8\xA8",
	         220000);
	/* 1 MB of lines of Persian with decomposed letters */
	S_repeat(tumen_nfc, "\xD8\xA7\xD9\x94\xD8\xA8 \xD9\x88\xD9\x94\n",
	         "\xD8\xA3\xD8\xA8 \xD8\xA4\n", 100000);
}

/* NFC of s[0..len) by ICU on the whole string, into out. */
static void S_icu_nfc(const char *s, size_t len, tumen_buf *out)
{
	UErrorCode ec = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&ec);
	int32_t n = 0, m, k = 0;
	UChar *u = malloc((len + 1) * sizeof *u);
	UChar *v = malloc((3 * len + 8) * sizeof *v);

	CU_ASSERT_FATAL(u && v && U_SUCCESS(ec));
	u_strFromUTF8(u, (int32_t)len + 1, &n, s, (int32_t)len, &ec);
	m = unorm2_normalize(nfc, u, n, v, (int32_t)(3 * len + 8), &ec);
	tumen_buf_grow(out, (size_t)m * 3 + 1);
	u_strToUTF8(out->ptr, (int32_t)out->cap, &k, v, m, &ec);
	CU_ASSERT_FATAL(U_SUCCESS(ec));
	out->len = (size_t)k;
	free(u);
	free(v);
}

/* UTF-8 of code point c into p; its length. */
static size_t S_u8(unsigned c, char *p)
{
	if (c < 0x80) {
		p[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		p[0] = (char)(0xC0 | c >> 6);
		p[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	p[0] = (char)(0xE0 | c >> 12);
	p[1] = (char)(0x80 | (c >> 6 & 0x3F));
	p[2] = (char)(0x80 | (c & 0x3F));
	return 3;
}

/* Whether tumen_nfc_view() gives ICU's NFC of s[0..len). */
static int S_view_is_icu(const char *s, size_t len)
{
	tumen_buf want = TUMEN_BUF_INIT, b = TUMEN_BUF_INIT;
	const char *res;
	size_t rlen;
	int ok;

	S_icu_nfc(s, len, &want);
	ok = tumen_nfc_view(s, len, &b, &res, &rlen) == TUMEN_OK &&
	     rlen == want.len && !memcmp(res, want.ptr, want.len);
	tumen_buf_release(&want);
	tumen_buf_release(&b);
	return ok;
}

/* Every BMP character, after a letter and before a combining acute, then
 * a combining class-230 mark and a class-220 one: tumen_nfc_view() gives
 * ICU's NFC of each (its quick check reads a page of bits per 4,096
 * characters, filled when first needed). */
static void t_nfc_every(void)
{
	tumen_buf in = TUMEN_BUF_INIT;
	size_t bad = 0;
	unsigned c;

	for (c = 1; c < 0x10000; c++) {
		char u[4];
		if (c >= 0xD800 && c < 0xE000)
			continue;
		u[S_u8(c, u)] = '\0';
		tumen_buf_reset(&in);
		tumen_buf_adds(&in, "a");
		tumen_buf_adds(&in, u);
		tumen_buf_adds(&in, "\xCC\x81 ");
		tumen_buf_adds(&in, u);
		tumen_buf_adds(&in, "\xCC\x81\xCC\xA3");
		bad += !S_view_is_icu(in.ptr, in.len);
	}
	CU_ASSERT_EQUAL(bad, 0);
	tumen_buf_release(&in);
}

/* Every two-byte character (U+0080-07FF) and every one of U+2000-20FF
 * inside runs of Arabic letters, at every offset of a sixteen-byte block,
 * before a hamza above and before a hamza below: tumen_nfc_view() gives
 * ICU's NFC (its quick check skips sixteen bytes of such text at a time,
 * and a mark it took for a starter would be out of order before the
 * hamza below). */
static void t_nfc_blocks(void)
{
	tumen_buf in = TUMEN_BUF_INIT;
	size_t bad = 0, shift, k;
	unsigned c;

	for (c = 0x80; c < 0x2100; c++) {
		char u[4];
		if (c == 0x800)
			c = 0x2000; /* then the punctuation block */
		u[S_u8(c, u)] = '\0';
		for (shift = 0; shift < 16; shift++) {
			tumen_buf_reset(&in);
			for (k = 0; k < shift; k++)
				tumen_buf_adds(&in, "x");
			for (k = 0; k < 9; k++)
				tumen_buf_adds(&in, "\xD8\xA8"); /* beh */
			tumen_buf_adds(&in, u);
			for (k = 0; k < 9; k++)
				tumen_buf_adds(&in, "\xD8\xA7 "); /* alef */
			tumen_buf_adds(&in, u);
			tumen_buf_adds(&in, "\xD9\x94 end of the text ");
			/* a class-220 mark after it: out of order after a
			 * mark of a higher class */
			tumen_buf_adds(&in, u);
			tumen_buf_adds(&in, "\xD9\x95 and more of the text");
			bad += !S_view_is_icu(in.ptr, in.len);
		}
	}
	CU_ASSERT_EQUAL(bad, 0);
	tumen_buf_release(&in);
}

/* tumen_nfc() and tumen_nfc_view() give ICU's NFC of the whole string on
 * texts made of pieces that compose, reorder, decompose or stay, long
 * enough for several chunks: only the segments around the characters the
 * quick check stops at go through ICU. */
static void t_nfc_random(void)
{
	static const char *const pieces[] = {
		"a", "e", " ", "\n", "\xD8\xA7", "\xD8\xA8", "\xD9\x88",
		"\xD9\x94", "\xD9\x95", "\xD9\x8E", "\xD9\x91", "\xCC\x81",
		"\xCC\xA3", "\xCD\x84", "\xE2\x84\xA6", "\xE0\xA5\x98",
		"\xE1\x84\x80", "\xE1\x85\xA1", "\xE1\x86\xA8", "\xEA\xB0\x80",
		"\xF0\x9D\x85\x9E", "\xE2\x80\x8C", "\xC3\xA9", "\xDB\x8C",
	};
	size_t np = sizeof pieces / sizeof *pieces, trial, bad = 0;
	unsigned seed = 5;
	tumen_buf in = TUMEN_BUF_INIT, a = TUMEN_BUF_INIT, b = TUMEN_BUF_INIT;
	tumen_buf want = TUMEN_BUF_INIT;

	for (trial = 0; trial < 60; trial++) {
		size_t target = trial % 10 == 9 ? 150000 : 50 + trial * 37, ascii;
		const char *res;
		size_t rlen;

		tumen_buf_reset(&in);
		/* some texts mostly ASCII-free, others with a few rare pieces */
		ascii = trial % 3;
		while (in.len < target) {
			seed = seed * 1103515245u + 12345u;
			size_t k = (seed >> 16) % np;
			if (ascii == 2 && (seed >> 8) % 7)
				k = 4 + (seed >> 4) % 3; /* plain Arabic letters */
			if (ascii == 0 && k < 4)
				k += 4;
			tumen_buf_adds(&in, pieces[k]);
		}
		tumen_buf_reset(&a);
		tumen_buf_reset(&b);
		tumen_buf_reset(&want);
		S_icu_nfc(in.ptr, in.len, &want);
		CU_ASSERT_EQUAL_FATAL(tumen_nfc(in.ptr, in.len, &a), TUMEN_OK);
		CU_ASSERT_EQUAL_FATAL(tumen_nfc_view(in.ptr, in.len, &b, &res,
		                                     &rlen), TUMEN_OK);
		bad += a.len != want.len || memcmp(a.ptr, want.ptr, want.len);
		bad += rlen != want.len || memcmp(res, want.ptr, want.len);
	}
	CU_ASSERT_EQUAL(bad, 0);
	/* text in NFC is given back as it is, not copied */
	{
		const char *t = "\xD8\xA3\xD8\xA8 ok", *res;
		size_t rlen;
		CU_ASSERT_EQUAL(tumen_nfc_view(t, strlen(t), &b, &res, &rlen), TUMEN_OK);
		CU_ASSERT(res == t && rlen == strlen(t));
		/* heh + hamza above: the quick check stops, NFC keeps it */
		t = "\xD9\x87\xD9\x94 x";
		CU_ASSERT_EQUAL(tumen_nfc_view(t, strlen(t), &b, &res, &rlen), TUMEN_OK);
		CU_ASSERT(res == t && rlen == strlen(t));
		t = "\xD8\xA7\xD9\x94 x";
		CU_ASSERT_EQUAL(tumen_nfc_view(t, strlen(t), &b, &res, &rlen), TUMEN_OK);
		CU_ASSERT(res != t && rlen == 4 && !memcmp(res, "\xD8\xA3 x", 4));
	}
	tumen_buf_release(&in);
	tumen_buf_release(&a);
	tumen_buf_release(&b);
	tumen_buf_release(&want);
}

static void t_match_persian(void)
{
	MATCH("\xDB\xB1\xDB\xB2\xD9\xAB\xDB\xB5", "12.5");       /* ۱۲٫۵ */
	MATCH("\xD9\xA3\xD9\xA0\xD9\xAA", "30%");                /* ٣٠٪ */
	MATCH("\xDB\xB0\xDB\xB1\xDB\xB2\xDB\xB3\xDB\xB4\xDB\xB5\xDB\xB6"
	      "\xDB\xB7\xDB\xB8\xDB\xB9", "0123456789");
	MATCH("\xD9\xA0\xD9\xA1\xD9\xA2\xD9\xA3\xD9\xA4\xD9\xA5\xD9\xA6"
	      "\xD9\xA7\xD9\xA8\xD9\xA9", "0123456789");
	MATCH("\xD9\xA1\xD9\xAC\xD9\xA0\xD9\xA0\xD9\xA0", "1,000"); /* ١٬٠٠٠ */
	/* كتاب -> کتاب */
	MATCH("\xD9\x83\xD8\xAA\xD8\xA7\xD8\xA8", "\xDA\xA9\xD8\xAA\xD8\xA7\xD8\xA8");
	/* علي -> علی, and alef maksura ى -> ی */
	MATCH("\xD8\xB9\xD9\x84\xD9\x8A", "\xD8\xB9\xD9\x84\xDB\x8C");
	MATCH("\xD9\x85\xD9\x88\xD8\xB3\xD9\x89", "\xD9\x85\xD9\x88\xD8\xB3\xDB\x8C");
	/* بـــزرگ -> بزرگ */
	MATCH("\xD8\xA8\xD9\x80\xD9\x80\xD9\x80\xD8\xB2\xD8\xB1\xDA\xAF",
	      "\xD8\xA8\xD8\xB2\xD8\xB1\xDA\xAF");
	/* كَتَبَ -> کتب */
	MATCH("\xD9\x83\xD9\x8E\xD8\xAA\xD9\x8E\xD8\xA8\xD9\x8E",
	      "\xDA\xA9\xD8\xAA\xD8\xA8");
	/* both ends of the diacritic range, and superscript alef */
	MATCH("\xD8\xA8\xD9\x8B\xD8\xA8\xD9\x9F\xD8\xA8\xD9\xB0",
	      "\xD8\xA8\xD8\xA8\xD8\xA8");
	/* NBSP -> space; ZWNJ kept (می‌روم) */
	MATCH("a\xC2\xA0" "b", "a b");
	MATCH("\xD9\x85\xDB\x8C\xE2\x80\x8C\xD8\xB1\xD9\x88\xD9\x85",
	      "\xD9\x85\xDB\x8C\xE2\x80\x8C\xD8\xB1\xD9\x88\xD9\x85");
	/* NFC first: alef + hamza above composes, the hamza is not dropped */
	MATCH("\xD8\xA7\xD9\x94", "\xD8\xA3");
}

static void t_match_case(void)
{
	MATCH("HELLO", "hello");
	MATCH("Stra\xC3\x9F" "e", "strasse");
	MATCH("CAF\xC3\x89", "caf\xC3\xA9");
	MATCH("CAFE\xCC\x81", "caf\xC3\xA9"); /* NFC, then fold */
	MATCH("\xEF\xAC\x83", "ffi");          /* ligature: one unit -> three */
	MATCH("\xCE\xA3\xCE\x9F\xCE\xA6\xCE\x8F\xCE\xA3",
	      "\xCF\x83\xCE\xBF\xCF\x86\xCF\x8E\xCF\x83"); /* ΣΟΦΏΣ */
	MATCH("", "");
}

/* The ASCII fast path and the ICU path must agree: every ASCII byte,
 * once alone and once followed by a letter that forces ICU. */
static void t_match_paths(void)
{
	char in[130];
	tumen_buf fast = TUMEN_BUF_INIT, icu = TUMEN_BUF_INIT;
	size_t i;

	for (i = 0; i < 128; i++)
		in[i] = (char)i;
	memcpy(in + 128, "\xC3\xA9", 2);
	CU_ASSERT_EQUAL(tumen_match_form(in, 128, &fast), TUMEN_OK);
	CU_ASSERT_EQUAL(tumen_match_form(in, 130, &icu), TUMEN_OK);
	CU_ASSERT_EQUAL_FATAL(fast.len, 128);
	CU_ASSERT_EQUAL_FATAL(icu.len, 130);
	CU_ASSERT(!memcmp(fast.ptr, icu.ptr, 128));
	CU_ASSERT_EQUAL(fast.ptr['A'], 'a');
	CU_ASSERT_EQUAL(fast.ptr['Z'], 'z');
	CU_ASSERT_EQUAL(fast.ptr['['], '[');
	CU_ASSERT_EQUAL(fast.ptr['@'], '@');
	CU_ASSERT_EQUAL(fast.ptr[0], '\0');
	tumen_buf_release(&fast);
	tumen_buf_release(&icu);
}


/* The form of in[0..n), and of in + "e-acute" (which no fast path takes):
 * the second must be the first + "e-acute", or the fast path (Persian
 * text, no ICU) and ICU disagree; 1 when they agree. */
static int S_paths_agree(const char *in, size_t n)
{
	char buf[64];
	tumen_buf a = TUMEN_BUF_INIT, b = TUMEN_BUF_INIT;
	int ok;

	memcpy(buf, in, n);
	memcpy(buf + n, "\xC3\xA9", 2);
	ok = tumen_match_form(in, n, &a) == TUMEN_OK &&
	     tumen_match_form(buf, n + 2, &b) == TUMEN_OK && b.len == a.len + 2 &&
	     !memcmp(a.ptr, b.ptr, a.len) && !memcmp(b.ptr + a.len, "\xC3\xA9", 2);
	tumen_buf_release(&a);
	tumen_buf_release(&b);
	return ok;
}

/* Every code point below U+3000 alone, between letters and after an
 * Arabic letter, and every pair of the Arabic block's: the fast path
 * where it applies, ICU elsewhere, give the same forms. */
static void t_match_fast(void)
{
	char in[32];
	size_t n, bad = 0;
	unsigned c, d;

	for (c = 0x80; c < 0x3000; c++) {
		if (c >= 0xD800 && c < 0xE000)
			continue;
		n = S_u8(c, in);
		bad += !S_paths_agree(in, n);
		n = S_u8('K', in);
		n += S_u8(c, in + n);
		n += S_u8('Z', in + n);
		bad += !S_paths_agree(in, n);
		n = S_u8(0x627, in); /* alef: composes with U+0653-5 */
		n += S_u8(c, in + n);
		bad += !S_paths_agree(in, n);
	}
	for (c = 0x600; c < 0x700; c++)
		for (d = 0x600; d < 0x700; d++) {
			n = S_u8(c, in);
			n += S_u8(d, in + n);
			n += S_u8(0x64E, in + n); /* fatha, dropped */
			n += S_u8(d, in + n);
			bad += !S_paths_agree(in, n);
		}
	CU_ASSERT_EQUAL(bad, 0);
	/* the fast path's folds */
	MATCH("\xD9\x83\xD9\x8A \xDB\xB1\xD9\xA2\xD9\xAA\xC2\xA0\xE2\x80\x8C",
	      "\xDA\xA9\xDB\x8C 12% \xE2\x80\x8C");
}

static void t_match_long(void)
{
	/* 1 MB: far beyond the stack scratch, so the heap path runs */
	S_repeat(tumen_match_form, "ABC \xD9\x83\xD9\x80\xDB\xB7 ",
	         "abc \xDA\xA9" "7 ", 100000);
	S_repeat(tumen_match_form, "Stra\xC3\x9F" "e ", "strasse ", 130000);
}

static CU_TestInfo tests[] = {
	{ "NFC composes and reorders", t_nfc },
	{ "both functions append", t_nfc_appends },
	{ "NFC of large inputs has no seams", t_nfc_large },
	{ "NFC equals ICU's on the whole string", t_nfc_random },
	{ "NFC of every BMP character", t_nfc_every },
	{ "NFC of characters among Arabic letters", t_nfc_blocks },
	{ "the matching form's fast path agrees with ICU", t_match_fast },
	{ "match form: Persian folds", t_match_persian },
	{ "match form: full case folding", t_match_case },
	{ "match form: ASCII path equals ICU path", t_match_paths },
	{ "match form: long input", t_match_long },
	CU_TEST_INFO_NULL
};

int suite_normalize(void) { return test_add_suite("normalize", tests); }
