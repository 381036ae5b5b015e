#!/bin/sh
# parallel.sh - scale-out: the corpus aligned in 4 shards under GNU parallel
# and joined with tumen tmx merge gives the single-process result; the
# streaming mode gives the same pairs as the manifest mode.
. "${TOP_SRCDIR:-.}/tests/cli/setup.sh"

# the same pairs, whatever the header's creationdate
units() { "$TUMEN" tmx export -f tsv -o "$2" "$1"; }

"$TUMEN" batch -q -o "$tmp/one.tmx" "$CORPORA/manifest.tsv"
check "single-process TMX is valid" valid_tmx "$tmp/one.tmx"
units "$tmp/one.tmx" "$tmp/one.tsv"

if command -v parallel >/dev/null 2>&1; then
	# shellcheck disable=SC2016
	parallel --will-cite -j 2 "$TUMEN" batch -q --shard {}/4 \
		-o "$tmp/shard{}.tmx" "$CORPORA/manifest.tsv" ::: 1 2 3 4
	"$TUMEN" tmx merge -o "$tmp/merged.tmx" "$tmp/shard1.tmx" "$tmp/shard2.tmx" \
		"$tmp/shard3.tmx" "$tmp/shard4.tmx"
	check "merged TMX is valid" valid_tmx "$tmp/merged.tmx"
	units "$tmp/merged.tmx" "$tmp/merged.tsv"
	check "4 shards under GNU parallel, merged = single process" \
		cmp -s "$tmp/one.tsv" "$tmp/merged.tsv"
else
	echo "SKIP: GNU parallel not installed (Debian package parallel)" >&2
fi

# shards partition the manifest: every document once, in order
for k in 1 2 3; do
	"$TUMEN" batch -q --shard "$k/3" -f beads --summary "$tmp/s$k.jsonl" \
		-o "$tmp/s$k.beads" "$CORPORA/manifest.tsv"
done
cat "$tmp/s1.jsonl" "$tmp/s2.jsonl" "$tmp/s3.jsonl" | sed 's/^{"id":"\([^"]*\)".*/\1/' >"$tmp/ids"
cut -f1 "$CORPORA/manifest.tsv" >"$tmp/want"
check "shards 1..3 of 3 hold each document once, in order" cmp -s "$tmp/ids" "$tmp/want"
expect_fail 2 "--shard needs K/N" "$TUMEN" batch --shard 4/3 "$CORPORA/manifest.tsv"
expect_fail 2 "--shard needs K/N" "$TUMEN" batch --shard 0/3 "$CORPORA/manifest.tsv"
# a manifest on standard input ('-'; paths relative to the current
# directory), read in one go and then a chunk of entries at a time: the
# beads of the manifest named, shards too
"$TUMEN" batch -q -f beads --scores -o "$tmp/named.beads" "$CORPORA/manifest.tsv"
(cd "$CORPORA" && "$TUMEN" batch -q -f beads --scores -o "$tmp/stdin.beads" - \
	<manifest.tsv)
check "a manifest on standard input: the beads of the manifest named" \
	cmp -s "$tmp/named.beads" "$tmp/stdin.beads"
"$TUMEN" batch -q --shard 2/3 -f beads -o "$tmp/named2.beads" "$CORPORA/manifest.tsv"
(cd "$CORPORA" && "$TUMEN" batch -q --shard 2/3 -f beads -o "$tmp/stdin2.beads" - \
	<manifest.tsv)
check "a manifest on standard input, --shard 2/3: the same shard" \
	cmp -s "$tmp/named2.beads" "$tmp/stdin2.beads"
# a shard holds its own entries alone, but every line of the manifest is
# checked: a bad last line stops the first shard too, before any output
{ cat "$CORPORA/manifest.tsv"; echo "bad line"; } >"$tmp/bad.tsv"
n=$(wc -l <"$tmp/bad.tsv" | tr -d ' ')
expect_fail 1 "bad.tsv:$n: expected ID<TAB>SOURCE<TAB>TARGET" \
	"$TUMEN" batch -q --shard 1/3 -o "$tmp/bad.tmx" "$tmp/bad.tsv"
check "a bad manifest line in another shard: no output" [ ! -e "$tmp/bad.tmx" ]

# --stream: JSON lines in, id-prefixed TSV out, same pairs as batch -f tsv
json_string() {
	awk 'BEGIN { ORS = "" } {
		gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); gsub(/\t/, "\\t")
		print (NR > 1 ? "\\n" : "") $0 }' "$1"
}
: >"$tmp/in.jsonl"
for name in budget election flood football rates; do
	printf '{"id":"%s","src":"%s","tgt":"%s"}\n' "$name" \
		"$(json_string "$CORPORA/$name.en.txt")" \
		"$(json_string "$CORPORA/$name.fa.txt")" >>"$tmp/in.jsonl"
	"$TUMEN" align -q -f tsv "$CORPORA/$name.en.txt" "$CORPORA/$name.fa.txt" |
		sed "s/^/$name	/" >>"$tmp/want.tsv"
done
"$TUMEN" batch --stream -j 2 -f tsv <"$tmp/in.jsonl" >"$tmp/got.tsv"
check "--stream gives the pairs of tumen align, each with its id" \
	cmp -s "$tmp/want.tsv" "$tmp/got.tsv"
printf '{"id":"x","src":"a"}\nnot json\n' >"$tmp/bad.jsonl"
expect_fail 1 "<stdin>:1: needs the keys" sh -c "\"$TUMEN\" batch --stream <\"$tmp/bad.jsonl\""
expect_fail 1 "<stdin>:2: expected one JSON object" sh -c "\"$TUMEN\" batch --stream <\"$tmp/bad.jsonl\""
expect_fail 2 "--stream reads standard input" "$TUMEN" batch --stream "$CORPORA/manifest.tsv"
# more documents than a chunk (256, read while the one before is aligned),
# lines that are not document pairs in the first and the last: the pairs
# of every document in order, each bad line told in order and failed
: >"$tmp/many.jsonl"
: >"$tmp/many.want"
k=0
while [ "$k" -lt 60 ]; do
	sed "s/^{\"id\":\"\([a-z]*\)\"/{\"id\":\"\1-$k\"/" "$tmp/in.jsonl" >>"$tmp/many.jsonl"
	sed "s/^\([a-z]*\)	/\1-$k	/" "$tmp/want.tsv" >>"$tmp/many.want"
	[ "$k" -eq 1 ] && echo 'not json' >>"$tmp/many.jsonl"
	k=$((k + 1))
done
echo '{"id":"x","src":"a"}' >>"$tmp/many.jsonl"
set +e
"$TUMEN" batch --stream -j 2 -f tsv --summary "$tmp/many.sum" \
	<"$tmp/many.jsonl" >"$tmp/many.got" 2>"$tmp/many.err"
got=$?
set -e
check "--stream, 300 documents and 2 bad lines: exit 1" [ "$got" -eq 1 ]
check "--stream, 300 documents: the pairs of each, in order" \
	cmp -s "$tmp/many.want" "$tmp/many.got"
check "--stream, 300 documents: a summary line each" \
	[ "$(wc -l <"$tmp/many.sum")" -eq 300 ]
check "--stream: the bad lines told in order, with their numbers" \
	[ "$(grep -o '<stdin>:[0-9]*' "$tmp/many.err" | tr '\n' ' ')" = "<stdin>:11 <stdin>:302 " ]
# an input that cannot be read is an error, not an end: no output left
expect_fail 1 "tumen: cannot read standard input: Is a directory" \
	sh -c "\"$TUMEN\" batch --stream -o \"$tmp/dir.tmx\" <\"$tmp\""
check "--stream: no output when the input could not be read" [ ! -e "$tmp/dir.tmx" ]
# every format streams: beads lines start with the id as TSV lines do; TMX
# is one document whose units carry the id; Moses files hold the pairs
"$TUMEN" batch -q -f beads --scores -o "$tmp/m.beads" "$CORPORA/manifest.tsv"
grep -E '^(budget|election|flood|football|rates)	' "$tmp/m.beads" >"$tmp/want.beads"
"$TUMEN" batch --stream -j 2 -f beads --scores <"$tmp/in.jsonl" >"$tmp/got.beads"
check "--stream -f beads: the beads of the manifest, each with its id" \
	cmp -s "$tmp/want.beads" "$tmp/got.beads"
"$TUMEN" batch --stream -f tmx <"$tmp/in.jsonl" >"$tmp/got.tmx"
check "--stream -f tmx: valid TMX" valid_tmx "$tmp/got.tmx"
check "--stream -f tmx: each unit names its document" \
	[ "$(grep -c '<prop type="x-document">' "$tmp/got.tmx")" -eq "$(wc -l <"$tmp/want.tsv")" ]
check "--stream -f tmx: ids from the input" grep -q '<prop type="x-document">rates</prop>' "$tmp/got.tmx"
"$TUMEN" batch --stream -f moses -o "$tmp/sm" <"$tmp/in.jsonl"
cut -f3 "$tmp/want.tsv" >"$tmp/want.en"
check "--stream -f moses: PREFIX.en holds the pairs' source sides" cmp -s "$tmp/want.en" "$tmp/sm.en"
check "--stream -f moses: as many target lines" \
	[ "$(wc -l <"$tmp/sm.fa")" -eq "$(wc -l <"$tmp/want.tsv")" ]
expect_stderr 2 "tumen: -f moses needs -o PREFIX
Try 'tumen batch --help'." sh -c "\"$TUMEN\" batch --stream -f moses <\"$tmp/in.jsonl\""
finish
