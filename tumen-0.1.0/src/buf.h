/*
 * buf.h - growable byte buffer (private).
 *
 * Invariants: `ptr` is never NULL (an empty buffer points at a static "");
 * ptr[len] == '\0' always; capacity grows 1.5x with overflow checks.
 * tumen_buf_detach() hands the memory to the caller (free() it).
 * All functions that grow return TUMEN_OK or TUMEN_ENOMEM; on failure the
 * buffer is left as it was.
 */
#ifndef TUMEN_BUF_H
#define TUMEN_BUF_H

#include <stddef.h>
#include <tumen/status.h>

typedef struct tumen_buf {
	char *ptr;
	size_t len;
	size_t cap; /* 0 while ptr is the static empty string */
} tumen_buf;

#define TUMEN_BUF_INIT { (char *)tumen_buf_empty, 0, 0 }
extern const char tumen_buf_empty[1];

void tumen_buf_init(tumen_buf *b);
void tumen_buf_release(tumen_buf *b);     /* frees, back to empty */
void tumen_buf_reset(tumen_buf *b);       /* len = 0, keeps memory */
tumen_status tumen_buf_grow(tumen_buf *b, size_t extra);
tumen_status tumen_buf_add(tumen_buf *b, const void *data, size_t len);
tumen_status tumen_buf_adds(tumen_buf *b, const char *s);
tumen_status tumen_buf_addc(tumen_buf *b, char c);
/* Appends code point cp (must be a Unicode scalar value) as UTF-8. */
tumen_status tumen_buf_add_utf8(tumen_buf *b, unsigned cp);
tumen_status tumen_buf_printf(tumen_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Returns the malloc'd string (never NULL unless out of memory) and empties b. */
char *tumen_buf_detach(tumen_buf *b, size_t *len);

#endif
