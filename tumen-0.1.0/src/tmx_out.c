/*
 * tmx_out.c - writing units read from a TMX back out as TMX 1.4b, for
 * merge and filter: the header taken from the first input, each unit with
 * its attributes, notes, props and inline codes.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "tmx_read.h"
#include "tmx_tools.h"
#include "tmx_write.h"

/* Takes the srclang and creationdate of a reader's header, when sound. */
void tumen_tmx_out_header(tumen_tmx_out *o, const tumen_tmx_reader *r)
{
	const char *sl = tumen_tmx_reader_header(r, "srclang");
	const char *d = tumen_tmx_reader_header(r, "creationdate");
	time_t t = time(NULL);
	struct tm tm;

	snprintf(o->srclang, sizeof o->srclang, "%s",
	         sl && (!strcmp(sl, "*all*") || tumen_tmx_lang_ok(sl, strlen(sl)))
	         ? sl : "en");
	if (d && tumen_tmx_date_ok(d)) {
		snprintf(o->date, sizeof o->date, "%s", d);
	} else {
		gmtime_r(&t, &tm);
		strftime(o->date, sizeof o->date, "%Y%m%dT%H%M%SZ", &tm);
	}
}

static tumen_status S_out_begin(tumen_tmx_out *o)
{
	if (o->begun)
		return TUMEN_OK;
	o->begun = 1;
	return tumen_tmx_begin(o->f, o->srclang[0] ? o->srclang : "en",
	                       o->date[0] ? o->date : "19700101T000000Z");
}

static int S_w_attrs(tumen_buf *b, const tumen_tmx_attr *a, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (tumen_buf_printf(b, " %s=\"", a[i].name.ptr) ||
		    tumen_tmx_escape_attr(b, a[i].value.ptr) ||
		    tumen_buf_addc(b, '"'))
			return -1;
	return 0;
}

/* Notes first, then props: the order TMX 1.4b asks within tu and tuv. */
static int S_w_props(tumen_buf *b, const tumen_tmx_prop *p, size_t n,
                     const char *el, const char *indent)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (tumen_buf_printf(b, "%s<%s", indent, el) ||
		    (p[i].type.len && (tumen_buf_adds(b, " type=\"") ||
		     tumen_tmx_escape_attr(b, p[i].type.ptr) ||
		     tumen_buf_addc(b, '"'))) ||
		    (p[i].lang.len && (tumen_buf_adds(b, " xml:lang=\"") ||
		     tumen_tmx_escape_attr(b, p[i].lang.ptr) ||
		     tumen_buf_addc(b, '"'))) ||
		    tumen_buf_addc(b, '>') ||
		    tumen_xml_escape(b, p[i].value.ptr, p[i].value.len, NULL) ||
		    tumen_buf_printf(b, "</%s>\n", el))
			return -1;
	}
	return 0;
}

/* A tuv with neither note nor prop goes on one line, as tumen writes it,
 * so that merging tumen's own TMX gives back the same bytes. */
static int S_w_tuv(tumen_buf *b, const tumen_tuv *v)
{
	int flat = !v->nnotes && !v->nprops;

	return tumen_buf_adds(b, "      <tuv xml:lang=\"") ||
	       tumen_tmx_escape_attr(b, v->lang.ptr) ||
	       tumen_buf_addc(b, '"') || S_w_attrs(b, v->attrs, v->nattrs) ||
	       tumen_buf_adds(b, flat ? ">" : ">\n") ||
	       S_w_props(b, v->notes, v->nnotes, "note", "        ") ||
	       S_w_props(b, v->props, v->nprops, "prop", "        ") ||
	       tumen_buf_adds(b, flat ? "<seg>" : "        <seg>") ||
	       tumen_buf_add(b, v->xml.ptr, v->xml.len) ||
	       tumen_buf_adds(b, flat ? "</seg></tuv>\n" :
	                      "</seg>\n      </tuv>\n") ? -1 : 0;
}

/* Writes tu (read with keep_inline) with the tuvs whose keep[] is set
 * (keep NULL: all). */
tumen_status tumen_tmx_out_tu(tumen_tmx_out *o, const tumen_tu *tu,
                              const unsigned char *keep)
{
	tumen_buf *b = &o->b;
	tumen_status st;
	size_t i;

	if ((st = S_out_begin(o)))
		return st;
	tumen_buf_reset(b);
	if (tumen_buf_adds(b, "    <tu") ||
	    S_w_attrs(b, tu->attrs, tu->nattrs) || tumen_buf_adds(b, ">\n") ||
	    S_w_props(b, tu->notes, tu->nnotes, "note", "      ") ||
	    S_w_props(b, tu->props, tu->nprops, "prop", "      "))
		return TUMEN_ENOMEM;
	for (i = 0; i < tu->ntuvs; i++)
		if ((!keep || keep[i]) && S_w_tuv(b, &tu->tuvs[i]))
			return TUMEN_ENOMEM;
	if (tumen_buf_adds(b, "    </tu>\n"))
		return TUMEN_ENOMEM;
	if (fwrite(b->ptr, 1, b->len, o->f) != b->len || ferror(o->f))
		return TUMEN_EIO;
	return TUMEN_OK;
}

tumen_status tumen_tmx_out_end(tumen_tmx_out *o)
{
	tumen_status st = S_out_begin(o);

	tumen_buf_release(&o->b);
	if (st || (st = tumen_tmx_end(o->f)))
		return st;
	return fflush(o->f) || ferror(o->f) ? TUMEN_EIO : TUMEN_OK;
}
