"""The `changes:` log as a document's "Revision history": numbered like the other sections and
in the contents list, dates written out in the document's language, in every format, and never
in a public extract (the reasons for changing commitments are internal)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import lxml.html
import pytest
from conftest import EXAMPLES, Run

from hrdplan.catalogue.registry import Registry
from hrdplan.render import documents
from hrdplan.strategy.model import StrategyV2

LOG = """changes:
  - date: 2024-02-01
    what: P3's gender marker raised to 2
    why: "The cocoa programme now has gender equality as its principal objective <b>&amp;</b>"
  - date: 2023-03-15
    what: P1's target for survivors served raised to 7,500
    why: The mid-term review found demand above plan
"""


@pytest.fixture
def logged(tmp_path: Path) -> Path:
    text = (EXAMPLES / "gh-2021-2025.yaml").read_text(encoding="utf-8")
    path = tmp_path / "gh.yaml"
    path.write_text(text.rstrip("\n") + "\n" + LOG, encoding="utf-8")
    return path


def rendered(run: Run, path: Path, *args: str) -> Path:
    done = run("render", path, "-o", path.parent / "out", *args)
    assert done.code == 0, done
    return Path(done.stdout.split()[0])


def test_html_section_numbered_and_in_the_contents(run: Run, logged: Path) -> None:
    root = lxml.html.fromstring(rendered(run, logged).read_text(encoding="utf-8"))
    [section] = root.xpath("//section[@id='revisions']")
    heading = " ".join(section.find("h2").text_content().split())
    contents = [" ".join(a.text_content().split()) for a in root.xpath("//nav//a")]
    assert heading in contents
    assert heading.endswith("Revision history") and heading.split()[0].isdigit()
    rows = [[" ".join(c.text_content().split()) for c in tr] for tr in section.xpath(".//tbody/tr")]
    # Oldest first, the date written out, the text as written (markup stays text).
    assert rows[0] == [
        "15 March 2023",
        "P1's target for survivors served raised to 7,500",
        "The mid-term review found demand above plan",
    ]
    assert rows[1][0] == "1 February 2024"
    assert rows[1][2].endswith("<b>&amp;</b>")
    assert not section.xpath(".//b")
    # Before the open points, after what the strategy says.
    anchors = [s.get("id") for s in root.xpath("//main/section")]
    assert anchors.index("revisions") == anchors.index("open-points") - 1


def test_dutch_dates_and_labels(run: Run, logged: Path) -> None:
    text = rendered(run, logged, "--lang", "nl").read_text(encoding="utf-8")
    assert "Wijzigingsgeschiedenis" in text
    assert "15 maart 2023" in text and "1 februari 2024" in text


def test_markdown(run: Run, logged: Path) -> None:
    text = rendered(run, logged, "--format", "md").read_text(encoding="utf-8")
    assert '<a id="revisions"></a>' in text
    assert "Revision history](#revisions)" in text  # in the contents list
    line = next(x for x in text.splitlines() if x.startswith("| 15 March 2023 |"))
    assert "P1's target for survivors served raised to 7,500" in line


def test_docx_heading_and_table(run: Run, logged: Path) -> None:
    import docx

    document = docx.Document(str(rendered(run, logged, "--format", "docx")))
    headings = [
        p.text
        for p in document.paragraphs
        if p.style and (p.style.name or "").startswith("Heading")
    ]
    assert any(h.endswith("Revision history") for h in headings), headings
    cells = {c.text for table in document.tables for row in table.rows for c in row.cells}
    assert "15 March 2023" in cells and "The mid-term review found demand above plan" in cells


def test_not_in_a_public_extract(run: Run, logged: Path) -> None:
    text = rendered(run, logged, "--public").read_text(encoding="utf-8")
    assert "Revision history" not in text and "mid-term review" not in text


def test_no_log_no_section(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "gh.yaml"
    path.write_text((EXAMPLES / "gh-2021-2025.yaml").read_text(encoding="utf-8"))
    text = rendered(run, path).read_text(encoding="utf-8")
    assert 'id="revisions"' not in text and "Revision history" not in text


def test_docx_has_no_tracked_changes_outside_a_redline(run: Run, logged: Path) -> None:
    path = rendered(run, logged, "--format", "docx")
    with zipfile.ZipFile(path) as archive:
        body = archive.read("word/document.xml")
    assert b"<w:ins " not in body and b"<w:del " not in body


def test_revision_history_unit(logged: Path) -> None:
    from hrdplan import inputs
    from hrdplan.settings import Settings

    loaded = inputs.strategy(logged, "gh.yaml", Settings(Registry()))
    assert isinstance(loaded.strategy, StrategyV2)
    history = documents.revision_history(loaded.strategy, "en")
    assert [r.date for r in history] == ["15 March 2023", "1 February 2024"]
    assert [r.index for r in history] == [1, 0]  # their places in the file's log
