"""Loading a strategy or progress file: YAML with positions, the models, and the catalogue.

The one path from a file to what lint, render, report and migrate work on. A file is a progress
file when it says `kind: progress`; it is read with its strategy (the file it names), whose
catalogue it is checked against. Whether a loaded file is sound enough to render or migrate is
the lint rules' call (the errors of the file group, HRD0xx), made by the checked inputs
(`hrdplan.inputs`), so that each problem has one message.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from hrdplan.catalogue.model import Catalogue
from hrdplan.catalogue.registry import Registry
from hrdplan.io.errors import InputError, display_path, os_reason, quoted
from hrdplan.io.links import hidden, hiding, leaves_folder
from hrdplan.io.validate import Violation, check, kind_of
from hrdplan.io.yamlio import Document, parse
from hrdplan.strategy.model import Strategy, StrategyV2, strategy_model
from hrdplan.strategy.progress import Progress, is_progress, progress_files, strategy_path

# What a file given for the other kind is: one wording, here and in every command's refusal.
NOT_A_STRATEGY = "a progress file, not a strategy"
NOT_PROGRESS = "a strategy, not a progress file"

_PIN = re.compile(r"^([a-z0-9]+(?:-[a-z0-9]+)*)@(\d+\.\d+\.\d+)$")


@dataclass
class Loaded:
    """A parsed strategy or progress file with everything that could be made of it."""

    doc: Document
    strategy: Strategy | None  # None when the file violates the models (or is progress)
    violations: list[Violation] = field(default_factory=list)
    catalogue: Catalogue | None = None  # a progress file's: its strategy's
    catalogue_problem: str | None = None  # why no catalogue could be used
    newest: str | None = None  # newest version of the pinned catalogue id
    path: Path | None = None  # the file on disk, when there is one
    # A progress file: its model, its strategy loaded (or why not), the previous year's file.
    progress: Progress | None = None
    subject: Loaded | None = None
    subject_problem: str | None = None
    # The year before's file, read when first asked for: only one rule needs it, and only for
    # an indicator off track, so most runs never read it twice.
    find_previous: Callable[[], Loaded | None] | None = field(default=None, repr=False)
    _previous: list[Loaded | None] = field(default_factory=list, repr=False)

    @property
    def previous(self) -> Loaded | None:
        """A progress file's previous year's file, loaded (None when there is none)."""
        if not self._previous:
            self._previous.append(self.find_previous() if self.find_previous else None)
        return self._previous[0]

    @property
    def kind(self) -> Literal["strategy", "progress"]:
        return "progress" if is_progress(self.doc.data) else "strategy"

    @property
    def measured(self) -> StrategyV2 | None:
        """The strategy when it is in format 2 (for a progress file: its strategy's)."""
        strategy = self.subject.strategy if self.subject is not None else self.strategy
        return strategy if isinstance(strategy, StrategyV2) else None


def analyse(
    doc: Document,
    registry: Registry,
    path: Path | None = None,
    *,
    max_bytes: int | None = None,
    follow: bool = True,
) -> Loaded:
    """Validate a parsed document; resolve a strategy's catalogue pin, or load a progress
    file's strategy and (`follow`) its previous year's file, found from `path`."""
    if not isinstance(doc.data, dict):
        kind = "nothing (the file is empty)" if doc.data is None else kind_of(doc.data)
        violation = Violation((), f"a strategy is a mapping of keys to values, not {kind}", "type")
        return Loaded(doc, None, [violation], catalogue_problem="no catalogue pin", path=path)
    if is_progress(doc.data):
        return _progress(doc, registry, path, max_bytes, follow=follow)
    strategy, violations = check(strategy_model(doc.data), doc)
    loaded = Loaded(doc, strategy, violations, path=path)
    loaded.catalogue, loaded.catalogue_problem, loaded.newest = _pinned(doc.data, registry)
    return loaded


def _progress(
    doc: Document, registry: Registry, path: Path | None, max_bytes: int | None, *, follow: bool
) -> Loaded:
    progress, violations = check(Progress, doc)
    loaded = Loaded(doc, None, violations, path=path, progress=progress)
    named = doc.data.get("strategy")
    if not isinstance(named, str) or not named.strip():
        loaded.subject_problem = "no `strategy:` file named"
        loaded.catalogue_problem = loaded.subject_problem
        return loaded
    if "\x00" in named:  # no system takes it in a file name
        loaded.subject_problem = "`strategy:` holds a NUL character (\\x00): not a file name"
        loaded.catalogue_problem = loaded.subject_problem
        return loaded
    here = path if path is not None else Path(doc.file)
    subject_path = strategy_path(here, named.strip())
    subject = _cached(subject_path, registry, max_bytes, subject=True)
    if isinstance(subject, str):
        loaded.subject_problem = subject
    else:
        loaded.subject = subject
        loaded.catalogue = subject.catalogue
        loaded.newest = subject.newest
        year = doc.data.get("year")
        if follow and isinstance(year, int) and not isinstance(year, bool):

            def find_previous() -> Loaded | None:
                before = progress_files(subject_path).get(year - 1)
                if before is None:
                    return None
                previous = _cached(before, registry, max_bytes, subject=False)
                return previous if isinstance(previous, Loaded) else None

            loaded.find_previous = find_previous
    loaded.catalogue_problem = loaded.subject_problem or subject_problem_of(loaded.subject)
    return loaded


def subject_problem_of(subject: Loaded | None) -> str | None:
    """Why a progress file's strategy cannot be used to check it, or None."""
    if subject is None:
        return None
    if subject.strategy is None:
        return f"its strategy {subject.doc.file} does not load (`hrdplan lint {subject.doc.file}`)"
    if subject.catalogue is None:
        return f"its strategy {subject.doc.file}: {subject.catalogue_problem}"
    return None


# Files loaded for another (a progress file's strategy, the year before), by where they are
# and what they hold now: linting a folder reads each strategy once for all its progress files.
_LOADED: dict[tuple[str, int, int, bool, bool], Loaded | str] = {}


def _cached(
    path: Path, registry: Registry, max_bytes: int | None, *, subject: bool
) -> Loaded | str:
    """The file loaded, or why it cannot be: not found, unreadable, not parsed, or (for a
    strategy) a progress file itself."""

    # Named as the user would write it: progress/x/../../strategies/x.yaml is strategies/x.yaml;
    # not named at all by a file whose text is not shown (the name is its text).
    def named() -> str:
        return quoted(path) if hidden() else display_path(Path(os.path.normpath(path)))

    try:
        stat = path.stat()
    except FileNotFoundError:
        return f"the strategy file {named()} is not found"
    except OSError as exc:  # a link loop, a name too long: what the system said
        return f"the strategy file {named()} cannot be read: {os_reason(exc)}"
    key = (os.path.realpath(path), stat.st_mtime_ns, stat.st_size, subject, hidden())
    found = _LOADED.get(key)
    if found is None:
        name = named()
        try:
            with hiding(leaves_folder(path)):
                found = _load_other(path, name, registry, max_bytes, subject=subject)
        except InputError as err:
            problem = err.problems[0]
            where = f"{name}:{problem.line}:{problem.column}" if problem.line else name
            found = f"{where}: {problem.message}"
        _LOADED[key] = found
    return found


def _load_other(
    path: Path, name: str, registry: Registry, max_bytes: int | None, *, subject: bool
) -> Loaded | str:
    from hrdplan.io.files import read_text

    doc = parse(read_text(path, max_bytes=max_bytes), name)
    if subject and is_progress(doc.data):
        return f"{name} is {NOT_A_STRATEGY}"
    if not subject and not is_progress(doc.data):
        return f"{name} is {NOT_PROGRESS}"
    # The year before's own year before is not needed: follow no further.
    return analyse(doc, registry, path, max_bytes=max_bytes, follow=False)


def _pinned(
    data: dict[Any, Any], registry: Registry
) -> tuple[Catalogue | None, str | None, str | None]:
    pin = data.get("catalogue")
    if pin is None:
        return None, "missing `catalogue:` pin, e.g. catalogue: eu-hrd-2020-2024@1.0.0", None
    match = _PIN.match(pin.strip()) if isinstance(pin, str) else None
    if match is None:
        return None, f"catalogue must be pinned as <id>@<version>, not {quoted(pin)}", None
    try:
        catalogue = registry.load(pin.strip())
    except LookupError as exc:
        return None, str(exc.args[0]), None
    return catalogue, None, registry.newest(catalogue.id).version
