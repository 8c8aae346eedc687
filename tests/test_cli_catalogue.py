"""`hrdplan catalogue list|show|search|versions` and `hrdplan --version`, as users call them."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import MINIMAL_CATALOGUE, Run

import hrdplan
from hrdplan.catalogue.model import Catalogue, Lang
from hrdplan.catalogue.registry import DEFAULT_ID, Registry

MINIMAL = MINIMAL_CATALOGUE
RECORD_KEYS = {"code", "line", "section", "text", "tags", "gender_equality", "selectable"}


@pytest.fixture(scope="module")
def shipped() -> Catalogue:
    return Registry().load()


def text_of(catalogue: Catalogue, code: str, lang: Lang) -> str:
    objective = catalogue.objective(code)
    assert objective is not None
    return objective.text[lang]


def as_json(stdout: str) -> Any:
    return json.loads(stdout)


def assert_one_error_line(stderr: str, *fragments: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def catalogue_dir(tmp_path: Path) -> Path:
    """A folder of catalogues holding the minimal test catalogue."""
    folder = tmp_path / "catalogues"
    (folder / "test-plan").mkdir(parents=True)
    (folder / "test-plan" / "1.0.0.yaml").write_bytes(MINIMAL.read_bytes())
    return folder


# -- --version ----------------------------------------------------------------------------------


def test_version(cli: Run) -> None:
    result = cli("--version")
    assert result.code == 0
    assert result.stdout.strip() == f"hrdplan {hrdplan.__version__}"


def test_version_of_the_installed_script(run: Run) -> None:
    result = run("--version")
    assert result.code == 0
    assert hrdplan.__version__ in result.stdout


# -- list ---------------------------------------------------------------------------------------


def test_list_json_outside_the_repository(run: Run, tmp_path: Path, shipped: Catalogue) -> None:
    assert list(tmp_path.iterdir()) == []  # an empty folder, not the source tree
    result = run("catalogue", "list", "--format", "json")
    assert result.code == 0, result
    records = as_json(result.stdout)
    assert len(records) == 140
    for record in records:
        assert set(record) >= RECORD_KEYS, record
    assert [r["code"] for r in records] == [o.code for o in shipped.objectives()]
    first = records[0]
    assert first["code"] == "1.1.a"
    assert first["line"] == "1"
    assert first["section"] == "1.1"
    assert first["text"] == text_of(shipped, "1.1.a", "en")
    assert first["tags"] == ["death-penalty"]
    assert first["gender_equality"] is False
    assert first["selectable"] is True
    assert {r["code"] for r in records if not r["selectable"]} == {
        f"5.2.{letter}" for letter in "abcdefghi"
    }


def test_list_text(cli: Run) -> None:
    result = cli("catalogue", "list")
    assert result.code == 0
    assert "140 objectives" in result.stdout
    assert "1.1.a" in result.stdout
    assert "5.2.i" in result.stdout
    assert "not selectable" in result.stdout


def list_json(cli: Run, *args: str) -> list[dict[str, Any]]:
    result = cli("catalogue", "list", "--format", "json", *args)
    assert result.code == 0, result
    records: list[dict[str, Any]] = as_json(result.stdout)
    return records


def test_list_filtered_by_line(cli: Run, shipped: Catalogue) -> None:
    records = list_json(cli, "--line", "2")
    assert records
    assert {r["line"] for r in records} == {"2"}
    expected = [o.code for o in shipped.objectives() if o.line_code == "2"]
    assert [r["code"] for r in records] == expected


def test_list_filtered_by_section(cli: Run, shipped: Catalogue) -> None:
    records = list_json(cli, "--section", "1.3")
    section = shipped.section("1.3")
    assert section is not None
    assert [r["code"] for r in records] == [o.code for o in section.objectives]
    assert {r["section"] for r in records} == {"1.3"}


def test_list_filtered_by_tag(cli: Run, shipped: Catalogue) -> None:
    records = list_json(cli, "--tag", "children")
    expected = [o.code for o in shipped.objectives() if "children" in o.tags]
    assert expected
    assert [r["code"] for r in records] == expected
    assert all("children" in r["tags"] for r in records)


def test_list_filters_combine(cli: Run) -> None:
    records = list_json(cli, "--line", "1", "--tag", "children")
    assert records
    assert all(r["line"] == "1" and "children" in r["tags"] for r in records)
    assert len(records) < len(list_json(cli, "--tag", "children"))


@pytest.mark.parametrize("width", [80, 120])
def test_list_is_one_line_an_objective_at_any_width(
    cli: Run, shipped: Catalogue, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    from rich.cells import cell_len

    monkeypatch.setenv("COLUMNS", str(width))
    lines = cli("catalogue", "list").stdout.splitlines()
    objectives = list(shipped.objectives())
    # The title (wrapped at 80 columns), then one line an objective.
    title = f"{shipped.title['en']} ({shipped.ref}): 140 objectives"
    start = 1 if width > len(title) else 2
    assert " ".join(lines[:start]) == title
    assert len(lines) == start + len(objectives)
    for line, objective in zip(lines[start:], objectives, strict=True):
        assert cell_len(line) <= width, line
        assert line.startswith(f"{objective.code}  "), line
        whole = " ".join(objective.text["en"].split())
        assert line.endswith("…") or line.endswith(whole), line
    assert any("(not selectable: monitoring milestone)" in line for line in lines)
    assert any("(gender equality)" in line for line in lines)


def test_list_wrap_shows_the_whole_texts_and_tags(
    cli: Run, shipped: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    text = " ".join(cli("catalogue", "list", "--wrap", "--section", "1.1").stdout.split())
    for word in text_of(shipped, "1.1.b", "en").split()[-4:]:
        assert word in text
    assert "death-penalty" in text and "…" not in text


def test_list_in_dutch(cli: Run, shipped: Catalogue) -> None:
    records = list_json(cli, "--lang", "nl", "--section", "1.1")
    by_code = {r["code"]: r["text"] for r in records}
    assert by_code["1.1.a"] == text_of(shipped, "1.1.a", "nl")
    assert "doodstraf" in by_code["1.1.a"]
    text = cli("catalogue", "list", "--lang", "nl", "--section", "1.1")
    assert text.code == 0
    assert "EU-actieplan" in text.stdout
    assert "doodstraf" in text.stdout


@pytest.mark.parametrize(
    ("option", "value", "suggestion"),
    [("--section", "1.9", "1.6"), ("--tag", "childrn", "children"), ("--tag", "Children", "")],
)
def test_list_unknown_filter_suggests(cli: Run, option: str, value: str, suggestion: str) -> None:
    result = cli("catalogue", "list", option, value)
    assert result.code == 2
    assert result.stdout == ""
    line = assert_one_error_line(result.stderr, "did you mean", repr(value))
    assert suggestion in line


def test_list_unknown_line(cli: Run) -> None:
    result = cli("catalogue", "list", "--line", "7")
    assert result.code == 2
    assert result.stdout == ""
    assert_one_error_line(result.stderr, "unknown line of action '7'")


# -- show ---------------------------------------------------------------------------------------


def test_show_objective_text(cli: Run, shipped: Catalogue) -> None:
    result = cli("catalogue", "show", "1.1.a")
    assert result.code == 0
    assert "1.1.a" in result.stdout
    assert "death penalty" in " ".join(result.stdout.split())
    assert "section 1.1:" in result.stdout
    assert "tags: death-penalty" in result.stdout
    assert "selectable as a priority: yes" in result.stdout


def test_show_objective_json(cli: Run, shipped: Catalogue) -> None:
    result = cli("catalogue", "show", "1.1.a", "--format", "json")
    assert result.code == 0
    record = as_json(result.stdout)
    assert record["kind"] == "objective"
    assert record["code"] == "1.1.a"
    assert record["section"] == "1.1"
    assert record["text"] == text_of(shipped, "1.1.a", "en")
    nl = as_json(cli("catalogue", "show", "1.1.a", "--format", "json", "--lang", "nl").stdout)
    assert nl["text"] == text_of(shipped, "1.1.a", "nl")


def test_show_section(cli: Run, shipped: Catalogue) -> None:
    section = shipped.section("1.1")
    assert section is not None
    record = as_json(cli("catalogue", "show", "1.1", "--format", "json").stdout)
    assert record["kind"] == "section"
    assert record["code"] == "1.1"
    assert record["title"] == section.title.en
    assert [o["code"] for o in record["objectives"]] == [o.code for o in section.objectives]
    text = cli("catalogue", "show", "1.1")
    assert text.code == 0
    assert "1.1.a" in text.stdout
    assert "1.1.b" in text.stdout
    assert "about democracy (HRD406): no" in text.stdout
    assert record["democracy"] is False
    democracy = as_json(cli("catalogue", "show", "2.2", "--format", "json").stdout)
    assert democracy["democracy"] is True


def test_show_line_with_restored_title(cli: Run) -> None:
    text = cli("catalogue", "show", "4")
    assert text.code == 0
    assert "NEW TECHNOLOGIES" in text.stdout
    assert "4.1" in text.stdout
    assert "4.2" in text.stdout
    record = as_json(cli("catalogue", "show", "4", "--format", "json").stdout)
    assert record["kind"] == "line"
    assert record["title"].startswith("NEW TECHNOLOGIES")
    assert [s["code"] for s in record["sections"]] == ["4.1", "4.2"]
    assert record["intro"]
    assert record["democracy"] is False
    assert "about democracy (HRD406): yes" in cli("catalogue", "show", "2").stdout
    nl = as_json(cli("catalogue", "show", "4", "--format", "json", "--lang", "nl").stdout)
    assert nl["title"].startswith("NIEUWE TECHNOLOGIEËN")


def test_show_milestone(cli: Run) -> None:
    text = cli("catalogue", "show", "5.2.b")
    assert text.code == 0
    assert "selectable as a priority: no" in text.stdout
    assert "June 2023" in text.stdout
    record = as_json(cli("catalogue", "show", "5.2.b", "--format", "json").stdout)
    assert record["selectable"] is False
    assert record["milestone"]["planning"] == "June 2023"
    assert record["milestone"]["when"] == "2023-06"
    nl = as_json(cli("catalogue", "show", "5.2.b", "--format", "json", "--lang", "nl").stdout)
    assert nl["milestone"]["planning"] == "juni 2023"


def test_show_is_case_insensitive(cli: Run) -> None:
    record = as_json(cli("catalogue", "show", "1.1.A", "--format", "json").stdout)
    assert record["code"] == "1.1.a"


@pytest.mark.parametrize("code", ["1.1.q", "6.1"])
def test_show_unknown_code(cli: Run, code: str) -> None:
    result = cli("catalogue", "show", code)
    assert result.code == 2
    assert result.stdout == ""
    assert_one_error_line(result.stderr, f"unknown code {code!r}", "did you mean")


def test_show_unknown_code_outside_the_repository(run: Run) -> None:
    result = run("catalogue", "show", "1.1.q", "--format", "json")
    assert result.code == 2
    assert result.stdout == ""
    line = assert_one_error_line(result.stderr, "did you mean")
    assert re.search(r"1\.1\.[a-p]", line)


# -- search -------------------------------------------------------------------------------------


def search_codes(cli: Run, *args: str) -> list[str]:
    result = cli("catalogue", "search", *args, "--format", "json")
    assert result.code == 0, result
    return [r["code"] for r in as_json(result.stdout)]


def test_search_ignores_accents(cli: Run, shipped: Catalogue) -> None:
    with_accent = search_codes(cli, "technologieën")
    assert with_accent == [o.code for o in shipped.search("technologieën")]
    assert with_accent
    assert search_codes(cli, "technologieen") == with_accent
    assert search_codes(cli, "TECHNOLOGIEEN") == with_accent


@pytest.mark.parametrize("query", ["death penalty", "doodstraf", "Doodstraf"])
def test_search_both_languages(cli: Run, query: str) -> None:
    assert "1.1.a" in search_codes(cli, query)


def test_search_json_records(cli: Run) -> None:
    result = cli("catalogue", "search", "doodstraf", "--format", "json", "--lang", "nl")
    records = as_json(result.stdout)
    assert records
    for record in records:
        assert set(record) >= RECORD_KEYS
    assert "doodstraf" in records[0]["text"]


def test_search_text(cli: Run) -> None:
    result = cli("catalogue", "search", "doodstraf")
    assert result.code == 0
    assert "1.1.a" in result.stdout
    assert re.search(r"\d+ objectives", result.stdout)


def test_search_without_hits(cli: Run) -> None:
    result = cli("catalogue", "search", "xylophone")
    assert result.code == 0
    assert "xylophone" in result.stderr
    assert "no objective matches" in result.stderr
    assert "1.1.a" not in result.stdout
    assert as_json(cli("catalogue", "search", "xylophone", "--format", "json").stdout) == []


# -- versions -----------------------------------------------------------------------------------


def test_versions_text(cli: Run) -> None:
    result = cli("catalogue", "versions")
    assert result.code == 0
    lines = result.stdout.strip().splitlines()
    (old,) = [line for line in lines if line.startswith(f"{DEFAULT_ID}@1.0.0 ")]
    (extended,) = [line for line in lines if line.startswith(f"{DEFAULT_ID}@1.1.0 ")]
    (corrected,) = [line for line in lines if line.startswith(f"{DEFAULT_ID}@1.1.1 ")]
    (new,) = [line for line in lines if line.startswith(f"{DEFAULT_ID}@1.2.0 ")]
    assert "newest" not in old and "plan 2020-2024" in old
    assert "newest" not in extended and "plan 2020-2027" in extended
    assert "follows 1.0.0" in extended
    assert "newest" not in corrected and "follows 1.1.0" in corrected
    assert "newest" in new and "plan 2020-2027" in new and "follows 1.1.1" in new


def test_versions_json(cli: Run) -> None:
    rows = as_json(cli("catalogue", "versions", "--format", "json").stdout)
    shipped = {r["version"]: r for r in rows if r["id"] == DEFAULT_ID}
    assert [r["newest"] for r in shipped.values()] == [False, False, False, True]
    assert shipped["1.1.0"]["previous"] == "1.0.0" and shipped["1.0.0"]["previous"] is None
    assert shipped["1.1.1"]["previous"] == "1.1.0"
    assert shipped["1.2.0"]["previous"] == "1.1.1"
    assert shipped["1.2.0"]["plan_period"] == {"start": 2020, "end": 2027}
    assert all(Path(r["path"]).is_file() for r in shipped.values())


# -- --catalogue-dir ----------------------------------------------------------------------------


def test_versions_lists_a_catalogue_dir(cli: Run, catalogue_dir: Path) -> None:
    (catalogue_dir / "test-plan" / "1.1.0.yaml").write_text(
        MINIMAL.read_text(encoding="utf-8").replace("version: 1.0.0", "version: 1.1.0"),
        encoding="utf-8",
    )
    text = cli("catalogue", "versions", "--catalogue-dir", catalogue_dir)
    assert text.code == 0
    lines = text.stdout.strip().splitlines()
    (old,) = [line for line in lines if line.startswith("test-plan@1.0.0 ")]
    (new,) = [line for line in lines if line.startswith("test-plan@1.1.0 ")]
    assert "Test Action Plan" in old and "newest" not in old
    assert new.endswith("newest)")
    assert any(line.startswith(f"{DEFAULT_ID}@1.2.0") for line in lines)
    rows = as_json(
        cli("catalogue", "versions", "--catalogue-dir", catalogue_dir, "--format", "json").stdout
    )
    newest = {(r["id"], r["version"]): r["newest"] for r in rows}
    assert newest[("test-plan", "1.0.0")] is False
    assert newest[("test-plan", "1.1.0")] is True
    assert newest[(DEFAULT_ID, "1.2.0")] is True


def test_list_a_catalogue_from_a_catalogue_dir(cli: Run, catalogue_dir: Path) -> None:
    result = cli(
        "catalogue",
        "list",
        "--catalogue",
        "test-plan",
        "--catalogue-dir",
        catalogue_dir,
        "--format",
        "json",
    )
    assert result.code == 0, result
    records = as_json(result.stdout)
    assert [r["code"] for r in records] == ["1.1.a", "1.1.b", "1.2.a", "2.1.a"]
    assert records[0]["text"] == "Work towards the abolition of the death penalty."
    assert records[-1]["selectable"] is False


def test_show_from_a_pinned_catalogue(cli: Run, catalogue_dir: Path) -> None:
    result = cli(
        "catalogue",
        "show",
        "1.2",
        "--catalogue",
        "test-plan@1.0.0",
        "--catalogue-dir",
        catalogue_dir,
        "--format",
        "json",
    )
    assert result.code == 0, result
    assert as_json(result.stdout)["title"] == "New technologies"


@pytest.mark.parametrize("runner", ["cli", "run"])
def test_malformed_catalogue_in_a_catalogue_dir(
    request: pytest.FixtureRequest, catalogue_dir: Path, runner: str
) -> None:
    invoke: Run = request.getfixturevalue(runner)
    path = catalogue_dir / "test-plan" / "1.0.0.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("- code: 1.1.b", "- code: 1.1.a"), encoding="utf-8")
    result = invoke(
        "catalogue", "list", "--catalogue", "test-plan", "--catalogue-dir", catalogue_dir
    )
    assert result.code == 2
    assert result.stdout == ""
    line = assert_one_error_line(result.stderr, "duplicate objective code 1.1.a")
    assert re.match(r"^catalogues/test-plan/1\.0\.0\.yaml:\d+:\d+: error: ", line), line


def test_catalogue_with_a_syntax_error_in_a_catalogue_dir(cli: Run, catalogue_dir: Path) -> None:
    path = catalogue_dir / "test-plan" / "1.0.0.yaml"
    path.write_text("id: test-plan\nversion: [1.0.0\n", encoding="utf-8")
    result = cli("catalogue", "list", "--catalogue", "test-plan", "--catalogue-dir", catalogue_dir)
    assert result.code == 2
    assert result.stdout == ""
    assert_one_error_line(result.stderr, "catalogues/test-plan/1.0.0.yaml:3:1: error:")


def test_unknown_catalogue(cli: Run) -> None:
    result = cli("catalogue", "list", "--catalogue", "no-such-plan")
    assert result.code == 2
    assert result.stdout == ""
    assert_one_error_line(result.stderr, "no-such-plan", DEFAULT_ID)


def test_missing_catalogue_dir(cli: Run, tmp_path: Path) -> None:
    result = cli("catalogue", "versions", "--catalogue-dir", tmp_path / "nowhere")
    assert result.code == 2
    assert_one_error_line(result.stderr, "nowhere", "does not exist")


# -- instruments --------------------------------------------------------------------------------


def test_show_objective_names_instrument_ids(cli: Run, shipped: Catalogue) -> None:
    # The ids are what a strategy's `instruments:` takes; the scaffold points here for them.
    result = cli("catalogue", "show", "1.1.c")
    assert result.code == 0
    lines = [line.strip() for line in result.stdout.splitlines()]
    assert "instruments:" in lines
    assert "hrd-support  Direct support to human rights defenders" in lines
    record = as_json(cli("catalogue", "show", "1.1.c", "--format", "json").stdout)
    assert record["instruments"] == ["hrd-support"]


def test_instruments_lists_every_id_and_title(run: Run, shipped: Catalogue) -> None:
    result = run("catalogue", "instruments")
    assert result.code == 0, result
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == [i.id for i in shipped.instruments]
    assert len(lines) == 21
    for line, instrument in zip(lines, shipped.instruments, strict=True):
        assert line.endswith(f"  {instrument.title.en}")
        assert line.index(instrument.title.en) == lines[0].index(shipped.instruments[0].title.en)


def test_instruments_in_dutch_and_as_json(cli: Run, shipped: Catalogue) -> None:
    dutch = cli("catalogue", "instruments", "--lang", "nl").stdout
    assert "human-rights-dialogue" in dutch
    assert "Mensenrechtendialogen" in dutch
    records = as_json(cli("catalogue", "instruments", "--format", "json").stdout)
    assert [r["id"] for r in records] == [i.id for i in shipped.instruments]
    support = next(r for r in records if r["id"] == "hrd-support")
    assert support["title"] == "Direct support to human rights defenders"
    assert "1.1.c" in support["objectives"]
    nl = as_json(cli("catalogue", "instruments", "--format", "json", "--lang", "nl").stdout)
    assert nl[0]["title"] == shipped.instruments[0].title.nl


def test_instruments_by_id(cli: Run, shipped: Catalogue) -> None:
    result = cli("catalogue", "instruments", "hrd-support", "public-diplomacy")
    assert result.code == 0
    order = [i.id for i in shipped.instruments if i.id in ("hrd-support", "public-diplomacy")]
    assert [line.split()[0] for line in result.stdout.splitlines()] == order  # catalogue order


def test_instruments_unknown_id(cli: Run) -> None:
    result = cli("catalogue", "instruments", "hrd-suport")
    assert result.code == 2
    assert result.stdout == ""
    assert_one_error_line(result.stderr, "unknown instrument 'hrd-suport'", "hrd-support")


def test_instruments_of_a_catalogue_from_a_catalogue_dir(cli: Run, catalogue_dir: Path) -> None:
    result = cli(
        "catalogue",
        "instruments",
        "--catalogue",
        "test-plan@1.0.0",
        "--catalogue-dir",
        catalogue_dir,
        "--format",
        "json",
    )
    assert result.code == 0, result
    assert as_json(result.stdout) == [
        {
            "id": "human-rights-dialogue",
            "title": "Human rights dialogues",
            "objectives": ["1.1.a", "1.2.a"],
        },
        {"id": "public-diplomacy", "title": "Public diplomacy", "objectives": ["1.2.a"]},
    ]


def test_unknown_instrument_rule_points_to_the_instruments_command(run: Run) -> None:
    result = run("rule", "HRD105")
    assert result.code == 0
    assert "hrdplan catalogue instruments" in " ".join(result.stdout.split())
