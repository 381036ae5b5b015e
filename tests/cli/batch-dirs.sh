#!/bin/sh
# batch-dirs.sh - tumen batch over directories: NAME.en.txt in SRCDIR paired
# with NAME.fa.txt in TGTDIR (or both in one DIR), in name order, gives the
# output of the equivalent manifest; suffixes are configurable; a file
# without its twin is a failed document and the batch goes on.
. "${TOP_SRCDIR:-.}/tests/cli/setup.sh"

# nodate FILE: FILE without its creationdate (it changes every second)
nodate() {
	sed 's/creationdate="[^"]*"//' "$1"
}

# same_tmx A B: equal but for the creationdate
same_tmx() {
	nodate "$1" >"$tmp/a.nodate"
	nodate "$2" >"$tmp/b.nodate"
	cmp -s "$tmp/a.nodate" "$tmp/b.nodate"
}

# three document pairs, created out of name order; the manifest in name order
mkdir "$tmp/src" "$tmp/tgt" "$tmp/both" "$tmp/custom"
: >"$tmp/manifest.tsv"
for name in rates budget flood; do
	cp "$CORPORA/$name.en.txt" "$tmp/src/$name.en.txt"
	cp "$CORPORA/$name.fa.txt" "$tmp/tgt/$name.fa.txt"
	cp "$CORPORA/$name.en.txt" "$CORPORA/$name.fa.txt" "$tmp/both/"
	cp "$CORPORA/$name.en.txt" "$tmp/custom/$name.english"
	cp "$CORPORA/$name.fa.txt" "$tmp/custom/$name.persian"
done
for name in budget flood rates; do
	printf '%s\t%s\t%s\n' "$name" "$tmp/src/$name.en.txt" \
		"$tmp/tgt/$name.fa.txt" >>"$tmp/manifest.tsv"
done
# not recursive: a subdirectory, even one named like a document, is left out
mkdir "$tmp/src/sub" "$tmp/both/zzz.en.txt"
cp "$CORPORA/election.en.txt" "$tmp/src/sub/election.en.txt"

"$TUMEN" batch -q -o "$tmp/m.tmx" --summary "$tmp/m.jsonl" "$tmp/manifest.tsv"
"$TUMEN" batch -q -f beads -o "$tmp/m.beads" "$tmp/manifest.tsv"

# --- SRCDIR TGTDIR ----------------------------------------------------------
check "SRCDIR TGTDIR: batch succeeds" "$TUMEN" batch -q -o "$tmp/d.tmx" \
	--summary "$tmp/d.jsonl" "$tmp/src" "$tmp/tgt"
check "SRCDIR TGTDIR: the TMX of the manifest" same_tmx "$tmp/m.tmx" "$tmp/d.tmx"
check "SRCDIR TGTDIR: the summary of the manifest" cmp -s "$tmp/m.jsonl" "$tmp/d.jsonl"
check "SRCDIR TGTDIR: TMX valid" valid_tmx "$tmp/d.tmx"
check "SRCDIR TGTDIR: ids are the names, in name order" \
	[ "$(sed 's/^{"id":"\([^"]*\)".*/\1/' "$tmp/d.jsonl" | tr '\n' ' ')" = "budget flood rates " ]
"$TUMEN" batch -q -f beads -o "$tmp/d.beads" "$tmp/src/" "$tmp/tgt/"
check "SRCDIR/ TGTDIR/: the beads of the manifest" cmp -s "$tmp/m.beads" "$tmp/d.beads"

# --- one DIR holding both sides -----------------------------------------------
"$TUMEN" batch -q -f beads -o "$tmp/b.beads" "$tmp/both"
check "DIR: the beads of the manifest" cmp -s "$tmp/m.beads" "$tmp/b.beads"

# --- custom suffixes ----------------------------------------------------------
"$TUMEN" batch -q -f beads --src-suffix .english --tgt-suffix .persian \
	-o "$tmp/c.beads" "$tmp/custom"
check "--src-suffix/--tgt-suffix: the beads of the manifest" \
	cmp -s "$tmp/m.beads" "$tmp/c.beads"
# the same suffix on both sides is fine in two directories
mkdir "$tmp/s2" "$tmp/t2"
for name in budget flood rates; do
	cp "$CORPORA/$name.en.txt" "$tmp/s2/$name.txt"
	cp "$CORPORA/$name.fa.txt" "$tmp/t2/$name.txt"
done
"$TUMEN" batch -q -f beads --src-suffix .txt --tgt-suffix .txt \
	-o "$tmp/s.beads" "$tmp/s2" "$tmp/t2"
check "one suffix for two directories" cmp -s "$tmp/m.beads" "$tmp/s.beads"
# in one directory, a name ending in both suffixes belongs to the longer one
mkdir "$tmp/over"
for name in budget flood rates; do
	cp "$CORPORA/$name.en.txt" "$tmp/over/$name.txt"
	cp "$CORPORA/$name.fa.txt" "$tmp/over/$name.fa.txt"
done
"$TUMEN" batch -q -f beads --src-suffix .txt -o "$tmp/o.beads" "$tmp/over"
check "overlapping suffixes: .fa.txt is not a source" cmp -s "$tmp/m.beads" "$tmp/o.beads"

# --- shards and --resume see the same order -----------------------------------
"$TUMEN" batch -q -f beads --shard 1/2 -o "$tmp/sh1" "$tmp/src" "$tmp/tgt"
"$TUMEN" batch -q -f beads --shard 2/2 -o "$tmp/sh2" "$tmp/src" "$tmp/tgt"
cat "$tmp/sh1" "$tmp/sh2" >"$tmp/sh.beads"
check "--shard 1/2 + 2/2 = the whole" cmp -s "$tmp/m.beads" "$tmp/sh.beads"
check "--resume over directories" "$TUMEN" batch -q --resume -o "$tmp/r.tmx" \
	"$tmp/src" "$tmp/tgt"
check "--resume over directories: the TMX of the manifest" same_tmx "$tmp/m.tmx" "$tmp/r.tmx"
check "--resume: no parts left" [ ! -e "$tmp/r.tmx.parts" ]

# --- a file without its twin: reported, the batch goes on -----------------------
cp "$CORPORA/election.en.txt" "$tmp/src/alpha.en.txt"
cp "$CORPORA/football.fa.txt" "$tmp/tgt/omega.fa.txt"
set +e
"$TUMEN" batch -f beads -o "$tmp/u.beads" --summary "$tmp/u.jsonl" \
	"$tmp/src" "$tmp/tgt" 2>"$tmp/u.err"
rc=$?
set -e
check "unpaired files: exit 1" [ "$rc" -eq 1 ]
check "unpaired source reported" grep -qxF \
	"tumen: alpha: no target file '$tmp/tgt/alpha.fa.txt' for '$tmp/src/alpha.en.txt' (skipped)" \
	"$tmp/u.err"
check "unpaired target reported" grep -qxF \
	"tumen: omega: no source file '$tmp/src/omega.en.txt' for '$tmp/tgt/omega.fa.txt' (skipped)" \
	"$tmp/u.err"
check "unpaired: summary says error, with the message" grep -qxF \
	"{\"id\":\"alpha\",\"status\":\"error\",\"error\":\"no target file '$tmp/tgt/alpha.fa.txt' for '$tmp/src/alpha.en.txt'\"}" \
	"$tmp/u.jsonl"
check "unpaired: five summary lines in name order" \
	[ "$(sed 's/^{"id":"\([^"]*\)".*/\1/' "$tmp/u.jsonl" | tr '\n' ' ')" = "alpha budget flood omega rates " ]
check "unpaired: the other documents are all there" cmp -s "$tmp/m.beads" "$tmp/u.beads"
# ... with --resume too (the failures of this run count in the exit status)
expect_fail 1 "tumen: alpha: no target file" \
	"$TUMEN" batch --resume -o "$tmp/ur.tmx" "$tmp/src" "$tmp/tgt"
check "unpaired, --resume: the output is written" valid_tmx "$tmp/ur.tmx"
rm "$tmp/src/alpha.en.txt" "$tmp/tgt/omega.fa.txt"

# --- threads: the output of -j 1, whatever -j ------------------------------
# 80 documents (the samples again and again, each pair cut at another
# sentence), one of them broken in the middle: the workers finish them out
# of order, and whichever finishes the next one writes it
mkdir "$tmp/many"
: >"$tmp/many.tsv"
k=0
while [ "$k" -lt 80 ]; do
	for name in rates budget flood football election; do
		[ "$k" -lt 80 ] || break
		n=$((k % 7 + 3))
		head -n "$n" "$CORPORA/$name.en.sents" >"$tmp/many/d$k.en"
		head -n "$n" "$CORPORA/$name.fa.sents" >"$tmp/many/d$k.fa"
		printf 'd%s\td%s.en\td%s.fa\n' "$k" "$k" "$k" >>"$tmp/many.tsv"
		k=$((k + 1))
	done
done
printf 'broken\tnone.en\tnone.fa\n' >>"$tmp/many/../many.tsv"
mv "$tmp/many.tsv" "$tmp/many/manifest.tsv"
for j in 1 2 3 5; do
	set +e
	"$TUMEN" batch -q --presegmented -j "$j" -o "$tmp/many$j.tmx" \
		--summary "$tmp/many$j.jsonl" "$tmp/many/manifest.tsv"
	rc=$?
	set -e
	check "-j $j: one failed document, exit 1" [ "$rc" -eq 1 ]
done
check "-j 1: every document in the output" \
	[ "$(grep -c '<prop type="x-document">' "$tmp/many1.tmx")" -gt 80 ]
for j in 2 3 5; do
	check "-j $j: the TMX of -j 1" same_tmx "$tmp/many1.tmx" "$tmp/many$j.tmx"
	check "-j $j: the summary of -j 1" cmp -s "$tmp/many1.jsonl" "$tmp/many$j.jsonl"
done

# --- errors -------------------------------------------------------------------
mkdir "$tmp/empty"
expect_stderr 1 "tumen: $tmp/empty: no file named NAME.en.txt" \
	"$TUMEN" batch -o "$tmp/x.tmx" "$tmp/empty"
check "empty directory: no output" [ ! -e "$tmp/x.tmx" ]
expect_stderr 1 "tumen: $tmp/empty: no file named NAME.fa.txt" \
	"$TUMEN" batch -o "$tmp/x.tmx" "$tmp/src" "$tmp/empty"
expect_stderr 1 "tumen: $tmp/custom: no file named NAME.en.txt" \
	"$TUMEN" batch "$tmp/custom"
expect_stderr 1 "tumen: cannot open '$tmp/nowhere': No such file or directory" \
	"$TUMEN" batch "$tmp/src" "$tmp/nowhere"
expect_stderr 2 "tumen: '$tmp/manifest.tsv' is not a directory (two arguments are SRCDIR and TGTDIR)
Try 'tumen batch --help'." "$TUMEN" batch "$tmp/src" "$tmp/manifest.tsv"
expect_stderr 2 "tumen: --src-suffix and --tgt-suffix need directories, not a MANIFEST
Try 'tumen batch --help'." "$TUMEN" batch --src-suffix .en "$tmp/manifest.tsv"
expect_stderr 2 "tumen: --src-suffix and --tgt-suffix must differ when both sides are in one directory
Try 'tumen batch --help'." "$TUMEN" batch --src-suffix .txt --tgt-suffix .txt "$tmp/both"
expect_fail 2 "--tgt-suffix needs a suffix" "$TUMEN" batch --tgt-suffix '' "$tmp/both"
expect_fail 2 "expected a MANIFEST, a DIR or SRCDIR TGTDIR" \
	"$TUMEN" batch "$tmp/src" "$tmp/tgt" "$tmp/both"
expect_fail 2 "expected a MANIFEST, a DIR or SRCDIR TGTDIR" "$TUMEN" batch
finish
