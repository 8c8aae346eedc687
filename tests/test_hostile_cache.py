"""A hostile catalogue cache: whatever stands in the cache folder (a FIFO, links to devices,
files or folders, damaged or poisoned entries), and whatever the folder itself is, commands give
the result the catalogue files give, with the same exit code and nothing on stderr. The cache is
never followed through a link, never blocks, never read beyond a bound, and never shows content
the catalogue file does not hold."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import EXAMPLES, HRDPLAN, MINIMAL_CATALOGUE, Run
from hostile import limited

TITLE = "EU Action Plan on Human Rights and Democracy 2020-2024"
# What a poisoned entry tries to show: a terminal title, a colour, a right-to-left override.
POISON = "\x1b]0;owned\x07\x1b[31mBogus Plan\u202e"


def hrdplan(cache: Path, *args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The installed command with this cache folder, under a memory and a time limit."""
    proc = subprocess.run(
        [str(HRDPLAN), *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "120", "HRDPLAN_CACHE_DIR": str(cache)},
        timeout=60,
        preexec_fn=limited,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def assert_right_results(cache: Path, cwd: Path) -> None:
    """lint and catalogue list answer as with no cache at all."""
    lint = hrdplan(cache, "lint", "--ignore", "HRD008", "strategy.yaml", cwd=cwd)
    assert (lint.returncode, lint.stderr) == (0, ""), lint
    assert "no findings" in lint.stdout
    shown = hrdplan(cache, "catalogue", "list", "--section", "1.1", cwd=cwd)
    assert (shown.returncode, shown.stderr) == (0, ""), shown
    assert shown.stdout.startswith(TITLE), shown.stdout[:200]
    assert "Bogus" not in shown.stdout and "\x1b" not in shown.stdout


@pytest.fixture
def work(tmp_path: Path) -> Path:
    shutil.copy(EXAMPLES / "co-2022-2026.yaml", tmp_path / "strategy.yaml")
    return tmp_path


def warm_entries(cache: Path, cwd: Path) -> list[Path]:
    """The cache entries a lint run leaves behind."""
    assert_right_results(cache, cwd)
    entries = sorted(cache.glob("catalogue-*.json"))
    assert entries
    return entries


def _fifo(entry: Path, outside: Path) -> None:
    os.mkfifo(entry)


def _dev_zero(entry: Path, outside: Path) -> None:
    entry.symlink_to("/dev/zero")


def _link_to_folder(entry: Path, outside: Path) -> None:
    entry.symlink_to(outside.parent)


def _dangling_link(entry: Path, outside: Path) -> None:
    entry.symlink_to(outside.parent / "nowhere" / "entry.json")


def _folder(entry: Path, outside: Path) -> None:
    entry.mkdir()


def _huge(entry: Path, outside: Path) -> None:
    with entry.open("wb") as handle:  # sparse: 2 GB that take no room
        handle.truncate(2 * 1024**3)


@pytest.mark.process
@pytest.mark.parametrize(
    "make",
    [_fifo, _dev_zero, _link_to_folder, _dangling_link, _folder, _huge],
    ids=lambda f: f.__name__[1:],
)
def test_an_odd_thing_in_place_of_an_entry_is_passed_over(
    make: Callable[[Path, Path], None], work: Path
) -> None:
    cache = work / "cache"
    outside = work / "outside" / "keep.txt"
    outside.parent.mkdir()
    outside.write_bytes(b"not a catalogue\n")
    for entry in warm_entries(cache, work):
        entry.unlink()
        make(entry, outside)
    assert_right_results(cache, work)
    assert outside.read_bytes() == b"not a catalogue\n"


@pytest.mark.process
def test_a_link_to_a_file_outside_is_replaced_not_written_through(work: Path) -> None:
    cache = work / "cache"
    outside = work / "precious.txt"
    outside.write_bytes(b"precious\n")
    entries = warm_entries(cache, work)
    for entry in entries:
        entry.unlink()
        entry.symlink_to(outside)
    assert_right_results(cache, work)
    assert outside.read_bytes() == b"precious\n"
    # The link was replaced by a fresh entry, which the next run reads.
    assert all(not e.is_symlink() and e.is_file() for e in entries)


@pytest.mark.process
def test_a_truncated_entry_is_parsed_again(work: Path) -> None:
    cache = work / "cache"
    for entry in warm_entries(cache, work):
        data = entry.read_bytes()
        entry.write_bytes(data[: len(data) // 2])
    assert_right_results(cache, work)


def _poisoned(data: bytes) -> bytes:
    return data.replace(TITLE.encode(), POISON.encode("unicode_escape").replace(b"\\x", b"\\u00"))


@pytest.mark.process
def test_an_entry_made_for_other_bytes_is_not_used(work: Path) -> None:
    # An entry whose JSON is valid but whose digest does not match the catalogue file.
    cache = work / "cache"
    for entry in warm_entries(cache, work):
        header, _, body = entry.read_bytes().partition(b"\n")
        forged = header[:-8] + b"00000000"
        assert forged != header
        entry.write_bytes(forged + b"\n" + _poisoned(body))
    assert_right_results(cache, work)


@pytest.mark.process
def test_an_entry_without_a_digest_is_not_used(work: Path) -> None:
    # The JSON alone, as an older hrdplan or someone else would write it.
    cache = work / "cache"
    for entry in warm_entries(cache, work):
        entry.write_bytes(_poisoned(entry.read_bytes().partition(b"\n")[2]))
    assert_right_results(cache, work)


@pytest.mark.process
def test_an_edit_that_keeps_size_and_time_is_seen(work: Path) -> None:
    # The old cache key (place, size, mtime) missed this: tar, rsync -t or `touch -r` after an
    # edit of the same length gave the catalogue as it was before the edit.
    cache = work / "cache"
    catalogue = work / "catalogues" / "test-plan" / "1.0.0.yaml"
    catalogue.parent.mkdir(parents=True)
    shutil.copy(MINIMAL_CATALOGUE, catalogue)
    args = ("catalogue", "list", "--catalogue", "test-plan@1.0.0", "--catalogue-dir", "catalogues")
    before = hrdplan(cache, *args, cwd=work)
    assert before.returncode == 0 and before.stdout.startswith("Test Action Plan"), before
    info = catalogue.stat()
    text = catalogue.read_text(encoding="utf-8")
    catalogue.write_text(text.replace("Test Action Plan", "Best Action Plan"), encoding="utf-8")
    os.utime(catalogue, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert catalogue.stat().st_size == info.st_size
    after = hrdplan(cache, *args, cwd=work)
    assert (after.returncode, after.stderr) == (0, ""), after
    assert after.stdout.startswith("Best Action Plan"), after.stdout[:200]


def _file(work: Path) -> Path:
    (work / "cache").write_text("not a folder\n", encoding="utf-8")
    return work / "cache"


def _link_loop(work: Path) -> Path:
    (work / "cache").symlink_to("cache")
    return work / "cache"


def _fifo_folder(work: Path) -> Path:
    os.mkfifo(work / "cache")
    return work / "cache"


def _inside_a_file(work: Path) -> Path:
    # The cache folder's parent is a file: the folder can be neither read nor made.
    (work / "x").write_text("", encoding="utf-8")
    return work / "x" / "cache"


def _name_over_255_bytes(work: Path) -> Path:
    return work / ("c" * 300)


@pytest.mark.process
@pytest.mark.parametrize(
    "make",
    [_file, _link_loop, _fifo_folder, _inside_a_file, _name_over_255_bytes],
    ids=lambda f: f.__name__[1:],
)
def test_a_cache_folder_that_cannot_be_used_is_passed_over(
    make: Callable[[Path], Path], work: Path
) -> None:
    assert_right_results(make(work), work)


@pytest.mark.process
def test_a_cache_folder_others_may_write_to_is_not_used(work: Path) -> None:
    cache = work / "shared"
    cache.mkdir()
    cache.chmod(0o777)
    assert_right_results(cache, work)
    assert list(cache.iterdir()) == []


@pytest.mark.process
def test_a_cache_folder_that_is_a_link_to_the_users_folder_is_used(work: Path) -> None:
    # ~/.cache on another disk: a link to a folder of the user's own is fine.
    real = work / "real-cache"
    real.mkdir(mode=0o700)
    (work / "cache").symlink_to(real)
    assert_right_results(work / "cache", work)
    assert list(real.glob("catalogue-*.json"))


@pytest.mark.process
def test_entries_are_made_for_the_user_alone(work: Path) -> None:
    cache = work / "fresh" / "cache"
    for entry in warm_entries(cache, work):
        assert entry.stat().st_mode & 0o077 == 0
    assert cache.stat().st_mode & 0o077 == 0


@pytest.mark.process
def test_debug_says_why_the_cache_was_passed_over(work: Path) -> None:
    cache = _file(work)
    proc = subprocess.run(
        [str(HRDPLAN), "lint", "strategy.yaml"],
        cwd=work,
        capture_output=True,
        text=True,
        env={**os.environ, "HRDPLAN_CACHE_DIR": str(cache), "HRDPLAN_DEBUG": "1"},
        timeout=60,
    )
    assert proc.returncode == 0
    assert "catalogue cache" in proc.stderr


@pytest.mark.parametrize(
    ("name", "make", "words"),
    [
        ("loop", lambda p: p.symlink_to("loop"), "symbolic links"),
        ("d" * 300, lambda p: None, "too long"),
        ("file", lambda p: p.write_text("", encoding="utf-8"), "not a folder"),
        ("missing", lambda p: None, "does not exist"),
    ],
    ids=["link-loop", "name-over-255-bytes", "a-file", "missing"],
)
def test_a_catalogue_folder_that_cannot_be_read_is_named(
    name: str, make: Callable[[Path], object], words: str, run: Run, work: Path
) -> None:
    make(work / name)
    for args in (("lint", "strategy.yaml"), ("catalogue", "versions")):
        result = run(*args, "--catalogue-dir", name, cwd=work)
        assert result.code == 2, result
        [line] = result.stderr.splitlines()
        assert line.startswith(f"{name}: error: catalogue folder"), line
        assert words in line.lower(), line


def test_link_loops_inside_a_catalogue_folder_are_passed_over_or_named(
    run: Run, work: Path
) -> None:
    folder = work / "catalogues"
    (folder / "test-plan").mkdir(parents=True)
    shutil.copy(MINIMAL_CATALOGUE, folder / "test-plan" / "1.0.0.yaml")
    (folder / "looping").symlink_to("looping")  # a subfolder that is a loop: passed over
    (folder / "test-plan" / "2.0.0.yaml").symlink_to("2.0.0.yaml")  # a version file that is one
    listed = run(
        "catalogue",
        "list",
        "--catalogue",
        "test-plan@1.0.0",
        "--catalogue-dir",
        "catalogues",
        cwd=work,
    )
    assert listed.code == 0 and listed.stdout.startswith("Test Action Plan"), listed
    broken = run(
        "catalogue",
        "list",
        "--catalogue",
        "test-plan@2.0.0",
        "--catalogue-dir",
        "catalogues",
        cwd=work,
    )
    assert broken.code == 2, broken
    [line] = broken.stderr.splitlines()
    assert (
        line.startswith("catalogues/test-plan/2.0.0.yaml: error:") and "symbolic links" in line
    ), line


def test_a_link_loop_in_the_configs_catalogue_dirs_is_named(run: Run, work: Path) -> None:
    (work / "loop").symlink_to("loop")
    (work / "hrdplan.toml").write_text('catalogue-dirs = ["loop"]\n', encoding="utf-8")
    result = run("lint", "strategy.yaml", cwd=work)
    assert result.code == 2, result
    assert result.stderr.splitlines() == [
        "loop: error: catalogue folder cannot be read: Too many levels of symbolic links"
    ]
