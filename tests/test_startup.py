"""Start-up: a one-file lint (what pre-commit and editors run) imports only what it needs, and
the faster paths it takes give the same answers as the slow ones."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pycountry
import pytest
from conftest import EXAMPLES

from hrdplan.io.files import shipped_dir
from hrdplan.strategy import countries

# Runs the console script's entry point in-process and, as it exits, lists every module it
# imported on stderr (os._exit is the console script's last call).
_IMPORTS = """
import os, sys
exit_now = os._exit
def report(code):
    sys.stdout.flush()
    sys.stderr.write("\\n".join(sorted(sys.modules)) + "\\n")
    sys.stderr.flush()
    exit_now(code)
os._exit = report
sys.argv = ["hrdplan", *sys.argv[1:]]
from hrdplan.cli import main
main()
"""

# Not needed to lint one file: each costs start-up time every pre-commit run would pay.
NOT_FOR_LINT = (
    "importlib.metadata",  # pydantic's plugin loader and pycountry import it
    "importlib.resources",
    "zipfile",
    "email",
    "pycountry",
    "rich",
    "jinja2",
    "json",
    "ruamel",  # only the commands that edit a file (migrate --format 2, progress record)
    "babel",  # only where a number or date is written (documents, a message quoting a value)
)


def _imports(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, set[str]]:
    proc = subprocess.run(
        [sys.executable, "-c", _IMPORTS, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
        timeout=60,
    )
    return proc.returncode, proc.stdout, set(proc.stderr.split())


@pytest.mark.process
def test_one_file_lint_imports_only_what_it_needs() -> None:
    # HRD008 (information: the example may be in format 1) left out of the output.
    code, out, modules = _imports("lint", "--ignore", "HRD008", str(EXAMPLES / "gh-2021-2025.yaml"))
    assert code == 0, out
    assert "All checked: 1 file, no findings." in out
    assert "hrdplan.lint.rules.country" in modules  # the country rule did run
    loaded = sorted(m for m in modules if m.split(".")[0] in NOT_FOR_LINT or m in NOT_FOR_LINT)
    assert loaded == []


@pytest.mark.process
def test_rule_list_imports_only_what_it_needs() -> None:
    # `hrdplan rule` lists the rules' declarations: none of what lint leaves out is needed.
    code, out, modules = _imports("rule")
    assert code == 0, out
    assert "HRD001" in out
    loaded = sorted(m for m in modules if m.split(".")[0] in NOT_FOR_LINT or m in NOT_FOR_LINT)
    assert loaded == []


@pytest.mark.process
def test_a_finding_about_the_country_still_names_it(tmp_path: Path) -> None:
    text = (EXAMPLES / "gh-2021-2025.yaml").read_text(encoding="utf-8")
    strategy = tmp_path / "fr.yaml"
    strategy.write_text(text.replace("\ncountry: GH", "\ncountry: FR"), encoding="utf-8")
    code, out, modules = _imports("lint", str(strategy))
    assert code == 1
    assert "FR (France)" in out
    assert "pycountry" not in modules


@pytest.mark.process
def test_version_imports_neither_pydantic_nor_yaml() -> None:
    code, out, modules = _imports("--version")
    assert code == 0
    assert out.startswith("hrdplan ")
    assert not {"pydantic", "pydantic_core", "yaml", "hrdplan.catalogue.model"} & modules


@pytest.mark.process
def test_pydantic_plugins_still_load_when_the_user_enables_them() -> None:
    # Only with plugins off does the console script stand in for pydantic's plugin loader.
    env = {"PYDANTIC_DISABLE_PLUGINS": "some-plugin"}
    code, out, modules = _imports("lint", str(EXAMPLES / "gh-2021-2025.yaml"), env=env)
    assert code == 0, out
    assert "importlib.metadata" in modules


def test_country_table_answers_as_pycountry() -> None:
    records = list(pycountry.countries)
    assert len(records) > 240
    for record in records:
        assert countries.by_code(record.alpha_2) == countries._country(record)


def test_country_lookup_falls_back_to_pycountry(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(countries, "_alpha_2_table", lambda: None)
    ghana = countries.by_code("GH")
    assert ghana is not None and (ghana.alpha_3, ghana.name) == ("GHA", "Ghana")
    assert countries.by_code("ZZ") is None


@pytest.mark.parametrize("code", ["gh", "GHA", "G", "", "ZZ", "Gh"])
def test_only_exact_alpha_2_codes_are_countries(code: str) -> None:
    assert countries.by_code(code) is None


def test_kosovo_is_known_without_iso() -> None:
    assert countries.by_code("XK") == countries.Country("XK", "XKX", "Kosovo")


def test_shipped_data_is_the_installed_package_folder() -> None:
    from importlib.resources import files

    expected = Path(str(files("hrdplan").joinpath("data", "catalogue")))
    assert shipped_dir("catalogue") == expected
    assert (shipped_dir("catalogue") / "eu-hrd-2020-2024").is_dir()


@pytest.mark.process
def test_the_plugin_loader_stand_in_hands_on_what_it_does_not_have() -> None:
    # A newer pydantic may import more from its loader than "no plugins": that comes from the
    # real module, so the stand-in can never break pydantic.
    code = (
        "import os, sys\n"
        "os.environ['PYDANTIC_DISABLE_PLUGINS'] = '__all__'\n"
        "from hrdplan.cli import _skip_plugin_loader\n"
        "_skip_plugin_loader()\n"
        "from pydantic.plugin._loader import get_plugins\n"
        "assert list(get_plugins()) == []\n"
        "assert 'importlib.metadata' not in sys.modules\n"
        "from pydantic.plugin._loader import _loading_plugins\n"
        "print(_loading_plugins)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "False\n", "")
