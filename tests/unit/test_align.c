/* Tests of the aligner (align.c, cost.c, dp.c, anchors.c, lexicon.c): the
 * nothing-lost invariant on random input, and known alignments on
 * synthetic parallel texts. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tumen/align.h>
#include "align_internal.h"
#include "anchors.h"
#include "buf.h"
#include "dp.h"
#include "lexicon.h"
#include "sort32.h"
#include "suites.h"

/* Every sentence of each side in exactly one bead, in order; scores in
 * [0, 1]; no empty bead. */
static int S_covers(const tumen_alignment *a, size_t n, size_t m)
{
	size_t k, ns = 0, nt = 0;

	for (k = 0; k < tumen_alignment_count(a); k++) {
		const tumen_bead *b = tumen_alignment_bead(a, k);
		if ((b->nsrc && b->src != ns) || (b->ntgt && b->tgt != nt))
			return 0;
		if (!b->nsrc && !b->ntgt)
			return 0;
		if (!(b->score >= 0 && b->score <= 1))
			return 0;
		ns += b->nsrc;
		nt += b->ntgt;
	}
	return ns == n && nt == m;
}

/* Word x of a sentence (w: its position) into src, and into tgt (unless
 * NULL) its "translation", the word backwards, so the lexicon can learn
 * it and lengths correlate; after the last word (x NULL), the lines'
 * ends. */
static void S_put_word(tumen_buf *src, tumen_buf *tgt, int w, const char *x)
{
	size_t i;

	if (!x) {
		tumen_buf_addc(src, '\n');
		if (tgt)
			tumen_buf_addc(tgt, '\n');
		return;
	}
	tumen_buf_printf(src, "%s%s", w ? " " : "", x);
	if (!tgt)
		return;
	if (w)
		tumen_buf_addc(tgt, ' ');
	for (i = strlen(x); i-- > 0;)
		tumen_buf_addc(tgt, x[i]);
}

/* A pseudo-random sentence of k words from a fixed vocabulary, and its
 * translation (S_put_word) when `translate`. */
static void S_sentence(tumen_buf *src, tumen_buf *tgt, unsigned *seed, int k,
                       int translate)
{
	static const char *words[] = {
		"river", "border", "city", "council", "budget", "minister", "report",
		"market", "school", "winter", "storm", "election", "bank", "rate",
		"team", "match", "goal", "season", "museum", "bridge", "village",
	};
	int w;

	for (w = 0; w < k; w++)
		S_put_word(src, translate ? tgt : NULL, w,
		           words[rand_r(seed) % (sizeof words / sizeof *words)]);
	S_put_word(src, translate ? tgt : NULL, w, NULL);
}

static void t_random_nothing_lost(void)
{
	unsigned seed = 42;
	int round;

	for (round = 0; round < 40; round++) {
		tumen_buf s = TUMEN_BUF_INIT, t = TUMEN_BUF_INIT, junk = TUMEN_BUF_INIT;
		int n = 1 + rand_r(&seed) % 60, m = 1 + rand_r(&seed) % 60, i;
		tumen_doc *ds, *dt;
		tumen_alignment *a = NULL;

		for (i = 0; i < n; i++)
			S_sentence(&s, &junk, &seed, 1 + rand_r(&seed) % 30, 0);
		for (i = 0; i < m; i++)
			S_sentence(&t, &junk, &seed, 1 + rand_r(&seed) % 30, 0);
		ds = test_doc(s.ptr, "en");
		dt = test_doc(t.ptr, "fa");
		CU_ASSERT_EQUAL_FATAL(tumen_align(ds, dt, NULL, &a), TUMEN_OK);
		CU_ASSERT(S_covers(a, (size_t)n, (size_t)m));
		tumen_alignment_free(a);
		tumen_doc_free(ds);
		tumen_doc_free(dt);
		tumen_buf_release(&s);
		tumen_buf_release(&t);
		tumen_buf_release(&junk);
	}
}

/* Builds a parallel pair of n sentences, then edits the target: `drop`
 * (>= 0) removes target sentence drop; `merge` (>= 0) joins target
 * sentences merge and merge+1. */
static void S_pair(int n, int drop, int merge, tumen_doc **ds, tumen_doc **dt)
{
	tumen_buf s = TUMEN_BUF_INIT, t = TUMEN_BUF_INIT;
	unsigned seed = 7;
	int i;

	for (i = 0; i < n; i++) {
		tumen_buf one = TUMEN_BUF_INIT;
		S_sentence(&s, &one, &seed, 3 + rand_r(&seed) % 25, 1);
		if (i == drop)
			;
		else if (i == merge)
			tumen_buf_add(&t, one.ptr, one.len - 1), tumen_buf_addc(&t, ' ');
		else
			tumen_buf_add(&t, one.ptr, one.len);
		tumen_buf_release(&one);
	}
	*ds = test_doc(s.ptr, "en");
	*dt = test_doc(t.ptr, "xx");
	tumen_buf_release(&s);
	tumen_buf_release(&t);
}

static const tumen_bead *S_bead_of_src(const tumen_alignment *a, size_t i)
{
	size_t k;

	for (k = 0; k < tumen_alignment_count(a); k++) {
		const tumen_bead *b = tumen_alignment_bead(a, k);
		if (b->nsrc && i >= b->src && i < b->src + b->nsrc)
			return b;
	}
	return NULL;
}

static void t_identical(void)
{
	tumen_doc *ds, *dt;
	tumen_alignment *a;
	size_t k;

	S_pair(30, -1, -1, &ds, &dt);
	CU_ASSERT_EQUAL_FATAL(tumen_align(ds, dt, NULL, &a), TUMEN_OK);
	CU_ASSERT_EQUAL(tumen_alignment_count(a), 30);
	for (k = 0; k < tumen_alignment_count(a); k++) {
		const tumen_bead *b = tumen_alignment_bead(a, k);
		CU_ASSERT(b->src == k && b->tgt == k && b->nsrc == 1 && b->ntgt == 1);
		CU_ASSERT(b->score > 0.5);
	}
	tumen_alignment_free(a);
	tumen_doc_free(ds);
	tumen_doc_free(dt);
}

static void t_deletion(void)
{
	tumen_doc *ds, *dt;
	tumen_alignment *a;
	const tumen_bead *b;

	S_pair(40, 17, -1, &ds, &dt);
	CU_ASSERT_EQUAL_FATAL(tumen_align(ds, dt, NULL, &a), TUMEN_OK);
	CU_ASSERT(S_covers(a, 40, 39));
	b = S_bead_of_src(a, 17);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT_EQUAL(b->ntgt, 0);
	b = S_bead_of_src(a, 18);
	CU_ASSERT(b && b->nsrc == 1 && b->ntgt == 1 && b->tgt == 17);
	tumen_alignment_free(a);
	tumen_doc_free(ds);
	tumen_doc_free(dt);
}

static void t_merge(void)
{
	tumen_doc *ds, *dt;
	tumen_alignment *a;
	const tumen_bead *b;

	S_pair(40, -1, 10, &ds, &dt);
	CU_ASSERT_EQUAL_FATAL(tumen_align(ds, dt, NULL, &a), TUMEN_OK);
	CU_ASSERT(S_covers(a, 40, 39));
	b = S_bead_of_src(a, 10);
	CU_ASSERT(b && b->src == 10 && b->nsrc == 2 && b->ntgt == 1 && b->tgt == 10);
	tumen_alignment_free(a);
	tumen_doc_free(ds);
	tumen_doc_free(dt);
}

/* 2000 sentences with 150 consecutive ones missing from the target: the
 * band around the diagonal must widen to find the path. */
/* Beads of a that b has too, to the bit (scores included), in order;
 * 0 when they differ in number. */
static size_t S_alike(const tumen_alignment *a, const tumen_alignment *b)
{
	size_t k, same = 0, n = tumen_alignment_count(a);

	if (n != tumen_alignment_count(b))
		return 0;
	for (k = 0; k < n; k++)
		same += !memcmp(tumen_alignment_bead(a, k),
		                tumen_alignment_bead(b, k), sizeof(tumen_bead));
	return same;
}

/* The alignment of ds and dt on two threads (the DP's bead costs
 * computed by a helper as well) is a's, bead for bead, score for score. */
static void S_same_on_two_threads(const tumen_doc *ds, const tumen_doc *dt,
                                  const tumen_align_opts *o,
                                  const tumen_alignment *a)
{
	tumen_align_opts o2;
	tumen_alignment *b;
	size_t k, same = 0, n = tumen_alignment_count(a);

	if (o)
		o2 = *o;
	else
		tumen_align_opts_init(&o2);
	o2.threads = 2;
	CU_ASSERT_EQUAL_FATAL(tumen_align(ds, dt, &o2, &b), TUMEN_OK);
	CU_ASSERT_EQUAL(tumen_alignment_count(b), n);
	for (k = 0; k < n && k < tumen_alignment_count(b); k++)
		same += !memcmp(tumen_alignment_bead(a, k), tumen_alignment_bead(b, k),
		                sizeof(tumen_bead));
	CU_ASSERT_EQUAL(same, n);
	tumen_alignment_free(b);
}

static void t_band_widens(void)
{
	tumen_buf s = TUMEN_BUF_INIT, t = TUMEN_BUF_INIT;
	unsigned seed = 3;
	tumen_doc *ds, *dt;
	tumen_alignment *a;
	const tumen_bead *b;
	int i;

	for (i = 0; i < 2000; i++) {
		tumen_buf one = TUMEN_BUF_INIT;
		S_sentence(&s, &one, &seed, 3 + rand_r(&seed) % 25, 1);
		if (i < 600 || i >= 750)
			tumen_buf_add(&t, one.ptr, one.len);
		tumen_buf_release(&one);
	}
	ds = test_doc(s.ptr, "en");
	dt = test_doc(t.ptr, "xx");
	CU_ASSERT_EQUAL_FATAL(tumen_align(ds, dt, NULL, &a), TUMEN_OK);
	CU_ASSERT(S_covers(a, 2000, 1850));
	b = S_bead_of_src(a, 1000);
	CU_ASSERT(b && b->nsrc == 1 && b->ntgt == 1 && b->tgt == 850);
	b = S_bead_of_src(a, 650);
	CU_ASSERT(b && b->ntgt == 0);
	tumen_alignment_free(a);
	tumen_doc_free(ds);
	tumen_doc_free(dt);
	tumen_buf_release(&s);
	tumen_buf_release(&t);
}

/* The alignment of ds and dt with pair caches of `cols` columns at first
 * is a's, bead for bead, score for score. */
static void S_same_cache(const tumen_doc *ds, const tumen_doc *dt,
                         const tumen_alignment *a, size_t cols)
{
	tumen_alignment *b;

	tumen_align_cache_cols(cols);
	CU_ASSERT_EQUAL_FATAL(tumen_align(ds, dt, NULL, &b), TUMEN_OK);
	tumen_align_cache_cols(0);
	CU_ASSERT_EQUAL(S_alike(a, b), tumen_alignment_count(a));
	tumen_alignment_free(b);
}

/* Aligns src with tgt, whose sentences lie in paragraphs ps[0..ns) and
 * pt[0..nt) (the true alignment keeps to them), and checks that nothing
 * is lost, that more than min_both beads have both sides, and that at
 * most 0.5 % of those cross paragraphs. */
static void S_check_paragraphs(const char *what, const char *src,
                               const char *tgt, const size_t *ps, size_t ns,
                               const size_t *pt, size_t nt, size_t min_both)
{
	tumen_doc *ds = test_doc(src, "en"), *dt = test_doc(tgt, "xx");
	tumen_alignment *a;
	size_t k, bad = 0, both = 0;

	CU_ASSERT_EQUAL_FATAL(tumen_doc_count(dt), nt);
	CU_ASSERT_EQUAL_FATAL(tumen_align(ds, dt, NULL, &a), TUMEN_OK);
	CU_ASSERT(S_covers(a, ns, nt));
	for (k = 0; k < tumen_alignment_count(a); k++) {
		const tumen_bead *b = tumen_alignment_bead(a, k);

		if (!b->nsrc || !b->ntgt)
			continue;
		both++;
		bad += ps[b->src] != pt[b->tgt] ||
		       ps[b->src + b->nsrc - 1] != pt[b->tgt + b->ntgt - 1];
	}
	CU_ASSERT(both > min_both);
	CU_ASSERT(bad * 200 <= both); /* at most 0.5 % */
	if (bad * 200 > both)
		fprintf(stderr, "%s: %zu of %zu beads cross\n", what, bad, both);
	S_same_on_two_threads(ds, dt, NULL, a);
	/* pair caches of one column, which grow at every pass (in the
	 * passes over paragraphs and blocks too, which run on copies of the
	 * aligner), and caches as wide as they can be, which never grow:
	 * the same beads and scores */
	S_same_cache(ds, dt, a, 1);
	S_same_cache(ds, dt, a, 8192);
	tumen_alignment_free(a);
	tumen_doc_free(ds);
	tumen_doc_free(dt);
}

/* A long text in paragraphs of 8 sentences whose translation splits
 * every third sentence in two (as running text segmented differently
 * does): 3,000 by 4,000 sentences, too many cells to search whole.  No
 * bead may join sentences of different paragraphs: the first guide comes
 * from the paragraphs, which blocks of sentences covering unequal text
 * on each side would get wrong. */
static void t_long_paragraphs(void)
{
	tumen_buf s = TUMEN_BUF_INIT, t = TUMEN_BUF_INIT, one;
	size_t *ps, *pt, ns = 0, nt = 0;
	unsigned seed = 11;
	int i, p;

	ps = malloc(3000 * sizeof *ps);
	pt = malloc(4000 * sizeof *pt);
	CU_ASSERT_FATAL(ps && pt);
	for (i = 0; i < 3000; i++) {
		char *cut;

		p = i / 8;
		if (i && i % 8 == 0) {
			tumen_buf_addc(&s, '\n');
			tumen_buf_addc(&t, '\n');
		}
		tumen_buf_init(&one);
		S_sentence(&s, &one, &seed, 6 + rand_r(&seed) % 30, 1);
		ps[ns++] = (size_t)p;
		cut = i % 3 == 0 ? strchr(one.ptr + one.len / 2, ' ') : NULL;
		if (cut) /* two target sentences */
			*cut = '\n';
		tumen_buf_add(&t, one.ptr, one.len);
		pt[nt++] = (size_t)p;
		if (cut)
			pt[nt++] = (size_t)p;
		tumen_buf_release(&one);
	}
	S_check_paragraphs("long paragraphs", s.ptr, t.ptr, ps, ns, pt, nt, 2500);
	tumen_buf_release(&s);
	tumen_buf_release(&t);
	free(ps);
	free(pt);
}

/* A long text in paragraphs whose translation is noisy in length and
 * whose length ratio drifts: the middle third is translated 20 % shorter
 * (habits change from chapter to chapter).  The paragraph guide searched
 * only around the lengths' diagonal lost the path there and 22 % of the
 * beads paired sentences of different paragraphs (with deletions priced as
 * a sentence's, 23 %). */
static void t_paragraph_drift(void)
{
	tumen_buf s = TUMEN_BUF_INIT, t = TUMEN_BUF_INIT, one, tr;
	size_t *ps, *pt, ns = 0, nt = 0, k, len;
	unsigned seed = 2;
	int i, p, np = 2000;

	ps = malloc(4 * (size_t)np * sizeof *ps);
	pt = malloc(4 * (size_t)np * sizeof *pt);
	CU_ASSERT_FATAL(ps && pt);
	for (p = 0; p < np; p++) {
		if (p) {
			tumen_buf_addc(&s, '\n');
			tumen_buf_addc(&t, '\n');
		}
		for (i = 0; i < 4; i++) {
			tumen_buf_init(&one);
			tumen_buf_init(&tr);
			S_sentence(&one, &tr, &seed, 3 + rand_r(&seed) % 28, 1);
			tumen_buf_add(&s, one.ptr, one.len);
			len = tr.len - 1; /* without its newline */
			if (p >= np / 3 && p < 2 * np / 3)
				len -= len * 20 / 100;
			tumen_buf_add(&t, tr.ptr, len);
			/* noise: a word of up to 30 % of the sentence */
			for (k = rand_r(&seed) % (len * 3 / 10 + 1); k > 0; k--)
				tumen_buf_addc(&t, k == 1 ? ' ' : 'b');
			tumen_buf_addc(&t, '\n');
			ps[ns++] = (size_t)p;
			pt[nt++] = (size_t)p;
			tumen_buf_release(&one);
			tumen_buf_release(&tr);
		}
	}
	S_check_paragraphs("paragraph drift", s.ptr, t.ptr, ps, ns, pt, nt, 7000);
	tumen_buf_release(&s);
	tumen_buf_release(&t);
	free(ps);
	free(pt);
}

/* The banded search finds what the search of the whole matrix finds, on
 * a long text (past the length where the first guide from lengths alone
 * sets in) with omissions on both sides, runs of omitted sentences (12,
 * and 60 in a row) and sentences split in two.  (A matrix this small may
 * still be searched whole when the band cannot hold the path; larger
 * ones are compared by scripts/bench.) */
static void t_band_exact(void)
{
	tumen_buf s = TUMEN_BUF_INIT, t = TUMEN_BUF_INIT, one, tr;
	unsigned seed = 7;
	tumen_doc *ds, *dt;
	tumen_alignment *band, *exact;
	tumen_align_opts o;
	size_t k, same = 0, n;
	int i;

	for (i = 0; i < 1200; i++) {
		unsigned r = (unsigned)rand_r(&seed) % 100;
		char *cut;

		tumen_buf_init(&one);
		tumen_buf_init(&tr);
		S_sentence(&one, &tr, &seed, 4 + rand_r(&seed) % 26, 1);
		tumen_buf_add(&s, one.ptr, one.len);
		/* omitted in the translation: a few, runs of 12, and 60 in a
		 * row (wider than the band) */
		if (!(r < 3 || (i % 300 >= 150 && i % 300 < 162) ||
		      (i >= 700 && i < 760))) {
			cut = r < 10 ? strchr(tr.ptr + tr.len / 2, ' ') : NULL;
			if (cut) /* split in two */
				*cut = '\n';
			tumen_buf_add(&t, tr.ptr, tr.len);
			if (r >= 97) /* an addition of the translator */
				S_sentence(&t, &one, &seed, 3 + rand_r(&seed) % 20, 0);
		}
		tumen_buf_release(&one);
		tumen_buf_release(&tr);
	}
	ds = test_doc(s.ptr, "en");
	dt = test_doc(t.ptr, "xx");
	tumen_align_opts_init(&o);
	CU_ASSERT_EQUAL_FATAL(tumen_align(ds, dt, &o, &band), TUMEN_OK);
	o.exact = 1;
	CU_ASSERT_EQUAL_FATAL(tumen_align(ds, dt, &o, &exact), TUMEN_OK);
	CU_ASSERT(S_covers(exact, tumen_doc_count(ds), tumen_doc_count(dt)));
	n = tumen_alignment_count(band);
	for (k = 0; k < n && k < tumen_alignment_count(exact); k++) {
		const tumen_bead *a = tumen_alignment_bead(band, k);
		const tumen_bead *b = tumen_alignment_bead(exact, k);
		same += a->src == b->src && a->nsrc == b->nsrc && a->tgt == b->tgt &&
		        a->ntgt == b->ntgt;
	}
	CU_ASSERT(n > 1050);
	CU_ASSERT_EQUAL(n, tumen_alignment_count(exact));
	CU_ASSERT_EQUAL(same, n);
	if (same != n)
		fprintf(stderr, "band and exact: %zu of %zu beads alike\n", same, n);
	o.exact = 0;
	S_same_on_two_threads(ds, dt, &o, band);
	/* the length costs one by one, not a row at a time with AVX: the
	 * same beads and scores (on a processor without AVX both ways are
	 * one by one) */
	tumen_align_simd(0);
	S_same_on_two_threads(ds, dt, &o, band);
	o.threads = 1;
	tumen_alignment_free(exact);
	CU_ASSERT_EQUAL_FATAL(tumen_align(ds, dt, &o, &exact), TUMEN_OK);
	tumen_align_simd(1);
	CU_ASSERT_EQUAL(S_alike(band, exact), n);
	/* the posteriors' costs computed again, not the Viterbi pass's:
	 * the same scores, to the bit */
	tumen_dp_memo(0);
	o.threads = 2;
	tumen_alignment_free(exact);
	CU_ASSERT_EQUAL_FATAL(tumen_align(ds, dt, &o, &exact), TUMEN_OK);
	tumen_dp_memo(1);
	CU_ASSERT_EQUAL(S_alike(band, exact), n);
	tumen_alignment_free(band);
	tumen_alignment_free(exact);
	tumen_doc_free(ds);
	tumen_doc_free(dt);
	tumen_buf_release(&s);
	tumen_buf_release(&t);
}

/* Lengths alike, only the numbers tell which source sentence has no
 * translation: with number anchors the right one is left out.  (The
 * sentences are long enough for length to rule out merges.) */
static void t_numbers_decide(void)
{
	static const char *days[] = { "12", "47", "85", "33", "61", "29" };
	static const char *fa[] = { "۱۲", "۴۷", "۸۵", "۳۳", "۶۱", "۲۹" };
	tumen_buf s = TUMEN_BUF_INIT, t = TUMEN_BUF_INIT;
	tumen_doc *ds, *dt;
	tumen_alignment *a;
	const tumen_bead *b;
	int i;

	for (i = 0; i < 6; i++) {
		tumen_buf_printf(&s, "The northern mountain villages had heavy rain "
		                 "on %s days of the last winter season.\n", days[i]);
		if (i != 2)
			tumen_buf_printf(&t, "روستاهای کوهستانی شمال در زمستان گذشته %s "
			                 "روز باران شدید داشتند.\n", fa[i]);
	}
	ds = test_doc(s.ptr, "en");
	dt = test_doc(t.ptr, "fa");
	CU_ASSERT_EQUAL_FATAL(tumen_align(ds, dt, NULL, &a), TUMEN_OK);
	CU_ASSERT(S_covers(a, 6, 5));
	b = S_bead_of_src(a, 2);
	CU_ASSERT(b && b->nsrc == 1 && b->ntgt == 0);
	b = S_bead_of_src(a, 3);
	CU_ASSERT(b && b->nsrc == 1 && b->ntgt == 1 && b->tgt == 2);
	tumen_alignment_free(a);
	tumen_doc_free(ds);
	tumen_doc_free(dt);
	tumen_buf_release(&s);
	tumen_buf_release(&t);
}

static void t_numbers_extracted(void)
{
	uint32_t *v = NULL;
	size_t n = 0, cap = 0;

	CU_ASSERT_EQUAL(tumen_numbers("1,200 and 3.50 and 007 and 12.5%", 33, &v, &n, &cap), 4);
	CU_ASSERT_EQUAL(v[0], tumen_hash("1200", 4));
	CU_ASSERT_EQUAL(v[1], tumen_hash("3.5", 3));
	CU_ASSERT_EQUAL(v[2], tumen_hash("7", 1));
	CU_ASSERT_EQUAL(v[3], tumen_hash("12.5", 4));
	free(v);
}

/* dp.c alone: a cost that only likes 1-1 beads gives the diagonal, and a
 * cost that forbids everything but 1-0/0-1 still covers both sides. */
static void S_cost_diag(void *ctx, size_t i, size_t j0, size_t j1, unsigned a,
                        unsigned b, double *out, size_t stride)
{
	size_t j;

	(void)ctx;
	(void)i;
	for (j = j0; j <= j1; j++)
		out[(j - j0) * stride] = a == 1 && b == 1 ? 0.1 : 5.0 + a + b;
}

static void S_cost_gaps(void *ctx, size_t i, size_t j0, size_t j1, unsigned a,
                        unsigned b, double *out, size_t stride)
{
	size_t j;

	(void)ctx;
	(void)i;
	for (j = j0; j <= j1; j++)
		out[(j - j0) * stride] = a + b == 1 ? 1.0 : HUGE_VAL;
}

static void t_dp(void)
{
	static const unsigned char types[][2] = { { 1, 1 }, { 1, 0 }, { 0, 1 }, { 2, 1 } };
	tumen_dp_opts o;
	tumen_bead *b;
	size_t nb, k;

	memset(&o, 0, sizeof o);
	o.types = types;
	o.ntypes = 4;
	o.temperature = 1;
	CU_ASSERT_EQUAL_FATAL(tumen_dp_align(50, 50, 5, 7, S_cost_diag, NULL, &o, &b, &nb), TUMEN_OK);
	CU_ASSERT_EQUAL(nb, 50);
	for (k = 0; k < nb; k++)
		CU_ASSERT(b[k].src == 5 + k && b[k].tgt == 7 + k && b[k].score > 0.9);
	free(b);
	CU_ASSERT_EQUAL_FATAL(tumen_dp_align(3, 4, 0, 0, S_cost_gaps, NULL, &o, &b, &nb), TUMEN_OK);
	CU_ASSERT_EQUAL(nb, 7);
	free(b);
}


/* dp.c against a plain Viterbi on a table of random small integer costs,
 * with many ties: every cell tries the shapes in order and keeps the
 * first best (a strict <), over the whole matrix (min_band = -1).  The
 * within-row shape 0-1 and the tie rule are where a faster pass can go
 * wrong; with a second context the costs come from the other thread. */
#define VN 130
#define VM 140
#define VT 8
static const unsigned char S_vtypes[VT][2] = {
	{ 1, 1 }, { 1, 0 }, { 0, 1 }, { 2, 1 }, { 1, 2 }, { 2, 2 }, { 3, 1 }, { 1, 3 },
};
static double S_vcost[VN + 1][VM + 1][VT];

static void S_cost_table(void *ctx, size_t i, size_t j0, size_t j1, unsigned a,
                         unsigned b, double *out, size_t stride)
{
	size_t j, k;

	(void)ctx;
	for (k = 0; k < VT; k++)
		if (S_vtypes[k][0] == a && S_vtypes[k][1] == b)
			break;
	for (j = j0; j <= j1; j++)
		out[(j - j0) * stride] = S_vcost[i][j][k];
}

static void t_dp_viterbi_ties(void)
{
	static double d[VN + 1][VM + 1];
	static unsigned char arg[VN + 1][VM + 1];
	tumen_bead want[VN + VM], *b, *b2;
	size_t i, j, k, nb, nb2, nw, round;
	uint32_t r = 12345;
	tumen_dp_opts o;
	int lr;

	for (round = 0; round < 4; round++) {
		for (i = 0; i <= VN; i++)
			for (j = 0; j <= VM; j++)
				for (k = 0; k < VT; k++) {
					r = r * 1103515245u + 12345u;
					/* a few values: ties everywhere; some
					 * forbidden beads */
					S_vcost[i][j][k] = (r >> 16) % 23 == 0 ? HUGE_VAL
					                   : (double)((r >> 16) % (3 + round));
				}
		for (i = 0; i <= VN; i++)
			for (j = 0; j <= VM; j++) {
				d[i][j] = i || j ? HUGE_VAL : 0;
				arg[i][j] = 0xff;
				for (k = 0; k < VT && (i || j); k++) {
					unsigned a = S_vtypes[k][0], bb = S_vtypes[k][1];
					double v;
					if (a > i || bb > j || d[i - a][j - bb] == HUGE_VAL)
						continue;
					v = d[i - a][j - bb] + S_vcost[i - a][j - bb][k];
					if (v < d[i][j]) {
						d[i][j] = v;
						arg[i][j] = (unsigned char)k;
					}
				}
			}
		CU_ASSERT_FATAL(arg[VN][VM] != 0xff);
		for (nw = 0, i = VN, j = VM; i || j; nw++) {
			k = arg[i][j];
			want[nw].nsrc = S_vtypes[k][0];
			want[nw].ntgt = S_vtypes[k][1];
			i -= want[nw].nsrc;
			j -= want[nw].ntgt;
			want[nw].src = i;
			want[nw].tgt = j;
		}
		memset(&o, 0, sizeof o);
		o.types = S_vtypes;
		o.ntypes = VT;
		o.temperature = 1;
		o.min_band = (size_t)-1;
		o.ctx2 = round % 2 ? &o : NULL; /* any pointer: the table */
		CU_ASSERT_EQUAL_FATAL(tumen_dp_align(VN, VM, 0, 0, S_cost_table, NULL,
		                                     &o, &b, &nb), TUMEN_OK);
		CU_ASSERT_EQUAL(nb, nw);
		for (k = 0; k < nb && k < nw; k++)
			CU_ASSERT(b[k].src == want[nw - 1 - k].src &&
			          b[k].tgt == want[nw - 1 - k].tgt &&
			          b[k].nsrc == want[nw - 1 - k].nsrc &&
			          b[k].ntgt == want[nw - 1 - k].ntgt);
		free(b);
		/* a band narrower than the posteriors' (the path +-3): their
		 * costs from the Viterbi pass where it has them, computed
		 * beyond; the same scores as all computed.  Where the path
		 * meets the band's edge the band is searched again whole, or
		 * (local_repair) in windows, whose beads must carry their
		 * costs as the rest of the path does */
		o.min_band = 2;
		for (lr = 0; lr < 2; lr++) {
			o.local_repair = lr;
			CU_ASSERT_EQUAL_FATAL(tumen_dp_align(VN, VM, 0, 0, S_cost_table,
			                                     NULL, &o, &b, &nb),
			                      TUMEN_OK);
			tumen_dp_memo(0);
			CU_ASSERT_EQUAL_FATAL(tumen_dp_align(VN, VM, 0, 0, S_cost_table,
			                                     NULL, &o, &b2, &nb2),
			                      TUMEN_OK);
			tumen_dp_memo(1);
			CU_ASSERT_EQUAL(nb, nb2);
			CU_ASSERT(nb == nb2 && !memcmp(b, b2, nb * sizeof *b));
			free(b);
			free(b2);
		}
	}
}

/* A long document's memo (4 MB or more here: 4,001 rows of a band 81
 * cells wide, 8 shapes) goes back to the system as the posteriors read
 * it (dp.c, S_release), in two halves with a second context: the same
 * beads and scores, to the bit, as with the posteriors' costs all
 * computed again. */
#define LN 4000
#define LM 4200

static void S_cost_hash(void *ctx, size_t i, size_t j0, size_t j1, unsigned a,
                        unsigned b, double *out, size_t stride)
{
	size_t j;

	(void)ctx;
	for (j = j0; j <= j1; j++) {
		uint32_t h = (uint32_t)i * 2654435761u ^ (uint32_t)j * 40503u ^
		             (a * 97u + b * 13u);
		double off = fabs((double)j * LN / LM - (double)i);
		h ^= h >> 15;
		h *= 2246822519u;
		h ^= h >> 13;
		out[(j - j0) * stride] = (a == 1 && b == 1 ? 1.0 : 3.0) + 0.1 * off +
		                         (double)(h % 1000) / 500.0;
	}
}

static void t_dp_memo_release(void)
{
	tumen_bead *b, *b2;
	size_t nb, nb2, round;
	tumen_dp_opts o;

	for (round = 0; round < 2; round++) {
		memset(&o, 0, sizeof o);
		o.types = S_vtypes;
		o.ntypes = VT;
		o.temperature = 1;
		o.min_band = 40;
		o.ctx2 = round ? &o : NULL; /* any pointer: the cost is a hash */
		CU_ASSERT_EQUAL_FATAL(tumen_dp_align(LN, LM, 0, 0, S_cost_hash, NULL,
		                                     &o, &b, &nb), TUMEN_OK);
		tumen_dp_memo(0);
		CU_ASSERT_EQUAL_FATAL(tumen_dp_align(LN, LM, 0, 0, S_cost_hash, NULL,
		                                     &o, &b2, &nb2), TUMEN_OK);
		tumen_dp_memo(1);
		CU_ASSERT(nb > LN / 2);
		CU_ASSERT(nb == nb2 && !memcmp(b, b2, nb * sizeof *b));
		free(b);
		free(b2);
	}
}

/* tumen_sort_u32 sorts as qsort does: random keys, many equal, every
 * length up to 120 (insertion sort up to 48, qsort beyond). */
static void t_sort32(void)
{
	uint32_t a[120], b[120];
	size_t n, i, bad = 0;
	unsigned seed = 3;

	for (n = 0; n <= 120; n++) {
		for (i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			a[i] = b[i] = (seed >> 8) % 3 ? seed : seed % 7;
		}
		tumen_sort_u32(a, n);
		qsort(b, n, sizeof *b, tumen_cmp_u32);
		bad += memcmp(a, b, n * sizeof *a) != 0;
	}
	CU_ASSERT_EQUAL(bad, 0);
}

static void t_lexicon(void)
{
	tumen_lexicon *lx = tumen_lexicon_new();
	uint32_t s[] = { 1, 2, 3 }, t[] = { 9, 20, 3, 30 };
	uint64_t sm, tm;

	CU_ASSERT_EQUAL(tumen_lexicon_add(lx, 2, 30), TUMEN_OK);
	CU_ASSERT_EQUAL(tumen_lexicon_add(lx, 2, 30), TUMEN_OK);
	CU_ASSERT_EQUAL(tumen_lexicon_freeze(lx), TUMEN_OK);
	CU_ASSERT_EQUAL(tumen_lexicon_size(lx), 1);
	tumen_lexicon_masks(lx, s, 3, t, 4, &sm, &tm);
	CU_ASSERT_EQUAL(sm, 0x6);  /* 2 -> 30, 3 == 3 */
	CU_ASSERT_EQUAL(tm, 0xC);
	tumen_lexicon_free(lx);
}

/* One entry of Model 1 (tumen_lexicon_model1's callback). */
typedef struct {
	uint32_t s, t;
	double p, count;
} S_m1;

typedef struct {
	S_m1 v[20000];
	size_t n;
} S_m1s;

static tumen_status S_m1_add(void *ctx, uint32_t s, uint32_t t, double p,
                             double count)
{
	S_m1s *l = ctx;

	if (l->n == sizeof l->v / sizeof *l->v)
		return TUMEN_ELIMIT;
	l->v[l->n].s = s;
	l->v[l->n].t = t;
	l->v[l->n].p = p;
	l->v[l->n].count = count;
	l->n++;
	return TUMEN_OK;
}

static int S_m1_cmp(const void *a, const void *b)
{
	const S_m1 *x = a, *y = b;

	if (x->s != y->s)
		return x->s < y->s ? -1 : 1;
	return x->t < y->t ? -1 : x->t > y->t;
}

/* The same entry, its probability and count the same to 12 digits:
 * lexicon.c adds up a source word's total from its entries' counts, the
 * definition (S_naive_model1) link by link, so the last bits may differ. */
static int S_m1_near(const S_m1 *x, const S_m1 *y)
{
	return x->s == y->s && x->t == y->t &&
	       fabs(x->p - y->p) <= 1e-12 * fabs(y->p) &&
	       fabs(x->count - y->count) <= 1e-12 * fabs(y->count);
}

/* Model 1 as its definition says, on arrays: the entries (NULL word
 * first) sorted for bsearch, and EM adding its terms in the order of the
 * links, as lexicon.c does. */
static int S_u64_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static size_t S_naive_at(const uint64_t *key, size_t n, uint64_t k)
{
	const uint64_t *f = bsearch(&k, key, n, sizeof *key, S_u64_cmp);

	return (size_t)(f - key);
}

static void S_naive_model1(const tumen_lex_pair *p, size_t np, int rev,
                           int iters, S_m1s *out)
{
	static uint64_t key[64000], skey[5000];
	static double prob[64000], count[64000], total[5000];
	size_t n = 0, ns = 0, k, a, b, e;
	int it;

	for (k = 0; k < np; k++) {
		const uint32_t *S = rev ? p[k].tgt : p[k].src;
		const uint32_t *T = rev ? p[k].src : p[k].tgt;
		size_t na = rev ? p[k].ntgt : p[k].nsrc, nb = rev ? p[k].nsrc : p[k].ntgt;
		for (a = 0; a <= na; a++) {
			uint32_t w = a ? S[a - 1] : 0xFFFFFFFFu;
			skey[ns++] = w;
			for (b = 0; b < nb; b++)
				key[n++] = (uint64_t)w << 32 | T[b];
		}
	}
	qsort(key, n, sizeof *key, S_u64_cmp);
	qsort(skey, ns, sizeof *skey, S_u64_cmp);
	for (e = 0, k = 0; k < n; k++)
		if (!k || key[k] != key[k - 1])
			key[e++] = key[k];
	n = e;
	for (e = 0, k = 0; k < ns; k++)
		if (!k || skey[k] != skey[k - 1])
			skey[e++] = skey[k];
	ns = e;
	for (e = 0; e < n; e++)
		prob[e] = 1.0;
	for (it = 0; it < iters; it++) {
		memset(count, 0, n * sizeof *count);
		memset(total, 0, ns * sizeof *total);
		for (k = 0; k < np; k++) {
			const uint32_t *S = rev ? p[k].tgt : p[k].src;
			const uint32_t *T = rev ? p[k].src : p[k].tgt;
			size_t na = rev ? p[k].ntgt : p[k].nsrc;
			size_t nb = rev ? p[k].nsrc : p[k].ntgt;
			for (b = 0; b < nb; b++) {
				double z = 0;
				for (a = 0; a <= na; a++) {
					uint64_t w = a ? S[a - 1] : 0xFFFFFFFFu;
					z += prob[S_naive_at(key, n, w << 32 | T[b])];
				}
				for (a = 0; a <= na; a++) {
					uint32_t w = a ? S[a - 1] : 0xFFFFFFFFu;
					size_t x = S_naive_at(key, n, (uint64_t)w << 32 | T[b]);
					double c = prob[x] / z;
					count[x] += c;
					total[S_naive_at(skey, ns, w)] += c;
				}
			}
		}
		for (e = 0; e < n; e++)
			prob[e] = count[e] / total[S_naive_at(skey, ns, key[e] >> 32)];
	}
	out->n = 0;
	for (e = 0; e < n; e++)
		if ((uint32_t)(key[e] >> 32) != 0xFFFFFFFFu) /* (s, t) both ways */
			S_m1_add(out, (uint32_t)(key[e] >> (rev ? 0 : 32)),
			         (uint32_t)(key[e] >> (rev ? 32 : 0)), prob[e], count[e]);
}

/* Model 1 learns what its definition says, to 12 digits, both ways
 * (S_naive_model1: one link given the wrong entry changes the numbers);
 * in training, the two directions at once on two threads learn what one
 * thread learns; on 300 pairs of a noisy synthetic translation (source
 * word w ~ target word w + 1000, plus random words). */
static void t_lexicon_threads(void)
{
	enum { NP = 300, NW = 12 };
	static uint32_t s[NP][NW], t[NP][NW + 2];
	static S_m1s m[2];
	tumen_lex_pair p[NP];
	tumen_lexicon *lx[2];
	uint64_t *v[2] = { NULL, NULL };
	size_t nv[2], cap[2] = { 0, 0 }, k;
	unsigned seed = 5;
	uint32_t w;
	int i, j, rev, same = 1;

	for (i = 0; i < NP; i++) {
		for (j = 0; j < NW; j++) {
			s[i][j] = 1 + (uint32_t)(rand_r(&seed) % 60);
			t[i][j] = s[i][j] + 1000;
		}
		t[i][NW] = 2000 + (uint32_t)(rand_r(&seed) % 500);
		t[i][NW + 1] = 3000 + (uint32_t)(rand_r(&seed) % 5);
		p[i].src = s[i];
		p[i].nsrc = NW;
		p[i].tgt = t[i];
		p[i].ntgt = NW + 2;
	}
	for (rev = 0; rev < 2; rev++) {
		m[0].n = 0;
		CU_ASSERT_EQUAL_FATAL(tumen_lexicon_model1(p, NP, rev, 5, 0.0,
		                                           S_m1_add, &m[0]),
		                      TUMEN_OK);
		qsort(m[0].v, m[0].n, sizeof *m[0].v, S_m1_cmp);
		S_naive_model1(p, NP, rev, 5, &m[1]);
		qsort(m[1].v, m[1].n, sizeof *m[1].v, S_m1_cmp);
	CU_ASSERT(m[0].n > 1000);
		CU_ASSERT_EQUAL(m[0].n, m[1].n);
		for (k = 0; k < m[0].n && k < m[1].n; k++)
			same &= S_m1_near(&m[0].v[k], &m[1].v[k]);
	}
	CU_ASSERT(same);
	for (i = 0; i < 2; i++) {
		lx[i] = tumen_lexicon_new();
		CU_ASSERT_EQUAL_FATAL(tumen_lexicon_train(lx[i], p, NP, 0.3, i + 1),
		                      TUMEN_OK);
		CU_ASSERT_EQUAL_FATAL(tumen_lexicon_freeze(lx[i]), TUMEN_OK);
	}
	CU_ASSERT(tumen_lexicon_size(lx[0]) >= 60);
	CU_ASSERT_EQUAL(tumen_lexicon_size(lx[0]), tumen_lexicon_size(lx[1]));
	/* training keeps the pairs the definition gives at least 0.3, each
	 * way (the reverse model comes from the forward one's table) */
	for (rev = 0; rev < 2; rev++) {
		S_naive_model1(p, NP, rev, 5, &m[1]);
		for (w = 1; w < 3010; w++) {
			uint32_t want[64];
			size_t nw = 0, ng = 0;
			int unsure = 0;
			for (k = 0; k < m[1].n; k++) {
				const S_m1 *e = &m[1].v[k];
				if ((rev ? e->t : e->s) != w)
					continue;
				unsure |= fabs(e->p - 0.3) < 1e-9;
				if (e->p >= 0.3 && nw < 64)
					want[nw++] = rev ? e->s : e->t;
			}
			nv[0] = 0;
			CU_ASSERT_EQUAL_FATAL(tumen_lexicon_expand(lx[0], rev, &w, 1,
			                                           &v[0], &nv[0], &cap[0]),
			                      TUMEN_OK);
			for (k = 0; k < nv[0]; k++) {
				uint32_t got = (uint32_t)(v[0][k] >> 32);
				size_t q;
				if (!rev && got == w)
					continue; /* the word itself (identical words) */
				for (q = 0; q < nw && want[q] != got; q++)
					;
				same &= unsure || q < nw;
				ng++;
			}
			same &= unsure || ng == nw;
		}
	}
	CU_ASSERT(same);
	for (rev = 0; rev < 2; rev++)
		for (w = 1; w < 3010; w++) {
			for (i = 0; i < 2; i++) {
				nv[i] = 0;
				CU_ASSERT_EQUAL_FATAL(tumen_lexicon_expand(lx[i], rev, &w, 1,
				                                           &v[i], &nv[i], &cap[i]),
				                      TUMEN_OK);
				tumen_lexicon_sort(v[i], nv[i]);
			}
			same &= nv[0] == nv[1];
			for (k = 0; same && k < nv[0]; k++)
				same &= v[0][k] == v[1][k];
		}
	CU_ASSERT(same);
	free(v[0]);
	free(v[1]);
	tumen_lexicon_free(lx[0]);
	tumen_lexicon_free(lx[1]);
}

static void t_lexicon_train(void)
{
	/* "a b" ~ "x y", "a c" ~ "x z", "b c" ~ "y z": Model 1 learns a-x */
	uint32_t s1[] = { 1, 2 }, t1[] = { 11, 12 }, s2[] = { 1, 3 }, t2[] = { 11, 13 };
	uint32_t s3[] = { 2, 3 }, t3[] = { 12, 13 };
	tumen_lex_pair p[] = { { s1, 2, t1, 2 }, { s2, 2, t2, 2 }, { s3, 2, t3, 2 } };
	tumen_lexicon *lx = tumen_lexicon_new();
	uint32_t q1[] = { 1 }, q2[] = { 11 }, q3[] = { 12 };
	uint64_t sm, tm;

	CU_ASSERT_EQUAL(tumen_lexicon_train(lx, p, 3, 0.4, 1), TUMEN_OK);
	CU_ASSERT_EQUAL(tumen_lexicon_freeze(lx), TUMEN_OK);
	tumen_lexicon_masks(lx, q1, 1, q2, 1, &sm, &tm);
	CU_ASSERT_EQUAL(sm, 1);
	tumen_lexicon_masks(lx, q1, 1, q3, 1, &sm, &tm);
	CU_ASSERT_EQUAL(sm, 0);
	tumen_lexicon_free(lx);
	/* no pairs (a dictionary's document with no sure bead): nothing
	 * learned, on one thread and two */
	for (int th = 1; th <= 2; th++) {
		lx = tumen_lexicon_new();
		CU_ASSERT_EQUAL(tumen_lexicon_train(lx, p, 0, 0.4, th), TUMEN_OK);
		CU_ASSERT_EQUAL(tumen_lexicon_freeze(lx), TUMEN_OK);
		CU_ASSERT_EQUAL(tumen_lexicon_size(lx), 0);
		tumen_lexicon_free(lx);
	}
}

/* A long text whose translation leaves out 250 sentences in one place
 * and adds 150 sentences of its own in another (a missing chapter, an
 * appendix), its sentences of 12 to 17 words: the lengths, which guide
 * the first passes, cannot tell where, and the path ran beside the true
 * one for the thousand sentences between them (731 of 2,131 beads wrong).
 * The lexicon's pass finds the stretch where its beads share no more
 * words than chance and searches it again in a wide band.  Words are
 * drawn from 3,000, their translations the words reversed, so the lexicon
 * is learned, not known. */
static void S_word_sentence(tumen_buf *src, tumen_buf *tgt, unsigned *seed)
{
	int w, k = 12 + (int)(rand_r(seed) % 6);

	for (w = 0; w < k; w++) {
		char x[16];
		snprintf(x, sizeof x, "w%ux", (unsigned)(rand_r(seed) % 3000));
		S_put_word(src, tgt, w, x);
	}
	S_put_word(src, tgt, w, NULL);
}

static void t_omission_repaired(void)
{
	enum { N = 2500, GAP0 = 700, GAP1 = 950, ADD = 1800, NADD = 150 };
	tumen_buf s = TUMEN_BUF_INIT, t = TUMEN_BUF_INIT, junk = TUMEN_BUF_INIT;
	size_t *orig = malloc((N + NADD) * sizeof *orig), nt = 0, k, bad = 0,
	       both = 0;
	unsigned seed = 9;
	tumen_doc *ds, *dt;
	tumen_alignment *a;
	int i;

	CU_ASSERT_FATAL(orig != NULL);
	for (i = 0; i < N; i++) {
		tumen_buf one = TUMEN_BUF_INIT;
		if (i == ADD) /* sentences of the translation's own */
			for (k = 0; k < NADD; k++) {
				tumen_buf_reset(&junk);
				S_word_sentence(&junk, NULL, &seed);
				tumen_buf_add(&t, junk.ptr, junk.len);
				orig[nt++] = (size_t)-1;
			}
		S_word_sentence(&s, &one, &seed);
		if (i < GAP0 || i >= GAP1) {
			tumen_buf_add(&t, one.ptr, one.len);
			orig[nt++] = (size_t)i;
		}
		tumen_buf_release(&one);
	}
	ds = test_doc(s.ptr, "en");
	dt = test_doc(t.ptr, "xx");
	CU_ASSERT_EQUAL_FATAL(tumen_doc_count(dt), nt);
	CU_ASSERT_EQUAL_FATAL(tumen_align(ds, dt, NULL, &a), TUMEN_OK);
	CU_ASSERT(S_covers(a, N, nt));
	for (k = 0; k < tumen_alignment_count(a); k++) {
		const tumen_bead *b = tumen_alignment_bead(a, k);
		size_t p, q;
		int hit = 0;
		if (!b->nsrc || !b->ntgt)
			continue;
		both++;
		for (p = 0; p < b->nsrc; p++)
			for (q = 0; q < b->ntgt; q++)
				hit |= orig[b->tgt + q] == b->src + p;
		bad += !hit;
	}
	CU_ASSERT(both > 2000);
	/* the lexicon is learned again here, and the stretches repaired
	 * before are searched again with it: none wrong (without the repairs
	 * 731; without searching again 1) */
	CU_ASSERT_EQUAL(bad, 0);
	if (bad)
		fprintf(stderr, "omission: %zu of %zu beads wrong\n", bad, both);
	S_same_on_two_threads(ds, dt, NULL, a);
	tumen_alignment_free(a);
	tumen_doc_free(ds);
	tumen_doc_free(dt);
	tumen_buf_release(&s);
	tumen_buf_release(&t);
	tumen_buf_release(&junk);
	free(orig);
}

static CU_TestInfo tests[] = {
	{ "random texts: nothing lost", t_random_nothing_lost },
	{ "identical texts align 1-1", t_identical },
	{ "a dropped sentence is a 1-0 bead", t_deletion },
	{ "two sentences merged are a 2-1 bead", t_merge },
	{ "the band widens where the path leaves it", t_band_widens },
	{ "long paragraphs guide the search", t_long_paragraphs },
	{ "a drifting length ratio moves no paragraph", t_paragraph_drift },
	{ "a long omission is searched again", t_omission_repaired },
	{ "the band finds the exact search's beads", t_band_exact },
	{ "numbers decide between equal lengths", t_numbers_decide },
	{ "numbers are extracted and canonical", t_numbers_extracted },
	{ "dp on fixed costs", t_dp },
	{ "dp: a plain Viterbi's path, ties included; posteriors' costs", t_dp_viterbi_ties },
	{ "dp: a long memo released as the posteriors read it, the same scores", t_dp_memo_release },
	{ "anchor keys sort", t_sort32 },
	{ "lexicon masks", t_lexicon },
	{ "lexicon training", t_lexicon_train },
	{ "Model 1 learns what its definition says", t_lexicon_threads },
	CU_TEST_INFO_NULL
};

int suite_align(void) { return test_add_suite("align", tests); }
