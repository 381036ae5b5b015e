/* cmd_tmx.c - tumen tmx: stats, validate, merge, filter and export of TMX
 * translation memories; each subcommand a thin layer over tumen/tmx.h. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tumen/tmx.h>
#include "cli.h"

/* The rules of tmx filter, in both helps. */
#define S_FILTER_RULES \
	"      --min-score S   x-score at least S (units without one pass)\n" \
	"      --max-ratio R   characters of the longer side / shorter side <= R\n" \
	"      --langs L1,L2   only tuvs in these languages; units having all\n" \
	"      --numbers       the same numbers on both sides (digits folded)\n" \
	"      --no-identical  sides not identical (normalized)\n" \
	"      --min-chars N, --max-chars N   length of each side in characters\n" \
	"      --report FILE   what each rule removed, as JSON\n"

static void S_help(void)
{
	printf(
"Usage: tumen tmx stats FILE\n"
"       tumen tmx validate FILE...\n"
"       tumen tmx merge -o OUT IN...\n"
"       tumen tmx filter [RULES] -o OUT IN\n"
"       tumen tmx export -f tsv|moses [-o OUT|PREFIX] IN\n"
"Work on TMX translation memories (UTF-8 or UTF-16; '-' is standard\n"
"input, except for merge, which reads its inputs twice).\n\n"
"  stats     units, languages, segments and words per language, duplicate\n"
"            pairs, x-score histogram, x-bead types\n"
"  validate  check TMX 1.4b: one line per problem, 'tumen: FILE:LINE: ...'\n"
"  merge     one TMX from several, duplicate pairs (compared on normalized\n"
"            text) removed, the best-scored copy kept, in input order\n"
"  filter    keep the units passing every rule:\n"
S_FILTER_RULES
"  export    -f tsv: 'source<TAB>target' lines to OUT (default stdout);\n"
"            -f moses: PREFIX.SRC and PREFIX.TGT, one segment a line\n"
"      --src-lang L    default: the header's srclang\n"
"      --tgt-lang L    default: the first other language\n"
"      --keep-inline   write inline codes (bpt, ept, ph, it, hi) as XML\n\n"
"  -o, --output F  output file ('-': standard output)\n"
"  -q, --quiet     no summary on standard error\n"
"  -h, --help      this help\n\n"
"Exit status: 0 success (validate: no problem), 1 failure, 2 usage error.\n");
}

enum { O_MIN_SCORE = 256, O_MAX_RATIO, O_LANGS, O_NUMBERS, O_NO_IDENT,
       O_MIN_CHARS, O_MAX_CHARS, O_REPORT, O_SRC, O_TGT, O_KEEP };

static const struct option long_opts[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "format", required_argument, NULL, 'f' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ "min-score", required_argument, NULL, O_MIN_SCORE },
	{ "max-ratio", required_argument, NULL, O_MAX_RATIO },
	{ "langs", required_argument, NULL, O_LANGS },
	{ "numbers", no_argument, NULL, O_NUMBERS },
	{ "no-identical", no_argument, NULL, O_NO_IDENT },
	{ "min-chars", required_argument, NULL, O_MIN_CHARS },
	{ "max-chars", required_argument, NULL, O_MAX_CHARS },
	{ "report", required_argument, NULL, O_REPORT },
	{ "src-lang", required_argument, NULL, O_SRC },
	{ "tgt-lang", required_argument, NULL, O_TGT },
	{ "keep-inline", no_argument, NULL, O_KEEP },
	{ NULL, 0, NULL, 0 }
};

/* Everything the subcommands take; each uses its part. */
typedef struct {
	const char *cmd, *out, *format, *report;
	char hint[32]; /* "tmx SUB", for "Try 'tumen tmx SUB --help'" */
	int quiet;
	tumen_tmx_filter_opts f;
	tumen_tmx_export_opts e;
	char **files;
	int nfiles;
	char src[36], tgt[36]; /* Moses export languages */
} S_args;

static FILE *S_open(const char *path)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;

	if (!f)
		cli_error("cannot open '%s': %s", path, strerror(errno));
	return f;
}

static void S_close(FILE *f)
{
	if (f && f != stdin)
		fclose(f);
}

/* Prints a library failure on `path`; returns EXIT_FAIL. */
static int S_fail(const char *path, tumen_status st, const tumen_error *err)
{
	tumen_error e = *err;

	if (!e.msg[0])
		snprintf(e.msg, sizeof e.msg, "%s", tumen_strerror(st));
	cli_error_at(path, &e);
	return EXIT_FAIL;
}

static int S_size(const char *s, size_t *out)
{
	double d;

	if (cli_parse_double(s, 0, 1e12, &d) || d != (double)(size_t)d)
		return -1;
	*out = (size_t)d;
	return 0;
}

static int S_option(S_args *a, int c, const char *v)
{
	switch (c) {
	case 'o': a->out = v; return 0;
	case 'f': a->format = v; return 0;
	case 'q': a->quiet = 1; return 0;
	case O_MIN_SCORE: return cli_parse_double(v, 0, 1, &a->f.min_score);
	case O_MAX_RATIO: return cli_parse_double(v, 1, 1e9, &a->f.max_ratio);
	case O_LANGS: a->f.langs = v; return 0;
	case O_NUMBERS: a->f.numbers = 1; return 0;
	case O_NO_IDENT: a->f.no_identical = 1; return 0;
	case O_MIN_CHARS: return S_size(v, &a->f.min_chars);
	case O_MAX_CHARS: return S_size(v, &a->f.max_chars);
	case O_REPORT: a->report = v; return 0;
	case O_SRC: a->e.src_lang = v; return 0;
	case O_TGT: a->e.tgt_lang = v; return 0;
	case O_KEEP: a->e.keep_inline = 1; return 0;
	}
	return -1;
}

static const char *S_optname(int c)
{
	const struct option *o;

	for (o = long_opts; o->name; o++)
		if (o->val == c)
			return o->name;
	return "?";
}

/* Each subcommand: what it does, the options it takes (0-terminated). */
typedef struct {
	const char *name;
	int (*run)(S_args *);
	int opts[12];
	const char *help;
} S_sub;

/* Parses options for `sub`; returns -1 to go on, else the exit status. */
static int S_parse(S_args *a, const S_sub *sub, int argc, char **argv)
{
	int c, i;

	tumen_tmx_filter_opts_init(&a->f);
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:f:qh", long_opts, NULL)) != -1) {
		if (c == 'h') {
			fputs(sub->help, stdout);
			return EXIT_OK;
		}
		if (c == '?')
			return cli_usage_error(a->hint, "invalid option");
		for (i = 0; sub->opts[i] && sub->opts[i] != c; i++)
			;
		if (!sub->opts[i] && c < 256)
			return cli_usage_error(a->hint, "tmx %s does not take -%c "
			                       "(--%s)", sub->name, c, S_optname(c));
		if (!sub->opts[i])
			return cli_usage_error(a->hint, "tmx %s does not take --%s",
			                       sub->name, S_optname(c));
		if (S_option(a, c, optarg))
			return cli_usage_error(a->hint, "bad value '%s' for --%s",
			                       optarg, S_optname(c));
	}
	a->files = argv + optind;
	a->nfiles = argc - optind;
	return -1;
}

static void S_print_stats(const char *path, const tumen_tmx_stats *s)
{
	size_t i;

	printf("file: %s\nunits: %llu\ntuvs: %llu\nsource language: %s\n",
	       path, s->units, s->tuvs, s->srclang[0] ? s->srclang : "-");
	printf("duplicates: %llu (%.2f%%)\n", s->duplicates,
	       s->units ? 100.0 * (double)s->duplicates / (double)s->units : 0.0);
	printf("languages:\n");
	for (i = 0; i < s->nlangs; i++)
		printf("  %-8s segments %llu  words %llu  chars %llu\n",
		       s->langs[i].lang, s->langs[i].segments, s->langs[i].words,
		       s->langs[i].chars);
	printf("scores: %llu units scored\n", s->scored);
	for (i = 0; i < 10; i++)
		printf("  %.1f-%.1f%c %llu\n", (double)i / 10, (double)(i + 1) / 10,
		       i == 9 ? ']' : ')', s->score_hist[i]);
	printf("beads:\n");
	for (i = 0; i < s->nbeads; i++)
		printf("  %-8s %llu\n", s->beads[i].type, s->beads[i].count);
}

static int S_stats(S_args *a)
{
	tumen_tmx_stats s;
	tumen_error err;
	tumen_status st;
	FILE *f;

	if (a->nfiles != 1)
		return cli_usage_error(a->hint, "stats takes one FILE");
	if (!(f = S_open(a->files[0])))
		return EXIT_FAIL;
	tumen_error_clear(&err);
	st = tumen_tmx_stats_read(f, &s, &err);
	S_close(f);
	if (st)
		return S_fail(a->files[0], st, &err);
	S_print_stats(a->files[0], &s);
	return EXIT_OK;
}

static void S_problem(void *ctx, unsigned long line, const char *msg)
{
	tumen_error e;

	tumen_error_clear(&e);
	e.line = line;
	snprintf(e.msg, sizeof e.msg, "%s", msg);
	cli_error_at(ctx, &e);
}

static int S_validate(S_args *a)
{
	int i, rc = EXIT_OK;

	if (a->nfiles < 1)
		return cli_usage_error(a->hint, "validate takes FILE...");
	for (i = 0; i < a->nfiles; i++) {
		tumen_error err;
		tumen_status st;
		FILE *f = S_open(a->files[i]);
		if (!f) {
			rc = EXIT_FAIL;
			continue;
		}
		tumen_error_clear(&err);
		st = tumen_tmx_validate(f, S_problem, a->files[i], NULL, &err);
		S_close(f);
		if (st && st != TUMEN_EFORMAT)
			S_fail(a->files[i], st, &err);
		if (st)
			rc = EXIT_FAIL;
	}
	return rc;
}

static int S_merge(S_args *a)
{
	FILE **in;
	tumen_tmx_merge_result res;
	tumen_error err;
	tumen_status st;
	outfile *o = NULL;
	int i, rc = EXIT_FAIL;

	if (!a->out || a->nfiles < 1)
		return cli_usage_error(a->hint, "merge needs -o OUT and IN...");
	for (i = 0; i < a->nfiles; i++)
		if (!strcmp(a->files[i], "-"))
			return cli_usage_error(a->hint, "merge reads each input "
			                       "twice: it cannot read '-'");
	if (!(in = calloc((size_t)a->nfiles, sizeof *in))) {
		cli_error("out of memory");
		return EXIT_FAIL;
	}
	for (i = 0; i < a->nfiles; i++)
		if (!(in[i] = S_open(a->files[i])))
			goto done;
	if (!(o = outfile_open(a->out)))
		goto done;
	tumen_error_clear(&err);
	st = tumen_tmx_merge(in, (size_t)a->nfiles, outfile_stream(o), &res, &err);
	if (st) {
		S_fail(st == TUMEN_EIO ? a->out : a->files[res.failed], st, &err);
		goto done;
	}
	rc = outfile_commit(o) ? EXIT_FAIL : EXIT_OK;
	o = NULL;
	if (!rc && !a->quiet)
		cli_error("merge: %llu units read, %llu written, %llu duplicates "
		          "removed", res.read, res.written, res.duplicates);
done:
	for (i = 0; i < a->nfiles; i++)
		S_close(in[i]);
	free(in);
	outfile_abort(o);
	return rc;
}

static int S_report(const char *path, const tumen_tmx_filter_result *r)
{
	outfile *o = outfile_open(path);
	FILE *f;
	int i;

	if (!o)
		return -1;
	f = outfile_stream(o);
	fprintf(f, "{\"read\": %llu, \"kept\": %llu, \"removed\": {", r->read,
	        r->kept);
	for (i = 0; i < TUMEN_TMX_RULES; i++)
		fprintf(f, "%s\"%s\": %llu", i ? ", " : "", tumen_tmx_rule_name(i),
		        r->removed[i]);
	fprintf(f, "}}\n");
	return outfile_commit(o);
}

static int S_filter(S_args *a)
{
	tumen_tmx_filter_result res;
	tumen_error err;
	tumen_status st;
	outfile *o;
	FILE *f;
	int i;

	if (!a->out || a->nfiles != 1)
		return cli_usage_error(a->hint, "filter needs -o OUT and one IN");
	if (!(f = S_open(a->files[0])))
		return EXIT_FAIL;
	if (!(o = outfile_open(a->out))) {
		S_close(f);
		return EXIT_FAIL;
	}
	tumen_error_clear(&err);
	st = tumen_tmx_filter(f, outfile_stream(o), &a->f, &res, &err);
	S_close(f);
	if (st == TUMEN_EINVAL) {
		outfile_abort(o);
		return cli_usage_error(a->hint, "%s", err.msg);
	}
	if (st) {
		outfile_abort(o);
		return S_fail(st == TUMEN_EIO ? a->out : a->files[0], st, &err);
	}
	if (outfile_commit(o))
		return EXIT_FAIL;
	for (i = 0; i < TUMEN_TMX_RULES && !a->quiet; i++)
		fprintf(stderr, "tumen: filter: %-10s removed %llu\n",
		        tumen_tmx_rule_name(i), res.removed[i]);
	if (!a->quiet)
		fprintf(stderr, "tumen: filter: kept %llu of %llu units\n",
		        res.kept, res.read);
	return a->report && S_report(a->report, &res) ? EXIT_FAIL : EXIT_OK;
}

/* Names the languages of a Moses export, reading the input's start. */
static int S_langs(S_args *a, FILE *f)
{
	char *src = a->src, *tgt = a->tgt;
	tumen_error err;
	tumen_status st;

	snprintf(src, 36, "%s", a->e.src_lang ? a->e.src_lang : "");
	snprintf(tgt, 36, "%s", a->e.tgt_lang ? a->e.tgt_lang : "");
	if (src[0] && tgt[0])
		return 0;
	if (f == stdin)
		return cli_usage_error(a->hint, "export -f moses from standard "
		                       "input needs --src-lang and --tgt-lang");
	tumen_error_clear(&err);
	if ((st = tumen_tmx_langs(f, src, tgt, &err)))
		return S_fail(a->files[0], st, &err);
	if (fseek(f, 0, SEEK_SET)) {
		cli_error("cannot rewind '%s': %s", a->files[0], strerror(errno));
		return EXIT_FAIL;
	}
	return 0;
}

/* Opens the outputs: OUT, or PREFIX.SRC and PREFIX.TGT. */
static int S_export_open(S_args *a, FILE *f, outfile **o1, outfile **o2)
{
	char *p1, *p2;
	size_t n;
	int rc;

	if (!a->e.moses)
		return (*o1 = outfile_open(a->out ? a->out : "-")) ? 0 : EXIT_FAIL;
	if (!a->out || !strcmp(a->out, "-"))
		return cli_usage_error(a->hint, "export -f moses needs -o PREFIX");
	if ((rc = S_langs(a, f)))
		return rc;
	a->e.src_lang = a->src;
	a->e.tgt_lang = a->tgt;
	n = strlen(a->out) + 40;
	p1 = malloc(n);
	p2 = malloc(n);
	rc = EXIT_FAIL;
	if (!p1 || !p2) {
		cli_error("out of memory");
	} else {
		snprintf(p1, n, "%s.%s", a->out, a->src);
		snprintf(p2, n, "%s.%s", a->out, a->tgt);
		if ((*o1 = outfile_open(p1)) && (*o2 = outfile_open(p2)))
			rc = 0;
	}
	free(p1);
	free(p2);
	return rc;
}

static int S_export(S_args *a)
{
	outfile *o1 = NULL, *o2 = NULL;
	unsigned long long n = 0;
	tumen_error err;
	tumen_status st;
	FILE *f;
	int rc;

	if (a->nfiles != 1)
		return cli_usage_error(a->hint, "export takes one IN");
	if (!a->format || (strcmp(a->format, "tsv") && strcmp(a->format, "moses")))
		return cli_usage_error(a->hint, "export needs -f tsv or -f moses");
	a->e.moses = !strcmp(a->format, "moses");
	if (!(f = S_open(a->files[0])))
		return EXIT_FAIL;
	if ((rc = S_export_open(a, f, &o1, &o2)))
		goto done;
	tumen_error_clear(&err);
	st = tumen_tmx_export(f, &a->e, outfile_stream(o1),
	                      o2 ? outfile_stream(o2) : NULL, &n, &err);
	rc = EXIT_FAIL;
	if (st) {
		S_fail(st == TUMEN_EIO ? a->out : a->files[0], st, &err);
		goto done;
	}
	rc = outfile_commit(o1) ? EXIT_FAIL : EXIT_OK;
	if (o2 && outfile_commit(o2))
		rc = EXIT_FAIL;
	o1 = o2 = NULL;
	if (!rc && !a->quiet)
		cli_error("export: %llu pairs written", n);
done:
	outfile_abort(o1);
	outfile_abort(o2);
	S_close(f);
	return rc;
}

static const S_sub subs[] = {
	{ "stats", S_stats, { 0 },
"Usage: tumen tmx stats FILE\n"
"Print the units of a TMX ('-': standard input), its source language, its\n"
"languages with segments, words and characters, duplicate pairs, a\n"
"10-bucket histogram of x-score and the x-bead types.\n\n"
"  -h, --help  this help\n\n"
"Exit status: 0 success, 1 failure, 2 usage error.\n" },
	{ "validate", S_validate, { 0 },
"Usage: tumen tmx validate FILE...\n"
"Check TMX 1.4b: structure, required header attributes, language tags,\n"
"dates (YYYYMMDDThhmmssZ), a tuv in the source language in every tu,\n"
"characters XML 1.0 forbids.  One line per problem on standard error,\n"
"'tumen: FILE:LINE: problem'.\n\n"
"  -h, --help  this help\n\n"
"Exit status: 0 no problem, 1 problems or failure, 2 usage error.\n" },
	{ "merge", S_merge, { 'o', 'q', 0 },
"Usage: tumen tmx merge -o OUT IN...\n"
"Write one TMX from several: pairs equal after normalization (white space,\n"
"case, Persian and Arabic letter and digit forms) are kept once, the copy\n"
"with the best x-score, in input order.  Each input is read twice, so none\n"
"can be '-'.\n\n"
"  -o, --output OUT  the merged TMX (required)\n"
"  -q, --quiet       no summary on standard error\n"
"  -h, --help        this help\n\n"
"Exit status: 0 success, 1 failure, 2 usage error.\n" },
	{ "filter", S_filter, { 'o', 'q', O_MIN_SCORE, O_MAX_RATIO, O_LANGS,
	                        O_NUMBERS, O_NO_IDENT, O_MIN_CHARS, O_MAX_CHARS,
	                        O_REPORT, 0 },
"Usage: tumen tmx filter [RULES] -o OUT IN\n"
"Keep the units of IN ('-': standard input) passing every rule; one line\n"
"per rule on standard error with what it removed.\n\n"
S_FILTER_RULES
"  -o, --output OUT    the filtered TMX (required)\n"
"  -q, --quiet         no counts on standard error\n"
"  -h, --help          this help\n\n"
"Exit status: 0 success, 1 failure, 2 usage error.\n" },
	{ "export", S_export, { 'o', 'f', 'q', O_SRC, O_TGT, O_KEEP, 0 },
"Usage: tumen tmx export -f tsv|moses [-o OUT|PREFIX] [OPTIONS] IN\n"
"Write the pairs of IN ('-': standard input) as 'source<TAB>target' lines\n"
"(-f tsv) or as Moses files PREFIX.SRC and PREFIX.TGT, one segment a line\n"
"(-f moses); tabs and line breaks in segments become spaces.\n\n"
"  -f, --format FMT  tsv or moses (required)\n"
"  -o, --output F    OUT for tsv (default standard output), PREFIX for\n"
"                    moses (required)\n"
"      --src-lang L  default: the header's srclang\n"
"      --tgt-lang L  default: the first other language\n"
"      --keep-inline write inline codes (bpt, ept, ph, it, hi) as XML\n"
"  -q, --quiet       no summary on standard error\n"
"  -h, --help        this help\n\n"
"Exit status: 0 success, 1 failure, 2 usage error.\n" },
};

int cmd_tmx(int argc, char **argv)
{
	S_args a;
	size_t i;
	int rc;

	if (argc < 2)
		return cli_usage_error("tmx", "expected a subcommand");
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		S_help();
		return EXIT_OK;
	}
	for (i = 0; i < sizeof subs / sizeof *subs; i++) {
		if (strcmp(argv[1], subs[i].name))
			continue;
		memset(&a, 0, sizeof a);
		a.cmd = subs[i].name;
		snprintf(a.hint, sizeof a.hint, "tmx %s", subs[i].name);
		if ((rc = S_parse(&a, &subs[i], argc - 1, argv + 1)) >= 0)
			return rc;
		return subs[i].run(&a);
	}
	return cli_usage_error("tmx", "unknown subcommand '%s'", argv[1]);
}
