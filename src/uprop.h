/*
 * uprop.h - ICU's character properties, from a table below U+0800
 * (private).
 *
 * The features ask whether each character of both documents is a letter,
 * a letter or digit, white space, upper case; through ICU each answer is
 * a call into its property trie.  Latin, Greek, Cyrillic, Hebrew and
 * Arabic lie below U+0800, where a table answers instead; it is filled
 * from ICU's own functions on first use, so the answers are ICU's.
 */
#ifndef TUMEN_UPROP_H
#define TUMEN_UPROP_H

#include <stdint.h>
#include <unicode/uchar.h>

#define TUMEN_UP_ALPHA 1u /* u_isalpha */
#define TUMEN_UP_ALNUM 2u /* u_isalnum */
#define TUMEN_UP_SPACE 4u /* u_isspace */
#define TUMEN_UP_UPPER 8u /* u_isupper */
#define TUMEN_UP_BELOW 0x800

extern unsigned char tumen_uprop_table[TUMEN_UP_BELOW];

/* Fills the table (once per process; any thread may call it, every
 * thread must have called it before the functions below). */
void tumen_uprop_init(void);

static inline int tumen_isalpha(UChar32 c)
{
	return (uint32_t)c < TUMEN_UP_BELOW ? tumen_uprop_table[c] & TUMEN_UP_ALPHA
	                                    : u_isalpha(c);
}

static inline int tumen_isalnum(UChar32 c)
{
	return (uint32_t)c < TUMEN_UP_BELOW ? tumen_uprop_table[c] & TUMEN_UP_ALNUM
	                                    : u_isalnum(c);
}

static inline int tumen_isspace(UChar32 c)
{
	return (uint32_t)c < TUMEN_UP_BELOW ? tumen_uprop_table[c] & TUMEN_UP_SPACE
	                                    : u_isspace(c);
}

static inline int tumen_isupper(UChar32 c)
{
	return (uint32_t)c < TUMEN_UP_BELOW ? tumen_uprop_table[c] & TUMEN_UP_UPPER
	                                    : u_isupper(c);
}

#endif
