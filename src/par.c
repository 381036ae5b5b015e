/*
 * par.c - two pieces of work at once (see par.h).
 *
 * Starting a thread for each piece cost more than the thread: on a
 * virtual machine an idle processor goes back to the host, and the new
 * thread waited for it to wake, up to 4.6 ms (an alignment of 6,000
 * verses splits its work 15 times: 1 to 15 ms of such waits a run, 8 ms
 * the median of 8 runs, while the other half of the work ran alone).
 * So one helper thread stays for good.  After each piece of work it
 * spins for a while, keeping its processor awake for the next piece,
 * then sleeps; the caller waits for the helper's piece the same way.
 * The spinning yields the processor every few microseconds to any thread
 * that wants it: without that, two alignments run at once (two
 * processes, four threads on two cores) took 0.30 s instead of 0.20 s.
 * When the helper is taken (another caller, or a split within a split),
 * a thread of its own runs the piece, as before.
 */
#include "config.h"

#include <pthread.h>
#include <sched.h>
#include <time.h>

#include "par.h"

#if defined(__ATOMIC_ACQUIRE) && defined(CLOCK_MONOTONIC)
#define S_HELPER 1
#endif

static void *S_run(void *arg)
{
	tumen_par_task *t = arg;

	t->fn(t->arg);
	return NULL;
}

#ifdef S_HELPER
/* How long a waiting thread spins before it sleeps: longer than the
 * stretches of serial work between the splits of an alignment. */
#define SPIN_NS 5000000

static struct {
	pthread_mutex_t mu;
	pthread_cond_t work, fin; /* a piece posted; a piece done */
	int taken;                /* by a caller, till its piece is done */
	unsigned long posted;     /* pieces posted, the last one's number */
	unsigned long done;       /* the last piece done */
	tumen_par_task *task;     /* the piece posted */
} S_h = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER,
          PTHREAD_COND_INITIALIZER, 0, 0, 0, NULL };
static pthread_mutex_t S_start_mu = PTHREAD_MUTEX_INITIALIZER;
static int S_have; /* 0: no helper yet; 1: it runs; -1: it could not */

static void S_pause(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#endif
}

/* Spins until *p equals v (equal) or differs from it (!equal): 1, or 0
 * after SPIN_NS. */
static int S_spin(const unsigned long *p, unsigned long v, int equal)
{
	struct timespec t0, t;
	long k;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (k = 1;; k++) {
		if ((__atomic_load_n(p, __ATOMIC_ACQUIRE) == v) == equal)
			return 1;
		S_pause();
		if (k % 64 == 0) {
			sched_yield(); /* to a thread that needs this processor */
			clock_gettime(CLOCK_MONOTONIC, &t);
			if ((long long)(t.tv_sec - t0.tv_sec) * 1000000000 +
			            (t.tv_nsec - t0.tv_nsec) > SPIN_NS)
				return 0;
		}
	}
}

/* Waits until *p equals v (equal) or differs from it (!equal): spinning
 * (S_spin), then asleep on cv (signalled under S_h.mu). */
static void S_await(const unsigned long *p, unsigned long v, int equal,
                    pthread_cond_t *cv)
{
	if (S_spin(p, v, equal))
		return;
	pthread_mutex_lock(&S_h.mu);
	while ((__atomic_load_n(p, __ATOMIC_ACQUIRE) == v) != equal)
		pthread_cond_wait(cv, &S_h.mu);
	pthread_mutex_unlock(&S_h.mu);
}

static void *S_helper(void *unused)
{
	unsigned long seen = 0;
	tumen_par_task *t;

	(void)unused;
	for (;;) {
		S_await(&S_h.posted, seen, 0, &S_h.work);
		seen = __atomic_load_n(&S_h.posted, __ATOMIC_ACQUIRE);
		t = S_h.task;
		t->fn(t->arg);
		pthread_mutex_lock(&S_h.mu);
		__atomic_store_n(&S_h.done, seen, __ATOMIC_RELEASE);
		pthread_cond_broadcast(&S_h.fin);
		pthread_mutex_unlock(&S_h.mu);
	}
	return NULL;
}

/* A child process has no helper (fork copies the calling thread alone):
 * its first split starts one of its own. */
static void S_forked(void)
{
	pthread_mutex_init(&S_h.mu, NULL);
	pthread_cond_init(&S_h.work, NULL);
	pthread_cond_init(&S_h.fin, NULL);
	S_h.taken = 0;
	S_h.posted = S_h.done = 0;
	pthread_mutex_init(&S_start_mu, NULL);
	S_have = 0;
}

/* Whether the helper runs, starting it the first time. */
static int S_helper_up(void)
{
	pthread_attr_t at;
	pthread_t th;
	int have = __atomic_load_n(&S_have, __ATOMIC_ACQUIRE);

	if (have)
		return have > 0;
	pthread_mutex_lock(&S_start_mu);
	if (!(have = S_have)) {
		have = -1;
		if (!pthread_attr_init(&at)) {
			if (!pthread_attr_setdetachstate(&at,
			                                 PTHREAD_CREATE_DETACHED) &&
			    !pthread_atfork(NULL, NULL, S_forked) &&
			    !pthread_create(&th, &at, S_helper, NULL))
				have = 1;
			pthread_attr_destroy(&at);
		}
		__atomic_store_n(&S_have, have, __ATOMIC_RELEASE);
	}
	pthread_mutex_unlock(&S_start_mu);
	return have > 0;
}

/* Posts t to the helper when it runs and nobody has it: 1. */
static int S_post(tumen_par_task *t)
{
	if (!S_helper_up() ||
	    __atomic_exchange_n(&S_h.taken, 1, __ATOMIC_ACQUIRE))
		return 0;
	S_h.task = t;
	pthread_mutex_lock(&S_h.mu);
	t->n = S_h.posted + 1;
	__atomic_store_n(&S_h.posted, t->n, __ATOMIC_RELEASE);
	pthread_cond_signal(&S_h.work);
	pthread_mutex_unlock(&S_h.mu);
	return 1;
}

static void S_collect(const tumen_par_task *t)
{
	S_await(&S_h.done, t->n, 1, &S_h.fin);
	__atomic_store_n(&S_h.taken, 0, __ATOMIC_RELEASE);
}
#endif

int tumen_par_start(tumen_par_task *t, int threads, tumen_par_fn fn,
                    void *arg)
{
	t->fn = fn;
	t->arg = arg;
	t->how = 0;
	if (threads < 2)
		return 0;
#ifdef S_HELPER
	if (S_post(t)) {
		t->how = 1;
		return 1;
	}
#endif
	if (!pthread_create(&t->th, NULL, S_run, t))
		t->how = 2;
	return t->how != 0;
}

void tumen_par_wait(tumen_par_task *t)
{
	switch (t->how) {
	case -1: /* waited for already */
		return;
	case 0:
		t->fn(t->arg);
		break;
#ifdef S_HELPER
	case 1:
		S_collect(t);
		break;
#endif
	default:
		pthread_join(t->th, NULL);
	}
	t->how = -1;
}

void tumen_par2(int threads, tumen_par_fn f1, void *a1, tumen_par_fn f2,
                void *a2)
{
	tumen_par_task t;

	tumen_par_start(&t, threads, f2, a2);
	f1(a1);
	tumen_par_wait(&t);
}
