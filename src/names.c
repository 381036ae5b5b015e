/*
 * names.c - consonant skeletons of names in Latin and Arabic script.
 */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "anchors.h"
#include "names.h"
#include "uprop.h"

/* Words of Arabic script are transliterated as ICU's "Arabic-Latin;
 * Latin-ASCII" would, letter by letter from S_latin below, in the range
 * that table covers; other Arabic-script words (presentation forms) go
 * through ICU itself.  Opening an ICU transliterator initializes ICU's
 * registry of transliterators (about 140 million instructions, 20 ms),
 * so it is opened only when such a word comes, once per process; each
 * finder works on its own clone (utrans objects are not thread-safe),
 * which is cheap. */
static UTransliterator *S_proto;
static pthread_once_t S_once = PTHREAD_ONCE_INIT;

static void S_open_proto(void)
{
	static const UChar id[] = u"Arabic-Latin; Latin-ASCII";
	UErrorCode st = U_ZERO_ERROR;

	S_proto = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
	if (U_FAILURE(st))
		S_proto = NULL;
}

/* The ASCII that ICU's "Arabic-Latin; Latin-ASCII" gives each letter of
 * U+0600..U+06FF standing alone (its non-ASCII output left out: the
 * skeleton keeps only a..z).  A word's skeleton from these strings equals
 * the skeleton of ICU's transliteration of the whole word: ICU's rules
 * across letters only change vowels (damma and waw give "u", not "uw"),
 * which skeletons drop.  Checked on the 42,789 distinct Arabic-script
 * words of ../shared/corpora-src, and by the names suite against ICU.
 * Letters not listed (hamza, ain, U+0750..U+077F) give nothing.  One
 * departure, as S_arabic_key() makes before ICU: ژ is j, as English writes
 * it (Japan, -nejad), not zh. */
static const char *const S_latin[0x100] = {
	[0x22] = "a", [0x23] = "a", [0x24] = "w", [0x25] = "a", [0x26] = "y",
	[0x27] = "a", [0x28] = "b", [0x29] = "t", [0x2A] = "t", [0x2B] = "th",
	[0x2C] = "j", [0x2D] = "h", [0x2E] = "kh", [0x2F] = "d", [0x30] = "dh",
	[0x31] = "r", [0x32] = "z", [0x33] = "s", [0x34] = "sh", [0x35] = "s",
	[0x36] = "d", [0x37] = "t", [0x38] = "z", [0x3A] = "gh", [0x41] = "f",
	[0x42] = "q", [0x43] = "k", [0x44] = "l", [0x45] = "m", [0x46] = "n",
	[0x47] = "h", [0x48] = "w", [0x49] = "y", [0x4A] = "y", [0x4B] = "a",
	[0x4C] = "u", [0x4D] = "i", [0x4E] = "a", [0x4F] = "u", [0x50] = "i",
	[0x75] = "a", [0x76] = "w", [0x78] = "y", [0x7E] = "p", [0x86] = "ch",
	[0x98] = "j", [0x9A] = "s", [0xA4] = "v", [0xA9] = "k", [0xAD] = "ng",
	[0xAF] = "g", [0xCB] = "v", [0xCC] = "y",
};

/* The ASCII of Arabic-script word w[0..len) from S_latin into
 * ascii[0..*alen); 0 when a character is outside its range. */
static int S_table_latin(const char *w, size_t len, char *ascii, size_t cap,
                         size_t *alen)
{
	int32_t k = 0;
	size_t n = 0;
	UChar32 c;

	while ((size_t)k < len) {
		U8_NEXT(w, k, (int32_t)len, c);
		if (c >= 0x0750 && c <= 0x077F)
			continue;
		if (c < 0x0600 || c > 0x06FF)
			return 0;
		if (S_latin[c - 0x0600]) {
			size_t l = S_latin[c - 0x0600][1] ? 2 : 1; /* all 1 or 2 */
			if (n + l > cap)
				return 0;
			ascii[n++] = S_latin[c - 0x0600][0];
			if (l == 2)
				ascii[n++] = S_latin[c - 0x0600][1];
		}
	}
	*alen = n;
	return 1;
}

/* A finder's Arabic-script words and their keys, the words themselves
 * compared: a word's key costs S_latin's letters, a skeleton and a hash
 * (or ICU's transliterator), its second sight a hash and a look.  When
 * half full, or its bytes are, it starts again empty.  512 KB a finder,
 * one finder a batch worker: at 6,000 verses (10,600 distinct Persian
 * words) as fast as twice the size, at 60,000 (33,600) 6 % slower. */
#define WC_SLOTS 16384     /* a power of 2 */
#define WC_BYTES 262144

typedef struct {
	uint32_t h, key, off, len; /* len 0: empty */
} S_wslot;

typedef struct {
	S_wslot slot[WC_SLOTS];
	size_t used, nbytes;
	char bytes[WC_BYTES];
} S_wcache;

struct tumen_names {
	UTransliterator *tr; /* opened by the first word S_latin cannot read */
	int tried;           /* ... or failed to open */
	int icu_only;        /* tests: every word through ICU, no cache */
	S_wcache *wc;        /* allocated by the first Arabic-script word
	                        (NULL when out of memory: no cache) */
	int wc_tried;
};

tumen_names *tumen_names_new(void)
{
	return calloc(1, sizeof(tumen_names));
}

void tumen_names_icu_only(tumen_names *nm, int on) { nm->icu_only = on; }

/* nm's transliterator, opened on first use; NULL when ICU cannot open it. */
static UTransliterator *S_icu(tumen_names *nm)
{
	UErrorCode st = U_ZERO_ERROR;

	if (!nm->tried) {
		nm->tried = 1;
		pthread_once(&S_once, S_open_proto);
		nm->tr = S_proto ? utrans_clone(S_proto, &st) : NULL;
		if (U_FAILURE(st))
			nm->tr = NULL;
	}
	return nm->tr;
}

void tumen_names_free(tumen_names *nm)
{
	if (!nm)
		return;
	if (nm->tr)
		utrans_close(nm->tr);
	free(nm->wc);
	free(nm);
}

#define S_DROPPED                                                        \
	(1u << ('a' - 'a') | 1u << ('e' - 'a') | 1u << ('i' - 'a') |      \
	 1u << ('o' - 'a') | 1u << ('u' - 'a') | 1u << ('h' - 'a') |      \
	 1u << ('w' - 'a') | 1u << ('v' - 'a') | 1u << ('y' - 'a'))

size_t tumen_skeleton(const char *w, size_t len, char *out, size_t cap)
{
	size_t i, n = 0;

	for (i = 0; i < len && n + 2 < cap; i++) {
		char c = w[i], d;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c < 'a' || c > 'z')
			continue;
		d = i + 1 < len ? (char)(w[i + 1] | 0x20) : 0;
		if (c == 'p' && d == 'h') {
			c = 'f';
			i++;
		} else if (c == 'c' && (d == 'e' || d == 'i' || d == 'y')) {
			c = 's'; /* soft c: Facebook, UNICEF, Venice */
		} else if (c == 'c' || c == 'q') {
			c = 'k';
		} else if (c == 'z') {
			c = 's';
		}
		if (S_DROPPED >> (c - 'a') & 1) /* a e i o u h w v y */
			continue;
		if (c == 'x') {
			if (!n || out[n - 1] != 'k')
				out[n++] = 'k';
			c = 's';
		}
		if (n && out[n - 1] == c)
			continue;
		out[n++] = c;
	}
	out[n] = '\0';
	return n;
}

/* Sentence-initial capitals that are not names. */
static int S_stopword(const char *w, size_t len)
{
	static const char *stop[] = {
		"The", "This", "That", "These", "Those", "They", "Their", "There",
		"When", "While", "Where", "What", "Which", "With", "From", "After",
		"Before", "About", "Also", "Some", "Most", "Many", "Other", "Since",
		"Under", "Over", "Into", "During", "However", "Still", "Only", "Every",
	};
	size_t i;

	for (i = 0; i < sizeof stop / sizeof *stop; i++)
		if (stop[i][0] == w[0] && strlen(stop[i]) == len &&
		    !memcmp(stop[i], w, len))
			return 1;
	return 0;
}

static int S_push(uint32_t **v, size_t *n, size_t *cap, uint32_t x)
{
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 64;
		uint32_t *nv = realloc(*v, nc * sizeof *nv);
		if (!nv)
			return -1;
		*v = nv;
		*cap = nc;
	}
	(*v)[(*n)++] = x;
	return 0;
}

/* Key of a skeleton: names need at least two consonants. */
static uint32_t S_key(const char *ascii, size_t len)
{
	char sk[64] = "n:";
	size_t k = tumen_skeleton(ascii, len, sk + 2, sizeof sk - 2);

	return k >= 2 ? tumen_hash(sk, k + 2) : 0;
}

/* Words transliterated through ICU by any finder, shared by all, by hash
 * (behind each finder's own cache, S_wcache): ICU's rule-based
 * transliterators lock one global mutex per call, so threads that each
 * transliterated the same words would wait on each other. */
#define ALL_SIZE (1u << 18) /* entries of the shared cache */
static uint32_t S_all_word[ALL_SIZE], S_all_key[ALL_SIZE];
static uint8_t S_all_used[ALL_SIZE];
static pthread_rwlock_t S_all_lock = PTHREAD_RWLOCK_INITIALIZER;

static int S_all_get(uint32_t h, uint32_t slot, uint32_t *key)
{
	int hit;

	pthread_rwlock_rdlock(&S_all_lock);
	hit = S_all_used[slot] && S_all_word[slot] == h;
	if (hit)
		*key = S_all_key[slot];
	pthread_rwlock_unlock(&S_all_lock);
	return hit;
}

static void S_all_put(uint32_t h, uint32_t slot, uint32_t key)
{
	pthread_rwlock_wrlock(&S_all_lock);
	S_all_used[slot] = 1;
	S_all_word[slot] = h;
	S_all_key[slot] = key;
	pthread_rwlock_unlock(&S_all_lock);
}

/* The key of an Arabic-script word: from S_latin's letters where it reads
 * them all, else from ICU's transliteration (kept in S_all). */
static uint32_t S_arabic_compute(tumen_names *nm, const char *w, size_t len,
                                 uint32_t h)
{
	UChar buf[128];
	char ascii[256];
	int32_t ulen, lim, alen;
	size_t tlen;
	uint32_t key;
	UErrorCode st = U_ZERO_ERROR;

	if (!nm->icu_only && S_table_latin(w, len, ascii, sizeof ascii, &tlen))
		return S_key(ascii, tlen);
	if (!nm->icu_only && S_all_get(h, h % ALL_SIZE, &key))
		return key;
	if (!S_icu(nm))
		return 0;
	u_strFromUTF8(buf, 64, &ulen, w, (int32_t)len, &st);
	for (lim = 0; U_SUCCESS(st) && lim < ulen; lim++)
		if (buf[lim] == 0x0698)
			buf[lim] = 0x062C; /* ژ: English j, as in Japan, -nejad */
	lim = ulen;
	if (U_SUCCESS(st))
		utrans_transUChars(nm->tr, buf, &ulen, 128, 0, &lim, &st);
	if (U_SUCCESS(st))
		u_strToUTF8(ascii, sizeof ascii, &alen, buf, ulen, &st);
	key = U_SUCCESS(st) ? S_key(ascii, (size_t)alen) : 0;
	if (!nm->icu_only)
		S_all_put(h, h % ALL_SIZE, key);
	return key;
}

/* nm's word cache, allocated on first use; NULL when out of memory. */
static S_wcache *S_wc(tumen_names *nm)
{
	if (!nm->wc_tried) {
		nm->wc_tried = 1;
		if ((nm->wc = malloc(sizeof *nm->wc))) {
			memset(nm->wc->slot, 0, sizeof nm->wc->slot);
			nm->wc->used = nm->wc->nbytes = 0;
		}
	}
	return nm->wc;
}

/* The key of Arabic-script word w[0..len): from the finder's cache, else
 * worked out (S_arabic_compute) and kept there; words longer than a 64th
 * of the cache's bytes are not kept. */
static uint32_t S_arabic_key(tumen_names *nm, const char *w, size_t len)
{
	uint32_t h = tumen_hash(w, len), key;
	S_wcache *c = nm->icu_only ? NULL : S_wc(nm);
	size_t at;

	if (!c)
		return S_arabic_compute(nm, w, len, h);
	for (at = h & (WC_SLOTS - 1); c->slot[at].len;
	     at = (at + 1) & (WC_SLOTS - 1))
		if (c->slot[at].h == h && c->slot[at].len == len &&
		    !memcmp(c->bytes + c->slot[at].off, w, len))
			return c->slot[at].key;
	key = S_arabic_compute(nm, w, len, h);
	if (len > WC_BYTES / 64)
		return key;
	if (c->used + 1 > WC_SLOTS / 2 || c->nbytes + len > WC_BYTES) {
		memset(c->slot, 0, sizeof c->slot); /* full: start again */
		c->used = c->nbytes = 0;
		at = h & (WC_SLOTS - 1);
	}
	memcpy(c->bytes + c->nbytes, w, len);
	c->slot[at] = (S_wslot){ h, key, (uint32_t)c->nbytes, (uint32_t)len };
	c->nbytes += len;
	c->used++;
	return key;
}

static int S_arabic(UChar32 c)
{
	return (c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F) ||
	       (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF);
}

/* Reads one word at s[*i] (letters, and ZWNJ inside Arabic words, which
 * is left out of the copy); returns its script: 1 Latin, 2 Arabic, 0 none
 * (not a letter). */
static int S_word(const char *s, size_t len, size_t *i, char *w, size_t *wl,
                  size_t *letters, int *upper)
{
	UChar32 c;
	int32_t k = (int32_t)*i, prev;
	int script = 0;

	*wl = 0;
	*letters = 0;
	*upper = 0;
	while ((size_t)k < len) {
		const unsigned char b = (unsigned char)s[k];
		prev = k;
		/* one or two bytes (ASCII, Arabic script) inline; s is valid
		 * UTF-8, but U8_NEXT checks the rest */
		if (b < 0x80) {
			c = b;
			k++;
		} else if (b >= 0xC2 && b < 0xE0 && (size_t)k + 1 < len &&
		           ((unsigned char)s[k + 1] & 0xC0) == 0x80) {
			c = (UChar32)((b & 0x1Fu) << 6 | ((unsigned char)s[k + 1] & 0x3Fu));
			k += 2;
		} else {
			U8_NEXT(s, k, (int32_t)len, c);
		}
		if (c == 0x200C && script == 2)
			continue;
		if (c < 0 || !tumen_isalpha(c)) {
			if (!script)
				*i = (size_t)k;
			else
				*i = (size_t)prev;
			return script;
		}
		if (!script) {
			script = S_arabic(c) ? 2 : c < 0x250 ? 1 : 3;
			*upper = tumen_isupper(c);
		}
		if (*wl + (size_t)(k - prev) < 120) {
			/* 1 to 4 bytes, by hand: a loop becomes a call to
			 * memcpy, a tenth of the features' time */
			char *o = w + *wl;
			switch (k - prev) {
			case 4: o[3] = s[prev + 3]; /* fall through */
			case 3: o[2] = s[prev + 2]; /* fall through */
			case 2: o[1] = s[prev + 1]; /* fall through */
			default: o[0] = s[prev];
			}
			*wl += (size_t)(k - prev);
		}
		(*letters)++;
	}
	*i = len;
	return script;
}

/* Past a word that begins at s[i] in a small ASCII letter (S_word's end of
 * it: the first character that is not a letter). */
static size_t S_skip_word(const char *s, size_t len, size_t i)
{
	int32_t k = (int32_t)i, prev;
	UChar32 c;

	while ((size_t)k < len) {
		const unsigned char b = (unsigned char)s[k];
		if (b < 0x80) {
			if (!tumen_isalpha(b))
				return (size_t)k;
			k++;
			continue;
		}
		prev = k;
		U8_NEXT(s, k, (int32_t)len, c);
		if (c < 0 || !tumen_isalpha(c))
			return (size_t)prev;
	}
	return len;
}

int tumen_names_keys(tumen_names *nm, const char *s, size_t len, uint32_t **v,
                     size_t *n, size_t *cap)
{
	size_t i = 0, wl, letters;
	char w[128];
	int script, upper;

	tumen_uprop_init();
	while (i < len) {
		uint32_t key = 0;
		const unsigned char b = (unsigned char)s[i];
		/* ASCII that is not a letter, and Latin words in a small
		 * letter (a Latin name begins in a capital) give no key: passed
		 * over without S_word's copy */
		if (b < 0x80 && !tumen_isalpha(b)) {
			i++;
			continue;
		}
		if (b >= 'a' && b <= 'z') {
			i = S_skip_word(s, len, i);
			continue;
		}
		script = S_word(s, len, &i, w, &wl, &letters, &upper);
		if (script == 1 && upper && letters >= 4 && !S_stopword(w, wl))
			key = S_key(w, wl);
		else if (script == 2 && letters >= 3)
			key = S_arabic_key(nm, w, wl);
		if (key && S_push(v, n, cap, key))
			return -1;
	}
	return 0;
}
