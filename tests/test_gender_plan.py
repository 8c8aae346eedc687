"""The EU Gender Action Plan III as shipped data (catalogue 1.2.0, `gender_plan:`): the data and
its sources, what the model refuses, the version rules, `hrdplan catalogue gender` and its
completion, and an organisation's catalogue carrying its own gender plan."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from conftest import HRDPLAN, MINIMAL_CATALOGUE, Run

from hrdplan.catalogue import diff_output
from hrdplan.catalogue.diff import diff
from hrdplan.catalogue.model import Catalogue
from hrdplan.catalogue.registry import DEFAULT_ID, Registry
from hrdplan.catalogue.versions import check, mapping, required_bump
from hrdplan.io import validate, yamlio
from hrdplan.io.errors import InputError

SHIPPED = Registry()
AREAS = ["gbv", "srhr", "economic-social", "participation", "wps", "green-digital"]

# An organisation's own gender plan (not GAP III): its own id, period and areas.
OWN_PLAN = """\
gender_plan:
  id: own-gender-plan
  title: {en: Own Gender Plan 2022-2026, nl: Eigen genderplan 2022-2026}
  source_document: OWN/GP/22
  adopted: 2022-02-01
  period: {start: 2022, end: 2026}
  target: 90
  areas:
    - id: care
      title: {en: Care work, nl: Zorgwerk}
    - id: land
      title: {en: Land rights, nl: Landrechten}
"""


def shipped(version: str) -> Catalogue:
    return SHIPPED.load(f"{DEFAULT_ID}@{version}")


def with_plan(plan: str = OWN_PLAN, *, version: str = "1.0.0", previous: str | None = None) -> str:
    """The small test catalogue with a gender plan appended (and another version, previous)."""
    text = MINIMAL_CATALOGUE.read_text(encoding="utf-8").replace(
        "version: 1.0.0\n",
        f"version: {version}\n" + (f"previous: {previous}\n" if previous else ""),
    )
    return text + plan


def parse(text: str) -> Catalogue:
    return validate.validate(Catalogue, yamlio.parse(text, "plan.yaml"))


def org_dir(tmp_path: Path, *versions: tuple[str, str]) -> Path:
    """A catalogue-dirs folder holding test-plan at the given (version, text) pairs."""
    folder = tmp_path / "catalogues"
    (folder / "test-plan").mkdir(parents=True)
    for version, text in versions:
        (folder / "test-plan" / f"{version}.yaml").write_text(text, encoding="utf-8")
    return folder


# -- (1) the shipped data -----------------------------------------------------------------------


def test_the_newest_shipped_version_carries_gap_iii() -> None:
    catalogue = SHIPPED.load()
    assert catalogue.ref == f"{DEFAULT_ID}@1.2.0"
    plan = catalogue.gender_plan
    assert plan is not None
    assert plan.id == "gap-iii"
    assert plan.source_document == "JOIN(2020) 17 final"
    assert plan.adopted.isoformat() == "2020-11-25"
    assert (plan.period.start, plan.period.end) == (2021, 2025)
    assert plan.extension is not None and plan.extension.end == 2027
    assert "until the end of 2027" in plan.extension.source
    assert plan.last_year == 2027
    assert (plan.target, plan.target_year) == (85, 2025)
    assert plan.title.en.startswith("EU Gender Action Plan (GAP) III")
    assert plan.title.nl.startswith("EU-genderactieplan (GAP) III")


def test_the_six_thematic_areas_in_both_languages() -> None:
    plan = SHIPPED.load().gender_plan
    assert plan is not None
    assert [a.id for a in plan.areas] == AREAS
    titles = {a.id: a.title for a in plan.areas}
    assert titles["gbv"].en == "Ensuring freedom from all forms of gender-based violence"
    assert titles["srhr"].en == "Promoting sexual and reproductive health and rights"
    assert titles["participation"].en == "Advancing equal participation and leadership"
    assert "Women, Peace and Security" in titles["wps"].en
    assert "green transition" in titles["green-digital"].en
    assert "digital transformation" in titles["green-digital"].en
    for area in plan.areas:
        assert area.title.nl and area.title.nl != area.title.en


def test_the_sources_are_named_in_the_file() -> None:
    text = SHIPPED.entry(f"{DEFAULT_ID}@1.2.0").path.read_text(encoding="utf-8")
    assert "JOIN(2020) 17 final" in text
    assert "SWD(2020) 284" in text
    assert "85% of all new actions" in text
    assert "until the end of 2027" in text
    # The Dutch area titles are a translation, and the file says so.
    assert "NOT its wording" in text


def test_only_the_gender_plan_was_added_to_1_1_1() -> None:
    old, new = shipped("1.1.1"), shipped("1.2.0")
    assert new.previous == "1.1.1"
    result = diff(old, new, renamed=mapping(old, "objective", [old, new]))
    assert [(m.field, m.old, m.new) for m in result.metadata] == [
        ("gender_plan", "none", "gap-iii")
    ]
    assert result.gender_areas.added == AREAS
    assert not result.objectives and not result.instruments and not result.tags
    assert [c.version for c in new.changelog][-1] == "1.2.0"


def test_versions_before_1_2_0_name_no_gender_plan() -> None:
    for version in ("1.0.0", "1.1.0", "1.1.1"):
        assert shipped(version).gender_plan is None


# -- (2) the model's refusals ------------------------------------------------------------------


def refused(text: str) -> str:
    with pytest.raises(InputError) as caught:
        parse(text)
    return str(caught.value)


def test_an_organisations_plan_is_valid() -> None:
    plan = parse(with_plan()).gender_plan
    assert plan is not None and [a.id for a in plan.areas] == ["care", "land"]
    assert plan.extension is None and plan.last_year == 2026 and plan.target_year is None


def test_a_duplicate_area_id_is_refused() -> None:
    text = with_plan(OWN_PLAN.replace("id: land", "id: care"))
    assert "duplicate gender area code care" in refused(text)


def test_a_target_over_100_percent_is_refused() -> None:
    message = refused(with_plan(OWN_PLAN.replace("target: 90", "target: 101")))
    assert "plan.yaml:" in message and "100" in message


def test_an_extension_that_does_not_extend_is_refused() -> None:
    plan = OWN_PLAN.replace("  target: 90\n", "  extension: {end: 2026, source: X}\n  target: 90\n")
    assert "no later than the period (2026)" in refused(with_plan(plan))


def test_an_area_id_must_be_kebab_case() -> None:
    assert "plan.yaml:" in refused(with_plan(OWN_PLAN.replace("id: land", "id: Land Rights")))


def test_a_plan_without_areas_is_refused() -> None:
    plan = OWN_PLAN[: OWN_PLAN.index("  areas:")] + "  areas: []\n"
    assert "plan.yaml:" in refused(with_plan(plan))


# -- (3) versions -------------------------------------------------------------------------------


def bump(old_plan: str | None, new_plan: str | None) -> str | None:
    old = parse(with_plan(old_plan or ""))
    new = parse(with_plan(new_plan or "", version="9.9.9"))
    return required_bump(diff(old, new, renamed=mapping(old, "objective", [old, new])))


def test_adding_a_gender_plan_needs_a_minor_version() -> None:
    assert bump(None, OWN_PLAN) == "minor"


def test_removing_a_gender_plan_or_an_area_needs_a_major_version() -> None:
    # A strategy's `gender.gap` may name the areas: like a removed objective.
    assert bump(OWN_PLAN, None) == "major"
    one_area = OWN_PLAN[: OWN_PLAN.index("    - id: land")]
    assert bump(OWN_PLAN, one_area) == "major"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("target: 90", "target: 85"),
        ("period: {start: 2022, end: 2026}", "period: {start: 2022, end: 2027}"),
        ("  target: 90\n", "  extension: {end: 2028, source: A decision}\n  target: 90\n"),
        (
            "      title: {en: Land rights, nl: Landrechten}\n",
            "      title: {en: Land rights, "
            "nl: Landrechten}\n    - id: water\n      title: {en: Water, nl: Water}\n",
        ),
    ],
    ids=["target", "period", "extension", "area-added"],
)
def test_what_strategies_are_checked_against_needs_a_minor_version(old: str, new: str) -> None:
    assert bump(OWN_PLAN, OWN_PLAN.replace(old, new)) == "minor"


def test_rewording_an_area_or_the_title_is_a_patch() -> None:
    assert bump(OWN_PLAN, OWN_PLAN.replace("nl: Zorgwerk", "nl: Zorgarbeid")) == "patch"
    assert bump(OWN_PLAN, OWN_PLAN.replace("en: Own Gender Plan", "en: Our Gender Plan")) == "patch"


def test_a_patch_release_that_changes_the_target_breaks_the_rules(tmp_path: Path) -> None:
    folder = org_dir(
        tmp_path,
        ("1.0.0", with_plan()),
        (
            "1.0.1",
            with_plan(
                OWN_PLAN.replace("target: 90", "target: 85"), version="1.0.1", previous="1.0.0"
            ),
        ),
    )
    registry = Registry([folder])
    (problem,) = check(registry, registry.load("test-plan@1.0.1"))
    assert "is a patch release, but the changes need a minor one" in problem.message
    assert "gender_plan.target 90% -> 85%" in problem.message


def test_the_shipped_1_2_0_follows_the_rules() -> None:
    assert check(SHIPPED, shipped("1.2.0")) == []


def test_diff_text_and_json_show_the_addition(run: Run) -> None:
    result = run("catalogue", "diff", "1.1.1", "1.2.0")
    assert result.code == 0, result
    lines = result.stdout.splitlines()
    assert "  gender_plan: none -> gap-iii" in lines
    assert "gender plan areas:" in lines
    assert any(line.startswith("  added     wps  Integrating the Women, Peace") for line in lines)
    assert lines[-1] == "needs at least a minor version bump"
    data = json.loads(run("catalogue", "diff", "1.1.1", "1.2.0", "--format", "json").stdout)
    assert data["metadata"] == [{"field": "gender_plan", "from": "none", "to": "gap-iii"}]
    assert data["gender_areas"]["added"] == AREAS
    assert data["bump"] == "minor"


def test_diff_text_of_a_changed_plan() -> None:
    old = parse(with_plan())
    new = parse(with_plan(OWN_PLAN.replace("target: 90", "target: 85"), version="1.1.0"))
    text = diff_output.text(diff(old, new, renamed=mapping(old, "objective", [old, new])))
    assert "  gender_plan.target: 90% -> 85%" in text.splitlines()


# -- (4) `hrdplan catalogue gender` -------------------------------------------------------------


def test_gender_text_in_english(run: Run) -> None:
    result = run("catalogue", "gender")
    assert result.code == 0, result
    out = result.stdout
    assert "gap-iii (eu-hrd-2020-2024@1.2.0)" in out
    assert "EU Gender Action Plan (GAP) III" in out
    assert "source: JOIN(2020) 17 final of 2020-11-25" in out
    assert "period: 2021-2025, extended to 2027" in out
    assert "target: 85% of new actions at gender marker 1 or 2 by 2025" in out
    for ident in AREAS:
        assert f" {ident} " in out
    assert "Advancing equal participation and leadership" in out


def test_gender_text_in_dutch(run: Run) -> None:
    result = run("catalogue", "gender", "--lang", "nl")
    assert result.code == 0, result
    assert "EU-genderactieplan (GAP) III" in result.stdout
    assert "Seksuele en reproductieve gezondheid en rechten bevorderen" in result.stdout
    assert "Promoting sexual" not in result.stdout


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_gender_json(run: Run, lang: str) -> None:
    result = run("catalogue", "gender", "--format", "json", "--lang", lang)
    assert result.code == 0, result
    data = json.loads(result.stdout)
    plan = SHIPPED.load().gender_plan
    assert plan is not None
    assert data["id"] == "gap-iii"
    assert data["title"] == plan.title[lang]  # type: ignore[index]
    assert data["source_document"] == "JOIN(2020) 17 final"
    assert data["period"] == {"start": 2021, "end": 2025}
    assert data["extension"]["end"] == 2027
    assert data["in_force_until"] == 2027
    assert data["target"] == {"percent": 85, "by": 2025}
    assert [a["id"] for a in data["areas"]] == AREAS
    assert [a["title"] for a in data["areas"]] == [a.title[lang] for a in plan.areas]  # type: ignore[index]


def test_gender_of_chosen_areas(run: Run) -> None:
    data = json.loads(run("catalogue", "gender", "wps", "gbv", "--format", "json").stdout)
    assert [a["id"] for a in data["areas"]] == ["gbv", "wps"]  # in the plan's order


def test_an_unknown_area_is_an_error_with_a_suggestion(run: Run) -> None:
    result = run("catalogue", "gender", "gvb")
    assert result.code == 2
    assert result.stdout == ""
    assert "unknown gender plan area 'gvb' in eu-hrd-2020-2024@1.2.0 (gap-iii)" in result.stderr
    assert "did you mean gbv" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_catalogue_without_a_plan_says_so(run: Run) -> None:
    # Not an error (older versions and an organisation's catalogue may name none): exit 0.
    result = run("catalogue", "gender", "--catalogue", f"{DEFAULT_ID}@1.1.1")
    assert result.code == 0, result
    assert result.stdout == ""
    assert result.stderr.strip() == f"{DEFAULT_ID}@1.1.1 names no gender action plan"
    data = run("catalogue", "gender", "--catalogue", f"{DEFAULT_ID}@1.1.1", "--format", "json")
    assert (data.code, data.stdout.strip()) == (0, "null")


def test_an_area_of_a_catalogue_without_a_plan_is_an_error(run: Run) -> None:
    result = run("catalogue", "gender", "wps", "--catalogue", f"{DEFAULT_ID}@1.0.0")
    assert result.code == 2
    assert "names no gender action plan, so no area 'wps'" in result.stderr


def test_help_says_what_it_shows(run: Run) -> None:
    result = run("catalogue", "gender", "--help")
    assert result.code == 0
    assert "thematic areas" in result.stdout and "gender.gap" in result.stdout
    assert "gender" in run("catalogue", "--help").stdout


# -- (5) an organisation's catalogue ------------------------------------------------------------


def test_an_organisations_catalogue_carries_its_own_plan(run: Run, tmp_path: Path) -> None:
    folder = org_dir(tmp_path, ("1.0.0", with_plan()))
    args = ("--catalogue-dir", folder, "--catalogue", "test-plan@1.0.0")
    result = run("catalogue", "gender", *args, "--format", "json")
    assert result.code == 0, result
    data = json.loads(result.stdout)
    assert (data["id"], data["target"], data["extension"]) == (
        "own-gender-plan",
        {"percent": 90, "by": None},
        None,
    )
    assert [a["id"] for a in data["areas"]] == ["care", "land"]
    text = run("catalogue", "gender", *args, "--lang", "nl")
    assert "Eigen genderplan 2022-2026" in text.stdout and "Landrechten" in text.stdout
    assert "period: 2022-2026 " in text.stdout and "extended" not in text.stdout
    assert "thematic areas of engagement (2); `gender.gap` names them by id:" in text.stdout


def test_an_organisations_catalogue_without_a_plan(run: Run, tmp_path: Path) -> None:
    folder = org_dir(tmp_path, ("1.0.0", with_plan("")))
    result = run("catalogue", "gender", "--catalogue-dir", folder, "--catalogue", "test-plan")
    assert (result.code, result.stderr.strip()) == (
        0,
        "test-plan@1.0.0 names no gender action plan",
    )


def test_a_broken_plan_in_an_organisations_catalogue_is_one_line(run: Run, tmp_path: Path) -> None:
    folder = org_dir(tmp_path, ("1.0.0", with_plan(OWN_PLAN.replace("id: land", "id: care"))))
    result = run("catalogue", "gender", "--catalogue-dir", folder, "--catalogue", "test-plan")
    assert result.code == 2
    assert "1.0.0.yaml:" in result.stderr and "duplicate gender area code care" in result.stderr
    assert "Traceback" not in result.stderr


# -- completion ---------------------------------------------------------------------------------


def complete(line: str, cwd: Path) -> list[str]:
    words = line.split(" ")
    env = {
        **os.environ,
        "_HRDPLAN_COMPLETE": "complete_bash",
        "COMP_WORDS": line,
        "COMP_CWORD": str(len(words) - 1),
    }
    result = subprocess.run(
        [str(HRDPLAN)], capture_output=True, text=True, cwd=cwd, env=env, timeout=60, check=False
    )
    assert (result.returncode, result.stderr) == (0, "")
    return result.stdout.split()


@pytest.mark.process
def test_area_ids_complete(tmp_path: Path) -> None:
    assert complete("hrdplan catalogue gender ", tmp_path) == AREAS
    assert complete("hrdplan catalogue gender w", tmp_path) == ["wps"]


@pytest.mark.process
def test_area_ids_of_a_catalogue_without_a_plan_complete_nothing(tmp_path: Path) -> None:
    line = f"hrdplan catalogue gender --catalogue {DEFAULT_ID}@1.1.1 "
    assert complete(line, tmp_path) == []
