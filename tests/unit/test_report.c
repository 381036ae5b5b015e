/* STUB - tests of the report module */
#include "suites.h"
static CU_TestInfo tests[] = { CU_TEST_INFO_NULL };
int suite_report(void) { return test_add_suite("report", tests); }
