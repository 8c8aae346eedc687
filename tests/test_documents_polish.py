"""An official document's polish (issue 15, points 4-6, for strategies and progress reports):
the EU's markings, public extracts of adopted strategies only, numbered sections with their
contents list, open points in words, the member states' protocol order, Dutch conventions and
the title block."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import cmarkgfm
import pytest
import yaml
from cmarkgfm.cmark import Options
from conftest import EXAMPLES, Run

from hrdplan.catalogue.registry import Registry
from hrdplan.findings import Finding, Severity
from hrdplan.io.locale import local_number
from hrdplan.io.yamlio import KeyPath
from hrdplan.lint.rules import RULE_BY_CODE, RULES
from hrdplan.render import markings, open_points
from hrdplan.render.documents import plan_name
from hrdplan.render.environment import labels
from hrdplan.render.names import language_name
from hrdplan.render.open_points import Place
from hrdplan.strategy.countries import EU_MEMBER_STATES, PROTOCOL_ORDER, protocol_order

GHANA = EXAMPLES / "gh-2021-2025.yaml"
RESTRICTED = "RESTREINT UE/EU RESTRICTED"
STAMP = "DRAFT – NOT FOR PUBLICATION"


def ghana(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(GHANA.read_text(encoding="utf-8"))
    data.update(changes)
    return data


def write(folder: Path, name: str, data: dict[str, Any]) -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def render(run: Run, path: Path, *args: str, fmt: str = "html", lang: str = "en") -> str:
    out = path.parent / f"out-{fmt}-{lang}"
    result = run("render", path, "--format", fmt, "--lang", lang, "--out", out, "--force", *args)
    assert result.code == 0, result
    return (out / f"{path.stem}.{fmt}").read_text(encoding="utf-8")


def banner_top(html: str) -> str:
    found = re.search(r'<div class="banner banner-top" role="note">(.*?)</div>', html)
    assert found is not None
    return found.group(1)


def gfm(markdown: str) -> str:
    options = Options.CMARK_OPT_UNSAFE
    html: str = cmarkgfm.github_flavored_markdown_to_html(markdown, options=options)
    return html


# -- markings ---------------------------------------------------------------------------------


def test_markings_are_the_eus_own_words() -> None:
    assert markings.marking("restricted").text == RESTRICTED
    assert markings.marking("limited").text == "LIMITE"
    assert markings.marking("public").text == ""  # the EU marks no "PUBLIC"
    extract = markings.marking("restricted", public=True)
    assert extract.text == "" and extract.public_extract and extract.own == RESTRICTED
    stamped = markings.marking("limited", public=True, draft_extract=True)
    assert stamped.text == STAMP and stamped.draft and "\u2013" in stamped.text


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("fmt", ["html", "md"])
@pytest.mark.parametrize(
    ("classification", "marking"), [("restricted", RESTRICTED), ("limited", "LIMITE")]
)
def test_the_marking_is_never_translated(
    run: Run, tmp_path: Path, lang: str, fmt: str, classification: str, marking: str
) -> None:
    path = write(tmp_path, "s.yaml", ghana(classification=classification))
    doc = render(run, path, fmt=fmt, lang=lang)
    # Banner (page margins, Word's header and footer), title block and the foot of the page.
    assert doc.count(marking) >= 3 if fmt == "html" else doc.count(marking) >= 2
    for wrong in ("GERUBRICEERD", "BEPERKT", "RESTRICTED</", "LIMITED", "OPENBAAR"):
        assert wrong not in doc.replace(RESTRICTED, ""), wrong
    if fmt == "html":
        assert banner_top(doc) == marking
    else:
        assert doc.splitlines()[0] == f"**{marking}**"


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_public_document_carries_no_marking(run: Run, tmp_path: Path, lang: str) -> None:
    path = write(tmp_path, "s.yaml", ghana(classification="public"))
    html = render(run, path, lang=lang)
    assert banner_top(html) == ""  # the element stays, for Word's header: empty
    assert labels()[lang]["unmarked"] in html
    assert "PUBLIC" not in html and "OPENBAAR" not in html
    markdown = render(run, path, fmt="md", lang=lang)
    assert markdown.startswith('<a id="title-block"></a>')


def test_progress_reports_carry_the_strategys_marking(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "out"
    progress = EXAMPLES / "progress" / "co-2022-2026" / "2025.yaml"
    assert run("render", progress, "--lang", "nl", "--out", out).code == 0
    html = (out / "co-2022-2026-2025-progress.html").read_text(encoding="utf-8")
    assert banner_top(html) == "LIMITE" and "BEPERKT" not in html


# -- public extracts --------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["draft", "consultation"])
def test_a_public_extract_of_a_strategy_not_adopted_is_refused(
    run: Run, tmp_path: Path, status: str
) -> None:
    path = write(tmp_path, "s.yaml", ghana(status=status))
    result = run("render", path, "--public", "--out", tmp_path / "out")
    assert result.code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result
    assert lines[0].startswith("s.yaml") or "s.yaml:" in lines[0]
    assert "adopted" in lines[0] and "--draft-extract" in lines[0]
    assert not (tmp_path / "out" / "s.html").exists()


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_a_draft_extract_is_stamped_on_every_page(run: Run, tmp_path: Path, fmt: str) -> None:
    path = write(tmp_path, "s.yaml", ghana(status="draft"))
    doc = render(run, path, "--public", "--draft-extract", fmt=fmt)
    t = labels()["en"]
    assert t["extract_draft"] in doc  # the title block says what it is
    if fmt == "html":
        assert banner_top(doc) == STAMP
        assert doc.count(STAMP) >= 3  # banner top and bottom, title block
        assert "@top-center { content: " in doc and 'class="cls-draft"' in doc
    else:
        assert doc.splitlines()[0] == f"**{STAMP}**"
    # Dutch labels, the same stamp: a stamp is not translated.
    assert STAMP in render(run, path, "--public", "--draft-extract", fmt=fmt, lang="nl")


def test_an_adopted_strategy_is_not_stamped_as_a_draft(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, "s.yaml", ghana())
    html = render(run, path, "--public", "--draft-extract")
    assert STAMP not in html and banner_top(html) == ""
    assert labels()["en"]["extract_public"] in html and RESTRICTED in html  # "itself marked"


# -- numbered sections and contents ----------------------------------------------------------


def test_html_headings_are_numbered_as_the_contents_list(run: Run, tmp_path: Path) -> None:
    html = render(run, write(tmp_path, "s.yaml", ghana()))
    nav = html[html.index('<nav class="contents"') : html.index("</nav>")]
    listed = re.findall(r'<a href="#([a-z0-9-]+)">([\d.]+) ', nav)
    found = re.findall(r'<h[23] id="([a-z0-9-]+)">(?:<span class="num">)?([\d.]+)[ <]', html)
    headings = {anchor.removesuffix("-h"): number for anchor, number in found}
    assert listed[0] == ("summary", "1") and ("priority-1", "2.1") in listed
    assert len(listed) == 7 + 6  # no progress files beside it: no Progress section
    for anchor, number in listed:
        assert headings[anchor] == number, anchor
    # Semantic HTML for the Word converter: h2 sections, h3 priorities, tables with thead.
    assert html.count("<h2 ") == len([n for _, n in listed if "." not in n])
    assert all("<thead>" in table for table in re.findall(r"<table.*?</table>", html, re.S))


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_markdown_has_a_contents_list_whose_links_work(run: Run, tmp_path: Path, lang: str) -> None:
    markdown = render(run, write(tmp_path, "s.yaml", ghana()), fmt="md", lang=lang)
    t = labels()[lang]
    assert f"**{t['contents']}**" in markdown
    targets = re.findall(r"(?<!\\)\]\(#([a-z0-9-]+)\)", markdown)
    anchors = set(re.findall(r'<a id="([a-z0-9-]+)"></a>', markdown))
    assert targets and set(targets) <= anchors
    html = gfm(markdown)
    assert f"<h2>2 {t['priorities']}</h2>" in html
    assert re.search(r"<h3>2\.1 P1 · ", html)
    assert re.search(r'<li><a href="#priority-2">2\.2 P2 ', html)


# -- open points in words ---------------------------------------------------------------------

PATHS: dict[str, KeyPath] = {
    "HRD401": ("priorities", 0, "indicators", 0, "baseline"),
    "HRD204": ("priorities", 1, "indicators"),
}


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_rule_has_words_without_tool_language(rule: Any, lang: str) -> None:
    path = PATHS.get(rule.code, ("priorities", 0, "gender", "approach"))
    finding = Finding(
        "s.yaml", 1, 1, rule.code, rule.name, rule.severity, "msg `x`", path, rule.open_point
    )
    places = [Place("P1", "priority-1"), Place("P1", "priority-1")]  # P2 named as P1 here
    point = open_points.open_points([finding], places, lang)[0]
    said = point.text
    assert rule.code not in said and "HRD" not in said
    assert not re.search(r"[\[\]`_]|priorities\W|TODO|\.yaml|msg", said), said
    assert point.what != open_points.WORDS[lang]["fallback"]  # each rule has its own words
    assert point.where.startswith("P1") and point.anchor == "priority-1"


def test_the_wording_of_the_issue() -> None:
    places = [Place("P1", "priority-1"), Place("P2", "priority-2")]

    def found_by(code: str, severity: Severity, path: tuple[str | int, ...]) -> Finding:
        # A finding as the runner makes it: with its rule's words for documents.
        words = RULE_BY_CODE[code].open_point
        return Finding("s", 1, 1, code, "x", severity, "", path, words)

    found = [
        found_by("HRD401", Severity.WARNING, PATHS["HRD401"]),
        found_by("HRD204", Severity.WARNING, PATHS["HRD204"]),
        found_by("HRD203", Severity.ERROR, ("gender_analysis",)),
        found_by("HRD501", Severity.ERROR, ("adopted",)),
        found_by("HRD008", Severity.INFO, ("hrdplan",)),
        found_by("HRD105", Severity.ERROR, ("priorities", 1, "actions", 2)),
    ]
    said = [(p.text, p.anchor) for p in open_points.open_points(found, places, "en")]
    assert said == [
        ("P1, indicator 1: baseline not yet written", "priority-1"),
        ("P2: no sex-disaggregated indicator", "priority-2"),
        ("Gender analysis: no gender analysis", "gender-analysis"),
        ("Title block: adoption date not given", "title-block"),
        ("The document: indicators not yet measurable (the earlier format)", ""),
        ("P2, action 3: an instrument the Action Plan does not name", "priority-2"),
    ]
    dutch = open_points.open_points(found[:1], places, "nl")[0]
    assert dutch.text == "P1, indicator 1: uitgangswaarde nog niet ingevuld"


def test_an_unknown_rule_reads_plainly() -> None:
    finding = Finding("s", 1, 1, "ORG901", "own", Severity.ERROR, "`x.y` bad", ("foo", "bar_baz"))
    point = open_points.open_points([finding], [], "en")[0]
    assert point.text == "Title block: a point still to settle"
    assert "ORG" not in point.text and "bar_baz" not in point.text


def test_a_progress_reports_open_points_link_to_its_priorities(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "out"
    progress = EXAMPLES / "progress" / "co-2022-2026" / "2025.yaml"
    assert run("render", progress, "--format", "md", "--out", out).code == 0
    doc = (out / "co-2022-2026-2025-progress.md").read_text(encoding="utf-8")
    assert not re.search(r"HRD\d{3}|\.yaml|priorities\[", doc)


# -- protocol order ---------------------------------------------------------------------------


def test_protocol_order_is_the_eus() -> None:
    assert set(PROTOCOL_ORDER) == EU_MEMBER_STATES and len(PROTOCOL_ORDER) == 27
    given = ["SE", "DE", "EL", "BE", "AT", "XX"]
    assert protocol_order(given) == ["BE", "DE", "EL", "AT", "SE", "XX"]


def test_member_states_are_listed_in_protocol_order(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, "s.yaml", ghana(member_states=["SE", "NL", "FR", "DE", "GR"]))
    html = render(run, path)
    assert "Germany, Greece, France, Netherlands, Sweden" in html


# -- Dutch documents --------------------------------------------------------------------------


def test_dutch_documents_write_numbers_and_dates_as_the_dutch_do(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, "s.yaml", ghana())
    markdown = render(run, path, fmt="md", lang="nl")
    assert "| 33,3 |" in markdown and "33.3" not in markdown
    assert "- **Vastgesteld op**: 29 april 2021" in markdown
    assert "24 november 2020" in markdown  # a consultation
    html = render(run, path, lang="nl")
    assert "(33,3%)" in html or "33,3" in html
    assert 'style="width: 33.3%"' in html  # CSS keeps its point


def test_local_numbers() -> None:
    assert local_number("1,234.5", "nl") == "1.234,5"
    assert local_number("62.5%", "nl") == "62,5%"
    assert local_number("62.5%", "en") == "62.5%"
    assert local_number("version 1.2", "nl") == "version 1.2"


def test_one_term_for_civil_society_in_dutch() -> None:
    text = str(labels()["nl"]) + str(open_points.WORDS["nl"])
    assert "maatschappelijk middenveld" in text
    assert "maatschappelijke organisaties" not in text


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_a_note_says_the_strategys_language(run: Run, tmp_path: Path, fmt: str) -> None:
    path = write(tmp_path, "s.yaml", ghana())  # written in English
    assert "De tekst van de strategie is in het Engels opgesteld." in render(
        run, path, fmt=fmt, lang="nl"
    )
    english = render(run, path, fmt=fmt, lang="en")
    assert "is written in" not in english
    assert language_name("nl", "en") == "Dutch" and language_name("fr-BE", "nl") == "Frans"
    assert language_name("en-GB", "en") == ""


# -- the title block --------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_the_title_block(run: Run, tmp_path: Path, fmt: str) -> None:
    doc = render(run, write(tmp_path, "s.yaml", ghana()), fmt=fmt)
    assert "29 April 2021" in doc and "EEAS(2021) 0612" in doc
    assert "EU Action Plan on Human Rights and Democracy 2020-2024, extended to 2027" in doc
    assert "gh-2021-2025" not in doc and "s.yaml" not in doc  # no file name


def test_the_plan_extension_is_said_only_where_the_document_runs_past_it() -> None:
    registry = Registry()
    extended = registry.load("eu-hrd-2020-2024@1.2.0")
    assert plan_name(extended, "en", 2026).extended_to == 2027
    assert plan_name(extended, "nl", 2026).title.startswith("EU-actieplan")
    assert plan_name(extended, "en", 2024).extended_to is None
    original = registry.load("eu-hrd-2020-2024@1.0.0")
    assert plan_name(original, "en", 2026).extended_to is None


def test_written_dates_in_both_languages() -> None:
    from hrdplan.io.locale import written_date

    assert written_date(date(2020, 11, 24), "nl") == "24 november 2020"


def test_dutch_country_names_read_as_in_a_sentence() -> None:
    from hrdplan.render.names import country_name

    assert country_name("CD", "nl") == "Democratische Republiek Congo"
    assert country_name("CD", "nl") != country_name("CG", "nl")
    assert country_name("PS", "nl") == "Staat Palestina"
    assert country_name("KE", "nl") == "Kenia"


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_the_colophon_names_the_catalogue_version_not_its_id(
    run: Run, tmp_path: Path, fmt: str
) -> None:
    doc = render(run, write(tmp_path, "s.yaml", ghana()), fmt=fmt)
    version = ghana()["catalogue"].rpartition("@")[2]
    assert f"catalogue version {version}" in doc
    assert ghana()["catalogue"] not in doc  # the pin as written in the file is tool language
