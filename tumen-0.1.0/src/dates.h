/*
 * dates.h - dates across languages and calendars (private).
 *
 * Finds dates in the matching form of a sentence (normalize.h: digits in
 * ASCII, case folded) and gives each as a Gregorian month and day, with the
 * year when it is written:
 * - English: "june 19, 2024", "june 19", "19 june 2024", "19th of june",
 *   month names or their abbreviations ("jan.", "sept");
 * - Persian, Solar Hijri: "30 خرداد 1403" (converted with ICU's Persian
 *   calendar; without a year, both Gregorian days the date can fall on);
 * - Persian, Gregorian month names: "19 ژوئن 2024".
 * A date's span lets the caller count it once, as a date, rather than as
 * loose numbers.
 */
#ifndef TUMEN_DATES_H
#define TUMEN_DATES_H

#include <stddef.h>

typedef struct tumen_date {
	size_t start, end; /* byte span in the text */
	int year;          /* Gregorian; 0 when not written */
	int month, day;    /* Gregorian, 1-based */
} tumen_date;

typedef struct tumen_dates tumen_dates;

/* Creates a date finder (it holds ICU calendars; one per thread).  NULL
 * when out of memory or ICU fails. */
tumen_dates *tumen_dates_new(void);
void tumen_dates_free(tumen_dates *d);

/* Finds up to `max` dates in s[0..len); returns how many were stored.  A
 * Solar Hijri date without a year may give two entries with one span. */
size_t tumen_dates_find(tumen_dates *d, const char *s, size_t len,
                        tumen_date *out, size_t max);

#endif
