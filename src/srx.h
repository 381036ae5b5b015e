/*
 * srx.h - SRX rules applied to text (private; see include/tumen/srx.h).
 *
 * A tumen_srx_run holds the rules of one language, cloned from a shared
 * tumen_srx for one thread, and the paragraph they are applied to.  Offsets
 * are UTF-8 byte offsets into that paragraph.
 */
#ifndef TUMEN_SRX_H
#define TUMEN_SRX_H

#include <stddef.h>
#include <unicode/utypes.h>
#include <tumen/srx.h>

typedef struct tumen_srx_run tumen_srx_run;

/* The SRX text of the built-in rules (srx_default.c, generated from
 * data/tumen.srx by scripts/gen-srx-default); NUL-terminated. */
extern const char tumen_srx_default_data[];
extern const size_t tumen_srx_default_size;

/* tumen_srx_parse(), feeding Expat `chunk` bytes at a time (0: all at
 * once), so that tests can split the input anywhere. */
tumen_status tumen_srx_parse_chunked(const char *data, size_t len,
                                     size_t chunk, tumen_srx **out,
                                     tumen_error *err);

/* Clones the rules of `srx` for `lang` into *out (free with
 * tumen_srx_run_free).  Returns TUMEN_OK, TUMEN_ENOMEM or TUMEN_EICU. */
tumen_status tumen_srx_run_new(const tumen_srx *srx, const char *lang,
                               tumen_srx_run **out, tumen_error *err);

void tumen_srx_run_free(tumen_srx_run *run);

/* Number of rules in the run (0: it never breaks). */
size_t tumen_srx_run_rules(const tumen_srx_run *run);

/* Points the run at text[0..len) (valid UTF-8, borrowed until the next
 * call or the free; len < 1 GiB).  Returns TUMEN_OK, TUMEN_ENOMEM,
 * TUMEN_ELIMIT or TUMEN_EICU. */
tumen_status tumen_srx_run_text(tumen_srx_run *run, const char *text,
                                size_t len, tumen_error *err);

/* The text of the last tumen_srx_run_text() in UTF-16, as ICU converts
 * valid UTF-8 (*n16 units); the run's, valid until the next call. */
const UChar *tumen_srx_run_utf16(const tumen_srx_run *run, int32_t *n16);

/* The break positions in the text, increasing, strictly inside it; *v
 * belongs to the run and stays valid until the next call on it. */
tumen_status tumen_srx_run_breaks(tumen_srx_run *run, const size_t **v,
                                  size_t *n, tumen_error *err);

/* The rules' decision at offset `pos` (a code point boundary): 1 break,
 * 0 no break, -1 no rule matches there. */
int tumen_srx_run_decide(tumen_srx_run *run, size_t pos);

/* Whether runs made from now on skip the positions where a rule's
 * characters (srx_scan.c) say it cannot match (on, the default) or try
 * every rule with ICU (off: the reference the tests compare against). */
void tumen_srx_set_filter(tumen_srx *srx, int on);

#endif
