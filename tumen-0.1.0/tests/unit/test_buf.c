/* Tests of buf.c: invariants, growth, detach. */
#include <string.h>
#include <stdlib.h>
#include "suites.h"
#include "buf.h"

static void t_empty(void)
{
	tumen_buf b = TUMEN_BUF_INIT;
	CU_ASSERT_PTR_NOT_NULL(b.ptr);
	CU_ASSERT_EQUAL(b.ptr[0], '\0');
	tumen_buf_release(&b);
	CU_ASSERT_EQUAL(b.len, 0);
}

static void t_grow(void)
{
	tumen_buf b = TUMEN_BUF_INIT;
	size_t i;
	for (i = 0; i < 10000; i++)
		CU_ASSERT_EQUAL(tumen_buf_addc(&b, (char)('a' + i % 26)), TUMEN_OK);
	CU_ASSERT_EQUAL(b.len, 10000);
	CU_ASSERT_EQUAL(b.ptr[10000], '\0');
	CU_ASSERT_EQUAL(b.ptr[9999], 'a' + 9999 % 26);
	CU_ASSERT(b.cap > b.len);
	tumen_buf_release(&b);
}

static void t_utf8_printf(void)
{
	tumen_buf b = TUMEN_BUF_INIT;
	tumen_buf_add_utf8(&b, 0x6CC); /* Persian yeh */
	tumen_buf_add_utf8(&b, 0x1F600);
	tumen_buf_add_utf8(&b, 'x');
	CU_ASSERT_STRING_EQUAL(b.ptr, "\xDB\x8C\xF0\x9F\x98\x80x");
	tumen_buf_printf(&b, "%d-%s", 42, "ok");
	CU_ASSERT_STRING_EQUAL(b.ptr, "\xDB\x8C\xF0\x9F\x98\x80x42-ok");
	tumen_buf_release(&b);
}

static void t_detach(void)
{
	tumen_buf b = TUMEN_BUF_INIT;
	size_t len;
	char *p;
	p = tumen_buf_detach(&b, &len);
	CU_ASSERT_STRING_EQUAL(p, "");
	CU_ASSERT_EQUAL(len, 0);
	free(p);
	tumen_buf_adds(&b, "hello");
	p = tumen_buf_detach(&b, &len);
	CU_ASSERT_STRING_EQUAL(p, "hello");
	CU_ASSERT_EQUAL(len, 5);
	CU_ASSERT_EQUAL(b.len, 0);
	CU_ASSERT_EQUAL(b.ptr[0], '\0');
	free(p);
}

static void t_overflow(void)
{
	tumen_buf b = TUMEN_BUF_INIT;
	tumen_buf_adds(&b, "x");
	CU_ASSERT_EQUAL(tumen_buf_grow(&b, (size_t)-1), TUMEN_ENOMEM);
	CU_ASSERT_STRING_EQUAL(b.ptr, "x");
	tumen_buf_release(&b);
}

static CU_TestInfo tests[] = {
	{ "empty buffer is never NULL", t_empty },
	{ "grows and stays NUL-terminated", t_grow },
	{ "utf8 and printf", t_utf8_printf },
	{ "detach hands over memory", t_detach },
	{ "overflow is refused", t_overflow },
	CU_TEST_INFO_NULL
};

int suite_buf(void) { return test_add_suite("buf", tests); }
