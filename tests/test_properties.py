"""Property-based tests: whatever YAML or strategy-shaped data a contributor pushes, lint
answers with findings that point inside the file, and never raises."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest
import yaml
from conftest import EXAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hrdplan.lint.runner import Selection, lint_text
from hrdplan.registry import Registry

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


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(PATHS), values), min_size=1, max_size=4))
def test_a_strategy_with_any_value_anywhere_gives_findings_inside_the_file(
    changes: list[tuple[tuple[Any, ...], Any]],
) -> None:
    data = copy.deepcopy(EXAMPLE)
    for path, value in changes:
        target = data
        try:
            for step in path[:-1]:
                target = target[step]
            target[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change replaced the container
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
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
    assert lint_text(text, "example.yaml", REGISTRY, Selection()) == []


pytestmark = pytest.mark.filterwarnings("error")
