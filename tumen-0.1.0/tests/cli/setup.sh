# tests/cli/setup.sh - sourced by every end-to-end test (like jq's tests/setup).
# Provides: $TUMEN (the binary), $TOP_SRCDIR, $CORPORA, $tmp (a scratch
# directory removed on exit), and helpers below.  Exit 77 = skipped.
set -eu
LC_ALL=C.UTF-8
export LC_ALL
: "${TOP_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${TUMEN:=$TOP_SRCDIR/tumen}"
: "${XMLLINT:=$(command -v xmllint || true)}"
CORPORA=$TOP_SRCDIR/corpora
DTD=$TOP_SRCDIR/tests/tmx14b.dtd
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tumen-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
failures=0
checks=0

# fail MESSAGE: record a failure and go on
fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

# ok: record a passed check
ok() {
	checks=$((checks + 1))
}

# check DESCRIPTION COMMAND...: run COMMAND, record pass/fail
check() {
	desc=$1
	shift
	if "$@"; then ok; else fail "$desc"; fi
}

# expect_fail STATUS STDERR_SUBSTRING COMMAND...: COMMAND must exit with
# STATUS and print STDERR_SUBSTRING on standard error
expect_fail() {
	want=$1 msg=$2
	shift 2
	set +e
	"$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	set -e
	if [ "$got" -ne "$want" ]; then
		fail "'$*' exited $got, expected $want; stderr: $(cat "$tmp/err")"
	elif ! grep -qF -- "$msg" "$tmp/err"; then
		fail "'$*' stderr lacks '$msg': $(cat "$tmp/err")"
	else
		ok
	fi
}

# valid_tmx FILE: FILE is valid against the TMX 1.4b DTD (xmllint)
valid_tmx() {
	if [ -z "$XMLLINT" ]; then
		echo "SKIP: xmllint not found, TMX not validated" >&2
		return 0
	fi
	"$XMLLINT" --noout --nonet --nowarning --dtdvalid "$DTD" "$1"
}

# beads_cover BEADS NSRC NTGT: every source index 0..NSRC-1 and target
# index 0..NTGT-1 appears in exactly one bead, in order (nothing lost)
beads_cover() {
	awk -F '\t' -v ns="$2" -v nt="$3" '
	function side(s, which,   n, a, i) {
		if (s == "") return
		n = split(s, a, ",")
		for (i = 1; i <= n; i++) {
			if (a[i] != next_[which]) { bad = 1; return }
			next_[which]++
		}
	}
	{ side($1, 0); side($2, 1) }
	END { exit (bad || next_[0] != ns || next_[1] != nt) ? 1 : 0 }
	' "$1"
}

# finish: print the plain summary line and exit non-zero on failure
finish() {
	echo "$(basename "$0" .sh): $checks passed, $failures failed"
	[ "$failures" -eq 0 ]
}

# expect_stderr STATUS EXPECTED_STDERR COMMAND...: COMMAND must exit with
# STATUS and print exactly EXPECTED_STDERR (one or more lines, without the
# final newline) on standard error
expect_stderr() {
	want=$1 msg=$2
	shift 2
	set +e
	"$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	set -e
	if [ "$got" -ne "$want" ]; then
		fail "'$*' exited $got, expected $want; stderr: $(cat "$tmp/err")"
	elif [ "$(cat "$tmp/err")" != "$msg" ]; then
		fail "'$*' stderr is '$(cat "$tmp/err")', expected '$msg'"
	else
		ok
	fi
}
