"""`hrdplan progress new` and `progress show`, and the progress files' JSON Schema, through the
CLI as users call it, and the parts behind them."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import EXAMPLES, FIXTURES, FORMAT2_TODAY, HRDPLAN, ROOT, Run

from hrdplan.io.yamlio import load
from hrdplan.strategy import measures
from hrdplan.strategy.model import PLACEHOLDER, StrategyV2
from hrdplan.strategy.progress import (
    PRIORITY_STATUSES,
    Progress,
    is_progress_schema_text,
    schema_text,
)
from hrdplan.strategy.progress_scaffold import progress_text
from hrdplan.strategy.trajectory import to_json, trajectory

COMMITTED_SCHEMA = ROOT / "schemas" / "progress.schema.json"
STRATEGY = Path("strategies") / "ke-2027-2031.yaml"
PROGRESS = Path("progress") / "ke-2027-2031"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A copy of tests/fixtures/progress: a format 2 strategy with progress files for 2027
    and 2028, laid out as a strategy repository."""
    target = tmp_path / "repo"
    shutil.copytree(FIXTURES / "progress", target)
    return target


def strategy_model(path: Path) -> StrategyV2:
    return StrategyV2.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def as_json(path: Path) -> object:
    """The YAML file as JSON would carry it (dates become strings), for jsonschema."""
    return json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))


def words(text: str) -> list[str]:
    """Each line with runs of blanks made one: what a test compares, not the column widths."""
    return [" ".join(line.split()) for line in text.splitlines()]


# -- progress new ---------------------------------------------------------------------------------


def test_new_writes_the_years_file_with_every_priority_and_indicator(run: Run, repo: Path) -> None:
    result = run("progress", "new", STRATEGY, "--year", "2029", cwd=repo)
    assert result.code == 0, result
    assert result.stdout == f"{(PROGRESS / '2029.yaml').as_posix()}\n"
    written = repo / PROGRESS / "2029.yaml"
    text = written.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../progress.schema.json\n")
    data = yaml.safe_load(text)
    progress = Progress.model_validate(data)
    assert (progress.hrdplan, progress.kind, progress.year) == (2, "progress", 2029)
    assert progress.status == "draft"
    assert progress.strategy == "../../strategies/ke-2027-2031.yaml"
    assert (written.parent / progress.strategy).resolve() == (repo / STRATEGY).resolve()
    assert progress.summary is not None and progress.summary.startswith(PLACEHOLDER)
    assert progress.gender_results is not None and progress.gender_results.startswith(PLACEHOLDER)
    assert progress.consultations == []
    strategy = strategy_model(repo / STRATEGY)
    assert [p.id for p in progress.priorities] == [p.id for p in strategy.priorities]
    for mine, theirs in zip(progress.priorities, strategy.priorities, strict=True):
        assert mine.status is None
        assert mine.narrative is not None and mine.narrative.startswith(PLACEHOLDER)
        assert [i.id for i in mine.indicators] == [i.id for i in theirs.indicators]
        assert all(i.actual is None and i.source is None for i in mine.indicators)
    lines = text.splitlines()
    # Each priority's status lists the five, each actual says what it takes and the way to go.
    assert sum(" | ".join(PRIORITY_STATUSES) in line for line in lines) == 2
    assert any(
        line.strip().startswith(
            "actual:  # number: a number; increase; baseline 12 (2026); "
            "milestone 20 (2029); target 35 (2031)"
        )
        for line in lines
    )
    assert any("percent: a percentage, 0 to 100; decrease; baseline 40% (2026)" in x for x in lines)
    assert any("actual:  # text: words" in line for line in lines)


def test_new_keeps_hostile_strategy_text_inert_in_the_file(run: Run, repo: Path) -> None:
    assert run("progress", "new", STRATEGY, "--year", "2029", cwd=repo).code == 0
    text = (repo / PROGRESS / "2029.yaml").read_text(encoding="utf-8")
    assert "\x1b" not in text  # the title's escape character, written as \x1b in a comment
    assert '- id: "P1"  # Protect [bold]defenders[/bold]\\x1b[31m' in text


def test_new_quotes_user_text_so_the_file_loads_back() -> None:
    """Ids and a path that YAML would read as something else, or that would end a value."""
    base = strategy_model(FIXTURES / "progress" / STRATEGY)
    first = base.priorities[0]
    odd = first.model_copy(
        update={
            "id": 'yes: "P1" # x',
            "title": "two\nlines # and a hash",
            "indicators": [first.indicators[0].model_copy(update={"id": "1.10"})],
        }
    )
    strategy = base.model_copy(update={"priorities": [odd]})
    text = progress_text(strategy, Path("strategies/ke 2027: x.yaml"), 2028, schema="s.json")
    progress = Progress.model_validate(yaml.safe_load(text))
    assert progress.priorities[0].id == 'yes: "P1" # x'
    assert progress.priorities[0].indicators[0].id == "1.10"
    assert progress.strategy == "../../strategies/ke 2027: x.yaml"


def test_new_scaffold_lints_without_schema_findings(run: Run, repo: Path) -> None:
    assert run("progress", "new", STRATEGY, "--year", "2030", cwd=repo).code == 0
    result = run("lint", "--format", "json", PROGRESS / "2030.yaml", cwd=repo)
    codes = {f["code"] for f in json.loads(result.stdout)}
    assert "HRD003" not in codes, result
    assert not any(code.startswith("HRD0") for code in codes), result


def test_new_scaffold_validates_against_the_committed_schema(run: Run, repo: Path) -> None:
    assert run("progress", "new", STRATEGY, "--year", "2031", cwd=repo).code == 0
    schema = json.loads(COMMITTED_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(as_json(repo / PROGRESS / "2031.yaml"))
    for fixture in sorted((FIXTURES / "progress" / PROGRESS).glob("*.yaml")):
        jsonschema.Draft202012Validator(schema).validate(as_json(fixture))


def test_new_never_overwrites_a_progress_file(run: Run, repo: Path) -> None:
    existing = repo / PROGRESS / "2028.yaml"
    before = existing.read_bytes()
    result = run("progress", "new", STRATEGY, "--year", "2028", cwd=repo)
    assert result.code == 2
    assert result.stdout == ""
    # There is no --force (README): the message says what to do instead.
    assert result.stderr.splitlines() == [
        f"{(PROGRESS / '2028.yaml').as_posix()}: error: already exists: record in it with "
        "`hrdplan progress record FILE ID ...`, or remove the file to start the year again"
    ]
    assert existing.read_bytes() == before
    assert run("progress", "new", STRATEGY, "--year", "2028", "--force", cwd=repo).code == 2


def test_new_refuses_a_year_outside_the_period(run: Run, repo: Path) -> None:
    for year in ("2026", "2032"):
        result = run("progress", "new", STRATEGY, "--year", year, cwd=repo)
        assert result.code == 2
        assert result.stderr.splitlines() == [
            f"{STRATEGY.as_posix()}: error: --year {year} is outside the strategy's period "
            "2027-2031; a progress file reports on a year of it"
        ]
        assert not (repo / PROGRESS / f"{year}.yaml").exists()


def test_new_refuses_a_format_1_strategy_naming_the_upgrade(run: Run, tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "tn-2021-2025.yaml", tmp_path / "gh-2021-2025.yaml")
    before = (tmp_path / "gh-2021-2025.yaml").read_bytes()
    result = run("progress", "new", "gh-2021-2025.yaml", "--year", "2022")
    assert result.code == 2
    assert result.stderr.splitlines() == [
        "gh-2021-2025.yaml: error: a format 1 strategy; progress files need format 2: "
        "`hrdplan migrate --format 2 gh-2021-2025.yaml`"
    ]
    assert not (tmp_path / "progress").exists()
    assert (tmp_path / "gh-2021-2025.yaml").read_bytes() == before


def test_new_refuses_what_is_not_a_sound_strategy(run: Run, repo: Path) -> None:
    missing = run("progress", "new", "strategies/nope.yaml", "--year", "2028", cwd=repo)
    assert missing.code == 2
    assert missing.stderr.startswith("strategies/nope.yaml")
    a_progress_file = run("progress", "new", PROGRESS / "2027.yaml", "--year", "2028", cwd=repo)
    assert a_progress_file.code == 2
    assert "a progress file, not a strategy" in a_progress_file.stderr
    (repo / "strategies" / "bad.yaml").write_text("hrdplan: 2\ncountry: [\n", encoding="utf-8")
    broken = run("progress", "new", "strategies/bad.yaml", "--year", "2028", cwd=repo)
    assert broken.code == 2
    assert broken.stderr.startswith("strategies/bad.yaml:")
    assert not (repo / "progress" / "bad").exists()
    for result in (missing, a_progress_file, broken):
        assert result.stdout == ""


def test_init_writes_the_progress_schema_and_new_points_at_it(run: Run, tmp_path: Path) -> None:
    assert run("init").code == 0
    schema = tmp_path / "progress.schema.json"
    assert schema.read_text(encoding="utf-8") == schema_text()
    shutil.copy(FIXTURES / "progress" / STRATEGY, tmp_path / STRATEGY)
    assert run("progress", "new", STRATEGY, "--year", "2028").code == 0
    first = (tmp_path / PROGRESS / "2028.yaml").read_text(encoding="utf-8").splitlines()[0]
    ref = first.split("$schema=")[1]
    assert (tmp_path / PROGRESS / ref).resolve() == schema.resolve()


@pytest.mark.process
def test_new_completes_the_years_of_the_strategy(repo: Path) -> None:
    line = f"hrdplan progress new {STRATEGY.as_posix()} --year "
    result = subprocess.run(
        [str(HRDPLAN)],
        capture_output=True,
        text=True,
        cwd=repo,
        env={
            **os.environ,
            "_HRDPLAN_COMPLETE": "complete_bash",
            "COMP_WORDS": line,
            "COMP_CWORD": str(len(line.split(" ")) - 1),
        },
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result
    assert result.stdout.split() == ["2027", "2028", "2029", "2030", "2031"]


# -- progress submit ------------------------------------------------------------------------------


def test_submit_marks_a_complete_file_submitted_and_changes_nothing_else(
    run: Run, repo: Path
) -> None:
    path = repo / PROGRESS / "2028.yaml"
    before = path.read_text(encoding="utf-8")
    result = run("progress", "submit", PROGRESS / "2028.yaml", cwd=repo, env=FORMAT2_TODAY)
    assert result.code == 0, result
    assert result.stdout == f"{(PROGRESS / '2028.yaml').as_posix()}: submitted\n"
    assert path.read_text(encoding="utf-8") == before.replace(
        "\nstatus: draft\n", "\nstatus: submitted\n"
    )
    again = run("progress", "submit", PROGRESS / "2028.yaml", cwd=repo, env=FORMAT2_TODAY)
    assert (again.code, again.stdout) == (
        0,
        f"{(PROGRESS / '2028.yaml').as_posix()}: already submitted\n",
    )


def test_submit_refuses_with_the_errors_lint_finds_once_submitted(run: Run, repo: Path) -> None:
    # A fresh scaffold: its placeholders are warnings in a draft, errors once submitted, and
    # its empty statuses and actuals are errors then too (HRD401, HRD510).
    assert run("progress", "new", STRATEGY, "--year", "2029", cwd=repo).code == 0
    name = (PROGRESS / "2029.yaml").as_posix()
    path = repo / name
    before = path.read_bytes()
    result = run("progress", "submit", name, cwd=repo, env=FORMAT2_TODAY)
    assert result.code == 1, result
    assert path.read_bytes() == before
    *listed, last = result.stderr.splitlines()
    assert (
        last == f"{name}: error: not submitted: {len(listed)} errors once submitted; still a draft"
    )
    # The errors `hrdplan lint` reports for the file as submitted, in its one-line form.
    path.write_text(before.decode().replace("status: draft", "status: submitted"))
    linted = json.loads(run("lint", name, "--format", "json", cwd=repo, env=FORMAT2_TODAY).stdout)
    path.write_bytes(before)
    expected = [
        f"{f['file']}:{f['line']}:{f['column']}: {f['code']} {f['message']}"
        for f in linted
        if f["severity"] == "error"
    ]
    assert listed == expected and {"HRD401", "HRD510"} <= {f["code"] for f in linted}


def test_submit_refuses_a_year_that_has_not_begun(run: Run, repo: Path) -> None:
    # On 7 December 2027 the report on 2028 cannot be the year's account yet (HRD514).
    path = repo / PROGRESS / "2028.yaml"
    before = path.read_bytes()
    result = run(
        "progress", "submit", PROGRESS / "2028.yaml", cwd=repo, env={"HRDPLAN_TODAY": "2027-12-07"}
    )
    assert result.code == 1, result
    assert "HRD514 year 2028 has not begun yet" in result.stderr
    assert path.read_bytes() == before


def test_submit_refuses_what_is_not_a_progress_file(run: Run, repo: Path) -> None:
    before = (repo / STRATEGY).read_bytes()
    result = run("progress", "submit", STRATEGY, cwd=repo)
    assert result.code == 2
    assert result.stderr.splitlines() == [
        f"{STRATEGY.as_posix()}: error: a strategy, not a progress file"
    ]
    assert (repo / STRATEGY).read_bytes() == before


# -- progress show --------------------------------------------------------------------------------


def test_show_prints_statuses_and_each_indicators_trajectory(run: Run, repo: Path) -> None:
    result = run("progress", "show", STRATEGY, cwd=repo)
    assert result.code == 0, result
    assert result.stderr == ""
    lines = words(result.stdout)
    assert "strategies/ke-2027-2031.yaml, period 2027-2031; progress files: 2027, 2028" in lines
    assert "status: 2027 on-track 2028 at-risk" in lines
    assert "status: 2027 not-started 2028 on-track" in lines
    # In year order: baseline, actuals (with how far along, as measures says), milestone, target.
    p11 = lines.index("2026 baseline 12")
    assert lines[p11 : p11 + 5] == [
        "2026 baseline 12",
        "2027 actual 15 13% of the way, on-track",
        "2028 actual 17 22% of the way, on-track",
        "2029 milestone 20",
        "2031 target 35",
    ]
    # A decrease: the share is of the way down; moving up is off track.
    assert "2027 actual 42% moved away from the target, off-track" in lines
    assert "2028 actual 30% 50% of the way, on-track" in lines
    assert "2028 actual yes achieved" in lines  # yes-no: reached the target's value
    assert "2028 actual 103 on-track" in lines  # maintain: within 5% of the level
    assert "2028 actual 12 120% of the way, achieved" in lines
    # A text indicator shows its notes instead.
    assert "2027 actual No draft yet." in lines
    assert any(line.startswith("2028 actual bill tabled [bold]Parliament") for line in lines)


def test_show_agrees_with_measures(run: Run, repo: Path) -> None:
    """Every share and standing shown is the one strategy.measures gives."""
    result = run("progress", "show", STRATEGY, "--format", "json", cwd=repo)
    data = json.loads(result.stdout)
    strategy = strategy_model(repo / STRATEGY)
    indicators = {i.id: i for p in strategy.priorities for i in p.indicators}
    assert {i["id"] for i in data["indicators"]} == set(indicators)
    for item in data["indicators"]:
        indicator = indicators[item["id"]]
        year = item["as_of"]
        if year is None:
            assert item["share"] is None and item["standing"] is None
            continue
        actual = item["actuals"][str(year)]
        expected = measures.share(indicator, actual)
        assert item["share"] == (None if expected is None else round(expected, 4))
        assert item["standing"] == measures.standing(indicator, year, actual)
    shares = {i["id"]: i["share"] for i in data["indicators"]}
    assert shares == {
        "P1.1": round(5 / 23, 4),
        "P1.2": 0.5,
        "P1.3": None,
        "P2.1": None,
        "P2.2": None,
        "P2.3": 1.2,
    }


def test_show_json_is_the_documented_structure(run: Run, repo: Path) -> None:
    result = run("progress", "show", STRATEGY, "--format", "json", cwd=repo)
    assert result.code == 0, result
    assert "\x1b" not in result.stdout  # escaped in the JSON text
    data = json.loads(result.stdout)
    assert list(data) == ["strategy", "years", "priorities", "indicators", "gender_results"]
    assert data["strategy"] == "strategies/ke-2027-2031.yaml"
    assert data["years"] == [2027, 2028]
    assert data["priorities"][0] == {
        "id": "P1",
        "title": "Protect [bold]defenders[/bold]\x1b[31m",
        "statuses": {"2027": "on-track", "2028": "at-risk"},
    }
    p11 = data["indicators"][0]
    assert p11 == {
        "id": "P1.1",
        "priority": "P1",
        "text": "Human rights defenders supported through the protection mechanism",
        "kind": "number",
        "direction": "increase",
        "baseline": {"value": 12, "year": 2026},
        "milestones": [{"value": 20, "year": 2029}],
        "target": {"value": 35, "year": 2031},
        "actuals": {"2027": 15, "2028": 17},
        "notes": {},
        "as_of": 2028,
        "share": 0.2174,
        "standing": "on-track",
        "gender_specific": False,
    }
    p21 = next(i for i in data["indicators"] if i["id"] == "P2.1")
    assert (p21["kind"], p21["direction"], p21["standing"]) == ("text", None, None)
    assert p21["actuals"] == {"2028": "bill tabled"}
    assert p21["notes"] == {
        "2027": "No draft yet.",
        "2028": "[bold]Parliament[/bold] debated\x1b[2J the bill",
    }
    p13 = next(i for i in data["indicators"] if i["id"] == "P1.3")
    assert p13["actuals"] == {"2027": False, "2028": True}
    assert p13["standing"] == "achieved"


def test_show_keeps_hostile_text_inert(run: Run, repo: Path) -> None:
    result = run("progress", "show", STRATEGY, cwd=repo)
    assert "\x1b" not in result.stdout
    assert "Protect [bold]defenders[/bold]\\x1b[31m" in result.stdout
    assert "[bold]Parliament[/bold] debated\\x1b[2J the" in " ".join(result.stdout.split())


def test_show_markup_stays_text_on_a_colour_terminal(repo: Path) -> None:
    """With colour on, rich styles the output but the files' markup and escapes stay text."""
    from rich.console import Console

    from hrdplan.render.progress_show import renderables

    strategy = strategy_model(repo / STRATEGY)
    reports = {
        year: Progress.model_validate(
            yaml.safe_load((repo / PROGRESS / f"{year}.yaml").read_text())
        )
        for year in (2027, 2028)
    }
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, color_system="standard", width=80)
    for renderable in renderables(trajectory(strategy, "s.yaml", reports)):
        console.print(renderable)
    text = out.getvalue()
    assert "\x1b[2J" not in text
    title = next(line for line in text.splitlines() if "defenders" in line)
    assert "[bold]defenders[/bold]\\x1b[31m" in title
    # The only escape sequences on the title's line are rich's own bold, not the file's red.
    assert set(re.findall(r"\x1b\[[0-9;]*m", title)) <= {"\x1b[1m", "\x1b[0m"}
    assert "\x1b[31m" in text  # rich colours a standing (off-track): colour was on


def test_show_fits_an_80_column_terminal(run: Run, repo: Path) -> None:
    result = run("progress", "show", STRATEGY, cwd=repo, env={"COLUMNS": "80"})
    assert result.code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    # A long note wraps inside its column, not under the years.
    lines = result.stdout.splitlines()
    after = lines[next(i for i, x in enumerate(lines) if "bill tabled" in x) + 1]
    assert after.startswith(" " * 10)


def test_show_without_colour_when_no_color_or_not_a_terminal(run: Run, repo: Path) -> None:
    assert "\x1b[" not in run("progress", "show", STRATEGY, cwd=repo).stdout
    env = {"NO_COLOR": "", "FORCE_COLOR": ""}
    assert "\x1b[" not in run("progress", "show", STRATEGY, cwd=repo, env=env).stdout


def test_show_reports_a_broken_progress_file_and_shows_the_rest(run: Run, repo: Path) -> None:
    (repo / PROGRESS / "2029.yaml").write_text("hrdplan: 2\nkind: progress\nyear: [\n")
    other = repo / PROGRESS / "2030.yaml"
    other.write_text(
        (repo / PROGRESS / "2028.yaml")
        .read_text(encoding="utf-8")
        .replace("year: 2028", "year: 2031")
    )
    for fmt in ("text", "json"):
        result = run("progress", "show", STRATEGY, "--format", fmt, cwd=repo)
        assert result.code == 2
        problems = result.stderr.splitlines()
        assert len(problems) == 2
        assert problems[0].startswith(f"{(PROGRESS / '2029.yaml').as_posix()}:4:1: error: YAML")
        assert problems[1] == (
            f"{(PROGRESS / '2030.yaml').as_posix()}: error: says year 2031, not 2030 as its name"
        )
    assert json.loads(result.stdout)["years"] == [2027, 2028]


def test_show_reports_a_progress_file_of_another_strategy(run: Run, repo: Path) -> None:
    shutil.copy(repo / STRATEGY, repo / "strategies" / "other.yaml")
    moved = (repo / PROGRESS / "2028.yaml").read_text(encoding="utf-8")
    (repo / PROGRESS / "2028.yaml").write_text(moved.replace("ke-2027-2031.yaml", "other.yaml"))
    result = run("progress", "show", STRATEGY, "--format", "json", cwd=repo)
    assert result.code == 2
    assert result.stderr.splitlines() == [
        f"{(PROGRESS / '2028.yaml').as_posix()}: error: names the strategy "
        "../../strategies/other.yaml, not ke-2027-2031.yaml"
    ]
    assert json.loads(result.stdout)["years"] == [2027]


def test_show_without_progress_files(run: Run, repo: Path) -> None:
    shutil.rmtree(repo / "progress")
    result = run("progress", "show", STRATEGY, cwd=repo)
    assert result.code == 0
    assert "progress files: none yet" in " ".join(result.stdout.split())
    data = json.loads(run("progress", "show", STRATEGY, "--format", "json", cwd=repo).stdout)
    assert data["years"] == []
    assert all(i["actuals"] == {} and i["standing"] is None for i in data["indicators"])


def test_show_refuses_a_format_1_strategy(run: Run) -> None:
    result = run("progress", "show", EXAMPLES / "tn-2021-2025.yaml")
    assert result.code == 2
    assert "`hrdplan migrate --format 2 " in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert result.stdout == ""


def test_trajectory_orders_rows_and_skips_years_without_a_value() -> None:
    strategy = strategy_model(FIXTURES / "progress" / STRATEGY)
    data = to_json(trajectory(strategy, "s.yaml", {}))
    assert [p["statuses"] for p in data["priorities"]] == [{}, {}]
    assert data["indicators"][0]["as_of"] is None


# -- the JSON Schema ------------------------------------------------------------------------------


def test_committed_progress_schema_matches_the_models() -> None:
    assert COMMITTED_SCHEMA.read_text(encoding="utf-8") == schema_text(), (
        "schemas/progress.schema.json drifted: run "
        "`hrdplan schema --kind progress -o schemas/progress.schema.json`"
    )


def test_schema_kind_progress_prints_and_writes_the_progress_schema(
    run: Run, tmp_path: Path
) -> None:
    result = run("schema", "--kind", "progress")
    assert result.code == 0
    assert result.stdout == schema_text()
    assert json.loads(result.stdout)["title"] == "hrdplan progress"
    assert json.loads(run("schema").stdout)["title"] == "hrdplan strategy"  # the default
    target = tmp_path / "progress.schema.json"
    target.write_text(schema_text().replace("hrdplan: 2", "an older one"), encoding="utf-8")
    assert run("schema", "--kind", "progress", "--output", target.name).code == 0
    assert target.read_text(encoding="utf-8") == schema_text()
    # Neither kind replaces the other's schema, nor another file, without --force.
    refused = run("schema", "--output", target.name)
    assert refused.code == 2
    assert target.read_text(encoding="utf-8") == schema_text()
    (tmp_path / "mine.json").write_text("{}", encoding="utf-8")
    assert run("schema", "--kind", "progress", "-o", "mine.json").code == 2
    assert (tmp_path / "mine.json").read_text(encoding="utf-8") == "{}"
    assert run("schema", "--kind", "progress", "-o", "mine.json", "--force").code == 0
    assert is_progress_schema_text((tmp_path / "mine.json").read_text(encoding="utf-8"))


def test_is_progress_schema_text() -> None:
    from hrdplan.strategy.model import is_schema_text
    from hrdplan.strategy.model import schema_text as strategy_schema

    assert is_progress_schema_text(schema_text())
    assert not is_progress_schema_text(strategy_schema())
    assert not is_schema_text(schema_text())
    assert not is_progress_schema_text('{"title": "hrdplan progress"}')
    assert not is_progress_schema_text("not json")


def test_progress_fixtures_load_through_the_loader(repo: Path) -> None:
    doc = load(repo / PROGRESS / "2028.yaml")
    assert Progress.model_validate(doc.data).year == 2028
