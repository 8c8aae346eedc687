#!/bin/sh
# The main job in a few commands: browse the catalogue, scaffold, lint, render, and follow a
# strategy's results year by year (progress files).
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
printf "\n(the gender check: each priority's gender objective, GAP III areas and do-no-harm, left to write)\n"
printf '\n\033[1m$ hrdplan lint strategies --select HRD401 | grep gender\033[0m\n'
"$hrdplan" lint strategies --select HRD401 | grep 'gender\.'
step lint "$examples"
step rule HRD207
docs=../documents
step render "$examples" --format html --out "$docs"
step render "$examples" --format md --out "$docs"
printf "\n(a draft renders too, its open points listed at the end)\n"
step render strategies --format html --out "$docs"
step report "$examples" --format html --out "$docs/portfolio.html"
step report "$examples" --format md --out "$docs/portfolio.md"
printf "\n(each year, a progress file: scaffolded from the strategy, inside its period)\n"
kenya=$(ls strategies/ke-*.yaml)
step progress new "$kenya" --year "$(basename "$kenya" .yaml | cut -d- -f2)"
printf "\n(a copy of the Colombia example: its 2026 report, one actual recorded, every year shown)\n"
mkdir -p monitoring/progress && cp "$examples"/co-2022-2026.yaml monitoring/
cp -R "$examples"/progress/co-2022-2026 monitoring/progress/
step progress new monitoring/co-2022-2026.yaml --year 2026
step progress record monitoring/progress/co-2022-2026/2026.yaml P1.1 1010 --source "EU protection mechanism reports"
step progress show monitoring/co-2022-2026.yaml
step progress show "$examples"/gh-2021-2025.yaml
step render "$examples"/progress/gh-2021-2025/2024.yaml --format html --out "$docs"
printf "\n(the papers officials circulate: Word for comments and tracked changes, PDF to file)\n"
step render "$examples"/gh-2021-2025.yaml --format docx --out "$docs"
if ! step render "$examples"/gh-2021-2025.yaml --format pdf --out "$docs"; then
    printf "(no PDF: it needs the pdf extra and the system's Pango, see the README)\n"
fi
step report "$examples" --format docx --out "$docs/portfolio.docx"
printf "\nThe demo repository is in build/demo.\n"
printf "Documents and the portfolio report are in %s:\n" "$(cd "$docs" && pwd)"
ls -1 "$docs" | sed 's/^/  /'

