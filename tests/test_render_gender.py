"""Gender equality in the documents and the portfolio: per format 2 priority the gender equality
objective, the Gender Action Plan areas, do no harm and the OECD DAC minimum criteria met (from
the lint findings); gender-specific indicators singled out in the progress report and in
`progress show`; the portfolio's criteria shares and area matrix."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES, FIXTURES, Run

from hrdplan.catalogue.registry import Registry
from hrdplan.findings import Finding, Severity
from hrdplan.inputs import strategy as load
from hrdplan.lint.rules.gender import DAC_CRITERIA
from hrdplan.render import documents, gender, portfolio
from hrdplan.render.environment import Templates, labels
from hrdplan.settings import Settings
from hrdplan.strategy.model import StrategyV2

FIXTURE = FIXTURES / "gender_docs"
STRATEGY = Path("strategies/xx-2027-2031.yaml")
YEAR_2028 = Path("progress/xx-2027-2031/2028.yaml")
TODAY = {"HRDPLAN_TODAY": "2029-03-01"}
CRITERIA = [name for name, _ in DAC_CRITERIA]
HOSTILE = r"<script>alert(1)</script> a|b [link](http://evil.example) x\e[31m\u202Ey"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A copy of the fixture: a catalogue with a gender plan (areas gbv and participation), a
    format 2 strategy (P1 marker 2 meeting every criterion, P2 marker 1 without sex-disaggregated
    data and naming an area the plan does not have) and its 2028 progress file."""
    shutil.copytree(FIXTURE, tmp_path / "repo")
    return tmp_path / "repo"


def render(run: Run, repo: Path, *paths: Path, fmt: str, lang: str = "en") -> dict[str, str]:
    out = repo.parent / f"out-{fmt}-{lang}"
    result = run(
        "render",
        *paths,
        "--format",
        fmt,
        "--lang",
        lang,
        "--out",
        out,
        "--catalogue-dir",
        repo / "catalogues",
        cwd=repo,
        env=TODAY,
    )
    assert result.code == 0, result
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(out.iterdir())}


def settings(repo: Path) -> Settings:
    return Settings(Registry(extra_dirs=[repo / "catalogues"]))


# -- criteria met, from the findings -----------------------------------------------------------


def finding(code: str, path: tuple[str | int, ...]) -> Finding:
    return Finding("x.yaml", 1, 1, code, "rule", Severity.ERROR, "m", path)


def test_criteria_come_from_findings_at_the_priority(repo: Path) -> None:
    source = load(repo / STRATEGY, "x", settings(repo))
    strategy = source.strategy
    assert isinstance(strategy, StrategyV2)
    # The fixture's own findings: P2 has no sex-disaggregated indicator (HRD204).
    met = gender.criteria(strategy, source.findings)
    assert met[0].met == CRITERIA and met[0].all_met
    assert met[1].not_met == ["sex-disaggregated data"]
    # A priority failing HRD207 shows "gender-specific indicator" not met, the other not.
    hrd207 = [finding("HRD207", ("priorities", 0, "indicators"))]
    met = gender.criteria(strategy, hrd207)
    assert met[0].not_met == ["gender-specific indicator"]
    assert met[1].all_met
    # The gender analysis is strategy-wide: its finding fails every priority.
    met = gender.criteria(strategy, [finding("HRD203", ())])
    assert all(c.not_met == ["gender analysis"] for c in met.values())
    # Other rules, or these codes elsewhere, do not count.
    met = gender.criteria(strategy, [finding("HRD207", ()), finding("HRD401", ("priorities", 0))])
    assert all(c.all_met for c in met.values())
    # A placeholder where a criterion is written (HRD401's alone) is not yet written: not met.
    todo = [
        finding("HRD401", ("priorities", 0, "gender", "objective")),
        finding("HRD401", ("gender_analysis",)),
    ]
    met = gender.criteria(strategy, todo)
    assert met[0].not_met == ["gender analysis", "gender equality objective"]
    assert met[1].not_met == ["gender analysis"]


def test_criteria_apply_to_marker_1_and_2_of_format_2_only(repo: Path) -> None:
    source = load(repo / STRATEGY, "x", settings(repo))
    strategy = source.strategy
    assert isinstance(strategy, StrategyV2)
    first = strategy.priorities[0]
    assert first.gender is not None
    unmarked = strategy.model_copy(
        update={"priorities": [first.model_copy(update={"gender": None})]}
    )
    assert gender.criteria(unmarked, []) == {}
    tn = load(EXAMPLES / "tn-2021-2025.yaml", "tn", Settings(Registry()))
    assert gender.criteria(tn.strategy, tn.findings) == {}


def test_document_shows_a_criterion_not_met_in_words(repo: Path) -> None:
    source = load(repo / STRATEGY, "x", settings(repo))
    hrd207 = [finding("HRD207", ("priorities", 0, "indicators", 0))]
    doc = documents.build(source.strategy, source.catalogue, source="x", lang="en", findings=hrd207)
    text = Templates("md").render("strategy", doc=doc, t=labels()["en"])
    part = text[text.index('<a id="priority-1">') : text.index('<a id="priority-2">')]
    assert "- Not met: gender-specific indicator\n" in part
    met = "- Met: gender analysis, do no harm, gender equality objective, sex-disaggregated data"
    assert met in part


# -- the strategy document ---------------------------------------------------------------------

AREAS = {
    "en": "Ensuring freedom from all forms of gender-based violence",
    "nl": "Vrijwaring van alle vormen van gendergerelateerd geweld",
}


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_strategy_document_shows_the_gender_parts(
    run: Run, repo: Path, fmt: str, lang: str
) -> None:
    t = labels()[lang]
    doc = render(run, repo, STRATEGY, fmt=fmt, lang=lang)[f"xx-2027-2031.{fmt}"]
    for label in ("gender_objective", "gap_areas", "do_no_harm", "dac_criteria"):
        assert t[label] in doc, label
    assert "Survivors of gender-based violence reach protection and justice" in doc
    assert "keep their identity confidential" in doc
    assert AREAS[lang] in doc  # the plan's title in the document's language
    assert "women-peace" in doc  # an area the plan does not have: as written
    # P2 misses sex-disaggregated data (HRD204), in words; P1 meets every criterion.
    p2 = doc[doc.index('id="priority-2"') :]
    assert t["criteria_not_met"] + ": " + t["dac"]["sex-disaggregated data"] in p2
    assert doc.count(t["gender_specific"]) >= 2  # P1.1 and P2.1 marked
    # No tool language: no rule code anywhere, the open points included.
    assert re.search(r"HRD\d{3}", doc) is None
    assert "priorities[" not in doc


def test_without_a_gender_plan_area_ids_show_as_written(run: Run, repo: Path) -> None:
    catalogue = repo / "catalogues" / "gap-test" / "1.0.0.yaml"
    text = catalogue.read_text(encoding="utf-8")
    catalogue.write_text(text[: text.index("gender_plan:")], encoding="utf-8")
    doc = render(run, repo, STRATEGY, fmt="md")["xx-2027-2031.md"]
    assert "**Gender Action Plan areas**: gbv; participation\n" in doc
    assert AREAS["en"] not in doc


def test_public_extract_keeps_areas_only(run: Run, repo: Path) -> None:
    out = repo.parent / "pub"
    result = run(
        "render", STRATEGY, "--public", "--format", "md", "--out", out,
        "--catalogue-dir", repo / "catalogues", cwd=repo, env=TODAY,
    )  # fmt: skip
    assert result.code == 0, result
    doc = (out / "xx-2027-2031.md").read_text(encoding="utf-8")
    assert AREAS["en"] in doc
    assert "Survivors of gender-based violence reach" not in doc
    assert "OECD DAC" not in doc and "Do no harm" not in doc


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_format_1_documents_are_unchanged(run: Run, tmp_path: Path, fmt: str) -> None:
    # Format 1 has no gender objective, areas or criteria: nothing new shows, and the HTML
    # has no new style rules either.
    result = run("render", EXAMPLES / "tn-2021-2025.yaml", "--format", fmt, "--out", tmp_path)
    assert result.code == 0, result
    doc = (tmp_path / f"tn-2021-2025.{fmt}").read_text(encoding="utf-8")
    t = labels()["en"]
    for label in ("gender_objective", "gap_areas", "do_no_harm", "dac_criteria", "gender_specific"):
        assert t[label] not in doc, label
    assert "ul.criteria" not in doc and "gender-specific" not in doc


# -- progress ----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_progress_report_singles_out_gender_results(
    run: Run, repo: Path, fmt: str, lang: str
) -> None:
    t = labels()[lang]
    doc = render(run, repo, YEAR_2028, fmt=fmt, lang=lang)[f"xx-2027-2031-2028-progress.{fmt}"]
    part = doc[doc.rindex(t["gender_results"]) :]
    part = part[: part.index(t["open_points"])]
    assert "Two county assemblies adopted gender-based violence budgets." in part
    assert "Counties with a functioning referral pathway" in part
    assert "Women elected to county assemblies" in part
    assert "Police officers trained" not in part  # not gender-specific
    assert "40%" in part and t["standings"]["on-track"] in part
    assert t["standings"]["off-track"] in part
    if fmt == "md":
        row = "| **P1.1** Counties with a functioning referral pathway for survivors | 22 | 40% |"
        assert row in part


def test_progress_show_text_singles_out_gender_results(run: Run, repo: Path) -> None:
    result = run("progress", "show", STRATEGY, "--catalogue-dir", "catalogues", cwd=repo, env=TODAY)
    assert result.code == 0, result
    out = result.stdout
    part = out[out.index("Gender equality results") :]
    assert re.search(r"P1\.1 .*2028: 22, 40% of the way, on-track", part)
    assert re.search(r"P2\.1 .*2028: 85, moved away from the target, off-track", part)
    assert "P1.2" not in part
    assert "2028: Two county assemblies adopted gender-based violence budgets." in part
    assert "increase; gender-specific)" in out


def test_progress_show_json_has_gender_specific(run: Run, repo: Path) -> None:
    result = run(
        "progress", "show", STRATEGY, "--format", "json", "--catalogue-dir", "catalogues",
        cwd=repo, env=TODAY,
    )  # fmt: skip
    assert result.code == 0, result
    data = json.loads(result.stdout)
    assert {i["id"]: i["gender_specific"] for i in data["indicators"]} == {
        "P1.1": True,
        "P1.2": False,
        "P2.1": True,
    }
    assert list(data["gender_results"]) == ["2028"]
    assert data["gender_results"]["2028"].strip() == (
        "Two county assemblies adopted gender-based violence budgets."
    )
    # Every earlier name is still there.
    for key in ("strategy", "years", "priorities", "indicators"):
        assert key in data
    for key in ("id", "priority", "text", "kind", "share", "standing", "as_of", "actuals"):
        assert key in data["indicators"][0]


# -- the portfolio -----------------------------------------------------------------------------


def built(repo: Path) -> portfolio.Portfolio:
    config = settings(repo)
    sources = [load(repo / STRATEGY, "x", config)] + [
        load(p, p.name, config) for p in sorted(EXAMPLES.glob("*.yaml"))
    ]
    from hrdplan.inputs import progress_reports

    progress = {
        s.path: list(progress_reports(s.path, config).loaded.values())
        for s in sources
        if isinstance(s.strategy, StrategyV2)
    }
    from datetime import date

    return portfolio.build(
        sources, config.registry, lang="en", progress=progress, today=date(2029, 3, 1)
    )


def test_portfolio_criteria_and_marker_2_shares(repo: Path) -> None:
    view = built(repo)
    ke = next(c for c in view.criteria if c.label == "KE")
    assert (ke.priorities, ke.marked, ke.meeting, ke.share_meeting) == (2, 2, 1, 50.0)
    assert (ke.principal, ke.share_principal) == (1, 50.0)
    tn = next(c for c in view.criteria if c.label == "TN")
    assert not tn.assessed and tn.marked == 0  # format 1: not assessed
    overall = view.criteria_overall
    assert overall is not None
    assert overall.marked == sum(c.marked for c in view.criteria)
    assert overall.meeting == sum(c.meeting for c in view.criteria)
    assert overall.principal == sum(c.principal for c in view.criteria)
    # The target is the reference catalogue's gender plan's (the shipped 1.2.0: GAP III's 85%
    # by 2025), not the fixture catalogue's.
    assert (view.target, view.target_year) == (85, 2025)
    assert view.plan.startswith("EU Gender Action Plan (GAP) III")


def test_portfolio_area_matrix(repo: Path) -> None:
    areas = built(repo).areas
    assert areas is not None
    # The reference catalogue's areas (GAP III, in its order), then ids it lacks as written.
    gap_iii = ["gbv", "srhr", "economic-social", "participation", "wps", "green-digital"]
    assert [c.id for c in areas.columns] == [*gap_iii, "women-peace"]
    assert areas.columns[0].title == AREAS["en"]
    assert areas.columns[-1].title == "women-peace"
    by_country = {r.country_code: [c.count for c in r.cells] for r in areas.rows}
    named = {"gbv", "participation", "women-peace"}
    assert by_country["KE"] == [int(c.id in named) for c in areas.columns]
    assert "TN" not in by_country  # format 1 names no areas
    assert [c.count for c in areas.totals] == [
        sum(row[i] for row in by_country.values()) for i in range(len(areas.columns))
    ]


def test_portfolio_gender_specific_indicators_on_track(repo: Path) -> None:
    view = built(repo)
    assert view.progress is not None
    ke = next(r for r in view.progress.rows if r.country_code == "KE")
    # 2028: P1.1 on track, P2.1 off track.
    assert (ke.gender_specific, ke.gender_on_track) == (2, 1)


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_portfolio_shows_the_gender_parts(run: Run, repo: Path, fmt: str, lang: str) -> None:
    t = labels()[lang]
    result = run(
        "report", STRATEGY.parent, "--format", fmt, "--lang", lang,
        "--catalogue-dir", "catalogues", cwd=repo, env=TODAY,
    )  # fmt: skip
    assert result.code == 0, result
    text = result.stdout
    for label in ("criteria_title", "areas_title", "meeting_all", "gender_on_track"):
        assert t[label] in text, label
    assert AREAS[lang] in text
    assert "at least 85%" in text or "ten minste 85%" in text
    assert "2027" in text[text.index(t["gender_shares"]) :]
    assert re.search(r"HRD\d{3}", text) is None
    if fmt == "md":
        assert re.search(r"\| \w+ \(KE\) \| 2 \| 2 \| 1 \(50%\) \| 1 \(50%\) \|", text)
        assert re.search(r"\| \w+ \(KE\) \| 1 \| 1 \| 1 \| 3 \|", text)
    else:
        assert '<td class="cell h4">1</td>' in text


# -- hostile text ------------------------------------------------------------------------------


@pytest.fixture
def hostile(repo: Path) -> Path:
    strategy = (repo / STRATEGY).read_text(encoding="utf-8")
    for text in (
        "Survivors of gender-based violence reach protection and justice in every county.",
        "Training lists are kept confidential so that candidates are not targeted.",
        "Women elected to county assemblies",
    ):
        assert text in strategy
        strategy = strategy.replace(text, f'"{HOSTILE}"')
    strategy = strategy.replace("[women-peace]", f'["{HOSTILE}"]')
    (repo / STRATEGY).write_text(strategy, encoding="utf-8")
    return repo


def test_hostile_text_in_the_gender_fields_is_escaped(run: Run, hostile: Path) -> None:
    for fmt in ("md", "html"):
        docs = render(run, hostile, STRATEGY, YEAR_2028, fmt=fmt)
        for name, doc in docs.items():
            assert "<script>" not in doc, name
            assert "\x1b" not in doc and "\u202e" not in doc, name
            assert 'href="http://evil' not in doc, name
            if fmt == "md":
                # No link from user text: only the template's own, to its anchors.
                bare = re.sub(r'<a id="[a-z0-9-]+"></a>|(?<!\\)\]\(#[a-z0-9-]+\)', "", doc)
                assert not re.search(r"(?<!\\)\]\(", bare) and "http://evil" not in doc, name
        strategy = docs[f"xx-2027-2031.{fmt}"]
        escaped = "&lt;script&gt;" if fmt == "html" else r"\<script\>"
        # Objective, area, do no harm, the indicator (table and progress section).
        assert strategy.count(escaped) >= 4, fmt
        assert docs[f"xx-2027-2031-2028-progress.{fmt}"].count(escaped) >= 2, fmt
    result = run(
        "report", STRATEGY.parent, "--format", "html", "--catalogue-dir", "catalogues",
        cwd=hostile, env=TODAY,
    )  # fmt: skip
    assert result.code == 0, result
    assert "<script>" not in result.stdout and "&lt;script&gt;" in result.stdout


def test_rendering_is_deterministic(run: Run, repo: Path) -> None:
    first = render(run, repo, STRATEGY, YEAR_2028, fmt="html")
    shutil.rmtree(repo.parent / "out-html-en")
    assert render(run, repo, STRATEGY, YEAR_2028, fmt="html") == first
