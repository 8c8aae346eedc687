"""From a strategy file to its document, and from many to the portfolio: lint the file once
(`hrdplan lint`'s own path), render it when no error of the file group (HRD0xx) stands in the
way, with its findings as open points."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hrdplan.catalogue.model import Catalogue, Lang
from hrdplan.lint.model import Finding
from hrdplan.lint.settings import Settings
from hrdplan.strategy.model import Strategy


@dataclass(frozen=True)
class Source:
    """A strategy that loaded soundly, with its catalogue and its lint findings."""

    name: str  # as shown to users
    path: Path
    strategy: Strategy
    catalogue: Catalogue
    findings: list[Finding]


def load(path: Path, name: str, settings: Settings) -> Source:
    """Read and lint one strategy; InputError, in the rules' words, when it cannot be
    rendered."""
    from hrdplan.lint.runner import lint_file

    linted = lint_file(path, name, settings)
    _, strategy, catalogue = linted.sound()
    return Source(name, path, strategy, catalogue, linted.findings)


def default_lang(strategy: Strategy) -> Lang:
    """The strategy's own language when labels exist for it (en, nl), else English."""
    primary = strategy.language.split("-")[0].lower()
    return "nl" if primary == "nl" else "en"
