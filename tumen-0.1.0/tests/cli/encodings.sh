#!/bin/sh
# encodings.sh - input encodings and line ends do not change the alignment.
# One UTF-8 article pair of the sample corpus (budget: its English side has
# a soft-wrapped paragraph, so line ends inside paragraphs are exercised)
# is re-encoded on the fly; each variant must give exactly the same
# -f beads output, and the same -f tmx output apart from the header's
# creationdate, as the UTF-8 original.  Then invalid UTF-8 must fail with
# exit status 1 and "invalid UTF-8", and succeed with --lenient.
. "${TOP_SRCDIR:-.}/tests/cli/setup.sh"

if ! command -v iconv >/dev/null 2>&1; then
	echo "SKIP: iconv not found" >&2
	exit 77
fi

name=budget
en=$CORPORA/$name.en.txt
fa=$CORPORA/$name.fa.txt
for f in "$en" "$fa" "$CORPORA/$name.fa.sents"; do
	if [ ! -r "$f" ]; then
		echo "SKIP: $f not found" >&2
		exit 77
	fi
done

# The same --doc-id everywhere: by default TMX names the source file.
docid=sample

# align_both PREFIX [OPTIONS] SRC TGT: PREFIX.beads and PREFIX.tmx (the
# latter without creationdate); on failure records it and returns 1
align_both() {
	p=$1
	shift
	if ! "$TUMEN" align --doc-id "$docid" -f beads "$@" >"$p.beads" \
	    2>"$p.err" </dev/null; then
		fail "'tumen align -f beads $*' failed: $(head -n 5 "$p.err")"
		return 1
	fi
	if ! "$TUMEN" align --doc-id "$docid" -f tmx -o "$p.tmx.raw" "$@" \
	    2>"$p.err" </dev/null; then
		fail "'tumen align -f tmx $*' failed: $(head -n 5 "$p.err")"
		return 1
	fi
	sed 's/ creationdate="[^"]*"//' "$p.tmx.raw" >"$p.tmx"
}

# same_as REF LABEL [OPTIONS] SRC TGT: align the variant and compare its
# beads and TMX with REF.beads and REF.tmx
same_as() {
	ref=$1 label=$2
	shift 2
	align_both "$tmp/$label" "$@" || return 0
	if diff -u "$ref.beads" "$tmp/$label.beads" >"$tmp/diff" 2>&1; then
		ok
	else
		fail "$label: -f beads differs from the UTF-8 original:
$(head -n 20 "$tmp/diff")"
	fi
	if diff -u "$ref.tmx" "$tmp/$label.tmx" >"$tmp/diff" 2>&1; then
		ok
	else
		fail "$label: -f tmx differs from the UTF-8 original:
$(head -n 20 "$tmp/diff")"
	fi
}

# The reference: both sides UTF-8, LF.
if ! align_both "$tmp/ref" "$en" "$fa"; then
	finish
	exit 1
fi
# Sanity: the reference itself covers both documents.
if beads_cover "$tmp/ref.beads" "$(grep -c . "$CORPORA/$name.en.sents")" \
    "$(grep -c . "$CORPORA/$name.fa.sents")"; then
	ok
else
	fail "reference beads do not cover both documents"
fi

# English side: BOMs and line ends.
{ printf '\376\377'; iconv -f UTF-8 -t UTF-16BE "$en"; } >"$tmp/en.utf16be"
same_as "$tmp/ref" utf16be-bom "$tmp/en.utf16be" "$fa"

{ printf '\377\376\000\000'; iconv -f UTF-8 -t UTF-32LE "$en"; } \
    >"$tmp/en.utf32le"
same_as "$tmp/ref" utf32le-bom "$tmp/en.utf32le" "$fa"

{ printf '\357\273\277'; cat "$en"; } >"$tmp/en.utf8bom"
same_as "$tmp/ref" utf8-bom "$tmp/en.utf8bom" "$fa"

awk '{ printf "%s\r\n", $0 }' "$en" >"$tmp/en.crlf"
same_as "$tmp/ref" crlf "$tmp/en.crlf" "$fa"

tr '\n' '\r' <"$en" >"$tmp/en.cr"
same_as "$tmp/ref" cr "$tmp/en.cr" "$fa"

# Persian side: windows-1256.  The budget article uses Persian yeh and
# Persian digits, which windows-1256 lacks; then the corpus's own
# windows-1256 article is checked against a UTF-8 copy of it instead.
if iconv -f UTF-8 -t WINDOWS-1256 "$fa" >"$tmp/fa.cp1256" 2>/dev/null; then
	same_as "$tmp/ref" cp1256 --tgt-encoding windows-1256 \
	    "$en" "$tmp/fa.cp1256"
else
	tab=$(printf '\t')
	cp=$(awk -F "$tab" '$3 ~ /\.cp1256\./ { print; exit }' \
	     "$CORPORA/manifest.tsv")
	cpen=$CORPORA/$(echo "$cp" | cut -f 2)
	cpfa=$CORPORA/$(echo "$cp" | cut -f 3)
	if [ -z "$cp" ] || [ ! -r "$cpfa" ]; then
		fail "no windows-1256 article in $CORPORA/manifest.tsv"
	elif iconv -f WINDOWS-1256 -t UTF-8 "$cpfa" >"$tmp/cpfa.utf8"; then
		if align_both "$tmp/cpref" "$cpen" "$tmp/cpfa.utf8"; then
			same_as "$tmp/cpref" cp1256 --tgt-encoding windows-1256 \
			    "$cpen" "$cpfa"
		fi
	else
		fail "iconv cannot decode $cpfa"
	fi
fi

# Persian side: UTF-16LE without a BOM, named on the command line.
iconv -f UTF-8 -t UTF-16LE "$fa" >"$tmp/fa.utf16le"
if [ "$(head -c 2 "$tmp/fa.utf16le" | od -An -tx1 | tr -d ' \n')" = fffe ]; then
	# this iconv wrote a BOM: drop it
	tail -c +3 "$tmp/fa.utf16le" >"$tmp/fa.utf16le.nobom"
	mv "$tmp/fa.utf16le.nobom" "$tmp/fa.utf16le"
fi
same_as "$tmp/ref" utf16le --tgt-encoding UTF-16LE "$en" "$tmp/fa.utf16le"

# Invalid UTF-8 inside the Persian file: a stray lead byte and an 0xFF
# appended to the headline.
{
	head -n 1 "$fa" | tr -d '\n'
	printf ' \330 \377\n'
	tail -n +2 "$fa"
} >"$tmp/bad.fa"
expect_fail 1 "invalid UTF-8" "$TUMEN" align -f beads "$en" "$tmp/bad.fa"
expect_fail 1 "invalid UTF-8" "$TUMEN" segment --lang fa "$tmp/bad.fa"

# --lenient: replaced by U+FFFD, same number of sentences.
if "$TUMEN" segment --lang fa --lenient "$tmp/bad.fa" >"$tmp/lenient.sents" \
    2>"$tmp/lenient.err"; then
	ok
	if grep -q "$(printf '\357\277\275')" "$tmp/lenient.sents"; then
		ok
	else
		fail "segment --lenient: no U+FFFD in the output"
	fi
	if [ "$(grep -c . "$tmp/lenient.sents")" -eq \
	     "$(grep -c . "$CORPORA/$name.fa.sents")" ]; then
		ok
	else
		fail "segment --lenient: sentence count changed"
	fi
else
	fail "segment --lenient failed: $(head -n 5 "$tmp/lenient.err")"
fi
if "$TUMEN" align --lenient -f beads "$en" "$tmp/bad.fa" \
    >"$tmp/lenient.beads" 2>"$tmp/lenient.err"; then
	ok
	if beads_cover "$tmp/lenient.beads" \
	    "$(grep -c . "$CORPORA/$name.en.sents")" \
	    "$(grep -c . "$CORPORA/$name.fa.sents")"; then
		ok
	else
		fail "align --lenient: beads do not cover both documents"
	fi
else
	fail "align --lenient failed: $(head -n 5 "$tmp/lenient.err")"
fi
finish
