/*
 * srx.c - SRX 2.0: the reader (Expat) and the rule engine (ICU regex).
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
 * A candidate of break rule r is a break unless a rule before r matches
 * there first, so exceptions are tested only where a break could be.
 *
 * Patterns are validated raw first, so that "a)|(?:b" is not accepted
 * just because the wrapping group balances it.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <expat.h>
#include <unicode/uregex.h>
#include <unicode/utext.h>

#include "buf.h"
#include "srx.h"

#define S_MAX_DEPTH 32
#define S_WINDOW 1024 /* bytes looked back for an unbounded beforebreak */

typedef struct S_rule {
	int brk;
	URegularExpression *find, *test, *bend, *aft;
} S_rule;

typedef struct S_lrule {
	char *name;
	size_t first, n; /* its rules: srx->rules[first .. first + n) */
} S_lrule;

typedef struct S_map {
	URegularExpression *pat; /* the whole code, case-insensitively */
	char *name;
	size_t lr;               /* index of the languagerule, once resolved */
	unsigned long line;
} S_map;

struct tumen_srx {
	int cascade;
	S_rule *rules;
	size_t nrules, caprules;
	S_lrule *lrs;
	size_t nlrs, caplrs;
	S_map *maps;
	size_t nmaps, capmaps;
};

/* Makes room for one more element in *v (n used of *cap). */
static int S_grow(void *v, size_t *cap, size_t n, size_t size)
{
	void **pv = v;
	size_t c = *cap ? *cap + *cap / 2 : 8;
	void *nv;

	if (n < *cap)
		return 0;
	if (c > (size_t)-1 / size || !(nv = realloc(*pv, c * size)))
		return -1;
	*pv = nv;
	*cap = c;
	return 0;
}

static void S_close(URegularExpression *re)
{
	if (re)
		uregex_close(re);
}

void tumen_srx_free(tumen_srx *srx)
{
	size_t i;

	if (!srx)
		return;
	for (i = 0; i < srx->nrules; i++) {
		S_close(srx->rules[i].find);
		S_close(srx->rules[i].test);
		S_close(srx->rules[i].bend);
		S_close(srx->rules[i].aft);
	}
	for (i = 0; i < srx->nlrs; i++)
		free(srx->lrs[i].name);
	for (i = 0; i < srx->nmaps; i++) {
		S_close(srx->maps[i].pat);
		free(srx->maps[i].name);
	}
	free(srx->rules);
	free(srx->lrs);
	free(srx->maps);
	free(srx);
}

/* ---- compiling ---- */

/* Compiles the concatenation of the NULL-terminated parts.  Returns NULL
 * and sets *ue on failure. */
static URegularExpression *S_regex(uint32_t flags, UErrorCode *ue, ...)
{
	tumen_buf b = TUMEN_BUF_INIT;
	UText ut = UTEXT_INITIALIZER;
	URegularExpression *re = NULL;
	const char *s;
	va_list ap;
	UParseError pe;

	va_start(ap, ue);
	while ((s = va_arg(ap, const char *)))
		if (tumen_buf_adds(&b, s))
			*ue = U_MEMORY_ALLOCATION_ERROR;
	va_end(ap);
	utext_openUTF8(&ut, b.ptr, (int64_t)b.len, ue);
	if (U_SUCCESS(*ue))
		re = uregex_openUText(&ut, flags, &pe, ue);
	utext_close(&ut);
	tumen_buf_release(&b);
	if (U_FAILURE(*ue)) {
		S_close(re);
		return NULL;
	}
	return re;
}

/* Validates pattern p on its own; 0 if it compiles (or is empty). */
static UErrorCode S_check(const char *p)
{
	UErrorCode ue = U_ZERO_ERROR;

	if (*p)
		S_close(S_regex(0, &ue, p, (char *)NULL));
	return ue;
}

/* Compiles a rule whose patterns have been validated. */
static UErrorCode S_compile(S_rule *r, const char *b, const char *a)
{
	UErrorCode ue = U_ZERO_ERROR;

	if (r->brk)
		r->find = S_regex(0, &ue, "(?:", b, ")(?=(?:", a, "))",
		                  (char *)NULL);
	if (U_FAILURE(ue))
		return ue;
	r->test = *b ? S_regex(0, &ue, "(?<=(?:", b, "))(?:", a, ")",
	                       (char *)NULL)
	             : S_regex(0, &ue, "(?:", a, ")", (char *)NULL);
	if (U_SUCCESS(ue) || ue == U_MEMORY_ALLOCATION_ERROR)
		return ue;
	ue = U_ZERO_ERROR; /* B is unbounded: look for it in a window */
	r->bend = S_regex(0, &ue, "(?:", b, ")\\z", (char *)NULL);
	if (U_SUCCESS(ue))
		r->aft = S_regex(0, &ue, "(?:", a, ")", (char *)NULL);
	return ue;
}

/* ---- the run: one language's rules on one paragraph ---- */

typedef struct S_live {
	int brk;
	URegularExpression *find, *test, *bend, *aft;
} S_live;

typedef struct S_cand {
	size_t pos, rule;
	int dec; /* the decision there, once made */
} S_cand;

struct tumen_srx_run {
	S_live *live;
	size_t n;
	UText ut;
	const char *text;
	size_t len;
	S_cand *cand;
	size_t ncand, capcand;
	size_t *out;
	size_t nout, capout;
};

/* A hostile rule such as (a+)+$ backtracks for ever on a long run of
 * "a"s: each match may take this many steps of ICU's engine (about a
 * millisecond each), then the segmentation fails with an error rather
 * than hang. */
#define REGEX_TIME_LIMIT 2000

static URegularExpression *S_clone(const URegularExpression *re,
                                   UErrorCode *ue)
{
	URegularExpression *c;

	if (!re || U_FAILURE(*ue))
		return NULL;
	c = uregex_clone(re, ue);
	if (c)
		uregex_setTimeLimit(c, REGEX_TIME_LIMIT, ue);
	return c;
}

static tumen_status S_add_live(tumen_srx_run *run, const S_rule *r)
{
	UErrorCode ue = U_ZERO_ERROR;
	S_live *l;
	size_t cap = run->n;

	/* run->live grows one by one: a run is built once per document */
	l = realloc(run->live, (cap + 1) * sizeof *l);
	if (!l)
		return TUMEN_ENOMEM;
	run->live = l;
	l += run->n++;
	l->brk = r->brk;
	l->find = S_clone(r->find, &ue);
	l->test = S_clone(r->test, &ue);
	l->bend = S_clone(r->bend, &ue);
	l->aft = S_clone(r->aft, &ue);
	return U_SUCCESS(ue) ? TUMEN_OK : TUMEN_EICU;
}

/* Whether map m's languagepattern matches all of `lang`. */
static int S_map_matches(const S_map *m, const char *lang, UErrorCode *ue)
{
	UText ut = UTEXT_INITIALIZER;
	URegularExpression *re = uregex_clone(m->pat, ue);
	int yes = 0;

	utext_openUTF8(&ut, lang, -1, ue);
	if (re && U_SUCCESS(*ue)) {
		uregex_setUText(re, &ut, ue);
		yes = uregex_matches64(re, -1, ue);
	}
	S_close(re);
	utext_close(&ut);
	return U_SUCCESS(*ue) && yes;
}

static tumen_status S_pick(const tumen_srx *srx, const char *lang,
                           tumen_srx_run *run)
{
	UErrorCode ue = U_ZERO_ERROR;
	tumen_status st;
	size_t i, j;

	for (i = 0; i < srx->nmaps; i++) {
		const S_lrule *lr = &srx->lrs[srx->maps[i].lr];

		if (!S_map_matches(&srx->maps[i], lang, &ue)) {
			if (U_FAILURE(ue))
				return TUMEN_EICU;
			continue;
		}
		for (j = 0; j < lr->n; j++)
			if ((st = S_add_live(run, &srx->rules[lr->first + j])))
				return st;
		if (!srx->cascade)
			break;
	}
	return TUMEN_OK;
}

void tumen_srx_run_free(tumen_srx_run *run)
{
	size_t i;

	if (!run)
		return;
	for (i = 0; i < run->n; i++) {
		S_close(run->live[i].find);
		S_close(run->live[i].test);
		S_close(run->live[i].bend);
		S_close(run->live[i].aft);
	}
	utext_close(&run->ut);
	free(run->live);
	free(run->cand);
	free(run->out);
	free(run);
}

static tumen_status S_icu_fail(tumen_error *err, UErrorCode ue)
{
	if (err) {
		tumen_error_clear(err);
		err->code = TUMEN_EICU;
		if (ue == U_REGEX_TIME_OUT || ue == U_REGEX_STACK_OVERFLOW)
			snprintf(err->msg, sizeof err->msg, "cannot apply SRX rules: "
			         "a pattern takes too long on this text (%s)",
			         u_errorName(ue));
		else
			snprintf(err->msg, sizeof err->msg,
			         "cannot apply SRX rules: %s", u_errorName(ue));
	}
	return TUMEN_EICU;
}

tumen_status tumen_srx_run_new(const tumen_srx *srx, const char *lang,
                               tumen_srx_run **out, tumen_error *err)
{
	UText ut0 = UTEXT_INITIALIZER;
	tumen_srx_run *run = calloc(1, sizeof *run);
	tumen_status st;

	*out = NULL;
	if (!run)
		return TUMEN_ENOMEM;
	run->ut = ut0;
	st = S_pick(srx, lang ? lang : "en", run);
	if (st) {
		tumen_srx_run_free(run);
		return st == TUMEN_EICU ? S_icu_fail(err, U_REGEX_INTERNAL_ERROR)
		                        : st;
	}
	*out = run;
	return TUMEN_OK;
}

size_t tumen_srx_run_rules(const tumen_srx_run *run)
{
	return run->n;
}

static void S_target(URegularExpression *re, UText *ut, int anchor,
                     UErrorCode *ue)
{
	if (!re)
		return;
	uregex_setUText(re, ut, ue);
	uregex_useTransparentBounds(re, 1, ue);
	uregex_useAnchoringBounds(re, anchor, ue);
}

tumen_status tumen_srx_run_text(tumen_srx_run *run, const char *text,
                                size_t len, tumen_error *err)
{
	UErrorCode ue = U_ZERO_ERROR;
	size_t i;

	utext_openUTF8(&run->ut, text ? text : "", (int64_t)len, &ue);
	run->ncand = 0;
	run->text = text ? text : "";
	run->len = len;
	for (i = 0; i < run->n && U_SUCCESS(ue); i++) {
		S_target(run->live[i].find, &run->ut, 0, &ue);
		S_target(run->live[i].test, &run->ut, 0, &ue);
		S_target(run->live[i].bend, &run->ut, 1, &ue);
		S_target(run->live[i].aft, &run->ut, 0, &ue);
	}
	return U_SUCCESS(ue) ? TUMEN_OK : S_icu_fail(err, ue);
}

/* Whether rule l matches at pos: B ends there and A starts there. */
static int S_match_at(tumen_srx_run *run, S_live *l, size_t pos,
                      UErrorCode *ue)
{
	size_t from;
	const char *p = run->text;

	if (l->test) {
		uregex_setRegion64(l->test, (int64_t)pos, (int64_t)run->len, ue);
		return uregex_lookingAt64(l->test, -1, ue);
	}
	uregex_setRegion64(l->aft, (int64_t)pos, (int64_t)run->len, ue);
	if (!uregex_lookingAt64(l->aft, -1, ue))
		return 0;
	from = pos > S_WINDOW ? pos - S_WINDOW : 0;
	while (from < pos && ((unsigned char)p[from] & 0xC0) == 0x80)
		from++;
	uregex_setRegion64(l->bend, (int64_t)from, (int64_t)pos, ue);
	return uregex_findNext(l->bend, ue);
}

/* The decision made by tumen_srx_run_breaks() at pos, or -2. */
static int S_cached(const tumen_srx_run *run, size_t pos)
{
	size_t lo = 0, hi = run->ncand, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (run->cand[mid].pos < pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < run->ncand && run->cand[lo].pos == pos ? run->cand[lo].dec
	                                                   : -2;
}

int tumen_srx_run_decide(tumen_srx_run *run, size_t pos)
{
	UErrorCode ue = U_ZERO_ERROR;
	size_t i;
	int d = S_cached(run, pos);

	if (d > -2)
		return d;
	for (i = 0; i < run->n; i++)
		if (S_match_at(run, &run->live[i], pos, &ue))
			return run->live[i].brk;
	return -1;
}

/* Collects the candidates of break rule i: ends of its find matches. */
static tumen_status S_candidates(tumen_srx_run *run, size_t i,
                                 UErrorCode *ue)
{
	URegularExpression *re = run->live[i].find;
	int64_t e;

	uregex_reset64(re, 0, ue);
	while (U_SUCCESS(*ue) && uregex_findNext(re, ue)) {
		e = uregex_end64(re, 0, ue);
		if (e <= 0 || (size_t)e >= run->len)
			continue;
		if (S_grow(&run->cand, &run->capcand, run->ncand,
		           sizeof *run->cand))
			return TUMEN_ENOMEM;
		run->cand[run->ncand].pos = (size_t)e;
		run->cand[run->ncand++].rule = i;
	}
	return TUMEN_OK;
}

static int S_cmp_cand(const void *a, const void *b)
{
	const S_cand *x = a, *y = b;

	if (x->pos != y->pos)
		return x->pos < y->pos ? -1 : 1;
	return x->rule < y->rule ? -1 : x->rule > y->rule;
}

/* Whether the first rule matching at c->pos breaks; only rules before
 * c->rule can speak first, and c->rule itself matches. */
static int S_breaks_at(tumen_srx_run *run, const S_cand *c, UErrorCode *ue)
{
	size_t q;

	for (q = 0; q < c->rule; q++)
		if (S_match_at(run, &run->live[q], c->pos, ue))
			return run->live[q].brk;
	return 1;
}

tumen_status tumen_srx_run_breaks(tumen_srx_run *run, const size_t **v,
                                  size_t *n, tumen_error *err)
{
	UErrorCode ue = U_ZERO_ERROR;
	tumen_status st;
	size_t i;

	run->ncand = run->nout = 0;
	for (i = 0; i < run->n; i++)
		if (run->live[i].brk && (st = S_candidates(run, i, &ue)))
			return st;
	if (run->ncand > 1)
		qsort(run->cand, run->ncand, sizeof *run->cand, S_cmp_cand);
	for (i = 0; i < run->ncand && U_SUCCESS(ue); i++) {
		if (i && run->cand[i].pos == run->cand[i - 1].pos) {
			run->cand[i].dec = run->cand[i - 1].dec;
			continue; /* the first (lowest) rule decided */
		}
		run->cand[i].dec = S_breaks_at(run, &run->cand[i], &ue);
		if (!run->cand[i].dec)
			continue;
		if (S_grow(&run->out, &run->capout, run->nout, sizeof *run->out))
			return TUMEN_ENOMEM;
		run->out[run->nout++] = run->cand[i].pos;
	}
	if (U_FAILURE(ue))
		return S_icu_fail(err, ue);
	*v = run->out;
	*n = run->nout;
	return TUMEN_OK;
}

/* ---- public helpers over a run ---- */

size_t tumen_srx_rule_count(const tumen_srx *srx, const char *lang)
{
	tumen_srx_run *run;
	size_t n;

	if (!srx || tumen_srx_run_new(srx, lang, &run, NULL))
		return 0;
	n = run->n;
	tumen_srx_run_free(run);
	return n;
}

tumen_status tumen_srx_split(const tumen_srx *srx, const char *lang,
                             const char *text, size_t len, size_t **breaks,
                             size_t *n, tumen_error *err)
{
	tumen_srx_run *run = NULL;
	const size_t *v;
	tumen_status st;

	*breaks = NULL;
	*n = 0;
	if (!srx || (!text && len) || len > INT32_MAX)
		return TUMEN_EINVAL;
	st = tumen_srx_run_new(srx, lang, &run, err);
	if (!st)
		st = tumen_srx_run_text(run, text, len, err);
	if (!st)
		st = tumen_srx_run_breaks(run, &v, n, err);
	if (!st && *n) {
		*breaks = malloc(*n * sizeof **breaks);
		if (*breaks)
			memcpy(*breaks, v, *n * sizeof **breaks);
		else
			st = TUMEN_ENOMEM;
	}
	if (st)
		*n = 0;
	tumen_srx_run_free(run);
	return st;
}

/* ---- the reader ---- */

enum S_elem {
	E_NONE, E_SRX, E_HEADER, E_FORMAT, E_BODY, E_LRULES, E_LRULE, E_RULE,
	E_BEFORE, E_AFTER, E_MAPRULES, E_MAPRULE, E_LMAP, E_FOREIGN
};

/* Each element and where it may appear (SRX 1.0's <maprule> too). */
static const struct {
	const char *name;
	enum S_elem id, in, in2;
} S_elems[] = {
	{ "srx", E_SRX, E_NONE, E_NONE },
	{ "header", E_HEADER, E_SRX, E_SRX },
	{ "formathandle", E_FORMAT, E_HEADER, E_HEADER },
	{ "body", E_BODY, E_SRX, E_SRX },
	{ "languagerules", E_LRULES, E_BODY, E_BODY },
	{ "languagerule", E_LRULE, E_LRULES, E_LRULES },
	{ "rule", E_RULE, E_LRULE, E_LRULE },
	{ "beforebreak", E_BEFORE, E_RULE, E_RULE },
	{ "afterbreak", E_AFTER, E_RULE, E_RULE },
	{ "maprules", E_MAPRULES, E_BODY, E_BODY },
	{ "maprule", E_MAPRULE, E_MAPRULES, E_MAPRULES },
	{ "languagemap", E_LMAP, E_MAPRULES, E_MAPRULE },
};

typedef struct S_parse {
	XML_Parser xp;
	tumen_srx *srx;
	tumen_error *err;
	tumen_status st;
	enum S_elem stack[S_MAX_DEPTH];
	const char *names[S_MAX_DEPTH];
	int depth;
	int brk;
	tumen_buf pat[2];          /* beforebreak, afterbreak */
	unsigned long patline[2];
} S_parse;

/* Records the first error at the current line and stops Expat. */
static void S_bad(S_parse *ps, tumen_status st, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void S_bad(S_parse *ps, tumen_status st, const char *fmt, ...)
{
	va_list ap;

	if (ps->st)
		return;
	ps->st = st;
	if (ps->err) {
		ps->err->code = st;
		ps->err->line = XML_GetCurrentLineNumber(ps->xp);
		va_start(ap, fmt);
		vsnprintf(ps->err->msg, sizeof ps->err->msg, fmt, ap);
		va_end(ap);
	}
	XML_StopParser(ps->xp, XML_FALSE);
}

/* The element's local name if it is SRX's (no namespace or LISA's SRX
 * namespace), else NULL: Expat gives "URI|local" for namespaced names. */
static const char *S_local(const char *name)
{
	const char *bar = strchr(name, '|');

	if (!bar)
		return name;
	return strncmp(name, "http://www.lisa.org/srx", 23) ? NULL : bar + 1;
}

static const char *S_attr(const char **atts, const char *name)
{
	for (; atts[0]; atts += 2)
		if (!strcmp(atts[0], name))
			return atts[1];
	return NULL;
}

/* A yes/no attribute: 1, 0, `dflt` when absent, -1 (error reported). */
static int S_yesno(S_parse *ps, const char **atts, const char *name,
                   int dflt)
{
	const char *v = S_attr(atts, name);

	if (!v)
		return dflt;
	if (!strcmp(v, "yes"))
		return 1;
	if (!strcmp(v, "no"))
		return 0;
	S_bad(ps, TUMEN_EFORMAT, "invalid %s value '%s' (yes or no)", name, v);
	return -1;
}

static const char *S_need(S_parse *ps, const char **atts, const char *el,
                          const char *name)
{
	const char *v = S_attr(atts, name);

	if (!v)
		S_bad(ps, TUMEN_EFORMAT, "missing attribute '%s' on '%s'", name,
		      el);
	return v;
}

static void S_start_lrule(S_parse *ps, const char **atts)
{
	tumen_srx *srx = ps->srx;
	const char *name = S_need(ps, atts, "languagerule", "languagerulename");
	size_t i;

	if (!name)
		return;
	for (i = 0; i < srx->nlrs; i++)
		if (!strcmp(srx->lrs[i].name, name))
			return S_bad(ps, TUMEN_EFORMAT,
			             "duplicate languagerule '%s'", name);
	if (S_grow(&srx->lrs, &srx->caplrs, srx->nlrs, sizeof *srx->lrs) ||
	    !(srx->lrs[srx->nlrs].name = strdup(name)))
		return S_bad(ps, TUMEN_ENOMEM, "out of memory");
	srx->lrs[srx->nlrs].first = srx->nrules;
	srx->lrs[srx->nlrs++].n = 0;
}

static void S_start_lmap(S_parse *ps, const char **atts)
{
	tumen_srx *srx = ps->srx;
	const char *pat = S_need(ps, atts, "languagemap", "languagepattern");
	const char *name = S_need(ps, atts, "languagemap", "languagerulename");
	UErrorCode ue = U_ZERO_ERROR;
	S_map *m;

	if (!pat || !name)
		return;
	if (S_grow(&srx->maps, &srx->capmaps, srx->nmaps, sizeof *srx->maps))
		return S_bad(ps, TUMEN_ENOMEM, "out of memory");
	m = &srx->maps[srx->nmaps];
	memset(m, 0, sizeof *m);
	m->line = XML_GetCurrentLineNumber(ps->xp);
	if ((ue = S_check(pat)) == U_ZERO_ERROR)
		m->pat = S_regex(UREGEX_CASE_INSENSITIVE, &ue, pat, (char *)NULL);
	if (U_FAILURE(ue))
		return S_bad(ps, TUMEN_EFORMAT,
		             "invalid languagepattern '%s': %s", pat,
		             u_errorName(ue));
	srx->nmaps++;
	if (!(m->name = strdup(name)))
		S_bad(ps, TUMEN_ENOMEM, "out of memory");
}

/* Starts element `id` (its place already checked). */
static void S_open_elem(S_parse *ps, enum S_elem id, const char **atts)
{
	const char *v;

	switch (id) {
	case E_SRX:
		v = S_attr(atts, "version");
		if (v && strcmp(v, "2.0") && strcmp(v, "1.0"))
			S_bad(ps, TUMEN_EFORMAT,
			      "unsupported SRX version '%s'", v);
		break;
	case E_HEADER:
		ps->srx->cascade = S_yesno(ps, atts, "cascade", 0);
		S_yesno(ps, atts, "segmentsubflows", 1);
		break;
	case E_LRULE: S_start_lrule(ps, atts); break;
	case E_RULE:
		ps->brk = S_yesno(ps, atts, "break", 1);
		tumen_buf_reset(&ps->pat[0]);
		tumen_buf_reset(&ps->pat[1]);
		ps->patline[0] = ps->patline[1] = 0;
		break;
	case E_BEFORE:
	case E_AFTER:
		ps->patline[id == E_AFTER] = XML_GetCurrentLineNumber(ps->xp);
		tumen_buf_reset(&ps->pat[id == E_AFTER]);
		break;
	case E_LMAP: S_start_lmap(ps, atts); break;
	default: break;
	}
}

static enum S_elem S_lookup(S_parse *ps, const char *name)
{
	enum S_elem up = ps->depth ? ps->stack[ps->depth - 1] : E_NONE;
	const char *local = S_local(name);
	size_t i;

	if (up == E_FOREIGN || (!local && ps->depth))
		return E_FOREIGN;
	for (i = 0; local && i < sizeof S_elems / sizeof *S_elems; i++) {
		if (strcmp(local, S_elems[i].name))
			continue;
		if (S_elems[i].in == up || S_elems[i].in2 == up)
			return S_elems[i].id;
		break;
	}
	if (!ps->depth)
		S_bad(ps, TUMEN_EFORMAT, "root element is '%s', expected 'srx'",
		      local ? local : name);
	else
		S_bad(ps, TUMEN_EFORMAT, "unexpected element '%s' in '%s'",
		      local, ps->names[ps->depth - 1]);
	return E_NONE;
}

static void XMLCALL S_start(void *ud, const char *name, const char **atts)
{
	S_parse *ps = ud;
	enum S_elem id;
	size_t i;

	if (ps->st)
		return;
	if (ps->depth == S_MAX_DEPTH)
		return S_bad(ps, TUMEN_EFORMAT, "elements nested too deeply");
	if ((id = S_lookup(ps, name)) == E_NONE)
		return;
	ps->stack[ps->depth] = id;
	ps->names[ps->depth] = "?";
	for (i = 0; i < sizeof S_elems / sizeof *S_elems; i++)
		if (S_elems[i].id == id)
			ps->names[ps->depth] = S_elems[i].name;
	ps->depth++;
	S_open_elem(ps, id, atts);
}

static void S_end_rule(S_parse *ps)
{
	tumen_srx *srx = ps->srx;
	S_rule *r;
	UErrorCode ue;
	int i;

	for (i = 0; i < 2; i++) {
		if ((ue = S_check(ps->pat[i].ptr)) == U_ZERO_ERROR)
			continue;
		S_bad(ps, TUMEN_EFORMAT, "invalid %s pattern '%.120s': %s",
		      i ? "afterbreak" : "beforebreak", ps->pat[i].ptr,
		      u_errorName(ue));
		if (ps->err)
			ps->err->line = ps->patline[i];
		return;
	}
	if (S_grow(&srx->rules, &srx->caprules, srx->nrules, sizeof *r))
		return S_bad(ps, TUMEN_ENOMEM, "out of memory");
	r = &srx->rules[srx->nrules++];
	memset(r, 0, sizeof *r);
	r->brk = ps->brk;
	ue = S_compile(r, ps->pat[0].ptr, ps->pat[1].ptr);
	if (U_FAILURE(ue))
		S_bad(ps, ue == U_MEMORY_ALLOCATION_ERROR ? TUMEN_ENOMEM
		                                          : TUMEN_EICU,
		      "cannot compile rule: %s", u_errorName(ue));
	srx->lrs[srx->nlrs - 1].n++;
}

static void XMLCALL S_end(void *ud, const char *name)
{
	S_parse *ps = ud;

	(void)name;
	if (ps->st || !ps->depth)
		return;
	if (ps->stack[--ps->depth] == E_RULE)
		S_end_rule(ps);
}

static void XMLCALL S_text(void *ud, const char *s, int len)
{
	S_parse *ps = ud;
	enum S_elem id = ps->depth ? ps->stack[ps->depth - 1] : E_NONE;
	int i;

	if (ps->st || id == E_FOREIGN)
		return;
	if (id == E_BEFORE || id == E_AFTER) {
		if (tumen_buf_add(&ps->pat[id == E_AFTER], s, (size_t)len))
			S_bad(ps, TUMEN_ENOMEM, "out of memory");
		return;
	}
	for (i = 0; i < len; i++)
		if (!strchr(" \t\r\n", s[i]))
			return S_bad(ps, TUMEN_EFORMAT, "unexpected text in '%s'",
			             ps->names[ps->depth - 1]);
}

static void XMLCALL S_entity(void *ud, const char *name, int is_param,
                             const char *value, int value_len,
                             const char *base, const char *system_id,
                             const char *public_id, const char *notation)
{
	(void)is_param, (void)value, (void)value_len, (void)base;
	(void)system_id, (void)public_id, (void)notation;
	S_bad(ud, TUMEN_EFORMAT, "entity declarations are not allowed ('%s')",
	      name);
}

static void XMLCALL S_skipped(void *ud, const char *name, int is_param)
{
	(void)is_param;
	S_bad(ud, TUMEN_EFORMAT, "undefined entity '%s'", name);
}

/* Resolves each map's languagerulename once the whole file is read. */
static void S_resolve(S_parse *ps)
{
	tumen_srx *srx = ps->srx;
	size_t i, j;

	for (i = 0; i < srx->nmaps && !ps->st; i++) {
		for (j = 0; j < srx->nlrs; j++)
			if (!strcmp(srx->lrs[j].name, srx->maps[i].name))
				break;
		srx->maps[i].lr = j;
		if (j < srx->nlrs)
			continue;
		ps->st = TUMEN_EFORMAT;
		if (ps->err) {
			ps->err->code = TUMEN_EFORMAT;
			ps->err->line = srx->maps[i].line;
			snprintf(ps->err->msg, sizeof ps->err->msg,
			         "languagemap names unknown languagerule '%s'",
			         srx->maps[i].name);
		}
	}
}

static void S_feed(S_parse *ps, const char *data, size_t len, size_t chunk)
{
	size_t off = 0, n;

	if (!chunk)
		chunk = len ? len : 1;
	do {
		n = len - off < chunk ? len - off : chunk;
		if (n > INT32_MAX)
			n = INT32_MAX;
		if (XML_Parse(ps->xp, data + off, (int)n, off + n == len) ==
		    XML_STATUS_ERROR && !ps->st)
			S_bad(ps, TUMEN_EFORMAT, "%s",
			      XML_ErrorString(XML_GetErrorCode(ps->xp)));
		off += n;
	} while (off < len && !ps->st);
}

tumen_status tumen_srx_parse_chunked(const char *data, size_t len,
                                     size_t chunk, tumen_srx **out,
                                     tumen_error *err)
{
	S_parse ps;

	*out = NULL;
	tumen_error_clear(err);
	if (!data && len)
		return TUMEN_EINVAL;
	memset(&ps, 0, sizeof ps);
	ps.err = err;
	tumen_buf_init(&ps.pat[0]);
	tumen_buf_init(&ps.pat[1]);
	ps.srx = calloc(1, sizeof *ps.srx);
	ps.xp = XML_ParserCreateNS("UTF-8", '|');
	if (!ps.srx || !ps.xp) {
		ps.st = TUMEN_ENOMEM;
	} else {
		XML_SetUserData(ps.xp, &ps);
		XML_SetElementHandler(ps.xp, S_start, S_end);
		XML_SetCharacterDataHandler(ps.xp, S_text);
		XML_SetEntityDeclHandler(ps.xp, S_entity);
		XML_SetSkippedEntityHandler(ps.xp, S_skipped);
		XML_SetParamEntityParsing(ps.xp, XML_PARAM_ENTITY_PARSING_NEVER);
		S_feed(&ps, data ? data : "", len, chunk);
		S_resolve(&ps);
	}
	if (ps.xp)
		XML_ParserFree(ps.xp);
	tumen_buf_release(&ps.pat[0]);
	tumen_buf_release(&ps.pat[1]);
	if (ps.st) {
		tumen_srx_free(ps.srx);
		return ps.st;
	}
	*out = ps.srx;
	return TUMEN_OK;
}

tumen_status tumen_srx_parse(const char *data, size_t len, tumen_srx **out,
                             tumen_error *err)
{
	return tumen_srx_parse_chunked(data, len, 0, out, err);
}

tumen_status tumen_srx_default(tumen_srx **out, tumen_error *err)
{
	return tumen_srx_parse(tumen_srx_default_data, tumen_srx_default_size,
	                       out, err);
}
