/*
 * par.h - two pieces of work at once (private).
 *
 * The aligner's stages split into two independent halves in several
 * places (the two documents' features, the two directions of Model 1,
 * the DP's forward and backward sums); this runs them on two threads:
 * the caller's, and a helper thread that stays between pieces (par.c).
 */
#ifndef TUMEN_PAR_H
#define TUMEN_PAR_H

#include <pthread.h>

typedef void (*tumen_par_fn)(void *arg);

/* A piece of work that may run on a second thread (par.c's helper, or
 * one of its own); the caller's. */
typedef struct {
	tumen_par_fn fn;
	void *arg;
	int how;           /* 0: here, by tumen_par_wait; 1: the helper;
	                      2: its own thread; -1: waited for */
	unsigned long n;   /* the helper's number for it */
	pthread_t th;
} tumen_par_task;

/* Starts fn(arg) on a second thread when threads > 1 and one can run it:
 * 1; else 0, and tumen_par_wait runs it. */
int tumen_par_start(tumen_par_task *t, int threads, tumen_par_fn fn,
                    void *arg);

/* Returns when t's work is done (running it here if it has not run). */
void tumen_par_wait(tumen_par_task *t);

/* Runs f1(a1) on this thread and f2(a2) on a second one when threads > 1
 * and one can be started, one after the other otherwise; returns when
 * both are done. */
void tumen_par2(int threads, tumen_par_fn f1, void *a1, tumen_par_fn f2,
                void *a2);

#endif
