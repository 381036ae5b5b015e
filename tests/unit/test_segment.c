/* Tests of segment.c: paragraphs, ICU sentences, English and Persian
 * rules, line numbers, presegmented input, long input. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "suites.h"
#include "doc.h"
#include "segment.h"

/* Segments `text` as language `lang` on `threads` threads; the caller
 * frees the document. */
static tumen_doc *S_seg_threads(const char *text, const char *lang,
                                int preseg, tumen_para_mode mode,
                                int threads)
{
	tumen_doc_opts o;
	tumen_error err;
	tumen_doc *d = tumen_doc_new("t", lang);

	tumen_doc_opts_init(&o);
	o.lang = lang;
	o.presegmented = preseg;
	o.para_mode = mode;
	o.threads = threads;
	tumen_error_clear(&err);
	CU_ASSERT_FATAL(d != NULL);
	CU_ASSERT_EQUAL(tumen_segment(text, strlen(text), &o, d, &err),
	                TUMEN_OK);
	CU_ASSERT_EQUAL(err.code, TUMEN_OK);
	return d;
}

static tumen_doc *S_seg(const char *text, const char *lang, int preseg,
                        tumen_para_mode mode)
{
	return S_seg_threads(text, lang, preseg, mode, 1);
}

/* Asserts that `d` holds exactly the NULL-terminated list `want`. */
static void S_expect(const tumen_doc *d, const char *const *want)
{
	size_t i;

	for (i = 0; want[i]; i++) {
		if (i >= tumen_doc_count(d)) {
			CU_FAIL("too few sentences");
			return;
		}
		CU_ASSERT_STRING_EQUAL(tumen_doc_sentence(d, i, NULL), want[i]);
	}
	CU_ASSERT_EQUAL(tumen_doc_count(d), i);
}

static void S_check(const char *text, const char *lang,
                    const char *const *want)
{
	tumen_doc *d = S_seg(text, lang, 0, TUMEN_PARA_BLANK);

	S_expect(d, want);
	tumen_doc_free(d);
}

static void t_en_icu_abbrev(void)
{
	static const char *const want[] = {
		"Mr. Smith said the U.S. economy grew 3.5 percent on Jan. 5 "
		"in New York.",
		"He said \"Yes.\"",
		"Then he left.",
		"Is it true?",
		"No!",
		NULL
	};
	S_check("Mr. Smith said the U.S. economy grew 3.5 percent on Jan. 5 "
	        "in New York. He said \"Yes.\" Then he left. Is it true? No!",
	        "en", want);
}

static void t_en_initials(void)
{
	static const char *const want[] = {
		"J. K. Rowling met George W. Bush.",
		"They talked about Plan \"B.\"",
		"It failed.",
		NULL
	};
	/* a quote closed after the initial ends the sentence */
	S_check("J. K. Rowling met George W. Bush. They talked about "
	        "Plan \"B.\" It failed.", "en", want);
}

static void t_en_titles(void)
{
	static const char *const want[] = {
		"Gen. Lee and Sen. Byrd met Dr. Jones at St. Paul.",
		"No. 5 won, Gov. Brown said.",
		"Fruit, nuts etc. are good at 5 p.m. in May.",
		"It ended at 5 p.m.",
		"The vote was close.",
		"It is Kansas vs. Texas.",
		"They sell nuts etc.",
		"The shop opens at 9 a.m.",
		"Sales rose.",
		NULL
	};
	S_check("Gen. Lee and Sen. Byrd met Dr. Jones at St. Paul. "
	        "No. 5 won, Gov. Brown said. "
	        "Fruit, nuts etc. are good at 5 p.m. in May. "
	        "It ended at 5 p.m. The vote was close. "
	        "It is Kansas vs. Texas. They sell nuts etc. The shop opens "
	        "at 9 a.m. Sales rose.", "en", want);
}

static void t_fa_numbers(void)
{
	static const char *const want[] = {
		"تورم ۱۲٫۵ درصد و رشد 3.5 درصد و 1.5 میلیارد بود.",
		"بانک مرکزی این را در سال ۱۴۰۲ گفت.",
		"سپس رشد ۲٫۱ بود.", "پایان.",
		NULL
	};
	S_check("تورم ۱۲٫۵ درصد و رشد 3.5 درصد و 1.5 میلیارد بود. "
	        "بانک مرکزی این را در سال ۱۴۰۲ گفت. سپس رشد ۲٫۱ بود. پایان.",
	        "fa", want);
}

static void t_fa_terminals(void)
{
	static const char *const want[] = {
		"آیا او آمد؟", "بله!", "او دیروز رسید.", "شاید…", "نه...",
		"تمام شد", NULL
	};
	S_check("آیا او آمد؟ بله! او دیروز رسید. شاید… نه... تمام شد",
	        "fa", want);
}

/* Closing quotes stay with their sentence; a question mark closing a
 * quotation followed by its attribution is not a boundary (the built-in
 * SRX rules, documented in data/tumen.srx). */
static void t_fa_quotes(void)
{
	static const char *const want[] = {
		"«او گفت: این خوب است.»", "سپس رفت.", "«چرا؟» او پرسید.", NULL
	};
	S_check("«او گفت: این خوب است.» سپس رفت. «چرا؟» او پرسید.", "fa",
	        want);
}

static void t_fa_initials_continuers(void)
{
	static const char *const want[] = {
		"ج. ا. ا. کشوری در آسیا است.",
		"نسخه v. 2 آمد، و این است. ، ادامه دارد.",
		"پایان.",
		NULL
	};
	S_check("ج. ا. ا. کشوری در آسیا است. نسخه v. 2 آمد، و این است. ، "
	        "ادامه دارد. پایان.", "fa", want);
}

/* "ar" uses the Persian rules: '؟' splits, "3.5" does not. */
static void t_ar_uses_fa_rules(void)
{
	static const char *const want[] = { "ما هذا؟", "رقم 3.5 فقط.", NULL };

	S_check("ما هذا؟ رقم 3.5 فقط.", "ar", want);
}

/* Languages without rules of their own get ICU's boundaries only: the
 * English title rule does not apply to German. */
static void t_other_language(void)
{
	static const char *const de[] = { "Er ging.", "Sie kam.", NULL };
	static const char *const en[] = { "He met Gen. Lee.", NULL };
	static const char *const de_gen[] = { "Er traf Gen.", "Lee.", NULL };

	S_check("Er ging. Sie kam.", "de", de);
	S_check("He met Gen. Lee.", "en", en);
	S_check("Er traf Gen. Lee.", "de", de_gen);
}

static void t_paragraphs_blank(void)
{
	tumen_doc *d = S_seg("\n\nOne. Two.\n\n\n  \t\nThree.\n"
	                     "\xC2\xA0\n\nFour.", "en", 0, TUMEN_PARA_BLANK);
	static const size_t para[] = { 0, 0, 1, 2 };
	static const unsigned long line[] = { 3, 3, 7, 10 };
	size_t i;

	CU_ASSERT_EQUAL_FATAL(tumen_doc_count(d), 4);
	for (i = 0; i < 4; i++) {
		CU_ASSERT_EQUAL(tumen_doc_paragraph(d, i), para[i]);
		CU_ASSERT_EQUAL(tumen_doc_line(d, i), line[i]);
	}
	CU_ASSERT_STRING_EQUAL(tumen_doc_sentence(d, 3, NULL), "Four.");
	tumen_doc_free(d);
}

static void t_paragraphs_line(void)
{
	tumen_doc *d = S_seg("One. Two\ncontinues\n\nThree.\n", "en", 0,
	                     TUMEN_PARA_LINE);

	/* "One." is a sentence of its own: "Two" starts upper-case */
	CU_ASSERT_EQUAL_FATAL(tumen_doc_count(d), 4);
	CU_ASSERT_STRING_EQUAL(tumen_doc_sentence(d, 0, NULL), "One.");
	CU_ASSERT_STRING_EQUAL(tumen_doc_sentence(d, 1, NULL), "Two");
	CU_ASSERT_STRING_EQUAL(tumen_doc_sentence(d, 2, NULL), "continues");
	CU_ASSERT_EQUAL(tumen_doc_paragraph(d, 1), 0);
	CU_ASSERT_EQUAL(tumen_doc_paragraph(d, 2), 1);
	CU_ASSERT_EQUAL(tumen_doc_paragraph(d, 3), 2);
	CU_ASSERT_EQUAL(tumen_doc_line(d, 3), 4);
	tumen_doc_free(d);
}

static void t_presegmented(void)
{
	tumen_doc *d = S_seg("\nFirst. Still first\nSecond\n\n\n Third. \n",
	                     "en", 1, TUMEN_PARA_BLANK);

	CU_ASSERT_EQUAL_FATAL(tumen_doc_count(d), 3);
	CU_ASSERT_STRING_EQUAL(tumen_doc_sentence(d, 0, NULL),
	                       "First. Still first");
	CU_ASSERT_STRING_EQUAL(tumen_doc_sentence(d, 2, NULL), "Third.");
	CU_ASSERT_EQUAL(tumen_doc_paragraph(d, 1), 0);
	CU_ASSERT_EQUAL(tumen_doc_paragraph(d, 2), 1);
	CU_ASSERT_EQUAL(tumen_doc_line(d, 0), 2);
	CU_ASSERT_EQUAL(tumen_doc_line(d, 1), 3);
	CU_ASSERT_EQUAL(tumen_doc_line(d, 2), 6);
	tumen_doc_free(d);
	/* with TUMEN_PARA_LINE every line is also a paragraph */
	d = S_seg("a\nb\n\nc", "en", 1, TUMEN_PARA_LINE);
	CU_ASSERT_EQUAL_FATAL(tumen_doc_count(d), 3);
	CU_ASSERT_EQUAL(tumen_doc_paragraph(d, 1), 1);
	CU_ASSERT_EQUAL(tumen_doc_paragraph(d, 2), 2);
	CU_ASSERT_EQUAL(tumen_doc_line(d, 2), 4);
	tumen_doc_free(d);
}

static void t_empty(void)
{
	const char *in[] = { "", "\n\n", "  \t \n \n", "\xE2\x80\x83\n", NULL };
	size_t i;

	for (i = 0; in[i]; i++) {
		tumen_doc *d = S_seg(in[i], "en", 0, TUMEN_PARA_BLANK);
		CU_ASSERT_EQUAL(tumen_doc_count(d), 0);
		tumen_doc_free(d);
		d = S_seg(in[i], "fa", 1, TUMEN_PARA_BLANK);
		CU_ASSERT_EQUAL(tumen_doc_count(d), 0);
		tumen_doc_free(d);
	}
}

/* A single newline inside a paragraph is a soft wrap: no boundary, and
 * each sentence gets the line where it starts. */
static void t_soft_wrap(void)
{
	tumen_doc *d = S_seg("The talks in\nGeneva ended. Both\nsides left.\n"
	                     "They will meet\n\nagain.", "en", 0,
	                     TUMEN_PARA_BLANK);

	CU_ASSERT_EQUAL_FATAL(tumen_doc_count(d), 4);
	CU_ASSERT_STRING_EQUAL(tumen_doc_sentence(d, 0, NULL),
	                       "The talks in Geneva ended.");
	CU_ASSERT_STRING_EQUAL(tumen_doc_sentence(d, 1, NULL),
	                       "Both sides left.");
	CU_ASSERT_STRING_EQUAL(tumen_doc_sentence(d, 2, NULL),
	                       "They will meet");
	CU_ASSERT_EQUAL(tumen_doc_line(d, 0), 1);
	CU_ASSERT_EQUAL(tumen_doc_line(d, 1), 2);
	CU_ASSERT_EQUAL(tumen_doc_line(d, 2), 4);
	CU_ASSERT_EQUAL(tumen_doc_line(d, 3), 6);
	tumen_doc_free(d);
}

/* A sentence that starts right after a wrap gets the next line. */
static void t_wrap_at_boundary(void)
{
	tumen_doc *d = S_seg("گفت.\nسپس\u2028رفت؟\n  باز آمد.", "fa", 0,
	                     TUMEN_PARA_BLANK);

	CU_ASSERT_EQUAL_FATAL(tumen_doc_count(d), 3);
	CU_ASSERT_STRING_EQUAL(tumen_doc_sentence(d, 1, NULL),
	                       "سپس\u2028رفت؟");
	CU_ASSERT_EQUAL(tumen_doc_line(d, 0), 1);
	CU_ASSERT_EQUAL(tumen_doc_line(d, 1), 2);
	CU_ASSERT_EQUAL(tumen_doc_line(d, 2), 3);
	tumen_doc_free(d);
}

static void t_no_final_punct(void)
{
	static const char *const en[] = { "a headline without a full stop",
	                                  NULL };
	static const char *const fa[] = { "تیتر خبر بدون نقطه", NULL };

	S_check("a headline without a full stop\n", "en", en);
	S_check("تیتر خبر بدون نقطه", "fa", fa);
}

/* 1 MB without punctuation is one sentence and takes well under a
 * second (a quadratic scan would take minutes). */
static void t_long_line(void)
{
	const size_t n = 1 << 20;
	char *s = malloc(n + 1);
	const char *langs[] = { "en", "fa", "de" };
	tumen_doc *d;
	clock_t t0;
	size_t i, len;

	CU_ASSERT_FATAL(s != NULL);
	for (i = 0; i < n; i++)
		s[i] = i % 7 == 6 ? ' ' : 'a' + i % 7;
	s[n - 1] = ' ';
	s[n] = '\0';
	for (i = 0; i < 3; i++) {
		t0 = clock();
		d = S_seg(s, langs[i], 0, TUMEN_PARA_BLANK);
		CU_ASSERT((double)(clock() - t0) / CLOCKS_PER_SEC < 5.0);
		CU_ASSERT_EQUAL(tumen_doc_count(d), 1);
		tumen_doc_sentence(d, 0, &len);
		CU_ASSERT_EQUAL(len, n - 1); /* the trailing space trimmed */
		tumen_doc_free(d);
	}
	free(s);
}

/* Many sentences in many paragraphs: one iterator, linear time. */
static void t_many_sentences(void)
{
	const char *unit = "Mr. Smith said the economy grew 3.5 percent on "
	                   "Jan. 5.\nIs it true? ";
	const size_t per = 5, paras = 4000, ulen = strlen(unit);
	char *s = malloc(paras * (per * ulen + 2) + 1), *p = s;
	tumen_doc *d;
	clock_t t0;
	size_t i, j;

	CU_ASSERT_FATAL(s != NULL);
	for (i = 0; i < paras; i++) {
		for (j = 0; j < per; j++, p += ulen)
			memcpy(p, unit, ulen);
		memcpy(p, "\n\n", 2);
		p += 2;
	}
	*p = '\0';
	t0 = clock();
	d = S_seg(s, "en", 0, TUMEN_PARA_BLANK);
	CU_ASSERT((double)(clock() - t0) / CLOCKS_PER_SEC < 5.0);
	CU_ASSERT_EQUAL_FATAL(tumen_doc_count(d), paras * per * 2);
	CU_ASSERT_EQUAL(tumen_doc_paragraph(d, paras * per * 2 - 1),
	                paras - 1);
	/* a paragraph spans per + 1 lines, then one blank line */
	CU_ASSERT_EQUAL(tumen_doc_line(d, per * 2), 1 + (per + 2));
	CU_ASSERT_EQUAL(tumen_doc_line(d, per * 2 + 1), 2 + (per + 2));
	CU_ASSERT_EQUAL(tumen_doc_line(d, paras * per * 2 - 1),
	                1 + (paras - 1) * (per + 2) + per);
	CU_ASSERT_STRING_EQUAL(tumen_doc_sentence(d, 0, NULL),
	                       "Mr. Smith said the economy grew 3.5 percent "
	                       "on Jan. 5.");
	tumen_doc_free(d);
	free(s);
}

/* A language tag cannot smuggle ICU keywords in; NULL options are the
 * defaults (English, blank-line paragraphs). */
static void t_odd_options(void)
{
	static const char *const want[] = { "Dr. Who came.", "He left.",
	                                    NULL };
	tumen_doc *d = tumen_doc_new(NULL, NULL);
	const char *text = "Dr. Who came. He left.";

	S_check(text, "en@ss=none", want);
	S_check(text, "en-US", want);
	CU_ASSERT_EQUAL(tumen_segment(text, strlen(text), NULL, d, NULL),
	                TUMEN_OK);
	S_expect(d, want);
	CU_ASSERT_EQUAL(tumen_segment(NULL, 3, NULL, d, NULL), TUMEN_EINVAL);
	tumen_doc_free(d);
}

/* Whether a and b hold the same sentences, paragraphs and lines. */
static int S_same_doc(const tumen_doc *a, const tumen_doc *b)
{
	size_t i, n = tumen_doc_count(a);

	if (n != tumen_doc_count(b))
		return 0;
	for (i = 0; i < n; i++)
		if (strcmp(tumen_doc_sentence(a, i, NULL),
		           tumen_doc_sentence(b, i, NULL)) ||
		    tumen_doc_paragraph(a, i) != tumen_doc_paragraph(b, i) ||
		    tumen_doc_line(a, i) != tumen_doc_line(b, i))
			return 0;
	return 1;
}

/* A long text segmented in two parts at once (threads = 2, cut at a
 * paragraph in its second half) gives the document one thread gives:
 * English and Persian, paragraphs by blank lines (runs of them, soft
 * wraps, a paragraph empty of sentences) or by lines, and a text of one
 * paragraph, which is not cut. */
static void t_two_parts(void)
{
	static const char *const en[] = {
		"Mr. Smith said the economy grew 3.5 percent on Jan. 5. ",
		"Is it true?\n",
		"The U.S. Senate met at 10 a.m. and \nadjourned. ",
		"\n\n\n",
		"   \n",
		"\"Where?\" she asked. No. 7 won.\n\n",
	};
	static const char *const fa[] = {
		"\u0627\u0642\u062a\u0635\u0627\u062f \u06f3\u066b\u06f5 "
		"\u062f\u0631\u0635\u062f \u0631\u0634\u062f \u06a9\u0631\u062f. ",
		"\u0622\u06cc\u0627 \u062f\u0631\u0633\u062a \u0627\u0633\u062a\u061f\n",
		"\u00ab\u0686\u0631\u0627\u061f\u00bb \u0627\u0648 "
		"\u067e\u0631\u0633\u06cc\u062f.\n\n",
	};
	const size_t size = (size_t)600 << 10;
	char *s = malloc(size + 256);
	int lang, mode;

	CU_ASSERT_FATAL(s != NULL);
	for (lang = 0; lang < 2; lang++) {
		const char *const *u = lang ? fa : en;
		size_t nu = lang ? 3 : 6, len = 0, k = 0;
		while (len < size) {
			size_t l = strlen(u[k % nu]);
			memcpy(s + len, u[k % nu], l);
			len += l;
			k += 1 + k / 7 % 2; /* uneven paragraphs */
		}
		s[len] = '\0';
		for (mode = 0; mode < 2; mode++) {
			tumen_para_mode pm = mode ? TUMEN_PARA_LINE : TUMEN_PARA_BLANK;
			const char *lg = lang ? "fa" : "en";
			tumen_doc *one = S_seg_threads(s, lg, 0, pm, 1);
			tumen_doc *two = S_seg_threads(s, lg, 0, pm, 2);
			CU_ASSERT(tumen_doc_count(one) > 10000);
			CU_ASSERT(S_same_doc(one, two));
			tumen_doc_free(one);
			tumen_doc_free(two);
		}
	}
	/* one paragraph: no blank line to cut at */
	{
		size_t len = 0;
		tumen_doc *one, *two;
		while (len < size) {
			memcpy(s + len, "A sentence here. ", 17);
			len += 17;
		}
		s[len] = '\0';
		one = S_seg_threads(s, "en", 0, TUMEN_PARA_BLANK, 1);
		two = S_seg_threads(s, "en", 0, TUMEN_PARA_BLANK, 2);
		CU_ASSERT(S_same_doc(one, two));
		CU_ASSERT_EQUAL(tumen_doc_paragraph(two,
		                                    tumen_doc_count(two) - 1), 0);
		tumen_doc_free(one);
		tumen_doc_free(two);
	}
	free(s);
}

static CU_TestInfo tests[] = {
	{ "english: ICU abbreviations, quotes", t_en_icu_abbrev },
	{ "english: single-letter initials", t_en_initials },
	{ "english: titles, No., etc., p.m.", t_en_titles },
	{ "persian: numbers do not split", t_fa_numbers },
	{ "persian: terminal points split", t_fa_terminals },
	{ "persian: quotations", t_fa_quotes },
	{ "persian: initials and continuers", t_fa_initials_continuers },
	{ "arabic uses the persian rules", t_ar_uses_fa_rules },
	{ "other languages: ICU only", t_other_language },
	{ "blank-line paragraphs and lines", t_paragraphs_blank },
	{ "line paragraphs", t_paragraphs_line },
	{ "presegmented input", t_presegmented },
	{ "white space only gives nothing", t_empty },
	{ "soft wraps and line numbers", t_soft_wrap },
	{ "wrap at a boundary", t_wrap_at_boundary },
	{ "no final punctuation", t_no_final_punct },
	{ "1 MB line", t_long_line },
	{ "40000 sentences", t_many_sentences },
	{ "a long text in two parts at once: the same document", t_two_parts },
	{ "language tags and NULL options", t_odd_options },
	CU_TEST_INFO_NULL
};

int suite_segment(void) { return test_add_suite("segment", tests); }
