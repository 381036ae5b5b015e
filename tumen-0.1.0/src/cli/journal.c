/*
 * journal.c - tumen batch --resume: each finished document's output is
 * kept in OUT.parts/ (one file of units and one summary line per document,
 * each written to a temporary and renamed, so a part is whole or absent).
 * An interrupted batch leaves the parts; the next run with --resume skips
 * the documents whose part is there, then joins the parts into OUT.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

struct journal {
	char *dir;
	char path[4096], tmp[4096];
};

journal *journal_open(const char *output)
{
	journal *j = calloc(1, sizeof *j);
	size_t n = strlen(output) + 8;

	if (!j || !(j->dir = malloc(n))) {
		free(j);
		cli_error("out of memory");
		return NULL;
	}
	snprintf(j->dir, n, "%s.parts", output);
	if (mkdir(j->dir, 0777) && errno != EEXIST) {
		cli_error("cannot create '%s': %s", j->dir, strerror(errno));
		free(j->dir);
		free(j);
		return NULL;
	}
	return j;
}

static const char *S_part(journal *j, size_t i, const char *ext)
{
	snprintf(j->path, sizeof j->path, "%s/%08zu.%s", j->dir, i, ext);
	return j->path;
}

int journal_has(journal *j, size_t i)
{
	struct stat sb;

	return stat(S_part(j, i, "out"), &sb) == 0 &&
	       stat(S_part(j, i, "json"), &sb) == 0;
}

/* Writes `len` bytes as part i's file `ext`, atomically. */
int journal_put(journal *j, size_t i, const char *ext, const char *data,
                size_t len)
{
	FILE *f;

	snprintf(j->tmp, sizeof j->tmp, "%s/tmp.%s", j->dir, ext);
	f = fopen(j->tmp, "wb");
	if (!f || fwrite(data, 1, len, f) != len || fclose(f)) {
		cli_error("cannot write '%s': %s", j->tmp, strerror(errno));
		return -1;
	}
	if (rename(j->tmp, S_part(j, i, ext))) {
		cli_error("cannot write '%s': %s", j->path, strerror(errno));
		return -1;
	}
	return 0;
}

/* Appends part i's file `ext` to f. */
int journal_copy(journal *j, size_t i, const char *ext, FILE *f)
{
	FILE *in = fopen(S_part(j, i, ext), "rb");
	char buf[65536];
	size_t n;

	if (!in) {
		cli_error("cannot open '%s': %s", j->path, strerror(errno));
		return -1;
	}
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, n, f) != n)
			break;
	n = ferror(in) || ferror(f);
	fclose(in);
	return n ? -1 : 0;
}

int journal_failed(journal *j, size_t i)
{
	FILE *in = fopen(S_part(j, i, "json"), "rb");
	char line[512];
	int failed = 0;

	if (!in)
		return 1;
	if (fgets(line, sizeof line, in))
		failed = strstr(line, "\"status\":\"error\"") != NULL;
	fclose(in);
	return failed;
}

void journal_remove(journal *j, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unlink(S_part(j, i, "out"));
		unlink(S_part(j, i, "json"));
	}
	rmdir(j->dir);
}

void journal_close(journal *j)
{
	if (!j)
		return;
	free(j->dir);
	free(j);
}
