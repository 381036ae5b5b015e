#!/bin/sh
# tumen tmx: validate (good and broken files, exact messages and lines),
# stats, merge, filter, export, and the round trips the issue asks for.
. "${TOP_SRCDIR:-.}/tests/cli/setup.sh"
D=$TOP_SRCDIR/tests/data/tmx

# align -> TMX -> export gives back the pairs align writes as TSV
"$TUMEN" align -q -f tsv -o "$tmp/b.tsv" "$CORPORA/budget.en.txt" "$CORPORA/budget.fa.txt"
"$TUMEN" align -q -f tmx -o "$tmp/b.tmx" "$CORPORA/budget.en.txt" "$CORPORA/budget.fa.txt"
"$TUMEN" tmx export -q -f tsv "$tmp/b.tmx" >"$tmp/e.tsv"
cut -f2,3 "$tmp/b.tsv" >"$tmp/want.tsv"
check "align, TMX, export: the same pairs" cmp -s "$tmp/want.tsv" "$tmp/e.tsv"
check "export is not empty" test -s "$tmp/e.tsv"

# validate accepts what tumen writes, and the full-featured sample
check "validate: tumen's TMX" "$TUMEN" tmx validate "$tmp/b.tmx"
check "validate: every TMX element" "$TUMEN" tmx validate "$TOP_SRCDIR/tests/data/output/full.tmx"
check "validate: inline fixture" "$TUMEN" tmx validate "$D/inline.tmx"

# ... and rejects each broken file with the right line and message
bad() {
	expect_stderr 1 "tumen: $D/$1:$2: $3" "$TUMEN" tmx validate "$D/$1"
}
bad missing-attr.tmx 4 "<header> lacks required attribute 'srclang'"
bad no-src-tuv.tmx 7 "<tu> has no <tuv> in the source language 'en'"
bad bad-date.tmx 6 "invalid date '2024-01-02 03:04:05' in creationdate (expected YYYYMMDDThhmmssZ)"
bad bad-lang.tmx 7 "invalid language code 'en_US'"
bad forbidden-char.tmx 6 "reference to a character XML 1.0 forbids"
bad not-well-formed.tmx 6 "mismatched tag"
bad billion-laughs.tmx 3 "entity declarations are not allowed"
bad external-entity.tmx 4 "entity declarations are not allowed"
check "external entity never read" sh -c "! grep -q 'root:' '$tmp/out' '$tmp/err'"
for c in stats "export -f tsv"; do
	expect_stderr 1 "tumen: $D/external-entity.tmx:4: entity declarations are not allowed" \
		"$TUMEN" tmx $c "$D/external-entity.tmx"
	check "$c: no passwd content" sh -c "! grep -q 'root:' '$tmp/out' '$tmp/err'"
done

# 100000-deep nesting (of <hi>, which may nest), made here
{
	echo '<tmx version="1.4">'
	echo '<header creationtool="x" creationtoolversion="1" segtype="sentence"'
	echo ' o-tmf="x" adminlang="en" srclang="en" datatype="plaintext"/>'
	echo '<body><tu><tuv xml:lang="en"><seg>'
	awk 'BEGIN { for (i = 0; i < 100000; i++) printf "<hi>"; print "" }'
} >"$tmp/deep.tmx"
expect_stderr 1 "tumen: $tmp/deep.tmx:5: nesting deeper than 64 levels" "$TUMEN" tmx validate "$tmp/deep.tmx"
expect_stderr 1 "tumen: $tmp/deep.tmx:5: nesting deeper than 64 levels" "$TUMEN" tmx stats "$tmp/deep.tmx"

# UTF-16: same stats as the UTF-8 file
if command -v iconv >/dev/null; then
	sed 's/encoding="UTF-8"/encoding="UTF-16"/' "$tmp/b.tmx" | iconv -f UTF-8 -t UTF-16 >"$tmp/b16.tmx"
	"$TUMEN" tmx stats "$tmp/b.tmx" | sed 1d >"$tmp/s8"
	"$TUMEN" tmx stats "$tmp/b16.tmx" | sed 1d >"$tmp/s16"
	check "UTF-16 TMX reads as UTF-8" cmp -s "$tmp/s8" "$tmp/s16"
	check "validate: UTF-16" "$TUMEN" tmx validate "$tmp/b16.tmx"
fi

# stats
"$TUMEN" tmx stats "$D/inline.tmx" >"$tmp/st"
check "stats: units" grep -qx 'units: 3' "$tmp/st"
check "stats: one duplicate" grep -q '^duplicates: 1 (33.33%)' "$tmp/st"
check "stats: en words" grep -q '^  en  *segments 3  words 7 ' "$tmp/st"
check "stats: histogram" grep -qx '  0.8-0.9) 1' "$tmp/st"
check "stats: beads of tumen's TMX" sh -c "'$TUMEN' tmx stats '$tmp/b.tmx' | grep -q '^  1-1 '"

# merge: with itself, the same TMX; duplicates keep the best score
"$TUMEN" tmx merge -q -o "$tmp/m.tmx" "$tmp/b.tmx" "$tmp/b.tmx"
check "merge of a TMX with itself equals the TMX" cmp -s "$tmp/b.tmx" "$tmp/m.tmx"
"$TUMEN" tmx merge -o "$tmp/m2.tmx" "$D/inline.tmx" 2>"$tmp/err"
check "merge: summary" grep -qx 'tumen: merge: 3 units read, 2 written, 1 duplicates removed' "$tmp/err"
check "merge: best copy kept" grep -q 'press   SAVE' "$tmp/m2.tmx"
check "merge: worse copy gone" sh -c "! grep -q 'tuid=\"1\"' '$tmp/m2.tmx'"
check "merge: output valid" "$TUMEN" tmx validate "$tmp/m2.tmx"
check "merge: DTD-valid" valid_tmx "$tmp/m2.tmx"
expect_fail 2 "cannot read '-'" "$TUMEN" tmx merge -o "$tmp/x.tmx" -
expect_fail 2 "merge needs -o OUT" "$TUMEN" tmx merge "$D/inline.tmx"

# filter: a line per rule, the JSON report, a valid output
"$TUMEN" tmx filter --min-score 0.5 --langs en,fa --report "$tmp/r.json" \
	-o "$tmp/f.tmx" "$D/inline.tmx" 2>"$tmp/err"
check "filter: score rule line" grep -qx 'tumen: filter: min-score  removed 1' "$tmp/err"
check "filter: kept line" grep -qx 'tumen: filter: kept 2 of 3 units' "$tmp/err"
check "filter: JSON report" grep -qx '{"read": 3, "kept": 2, "removed": {"langs": 0, "min-score": 1, "chars": 0, "max-ratio": 0, "numbers": 0, "identical": 0}}' "$tmp/r.json"
check "filter: output valid" "$TUMEN" tmx validate "$tmp/f.tmx"
check "filter: DTD-valid" valid_tmx "$tmp/f.tmx"
check "filter: inline codes kept" grep -q '<bpt i="1">&lt;b&gt;</bpt>' "$D/inline.tmx"
"$TUMEN" tmx filter -q --max-ratio 1.01 -o "$tmp/f2.tmx" "$tmp/b.tmx"
n=$("$TUMEN" tmx stats "$tmp/f2.tmx" | sed -n 's/^units: //p')
check "filter: ratio removes some, not all" test "$n" -gt 0 -a "$n" -lt 21
expect_fail 2 "bad language list" "$TUMEN" tmx filter --langs en_US -o "$tmp/x" "$D/inline.tmx"
expect_fail 2 "bad value 'x' for --min-score" "$TUMEN" tmx filter --min-score x -o "$tmp/x" "$D/inline.tmx"

# export: tabs inside segments become spaces; Moses names its files
"$TUMEN" tmx export -q -f tsv "$D/inline.tmx" >"$tmp/i.tsv"
check "export: tab in segment folded" grep -q '^Press Save now.	' "$tmp/i.tsv"
check "export: swapped tuv order" grep -qx 'Hello	سلام' "$tmp/i.tsv"
"$TUMEN" tmx export -q -f tsv --keep-inline "$D/inline.tmx" >"$tmp/k.tsv"
check "export: --keep-inline" grep -q '<bpt i="1">&lt;b&gt;</bpt>' "$tmp/k.tsv"
"$TUMEN" tmx export -q -f moses -o "$tmp/mo" "$tmp/b.tmx"
check "moses: source side" sh -c "cut -f1 '$tmp/e.tsv' | cmp -s - '$tmp/mo.en'"
check "moses: target side" sh -c "cut -f2 '$tmp/e.tsv' | cmp -s - '$tmp/mo.fa'"
expect_fail 2 "needs --src-lang and --tgt-lang" sh -c "'$TUMEN' tmx export -f moses -o '$tmp/mo2' - <'$tmp/b.tmx'"
expect_fail 2 "export needs -f tsv or -f moses" "$TUMEN" tmx export "$tmp/b.tmx"
expect_fail 2 "unknown subcommand 'frob'" "$TUMEN" tmx frob

# each subcommand has its own help; options it does not take are usage errors
for sub in stats validate merge filter export; do
	set +e
	"$TUMEN" tmx $sub --help >"$tmp/h.out" 2>"$tmp/h.err"
	rc=$?
	set -e
	check "tmx $sub --help exits 0" [ "$rc" -eq 0 ]
	check "tmx $sub --help: nothing on stderr" [ ! -s "$tmp/h.err" ]
	check "tmx $sub --help: its own usage" grep -q "^Usage: tumen tmx $sub " "$tmp/h.out"
	check "tmx $sub --help: no other usage" \
		[ "$(grep -c '^ *\(Usage:\)\{0,1\} *tumen tmx ' "$tmp/h.out")" -eq 1 ]
done
"$TUMEN" tmx --help >"$tmp/h.out"
check "tmx --help: every subcommand" [ "$(grep -c 'tumen tmx ' "$tmp/h.out")" -eq 5 ]
expect_stderr 2 "tumen: tmx stats does not take --min-score
Try 'tumen tmx stats --help'." "$TUMEN" tmx stats --min-score 0.5 "$tmp/b.tmx"
expect_stderr 2 "tumen: tmx validate does not take -o (--output)
Try 'tumen tmx validate --help'." "$TUMEN" tmx validate -o "$tmp/x" "$tmp/b.tmx"
expect_stderr 2 "tumen: tmx merge does not take --langs
Try 'tumen tmx merge --help'." "$TUMEN" tmx merge --langs en,fa -o "$tmp/x" "$tmp/b.tmx"
expect_stderr 2 "tumen: tmx filter does not take --keep-inline
Try 'tumen tmx filter --help'." "$TUMEN" tmx filter --keep-inline -o "$tmp/x" "$tmp/b.tmx"
expect_stderr 2 "tumen: tmx export does not take --report
Try 'tumen tmx export --help'." "$TUMEN" tmx export -f tsv --report "$tmp/r" "$tmp/b.tmx"
expect_fail 2 "tmx stats does not take -q" "$TUMEN" tmx stats -q "$tmp/b.tmx"
expect_fail 2 "Try 'tumen tmx stats --help'." "$TUMEN" tmx stats "$tmp/b.tmx" "$tmp/b.tmx"
check "usage errors write no output" [ ! -e "$tmp/x" ]
check "usage errors write no report" [ ! -e "$tmp/r" ]
expect_fail 1 "cannot open" "$TUMEN" tmx stats "$tmp/nonexistent.tmx"
check "tmx --help" sh -c "'$TUMEN' tmx --help | grep -q 'tumen tmx merge'"

finish
