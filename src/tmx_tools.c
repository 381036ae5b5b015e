/*
 * tmx_tools.c - what the `tumen tmx` tools share: the checks of language
 * tags and dates, the key and the score of a unit, a set of keys.
 *
 * Pairs are compared by a 64-bit key (tumen_tu_key()), so deduplication
 * costs 16 bytes per distinct pair whatever the text length; two different
 * pairs share a key with odds of about n^2 / 2^65, which we accept.
 */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "normalize.h"
#include "tmx_tools.h"

int tumen_tmx_lang_ok(const char *s, size_t len)
{
	size_t i = 0, sub = 0, n;

	while (i <= len) {
		for (n = 0; i + n < len && s[i + n] != '-'; n++)
			if (!isalnum((unsigned char)s[i + n]))
				return 0;
		if (n < 1 || n > 8)
			return 0;
		if (sub++ == 0) { /* primary: 2-3 or 5-8 letters, i or x */
			size_t k;
			for (k = 0; k < n; k++)
				if (!isalpha((unsigned char)s[i + k]))
					return 0;
			if (n == 4 || (n == 1 && !strchr("ixIX", s[i])))
				return 0;
		}
		i += n + 1;
	}
	return 1;
}

static int S_2(const char *s)
{
	return (s[0] - '0') * 10 + (s[1] - '0');
}

int tumen_tmx_date_ok(const char *s)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	                             30, 31 };
	int i, y, mo, d;

	if (strlen(s) != 16 || s[8] != 'T' || s[15] != 'Z')
		return 0;
	for (i = 0; i < 15; i++)
		if (i != 8 && !isdigit((unsigned char)s[i]))
			return 0;
	y = S_2(s) * 100 + S_2(s + 2);
	mo = S_2(s + 4);
	d = S_2(s + 6);
	if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] ||
	    S_2(s + 9) > 23 || S_2(s + 11) > 59 || S_2(s + 13) > 59)
		return 0;
	return !(mo == 2 && d == 29 && (y % 4 || (y % 100 == 0 && y % 400)));
}

/* ---- keys and scores ------------------------------------------------ */

uint64_t tumen_tmx_mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	return h ^ (h >> 33);
}

/* FNV-1a of s with ASCII white space runs hashed as one space and leading
 * and trailing white space left out. */
static uint64_t S_hash_text(uint64_t h, const char *s, size_t len)
{
	size_t i;
	int space = 0, any = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = any;
			continue;
		}
		if (space)
			h = (h ^ ' ') * 0x100000001b3ULL;
		h = (h ^ c) * 0x100000001b3ULL;
		space = 0;
		any = 1;
	}
	return h;
}

/* The key of one side: its matching form hashed (form: scratch). */
tumen_status tumen_tmx_side_key(const char *s, size_t len, tumen_buf *form,
                                uint64_t *key)
{
	tumen_status st;

	tumen_buf_reset(form);
	if ((st = tumen_match_form(s, len, form)))
		return st;
	*key = S_hash_text(0xcbf29ce484222325ULL, form->ptr, form->len);
	return TUMEN_OK;
}

tumen_status tumen_tmx_unit_key(const tumen_tu *tu, tumen_buf *form,
                                uint64_t *key)
{
	uint64_t sum = 0, h;
	tumen_status st;
	size_t i, k;

	for (i = 0; i < tu->ntuvs; i++) {
		const tumen_tuv *v = &tu->tuvs[i];
		if ((st = tumen_tmx_side_key(v->seg.ptr, v->seg.len, form, &h)))
			return st;
		for (k = 0; k < v->lang.len; k++)
			h = (h ^ (unsigned char)tolower(v->lang.ptr[k])) *
			    0x100000001b3ULL;
		sum += tumen_tmx_mix(h); /* a sum: the order of tuvs is moot */
	}
	*key = sum ? sum : 1; /* 0 marks an empty slot */
	return TUMEN_OK;
}

tumen_status tumen_tu_key(const tumen_tu *tu, unsigned long long *key)
{
	tumen_buf form = TUMEN_BUF_INIT;
	uint64_t k = 0;
	tumen_status st = tumen_tmx_unit_key(tu, &form, &k);

	tumen_buf_release(&form);
	*key = k;
	return st;
}

double tumen_tu_score(const tumen_tu *tu)
{
	size_t i;
	char *end;
	double v;

	for (i = 0; i < tu->nprops; i++) {
		if (strcmp(tu->props[i].type.ptr, "x-score"))
			continue;
		v = strtod(tu->props[i].value.ptr, &end);
		if (end == tu->props[i].value.ptr || !(v >= 0.0) || v > 1.0)
			return -1.0;
		return v;
	}
	return -1.0;
}

/* ---- a set of pair keys, each with its best copy --------------------- */

tumen_tmx_slot *tumen_tmx_keyset_probe(tumen_tmx_slot *s, size_t cap,
                                       uint64_t key)
{
	size_t i = (size_t)tumen_tmx_mix(key) & (cap - 1);

	while (s[i].key && s[i].key != key)
		i = (i + 1) & (cap - 1);
	return &s[i];
}

tumen_tmx_slot *tumen_tmx_keyset_get(tumen_tmx_keyset *set, uint64_t key,
                                     int *added)
{
	tumen_tmx_slot *sl;
	size_t i;

	if ((set->n + 1) * 10 > set->cap * 7) {
		size_t nc = set->cap ? set->cap * 2 : 1024;
		tumen_tmx_slot *ns = calloc(nc, sizeof *ns);
		if (!ns)
			return NULL;
		for (i = 0; i < set->cap; i++)
			if (set->s[i].key)
				*tumen_tmx_keyset_probe(ns, nc, set->s[i].key) =
					set->s[i];
		free(set->s);
		set->s = ns;
		set->cap = nc;
	}
	sl = tumen_tmx_keyset_probe(set->s, set->cap, key);
	*added = !sl->key;
	if (*added) {
		sl->key = key;
		set->n++;
	}
	return sl;
}

/* ---- look-ups ------------------------------------------------------ */

size_t tumen_tmx_chars(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

const tumen_tuv *tumen_tmx_find_tuv(const tumen_tu *tu, const char *lang,
                                    const tumen_tuv *not)
{
	size_t i;

	for (i = 0; i < tu->ntuvs; i++)
		if (lang ? !strcasecmp(tu->tuvs[i].lang.ptr, lang) :
		    strcasecmp(tu->tuvs[i].lang.ptr, not->lang.ptr) != 0)
			return &tu->tuvs[i];
	return NULL;
}
