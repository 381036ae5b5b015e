/*
 * tmx_write.h - the TMX 1.4b writer (private; public entry: tumen/output.h).
 *
 * Writes UTF-8 TMX 1.4b: XML declaration, <tmx version="1.4">, a <header>
 * with creationtool="tumen", creationtoolversion, segtype="sentence",
 * o-tmf="tumen", adminlang="en", srclang, datatype="plaintext",
 * creationdate YYYYMMDDThhmmssZ; a <tu> per bead with both sides, carrying
 * <prop type="x-score">, <prop type="x-bead"> ("2-1") and
 * <prop type="x-document">; <tuv xml:lang="..."><seg>...</seg></tuv> for each
 * side, the sentences of one side joined by one space.  Markup characters are
 * escaped; characters XML 1.0 forbids are dropped and counted.
 */
#ifndef TUMEN_TMX_WRITE_H
#define TUMEN_TMX_WRITE_H

#include <stdio.h>
#include <tumen/status.h>
#include "buf.h"

/* Appends s[0..len) to out with & < > " escaped and characters XML 1.0
 * forbids (C0 controls but TAB/LF/CR, U+FFFE, U+FFFF, lone surrogates)
 * dropped; *dropped (may be NULL) is increased by their number. */
tumen_status tumen_xml_escape(tumen_buf *out, const char *s, size_t len,
                              size_t *dropped);

/* Writes the XML declaration, <tmx>, <header .../> and <body> to f.
 * `date` is the creationdate (YYYYMMDDThhmmssZ). */
tumen_status tumen_tmx_begin(FILE *f, const char *srclang, const char *date);

/* Writes one <tu>.  src/tgt are the already joined segment texts. */
tumen_status tumen_tmx_unit(FILE *f, tumen_buf *scratch, const char *doc_id,
                            double score, size_t nsrc, size_t ntgt,
                            const char *srclang, const char *src, size_t srclen,
                            const char *tgtlang, const char *tgt, size_t tgtlen,
                            size_t *dropped);

/* Writes </body></tmx>. */
tumen_status tumen_tmx_end(FILE *f);

#endif
