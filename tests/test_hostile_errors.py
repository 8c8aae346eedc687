"""Paths and settings the system refuses, for every command: a symbolic-link loop, a name over
255 bytes, a 30-digit HRDPLAN_MAX_FILE_SIZE, a reader that goes away, a full disk, a folder that
cannot be listed. Each is one line naming the path (escaped), exit 2; never "internal error"."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
from pathlib import Path

import pytest
from conftest import EXAMPLES, HRDPLAN, Run
from hostile import limited

from hrdplan.io.errors import display_path, os_error, os_error_line, printable

GHANA = EXAMPLES / "gh-2021-2025.yaml"

# Names the tests give: an escape sequence in each, so that the line must show it escaped.
LOOP = "lo\x1b[2Jop"
LONG = "\x1b[2J" + "é" * 130  # 264 bytes in UTF-8: one component over NAME_MAX
assert len(os.fsencode(LONG)) > 255


def hrdplan(
    *args: str | Path,
    cwd: Path,
    env: dict[str, str] | None = None,
    stdout: int = subprocess.PIPE,
    stdin: str | None = None,
) -> tuple[int, str, str]:
    """The installed command under a memory and a time limit: (exit code, stdout, stderr)."""
    proc = subprocess.run(
        [str(HRDPLAN), *map(str, args)],
        cwd=cwd,
        input=stdin.encode() if stdin is not None else None,
        stdout=stdout,
        stderr=subprocess.PIPE,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "120", **(env or {})},
        timeout=120,
        preexec_fn=limited,
        check=False,
    )
    out = proc.stdout.decode(errors="replace") if proc.stdout is not None else ""
    err = proc.stderr.decode(errors="replace")
    assert "Traceback" not in err, err
    assert "internal error" not in err, err
    return proc.returncode, out, err


def one_line_naming(stderr: str, name: str) -> str:
    """The single line of stderr, which names the path as given, escaped."""
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert printable(name) in lines[0], (name, stderr)
    assert "\x1b" not in lines[0]
    return lines[0]


# Every command and option that takes a path, with {} where the path goes.
PATH_ARGS = {
    "lint": ["lint", "{}"],
    "render": ["render", "--out", "out", "{}"],
    "report": ["report", "{}"],
    "migrate": ["migrate", "--dry-run", "{}"],
    "render --out": ["render", str(GHANA), "--out", "{}"],
    "render --template-dir": ["render", str(GHANA), "--out", "out", "--template-dir", "{}"],
    "report --template-dir": ["report", str(GHANA), "--template-dir", "{}"],
    "report --out": ["report", str(GHANA), "--out", "{}"],
    "new-strategy --dir": ["new-strategy", "Kenya", "--dir", "{}"],
    "init": ["init", "{}"],
    "schema --output": ["schema", "--output", "{}"],
    "lint --output": ["lint", str(GHANA), "--output", "{}"],
    "lint --config": ["lint", str(GHANA), "--config", "{}"],
    "catalogue --catalogue-dir": ["catalogue", "list", "--catalogue-dir", "{}"],
}
# Where the reason must be the system's own words (the others say the same thing their way:
# a --config or --catalogue-dir that is not there, an --out that is not hrdplan's to replace).
SAYS_WHY = {
    "lint",
    "render",
    "report",
    "migrate",
    "render --out",
    "render --template-dir",
    "report --template-dir",
    "new-strategy --dir",
    "init",
}
# Outputs refuse any symbolic link at the destination, a loop included, and say so.
SAYS_LINK = {"schema --output", "lint --output", "report --out"}


def _args(command: str, path: str) -> list[str]:
    return [path if a == "{}" else a for a in PATH_ARGS[command]]


@pytest.mark.process
@pytest.mark.parametrize("command", sorted(PATH_ARGS))
def test_a_link_loop_is_one_line_naming_it(command: str, tmp_path: Path) -> None:
    (tmp_path / LOOP).symlink_to(LOOP)
    code, _, stderr = hrdplan(*_args(command, LOOP), cwd=tmp_path)
    assert code == 2
    line = one_line_naming(stderr, LOOP)
    if command in SAYS_WHY:
        assert line == f"{printable(LOOP)}: error: {os.strerror(errno.ELOOP)}"
    if command in SAYS_LINK:
        assert line.startswith(f"{printable(LOOP)}: error: is a symbolic link;")
    assert (tmp_path / LOOP).is_symlink()  # nothing written through or over it
    assert sorted(p.name for p in tmp_path.iterdir()) == [LOOP]


@pytest.mark.process
@pytest.mark.parametrize("command", sorted(PATH_ARGS))
def test_a_name_over_255_bytes_is_one_line_naming_it(command: str, tmp_path: Path) -> None:
    name = LONG + (".yaml" if command in ("lint", "render", "report", "migrate") else "")
    code, _, stderr = hrdplan(*_args(command, name), cwd=tmp_path)
    assert code == 2
    line = one_line_naming(stderr, name)
    assert line.endswith(os.strerror(errno.ENAMETOOLONG)), line
    assert list(tmp_path.iterdir()) == []


@pytest.mark.process
def test_a_long_name_inside_a_path_is_named_with_the_file_to_write(tmp_path: Path) -> None:
    code, _, stderr = hrdplan("render", str(GHANA), "--out", f"ok/{LONG}/deeper", cwd=tmp_path)
    assert code == 2
    one_line_naming(stderr, f"ok/{LONG}/deeper")


# -- walking a strategies folder --------------------------------------------------------------


def _strategies(tmp_path: Path) -> Path:
    folder = tmp_path / "strategies"
    folder.mkdir()
    (folder / "gh.yaml").write_bytes(GHANA.read_bytes())
    return folder


@pytest.mark.process
@pytest.mark.parametrize("command", ["lint", "render", "report", "migrate"])
def test_a_walk_does_not_follow_links_to_folders(command: str, tmp_path: Path) -> None:
    folder = _strategies(tmp_path)
    (folder / "self").symlink_to(".")  # a loop by folders: never entered
    (folder / "up").symlink_to("..")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "tn-linked.yaml").write_bytes((EXAMPLES / "tn-2021-2025.yaml").read_bytes())
    (folder / "linked").symlink_to(elsewhere)
    (folder / "linked.yaml").symlink_to(elsewhere)  # a YAML name on a link to a folder
    code, stdout, stderr = hrdplan(*_args(command, "strategies"), cwd=tmp_path)
    assert code == 0, stderr
    assert "tn-linked" not in stdout + stderr
    assert "Tunisia" not in stdout + stderr


def test_a_link_to_a_file_is_followed_and_named_as_the_link(run: Run, tmp_path: Path) -> None:
    folder = _strategies(tmp_path)
    (folder / "gh.yaml").rename(tmp_path / "real.yaml")
    (folder / "gh.yaml").symlink_to(tmp_path / "real.yaml")
    (folder / "bad.yaml").symlink_to(tmp_path / "bad-target.yaml")
    (tmp_path / "bad-target.yaml").write_text("hrdplan: [\n", encoding="utf-8")
    result = run("lint", "strategies")
    assert result.code == 1
    assert result.stdout.startswith("strategies/bad.yaml:")
    assert "checked: 2 files" in result.stdout or "2 files checked" in result.stdout


def _odd_entries(folder: Path) -> list[str]:
    """Things with a strategy's name that are not regular files, each refused when read."""
    (folder / "loop.yaml").symlink_to("loop.yaml")
    (folder / "dangling.yaml").symlink_to("nowhere.yaml")
    (folder / "\x1b[31mred.yaml").symlink_to("\x1b[31mred.yaml")
    names = ["loop.yaml", "dangling.yaml", "\x1b[31mred.yaml"]
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "fifo.yaml")
        names.append("fifo.yaml")
    try:
        os.mknod(folder / "null.yaml", stat.S_IFCHR | 0o600, os.makedev(1, 3))
        names.append("null.yaml")
    except (OSError, AttributeError):  # no right to make devices here
        pass
    return sorted(f"strategies/{printable(n)}" for n in names)


def test_lint_reports_what_a_walk_finds_that_is_not_a_file(run: Run, tmp_path: Path) -> None:
    # Skipped silently before: a FIFO, a device, a loop or a dangling link with a strategy's
    # name is a finding, as it is when given by name; nothing blocks on the FIFO.
    import json

    odd = _odd_entries(_strategies(tmp_path))
    # HRD008 (information: a format 1 strategy) left out: only the odd entries are findings.
    result = run("lint", "strategies", "--format", "json", "--ignore", "HRD008")
    assert result.code == 1, result
    findings = json.loads(result.stdout)
    assert sorted(printable(str(f["file"])) for f in findings) == odd
    assert {f["code"] for f in findings} == {"HRD001"}
    assert result.stderr == ""


@pytest.mark.process
@pytest.mark.parametrize("command", ["render", "report", "migrate"])
def test_other_commands_name_what_a_walk_finds_that_is_not_a_file(
    command: str, tmp_path: Path
) -> None:
    odd = _odd_entries(_strategies(tmp_path))
    code, _, stderr = hrdplan(*_args(command, "strategies"), cwd=tmp_path)
    assert code == 2
    lines = [line for line in stderr.splitlines() if "error" in line]
    assert [line.split(":1:1: error: ")[0] for line in lines] == odd, stderr
    assert "\x1b" not in stderr


@pytest.mark.parametrize("command", ["lint", "render", "report", "migrate"])
def test_a_folder_that_cannot_be_listed_is_one_line_naming_it(
    command: str, cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests run as root, whom a mode of 000 does not stop: the refusal is simulated.
    folder = _strategies(tmp_path)
    (folder / "locked").mkdir()
    (folder / "locked" / "x.yaml").write_text("hrdplan: [\n", encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path: str | os.PathLike[str]) -> object:
        if Path(path).name == "locked":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = cli(*_args(command, "strategies"))
    assert result.code == 2
    assert result.stderr.splitlines() == [
        "strategies/locked: error: cannot read folder: Permission denied"
    ]


def test_an_excluded_folder_is_not_entered(run: Run, tmp_path: Path) -> None:
    folder = _strategies(tmp_path)
    (folder / "archive").mkdir()
    (folder / "archive" / "old.yaml").symlink_to("old.yaml")
    (tmp_path / "hrdplan.toml").write_text('exclude = ["strategies/archive"]\n', encoding="utf-8")
    result = run("lint", "strategies")
    assert result.code == 0, result


# -- HRDPLAN_MAX_FILE_SIZE --------------------------------------------------------------------

HUGE = {"HRDPLAN_MAX_FILE_SIZE": "9" * 30}


@pytest.mark.process
@pytest.mark.parametrize(
    "args",
    [
        ("lint", str(GHANA)),
        ("render", str(GHANA), "--out", "out"),
        ("report", str(GHANA)),
        ("migrate", "--dry-run", str(GHANA)),
        ("new-strategy", "Kenya", "--priority", "1.1.c"),
        ("catalogue", "list"),
        ("schema",),
    ],
    ids=lambda args: args[0],
)
def test_a_30_digit_size_limit_means_no_limit(args: tuple[str, ...], tmp_path: Path) -> None:
    code, stdout, stderr = hrdplan(*args, cwd=tmp_path, env=HUGE)
    assert code == 0, stderr
    assert stdout or "already pinned" in stderr


@pytest.mark.process
def test_a_30_digit_size_limit_reads_stdin(tmp_path: Path) -> None:
    # One read of the whole limit would ask for that much memory before reading a byte.
    code, _, stderr = hrdplan(
        "lint", "-", cwd=tmp_path, env=HUGE, stdin=GHANA.read_text(encoding="utf-8")
    )
    assert code == 0, stderr


@pytest.mark.process
def test_a_size_limit_of_5000_digits_is_accepted(tmp_path: Path) -> None:
    env = {"HRDPLAN_MAX_FILE_SIZE": "1" + "0" * 5000}
    code, _, stderr = hrdplan("lint", str(GHANA), cwd=tmp_path, env=env)
    assert code == 0, stderr


def test_size_limit_clamps_and_still_refuses_nonsense(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from hrdplan.io.errors import HrdplanError
    from hrdplan.io.files import size_limit

    monkeypatch.setenv("HRDPLAN_MAX_FILE_SIZE", "9" * 30 + "MB")
    assert size_limit() == sys.maxsize
    monkeypatch.setenv("HRDPLAN_MAX_FILE_SIZE", "0020KB")
    assert size_limit() == 20 * 1024
    for bad in ("0", "000MB", "-5", "1e9", "12 GB"):
        monkeypatch.setenv("HRDPLAN_MAX_FILE_SIZE", bad)
        with pytest.raises(HrdplanError, match="HRDPLAN_MAX_FILE_SIZE must be a size"):
            size_limit()


@pytest.mark.process
def test_a_small_limit_still_stops_a_long_stdin(tmp_path: Path) -> None:
    code, stdout, _ = hrdplan(
        "lint", "-", cwd=tmp_path, env={"HRDPLAN_MAX_FILE_SIZE": "100"}, stdin="# x\n" * 1000
    )
    assert code == 1
    assert "over the limit of 100 bytes" in stdout


# -- output that goes nowhere -----------------------------------------------------------------

WRITING = {
    "init": ["init", "repo"],
    "render": ["render", str(GHANA), "--out", "out"],
    "report": ["report", str(GHANA)],
    "new-strategy": ["new-strategy", "Kenya", "--priority", "1.1.c"],
    "lint": ["lint", str(GHANA), "--format", "json"],
    "schema": ["schema"],
    "rule": ["rule"],
    "catalogue": ["catalogue", "list"],
}


@pytest.mark.process
@pytest.mark.parametrize("command", sorted(WRITING))
def test_a_closed_pipe_ends_quietly(command: str, tmp_path: Path) -> None:
    read, write = os.pipe()
    os.close(read)
    try:
        code, _, stderr = hrdplan(*WRITING[command], cwd=tmp_path, stdout=write)
    finally:
        os.close(write)
    assert code == 0
    assert "error" not in stderr


@pytest.mark.process
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize("command", sorted(WRITING))
def test_a_full_disk_behind_stdout_is_one_line(command: str, tmp_path: Path) -> None:
    full = os.open("/dev/full", os.O_WRONLY)
    try:
        code, _, stderr = hrdplan(*WRITING[command], cwd=tmp_path, stdout=full)
    finally:
        os.close(full)
    assert code == 2
    assert stderr.splitlines()[-1:] == [f"error: {os.strerror(errno.ENOSPC)}"]
    assert len([line for line in stderr.splitlines() if "error" in line]) == 1, stderr


# -- the boundary: the system's refusals against bugs ------------------------------------------


def test_an_os_error_with_a_file_name_is_the_users_to_fix(
    cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hrdplan.lint import explain

    def refused() -> str:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), "out/\x1b[2Jx.html")

    monkeypatch.setattr(explain, "table", refused)
    result = cli("rule")
    assert result.code == 2
    assert result.stderr.splitlines() == [f"out/\\x1b[2Jx.html: error: {os.strerror(errno.EROFS)}"]


@pytest.mark.parametrize("error", [KeyError("HRD999"), TypeError("no"), RuntimeError("bug")])
def test_a_bug_is_still_an_internal_error(
    error: Exception, cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hrdplan.lint import explain

    def broken() -> str:
        raise error

    monkeypatch.setattr(explain, "table", broken)
    result = cli("rule")
    assert result.code == 2
    assert f"internal error ({type(error).__name__})" in result.stderr


def test_pathlibs_loop_error_is_taken_for_the_os_error_behind_it(tmp_path: Path) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to("loop")
    try:
        loop.resolve()
    except (RuntimeError, OSError) as err:  # RuntimeError before Python 3.13
        refusal = os_error(err)
    else:  # a Python whose resolve no longer raises: the stat behind it does
        with pytest.raises(OSError) as info:
            loop.stat()
        refusal = os_error(info.value)
    assert refusal is not None
    assert refusal.errno == errno.ELOOP
    assert os_error_line(refusal).endswith(f": error: {os.strerror(errno.ELOOP)}")
    assert os_error(RuntimeError("Symlink loop from 'x'")) is None  # no OSError behind it


def test_display_path_names_a_loop_and_a_link_as_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "loop").symlink_to("loop")
    (tmp_path / "a.yaml").write_text("x: 1\n", encoding="utf-8")
    (tmp_path / "link.yaml").symlink_to("a.yaml")
    assert display_path(Path("loop")) == "loop"
    assert display_path(tmp_path / "loop") == "loop"
    assert display_path(Path("link.yaml")) == "link.yaml"
    assert display_path(LONG) == LONG
    assert os_error_line(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))) == (
        f"error: {os.strerror(errno.ENOSPC)}"
    )
