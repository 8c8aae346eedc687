"""Where catalogues come from: the versions shipped in the package, and folders users add.

A folder holds `<catalogue-id>/<version>.yaml`. Each file is parsed only when asked for, once
per process.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from hrdplan.catalogue.model import Catalogue, version_key
from hrdplan.io.errors import InputError, NotFound, Problem, display_path
from hrdplan.io.files import shipped_dir

DEFAULT_ID = "eu-hrd-2020-2024"


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
        if not folder.is_dir():
            raise InputError(Problem(display_path(folder), "catalogue folder does not exist"))
        for path in sorted(folder.glob("*/*.yaml")):
            try:
                version_key(path.stem)
            except ValueError:
                continue  # not a catalogue version file (a README, a draft)
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
                f"catalogue {ident} has no version {version} (available: {', '.join(known)})"
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
        return f"no catalogue {ident!r} (available: {known})"


def _cache_file(path: Path) -> Path | None:
    """Where the validated catalogue from path is cached as JSON: keyed, like a .pyc, by the
    file's place, size and modification time and by hrdplan's version. None: no caching."""
    import os

    if os.environ.get("HRDPLAN_NO_CACHE"):
        return None
    from hrdplan import __version__

    base = os.environ.get("XDG_CACHE_HOME") or Path("~/.cache").expanduser()
    root = os.environ.get("HRDPLAN_CACHE_DIR") or Path(base) / "hrdplan"
    try:
        info = path.stat()
    except OSError:
        return None
    key = f"{path.resolve()}|{info.st_size}|{info.st_mtime_ns}|{__version__}"
    import zlib

    return Path(root) / f"catalogue-{zlib.crc32(key.encode()):08x}-{info.st_size}.json"


def _load_file(entry: Entry) -> Catalogue:
    # Parsing the YAML costs several times more than validating its JSON: every lint run in a
    # pre-commit hook reads the cached JSON instead.
    cache = _cache_file(entry.path)
    if cache is not None:
        try:
            return Catalogue.model_validate_json(cache.read_bytes())
        except (OSError, ValueError):
            pass  # no cache yet, or a stale or damaged one: read the YAML
    catalogue = _parse_file(entry)
    if cache is not None:
        from hrdplan.io.files import atomic_write

        with contextlib.suppress(InputError):  # a read-only home: no cache, same result
            atomic_write(cache, catalogue.model_dump_json(), overwrite=True)
    return catalogue


def _parse_file(entry: Entry) -> Catalogue:
    # Imported here: the YAML and validation stack is not needed by commands that only list.
    from hrdplan.io import validate, yamlio

    doc = yamlio.load(entry.path)
    catalogue = validate.validate(Catalogue, doc)
    for field, expected in (("id", entry.id), ("version", entry.version)):
        if getattr(catalogue, field) != expected:
            pos = doc.position((field,))
            raise InputError(
                Problem(
                    doc.file,
                    f"{field} is {getattr(catalogue, field)!r} but the file's place says "
                    f"{expected!r} (<id>/<version>.yaml)",
                    pos.line,
                    pos.column,
                )
            )
    return catalogue
