"""Running the rules over files: load, check, suppress, select."""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from hrdplan.catalogue.registry import Registry
from hrdplan.io.errors import InputError
from hrdplan.io.yamlio import Document, parse, split_lines
from hrdplan.lint.context import Context
from hrdplan.lint.model import Finding, Hit, Rule, Severity
from hrdplan.lint.rules import RULE_BY_CODE, RULES
from hrdplan.strategy.loader import analyse

_SUPPRESSION = re.compile(r"#\s*hrdplan:\s*ignore\[([A-Za-z0-9_,\s]*)\]")


@dataclass(frozen=True)
class Selection:
    """Which rules apply to which file: codes or prefixes (HRD2), as in ruff."""

    select: tuple[str, ...] = ()  # empty: every rule
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (glob, codes)

    def enabled(self, code: str, file: str) -> bool:
        if self.select and not any(code.startswith(p) for p in self.select):
            return False
        if any(code.startswith(p) for p in self.ignore):
            return False
        for pattern, codes in self.per_file_ignores:
            if _matches(file, pattern) and any(code.startswith(p) for p in codes):
                return False
        return True


def _matches(file: str, pattern: str) -> bool:
    return fnmatch.fnmatch(file, pattern) or fnmatch.fnmatch(Path(file).name, pattern)


@dataclass(frozen=True)
class Options:
    selection: Selection = Selection()
    catalogue_dirs: tuple[Path, ...] = ()
    max_bytes: int | None = None  # None: files.size_limit()


def lint_text(text: str, file: str, registry: Registry, selection: Selection) -> list[Finding]:
    """Every finding for one strategy given as text."""
    try:
        doc = parse(text, file)
    except InputError as err:
        return _selected(_load_failure(err, file), file, selection)
    return lint_document(doc, registry, selection)


def lint_path(path: Path, file: str, registry: Registry, options: Options) -> list[Finding]:
    from hrdplan.io.files import read_text

    try:
        text = read_text(path, max_bytes=options.max_bytes)
    except InputError as err:
        return _selected(_load_failure(err, file), file, options.selection)
    return lint_text(text, file, registry, options.selection)


def lint_stream(stream: BinaryIO, file: str, registry: Registry, options: Options) -> list[Finding]:
    """Every finding for a strategy read from a stream (stdin): read and decoded like a file,
    so that a stream over the size limit or not UTF-8 is a finding (HRD001), not the end."""
    from hrdplan.io.files import read_stream

    try:
        text = read_stream(stream, file, max_bytes=options.max_bytes)
    except InputError as err:
        return _selected(_load_failure(err, file), file, options.selection)
    return lint_text(text, file, registry, options.selection)


def lint_document(doc: Document, registry: Registry, selection: Selection) -> list[Finding]:
    loaded = analyse(doc, registry)
    ctx = Context(
        doc=doc,
        catalogue=loaded.catalogue,
        violations=loaded.violations,
        catalogue_problem=loaded.catalogue_problem,
        newest=loaded.newest,
    )
    findings: list[Finding] = []
    for rule in RULES:
        if rule.needs_catalogue and ctx.catalogue is None:
            continue
        if not selection.enabled(rule.code, doc.file):
            continue
        findings.extend(_finding(rule, hit, doc) for hit in rule.check(ctx))
    findings = _apply_suppressions(findings, doc, selection)
    return sorted(set(findings))


def _finding(rule: Rule, hit: Hit, doc: Document) -> Finding:
    pos = hit.at or doc.position(hit.path, key=hit.key)
    return Finding(
        file=doc.file,
        line=pos.line,
        column=pos.column,
        code=rule.code,
        name=rule.name,
        severity=hit.severity or rule.severity,
        message=hit.message,
        path=hit.path,
    )


def _load_failure(err: InputError, file: str) -> list[Finding]:
    rule = RULE_BY_CODE["HRD001"]
    findings = []
    for problem in err.problems:
        message = problem.message if not isinstance(problem, str) else problem
        line = getattr(problem, "line", None) or 1
        column = getattr(problem, "column", None) or 1
        findings.append(Finding(file, line, column, rule.code, rule.name, rule.severity, message))
    return findings


def _selected(findings: list[Finding], file: str, selection: Selection) -> list[Finding]:
    return [f for f in findings if selection.enabled(f.code, file)]


def _apply_suppressions(
    findings: list[Finding], doc: Document, selection: Selection
) -> list[Finding]:
    """Drop findings suppressed by `# hrdplan: ignore[CODE]` on their line or the line above;
    report suppressions that matched nothing (HRD006)."""
    if not _SUPPRESSION.search(doc.text):  # most files have none: skip splitting them
        return findings
    suppressions: dict[int, dict[str, int]] = {}  # line -> code -> column
    for number, text in enumerate(split_lines(doc.text), start=1):
        for match in _SUPPRESSION.finditer(text):
            for code in re.split(r"[\s,]+", match.group(1).strip()):
                if code:
                    suppressions.setdefault(number, {})[code.upper()] = match.start() + 1
    if not suppressions:
        return findings
    used: set[tuple[int, str]] = set()
    kept = []
    for finding in findings:
        hit = next(
            (
                (number, finding.code)
                for number in (finding.line, finding.line - 1)
                if finding.code in suppressions.get(number, {})
            ),
            None,
        )
        if hit is None:
            kept.append(finding)
        else:
            used.add(hit)
    rule = RULE_BY_CODE["HRD006"]
    if selection.enabled(rule.code, doc.file):
        for number, codes in suppressions.items():
            for code, column in codes.items():
                if (number, code) in used:
                    continue
                unknown = "" if code in RULE_BY_CODE else " (no such rule)"
                message = f"unused suppression of {code}{unknown}"
                kept.append(
                    Finding(doc.file, number, column, rule.code, rule.name, rule.severity, message)
                )
    return kept


# -- many files -------------------------------------------------------------------------------

# Below this many files a second process costs more than it saves.
PARALLEL_THRESHOLD = 48

_worker_registry: Registry | None = None


def _worker_init(dirs: tuple[Path, ...]) -> None:
    global _worker_registry
    _worker_registry = Registry(dirs)


def _worker_lint(batch: list[tuple[Path, str]], options: Options) -> list[Finding]:
    assert _worker_registry is not None
    out: list[Finding] = []
    for path, file in batch:
        out.extend(lint_path(path, file, _worker_registry, options))
    return out


def lint_paths(
    files: Sequence[tuple[Path, str]], registry: Registry, options: Options, *, jobs: int = 0
) -> list[Finding]:
    """Lint many files (path, display name); with many, on every core."""
    jobs = jobs or (os.cpu_count() or 1)
    if jobs < 2 or len(files) < PARALLEL_THRESHOLD:
        return [f for path, name in files for f in lint_path(path, name, registry, options)]
    from concurrent.futures import ProcessPoolExecutor

    size = max(16, len(files) // (jobs * 4))
    batches = [list(files[i : i + size]) for i in range(0, len(files), size)]
    findings: list[Finding] = []
    with ProcessPoolExecutor(
        max_workers=jobs, initializer=_worker_init, initargs=(options.catalogue_dirs,)
    ) as pool:
        for result in pool.map(_worker_lint, batches, [options] * len(batches)):
            findings.extend(result)
    return findings


def count(findings: Iterable[Finding], severity: Severity) -> int:
    return sum(1 for f in findings if f.severity is severity)
