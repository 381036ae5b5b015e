/*
 * decode.h - pipeline stage 1: raw bytes in any encoding to valid UTF-8.
 *
 * - A byte-order mark (UTF-8, UTF-16LE/BE, UTF-32LE/BE) selects the encoding
 *   when `encoding` is NULL and is removed.  Without a BOM and without a
 *   declared encoding the input must be UTF-8.
 * - A declared encoding (any iconv name, e.g. "windows-1256", "UTF-16LE")
 *   is converted with iconv; a BOM matching it is removed.  An unknown name
 *   is TUMEN_EENCODING with msg "unknown encoding 'NAME'".
 * - UTF-8 is validated (overlongs, surrogates, > U+10FFFF and truncated
 *   sequences are invalid).  The first invalid sequence fails with
 *   TUMEN_EUTF8, err->has_byte = 1, err->byte = the 0-based offset of its
 *   first byte in the *input* (a skipped BOM and CRs count; for
 *   iconv-converted input: offset in the input bytes), msg "invalid UTF-8"
 *   (other encodings: "invalid byte sequence for encoding 'NAME'").
 *   On failure `out` is left as it was.
 * - With `lenient`, invalid input becomes U+FFFD and *replaced counts the
 *   replacements.  UTF-8: one U+FFFD per maximal subpart (Unicode 3.9): a
 *   lead byte with the continuation bytes that could still have completed
 *   it is one, any other bad byte one on its own ("E2 82 z" gives one, "ED
 *   A0 80" three).  Other encodings: one U+FFFD per input unit skipped (a
 *   byte; 2 bytes for UTF-16, 4 for UTF-32).
 * - Line ends: CRLF and lone CR become LF.  NUL and other control characters
 *   are kept as they are (later stages and writers deal with them).
 */
#ifndef TUMEN_DECODE_H
#define TUMEN_DECODE_H

#include <stddef.h>
#include <tumen/status.h>
#include "buf.h"

/* Decodes `len` bytes into `out` (appended; NUL-terminated by tumen_buf).
 * *replaced (may be NULL) gets the U+FFFD count in lenient mode. */
tumen_status tumen_decode(const char *in, size_t len, const char *encoding,
                          int lenient, tumen_buf *out, size_t *replaced,
                          tumen_error *err);

/* Whether tumen_decode() would give back in[0..len) unchanged: UTF-8 (the
 * encoding NULL or a name of UTF-8) without a byte-order mark, valid, and
 * without CR; the caller can then use the bytes as they are. */
int tumen_decode_is_identity(const char *in, size_t len, const char *encoding);

/* Length in bytes of the valid UTF-8 sequence at s[0..len), or 0 if the
 * bytes there do not start a valid sequence (or len is 0).  Shared by
 * every stage that walks UTF-8; *cp gets the code point. */
size_t tumen_utf8_next(const unsigned char *s, size_t len, unsigned *cp);

#endif
