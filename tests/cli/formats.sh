#!/bin/sh
# formats.sh - the four output formats on small presegmented parallel texts:
# TMX valid against tests/tmx14b.dtd, beads covering both sides, TSV and
# Moses one line per pair; escaping, dropped characters, languages, stdin.
. "${TOP_SRCDIR:-.}/tests/cli/setup.sh"

DATA=$TOP_SRCDIR/tests/data/output

# tmx_ok FILE DESC: FILE validates (xmllint's note that it cannot load
# "tmx14.dtd" next to FILE is expected: the DTD is given with --dtdvalid)
tmx_ok() {
	if valid_tmx "$1" 2>"$tmp/lint.err"; then
		ok
	else
		fail "$2: invalid TMX: $(grep -v 'tmx14.dtd' "$tmp/lint.err")"
	fi
}

# count PATTERN FILE: lines of FILE matching the fixed string PATTERN
count() {
	grep -cF -- "$1" "$2" || :
}

# nodate FILE: FILE without its creationdate (it changes every second)
nodate() {
	sed 's/creationdate="[^"]*"//' "$1"
}

# Four obvious pairs, one sentence per line, numbers as anchors.
en=$tmp/en.txt
fa=$tmp/fa.txt
cat >"$en" <<'EOF'
Chapter 1: The Old House.
The house had 3 rooms & a <small> garden.
Who lived there in 1950?
Nobody knows the answer!
EOF
cat >"$fa" <<'EOF'
فصل ۱: خانهٔ قدیمی.
خانه ۳ اتاق و یک باغچهٔ <کوچک> داشت.
چه کسی در سال ۱۹۵۰ آنجا زندگی می‌کرد؟
هیچ‌کس پاسخ را نمی‌داند!
EOF
n=4
A="$TUMEN align --presegmented"

# --- the DTD itself: accepts every element, rejects what the spec forbids ---
if [ -n "$XMLLINT" ]; then
	tmx_ok "$DATA/full.tmx" "full.tmx (every TMX 1.4b element)"
	for f in "$DATA"/bad-*.tmx; do
		if valid_tmx "$f" 2>/dev/null; then
			fail "$(basename "$f") validates but breaks TMX 1.4b"
		else
			ok
		fi
	done
fi

# --- TMX ------------------------------------------------------------------
check "tmx: align succeeds" $A -o "$tmp/out.tmx" "$en" "$fa"
tmx_ok "$tmp/out.tmx" "tmx"
check "tmx: one <tu> per line pair" [ "$(count '<tu>' "$tmp/out.tmx")" -eq $n ]
check "tmx: all beads 1-1" \
	[ "$(count '<prop type="x-bead">1-1</prop>' "$tmp/out.tmx")" -eq $n ]
check "tmx: two <tuv> per <tu>" \
	[ "$(count '<tuv ' "$tmp/out.tmx")" -eq $((2 * n)) ]
check "tmx: XML declaration first" \
	[ "$(head -n 1 "$tmp/out.tmx")" = '<?xml version="1.0" encoding="UTF-8"?>' ]
check "tmx: version 1.4" grep -qF '<tmx version="1.4">' "$tmp/out.tmx"
version=$("$TUMEN" --version | sed 's/^tumen //')
check "tmx: creationtoolversion is the program's" \
	grep -qF "creationtool=\"tumen\" creationtoolversion=\"$version\"" \
	"$tmp/out.tmx"
check "tmx: creationdate is YYYYMMDDThhmmssZ" \
	grep -Eq 'creationdate="[0-9]{8}T[0-9]{6}Z"' "$tmp/out.tmx"
check "tmx: every score in [0, 1] with 4 decimals" \
	awk -F'[<>]' '/x-score/ { if ($3 !~ /^[01]\.[0-9][0-9][0-9][0-9]$/ ||
		$3 > 1) bad = 1 } END { exit bad }' "$tmp/out.tmx"
check "tmx: x-document is SRC's name" \
	[ "$(count "<prop type=\"x-document\">$en</prop>" "$tmp/out.tmx")" -eq $n ]
check "tmx: Persian text intact" \
	grep -qF '<seg>هیچ‌کس پاسخ را نمی‌داند!</seg>' "$tmp/out.tmx"
# the default output is standard output, byte for byte the same but the date
$A "$en" "$fa" >"$tmp/stdout.tmx"
check "tmx: -o FILE equals standard output" \
	[ "$(nodate "$tmp/out.tmx")" = "$(nodate "$tmp/stdout.tmx")" ]

# markup characters are escaped and the file still validates
check "tmx: & escaped" grep -qF '3 rooms &amp; a &lt;small&gt; garden.' \
	"$tmp/out.tmx"
check "tmx: < > escaped in Persian" grep -qF '&lt;کوچک&gt;' "$tmp/out.tmx"
check "tmx: no raw <small>" [ "$(count '<small>' "$tmp/out.tmx")" -eq 0 ]
$A --doc-id 'a&b "c" <d>' -o "$tmp/id.tmx" "$en" "$fa"
tmx_ok "$tmp/id.tmx" "tmx with a doc id full of markup"
check "tmx: --doc-id escaped" \
	grep -qF '<prop type="x-document">a&amp;b &quot;c&quot; &lt;d&gt;</prop>' \
	"$tmp/id.tmx"

# --src-lang and --tgt-lang reach srclang and xml:lang
$A --src-lang en-GB --tgt-lang fa-IR -o "$tmp/lang.tmx" "$en" "$fa"
tmx_ok "$tmp/lang.tmx" "tmx with languages"
check "tmx: srclang from --src-lang" grep -qF 'srclang="en-GB"' "$tmp/lang.tmx"
check "tmx: source xml:lang" \
	[ "$(count '<tuv xml:lang="en-GB">' "$tmp/lang.tmx")" -eq $n ]
check "tmx: target xml:lang" \
	[ "$(count '<tuv xml:lang="fa-IR">' "$tmp/lang.tmx")" -eq $n ]
check "tmx: default languages en and fa" \
	[ "$(count '<tuv xml:lang="fa">' "$tmp/out.tmx")" -eq $n ]

# characters XML 1.0 forbids: dropped, counted in a warning, TMX valid
printf 'Chapter 1: The\000 Old House.\nThe house had\001 3 rooms.\n' >"$tmp/ctl.en"
printf 'فصل ۱: خانهٔ\033 قدیمی.\nخانه ۳ اتاق داشت.\n' >"$tmp/ctl.fa"
set +e
$A -o "$tmp/ctl.tmx" "$tmp/ctl.en" "$tmp/ctl.fa" 2>"$tmp/ctl.err"
rc=$?
set -e
check "control characters: exit 0" [ "$rc" -eq 0 ]
check "control characters: warning says dropped" \
	grep -q '^tumen: warning: .*dropped' "$tmp/ctl.err"
tmx_ok "$tmp/ctl.tmx" "tmx from input with control characters"
check "control characters: none left in the TMX" \
	[ "$(tr -d '\000\001\033' <"$tmp/ctl.tmx" | wc -c)" -eq \
	  "$(wc -c <"$tmp/ctl.tmx")" ]
check "control characters: text around them kept" \
	grep -qF '<seg>The house had 3 rooms.</seg>' "$tmp/ctl.tmx"
$A -q -o "$tmp/ctl.tmx" "$tmp/ctl.en" "$tmp/ctl.fa" 2>"$tmp/ctl.err"
check "control characters: -q silences the warning" [ ! -s "$tmp/ctl.err" ]

# --- beads ----------------------------------------------------------------
check "beads: align succeeds" $A -f beads -o "$tmp/out.beads" "$en" "$fa"
check "beads: cover both sides in order" beads_cover "$tmp/out.beads" $n $n
check "beads: 1-1 pairs i<TAB>i" \
	[ "$(cat "$tmp/out.beads")" = "$(printf '0\t0\n1\t1\n2\t2\n3\t3')" ]
check "beads: tumen eval scores them 1 against themselves" \
	[ "$("$TUMEN" eval -q "$tmp/out.beads" "$tmp/out.beads")" = "1.0000 1.0000" ]

# --- TSV ------------------------------------------------------------------
check "tsv: align succeeds" $A -f tsv -o "$tmp/out.tsv" "$en" "$fa"
check "tsv: one row per pair" [ "$(wc -l <"$tmp/out.tsv")" -eq $n ]
check "tsv: three columns everywhere" \
	awk -F '\t' 'NF != 3 { bad = 1 } END { exit bad }' "$tmp/out.tsv"
check "tsv: columns are score, source, target" \
	awk -F '\t' -v en="$en" 'BEGIN { while ((getline l < en) > 0) s[++n] = l }
		$1 !~ /^[01]\.[0-9]+$/ || $2 != s[NR] { bad = 1 }
		END { exit bad }' "$tmp/out.tsv"
check "tsv: text unescaped" grep -qF '3 rooms & a <small> garden.' "$tmp/out.tsv"
# a tab inside a sentence must not make a fourth column
printf 'One\ttwo three.\nFour five.\n' >"$tmp/tab.en"
printf 'یک\tدو سه.\nچهار پنج.\n' >"$tmp/tab.fa"
$A -f tsv "$tmp/tab.en" "$tmp/tab.fa" >"$tmp/tab.tsv"
check "tsv: tab inside a sentence is a space" \
	awk -F '\t' 'NF != 3 { bad = 1 } END { exit bad || NR == 0 }' "$tmp/tab.tsv"
check "tsv: tab became a space" grep -qF 'One two three.' "$tmp/tab.tsv"

# --- Moses ----------------------------------------------------------------
check "moses: align succeeds" $A -f moses -o "$tmp/p" "$en" "$fa"
check "moses: PREFIX.en written" [ -f "$tmp/p.en" ]
check "moses: PREFIX.fa written" [ -f "$tmp/p.fa" ]
check "moses: same line count" \
	[ "$(wc -l <"$tmp/p.en")" -eq "$(wc -l <"$tmp/p.fa")" ]
check "moses: one line per pair" [ "$(wc -l <"$tmp/p.en")" -eq $n ]
check "moses: source side is the input" cmp -s "$en" "$tmp/p.en"
check "moses: target side is the input" cmp -s "$fa" "$tmp/p.fa"
check "moses: no file PREFIX itself" [ ! -e "$tmp/p" ]
check "moses: no temporary left" \
	[ -z "$(ls -A "$tmp" | grep '^\.tumen-tmp-' || :)" ]
$A -f moses --src-lang en-GB --tgt-lang fa-IR -o "$tmp/q" "$en" "$fa"
check "moses: source file named after --src-lang" [ -f "$tmp/q.en-GB" ]
check "moses: target file named after --tgt-lang" [ -f "$tmp/q.fa-IR" ]

# --- standard input gives the same output as the file -----------------------
for f in tmx beads tsv; do
	$A -f "$f" --doc-id d "$en" "$fa" >"$tmp/file.$f"
	$A -f "$f" --doc-id d - "$fa" <"$en" >"$tmp/stdin1.$f"
	$A -f "$f" --doc-id d "$en" - <"$fa" >"$tmp/stdin2.$f"
	check "$f: source from stdin same as from file" \
		[ "$(nodate "$tmp/file.$f")" = "$(nodate "$tmp/stdin1.$f")" ]
	check "$f: target from stdin same as from file" \
		[ "$(nodate "$tmp/file.$f")" = "$(nodate "$tmp/stdin2.$f")" ]
done

# --- --min-score ----------------------------------------------------------
all=$(count '<tu>' "$tmp/out.tmx")
for min in 0 0.5 0.9 1.0; do
	$A --min-score "$min" -o "$tmp/min.tmx" "$en" "$fa"
	tmx_ok "$tmp/min.tmx" "tmx with --min-score $min"
	check "tmx: --min-score $min gives no more units" \
		[ "$(count '<tu>' "$tmp/min.tmx")" -le "$all" ]
	check "tmx: --min-score $min leaves out lower scores" \
		awk -F'[<>]' -v m="$min" '/x-score/ && $3 + 0 < m + 0 { bad = 1 }
			END { exit bad }' "$tmp/min.tmx"
	$A -f tsv --min-score "$min" -o "$tmp/min.tsv" "$en" "$fa"
	check "tsv: --min-score $min agrees with tmx" \
		[ "$(wc -l <"$tmp/min.tsv")" -eq "$(count '<tu>' "$tmp/min.tmx")" ]
done
check "tmx: --min-score 0 keeps every unit" \
	[ "$($A --min-score 0 "$en" "$fa" | count '<tu>' -)" -eq "$all" ]
# beads are never filtered: they must cover both documents
$A -f beads --min-score 1.0 -o "$tmp/min.beads" "$en" "$fa"
check "beads: --min-score does not filter" beads_cover "$tmp/min.beads" $n $n

# --- batch: beads name their document; align's options --------------------
printf 'one\t%s\t%s\ntwo\t%s\t%s\n' "$en" "$fa" "$en" "$fa" >"$tmp/m.tsv"
B="$TUMEN batch -q --presegmented"
$B -f beads -o "$tmp/batch.beads" "$tmp/m.tsv"
$A -f beads -o "$tmp/one.beads" "$en" "$fa"
{ sed 's/^/one	/' "$tmp/one.beads"; sed 's/^/two	/' "$tmp/one.beads"; } \
	>"$tmp/want.beads"
check "batch -f beads: each line starts with the document id" \
	cmp -s "$tmp/want.beads" "$tmp/batch.beads"
$B -f beads --scores -o "$tmp/batch.sbeads" "$tmp/m.tsv"
$A -f beads --scores -o "$tmp/one.sbeads" "$en" "$fa"
{ sed 's/^/one	/' "$tmp/one.sbeads"; sed 's/^/two	/' "$tmp/one.sbeads"; } \
	>"$tmp/want.sbeads"
check "batch --scores: id, beads and score, as align --scores" \
	cmp -s "$tmp/want.sbeads" "$tmp/batch.sbeads"
# the alignment switches mean what they mean for align (on a corpus article,
# where they change the beads)
C=$CORPORA/football
printf 'f\t%s\t%s\n' "$C.en.txt" "$C.fa.txt" >"$tmp/f.tsv"
for o in --length-only --no-paragraphs --paragraphs=line --no-numbers \
	--no-punctuation --no-lexicon --no-names --no-identical; do
	"$TUMEN" align -q -f beads --scores $o "$C.en.txt" "$C.fa.txt" |
		sed 's/^/f	/' >"$tmp/a.beads"
	"$TUMEN" batch -q -f beads --scores $o "$tmp/f.tsv" >"$tmp/b.beads"
	check "batch $o: the beads of align $o" cmp -s "$tmp/a.beads" "$tmp/b.beads"
done
"$TUMEN" batch -q -f beads --scores "$tmp/f.tsv" >"$tmp/b0.beads"
"$TUMEN" batch -q -f beads --scores --length-only "$tmp/f.tsv" >"$tmp/b1.beads"
check "batch --length-only differs from the default" \
	sh -c "! cmp -s '$tmp/b0.beads' '$tmp/b1.beads'"
# -v: one summary line, as align -v
set +e
$B -v -o "$tmp/v.tmx" "$tmp/m.tsv" 2>"$tmp/v.err"
rc=$?
set -e
check "batch -v succeeds" [ "$rc" -eq 0 ]
check "batch -v: documents, pairs, beads, coverage" grep -qxF \
	"tumen: 2 documents aligned (0 failed), 8 pairs written, 8 beads; coverage: source 100.0% (8/8), target 100.0% (8/8)" \
	"$tmp/v.err"
# Workers put each document's output together and the writer copies it:
# an output of more than 1 MB is handed over whole, the worker's stream
# opened anew.  Short documents around two such long ones (TSV, Moses'
# target side) give the bytes of align, on one worker and on two; control
# characters dropped by the workers are counted in the warning.
for k in $(seq 400); do cat "$C.en.txt"; echo; done >"$tmp/long.en"
for k in $(seq 400); do cat "$C.fa.txt"; echo; done >"$tmp/long.fa"
printf 's1\t%s\t%s\nL1\t%s\t%s\ns2\t%s\t%s\nL2\t%s\t%s\ns3\t%s\t%s\n' \
	"$tmp/ctl.en" "$tmp/ctl.fa" "$tmp/long.en" "$tmp/long.fa" \
	"$C.en.txt" "$C.fa.txt" "$tmp/long.en" "$tmp/long.fa" \
	"$tmp/ctl.en" "$tmp/ctl.fa" >"$tmp/long.tsv"
for f in tsv moses; do
	o=$tmp/want.$f
	: >"$o.en"; : >"$o.fa"; : >"$o"
	for d in ctl long "$C" long ctl; do
		case $d in /*) s=$d.en.txt t=$d.fa.txt ;;
		*) s=$tmp/$d.en t=$tmp/$d.fa ;; esac
		if [ $f = tsv ]; then
			"$TUMEN" align -q -f tsv "$s" "$t" >>"$o"
		else
			"$TUMEN" align -q -f moses -o "$tmp/one" "$s" "$t"
			cat "$tmp/one.en" >>"$o.en"
			cat "$tmp/one.fa" >>"$o.fa"
		fi
	done
done
check "batch: a long document's TSV passes 1 MB" \
	[ "$("$TUMEN" align -q -f tsv "$tmp/long.en" "$tmp/long.fa" | wc -c)" \
	  -gt 1048576 ]
for j in 1 2; do
	"$TUMEN" batch -q -j $j -f tsv -o "$tmp/long$j.tsv" "$tmp/long.tsv"
	check "batch -j $j: long and short documents, the TSV of align" \
		cmp -s "$tmp/want.tsv" "$tmp/long$j.tsv"
	"$TUMEN" batch -q -j $j -f moses -o "$tmp/long$j" "$tmp/long.tsv"
	check "batch -j $j: long and short documents, Moses' lines of align" \
		sh -c "cmp -s '$tmp/want.moses.en' '$tmp/long$j.en' &&
		       cmp -s '$tmp/want.moses.fa' '$tmp/long$j.fa'"
	set +e
	"$TUMEN" batch -j $j -o "$tmp/long$j.tmx" "$tmp/long.tsv" 2>"$tmp/long.err"
	rc=$?
	set -e
	check "batch -j $j: long and short documents succeed" [ "$rc" -eq 0 ]
	check "batch -j $j: the characters dropped in two documents counted" \
		grep -qxF "tumen: warning: 6 characters not allowed in XML 1.0 dropped from the TMX" \
		"$tmp/long.err"
	tmx_ok "$tmp/long$j.tmx" "batch -j $j of long and short documents"
done
# coverage takes the alignment switches and --srx too
"$TUMEN" coverage -q -f json --length-only --srx "$TOP_SRCDIR/data/tumen.srx" \
	-o "$tmp/cov.json" "$C.en.txt" "$C.fa.txt"
check "coverage --length-only --srx succeeds" test -s "$tmp/cov.json"

finish
