#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "bytescan.h"
#include "decode.h"
#include "doc.h"
#include "normalize.h"
#include "segment.h"

void tumen_doc_opts_init(tumen_doc_opts *o)
{
	memset(o, 0, sizeof *o);
	o->lang = "en";
	o->para_mode = TUMEN_PARA_BLANK;
}

tumen_doc *tumen_doc_new(const char *name, const char *lang)
{
	tumen_doc *d = calloc(1, sizeof *d);

	if (!d)
		return NULL;
	d->name = strdup(name ? name : "");
	if (!d->name) {
		free(d);
		return NULL;
	}
	snprintf(d->lang, sizeof d->lang, "%s", lang && *lang ? lang : "en");
	tumen_buf_init(&d->text);
	return d;
}

void tumen_doc_free(tumen_doc *d)
{
	if (!d)
		return;
	free(d->name);
	tumen_buf_release(&d->text);
	free(d->off);
	free(d->len);
	free(d->para);
	free(d->line);
	free(d);
}

static int S_is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	       c == '\f';
}

/* The white space S_is_space() knows but a plain space. */
static const tumen_bytes S_space_not_blank =
        TUMEN_BYTES5('\t', '\n', '\r', '\v', '\f');

static tumen_status S_reserve(tumen_doc *d)
{
	size_t cap;
	void *p;

	if (d->n < d->cap)
		return TUMEN_OK;
	cap = d->cap ? d->cap + d->cap / 2 : 64;
	if (cap > (size_t)-1 / sizeof(size_t))
		return TUMEN_ENOMEM;
#define GROW(field)                                                 \
	p = realloc(d->field, cap * sizeof *d->field);               \
	if (!p)                                                      \
		return TUMEN_ENOMEM;                                 \
	d->field = p;
	GROW(off)
	GROW(len)
	GROW(para)
	GROW(line)
#undef GROW
	d->cap = cap;
	return TUMEN_OK;
}

/* Unicode white space other than ASCII that may surround a sentence: NBSP,
 * the U+2000 block spaces, line/paragraph separators, ideographic space.
 * Returns its UTF-8 length at s, or 0. */
static size_t S_uspace(const unsigned char *s, size_t len)
{
	if (len >= 2 && s[0] == 0xC2 && s[1] == 0xA0)
		return 2;
	if (len >= 3 && s[0] == 0xE2 && s[1] == 0x80 &&
	    ((s[2] >= 0x80 && s[2] <= 0x8A) || s[2] == 0xA8 || s[2] == 0xA9 ||
	     s[2] == 0xAF))
		return 3;
	if (len >= 3 && s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80)
		return 3;
	return 0;
}

tumen_status tumen_doc_add(tumen_doc *d, const char *s, size_t len,
                           size_t para, unsigned long line)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, end = len, start, k;
	tumen_status st;

	for (;;) {
		if (i < end && S_is_space(p[i]))
			i++;
		else if (i < end && (k = S_uspace(p + i, end - i)))
			i += k;
		else
			break;
	}
	while (end > i) {
		if (S_is_space(p[end - 1]))
			end--;
		else if (end - i >= 2 && S_uspace(p + end - 2, 2) == 2)
			end -= 2; /* the space must end exactly at `end` */
		else if (end - i >= 3 && S_uspace(p + end - 3, 3) == 3)
			end -= 3;
		else
			break;
	}
	if (i == end)
		return TUMEN_OK;
	if ((st = S_reserve(d)))
		return st;
	start = d->text.len;
	/* copied as it is, except that a run of white space holding a line
	 * break or a tab becomes one space: whole stretches of words and
	 * plain spaces at a time */
	while (i < end) {
		size_t j = tumen_bytes_find(&S_space_not_blank, p, i, end), e;
		e = j;
		while (j < end && e > i && p[e - 1] == ' ')
			e--; /* plain spaces that begin the run */
		if (e > i && (st = tumen_buf_add(&d->text, p + i, e - i)))
			return st;
		if (j == end)
			break;
		while (j < end && S_is_space(p[j]))
			j++;
		if ((st = tumen_buf_addc(&d->text, ' ')))
			return st;
		i = j;
	}
	d->off[d->n] = start;
	d->len[d->n] = d->text.len - start;
	if ((st = tumen_buf_addc(&d->text, '\0')))
		return st;
	if (d->n && para < d->para[d->n - 1])
		para = d->para[d->n - 1];
	d->para[d->n] = para;
	d->line[d->n] = line;
	d->n++;
	d->npara = para + 1;
	return TUMEN_OK;
}

tumen_status tumen_doc_append(tumen_doc *d, const tumen_doc *e)
{
	size_t k, base = d->text.len;
	tumen_status st;

	if (e->text.len &&
	    (st = tumen_buf_add(&d->text, e->text.ptr, e->text.len)))
		return st;
	for (k = 0; k < e->n; k++) {
		if ((st = S_reserve(d)))
			return st;
		d->off[d->n] = base + e->off[k];
		d->len[d->n] = e->len[k];
		d->para[d->n] = d->n && e->para[k] < d->para[d->n - 1]
		                ? d->para[d->n - 1] : e->para[k];
		d->line[d->n] = e->line[k];
		d->npara = d->para[d->n] + 1;
		d->n++;
	}
	return TUMEN_OK;
}

/* Paragraph indices may skip numbers when a paragraph held no sentence:
 * renumber them 0, 1, 2 ... so that npara counts real paragraphs. */
static void S_compact_paras(tumen_doc *d)
{
	size_t i, cur = 0, prev = 0;

	for (i = 0; i < d->n; i++) {
		size_t raw = d->para[i];
		if (i && raw != prev)
			cur++;
		prev = raw;
		d->para[i] = cur;
	}
	d->npara = d->n ? cur + 1 : 0;
}

tumen_status tumen_doc_from_bytes(const char *bytes, size_t len,
                                  const char *name, const tumen_doc_opts *o,
                                  tumen_doc **out, tumen_error *err)
{
	tumen_doc_opts defaults;
	tumen_buf utf8 = TUMEN_BUF_INIT, nfc = TUMEN_BUF_INIT;
	const char *text;
	size_t tlen;
	tumen_doc *d;
	tumen_status st;

	tumen_error_clear(err);
	*out = NULL;
	if (!o) {
		tumen_doc_opts_init(&defaults);
		o = &defaults;
	}
	d = tumen_doc_new(name, o->lang);
	if (!d)
		return TUMEN_ENOMEM;
	/* decoding and NFC copy the text only where they change it: most
	 * input is valid UTF-8 in NFC already */
	if (tumen_decode_is_identity(bytes, len, o->encoding)) {
		text = bytes;
		tlen = len;
		st = TUMEN_OK;
	} else {
		st = tumen_decode(bytes, len, o->encoding, o->lenient, &utf8,
		                  &d->replaced, err);
		text = utf8.ptr;
		tlen = utf8.len;
	}
	if (!st)
		st = tumen_nfc_view(text, tlen, &nfc, &text, &tlen);
	if (!st && text == nfc.ptr)
		tumen_buf_release(&utf8); /* NFC made a copy */
	if (!st)
		st = tumen_segment(text, tlen, o, d, err);
	tumen_buf_release(&utf8);
	tumen_buf_release(&nfc);
	if (!st && d->n == 0) {
		st = TUMEN_EEMPTY;
		if (err) {
			err->code = st;
			snprintf(err->msg, sizeof err->msg, "empty document");
		}
	}
	if (st) {
		if (err && !err->code) {
			err->code = st;
			snprintf(err->msg, sizeof err->msg, "%s",
			         tumen_strerror(st));
		}
		tumen_doc_free(d);
		return st;
	}
	S_compact_paras(d);
	*out = d;
	return TUMEN_OK;
}

size_t tumen_doc_count(const tumen_doc *d) { return d->n; }
size_t tumen_doc_paragraphs(const tumen_doc *d) { return d->npara; }
size_t tumen_doc_paragraph(const tumen_doc *d, size_t i) { return d->para[i]; }
unsigned long tumen_doc_line(const tumen_doc *d, size_t i) { return d->line[i]; }
const char *tumen_doc_lang(const tumen_doc *d) { return d->lang; }
const char *tumen_doc_name(const tumen_doc *d) { return d->name; }
size_t tumen_doc_replaced(const tumen_doc *d) { return d->replaced; }

const char *tumen_doc_sentence(const tumen_doc *d, size_t i, size_t *len)
{
	if (len)
		*len = d->len[i];
	return d->text.ptr + d->off[i];
}

double tumen_doc_arabic_share(const tumen_doc *d)
{
	size_t letters = 0, arabic = 0;
	int32_t i = 0, n = (int32_t)(d->text.len < 0x7fffffff ? d->text.len : 0x7fffffff);
	UChar32 c;

	while (i < n) {
		U8_NEXT(d->text.ptr, i, n, c);
		if (c < 0 || !u_isalpha(c))
			continue;
		letters++;
		if ((c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F) ||
		    (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF))
			arabic++;
	}
	return letters ? (double)arabic / (double)letters : 0.0;
}
