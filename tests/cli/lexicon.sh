#!/bin/sh
# STUB
. "${TOP_SRCDIR:-.}/tests/cli/setup.sh"
exit 77
