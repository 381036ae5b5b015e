/* Tests of par.c: each piece runs once, on a second thread when two are
 * allowed, however the calls come (one after another, nested, from
 * several threads at once, in a forked child). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "suites.h"
#include "par.h"

typedef struct {
	long runs;
	pthread_t by;
} S_piece;

static void S_count(void *arg)
{
	S_piece *p = arg;

	p->runs++;
	p->by = pthread_self();
}

static void t_par2_threads(void)
{
	S_piece a = { 0, pthread_self() }, b = a;

	tumen_par2(2, S_count, &a, S_count, &b);
	CU_ASSERT_EQUAL(a.runs, 1);
	CU_ASSERT_EQUAL(b.runs, 1);
	CU_ASSERT(pthread_equal(a.by, pthread_self()));
	CU_ASSERT(!pthread_equal(b.by, pthread_self()));
	/* one thread: both here */
	tumen_par2(1, S_count, &a, S_count, &b);
	CU_ASSERT_EQUAL(a.runs, 2);
	CU_ASSERT_EQUAL(b.runs, 2);
	CU_ASSERT(pthread_equal(b.by, pthread_self()));
}

static void t_par_task(void)
{
	S_piece a = { 0, pthread_self() };
	tumen_par_task t;

	/* not started: the wait runs it, here, once */
	CU_ASSERT_EQUAL(tumen_par_start(&t, 1, S_count, &a), 0);
	CU_ASSERT_EQUAL(a.runs, 0);
	tumen_par_wait(&t);
	tumen_par_wait(&t);
	CU_ASSERT_EQUAL(a.runs, 1);
	CU_ASSERT(pthread_equal(a.by, pthread_self()));
	/* started: elsewhere, once, done when the wait returns */
	CU_ASSERT_EQUAL(tumen_par_start(&t, 2, S_count, &a), 1);
	tumen_par_wait(&t);
	tumen_par_wait(&t);
	CU_ASSERT_EQUAL(a.runs, 2);
	CU_ASSERT(!pthread_equal(a.by, pthread_self()));
}

/* Many splits in a row, each piece adding its index: the sums tell a
 * piece lost, run twice, or read before it was done. */
static void S_add(void *arg)
{
	long *v = arg;

	v[0] += v[1];
}

static void t_par2_many(void)
{
	long a[2] = { 0, 0 }, b[2] = { 0, 0 }, k, n = 3000;

	for (k = 1; k <= n; k++) {
		a[1] = k;
		b[1] = 2 * k;
		tumen_par2(2, S_add, a, S_add, b);
	}
	CU_ASSERT_EQUAL(a[0], n * (n + 1) / 2);
	CU_ASSERT_EQUAL(b[0], n * (n + 1));
}

/* A split within each half of a split: the helper is taken, so the
 * inner ones start threads of their own. */
typedef struct {
	S_piece in[2];
} S_outer;

static void S_split(void *arg)
{
	S_outer *o = arg;

	tumen_par2(2, S_count, &o->in[0], S_count, &o->in[1]);
}

static void t_par2_nested(void)
{
	S_outer a, b;
	int k;

	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	for (k = 0; k < 50; k++)
		tumen_par2(2, S_split, &a, S_split, &b);
	CU_ASSERT_EQUAL(a.in[0].runs, 50);
	CU_ASSERT_EQUAL(a.in[1].runs, 50);
	CU_ASSERT_EQUAL(b.in[0].runs, 50);
	CU_ASSERT_EQUAL(b.in[1].runs, 50);
}

/* Four threads splitting at once: one has the helper at a time, the
 * others start threads; every piece runs once. */
typedef struct {
	long a[2], b[2];
} S_caller;

static void *S_caller_run(void *arg)
{
	S_caller *c = arg;
	long k;

	for (k = 1; k <= 500; k++) {
		c->a[1] = k;
		c->b[1] = 1;
		tumen_par2(2, S_add, c->a, S_add, c->b);
	}
	return NULL;
}

static void t_par2_callers(void)
{
	S_caller c[4];
	pthread_t th[4];
	int k, started[4];

	memset(c, 0, sizeof c);
	for (k = 0; k < 4; k++)
		started[k] = !pthread_create(&th[k], NULL, S_caller_run, &c[k]);
	for (k = 0; k < 4; k++) {
		CU_ASSERT(started[k]);
		if (!started[k])
			continue;
		pthread_join(th[k], NULL);
		CU_ASSERT_EQUAL(c[k].a[0], 500 * 501 / 2);
		CU_ASSERT_EQUAL(c[k].b[0], 500);
	}
}

/* After fork the child has no helper thread, though the parent's had
 * started: its splits must still finish (an alarm ends it if they hang). */
static void t_par2_fork(void)
{
	S_piece a = { 0, pthread_self() }, b = a;
	int status = 0;
	pid_t pid;

	tumen_par2(2, S_count, &a, S_count, &b); /* the helper runs */
	pid = fork();
	CU_ASSERT(pid >= 0);
	if (pid == 0) {
		long s[2] = { 0, 5 }, u[2] = { 0, 7 };
		alarm(20);
		tumen_par2(2, S_add, s, S_add, u);
		tumen_par2(2, S_add, s, S_add, u);
		_exit(s[0] == 10 && u[0] == 14 ? 0 : 1);
	}
	if (pid < 0)
		return;
	CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
	CU_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static CU_TestInfo S_tests[] = {
	{ "two pieces: the second on another thread", t_par2_threads },
	{ "a task runs once, started or not", t_par_task },
	{ "3,000 splits in a row: every piece once", t_par2_many },
	{ "splits within splits", t_par2_nested },
	{ "four threads splitting at once", t_par2_callers },
	{ "a forked child splits without the parent's helper", t_par2_fork },
	CU_TEST_INFO_NULL,
};

int suite_par(void)
{
	return test_add_suite("par", S_tests);
}
