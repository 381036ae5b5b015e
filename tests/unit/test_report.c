/* Tests of report.c and report_html.c: coverage counts, the omitted and
 * added lists with their neighbours, the suspicious-bead checks, and the
 * JSON and HTML renderers on hostile text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tumen/report.h>
#include "align_internal.h"
#include "suites.h"

/* An alignment made by hand: beads as {src, nsrc, tgt, ntgt, score}. */
static tumen_alignment *S_align(const tumen_bead *b, size_t n)
{
	tumen_alignment *a = calloc(1, sizeof *a);

	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	a->beads = malloc(n * sizeof *b);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a->beads);
	memcpy(a->beads, b, n * sizeof *b);
	a->n = a->cap = n;
	a->parallel = 1;
	return a;
}

/* A one-document report of src/tgt (one sentence per line) and beads. */
static tumen_report *S_report(const char *src, const char *tgt,
                              const tumen_bead *b, size_t n,
                              const tumen_report_opts *o)
{
	tumen_doc *s = test_doc(src, "en"), *t = test_doc(tgt, "fa");
	tumen_alignment *a = S_align(b, n);
	tumen_report *r = NULL;

	CU_ASSERT_EQUAL_FATAL(tumen_report_new(o, &r), TUMEN_OK);
	CU_ASSERT_EQUAL(tumen_report_add(r, "doc", s, t, a), TUMEN_OK);
	tumen_alignment_free(a);
	tumen_doc_free(s);
	tumen_doc_free(t);
	return r;
}

/* Renders r with `write` into a malloc'd string. */
static char *S_render(const tumen_report *r,
                     tumen_status (*write)(const tumen_report *, FILE *))
{
	char *p = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&p, &len);

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(write(r, f), TUMEN_OK);
	fclose(f);
	return p;
}

static const tumen_bead S_mixed[] = {
	{ 0, 1, 0, 1, 0.95 }, /* 1-1 */
	{ 1, 1, 1, 0, 0.80 }, /* 1-0: source 1 omitted */
	{ 2, 0, 1, 1, 0.70 }, /* 0-1: target 1 added */
	{ 2, 2, 2, 2, 0.60 }, /* 2-2 */
};

static void t_shares(void)
{
	tumen_report *r = S_report("One.\nTwo.\nThree.\nFour.\n",
	                           "a.\nb.\nc.\nd.\n", S_mixed, 4, NULL);
	tumen_report_stats s;

	tumen_report_stats_get(r, 0, &s);
	CU_ASSERT_EQUAL(s.src_sentences, 4);
	CU_ASSERT_EQUAL(s.tgt_sentences, 4);
	CU_ASSERT_EQUAL(s.src_covered, 3);
	CU_ASSERT_EQUAL(s.tgt_covered, 3);
	CU_ASSERT_EQUAL(s.beads, 4);
	CU_ASSERT_EQUAL(s.shapes[1][1], 1);
	CU_ASSERT_EQUAL(s.shapes[1][0], 1);
	CU_ASSERT_EQUAL(s.shapes[0][1], 1);
	CU_ASSERT_EQUAL(s.shapes[2][2], 1);
	CU_ASSERT_EQUAL(s.omitted, 1);
	CU_ASSERT_EQUAL(s.added, 1);
	CU_ASSERT_DOUBLE_EQUAL(s.score_sum, 0.95 + 0.60, 1e-12);
	tumen_report_free(r);
}

/* Omissions at the start, the middle and the end: neighbours are clipped
 * at the document's edges and widen with the context option. */
static void t_neighbours(void)
{
	static const tumen_bead b[] = {
		{ 0, 1, 0, 0, 0.9 }, { 1, 1, 0, 1, 0.9 }, { 2, 1, 1, 1, 0.9 },
		{ 3, 1, 2, 0, 0.9 }, { 4, 1, 2, 1, 0.9 }, { 5, 1, 3, 0, 0.9 },
	};
	tumen_report_opts o;
	tumen_report *r;
	const tumen_report_item *it;
	size_t n, lo, hi;

	tumen_report_opts_init(&o);
	r = S_report("S0.\nS1.\nS2.\nS3.\nS4.\nS5.\n", "T0.\nT1.\nT2.\n", b, 6, &o);
	it = tumen_report_items(r, 0, TUMEN_REPORT_OMITTED, &n);
	CU_ASSERT_EQUAL_FATAL(n, 3);
	CU_ASSERT(it[0].bead == 0 && it[1].bead == 3 && it[2].bead == 5);
	tumen_report_context(r, 0, 0, 0, &lo, &hi);
	CU_ASSERT(lo == 0 && hi == 2);  /* nothing before, S1 after */
	tumen_report_context(r, 0, 0, 3, &lo, &hi);
	CU_ASSERT(lo == 2 && hi == 5);  /* S2 before, S4 after */
	tumen_report_context(r, 0, 0, 5, &lo, &hi);
	CU_ASSERT(lo == 4 && hi == 6);  /* S4 before, nothing after */
	CU_ASSERT_STRING_EQUAL(tumen_report_sentence(r, 0, 0, 4, NULL), "S4.");
	CU_ASSERT_PTR_NULL(tumen_report_items(r, 0, TUMEN_REPORT_ADDED, &n));
	CU_ASSERT_EQUAL(n, 0);
	tumen_report_free(r);
	o.context = 2;
	r = S_report("S0.\nS1.\nS2.\nS3.\nS4.\nS5.\n", "T0.\nT1.\nT2.\n", b, 6, &o);
	tumen_report_context(r, 0, 0, 3, &lo, &hi);
	CU_ASSERT(lo == 1 && hi == 6);
	tumen_report_context(r, 0, 1, 1, &lo, &hi); /* target side */
	CU_ASSERT(lo == 0 && hi == 3);
	tumen_report_free(r);
}

/* The reasons of the only bead of a one-bead pair src/tgt. */
static unsigned S_reasons(const char *src, const char *tgt, double score)
{
	tumen_bead b = { 0, 1, 0, 1, 0 };
	tumen_report *r;
	const tumen_report_item *it;
	size_t n;
	unsigned why;

	b.score = score;
	r = S_report(src, tgt, &b, 1, NULL);
	it = tumen_report_items(r, 0, TUMEN_REPORT_SUSPICIOUS, &n);
	why = n ? it[0].reasons : 0;
	tumen_report_free(r);
	return why;
}

static void t_numbers(void)
{
	/* Persian digits, the Arabic decimal separator: the same numbers */
	CU_ASSERT_EQUAL(S_reasons("Prices rose 12.5 percent to 450 rials.\n",
	        "قیمت‌ها ۱۲٫۵ درصد بالا رفت و به ۴۵۰ ریال رسید.\n", 0.9), 0);
	CU_ASSERT_EQUAL(S_reasons("Prices rose 12.5 percent to 450 rials.\n",
	        "قیمت‌ها ۱۲٫۵ درصد بالا رفت و به ۴۸۰ ریال رسید.\n", 0.9),
	        TUMEN_SUSPECT_NUMBERS);
	/* a number missing from one side */
	CU_ASSERT_EQUAL(S_reasons("He scored 2 goals.\n", "او گل زد.\n", 0.9),
	        TUMEN_SUSPECT_NUMBERS);
	/* "41,000" written as "41 thousand", and the other way round */
	CU_ASSERT_EQUAL(S_reasons("More than 41,000 fans came.\n",
	        "بیش از ۴۱ هزار هوادار آمدند.\n", 0.9), 0);
	CU_ASSERT_EQUAL(S_reasons("It cost 1.2 million francs.\n",
	        "هزینه آن 1200000 فرانک بود.\n", 0.9), 0);
	CU_ASSERT_EQUAL(S_reasons("More than 41,000 fans came.\n",
	        "بیش از ۴۲ هزار هوادار آمدند.\n", 0.9), TUMEN_SUSPECT_NUMBERS);
	/* score below the threshold, numbers fine */
	CU_ASSERT_EQUAL(S_reasons("Hello there.\n", "سلام.\n", 0.3),
	        TUMEN_SUSPECT_SCORE);
}

/* Eight 1-1 beads of about the same length ratio and one whose target is
 * ten times too long: only that one departs from the norm. */
static void t_ratio(void)
{
	tumen_bead b[9];
	char src[1024] = "", tgt[4096] = "";
	const tumen_report_item *it;
	tumen_report *r;
	size_t i, n;

	for (i = 0; i < 9; i++) {
		tumen_bead x = { i, 1, i, 1, 0.99 };
		b[i] = x;
		strcat(src, "The river rose again today.\n");
		strcat(tgt, i == 4 ? "رودخانه امروز دوباره بالا آمد و خانه‌های "
		       "بسیاری را در سراسر دره و روستاهای اطراف آن زیر آب برد و "
		       "مردم ناچار شدند شب را در مدرسه‌ها و مسجدها بگذرانند.\n" :
		       "رودخانه امروز دوباره بالا آمد.\n");
	}
	r = S_report(src, tgt, b, 9, NULL);
	it = tumen_report_items(r, 0, TUMEN_REPORT_SUSPICIOUS, &n);
	CU_ASSERT_EQUAL_FATAL(n, 1);
	CU_ASSERT_EQUAL(it[0].bead, 4);
	CU_ASSERT_EQUAL(it[0].reasons, TUMEN_SUSPECT_RATIO);
	CU_ASSERT(it[0].ratio_dev > 2.5);
	tumen_report_free(r);
}

/* ---- a small JSON checker: accepts exactly RFC 8259 values ---- */

static const char *S_jvalue(const char *p);

static const char *S_jws(const char *p)
{
	while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
		p++;
	return p;
}

static const char *S_jstring(const char *p)
{
	if (*p++ != '"')
		return NULL;
	for (; *p != '"'; p++) {
		if ((unsigned char)*p < 0x20)
			return NULL; /* raw control character (or the end) */
		if (*p == '\\') {
			p++;
			if (*p == 'u') {
				int k;
				for (k = 1; k <= 4; k++)
					if (!strchr("0123456789abcdefABCDEF", p[k]) || !p[k])
						return NULL;
				p += 4;
			} else if (!*p || !strchr("\"\\/bfnrt", *p)) {
				return NULL;
			}
		}
	}
	return p + 1;
}

static const char *S_jlist(const char *p, char close, int keys)
{
	p = S_jws(p + 1);
	if (*p == close)
		return p + 1;
	for (;;) {
		if (keys) {
			if (!(p = S_jstring(S_jws(p))) || *(p = S_jws(p)) != ':')
				return NULL;
			p++;
		}
		if (!(p = S_jvalue(p)))
			return NULL;
		p = S_jws(p);
		if (*p == close)
			return p + 1;
		if (*p++ != ',')
			return NULL;
	}
}

static const char *S_jvalue(const char *p)
{
	char *end;

	p = S_jws(p);
	if (*p == '{')
		return S_jlist(p, '}', 1);
	if (*p == '[')
		return S_jlist(p, ']', 0);
	if (*p == '"')
		return S_jstring(p);
	if (!strncmp(p, "true", 4) || !strncmp(p, "null", 4))
		return p + 4;
	if (!strncmp(p, "false", 5))
		return p + 5;
	if (*p != '-' && (*p < '0' || *p > '9'))
		return NULL;
	strtod(p, &end);
	return end > p ? end : NULL;
}

static int S_json_ok(const char *s)
{
	const char *end = S_jvalue(s);

	return end && !*S_jws(end);
}

static void t_json_checker(void)
{
	CU_ASSERT(S_json_ok("{\"a\": [1, -2.5e3, \"x\\u00e9\\n\"], \"b\": {}}"));
	CU_ASSERT(!S_json_ok("{\"a\": \"tab\there\"}"));
	CU_ASSERT(!S_json_ok("{\"a\": \"bad \\x escape\"}"));
	CU_ASSERT(!S_json_ok("{\"a\": 1,}"));
}

static const char S_tricky_src[] =
	"He said \"no\" \\ then left\x01 <b>&amp;</b>.\n"
	"Second one.\n"
	"Third \"one\".\n";
static const char S_tricky_tgt[] =
	"او گفت «نه» و رفت.\n"
	"«دومی» \\ \"quoted\".\n";

static void t_json_tricky(void)
{
	static const tumen_bead b[] = {
		{ 0, 1, 0, 1, 0.3 }, { 1, 1, 1, 1, 0.4 }, { 2, 1, 2, 0, 0.7 },
	};
	tumen_report *r = S_report(S_tricky_src, S_tricky_tgt, b, 3, NULL);
	char *js;

	CU_ASSERT_EQUAL(tumen_report_add_failed(r, "bad\"id\n", "x\\y"), TUMEN_OK);
	js = S_render(r, tumen_report_write_json);
	CU_ASSERT(S_json_ok(js));
	CU_ASSERT_PTR_NOT_NULL(strstr(js, "He said \\\"no\\\" \\\\ then left\\u0001"));
	CU_ASSERT_PTR_NOT_NULL(strstr(js, "«دومی» \\\\ \\\"quoted\\\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(js, "\"bad\\\"id\\n\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(js, "\"before\": [{\"src\": 1, \"text\": "
	                                  "\"Second one.\"}]"));
	free(js);
	tumen_report_free(r);
}

static void t_html_escape(void)
{
	static const tumen_bead b[] = {
		{ 0, 1, 0, 0, 0.9 }, { 1, 1, 0, 1, 0.95 }, { 2, 0, 1, 1, 0.5 },
	};
	tumen_report *r = S_report("<script>alert('x')</script> & co.\n"
	                           "Fine.\n", "خوب.\n</td><b>زیاد</b>\n",
	                           b, 3, NULL);
	char *h = S_render(r, tumen_report_write_html), *p;
	int scripts = 0;

	for (p = h; (p = strstr(p, "<script")); p++)
		scripts++;
	CU_ASSERT_EQUAL(scripts, 1); /* ours, at the end */
	CU_ASSERT_PTR_NOT_NULL(strstr(h, "&lt;script&gt;alert(&#39;x&#39;)"
	                                 "&lt;/script&gt; &amp; co."));
	CU_ASSERT_PTR_NOT_NULL(strstr(h, "&lt;/td&gt;&lt;b&gt;زیاد"));
	CU_ASSERT_PTR_NULL(strstr(h, "<b>زیاد"));
	CU_ASSERT_PTR_NOT_NULL(strstr(h, "<meta charset=\"utf-8\">"));
	CU_ASSERT_PTR_NOT_NULL(strstr(h, "<html lang=\"en\">"));
	CU_ASSERT_PTR_NOT_NULL(strstr(h, "class=\"tgt\" lang=\"fa\" dir=\"rtl\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(h, "class=\"src\" lang=\"en\" dir=\"ltr\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(h, "<tr class=\"b omit\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(h, "<tr class=\"b add\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(h, "<tr class=\"b hi\""));
	free(h);
	tumen_report_free(r);
}

/* Through the real aligner: the report's lists are the alignment's
 * one-sided beads, and the counts agree with them.  (Which beads the
 * aligner makes of a pair this small is its business; tests/cli/coverage.sh
 * checks known omissions and additions of the corpus.) */
static void t_aligned(void)
{
	tumen_doc *s = test_doc("The storm hit the coast at 6 a.m. on Monday.\n"
	        "More than 300 homes lost power in 12 villages.\n"
	        "Winds reached 140 kilometres an hour.\n"
	        "Schools will stay closed for 3 days.\n", "en");
	tumen_doc *t = test_doc("طوفان ساعت ۶ صبح دوشنبه به ساحل رسید.\n"
	        "برق بیش از ۳۰۰ خانه در ۱۲ روستا قطع شد.\n"
	        "این گزارش را خبرنگار ما از شهر ساحلی فرستاده است.\n"
	        "سرعت باد به ۱۴۰ کیلومتر در ساعت رسید.\n"
	        "مدرسه‌ها ۳ روز تعطیل می‌مانند.\n", "fa");
	tumen_alignment *a = NULL;
	tumen_report *r = NULL;
	tumen_report_stats st;
	const tumen_report_item *it;
	size_t n, k, j = 0, added = 0;

	CU_ASSERT_EQUAL_FATAL(tumen_align(s, t, NULL, &a), TUMEN_OK);
	CU_ASSERT_EQUAL_FATAL(tumen_report_new(NULL, &r), TUMEN_OK);
	CU_ASSERT_EQUAL(tumen_report_add(r, NULL, s, t, a), TUMEN_OK);
	tumen_report_stats_get(r, 0, &st);
	it = tumen_report_items(r, 0, TUMEN_REPORT_ADDED, &n);
	for (k = 0; k < tumen_alignment_count(a); k++) {
		const tumen_bead *b = tumen_alignment_bead(a, k);
		if (b->nsrc)
			continue;
		added += b->ntgt;
		CU_ASSERT(j < n && it[j++].bead == k);
	}
	CU_ASSERT_EQUAL(j, n);
	CU_ASSERT_EQUAL(st.tgt_covered + added, 5);
	CU_ASSERT_EQUAL(st.src_covered + st.omitted, 4);
	CU_ASSERT_EQUAL(st.beads, tumen_alignment_count(a));
	CU_ASSERT_STRING_EQUAL(tumen_report_doc_id(r, 0), "t");
	tumen_report_free(r);
	tumen_alignment_free(a);
	tumen_doc_free(s);
	tumen_doc_free(t);
}

/* A batch: totals are the sums, a failed document counts, and beads that
 * do not fit the documents are refused without changing the report. */
static void t_batch(void)
{
	static const tumen_bead bad[] = { { 0, 5, 0, 1, 0.9 } };
	tumen_report *r = S_report("One.\nTwo.\nThree.\nFour.\n",
	                           "a.\nb.\nc.\nd.\n", S_mixed, 4, NULL);
	tumen_doc *s = test_doc("One.\n", "en"), *t = test_doc("a.\n", "fa");
	tumen_alignment *a = S_align(bad, 1);
	tumen_report_stats all;

	CU_ASSERT_EQUAL(tumen_report_add(r, "x", s, t, a), TUMEN_EINVAL);
	CU_ASSERT_EQUAL(tumen_report_count(r), 1);
	a->beads[0].nsrc = 1;
	CU_ASSERT_EQUAL(tumen_report_add(r, "x", s, t, a), TUMEN_OK);
	CU_ASSERT_EQUAL(tumen_report_add_failed(r, "gone", "cannot open"), TUMEN_OK);
	CU_ASSERT_EQUAL(tumen_report_count(r), 3);
	CU_ASSERT_STRING_EQUAL(tumen_report_doc_error(r, 2), "cannot open");
	CU_ASSERT_PTR_NULL(tumen_report_doc_error(r, 1));
	tumen_report_stats_get(r, (size_t)-1, &all);
	CU_ASSERT_EQUAL(all.documents, 3);
	CU_ASSERT_EQUAL(all.failed, 1);
	CU_ASSERT_EQUAL(all.src_sentences, 5);
	CU_ASSERT_EQUAL(all.src_covered, 4);
	CU_ASSERT_EQUAL(all.shapes[1][1], 2);
	tumen_report_free(r);
	tumen_report_free(NULL);
	tumen_alignment_free(a);
	tumen_doc_free(s);
	tumen_doc_free(t);
}

static CU_TestInfo tests[] = {
	{ "coverage shares and bead shapes", t_shares },
	{ "omitted sentences and their neighbours", t_neighbours },
	{ "numbers rule (digits, scale words)", t_numbers },
	{ "length ratio off the document's norm", t_ratio },
	{ "JSON checker sanity", t_json_checker },
	{ "JSON of quotes, backslashes, controls, Persian", t_json_tricky },
	{ "HTML escaping and page structure", t_html_escape },
	{ "report of a real alignment", t_aligned },
	{ "batch totals, failures, bad beads", t_batch },
	CU_TEST_INFO_NULL
};

int suite_report(void)
{
	return test_add_suite("report", tests);
}
