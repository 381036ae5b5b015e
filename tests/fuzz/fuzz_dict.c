/*
 * fuzz_dict.c - libFuzzer target for the bilingual dictionary reader
 * (tumen/dict.h) and the aligner using a dictionary.
 *
 * Input: dictionary bytes (hunalign "PERSIAN @ ENGLISH" or TSV
 * "ENGLISH<TAB>PERSIAN" lines), then optionally a 0xFF byte and an English
 * and a Persian text separated by another 0xFF (decoded leniently);
 * without them a fixed pair of short articles is aligned.  Invariants: a
 * malformed dictionary is refused with a line number and a message and
 * adds nothing; with the dictionary loaded, every sentence of each side is
 * in exactly one bead, in order, and every score is in [0, 1].
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <tumen/tumen.h>

#include "fuzz_common.h"

static const char S_en[] =
	"The minister met Putin in Moscow on Monday. They spoke for 3 hours.\n\n"
	"Why did the talks fail? Nobody knows. Prices rose 12.5% in June.\n";
static const char S_fa[] =
	"\xd9\x88\xd8\xb2\xdb\x8c\xd8\xb1 \xd8\xb1\xd9\x88\xd8\xb2 "
	"\xd8\xaf\xd9\x88\xd8\xb4\xd9\x86\xd8\xa8\xd9\x87 \xd8\xaf\xd8\xb1 "
	"\xd9\x85\xd8\xb3\xda\xa9\xd9\x88 \xd8\xa8\xd8\xa7 \xd9\xbe\xd9\x88"
	"\xd8\xaa\xdb\x8c\xd9\x86 \xd8\xaf\xdb\x8c\xd8\xaf\xd8\xa7\xd8\xb1 "
	"\xda\xa9\xd8\xb1\xd8\xaf. \xdb\xb3 \xd8\xb3\xd8\xa7\xd8\xb9\xd8\xaa "
	"\xd8\xb3\xd8\xae\xd9\x86 \xda\xaf\xd9\x81\xd8\xaa\xd9\x86\xd8\xaf.\n\n"
	"\xda\x86\xd8\xb1\xd8\xa7 \xd9\x85\xd8\xb0\xd8\xa7\xda\xa9\xd8\xb1"
	"\xd8\xa7\xd8\xaa \xd8\xb4\xda\xa9\xd8\xb3\xd8\xaa \xd8\xae\xd9\x88"
	"\xd8\xb1\xd8\xaf\xd8\x9f \xd9\x82\xdb\x8c\xd9\x85\xd8\xaa\xe2\x80\x8c"
	"\xd9\x87\xd8\xa7 \xd8\xaf\xd8\xb1 \xda\x98\xd9\x88\xd8\xa6\xd9\x86 "
	"\xdb\xb1\xdb\xb2\xd9\xab\xdb\xb5 \xd8\xaf\xd8\xb1\xd8\xb5\xd8\xaf "
	"\xd8\xa8\xd8\xa7\xd9\x84\xd8\xa7 \xd8\xb1\xd9\x81\xd8\xaa.\n";

static tumen_doc *S_doc(const char *s, size_t len, const char *lang)
{
	tumen_doc_opts o;
	tumen_doc *d = NULL;
	tumen_status st;

	tumen_doc_opts_init(&o);
	o.lang = lang;
	o.lenient = 1;
	st = tumen_doc_from_bytes(s, len, lang, &o, &d, NULL);
	FUZZ_ASSERT(st == TUMEN_OK || st == TUMEN_EEMPTY || st == TUMEN_ENOMEM);
	return d;
}

/* Aligns en with fa using d; checks the invariant. */
static void S_align(const tumen_dict *d, const char *en, size_t enlen,
                    const char *fa, size_t falen)
{
	tumen_align_opts ao;
	tumen_doc *s = S_doc(en, enlen, "en"), *t = S_doc(fa, falen, "fa");
	tumen_alignment *a = NULL;
	tumen_status st;

	if (s && t) {
		tumen_align_opts_init(&ao);
		ao.dict = d;
		st = tumen_align(s, t, &ao, &a);
		FUZZ_ASSERT(st == TUMEN_OK || st == TUMEN_ENOMEM);
		if (!st)
			fuzz_check_alignment(s, t, a);
	}
	tumen_alignment_free(a);
	tumen_doc_free(s);
	tumen_doc_free(t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	const char *cut = memchr(in, 0xFF, size), *cut2 = NULL;
	size_t dlen = cut ? (size_t)(cut - in) : size, before;
	tumen_dict *d = NULL;
	tumen_error err;
	tumen_status st;

	if (tumen_dict_new(&d))
		return 0;
	before = tumen_dict_entries(d);
	tumen_error_clear(&err);
	st = tumen_dict_load(d, in, dlen, &err);
	FUZZ_ASSERT(st == TUMEN_OK || st == TUMEN_EFORMAT || st == TUMEN_ENOMEM);
	if (st == TUMEN_EFORMAT) {
		FUZZ_ASSERT(err.line >= 1 && err.msg[0] != '\0');
		FUZZ_ASSERT(tumen_dict_entries(d) == before);
	}
	if (cut)
		cut2 = memchr(cut + 1, 0xFF, size - dlen - 1);
	if (cut2)
		S_align(d, cut + 1, (size_t)(cut2 - cut - 1), cut2 + 1,
		        size - (size_t)(cut2 - in) - 1);
	else if (!st)
		S_align(d, S_en, sizeof S_en - 1, S_fa, sizeof S_fa - 1);
	tumen_dict_free(d);
	return 0;
}
