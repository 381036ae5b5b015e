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
"  -h, --help    this help\n\n"
"Exit status: 0 success, 1 failure, 2 usage error.\n");
}

static const struct option long_opts[] = {
	{ "quiet", no_argument, NULL, 'q' },
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

int cmd_eval(int argc, char **argv)
{
	tumen_eval acc;
	tumen_eval_scores s;
	int c, i, quiet = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "qh", long_opts, NULL)) != -1) {
		switch (c) {
		case 'q': quiet = 1; break;
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
	return EXIT_OK;
}
