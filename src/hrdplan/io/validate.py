"""Validating a parsed YAML document into a pydantic model, with positions on every problem.

pydantic's messages speak of its types ("String should match pattern '^[a-z]{2,3}...'"); users
read a file, so each kind of error is put in plain words: what the field expects, with an
example where that helps, and what the file holds instead.
"""

from __future__ import annotations

import datetime as dt
import types
from dataclasses import dataclass
from typing import Annotated, Any, Literal, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from hrdplan.io.errors import InputError, Problem, quoted
from hrdplan.io.links import NOT_SHOWN, hidden
from hrdplan.io.suggest import close_names, did_you_mean
from hrdplan.io.yamlio import Document, KeyPath, describe

M = TypeVar("M", bound=BaseModel)

# The most violations put in words for one file; the rest are counted in one more. A hostile
# file (65,000 unknown keys) would otherwise take a minute of "did you mean" and print as many
# lines; the first thousand say what is wrong.
MAX_VIOLATIONS = 1000


@dataclass(frozen=True)
class Violation:
    """One structural problem: the key path it is about, and a message for users."""

    path: KeyPath
    message: str
    type: str


@dataclass(frozen=True)
class Expect:
    """What a field holds, in plain words with an example ("a language code such as en, nl or
    fr-BE"), for messages about it. Put it in the field's `Annotated[...]`; pydantic ignores it,
    so it changes neither validation nor the JSON Schema."""

    words: str


def check(model: type[M], doc: Document) -> tuple[M | None, list[Violation]]:
    """The validated model, or None and every violation pydantic found."""
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        return None, _violations(model, doc.data, exc.errors(include_url=False))


def validate(model: type[M], doc: Document) -> M:
    """The validated model, or an InputError listing each violation at its line:column."""
    result, violations = check(model, doc)
    if result is None:
        raise InputError(*(problem(doc, v) for v in violations))
    return result


def problem(doc: Document, violation: Violation) -> Problem:
    pos = doc.position(violation.path, key=violation.type == "extra_forbidden")
    return Problem(doc.file, violation.message, pos.line, pos.column)


def _violations(model: type[BaseModel], data: Any, errors: list[Any]) -> list[Violation]:
    out: list[Violation] = []
    union_paths: set[KeyPath] = set()
    more = 0
    for err in errors:
        path, in_union = _path(err["loc"], data, err["type"])
        if in_union:
            # A union (text or a number) fails once per member; the user made one mistake.
            if path in union_paths:
                continue
            union_paths.add(path)
        if len(out) >= MAX_VIOLATIONS:
            more += 1
            continue
        if in_union:
            expected = _expected(*_field(model, path))
            got = f"{describe(path)}: expected {expected}, got {kind_of(err['input'])}"
            out.append(Violation(path, got, err["type"]))
            continue
        out.append(Violation(path, _message(model, path, err), err["type"]))
    if more:  # the last place says how many more
        out.pop()
        message = f"… and {more + 1:,} more problems like these, not shown"
        out.append(Violation((), message, "too_many"))
    return out


def _path(loc: tuple[Any, ...], data: Any, kind: str) -> tuple[KeyPath, bool]:
    """The key path in the document that an error's loc names, and whether loc also named
    members of a union (pydantic adds `str`, `int`, a tagged member or a validator's name)."""
    path: list[str | int] = []
    node, extra = data, False
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(node, dict) and (part in node or (last and kind == "missing")):
            path.append(part)
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
        else:
            extra = True
    return tuple(path), extra


def _message(model: type[BaseModel], path: KeyPath, err: Any) -> str:
    kind, value, ctx = err["type"], err["input"], err.get("ctx") or {}
    where = describe(path)
    annotation, metadata = _field(model, path)
    expected = _expected(annotation, metadata)
    if kind == "missing":
        return f"{where}: required field is missing"
    if kind == "extra_forbidden":
        # The key is the file's own text: shown by its parent alone when that is not shown.
        return f"{describe(path[:-1]) if hidden() else where}: {_unknown_key(model, path)}"
    if isinstance(value, bool) or (
        kind == "string_type" and isinstance(value, (int, float, dt.date))
    ):
        # YAML 1.1 reads NO (Norway), yes, on, 010 or 2021-01-01 as other types when unquoted.
        quote = "; put it in quotes" if _takes_text(annotation) else ""
        return (
            f"{where}: expected {expected}, but YAML reads the unquoted value as "
            f"{kind_of(value)}{quote}"
        )
    if kind in _BOUNDS:
        word, key = _BOUNDS[kind]
        return f"{where}: must be {word} {ctx.get(key)}, got {kind_of(value)}"
    if kind == "string_too_short":
        if ctx.get("min_length") == 1:
            return f"{where}: must not be empty"
        return f"{where}: must be at least {ctx.get('min_length')} characters long"
    if kind == "string_too_long":
        return f"{where}: must be at most {ctx.get('max_length')} characters long"
    if kind == "literal_error":
        close = close_names(str(value), [str(a) for a in get_args(annotation)], n=1)
        return f"{where}: expected {expected}, got {kind_of(value)}{did_you_mean(close)}"
    if kind == "string_pattern_mismatch" and not any(isinstance(m, Expect) for m in metadata):
        # A code such as 1.1.a: the pattern says what it must look like, "text" would not.
        return f"{where}: must match the pattern {ctx.get('pattern')}, got {kind_of(value)}"
    if kind in _TYPE_ERRORS or kind.startswith(("date_", "datetime_")):
        return f"{where}: expected {expected}, got {kind_of(value)}"
    # A model's own check (value_error) speaks plain words already.
    text = str(err["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    return f"{where}: {text}"


_BOUNDS = {
    "greater_than_equal": ("at least", "ge"),
    "greater_than": ("more than", "gt"),
    "less_than_equal": ("at most", "le"),
    "less_than": ("less than", "lt"),
}
# Errors that mean "not the kind of value the field holds".
_TYPE_ERRORS = {
    "model_type",
    "model_attributes_type",
    "dict_type",
    "list_type",
    "string_type",
    "string_pattern_mismatch",
    "int_type",
    "int_parsing",
    "int_parsing_size",
    "int_from_float",
    "float_type",
    "float_parsing",
    "bool_type",
    "bool_parsing",
    "enum",
}


def _unknown_key(model: type[BaseModel], path: KeyPath) -> str:
    key = path[-1] if path else ""
    parent, _ = _field(model, path[:-1])
    if not (isinstance(parent, type) and issubclass(parent, BaseModel)):
        return "unknown key"
    allowed = list(parent.model_fields)
    close = close_names(str(key), allowed, n=1)
    return f"unknown key {quoted(key)} (allowed here: {', '.join(allowed)}){did_you_mean(close)}"


def _field(model: type[BaseModel], path: KeyPath) -> tuple[Any, list[Any]]:
    """The annotation of the field at path, unwrapped, and its metadata; None if not known."""
    current: Any = model
    metadata: list[Any] = []
    for part in path:
        current, _ = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel) and isinstance(part, str):
            info = current.model_fields.get(part)
            if info is None:
                return None, []
            current, metadata = info.annotation, list(info.metadata)
        elif get_origin(current) is list and isinstance(part, int):
            current, metadata = get_args(current)[0], []
        elif get_origin(current) is dict:
            current, metadata = get_args(current)[1], []
        else:
            return None, []
    current, more = _unwrap(current)
    return current, metadata + more


def _unwrap(annotation: Any) -> tuple[Any, list[Any]]:
    """Strip Annotated (keeping its metadata) and an Optional's None."""
    metadata: list[Any] = []
    while True:
        if get_origin(annotation) is Annotated:
            annotation, *extra = get_args(annotation)
            metadata += extra
        elif _is_union(annotation) and type(None) in get_args(annotation):
            members = [a for a in get_args(annotation) if a is not type(None)]
            if len(members) != 1:
                return Union[tuple(members)], metadata  # noqa: UP007 - built from a tuple
            annotation = members[0]
        else:
            return annotation, metadata


def _is_union(annotation: Any) -> bool:
    return get_origin(annotation) in (Union, types.UnionType)


def _takes_text(annotation: Any) -> bool:
    if _is_union(annotation):
        return any(_takes_text(_unwrap(a)[0]) for a in get_args(annotation))
    return annotation is str


def _expected(annotation: Any, metadata: list[Any] | None = None) -> str:
    """A field's type in plain words: "a whole number", "draft, consultation or adopted"."""
    for item in metadata or []:
        if isinstance(item, Expect):
            return item.words
    if _is_union(annotation):
        members = [_unwrap(a)[0] for a in get_args(annotation)]
        if float in members:  # "a number" covers whole numbers too
            members = [m for m in members if m is not int]
        return " or ".join(dict.fromkeys(_expected(m) for m in members))
    if get_origin(annotation) is Literal:
        return _one_of([str(a) for a in get_args(annotation)])
    if get_origin(annotation) is list:
        return "a list"
    if get_origin(annotation) is dict:
        return "a mapping of keys to values"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "a mapping of keys to values"
    return _WORDS.get(annotation, getattr(annotation, "__name__", "a value"))


_WORDS: dict[Any, str] = {
    str: "text",
    bool: "true or false",
    int: "a whole number",
    float: "a number",
    dt.date: "a date as YYYY-MM-DD, e.g. 2021-02-10",
}


def _one_of(values: list[str]) -> str:
    return values[0] if len(values) == 1 else f"{', '.join(values[:-1])} or {values[-1]}"


def kind_of(value: Any) -> str:
    """What a value is, as a user would say it: the boolean true, the number 8, 'text'."""
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if hidden():
        return f"text ({NOT_SHOWN})"
    return quoted(value)
