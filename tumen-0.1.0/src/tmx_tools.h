/*
 * tmx_tools.h - what the `tumen tmx` tools share (private; public API in
 * tumen/tmx.h): pair keys and a set of them, small look-ups on a unit, and
 * the writer that copies units read back out as TMX.
 *
 * The tools themselves live one per file: tmx_stats.c, tmx_validate.c,
 * tmx_merge.c, tmx_filter.c and tmx_export.c; tmx_tools.c holds the keys,
 * the key set and the checks of language tags and dates, tmx_out.c the
 * writer.
 */
#ifndef TUMEN_TMX_TOOLS_H
#define TUMEN_TMX_TOOLS_H

#include <stdint.h>
#include <stdio.h>
#include <tumen/tmx.h>
#include "buf.h"

/* ---- keys (tmx_tools.c) --------------------------------------------- */

/* A 64-bit finaliser (MurmurHash3's): spreads the bits of h. */
uint64_t tumen_tmx_mix(uint64_t h);

/* The key of one side, s[0..len): its matching form (tumen_match_form())
 * hashed; `form` is the caller's scratch buffer.  Returns TUMEN_OK or
 * TUMEN_ENOMEM. */
tumen_status tumen_tmx_side_key(const char *s, size_t len, tumen_buf *form,
                                uint64_t *key);

/* The key of a unit: its sides' keys, each mixed with its language, summed
 * (so the order of the tuvs does not matter); never 0.  `form` is scratch.
 * Returns TUMEN_OK or TUMEN_ENOMEM. */
tumen_status tumen_tmx_unit_key(const tumen_tu *tu, tumen_buf *form,
                                uint64_t *key);

/* ---- a set of pair keys, each with its best copy (tmx_tools.c) ------- */

typedef struct {
	uint64_t key;  /* 0: an empty slot */
	uint32_t ord;  /* the unit holding the best copy */
	float score;
} tumen_tmx_slot;

/* Open addressing, linear probing; zero-initialise, free(s) when done. */
typedef struct {
	tumen_tmx_slot *s;
	size_t cap, n; /* cap: a power of two (0 before the first key) */
} tumen_tmx_keyset;

/* The slot holding key in s[0..cap), or the empty one where it would go
 * (cap > 0). */
tumen_tmx_slot *tumen_tmx_keyset_probe(tumen_tmx_slot *s, size_t cap,
                                       uint64_t key);

/* The slot of key, added (key set, ord and score for the caller to fill)
 * if new: *added says which.  NULL when out of memory. */
tumen_tmx_slot *tumen_tmx_keyset_get(tumen_tmx_keyset *set, uint64_t key,
                                     int *added);

/* ---- look-ups (tmx_tools.c) ----------------------------------------- */

/* Number of UTF-8 characters in s[0..len) (bytes that do not continue
 * one). */
size_t tumen_tmx_chars(const char *s, size_t len);

/* The first tuv of tu in language `lang` (case-insensitive), or, with
 * lang NULL, the first in a language other than that of `not`; NULL if
 * none. */
const tumen_tuv *tumen_tmx_find_tuv(const tumen_tu *tu, const char *lang,
                                    const tumen_tuv *not);

/* ---- writing units back (tmx_out.c) --------------------------------- */

/* The output of merge and filter: the TMX header is written before the
 * first unit (or at the end, if there is none).  Zero-initialise, set f,
 * tumen_buf_init(&b); tumen_tmx_out_end() releases b. */
typedef struct {
	FILE *f;
	tumen_buf b;
	int begun;
	char srclang[36], date[32];
} tumen_tmx_out;

/* Takes the srclang and creationdate of a reader's header, when sound
 * (else "en" and the current time). */
void tumen_tmx_out_header(tumen_tmx_out *o, const tumen_tmx_reader *r);

/* Writes tu (read with keep_inline) with the tuvs whose keep[] is set
 * (keep NULL: all), after the header if not yet written.  Returns TUMEN_OK,
 * TUMEN_ENOMEM or TUMEN_EIO. */
tumen_status tumen_tmx_out_tu(tumen_tmx_out *o, const tumen_tu *tu,
                              const unsigned char *keep);

/* Writes the header if not yet written and the end of the file, flushes,
 * and releases o->b.  Returns TUMEN_OK or TUMEN_EIO. */
tumen_status tumen_tmx_out_end(tumen_tmx_out *o);

#endif
