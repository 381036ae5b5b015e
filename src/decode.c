/* STUB - to be replaced by the decode module */
#include "config.h"
#include "decode.h"
tumen_status tumen_decode(const char *in, size_t len, const char *encoding,
                          int lenient, tumen_buf *out, size_t *replaced,
                          tumen_error *err)
{
	(void)encoding; (void)lenient; (void)err;
	if (replaced) *replaced = 0;
	return tumen_buf_add(out, in, len);
}
size_t tumen_utf8_next(const unsigned char *s, size_t len, unsigned *cp)
{
	(void)s; (void)len; (void)cp;
	return 0;
}
