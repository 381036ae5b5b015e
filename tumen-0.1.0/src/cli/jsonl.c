/*
 * jsonl.c - the document pairs of tumen batch --stream: one JSON object a
 * line, {"id": "...", "src": "...", "tgt": "..."}, string values only
 * (other keys are ignored, other value types refused).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct {
	const char *p, *end;
	const char *err;
} S_in;

static void S_ws(S_in *in)
{
	while (in->p < in->end && (*in->p == ' ' || *in->p == '\t' ||
	                           *in->p == '\r' || *in->p == '\n'))
		in->p++;
}

static int S_hex4(const char *p, unsigned *v)
{
	int k;

	*v = 0;
	for (k = 0; k < 4; k++) {
		char c = p[k];
		*v <<= 4;
		if (c >= '0' && c <= '9')
			*v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			*v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			*v |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	return 0;
}

static void S_utf8(char **o, unsigned cp)
{
	unsigned char *u = (unsigned char *)*o;

	if (cp < 0x80) {
		*u++ = (unsigned char)cp;
	} else if (cp < 0x800) {
		*u++ = (unsigned char)(0xC0 | cp >> 6);
		*u++ = (unsigned char)(0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		*u++ = (unsigned char)(0xE0 | cp >> 12);
		*u++ = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		*u++ = (unsigned char)(0x80 | (cp & 0x3F));
	} else {
		*u++ = (unsigned char)(0xF0 | cp >> 18);
		*u++ = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
		*u++ = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		*u++ = (unsigned char)(0x80 | (cp & 0x3F));
	}
	*o = (char *)u;
}

/* \uXXXX, with a following low surrogate for a high one. */
static int S_escape_u(S_in *in, char **o)
{
	unsigned cp, lo;

	if (in->end - in->p < 5 || S_hex4(in->p + 1, &cp))
		return -1;
	in->p += 5;
	if (cp >= 0xD800 && cp <= 0xDBFF) {
		if (in->end - in->p < 6 || in->p[0] != '\\' || in->p[1] != 'u' ||
		    S_hex4(in->p + 2, &lo) || lo < 0xDC00 || lo > 0xDFFF)
			return -1;
		in->p += 6;
		cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
	} else if (cp >= 0xDC00 && cp <= 0xDFFF) {
		return -1;
	}
	S_utf8(o, cp);
	return 0;
}

/* Reads a JSON string at in->p (after the quote) into a new buffer. */
static char *S_string(S_in *in, size_t *len)
{
	char *out = malloc((size_t)(in->end - in->p) + 1), *o = out;

	if (!out) {
		in->err = "out of memory";
		return NULL;
	}
	while (in->p < in->end && *in->p != '"') {
		char c = *in->p;
		if ((unsigned char)c < 0x20)
			goto bad;
		if (c != '\\') {
			*o++ = c;
			in->p++;
			continue;
		}
		if (++in->p >= in->end)
			goto bad;
		switch (*in->p) {
		case '"': case '\\': case '/': *o++ = *in->p; break;
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		case 't': *o++ = '\t'; break;
		case 'u':
			if (S_escape_u(in, &o))
				goto bad;
			continue;
		default: goto bad;
		}
		in->p++;
	}
	if (in->p >= in->end)
		goto bad;
	in->p++;
	*o = '\0';
	*len = (size_t)(o - out);
	return out;
bad:
	in->err = "malformed JSON string";
	free(out);
	return NULL;
}

int cli_jsonl_pair(const char *line, size_t len, char *field[3],
                   size_t flen[3], const char **err)
{
	static const char *const keys[3] = { "id", "src", "tgt" };
	S_in in = { line, line + len, NULL };
	int k;

	field[0] = field[1] = field[2] = NULL;
	S_ws(&in);
	if (in.p >= in.end || *in.p++ != '{')
		goto fail_msg;
	for (;;) {
		char *key, *val;
		size_t kl, vl;
		S_ws(&in);
		if (in.p < in.end && *in.p == '}' )
			break;
		if (in.p >= in.end || *in.p++ != '"' || !(key = S_string(&in, &kl)))
			goto fail;
		S_ws(&in);
		if (in.p >= in.end || *in.p++ != ':') {
			free(key);
			goto fail_msg;
		}
		S_ws(&in);
		if (in.p >= in.end || *in.p++ != '"' || !(val = S_string(&in, &vl))) {
			free(key);
			in.err = in.err ? in.err : "values must be strings";
			goto fail;
		}
		for (k = 0; k < 3 && strcmp(key, keys[k]); k++)
			;
		free(key);
		if (k < 3 && !field[k]) {
			field[k] = val;
			flen[k] = vl;
		} else {
			free(val);
		}
		S_ws(&in);
		if (in.p < in.end && *in.p == ',') {
			in.p++;
			continue;
		}
		if (in.p >= in.end || *in.p != '}')
			goto fail_msg;
	}
	in.p++;
	S_ws(&in);
	if (in.p != in.end)
		goto fail_msg;
	if (!field[0] || !field[1] || !field[2]) {
		*err = "needs the keys \"id\", \"src\" and \"tgt\"";
		goto free_fields;
	}
	return 0;
fail_msg:
	in.err = "expected one JSON object";
fail:
	*err = in.err ? in.err : "expected one JSON object";
free_fields:
	for (k = 0; k < 3; k++) {
		free(field[k]);
		field[k] = NULL;
	}
	return -1;
}
