/* cmd_align.c - tumen align: two documents in, TMX/beads/TSV/Moses out. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void S_help(void)
{
	printf(
"Usage: tumen align [OPTIONS] SRC TGT\n"
"Align the sentences of SRC (English) and TGT (Persian); '-' reads one side\n"
"from standard input.\n\n"
"Input:\n"
"      --src-encoding NAME  SRC encoding (any iconv name; default: BOM or UTF-8)\n"
"      --tgt-encoding NAME  TGT encoding\n"
"      --lenient            replace invalid bytes with U+FFFD instead of failing\n"
"      --presegmented       one segment per line, blank lines end paragraphs\n"
"      --paragraphs=MODE    'blank' (default): blank lines separate paragraphs;\n"
"                           'line': each line is a paragraph\n"
"      --src-lang L         source language (default en)\n"
"      --tgt-lang L         target language (default fa)\n"
"      --srx FILE           sentence rules (SRX 2.0) for both sides\n"
"Alignment:\n"
"      --no-paragraphs      align the whole document at once\n"
"      --no-numbers         do not use numbers as anchors\n"
"      --no-punctuation     do not use ? and ! as anchors\n"
"      --no-lexicon         do not learn a word lexicon from the pair\n"
"      --no-names           do not match names across scripts\n"
"      --no-identical       do not count identical words as evidence\n"
"  -d, --dict FILE          bilingual dictionary: 'PERSIAN @ ENGLISH' lines\n"
"                           (hunalign) or 'ENGLISH<TAB>PERSIAN[<TAB>PROB]'\n"
"                           (as 'tumen lexicon learn' writes); may be repeated\n"
"      --length-only        length alone: all of the --no-* above\n"
"      --exact              search all sentence pairs, not a band around a\n"
"                           guide: quadratic time and memory, for checking\n"
"Output:\n"
"  -o, --output FILE        output file (default standard output); with\n"
"                           -f moses, a PREFIX for PREFIX.SRCLANG/.TGTLANG\n"
"  -f, --format FMT         tmx (default), beads, tsv or moses\n"
"      --min-score X        leave out beads scoring below X (0..1)\n"
"      --scores             with -f beads: a third column, the bead's score\n"
"      --doc-id ID          document id in TMX (default: SRC's name)\n"
"  -v, --verbose            print a summary line on standard error\n"
"  -q, --quiet              no warnings\n"
"      --timings            print the time of each stage on standard error\n"
"  -h, --help               this help\n\n"
"Exit status: 0 success, 1 failure, 2 usage error.\n");
}

enum {
	OPT_SRC_ENC = 256, OPT_TGT_ENC, OPT_LENIENT, OPT_PRESEG, OPT_PARAS,
	OPT_SRC_LANG, OPT_TGT_LANG, OPT_NO_PARAS, OPT_NO_NUMBERS, OPT_NO_PUNCT,
	OPT_TIMINGS, OPT_NO_LEXICON, OPT_NO_NAMES, OPT_NO_IDENTICAL, OPT_LENGTH_ONLY, OPT_MIN_SCORE, OPT_DOC_ID, OPT_SCORES, OPT_SRX
};

static const struct option long_opts[] = {
	{ "src-encoding", required_argument, NULL, OPT_SRC_ENC },
	{ "tgt-encoding", required_argument, NULL, OPT_TGT_ENC },
	{ "lenient", no_argument, NULL, OPT_LENIENT },
	{ "presegmented", no_argument, NULL, OPT_PRESEG },
	{ "src-lang", required_argument, NULL, OPT_SRC_LANG },
	{ "tgt-lang", required_argument, NULL, OPT_TGT_LANG },
	CLI_ALIGN_LONG_OPTS, /* --paragraphs, --no-*, --length-only (util.c) */
	{ "output", required_argument, NULL, 'o' },
	{ "format", required_argument, NULL, 'f' },
	{ "min-score", required_argument, NULL, OPT_MIN_SCORE },
	{ "doc-id", required_argument, NULL, OPT_DOC_ID },
	{ "scores", no_argument, NULL, OPT_SCORES },
	{ "srx", required_argument, NULL, OPT_SRX },
	{ "dict", required_argument, NULL, 'd' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "timings", no_argument, NULL, OPT_TIMINGS },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static int S_format(const char *s, tumen_format *f)
{
	static const struct { const char *name; tumen_format f; } names[] = {
		{ "tmx", TUMEN_FMT_TMX }, { "beads", TUMEN_FMT_BEADS },
		{ "tsv", TUMEN_FMT_TSV }, { "moses", TUMEN_FMT_MOSES },
	};
	size_t i;

	for (i = 0; i < sizeof names / sizeof *names; i++)
		if (!strcmp(s, names[i].name)) {
			*f = names[i].f;
			return 0;
		}
	return -1;
}

/* Prints "N pairs written, source coverage X%, target coverage Y%". */
static void S_summary(const tumen_doc *s, const tumen_doc *t,
                      const tumen_alignment *a, size_t units)
{
	size_t i, cs = 0, ct = 0, n = tumen_alignment_count(a);

	for (i = 0; i < n; i++) {
		const tumen_bead *b = tumen_alignment_bead(a, i);
		if (b->nsrc && b->ntgt) {
			cs += b->nsrc;
			ct += b->ntgt;
		}
	}
	fprintf(stderr,
	        "tumen: %zu pairs written, %zu beads; coverage: source %.1f%% "
	        "(%zu/%zu), target %.1f%% (%zu/%zu)\n",
	        units, n, 100.0 * (double)cs / (double)tumen_doc_count(s), cs,
	        tumen_doc_count(s), 100.0 * (double)ct / (double)tumen_doc_count(t),
	        ct, tumen_doc_count(t));
}

/* Usage errors in the file arguments: EXIT_USAGE, else EXIT_FAIL. */
static int S_check_args(int argc, char **argv)
{
	if (argc - optind != 2)
		return cli_usage_error("align", "expected two files, SRC and TGT");
	if (!strcmp(argv[optind], "-") && !strcmp(argv[optind + 1], "-"))
		return cli_usage_error("align", "only one side can be '-'");
	return EXIT_FAIL;
}

typedef struct {
	tumen_doc_opts src, tgt;
	tumen_align_opts align;
	tumen_writer_opts out;
	const char *output, *doc_id;
	int verbose, quiet, timings;
} S_args;

static int S_write(const S_args *a, const char *srcpath, tumen_doc *s,
                   tumen_doc *t, tumen_alignment *al)
{
	cli_output out;
	int rc = cli_output_open(&out, a->output, &a->out);

	if (rc)
		return rc;
	if (tumen_writer_add(out.w, a->doc_id ? a->doc_id : srcpath, s, t, al)) {
		cli_error("cannot write '%s': %s", a->output, strerror(errno));
		cli_output_abort(&out);
		return EXIT_FAIL;
	}
	rc = cli_output_commit(&out, a->quiet) ? EXIT_FAIL : EXIT_OK;
	if (!rc && a->verbose)
		S_summary(s, t, al, tumen_writer_units(out.w));
	cli_output_abort(&out);
	return rc;
}

int cmd_align(int argc, char **argv)
{
	S_args a;
	tumen_doc *s = NULL, *t = NULL;
	tumen_alignment *al = NULL;
	int c, preseg = 0, lenient = 0, rc = EXIT_FAIL;
	tumen_status st;
	double t0, t1, t2;
	const char *srxpath = NULL;
	tumen_srx *srx = NULL;
	tumen_dict *dict = NULL;
	const char *dictpaths[CLI_MAX_DICTS];
	size_t ndict = 0;

	memset(&a, 0, sizeof a);
	tumen_doc_opts_init(&a.src);
	tumen_doc_opts_init(&a.tgt);
	a.tgt.lang = "fa";
	tumen_align_opts_init(&a.align);
	a.align.threads = 2; /* one pair: its stages on two threads */
	tumen_writer_opts_init(&a.out);
	a.out.threads = 2;
	a.output = "-";
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:f:d:vqh", long_opts, NULL)) != -1) {
		if ((rc = cli_align_option("align", c, optarg, &a.align, &a.src,
		                           &a.tgt)) >= 0) {
			if (rc)
				return rc;
			continue;
		}
		switch (c) {
		case OPT_SRC_ENC: a.src.encoding = optarg; break;
		case OPT_TGT_ENC: a.tgt.encoding = optarg; break;
		case OPT_LENIENT: lenient = 1; break;
		case OPT_PRESEG: preseg = 1; break;
		case OPT_SRC_LANG: a.src.lang = optarg; break;
		case OPT_TGT_LANG: a.tgt.lang = optarg; break;
		case 'o': a.output = optarg; break;
		case 'f':
			if (S_format(optarg, &a.out.format))
				return cli_usage_error("align",
				        "unknown format '%s' (tmx, beads, tsv, moses)",
				        optarg);
			break;
		case OPT_MIN_SCORE:
			if (cli_parse_double(optarg, 0.0, 1.0, &a.out.min_score))
				return cli_usage_error("align",
				        "--min-score needs a number from 0 to 1");
			break;
		case OPT_DOC_ID: a.doc_id = optarg; break;
		case OPT_SCORES: a.out.bead_scores = 1; break;
		case OPT_SRX: srxpath = optarg; break;
		case 'd':
			if (ndict == CLI_MAX_DICTS)
				return cli_usage_error("align", "at most %d dictionaries",
				                       CLI_MAX_DICTS);
			dictpaths[ndict++] = optarg;
			break;
		case 'v': a.verbose = 1; break;
		case 'q': a.quiet = 1; break;
		case OPT_TIMINGS: a.timings = 1; break;
		case 'h': S_help(); return EXIT_OK;
		default: return cli_usage_error("align", "invalid option");
		}
	}
	if ((rc = S_check_args(argc, argv)) != EXIT_FAIL)
		return rc;
	if (a.out.format == TUMEN_FMT_MOSES && !strcmp(a.output, "-"))
		return cli_usage_error("align", "-f moses needs -o PREFIX");
	a.src.presegmented = a.tgt.presegmented = preseg;
	a.src.lenient = a.tgt.lenient = lenient;
	a.out.src_lang = a.src.lang;
	a.out.tgt_lang = a.tgt.lang;
	if (srxpath && !(srx = cli_load_srx(srxpath)))
		goto done;
	a.src.srx = a.tgt.srx = srx;
	t0 = cli_now();
	if (cli_load_dicts(&dict, dictpaths, ndict))
		goto done;
	a.align.dict = dict;
	if (cli_load_pair(argv[optind], &a.src, argv[optind + 1], &a.tgt,
	                  a.quiet, &s, &t))
		goto done;
	if (!a.quiet) {
		cli_check_script(argv[optind], s, "--src-lang");
		cli_check_script(argv[optind + 1], t, "--tgt-lang");
	}
	t1 = cli_now();
	if ((st = tumen_align(s, t, &a.align, &al))) {
		cli_error("cannot align '%s' with '%s': %s", argv[optind],
		          argv[optind + 1], tumen_strerror(st));
		goto done;
	}
	if (!a.quiet && tumen_alignment_parallel(al) < 0.5)
		cli_warn("'%s' and '%s' do not look parallel: their numbers and "
		         "names do not match (every score scaled by %.2f)",
		         argv[optind], argv[optind + 1], tumen_alignment_parallel(al));
	t2 = cli_now();
	rc = S_write(&a, argv[optind], s, t, al);
	if (a.timings)
		fprintf(stderr, "tumen: timings: read+decode+normalize+segment %.3f s, "
		        "align %.3f s, write %.3f s\n", t1 - t0, t2 - t1,
		        cli_now() - t2);
done:
	tumen_dict_free(dict);
	tumen_srx_free(srx);
	tumen_alignment_free(al);
	tumen_doc_free(s);
	tumen_doc_free(t);
	return rc;
}
