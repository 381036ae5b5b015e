/*
 * output.c - the writer behind tumen/output.h: dispatches each bead to the
 * chosen format.  TMX goes through tmx_write.c; beads, TSV and Moses are
 * one line per bead, written here.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <tumen/output.h>
#include "buf.h"
#include "par.h"
#include "tmx_write.h"

struct tumen_writer {
	tumen_writer_opts o;
	char src_lang[36], tgt_lang[36];
	FILE *out, *out2;
	tumen_buf src, tgt, scratch;
	size_t units, dropped;
	int begun;
};

void tumen_writer_opts_init(tumen_writer_opts *o)
{
	memset(o, 0, sizeof *o);
	o->format = TUMEN_FMT_TMX;
	o->src_lang = "en";
	o->tgt_lang = "fa";
	o->min_score = 0.0;
	o->threads = 1;
}

static void S_now(char date[32])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(date, 32, "%Y%m%dT%H%M%SZ", &tm);
}

tumen_status tumen_writer_open(tumen_writer **out, const tumen_writer_opts *o,
                               FILE *f, FILE *f2)
{
	tumen_writer *w;
	char date[32];
	tumen_status st = TUMEN_OK;

	*out = NULL;
	if (!f || (o->format == TUMEN_FMT_MOSES && !f2))
		return TUMEN_EINVAL;
	w = calloc(1, sizeof *w);
	if (!w)
		return TUMEN_ENOMEM;
	w->o = *o;
	snprintf(w->src_lang, sizeof w->src_lang, "%s",
	         o->src_lang ? o->src_lang : "en");
	snprintf(w->tgt_lang, sizeof w->tgt_lang, "%s",
	         o->tgt_lang ? o->tgt_lang : "fa");
	w->out = f;
	w->out2 = f2;
	tumen_buf_init(&w->src);
	tumen_buf_init(&w->tgt);
	tumen_buf_init(&w->scratch);
	if (o->format == TUMEN_FMT_TMX && !o->fragment) {
		if (!o->creation_date)
			S_now(date);
		st = tumen_tmx_begin(f, w->src_lang,
		                     o->creation_date ? o->creation_date : date);
	}
	if (st) {
		tumen_writer_free(w);
		return st;
	}
	*out = w;
	return TUMEN_OK;
}

/* Joins sentences [first, first+n) of doc with single spaces into b. */
static tumen_status S_join(tumen_buf *b, const tumen_doc *doc, size_t first,
                           size_t n)
{
	size_t i, len;
	const char *s;

	tumen_buf_reset(b);
	for (i = 0; i < n; i++) {
		s = tumen_doc_sentence(doc, first + i, &len);
		if ((i && tumen_buf_addc(b, ' ')) || tumen_buf_add(b, s, len))
			return TUMEN_ENOMEM;
	}
	return TUMEN_OK;
}

/* A score as 0.1234 whatever the locale's decimal separator. */
static void S_score(FILE *f, double score)
{
	long v;

	if (!(score >= 0))
		score = 0;
	if (score > 1)
		score = 1;
	v = (long)(score * 10000 + 0.5);
	fprintf(f, "%ld.%04ld", v / 10000, v % 10000);
}

/* TSV and Moses are line formats: a tab, CR, LF or NUL inside a sentence
 * would break a line in two, so it becomes a space there (never in TMX). */
static void S_flatten(tumen_buf *b)
{
	size_t i;

	for (i = 0; i < b->len; i++)
		if (b->ptr[i] == '\t' || b->ptr[i] == '\n' || b->ptr[i] == '\r' ||
		    b->ptr[i] == '\0')
			b->ptr[i] = ' ';
}

static void S_side(FILE *f, size_t first, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		fprintf(f, i ? ",%zu" : "%zu", first + i);
}

/* A document id as a line's first column: tabs and line breaks become
 * spaces so the line stays one line of columns. */
static void S_id(FILE *f, const char *id)
{
	for (; id && *id; id++)
		fputc(*id == '\t' || *id == '\n' || *id == '\r' ? ' ' : *id, f);
	fputc('\t', f);
}

static tumen_status S_bead(tumen_writer *w, const char *doc_id,
                           const tumen_doc *src, const tumen_doc *tgt,
                           const tumen_bead *b)
{
	if (w->o.doc_ids && w->o.format != TUMEN_FMT_TMX &&
	    w->o.format != TUMEN_FMT_MOSES && (w->o.format == TUMEN_FMT_BEADS ||
	                                       (b->nsrc && b->ntgt &&
	                                        b->score >= w->o.min_score)))
		S_id(w->out, doc_id);
	if (w->o.format == TUMEN_FMT_BEADS) {
		S_side(w->out, b->src, b->nsrc);
		fputc('\t', w->out);
		S_side(w->out, b->tgt, b->ntgt);
		if (w->o.bead_scores) {
			fputc('\t', w->out);
			S_score(w->out, b->score);
		}
		fputc('\n', w->out);
		if (b->nsrc && b->ntgt)
			w->units++;
		return TUMEN_OK;
	}
	if (!b->nsrc || !b->ntgt || b->score < w->o.min_score)
		return TUMEN_OK;
	if (S_join(&w->src, src, b->src, b->nsrc) ||
	    S_join(&w->tgt, tgt, b->tgt, b->ntgt))
		return TUMEN_ENOMEM;
	w->units++;
	switch (w->o.format) {
	case TUMEN_FMT_TMX:
		return tumen_tmx_unit(w->out, &w->scratch, doc_id, b->score,
		                      b->nsrc, b->ntgt, w->src_lang, w->src.ptr,
		                      w->src.len, w->tgt_lang, w->tgt.ptr,
		                      w->tgt.len, &w->dropped);
	case TUMEN_FMT_TSV:
		S_flatten(&w->src);
		S_flatten(&w->tgt);
		S_score(w->out, b->score);
		fputc('\t', w->out);
		fwrite(w->src.ptr, 1, w->src.len, w->out);
		fputc('\t', w->out);
		fwrite(w->tgt.ptr, 1, w->tgt.len, w->out);
		fputc('\n', w->out);
		return TUMEN_OK;
	case TUMEN_FMT_MOSES:
		S_flatten(&w->src);
		S_flatten(&w->tgt);
		fwrite(w->src.ptr, 1, w->src.len, w->out);
		fputc('\n', w->out);
		fwrite(w->tgt.ptr, 1, w->tgt.len, w->out2);
		fputc('\n', w->out2);
		return TUMEN_OK;
	default:
		return TUMEN_EINVAL;
	}
}

#ifdef HAVE_OPEN_MEMSTREAM
/* Beads [k0, k1) of an alignment through writer w (one thread's block). */
typedef struct {
	tumen_writer *w;
	const char *doc_id;
	const tumen_doc *src, *tgt;
	const tumen_alignment *a;
	size_t k0, k1;
	tumen_status st;
} S_block;

static void S_block_run(void *arg)
{
	S_block *b = arg;
	size_t i;

	for (i = b->k0; !b->st && i < b->k1; i++)
		b->st = S_bead(b->w, b->doc_id, b->src, b->tgt,
		               tumen_alignment_bead(b->a, i));
}

/* Copies what memory stream m (buffer *p, *n bytes once flushed) holds
 * to f, and empties it; -1 on an error of either. */
static int S_drain(FILE *m, char **p, size_t *n, FILE *f)
{
	if (fflush(m) || ferror(m))
		return -1;
	if (*n && fwrite(*p, 1, *n, f) != *n)
		return -1;
	return fseeko(m, 0, SEEK_SET) ? -1 : 0;
}

/* Alignments of more beads than this, with threads > 1, are written a
 * block of PAR_BLOCK beads at a time on each of two threads: the caller
 * writes its blocks straight to the streams, the other thread its next
 * block to memory streams, which the caller then copies after its own.
 * Memory stays at one block's units. */
#define PAR_MIN 2048
#define PAR_BLOCK 1024

static tumen_status S_add_par(tumen_writer *w, const char *doc_id,
                              const tumen_doc *src, const tumen_doc *tgt,
                              const tumen_alignment *a, size_t n)
{
	tumen_writer w2 = *w;
	char *p1 = NULL, *p2 = NULL;
	size_t n1 = 0, n2 = 0, k;
	tumen_status st = TUMEN_OK;

	tumen_buf_init(&w2.src);
	tumen_buf_init(&w2.tgt);
	tumen_buf_init(&w2.scratch);
	w2.units = w2.dropped = 0;
	w2.out = open_memstream(&p1, &n1);
	w2.out2 = w->out2 ? open_memstream(&p2, &n2) : NULL;
	if (!w2.out || (w->out2 && !w2.out2))
		st = TUMEN_ENOMEM;
	for (k = 0; !st && k < n; k += 2 * PAR_BLOCK) {
		S_block mine = { w, doc_id, src, tgt, a, k,
		                 k + PAR_BLOCK < n ? k + PAR_BLOCK : n, TUMEN_OK };
		S_block other = { &w2, doc_id, src, tgt, a, mine.k1,
		                  mine.k1 + PAR_BLOCK < n ? mine.k1 + PAR_BLOCK : n,
		                  TUMEN_OK };
		tumen_par2(2, S_block_run, &mine, S_block_run, &other);
		if ((st = mine.st ? mine.st : other.st))
			break;
		if (S_drain(w2.out, &p1, &n1, w->out) ||
		    (w2.out2 && S_drain(w2.out2, &p2, &n2, w->out2)))
			st = ferror(w2.out) || (w2.out2 && ferror(w2.out2))
			             ? TUMEN_ENOMEM
			             : TUMEN_EIO;
	}
	w->units += w2.units;
	w->dropped += w2.dropped;
	if (w2.out)
		fclose(w2.out);
	if (w2.out2)
		fclose(w2.out2);
	free(p1);
	free(p2);
	tumen_buf_release(&w2.src);
	tumen_buf_release(&w2.tgt);
	tumen_buf_release(&w2.scratch);
	return st;
}
#endif

tumen_status tumen_writer_add(tumen_writer *w, const char *doc_id,
                              const tumen_doc *src, const tumen_doc *tgt,
                              const tumen_alignment *a)
{
	size_t i, n = tumen_alignment_count(a);
	tumen_status st;

#ifdef HAVE_OPEN_MEMSTREAM
	if (w->o.threads > 1 && n > PAR_MIN) {
		if ((st = S_add_par(w, doc_id, src, tgt, a, n)))
			return st;
	} else
#endif
	{
		for (i = 0; i < n; i++)
			if ((st = S_bead(w, doc_id, src, tgt,
			                 tumen_alignment_bead(a, i))))
				return st;
	}
	if (ferror(w->out) || (w->out2 && ferror(w->out2)))
		return TUMEN_EIO;
	return TUMEN_OK;
}

tumen_status tumen_writer_finish(tumen_writer *w)
{
	tumen_status st = TUMEN_OK;

	if (w->o.format == TUMEN_FMT_TMX && !w->o.fragment)
		st = tumen_tmx_end(w->out);
	if (fflush(w->out) || ferror(w->out))
		st = TUMEN_EIO;
	if (w->out2 && (fflush(w->out2) || ferror(w->out2)))
		st = TUMEN_EIO;
	return st;
}

void tumen_writer_free(tumen_writer *w)
{
	if (!w)
		return;
	tumen_buf_release(&w->src);
	tumen_buf_release(&w->tgt);
	tumen_buf_release(&w->scratch);
	free(w);
}

size_t tumen_writer_units(const tumen_writer *w) { return w->units; }
size_t tumen_writer_dropped(const tumen_writer *w) { return w->dropped; }
