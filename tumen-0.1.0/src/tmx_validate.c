/*
 * tmx_validate.c - `tumen tmx validate`: checks a TMX against TMX 1.4b
 * (where each element may stand, required attributes, language tags,
 * dates, the order within <tu> and <tuv>) and reports each problem with
 * its line.  The reader's hook shows it every tag.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "tmx_read.h"

typedef struct {
	tumen_tmx_problem_fn fn;
	void *ctx;
	size_t n;
	char srclang[64];
	int header, tuv_in_tu, segs;
	unsigned long tuv_line;
} S_val;

static void S_problem(S_val *v, unsigned long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void S_problem(S_val *v, unsigned long line, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	v->n++;
	v->fn(v->ctx, line, msg);
}

/* Each element: where it may stand, and the attributes it must have. */
static const struct {
	const char *name, *parents, *required;
} S_elems[] = {
	{ "tmx", "", "version" },
	{ "header", "tmx", "creationtool creationtoolversion segtype o-tmf "
	                   "adminlang srclang datatype" },
	{ "body", "tmx", "" },
	{ "tu", "body", "" },
	{ "tuv", "tu", "xml:lang" },
	{ "seg", "tuv", "" },
	{ "prop", "header tu tuv", "type" },
	{ "note", "header tu tuv", "" },
	{ "ude", "header", "name" },
	{ "map", "ude", "unicode" },
	{ "bpt", "seg hi sub", "i" },
	{ "ept", "seg hi sub", "i" },
	{ "it", "seg hi sub", "pos" },
	{ "ph", "seg hi sub", "" },
	{ "ut", "seg hi sub", "" },
	{ "hi", "seg hi sub", "" },
	{ "sub", "bpt ept it ph ut", "" },
};

/* Whether word w is one of the space-separated words of list. */
static int S_in(const char *list, const char *w)
{
	size_t n = strlen(w);

	for (;;) {
		if (!strncmp(list, w, n) && (list[n] == ' ' || !list[n]))
			return 1;
		if (!(list = strchr(list, ' ')))
			return 0;
		list++;
	}
}

static void S_check_attr(S_val *v, const char *el, const char *a,
                         const char *val, unsigned long line)
{
	if (S_in("creationdate changedate lastusagedate", a) &&
	    !tumen_tmx_date_ok(val))
		S_problem(v, line, "invalid date '%s' in %s (expected "
		          "YYYYMMDDThhmmssZ)", val, a);
	else if ((!strcmp(a, "xml:lang") || !strcmp(a, "adminlang") ||
	          !strcmp(a, "srclang")) && strcmp(val, "*all*") != 0 &&
	         !tumen_tmx_lang_ok(val, strlen(val)))
		S_problem(v, line, "invalid language code '%s'", val);
	else if (!strcmp(a, "srclang") && !strcmp(val, "*all*") &&
	         strcmp(el, "header") != 0)
		S_problem(v, line, "srclang '*all*' is only for the header");
	else if (!strcmp(a, "segtype") &&
	         !S_in("block paragraph sentence phrase", val))
		S_problem(v, line, "invalid segtype '%s'", val);
	else if (!strcmp(el, "it") && !strcmp(a, "pos") &&
	         !S_in("begin end", val))
		S_problem(v, line, "invalid pos '%s' (begin or end)", val);
	else if (!strcmp(el, "tmx") && !strcmp(a, "version") &&
	         strcmp(val, "1.4") != 0)
		S_problem(v, line, "tmx version is '%s', not 1.4", val);
}

static void S_check_required(S_val *v, size_t e, const char **atts,
                             unsigned long line)
{
	const char *p = S_elems[e].required, *q;
	char a[32];
	size_t i;

	while (*p) {
		q = strchr(p, ' ');
		snprintf(a, sizeof a, "%.*s", (int)(q ? (size_t)(q - p) :
		                                        strlen(p)), p);
		for (i = 0; atts[i] && strcmp(atts[i], a); i += 2)
			;
		if (!atts[i])
			S_problem(v, line, "<%s> lacks required attribute '%s'",
			          S_elems[e].name, a);
		p = q ? q + 1 : p + strlen(p);
	}
}

/* The order rules the parent table cannot say. */
static void S_check_order(S_val *v, const char *name, const char **atts,
                          const char *parent, unsigned long line)
{
	const char *sl;

	if (!strcmp(name, "header")) {
		v->header = 1;
		for (sl = NULL; *atts; atts += 2)
			if (!strcmp(atts[0], "srclang"))
				sl = atts[1];
		snprintf(v->srclang, sizeof v->srclang, "%s", sl ? sl : "");
	} else if (!strcmp(name, "body") && !v->header) {
		S_problem(v, line, "<body> before <header>");
		v->header = 1;
	} else if (!strcmp(name, "tu")) {
		v->tuv_in_tu = 0;
	} else if (!strcmp(name, "tuv")) {
		v->tuv_in_tu = 1;
		v->segs = 0;
		v->tuv_line = line;
	} else if (!strcmp(name, "seg") && !strcmp(parent, "tuv")) {
		if (v->segs++ == 1)
			S_problem(v, line, "<tuv> has more than one <seg>");
	} else if (!strcmp(parent, "tu") && v->tuv_in_tu) {
		S_problem(v, line, "<%s> after <tuv> in <tu>", name);
	}
}

static void S_val_hook(void *ctx, const char *name, const char **atts,
                       const char *parent, unsigned long line)
{
	S_val *v = ctx;
	size_t e, i;

	if (!atts) { /* an end tag */
		if (!strcmp(name, "tuv") && !v->segs)
			S_problem(v, v->tuv_line, "<tuv> has no <seg>");
		return;
	}
	for (e = 0; e < sizeof S_elems / sizeof *S_elems; e++)
		if (!strcmp(S_elems[e].name, name))
			break;
	if (e == sizeof S_elems / sizeof *S_elems) {
		S_problem(v, line, "unknown element <%s>", name);
		return;
	}
	if (*parent && !S_in(S_elems[e].parents, parent))
		S_problem(v, line, "<%s> not allowed in <%s>", name, parent);
	S_check_required(v, e, atts, line);
	for (i = 0; atts[i]; i += 2)
		S_check_attr(v, name, atts[i], atts[i + 1], line);
	S_check_order(v, name, atts, parent, line);
}

static tumen_status S_val_tu(void *ctx, const tumen_tu *tu)
{
	S_val *v = ctx;
	size_t i;

	if (!tu->ntuvs) {
		S_problem(v, tu->line, "<tu> has no <tuv>");
		return TUMEN_OK;
	}
	if (!v->srclang[0] || !strcmp(v->srclang, "*all*"))
		return TUMEN_OK;
	for (i = 0; i < tu->ntuvs; i++)
		if (!strcasecmp(tu->tuvs[i].lang.ptr, v->srclang))
			return TUMEN_OK;
	S_problem(v, tu->line, "<tu> has no <tuv> in the source language '%s'",
	          v->srclang);
	return TUMEN_OK;
}

tumen_status tumen_tmx_validate(FILE *f, tumen_tmx_problem_fn fn, void *ctx,
                                size_t *nproblems, tumen_error *err)
{
	S_val v;
	tumen_tmx_reader *r;
	tumen_error e;
	tumen_status st;

	memset(&v, 0, sizeof v);
	v.fn = fn;
	v.ctx = ctx;
	tumen_error_clear(err);
	if ((st = tumen_tmx_reader_new(&r, NULL, S_val_tu, &v)))
		return st;
	tumen_tmx_reader_set_hook(r, S_val_hook, &v);
	st = tumen_tmx_reader_read(r, f, &e);
	tumen_tmx_reader_free(r);
	if (st == TUMEN_EFORMAT || st == TUMEN_ELIMIT)
		S_problem(&v, e.line, "%s", e.msg);
	else if (st && err)
		*err = e;
	if (nproblems)
		*nproblems = v.n;
	if (st == TUMEN_OK || st == TUMEN_EFORMAT || st == TUMEN_ELIMIT)
		return v.n ? TUMEN_EFORMAT : TUMEN_OK;
	return st;
}
