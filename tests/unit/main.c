/* The unit-test runner: every module's suite, CUnit basic interface. */
#include <stdio.h>
#include <string.h>
#include <CUnit/Basic.h>

#include "suites.h"

int test_add_suite(const char *name, const CU_TestInfo *tests)
{
	CU_pSuite s = CU_add_suite(name, NULL, NULL);
	if (!s)
		return CU_get_error();
	for (; tests->pName; tests++)
		if (!CU_add_test(s, tests->pName, tests->pTestFunc))
			return CU_get_error();
	return 0;
}

tumen_doc *test_doc(const char *text, const char *lang)
{
	tumen_doc_opts o;
	tumen_doc *d = NULL;

	tumen_doc_opts_init(&o);
	o.presegmented = 1;
	o.lang = lang;
	CU_ASSERT_EQUAL_FATAL(tumen_doc_from_bytes(text, strlen(text), "t", &o,
	                                           &d, NULL), TUMEN_OK);
	return d;
}

int main(int argc, char **argv)
{
	int (*const suites[])(void) = {
		suite_buf, suite_decode, suite_normalize, suite_segment,
		suite_doc, suite_align, suite_output, suite_eval,
		suite_tmx_read, suite_report, suite_srx, suite_srx_scan, suite_dict,
		suite_anchors, suite_par, suite_lse,
	};
	unsigned fails;
	size_t i;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 1;
	for (i = 0; i < sizeof suites / sizeof *suites; i++)
		if (suites[i]()) {
			fprintf(stderr, "cannot register suite %zu\n", i);
			CU_cleanup_registry();
			return 1;
		}
	CU_basic_set_mode(CU_BRM_VERBOSE);
	if (argc > 1) {
		/* run one suite: tests/unit/run SUITE */
		CU_pSuite s = CU_get_suite(argv[1]);
		if (!s) {
			fprintf(stderr, "no suite '%s'\n", argv[1]);
			CU_cleanup_registry();
			return 2;
		}
		CU_basic_run_suite(s);
	} else {
		CU_basic_run_tests();
	}
	fails = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
	if (CU_get_error())
		fails++;
	CU_cleanup_registry();
	return fails ? 1 : 0;
}
