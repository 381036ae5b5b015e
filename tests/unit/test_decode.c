/* STUB - tests of the decode module */
#include "suites.h"
static CU_TestInfo tests[] = { CU_TEST_INFO_NULL };
int suite_decode(void) { return test_add_suite("decode", tests); }
