"""Word documents: `render --format docx` and `report --format docx`, read back by python-docx
and opened by LibreOffice as the people who receive them would."""

# python-docx types every optional part (a style, run properties) as possibly None; these
# tests read documents just made, where an absent part is itself a failure.
# mypy: disable-error-code="union-attr"

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import lxml.html
import pytest
import yaml
from conftest import EXAMPLES, ROOT, Run
from docx.oxml.ns import qn
from office import libreoffice_pdf

from hrdplan.io.errors import InputError
from hrdplan.render import reference, word
from hrdplan.render.environment import labels
from hrdplan.render.word import ooxml
from hrdplan.render.word import package as word_package

SHOTS = ROOT / "build" / "browser"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


# Helpers ---------------------------------------------------------------------------------------


def paragraphs(element: object) -> list[str]:
    """The text of every paragraph in a part (body, header, footer), tables and links
    included, whitespace collapsed."""
    root = getattr(element, "_element", element)
    return [
        re.sub(r"\s+", " ", "".join(p.xpath(".//w:t/text()"))).strip()
        for p in root.iter(f"{W}p")  # type: ignore[attr-defined]
    ]


def body_text(document: docx.document.Document) -> str:
    return "\n".join(paragraphs(document.element.body))


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def styled(document: docx.document.Document, prefix: str) -> list[tuple[str, str]]:
    return [
        (p.style.name, flat("".join(p._p.xpath(".//w:t/text()"))))
        for p in document.paragraphs
        if p.style is not None and p.style.name.startswith(prefix)
    ]


def html_of(run: Run, tmp_path: Path, *args: str | Path) -> dict[str, lxml.html.HtmlElement]:
    out = tmp_path / "html"
    result = run("render", *args, "--format", "html", "--out", out)
    assert result.code == 0, result
    return {p.stem: lxml.html.parse(str(p)).getroot() for p in sorted(out.glob("*.html"))}


def render_docx(run: Run, out: Path, *args: str | Path) -> list[Path]:
    result = run("render", *args, "--format", "docx", "--out", out)
    assert result.code == 0, result
    paths = [Path(line) for line in result.stdout.splitlines()]
    assert paths and all(p.suffix == ".docx" and p.is_file() for p in paths)
    return paths


def banner(page: lxml.html.HtmlElement) -> str:
    found = page.find_class("banner-top")
    return flat(found[0].text_content()) if found else ""


def strategy_texts(path: Path) -> tuple[list[str], list[str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    titles = [flat(p["title"]) for p in data["priorities"]]
    indicators = [
        flat(i["text"])
        for p in data["priorities"]
        for i in p.get("indicators") or []
        if "text" in i
    ]
    return titles, indicators


def pdf_pages(pdf: Path) -> list[str]:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, timeout=60
    ).stdout
    return [page for page in text.split("\f") if page.strip()]


# The examples through the CLI -----------------------------------------------------------------


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every DOCX the examples produce: strategies, progress reports and the portfolio."""
    out = tmp_path_factory.mktemp("docx")
    hrdplan = Path(sys.executable).with_name("hrdplan")
    env = {**os.environ, "NO_COLOR": "1"}
    made = subprocess.run(
        [str(hrdplan), "render", str(EXAMPLES), "--format", "docx", "--out", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert made.returncode == 0, made.stderr
    report = subprocess.run(
        [str(hrdplan), "report", str(EXAMPLES), "--format", "docx", "--out", str(out / "x.docx")],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert report.returncode == 0, report.stderr
    return {p.stem: p for p in sorted(out.glob("*.docx"))}


def test_every_example_renders_to_docx(rendered: dict[str, Path]) -> None:
    strategies = {p.stem for p in EXAMPLES.glob("*.yaml")}
    progress = {
        f"{p.parent.name}-{p.stem}-progress" for p in (EXAMPLES / "progress").glob("*/*.yaml")
    }
    assert strategies | progress | {"x"} <= set(rendered)
    for path in rendered.values():
        data = path.read_bytes()
        assert word.has_mark(data), path
        docx.Document(io.BytesIO(data))  # python-docx reads every one back


@pytest.mark.parametrize("stem", sorted(p.stem for p in EXAMPLES.glob("*.yaml")))
def test_strategy_docx_has_every_priority_indicator_and_heading(
    rendered: dict[str, Path], run: Run, tmp_path: Path, stem: str
) -> None:
    document = docx.Document(str(rendered[stem]))
    text = flat(body_text(document))
    titles, indicators = strategy_texts(EXAMPLES / f"{stem}.yaml")
    assert titles and indicators
    for title in titles:
        assert title in text
    for indicator in indicators:
        assert indicator in text
    # Every heading of the HTML is a heading in Word's own styles, at its level.
    page = html_of(run, tmp_path, EXAMPLES / f"{stem}.yaml")[stem]
    headings = styled(document, "Heading ")
    expected = [
        (f"Heading {int(h.tag[1]) - 1}", flat(h.text_content()))
        for h in page.iter("h2", "h3", "h4")
    ]
    assert headings == expected
    assert styled(document, "Title") == [("Title", flat(page.find(".//h1").text_content()))]
    for name, _ in headings:
        paragraph = next(p for p in document.paragraphs if p.style.name == name)
        assert (
            paragraph.paragraph_format.keep_with_next
            or paragraph.style.paragraph_format.keep_with_next
        )


def test_progress_report_docx_has_every_indicator(rendered: dict[str, Path]) -> None:
    document = docx.Document(str(rendered["gh-2021-2025-2023-progress"]))
    text = flat(body_text(document))
    titles, indicators = strategy_texts(EXAMPLES / "gh-2021-2025.yaml")
    for title in titles:
        assert title in text
    for indicator in indicators:
        assert indicator in text
    # The indicators' way to target, drawn in the HTML, is in figures here.
    assert re.search(r"\d+(\.\d)?%", text)


def test_portfolio_docx_lists_every_strategy(rendered: dict[str, Path]) -> None:
    document = docx.Document(str(rendered["x"]))
    text = body_text(document)
    for country in ("Ghana", "Tunisia", "Colombia"):
        assert country in text
    assert styled(document, "Heading 1")


@pytest.mark.parametrize("stem", ["gh-2021-2025", "co-2022-2026"])
def test_marking_in_every_header_and_footer_with_page_numbers(
    rendered: dict[str, Path], run: Run, tmp_path: Path, stem: str
) -> None:
    classification = yaml.safe_load((EXAMPLES / f"{stem}.yaml").read_text())["classification"]
    assert classification in ("restricted", "limited")
    marking = banner(html_of(run, tmp_path, EXAMPLES / f"{stem}.yaml")[stem])
    assert marking
    document = docx.Document(str(rendered[stem]))
    for section in document.sections:
        assert marking in paragraphs(section.header)
        assert marking in paragraphs(section.footer)
        instructions = [
            flat(f.get(qn("w:instr"))) for f in section.footer._element.iter(qn("w:fldSimple"))
        ]
        assert instructions == ["PAGE", "NUMPAGES"]
    # The body does not repeat it as a banner: it is the pages' marking.
    top_level = [
        flat("".join(p.xpath(".//w:t/text()"))) for p in document.element.body.findall(f"{W}p")
    ]
    assert marking not in top_level


def test_no_marking_without_a_banner() -> None:
    data = word.from_html("<html lang='en'><body><p>Plain</p></body></html>")
    document = docx.Document(io.BytesIO(data))
    assert not any(paragraphs(document.sections[0].header))
    assert any(
        f.get(qn("w:instr")).strip() == "PAGE"
        for f in document.sections[0].footer._element.iter(qn("w:fldSimple"))
    )


def test_contents_is_a_toc_field_with_its_entries(
    rendered: dict[str, Path], run: Run, tmp_path: Path
) -> None:
    stem = "gh-2021-2025"
    page = html_of(run, tmp_path, EXAMPLES / f"{stem}.yaml")[stem]
    entries = [flat(a.text_content()) for a in page.find(".//nav").iter("a")]
    document = docx.Document(str(rendered[stem]))
    body = document.element.body
    instructions = [flat(t.text) for t in body.iter(qn("w:instrText"))]
    assert any(i.startswith("TOC ") for i in instructions)
    kinds = [f.get(qn("w:fldCharType")) for f in body.iter(qn("w:fldChar"))]
    assert kinds[:3] == ["begin", "separate", "end"]
    # The cached result lists the contents, each entry a link to its section's bookmark.
    assert [text for style, text in styled(document, "toc ")] == entries
    bookmarks = {b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))}
    anchors = [h.get(qn("w:anchor")) for h in body.iter(qn("w:hyperlink"))]
    assert anchors and set(anchors) <= bookmarks
    settings = document.settings.element
    assert settings.find(qn("w:updateFields")).get(qn("w:val")) == "true"


def test_tables_repeat_their_header_rows_and_keep_rows_whole(rendered: dict[str, Path]) -> None:
    for stem in ("gh-2021-2025", "gh-2021-2025-2023-progress", "x"):
        document = docx.Document(str(rendered[stem]))
        tables = document.tables
        assert tables
        headed = 0
        for table in tables:
            rows = table._tbl.tr_lst
            assert all(
                r.trPr is not None and r.trPr.find(qn("w:cantSplit")) is not None for r in rows
            )
            if rows[0].trPr.find(qn("w:tblHeader")) is not None:
                headed += 1
                # Only the leading header rows repeat.
                flags = [r.trPr.find(qn("w:tblHeader")) is not None for r in rows]
                assert flags == sorted(flags, reverse=True)
            assert table.style is not None and table.style.name == "Table Grid"
        assert headed >= 3


def test_language_on_the_default_style_and_the_strategy_text(run: Run, tmp_path: Path) -> None:
    [path] = render_docx(run, tmp_path / "nl", EXAMPLES / "gh-2021-2025.yaml", "--lang", "nl")
    document = docx.Document(str(path))
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(f"{W}rPrDefault/{W}rPr/{W}lang").get(qn("w:val")) == "nl-NL"
    assert document.core_properties.language == "nl-NL"
    # The strategy is written in English: its own text carries its language.
    langs = {lang.get(qn("w:val")) for lang in document.element.body.iter(qn("w:lang"))}
    assert "en-GB" in langs
    title = next(p for p in document.paragraphs if p.style.name == "Title")
    assert {r._r.rPr.find(qn("w:lang")).get(qn("w:val")) for r in title.runs} == {"en-GB"}


def test_same_input_gives_the_same_bytes(run: Run, tmp_path: Path) -> None:
    first = render_docx(run, tmp_path / "a", EXAMPLES / "gh-2021-2025.yaml")
    time.sleep(2.1)  # a zip's dates have two-second steps: a new step, were the clock used
    second = render_docx(run, tmp_path / "b", EXAMPLES / "gh-2021-2025.yaml")
    assert first[0].read_bytes() == second[0].read_bytes()
    with zipfile.ZipFile(first[0]) as package:
        assert {i.date_time for i in package.infolist()} == {word.ZIP_DATE}
        assert package.namelist()[0] == "[Content_Types].xml"
    core = docx.Document(str(first[0])).core_properties
    assert core.created == core.modified == core.last_printed
    assert core.created.year == 2000
    assert core.title == "EU Human Rights and Democracy Country Strategy for Ghana 2021-2025"


def test_report_docx_goes_to_a_file(run: Run, tmp_path: Path) -> None:
    result = run("report", EXAMPLES, "--format", "docx", "--out", tmp_path / "x.docx")
    assert result.code == 0, result
    assert word.has_mark((tmp_path / "x.docx").read_bytes())


# Replacing our own documents, never someone's ---------------------------------------------------


def test_rendering_again_replaces_our_docx_but_not_someone_elses(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "out"
    [path] = render_docx(run, out, EXAMPLES / "gh-2021-2025.yaml")
    render_docx(run, out, EXAMPLES / "gh-2021-2025.yaml")  # ours: replaced
    # A colleague saves it with their comments: Word writes their name and the time.
    document = docx.Document(str(path))
    document.core_properties.last_modified_by = "A. Colleague"
    document.save(str(path))
    theirs = path.read_bytes()
    assert not word.has_mark(theirs)
    refused = run("render", EXAMPLES / "gh-2021-2025.yaml", "--format", "docx", "--out", out)
    assert refused.code == 2
    assert len(refused.stderr.strip().splitlines()) == 1
    assert "--force" in refused.stderr
    assert path.read_bytes() == theirs
    forced = run(
        "render", EXAMPLES / "gh-2021-2025.yaml", "--format", "docx", "--out", out, "--force"
    )
    assert forced.code == 0, forced
    assert word.has_mark(path.read_bytes())


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"PK",
        b"PK\x03\x04" + b"\x00" * 100,
        b"%PDF-1.7",
        os.urandom(4096),
    ],
)
def test_written_is_false_on_garbage(data: bytes) -> None:
    assert word.has_mark(data) is False


def test_written_is_false_for_a_plain_word_document_and_a_huge_core(tmp_path: Path) -> None:
    plain = io.BytesIO()
    docx.Document().save(plain)
    assert not word.has_mark(plain.getvalue())
    big = io.BytesIO()
    with zipfile.ZipFile(big, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("docProps/core.xml", b" " * (word_package._MAX_CORE_XML + 10))
    assert not word.has_mark(big.getvalue())


# --reference-doc --------------------------------------------------------------------------------


def reference_doc(path: Path) -> Path:
    from docx.shared import Pt

    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = "Liberation Sans"
    normal.font.size = Pt(13)
    document.sections[0].header.paragraphs[0].text = "ACME Delegation"
    document.add_paragraph("This body is the template's, not the strategy's.")
    document.save(str(path))
    return path


def test_reference_doc_gives_the_styles(run: Run, tmp_path: Path) -> None:
    reference = reference_doc(tmp_path / "ref.docx")
    [path] = render_docx(
        run, tmp_path / "out", EXAMPLES / "gh-2021-2025.yaml", "--reference-doc", reference
    )
    document = docx.Document(str(path))
    normal = document.styles["Normal"]
    assert normal.font.name == "Liberation Sans"
    assert normal.font.size.pt == 13
    text = body_text(document)
    assert "This body is the template's" not in text
    assert "Ghana" in text
    header = paragraphs(document.sections[0].header)
    assert "ACME Delegation" in header
    assert any(p for p in header if p != "ACME Delegation")  # the marking besides
    assert word.has_mark(path.read_bytes())


def test_reference_doc_without_our_styles_falls_back(tmp_path: Path) -> None:
    reference = io.BytesIO()
    document = docx.Document()
    styles = document.styles.element
    for name in ("Heading 1", "Heading 2", "Table Grid", "List Number", "Quote", "TOC Heading"):
        styles.remove(document.styles[name].element)
    document.save(reference)
    html = (
        "<html lang='en'><body><nav class='contents' aria-label='Contents'><ol>"
        "<li><a href='#s'>One</a></li></ol></nav><section id='s'><h2>One</h2><h3>Two</h3>"
        "<ol><li>first</li></ol><blockquote><p>quoted</p></blockquote>"
        "<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>b</td></tr></tbody></table>"
        "</section></body></html>"
    )
    made = docx.Document(io.BytesIO(word.from_html(html, reference=reference.getvalue())))
    assert [name for name, _ in styled(made, "Heading ")] == ["Heading 1", "Heading 2"]
    outline = made.styles["Heading 1"].element.xpath("./w:pPr/w:outlineLvl/@w:val")
    assert outline == ["0"]
    assert made.tables[0].style.name == "Table Grid"
    assert "quoted" in body_text(made)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"just some text\n", "not a Word document (.docx)"),
        (b"%PDF-1.7\n", "not a Word document (.docx)"),
        (None, "not a Word document (.docx)"),  # a zip, but not Word's
    ],
)
def test_reference_doc_refuses_what_is_not_a_word_document(
    run: Run, tmp_path: Path, content: bytes | None, message: str
) -> None:
    reference = tmp_path / "ref.docx"
    if content is None:
        with zipfile.ZipFile(reference, "w") as package:
            package.writestr("hello.txt", "hello")
    else:
        reference.write_bytes(content)
    out = tmp_path / "out"
    result = run(
        "render",
        EXAMPLES / "gh-2021-2025.yaml",
        "--format",
        "docx",
        "--out",
        out,
        "--reference-doc",
        reference,
    )
    assert result.code == 2
    assert result.stderr.strip().splitlines() == [f"ref.docx: error: {message}"]
    assert not out.exists() or not any(out.iterdir())


def test_reference_doc_missing_or_a_folder(run: Run, tmp_path: Path) -> None:
    (tmp_path / "folder.docx").mkdir()
    for name, message in (("missing.docx", "no such file"), ("folder.docx", "is a directory")):
        result = run(
            "report", EXAMPLES, "--format", "docx", "--out", "x.docx", "--reference-doc", name
        )
        assert result.code == 2
        [line] = result.stderr.strip().splitlines()
        assert line.startswith(f"{name}: error: {message}")


def test_reference_doc_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reference, "MAX_REFERENCE_BYTES", 100)
    path = reference_doc(tmp_path / "ref.docx")
    with pytest.raises(InputError, match="over the limit"):
        reference.read(path)


def test_reference_template_dotx_is_taken(tmp_path: Path) -> None:
    path = reference_doc(tmp_path / "ref.docx")
    data = path.read_bytes()
    dotx = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(dotx, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                content = content.replace(reference.DOCUMENT_TYPE, reference.TEMPLATE_TYPE)
            target.writestr(item, content)
    (tmp_path / "ref.dotx").write_bytes(dotx.getvalue())
    taken = reference.read(tmp_path / "ref.dotx").data
    made = docx.Document(
        io.BytesIO(word.from_html("<html><body><p>x</p></body></html>", reference=taken))
    )
    assert made.styles["Normal"].font.size.pt == 13


def test_reference_doc_only_with_docx(run: Run, tmp_path: Path) -> None:
    reference = reference_doc(tmp_path / "ref.docx")
    result = run(
        "render", EXAMPLES / "gh-2021-2025.yaml", "--format", "html", "--reference-doc", reference
    )
    assert result.code == 2
    assert "--reference-doc goes with --format docx" in result.stderr


# The HTML's elements in Word's structures ---------------------------------------------------------


def test_mapping_of_elements() -> None:
    html = """<!DOCTYPE html><html lang="en"><head><title>T &amp; t</title></head><body>
    <div class="banner banner-top">LIMITE</div>
    <header class="title-block"><p class="kicker">Strategy</p><h1>The title</h1>
    <dl class="facts"><dt>Country</dt><dd>Ghana <span class="code">GH</span></dd>
    <dt>Period</dt><dd>2021–2025</dd></dl></header>
    <main><section id="one"><h2 id="one-h">1 Summary</h2>
    <p>Some <strong>bold</strong>, <em>italic</em> and <code>code</code>; <a href="#two">a link</a>,
    <a href="#nowhere">a dead one</a>, <a href="https://example.org/x">outside</a>.</p>
    <ul><li>bullet <ul><li>nested</li></ul></li></ul>
    <ol><li>first</li><li>second</li></ol><ol><li>again one</li></ol>
    <blockquote><p>quoted</p><footer>source</footer></blockquote>
    <table><thead><tr><th>Name</th><th class="num">Count</th></tr></thead>
    <tbody><tr><th scope="row">a</th><td class="num">12</td></tr>
    <tr><td colspan="2">spanning</td></tr></tbody></table>
    </section><section id="two"><h2 id="two-h">2 Priorities</h2>
    <h3>2.1 P1 · First</h3><h4>Rationale</h4><p lang="fr">Bonjour</p></section></main>
    <footer class="colophon">Generated</footer><div class="banner banner-bottom">LIMITE</div>
    </body></html>"""
    document = docx.Document(io.BytesIO(word.from_html(html)))
    assert document.core_properties.title == "T & t"
    assert styled(document, "Title") == [("Title", "The title")]
    assert styled(document, "Heading") == [
        ("Heading 1", "1 Summary"),
        ("Heading 1", "2 Priorities"),
        ("Heading 2", "2.1 P1 · First"),
        ("Heading 3", "Rationale"),
    ]
    facts = document.tables[0]
    assert [[c.text for c in row.cells] for row in facts.rows] == [
        ["Country", "Ghana GH"],
        ["Period", "2021–2025"],
    ]
    by_text = {flat(p.text): p for p in document.paragraphs}
    lists = [
        (p.style.name, flat(p.text)) for p in document.paragraphs if p.style.name.startswith("List")
    ]
    assert lists == [
        ("List Bullet", "bullet"),
        ("List Bullet 2", "nested"),
        ("List Number", "first"),
        ("List Number", "second"),
        ("List Number", "again one"),
    ]
    # Each numbered list counts from 1: a numbering of its own.
    nums = [p._p.pPr.numPr.numId.val for p in document.paragraphs if p.style.name == "List Number"]
    assert nums[0] == nums[1] != nums[2]
    assert by_text["quoted"].style.name == "Quote"
    assert by_text["source"].style.name == "Quote"
    runs = {r.text: r for p in document.paragraphs for r in p.runs}
    assert runs["bold"].bold and runs["italic"].italic
    assert runs["code"].style.name == "Verbatim Char"
    body = document.element.body
    links = {
        h.get(qn("w:anchor")) or "external": flat("".join(h.xpath(".//w:t/text()")))
        for h in body.iter(qn("w:hyperlink"))
    }
    assert "a link" in links.values() and "outside" in links.values()
    assert "a dead one" not in links.values() and "a dead one" in body_text(document)
    bookmarks = {b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))}
    assert {a for a in links if a != "external"} <= bookmarks
    # The table: a header row that repeats, numbers to the right, the span merged.
    table = document.tables[1]
    assert table._tbl.tr_lst[0].trPr.find(qn("w:tblHeader")) is not None
    assert table.cell(1, 1).paragraphs[0].alignment == 2  # RIGHT
    assert table.cell(2, 0)._tc is table.cell(2, 1)._tc
    assert table.cell(1, 0).paragraphs[0].runs[0].bold
    # The French paragraph's runs say so.
    assert by_text["Bonjour"].runs[0]._r.rPr.find(qn("w:lang")).get(qn("w:val")) == "fr-FR"
    assert "Generated" in by_text
    assert "LIMITE" not in body_text(document)
    assert "LIMITE" in paragraphs(document.sections[0].header)


def test_charts_become_tables_never_empty_boxes() -> None:
    html = """<html lang="en"><body>
    <figure><figcaption>Priorities per line</figcaption><ul class="bars">
    <li><span class="label"><span class="code">1</span> Protecting</span><span class="track">
    <span class="fill" style="width: 62.5%"></span></span><span class="count">5</span></li>
    <li><span class="label"><span class="code">2</span> Building</span><span class="track">
    <span class="fill" style="width: 37.5%"></span></span><span class="count">3</span></li>
    </ul></figure>
    <figure><figcaption>Markers</figcaption>
    <div class="stack" aria-hidden="true"><span></span></div>
    <ul class="legend"><li><span class="marker">2</span>principal: 2 (33.3%)</li></ul></figure>
    <table><tbody><tr><td class="way">
    <svg class="way" role="img" aria-label="Share of the way: 40%"></svg></td>
    <td><div class="share"><div class="track"><span class="fill" style="width: 25%"></span></div>
    <span class="count">25%</span></div></td></tr></tbody></table>
    </body></html>"""
    document = docx.Document(io.BytesIO(word.from_html(html)))
    captions = [t for _, t in styled(document, "Caption")]
    assert captions == ["Priorities per line", "Markers"]
    bars, legend, cells = document.tables
    rows = [[flat(c.text) for c in row.cells] for row in bars.rows]
    assert [r[:2] for r in rows] == [["1 Protecting", "5"], ["2 Building", "3"]]
    assert rows[0][2].endswith("62.5%") and rows[1][2].endswith("37.5%")
    assert [[flat(c.text) for c in row.cells] for row in legend.rows] == [
        ["2 principal", "2 (33.3%)"]
    ]
    assert [flat(c.text) for c in cells.rows[0].cells] == ["Share of the way: 40%", "25%"]
    for table in document.tables:
        assert all(flat(c.text) for row in table.rows for c in row.cells)


def test_progress_way_chart_text_in_the_table(rendered: dict[str, Path]) -> None:
    document = docx.Document(str(rendered["gh-2021-2025-2023-progress"]))
    cells = [flat(c.text) for t in document.tables for row in t.rows for c in row.cells]
    assert any(re.fullmatch(r"\d+(\.\d)?% .+: \d+(\.\d)?%", c) for c in cells), cells[:80]


def test_timeline_cells_are_shaded(rendered: dict[str, Path]) -> None:
    document = docx.Document(str(rendered["gh-2021-2025"]))
    fills = {s.get(qn("w:fill")) for s in document.element.body.iter(qn("w:shd"))}
    assert fills & set(ooxml._SHADES.values())


def test_unknown_elements_keep_their_text() -> None:
    html = (
        "<html><body><x-widget>widget text</x-widget><blink>blinking</blink>"
        "<custom-block><p>inside</p> loose tail</custom-block><aside>aside text</aside>"
        "<details><summary>sum</summary>detail</details><p>a<unknown>inline</unknown>b</p>"
        "<script>alert(1)</script><style>p{}</style></body></html>"
    )
    text = body_text(docx.Document(io.BytesIO(word.from_html(html))))
    for expected in (
        "widget text",
        "blinking",
        "inside",
        "loose tail",
        "aside text",
        "sum",
        "detail",
        "ainlineb",
    ):
        assert expected in text
    assert "alert" not in text and "p{}" not in text


# Hostile text -----------------------------------------------------------------------------------

HOSTILE = [
    "nul\x00bell\x07escape\x1b[31mform\x0cfeed",
    "lone surrogate \ud800 and \udfff",
    "non-characters \ufffe \uffff",
    "x" * 20000,
    "مرحبا بالعالم — שלום",
    "\u202egnirts desrever\u202c",
    "<w:t>]]></w:t> &amp; &lt;script&gt;",
    "{{ jinja }} {% raw %} ${x}",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_never_breaks_the_document(text: str) -> None:
    from xml.sax.saxutils import escape

    shown = escape(text)
    html = (
        f"<html lang='en'><head><title>{shown}</title></head><body>"
        f"<div class='banner banner-top'>{shown}</div>"
        f"<header class='title-block'><h1>{shown}</h1><dl class='facts'><dt>{shown}</dt>"
        f"<dd>{shown}</dd></dl></header><nav class='contents'><ol>"
        f"<li><a href='#{shown}'>{shown}</a>"
        f"</li></ol></nav><section id='{shown}'><h2>{shown}</h2><p lang='ar'>{shown}</p>"
        f"<table><thead><tr><th>{shown}</th></tr></thead><tbody><tr><td class='num'>{shown}</td>"
        f"</tr></tbody></table><ul><li>{shown}</li></ul></section></body></html>"
    )
    data = word.from_html(html)
    document = docx.Document(io.BytesIO(data))
    expected = flat(word.clean(text))
    # A long word has zero-width break opportunities (test_hostile_documents.py).
    assert expected[:200] in flat(body_text(document)).replace("\u200b", "")
    assert word.has_mark(data)
    for name in zipfile.ZipFile(io.BytesIO(data)).namelist():
        if name.endswith(".xml") or name.endswith(".rels"):
            from lxml import etree

            etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(name))


def test_rtl_text_is_marked_right_to_left() -> None:
    data = word.from_html("<html lang='en'><body><p lang='ar'>مرحبا</p></body></html>")
    paragraph = docx.Document(io.BytesIO(data)).paragraphs[0]
    assert paragraph._p.pPr.find(qn("w:bidi")) is not None
    run = paragraph.runs[0]
    assert run.font.rtl
    assert run._r.rPr.find(qn("w:lang")).get(qn("w:bidi")) == "ar-SA"


def test_hostile_strategy_through_the_cli(run: Run, tmp_path: Path) -> None:
    source = (EXAMPLES / "gh-2021-2025.yaml").read_text(encoding="utf-8")
    hostile = source.replace(
        "title: Ending sexual and gender-based violence and harmful practices",
        'title: "Ending \\x01\\x1b[2J violence <w:p> & ]]> '
        '\\u202e\\u0645\\u0631\\u062d\\u0628\\u0627"',
    )
    assert hostile != source
    strategy = tmp_path / "gh-2021-2025.yaml"
    strategy.write_text(hostile, encoding="utf-8")
    [path] = render_docx(run, tmp_path / "out", strategy)
    text = body_text(docx.Document(str(path)))
    assert "<w:p> & ]]>" in text
    assert "Ending" in text


def test_empty_and_garbage_html_still_make_a_document() -> None:
    for html in (
        "",
        "   ",
        "<",
        "<html>",
        "<table><tr><td colspan='x'>c</td></tr></table>",
        "\x00",
    ):
        document = docx.Document(io.BytesIO(word.from_html(html)))
        assert document.sections


# LibreOffice ------------------------------------------------------------------------------------


@pytest.mark.office
def test_libreoffice_opens_every_docx_and_sees_the_marking_on_every_page(
    rendered: dict[str, Path], tmp_path: Path
) -> None:
    paths = list(rendered.values())
    pdfs = libreoffice_pdf(paths, tmp_path / "pdf")
    gh = next(p for p in pdfs if p.stem == "gh-2021-2025")
    pages = pdf_pages(gh)
    assert len(pages) > 3
    marking = flat(paragraphs(docx.Document(str(rendered["gh-2021-2025"])).sections[0].header)[0])
    for number, page in enumerate(pages, start=1):
        assert flat(page).count(marking) >= 2, number  # top and bottom
        assert re.search(rf"\b{number} ?/ ?{len(pages)}\b", page), number
    # The portfolio's landscape page of the coverage matrix keeps the marking and the count.
    report = next(p for p in pdfs if p.stem == "x")
    pages = pdf_pages(report)
    for number, page in enumerate(pages, start=1):
        assert flat(page).count(marking) >= 2, number
        assert re.search(rf"\b{number} ?/ ?{len(pages)}\b", page), number


def test_a_table_too_wide_for_portrait_gets_a_landscape_page() -> None:
    cells = "".join(f"<th>{n}</th>" for n in range(30))
    html = (
        "<html><body><div class='banner banner-top'>LIMITE</div><p>before</p>"
        "<h2>Coverage</h2><p>intro</p>"
        f"<table><thead><tr>{cells}</tr></thead></table><p>after</p></body></html>"
    )
    document = docx.Document(io.BytesIO(word.from_html(html)))
    sections = document.sections
    assert [(s.page_width or 0) > (s.page_height or 0) for s in sections] == [False, True, False]
    # The heading and its introduction open the landscape page with the table.
    breaks = document.element.body.xpath("./w:p[w:pPr/w:sectPr]")
    following = breaks[0].getnext()
    assert flat("".join(following.xpath(".//w:t/text()"))) == "Coverage"
    for section in sections[1:]:
        assert section.header.is_linked_to_previous


@pytest.mark.office
def test_screenshots_of_the_ghana_docx(rendered: dict[str, Path], tmp_path: Path) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    [pdf] = libreoffice_pdf([rendered["gh-2021-2025"]], tmp_path / "pdf")
    pages = pdf_pages(pdf)
    t = labels()["en"]
    # A page with an indicators table: its header row's labels.
    table_page = next(
        number
        for number, page in enumerate(pages, start=1)
        if number > 1 and t["disaggregation"] in page and t["baseline"] in page
    )
    SHOTS.mkdir(parents=True, exist_ok=True)
    for number, name in ((1, "docx-first-page"), (table_page, "docx-table-page")):
        prefix = tmp_path / name
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-f",
                str(number),
                "-l",
                str(number),
                "-singlefile",
                str(pdf),
                str(prefix),
            ],
            check=True,
            timeout=120,
        )
        shot = prefix.with_suffix(".png")
        assert shot.stat().st_size > 5000
        shutil.copyfile(shot, SHOTS / f"{name}.png")


# Start-up ---------------------------------------------------------------------------------------


def test_word_module_imports_python_docx_only_when_used() -> None:
    code = (
        "import sys, hrdplan.render.word, hrdplan.render.output; "
        "print('docx' in sys.modules, 'lxml' in sys.modules)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.stdout.split() == ["False", "False"]
