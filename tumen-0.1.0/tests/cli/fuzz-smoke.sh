#!/bin/sh
# fuzz-smoke.sh - builds the libFuzzer targets of tests/fuzz, replays every
# input in tests/fuzz/regressions/ (each once crashed a target) and fuzzes
# each target for a few seconds.  The real runs: scripts/fuzz [SECONDS].
. "${TOP_SRCDIR:-.}/tests/cli/setup.sh"

if ! ls "$TOP_SRCDIR"/tests/fuzz/fuzz_*.c >/dev/null 2>&1; then
	echo "SKIP: no fuzz targets in $TOP_SRCDIR/tests/fuzz"
	exit 77
fi
# clang with libFuzzer (Debian: clang and libclang-rt-dev) or skip
printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n)\n{ return 0; }\n' \
	>"$tmp/probe.c"
if ! "${FUZZ_CC:-clang}" -fsanitize=fuzzer,address,undefined "$tmp/probe.c" \
	-o "$tmp/probe" >/dev/null 2>&1; then
	echo "SKIP: clang/libFuzzer not available"
	exit 77
fi

# 6 s per target, two at a time; the build shares one set of objects.
# FUZZ_SMOKE_SECONDS=0 only replays the regressions.
check "fuzz targets: build, regressions and ${FUZZ_SMOKE_SECONDS:-6} s each" \
	sh "$TOP_SRCDIR/scripts/fuzz" -o "$tmp/fuzz" -j 2 \
	"${FUZZ_SMOKE_SECONDS:-6}"
finish
