/*
 * fuzz_tmx.c - libFuzzer target for the streaming TMX reader and the
 * validator (tumen/tmx.h).
 *
 * Input: byte 0 chooses keep_inline (bit 0), whether to run the validator
 * too (bit 1) and a chunk size of 1 to 8 bytes (bits 2-4); the rest is the
 * file.  Invariants: every string handed to the callback is non-NULL and
 * NUL-terminated at its length; the reader gives the same status, unit
 * count and text fed whole and fed in small chunks (a character split
 * between chunks must not matter); the validator reports problems exactly
 * when it returns TUMEN_EFORMAT.
 */
#define _GNU_SOURCE /* fmemopen */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <tumen/tmx.h>

#include "fuzz_common.h"

typedef struct {
	unsigned long long units;
	uint64_t hash; /* FNV-1a over every string received */
} S_seen;

static void S_str(S_seen *s, const tumen_tmx_str *t)
{
	size_t i;

	FUZZ_ASSERT(t->ptr != NULL);
	FUZZ_ASSERT(t->ptr[t->len] == '\0');
	for (i = 0; i < t->len; i++)
		s->hash = (s->hash ^ (unsigned char)t->ptr[i]) * 1099511628211ULL;
	s->hash = (s->hash ^ 0xFF) * 1099511628211ULL;
}

static void S_props(S_seen *s, const tumen_tmx_prop *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		S_str(s, &p[i].type);
		S_str(s, &p[i].lang);
		S_str(s, &p[i].value);
	}
}

static void S_attrs(S_seen *s, const tumen_tmx_attr *a, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		S_str(s, &a[i].name);
		S_str(s, &a[i].value);
	}
}

static tumen_status S_unit(void *ctx, const tumen_tu *tu)
{
	S_seen *s = ctx;
	size_t i;

	FUZZ_ASSERT(tu->index == s->units);
	s->units++;
	S_str(s, &tu->tuid);
	S_attrs(s, tu->attrs, tu->nattrs);
	S_props(s, tu->props, tu->nprops);
	S_props(s, tu->notes, tu->nnotes);
	for (i = 0; i < tu->ntuvs; i++) {
		const tumen_tuv *v = &tu->tuvs[i];
		S_str(s, &v->lang);
		S_str(s, &v->seg);
		S_str(s, &v->xml);
		S_attrs(s, v->attrs, v->nattrs);
		S_props(s, v->props, v->nprops);
		S_props(s, v->notes, v->nnotes);
	}
	return TUMEN_OK;
}

/* Reads data[0..len) in chunks of `chunk` bytes (0: all at once). */
static tumen_status S_read(const char *data, size_t len, size_t chunk,
                           int keep_inline, S_seen *seen)
{
	tumen_tmx_reader_opts o;
	tumen_tmx_reader *r = NULL;
	tumen_error err;
	tumen_status st;
	size_t off = 0;

	memset(seen, 0, sizeof *seen);
	seen->hash = 14695981039346656037ULL;
	tumen_tmx_reader_opts_init(&o);
	o.keep_inline = keep_inline;
	st = tumen_tmx_reader_new(&r, &o, S_unit, seen);
	if (st) {
		FUZZ_ASSERT(st == TUMEN_ENOMEM);
		return st;
	}
	tumen_error_clear(&err);
	if (!chunk) {
		st = tumen_tmx_reader_feed(r, data, len, 1, &err);
	} else {
		do {
			size_t n = len - off < chunk ? len - off : chunk;
			st = tumen_tmx_reader_feed(r, data + off, n,
			                           off + n == len, &err);
			off += n;
		} while (!st && off < len);
	}
	if (!st)
		FUZZ_ASSERT(tumen_tmx_reader_units(r) == seen->units);
	else
		FUZZ_ASSERT(err.msg[0] != '\0');
	tumen_tmx_reader_free(r);
	return st;
}

static void S_problem(void *ctx, unsigned long line, const char *msg)
{
	(void)line;
	FUZZ_ASSERT(msg != NULL && msg[0] != '\0');
	++*(size_t *)ctx;
}

static void S_validate(const char *data, size_t len)
{
	FILE *f = fmemopen((void *)data, len, "rb");
	size_t calls = 0, n = 0;
	tumen_error err;
	tumen_status st;

	if (!f)
		return;
	st = tumen_tmx_validate(f, S_problem, &calls, &n, &err);
	FUZZ_ASSERT(n == calls);
	FUZZ_ASSERT(st == TUMEN_OK || st == TUMEN_EFORMAT ||
	            st == TUMEN_ENOMEM || st == TUMEN_EIO);
	if (st == TUMEN_OK)
		FUZZ_ASSERT(n == 0);
	if (st == TUMEN_EFORMAT)
		FUZZ_ASSERT(n > 0);
	fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	S_seen whole, chunked;
	tumen_status a, b;
	const char *in = (const char *)data + 1;
	size_t len, chunk;
	int keep;

	if (size < 1 || size - 1 == 0)
		return 0;
	len = size - 1;
	keep = data[0] & 1;
	chunk = ((data[0] >> 2) & 7) + 1;
	a = S_read(in, len, 0, keep, &whole);
	b = S_read(in, len, chunk, keep, &chunked);
	FUZZ_ASSERT(a == b);
	if (a == TUMEN_OK) {
		FUZZ_ASSERT(whole.units == chunked.units);
		FUZZ_ASSERT(whole.hash == chunked.hash);
	}
	if (data[0] & 2)
		S_validate(in, len);
	return 0;
}
