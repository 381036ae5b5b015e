/* STUB - tests of the srx module */
#include "suites.h"
static CU_TestInfo tests[] = { CU_TEST_INFO_NULL };
int suite_srx(void) { return test_add_suite("srx", tests); }
