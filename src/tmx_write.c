/*
 * tmx_write.c - TMX 1.4b output: header, one <tu> per bead, footer.
 *
 * Each unit is built in a scratch buffer and written with one fwrite():
 * a corpus has millions of units and stdio call overhead per attribute
 * would dominate.  Numbers are formatted by hand so that the output never
 * depends on the caller's LC_NUMERIC (a TMX with "0,9731" is wrong).
 */
#include "config.h"

#include <string.h>

#include "bytescan.h"
#include "tmx_write.h"

/* Byte classes for the escaper.  C_COPY bytes go out as they are; C_ASCII
 * are markup characters and C0 controls; C_LEAD is the lead byte of U+FFFE
 * and U+FFFF (EF) or of an encoded surrogate (ED), which need a look at the
 * bytes that follow. */
enum { C_COPY = 0, C_ASCII, C_LEAD };

static const unsigned char S_class[256] = {
	[0x00] = C_ASCII, [0x01] = C_ASCII, [0x02] = C_ASCII, [0x03] = C_ASCII,
	[0x04] = C_ASCII, [0x05] = C_ASCII, [0x06] = C_ASCII, [0x07] = C_ASCII,
	[0x08] = C_ASCII, [0x09] = C_ASCII, [0x0A] = C_ASCII, [0x0B] = C_ASCII,
	[0x0C] = C_ASCII, [0x0D] = C_ASCII, [0x0E] = C_ASCII, [0x0F] = C_ASCII,
	[0x10] = C_ASCII, [0x11] = C_ASCII, [0x12] = C_ASCII, [0x13] = C_ASCII,
	[0x14] = C_ASCII, [0x15] = C_ASCII, [0x16] = C_ASCII, [0x17] = C_ASCII,
	[0x18] = C_ASCII, [0x19] = C_ASCII, [0x1A] = C_ASCII, [0x1B] = C_ASCII,
	[0x1C] = C_ASCII, [0x1D] = C_ASCII, [0x1E] = C_ASCII, [0x1F] = C_ASCII,
	['&'] = C_ASCII, ['<'] = C_ASCII, ['>'] = C_ASCII, ['"'] = C_ASCII,
	[0xED] = C_LEAD, [0xEF] = C_LEAD,
};

/*
 * The replacement for the ASCII byte c, or NULL to drop it.  A parser turns
 * a literal CR (and CR LF) into LF, so CR is written as a reference to
 * survive a round trip; in attribute values TAB and LF would likewise become
 * spaces, so there they are references too.
 */
static const char *S_ascii(unsigned char c, int attr, size_t *n)
{
	const char *r;

	switch (c) {
	case '&': r = "&amp;"; break;
	case '<': r = "&lt;"; break;
	case '>': r = "&gt;"; break;
	case '"': r = "&quot;"; break;
	case '\r': r = "&#13;"; break;
	case '\t': r = attr ? "&#9;" : "\t"; break;
	case '\n': r = attr ? "&#10;" : "\n"; break;
	default: return NULL; /* any other C0 control: not XML 1.0 */
	}
	*n = strlen(r);
	return r;
}

/* Length of a forbidden non-ASCII sequence at p (U+FFFE, U+FFFF, or an
 * encoded surrogate, which valid UTF-8 never holds), or 0. */
static size_t S_forbidden(const unsigned char *p, size_t left)
{
	if (left < 3)
		return 0;
	if (p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF))
		return 3;
	if (p[0] == 0xED && p[1] >= 0xA0 && p[1] <= 0xBF)
		return 3;
	return 0;
}

/* The index of the first byte of p[i..len) that is not C_COPY, or len:
 * sixteen bytes at a time with SSE2 (every x86-64), where a compare per
 * class covers them. */
static size_t S_plain(const unsigned char *p, size_t i, size_t len)
{
#ifdef __SSE2__
	const __m128i amp = _mm_set1_epi8('&'), lt = _mm_set1_epi8('<');
	const __m128i gt = _mm_set1_epi8('>'), quot = _mm_set1_epi8('"');
	const __m128i ed = _mm_set1_epi8((char)0xED);
	const __m128i ef = _mm_set1_epi8((char)0xEF);

	for (; i + 16 <= len; i += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(p + i));
		__m128i m = tumen_in8(x, 0x00, 0x1F); /* C0 controls */
		unsigned mask;
		m = _mm_or_si128(m, _mm_cmpeq_epi8(x, amp));
		m = _mm_or_si128(m, _mm_cmpeq_epi8(x, lt));
		m = _mm_or_si128(m, _mm_cmpeq_epi8(x, gt));
		m = _mm_or_si128(m, _mm_cmpeq_epi8(x, quot));
		m = _mm_or_si128(m, _mm_cmpeq_epi8(x, ed));
		m = _mm_or_si128(m, _mm_cmpeq_epi8(x, ef));
		mask = (unsigned)_mm_movemask_epi8(m);
		if (mask)
			return i + (size_t)__builtin_ctz(mask);
	}
#endif
	while (i < len && S_class[p[i]] == C_COPY)
		i++;
	return i;
}

/* Escapes s[0..len) into out; runs of plain bytes go in with one copy. */
static tumen_status S_escape(tumen_buf *out, const char *s, size_t len,
                             int attr, size_t *dropped)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0, n, skip;
	const char *r;

	while (i < len) {
		unsigned char c;
		if ((i = S_plain(p, i, len)) == len)
			break;
		c = S_class[p[i]];
		if (c == C_LEAD && !S_forbidden(p + i, len - i)) {
			i++;
			continue;
		}
		if (tumen_buf_add(out, s + run, i - run))
			return TUMEN_ENOMEM;
		if (c == C_LEAD) {
			skip = 3;
			r = NULL;
		} else {
			skip = 1;
			r = S_ascii(p[i], attr, &n);
		}
		if (r && tumen_buf_add(out, r, n))
			return TUMEN_ENOMEM;
		if (!r && dropped)
			++*dropped;
		i += skip;
		run = i;
	}
	return tumen_buf_add(out, s + run, len - run);
}

tumen_status tumen_xml_escape(tumen_buf *out, const char *s, size_t len,
                              size_t *dropped)
{
	return S_escape(out, s, len, 0, dropped);
}

/* Appends a string literal, its length known at compile time. */
#define S_LIT(b, lit) tumen_buf_add((b), (lit), sizeof(lit) - 1)

/* Writes all of b to f: TUMEN_EIO if the stream refused any of it. */
static tumen_status S_flush(FILE *f, const tumen_buf *b)
{
	if (fwrite(b->ptr, 1, b->len, f) != b->len || ferror(f))
		return TUMEN_EIO;
	return TUMEN_OK;
}

/* Appends name="value" (value escaped for an attribute), led by a space. */
static tumen_status S_attr(tumen_buf *b, const char *name, const char *value)
{
	if (tumen_buf_addc(b, ' ') || tumen_buf_adds(b, name) ||
	    tumen_buf_add(b, "=\"", 2) ||
	    S_escape(b, value, strlen(value), 1, NULL) ||
	    tumen_buf_addc(b, '"'))
		return TUMEN_ENOMEM;
	return TUMEN_OK;
}

tumen_status tumen_tmx_begin(FILE *f, const char *srclang, const char *date)
{
	tumen_buf b = TUMEN_BUF_INIT;
	tumen_status st = TUMEN_ENOMEM;

	if (!srclang || !date)
		return TUMEN_EINVAL;
	if (tumen_buf_adds(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	                       "<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n"
	                       "<tmx version=\"1.4\">\n  <header") ||
	    S_attr(&b, "creationtool", "tumen") ||
	    S_attr(&b, "creationtoolversion", PACKAGE_VERSION) ||
	    S_attr(&b, "segtype", "sentence") ||
	    S_attr(&b, "o-tmf", "tumen") ||
	    S_attr(&b, "adminlang", "en") ||
	    S_attr(&b, "srclang", srclang) ||
	    S_attr(&b, "datatype", "plaintext") ||
	    S_attr(&b, "creationdate", date) ||
	    tumen_buf_adds(&b, "/>\n  <body>\n"))
		goto done;
	st = S_flush(f, &b);
done:
	tumen_buf_release(&b);
	return st;
}

/* Appends v in decimal; by hand because tumen_buf_printf() formats twice
 * and this runs for every unit. */
static tumen_status S_uint(tumen_buf *b, size_t v)
{
	char d[24];
	size_t n = 0;

	do {
		d[sizeof d - 1 - n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	return tumen_buf_add(b, d + sizeof d - n, n);
}

/* Appends the score as d.dddd, rounded; clamped to [0, 1] (NaN: 0). */
static tumen_status S_score(tumen_buf *b, double score)
{
	char d[6];
	unsigned v;
	int i;

	if (!(score > 0.0))
		score = 0.0;
	else if (score > 1.0)
		score = 1.0;
	v = (unsigned)(score * 10000.0 + 0.5);
	for (i = 5; i > 1; i--, v /= 10)
		d[i] = (char)('0' + v % 10);
	d[1] = '.';
	d[0] = (char)('0' + v);
	return tumen_buf_add(b, d, sizeof d);
}

/* Appends <tuv xml:lang="LANG"><seg>TEXT</seg></tuv>. */
static tumen_status S_tuv(tumen_buf *b, const char *lang, const char *text,
                          size_t len, size_t *dropped)
{
	if (S_LIT(b, "      <tuv xml:lang=\"") ||
	    S_escape(b, lang, strlen(lang), 1, NULL) ||
	    S_LIT(b, "\"><seg>") || S_escape(b, text, len, 0, dropped) ||
	    S_LIT(b, "</seg></tuv>\n"))
		return TUMEN_ENOMEM;
	return TUMEN_OK;
}

tumen_status tumen_tmx_unit(FILE *f, tumen_buf *scratch, const char *doc_id,
                            double score, size_t nsrc, size_t ntgt,
                            const char *srclang, const char *src, size_t srclen,
                            const char *tgtlang, const char *tgt, size_t tgtlen,
                            size_t *dropped)
{
	tumen_buf *b = scratch;

	tumen_buf_reset(b);
	if (S_LIT(b, "    <tu>\n      <prop type=\"x-score\">") ||
	    S_score(b, score) ||
	    S_LIT(b, "</prop>\n      <prop type=\"x-bead\">") ||
	    S_uint(b, nsrc) || S_LIT(b, "-") || S_uint(b, ntgt) ||
	    S_LIT(b, "</prop>\n"))
		return TUMEN_ENOMEM;
	if (doc_id && (S_LIT(b, "      <prop type=\"x-document\">") ||
	               S_escape(b, doc_id, strlen(doc_id), 0, dropped) ||
	               S_LIT(b, "</prop>\n")))
		return TUMEN_ENOMEM;
	if (S_tuv(b, srclang, src, srclen, dropped) ||
	    S_tuv(b, tgtlang, tgt, tgtlen, dropped) ||
	    S_LIT(b, "    </tu>\n"))
		return TUMEN_ENOMEM;
	return S_flush(f, b);
}

tumen_status tumen_tmx_end(FILE *f)
{
	static const char end[] = "  </body>\n</tmx>\n";

	if (fwrite(end, 1, sizeof end - 1, f) != sizeof end - 1 || ferror(f))
		return TUMEN_EIO;
	return TUMEN_OK;
}
