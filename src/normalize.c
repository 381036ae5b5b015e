/* STUB - to be replaced by the normalize module */
#include "config.h"
#include "normalize.h"
tumen_status tumen_nfc(const char *s, size_t len, tumen_buf *out)
{
	return tumen_buf_add(out, s, len);
}
tumen_status tumen_match_form(const char *s, size_t len, tumen_buf *out)
{
	return tumen_buf_add(out, s, len);
}
