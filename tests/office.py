"""LibreOffice as the tests' Word reader: it converts a DOCX to PDF, as a colleague without Word
would open it, each run with a fresh profile of its own (parallel runs never share one)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
MISSING = "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"


def libreoffice_pdf(docx_paths: list[Path], out: Path, scratch: Path) -> list[Path]:
    """Each DOCX converted to PDF into out (skipped when LibreOffice is missing); fails the test
    when LibreOffice cannot open one."""
    if SOFFICE is None:
        pytest.skip(MISSING)
    proc = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(scratch / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *map(str, docx_paths),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    pdfs = [out / f"{p.stem}.pdf" for p in docx_paths]
    for pdf in pdfs:
        assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF"), (pdf, proc.stdout)
    return pdfs
