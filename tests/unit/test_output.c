/* STUB - tests of the output module */
#include "suites.h"
static CU_TestInfo tests[] = { CU_TEST_INFO_NULL };
int suite_output(void) { return test_add_suite("output", tests); }
