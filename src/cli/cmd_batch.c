/*
 * cmd_batch.c - tumen batch: align every document pair of a manifest into
 * one output, on N threads, in manifest order, with a JSON-lines summary.
 *
 * Workers (the main thread one of them) take documents in order, a few at
 * a time, align each, put its output together and free it, and park the
 * output in a ring of slots; the worker that parks the next document to
 * write writes it and those done after it, one worker at a time, so the
 * output is the same for any -j, memory holds the documents being aligned
 * (4 a worker) and the output of at most ring-size documents (32 N + 2 for
 * N workers; none taken while 64 MB of it waits), and no thread is woken
 * for the writing alone.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

typedef struct {
	char *id, *src, *tgt, *src_enc, *tgt_enc;
	char *src_text, *tgt_text; /* --stream: the texts themselves */
	size_t src_len, tgt_len;
	unsigned long line;
	char *error; /* directories: why the document is broken (no pair) */
} S_entry;

/* A document's result.  The worker that aligns it puts its output
 * together (S_render) and frees the documents itself, so the writer only
 * copies bytes: neither reads nor frees memory another thread's cache and
 * heap hold. */
typedef struct {
	size_t index; /* which entry the slot holds, or (size_t)-1 */
	int done;
	int skipped;  /* --resume: finished by an earlier run */
	int nomem;    /* its output could not be put together */
	tumen_doc *s, *t;       /* until S_render */
	tumen_alignment *al;
	char *out, *out2, *line; /* its units (out2: Moses' target lines) and
	                            summary line */
	size_t nout, nout2, nline;
	size_t ns, nt, beads, cs, ct, pairs; /* sentences, beads, sentences
	                                        covered, pairs written */
	size_t dropped; /* characters XML forbids, dropped from its units */
	char err[512];
} S_slot;

typedef struct {
	const char *output, *summary;
	tumen_writer_opts out;
	int quiet, progress, resume, verbose;
	size_t jobs;
} S_opts;

typedef struct S_mcursor S_mcursor;

typedef struct {
	S_entry *e;
	size_t n;
	size_t base;      /* the number of the entry e[0] (a manifest's chunk) */
	size_t total;     /* entries in all (progress, --resume) */
	S_mcursor *mc;    /* a manifest read a chunk at a time, or NULL */
	tumen_doc_opts src, tgt;
	tumen_align_opts align;
	size_t next;      /* next entry to hand out */
	S_slot *slots;
	size_t nslots;
	size_t written;   /* entries written so far */
	journal *jr;      /* --resume */
	unsigned char *skip; /* --resume: entries already in the journal */
	/* -v: totals over the documents aligned (by this run) */
	size_t v_docs, v_failed, v_pairs, v_beads, v_cs, v_ct, v_ns, v_nt;
	/* the writing, by one worker at a time (S_flush) */
	FILE *f1, *f2;    /* the output's streams (f2: Moses' target) */
	size_t dropped;   /* characters the workers' writers dropped */
	FILE *sum;        /* the summary, or NULL */
	const S_opts *o;
	long failed;      /* documents that failed */
	size_t parked;    /* bytes of output done, waiting for an entry
	                     before them */
	int writing;      /* a worker is writing */
	int broken;       /* the output could not be written */
	int werrno;       /* errno of that failure */
	size_t sents;     /* sentences of the entries written (progress) */
	double t0;        /* when S_run began (progress) */
	pthread_mutex_t mu;
	pthread_cond_t cv;
} S_batch;

static void S_help(void)
{
	printf(
"Usage: tumen batch [OPTIONS] MANIFEST\n"
"       tumen batch [OPTIONS] SRCDIR TGTDIR\n"
"       tumen batch [OPTIONS] DIR\n"
"       tumen batch [OPTIONS] --stream\n"
"Align every document pair listed in MANIFEST (TSV: id, source path, target\n"
"path, and optionally source and target encodings; paths relative to the\n"
"manifest's directory; '#' lines ignored) into one output.\n"
"With directories, NAME.en.txt in SRCDIR is paired with NAME.fa.txt in\n"
"TGTDIR (or both in DIR; not recursive), id NAME, in name order; a file\n"
"without its twin is a failed document.\n\n"
"Input and output:\n"
"  -j, --jobs N          worker threads (default 1)\n"
"  -o, --output FILE     output (default standard output; PREFIX for moses)\n"
"  -f, --format FMT      tmx (default), beads, tsv or moses; beads lines\n"
"                        start with the document id and a TAB\n"
"      --scores          with -f beads: a last column, the bead's score\n"
"      --src-suffix S    with directories: source files are NAME S\n"
"                        (default .en.txt)\n"
"      --tgt-suffix S    target files are NAME S (default .fa.txt)\n"
"      --summary FILE    per-document JSON lines (id, sentences, beads by\n"
"                        type, coverage, mean score, status)\n"
"      --shard K/N       process only shard K of N (1-based): the K-th of N\n"
"                        contiguous slices of the documents\n"
"      --presegmented    one segment per line in every input\n"
"      --src-lang L      source language (default en)\n"
"      --tgt-lang L      target language (default fa)\n"
"      --min-score X     leave out beads scoring below X\n"
"      --lenient         replace invalid bytes with U+FFFD\n"
"      --srx FILE        sentence rules (SRX 2.0) for both sides\n"
"      --paragraphs=MODE 'blank' (default): blank lines separate paragraphs;\n"
"                        'line': each line is a paragraph\n"
"  -d, --dict FILE       bilingual dictionary ('PERSIAN @ ENGLISH' or\n"
"                        'ENGLISH<TAB>PERSIAN[<TAB>PROB]'); may be repeated\n"
"      --resume          keep each finished document in OUTPUT.parts/ and\n"
"                        skip those an interrupted run finished\n"
"      --stream          read document pairs from standard input as JSON\n"
"                        lines {\"id\": ..., \"src\": TEXT, \"tgt\": TEXT} and\n"
"                        write results as they come: a Hadoop Streaming\n"
"                        mapper.  -f tsv and -f beads: each line starts with\n"
"                        the id; -f tmx: one TMX, the id in each unit's\n"
"                        x-document; -f moses: PREFIX files (-o), no ids\n"
"Alignment, as for tumen align:\n"
"      --no-paragraphs   align each whole document at once\n"
"      --no-numbers, --no-punctuation, --no-lexicon, --no-names,\n"
"      --no-identical    leave that evidence out\n"
"      --length-only     length alone: all of the --no-* above\n"
"      --exact           search all sentence pairs (quadratic)\n"
"Messages:\n"
"  -v, --verbose         print a summary line on standard error: documents,\n"
"                        pairs written, beads, coverage of each side\n"
"  -q, --quiet           no per-document error lines, no progress line\n"
"  -h, --help            this help\n\n"
"A document that cannot be read or aligned is reported (stderr and summary)\n"
"and skipped; the batch goes on.  Exit status: 0 all documents aligned,\n"
"1 some failed or the output could not be written, 2 usage error.\n");
}

/* Splits a manifest line into up to 5 tab-separated fields (in place). */
static int S_fields(char *line, char **f, int max)
{
	int n = 0;

	while (n < max) {
		char *tab = strchr(line, '\t');
		f[n++] = line;
		if (!tab)
			break;
		*tab = '\0';
		line = tab + 1;
	}
	return n;
}

static char *S_join_path(const char *dir, const char *p)
{
	size_t n = strlen(dir) + strlen(p) + 2;
	char *r = malloc(n);

	if (!r)
		return NULL;
	if (p[0] == '/' || !dir[0])
		snprintf(r, n, "%s", p);
	else
		snprintf(r, n, "%s/%s", dir, p);
	return r;
}

static char *S_dup_or_null(const char *s)
{
	return s && *s ? strdup(s) : NULL;
}

static void S_entries_free_range(S_entry *e, size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to; i++) {
		free(e[i].id);
		free(e[i].src);
		free(e[i].tgt);
		free(e[i].src_enc);
		free(e[i].tgt_enc);
		free(e[i].src_text);
		free(e[i].tgt_text);
		free(e[i].error);
	}
}

static void S_entries_free(S_entry *e, size_t n)
{
	S_entries_free_range(e, 0, n);
	free(e);
}

/* Shard k of N (0-based) of n entries: [k n / N, (k + 1) n / N), a
 * contiguous slice, so shard outputs joined in order (tumen tmx merge) are
 * the single-process output. */
static void S_shard_range(size_t n, size_t k, size_t nshards, size_t *lo,
                          size_t *hi)
{
	*lo = n * k / nshards;
	*hi = n * (k + 1) / nshards;
}

/* Keeps the entries of shard k of N (S_shard_range). */
static void S_slice(S_entry *e, size_t *n, size_t k, size_t nshards)
{
	size_t lo, hi;

	if (!*n)
		return;
	S_shard_range(*n, k, nshards, &lo, &hi);
	S_entries_free_range(e, 0, lo);
	S_entries_free_range(e, hi, *n);
	memmove(e, e + lo, (hi - lo) * sizeof *e);
	*n = hi - lo;
}

/* A manifest read a line at a time from its text: entries number idx on,
 * of which those in [lo, hi) are kept (their lines then split in place). */
struct S_mcursor {
	const char *path;
	char *dir;       /* the manifest's directory, paths are relative to */
	char *data, *p;  /* its text, and the next line */
	unsigned long line;
	size_t idx, lo, hi;
};

/* c's next line: [*s, *end), without its newline and a carriage return
 * before that; 0 at the end of the text. */
static int S_mline(S_mcursor *c, char **s, char **end)
{
	char *nl;

	if (!c->p || !*c->p)
		return 0;
	nl = strchr(c->p, '\n');
	*s = c->p;
	*end = nl ? nl : c->p + strlen(c->p);
	if (nl && *end > *s && (*end)[-1] == '\r')
		--*end;
	c->p = nl ? nl + 1 : NULL;
	c->line++;
	return 1;
}

/* Whether line [p, end) has an id, a source and a target, none empty
 * (further fields are encodings). */
static int S_mline_ok(const char *p, const char *end)
{
	int k;

	for (k = 0; k < 3; k++) {
		const char *tab = memchr(p, '\t', (size_t)(end - p));
		const char *fe = tab ? tab : end;
		if (fe == p || (k < 2 && !tab)) /* empty, or fewer than three */
			return 0;
		p = fe + (tab != NULL);
	}
	return 1;
}

/* Reads on from c: checks every line and counts the entries; with out,
 * keeps those in [lo, hi), up to max of them, into *out, *nout (and
 * stops there, or at hi).  Without out the text is left as it is (the
 * first pass, which counts).  -1 on a bad line (told) or out of memory. */
static int S_mread(S_mcursor *c, size_t max, S_entry **out, size_t *nout)
{
	size_t cap = 0, cnt = 0;
	S_entry *e = NULL;
	char *p, *end;

	while (!(out && (cnt == max || c->idx >= c->hi)) && S_mline(c, &p, &end)) {
		char *f[5] = { NULL };
		int nf;
		if (end == p || *p == '#')
			continue;
		if (!S_mline_ok(p, end)) {
			cli_error("%s:%lu: expected ID<TAB>SOURCE<TAB>TARGET",
			          c->path, c->line);
			goto fail;
		}
		if (out && c->idx >= c->lo) {
			*end = '\0';
			nf = S_fields(p, f, 5);
			if (cnt == cap) {
				size_t nc = cap ? cap * 2 : 64;
				S_entry *ne = realloc(e, nc * sizeof *ne);
				if (!ne)
					goto oom;
				e = ne;
				cap = nc;
			}
			memset(&e[cnt], 0, sizeof *e);
			e[cnt].line = c->line;
			e[cnt].id = strdup(f[0]);
			e[cnt].src = S_join_path(c->dir, f[1]);
			e[cnt].tgt = S_join_path(c->dir, f[2]);
			e[cnt].src_enc = S_dup_or_null(nf > 3 ? f[3] : NULL);
			e[cnt].tgt_enc = S_dup_or_null(nf > 4 ? f[4] : NULL);
			cnt++;
			if (!e[cnt - 1].id || !e[cnt - 1].src || !e[cnt - 1].tgt)
				goto oom;
		}
		c->idx++;
	}
	if (out) {
		*out = e;
		*nout = cnt;
	}
	return 0;
oom:
	cli_error("out of memory");
fail:
	S_entries_free(e, cnt);
	return -1;
}

static void S_mcursor_free(S_mcursor *c)
{
	if (!c)
		return;
	free(c->dir);
	free(c->data);
	free(c);
}

/* Opens the manifest for the entries of shard k of n (0-based k), its
 * text read in two passes: every line checked and counted first, so that
 * a bad line stops the batch before any output and the shards are known;
 * then entries kept, a chunk at a time (MCHUNK entries: a million
 * documents' entries made at once took 266 MB).  *total gets the entries
 * of the shard. */
#define MCHUNK ((size_t)1 << 16)
static S_mcursor *S_manifest(const char *path, size_t k, size_t nshards,
                             size_t *total)
{
	S_mcursor *c = calloc(1, sizeof *c);
	char *slash;
	size_t len, all;

	if (!c || !(c->dir = strdup(path))) {
		cli_error("out of memory");
		S_mcursor_free(c);
		return NULL;
	}
	c->path = path;
	slash = strrchr(c->dir, '/');
	*(slash ? slash : c->dir) = '\0';
	if (cli_read_file(path, &c->data, &len))
		goto fail;
	c->p = c->data;
	if (S_mread(c, 0, NULL, NULL))
		goto fail;
	all = c->idx;
	c->p = c->data; /* the second pass, from the start */
	c->line = 0;
	c->idx = 0;
	S_shard_range(all, k, nshards, &c->lo, &c->hi);
	*total = c->hi - c->lo;
	return c;
fail:
	S_mcursor_free(c);
	return NULL;
}

/* The manifest's next chunk into b->e, b->n (none at its end); -1 when
 * out of memory (told). */
static int S_manifest_next(S_batch *b)
{
	b->e = NULL;
	b->n = 0;
	return S_mread(b->mc, MCHUNK, &b->e, &b->n);
}

/*
 * Directories: NAME<SRC-SUFFIX> in SRCDIR paired with NAME<TGT-SUFFIX> in
 * TGTDIR (the same directory, or not), not recursive.
 */
typedef struct {
	char *name, *path;
} S_file;

static int S_file_cmp(const void *a, const void *b)
{
	return strcmp(((const S_file *)a)->name, ((const S_file *)b)->name);
}

static void S_files_free(S_file *f, size_t n)
{
	size_t i;

	for (i = 0; f && i < n; i++) {
		free(f[i].name);
		free(f[i].path);
	}
	free(f);
}

/* Does the n-byte name end in suf, with something before it? */
static int S_ends(const char *name, size_t n, const char *suf)
{
	size_t m = strlen(suf);

	return n > m && !memcmp(name + n - m, suf, m);
}

/* Lists the files of `dir` named NAME<suf> (NAME not empty), sorted by
 * NAME; directories and other non-files are left out.  In a directory
 * holding both sides, `other` is the other side's suffix: a name ending in
 * both belongs to the longer one.  Returns the count, or -1 (message
 * printed). */
static long S_list(const char *dir, const char *suf, const char *other,
                   S_file **out)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	S_file *f = NULL, *nf;
	size_t n = 0, cap = 0, len;
	struct stat sb;
	char *path;

	if (!d) {
		cli_error("cannot open '%s': %s", dir, strerror(errno));
		return -1;
	}
	while ((errno = 0, de = readdir(d))) {
		len = strlen(de->d_name);
		if (!S_ends(de->d_name, len, suf) ||
		    (other && strlen(other) > strlen(suf) &&
		     S_ends(de->d_name, len, other)))
			continue;
		if (!(path = S_join_path(dir, de->d_name)))
			goto oom;
		/* a dangling link stays: it is reported when it cannot be read */
		if (!stat(path, &sb) && !S_ISREG(sb.st_mode)) {
			free(path);
			continue;
		}
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			if (!(nf = realloc(f, cap * sizeof *f))) {
				free(path);
				goto oom;
			}
			f = nf;
		}
		f[n].path = path;
		if (!(f[n++].name = strndup(de->d_name, len - strlen(suf))))
			goto oom;
	}
	if (errno) {
		cli_error("cannot read '%s': %s", dir, strerror(errno));
		goto fail;
	}
	closedir(d);
	if (n)
		qsort(f, n, sizeof *f, S_file_cmp);
	*out = f;
	return (long)n;
oom:
	cli_error("out of memory");
fail:
	closedir(d);
	S_files_free(f, n);
	return -1;
}

/* Pairs the files of sdir and tdir by name, sorted by name (so shards and
 * --resume see the same order every time); a file without its twin is a
 * broken entry, reported when its turn comes.  Keeps shard k of n. */
static int S_dirs(const char *sdir, const char *tdir, const char *ssuf,
                  const char *tsuf, size_t k, size_t nshards, S_entry **out,
                  size_t *nout)
{
	int same = !strcmp(sdir, tdir);
	S_file *sf = NULL, *tf = NULL;
	long ns = 0, nt = 0;
	size_t i = 0, j = 0, cnt = 0;
	S_entry *e = NULL, *x;
	int c, rc = -1;

	if ((ns = S_list(sdir, ssuf, same ? tsuf : NULL, &sf)) < 0 ||
	    (nt = S_list(tdir, tsuf, same ? ssuf : NULL, &tf)) < 0)
		goto done;
	if (!ns || !nt) {
		cli_error("%s: no file named NAME%s", ns ? tdir : sdir,
		          ns ? tsuf : ssuf);
		goto done;
	}
	if (!(e = calloc((size_t)ns + (size_t)nt, sizeof *e)))
		goto oom;
	while (i < (size_t)ns || j < (size_t)nt) {
		c = i == (size_t)ns ? 1 : j == (size_t)nt ? -1 :
		    strcmp(sf[i].name, tf[j].name);
		x = &e[cnt++];
		if (!(x->id = strdup(c <= 0 ? sf[i].name : tf[j].name)))
			goto oom;
		if (c < 0 && asprintf(&x->error, "no target file '%s/%s%s' for "
		                      "'%s'", tdir, sf[i].name, tsuf,
		                      sf[i].path) < 0)
			x->error = NULL;
		if (c > 0 && asprintf(&x->error, "no source file '%s/%s%s' for "
		                      "'%s'", sdir, tf[j].name, ssuf,
		                      tf[j].path) < 0)
			x->error = NULL;
		if (c != 0 && !x->error)
			goto oom;
		if (c <= 0) {
			x->src = sf[i].path;
			sf[i++].path = NULL;
		}
		if (c >= 0) {
			x->tgt = tf[j].path;
			tf[j++].path = NULL;
		}
	}
	S_slice(e, &cnt, k, nshards);
	*out = e;
	*nout = cnt;
	e = NULL;
	cnt = 0;
	rc = 0;
	goto done;
oom:
	cli_error("out of memory");
done:
	if (e)
		S_entries_free(e, cnt);
	S_files_free(sf, ns > 0 ? (size_t)ns : 0);
	S_files_free(tf, nt > 0 ? (size_t)nt : 0);
	return rc;
}

/* Loads one side; on failure writes the message into err. */
static tumen_doc *S_load(const char *path, tumen_doc_opts *o, const char *enc,
                         char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	size_t len = 0, cap = 0, got;
	tumen_doc *d = NULL;
	tumen_error e;

	if (!f) {
		snprintf(err, errlen, "cannot open '%s': %s", path, strerror(errno));
		return NULL;
	}
	do {
		if (cap - len < 65536) {
			char *nd = realloc(data, cap = cap * 2 + 65536);
			if (!nd) {
				snprintf(err, errlen, "'%s': out of memory", path);
				free(data);
				fclose(f);
				return NULL;
			}
			data = nd;
		}
		got = fread(data + len, 1, cap - len, f);
		len += got;
	} while (got);
	if (ferror(f)) {
		snprintf(err, errlen, "cannot read '%s': %s", path, strerror(errno));
	} else {
		o->encoding = enc;
		if (tumen_doc_from_bytes(data, len, path, o, &d, &e)) {
			if (e.line)
				snprintf(err, errlen, "%s:%lu: %s", path, e.line, e.msg);
			else if (e.has_byte)
				snprintf(err, errlen, "%s: byte %llu: %s", path, e.byte,
				         e.msg);
			else
				snprintf(err, errlen, "%s: %s", path, e.msg);
		}
	}
	fclose(f);
	free(data);
	return d;
}

/* A document from text in memory (--stream). */
static tumen_doc *S_from_text(const char *id, const char *side, const char *text,
                              size_t len, tumen_doc_opts *o, char *err,
                              size_t errlen)
{
	tumen_doc *d = NULL;
	tumen_error e;

	if (tumen_doc_from_bytes(text, len, id, o, &d, &e)) {
		if (e.has_byte)
			snprintf(err, errlen, "%s: byte %llu: %s", side, e.byte, e.msg);
		else
			snprintf(err, errlen, "%s: %s", side, e.msg);
	}
	return d;
}

static void S_process(S_batch *b, size_t i, S_slot *slot)
{
	tumen_doc_opts so = b->src, to = b->tgt;
	const S_entry *e = &b->e[i];
	tumen_status st;

	slot->err[0] = '\0';
	if (b->skip && b->skip[b->base + i]) {
		slot->skipped = 1;
		return;
	}
	if (e->error) {
		snprintf(slot->err, sizeof slot->err, "%s", e->error);
		return;
	}
	if (e->src_text) {
		slot->s = S_from_text(e->id, "src", e->src_text, e->src_len, &so,
		                      slot->err, sizeof slot->err);
		if (slot->s)
			slot->t = S_from_text(e->id, "tgt", e->tgt_text, e->tgt_len,
			                      &to, slot->err, sizeof slot->err);
	} else {
		slot->s = S_load(e->src, &so, e->src_enc, slot->err,
		                 sizeof slot->err);
		if (slot->s)
			slot->t = S_load(e->tgt, &to, e->tgt_enc, slot->err,
			                 sizeof slot->err);
	}
	if (slot->s && slot->t &&
	    (st = tumen_align(slot->s, slot->t, &b->align, &slot->al)))
		snprintf(slot->err, sizeof slot->err, "cannot align: %s",
		         tumen_strerror(st));
}

/* Entries a worker takes at once: one handing-over (a lock) for several
 * short documents. */
#define S_TAKE 4

static void S_json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

/* One summary line: sentences, beads by shape, coverage, mean score (the
 * sentences and those covered from S_tally). */
static void S_summary(FILE *f, const S_entry *e, const S_slot *s)
{
	size_t i, n, both = 0, shapes[4][4];
	double sum = 0;
	int first = 1, a, b;

	fputs("{\"id\":", f);
	S_json_str(f, e->id);
	if (s->err[0]) {
		fputs(",\"status\":\"error\",\"error\":", f);
		S_json_str(f, s->err);
		fputs("}\n", f);
		return;
	}
	memset(shapes, 0, sizeof shapes);
	n = tumen_alignment_count(s->al);
	for (i = 0; i < n; i++) {
		const tumen_bead *bd = tumen_alignment_bead(s->al, i);
		shapes[bd->nsrc > 3 ? 3 : bd->nsrc][bd->ntgt > 3 ? 3 : bd->ntgt]++;
		if (bd->nsrc && bd->ntgt) {
			both++;
			sum += bd->score;
		}
	}
	fprintf(f, ",\"status\":\"ok\",\"src_sentences\":%zu,\"tgt_sentences\":%zu,"
	           "\"beads\":{", s->ns, s->nt);
	for (a = 0; a < 4; a++)
		for (b = 0; b < 4; b++)
			if (shapes[a][b]) {
				fprintf(f, "%s\"%d-%d\":%zu", first ? "" : ",", a, b,
				        shapes[a][b]);
				first = 0;
			}
	fprintf(f, "},\"src_covered\":%zu,\"tgt_covered\":%zu,"
	           "\"coverage\":%.4f,\"mean_score\":%.4f}\n", s->cs, s->ct,
	        (double)(s->cs + s->ct) / (double)(s->ns + s->nt),
	        both ? sum / (double)both : 0.0);
}

/* The slot's sentences, beads, sentences covered and pairs written (as the
 * writer counts them). */
static void S_tally(S_slot *s, const S_opts *o)
{
	size_t i;

	s->ns = tumen_doc_count(s->s);
	s->nt = tumen_doc_count(s->t);
	s->beads = tumen_alignment_count(s->al);
	for (i = 0; i < s->beads; i++) {
		const tumen_bead *bd = tumen_alignment_bead(s->al, i);
		if (!bd->nsrc || !bd->ntgt)
			continue;
		s->cs += bd->nsrc;
		s->ct += bd->ntgt;
		if (o->out.format == TUMEN_FMT_BEADS || bd->score >= o->out.min_score)
			s->pairs++;
	}
}

/* -v: adds a document to the totals. */
static void S_count(S_batch *b, const S_slot *s)
{
	if (s->skipped)
		return;
	if (s->err[0]) {
		b->v_failed++;
		return;
	}
	b->v_docs++;
	b->v_ns += s->ns;
	b->v_nt += s->nt;
	b->v_beads += s->beads;
	b->v_cs += s->cs;
	b->v_ct += s->ct;
	b->v_pairs += s->pairs;
}

/* -v: "N documents aligned (F failed), P pairs written, B beads;
 * coverage: source X% (a/b), target Y% (c/d)", as align -v. */
static void S_verbose(const S_batch *b)
{
	fprintf(stderr,
	        "tumen: %zu document%s aligned (%zu failed), %zu pairs written, "
	        "%zu beads; coverage: source %.1f%% (%zu/%zu), target %.1f%% "
	        "(%zu/%zu)\n", b->v_docs, b->v_docs == 1 ? "" : "s",
	        b->v_failed, b->v_pairs, b->v_beads,
	        b->v_ns ? 100.0 * (double)b->v_cs / (double)b->v_ns : 0.0,
	        b->v_cs, b->v_ns,
	        b->v_nt ? 100.0 * (double)b->v_ct / (double)b->v_nt : 0.0,
	        b->v_ct, b->v_nt);
}

/* On a terminal: documents done, sentences per second, time left. */
static void S_progress(const S_batch *b, size_t i)
{
	double dt = cli_now() - b->t0, left;

	left = i + 1 < b->total ? dt / (double)(i + 1) *
	                                  (double)(b->total - i - 1)
	                        : 0;
	fprintf(stderr, "\rtumen: %zu/%zu documents, %.0f sentences/s, %.0f s left   ",
	        i + 1, b->total, dt > 0 ? (double)b->sents / dt : 0.0, left);
	if (i + 1 == b->total)
		fputc('\n', stderr);
}

/* Frees a slot's documents and alignment. */
static void S_slot_docs_free(S_slot *s)
{
	tumen_alignment_free(s->al);
	tumen_doc_free(s->s);
	tumen_doc_free(s->t);
	s->al = NULL;
	s->s = s->t = NULL;
}

/* Frees all a slot holds. */
static void S_slot_release(S_slot *s)
{
	S_slot_docs_free(s);
	free(s->out);
	free(s->out2);
	free(s->line);
	s->out = s->out2 = s->line = NULL;
}

/* A worker's memory streams (units, Moses' target lines, summary line)
 * and its writer on the first two (units only, no TMX header); w is NULL
 * when they could not be opened. */
typedef struct {
	FILE *m[3];
	char *p[3];
	size_t n[3];
	tumen_writer_opts wo;
	tumen_writer *w;
} S_render_ctx;

static void S_render_close(S_render_ctx *r)
{
	int k;

	tumen_writer_free(r->w);
	r->w = NULL;
	for (k = 0; k < 3; k++) {
		if (r->m[k])
			fclose(r->m[k]);
		free(r->p[k]);
		r->m[k] = NULL;
		r->p[k] = NULL;
	}
}

/* Whether b needs stream k: units always, Moses' target lines for Moses,
 * the summary line when there is a summary or a journal. */
static int S_wants(const S_batch *b, int k)
{
	return k == 0 || (k == 1 && b->f2) || (k == 2 && (b->sum || b->jr));
}

/* Opens r's streams that b needs and are closed, and its writer; on
 * failure r->w is NULL. */
static void S_render_open(const S_batch *b, S_render_ctx *r)
{
	int k;

	tumen_writer_free(r->w);
	r->w = NULL;
	for (k = 0; k < 3; k++)
		if (!r->m[k] && S_wants(b, k) &&
		    !(r->m[k] = open_memstream(&r->p[k], &r->n[k])))
			return;
	if (tumen_writer_open(&r->w, &r->wo, r->m[0], r->m[1]))
		r->w = NULL;
}

static void S_render_init(const S_batch *b, S_render_ctx *r)
{
	memset(r, 0, sizeof *r);
	r->wo = b->o->out;
	r->wo.fragment = 1;
	r->wo.creation_date = "19700101T000000Z"; /* not in a fragment */
	S_render_open(b, r);
}

/* A document's output up to this size is copied out of the stream; a
 * longer one is handed over with the stream's buffer (the stream closed,
 * and opened anew before the next), so that memory holds it once. */
#define S_COPY_MAX (1u << 20)

/* What memory stream k of r holds, into *dst (NULL, 0 if the stream is
 * not open); empties the stream.  -1 when out of memory. */
static int S_take(S_render_ctx *r, int k, char **dst, size_t *len)
{
	off_t n;

	*dst = NULL;
	*len = 0;
	if (!r->m[k])
		return 0;
	if (fflush(r->m[k]) || (n = ftello(r->m[k])) < 0)
		return -1;
	if ((size_t)n > S_COPY_MAX) {
		int rc = fclose(r->m[k]);
		r->m[k] = NULL;
		if (rc)
			return -1;
		*dst = r->p[k];
		*len = (size_t)n;
		r->p[k] = NULL;
		return 0;
	}
	if (!(*dst = malloc(n ? (size_t)n : 1)))
		return -1;
	memcpy(*dst, r->p[k], (size_t)n);
	*len = (size_t)n;
	return fseeko(r->m[k], 0, SEEK_SET) ? -1 : 0;
}

/* On the worker that aligned entry i: its units and summary line, its
 * tallies; then frees its documents. */
static void S_render(S_batch *b, S_render_ctx *r, size_t i, S_slot *s)
{
	size_t dropped;
	int k;

	if (s->skipped)
		return;
	if (!s->err[0])
		S_tally(s, b->o);
	if (!r->w) {
		s->nomem = 1;
	} else {
		dropped = tumen_writer_dropped(r->w);
		if (!s->err[0] && tumen_writer_add(r->w, b->e[i].id, s->s, s->t,
		                                   s->al))
			s->nomem = 1;
		s->dropped = tumen_writer_dropped(r->w) - dropped;
		if (r->m[2])
			S_summary(r->m[2], &b->e[i], s);
		if (S_take(r, 0, &s->out, &s->nout) ||
		    S_take(r, 1, &s->out2, &s->nout2) ||
		    S_take(r, 2, &s->line, &s->nline))
			s->nomem = 1;
		for (k = 0; k < 3; k++)
			if (!r->m[k] && S_wants(b, k)) {
				S_render_open(b, r); /* one was handed over */
				break;
			}
	}
	S_slot_docs_free(s);
}

/* Writes entry i from its slot: its units (or its journal entry), its
 * summary line, the totals and the progress line; then frees the slot.
 * Called by one worker at a time (b->writing), without the lock.  -1 when
 * the output cannot be written. */
static int S_write_one(S_batch *b, size_t i, S_slot *s)
{
	const S_opts *o = b->o;
	int rc = 0;

	if (s->err[0]) {
		b->failed++;
		if (!o->quiet)
			cli_error("%s: %s (skipped)", b->e[i].id, s->err);
	}
	if (s->nomem) {
		errno = ENOMEM;
		rc = -1;
	} else if (s->skipped) {
		; /* in the journal from an earlier run */
	} else if (b->jr) {
		rc = journal_put(b->jr, b->base + i, "out", s->out, s->nout) ||
		     journal_put(b->jr, b->base + i, "json", s->line,
		                 s->nline) ? -1 : 0;
	} else {
		if (fwrite(s->out, 1, s->nout, b->f1) != s->nout ||
		    (b->f2 && fwrite(s->out2, 1, s->nout2, b->f2) != s->nout2))
			rc = -1;
		if (b->sum)
			fwrite(s->line, 1, s->nline, b->sum);
	}
	b->dropped += s->dropped;
	if (o->verbose)
		S_count(b, s);
	b->sents += s->ns + s->nt;
	if (o->progress)
		S_progress(b, b->base + i);
	s->skipped = 0;
	S_slot_release(s);
	return rc;
}

/* With the lock held: unless another worker is writing, writes the entries
 * done from b->written on, in order (the lock let go while each is
 * written).  A worker that parks an entry while another writes leaves it
 * to that one, which looks again after each entry. */
static void S_flush(S_batch *b)
{
	if (b->writing)
		return;
	b->writing = 1;
	while (!b->broken && b->written < b->n) {
		S_slot *s = &b->slots[b->written % b->nslots];
		size_t bytes = s->nout + s->nout2 + s->nline;
		int rc;
		if (!(s->done && s->index == b->written))
			break;
		pthread_mutex_unlock(&b->mu);
		rc = S_write_one(b, b->written, s);
		if (rc)
			b->werrno = errno; /* this thread's: told by S_run's */
		pthread_mutex_lock(&b->mu);
		s->done = 0;
		b->written++;
		b->parked -= bytes;
		if (rc) {
			/* no more output: the workers take no more entries */
			b->broken = 1;
			b->next = b->n;
		}
		pthread_cond_broadcast(&b->cv); /* room in the ring */
	}
	b->writing = 0;
}

/* A worker waits, taking no entries, while this much output waits for an
 * entry before it (the ring's room aside): a long document that others
 * overtake holds up their memory, not more. */
#define PARK_MAX ((size_t)64 << 20)

/* A worker: takes entries, S_TAKE at a time while the ring has room for
 * them, aligns them, parks them in their slots and writes what is next in
 * order (S_flush).  Entry i needs slot i % nslots, free once entry
 * i - nslots has been written.  The ring is wide (a slot holds a
 * document's output, not the document): a worker held up for a while
 * (another process on its processor) does not keep the other from going
 * on. */
static void *S_worker(void *arg)
{
	S_batch *b = arg;
	S_render_ctx r;

	S_render_init(b, &r);
	pthread_mutex_lock(&b->mu);
	for (;;) {
		size_t i, i0, i1;
		S_slot tmp[S_TAKE];
		while (b->next < b->n && (b->next >= b->written + b->nslots ||
		                          b->parked > PARK_MAX))
			pthread_cond_wait(&b->cv, &b->mu);
		if (b->next >= b->n)
			break;
		i0 = b->next;
		i1 = i0 + S_TAKE;
		if (i1 > b->n)
			i1 = b->n;
		if (i1 > b->written + b->nslots)
			i1 = b->written + b->nslots;
		b->next = i1;
		pthread_mutex_unlock(&b->mu);
		for (i = i0; i < i1; i++) {
			memset(&tmp[i - i0], 0, sizeof tmp[i - i0]);
			S_process(b, i, &tmp[i - i0]);
			S_render(b, &r, i, &tmp[i - i0]);
		}
		pthread_mutex_lock(&b->mu);
		for (i = i0; i < i1; i++) {
			S_slot *slot = &b->slots[i % b->nslots];
			*slot = tmp[i - i0];
			slot->index = i;
			slot->done = 1;
			b->parked += slot->nout + slot->nout2 + slot->nline;
		}
		S_flush(b);
	}
	pthread_mutex_unlock(&b->mu);
	S_render_close(&r);
	return NULL;
}

/* Frees what the workers left in the ring (after a write failure). */
static void S_ring_free(S_batch *b)
{
	size_t i;

	for (i = 0; i < b->nslots; i++)
		if (b->slots[i].done) {
			S_slot_release(&b->slots[i]);
			b->slots[i].done = 0;
		}
}

/* Aligns and writes entries [0, b->n) on o->jobs workers, the calling
 * thread one of them.  Returns the number of failed documents, or -1
 * when the output cannot be written. */
static long S_run(S_batch *b, FILE *sum, const S_opts *o)
{
	pthread_t *th = calloc(o->jobs, sizeof *th);
	size_t nth = 0, i;

	b->nslots = 8 * S_TAKE * o->jobs + 2;
	b->slots = calloc(b->nslots, sizeof *b->slots);
	if (!th || !b->slots) {
		free(th);
		free(b->slots);
		b->slots = NULL;
		cli_error("out of memory");
		return -1;
	}
	b->sum = sum;
	b->o = o;
	b->failed = 0;
	b->broken = b->writing = b->werrno = 0;
	b->parked = 0;
	if (!b->base) { /* progress counts from the first chunk on */
		b->sents = 0;
		b->t0 = cli_now();
	}
	pthread_mutex_init(&b->mu, NULL);
	pthread_cond_init(&b->cv, NULL);
	while (nth + 1 < o->jobs &&
	       !pthread_create(&th[nth], NULL, S_worker, b))
		nth++;
	S_worker(b);
	for (i = 0; i < nth; i++)
		pthread_join(th[i], NULL);
	S_ring_free(b);
	pthread_mutex_destroy(&b->mu);
	pthread_cond_destroy(&b->cv);
	free(b->slots);
	b->slots = NULL;
	free(th);
	if (b->broken) {
		errno = b->werrno; /* the caller tells why */
		return -1;
	}
	return b->failed;
}

/* S_run over the documents: all at once, or a manifest's chunk after
 * chunk.  Returns the number of failed documents; -1 when the output
 * cannot be written, -2 when the manifest cannot be read (told). */
static long S_run_all(S_batch *b, FILE *sum, const S_opts *o)
{
	long failed = 0, r;

	if (!b->mc)
		return S_run(b, sum, o);
	for (b->base = 0;;) {
		size_t n;
		if (S_manifest_next(b))
			return -2;
		if (!(n = b->n))
			return failed;
		b->next = b->written = 0;
		r = S_run(b, sum, o);
		S_entries_free(b->e, b->n);
		b->e = NULL;
		b->n = 0;
		if (r < 0)
			return r;
		failed += r;
		b->base += n;
	}
}

/*
 * --stream: document pairs as JSON lines on standard input, taken a chunk
 * at a time through the same workers, results on the output as they come:
 * a mapper for Hadoop Streaming, Spark pipe() or GNU parallel --pipe.
 *
 * A thread of its own reads the next chunk while the workers align one:
 * read in turn, the reading (a twentieth of the work on small documents)
 * and each chunk's end, where a worker waits for the other's last
 * document, made two workers 11 to 18 % slower here than on a manifest.  A
 * chunk is CHUNK document pairs or CHUNK_BYTES of text, whichever comes
 * first, so that two chunks in memory stay small.  The lines that are not
 * document pairs are told (in order, before the chunk's documents) and
 * counted as failed documents.
 */
#define CHUNK 256
#define CHUNK_BYTES ((size_t)8 << 20)

typedef struct {
	S_entry e[CHUNK];
	size_t n;
	struct {
		unsigned long line;
		const char *what; /* cli_jsonl_pair's message, a constant */
	} *bad;          /* the lines that are not document pairs */
	size_t nbad, badcap;
	int end;         /* the input ends after this chunk */
	int rerr;        /* errno of a read error that ended it, or 0 */
	int nomem;       /* memory ran out while reading it */
} S_chunk;

typedef struct {
	S_chunk c[2];
	int full[2];     /* chunk k read and not yet aligned */
	int stop;        /* the aligning stopped: read no more */
	char *line;
	size_t cap;
	unsigned long lineno;
	pthread_mutex_t mu;
	pthread_cond_t cv;
} S_reader;

/* Adds line `line`, not a document pair, to c's; -1 when out of memory. */
static int S_chunk_bad(S_chunk *c, unsigned long line, const char *what)
{
	if (c->nbad == c->badcap) {
		size_t cap = c->badcap ? 2 * c->badcap : 16;
		void *m = realloc(c->bad, cap * sizeof *c->bad);
		if (!m)
			return -1;
		c->bad = m;
		c->badcap = cap;
	}
	c->bad[c->nbad].line = line;
	c->bad[c->nbad++].what = what;
	return 0;
}

/* Reads chunk c from standard input. */
static void S_chunk_read(S_reader *r, S_chunk *c)
{
	size_t bytes = 0;
	ssize_t len;

	c->n = 0;
	c->nbad = 0;
	while (c->n < CHUNK && bytes < CHUNK_BYTES) {
		char *f[3];
		size_t fl[3];
		const char *err;
		errno = 0;
		if ((len = getline(&r->line, &r->cap, stdin)) < 0) {
			c->end = 1;
			if (ferror(stdin))
				c->rerr = errno ? errno : EIO;
			return;
		}
		r->lineno++;
		if (len <= 1 && (len == 0 || r->line[0] == '\n'))
			continue;
		if (cli_jsonl_pair(r->line, (size_t)len, f, fl, &err)) {
			if (S_chunk_bad(c, r->lineno, err)) {
				c->nomem = c->end = 1;
				return;
			}
			continue;
		}
		memset(&c->e[c->n], 0, sizeof c->e[c->n]);
		c->e[c->n].id = f[0];
		c->e[c->n].src_text = f[1];
		c->e[c->n].src_len = fl[1];
		c->e[c->n].tgt_text = f[2];
		c->e[c->n].tgt_len = fl[2];
		c->e[c->n].line = r->lineno;
		c->n++;
		bytes += fl[1] + fl[2];
	}
}

/* The reading thread: chunks 0, 1, 0, ... each once aligned, till the
 * input ends or the aligning stops. */
static void *S_reader_run(void *arg)
{
	S_reader *r = arg;
	int k, end = 0;

	for (k = 0; !end; k ^= 1) {
		pthread_mutex_lock(&r->mu);
		while (r->full[k] && !r->stop)
			pthread_cond_wait(&r->cv, &r->mu);
		if (r->stop) {
			pthread_mutex_unlock(&r->mu);
			break;
		}
		pthread_mutex_unlock(&r->mu);
		S_chunk_read(r, &r->c[k]);
		end = r->c[k].end;
		pthread_mutex_lock(&r->mu);
		r->full[k] = 1;
		pthread_cond_broadcast(&r->cv);
		pthread_mutex_unlock(&r->mu);
	}
	return NULL;
}

static void S_reader_free(S_reader *r)
{
	int k;

	for (k = 0; k < 2; k++) {
		S_entries_free_range(r->c[k].e, 0, r->c[k].n);
		free(r->c[k].bad);
	}
	free(r->line);
	pthread_mutex_destroy(&r->mu);
	pthread_cond_destroy(&r->cv);
	free(r);
}

/* Returns the number of failed documents; -1 when the output cannot be
 * written, -2 when the input cannot be read or memory runs out (told). */
static long S_stream(S_batch *b, FILE *sum, const S_opts *o)
{
	S_reader *r = calloc(1, sizeof *r);
	pthread_t th;
	long failed = 0, rc;
	int k, end = 0, threaded;
	size_t i;

	if (!r) {
		cli_error("out of memory");
		return -2;
	}
	pthread_mutex_init(&r->mu, NULL);
	pthread_cond_init(&r->cv, NULL);
	threaded = !pthread_create(&th, NULL, S_reader_run, r);
	for (k = 0; !end; k ^= 1) {
		S_chunk *c = &r->c[k];
		if (threaded) {
			pthread_mutex_lock(&r->mu);
			while (!r->full[k])
				pthread_cond_wait(&r->cv, &r->mu);
			pthread_mutex_unlock(&r->mu);
		} else {
			S_chunk_read(r, c); /* no thread: in turn */
		}
		for (i = 0; i < c->nbad; i++) /* before the chunk's documents */
			cli_error("<stdin>:%lu: %s", c->bad[i].line,
			          c->bad[i].what);
		failed += (long)c->nbad;
		end = c->end;
		if (c->nomem) {
			cli_error("out of memory");
			failed = -2;
			break;
		}
		b->e = c->e;
		b->n = b->total = c->n;
		b->base = 0;
		b->next = b->written = 0;
		rc = b->n ? S_run(b, sum, o) : 0;
		S_entries_free_range(c->e, 0, c->n);
		c->n = 0;
		b->e = NULL;
		b->n = 0;
		if (rc < 0 || fflush(stdout)) {
			failed = -1;
			break;
		}
		failed += rc;
		if (c->rerr) {
			cli_error("cannot read standard input: %s",
			          strerror(c->rerr));
			failed = -2;
			break;
		}
		pthread_mutex_lock(&r->mu);
		r->full[k] = 0;
		pthread_cond_broadcast(&r->cv);
		pthread_mutex_unlock(&r->mu);
	}
	if (threaded) {
		pthread_mutex_lock(&r->mu);
		r->stop = 1;
		pthread_cond_broadcast(&r->cv);
		pthread_mutex_unlock(&r->mu);
		if (!end) {
			/* stopped early: the reader may wait on an input that
			 * stays open; it is left to end with the process */
			pthread_detach(th);
			return failed;
		}
		pthread_join(th, NULL);
	}
	S_reader_free(r);
	return failed;
}

enum { OPT_SUMMARY = 256, OPT_SHARD, OPT_PRESEG, OPT_SRC_LANG, OPT_TGT_LANG,
       OPT_MIN_SCORE, OPT_LENIENT, OPT_SRX, OPT_STREAM, OPT_RESUME };
enum { OPT_SCORES = 512, OPT_SRC_SUFFIX, OPT_TGT_SUFFIX };

static const struct option long_opts[] = {
	{ "jobs", required_argument, NULL, 'j' },
	{ "output", required_argument, NULL, 'o' },
	{ "format", required_argument, NULL, 'f' },
	{ "summary", required_argument, NULL, OPT_SUMMARY },
	{ "shard", required_argument, NULL, OPT_SHARD },
	{ "presegmented", no_argument, NULL, OPT_PRESEG },
	{ "src-lang", required_argument, NULL, OPT_SRC_LANG },
	{ "tgt-lang", required_argument, NULL, OPT_TGT_LANG },
	{ "min-score", required_argument, NULL, OPT_MIN_SCORE },
	{ "lenient", no_argument, NULL, OPT_LENIENT },
	{ "srx", required_argument, NULL, OPT_SRX },
	{ "dict", required_argument, NULL, 'd' },
	{ "stream", no_argument, NULL, OPT_STREAM },
	{ "resume", no_argument, NULL, OPT_RESUME },
	{ "scores", no_argument, NULL, OPT_SCORES },
	{ "src-suffix", required_argument, NULL, OPT_SRC_SUFFIX },
	{ "tgt-suffix", required_argument, NULL, OPT_TGT_SUFFIX },
	CLI_ALIGN_LONG_OPTS,
	{ "verbose", no_argument, NULL, 'v' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static int S_shard(const char *s, size_t *k, size_t *n)
{
	unsigned long a, b;
	char c;

	if (sscanf(s, "%lu/%lu%c", &a, &b, &c) != 2 || !b || !a || a > b)
		return -1;
	*k = a - 1;
	*n = b;
	return 0;
}

static int S_format(const char *s, tumen_format *f)
{
	if (!strcmp(s, "tmx"))
		*f = TUMEN_FMT_TMX;
	else if (!strcmp(s, "beads"))
		*f = TUMEN_FMT_BEADS;
	else if (!strcmp(s, "tsv"))
		*f = TUMEN_FMT_TSV;
	else if (!strcmp(s, "moses"))
		*f = TUMEN_FMT_MOSES;
	else
		return -1;
	return 0;
}

/* --resume: which documents an earlier run finished. */
static int S_resume_start(S_batch *b, const char *output)
{
	size_t i;

	if (!(b->jr = journal_open(output)))
		return -1;
	b->skip = calloc(b->total + 1, 1);
	if (!b->skip)
		return -1;
	for (i = 0; i < b->total; i++)
		b->skip[i] = (unsigned char)journal_has(b->jr, i);
	return 0;
}

/* --resume: every document is in the journal; join the parts into the
 * output (whose header is written) and the summary.  Returns the number
 * of failed documents, or -1. */
static long S_resume_join(S_batch *b, cli_output *out, outfile *sumf)
{
	FILE *f = outfile_stream(out->o1);
	long failed = 0;
	size_t i;

	for (i = 0; i < b->total; i++) {
		if (journal_copy(b->jr, i, "out", f) ||
		    (sumf && journal_copy(b->jr, i, "json", outfile_stream(sumf))))
			return -1;
	}
	for (i = 0; i < b->total; i++)
		failed += b->skip[i] && journal_failed(b->jr, i);
	return failed;
}

/* A directory argument without its trailing slashes (malloc'd). */
static char *S_dir_arg(const char *s)
{
	char *d = strdup(s);
	size_t n = d ? strlen(d) : 0;

	while (n > 1 && d[n - 1] == '/')
		d[--n] = '\0';
	return d;
}

/* The documents: MANIFEST, DIR, or SRCDIR TGTDIR; suffixes: whether
 * --src-suffix or --tgt-suffix was given.  Returns 0 or an exit status
 * (message printed). */
static int S_inputs(char **arg, int narg, const char *ssuf, const char *tsuf,
                    int suffixes, size_t k, size_t nshards, S_batch *b)
{
	struct stat sb;
	char *dir[2] = { NULL, NULL };
	int i, rc = EXIT_FAIL;

	if (narg == 1 && (stat(arg[0], &sb) || !S_ISDIR(sb.st_mode))) {
		if (suffixes)
			return cli_usage_error("batch", "--src-suffix and "
			                       "--tgt-suffix need directories, not "
			                       "a MANIFEST");
		return (b->mc = S_manifest(arg[0], k, nshards, &b->total))
		               ? 0
		               : EXIT_FAIL;
	}
	for (i = 0; i < narg; i++) {
		if (stat(arg[i], &sb)) {
			cli_error("cannot open '%s': %s", arg[i], strerror(errno));
			return EXIT_FAIL;
		}
		if (!S_ISDIR(sb.st_mode))
			return cli_usage_error("batch", "'%s' is not a directory (two "
			                       "arguments are SRCDIR and TGTDIR)",
			                       arg[i]);
	}
	dir[0] = S_dir_arg(arg[0]);
	dir[1] = S_dir_arg(arg[narg - 1]);
	if (!dir[0] || !dir[1])
		cli_error("out of memory");
	else if (!strcmp(dir[0], dir[1]) && !strcmp(ssuf, tsuf))
		rc = cli_usage_error("batch", "--src-suffix and --tgt-suffix must "
		                     "differ when both sides are in one directory");
	else if (!S_dirs(dir[0], dir[1], ssuf, tsuf, k, nshards, &b->e, &b->n))
		rc = 0;
	b->total = b->n;
	free(dir[0]);
	free(dir[1]);
	return rc;
}

int cmd_batch(int argc, char **argv)
{
	S_batch b;
	S_opts o;
	cli_output out;
	outfile *sumf = NULL;
	size_t shard = 0, nshards = 1;
	double jobs;
	long failed;
	int c, rc, stream = 0, suffixes = 0;
	const char *ssuf = ".en.txt", *tsuf = ".fa.txt";
	const char *srxpath = NULL, *dictpaths[CLI_MAX_DICTS];
	tumen_srx *srx = NULL;
	tumen_dict *dict = NULL;
	size_t ndict = 0;

	memset(&b, 0, sizeof b);
	memset(&o, 0, sizeof o);
	tumen_doc_opts_init(&b.src);
	tumen_doc_opts_init(&b.tgt);
	b.tgt.lang = "fa";
	tumen_align_opts_init(&b.align);
	tumen_writer_opts_init(&o.out);
	o.output = "-";
	o.jobs = 1;
	optind = 1;
	while ((c = getopt_long(argc, argv, "j:o:f:d:vqh", long_opts, NULL)) != -1) {
		if ((rc = cli_align_option("batch", c, optarg, &b.align, &b.src,
		                           &b.tgt)) >= 0) {
			if (rc)
				return rc;
			continue;
		}
		switch (c) {
		case 'j':
			if (cli_parse_double(optarg, 1, 256, &jobs) ||
			    jobs != (size_t)jobs)
				return cli_usage_error("batch", "-j needs 1 to 256");
			o.jobs = (size_t)jobs;
			break;
		case 'o': o.output = optarg; break;
		case 'f':
			if (S_format(optarg, &o.out.format))
				return cli_usage_error("batch",
				        "unknown format '%s' (tmx, beads, tsv, moses)",
				        optarg);
			break;
		case OPT_SUMMARY: o.summary = optarg; break;
		case OPT_SHARD:
			if (S_shard(optarg, &shard, &nshards))
				return cli_usage_error("batch",
				        "--shard needs K/N with 1 <= K <= N");
			break;
		case OPT_PRESEG: b.src.presegmented = b.tgt.presegmented = 1; break;
		case OPT_SRC_LANG: b.src.lang = optarg; break;
		case OPT_TGT_LANG: b.tgt.lang = optarg; break;
		case OPT_MIN_SCORE:
			if (cli_parse_double(optarg, 0.0, 1.0, &o.out.min_score))
				return cli_usage_error("batch",
				        "--min-score needs a number from 0 to 1");
			break;
		case OPT_LENIENT: b.src.lenient = b.tgt.lenient = 1; break;
		case OPT_SRX: srxpath = optarg; break;
		case 'd':
			if (ndict == CLI_MAX_DICTS)
				return cli_usage_error("batch", "at most %d dictionaries",
				                       CLI_MAX_DICTS);
			dictpaths[ndict++] = optarg;
			break;
		case OPT_STREAM: stream = 1; break;
		case OPT_RESUME: o.resume = 1; break;
		case OPT_SCORES: o.out.bead_scores = 1; break;
		case OPT_SRC_SUFFIX:
		case OPT_TGT_SUFFIX:
			if (!*optarg)
				return cli_usage_error("batch", "--%s-suffix needs a "
				                       "suffix, such as .txt",
				                       c == OPT_SRC_SUFFIX ? "src" : "tgt");
			*(c == OPT_SRC_SUFFIX ? &ssuf : &tsuf) = optarg;
			suffixes = 1;
			break;
		case 'v': o.verbose = 1; break;
		case 'q': o.quiet = 1; break;
		case 'h': S_help(); return EXIT_OK;
		default: return cli_usage_error("batch", "invalid option");
		}
	}
	if (stream && argc != optind)
		return cli_usage_error("batch", "--stream reads standard input, no "
		                       "MANIFEST");
	if (!stream && (argc - optind < 1 || argc - optind > 2))
		return cli_usage_error("batch", "expected a MANIFEST, a DIR or "
		                       "SRCDIR TGTDIR");
	if (stream && suffixes)
		return cli_usage_error("batch", "--src-suffix and --tgt-suffix "
		                       "need directories, not --stream");
	o.out.src_lang = b.src.lang;
	o.out.tgt_lang = b.tgt.lang;
	/* beads name no text: each line says which document it belongs to */
	o.out.doc_ids = stream || o.out.format == TUMEN_FMT_BEADS;
	o.progress = !o.quiet && isatty(STDERR_FILENO);
	if (o.out.format == TUMEN_FMT_MOSES && !strcmp(o.output, "-"))
		return cli_usage_error("batch", "-f moses needs -o PREFIX");
	if (o.resume && (stream || !strcmp(o.output, "-") ||
	                 o.out.format == TUMEN_FMT_MOSES))
		return cli_usage_error("batch", "--resume needs -o FILE, a manifest "
		                       "or directories, and a format other than "
		                       "moses");
	if (!stream && (rc = S_inputs(argv + optind, argc - optind, ssuf, tsuf,
	                              suffixes, shard, nshards, &b)))
		return rc;
	if ((rc = cli_output_open(&out, o.output, &o.out))) {
		S_entries_free(b.e, b.n);
		S_mcursor_free(b.mc);
		return rc;
	}
	if (o.summary && !(sumf = outfile_open(o.summary))) {
		cli_output_abort(&out);
		S_entries_free(b.e, b.n);
		S_mcursor_free(b.mc);
		return EXIT_FAIL;
	}
	if ((srxpath && !(srx = cli_load_srx(srxpath))) ||
	    cli_load_dicts(&dict, dictpaths, ndict)) {
		tumen_srx_free(srx);
		outfile_abort(sumf);
		cli_output_abort(&out);
		S_entries_free(b.e, b.n);
		S_mcursor_free(b.mc);
		return EXIT_FAIL;
	}
	b.src.srx = b.tgt.srx = srx; /* shared by the workers: immutable */
	b.align.dict = dict;         /* likewise */
	if (o.resume && S_resume_start(&b, o.output)) {
		failed = -1;
	} else {
		b.f1 = outfile_stream(out.o1);
		b.f2 = out.o2 ? outfile_stream(out.o2) : NULL;
		failed = (stream ? S_stream : S_run_all)(&b, sumf ? outfile_stream(sumf)
		                                                 : NULL, &o);
		out.dropped = b.dropped;
		if (failed >= 0 && b.jr) {
			/* this run's failures and the earlier runs' */
			long earlier = S_resume_join(&b, &out, sumf);
			failed = earlier < 0 ? -1 : failed + earlier;
		}
	}
	tumen_srx_free(srx);
	tumen_dict_free(dict);
	if (failed < 0) {
		if (failed == -1)
			cli_error("cannot write '%s': %s", o.output,
			          strerror(errno));
		journal_close(b.jr);
		free(b.skip);
		outfile_abort(sumf);
		cli_output_abort(&out);
		S_entries_free(b.e, b.n);
		S_mcursor_free(b.mc);
		return EXIT_FAIL;
	}
	rc = cli_output_commit(&out, o.quiet) ? EXIT_FAIL : EXIT_OK;
	if (sumf && outfile_commit(sumf))
		rc = EXIT_FAIL;
	if (!rc && o.verbose)
		S_verbose(&b);
	if (!rc && b.jr)
		journal_remove(b.jr, b.total);
	journal_close(b.jr);
	free(b.skip);
	cli_output_abort(&out);
	S_entries_free(b.e, b.n);
	S_mcursor_free(b.mc);
	return rc ? rc : failed ? EXIT_FAIL : EXIT_OK;
}
