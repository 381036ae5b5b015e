/*
 * outfile.c - outputs written to a temporary file and renamed into place,
 * so that a failed or interrupted run never leaves a partial output.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

#define MAX_OPEN 8
#define S_BUF ((size_t)256 << 10) /* a temporary's stdio buffer */

#if defined(HAVE_FOPENCOOKIE) && defined(HAVE_SYNC_FILE_RANGE)
/* The disk is handed a temporary's bytes every S_WRITEBACK as they are
 * written (sync_file_range starts the write-out and returns), so that the
 * fsync before the rename waits for the last of them only. */
#define S_EARLY 1
#define S_WRITEBACK ((off_t)1 << 20)
#endif

struct outfile {
	char *path; /* NULL for standard output */
	char *tmp;
	FILE *f;
	int direct; /* writing straight to a non-regular file */
	int fd;     /* the temporary's */
	char *buf;  /* f's buffer */
	off_t written, handed; /* bytes written; bytes handed to the disk */
};

/* Temporaries to remove on a fatal signal: paths fixed before the handler
 * can see them; unlink() is async-signal-safe. */
static char *volatile pending[MAX_OPEN];

static void S_on_signal(int sig)
{
	int i;

	for (i = 0; i < MAX_OPEN; i++)
		if (pending[i])
			unlink(pending[i]);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void S_track(char *tmp, int add)
{
	static int installed;
	int i;

	if (!installed) {
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = S_on_signal;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGTERM, &sa, NULL);
		sigaction(SIGHUP, &sa, NULL);
		installed = 1;
	}
	for (i = 0; i < MAX_OPEN; i++) {
		if (add && !pending[i]) {
			pending[i] = tmp;
			return;
		}
		if (!add && pending[i] == tmp) {
			pending[i] = NULL;
			return;
		}
	}
}

#ifdef S_EARLY
static ssize_t S_write(void *cookie, const char *p, size_t n)
{
	outfile *o = cookie;
	size_t done = 0;
	ssize_t w;

	while (done < n) {
		if ((w = write(o->fd, p + done, n - done)) < 0) {
			if (errno == EINTR)
				continue;
			return 0; /* errno tells why; the stream's error is set */
		}
		done += (size_t)w;
	}
	o->written += (off_t)n;
	if (o->written - o->handed >= S_WRITEBACK) {
		/* a hint: if it fails, the fsync does all the work */
		(void)sync_file_range(o->fd, o->handed, o->written - o->handed,
		                      SYNC_FILE_RANGE_WRITE);
		o->handed = o->written;
	}
	return (ssize_t)n;
}

static int S_close(void *cookie)
{
	return close(((outfile *)cookie)->fd);
}
#endif

/* The temporary's stream, with a buffer of S_BUF: one write() for many
 * units. */
static FILE *S_stream(outfile *o)
{
	FILE *f;
#ifdef S_EARLY
	cookie_io_functions_t io = { NULL, S_write, NULL, S_close };
	f = fopencookie(o, "wb", io);
#else
	f = fdopen(o->fd, "wb");
#endif
	if (f && (o->buf = malloc(S_BUF)))
		setvbuf(f, o->buf, _IOFBF, S_BUF);
	return f;
}

outfile *outfile_open(const char *path)
{
	outfile *o = calloc(1, sizeof *o);
	const char *slash;
	size_t dirlen;
	struct stat sb;
	int fd;

	if (!o) {
		cli_error("out of memory");
		return NULL;
	}
	if (!strcmp(path, "-")) {
		o->f = stdout;
		return o;
	}
	if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		/* a device or a pipe (/dev/null, /dev/full, a FIFO): there is
		 * nothing to rename over, write to it directly */
		o->f = fopen(path, "wb");
		if (!o->f) {
			cli_error("cannot write '%s': %s", path, strerror(errno));
			free(o);
			return NULL;
		}
		o->direct = 1;
		o->path = strdup(path);
		return o;
	}
	o->path = strdup(path);
	slash = strrchr(path, '/');
	dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	o->tmp = malloc(dirlen + 32);
	if (!o->path || !o->tmp) {
		cli_error("out of memory");
		goto fail;
	}
	memcpy(o->tmp, path, dirlen);
	strcpy(o->tmp + dirlen, ".tumen-tmp-XXXXXX");
	fd = mkstemp(o->tmp);
	if (fd < 0) {
		cli_error("cannot create '%s': %s", path, strerror(errno));
		goto fail;
	}
	/* mkstemp makes 0600; give the output the usual umask mode */
	{
		mode_t m = umask(0);
		umask(m);
		fchmod(fd, 0666 & ~m);
	}
	S_track(o->tmp, 1);
	o->fd = fd;
	o->f = S_stream(o);
	if (!o->f) {
		cli_error("cannot write '%s': %s", path, strerror(errno));
		close(fd);
		unlink(o->tmp);
		S_track(o->tmp, 0);
		goto fail;
	}
	return o;
fail:
	free(o->path);
	free(o->tmp);
	free(o);
	return NULL;
}

FILE *outfile_stream(outfile *o)
{
	return o->f;
}

int outfile_commit(outfile *o)
{
	int rc = 0;

	if (!o->path) {
		if (fflush(stdout) || ferror(stdout)) {
			cli_error("write error on standard output: %s",
			          strerror(errno));
			rc = -1;
		}
		free(o);
		return rc;
	}
	if (o->direct) {
		if (fflush(o->f) || ferror(o->f) || fclose(o->f)) {
			cli_error("cannot write '%s': %s", o->path,
			          strerror(errno));
			rc = -1;
		}
		free(o->path);
		free(o);
		return rc;
	}
	if (fflush(o->f) || ferror(o->f) || (fsync(o->fd) && errno != EINVAL)) {
		cli_error("cannot write '%s': %s", o->path, strerror(errno));
		rc = -1;
	}
	if (fclose(o->f) && !rc) {
		cli_error("cannot write '%s': %s", o->path, strerror(errno));
		rc = -1;
	}
	if (!rc && rename(o->tmp, o->path)) {
		cli_error("cannot rename to '%s': %s", o->path, strerror(errno));
		rc = -1;
	}
	if (rc)
		unlink(o->tmp);
	S_track(o->tmp, 0);
	free(o->buf);
	free(o->path);
	free(o->tmp);
	free(o);
	return rc;
}

void outfile_abort(outfile *o)
{
	if (!o)
		return;
	if (o->path && o->direct) {
		fclose(o->f);
	} else if (o->path) {
		fclose(o->f);
		unlink(o->tmp);
		S_track(o->tmp, 0);
	}
	free(o->buf);
	free(o->path);
	free(o->tmp);
	free(o);
}

int cli_output_open(cli_output *out, const char *path,
                    const tumen_writer_opts *o)
{
	tumen_status st;

	memset(out, 0, sizeof *out);
	out->path = path;
	if (o->format == TUMEN_FMT_MOSES) {
		size_t n = strlen(path) + 40;
		char *p1, *p2;
		if (!strcmp(path, "-")) {
			cli_error("-f moses needs -o PREFIX");
			return EXIT_USAGE;
		}
		p1 = malloc(n);
		p2 = malloc(n);
		if (p1 && p2) {
			snprintf(p1, n, "%s.%s", path, o->src_lang ? o->src_lang : "en");
			snprintf(p2, n, "%s.%s", path, o->tgt_lang ? o->tgt_lang : "fa");
			if ((out->o1 = outfile_open(p1)))
				out->o2 = outfile_open(p2);
		}
		free(p1);
		free(p2);
		if (!out->o2) {
			cli_output_abort(out);
			return EXIT_FAIL;
		}
	} else if (!(out->o1 = outfile_open(path))) {
		return EXIT_FAIL;
	}
	st = tumen_writer_open(&out->w, o, outfile_stream(out->o1),
	                       out->o2 ? outfile_stream(out->o2) : NULL);
	if (st) {
		cli_error("cannot write '%s': %s", path, tumen_strerror(st));
		cli_output_abort(out);
		return EXIT_FAIL;
	}
	return 0;
}

int cli_output_commit(cli_output *out, int quiet)
{
	tumen_status st = tumen_writer_finish(out->w);
	size_t dropped;
	int rc = 0;

	if (st) {
		cli_error("cannot write '%s': %s", out->path,
		          st == TUMEN_EIO ? strerror(errno) : tumen_strerror(st));
		outfile_abort(out->o1);
		outfile_abort(out->o2);
		out->o1 = out->o2 = NULL;
		return -1;
	}
	dropped = tumen_writer_dropped(out->w) + out->dropped;
	if (dropped && !quiet)
		cli_warn("%zu character%s not allowed in XML 1.0 dropped from the "
		         "TMX", dropped, dropped == 1 ? "" : "s");
	if (outfile_commit(out->o1))
		rc = -1;
	out->o1 = NULL;
	if (out->o2 && (rc ? (outfile_abort(out->o2), -1) : outfile_commit(out->o2)))
		rc = -1;
	out->o2 = NULL;
	return rc;
}

void cli_output_abort(cli_output *out)
{
	outfile_abort(out->o1);
	outfile_abort(out->o2);
	tumen_writer_free(out->w);
	memset(out, 0, sizeof *out);
}
