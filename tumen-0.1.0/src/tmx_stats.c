/*
 * tmx_stats.c - `tumen tmx stats`: units, segments, words and characters
 * per language, bead types, the x-score histogram and duplicate pairs,
 * counted in one streaming pass.
 */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "tmx_read.h"
#include "tmx_tools.h"

typedef struct {
	tumen_tmx_stats *s;
	tumen_tmx_reader *r;
	tumen_tmx_keyset set;
	tumen_buf form;
} S_stats;

static size_t S_words(const char *s, size_t len)
{
	size_t i, n = 0;
	int in = 0;

	for (i = 0; i < len; i++) {
		int sp = isspace((unsigned char)s[i]);
		n += !sp && !in;
		in = !sp;
	}
	return n;
}

static void S_count_lang(tumen_tmx_stats *s, const tumen_tuv *v)
{
	size_t i;

	for (i = 0; i < s->nlangs; i++)
		if (!strcasecmp(s->langs[i].lang, v->lang.ptr))
			break;
	if (i == s->nlangs) {
		if (i == TUMEN_TMX_MAX_LANGS)
			i--, strcpy(s->langs[i].lang, "other");
		else
			snprintf(s->langs[s->nlangs++].lang,
			         sizeof s->langs[0].lang, "%s", v->lang.ptr);
	}
	s->langs[i].segments++;
	s->langs[i].words += S_words(v->seg.ptr, v->seg.len);
	s->langs[i].chars += tumen_tmx_chars(v->seg.ptr, v->seg.len);
}

static void S_count_bead(tumen_tmx_stats *s, const char *type)
{
	size_t i;

	for (i = 0; i < s->nbeads; i++)
		if (!strcmp(s->beads[i].type, type))
			break;
	if (i == s->nbeads) {
		if (i == TUMEN_TMX_MAX_BEADS || strlen(type) >= 16)
			type = "other";
		for (i = 0; i < s->nbeads; i++)
			if (!strcmp(s->beads[i].type, type))
				break;
		if (i == s->nbeads) {
			if (i == TUMEN_TMX_MAX_BEADS + 1)
				i--; /* both "other" and full: share the last */
			else
				s->nbeads++;
			strcpy(s->beads[i].type, type);
		}
	}
	s->beads[i].count++;
}

static tumen_status S_stats_tu(void *ctx, const tumen_tu *tu)
{
	S_stats *c = ctx;
	tumen_tmx_stats *s = c->s;
	double sc = tumen_tu_score(tu);
	uint64_t key;
	size_t i;
	int added;
	tumen_status st;

	if (s->units++ == 0) {
		const char *sl = tumen_tmx_reader_header(c->r, "srclang");
		snprintf(s->srclang, sizeof s->srclang, "%s", sl ? sl : "");
	}
	s->tuvs += tu->ntuvs;
	for (i = 0; i < tu->ntuvs; i++)
		S_count_lang(s, &tu->tuvs[i]);
	for (i = 0; i < tu->nprops; i++)
		if (!strcmp(tu->props[i].type.ptr, "x-bead"))
			S_count_bead(s, tu->props[i].value.ptr);
	if (sc >= 0) {
		s->scored++;
		s->score_hist[sc >= 1.0 ? 9 : (int)(sc * 10)]++;
	}
	if ((st = tumen_tmx_unit_key(tu, &c->form, &key)))
		return st;
	if (!tumen_tmx_keyset_get(&c->set, key, &added))
		return TUMEN_ENOMEM;
	s->duplicates += !added;
	return TUMEN_OK;
}

tumen_status tumen_tmx_stats_read(FILE *f, tumen_tmx_stats *s,
                                  tumen_error *err)
{
	S_stats c;
	tumen_status st;

	memset(s, 0, sizeof *s);
	memset(&c, 0, sizeof c);
	c.s = s;
	tumen_buf_init(&c.form);
	st = tumen_tmx_reader_new(&c.r, NULL, S_stats_tu, &c);
	if (!st)
		st = tumen_tmx_reader_read(c.r, f, err);
	if (!st && !s->units) {
		const char *sl = tumen_tmx_reader_header(c.r, "srclang");
		snprintf(s->srclang, sizeof s->srclang, "%s", sl ? sl : "");
	}
	tumen_tmx_reader_free(c.r);
	tumen_buf_release(&c.form);
	free(c.set.s);
	return st;
}
