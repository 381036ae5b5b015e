/*
 * srx_scan.c - the characters next to a break that an SRX rule needs,
 * read off the text of its patterns: the code points that can end a match
 * of the beforebreak and those that can begin a match of the afterbreak.
 * srx_match.c runs ICU's regex engine only where both fit, instead of at
 * every position or candidate.  For an unbounded beforebreak, the
 * characters its matches are made of bound how far back a match can
 * start.
 *
 * The sets are over-approximations: a construct not understood here (an
 * inline flag, a back reference, \w, a negated class ...) makes a set
 * wider or drops it, never narrower, so skipping a position whose
 * neighbours are outside the sets never changes a decision.  The unit
 * test "srx" and the fuzz target compare against the unfiltered engine.
 */
#include "config.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uset.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "srx_rules.h"

/* What a (sub)pattern can match at its edge: any code point, or those in
 * `set`; and whether it can match the empty string. */
typedef struct S_edge {
	USet *set; /* NULL with any */
	int any, nullable;
} S_edge;

/* A pattern being read; `last` picks the edge.  While `skip` is set the
 * syntax is followed but no set is built (the edge does not need it). */
typedef struct S_rd {
	const char *p, *end;
	int which, bad, depth, skip;
	int anchored; /* ^, \A or \G outside a class */
} S_rd;

#define S_MAX_NEST 64
#define S_MAX_ATOMS 256 /* in one sequence */

static void S_edge_free(S_edge *e)
{
	if (e->set)
		uset_close(e->set);
	e->set = NULL;
}

static S_edge S_none(int nullable)
{
	S_edge e = { NULL, 0, 0 };

	e.nullable = nullable;
	return e;
}

static S_edge S_anything(void)
{
	S_edge e = { NULL, 1, 0 };

	return e;
}

/* Adds the members of b to a (b is consumed). */
static void S_union(S_edge *a, S_edge *b)
{
	if (a->any || b->any) {
		S_edge_free(a);
		S_edge_free(b);
		a->any = 1;
		return;
	}
	if (!b->set)
		return;
	if (!a->set) {
		a->set = b->set;
		b->set = NULL;
		return;
	}
	uset_addAll(a->set, b->set);
	S_edge_free(b);
}

/* The sets of the patterns read so far, by pattern, for the process:
 * ICU builds a property's set (\p{L}, ...) by testing every range of
 * code points, a few hundred microseconds each, and the built-in rules
 * name the same few properties a dozen times, each read for both edges.
 * Only the first PCACHE patterns are kept. */
#define PCACHE 32
static struct {
	char pat[96];
	USet *set; /* frozen */
} S_pc[PCACHE];
static int S_npc;
static pthread_mutex_t S_pc_mu = PTHREAD_MUTEX_INITIALIZER;

/* A copy of pat's set from the cache, or NULL. */
static USet *S_pc_get(const char *pat)
{
	USet *set = NULL;
	int k;

	pthread_mutex_lock(&S_pc_mu);
	for (k = 0; k < S_npc && !set; k++)
		if (!strcmp(S_pc[k].pat, pat))
			set = uset_cloneAsThawed(S_pc[k].set);
	pthread_mutex_unlock(&S_pc_mu);
	return set;
}

/* Keeps a frozen copy of pat's set (when there is room). */
static void S_pc_put(const char *pat, const USet *set)
{
	USet *f;

	if (strlen(pat) >= sizeof S_pc[0].pat)
		return;
	pthread_mutex_lock(&S_pc_mu);
	if (S_npc < PCACHE && (f = uset_clone(set))) {
		uset_freeze(f);
		strcpy(S_pc[S_npc].pat, pat);
		S_pc[S_npc++].set = f;
	}
	pthread_mutex_unlock(&S_pc_mu);
}

/* The set of an ICU UnicodeSet pattern, as an edge (any if ICU refuses). */
static S_edge S_pattern(const S_rd *r, const char *pat)
{
	UErrorCode ue = U_ZERO_ERROR;
	UChar u[128];
	int32_t n = 0;
	S_edge e = S_none(0);

	if (r->skip)
		return e;
	if ((e.set = S_pc_get(pat)))
		return e;
	u_strFromUTF8(u, 128, &n, pat, -1, &ue);
	if (U_SUCCESS(ue) && n < 128)
		e.set = uset_openPattern(u, n, &ue);
	if (U_FAILURE(ue) || !e.set) {
		S_edge_free(&e);
		return S_anything();
	}
	S_pc_put(pat, e.set);
	return e;
}

static S_edge S_char(const S_rd *r, UChar32 c)
{
	S_edge e = S_none(0);

	if (r->skip)
		return e;
	e.set = uset_open(c, c);
	if (!e.set)
		return S_anything();
	return e;
}

static UChar32 S_next(S_rd *r)
{
	int32_t i = 0, len = (int32_t)(r->end - r->p);
	UChar32 c;

	if (len <= 0)
		return -1;
	if (len > 4)
		len = 4;
	U8_NEXT(r->p, i, len, c);
	r->p += i;
	if (c < 0)
		r->bad = 1;
	return c;
}

/* Reads n hexadecimal digits (or, with n 0, up to a '}'). */
static UChar32 S_hex(S_rd *r, int n)
{
	UChar32 v = 0;
	int k = 0;

	while (r->p < r->end && (n == 0 ? *r->p != '}' : k < n)) {
		char ch = *r->p++;
		int d = ch >= '0' && ch <= '9' ? ch - '0'
		      : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
		      : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : -1;

		if (d < 0 || v > 0x10FFFF)
			r->bad = 1;
		v = v * 16 + (d < 0 ? 0 : d);
		k++;
	}
	if (n == 0 && r->p < r->end)
		r->p++; /* the '}' */
	if (k == 0 || v > 0x10FFFF)
		r->bad = 1;
	return v;
}

/* \p{..} or \P{..} (or \pL): the property set, by ICU itself. */
static S_edge S_property(S_rd *r, int neg)
{
	char pat[80];
	const char *s = r->p, *e;
	size_t n = 1;

	if (s < r->end && *s == '{') {
		e = memchr(s, '}', (size_t)(r->end - s));
		if (!e || e - s > 60) {
			r->bad = 1;
			return S_anything();
		}
		n = (size_t)(e - s) + 1;
	} else if (s >= r->end || (unsigned char)*s >= 0x80) {
		r->bad = 1;
		return S_anything();
	}
	r->p = s + n;
	snprintf(pat, sizeof pat, "[\\%c%.*s]", neg ? 'P' : 'p', (int)n, s);
	return S_pattern(r, pat);
}

/* One escape after the backslash (in a class if in_class).  *lit gets
 * the code point of a literal one (else -1). */
static S_edge S_escape(S_rd *r, int in_class, UChar32 *lit)
{
	UChar32 c = S_next(r);

	*lit = -1;
	switch (c) {
	case 'b': case 'B': case 'A': case 'z': case 'Z': case 'G':
		if (c == 'A' || c == 'G')
			r->anchored = 1;
		if (in_class) {
			r->bad = 1; /* not read here */
			return S_anything();
		}
		return S_none(1);
	case 's':
		return S_pattern(r, "[\\p{White_Space}\\t\\n\\f\\r\\p{Z}]");
	case 'd':
		return S_pattern(r, "[\\p{Nd}]");
	case 'p': case 'P':
		return S_property(r, c == 'P');
	case 'u': *lit = S_hex(r, 4); break;
	case 'U': *lit = S_hex(r, 8); break;
	case 'x':
		if (r->p < r->end && *r->p == '{') {
			r->p++;
			*lit = S_hex(r, 0);
		} else {
			*lit = S_hex(r, 2);
		}
		break;
	case 't': *lit = '\t'; break;
	case 'n': *lit = '\n'; break;
	case 'r': *lit = '\r'; break;
	case 'f': *lit = '\f'; break;
	case 'e': *lit = 0x1B; break;
	case 'a': *lit = 0x07; break;
	case 'w': case 'W': case 'S': case 'D': case 'h': case 'H':
	case 'v': case 'V': case 'X': case 'R':
		return S_anything();
	default:
		/* an escaped punctuation character stands for itself; letters
		 * and digits (back references, \Q, \N{..}, \k<..>) are not
		 * read here */
		if (c < 0 || (c < 0x80 && ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) ||
		    (c >= '0' && c <= '9')) {
			r->bad = 1;
			return S_anything();
		}
		*lit = c;
	}
	if (r->bad)
		return S_anything();
	return S_char(r, *lit);
}

/* A bracketed class, r->p just after its '['.  Intersections and
 * differences keep their left side (wider); a negated class is any. */
static S_edge S_class(S_rd *r)
{
	S_edge acc = S_none(0), one;
	UChar32 prev = -1, hi;
	int neg = 0, frozen = 0, first = 1;

	if (++r->depth > S_MAX_NEST)
		r->bad = 1;
	if (r->p < r->end && *r->p == '^') {
		neg = 1;
		r->p++;
	}
	if (r->p < r->end && *r->p == ']')
		r->bad = 1;
	while (!r->bad && r->p < r->end && *r->p != ']') {
		if (*r->p == '[') {
			if (r->p + 1 < r->end && r->p[1] == ':') {
				r->bad = 1; /* [:Letter:] */
				break;
			}
			r->p++;
			one = S_class(r);
			prev = -1;
		} else if ((*r->p == '&' || *r->p == '-') && r->p + 1 < r->end &&
		           r->p[1] == *r->p) {
			r->p += 2;
			frozen = 1; /* the right operand only narrows */
			prev = -1;
			continue;
		} else if (*r->p == '-' && prev >= 0 && r->p + 1 < r->end &&
		           r->p[1] != ']') {
			r->p++;
			if (*r->p == '\\') {
				r->p++;
				one = S_escape(r, 1, &hi);
				S_edge_free(&one);
			} else {
				hi = S_next(r);
			}
			if (hi < prev || r->bad) {
				r->bad = 1;
				break;
			}
			one = S_none(0);
			if (!r->skip && !(one.set = uset_open(prev, hi)))
				one.any = 1;
			prev = -1;
		} else if (*r->p == '-' && !first &&
		           !(r->p + 1 < r->end && r->p[1] == ']')) {
			r->bad = 1; /* a '-' that is no range and not at an end */
			break;
		} else if (*r->p == '\\') {
			r->p++;
			one = S_escape(r, 1, &prev);
		} else {
			prev = S_next(r);
			one = prev < 0 ? S_anything() : S_char(r, prev);
		}
		first = 0;
		if (frozen)
			S_edge_free(&one);
		else
			S_union(&acc, &one);
	}
	if (r->p >= r->end)
		r->bad = 1;
	else
		r->p++; /* the ']' */
	r->depth--;
	if (neg || r->bad) {
		S_edge_free(&acc);
		return S_anything();
	}
	return acc;
}

static S_edge S_alt(S_rd *r);

/* A parenthesised group, r->p just after its '('. */
static S_edge S_group(S_rd *r)
{
	S_edge e;
	int look = 0;

	if (r->p < r->end && *r->p == '?') {
		const char *q = r->p + 1;

		if (q < r->end && (*q == ':' || *q == '>')) {
			r->p = q + 1;
		} else if (q < r->end && (*q == '=' || *q == '!')) {
			r->p = q + 1;
			look = 1;
		} else if (q + 1 < r->end && *q == '<' &&
		           (q[1] == '=' || q[1] == '!')) {
			r->p = q + 2;
			look = 1;
		} else {
			r->bad = 1; /* flags, named groups, comments */
			return S_anything();
		}
	}
	e = S_alt(r);
	if (r->p < r->end && *r->p == ')')
		r->p++;
	else
		r->bad = 1;
	if (look) {
		S_edge_free(&e);
		return S_none(1);
	}
	return e;
}

/* A quantifier after an atom, if any: whether it allows zero times. */
static int S_quant(S_rd *r, int *zero)
{
	const char *q;
	unsigned long lo = 0;

	*zero = 0;
	if (r->p >= r->end)
		return 0;
	switch (*r->p) {
	case '*': case '?':
		*zero = 1;
		/* fall through */
	case '+':
		r->p++;
		break;
	case '{':
		q = r->p + 1;
		if (q >= r->end || *q < '0' || *q > '9') {
			r->bad = 1;
			return 0;
		}
		lo = strtoul(q, (char **)&q, 10);
		while (q < r->end && *q != '}')
			q++;
		if (q >= r->end) {
			r->bad = 1;
			return 0;
		}
		r->p = q + 1;
		*zero = lo == 0;
		break;
	default:
		return 0;
	}
	if (r->p < r->end && (*r->p == '?' || *r->p == '+'))
		r->p++; /* lazy, possessive */
	return 1;
}

/* One atom and its quantifiers. */
static S_edge S_atom(S_rd *r)
{
	S_edge e;
	UChar32 c, lit;
	int zero;

	switch (*r->p) {
	case '(':
		r->p++;
		if (++r->depth > S_MAX_NEST)
			r->bad = 1;
		e = r->bad ? S_anything() : S_group(r);
		r->depth--;
		break;
	case '[':
		r->p++;
		e = S_class(r);
		break;
	case '\\':
		r->p++;
		e = S_escape(r, 0, &lit);
		break;
	case '.':
		r->p++;
		e = S_anything();
		break;
	case '^': case '$':
		r->anchored |= *r->p == '^';
		r->p++;
		e = S_none(1);
		break;
	case '*': case '+': case '?': case '{': case ')': case ']': case '}':
		r->bad = 1;
		return S_anything();
	default:
		c = S_next(r);
		e = c < 0 ? S_anything() : S_char(r, c);
	}
	while (S_quant(r, &zero))
		if (zero)
			e.nullable = 1;
	return e;
}

/* A sequence of atoms up to '|' or ')'.  Its edge is that of its first
 * (or last) atoms up to the first one that cannot be empty, its alphabet
 * that of all: a first reading finds them, a second builds only the sets
 * needed. */
static S_edge S_seq(S_rd *r)
{
	const char *at[S_MAX_ATOMS + 1];
	int empty[S_MAX_ATOMS], n = 0, i, from, to;
	S_edge acc = S_none(1), e;

	r->skip++;
	while (!r->bad && r->p < r->end && *r->p != '|' && *r->p != ')') {
		if (n == S_MAX_ATOMS) {
			r->bad = 1;
			break;
		}
		at[n] = r->p;
		e = S_atom(r);
		empty[n++] = e.nullable;
		acc.nullable &= e.nullable;
	}
	at[n] = r->p;
	r->skip--;
	if (r->skip || r->bad || n == 0)
		return acc;
	from = 0;
	to = n - 1;
	for (i = 0; i < n && r->which != TUMEN_SRX_ALL; i++) {
		if (empty[i])
			continue;
		if (r->which == TUMEN_SRX_FIRST) {
			to = i;
			break;
		}
		from = i;
	}
	for (i = from; i <= to && !r->bad; i++) {
		r->p = at[i];
		e = S_atom(r);
		S_union(&acc, &e);
	}
	r->p = at[n];
	return acc;
}

static S_edge S_alt(S_rd *r)
{
	S_edge acc = S_seq(r), e;

	while (!r->bad && r->p < r->end && *r->p == '|') {
		r->p++;
		e = S_seq(r);
		acc.nullable |= e.nullable;
		S_union(&acc, &e);
	}
	return acc;
}

/* Bitmaps for the Basic Multilingual Plane, the set for the rest; takes
 * `set` over.  NULL when out of memory. */
static tumen_srx_cpset *S_freeze(USet *set)
{
	tumen_srx_cpset *s = calloc(1, sizeof *s);
	int32_t i, n = uset_getRangeCount(set);
	UErrorCode ue = U_ZERO_ERROR;
	UChar32 a, b, c;

	if (!s) {
		uset_close(set);
		return NULL;
	}
	for (i = 0; i < n; i++) {
		uset_getItem(set, i, &a, &b, NULL, 0, &ue);
		if (U_FAILURE(ue))
			break;
		for (c = a; c <= b && c < 0x10000; c++)
			s->bmp[c >> 6] |= (uint64_t)1 << (c & 63);
		if (b >= 0x10000)
			s->astral = 1;
	}
	if (U_FAILURE(ue)) {
		uset_close(set);
		free(s);
		return NULL;
	}
	if (s->astral) {
		s->rest = set;
		return s;
	}
	uset_close(set);
	return s;
}

/* A reader of all of pat for the characters `which` says. */
static void S_rd_init(S_rd *r, const char *pat, int which)
{
	memset(r, 0, sizeof *r);
	r->p = pat;
	r->end = pat + strlen(pat);
	r->which = which;
}

tumen_srx_cpset *tumen_srx_edge(const char *pat, int which)
{
	S_rd r;
	S_edge e;

	S_rd_init(&r, pat, which);
	e = S_alt(&r);
	if (which == TUMEN_SRX_ALL && !r.bad && r.p == r.end && !e.any &&
	    !r.anchored && !e.set)
		return calloc(1, sizeof(tumen_srx_cpset)); /* matches "" only */
	if (r.bad || r.p != r.end || e.any || !e.set ||
	    (which == TUMEN_SRX_ALL ? r.anchored : e.nullable)) {
		S_edge_free(&e);
		return NULL;
	}
	return S_freeze(e.set); /* which takes the set over */
}

int tumen_srx_class_atom(const char *pat, const char **end,
                         tumen_srx_cpset **set)
{
	S_rd r;
	S_edge e;
	UChar32 lit;

	S_rd_init(&r, pat, TUMEN_SRX_ALL);
	r.skip = !set; /* its end alone */
	if (set)
		*set = NULL;
	switch (*r.p) {
	case '[':
		r.p++;
		e = S_class(&r);
		break;
	case '\\':
		r.p++;
		e = S_escape(&r, 0, &lit);
		break;
	case '.':
		r.p++;
		e = S_anything();
		break;
	default:
		return 0;
	}
	if (r.bad || e.nullable) {
		S_edge_free(&e);
		return 0;
	}
	*end = r.p;
	if (!set || e.any) {
		S_edge_free(&e);
		return 1;
	}
	if (!e.set) /* an empty class: no character */
		return (*set = calloc(1, sizeof **set)) != NULL;
	return (*set = S_freeze(e.set)) != NULL;
}

void tumen_srx_cpset_free(tumen_srx_cpset *s)
{
	if (!s)
		return;
	if (s->rest)
		uset_close(s->rest);
	free(s);
}
