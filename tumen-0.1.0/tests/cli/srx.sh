#!/bin/sh
# srx.sh - SRX rules end to end: --srx on segment, align and batch, the
# three segmenters on the gold set, and each bad SRX file's exact error.
. "${TOP_SRCDIR:-.}/tests/cli/setup.sh"
D=$TOP_SRCDIR/tests/data/srx
G=$CORPORA/segment

# a file using every SRX feature, exactly (cascade: English, then Default)
printf 'Mr. Smith came. See \302\2472 now.\n\nA. b ging. "Ja!" 3 Mal\302\266x? \344\275\240\n' >"$tmp/f.txt"
printf 'Mr. Smith came.\nSee\n\302\2472 now.\n\nA. b ging. "Ja!"\n3 Mal\302\266\nx?\n\344\275\240\n' >"$tmp/want"
check "segment --srx full.srx" "$TUMEN" segment --srx "$D/full.srx" --lang en-GB -o "$tmp/got" "$tmp/f.txt"
check "full.srx output" cmp -s "$tmp/got" "$tmp/want"
# cascade off: the Default rules no longer follow English's
"$TUMEN" segment --srx "$D/nocascade.srx" "$tmp/f.txt" >"$tmp/got"
check "nocascade.srx" [ "$(sed -n 1p "$tmp/got")" = "Mr. Smith came. See" ]
# the languagepattern matches the whole code: "ben" is not "EN.*"
"$TUMEN" segment --srx "$D/full.srx" --lang ben "$tmp/f.txt" >"$tmp/got"
check "ben is not English" [ "$(sed -n 1p "$tmp/got")" = "Mr." ]

# the built-in rules, as a file, give what the built-in copy gives
for l in en fa; do
	"$TUMEN" segment --lang $l "$G/$l.txt" >"$tmp/builtin"
	"$TUMEN" segment --lang $l --srx "$TOP_SRCDIR/data/tumen.srx" \
		"$G/$l.txt" >"$tmp/file"
	"$TUMEN" segment --lang $l --mode srx "$G/$l.txt" >"$tmp/srx"
	check "$l: data/tumen.srx = built-in srx mode" cmp -s "$tmp/file" "$tmp/srx"
	check "$l: default segmentation is the gold" cmp -s "$tmp/builtin" "$G/$l.sents"
	# F1 >= 0.99 in every mode but ICU alone
	for m in srx both; do
		f1=$(TUMEN=$TUMEN "$TOP_SRCDIR/scripts/eval-segment" --mode $m $l \
			"$G/$l.txt" "$G/$l.sents" | sed 's/.*F1=\([0-9.]*\).*/\1/')
		check "$l $m F1 $f1 >= 0.99" awk -v f="$f1" 'BEGIN { exit !(f >= 0.99) }'
	done
done
expect_stderr 2 "tumen: --mode must be 'icu', 'srx' or 'both'
Try 'tumen segment --help'." "$TUMEN" segment --mode fast "$G/en.txt"

# align and batch take --srx for both sides
check "align --srx" "$TUMEN" align --srx "$TOP_SRCDIR/data/tumen.srx" -f beads \
	-o "$tmp/beads" "$CORPORA/flood.en.txt" "$CORPORA/flood.fa.txt"
check "align --srx beads" cmp -s "$tmp/beads" "$CORPORA/flood.gold"
printf 'flood\t%s\t%s\n' "$CORPORA/flood.en.txt" "$CORPORA/flood.fa.txt" >"$tmp/m.tsv"
check "batch --srx" "$TUMEN" batch --srx "$TOP_SRCDIR/data/tumen.srx" -f beads \
	-o "$tmp/bbeads" "$tmp/m.tsv"
check "batch --srx beads: each line names its document" \
	sh -c "! grep -v '^flood	' '$tmp/bbeads'"
cut -f2- "$tmp/bbeads" >"$tmp/bbeads2"
check "batch --srx beads" cmp -s "$tmp/bbeads2" "$CORPORA/flood.gold"
expect_stderr 1 "tumen: $D/bad-regex.srx:9: invalid afterbreak pattern '[a-': U_REGEX_INVALID_RANGE" \
	"$TUMEN" align --srx "$D/bad-regex.srx" "$CORPORA/flood.en.txt" "$CORPORA/flood.fa.txt"
expect_stderr 1 "tumen: $D/bad-map.srx:10: languagemap names unknown languagerule 'Y'" \
	"$TUMEN" batch --srx "$D/bad-map.srx" "$tmp/m.tsv"

# every bad file: its exact message and line, exit 1
bad() {
	expect_stderr 1 "tumen: $D/$1:$2" "$TUMEN" segment --srx "$D/$1" "$tmp/f.txt"
}
bad bad-xml.srx "6: mismatched tag"
bad bad-regex.srx "9: invalid afterbreak pattern '[a-': U_REGEX_INVALID_RANGE"
bad bad-break.srx "7: invalid break value 'maybe' (yes or no)"
bad bad-map.srx "10: languagemap names unknown languagerule 'Y'"
bad bad-entity.srx "3: entity declarations are not allowed ('lol')"
bad bad-external.srx "5: undefined entity 'ext'"
bad bad-element.srx "6: unexpected element 'rule' in 'languagerules'"
bad bad-root.srx "2: root element is 'rules', expected 'srx'"
bad bad-version.srx "2: unsupported SRX version '3.0'"
expect_fail 1 "cannot open" "$TUMEN" segment --srx "$tmp/none.srx" "$tmp/f.txt"
finish
