/*
 * tmx_read_priv.h - the TMX reader's state (private), shared by the public
 * side in tmx_read.c and the Expat handlers in tmx_read_expat.c.
 *
 * Strings of the open <tu> live in `arena` as spans (offsets, since the
 * arena moves as it grows); the public view (p*) is built from them at
 * </tu>.
 */
#ifndef TUMEN_TMX_READ_PRIV_H
#define TUMEN_TMX_READ_PRIV_H

#include <stddef.h>
#include <expat.h>
#include <tumen/tmx.h>
#include "buf.h"
#include "tmx_read.h"

/* A string in the arena. */
typedef struct { size_t off, len; } tumen_tmx_span;

/* An attribute (a = name, b = value), prop (a = type, b = lang, c = value)
 * or note (b = lang, c = value); owner -1 is the <tu>, else a tuv. */
typedef struct {
	long owner;
	tumen_tmx_span a, b, c;
} tumen_tmx_item;

/* A <tuv> of the open unit. */
typedef struct {
	tumen_tmx_span lang, seg, xml;
	unsigned long line;
	int has_seg;
	size_t cnt[3]; /* attrs, props, notes: counts, then cursors */
} tumen_tmx_tuvrec;

/* A growing array: v holds n elements, room for cap. */
typedef struct {
	void *v;
	size_t n, cap;
} tumen_tmx_vec;

struct tumen_tmx_reader {
	XML_Parser p;
	tumen_tmx_reader_opts o;
	tumen_tu_fn fn;
	void *ctx;
	tumen_tmx_hook hook;
	void *hctx;
	tumen_status st; /* sticky: the first failure */
	tumen_error err;
	unsigned depth;
	unsigned char kind[TUMEN_TMX_MAX_DEPTH + 2];
	size_t name_off[TUMEN_TMX_MAX_DEPTH + 2];
	tumen_buf names;  /* open element names, for the hook's parent */
	int in_tu, in_tuv, in_seg, in_value, code_depth, header_seen;
	long owner;       /* owner of the prop/note being read */
	tumen_buf arena, seg, xml, value, hdr;
	tumen_tmx_span ptype, plang;
	tumen_tmx_vec attrs, props, notes; /* of tumen_tmx_item */
	tumen_tmx_vec tuvs;                /* of tumen_tmx_tuvrec */
	tumen_tmx_vec pattrs, pprops, pnotes, ptuvs; /* the public view */
	unsigned long tu_line;
	unsigned long long units;
};

/* Installs the handlers of tmx_read_expat.c on r->p (user data r) and
 * turns parameter entity parsing off. */
void tumen_tmx_read_handlers(tumen_tmx_reader *r);

#endif
