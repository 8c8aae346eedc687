"""Running the rules over strategies: the one path from a loaded strategy to its findings, for
`lint` and, through the checked inputs (`hrdplan.inputs`), for every other command."""

from __future__ import annotations

import heapq
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import BinaryIO

from hrdplan.catalogue.registry import Registry
from hrdplan.findings import Finding, Severity
from hrdplan.io.errors import InputError
from hrdplan.io.links import hidden, hiding, leaves_folder
from hrdplan.io.yamlio import Document, parse, split_lines
from hrdplan.lint.context import Context
from hrdplan.lint.model import MAX_FINDINGS_PER_RULE, Hit
from hrdplan.lint.rule import Rule
from hrdplan.lint.rules import RULE_BY_CODE, RULES
from hrdplan.settings import Selection, Settings
from hrdplan.strategy.loader import Loaded, analyse

__all__ = [
    "Linted",
    "check",
    "lint_file",
    "lint_paths",
    "lint_source",
    "lint_stream",
    "lint_text",
]

_SUPPRESSION = re.compile(r"#\s*hrdplan:\s*ignore\[([A-Za-z0-9_,\s]*)\]")

# The rules about the file itself (HRD0xx). Their errors say the file is not a sound strategy,
# which render, report and migrate refuse; so they run whatever the selection.
FILE_GROUP = "HRD0"


@dataclass(frozen=True)
class Linted:
    """One strategy file, linted."""

    loaded: Loaded | None  # None when the file could not be read or parsed (HRD001)
    findings: list[Finding]  # what `hrdplan lint` reports under the selection
    # The errors of the file group, whatever the selection and suppressions: the file is not a
    # sound strategy while there is one (`hrdplan.inputs`).
    blocking: list[Finding]


def check(
    loaded: Loaded,
    selection: Selection,
    today: date | None = None,
    *,
    registry: Registry | None = None,
    changes_base: str = "HEAD",
) -> Linted:
    """Run every rule that reads this kind of file once over it (a strategy or a progress
    file); apply the selection and the suppressions. `registry` and `changes_base` let HRD601
    compare an adopted strategy with its version at a Git revision."""
    doc = loaded.doc
    ctx = Context(
        doc=doc,
        catalogue=loaded.catalogue,
        violations=loaded.violations,
        catalogue_problem=loaded.catalogue_problem,
        newest=loaded.newest,
        loaded=loaded,
        today=today or date.today(),
        registry=registry,
        changes_base=changes_base,
    )
    kind = loaded.kind
    findings: list[Finding] = []
    blocking: list[Finding] = []
    ran: set[str] = set()  # the rules whose findings were looked for (HRD006 needs to know)
    for rule in RULES:
        if kind not in rule.kinds or (rule.needs_catalogue and ctx.catalogue is None):
            continue
        enabled = selection.enabled(rule.code, doc.file)
        structural = rule.code.startswith(FILE_GROUP) and rule.severity is Severity.ERROR
        if not (enabled or structural):
            continue
        found = [_finding(rule, hit, doc) for hit in rule.check(ctx)]
        if structural:
            blocking += [f for f in found if f.severity is Severity.ERROR]
        if enabled:
            ran.add(rule.code)
            findings += found
    findings, dropped = _apply_suppressions(findings, doc, selection, ran)
    return Linted(loaded, _capped(_sorted(findings), dropped), _capped(_sorted(blocking)))


def _sorted(findings: list[Finding]) -> list[Finding]:
    return sorted(set(findings), key=Finding.sort_key)


_WORST_FIRST = (Severity.ERROR, Severity.WARNING, Severity.INFO)


def _capped(findings: list[Finding], dropped: Counter[str] | None = None) -> list[Finding]:
    """The sorted findings of one file with at most MAX_FINDINGS_PER_RULE of each rule, the
    first ones in the file; the rest of a rule become one finding, at the first of them, that
    counts them (and those `dropped` before they were made, all after the ones given) and has
    the severity of the worst (so that the run fails as it would have)."""
    counts = Counter(f.code for f in findings) + (dropped or Counter())
    if max(counts.values(), default=0) <= MAX_FINDINGS_PER_RULE:
        return findings
    out: list[Finding] = []
    shown: Counter[str] = Counter()
    first_hidden: dict[str, Finding] = {}
    worst: dict[str, Severity] = {}
    for finding in findings:
        code = finding.code
        shown[code] += 1
        if shown[code] <= MAX_FINDINGS_PER_RULE:
            out.append(finding)
            continue
        first_hidden.setdefault(code, finding)
        if code not in worst or _WORST_FIRST.index(finding.severity) < _WORST_FIRST.index(
            worst[code]
        ):
            worst[code] = finding.severity
    for code, first in first_hidden.items():
        more = counts[code] - MAX_FINDINGS_PER_RULE
        message = (
            f"… and {more:,} more {code} findings in this file, not shown "
            f"(at most {MAX_FINDINGS_PER_RULE:,} per rule and file)"
        )
        out.append(replace(first, severity=worst[code], message=message, path=()))
    return sorted(out, key=Finding.sort_key)


def lint_text(
    text: str,
    file: str,
    registry: Registry,
    selection: Selection,
    *,
    today: date | None = None,
    path: Path | None = None,
) -> list[Finding]:
    """Every finding for one file given as text (tests; `path` places a progress file)."""
    settings = Settings(registry=registry, selection=selection, today=today or date.today())
    return lint_source(text, file, settings, path=path).findings


def lint_stream(stream: BinaryIO, file: str, settings: Settings) -> list[Finding]:
    """Every finding for a strategy read from a stream (stdin): read and decoded like a file,
    so that a stream over the size limit or not UTF-8 is a finding (HRD001), not the end."""
    from hrdplan.io.files import read_stream

    return _lint(
        lambda: read_stream(stream, file, max_bytes=settings.max_bytes), file, settings, None
    ).findings


def lint_file(path: Path, file: str, settings: Settings, *, history: bool = True) -> Linted:
    """Read (within the size limit), parse, load and lint one strategy file; a file that cannot
    be read or parsed is an HRD001 finding. `history`: HRD601 may compare it with its version
    at a Git revision."""
    from hrdplan.io.files import read_text

    return _lint(
        lambda: read_text(path, max_bytes=settings.max_bytes),
        file,
        settings,
        path,
        history=history,
    )


def lint_source(text: str, file: str, settings: Settings, *, path: Path | None = None) -> Linted:
    """Parse, load and lint one file given as text (a Git revision, an editor's buffer);
    `path` places a progress file. A text that cannot be parsed is an HRD001 finding."""
    return _lint(lambda: text, file, settings, path)


def _lint(
    text: Callable[[], str],
    file: str,
    settings: Settings,
    path: Path | None,
    *,
    history: bool = False,
) -> Linted:
    """`history`: the text is the file on disk, which HRD601 may compare with its version at a
    Git revision (a text given otherwise, with a path to place it, is not that file). A file
    reached through a link out of its folder is linted with no value of it quoted."""
    with hiding(path is not None and leaves_folder(path)):
        return _lint_shown(text, file, settings, path, history=history)


def _lint_shown(
    text: Callable[[], str], file: str, settings: Settings, path: Path | None, *, history: bool
) -> Linted:
    selection = settings.selection
    try:
        doc = parse(text(), file)
    except InputError as err:
        failure = _load_failure(err, file)
        return Linted(None, [f for f in failure if selection.enabled(f.code, file)], failure)
    loaded = analyse(doc, settings.registry, path, max_bytes=settings.max_bytes)
    return check(
        loaded,
        selection,
        settings.today,
        registry=settings.registry if history else None,
        changes_base=settings.changes_base,
    )


def _finding(rule: Rule, hit: Hit, doc: Document) -> Finding:
    pos = hit.at or doc.position(hit.path, key=hit.key)
    # A key the finding is about is the file's own text (an unknown or repeated key): not
    # shown in the key path when nothing of the file is.
    path = hit.path[:-1] if hit.key and hidden() else hit.path
    return Finding(
        file=doc.file,
        line=pos.line,
        column=pos.column,
        code=rule.code,
        name=rule.name,
        severity=hit.severity or rule.severity,
        message=hit.message,
        path=path,
        open_point=rule.open_point,
    )


def _load_failure(err: InputError, file: str) -> list[Finding]:
    rule = RULE_BY_CODE["HRD001"]
    return [
        Finding(
            file,
            p.line or 1,
            p.column or 1,
            rule.code,
            rule.name,
            rule.severity,
            p.message,
            open_point=rule.open_point,
        )
        for p in err.problems
    ]


def _apply_suppressions(
    findings: list[Finding], doc: Document, selection: Selection, ran: set[str]
) -> tuple[list[Finding], Counter[str]]:
    """Drop findings suppressed by `# hrdplan: ignore[CODE]` on their line or the line above;
    report suppressions that matched nothing (HRD006). Only a rule that ran on the file can
    prove a suppression of it unused: one not selected (select, ignore, per-file-ignores) or
    skipped for want of a catalogue cannot. Also how many HRD006 findings past the first
    MAX_FINDINGS_PER_RULE + 1 were counted and not made."""
    if not _SUPPRESSION.search(doc.text):  # most files have none: skip splitting them
        return findings, Counter()
    suppressions: dict[int, dict[str, int]] = {}  # line -> code -> column
    for number, text in enumerate(split_lines(doc.text), start=1):
        for match in _SUPPRESSION.finditer(text):
            for code in re.split(r"[\s,]+", match.group(1).strip()):
                if code:
                    suppressions.setdefault(number, {})[code.upper()] = match.start() + 1
    if not suppressions:
        return findings, Counter()
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
    if not selection.enabled(rule.code, doc.file):
        return kept, Counter()

    def unused() -> Iterator[tuple[int, int, str]]:
        for number, codes in suppressions.items():
            for code, column in codes.items():
                if (number, code) in used or (code in RULE_BY_CODE and code not in ran):
                    continue
                unknown = "" if code in RULE_BY_CODE else " (no such rule)"
                yield number, column, f"unused suppression of {code}{unknown}"

    # A line can hold thousands of codes: only the findings that can be shown are made, the
    # rest counted (as _capped would count them).
    total = sum(len(codes) for codes in suppressions.values())
    if total <= MAX_FINDINGS_PER_RULE:
        first = list(unused())
        dropped = 0
    else:
        counted = Counter[str]()

        def counting() -> Iterator[tuple[int, int, str]]:
            for item in unused():
                counted["n"] += 1
                yield item

        first = heapq.nsmallest(MAX_FINDINGS_PER_RULE + 1, counting())
        dropped = counted["n"] - len(first)
    kept += [
        Finding(
            doc.file,
            number,
            column,
            rule.code,
            rule.name,
            rule.severity,
            message,
            open_point=rule.open_point,
        )
        for number, column, message in first
    ]
    return kept, Counter({rule.code: dropped} if dropped else {})


# -- many files -------------------------------------------------------------------------------


def _lint_one(settings: Settings, file: tuple[Path, str]) -> list[Finding]:
    return lint_file(file[0], file[1], settings).findings


def lint_paths(files: Sequence[tuple[Path, str]], settings: Settings) -> list[Finding]:
    """Lint many files (path, display name); with many, on every core."""
    from hrdplan.io.parallel import on_every_core

    return [f for found in on_every_core(_lint_one, settings, files) for f in found]
