/*
 * segment_rules.c - tumen's own sentence rules for English and Persian on
 * top of ICU's boundaries: Persian's extra candidates after a terminal
 * point, and the filter that drops a candidate before a lower-case or
 * continuing character or after an initial, a title or "No." (the
 * overview is in segment.c).  Also the UTF-8 steps the segmenter takes.
 */
#include "config.h"

#include <string.h>

#include <unicode/uchar.h>

#include "bytescan.h"
#include "segment_priv.h"

/* English abbreviations that ICU's "ss=standard" list misses or that we
 * want regardless of it: titles before a name.  Small on purpose: each
 * entry costs a missed boundary when the word really ends a sentence. */
static const char *const S_en_titles[] = {
	"Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Sen", "Rep", "Gov",
	"Lt", "Col", "Sgt", "Capt", "St", "Mt", "vs", NULL
};

/* ---- UTF-8 helpers (input is valid UTF-8) ---- */

/* Code point at p[i] (i < len); *n gets its length. */
static UChar32 S_at(const char *p, size_t len, size_t i, size_t *n)
{
	const unsigned char *s = (const unsigned char *)p + i;
	size_t k = s[0] < 0x80 ? 1 : s[0] < 0xE0 ? 2 : s[0] < 0xF0 ? 3 : 4;
	UChar32 c;

	if (k > len - i)
		k = len - i;
	c = k == 1 ? s[0] : s[0] & (0x7F >> k);
	for (*n = 1; *n < k; (*n)++)
		c = (c << 6) | (s[*n] & 0x3F);
	return c;
}

/* Code point ending at p[i] (i > 0); *start gets its offset. */
static UChar32 S_before(const char *p, size_t i, size_t *start)
{
	size_t j = i - 1, n;

	while (j > 0 && ((unsigned char)p[j] & 0xC0) == 0x80 && i - j < 4)
		j--;
	*start = j;
	return S_at(p, i, j, &n);
}

static int S_is_space(UChar32 c)
{
	return u_isUWhiteSpace(c);
}

/* (tumen_seg_fa_breaks() looks for these by their last byte, S_fa_last:
 * keep the two in step.) */
static int S_is_terminal(UChar32 c)
{
	return c == '.' || c == '!' || c == '?' || c == 0x061F /* ؟ */ ||
	       c == 0x06D4 /* ۔ */ || c == 0x2026 /* … */;
}

/* Closing quotes and brackets that belong to the sentence they follow. */
static int S_is_closer(UChar32 c)
{
	return c == '"' || c == '\'' || c == ')' || c == ']' || c == '}' ||
	       c == 0x00BB /* » */ || c == 0x2019 || c == 0x201D ||
	       c == 0x203A;
}

/* Characters that never start a sentence: they continue the last one. */
static int S_is_continuer(UChar32 c)
{
	return c == ',' || c == ';' || c == ':' || c == 0x060C /* ، */ ||
	       c == 0x061B /* ؛ */ || (c != '"' && c != '\'' && S_is_closer(c));
}

/* A letter, or a combining mark inside a word (Persian diacritics). */
static int S_is_wordchar(UChar32 c)
{
	return u_isalpha(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK);
}

/* ---- the filter: which candidate boundaries survive ---- */

/* The word (up to 5 letters, `cap`) that ends at p[end]; returns its
 * length in letters, 0 if there is none, or cap + 1 if it is longer.  The
 * cap keeps the look-back constant-time on a huge "word". */
static size_t S_word_before(const char *p, size_t end, size_t *start)
{
	const size_t cap = 5;
	size_t n = 0, j = end, k;
	UChar32 c;

	*start = end;
	while (j > 0 && n <= cap) {
		c = S_before(p, j, &k);
		if (!S_is_wordchar(c)) {
			/* "3A." or "x2A." is not a word of its own */
			if (u_isdigit(c))
				return cap + 1;
			break;
		}
		if (u_isalpha(c))
			n++;
		j = k;
	}
	*start = j;
	return n;
}

static int S_is_en_title(const char *w, size_t len)
{
	const char *const *t;

	for (t = S_en_titles; *t; t++)
		if (strlen(*t) == len && !memcmp(*t, w, len))
			return 1;
	return 0;
}

/* Rules on the word before a '.' that ends at p[dot]: single-letter
 * initials ("J. K. Rowling", Persian "ج. ا. ا."), English titles and
 * "No." before a number.  `next` is the first character after the gap. */
static int S_abbrev_before(const tumen_seg *s, size_t dot, UChar32 next)
{
	const char *p = s->copy.ptr;
	size_t ws, n = S_word_before(p, dot, &ws), k;

	if (n == 1 && s->rules == TUMEN_SEG_RULES_FA)
		return 1;
	if (s->rules != TUMEN_SEG_RULES_EN || n == 0)
		return 0;
	if (n == 1 && u_isupper(S_at(p, dot, ws, &k)))
		return 1;
	if (S_is_en_title(p + ws, dot - ws))
		return 1;
	return dot - ws == 2 && !memcmp(p + ws, "No", 2) && u_isdigit(next);
}

/* Steps back from p[t] over characters for which is(c) holds. */
static size_t S_back_over(const char *p, size_t t, int (*is)(UChar32))
{
	size_t k;

	while (t > 0 && is(S_before(p, t, &k)))
		t = k;
	return t;
}

size_t tumen_seg_skip_space(const char *p, size_t len, size_t i)
{
	size_t n;

	while (i < len && S_is_space(S_at(p, len, i, &n)))
		i += n;
	return i;
}

size_t tumen_seg_space_start(const char *p, size_t t)
{
	return S_back_over(p, t, S_is_space);
}

/* Whether candidate boundary b (0 < b < len) of the paragraph stays. */
int tumen_seg_keep(const tumen_seg *s, size_t b)
{
	const char *p = s->copy.ptr;
	size_t t, k;
	UChar32 next = S_at(p, s->copy.len, b, &k);

	if (s->rules == TUMEN_SEG_RULES_ICU)
		return 1;
	if (u_islower(next) || S_is_continuer(next))
		return 0;
	/* a quote closed after the '.' ends more than an abbreviation */
	t = S_back_over(p, b, S_is_space);
	if (t == 0 || S_before(p, t, &k) != '.')
		return 1;
	return !S_abbrev_before(s, k, next);
}

/* The bytes that can end a terminal point: . ! ? and the last bytes of
 * ؟ (D8 9F), ۔ (DB 94) and … (E2 80 A6).  Persian text is mostly lead
 * bytes D8..DB and continuation bytes, so the scan looks at last bytes. */
static const tumen_bytes S_fa_last =
        TUMEN_BYTES6('.', '!', '?', 0x9F, 0x94, 0xA6);

/* Persian: a boundary after every terminal point (and its closing quotes)
 * followed by white space, wherever ICU put one or not. */
tumen_status tumen_seg_fa_breaks(tumen_seg *s)
{
	const char *p = s->copy.ptr;
	const unsigned char *u = (const unsigned char *)p;
	size_t len = s->copy.len, i = 0, c0, n;
	tumen_status st;

	while (i < len) {
		i = tumen_bytes_find(&S_fa_last, u, i, len);
		if (i == len)
			break;
		/* the character that byte i ends, if it is a terminal point */
		for (c0 = i; c0 > 0 && (u[c0] & 0xC0) == 0x80 && i - c0 < 3; c0--)
			;
		if (!S_is_terminal(S_at(p, len, c0, &n)) || c0 + n != i + 1) {
			i++;
			continue;
		}
		i = c0 + n;
		while (i < len && (S_is_terminal(S_at(p, len, i, &n)) ||
		                   S_is_closer(S_at(p, len, i, &n))))
			i += n;
		if (i == len || !S_is_space(S_at(p, len, i, &n)))
			continue;
		while (i < len && S_is_space(S_at(p, len, i, &n)))
			i += n;
		if (i < len && (st = tumen_seg_push(s, i)))
			return st;
	}
	return TUMEN_OK;
}
