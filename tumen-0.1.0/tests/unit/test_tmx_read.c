/* Tests of tmx_read.c and tmx_tools.c: the streaming reader fed in chunks,
 * UTF-16, inline codes, hostile files, and the tools (keys, merge, filter,
 * validate). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tumen/tmx.h>
#include "buf.h"
#include "suites.h"

static const char S_rich[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<tmx version=\"1.4\">\n"
	"<header creationtool=\"t\" creationtoolversion=\"1\" segtype=\"sentence\""
	" o-tmf=\"x\" adminlang=\"en\" srclang=\"en\" datatype=\"plaintext\">\n"
	"<prop type=\"x-header\">not a unit prop</prop></header>\n"
	"<body>\n"
	"<tu tuid=\"7\" creationdate=\"20240101T000000Z\">\n"
	"<note>unit note</note><prop type=\"x-score\">0.8000</prop>\n"
	"<prop type=\"x-bead\">1-1</prop>\n"
	"<tuv xml:lang=\"en\" usagecount=\"2\"><prop type=\"x-origin\">human</prop>"
	"<note xml:lang=\"en\">tuv note</note>\n"
	"<seg>Press <bpt i=\"1\" x=\"1\">&lt;b&gt;</bpt>Save<ept i=\"1\">&lt;/b&gt;"
	"</ept> <hi type=\"t\">now</hi><ph>&lt;br/&gt;</ph> &amp; go.</seg></tuv>\n"
	"<tuv xml:lang=\"fa\"><seg>\xd8\xb1\xd9\x88\xdb\x8c \xe2\x80\x8c"
	"<it pos=\"begin\">&lt;i&gt;</it>\xd8\xb0\xd8\xae\xdb\x8c\xd8\xb1\xd9\x87"
	" \xdb\xb1\xdb\xb2</seg></tuv>\n"
	"</tu>\n"
	"<tu><tuv lang=\"en\"><seg/></tuv></tu>\n"
	"</body>\n</tmx>\n";

static void S_str(tumen_buf *b, const char *tag, tumen_tmx_str s)
{
	CU_ASSERT_EQUAL(strlen(s.ptr), s.len);
	tumen_buf_printf(b, "%s[%s]", tag, s.ptr);
}

static void S_props(tumen_buf *b, const tumen_tmx_prop *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		S_str(b, " p", p[i].type);
		S_str(b, "@", p[i].lang);
		S_str(b, "=", p[i].value);
	}
}

/* Every part of a unit, in one string. */
static tumen_status S_dump(void *ctx, const tumen_tu *tu)
{
	tumen_buf *b = ctx;
	size_t i, k;

	tumen_buf_printf(b, "tu#%llu line %lu", tu->index, tu->line);
	S_str(b, " id", tu->tuid);
	for (i = 0; i < tu->nattrs; i++)
		tumen_buf_printf(b, " %s=%s", tu->attrs[i].name.ptr,
		                 tu->attrs[i].value.ptr);
	S_props(b, tu->props, tu->nprops);
	S_props(b, tu->notes, tu->nnotes);
	for (i = 0; i < tu->ntuvs; i++) {
		const tumen_tuv *v = &tu->tuvs[i];
		tumen_buf_printf(b, "\n tuv line %lu", v->line);
		S_str(b, " lang", v->lang);
		for (k = 0; k < v->nattrs; k++)
			tumen_buf_printf(b, " %s=%s", v->attrs[k].name.ptr,
			                 v->attrs[k].value.ptr);
		S_props(b, v->props, v->nprops);
		S_props(b, v->notes, v->nnotes);
		S_str(b, " seg", v->seg);
		S_str(b, " xml", v->xml);
	}
	tumen_buf_addc(b, '\n');
	return TUMEN_OK;
}

/* Parses data in chunks of `chunk` bytes (0: at once) into a dump;
 * returns the status, err filled. */
static tumen_status S_parse(const char *data, size_t len, size_t chunk,
                            int keep, tumen_buf *out, tumen_error *err)
{
	tumen_tmx_reader_opts o;
	tumen_tmx_reader *r;
	tumen_status st = TUMEN_OK;
	size_t i = 0, n;

	tumen_tmx_reader_opts_init(&o);
	o.keep_inline = keep;
	CU_ASSERT_EQUAL_FATAL(tumen_tmx_reader_new(&r, &o, S_dump, out), TUMEN_OK);
	if (!chunk)
		chunk = len;
	do {
		n = len - i < chunk ? len - i : chunk;
		st = tumen_tmx_reader_feed(r, data + i, n, i + n == len, err);
		i += n;
	} while (!st && i < len);
	if (!st) {
		const char *sl = tumen_tmx_reader_header(r, "srclang");
		CU_ASSERT_STRING_EQUAL(sl ? sl : "", "en");
		CU_ASSERT_PTR_NULL(tumen_tmx_reader_header(r, "nosuch"));
		tumen_buf_printf(out, "units %llu\n", tumen_tmx_reader_units(r));
	}
	tumen_tmx_reader_free(r);
	return st;
}

static void t_chunks(void)
{
	tumen_buf whole = TUMEN_BUF_INIT, part = TUMEN_BUF_INIT;
	tumen_error err;
	size_t chunk;

	CU_ASSERT_EQUAL_FATAL(S_parse(S_rich, strlen(S_rich), 0, 1, &whole,
	                              &err), TUMEN_OK);
	for (chunk = 1; chunk <= 5; chunk++) {
		tumen_buf_reset(&part);
		CU_ASSERT_EQUAL(S_parse(S_rich, strlen(S_rich), chunk, 1, &part,
		                        &err), TUMEN_OK);
		CU_ASSERT_STRING_EQUAL(part.ptr, whole.ptr);
	}
	CU_ASSERT_PTR_NOT_NULL(strstr(whole.ptr, "units 2\n"));
	tumen_buf_release(&whole);
	tumen_buf_release(&part);
	tumen_tmx_reader_free(NULL);
}

static void t_content(void)
{
	tumen_buf b = TUMEN_BUF_INIT;
	tumen_error err;
	const char *d;

	CU_ASSERT_EQUAL_FATAL(S_parse(S_rich, strlen(S_rich), 3, 0, &b, &err),
	                      TUMEN_OK);
	d = b.ptr;
	/* header prop not taken for a unit prop; tu props and note kept */
	CU_ASSERT_PTR_NULL(strstr(d, "x-header"));
	CU_ASSERT_PTR_NOT_NULL(strstr(d, "tu#0 line 6 id[7] tuid=7 "
	                          "creationdate=20240101T000000Z p[x-score]@[]="
	                          "[0.8000] p[x-bead]@[]=[1-1] p[]@[]=[unit note]"));
	CU_ASSERT_PTR_NOT_NULL(strstr(d, "tuv line 9 lang[en] usagecount=2 "
	                          "p[x-origin]@[]=[human] p[]@[en]=[tuv note]"));
	/* stripped: codes gone, hi text kept, entities decoded */
	CU_ASSERT_PTR_NOT_NULL(strstr(d, " seg[Press Save now & go.] xml[]"));
	CU_ASSERT_PTR_NOT_NULL(strstr(d, " seg[\xd8\xb1\xd9\x88\xdb\x8c \xe2\x80"
	                          "\x8c\xd8\xb0\xd8\xae\xdb\x8c\xd8\xb1\xd9\x87 "
	                          "\xdb\xb1\xdb\xb2]"));
	/* TMX 1.1 lang, an empty seg */
	CU_ASSERT_PTR_NOT_NULL(strstr(d, "tu#1 line 13 id[]\n tuv line 13 "
	                          "lang[en] seg[] xml[]"));
	tumen_buf_release(&b);
}

static void t_inline_kept(void)
{
	tumen_buf b = TUMEN_BUF_INIT;
	tumen_error err;

	CU_ASSERT_EQUAL_FATAL(S_parse(S_rich, strlen(S_rich), 0, 1, &b, &err),
	                      TUMEN_OK);
	CU_ASSERT_PTR_NOT_NULL(strstr(b.ptr, " seg[Press Save now & go.] "
	    "xml[Press <bpt i=\"1\" x=\"1\">&lt;b&gt;</bpt>Save<ept i=\"1\">"
	    "&lt;/b&gt;</ept> <hi type=\"t\">now</hi><ph>&lt;br/&gt;</ph> "
	    "&amp; go.]"));
	CU_ASSERT_PTR_NOT_NULL(strstr(b.ptr, "<it pos=\"begin\">&lt;i&gt;</it>"));
	tumen_buf_release(&b);
}

/* UTF-8 to UTF-16 (BOM first), little or big endian. */
static char *S_utf16(const char *s, int be, size_t *n)
{
	const unsigned char *p = (const unsigned char *)s;
	char *out = malloc(strlen(s) * 4 + 4);
	size_t o = 0;
	unsigned u[2], cp, k, m;

	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	cp = 0xFEFF;
	for (;;) {
		m = 1;
		u[0] = cp;
		if (cp >= 0x10000) {
			u[0] = 0xD800 + ((cp - 0x10000) >> 10);
			u[1] = 0xDC00 + ((cp - 0x10000) & 0x3FF);
			m = 2;
		}
		for (k = 0; k < m; k++) {
			out[o++] = (char)(be ? u[k] >> 8 : u[k] & 0xFF);
			out[o++] = (char)(be ? u[k] & 0xFF : u[k] >> 8);
		}
		if (!*p)
			break;
		if (*p < 0x80)
			cp = *p++;
		else if (*p < 0xE0)
			cp = (*p & 0x1Fu) << 6 | (p[1] & 0x3Fu), p += 2;
		else if (*p < 0xF0)
			cp = (*p & 0xFu) << 12 | (p[1] & 0x3Fu) << 6 |
			     (p[2] & 0x3Fu), p += 3;
		else
			cp = (*p & 7u) << 18 | (p[1] & 0x3Fu) << 12 |
			     (p[2] & 0x3Fu) << 6 | (p[3] & 0x3Fu), p += 4;
	}
	*n = o;
	return out;
}

static void t_utf16(void)
{
	tumen_buf want = TUMEN_BUF_INIT, got = TUMEN_BUF_INIT;
	tumen_error err;
	const char *at = strstr(S_rich, "UTF-8");
	char *doc, *x;
	size_t n;
	int be;

	/* the same document, declared UTF-16 */
	doc = malloc(strlen(S_rich) + 2);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	sprintf(doc, "%.*sUTF-16%s", (int)(at - S_rich), S_rich, at + 5);
	CU_ASSERT_EQUAL_FATAL(S_parse(S_rich, strlen(S_rich), 0, 1, &want,
	                              &err), TUMEN_OK);
	for (be = 0; be < 2; be++) {
		x = S_utf16(doc, be, &n);
		tumen_buf_reset(&got);
		CU_ASSERT_EQUAL(S_parse(x, n, 3, 1, &got, &err), TUMEN_OK);
		CU_ASSERT_STRING_EQUAL(got.ptr, want.ptr);
		free(x);
	}
	/* UTF-16 bytes declared UTF-8: refused, not misread */
	x = S_utf16(S_rich, 0, &n);
	tumen_buf_reset(&got);
	CU_ASSERT_EQUAL(S_parse(x, n, 0, 1, &got, &err), TUMEN_EFORMAT);
	free(x);
	free(doc);
	tumen_buf_release(&want);
	tumen_buf_release(&got);
}

/* Parses data in 1..5-byte chunks; each must fail with st at line. */
static void S_bad(const char *data, tumen_status st, unsigned long line,
                  const char *msg)
{
	tumen_buf b = TUMEN_BUF_INIT;
	tumen_error err;
	size_t chunk;

	for (chunk = 0; chunk <= 5; chunk++) {
		memset(&err, 0, sizeof err);
		tumen_buf_reset(&b);
		CU_ASSERT_EQUAL(S_parse(data, strlen(data), chunk, 0, &b, &err), st);
		CU_ASSERT_EQUAL(err.line, line);
		CU_ASSERT_STRING_EQUAL(err.msg, msg);
	}
	tumen_buf_release(&b);
}

#define HDR "<header srclang=\"en\"/>"

static void t_hostile(void)
{
	char *deep;
	size_t i;

	S_bad("<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [\n"
	      " <!ENTITY a \"aaaaaaaaaa\">\n <!ENTITY b \"&a;&a;&a;&a;\">\n]>\n"
	      "<tmx>" HDR "<body><tu><tuv xml:lang=\"en\"><seg>&b;</seg></tuv>"
	      "</tu></body></tmx>", TUMEN_EFORMAT, 3,
	      "entity declarations are not allowed");
	S_bad("<!DOCTYPE tmx [\n<!ENTITY x SYSTEM \"/etc/passwd\">]>\n"
	      "<tmx>&x;</tmx>", TUMEN_EFORMAT, 2,
	      "entity declarations are not allowed");
	S_bad("<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n<tmx>\n&x;</tmx>",
	      TUMEN_EFORMAT, 3, "reference to undeclared entity 'x'");
	S_bad("<tmx>\n" HDR "<body><tu><tuv xml:lang=\"en\">\n<seg>a&#1;</seg>"
	      "</tuv></tu></body></tmx>", TUMEN_EFORMAT, 3,
	      "reference to a character XML 1.0 forbids");
	S_bad("<tmx>\n<body>\n<tu></body></tmx>", TUMEN_EFORMAT, 3,
	      "mismatched tag");
	S_bad("<html>\n</html>", TUMEN_EFORMAT, 1, "root element is not <tmx>");
	S_bad("", TUMEN_EFORMAT, 1, "no element found");
	deep = malloc(100000 * 3 + 16);
	CU_ASSERT_PTR_NOT_NULL_FATAL(deep);
	strcpy(deep, "<tmx>\n");
	for (i = 0; i < 100000; i++)
		memcpy(deep + 6 + i * 3, "<a>", 4);
	S_bad(deep, TUMEN_EFORMAT, 2, "nesting deeper than 64 levels");
	free(deep);
}

static tumen_status S_stop(void *ctx, const tumen_tu *tu)
{
	(void)tu;
	++*(int *)ctx;
	return TUMEN_EEMPTY;
}

static void t_callback_stops(void)
{
	tumen_tmx_reader *r;
	tumen_error err;
	int calls = 0;

	CU_ASSERT_EQUAL(tumen_tmx_reader_new(&r, NULL, NULL, NULL), TUMEN_EINVAL);
	CU_ASSERT_EQUAL_FATAL(tumen_tmx_reader_new(&r, NULL, S_stop, &calls),
	                      TUMEN_OK);
	CU_ASSERT_EQUAL(tumen_tmx_reader_feed(r, S_rich, strlen(S_rich), 1,
	                                      &err), TUMEN_EEMPTY);
	CU_ASSERT_EQUAL(calls, 1);
	/* sticky */
	CU_ASSERT_EQUAL(tumen_tmx_reader_feed(r, "", 0, 1, &err), TUMEN_EEMPTY);
	tumen_tmx_reader_free(r);
}

static void t_lang_date(void)
{
	CU_ASSERT(tumen_tmx_lang_ok("en", 2));
	CU_ASSERT(tumen_tmx_lang_ok("fa-IR", 5));
	CU_ASSERT(tumen_tmx_lang_ok("zh-Hant-TW", 10));
	CU_ASSERT(tumen_tmx_lang_ok("x-klingon", 9));
	CU_ASSERT(!tumen_tmx_lang_ok("en_US", 5));
	CU_ASSERT(!tumen_tmx_lang_ok("", 0));
	CU_ASSERT(!tumen_tmx_lang_ok("e", 1));
	CU_ASSERT(!tumen_tmx_lang_ok("en-", 3));
	CU_ASSERT(!tumen_tmx_lang_ok("english1", 8));
	CU_ASSERT(!tumen_tmx_lang_ok("en-toolongsubtag", 16));
	CU_ASSERT(tumen_tmx_date_ok("20240229T235959Z"));
	CU_ASSERT(!tumen_tmx_date_ok("20230229T000000Z"));
	CU_ASSERT(!tumen_tmx_date_ok("2024-01-01"));
	CU_ASSERT(!tumen_tmx_date_ok("20241301T000000Z"));
	CU_ASSERT(!tumen_tmx_date_ok("20240101T240000Z"));
	CU_ASSERT(!tumen_tmx_date_ok("20240101T000000"));
}

/* ---- the tools ----------------------------------------------------- */

static const char S_head[] =
	"<?xml version=\"1.0\"?>\n<tmx version=\"1.4\">\n"
	"<header creationtool=\"t\" creationtoolversion=\"1\" "
	"segtype=\"sentence\" o-tmf=\"x\" adminlang=\"en\" srclang=\"en\" "
	"datatype=\"plaintext\" creationdate=\"20240102T030405Z\"/>\n<body>\n";

/* A TMX in a temporary file: the header, then `units`, then the end. */
static FILE *S_file(const char *units)
{
	FILE *f = tmpfile();

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fprintf(f, "%s%s</body>\n</tmx>\n", S_head, units);
	rewind(f);
	return f;
}

static char *S_slurp(FILE *f)
{
	long n;
	char *s;

	fflush(f);
	n = ftell(f);
	s = calloc(1, (size_t)n + 1);
	rewind(f);
	if (s && fread(s, 1, (size_t)n, f) != (size_t)n)
		s[0] = '\0';
	return s;
}

#define TU(score, en, fa) \
	"<tu><prop type=\"x-score\">" score "</prop>" \
	"<tuv xml:lang=\"en\"><seg>" en "</seg></tuv>" \
	"<tuv xml:lang=\"fa\"><seg>" fa "</seg></tuv></tu>\n"

static tumen_status S_key1(void *ctx, const tumen_tu *tu)
{
	unsigned long long *k = ctx;

	return tumen_tu_key(tu, &k[tu->index]);
}

static void t_keys(void)
{
	static const char units[] =
		TU("0.5", "The  Budget\n", "\xd9\x83\xd8\xaa\xd8\xa7\xd8\xa8 \xd9\xa1")
		TU("0.5", " the budget", "\xda\xa9\xd8\xaa\xd8\xa7\xd8\xa8 1")
		"<tu><tuv xml:lang=\"fa\"><seg>\xda\xa9\xd8\xaa\xd8\xa7\xd8\xa8 1"
		"</seg></tuv><tuv xml:lang=\"en\"><seg>the budget</seg></tuv></tu>"
		TU("0.5", "the budgets", "\xda\xa9\xd8\xaa\xd8\xa7\xd8\xa8 1");
	unsigned long long k[4] = { 0 };
	tumen_tmx_reader *r;
	tumen_error err;
	FILE *f = S_file(units);

	CU_ASSERT_EQUAL_FATAL(tumen_tmx_reader_new(&r, NULL, S_key1, k), TUMEN_OK);
	CU_ASSERT_EQUAL(tumen_tmx_reader_read(r, f, &err), TUMEN_OK);
	tumen_tmx_reader_free(r);
	fclose(f);
	/* white space, case, Arabic kaf and digits, tuv order: same pair */
	CU_ASSERT(k[0] != 0 && k[0] == k[1] && k[1] == k[2]);
	CU_ASSERT(k[3] != k[0]);
}

static void t_merge_best(void)
{
	FILE *in[2], *out = tmpfile();
	tumen_tmx_merge_result res;
	tumen_error err;
	char *s;

	in[0] = S_file(TU("0.5", "a", "b") TU("0.9", "c", "d"));
	in[1] = S_file(TU("0.7", "A ", "b") TU("0.2", "e", "f")
	               TU("0.9", "c", "d"));
	CU_ASSERT_EQUAL_FATAL(tumen_tmx_merge(in, 2, out, &res, &err), TUMEN_OK);
	CU_ASSERT_EQUAL(res.read, 5);
	CU_ASSERT_EQUAL(res.written, 3);
	CU_ASSERT_EQUAL(res.duplicates, 2);
	s = S_slurp(out);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	/* best copy of a/b is the second file's; c/d's first copy wins the
	 * tie; the order is the inputs' */
	CU_ASSERT_PTR_NULL(strstr(s, ">0.5<"));
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "creationdate=\"20240102T030405Z\""));
	CU_ASSERT(strstr(s, ">c<") && strstr(s, ">A <") && strstr(s, ">e<") &&
	          strstr(s, ">c<") < strstr(s, ">A <") &&
	          strstr(s, ">A <") < strstr(s, ">e<"));
	free(s);
	fclose(in[0]);
	fclose(in[1]);
	fclose(out);
}

/* Filters units with o; checks how many each rule removed. */
static void S_filter(const char *units, const tumen_tmx_filter_opts *o,
                     int rule, unsigned long long removed,
                     unsigned long long kept)
{
	FILE *in = S_file(units), *out = tmpfile();
	tumen_tmx_filter_result res;
	tumen_error err;
	int i;

	CU_ASSERT_EQUAL_FATAL(tumen_tmx_filter(in, out, o, &res, &err), TUMEN_OK);
	CU_ASSERT_EQUAL(res.kept, kept);
	for (i = 0; i < TUMEN_TMX_RULES; i++)
		CU_ASSERT_EQUAL(res.removed[i], i == rule ? removed : 0);
	fclose(in);
	fclose(out);
}

static void t_filter_rules(void)
{
	tumen_tmx_filter_opts o;

	tumen_tmx_filter_opts_init(&o);
	o.min_score = 0.6;
	S_filter(TU("0.5", "a", "b") TU("0.6", "c", "d") TU("x", "e", "f"), &o,
	         TUMEN_TMX_RULE_SCORE, 1, 2);
	tumen_tmx_filter_opts_init(&o);
	o.max_ratio = 2;
	S_filter(TU("1", "abc", "abcdefg") TU("1", "abc", "abcdef")
	         TU("1", "", "x"), &o, TUMEN_TMX_RULE_RATIO, 2, 1);
	tumen_tmx_filter_opts_init(&o);
	o.numbers = 1;
	S_filter(TU("1", "1,200.5 and 3", "\xdb\xb3 \xdb\xb1\xdb\xb2\xdb"
	                 "\xb0\xdb\xb0\xd9\xab\xdb\xb5")
	         TU("1", "7 days", "8 days") TU("1", "no", "none"), &o,
	         TUMEN_TMX_RULE_NUMBERS, 1, 2);
	tumen_tmx_filter_opts_init(&o);
	o.no_identical = 1;
	S_filter(TU("1", "Tumen", "tumen ") TU("1", "a", "b"), &o,
	         TUMEN_TMX_RULE_IDENTICAL, 1, 1);
	tumen_tmx_filter_opts_init(&o);
	o.min_chars = 2;
	o.max_chars = 4;
	S_filter(TU("1", "a", "bb") TU("1", "aa", "bbbbb") TU("1", "aa", "bb"),
	         &o, TUMEN_TMX_RULE_CHARS, 2, 1);
	tumen_tmx_filter_opts_init(&o);
	o.langs = "en,fa";
	S_filter(TU("1", "a", "b") "<tu><tuv xml:lang=\"en\"><seg>x</seg></tuv>"
	         "<tuv xml:lang=\"de\"><seg>y</seg></tuv></tu>", &o,
	         TUMEN_TMX_RULE_LANGS, 1, 1);
}

static void S_note(void *ctx, unsigned long line, const char *msg)
{
	tumen_buf_printf(ctx, "%lu: %s\n", line, msg);
}

static void t_validate(void)
{
	tumen_buf b = TUMEN_BUF_INIT;
	tumen_error err;
	size_t n;
	FILE *f = S_file(TU("1", "a", "b")
	                 "<tu creationdate=\"2024\">\n"
	                 "<tuv xml:lang=\"fa_IR\"><seg>x</seg></tuv></tu>\n");

	CU_ASSERT_EQUAL(tumen_tmx_validate(f, S_note, &b, &n, &err),
	                TUMEN_EFORMAT);
	CU_ASSERT_EQUAL(n, 3);
	CU_ASSERT_STRING_EQUAL(b.ptr,
	        "6: invalid date '2024' in creationdate (expected "
	        "YYYYMMDDThhmmssZ)\n"
	        "7: invalid language code 'fa_IR'\n"
	        "6: <tu> has no <tuv> in the source language 'en'\n");
	fclose(f);
	f = S_file(TU("1", "a", "b"));
	CU_ASSERT_EQUAL(tumen_tmx_validate(f, S_note, &b, &n, &err), TUMEN_OK);
	CU_ASSERT_EQUAL(n, 0);
	fclose(f);
	tumen_buf_release(&b);
}

static CU_TestInfo tests[] = {
	{ "feeding in 1-5 byte chunks gives the same units", t_chunks },
	{ "tuid, attributes, props, notes, stripped segs", t_content },
	{ "inline codes kept as XML on request", t_inline_kept },
	{ "UTF-16 LE and BE with BOM", t_utf16 },
	{ "hostile files rejected with their line", t_hostile },
	{ "a failing callback stops the reader", t_callback_stops },
	{ "language tags and dates", t_lang_date },
	{ "pair keys ignore space, case, letter forms, tuv order", t_keys },
	{ "merge keeps the best-scored copy in input order", t_merge_best },
	{ "filter rules remove what they should", t_filter_rules },
	{ "validate names each problem and its line", t_validate },
	CU_TEST_INFO_NULL
};

int suite_tmx_read(void)
{
	return test_add_suite("tmx_read", tests);
}
