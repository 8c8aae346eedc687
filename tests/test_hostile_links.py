"""Hostile links: nothing read through a symbolic link that leaves its folder is ever printed.

CI runs hrdplan on other people's pull requests and prints to public logs. A catalogue version
file, a strategy, a progress file or a template there may be a link to the runner's credentials
or to /etc/passwd. A catalogue or template file is not read through such a link at all (one
line naming the link); a strategy or progress file is checked, but no message quotes anything
it holds. Every layout here is built in a temporary folder and every command's output (stdout,
stderr, every file written) is searched for the sentinel the linked-to files hold.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES, FIXTURES, Result, Run

from hrdplan.io.errors import quoted
from hrdplan.io.links import NOT_SHOWN, hiding, leaves_folder

SENTINEL = "ghs_SENTINEL123"
CREDENTIALS = f"https://x-access-token:{SENTINEL}@github.com\n"
PASSWD = f"root:x:0:0:{SENTINEL}:/root:/bin/bash\ndaemon:x:1:1::/usr/sbin:/usr/sbin/nologin\n"
# A secret file that is YAML (JSON): every value and key it holds is the sentinel, in the
# places a strategy's messages quote them (the pin, the country, the format, an unknown key).
SECRET_JSON = (
    f'{{"hrdplan": "{SENTINEL}", "catalogue": "{SENTINEL}", "country": "{SENTINEL}", '
    f'"title": 1, "{SENTINEL}": {{"auth": "{SENTINEL}"}}}}\n'
)
SECRET_PIN = f"hrdplan: 1\ncatalogue: eu-hrd-2020-2024@{SENTINEL}\ncountry: {SENTINEL}\n"


def rich(version: int) -> str:
    """A secret file shaped as a strategy of a format, the sentinel in every field a rule or
    the models quote or name (ids, codes, kinds, dates, tags, keys)."""
    s = SENTINEL
    return (
        f'{{"hrdplan": {version}, "catalogue": "eu-hrd-2020-2024@1.2.0", "country": "{s}", '
        f'"title": "{s}", "period": {{"start": "{s}", "end": 2025}}, "status": "{s}", '
        f'"classification": "{s}", "language": "{s}", "delegation": "{s}", '
        f'"priorities": [{{"id": "{s}", "objective": "{s}", "title": "{s}", '
        f'"actions": [{{"text": "{s}", "instruments": ["{s}"]}}], '
        f'"indicators": [{{"id": "{s}", "text": "{s}", "kind": "{s}", "baseline": "{s}", '
        f'"target": "{s}"}}]}}, {{"id": "{s}", "objective": "1.1.a", '
        f'"gender": {{"marker": "{s}", "gap": ["{s}"]}}}}], '
        f'"consultations": [{{"date": "{s}", "participants": "{s}"}}], '
        f'"member_states": ["{s}"], "context": "TODO {s}", "{s}": 1, "{s}": 2}}\n'
    )


SECRET_PROGRESS = (
    f'{{"kind": "progress", "hrdplan": 2, "strategy": "{SENTINEL}.yaml", "year": "{SENTINEL}", '
    f'"status": "{SENTINEL}", "priorities": [{{"id": "{SENTINEL}", "status": "{SENTINEL}"}}], '
    f'"{SENTINEL}": 1}}\n'
)
VERSIONS = FIXTURES / "catalogues" / "versions"
FORMATS = ("text", "json", "github", "sarif", "junit", "gitlab")


def secrets(tmp_path: Path) -> Path:
    """A folder outside the repository with a fake credentials file and a fake passwd."""
    outside = tmp_path / "home"
    outside.mkdir()
    (outside / ".git-credentials").write_text(CREDENTIALS, encoding="utf-8")
    (outside / "passwd").write_text(PASSWD, encoding="utf-8")
    (outside / "config.json").write_text(SECRET_JSON, encoding="utf-8")
    (outside / "pin.yaml").write_text(SECRET_PIN, encoding="utf-8")
    (outside / "v1.json").write_text(rich(1), encoding="utf-8")
    (outside / "v2.json").write_text(rich(2), encoding="utf-8")
    (outside / "progress.json").write_text(SECRET_PROGRESS, encoding="utf-8")
    return outside


def leaked(result: Result, root: Path) -> list[str]:
    """Where the sentinel shows: the output streams, and every file under root but the
    linked-to secrets themselves (and the links to them)."""
    streams = (("stdout", result.stdout), ("stderr", result.stderr))
    found = [name for name, text in streams if SENTINEL in text]
    for path in root.rglob("*"):
        if path.is_symlink() or not path.is_file() or (root / "home") in path.parents:
            continue
        if SENTINEL in path.read_text(encoding="utf-8", errors="replace"):
            found.append(str(path))
    return found


@pytest.fixture
def catalogues(tmp_path: Path) -> Path:
    """A repository whose hrdplan.toml adds a catalogue folder with version files that are
    links out of it, to the credentials and to passwd."""
    home = secrets(tmp_path)
    repo = tmp_path / "repo"
    shutil.copytree(VERSIONS, repo / "cats")
    plan = repo / "cats" / "test-plan"
    (plan / "9.0.0.yaml").symlink_to(home / ".git-credentials")
    (plan / "9.1.0.yaml").symlink_to(home / "passwd")
    (repo / "hrdplan.toml").write_text('catalogue-dirs = ["cats"]\n', encoding="utf-8")
    (repo / "strategies").mkdir()
    shutil.copy(EXAMPLES / "gh-2021-2025.yaml", repo / "strategies")
    (repo / "out").mkdir()
    return repo


COMMANDS = [
    *(("lint", "--format", f) for f in FORMATS),
    ("lint", "--format", "sarif", "--output", "out/report.sarif"),
    ("lint", "--format", "junit", "--output", "out/report.xml"),
    ("render", "strategies", "--out", "out"),
    ("render", "strategies", "--out", "out", "--format", "md"),
    ("catalogue", "list", "--catalogue", "test-plan"),
    ("catalogue", "show", "1.1.a", "--catalogue", "test-plan@9.0.0"),
    ("catalogue", "versions"),
    ("new-strategy", "Ghana", "--catalogue", "test-plan", "--dir", "out"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_catalogue_file_linked_out_is_refused_unread(
    cli: Run, catalogues: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    monkeypatch.chdir(catalogues)
    result = cli(*args)
    assert result.code == 2, result
    assert not leaked(result, catalogues.parent), result
    assert "cats/test-plan/9.0.0.yaml: error: a symbolic link out of its catalogue folder" in (
        result.stderr
    ), result
    assert len(result.stderr.strip().splitlines()) == 1, result


def test_a_catalogue_file_linked_within_its_folder_is_read(cli: Run, tmp_path: Path) -> None:
    shutil.copytree(VERSIONS, tmp_path / "cats")
    plan = tmp_path / "cats" / "test-plan"
    (plan / "9.0.0.yaml").symlink_to("1.0.0.yaml")
    result = cli("catalogue", "versions", "--catalogue-dir", "cats")
    # Read, not refused: so its id and version are checked against its place (it says 1.0.0).
    assert "9.0.0.yaml:5:10: error: version is '1.0.0' but the file's place says '9.0.0'" in (
        result.stderr
    ), result


@pytest.fixture
def strategies(tmp_path: Path) -> Path:
    """A repository whose strategies folder holds links out of it, to the secrets."""
    home = secrets(tmp_path)
    repo = tmp_path / "repo"
    (repo / "strategies").mkdir(parents=True)
    (repo / "out").mkdir()
    shutil.copy(EXAMPLES / "gh-2021-2025.yaml", repo / "strategies")
    for name, target in (
        ("creds.yaml", ".git-credentials"),
        ("passwd.yaml", "passwd"),
        ("config.yaml", "config.json"),
        ("pin.yaml", "pin.yaml"),
        ("v1.yaml", "v1.json"),
        ("v2.yaml", "v2.json"),
    ):
        (repo / "strategies" / name).symlink_to(home / target)
    return repo


STRATEGY_FILES = ("creds.yaml", "passwd.yaml", "config.yaml", "pin.yaml", "v1.yaml", "v2.yaml")


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", STRATEGY_FILES)
def test_lint_quotes_nothing_of_a_strategy_linked_out(
    cli: Run, strategies: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, name: str
) -> None:
    monkeypatch.chdir(strategies)
    result = cli("lint", "--format", fmt, f"strategies/{name}")
    assert result.code == 1, result
    assert not leaked(result, strategies.parent), result


@pytest.mark.parametrize("name", STRATEGY_FILES)
def test_render_quotes_nothing_of_a_strategy_linked_out(
    cli: Run, strategies: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.chdir(strategies)
    result = cli("render", f"strategies/{name}", "--out", "out")
    assert result.code == 2, result
    assert not leaked(result, strategies.parent), result


def test_a_strategy_linked_out_is_still_checked(
    cli: Run, strategies: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(strategies)
    result = cli("lint", "strategies/creds.yaml")
    assert f"a strategy is a mapping of keys to values, not text ({NOT_SHOWN})" in result.stdout
    pin = cli("lint", "strategies/pin.yaml").stdout
    assert f"country ({NOT_SHOWN}) is not an ISO 3166-1 alpha-2 code" in pin, pin


def test_a_strategy_linked_within_its_folder_is_quoted(cli: Run, tmp_path: Path) -> None:
    (tmp_path / "strategies" / "archive").mkdir(parents=True)
    (tmp_path / "strategies" / "archive" / "old.yaml").write_text("just text\n", "utf-8")
    (tmp_path / "strategies" / "link.yaml").symlink_to("archive/old.yaml")
    result = cli("lint", "strategies/link.yaml")
    assert "a strategy is a mapping of keys to values, not 'just text'" in result.stdout, result


@pytest.fixture
def progress(strategies: Path) -> Path:
    """Progress files: one a link out to the credentials, one whose strategy is a link out."""
    home = strategies.parent / "home"
    folder = strategies / "progress" / "creds"
    folder.mkdir(parents=True)
    (folder / "2022.yaml").symlink_to(home / "config.json")
    (folder / "2021.yaml").symlink_to(home / "progress.json")
    (folder / "2023.yaml").write_text(
        "kind: progress\nhrdplan: 2\nstrategy: ../../strategies/pin.yaml\nyear: 2023\n",
        encoding="utf-8",
    )
    (folder / "2024.yaml").write_text(
        "kind: progress\nhrdplan: 2\nstrategy: ../../strategies/passwd.yaml\nyear: 2024\n",
        encoding="utf-8",
    )
    return strategies


@pytest.mark.parametrize("fmt", FORMATS)
def test_lint_quotes_nothing_of_progress_files_linked_out(
    cli: Run, progress: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    monkeypatch.chdir(progress)
    result = cli("lint", "--format", fmt, "progress")
    assert result.code == 1, result
    assert not leaked(result, progress.parent), result


def test_render_quotes_nothing_of_progress_files_linked_out(
    cli: Run, progress: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(progress)
    result = cli("render", "progress", "--out", "out")
    assert result.code == 2, result
    assert not leaked(result, progress.parent), result


def test_a_template_linked_out_is_refused_unread(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = secrets(tmp_path)
    repo = tmp_path / "repo"
    (repo / "tpl").mkdir(parents=True)
    (repo / "out").mkdir()
    (repo / "tpl" / "strategy.md.j2").symlink_to(home / ".git-credentials")
    monkeypatch.chdir(repo)
    result = cli(
        "render",
        EXAMPLES / "gh-2021-2025.yaml",
        "--format",
        "md",
        "--template-dir",
        "tpl",
        "--out",
        "out",
    )
    assert result.code == 2, result
    assert not leaked(result, tmp_path), result
    assert "tpl/strategy.md.j2: error: " in result.stderr, result


def test_leaves_folder(tmp_path: Path) -> None:
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "out.txt").write_text("x", "utf-8")
    (tmp_path / "in" / "sub" / "deep.txt").write_text("x", "utf-8")
    (tmp_path / "in" / "out").symlink_to(tmp_path / "out.txt")
    (tmp_path / "in" / "down").symlink_to("sub/deep.txt")
    (tmp_path / "in" / "loop").symlink_to("loop")
    (tmp_path / "in" / "plain.txt").write_text("x", "utf-8")
    assert leaves_folder(tmp_path / "in" / "out")
    assert not leaves_folder(tmp_path / "in" / "down")
    assert not leaves_folder(tmp_path / "in" / "plain.txt")
    assert not leaves_folder(tmp_path / "in" / "missing.txt")
    assert leaves_folder(tmp_path / "in" / "sub" / "deep.txt", tmp_path / "elsewhere")
    assert leaves_folder(tmp_path / "in" / "nul\0")


def test_quoted_is_a_short_escaped_excerpt() -> None:
    assert quoted("short") == "'short'"
    long = quoted("x" * 500)
    assert long == "'" + "x" * 40 + "'…"
    assert quoted("\x1b[31mred\u202e") == "'\\x1b[31mred\\u202e'"
    with hiding():
        assert quoted(SENTINEL) == f"({NOT_SHOWN})"
    with hiding(False):
        assert quoted("a") == "'a'"


def test_a_long_value_is_quoted_as_a_short_excerpt(cli: Run, tmp_path: Path) -> None:
    long = "x" * 5000
    (tmp_path / "s.yaml").write_text(f"hrdplan: !!int {long}\n", encoding="utf-8")
    result = cli("lint", "s.yaml")
    assert f"invalid value '{'x' * 40}'…: not a whole number" in result.stdout, result
    assert len(result.stdout.splitlines()[0]) < 200, result


def test_a_template_error_is_one_short_line(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / "strategy.md.j2").write_text("{{ t['x' * 5000] }}\n", encoding="utf-8")
    result = cli(
        "render", EXAMPLES / "gh-2021-2025.yaml", "--format", "md", "--template-dir", "tpl"
    )
    assert result.code == 2, result
    line = result.stderr.strip()
    assert "tpl/strategy.md.j2:1: error: template error: " in line, result
    assert len(line) < 300 and line.endswith("..."), result


def test_a_progress_file_linked_out_of_a_real_strategy_quotes_nothing(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A linked-out progress file that names a real strategy: every progress rule runs on it,
    and none names what it holds (ids, statuses, actuals)."""
    s = SENTINEL
    shutil.copy(EXAMPLES / "co-2022-2026.yaml", tmp_path)
    (tmp_path / "progress" / "co-2022-2026").mkdir(parents=True)
    (tmp_path / "home").mkdir()
    secret = tmp_path / "home" / "progress.json"
    secret.write_text(
        f'{{"kind": "progress", "hrdplan": 2, "strategy": "{tmp_path}/co-2022-2026.yaml", '
        f'"year": 2024, "status": "submitted", "summary": "TODO {s}", "priorities": ['
        f'{{"id": "{s}", "status": "{s}", "indicators": [{{"id": "{s}", "actual": "{s}"}}]}}, '
        f'{{"id": "P1", "status": "{s}", "{s}": "{s}", "indicators": [{{"id": "P1.1", '
        f'"actual": "{s}", "source": "{s}"}}, {{"id": "{s}"}}]}}], '
        f'"consultations": [{{"date": "{s}"}}]}}\n',
        encoding="utf-8",
    )
    (tmp_path / "progress" / "co-2022-2026" / "2024.yaml").symlink_to(secret)
    monkeypatch.chdir(tmp_path)
    for fmt in FORMATS:
        result = cli("lint", "--format", fmt, "progress")
        assert result.code == 1, result
        assert not leaked(result, tmp_path), result
    result = cli("render", "progress", "--out", "out")
    assert not leaked(result, tmp_path), result


def test_a_configuration_linked_out_quotes_nothing(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "home").mkdir()
    secret = tmp_path / "home" / "settings.toml"
    secret.write_text(f'select = ["{SENTINEL}"]\n', encoding="utf-8")
    (tmp_path / "repo").mkdir()
    (tmp_path / "repo" / "hrdplan.toml").symlink_to(secret)
    shutil.copy(EXAMPLES / "gh-2021-2025.yaml", tmp_path / "repo")
    monkeypatch.chdir(tmp_path / "repo")
    result = cli("lint", "gh-2021-2025.yaml")
    assert result.code == 2, result
    assert not leaked(result, tmp_path), result
    assert f"select: unknown rule code ({NOT_SHOWN})" in result.stderr, result
