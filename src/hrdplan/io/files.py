"""Reading user files within limits, and writing files atomically without losing anything."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
import tempfile
import time
from pathlib import Path
from typing import IO, TYPE_CHECKING, BinaryIO, Literal

from hrdplan.io.errors import HrdplanError, InputError, Problem, display_path, quoted

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

# A strategy is a few tens of KB; a catalogue a few hundred. Anything far larger is a mistake
# or an attack, and reading it would only delay the error.
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
MAX_SIZE_VARIABLE = "HRDPLAN_MAX_FILE_SIZE"
_CHUNK = 1024 * 1024
_UNITS = {"": 1, "k": 1024, "kb": 1024, "m": 1024**2, "mb": 1024**2}


def shipped_dir(name: Literal["catalogue", "templates"]) -> Path:
    """The catalogues or templates inside the installed package (a source checkout's
    top-level folder when the package runs from the source tree without being built)."""
    # The package's own folder, as importlib.resources.files("hrdplan") would give for an
    # installed package, without importing importlib.resources (and zipfile): every command
    # asks for the catalogues, the pre-commit lint included.
    packaged = Path(__file__).parent.parent / "data" / name
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / name


def size_limit() -> int:
    """The largest file any command reads: HRDPLAN_MAX_FILE_SIZE (bytes, or with a KB or MB
    suffix) when set, else 5 MB. A value beyond the largest size this platform can address
    (a 30-digit number) means no limit short of that size: it is clamped, not refused."""
    value = os.environ.get(MAX_SIZE_VARIABLE, "").strip()
    if not value:
        return DEFAULT_MAX_BYTES
    match = re.fullmatch(r"0*([0-9]+)\s*([a-zA-Z]*)", value)
    unit = _UNITS.get(match.group(2).lower()) if match else None
    if match is None or unit is None or match.group(1) == "0":
        raise HrdplanError(
            f"{MAX_SIZE_VARIABLE} must be a size such as 5000000, 800KB or 20MB, "
            f"not {quoted(value)}"
        )
    digits = match.group(1)
    if len(digits) > len(str(sys.maxsize)):  # nor is int() asked to read 5,000 digits
        return sys.maxsize
    return min(int(digits) * unit, sys.maxsize)


# Every file this process has read (read_text, the reference document): no output replaces
# one, under whatever name, --force or not: the configuration, a progress file's strategy, a
# template. Kept as paths and looked up again when an output is written, so that a file
# removed since (its inode free for another file) is no longer an input.
_read: set[Path] = set()


def forget_reads() -> None:
    """Start a command with no file read yet (a process may run several, as the tests do)."""
    _read.clear()


def note_read(path: Path) -> None:
    """Count path among the files being read, which write_output never replaces."""
    _read.add(path.absolute())


def read_text(path: Path, *, max_bytes: int | None = None) -> str:
    """The file's text (UTF-8, an optional BOM dropped), or an InputError that says why not."""
    name = display_path(path)
    note_read(path)
    if max_bytes is None:
        max_bytes = size_limit()
    try:
        # Look before opening: opening a FIFO would block until a writer comes.
        info = path.stat()
    except FileNotFoundError:
        raise InputError(Problem(name, "no such file")) from None
    except OSError as exc:
        raise InputError(Problem(name, f"cannot read: {exc.strerror or exc}")) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(Problem(name, "is a directory, not a file"))
    if not stat.S_ISREG(info.st_mode):
        raise InputError(Problem(name, "is not a regular file"))
    if info.st_size > max_bytes:
        raise InputError(too_large(name, info.st_size, max_bytes))
    try:
        with path.open("rb") as handle:
            return read_stream(handle, name, max_bytes=max_bytes)
    except OSError as exc:
        raise InputError(Problem(name, f"cannot read: {exc.strerror or exc}")) from None


def too_large(name: str, size: int | None, max_bytes: int) -> Problem:
    """Why an input is not read: the one wording, whatever holds the bytes (a file, a template,
    a version in Git, a stream), said before any of them is read when its size is known (None
    for a stream, found too large only by reading past the limit)."""
    if size is None:
        said = f"input is over the limit of {max_bytes:,} bytes"
    else:
        said = f"file is {size:,} bytes, over the limit of {max_bytes:,}"
    return Problem(name, f"{said} (set {MAX_SIZE_VARIABLE} to raise it)")


def read_stream(stream: BinaryIO, name: str, *, max_bytes: int | None = None) -> str:
    """The text of an open stream (a file, stdin) under the same contract as read_text: at most
    the size limit is read, so a stream that never ends costs no more than the limit."""
    if max_bytes is None:
        max_bytes = size_limit()
    try:
        data = bounded_read(stream, max_bytes)
    except OSError as exc:
        raise InputError(Problem(name, f"cannot read: {exc.strerror or exc}")) from None
    if data is None:
        raise InputError(too_large(name, None, max_bytes))
    return decode(data, name)


def bounded_read(stream: IO[bytes], limit: int) -> bytes | None:
    """At most `limit` bytes of a stream (a file, stdin, a zip part being inflated), None when
    it holds more. In pieces: read(n) sets aside n bytes before reading any, so one read of a
    generous limit, or of a size a zip header understates, would cost that limit's memory even
    for a small input."""
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        chunk = stream.read(min(limit + 1 - size, _CHUNK))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return None if size > limit else b"".join(chunks)


def decode(data: bytes, name: str) -> str:
    """Decode UTF-8 (with or without BOM); name the line and column of the first bad byte."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(Problem(name, "file is UTF-16; save it as UTF-8", 1, 1))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise InputError(
            Problem(name, f"not valid UTF-8 (byte 0x{data[exc.start]:02x})", line, column)
        ) from None
    if "\x00" in text:
        prefix = text[: text.index("\x00")]
        line = prefix.count("\n") + 1
        column = len(prefix) - (prefix.rfind("\n") + 1) + 1
        raise InputError(Problem(name, "contains a NUL byte: not a text file", line, column))
    return text


# Why a new file is not written, for a command that has --force.
EXISTS = "already exists; use --force to overwrite it"


def refuse_existing(path: Path, why: str = EXISTS) -> None:
    """InputError (`why`) when something (a file, a link, even a dangling one) stands at path."""
    if path.exists() or path.is_symlink():
        raise InputError(Problem(display_path(path), why))


def refuse_link(path: Path) -> None:
    """InputError when path is a symbolic link: an output is never written through one (it
    may point anywhere, outside the repository too), nor put in its place, --force or not."""
    if path.is_symlink():
        raise InputError(
            Problem(
                display_path(path),
                "is a symbolic link; hrdplan never writes through one, even with --force "
                "(remove the link to write here)",
            )
        )


# Why a file is not rewritten: someone edited it after hrdplan read it.
CHANGED = "changed since it was read; left as it is (run the command again)"

# A file's identity whatever its name: (device, inode). Hard links and symbolic links to a file
# share it, as do "gh.yaml" and "./x/../gh.yaml".
FileIds = frozenset[tuple[int, int]]


def file_ids(paths: Iterable[Path]) -> FileIds:
    """The identities of the files at paths (following links); those that cannot be read are
    left out, as nothing is read from them."""
    ids = set()
    for path in paths:
        with contextlib.suppress(OSError):
            info = path.stat()
            ids.add((info.st_dev, info.st_ino))
    return frozenset(ids)


def write_output(
    path: Path,
    content: str | bytes,
    *,
    force: bool = False,
    ours: Callable[[bytes], bool],
    inputs: FileIds = frozenset(),
    within: Path | None = None,
) -> None:
    """Write what hrdplan produces (a report, the schema, a document) where the user said.

    A symbolic link there is refused, --force or not: neither followed nor replaced. So is any
    of the files being read (inputs, and every file this process read), under whatever name. An
    existing file is replaced only if `ours(its bytes)` recognises it as something hrdplan
    wrote (`as_text` for a text check), or with --force. The folders on the way are as
    `atomic_write` takes them (`within`)."""
    name = display_path(path)
    try:
        info: os.stat_result | None = path.lstat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise InputError(Problem(name, f"cannot write: {exc.strerror or exc}")) from None
    if info is not None:
        refuse_link(path)
        # A folder, FIFO or device is no output's to replace, --force or not (a rename over
        # /dev/null would make it a file).
        if stat.S_ISDIR(info.st_mode):
            raise InputError(Problem(name, "is a directory, not a regular file"))
        if not stat.S_ISREG(info.st_mode):
            raise InputError(Problem(name, "is not a regular file"))
        if (info.st_dev, info.st_ino) in inputs | file_ids(_read):
            raise InputError(
                Problem(name, "is one of the files being read; write the output elsewhere")
            )
        if not force and not (stat.S_ISREG(info.st_mode) and _written_by_hrdplan(path, ours)):
            raise InputError(
                Problem(
                    name,
                    "already exists and was not generated by hrdplan; use --force to overwrite it",
                )
            )
    atomic_write(path, content, overwrite=info is not None, follow_link=False, within=within)


def _written_by_hrdplan(path: Path, ours: Callable[[bytes], bool]) -> bool:
    data = current_bytes(path, size_limit())
    # Gone, not a regular file, or too large: not a file hrdplan wrote.
    return data is not None and len(data) <= size_limit() and ours(data)


def as_text(check: Callable[[str], bool]) -> Callable[[bytes], bool]:
    """A check of a text file's content as write_output's `ours`: bytes that are not UTF-8
    are not a text hrdplan wrote."""

    def ours(data: bytes) -> bool:
        try:
            return check(decode(data, ""))
        except InputError:
            return False

    return ours


def atomic_write(
    path: Path,
    content: str | bytes,
    *,
    overwrite: bool = False,
    follow_link: bool = True,
    expect: bytes | None = None,
    within: Path | None = None,
    exists: str = EXISTS,
) -> None:
    """Write content (text as UTF-8, or bytes) to path through a temporary file and a rename,
    so that a reader or a crash never sees a half-written file. Without overwrite, an existing
    file is left untouched (InputError `exists`).
    A file that is replaced keeps its permissions. A symbolic link stays a link, its target
    edited in place (what `migrate` does to a file the user named), unless follow_link is
    False: then a link is refused (write_output, for what hrdplan produces). With expect, the
    file must still hold exactly those bytes just before it is replaced: an edit made since
    they were read is never lost; the file is left as it is and the write refused.

    `within` is the folder the user named (or the current folder) that path is in or below
    (default: path's own folder). It is used as named, a link to a folder included, and made
    if missing; every folder below it on the way to path is one hrdplan chose (`progress/<stem>/`,
    `strategies/`) and must be a real folder, made if missing, never a symbolic link: a link
    there may point anywhere, outside the repository too."""
    name = display_path(path)
    _make_folders(path, within if within is not None else path.parent, name)
    if not overwrite:
        refuse_existing(path, exists)
    elif path.is_symlink():
        if not follow_link:
            refuse_link(path)
        path = path.resolve()  # replace what the link points to, not the link
        _make_folders(path, path.parent, name)
    try:
        info = path.lstat() if overwrite else None
    except FileNotFoundError:  # gone meanwhile: written as a new file
        info = None
    except OSError as exc:
        raise InputError(Problem(name, f"cannot write: {exc.strerror or exc}")) from None
    # The mode of the regular file replaced (lstat: never that of what a link points to),
    # else the one a new file gets.
    regular = info is not None and stat.S_ISREG(info.st_mode)
    mode = stat.S_IMODE(info.st_mode) if info is not None and regular else _new_file_mode()
    try:
        _remove_stale_temporaries(path)
        fd, tmp = _temporary(path)
    except OSError as exc:
        raise InputError(Problem(name, f"cannot write: {exc.strerror or exc}")) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content.encode("utf-8") if isinstance(content, str) else content)
            handle.flush()
            os.fsync(handle.fileno())
            Path(tmp).chmod(mode)  # mkstemp makes 0600; keep the file's own or the umask's mode
            if expect is not None and current_bytes(path, len(expect)) != expect:
                raise InputError(Problem(name, CHANGED))
            if overwrite:
                # rename() replaces the name itself: a link put there meanwhile is not followed.
                Path(tmp).replace(path)
            else:
                # link() fails if the name appeared meanwhile: no race can make us clobber a file.
                try:
                    os.link(tmp, path)
                except FileExistsError:
                    refuse_existing(path, exists)
            # Closed (its lock released) only once renamed: see _remove_stale_temporaries.
    except OSError as exc:
        raise InputError(Problem(name, f"cannot write: {exc.strerror or exc}")) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            Path(tmp).unlink()


def _make_folders(path: Path, within: Path, name: str) -> None:
    """Make path's folder: `within` as named (a link to a folder included), then each folder
    below it, which must be a real folder. InputError naming the first that is not."""
    folder = path.parent
    try:
        below = folder.relative_to(within).parts
    except ValueError:
        raise ValueError(f"{path} is not within {within}") from None  # the caller's mistake
    try:
        within.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:  # a file, or a dangling link, where a folder should be
        where = display_path(Path(exc.filename)) if exc.filename else display_path(within)
        raise InputError(Problem(name, f"cannot write: {where} is not a folder")) from None
    except OSError as exc:
        raise InputError(Problem(name, f"cannot write: {exc.strerror or exc}")) from None
    step = within
    for part in below:
        step = step / part
        try:
            with contextlib.suppress(FileExistsError):
                step.mkdir()
            info = step.lstat()
        except OSError as exc:
            raise InputError(Problem(name, f"cannot write: {exc.strerror or exc}")) from None
        if stat.S_ISLNK(info.st_mode):
            raise InputError(
                Problem(
                    name,
                    f"cannot write: {display_path(step)} is a symbolic link; hrdplan writes "
                    "only into a real folder there (make it one)",
                )
            )
        if not stat.S_ISDIR(info.st_mode):
            raise InputError(Problem(name, f"cannot write: {display_path(step)} is not a folder"))


# The temporary files atomic_write makes beside a file: `.<name>.<8 random characters>.tmp`
# (tempfile.mkstemp's names).
def _temporary_pattern(path: Path) -> re.Pattern[str]:
    return re.compile(re.escape(f".{path.name}.") + r"[A-Za-z0-9_]{8}\.tmp")


def _temporary(path: Path) -> tuple[int, str]:
    """A new temporary file beside path, open and locked (flock) by this process for as long
    as it exists: the lock tells a temporary being written from one a killed run left."""
    import fcntl

    while True:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            # Another run may have taken it for a stale one in the instant before the lock,
            # and removed it: then start again with a new one.
            now = Path(tmp).stat()
            mine = os.fstat(fd)
            if (now.st_dev, now.st_ino) == (mine.st_dev, mine.st_ino):
                return fd, tmp
        except FileNotFoundError:
            pass
        except BaseException:
            os.close(fd)
            with contextlib.suppress(OSError):
                Path(tmp).unlink()
            raise
        os.close(fd)


def _remove_stale_temporaries(path: Path) -> None:
    """Remove the temporaries of path that a run killed while writing left (SIGKILL, a power
    cut: no clean-up of its own could run). Its writer holds a temporary's lock until it is
    renamed or removed, and the system releases it when the process ends, however it ends:
    a temporary whose lock can be taken is no one's."""
    import fcntl

    pattern = _temporary_pattern(path)
    try:
        with os.scandir(path.parent) as listing:
            names = [e.name for e in listing if pattern.fullmatch(e.name)]
    except OSError:
        return
    for entry in names:
        stale = path.parent / entry
        try:
            fd = os.open(stale, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            held, there = os.fstat(fd), stale.lstat()
            if stat.S_ISREG(held.st_mode) and (held.st_dev, held.st_ino) == (
                there.st_dev,
                there.st_ino,
            ):
                stale.unlink()
        except OSError:  # being written (the lock is taken), or gone meanwhile
            pass
        finally:
            os.close(fd)


def current_bytes(path: Path, limit: int) -> bytes | None:
    """What the regular file at path holds now, read up to limit + 1 bytes (enough to tell
    that it differs from limit bytes); None if it is gone or not a regular file."""
    try:
        # O_NONBLOCK: a FIFO put there meanwhile must not make us wait for a writer.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return None
        return handle.read(limit + 1)


# How long a command that updates a file waits for another one updating it to finish. An update
# takes well under a second; ten is long enough for a queue of them, short enough to tell.
LOCK_WAIT = 10.0
_LOCK_POLL = 0.02


class Held:
    """A file held for a read-modify-write (`updating`): only `write_back` rewrites it."""

    def __init__(self, path: Path) -> None:
        self.path = path


@contextlib.contextmanager
def updating(path: Path, *, wait: float | None = None) -> Iterator[Held]:
    """Hold the file at path from before it is read until its new text has replaced it, so
    that hrdplan commands updating the same file (`progress record`, `migrate`) take turns and
    none loses another's update. A second one waits (up to LOCK_WAIT seconds, then one line:
    exit 2).

    The lock is flock() on the file itself, not a lock file: nothing is left behind, and the
    system releases it when the process ends, however it ends. The new text replaces the file
    by a rename, a new file under the same name, so a command that was waiting for the old
    one finds, once it has the lock, that the name no longer names the file it locked: it
    then locks the new one, and reads what the one before it wrote. Editors do not take such
    locks: an edit made meanwhile is caught by write_back's check instead. A file that is not
    there, or not a regular file, is not locked: reading it says what it is."""
    import fcntl

    name = display_path(path)
    deadline = time.monotonic() + (LOCK_WAIT if wait is None else wait)
    while True:
        try:
            # O_NONBLOCK: a FIFO there must not make us wait for a writer.
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        except OSError:
            yield Held(path)
            return
        try:
            held = os.fstat(fd)
            if not stat.S_ISREG(held.st_mode):
                yield Held(path)
                return
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise InputError(
                            Problem(
                                name,
                                "another hrdplan command is updating this file; "
                                "run the command again when it is done",
                            )
                        ) from None
                    time.sleep(_LOCK_POLL)
            try:
                now = path.stat()
            except OSError:
                now = None
            if now is not None and (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino):
                yield Held(path)
                return
        finally:
            with contextlib.suppress(OSError):
                os.close(fd)
        # Replaced (or removed) while we waited: the name holds another file now.


def _new_file_mode() -> int:
    """What open() would give a new file under the current umask (usually 0644)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
