#!/bin/sh
# hostile.sh - inputs that try to break tumen: huge, empty, binary,
# mislabelled, truncated, interrupted.  Each must give the exact error
# (or finish with nothing lost), never a crash or a partial output file.
. "${TOP_SRCDIR:-.}/tests/cli/setup.sh"

H=$TOP_SRCDIR/tests/data/hostile
FA=$CORPORA/budget.fa.txt

# nsent FILE [SEGMENT OPTIONS]: number of sentences tumen finds in FILE
nsent() {
	f=$1
	shift
	"$TUMEN" segment "$@" "$f" | grep -c .
}

# covered BEADS SRC TGT [SEGMENT OPTIONS]: BEADS covers every sentence of
# SRC (English) and TGT (Persian) once, in order
covered() {
	b=$1 s=$2 t=$3
	shift 3
	beads_cover "$b" "$(nsent "$s" "$@")" "$(nsent "$t" -l fa "$@")"
}

# no_temp DIR: no temporary output file was left in DIR
no_temp() {
	! ls -a "$1" | grep -q '^\.tumen-tmp-'
}

# ---- size ----

# One 50 MB line of letters and spaces, no punctuation: one sentence.
awk 'BEGIN { for (;;) print "lorem ipsum dolor sit amet consectetur" }' |
	head -c 50000000 | tr '\n' ' ' >"$tmp/big.en"
check "50 MB single line: align finishes" \
	"$TUMEN" align -f beads -o "$tmp/big.beads" "$tmp/big.en" "$FA"
check "50 MB single line: nothing lost" covered "$tmp/big.beads" \
	"$tmp/big.en" "$FA"
rm -f "$tmp/big.en"

# A 1 MB line of 30000 short sentences.
awk 'BEGIN { for (i = 1; i <= 30000; i++) printf "This is sentence %d. ", i
	print "" }' >"$tmp/long.en"
check "1 MB line of sentences: align finishes" \
	"$TUMEN" align -f beads -o "$tmp/long.beads" "$tmp/long.en" "$FA"
check "1 MB line of sentences: nothing lost" covered "$tmp/long.beads" \
	"$tmp/long.en" "$FA"

# Quotes and brackets nested 50000 deep, both scripts.
awk 'BEGIN { for (i = 0; i < 50000; i++) printf "\"(['\''"
	printf "Deep inside? Yes! "
	for (i = 0; i < 50000; i++) printf "'\''])\""
	print ". After." }' >"$tmp/nest.en"
awk 'BEGIN { for (i = 0; i < 50000; i++) printf "«("
	printf "در عمق؟ بله! "
	for (i = 0; i < 50000; i++) printf ")»"
	print ". بعد." }' >"$tmp/nest.fa"
check "nested quotes: align finishes" \
	"$TUMEN" align -f beads -o "$tmp/nest.beads" "$tmp/nest.en" "$tmp/nest.fa"
check "nested quotes: nothing lost" covered "$tmp/nest.beads" \
	"$tmp/nest.en" "$tmp/nest.fa"

# ---- empty ----

: >"$tmp/empty.txt"
printf '  \n\t\n \r\n\n' >"$tmp/blank.txt"
expect_stderr 1 "tumen: $tmp/empty.txt: empty document" \
	"$TUMEN" align "$tmp/empty.txt" "$FA"
expect_stderr 1 "tumen: $tmp/blank.txt: empty document" \
	"$TUMEN" align "$CORPORA/budget.en.txt" "$tmp/blank.txt"
expect_stderr 1 "tumen: $tmp/empty.txt: empty document" \
	"$TUMEN" segment "$tmp/empty.txt"

# ---- bytes that are not the declared text ----

# Valid English, then 2048 random bytes: the first of them is invalid.
expect_stderr 1 "tumen: $H/junk.bin: byte 37: invalid UTF-8" \
	"$TUMEN" align "$H/junk.bin" "$FA"
expect_fail 0 "invalid byte sequences replaced with U+FFFD" \
	"$TUMEN" align --lenient -o "$tmp/junk.tmx" "$H/junk.bin" "$FA"
check "junk, --lenient: valid TMX" valid_tmx "$tmp/junk.tmx"

# 100 kB of pseudo-random bytes (awk's generator, seed 1): where the first
# invalid sequence falls depends on the awk, that there is one does not.
LC_ALL=C awk 'BEGIN { srand(1)
	for (i = 0; i < 100000; i++) printf "%c", int(rand() * 255) + 1 }' \
	>"$tmp/random.bin"
set +e
"$TUMEN" align "$tmp/random.bin" "$FA" >/dev/null 2>"$tmp/err"
st=$?
set -e
if [ "$st" -eq 1 ] && grep -qx \
	"tumen: $tmp/random.bin: byte [0-9]*: invalid UTF-8" "$tmp/err"; then
	ok
else
	fail "random bytes: exit $st, stderr: $(cat "$tmp/err")"
fi
check "random bytes, --lenient: aligned" \
	"$TUMEN" align -q --lenient -f beads -o "$tmp/random.beads" \
	"$tmp/random.bin" "$FA"
check "random bytes, --lenient: nothing lost" covered "$tmp/random.beads" \
	"$tmp/random.bin" "$FA" --lenient

# Persian in UTF-16LE without a BOM, declared UTF-8.  ASCII in UTF-16 is
# valid UTF-8 (with NULs), so the text is Persian: "سلام دنیا" is 33 06 44
# 06 27 06 45 06 20 00 2F 06 46 06 CC 06 ..., and CC at byte 14 is a lead
# byte followed by 06, not a continuation byte.
printf 'سلام دنیا\n' | iconv -f UTF-8 -t UTF-16LE >"$tmp/utf16.fa"
expect_stderr 1 "tumen: $tmp/utf16.fa: byte 14: invalid UTF-8" \
	"$TUMEN" align --tgt-encoding UTF-8 "$CORPORA/budget.en.txt" \
	"$tmp/utf16.fa"
# ... and read as what it is, it aligns
check "UTF-16LE declared as such" "$TUMEN" align -q --tgt-encoding UTF-16LE \
	-o "$tmp/utf16.tmx" "$CORPORA/budget.en.txt" "$tmp/utf16.fa"

# A file cut inside its last letter: 17 bytes, the last letter's lead byte
# is byte 15 and its second byte is missing.
printf 'سلام دنیا' | head -c 16 >"$tmp/cut.fa"
expect_stderr 1 "tumen: $tmp/cut.fa: byte 15: invalid UTF-8" \
	"$TUMEN" align "$CORPORA/budget.en.txt" "$tmp/cut.fa"
{ cat "$FA"; printf 'سلام\n\n\342\200'; } >"$tmp/cut3.fa"
expect_stderr 1 \
	"tumen: $tmp/cut3.fa: byte $(($(wc -c <"$FA") + 10)): invalid UTF-8" \
	"$TUMEN" align "$CORPORA/budget.en.txt" "$tmp/cut3.fa"

# NUL bytes are valid UTF-8 but not XML 1.0: dropped from the TMX, with a
# warning that counts them.
printf 'The rain\000 fell on Monday.\n\nIt stopped\000 on Friday.\n' \
	>"$tmp/nul.en"
printf 'باران روز دوشنبه بارید.\n\nروز جمعه بند آمد.\n' >"$tmp/nul.fa"
expect_stderr 0 \
	"tumen: warning: 2 characters not allowed in XML 1.0 dropped from the TMX" \
	"$TUMEN" align -o "$tmp/nul.tmx" "$tmp/nul.en" "$tmp/nul.fa"
check "NUL bytes: valid TMX" valid_tmx "$tmp/nul.tmx"
if grep -q 'rain fell' "$tmp/nul.tmx"; then ok; else
	fail "NUL bytes: the text around them is not in the TMX"; fi

# Found by fuzz_segment: a sentence ending in NBSP and a full stop lost
# them (the trailing-space trim took "\302\240." for a 3-byte space).
printf 'r\302\240.\n' >"$tmp/nbsp.en"
"$TUMEN" segment "$tmp/nbsp.en" >"$tmp/out"
if [ "$(cat "$tmp/out")" = "$(printf 'r\302\240.')" ]; then ok; else
	fail "NBSP before the final stop: segment printed '$(cat "$tmp/out")'"; fi

# ---- output failures and interruptions ----

expect_stderr 1 "tumen: cannot write '/dev/full': No space left on device" \
	"$TUMEN" align -o /dev/full "$tmp/nul.en" "$tmp/nul.fa"
check "/dev/full: no temporary left in /dev" no_temp /dev

# A run long enough to interrupt (a few seconds): 200 copies of five
# article pairs.
for side in en fa; do
	for a in budget election flood football rates; do
		cat "$CORPORA/$a.$side.txt"
		echo
	done >"$tmp/five.$side"
	i=0
	while [ "$i" -lt 200 ]; do
		cat "$tmp/five.$side"
		i=$((i + 1))
	done >"$tmp/many.$side"
done
mkdir "$tmp/sig"

# A shell without job control starts background commands with SIGINT
# ignored, and tumen would inherit that: give it the default action back.
dfl=
if env --default-signal=INT true 2>/dev/null; then
	dfl="env --default-signal=INT"
elif command -v perl >/dev/null 2>&1; then
	dfl="perl -e \$SIG{INT}='DEFAULT';exec(@ARGV)or(exit(127))"
fi

# interrupt SIGNAL DELAY: tumen killed by SIGNAL after DELAY seconds
# leaves neither its output nor a temporary file.
interrupt() {
	rm -f "$tmp/sig/out.tmx"
	# shellcheck disable=SC2086
	$dfl "$TUMEN" align -o "$tmp/sig/out.tmx" "$tmp/many.en" \
		"$tmp/many.fa" 2>"$tmp/sig.err" &
	pid=$!
	sleep "$2"
	kill -"$1" "$pid" 2>/dev/null || true
	st=0
	wait "$pid" || st=$?
	if [ "$st" -eq 0 ]; then
		echo "NOTE: the run finished before SIG$1 (${2}s)" >&2
	elif [ -e "$tmp/sig/out.tmx" ]; then
		fail "SIG$1 after ${2}s: output file created (exit $st)"
	elif ! no_temp "$tmp/sig"; then
		fail "SIG$1 after ${2}s: temporary file left: $(ls -a "$tmp/sig")"
	else
		ok
	fi
}
if [ -n "$dfl" ]; then
	interrupt INT 0.3
else
	echo "NOTE: cannot restore SIGINT for a background job, not sent" >&2
fi
interrupt TERM 0.3
interrupt TERM 1

# ---- hostile XML: TMX and SRX ----

HDR='<header creationtool="t" creationtoolversion="1" segtype="sentence"'
HDR=$HDR' o-tmf="x" adminlang="en" srclang="en" datatype="plaintext"/>'
RULES='<languagerules><languagerule languagerulename="x"><rule break="yes">
<beforebreak>\.</beforebreak><afterbreak>\s</afterbreak></rule>
</languagerule></languagerules><maprules><languagemap languagepattern=".*"
 languagerulename="x"/></maprules>'
SRX='<srx version="2.0" xmlns="http://www.lisa.org/srx20" xmlns:o="urn:o">'
printf 'One. Two.\n' >"$tmp/two.txt"

# billion laughs: ten entities, each ten of the one before
laughs() {
	echo '<?xml version="1.0"?>'
	echo "<!DOCTYPE $1 ["
	echo '<!ENTITY l0 "ha">'
	for i in 1 2 3 4 5 6 7 8 9; do
		j=$((i - 1))
		echo "<!ENTITY l$i \"&l$j;&l$j;&l$j;&l$j;&l$j;&l$j;&l$j;&l$j;&l$j;&l$j;\">"
	done
	echo ']>'
}
{ laughs tmx; printf '<tmx version="1.4">%s<body><tu><tuv xml:lang="en">' "$HDR"
  echo '<seg>&l9;</seg></tuv></tu></body></tmx>'; } >"$tmp/laughs.tmx"
expect_stderr 1 "tumen: $tmp/laughs.tmx:3: entity declarations are not allowed" \
	"$TUMEN" tmx validate "$tmp/laughs.tmx"
expect_stderr 1 "tumen: $tmp/laughs.tmx:3: entity declarations are not allowed" \
	"$TUMEN" tmx stats "$tmp/laughs.tmx"
{ laughs srx; echo "$SRX"'<header cascade="no"/><body>'
  echo '<languagerules><languagerule languagerulename="x"><rule break="yes">'
  echo '<beforebreak>&l9;</beforebreak></rule></languagerule></languagerules>'
  echo '<maprules><languagemap languagepattern=".*" languagerulename="x"/>'
  echo '</maprules></body></srx>'; } >"$tmp/laughs.srx"
expect_stderr 1 \
	"tumen: $tmp/laughs.srx:3: entity declarations are not allowed ('l0')" \
	"$TUMEN" segment --srx "$tmp/laughs.srx" "$tmp/two.txt"

# An external entity naming a local file: refused, the file never read.
printf '<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<tmx version="1.4">%s<body><tu><tuv xml:lang="en"><seg>&x;</seg></tuv></tu></body></tmx>\n' \
	"$HDR" >"$tmp/xxe.tmx"
expect_stderr 1 "tumen: $tmp/xxe.tmx:2: entity declarations are not allowed" \
	"$TUMEN" tmx export -f tsv "$tmp/xxe.tmx"
if grep -q 'root:' "$tmp/out"; then
	fail "external entity: /etc/passwd read into the output"
else ok; fi
# An external DTD is not fetched: a file naming one is checked as it is.
printf '<?xml version="1.0"?>\n<!DOCTYPE tmx SYSTEM "/etc/passwd">\n<tmx version="1.4">%s<body><tu><tuv xml:lang="en"><seg>x</seg></tuv></tu></body></tmx>\n' \
	"$HDR" >"$tmp/dtd.tmx"
expect_stderr 0 "" "$TUMEN" tmx validate "$tmp/dtd.tmx"
{ echo '<?xml version="1.0"?>'
  echo '<!DOCTYPE srx SYSTEM "/etc/passwd">'
  echo "$SRX"'<header cascade="no"/><body>'"$RULES"'</body></srx>'
} >"$tmp/dtd.srx"
expect_stderr 0 "" "$TUMEN" segment --srx "$tmp/dtd.srx" "$tmp/two.txt"
if [ "$(cat "$tmp/out")" = "$(printf 'One.\nTwo.')" ]; then ok; else
	fail "SRX naming a DTD: segmented as '$(cat "$tmp/out")'"; fi

# A million levels of nesting.
{ printf '<?xml version="1.0"?>\n<tmx version="1.4">%s<body><tu>' "$HDR"
  printf '<tuv xml:lang="en"><seg>\n'
  awk 'BEGIN { for (i = 0; i < 1000000; i++) printf "<hi>"; print "" }'
} >"$tmp/deep.tmx"
expect_stderr 1 "tumen: $tmp/deep.tmx:3: nesting deeper than 64 levels" \
	"$TUMEN" tmx validate "$tmp/deep.tmx"
{ echo '<?xml version="1.0"?>'
  echo "$SRX"'<header cascade="no"/><body>'
  awk 'BEGIN { for (i = 0; i < 1000000; i++) printf "<o:x>"; print "" }'
} >"$tmp/deep.srx"
expect_stderr 1 "tumen: $tmp/deep.srx:3: elements nested too deeply" \
	"$TUMEN" segment --srx "$tmp/deep.srx" "$tmp/two.txt"

# A pattern with catastrophic backtracking, (a+)+$ on "aaa...ab": the
# SRX rules must give up in bounded time, not run for hours.
{ echo '<?xml version="1.0"?>'
  echo "$SRX"'<header cascade="no"/><body><languagerules>'
  echo '<languagerule languagerulename="x"><rule break="yes">'
  echo '<beforebreak>(a+)+$</beforebreak></rule></languagerule>'
  echo '</languagerules><maprules><languagemap languagepattern=".*"'
  echo ' languagerulename="x"/></maprules></body></srx>'
} >"$tmp/redos.srx"
awk 'BEGIN { for (i = 0; i < 40; i++) printf "a"; print "b" }' >"$tmp/a.txt"
"$TUMEN" segment --mode srx --srx "$tmp/redos.srx" "$tmp/a.txt" \
	>/dev/null 2>"$tmp/err" &
pid=$!
i=0
while kill -0 "$pid" 2>/dev/null && [ "$i" -lt 20 ]; do
	sleep 1
	i=$((i + 1))
done
if kill -0 "$pid" 2>/dev/null; then
	kill "$pid"
	wait "$pid" || true
	fail "SRX (a+)+\$: still running after 20 s"
else
	st=0
	wait "$pid" || st=$?
	if [ "$st" -le 1 ]; then ok; else
		fail "SRX (a+)+\$: exit $st: $(cat "$tmp/err")"; fi
fi

# ---- mistakes a user makes ----

# The two sides swapped: Persian given as English and English as Persian.
expect_stderr 0 "tumen: warning: '$FA' looks like Persian text but --src-lang is en
tumen: warning: '$CORPORA/budget.en.txt' looks like English text but --tgt-lang is fa" \
	"$TUMEN" align -o "$tmp/swapped.tmx" "$FA" "$CORPORA/budget.en.txt"

# Two unrelated articles: a warning, and no confident pair.
expect_fail 0 \
	"tumen: warning: '$CORPORA/budget.en.txt' and '$CORPORA/football.fa.txt' do not look parallel" \
	"$TUMEN" align -f beads --scores "$CORPORA/budget.en.txt" \
	"$CORPORA/football.fa.txt"
if awk -F '\t' '$3 >= 0.5 { bad = 1 } END { exit bad }' "$tmp/out"; then ok
else
	fail "unrelated articles: beads scoring 0.5 or more:" \
	     "$(awk -F '\t' '$3 >= 0.5' "$tmp/out" | head -n 3)"
fi

finish
