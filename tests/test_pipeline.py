"""One path from a strategy file to its findings: render, report and migrate lint a file once,
the way `hrdplan lint` does, and refuse it for the file group's errors (HRD0xx), in the rules'
own words."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import EXAMPLES, Run

from hrdplan.io.parallel import PARALLEL_THRESHOLD, on_every_core

GHANA = EXAMPLES / "gh-2021-2025.yaml"
LINT_LINE = re.compile(r"^(?P<where>[^:]+:\d+:\d+): (?P<code>HRD\d{3}) (?P<message>.+)$")
ERROR_LINE = re.compile(r"^(?P<where>[^:]+:\d+:\d+): error: (?P<message>.+)$")

# Files that are not sound strategies, each for another rule of the file group.
BROKEN: dict[str, Callable[[str], str]] = {
    "duplicate-key": lambda t: t.replace("status: adopted", "status: adopted\nstatus: draft"),
    "schema": lambda t: t.replace("status: adopted", "status: finished"),
    "format-version": lambda t: t.replace("hrdplan: 2", "hrdplan: 7"),
    "missing-format-version": lambda t: t.replace("hrdplan: 2\n", ""),
    "unknown-catalogue": lambda t: t.replace("eu-hrd-2020-2024@1.2.0", "eu-hrd-2020-2024@9.9.9"),
    "unpinned-catalogue": lambda t: t.replace("eu-hrd-2020-2024@1.2.0", "eu-hrd-2020-2024"),
    "not-a-mapping": lambda t: "- just\n- a list\n",
    "yaml-syntax": lambda t: t.replace("status: adopted", "status: [adopted"),
}


def broken(tmp_path: Path, kind: str) -> Path:
    text = GHANA.read_text(encoding="utf-8")
    changed = BROKEN[kind](text)
    assert changed != text
    path = tmp_path / "s.yaml"
    path.write_text(changed, encoding="utf-8")
    return path


def lint_errors(cli: Run) -> set[tuple[str, str]]:
    """(file:line:col, message) of each HRD0xx error `hrdplan lint` reports for s.yaml."""
    result = cli("lint", "s.yaml", "--select", "HRD0", "--ignore", "HRD008")  # HRD008: info
    assert result.code == 1, result
    return {
        (m["where"], m["message"])
        for line in result.stdout.splitlines()
        if (m := LINT_LINE.match(line))
    }


def refusals(stderr: str) -> set[tuple[str, str]]:
    lines = stderr.splitlines()
    matches = [ERROR_LINE.match(line) for line in lines]
    assert lines and all(matches), stderr  # one `file:line:col: error: message` per problem
    return {(m["where"], m["message"]) for m in matches if m}


@pytest.mark.parametrize("kind", list(BROKEN))
@pytest.mark.parametrize(
    "command",
    [
        ("render", "s.yaml", "--out", "out"),
        ("report", "s.yaml", "--out", "report.html"),
        ("migrate", "s.yaml"),
    ],
    ids=lambda c: c[0],
)
def test_a_file_that_cannot_be_used_is_refused_in_the_rules_words(
    cli: Run, tmp_path: Path, kind: str, command: tuple[str, ...]
) -> None:
    path = broken(tmp_path, kind)
    before = path.read_bytes()
    expected = lint_errors(cli)
    result = cli(*command)
    assert result.code == 2, result
    assert refusals(result.stderr) == expected
    assert path.read_bytes() == before
    assert not (tmp_path / "out").exists() and not (tmp_path / "report.html").exists()


def test_a_deselected_file_rule_still_stops_a_render(cli: Run, tmp_path: Path) -> None:
    # The selection decides what is reported, not whether a file is sound enough to render.
    broken(tmp_path, "schema")
    (tmp_path / "hrdplan.toml").write_text('ignore = ["HRD0"]\n', encoding="utf-8")
    assert cli("lint", "s.yaml").code == 0
    result = cli("render", "s.yaml", "--out", "out")
    assert result.code == 2
    assert result.stderr.startswith(
        "s.yaml:7:9: error: status: expected draft, consultation or adopted"
    )
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", [("render", "--out", "out"), ("report",), ("migrate",)])
def test_each_file_is_validated_once(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    import hrdplan.lint.runner
    import hrdplan.strategy.loader

    calls: list[str] = []
    analyse = hrdplan.strategy.loader.analyse

    def counting(doc, registry, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(doc.file)
        return analyse(doc, registry, *args, **kwargs)

    for module in (hrdplan.strategy.loader, hrdplan.lint.runner):
        monkeypatch.setattr(module, "analyse", counting)
    (tmp_path / "s.yaml").write_bytes(GHANA.read_bytes())
    result = cli(command[0], "s.yaml", *command[1:])
    assert result.code == 0, result
    assert calls == ["s.yaml"]


# -- many items on every core ------------------------------------------------------------------


def _square_with_pid(offset: int, item: int) -> tuple[int, int]:
    return item * item + offset, os.getpid()


def test_many_items_run_on_other_cores_in_order() -> None:
    items = list(range(PARALLEL_THRESHOLD + 10))
    results = list(on_every_core(_square_with_pid, 1, items, jobs=2))
    assert [r for r, _ in results] == [i * i + 1 for i in items]
    assert os.getpid() not in {pid for _, pid in results}


def test_few_items_or_one_job_run_here() -> None:
    few = list(range(PARALLEL_THRESHOLD - 1))
    for items, jobs in ((few, 2), (list(range(PARALLEL_THRESHOLD + 1)), 1)):
        results = list(on_every_core(_square_with_pid, 0, items, jobs=jobs))
        assert [r for r, _ in results] == [i * i for i in items]
        assert {pid for _, pid in results} == {os.getpid()}
