"""The portfolio as an official document: no tool language, rows in the order of the names
shown, what each figure counts, numbered sections with a contents list, the plan's extension, the
reader's conventions, EU markings, and Markdown tables that fit GitHub's width."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import cmarkgfm
import pytest
import yaml
from cmarkgfm.cmark import Options
from conftest import EXAMPLES, Run

from hrdplan.catalogue.registry import Registry
from hrdplan.inputs import strategy as load
from hrdplan.render import documents, portfolio
from hrdplan.render.environment import labels
from hrdplan.render.names import country_name
from hrdplan.settings import Settings

GHANA = EXAMPLES / "gh-2021-2025.yaml"
# Markdown tables stay within this many columns. GitHub shows Markdown in a column about
# 1,000 pixels wide and scrolls a wider table sideways; a country name and seven short numeric
# columns fit it, and the report's widest tables are exactly that (line of action 1's six
# sections, or the six GAP III areas, between the country and the total). The old coverage
# matrix had 21 columns.
MAX_COLUMNS = 8
# Thirty third countries, none an EU member state, with names that test the order: accents
# (Côte d'Ivoire, Oekraïne), hyphens (Guinea-Bissau), Dutch IJ (IJsland), and names that sort
# differently in Dutch and English (Zuid-Afrika, Verenigde Staten, Ivoorkust).
THIRTY = [
    "CI",
    "CU",
    "TN",
    "IS",
    "EG",
    "US",
    "ZA",
    "KR",
    "UA",
    "TR",
    "VN",
    "XK",
    "KE",
    "SA",
    "MA",
    "AE",
    "GN",
    "GW",
    "GQ",
    "JO",
    "IN",
    "NP",
    "PE",
    "PH",
    "SN",
    "TH",
    "UY",
    "ZW",
    "BO",
    "AL",
]


def data(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return loaded


def write(path: Path, d: dict[str, Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(d, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def gfm(source: str) -> str:
    html: str = cmarkgfm.github_flavored_markdown_to_html(source, options=Options.CMARK_OPT_UNSAFE)
    return html


def tables(markdown: str) -> list[list[list[str]]]:
    """The Markdown tables: rows of cells (split at pipes that are not escaped)."""
    found: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in markdown.splitlines():
        if line.startswith("|"):
            cells = re.split(r"(?<!\\)\|", line.strip()[1:-1])
            current.append([c.strip() for c in cells])
        elif current:
            found.append(current)
            current = []
    if current:
        found.append(current)
    return found


def built(paths: list[Path], lang: str = "en") -> portfolio.Portfolio:
    settings = Settings(Registry())
    sources = [load(p, p.name, settings) for p in paths]
    return portfolio.build(sources, settings.registry, lang="nl" if lang == "nl" else "en")


@pytest.fixture(scope="module")
def thirty(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Thirty strategies made from the Ghana example, one per country of THIRTY."""
    folder = tmp_path_factory.mktemp("thirty") / "strategies"
    folder.mkdir()
    text = GHANA.read_text(encoding="utf-8")
    for code in THIRTY:
        assert "\ncountry: GH\n" in text
        (folder / f"{code.lower()}-2021-2025.yaml").write_text(
            text.replace("\ncountry: GH\n", f"\ncountry: {code}\n"), encoding="utf-8"
        )
    return folder


# -- the order of countries -------------------------------------------------------------------


def test_sort_key_orders_english_names_as_readers_look_them_up() -> None:
    names = ["Cuba", "Zimbabwe", "Côte d'Ivoire", "Guinea-Bissau", "Colombia", "Guinea", "Chad"]
    assert sorted(names, key=portfolio.sort_key) == [
        "Chad",
        "Colombia",
        "Côte d'Ivoire",
        "Cuba",
        "Guinea",
        "Guinea-Bissau",
        "Zimbabwe",
    ]
    # Code point order would put the accented name after Cuba.
    assert sorted(names).index("Côte d'Ivoire") > sorted(names).index("Cuba")


def test_sort_key_orders_dutch_names_in_dutch_order() -> None:
    names = [
        "Zuid-Afrika",
        "Oekraïne",
        "IJsland",
        "India",
        "Ierland",
        "Oeganda",
        "Equatoriaal-Guinea",
        "Egypte",
        "Zweden",
        "Zuid-Korea",
        "Ivoorkust",
    ]
    assert sorted(names, key=portfolio.sort_key) == [
        "Egypte",
        "Equatoriaal-Guinea",
        "Ierland",
        "IJsland",  # the IJ as I followed by J, as Dutch dictionaries sort it
        "India",
        "Ivoorkust",
        "Oeganda",
        "Oekraïne",
        "Zuid-Afrika",
        "Zuid-Korea",
        "Zweden",
    ]
    # Case and accents do not decide, the letters do; the name as written breaks ties.
    assert portfolio.sort_key("oekraine")[0] == portfolio.sort_key("Oekraïne")[0]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_rows_follow_the_names_shown_in_the_documents_language(tmp_path: Path, lang: str) -> None:
    codes = ["CI", "CU", "CO", "ZA", "IS", "UA", "US"]
    folder = tmp_path / "s"
    for code in codes:
        d = data(GHANA)
        d["country"] = code
        write(folder / f"{code.lower()}-2021-2025.yaml", d)
    view = built(sorted(folder.iterdir()), lang)
    names = [country_name(c, "nl" if lang == "nl" else "en") for c in codes]
    expected = sorted(names, key=portfolio.sort_key)
    for rows in (view.rows, view.coverage.rows, view.gender, view.criteria):
        assert [getattr(r, "country", getattr(r, "name", "")) for r in rows] == expected
    if lang == "en":
        assert expected.index("Côte d'Ivoire") == expected.index("Colombia") + 1
        assert expected.index("Cuba") == expected.index("Côte d'Ivoire") + 1
    else:
        # Ivoorkust among the I's, South Africa as Zuid-Afrika at the end.
        assert expected[-1] == "Zuid-Afrika" and expected.index("IJsland") < expected.index(
            "Ivoorkust"
        )


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_thirty_country_portfolio_renders_in_name_order(
    run: Run, thirty: Path, tmp_path: Path, fmt: str, lang: str
) -> None:
    out = tmp_path / f"portfolio.{fmt}"
    result = run("report", thirty, "--format", fmt, "--lang", lang, "--out", out)
    assert result.code == 0, result
    text = out.read_text(encoding="utf-8")
    language = "nl" if lang == "nl" else "en"
    names = sorted((country_name(c, language) for c in THIRTY), key=portfolio.sort_key)
    strategies = text.split(labels()[lang]["report_open_points"])[1]
    if fmt == "md":
        shown = [row[0] for row in tables(text.split("\n## 1. ")[1])[0][2:]]
        assert shown == [
            f"{n} ({c})" for n, c in zip(names, codes_of(names, language), strict=True)
        ]
        assert all(len(t[0]) <= MAX_COLUMNS for t in tables(text))
    else:
        body = strategies.split("<tbody>")[1].split("</tbody>")[0]
        shown = re.findall(r'<tr><th scope="row">(.*?) <span class="code">', body)
        assert [s.replace("&#39;", "'") for s in shown] == names
    assert str(thirty) not in text and "/strategies/" not in text


def codes_of(names: list[str], lang: str) -> list[str]:
    by_name = {country_name(c, "nl" if lang == "nl" else "en"): c for c in THIRTY}
    return [by_name[n] for n in names]


# -- no tool language -------------------------------------------------------------------------


def test_open_points_in_words_and_no_paths_or_ids(run: Run, tmp_path: Path) -> None:
    d = data(GHANA)
    d["priorities"][0]["rationale"] = "TODO: why this priority"
    d["priorities"][1]["indicators"][0]["source"] = "TODO: where the figure comes from"
    d["status"] = "draft"
    folder = tmp_path / "deep" / "strategies"
    write(folder / "gh-2021-2025.yaml", d)
    for fmt in ("md", "html"):
        result = run("report", folder.resolve(), "--format", fmt)
        assert result.code == 0, result
        text = result.stdout
        assert str(tmp_path) not in text and "deep" not in text
        assert re.search(r"HRD\d{3}", text) is None
        assert "Lint" not in text and "errors, " not in text
        # Instruments by their names, GAP III areas by letters explained below their table.
        for ident in ("political-dialogue", "human-rights-dialogue", "green-digital", "gbv"):
            assert ident not in text, ident
        assert "Political dialogues with third countries and regional organisations" in text
    md = strategies_section(run("report", folder, "--format", "md").stdout)
    (row,) = [line for line in md.splitlines() if line.startswith("| Ghana (GH) | 2021–2025 |")]
    # Two placeholders on a draft: two points to review, both text not yet written.
    assert row.endswith("| 2: 2 to review (2 not yet written) |"), row
    html = run("report", folder, "--format", "html").stdout
    assert '<span class="source">gh-2021-2025.yaml</span>' in html


def strategies_section(md: str) -> str:
    return md.split("\n## 1. ")[1].split("\n## 2. ")[0]


def test_a_clean_strategy_has_no_open_points(cli: Run) -> None:
    md = strategies_section(cli("report", GHANA, "--format", "md", "--lang", "nl").stdout)
    (row,) = [line for line in md.splitlines() if line.startswith("| Ghana (GH) | 2021–2025 |")]
    assert row.endswith("| geen |")
    assert "| Open punten |" in md


# -- coverage: what each figure counts ----------------------------------------------------------


def test_countries_covering_counts_each_country_once(tmp_path: Path) -> None:
    # Two Ghana strategies (successive periods) and Colombia: priorities add up, countries do not.
    first = data(GHANA)
    second = data(GHANA)
    second["period"] = {"start": 2026, "end": 2030}
    paths = [
        write(tmp_path / "gh-2021-2025.yaml", first),
        write(tmp_path / "gh-2026-2030.yaml", second),
        EXAMPLES / "co-2022-2026.yaml",
    ]
    view = built(paths)
    coverage = view.coverage
    assert coverage.countries_total == 2
    sections = [c.code for g in coverage.groups for c in g.columns]
    strategies = [data(p) for p in paths]
    for section, priorities, countries in zip(
        sections, coverage.totals, coverage.countries, strict=True
    ):
        taking = [
            d["country"]
            for d in strategies
            for p in d["priorities"]
            if p["objective"].rsplit(".", 1)[0] == section
        ]
        assert priorities.count == len(taking)
        assert countries.count == len(set(taking))
    assert any(p.count > c.count for p, c in zip(coverage.totals, coverage.countries, strict=True))
    # Per line of action: the same figures, cut at the line's sections.
    assert [c.code for line in coverage.lines for c in line.columns] == sections
    assert sum(line.total for line in coverage.lines) == coverage.total
    assert [n for line in coverage.lines for n in line.countries] == [
        c.count for c in coverage.countries
    ]
    for line in coverage.lines:
        in_line = {
            d["country"]
            for d in strategies
            for p in d["priorities"]
            if p["objective"].split(".")[0] == line.code
        }
        assert line.countries_total == len(in_line)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_markdown_coverage_is_one_table_per_line_of_action(cli: Run, lang: str) -> None:
    t = labels()[lang]
    md = cli("report", EXAMPLES, "--format", "md", "--lang", lang).stdout
    view = built(sorted(EXAMPLES.glob("*.yaml")), lang)
    coverage = md.split(f"{t['coverage']}\n")[1].split(f"{t['uncovered']} (")[0]
    found = tables(coverage)
    assert len(found) == len(view.coverage.lines) == 5
    for table, line in zip(found, view.coverage.lines, strict=True):
        assert table[0] == [t["country"], *(c.code for c in line.columns), t["total"]]
        assert len(table[0]) <= MAX_COLUMNS
        assert table[-1][0] == f"**{t['report_countries_covering']}**"
        assert table[-1][-1] == f"{line.countries_total} / {view.coverage.countries_total}"
        assert f"### {line.code} {line.title}" in coverage
    # What the figures count is said: priorities (a country counting twice), and countries.
    assert t["report_coverage_intro"] in md
    assert all(len(table[0]) <= MAX_COLUMNS for table in tables(md))
    # On GitHub: every table renders as a table, none wider than the bound.
    html = gfm(md)
    assert html.count("<table>") == len(tables(md))
    for header in re.findall(r"<thead>(.*?)</thead>", html, re.S):
        assert header.count("<th") <= MAX_COLUMNS


def test_html_coverage_has_a_countries_covering_row(cli: Run) -> None:
    html = cli("report", EXAMPLES, "--format", "html").stdout
    view = built(sorted(EXAMPLES.glob("*.yaml")))
    row = html.split('<tr class="countries"><th scope="row">Countries covering</th>')[1]
    row = row.split("</tr>")[0]
    cells = re.findall(r'<td class="cell h\d">([^<]*)</td>', row)
    assert cells == [str(c.count) if c.count else "·" for c in view.coverage.countries]
    assert '<td class="num">3</td>' in row


def test_uncovered_objectives_by_line_and_section_with_their_text(cli: Run) -> None:
    view = built(sorted(EXAMPLES.glob("*.yaml")))
    first = view.uncovered[0]
    assert (first.line_code, first.section_code) == ("1", "1.1")
    assert [o.code for o in first.objectives] == first.codes
    assert first.objectives[0].text.startswith("Strive to eradicate torture")
    assert all(
        len(o.text) <= portfolio.OBJECTIVE_WIDTH for u in view.uncovered for o in u.objectives
    )
    md = cli("report", EXAMPLES, "--format", "md").stdout
    part = md.split("Objectives no strategy takes up (")[2]
    assert "### 1 Protecting and empowering individuals" in part
    assert (
        "**1.1 Protecting people, eradicating inequalities, discrimination and exclusion**: "
        f"{len(first.codes)} of {first.selectable} not taken up"
    ) in part
    assert "- **1.1.b** Strive to eradicate torture" in part


# -- the gender target ------------------------------------------------------------------------


def below_target_strategy(folder: Path) -> Path:
    """Ghana with the gender equality objective left out of all priorities but the first: their
    markers then do not meet the DAC minimum criteria, and do not count towards the target."""
    d = data(GHANA)
    for priority in d["priorities"][1:]:
        priority["gender"].pop("objective")
    d["country"] = "CI"
    return write(folder / "ci-2021-2025.yaml", d)


def test_strategies_below_the_target_are_counted_and_listed_first(cli: Run, tmp_path: Path) -> None:
    folder = tmp_path / "s"
    below = below_target_strategy(folder)
    write(folder / "gh-2021-2025.yaml", data(GHANA))
    view = built([below, folder / "gh-2021-2025.yaml"])
    (share,) = view.below_target
    actions = sum(len(p["actions"]) for p in data(below)["priorities"])
    counted = len(data(below)["priorities"][0]["actions"])
    assert (share.label, share.actions, share.counted) == ("CI", actions, counted)
    assert share.share_counted == round(100 * counted / actions, 1) < view.target
    ghana = next(g for g in view.gender if g.label == "GH")
    assert not ghana.below_target and ghana.counted == ghana.actions
    md = cli("report", folder, "--format", "md").stdout
    gender = md.split("## 4. Gender equality in actions")[1]
    assert "**1 of 2 strategies below the target**" in gender
    # Before the table of every strategy's markers.
    assert gender.index(f"| Côte d'Ivoire (CI) | {actions} | {counted} (") < gender.index(
        "| Country | Actions | Marker 2"
    )
    nl = cli("report", folder, "--format", "md", "--lang", "nl").stdout
    assert "**1 van 2 strategieën onder het doel**" in nl
    assert f"{share.share_counted:g}%".replace(".", ",") in nl


def test_format_1_markers_count_as_marked(cli: Run) -> None:
    view = built([EXAMPLES / "tn-2021-2025.yaml"])
    assert view.overall.counted == view.overall.actions and not view.below_target
    md = cli("report", EXAMPLES / "tn-2021-2025.yaml", "--format", "md").stdout
    assert "No strategy is below the target." in md


# -- numbered sections and the contents list --------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_markdown_contents_links_to_numbered_headings(cli: Run, lang: str) -> None:
    md = cli("report", EXAMPLES, "--format", "md", "--lang", lang).stdout
    headings = re.findall(r"^## (\d+)\. (.+)$", md, re.M)
    assert [int(n) for n, _ in headings] == list(range(1, len(headings) + 1))
    assert len(headings) == 8  # with format 2 strategies and their progress
    contents = re.findall(r"^(\d+)\. \[(.+)\]\(#([^)]+)\)$", md, re.M)
    assert [(n, title) for n, title, _ in contents] == headings
    # Every link goes to the explicit anchor just above its heading (as in the strategy's
    # document: the same on GitHub and GitLab, whatever the title's letters).
    anchors = re.findall(r'^<a id="([^"]+)"></a>\n\n## \d+\. ', md, re.M)
    assert [anchor for *_, anchor in contents] == anchors
    html = gfm(md)
    assert html.count('<li><a href="#') == len(headings)
    assert "\\#" not in md  # no heading escaped into text


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_html_contents_matches_numbered_sections(cli: Run, lang: str) -> None:
    html = cli("report", EXAMPLES, "--format", "html", "--lang", lang).stdout
    nav = html.split('<nav class="contents"')[1].split("</nav>")[0]
    # Each entry numbered as its heading is (a printed contents list is read beside them).
    entries = re.findall(r'<li><a href="#([a-z-]+)">(\d+)\. ([^<]+)</a></li>', nav)
    headings = re.findall(r'<h2 id="([a-z-]+)-h">(\d+)\. ([^<]+)</h2>', html)
    assert headings == entries
    assert [int(n) for _, n, _ in headings] == list(range(1, len(entries) + 1))
    for key, _, _ in entries:
        assert f'<section id="{key}" aria-labelledby="{key}-h">' in html


# -- the plan, the reader's conventions ---------------------------------------------------------


def test_the_plans_extension_is_named() -> None:
    registry = Registry()
    assert documents.extended_to(registry.load("eu-hrd-2020-2024@1.0.0")) is None
    assert documents.extended_to(registry.load("eu-hrd-2020-2024@1.1.0")) == 2027


@pytest.mark.parametrize(
    ("lang", "phrase"),
    [
        ("en", "EU Action Plan on Human Rights and Democracy 2020-2024, extended to 2027"),
        (
            "nl",
            "EU-actieplan inzake mensenrechten en democratie 2020-2024, verlengd tot en met 2027",
        ),
    ],
)
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_plan_name_with_its_extension(cli: Run, fmt: str, lang: str, phrase: str) -> None:
    text = cli("report", EXAMPLES, "--format", fmt, "--lang", lang).stdout
    assert phrase in text
    assert "eu-hrd-2020-2024@" not in text.split("generated by hrdplan")[0].split("<footer")[0]


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_dutch_decimal_commas_and_written_dates(run: Run, fmt: str) -> None:
    result = run(
        "report", EXAMPLES, "--format", fmt, "--lang", "nl", env={"HRDPLAN_TODAY": "2026-11-29"}
    )
    assert result.code == 0, result
    text = result.stdout
    view = built(sorted(EXAMPLES.glob("*.yaml")), "nl")
    share = view.overall.share_principal
    assert share != int(share)
    # Shares for the reader with a decimal comma; CSS widths keep their point.
    shown = re.sub(r"width: [\d.]+%", "", text)
    assert f"{share:g}%".replace(".", ",") in shown and f"{share:g}%" not in shown
    assert "op 29 november 2026" in text
    if fmt == "html":
        assert f"width: {share:g}%" in text


# -- markings ---------------------------------------------------------------------------------


def with_classifications(folder: Path, *levels: str) -> Path:
    for code, level in zip(("GH", "CI", "KE"), levels, strict=False):
        d = data(GHANA)
        d["country"], d["classification"] = code, level
        write(folder / f"{code.lower()}-2021-2025.yaml", d)
    return folder


@pytest.mark.parametrize(
    ("levels", "expected"),
    [
        (("public", "limited"), "LIMITE"),
        (("limited", "restricted", "public"), "RESTREINT UE/EU RESTRICTED"),
    ],
)
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_report_carries_the_highest_marking_untranslated(
    cli: Run, tmp_path: Path, levels: tuple[str, ...], expected: str, lang: str
) -> None:
    folder = with_classifications(tmp_path / "s", *levels)
    md = cli("report", folder, "--format", "md", "--lang", lang).stdout
    assert md.startswith(f"**{expected}**\n")
    html = cli("report", folder, "--format", "html", "--lang", lang).stdout
    assert f'<div class="banner banner-top" role="note">{expected}</div>' in html
    assert f"content: {css(expected)};" in html
    for word in ("GERUBRICEERD", "BEPERKT", "RESTRICTED</div>" if "UE" not in expected else "X"):
        assert word not in html.replace(expected, "")


def css(text: str) -> str:
    from hrdplan.render.text import css_string

    return css_string(text)


def test_an_all_public_portfolio_has_no_marking(cli: Run, tmp_path: Path) -> None:
    folder = with_classifications(tmp_path / "s", "public", "public")
    md = cli("report", folder, "--format", "md").stdout
    assert md.startswith("# ")
    assert "PUBLIC" not in md and "| public |" in md
    html = cli("report", folder, "--format", "html").stdout
    # The banner element stays (the Word converter reads it), empty and hidden.
    assert '<div class="banner banner-top" role="note" hidden></div>' in html
    assert "PUBLIC" not in html


def test_a_template_written_for_the_old_fields_gets_file_names(run: Run, tmp_path: Path) -> None:
    # `source` was the path as given; a template of one's own that prints it now gets the name.
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "report.md.j2").write_text(
        "{% for r in report.rows %}{{ r.source }};{% endfor %}"
        "{% for r in report.progress.rows %}{{ r.source }};{% endfor %}\n",
        encoding="utf-8",
    )
    result = run("report", EXAMPLES.resolve(), "--format", "md", "--template-dir", templates)
    assert result.code == 0, result
    assert result.stdout.startswith(
        "co-2022-2026.yaml;gh-2021-2025.yaml;tn-2021-2025.yaml;co-2022-2026.yaml;gh-2021-2025.yaml;"
    )
