#!/bin/sh
# lexicon.sh - tumen lexicon learn, and -d/--dict of align, batch, coverage:
#   1. a TMX made by tumen from corpora/ teaches a non-empty TSV dictionary,
#      sorted, the same on every run, that -d then accepts;
#   2. --beads over presegmented files; --max-entries; --min-prob;
#   3. with -d (either format, with or without --no-lexicon) every sentence
#      is still in exactly one bead;
#   4. errors: missing files and malformed dictionary lines exit 1 with
#      one exact message, usage errors exit 2, a failed run writes nothing.
. "${TOP_SRCDIR:-.}/tests/cli/setup.sh"

if [ ! -r "$CORPORA/manifest.tsv" ]; then
	echo "SKIP: corpora not found" >&2
	exit 77
fi

# lines FILE: non-empty lines (segments of a presegmented file)
lines() {
	grep -c . "$1"
}

# tsv_ok FILE: three columns, a probability in (0, 1], strictly sorted
tsv_ok() {
	[ -s "$1" ] &&
	awk -F '\t' 'NF != 3 || $1 == "" || $2 == "" || !($3 > 0 && $3 <= 1) \
		{ bad = 1 } END { exit bad }' "$1" &&
	LC_ALL=C sort -c -u "$1"
}

# --- 1. from a TMX --------------------------------------------------------
"$TUMEN" batch -q -o "$tmp/corpus.tmx" "$CORPORA/manifest.tsv"
check "lexicon learn from a TMX" \
	"$TUMEN" lexicon learn -o "$tmp/lex.tsv" "$tmp/corpus.tmx"
check "learned TSV is well formed and sorted" tsv_ok "$tmp/lex.tsv"
"$TUMEN" lexicon learn "$tmp/corpus.tmx" >"$tmp/lex2.tsv"
check "the same dictionary on every run (and on stdout)" \
	cmp -s "$tmp/lex.tsv" "$tmp/lex2.tsv"
check "it knows a word of the corpora" \
	grep -q "^council$(printf '\t')" "$tmp/lex.tsv"
# two TMX files: as many pairs as both
"$TUMEN" align -q -o "$tmp/one.tmx" "$CORPORA/budget.en.txt" \
	"$CORPORA/budget.fa.txt"
"$TUMEN" lexicon learn -v -o "$tmp/two.tsv" "$tmp/one.tmx" "$tmp/one.tmx" \
	2>"$tmp/two.err"
n1=$(grep -o '<tu[ >]' "$tmp/one.tmx" | wc -l)
check "-v counts the pairs of every file" \
	grep -q "tumen: $((2 * n1)) sentence pairs read" "$tmp/two.err"
# --src-lang/--tgt-lang pick the tuvs: none in 'de', nothing learned
"$TUMEN" lexicon learn --src-lang de -o "$tmp/none.tsv" "$tmp/corpus.tmx"
check "no tuv in --src-lang: empty dictionary" [ ! -s "$tmp/none.tsv" ]
check "empty dictionary written all the same" [ -e "$tmp/none.tsv" ]
check "-d takes the learned dictionary" \
	"$TUMEN" align -d "$tmp/lex.tsv" -o "$tmp/d.tmx" \
	"$CORPORA/football.en.txt" "$CORPORA/football.fa.txt"
check "TMX with -d is valid" valid_tmx "$tmp/d.tmx"

# --- 2. --beads --------------------------------------------------------------
en=$CORPORA/election.en.sents
fa=$CORPORA/election.fa.sents
"$TUMEN" align -q --presegmented -f beads --scores -o "$tmp/el.beads" "$en" "$fa"
check "lexicon learn --beads" \
	"$TUMEN" lexicon learn --beads "$tmp/el.beads" -o "$tmp/el.tsv" "$en" "$fa"
check "--beads TSV is well formed and sorted" tsv_ok "$tmp/el.tsv"
"$TUMEN" lexicon learn --max-entries 3 --beads "$tmp/el.beads" \
	-o "$tmp/el3.tsv" "$en" "$fa"
check "--max-entries 3 keeps 3" [ "$(wc -l <"$tmp/el3.tsv")" -eq 3 ]
check "--max-entries keeps the most probable" sh -c "
	best=\$(sort -t '	' -k3,3gr '$tmp/el.tsv' | head -1 | cut -f3)
	grep -q \"	\$best\$\" '$tmp/el3.tsv'"
"$TUMEN" lexicon learn --min-prob 0.9 --beads "$tmp/el.beads" \
	-o "$tmp/el9.tsv" "$en" "$fa"
check "--min-prob 0.9 keeps fewer" \
	[ "$(wc -l <"$tmp/el9.tsv")" -lt "$(wc -l <"$tmp/el.tsv")" ]
check "--min-prob is a floor" \
	awk -F '\t' '$3 < 0.9 { bad = 1 } END { exit bad }' "$tmp/el9.tsv"

# --- 3. nothing lost with -d ---------------------------------------------------
tab=$(printf '\t')
{
	echo "# hunalign: PERSIAN @ ENGLISH"
	printf 'شورا @ council\nبودجه @ budget\nسیل @ flood\n'
	printf 'رای\tvote\n' | awk -F '\t' '{ print $2 "\t" $1 "\t0.5" }'
} >"$tmp/mixed.dic"
for doc in budget discovery election flood football launch rates; do
	e=$CORPORA/$doc.en.sents
	f=$CORPORA/$doc.fa.sents
	for opts in "-d $tmp/lex.tsv" "-d $tmp/mixed.dic --no-lexicon" \
		"-d $tmp/lex.tsv -d $tmp/el.tsv --length-only"; do
		# shellcheck disable=SC2086
		"$TUMEN" align -q --presegmented -f beads $opts -o "$tmp/$doc.beads" \
			"$e" "$f"
		check "$doc ($opts): every sentence in one bead" \
			beads_cover "$tmp/$doc.beads" "$(lines "$e")" "$(lines "$f")"
	done
done
check "batch -d" "$TUMEN" batch -q -d "$tmp/lex.tsv" -f beads \
	-o "$tmp/batch.beads" "$CORPORA/manifest.tsv"
check "coverage --dict" "$TUMEN" coverage -q --dict "$tmp/mixed.dic" \
	-o "$tmp/cov.txt" "$CORPORA/flood.en.txt" "$CORPORA/flood.fa.txt"

# --- 4. errors -------------------------------------------------------------------
expect_stderr 1 "tumen: cannot open '$tmp/missing.tmx': No such file or directory" \
	"$TUMEN" lexicon learn -o "$tmp/out.tsv" "$tmp/missing.tmx"
check "failed learn writes no output" [ ! -e "$tmp/out.tsv" ]
expect_stderr 1 "tumen: cannot open '$tmp/missing.dic': No such file or directory" \
	"$TUMEN" align -d "$tmp/missing.dic" "$CORPORA/flood.en.txt" \
	"$CORPORA/flood.fa.txt"
printf '# comment\nbook\t\331\203\330\252\330\247\330\250\nno separator here\n' \
	>"$tmp/bad.dic"
bad="tumen: $tmp/bad.dic:3: expected 'PERSIAN @ ENGLISH' or 'ENGLISH<TAB>PERSIAN'"
expect_stderr 1 "$bad" "$TUMEN" align -d "$tmp/bad.dic" -o "$tmp/out.tmx" \
	"$CORPORA/flood.en.txt" "$CORPORA/flood.fa.txt"
check "failed align writes no output" [ ! -e "$tmp/out.tmx" ]
expect_stderr 1 "$bad" "$TUMEN" batch -d "$tmp/lex.tsv" -d "$tmp/bad.dic" \
	"$CORPORA/manifest.tsv"
expect_stderr 1 "$bad" "$TUMEN" coverage --dict "$tmp/bad.dic" \
	"$CORPORA/flood.en.txt" "$CORPORA/flood.fa.txt"
printf 'flood\tسیل\tmuch\n' >"$tmp/weight.dic"
expect_stderr 1 "tumen: $tmp/weight.dic:1: the third column (weight) is not a number" \
	"$TUMEN" align -d "$tmp/weight.dic" "$CORPORA/flood.en.txt" \
	"$CORPORA/flood.fa.txt"
printf 'not a tmx\n' >"$tmp/not.tmx"
expect_fail 1 "tumen: $tmp/not.tmx:1:" "$TUMEN" lexicon learn "$tmp/not.tmx"
printf '0\t0\n500\t1\n' >"$tmp/far.beads"
expect_stderr 1 "tumen: $tmp/far.beads: segment 500 is beyond the end of '$en' ($(lines "$en") segments)" \
	"$TUMEN" lexicon learn --beads "$tmp/far.beads" "$en" "$fa"
printf '0\tx\n' >"$tmp/bad.beads"
expect_fail 1 "tumen: $tmp/bad.beads:1:" \
	"$TUMEN" lexicon learn --beads "$tmp/bad.beads" "$en" "$fa"
expect_stderr 1 "tumen: cannot open '$tmp/missing.fa': No such file or directory" \
	"$TUMEN" lexicon learn --beads "$tmp/el.beads" "$en" "$tmp/missing.fa"

# usage errors: exit 2 and a hint
expect_stderr 2 "tumen: expected a subcommand: learn
Try 'tumen lexicon --help'." "$TUMEN" lexicon
expect_fail 2 "unknown subcommand 'teach'" "$TUMEN" lexicon teach
expect_stderr 2 "tumen: expected TMX files
Try 'tumen lexicon learn --help'." "$TUMEN" lexicon learn
expect_fail 2 "--beads needs two files" \
	"$TUMEN" lexicon learn --beads "$tmp/el.beads" "$en"
expect_fail 2 "--min-prob needs a number from 0 to 1" \
	"$TUMEN" lexicon learn --min-prob 2 "$tmp/corpus.tmx"
expect_fail 2 "--max-entries needs a whole number" \
	"$TUMEN" lexicon learn --max-entries 1.5 "$tmp/corpus.tmx"
expect_fail 2 "invalid option" "$TUMEN" lexicon learn --frobnicate x.tmx
expect_fail 2 "Try 'tumen align --help'" "$TUMEN" align -d
for cmd in "lexicon" "lexicon learn"; do
	# shellcheck disable=SC2086
	"$TUMEN" $cmd --help >"$tmp/help.out"
	check "tumen $cmd --help" grep -q '^Usage: tumen lexicon learn' "$tmp/help.out"
done
for cmd in align batch coverage; do
	"$TUMEN" "$cmd" --help >"$tmp/help.out"
	check "tumen $cmd --help lists -d" grep -q -- '-d, --dict FILE' "$tmp/help.out"
done

finish
