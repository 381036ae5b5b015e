/*
 * srx_lits.c - the strings a beforebreak pattern can match, when they are
 * few: titles and abbreviations, \b(?:Mr|Mrs|Dr)\. and the like, or
 * Persian's single letters, (?:^|[^\p{L}\p{M}])\p{L}\.  Such a rule fits
 * at nearly every full stop, and ICU tries each alternative at each start
 * its lookbehind allows; srx_match.c asks ICU only where the text before
 * the position ends in one of the strings.
 *
 * The patterns read: literal characters, escaped punctuation, \uhhhh,
 * classes, properties and '.' (one character of a set, srx_scan.c's
 * reading), groups (?:...) and (...), alternation, and ? after an atom;
 * ^ and \A are the start of the text.  The other zero-width assertions
 * (\b, \B, \z, \Z, $) are read as the empty string, so the strings are a
 * superset of the matches; anything else (another quantifier, a flag, a
 * lookaround) means no strings.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/utf8.h>

#include "srx_rules.h"

#define LITS_MAX 256 /* strings */
#define LIT_MAX 48   /* bytes each */
#define SETS_MAX 32  /* sets in a pattern */
#define SET_MARK 0xFF /* then the set's index: a character of it */
#define SET_ANY 0xFD  /* the index of any character */
#define TEXT_START 0xFE /* first: the start of the text */

typedef struct {
	char s[LITS_MAX][LIT_MAX + 1];
	unsigned char len[LITS_MAX];
	size_t n;
} S_set;

#define S_MAX_NEST 16 /* groups deeper than this: no strings */

typedef struct {
	const char *p;
	int fail, depth;
	int start; /* ^ and \A are the start of the text (else read as "") */
	int dry;   /* sets are not built (is the pattern read at all?) */
	tumen_srx_cpset *sets[SETS_MAX];
	int nsets;
} S_rd;

static S_set *S_new(size_t n, const char *s, size_t len)
{
	S_set *a = malloc(sizeof *a);

	if (!a)
		return NULL;
	a->n = n;
	if (n) {
		memcpy(a->s[0], s, len);
		a->s[0][len] = '\0';
		a->len[0] = (unsigned char)len;
	}
	return a;
}

/* a := a b (every string of a followed by every string of b); NULL, with
 * a freed, when there would be too many or too long. */
static S_set *S_concat(S_set *a, const S_set *b)
{
	S_set *c;
	size_t i, j;

	if (!a || a->n * b->n > LITS_MAX || !(c = S_new(0, NULL, 0))) {
		free(a);
		return NULL;
	}
	for (i = 0; i < a->n; i++)
		for (j = 0; j < b->n; j++) {
			/* the start of the text after something: dropped (a
			 * superset still) */
			size_t skip = a->len[i] && b->len[j] &&
			              (unsigned char)b->s[j][0] == TEXT_START;
			size_t l = (size_t)a->len[i] + b->len[j] - skip;
			if (l > LIT_MAX) {
				free(a);
				free(c);
				return NULL;
			}
			memcpy(c->s[c->n], a->s[i], a->len[i]);
			memcpy(c->s[c->n] + a->len[i], b->s[j] + skip, b->len[j] - skip);
			c->s[c->n][l] = '\0';
			c->len[c->n++] = (unsigned char)l;
		}
	free(a);
	return c;
}

/* a := a or b (b freed); NULL, with a freed, when there would be too many. */
static S_set *S_union(S_set *a, S_set *b)
{
	size_t j;

	if (!a || !b || a->n + b->n > LITS_MAX) {
		free(a);
		free(b);
		return NULL;
	}
	for (j = 0; j < b->n; j++) {
		memcpy(a->s[a->n], b->s[j], (size_t)b->len[j] + 1);
		a->len[a->n++] = b->len[j];
	}
	free(b);
	return a;
}

static S_set *S_alt(S_rd *r);

static int S_hex(const char *p, int n, unsigned *v)
{
	int i;

	*v = 0;
	for (i = 0; i < n; i++) {
		char c = p[i];
		unsigned d = c >= '0' && c <= '9'   ? (unsigned)(c - '0')
		             : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
		             : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10)
		                                    : 16;
		if (d > 15)
			return -1;
		*v = *v << 4 | d;
	}
	return 0;
}

/* A class, property or '.' at r->p: one string, a character of its set
 * (srx_scan.c's reading); NULL (r->fail set) if not read. */
static S_set *S_set_atom(S_rd *r)
{
	tumen_srx_cpset *cs;
	const char *end;
	char buf[2];

	cs = NULL;
	if (r->nsets == SETS_MAX ||
	    !tumen_srx_class_atom(r->p, &end, r->dry ? NULL : &cs)) {
		r->fail = 1;
		return NULL;
	}
	buf[0] = (char)SET_MARK;
	buf[1] = (char)(cs ? r->nsets : SET_ANY);
	if (cs)
		r->sets[r->nsets++] = cs;
	r->p = end;
	return S_new(1, buf, 2);
}

/* One atom: a set of strings, or NULL (r->fail set) if not read here. */
static S_set *S_atom(S_rd *r)
{
	const unsigned char *p = (const unsigned char *)r->p;
	char buf[4];
	unsigned v;
	size_t n;
	S_set *a;

	switch (*p) {
	case '(':
		r->p += p[1] == '?' && p[2] == ':' ? 3 : p[1] == '?' ? 0 : 1;
		if (r->p == (const char *)p || ++r->depth > S_MAX_NEST)
			break; /* (?i), lookarounds, named groups; too deep */
		a = S_alt(r);
		r->depth--;
		if (!a || *r->p != ')') {
			free(a);
			break;
		}
		r->p++;
		return a;
	case '^':
		r->p++;
		buf[0] = (char)TEXT_START;
		return S_new(1, buf, r->start);
	case '$':
		r->p++;
		return S_new(1, "", 0);
	case '[':
	case '.':
		return S_set_atom(r);
	case '\\':
		if (p[1] == 'A') {
			r->p += 2;
			buf[0] = (char)TEXT_START;
			return S_new(1, buf, r->start);
		}
		if (p[1] && strchr("bBzZ", p[1])) {
			r->p += 2;
			return S_new(1, "", 0);
		}
		if (p[1] == 'u' && !S_hex(r->p + 2, 4, &v) &&
		    (v < 0xD800 || v > 0xDFFF)) {
			uint8_t u8[U8_MAX_LENGTH];
			n = 0;
			U8_APPEND_UNSAFE(u8, n, v);
			r->p += 6;
			return S_new(1, (const char *)u8, n);
		}
		if (p[1] && p[1] < 0x80 && strchr("\\.-/,;:!?'\"#&%@~`<>=_^$|()[]{}*+ ",
		                                   p[1])) {
			r->p += 2;
			return S_new(1, (const char *)p + 1, 1);
		}
		if (p[1] && strchr("pPdDsSwWhHvVx", p[1]))
			return S_set_atom(r);
		break;
	case '\0':
	case ']':
	case '{':
	case '}':
	case '*':
	case '+':
	case '?':
	case '|':
	case ')':
		break;
	default:
		/* one character, its bytes as they are */
		n = *p < 0x80 ? 1 : *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : *p >= 0xC0 ? 2 : 0;
		if (!n || strnlen(r->p, n) < n)
			break;
		r->p += n;
		return S_new(1, (const char *)p, n);
	}
	r->fail = 1;
	return NULL;
}

/* Atoms, each maybe followed by ?, one after the other. */
static S_set *S_seq(S_rd *r)
{
	S_set *s = S_new(1, "", 0), *a;

	while (s && !r->fail && *r->p && *r->p != '|' && *r->p != ')') {
		a = S_atom(r);
		if (!a)
			break;
		if (*r->p == '?') {
			r->p++;
			if (*r->p == '?' || *r->p == '+') { /* lazy, possessive */
				free(a);
				break;
			}
			a = S_union(a, S_new(1, "", 0));
		} else if (*r->p && strchr("*+{", *r->p)) {
			free(a);
			break;
		}
		if (!a)
			break;
		s = S_concat(s, a);
		free(a);
	}
	if (!s || r->fail || (*r->p && *r->p != '|' && *r->p != ')')) {
		r->fail = 1;
		free(s);
		return NULL;
	}
	return s;
}

static S_set *S_alt(S_rd *r)
{
	S_set *s = S_seq(r);

	while (s && *r->p == '|') {
		r->p++;
		s = S_union(s, S_seq(r));
	}
	if (!s)
		r->fail = 1;
	return s;
}

/* Marks the last two bytes of string t[0..n) in l->last2, or turns
 * l->quick off when it ends in a character of a set. */
static void S_last2(tumen_srx_lits *l, const unsigned char *t, size_t n)
{
	unsigned a;
	int lit2;

	if (n >= 2 && t[n - 2] == SET_MARK) {
		l->quick = 0;
		return;
	}
	/* the byte before the last is literal: not the start, not a set's */
	lit2 = n >= 2 && t[n - 2] != TEXT_START && !(n >= 3 && t[n - 3] == SET_MARK);
	for (a = 0; a < 256; a++) {
		unsigned k = (lit2 ? t[n - 2] : a) << 8 | t[n - 1];
		l->last2[k >> 6] |= 1ULL << (k & 63);
		if (lit2)
			break;
	}
}

void tumen_srx_lits_free(tumen_srx_lits *l)
{
	int k;

	if (!l)
		return;
	for (k = 0; k < l->nsets; k++)
		tumen_srx_cpset_free(l->sets[k]);
	free(l->sets);
	free(l);
}

tumen_srx_lits *tumen_srx_lits_read(const char *pat, int start)
{
	S_rd r;
	S_set *s;
	tumen_srx_lits *l = NULL;
	size_t i, bytes = 0;
	char *q;
	int k;

	/* a first reading without sets: most patterns that are not read
	 * fail on a quantifier after a class, whose set is costly */
	memset(&r, 0, sizeof r);
	r.p = pat;
	r.dry = 1;
	s = S_alt(&r);
	if (!s || r.fail || *r.p) {
		free(s);
		return NULL;
	}
	free(s);
	memset(&r, 0, sizeof r);
	r.p = pat;
	r.start = start;
	s = S_alt(&r);
	if (!s || r.fail || *r.p)
		goto out;
	for (i = 0; i < s->n; i++) {
		if (!s->len[i]) /* the empty string: no filter */
			goto out;
		bytes += s->len[i];
	}
	l = calloc(1, sizeof *l + s->n * sizeof *l->s + s->n * sizeof *l->len +
	              s->n + bytes);
	if (l && r.nsets)
		l->sets = malloc((size_t)r.nsets * sizeof *l->sets);
	if (!l || (r.nsets && !l->sets)) {
		free(l);
		l = NULL;
		goto out;
	}
	l->n = s->n;
	l->s = (const char **)(l + 1);
	l->len = (size_t *)(l->s + s->n);
	l->quick = 1;
	l->plain = (unsigned char *)(l->len + s->n);
	q = (char *)(l->plain + s->n);
	for (i = 0; i < s->n; i++) {
		l->plain[i] = !memchr(s->s[i], SET_MARK, s->len[i]) &&
		              (unsigned char)s->s[i][0] != TEXT_START;
		memcpy(q, s->s[i], s->len[i]);
		l->s[i] = q;
		l->len[i] = s->len[i];
		q += s->len[i];
		S_last2(l, (const unsigned char *)s->s[i], s->len[i]);
	}
	for (k = 0; k < r.nsets; k++)
		l->sets[k] = r.sets[k];
	l->nsets = r.nsets;
	r.nsets = 0; /* the lits have them */
out:
	for (k = 0; k < r.nsets; k++)
		tumen_srx_cpset_free(r.sets[k]);
	free(s);
	return l;
}

/* Whether text[0..pos) ends in string t[0..n) of l. */
static int S_ends(const tumen_srx_lits *l, const unsigned char *t, size_t n,
                  const char *text, size_t pos)
{
	int32_t at = (int32_t)pos;
	UChar32 c;

	while (n > 0) {
		if (n >= 2 && t[n - 2] == SET_MARK) {
			if (!at)
				return 0;
			U8_PREV(text, 0, at, c);
			if (t[n - 1] != SET_ANY &&
			    !tumen_srx_cpset_has(l->sets[t[n - 1]], c))
				return 0;
			n -= 2;
		} else if (n == 1 && t[0] == TEXT_START) {
			return at == 0;
		} else {
			if (!at || (unsigned char)text[at - 1] != t[n - 1])
				return 0;
			at--;
			n--;
		}
	}
	return 1;
}

int tumen_srx_lits_end(const tumen_srx_lits *l, const char *text, size_t pos)
{
	size_t i, pair;

	if (l->quick && pos >= 2) {
		pair = (size_t)(unsigned char)text[pos - 2] << 8 |
		       (unsigned char)text[pos - 1];
		if (!(l->last2[pair >> 6] >> (pair & 63) & 1))
			return 0;
	}
	for (i = 0; i < l->n; i++) {
		const char *t = l->s[i];
		size_t n = l->len[i], k;
		if (!l->plain[i]) {
			if (S_ends(l, (const unsigned char *)t, n, text, pos))
				return 1;
			continue;
		}
		if (n > pos)
			continue;
		for (k = 1; k <= n && t[n - k] == text[pos - k]; k++)
			;
		if (k > n)
			return 1;
	}
	return 0;
}
