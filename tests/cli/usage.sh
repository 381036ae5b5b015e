#!/bin/sh
# usage.sh - help, version and usage errors: help to stdout with exit 0,
# usage errors exit 2 with a hint on stderr.
. "${TOP_SRCDIR:-.}/tests/cli/setup.sh"

printf 'One.\n' >"$tmp/en"
printf '\331\210\330\247\330\255\330\257.\n' >"$tmp/fa"

# help_ok DESC COMMAND...: exit 0, text on stdout containing "Usage: tumen",
# nothing on stderr
help_ok() {
	desc=$1
	shift
	set +e
	"$@" >"$tmp/help.out" 2>"$tmp/help.err"
	got=$?
	set -e
	if [ "$got" -ne 0 ]; then
		fail "$desc: exited $got"
	elif ! grep -q '^Usage: tumen' "$tmp/help.out"; then
		fail "$desc: no 'Usage: tumen' on stdout"
	elif [ -s "$tmp/help.err" ]; then
		fail "$desc: wrote to stderr: $(cat "$tmp/help.err")"
	else
		ok
	fi
}

help_ok "tumen --help" "$TUMEN" --help
help_ok "tumen -h" "$TUMEN" -h
for cmd in align segment eval; do
	help_ok "tumen $cmd --help" "$TUMEN" "$cmd" --help
done
# --help lists every command and the exit codes
"$TUMEN" --help >"$tmp/help.out"
for cmd in align segment eval; do
	check "--help lists $cmd" grep -q "^  $cmd " "$tmp/help.out"
done
check "--help gives exit codes" grep -q '2 usage error' "$tmp/help.out"
"$TUMEN" align --help >"$tmp/help.out"
check "align --help gives exit codes" grep -q '2 usage error' "$tmp/help.out"

# --version: "tumen X.Y.Z" on stdout, nothing else
set +e
"$TUMEN" --version >"$tmp/v.out" 2>"$tmp/v.err"
rc=$?
set -e
check "--version exits 0" [ "$rc" -eq 0 ]
check "--version prints 'tumen VERSION'" \
	grep -Eqx 'tumen [0-9]+\.[0-9]+(\.[0-9]+)?.*' "$tmp/v.out"
check "--version prints one line" [ "$(wc -l <"$tmp/v.out")" -eq 1 ]
check "--version is quiet on stderr" [ ! -s "$tmp/v.err" ]

# no arguments: the help, on stderr, exit 2
set +e
"$TUMEN" >"$tmp/n.out" 2>"$tmp/n.err"
rc=$?
set -e
check "no arguments exits 2" [ "$rc" -eq 2 ]
check "no arguments: usage on stderr" grep -q '^Usage: tumen' "$tmp/n.err"
check "no arguments: nothing on stdout" [ ! -s "$tmp/n.out" ]

expect_stderr 2 "tumen: unknown command 'frobnicate'
Try 'tumen --help'." "$TUMEN" frobnicate
expect_fail 2 "unknown command" "$TUMEN" --frobnicate

# align: argument count, options and their values
expect_fail 2 "expected two files" "$TUMEN" align "$tmp/en"
expect_fail 2 "expected two files" "$TUMEN" align
expect_fail 2 "expected two files" "$TUMEN" align "$tmp/en" "$tmp/fa" "$tmp/en"
expect_fail 2 "Try 'tumen align --help'." \
	"$TUMEN" align --no-such-option "$tmp/en" "$tmp/fa"
expect_fail 2 "Try 'tumen align --help'." "$TUMEN" align -Z "$tmp/en" "$tmp/fa"
expect_stderr 2 "tumen: unknown format 'xml' (tmx, beads, tsv, moses)
Try 'tumen align --help'." "$TUMEN" align -f xml "$tmp/en" "$tmp/fa"
expect_fail 2 "unknown format" "$TUMEN" align --format=TMX "$tmp/en" "$tmp/fa"
for bad in 2 -0.1 1.5 abc '' 0.5x nan; do
	expect_fail 2 "--min-score" \
		"$TUMEN" align --min-score "$bad" "$tmp/en" "$tmp/fa"
done
expect_fail 2 "--paragraphs" \
	"$TUMEN" align --paragraphs=never "$tmp/en" "$tmp/fa"
expect_stderr 2 "tumen: -f moses needs -o PREFIX
Try 'tumen align --help'." "$TUMEN" align -f moses "$tmp/en" "$tmp/fa"
# a usage error writes no output at all
check "usage error: nothing on stdout" [ ! -s "$tmp/out" ]

# the boundaries of --min-score are accepted
for good in 0 1 1.0 0.5; do
	check "--min-score $good accepted" \
		"$TUMEN" align --presegmented --min-score "$good" -f beads \
		-o "$tmp/ok.beads" "$tmp/en" "$tmp/fa"
done

# batch: usage errors carry the hint too
printf 'x\t%s\t%s\n' "$tmp/en" "$tmp/fa" >"$tmp/m.tsv"
expect_stderr 2 "tumen: -f moses needs -o PREFIX
Try 'tumen batch --help'." "$TUMEN" batch -f moses "$tmp/m.tsv"
expect_stderr 2 "tumen: --paragraphs must be 'blank' or 'line'
Try 'tumen batch --help'." "$TUMEN" batch --paragraphs=never "$tmp/m.tsv"
expect_stderr 2 "tumen: --paragraphs must be 'blank' or 'line'
Try 'tumen coverage --help'." "$TUMEN" coverage --paragraphs=never "$tmp/en" "$tmp/fa"
expect_fail 2 "Try 'tumen batch --help'." "$TUMEN" batch --timings "$tmp/m.tsv"
help_ok "tumen batch --help" "$TUMEN" batch --help
"$TUMEN" batch --help >"$tmp/help.out"
for o in --scores --src-suffix --tgt-suffix --paragraphs=MODE --no-paragraphs \
	--no-numbers --no-punctuation --no-lexicon --no-names --no-identical \
	--length-only --verbose SRCDIR; do
	check "batch --help mentions $o" grep -q -- "$o" "$tmp/help.out"
done
check "batch --help: --stream with every format" grep -q -- "-f tmx: one TMX" "$tmp/help.out"
"$TUMEN" coverage --help >"$tmp/help.out"
for o in --srx --no-paragraphs --no-numbers --no-punctuation --no-lexicon \
	--no-names --no-identical --length-only; do
	check "coverage --help mentions $o" grep -q -- "$o" "$tmp/help.out"
done

# segment and eval usage errors
expect_fail 2 "expected one FILE" "$TUMEN" segment
expect_fail 2 "expected one FILE" "$TUMEN" segment "$tmp/en" "$tmp/fa"
expect_fail 2 "Try 'tumen segment --help'." "$TUMEN" segment --bogus "$tmp/en"
expect_fail 2 "expected GOLD TEST pairs" "$TUMEN" eval "$tmp/en"
expect_fail 2 "expected GOLD TEST pairs" \
	"$TUMEN" eval "$tmp/en" "$tmp/en" "$tmp/en"
expect_fail 2 "Try 'tumen eval --help'." "$TUMEN" eval --bogus a b

finish
