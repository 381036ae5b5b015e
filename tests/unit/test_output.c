/*
 * Tests of tmx_write.c and output.c: XML escaping, the exact TMX layout,
 * round trips through Expat, the line formats, filtering and I/O errors.
 *
 * Tests that go through tumen_align() compute what they expect from the
 * alignment they get, so they hold whatever beads the aligner chooses.
 */
#include <expat.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tumen/tumen.h>
#include "suites.h"
#include "buf.h"
#include "tmx_write.h"

/* ---- helpers ----------------------------------------------------------- */

/* Reads the whole stream (from its start) into a malloc'd string. */
static char *S_slurp(FILE *f, size_t *len)
{
	tumen_buf b = TUMEN_BUF_INIT;
	char chunk[4096];
	size_t n;

	fflush(f);
	rewind(f);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		tumen_buf_add(&b, chunk, n);
	return tumen_buf_detach(&b, len);
}

static tumen_doc *S_doc(const char *text, size_t len, const char *lang)
{
	tumen_doc_opts o;
	tumen_doc *d = NULL;

	tumen_doc_opts_init(&o);
	o.lang = lang;
	o.presegmented = 1;
	CU_ASSERT_EQUAL_FATAL(tumen_doc_from_bytes(text, len, lang, &o, &d,
	                                           NULL), TUMEN_OK);
	return d;
}

/* Escapes s[0..len) into a fresh string, compares with want. */
static void S_check_escape(const char *s, size_t len, const char *want,
                           size_t want_dropped)
{
	tumen_buf b = TUMEN_BUF_INIT;
	size_t dropped = 0;

	CU_ASSERT_EQUAL(tumen_xml_escape(&b, s, len, &dropped), TUMEN_OK);
	CU_ASSERT_STRING_EQUAL(b.ptr, want);
	CU_ASSERT_EQUAL(b.len, strlen(want));
	CU_ASSERT_EQUAL(dropped, want_dropped);
	tumen_buf_release(&b);
}

static size_t S_count(const char *hay, const char *needle)
{
	size_t n = 0;

	while ((hay = strstr(hay, needle))) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

/* ---- escaping ---------------------------------------------------------- */

static void t_escape_markup(void)
{
	S_check_escape("a&b<c>d\"e'f", 11, "a&amp;b&lt;c&gt;d&quot;e'f", 0);
	S_check_escape("&&", 2, "&amp;&amp;", 0);
	S_check_escape("]]>", 3, "]]&gt;", 0);
	S_check_escape("", 0, "", 0);
}

static void t_escape_forbidden(void)
{
	/* NUL, 0x01, ESC, U+FFFE, U+FFFF: dropped and counted */
	static const char in[] = "x\0y\001z\033w\xEF\xBF\xBEv\xEF\xBF\xBFu";

	S_check_escape(in, sizeof in - 1, "xyzwvu", 5);
	S_check_escape("\x7F\x0B\x0C", 3, "\x7F", 2);
	/* lone surrogate as CESU bytes: not a character at all */
	S_check_escape("a\xED\xA0\x80" "b", 5, "ab", 1);
}

/* The escaping of s[0..len) byte by byte, as its rules say, into out;
 * the characters dropped into *dropped. */
static void S_escape_plain(const unsigned char *s, size_t len, tumen_buf *out,
                           size_t *dropped)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = s[i];
		if (c == '&') {
			tumen_buf_adds(out, "&amp;");
		} else if (c == '<') {
			tumen_buf_adds(out, "&lt;");
		} else if (c == '>') {
			tumen_buf_adds(out, "&gt;");
		} else if (c == '"') {
			tumen_buf_adds(out, "&quot;");
		} else if (c == '\r') {
			tumen_buf_adds(out, "&#13;");
		} else if (c < 0x20 && c != '\t' && c != '\n') {
			++*dropped;
		} else if (i + 2 < len && c == 0xEF && s[i + 1] == 0xBF &&
		           (s[i + 2] == 0xBE || s[i + 2] == 0xBF)) {
			++*dropped;
			i += 2;
		} else if (i + 2 < len && c == 0xED && s[i + 1] >= 0xA0) {
			++*dropped;
			i += 2;
		} else {
			tumen_buf_addc(out, (char)c);
		}
	}
}

/* Random strings of markup, controls, the forbidden sequences, their
 * neighbours and long plain runs: the escaper (sixteen bytes at a time)
 * gives what the rules give byte by byte, at every offset. */
static void t_escape_random(void)
{
	static const char *const pieces[] = {
		"a", "plain text, ", "&", "<", ">", "\"", "'", "\t", "\n", "\r",
		"\001", "\037", " ", "\x7F", "\xEF\xBF\xBE", "\xEF\xBF\xBF",
		"\xEF\xBF\xBD", "\xED\xA0\x80", "\xED\x9F\xBF",
		"\xD8\xA7\xD9\x84", "0123456789abcdefghij",
	};
	size_t np = sizeof pieces / sizeof *pieces, trial, bad = 0;
	unsigned seed = 11;
	tumen_buf in = TUMEN_BUF_INIT, got = TUMEN_BUF_INIT, want = TUMEN_BUF_INIT;

	for (trial = 0; trial < 2000; trial++) {
		size_t n = (seed >> 8) % 12, k, d1 = 0, d2 = 0;
		tumen_buf_reset(&in);
		for (k = 0; k < n; k++) {
			seed = seed * 1103515245u + 12345u;
			tumen_buf_adds(&in, pieces[(seed >> 16) % np]);
		}
		seed = seed * 1103515245u + 12345u;
		tumen_buf_reset(&got);
		tumen_buf_reset(&want);
		CU_ASSERT_EQUAL_FATAL(tumen_xml_escape(&got, in.ptr, in.len, &d1),
		                      TUMEN_OK);
		S_escape_plain((const unsigned char *)in.ptr, in.len, &want, &d2);
		bad += got.len != want.len || d1 != d2 ||
		       memcmp(got.ptr, want.ptr, want.len);
	}
	CU_ASSERT_EQUAL(bad, 0);
	tumen_buf_release(&in);
	tumen_buf_release(&got);
	tumen_buf_release(&want);
}

static void t_escape_kept(void)
{
	/* TAB and LF are XML characters; CR becomes a reference so that a
	 * parser's line-end normalisation cannot turn it into LF */
	S_check_escape("a\tb\nc", 5, "a\tb\nc", 0);
	S_check_escape("a\rb", 3, "a&#13;b", 0);
	/* neighbours of the forbidden code points are fine: U+FFFD, U+FEFF,
	 * U+D7FF, U+E000 */
	S_check_escape("\xEF\xBF\xBD\xEF\xBB\xBF\xED\x9F\xBF\xEE\x80\x80", 12,
	               "\xEF\xBF\xBD\xEF\xBB\xBF\xED\x9F\xBF\xEE\x80\x80", 0);
}

static void t_escape_persian(void)
{
	/* "می‌خواهم" with a ZWNJ, Arabic-Indic digits, Persian comma */
	static const char fa[] = "\xD9\x85\xDB\x8C\xE2\x80\x8C\xD8\xAE\xD9\x88"
	                         "\xD8\xA7\xD9\x87\xD9\x85 \xDB\xB1\xDB\xB2"
	                         "\xD8\x8C";

	S_check_escape(fa, sizeof fa - 1, fa, 0);
}

static void t_escape_appends(void)
{
	tumen_buf b = TUMEN_BUF_INIT;

	tumen_buf_adds(&b, "<seg>");
	CU_ASSERT_EQUAL(tumen_xml_escape(&b, "1<2", 3, NULL), TUMEN_OK);
	CU_ASSERT_EQUAL(tumen_xml_escape(&b, "\001", 1, NULL), TUMEN_OK);
	CU_ASSERT_STRING_EQUAL(b.ptr, "<seg>1&lt;2");
	tumen_buf_release(&b);
}

/* ---- exact TMX layout -------------------------------------------------- */

static void t_tmx_header(void)
{
	FILE *f = tmpfile();
	tumen_buf want = TUMEN_BUF_INIT;
	char *got;

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(tumen_tmx_begin(f, NULL, "x"), TUMEN_EINVAL);
	CU_ASSERT_EQUAL(tumen_tmx_begin(f, "en-US", "20240102T030405Z"),
	                TUMEN_OK);
	CU_ASSERT_EQUAL(tumen_tmx_end(f), TUMEN_OK);
	tumen_buf_printf(&want,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n"
		"<tmx version=\"1.4\">\n"
		"  <header creationtool=\"tumen\" creationtoolversion=\"%s\" "
		"segtype=\"sentence\" o-tmf=\"tumen\" adminlang=\"en\" "
		"srclang=\"en-US\" datatype=\"plaintext\" "
		"creationdate=\"20240102T030405Z\"/>\n"
		"  <body>\n  </body>\n</tmx>\n", tumen_version());
	got = S_slurp(f, NULL);
	CU_ASSERT_STRING_EQUAL(got, want.ptr);
	free(got);
	tumen_buf_release(&want);
	fclose(f);
}

static void t_tmx_unit_exact(void)
{
	FILE *f = tmpfile();
	tumen_buf scratch = TUMEN_BUF_INIT;
	size_t dropped = 0;
	char *got;

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(tumen_tmx_unit(f, &scratch, "a&\"b\"", 0.97314, 2, 1,
	                               "en", "A <b>. C.", 9, "fa",
	                               "\xD8\xA8\001", 3, &dropped), TUMEN_OK);
	CU_ASSERT_EQUAL(tumen_tmx_unit(f, &scratch, NULL, 0.5, 1, 1, "en",
	                               "x", 1, "fa", "y", 1, &dropped),
	                TUMEN_OK);
	got = S_slurp(f, NULL);
	CU_ASSERT_STRING_EQUAL(got,
		"    <tu>\n"
		"      <prop type=\"x-score\">0.9731</prop>\n"
		"      <prop type=\"x-bead\">2-1</prop>\n"
		"      <prop type=\"x-document\">a&amp;&quot;b&quot;</prop>\n"
		"      <tuv xml:lang=\"en\"><seg>A &lt;b&gt;. C.</seg></tuv>\n"
		"      <tuv xml:lang=\"fa\"><seg>\xD8\xA8</seg></tuv>\n"
		"    </tu>\n"
		"    <tu>\n"
		"      <prop type=\"x-score\">0.5000</prop>\n"
		"      <prop type=\"x-bead\">1-1</prop>\n"
		"      <tuv xml:lang=\"en\"><seg>x</seg></tuv>\n"
		"      <tuv xml:lang=\"fa\"><seg>y</seg></tuv>\n"
		"    </tu>\n");
	CU_ASSERT_EQUAL(dropped, 1);
	free(got);
	tumen_buf_release(&scratch);
	fclose(f);
}

/* Attribute values keep TAB and LF through a parser only as references. */
static void t_tmx_attr_escape(void)
{
	FILE *f = tmpfile();
	tumen_buf scratch = TUMEN_BUF_INIT;
	char *got;

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(tumen_tmx_begin(f, "a\"b\tc\nd<&", "D"), TUMEN_OK);
	CU_ASSERT_EQUAL(tumen_tmx_unit(f, &scratch, NULL, 1.0, 1, 1, "x\"y",
	                               "s", 1, "\001fa", "t", 1, NULL),
	                TUMEN_OK);
	got = S_slurp(f, NULL);
	CU_ASSERT_PTR_NOT_NULL(strstr(got,
		" srclang=\"a&quot;b&#9;c&#10;d&lt;&amp;\" "));
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "<tuv xml:lang=\"x&quot;y\"><seg>s<"));
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "<tuv xml:lang=\"fa\"><seg>t<"));
	free(got);
	tumen_buf_release(&scratch);
	fclose(f);
}

/* The x-score text the writer gives for `score`. */
static void S_check_score(double score, const char *want)
{
	FILE *f = tmpfile();
	tumen_buf scratch = TUMEN_BUF_INIT, w = TUMEN_BUF_INIT;
	char *got;

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	tumen_tmx_unit(f, &scratch, NULL, score, 10, 12, "en", "", 0, "fa", "",
	               0, NULL);
	got = S_slurp(f, NULL);
	tumen_buf_printf(&w, "\"x-score\">%s</prop>", want);
	CU_ASSERT_PTR_NOT_NULL(strstr(got, w.ptr));
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "\"x-bead\">10-12<"));
	free(got);
	tumen_buf_release(&w);
	tumen_buf_release(&scratch);
	fclose(f);
}

static void t_tmx_score_format(void)
{
	S_check_score(0.0, "0.0000");
	S_check_score(1.0, "1.0000");
	S_check_score(0.12345, "0.1235");
	S_check_score(0.00004, "0.0000");
	S_check_score(0.99996, "1.0000");
	S_check_score(-0.5, "0.0000");
	S_check_score(7.0, "1.0000");
	S_check_score(NAN, "0.0000");
}

/* ---- parsing TMX back with Expat --------------------------------------- */

#define MAX_TU 16

typedef struct {
	tumen_buf score, bead, doc, lang[2], seg[2];
	int has_doc, ntuv;
} S_tu;

typedef struct {
	S_tu tu[MAX_TU];
	int ntu, overflow; /* overflow: more <tu> or <tuv> than expected */
	tumen_buf srclang, date, tool, *text; /* text: where chars go */
} S_tmx;

static void S_tmx_free(S_tmx *t)
{
	int i, k;

	for (i = 0; i < MAX_TU; i++) {
		tumen_buf_release(&t->tu[i].score);
		tumen_buf_release(&t->tu[i].bead);
		tumen_buf_release(&t->tu[i].doc);
		for (k = 0; k < 2; k++) {
			tumen_buf_release(&t->tu[i].lang[k]);
			tumen_buf_release(&t->tu[i].seg[k]);
		}
	}
	tumen_buf_release(&t->srclang);
	tumen_buf_release(&t->date);
	tumen_buf_release(&t->tool);
}

static const char *S_att(const XML_Char **atts, const char *name)
{
	for (; *atts; atts += 2)
		if (!strcmp(atts[0], name))
			return atts[1];
	return "";
}

static void S_prop_start(S_tu *tu, const char *type, tumen_buf **text)
{
	if (!strcmp(type, "x-score")) {
		*text = &tu->score;
	} else if (!strcmp(type, "x-bead")) {
		*text = &tu->bead;
	} else if (!strcmp(type, "x-document")) {
		tu->has_doc = 1;
		*text = &tu->doc;
	}
}

static void XMLCALL S_start(void *ud, const XML_Char *name,
                            const XML_Char **atts)
{
	S_tmx *t = ud;
	S_tu *tu = t->ntu ? &t->tu[t->ntu - 1] : NULL;

	if (!strcmp(name, "header")) {
		tumen_buf_adds(&t->srclang, S_att(atts, "srclang"));
		tumen_buf_adds(&t->date, S_att(atts, "creationdate"));
		tumen_buf_adds(&t->tool, S_att(atts, "creationtool"));
	} else if (!strcmp(name, "tu")) {
		if (t->ntu < MAX_TU)
			t->ntu++;
		else
			t->overflow = 1;
	} else if (!strcmp(name, "prop") && tu) {
		S_prop_start(tu, S_att(atts, "type"), &t->text);
	} else if (!strcmp(name, "tuv") && tu) {
		if (tu->ntuv < 2)
			tumen_buf_adds(&tu->lang[tu->ntuv++],
			               S_att(atts, "xml:lang"));
		else
			t->overflow = 1;
	} else if (!strcmp(name, "seg") && tu && tu->ntuv) {
		t->text = &tu->seg[tu->ntuv - 1];
	}
}

static void XMLCALL S_end(void *ud, const XML_Char *name)
{
	(void)name;
	((S_tmx *)ud)->text = NULL;
}

static void XMLCALL S_chars(void *ud, const XML_Char *s, int len)
{
	S_tmx *t = ud;

	if (t->text)
		tumen_buf_add(t->text, s, (size_t)len);
}

/* Parses xml (all of it must be well-formed) into t. */
static void S_parse(const char *xml, size_t len, S_tmx *t)
{
	XML_Parser p = XML_ParserCreate("UTF-8");
	enum XML_Status st;

	memset(t, 0, sizeof *t);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	XML_SetUserData(p, t);
	XML_SetElementHandler(p, S_start, S_end);
	XML_SetCharacterDataHandler(p, S_chars);
	st = XML_Parse(p, xml, (int)len, 1);
	if (st != XML_STATUS_OK)
		fprintf(stderr, "\nexpat: line %lu: %s\n",
		        (unsigned long)XML_GetCurrentLineNumber(p),
		        XML_ErrorString(XML_GetErrorCode(p)));
	CU_ASSERT_EQUAL(st, XML_STATUS_OK);
	CU_ASSERT_FALSE(t->overflow);
	XML_ParserFree(p);
}

/* Texts that stress the escaper, each with what a parser must give back. */
static const struct {
	const char *src, *tgt, *doc;
	const char *src_back, *tgt_back;
} S_cases[] = {
	{ "Tom & Jerry <b>\"hi\"</b> 'q' ]]>", "\xD8\xAA\xD8\xA7\xD9\x85 & "
	  "\xD8\xAC\xD8\xB1\xDB\x8C <i>", "a&b\"c<d>",
	  "Tom & Jerry <b>\"hi\"</b> 'q' ]]>", "\xD8\xAA\xD8\xA7\xD9\x85 & "
	  "\xD8\xAC\xD8\xB1\xDB\x8C <i>" },
	{ "tab\there\nline\r\nend", "\xD9\x85\xDB\x8C\xE2\x80\x8C\xD8\xB1"
	  "\xD9\x88\xD9\x85", NULL,
	  "tab\there\nline\r\nend", "\xD9\x85\xDB\x8C\xE2\x80\x8C\xD8\xB1"
	  "\xD9\x88\xD9\x85" },
	{ "bell\a esc\033 x\xEF\xBF\xBF", "\001\xDB\xB1\xDB\xB2", "doc 3",
	  "bell esc x", "\xDB\xB1\xDB\xB2" },
};

static void t_tmx_roundtrip(void)
{
	FILE *f = tmpfile();
	tumen_buf scratch = TUMEN_BUF_INIT;
	size_t i, len, dropped = 0, n = sizeof S_cases / sizeof *S_cases;
	char *xml;
	S_tmx t;

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(tumen_tmx_begin(f, "en", "20250101T000000Z"), TUMEN_OK);
	for (i = 0; i < n; i++)
		CU_ASSERT_EQUAL(tumen_tmx_unit(f, &scratch, S_cases[i].doc,
		        0.25 * (double)i, i + 1, 1, "en", S_cases[i].src,
		        strlen(S_cases[i].src), "fa", S_cases[i].tgt,
		        strlen(S_cases[i].tgt), &dropped), TUMEN_OK);
	CU_ASSERT_EQUAL(tumen_tmx_end(f), TUMEN_OK);
	CU_ASSERT_EQUAL(dropped, 4);
	xml = S_slurp(f, &len);
	S_parse(xml, len, &t);
	CU_ASSERT_STRING_EQUAL(t.srclang.ptr, "en");
	CU_ASSERT_STRING_EQUAL(t.date.ptr, "20250101T000000Z");
	CU_ASSERT_STRING_EQUAL(t.tool.ptr, "tumen");
	CU_ASSERT_EQUAL_FATAL(t.ntu, (int)n);
	for (i = 0; i < n; i++) {
		S_tu *tu = &t.tu[i];
		CU_ASSERT_EQUAL(tu->ntuv, 2);
		CU_ASSERT_STRING_EQUAL(tu->lang[0].ptr, "en");
		CU_ASSERT_STRING_EQUAL(tu->lang[1].ptr, "fa");
		CU_ASSERT_STRING_EQUAL(tu->seg[0].ptr, S_cases[i].src_back);
		CU_ASSERT_STRING_EQUAL(tu->seg[1].ptr, S_cases[i].tgt_back);
		CU_ASSERT_EQUAL(tu->has_doc, S_cases[i].doc != NULL);
		if (S_cases[i].doc)
			CU_ASSERT_STRING_EQUAL(tu->doc.ptr, S_cases[i].doc);
		CU_ASSERT_DOUBLE_EQUAL(atof(tu->score.ptr), 0.25 * (double)i,
		                       1e-9);
		CU_ASSERT_EQUAL(atoi(tu->bead.ptr), (int)i + 1);
		CU_ASSERT_STRING_EQUAL(strchr(tu->bead.ptr, '-'), "-1");
	}
	S_tmx_free(&t);
	free(xml);
	tumen_buf_release(&scratch);
	fclose(f);
}

/* ---- the writer on real documents -------------------------------------- */

/* Five obvious pairs: the same count on each side, numbers as anchors,
 * markup characters and a tab inside sentences. */
static const char S_en[] =
	"Chapter 1 begins here.\n"
	"Tom & Jerry said \"<hello>\" twice.\n"
	"She bought 3 apples\tand 2 pears.\n"
	"Where is the station?\n"
	"The year was 1999.\n";
static const char S_fa[] =
	"\xD9\x81\xD8\xB5\xD9\x84 1 \xD8\xA7\xDB\x8C\xD9\x86\xD8\xAC\xD8\xA7 "
	"\xD8\xB4\xD8\xB1\xD9\x88\xD8\xB9 \xD9\x85\xDB\x8C\xE2\x80\x8C"
	"\xD8\xB4\xD9\x88\xD8\xAF.\n"
	"\xD8\xAA\xD8\xA7\xD9\x85 & \xD8\xAC\xD8\xB1\xDB\x8C \xDA\xAF\xD9\x81"
	"\xD8\xAA \"<\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85>\" \xD8\xAF\xD9\x88 "
	"\xD8\xA8\xD8\xA7\xD8\xB1.\n"
	"\xD8\xA7\xD9\x88 3 \xD8\xB3\xDB\x8C\xD8\xA8 \xD9\x88 2 \xDA\xAF"
	"\xD9\x84\xD8\xA7\xD8\xA8\xDB\x8C \xD8\xAE\xD8\xB1\xDB\x8C\xD8\xAF.\n"
	"\xD8\xA7\xDB\x8C\xD8\xB3\xD8\xAA\xDA\xAF\xD8\xA7\xD9\x87 \xDA\xA9"
	"\xD8\xAC\xD8\xA7\xD8\xB3\xD8\xAA\xD8\x9F\n"
	"\xD8\xB3\xD8\xA7\xD9\x84 1999 \xD8\xA8\xD9\x88\xD8\xAF.\n";

typedef struct {
	tumen_doc *src, *tgt;
	tumen_alignment *a;
} S_pair;

static void S_pair_make(S_pair *p)
{
	p->src = S_doc(S_en, sizeof S_en - 1, "en");
	p->tgt = S_doc(S_fa, sizeof S_fa - 1, "fa");
	CU_ASSERT_EQUAL_FATAL(tumen_align(p->src, p->tgt, NULL, &p->a),
	                      TUMEN_OK);
	CU_ASSERT_FATAL(tumen_alignment_count(p->a) > 0);
}

static void S_pair_free(S_pair *p)
{
	tumen_alignment_free(p->a);
	tumen_doc_free(p->src);
	tumen_doc_free(p->tgt);
}

/* Sentences [first, first+n) of d joined by single spaces. */
static void S_join(tumen_buf *b, const tumen_doc *d, size_t first, size_t n)
{
	size_t i;

	tumen_buf_reset(b);
	for (i = 0; i < n; i++) {
		if (i)
			tumen_buf_addc(b, ' ');
		tumen_buf_adds(b, tumen_doc_sentence(d, first + i, NULL));
	}
}

/* Beads the writer must write at min_score: both sides, score >= min. */
static size_t S_expected_units(const tumen_alignment *a, double min)
{
	size_t i, n = 0;

	for (i = 0; i < tumen_alignment_count(a); i++) {
		const tumen_bead *b = tumen_alignment_bead(a, i);
		n += b->nsrc && b->ntgt && b->score >= min;
	}
	return n;
}

/* Runs a writer of format fmt over p into f (and f2); returns units. */
static size_t S_write(const S_pair *p, tumen_format fmt, double min,
                      const char *doc_id, FILE *f, FILE *f2)
{
	tumen_writer_opts o;
	tumen_writer *w = NULL;
	size_t units;

	tumen_writer_opts_init(&o);
	o.format = fmt;
	o.min_score = min;
	o.creation_date = "20250101T000000Z";
	CU_ASSERT_EQUAL_FATAL(tumen_writer_open(&w, &o, f, f2), TUMEN_OK);
	CU_ASSERT_EQUAL(tumen_writer_add(w, doc_id, p->src, p->tgt, p->a),
	                TUMEN_OK);
	CU_ASSERT_EQUAL(tumen_writer_finish(w), TUMEN_OK);
	units = tumen_writer_units(w);
	tumen_writer_free(w);
	return units;
}

/* Compares one parsed <tu> with bead b. */
static void S_check_tu(const S_pair *p, const S_tu *tu, const tumen_bead *b)
{
	tumen_buf want = TUMEN_BUF_INIT;

	S_join(&want, p->src, b->src, b->nsrc);
	CU_ASSERT_STRING_EQUAL(tu->seg[0].ptr, want.ptr);
	S_join(&want, p->tgt, b->tgt, b->ntgt);
	CU_ASSERT_STRING_EQUAL(tu->seg[1].ptr, want.ptr);
	tumen_buf_reset(&want);
	tumen_buf_printf(&want, "%zu-%zu", b->nsrc, b->ntgt);
	CU_ASSERT_STRING_EQUAL(tu->bead.ptr, want.ptr);
	CU_ASSERT_DOUBLE_EQUAL(atof(tu->score.ptr), b->score, 0.00005 + 1e-12);
	CU_ASSERT_STRING_EQUAL(tu->doc.ptr, "corpus/<1>&\"2\".txt");
	CU_ASSERT_STRING_EQUAL(tu->lang[0].ptr, "en");
	CU_ASSERT_STRING_EQUAL(tu->lang[1].ptr, "fa");
	tumen_buf_release(&want);
}

static void t_writer_tmx_roundtrip(void)
{
	S_pair p;
	FILE *f = tmpfile();
	size_t i, k = 0, len, units;
	char *xml;
	S_tmx t;

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	S_pair_make(&p);
	units = S_write(&p, TUMEN_FMT_TMX, 0.0, "corpus/<1>&\"2\".txt", f, NULL);
	CU_ASSERT_EQUAL(units, S_expected_units(p.a, 0.0));
	xml = S_slurp(f, &len);
	S_parse(xml, len, &t);
	CU_ASSERT_EQUAL_FATAL((size_t)t.ntu, units);
	CU_ASSERT_STRING_EQUAL(t.srclang.ptr, "en");
	for (i = 0; i < tumen_alignment_count(p.a); i++) {
		const tumen_bead *b = tumen_alignment_bead(p.a, i);
		if (b->nsrc && b->ntgt)
			S_check_tu(&p, &t.tu[k++], b);
	}
	S_tmx_free(&t);
	free(xml);
	S_pair_free(&p);
	fclose(f);
}

static void t_writer_beads(void)
{
	S_pair p;
	FILE *f = tmpfile();
	tumen_buf want = TUMEN_BUF_INIT;
	size_t i, j;
	char *got;

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	S_pair_make(&p);
	S_write(&p, TUMEN_FMT_BEADS, 0.0, NULL, f, NULL);
	for (i = 0; i < tumen_alignment_count(p.a); i++) {
		const tumen_bead *b = tumen_alignment_bead(p.a, i);
		for (j = 0; j < b->nsrc; j++)
			tumen_buf_printf(&want, j ? ",%zu" : "%zu", b->src + j);
		tumen_buf_addc(&want, '\t');
		for (j = 0; j < b->ntgt; j++)
			tumen_buf_printf(&want, j ? ",%zu" : "%zu", b->tgt + j);
		tumen_buf_addc(&want, '\n');
	}
	got = S_slurp(f, NULL);
	CU_ASSERT_STRING_EQUAL(got, want.ptr);
	CU_ASSERT_EQUAL(S_count(got, "\n"), tumen_alignment_count(p.a));
	free(got);
	tumen_buf_release(&want);
	S_pair_free(&p);
	fclose(f);
}

static void t_writer_tsv(void)
{
	S_pair p;
	FILE *f = tmpfile();
	size_t units;
	char *got, *line, *save = NULL;

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	S_pair_make(&p);
	units = S_write(&p, TUMEN_FMT_TSV, 0.0, NULL, f, NULL);
	CU_ASSERT_EQUAL(units, S_expected_units(p.a, 0.0));
	got = S_slurp(f, NULL);
	CU_ASSERT_EQUAL(S_count(got, "\n"), units);
	/* the tab inside sentence 3 must not make a fourth column */
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "3 apples and 2 pears."));
	for (line = strtok_r(got, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		CU_ASSERT_EQUAL(S_count(line, "\t"), 2);
		CU_ASSERT(atof(line) >= 0.0 && atof(line) <= 1.0);
		CU_ASSERT_EQUAL(strcspn(line, "\t"), 6); /* d.dddd */
	}
	free(got);
	S_pair_free(&p);
	fclose(f);
}

static void t_writer_moses(void)
{
	S_pair p;
	FILE *f = tmpfile(), *f2 = tmpfile();
	tumen_buf want_s = TUMEN_BUF_INIT, want_t = TUMEN_BUF_INIT, b =
		TUMEN_BUF_INIT;
	size_t i, units;
	char *got_s, *got_t;

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f2);
	S_pair_make(&p);
	units = S_write(&p, TUMEN_FMT_MOSES, 0.0, NULL, f, f2);
	CU_ASSERT_EQUAL(units, S_expected_units(p.a, 0.0));
	for (i = 0; i < tumen_alignment_count(p.a); i++) {
		const tumen_bead *bd = tumen_alignment_bead(p.a, i);
		if (!bd->nsrc || !bd->ntgt)
			continue;
		S_join(&b, p.src, bd->src, bd->nsrc);
		tumen_buf_printf(&want_s, "%s\n", b.ptr);
		S_join(&b, p.tgt, bd->tgt, bd->ntgt);
		tumen_buf_printf(&want_t, "%s\n", b.ptr);
	}
	for (i = 0; i < want_s.len; i++)
		if (want_s.ptr[i] == '\t')
			want_s.ptr[i] = ' ';
	got_s = S_slurp(f, NULL);
	got_t = S_slurp(f2, NULL);
	CU_ASSERT_EQUAL(S_count(got_s, "\n"), units);
	CU_ASSERT_EQUAL(S_count(got_t, "\n"), units);
	CU_ASSERT_STRING_EQUAL(got_s, want_s.ptr);
	CU_ASSERT_STRING_EQUAL(got_t, want_t.ptr);
	free(got_s);
	free(got_t);
	tumen_buf_release(&want_s);
	tumen_buf_release(&want_t);
	tumen_buf_release(&b);
	S_pair_free(&p);
	fclose(f);
	fclose(f2);
}

/* Each bead's own score as the threshold: a bead at exactly min_score is
 * kept, so the boundary is tested whatever scores the aligner gives. */
static void t_writer_min_score(void)
{
	S_pair p;
	size_t i, units;
	double min;
	char *xml;

	S_pair_make(&p);
	for (i = 0; i <= tumen_alignment_count(p.a) + 1; i++) {
		FILE *f = tmpfile();
		CU_ASSERT_PTR_NOT_NULL_FATAL(f);
		if (i < tumen_alignment_count(p.a))
			min = tumen_alignment_bead(p.a, i)->score;
		else
			min = i == tumen_alignment_count(p.a) ? 0.0 : 1.0;
		units = S_write(&p, TUMEN_FMT_TMX, min, NULL, f, NULL);
		CU_ASSERT_EQUAL(units, S_expected_units(p.a, min));
		xml = S_slurp(f, NULL);
		CU_ASSERT_EQUAL(S_count(xml, "<tu>"), units);
		free(xml);
		fclose(f);
	}
	S_pair_free(&p);
}

/* C0 controls (but TAB, LF, CR) in sentences [first, first+n) of d;
 * by length, since a sentence may hold a NUL. */
static size_t S_controls(const tumen_doc *d, size_t first, size_t n)
{
	size_t i, k, len, c = 0;
	const unsigned char *s;

	for (i = first; i < first + n; i++) {
		s = (const unsigned char *)tumen_doc_sentence(d, i, &len);
		for (k = 0; k < len; k++)
			c += s[k] < 0x20 && s[k] != '\t' && s[k] != '\n' &&
			     s[k] != '\r';
	}
	return c;
}

/* Forbidden characters in the text of the beads a writer writes. */
static size_t S_forbidden_in(const S_pair *p)
{
	size_t i, n = 0;

	for (i = 0; i < tumen_alignment_count(p->a); i++) {
		const tumen_bead *b = tumen_alignment_bead(p->a, i);
		if (b->nsrc && b->ntgt)
			n += S_controls(p->src, b->src, b->nsrc) +
			     S_controls(p->tgt, b->tgt, b->ntgt);
	}
	return n;
}

/* Control characters that reach the writer are dropped and counted. */
static void t_writer_dropped(void)
{
	static const char en[] = "One\001 two.\nThree\033.\n";
	static const char fa[] = "\xDB\xB1\000.\n\xDB\xB2.\n";
	tumen_writer_opts o;
	tumen_writer *w = NULL;
	FILE *f = tmpfile();
	S_pair p;
	char *xml;

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	p.src = S_doc(en, sizeof en - 1, "en");
	p.tgt = S_doc(fa, sizeof fa - 1, "fa");
	CU_ASSERT_EQUAL_FATAL(tumen_align(p.src, p.tgt, NULL, &p.a), TUMEN_OK);
	tumen_writer_opts_init(&o);
	CU_ASSERT_EQUAL_FATAL(tumen_writer_open(&w, &o, f, NULL), TUMEN_OK);
	CU_ASSERT_EQUAL(tumen_writer_add(w, NULL, p.src, p.tgt, p.a), TUMEN_OK);
	CU_ASSERT_EQUAL(tumen_writer_finish(w), TUMEN_OK);
	CU_ASSERT_EQUAL(tumen_writer_dropped(w), S_forbidden_in(&p));
	xml = S_slurp(f, NULL);
	CU_ASSERT_EQUAL(strcspn(xml, "\001\033"), strlen(xml));
	CU_ASSERT_PTR_NULL(strstr(xml, "x-document")); /* doc_id NULL */
	free(xml);
	tumen_writer_free(w);
	S_pair_free(&p);
	fclose(f);
}

/* ---- errors ------------------------------------------------------------ */

/* A writer with `threads` over the pair `make` gives, on /dev/full:
 * finish reports the error, and add too when `add_fails` (else, through
 * the stream's buffer, it may not have seen it yet). */
static void S_writer_dev_full(void (*make)(S_pair *), int threads,
                              int add_fails)
{
	S_pair p;
	tumen_writer_opts o;
	tumen_writer *w = NULL;
	FILE *f = fopen("/dev/full", "w");
	tumen_status st;

	if (!f)
		return; /* no /dev/full on this system */
	make(&p);
	tumen_writer_opts_init(&o);
	o.threads = threads;
	CU_ASSERT_EQUAL_FATAL(tumen_writer_open(&w, &o, f, NULL), TUMEN_OK);
	st = tumen_writer_add(w, "x", p.src, p.tgt, p.a);
	CU_ASSERT(st == TUMEN_EIO || (!add_fails && st == TUMEN_OK));
	CU_ASSERT_EQUAL(tumen_writer_finish(w), TUMEN_EIO);
	tumen_writer_free(w);
	S_pair_free(&p);
	fclose(f);
}

static void t_writer_dev_full(void)
{
	S_writer_dev_full(S_pair_make, 1, 0);
}

/* A long pair: S_en and S_fa 700 times over (3,500 beads, past the
 * writer's threshold for two threads and not a whole number of its
 * blocks), each copy's numbers changed so that no two are alike. */
static void S_long_pair(S_pair *p)
{
	tumen_buf e = TUMEN_BUF_INIT, f = TUMEN_BUF_INIT;
	size_t k;

	for (k = 0; k < 700; k++) {
		tumen_buf_printf(&e, "Copy %zu. %s", k, S_en);
		tumen_buf_printf(&f, "%zu %s", k, S_fa);
	}
	p->src = S_doc(e.ptr, e.len, "en");
	p->tgt = S_doc(f.ptr, f.len, "fa");
	tumen_buf_release(&e);
	tumen_buf_release(&f);
	CU_ASSERT_EQUAL_FATAL(tumen_align(p->src, p->tgt, NULL, &p->a),
	                      TUMEN_OK);
	CU_ASSERT_FATAL(tumen_alignment_count(p->a) > 3000);
}

/* The bytes and units of format fmt over p with `threads`. */
static char *S_write_threads(const S_pair *p, tumen_format fmt, int threads,
                             size_t *units, char **second)
{
	tumen_writer_opts o;
	tumen_writer *w = NULL;
	FILE *f = tmpfile(), *f2 = fmt == TUMEN_FMT_MOSES ? tmpfile() : NULL;
	char *got;

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	tumen_writer_opts_init(&o);
	o.format = fmt;
	o.creation_date = "20250101T000000Z";
	o.doc_ids = 1;
	o.bead_scores = 1;
	o.min_score = 0.3;
	o.threads = threads;
	CU_ASSERT_EQUAL_FATAL(tumen_writer_open(&w, &o, f, f2), TUMEN_OK);
	CU_ASSERT_EQUAL(tumen_writer_add(w, "a\tb", p->src, p->tgt, p->a),
	                TUMEN_OK);
	CU_ASSERT_EQUAL(tumen_writer_finish(w), TUMEN_OK);
	*units = tumen_writer_units(w);
	tumen_writer_free(w);
	got = S_slurp(f, NULL);
	*second = f2 ? S_slurp(f2, NULL) : NULL;
	fclose(f);
	if (f2)
		fclose(f2);
	return got;
}

/* Two threads write a long alignment's units a block each in turn: the
 * same bytes and units as one, in every format. */
static void t_writer_threads(void)
{
	static const tumen_format fmts[] = { TUMEN_FMT_TMX, TUMEN_FMT_BEADS,
	                                     TUMEN_FMT_TSV, TUMEN_FMT_MOSES };
	S_pair p;
	size_t k, u1, u2;

	S_long_pair(&p);
	for (k = 0; k < sizeof fmts / sizeof *fmts; k++) {
		char *b1, *b2, *one = S_write_threads(&p, fmts[k], 1, &u1, &b1);
		char *two = S_write_threads(&p, fmts[k], 2, &u2, &b2);
		CU_ASSERT_EQUAL(u1, u2);
		CU_ASSERT(u1 > 2000);
		CU_ASSERT_STRING_EQUAL(one, two);
		if (b1 && b2)
			CU_ASSERT_STRING_EQUAL(b1, b2);
		CU_ASSERT((b1 == NULL) == (fmts[k] != TUMEN_FMT_MOSES));
		free(one);
		free(two);
		free(b1);
		free(b2);
	}
	S_pair_free(&p);
}

/* Two threads on a full disk: the error, not a crash (add copies the
 * other thread's blocks as it goes, and sees it). */
static void t_writer_threads_dev_full(void)
{
	S_writer_dev_full(S_long_pair, 2, 1);
}

static void t_unit_eio(void)
{
	FILE *f = fopen("/dev/full", "w");
	tumen_buf scratch = TUMEN_BUF_INIT;

	if (!f)
		return;
	setvbuf(f, NULL, _IONBF, 0); /* every fwrite reaches the device */
	CU_ASSERT_EQUAL(tumen_tmx_begin(f, "en", "20250101T000000Z"),
	                TUMEN_EIO);
	CU_ASSERT_EQUAL(tumen_tmx_unit(f, &scratch, NULL, 1.0, 1, 1, "en", "a",
	                               1, "fa", "b", 1, NULL), TUMEN_EIO);
	CU_ASSERT_EQUAL(tumen_tmx_end(f), TUMEN_EIO);
	tumen_buf_release(&scratch);
	fclose(f);
}

static void t_writer_open_args(void)
{
	tumen_writer_opts o;
	tumen_writer *w = (tumen_writer *)&o;
	FILE *f = tmpfile();
	char *got;

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	tumen_writer_opts_init(&o);
	CU_ASSERT_EQUAL(o.format, TUMEN_FMT_TMX);
	CU_ASSERT_STRING_EQUAL(o.src_lang, "en");
	CU_ASSERT_STRING_EQUAL(o.tgt_lang, "fa");
	o.format = TUMEN_FMT_MOSES;
	CU_ASSERT_EQUAL(tumen_writer_open(&w, &o, f, NULL), TUMEN_EINVAL);
	CU_ASSERT_PTR_NULL(w);
	/* an empty TMX (no documents) is still a complete, parsable file */
	o.format = TUMEN_FMT_TMX;
	o.src_lang = "en-GB";
	CU_ASSERT_EQUAL_FATAL(tumen_writer_open(&w, &o, f, NULL), TUMEN_OK);
	CU_ASSERT_EQUAL(tumen_writer_finish(w), TUMEN_OK);
	CU_ASSERT_EQUAL(tumen_writer_units(w), 0);
	CU_ASSERT_EQUAL(tumen_writer_dropped(w), 0);
	tumen_writer_free(w);
	tumen_writer_free(NULL);
	got = S_slurp(f, NULL);
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "srclang=\"en-GB\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "<body>\n  </body>\n</tmx>\n"));
	free(got);
	fclose(f);
}

static CU_TestInfo tests[] = {
	{ "escape markup", t_escape_markup },
	{ "escape drops forbidden characters", t_escape_forbidden },
	{ "escape agrees with its rules on random text", t_escape_random },
	{ "escape keeps tab, LF; CR as reference", t_escape_kept },
	{ "escape leaves Persian alone", t_escape_persian },
	{ "escape appends", t_escape_appends },
	{ "tmx header and footer exact", t_tmx_header },
	{ "tmx unit exact", t_tmx_unit_exact },
	{ "tmx attribute escaping", t_tmx_attr_escape },
	{ "tmx score format", t_tmx_score_format },
	{ "tmx round trip through expat", t_tmx_roundtrip },
	{ "writer tmx round trip", t_writer_tmx_roundtrip },
	{ "writer beads", t_writer_beads },
	{ "writer tsv", t_writer_tsv },
	{ "writer moses", t_writer_moses },
	{ "writer min_score", t_writer_min_score },
	{ "writer counts dropped characters", t_writer_dropped },
	{ "writer on /dev/full", t_writer_dev_full },
	{ "writer on two threads: the same bytes", t_writer_threads },
	{ "writer on two threads, /dev/full", t_writer_threads_dev_full },
	{ "unit on unbuffered /dev/full", t_unit_eio },
	{ "writer open arguments, empty tmx", t_writer_open_args },
	CU_TEST_INFO_NULL
};

int suite_output(void) { return test_add_suite("output", tests); }
