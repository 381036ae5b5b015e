/* util.c - messages, file reading and number parsing for the CLI. */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli.h"

static void S_vmsg(const char *prefix, const char *fmt, va_list ap)
{
	fputs(prefix, stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void cli_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	S_vmsg("tumen: ", fmt, ap);
	va_end(ap);
}

void cli_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	S_vmsg("tumen: warning: ", fmt, ap);
	va_end(ap);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	S_vmsg("tumen: ", fmt, ap);
	va_end(ap);
	fprintf(stderr, "Try 'tumen %s%s--help'.\n", cmd ? cmd : "",
	        cmd ? " " : "");
	return EXIT_USAGE;
}

void cli_error_at(const char *file, const tumen_error *err)
{
	const char *msg = err->msg[0] ? err->msg : tumen_strerror(err->code);

	if (err->line)
		cli_error("%s:%lu: %s", file, err->line, msg);
	else if (err->has_byte)
		cli_error("%s: byte %llu: %s", file, err->byte, msg);
	else
		cli_error("%s: %s", file, msg);
}

int cli_read_file(const char *path, char **data, size_t *len)
{
	FILE *f;
	char *buf = NULL;
	size_t n = 0, cap = 0;
	int is_stdin = !strcmp(path, "-");
	struct stat sb;

	f = is_stdin ? stdin : fopen(path, "rb");
	if (!f) {
		cli_error("cannot open '%s': %s", path, strerror(errno));
		return -1;
	}
	if (!is_stdin && fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
		cli_error("cannot read '%s': is a directory", path);
		fclose(f);
		return -1;
	}
	/* a regular file's size: one allocation, read straight into it (the
	 * loop still reads on if the file grew) */
	if (!is_stdin && fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode) &&
	    sb.st_size > 0 && (unsigned long long)sb.st_size < (size_t)-1 / 2) {
		cap = (size_t)sb.st_size + 65536;
		if (!(buf = malloc(cap + 1))) {
			cli_error("'%s': out of memory", path);
			fclose(f);
			return -1;
		}
	}
	for (;;) {
		size_t got;
		if (cap - n < 65536) {
			size_t nc = cap ? cap + cap / 2 : 65536 * 2;
			char *nb = nc > cap ? realloc(buf, nc + 1) : NULL;
			if (!nb) {
				cli_error("'%s': out of memory", path);
				free(buf);
				if (!is_stdin)
					fclose(f);
				return -1;
			}
			buf = nb;
			cap = nc;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		cli_error("cannot read '%s': %s", path, strerror(errno));
		free(buf);
		if (!is_stdin)
			fclose(f);
		return -1;
	}
	if (!is_stdin)
		fclose(f);
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return 0;
}

tumen_doc *cli_load_doc(const char *path, const tumen_doc_opts *o)
{
	return cli_load_doc_q(path, o, 0);
}

/* Warns about replaced bytes in a document read leniently. */
static void S_replaced(const char *name, const tumen_doc *doc, int quiet)
{
	if (tumen_doc_replaced(doc) && !quiet)
		cli_warn("%s: %zu invalid byte sequence%s replaced with U+FFFD",
		         name, tumen_doc_replaced(doc),
		         tumen_doc_replaced(doc) == 1 ? "" : "s");
}

static const char *S_name(const char *path)
{
	return strcmp(path, "-") ? path : "<stdin>";
}

tumen_doc *cli_load_doc_q(const char *path, const tumen_doc_opts *o,
                          int quiet)
{
	char *data;
	size_t len;
	tumen_doc *doc;
	tumen_error err;
	const char *name = S_name(path);

	if (cli_read_file(path, &data, &len))
		return NULL;
	if (tumen_doc_from_bytes(data, len, name, o, &doc, &err)) {
		cli_error_at(name, &err);
		free(data);
		return NULL;
	}
	free(data);
	S_replaced(name, doc, quiet);
	return doc;
}

/* One side of cli_load_pair(): its bytes in, its document or error out. */
typedef struct S_side {
	const char *name;
	const tumen_doc_opts *o;
	char *data;
	size_t len;
	tumen_doc *doc;
	tumen_error err;
	tumen_status st;
} S_side;

static void *S_build(void *v)
{
	S_side *sd = v;

	sd->st = tumen_doc_from_bytes(sd->data, sd->len, sd->name, sd->o,
	                              &sd->doc, &sd->err);
	free(sd->data);
	sd->data = NULL;
	return NULL;
}

int cli_load_pair(const char *sp, const tumen_doc_opts *so, const char *tp,
                  const tumen_doc_opts *to, int quiet, tumen_doc **s,
                  tumen_doc **t)
{
	S_side a = { S_name(sp), so, NULL, 0, NULL, { 0 }, TUMEN_OK };
	S_side b = { S_name(tp), to, NULL, 0, NULL, { 0 }, TUMEN_OK };
	pthread_t th;
	int threaded, unread;

	*s = *t = NULL;
	if (cli_read_file(sp, &a.data, &a.len))
		return -1;
	/* the source is built on a thread while the target is read and
	 * built here; errors are told in the order of the arguments */
	threaded = pthread_create(&th, NULL, S_build, &a) == 0;
	if (!threaded)
		S_build(&a);
	unread = cli_read_file(tp, &b.data, &b.len) != 0;
	if (!unread)
		S_build(&b);
	if (threaded)
		pthread_join(th, NULL);
	if (a.st)
		cli_error_at(a.name, &a.err);
	else if (b.st)
		cli_error_at(b.name, &b.err);
	if (a.st || b.st || unread) {
		tumen_doc_free(a.doc);
		tumen_doc_free(b.doc);
		return -1;
	}
	S_replaced(a.name, a.doc, quiet);
	S_replaced(b.name, b.doc, quiet);
	*s = a.doc;
	*t = b.doc;
	return 0;
}

int cli_align_option(const char *cmd, int c, const char *arg,
                     tumen_align_opts *ao, tumen_doc_opts *src,
                     tumen_doc_opts *tgt)
{
	switch (c) {
	case CLI_OPT_PARAS:
		if (!strcmp(arg, "line"))
			src->para_mode = tgt->para_mode = TUMEN_PARA_LINE;
		else if (!strcmp(arg, "blank"))
			src->para_mode = tgt->para_mode = TUMEN_PARA_BLANK;
		else
			return cli_usage_error(cmd,
			        "--paragraphs must be 'blank' or 'line'");
		return 0;
	case CLI_OPT_NO_PARAS: ao->paragraphs = 0; return 0;
	case CLI_OPT_NO_NUMBERS: ao->numbers = 0; return 0;
	case CLI_OPT_NO_PUNCT: ao->punctuation = 0; return 0;
	case CLI_OPT_NO_LEXICON: ao->lexicon = 0; return 0;
	case CLI_OPT_NO_NAMES: ao->names = 0; return 0;
	case CLI_OPT_NO_IDENTICAL: ao->identical = 0; return 0;
	case CLI_OPT_LENGTH_ONLY:
		ao->numbers = ao->punctuation = ao->names = 0;
		ao->lexicon = ao->identical = 0;
		return 0;
	case CLI_OPT_EXACT: ao->exact = 1; return 0;
	}
	return -1;
}

int cli_parse_double(const char *s, double lo, double hi, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end || !(v >= lo && v <= hi))
		return -1;
	*out = v;
	return 0;
}

/* Languages written in Arabic script. */
static int S_arabic_lang(const char *lang)
{
	static const char *langs[] = { "fa", "ar", "ur", "ps", "ckb", "prs" };
	size_t i, n;

	for (i = 0; i < sizeof langs / sizeof *langs; i++) {
		n = strlen(langs[i]);
		if (!strncmp(lang, langs[i], n) && (lang[n] == '\0' || lang[n] == '-' ||
		                                     lang[n] == '_'))
			return 1;
	}
	return 0;
}

void cli_check_script(const char *path, const tumen_doc *d, const char *opt)
{
	double ar = tumen_doc_arabic_share(d);
	const char *lang = tumen_doc_lang(d);
	const char *name = strcmp(path, "-") ? path : "<stdin>";

	if (S_arabic_lang(lang) && ar < 0.2)
		cli_warn("'%s' looks like English text but %s is %s", name, opt, lang);
	else if (!S_arabic_lang(lang) && ar > 0.5)
		cli_warn("'%s' looks like Persian text but %s is %s", name, opt, lang);
}

double cli_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}
