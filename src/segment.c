/*
 * segment.c - pipeline stage 3: paragraphs, then sentences.
 *
 * Sentences come from ICU's sentence break iterator ("<lang>@ss=standard")
 * run over each paragraph as UTF-8 (utext_openUTF8, no UTF-16 copy).  The
 * iterator is opened once per call; ubrk_setUText() re-targets it per
 * paragraph, so the cost is linear in the text.
 *
 * ICU's boundaries are candidates.  For English and Persian (S_RULES_EN,
 * S_RULES_FA; "ar", "ur" and "ps" use the Persian rules) a filter drops
 * those before a lower-case letter or a continuing character (, ، ؛ ) »)
 * and those after a '.' ending a single-letter word (English: upper-case
 * only, "J. K. Rowling"; Persian: any letter, "ج. ا. ا."), an English
 * title (S_en_titles) or English "No." before a digit.  The price is known
 * and accepted: "World War I. The" does not split either.  Persian also
 * adds a candidate after every terminal point followed by white space,
 * because ICU's root rules miss some of them.  Other languages take ICU's
 * boundaries as they are.
 *
 * Numbers never split: ICU does not break between a full stop and a digit
 * (UAX #29 SB6) and the Persian candidates need white space after the
 * point, so "3.5" and "۱۲٫۵" stay whole by construction.
 *
 * Quotations: in ICU mode a '?' or '!' closing a quotation that the
 * sentence goes on after ("Is it?" Smith asked; «چرا؟» او پرسید) is a
 * boundary, as in UAX #29 rule SB11; the SRX rules keep it whole when an
 * attribution verb follows.
 *
 * SRX rules (srx.c; the built-in ones are data/tumen.srx) run in three
 * modes (tumen_doc_opts.seg_mode): ICU alone, SRX alone, or both: ICU's
 * candidates are kept or dropped by the first SRX rule matching there,
 * by the filter above where no rule matches, and the SRX breaks are
 * added.  Both is the default: on corpora/segment/ it scores as SRX alone
 * (boundary F1 1.000 in English and Persian, ICU alone 0.981 and 0.984)
 * and, where the built-in rules are silent (other languages, CJK text
 * without spaces), it stays ICU.  With rules of the user's own, SRX
 * alone is the default: they asked for those rules.
 */
#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include "buf.h"
#include "doc.h"
#include "segment.h"
#include "srx.h"

enum S_rules { S_RULES_ICU, S_RULES_EN, S_RULES_FA };

/* tumen_doc_opts.seg_mode, resolved: 0 never reaches S_seg. */
enum S_mode { S_MODE_ICU = 1, S_MODE_SRX, S_MODE_BOTH };

/* What seg_mode 0 means without --srx: chosen by boundary F1 on
 * corpora/segment/ (scripts/eval-segment; the table is in README.md). */
#define S_MODE_DEFAULT S_MODE_BOTH

typedef struct S_seg {
	const char *text;     /* the whole input */
	tumen_doc *doc;
	tumen_error *err;
	enum S_rules rules;
	enum S_mode mode;
	tumen_srx_run *run;   /* SRX rules (modes SRX and BOTH) */
	UBreakIterator *bi;
	UText ut;
	tumen_buf copy;       /* the current paragraph as ICU sees it */
	size_t *brk, nbrk, capbrk; /* candidate boundaries, paragraph offsets */
	size_t lpos;          /* line cursor: offset in text ... */
	unsigned long lline;  /* ... and its 1-based line */
} S_seg;

/* English abbreviations that ICU's "ss=standard" list misses or that we
 * want regardless of it: titles before a name.  Small on purpose: each
 * entry costs a missed boundary when the word really ends a sentence. */
static const char *const S_en_titles[] = {
	"Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Sen", "Rep", "Gov",
	"Lt", "Col", "Sgt", "Capt", "St", "Mt", "vs", NULL
};

static tumen_status S_fail(S_seg *s, tumen_status st, const char *what,
                           const char *detail)
{
	if (s->err) {
		s->err->code = st;
		snprintf(s->err->msg, sizeof s->err->msg, "%s %s", what,
		         detail);
	}
	return st;
}

/* ---- UTF-8 helpers (input is valid UTF-8) ---- */

/* Code point at p[i] (i < len); *n gets its length. */
static UChar32 S_at(const char *p, size_t len, size_t i, size_t *n)
{
	const unsigned char *s = (const unsigned char *)p + i;
	size_t k = s[0] < 0x80 ? 1 : s[0] < 0xE0 ? 2 : s[0] < 0xF0 ? 3 : 4;
	UChar32 c;

	if (k > len - i)
		k = len - i;
	c = k == 1 ? s[0] : s[0] & (0x7F >> k);
	for (*n = 1; *n < k; (*n)++)
		c = (c << 6) | (s[*n] & 0x3F);
	return c;
}

/* Code point ending at p[i] (i > 0); *start gets its offset. */
static UChar32 S_before(const char *p, size_t i, size_t *start)
{
	size_t j = i - 1, n;

	while (j > 0 && ((unsigned char)p[j] & 0xC0) == 0x80 && i - j < 4)
		j--;
	*start = j;
	return S_at(p, i, j, &n);
}

static int S_is_space(UChar32 c)
{
	return u_isUWhiteSpace(c);
}

static int S_is_terminal(UChar32 c)
{
	return c == '.' || c == '!' || c == '?' || c == 0x061F /* ؟ */ ||
	       c == 0x06D4 /* ۔ */ || c == 0x2026 /* … */;
}

/* Closing quotes and brackets that belong to the sentence they follow. */
static int S_is_closer(UChar32 c)
{
	return c == '"' || c == '\'' || c == ')' || c == ']' || c == '}' ||
	       c == 0x00BB /* » */ || c == 0x2019 || c == 0x201D ||
	       c == 0x203A;
}

/* Characters that never start a sentence: they continue the last one. */
static int S_is_continuer(UChar32 c)
{
	return c == ',' || c == ';' || c == ':' || c == 0x060C /* ، */ ||
	       c == 0x061B /* ؛ */ || (c != '"' && c != '\'' && S_is_closer(c));
}

/* A letter, or a combining mark inside a word (Persian diacritics). */
static int S_is_wordchar(UChar32 c)
{
	return u_isalpha(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK);
}

/* ---- the filter: which candidate boundaries survive ---- */

/* The word (up to 5 letters, `cap`) that ends at p[end]; returns its
 * length in letters, 0 if there is none, or cap + 1 if it is longer.  The
 * cap keeps the look-back constant-time on a huge "word". */
static size_t S_word_before(const char *p, size_t end, size_t *start)
{
	const size_t cap = 5;
	size_t n = 0, j = end, k;
	UChar32 c;

	*start = end;
	while (j > 0 && n <= cap) {
		c = S_before(p, j, &k);
		if (!S_is_wordchar(c)) {
			/* "3A." or "x2A." is not a word of its own */
			if (u_isdigit(c))
				return cap + 1;
			break;
		}
		if (u_isalpha(c))
			n++;
		j = k;
	}
	*start = j;
	return n;
}

static int S_is_en_title(const char *w, size_t len)
{
	const char *const *t;

	for (t = S_en_titles; *t; t++)
		if (strlen(*t) == len && !memcmp(*t, w, len))
			return 1;
	return 0;
}

/* Rules on the word before a '.' that ends at p[dot]: single-letter
 * initials ("J. K. Rowling", Persian "ج. ا. ا."), English titles and
 * "No." before a number.  `next` is the first character after the gap. */
static int S_abbrev_before(const S_seg *s, size_t dot, UChar32 next)
{
	const char *p = s->copy.ptr;
	size_t ws, n = S_word_before(p, dot, &ws), k;

	if (n == 1 && s->rules == S_RULES_FA)
		return 1;
	if (s->rules != S_RULES_EN || n == 0)
		return 0;
	if (n == 1 && u_isupper(S_at(p, dot, ws, &k)))
		return 1;
	if (S_is_en_title(p + ws, dot - ws))
		return 1;
	return dot - ws == 2 && !memcmp(p + ws, "No", 2) && u_isdigit(next);
}

/* Steps back from p[t] over characters for which is(c) holds. */
static size_t S_back_over(const char *p, size_t t, int (*is)(UChar32))
{
	size_t k;

	while (t > 0 && is(S_before(p, t, &k)))
		t = k;
	return t;
}

/* Whether candidate boundary b (0 < b < len) of the paragraph stays. */
static int S_keep(const S_seg *s, size_t b)
{
	const char *p = s->copy.ptr;
	size_t t, k;
	UChar32 next = S_at(p, s->copy.len, b, &k);

	if (s->rules == S_RULES_ICU)
		return 1;
	if (u_islower(next) || S_is_continuer(next))
		return 0;
	/* a quote closed after the '.' ends more than an abbreviation */
	t = S_back_over(p, b, S_is_space);
	if (t == 0 || S_before(p, t, &k) != '.')
		return 1;
	return !S_abbrev_before(s, k, next);
}

/* ---- candidate boundaries ---- */

static tumen_status S_push(S_seg *s, size_t b)
{
	if (s->nbrk == s->capbrk) {
		size_t cap = s->capbrk ? s->capbrk + s->capbrk / 2 : 256;
		size_t *v;

		if (cap > (size_t)-1 / sizeof *v)
			return TUMEN_ENOMEM;
		v = realloc(s->brk, cap * sizeof *v);
		if (!v)
			return TUMEN_ENOMEM;
		s->brk = v;
		s->capbrk = cap;
	}
	s->brk[s->nbrk++] = b;
	return TUMEN_OK;
}

/* ICU's boundaries inside the paragraph copy (0 and len left out). */
static tumen_status S_icu_breaks(S_seg *s)
{
	UErrorCode ue = U_ZERO_ERROR;
	int32_t b;
	tumen_status st;

	utext_openUTF8(&s->ut, s->copy.ptr, (int64_t)s->copy.len, &ue);
	if (U_SUCCESS(ue))
		ubrk_setUText(s->bi, &s->ut, &ue);
	if (U_FAILURE(ue))
		return S_fail(s, TUMEN_EICU, "cannot segment text:",
		              u_errorName(ue));
	ubrk_first(s->bi);
	while ((b = ubrk_next(s->bi)) != UBRK_DONE) {
		if ((size_t)b >= s->copy.len)
			break;
		if ((st = S_push(s, (size_t)b)))
			return st;
	}
	return TUMEN_OK;
}

/* Persian: a boundary after every terminal point (and its closing quotes)
 * followed by white space, wherever ICU put one or not. */
static tumen_status S_fa_breaks(S_seg *s)
{
	const char *p = s->copy.ptr;
	size_t len = s->copy.len, i = 0, n;
	tumen_status st;

	while (i < len) {
		if (!S_is_terminal(S_at(p, len, i, &n))) {
			i += n;
			continue;
		}
		i += n;
		while (i < len && (S_is_terminal(S_at(p, len, i, &n)) ||
		                   S_is_closer(S_at(p, len, i, &n))))
			i += n;
		if (i == len || !S_is_space(S_at(p, len, i, &n)))
			continue;
		while (i < len && S_is_space(S_at(p, len, i, &n)))
			i += n;
		if (i < len && (st = S_push(s, i)))
			return st;
	}
	return TUMEN_OK;
}

static int S_cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/* Sorts the candidates and drops duplicates (ICU and Persian rules often
 * agree). */
static void S_sort_unique(S_seg *s)
{
	size_t i, n = 0;

	if (s->nbrk < 2)
		return; /* brk may still be NULL: qsort() wants a pointer */
	qsort(s->brk, s->nbrk, sizeof *s->brk, S_cmp_size);
	for (i = 0; i < s->nbrk; i++)
		if (n == 0 || s->brk[i] != s->brk[n - 1])
			s->brk[n++] = s->brk[i];
	s->nbrk = n;
}

/* ---- SRX rules ---- */

/* Whether ICU's candidate b stays: the SRX rules decide where one of
 * them matches, at the end of the sentence's text or after the white
 * space (rules put the space on either side); tumen's filter elsewhere. */
static int S_keep_srx(S_seg *s, size_t b)
{
	size_t t = S_back_over(s->copy.ptr, b, S_is_space);
	int d = -1;

	if (s->run) {
		d = tumen_srx_run_decide(s->run, t);
		if (d < 0 && t != b)
			d = tumen_srx_run_decide(s->run, b);
	}
	return d >= 0 ? d : S_keep(s, b);
}

/* ICU's boundaries (and Persian's extra candidates) that survive. */
static tumen_status S_icu_final(S_seg *s)
{
	size_t i, n = 0;
	tumen_status st;

	if ((st = S_icu_breaks(s)))
		return st;
	if (s->rules == S_RULES_FA) {
		if ((st = S_fa_breaks(s)))
			return st;
		S_sort_unique(s);
	}
	for (i = 0; i < s->nbrk; i++)
		if (S_keep_srx(s, s->brk[i]))
			s->brk[n++] = s->brk[i];
	s->nbrk = n;
	return TUMEN_OK;
}

/* Adds the SRX rules' breaks v[0..n), each moved past the white space
 * after it (as ICU puts them) so that the two kinds merge. */
static tumen_status S_srx_add(S_seg *s, const size_t *v, size_t n)
{
	const char *p = s->copy.ptr;
	size_t i, b, k;
	tumen_status st;

	for (i = 0; i < n; i++) {
		b = v[i];
		while (b < s->copy.len && S_is_space(S_at(p, s->copy.len, b, &k)))
			b += k;
		if (b < s->copy.len && (st = S_push(s, b)))
			return st;
	}
	return TUMEN_OK;
}

/* ---- one paragraph ---- */

/* Copies the paragraph for ICU with its line breaks (and the other
 * characters ICU treats as paragraph separators: CR, NEL, LS, PS) turned
 * into as many spaces as they have bytes.  A soft wrap thus never forces
 * a boundary, and byte offsets in the copy are offsets in the input. */
static tumen_status S_make_copy(S_seg *s, const char *p, size_t len)
{
	unsigned char *c;
	size_t i;

	tumen_buf_reset(&s->copy);
	if (tumen_buf_add(&s->copy, p, len))
		return TUMEN_ENOMEM;
	c = (unsigned char *)s->copy.ptr;
	for (i = 0; i < len; i++) {
		if (c[i] == '\n' || c[i] == '\r' || c[i] == '\v' || c[i] == '\f')
			c[i] = ' ';
		else if (c[i] == 0xC2 && i + 1 < len && c[i + 1] == 0x85)
			memset(c + i, ' ', 2);
		else if (c[i] == 0xE2 && i + 2 < len && c[i + 1] == 0x80 &&
		         (c[i + 2] == 0xA8 || c[i + 2] == 0xA9))
			memset(c + i, ' ', 3);
	}
	return TUMEN_OK;
}

/* Moves the line cursor forward to text offset `to`. */
static unsigned long S_line_at(S_seg *s, size_t to)
{
	const char *nl;

	while (s->lpos < to &&
	       (nl = memchr(s->text + s->lpos, '\n', to - s->lpos))) {
		s->lline++;
		s->lpos = (size_t)(nl - s->text) + 1;
	}
	s->lpos = to > s->lpos ? to : s->lpos;
	return s->lline;
}

/* Adds text[a..b) as a sentence of paragraph `para`; its line is that of
 * its first non-space character, as tumen_doc_add() trims. */
static tumen_status S_emit(S_seg *s, size_t a, size_t b, size_t para)
{
	size_t i = a, n;

	while (i < b && S_is_space(S_at(s->text, b, i, &n)))
		i += n;
	if (i == b)
		return TUMEN_OK;
	return tumen_doc_add(s->doc, s->text + a, b - a, para,
	                     S_line_at(s, i));
}

/* Splits text[ps..pe) into sentences of paragraph `para`. */
static tumen_status S_split_para(S_seg *s, size_t ps, size_t pe,
                                 size_t para)
{
	size_t i, prev = 0, n = 0;
	const size_t *v = NULL;
	tumen_status st;

	if (pe - ps > INT32_MAX) {
		if (s->err) {
			s->err->code = TUMEN_ELIMIT;
			s->err->line = s->lline;
			s->err->has_byte = 1;
			s->err->byte = ps;
			snprintf(s->err->msg, sizeof s->err->msg,
			         "paragraph longer than 2 GiB");
		}
		return TUMEN_ELIMIT;
	}
	if ((st = S_make_copy(s, s->text + ps, pe - ps)))
		return st;
	s->nbrk = 0;
	/* the SRX pass first: it leaves its decisions for S_keep_srx() */
	if (s->run && ((st = tumen_srx_run_text(s->run, s->copy.ptr,
	                                        s->copy.len, s->err)) ||
	               (st = tumen_srx_run_breaks(s->run, &v, &n, s->err))))
		return st;
	if (s->mode != S_MODE_SRX && (st = S_icu_final(s)))
		return st;
	if (s->run && (st = S_srx_add(s, v, n)))
		return st;
	S_sort_unique(s);
	for (i = 0; i < s->nbrk; i++) {
		if ((st = S_emit(s, ps + prev, ps + s->brk[i], para)))
			return st;
		prev = s->brk[i];
	}
	return S_emit(s, ps + prev, pe, para);
}

/* ---- paragraphs ---- */

typedef struct S_para {
	size_t start, end;  /* text[start..end): its lines, without the last LF */
	unsigned long line; /* line of `start` */
} S_para;

static size_t S_line_end(const char *t, size_t len, size_t pos)
{
	const char *nl = memchr(t + pos, '\n', len - pos);

	return nl ? (size_t)(nl - t) : len;
}

/* Whether t[a..b) is white space only (Unicode spaces too: a line of
 * no-break spaces is as blank to a reader as an empty one). */
static int S_blank(const char *t, size_t a, size_t b)
{
	size_t n;

	while (a < b && S_is_space(S_at(t, b, a, &n)))
		a += n;
	return a == b;
}

/* Finds the paragraph at or after *pos (line *line) and moves both past
 * it; returns 0 when there is none. */
static int S_next_para(const char *t, size_t len, tumen_para_mode mode,
                       size_t *pos, unsigned long *line, S_para *out)
{
	size_t e;

	for (;;) {
		if (*pos >= len)
			return 0;
		e = S_line_end(t, len, *pos);
		if (!S_blank(t, *pos, e))
			break;
		*pos = e + 1;
		(*line)++;
	}
	out->start = *pos;
	out->line = *line;
	for (;;) {
		out->end = e;
		*pos = e + 1;
		(*line)++;
		if (mode == TUMEN_PARA_LINE || *pos >= len)
			return 1;
		e = S_line_end(t, len, *pos);
		if (S_blank(t, *pos, e))
			return 1;
	}
}

/* Presegmented input: each line of the paragraph is one sentence. */
static tumen_status S_lines(S_seg *s, const S_para *pa, size_t para)
{
	size_t a = pa->start, e;
	unsigned long line = pa->line;
	tumen_status st;

	while (a <= pa->end) {
		e = S_line_end(s->text, pa->end, a);
		st = tumen_doc_add(s->doc, s->text + a, e - a, para, line++);
		if (st)
			return st;
		a = e + 1;
	}
	return TUMEN_OK;
}

static tumen_status S_run(S_seg *s, size_t len, const tumen_doc_opts *o)
{
	size_t pos = 0, para = 0;
	unsigned long line = 1;
	S_para pa;
	tumen_status st;

	while (S_next_para(s->text, len, o->para_mode, &pos, &line, &pa)) {
		if (o->presegmented) {
			st = S_lines(s, &pa, para);
		} else {
			s->lpos = pa.start;
			s->lline = pa.line;
			st = S_split_para(s, pa.start, pa.end, para);
		}
		if (st)
			return st;
		para++;
	}
	return TUMEN_OK;
}

/* ---- set-up ---- */

/* The rule set for BCP 47 tag `lang`, by its primary language subtag. */
static enum S_rules S_rules_for(const char *lang)
{
	static const char *const fa[] = { "fa", "ar", "ur", "ps", NULL };
	size_t n = strcspn(lang, "-_@");
	size_t i;

	if (n == 2 && tolower((unsigned char)lang[0]) == 'e' &&
	    tolower((unsigned char)lang[1]) == 'n')
		return S_RULES_EN;
	for (i = 0; fa[i]; i++)
		if (n == 2 && !strncasecmp(lang, fa[i], 2))
			return S_RULES_FA;
	return S_RULES_ICU;
}

/* Opens ICU's sentence iterator for "<lang>@ss=standard"; the tag is cut
 * at its first character that is not a letter, digit, '-' or '_' so that
 * it cannot add keywords of its own. */
static tumen_status S_open(S_seg *s, const char *lang)
{
	char loc[64];
	size_t n = 0;
	UErrorCode ue = U_ZERO_ERROR;

	while (n < 40 && (isalnum((unsigned char)lang[n]) || lang[n] == '-' ||
	                  lang[n] == '_')) {
		loc[n] = lang[n] == '-' ? '_' : lang[n];
		n++;
	}
	snprintf(loc + n, sizeof loc - n, "@ss=standard");
	s->bi = ubrk_open(UBRK_SENTENCE, loc, NULL, 0, &ue);
	if (U_FAILURE(ue)) {
		s->bi = NULL;
		return S_fail(s, TUMEN_EICU,
		              "cannot open the sentence break iterator:",
		              u_errorName(ue));
	}
	return TUMEN_OK;
}

/* The built-in rules, compiled once per process (3.5 ms, too much to
 * pay per document in a batch) and never changed after: the one global
 * of the library, immutable, so threads share it as they share --srx. */
static pthread_once_t S_builtin_once = PTHREAD_ONCE_INIT;
static tumen_srx *S_builtin;

static void S_builtin_init(void)
{
	if (tumen_srx_default(&S_builtin, NULL))
		S_builtin = NULL;
}

/* Picks the segmenter and opens what it needs: ICU's iterator, the SRX
 * rules of the language (cloned from the shared compiled rules). */
static tumen_status S_setup(S_seg *s, const tumen_doc_opts *o)
{
	const char *lang = o->lang && *o->lang ? o->lang : "en";
	const tumen_srx *srx = o->srx;
	tumen_status st = TUMEN_OK;

	s->mode = o->seg_mode >= S_MODE_ICU && o->seg_mode <= S_MODE_BOTH
	          ? (enum S_mode)o->seg_mode
	          : o->srx ? S_MODE_SRX : S_MODE_DEFAULT;
	if (s->mode != S_MODE_ICU) {
		if (!srx) {
			pthread_once(&S_builtin_once, S_builtin_init);
			srx = S_builtin;
		}
		/* NULL only if out of memory at the first call */
		st = srx ? tumen_srx_run_new(srx, lang, &s->run, s->err)
		         : TUMEN_ENOMEM;
	}
	if (!st && s->mode != S_MODE_SRX)
		st = S_open(s, lang);
	return st;
}

tumen_status tumen_segment(const char *text, size_t len,
                           const tumen_doc_opts *o, tumen_doc *doc,
                           tumen_error *err)
{
	UText ut0 = UTEXT_INITIALIZER;
	tumen_doc_opts defaults;
	S_seg s;
	tumen_status st = TUMEN_OK;

	if (!doc || (!text && len))
		return TUMEN_EINVAL;
	if (!o) {
		tumen_doc_opts_init(&defaults);
		o = &defaults;
	}
	memset(&s, 0, sizeof s);
	s.text = text ? text : "";
	s.doc = doc;
	s.err = err;
	s.ut = ut0;
	s.rules = S_rules_for(o->lang ? o->lang : "en");
	tumen_buf_init(&s.copy);
	if (!o->presegmented)
		st = S_setup(&s, o);
	if (!st)
		st = S_run(&s, len, o);
	tumen_srx_run_free(s.run);
	if (s.bi)
		ubrk_close(s.bi);
	utext_close(&s.ut);
	tumen_buf_release(&s.copy);
	free(s.brk);
	return st;
}
