/* Tests of doc.c as seen through segmentation: tumen_doc_from_bytes()
 * counts, paragraphs, lines and texts; empty documents; the cleaning done
 * by tumen_doc_add(). */
#include <string.h>
#include "suites.h"
#include "doc.h"

static tumen_doc *S_load(const char *text, const char *lang, int preseg,
                         tumen_status want)
{
	tumen_doc_opts o;
	tumen_error err;
	tumen_doc *d = (tumen_doc *)&err; /* must be reset to NULL on failure */

	tumen_doc_opts_init(&o);
	o.lang = lang;
	o.presegmented = preseg;
	CU_ASSERT_EQUAL(tumen_doc_from_bytes(text, strlen(text), "x.txt", &o,
	                                     &d, &err), want);
	CU_ASSERT_EQUAL(err.code, want);
	if (want)
		CU_ASSERT_PTR_NULL(d);
	return d;
}

static void t_two_paragraphs(void)
{
	static const char *const want[] = {
		"The minister arrived on Monday.", "Talks begin today.",
		"Both sides want a deal.", NULL
	};
	static const size_t para[] = { 0, 0, 1 };
	static const unsigned long line[] = { 1, 2, 5 };
	tumen_doc *d = S_load("The minister arrived on Monday.\nTalks begin "
	                      "today.\n\n\nBoth sides want\na deal.\n", "en",
	                      0, TUMEN_OK);
	size_t i, len;

	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL_FATAL(tumen_doc_count(d), 3);
	CU_ASSERT_EQUAL(tumen_doc_paragraphs(d), 2);
	for (i = 0; want[i]; i++) {
		CU_ASSERT_STRING_EQUAL(tumen_doc_sentence(d, i, &len), want[i]);
		CU_ASSERT_EQUAL(len, strlen(want[i]));
		CU_ASSERT_EQUAL(tumen_doc_paragraph(d, i), para[i]);
		CU_ASSERT_EQUAL(tumen_doc_line(d, i), line[i]);
	}
	CU_ASSERT_STRING_EQUAL(tumen_doc_name(d), "x.txt");
	CU_ASSERT_STRING_EQUAL(tumen_doc_lang(d), "en");
	tumen_doc_free(d);
}

static void t_persian_doc(void)
{
	tumen_doc *d = S_load("وزیر دوشنبه رسید. مذاکرات امروز آغاز می‌شود؟\n\n"
	                      "هر دو طرف توافق می‌خواهند.", "fa", 0, TUMEN_OK);

	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL_FATAL(tumen_doc_count(d), 3);
	CU_ASSERT_STRING_EQUAL(tumen_doc_sentence(d, 1, NULL),
	                       "مذاکرات امروز آغاز می‌شود؟");
	CU_ASSERT_EQUAL(tumen_doc_paragraph(d, 2), 1);
	CU_ASSERT_EQUAL(tumen_doc_line(d, 2), 3);
	CU_ASSERT_STRING_EQUAL(tumen_doc_lang(d), "fa");
	tumen_doc_free(d);
}

static void t_empty(void)
{
	const char *in[] = { "", "\n", "   \n\t\n  ", NULL };
	tumen_error err;
	tumen_doc *d;
	size_t i;

	for (i = 0; in[i]; i++) {
		S_load(in[i], "en", 0, TUMEN_EEMPTY);
		S_load(in[i], "fa", 1, TUMEN_EEMPTY);
	}
	CU_ASSERT_EQUAL(tumen_doc_from_bytes("", 0, NULL, NULL, &d, &err),
	                TUMEN_EEMPTY);
	CU_ASSERT_STRING_EQUAL(err.msg, "empty document");
}

/* Trimming; a white-space run with a tab or line break becomes one
 * space; a run of plain spaces is kept as written. */
static void t_cleaning(void)
{
	tumen_doc *d = S_load("  \tone\t\ttwo  three \n  four.\t\n", "en", 1,
	                      TUMEN_OK);

	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL_FATAL(tumen_doc_count(d), 2);
	CU_ASSERT_STRING_EQUAL(tumen_doc_sentence(d, 0, NULL),
	                       "one two  three");
	CU_ASSERT_STRING_EQUAL(tumen_doc_sentence(d, 1, NULL), "four.");
	CU_ASSERT_EQUAL(tumen_doc_line(d, 1), 2);
	tumen_doc_free(d);
	/* plain spaces that begin or end a run with a tab go with it */
	d = S_load("x  \ty   z\t \tw \t.\n", "en", 1, TUMEN_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL_FATAL(tumen_doc_count(d), 1);
	CU_ASSERT_STRING_EQUAL(tumen_doc_sentence(d, 0, NULL), "x y   z w .");
	tumen_doc_free(d);
	/* the same through sentence splitting: the wrap becomes a space */
	d = S_load("  A long\n\t  sentence.  Next\xC2\xA0", "en", 0, TUMEN_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL_FATAL(tumen_doc_count(d), 2);
	CU_ASSERT_STRING_EQUAL(tumen_doc_sentence(d, 0, NULL),
	                       "A long sentence.");
	CU_ASSERT_STRING_EQUAL(tumen_doc_sentence(d, 1, NULL), "Next");
	CU_ASSERT_EQUAL(tumen_doc_line(d, 1), 2);
	tumen_doc_free(d);
}

/* tumen_doc_add() directly: empty sentences are dropped, paragraph
 * numbers never go down, npara follows the last one. */
static void t_add(void)
{
	tumen_doc *d = tumen_doc_new(NULL, NULL);

	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_STRING_EQUAL(tumen_doc_lang(d), "en");
	CU_ASSERT_STRING_EQUAL(tumen_doc_name(d), "");
	CU_ASSERT_EQUAL(tumen_doc_add(d, " \n\t ", 4, 0, 1), TUMEN_OK);
	CU_ASSERT_EQUAL(tumen_doc_count(d), 0);
	CU_ASSERT_EQUAL(tumen_doc_add(d, "a", 1, 2, 1), TUMEN_OK);
	CU_ASSERT_EQUAL(tumen_doc_add(d, "b", 1, 1, 3), TUMEN_OK);
	CU_ASSERT_EQUAL(tumen_doc_paragraph(d, 1), 2);
	CU_ASSERT_EQUAL(tumen_doc_line(d, 1), 3);
	CU_ASSERT_EQUAL(tumen_doc_paragraphs(d), 3);
	tumen_doc_free(d);
	tumen_doc_free(NULL);
}

/* Paragraphs are renumbered 0, 1, 2 ... by tumen_doc_from_bytes(), and
 * paragraph breaks survive in presegmented mode. */
static void t_paragraph_count(void)
{
	tumen_doc *d = S_load("a\n\n\n\nb\nc\n\n \nd\n", "en", 1, TUMEN_OK);

	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL_FATAL(tumen_doc_count(d), 4);
	CU_ASSERT_EQUAL(tumen_doc_paragraphs(d), 3);
	CU_ASSERT_EQUAL(tumen_doc_paragraph(d, 2), 1);
	CU_ASSERT_EQUAL(tumen_doc_paragraph(d, 3), 2);
	CU_ASSERT_EQUAL(tumen_doc_line(d, 3), 9);
	tumen_doc_free(d);
}

static CU_TestInfo tests[] = {
	{ "two paragraphs: count, paragraph, line, text", t_two_paragraphs },
	{ "persian document", t_persian_doc },
	{ "empty and white-space documents", t_empty },
	{ "sentences are trimmed and cleaned", t_cleaning },
	{ "tumen_doc_add directly", t_add },
	{ "paragraphs are counted", t_paragraph_count },
	CU_TEST_INFO_NULL
};

int suite_doc(void) { return test_add_suite("doc", tests); }
