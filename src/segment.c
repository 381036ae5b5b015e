/*
 * segment.c - pipeline stage 3: paragraphs, then sentences.
 *
 * Sentences come from ICU's sentence break iterator ("<lang>@ss=standard")
 * run over a UTF-16 copy of each paragraph (on UTF-8 through a UText it
 * spent half its time reading characters).  The iterator is opened once
 * per call; ubrk_setText() re-targets it per paragraph, so the cost is
 * linear in the text.
 *
 * ICU's boundaries are candidates.  For English and Persian
 * (TUMEN_SEG_RULES_EN, TUMEN_SEG_RULES_FA; "ar", "ur" and "ps" use the
 * Persian rules) a filter drops those before a lower-case letter or a
 * continuing character (, ، ؛ ) ») and those after a '.' ending a
 * single-letter word (English: upper-case only, "J. K. Rowling"; Persian:
 * any letter, "ج. ا. ا."), an English title (S_en_titles in
 * segment_rules.c) or English "No." before a digit.  The price is known
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
 *
 * Here: paragraphs, the set-up and the entry point; one paragraph into
 * sentences is segment_sentences.c, the English and Persian rules
 * segment_rules.c.
 */
#include "config.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/ubrk.h>

#include "buf.h"
#include "doc.h"
#include "par.h"
#include "segment.h"
#include "segment_priv.h"
#include "srx.h"

/* What seg_mode 0 means without --srx: chosen by boundary F1 on
 * corpora/segment/ (scripts/eval-segment; the table is in README.md). */
#define S_MODE_DEFAULT TUMEN_SEG_MODE_BOTH

tumen_status tumen_seg_fail(tumen_seg *s, tumen_status st, const char *what,
                            const char *detail)
{
	if (s->err) {
		s->err->code = st;
		snprintf(s->err->msg, sizeof s->err->msg, "%s %s", what,
		         detail);
	}
	return st;
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
	return tumen_seg_skip_space(t, b, a) == b;
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
static tumen_status S_lines(tumen_seg *s, const S_para *pa, size_t para)
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

/* The paragraphs of text[pos..len), starting at line `line`, the first
 * numbered `para`. */
static tumen_status S_run(tumen_seg *s, size_t pos, size_t len,
                          unsigned long line, size_t para,
                          const tumen_doc_opts *o)
{
	S_para pa;
	tumen_status st;

	while (S_next_para(s->text, len, o->para_mode, &pos, &line, &pa)) {
		if (o->presegmented) {
			st = S_lines(s, &pa, para);
		} else {
			s->lpos = pa.start;
			s->lline = pa.line;
			st = tumen_seg_split_para(s, pa.start, pa.end, para);
		}
		if (st)
			return st;
		para++;
	}
	return TUMEN_OK;
}

/* ---- set-up ---- */

/* The rule set for BCP 47 tag `lang`, by its primary language subtag. */
static enum tumen_seg_rules S_rules_for(const char *lang)
{
	static const char *const fa[] = { "fa", "ar", "ur", "ps", NULL };
	size_t n = strcspn(lang, "-_@");
	size_t i;

	if (n == 2 && tolower((unsigned char)lang[0]) == 'e' &&
	    tolower((unsigned char)lang[1]) == 'n')
		return TUMEN_SEG_RULES_EN;
	for (i = 0; fa[i]; i++)
		if (n == 2 && !strncasecmp(lang, fa[i], 2))
			return TUMEN_SEG_RULES_FA;
	return TUMEN_SEG_RULES_ICU;
}

/* Opens ICU's sentence iterator for "<lang>@ss=standard"; the tag is cut
 * at its first character that is not a letter, digit, '-' or '_' so that
 * it cannot add keywords of its own. */
static tumen_status S_open(tumen_seg *s, const char *lang)
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
		return tumen_seg_fail(s, TUMEN_EICU, "cannot open the "
		                      "sentence break iterator:", u_errorName(ue));
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
static tumen_status S_setup(tumen_seg *s, const tumen_doc_opts *o)
{
	const char *lang = o->lang && *o->lang ? o->lang : "en";
	const tumen_srx *srx = o->srx;
	tumen_status st = TUMEN_OK;

	s->mode = o->seg_mode >= TUMEN_SEG_MODE_ICU &&
	          o->seg_mode <= TUMEN_SEG_MODE_BOTH
	          ? (enum tumen_seg_mode)o->seg_mode
	          : o->srx ? TUMEN_SEG_MODE_SRX : S_MODE_DEFAULT;
	if (s->mode != TUMEN_SEG_MODE_ICU) {
		if (!srx) {
			pthread_once(&S_builtin_once, S_builtin_init);
			srx = S_builtin;
		}
		/* NULL only if out of memory at the first call */
		st = srx ? tumen_srx_run_new(srx, lang, &s->run, s->err)
		         : TUMEN_ENOMEM;
	}
	if (!st && s->mode != TUMEN_SEG_MODE_SRX)
		st = S_open(s, lang);
	return st;
}

/* One part of a text cut in two (S_split, never presegmented): a
 * segmenter of its own and, for the second part, a document of its own. */
typedef struct {
	tumen_seg s;
	const tumen_doc_opts *o;
	size_t pos, len, para;
	unsigned long line;
	tumen_error err;
	tumen_status st;
} S_part;

/* A segmenter of text into doc, reporting to err, with the rules of o's
 * language (nothing opened yet: S_setup). */
static void S_seg_init(tumen_seg *s, const char *text, tumen_doc *doc,
                       tumen_error *err, const tumen_doc_opts *o)
{
	memset(s, 0, sizeof *s);
	s->text = text ? text : "";
	s->doc = doc;
	s->err = err;
	s->rules = S_rules_for(o->lang ? o->lang : "en");
	tumen_buf_init(&s->copy);
}

/* Closes what S_setup opened and frees s's buffers. */
static void S_seg_close(tumen_seg *s)
{
	tumen_srx_run_free(s->run);
	if (s->bi)
		ubrk_close(s->bi);
	tumen_buf_release(&s->copy);
	free(s->u16);
	free(s->brk);
}

static void S_part_run(void *arg)
{
	S_part *p = arg;

	p->st = S_setup(&p->s, p->o);
	if (!p->st)
		p->st = S_run(&p->s, p->pos, p->len, p->line, p->para, p->o);
}

/*
 * Texts of at least S_SPLIT_MIN bytes, when two threads may segment them
 * (tumen_doc_opts.threads), are cut at the first paragraph that starts
 * in their second half, and the two parts are segmented at once, each by
 * a segmenter of its own: every paragraph is segmented alone, so the
 * sentences are the same.  tumen segment on the bench's 10x running text
 * (0.8 MB of English, 1.3 MB of Persian), start-up included: 0.035 s ->
 * 0.025 s and 0.041 s -> 0.030 s.  Returns -1 when the text has no
 * paragraph to cut at (the caller segments it whole), else the status.
 */
#define S_SPLIT_MIN ((size_t)256 << 10)
static int S_split(const char *text, size_t len, const tumen_doc_opts *o,
                   tumen_doc *doc, tumen_error *err)
{
	size_t pos = 0, para = 0;
	unsigned long line = 1;
	S_para pa;
	S_part a, b;
	tumen_doc *d2;
	int found = 0;

	while (S_next_para(text, len, o->para_mode, &pos, &line, &pa)) {
		if (pa.start >= len / 2) {
			found = pa.start > 0;
			break;
		}
		para++;
	}
	if (!found || !(d2 = tumen_doc_new(NULL, NULL)))
		return -1;
	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	a.o = b.o = o;
	S_seg_init(&a.s, text, doc, &a.err, o);
	S_seg_init(&b.s, text, d2, &b.err, o);
	a.pos = 0;
	a.len = pa.start;
	a.line = 1;
	a.para = 0;
	b.pos = pa.start;
	b.len = len;
	b.line = pa.line;
	b.para = para;
	tumen_par2(2, S_part_run, &a, S_part_run, &b);
	if (!a.st && !b.st) {
		a.st = tumen_doc_append(doc, d2);
	} else if (!a.st) { /* the first part's error first */
		a.st = b.st;
		a.err = b.err;
	}
	if (a.st && err)
		*err = a.err;
	S_seg_close(&a.s);
	S_seg_close(&b.s);
	tumen_doc_free(d2);
	return a.st;
}

tumen_status tumen_segment(const char *text, size_t len,
                           const tumen_doc_opts *o, tumen_doc *doc,
                           tumen_error *err)
{
	tumen_doc_opts defaults;
	tumen_seg s;
	tumen_status st = TUMEN_OK;
	int r;

	if (!doc || (!text && len))
		return TUMEN_EINVAL;
	if (!o) {
		tumen_doc_opts_init(&defaults);
		o = &defaults;
	}
	if (o->threads > 1 && !o->presegmented && len >= S_SPLIT_MIN &&
	    (r = S_split(text, len, o, doc, err)) >= 0)
		return (tumen_status)r;
	S_seg_init(&s, text, doc, err, o);
	if (!o->presegmented)
		st = S_setup(&s, o);
	if (!st)
		st = S_run(&s, 0, len, 1, 0, o);
	S_seg_close(&s);
	return st;
}
