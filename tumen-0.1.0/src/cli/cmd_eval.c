/* cmd_eval.c - tumen eval: strict and lax precision, recall and F1 of test
 * beads against gold beads, micro-averaged over documents. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void S_help(void)
{
	printf(
"Usage: tumen eval [OPTIONS] GOLD TEST [GOLD TEST ...]\n"
"Score TEST beads against GOLD beads (format: SRC<TAB>TGT per line, each\n"
"side comma-separated 0-based line numbers), summed over all pairs.\n\n"
"  -q, --quiet   print only 'strict_f1 lax_f1'\n"
"  -c, --calibration\n"
"                TEST beads carry scores (tumen align -f beads --scores):\n"
"                print, for each threshold, the share of beads with both\n"
"                sides scoring at least that much, and how many are right\n"
"  -h, --help    this help\n\n"
"Exit status: 0 success, 1 failure, 2 usage error.\n");
}

static const struct option long_opts[] = {
	{ "quiet", no_argument, NULL, 'q' },
	{ "calibration", no_argument, NULL, 'c' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static int S_load(const char *path, tumen_bead **b, size_t *n)
{
	char *data;
	size_t len;
	tumen_error err;

	if (cli_read_file(path, &data, &len))
		return -1;
	if (tumen_beads_parse(data, len, b, n, &err)) {
		cli_error_at(path, &err);
		free(data);
		return -1;
	}
	free(data);
	return 0;
}

/* Bins the test beads with both sides by score: kept[k] counts those
 * scoring >= k/10, right[k] the strict hits among them. */
static int S_calibrate(const tumen_bead *g, size_t ng, const tumen_bead *t,
                       size_t nt, size_t *kept, size_t *right, size_t *all)
{
	unsigned char *hit = malloc(nt + 1);
	size_t k;
	int b;

	if (!hit || tumen_eval_hits(g, ng, t, nt, hit)) {
		free(hit);
		return -1;
	}
	for (k = 0; k < nt; k++) {
		if (!t[k].nsrc || !t[k].ntgt)
			continue;
		(*all)++;
		for (b = 0; b < 10; b++)
			if (t[k].score >= b / 10.0 - 1e-12) {
				kept[b]++;
				right[b] += hit[k];
			}
	}
	free(hit);
	return 0;
}

int cmd_eval(int argc, char **argv)
{
	tumen_eval acc;
	tumen_eval_scores s;
	int c, i, quiet = 0, calib = 0;
	size_t kept[10] = { 0 }, right[10] = { 0 }, all = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "qch", long_opts, NULL)) != -1) {
		switch (c) {
		case 'q': quiet = 1; break;
		case 'c': calib = 1; break;
		case 'h': S_help(); return EXIT_OK;
		default: return cli_usage_error("eval", "invalid option");
		}
	}
	if (argc - optind < 2 || (argc - optind) % 2)
		return cli_usage_error("eval", "expected GOLD TEST pairs");
	memset(&acc, 0, sizeof acc);
	for (i = optind; i < argc; i += 2) {
		tumen_bead *g, *t;
		size_t ng, nt;
		if (S_load(argv[i], &g, &ng))
			return EXIT_FAIL;
		if (S_load(argv[i + 1], &t, &nt)) {
			free(g);
			return EXIT_FAIL;
		}
		if (calib && S_calibrate(g, ng, t, nt, kept, right, &all)) {
			cli_error("out of memory");
			free(g);
			free(t);
			return EXIT_FAIL;
		}
		if (tumen_eval_add(&acc, g, ng, t, nt)) {
			cli_error("out of memory");
			free(g);
			free(t);
			return EXIT_FAIL;
		}
		free(g);
		free(t);
	}
	tumen_eval_scores_get(&acc, &s);
	if (quiet) {
		printf("%.4f %.4f\n", s.strict_f1, s.lax_f1);
		return EXIT_OK;
	}
	printf("documents %d, test beads %zu, gold beads %zu\n",
	       (argc - optind) / 2, acc.test, acc.gold);
	printf("strict  P %.4f  R %.4f  F1 %.4f\n", s.strict_p, s.strict_r,
	       s.strict_f1);
	printf("lax     P %.4f  R %.4f  F1 %.4f\n", s.lax_p, s.lax_r, s.lax_f1);
	if (calib) {
		printf("score>=  kept    correct\n");
		for (i = 0; i < 10; i++)
			printf("  %.1f   %5.1f%%  %6.2f%%\n", i / 10.0,
			       all ? 100.0 * (double)kept[i] / (double)all : 0.0,
			       kept[i] ? 100.0 * (double)right[i] / (double)kept[i] : 0.0);
	}
	return EXIT_OK;
}
