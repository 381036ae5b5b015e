/* STUB - tests of the tmx_read module */
#include "suites.h"
static CU_TestInfo tests[] = { CU_TEST_INFO_NULL };
int suite_tmx_read(void) { return test_add_suite("tmx_read", tests); }
