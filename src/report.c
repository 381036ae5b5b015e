/*
 * report.c - coverage reports, the model: each document pair's sentences
 * and beads copied in, checked (report_check.c), and read back through the
 * accessors by the renderers (report_text.c, report_json.c,
 * report_html.c).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "report.h"

void tumen_report_opts_init(tumen_report_opts *o)
{
	o->min_score = 0.5;
	o->max_ratio_dev = 2.5;
	o->context = 1;
}

tumen_status tumen_report_new(const tumen_report_opts *o, tumen_report **out)
{
	tumen_report *r = calloc(1, sizeof *r);

	*out = r;
	if (!r)
		return TUMEN_ENOMEM;
	if (o)
		r->o = *o;
	else
		tumen_report_opts_init(&r->o);
	return TUMEN_OK;
}

static void S_rdoc_release(tumen_rdoc *d)
{
	int k;

	free(d->id);
	free(d->error);
	free(d->pool);
	free(d->beads);
	free(d->why);
	free(d->dev);
	for (k = 0; k < 2; k++) {
		free(d->name[k]);
		free(d->lang[k]);
		free(d->off[k]);
		free(d->line[k]);
	}
	for (k = 0; k < 3; k++)
		free(d->list[k]);
	memset(d, 0, sizeof *d);
}

void tumen_report_free(tumen_report *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->n; i++)
		S_rdoc_release(&r->docs[i]);
	free(r->docs);
	free(r);
}

static char *S_strdup(const char *s)
{
	size_t n = strlen(s ? s : "") + 1;
	char *p = malloc(n);

	if (p)
		memcpy(p, s ? s : "", n);
	return p;
}

/* Copies both documents' sentences, names and languages into d. */
static tumen_status S_copy_text(tumen_rdoc *d, const tumen_doc *doc[2])
{
	size_t total = 0, pos = 0, i, len;
	int k;

	for (k = 0; k < 2; k++) {
		d->n[k] = tumen_doc_count(doc[k]);
		for (i = 0; i < d->n[k]; i++) {
			tumen_doc_sentence(doc[k], i, &len);
			total += len + 1;
		}
		d->name[k] = S_strdup(tumen_doc_name(doc[k]));
		d->lang[k] = S_strdup(tumen_doc_lang(doc[k]));
		d->off[k] = malloc((d->n[k] + 1) * sizeof *d->off[k]);
		d->line[k] = malloc((d->n[k] + 1) * sizeof *d->line[k]);
		if (!d->name[k] || !d->lang[k] || !d->off[k] || !d->line[k])
			return TUMEN_ENOMEM;
	}
	if (!(d->pool = malloc(total + 1)))
		return TUMEN_ENOMEM;
	for (k = 0; k < 2; k++)
		for (i = 0; i < d->n[k]; i++) {
			const char *s = tumen_doc_sentence(doc[k], i, &len);
			d->off[k][i] = pos;
			d->line[k][i] = tumen_doc_line(doc[k], i);
			memcpy(d->pool + pos, s, len);
			d->pool[pos + len] = '\0';
			pos += len + 1;
			d->off[k][i + 1] = pos; /* the end, for the last one */
		}
	return TUMEN_OK;
}

/* Copies the beads, checking that they stay inside the documents. */
static tumen_status S_copy_beads(tumen_rdoc *d, const tumen_alignment *a)
{
	size_t i;

	d->nbeads = tumen_alignment_count(a);
	d->beads = malloc((d->nbeads + 1) * sizeof *d->beads);
	d->why = calloc(d->nbeads + 1, 1);
	d->dev = calloc(d->nbeads + 1, sizeof *d->dev);
	if (!d->beads || !d->why || !d->dev)
		return TUMEN_ENOMEM;
	for (i = 0; i < d->nbeads; i++) {
		const tumen_bead *b = tumen_alignment_bead(a, i);
		if (b->src > d->n[0] || b->nsrc > d->n[0] - b->src ||
		    b->tgt > d->n[1] || b->ntgt > d->n[1] - b->tgt)
			return TUMEN_EINVAL;
		d->beads[i] = *b;
	}
	return TUMEN_OK;
}

/* Makes room for one more document; returns it zeroed, or NULL. */
static tumen_rdoc *S_push(tumen_report *r)
{
	if (r->n == r->cap) {
		size_t nc = r->cap ? r->cap * 2 : 8;
		tumen_rdoc *nd = realloc(r->docs, nc * sizeof *nd);
		if (!nd)
			return NULL;
		r->docs = nd;
		r->cap = nc;
	}
	memset(&r->docs[r->n], 0, sizeof r->docs[r->n]);
	return &r->docs[r->n];
}

static tumen_status S_build(tumen_rdoc *d, const tumen_report_opts *o,
                            const tumen_doc *doc[2], const tumen_alignment *a)
{
	tumen_status st;

	d->parallel = tumen_alignment_parallel(a);
	if ((st = S_copy_text(d, doc)) || (st = S_copy_beads(d, a)))
		return st;
	return tumen_report_check(d, doc, o);
}

tumen_status tumen_report_add(tumen_report *r, const char *id,
                              const tumen_doc *src, const tumen_doc *tgt,
                              const tumen_alignment *a)
{
	const tumen_doc *doc[2] = { src, tgt };
	tumen_rdoc *d;
	tumen_status st;

	if (!r || !src || !tgt || !a)
		return TUMEN_EINVAL;
	if (!(d = S_push(r)))
		return TUMEN_ENOMEM;
	d->id = S_strdup(id ? id : tumen_doc_name(src));
	st = d->id ? S_build(d, &r->o, doc, a) : TUMEN_ENOMEM;
	if (st) {
		S_rdoc_release(d);
		return st;
	}
	r->n++;
	return TUMEN_OK;
}

tumen_status tumen_report_add_failed(tumen_report *r, const char *id,
                                     const char *msg)
{
	tumen_rdoc *d = r ? S_push(r) : NULL;

	if (!d)
		return r ? TUMEN_ENOMEM : TUMEN_EINVAL;
	d->id = S_strdup(id);
	d->error = S_strdup(msg && *msg ? msg : "failed");
	if (!d->id || !d->error) {
		S_rdoc_release(d);
		return TUMEN_ENOMEM;
	}
	d->stats.documents = d->stats.failed = 1;
	r->n++;
	return TUMEN_OK;
}

size_t tumen_report_count(const tumen_report *r)
{
	return r ? r->n : 0;
}

const char *tumen_report_doc_id(const tumen_report *r, size_t d)
{
	return r && d < r->n ? r->docs[d].id : NULL;
}

const char *tumen_report_doc_error(const tumen_report *r, size_t d)
{
	return r && d < r->n ? r->docs[d].error : NULL;
}

static void S_stats_add(tumen_report_stats *to, const tumen_report_stats *s)
{
	int a, b;

	to->documents += s->documents;
	to->failed += s->failed;
	to->src_sentences += s->src_sentences;
	to->tgt_sentences += s->tgt_sentences;
	to->src_covered += s->src_covered;
	to->tgt_covered += s->tgt_covered;
	to->beads += s->beads;
	for (a = 0; a < 4; a++)
		for (b = 0; b < 4; b++)
			to->shapes[a][b] += s->shapes[a][b];
	to->omitted += s->omitted;
	to->added += s->added;
	to->suspicious += s->suspicious;
	to->score_sum += s->score_sum;
}

void tumen_report_stats_get(const tumen_report *r, size_t d,
                            tumen_report_stats *s)
{
	size_t i;

	memset(s, 0, sizeof *s);
	if (!r)
		return;
	if (d != (size_t)-1) {
		if (d < r->n)
			*s = r->docs[d].stats;
		return;
	}
	for (i = 0; i < r->n; i++)
		S_stats_add(s, &r->docs[i].stats);
}

const tumen_report_item *tumen_report_items(const tumen_report *r, size_t d,
                                            tumen_report_list which,
                                            size_t *n)
{
	*n = 0;
	if (!r || d >= r->n || (unsigned)which > 2 || !r->docs[d].nlist[which])
		return NULL;
	*n = r->docs[d].nlist[which];
	return r->docs[d].list[which];
}

const tumen_bead *tumen_report_bead(const tumen_report *r, size_t d, size_t i)
{
	if (!r || d >= r->n || i >= r->docs[d].nbeads)
		return NULL;
	return &r->docs[d].beads[i];
}

size_t tumen_report_sentences(const tumen_report *r, size_t d, int side)
{
	return r && d < r->n && (side == 0 || side == 1) ? r->docs[d].n[side] : 0;
}

const char *tumen_report_sentence(const tumen_report *r, size_t d, int side,
                                  size_t i, size_t *len)
{
	const tumen_rdoc *doc;

	if (i >= tumen_report_sentences(r, d, side))
		return NULL;
	doc = &r->docs[d];
	/* off[side][i + 1] is one byte past sentence i's NUL (the text may
	 * hold NULs of its own) */
	if (len)
		*len = doc->off[side][i + 1] - doc->off[side][i] - 1;
	return doc->pool + doc->off[side][i];
}

void tumen_report_context(const tumen_report *r, size_t d, int side,
                          size_t i, size_t *lo, size_t *hi)
{
	size_t n = tumen_report_sentences(r, d, side), c = r ? r->o.context : 0;

	*lo = i > c ? i - c : 0;
	*hi = i < n && n - i - 1 > c ? i + c + 1 : n;
}

/* ---- helpers shared with the renderers ---- */

size_t tumen_report_utf8_len(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n, k;
	unsigned cp;

	if (p[0] < 0x80)
		return 1;
	if (p[0] < 0xC2 || p[0] > 0xF4)
		return 0;
	n = p[0] < 0xE0 ? 2 : p[0] < 0xF0 ? 3 : 4;
	if (len < n)
		return 0;
	cp = p[0] & (0x3F >> (n - 1));
	for (k = 1; k < n; k++) {
		if ((p[k] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (p[k] & 0x3F);
	}
	/* overlong forms, surrogates and values past U+10FFFF */
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		return 0;
	return n;
}

double tumen_report_pct(size_t covered, size_t total)
{
	return total ? 100.0 * (double)covered / (double)total : 100.0;
}
