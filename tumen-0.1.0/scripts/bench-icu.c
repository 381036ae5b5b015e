/*
 * bench-icu.c - the floor for scripts/bench: ICU's sentence break iterator
 * alone over a UTF-8 file (no decoding, normalization or rules), the
 * segmentation step tumen's whole pipeline should come within 3x of.
 * Usage: bench-icu LOCALE FILE; prints "SECONDS SENTENCES".
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <unicode/ubrk.h>
#include <unicode/utext.h>

int main(int argc, char **argv)
{
	FILE *f;
	char *buf;
	long len;
	UErrorCode st = U_ZERO_ERROR;
	UText *ut;
	UBreakIterator *bi;
	struct timespec a, b;
	long n = 0;

	if (argc != 3 || !(f = fopen(argv[2], "rb")))
		return 2;
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	buf = malloc((size_t)len + 1);
	if (!buf || fread(buf, 1, (size_t)len, f) != (size_t)len)
		return 1;
	fclose(f);
	clock_gettime(CLOCK_MONOTONIC, &a);
	ut = utext_openUTF8(NULL, buf, len, &st);
	bi = ubrk_open(UBRK_SENTENCE, argv[1], NULL, 0, &st);
	ubrk_setUText(bi, ut, &st);
	if (U_FAILURE(st))
		return 1;
	while (ubrk_next(bi) != UBRK_DONE)
		n++;
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("%.3f %ld\n", (double)(b.tv_sec - a.tv_sec) +
	                     (double)(b.tv_nsec - a.tv_nsec) * 1e-9, n);
	ubrk_close(bi);
	utext_close(ut);
	free(buf);
	return 0;
}
