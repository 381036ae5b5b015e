#!/bin/sh
# shared setup for the CLI tests (filled in below)
set -eu
