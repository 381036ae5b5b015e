/*
 * srx_parse.c - reading SRX 2.0 (and 1.0) with Expat into compiled rules:
 * elements checked against where they may stand, each rule's patterns
 * validated raw and then compiled the ways srx_rules.h describes, each
 * languagemap resolved to its languagerule.
 *
 * Patterns are validated raw first, so that "a)|(?:b" is not accepted
 * just because the wrapping group balances it.
 */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <expat.h>
#include <unicode/uregex.h>
#include <unicode/utext.h>

#include "buf.h"
#include "srx.h"
#include "srx_rules.h"

#define S_MAX_DEPTH 32

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
		tumen_srx_regex_close(re);
		return NULL;
	}
	return re;
}

/* Validates pattern p on its own; 0 if it compiles (or is empty). */
static UErrorCode S_check(const char *p)
{
	UErrorCode ue = U_ZERO_ERROR;

	if (*p)
		tumen_srx_regex_close(S_regex(0, &ue, p, (char *)NULL));
	return ue;
}

/* Compiles a rule whose patterns have been validated. */
static UErrorCode S_compile(tumen_srx_rule *r, const char *b, const char *a)
{
	UErrorCode ue = U_ZERO_ERROR;

	if (r->brk && !r->before && !r->after) /* else srx.c finds candidates
	                                          without it */
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
	int trusted;               /* the built-in rules: not validated again */
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
	if (tumen_srx_grow(&srx->lrs, &srx->caplrs, srx->nlrs,
	                   sizeof *srx->lrs) ||
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
	tumen_srx_map *m;

	if (!pat || !name)
		return;
	if (tumen_srx_grow(&srx->maps, &srx->capmaps, srx->nmaps,
	                   sizeof *srx->maps))
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

void tumen_srx_rule_clear(tumen_srx_rule *r)
{
	tumen_srx_regex_close(r->find);
	tumen_srx_regex_close(r->test);
	tumen_srx_regex_close(r->bend);
	tumen_srx_regex_close(r->aft);
	tumen_srx_cpset_free(r->before);
	tumen_srx_cpset_free(r->after);
	tumen_srx_cpset_free(r->alpha);
	tumen_srx_lits_free(r->lits);
	r->find = r->test = r->bend = r->aft = NULL;
	r->before = r->after = r->alpha = NULL;
	r->lits = NULL;
}

/* Compiles rule r of patterns b and a (validated), and reads what its
 * matches can be next to a break. */
static UErrorCode S_finish(tumen_srx_rule *r, const char *b, const char *a)
{
	UErrorCode ue;

	r->before = tumen_srx_edge(b, TUMEN_SRX_LAST);
	r->after = tumen_srx_edge(a, TUMEN_SRX_FIRST);
	ue = S_compile(r, b, a);
	r->lits = tumen_srx_lits_read(b, r->bend == NULL);
	if (r->bend)
		r->alpha = tumen_srx_edge(b, TUMEN_SRX_ALL);
	return ue;
}

tumen_status tumen_srx_lr_ready(const tumen_srx *srx, size_t lr)
{
	tumen_srx_defer *d = srx->defer ? &srx->defer[lr] : NULL;
	tumen_srx_rule *r = srx->rules + srx->lrs[lr].first;
	size_t n = srx->lrs[lr].n, k = 0;
	UErrorCode ue = U_ZERO_ERROR;

	if (!d || atomic_load_explicit(&d->ready, memory_order_acquire))
		return TUMEN_OK;
	pthread_mutex_lock(&d->mu);
	if (!atomic_load_explicit(&d->ready, memory_order_relaxed)) {
		for (k = 0; k < n && U_SUCCESS(ue); k++)
			ue = S_finish(&r[k], r[k].b, r[k].a);
		if (U_FAILURE(ue)) {
			while (k--) /* nothing is kept: the next use tries again */
				tumen_srx_rule_clear(&r[k]);
		} else {
			for (k = 0; k < n; k++) {
				free(r[k].b);
				free(r[k].a);
				r[k].b = r[k].a = NULL;
			}
			atomic_store_explicit(&d->ready, 1, memory_order_release);
		}
	}
	pthread_mutex_unlock(&d->mu);
	if (U_FAILURE(ue))
		return ue == U_MEMORY_ALLOCATION_ERROR ? TUMEN_ENOMEM : TUMEN_EICU;
	return TUMEN_OK;
}

static void S_end_rule(S_parse *ps)
{
	tumen_srx *srx = ps->srx;
	tumen_srx_rule *r;
	UErrorCode ue;
	int i;

	for (i = 0; i < 2 && !ps->trusted; i++) {
		if ((ue = S_check(ps->pat[i].ptr)) == U_ZERO_ERROR)
			continue;
		S_bad(ps, TUMEN_EFORMAT, "invalid %s pattern '%.120s': %s",
		      i ? "afterbreak" : "beforebreak", ps->pat[i].ptr,
		      u_errorName(ue));
		if (ps->err)
			ps->err->line = ps->patline[i];
		return;
	}
	if (tumen_srx_grow(&srx->rules, &srx->caprules, srx->nrules, sizeof *r))
		return S_bad(ps, TUMEN_ENOMEM, "out of memory");
	r = &srx->rules[srx->nrules++];
	memset(r, 0, sizeof *r);
	r->brk = ps->brk;
	srx->lrs[srx->nlrs - 1].n++;
	if (ps->trusted) { /* compiled when first used */
		r->b = strdup(ps->pat[0].ptr);
		r->a = strdup(ps->pat[1].ptr);
		if (!r->b || !r->a)
			S_bad(ps, TUMEN_ENOMEM, "out of memory");
		return;
	}
	ue = S_finish(r, ps->pat[0].ptr, ps->pat[1].ptr);
	if (U_FAILURE(ue))
		S_bad(ps, ue == U_MEMORY_ALLOCATION_ERROR ? TUMEN_ENOMEM
		                                          : TUMEN_EICU,
		      "cannot compile rule: %s", u_errorName(ue));
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

/* The deferred state of n languagerules, none compiled; NULL when out
 * of memory. */
static tumen_srx_defer *S_defer_new(size_t n)
{
	tumen_srx_defer *d = calloc(n, sizeof *d);
	size_t k;

	for (k = 0; d && k < n; k++) {
		pthread_mutex_init(&d[k].mu, NULL);
		atomic_init(&d[k].ready, 0);
	}
	return d;
}

static tumen_status S_parse_data(const char *data, size_t len, size_t chunk,
                                 int trusted, tumen_srx **out,
                                 tumen_error *err)
{
	S_parse ps;

	*out = NULL;
	tumen_error_clear(err);
	if (!data && len)
		return TUMEN_EINVAL;
	memset(&ps, 0, sizeof ps);
	ps.err = err;
	ps.trusted = trusted;
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
		if (!ps.st && trusted && ps.srx->nlrs &&
		    !(ps.srx->defer = S_defer_new(ps.srx->nlrs)))
			ps.st = TUMEN_ENOMEM;
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

tumen_status tumen_srx_parse_chunked(const char *data, size_t len,
                                     size_t chunk, tumen_srx **out,
                                     tumen_error *err)
{
	return S_parse_data(data, len, chunk, 0, out, err);
}

tumen_status tumen_srx_parse(const char *data, size_t len, tumen_srx **out,
                             tumen_error *err)
{
	return S_parse_data(data, len, 0, 0, out, err);
}

tumen_status tumen_srx_default(tumen_srx **out, tumen_error *err)
{
	/* each pattern of the built-in rules is validated on its own by the
	 * unit test "srx" (through tumen_srx_parse()), not at every start */
	return S_parse_data(tumen_srx_default_data, tumen_srx_default_size, 0,
	                    1, out, err);
}
