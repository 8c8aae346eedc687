#!/bin/sh
# The main job in a few commands: browse the catalogue, scaffold, lint, render.
set -eu
hrdplan=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
step() { printf '\n\033[1m$ hrdplan %s\033[0m\n' "$*"; "$hrdplan" "$@"; }

step --version
step catalogue versions
step catalogue list --section 1.1
step catalogue show 2.2.a
step catalogue search "vrijheid van meningsuiting"
