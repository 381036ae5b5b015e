/*
 * fuzz_align.c - libFuzzer target for the aligner.
 *
 * Input: byte 0 turns alignment options off (bit 0 paragraphs, 1 numbers,
 * 2 punctuation, 3 lexicon, 4 names), chooses presegmented input (bit 5)
 * or one paragraph per line (bit 6), and two threads (bit 7: features and
 * Model 1 in halves, Model 1's directions at once); the rest is split at
 * its first 0xFF byte (never part of UTF-8) into an English and a Persian
 * text, decoded leniently.  Invariant (align.h): every sentence of each
 * side is in exactly one bead, in order, no bead is empty, and every
 * score is in [0, 1].
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <tumen/tumen.h>

#include "fuzz_common.h"

static tumen_doc *S_doc(const char *s, size_t len, const char *lang,
                        unsigned flags)
{
	tumen_doc_opts o;
	tumen_doc *d = NULL;
	tumen_status st;

	tumen_doc_opts_init(&o);
	o.lang = lang;
	o.lenient = 1;
	o.presegmented = (flags & 0x20) != 0;
	o.para_mode = (flags & 0x40) ? TUMEN_PARA_LINE : TUMEN_PARA_BLANK;
	st = tumen_doc_from_bytes(s, len, lang, &o, &d, NULL);
	FUZZ_ASSERT(st == TUMEN_OK || st == TUMEN_EEMPTY || st == TUMEN_ENOMEM);
	return d;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data + 1, *cut;
	size_t len;
	unsigned flags;
	tumen_align_opts ao;
	tumen_doc *s = NULL, *t = NULL;
	tumen_alignment *a = NULL;
	tumen_status st;

	if (size < 1)
		return 0;
	flags = data[0];
	len = size - 1;
	cut = memchr(in, 0xFF, len);
	if (!cut)
		return 0;
	tumen_align_opts_init(&ao);
	ao.paragraphs = !(flags & 1);
	ao.numbers = !(flags & 2);
	ao.punctuation = !(flags & 4);
	ao.lexicon = !(flags & 8);
	ao.names = !(flags & 0x10);
	ao.threads = flags & 0x80 ? 2 : 1;
	s = S_doc(in, (size_t)(cut - in), "en", flags);
	t = S_doc(cut + 1, len - (size_t)(cut - in) - 1, "fa", flags);
	if (s && t) {
		st = tumen_align(s, t, &ao, &a);
		FUZZ_ASSERT(st == TUMEN_OK || st == TUMEN_ENOMEM);
		if (st == TUMEN_OK)
			fuzz_check_alignment(s, t, a);
	}
	tumen_alignment_free(a);
	tumen_doc_free(s);
	tumen_doc_free(t);
	return 0;
}
