/* STUB - tests of the segment module */
#include "suites.h"
static CU_TestInfo tests[] = { CU_TEST_INFO_NULL };
int suite_segment(void) { return test_add_suite("segment", tests); }
