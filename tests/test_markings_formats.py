"""The marking (or a draft extract's stamp) in Word and PDF, in every language: in the header
and footer of the Word document, on every page of the PDF, never translated."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import EXAMPLES, Run

RESTRICTED = "RESTREINT UE/EU RESTRICTED"
STAMP = "DRAFT – NOT FOR PUBLICATION"
TRANSLATED = ("GERUBRICEERD", "BEPERKT", "LIMITED", "OPENBAAR", "ONTWERP – NIET")
CASES = [
    pytest.param({"classification": "limited"}, (), "LIMITE", id="limited"),
    pytest.param({"classification": "restricted"}, (), RESTRICTED, id="restricted"),
    pytest.param({"status": "draft"}, ("--public", "--draft-extract"), STAMP, id="draft-extract"),
]


def strategy(folder: Path, changes: dict[str, Any]) -> Path:
    data = yaml.safe_load((EXAMPLES / "gh-2021-2025.yaml").read_text(encoding="utf-8"))
    data.update(changes)
    path = folder / "gh-2021-2025.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def rendered(run: Run, path: Path, fmt: str, lang: str, args: tuple[str, ...]) -> Path:
    out = path.parent / "out"
    result = run("render", path, "--format", fmt, "--lang", lang, "--out", out, *args)
    assert result.code == 0, result
    return out / f"{path.stem}.{fmt}"


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize(("changes", "args", "marking"), CASES)
def test_word_header_and_footer_carry_the_marking(
    run: Run,
    tmp_path: Path,
    lang: str,
    changes: dict[str, Any],
    args: tuple[str, ...],
    marking: str,
) -> None:
    from docx import Document

    document = Document(str(rendered(run, strategy(tmp_path, changes), "docx", lang, args)))
    for section in document.sections:
        for part in (section.header, section.footer):
            text = "\n".join(p.text for p in part.paragraphs)
            assert marking in text, (lang, text)
            assert not any(word in text for word in TRANSLATED), text


@pytest.mark.pdf
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext not installed")
@pytest.mark.parametrize(("changes", "args", "marking"), CASES)
def test_every_pdf_page_carries_the_marking_in_dutch(
    run: Run, tmp_path: Path, changes: dict[str, Any], args: tuple[str, ...], marking: str
) -> None:
    pytest.importorskip("weasyprint", reason="the pdf extra (WeasyPrint) is not installed")
    path = rendered(run, strategy(tmp_path, changes), "pdf", "nl", args)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], check=True, capture_output=True, timeout=120
    ).stdout.decode()
    # Without spaces: the margins' letter-spacing makes pdftotext see "D R A F T".
    pages = text.split("\f")[:-1]
    assert len(pages) > 1
    for number, page in enumerate(pages, 1):
        packed = "".join(page.split())
        assert packed.count(marking.replace(" ", "")) >= 2, (number, page[:200])  # top, bottom
        words = " ".join(page.split())
        assert not any(word in words for word in TRANSLATED), (number, page[:200])
