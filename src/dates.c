/*
 * dates.c - English and Persian dates, Gregorian and Solar Hijri.
 *
 * The text is read as a sequence of tokens (numbers and words); a date is
 * a day number next to a month name, with an optional year.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/ucal.h>

#include "bytescan.h"
#include "dates.h"

struct tumen_dates {
	UCalendar *persian, *gregorian;
};

static const UChar S_utc[] = { 'U', 'T', 'C', 0 };

tumen_dates *tumen_dates_new(void)
{
	tumen_dates *d = calloc(1, sizeof *d);
	UErrorCode st = U_ZERO_ERROR;

	if (!d)
		return NULL;
	d->persian = ucal_open(S_utc, -1, "fa_IR@calendar=persian", UCAL_DEFAULT, &st);
	d->gregorian = ucal_open(S_utc, -1, "en_US@calendar=gregorian",
	                         UCAL_GREGORIAN, &st);
	if (U_FAILURE(st)) {
		tumen_dates_free(d);
		return NULL;
	}
	return d;
}

void tumen_dates_free(tumen_dates *d)
{
	if (!d)
		return;
	if (d->persian)
		ucal_close(d->persian);
	if (d->gregorian)
		ucal_close(d->gregorian);
	free(d);
}

typedef struct {
	size_t start, end;
	long num; /* -1 for a word */
} S_tok;

/* Month names: English (with abbreviations), Persian names of the
 * Gregorian months (with common variants), Solar Hijri months (as 101..112
 * so the caller knows to convert). */
static const struct {
	const char *name;
	int month;
} S_months[] = {
	{ "january", 1 }, { "jan", 1 }, { "february", 2 }, { "feb", 2 },
	{ "march", 3 }, { "mar", 3 }, { "april", 4 }, { "apr", 4 }, { "may", 5 },
	{ "june", 6 }, { "jun", 6 }, { "july", 7 }, { "jul", 7 },
	{ "august", 8 }, { "aug", 8 }, { "september", 9 }, { "sep", 9 },
	{ "sept", 9 }, { "october", 10 }, { "oct", 10 }, { "november", 11 },
	{ "nov", 11 }, { "december", 12 }, { "dec", 12 },
	{ "ژانویه", 1 }, { "ژانویهٔ", 1 }, { "فوریه", 2 }, { "مارس", 3 },
	{ "آوریل", 4 }, { "مه", 5 }, { "می", 5 }, { "ژوئن", 6 }, { "ژوئیه", 7 },
	{ "جولای", 7 }, { "ژوییه", 7 }, { "اوت", 8 }, { "آگوست", 8 },
	{ "اگوست", 8 }, { "آپریل", 4 }, { "سپتامبر", 9 },
	{ "اکتبر", 10 }, { "نوامبر", 11 }, { "دسامبر", 12 },
	{ "فروردین", 101 }, { "اردیبهشت", 102 }, { "خرداد", 103 }, { "تیر", 104 },
	{ "مرداد", 105 }, { "امرداد", 105 }, { "شهریور", 106 }, { "مهر", 107 },
	{ "آبان", 108 }, { "آذر", 109 }, { "دی", 110 }, { "بهمن", 111 },
	{ "اسفند", 112 },
};

/* The month a word names, or 0.  Persian writes "فروردین‌ماه" (with
 * ZWNJ) and, before a year, "ژانویۀ" (heh with yeh above, the ezafe). */
static int S_month(const char *s, const S_tok *t)
{
	static const char mah[] = "\xE2\x80\x8C" "ماه"; /* ZWNJ */
	size_t i, n = t->end - t->start, k = sizeof mah - 1;
	char w[48];

	if (t->num >= 0 || !n || n >= sizeof w)
		return 0;
	memcpy(w, s + t->start, n);
	if (n > k && !memcmp(w + n - k, mah, k))
		n -= k;
	if (n >= 2 && !memcmp(w + n - 2, "\xDB\x80", 2))
		memcpy(w + n - 2, "\xD9\x87", 2); /* ۀ -> ه */
	for (i = 0; i < sizeof S_months / sizeof *S_months; i++)
		if (S_months[i].name[0] == w[0] && /* most words: one compare */
		    strlen(S_months[i].name) == n &&
		    !memcmp(S_months[i].name, w, n))
			return S_months[i].month;
	return 0;
}

static int S_word(const char *s, const S_tok *t, const char *w)
{
	return t->num < 0 && t->end - t->start == strlen(w) &&
	       !memcmp(s + t->start, w, t->end - t->start);
}

/* An ordinal suffix after a day: "19th", "۳۰ام". */
static int S_ordinal(const char *s, const S_tok *t)
{
	return S_word(s, t, "st") || S_word(s, t, "nd") || S_word(s, t, "rd") ||
	       S_word(s, t, "th") || S_word(s, t, "ام");
}

/* Index of the year token after the month at tok[m], skipping Persian
 * "ماه" and "سال" ("۲۲ بهمن ماه سال ۱۳۵۷"); 0 when there is none. */
static size_t S_year(const char *s, const S_tok *tok, size_t nt, size_t m)
{
	size_t k = m + 1;

	while (k < nt && (S_word(s, &tok[k], "ماه") || S_word(s, &tok[k], "سال")))
		k++;
	return k < nt && tok[k].num >= 1000 ? k : 0;
}

/* Splits s into number and word tokens; punctuation separates them
 * (bytes >= 0x80 are word characters, so Persian words stay whole). */
static size_t S_tokens(const char *s, size_t len, S_tok *tok, size_t max)
{
	size_t i = 0, n = 0;

	while (i < len && n < max) {
		unsigned char c = (unsigned char)s[i];
		size_t j = i;
		if (c >= '0' && c <= '9') {
			long v = 0;
			while (j < len && s[j] >= '0' && s[j] <= '9' && v < 100000)
				v = v * 10 + (s[j++] - '0');
			tok[n].num = v;
		} else if ((c >= 'a' && c <= 'z') || c >= 0x80) {
			while (j < len && (((unsigned char)s[j] >= 'a' &&
			                    (unsigned char)s[j] <= 'z') ||
			                   (unsigned char)s[j] >= 0x80))
				j++;
			tok[n].num = -1;
		} else {
			i++;
			continue;
		}
		tok[n].start = i;
		tok[n].end = j;
		n++;
		i = j;
	}
	return n;
}

/* Converts a Solar Hijri date to Gregorian; 0 on success. */
static int S_from_persian(tumen_dates *d, int y, int m, int day, int *gy,
                          int *gm, int *gd)
{
	UErrorCode st = U_ZERO_ERROR;
	UDate t;

	ucal_clear(d->persian);
	ucal_setDate(d->persian, y, m - 1, day, &st);
	t = ucal_getMillis(d->persian, &st);
	ucal_setMillis(d->gregorian, t, &st);
	*gy = ucal_get(d->gregorian, UCAL_YEAR, &st);
	*gm = ucal_get(d->gregorian, UCAL_MONTH, &st) + 1;
	*gd = ucal_get(d->gregorian, UCAL_DATE, &st);
	return U_FAILURE(st) ? -1 : 0;
}

static size_t S_emit(tumen_dates *d, size_t start, size_t end, int year,
                     int month, int day, tumen_date *out, size_t max)
{
	size_t n = 0;
	int k;

	if (day < 1 || day > 31)
		return 0;
	if (month <= 12) {
		if (!max)
			return 0;
		out[0].start = start;
		out[0].end = end;
		out[0].year = year >= 1000 && year <= 2999 ? year : 0;
		out[0].month = month;
		out[0].day = day;
		return 1;
	}
	/* Solar Hijri: with a year, one day; without, the two Gregorian
	 * days it falls on in a leap and a common year */
	for (k = 0; k < (year ? 1 : 2) && n < max; k++) {
		int gy, gm, gd, y = year ? year : 1402 + k;
		if (y < 1200 || y > 1600 ||
		    S_from_persian(d, y, month - 100, day, &gy, &gm, &gd))
			return n;
		if (n && out[n - 1].month == gm && out[n - 1].day == gd)
			continue;
		out[n].start = start;
		out[n].end = end;
		out[n].year = year ? gy : 0;
		out[n].month = gm;
		out[n].day = gd;
		n++;
	}
	return n;
}

size_t tumen_dates_find(tumen_dates *d, const char *s, size_t len,
                        tumen_date *out, size_t max)
{
	S_tok tok[256];
	size_t nt, i, n = 0;

	/* every date has a number, and most sentences none */
	if (tumen_digit_find((const unsigned char *)s, 0, len) == len)
		return 0;
	nt = S_tokens(s, len, tok, 256);

	for (i = 0; i < nt && n < max; i++) {
		size_t k = i + 1;
		/* a month only before a number: most words are not asked */
		int m = k < nt && tok[k].num > 0 ? S_month(s, &tok[i]) : 0;
		if (m && m <= 12) {
			/* june 19 [th] [, 2024] */
			int day = (int)tok[k].num, year = 0;
			size_t end = tok[k].end;
			if (k + 1 < nt && S_ordinal(s, &tok[k + 1]))
				end = tok[++k].end;
			if (k + 1 < nt && tok[k + 1].num >= 1000) {
				year = (int)tok[k + 1].num;
				end = tok[k + 1].end;
			}
			n += S_emit(d, tok[i].start, end, year, m, day, out + n, max - n);
			continue;
		}
		if (tok[i].num > 0 && tok[i].num <= 31) {
			/* 19 [th] [of] june [2024] | 30 خرداد [1403] */
			size_t j = i + 1, y;
			int mm, year = 0;
			if (j < nt && S_ordinal(s, &tok[j]))
				j++;
			if (j < nt && S_word(s, &tok[j], "of"))
				j++;
			if (j >= nt || !(mm = S_month(s, &tok[j])))
				continue;
			k = j;
			if ((y = S_year(s, tok, nt, j))) {
				year = (int)tok[y].num;
				k = y;
			}
			n += S_emit(d, tok[i].start, tok[k].end, year, mm,
			            (int)tok[i].num, out + n, max - n);
			i = k;
		}
	}
	return n;
}
