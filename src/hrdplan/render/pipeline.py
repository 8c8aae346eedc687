"""From a strategy file to its document, and from many to the portfolio: load once, lint the
same loaded document, build the view, run the template."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hrdplan.catalogue.model import Catalogue, Lang
from hrdplan.catalogue.registry import Registry
from hrdplan.io.config import Found
from hrdplan.lint.model import Finding
from hrdplan.lint.runner import Selection
from hrdplan.strategy.model import Strategy


@dataclass(frozen=True)
class Source:
    """A strategy that loaded soundly, with its catalogue and its lint findings."""

    name: str  # as shown to users
    path: Path
    strategy: Strategy
    catalogue: Catalogue
    findings: list[Finding]


def selection(found: Found) -> Selection:
    """The rules the configuration selects, as `hrdplan lint` applies them."""
    config = found.config
    return Selection(
        select=tuple(c.upper() for c in config.select),
        ignore=tuple(c.upper() for c in config.ignore),
        per_file_ignores=tuple(
            (pattern, tuple(c.upper() for c in codes))
            for pattern, codes in config.per_file_ignores.items()
        ),
    )


def load(path: Path, name: str, registry: Registry, rules: Selection | None = None) -> Source:
    """Read, validate and lint one strategy; InputError when it cannot be rendered."""
    from hrdplan.lint.runner import lint_document
    from hrdplan.strategy import loader

    loaded = loader.read(path, registry)
    strategy = loaded.require_valid()
    assert loaded.catalogue is not None  # require_valid checked it
    # The findings of the same loaded document, as `hrdplan lint` reports them.
    findings = lint_document(loaded.doc, registry, rules or Selection())
    return Source(name, path, strategy, loaded.catalogue, findings)


def default_lang(strategy: Strategy) -> Lang:
    """The strategy's own language when labels exist for it (en, nl), else English."""
    primary = strategy.language.split("-")[0].lower()
    return "nl" if primary == "nl" else "en"
