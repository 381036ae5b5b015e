/*
 * dict.c - bilingual dictionaries: stems and stop words, reading hunalign
 * and TSV dictionaries into word pairs, and handing them to the aligner's
 * lexicon.  Learning a dictionary is dict_learn.c's.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "dict.h"
#include "normalize.h"

struct tumen_dict {
	uint64_t *pairs; /* source key << 32 | target key; sorted, distinct
	                    after each load */
	size_t n, cap;
	size_t entries;
};

/* ---- stems -------------------------------------------------------------- */

static int S_ends(const char *w, size_t n, const char *suf)
{
	size_t k = strlen(suf);

	return n >= k && !memcmp(w + n - k, suf, k);
}

/* Code points of valid UTF-8 w[0..n). */
static size_t S_cps(const char *w, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		c += ((unsigned char)w[i] & 0xC0) != 0x80;
	return c;
}

static int S_vowel(char c)
{
	return strchr("aeiouy", c) != NULL;
}

/* English, conservative: one plural or verbal ending, then a final -e of a
 * long word, so that create, creates, created, creating meet. */
static size_t S_stem_en(char *w, size_t n)
{
	size_t i, v = 0, cut = 0;

	if (n >= 5 && (S_ends(w, n, "ies") || S_ends(w, n, "ied"))) {
		w[n - 3] = 'y';
		n -= 2;
	} else if (n >= 5 && S_ends(w, n, "sses")) {
		n -= 2;
	} else if (n >= 4 && S_ends(w, n, "es") &&
	           (strchr("sxz", w[n - 3]) || S_ends(w, n, "ches") ||
	            S_ends(w, n, "shes"))) {
		n -= 2;
	} else if (n >= 4 && w[n - 1] == 's' && !S_ends(w, n, "ss") &&
	           !S_ends(w, n, "us") && !S_ends(w, n, "is")) {
		n--;
	} else if (n >= 6 && S_ends(w, n, "ing")) {
		cut = 3;
	} else if (n >= 5 && S_ends(w, n, "ed")) {
		cut = 2;
	}
	for (i = 0; cut && i < n - cut; i++)
		v |= S_vowel(w[i]);
	if (cut && v) {
		n -= cut;
		/* stopped -> stopp -> stop; but fall, pass, buzz */
		if (w[n - 1] == w[n - 2] && !strchr("aeioulsz", w[n - 1]))
			n--;
	}
	if (n >= 5 && w[n - 1] == 'e')
		n--;
	return n;
}

/* Persian: a verbal prefix and one suffix written solid, each only when
 * enough of the word remains (دختر is not دخ + تر). */
static size_t S_stem_fa(char *w, size_t n)
{
	static const struct { const char *s; size_t keep; } pre[] = {
		{ "نمی", 3 }, { "می", 3 },
	}, suf[] = {
		{ "ترین", 3 }, { "های", 3 }, { "ها", 3 }, { "تر", 4 }, { "ی", 4 },
	};
	size_t k, b = 0, l;

	for (k = 0; k < sizeof pre / sizeof *pre; k++) {
		l = strlen(pre[k].s);
		if (n > l && !memcmp(w, pre[k].s, l) &&
		    S_cps(w + l, n - l) >= pre[k].keep) {
			b = l;
			break;
		}
	}
	for (k = 0; k < sizeof suf / sizeof *suf; k++) {
		l = strlen(suf[k].s);
		if (S_ends(w + b, n - b, suf[k].s) &&
		    S_cps(w + b, n - b - l) >= suf[k].keep) {
			n -= l;
			break;
		}
	}
	memmove(w, w + b, n - b);
	return n - b;
}

size_t tumen_stem(const char *w, size_t len, char *out)
{
	size_t i;
	int ascii = 1;

	if (len >= TUMEN_STEM_MAX) {
		memcpy(out, w, TUMEN_STEM_MAX);
		return len;
	}
	memcpy(out, w, len);
	for (i = 0; i < len && ascii; i++)
		ascii = w[i] >= 'a' && w[i] <= 'z';
	if (ascii)
		return S_stem_en(out, len);
	if (len >= 2 && (unsigned char)w[0] >= 0xD8 && (unsigned char)w[0] <= 0xDB)
		return S_stem_fa(out, len);
	return len;
}

uint32_t tumen_word_hash(const char *w, size_t len)
{
	char st[TUMEN_STEM_MAX];
	size_t n;

	if (len >= TUMEN_STEM_MAX)
		return tumen_hash(w, len);
	n = tumen_stem(w, len, st);
	return tumen_hash(st, n);
}

/* In the matching form: lowercase, Persian yeh and kaf. */
static const char *const S_stops[] = {
	"a", "about", "all", "also", "an", "and", "any", "are", "as", "at",
	"be", "been", "but", "by", "can", "could", "did", "do", "does", "for",
	"from", "had", "has", "have", "he", "her", "him", "his", "i", "if", "in",
	"into", "is", "it", "its", "may", "me", "my", "no", "not", "of", "on",
	"or", "our", "s", "shall", "she", "should", "so", "t", "than", "that",
	"the", "their", "them", "then", "there", "these", "they", "this",
	"those", "to", "us", "was", "we", "were", "what", "when", "which", "who",
	"will", "with", "would", "you", "your",
	"و", "در", "به", "از", "که", "را", "با", "این", "آن", "است", "برای",
	"تا", "یا", "هم", "نیز", "بر", "ها", "های", "ترین", "تر", "ی", "ای", "می",
	"نمی", "هر", "او", "ما", "شما", "من", "تو", "آنها", "ایشان", "خود", "اند",
	"ام", "ایم", "اید", "بود", "شد", "یک", "همه", "چه", "اگر", "پس", "نه",
};

int tumen_stop_word(const char *w, size_t len)
{
	size_t k;

	for (k = 0; k < sizeof S_stops / sizeof *S_stops; k++)
		if (strlen(S_stops[k]) == len && !memcmp(S_stops[k], w, len))
			return 1;
	return 0;
}

/* ---- reading ------------------------------------------------------------ */

tumen_status tumen_dict_new(tumen_dict **out)
{
	*out = calloc(1, sizeof **out);
	return *out ? TUMEN_OK : TUMEN_ENOMEM;
}

void tumen_dict_free(tumen_dict *d)
{
	if (!d)
		return;
	free(d->pairs);
	free(d);
}

size_t tumen_dict_entries(const tumen_dict *d) { return d->entries; }

size_t tumen_dict_pairs(const tumen_dict *d) { return d->n; }

const uint64_t *tumen_dict_pair_list(const tumen_dict *d, size_t *n)
{
	*n = d->n;
	return d->pairs;
}

static int S_cmp64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static tumen_status S_add_pair(tumen_dict *d, uint32_t s, uint32_t t)
{
	if (d->n == d->cap) {
		size_t nc = d->cap ? d->cap * 2 : 1024;
		uint64_t *np = realloc(d->pairs, nc * sizeof *np);
		if (!np)
			return TUMEN_ENOMEM;
		d->pairs = np;
		d->cap = nc;
	}
	d->pairs[d->n++] = (uint64_t)s << 32 | t;
	return TUMEN_OK;
}

/* Keys of the content words of one side, text[0..len); *n may end up
 * above TUMEN_DICT_MAX_WORDS (only that many are stored). */
static tumen_status S_side(const char *text, size_t len, tumen_buf *m,
                           uint32_t key[TUMEN_DICT_MAX_WORDS], size_t *n)
{
	size_t pos = 0, w0, wl;
	tumen_status st;

	*n = 0;
	tumen_buf_reset(m);
	if ((st = tumen_match_form(text, len, m)))
		return st;
	while (tumen_word_next(m->ptr, m->len, &pos, &w0, &wl)) {
		if (tumen_stop_word(m->ptr + w0, wl))
			continue;
		if (*n < TUMEN_DICT_MAX_WORDS)
			key[*n] = tumen_word_hash(m->ptr + w0, wl);
		++*n;
	}
	return TUMEN_OK;
}

static void S_trim(const char **s, size_t *n)
{
	while (*n && ((*s)[0] == ' ' || (*s)[0] == '\t')) {
		++*s;
		--*n;
	}
	while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
		--*n;
}

/* Whether line p[0..n) is blank or a comment ('#' after white space). */
static int S_blank(const char *p, size_t n)
{
	S_trim(&p, &n);
	return !n || p[0] == '#';
}

/* Error at a line of the dictionary; returns TUMEN_EFORMAT. */
static tumen_status S_bad(tumen_error *err, unsigned long line, const char *msg)
{
	if (err) {
		tumen_error_clear(err);
		err->code = TUMEN_EFORMAT;
		err->line = line;
		snprintf(err->msg, sizeof err->msg, "%s", msg);
	}
	return TUMEN_EFORMAT;
}

/* Whether the weight column w[0..n) is a number. */
static int S_number(const char *w, size_t n)
{
	char buf[64], *end;

	S_trim(&w, &n);
	if (!n)
		return 1;
	if (n >= sizeof buf)
		return 0;
	memcpy(buf, w, n);
	buf[n] = '\0';
	errno = 0;
	(void)strtod(buf, &end);
	return end != buf && !*end && !errno;
}

typedef struct {
	const char *src, *tgt;
	size_t slen, tlen;
} S_entry;

/* Splits one line (not blank, not a comment) into its two sides. */
static tumen_status S_split(const char *p, size_t n, unsigned long line,
                            S_entry *e, tumen_error *err)
{
	const char *tab = memchr(p, '\t', n), *at;

	if (tab) {
		const char *tab2 = memchr(tab + 1, '\t', n - (size_t)(tab + 1 - p));
		e->src = p;
		e->slen = (size_t)(tab - p);
		e->tgt = tab + 1;
		e->tlen = tab2 ? (size_t)(tab2 - tab - 1) : n - e->slen - 1;
		if (tab2 && memchr(tab2 + 1, '\t', n - (size_t)(tab2 + 1 - p)))
			return S_bad(err, line, "more than 3 tab-separated columns");
		if (tab2 && !S_number(tab2 + 1, n - (size_t)(tab2 + 1 - p)))
			return S_bad(err, line, "the third column (weight) is not a number");
	} else if ((at = memchr(p, '@', n))) {
		if (memchr(at + 1, '@', n - (size_t)(at + 1 - p)))
			return S_bad(err, line, "more than one '@'");
		e->tgt = p;
		e->tlen = (size_t)(at - p);
		e->src = at + 1;
		e->slen = n - e->tlen - 1;
	} else {
		return S_bad(err, line,
		             "expected 'PERSIAN @ ENGLISH' or 'ENGLISH<TAB>PERSIAN'");
	}
	S_trim(&e->src, &e->slen);
	S_trim(&e->tgt, &e->tlen);
	if (!e->slen)
		return S_bad(err, line, "empty English (source) side");
	if (!e->tlen)
		return S_bad(err, line, "empty Persian (target) side");
	return TUMEN_OK;
}

/* One line: its word pairs (the content words of one side with each of
 * the other's). */
static tumen_status S_line(tumen_dict *d, const char *p, size_t n,
                           unsigned long line, tumen_buf *m, tumen_error *err)
{
	uint32_t sk[TUMEN_DICT_MAX_WORDS], tk[TUMEN_DICT_MAX_WORDS];
	size_t ns, nt, a, b;
	S_entry e;
	tumen_status st;

	if ((st = S_split(p, n, line, &e, err)))
		return st;
	if ((st = S_side(e.src, e.slen, m, sk, &ns)) ||
	    (st = S_side(e.tgt, e.tlen, m, tk, &nt)))
		return st == TUMEN_EICU ? S_bad(err, line, "invalid UTF-8") : st;
	d->entries++;
	if (ns > TUMEN_DICT_MAX_WORDS || nt > TUMEN_DICT_MAX_WORDS)
		return TUMEN_OK;
	for (a = 0; a < ns; a++)
		for (b = 0; b < nt; b++)
			if ((st = S_add_pair(d, sk[a], tk[b])))
				return st;
	return TUMEN_OK;
}

/* Sorts the pairs and drops duplicates. */
static void S_settle(tumen_dict *d)
{
	size_t i, k = 0;

	if (d->n > 1)
		qsort(d->pairs, d->n, sizeof *d->pairs, S_cmp64);
	for (i = 0; i < d->n; i++)
		if (!k || d->pairs[i] != d->pairs[k - 1])
			d->pairs[k++] = d->pairs[i];
	d->n = k;
}

tumen_status tumen_dict_load(tumen_dict *d, const char *text, size_t len,
                             tumen_error *err)
{
	size_t n0 = d->n, e0 = d->entries, pos = 0;
	unsigned long line = 0;
	tumen_buf m = TUMEN_BUF_INIT;
	tumen_status st = TUMEN_OK;

	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
		pos = 3;
	while (pos < len && !st) {
		const char *p = text + pos, *nl = memchr(p, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - p) : len - pos;
		pos += n + 1;
		line++;
		if (n && p[n - 1] == '\r')
			n--;
		if (!S_blank(p, n))
			st = S_line(d, p, n, line, &m, err);
	}
	tumen_buf_release(&m);
	if (st) {
		d->n = n0;
		d->entries = e0;
		return st;
	}
	S_settle(d);
	return TUMEN_OK;
}

/* ---- feeding the aligner ------------------------------------------------ */

/* A document's distinct (stem << 32 | word) keys, sorted (malloc'd).
 * Words repeat: an open addressing set keeps one of each before the
 * sort, which then runs on the vocabulary rather than the text. */
static uint64_t *S_doc_words(const tumen_feats *f, size_t *n)
{
	size_t i, k = 0, total = f->word_off[f->n], cap = 64, slot;
	uint64_t *set, *v;

	while (cap < total * 2)
		cap *= 2;
	set = calloc(cap, sizeof *set); /* 0: empty (a key of 0 is kept aside) */
	v = malloc((total + 1) * sizeof *v);
	if (!set || !v) {
		free(set);
		free(v);
		return NULL;
	}
	for (i = 0; i < total; i++) {
		uint64_t key = (uint64_t)f->stems[i] << 32 | f->words[i];
		for (slot = (f->words[i] * 2654435761u) & (cap - 1);
		     set[slot] && set[slot] != key; slot = (slot + 1) & (cap - 1))
			;
		if (!key || !set[slot])
			v[k++] = key;
		if (key)
			set[slot] = key;
	}
	free(set);
	if (k > 1)
		qsort(v, k, sizeof *v, S_cmp64);
	for (i = 0, total = k, k = 0; i < total; i++)
		if (!k || v[i] != v[k - 1])
			v[k++] = v[i];
	*n = k;
	return v;
}

/* First element of sorted v[0..n) whose high half is >= key. */
static size_t S_lower(const uint64_t *v, size_t n, uint32_t key)
{
	size_t lo = 0, hi = n;
	uint64_t k = (uint64_t)key << 32;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid] < k)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

#define S_HI(x) ((uint32_t)((x) >> 32))

/* Adds every pair of a source word of stem group sw[0..ns) with a target
 * word of stem `t`. */
static tumen_status S_link(const uint64_t *sw, size_t ns, uint32_t t,
                           const uint64_t *tw, size_t nt, tumen_lexicon *lx)
{
	size_t a, b;
	tumen_status st = TUMEN_OK;

	for (b = S_lower(tw, nt, t); !st && b < nt && S_HI(tw[b]) == t; b++)
		for (a = 0; !st && a < ns; a++)
			st = tumen_lexicon_add(lx, (uint32_t)sw[a], (uint32_t)tw[b]);
	return st;
}

tumen_status tumen_dict_apply(const tumen_dict *d, const tumen_feats *s,
                              const tumen_feats *t, tumen_lexicon *lx)
{
	size_t ns = 0, nt = 0, i, g, k;
	uint64_t *sw, *tw;
	tumen_status st = TUMEN_OK;

	if (!d->n)
		return TUMEN_OK;
	sw = S_doc_words(s, &ns);
	tw = S_doc_words(t, &nt);
	if (!sw || !tw)
		st = TUMEN_ENOMEM;
	for (i = 0; !st && i < ns; i = g) {
		uint32_t stem = S_HI(sw[i]);
		for (g = i; g < ns && S_HI(sw[g]) == stem; g++)
			;
		for (k = S_lower(d->pairs, d->n, stem);
		     !st && k < d->n && S_HI(d->pairs[k]) == stem; k++)
			st = S_link(sw + i, g - i, (uint32_t)d->pairs[k], tw, nt, lx);
	}
	free(sw);
	free(tw);
	return st;
}
