/*
 * par.h - two pieces of work at once (private).
 *
 * The aligner's stages split into two independent halves in several
 * places (the two documents' features, the two directions of Model 1,
 * the DP's forward and backward sums); this runs them on two threads.
 */
#ifndef TUMEN_PAR_H
#define TUMEN_PAR_H

typedef void (*tumen_par_fn)(void *arg);

/* Runs f1(a1) on this thread and f2(a2) on a second one when threads > 1
 * and one can be started, one after the other otherwise; returns when
 * both are done. */
void tumen_par2(int threads, tumen_par_fn f1, void *a1, tumen_par_fn f2,
                void *a2);

#endif
