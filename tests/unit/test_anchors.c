/* STUB - tests of the anchors module */
#include "suites.h"
static CU_TestInfo tests[] = { CU_TEST_INFO_NULL };
int suite_anchors(void) { return test_add_suite("anchors", tests); }
