"""The shipped catalogue against the Action Plan's text: nothing missed, invented or altered,
in every shipped version.

The Dutch texts of the catalogue must equal the seed's, except for the typing errors the
catalogue lists in `errata`; each erratum must apply exactly once.
"""

from __future__ import annotations

import hashlib
from collections import Counter

import pytest
from seed import Seed, read_seed

from hrdplan.catalogue.model import Catalogue, Objective
from hrdplan.catalogue.registry import DEFAULT_ID, Registry


@pytest.fixture(scope="module")
def seed() -> Seed:
    return read_seed()


SHIPPED = Registry().versions("eu-hrd-2020-2024")
# The plan period of each shipped version: 1.1.0 has the Council's extension to 2027 (see its
# changelog); 1.1.1 corrects typing errors; 1.2.0 adds the gender action plan. A new version must
# be added here, which makes its metadata a reviewed decision.
PLAN_PERIOD = {
    "1.0.0": (2020, 2024),
    "1.1.0": (2020, 2027),
    "1.1.1": (2020, 2027),
    "1.2.0": (2020, 2027),
}

# Published versions never change (a strategy pinned to one keeps meaning what it meant): a
# correction is a new version. The SHA-256 of each published file.
PUBLISHED = {
    "1.0.0": "0660b6d75bdd49cf04bef422fca0b2862f1adf9711e49955fba764c710213681",
    "1.1.0": "b16b13e38c05575d405eef45650c7780af706e580d2574931dfa42a78970e4aa",
    "1.1.1": "c141e895effd94603f28295287c9f1e8c995a8f55ad732aa9add880add003aa8",
}

# Every typing error of the source text found so far, as (code, wrong, right): the newest
# version corrects them all. A new find goes here and into a new patch version's `errata:`.
TYPING_ERRORS = {
    ("1:intro", "Individen", "Individuen"),
    ("1.1.b", "ontorende", "onterende"),
    ("1.1.e", "harder inspanningen", "harder inspannen"),
    ("1.1.j", "verplichting tot", "verplichtingen tot"),
    ("1.2.d", "Beplemen", "Bepleiten"),
    ("1.6", "verantwoordingskort", "verantwoordingstekort"),
    ("1.6.f", "buitengerechterlijke", "buitengerechtelijke"),
    ("2:intro", "stelen", "stoelen"),
    ("2.2.c", "dialogoog", "dialoog"),
    ("3.5.e", "leer materiaal", "leermateriaal"),
    ("4:intro", "kinderoitbuiting", "kinderuitbuiting"),
    ("4.1.c", "verboden", "verbonden"),
    ("4.2.e", "onlinencensuur", "onlinecensuur"),
    ("5.2.i", "ontwikkelings-samenwerking", "ontwikkelingssamenwerking"),
}


@pytest.fixture(scope="module", params=SHIPPED)
def catalogue(request: pytest.FixtureRequest) -> Catalogue:
    return Registry().load(f"eu-hrd-2020-2024@{request.param}")


def test_every_shipped_version_is_checked() -> None:
    assert list(PLAN_PERIOD) == SHIPPED


@pytest.mark.parametrize("version", list(PUBLISHED))
def test_published_versions_are_byte_identical(version: str) -> None:
    path = Registry().entry(f"{DEFAULT_ID}@{version}").path
    assert hashlib.sha256(path.read_bytes()).hexdigest() == PUBLISHED[version]


def test_the_newest_version_corrects_every_known_typing_error(seed: Seed) -> None:
    newest = Registry().load()
    assert {(e.code, e.wrong, e.right) for e in newest.errata} == TYPING_ERRORS
    for code, wrong, right in TYPING_ERRORS:
        text = _dutch(newest, code)
        assert right in text and wrong not in text.replace(right, ""), code
    assert "buitengerechtelijke executies" in _dutch(newest, "1.6.f")
    objective = newest.objective("1.6.f")
    assert objective is not None and "extrajudicial executions" in objective.text.en


def test_each_version_keeps_the_corrections_of_the_one_it_follows() -> None:
    registry = Registry()
    for version in SHIPPED:
        catalogue = registry.load(f"{DEFAULT_ID}@{version}")
        if catalogue.previous is not None:
            before = registry.load(f"{DEFAULT_ID}@{catalogue.previous}")
            assert set(before.errata) <= set(catalogue.errata), version


def _dutch(catalogue: Catalogue, code: str) -> str:
    """The Dutch text of an objective, section, line title or `<line>:intro`."""
    if code.endswith(":intro"):
        line = catalogue.line(code.split(":")[0])
        assert line is not None and line.intro is not None
        return line.intro.nl
    found = catalogue.find(code)
    assert found is not None, code
    return found.text.nl if isinstance(found, Objective) else found.title.nl


def unfix(catalogue: Catalogue, code: str, text: str) -> str:
    """The catalogue's text with its recorded corrections undone: the seed's text again."""
    for erratum in catalogue.errata:
        if erratum.code == code:
            assert text.count(erratum.right) == 1, f"{code}: {erratum.right!r} not found once"
            text = text.replace(erratum.right, erratum.wrong)
    return text


def test_every_section_has_exactly_the_seeds_letters(seed: Seed, catalogue: Catalogue) -> None:
    ours = {s.code: [o.letter for o in s.objectives] for s in catalogue.sections()}
    theirs: dict[str, list[str]] = {}
    for code in seed.items:
        section, _, letter = code.rpartition(".")
        theirs.setdefault(section, []).append(letter)
    assert ours == theirs
    assert len(ours) == 20
    assert sum(map(len, ours.values())) == 140


@pytest.mark.parametrize("code", sorted(read_seed().items))
def test_objective_text_is_the_seeds(code: str, seed: Seed, catalogue: Catalogue) -> None:
    objective = catalogue.objective(code)
    assert objective is not None, f"{code} missing from the catalogue"
    assert unfix(catalogue, code, objective.text.nl) == seed.items[code].text
    assert objective.text.en.strip(), f"{code} has no English text"


def test_section_titles_are_the_seeds(seed: Seed, catalogue: Catalogue) -> None:
    for section in catalogue.sections():
        assert unfix(catalogue, section.code, section.title.nl) == seed.sections[section.code]


def test_line_titles_and_intros(seed: Seed, catalogue: Catalogue) -> None:
    for line in catalogue.lines:
        if line.code in seed.lines:
            assert unfix(catalogue, line.code, line.title.nl) == seed.lines[line.code]
        assert line.intro is not None
        assert unfix(catalogue, f"{line.code}:intro", line.intro.nl) == seed.line_intros[line.code]


def test_chapter_four_heading_is_restored(seed: Seed, catalogue: Catalogue) -> None:
    assert "4" not in seed.lines  # the seed lacks it ...
    line = catalogue.line("4")
    assert line is not None  # ... the catalogue restores it from the Council conclusions' words
    assert "NIEUWE TECHNOLOGIEËN" in line.title.nl
    assert "NEW TECHNOLOGIES" in line.title.en


def test_each_erratum_is_a_real_correction(seed: Seed, catalogue: Catalogue) -> None:
    originals = {**seed.items}
    for erratum in catalogue.errata:
        assert erratum.wrong != erratum.right
        code = erratum.code
        if code in originals:
            source = originals[code].text
        elif code.endswith(":intro"):
            source = seed.line_intros[code.split(":")[0]]
        else:
            source = {**seed.sections, **seed.lines}[code]
        assert erratum.wrong in source, f"{code}: {erratum.wrong!r} is not in the seed"
    counts = Counter((e.code, e.wrong) for e in catalogue.errata)
    assert max(counts.values()) == 1


def test_monitoring_milestones(seed: Seed, catalogue: Catalogue) -> None:
    section = catalogue.section("5.2")
    assert section is not None
    for objective in section.objectives:
        item = seed.items[objective.code]
        assert not objective.selectable
        assert objective.milestone is not None
        assert objective.milestone.title.nl == item.heading
        assert objective.milestone.planning.nl == item.planning
    annual = catalogue.objective("5.2.a")
    mid_term = catalogue.objective("5.2.b")
    final = catalogue.objective("5.2.c")
    assert annual and annual.milestone and annual.milestone.every_year
    assert annual.milestone.when == "2021-06"
    assert mid_term and mid_term.milestone and mid_term.milestone.when == "2023-06"
    assert final and final.milestone and final.milestone.when == "2025-06"
    assert all(o.selectable for o in catalogue.objectives() if o.section_code != "5.2")


def test_footnotes_are_kept_as_references(seed: Seed, catalogue: Catalogue) -> None:
    for code, item in seed.items.items():
        objective = catalogue.objective(code)
        assert objective is not None
        assert objective.references == [seed.footnotes[n] for n in item.footnotes]


def test_metadata(catalogue: Catalogue) -> None:
    assert catalogue.id == "eu-hrd-2020-2024"
    assert catalogue.edition == "2020-2024"
    assert catalogue.source_document == "12848/20"
    assert catalogue.adopted.isoformat() == "2020-11-17"
    assert (catalogue.plan_period.start, catalogue.plan_period.end) == PLAN_PERIOD[
        catalogue.version
    ]
    assert {c.id for c in catalogue.cross_cutting} == {
        "gender-mainstreaming",
        "rights-based-approach",
        "agenda-2030",
    }


def test_instruments_are_exactly_the_contracts() -> None:
    catalogue = Registry().load()
    assert [i.id for i in catalogue.instruments] == [
        "political-dialogue",
        "human-rights-dialogue",
        "sectoral-policy-dialogue",
        "country-strategy",
        "council-conclusions",
        "gsp-monitoring",
        "eu-funding-programmes",
        "multilateral-fora",
        "public-diplomacy",
        "statements-and-demarches",
        "ratification-advocacy",
        "trial-monitoring",
        "hrd-support",
        "human-rights-guidelines",
        "election-observation",
        "civil-society-dialogue",
        "un-mechanisms",
        "restrictive-measures",
        "staff-training",
        "csdp-missions",
        "flexible-support",
    ]


def test_gender_equality_objectives_are_tagged(catalogue: Catalogue) -> None:
    flagged = [o.code for o in catalogue.objectives() if o.gender_equality]
    assert {"1.1.i", "1.1.j", "1.2.a"} <= set(flagged)
    for code in flagged:
        objective = catalogue.objective(code)
        assert objective is not None
        assert {"gender-equality", "gender-based-violence", "srhr", "women-peace-security"} & set(
            objective.tags
        ), code
