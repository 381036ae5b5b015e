/*
 * tmx_read.c - streaming TMX reader on Expat: the public side (create,
 * feed, read, free); the handlers are in tmx_read_expat.c.
 *
 * Memory holds one <tu>: its strings go into an arena (offsets, since the
 * arena moves as it grows), turned into the public view at </tu> and
 * dropped after the callback.  Hostile input is stopped in the handlers:
 * any <!ENTITY> (expansion bombs, external entities), references Expat
 * had to skip, and nesting past TUMEN_TMX_MAX_DEPTH.  Parameter entities
 * and the external DTD are never parsed, so nothing is ever fetched.
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

/* Appends an attribute value escaped; TAB and LF as references, since a
 * parser would turn them into spaces. */
int tumen_tmx_escape_attr(tumen_buf *b, const char *v)
{
	size_t i, run = 0;

	for (i = 0; v[i]; i++) {
		if (v[i] != '\t' && v[i] != '\n')
			continue;
		if (tumen_xml_escape(b, v + run, i - run, NULL) ||
		    tumen_buf_adds(b, v[i] == '\t' ? "&#9;" : "&#10;"))
			return -1;
		run = i + 1;
	}
	return tumen_xml_escape(b, v + run, i - run, NULL) ? -1 : 0;
}

void tumen_tmx_reader_opts_init(tumen_tmx_reader_opts *o)
{
	memset(o, 0, sizeof *o);
}

tumen_status tumen_tmx_reader_new(tumen_tmx_reader **out,
                                  const tumen_tmx_reader_opts *o,
                                  tumen_tu_fn fn, void *ctx)
{
	tumen_tmx_reader *r;

	*out = NULL;
	if (!fn)
		return TUMEN_EINVAL;
	if (!(r = calloc(1, sizeof *r)))
		return TUMEN_ENOMEM;
	if (!(r->p = XML_ParserCreate(NULL))) {
		free(r);
		return TUMEN_ENOMEM;
	}
	if (o)
		r->o = *o;
	r->fn = fn;
	r->ctx = ctx;
	tumen_buf_init(&r->arena), tumen_buf_init(&r->seg);
	tumen_buf_init(&r->xml), tumen_buf_init(&r->value);
	tumen_buf_init(&r->hdr), tumen_buf_init(&r->names);
	if (tumen_buf_addc(&r->names, '\0')) { /* the root's parent: "" */
		tumen_tmx_reader_free(r);
		return TUMEN_ENOMEM;
	}
	tumen_tmx_read_handlers(r);
	*out = r;
	return TUMEN_OK;
}

void tumen_tmx_reader_set_hook(tumen_tmx_reader *r, tumen_tmx_hook fn,
                               void *ctx)
{
	r->hook = fn;
	r->hctx = ctx;
}

void tumen_tmx_reader_free(tumen_tmx_reader *r)
{
	if (!r)
		return;
	XML_ParserFree(r->p);
	tumen_buf_release(&r->arena), tumen_buf_release(&r->seg);
	tumen_buf_release(&r->xml), tumen_buf_release(&r->value);
	tumen_buf_release(&r->hdr), tumen_buf_release(&r->names);
	free(r->attrs.v), free(r->props.v), free(r->notes.v), free(r->tuvs.v);
	free(r->pattrs.v), free(r->pprops.v), free(r->pnotes.v);
	free(r->ptuvs.v);
	free(r);
}

/* Records the error Expat stopped on, unless a handler already did. */
static void S_xml_error(tumen_tmx_reader *r)
{
	enum XML_Error code = XML_GetErrorCode(r->p);
	const char *msg = XML_ErrorString(code);

	if (r->st)
		return;
	if (code == XML_ERROR_BAD_CHAR_REF)
		msg = "reference to a character XML 1.0 forbids";
	else if (code == XML_ERROR_NO_MEMORY) {
		r->st = TUMEN_ENOMEM;
		msg = "out of memory";
	}
	if (!r->st)
		r->st = TUMEN_EFORMAT;
	r->err.code = r->st;
	r->err.line = XML_GetCurrentLineNumber(r->p);
	snprintf(r->err.msg, sizeof r->err.msg, "%s", msg ? msg : "bad XML");
}

tumen_status tumen_tmx_reader_feed(tumen_tmx_reader *r, const char *buf,
                                   size_t len, int is_final, tumen_error *err)
{
	size_t n;

	do {
		if (r->st)
			break;
		n = len > (1u << 30) ? (1u << 30) : len;
		if (XML_Parse(r->p, buf, (int)n, is_final && n == len) !=
		    XML_STATUS_OK)
			S_xml_error(r);
		buf += n;
		len -= n;
	} while (len);
	if (r->st && err)
		*err = r->err;
	return r->st;
}

tumen_status tumen_tmx_reader_read(tumen_tmx_reader *r, FILE *f,
                                   tumen_error *err)
{
	char buf[65536];
	size_t n;
	tumen_status st;

	do {
		n = fread(buf, 1, sizeof buf, f);
		if (n < sizeof buf && ferror(f)) {
			tumen_error_clear(err);
			if (err)
				err->code = TUMEN_EIO;
			return TUMEN_EIO;
		}
		st = tumen_tmx_reader_feed(r, buf, n, n < sizeof buf && feof(f),
		                           err);
	} while (!st && n == sizeof buf);
	return st;
}

const char *tumen_tmx_reader_header(const tumen_tmx_reader *r,
                                    const char *name)
{
	const char *p = r->hdr.ptr, *end = p + r->hdr.len;

	while (p < end) {
		const char *v = p + strlen(p) + 1;
		if (!strcmp(p, name))
			return v;
		p = v + strlen(v) + 1;
	}
	return NULL;
}

unsigned long long tumen_tmx_reader_units(const tumen_tmx_reader *r)
{
	return r->units;
}
