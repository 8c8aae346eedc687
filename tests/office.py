"""LibreOffice as the tests' Word reader: it converts a DOCX to PDF, as a colleague without Word
would open it. One profile for the test run (a fresh one costs seconds at every start), made by
the first conversion; each test process has its own, so parallel runs never share one."""

from __future__ import annotations

import atexit
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
MISSING = "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
_PROFILE = Path(tempfile.mkdtemp(prefix="hrdplan-lo-profile-"))
atexit.register(shutil.rmtree, _PROFILE, ignore_errors=True)


def libreoffice_pdf(docx_paths: list[Path], out: Path) -> list[Path]:
    """Each DOCX converted to PDF into out (skipped when LibreOffice is missing); fails the test
    when LibreOffice cannot open one."""
    if SOFFICE is None:
        pytest.skip(MISSING)
    proc = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={_PROFILE.as_uri()}",
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
