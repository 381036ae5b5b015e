/*
 * cli.h - shared pieces of the tumen command (private to src/cli).
 *
 * Exit codes: 0 success, 1 failure (bad input, I/O), 2 usage error.
 */
#ifndef TUMEN_CLI_H
#define TUMEN_CLI_H

#include <stddef.h>
#include <stdio.h>
#include <tumen/tumen.h>
#include <tumen/srx.h>

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

/* Each subcommand: argv[0] is the subcommand name. */
int cmd_align(int argc, char **argv);
int cmd_segment(int argc, char **argv);
int cmd_eval(int argc, char **argv);

/* --srx and --mode, shared by segment, align and batch (cmd_segment.c):
 * loads an SRX file (prints the error and returns NULL on failure; free
 * with tumen_srx_free); maps icu/srx/both to tumen_doc_opts.seg_mode
 * (-1 for anything else). */
tumen_srx *cli_load_srx(const char *path);
int cli_seg_mode(const char *s);

/*
 * The alignment switches of align, batch and coverage (util.c):
 * --paragraphs=MODE, --no-paragraphs, --no-numbers, --no-punctuation,
 * --no-lexicon, --no-names, --no-identical, --length-only, --exact.  Put
 * CLI_ALIGN_LONG_OPTS in the getopt_long table and hand every option to
 * cli_align_option(): it returns 0 when it took the option, -1 when the
 * option is not one of these, or EXIT_USAGE (message and hint printed,
 * "Try 'tumen CMD --help'") for a bad value.
 */
enum {
	CLI_OPT_PARAS = 0x1000, CLI_OPT_NO_PARAS, CLI_OPT_NO_NUMBERS,
	CLI_OPT_NO_PUNCT, CLI_OPT_NO_LEXICON, CLI_OPT_NO_NAMES,
	CLI_OPT_NO_IDENTICAL, CLI_OPT_LENGTH_ONLY, CLI_OPT_EXACT
};
#define CLI_ALIGN_LONG_OPTS \
	{ "paragraphs", required_argument, NULL, CLI_OPT_PARAS }, \
	{ "no-paragraphs", no_argument, NULL, CLI_OPT_NO_PARAS }, \
	{ "no-numbers", no_argument, NULL, CLI_OPT_NO_NUMBERS }, \
	{ "no-punctuation", no_argument, NULL, CLI_OPT_NO_PUNCT }, \
	{ "no-lexicon", no_argument, NULL, CLI_OPT_NO_LEXICON }, \
	{ "no-names", no_argument, NULL, CLI_OPT_NO_NAMES }, \
	{ "no-identical", no_argument, NULL, CLI_OPT_NO_IDENTICAL }, \
	{ "length-only", no_argument, NULL, CLI_OPT_LENGTH_ONLY }, \
	{ "exact", no_argument, NULL, CLI_OPT_EXACT }
/* --paragraphs sets the para_mode of both src and tgt. */
int cli_align_option(const char *cmd, int c, const char *arg,
                     tumen_align_opts *ao, tumen_doc_opts *src,
                     tumen_doc_opts *tgt);

/* Prints "tumen: MESSAGE" to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints "tumen: warning: MESSAGE" to stderr. */
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints a library error with its place: "tumen: FILE:LINE: msg",
 * "tumen: FILE: byte N: msg" or "tumen: FILE: msg". */
void cli_error_at(const char *file, const tumen_error *err);
/* Prints "tumen: MSG" and "Try 'tumen CMD --help'." and returns EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Reads a whole file ("-": standard input) into a malloc'd buffer
 * (NUL-terminated).  Prints the error and returns -1 on failure. */
int cli_read_file(const char *path, char **data, size_t *len);

/* Reads and builds a document; prints the error and returns NULL on
 * failure.  Warns once about U+FFFD replacements (lenient mode). */
tumen_doc *cli_load_doc(const char *path, const tumen_doc_opts *o);
/* The same; quiet: no warning (align -q, coverage -q). */
tumen_doc *cli_load_doc_q(const char *path, const tumen_doc_opts *o,
                          int quiet);
/* Both documents of a pair, the two built at once on two threads.
 * Returns 0, or -1 (*s and *t NULL) after printing the error of the
 * first side that failed. */
int cli_load_pair(const char *sp, const tumen_doc_opts *so, const char *tp,
                  const tumen_doc_opts *to, int quiet, tumen_doc **s,
                  tumen_doc **t);

/* Warns when the document's script does not fit its language (sides
 * swapped): "'FILE' looks like Persian text but OPT is en". */
void cli_check_script(const char *path, const tumen_doc *d, const char *opt);

/* Monotonic clock in seconds. */
double cli_now(void);

/* Parses a number in [lo, hi]; returns -1 if it is not one. */
int cli_parse_double(const char *s, double lo, double hi, double *out);

/*
 * An output file written atomically: the data goes to a temporary file in
 * the target's directory, renamed over the target by outfile_commit().
 * "-" is standard output (no temporary).  A fatal signal (INT, TERM, HUP)
 * removes every temporary still open.
 */
typedef struct outfile outfile;
outfile *outfile_open(const char *path);
FILE *outfile_stream(outfile *o);
/* Flushes, syncs, closes and renames; prints the error and returns -1 on
 * failure (the temporary is removed). */
int outfile_commit(outfile *o);
/* Closes and removes the temporary (no-op for NULL). */
void outfile_abort(outfile *o);

/*
 * An aligned output: one file (or PREFIX.SRC and PREFIX.TGT for Moses)
 * written atomically, with a tumen_writer on it.
 */
typedef struct cli_output {
	outfile *o1, *o2;
	tumen_writer *w;
	const char *path;
	size_t dropped; /* characters dropped by other writers whose units
	                   went to o1 (tumen batch's workers) */
} cli_output;

/* Opens the output at `path` ("-": standard output) in o->format.  Prints
 * the error and returns EXIT_FAIL or EXIT_USAGE on failure, else 0. */
int cli_output_open(cli_output *out, const char *path,
                    const tumen_writer_opts *o);
/* Finishes the writer and renames the files into place; prints the
 * error and returns -1 on failure.  Releases everything but the writer,
 * which stays readable (units, dropped) until cli_output_abort(). */
int cli_output_commit(cli_output *out, int quiet);
/* Releases everything and removes temporaries still open. */
void cli_output_abort(cli_output *out);

int cmd_batch(int argc, char **argv);

/* tumen batch --resume: finished documents kept in OUTPUT.parts/. */
typedef struct journal journal;
journal *journal_open(const char *output);
int journal_has(journal *j, size_t i);
int journal_put(journal *j, size_t i, const char *ext, const char *data,
                size_t len);
int journal_copy(journal *j, size_t i, const char *ext, FILE *f);
int journal_failed(journal *j, size_t i);
void journal_remove(journal *j, size_t n);
void journal_close(journal *j);

/* Parses one line of tumen batch --stream: a JSON object with string
 * values "id", "src", "tgt" (others ignored).  Fills field[0..2] (malloc'd,
 * NUL-terminated; the caller frees them) and flen; returns 0, or -1 with
 * *err set (a string constant) and no field allocated. */
int cli_jsonl_pair(const char *line, size_t len, char *field[3],
                   size_t flen[3], const char **err);
int cmd_tmx(int argc, char **argv);
int cmd_coverage(int argc, char **argv);
int cmd_lexicon(int argc, char **argv);

/* -d/--dict of align, batch and coverage (cmd_lexicon.c): loads the
 * dictionary files paths[0..n) into one dictionary, *d (NULL when n is 0;
 * the caller frees it with tumen_dict_free).  Prints the error
 * ("tumen: FILE:LINE: ...") and returns -1 on failure. */
#define CLI_MAX_DICTS 16
int cli_load_dicts(tumen_dict **d, const char *const *paths, size_t n);

#endif
