/*
 * par.c - two pieces of work at once (see par.h).
 */
#include "config.h"

#include <pthread.h>

#include "par.h"

typedef struct {
	tumen_par_fn fn;
	void *arg;
} S_job;

static void *S_run(void *arg)
{
	S_job *j = arg;

	j->fn(j->arg);
	return NULL;
}

void tumen_par2(int threads, tumen_par_fn f1, void *a1, tumen_par_fn f2,
                void *a2)
{
	S_job j = { f2, a2 };
	pthread_t th;
	int started = threads > 1 && !pthread_create(&th, NULL, S_run, &j);

	f1(a1);
	if (started)
		pthread_join(th, NULL);
	else
		f2(a2);
}
