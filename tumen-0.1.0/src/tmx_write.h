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

/* Appends s[0..len) (UTF-8) to out with & < > " escaped, CR written as
 * "&#13;" (a parser would turn a literal CR into LF) and characters XML 1.0
 * forbids (C0 controls but TAB/LF/CR, U+FFFE, U+FFFF, encoded surrogates)
 * dropped; *dropped (may be NULL) is increased by their number.  Returns
 * TUMEN_OK or TUMEN_ENOMEM. */
tumen_status tumen_xml_escape(tumen_buf *out, const char *s, size_t len,
                              size_t *dropped);

/* Writes the XML declaration, the DOCTYPE (SYSTEM "tmx14.dtd"), <tmx>,
 * <header .../> and <body> to f.  `date` is the creationdate
 * (YYYYMMDDThhmmssZ).  TUMEN_EIO if the stream reports an error,
 * TUMEN_EINVAL if srclang or date is NULL. */
tumen_status tumen_tmx_begin(FILE *f, const char *srclang, const char *date);

/* Writes one <tu> with a single fwrite(), built in `scratch` (the caller's
 * buffer, reused from unit to unit).  src/tgt are the already joined
 * segment texts; doc_id may be NULL (no x-document prop); the score is
 * written with four decimals, clamped to [0, 1].  Characters dropped from
 * the texts and doc_id are added to *dropped (may be NULL).  Returns
 * TUMEN_OK, TUMEN_ENOMEM, or TUMEN_EIO when the stream reports an error. */
tumen_status tumen_tmx_unit(FILE *f, tumen_buf *scratch, const char *doc_id,
                            double score, size_t nsrc, size_t ntgt,
                            const char *srclang, const char *src, size_t srclen,
                            const char *tgtlang, const char *tgt, size_t tgtlen,
                            size_t *dropped);

/* Writes </body></tmx>; TUMEN_EIO if the stream reports an error. */
tumen_status tumen_tmx_end(FILE *f);

#endif
