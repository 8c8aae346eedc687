"""A plain (non-editable) install carries the catalogue and templates inside the package."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("hrdplan-*.whl")
    return found


def test_wheel_ships_catalogue_and_templates(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "hrdplan/data/catalogue/eu-hrd-2020-2024/1.0.0.yaml" in names
    assert "hrdplan/data/catalogue/eu-hrd-2020-2024/1.1.0.yaml" in names
    assert "hrdplan/data/catalogue/eu-hrd-2020-2024/1.1.1.yaml" in names
    assert any(n.startswith("hrdplan/data/templates/") for n in names)
    assert "hrdplan/cli/__init__.py" in names


def test_unpacked_wheel_works_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # -I: isolated, so only the unpacked wheel (and the venv's dependencies) can be imported.
    code = (
        f"import sys; sys.path.insert(0, {str(site)!r}); "
        "from hrdplan.cli import main; sys.argv = ['hrdplan', 'catalogue', 'list', "
        "'--format', 'json']; main()"
    )
    proc = subprocess.run(
        [sys.executable, "-I", "-c", code], cwd=elsewhere, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count('"code"') == 140
    assert (
        str(site)
        in subprocess.run(
            [
                sys.executable,
                "-I",
                "-c",
                f"import sys; sys.path.insert(0, {str(site)!r}); "
                "import hrdplan; print(hrdplan.__file__)",
            ],
            capture_output=True,
            text=True,
            cwd=elsewhere,
        ).stdout
    )


def test_python_dash_m(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "hrdplan", "--version"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert proc.returncode == 0
    assert proc.stdout.startswith("hrdplan ")
