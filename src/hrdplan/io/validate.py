"""Validating a parsed YAML document into a pydantic model, with positions on every problem."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from hrdplan.io.errors import InputError, Problem
from hrdplan.io.yamlio import Document, KeyPath, describe

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Violation:
    """One structural problem: the key path it is about, and a message for users."""

    path: KeyPath
    message: str
    type: str


def check(model: type[M], doc: Document) -> tuple[M | None, list[Violation]]:
    """The validated model, or None and every violation pydantic found."""
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        return None, [_violation(err) for err in exc.errors(include_url=False)]


def validate(model: type[M], doc: Document) -> M:
    """The validated model, or an InputError listing each violation at its line:column."""
    result, violations = check(model, doc)
    if result is None:
        raise InputError(*(problem(doc, v) for v in violations))
    return result


def problem(doc: Document, violation: Violation) -> Problem:
    pos = doc.position(violation.path, key=violation.type == "extra_forbidden")
    return Problem(doc.file, violation.message, pos.line, pos.column)


def _violation(err: Any) -> Violation:
    # pydantic adds the name of a tagged-union member or a function validator to loc.
    path: KeyPath = tuple(p for p in err["loc"] if isinstance(p, (str, int)))
    kind = err["type"]
    where = describe(path)
    if kind == "missing":
        message = f"{where}: required field is missing"
    elif kind == "extra_forbidden":
        message = f"{where}: unknown key"
    elif kind == "model_type" or kind == "dict_type":
        message = f"{where}: expected a mapping of keys to values, got {_kind(err['input'])}"
    elif kind == "string_type" and isinstance(err["input"], (bool, int, float, dt.date)):
        # YAML 1.1 reads NO (Norway), yes, 010 or 2021-01-01 as other types when unquoted.
        message = (
            f"{where}: expected text, but YAML reads the unquoted value as "
            f"{_kind(err['input'])}; put it in quotes"
        )
    elif kind == "list_type":
        message = f"{where}: expected a list, got {_kind(err['input'])}"
    else:
        text = str(err["msg"]).removeprefix("Value error, ")
        message = f"{where}: {text}"
    return Violation(path, message, kind)


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"{type(value).__name__} {value!r}"[:80]
