/* cmd_segment.c - tumen segment: one sentence per line, blank line between
 * paragraphs. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static void S_help(void)
{
	printf(
"Usage: tumen segment [OPTIONS] FILE\n"
"Print the sentences of FILE ('-': standard input), one per line, with a\n"
"blank line between paragraphs.\n\n"
"  -l, --lang L          language of FILE (default en; fa for Persian)\n"
"      --encoding NAME   input encoding (any iconv name; default BOM or UTF-8)\n"
"      --lenient         replace invalid bytes with U+FFFD instead of failing\n"
"      --paragraphs=MODE 'blank' (default) or 'line'\n"
"  -o, --output FILE     output file (default standard output)\n"
"  -h, --help            this help\n\n"
"Exit status: 0 success, 1 failure, 2 usage error.\n");
}

enum { OPT_ENC = 256, OPT_LENIENT, OPT_PARAS };

static const struct option long_opts[] = {
	{ "lang", required_argument, NULL, 'l' },
	{ "encoding", required_argument, NULL, OPT_ENC },
	{ "lenient", no_argument, NULL, OPT_LENIENT },
	{ "paragraphs", required_argument, NULL, OPT_PARAS },
	{ "output", required_argument, NULL, 'o' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

int cmd_segment(int argc, char **argv)
{
	tumen_doc_opts o;
	tumen_doc *d;
	outfile *out;
	const char *output = "-";
	size_t i;
	int c;

	tumen_doc_opts_init(&o);
	optind = 1;
	while ((c = getopt_long(argc, argv, "l:o:h", long_opts, NULL)) != -1) {
		switch (c) {
		case 'l': o.lang = optarg; break;
		case OPT_ENC: o.encoding = optarg; break;
		case OPT_LENIENT: o.lenient = 1; break;
		case OPT_PARAS:
			if (!strcmp(optarg, "line"))
				o.para_mode = TUMEN_PARA_LINE;
			else if (strcmp(optarg, "blank"))
				return cli_usage_error("segment",
				        "--paragraphs must be 'blank' or 'line'");
			break;
		case 'o': output = optarg; break;
		case 'h': S_help(); return EXIT_OK;
		default: return cli_usage_error("segment", "invalid option");
		}
	}
	if (argc - optind != 1)
		return cli_usage_error("segment", "expected one FILE");
	if (!(d = cli_load_doc(argv[optind], &o)))
		return EXIT_FAIL;
	if (!(out = outfile_open(output))) {
		tumen_doc_free(d);
		return EXIT_FAIL;
	}
	for (i = 0; i < tumen_doc_count(d); i++) {
		if (i && tumen_doc_paragraph(d, i) != tumen_doc_paragraph(d, i - 1))
			fputc('\n', outfile_stream(out));
		fprintf(outfile_stream(out), "%s\n", tumen_doc_sentence(d, i, NULL));
	}
	tumen_doc_free(d);
	return outfile_commit(out) ? EXIT_FAIL : EXIT_OK;
}
