/*
 * cmd_lexicon.c - tumen lexicon learn: a bilingual dictionary (TSV, as -d
 * reads it) learned from aligned pairs, a TMX or beads over two files; and
 * -d/--dict, shared by align, batch and coverage (cli_load_dict).
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"

static void S_help(void)
{
	printf(
"Usage: tumen lexicon learn [OPTIONS] FILE.tmx...\n"
"       tumen lexicon learn [OPTIONS] --beads BEADS SRC TGT\n"
"Learn a bilingual dictionary from aligned sentence pairs: the units of\n"
"TMX files, or the beads of 'tumen align -f beads' over SRC and TGT (one\n"
"segment per line, as aligned with --presegmented).  IBM Model 1 is\n"
"trained both ways on stemmed words; a pair is kept when the geometric\n"
"mean of p(target|source) and p(source|target) is at least --min-prob.\n"
"Output: TSV 'SOURCE<TAB>TARGET<TAB>PROB' sorted by source then target\n"
"word, which 'tumen align -d' reads.\n\n"
"  -o, --output FILE     output file (default standard output)\n"
"      --min-prob P      least sqrt(p(t|s) p(s|t)), 0..1 (default 0.1)\n"
"      --min-count N     least expected number of links (default 2)\n"
"      --max-entries N   keep only the N most probable pairs (default all)\n"
"      --beads BEADS     learn from BEADS over SRC and TGT; beads with an\n"
"                        empty side are left out\n"
"      --src-lang L      TMX: the source language (default en)\n"
"      --tgt-lang L      TMX: the target language (default fa); units\n"
"                        lacking either are left out\n"
"  -v, --verbose         print pairs read and entries written\n"
"  -h, --help            this help\n\n"
"Exit status: 0 success, 1 failure, 2 usage error.\n");
}

static void S_help_lexicon(void)
{
	printf(
"Usage: tumen lexicon learn [OPTIONS] FILE.tmx...\n"
"       tumen lexicon learn [OPTIONS] --beads BEADS SRC TGT\n"
"Bilingual dictionaries for 'tumen align -d FILE'.\n\n"
"Subcommands:\n"
"  learn     learn a dictionary (TSV) from a TMX or beads\n\n"
"'tumen lexicon learn --help' describes the options.\n"
"Exit status: 0 success, 1 failure, 2 usage error.\n");
}

static int S_load_dict(tumen_dict *d, const char *path)
{
	char *data;
	size_t len;
	tumen_error err;
	tumen_status st;

	if (cli_read_file(path, &data, &len))
		return -1;
	tumen_error_clear(&err);
	st = tumen_dict_load(d, data, len, &err);
	free(data);
	if (st) {
		if (!err.line)
			err.code = st;
		cli_error_at(path, &err);
		return -1;
	}
	return 0;
}

int cli_load_dicts(tumen_dict **d, const char *const *paths, size_t n)
{
	size_t k;

	*d = NULL;
	if (!n)
		return 0;
	if (tumen_dict_new(d)) {
		cli_error("out of memory");
		return -1;
	}
	for (k = 0; k < n; k++)
		if (S_load_dict(*d, paths[k])) {
			tumen_dict_free(*d);
			*d = NULL;
			return -1;
		}
	return 0;
}

/* ---- learn --------------------------------------------------------------- */

typedef struct {
	tumen_dict_learner *l;
	const char *src_lang, *tgt_lang;
} S_tmx_ctx;

/* Whether tag `lang` is L or L-something (en-US for en), ignoring case. */
static int S_lang_is(const tumen_tmx_str *lang, const char *want)
{
	size_t n = strlen(want);

	return lang->len >= n && !strncasecmp(lang->ptr, want, n) &&
	       (lang->len == n || lang->ptr[n] == '-' || lang->ptr[n] == '_');
}

static const tumen_tuv *S_tuv(const tumen_tu *tu, const char *lang)
{
	size_t k;

	for (k = 0; k < tu->ntuvs; k++)
		if (S_lang_is(&tu->tuvs[k].lang, lang))
			return &tu->tuvs[k];
	return NULL;
}

static tumen_status S_on_tu(void *ctx, const tumen_tu *tu)
{
	S_tmx_ctx *c = ctx;
	const tumen_tuv *s = S_tuv(tu, c->src_lang), *t = S_tuv(tu, c->tgt_lang);

	if (!s || !t)
		return TUMEN_OK;
	return tumen_dict_learner_add(c->l, s->seg.ptr, s->seg.len, t->seg.ptr,
	                              t->seg.len, NULL);
}

static int S_read_tmx(const char *path, S_tmx_ctx *c)
{
	tumen_tmx_reader *r = NULL;
	tumen_error err;
	tumen_status st;
	FILE *f = fopen(path, "rb");

	if (!f) {
		cli_error("cannot open '%s': %s", path, strerror(errno));
		return -1;
	}
	tumen_error_clear(&err);
	st = tumen_tmx_reader_new(&r, NULL, S_on_tu, c);
	if (!st)
		st = tumen_tmx_reader_read(r, f, &err);
	fclose(f);
	tumen_tmx_reader_free(r);
	if (st) {
		if (!err.msg[0] && !err.line)
			err.code = st;
		cli_error_at(path, &err);
		return -1;
	}
	return 0;
}

/* Segments [i, i+n) of d joined by spaces into b (reset first). */
static int S_join(const tumen_doc *d, size_t i, size_t n, char **b, size_t *len,
                  size_t *cap)
{
	size_t k, l;

	*len = 0;
	for (k = i; k < i + n; k++) {
		const char *s = tumen_doc_sentence(d, k, &l);
		if (*len + l + 2 > *cap) {
			size_t nc = (*len + l + 2) * 2;
			char *nb = realloc(*b, nc);
			if (!nb)
				return -1;
			*b = nb;
			*cap = nc;
		}
		if (*len)
			(*b)[(*len)++] = ' ';
		memcpy(*b + *len, s, l);
		*len += l;
		(*b)[*len] = '\0';
	}
	return 0;
}

/* Checks that bead b fits documents of ns and nt segments. */
static int S_bead_ok(const char *path, const char *sp, const char *tp,
                     const tumen_bead *b, size_t ns, size_t nt)
{
	if (b->src + b->nsrc > ns) {
		cli_error("%s: segment %zu is beyond the end of '%s' (%zu segments)",
		          path, b->src + b->nsrc - 1, sp, ns);
		return 0;
	}
	if (b->tgt + b->ntgt > nt) {
		cli_error("%s: segment %zu is beyond the end of '%s' (%zu segments)",
		          path, b->tgt + b->ntgt - 1, tp, nt);
		return 0;
	}
	return 1;
}

/* Feeds the beads of `path` with both sides to the learner. */
static int S_feed_beads(tumen_dict_learner *l, const char *path,
                        const tumen_doc *s, const tumen_doc *t, const char *sp,
                        const char *tp)
{
	char *data, *sb = NULL, *tb = NULL;
	size_t len, nb = 0, k, sl, tl, sc = 0, tc = 0;
	tumen_bead *b = NULL;
	tumen_error err;
	int rc = 0;

	if (cli_read_file(path, &data, &len))
		return -1;
	if (tumen_beads_parse(data, len, &b, &nb, &err)) {
		cli_error_at(path, &err);
		rc = -1;
	}
	for (k = 0; !rc && k < nb; k++) {
		if (!b[k].nsrc || !b[k].ntgt)
			continue;
		if (!S_bead_ok(path, sp, tp, &b[k], tumen_doc_count(s),
		               tumen_doc_count(t)))
			rc = -1;
		else if (S_join(s, b[k].src, b[k].nsrc, &sb, &sl, &sc) ||
		         S_join(t, b[k].tgt, b[k].ntgt, &tb, &tl, &tc) ||
		         tumen_dict_learner_add(l, sb, sl, tb, tl, NULL)) {
			cli_error("out of memory");
			rc = -1;
		}
	}
	free(sb);
	free(tb);
	free(b);
	free(data);
	return rc;
}

static int S_read_beads(tumen_dict_learner *l, const char *beads,
                        const char *sp, const char *tp, const char *slang,
                        const char *tlang)
{
	tumen_doc_opts so, to;
	tumen_doc *s = NULL, *t = NULL;
	int rc = -1;

	tumen_doc_opts_init(&so);
	tumen_doc_opts_init(&to);
	so.presegmented = to.presegmented = 1;
	so.lang = slang;
	to.lang = tlang;
	if ((s = cli_load_doc(sp, &so)) && (t = cli_load_doc(tp, &to)))
		rc = S_feed_beads(l, beads, s, t, sp, tp);
	tumen_doc_free(s);
	tumen_doc_free(t);
	return rc;
}

/* Trains and writes the output atomically. */
static int S_write(tumen_dict_learner *l, const tumen_dict_learn_opts *o,
                   const char *output, int verbose)
{
	outfile *of = outfile_open(output);
	size_t n = 0;
	tumen_status st;

	if (!of)
		return EXIT_FAIL;
	st = tumen_dict_learner_write(l, o, outfile_stream(of), &n);
	if (st) {
		if (st == TUMEN_EIO)
			cli_error("cannot write '%s': %s", output, strerror(errno));
		else
			cli_error("cannot learn a dictionary: %s", tumen_strerror(st));
		outfile_abort(of);
		return EXIT_FAIL;
	}
	if (outfile_commit(of))
		return EXIT_FAIL;
	if (verbose)
		fprintf(stderr, "tumen: %zu sentence pairs read, %zu entries written\n",
		        tumen_dict_learner_count(l), n);
	return EXIT_OK;
}

enum { OPT_MIN_PROB = 256, OPT_MIN_COUNT, OPT_MAX_ENTRIES, OPT_BEADS,
       OPT_SRC_LANG, OPT_TGT_LANG };

static const struct option long_opts[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "min-prob", required_argument, NULL, OPT_MIN_PROB },
	{ "min-count", required_argument, NULL, OPT_MIN_COUNT },
	{ "max-entries", required_argument, NULL, OPT_MAX_ENTRIES },
	{ "beads", required_argument, NULL, OPT_BEADS },
	{ "src-lang", required_argument, NULL, OPT_SRC_LANG },
	{ "tgt-lang", required_argument, NULL, OPT_TGT_LANG },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

typedef struct {
	tumen_dict_learn_opts learn;
	const char *output, *beads, *src_lang, *tgt_lang;
	int verbose;
} S_args;

/* Parses the options into a; returns -1 when done, else an exit code. */
static int S_options(int argc, char **argv, S_args *a)
{
	double v;
	int c;

	while ((c = getopt_long(argc, argv, "o:vh", long_opts, NULL)) != -1) {
		switch (c) {
		case 'o': a->output = optarg; break;
		case OPT_MIN_PROB:
			if (cli_parse_double(optarg, 0, 1, &a->learn.min_prob))
				return cli_usage_error("lexicon learn",
				        "--min-prob needs a number from 0 to 1");
			break;
		case OPT_MIN_COUNT:
			if (cli_parse_double(optarg, 0, 1e12, &a->learn.min_count))
				return cli_usage_error("lexicon learn",
				        "--min-count needs a number from 0");
			break;
		case OPT_MAX_ENTRIES:
			if (cli_parse_double(optarg, 0, 1e12, &v) || v != (size_t)v)
				return cli_usage_error("lexicon learn",
				        "--max-entries needs a whole number");
			a->learn.max_entries = (size_t)v;
			break;
		case OPT_BEADS: a->beads = optarg; break;
		case OPT_SRC_LANG: a->src_lang = optarg; break;
		case OPT_TGT_LANG: a->tgt_lang = optarg; break;
		case 'v': a->verbose = 1; break;
		case 'h': S_help(); return EXIT_OK;
		default: return cli_usage_error("lexicon learn", "invalid option");
		}
	}
	if (a->beads && argc - optind != 2)
		return cli_usage_error("lexicon learn",
		                       "--beads needs two files, SRC and TGT");
	if (!a->beads && argc - optind < 1)
		return cli_usage_error("lexicon learn", "expected TMX files");
	return -1;
}

static int S_learn(int argc, char **argv)
{
	S_args a;
	S_tmx_ctx ctx;
	int rc, i;

	memset(&a, 0, sizeof a);
	tumen_dict_learn_opts_init(&a.learn);
	a.output = "-";
	a.src_lang = "en";
	a.tgt_lang = "fa";
	optind = 1;
	if ((rc = S_options(argc, argv, &a)) >= 0)
		return rc;
	if (tumen_dict_learner_new(&ctx.l)) {
		cli_error("out of memory");
		return EXIT_FAIL;
	}
	ctx.src_lang = a.src_lang;
	ctx.tgt_lang = a.tgt_lang;
	rc = 0;
	if (a.beads)
		rc = S_read_beads(ctx.l, a.beads, argv[optind], argv[optind + 1],
		                  a.src_lang, a.tgt_lang);
	for (i = optind; !a.beads && !rc && i < argc; i++)
		rc = S_read_tmx(argv[i], &ctx);
	rc = rc ? EXIT_FAIL : S_write(ctx.l, &a.learn, a.output, a.verbose);
	tumen_dict_learner_free(ctx.l);
	return rc;
}

int cmd_lexicon(int argc, char **argv)
{
	if (argc < 2)
		return cli_usage_error("lexicon", "expected a subcommand: learn");
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		S_help_lexicon();
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "learn"))
		return S_learn(argc - 1, argv + 1);
	return cli_usage_error("lexicon", "unknown subcommand '%s' (learn)",
	                       argv[1]);
}
