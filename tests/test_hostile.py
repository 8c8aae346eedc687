"""Hostile input: every command that reads YAML answers a broken or malicious file with a clear
one-line error (or, for lint, a finding) within seconds and bounded memory, never a traceback."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import HRDPLAN, Run
from hostile import ACCEPTED, BROKEN, limited, not_files, write_corpus

from hrdplan.lint.rules import RULE_BY_CODE


def hrdplan(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The installed command under a memory limit and a time limit."""
    proc = subprocess.run(
        [str(HRDPLAN), *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=60,
        preexec_fn=limited,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Path]]:
    folder = tmp_path_factory.mktemp("hostile")
    return folder, write_corpus(folder / "strategies")


@pytest.fixture(scope="module")
def lint_report(corpus: tuple[Path, dict[str, Path]]) -> dict[str, list[dict[str, object]]]:
    """One lint run over the whole corpus: a broken file must never stop the others."""
    root, paths = corpus
    files = sorted(str(path.relative_to(root)) for path in paths.values())
    # HRD008 (information: the corpus is in format 1) left out.
    proc = hrdplan("lint", "--format", "json", "--ignore", "HRD008", *files, cwd=root)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr == ""
    by_file: dict[str, list[dict[str, object]]] = {name: [] for name in paths}
    names = {f"strategies/{path.name}": name for name, path in paths.items()}
    for finding in json.loads(proc.stdout):
        by_file[names[str(finding["file"])]].append(finding)
    return by_file


@pytest.mark.process
@pytest.mark.parametrize("name", sorted(BROKEN) + [n for n in not_files() if n != "directory"])
def test_lint_reports_each_broken_file_as_an_error_finding(
    name: str, lint_report: dict[str, list[dict[str, object]]]
) -> None:
    findings = lint_report[name]
    assert any(f["severity"] == "error" for f in findings), findings
    assert all(f["code"] in RULE_BY_CODE for f in findings)


@pytest.mark.process
@pytest.mark.parametrize("name", sorted(BROKEN) + sorted(ACCEPTED))
def test_lint_positions_point_inside_the_file(
    name: str,
    corpus: tuple[Path, dict[str, Path]],
    lint_report: dict[str, list[dict[str, object]]],
) -> None:
    lines = corpus[1][name].read_bytes().split(b"\n")
    for finding in lint_report[name]:
        line, column = finding["line"], finding["column"]
        assert isinstance(line, int) and isinstance(column, int)
        assert 1 <= line <= len(lines), finding
        # Columns count characters; a line's byte length bounds them.
        assert 1 <= column <= len(lines[line - 1]) + 1, finding


@pytest.mark.process
@pytest.mark.parametrize("name", sorted(ACCEPTED))
def test_lint_accepts_a_bom_and_crlf(
    name: str, lint_report: dict[str, list[dict[str, object]]]
) -> None:
    assert lint_report[name] == []


@pytest.mark.process
@pytest.mark.parametrize(
    ("name", "code", "words"),
    [
        ("empty", "HRD003", "empty"),
        ("top-level-list", "HRD003", "mapping"),
        ("unclosed-quote", "HRD001", ""),
        ("duplicate-keys", "HRD002", "country"),
        ("several-documents", "HRD001", "document"),
        ("billion-laughs", "HRD001", "alias"),
        ("alias-chain", "HRD001", "nest"),
        ("flow-nesting", "HRD001", "nest"),
        ("block-nesting", "HRD001", "nest"),
        ("latin-1", "HRD001", "UTF-8"),
        ("nul-byte", "HRD001", "NUL"),
        ("utf-16", "HRD001", "UTF-16"),
        ("utf-16-be-bom", "HRD001", "UTF-16"),
        ("python-object", "HRD001", "tag"),
        ("unknown-tag", "HRD001", "tag"),
        ("merge-key", "HRD001", "merge"),
        ("complex-key", "HRD001", "key"),
        ("huge-float", "HRD001", "finite"),
        ("huge-integer", "HRD003", "not a number of 4,000 digits"),
        ("infinite-target", "HRD001", "finite"),
        ("invalid-date", "HRD001", "out of range"),
        ("fifo", "HRD001", "not a regular file"),
        ("huge", "HRD001", "limit"),
    ],
)
def test_lint_says_what_is_wrong(
    name: str, code: str, words: str, lint_report: dict[str, list[dict[str, object]]]
) -> None:
    messages = [str(f["message"]) for f in lint_report[name] if f["code"] == code]
    assert messages, lint_report[name]
    assert any(words.lower() in m.lower() for m in messages), messages


@pytest.mark.process
def test_nothing_from_a_file_is_executed(
    corpus: tuple[Path, dict[str, Path]], lint_report: dict[str, list[dict[str, object]]]
) -> None:
    assert lint_report["python-object"]
    assert not list(corpus[0].rglob("owned.txt"))


@pytest.mark.process
def test_a_long_line_is_read_not_refused(lint_report: dict[str, list[dict[str, object]]]) -> None:
    # 150 KB on one line is odd but valid YAML: it gets the usual findings, not HRD001.
    assert not any(f["code"] == "HRD001" for f in lint_report["long-line"])


@pytest.mark.process
def test_an_odd_scalar_is_named_with_its_value(
    lint_report: dict[str, list[dict[str, object]]],
) -> None:
    # YAML 1.1 reads NO (Norway) as false: the message must show what was read and where.
    [finding] = [f for f in lint_report["yes-no"] if f["code"] == "HRD003"]
    assert finding["line"] == 4
    assert "reads the unquoted value as the boolean false; put it in quotes" in str(
        finding["message"]
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_an_unreadable_file_is_a_finding(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "locked.yaml"
    path.write_text("hrdplan: 1\n")
    path.chmod(0)
    result = run("lint", "--format", "json", path.name)
    assert result.code == 1
    [finding] = json.loads(result.stdout)
    assert finding["code"] == "HRD001" and "cannot read" in finding["message"]


def test_the_size_limit_is_configurable(run: Run, tmp_path: Path) -> None:
    shutil.copy(Path(__file__).parents[1] / "examples" / "gh-2021-2025.yaml", tmp_path)
    small = run("lint", "gh-2021-2025.yaml", env={"HRDPLAN_MAX_FILE_SIZE": "2KB"})
    assert small.code == 1 and "over the limit of 2,048" in small.stdout
    assert run("lint", "gh-2021-2025.yaml", env={"HRDPLAN_MAX_FILE_SIZE": "1MB"}).code == 0
    bad = run("lint", "gh-2021-2025.yaml", env={"HRDPLAN_MAX_FILE_SIZE": "lots"})
    assert bad.code == 2
    assert bad.stderr.strip() == (
        "error: HRDPLAN_MAX_FILE_SIZE must be a size such as 5000000, 800KB or 20MB, not 'lots'"
    )


# Catalogue loading reads YAML too: an organisation's own catalogue may be just as broken. The
# same reader runs under limits in the lint run above, so these run in-process, for speed.
@pytest.mark.parametrize("name", sorted(BROKEN) + not_files())
def test_a_broken_catalogue_is_one_line_and_exit_2(
    name: str, corpus: tuple[Path, dict[str, Path]], cli: Run, tmp_path: Path
) -> None:
    source = corpus[1][name]
    target = tmp_path / "catalogues" / "own-plan" / "1.0.0.yaml"
    target.parent.mkdir(parents=True)
    if source.is_dir():
        target.mkdir()
    elif source.is_fifo():
        os.mkfifo(target)
    else:
        shutil.copy(source, target)
    result = cli(
        "catalogue", "list", "--catalogue-dir", "catalogues", "--catalogue", "own-plan@1.0.0"
    )
    assert result.code == 2, result
    lines = result.stderr.splitlines()
    assert lines and all(line.startswith("catalogues/own-plan/1.0.0.yaml") for line in lines)
    assert result.stdout == ""


def test_a_permission_error_is_one_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Works as root too, where a mode of 000 does not stop reading.
    from hrdplan.io import files
    from hrdplan.io.errors import InputError

    path = tmp_path / "locked.yaml"
    path.write_text("hrdplan: 1\n")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(InputError) as caught:
        files.read_text(path)
    assert caught.value.lines() == [f"{path.as_posix()}: error: cannot read: Permission denied"]


# Commands other than lint take many files, answer each broken one with one line per problem
# naming it, carry on with the others, and exit 2.
OTHER_COMMANDS = {
    "migrate": ["migrate", "--dry-run"],
    "render-html": ["render", "--format", "html", "--out", "out"],
    "render-md": ["render", "--format", "md", "--out", "out"],
    "report": ["report", "--format", "html"],
}


@pytest.mark.process
@pytest.mark.parametrize("command", sorted(OTHER_COMMANDS))
def test_other_commands_answer_each_broken_file_with_lines_naming_it(
    command: str, corpus: tuple[Path, dict[str, Path]]
) -> None:
    root, paths = corpus
    broken = {
        name: str(paths[name].relative_to(root))
        for name in [*sorted(BROKEN), *not_files()]
        if name != "directory"  # a folder is searched for strategies, not read
    }
    before = {name: paths[name].read_bytes() for name in broken if paths[name].is_file()}
    proc = hrdplan(*OTHER_COMMANDS[command], *broken.values(), cwd=root)
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.splitlines()
    for name, shown in broken.items():
        assert any(line.startswith(f"{shown}:") for line in lines), (name, proc.stderr)
    assert all(line.startswith(tuple(f"{s}:" for s in broken.values())) for line in lines)
    assert {name: paths[name].read_bytes() for name in before} == before
    assert not (root / "out").exists() or not list((root / "out").iterdir())
