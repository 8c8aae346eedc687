"""`hrdplan migrate --format 2`: format 1 strategies upgraded to format 2, everything the
authors wrote outside the indicators and the new gender fields kept (tests/fixtures/format1 are
the examples as they were in format 1)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, Run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hrdplan.io.validate import check
from hrdplan.io.yamledit import RoundTrip, indentation
from hrdplan.io.yamlio import parse
from hrdplan.lint.runner import lint_text
from hrdplan.settings import build
from hrdplan.strategy.model import StrategyV2
from hrdplan.strategy.upgrade import (
    DIRECTION_PLACEHOLDER,
    GENDER_PLACEHOLDERS,
    KIND_PLACEHOLDER,
    Reading,
    infer_kind,
    read_measure,
    upgrade,
)

FORMAT1 = sorted((FIXTURES / "format1").glob("*.yaml"))
GH = FIXTURES / "format1" / "gh-2021-2025.yaml"


def _upgraded(text: str, name: str = "s.yaml") -> str:
    return upgrade(parse(text, name)).text


def _indicator_blocks(text: str) -> set[int]:
    """The 0-based numbers of the lines of every indicator: from its first key to the line
    before the next line of content indented less than its keys."""
    doc = parse(text, "s.yaml")
    lines = text.split("\n")
    inside: set[int] = set()
    for path, pos in doc.positions.items():
        if len(path) != 4 or path[0] != "priorities" or path[2] != "indicators":
            continue
        start, column = pos.line - 1, pos.column - 1
        end = start + 1
        while end < len(lines):
            line = lines[end]
            content = line.strip() and not line.lstrip().startswith("#")
            if content and len(line) - len(line.lstrip(" ")) < column:
                break
            end += 1
        inside.update(range(start, end))
    return inside


def _gender_lines(text: str) -> set[int]:
    """The 0-based numbers of the lines of the gender fields `migrate` adds (one line each)."""
    doc = parse(text, "s.yaml")
    return {
        pos.line - 1
        for path, pos in doc.key_positions.items()
        if len(path) == 4 and path[2] == "gender" and path[3] in GENDER_PLACEHOLDERS
    }


def _outside(text: str) -> list[str]:
    skipped = _indicator_blocks(text) | _gender_lines(text)
    return [
        line
        for n, line in enumerate(text.split("\n"))
        if n not in skipped and not line.startswith("hrdplan:")
    ]


def _without_added_gender(priority: dict[str, Any]) -> dict[str, Any]:
    """A migrated priority as it was, but for its indicators: the added gender fields, which
    must be the placeholders, taken out."""
    out = {k: v for k, v in priority.items() if k != "indicators"}
    gender = out.get("gender")
    if isinstance(gender, dict):
        for key, text in GENDER_PLACEHOLDERS.items():
            assert gender[key] == ([text] if key == "gap" else text)
        out["gender"] = {k: v for k, v in gender.items() if k not in GENDER_PLACEHOLDERS}
    return out


def _comments(text: str) -> list[str]:
    # The fixtures hold `#` in comments only, never in their texts.
    return [line[line.index("#") :].strip() for line in text.split("\n") if "#" in line]


# --- reading format 1 measures --------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12 (2020)", Reading(12, "number", 2020)),
        ("35% (2025)", Reading(35, "percent", 2025)),
        ("0 (2025)", Reading(0, "number", 2025)),
        ("yes (2021)", Reading(True, "yes-no", 2021)),
        ("No (2021)", Reading(False, "yes-no", 2021)),
        ("62.5 % (2020)", Reading(62.5, "percent", 2020)),
        ("12", Reading(12, "number", None)),
        (12, Reading(12, "number", None)),
        (0.5, Reading(0.5, "number", None)),
    ],
)
def test_measures_that_say_one_thing_are_read(raw: object, expected: Reading) -> None:
    assert read_measure(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "12 (around 2020)",
        "1,200 (2020)",
        "40 of 275 (2021)",
        "at least 55 of 275 (2025)",
        "80% of children identified (2025)",
        "12 (0999)",
        "maybe (2021)",
        "",
    ],
)
def test_ambiguous_measures_are_not_read(raw: str) -> None:
    assert read_measure(raw) is None


def test_kind_is_what_every_value_agrees_on() -> None:
    number, percent = Reading(0, "number", 2021), Reading(35, "percent", 2025)
    yes = Reading(True, "yes-no", 2025)
    assert infer_kind([number, number]) == "number"
    assert infer_kind([number, percent]) == "percent"  # 0 beside 35% is 0%
    assert infer_kind([yes]) == "yes-no"
    assert infer_kind([number, yes]) is None
    assert infer_kind([number, None]) is None  # one value unread: the kind is not sure
    assert infer_kind([]) is None


# --- the upgrade -------------------------------------------------------------------------


def test_indicators_get_ids_kinds_directions_and_values() -> None:
    data = parse(_upgraded(GH.read_text(encoding="utf-8")), "gh.yaml").data
    assert data["hrdplan"] == 2
    first = data["priorities"][0]["indicators"][0]
    assert list(first)[:4] == ["id", "text", "kind", "direction"]
    assert first["id"] == "P1.1"
    assert first["kind"] == "number"
    assert first["direction"] == "increase"
    assert first["baseline"] == {"value": 0, "year": 2021}
    assert first["target"] == {"value": 6000, "year": 2025}
    percent = data["priorities"][0]["indicators"][2]
    assert percent["kind"] == "percent"
    assert percent["baseline"] == {"value": 18, "year": 2021}
    assert "milestones" not in first  # optional: not added


def test_what_cannot_be_read_becomes_a_placeholder_keeping_the_text() -> None:
    data = parse(_upgraded(GH.read_text(encoding="utf-8")), "gh.yaml").data
    mps = data["priorities"][1]["indicators"][0]  # 40 of 275 (2021) -> at least 55 of 275
    assert mps["kind"] == KIND_PLACEHOLDER
    assert mps["direction"] == DIRECTION_PLACEHOLDER
    assert mps["baseline"] == "TODO: 40 of 275 (2021)"
    assert mps["target"] == "TODO: at least 55 of 275 (2025)"
    # A readable baseline stays read beside an unreadable target; the kind is then unsure.
    mixed = data["priorities"][2]["indicators"][1]
    assert mixed["baseline"] == {"value": 0, "year": 2021}
    assert mixed["target"] == "TODO: 80% of children identified (2025)"
    assert mixed["kind"] == KIND_PLACEHOLDER


def _strategy(indicators: str, priority_id: str = "P1", extra: str = "") -> str:
    return f"""\
hrdplan: 1
catalogue: eu-hrd-2020-2024@1.1.1
country: GH
title: T
period: {{start: 2021, end: 2025}}
status: draft
classification: public
delegation: D
priorities:
  - id: {priority_id}
    objective: 1.1.a
    title: A
    indicators:
{indicators}{extra}"""


def test_decrease_maintain_yes_no_and_a_value_without_a_year() -> None:
    text = _strategy(
        "      - text: a\n        baseline: 12 (2020)\n        target: 0 (2025)\n"
        "      - text: b\n        baseline: 62.5 % (2020)\n        target: 62.5% (2025)\n"
        "      - text: c\n        baseline: no (2021)\n        target: yes (2025)\n"
        "      - text: d\n        baseline: 12\n        target: 20 (2025)\n"
        "      - text: e\n        baseline: 12 (2020)\n        target: 140% (2025)\n"
    )
    got = parse(_upgraded(text), "s.yaml").data["priorities"][0]["indicators"]
    assert [i["direction"] for i in got[:3]] == ["decrease", "maintain", "increase"]
    assert [i["kind"] for i in got] == ["number", "percent", "yes-no", "number", "percent"]
    assert got[2]["target"] == {"value": True, "year": 2025}
    assert got[3]["baseline"] == "TODO: 12"  # no year: not guessed
    assert got[3]["direction"] == DIRECTION_PLACEHOLDER
    assert got[4]["target"] == "TODO: 140% (2025)"  # a percentage over 100 does not fit


def test_ids_are_unique_when_priority_ids_repeat() -> None:
    second = (
        "  - id: P1\n    objective: 1.1.b\n    title: B\n    indicators:\n"
        "      - text: c\n        baseline: 1 (2021)\n        target: 2 (2025)\n"
    )
    text = _strategy(
        "      - text: a\n        baseline: 1 (2021)\n        target: 2 (2025)\n"
        "      - text: b\n        baseline: 1 (2021)\n        target: 2 (2025)\n",
        extra=second,
    )
    data = parse(_upgraded(text), "s.yaml").data
    ids = [i["id"] for p in data["priorities"] for i in p["indicators"]]
    assert ids == ["P1.1", "P1.2", "P1.3"]


def test_a_comment_line_stays_above_the_key_it_precedes() -> None:
    text = _strategy(
        "      # the first indicator\n"
        "      - text: a   # what\n"
        "        # baseline from the 2020 survey\n"
        "        baseline: 12 (2020)   # survey\n"
        "        target: 0 (2025)\n"
    )
    lines = _upgraded(text).split("\n")
    at = lines.index("        # baseline from the 2020 survey")
    assert lines[at - 2 : at] == ["        kind: number", "        direction: decrease"]
    assert lines[at + 1].startswith("        baseline: {value: 12, year: 2020}")
    assert lines[at + 1].endswith("# survey")
    assert "      - id: P1.1" in lines
    assert "        text: a   # what" in lines
    assert lines[lines.index("      - id: P1.1") - 1] == "      # the first indicator"


def test_placeholders_left_are_reported_by_lint() -> None:
    text = _upgraded(_strategy("      - text: a\n        baseline: 12 (around 2020)\n"))
    settings = build()
    findings = lint_text(text, "s.yaml", settings.registry, settings.selection)
    placeholders = {f.message for f in findings if f.code == "HRD401"}
    assert any("TODO: 12 (around 2020)" in m for m in placeholders)
    assert any("kind" in m for m in placeholders)


@pytest.mark.parametrize("path", FORMAT1, ids=lambda p: p.name)
def test_every_line_outside_the_indicators_and_the_version_is_kept(path: Path) -> None:
    before = path.read_text(encoding="utf-8")
    after = _upgraded(before, path.name)
    assert _outside(after) == _outside(before)
    assert len(_indicator_blocks(after)) > len(_indicator_blocks(before))
    model, violations = check(StrategyV2, parse(after, path.name))
    assert model is not None, violations


def test_indentation_is_measured_from_the_file() -> None:
    text = "a:\n    b: 1\nlist:\n- x: 1\n  y: 2\n- x: 3\n"
    got = indentation(parse(text, "s.yaml"))
    assert (got.mapping, got.sequence, got.offset) == (4, 2, 0)
    assert RoundTrip(parse(text, "s.yaml")).text() == text


# --- the property: comments and values survive, the result is format 2 -------------------


def _key_lines(text: str) -> list[tuple[int, int]]:
    """(line, indentation) of each line that starts with a key or a `- key`."""
    doc = parse(text, "s.yaml")
    lines = text.split("\n")
    found = set()
    for pos in doc.key_positions.values():
        line = lines[pos.line - 1]
        head = line[: pos.column - 1]
        if not head.strip(" -"):
            found.add((pos.line - 1, len(line) - len(line.lstrip(" "))))
    return sorted(found)


_COMMENT_TEXT = st.text(
    alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyz ABC0123456789.,:;!?'\"-()"),
    max_size=30,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_migrating_keeps_every_comment_and_every_other_value(data: st.DataObject) -> None:
    path = data.draw(st.sampled_from(FORMAT1), label="fixture")
    lines = path.read_text(encoding="utf-8").split("\n")
    keys = _key_lines("\n".join(lines))
    chosen = data.draw(
        st.lists(st.sampled_from(keys), unique=True, max_size=12), label="comment before"
    )
    for n, indent in sorted(chosen, reverse=True):
        words = data.draw(_COMMENT_TEXT, label="comment")
        lines.insert(n, f"{' ' * indent}# {words}".rstrip())
        if data.draw(st.booleans(), label="eol") and lines[n + 1].rstrip().endswith(":"):
            lines[n + 1] += f"  # {words}".rstrip()
    before = "\n".join(lines)
    after = _upgraded(before, path.name)

    assert _comments(after) == _comments(before)
    old, new = parse(before, "a").data, parse(after, "b").data
    assert {k: v for k, v in new.items() if k != "hrdplan"} | {"priorities": None} == {
        k: v for k, v in old.items() if k != "hrdplan"
    } | {"priorities": None}
    for was, now in zip(old["priorities"], new["priorities"], strict=True):
        assert _without_added_gender(now) == {k: v for k, v in was.items() if k != "indicators"}
        for w, n in zip(was.get("indicators", []), now.get("indicators", []), strict=True):
            _same_indicator(w, n)
    model, violations = check(StrategyV2, parse(after, path.name))
    assert model is not None, violations


def _same_indicator(was: dict[str, Any], now: dict[str, Any]) -> None:
    for key in ("text", "source", "disaggregation"):
        assert now.get(key) == was.get(key)
    for key in ("baseline", "target"):
        if key not in was:
            assert key not in now
        elif isinstance(now[key], dict):
            reading = read_measure(was[key])
            assert reading is not None
            assert (now[key]["value"], now[key]["year"]) == (reading.value, reading.year)
        else:
            assert now[key] == f"TODO: {' '.join(str(was[key]).split())}"


# --- the command -------------------------------------------------------------------------


def _copy(tmp_path: Path, source: Path = GH) -> Path:
    target = tmp_path / source.name
    target.write_bytes(source.read_bytes())
    return target


def test_cli_upgrades_and_says_what_it_did(run: Run, tmp_path: Path) -> None:
    path = _copy(tmp_path)
    result = run("migrate", "--format", "2", path.name, cwd=tmp_path)
    assert result.code == 0, result
    assert result.stdout.startswith(f"{path.name}: migrated format 1 -> 2 (14 indicators, ")
    assert "placeholders to fill" in result.stdout
    # Adopted, but no adoption date can be guessed: said, not invented.
    assert "add `adopted: YYYY-MM-DD`" in result.stderr
    assert "adopted:" not in path.read_text(encoding="utf-8")
    assert path.read_text(encoding="utf-8") == _upgraded(GH.read_text(encoding="utf-8"))
    # The pin is not moved by --format alone.
    assert "catalogue: eu-hrd-2020-2024@1.1.1" in path.read_text(encoding="utf-8")


def test_cli_a_file_already_in_format_2_is_left_alone(cli: Run, tmp_path: Path) -> None:
    path = _copy(tmp_path)
    assert cli("migrate", "--format", "2", path).code == 0
    written = path.read_bytes()
    result = cli("migrate", "--format", "2", path)
    assert result.code == 0
    assert "already in format 2" in result.stderr
    assert path.read_bytes() == written


def test_cli_dry_run_prints_a_diff_and_writes_nothing(run: Run, tmp_path: Path) -> None:
    path = _copy(tmp_path)
    before = path.read_bytes()
    result = run("migrate", "--format", "2", "--dry-run", path.name, cwd=tmp_path)
    assert result.code == 0, result
    assert path.read_bytes() == before
    assert result.stdout.startswith(f"--- a/{path.name}\n+++ b/{path.name}\n")
    assert "-hrdplan: 1\n+hrdplan: 2\n" in result.stdout
    assert "+      - id: P1.1\n" in result.stdout
    assert "would migrate format 1 -> 2" in result.stderr


def test_cli_unsound_file_is_refused_untouched(cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(_strategy("      - text: a\n        colour: red\n"), encoding="utf-8")
    before = path.read_bytes()
    result = cli("migrate", "--format", "2", path)
    assert result.code == 2
    assert re.search(r"bad\.yaml:\d+:\d+: error: .*colour", result.stderr), result
    assert path.read_bytes() == before


@pytest.mark.parametrize("value", ["1", "3"])
def test_cli_other_formats_are_refused(cli: Run, tmp_path: Path, value: str) -> None:
    path = _copy(tmp_path)
    result = cli("migrate", "--format", value, path)
    assert result.code == 2
    assert "format 2 only" in result.stderr
    assert path.read_bytes() == GH.read_bytes()


def test_cli_format_and_to_together_repin_and_upgrade(cli: Run, tmp_path: Path) -> None:
    path = _copy(tmp_path)
    result = cli("migrate", "--format", "2", "--to", "1.0.0", path)
    assert result.code == 0, result
    assert "eu-hrd-2020-2024@1.1.1 -> eu-hrd-2020-2024@1.0.0" in result.stdout
    assert "format 1 -> 2" in result.stdout
    text = path.read_text(encoding="utf-8")
    assert "catalogue: eu-hrd-2020-2024@1.0.0" in text
    assert "hrdplan: 2" in text


def test_cli_a_format_2_strategy_is_still_repinned(cli: Run, tmp_path: Path) -> None:
    path = _copy(tmp_path)
    assert cli("migrate", "--format", "2", path).code == 0
    upgraded = path.read_text(encoding="utf-8")
    down = cli("migrate", "--to", "1.0.0", path)
    assert down.code == 0, down
    assert "catalogue: eu-hrd-2020-2024@1.0.0" in path.read_text(encoding="utf-8")
    up = cli("migrate", "--to", "1.1.1", path)
    assert up.code == 0, up
    assert path.read_text(encoding="utf-8") == upgraded


def test_cli_line_endings_and_byte_order_mark_are_kept(cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "crlf.yaml"
    text = GH.read_text(encoding="utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert cli("migrate", "--format", "2", path).code == 0
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf# yaml-language-server")
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    assert data[3:].decode("utf-8").replace("\r\n", "\n") == _upgraded(text)


# --- the gender fields ------------------------------------------------------------------


def _gender(text: str, p: int = 0) -> dict[str, Any]:
    gender: dict[str, Any] = parse(text, "s.yaml").data["priorities"][p]["gender"]
    return gender


def _placeholders() -> dict[str, Any]:
    return {k: [v] if k == "gap" else v for k, v in GENDER_PLACEHOLDERS.items()}


def test_gender_fields_are_added_after_the_approach_as_placeholders() -> None:
    result = upgrade(parse(GH.read_text(encoding="utf-8"), "gh.yaml"))
    for p in range(6):
        gender = _gender(result.text, p)
        assert list(gender) == ["marker", "approach", "objective", "gap", "do_no_harm"]
        assert {k: gender[k] for k in GENDER_PLACEHOLDERS} == _placeholders()
    assert result.gender_placeholders == 18  # three in each of the six priorities
    assert result.placeholders > result.gender_placeholders  # the indicators' too
    model, violations = check(StrategyV2, parse(result.text, "gh.yaml"))
    assert model is not None, violations
    assert model.priorities[0].gender is not None
    assert model.priorities[0].gender.gap == [GENDER_PLACEHOLDERS["gap"]]


def test_gender_fields_go_after_the_marker_when_there_is_no_approach() -> None:
    text = _strategy("      - text: a\n", extra="")
    text = text.replace("    title: A\n", "    title: A\n    gender:\n      marker: 1\n")
    assert list(_gender(_upgraded(text))) == ["marker", "objective", "gap", "do_no_harm"]


def test_a_flow_gender_mapping_gets_them_too_and_a_priority_without_gender_none() -> None:
    text = _strategy("      - text: a\n", extra="  - id: P2\n    objective: 1.1.b\n    title: B\n")
    text = text.replace("    title: A\n", "    title: A\n    gender: {marker: 2, approach: x}\n")
    after = _upgraded(text)
    assert "    gender: {marker: 2, approach: x, objective: " in after
    assert {k: _gender(after)[k] for k in GENDER_PLACEHOLDERS} == _placeholders()
    assert "gender" not in parse(after, "s.yaml").data["priorities"][1]


def test_comments_around_the_gender_mapping_stay_in_place() -> None:
    text = _strategy("      - text: a\n").replace(
        "    title: A\n",
        "    title: A\n    gender:   # DAC\n      marker: 1\n      approach: |\n"
        "        Women and men differ.\n      # reviewed by the gender focal point\n"
        "    # the actions follow\n",
    )
    lines = _upgraded(text).split("\n")
    assert "    gender:   # DAC" in lines
    at = lines.index("      # reviewed by the gender focal point")
    assert lines[at - 1].startswith("      do_no_harm: ")
    assert lines[at + 1] == "    # the actions follow"
    assert lines[at - 4] == "        Women and men differ."
    assert lines[at - 3].startswith("      objective: ")


def test_each_gender_placeholder_is_reported_by_lint_once() -> None:
    text = _upgraded(GH.read_text(encoding="utf-8"), "gh.yaml")
    settings = build()
    findings = lint_text(text, "gh.yaml", settings.registry, settings.selection)
    doc = parse(text, "gh.yaml")
    for p in range(6):
        for key in GENDER_PLACEHOLDERS:
            path = ("priorities", p, "gender", key)
            line = doc.positions[(*path, 0) if key == "gap" else path].line
            here = [f for f in findings if f.line == line]
            assert [f.code for f in here] == ["HRD401"], here


def test_cli_counts_the_gender_placeholders(cli: Run, tmp_path: Path) -> None:
    path = _copy(tmp_path)
    expected = upgrade(parse(GH.read_text(encoding="utf-8"), path.name)).placeholders
    result = cli("migrate", "--format", "2", path)
    assert result.code == 0, result
    assert f", {expected} placeholders to fill" in result.stdout
    assert (
        _gender(path.read_text(encoding="utf-8"))["objective"] == (GENDER_PLACEHOLDERS["objective"])
    )


def test_a_comment_line_after_a_block_scalar_keeps_its_indentation() -> None:
    text = _strategy(
        "      - text: |\n          a\n        # about the baseline\n        baseline: 12 (2020)\n"
    )
    lines = _upgraded(text).split("\n")
    at = lines.index("        # about the baseline")
    assert lines[at - 1].startswith("        direction: ")
    assert lines[at + 1].startswith("        baseline: {value: 12, year: 2020}")
