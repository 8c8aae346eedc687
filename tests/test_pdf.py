"""PDF documents (`render --format pdf`, `report --format pdf`), made with WeasyPrint and read
back with poppler's pdftotext: the marking and the page number on every page, every priority,
the contents list's page numbers, the same bytes for the same input, nothing fetched, and a
clear error when the pdf extra or Pango is missing."""

from __future__ import annotations

import html as htmlmod
import re
import shutil
import subprocess
import threading
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
import yaml
from conftest import EXAMPLES, HRDPLAN, ROOT, Run

from hrdplan.io.errors import HrdplanError
from hrdplan.render import pdf


def _weasyprint_usable() -> bool:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


PDFTOTEXT = shutil.which("pdftotext")
PDFTOPPM = shutil.which("pdftoppm")
SHOTS = ROOT / "build" / "browser"
UNAVAILABLE = f"error: {pdf.UNAVAILABLE}"

needs_weasyprint = pytest.mark.skipif(
    not _weasyprint_usable(),
    reason="WeasyPrint or Pango not installed (pip install '.[pdf]'; apt install libpango-1.0-0)",
)
needs_pdftotext = pytest.mark.skipif(
    PDFTOTEXT is None, reason="pdftotext not installed (Debian's poppler-utils)"
)


def pages_of(path: Path, *, layout: bool = False) -> list[str]:
    """The text of each page (pdftotext ends every page with a form feed)."""
    assert PDFTOTEXT is not None
    args = [PDFTOTEXT, *(["-layout"] if layout else []), str(path), "-"]
    text = subprocess.run(args, check=True, capture_output=True, timeout=120).stdout.decode()
    pages = text.split("\f")
    assert pages[-1].strip() == ""
    return pages[:-1]


def flat(text: str) -> str:
    return " ".join(text.split())


def banner_of(html_file: Path) -> str:
    """The marking the HTML document shows in its banner: the PDF's pages must all carry it."""
    found = re.search(r'<div class="banner banner-top"[^>]*>(.*?)</div>', html_file.read_text())
    assert found, html_file
    return htmlmod.unescape(found.group(1)).strip()


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every example's strategy and progress file, and the portfolio, as PDF and as HTML, made
    through the CLI as users make them."""
    if not _weasyprint_usable():
        pytest.skip("WeasyPrint or Pango not installed")
    out = tmp_path_factory.mktemp("pdf")
    for fmt in ("pdf", "html"):
        for args in (
            ["render", str(EXAMPLES), "--out", str(out)],
            ["report", str(EXAMPLES), "--out", str(out / f"report.{fmt}")],
        ):
            proc = subprocess.run(
                [str(HRDPLAN), *args, "--format", fmt],
                capture_output=True,
                text=True,
                timeout=900,
                cwd=ROOT,  # open points name files relative to the current folder
            )
            assert proc.returncode == 0, proc.stderr
            assert proc.stderr == ""
    return out


def _expected_documents() -> list[str]:
    names = [p.stem for p in sorted(EXAMPLES.glob("*.yaml"))]
    for folder in sorted((EXAMPLES / "progress").iterdir()):
        names += [f"{folder.name}-{p.stem}-progress" for p in sorted(folder.glob("*.yaml"))]
    return [*names, "report"]


DOCUMENTS = _expected_documents()


@pytest.mark.pdf
@needs_weasyprint
def test_every_example_and_the_portfolio_become_pdf_files(documents: Path) -> None:
    made = sorted(p.stem for p in documents.glob("*.pdf"))
    assert made == sorted(DOCUMENTS)
    for name in DOCUMENTS:
        data = (documents / f"{name}.pdf").read_bytes()
        assert data.startswith(b"%PDF-") and b"%%EOF" in data[-32:]
        assert pdf.has_mark(data)


@pytest.mark.pdf
@needs_weasyprint
@needs_pdftotext
@pytest.mark.parametrize("name", DOCUMENTS)
def test_marking_and_page_number_on_every_page(documents: Path, name: str) -> None:
    banner = banner_of(documents / f"{name}.html")
    pages = pages_of(documents / f"{name}.pdf")
    assert len(pages) > 1
    for number, page in enumerate(pages, 1):
        # Top and bottom margin boxes: twice on every page.
        assert flat(page).count(banner) >= 2, (name, number, page[:300])
        # "n / N" (pdftotext may drop the spaces around the slash).
        assert re.search(rf"(?<!\d){number}\s*/\s*{len(pages)}(?!\d)", page), (name, number)


@pytest.mark.pdf
@needs_weasyprint
@needs_pdftotext
def test_limited_and_restricted_strategies_are_marked(documents: Path) -> None:
    """The examples hold both levels, so the test above checks each of them on paper."""
    levels = {
        yaml.safe_load(p.read_text())["classification"]: p.stem for p in EXAMPLES.glob("*.yaml")
    }
    assert {"limited", "restricted"} <= set(levels)
    for stem in levels.values():
        banner = banner_of(documents / f"{stem}.html")
        assert all(banner in flat(page) for page in pages_of(documents / f"{stem}.pdf"))


@pytest.mark.pdf
@needs_weasyprint
@needs_pdftotext
@pytest.mark.parametrize("strategy", sorted(p.stem for p in EXAMPLES.glob("*.yaml")))
def test_every_priority_title_is_in_the_pdf(documents: Path, strategy: str) -> None:
    data = yaml.safe_load((EXAMPLES / f"{strategy}.yaml").read_text())
    text = flat("\n".join(pages_of(documents / f"{strategy}.pdf")))
    for priority in data["priorities"]:
        assert flat(priority["title"]) in text, priority["title"]


_CONTENTS_LINE = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?\s+)?(\S.*?)\s*\.{4,}\s*(\d+)\s*$")


@pytest.mark.pdf
@needs_weasyprint
@needs_pdftotext
@pytest.mark.parametrize("name", ["gh-2021-2025", "co-2022-2026"])
def test_contents_list_gives_each_sections_page(documents: Path, name: str) -> None:
    pages = pages_of(documents / f"{name}.pdf", layout=True)
    entries = [m.groups() for line in pages[0].splitlines() if (m := _CONTENTS_LINE.match(line))]
    assert len(entries) >= 5, pages[0]
    numbers = [int(n) for _, n in entries]
    assert numbers == sorted(numbers) and numbers[-1] > 1
    for label, number in entries:
        assert 1 <= int(number) <= len(pages)
        # Without spaces: a heading wrapped at a hyphen ("conflict-" / "affected") is read back
        # with a space there.
        squeezed = "".join(pages[int(number) - 1].split())
        assert "".join(label.split()) in squeezed, (label, number)


@pytest.mark.pdf
@needs_weasyprint
def test_same_input_same_bytes(documents: Path, run: Run, tmp_path: Path) -> None:
    """Across processes: no date, an identifier computed from the content."""
    for fmt in ("html", "pdf"):
        args = ("render", EXAMPLES / "tn-2021-2025.yaml", "--format", fmt, "--out", tmp_path)
        result = run(*args, cwd=ROOT)
        assert result.code == 0, result.stderr
    html = (documents / "tn-2021-2025.html").read_text()
    assert (tmp_path / "tn-2021-2025.html").read_text() == html  # the same input
    again = (tmp_path / "tn-2021-2025.pdf").read_bytes()
    assert again == (documents / "tn-2021-2025.pdf").read_bytes()
    assert b"/CreationDate" not in _inflated(again) and b"/ModDate" not in _inflated(again)
    assert pdf.from_html(html) == pdf.from_html(html)


@pytest.mark.pdf
@needs_weasyprint
def test_dates_a_template_asks_for_are_left_out() -> None:
    html = (
        '<html><head><meta name="dcterms.created" content="2024-05-01T10:00:00Z">'
        '<meta name="dcterms.modified" content="2024-05-02T10:00:00Z">'
        '<meta name="generator" content="something else"></head><body><p>x</p></body></html>'
    )
    data = pdf.from_html(html)
    assert pdf.has_mark(data)  # the mark is ours, whatever the template's <meta> says
    assert b"D:2024" not in _inflated(data)


def _inflated(data: bytes) -> bytes:
    parts = [data]
    for match in re.finditer(rb"stream\r?\n", data):
        try:
            parts.append(zlib.decompressobj().decompress(data[match.end() :], 10_000_000))
        except zlib.error:
            continue
    return b"".join(parts)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"%PDF",
        b"%PDF-1.7\n%%EOF\n",
        b"%PDF-1.7\n<</Type /ObjStm>>stream\n" + b"\x00garbage" * 1000,
        # A stream that inflates to far more than is ever read.
        b"%PDF-1.7\n<</Type /ObjStm /N 1>>\nstream\n" + zlib.compress(b"\0" * 50_000_000),
        b"%PDF-1.4\n1 0 obj <</Creator (someone)>> endobj\n%%EOF\n",
        b"PK\x03\x04 a zip, not a PDF /Creator (hrdplan)",
    ],
    ids=["empty", "header-only", "bare", "broken-stream", "inflating", "someone", "not-pdf"],
)
def test_written_is_false_for_anything_else(data: bytes) -> None:
    assert pdf.has_mark(data) is False


def test_written_finds_the_mark_uncompressed() -> None:
    assert pdf.has_mark(b"%PDF-1.7\n1 0 obj\n<</Creator (hrdplan)>>\nendobj\n%%EOF\n")


# A user's template, tiny so that a PDF is made in a moment, naming every kind of URL that
# WeasyPrint would otherwise fetch.
def _fetching_template(folder: Path, port: int) -> Path:
    base = f"http://127.0.0.1:{port}"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "strategy.html.j2").write_text(
        "<!DOCTYPE html><html><head><title>{{ doc.title }}</title>"
        f'<link rel="stylesheet" href="{base}/link.css">'
        f'<link rel="attachment" href="{base}/attached.bin">'
        f'<style>@import url("{base}/import.css");'
        f"@font-face {{ font-family: X; src: url({base}/font.woff) }}"
        f"body {{ background: url({base}/background.png) }}</style></head>"
        f'<body><img src="{base}/image.png"><img src="file:///etc/hostname">'
        f'<object data="{base}/object.svg"></object><iframe src="{base}/frame"></iframe>'
        '<img src="relative.png"><p>{{ doc.title }}</p></body></html>',
        encoding="utf-8",
    )
    return folder


class _Recorder(BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).requests.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"body { color: red }")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[int, list[str]]]:
    """A local HTTP server that records every request it gets."""
    requests: list[str] = []
    handler = type("Handler", (_Recorder,), {"requests": requests})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd.server_address[1], requests
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.pdf
@needs_weasyprint
def test_a_template_naming_urls_fetches_nothing(
    run: Run, tmp_path: Path, server: tuple[int, list[str]]
) -> None:
    port, requests = server
    templates = _fetching_template(tmp_path / "templates", port)
    result = run(
        "render", EXAMPLES / "tn-2021-2025.yaml", "--format", "pdf",
        "--out", tmp_path / "out", "--template-dir", templates,
    )  # fmt: skip
    assert result.code == 0, result.stderr
    assert result.stderr == ""
    assert requests == []
    assert pdf.has_mark((tmp_path / "out" / "tn-2021-2025.pdf").read_bytes())


HOSTILE = {
    "markup": '<b>bold</b> <script>alert(1)</script> &amp; <img src="x">',
    "style": "</style><style>body { display: none }</style>",
    "url": "url(http://127.0.0.1:{port}/in-text.png) @import 'http://127.0.0.1:{port}/x.css';",
    "long": "Menschenrechtsverteidigerinnen" * 12,
    "rtl": "حقوق الإنسان والديمقراطية في تونس",
}


@pytest.mark.pdf
@needs_weasyprint
@needs_pdftotext
def test_hostile_text_renders_as_text(
    run: Run, tmp_path: Path, server: tuple[int, list[str]]
) -> None:
    port, requests = server
    values = {key: value.replace("{port}", str(port)) for key, value in HOSTILE.items()}
    data = yaml.safe_load((EXAMPLES / "tn-2021-2025.yaml").read_text())
    data["title"] = values["markup"] + " " + values["style"]
    data["delegation"] = values["rtl"]
    data["context"] = f"{values['url']}\n\n{values['long']}\n"
    data["priorities"][0]["title"] = values["long"]
    data["priorities"][1]["title"] = values["url"]
    data["priorities"][2]["title"] = values["rtl"]
    strategy = tmp_path / "tn-2021-2025.yaml"
    strategy.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    result = run("render", strategy, "--format", "pdf", "--out", tmp_path / "out")
    assert result.code == 0, result.stderr
    assert requests == []
    text = flat("\n".join(pages_of(tmp_path / "out" / "tn-2021-2025.pdf")))
    assert "<script>alert(1)</script>" in text and "</style>" in text
    assert f"http://127.0.0.1:{port}/in-text.png" in text
    # A word longer than the page is broken, not cut off: every letter is there.
    assert flat(text).replace(" ", "").count(values["long"]) >= 1
    # Arabic in logical order (pdftotext gives the lam-alef ligatures back in another order).
    assert "حقوق" in text and "تونس" in text


@pytest.mark.pdf
@needs_weasyprint
def test_rendering_again_replaces_our_pdf_and_keeps_someone_elses(
    run: Run, tmp_path: Path, server: tuple[int, list[str]]
) -> None:
    port, _ = server
    templates = _fetching_template(tmp_path / "templates", port)
    out = tmp_path / "out"
    args = ("render", EXAMPLES / "tn-2021-2025.yaml", "--format", "pdf", "--out", out,
            "--template-dir", templates)  # fmt: skip
    assert run(*args).code == 0
    target = out / "tn-2021-2025.pdf"
    first = target.read_bytes()
    target.write_bytes(first + b"\n")  # still ours: the mark is inside
    assert run(*args).code == 0
    assert target.read_bytes() == first

    someone = b"%PDF-1.4\n1 0 obj\n<</Creator (Writer)>>\nendobj\ntrailer <</Info 1 0 R>>\n%%EOF\n"
    target.write_bytes(someone)
    kept = run(*args)
    assert kept.code == 2
    assert len(kept.stderr.splitlines()) == 1 and "--force" in kept.stderr
    assert target.read_bytes() == someone
    assert run(*args, "--force").code == 0
    assert pdf.has_mark(target.read_bytes())


# Python runs sitecustomize at start-up: it makes `import weasyprint` fail as it does where the
# extra is not installed, or where it is but the system has no Pango.
_NO_EXTRA = "import sys\nsys.modules['weasyprint'] = None\n"
_NO_PANGO = """
import sys
from importlib.abc import MetaPathFinder

class NoPango(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0': No such file or directory")
        return None

sys.meta_path.insert(0, NoPango())
"""


@pytest.mark.process  # sitecustomize on PYTHONPATH: a start-up of its own
@pytest.mark.parametrize("site", [_NO_EXTRA, _NO_PANGO], ids=["no-extra", "no-pango"])
@pytest.mark.parametrize("command", ["render", "report"])
def test_missing_extra_or_pango_is_one_line(
    run: Run, tmp_path: Path, site: str, command: str
) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "sitecustomize.py").write_text(site)
    out = ["--out", tmp_path / ("out" if command == "render" else "report.pdf")]
    result = run(
        command, EXAMPLES / "gh-2021-2025.yaml", "--format", "pdf", *out,
        env={"PYTHONPATH": str(tmp_path / "site")},
    )  # fmt: skip
    assert result.code == 2
    assert result.stderr.splitlines() == [UNAVAILABLE]
    assert result.stdout == ""
    assert not (tmp_path / "out").exists() and not (tmp_path / "report.pdf").exists()


def test_check_available_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(__import__("sys").modules, "weasyprint", None)
    with pytest.raises(HrdplanError) as caught:
        pdf.check_available()
    assert caught.value.lines() == [UNAVAILABLE]
    assert "hrdplan[pdf]" in UNAVAILABLE and "Pango" in UNAVAILABLE


@pytest.mark.process  # sitecustomize on PYTHONPATH: a start-up of its own
def test_other_formats_do_not_need_weasyprint(run: Run, tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "sitecustomize.py").write_text(_NO_EXTRA)
    result = run(
        "render", EXAMPLES / "gh-2021-2025.yaml", "--out", tmp_path,
        env={"PYTHONPATH": str(tmp_path / "site")},
    )  # fmt: skip
    assert result.code == 0, result.stderr


@pytest.mark.pdf
@needs_weasyprint
@pytest.mark.skipif(PDFTOPPM is None, reason="pdftoppm not installed (Debian's poppler-utils)")
@needs_pdftotext
def test_screenshots_of_the_first_page_and_a_table_page(documents: Path) -> None:
    """What a head of delegation sees: build/browser/pdf-first-page.png and pdf-table-page.png."""
    assert PDFTOPPM is not None
    document = documents / "gh-2021-2025.pdf"
    pages = pages_of(document)
    table_page = next(
        n for n, page in enumerate(pages, 1) if n > 1 and "Baseline" in page and "Target" in page
    )
    SHOTS.mkdir(parents=True, exist_ok=True)
    for number, name in ((1, "pdf-first-page"), (table_page, "pdf-table-page")):
        prefix = SHOTS / name
        subprocess.run(
            [PDFTOPPM, "-png", "-r", "60", "-f", str(number), "-l", str(number), "-singlefile",
             str(document), str(prefix)],
            check=True, timeout=120,
        )  # fmt: skip
        shot = prefix.with_suffix(".png").read_bytes()
        assert shot.startswith(b"\x89PNG") and len(shot) > 10_000
