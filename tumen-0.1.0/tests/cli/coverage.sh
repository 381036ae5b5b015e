#!/bin/sh
# coverage.sh - tumen coverage:
#   1. on corpus articles with known omissions and additions (NAME.gold
#      lines with an empty side), the JSON report lists exactly those
#      sentences, with their text and neighbours;
#   2. text, JSON and HTML over one pair and over a manifest; a manifest
#      document that fails is reported and the others go on;
#   3. the HTML page is self-contained and escapes its input; when chromium
#      is installed, it loads headless without a script error and a
#      screenshot of it is a real PNG;
#   4. usage errors exit 2, failures 1.
. "${TOP_SRCDIR:-.}/tests/cli/setup.sh"

if [ ! -r "$CORPORA/football.gold" ]; then
	echo "SKIP: corpora not found" >&2
	exit 77
fi
tab=$(printf '\t')

# items JSON LIST: "INDEX<TAB>TEXT" for each entry of the list LIST
# ("omitted" or "added") of a one-document JSON report, text unescaped
items() {
	awk -v list="$2" '
	$0 ~ "^ *\"" list "\": \\[$" { on = 1; next }
	on && /^ *\]/ { on = 0 }
	on {
		match($0, /"(src|tgt)": [0-9]+/)
		idx = substr($0, RSTART, RLENGTH); sub(/.*: /, "", idx)
		t = $0; sub(/.*"score": [0-9.]+, "text": "/, "", t)
		sub(/", "before": .*/, "", t)
		gsub(/\\"/, "\"", t); gsub(/\\\\/, "\\", t)
		print idx "\t" t
	}' "$1"
}

# expected NAME SIDE: "INDEX<TAB>TEXT" of the sentences NAME.gold leaves
# without a counterpart on SIDE (1: source, omitted; 2: target, added),
# the text taken from NAME.en.sents or NAME.fa.sents (blank lines skipped)
expected() {
	if [ "$2" = 1 ]; then sents=$CORPORA/$1.en.sents; else sents=$CORPORA/$1.fa.sents; fi
	awk -F '\t' -v side="$2" -v sents="$sents" '
	BEGIN { while ((getline l < sents) > 0) if (l != "") s[n++] = l }
	{ other = side == 1 ? $2 : $1 }
	$side != "" && other == "" { print $side "\t" s[$side] }' \
		"$CORPORA/$1.gold"
}

# same WHAT WANT GOT: WANT and GOT (strings) are equal
same() {
	if [ "$2" = "$3" ]; then ok; else fail "$1: expected '$2', got '$3'"; fi
}

# --- 1. known omissions and additions ---------------------------------
for name in football budget flood rates; do
	"$TUMEN" coverage -q -f json -o "$tmp/$name.json" \
		"$CORPORA/$name.en.txt" "$CORPORA/$name.fa.txt"
	same "$name omitted" "$(expected "$name" 1)" "$(items "$tmp/$name.json" omitted)"
	same "$name added" "$(expected "$name" 2)" "$(items "$tmp/$name.json" added)"
done
# football, spelled out: English sentence 20 left out, Persian 4 added
same "football omitted (exact)" \
	"20${tab}Tickets for both matches are already sold out." \
	"$(items "$tmp/football.json" omitted)"
same "football added (exact)" \
	"4${tab}هاربر پارک ورزشگاه خانگی ریورساید یونایتد است." \
	"$(items "$tmp/football.json" added)"
check "football summary counts" grep -q '"src_sentences": 21, "tgt_sentences": 21, "src_covered": 20, "tgt_covered": 20' "$tmp/football.json"
check "football added: neighbours" grep -q '"before": \[{"tgt": 3, .*"after": \[{"tgt": 5, "text": "نورثگیت در دقیقه 23 پیش افتاد."}\]' "$tmp/football.json"
check "football omitted: last sentence, no after" grep -q '"src": 20, .*"before": \[{"src": 19, .*"after": \[\]' "$tmp/football.json"
check "flood omitted (exact)" grep -q '"src": 21, .*"text": "Read this article in Persian."' "$tmp/flood.json"
"$TUMEN" coverage -q -f json --context 2 -o "$tmp/ctx.json" \
	"$CORPORA/football.en.txt" "$CORPORA/football.fa.txt"
check "--context 2" grep -q '"before": \[{"tgt": 2, [^]]*{"tgt": 3, ' "$tmp/ctx.json"

# --- 2. formats, thresholds, manifest -------------------------------------
"$TUMEN" coverage -q "$CORPORA/football.en.txt" "$CORPORA/football.fa.txt" >"$tmp/fb.txt"
check "text: omission listed" grep -q '^  omitted from the translation: 1$' "$tmp/fb.txt"
check "text: the omitted sentence marked" grep -q '>>   20  Tickets for both matches are already sold out.' "$tmp/fb.txt"
check "text: coverage line" grep -q 'source 20/21 sentences aligned (95.2%)' "$tmp/fb.txt"
"$TUMEN" coverage -q -f json --min-score 1 -o "$tmp/all.json" \
	"$CORPORA/football.en.txt" "$CORPORA/football.fa.txt"
check "--min-score 1 makes beads suspicious" grep -q '"reasons": \["score"\]' "$tmp/all.json"
check "default: no low-score bead in football" sh -c "! grep -q '\"score\"\\]' '$tmp/football.json'"

"$TUMEN" coverage -q -f json --manifest "$CORPORA/manifest.tsv" -o "$tmp/batch.json"
check "manifest: corpus summary" grep -q '^  "summary": {"documents": 7, "failed": 0,' "$tmp/batch.json"
check "manifest: one section per document" test "$(grep -c '^      "id": ' "$tmp/batch.json")" = 7
check "manifest: windows-1256 column read" grep -q '"id": "discovery"' "$tmp/batch.json"

mkdir "$tmp/m"
cp "$CORPORA/flood.en.txt" "$CORPORA/flood.fa.txt" "$tmp/m/"
printf '# test\nflood\tflood.en.txt\tflood.fa.txt\ngone\tnone.en.txt\tflood.fa.txt\n' >"$tmp/m/list.tsv"
expect_fail 1 "tumen: gone: cannot open '$tmp/m/none.en.txt'" \
	"$TUMEN" coverage -f html --manifest "$tmp/m/list.tsv" -o "$tmp/m/out.html"
check "manifest: report written despite a failure" grep -q 'failed: cannot open' "$tmp/m/out.html"
check "manifest: index of documents" grep -q 'href="#doc-1">gone</a>' "$tmp/m/out.html"
printf 'flood\tflood.en.txt\n' >"$tmp/m/bad.tsv"
expect_fail 1 "bad.tsv:1: expected ID<TAB>SOURCE<TAB>TARGET" \
	"$TUMEN" coverage --manifest "$tmp/m/bad.tsv"

# --- 3. the HTML page ------------------------------------------------------
html=$tmp/football.html
"$TUMEN" coverage -q -f html -o "$html" "$CORPORA/football.en.txt" "$CORPORA/football.fa.txt"
check "html: doctype and lang" grep -q '^<html lang="en">$' "$html"
check "html: charset" grep -q '<meta charset="utf-8">' "$html"
check "html: Persian cells right to left" grep -q '<td class="tgt" lang="fa" dir="rtl">' "$html"
check "html: omission marked" grep -q '<tr class="b omit"' "$html"
check "html: addition marked" grep -q '<tr class="b add"' "$html"
check "html: nothing fetched" sh -c "! grep -qiE '(src|href)=\"(https?:)?//|@import|url\\(' '$html'"
check "html: valid UTF-8" iconv -f UTF-8 -t UTF-8 "$html" -o /dev/null

printf 'Beware <script>alert("x")</script> & "quotes".\nSecond.\n' >"$tmp/evil.en"
printf 'مراقب </td><img src=x onerror=alert(1)> باشید.\nدوم.\n' >"$tmp/evil.fa"
"$TUMEN" coverage -q --presegmented -f html -o "$tmp/evil.html" "$tmp/evil.en" "$tmp/evil.fa"
check "html: input escaped" grep -qF '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;.' "$tmp/evil.html"
check "html: one script element (ours)" test "$(grep -c '<script' "$tmp/evil.html")" = 1
check "html: no injected tag" sh -c "! grep -q '<img' '$tmp/evil.html'"

chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
	echo "SKIP: chromium not installed, HTML page not loaded in a browser" >&2
else
	# headless: --dump-dom shows data-ready="1" only if the page's script
	# ran to its end; the screenshot must be a PNG of some substance
	run_chromium() {
		timeout 120 "$chromium" --headless --no-sandbox --disable-gpu \
			--disable-quic --no-first-run --disable-background-networking \
			--disable-component-update --disable-sync \
			--user-data-dir="$tmp/prof" --enable-logging=stderr --v=0 \
			--window-size=1200,900 "$@" "file://$html"
	}
	run_chromium --dump-dom >"$tmp/dom.html" 2>"$tmp/dom.err" || true
	check "chromium: page script ran" grep -q '<html lang="en" data-ready="1">' "$tmp/dom.html"
	check "chromium: no console errors" sh -c "! grep -iE 'Uncaught|CONSOLE\\(' '$tmp/dom.err'"
	run_chromium --screenshot="$tmp/shot.png" >/dev/null 2>"$tmp/shot.err" || true
	check "chromium: screenshot is a PNG" sh -c "head -c 8 '$tmp/shot.png' | od -An -tx1 | grep -q '89 50 4e 47 0d 0a 1a 0a'"
	check "chromium: screenshot not blank" test "$(wc -c <"$tmp/shot.png")" -gt 20000
	check "chromium: no console errors (screenshot)" sh -c "! grep -iE 'Uncaught|CONSOLE\\(' '$tmp/shot.err'"
fi

# --- 4. usage and failures ---------------------------------------------------
expect_fail 2 "expected two files, SRC and TGT" "$TUMEN" coverage "$CORPORA/flood.en.txt"
expect_fail 2 "unknown format 'xml' (text, json, html)" \
	"$TUMEN" coverage -f xml "$CORPORA/flood.en.txt" "$CORPORA/flood.fa.txt"
expect_fail 2 "give either --manifest or SRC and TGT, not both" \
	"$TUMEN" coverage --manifest "$CORPORA/manifest.tsv" "$CORPORA/flood.en.txt"
expect_fail 2 "--context needs a whole number" \
	"$TUMEN" coverage --context 1.5 "$CORPORA/flood.en.txt" "$CORPORA/flood.fa.txt"
expect_fail 2 "--min-score needs a number from 0 to 1" \
	"$TUMEN" coverage --min-score 2 "$CORPORA/flood.en.txt" "$CORPORA/flood.fa.txt"
expect_fail 1 "tumen: cannot open '$tmp/none.txt'" \
	"$TUMEN" coverage "$tmp/none.txt" "$CORPORA/flood.fa.txt"
expect_fail 1 "tumen: " \
	"$TUMEN" coverage -q -o "$tmp/no/such/dir/out.html" "$CORPORA/flood.en.txt" "$CORPORA/flood.fa.txt"
check "no output left after a failure" test ! -e "$tmp/no/such/dir/out.html"
"$TUMEN" coverage --help >"$tmp/help"
check "--help names the formats" grep -q 'text (default), json or html' "$tmp/help"

finish
