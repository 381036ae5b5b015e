/*
 * tumen/tmx.h - reading TMX translation memories, and the tools on them:
 * stats, validate, merge, filter, export.
 *
 * The reader streams: it holds one <tu> at a time, so memory does not grow
 * with the file.  It takes UTF-8 or UTF-16 (the XML declaration or a byte
 * order mark says which) and is safe on hostile files: it never fetches
 * or reads an external entity or DTD, refuses every entity declaration (no
 * entity expansion at all, so no "billion laughs"), and refuses nesting
 * deeper than TUMEN_TMX_MAX_DEPTH elements.  Such files fail with
 * TUMEN_EFORMAT and an error naming the line, e.g. line 3, "entity
 * declarations are not allowed".
 *
 * Strings handed out by the reader are UTF-8, NUL-terminated and also given
 * with their length in bytes (a segment may hold U+0000 only if the file
 * does, which XML forbids, so in practice never).  They borrow from the
 * reader and stay valid only during the callback that receives them.
 */
#ifndef TUMEN_TMX_H
#define TUMEN_TMX_H

#include <stddef.h>
#include <stdio.h>
#include <tumen/status.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Deepest element nesting accepted (a TMX needs about 8). */
#define TUMEN_TMX_MAX_DEPTH 64
/* Largest <tu> accepted, text of all its parts together, in bytes. */
#define TUMEN_TMX_MAX_UNIT (64u << 20)

/* A borrowed UTF-8 string: ptr[len] == '\0'; never NULL (may be ""). */
typedef struct tumen_tmx_str {
	const char *ptr;
	size_t len;
} tumen_tmx_str;

/* An attribute of <tu> or <tuv>, e.g. name "creationdate". */
typedef struct tumen_tmx_attr {
	tumen_tmx_str name, value;
} tumen_tmx_attr;

/* A <prop> (type set) or a <note> (type ""), with its xml:lang if any. */
typedef struct tumen_tmx_prop {
	tumen_tmx_str type, lang, value;
} tumen_tmx_prop;

/* A <tuv>: its language and segment. */
typedef struct tumen_tuv {
	tumen_tmx_str lang; /* xml:lang ("lang" of TMX 1.1 also taken) */
	tumen_tmx_str seg;  /* text of <seg>, inline codes stripped: the
	                       content of bpt, ept, ph, it, ut (native codes)
	                       left out, that of hi kept */
	tumen_tmx_str xml;  /* with opts.keep_inline: the content of <seg>
	                       as XML (text escaped, inline elements and their
	                       attributes kept), ready to write back; else "" */
	const tumen_tmx_attr *attrs; size_t nattrs; /* but the one
	                                                  giving lang */
	const tumen_tmx_prop *props; size_t nprops;
	const tumen_tmx_prop *notes; size_t nnotes;
	unsigned long line; /* of the <tuv> tag */
} tumen_tuv;

/* A <tu>, handed to the callback when its end tag has been read. */
typedef struct tumen_tu {
	tumen_tmx_str tuid; /* "" if none */
	const tumen_tmx_attr *attrs; size_t nattrs; /* all, tuid included */
	const tumen_tmx_prop *props; size_t nprops;
	const tumen_tmx_prop *notes; size_t nnotes;
	const tumen_tuv *tuvs; size_t ntuvs;
	unsigned long line;       /* of the <tu> tag */
	unsigned long long index; /* 0 for the first unit of the file */
} tumen_tu;

/* Called once per <tu>; any status but TUMEN_OK stops the reader, which
 * then returns that status. */
typedef tumen_status (*tumen_tu_fn)(void *ctx, const tumen_tu *tu);

typedef struct tumen_tmx_reader_opts {
	int keep_inline; /* fill tumen_tuv.xml (default 0) */
} tumen_tmx_reader_opts;

typedef struct tumen_tmx_reader tumen_tmx_reader;

void tumen_tmx_reader_opts_init(tumen_tmx_reader_opts *o);

/* Creates a reader calling fn(ctx, tu) for each unit.  *out is owned by
 * the caller (tumen_tmx_reader_free()).  TUMEN_ENOMEM or TUMEN_EINVAL
 * (fn NULL). */
tumen_status tumen_tmx_reader_new(tumen_tmx_reader **out,
                                  const tumen_tmx_reader_opts *o,
                                  tumen_tu_fn fn, void *ctx);

void tumen_tmx_reader_free(tumen_tmx_reader *r);

/*
 * Parses the next len bytes of the file, in chunks of any size (a character
 * may be split between chunks); is_final says this is the last chunk.
 * Returns TUMEN_OK, TUMEN_EFORMAT (not well-formed, hostile, or no <tmx>
 * root), TUMEN_ELIMIT (a unit over TUMEN_TMX_MAX_UNIT), TUMEN_ENOMEM, or
 * what the callback returned; err (may be NULL) gets the line and message.
 * After a failure every further call fails the same way.
 */
tumen_status tumen_tmx_reader_feed(tumen_tmx_reader *r, const char *buf,
                                   size_t len, int is_final, tumen_error *err);

/* Reads f to its end through tumen_tmx_reader_feed(); TUMEN_EIO if the
 * stream fails.  Does not close f. */
tumen_status tumen_tmx_reader_read(tumen_tmx_reader *r, FILE *f,
                                   tumen_error *err);

/* The value of attribute `name` of <header> (e.g. "srclang"), or NULL when
 * the header has no such attribute or has not been read yet.  The header
 * is complete before the first unit reaches the callback.  Borrowed: valid
 * until the reader is freed. */
const char *tumen_tmx_reader_header(const tumen_tmx_reader *r,
                                    const char *name);

/* Units read so far. */
unsigned long long tumen_tmx_reader_units(const tumen_tmx_reader *r);

/* ---- tools ---------------------------------------------------------- */

/* Whether s[0..len) is a language tag of BCP 47 syntax ("en", "fa-IR",
 * "zh-Hant-TW", "x-klingon"); case is not checked. */
int tumen_tmx_lang_ok(const char *s, size_t len);

/* Whether s is a TMX date, YYYYMMDDThhmmssZ, with fields in range. */
int tumen_tmx_date_ok(const char *s);

/*
 * The key pairs are compared on: for each tuv its language and its
 * stripped text with white space collapsed, in the matching form of
 * normalize (case folded, Persian letters and digits unified), hashed to
 * 64 bits; the order of the tuvs does not matter.  TUMEN_OK, TUMEN_ENOMEM
 * or TUMEN_EICU.
 */
tumen_status tumen_tu_key(const tumen_tu *tu, unsigned long long *key);

/* The value of the unit's <prop type="x-score"> in [0, 1], or -1 if it
 * has none or it is not a number. */
double tumen_tu_score(const tumen_tu *tu);

#define TUMEN_TMX_MAX_LANGS 16
#define TUMEN_TMX_MAX_BEADS 16

typedef struct tumen_tmx_stats {
	unsigned long long units, tuvs;
	unsigned long long duplicates; /* units whose key an earlier unit has */
	unsigned long long scored;     /* units with an x-score */
	unsigned long long score_hist[10]; /* [0, .1), ... [.9, 1] */
	size_t nlangs; /* languages beyond TUMEN_TMX_MAX_LANGS go to "other" */
	struct {
		char lang[36];
		unsigned long long segments, words, chars;
	} langs[TUMEN_TMX_MAX_LANGS + 1];
	size_t nbeads; /* x-bead values, e.g. "1-1"; beyond the table: "other" */
	struct {
		char type[16];
		unsigned long long count;
	} beads[TUMEN_TMX_MAX_BEADS + 1];
	char srclang[36]; /* header srclang */
} tumen_tmx_stats;

/* Reads a TMX from f and counts.  Memory: one unit plus 16 bytes per
 * distinct pair (for the duplicate count).  Errors as
 * tumen_tmx_reader_feed(). */
tumen_status tumen_tmx_stats_read(FILE *f, tumen_tmx_stats *s,
                                  tumen_error *err);

/* Called for each problem found by tumen_tmx_validate(): `line` 1-based,
 * `msg` lowercase without a full stop, borrowed for the call. */
typedef void (*tumen_tmx_problem_fn)(void *ctx, unsigned long line,
                                     const char *msg);

/*
 * Checks f against TMX 1.4b: element structure and order, required
 * attributes (header: creationtool, creationtoolversion, segtype, o-tmf,
 * adminlang, srclang, datatype; tuv: xml:lang; prop: type ...), segtype
 * values, language tags (tumen_tmx_lang_ok(); srclang may be "*all*"),
 * dates (tumen_tmx_date_ok()), a tuv in the source language in every tu,
 * one seg per tuv; characters XML 1.0 forbids and every other
 * well-formedness error (after which checking stops).  Each problem goes to
 * fn; *nproblems (may be NULL) gets their number.  Returns TUMEN_OK when
 * there are none, TUMEN_EFORMAT when there are, or TUMEN_EIO/TUMEN_ENOMEM
 * (err set) when checking could not be done.
 */
tumen_status tumen_tmx_validate(FILE *f, tumen_tmx_problem_fn fn, void *ctx,
                                size_t *nproblems, tumen_error *err);

typedef struct tumen_tmx_merge_result {
	unsigned long long read, written, duplicates;
	size_t failed; /* with an error: the index of the input at fault */
} tumen_tmx_merge_result;

/*
 * Merges TMX files into one on `out`: every unit once, duplicates (same
 * tumen_tu_key()) removed, keeping the copy with the best x-score (the
 * first of equals), in input order.  Two passes, so every input must be
 * seekable (TUMEN_EINVAL otherwise); memory is 16 bytes per distinct pair.
 * The header is tumen's, with the srclang of the first input (and its
 * creationdate when valid, else now).  Inline codes are kept.  Errors as
 * tumen_tmx_reader_feed(), res->failed naming the input; TUMEN_EIO when
 * writing fails; TUMEN_ELIMIT over 4294967295 units.
 */
tumen_status tumen_tmx_merge(FILE *const *in, size_t nin, FILE *out,
                             tumen_tmx_merge_result *res, tumen_error *err);

/* The rules of tumen_tmx_filter(), in the order they are applied. */
enum {
	TUMEN_TMX_RULE_LANGS = 0, /* lacks a tuv in one of opts.langs */
	TUMEN_TMX_RULE_SCORE,     /* x-score below opts.min_score */
	TUMEN_TMX_RULE_CHARS,     /* a side shorter than min_chars or longer
	                             than max_chars (characters) */
	TUMEN_TMX_RULE_RATIO,     /* longer side / shorter side > max_ratio */
	TUMEN_TMX_RULE_NUMBERS,   /* the sides hold different numbers */
	TUMEN_TMX_RULE_IDENTICAL, /* the sides are the same text */
	TUMEN_TMX_RULES
};

typedef struct tumen_tmx_filter_opts {
	const char *langs;   /* "en,fa": keep only tuvs in these languages
	                        and units having all of them; NULL: off */
	double min_score;    /* < 0: off; units without a score pass */
	size_t min_chars;    /* 0: off */
	size_t max_chars;    /* 0: off */
	double max_ratio;    /* 0: off; otherwise >= 1 */
	int numbers;         /* drop units whose sides' digit sequences
	                        differ after folding Persian/Arabic digits */
	int no_identical;    /* drop units whose sides match (matching form) */
} tumen_tmx_filter_opts;

typedef struct tumen_tmx_filter_result {
	unsigned long long read, kept;
	unsigned long long removed[TUMEN_TMX_RULES]; /* by the first rule that
	                                                removed the unit */
} tumen_tmx_filter_result;

void tumen_tmx_filter_opts_init(tumen_tmx_filter_opts *o);

/* Short name of a rule ("langs", "min-score", ...). */
const char *tumen_tmx_rule_name(int rule);

/*
 * Copies the units of `in` that pass every rule to `out` (TMX, header as
 * tumen_tmx_merge()).  The two sides compared are the tuv in the header's
 * srclang (or the first tuv) and the first tuv of another language; a unit
 * with one side only fails the ratio, numbers and chars rules when they are
 * on.  TUMEN_EINVAL for a bad opts.langs; else as tumen_tmx_merge().
 */
tumen_status tumen_tmx_filter(FILE *in, FILE *out,
                              const tumen_tmx_filter_opts *o,
                              tumen_tmx_filter_result *res, tumen_error *err);

typedef struct tumen_tmx_export_opts {
	int moses;            /* 0: TSV "source<TAB>target" to out;
	                         1: source line to out, target line to out2 */
	const char *src_lang; /* NULL: the header's srclang */
	const char *tgt_lang; /* NULL: the first other language met */
	int keep_inline;      /* write tumen_tuv.xml rather than .seg */
} tumen_tmx_export_opts;

/*
 * Writes one line per unit having both languages: tabs, CR and LF inside a
 * segment become spaces.  *written (may be NULL) gets the number of pairs.
 * TUMEN_EIO when writing fails; else as tumen_tmx_reader_feed().
 */
tumen_status tumen_tmx_export(FILE *in, const tumen_tmx_export_opts *o,
                              FILE *out, FILE *out2,
                              unsigned long long *written, tumen_error *err);

/*
 * Finds the export languages of f: src = header srclang (or the first
 * tuv's), tgt = the first tuv language other than src, stopping at the
 * first unit having both.  Either may be preset by the caller (non-empty)
 * to be kept.  TUMEN_EFORMAT "no pair of languages found" when none; f is
 * left where the reading stopped.
 */
tumen_status tumen_tmx_langs(FILE *f, char src[36], char tgt[36],
                             tumen_error *err);

#ifdef __cplusplus
}
#endif
#endif
