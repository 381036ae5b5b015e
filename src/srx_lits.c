/*
 * srx_lits.c - the strings a beforebreak pattern can match, when they are
 * few and literal: titles and abbreviations, \b(?:Mr|Mrs|Dr)\. and the
 * like.  Such a rule fits at nearly every full stop, and ICU tries each
 * alternative at each start its lookbehind allows; srx_match.c asks ICU
 * only where the text before the position ends in one of the strings.
 *
 * The patterns read: literal characters, escaped punctuation, \uhhhh,
 * groups (?:...) and (...), alternation, and ? after an atom.  Zero-width
 * assertions (\b, \B, \A, \z, \Z, ^, $) are read as the empty string, so
 * the strings are a superset of the matches; anything else (a class, a
 * property, another quantifier, a flag) means no strings.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "srx_rules.h"

#define LITS_MAX 256 /* strings */
#define LIT_MAX 48   /* bytes each */

typedef struct {
	char s[LITS_MAX][LIT_MAX + 1];
	unsigned char len[LITS_MAX];
	size_t n;
} S_set;

#define S_MAX_NEST 16 /* groups deeper than this: no strings */

typedef struct {
	const char *p;
	int fail, depth;
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
			size_t l = (size_t)a->len[i] + b->len[j];
			if (l > LIT_MAX) {
				free(a);
				free(c);
				return NULL;
			}
			memcpy(c->s[c->n], a->s[i], a->len[i]);
			memcpy(c->s[c->n] + a->len[i], b->s[j], b->len[j]);
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
	case '$':
		r->p++;
		return S_new(1, "", 0);
	case '\\':
		if (p[1] && strchr("bBAzZ", p[1])) {
			r->p += 2;
			return S_new(1, "", 0);
		}
		if (p[1] == 'u' && !S_hex(r->p + 2, 4, &v) &&
		    (v < 0xD800 || v > 0xDFFF)) {
			n = v < 0x80 ? 1 : v < 0x800 ? 2 : 3;
			buf[0] = (char)(n == 1 ? v : n == 2 ? 0xC0 | v >> 6 : 0xE0 | v >> 12);
			if (n == 3)
				buf[1] = (char)(0x80 | (v >> 6 & 0x3F));
			if (n > 1)
				buf[n - 1] = (char)(0x80 | (v & 0x3F));
			r->p += 6;
			return S_new(1, buf, n);
		}
		if (p[1] && p[1] < 0x80 && strchr("\\.-/,;:!?'\"#&%@~`<>=_^$|()[]{}*+ ",
		                                   p[1])) {
			r->p += 2;
			return S_new(1, (const char *)p + 1, 1);
		}
		break;
	case '\0':
	case '.':
	case '[':
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

/* Marks the last two bytes of string t[0..n) in l->last2. */
static void S_last2(tumen_srx_lits *l, const unsigned char *t, size_t n)
{
	unsigned a;

	for (a = 0; a < 256; a++) {
		unsigned k = (n >= 2 ? t[n - 2] : a) << 8 | t[n - 1];
		l->last2[k >> 6] |= 1ULL << (k & 63);
		if (n >= 2)
			break;
	}
}

tumen_srx_lits *tumen_srx_lits_read(const char *pat)
{
	S_rd r = { pat, 0, 0 };
	S_set *s = S_alt(&r);
	tumen_srx_lits *l = NULL;
	size_t i, bytes = 0;
	char *q;

	if (!s || r.fail || *r.p) {
		free(s);
		return NULL;
	}
	for (i = 0; i < s->n; i++) {
		if (!s->len[i]) { /* the empty string: no filter */
			free(s);
			return NULL;
		}
		bytes += s->len[i];
	}
	l = calloc(1, sizeof *l + s->n * sizeof *l->s + s->n * sizeof *l->len +
	              bytes);
	if (l) {
		l->n = s->n;
		l->s = (const char **)(l + 1);
		l->len = (size_t *)(l->s + s->n);
		q = (char *)(l->len + s->n);
		for (i = 0; i < s->n; i++) {
			memcpy(q, s->s[i], s->len[i]);
			l->s[i] = q;
			l->len[i] = s->len[i];
			q += s->len[i];
			S_last2(l, (const unsigned char *)s->s[i], s->len[i]);
		}
	}
	free(s);
	return l;
}

int tumen_srx_lits_end(const tumen_srx_lits *l, const char *text, size_t pos)
{
	size_t i, k, pair;

	if (pos >= 2) {
		pair = (size_t)(unsigned char)text[pos - 2] << 8 |
		       (unsigned char)text[pos - 1];
		if (!(l->last2[pair >> 6] >> (pair & 63) & 1))
			return 0;
	}
	for (i = 0; i < l->n; i++) {
		const char *s = l->s[i];
		size_t n = l->len[i];
		if (n > pos)
			continue;
		for (k = 1; k <= n && s[n - k] == text[pos - k]; k++)
			;
		if (k > n)
			return 1;
	}
	return 0;
}
