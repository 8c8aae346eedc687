"""Where catalogues come from: the versions shipped in the package, and folders users add.

A folder holds `<catalogue-id>/<version>.yaml`. Each file is parsed only when asked for, once
per process.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from hrdplan.catalogue.model import Catalogue, version_key
from hrdplan.io.errors import (
    HrdplanError,
    InputError,
    NotFound,
    Problem,
    display_path,
    printable,
    quoted,
)
from hrdplan.io.files import bounded_read, shipped_dir
from hrdplan.io.links import leaves_folder

DEFAULT_ID = "eu-hrd-2020-2024"
# Cache entries are opened relative to their folder and without following links; where the
# system cannot do that, there is no cache.
_SAFE_OPEN = hasattr(os, "O_NOFOLLOW") and os.open in os.supports_dir_fd


@dataclass(frozen=True)
class Entry:
    id: str
    version: str
    path: Path

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.version}"


class Registry:
    """Every available catalogue version, newest last within each id."""

    def __init__(self, extra_dirs: Sequence[Path] = ()) -> None:
        self._entries: dict[tuple[str, str], Entry] = {}
        self._loaded: dict[tuple[str, str], Catalogue] = {}
        for folder in (shipped_dir("catalogue"), *extra_dirs):
            self._scan(folder)

    def _scan(self, folder: Path) -> None:
        try:
            is_folder = stat.S_ISDIR(folder.stat().st_mode)
            # Subfolders that are link loops or unreadable are passed over by glob.
            paths = sorted(folder.glob("*/*.yaml")) if is_folder else []
        except OSError as exc:
            # A link loop, a name too long: the folder named, not a traceback.
            reason = (
                "does not exist"
                if isinstance(exc, FileNotFoundError)
                else f"cannot be read: {exc.strerror or exc}"
            )
            raise InputError(Problem(display_path(folder), f"catalogue folder {reason}")) from None
        if not is_folder:
            raise InputError(Problem(display_path(folder), "catalogue folder is not a folder"))
        for path in paths:
            try:
                version_key(path.stem)
            except ValueError:
                continue  # not a catalogue version file (a README, a draft)
            if leaves_folder(path, folder):
                # A folder a pull request adds may link a version to the runner's
                # credentials: nothing of what it leads to is read, or quoted in a message.
                raise InputError(
                    Problem(
                        display_path(path),
                        "a symbolic link out of its catalogue folder; catalogue files are "
                        "read only inside their folder (copy the file here instead)",
                    )
                )
            # A later folder may ship its own version of an id; it takes precedence.
            self._entries[(path.parent.name, path.stem)] = Entry(path.parent.name, path.stem, path)

    def entries(self) -> list[Entry]:
        return sorted(self._entries.values(), key=lambda e: (e.id, version_key(e.version)))

    def ids(self) -> list[str]:
        return sorted({e.id for e in self._entries.values()})

    def versions(self, ident: str) -> list[str]:
        return [e.version for e in self.entries() if e.id == ident]

    def newest(self, ident: str = DEFAULT_ID) -> Entry:
        versions = self.versions(ident)
        if not versions:
            raise NotFound(self._unknown_id(ident))
        return self._entries[(ident, versions[-1])]

    def entry(self, ref: str) -> Entry:
        """The entry for `id@version`, or for a bare `id` its newest version."""
        ident, _, version = ref.strip().partition("@")
        if not version:
            return self.newest(ident)
        if (ident, version) not in self._entries:
            known = self.versions(ident)
            if not known:
                raise NotFound(self._unknown_id(ident))
            raise NotFound(
                f"catalogue {ident} has no version {quoted(version)} "
                f"(available: {', '.join(known)})"
            )
        return self._entries[(ident, version)]

    def load(self, ref: str = DEFAULT_ID) -> Catalogue:
        """The validated catalogue; NotFound if unknown, InputError if malformed."""
        entry = self.entry(ref)
        key = (entry.id, entry.version)
        if key not in self._loaded:
            self._loaded[key] = _load_file(entry)
        return self._loaded[key]

    def _unknown_id(self, ident: str) -> str:
        known = ", ".join(self.ids()) or "none"
        return f"no catalogue {quoted(ident)} (available: {known})"


# The cache holds what validating a catalogue file gave, as JSON, so that a lint run in a
# pre-commit hook need not parse the YAML again. An entry is named after a SHA-256 of everything
# the result depends on (the file's bytes, the id and version its place gives, hrdplan's
# version) and begins with that digest in full: an entry not made from the file as it is now is
# never used, whatever its name. The cache is only ever an optimisation: anything odd about it
# (missing, unreadable, damaged, a link, a FIFO, too large, a folder others may write to, a full
# disk) means the YAML is parsed as if there were no cache, and nothing is said about it
# (unless HRDPLAN_DEBUG is set).
_CACHE_MAGIC = b"hrdplan-catalogue-cache-2 "
# A JSON entry is about as large as its YAML; anything far larger is not one of ours.
_CACHE_GROWTH = 4
_CACHE_SLACK = 64 * 1024


def _cache_root() -> Path | None:
    """The cache folder (HRDPLAN_CACHE_DIR, else $XDG_CACHE_HOME/hrdplan, else
    ~/.cache/hrdplan); None when HRDPLAN_NO_CACHE is set or this system cannot open files
    without following links."""
    if os.environ.get("HRDPLAN_NO_CACHE") or not _SAFE_OPEN:
        return None
    root = os.environ.get("HRDPLAN_CACHE_DIR")
    if root:
        return Path(root)
    base = Path(os.environ.get("XDG_CACHE_HOME", ""))
    if not base.is_absolute():  # the XDG rule: a relative value is ignored
        try:
            base = Path("~/.cache").expanduser()
        except RuntimeError:  # no home folder to be found
            return None
    return base / "hrdplan"


def _cache_name(digest: str) -> str:
    return f"catalogue-{digest[:32]}.json"


def _cache_digest(entry: Entry, data: bytes) -> str:
    import hashlib

    from hrdplan import __version__

    # surrogateescape: a folder name need not be UTF-8.
    place = f"{__version__}\0{entry.id}\0{entry.version}\0".encode("utf-8", "surrogateescape")
    digest = hashlib.sha256(place)
    digest.update(data)
    return digest.hexdigest()


def _load_file(entry: Entry) -> Catalogue:
    from hrdplan.io.files import note_read

    note_read(entry.path)  # read, even when the cache gives what it holds: no output over it
    data = _read_regular(entry.path, _catalogue_limit())
    if data is None:
        # Not a plain file within the size limit: the parser reads it and says why.
        return _parse_file(entry)
    root = _cache_root()
    if root is None:
        return _parse_file(entry, data)
    digest = _cache_digest(entry, data)
    name = _cache_name(digest)
    header = _CACHE_MAGIC + digest.encode() + b"\n"
    cached = _cache_read(root, name, len(data) * _CACHE_GROWTH + _CACHE_SLACK)
    if cached is not None and cached.startswith(header):
        try:
            return Catalogue.model_validate_json(cached[len(header) :])
        except ValueError as exc:
            _cache_note(root, f"{name}: not a valid entry ({type(exc).__name__})")
    catalogue = _parse_file(entry, data)
    _cache_write(root, name, header + catalogue.model_dump_json().encode())
    return catalogue


def _catalogue_limit() -> int:
    from hrdplan.io.files import size_limit

    try:
        return size_limit()
    except HrdplanError:
        return -1  # a bad HRDPLAN_MAX_FILE_SIZE: the parser reports it


def _read_regular(path: Path, limit: int, *, dir_fd: int | None = None) -> bytes | None:
    """The bytes of path if it is a regular file of at most limit bytes; else None. A FIFO
    never blocks (it is opened without waiting for a writer, then refused) and a device is
    not read."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    if dir_fd is not None:
        flags |= os.O_NOFOLLOW
    try:
        fd = os.open(path, flags, dir_fd=dir_fd)
    except (OSError, ValueError):
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or not 0 <= info.st_size <= limit:
            return None
        if dir_fd is not None and info.st_uid != os.geteuid():
            return None  # a cache entry someone else made
        with os.fdopen(fd, "rb", closefd=False) as handle:
            # A file that grew past the limit since is refused too.
            return bounded_read(handle, limit)
    except OSError:
        return None
    finally:
        os.close(fd)


def _cache_read(root: Path, name: str, limit: int) -> bytes | None:
    folder = _open_cache_dir(root, create=False)
    if folder is None:
        return None
    try:
        return _read_regular(Path(name), limit, dir_fd=folder)
    finally:
        os.close(folder)


def _cache_write(root: Path, name: str, payload: bytes) -> None:
    """Write the entry through a new temporary file that no link can redirect (created with
    O_EXCL and O_NOFOLLOW) and a rename, which replaces whatever is at name (a link too)
    without following it."""
    folder = _open_cache_dir(root, create=True)
    if folder is None:
        return
    tmp = f".{name}.{os.getpid()}-{os.urandom(4).hex()}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(tmp, flags, 0o600, dir_fd=folder)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
            # No fsync: a torn entry fails its check and is parsed again.
            os.replace(tmp, name, src_dir_fd=folder, dst_dir_fd=folder)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(tmp, dir_fd=folder)
            raise
    except OSError as exc:
        _cache_note(root, f"cannot write {name}: {exc.strerror or exc}")
    finally:
        os.close(folder)


def _open_cache_dir(root: Path, *, create: bool) -> int | None:
    """A descriptor of the cache folder if it is a folder of this user's that no one else may
    write to (as pip and ssh demand of theirs); else None."""
    try:
        if create:
            root.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_NONBLOCK | os.O_CLOEXEC)
    except (OSError, ValueError) as exc:
        if create or not isinstance(exc, FileNotFoundError):
            _cache_note(root, f"cannot use the folder: {getattr(exc, 'strerror', None) or exc}")
        return None
    try:
        info = os.fstat(fd)
    except OSError:
        info = None
    if info is None or info.st_uid != os.geteuid() or info.st_mode & stat.S_IWOTH:
        os.close(fd)
        _cache_note(root, "not used: the folder is not yours alone")
        return None
    return fd


def _cache_note(root: Path, message: str) -> None:
    """A word on why the cache was passed over, for HRDPLAN_DEBUG only: the cache is never
    the user's problem."""
    import sys

    if os.environ.get("HRDPLAN_DEBUG"):
        print(printable(f"hrdplan: catalogue cache {root}: {message}"), file=sys.stderr)


def _parse_file(entry: Entry, data: bytes | None = None) -> Catalogue:
    """The validated catalogue of entry's file, whose bytes are data when already read."""
    # Imported here: the YAML and validation stack is not needed by commands that only list.
    from hrdplan.io import validate, yamlio
    from hrdplan.io.files import decode

    if data is None:
        doc = yamlio.load(entry.path)
    else:
        name = display_path(entry.path)
        doc = yamlio.parse(decode(data, name), name)
    catalogue = validate.validate(Catalogue, doc)
    for field, expected in (("id", entry.id), ("version", entry.version)):
        if getattr(catalogue, field) != expected:
            pos = doc.position((field,))
            raise InputError(
                Problem(
                    doc.file,
                    f"{field} is {quoted(getattr(catalogue, field))} but the file's place says "
                    f"{quoted(expected)} (<id>/<version>.yaml)",
                    pos.line,
                    pos.column,
                )
            )
    return catalogue
