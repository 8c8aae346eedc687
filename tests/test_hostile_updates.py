"""Commands that update a file (`progress record`, `progress submit`, `migrate`) against each
other and against being killed: parallel updates of one file take turns and none is lost, a
command that cannot get its turn says so in one line, and a run killed while writing leaves
no temporary file that stays.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import FIXTURES, HRDPLAN, Run

from hrdplan.io import files
from hrdplan.io.errors import InputError
from hrdplan.io.yamlio import parse

FILE = Path("progress") / "ke-2027-2031" / "2028.yaml"
# The number and percent indicators of the fixture's strategy: any small whole number fits.
INDICATORS = ("P1.1", "P1.2", "P2.2", "P2.3")
ROUNDS = 12


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    target = tmp_path / "repo"
    shutil.copytree(FIXTURES / "progress", target)
    return target


def actuals(path: Path) -> dict[str, object]:
    data = parse(path.read_text(encoding="utf-8"), str(path)).data
    return {i["id"]: i.get("actual") for p in data["priorities"] for i in p["indicators"]}


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.process
def test_parallel_records_into_one_file_lose_no_update(repo: Path) -> None:
    # Four processes record four indicators of one file at once, round after round: each
    # waits its turn, and every update one reports is in the file afterwards.
    started = time.monotonic()
    for value in range(1, ROUNDS + 1):
        procs = [
            subprocess.Popen(
                [str(HRDPLAN), "progress", "record", str(FILE), ident, str(value)],
                cwd=repo,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for ident in INDICATORS
        ]
        outcomes = []
        for proc in procs:
            out, err = proc.communicate(timeout=60)
            outcomes.append((proc.returncode, out, err))
        for (code, out, err), ident in zip(outcomes, INDICATORS, strict=True):
            assert (code, err) == (0, ""), (value, ident, out, err)
            assert f"recorded {ident} = {value}" in out
        got = actuals(repo / FILE)
        assert {ident: got[ident] for ident in INDICATORS} == dict.fromkeys(INDICATORS, value)
    assert temporaries(repo / FILE.parent) == []
    assert time.monotonic() - started < 240


BUSY = "error: another hrdplan command is updating this file; run the command again when it is done"


@pytest.mark.parametrize(
    "args",
    [
        ["record", str(FILE), "P1.1", "99"],
        ["record", str(FILE), "P1", "--status", "achieved"],
        ["submit", str(FILE)],
    ],
    ids=["record", "record-priority", "submit"],
)
def test_an_update_waiting_too_long_is_one_line_and_the_file_untouched(
    cli: Run, repo: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.chdir(repo)
    monkeypatch.setattr(files, "LOCK_WAIT", 0.2)
    before = (repo / FILE).read_bytes()
    with files.updating(repo / FILE):  # another command holds the file
        result = cli("progress", *args)
    assert result.code == 2, result
    assert result.stderr == f"{FILE}: {BUSY}\n"
    assert (repo / FILE).read_bytes() == before


def test_migrate_waits_for_its_turn_file_by_file(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "LOCK_WAIT", 0.2)
    for name in ("a.yaml", "b.yaml"):
        shutil.copy(FIXTURES / "format1" / "gh-2021-2025.yaml", tmp_path / name)
    before = (tmp_path / "a.yaml").read_bytes()
    with files.updating(tmp_path / "a.yaml"):
        result = cli("migrate", "a.yaml", "b.yaml", "--format", "2")
    assert result.code == 2, result
    assert f"a.yaml: {BUSY}" in result.stderr.splitlines()
    assert (tmp_path / "a.yaml").read_bytes() == before
    assert "hrdplan: 2" in (tmp_path / "b.yaml").read_text(encoding="utf-8")  # the other one


def test_a_waiting_update_reads_what_the_one_before_it_wrote(tmp_path: Path) -> None:
    # The first replaces the file (a new one under the same name) while the second waits for
    # the lock of the old one: the second must then hold, and read, the new file.
    path = tmp_path / "f.yaml"
    path.write_text("first\n", encoding="utf-8")
    seen: list[str] = []

    def second() -> None:
        with files.updating(path):
            seen.append(path.read_text(encoding="utf-8"))

    with files.updating(path):
        waiting = threading.Thread(target=second)
        waiting.start()
        time.sleep(0.2)
        assert waiting.is_alive() and not seen
        files.atomic_write(path, "second\n", overwrite=True)
    waiting.join(timeout=10)
    assert seen == ["second\n"]


def test_a_missing_or_special_file_is_not_locked_but_read_as_it_is(tmp_path: Path) -> None:
    for path in (tmp_path / "missing.yaml", tmp_path):
        with files.updating(path) as held:
            assert held.path == path
        with pytest.raises(InputError):
            files.read_text(path)


# A `progress record` run in-process that stops after writing its temporary file and before
# the rename (the lock held), and says so; the test then kills it with SIGKILL.
_STALLS = """
import os, sys, time
real_fsync = os.fsync
def stall(fd):
    real_fsync(fd)
    print("writing", flush=True)
    time.sleep(60)
os.fsync = stall
sys.argv = ["hrdplan", *sys.argv[1:]]
from hrdplan.cli import main
main()
"""


@pytest.mark.process
def test_a_writer_killed_holding_the_lock_leaves_no_temporary_after_the_next_run(
    run: Run, repo: Path
) -> None:
    before = (repo / FILE).read_bytes()
    proc = subprocess.Popen(
        [sys.executable, "-c", _STALLS, "progress", "record", str(FILE), "P1.1", "41"],
        cwd=repo,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline() == "writing\n"
    assert len(temporaries(repo / FILE.parent)) == 1  # written, not yet renamed
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert (repo / FILE).read_bytes() == before  # the original whole
    assert len(temporaries(repo / FILE.parent)) == 1  # SIGKILL: nothing could clean up
    # The next update of the file gets the lock (released with the process) and removes it.
    result = run("progress", "record", FILE, "P1.1", "42", cwd=repo)
    assert result.code == 0, result
    assert actuals(repo / FILE)["P1.1"] == 42
    assert temporaries(repo / FILE.parent) == []


def test_a_temporary_being_written_is_never_taken_for_a_stale_one(tmp_path: Path) -> None:
    import fcntl

    target = tmp_path / "f.yaml"
    target.write_text("a\n", encoding="utf-8")
    stale = tmp_path / ".f.yaml.abcd1234.tmp"
    live = tmp_path / ".f.yaml.live_123.tmp"
    other = tmp_path / ".g.yaml.abcd1234.tmp"  # another file's
    mine = tmp_path / "notes.tmp"  # not a temporary of hrdplan's
    for path in (stale, live, other, mine):
        path.write_text("partial", encoding="utf-8")
    with live.open("rb") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)  # its writer is still at work
        files.atomic_write(target, "b\n", overwrite=True)
    assert target.read_text(encoding="utf-8") == "b\n"
    assert temporaries(tmp_path) == sorted([live.name, other.name, mine.name])
