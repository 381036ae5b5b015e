/* Tests of srx.c: the reader fed in small chunks, rule semantics (order,
 * exceptions, cascade, language patterns), errors with their lines, the
 * built-in rules on hard sentences and their drift from data/tumen.srx. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "suites.h"
#include "doc.h"
#include "segment.h"
#include "srx.h"

/* The source tree: $TOP_SRCDIR, else the path this file was compiled
 * from (configure run by absolute path, or from the build directory). */
static char *S_slurp(const char *rel, size_t *len)
{
	const char *top = getenv("TOP_SRCDIR"), *me = __FILE__;
	char path[4096];
	FILE *f;
	char *data;
	long n;

	if (top)
		snprintf(path, sizeof path, "%s/%s", top, rel);
	else
		snprintf(path, sizeof path, "%.*s%s",
		         (int)(strlen(me) - strlen("tests/unit/test_srx.c")),
		         me, rel);
	if (!(f = fopen(path, "rb")))
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	data = malloc((size_t)n + 1);
	if (data && fread(data, 1, (size_t)n, f) != (size_t)n) {
		free(data);
		data = NULL;
	}
	fclose(f);
	if (data)
		data[n] = '\0';
	*len = (size_t)n;
	return data;
}

static tumen_srx *S_parse(const char *s, size_t chunk)
{
	tumen_srx *srx = NULL;
	tumen_error err;

	CU_ASSERT_EQUAL(tumen_srx_parse_chunked(s, strlen(s), chunk, &srx,
	                                        &err), TUMEN_OK);
	if (!srx)
		fprintf(stderr, "srx: line %lu: %s\n", err.line, err.msg);
	return srx;
}

/* The text split where `srx` breaks, pieces joined by '|'. */
static void S_split(const tumen_srx *srx, const char *lang,
                    const char *text, char *out, size_t cap)
{
	size_t *b = NULL, n = 0, i, prev = 0, o = 0;

	CU_ASSERT_EQUAL(tumen_srx_split(srx, lang, text, strlen(text), &b, &n,
	                                NULL), TUMEN_OK);
	for (i = 0; i <= n; i++) {
		size_t end = i < n ? b[i] : strlen(text);

		o += (size_t)snprintf(out + o, cap - o, "%s%.*s", i ? "|" : "",
		                      (int)(end - prev), text + prev);
		prev = end;
	}
	free(b);
}

static void S_expect(const tumen_srx *srx, const char *lang,
                     const char *text, const char *want)
{
	char got[1024];

	S_split(srx, lang, text, got, sizeof got);
	CU_ASSERT_STRING_EQUAL(got, want);
	if (strcmp(got, want))
		fprintf(stderr, "\n  got  %s\n  want %s\n", got, want);
}

/* ---- the fixture using every feature, in chunks of 1..5 bytes ---- */

static void S_full_checks(const tumen_srx *srx, int cascade)
{
	CU_ASSERT_EQUAL(tumen_srx_rule_count(srx, "en-US"), cascade ? 5 : 2);
	CU_ASSERT_EQUAL(tumen_srx_rule_count(srx, "EN"), cascade ? 5 : 2);
	CU_ASSERT_EQUAL(tumen_srx_rule_count(srx, "el"), cascade ? 5 : 2);
	CU_ASSERT_EQUAL(tumen_srx_rule_count(srx, "de"), 3);
	/* "EN.*" is matched against the whole code: "ben" is not English */
	CU_ASSERT_EQUAL(tumen_srx_rule_count(srx, "ben"), 3);
	/* English: Mr. excepted, § breaks before (empty beforebreak); the
	 * Default rules come after English's only with cascade */
	S_expect(srx, "en", "Mr. Q&A. Smith came. See §2 now.",
	         cascade ? "Mr. Q&A. Smith came.| See |§2 now."
	                 : "Mr. Q&A. Smith came. See |§2 now.");
	/* Greek: a Greek letter with a dot is excepted; ";" (U+037E) breaks
	 * with no afterbreak (NFC would make it ";": the rule sees raw text) */
	S_expect(srx, "el", "Ο κ. Παπάς ήρθε\u037e Ναι. Όχι.",
	         cascade ? "Ο κ. Παπάς ήρθε\u037e| Ναι.| Όχι."
	                 : "Ο κ. Παπάς ήρθε\u037e| Ναι. Όχι.");
	/* Default: no break before lower case after an initial; quotes go
	 * with their sentence; ¶ breaks with an empty afterbreak; a break
	 * needs white space then a letter or digit (CJK too, \p{Lo}) */
	S_expect(srx, "de", "A. b ging. \"Ja!\" 3 Mal¶x? 你好",
	         "A. b ging. \"Ja!\"| 3 Mal¶|x?| 你好");
}

static void t_full_chunks(void)
{
	size_t len, chunk;
	char *data = S_slurp("tests/data/srx/full.srx", &len);
	char *noc;
	tumen_srx *srx;

	CU_ASSERT_PTR_NOT_NULL_FATAL(data);
	for (chunk = 0; chunk <= 5; chunk++) {
		if ((srx = S_parse(data, chunk)))
			S_full_checks(srx, 1);
		tumen_srx_free(srx);
	}
	free(data);
	noc = S_slurp("tests/data/srx/nocascade.srx", &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(noc);
	for (chunk = 0; chunk <= 5; chunk += 3) {
		if ((srx = S_parse(noc, chunk)))
			S_full_checks(srx, 0);
		tumen_srx_free(srx);
	}
	free(noc);
	tumen_srx_free(NULL);
}

/* ---- semantics on small inline files ---- */

#define S_HEAD(c) "<srx version=\"2.0\"><header cascade=\"" c "\"/><body>" \
	"<languagerules>"
#define S_MAPS "</languagerules><maprules>"
#define S_TAIL "</maprules></body></srx>"
#define S_RULE(brk, b, a) "<rule break=\"" brk "\"><beforebreak>" b \
	"</beforebreak><afterbreak>" a "</afterbreak></rule>"
#define S_LR(name, rules) "<languagerule languagerulename=\"" name "\">" \
	rules "</languagerule>"
#define S_MAP(pat, name) "<languagemap languagepattern=\"" pat \
	"\" languagerulename=\"" name "\"/>"

static void t_order(void)
{
	/* the same exception before and after the break rule */
	tumen_srx *srx = S_parse(S_HEAD("no")
		S_LR("before", S_RULE("no", "Dr\\.", "\\s")
		               S_RULE("yes", "\\.", "\\s"))
		S_LR("after", S_RULE("yes", "\\.", "\\s")
		              S_RULE("no", "Dr\\.", "\\s"))
		S_MAPS S_MAP("b", "before") S_MAP("a", "after") S_TAIL, 0);

	CU_ASSERT_PTR_NOT_NULL_FATAL(srx);
	S_expect(srx, "b", "See Dr. No. Go.", "See Dr. No.| Go.");
	S_expect(srx, "a", "See Dr. No. Go.", "See Dr.| No.| Go.");
	/* no map for the language: no rule, no break */
	CU_ASSERT_EQUAL(tumen_srx_rule_count(srx, "x"), 0);
	S_expect(srx, "x", "See Dr. No. Go.", "See Dr. No. Go.");
	tumen_srx_free(srx);
}

/* An exception must match both sides: "J." before another initial is
 * kept, "K." before a name is not; the Default rules (cascade) break
 * only before digits. */
static void t_exceptions(void)
{
	tumen_srx *srx = S_parse(S_HEAD("yes")
		S_LR("L", S_RULE("no", "\\b\\p{Lu}\\.", "\\s\\p{Lu}\\.")
		          S_RULE("yes", "[.?!]+", "\\s+\\p{Lu}"))
		S_LR("D", S_RULE("yes", "[.?!]+", "\\s+\\d"))
		S_MAPS S_MAP("l.*", "L") S_MAP(".*", "D") S_TAIL, 0);

	CU_ASSERT_PTR_NOT_NULL_FATAL(srx);
	S_expect(srx, "la", "J. K. Rowling wrote. Plan B. It worked?! 3 wins.",
	         "J. K.| Rowling wrote.| Plan B.| It worked?!| 3 wins.");
	S_expect(srx, "de", "J. K. Rowling wrote. Plan B. 3 wins.",
	         "J. K. Rowling wrote. Plan B.| 3 wins.");
	tumen_srx_free(srx);
}

/* A beforebreak of unbounded length (no lookbehind in ICU) still works,
 * as an exception and as a break rule. */
static void t_unbounded(void)
{
	tumen_srx *srx = S_parse(S_HEAD("no")
		S_LR("L", S_RULE("no", "\\(\\w+\\.", "\\s")
		          S_RULE("yes", "\\w+[.]+", "\\s+"))
		S_MAPS S_MAP(".*", "L") S_TAIL, 0);

	CU_ASSERT_PTR_NOT_NULL_FATAL(srx);
	S_expect(srx, "en", "One... (see. two) Three.  Four",
	         "One...| (see. two) Three.|  Four");
	tumen_srx_free(srx);
}

/* ---- errors: message and line ---- */

static void S_bad(const char *xml, size_t chunk, const char *msg,
                  unsigned long line)
{
	tumen_srx *srx = (tumen_srx *)1;
	tumen_error err;

	CU_ASSERT_EQUAL(tumen_srx_parse_chunked(xml, strlen(xml), chunk, &srx,
	                                        &err), TUMEN_EFORMAT);
	CU_ASSERT_PTR_NULL(srx);
	CU_ASSERT_STRING_EQUAL(err.msg, msg);
	CU_ASSERT_EQUAL(err.line, line);
	if (strcmp(err.msg, msg) || err.line != line)
		fprintf(stderr, "\n  got %lu: %s\n", err.line, err.msg);
}

static void t_errors(void)
{
	char deep[2048];
	size_t chunk, i, o;

	for (chunk = 0; chunk <= 4; chunk += 2) {
		S_bad("<srx version=\"2.0\">\n<body>\n</srx>", chunk,
		      "mismatched tag", 3);
		S_bad("<rules/>", chunk, "root element is 'rules', expected 'srx'",
		      1);
		S_bad(S_HEAD("no") S_LR("L", "\n<rule break=\"yes\">\n"
		      "<beforebreak>(\\.</beforebreak></rule>") S_MAPS S_TAIL,
		      chunk, "invalid beforebreak pattern '(\\.': "
		      "U_REGEX_MISMATCHED_PAREN", 3);
		S_bad(S_HEAD("sometimes") S_MAPS S_TAIL, chunk,
		      "invalid cascade value 'sometimes' (yes or no)", 1);
		S_bad(S_HEAD("no") S_LR("L", "") S_LR("L", "") S_MAPS S_TAIL,
		      chunk, "duplicate languagerule 'L'", 1);
		S_bad(S_HEAD("no") S_MAPS "\n" S_MAP(".*", "X") S_TAIL, chunk,
		      "languagemap names unknown languagerule 'X'", 2);
		S_bad(S_HEAD("no") S_MAPS "\n\n" S_MAP("[", "X") S_TAIL, chunk,
		      "invalid languagepattern '[': U_REGEX_MISSING_CLOSE_BRACKET",
		      3);
		S_bad(S_HEAD("no") S_MAPS "<languagemap languagerulename=\"X\"/>"
		      S_TAIL, chunk,
		      "missing attribute 'languagepattern' on 'languagemap'", 1);
		S_bad("<srx version=\"2.0\"><body>x</body></srx>", chunk,
		      "unexpected text in 'body'", 1);
		S_bad("<!DOCTYPE srx [\n<!ENTITY a \"b\">]><srx/>", chunk,
		      "entity declarations are not allowed ('a')", 2);
		S_bad("<!DOCTYPE srx SYSTEM \"x.dtd\">\n<srx>&x;</srx>", chunk,
		      "undefined entity 'x'", 2);
		S_bad("", chunk, "no element found", 1);
	}
	/* depth is bounded, even inside skipped foreign elements */
	o = (size_t)snprintf(deep, sizeof deep, "<srx version=\"2.0\">");
	for (i = 0; i < 40; i++)
		o += (size_t)snprintf(deep + o, sizeof deep - o,
		                      "<x:a xmlns:x=\"u\">");
	S_bad(deep, 0, "elements nested too deeply", 1);
}

/* ---- the built-in rules ---- */

static void t_default_drift(void)
{
	size_t len;
	char *data = S_slurp("data/tumen.srx", &len);

	CU_ASSERT_PTR_NOT_NULL_FATAL(data);
	CU_ASSERT_EQUAL(len, tumen_srx_default_size);
	CU_ASSERT(len == tumen_srx_default_size &&
	          !memcmp(data, tumen_srx_default_data, len));
	free(data);
}

/* Segments with the built-in rules through the segmenter, mode `mode`,
 * sentences joined by '|'. */
static void S_seg(const char *lang, int mode, const char *text,
                  const char *want)
{
	tumen_doc_opts o;
	tumen_doc *d = tumen_doc_new("t", lang);
	char got[2048];
	size_t i, n = 0;

	tumen_doc_opts_init(&o);
	o.lang = lang;
	o.seg_mode = mode;
	CU_ASSERT_FATAL(d != NULL);
	CU_ASSERT_EQUAL(tumen_segment(text, strlen(text), &o, d, NULL),
	                TUMEN_OK);
	got[0] = '\0';
	for (i = 0; i < tumen_doc_count(d); i++)
		n += (size_t)snprintf(got + n, sizeof got - n, "%s%s",
		                      i ? "|" : "", tumen_doc_sentence(d, i, NULL));
	CU_ASSERT_STRING_EQUAL(got, want);
	if (strcmp(got, want))
		fprintf(stderr, "\n  mode %d got  %s\n         want %s\n", mode,
		        got, want);
	tumen_doc_free(d);
}

static void t_default_en(void)
{
	int m;

	for (m = 0; m <= 3; m += 2) {
		S_seg("en", m, "Mr. Smith and Gen. Lee met Dr. J. K. Rowling "
		      "in the U.S. on Jan. 5 at 3.5 p.m. They left.",
		      "Mr. Smith and Gen. Lee met Dr. J. K. Rowling in the U.S. "
		      "on Jan. 5 at 3.5 p.m.|They left.");
		S_seg("en", m, "He went to the U.S. The trip was long. "
		      "No. 5 won. Talks may take weeks... or months. "
		      "He paused... Then he left.",
		      "He went to the U.S.|The trip was long.|No. 5 won.|"
		      "Talks may take weeks... or months.|He paused...|"
		      "Then he left.");
		S_seg("en", m, "He called it \"a promise kept.\" Work starts "
		      "soon. \"Is it over?\" Smith asked. \"Why?\" he said. "
		      "\"Do we care?\" Environmental groups said no.",
		      "He called it \"a promise kept.\"|Work starts soon.|"
		      "\"Is it over?\" Smith asked.|\"Why?\" he said.|"
		      "\"Do we care?\"|Environmental groups said no.");
		S_seg("en", m, "It was signed by Owen R. Patel Jr. It did not "
		      "say more. He works at Acme Inc. \"They know,\" he said.",
		      "It was signed by Owen R. Patel Jr.|It did not say more.|"
		      "He works at Acme Inc.|\"They know,\" he said.");
	}
}

static void t_default_fa(void)
{
	int m;

	for (m = 0; m <= 3; m += 2) {
		/* abbreviations with and without spaces, numbers with ٫ and . */
		S_seg("fa", m, "سخنگوی ج.ا.ا. و ج. ا. ا. گفت تورم ۱۲٫۵ و 3.5 "
		      "درصد بود. سال ۱۴۰۰ ه.ش. آغاز شد.",
		      "سخنگوی ج.ا.ا. و ج. ا. ا. گفت تورم ۱۲٫۵ و 3.5 درصد بود.|"
		      "سال ۱۴۰۰ ه.ش. آغاز شد.");
		/* missing spaces after . and ؟, ZWNJ inside words */
		S_seg("fa", m, "او به خانه\u200cاش رفت.سپس خوابید.چرا؟"
		      "کسی نمی\u200cداند.",
		      "او به خانه\u200cاش رفت.|سپس خوابید.|چرا؟|"
		      "کسی نمی\u200cداند.");
		/* a quotation ending in ؟ with its attribution, one going on
		 * with و, and one ending the sentence */
		S_seg("fa", m, "«چرا این\u200cقدر دیر؟» یکی از مسافران پرسید. "
		      "او گفت: «ما آماده\u200cایم.» و رفت. "
		      "او پرسید: «آیا تمام شد؟» هنوز پاسخی نیامده است.",
		      "«چرا این\u200cقدر دیر؟» یکی از مسافران پرسید.|"
		      "او گفت: «ما آماده\u200cایم.» و رفت.|"
		      "او پرسید: «آیا تمام شد؟»|هنوز پاسخی نیامده است.");
	}
}

/* The built-in rules are compiled a language at a time when first used;
 * rules read from data/tumen.srx are compiled (and validated) as they
 * are read.  Both must split alike, also when two threads use a fresh
 * copy of the built-in rules at once, each language first on one. */
static const struct {
	const char *lang, *text;
} S_texts[] = {
	{ "en", "Mr. Smith and Gen. Lee met Dr. J. K. Rowling in the U.S. on "
	        "Jan. 5 at 3.5 p.m. They left. He went to the U.S. The trip "
	        "was long. No. 5 won. Talks may take weeks... or months." },
	{ "fa", "سخنگوی ج.ا.ا. و ج. ا. ا. گفت تورم ۱۲٫۵ و 3.5 درصد بود. سال "
	        "۱۴۰۰ ه.ش. آغاز شد. او به خانه\u200cاش رفت.سپس خوابید.چرا؟" },
	{ "en", "\"Is it over?\" Smith asked. \"Why?\" he said. It was signed "
	        "by Owen R. Patel Jr. It did not say more. Acme Inc. \"They "
	        "know,\" he said." },
	{ "fa", "«چرا این\u200cقدر دیر؟» یکی از مسافران پرسید. او گفت: «ما "
	        "آماده\u200cایم.» و رفت. او پرسید: «آیا تمام شد؟» هنوز نه." },
};
#define S_NTEXTS (sizeof S_texts / sizeof *S_texts)

typedef struct {
	const tumen_srx *srx;
	size_t first; /* the text to begin with */
	char got[S_NTEXTS][1024];
} S_job;

static void *S_split_all(void *arg)
{
	S_job *j = arg;
	size_t k, i;

	for (k = 0; k < S_NTEXTS; k++) {
		i = (j->first + k) % S_NTEXTS;
		S_split(j->srx, S_texts[i].lang, S_texts[i].text, j->got[i],
		        sizeof j->got[i]);
	}
	return NULL;
}

static void t_default_deferred(void)
{
	size_t len, i;
	char *data = S_slurp("data/tumen.srx", &len);
	tumen_srx *eager = NULL, *lazy = NULL;
	S_job want = { NULL, 0, { { 0 } } }, a, b;
	pthread_t th;
	int k;

	CU_ASSERT_PTR_NOT_NULL_FATAL(data);
	eager = S_parse(data, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(eager);
	want.srx = eager;
	S_split_all(&want);
	for (k = 0; k < 2; k++) {
		CU_ASSERT_EQUAL_FATAL(tumen_srx_default(&lazy, NULL), TUMEN_OK);
		a = want;
		b = want;
		a.srx = b.srx = lazy;
		a.first = 0; /* English first */
		b.first = 1; /* Persian first */
		memset(a.got, 0, sizeof a.got);
		memset(b.got, 0, sizeof b.got);
		if (k == 0) { /* one thread */
			S_split_all(&a);
			S_split_all(&b);
		} else { /* two at once */
			CU_ASSERT_EQUAL_FATAL(pthread_create(&th, NULL, S_split_all,
			                                     &b), 0);
			S_split_all(&a);
			pthread_join(th, NULL);
		}
		for (i = 0; i < S_NTEXTS; i++) {
			CU_ASSERT_STRING_EQUAL(a.got[i], want.got[i]);
			CU_ASSERT_STRING_EQUAL(b.got[i], want.got[i]);
		}
		tumen_srx_free(lazy);
	}
	/* the texts are split at all (the rules are not left out) */
	CU_ASSERT_PTR_NOT_NULL(strstr(want.got[0], "p.m.| They left."));
	CU_ASSERT_PTR_NOT_NULL(strstr(want.got[1], "رفت.|سپس"));
	tumen_srx_free(eager);
	free(data);
}

static CU_TestInfo tests[] = {
	{ "every SRX feature, fed in 1-5 byte chunks", t_full_chunks },
	{ "rules are tried in order", t_order },
	{ "exceptions match both sides", t_exceptions },
	{ "unbounded beforebreak patterns", t_unbounded },
	{ "bad SRX: message and line", t_errors },
	{ "built-in rules equal data/tumen.srx", t_default_drift },
	{ "built-in rules: English", t_default_en },
	{ "built-in rules: Persian", t_default_fa },
	{ "built-in rules compiled when first used, by two threads",
	  t_default_deferred },
	CU_TEST_INFO_NULL
};

int suite_srx(void)
{
	return test_add_suite("srx", tests);
}
