#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

const char tumen_buf_empty[1] = "";

void tumen_buf_init(tumen_buf *b)
{
	b->ptr = (char *)tumen_buf_empty;
	b->len = 0;
	b->cap = 0;
}

void tumen_buf_release(tumen_buf *b)
{
	if (b->cap)
		free(b->ptr);
	tumen_buf_init(b);
}

void tumen_buf_reset(tumen_buf *b)
{
	b->len = 0;
	if (b->cap)
		b->ptr[0] = '\0';
}

tumen_status tumen_buf_grow(tumen_buf *b, size_t extra)
{
	size_t need, cap;
	char *p;

	if (extra > (size_t)-1 - b->len - 1)
		return TUMEN_ENOMEM;
	need = b->len + extra + 1;
	if (need <= b->cap)
		return TUMEN_OK;
	cap = b->cap < 16 ? 16 : b->cap;
	while (cap < need)
		cap = cap > (size_t)-1 / 3 * 2 ? need : cap + cap / 2;
	p = b->cap ? realloc(b->ptr, cap) : malloc(cap);
	if (!p)
		return TUMEN_ENOMEM;
	if (!b->cap)
		p[0] = '\0';
	b->ptr = p;
	b->cap = cap;
	return TUMEN_OK;
}

tumen_status tumen_buf_add(tumen_buf *b, const void *data, size_t len)
{
	if (tumen_buf_grow(b, len))
		return TUMEN_ENOMEM;
	if (len)
		memcpy(b->ptr + b->len, data, len);
	b->len += len;
	b->ptr[b->len] = '\0';
	return TUMEN_OK;
}

tumen_status tumen_buf_adds(tumen_buf *b, const char *s)
{
	return tumen_buf_add(b, s, strlen(s));
}

tumen_status tumen_buf_addc(tumen_buf *b, char c)
{
	return tumen_buf_add(b, &c, 1);
}

tumen_status tumen_buf_add_utf8(tumen_buf *b, unsigned cp)
{
	char u[4];
	size_t n;

	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		u[0] = (char)(0xF0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	return tumen_buf_add(b, u, n);
}

tumen_status tumen_buf_printf(tumen_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return TUMEN_EINVAL;
	if (tumen_buf_grow(b, (size_t)n))
		return TUMEN_ENOMEM;
	va_start(ap, fmt);
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return TUMEN_OK;
}

char *tumen_buf_detach(tumen_buf *b, size_t *len)
{
	char *p;

	if (len)
		*len = b->len;
	if (!b->cap) {
		p = malloc(1);
		if (p)
			p[0] = '\0';
		return p;
	}
	p = b->ptr;
	tumen_buf_init(b);
	return p;
}
