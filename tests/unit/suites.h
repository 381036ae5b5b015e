/* suites.h - every unit-test file adds one CUnit suite (private). */
#ifndef TUMEN_TEST_SUITES_H
#define TUMEN_TEST_SUITES_H

#include <CUnit/CUnit.h>
#include <tumen/document.h>

/* Each returns 0 or a CUnit error code. */
int suite_buf(void);
int suite_decode(void);
int suite_normalize(void);
int suite_segment(void);
int suite_doc(void);
int suite_align(void);
int suite_output(void);
int suite_eval(void);
int suite_tmx_read(void);
int suite_report(void);
int suite_srx(void);
int suite_srx_scan(void);
int suite_dict(void);
int suite_anchors(void);
int suite_par(void);
int suite_lse(void);

/* Adds a suite named `name` with the NULL-terminated test list. */
int test_add_suite(const char *name, const CU_TestInfo *tests);

/* A presegmented document (one segment a line) in language `lang`, named
 * "t"; the test stops if it cannot be made.  Free with tumen_doc_free. */
tumen_doc *test_doc(const char *text, const char *lang);

#endif
