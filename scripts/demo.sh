#!/bin/sh
# The main job in a few commands: browse the catalogue, scaffold, lint, render.
set -eu
hrdplan=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
examples=$(pwd)/examples
step() { printf '\n\033[1m$ hrdplan %s\033[0m\n' "$*"; "$hrdplan" "$@"; }

rm -rf build/demo && mkdir -p build/demo && cd build/demo
step --version
step catalogue list --section 2.2
step catalogue show 1.1.j
step catalogue search "vrijheid van meningsuiting"
step catalogue versions
step catalogue diff eu-hrd-2020-2024@1.0.0 eu-hrd-2020-2024@1.1.0
step init .
step new-strategy Kenya --priority 1.1.c --priority 2.2.a
printf "\n(a fresh scaffold: its open points are warnings while the strategy is a draft)\n"
step lint strategies --statistics
step lint "$examples"
step rule HRD201
docs=../documents
step render "$examples" --format html --out "$docs"
step render "$examples" --format md --out "$docs"
printf "\n(a draft renders too, its open points listed at the end)\n"
step render strategies --format html --out "$docs"
step report "$examples" --format html --out "$docs/portfolio.html"
step report "$examples" --format md --out "$docs/portfolio.md"
printf "\nThe demo repository is in build/demo.\n"
printf "Documents and the portfolio report are in %s:\n" "$(cd "$docs" && pwd)"
ls -1 "$docs" | sed 's/^/  /'

