/*
 * tmx_read_expat.c - the TMX reader's Expat handlers: each start tag, end
 * tag and run of text of a <tu> kept in the reader's arena, and at </tu>
 * the public view of the unit built and handed to the callback.  Hostile
 * input is stopped here too: any <!ENTITY>, references Expat had to skip,
 * and nesting past TUMEN_TMX_MAX_DEPTH.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <expat.h>

#include "buf.h"
#include "tmx_read.h"
#include "tmx_read_priv.h"
#include "tmx_write.h"

/* Element kinds as the reader treats them (an element out of place, e.g.
 * a <tu> inside a <tu>, is K_OTHER: read past, never trusted). */
enum { K_OTHER, K_TMX, K_HEADER, K_TU, K_TUV, K_SEG, K_PROP, K_NOTE,
       K_INLINE, K_CODE };

#define MAX_ITEMS (1u << 20) /* attributes, props, notes, tuvs in a unit */

static void S_fail(tumen_tmx_reader *r, tumen_status st, const char *msg)
{
	if (r->st)
		return;
	r->st = st;
	r->err.code = st;
	r->err.line = XML_GetCurrentLineNumber(r->p);
	snprintf(r->err.msg, sizeof r->err.msg, "%s", msg);
	XML_StopParser(r->p, XML_FALSE);
}

/* Makes room for one more element of `size` bytes; NULL when out of
 * memory or past MAX_ITEMS (the reader has then failed). */
static void *S_push(tumen_tmx_reader *r, tumen_tmx_vec *v, size_t size)
{
	if (v->n >= MAX_ITEMS) {
		S_fail(r, TUMEN_ELIMIT, "too many elements in one unit");
		return NULL;
	}
	if (v->n == v->cap) {
		size_t nc = v->cap ? v->cap * 2 : 8;
		void *nv = realloc(v->v, nc * size);
		if (!nv) {
			S_fail(r, TUMEN_ENOMEM, "out of memory");
			return NULL;
		}
		v->v = nv;
		v->cap = nc;
	}
	return (char *)v->v + size * v->n++;
}

/* Copies s[0..len) into the arena, NUL-terminated. */
static tumen_tmx_span S_keep(tumen_tmx_reader *r, const char *s, size_t len)
{
	tumen_tmx_span sp = { r->arena.len, len };

	if (r->arena.len + len >= TUMEN_TMX_MAX_UNIT)
		S_fail(r, TUMEN_ELIMIT, "unit larger than 64 MiB");
	else if (tumen_buf_add(&r->arena, s, len) ||
	         tumen_buf_addc(&r->arena, '\0'))
		S_fail(r, TUMEN_ENOMEM, "out of memory");
	if (r->st)
		sp.off = sp.len = 0;
	return sp;
}

static int S_kind(const char *n)
{
	static const struct { const char *name; int kind; } t[] = {
		{ "tmx", K_TMX }, { "header", K_HEADER }, { "tu", K_TU },
		{ "tuv", K_TUV }, { "seg", K_SEG }, { "prop", K_PROP },
		{ "note", K_NOTE }, { "bpt", K_CODE }, { "ept", K_CODE },
		{ "ph", K_CODE }, { "it", K_CODE }, { "ut", K_CODE },
		{ "hi", K_INLINE }, { "sub", K_INLINE },
	};
	size_t i;

	for (i = 0; i < sizeof t / sizeof *t; i++)
		if (!strcmp(n, t[i].name))
			return t[i].kind;
	return K_OTHER;
}

static const char *S_att(const char **atts, const char *name)
{
	for (; atts[0]; atts += 2)
		if (!strcmp(atts[0], name))
			return atts[1];
	return NULL;
}

/* An inline element inside <seg>, written back as a tag. */
static void S_inline_tag(tumen_tmx_reader *r, const char *name,
                         const char **atts)
{
	int bad = tumen_buf_addc(&r->xml, '<') || tumen_buf_adds(&r->xml, name);

	for (; !bad && atts[0]; atts += 2)
		bad = tumen_buf_printf(&r->xml, " %s=\"", atts[0]) ||
		      tumen_tmx_escape_attr(&r->xml, atts[1]) ||
		      tumen_buf_addc(&r->xml, '"');
	if (bad || tumen_buf_addc(&r->xml, '>'))
		S_fail(r, TUMEN_ENOMEM, "out of memory");
}

static void S_add_attrs(tumen_tmx_reader *r, const char **atts, long owner,
                        const char *skip)
{
	tumen_tmx_item *it;

	for (; atts[0] && !r->st; atts += 2) {
		if (skip && !strcmp(atts[0], skip))
			continue;
		if (!(it = S_push(r, &r->attrs, sizeof *it)))
			return;
		memset(it, 0, sizeof *it);
		it->owner = owner;
		it->a = S_keep(r, atts[0], strlen(atts[0]));
		it->b = S_keep(r, atts[1], strlen(atts[1]));
	}
}

static void S_start_header(tumen_tmx_reader *r, const char **atts)
{
	r->header_seen = 1;
	for (; atts[0]; atts += 2)
		if (tumen_buf_add(&r->hdr, atts[0], strlen(atts[0]) + 1) ||
		    tumen_buf_add(&r->hdr, atts[1], strlen(atts[1]) + 1))
			S_fail(r, TUMEN_ENOMEM, "out of memory");
}

static void S_start_tu(tumen_tmx_reader *r, const char **atts)
{
	r->in_tu = 1;
	r->tu_line = XML_GetCurrentLineNumber(r->p);
	tumen_buf_reset(&r->arena);
	r->attrs.n = r->props.n = r->notes.n = r->tuvs.n = 0;
	S_add_attrs(r, atts, -1, NULL);
}

static void S_start_tuv(tumen_tmx_reader *r, const char **atts)
{
	tumen_tmx_tuvrec *t = S_push(r, &r->tuvs, sizeof *t);
	const char *lang = S_att(atts, "xml:lang"), *skip = "xml:lang";

	if (!t)
		return;
	memset(t, 0, sizeof *t);
	r->in_tuv = 1;
	t->line = XML_GetCurrentLineNumber(r->p);
	if (!lang && (lang = S_att(atts, "lang"))) /* TMX 1.1 */
		skip = "lang";
	t->lang = S_keep(r, lang ? lang : "", lang ? strlen(lang) : 0);
	S_add_attrs(r, atts, (long)r->tuvs.n - 1, skip);
}

/* The kind an element takes where it stands. */
static int S_effective(const tumen_tmx_reader *r, int k)
{
	const tumen_tmx_tuvrec *t = r->tuvs.v;

	if (r->in_seg)
		return k == K_CODE ? K_CODE : K_INLINE;
	if (r->in_value)
		return K_OTHER;
	switch (k) {
	case K_TMX: return r->depth == 1 ? K_TMX : K_OTHER;
	case K_HEADER: return !r->header_seen && r->depth == 2 ? k : K_OTHER;
	case K_TU: return r->in_tu ? K_OTHER : k;
	case K_TUV: return r->in_tu && !r->in_tuv ? k : K_OTHER;
	case K_SEG:
		return r->in_tuv && !t[r->tuvs.n - 1].has_seg ? k : K_OTHER;
	case K_PROP: case K_NOTE: return k;
	default: return K_OTHER;
	}
}

static void S_act_start(tumen_tmx_reader *r, int k, const char *name,
                        const char **atts)
{
	const char *v;

	switch (k) {
	case K_CODE:
		r->code_depth++;
		/* fall through */
	case K_INLINE:
		if (r->o.keep_inline)
			S_inline_tag(r, name, atts);
		break;
	case K_HEADER: S_start_header(r, atts); break;
	case K_TU: S_start_tu(r, atts); break;
	case K_TUV: S_start_tuv(r, atts); break;
	case K_SEG:
		r->in_seg = 1;
		tumen_buf_reset(&r->seg);
		tumen_buf_reset(&r->xml);
		break;
	case K_PROP: case K_NOTE:
		r->in_value = 1;
		r->owner = r->in_tuv ? (long)r->tuvs.n - 1 : r->in_tu ? -1 : -2;
		tumen_buf_reset(&r->value);
		if (r->owner < -1)
			break; /* a header prop or note: not kept */
		v = k == K_PROP ? S_att(atts, "type") : "";
		r->ptype = S_keep(r, v ? v : "", v ? strlen(v) : 0);
		v = S_att(atts, "xml:lang");
		r->plang = S_keep(r, v ? v : "", v ? strlen(v) : 0);
		break;
	}
}

static void XMLCALL S_start(void *ud, const XML_Char *name,
                            const XML_Char **atts)
{
	tumen_tmx_reader *r = ud;
	int k;

	if (r->st)
		return;
	if (++r->depth > TUMEN_TMX_MAX_DEPTH) {
		S_fail(r, TUMEN_EFORMAT, "nesting deeper than 64 levels");
		return;
	}
	if (r->hook)
		r->hook(r->hctx, name, atts, r->names.ptr +
		        r->name_off[r->depth - 1], XML_GetCurrentLineNumber(r->p));
	r->name_off[r->depth] = r->names.len;
	if (tumen_buf_add(&r->names, name, strlen(name) + 1)) {
		S_fail(r, TUMEN_ENOMEM, "out of memory");
		return;
	}
	k = S_effective(r, S_kind(name));
	if (r->depth == 1 && k != K_TMX) {
		S_fail(r, TUMEN_EFORMAT, "root element is not <tmx>");
		return;
	}
	r->kind[r->depth] = (unsigned char)k;
	S_act_start(r, k, name, atts);
}

static int S_reserve(tumen_tmx_vec *v, size_t n, size_t esize)
{
	void *nv;

	if (v->cap >= n)
		return 0;
	if (!(nv = realloc(v->v, n * esize)))
		return -1;
	v->v = nv;
	v->cap = n;
	return 0;
}

/* Groups the items of one kind by owner (counting sort: a hostile unit may
 * hold many tuvs and many props) into the public array `out`; `which`
 * picks the count field of tumen_tmx_tuvrec.  Returns -1 when out of
 * memory. */
static int S_group(tumen_tmx_reader *r, const tumen_tmx_vec *items,
                   tumen_tmx_vec *out, size_t esize, int which, size_t *ntu)
{
	tumen_tmx_tuvrec *t = r->tuvs.v;
	const tumen_tmx_item *it = items->v;
	const char *a = r->arena.ptr;
	size_t i, pos, c, *cnt;

	if (S_reserve(out, items->n + 1, esize))
		return -1;
	*ntu = 0;
	for (i = 0; i < r->tuvs.n; i++)
		t[i].cnt[which] = 0;
	for (i = 0; i < items->n; i++)
		++*(it[i].owner < 0 ? ntu : &t[it[i].owner].cnt[which]);
	for (pos = *ntu, i = 0; i < r->tuvs.n; i++) {
		cnt = &t[i].cnt[which];
		c = *cnt;
		*cnt = pos; /* from here on, the next free slot */
		pos += c;
	}
	for (pos = 0, i = 0; i < items->n; i++) {
		size_t at = it[i].owner < 0 ? pos++ :
		            t[it[i].owner].cnt[which]++;
		if (which == 0) {
			tumen_tmx_attr *d = (tumen_tmx_attr *)out->v + at;
			d->name = (tumen_tmx_str){ a + it[i].a.off, it[i].a.len };
			d->value = (tumen_tmx_str){ a + it[i].b.off, it[i].b.len };
		} else {
			tumen_tmx_prop *d = (tumen_tmx_prop *)out->v + at;
			d->type = (tumen_tmx_str){ a + it[i].a.off, it[i].a.len };
			d->lang = (tumen_tmx_str){ a + it[i].b.off, it[i].b.len };
			d->value = (tumen_tmx_str){ a + it[i].c.off, it[i].c.len };
		}
	}
	return 0;
}

#define S_STR(sp) ((tumen_tmx_str){ r->arena.ptr + (sp).off, (sp).len })

/* Builds the public view of the unit just closed and hands it over. */
static void S_emit(tumen_tmx_reader *r)
{
	tumen_tu tu;
	tumen_tmx_tuvrec *t = r->tuvs.v;
	tumen_tuv *pv;
	const tumen_tmx_attr *pa;
	const tumen_tmx_prop *pp, *pn;
	size_t i, na, np, nn, ends[3];
	tumen_status st;

	if (S_group(r, &r->attrs, &r->pattrs, sizeof *pa, 0, &na) ||
	    S_group(r, &r->props, &r->pprops, sizeof *pp, 1, &np) ||
	    S_group(r, &r->notes, &r->pnotes, sizeof *pn, 2, &nn) ||
	    S_reserve(&r->ptuvs, r->tuvs.n + 1, sizeof *pv)) {
		S_fail(r, TUMEN_ENOMEM, "out of memory");
		return;
	}
	pa = r->pattrs.v, pp = r->pprops.v, pn = r->pnotes.v, pv = r->ptuvs.v;
	memset(&tu, 0, sizeof tu);
	tu.tuid = (tumen_tmx_str){ "", 0 };
	for (i = 0; i < na; i++)
		if (!strcmp(pa[i].name.ptr, "tuid"))
			tu.tuid = pa[i].value;
	tu.attrs = pa, tu.nattrs = na;
	tu.props = pp, tu.nprops = np;
	tu.notes = pn, tu.nnotes = nn;
	ends[0] = na, ends[1] = np, ends[2] = nn;
	for (i = 0; i < r->tuvs.n; i++) {
		/* after grouping the cursors point at each tuv's end */
		pv[i].lang = S_STR(t[i].lang);
		pv[i].seg = t[i].has_seg ? S_STR(t[i].seg) : (tumen_tmx_str){ "", 0 };
		pv[i].xml = t[i].has_seg ? S_STR(t[i].xml) : (tumen_tmx_str){ "", 0 };
		pv[i].attrs = pa + ends[0], pv[i].nattrs = t[i].cnt[0] - ends[0];
		pv[i].props = pp + ends[1], pv[i].nprops = t[i].cnt[1] - ends[1];
		pv[i].notes = pn + ends[2], pv[i].nnotes = t[i].cnt[2] - ends[2];
		memcpy(ends, t[i].cnt, sizeof ends);
		pv[i].line = t[i].line;
	}
	tu.tuvs = pv, tu.ntuvs = r->tuvs.n;
	tu.line = r->tu_line;
	tu.index = r->units++;
	st = r->fn(r->ctx, &tu);
	if (st)
		S_fail(r, st, tumen_strerror(st));
}

static void S_end_value(tumen_tmx_reader *r, int k)
{
	tumen_tmx_item *it;

	r->in_value = 0;
	if (r->owner < -1)
		return; /* a header prop or note: not kept */
	if (!(it = S_push(r, k == K_PROP ? &r->props : &r->notes, sizeof *it)))
		return;
	it->owner = r->owner;
	it->a = r->ptype;
	it->b = r->plang;
	it->c = S_keep(r, r->value.ptr, r->value.len);
}

static void XMLCALL S_end(void *ud, const XML_Char *name)
{
	tumen_tmx_reader *r = ud;
	tumen_tmx_tuvrec *t = r->tuvs.v;
	int k;

	if (r->st)
		return;
	k = r->kind[r->depth];
	r->names.len = r->name_off[r->depth--];
	if (r->hook)
		r->hook(r->hctx, name, NULL, r->names.ptr + r->name_off[r->depth],
		        XML_GetCurrentLineNumber(r->p));
	switch (k) {
	case K_CODE:
		r->code_depth--;
		/* fall through */
	case K_INLINE:
		if (r->o.keep_inline && tumen_buf_printf(&r->xml, "</%s>", name))
			S_fail(r, TUMEN_ENOMEM, "out of memory");
		break;
	case K_SEG:
		r->in_seg = 0;
		t[r->tuvs.n - 1].seg = S_keep(r, r->seg.ptr, r->seg.len);
		t[r->tuvs.n - 1].xml = S_keep(r, r->xml.ptr, r->xml.len);
		t[r->tuvs.n - 1].has_seg = 1;
		break;
	case K_PROP: case K_NOTE: S_end_value(r, k); break;
	case K_TUV: r->in_tuv = 0; break;
	case K_TU:
		r->in_tu = 0;
		S_emit(r);
		break;
	}
}

static void XMLCALL S_text(void *ud, const XML_Char *s, int len)
{
	tumen_tmx_reader *r = ud;
	size_t n = (size_t)len;

	if (r->st || !(r->in_seg || r->in_value))
		return;
	if (r->arena.len + r->seg.len + r->xml.len + r->value.len + n >=
	    TUMEN_TMX_MAX_UNIT) {
		S_fail(r, TUMEN_ELIMIT, "unit larger than 64 MiB");
		return;
	}
	if (r->in_value ? tumen_buf_add(&r->value, s, n) :
	    (r->code_depth == 0 && tumen_buf_add(&r->seg, s, n)) ||
	    (r->o.keep_inline && tumen_xml_escape(&r->xml, s, n, NULL)))
		S_fail(r, TUMEN_ENOMEM, "out of memory");
}

static void XMLCALL S_entity_decl(void *ud, const XML_Char *name, int pe,
                                  const XML_Char *value, int vlen,
                                  const XML_Char *base, const XML_Char *sys,
                                  const XML_Char *pub, const XML_Char *notation)
{
	(void)name, (void)pe, (void)value, (void)vlen, (void)base;
	(void)sys, (void)pub, (void)notation;
	S_fail(ud, TUMEN_EFORMAT, "entity declarations are not allowed");
}

static void XMLCALL S_skipped(void *ud, const XML_Char *name, int pe)
{
	char msg[160];

	(void)pe;
	snprintf(msg, sizeof msg, "reference to undeclared entity '%.100s'", name);
	S_fail(ud, TUMEN_EFORMAT, msg);
}

/* Never reached (declarations are refused first), but should Expat ever
 * ask, the answer is no. */
static int XMLCALL S_external(XML_Parser p, const XML_Char *ctx,
                              const XML_Char *base, const XML_Char *sys,
                              const XML_Char *pub)
{
	(void)p, (void)ctx, (void)base, (void)sys, (void)pub;
	return XML_STATUS_ERROR;
}

void tumen_tmx_read_handlers(tumen_tmx_reader *r)
{
	XML_SetUserData(r->p, r);
	XML_SetElementHandler(r->p, S_start, S_end);
	XML_SetCharacterDataHandler(r->p, S_text);
	XML_SetEntityDeclHandler(r->p, S_entity_decl);
	XML_SetSkippedEntityHandler(r->p, S_skipped);
	XML_SetExternalEntityRefHandler(r->p, S_external);
	XML_SetParamEntityParsing(r->p, XML_PARAM_ENTITY_PARSING_NEVER);
}
