/*
 * names.h - names across scripts (private).
 *
 * A name keeps its consonants across scripts: Putin and پوتین, Moscow and
 * مسکو, Ukraine and اوکراین.  Each Latin word with a capital letter and
 * each Persian (Arabic-script) word, transliterated as ICU's
 * "Arabic-Latin; Latin-ASCII" does, is reduced to a consonant skeleton ("ptn",
 * "msk", "krn"); equal skeletons on both sides of a bead are evidence for
 * it.  Every Persian word gets a key, since the script does not mark
 * names; only capitalized words do on the English side.  ژ is read as j,
 * as English writes it (ژاپن Japan, احمدی‌نژاد Ahmadinejad).
 */
#ifndef TUMEN_NAMES_H
#define TUMEN_NAMES_H

#include <stddef.h>
#include <stdint.h>

typedef struct tumen_names tumen_names;

/* Creates a name finder (one per thread).  NULL when out of memory.
 * Words that the built-in table cannot read go through an ICU
 * transliterator, opened on first use; where ICU has none they get no
 * key. */
tumen_names *tumen_names_new(void);
void tumen_names_free(tumen_names *nm);

/* Tests: every Arabic-script word through ICU's transliterator, as the
 * reference that the built-in table must agree with. */
void tumen_names_icu_only(tumen_names *nm, int on);

/* Appends the skeleton keys of the names in UTF-8 text s[0..len) (the
 * sentence as written, case intact) to *v.  Returns -1 when out of
 * memory. */
int tumen_names_keys(tumen_names *nm, const char *s, size_t len, uint32_t **v,
                     size_t *n, size_t *cap);

/* The skeleton of an ASCII word (exposed for tests): lower case, 'ph' ->
 * 'f', c before e/i/y -> s (Facebook, UNICEF), other c and q -> k,
 * x -> ks, z -> s, vowels and h w v y dropped, doubles collapsed.  Writes
 * at most cap-1 characters and a NUL; returns the length. */
size_t tumen_skeleton(const char *w, size_t len, char *out, size_t cap);

#endif
