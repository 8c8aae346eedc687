"""Loading a strategy: YAML with positions, the models, and the catalogue it pins.

The one path from a strategy file to what lint, render, report and migrate work on. Whether a
loaded strategy is sound enough to render or migrate is the lint rules' call (the errors of the
file group, HRD0xx: `lint.runner.Linted.sound`), so that each problem has one message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from hrdplan.catalogue.model import Catalogue
from hrdplan.catalogue.registry import Registry
from hrdplan.io.validate import Violation, check
from hrdplan.io.yamlio import Document, parse
from hrdplan.strategy.model import Strategy

_PIN = re.compile(r"^([a-z0-9]+(?:-[a-z0-9]+)*)@(\d+\.\d+\.\d+)$")


@dataclass
class Loaded:
    """A parsed strategy file with everything that could be made of it."""

    doc: Document
    strategy: Strategy | None  # None when the file violates the models
    violations: list[Violation] = field(default_factory=list)
    catalogue: Catalogue | None = None
    catalogue_problem: str | None = None  # why no catalogue could be used
    newest: str | None = None  # newest version of the pinned catalogue id


def parse_text(text: str, name: str, registry: Registry) -> Loaded:
    """Parse a strategy given as text (stdin, tests); InputError if it cannot be parsed."""
    return analyse(parse(text, name), registry)


def analyse(doc: Document, registry: Registry) -> Loaded:
    """Validate a parsed document and resolve its catalogue pin."""
    if not isinstance(doc.data, dict):
        kind = "nothing (the file is empty)" if doc.data is None else type(doc.data).__name__
        violation = Violation((), f"a strategy is a mapping of keys to values, not {kind}", "type")
        return Loaded(doc, None, [violation], catalogue_problem="no catalogue pin")
    strategy, violations = check(Strategy, doc)
    loaded = Loaded(doc, strategy, violations)
    loaded.catalogue, loaded.catalogue_problem, loaded.newest = _pinned(doc.data, registry)
    return loaded


def _pinned(
    data: dict[Any, Any], registry: Registry
) -> tuple[Catalogue | None, str | None, str | None]:
    pin = data.get("catalogue")
    if pin is None:
        return None, "missing `catalogue:` pin, e.g. catalogue: eu-hrd-2020-2024@1.0.0", None
    match = _PIN.match(pin.strip()) if isinstance(pin, str) else None
    if match is None:
        return None, f"catalogue must be pinned as <id>@<version>, not {pin!r}", None
    try:
        catalogue = registry.load(pin.strip())
    except LookupError as exc:
        return None, str(exc.args[0]), None
    return catalogue, None, registry.newest(catalogue.id).version
