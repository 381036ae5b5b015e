/*
 * tmx_filter.c - `tumen tmx filter`: copies a TMX, leaving out the units
 * that a rule removes (missing languages, low score, length, length
 * ratio, numbers that differ, identical sides) and the tuvs not in the
 * languages asked for.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "tmx_tools.h"

#define MAX_FILTER_LANGS 8

typedef struct {
	const tumen_tmx_filter_opts *o;
	tumen_tmx_filter_result *res;
	char langs[MAX_FILTER_LANGS][36];
	size_t nlangs;
	tumen_tmx_reader *r;
	tumen_tmx_out out;
	tumen_buf form;
	unsigned char *keep;
	size_t keepcap;
} S_filter;

void tumen_tmx_filter_opts_init(tumen_tmx_filter_opts *o)
{
	memset(o, 0, sizeof *o);
	o->min_score = -1.0;
}

const char *tumen_tmx_rule_name(int rule)
{
	static const char *const names[TUMEN_TMX_RULES] = {
		"langs", "min-score", "chars", "max-ratio", "numbers",
		"identical"
	};

	return rule >= 0 && rule < TUMEN_TMX_RULES ? names[rule] : "?";
}

/* Splits "en,fa" into c->langs; -1 if a code is not a language tag. */
static int S_parse_langs(S_filter *c, const char *s)
{
	while (s && *s) {
		size_t n = strcspn(s, ",");
		if (c->nlangs == MAX_FILTER_LANGS || n >= 36 ||
		    !tumen_tmx_lang_ok(s, n))
			return -1;
		memcpy(c->langs[c->nlangs], s, n);
		c->langs[c->nlangs++][n] = '\0';
		s += n + (s[n] == ',');
	}
	return 0;
}

/* Digit value of the UTF-8 character at p (ASCII, Persian or
 * Arabic-Indic), or -1; *n gets its length. */
static int S_digit(const unsigned char *p, size_t left, size_t *n)
{
	*n = 1;
	if (*p >= '0' && *p <= '9')
		return *p - '0';
	if (left >= 2 && (p[0] == 0xDB || p[0] == 0xD9) &&
	    p[1] >= (p[0] == 0xDB ? 0xB0 : 0xA0) &&
	    p[1] <= (p[0] == 0xDB ? 0xB9 : 0xA9)) {
		*n = 2;
		return p[1] - (p[0] == 0xDB ? 0xB0 : 0xA0);
	}
	return -1;
}

/* A fingerprint of the multiset of numbers in s: thousands separators
 * dropped, decimal separators as '.', Persian digits folded. */
static uint64_t S_numbers(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	uint64_t sum = 0, h = 0;
	size_t i = 0, n, m;
	int in = 0, d;

	while (i <= len) {
		d = i < len ? S_digit(p + i, len - i, &n) : -1;
		if (d >= 0) {
			h = ((in ? h : 0xcbf29ce484222325ULL) ^ (uint64_t)('0' + d)) *
			    0x100000001b3ULL;
			in = 1;
			i += n;
			continue;
		}
		if (in && i < len) { /* a separator between two digits? */
			int dec = p[i] == '.' || (i + 1 < len && p[i] == 0xD9 &&
			                          p[i + 1] == 0xAB);
			int th = p[i] == ',' || (i + 1 < len && p[i] == 0xD9 &&
			                         p[i + 1] == 0xAC);
			n = p[i] < 0x80 ? 1 : 2;
			if ((dec || th) && i + n < len &&
			    S_digit(p + i + n, len - i - n, &m) >= 0) {
				if (dec)
					h = (h ^ '.') * 0x100000001b3ULL;
				i += n;
				continue;
			}
		}
		if (in)
			sum += tumen_tmx_mix(h);
		in = 0;
		i++;
	}
	return sum;
}

/* Marks in c->keep the tuvs in one of the --langs (all without it). */
static void S_keep_langs(S_filter *c, const tumen_tu *tu)
{
	size_t i, k;

	for (i = 0; i < tu->ntuvs; i++) {
		c->keep[i] = !c->nlangs;
		for (k = 0; k < c->nlangs; k++)
			if (!strcasecmp(tu->tuvs[i].lang.ptr, c->langs[k]))
				c->keep[i] = 1;
	}
}

/* The two sides the length, number and identity rules compare: the first
 * of --langs (else the header's srclang, else the first tuv) and the
 * second of --langs (else the first tuv in another language).  *t is NULL
 * when there is no second side. */
static void S_sides(const S_filter *c, const tumen_tu *tu,
                    const tumen_tuv **s, const tumen_tuv **t)
{
	*t = NULL;
	*s = tumen_tmx_find_tuv(tu, c->nlangs ? c->langs[0] : c->out.srclang,
	                        NULL);
	if (!*s && tu->ntuvs)
		*s = &tu->tuvs[0];
	if (*s)
		*t = c->nlangs > 1 ? tumen_tmx_find_tuv(tu, c->langs[1], NULL) :
		                     tumen_tmx_find_tuv(tu, NULL, *s);
}

/* Whether s and t read the same once matched (same key): 1 or 0, or -1
 * with *st set when out of memory. */
static int S_identical(S_filter *c, const tumen_tuv *s, const tumen_tuv *t,
                       tumen_status *st)
{
	uint64_t ks, kt;

	if ((*st = tumen_tmx_side_key(s->seg.ptr, s->seg.len, &c->form, &ks)) ||
	    (*st = tumen_tmx_side_key(t->seg.ptr, t->seg.len, &c->form, &kt)))
		return -1;
	return ks == kt;
}

/* The first rule that removes tu, or -1; sets c->keep for --langs. */
static int S_rule(S_filter *c, const tumen_tu *tu, tumen_status *st)
{
	const tumen_tmx_filter_opts *o = c->o;
	const tumen_tuv *s, *t;
	double sc = tumen_tu_score(tu);
	size_t i, cs = 0, ct = 0;
	int same;

	for (i = 0; i < c->nlangs; i++)
		if (!tumen_tmx_find_tuv(tu, c->langs[i], NULL))
			return TUMEN_TMX_RULE_LANGS;
	S_keep_langs(c, tu);
	if (o->min_score >= 0 && sc >= 0 && sc < o->min_score)
		return TUMEN_TMX_RULE_SCORE;
	S_sides(c, tu, &s, &t);
	if (s && t) {
		cs = tumen_tmx_chars(s->seg.ptr, s->seg.len);
		ct = tumen_tmx_chars(t->seg.ptr, t->seg.len);
	}
	if ((o->min_chars || o->max_chars) &&
	    (!t || cs < o->min_chars || ct < o->min_chars ||
	     (o->max_chars && (cs > o->max_chars || ct > o->max_chars))))
		return TUMEN_TMX_RULE_CHARS;
	if (o->max_ratio > 0 && (!t || !cs || !ct ||
	    (double)(cs > ct ? cs : ct) / (double)(cs > ct ? ct : cs) >
	    o->max_ratio))
		return TUMEN_TMX_RULE_RATIO;
	if (o->numbers && (!t || S_numbers(s->seg.ptr, s->seg.len) !=
	                         S_numbers(t->seg.ptr, t->seg.len)))
		return TUMEN_TMX_RULE_NUMBERS;
	if (o->no_identical && t && (same = S_identical(c, s, t, st)) != 0)
		return same > 0 ? TUMEN_TMX_RULE_IDENTICAL : -1;
	return -1;
}

static tumen_status S_filter_tu(void *ctx, const tumen_tu *tu)
{
	S_filter *c = ctx;
	tumen_status st = TUMEN_OK;
	int rule;

	if (c->res->read++ == 0)
		tumen_tmx_out_header(&c->out, c->r);
	if (c->keepcap < tu->ntuvs + 1) {
		unsigned char *nk = realloc(c->keep, tu->ntuvs + 1);
		if (!nk)
			return TUMEN_ENOMEM;
		c->keep = nk;
		c->keepcap = tu->ntuvs + 1;
	}
	rule = S_rule(c, tu, &st);
	if (st)
		return st;
	if (rule >= 0) {
		c->res->removed[rule]++;
		return TUMEN_OK;
	}
	c->res->kept++;
	return tumen_tmx_out_tu(&c->out, tu, c->keep);
}

tumen_status tumen_tmx_filter(FILE *in, FILE *out,
                              const tumen_tmx_filter_opts *o,
                              tumen_tmx_filter_result *res, tumen_error *err)
{
	tumen_tmx_reader_opts ro = { .keep_inline = 1 };
	S_filter c;
	tumen_status st;

	memset(&c, 0, sizeof c);
	memset(res, 0, sizeof *res);
	tumen_error_clear(err);
	c.o = o;
	c.res = res;
	c.out.f = out;
	tumen_buf_init(&c.out.b);
	tumen_buf_init(&c.form);
	if (S_parse_langs(&c, o->langs)) {
		if (err)
			snprintf(err->msg, sizeof err->msg,
			         "bad language list '%s'", o->langs);
		return TUMEN_EINVAL;
	}
	st = tumen_tmx_reader_new(&c.r, &ro, S_filter_tu, &c);
	if (!st)
		st = tumen_tmx_reader_read(c.r, in, err);
	if (!st && !c.out.begun)
		tumen_tmx_out_header(&c.out, c.r);
	if (!st)
		st = tumen_tmx_out_end(&c.out);
	tumen_tmx_reader_free(c.r);
	tumen_buf_release(&c.out.b);
	tumen_buf_release(&c.form);
	free(c.keep);
	return st;
}
