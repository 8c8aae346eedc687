"""The catalogue models reject anything malformed, at its line; look-ups into the shipped
catalogue; where catalogues are found (hrdplan.catalogue.registry)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import MINIMAL_CATALOGUE

from hrdplan.catalogue.model import Catalogue, LineOfAction, Objective, Section, fold, version_key
from hrdplan.catalogue.registry import DEFAULT_ID, Registry
from hrdplan.io import validate, yamlio
from hrdplan.io.errors import InputError

MINIMAL = MINIMAL_CATALOGUE
MINIMAL_TEXT = MINIMAL.read_text(encoding="utf-8")


def parse_catalogue(text: str, name: str = "minimal.yaml") -> Catalogue:
    return validate.validate(Catalogue, yamlio.parse(text, name))


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """The 1-based line of the n-th line containing needle."""
    hits = [n for n, line in enumerate(text.splitlines(), 1) if needle in line]
    assert len(hits) >= occurrence, f"{needle!r} not in the text {occurrence} time(s)"
    return hits[occurrence - 1]


def block_lines(text: str, start: str, end: str) -> set[int]:
    """Lines from the one holding start to the next one holding end, inclusive."""
    first = line_of(text, start)
    lines = text.splitlines()
    last = next(n for n in range(first, len(lines) + 1) if end in lines[n - 1])
    return set(range(first, last + 1))


# -- the valid fixture --------------------------------------------------------------------------


def test_minimal_fixture_is_valid() -> None:
    catalogue = parse_catalogue(MINIMAL_TEXT)
    assert catalogue.ref == "test-plan@1.0.0"
    assert [line.code for line in catalogue.lines] == ["1", "2"]
    assert [s.code for s in catalogue.sections()] == ["1.1", "1.2", "2.1"]
    assert [o.code for o in catalogue.objectives()] == ["1.1.a", "1.1.b", "1.2.a", "2.1.a"]
    assert [o.code for o in catalogue.selectable()] == ["1.1.a", "1.1.b", "1.2.a"]
    assert {i.id for i in catalogue.instruments} == {"human-rights-dialogue", "public-diplomacy"}
    milestone = catalogue.objective("2.1.a")
    assert milestone is not None and milestone.milestone is not None
    assert milestone.milestone.first_year == 2023
    girls = catalogue.objective("1.1.b")
    assert girls is not None
    assert girls.text["nl"].startswith("Beschermen")
    assert girls.text["en"].startswith("Protect")


# -- democracy: catalogue data for HRD406 -------------------------------------------------------


def test_lines_and_sections_can_be_marked_democracy() -> None:
    assert parse_catalogue(MINIMAL_TEXT).democracy_codes() == ()  # marks none: none
    text = MINIMAL_TEXT.replace("  - code: '2'\n", "  - code: '2'\n    democracy: true\n").replace(
        "      - code: '1.2'\n", "      - code: '1.2'\n        democracy: true\n"
    )
    catalogue = parse_catalogue(text)
    assert catalogue.democracy_codes() == ("1.2", "2")
    line = catalogue.line("2")
    assert line is not None and line.democracy
    assert [
        c
        for c in ("1", "1.1", "1.1.a", "1.2", "1.2.a", "2", "2.1", "2.1.a", "2.9.z")
        if catalogue.is_democracy(c)
    ] == ["1.2", "1.2.a", "2", "2.1", "2.1.a", "2.9.z"]


def test_a_section_of_a_marked_line_is_not_repeated() -> None:
    text = MINIMAL_TEXT.replace("  - code: '2'\n", "  - code: '2'\n    democracy: true\n").replace(
        "      - code: '2.1'\n", "      - code: '2.1'\n        democracy: true\n"
    )
    assert parse_catalogue(text).democracy_codes() == ("2",)


@pytest.mark.parametrize("version", ["1.0.0", "1.1.0", "1.1.1", "1.2.0"])
def test_the_shipped_plan_has_line_2_as_democracy(version: str) -> None:
    catalogue = Registry().load(f"{DEFAULT_ID}@{version}")
    assert catalogue.democracy_codes() == ("2",)
    line = catalogue.line("2")
    assert line is not None
    # Marked in the data from 1.1.1 on; the versions published before are read as marking it.
    assert line.democracy is (version not in ("1.0.0", "1.1.0"))
    assert catalogue.is_democracy("2.2.a") and not catalogue.is_democracy("1.1.j")


def test_only_the_shipped_versions_before_the_mark_default_to_line_2() -> None:
    # An organisation's catalogue that marks nothing has no democracy line, whatever its id.
    text = Registry().entry(f"{DEFAULT_ID}@1.1.1").path.read_text(encoding="utf-8")
    unmarked = text.replace("  democracy: true\n", "", 1)
    assert unmarked != text
    assert parse_catalogue(unmarked).democracy_codes() == ()


# -- malformed catalogues -----------------------------------------------------------------------


@dataclass(frozen=True)
class Mutation:
    replacements: tuple[tuple[str, str], ...]
    message: tuple[str, ...]  # fragments the message must hold
    lines: frozenset[int]  # where the problem may be reported (in the mutated text)

    def apply(self) -> str:
        text = MINIMAL_TEXT
        for old, new in self.replacements:
            assert text.count(old) == 1, f"{old!r} must occur once in the fixture"
            text = text.replace(old, new)
        return text


def _mutation(
    replacements: list[tuple[str, str]],
    message: list[str],
    where: set[int] | None = None,
) -> Mutation:
    return Mutation(tuple(replacements), tuple(message), frozenset(where or ()))


def _mutations() -> dict[str, Mutation]:
    t = MINIMAL_TEXT
    dup = t.replace("- code: 1.1.b", "- code: 1.1.a")
    text_line = line_of(t, "text: {en: Work towards the abolition")
    return {
        # parent/child consistency: at the offending child or at the parent that holds it
        "duplicate-objective-code": _mutation(
            [("- code: 1.1.b", "- code: 1.1.a")],
            ["duplicate objective code 1.1.a"],
            {line_of(dup, "- code: '1.1'"), line_of(dup, "- code: 1.1.a", 2)},
        ),
        "objective-not-in-its-section": _mutation(
            [("- code: 1.2.a", "- code: 1.3.a")],
            ["1.3.a", "does not belong to section 1.2"],
            {line_of(t, "- code: '1.2'"), line_of(t, "- code: 1.2.a")},
        ),
        "section-not-in-its-line": _mutation(
            [("- code: '2.1'", "- code: '3.1'"), ("- code: 2.1.a", "- code: 3.1.a")],
            ["section 3.1", "does not belong to line 2"],
            {line_of(t, "- code: '2'"), line_of(t, "- code: '2.1'")},
        ),
        "missing-dutch-text": _mutation(
            [(", nl: Streven naar afschaffing van de doodstraf.}", "}")],
            ["text.nl", "required field is missing"],
            {text_line},
        ),
        "missing-english-text": _mutation(
            [("{en: Work towards the abolition of the death penalty., nl:", "{nl:")],
            ["text.en", "required field is missing"],
            {text_line},
        ),
        "empty-text": _mutation(
            [("nl: Streven naar afschaffing van de doodstraf.", "nl: ''")],
            ["objectives[0].text.nl", "must not be empty"],
            {text_line},
        ),
        "blank-text": _mutation(
            [("en: Protect the rights of girls and boys.", "en: '   '")],
            ["objectives[1].text.en", "must not be empty"],
            {line_of(t, "en: Protect the rights")},
        ),
        "unknown-instrument": _mutation(
            [("[public-diplomacy, human-rights-dialogue]", "[public-diplomacy, trial-monitoring]")],
            ["1.2.a", "unknown instrument 'trial-monitoring'"],
            block_lines(t, "- code: 1.2.a", "instruments:"),
        ),
        "version-not-semver": _mutation(
            [("version: 1.0.0", "version: '1.0'")],
            ["version"],
            {line_of(t, "version: 1.0.0")},
        ),
        "version-as-number": _mutation(
            [("version: 1.0.0", "version: 1.0")],
            ["version"],
            {line_of(t, "version: 1.0.0")},
        ),
        "unknown-key": _mutation(
            [
                (
                    "            gender_equality: true\n",
                    "            gender_equality: true\n            colour: blue\n",
                )
            ],
            ["objectives[1].colour", "unknown key"],
            {line_of(t, "gender_equality: true") + 1},
        ),
        "milestone-left-selectable": _mutation(
            [("            selectable: false\n", "")],
            ["2.1.a", "milestone must not be selectable"],
            block_lines(t, "- code: 2.1.a", "milestone:"),
        ),
        "democracy-not-a-boolean": _mutation(
            [("  - code: '2'\n", "  - code: '2'\n    democracy: often\n")],
            ["democracy"],
            {line_of(t, "  - code: '2'") + 1},
        ),
        "milestone-marked-selectable": _mutation(
            [("            selectable: false\n", "            selectable: true\n")],
            ["2.1.a", "milestone must not be selectable"],
            block_lines(t, "- code: 2.1.a", "milestone:"),
        ),
    }


MUTATIONS = _mutations()
# Problems found by the catalogue-wide check are reported at the top of the file.


def rejected(mutation: Mutation) -> InputError:
    with pytest.raises(InputError) as info:
        parse_catalogue(mutation.apply())
    err = info.value
    assert str(err).startswith("minimal.yaml:")
    return err


@pytest.mark.parametrize("name", list(MUTATIONS))
def test_malformed_catalogue_is_rejected_naming_the_problem(name: str) -> None:
    err = rejected(MUTATIONS[name])
    (problem,) = err.problems
    assert problem.file == "minimal.yaml"
    for fragment in MUTATIONS[name].message:
        assert fragment in problem.message
    assert problem.line is not None and problem.column is not None
    assert str(err).count("\n") == 0  # one line per problem


@pytest.mark.parametrize("name", list(MUTATIONS))
def test_malformed_catalogue_problem_has_the_right_line(name: str) -> None:
    (problem,) = rejected(MUTATIONS[name]).problems
    assert problem.line is not None and problem.line in MUTATIONS[name].lines


def test_several_problems_are_each_reported() -> None:
    text = MINIMAL_TEXT.replace("version: 1.0.0", "version: '1.0'").replace(
        "en: Protect the rights of girls and boys.", "en: ''"
    )
    with pytest.raises(InputError) as info:
        parse_catalogue(text)
    lines = str(info.value).splitlines()
    assert len(lines) == len(info.value.problems) == 2
    assert lines[0].startswith(f"minimal.yaml:{line_of(text, 'version:')}:")


def test_a_catalogue_that_is_not_a_mapping_is_rejected() -> None:
    with pytest.raises(InputError) as info:
        parse_catalogue("- just\n- a list\n")
    assert "expected a mapping" in str(info.value)


# -- look-ups into the shipped catalogue --------------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> Catalogue:
    return Registry().load()


def test_shipped_catalogue_shape(shipped: Catalogue) -> None:
    assert shipped.ref == f"{DEFAULT_ID}@1.2.0"  # the newest
    assert [line.code for line in shipped.lines] == ["1", "2", "3", "4", "5"]
    assert len(list(shipped.sections())) == 20
    assert len(list(shipped.objectives())) == 140


def test_find_objective_section_and_line(shipped: Catalogue) -> None:
    objective = shipped.find("1.1.a")
    assert isinstance(objective, Objective)
    assert objective.code == "1.1.a"
    assert "death penalty" in objective.text.en
    assert "doodstraf" in objective.text.nl
    section = shipped.find("4.2")
    assert isinstance(section, Section)
    assert section.code == "4.2"
    line = shipped.find("4")
    assert isinstance(line, LineOfAction)
    assert "NEW TECHNOLOGIES" in line.title.en
    assert shipped.find(" 1.1.A ") is objective
    assert shipped.find("9.9.z") is None


def test_typed_look_ups_return_only_their_kind(shipped: Catalogue) -> None:
    assert shipped.objective("2.1.a") is not None
    assert shipped.objective("2.1") is None
    assert shipped.section("2.1") is not None
    assert shipped.section("2.1.a") is None
    assert shipped.section("2") is None
    assert shipped.line("2") is not None
    assert shipped.line("2.1") is None
    assert shipped.instrument("human-rights-dialogue") is not None
    assert shipped.instrument("no-such-instrument") is None


def test_selectable_excludes_the_milestones(shipped: Catalogue) -> None:
    selectable = {o.code for o in shipped.selectable()}
    milestones = {o.code for o in shipped.objectives() if o.section_code == "5.2"}
    assert milestones == {f"5.2.{letter}" for letter in "abcdefghi"}
    assert selectable.isdisjoint(milestones)
    assert selectable | milestones == {o.code for o in shipped.objectives()}
    assert "5.1.a" in selectable


def test_suggest_codes(shipped: Catalogue) -> None:
    suggestions = shipped.suggest_codes("1.1.q")
    assert suggestions
    assert all(shipped.find(code) is not None for code in suggestions)
    assert all(code.startswith("1.1") for code in suggestions)
    assert not any(
        code.startswith("5.2.") for code in shipped.suggest_codes("5.2.z", selectable_only=True)
    )
    assert shipped.suggest_codes("completely different") == []


def codes(objectives: list[Objective]) -> list[str]:
    return [o.code for o in objectives]


def test_search_ignores_accents_and_case(shipped: Catalogue) -> None:
    with_accent = codes(shipped.search("technologieën"))
    assert with_accent
    assert codes(shipped.search("technologieen")) == with_accent
    assert codes(shipped.search("TECHNOLOGIEËN")) == with_accent
    for code in with_accent:
        objective = shipped.objective(code)
        assert objective is not None
        assert "technologieen" in fold(objective.text.nl + objective.text.en + code)


@pytest.mark.parametrize("query", ["death penalty", "Death PENALTY", "doodstraf", "DOODSTRAF"])
def test_search_in_english_and_dutch(shipped: Catalogue, query: str) -> None:
    assert "1.1.a" in codes(shipped.search(query))


def test_search_requires_every_word(shipped: Catalogue) -> None:
    broad = set(codes(shipped.search("children")))
    narrow = set(codes(shipped.search("children digital")))
    assert narrow < broad
    assert shipped.search("") == []
    assert shipped.search("xylophone") == []


def test_version_key_orders_numerically() -> None:
    assert version_key("1.10.0") > version_key("1.9.0")
    assert version_key("2.0.0") > version_key("1.99.99")
    assert sorted(["1.10.0", "1.9.0", "1.2.3", "0.9.12"], key=version_key) == [
        "0.9.12",
        "1.2.3",
        "1.9.0",
        "1.10.0",
    ]
    with pytest.raises(ValueError, match="not a semantic version"):
        version_key("1.0")


# -- the registry -------------------------------------------------------------------------------


def put(folder: Path, ident: str, version: str, text: str = MINIMAL_TEXT) -> Path:
    path = folder / ident / f"{version}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def adjusted(ident: str = "test-plan", version: str = "1.0.0") -> str:
    return MINIMAL_TEXT.replace("id: test-plan", f"id: {ident}").replace(
        "version: 1.0.0", f"version: {version}"
    )


def test_unknown_catalogue_id_names_what_is_available() -> None:
    with pytest.raises(LookupError) as info:
        Registry().load("no-such-plan")
    assert "no-such-plan" in str(info.value)
    assert DEFAULT_ID in str(info.value)


def test_unknown_version_names_what_is_available() -> None:
    with pytest.raises(LookupError) as info:
        Registry().load(f"{DEFAULT_ID}@9.9.9")
    assert "9.9.9" in str(info.value)
    assert "1.0.0" in str(info.value)


def test_catalogue_folder_is_discovered(tmp_path: Path) -> None:
    put(tmp_path, "test-plan", "1.0.0")
    put(tmp_path, "my-plan", "1.9.0", adjusted("my-plan", "1.9.0"))
    put(tmp_path, "my-plan", "1.10.0", adjusted("my-plan", "1.10.0"))
    (tmp_path / "my-plan" / "draft.yaml").write_text("not: a catalogue\n", encoding="utf-8")
    registry = Registry([tmp_path])
    assert registry.ids() == sorted([DEFAULT_ID, "my-plan", "test-plan"])
    assert registry.versions("my-plan") == ["1.9.0", "1.10.0"]
    assert registry.newest("my-plan").version == "1.10.0"
    assert registry.load("test-plan").ref == "test-plan@1.0.0"
    assert registry.load("my-plan").ref == "my-plan@1.10.0"
    assert registry.load("my-plan@1.9.0").ref == "my-plan@1.9.0"
    assert [o.code for o in registry.load("test-plan").objectives()] == [
        "1.1.a",
        "1.1.b",
        "1.2.a",
        "2.1.a",
    ]
    # the shipped catalogue is still there
    assert registry.load().ref == f"{DEFAULT_ID}@1.2.0"


def test_file_whose_id_disagrees_with_its_folder_is_rejected(tmp_path: Path) -> None:
    put(tmp_path, "other-plan", "1.0.0")
    with pytest.raises(InputError) as info:
        Registry([tmp_path]).load("other-plan")
    (problem,) = info.value.problems
    assert "id is 'test-plan'" in problem.message
    assert "other-plan" in problem.message
    assert problem.line == line_of(MINIMAL_TEXT, "id: test-plan")
    assert problem.file.endswith("other-plan/1.0.0.yaml")


def test_file_whose_version_disagrees_with_its_name_is_rejected(tmp_path: Path) -> None:
    put(tmp_path, "test-plan", "2.0.0")
    with pytest.raises(InputError) as info:
        Registry([tmp_path]).load("test-plan")
    (problem,) = info.value.problems
    assert "version is '1.0.0'" in problem.message
    assert "2.0.0" in problem.message
    assert problem.line == line_of(MINIMAL_TEXT, "version: 1.0.0")


def test_missing_catalogue_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        Registry([tmp_path / "nowhere"])
