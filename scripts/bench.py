"""`make bench`: hrdplan lint against yamllint and check-jsonschema on the same files, and the
time hrdplan render and report take.

Generates a corpus of realistic strategies (the examples, varied per country and period) into
build/bench, then times each tool on the whole corpus and on one file, best of a few runs.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CORPUS = ROOT / "build" / "bench"
FILES = 1000
RUNS = 3  # for the corpus
ONE_FILE_RUNS = 20  # start-up dominates one file, and start-up is noisy: take the best of many


def generate() -> list[Path]:
    import pycountry

    from hrdplan.strategy.countries import EU_MEMBER_STATES

    shutil.rmtree(CORPUS, ignore_errors=True)
    CORPUS.mkdir(parents=True)
    examples = sorted((ROOT / "examples").glob("*.yaml"))
    countries = [c.alpha_2 for c in pycountry.countries if c.alpha_2 not in EU_MEMBER_STATES]
    paths = []
    for i in range(FILES):
        source = examples[i % len(examples)].read_text(encoding="utf-8")
        original = source.split("\ncountry: ")[1][:2]
        code = countries[i % len(countries)]
        # Quoted: YAML 1.1 reads a bare NO (Norway) as false.
        text = source.replace(f"country: {original}", f'country: "{code}"')
        path = CORPUS / f"{code.lower()}-{i:04d}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def best(command: list[str], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    paths = generate()
    size = statistics.mean(p.stat().st_size for p in paths)
    one = str(paths[0])
    schema = str(ROOT / "schemas" / "strategy.schema.json")
    tools = {
        "hrdplan lint": [str(BIN / "hrdplan"), "lint", "--quiet"],
        "yamllint (relaxed)": [str(BIN / "yamllint"), "-d", "relaxed"],
        "check-jsonschema": [str(BIN / "check-jsonschema"), "--schemafile", schema],
    }
    missing = [name for name, cmd in tools.items() if not Path(cmd[0]).exists()]
    if missing:
        sys.exit(f"missing: {', '.join(missing)} (make bench installs them)")
    print(f"corpus: {len(paths)} strategies of {size / 1024:.1f} KB on average, in {CORPUS}")
    results: dict[str, tuple[float, float]] = {}
    for name, command in tools.items():
        corpus = [str(CORPUS)] if name == "hrdplan lint" else [str(p) for p in paths]
        if name == "yamllint (relaxed)":
            corpus = [str(CORPUS)]
        results[name] = (best(command + corpus), best([*command, one], ONE_FILE_RUNS))
        whole, single = results[name]
        print(
            f"{name:20} corpus {whole:7.2f} s ({whole / len(paths) * 1000:5.1f} ms/file)"
            f"   one file {single * 1000:6.0f} ms"
        )
    ours = results["hrdplan lint"]
    for name, (whole, single) in results.items():
        if name != "hrdplan lint":
            print(
                f"hrdplan vs {name}: corpus {whole / ours[0]:.1f}x faster, "
                f"one file {ours[1] / single:.2f}x its time"
            )

    render(paths)


def render(paths: list[Path]) -> None:
    """hrdplan render on the three examples and on the corpus, in both formats, and the
    portfolio report over the corpus (documents in build/bench-render)."""
    hrdplan = str(BIN / "hrdplan")
    out = ROOT / "build" / "bench-render"
    shutil.rmtree(out, ignore_errors=True)
    examples = str(ROOT / "examples")
    for fmt in ("html", "md"):
        small = best([hrdplan, "render", examples, "--format", fmt, "--out", str(out / "ex")])
        # One run for the corpus: it takes seconds, and a rerun replaces the same files.
        whole = best([hrdplan, "render", str(CORPUS), "--format", fmt, "--out", str(out / "c")], 1)
        print(
            f"hrdplan render {fmt:4}  3 examples {small:5.2f} s"
            f"   corpus {whole:6.2f} s ({whole / len(paths) * 1000:5.1f} ms/file)"
        )
    report = out / "portfolio.html"
    whole = best([hrdplan, "report", str(CORPUS), "--format", "html", "--out", str(report)], 1)
    print(f"hrdplan report html  corpus {whole:6.2f} s ({whole / len(paths) * 1000:5.1f} ms/file)")


if __name__ == "__main__":
    main()
