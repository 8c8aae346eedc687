"""Bounded time and memory on hostile input: files of 5 MB in the shapes that cost most (many
nodes, repeated keys, thousands of findings or suppressions), stdin, the configuration and long
chains of catalogue versions. Each case runs the installed command under a 1 GB address-space
limit and a generous timeout, and must end with one clean finding or line; the work is asserted
bounded by counting, never by the clock."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from conftest import HRDPLAN, MINIMAL_CATALOGUE
from hostile import VALID, limited

from hrdplan.catalogue import versions
from hrdplan.catalogue.registry import Registry
from hrdplan.io import yamlio
from hrdplan.io.errors import InputError
from hrdplan.lint.model import MAX_FINDINGS_PER_RULE
from hrdplan.settings import Selection

SIZE = 5 * 1024 * 1024 - 4096  # just under the size limit


def hrdplan(
    *args: str | Path, cwd: Path, stdin: bytes | None = None
) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [str(HRDPLAN), *map(str, args)],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=120,
        preexec_fn=limited,
    )
    out = subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode(), proc.stderr.decode()
    )
    assert "Traceback" not in out.stderr and "internal error" not in out.stderr, out.stderr
    return out


def _fill(line: str, count: int | None = None) -> str:
    return line * (count if count is not None else SIZE // len(line))


def _priorities(count: int) -> str:
    """A valid head, then `count` priorities each naming an unknown objective: several findings
    each (unknown objective, missing fields), with a close-match search for each code."""
    head = VALID.partition("priorities:")[0] + "priorities:\n"
    pad = (SIZE - len(head)) // count - 40
    body = "".join(f"  - id: P{i}\n    objective: 9.9.{i}{'x' * pad}\n" for i in range(count))
    return head + body


# name -> (text, what the one finding or the capped findings must say)
SHAPES: dict[str, str] = {
    "many-duplicates": _fill("a:\n"),
    "many-tiny-keys": "".join(f"k{i}: 1\n" for i in range(SIZE // 12)),
    "one-huge-string": VALID.replace(
        "context: |", 'context: "' + "x" * (SIZE - 30_000) + '"\nx: |'
    ),
    "many-long-lines": VALID + "notes: |\n" + _fill("  " + "y" * 9000 + "\n", SIZE // 9003 - 10),
    "many-duplicates-under-the-node-bound": _fill(f"a: {'v' * 60}\n", 80_000),
    "many-priorities-with-errors": _priorities(30_000),
    "many-unused-suppressions": "".join(
        f"k{i}: 1  # hrdplan: ignore[HRD901,HRD902,HRD903]\n" for i in range(60_000)
    ),
    "one-line-of-suppressions": "a: 1  # hrdplan: ignore["
    + ",".join(f"X{i}" for i in range(600_000))
    + "]\n",
}
FORMATS = ("text", "json", "sarif", "github", "gitlab", "junit")


@pytest.fixture(scope="module")
def shapes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("shapes")
    for name, text in SHAPES.items():
        data = text.encode()
        assert len(data) <= 5 * 1024 * 1024, name
        (folder / f"{name}.yaml").write_bytes(data)
    return folder


@pytest.mark.process
@pytest.mark.parametrize("name", sorted(SHAPES))
def test_lint_of_a_pathological_file_is_bounded(shapes: Path, name: str) -> None:
    proc = hrdplan("lint", "--format", "json", f"{name}.yaml", cwd=shapes)
    assert proc.returncode == 1, proc.stderr
    findings = json.loads(proc.stdout)
    by_code: dict[str, int] = {}
    for finding in findings:
        by_code[finding["code"]] = by_code.get(finding["code"], 0) + 1
    # At most the cap of each rule, and one more that counts the rest.
    assert max(by_code.values()) <= MAX_FINDINGS_PER_RULE + 1, by_code


@pytest.mark.process
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_reports_a_capped_file(shapes: Path, fmt: str) -> None:
    proc = hrdplan("lint", "--format", fmt, "many-duplicates-under-the-node-bound.yaml", cwd=shapes)
    assert proc.returncode == 1, proc.stderr
    assert "78,999 more HRD002 findings" in proc.stdout


@pytest.mark.process
def test_repeated_keys_count_toward_the_node_bound(shapes: Path) -> None:
    proc = hrdplan("lint", "many-duplicates.yaml", cwd=shapes)
    assert proc.returncode == 1
    lines = [line for line in proc.stdout.splitlines() if "HRD" in line]
    assert lines == [
        "many-duplicates.yaml:100000:3: HRD001 holds more than 200,000 YAML nodes (keys and values)"
    ]


def test_the_file_is_refused_before_libyaml_composes_it(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: object) -> None:
        raise AssertionError("the text reached the YAML composer")

    monkeypatch.setattr(yamlio._Loader, "get_single_node", refuse)
    with pytest.raises(InputError, match="more than 200,000 YAML nodes"):
        yamlio.parse("a:\n" * (yamlio.MAX_NODES // 2 + 1), "f.yaml")


def test_a_capped_rule_keeps_its_worst_severity_and_the_count() -> None:
    from hrdplan.findings import Finding, Severity
    from hrdplan.lint.runner import _capped

    findings = [
        Finding("f", line, 1, "HRD301", "x", Severity.WARNING, "w") for line in range(1, 1500)
    ]
    findings.append(Finding("f", 2000, 1, "HRD301", "x", Severity.ERROR, "e"))
    out = _capped(findings)
    assert len(out) == MAX_FINDINGS_PER_RULE + 1
    assert out[-1].severity is Severity.ERROR and out[-1].line == MAX_FINDINGS_PER_RULE + 1
    assert "500 more HRD301 findings" in out[-1].message


# -- stdin ---------------------------------------------------------------------------------------


@pytest.mark.process
def test_stdin_over_the_limit_is_one_finding(tmp_path: Path) -> None:
    proc = hrdplan("lint", "-", cwd=tmp_path, stdin=b"a: " + b"x" * (50 * 1024 * 1024) + b"\n")
    assert proc.returncode == 1
    assert proc.stdout.splitlines()[0].startswith("<stdin>:1:1: HRD001 input is over the limit of")


@pytest.mark.process
def test_undecodable_stdin_is_a_finding_and_other_files_are_linted(tmp_path: Path) -> None:
    (tmp_path / "strategies").mkdir()
    (tmp_path / "strategies" / "gh.yaml").write_text(VALID.replace("title:", "titel:", 1))
    proc = hrdplan("lint", "-", "strategies", cwd=tmp_path, stdin=b"title: caf\xe9\n")
    assert proc.returncode == 1
    assert "<stdin>:1:11: HRD001 not valid UTF-8 (byte 0xe9)" in proc.stdout
    assert "strategies/gh.yaml" in proc.stdout


# -- configuration -------------------------------------------------------------------------------


@pytest.mark.process
def test_a_huge_configuration_is_refused_unread(tmp_path: Path) -> None:
    with (tmp_path / "hrdplan.toml").open("wb") as handle:
        handle.truncate(600 * 1024 * 1024)  # sparse: no 600 MB written
    proc = hrdplan("lint", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.startswith("hrdplan.toml: error: file is 629,145,600 bytes, over the limit")
    assert len(proc.stderr.splitlines()) == 1


@pytest.mark.process
@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("tool = 5\n", "`tool` must be a table"),
        ("[tool]\nhrdplan = 5\n", "`tool.hrdplan` must be a table"),
    ],
)
def test_pyproject_tool_that_is_not_a_table(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "pyproject.toml").write_text(text)
    proc = hrdplan("lint", "--config", "pyproject.toml", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr == f"error: pyproject.toml: {message} ([tool.hrdplan])\n"


def test_many_per_file_ignores_are_matched_once_per_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import hrdplan.settings as settings

    calls = [0]
    real = settings._compiled

    def counting(patterns: tuple[tuple[str, tuple[str, ...]], ...]) -> object:
        calls[0] += 1
        return real(patterns)

    monkeypatch.setattr(settings, "_compiled", counting)
    selection = Selection(
        per_file_ignores=(
            *((f"other-{i}/*.yaml", ("HRD2",)) for i in range(40_000)),
            ("strategies/*.yaml", ("HRD3",)),
        )
    )
    codes = [f"HRD{n}" for n in range(100, 500)]
    enabled = [c for c in codes if selection.enabled(c, "strategies/gh.yaml")]
    assert calls[0] == 1  # not once per rule
    assert "HRD201" in enabled and not any(c.startswith("HRD3") for c in enabled)


@pytest.mark.process
def test_lint_with_40000_per_file_ignores(tmp_path: Path) -> None:
    lines = [f'"other-{i}/*.yaml" = ["HRD2"]' for i in range(40_000)]
    (tmp_path / "hrdplan.toml").write_text("[per-file-ignores]\n" + "\n".join(lines) + "\n")
    (tmp_path / "strategies").mkdir()
    (tmp_path / "strategies" / "gh.yaml").write_text(VALID)
    proc = hrdplan("lint", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr


# -- catalogue chains ----------------------------------------------------------------------------


def _chain(folder: Path, count: int, *, loop: bool = False) -> Path:
    base = MINIMAL_CATALOGUE.read_text(encoding="utf-8")
    (folder / "test-plan").mkdir(parents=True)
    for k in range(count):
        previous = f"1.0.{k - 1}" if k else (f"1.0.{count - 1}" if loop else None)
        head = f"version: 1.0.{k}" + (f"\nprevious: {previous}" if previous else "")
        text = base.replace("version: 1.0.0", head, 1)
        (folder / "test-plan" / f"1.0.{k}.yaml").write_text(text, encoding="utf-8")
    return folder


def test_a_long_chain_is_walked_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    registry = Registry([_chain(tmp_path / "cat", 300)])
    loads = [0]
    real = registry.load

    def counting(ref: str = "test-plan") -> object:
        loads[0] += 1
        return real(ref)

    source, target = registry.load("test-plan@1.0.0"), registry.load("test-plan@1.0.299")
    monkeypatch.setattr(registry, "load", counting)
    chain = versions.walk(registry, source, target)
    assert chain is not None and len(chain) == 300
    assert loads[0] == 299  # each version once
    loads[0] = 0
    near = versions.walk(registry, registry.load("test-plan@1.0.297"), target)
    assert near is not None and [c.version for c in near] == ["1.0.297", "1.0.298", "1.0.299"]
    assert loads[0] <= 3  # stops at the other end


@pytest.mark.process
def test_migrate_along_a_long_chain(tmp_path: Path) -> None:
    _chain(tmp_path / "cat", 2000)
    strategy = tmp_path / "s.yaml"
    strategy.write_text(VALID.replace("eu-hrd-2020-2024@1.2.0", "test-plan@1.0.0"))
    proc = hrdplan("migrate", "--dry-run", "--catalogue-dir", "cat", "s.yaml", cwd=tmp_path)
    assert "1.0.1999" in proc.stdout + proc.stderr


@pytest.mark.process
@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        # Walking from 1.0.2 down reaches 1.0.0, whose `previous:` goes up: a broken rule.
        (
            "1.0.0",
            "1.0.2",
            "1.0.0.yaml:5:10: error: version 1.0.0 must be greater than previous 1.0.2",
        ),
        # Walking from 1.0.0 never reaches 2.0.0: round the loop, and refused there.
        ("1.0.0", "2.0.0", "1.0.1.yaml:6:11: error: previous: 1.0.0 makes the versions a loop"),
    ],
)
def test_a_loop_of_versions_is_a_clean_error(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    _chain(tmp_path / "cat", 3, loop=True)
    other = MINIMAL_CATALOGUE.read_text(encoding="utf-8").replace("1.0.0", "2.0.0", 1)
    (tmp_path / "cat" / "test-plan" / "2.0.0.yaml").write_text(other, encoding="utf-8")
    args = ("catalogue", "diff", f"test-plan@{old}", f"test-plan@{new}", "--catalogue-dir", "cat")
    proc = hrdplan(*args, cwd=tmp_path)
    assert proc.returncode == 2
    assert len(proc.stderr.splitlines()) == 1, proc.stderr
    assert message in proc.stderr
