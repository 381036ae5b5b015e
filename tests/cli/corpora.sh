#!/bin/sh
# corpora.sh - every article of the bundled sample corpus (corpora/manifest.tsv,
# described in corpora/README.md):
#   1. tumen segment prints exactly NAME.en.sents / NAME.fa.sents;
#   2. tumen align -f beads prints exactly NAME.gold, and so does
#      tumen align --exact;
#   3. those beads cover every sentence of both sides once, in order;
#   4. tumen align -f tmx is valid TMX 1.4b with one <tu> per gold bead
#      that has both sides non-empty.
. "${TOP_SRCDIR:-.}/tests/cli/setup.sh"

manifest=$CORPORA/manifest.tsv
if [ ! -r "$manifest" ]; then
	echo "SKIP: $manifest not found" >&2
	exit 77
fi
tab=$(printf '\t')

# enc_for FILE: the encoding option value FILE needs ('' if the default,
# BOM or UTF-8, is right): the corpus names a windows-1256 file *.cp1256.*
enc_for() {
	case $1 in
	*.cp1256.*) echo windows-1256 ;;
	*) echo '' ;;
	esac
}

# nsents FILE: number of sentences in a .sents file (its non-blank lines)
nsents() {
	grep -c . "$1" || true
}

# same WHAT WANT GOT: record a pass if files WANT and GOT are identical,
# else a failure showing the start of the diff
same() {
	if diff -u "$2" "$3" >"$tmp/diff" 2>&1; then
		ok
	else
		fail "$1: differs from $(basename "$2"):
$(head -n 30 "$tmp/diff")"
	fi
}

# run OUT COMMAND...: run COMMAND with standard output to OUT and standard
# error to OUT.err; on failure record it (with the error text) and return 1
run() {
	out=$1
	shift
	if "$@" >"$out" 2>"$out.err" </dev/null; then
		return 0
	fi
	fail "'$*' failed: $(head -n 5 "$out.err")"
	return 1
}

articles=0
while IFS=$tab read -r name en fa _encodings <&3; do
	case $name in '' | '#'*) continue ;; esac
	articles=$((articles + 1))
	src=$CORPORA/$en
	tgt=$CORPORA/$fa
	for f in "$src" "$tgt" "$CORPORA/$name.en.sents" \
	         "$CORPORA/$name.fa.sents" "$CORPORA/$name.gold"; do
		[ -r "$f" ] || fail "$name: $f missing"
	done
	srcenc=$(enc_for "$en")
	tgtenc=$(enc_for "$fa")

	# 1. segmentation
	set -- segment --lang en
	if [ -n "$srcenc" ]; then set -- "$@" --encoding "$srcenc"; fi
	if run "$tmp/$name.en.out" "$TUMEN" "$@" "$src"; then
		same "$name: tumen segment --lang en $en" \
		    "$CORPORA/$name.en.sents" "$tmp/$name.en.out"
	fi
	set -- segment --lang fa
	if [ -n "$tgtenc" ]; then set -- "$@" --encoding "$tgtenc"; fi
	if run "$tmp/$name.fa.out" "$TUMEN" "$@" "$tgt"; then
		same "$name: tumen segment --lang fa $fa" \
		    "$CORPORA/$name.fa.sents" "$tmp/$name.fa.out"
	fi

	# 2 and 3. beads
	set -- align
	if [ -n "$srcenc" ]; then set -- "$@" --src-encoding "$srcenc"; fi
	if [ -n "$tgtenc" ]; then set -- "$@" --tgt-encoding "$tgtenc"; fi
	ns=$(nsents "$CORPORA/$name.en.sents")
	nt=$(nsents "$CORPORA/$name.fa.sents")
	if run "$tmp/$name.beads" "$TUMEN" "$@" -f beads "$src" "$tgt"; then
		same "$name: tumen align -f beads" \
		    "$CORPORA/$name.gold" "$tmp/$name.beads"
		if beads_cover "$tmp/$name.beads" "$ns" "$nt"; then
			ok
		else
			fail "$name: beads do not cover $ns source and $nt target sentences once, in order"
		fi
	fi
	# the search of the whole matrix finds the gold beads too
	if run "$tmp/$name.exact" "$TUMEN" "$@" --exact -f beads "$src" "$tgt"; then
		same "$name: tumen align --exact -f beads" \
		    "$CORPORA/$name.gold" "$tmp/$name.exact"
	fi

	# 4. TMX
	if run "$tmp/$name.tmx.out" "$TUMEN" "$@" -f tmx -o "$tmp/$name.tmx" \
	    "$src" "$tgt"; then
		if valid_tmx "$tmp/$name.tmx" 2>"$tmp/xmllint.err"; then
			ok
		else
			fail "$name: TMX not valid: $(head -n 5 "$tmp/xmllint.err")"
		fi
		want=$(awk -F '\t' '$1 != "" && $2 != ""' "$CORPORA/$name.gold" |
		       wc -l | tr -d ' ')
		got=$(grep -c '<tu[ >]' "$tmp/$name.tmx" || true)
		if [ "$got" -eq "$want" ]; then
			ok
		else
			fail "$name: TMX has $got <tu>, gold has $want beads with both sides"
		fi
	fi
done 3<"$manifest"

if [ "$articles" -lt 7 ]; then
	fail "$manifest lists $articles articles, expected at least 7"
else
	ok
fi
finish
