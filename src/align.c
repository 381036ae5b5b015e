/* STUB: 1-1 diagonal, replaced next */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include "align_internal.h"
#include "doc.h"
void tumen_align_opts_init(tumen_align_opts *o) { memset(o, 0, sizeof *o); o->paragraphs = o->numbers = o->punctuation = o->lexicon = 1; }
tumen_status tumen_align(const tumen_doc *s, const tumen_doc *t, const tumen_align_opts *o, tumen_alignment **out)
{
	tumen_alignment *a = calloc(1, sizeof *a);
	size_t i, n = s->n > t->n ? s->n : t->n;
	(void)o;
	a->beads = calloc(n, sizeof *a->beads);
	for (i = 0; i < n; i++) {
		tumen_bead b = { i, i < s->n, i < s->n ? i : s->n, i < t->n, 0.5 };
		b.tgt = i < t->n ? i : t->n;
		a->beads[a->n++] = b;
	}
	*out = a;
	return TUMEN_OK;
}
void tumen_alignment_free(tumen_alignment *a) { if (a) { free(a->beads); free(a); } }
size_t tumen_alignment_count(const tumen_alignment *a) { return a->n; }
const tumen_bead *tumen_alignment_bead(const tumen_alignment *a, size_t i) { return &a->beads[i]; }
