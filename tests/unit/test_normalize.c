/* STUB - tests of the normalize module */
#include "suites.h"
static CU_TestInfo tests[] = { CU_TEST_INFO_NULL };
int suite_normalize(void) { return test_add_suite("normalize", tests); }
