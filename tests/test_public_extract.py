"""A public extract (`render --public`) carries nothing internal, in every format: of every
example and of a hostile repository whose every internal text is a unique sentinel, no
sentinel reaches the output, nor the strategy's own marking as the extract's; a progress
report is never public (refused, one line each, nothing written for it)."""

from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
import yaml
from conftest import EXAMPLES
from typer.testing import CliRunner

from hrdplan.cli import app
from hrdplan.render.environment import labels

T = TypeVar("T")

MARKINGS = ("LIMITE", "RESTREINT UE", "EU RESTRICTED")
PROGRESS_REFUSED = (
    "error: a progress report is internal (its narratives are not for publication): "
    "render it without --public"
)


def _weasyprint_usable() -> bool:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


FORMATS = [
    "md",
    "html",
    "docx",
    pytest.param(
        "pdf",
        marks=[
            pytest.mark.pdf,
            pytest.mark.skipif(
                not _weasyprint_usable() or shutil.which("pdftotext") is None,
                reason="PDF needs WeasyPrint and Pango (pip install '.[pdf]') and poppler's "
                "pdftotext to read it back",
            ),
        ],
    ),
]

# -- the hostile repository: every internal text a sentinel ----------------------------------

# Format 2, restricted: every free-text field, the change log and YAML comments.
FORMAT_2 = """\
# INTERNAL-COMMENT-1a01: a comment at the top
hrdplan: 2
catalogue: eu-hrd-2020-2024@1.2.0
country: KE
title: Public title of the Kenya strategy
period: {start: 2027, end: 2031}
status: adopted  # INTERNAL-COMMENT-1a02 after a value
adopted: 2027-03-14
reference: EEAS(2027) 1234
classification: restricted
language: en
delegation: EU Delegation to Kenya
member_states: [DE, NL]
consultations:
  - date: 2026-11-24
    participants: INTERNAL-CONSULTATION-2b01 took part.
context: |
  INTERNAL-CONTEXT-7f3a about the country.
gender_analysis: |
  INTERNAL-GENDER-ANALYSIS-3c01 about women's rights.
priorities:
  # INTERNAL-COMMENT-1a03 in a list
  - id: P1
    objective: 1.1.c
    title: Public title of the first priority
    rationale: INTERNAL-RATIONALE-4d01 why this priority.
    gender:
      marker: 2
      approach: INTERNAL-APPROACH-5e01 how gender-responsive.
      objective: INTERNAL-GENDER-OBJECTIVE-6f01 the explicit objective.
      gap: [gbv]
      do_no_harm: INTERNAL-DO-NO-HARM-7a01 the risks.
    actions:
      - text: INTERNAL-ACTION-8b01 fund the mechanism.
        instruments: [eu-funding-programmes, political-dialogue]
    indicators:
      - id: P1.1
        text: INTERNAL-INDICATOR-9c01 defenders supported
        kind: number
        direction: increase
        baseline: {value: 12, year: 2026}
        milestones: [{value: 20, year: 2029}]
        target: {value: 35, year: 2031}
        source: INTERNAL-SOURCE-9c02 annual data
        disaggregation: [INTERNAL-DISAGGREGATION-9c03]
        gender_specific: true
      - id: P1.2
        text: INTERNAL-INDICATOR-9c04 how officials speak
        kind: text
        baseline: {value: INTERNAL-BASELINE-9c05 hostile words, year: 2026}
        milestones: [{value: INTERNAL-MILESTONE-9c06 fewer, year: 2029}]
        target: {value: INTERNAL-TARGET-9c07 recognition, year: 2031}
        disaggregation: [sex]
  - id: P2
    objective: 2.1.a
    title: Public title of the second priority
    rationale: INTERNAL-RATIONALE-4d02 why elections.
    gender:
      marker: 1
      approach: INTERNAL-APPROACH-5e02 women candidates.
      objective: INTERNAL-GENDER-OBJECTIVE-6f02 more women elected.
      gap: [participation]
      do_no_harm: INTERNAL-DO-NO-HARM-7a02 backlash.
    actions:
      - text: INTERNAL-ACTION-8b02 support the commission.
        instruments: [political-dialogue]
    indicators:
      - id: P2.1
        text: INTERNAL-INDICATOR-9c08 turnout
        kind: percent
        direction: maintain
        baseline: {value: 65.5, year: 2027}
        target: {value: 65, year: 2031}
        source: INTERNAL-SOURCE-9c09 the commission
        disaggregation: [sex]
        gender_specific: true
changes:
  - date: 2028-02-01
    what: INTERNAL-CHANGE-WHAT-0d01 a target lowered
    why: INTERNAL-CHANGE-WHY-0d02 the budget was cut
"""

# Format 1, limited: baseline and target as free text.
FORMAT_1 = """\
# INTERNAL-COMMENT-1a04
hrdplan: 1
catalogue: eu-hrd-2020-2024@1.2.0
country: GH
title: Public title of the Ghana strategy
period: {start: 2021, end: 2025}
status: adopted
classification: limited
delegation: EU Delegation to Ghana
consultations:
  - date: 2020-11-24
    participants: INTERNAL-CONSULTATION-2b02 in Accra.
context: INTERNAL-CONTEXT-7f3b about Ghana.
gender_analysis: INTERNAL-GENDER-ANALYSIS-3c02 about Ghana.
priorities:
  - id: P1
    objective: 1.1.j
    title: Public title of Ghana's priority
    rationale: INTERNAL-RATIONALE-4d03 why.
    gender:
      marker: 2
      approach: INTERNAL-APPROACH-5e03 how.
    actions:
      - text: INTERNAL-ACTION-8b03 fund prevention.
        instruments: [eu-funding-programmes]
    indicators:
      - text: INTERNAL-INDICATOR-9c10 survivors served
        baseline: INTERNAL-BASELINE-9c11 none
        target: INTERNAL-TARGET-9c12 many
        source: INTERNAL-SOURCE-9c13 partners
        disaggregation: [sex, age]
"""

PROGRESS = """\
# INTERNAL-COMMENT-1a05
hrdplan: 2
kind: progress
strategy: ../../strategies/ke-2027-2031.yaml
year: {year}
status: submitted
summary: INTERNAL-SUMMARY-{year} the year.
consultations:
  - date: {year}-06-02
    participants: INTERNAL-PROGRESS-CONSULTATION-{year} in Nairobi.
gender_results: INTERNAL-GENDER-RESULTS-{year} a desk opened.
priorities:
  - id: P1
    status: on-track
    narrative: INTERNAL-NARRATIVE-P1-{year} what happened.
    indicators:
      - id: P1.1
        actual: 14
        source: INTERNAL-PROGRESS-SOURCE-{year} mechanism data
        note: INTERNAL-NOTE-{year} fewer cases.
      - id: P1.2
        actual: INTERNAL-ACTUAL-{year} kinder words
  - id: P2
    status: achieved
    narrative: INTERNAL-NARRATIVE-P2-{year} the elections went well.
    indicators:
      - id: P2.1
        actual: 66
"""
YEARS = (2028, 2029)
SENTINEL = re.compile(r"INTERNAL-[A-Za-z0-9-]*[A-Za-z0-9]")


def hostile_repository(root: Path) -> Path:
    (root / "strategies").mkdir(parents=True)
    (root / "strategies" / "ke-2027-2031.yaml").write_text(FORMAT_2, encoding="utf-8")
    (root / "strategies" / "gh-2021-2025.yaml").write_text(FORMAT_1, encoding="utf-8")
    folder = root / "progress" / "ke-2027-2031"
    folder.mkdir(parents=True)
    for year in YEARS:
        (folder / f"{year}.yaml").write_text(PROGRESS.format(year=year), encoding="utf-8")
    return root


SENTINELS = sorted(set(SENTINEL.findall(FORMAT_2 + FORMAT_1 + PROGRESS.format(year=YEARS[0]))))


# -- the examples' internal texts --------------------------------------------------------------


def _texts(data: Any, keys: frozenset[str]) -> Iterator[str]:
    """Every text under one of `keys`, at any depth (a priority's rationale, an action's text)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in keys and isinstance(value, str):
                yield value
            elif key in keys and isinstance(value, dict) and isinstance(value.get("value"), str):
                yield value["value"]  # a text indicator's baseline or target
            else:
                yield from _texts(value, keys)
    elif isinstance(data, list):
        for item in data:
            yield from _texts(item, keys)


# What a strategy holds that its extract does not (README, "Markings"): a gender objective is
# under `gender:`, as the catalogue objective's text is not in the file.
INTERNAL_KEYS = frozenset(
    {
        "context",
        "gender_analysis",
        "participants",
        "rationale",
        "approach",
        "objective",
        "do_no_harm",
        "text",
        "source",
        "baseline",
        "target",
        "what",
        "why",
        "summary",
        "narrative",
        "note",
        "gender_results",
    }
)


def example_fragments() -> list[str]:
    """The first eight words of every internal text of the examples, flattened."""
    fragments = set()
    for path in sorted(EXAMPLES.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for priority in data.get("priorities", []):
            priority.pop("objective", None)  # a catalogue code, not a text of the file
        for text in _texts(data, INTERNAL_KEYS):
            words = flat(text).split()
            if len(words) >= 4:  # shorter ones ("sex", a year's figure) are not telling
                fragments.add(" ".join(words[:8]))
    return sorted(fragments)


# -- reading the documents back ----------------------------------------------------------------


def flat(text: str) -> str:
    """Words only: markup, escapes, punctuation and line breaks (a PDF's wrapping at a hyphen)
    do not hide a text."""
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def texts_of(path: Path) -> tuple[list[str], list[str]]:
    """What a reader sees of a document, and the document as written (for Word, every part of
    its zip: the core properties too)."""
    if path.suffix == ".html":
        raw = path.read_text(encoding="utf-8")
        return [html.unescape(re.sub(r"<[^>]+>", " ", raw))], [raw]
    if path.suffix == ".md":
        return [path.read_text(encoding="utf-8")], []
    if path.suffix == ".docx":
        from docx import Document

        document = Document(str(path))
        seen = [p.text for p in document.paragraphs]
        for table in document.tables:
            seen += [cell.text for row in table.rows for cell in row.cells]
        for section in document.sections:
            for part in (section.header, section.footer):
                seen += [p.text for p in part.paragraphs]
        with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
            parts = [archive.read(name).decode("utf-8", "replace") for name in archive.namelist()]
        return ["\n".join(seen)], parts
    assert path.suffix == ".pdf"
    pdftotext = shutil.which("pdftotext")
    assert pdftotext is not None
    done = subprocess.run([pdftotext, str(path), "-"], check=True, capture_output=True, timeout=120)
    return [done.stdout.decode()], []


def own_marking_mentions(lang: str = "en") -> list[str]:
    """How the title block of an extract names the strategy's own marking: the one place it
    may stand, as the strategy's, not the extract's."""
    said = labels()[lang]["strategy_marked"]
    return [flat(f"{said} {m}") for m in ("LIMITE", "RESTREINT UE/EU RESTRICTED")]


def leaks(path: Path, secrets: list[str]) -> list[str]:
    """The secrets found in a document, and a marking it carries as its own."""
    seen, raw = texts_of(path)
    texts = [flat(text) for text in seen + raw]  # once, not once per secret
    found = [s for s in secrets if any(flat(s) in text for text in texts)]
    for text in seen:
        words = flat(text)
        for mention in own_marking_mentions():
            words = words.replace(mention, " ")
        found += [m for m in MARKINGS if flat(m) in words]
    return sorted(set(found))


# -- rendering once per module -----------------------------------------------------------------


def render(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [str(a) for a in args], env={"NO_COLOR": "1"})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hostile_repository(tmp_path_factory.mktemp("hostile"))


class PerFormat(dict[str, T]):
    """Each format's documents, made when a test first asks for them: a run without the pdf
    tests makes no PDF."""

    def __init__(self, make: Callable[[str], T]) -> None:
        super().__init__()
        self._make = make

    def __missing__(self, fmt: str) -> T:
        self[fmt] = made = self._make(fmt)
        return made


@pytest.fixture(scope="module")
def extracts(tmp_path_factory: pytest.TempPathFactory, hostile: Path) -> PerFormat[Path]:
    """The hostile repository's strategies as extracts, in each format (md, html, docx, pdf)."""
    out = tmp_path_factory.mktemp("extracts")

    def make(fmt: str) -> Path:
        code, _, stderr = render(
            "render", hostile / "strategies", "--public", "--format", fmt, "--out", out / fmt
        )
        assert code == 0, stderr
        return out / fmt

    return PerFormat(make)


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> PerFormat[tuple[Path, int, str]]:
    """Every example, strategies and progress folders, as extracts in each format (Tunisia's
    is in consultation: a draft extract)."""
    out = tmp_path_factory.mktemp("examples")

    def make(fmt: str) -> tuple[Path, int, str]:
        args = (EXAMPLES, EXAMPLES / "progress", "--public", "--draft-extract", "--format", fmt)
        code, _, stderr = render("render", *args, "--out", out / fmt)
        return (out / fmt, code, stderr)

    return PerFormat(make)


# -- the tests ---------------------------------------------------------------------------------


def test_the_hostile_corpus_has_its_sentinels() -> None:
    """The sentinels are each unique and each is in a text of its own field."""
    assert len(SENTINELS) >= 40
    for sentinel in SENTINELS:
        assert (FORMAT_2 + FORMAT_1 + PROGRESS.format(year=YEARS[0])).count(sentinel) == 1


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_extract_holds_no_internal_text_and_no_marking_of_its_own(
    extracts: PerFormat[Path], fmt: str
) -> None:
    written = sorted(p.name for p in extracts[fmt].iterdir())
    assert written == [f"gh-2021-2025.{fmt}", f"ke-2027-2031.{fmt}"]
    for path in extracts[fmt].iterdir():
        assert leaks(path, SENTINELS) == [], path.name
        # What an extract is for stays: the title block and the priorities' titles.
        seen = flat(" ".join(texts_of(path)[0]))
        assert "Public title of the" in seen
        assert labels()["en"]["extract_public"] in seen


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_examples_extracts_hold_nothing_internal(
    examples: PerFormat[tuple[Path, int, str]], fmt: str
) -> None:
    out, code, stderr = examples[fmt]
    progress_files = sorted((EXAMPLES / "progress").rglob("*.yaml"))
    # The progress files are refused, one line each; every strategy has its extract.
    assert code == 2
    assert len(stderr.strip().splitlines()) == len(progress_files), stderr
    for path in progress_files:
        assert f"{path.parent.name}/{path.name}: {PROGRESS_REFUSED}" in stderr
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted(f"{p.stem}.{fmt}" for p in EXAMPLES.glob("*.yaml"))
    fragments = example_fragments()
    assert len(fragments) > 100
    for path in out.iterdir():
        assert leaks(path, fragments) == [], path.name


def test_the_sentinels_do_reach_the_internal_documents(hostile: Path, tmp_path: Path) -> None:
    """The check can fail: without --public every field's sentinel is in the documents (the
    comments aside, which no document shows)."""
    code, _, stderr = render(
        "render", hostile / "strategies", hostile / "progress", "--format", "md", "--out", tmp_path
    )
    assert code == 0, stderr
    found = set()
    for path in tmp_path.iterdir():
        found.update(leaks(path, SENTINELS))
    shown = {s for s in SENTINELS if not s.startswith("INTERNAL-COMMENT")}
    assert found >= shown
    assert set(MARKINGS) <= found


def test_a_progress_file_alone_is_refused(
    hostile: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(hostile)
    name = "progress/ke-2027-2031/2028.yaml"
    code, stdout, stderr = render("render", name, "--public", "--out", tmp_path / "out")
    assert code == 2
    assert stderr.splitlines() == [f"{name}: {PROGRESS_REFUSED}"]
    assert stdout == "" and not (tmp_path / "out").exists()


def test_a_mixed_call_renders_the_extracts_and_refuses_the_progress_files(
    hostile: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(hostile)
    out = tmp_path / "public"
    code, stdout, stderr = render("render", "strategies", "progress", "--public", "--out", out)
    assert code == 2
    assert sorted(stderr.splitlines()) == [
        f"progress/ke-2027-2031/{year}.yaml: {PROGRESS_REFUSED}" for year in YEARS
    ]
    assert sorted(p.name for p in out.iterdir()) == ["gh-2021-2025.html", "ke-2027-2031.html"]
    assert sorted(stdout.splitlines()) == sorted(str(p) for p in out.iterdir())


def test_a_progress_file_that_does_not_load_is_refused_as_a_progress_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its strategy missing, it is still a progress report: the same one line."""
    folder = tmp_path / "progress" / "ke-2027-2031"
    folder.mkdir(parents=True)
    (folder / "2028.yaml").write_text(PROGRESS.format(year=2028), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    name = "progress/ke-2027-2031/2028.yaml"
    code, _, stderr = render("render", name, "--public", "--out", tmp_path / "out")
    assert code == 2
    assert stderr.splitlines() == [f"{name}: {PROGRESS_REFUSED}"]
    assert not (tmp_path / "out").exists()


def test_the_portfolio_never_says_it_is_public(hostile: Path, tmp_path: Path) -> None:
    """The portfolio is internal (it has no --public): of public strategies alone it carries
    no marking, and says of itself neither that it is public nor that it is an extract; of
    the hostile repository it carries the highest marking, RESTREINT UE/EU RESTRICTED."""
    public = tmp_path / "ke-2027-2031.yaml"
    public.write_text(
        FORMAT_2.replace("classification: restricted", "classification: public"),
        encoding="utf-8",
    )
    t = labels()["en"]
    code, portfolio, stderr = render("report", public, "--format", "md")
    assert code == 0, stderr
    for claim in ("unmarked", "extract_public", "extract_draft", "strategy_unmarked"):
        assert flat(t[claim]) not in flat(portfolio), claim
    code, portfolio, stderr = render("report", hostile / "strategies", "--format", "md")
    assert code == 0, stderr
    assert portfolio.splitlines()[0] == "**RESTREINT UE/EU RESTRICTED**"
