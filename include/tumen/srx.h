/*
 * tumen/srx.h - SRX 2.0 sentence segmentation rules.
 *
 * SRX (Segmentation Rules eXchange, LISA/GALA) describes sentence breaks as
 * ordered rules per language.  A rule says break="yes" or break="no" and
 * holds two regular expressions: <beforebreak>, which must match the text
 * ending at a position, and <afterbreak>, which must match the text
 * starting there (an empty or missing pattern matches anywhere).  At each
 * position the first rule that matches decides; where no rule matches
 * there is no break.
 *
 * <maprules> picks the rules for a language: each <languagemap>'s
 * languagepattern is a regular expression matched against the WHOLE
 * language code, case-insensitively ("EN.*" matches "en" and "en-US", not
 * "ben").  With the header's cascade="no" the first matching map gives the
 * rules; with cascade="yes" the rules of every matching map are tried, in
 * map order.  segmentsubflows and <formathandle> are read and ignored
 * (they concern markup, and tumen segments plain text).  SRX 1.0's
 * <maprule> wrapper is accepted, and elements in other XML namespaces
 * (tool extensions such as Okapi's) are skipped with their content.
 *
 * Patterns use ICU's regular expressions, which accept the Java syntax
 * SRX files are written in (\p{Lu}, (?i), lookahead and lookbehind).  For
 * speed, a break="yes" rule's candidates are the ends of its non-overlapping
 * beforebreak matches; a beforebreak of unbounded length (\s+) is looked
 * for at most 1024 bytes back when it serves as an exception.
 *
 * Parsing is safe on untrusted files: no DTD or external entity is read,
 * entity declarations are rejected, and elements nest at most 32 deep.
 *
 * A compiled tumen_srx is immutable: one may be shared by threads that
 * segment at the same time.
 */
#ifndef TUMEN_PUB_SRX_H
#define TUMEN_PUB_SRX_H

#include <stddef.h>
#include <tumen/status.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct tumen_srx tumen_srx;

/*
 * Reads SRX from `len` bytes of XML and compiles every pattern.  On
 * success *out owns the rules (free with tumen_srx_free).  On failure
 * returns TUMEN_EFORMAT (malformed XML, a misplaced element, a bad
 * attribute value, an invalid regular expression, a map naming an unknown
 * languagerule ...), TUMEN_ENOMEM or TUMEN_EICU, sets *out to NULL and
 * fills `err` (may be NULL) with the message and the 1-based line (for a
 * bad pattern: the line of its <beforebreak> or <afterbreak>).
 */
tumen_status tumen_srx_parse(const char *data, size_t len, tumen_srx **out,
                             tumen_error *err);

/*
 * Reads tumen's built-in rules for English and Persian (the file
 * data/tumen.srx, compiled into the library).  *out owns them, as with
 * tumen_srx_parse().  Each language's rules are compiled when first used
 * (safely from several threads at once); a failure then (out of memory)
 * is the using call's.  Returns TUMEN_OK, TUMEN_ENOMEM or TUMEN_EICU.
 */
tumen_status tumen_srx_default(tumen_srx **out, tumen_error *err);

/* Frees the rules; tumen_srx_free(NULL) is a no-op. */
void tumen_srx_free(tumen_srx *srx);

/*
 * Number of rules tried for language `lang` (after maprules and cascade);
 * 0 when no map matches, in which case the rules never break.
 */
size_t tumen_srx_rule_count(const tumen_srx *srx, const char *lang);

/*
 * Applies the rules for `lang` to text[0..len) (UTF-8) as one paragraph.
 * On success *breaks is a malloc'd array (the caller free()s it; NULL when
 * *n is 0) of the *n byte offsets, increasing, strictly between 0 and len,
 * where the rules break.  Line breaks in `text` are text like any other.
 * Returns TUMEN_OK, TUMEN_EINVAL (text NULL with len > 0, len of 2 GiB or
 * more), TUMEN_EUTF8 (text is not valid UTF-8: err->byte says where),
 * TUMEN_ENOMEM or TUMEN_EICU (fills `err`, may be NULL).
 */
tumen_status tumen_srx_split(const tumen_srx *srx, const char *lang,
                             const char *text, size_t len, size_t **breaks,
                             size_t *n, tumen_error *err);

#ifdef __cplusplus
}
#endif
#endif
