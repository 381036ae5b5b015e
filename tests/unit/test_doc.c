/* STUB - tests of the doc module */
#include "suites.h"
static CU_TestInfo tests[] = { CU_TEST_INFO_NULL };
int suite_doc(void) { return test_add_suite("doc", tests); }
