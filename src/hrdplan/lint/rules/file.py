"""HRD0xx: the file itself — YAML, structure, format version, catalogue pin, suppressions, and
whether the pinned catalogue version is the newest."""

from __future__ import annotations

from collections.abc import Iterator

from hrdplan.findings import Severity
from hrdplan.io.errors import quoted
from hrdplan.lint.context import Context
from hrdplan.lint.model import Hit
from hrdplan.lint.rule import BOTH_KINDS, rule
from hrdplan.strategy.model import FORMAT_VERSION, unsupported_format

# Fields whose problems other rules of this group explain better than a schema message.
OWNED_ELSEWHERE = {("hrdplan",), ("catalogue",)}


@rule(
    "HRD001",
    "yaml-syntax",
    Severity.ERROR,
    "The file cannot be read or is not valid YAML.",
    why="""
        A strategy that cannot be parsed cannot be checked against the plan at all; nothing
        else in it can be trusted until it parses.""",
    fail="""
        title: [unclosed
        """,
    ok="""
        title: EU Human Rights and Democracy Country Strategy
        """,
    kinds=BOTH_KINDS,
    open_point={
        "en": "the file cannot be read",
        "nl": "het bestand kan niet worden gelezen",
    },
)
def yaml_syntax(ctx: Context) -> Iterator[Hit]:
    """Reports a file that cannot be read (not UTF-8, too large, not a regular file) or parsed
    as a single YAML document (syntax errors, unsupported tags, merge keys, alias bombs), at the
    line and column where the problem is. No other rule runs on such a file."""
    # No check here: a file that cannot be read or parsed has no Context to check. The runner
    # turns the reader's error into this rule's findings (lint/runner.py, `_load_failure`).
    yield from ()


@rule(
    "HRD002",
    "duplicate-key",
    Severity.ERROR,
    "A mapping repeats a key.",
    why="""
        YAML parsers disagree on which of two equal keys wins, so a repeated key silently drops
        text an author wrote. The first occurrence is used; each repeat is reported.""",
    fail="""
        context: Situation analysis.
        context: A second analysis that would be lost.
        """,
    ok="""
        context: Situation analysis.
        """,
    kinds=BOTH_KINDS,
    open_point={
        "en": "a value given twice",
        "nl": "een waarde die twee keer is gegeven",
    },
)
def duplicate_key(ctx: Context) -> Iterator[Hit]:
    """Reports every key that appears a second time in the same mapping, at the repeat."""
    for path, position in ctx.doc.duplicate_keys:
        message = f"duplicate key {quoted(path[-1])}: the first occurrence is used"
        yield Hit(path, message, at=position, key=True)


@rule(
    "HRD003",
    "schema",
    Severity.ERROR,
    "A structural violation of the strategy format: type, required field, value or unknown key.",
    why="""
        The strategy format (version 1) is what every tool, template and pipeline reading a
        strategy relies on; a misspelt key or a wrong type is text nobody will see.""",
    fail="""
        status: finished
        """,
    ok="""
        status: adopted
        """,
    kinds=BOTH_KINDS,
    open_point={
        "en": "a value not in the expected form",
        "nl": "een waarde niet in de verwachte vorm",
    },
)
def schema(ctx: Context) -> Iterator[Hit]:
    """Reports each violation of the strategy models at its node: a wrong type, a missing
    required field, a value outside the allowed ones (status, classification, gender marker)
    or an unknown key. `hrdplan schema` prints the same rules as a JSON Schema."""
    for violation in ctx.violations:
        if violation.path[:1] and violation.path[:1] in OWNED_ELSEWHERE:
            continue
        yield Hit(violation.path, violation.message, key=violation.type == "extra_forbidden")


@rule(
    "HRD004",
    "format-version",
    Severity.ERROR,
    "The `hrdplan:` format version is missing or not supported.",
    why="""
        The format version says how to read the rest of the file; without it, a future format
        could be misread as this one.""",
    fail="""
        hrdplan: 7
        """,
    ok="""
        hrdplan: 1
        """,
    kinds=BOTH_KINDS,
    open_point={
        "en": "written in a format this version cannot read",
        "nl": "in een formaat dat deze versie niet kan lezen",
    },
)
def format_version(ctx: Context) -> Iterator[Hit]:
    """Reports a missing `hrdplan:` key or a value other than a supported format version (for
    a progress file: 2, the format that introduced them)."""
    progress = ctx.loaded is not None and ctx.loaded.kind == "progress"
    if "hrdplan" not in ctx.data:
        yield Hit((), f"missing `hrdplan:` format version (hrdplan: {FORMAT_VERSION})")
        return
    problem = unsupported_format(ctx.get("hrdplan"), progress=progress)
    if problem:
        yield Hit(("hrdplan",), problem)


@rule(
    "HRD005",
    "unknown-catalogue",
    Severity.ERROR,
    "`catalogue:` names an id or version that is not available, or is not pinned.",
    why="""
        A strategy is checked against the catalogue version it was written for, so that a later
        catalogue cannot change what an adopted strategy means. The pin must name an available
        id and exact version.""",
    fail="""
        catalogue: eu-hrd-2020-2024@9.9.9
        """,
    ok="""
        catalogue: eu-hrd-2020-2024@1.2.0
        """,
    open_point={
        "en": "the version of the Action Plan it refers to is not available",
        "nl": "de versie van het actieplan waarnaar verwezen wordt, is niet beschikbaar",
    },
)
def unknown_catalogue(ctx: Context) -> Iterator[Hit]:
    """Reports a missing `catalogue:` key, a value that is not `<id>@<version>`, or a pin to a
    catalogue id or version that neither the package nor `catalogue-dirs` provides. Rules that
    need the catalogue do not run on such a file."""
    if ctx.catalogue_problem is not None:
        path = ("catalogue",) if "catalogue" in ctx.data else ()
        yield Hit(path, ctx.catalogue_problem)


@rule(
    "HRD006",
    "unused-suppression",
    Severity.WARNING,
    "A `# hrdplan: ignore[...]` comment suppresses nothing.",
    why="""
        A suppression that no longer matches a finding hides the next real problem on that line;
        remove it once the problem is fixed.""",
    fail="""
        title: A good title  # hrdplan: ignore[HRD404]
        """,
    ok="""
        title: A good title
        """,
    kinds=BOTH_KINDS,
    open_point={
        "en": "an exemption from a check that exempts nothing",
        "nl": "een uitzondering op een controle die niets uitzondert",
    },
)
def unused_suppression(ctx: Context) -> Iterator[Hit]:
    """Reports each code in an inline suppression that matched no finding on its line or the
    line below, among the rules that ran on the file: a suppression of a rule that was not
    selected, or that could not run without a catalogue, is not reported. See "Inline
    suppression" in the README."""
    # No check here: whether a suppression is used is known only once every other rule has run,
    # so the runner computes this rule's findings (lint/runner.py, `_apply_suppressions`).
    yield from ()


@rule(
    "HRD007",
    "outdated-catalogue",
    Severity.INFO,
    "The strategy pins an older version of its catalogue than the newest available.",
    why="""
        A strategy keeps being checked against the catalogue version it pins, so that a new
        version (corrections, translations, a longer plan period: the Council extended the
        Action Plan to 2027 on 27 May 2024) never changes what an adopted strategy means. This
        says a newer version exists; `hrdplan migrate` re-pins the strategy, applying renamed
        codes and refusing when a selected objective was removed. Information only: it never
        fails a run, not even with --strict.""",
    fail="""
        catalogue: eu-hrd-2020-2024@1.0.0
        """,
    ok="""
        catalogue: eu-hrd-2020-2024@1.2.0
        """,
    needs_catalogue=True,
    open_point={
        "en": "refers to an older version of the Action Plan's catalogue",
        "nl": "verwijst naar een oudere versie van de catalogus van het actieplan",
    },
)
def outdated_catalogue(ctx: Context) -> Iterator[Hit]:
    """Reports, at `catalogue:`, a pin to a version older than the newest version of the same
    catalogue id available (shipped or in `catalogue-dirs`), naming the command that migrates."""
    catalogue = ctx.catalogue
    assert catalogue is not None
    if ctx.newest is None or ctx.newest == catalogue.version:
        return
    from hrdplan.catalogue.model import version_key

    if version_key(ctx.newest) > version_key(catalogue.version):
        yield Hit(
            ("catalogue",),
            f"{catalogue.id}@{ctx.newest} is the newest version of this catalogue; "
            f"`hrdplan migrate {ctx.doc.file}` re-pins the strategy to it",
        )


@rule(
    "HRD008",
    "format-upgrade",
    Severity.INFO,
    "The strategy is in format 1 (free-text indicators); format 2 can be monitored.",
    why="""
        Action Plan 5.2.a: implementation is monitored every year through the annual report,
        and 5.2.b and 5.2.c evaluate it at mid-term and at the end. Format 1 writes baselines
        and targets as free text ("12 (2020)"), which no tool can follow over the years;
        format 2 gives each indicator an id, a kind, a direction and values with years, and
        yearly progress files record what happened. `hrdplan migrate --format 2` upgrades a
        file, keeping its comments. Information only: format 1 files keep working.""",
    fail="""
        hrdplan: 1
        """,
    ok="""
        hrdplan: 2
        """,
    open_point={
        "en": "indicators not yet measurable (the earlier format)",
        "nl": "indicatoren nog niet meetbaar (het eerdere formaat)",
    },
)
def format_upgrade(ctx: Context) -> Iterator[Hit]:
    """Reports, at `hrdplan:`, a strategy in format 1, naming the command that upgrades it
    to format 2 (measurable indicators, progress files)."""
    version = ctx.get("hrdplan")
    if version == 1 and not isinstance(version, bool):
        yield Hit(
            ("hrdplan",),
            f"format 1, with indicators in free text: `hrdplan migrate --format 2 "
            f"{ctx.doc.file}` upgrades it to measurable indicators and progress files",
        )
