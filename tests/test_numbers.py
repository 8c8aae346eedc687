"""Numbers that are finite: a value a float cannot hold (a 4,000-digit integer, .inf, .nan) is
refused where the file is read, at its line and column, and no share of the way is NaN or
infinite; JSON output never holds NaN or Infinity."""

from __future__ import annotations

import json
import math
import re
import shutil
from pathlib import Path

import pytest
from conftest import Run
from lintutil import REGISTRY, SELECTION, at, only, overlay
from pydantic import BaseModel, ValidationError

from hrdplan.findings import Finding
from hrdplan.io.text import json_text
from hrdplan.lint.runner import lint_text
from hrdplan.strategy import measures
from hrdplan.strategy.model import MeasuredIndicator, Measurement
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


# -- the share of the way, never NaN or infinite ------------------------------------------------


def _indicator(baseline: float, target: float, direction: str = "increase") -> MeasuredIndicator:
    return MeasuredIndicator.model_validate(
        {
            "id": "P1.1",
            "text": "Cases",
            "kind": "number",
            "direction": direction,
            "baseline": {"value": baseline, "year": 2026},
            "milestones": [{"value": 0, "year": 2028}],
            "target": {"value": target, "year": 2031},
        }
    )


@pytest.mark.parametrize(
    ("baseline", "target", "actual"),
    [
        (-1.0e308, 1.0e308, 1.0e308),  # the span overflows
        (-1.0e308, 1.0e308, 0),
        (-1.0e308, 0, 1.7e308),  # the span holds, the way come does not
        (1.0e308, -1.0e308, -1.0e308),
    ],
)
def test_a_share_that_is_not_finite_is_undefined(
    baseline: float, target: float, actual: float
) -> None:
    indicator = _indicator(baseline, target)
    assert measures.share(indicator, actual) is None
    assert measures.standing(indicator, 2029, actual) is None
    expected = measures.expected_share(indicator, 2029)
    assert expected is None or math.isfinite(expected)


def test_the_reason_a_share_is_undefined_is_said() -> None:
    assert "too far apart" in str(measures.no_share(_indicator(-1.0e308, 1.0e308)))
    assert measures.no_share(_indicator(0, 10)) is None
    assert measures.no_share(_indicator(0, 10), 5) is None
    assert "too far" in str(measures.no_share(_indicator(-1.0e308, 0), 1.7e308))
    assert measures.no_share(_indicator(0, 10, "maintain")) is None


def test_shares_that_hold_are_unchanged() -> None:
    indicator = _indicator(10, 20)
    assert measures.share(indicator, 15) == 0.5
    assert measures.share(indicator, 5) == -0.5
    assert measures.standing(indicator, 2031, 25) == "achieved"


def test_json_text_refuses_nan_and_infinity() -> None:
    for bad in (float("nan"), float("inf"), -float("inf")):
        with pytest.raises(ValueError):
            json_text({"share": bad})
    assert json.loads(json_text({"share": 1.5e308})) == {"share": 1.5e308}


def _no_constants(name: str) -> None:
    raise AssertionError(f"{name} in JSON output")


def span_case(tmp_path: Path, actual: str) -> Path:
    """The fixture with P2.1 from -1.0e+308 to 1.0e+308 (a span no float holds), and its 2028
    actual as given."""
    folder = tmp_path / "span"
    shutil.copytree(FORMAT2, folder)
    strategy = folder / "strategies" / STRATEGY.name
    text = strategy.read_text(encoding="utf-8")
    text = text.replace("{value: 1200, year: 2026}", "{value: -1.0e+308, year: 2026}", 1)
    text = text.replace("{value: 2400, year: 2031}", "{value: 1.0e+308, year: 2031}", 1)
    strategy.write_text(text, encoding="utf-8")
    report = folder / "progress" / STRATEGY.stem / PROGRESS.name
    report.write_text(
        report.read_text(encoding="utf-8").replace("actual: 1500", f"actual: {actual}", 1),
        encoding="utf-8",
    )
    return strategy


@pytest.mark.parametrize("actual", ["1.0e+308", "0", "-1.0e+308"])
def test_progress_show_json_is_json_when_the_span_overflows(
    cli: Run, tmp_path: Path, actual: str
) -> None:
    result = cli("progress", "show", span_case(tmp_path, actual), "--format", "json")
    assert result.code == 0, result
    data = json.loads(result.stdout, parse_constant=_no_constants)
    (item,) = [i for i in data["indicators"] if i["id"] == "P2.1"]
    assert item["share"] is None and item["standing"] is None


def test_progress_show_says_why_there_is_no_share(cli: Run, tmp_path: Path) -> None:
    result = cli("progress", "show", span_case(tmp_path, "1.0e+308"))
    assert result.code == 0, result
    assert "nan" not in result.stdout.lower() and "inf" not in result.stdout.lower()
    (line,) = [x for x in result.stdout.splitlines() if "2028  actual" in x and "+308" in x]
    assert "no share of the way" in line


# -- progress show at a terminal ----------------------------------------------------------------


def away_case(tmp_path: Path) -> Path:
    """The fixture with P2.1's 2028 actual below its baseline: it moved away from the target."""
    strategy = span_case(tmp_path, "1000")
    text = strategy.read_text(encoding="utf-8")
    text = text.replace("{value: -1.0e+308, year: 2026}", "{value: 1200, year: 2026}", 1)
    strategy.write_text(text.replace("{value: 1.0e+308,", "{value: 2400,", 1), encoding="utf-8")
    return strategy


@pytest.mark.parametrize("columns", ["80", "120", "40"])
def test_progress_show_does_not_pad_lines(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    result = cli("progress", "show", away_case(tmp_path))
    assert result.code == 0, result
    lines = result.stdout.splitlines()
    assert [x for x in lines if x != x.rstrip()] == []
    assert max(len(x) for x in lines) <= int(columns)
    assert "P2.1" in result.stdout and "2028" in result.stdout


def test_progress_show_says_moved_away_not_a_negative_share(cli: Run, tmp_path: Path) -> None:
    strategy = away_case(tmp_path)
    result = cli("progress", "show", strategy)
    (line,) = [x for x in result.stdout.splitlines() if "2028  actual" in x and "1,000" in x]
    assert "moved away from the target" in line and "-17%" not in line
    data = json.loads(cli("progress", "show", strategy, "--format", "json").stdout)
    (item,) = [i for i in data["indicators"] if i["id"] == "P2.1"]
    assert item["share"] == -0.1667 and item["standing"] == "off-track"


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_documents_say_moved_away_not_a_negative_share(cli: Run, tmp_path: Path, fmt: str) -> None:
    away_case(tmp_path)
    report = tmp_path / "span" / "progress" / STRATEGY.stem / PROGRESS.name
    result = cli("render", report, "--format", fmt, "--out", tmp_path / "out")
    assert result.code == 0, result
    (document,) = (tmp_path / "out").iterdir()
    text = document.read_text(encoding="utf-8")
    assert text.count("moved away from the target") >= 2  # the indicator, the gender results
    assert "-16" not in text and "−16" not in text


def test_a_number_longer_than_python_writes_out_is_described() -> None:
    huge = 10**5000  # more digits than Python converts to text
    assert measures.number(huge) is None
    with pytest.raises(ValidationError, match="thousands of digits"):
        Measurement.model_validate({"value": huge, "year": 2028})


def test_large_values_are_shown_with_an_exponent() -> None:
    assert measures.shown(1.0e308, "number") == "1e+308"
    assert measures.shown(-2.5e20, "number") == "-2.5e+20"
    assert measures.shown(1234567.891, "number") == "1,234,567.89"
    assert measures.shown(35.0, "percent") == "35%"


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_documents_say_why_there_is_no_share(cli: Run, tmp_path: Path, fmt: str) -> None:
    span_case(tmp_path, "1.0e+308")
    report = tmp_path / "span" / "progress" / STRATEGY.stem / PROGRESS.name
    result = cli("render", report, "--format", fmt, "--out", tmp_path / "out")
    assert result.code == 0, result
    (document,) = (tmp_path / "out").iterdir()
    text = document.read_text(encoding="utf-8")
    assert "figures too far apart for a share" in text
    assert not re.search(r"\bnan\b|\binf\b", text, re.IGNORECASE)
