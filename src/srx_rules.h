/*
 * srx_rules.h - compiled SRX rules (private), built by the reader in
 * srx_parse.c and applied by the runs in srx.c.
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

#include <stddef.h>
#include <stdint.h>
#include <unicode/uregex.h>
#include <unicode/uset.h>
#include <tumen/srx.h>

/* A set of code points, quick to test (srx_scan.c). */
typedef struct tumen_srx_cpset {
	uint64_t bmp[0x10000 / 64]; /* U+0000..U+FFFF */
	int astral;                 /* any member above U+FFFF */
	USet *rest;                 /* the whole set, when astral (if NULL,
	                               any astral code point is in) */
} tumen_srx_cpset;

typedef struct tumen_srx_rule {
	int brk;
	URegularExpression *find, *test, *bend, *aft; /* NULL: not compiled
	                                                  that way */
	/* What must stand next to a position for the rule to match there,
	 * NULL if anything may: the last character of a beforebreak match
	 * and the first of an afterbreak match (srx_scan.c). */
	tumen_srx_cpset *before, *after;
} tumen_srx_rule;

typedef struct tumen_srx_lrule {
	char *name;
	size_t first, n; /* its rules: srx->rules[first .. first + n) */
} tumen_srx_lrule;

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
};

/* Makes room for one more element in the array *v (a pointer to the
 * array pointer) of elements of `size` bytes, n used of *cap: grows it by
 * half when full.  Returns 0, or -1 when out of memory (*v unchanged). */
int tumen_srx_grow(void *v, size_t *cap, size_t n, size_t size);

/* The code points that can end (last) or begin (!last) a match of
 * ICU regex `pat`, over-approximated; NULL when that is anything, when
 * the pattern can match the empty string, when it uses a construct not
 * read here, or when out of memory.  Free with tumen_srx_cpset_free(). */
tumen_srx_cpset *tumen_srx_edge(const char *pat, int last);

void tumen_srx_cpset_free(tumen_srx_cpset *s);

/* Whether c (negative: an invalid sequence, read as U+FFFD) is in s. */
int tumen_srx_cpset_has(const tumen_srx_cpset *s, UChar32 c);

/* uregex_close() that takes NULL. */
void tumen_srx_regex_close(URegularExpression *re);

#endif
