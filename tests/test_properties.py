"""Property-based tests: whatever YAML or strategy-shaped data a contributor pushes, lint
answers with findings that point inside the file, and never raises."""

from __future__ import annotations

import copy
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import EXAMPLES, FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hrdplan import inputs
from hrdplan.catalogue.model import Catalogue
from hrdplan.catalogue.registry import Registry
from hrdplan.io.errors import HrdplanError
from hrdplan.io.yamlio import Document
from hrdplan.lint.runner import lint_text
from hrdplan.render.batch import Item, Renderer
from hrdplan.render.environment import Format, Templates, labels
from hrdplan.settings import Selection, Settings
from hrdplan.strategy.migrate import Migrator

REGISTRY = Registry()
EXAMPLE = yaml.safe_load((EXAMPLES / "gh-2021-2025.yaml").read_text(encoding="utf-8"))
SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Characters that matter to YAML's grammar, plus a little text and the odd troublemaker.
YAML_ALPHABET = st.sampled_from(
    list(":-?[]{},#&*!|>'\"%@`\n\t ") + list("abhrdplan019.") + ["\u202e", "\x1b", "é", "\ufeff"]
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.sampled_from(["1.1.a", "2.2.c", "5.2.a", "GH", "NO", "DE", "draft", "adopted", "TODO:"]),
    st.dates(),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner),
    max_leaves=12,
)


def assert_inside(text: str, findings: list[Any]) -> None:
    # Lines as editors count them: NEL, LS and PS are characters, not line breaks.
    lines = re.split("\r\n|\r|\n", text)
    for finding in findings:
        assert 1 <= finding.line <= len(lines), finding
        assert 1 <= finding.column <= len(lines[finding.line - 1]) + 1, finding


@SETTINGS
@given(st.text(YAML_ALPHABET, max_size=300))
def test_any_text_gives_findings_inside_the_file(text: str) -> None:
    findings = lint_text(text, "random.yaml", REGISTRY, Selection())
    assert_inside(text, findings)


@SETTINGS
@given(st.text(YAML_ALPHABET, max_size=300))
def test_any_text_is_rendered_or_migrated_or_refused_in_words(text: str) -> None:
    problems, document = render(text, "md")
    assert (document is None) == bool(problems)
    try:
        Migrator(REGISTRY, None).plan(*sound(text, "random.yaml", REGISTRY))
    except HrdplanError as err:  # a one-line problem for the user, not a crash
        assert err.lines() and all(line.startswith("random.yaml") for line in err.lines())


def sound(text: str, name: str, registry: Registry) -> tuple[Document, Catalogue]:
    """The document and catalogue of a sound strategy, as migrate gets them; else InputError."""
    found = inputs.strategy_text(text, name, Settings(registry=registry))
    return found.loaded.doc, found.catalogue


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key path of a document, so that any value in it can be replaced."""
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


PATHS = _paths(EXAMPLE)[1:]


def mutated(changes: list[tuple[tuple[Any, ...], Any]]) -> str:
    """The example with the given values put at the given key paths, as YAML."""
    data = copy.deepcopy(EXAMPLE)
    for path, value in changes:
        target = data
        try:
            for step in path[:-1]:
                target = target[step]
            target[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change replaced the container
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(PATHS), values), min_size=1, max_size=4))
def test_a_strategy_with_any_value_anywhere_gives_findings_inside_the_file(
    changes: list[tuple[tuple[Any, ...], Any]],
) -> None:
    text = mutated(changes)
    findings = lint_text(text, "mutated.yaml", REGISTRY, Selection())
    assert_inside(text, findings)


@SETTINGS
@given(st.dictionaries(st.sampled_from(sorted(EXAMPLE)), values, max_size=8))
def test_a_strategy_shaped_mapping_never_raises(data: dict[str, Any]) -> None:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    assert_inside(text, lint_text(text, "shaped.yaml", REGISTRY, Selection()))


def test_the_unchanged_example_has_no_findings() -> None:
    # The baseline the mutations start from: any finding above comes from the change.
    text = yaml.safe_dump(EXAMPLE, sort_keys=False, allow_unicode=True)
    # HRD008 (information) would say the example is in format 1: not a finding of a change.
    assert lint_text(text, "example.yaml", REGISTRY, Selection(ignore=("HRD008",))) == []


pytestmark = pytest.mark.filterwarnings("error")


# migrate: a round trip up the fixture chain (renames at 2.0.0 and 3.0.0) and back down gives
# the author's file back byte for byte, whatever the quoting and comments.
VERSIONED = Registry([FIXTURES / "catalogues" / "versions"])
QUOTES = st.sampled_from(["", "'", '"'])


@st.composite
def versioned_strategies(draw: st.DrawFn) -> str:
    out = [
        "# a comment\n" * draw(st.integers(0, 2)),
        f"hrdplan: 1\ncatalogue: {draw(QUOTES).join(['', 'test-plan@1.0.0', ''])}\n",
        "country: KE\ntitle: Kenya\nperiod: {start: 2021, end: 2025}\nstatus: draft\n",
        "classification: restricted\ndelegation: EU Delegation to Kenya\npriorities:\n",
    ]
    codes = draw(st.lists(st.sampled_from(["1.1.a", "1.1.b", "1.2.a", "2.1.a"]), min_size=1))
    for index, code in enumerate(codes):
        quote = draw(QUOTES)
        instruments = draw(
            st.lists(st.sampled_from(["public-diplomacy", "human-rights-dialogue"]), max_size=3)
        )
        quotes = [draw(QUOTES) for _ in instruments]
        listed = ", ".join(f"{q}{ident}{q}" for ident, q in zip(instruments, quotes, strict=True))
        blank = "\n" if draw(st.booleans()) else ""
        out.append(
            f"  - id: P{index}{blank}\n    objective: {quote}{code}{quote}   # why\n"
            f"    title: T\n    actions:\n      - text: A\n        instruments: [{listed}]\n"
        )
    return "".join(out)


@SETTINGS
@given(versioned_strategies())
def test_migrate_up_and_down_gives_the_file_back(text: str) -> None:
    up = Migrator(VERSIONED, "3.0.0").plan(*sound(text, "s.yaml", VERSIONED))
    migrated = up.text()
    assert sound(migrated, "s.yaml", VERSIONED)
    assert len(migrated.splitlines()) == len(text.splitlines())
    assert "test-plan@3.0.0" in migrated
    assert "1.1.b" not in migrated and "public-diplomacy" not in migrated
    down = Migrator(VERSIONED, "1.0.0").plan(*sound(migrated, "s.yaml", VERSIONED))
    assert down.refusals == []
    assert down.text() == text


# render: a document for every sound strategy, a one-line problem for every other one.
RENDERERS = {
    fmt: Renderer(Settings(REGISTRY), Templates(fmt), fmt=fmt, lang=None, public=False, force=True)
    for fmt in ("html", "md")
}


def render(text: str, fmt: Format) -> tuple[list[str], str | None]:
    """Render text as a strategy file through the command's own path: (problems, document)."""
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder) / "s.yaml", Path(folder) / f"s.{fmt}"
        source.write_text(text, encoding="utf-8")
        outcome = RENDERERS[fmt](Item(source, "s.yaml", target))
        assert not outcome.fatal, outcome.lines  # a template failure is our bug
        return outcome.lines, target.read_text(encoding="utf-8") if target.exists() else None


@SETTINGS
@given(
    st.lists(st.tuples(st.sampled_from(PATHS), values), min_size=1, max_size=3),
    st.sampled_from(["html", "md"]),
)
def test_render_gives_a_document_or_problems_naming_the_file(
    changes: list[tuple[tuple[Any, ...], Any]], fmt: Format
) -> None:
    problems, document = render(mutated(changes), fmt)
    assert (document is None) == bool(problems)
    assert all(line.startswith("s.yaml:") for line in problems), problems


def test_a_migrated_strategy_renders_the_same() -> None:
    # 1.0.0 -> 1.2.0 extends the plan period (1.1.0), corrects a Dutch typing error (1.1.1) and
    # adds the gender action plan (1.2.0): apart from the pin, the monitoring timeline (drawn
    # over the plan period), the HRD007 note and the gender areas' names (ids where the
    # catalogue has no gender plan, titles where it has), the English document must not change.
    text = (EXAMPLES / "gh-2021-2025.yaml").read_text(encoding="utf-8")
    old = text.replace("eu-hrd-2020-2024@1.2.0", "eu-hrd-2020-2024@1.0.0")
    migrated = Migrator(REGISTRY, "1.2.0").plan(*sound(old, "s.yaml", REGISTRY)).text()
    assert migrated == text
    t = labels()["en"]
    kept = []
    for version in (old, migrated):
        problems, document = render(version, "md")
        assert problems == [] and document is not None
        areas = f"**{t['gap_areas']}**"
        lines = [line for line in document.splitlines() if not line.startswith(areas)]
        # The plan's extension to 2027 (1.1.0) is named in the title block.
        shown = "\n".join(lines).replace("@1.0.0", "@1.2.0").replace(", extended to 2027", "")
        sections = [re.sub(r"^\d+ ", "", s) for s in shown.split("\n## ")]
        kept.append([s for s in sections if not s.startswith((t["monitoring"], t["open_points"]))])
    assert len(kept[0]) == len(kept[1]) >= 6
    assert kept[0] == kept[1]
