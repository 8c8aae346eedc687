"""Helpers for the lint tests: lay YAML fragments over a strategy, lint text, find positions."""

from __future__ import annotations

import re

from hrdplan.catalogue.registry import Registry
from hrdplan.findings import Finding
from hrdplan.lint.runner import lint_text
from hrdplan.settings import Selection

REGISTRY = Registry()
SELECTION = Selection()

_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*):")


def top_keys(text: str) -> list[str]:
    """The top-level keys a YAML text defines, in order (repeats kept)."""
    return [m.group(1) for line in text.splitlines() if (m := _TOP_KEY.match(line))]


def drop(base_text: str, *keys: str) -> str:
    """The base without the top-level blocks of these keys: each from its key line up to the
    next line that starts a top-level key."""
    out: list[str] = []
    dropping = False
    for line in base_text.splitlines(keepends=True):
        match = _TOP_KEY.match(line)
        if match:
            dropping = match.group(1) in keys
        if not dropping:
            out.append(line)
    return "".join(out)


def overlay(base_text: str, fragment: str) -> str:
    """The base with every top-level key the fragment defines replaced by the fragment's."""
    kept = drop(base_text, *top_keys(fragment))
    if kept and not kept.endswith("\n"):
        kept += "\n"
    return kept + fragment.rstrip("\n") + "\n"


def lint(text: str, name: str = "s.yaml") -> list[Finding]:
    """Every finding for a strategy given as text (all rules, no configuration)."""
    return lint_text(text, name, REGISTRY, SELECTION)


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def only(findings: list[Finding], code: str) -> list[Finding]:
    return [f for f in findings if f.code == code]


def at(text: str, needle: str, *, after: str = "", occurrence: int = 1) -> tuple[int, int]:
    """1-based line and column of `needle` where it follows `after` (the n-th such place):
    at(text, "1.1.z", after="objective: ") is where the value 1.1.z stands."""
    start = -1
    for _ in range(occurrence):
        start = text.index(after + needle, start + 1)
    offset = start + len(after)
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column
