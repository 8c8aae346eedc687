"""Progress in the documents: the year's progress report (`hrdplan render PROGRESS_FILE`), format 2
indicators and the "Progress" section in the strategy document, and progress in the portfolio."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, Run

from hrdplan import inputs
from hrdplan.catalogue.registry import Registry
from hrdplan.render.environment import labels
from hrdplan.render.progress import build_report
from hrdplan.settings import Settings
from hrdplan.strategy import measures
from hrdplan.strategy.model import StrategyV2
from hrdplan.strategy.progress import Progress

FIXTURE = FIXTURES / "progress_docs"
STRATEGY = Path("strategies/xx-2027-2031.yaml")
YEAR_2028 = Path("progress/xx-2027-2031/2028.yaml")
YEAR_2029 = Path("progress/xx-2027-2031/2029.yaml")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A copy of the fixture repository: a format 2 strategy and its 2028 and 2029 files."""
    shutil.copytree(FIXTURE, tmp_path / "repo")
    return tmp_path / "repo"


def render(run: Run, repo: Path, *paths: Path, fmt: str, lang: str = "en") -> dict[str, str]:
    out = repo.parent / f"out-{fmt}-{lang}"
    result = run("render", *paths, "--format", fmt, "--lang", lang, "--out", out, cwd=repo)
    assert result.code == 0, result
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(out.iterdir())}


# -- the progress report -----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_progress_report_shows_every_piece(run: Run, repo: Path, fmt: str, lang: str) -> None:
    t = labels()[lang]
    docs = render(run, repo, YEAR_2029, fmt=fmt, lang=lang)
    assert list(docs) == [f"xx-2027-2031-2029-progress.{fmt}"]
    doc = docs[f"xx-2027-2031-2029-progress.{fmt}"]
    # Title block: the strategy's title, the country, the year, the status, the marking.
    assert "EU Human Rights and Democracy Country Strategy for Kenya 2027-2031" in doc
    assert t["progress_report"] in doc and "2029" in doc
    assert "KE" in doc
    assert t["report_statuses"]["draft"] in doc
    assert doc.count("LIMITE") >= 2  # top and bottom, as strategies: the EU's own marking
    # The summary, per priority its status and narrative.
    assert "Defenders were supported in more counties." in doc
    assert t["progress_statuses"]["at-risk"] in doc and t["progress_statuses"]["achieved"] in doc
    assert "Funding was cut mid-year." in doc and "The elections went well." in doc
    # Each indicator against baseline, milestones and target, with its share and standing.
    for figure in ("12 (2026)", "20 (2029)", "35 (2031)", "80% (2026)", "40% (2031)"):
        assert figure in doc
    # P1.1: (14-12)/(35-12); the milestone 20 in 2029; with the language's decimal mark.
    mark = "," if lang == "nl" else "."
    assert f"8{mark}7%" in doc and f"34{mark}8%" in doc
    assert t["standings"]["off-track"] in doc and t["standings"]["on-track"] in doc
    assert t["yes"] in doc and t["no"] in doc  # the yes-no indicator, in the document's language
    assert t["not_written"] in doc  # P2.2's baseline is a placeholder
    # Notes, the year's consultations, the gender equality results.
    assert "A minister thanked defenders in public." in doc
    assert "Fewer cases after the cut." in doc
    assert {"en": "2 June 2029", "nl": "2 juni 2029"}[lang] in doc and "Nairobi." in doc
    assert "A gender desk opened at the commission." in doc
    assert t["gender_results"] in doc and t["consultations"] in doc
    # The other year's content is not in this year's report.
    assert "The mechanism opened in March." not in doc


def test_html_chart_is_inline_svg_without_scripts(run: Run, repo: Path) -> None:
    doc = render(run, repo, YEAR_2029, fmt="html")["xx-2027-2031-2029-progress.html"]
    assert doc.count('<svg class="way"') == 2  # P1.1 and P1.2 (P2.1 maintains)
    assert '<rect class="fill" x="0" y="3" width="8.7"' in doc
    assert '<line class="expected" x1="34.8"' in doc and '<line class="milestone" x1="34.8"' in doc
    assert "<script" not in doc.lower()


def loaded(repo: Path, year: Path) -> tuple[Progress, StrategyV2]:
    found = inputs.progress(repo / year, str(year), Settings(Registry()))
    return found.progress, found.strategy


def test_chart_figures_are_those_of_measures(repo: Path) -> None:
    progress, strategy = loaded(repo, YEAR_2029)
    report = build_report(
        progress,
        strategy,
        source="2029.yaml",
        strategy_source="xx.yaml",
        catalogue_ref="c@1.0.0",
        lang="en",
    )
    actuals = {i.id: i.actual for p in progress.priorities for i in p.indicators}
    by_id = {i.id: i for p in strategy.priorities for i in p.indicators}
    charted = 0
    for priority in report.priorities:
        for shown in priority.indicators:
            indicator = by_id[shown.measured.id]
            actual = actuals.get(indicator.id)
            assert shown.standing == (measures.standing(indicator, 2029, actual) or "")
            share = measures.share(indicator, actual)
            if shown.chart is None:
                assert share is None
                continue
            charted += 1
            expected = measures.expected_share(indicator, 2029)
            assert share is not None and expected is not None and shown.chart.share is not None
            assert shown.chart.share == round(100 * share, 1)
            assert shown.chart.fill == min(100, max(0, shown.chart.share))
            assert shown.chart.expected == round(100 * expected, 1)
            for at, milestone in zip(shown.chart.milestones, indicator.milestones, strict=True):
                way = measures.share(indicator, milestone.value)
                assert way is not None and at == round(100 * way, 1)
    assert charted == 2  # P1.1 and P1.2 (P2.1 maintains: no way to draw)


def test_markdown_shows_the_share_in_a_table(run: Run, repo: Path) -> None:
    doc = render(run, repo, YEAR_2028, fmt="md")["xx-2027-2031-2028-progress.md"]
    t = labels()["en"]
    header = next(line for line in doc.splitlines() if t["share_of_way"] in line)
    assert header.startswith("| ") and t["expected_by_year"] in header
    row = next(line for line in doc.splitlines() if line.startswith("| **P1.1**"))
    # (15-12)/(35-12) = 13%; expected in 2028 on the line to the milestone (20 in 2029): 23.2%
    assert "| 15 | 13% | 23.2% |" in row


# -- format 2 in the strategy document, and its Progress section ------------------------------


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_strategy_document_shows_format_2_indicators_and_progress(
    run: Run, repo: Path, fmt: str, lang: str
) -> None:
    t = labels()[lang]
    doc = render(run, repo, STRATEGY, fmt=fmt, lang=lang)[f"xx-2027-2031.{fmt}"]
    assert t["kinds"]["percent"] in doc and t["directions"]["decrease"] in doc
    assert "12 (2026)" in doc and "20 (2029)" in doc and "35 (2031)" in doc
    row = next(line for line in doc.splitlines() if "Complaints resolved" in line)
    assert t["not_written"] in row and "TODO:" not in row  # P2.2's baseline
    assert f"{t['no']} (2026)" in doc and f"{t['yes']} (2030)" in doc
    # The Progress section: which years, the latest status per priority, the trajectories.
    assert t["progress"] in doc
    assert "2028, 2029" in doc and t["progress_draft"] in doc
    assert t["progress_statuses"]["at-risk"] in doc
    assert t["trajectory"] in doc
    section = doc[doc.index(t["trajectory"]) :]
    assert "15" in section and "14" in section and "78%" in section and "70%" in section
    assert t["standings"]["off-track"] in section


def test_progress_section_skips_files_that_do_not_load(run: Run, repo: Path) -> None:
    (repo / "progress/xx-2027-2031/2030.yaml").write_text("hrdplan: [\n", encoding="utf-8")
    broken = (repo / YEAR_2028).read_text(encoding="utf-8").replace("year: 2028", "year: x")
    (repo / YEAR_2028).write_text(broken, encoding="utf-8")
    doc = render(run, repo, STRATEGY, fmt="md")["xx-2027-2031.md"]
    t = labels()["en"]
    assert f"{t['progress_intro']} 2029 ({t['progress_draft']})." in doc
    assert "| 2028 |" not in doc and "| 2030 |" not in doc


def test_no_progress_section_without_files_or_in_a_public_extract(run: Run, repo: Path) -> None:
    t = labels()["en"]
    out = repo.parent / "public"
    result = run("render", STRATEGY, "--public", "--format", "html", "--out", out, cwd=repo)
    assert result.code == 0, result
    assert t["progress"] + "</h2>" not in (out / "xx-2027-2031.html").read_text(encoding="utf-8")
    shutil.rmtree(repo / "progress")
    doc = render(run, repo, STRATEGY, fmt="html")["xx-2027-2031.html"]
    assert 'id="progress"' not in doc and "svg.way" not in doc


def test_format_1_documents_have_no_format_2_columns(run: Run, tmp_path: Path) -> None:
    from conftest import EXAMPLES

    out = tmp_path / "out"
    result = run("render", EXAMPLES / "tn-2021-2025.yaml", "--format", "html", "--out", out)
    assert result.code == 0, result
    html = (out / "tn-2021-2025.html").read_text(encoding="utf-8")
    assert labels()["en"]["kind"] + " ·" not in html and ".pstatus" not in html


# -- a folder: strategies and progress files alike; names that would collide -----------------


def test_a_folder_renders_strategies_and_progress_reports(run: Run, repo: Path) -> None:
    docs = render(run, repo, Path(), fmt="md")
    assert sorted(docs) == [
        "xx-2027-2031-2028-progress.md",
        "xx-2027-2031-2029-progress.md",
        "xx-2027-2031.md",
    ]


def test_output_names_that_collide_are_refused(run: Run, repo: Path) -> None:
    # A strategy whose own name is the name of a progress report.
    (repo / "other").mkdir()
    shutil.copy(repo / STRATEGY, repo / "other" / "xx-2027-2031-2028-progress.yaml")
    out = repo.parent / "out"
    result = run("render", YEAR_2028, "other", "--format", "md", "--out", out, cwd=repo)
    assert result.code == 2, result
    assert "error: same document name as" in result.stderr
    assert "(xx-2027-2031-2028-progress.md)" in result.stderr
    assert [p.name for p in out.iterdir()] == ["xx-2027-2031-2028-progress.md"]


def test_rendering_is_deterministic(run: Run, repo: Path) -> None:
    for fmt in ("md", "html"):
        first = render(run, repo, Path(), fmt=fmt)
        shutil.rmtree(repo.parent / f"out-{fmt}-en")
        assert render(run, repo, Path(), fmt=fmt) == first


def test_a_progress_file_that_does_not_load_is_one_line(run: Run, repo: Path) -> None:
    (repo / YEAR_2029).write_text(
        (repo / YEAR_2029).read_text(encoding="utf-8").replace("../../strategies", "../nowhere"),
        encoding="utf-8",
    )
    result = run("render", YEAR_2029, "--format", "md", "--out", "o", cwd=repo)
    assert result.code == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(str(YEAR_2029)) and "not found" in result.stderr


# -- hostile text in every new field ----------------------------------------------------------

HOSTILE = r"<script>alert(1)</script> a|b [link](http://evil.example) x\e[31m\u202Ey"


@pytest.fixture
def hostile(repo: Path) -> Path:
    """The fixture with hostile text in every field the progress documents show."""
    progress = (repo / YEAR_2029).read_text(encoding="utf-8")
    for text in (
        "Defenders were supported in more counties.",
        "Funding was cut mid-year.",
        "mechanism data, 2029",
        "Fewer cases after the cut.",
        "A minister thanked defenders in public.",
        "Women's rights coalitions in Nairobi.",
        "A gender desk opened at the commission.",
    ):
        assert text in progress
        progress = progress.replace(text, f'"{HOSTILE}"')
    progress = progress.replace(
        "      - id: P1.4\n        note:",
        f'      - id: P1.4\n        actual: "{HOSTILE}"\n        note:',
    )
    (repo / YEAR_2029).write_text(progress, encoding="utf-8")
    strategy = (repo / STRATEGY).read_text(encoding="utf-8")
    strategy = strategy.replace("EEAS(2027) 1234", f'"{HOSTILE}"')
    strategy = strategy.replace("Hostile statements by officials", f'"{HOSTILE}"')
    (repo / STRATEGY).write_text(strategy, encoding="utf-8")
    return repo


def test_hostile_text_is_escaped_in_html(run: Run, hostile: Path) -> None:
    docs = render(run, hostile, Path(), fmt="html")
    for name, doc in docs.items():
        assert "<script>" not in doc, name
        assert "\x1b" not in doc and "\u202e" not in doc, name
        assert 'href="http://evil' not in doc, name
    report = docs["xx-2027-2031-2029-progress.html"]
    # The summary, a narrative, a source, a note, a text actual, consultations, gender results,
    # the reference: each shows the text, escaped and visible.
    assert report.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 9
    assert report.count(r"x\x1b[31m\u202ey") >= 9


def test_hostile_text_is_escaped_in_markdown(run: Run, hostile: Path) -> None:
    docs = render(run, hostile, Path(), fmt="md")
    for name, doc in docs.items():
        assert "<script>" not in doc, name
        # No link from user text: only the template's own, to its anchors.
        bare = re.sub(r'<a id="[a-z0-9-]+"></a>|(?<!\\)\]\(#[a-z0-9-]+\)', "", doc)
        assert not re.search(r"(?<!\\)\]\(", bare) and "http://evil" not in doc, name
        assert "\x1b" not in doc and "\u202e" not in doc, name
        for line in doc.splitlines():
            if "alert(1)" in line and line.startswith("|"):
                # A table row keeps its cells: the pipe in the text is escaped.
                assert r"a\|b" in line and "a|b" not in line.replace(r"a\|b", ""), line
    report = docs["xx-2027-2031-2029-progress.md"]
    assert report.count(r"\<script\>alert(1)\</script\>") >= 9
    assert report.count(r"\[link\]") >= 9


# -- the portfolio ----------------------------------------------------------------------------


def portfolio(run: Run, repo: Path, today: str, fmt: str = "md") -> str:
    result = run("report", Path(), "--format", fmt, cwd=repo, env={"HRDPLAN_TODAY": today})
    assert result.code == 0, result
    return result.stdout


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_portfolio_progress_columns(run: Run, repo: Path, fmt: str) -> None:
    t = labels()["en"]
    text = portfolio(run, repo, "2030-02-01", fmt)
    # The folder holds one strategy: the progress files are read as its progress, not as more.
    assert f"{t['strategies']} (1)" in text
    assert t["progress_title"] in text
    assert f"2029 ({t['report_statuses']['draft']})" in text or (
        '2029 <span class="source">draft' in text
    )
    assert "50%" in text  # P2 achieved, P1 at risk: one of two on track or achieved
    # Off track in 2029, by strategy.measures.standing: P1.1, P1.2 and P2.1 (72% is no 65%).
    # (The section after its heading: the contents list names it first.)
    for ident in ("P1.1", "P1.2", "P2.1"):
        assert ident in text.split(t["progress_title"])[-1].split(t["due_title"])[0]
    assert "P1.3" not in text.split(t["progress_title"])[-1].split(t["due_title"])[0]


def test_portfolio_does_not_report_a_year_still_to_come(run: Run, repo: Path) -> None:
    # On 7 December 2028 the file for 2029 is one to come (HRD514): 2028 is the latest year.
    t = labels()["en"]
    section = portfolio(run, repo, "2028-12-07").split(t["progress_title"])[-1]
    assert "2029 (" not in section and "2028 (" in section


def test_portfolio_lists_last_years_draft(run: Run, repo: Path) -> None:
    t = labels()["en"]
    text = portfolio(run, repo, "2030-02-01")
    due = text.split(f"{t['due_title']} 2029")[1].split("##")[0]
    assert "Kenya (KE)" in due and f"| {t['due_draft']} |" in due


def test_portfolio_lists_last_years_missing_file(run: Run, repo: Path) -> None:
    t = labels()["en"]
    text = portfolio(run, repo, "2031-06-30")
    due = text.split(f"{t['due_title']} 2030")[1].split("##")[0]
    assert "Kenya (KE)" in due and f"| {t['due_missing']} |" in due


def test_portfolio_with_last_year_submitted_lists_none(run: Run, repo: Path) -> None:
    t = labels()["en"]
    text = portfolio(run, repo, "2029-01-15")
    assert f"{t['due_title']} 2028" in text and t["none_due"] in text
    # Outside the period (last year 2026), nothing is due either.
    assert labels()["en"]["none_due"] in portfolio(run, repo, "2027-05-01")


# -- in a real browser ------------------------------------------------------------------------

# Each drawn bar's rendered width beside its track's, in CSS pixels.
_BARS = (
    "Array.from(document.querySelectorAll('svg.way')).map(s => ["
    "s.querySelector('.fill').getBoundingClientRect().width, "
    "s.querySelector('.track').getBoundingClientRect().width])"
)


@pytest.mark.browser
def test_progress_report_in_a_real_browser(run: Run, repo: Path) -> None:
    from browser import find_chromium, load_page

    chromium = find_chromium()
    if chromium is None:
        pytest.skip("no Chromium on this machine")
    render(run, repo, YEAR_2029, fmt="html")
    page = repo.parent / "out-html-en" / "xx-2027-2031-2029-progress.html"
    result = load_page(chromium, page, probe=_BARS)
    assert result.console == []
    assert result.requests == [page.resolve().as_uri()]
    assert result.title.startswith(labels()["en"]["progress_report"])
    bars = result.probed
    assert isinstance(bars, list) and len(bars) == 2
    # P1.1 has come 8.7% of its way, P1.2 25%: drawn as such against the track.
    (fill1, track1), (fill2, track2) = bars
    assert track1 > 0 and fill1 / track1 == pytest.approx(0.087, abs=0.01)
    assert fill2 / track2 == pytest.approx(0.25, abs=0.01)
    assert result.pdf.startswith(b"%PDF")
