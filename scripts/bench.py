"""`make bench`: hrdplan lint against yamllint and check-jsonschema on the same files, start-up
(one-file lint, `--version`, `rule`) against yamllint, the time hrdplan progress new, render
and report take, and the curve of Word and PDF documents as a strategy grows (seconds and peak
memory for 250 to 2,000 priorities).

Generates a corpus of realistic format 2 strategies (the Ghana example, varied per country), each
with four progress files (the example's 2021 to 2024), laid out as a strategy repository:
build/bench/strategies/*.yaml and build/bench/progress/<stem>/<year>.yaml. Then times each tool
on the whole corpus and on one file. Every comparison with yamllint is made in one sitting:
rounds that run each command once in turn (so that a change in the machine's load hits all of
them alike), the median of the rounds, in CPU time (user + system of the child and its workers)
and wall time. `python scripts/bench.py startup [ROUNDS]` measures start-up alone and
`python scripts/bench.py documents` the Word and PDF curve alone.
"""

from __future__ import annotations

import copy
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CORPUS = ROOT / "build" / "bench"
STRATEGIES = CORPUS / "strategies"
PROGRESS = CORPUS / "progress"
EXAMPLE = ROOT / "examples" / "gh-2021-2025.yaml"
YEARS = (2021, 2022, 2023, 2024)  # the progress files of each strategy
NEW_YEAR = 2025  # the year `progress new` scaffolds
FILES = 1000
NEW_SAMPLE = 50  # `progress new` is one process per file: timed on a sample, per file
RUNS = 3  # for the corpus
ROUNDS = 25  # one file and start-up are noisy: the median of many interleaved rounds
PRIORITIES = (250, 500, 1000, 2000)  # the Word and PDF curve: strategies of this many priorities
LONG = CORPUS / "long"


def generate() -> tuple[list[Path], list[Path]]:
    """The corpus: strategies, and their progress files."""
    import pycountry

    from hrdplan.strategy.countries import EU_MEMBER_STATES

    shutil.rmtree(CORPUS, ignore_errors=True)
    STRATEGIES.mkdir(parents=True)
    source = EXAMPLE.read_text(encoding="utf-8")
    reports = {
        year: (ROOT / "examples" / "progress" / EXAMPLE.stem / f"{year}.yaml").read_text(
            encoding="utf-8"
        )
        for year in YEARS
    }
    countries = [c.alpha_2 for c in pycountry.countries if c.alpha_2 not in EU_MEMBER_STATES]
    strategies, progress = [], []
    for i in range(FILES):
        code = countries[i % len(countries)]
        # Quoted: YAML 1.1 reads a bare NO (Norway) as false.
        text = source.replace("country: GH", f'country: "{code}"', 1)
        path = STRATEGIES / f"{code.lower()}-{i:04d}.yaml"
        path.write_text(text, encoding="utf-8")
        strategies.append(path)
        folder = PROGRESS / path.stem
        folder.mkdir(parents=True)
        for year, report in reports.items():
            target = folder / f"{year}.yaml"
            target.write_text(
                report.replace(
                    f"strategy: ../../{EXAMPLE.name}", f"strategy: ../../strategies/{path.name}", 1
                ),
                encoding="utf-8",
            )
            progress.append(target)
    return strategies, progress


def timed(command: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start, done.returncode


def best(command: list[str], runs: int = RUNS, ok: tuple[int, ...] = (0, 1)) -> float:
    """The best time of a few runs; a run that fails (an exit code not in `ok`) is reported,
    not timed as if it had worked."""
    times = []
    for _ in range(runs):
        seconds, code = timed(command)
        if code not in ok:
            print(f"  ! {Path(command[0]).name} {command[1]} exited {code}")
            return float("nan")
        times.append(seconds)
    return min(times)


def main() -> None:
    if sys.argv[1:2] == ["documents"]:
        # `documents [FORMAT...] [PRIORITIES...]`: part of the curve (e.g. `documents docx`).
        extra = sys.argv[2:]
        sizes = tuple(int(a) for a in extra if a.isdigit()) or PRIORITIES
        formats = tuple(a for a in extra if not a.isdigit()) or ("docx", "pdf")
        documents(sizes, formats)
        return
    if sys.argv[1:2] == ["startup"]:
        startup(int(sys.argv[2]) if sys.argv[2:3] else ROUNDS)
        return
    startup()
    strategies, progress = generate()
    files = strategies + progress
    size = statistics.mean(p.stat().st_size for p in files)
    print(
        f"corpus: {len(strategies)} strategies and {len(progress)} progress files, "
        f"{len(files)} files of {size / 1024:.1f} KB on average, in {CORPUS}"
    )
    progress_new(strategies)
    lint(strategies, files)
    render(strategies, progress)
    word_diff()
    documents()


def progress_new(strategies: list[Path]) -> None:
    """hrdplan progress new on a sample of the corpus (one process per strategy), then removed
    so that the lint below sees four progress files per strategy."""
    hrdplan = str(BIN / "hrdplan")
    sample = strategies[:: max(1, len(strategies) // NEW_SAMPLE)][:NEW_SAMPLE]
    total, failed = 0.0, 0
    for path in sample:
        seconds, code = timed([hrdplan, "progress", "new", str(path), "--year", str(NEW_YEAR)])
        total += seconds
        failed += code != 0
        (PROGRESS / path.stem / f"{NEW_YEAR}.yaml").unlink(missing_ok=True)
    each = total / len(sample)
    note = f"   ! {failed} of {len(sample)} failed" if failed else ""
    print(
        f"hrdplan progress new  {len(sample)} strategies {total:6.2f} s ({each * 1000:5.0f} ms "
        f"each; {each * len(strategies):5.1f} s for the corpus){note}"
    )


def lint(strategies: list[Path], files: list[Path]) -> None:
    """The corpus: hrdplan and yamllint on every file, check-jsonschema on the strategies (it
    knows the strategy schema only), in interleaved rounds."""
    schema = str(ROOT / "schemas" / "strategy.schema.json")
    commands = {
        # hrdplan and yamllint take the folder (strategies and progress files alike).
        "hrdplan lint": [str(BIN / "hrdplan"), "lint", "--quiet", str(CORPUS)],
        "yamllint (relaxed)": [str(BIN / "yamllint"), "-d", "relaxed", str(CORPUS)],
        "check-jsonschema": [str(BIN / "check-jsonschema"), "--schemafile", schema]
        + [str(p) for p in strategies],
    }
    counts = {"check-jsonschema": len(strategies)}
    results = interleaved(commands, RUNS)
    print(f"corpus, median of {RUNS} interleaved rounds:")
    for name, (cpu, wall) in results.items():
        count = counts.get(name, len(files))
        print(
            f"  {name:20} {count:5} files  {wall:7.2f} s wall ({wall / count * 1000:5.1f} ms/file)"
            f"  {cpu:7.2f} s CPU"
        )
    ours = results["hrdplan lint"]
    for name, (cpu, wall) in results.items():
        if name != "hrdplan lint":
            print(
                f"  hrdplan vs {name}: {wall / ours[1]:.1f}x faster in wall time, "
                f"{cpu / ours[0]:.1f}x in CPU time (target: 20x)"
            )
    print("  (check-jsonschema reads the strategies only: the ratio is against its files)")


def usage(command: list[str]) -> tuple[float, float, int]:
    """CPU seconds (user + system of the child and the workers it waited for), wall seconds
    and exit code of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall, done.returncode


def interleaved(
    commands: dict[str, list[str]], rounds: int, ok: tuple[int, ...] = (0, 1)
) -> dict[str, tuple[float, float]]:
    """Median CPU and wall seconds of each command over `rounds` rounds, each round running
    every command once in turn. A command that fails (an exit code not in `ok`) is reported
    and left out, not timed as if it had worked."""
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    wall: dict[str, list[float]] = {name: [] for name in commands}
    failed: set[str] = set()
    for _ in range(rounds):
        for name, command in commands.items():
            if name in failed:
                continue
            seconds, elapsed, code = usage(command)
            if code not in ok:
                print(f"  ! {name} exited {code}")
                failed.add(name)
                continue
            cpu[name].append(seconds)
            wall[name].append(elapsed)
    return {
        name: (statistics.median(cpu[name]), statistics.median(wall[name]))
        for name in commands
        if name not in failed
    }


def startup(rounds: int = ROUNDS) -> None:
    """One-file lint, `hrdplan --version` and `hrdplan rule` against yamllint, as a table of
    medians of interleaved rounds. A one-file lint is what pre-commit runs on every commit."""
    hrdplan, yamllint = str(BIN / "hrdplan"), str(BIN / "yamllint")
    if not Path(yamllint).exists():
        sys.exit("missing: yamllint (make bench installs it)")
    tunisia, ghana = "examples/tn-2021-2025.yaml", "examples/gh-2021-2025.yaml"
    commands = {
        "lint tn": [hrdplan, "lint", tunisia],
        "yamllint tn": [yamllint, "-d", "relaxed", tunisia],
        "lint gh": [hrdplan, "lint", ghana],
        "yamllint gh": [yamllint, "-d", "relaxed", ghana],
        "--version": [hrdplan, "--version"],
        "rule": [hrdplan, "rule"],
        "yamllint --version": [yamllint, "--version"],
    }
    for command in commands.values():  # once before timing: the catalogue cache, disk caches
        usage(command)
    results = interleaved(commands, rounds)
    # (what, hrdplan's command, yamllint's command, target: at most this ratio of CPU time)
    rows = (
        ("lint, Tunisia (format 1)", "lint tn", "yamllint tn", 0.8),
        ("lint, Ghana (format 2)", "lint gh", "yamllint gh", 0.8),
        ("hrdplan --version", "--version", "yamllint --version", 1.0),
        ("hrdplan rule", "rule", "yamllint --version", 1.0),
    )
    print(f"start-up, median of {rounds} interleaved rounds, ms (CPU = user + system):")
    print(
        "| command | hrdplan CPU | yamllint CPU | ratio | target | hrdplan wall | yamllint wall |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for what, ours, theirs, target in rows:
        if ours not in results or theirs not in results:
            print(f"| {what} | failed | | | | | |")
            continue
        (cpu, wall), (their_cpu, their_wall) = results[ours], results[theirs]
        ratio = cpu / their_cpu
        mark = "" if ratio <= target else " !"
        print(
            f"| {what} | {cpu * 1000:.0f} | {their_cpu * 1000:.0f} | {ratio:.2f}x{mark} "
            f"| <= {target:.1f}x | {wall * 1000:.0f} | {their_wall * 1000:.0f} |"
        )
    print("  (yamllint's `--version` is the reference for both --version and rule)")


def render(strategies: list[Path], progress: list[Path]) -> None:
    """hrdplan render on the strategies and on the progress files of the corpus, in both
    formats, and the portfolio report over the corpus (documents in build/bench-render)."""
    hrdplan = str(BIN / "hrdplan")
    out = ROOT / "build" / "bench-render"
    shutil.rmtree(out, ignore_errors=True)
    ok = (0,)
    for fmt in ("html", "md"):
        # One run each: it takes seconds, and a rerun replaces the same files.
        whole = best(
            [hrdplan, "render", str(STRATEGIES), "--format", fmt, "--out", str(out / "s")], 1, ok
        )
        reports = best(
            [hrdplan, "render", str(PROGRESS), "--format", fmt, "--out", str(out / "p")], 1, ok
        )
        print(
            f"hrdplan render {fmt:4}  strategies {whole:6.2f} s "
            f"({whole / len(strategies) * 1000:5.1f} ms/file)   progress reports {reports:6.2f} s "
            f"({reports / len(progress) * 1000:5.1f} ms/file)"
        )
    report = out / "portfolio.html"
    whole = best(
        [hrdplan, "report", str(STRATEGIES), "--format", "html", "--out", str(report)], 1, ok
    )
    print(
        f"hrdplan report html  strategies {whole:6.2f} s "
        f"({whole / len(strategies) * 1000:5.1f} ms/file)"
    )


def word_diff() -> None:
    """hrdplan's word diff (what `diff` and HRD601 show of a reworded text) on prose of 10,000,
    20,000 and 40,000 words in paragraphs of 80, with a word changed in every ninth paragraph
    and, in one paragraph, a word changed in the middle; best of 3."""
    import random

    from hrdplan.review.words import word_diff as diff

    rng = random.Random(1)
    common = ["the", "of", "and", "a", "to", "in", "human", "rights", "women", "is", "for", "on"]
    vocabulary = [*common, *(f"w{i}" for i in range(300))]
    for count in (10_000, 20_000, 40_000):
        words = [rng.choice(vocabulary) for _ in range(count)]
        paragraphs = [" ".join(words[i : i + 80]) for i in range(0, count, 80)]
        changed = [p if n % 9 else "changed" + p[p.index(" ") :] for n, p in enumerate(paragraphs)]
        middle = [*words[: count // 2], "changed", *words[count // 2 + 1 :]]
        cases = {
            "paragraphs": ("\n\n".join(paragraphs), "\n\n".join(changed)),
            "one paragraph": (" ".join(words), " ".join(middle)),
        }
        shown = []
        for name, (old, new) in cases.items():
            times = []
            for _ in range(RUNS):
                start = time.perf_counter()
                diff(old, new)
                times.append(time.perf_counter() - start)
            shown.append(f"{name} {min(times) * 1000:6.1f} ms")
        print(f"word diff {count:6,} words  " + "   ".join(shown))


def long_strategy(count: int) -> Path:
    """The example with `count` priorities: its own six over and over, renumbered, each with
    its first action and indicator (so that 2,000 stay within a strategy's 200,000 YAML
    nodes)."""
    import yaml

    strategy = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    own = strategy["priorities"]
    priorities = []
    for number in range(1, count + 1):
        priority = copy.deepcopy(own[number % len(own)])
        priority["id"] = f"P{number}"
        priority["actions"] = priority["actions"][:1]
        priority["indicators"] = priority["indicators"][:1]
        priority["indicators"][0]["id"] = f"P{number}.1"
        priorities.append(priority)
    strategy["priorities"] = priorities
    LONG.mkdir(parents=True, exist_ok=True)
    path = LONG / f"gh-{count}.yaml"
    text = yaml.safe_dump(strategy, sort_keys=False, allow_unicode=True, width=100)
    path.write_text(text, encoding="utf-8")
    return path


def measured(command: list[str], env: dict[str, str]) -> tuple[float, int, int]:
    """Seconds, peak resident memory (bytes) and exit code of one run of the command."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - start, usage.ru_maxrss * 1024, proc.returncode


def documents(
    sizes: tuple[int, ...] = PRIORITIES, formats: tuple[str, ...] = ("docx", "pdf")
) -> None:
    """hrdplan render --format docx and pdf of one strategy of 250 to 2,000 priorities: the
    time and peak memory of each, which should grow in proportion to the strategy."""
    hrdplan = str(BIN / "hrdplan")
    out = ROOT / "build" / "bench-documents"
    shutil.rmtree(out, ignore_errors=True)
    # The long strategies are beyond the 5 MB a strategy file may be by default.
    env = {**os.environ, "HRDPLAN_MAX_FILE_SIZE": "200MB"}
    for count in sizes:
        path = long_strategy(count)
        line = f"render {count:5} priorities ({path.stat().st_size / 1e6:4.1f} MB)"
        for fmt in formats:
            command = [hrdplan, "render", str(path), "--format", fmt, "--out", str(out)]
            seconds, peak, code = measured([*command, "--force"], env)
            failed = f" ! exit {code}" if code else ""
            line += f"   {fmt} {seconds:7.1f} s {peak / 1e6:6.0f} MB{failed}"
        print(line, flush=True)


if __name__ == "__main__":
    main()
