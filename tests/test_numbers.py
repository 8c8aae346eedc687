"""Numbers that are finite: a value a float cannot hold (a 4,000-digit integer, .inf, .nan) is
refused where the file is read, at its line and column, and no share of the way is NaN or
infinite; JSON output never holds NaN or Infinity."""

from __future__ import annotations

from pathlib import Path

import pytest
from lintutil import REGISTRY, SELECTION, at, only, overlay
from pydantic import BaseModel, ValidationError

from hrdplan.lint.model import Finding
from hrdplan.lint.runner import lint_text
from hrdplan.strategy.model import Measurement
from hrdplan.strategy.progress import IndicatorProgress

FORMAT2 = Path(__file__).parent / "fixtures" / "format2"
STRATEGY = FORMAT2 / "strategies" / "xx-2027-2031.yaml"
PROGRESS = FORMAT2 / "progress" / "xx-2027-2031" / "2028.yaml"
STRATEGY_TEXT = STRATEGY.read_text(encoding="utf-8")
PROGRESS_TEXT = PROGRESS.read_text(encoding="utf-8")
HUGE = "9" * 4000

# What a float cannot hold, as YAML writes it, and what the message says it is.
UNHOLDABLE = [
    (HUGE, "a number of 4,000 digits"),
    (f"-{HUGE}", "a number of 4,000 digits"),
]
# YAML's own infinities and NaN, which the reader refuses before any model (HRD001), and the
# models again when they come from elsewhere.
NOT_FINITE = [".inf", "-.inf", ".nan", "1.0e+400"]


def lint_at(text: str, path: Path) -> list[Finding]:
    return lint_text(text, path.name, REGISTRY, SELECTION, path=path)


@pytest.mark.parametrize(("value", "said"), UNHOLDABLE)
def test_an_actual_a_float_cannot_hold_is_a_schema_finding(value: str, said: str) -> None:
    text = PROGRESS_TEXT.replace("actual: 1500", f"actual: {value}", 1)
    findings = lint_at(text, PROGRESS)
    schema = only(findings, "HRD003")
    assert len(schema) == 1, findings
    assert (schema[0].line, schema[0].column) == at(text, value, after="actual: ")
    assert said in schema[0].message
    assert "priorities[1].indicators[0].actual" in schema[0].message
    assert HUGE not in schema[0].message  # the number is described, not repeated


@pytest.mark.parametrize(("value", "said"), UNHOLDABLE)
@pytest.mark.parametrize("where", ["baseline", "target"])
def test_a_strategy_value_a_float_cannot_hold_is_a_schema_finding(
    value: str, said: str, where: str
) -> None:
    old = {"baseline": "{value: 1200, year: 2026}", "target": "{value: 2400, year: 2031}"}[where]
    new = old.replace(old.split(",")[0][len("{value: ") :], value)
    text = STRATEGY_TEXT.replace(f"{where}: {old}", f"{where}: {new}", 1)
    assert text != STRATEGY_TEXT
    schema = only(lint_at(text, STRATEGY), "HRD003")
    assert len(schema) == 1, schema
    # At the measurement: inside the union with a placeholder, its value has no place of its own.
    assert (schema[0].line, schema[0].column) == at(text, "{value: " + value, after=f"{where}: ")
    assert said in schema[0].message and f"{where}: its value must be finite" in schema[0].message


@pytest.mark.parametrize("value", NOT_FINITE)
def test_a_value_that_is_not_finite_is_refused_at_its_place(value: str) -> None:
    text = PROGRESS_TEXT.replace("actual: 1500", f"actual: {value}", 1)
    (finding,) = [f for f in lint_at(text, PROGRESS) if f.severity.value == "error"]
    assert (finding.line, finding.column) == at(text, value, after="actual: ")
    assert "finite" in finding.message


@pytest.mark.parametrize(
    ("value", "said"),
    [(float("inf"), "not infinity"), (-float("inf"), "not infinity"), (float("nan"), "(.nan)")],
)
@pytest.mark.parametrize("model", [Measurement, IndicatorProgress])
def test_the_models_refuse_what_is_not_finite(
    value: float, said: str, model: type[BaseModel]
) -> None:
    data = {"value": value, "year": 2028} if model is Measurement else {"id": "P1", "actual": value}
    with pytest.raises(ValidationError) as err:
        model.model_validate(data)
    assert said in str(err.value) and "finite" in str(err.value)


def test_a_format_1_measure_a_float_cannot_hold_is_a_schema_finding() -> None:
    text = (Path(__file__).parents[1] / "examples" / "tn-2021-2025.yaml").read_text("utf-8")
    assert "hrdplan: 1" in text
    first = text.index("baseline: ")
    end = text.index("\n", first)
    text = text[:first] + f"baseline: {HUGE}" + text[end:]
    schema = only(lint_text(text, "tn.yaml", REGISTRY, SELECTION), "HRD003")
    assert len(schema) == 1 and "4,000 digits" in schema[0].message, schema


@pytest.mark.parametrize("value", ["1.7976931348623157e+308", "-1.0e+308", "0.5", "12", "true"])
def test_values_a_float_holds_are_read(value: str) -> None:
    text = PROGRESS_TEXT.replace("actual: 1500", f"actual: {value}", 1)
    assert not only(lint_at(text, PROGRESS), "HRD003")


def test_the_fixture_is_unchanged_by_the_check() -> None:
    assert not only(lint_at(STRATEGY_TEXT, STRATEGY), "HRD003")
    assert not only(lint_at(overlay(PROGRESS_TEXT, ""), PROGRESS), "HRD003")
