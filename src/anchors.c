/*
 * anchors.c - per-sentence features for the aligner: length, numbers,
 * punctuation profile and word tokens, all read off the matching form.
 */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "anchors.h"
#include "bytescan.h"
#include "uprop.h"
#include "buf.h"
#include "dates.h"
#include "dict.h"
#include "names.h"
#include "normalize.h"

/* FNV-1a: tumen_hash() starts from S_FNV_START and takes each byte in
 * turn (S_fnv), as S_scan does while it reads a word. */
#define S_FNV_START 2166136261u

static inline uint32_t S_fnv(uint32_t h, unsigned char c)
{
	return (h ^ c) * 16777619u;
}

uint32_t tumen_hash(const char *s, size_t len)
{
	uint32_t h = S_FNV_START;
	size_t i;

	for (i = 0; i < len; i++)
		h = S_fnv(h, (unsigned char)s[i]);
	return h;
}

/* Decodes one code point of *valid* UTF-8 (the document was validated by
 * the decoder); returns its length. */
static size_t S_next(const unsigned char *s, unsigned *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] < 0xE0) {
		*cp = ((s[0] & 0x1Fu) << 6) | (s[1] & 0x3Fu);
		return 2;
	}
	if (s[0] < 0xF0) {
		*cp = ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) |
		      (s[2] & 0x3Fu);
		return 3;
	}
	*cp = ((s[0] & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) |
	      ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu);
	return 4;
}

static int S_push(uint32_t **v, size_t *n, size_t *cap, uint32_t x)
{
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 256;
		uint32_t *nv = realloc(*v, nc * sizeof *nv);
		if (!nv)
			return -1;
		*v = nv;
		*cap = nc;
	}
	(*v)[(*n)++] = x;
	return 0;
}

static int S_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Canonical spelling of the number at s[0..len) (digits, '.' and ','
 * between digits) into out: thousands separators dropped, leading zeros and
 * trailing decimal zeros removed. */
static size_t S_canon(const char *s, size_t len, char *out, size_t cap)
{
	size_t i, n = 0, dot = (size_t)-1;

	for (i = 0; i < len && n + 1 < cap; i++) {
		if (s[i] == ',')
			continue;
		if (s[i] == '.') {
			if (dot != (size_t)-1)
				break; /* "1.2.3": keep the first part */
			dot = n;
		}
		if (s[i] == '0' && n == 0 && i + 1 < len && S_digit(s[i + 1]))
			continue;
		out[n++] = s[i];
	}
	if (dot != (size_t)-1) {
		while (n > dot + 1 && out[n - 1] == '0')
			n--;
		if (n == dot + 1)
			n = dot; /* "3." -> "3" */
	}
	return n;
}

int tumen_numbers(const char *s, size_t len, uint32_t **out, size_t *n,
                  size_t *cap)
{
	size_t i = 0, found = 0;
	char canon[64];

	while ((i = tumen_digit_find((const unsigned char *)s, i, len)) < len) {
		size_t j, k;
		j = i;
		while (j < len && (S_digit(s[j]) ||
		                   ((s[j] == '.' || s[j] == ',') && j + 1 < len &&
		                    S_digit(s[j + 1]) && j > i)))
			j++;
		k = S_canon(s + i, j - i, canon, sizeof canon);
		if (k && S_push(out, n, cap, tumen_hash(canon, k)))
			return -1;
		found++;
		i = j;
	}
	return (int)found;
}

static int S_is_quote(unsigned cp)
{
	return cp == '"' || cp == 0xAB || cp == 0xBB || cp == 0x201C ||
	       cp == 0x201D || cp == 0x201E || cp == 0x2018 || cp == 0x2019;
}

/* Final punctuation, skipping closing quotes and brackets. */
/* Whether the sentence starts with a list marker: a dash or bullet, or a
 * number or single letter followed by '.' or ')' and a space. */
static int S_list(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k;

	while (i < len && p[i] == ' ')
		i++;
	if (i < len && (p[i] == '-' || p[i] == '*'))
		return i + 1 < len && p[i + 1] == ' ';
	if (i + 2 < len && p[i] == 0xE2 && p[i + 1] == 0x80 &&
	    (p[i + 2] == 0xA2 || p[i + 2] == 0x93 || p[i + 2] == 0x94))
		return 1; /* • – — */
	for (k = i; k < len && k - i < 3 && p[k] >= '0' && p[k] <= '9'; k++)
		;
	if (k == i && i < len && p[i] >= 'a' && p[i] <= 'z')
		k = i + 1;
	return k > i && k + 1 < len && (p[k] == '.' || p[k] == ')') &&
	       p[k + 1] == ' ';
}

static uint8_t S_final(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;

	while (len) {
		unsigned char c = p[len - 1];
		if (c == ' ' || c == ')' || c == ']' || c == '"' || c == '\'')
			len--;
		else if (len >= 2 && p[len - 2] == 0xC2 && (c == 0xBB || c == 0xAB))
			len -= 2; /* » « */
		else if (len >= 3 && p[len - 3] == 0xE2 && p[len - 2] == 0x80 &&
		         (c == 0x9D || c == 0x99))
			len -= 3; /* ” ’ */
		else
			break;
	}
	if (!len)
		return 0;
	if (p[len - 1] == '?' ||
	    (len >= 2 && p[len - 2] == 0xD8 && p[len - 1] == 0x9F)) /* ؟ */
		return TUMEN_P_QUESTION;
	if (p[len - 1] == '!')
		return TUMEN_P_EXCLAIM;
	return 0;
}

typedef struct {
	uint32_t *v;
	size_t n, cap;
} S_vec;

/* Gives an empty pool an allocation: align.c adds offsets to every pool
 * pointer, and NULL + 0 is undefined behaviour (found by fuzz_align). */
static int S_vec_alloc(S_vec *v)
{
	if (!v->v)
		v->v = malloc(sizeof *v->v);
	return v->v ? 0 : -1;
}

/* Whether code point cp belongs to a word token. */
static int S_word_cp(unsigned cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') ||
		       (cp >= 'A' && cp <= 'Z');
	return cp != 0x200C && tumen_isalnum((UChar32)cp);
}

int tumen_word_next(const char *s, size_t len, size_t *pos, size_t *start,
                    size_t *wlen)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = *pos, k;
	unsigned cp = 0;

	tumen_uprop_init();
	for (; i < len; i += k) {
		k = S_next(p + i, &cp);
		if (S_word_cp(cp))
			break;
	}
	if (i >= len) {
		*pos = len;
		return 0;
	}
	*start = i;
	for (; i < len; i += k) {
		k = S_next(p + i, &cp);
		if (!S_word_cp(cp))
			break;
	}
	*wlen = i - *start;
	*pos = i;
	return 1;
}

/* The k bytes at p[i] of a letter or digit into the word it belongs to:
 * one is begun at i (its hash h) when none is open. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline void S_word_add(const unsigned char *p, size_t i, size_t k,
                              int *inword, size_t *w0, uint32_t *h)
{
	size_t b;

	if (!*inword) {
		*w0 = i;
		*inword = 1;
		*h = S_FNV_START;
	}
	for (b = 0; b < k; b++)
		*h = S_fnv(*h, p[i + b]);
}

/* The code point at p[i] when it lies below U+0800 (ASCII, Arabic script;
 * one or two bytes of valid UTF-8): its length, or 0 from three bytes up. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline size_t S_short_cp(const unsigned char *p, size_t i,
                                unsigned *cp)
{
	if (p[i] < 0x80) {
		*cp = p[i];
		return 1;
	}
	if (p[i] < 0xE0) {
		*cp = (p[i] & 0x1Fu) << 6 | (p[i + 1] & 0x3Fu);
		return 2;
	}
	return 0;
}

/* One sentence's matching form: length, punctuation signs, words, and
 * their stems when `stems` is not NULL. */
static int S_scan(const char *s, size_t len, uint32_t *clen, uint8_t *punct,
                  S_vec *words, S_vec *stems)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, w0 = 0, count = 0;
	int inword = 0;
	uint8_t pm = S_final(s, len) | (S_list(s, len) ? TUMEN_P_LIST : 0);
	uint32_t h = 0; /* tumen_hash() of the word so far (S_word_add) */

	while (i <= len) {
		unsigned cp = 0;
		size_t k = 1;
		int alnum = 0;
		/* a run of letters and digits below U+0800 (ASCII, Arabic
		 * script), each one look at uprop.h's table: hashed and counted
		 * (none is a space) in a loop of its own */
		while (i < len) {
			if (!(k = S_short_cp(p, i, &cp)) ||
			    !(tumen_uprop_table[cp] & TUMEN_UP_ALNUM))
				break;
			S_word_add(p, i, k, &inword, &w0, &h);
			count++;
			i += k;
		}
		cp = 0;
		k = 1;
		/* anything else: below U+0800 one look at the table too, then
		 * S_word_cp() and tumen_isspace() */
		if (i < len) {
			if (!(k = S_short_cp(p, i, &cp)))
				k = S_next(p + i, &cp);
			if (cp < TUMEN_UP_BELOW) {
				unsigned f = tumen_uprop_table[cp];
				alnum = (f & TUMEN_UP_ALNUM) != 0;
				count += !(f & TUMEN_UP_SPACE);
			} else {
				alnum = S_word_cp(cp);
				count += !tumen_isspace((UChar32)cp);
			}
		}
		if (alnum)
			; /* no quote, bracket or colon */
		else if (S_is_quote(cp))
			pm |= TUMEN_P_QUOTE;
		else if (cp == '(' || cp == '[')
			pm |= TUMEN_P_PAREN;
		else if (cp == ':')
			pm |= TUMEN_P_COLON;
		if (alnum) {
			S_word_add(p, i, k, &inword, &w0, &h);
		} else if (inword) {
			if (S_push(&words->v, &words->n, &words->cap, h) ||
			    (stems && S_push(&stems->v, &stems->n, &stems->cap,
			                     tumen_word_hash(s + w0, i - w0))))
				return -1;
			inword = 0;
		}
		i += k;
	}
	*clen = (uint32_t)count;
	*punct = pm;
	return 0;
}

/* Dates become one anchor each ("d:MM-DD", plus the Gregorian year as a
 * number), and their digits are blanked out of `m` so that "30 خرداد 1403"
 * and "June 19, 2024" do not count as four mismatched numbers. */
static int S_dates(tumen_dates *dt, tumen_buf *m, S_vec *nums)
{
	tumen_date d[16];
	size_t n, k;
	char tok[32];
	int len;

	if (!dt)
		return 0;
	n = tumen_dates_find(dt, m->ptr, m->len, d, 16);
	for (k = 0; k < n; k++) {
		len = snprintf(tok, sizeof tok, "d:%02d-%02d", d[k].month, d[k].day);
		if (S_push(&nums->v, &nums->n, &nums->cap, tumen_hash(tok, (size_t)len)))
			return -1;
		if (d[k].year && (k == 0 || d[k - 1].start != d[k].start)) {
			len = snprintf(tok, sizeof tok, "%d", d[k].year);
			if (S_push(&nums->v, &nums->n, &nums->cap,
			           tumen_hash(tok, (size_t)len)))
				return -1;
		}
		memset(m->ptr + d[k].start, ' ', d[k].end - d[k].start);
	}
	return 0;
}

/* Name and date finders cost ICU work to open, and a name finder's cache
 * of transliterated words is worth keeping warm: they wait in a pool
 * between documents, each used by one thread at a time.  A thread gets
 * back the pair it used last where it can: the cache then stays in its
 * own processor's cache, where a pair handed from thread to thread (batch
 * workers) was read from the other's. */
typedef struct S_tools {
	tumen_dates *dt;
	tumen_names *nm;
	pthread_t last; /* the thread that put it back */
	struct S_tools *next;
} S_tools;

static S_tools *S_pool;
static pthread_mutex_t S_pool_mu = PTHREAD_MUTEX_INITIALIZER;

/* A pair of finders (either may be NULL: no such anchors), or NULL. */
static S_tools *S_tools_get(void)
{
	S_tools *t, **at;
	pthread_t self = pthread_self();

	pthread_mutex_lock(&S_pool_mu);
	for (at = &S_pool; *at && !pthread_equal((*at)->last, self);
	     at = &(*at)->next)
		;
	if (!*at)
		at = &S_pool; /* none of this thread's: the last put back */
	if ((t = *at))
		*at = t->next;
	pthread_mutex_unlock(&S_pool_mu);
	if (t || !(t = calloc(1, sizeof *t)))
		return t;
	t->dt = tumen_dates_new();
	t->nm = tumen_names_new();
	return t;
}

/* Back to the pool; a pair that could not open both is dropped, so that
 * a later document tries again. */
static void S_tools_put(S_tools *t)
{
	if (t && (!t->dt || !t->nm)) {
		tumen_dates_free(t->dt);
		tumen_names_free(t->nm);
		free(t);
		return;
	}
	if (!t)
		return;
	t->last = pthread_self();
	pthread_mutex_lock(&S_pool_mu);
	t->next = S_pool;
	S_pool = t;
	pthread_mutex_unlock(&S_pool_mu);
}

tumen_status tumen_feats_build_part(const tumen_doc *doc, size_t i0,
                                    size_t i1, int want_stems, tumen_feats *f)
{
	size_t i, n = i1 - i0;
	tumen_buf m = TUMEN_BUF_INIT;
	S_vec nums = { NULL, 0, 0 }, words = { NULL, 0, 0 }, names = { NULL, 0, 0 };
	S_vec stems = { NULL, 0, 0 };
	tumen_status st = TUMEN_ENOMEM;
	S_tools *tools = S_tools_get();
	tumen_dates *dt = tools ? tools->dt : NULL; /* NULL: no date anchors */
	tumen_names *nm = tools ? tools->nm : NULL; /* NULL: no name anchors */

	tumen_uprop_init();
	memset(f, 0, sizeof *f);
	f->n = n;
	f->len = malloc((n + 1) * sizeof *f->len);
	f->punct = malloc(n + 1);
	f->num_off = malloc((n + 1) * sizeof *f->num_off);
	f->word_off = malloc((n + 1) * sizeof *f->word_off);
	f->name_off = malloc((n + 1) * sizeof *f->name_off);
	if (!f->len || !f->punct || !f->num_off || !f->word_off || !f->name_off)
		goto fail;
	for (i = 0; i < n; i++) {
		size_t len;
		const char *s = tumen_doc_sentence(doc, i0 + i, &len);
		tumen_buf_reset(&m);
		if ((st = tumen_match_form(s, len, &m)))
			goto fail;
		st = TUMEN_ENOMEM;
		f->num_off[i] = nums.n;
		f->word_off[i] = words.n;
		f->name_off[i] = names.n;
		if ((nm && tumen_names_keys(nm, s, len, &names.v, &names.n,
		                            &names.cap)) ||
		    S_scan(m.ptr, m.len, &f->len[i], &f->punct[i], &words,
		           want_stems ? &stems : NULL) ||
		    S_dates(dt, &m, &nums) ||
		    tumen_numbers(m.ptr, m.len, &nums.v, &nums.n, &nums.cap) < 0)
			goto fail;
		f->total_len += f->len[i];
	}
	f->num_off[n] = nums.n;
	f->word_off[n] = words.n;
	f->name_off[n] = names.n;
	if (S_vec_alloc(&names) || S_vec_alloc(&nums) || S_vec_alloc(&words) ||
	    (want_stems && S_vec_alloc(&stems)))
		goto fail;
	f->names = names.v;
	f->nums = nums.v;
	f->words = words.v;
	f->stems = stems.v;
	tumen_buf_release(&m);
	S_tools_put(tools);
	return TUMEN_OK;
fail:
	S_tools_put(tools);
	free(names.v);
	free(nums.v);
	free(words.v);
	free(stems.v);
	tumen_buf_release(&m);
	tumen_feats_release(f);
	return st;
}

tumen_status tumen_feats_build(const tumen_doc *doc, int want_stems,
                               tumen_feats *f)
{
	return tumen_feats_build_part(doc, 0, tumen_doc_count(doc), want_stems, f);
}

/* a (na values of `size` bytes) reallocated with b's n values appended;
 * NULL when out of memory (a is left as it was). */
static void *S_grow(void *a, size_t na, const void *b, size_t n, size_t size)
{
	char *p = realloc(a, (na + n) * size + 1);

	if (p && n)
		memcpy(p + na * size, b, n * size);
	return p;
}

#define S_APPEND(dst, na, src, n) \
	((tmp = S_grow((dst), (na), (src), (n), sizeof *(src))) ? ((dst) = tmp, 0) : -1)

/* Offsets: b's (past its first, 0) shifted by a's last. */
static size_t *S_grow_off(size_t *a, size_t na, const size_t *b, size_t n)
{
	size_t k, *p = S_grow(a, na + 1, b + 1, n, sizeof *b);

	for (k = 1; p && k <= n; k++)
		p[na + k] += p[na];
	return p;
}

#define S_APPEND_OFF(dst, na, src, n) \
	((tmp = S_grow_off((dst), (na), (src), (n))) ? ((dst) = tmp, 0) : -1)

tumen_status tumen_feats_join(tumen_feats *a, tumen_feats *b)
{
	size_t na = a->n, n = b->n;
	tumen_status st = TUMEN_ENOMEM;
	void *tmp;

	if (S_APPEND(a->nums, a->num_off[na], b->nums, b->num_off[n]) ||
	    S_APPEND(a->words, a->word_off[na], b->words, b->word_off[n]) ||
	    (a->stems && S_APPEND(a->stems, a->word_off[na], b->stems, b->word_off[n])) ||
	    S_APPEND(a->names, a->name_off[na], b->names, b->name_off[n]) ||
	    S_APPEND(a->len, na, b->len, n) || S_APPEND(a->punct, na, b->punct, n) ||
	    S_APPEND_OFF(a->num_off, na, b->num_off, n) ||
	    S_APPEND_OFF(a->word_off, na, b->word_off, n) ||
	    S_APPEND_OFF(a->name_off, na, b->name_off, n))
		goto out;
	a->n += n;
	a->total_len += b->total_len;
	st = TUMEN_OK;
out:
	tumen_feats_release(b);
	return st;
}

void tumen_feats_release(tumen_feats *f)
{
	free(f->len);
	free(f->punct);
	free(f->num_off);
	free(f->word_off);
	free(f->name_off);
	free(f->nums);
	free(f->words);
	free(f->stems);
	free(f->names);
	memset(f, 0, sizeof *f);
}
