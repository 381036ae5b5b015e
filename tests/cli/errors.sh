#!/bin/sh
# errors.sh - failures exit 1 with one exact message on stderr, and a failed
# run leaves no output file and no temporary behind.
. "${TOP_SRCDIR:-.}/tests/cli/setup.sh"

en=$tmp/en.txt
fa=$tmp/fa.txt
printf 'The cat sat.\nIt was 3 pm.\n' >"$en"
printf '\332\251\330\261\330\250\331\207 \331\206\330\264\330\263\330\252.\n' >"$fa"
printf '\330\263\330\247\330\271\330\252 3 \330\250\331\210\330\257.\n' >>"$fa"

# no_leftovers DIR DESC: DIR holds no output and no temporary
no_leftovers() {
	if ls -A "$1" | grep -q .; then
		fail "$2: left $(ls -A "$1" | tr '\n' ' ')in $1"
	else
		ok
	fi
}

# --- inputs that cannot be read -------------------------------------------
expect_stderr 1 "tumen: cannot open '$tmp/missing.txt': No such file or directory" \
	"$TUMEN" align "$tmp/missing.txt" "$fa"
expect_stderr 1 "tumen: cannot open '$tmp/missing.txt': No such file or directory" \
	"$TUMEN" align "$en" "$tmp/missing.txt"
check "failure writes nothing on stdout" [ ! -s "$tmp/out" ]
mkdir "$tmp/adir"
expect_stderr 1 "tumen: cannot read '$tmp/adir': is a directory" \
	"$TUMEN" align "$tmp/adir" "$fa"
expect_fail 1 "$tmp/adir" "$TUMEN" segment "$tmp/adir"

# --- invalid UTF-8: byte offsets are 0-based --------------------------------
printf 'ok\n\377\n' >"$tmp/bad.txt"
expect_stderr 1 "tumen: $tmp/bad.txt: byte 3: invalid UTF-8" \
	"$TUMEN" align "$tmp/bad.txt" "$fa"
expect_stderr 1 "tumen: $tmp/bad.txt: byte 3: invalid UTF-8" \
	"$TUMEN" segment "$tmp/bad.txt"
# a truncated Persian letter at the very end
printf 'ok\n\331' >"$tmp/trunc.txt"
expect_fail 1 "byte 3: invalid UTF-8" "$TUMEN" segment "$tmp/trunc.txt"
# --lenient: success, one warning naming the replacement character
set +e
"$TUMEN" align --lenient --presegmented "$tmp/bad.txt" "$fa" \
	>"$tmp/lenient.tmx" 2>"$tmp/lenient.err"
rc=$?
set -e
check "--lenient succeeds on invalid UTF-8" [ "$rc" -eq 0 ]
check "--lenient warns about U+FFFD" grep -q 'warning: .*U+FFFD' "$tmp/lenient.err"
# -q silences that warning, as every other
expect_stderr 0 "" "$TUMEN" align -q --lenient --presegmented -o "$tmp/q.tmx" \
	"$tmp/bad.txt" "$fa"
expect_stderr 0 "" "$TUMEN" coverage -q --lenient --presegmented -o "$tmp/q.txt" \
	"$tmp/bad.txt" "$fa"
"$TUMEN" coverage --lenient --presegmented -o "$tmp/q.txt" "$tmp/bad.txt" "$fa" \
	2>"$tmp/lenient.err" || :
check "coverage --lenient warns without -q" grep -q 'warning: .*U+FFFD' "$tmp/lenient.err"
"$TUMEN" segment --lenient "$tmp/bad.txt" >"$tmp/lenient.seg" 2>/dev/null || :
check "--lenient text holds U+FFFD" grep -q "$(printf '\357\277\275')" \
	"$tmp/lenient.seg"

# --- encodings ----------------------------------------------------------------
expect_fail 1 "unknown encoding" \
	"$TUMEN" align --src-encoding NO-SUCH-CHARSET "$en" "$fa"
expect_fail 1 "unknown encoding" \
	"$TUMEN" align --tgt-encoding NO-SUCH-CHARSET "$en" "$fa"
expect_fail 1 "unknown encoding" \
	"$TUMEN" segment --encoding NO-SUCH-CHARSET "$en"

# --- empty documents --------------------------------------------------------
: >"$tmp/empty.txt"
printf ' \n\t\n\n   \r\n' >"$tmp/blank.txt"
expect_stderr 1 "tumen: $tmp/empty.txt: empty document" \
	"$TUMEN" align "$tmp/empty.txt" "$fa"
expect_stderr 1 "tumen: $tmp/blank.txt: empty document" \
	"$TUMEN" align "$en" "$tmp/blank.txt"
expect_fail 1 "empty document" "$TUMEN" align --presegmented "$tmp/blank.txt" "$fa"
expect_fail 1 "empty document" "$TUMEN" segment "$tmp/empty.txt"

# --- outputs that cannot be written -----------------------------------------
if [ -w /dev/full ]; then
	expect_fail 1 "cannot write '/dev/full'" "$TUMEN" align -o /dev/full "$en" "$fa"
	for f in beads tsv; do
		expect_fail 1 "cannot write" \
			"$TUMEN" align -f "$f" -o /dev/full "$en" "$fa"
	done
	expect_fail 1 "cannot write" "$TUMEN" segment -o /dev/full "$en"
	# standard output on a full device: the error is noticed, too
	set +e
	"$TUMEN" align "$en" "$fa" >/dev/full 2>"$tmp/full.err"
	rc=$?
	set -e
	check "stdout on /dev/full exits 1" [ "$rc" -eq 1 ]
	check "stdout on /dev/full is reported" grep -q 'write' "$tmp/full.err"
	# a batch's output is written by whichever worker finishes the next
	# document: the failure's reason is told whichever thread met it
	mkdir "$tmp/many"
	i=0
	while [ "$i" -lt 300 ]; do
		cp "$en" "$tmp/many/d$i.en.txt"
		cp "$fa" "$tmp/many/d$i.fa.txt"
		i=$((i + 1))
	done
	for k in 1 2 3 4 5; do
		expect_stderr 1 "tumen: cannot write '/dev/full': No space left on device" \
			"$TUMEN" batch -q -j 4 -o /dev/full "$tmp/many" "$tmp/many"
	done
fi
expect_stderr 1 "tumen: cannot create '$tmp/no/such/dir/out.tmx': No such file or directory" \
	"$TUMEN" align -o "$tmp/no/such/dir/out.tmx" "$en" "$fa"
check "no directory was created" [ ! -e "$tmp/no" ]
expect_fail 1 "cannot" "$TUMEN" align -f moses -o "$tmp/no/such/p" "$en" "$fa"

# --- a failed run leaves nothing behind -------------------------------------
mkdir "$tmp/target"
expect_fail 1 "cannot open" \
	"$TUMEN" align -o "$tmp/target/out.tmx" "$tmp/missing.txt" "$fa"
no_leftovers "$tmp/target" "missing input"
expect_fail 1 "empty document" \
	"$TUMEN" align -o "$tmp/target/out.tmx" "$en" "$tmp/empty.txt"
no_leftovers "$tmp/target" "empty input"
expect_fail 1 "cannot open" \
	"$TUMEN" align -f moses -o "$tmp/target/p" "$en" "$tmp/missing.txt"
no_leftovers "$tmp/target" "moses, missing input"
# a failed run does not clobber an existing output either
echo "precious" >"$tmp/target/keep.tmx"
expect_fail 1 "cannot open" \
	"$TUMEN" align -o "$tmp/target/keep.tmx" "$en" "$tmp/missing.txt"
check "existing output kept" [ "$(cat "$tmp/target/keep.tmx")" = precious ]
rm "$tmp/target/keep.tmx"
no_leftovers "$tmp/target" "existing output"
# ... while a good run leaves exactly the output
check "good run succeeds" "$TUMEN" align -o "$tmp/target/out.tmx" "$en" "$fa"
check "good run leaves only its output" \
	[ "$(ls -A "$tmp/target")" = out.tmx ]

# --- standard input ---------------------------------------------------------
expect_stderr 2 "tumen: only one side can be '-'
Try 'tumen align --help'." "$TUMEN" align - - </dev/null
# an empty standard input is named <stdin> in the message
expect_stderr 1 "tumen: <stdin>: empty document" \
	"$TUMEN" align - "$fa" </dev/null

finish
