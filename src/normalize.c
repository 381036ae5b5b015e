/*
 * normalize.c - pipeline stage 2: NFC and the matching form (ICU).
 *
 * ICU works on UTF-16, so text crosses into UTF-16 here and nowhere else.
 * Both functions skip ICU for pure ASCII, which is already NFC and whose
 * full case folding is plain A-Z -> a-z.
 *
 * tumen_nfc() takes whole documents (tens of MB): it converts them in
 * chunks of about S_CHUNK bytes so the UTF-16 copies stay small.  A chunk
 * ends just before an ASCII byte: ASCII characters are starters that never
 * combine with what precedes them, so NFC of the parts equals NFC of the
 * whole.  tumen_match_form() takes one sentence at a time, millions of
 * times: its UTF-16 scratch lives on the stack unless the sentence is long.
 */
#include "config.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uset.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "bytescan.h"
#include "normalize.h"

#define S_CHUNK (64 * 1024)
#define S_STACK 512

/* A UTF-16 work area: starts on the caller's stack, moves to the heap when
 * a string does not fit.  Its contents are not kept across a move. */
typedef struct S_u16 {
	UChar *p;
	int32_t cap;
	int heap;
} S_u16;

static void S_u16_init(S_u16 *u, UChar *stack, int32_t cap)
{
	u->p = stack;
	u->cap = cap;
	u->heap = 0;
}

static void S_u16_release(S_u16 *u)
{
	if (u->heap)
		free(u->p);
	u->heap = 0;
}

static tumen_status S_u16_reserve(S_u16 *u, int32_t need)
{
	UChar *p;

	if (need <= u->cap)
		return TUMEN_OK;
	p = malloc((size_t)need * sizeof *p);
	if (!p)
		return TUMEN_ENOMEM;
	S_u16_release(u);
	u->p = p;
	u->cap = need;
	u->heap = 1;
	return TUMEN_OK;
}

static int S_is_ascii(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned char acc = 0;
	size_t i;

	/* no early exit: the loop vectorizes, and most text is all ASCII
	 * or fails at once on its first letter */
	for (i = 0; i < len; i++)
		acc |= p[i];
	return acc < 0x80;
}

/* UTF-8 s[0..len) into u (len UTF-16 units always suffice). */
static tumen_status S_from_utf8(S_u16 *u, const char *s, size_t len,
                                int32_t *n)
{
	UErrorCode ec = U_ZERO_ERROR;

	if (len >= INT32_MAX)
		return TUMEN_ELIMIT;
	if (S_u16_reserve(u, (int32_t)len + 1))
		return TUMEN_ENOMEM;
	u_strFromUTF8(u->p, u->cap, n, s, (int32_t)len, &ec);
	return U_FAILURE(ec) ? TUMEN_EICU : TUMEN_OK;
}

/* Appends UTF-16 u[0..n) to out as UTF-8 (3 bytes per unit at most). */
static tumen_status S_to_utf8(tumen_buf *out, const UChar *u, int32_t n)
{
	UErrorCode ec = U_ZERO_ERROR;
	int32_t got = 0;

	if (tumen_buf_grow(out, (size_t)n * 3))
		return TUMEN_ENOMEM;
	u_strToUTF8(out->ptr + out->len, (int32_t)(out->cap - out->len), &got,
	            u, n, &ec);
	if (U_FAILURE(ec))
		return TUMEN_EICU;
	out->len += (size_t)got;
	out->ptr[out->len] = '\0';
	return TUMEN_OK;
}

/* NFC of src[0..n) into dst; *m gets its length.  NFC may lengthen text
 * (composition exclusions decompose), hence the retry on overflow. */
static tumen_status S_nfc16(const UNormalizer2 *nfc, const UChar *src,
                            int32_t n, S_u16 *dst, int32_t *m)
{
	UErrorCode ec = U_ZERO_ERROR;

	*m = unorm2_normalize(nfc, src, n, dst->p, dst->cap, &ec);
	if (ec == U_BUFFER_OVERFLOW_ERROR) {
		if (S_u16_reserve(dst, *m + 1))
			return TUMEN_ENOMEM;
		ec = U_ZERO_ERROR;
		*m = unorm2_normalize(nfc, src, n, dst->p, dst->cap, &ec);
	}
	return U_FAILURE(ec) ? TUMEN_EICU : TUMEN_OK;
}

/* Length of the next chunk of s[0..len): ends before an ASCII byte. */
static size_t S_chunk(const char *s, size_t len)
{
	size_t i;

	if (len <= S_CHUNK)
		return len;
	for (i = S_CHUNK; i > S_CHUNK / 2; i--)
		if ((unsigned char)s[i] < 0x80)
			return i;
	for (i = S_CHUNK; i < len; i++)
		if ((unsigned char)s[i] < 0x80)
			return i;
	return len;
}

/* Two bitmaps of the BMP: the characters with NFC_Quick_Check=Yes, and
 * the starters (combining class 0).  A text of such characters whose
 * combining marks come in canonical order is NFC (UAX #15's quick check
 * answers yes), so it needs no conversion to UTF-16.  Filled a page of
 * 4,096 characters at a time when a text first has one of them (the
 * whole BMP from ICU's sets took a millisecond and a half of every run;
 * Persian text needs two pages). */
#define S_PAGES 16
static uint64_t S_qc_yes[0x10000 / 64], S_starter[0x10000 / 64];
static atomic_int S_qc_ready[S_PAGES];
static pthread_mutex_t S_qc_lock = PTHREAD_MUTEX_INITIALIZER;

static void S_qc_fill(unsigned page)
{
	unsigned c;

	pthread_mutex_lock(&S_qc_lock);
	if (!atomic_load_explicit(&S_qc_ready[page], memory_order_relaxed)) {
		for (c = page << 12; c < (page + 1) << 12; c++) {
			UChar32 u = (UChar32)c;
			if (u_getIntPropertyValue(u, UCHAR_NFC_QUICK_CHECK) ==
			    UNORM_YES)
				S_qc_yes[c >> 6] |= (uint64_t)1 << (c & 63);
			if (u_getCombiningClass(u) == 0)
				S_starter[c >> 6] |= (uint64_t)1 << (c & 63);
		}
		atomic_store_explicit(&S_qc_ready[page], 1,
		                      memory_order_release);
	}
	pthread_mutex_unlock(&S_qc_lock);
}

#define S_BIT(bits, c) ((bits)[(c) >> 6] >> ((c) & 63) & 1)

#ifdef __SSE2__
/* How many bytes from p (the start of a character; 16 readable) hold only
 * characters that are NFC_Quick_Check=Yes starters of the kinds Persian
 * and English text are made of: ASCII, U+0080-00BF (NBSP, guillemets),
 * the Arabic block but its combining marks (U+0610-061A, U+064B-065F,
 * U+0670 and, to be short, U+06D6-06ED), and U+200C-200F (ZWNJ, ZWJ, the
 * direction marks).  The count ends before a character the sixteen bytes
 * cut (15 or 14, else 16); 0 when another character is among them. */
static size_t S_qc_block(const unsigned char *p)
{
	const __m128i e2 = _mm_set1_epi8((char)0xE2);
	const __m128i first14 = _mm_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1,
	                                      -1, -1, -1, -1, -1, -1, 0, 0);
	__m128i x = _mm_loadu_si128((const __m128i *)p);
	__m128i y1 = _mm_slli_si128(x, 1);
	__m128i n1 = _mm_srli_si128(x, 1), n2 = _mm_srli_si128(x, 2);
	__m128i ok, bad, t;

	/* lead bytes: C2, D8-DB and E2 may be; any other is not */
	ok = _mm_or_si128(tumen_in8(x, 0xC2, 0xC2), tumen_in8(x, 0xE2, 0xE2));
	ok = _mm_or_si128(ok, tumen_in8(x, 0xD8, 0xDB));
	bad = _mm_andnot_si128(ok, tumen_in8(x, 0xC0, 0xFF));
	/* E2 only as E2 80 8C-8F; its last two bytes may lie beyond the
	 * block only at 14 and 15, which are not counted */
	t = _mm_and_si128(tumen_in8(n1, 0x80, 0x80), tumen_in8(n2, 0x8C, 0x8F));
	t = _mm_andnot_si128(t, _mm_cmpeq_epi8(x, e2));
	bad = _mm_or_si128(bad, _mm_and_si128(t, first14));
	/* and after a two-byte lead, the marks */
	t = _mm_and_si128(_mm_cmpeq_epi8(y1, _mm_set1_epi8((char)0xD8)),
	                  tumen_in8(x, 0x90, 0x9A));
	bad = _mm_or_si128(bad, t);
	t = _mm_or_si128(tumen_in8(x, 0x8B, 0x9F), tumen_in8(x, 0xB0, 0xB0));
	t = _mm_and_si128(_mm_cmpeq_epi8(y1, _mm_set1_epi8((char)0xD9)), t);
	bad = _mm_or_si128(bad, t);
	t = _mm_and_si128(_mm_cmpeq_epi8(y1, _mm_set1_epi8((char)0xDB)),
	                  tumen_in8(x, 0x96, 0xAD));
	bad = _mm_or_si128(bad, t);
	return tumen_block_take(bad, p);
}
#endif

/* Where valid UTF-8 s[0..len), from i (a character that starts a
 * sequence: after it the check starts afresh), first fails the quick check
 * with S_qc_yes and S_starter: the start of that character, or len.
 * Characters beyond the BMP are left to ICU. */
static size_t S_quick_stop(const char *s, size_t len, size_t i)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t at, next = i; /* where to try sixteen bytes at once again */
	unsigned c, last = 0, cc;

	while (i < len) {
#ifdef __SSE2__
		if (i >= next) {
			size_t k;
			while (i + 16 <= len && (k = S_qc_block(p + i))) {
				i += k;
				last = 0;
			}
			next = i + 16; /* after a failed block, byte by byte */
			if (i >= len)
				break;
		}
#endif
		if (p[i] < 0x80) {
			i++;
			last = 0;
			continue;
		}
		at = i;
		if (p[i] < 0xE0 && i + 1 < len) {
			c = (p[i] & 0x1Fu) << 6 | (p[i + 1] & 0x3Fu);
			i += 2;
		} else if (p[i] < 0xF0 && i + 2 < len) {
			c = (p[i] & 0x0Fu) << 12 | (p[i + 1] & 0x3Fu) << 6 |
			    (p[i + 2] & 0x3Fu);
			i += 3;
		} else {
			return at;
		}
		if (!atomic_load_explicit(&S_qc_ready[c >> 12],
		                          memory_order_acquire))
			S_qc_fill(c >> 12);
		if (!S_BIT(S_qc_yes, c))
			return at;
		if (S_BIT(S_starter, c)) {
			last = 0;
			continue;
		}
		cc = u_getCombiningClass((UChar32)c);
		if (cc < last)
			return at;
		last = cc;
	}
	return len;
}

/* Whether the character at s[i] (i < len) starts a new normalization
 * segment: NFC of the text before it and from it are independent. */
static int S_boundary(const UNormalizer2 *nfc, const char *s, size_t len,
                      size_t i)
{
	int32_t k = (int32_t)i;
	UChar32 c;

	U8_NEXT(s, k, (int32_t)len, c);
	return c >= 0 && unorm2_hasBoundaryBefore(nfc, c);
}

/* NFC of s[0..len) into out, ICU's only for the segments around the
 * characters the quick check stops at: from the last boundary before
 * such a character to the next boundary after it.  A Persian chunk often
 * holds one hamza above (U+0654, quick check "maybe") in 64 KB. */
static tumen_status S_nfc_chunk(const UNormalizer2 *nfc, const char *s,
                                size_t len, S_u16 *a, S_u16 *b,
                                tumen_buf *out)
{
	UErrorCode ec;
	tumen_status st;
	size_t done = 0, f, b0, b1;
	int32_t n, m, k;

	if (S_is_ascii(s, len))
		return tumen_buf_add(out, s, len);
	while ((f = S_quick_stop(s, len, done)) < len) {
		for (b0 = f; b0 > done && !S_boundary(nfc, s, len, b0);) {
			k = (int32_t)b0;
			U8_BACK_1((const uint8_t *)s, 0, k);
			b0 = (size_t)k;
		}
		k = (int32_t)f;
		U8_FWD_1((const uint8_t *)s, k, (int32_t)len);
		for (b1 = (size_t)k; b1 < len && !S_boundary(nfc, s, len, b1);) {
			U8_FWD_1((const uint8_t *)s, k, (int32_t)len);
			b1 = (size_t)k;
		}
		if ((st = tumen_buf_add(out, s + done, b0 - done)) ||
		    (st = S_from_utf8(a, s + b0, b1 - b0, &n)))
			return st;
		ec = U_ZERO_ERROR;
		if (unorm2_quickCheck(nfc, a->p, n, &ec) == UNORM_YES &&
		    !U_FAILURE(ec))
			st = tumen_buf_add(out, s + b0, b1 - b0);
		else if (!(st = S_nfc16(nfc, a->p, n, b, &m)))
			st = S_to_utf8(out, b->p, m);
		if (st)
			return st;
		done = b1;
	}
	return tumen_buf_add(out, s + done, len - done);
}

tumen_status tumen_nfc(const char *s, size_t len, tumen_buf *out)
{
	const char *res;
	size_t rlen;
	tumen_status st = tumen_nfc_view(s, len, out, &res, &rlen);

	return !st && res == s ? tumen_buf_add(out, s, len) : st;
}

tumen_status tumen_nfc_view(const char *s, size_t len, tumen_buf *out,
                            const char **res, size_t *rlen)
{
	UErrorCode ec = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&ec);
	UChar sa[S_STACK], sb[S_STACK];
	S_u16 a, b;
	tumen_buf tmp = TUMEN_BUF_INIT;
	size_t start = out->len, pos, n;
	tumen_status st = TUMEN_OK;
	int copying = 0;

	if (U_FAILURE(ec))
		return TUMEN_EICU;
	S_u16_init(&a, sa, S_STACK);
	S_u16_init(&b, sb, S_STACK);
	/* the chunks NFC leaves as they are (most that the quick check stops
	 * in too: a hamza above that composes with nothing) are not copied;
	 * from the first it changes, the text so far, then every chunk's NFC
	 * (chunks end before an ASCII byte: NFC of the parts is NFC of the
	 * whole) */
	for (pos = 0; pos < len && !st; pos += n) {
		n = S_chunk(s + pos, len - pos);
		if (copying) {
			st = S_nfc_chunk(nfc, s + pos, n, &a, &b, out);
			continue;
		}
		if (S_quick_stop(s + pos, n, 0) == n)
			continue;
		tumen_buf_reset(&tmp);
		if ((st = S_nfc_chunk(nfc, s + pos, n, &a, &b, &tmp)) ||
		    (tmp.len == n && !memcmp(tmp.ptr, s + pos, n)))
			continue;
		copying = 1;
		if (!(st = tumen_buf_add(out, s, pos)))
			st = tumen_buf_add(out, tmp.ptr, tmp.len);
	}
	S_u16_release(&a);
	S_u16_release(&b);
	tumen_buf_release(&tmp);
	if (st) {
		if (out->cap) {
			out->len = start;
			out->ptr[start] = '\0';
		}
		return st;
	}
	*res = copying ? out->ptr + start : s;
	*rlen = copying ? out->len - start : len;
	return TUMEN_OK;
}

/* The Persian folds of one UTF-16 unit: its replacement, or -1 to drop it.
 * Surrogates are above the Arabic block and pass through. */
static int S_fold_unit(UChar c)
{
	if (c == 0xA0)
		return ' ';
	if (c < 0x640 || c > 0x6F9)
		return c;
	if (c >= 0x6F0)
		return '0' + (c - 0x6F0);
	if (c >= 0x660 && c <= 0x669)
		return '0' + (c - 0x660);
	if ((c >= 0x64B && c <= 0x65F) || c == 0x640 || c == 0x670)
		return -1; /* diacritics and tatweel */
	switch (c) {
	case 0x643: return 0x6A9;
	case 0x649:
	case 0x64A: return 0x6CC;
	case 0x66A: return '%';
	case 0x66B: return '.';
	case 0x66C: return ',';
	}
	return c;
}

/* Applies S_fold_unit to u[0..n) in place; returns the new length. */
static int32_t S_fold_persian(UChar *u, int32_t n)
{
	int32_t r, w = 0;
	int c;

	for (r = 0; r < n; r++)
		if ((c = S_fold_unit(u[r])) >= 0)
			u[w++] = (UChar)c;
	return w;
}

/* Full case folding of src[0..n) into dst, which may need to grow: one
 * unit can fold to three ("ﬃ" -> "ffi"). */
static tumen_status S_casefold16(const UChar *src, int32_t n, S_u16 *dst,
                                 int32_t *m)
{
	UErrorCode ec = U_ZERO_ERROR;

	*m = u_strFoldCase(dst->p, dst->cap, src, n, U_FOLD_CASE_DEFAULT, &ec);
	if (ec == U_BUFFER_OVERFLOW_ERROR) {
		if (S_u16_reserve(dst, *m + 1))
			return TUMEN_ENOMEM;
		ec = U_ZERO_ERROR;
		*m = u_strFoldCase(dst->p, dst->cap, src, n,
		                   U_FOLD_CASE_DEFAULT, &ec);
	}
	return U_FAILURE(ec) ? TUMEN_EICU : TUMEN_OK;
}

/* Appends s lowercased if it is all ASCII (returns 1), else appends
 * nothing (returns 0); one pass for the common English sentence, eight
 * bytes at a time: a byte of 'A'..'Z' gets 0x20 (its bit 7 marks it in
 * the sums below: no sum carries into the next byte, all being < 0x80).
 * A sentence that is not ASCII (Persian) is turned away at its first
 * byte that is not. */
static int S_ascii_fold(const char *s, size_t len, tumen_buf *out)
{
	const uint64_t hi = 0x8080808080808080ULL, ones = 0x0101010101010101ULL;
	char *w = out->ptr + out->len;
	size_t i = 0;
	uint64_t x, up;

	for (; i + 8 <= len; i += 8) {
		memcpy(&x, s + i, 8);
		if (x & hi)
			goto no;
		/* bit 7 of x + (0x80 - 'A') is set from 'A' on, that of
		 * x + (0x80 - 'Z' - 1) from '[' on */
		up = (x + ones * (0x80 - 'A')) & ~(x + ones * (0x80 - 'Z' - 1));
		up &= hi;
		x |= up >> 2;
		memcpy(w + i, &x, 8);
	}
	for (; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80)
			goto no;
		w[i] = (char)((unsigned)(c - 'A') < 26u ? c + 32 : c);
	}
	out->len += len;
	out->ptr[out->len] = '\0';
	return 1;
no:
	out->ptr[out->len] = '\0';
	return 0;
}

/* Appends the matching form of s if it holds only ASCII, the Arabic
 * block's letters, digits, signs and the diacritics the fold drops, NBSP,
 * guillemets, the joiners and marks U+200C-U+200F, dashes, curly quotes
 * and the ellipsis (returns 1); else appends nothing (returns 0).  None of
 * these composes or reorders under NFC or changes under case folding
 * (ASCII letters aside); the Arabic marks that can compose (U+0653-5) or
 * that the fold keeps are left to ICU.  Persian text takes this path. */
/* Whether the two bytes after E2 (q[0], q[1]) are one of S_fast_fold's
 * U+2000 block characters: U+200C-F, U+2013-4, U+2018-9, U+201C-D and
 * U+2026. */
static int S_fast_2000(const unsigned char *q)
{
	static const uint64_t ok = 0xFULL << 12 | 3ULL << 19 | 3ULL << 24 |
	                           3ULL << 28 | 1ULL << 38;

	return q[0] == 0x80 && q[1] >= 0x80 && q[1] < 0xC0 &&
	       (ok >> (q[1] - 0x80) & 1);
}

/* S_fast_fold's U+0600-U+06FF: S_fold_unit's value, or S_AR_ICU for the
 * marks that may compose or that the fold keeps (they go to ICU). */
#define S_AR_ICU (-2)
static int16_t S_ar_fold[256];
static pthread_once_t S_ar_once = PTHREAD_ONCE_INIT;

static void S_ar_init(void)
{
	unsigned u;

	for (u = 0x600; u <= 0x6FF; u++)
		S_ar_fold[u - 0x600] =
		        (int16_t)((u >= 0x610 && u <= 0x61A) ||
		                          (u >= 0x653 && u <= 0x655) ||
		                          (u >= 0x6D6 && u <= 0x6ED)
		                      ? S_AR_ICU
		                      : S_fold_unit((UChar)u));
}

static int S_fast_fold(const char *s, size_t len, tumen_buf *out)
{
	const unsigned char *p = (const unsigned char *)s;
	char *w = out->ptr + out->len; /* the form is never longer */
	size_t i = 0;

	pthread_once(&S_ar_once, S_ar_init);
	while (i < len) {
		unsigned c = p[i];
		int f;
		if (c < 0x80) {
			*w++ = (char)(c - 'A' < 26u ? c + 32 : c);
			i++;
		} else if (c >= 0xD8 && c <= 0xDB && i + 1 < len &&
		           (p[i + 1] & 0xC0) == 0x80) {
			/* U+0600-U+06FF, by table */
			f = S_ar_fold[(c & 3) << 6 | (p[i + 1] & 0x3F)];
			if (f == S_AR_ICU)
				goto icu;
			if (f >= 0x80) {
				*w++ = (char)(0xC0 | f >> 6);
				*w++ = (char)(0x80 | (f & 0x3F));
			} else if (f >= 0) {
				*w++ = (char)f;
			}
			i += 2;
		} else if (c == 0xC2 && i + 1 < len && p[i + 1] == 0xA0) {
			*w++ = ' ';
			i += 2;
		} else if (c == 0xC2 && i + 1 < len &&
		           (p[i + 1] == 0xAB || p[i + 1] == 0xBB)) {
			*w++ = (char)c;
			*w++ = (char)p[i + 1];
			i += 2;
		} else if (c == 0xE2 && i + 2 < len && S_fast_2000(p + i + 1)) {
			memcpy(w, p + i, 3);
			w += 3;
			i += 3;
		} else {
			goto icu;
		}
	}
	out->len = (size_t)(w - out->ptr);
	out->ptr[out->len] = '\0';
	return 1;
icu:
	out->ptr[out->len] = '\0';
	return 0;
}

tumen_status tumen_match_form(const char *s, size_t len, tumen_buf *out)
{
	UErrorCode ec = U_ZERO_ERROR;
	const UNormalizer2 *nfc;
	UChar sa[S_STACK], sb[S_STACK];
	S_u16 a, b;
	int32_t n, m;
	tumen_status st;

	if (tumen_buf_grow(out, len))
		return TUMEN_ENOMEM;
	if (S_ascii_fold(s, len, out) || S_fast_fold(s, len, out))
		return TUMEN_OK;
	nfc = unorm2_getNFCInstance(&ec);
	if (U_FAILURE(ec))
		return TUMEN_EICU;
	S_u16_init(&a, sa, S_STACK);
	S_u16_init(&b, sb, S_STACK);
	st = S_from_utf8(&a, s, len, &n);
	if (!st)
		st = S_nfc16(nfc, a.p, n, &b, &m);
	if (!st) {
		m = S_fold_persian(b.p, m);
		st = S_casefold16(b.p, m, &a, &n);
	}
	if (!st)
		st = S_to_utf8(out, a.p, n);
	S_u16_release(&a);
	S_u16_release(&b);
	return st;
}
