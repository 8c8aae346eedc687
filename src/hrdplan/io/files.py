"""Reading user files within limits, and writing files atomically without losing anything."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
import tempfile
from pathlib import Path
from typing import BinaryIO, Literal

from hrdplan.io.errors import HrdplanError, InputError, Problem, display_path

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
            f"{MAX_SIZE_VARIABLE} must be a size such as 5000000, 800KB or 20MB, not {value!r}"
        )
    digits = match.group(1)
    if len(digits) > len(str(sys.maxsize)):  # nor is int() asked to read 5,000 digits
        return sys.maxsize
    return min(int(digits) * unit, sys.maxsize)


def read_text(path: Path, *, max_bytes: int | None = None) -> str:
    """The file's text (UTF-8, an optional BOM dropped), or an InputError that says why not."""
    name = display_path(path)
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
        raise InputError(
            Problem(
                name,
                f"file is {info.st_size:,} bytes, over the limit of {max_bytes:,} "
                f"(set {MAX_SIZE_VARIABLE} to raise it)",
            )
        )
    try:
        with path.open("rb") as handle:
            return read_stream(handle, name, max_bytes=max_bytes)
    except OSError as exc:
        raise InputError(Problem(name, f"cannot read: {exc.strerror or exc}")) from None


def read_stream(stream: BinaryIO, name: str, *, max_bytes: int | None = None) -> str:
    """The text of an open stream (a file, stdin) under the same contract as read_text: at most
    the size limit is read, so a stream that never ends costs no more than the limit."""
    if max_bytes is None:
        max_bytes = size_limit()
    # In pieces: read(n) sets aside n bytes before reading any, so one read of a generous
    # limit would cost that limit's memory, or fail to fit at all, even for a small file.
    chunks: list[bytes] = []
    size = 0
    try:
        while size <= max_bytes:
            chunk = stream.read(min(max_bytes + 1 - size, _CHUNK))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise InputError(Problem(name, f"cannot read: {exc.strerror or exc}")) from None
    data = b"".join(chunks)
    if len(data) > max_bytes:
        raise InputError(
            Problem(
                name,
                f"input is over the limit of {max_bytes:,} bytes (set {MAX_SIZE_VARIABLE} "
                "to raise it)",
            )
        )
    return decode(data, name)


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


def refuse_existing(path: Path) -> None:
    """InputError when something (a file, a link, even a dangling one) stands at path."""
    if path.exists() or path.is_symlink():
        raise InputError(Problem(display_path(path), "already exists; use --force to overwrite it"))


def atomic_write(path: Path, text: str, *, overwrite: bool = False) -> None:
    """Write text to path through a temporary file and a rename, so that a reader or a crash
    never sees a half-written file. Without overwrite, an existing file is left untouched.
    A file that is replaced keeps its permissions, and a symbolic link stays a link."""
    name = display_path(path)
    if not overwrite:
        refuse_existing(path)
    if overwrite and path.is_symlink():
        path = path.resolve()  # replace what the link points to, not the link
    parent = path.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else _new_file_mode()
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
    except OSError as exc:
        raise InputError(Problem(name, f"cannot write: {exc.strerror or exc}")) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).chmod(mode)  # mkstemp makes 0600; keep the file's own or the umask's mode
        if overwrite:
            Path(tmp).replace(path)
        else:
            # link() fails if the name appeared meanwhile: no race can make us clobber a file.
            try:
                os.link(tmp, path)
            except FileExistsError:
                refuse_existing(path)
    except OSError as exc:
        raise InputError(Problem(name, f"cannot write: {exc.strerror or exc}")) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            Path(tmp).unlink()


def _new_file_mode() -> int:
    """What open() would give a new file under the current umask (usually 0644)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
