/* STUB - tests of the align module */
#include "suites.h"
static CU_TestInfo tests[] = { CU_TEST_INFO_NULL };
int suite_align(void) { return test_add_suite("align", tests); }
