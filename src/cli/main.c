/* main.c - the tumen command: dispatches to one file per subcommand. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#if defined(HAVE_MALLOC_H) && defined(HAVE_MALLOPT)
#include <malloc.h>
#endif

#include "cli.h"

static const struct {
	const char *name;
	int (*run)(int, char **);
	const char *summary;
} commands[] = {
	{ "align", cmd_align, "align two documents, write TMX/beads/TSV/Moses" },
	{ "batch", cmd_batch, "align every document pair of a manifest" },
	{ "segment", cmd_segment, "print one sentence per line" },
	{ "eval", cmd_eval, "score beads against a gold alignment" },
	{ "tmx", cmd_tmx, "translation memories: stats, validate, merge, filter, export" },
	{ "lexicon", cmd_lexicon, "learn a bilingual dictionary from a TMX or beads" },
	{ "coverage", cmd_coverage, "which sentences found a counterpart: text, JSON, HTML" },
};

static void S_help(FILE *f)
{
	size_t i;

	fprintf(f, "Usage: tumen COMMAND [OPTIONS] ...\n"
	           "Align parallel English-Persian documents into sentence "
	           "pairs and TMX.\n\nCommands:\n");
	for (i = 0; i < sizeof commands / sizeof *commands; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\n'tumen COMMAND --help' describes a command.\n"
	           "Exit status: 0 success, 1 failure, 2 usage error.\n");
}

/* glibc's malloc maps blocks above a threshold on their own, fresh pages
 * each time, and raises the threshold to the largest block freed (up to
 * 32 MB).  The aligner's passes free and allocate tables of 1-8 MB in turn:
 * from the heap, and with the heap kept (not trimmed), a pass reuses the
 * pages the last one touched.  6,000 verses: 11,400 page faults -> 8,700;
 * peak memory at 60,000 verses unchanged (larger blocks are still mapped
 * on their own and given back). */
static void S_malloc_setup(void)
{
#if defined(HAVE_MALLOC_H) && defined(HAVE_MALLOPT) && defined(M_MMAP_THRESHOLD)
	mallopt(M_MMAP_THRESHOLD, 8 << 20);
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
#endif
}

int main(int argc, char **argv)
{
	size_t i;
	int rc;

	S_malloc_setup();
	if (argc < 2) {
		S_help(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		S_help(stdout);
		return fclose(stdout) ? EXIT_FAIL : EXIT_OK;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		printf("tumen %s\n", tumen_version());
		return fclose(stdout) ? EXIT_FAIL : EXIT_OK;
	}
	for (i = 0; i < sizeof commands / sizeof *commands; i++) {
		if (strcmp(argv[1], commands[i].name))
			continue;
		rc = commands[i].run(argc - 1, argv + 1);
		if (fflush(stdout) || ferror(stdout)) {
			cli_error("write error on standard output");
			return EXIT_FAIL;
		}
		return rc;
	}
	return cli_usage_error(NULL, "unknown command '%s'", argv[1]);
}
