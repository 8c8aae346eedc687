"""What one run of a command works with, built once from its options and the configuration:
the configuration file, the rule selection, the catalogues, the file size limit.

Every command that reads the configuration (lint, render, report, migrate, new-strategy,
catalogue) calls `build` once and passes the result down, so that the configuration is read
and checked in one place, the same way for every command.
"""

from __future__ import annotations

import fnmatch
import functools
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from hrdplan.catalogue.registry import Registry
from hrdplan.io.config import Config, Found
from hrdplan.io.errors import HrdplanError, quoted

TODAY_VARIABLE = "HRDPLAN_TODAY"


def today(environ: Mapping[str, str]) -> date:
    """The date a new strategy's default period counts from: HRDPLAN_TODAY (YYYY-MM-DD) when
    set, so that a scaffold can be reproduced, else the system's date."""
    value = environ.get(TODAY_VARIABLE, "").strip()
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise HrdplanError(
            f"{TODAY_VARIABLE}={quoted(value)}: not a date such as 2026-01-31"
        ) from None


@dataclass(frozen=True)
class Selection:
    """Which rules apply to which file: codes or prefixes (HRD2), as in ruff."""

    select: tuple[str, ...] = ()  # empty: every rule
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (glob, codes)
    # The codes per-file-ignores ignores for each file asked about: the globs are matched once
    # per file, not once per rule (a configuration may hold thousands of them).
    _ignored: dict[str, tuple[str, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def enabled(self, code: str, file: str) -> bool:
        if self.select and not any(code.startswith(p) for p in self.select):
            return False
        if any(code.startswith(p) for p in self.ignore):
            return False
        return not any(code.startswith(p) for p in self.ignored_in(file))

    def ignored_in(self, file: str) -> tuple[str, ...]:
        """The codes and prefixes per-file-ignores ignores in file."""
        if not self.per_file_ignores:
            return ()
        found = self._ignored.get(file)
        if found is None:
            path = os.path.normcase(file)
            name = Path(path).name
            found = tuple(
                code
                for matches, codes in _compiled(self.per_file_ignores)
                if matches(path) or matches(name)
                for code in codes
            )
            self._ignored[file] = found
        return found


_Matcher = Callable[[str], object]


@functools.cache
def _compiled(
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...],
) -> list[tuple[_Matcher, tuple[str, ...]]]:
    """Each glob compiled once, as fnmatch.fnmatch would (fnmatch's own cache holds only the
    last 32,768 patterns, so a longer list would be compiled anew for every file)."""
    return [
        (re.compile(fnmatch.translate(os.path.normcase(pattern))).match, codes)
        for pattern, codes in per_file_ignores
    ]


@dataclass(frozen=True)
class Settings:
    """The settings of one run. `found` is the configuration as read (its file, for paths
    relative to it, and its values); the rest is what the commands use of it."""

    registry: Registry = field(default_factory=Registry)
    selection: Selection = Selection()
    found: Found = field(default_factory=lambda: Found(Config(), None))
    max_bytes: int | None = None  # the largest file read; None: files.size_limit()
    # The day the run counts from: default periods, which years of a strategy are past.
    today: date = field(default_factory=date.today)
    # The Git revision HRD601 compares an adopted strategy with (`changes-base`).
    changes_base: str = "HEAD"

    @property
    def today_named(self) -> str:
        """The run's day as a message names it: the variable that sets it, with its value."""
        return f"{TODAY_VARIABLE}={quoted(self.today.isoformat())}"


def build(
    *,
    config: Path | None = None,
    catalogue_dirs: Sequence[Path] = (),
    select: str | None = None,
    ignore: str | None = None,
) -> Settings:
    """The settings for one run: the configuration in `config` (--config; else the one found
    from the current folder upwards), checked once, rule codes included, whichever command
    reads it; --select replaces its `select`, --ignore adds to its `ignore`; the catalogues are
    the shipped ones, then its `catalogue-dirs`, then `catalogue_dirs` (--catalogue-dir).
    HrdplanError (exit 2) naming the key or option when something is wrong."""
    from hrdplan.io import config as configuration
    from hrdplan.io.errors import display_path
    from hrdplan.io.files import size_limit
    from hrdplan.lint.rules import RULE_BY_CODE

    codes = list(RULE_BY_CODE)
    if config is not None and not config.is_file():
        raise HrdplanError(f"{display_path(config)}: config file not found")
    found = configuration.load(config or configuration.discover(), known_codes=codes)
    cli_select = _codes("--select", select, codes)
    cli_ignore = _codes("--ignore", ignore, codes)
    values = found.config
    selection = Selection(
        select=tuple(cli_select or (c.upper() for c in values.select)),
        ignore=(*(c.upper() for c in values.ignore), *cli_ignore),
        per_file_ignores=tuple(
            (pattern, tuple(c.upper() for c in ignored))
            for pattern, ignored in values.per_file_ignores.items()
        ),
    )
    return Settings(
        registry=Registry((*found.catalogue_dirs(), *catalogue_dirs)),
        selection=selection,
        found=found,
        # Read once, so that a bad setting is one usage error, not a problem per file.
        max_bytes=size_limit(),
        today=today(os.environ),
        changes_base=values.changes_base,
    )


def _codes(option: str, value: str | None, codes: list[str]) -> list[str]:
    if not value:
        return []
    out = [v.strip().upper() for v in value.split(",") if v.strip()]
    bad = [v for v in out if not any(c.startswith(v) for c in codes)]
    if bad:
        raise HrdplanError(
            f"{option}: unknown rule code {', '.join(map(quoted, bad))} (see `hrdplan rule`)"
        )
    return out
