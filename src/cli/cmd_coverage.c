/*
 * cmd_coverage.c - tumen coverage: align one document pair, or every pair
 * of a manifest, and report what found a counterpart (text, JSON, HTML).
 *
 * The work is libtumen's (tumen/report.h); this file reads options and
 * files.  A manifest document that cannot be read or aligned is reported on
 * standard error and in the report, and the others go on.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tumen/report.h>
#include "cli.h"

static void S_help(void)
{
	printf(
"Usage: tumen coverage [OPTIONS] SRC TGT\n"
"       tumen coverage [OPTIONS] --manifest FILE\n"
"Align SRC (English) with TGT (Persian), or every pair of a manifest, and\n"
"report which sentences found a counterpart: coverage of each side, the\n"
"source sentences left out of the translation, the target sentences added,\n"
"and suspicious beads (numbers differ, odd length ratio, low score).\n\n"
"Input:\n"
"      --manifest FILE      TSV: id, source path, target path and optionally\n"
"                           their encodings; paths relative to FILE\n"
"      --src-encoding NAME  SRC encoding (any iconv name; default: BOM or UTF-8)\n"
"      --tgt-encoding NAME  TGT encoding\n"
"      --lenient            replace invalid bytes with U+FFFD instead of failing\n"
"      --presegmented       one segment per line, blank lines end paragraphs\n"
"      --paragraphs=MODE    'blank' (default) or 'line'\n"
"      --src-lang L         source language (default en)\n"
"      --tgt-lang L         target language (default fa)\n"
"      --srx FILE           sentence rules (SRX 2.0) for both sides\n"
"Alignment, as for tumen align:\n"
"      --no-paragraphs      align each whole document at once\n"
"      --no-numbers, --no-punctuation, --no-lexicon, --no-names,\n"
"      --no-identical       leave that evidence out\n"
"      --length-only        length alone: all of the --no-* above\n"
"      --exact              search all sentence pairs (quadratic)\n"
"  -d, --dict FILE          bilingual dictionary ('PERSIAN @ ENGLISH' or\n"
"                           'ENGLISH<TAB>PERSIAN[<TAB>PROB]'); may be repeated\n"
"Report:\n"
"  -f, --format FMT         text (default), json or html (a self-contained\n"
"                           review page: both texts side by side)\n"
"  -o, --output FILE        output file (default standard output)\n"
"      --min-score X        beads scoring below X are suspicious (default 0.5)\n"
"      --max-ratio-dev X    beads whose length ratio departs more than X\n"
"                           standard deviations from the document's mean are\n"
"                           suspicious (default 2.5)\n"
"      --context N          neighbours shown around omitted and added\n"
"                           sentences (default 1)\n"
"  -q, --quiet              no warnings\n"
"  -h, --help               this help\n\n"
"Exit status: 0 success, 1 failure (with --manifest: some document could\n"
"not be aligned; the report is still written), 2 usage error.\n");
}

enum {
	OPT_SRC_ENC = 256, OPT_TGT_ENC, OPT_LENIENT, OPT_PRESEG,
	OPT_SRC_LANG, OPT_TGT_LANG, OPT_MANIFEST, OPT_MIN_SCORE, OPT_MAX_DEV,
	OPT_CONTEXT, OPT_SRX
};

static const struct option long_opts[] = {
	{ "src-encoding", required_argument, NULL, OPT_SRC_ENC },
	{ "tgt-encoding", required_argument, NULL, OPT_TGT_ENC },
	{ "lenient", no_argument, NULL, OPT_LENIENT },
	{ "presegmented", no_argument, NULL, OPT_PRESEG },
	CLI_ALIGN_LONG_OPTS,
	{ "srx", required_argument, NULL, OPT_SRX },
	{ "src-lang", required_argument, NULL, OPT_SRC_LANG },
	{ "tgt-lang", required_argument, NULL, OPT_TGT_LANG },
	{ "manifest", required_argument, NULL, OPT_MANIFEST },
	{ "min-score", required_argument, NULL, OPT_MIN_SCORE },
	{ "max-ratio-dev", required_argument, NULL, OPT_MAX_DEV },
	{ "context", required_argument, NULL, OPT_CONTEXT },
	{ "dict", required_argument, NULL, 'd' },
	{ "format", required_argument, NULL, 'f' },
	{ "output", required_argument, NULL, 'o' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

enum { FMT_TEXT, FMT_JSON, FMT_HTML };

typedef struct {
	tumen_doc_opts src, tgt;
	tumen_align_opts align;
	tumen_report_opts rep;
	const char *output, *manifest, *srxpath;
	int format, quiet;
	const char *dictpaths[CLI_MAX_DICTS];
	size_t ndict;
} S_args;

/* Reads and builds one side of a manifest pair; on failure writes the
 * message to err (it goes to standard error and into the report). */
static tumen_doc *S_load(const char *path, const tumen_doc_opts *o,
                         char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL, *nd;
	size_t len = 0, cap = 0, got = 1;
	tumen_doc *d = NULL;
	tumen_error e;

	if (!f) {
		snprintf(err, errlen, "cannot open '%s': %s", path, strerror(errno));
		return NULL;
	}
	while (got) {
		if (cap - len < 65536) {
			if (!(nd = realloc(data, cap * 2 + 65536)))
				break;
			data = nd;
			cap = cap * 2 + 65536;
		}
		len += got = fread(data + len, 1, cap - len, f);
	}
	if (got)
		snprintf(err, errlen, "'%s': out of memory", path);
	else if (ferror(f))
		snprintf(err, errlen, "cannot read '%s': %s", path, strerror(errno));
	else if (tumen_doc_from_bytes(data, len, path, o, &d, &e)) {
		const char *m = e.msg[0] ? e.msg : tumen_strerror(e.code);
		if (e.line)
			snprintf(err, errlen, "%s:%lu: %s", path, e.line, m);
		else if (e.has_byte)
			snprintf(err, errlen, "%s: byte %llu: %s", path, e.byte, m);
		else
			snprintf(err, errlen, "%s: %s", path, m);
	}
	fclose(f);
	free(data);
	return d;
}

/* Aligns s with t and adds them to the report.  Returns 0, the aligner's
 * status when it fails, or -1 (message printed) when the report cannot take
 * the pair. */
static int S_add(const S_args *a, tumen_report *r, const char *id,
                 tumen_doc *s, tumen_doc *t)
{
	tumen_alignment *al = NULL;
	tumen_status st = tumen_align(s, t, &a->align, &al);

	if (st)
		return (int)st;
	if ((st = tumen_report_add(r, id, s, t, al))) {
		cli_error("cannot build the report: %s", tumen_strerror(st));
		tumen_alignment_free(al);
		return -1;
	}
	if (!a->quiet && tumen_alignment_parallel(al) < 0.5)
		cli_warn("%s: the documents do not look parallel (every score "
		         "scaled by %.2f)", id, tumen_alignment_parallel(al));
	tumen_alignment_free(al);
	return 0;
}

static char *S_join_path(const char *dir, size_t dirlen, const char *p)
{
	size_t n = dirlen + strlen(p) + 2;
	char *r = malloc(n);

	if (r)
		snprintf(r, n, "%.*s%s%s", p[0] == '/' ? 0 : (int)dirlen, dir,
		         p[0] == '/' || !dirlen ? "" : "/", p);
	return r;
}

/* One manifest entry: fields id, src, tgt[, src-enc, tgt-enc].  Returns 1
 * when the document failed, 0 when it was added, -1 on a fatal error. */
static int S_entry(const S_args *a, tumen_report *r, const char *dir,
                   size_t dirlen, char **f, int nf)
{
	tumen_doc_opts so = a->src, to = a->tgt;
	char *sp = S_join_path(dir, dirlen, f[1]);
	char *tp = S_join_path(dir, dirlen, f[2]);
	tumen_doc *s = NULL, *t = NULL;
	char err[600] = "";
	int rc = -1;

	if (!sp || !tp) {
		cli_error("out of memory");
		goto done;
	}
	if (nf > 3 && *f[3])
		so.encoding = f[3];
	if (nf > 4 && *f[4])
		to.encoding = f[4];
	if (!(s = S_load(sp, &so, err, sizeof err)) ||
	    !(t = S_load(tp, &to, err, sizeof err)))
		rc = 1;
	else if ((rc = S_add(a, r, f[0], s, t)) > 0)
		snprintf(err, sizeof err, "cannot align: %s", tumen_strerror(rc));
	if (rc > 0) {
		cli_error("%s: %s (skipped)", f[0], err);
		rc = tumen_report_add_failed(r, f[0], err) ? -1 : 1;
	}
done:
	tumen_doc_free(s);
	tumen_doc_free(t);
	free(sp);
	free(tp);
	return rc;
}

/* Splits a manifest line into up to 5 tab-separated fields (in place). */
static int S_fields(char *line, char **f, int max)
{
	int n = 0;
	char *tab;

	do {
		f[n++] = line;
		if ((tab = strchr(line, '\t'))) {
			*tab = '\0';
			line = tab + 1;
		}
	} while (tab && n < max);
	return n;
}

/* Adds every manifest entry to the report; returns the number of failed
 * documents, or -1 on a fatal error (message printed). */
static long S_manifest(const S_args *a, tumen_report *r)
{
	char *data, *p, *nl, *f[5];
	const char *slash = strrchr(a->manifest, '/');
	size_t len, dirlen = slash ? (size_t)(slash - a->manifest) : 0;
	unsigned long line = 0;
	long failed = 0;
	int nf, rc = 0;

	if (cli_read_file(a->manifest, &data, &len))
		return -1;
	for (p = data; p && rc >= 0; p = nl ? nl + 1 : NULL) {
		if ((nl = memchr(p, '\n', len - (size_t)(p - data))))
			*nl = '\0';
		line++;
		if (nl > p && nl[-1] == '\r')
			nl[-1] = '\0';
		if (!*p || *p == '#')
			continue;
		nf = S_fields(p, f, 5);
		if (nf < 3 || !*f[0] || !*f[1] || !*f[2]) {
			cli_error("%s:%lu: expected ID<TAB>SOURCE<TAB>TARGET",
			          a->manifest, line);
			rc = -1;
		} else if ((rc = S_entry(a, r, a->manifest, dirlen, f, nf)) > 0) {
			failed++;
		}
	}
	free(data);
	return rc < 0 ? -1 : failed;
}

/* The single pair SRC TGT; errors go to standard error as for align. */
static int S_pair(const S_args *a, tumen_report *r, const char *sp,
                  const char *tp)
{
	tumen_doc *s, *t;
	int rc = -1;

	if (cli_load_pair(sp, &a->src, tp, &a->tgt, a->quiet, &s, &t))
		goto done;
	if (!a->quiet) {
		cli_check_script(sp, s, "--src-lang");
		cli_check_script(tp, t, "--tgt-lang");
	}
	if ((rc = S_add(a, r, sp, s, t)) > 0) {
		cli_error("cannot align '%s' with '%s': %s", sp, tp,
		          tumen_strerror(rc));
		rc = -1;
	}
done:
	tumen_doc_free(s);
	tumen_doc_free(t);
	return rc;
}

static int S_write(const S_args *a, const tumen_report *r)
{
	outfile *o = outfile_open(a->output);
	tumen_status st;

	if (!o)
		return -1;
	st = a->format == FMT_HTML ? tumen_report_write_html(r, outfile_stream(o)) :
	     a->format == FMT_JSON ? tumen_report_write_json(r, outfile_stream(o)) :
	     tumen_report_write_text(r, outfile_stream(o));
	if (st) {
		cli_error("cannot write '%s': %s", a->output, strerror(errno));
		outfile_abort(o);
		return -1;
	}
	return outfile_commit(o);
}

/* Parses the options into a; returns -1 when done, else an exit code. */
static int S_options(int argc, char **argv, S_args *a)
{
	double v;
	int c;

	while ((c = getopt_long(argc, argv, "f:o:d:qh", long_opts, NULL)) != -1) {
		int rc = cli_align_option("coverage", c, optarg, &a->align,
		                          &a->src, &a->tgt);
		if (rc >= 0) {
			if (rc)
				return rc;
			continue;
		}
		switch (c) {
		case OPT_SRC_ENC: a->src.encoding = optarg; break;
		case OPT_TGT_ENC: a->tgt.encoding = optarg; break;
		case OPT_LENIENT: a->src.lenient = a->tgt.lenient = 1; break;
		case OPT_PRESEG: a->src.presegmented = a->tgt.presegmented = 1; break;
		case OPT_SRX: a->srxpath = optarg; break;
		case OPT_SRC_LANG: a->src.lang = optarg; break;
		case OPT_TGT_LANG: a->tgt.lang = optarg; break;
		case OPT_MANIFEST: a->manifest = optarg; break;
		case OPT_MIN_SCORE:
			if (cli_parse_double(optarg, 0, 1, &a->rep.min_score))
				return cli_usage_error("coverage",
				        "--min-score needs a number from 0 to 1");
			break;
		case OPT_MAX_DEV:
			if (cli_parse_double(optarg, 0, 1e6, &a->rep.max_ratio_dev))
				return cli_usage_error("coverage",
				        "--max-ratio-dev needs a number from 0");
			break;
		case OPT_CONTEXT:
			if (cli_parse_double(optarg, 0, 1000, &v) || v != (size_t)v)
				return cli_usage_error("coverage",
				        "--context needs a whole number from 0 to 1000");
			a->rep.context = (size_t)v;
			break;
		case 'f':
			a->format = !strcmp(optarg, "text") ? FMT_TEXT :
			            !strcmp(optarg, "json") ? FMT_JSON :
			            !strcmp(optarg, "html") ? FMT_HTML : -1;
			if (a->format < 0)
				return cli_usage_error("coverage",
				        "unknown format '%s' (text, json, html)", optarg);
			break;
		case 'o': a->output = optarg; break;
		case 'd':
			if (a->ndict == CLI_MAX_DICTS)
				return cli_usage_error("coverage",
				        "at most %d dictionaries", CLI_MAX_DICTS);
			a->dictpaths[a->ndict++] = optarg;
			break;
		case 'q': a->quiet = 1; break;
		case 'h': S_help(); return EXIT_OK;
		default: return cli_usage_error("coverage", "invalid option");
		}
	}
	return -1;
}

int cmd_coverage(int argc, char **argv)
{
	S_args a;
	tumen_report *r = NULL;
	tumen_dict *dict = NULL;
	tumen_srx *srx = NULL;
	long failed = 0;
	int rc;

	memset(&a, 0, sizeof a);
	tumen_doc_opts_init(&a.src);
	tumen_doc_opts_init(&a.tgt);
	a.tgt.lang = "fa";
	tumen_align_opts_init(&a.align);
	a.align.threads = 2; /* documents one at a time, each on two threads */
	tumen_report_opts_init(&a.rep);
	a.output = "-";
	optind = 1;
	if ((rc = S_options(argc, argv, &a)) >= 0)
		return rc;
	if (a.manifest && argc != optind)
		return cli_usage_error("coverage",
		        "give either --manifest or SRC and TGT, not both");
	if (!a.manifest && argc - optind != 2)
		return cli_usage_error("coverage", "expected two files, SRC and TGT");
	if (!a.manifest && !strcmp(argv[optind], "-") &&
	    !strcmp(argv[optind + 1], "-"))
		return cli_usage_error("coverage", "only one side can be '-'");
	if (a.srxpath && !(srx = cli_load_srx(a.srxpath)))
		return EXIT_FAIL;
	a.src.srx = a.tgt.srx = srx;
	if (cli_load_dicts(&dict, a.dictpaths, a.ndict)) {
		tumen_srx_free(srx);
		return EXIT_FAIL;
	}
	a.align.dict = dict;
	if (tumen_report_new(&a.rep, &r)) {
		cli_error("out of memory");
		tumen_dict_free(dict);
		tumen_srx_free(srx);
		return EXIT_FAIL;
	}
	if (a.manifest)
		failed = S_manifest(&a, r);
	else
		failed = S_pair(&a, r, argv[optind], argv[optind + 1]);
	rc = failed < 0 || S_write(&a, r) ? EXIT_FAIL :
	     failed ? EXIT_FAIL : EXIT_OK;
	tumen_report_free(r);
	tumen_dict_free(dict);
	tumen_srx_free(srx);
	return rc;
}
