/*
 * tumen/status.h - status codes and error values.
 *
 * Every fallible function of libtumen returns a tumen_status; TUMEN_OK is 0.
 * Where a failure has a place (a line of a file, a byte offset), the function
 * also fills a caller-provided tumen_error.  The library never prints: the
 * caller decides how to show the error (the tumen CLI prints
 * "tumen: FILE:LINE: message" or "tumen: FILE: byte N: message").
 *
 * Ownership rule for the whole API: a function that returns a pointer through
 * an out-parameter named `out` hands ownership to the caller, who releases it
 * with the matching tumen_*_free().  Every tumen_*_free(NULL) is a no-op.
 * Pointers returned by accessors (tumen_doc_sentence() ...) borrow from their
 * object and stay valid until it is freed.
 */
#ifndef TUMEN_STATUS_H
#define TUMEN_STATUS_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum tumen_status {
	TUMEN_OK = 0,
	TUMEN_ENOMEM,    /* out of memory */
	TUMEN_EIO,       /* read or write failed */
	TUMEN_EENCODING, /* unknown or unsupported encoding name */
	TUMEN_EUTF8,     /* invalid byte sequence in the input encoding */
	TUMEN_EEMPTY,    /* document has no text */
	TUMEN_EINVAL,    /* invalid argument */
	TUMEN_EFORMAT,   /* malformed input file (beads, TMX, SRX ...) */
	TUMEN_ELIMIT,    /* input exceeds a documented limit */
	TUMEN_EICU       /* ICU failed */
} tumen_status;

/* Location and wording of an error.  `line` is 1-based (0: no line);
 * `has_byte` says whether `byte`, a 0-based offset into the input, is set. */
typedef struct tumen_error {
	tumen_status code;
	unsigned long line;
	int has_byte;
	unsigned long long byte;
	char msg[256]; /* lowercase, no full stop, e.g. "invalid UTF-8" */
} tumen_error;

/* Returns a static lowercase description of `st`. */
const char *tumen_strerror(tumen_status st);

/* Clears `err` (err may be NULL). */
void tumen_error_clear(tumen_error *err);

/* Returns the library's version string, e.g. "0.1.0". */
const char *tumen_version(void);

#ifdef __cplusplus
}
#endif
#endif
