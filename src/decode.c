/*
 * decode.c - pipeline stage 1: raw bytes to valid UTF-8 with LF line ends.
 *
 * UTF-8 input (the common case) never goes through iconv: a validator walks
 * it, skipping ASCII eight bytes at a time, and copies valid runs with one
 * memcpy each.  Other encodings go through iconv straight into `out`; the
 * CR/LF rewrite is then done in place on what iconv wrote.
 *
 * Error offsets are the offset of the first byte of the invalid sequence in
 * the caller's input (a skipped BOM counts).  In lenient mode the UTF-8
 * validator replaces each "maximal subpart of an ill-formed subsequence"
 * (Unicode 15, section 3.9, U+FFFD substitution of maximal subparts) with one
 * U+FFFD: a lead byte and the continuation bytes that could still have
 * completed it count as one error, any other bad byte is an error on its own.
 * The iconv path replaces one input unit (1 byte, 2 for UTF-16, 4 for
 * UTF-32) per error, since iconv does not tell how long the bad sequence is.
 */
#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "bytescan.h"
#include "decode.h"

#define S_FFFD "\xEF\xBF\xBD"

typedef struct S_dec {
	int lenient;
	size_t base;      /* offset of the converted bytes in the input */
	size_t replaced;
	const char *name; /* encoding name, for messages */
	tumen_buf *out;
	tumen_error *err;
} S_dec;

static tumen_status S_bad(S_dec *d, size_t off)
{
	tumen_error *err = d->err;

	if (err) {
		err->code = TUMEN_EUTF8;
		err->has_byte = 1;
		err->byte = (unsigned long long)(d->base + off);
		if (d->name)
			snprintf(err->msg, sizeof err->msg,
			         "invalid byte sequence for encoding '%s'",
			         d->name);
		else
			snprintf(err->msg, sizeof err->msg, "invalid UTF-8");
	}
	return TUMEN_EUTF8;
}

/*
 * Checks the sequence at s[0..len), len > 0, against Unicode's table of
 * well-formed UTF-8 (Table 3-7).  Returns its length and sets *cp if valid;
 * otherwise returns 0 and sets *bad to the length of the maximal subpart
 * (at least 1).
 */
static inline size_t S_seq(const unsigned char *s, size_t len, unsigned *cp,
                           size_t *bad)
{
	unsigned c = s[0], lo = 0x80, hi = 0xBF;
	size_t n, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c < 0xC2 || c > 0xF4) {
		*bad = 1;
		return 0;
	}
	n = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	if (c == 0xE0)
		lo = 0xA0;         /* overlong */
	else if (c == 0xED)
		hi = 0x9F;         /* surrogates */
	else if (c == 0xF0)
		lo = 0x90;         /* overlong */
	else if (c == 0xF4)
		hi = 0x8F;         /* above U+10FFFF */
	c &= n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07;
	for (i = 1; i < n; i++) {
		if (i >= len || s[i] < lo || s[i] > hi) {
			*bad = i;
			return 0;
		}
		c = c << 6 | (s[i] & 0x3F);
		lo = 0x80;
		hi = 0xBF;
	}
	*cp = c;
	return n;
}

size_t tumen_utf8_next(const unsigned char *s, size_t len, unsigned *cp)
{
	size_t bad;

	if (!len)
		return 0;
	return S_seq(s, len, cp, &bad);
}

/* True if the 8 bytes at s are ASCII and none is a CR. */
static inline int S_plain8(const unsigned char *s)
{
	const uint64_t ones = 0x0101010101010101ULL, highs = ones * 0x80;
	uint64_t w, x;

	memcpy(&w, s, 8);
	x = w ^ (ones * '\r');
	return !((w | ((x - ones) & ~x)) & highs);
}

/* Index of the first byte at or after i that is not ASCII, or is a CR. */
static inline size_t S_skip_plain(const unsigned char *s, size_t i, size_t len)
{
	while (i + 8 <= len && S_plain8(s + i))
		i += 8;
	while (i < len && s[i] < 0x80 && s[i] != '\r')
		i++;
	return i;
}

#ifdef __SSE2__
/* How many bytes from s (the start of a character; 16 readable) are valid
 * UTF-8 of ASCII but CR, two-byte sequences and U+2000-2FFF (E2: ZWNJ and
 * the punctuation Persian text has): 16, or 15 or 14 to end before a
 * sequence the block cuts; 0 when anything else is among them (the
 * caller goes byte by byte). */
static size_t S_block16(const unsigned char *s)
{
	__m128i x = _mm_loadu_si128((const __m128i *)s);
	__m128i lead2 = tumen_in8(x, 0xC2, 0xDF);
	__m128i lead3 = _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xE2));
	__m128i cont = tumen_in8(x, 0x80, 0xBF);
	/* where a continuation byte must be, and where one is */
	__m128i lead = _mm_or_si128(lead2, lead3);
	__m128i need = _mm_or_si128(_mm_slli_si128(lead, 1),
	                            _mm_slli_si128(lead3, 2));
	__m128i bad = _mm_cmpeq_epi8(x, _mm_set1_epi8('\r'));
	/* a lead byte other than C2-DF and E2 */
	__m128i other = _mm_andnot_si128(lead, tumen_in8(x, 0xC0, 0xFF));

	bad = _mm_or_si128(bad, other);
	bad = _mm_or_si128(bad, _mm_xor_si128(need, cont));
	return tumen_block_take(bad, s);
}
#endif

/* Index of the first byte at or after i that is not ASCII or part of a
 * two-byte sequence (Arabic script, most of Latin) or of U+2000-2FFF, or
 * is a CR; sixteen bytes at a time where it can. */
static inline size_t S_skip_two(const unsigned char *s, size_t i, size_t len)
{
#ifdef __SSE2__
	size_t next = i, k; /* where to try sixteen bytes at once again */
#endif

	while (i < len) {
#ifdef __SSE2__
		if (i >= next) {
			while (i + 16 <= len && (k = S_block16(s + i)))
				i += k;
			next = i + 16; /* after a failed block, byte by byte */
			if (i >= len)
				break;
		}
#endif
		if (s[i] < 0x80) {
			if (s[i] == '\r')
				break;
			i++;
		} else if (s[i] >= 0xC2 && s[i] < 0xE0 && i + 1 < len &&
		           (s[i + 1] & 0xC0) == 0x80) {
			i += 2;
		} else {
			break;
		}
	}
	return i;
}

/*
 * Validates s[0..len) and appends it to d->out with CR and CRLF turned into
 * LF.  Between special bytes (CR, invalid) the text is copied in one piece.
 */
static tumen_status S_utf8(S_dec *d, const unsigned char *s, size_t len)
{
	size_t i = 0, run = 0, n, bad = 1;
	unsigned cp;

	if (tumen_buf_grow(d->out, len))
		return TUMEN_ENOMEM;
	for (;;) {
		i = S_skip_two(s, S_skip_plain(s, i, len), len);
		if (i == len)
			break;
		if (s[i] != '\r' && (n = S_seq(s + i, len - i, &cp, &bad))) {
			i += n;
			continue;
		}
		if (s[i] != '\r' && !d->lenient)
			return S_bad(d, i);
		if (tumen_buf_add(d->out, s + run, i - run))
			return TUMEN_ENOMEM;
		if (s[i] == '\r') {
			i += i + 1 < len && s[i + 1] == '\n' ? 2 : 1;
			if (tumen_buf_addc(d->out, '\n'))
				return TUMEN_ENOMEM;
		} else {
			i += bad;
			d->replaced++;
			if (tumen_buf_add(d->out, S_FFFD, 3))
				return TUMEN_ENOMEM;
		}
		run = i;
	}
	return tumen_buf_add(d->out, s + run, len - run);
}

/* Bytes per code unit of an iconv encoding name, for lenient skipping. */
static size_t S_unit(const char *name)
{
	char up[32];
	size_t i, j;

	for (i = j = 0; name[i] && j + 1 < sizeof up; i++)
		if (name[i] != '-' && name[i] != '_')
			up[j++] = (char)(name[i] >= 'a' && name[i] <= 'z' ?
			                 name[i] - 32 : name[i]);
	up[j] = '\0';
	if (!strncmp(up, "UTF16", 5) || !strncmp(up, "UCS2", 4))
		return 2;
	if (!strncmp(up, "UTF32", 5) || !strncmp(up, "UCS4", 4))
		return 4;
	return 1;
}

static int S_is_utf8(const char *name)
{
	return !strcasecmp(name, "UTF-8") || !strcasecmp(name, "UTF8");
}

/* Converts in[0..len) with cd into d->out, growing it on E2BIG. */
static tumen_status S_iconv_run(S_dec *d, iconv_t cd, const char *in,
                                size_t len)
{
	ICONV_CONST char *ip = (char *)in;
	size_t left = len, unit = S_unit(d->name), room, skip;
	tumen_buf *out = d->out;
	char *op;

	if (tumen_buf_grow(out, len < (size_t)-1 / 4 ? 2 * len + 16 : len))
		return TUMEN_ENOMEM;
	for (;;) {
		/* once the input is used up, a call with NULL input writes
		 * the final shift sequence of stateful encodings */
		int flush = !left;
		op = out->ptr + out->len;
		room = out->cap - out->len - 1;
		if (iconv(cd, flush ? NULL : &ip, flush ? NULL : &left, &op,
		          &room) != (size_t)-1) {
			out->len = (size_t)(op - out->ptr);
			if (flush)
				break;
			continue;
		}
		out->len = (size_t)(op - out->ptr);
		out->ptr[out->len] = '\0';
		if (errno == E2BIG) {
			if (tumen_buf_grow(out, out->cap / 2 + 16))
				return TUMEN_ENOMEM;
			continue;
		}
		/* EILSEQ, or EINVAL: a sequence truncated by the end of input */
		if (!d->lenient || !left)
			return S_bad(d, (size_t)(ip - in));
		skip = left < unit ? left : unit;
		ip += skip;
		left -= skip;
		d->replaced++;
		if (tumen_buf_add(out, S_FFFD, 3))
			return TUMEN_ENOMEM;
	}
	out->ptr[out->len] = '\0';
	return TUMEN_OK;
}

/*
 * Rewrites b->ptr[start..] in place: drops a leading U+FEFF (a BOM iconv
 * passed through, e.g. FF FE under a declared "UTF-16LE"), CRLF and CR -> LF.
 * Linear: memchr finds each CR, memmove shifts the text between them.
 */
static void S_fix_lines(tumen_buf *b, size_t start)
{
	char *r = b->ptr + start, *w = r, *end = b->ptr + b->len, *cr;

	if (b->len == start)
		return;
	if (end - r >= 3 && !memcmp(r, "\xEF\xBB\xBF", 3))
		r += 3;
	while ((cr = memchr(r, '\r', (size_t)(end - r)))) {
		memmove(w, r, (size_t)(cr - r));
		w += cr - r;
		*w++ = '\n';
		r = cr + 1;
		if (r < end && *r == '\n')
			r++;
	}
	memmove(w, r, (size_t)(end - r));
	w += end - r;
	*w = '\0';
	b->len = (size_t)(w - b->ptr);
}

static tumen_status S_iconv(S_dec *d, const char *in, size_t len)
{
	size_t start = d->out->len;
	tumen_status st;
	iconv_t cd;

	cd = iconv_open("UTF-8", d->name);
	if (cd == (iconv_t)-1) {
		if (errno == ENOMEM)
			return TUMEN_ENOMEM;
		if (d->err) {
			d->err->code = TUMEN_EENCODING;
			snprintf(d->err->msg, sizeof d->err->msg,
			         "unknown encoding '%s'", d->name);
		}
		return TUMEN_EENCODING;
	}
	st = S_iconv_run(d, cd, in, len);
	iconv_close(cd);
	if (!st)
		S_fix_lines(d->out, start);
	return st;
}

/* The encoding a byte-order mark names (NULL: none); *bom gets its size.
 * UTF-32LE's mark starts with UTF-16LE's, so it is tested first. */
static const char *S_sniff(const unsigned char *s, size_t len, size_t *bom)
{
	static const struct {
		const char *mark, *name;
		size_t n;
	} boms[] = {
		{ "\xEF\xBB\xBF", "UTF-8", 3 },
		{ "\xFF\xFE\0\0", "UTF-32LE", 4 },
		{ "\0\0\xFE\xFF", "UTF-32BE", 4 },
		{ "\xFF\xFE", "UTF-16LE", 2 },
		{ "\xFE\xFF", "UTF-16BE", 2 },
	};
	size_t i;

	for (i = 0; i < sizeof boms / sizeof boms[0]; i++) {
		if (len >= boms[i].n && !memcmp(s, boms[i].mark, boms[i].n)) {
			*bom = boms[i].n;
			return boms[i].name;
		}
	}
	*bom = 0;
	return NULL;
}

int tumen_decode_is_identity(const char *in, size_t len, const char *encoding)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t i = 0, n, bad;
	unsigned cp;

	if (encoding ? !S_is_utf8(encoding) ||
	                       (len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
	             : S_sniff(s, len, &n) != NULL)
		return 0; /* another encoding, or a byte-order mark */
	for (;;) { /* S_utf8()'s walk, stopping at what it would change */
		i = S_skip_two(s, S_skip_plain(s, i, len), len);
		if (i == len)
			return 1;
		if (s[i] == '\r' || !(n = S_seq(s + i, len - i, &cp, &bad)))
			return 0;
		i += n;
	}
}

tumen_status tumen_decode(const char *in, size_t len, const char *encoding,
                          int lenient, tumen_buf *out, size_t *replaced,
                          tumen_error *err)
{
	S_dec d = { lenient, 0, 0, NULL, out, err };
	const unsigned char *s = (const unsigned char *)in;
	size_t start = out->len;
	tumen_status st;

	if (!encoding)
		encoding = S_sniff(s, len, &d.base);
	if (!encoding || S_is_utf8(encoding)) {
		if (!d.base && len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
			d.base = 3;
		st = S_utf8(&d, s + d.base, len - d.base);
	} else {
		d.name = encoding;
		st = S_iconv(&d, in + d.base, len - d.base);
	}
	if (st && out->cap) {
		/* leave `out` as it was: no half-decoded text */
		out->len = start;
		out->ptr[start] = '\0';
	}
	if (replaced)
		*replaced = st ? 0 : d.replaced;
	return st;
}
