/* Tests of bilingual dictionaries (dict.c, dict_learn.c): both formats,
 * comments, malformed lines, multi-word entries, stems, the pairs reaching
 * the aligner, and learning. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tumen/align.h>
#include <tumen/dict.h>
#include "anchors.h"
#include "buf.h"
#include "dict.h"
#include "normalize.h"
#include "suites.h"

static tumen_dict *S_load(const char *text, tumen_status want, tumen_error *err)
{
	tumen_dict *d = NULL;

	CU_ASSERT_EQUAL_FATAL(tumen_dict_new(&d), TUMEN_OK);
	tumen_error_clear(err);
	CU_ASSERT_EQUAL(tumen_dict_load(d, text, strlen(text), err), want);
	return d;
}

static uint32_t S_key(const char *w)
{
	return tumen_word_hash(w, strlen(w));
}

/* Whether the dictionary holds the pair (source word s, target word t). */
static int S_has(const tumen_dict *d, const char *s, const char *t)
{
	size_t n, k;
	const uint64_t *v = tumen_dict_pair_list(d, &n);
	uint64_t want = (uint64_t)S_key(s) << 32 | S_key(t);

	for (k = 0; k < n; k++)
		if (v[k] == want)
			return 1;
	return 0;
}

static void t_formats(void)
{
	tumen_error err;
	tumen_dict *d = S_load("\xEF\xBB\xBF# a comment\n"
	                       "\n"
	                       "کتاب @ book\r\n"
	                       "   \t \n"
	                       "river\tرود\n"
	                       "  # indented comment\n"
	                       "city\tشهر\t0.75\n"
	                       "bridge\tپل\t\n",
	                       TUMEN_OK, &err);

	CU_ASSERT_EQUAL(tumen_dict_entries(d), 4);
	CU_ASSERT_EQUAL(tumen_dict_pairs(d), 4);
	CU_ASSERT(S_has(d, "book", "کتاب"));
	CU_ASSERT(S_has(d, "river", "رود"));
	CU_ASSERT(S_has(d, "city", "شهر"));
	CU_ASSERT(S_has(d, "bridge", "پل"));
	CU_ASSERT(!S_has(d, "کتاب", "book")); /* hunalign: target @ source */
	/* matching form: case folded, Arabic kaf and yeh are Persian ones */
	tumen_dict_free(d);
	d = S_load("BOOK\tكتاب\nMarket\tبازاري\n", TUMEN_OK, &err);
	CU_ASSERT(S_has(d, "book", "کتاب"));
	CU_ASSERT(S_has(d, "market", "بازاری"));
	tumen_dict_free(d);
	tumen_dict_free(NULL);
}

/* A malformed line fails with its number and a message; nothing of that
 * text is kept. */
static void S_bad(const char *text, unsigned long line, const char *msg)
{
	tumen_error err;
	tumen_dict *d = S_load("good\tخوب\n", TUMEN_OK, &err);

	CU_ASSERT_EQUAL(tumen_dict_load(d, text, strlen(text), &err),
	                TUMEN_EFORMAT);
	CU_ASSERT_EQUAL(err.line, line);
	CU_ASSERT_STRING_EQUAL(err.msg, msg);
	CU_ASSERT_EQUAL(tumen_dict_entries(d), 1);
	CU_ASSERT_EQUAL(tumen_dict_pairs(d), 1);
	tumen_dict_free(d);
}

static void t_malformed(void)
{
	S_bad("# header\nbook\tکتاب\nno separator\n", 3,
	      "expected 'PERSIAN @ ENGLISH' or 'ENGLISH<TAB>PERSIAN'");
	S_bad("a\tب\tc\td\n", 1, "more than 3 tab-separated columns");
	S_bad("\n\nriver\tرود\tmany\n", 3,
	      "the third column (weight) is not a number");
	S_bad("ر @ a @ b\n", 1, "more than one '@'");
	S_bad("کتاب @ \n", 1, "empty English (source) side");
	S_bad("book\t \n", 1, "empty Persian (target) side");
	S_bad("ok\tخوب\nbad\t\xff\xfe\n", 2, "invalid UTF-8");
}

static void t_multiword(void)
{
	tumen_error err;
	tumen_dict *d = S_load("United Nations\tسازمان ملل\n"
	                       "the city of the dead\tشهر مردگان\n"
	                       "and\tو\n"
	                       "one two three four five\tیک\n",
	                       TUMEN_OK, &err);

	CU_ASSERT_EQUAL(tumen_dict_entries(d), 4);
	/* content words of one side with each of the other's */
	CU_ASSERT(S_has(d, "united", "سازمان"));
	CU_ASSERT(S_has(d, "united", "ملل"));
	CU_ASSERT(S_has(d, "nations", "سازمان"));
	CU_ASSERT(S_has(d, "nation", "ملل"));
	/* stop words left out: the, of */
	CU_ASSERT(S_has(d, "city", "مردگان"));
	CU_ASSERT(S_has(d, "dead", "شهر"));
	CU_ASSERT(!S_has(d, "the", "شهر"));
	/* stop words only, or too many words: no pairs */
	CU_ASSERT(!S_has(d, "and", "و"));
	CU_ASSERT(!S_has(d, "five", "یک"));
	CU_ASSERT_EQUAL(tumen_dict_pairs(d), 8);
	tumen_dict_free(d);
}

static void S_stem_is(const char *w, const char *want)
{
	char out[TUMEN_STEM_MAX];
	size_t n = tumen_stem(w, strlen(w), out);

	CU_ASSERT(n == strlen(want) && !memcmp(out, want, n));
	if (n != strlen(want) || memcmp(out, want, n))
		fprintf(stderr, "stem of '%s' is '%.*s', expected '%s'\n", w,
		        (int)n, out, want);
}

static void t_stems(void)
{
	S_stem_is("books", "book");
	S_stem_is("book", "book");
	S_stem_is("boxes", "box");
	S_stem_is("churches", "church");
	S_stem_is("classes", "class");
	S_stem_is("class", "class");
	S_stem_is("studies", "study");
	S_stem_is("carried", "carry");
	S_stem_is("walked", "walk");
	S_stem_is("walking", "walk");
	S_stem_is("stopped", "stop");
	S_stem_is("falling", "fall");
	S_stem_is("creating", "creat");
	S_stem_is("created", "creat");
	S_stem_is("create", "creat");
	S_stem_is("bus", "bus");
	S_stem_is("this", "this");
	S_stem_is("king", "king");
	S_stem_is("string", "string");
	S_stem_is("need", "need");
	S_stem_is("2024", "2024");
	S_stem_is("کتابها", "کتاب");
	S_stem_is("کتابهای", "کتاب");
	S_stem_is("بزرگترین", "بزرگ");
	S_stem_is("بزرگتر", "بزرگ");
	S_stem_is("میروند", "روند");
	S_stem_is("نمیروند", "روند");
	S_stem_is("کتابی", "کتاب");
	S_stem_is("دختر", "دختر"); /* not دخ + تر */
	S_stem_is("میز", "میز");   /* not می + ز */
	S_stem_is("تنها", "تنها");
}

/* Forms written with a ZWNJ, or with an apostrophe, give the same pairs
 * as the plain word: the affix is a word of its own, a stop word. */
static void t_affixes(void)
{
	tumen_error err;
	tumen_dict *d = S_load("book's\tکتاب‌ها\n"
	                       "biggest\tبزرگ‌ترین\n"
	                       "go\tمی‌روند\n"
	                       "went\tنمی‌روند\n",
	                       TUMEN_OK, &err);

	CU_ASSERT(S_has(d, "book", "کتاب"));
	CU_ASSERT(S_has(d, "books", "کتابها"));
	CU_ASSERT(S_has(d, "biggest", "بزرگ"));
	CU_ASSERT(S_has(d, "go", "روند"));
	CU_ASSERT(S_has(d, "go", "میروند"));
	CU_ASSERT(S_has(d, "went", "روند"));
	CU_ASSERT_EQUAL(tumen_dict_pairs(d), 4);
	tumen_dict_free(d);
}

/* Sentence words meet dictionary stems: "books" in the text, "book" in
 * the dictionary. */
static void t_word_keys(void)
{
	tumen_buf m = TUMEN_BUF_INIT;
	const char *s = "The Books\xE2\x80\x8C of می‌روند";
	size_t pos = 0, w0, wl, n = 0;
	uint32_t key[8];

	CU_ASSERT_EQUAL_FATAL(tumen_match_form(s, strlen(s), &m), TUMEN_OK);
	while (n < 8 && tumen_word_next(m.ptr, m.len, &pos, &w0, &wl))
		key[n++] = tumen_word_hash(m.ptr + w0, wl);
	CU_ASSERT_EQUAL(n, 5);
	CU_ASSERT_EQUAL(key[1], S_key("book"));
	CU_ASSERT_EQUAL(key[3], S_key("می"));
	CU_ASSERT_EQUAL(key[4], S_key("روند"));
	CU_ASSERT(tumen_stop_word("می", strlen("می")));
	CU_ASSERT(tumen_stop_word("the", 3));
	CU_ASSERT(!tumen_stop_word("book", 4));
	tumen_buf_release(&m);
}

/* ---- the dictionary changes an alignment --------------------------------- */

static const char S_letters[] = "abcdefghijklmnoprstuvw";

/* Word i of the source ("qXYm") and its translation ("zYXp"): no digits
 * (they would be numbers), nothing identical across the sides. */
static void S_word(tumen_buf *b, int i, int tgt)
{
	char w[5] = { tgt ? 'z' : 'q', S_letters[tgt ? i % 22 : i / 22],
	              S_letters[tgt ? i / 22 : i % 22], tgt ? 'p' : 'm', 0 };

	tumen_buf_printf(b, "%s%s", b->len && b->ptr[b->len - 1] != '\n' ? " " : "",
	                 w);
}

static void S_line(tumen_buf *b, int from, int n, int tgt)
{
	int i;

	for (i = from; i < from + n; i++)
		S_word(b, i, tgt);
}

/*
 * Sources A B C (12 words each) between three 1-1 pairs on each side;
 * the target's X translates 8 words of A and 8 of B, and Y the 12 words of
 * C and 6 words no dictionary knows.  By length, A-X and B+C-Y fit best;
 * the truth is A+B-X and C-Y.
 */
static void S_misleading(tumen_buf *s, tumen_buf *t, tumen_buf *d)
{
	int k, i;

	for (k = 0; k < 3; k++) {
		S_line(s, 12 * k, 12, 0), tumen_buf_addc(s, '\n');
		S_line(t, 12 * k, 12, 1), tumen_buf_addc(t, '\n');
	}
	for (k = 3; k < 6; k++)
		S_line(s, 12 * k, 12, 0), tumen_buf_addc(s, '\n');
	S_line(t, 36, 8, 1), S_line(t, 48, 8, 1), tumen_buf_addc(t, '\n');
	S_line(t, 60, 12, 1), S_line(t, 72, 6, 1), tumen_buf_addc(t, '\n');
	for (k = 6; k < 9; k++) {
		S_line(s, 12 * k + 6, 12, 0), tumen_buf_addc(s, '\n');
		S_line(t, 12 * k + 6, 12, 1), tumen_buf_addc(t, '\n');
	}
	for (i = 0; i < 12 * 9 + 6; i++) {
		S_word(d, i, 0);
		tumen_buf_addc(d, '\t');
		S_word(d, i, 1);
		tumen_buf_addc(d, '\n');
	}
}

/* Whether the alignment has the bead src[s0, s0+ns) - tgt[t0, t0+nt). */
static int S_bead(const tumen_alignment *a, size_t s0, size_t ns, size_t t0,
                  size_t nt)
{
	size_t k;

	for (k = 0; k < tumen_alignment_count(a); k++) {
		const tumen_bead *b = tumen_alignment_bead(a, k);
		if (b->src == s0 && b->nsrc == ns && b->tgt == t0 && b->ntgt == nt)
			return 1;
	}
	return 0;
}

static void t_changes_alignment(void)
{
	tumen_buf s = TUMEN_BUF_INIT, t = TUMEN_BUF_INIT, text = TUMEN_BUF_INIT;
	tumen_doc *ds, *dt;
	tumen_alignment *a = NULL;
	tumen_align_opts o;
	tumen_error err;
	tumen_dict *d;

	S_misleading(&s, &t, &text);
	ds = test_doc(s.ptr, "en");
	dt = test_doc(t.ptr, "fa");
	d = S_load(text.ptr, TUMEN_OK, &err);
	CU_ASSERT_EQUAL(tumen_dict_pairs(d), 12 * 9 + 6);
	tumen_align_opts_init(&o);
	/* without the dictionary, length misleads */
	CU_ASSERT_EQUAL_FATAL(tumen_align(ds, dt, &o, &a), TUMEN_OK);
	CU_ASSERT(S_bead(a, 3, 1, 3, 1));
	CU_ASSERT(S_bead(a, 4, 2, 4, 1));
	tumen_alignment_free(a);
	/* with it, the right beads, with or without the learned lexicon */
	o.dict = d;
	CU_ASSERT_EQUAL_FATAL(tumen_align(ds, dt, &o, &a), TUMEN_OK);
	CU_ASSERT(S_bead(a, 3, 2, 3, 1));
	CU_ASSERT(S_bead(a, 5, 1, 4, 1));
	tumen_alignment_free(a);
	o.lexicon = 0;
	CU_ASSERT_EQUAL_FATAL(tumen_align(ds, dt, &o, &a), TUMEN_OK);
	CU_ASSERT(S_bead(a, 3, 2, 3, 1));
	CU_ASSERT(S_bead(a, 5, 1, 4, 1));
	tumen_alignment_free(a);
	tumen_dict_free(d);
	tumen_doc_free(ds);
	tumen_doc_free(dt);
	tumen_buf_release(&s);
	tumen_buf_release(&t);
	tumen_buf_release(&text);
}

/* ---- learning -------------------------------------------------------------- */

/* Whether the lines of text are in strictly increasing byte order. */
static int S_sorted(const char *text)
{
	const char *prev = NULL, *p = text;
	size_t plen = 0;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		if (prev) {
			size_t m = n < plen ? n : plen;
			int c = memcmp(prev, p, m);
			if (c > 0 || (c == 0 && plen >= n))
				return 0;
		}
		prev = p;
		plen = n;
		p += n + (nl != NULL);
	}
	return 1;
}

static void t_learn(void)
{
	static const char *const pairs[][2] = {
		{ "The book is red.", "کتاب قرمز است." },
		{ "Books are good.", "کتاب‌ها خوب هستند." },
		{ "A red house.", "یک خانه قرمز." },
		{ "The house is good.", "خانه خوب است." },
		{ "My book.", "کتاب من." },
		{ "The houses are red.", "خانه‌ها قرمز هستند." },
	};
	tumen_dict_learner *l = NULL;
	tumen_dict_learn_opts o;
	tumen_dict *d = NULL;
	tumen_error err;
	char *out = NULL;
	size_t len = 0, n = 0, k;
	FILE *f;
	int used;

	CU_ASSERT_EQUAL_FATAL(tumen_dict_learner_new(&l), TUMEN_OK);
	for (k = 0; k < sizeof pairs / sizeof *pairs; k++) {
		CU_ASSERT_EQUAL(tumen_dict_learner_add(l, pairs[k][0],
		                strlen(pairs[k][0]), pairs[k][1],
		                strlen(pairs[k][1]), &used), TUMEN_OK);
		CU_ASSERT(used);
	}
	CU_ASSERT_EQUAL(tumen_dict_learner_add(l, "...", 3, "کتاب", 8, &used),
	                TUMEN_OK);
	CU_ASSERT(!used);
	CU_ASSERT_EQUAL(tumen_dict_learner_count(l), 6);
	tumen_dict_learn_opts_init(&o);
	o.min_count = 1;
	f = open_memstream(&out, &len);
	CU_ASSERT_FATAL(f != NULL);
	CU_ASSERT_EQUAL(tumen_dict_learner_write(l, &o, f, &n), TUMEN_OK);
	fclose(f);
	CU_ASSERT(n > 0);
	/* book/books and کتاب/کتاب‌ها count as one; the form written is the
	 * most frequent */
	CU_ASSERT(strstr(out, "book\tکتاب\t") != NULL);
	CU_ASSERT(strstr(out, "red\tقرمز\t") != NULL);
	/* sorted, and read back by the loader */
	CU_ASSERT(S_sorted(out));
	CU_ASSERT_EQUAL(tumen_dict_new(&d), TUMEN_OK);
	CU_ASSERT_EQUAL(tumen_dict_load(d, out, len, &err), TUMEN_OK);
	CU_ASSERT_EQUAL(tumen_dict_entries(d), n);
	CU_ASSERT(S_has(d, "books", "کتاب"));
	free(out);
	/* --max-entries 1: the best pair only */
	o.max_entries = 1;
	out = NULL;
	f = open_memstream(&out, &len);
	CU_ASSERT_EQUAL(tumen_dict_learner_write(l, &o, f, &n), TUMEN_OK);
	fclose(f);
	CU_ASSERT_EQUAL(n, 1);
	free(out);
	tumen_dict_free(d);
	tumen_dict_learner_free(l);
	tumen_dict_learner_free(NULL);
}

static CU_TestInfo tests[] = {
	{ "hunalign and TSV lines, comments", t_formats },
	{ "malformed lines name their line", t_malformed },
	{ "multi-word entries pair content words", t_multiword },
	{ "English and Persian stems", t_stems },
	{ "ZWNJ affixes and possessives", t_affixes },
	{ "sentence words are keyed by stem", t_word_keys },
	{ "a dictionary pair changes an alignment", t_changes_alignment },
	{ "learning a dictionary", t_learn },
	CU_TEST_INFO_NULL
};

int suite_dict(void) { return test_add_suite("dict", tests); }
