"""`hrdplan progress record FILE INDICATOR VALUE`: an actual recorded in a progress file,
typed by the indicator's kind, comments and layout kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, Run

from hrdplan.io.yamlio import parse
from hrdplan.strategy.record import read_value
from hrdplan.strategy.upgrade import upgrade

GH = FIXTURES / "format1" / "gh-2021-2025.yaml"

# A progress file as an author keeps it: comments, a blank line, entries for some indicators.
PROGRESS = """\
# Ghana, progress in 2022
hrdplan: 2
kind: progress
strategy: ../../strategies/gh.yaml
year: 2022
status: draft   # submitted in June
summary: |
  The year in brief.
priorities:
  - id: P1
    status: on-track
    indicators:
      - id: P1.1
        actual: 1200   # partners' reports
        source: partners

  # P3 comes next
  - id: P3
    indicators: []
"""


def _strategy_text() -> str:
    """The Ghana example in format 2, with P1.2 made a yes-no indicator and P2.1 (whose kind
    could not be read) a text one."""
    text = GH.read_text(encoding="utf-8").replace(
        "baseline: 4 (2021)\n        target: 20 (2025)",
        "baseline: no (2021)\n        target: yes (2025)",
    )
    text = upgrade(parse(text, "gh.yaml")).text
    placeholder = "kind: 'TODO: number, percent, yes-no or text'"
    return text.replace(placeholder, "kind: text", 1)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "strategies").mkdir()
    (tmp_path / "strategies" / "gh.yaml").write_text(_strategy_text(), encoding="utf-8")
    folder = tmp_path / "progress" / "gh"
    folder.mkdir(parents=True)
    (folder / "2022.yaml").write_text(PROGRESS, encoding="utf-8")
    return tmp_path


FILE = "progress/gh/2022.yaml"


def _text(repo: Path) -> str:
    return (repo / FILE).read_text(encoding="utf-8")


def _entries(repo: Path) -> dict[str, dict[str, object]]:
    data = parse(_text(repo), FILE).data
    return {i["id"]: i for p in data["priorities"] for i in p.get("indicators") or []}


# --- values read by kind -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "kind", "value"),
    [
        ("17", "number", 17),
        ("12.5", "number", 12.5),
        ("35%", "percent", 35),
        ("35 %", "percent", 35),
        ("35", "percent", 35),
        ("Yes", "yes-no", True),
        ("false", "yes-no", False),
        ("Law adopted", "text", "Law adopted"),
        ("35%", "number", "35%"),  # left as text: the number kind refuses it
        ("nan", "number", "nan"),
    ],
)
def test_values_are_read_as_the_kind_takes_them(typed: str, kind: str, value: object) -> None:
    got = read_value(typed, kind)
    assert got == value and type(got) is type(value)


# --- the command -------------------------------------------------------------------------


def test_recording_replaces_the_actual_and_keeps_its_comment(run: Run, repo: Path) -> None:
    result = run("progress", "record", FILE, "P1.1", "1500", cwd=repo)
    assert result.code == 0, result
    assert result.stdout == f"{FILE}: recorded P1.1 = 1,500 (was 1,200)\n"
    assert _text(repo) == PROGRESS.replace("actual: 1200 ", "actual: 1500 ")


def test_source_and_note_are_set_in_their_order(cli: Run, repo: Path) -> None:
    result = cli("progress", "record", FILE, "P1.1", "1500", "--note", "yes", "--source", "X")
    assert result.code == 0, result
    entry = _entries(repo)["P1.1"]
    assert list(entry) == ["id", "actual", "source", "note"]
    assert entry["source"] == "X"
    assert entry["note"] == "yes"  # text, not a boolean: written quoted


def test_a_missing_entry_is_added_under_its_priority(cli: Run, repo: Path) -> None:
    result = cli("progress", "record", FILE, "P1.3", "35%")
    assert result.code == 0, result
    assert "recorded P1.3 = 35% (new entry)" in result.stdout
    data = parse(_text(repo), FILE).data
    assert [i["id"] for i in data["priorities"][0]["indicators"]] == ["P1.1", "P1.3"]
    assert data["priorities"][0]["indicators"][1]["actual"] == 35
    # Everything that was there is still there, the comment line above P3 included.
    lines = _text(repo).split("\n")
    assert lines[lines.index("  # P3 comes next") + 1] == "  - id: P3"
    assert "        actual: 1200   # partners' reports" in lines


def test_a_missing_priority_is_added_in_the_strategy_order(cli: Run, repo: Path) -> None:
    assert cli("progress", "record", FILE, "P2.2", "12").code == 0
    assert cli("progress", "record", FILE, "P3.3", "400").code == 0
    data = parse(_text(repo), FILE).data
    assert [p["id"] for p in data["priorities"]] == ["P1", "P2", "P3"]
    assert data["priorities"][1]["indicators"] == [{"id": "P2.2", "actual": 12}]
    assert data["priorities"][2]["indicators"] == [{"id": "P3.3", "actual": 400}]
    lines = _text(repo).split("\n")
    assert lines[lines.index("  # P3 comes next") + 1] == "  - id: P3"
    assert "    indicators:\n      - id: P3.3\n        actual: 400\n" in _text(repo)


def test_yes_no_and_text_indicators(cli: Run, repo: Path) -> None:
    assert cli("progress", "record", FILE, "P1.2", "yes").code == 0
    assert _entries(repo)["P1.2"]["actual"] is True
    assert cli("progress", "record", FILE, "P2.1", "Quota bill tabled").code == 0
    assert _entries(repo)["P2.1"]["actual"] == "Quota bill tabled"


@pytest.mark.parametrize(
    ("indicator", "value", "message"),
    [
        ("P1.3", "140", "a percentage is between 0 and 100, not 140"),
        ("P1.1", "many", "a number indicator's value is a number, not 'many'"),
        ("P1.1", "35%", "a number indicator's value is a number, not '35%'"),
        ("P1.2", "maybe", "a yes-no indicator's value is true or false (yes or no), not 'maybe'"),
    ],
)
def test_a_value_that_does_not_fit_is_refused(
    run: Run, repo: Path, indicator: str, value: str, message: str
) -> None:
    before = (repo / FILE).read_bytes()
    result = run("progress", "record", FILE, indicator, value, cwd=repo)
    assert result.code == 2
    assert result.stderr == f"{FILE}: error: {indicator}: {message}\n"
    assert (repo / FILE).read_bytes() == before


def test_an_unknown_indicator_exits_2_with_suggestions(run: Run, repo: Path) -> None:
    before = (repo / FILE).read_bytes()
    result = run("progress", "record", FILE, "P1.9", "3", cwd=repo)
    assert result.code == 2
    assert (
        "strategies/gh.yaml has no indicator 'P1.9'; did you mean P1.3, P1.2, P1.1?"
        in result.stderr
    )
    assert (repo / FILE).read_bytes() == before


def test_an_indicator_without_a_kind_yet_is_refused(cli: Run, repo: Path) -> None:
    result = cli("progress", "record", FILE, "P3.2", "3")  # its kind is still a placeholder
    assert result.code == 2
    assert "indicator P3.2 has no kind yet" in result.stderr


def test_a_format_1_strategy_says_to_migrate(run: Run, repo: Path) -> None:
    (repo / "strategies" / "gh.yaml").write_bytes(GH.read_bytes())
    result = run("progress", "record", FILE, "P1.1", "3", cwd=repo)
    assert result.code == 2
    assert "is in format 1: `hrdplan migrate --format 2" in result.stderr
    assert _text(repo) == PROGRESS


def test_a_missing_strategy_is_one_clear_line(run: Run, repo: Path) -> None:
    (repo / "strategies" / "gh.yaml").unlink()
    result = run("progress", "record", FILE, "P1.1", "3", cwd=repo)
    assert result.code == 2
    assert result.stderr.count("\n") == 1 and "not found" in result.stderr
    assert _text(repo) == PROGRESS


def test_a_strategy_is_not_a_progress_file(run: Run, repo: Path) -> None:
    result = run("progress", "record", "strategies/gh.yaml", "P1.1", "3", cwd=repo)
    assert result.code == 2
    assert "a strategy, not a progress file" in result.stderr


def test_a_missing_progress_file_exits_2(run: Run, repo: Path) -> None:
    result = run("progress", "record", "progress/gh/2030.yaml", "P1.1", "3", cwd=repo)
    assert result.code == 2
    assert "progress/gh/2030.yaml" in result.stderr
    assert not (repo / "progress" / "gh" / "2030.yaml").exists()


def test_recording_keeps_crlf_line_endings(cli: Run, repo: Path) -> None:
    (repo / FILE).write_bytes(PROGRESS.replace("\n", "\r\n").encode("utf-8"))
    assert cli("progress", "record", FILE, "P1.1", "7").code == 0
    data = (repo / FILE).read_bytes()
    assert b"        actual: 7" in data
    assert b"\n" not in data.replace(b"\r\n", b"")


# --- numbers too large for a float --------------------------------------------------------


@pytest.mark.parametrize("typed", ["1" * 4301, "9" * 400, "-" + "9" * 400, "1" * 400 + ".5"])
def test_a_number_larger_than_a_float_is_refused_in_one_line(
    run: Run, repo: Path, typed: str
) -> None:
    before = (repo / FILE).read_bytes()
    result = run("progress", "record", FILE, "P1.1", "--", typed, cwd=repo)
    assert result.code == 2, result
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and len(lines[0]) < 200, result
    assert lines[0].startswith(f"{FILE}: error: P1.1: ")
    assert f"({len(typed):,} characters) is larger than a number can be here" in lines[0]
    assert (repo / FILE).read_bytes() == before


def test_leading_zeros_do_not_count_towards_the_digits_read() -> None:
    assert read_value("0" * 5000 + "7", "number") == 7
    assert read_value("-" + "0" * 5000, "number") == 0
    assert read_value("1" * 300, "number") == int("1" * 300)


# --- a priority's status and narrative -------------------------------------------------------


def _priorities(repo: Path) -> dict[str, dict[str, object]]:
    data = parse(_text(repo), FILE).data
    return {p["id"]: p for p in data["priorities"]}


def test_a_priority_status_is_replaced_and_its_narrative_added_in_order(
    cli: Run, repo: Path
) -> None:
    result = cli("progress", "record", FILE, "P1", "--status", "at-risk", "--narrative", "Cuts")
    assert result.code == 0, result
    assert result.stdout == f"{FILE}: recorded P1 status = at-risk (was on-track), narrative\n"
    assert _text(repo) == PROGRESS.replace(
        "    status: on-track\n", "    status: at-risk\n    narrative: Cuts\n"
    )


def test_a_priority_without_status_gets_one_before_its_indicators(cli: Run, repo: Path) -> None:
    assert cli("progress", "record", FILE, "P3", "--status", "achieved").code == 0
    entry = _priorities(repo)["P3"]
    assert list(entry) == ["id", "status", "indicators"] and entry["status"] == "achieved"
    lines = _text(repo).split("\n")
    assert lines[lines.index("  # P3 comes next") + 1] == "  - id: P3"


def test_a_missing_priority_is_added_in_the_strategy_order_with_its_fields(
    cli: Run, repo: Path
) -> None:
    result = cli("progress", "record", FILE, "P2", "--narrative", "yes: the bill passed")
    assert result.code == 0, result
    assert result.stdout == f"{FILE}: recorded P2 narrative (new entry)\n"
    priorities = _priorities(repo)
    assert list(priorities) == ["P1", "P2", "P3"]
    assert priorities["P2"] == {"id": "P2", "narrative": "yes: the bill passed"}
    lines = _text(repo).split("\n")
    assert lines[lines.index("  # P3 comes next") + 1] == "  - id: P3"


def test_a_scaffolded_status_keeps_its_comment(run: Run, repo: Path) -> None:
    (repo / FILE).unlink()
    assert run("progress", "new", "strategies/gh.yaml", "--year", "2022", cwd=repo).code == 0
    result = run("progress", "record", FILE, "P2", "--status", "off-track", cwd=repo)
    assert result.code == 0, result
    assert "    status: off-track # not-started | on-track | at-risk | off-track | achieved" in (
        _text(repo).split("\n")
    )
    assert _priorities(repo)["P2"]["status"] == "off-track"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["P1", "3"],
            f"{FILE}: error: P1 is a priority: it takes --status (not-started, on-track, "
            "at-risk, off-track or achieved) and --narrative TEXT, not a VALUE",
        ),
        (
            ["P1"],
            f"{FILE}: error: P1 is a priority: give its --status (not-started, on-track, "
            "at-risk, off-track or achieved) or --narrative TEXT",
        ),
        (
            ["P1", "--status", "on-track", "--note", "x"],
            f"{FILE}: error: P1 is a priority: --source and --note are an indicator's; say "
            "what happened with --narrative",
        ),
        (
            ["P1.1", "--status", "on-track"],
            f"{FILE}: error: P1.1 is an indicator: --status and --narrative are its "
            "priority's (`progress record FILE P1 --status STATUS`); give P1.1 a VALUE",
        ),
        (
            ["P1.1", "4", "--narrative", "x"],
            f"{FILE}: error: P1.1 is an indicator: --status and --narrative are its "
            "priority's (`progress record FILE P1 --status STATUS`); give P1.1 a VALUE",
        ),
        (["P1.1"], f"{FILE}: error: P1.1 is an indicator: give its VALUE after the id"),
        (
            ["P1", "--status", "done"],
            "error: --status must be not-started, on-track, at-risk, off-track or achieved, "
            "not 'done'",
        ),
        (
            ["P7", "--status", "on-track"],
            f"{FILE}: error: strategies/gh.yaml has no priority or indicator 'P7'; did you "
            "mean P6, P5, P4?",
        ),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else "",
)
def test_the_wrong_form_for_the_id_is_one_line_and_the_file_untouched(
    run: Run, repo: Path, args: list[str], message: str
) -> None:
    before = (repo / FILE).read_bytes()
    result = run("progress", "record", FILE, *args, cwd=repo)
    assert result.code == 2, result
    assert result.stderr.splitlines() == [message]
    assert (repo / FILE).read_bytes() == before
