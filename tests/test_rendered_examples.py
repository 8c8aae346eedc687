"""The examples' documents and terminal output, byte for byte: what the examples render to in
Markdown, HTML and Word (the text of word/document.xml), in English and Dutch, the portfolio
over them, and `progress show`. A change of wording, number or date format shows here as a
diff of the expected file under tests/data/rendered/.

After a change that is meant, write the expected files anew with
`HRDPLAN_PIN_UPDATE=1 pytest tests/test_rendered_examples.py` and read the diff.
"""

from __future__ import annotations

import hashlib
import os
import re
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLES, EXAMPLES_TODAY, Run

EXPECTED = Path(__file__).parent / "data" / "rendered"
UPDATE = os.environ.get("HRDPLAN_PIN_UPDATE") == "1"
LANGS = ("en", "nl")
FORMATS = ("md", "html", "docx")
SHOWN = ("gh-2021-2025.yaml", "co-2022-2026.yaml")


@pytest.fixture
def pinned(cli: Run, monkeypatch: pytest.MonkeyPatch) -> Run:
    """The CLI in-process on the day the examples' progress years are all past."""
    for name, value in EXAMPLES_TODAY.items():
        monkeypatch.setenv(name, value)
    return cli


def _comparable(path: Path) -> bytes:
    """A document as pinned: a Word file's body as text, an HTML page with its style sheets
    by their hash (they are the templates' CSS, the same in every page), else as is."""
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as package:
            return _word_text(package.read("word/document.xml"))
    content = path.read_bytes()
    if path.suffix == ".html":
        return _STYLE.sub(_style_hash, content)
    return content


_STYLE = re.compile(rb"(<style[^>]*>)(.*?)(</style>)", re.DOTALL)


def _style_hash(match: re.Match[bytes]) -> bytes:
    digest = hashlib.sha256(match.group(2)).hexdigest().encode()
    return match.group(1) + b"/* sha256 " + digest + b" */" + match.group(3)


def _word_text(xml: bytes) -> bytes:
    """word/document.xml as text: each paragraph on a line (a tab and a break as themselves),
    then the language and direction of its runs where they say one."""
    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    lines = []
    for paragraph in etree.fromstring(xml).iter(f"{w}p"):
        text = []
        for node in paragraph.iter(f"{w}t", f"{w}tab", f"{w}br"):
            text.append({f"{w}tab": "\t", f"{w}br": "\n"}.get(node.tag, node.text or ""))
        marks = sorted(
            {
                f"{etree.QName(a).localname}={v}"
                for lang in paragraph.iter(f"{w}lang")
                for a, v in lang.attrib.items()
            }
            | {etree.QName(n).localname for n in paragraph.iter(f"{w}rtl", f"{w}bidi")}
        )
        lines.append("".join(text) + (f"  [{' '.join(marks)}]" if marks else ""))
    return ("\n".join(lines) + "\n").encode()


def _check(name: str, actual: bytes) -> None:
    expected = EXPECTED / name
    if UPDATE:
        expected.parent.mkdir(parents=True, exist_ok=True)
        expected.write_bytes(actual)
        return
    assert expected.is_file(), f"no expected {name}: write it with HRDPLAN_PIN_UPDATE=1"
    assert actual == expected.read_bytes(), f"{name} differs from tests/data/rendered/{name}"


def _pinned_name(path: Path) -> str:
    return f"{path.name}.xml" if path.suffix == ".docx" else path.name


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", LANGS)
def test_documents_are_as_pinned(pinned: Run, tmp_path: Path, lang: str, fmt: str) -> None:
    out = tmp_path / "out"
    sources = [*sorted(EXAMPLES.glob("*.yaml")), EXAMPLES / "progress"]
    result = pinned("render", *sources, "--format", fmt, "--lang", lang, "--out", out)
    assert result.code == 0, result
    written = sorted(out.iterdir())
    assert len(written) == 12, written  # three strategies, their nine progress reports
    for path in written:
        _check(f"{lang}/{_pinned_name(path)}", _comparable(path))
    if not UPDATE:  # no expected document of this format is left unchecked
        kept = {p.name for p in (EXPECTED / lang).glob(f"*.{fmt}*")} - {
            _pinned_name(Path(f"report.{fmt}"))
        }
        assert kept == {_pinned_name(p) for p in written}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", LANGS)
def test_portfolio_is_as_pinned(pinned: Run, tmp_path: Path, lang: str, fmt: str) -> None:
    out = tmp_path / f"report.{fmt}"
    result = pinned("report", EXAMPLES, "--format", fmt, "--lang", lang, "--out", out)
    assert result.code == 0, result
    _check(f"{lang}/{_pinned_name(out)}", _comparable(out))


@pytest.mark.parametrize("strategy", SHOWN)
def test_progress_show_is_as_pinned(
    pinned: Run, monkeypatch: pytest.MonkeyPatch, strategy: str
) -> None:
    # Named from the checkout's top, so that the output is the same wherever it is cloned.
    monkeypatch.chdir(EXAMPLES.parent)
    result = pinned("progress", "show", Path(EXAMPLES.name, strategy))
    assert result.code == 0, result
    _check(f"show/{strategy.removesuffix('.yaml')}.txt", result.stdout.encode())
