/* STUB - tests of the dict module */
#include "suites.h"
static CU_TestInfo tests[] = { CU_TEST_INFO_NULL };
int suite_dict(void) { return test_add_suite("dict", tests); }
