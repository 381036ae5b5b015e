/* Tests of eval.c: the bead parser and vecalign's strict/lax scoring. */
#include <stdlib.h>
#include <string.h>

#include <tumen/eval.h>
#include "suites.h"

static tumen_bead *S_parse(const char *s, size_t *n)
{
	tumen_bead *b = NULL;
	tumen_error err;

	CU_ASSERT_EQUAL_FATAL(tumen_beads_parse(s, strlen(s), &b, n, &err), TUMEN_OK);
	return b;
}

static void t_parse(void)
{
	size_t n;
	tumen_bead *b = S_parse("0\t0\n1,2\t1\n\t2\n3\t\r\n\n4\t3,4,5\n", &n);

	CU_ASSERT_EQUAL_FATAL(n, 5);
	CU_ASSERT(b[1].src == 1 && b[1].nsrc == 2 && b[1].tgt == 1 && b[1].ntgt == 1);
	CU_ASSERT(b[2].nsrc == 0 && b[2].tgt == 2 && b[2].ntgt == 1);
	CU_ASSERT(b[3].src == 3 && b[3].nsrc == 1 && b[3].ntgt == 0);
	CU_ASSERT(b[4].tgt == 3 && b[4].ntgt == 3);
	free(b);
}

static void S_bad(const char *s, unsigned long line)
{
	tumen_bead *b = NULL;
	size_t n = 7;
	tumen_error err;

	CU_ASSERT_EQUAL(tumen_beads_parse(s, strlen(s), &b, &n, &err), TUMEN_EFORMAT);
	CU_ASSERT_EQUAL(err.line, line);
	CU_ASSERT_PTR_NULL(b);
	CU_ASSERT_EQUAL(n, 0);
}

static void t_parse_errors(void)
{
	S_bad("0\t0\n1 1\n", 2);      /* no tab */
	S_bad("0\t0\n1,3\t1\n", 2);   /* not consecutive */
	S_bad("x\t0\n", 1);
	S_bad("0\t0\n1\t1,\n", 2);    /* trailing comma */
	S_bad("0\t0\n\n\n1\t-1\n", 4);
}

static void S_score(const char *gold, const char *test, tumen_eval_scores *s,
                    tumen_eval *acc)
{
	size_t ng, nt;
	tumen_bead *g = S_parse(gold, &ng), *t = S_parse(test, &nt);

	memset(acc, 0, sizeof *acc);
	CU_ASSERT_EQUAL(tumen_eval_add(acc, g, ng, t, nt), TUMEN_OK);
	tumen_eval_scores_get(acc, s);
	free(g);
	free(t);
}

static void t_perfect(void)
{
	tumen_eval_scores s;
	tumen_eval acc;
	const char *g = "0\t0\n1,2\t1\n\t2\n3\t\n4\t3\n";

	S_score(g, g, &s, &acc);
	CU_ASSERT_DOUBLE_EQUAL(s.strict_f1, 1.0, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(s.lax_f1, 1.0, 1e-12);
	CU_ASSERT_EQUAL(acc.test, 5);  /* every bead counts for precision */
	CU_ASSERT_EQUAL(acc.gold, 3);  /* empty-side beads leave recall */
}

/* Worked by hand, as vecalign's score.py counts:
 * gold 0-0, 1,2-1, 3-(), 4-2;   test 0-0, 1-1, 2-(), 3-2, 4-()
 * precision: 0-0 strict; 1-1 lax (src 1 gold-aligned to tgt 1); 2-()
 * miss; 3-2 miss (src 3 has no target in gold); 4-() miss -> 1/5, 2/5.
 * recall (no empty beads): gold 0-0, 1,2-1, 4-2 against test 0-0, 1-1:
 * 0-0 strict; 1,2-1 lax; 4-2 miss -> 1/3, 2/3. */
static void t_hand_worked(void)
{
	tumen_eval_scores s;
	tumen_eval acc;

	S_score("0\t0\n1,2\t1\n3\t\n4\t2\n", "0\t0\n1\t1\n2\t\n3\t2\n4\t\n", &s, &acc);
	CU_ASSERT_EQUAL(acc.test, 5);
	CU_ASSERT_EQUAL(acc.strict_p, 1);
	CU_ASSERT_EQUAL(acc.lax_p, 2);
	CU_ASSERT_EQUAL(acc.gold, 3);
	CU_ASSERT_EQUAL(acc.strict_r, 1);
	CU_ASSERT_EQUAL(acc.lax_r, 2);
	CU_ASSERT_DOUBLE_EQUAL(s.strict_p, 0.2, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(s.strict_r, 1.0 / 3, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(s.strict_f1, 2 * 0.2 / 3 / (0.2 + 1.0 / 3), 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(s.lax_f1, 2 * 0.4 * (2.0 / 3) / (0.4 + 2.0 / 3), 1e-12);
}

/* A matching 1-0 bead is a strict hit; 0-1 beads are looked up by target. */
static void t_empty_side_hits(void)
{
	tumen_eval_scores s;
	tumen_eval acc;

	S_score("0\t\n\t0\n1\t1\n", "0\t\n\t0\n1\t1\n", &s, &acc);
	CU_ASSERT_EQUAL(acc.strict_p, 3);
	S_score("0\t\n\t0\n1\t1\n", "0\t0\n1\t1\n", &s, &acc);
	CU_ASSERT_EQUAL(acc.strict_p, 1);
	CU_ASSERT_EQUAL(acc.lax_p, 1); /* 0-0: src 0 has no gold target */
}

static void t_micro_average(void)
{
	size_t ng, nt;
	tumen_bead *g = S_parse("0\t0\n1\t1\n", &ng), *t = S_parse("0,1\t0,1\n", &nt);
	tumen_eval acc;
	tumen_eval_scores s;

	memset(&acc, 0, sizeof acc);
	tumen_eval_add(&acc, g, ng, g, ng);  /* 2 of 2 */
	tumen_eval_add(&acc, g, ng, t, nt);  /* 0 of 1 strict */
	tumen_eval_scores_get(&acc, &s);
	CU_ASSERT_DOUBLE_EQUAL(s.strict_p, 2.0 / 3, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(s.strict_r, 2.0 / 4, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(s.lax_p, 1.0, 1e-12);
	free(g);
	free(t);
}

static CU_TestInfo tests[] = {
	{ "parse beads", t_parse },
	{ "parse errors name the line", t_parse_errors },
	{ "perfect alignment scores 1", t_perfect },
	{ "hand-worked strict and lax counts", t_hand_worked },
	{ "1-0 and 0-1 beads", t_empty_side_hits },
	{ "counts add up over documents", t_micro_average },
	CU_TEST_INFO_NULL
};

int suite_eval(void) { return test_add_suite("eval", tests); }
