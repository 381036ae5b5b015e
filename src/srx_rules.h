/*
 * srx_rules.h - compiled SRX rules and their runs (private), built by the
 * reader in srx_parse.c and applied by the runs of srx.c and srx_match.c.
 *
 * Each rule is compiled up to four ways, because ICU cannot look behind
 * an unbounded pattern and scanning every position with every rule would
 * cost rules x length:
 *   find  (?:B)(?=(?:A))    break rules only: one uregex_findNext() pass
 *                           over the paragraph yields its candidates;
 *   test  (?<=(?:B))(?:A)   lookingAt() at a position says whether the
 *                           rule matches there, in time bounded by |B|;
 *   bend  (?:B)\z, aft (?:A)   the same when B is unbounded: B is looked
 *                           for in a window ending at the position.
 */
#ifndef TUMEN_SRX_RULES_H
#define TUMEN_SRX_RULES_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <unicode/uregex.h>
#include <unicode/uset.h>
#include <tumen/srx.h>

#include "bytescan.h"

/* A set of code points, quick to test (srx_scan.c). */
typedef struct tumen_srx_cpset {
	uint64_t bmp[0x10000 / 64]; /* U+0000..U+FFFF */
	int astral;                 /* any member above U+FFFF */
	USet *rest;                 /* the whole set, when astral (if NULL,
	                               any astral code point is in) */
} tumen_srx_cpset;

/* The strings a pattern can match, when few (srx_lits.c): UTF-8 bytes,
 * but 0xFF then k stands for one character of sets[k] (k = 0xFD: any),
 * and 0xFE at the start for the start of the text. */
typedef struct tumen_srx_lits {
	size_t n;
	const char **s;
	size_t *len;
	unsigned char *plain; /* string i is bytes alone (no set, no start) */
	tumen_srx_cpset **sets;
	int nsets;
	int quick; /* last2 applies (every string ends in a literal byte) */
	uint64_t last2[0x10000 / 64]; /* the last two bytes of each string
	                                 (where the one before the last is not
	                                 a literal byte: any, then the last) */
} tumen_srx_lits;

/* The strings of ICU regex `pat`, a superset of what it matches; ^ and
 * \A the start of the text when `start` is set (a lookbehind sees the
 * whole text; in the window of an unbounded beforebreak they match at the
 * window's start, and are read as nothing).  NULL when the pattern uses
 * what srx_lits.c does not read, when it can match the empty string, when
 * there are too many, or when out of memory.  Free with
 * tumen_srx_lits_free(). */
tumen_srx_lits *tumen_srx_lits_read(const char *pat, int start);

void tumen_srx_lits_free(tumen_srx_lits *l);

/* Whether text[0..pos) (valid UTF-8) ends in one of l's strings. */
int tumen_srx_lits_end(const tumen_srx_lits *l, const char *text, size_t pos);

typedef struct tumen_srx_rule {
	int brk;
	URegularExpression *find, *test, *bend, *aft; /* NULL: not compiled
	                                                  that way */
	/* What must stand next to a position for the rule to match there,
	 * NULL if anything may: the last character of a beforebreak match
	 * and the first of an afterbreak match (srx_scan.c). */
	tumen_srx_cpset *before, *after;
	tumen_srx_cpset *alpha; /* with bend: what B's matches are made of */
	tumen_srx_lits *lits;   /* what B's matches can be, or NULL */
	char *b, *a; /* its patterns, until compiled (deferred rules) */
} tumen_srx_rule;

typedef struct tumen_srx_lrule {
	char *name;
	size_t first, n; /* its rules: srx->rules[first .. first + n) */
} tumen_srx_lrule;

/* The built-in rules are compiled a languagerule at a time when first
 * used (tumen_srx_lr_ready), not when read: a process that aligns English
 * with Persian compiles each language's on the thread that segments it,
 * and one that segments English alone never compiles the Persian.  A
 * languagerule's state, allocated once the reading is done (a mutex
 * must not move). */
typedef struct tumen_srx_defer {
	pthread_mutex_t mu;
	atomic_int ready; /* its rules are compiled */
} tumen_srx_defer;

typedef struct tumen_srx_map {
	URegularExpression *pat; /* the whole code, case-insensitively */
	char *name;
	size_t lr;               /* index of the languagerule, once resolved */
	unsigned long line;
} tumen_srx_map;

struct tumen_srx {
	int cascade;
	int unfiltered; /* tumen_srx_set_filter(srx, 0) */
	tumen_srx_rule *rules;
	size_t nrules, caprules;
	tumen_srx_lrule *lrs;
	size_t nlrs, caplrs;
	tumen_srx_map *maps;
	size_t nmaps, capmaps;
	tumen_srx_defer *defer; /* by languagerule; NULL: all compiled */
};

/* Frees what rule r was compiled into (its regexes, the characters and
 * strings read off its patterns), leaving it as read; its patterns stay. */
void tumen_srx_rule_clear(tumen_srx_rule *r);

/* Compiles languagerule lr's rules if they are deferred and not compiled
 * yet (thread-safe); TUMEN_OK, or why not (nothing is kept then). */
tumen_status tumen_srx_lr_ready(const tumen_srx *srx, size_t lr);

/* Makes room for one more element in the array *v (a pointer to the
 * array pointer) of elements of `size` bytes, n used of *cap: grows it by
 * half when full.  Returns 0, or -1 when out of memory (*v unchanged). */
int tumen_srx_grow(void *v, size_t *cap, size_t n, size_t size);

/* Which characters tumen_srx_edge() reads off a pattern. */
enum {
	TUMEN_SRX_FIRST, /* those that can begin a match */
	TUMEN_SRX_LAST,  /* those that can end a match */
	TUMEN_SRX_ALL    /* those a match can be made of */
};

/* The code points of ICU regex `pat` that `which` says, over-approximated;
 * NULL when that is anything, when the pattern uses a construct not read
 * here, or when out of memory; for FIRST and LAST also when the pattern
 * can match the empty string, for ALL when it is anchored (^, \A, \G).
 * Free with tumen_srx_cpset_free(). */
tumen_srx_cpset *tumen_srx_edge(const char *pat, int which);

void tumen_srx_cpset_free(tumen_srx_cpset *s);

/* When pat starts with a class, a property or another escape standing
 * for characters, or '.': 1, *end after it (quantifiers not included),
 * *set the characters it matches (over-approximated; NULL: any; set
 * NULL: the end alone is wanted); else, or when out of memory, 0. */
int tumen_srx_class_atom(const char *pat, const char **end,
                         tumen_srx_cpset **set);

/* Whether c (negative: an invalid sequence, read as U+FFFD) is in s. */
static inline int tumen_srx_cpset_has(const tumen_srx_cpset *s, UChar32 c)
{
	if (c < 0)
		c = 0xFFFD;
	if (c < 0x10000)
		return (int)(s->bmp[c >> 6] >> (c & 63) & 1);
	return s->rest ? uset_contains(s->rest, c) : s->astral;
}

/* ---- runs (srx.c makes them, srx_match.c applies them) ---- */

#define TUMEN_SRX_WINDOW 1024 /* bytes looked back for an unbounded
                                 beforebreak */

/* A rule of a run: its own clones of the regexes. */
typedef struct tumen_srx_live {
	int brk;
	URegularExpression *find, *test, *bend, *aft;
	const tumen_srx_cpset *before, *after; /* NULL when unfiltered */
	const tumen_srx_cpset *alpha;          /* NULL when unfiltered */
	const tumen_srx_lits *lits;            /* NULL when unfiltered */
} tumen_srx_live;

/* A candidate break: where, and the break rule known to match there
 * (or (size_t)-1). */
typedef struct tumen_srx_cand {
	size_t pos, rule;
	int32_t at16; /* pos in the UTF-16 copy */
	int dec; /* the decision there, once made */
} tumen_srx_cand;

/* One language's rules on one paragraph at a time. */
struct tumen_srx_run {
	tumen_srx_live *live;
	size_t n;
	tumen_srx_cpset *ends; /* the union of the break rules' `before`, */
	tumen_srx_cpset *starts; /* and of the `after` of those without;
	                          each NULL if no break rule adds to it */
	int every;             /* unfiltered: every position a candidate */
	tumen_bytes endlast;   /* the bytes that can end a character of ends
	                          in UTF-8 */
	const char *text;      /* the paragraph, UTF-8 ... */
	int valid;             /* ... well-formed (else S_utf16 substituted), */
	size_t len;
	UChar *u16;            /* ... and as ICU's regexes see it, in UTF-16 */
	int32_t n16, cap16;
	size_t cur8;           /* a position in both: text[cur8] is */
	int32_t cur16;         /* u16[cur16] */
	tumen_srx_cand *cand;
	size_t ncand, capcand;
	size_t *out;
	size_t nout, capout;
};

/* Fills err (may be NULL) for ICU's failure ue; returns TUMEN_EICU. */
tumen_status tumen_srx_icu_fail(tumen_error *err, UErrorCode ue);

/* uregex_close() that takes NULL. */
void tumen_srx_regex_close(URegularExpression *re);

#endif
