"""`hrdplan report`: the portfolio's figures, computed here again from the example files."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any, Literal

import pytest
import yaml
from conftest import EXAMPLES, Run

from hrdplan.catalogue.registry import Registry
from hrdplan.inputs import strategy as load
from hrdplan.render import portfolio
from hrdplan.render.markings import MARKINGS
from hrdplan.settings import Settings

FILES = sorted(EXAMPLES.glob("*.yaml"))


def data(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return loaded


@pytest.fixture(scope="module")
def built() -> portfolio.Portfolio:
    settings = Settings(Registry())
    sources = [load(p, p.name, settings) for p in FILES]
    return portfolio.build(sources, settings.registry, lang="en")


def catalogue_codes() -> list[str]:
    """Selectable objective codes, read from the catalogue file itself."""
    raw = yaml.load(  # the C loader: the catalogue is large
        (EXAMPLES.parent / "catalogue" / "eu-hrd-2020-2024" / "1.0.0.yaml").read_text(),
        Loader=yaml.CSafeLoader,
    )
    return [
        o["code"]
        for line in raw["lines"]
        for section in line["sections"]
        for o in section["objectives"]
        if o.get("selectable", True)
    ]


def marker_counts(path: Path) -> Counter[int | None]:
    counts = Counter[int | None]()
    for priority in data(path)["priorities"]:
        counts[(priority.get("gender") or {}).get("marker")] += len(priority["actions"])
    return counts


def test_gender_counts_actions_per_marker_of_their_priority(
    built: portfolio.Portfolio,
) -> None:
    by_country = {data(path)["country"]: marker_counts(path) for path in FILES}
    total = sum(by_country.values(), Counter[int | None]())
    for share in [*built.gender, built.overall]:
        counts = by_country[share.label] if share.label else total
        actions = sum(counts.values())
        assert share.actions == actions
        assert (share.principal, share.significant) == (counts[2], counts[1])
        assert (share.not_targeted, share.unmarked) == (counts[0], counts[None]) == (0, 0)
        assert share.share_principal == round(100 * counts[2] / actions, 1)
    # What varies between clean strategies is the share of marker 2, so it is what is shown.
    assert len({s.share_principal for s in built.gender}) > 1
    assert built.target == 85
    assert not hasattr(built.overall, "meets_target")


def test_gender_counts_marker_0_and_missing_markers(tmp_path: Path) -> None:
    # A strategy with errors may still be reported: its marker 0 and unmarked actions are
    # counted in their own columns, not hidden in a share.
    d = data(FILES[0])
    d["priorities"][0]["gender"]["marker"] = 0
    del d["priorities"][1]["gender"]
    path = tmp_path / "x.yaml"
    path.write_text(yaml.safe_dump(d, allow_unicode=True, sort_keys=False), encoding="utf-8")
    settings = Settings(Registry())
    built = portfolio.build([load(path, path.name, settings)], settings.registry, lang="en")
    counts = marker_counts(path)
    assert counts[0] and counts[None]
    share = built.overall
    assert (share.principal, share.significant, share.not_targeted, share.unmarked) == (
        counts[2],
        counts[1],
        counts[0],
        counts[None],
    )
    assert share.actions == sum(counts.values())
    md = portfolio_text(built, "md")
    assert "| no marker |" in md
    row = next(line for line in md.splitlines() if line.startswith("| **All strategies** |"))
    expected = f"| {share.actions} | {counts[2]} | {counts[1]} | {counts[0]} | {counts[None]} |"
    assert expected in row


def portfolio_text(built: portfolio.Portfolio, fmt: Literal["md", "html"]) -> str:
    from hrdplan.render import environment

    templates = environment.Templates(fmt, None)
    return templates.render("report", report=built, t=environment.labels()[built.lang])


GAP_NOTE = {
    "en": "at least 85% of them by 2025",
    "nl": "ten minste 85% ervan in 2025",
}
BY_CONSTRUCTION = {
    "en": "every clean strategy meets this target by construction",
    "nl": "elke strategie die in orde is, haalt dit doel dus vanzelf",
}


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_gender_section_shows_markers_and_the_gap_note(run: Run, fmt: str, lang: str) -> None:
    result = run("report", EXAMPLES, "--format", fmt, "--lang", lang)
    assert result.code == 0, result
    text = result.stdout
    section = text[text.index("gender") :]
    assert GAP_NOTE[lang] in section and BY_CONSTRUCTION[lang] in section
    # No always-"yes" column any more, and no tool language in the document.
    assert "Meets target" not in text and "Doel gehaald" not in text
    assert re.search(r"HRD\d{3}", text) is None
    settings = Settings(Registry())
    built = portfolio.build(
        [load(p, p.name, settings) for p in FILES],
        settings.registry,
        lang="nl" if lang == "nl" else "en",
    )
    for share in [*built.gender, built.overall]:
        counts = [share.actions, share.principal, share.significant, share.not_targeted]
        if fmt == "md":
            label = (
                f"{share.name} ({share.label})"
                if share.label
                else ("**All strategies**" if lang == "en" else "**Alle strategieën**")
            )
            row = next(x for x in text.splitlines() if x.startswith(f"| {label} | {counts[0]} |"))
            cells = [c.strip() for c in row.strip("|").split("|")]
            shown = f"{share.share_principal:g}%"
            assert cells[1:] == [
                *map(str, counts),
                shown.replace(".", "," if lang == "nl" else "."),
            ]
        else:
            row_html = "".join(f'<td class="num">{n}</td>' for n in counts)
            assert row_html in text, (share.label, row_html)
            shown = f"{share.share_principal:g}".replace(".", "," if lang == "nl" else ".")
            assert f'<span class="count">{shown}%</span>' in text


def test_uncovered_objectives_and_coverage(built: portfolio.Portfolio) -> None:
    taken = {p["objective"] for path in FILES for p in data(path)["priorities"]}
    codes = catalogue_codes()
    expected = [c for c in codes if c not in taken]
    assert [c for u in built.uncovered for c in u.codes] == expected
    assert built.uncovered_total == len(expected)
    assert built.selectable_total == len(codes)
    sections = [c.code for g in built.coverage.groups for c in g.columns]
    assert sections == sorted({c.rsplit(".", 1)[0] for c in codes})  # 5.2 is never selectable
    by_country = {d["country"]: d for d in map(data, FILES)}
    for row in built.coverage.rows:
        priorities = by_country[row.country_code]["priorities"]
        for section, cell in zip(sections, row.cells, strict=True):
            in_section = sum(1 for p in priorities if p["objective"].rsplit(".", 1)[0] == section)
            assert cell.count == in_section, (row.country_code, section)
        assert row.total == len(priorities)
    everything = sum(len(data(p)["priorities"]) for p in FILES)
    assert built.coverage.total == everything == sum(c.count for c in built.coverage.totals)


def test_instruments_most_used_first(built: portfolio.Portfolio) -> None:
    actions = Counter[str]()
    strategies = Counter[str]()
    for path in FILES:
        used = set()
        for priority in data(path)["priorities"]:
            for action in priority["actions"]:
                actions.update(set(action["instruments"]))
                used.update(action["instruments"])
        strategies.update(used)
    assert {u.id: u.actions for u in built.instruments} == dict(actions)
    assert {u.id: u.strategies for u in built.instruments} == dict(strategies)
    assert [u.actions for u in built.instruments] == sorted(actions.values(), reverse=True)


def test_heat_shades() -> None:
    assert [portfolio.heat(n, 4) for n in range(5)] == [0, 1, 2, 3, 4]
    assert portfolio.heat(1, 1) == 4 and portfolio.heat(0, 0) == 0
    assert portfolio.heat(3, 9) == 2


def test_report_markdown_through_the_cli(run: Run, tmp_path: Path) -> None:
    result = run("report", EXAMPLES, "--format", "md")
    assert result.code == 0, result
    markdown = result.stdout
    for path in FILES:
        d = data(path)
        row = next(line for line in markdown.splitlines() if f"({d['country']}) |" in line)
        actions = sum(len(p["actions"]) for p in d["priorities"])
        assert f"| {len(d['priorities'])} | {actions} | none |" in row
        assert f"{d['period']['start']}–{d['period']['end']}" in row
    # The highest classification of the strategies is the report's, as the EU marks it.
    levels = ["public", "limited", "restricted"]
    highest = max((data(p)["classification"] for p in FILES), key=levels.index)
    assert markdown.startswith(f"**{MARKINGS[highest]}**")


def test_report_lint_status_matches_lint(cli: Run, tmp_path: Path) -> None:
    folder = tmp_path / "s"
    folder.mkdir()
    d = data(FILES[0])
    d["priorities"][0]["objective"] = "9.9.z"
    d["priorities"][1]["indicators"][0].pop("baseline")
    (folder / "x.yaml").write_text(yaml.safe_dump(d, allow_unicode=True, sort_keys=False))
    findings = json.loads(cli("lint", folder, "--format", "json").stdout)
    errors = sum(1 for f in findings if f["severity"] == "error")
    warnings = sum(1 for f in findings if f["severity"] == "warning")
    assert errors and warnings
    out = tmp_path / "report.html"
    result = cli("report", folder, "--format", "html", "--out", out)
    assert result.code == 0, result
    html = out.read_text(encoding="utf-8")
    # The open points in words: how many, and what they are, without rule codes.
    assert f"<strong>{errors + warnings}</strong>: " in html
    assert f"{errors} to resolve</span>, " in html and f"{warnings} to review</span>" in html
    assert re.search(r"HRD\d{3}", html) is None
    assert '<html lang="en">' in html and "https://" not in html


def test_report_with_a_broken_strategy(cli: Run, tmp_path: Path) -> None:
    folder = tmp_path / "s"
    folder.mkdir()
    (folder / "good.yaml").write_text(FILES[0].read_text(encoding="utf-8"))
    (folder / "bad.yaml").write_text(": : :\n")
    result = cli("report", folder, "--format", "md")
    assert result.code == 2
    assert re.match(r"s/bad\.yaml:\d+:\d+: error: ", result.stderr)
    # The sound strategy is still reported.
    assert f"({data(FILES[0])['country']}) |" in result.stdout


def test_report_refuses_to_replace_a_file_it_did_not_write(cli: Run, tmp_path: Path) -> None:
    mine = tmp_path / "report.md"
    mine.write_text("keep me\n")
    result = cli("report", EXAMPLES, "--format", "md", "--out", mine)
    assert result.code == 2 and mine.read_text() == "keep me\n"


def test_report_in_dutch(cli: Run) -> None:
    result = cli("report", EXAMPLES, "--format", "md", "--lang", "nl")
    assert result.code == 0
    assert "Tunesië (TN)" in result.stdout and "Doelstellingen die geen strategie" in result.stdout
