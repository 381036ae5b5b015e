/*
 * tmx_tools.c - what `tumen tmx` does, on the streaming reader: stats,
 * validate, merge, filter, export.
 *
 * Pairs are compared by a 64-bit key (tumen_tu_key()), so deduplication
 * costs 16 bytes per distinct pair whatever the text length; two different
 * pairs share a key with odds of about n^2 / 2^65, which we accept.
 */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "buf.h"
#include "normalize.h"
#include "tmx_read.h"
#include "tmx_write.h"

int tumen_tmx_lang_ok(const char *s, size_t len)
{
	size_t i = 0, sub = 0, n;

	while (i <= len) {
		for (n = 0; i + n < len && s[i + n] != '-'; n++)
			if (!isalnum((unsigned char)s[i + n]))
				return 0;
		if (n < 1 || n > 8)
			return 0;
		if (sub++ == 0) { /* primary: 2-3 or 5-8 letters, i or x */
			size_t k;
			for (k = 0; k < n; k++)
				if (!isalpha((unsigned char)s[i + k]))
					return 0;
			if (n == 4 || (n == 1 && !strchr("ixIX", s[i])))
				return 0;
		}
		i += n + 1;
	}
	return 1;
}

static int S_2(const char *s)
{
	return (s[0] - '0') * 10 + (s[1] - '0');
}

int tumen_tmx_date_ok(const char *s)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	                             30, 31 };
	int i, y, mo, d;

	if (strlen(s) != 16 || s[8] != 'T' || s[15] != 'Z')
		return 0;
	for (i = 0; i < 15; i++)
		if (i != 8 && !isdigit((unsigned char)s[i]))
			return 0;
	y = S_2(s) * 100 + S_2(s + 2);
	mo = S_2(s + 4);
	d = S_2(s + 6);
	if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] ||
	    S_2(s + 9) > 23 || S_2(s + 11) > 59 || S_2(s + 13) > 59)
		return 0;
	return !(mo == 2 && d == 29 && (y % 4 || (y % 100 == 0 && y % 400)));
}

/* ---- keys and scores ------------------------------------------------ */

static uint64_t S_mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	return h ^ (h >> 33);
}

/* FNV-1a of s with ASCII white space runs hashed as one space and leading
 * and trailing white space left out. */
static uint64_t S_hash_text(uint64_t h, const char *s, size_t len)
{
	size_t i;
	int space = 0, any = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = any;
			continue;
		}
		if (space)
			h = (h ^ ' ') * 0x100000001b3ULL;
		h = (h ^ c) * 0x100000001b3ULL;
		space = 0;
		any = 1;
	}
	return h;
}

/* The key of one side: its matching form hashed (form: scratch). */
static tumen_status S_side_key(const char *s, size_t len, tumen_buf *form,
                               uint64_t *key)
{
	tumen_status st;

	tumen_buf_reset(form);
	if ((st = tumen_match_form(s, len, form)))
		return st;
	*key = S_hash_text(0xcbf29ce484222325ULL, form->ptr, form->len);
	return TUMEN_OK;
}

static tumen_status S_key(const tumen_tu *tu, tumen_buf *form, uint64_t *key)
{
	uint64_t sum = 0, h;
	tumen_status st;
	size_t i, k;

	for (i = 0; i < tu->ntuvs; i++) {
		const tumen_tuv *v = &tu->tuvs[i];
		if ((st = S_side_key(v->seg.ptr, v->seg.len, form, &h)))
			return st;
		for (k = 0; k < v->lang.len; k++)
			h = (h ^ (unsigned char)tolower(v->lang.ptr[k])) *
			    0x100000001b3ULL;
		sum += S_mix(h); /* a sum: the order of the tuvs is moot */
	}
	*key = sum ? sum : 1; /* 0 marks an empty slot */
	return TUMEN_OK;
}

tumen_status tumen_tu_key(const tumen_tu *tu, unsigned long long *key)
{
	tumen_buf form = TUMEN_BUF_INIT;
	uint64_t k = 0;
	tumen_status st = S_key(tu, &form, &k);

	tumen_buf_release(&form);
	*key = k;
	return st;
}

double tumen_tu_score(const tumen_tu *tu)
{
	size_t i;
	char *end;
	double v;

	for (i = 0; i < tu->nprops; i++) {
		if (strcmp(tu->props[i].type.ptr, "x-score"))
			continue;
		v = strtod(tu->props[i].value.ptr, &end);
		if (end == tu->props[i].value.ptr || !(v >= 0.0) || v > 1.0)
			return -1.0;
		return v;
	}
	return -1.0;
}

/* ---- a set of pair keys, each with its best copy --------------------- */

typedef struct {
	uint64_t key;
	uint32_t ord; /* the unit holding the best copy */
	float score;
} S_slot;

typedef struct {
	S_slot *s;
	size_t cap, n; /* cap: a power of two */
} S_set;

static S_slot *S_probe(S_slot *s, size_t cap, uint64_t key)
{
	size_t i = (size_t)S_mix(key) & (cap - 1);

	while (s[i].key && s[i].key != key)
		i = (i + 1) & (cap - 1);
	return &s[i];
}

/* The slot of key, added (key set, ord and score for the caller to fill)
 * if new: *added says which.  NULL when out of memory. */
static S_slot *S_set_get(S_set *set, uint64_t key, int *added)
{
	S_slot *sl;
	size_t i;

	if ((set->n + 1) * 10 > set->cap * 7) {
		size_t nc = set->cap ? set->cap * 2 : 1024;
		S_slot *ns = calloc(nc, sizeof *ns);
		if (!ns)
			return NULL;
		for (i = 0; i < set->cap; i++)
			if (set->s[i].key)
				*S_probe(ns, nc, set->s[i].key) = set->s[i];
		free(set->s);
		set->s = ns;
		set->cap = nc;
	}
	sl = S_probe(set->s, set->cap, key);
	*added = !sl->key;
	if (*added) {
		sl->key = key;
		set->n++;
	}
	return sl;
}

/* ---- stats ---------------------------------------------------------- */

typedef struct {
	tumen_tmx_stats *s;
	tumen_tmx_reader *r;
	S_set set;
	tumen_buf form;
} S_stats;

static size_t S_chars(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

static size_t S_words(const char *s, size_t len)
{
	size_t i, n = 0;
	int in = 0;

	for (i = 0; i < len; i++) {
		int sp = isspace((unsigned char)s[i]);
		n += !sp && !in;
		in = !sp;
	}
	return n;
}

static void S_count_lang(tumen_tmx_stats *s, const tumen_tuv *v)
{
	size_t i;

	for (i = 0; i < s->nlangs; i++)
		if (!strcasecmp(s->langs[i].lang, v->lang.ptr))
			break;
	if (i == s->nlangs) {
		if (i == TUMEN_TMX_MAX_LANGS)
			i--, strcpy(s->langs[i].lang, "other");
		else
			snprintf(s->langs[s->nlangs++].lang,
			         sizeof s->langs[0].lang, "%s", v->lang.ptr);
	}
	s->langs[i].segments++;
	s->langs[i].words += S_words(v->seg.ptr, v->seg.len);
	s->langs[i].chars += S_chars(v->seg.ptr, v->seg.len);
}

static void S_count_bead(tumen_tmx_stats *s, const char *type)
{
	size_t i;

	for (i = 0; i < s->nbeads; i++)
		if (!strcmp(s->beads[i].type, type))
			break;
	if (i == s->nbeads) {
		if (i == TUMEN_TMX_MAX_BEADS || strlen(type) >= 16)
			type = "other";
		for (i = 0; i < s->nbeads; i++)
			if (!strcmp(s->beads[i].type, type))
				break;
		if (i == s->nbeads) {
			if (i == TUMEN_TMX_MAX_BEADS + 1)
				i--; /* both "other" and full: share the last */
			else
				s->nbeads++;
			strcpy(s->beads[i].type, type);
		}
	}
	s->beads[i].count++;
}

static tumen_status S_stats_tu(void *ctx, const tumen_tu *tu)
{
	S_stats *c = ctx;
	tumen_tmx_stats *s = c->s;
	double sc = tumen_tu_score(tu);
	uint64_t key;
	size_t i;
	int added;
	tumen_status st;

	if (s->units++ == 0) {
		const char *sl = tumen_tmx_reader_header(c->r, "srclang");
		snprintf(s->srclang, sizeof s->srclang, "%s", sl ? sl : "");
	}
	s->tuvs += tu->ntuvs;
	for (i = 0; i < tu->ntuvs; i++)
		S_count_lang(s, &tu->tuvs[i]);
	for (i = 0; i < tu->nprops; i++)
		if (!strcmp(tu->props[i].type.ptr, "x-bead"))
			S_count_bead(s, tu->props[i].value.ptr);
	if (sc >= 0) {
		s->scored++;
		s->score_hist[sc >= 1.0 ? 9 : (int)(sc * 10)]++;
	}
	if ((st = S_key(tu, &c->form, &key)))
		return st;
	if (!S_set_get(&c->set, key, &added))
		return TUMEN_ENOMEM;
	s->duplicates += !added;
	return TUMEN_OK;
}

tumen_status tumen_tmx_stats_read(FILE *f, tumen_tmx_stats *s,
                                  tumen_error *err)
{
	S_stats c;
	tumen_status st;

	memset(s, 0, sizeof *s);
	memset(&c, 0, sizeof c);
	c.s = s;
	tumen_buf_init(&c.form);
	st = tumen_tmx_reader_new(&c.r, NULL, S_stats_tu, &c);
	if (!st)
		st = tumen_tmx_reader_read(c.r, f, err);
	if (!st && !s->units) {
		const char *sl = tumen_tmx_reader_header(c.r, "srclang");
		snprintf(s->srclang, sizeof s->srclang, "%s", sl ? sl : "");
	}
	tumen_tmx_reader_free(c.r);
	tumen_buf_release(&c.form);
	free(c.set.s);
	return st;
}

/* ---- validate ------------------------------------------------------- */

typedef struct {
	tumen_tmx_problem_fn fn;
	void *ctx;
	size_t n;
	char srclang[64];
	int header, tuv_in_tu, segs;
	unsigned long tuv_line;
} S_val;

static void S_problem(S_val *v, unsigned long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void S_problem(S_val *v, unsigned long line, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	v->n++;
	v->fn(v->ctx, line, msg);
}

/* Each element: where it may stand, and the attributes it must have. */
static const struct {
	const char *name, *parents, *required;
} S_elems[] = {
	{ "tmx", "", "version" },
	{ "header", "tmx", "creationtool creationtoolversion segtype o-tmf "
	                   "adminlang srclang datatype" },
	{ "body", "tmx", "" },
	{ "tu", "body", "" },
	{ "tuv", "tu", "xml:lang" },
	{ "seg", "tuv", "" },
	{ "prop", "header tu tuv", "type" },
	{ "note", "header tu tuv", "" },
	{ "ude", "header", "name" },
	{ "map", "ude", "unicode" },
	{ "bpt", "seg hi sub", "i" },
	{ "ept", "seg hi sub", "i" },
	{ "it", "seg hi sub", "pos" },
	{ "ph", "seg hi sub", "" },
	{ "ut", "seg hi sub", "" },
	{ "hi", "seg hi sub", "" },
	{ "sub", "bpt ept it ph ut", "" },
};

/* Whether word w is one of the space-separated words of list. */
static int S_in(const char *list, const char *w)
{
	size_t n = strlen(w);

	for (;;) {
		if (!strncmp(list, w, n) && (list[n] == ' ' || !list[n]))
			return 1;
		if (!(list = strchr(list, ' ')))
			return 0;
		list++;
	}
}

static void S_check_attr(S_val *v, const char *el, const char *a,
                         const char *val, unsigned long line)
{
	if (S_in("creationdate changedate lastusagedate", a) &&
	    !tumen_tmx_date_ok(val))
		S_problem(v, line, "invalid date '%s' in %s (expected "
		          "YYYYMMDDThhmmssZ)", val, a);
	else if ((!strcmp(a, "xml:lang") || !strcmp(a, "adminlang") ||
	          !strcmp(a, "srclang")) && strcmp(val, "*all*") != 0 &&
	         !tumen_tmx_lang_ok(val, strlen(val)))
		S_problem(v, line, "invalid language code '%s'", val);
	else if (!strcmp(a, "srclang") && !strcmp(val, "*all*") &&
	         strcmp(el, "header") != 0)
		S_problem(v, line, "srclang '*all*' is only for the header");
	else if (!strcmp(a, "segtype") &&
	         !S_in("block paragraph sentence phrase", val))
		S_problem(v, line, "invalid segtype '%s'", val);
	else if (!strcmp(el, "it") && !strcmp(a, "pos") &&
	         !S_in("begin end", val))
		S_problem(v, line, "invalid pos '%s' (begin or end)", val);
	else if (!strcmp(el, "tmx") && !strcmp(a, "version") &&
	         strcmp(val, "1.4") != 0)
		S_problem(v, line, "tmx version is '%s', not 1.4", val);
}

static void S_check_required(S_val *v, size_t e, const char **atts,
                             unsigned long line)
{
	const char *p = S_elems[e].required, *q;
	char a[32];
	size_t i;

	while (*p) {
		q = strchr(p, ' ');
		snprintf(a, sizeof a, "%.*s", (int)(q ? (size_t)(q - p) :
		                                        strlen(p)), p);
		for (i = 0; atts[i] && strcmp(atts[i], a); i += 2)
			;
		if (!atts[i])
			S_problem(v, line, "<%s> lacks required attribute '%s'",
			          S_elems[e].name, a);
		p = q ? q + 1 : p + strlen(p);
	}
}

/* The order rules the parent table cannot say. */
static void S_check_order(S_val *v, const char *name, const char **atts,
                          const char *parent, unsigned long line)
{
	const char *sl;

	if (!strcmp(name, "header")) {
		v->header = 1;
		for (sl = NULL; *atts; atts += 2)
			if (!strcmp(atts[0], "srclang"))
				sl = atts[1];
		snprintf(v->srclang, sizeof v->srclang, "%s", sl ? sl : "");
	} else if (!strcmp(name, "body") && !v->header) {
		S_problem(v, line, "<body> before <header>");
		v->header = 1;
	} else if (!strcmp(name, "tu")) {
		v->tuv_in_tu = 0;
	} else if (!strcmp(name, "tuv")) {
		v->tuv_in_tu = 1;
		v->segs = 0;
		v->tuv_line = line;
	} else if (!strcmp(name, "seg") && !strcmp(parent, "tuv")) {
		if (v->segs++ == 1)
			S_problem(v, line, "<tuv> has more than one <seg>");
	} else if (!strcmp(parent, "tu") && v->tuv_in_tu) {
		S_problem(v, line, "<%s> after <tuv> in <tu>", name);
	}
}

static void S_val_hook(void *ctx, const char *name, const char **atts,
                       const char *parent, unsigned long line)
{
	S_val *v = ctx;
	size_t e, i;

	if (!atts) { /* an end tag */
		if (!strcmp(name, "tuv") && !v->segs)
			S_problem(v, v->tuv_line, "<tuv> has no <seg>");
		return;
	}
	for (e = 0; e < sizeof S_elems / sizeof *S_elems; e++)
		if (!strcmp(S_elems[e].name, name))
			break;
	if (e == sizeof S_elems / sizeof *S_elems) {
		S_problem(v, line, "unknown element <%s>", name);
		return;
	}
	if (*parent && !S_in(S_elems[e].parents, parent))
		S_problem(v, line, "<%s> not allowed in <%s>", name, parent);
	S_check_required(v, e, atts, line);
	for (i = 0; atts[i]; i += 2)
		S_check_attr(v, name, atts[i], atts[i + 1], line);
	S_check_order(v, name, atts, parent, line);
}

static tumen_status S_val_tu(void *ctx, const tumen_tu *tu)
{
	S_val *v = ctx;
	size_t i;

	if (!tu->ntuvs) {
		S_problem(v, tu->line, "<tu> has no <tuv>");
		return TUMEN_OK;
	}
	if (!v->srclang[0] || !strcmp(v->srclang, "*all*"))
		return TUMEN_OK;
	for (i = 0; i < tu->ntuvs; i++)
		if (!strcasecmp(tu->tuvs[i].lang.ptr, v->srclang))
			return TUMEN_OK;
	S_problem(v, tu->line, "<tu> has no <tuv> in the source language '%s'",
	          v->srclang);
	return TUMEN_OK;
}

tumen_status tumen_tmx_validate(FILE *f, tumen_tmx_problem_fn fn, void *ctx,
                                size_t *nproblems, tumen_error *err)
{
	S_val v;
	tumen_tmx_reader *r;
	tumen_error e;
	tumen_status st;

	memset(&v, 0, sizeof v);
	v.fn = fn;
	v.ctx = ctx;
	tumen_error_clear(err);
	if ((st = tumen_tmx_reader_new(&r, NULL, S_val_tu, &v)))
		return st;
	tumen_tmx_reader_set_hook(r, S_val_hook, &v);
	st = tumen_tmx_reader_read(r, f, &e);
	tumen_tmx_reader_free(r);
	if (st == TUMEN_EFORMAT || st == TUMEN_ELIMIT)
		S_problem(&v, e.line, "%s", e.msg);
	else if (st && err)
		*err = e;
	if (nproblems)
		*nproblems = v.n;
	if (st == TUMEN_OK || st == TUMEN_EFORMAT || st == TUMEN_ELIMIT)
		return v.n ? TUMEN_EFORMAT : TUMEN_OK;
	return st;
}

/* ---- writing units back --------------------------------------------- */

typedef struct {
	FILE *f;
	tumen_buf b;
	int begun;
	char srclang[36], date[32];
} S_out;

/* Takes the srclang and creationdate of a reader's header, when sound. */
static void S_out_header(S_out *o, const tumen_tmx_reader *r)
{
	const char *sl = tumen_tmx_reader_header(r, "srclang");
	const char *d = tumen_tmx_reader_header(r, "creationdate");
	time_t t = time(NULL);
	struct tm tm;

	snprintf(o->srclang, sizeof o->srclang, "%s",
	         sl && (!strcmp(sl, "*all*") || tumen_tmx_lang_ok(sl, strlen(sl)))
	         ? sl : "en");
	if (d && tumen_tmx_date_ok(d)) {
		snprintf(o->date, sizeof o->date, "%s", d);
	} else {
		gmtime_r(&t, &tm);
		strftime(o->date, sizeof o->date, "%Y%m%dT%H%M%SZ", &tm);
	}
}

static tumen_status S_out_begin(S_out *o)
{
	if (o->begun)
		return TUMEN_OK;
	o->begun = 1;
	return tumen_tmx_begin(o->f, o->srclang[0] ? o->srclang : "en",
	                       o->date[0] ? o->date : "19700101T000000Z");
}

static int S_w_attrs(tumen_buf *b, const tumen_tmx_attr *a, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (tumen_buf_printf(b, " %s=\"", a[i].name.ptr) ||
		    tumen_tmx_escape_attr(b, a[i].value.ptr) ||
		    tumen_buf_addc(b, '"'))
			return -1;
	return 0;
}

/* Notes first, then props: the order TMX 1.4b asks within tu and tuv. */
static int S_w_props(tumen_buf *b, const tumen_tmx_prop *p, size_t n,
                     const char *el, const char *indent)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (tumen_buf_printf(b, "%s<%s", indent, el) ||
		    (p[i].type.len && (tumen_buf_adds(b, " type=\"") ||
		     tumen_tmx_escape_attr(b, p[i].type.ptr) ||
		     tumen_buf_addc(b, '"'))) ||
		    (p[i].lang.len && (tumen_buf_adds(b, " xml:lang=\"") ||
		     tumen_tmx_escape_attr(b, p[i].lang.ptr) ||
		     tumen_buf_addc(b, '"'))) ||
		    tumen_buf_addc(b, '>') ||
		    tumen_xml_escape(b, p[i].value.ptr, p[i].value.len, NULL) ||
		    tumen_buf_printf(b, "</%s>\n", el))
			return -1;
	}
	return 0;
}

/* A tuv with neither note nor prop goes on one line, as tumen writes it,
 * so that merging tumen's own TMX gives back the same bytes. */
static int S_w_tuv(tumen_buf *b, const tumen_tuv *v)
{
	int flat = !v->nnotes && !v->nprops;

	return tumen_buf_adds(b, "      <tuv xml:lang=\"") ||
	       tumen_tmx_escape_attr(b, v->lang.ptr) ||
	       tumen_buf_addc(b, '"') || S_w_attrs(b, v->attrs, v->nattrs) ||
	       tumen_buf_adds(b, flat ? ">" : ">\n") ||
	       S_w_props(b, v->notes, v->nnotes, "note", "        ") ||
	       S_w_props(b, v->props, v->nprops, "prop", "        ") ||
	       tumen_buf_adds(b, flat ? "<seg>" : "        <seg>") ||
	       tumen_buf_add(b, v->xml.ptr, v->xml.len) ||
	       tumen_buf_adds(b, flat ? "</seg></tuv>\n" :
	                      "</seg>\n      </tuv>\n") ? -1 : 0;
}

/* Writes tu (read with keep_inline) with the tuvs whose keep[] is set
 * (keep NULL: all). */
static tumen_status S_write_tu(S_out *o, const tumen_tu *tu,
                               const unsigned char *keep)
{
	tumen_buf *b = &o->b;
	tumen_status st;
	size_t i;

	if ((st = S_out_begin(o)))
		return st;
	tumen_buf_reset(b);
	if (tumen_buf_adds(b, "    <tu") ||
	    S_w_attrs(b, tu->attrs, tu->nattrs) || tumen_buf_adds(b, ">\n") ||
	    S_w_props(b, tu->notes, tu->nnotes, "note", "      ") ||
	    S_w_props(b, tu->props, tu->nprops, "prop", "      "))
		return TUMEN_ENOMEM;
	for (i = 0; i < tu->ntuvs; i++)
		if ((!keep || keep[i]) && S_w_tuv(b, &tu->tuvs[i]))
			return TUMEN_ENOMEM;
	if (tumen_buf_adds(b, "    </tu>\n"))
		return TUMEN_ENOMEM;
	if (fwrite(b->ptr, 1, b->len, o->f) != b->len || ferror(o->f))
		return TUMEN_EIO;
	return TUMEN_OK;
}

static tumen_status S_out_end(S_out *o)
{
	tumen_status st = S_out_begin(o);

	tumen_buf_release(&o->b);
	if (st || (st = tumen_tmx_end(o->f)))
		return st;
	return fflush(o->f) || ferror(o->f) ? TUMEN_EIO : TUMEN_OK;
}

/* ---- merge ---------------------------------------------------------- */

typedef struct {
	S_set set;
	tumen_buf form;
	S_out out;
	int pass;
	uint32_t ord;
	tumen_tmx_merge_result *res;
} S_merge;

static tumen_status S_merge_tu(void *ctx, const tumen_tu *tu)
{
	S_merge *m = ctx;
	float sc = (float)tumen_tu_score(tu);
	uint64_t key;
	S_slot *sl;
	int added;
	tumen_status st;

	if (m->ord == UINT32_MAX)
		return TUMEN_ELIMIT;
	if ((st = S_key(tu, &m->form, &key)))
		return st;
	if (m->pass == 2) {
		if (!m->set.cap) /* the input changed since pass 1 */
			return TUMEN_OK;
		sl = S_probe(m->set.s, m->set.cap, key);
		if (sl->ord != m->ord++)
			return TUMEN_OK;
		m->res->written++;
		return S_write_tu(&m->out, tu, NULL);
	}
	m->res->read++;
	if (!(sl = S_set_get(&m->set, key, &added)))
		return TUMEN_ENOMEM;
	m->res->duplicates += !added;
	if (added || sc > sl->score) {
		sl->ord = m->ord;
		sl->score = sc;
	}
	m->ord++;
	return TUMEN_OK;
}

/* Reads input i from its start in the current pass. */
static tumen_status S_merge_pass(S_merge *m, FILE *f, size_t i,
                                 tumen_error *err)
{
	tumen_tmx_reader_opts o = { .keep_inline = m->pass == 2 };
	tumen_tmx_reader *r;
	tumen_status st;

	m->res->failed = i;
	if (fseek(f, 0, SEEK_SET)) {
		if (err)
			snprintf(err->msg, sizeof err->msg,
			         "input is not seekable (merge reads it twice)");
		return TUMEN_EINVAL;
	}
	clearerr(f);
	if ((st = tumen_tmx_reader_new(&r, &o, S_merge_tu, m)))
		return st;
	st = tumen_tmx_reader_read(r, f, err);
	if (!st && m->pass == 1 && i == 0)
		S_out_header(&m->out, r);
	tumen_tmx_reader_free(r);
	return st;
}

tumen_status tumen_tmx_merge(FILE *const *in, size_t nin, FILE *out,
                             tumen_tmx_merge_result *res, tumen_error *err)
{
	S_merge m;
	tumen_status st = TUMEN_OK;
	size_t i;

	memset(&m, 0, sizeof m);
	memset(res, 0, sizeof *res);
	tumen_error_clear(err);
	m.res = res;
	m.out.f = out;
	tumen_buf_init(&m.form);
	tumen_buf_init(&m.out.b);
	for (m.pass = 1; m.pass <= 2 && !st; m.pass++, m.ord = 0)
		for (i = 0; i < nin && !st; i++)
			st = S_merge_pass(&m, in[i], i, err);
	if (!st)
		st = S_out_end(&m.out);
	tumen_buf_release(&m.out.b);
	tumen_buf_release(&m.form);
	free(m.set.s);
	if (st && err && !err->code)
		err->code = st;
	return st;
}

/* ---- filter --------------------------------------------------------- */

#define MAX_FILTER_LANGS 8

typedef struct {
	const tumen_tmx_filter_opts *o;
	tumen_tmx_filter_result *res;
	char langs[MAX_FILTER_LANGS][36];
	size_t nlangs;
	tumen_tmx_reader *r;
	S_out out;
	tumen_buf form;
	unsigned char *keep;
	size_t keepcap;
} S_filter;

void tumen_tmx_filter_opts_init(tumen_tmx_filter_opts *o)
{
	memset(o, 0, sizeof *o);
	o->min_score = -1.0;
}

const char *tumen_tmx_rule_name(int rule)
{
	static const char *const names[TUMEN_TMX_RULES] = {
		"langs", "min-score", "chars", "max-ratio", "numbers",
		"identical"
	};

	return rule >= 0 && rule < TUMEN_TMX_RULES ? names[rule] : "?";
}

/* Splits "en,fa" into c->langs; -1 if a code is not a language tag. */
static int S_parse_langs(S_filter *c, const char *s)
{
	while (s && *s) {
		size_t n = strcspn(s, ",");
		if (c->nlangs == MAX_FILTER_LANGS || n >= 36 ||
		    !tumen_tmx_lang_ok(s, n))
			return -1;
		memcpy(c->langs[c->nlangs], s, n);
		c->langs[c->nlangs++][n] = '\0';
		s += n + (s[n] == ',');
	}
	return 0;
}

static const tumen_tuv *S_find(const tumen_tu *tu, const char *lang,
                               const tumen_tuv *not)
{
	size_t i;

	for (i = 0; i < tu->ntuvs; i++)
		if (lang ? !strcasecmp(tu->tuvs[i].lang.ptr, lang) :
		    strcasecmp(tu->tuvs[i].lang.ptr, not->lang.ptr) != 0)
			return &tu->tuvs[i];
	return NULL;
}

/* Digit value of the UTF-8 character at p (ASCII, Persian or
 * Arabic-Indic), or -1; *n gets its length. */
static int S_digit(const unsigned char *p, size_t left, size_t *n)
{
	*n = 1;
	if (*p >= '0' && *p <= '9')
		return *p - '0';
	if (left >= 2 && (p[0] == 0xDB || p[0] == 0xD9) &&
	    p[1] >= (p[0] == 0xDB ? 0xB0 : 0xA0) &&
	    p[1] <= (p[0] == 0xDB ? 0xB9 : 0xA9)) {
		*n = 2;
		return p[1] - (p[0] == 0xDB ? 0xB0 : 0xA0);
	}
	return -1;
}

/* A fingerprint of the multiset of numbers in s: thousands separators
 * dropped, decimal separators as '.', Persian digits folded. */
static uint64_t S_numbers(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	uint64_t sum = 0, h = 0;
	size_t i = 0, n, m;
	int in = 0, d;

	while (i <= len) {
		d = i < len ? S_digit(p + i, len - i, &n) : -1;
		if (d >= 0) {
			h = ((in ? h : 0xcbf29ce484222325ULL) ^ (uint64_t)('0' + d)) *
			    0x100000001b3ULL;
			in = 1;
			i += n;
			continue;
		}
		if (in && i < len) { /* a separator between two digits? */
			int dec = p[i] == '.' || (i + 1 < len && p[i] == 0xD9 &&
			                          p[i + 1] == 0xAB);
			int th = p[i] == ',' || (i + 1 < len && p[i] == 0xD9 &&
			                         p[i + 1] == 0xAC);
			n = p[i] < 0x80 ? 1 : 2;
			if ((dec || th) && i + n < len &&
			    S_digit(p + i + n, len - i - n, &m) >= 0) {
				if (dec)
					h = (h ^ '.') * 0x100000001b3ULL;
				i += n;
				continue;
			}
		}
		if (in)
			sum += S_mix(h);
		in = 0;
		i++;
	}
	return sum;
}

/* Marks in c->keep the tuvs in one of the --langs (all without it). */
static void S_keep_langs(S_filter *c, const tumen_tu *tu)
{
	size_t i, k;

	for (i = 0; i < tu->ntuvs; i++) {
		c->keep[i] = !c->nlangs;
		for (k = 0; k < c->nlangs; k++)
			if (!strcasecmp(tu->tuvs[i].lang.ptr, c->langs[k]))
				c->keep[i] = 1;
	}
}

/* The first rule that removes tu, or -1; sets c->keep for --langs. */
static int S_rule(S_filter *c, const tumen_tu *tu, tumen_status *st)
{
	const tumen_tmx_filter_opts *o = c->o;
	const tumen_tuv *s, *t = NULL;
	double sc = tumen_tu_score(tu);
	size_t i, cs = 0, ct = 0;
	uint64_t ks, kt;

	for (i = 0; i < c->nlangs; i++)
		if (!S_find(tu, c->langs[i], NULL))
			return TUMEN_TMX_RULE_LANGS;
	S_keep_langs(c, tu);
	if (o->min_score >= 0 && sc >= 0 && sc < o->min_score)
		return TUMEN_TMX_RULE_SCORE;
	s = S_find(tu, c->nlangs ? c->langs[0] : c->out.srclang, NULL);
	if (!s && tu->ntuvs)
		s = &tu->tuvs[0];
	if (s)
		t = c->nlangs > 1 ? S_find(tu, c->langs[1], NULL) :
		                    S_find(tu, NULL, s);
	if (s && t) {
		cs = S_chars(s->seg.ptr, s->seg.len);
		ct = S_chars(t->seg.ptr, t->seg.len);
	}
	if ((o->min_chars || o->max_chars) &&
	    (!t || cs < o->min_chars || ct < o->min_chars ||
	     (o->max_chars && (cs > o->max_chars || ct > o->max_chars))))
		return TUMEN_TMX_RULE_CHARS;
	if (o->max_ratio > 0 && (!t || !cs || !ct ||
	    (double)(cs > ct ? cs : ct) / (double)(cs > ct ? ct : cs) >
	    o->max_ratio))
		return TUMEN_TMX_RULE_RATIO;
	if (o->numbers && (!t || S_numbers(s->seg.ptr, s->seg.len) !=
	                         S_numbers(t->seg.ptr, t->seg.len)))
		return TUMEN_TMX_RULE_NUMBERS;
	if (o->no_identical && t) {
		if ((*st = S_side_key(s->seg.ptr, s->seg.len, &c->form, &ks)) ||
		    (*st = S_side_key(t->seg.ptr, t->seg.len, &c->form, &kt)))
			return -1;
		if (ks == kt)
			return TUMEN_TMX_RULE_IDENTICAL;
	}
	return -1;
}

static tumen_status S_filter_tu(void *ctx, const tumen_tu *tu)
{
	S_filter *c = ctx;
	tumen_status st = TUMEN_OK;
	int rule;

	if (c->res->read++ == 0)
		S_out_header(&c->out, c->r);
	if (c->keepcap < tu->ntuvs + 1) {
		unsigned char *nk = realloc(c->keep, tu->ntuvs + 1);
		if (!nk)
			return TUMEN_ENOMEM;
		c->keep = nk;
		c->keepcap = tu->ntuvs + 1;
	}
	rule = S_rule(c, tu, &st);
	if (st)
		return st;
	if (rule >= 0) {
		c->res->removed[rule]++;
		return TUMEN_OK;
	}
	c->res->kept++;
	return S_write_tu(&c->out, tu, c->keep);
}

tumen_status tumen_tmx_filter(FILE *in, FILE *out,
                              const tumen_tmx_filter_opts *o,
                              tumen_tmx_filter_result *res, tumen_error *err)
{
	tumen_tmx_reader_opts ro = { .keep_inline = 1 };
	S_filter c;
	tumen_status st;

	memset(&c, 0, sizeof c);
	memset(res, 0, sizeof *res);
	tumen_error_clear(err);
	c.o = o;
	c.res = res;
	c.out.f = out;
	tumen_buf_init(&c.out.b);
	tumen_buf_init(&c.form);
	if (S_parse_langs(&c, o->langs)) {
		if (err)
			snprintf(err->msg, sizeof err->msg,
			         "bad language list '%s'", o->langs);
		return TUMEN_EINVAL;
	}
	st = tumen_tmx_reader_new(&c.r, &ro, S_filter_tu, &c);
	if (!st)
		st = tumen_tmx_reader_read(c.r, in, err);
	if (!st && !c.out.begun)
		S_out_header(&c.out, c.r);
	if (!st)
		st = S_out_end(&c.out);
	tumen_tmx_reader_free(c.r);
	tumen_buf_release(&c.out.b);
	tumen_buf_release(&c.form);
	free(c.keep);
	return st;
}

/* ---- export --------------------------------------------------------- */

typedef struct {
	const tumen_tmx_export_opts *o;
	tumen_tmx_reader *r;
	FILE *out, *out2;
	char src[36], tgt[36];
	tumen_buf b;
	unsigned long long n;
	int probe; /* tumen_tmx_langs(): stop once both are known */
} S_export;

/* Settles the languages not given, from the header and this unit. */
static void S_pick_langs(S_export *c, const tumen_tu *tu)
{
	const char *sl;
	const tumen_tuv *s;

	if (!c->src[0]) {
		sl = tumen_tmx_reader_header(c->r, "srclang");
		if (sl && strcmp(sl, "*all*") != 0)
			snprintf(c->src, sizeof c->src, "%s", sl);
		else if (tu->ntuvs)
			snprintf(c->src, sizeof c->src, "%s", tu->tuvs[0].lang.ptr);
	}
	if (!c->tgt[0] && (s = S_find(tu, c->src, NULL)) &&
	    (s = S_find(tu, NULL, s)))
		snprintf(c->tgt, sizeof c->tgt, "%s", s->lang.ptr);
}

/* Appends a segment on one line: TAB, CR, LF as spaces. */
static int S_line(tumen_buf *b, const tumen_tuv *v, int xml)
{
	const tumen_tmx_str *t = xml ? &v->xml : &v->seg;
	size_t i, from = b->len;

	if (tumen_buf_add(b, t->ptr, t->len))
		return -1;
	for (i = from; i < b->len; i++)
		if (b->ptr[i] == '\t' || b->ptr[i] == '\n' || b->ptr[i] == '\r')
			b->ptr[i] = ' ';
	return 0;
}

static tumen_status S_export_tu(void *ctx, const tumen_tu *tu)
{
	S_export *c = ctx;
	const tumen_tuv *s, *t;
	tumen_buf *b = &c->b;
	size_t cut;

	S_pick_langs(c, tu);
	if (c->probe)
		return c->tgt[0] ? TUMEN_EEMPTY : TUMEN_OK; /* found: stop */
	if (!(s = S_find(tu, c->src, NULL)) || !c->tgt[0] ||
	    !(t = S_find(tu, c->tgt, NULL)))
		return TUMEN_OK;
	tumen_buf_reset(b);
	if (S_line(b, s, c->o->keep_inline) ||
	    tumen_buf_addc(b, c->o->moses ? '\n' : '\t'))
		return TUMEN_ENOMEM;
	cut = b->len;
	if (S_line(b, t, c->o->keep_inline) || tumen_buf_addc(b, '\n'))
		return TUMEN_ENOMEM;
	c->n++;
	if (c->o->moses)
		return fwrite(b->ptr, 1, cut, c->out) != cut ||
		       fwrite(b->ptr + cut, 1, b->len - cut, c->out2) !=
		       b->len - cut ? TUMEN_EIO : TUMEN_OK;
	return fwrite(b->ptr, 1, b->len, c->out) != b->len ? TUMEN_EIO :
	       TUMEN_OK;
}

static tumen_status S_export_run(S_export *c, FILE *in, tumen_error *err)
{
	tumen_tmx_reader_opts ro = { .keep_inline = c->o->keep_inline };
	tumen_status st;

	tumen_error_clear(err);
	tumen_buf_init(&c->b);
	st = tumen_tmx_reader_new(&c->r, &ro, S_export_tu, c);
	if (!st)
		st = tumen_tmx_reader_read(c->r, in, err);
	tumen_tmx_reader_free(c->r);
	tumen_buf_release(&c->b);
	return st;
}

tumen_status tumen_tmx_export(FILE *in, const tumen_tmx_export_opts *o,
                              FILE *out, FILE *out2,
                              unsigned long long *written, tumen_error *err)
{
	S_export c;
	tumen_status st;

	memset(&c, 0, sizeof c);
	if (!out || (o->moses && !out2))
		return TUMEN_EINVAL;
	c.o = o;
	c.out = out;
	c.out2 = out2;
	snprintf(c.src, sizeof c.src, "%s", o->src_lang ? o->src_lang : "");
	snprintf(c.tgt, sizeof c.tgt, "%s", o->tgt_lang ? o->tgt_lang : "");
	st = S_export_run(&c, in, err);
	if (!st && (fflush(out) || ferror(out) ||
	            (out2 && (fflush(out2) || ferror(out2)))))
		st = TUMEN_EIO;
	if (written)
		*written = c.n;
	return st;
}

tumen_status tumen_tmx_langs(FILE *f, char src[36], char tgt[36],
                             tumen_error *err)
{
	tumen_tmx_export_opts o;
	S_export c;
	tumen_status st;

	memset(&c, 0, sizeof c);
	memset(&o, 0, sizeof o);
	c.o = &o;
	c.probe = 1;
	memcpy(c.src, src, 36);
	memcpy(c.tgt, tgt, 36);
	c.src[35] = c.tgt[35] = '\0';
	st = S_export_run(&c, f, err);
	if (st == TUMEN_EEMPTY) {
		tumen_error_clear(err);
		memcpy(src, c.src, 36);
		memcpy(tgt, c.tgt, 36);
		return TUMEN_OK;
	}
	if (!st) {
		st = TUMEN_EFORMAT;
		if (err) {
			err->code = st;
			snprintf(err->msg, sizeof err->msg,
			         "no pair of languages found");
		}
	}
	return st;
}
