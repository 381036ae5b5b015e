/*
 * normalize.h - pipeline stage 2: Unicode normalization (ICU).
 *
 * Two forms of a text:
 * - the output form, NFC of the input: what TMX and every output shows;
 * - the matching form, used for scoring only, never shown: NFC, then
 *   Arabic yeh (U+064A, U+0649) -> Persian yeh U+06CC, Arabic kaf U+0643 ->
 *   Persian kaf U+06A9, Persian (U+06F0-9) and Arabic-Indic (U+0660-9)
 *   digits -> ASCII, U+066B (Arabic decimal separator) -> '.', U+066C
 *   (thousands separator) -> ',', U+066A (Arabic percent) -> '%', tatweel
 *   U+0640 and Arabic diacritics (U+064B-U+065F, U+0670) removed, full case
 *   folding (ICU u_strFoldCase).  Also NBSP U+00A0 -> space; ZWNJ U+200C
 *   is kept (later stages use it inside words).  Not NFKC: presentation
 *   forms and ligatures other than case-folded ones are left alone.
 * Input must be valid UTF-8 (stage 1 guarantees it); NUL is allowed.
 * Both return TUMEN_OK, TUMEN_ENOMEM, or TUMEN_EICU if ICU fails (e.g. on
 * invalid UTF-8); tumen_match_form() also TUMEN_ELIMIT for input of 2 GB
 * or more.  Both are safe to call from several threads at once.
 */
#ifndef TUMEN_NORMALIZE_H
#define TUMEN_NORMALIZE_H

#include <stddef.h>
#include <tumen/status.h>
#include "buf.h"

/* Appends the NFC of s[0..len) to out. */
tumen_status tumen_nfc(const char *s, size_t len, tumen_buf *out);

/* The NFC of s[0..len): s itself when it is NFC already (*res = s),
 * else appended to out (*res = out->ptr + its length before). */
tumen_status tumen_nfc_view(const char *s, size_t len, tumen_buf *out,
                            const char **res, size_t *rlen);

/* Appends the matching form of s[0..len) to out. */
tumen_status tumen_match_form(const char *s, size_t len, tumen_buf *out);

#endif
