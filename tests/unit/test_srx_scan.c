/* Tests of srx_scan.c and of the runs that use it: the characters read
 * off a pattern's edges (wider is allowed, narrower never), and the
 * breaks of filtered runs equal to those of the unfiltered reference,
 * which asks ICU at every position, on rules written to trip the reader
 * (empty and nullable patterns, lookarounds, back references, negated
 * and intersected classes, properties, astral characters). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "suites.h"
#include "utf16len.h"
#include "srx.h"
#include "srx_rules.h"

/* Whether the set `which` of `pat` holds each code point of `in` and
 * none of `out` (UTF-8 strings). */
static void S_set(const char *pat, int which, const char *in,
                  const char *out)
{
	tumen_srx_cpset *s = tumen_srx_edge(pat, which);
	int32_t i = 0, n;
	UChar32 c;

	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	for (n = (int32_t)strlen(in); i < n;) {
		U8_NEXT(in, i, n, c);
		CU_ASSERT(tumen_srx_cpset_has(s, c));
		if (!tumen_srx_cpset_has(s, c))
			fprintf(stderr, "%s: U+%04X missing\n", pat, (unsigned)c);
	}
	for (i = 0, n = (int32_t)strlen(out); i < n;) {
		U8_NEXT(out, i, n, c);
		CU_ASSERT(!tumen_srx_cpset_has(s, c));
		if (tumen_srx_cpset_has(s, c))
			fprintf(stderr, "%s: U+%04X extra\n", pat, (unsigned)c);
	}
	tumen_srx_cpset_free(s);
}

static void S_edge(const char *pat, int last, const char *in,
                   const char *out)
{
	S_set(pat, last ? TUMEN_SRX_LAST : TUMEN_SRX_FIRST, in, out);
}

static void t_edges(void)
{
	S_edge("\\b(?:Mr|Mrs|Dr)\\.", 1, ".", "rsa ");
	S_edge("\\b(?:Mr|Mrs|Dr)\\.", 0, "MD", "rs.");
	S_edge("[.?!]+[\"'”]*", 1, ".?!\"'”", "a ");
	S_edge("\\s+(?:The|A)\\b", 0, " \t\n\u00a0\u2003", "TA");
	S_edge("(?:…|\\.\\.\\.)", 1, "….", "a");
	S_edge("x(?=y)", 1, "x", "y");
	S_edge("(?<=a)b?c", 0, "bc", "a");
	S_edge("[\\p{Arabic}&&\\p{L}]", 0, "بپ", "a");
	S_edge("[a-c\\u0627-\\u0629x]", 0, "abcابx", "dz");
	S_edge("\\x{1F600}|\\d", 0, "😀7۵", "a");
	S_edge("a{0,3}b", 0, "ab", "c");
	S_edge("a{2}", 1, "a", "b");
	S_edge("\\.", 1, ".", "\\");
	S_edge("\\p{Lu}", 0, "AÉ", "a");
	S_edge("\\P{L}", 0, "1 .", "a");
	/* nullable, unread or unbounded: no set at all */
	CU_ASSERT_PTR_NULL(tumen_srx_edge("", TUMEN_SRX_LAST));
	CU_ASSERT_PTR_NULL(tumen_srx_edge("a*", TUMEN_SRX_LAST));
	CU_ASSERT_PTR_NULL(tumen_srx_edge("(?:a|)", TUMEN_SRX_FIRST));
	CU_ASSERT_PTR_NULL(tumen_srx_edge("\\b", TUMEN_SRX_FIRST));
	CU_ASSERT_PTR_NULL(tumen_srx_edge("(?i)mr\\.", TUMEN_SRX_LAST));
	CU_ASSERT_PTR_NULL(tumen_srx_edge("(a)\\1", TUMEN_SRX_LAST));
	CU_ASSERT_PTR_NULL(tumen_srx_edge("a.", TUMEN_SRX_LAST));
	CU_ASSERT_PTR_NULL(tumen_srx_edge("\\w", TUMEN_SRX_FIRST));
	CU_ASSERT_PTR_NULL(tumen_srx_edge("[^abc]", TUMEN_SRX_FIRST)); /* any */
	CU_ASSERT_PTR_NULL(tumen_srx_edge("[[:L:]]", TUMEN_SRX_FIRST));
	CU_ASSERT_PTR_NULL(tumen_srx_edge("(?<n>a)", TUMEN_SRX_FIRST));
	CU_ASSERT_PTR_NULL(tumen_srx_edge("[a-c-e]", TUMEN_SRX_FIRST));
	CU_ASSERT_PTR_NULL(tumen_srx_edge("[abc", TUMEN_SRX_FIRST));
	CU_ASSERT_PTR_NULL(tumen_srx_edge("abc)", TUMEN_SRX_FIRST));
	/* what matches are made of: every atom, lookarounds left out */
	S_set("[.?!]+[\"'”]*", TUMEN_SRX_ALL, ".?!\"'”", "a ");
	S_set("\\b[A-Z][a-z]*\\.", TUMEN_SRX_ALL, "AZaz.", " 1");
	S_set("(?<=x)a(?!y)b*", TUMEN_SRX_ALL, "ab", "xy");
	S_set("", TUMEN_SRX_ALL, "", "a ."); /* the empty string only */
	CU_ASSERT_PTR_NULL(tumen_srx_edge("^a+", TUMEN_SRX_ALL));
	CU_ASSERT_PTR_NULL(tumen_srx_edge("\\Aa+", TUMEN_SRX_ALL));
	CU_ASSERT_PTR_NULL(tumen_srx_edge("a.+", TUMEN_SRX_ALL));
}

static tumen_srx *S_rules(const char *rules)
{
	static const char head[] =
		"<srx version=\"2.0\"><header cascade=\"no\"/><body>"
		"<languagerules><languagerule languagerulename=\"x\">";
	static const char tail[] =
		"</languagerule></languagerules><maprules><languagemap "
		"languagepattern=\".*\" languagerulename=\"x\"/></maprules>"
		"</body></srx>";
	size_t n = strlen(head) + strlen(rules) + strlen(tail);
	char *x = malloc(n + 1);
	tumen_srx *srx = NULL;
	tumen_error err;

	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	strcpy(x, head);
	strcat(x, rules);
	strcat(x, tail);
	CU_ASSERT_EQUAL(tumen_srx_parse(x, n, &srx, &err), TUMEN_OK);
	if (!srx)
		fprintf(stderr, "%s: %s\n", rules, err.msg);
	free(x);
	return srx;
}

/* The breaks of `text` under `rules`, filtered and not, must agree; or,
 * with `sub` (a break rule neither of whose patterns can be read, found
 * with ICU's find(), which skips overlapping matches), the filtered ones
 * must be some of the others. */
static void S_same(const char *rules, const char *text, int sub)
{
	tumen_srx *srx = S_rules(rules);
	size_t *a = NULL, *b = NULL, na = 0, nb = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(srx);
	CU_ASSERT_EQUAL(tumen_srx_split(srx, "x", text, strlen(text), &a, &na,
	                                NULL), TUMEN_OK);
	tumen_srx_set_filter(srx, 0);
	CU_ASSERT_EQUAL(tumen_srx_split(srx, "x", text, strlen(text), &b, &nb,
	                                NULL), TUMEN_OK);
	if (sub) {
		size_t i, j = 0;

		for (i = 0; i < na; i++) {
			while (j < nb && b[j] < a[i])
				j++;
			CU_ASSERT(j < nb && b[j] == a[i]);
		}
	} else {
		CU_ASSERT_EQUAL(na, nb);
		CU_ASSERT(na == nb && (!na || !memcmp(a, b, na * sizeof *a)));
		if (na != nb || (na && memcmp(a, b, na * sizeof *a)))
			fprintf(stderr, "differ: %s on '%s': %zu vs %zu\n",
			        rules, text, na, nb);
	}
	free(a);
	free(b);
	tumen_srx_free(srx);
}

#define R(brk, b, a) "<rule break=\"" brk "\"><beforebreak>" b \
	"</beforebreak><afterbreak>" a "</afterbreak></rule>"

static void t_same(void)
{
	static const char *const texts[] = {
		"Mr. Smith came. He saw Dr. No. It was 3.5 p.m. Yes! No? ok.",
		"a..b...c. .d e.\"f\" G. \"H?\" he said.  I. j",
		"«چرا؟» او پرسید. ج.ا.ا. گفت… و رفت. ۱۲٫۵ درصد.سپس خوابید.",
		"x😀. 😀y. \U0001F600\U0001F600.z",
		"He met Dr. Smith. Then Mr. Jones. Mr. X. ok!! Yes?! Dr. Aa.",
		"", ".", ". ", "a", "ab. cd",
		/* letters whose last byte is that of an ending character: ئ
		 * (D8 A6) of … (E2 80 A6), ٻ (D9 BB) of » (C2 BB) */
		"ئ. ئ… Xٻ» Y…ئ Z«ئ»ٻ. W…",
		"Dr. e.g. pp. 5 p. 6 xpp. i.e. ج.ا. ا. «x. Mr. ok. ie. eg.",
		"ج. ا. ا. نوشت. ر.ک. \xE2\x80\x8Cب. A. B. ok. J. K. Rowling.",
	};
	static const struct {
		const char *rules;
		int sub;
	} rules[] = {
		/* the built-in kind: exceptions before a general break */
		{ R("no", "\\b(?:Mr|Dr|No)\\.", "\\s")
		  R("no", "\\b\\p{Lu}\\.", "\\s")
		  R("yes", "[.?!…]+[\"'”»)]*", "\\s+[^\\s\\p{Ll}]")
		  R("yes", "[.؟!]{1,8}[»)]{0,8}",
		    "[\\p{Arabic}&amp;&amp;\\p{L}]"), 0 },
		/* nullable before or after: no filter on that side */
		{ R("yes", "", "\\s") R("no", "a*", "b*")
		  R("yes", "\\.", ""), 0 },
		/* both nullable: ICU's find() */
		{ R("yes", "", "\\s") R("yes", "\\.?", "")
		  R("no", "a*", "b*"), 1 },
		/* lookarounds, alternation with an empty branch, negation */
		{ R("no", "(?&lt;=M)r\\.", "(?=\\s)")
		  R("yes", "(?:\\.|!)", "[^a-z]")
		  R("yes", "[^\\s]", "\\s+\\P{Ll}"), 0 },
		/* back references and inline flags are not read */
		{ R("no", "(\\w)\\1\\.", "\\s") R("yes", "\\.", "\\s")
		  R("yes", "(?i)[A-Z]\\.", "x"), 0 },
		/* unbounded lookbehind: the window form, narrowed to what a
		 * match can be made of (here words, spaces and dots) */
		{ R("no", "\\b[A-Z][a-z]*\\.", "\\s")
		  R("yes", "\\.", "\\s"), 0 },
		{ R("no", "(?:Dr|Mr)\\. [A-Z][a-z]*\\.", "\\s")
		  R("yes", "[.?!]+", "\\s"), 0 },
		/* set beforebreaks with the start of the text (srx_lits.c) */
		{ R("no", "(?:^|[^\\p{L}\\p{M}\\u200C])\\p{L}\\.", "")
		  R("no", "\\b\\p{Lu}\\.", "\\s")
		  R("yes", "[.?!؟]+", "\\s"), 0 },
		/* literal beforebreaks (srx_lits.c): escapes, ?, multibyte */
		{ R("no", "\\b(?:e\\.g|i\\.e|pp?|ج\\.ا|\\u00ABx)\\.", "\\s")
		  R("no", "^(?:Dr|Mr)\\.", "")
		  R("yes", "[.?!»]+", "\\s"), 0 },
		/* astral characters on both sides */
		{ R("yes", "\\x{1F600}", "[\\x{1F600}\\s]")
		  R("yes", "\\.", "."), 0 },
	};
	size_t i, j;

	for (i = 0; i < sizeof rules / sizeof *rules; i++)
		for (j = 0; j < sizeof texts / sizeof *texts; j++)
			S_same(rules[i].rules, texts[j], rules[i].sub);
}

static void t_invalid_utf8(void)
{
	tumen_srx *srx = S_rules(R("yes", "\\.", "\\s"));
	size_t *b = NULL, n = 9;
	tumen_error err;

	CU_ASSERT_PTR_NOT_NULL_FATAL(srx);
	CU_ASSERT_EQUAL(tumen_srx_split(srx, "x", "ab. \xC3(. x", 10, &b, &n,
	                                &err), TUMEN_EUTF8);
	CU_ASSERT_EQUAL(err.byte, 4);
	CU_ASSERT_PTR_NULL(b);
	CU_ASSERT_EQUAL(n, 0);
	tumen_srx_free(srx);
}

/* utf16len.h's words of eight bytes count what bytes one by one count,
 * on well-formed and ill-formed text alike. */
static void t_utf16len(void)
{
	static const char *const pieces[] = {
		"a", "\xD8\xA6", "\xE2\x80\xA6", "\xF0\x9F\x98\x80", "\x80",
		"\xF4", "\xC3", " ",
	};
	unsigned char t[300];
	size_t n, i, k, bad = 0, trial;
	unsigned seed = 7;

	for (trial = 0; trial < 2000; trial++) {
		for (n = 0; n < 280;) {
			const char *p;
			seed = seed * 1103515245u + 12345u;
			p = pieces[(seed >> 16) % 8];
			memcpy(t + n, p, strlen(p));
			n += strlen(p);
			if ((seed >> 8) % 61 == 0)
				break;
		}
		for (i = 0; i <= n; i += 1 + i % 3) {
			size_t units = 0, at = 0, j = 0, want = 0, u = 0;
			for (k = 0; k < i; k++)
				units += tumen_u16_units1(t[k]);
			bad += tumen_u16_units(t, i) != units;
			/* seeking unit `units` from the start stops where the
			 * byte-by-byte walk does */
			while (j < n && (u < units || (t[j] & 0xC0) == 0x80))
				u += tumen_u16_units1(t[j++]);
			want = j;
			bad += tumen_u16_seek(t, n, 0, &at, units) != want || at != u;
		}
	}
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(tumen_u16_units((const unsigned char *)"ab\xF0\x9F\x98\x80"
	                                "\xD8\xA6\xE2\x80\xA6xyz", 14), 9);
}

/* bytescan.h finds what a byte-by-byte look at the table finds, for sets
 * of 1 to 17 bytes (17: the table alone), at every start. */
static void t_bytescan(void)
{
	static const tumen_bytes six = TUMEN_BYTES6('.', 0x9F, 0x94, 0xA6, 0, 0xFF);
	unsigned char t[200];
	size_t i, k, bad = 0, n;
	unsigned seed = 11;
	int size, c;

	for (size = 1; size <= 17; size++) {
		tumen_bytes b;

		memset(&b, 0, sizeof b);
		for (k = 0; k < (size_t)size; k++)
			b.in[(k * 97 + 13) & 255] = 1;
		tumen_bytes_list(&b);
		CU_ASSERT_EQUAL(b.n, size <= 16 ? size : -1);
		for (n = 0; n < sizeof t; n += 37) {
			for (i = 0; i < n; i++) {
				seed = seed * 1103515245u + 12345u;
				/* now and then a member */
				t[i] = (unsigned char)((seed >> 16) % 29 ? (seed >> 8) & 0xF7
				                                        : ((i * 97 + 13) & 255));
			}
			for (i = 0; i <= n; i++) {
				for (k = i; k < n && !b.in[t[k]]; k++)
					;
				bad += tumen_bytes_find(&b, t, i, n) != k;
			}
		}
	}
	CU_ASSERT_EQUAL(bad, 0);
	/* the constant lists what its table holds */
	for (c = 0, k = 0; c < 256; c++)
		k += six.in[c];
	CU_ASSERT_EQUAL(k, 6);
	for (i = 0; i < 6; i++)
		CU_ASSERT(six.in[six.v[i]]);
	CU_ASSERT_EQUAL(tumen_bytes_find(&six, (const unsigned char *)
	                                 "abcdefghijklmnopqrstuvwxyz0123"
	                                 "\xA6", 0, 31), 30);
}

/* tumen_digit_find finds the first ASCII digit a byte-by-byte look finds,
 * at every start, in random bytes of every value (digits now and then). */
static void t_digit_find(void)
{
	unsigned char t[200];
	size_t i, k, n, bad = 0;
	unsigned seed = 7;

	for (n = 0; n < sizeof t; n += 13) {
		for (i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			t[i] = (unsigned char)((seed >> 16) % 23 ? (seed >> 8)
			                                        : '0' + (seed >> 4) % 10);
			if (t[i] >= '0' && t[i] <= '9' && (seed >> 20) % 3)
				t[i] = (unsigned char)(t[i] ^ 0x80); /* near misses */
		}
		for (i = 0; i <= n; i++) {
			for (k = i; k < n && !(t[k] >= '0' && t[k] <= '9'); k++)
				;
			bad += tumen_digit_find(t, i, n) != k;
		}
	}
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(tumen_digit_find((const unsigned char *)
	                                 "/:abcdefghijklmnopqrstuvwxyz\xB0"
	                                 "9", 0, 30), 29);
}

/* The strings srx_lits.c reads off a pattern, "|"-joined in order, or
 * NULL for none. */
static void S_lits_start(const char *pat, int start, const char *want)
{
	tumen_srx_lits *l = tumen_srx_lits_read(pat, start);
	char got[512] = "";
	size_t i, k, o = 0;

	/* the start of the text as ^, a character of set k as [k], any
	 * character as [.] */
	for (i = 0; l && i < l->n; i++) {
		const unsigned char *t = (const unsigned char *)l->s[i];
		if (i)
			got[o++] = '|';
		for (k = 0; k < l->len[i] && o < sizeof got - 8; k++) {
			if (t[k] == 0xFE)
				got[o++] = '^';
			else if (t[k] == 0xFF && t[k + 1] == 0xFD)
				o += (size_t)snprintf(got + o, 8, "[.]"), k++;
			else if (t[k] == 0xFF)
				o += (size_t)snprintf(got + o, 8, "[%d]", t[++k]);
			else
				got[o++] = (char)t[k];
		}
		got[o] = '\0';
	}
	if (!want) {
		CU_ASSERT_PTR_NULL(l);
		if (l)
			fprintf(stderr, "\n  %s: got %s, want none\n", pat, got);
	} else {
		CU_ASSERT_STRING_EQUAL(got, want);
		if (strcmp(got, want))
			fprintf(stderr, "\n  %s: got %s, want %s\n", pat, got, want);
	}
	tumen_srx_lits_free(l);
}

static void S_lits(const char *pat, const char *want)
{
	S_lits_start(pat, 1, want);
}

/* A text and whether the strings read off a pattern end it. */
typedef struct {
	const char *text;
	size_t len;
	int want;
} S_end;

/* tumen_srx_lits_end() on each case, with the strings of pat (read as a
 * rule's beforebreak, sets included). */
static void S_ends(const char *pat, const S_end *c, size_t n)
{
	tumen_srx_lits *l = tumen_srx_lits_read(pat, 1);
	size_t k;

	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	for (k = 0; k < n; k++) {
		int got = tumen_srx_lits_end(l, c[k].text, c[k].len) != 0;
		CU_ASSERT_EQUAL(got, c[k].want);
		if (got != c[k].want)
			fprintf(stderr, "\n  %s: \"%.*s\" %d\n", pat,
			        (int)c[k].len, c[k].text, got);
	}
	tumen_srx_lits_free(l);
}

static void t_lits(void)
{
	static const S_end mr[] = {
		{ "Dear Mr.", 8, 1 }, { "a Ph.D. x", 7, 1 }, { "ج.", 3, 1 },
		{ "Dear Mr.", 7, 0 }, { "r.", 2, 0 }, { "PhD.", 4, 0 },
	};
	static const S_end one[] = {
		{ "x", 1, 1 }, { "zx", 2, 1 }, { "\xFFx", 2, 1 }, { "zab", 3, 1 },
		{ "zb", 2, 0 }, { "xa", 2, 0 }, { "", 0, 0 },
	};
	static const S_end sets[] = {
		{ "ج.", 3, 1 }, { "ب ج.", 6, 1 }, { "x «ج.", 7, 1 },
		{ "اج.", 5, 0 }, { " 3.", 3, 0 }, { "ج", 2, 0 }, { ".", 1, 0 },
		{ "xجy", 4, 1 }, { "axzy", 4, 1 }, { "xy", 2, 0 },
		{ "xzzy", 4, 0 },
	};

	S_lits("\\b(?:Mr|Mrs|Dr)\\.", "Mr.|Mrs.|Dr.");
	S_lits("\\b(?:No|pp?)\\.", "No.|pp.|p.");
	S_lits("(?:…|\\.\\.\\.)", "…|...");
	S_lits("^(a|b)(c|d)$", "^ac|^ad|^bc|^bd");
	S_lits_start("^(a|b)(c|d)$", 0, "ac|ad|bc|bd");
	S_lits("\\u0041\\-\\u06A9", "A-ک");
	S_lits("x\\b\\By\\z\\Z", "xy");
	S_lits("x\\Ay", "xy"); /* the start after something: dropped */
	/* classes, properties and '.': a character of a set */
	S_lits("[A-Z]\\.", "[0].");
	S_lits("\\p{Lu}\\.|\\d", "[0].|[1]");
	S_lits("a.", "a[.]");
	/* a negated class is any character (srx_scan.c cannot complement
	 * the superset it reads) */
	S_lits("(?:^|[^\\p{L}\\p{M}\\u200C])\\p{L}\\.", "^[0].|[.][0].");
	S_lits("(?:^|[^\\p{L}])(?:صص|هـ)\\.", "^صص.|^هـ.|[.]صص.|[.]هـ.");
	/* not read: quantifiers, flags, lookarounds, back references, the
	 * empty string, too many strings */
	S_lits("ab*", NULL);
	S_lits("ab+", NULL);
	S_lits("ab{2}", NULL);
	S_lits("ab??", NULL);
	S_lits("(?i)mr\\.", NULL);
	S_lits("(?<=x)y", NULL);
	S_lits("(a)\\1", NULL);
	S_lits("a?", NULL);
	S_lits("", NULL);
	S_lits("(?:a|)", NULL);
	S_lits("(a|b)(a|b)(a|b)(a|b)(a|b)(a|b)(a|b)(a|b)(a|b)", NULL);
	S_lits("(a", NULL);
	/* nesting: 16 groups are read, 17 are not, 100,000 do not crash */
	{
		char pat[200010];
		int d;
		for (d = 16; d <= 17; d++) {
			memset(pat, '(', (size_t)d);
			pat[d] = 'x';
			memset(pat + d + 1, ')', (size_t)d);
			pat[2 * d + 1] = '\0';
			S_lits(pat, d == 16 ? "x" : NULL);
		}
		memset(pat, '(', 100000);
		pat[100000] = 'x';
		memset(pat + 100001, ')', 100000);
		pat[200001] = '\0';
		S_lits(pat, NULL);
	}
	S_lits("a)", NULL);
	S_ends("\\b(?:Mr|Ph\\.D|ج)\\.", mr, sizeof mr / sizeof *mr);
	/* a one-byte string ends a text after any byte */
	S_ends("(?:x|ab)", one, sizeof one / sizeof *one);
	/* the start of the text, a set, a character of any kind */
	S_ends("(?:^|[\\s«])\\p{L}\\.|x.y", sets, sizeof sets / sizeof *sets);
}

static CU_TestInfo tests[] = {
	{ "characters at a pattern's edges", t_edges },
	{ "literal strings of a pattern", t_lits },
	{ "UTF-16 lengths of UTF-8, a word at a time", t_utf16len },
	{ "bytes of a set, sixteen at a time", t_bytescan },
	{ "digits, sixteen at a time", t_digit_find },
	{ "filtered runs break where unfiltered ones do", t_same },
	{ "invalid UTF-8 is refused", t_invalid_utf8 },
	CU_TEST_INFO_NULL
};

int suite_srx_scan(void)
{
	return test_add_suite("srx_scan", tests);
}
