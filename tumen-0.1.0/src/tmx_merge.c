/*
 * tmx_merge.c - `tumen tmx merge`: several TMX files into one, each pair
 * kept once, in the copy with the best x-score.  Two passes: the first
 * finds the best copy of each key, the second writes it.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "tmx_tools.h"

typedef struct {
	tumen_tmx_keyset set;
	tumen_buf form;
	tumen_tmx_out out;
	int pass;
	uint32_t ord;
	tumen_tmx_merge_result *res;
} S_merge;

static tumen_status S_merge_tu(void *ctx, const tumen_tu *tu)
{
	S_merge *m = ctx;
	float sc = (float)tumen_tu_score(tu);
	uint64_t key;
	tumen_tmx_slot *sl;
	int added;
	tumen_status st;

	if (m->ord == UINT32_MAX)
		return TUMEN_ELIMIT;
	if ((st = tumen_tmx_unit_key(tu, &m->form, &key)))
		return st;
	if (m->pass == 2) {
		if (!m->set.cap) /* the input changed since pass 1 */
			return TUMEN_OK;
		sl = tumen_tmx_keyset_probe(m->set.s, m->set.cap, key);
		if (sl->ord != m->ord++)
			return TUMEN_OK;
		m->res->written++;
		return tumen_tmx_out_tu(&m->out, tu, NULL);
	}
	m->res->read++;
	if (!(sl = tumen_tmx_keyset_get(&m->set, key, &added)))
		return TUMEN_ENOMEM;
	m->res->duplicates += !added;
	if (added || sc > sl->score) {
		sl->ord = m->ord;
		sl->score = sc;
	}
	m->ord++;
	return TUMEN_OK;
}

/* Reads input i from its start in the current pass. */
static tumen_status S_merge_pass(S_merge *m, FILE *f, size_t i,
                                 tumen_error *err)
{
	tumen_tmx_reader_opts o = { .keep_inline = m->pass == 2 };
	tumen_tmx_reader *r;
	tumen_status st;

	m->res->failed = i;
	if (fseek(f, 0, SEEK_SET)) {
		if (err)
			snprintf(err->msg, sizeof err->msg,
			         "input is not seekable (merge reads it twice)");
		return TUMEN_EINVAL;
	}
	clearerr(f);
	if ((st = tumen_tmx_reader_new(&r, &o, S_merge_tu, m)))
		return st;
	st = tumen_tmx_reader_read(r, f, err);
	if (!st && m->pass == 1 && i == 0)
		tumen_tmx_out_header(&m->out, r);
	tumen_tmx_reader_free(r);
	return st;
}

tumen_status tumen_tmx_merge(FILE *const *in, size_t nin, FILE *out,
                             tumen_tmx_merge_result *res, tumen_error *err)
{
	S_merge m;
	tumen_status st = TUMEN_OK;
	size_t i;

	memset(&m, 0, sizeof m);
	memset(res, 0, sizeof *res);
	tumen_error_clear(err);
	m.res = res;
	m.out.f = out;
	tumen_buf_init(&m.form);
	tumen_buf_init(&m.out.b);
	for (m.pass = 1; m.pass <= 2 && !st; m.pass++, m.ord = 0)
		for (i = 0; i < nin && !st; i++)
			st = S_merge_pass(&m, in[i], i, err);
	if (!st)
		st = tumen_tmx_out_end(&m.out);
	tumen_buf_release(&m.out.b);
	tumen_buf_release(&m.form);
	free(m.set.s);
	if (st && err && !err->code)
		err->code = st;
	return st;
}
