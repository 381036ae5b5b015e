#!/bin/sh
# long-text.sh - a long running text stays in step: the Bible of
# ../shared/corpora-src as scripts/bible-text builds it for scripts/bench
# (verses joined by book and verse number, paragraphs of 8 verses on both
# sides), once and 60,000 verses of it, is aligned as running text, and
# hardly any bead pairs sentences of different paragraphs.  A paragraph
# guide that slides along the text by a few paragraphs put a tenth of the
# beads there (60,000 verses), one whose band lost the path where the
# length ratio drifts, two fifths (once).  Skipped without ../shared.
. "${TOP_SRCDIR:-.}/tests/cli/setup.sh"

src=$TOP_SRCDIR/../shared/corpora-src/bible
if [ ! -d "$src" ]; then
	echo "SKIP: $src not found (../shared is needed)" >&2
	exit 77
fi
# the beads with sentences on both sides in no common paragraph, of the
# first N verses repeated as needed (0: all, once)
crossing() {
	"$TOP_SRCDIR/scripts/bible-text" "$src" "$1" "$tmp/pre" "$tmp/raw"
	verses=$(wc -l <"$tmp/pre.en")
	for l in en fa; do
		"$TUMEN" segment -l "$l" -o "$tmp/seg.$l" "$tmp/raw.$l"
		# each sentence's paragraph (a blank line between them)
		awk 'NF { print p; blank = 0; next } !blank { p++; blank = 1 }' \
			"$tmp/seg.$l" >"$tmp/para.$l"
	done
	"$TUMEN" align -q -f beads -o "$tmp/beads" "$tmp/raw.en" "$tmp/raw.fa"
	awk -F'\t' '
		FILENAME == ARGV[1] { ps[n++] = $1; next }
		FILENAME == ARGV[2] { pt[m++] = $1; next }
		$1 != "" && $2 != "" {
			a = split($1, s, ",")
			b = split($2, t, ",")
			both++
			# the runs of paragraphs of the two sides share none
			if (ps[s[a]] < pt[t[1]] || pt[t[b]] < ps[s[1]])
				bad++
		}
		END { printf "%d %d\n", bad, both }' \
		"$tmp/para.en" "$tmp/para.fa" "$tmp/beads"
}

for n in 0 60000; do
	crossing "$n" >"$tmp/result"
	read -r bad both <"$tmp/result"
	echo "long-text: $verses verses: $bad of $both beads cross paragraphs" >&2
	check "$verses verses of running text: at most 1 % of the beads cross paragraphs" \
		test "$both" -gt 20000 -a $((bad * 100)) -le "$both"
done
finish
