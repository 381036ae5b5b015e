/* STUB - tests of the eval module */
#include "suites.h"
static CU_TestInfo tests[] = { CU_TEST_INFO_NULL };
int suite_eval(void) { return test_add_suite("eval", tests); }
