/*
 * tmx_export.c - `tumen tmx export`: one language pair of a TMX as plain
 * text, tab-separated or as two Moses files; and tumen_tmx_langs(), which
 * finds that pair.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "tmx_tools.h"

typedef struct {
	const tumen_tmx_export_opts *o;
	tumen_tmx_reader *r;
	FILE *out, *out2;
	char src[36], tgt[36];
	tumen_buf b;
	unsigned long long n;
	int probe; /* tumen_tmx_langs(): stop once both are known */
} S_export;

/* Settles the languages not given, from the header and this unit. */
static void S_pick_langs(S_export *c, const tumen_tu *tu)
{
	const char *sl;
	const tumen_tuv *s;

	if (!c->src[0]) {
		sl = tumen_tmx_reader_header(c->r, "srclang");
		if (sl && strcmp(sl, "*all*") != 0)
			snprintf(c->src, sizeof c->src, "%s", sl);
		else if (tu->ntuvs)
			snprintf(c->src, sizeof c->src, "%s", tu->tuvs[0].lang.ptr);
	}
	if (!c->tgt[0] && (s = tumen_tmx_find_tuv(tu, c->src, NULL)) &&
	    (s = tumen_tmx_find_tuv(tu, NULL, s)))
		snprintf(c->tgt, sizeof c->tgt, "%s", s->lang.ptr);
}

/* Appends a segment on one line: TAB, CR, LF as spaces. */
static int S_line(tumen_buf *b, const tumen_tuv *v, int xml)
{
	const tumen_tmx_str *t = xml ? &v->xml : &v->seg;
	size_t i, from = b->len;

	if (tumen_buf_add(b, t->ptr, t->len))
		return -1;
	for (i = from; i < b->len; i++)
		if (b->ptr[i] == '\t' || b->ptr[i] == '\n' || b->ptr[i] == '\r')
			b->ptr[i] = ' ';
	return 0;
}

static tumen_status S_export_tu(void *ctx, const tumen_tu *tu)
{
	S_export *c = ctx;
	const tumen_tuv *s, *t;
	tumen_buf *b = &c->b;
	size_t cut;

	S_pick_langs(c, tu);
	if (c->probe)
		return c->tgt[0] ? TUMEN_EEMPTY : TUMEN_OK; /* found: stop */
	if (!(s = tumen_tmx_find_tuv(tu, c->src, NULL)) || !c->tgt[0] ||
	    !(t = tumen_tmx_find_tuv(tu, c->tgt, NULL)))
		return TUMEN_OK;
	tumen_buf_reset(b);
	if (S_line(b, s, c->o->keep_inline) ||
	    tumen_buf_addc(b, c->o->moses ? '\n' : '\t'))
		return TUMEN_ENOMEM;
	cut = b->len;
	if (S_line(b, t, c->o->keep_inline) || tumen_buf_addc(b, '\n'))
		return TUMEN_ENOMEM;
	c->n++;
	if (c->o->moses)
		return fwrite(b->ptr, 1, cut, c->out) != cut ||
		       fwrite(b->ptr + cut, 1, b->len - cut, c->out2) !=
		       b->len - cut ? TUMEN_EIO : TUMEN_OK;
	return fwrite(b->ptr, 1, b->len, c->out) != b->len ? TUMEN_EIO :
	       TUMEN_OK;
}

static tumen_status S_export_run(S_export *c, FILE *in, tumen_error *err)
{
	tumen_tmx_reader_opts ro = { .keep_inline = c->o->keep_inline };
	tumen_status st;

	tumen_error_clear(err);
	tumen_buf_init(&c->b);
	st = tumen_tmx_reader_new(&c->r, &ro, S_export_tu, c);
	if (!st)
		st = tumen_tmx_reader_read(c->r, in, err);
	tumen_tmx_reader_free(c->r);
	tumen_buf_release(&c->b);
	return st;
}

tumen_status tumen_tmx_export(FILE *in, const tumen_tmx_export_opts *o,
                              FILE *out, FILE *out2,
                              unsigned long long *written, tumen_error *err)
{
	S_export c;
	tumen_status st;

	memset(&c, 0, sizeof c);
	if (!out || (o->moses && !out2))
		return TUMEN_EINVAL;
	c.o = o;
	c.out = out;
	c.out2 = out2;
	snprintf(c.src, sizeof c.src, "%s", o->src_lang ? o->src_lang : "");
	snprintf(c.tgt, sizeof c.tgt, "%s", o->tgt_lang ? o->tgt_lang : "");
	st = S_export_run(&c, in, err);
	if (!st && (fflush(out) || ferror(out) ||
	            (out2 && (fflush(out2) || ferror(out2)))))
		st = TUMEN_EIO;
	if (written)
		*written = c.n;
	return st;
}

tumen_status tumen_tmx_langs(FILE *f, char src[36], char tgt[36],
                             tumen_error *err)
{
	tumen_tmx_export_opts o;
	S_export c;
	tumen_status st;

	memset(&c, 0, sizeof c);
	memset(&o, 0, sizeof o);
	c.o = &o;
	c.probe = 1;
	memcpy(c.src, src, 36);
	memcpy(c.tgt, tgt, 36);
	c.src[35] = c.tgt[35] = '\0';
	st = S_export_run(&c, f, err);
	if (st == TUMEN_EEMPTY) {
		tumen_error_clear(err);
		memcpy(src, c.src, 36);
		memcpy(tgt, c.tgt, 36);
		return TUMEN_OK;
	}
	if (!st) {
		st = TUMEN_EFORMAT;
		if (err) {
			err->code = st;
			snprintf(err->msg, sizeof err->msg,
			         "no pair of languages found");
		}
	}
	return st;
}
