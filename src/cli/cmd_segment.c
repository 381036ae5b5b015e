/* cmd_segment.c - tumen segment: one sentence per line, blank line between
 * paragraphs. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
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
"      --srx FILE        sentence rules from an SRX 2.0 file instead of the\n"
"                        built-in ones\n"
"      --mode M          segmenter: 'icu' (ICU's break iterator), 'srx' (the\n"
"                        SRX rules) or 'both' (ICU corrected by the rules);\n"
"                        default: both, or srx with --srx\n"
"  -o, --output FILE     output file (default standard output)\n"
"  -h, --help            this help\n\n"
"Exit status: 0 success, 1 failure, 2 usage error.\n");
}

enum { OPT_ENC = 256, OPT_LENIENT, OPT_PARAS, OPT_SRX, OPT_MODE };

static const struct option long_opts[] = {
	{ "lang", required_argument, NULL, 'l' },
	{ "encoding", required_argument, NULL, OPT_ENC },
	{ "lenient", no_argument, NULL, OPT_LENIENT },
	{ "paragraphs", required_argument, NULL, OPT_PARAS },
	{ "srx", required_argument, NULL, OPT_SRX },
	{ "mode", required_argument, NULL, OPT_MODE },
	{ "output", required_argument, NULL, 'o' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

int cmd_segment(int argc, char **argv)
{
	tumen_doc_opts o;
	tumen_doc *d;
	tumen_srx *srx = NULL;
	outfile *out;
	const char *output = "-", *srxpath = NULL;
	size_t i;
	int c;

	tumen_doc_opts_init(&o);
	o.threads = 2; /* one document: a long one is segmented in two parts */
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
		case OPT_SRX: srxpath = optarg; break;
		case OPT_MODE:
			if ((o.seg_mode = cli_seg_mode(optarg)) < 0)
				return cli_usage_error("segment",
				        "--mode must be 'icu', 'srx' or 'both'");
			break;
		case 'o': output = optarg; break;
		case 'h': S_help(); return EXIT_OK;
		default: return cli_usage_error("segment", "invalid option");
		}
	}
	if (argc - optind != 1)
		return cli_usage_error("segment", "expected one FILE");
	if (srxpath && !(srx = cli_load_srx(srxpath)))
		return EXIT_FAIL;
	o.srx = srx;
	d = cli_load_doc(argv[optind], &o);
	tumen_srx_free(srx);
	if (!d)
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

/* ---- shared with align and batch (declared in cli.h) ---- */

int cli_seg_mode(const char *s)
{
	static const char *const names[] = { "icu", "srx", "both" };
	int i;

	for (i = 0; i < 3; i++)
		if (!strcmp(s, names[i]))
			return i + 1;
	return -1;
}

tumen_srx *cli_load_srx(const char *path)
{
	char *data;
	size_t len;
	tumen_srx *srx = NULL;
	tumen_error err;

	if (cli_read_file(path, &data, &len))
		return NULL;
	tumen_error_clear(&err);
	if (tumen_srx_parse(data, len, &srx, &err))
		cli_error_at(path, &err);
	free(data);
	return srx;
}
