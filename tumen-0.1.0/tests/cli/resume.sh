#!/bin/sh
# resume.sh - an interrupted tumen batch leaves no partial output, and
# --resume completes it with the same result as one uninterrupted run.
. "${TOP_SRCDIR:-.}/tests/cli/setup.sh"

# a corpus of 140 documents: the sample articles, 20 times over
i=0
while [ "$i" -lt 20 ]; do
	sed "s#^\([^	]*\)	\([^	]*\)	\([^	]*\)#\1-$i	$CORPORA/\2	$CORPORA/\3#" \
		"$CORPORA/manifest.tsv"
	i=$((i + 1))
done >"$tmp/manifest.tsv"

"$TUMEN" batch -q -o "$tmp/whole.tmx" --summary "$tmp/whole.jsonl" "$tmp/manifest.tsv"
grep -v creationdate "$tmp/whole.tmx" >"$tmp/whole.cmp"

for sig in INT TERM; do
	rm -rf "$tmp/out.tmx" "$tmp/out.tmx.parts" "$tmp/out.jsonl"
	"$TUMEN" batch -q --resume -o "$tmp/out.tmx" --summary "$tmp/out.jsonl" \
		"$tmp/manifest.tsv" &
	pid=$!
	n=0
	# wait until some documents are done, then interrupt
	while [ "$n" -lt 10 ] && kill -0 "$pid" 2>/dev/null; do
		n=$(ls "$tmp/out.tmx.parts" 2>/dev/null | grep -c '\.out$' || true)
		sleep 0.05
	done
	kill -"$sig" "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	if [ -e "$tmp/out.tmx" ] && [ "$n" -ge 10 ]; then
		fail "SIG$sig: a partial output was left"
	else
		ok
	fi
	if ls "$tmp" | grep -q '^\.tumen-tmp'; then
		fail "SIG$sig: a temporary file was left"
	else
		ok
	fi
	done_parts=$(ls "$tmp/out.tmx.parts" | grep -c '\.out$' || true)
	if [ "$done_parts" -gt 0 ] && [ "$done_parts" -lt 140 ]; then
		ok
	else
		fail "SIG$sig: expected some of 140 parts, found $done_parts"
	fi
	check "SIG$sig: --resume completes the batch" \
		"$TUMEN" batch -q --resume -o "$tmp/out.tmx" --summary "$tmp/out.jsonl" \
		"$tmp/manifest.tsv"
	check "SIG$sig: resumed TMX is valid" valid_tmx "$tmp/out.tmx"
	grep -v creationdate "$tmp/out.tmx" >"$tmp/out.cmp"
	check "SIG$sig: resumed output equals one uninterrupted run" \
		cmp -s "$tmp/whole.cmp" "$tmp/out.cmp"
	check "SIG$sig: resumed summary equals one uninterrupted run" \
		cmp -s "$tmp/whole.jsonl" "$tmp/out.jsonl"
	if [ -e "$tmp/out.tmx.parts" ]; then
		fail "SIG$sig: the journal was not removed"
	else
		ok
	fi
done
expect_fail 2 "--resume needs -o FILE" "$TUMEN" batch --resume "$tmp/manifest.tsv"
finish
