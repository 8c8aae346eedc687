"""The one YAML reader: safe, bounded, and keeping the line and column of every value.

Reading composes the file into nodes with libyaml (PyYAML's C binding, pure Python where it is
missing): no object is ever constructed from a tag, and composing is several times faster than a
round-trip load, which matters to a pre-commit hook. The positions are also what `migrate` uses
to rewrite a strategy: it replaces the changed values where they stand, so everything else in the
file stays byte for byte (see migrate.py).
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from hrdplan.io.errors import InputError, Problem, display_path, quoted
from hrdplan.io.files import read_text

KeyPath = tuple[str | int, ...]

try:
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

# Bounds against hostile files: many small nodes (a file of `a:` lines) cost far more memory
# composed than their bytes, aliases can make a small file expand enormously, and very deep
# nesting exhausts the composer's stack. Every node counts, keys and repeated keys included: a
# strategy has a few thousand.
MAX_NODES = 200_000
MAX_DEPTH = 100

_CORE = "tag:yaml.org,2002:"
_STR = f"{_CORE}str"
_TAG_WORDS = {
    f"{_CORE}int": "a whole number",
    f"{_CORE}float": "a number",
    f"{_CORE}bool": "true or false",
    f"{_CORE}timestamp": "a date",
    f"{_CORE}null": "null",
}
_SCALAR_TAGS = {f"{_CORE}{t}" for t in ("null", "bool", "int", "float", "str", "timestamp")}


@dataclass(frozen=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class Document:
    """A parsed YAML file: plain Python data, and where each value and key stands in the text."""

    file: str
    text: str
    data: Any
    positions: dict[KeyPath, Position] = field(default_factory=dict)
    key_positions: dict[KeyPath, Position] = field(default_factory=dict)
    duplicate_keys: list[tuple[KeyPath, Position]] = field(default_factory=list)

    def position(self, path: KeyPath, *, key: bool = False) -> Position:
        """Where the value at path stands (or its key); the nearest existing parent if absent."""
        table = self.key_positions if key else self.positions
        for end in range(len(path), -1, -1):
            found = table.get(path[:end]) or self.positions.get(path[:end])
            if found is not None:
                return found
        return Position(1, 1)

    def offset(self, pos: Position) -> int:
        """The index in text of a 1-based line and column."""
        starts = [0, *(m.end() for m in _Lines.BREAK.finditer(self.text))]
        return starts[pos.line - 1] + pos.column - 1


def describe(path: KeyPath) -> str:
    """A key path as users write it: priorities[0].gender.marker."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def load(path: Path, *, max_bytes: int | None = None) -> Document:
    """Read and parse one YAML file; InputError with file:line:col when that fails."""
    return parse(read_text(path, max_bytes=max_bytes), display_path(path))


def parse(text: str, file: str) -> Document:
    """Parse YAML text holding one document into a Document."""
    lines = _Lines(text)
    loader = _Loader(text)
    try:
        _check_shape(text, file, lines)
        node = loader.get_single_node()
    except yaml.composer.ComposerError as exc:
        mark = exc.problem_mark
        # The problem alone: the exception's text adds libyaml's marks, on lines of their own.
        message = (
            "holds more than one YAML document"
            if "single" in str(exc.context)
            else f"YAML: {exc.problem or 'cannot compose the document'}"
        )
        raise InputError(_problem_at(file, message, mark, lines)) from None
    except yaml.MarkedYAMLError as exc:
        message, mark = _plain_syntax_error(exc, text)
        raise InputError(_problem_at(file, message, mark, lines)) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow
        before = text[: exc.position]
        line, column = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        message = (
            f"character {quoted(exc.character)} is not allowed in YAML"
            if isinstance(exc.character, str)
            else "character not allowed in YAML"
        )
        raise InputError(Problem(file, message, line, column)) from None
    except yaml.YAMLError as exc:
        raise InputError(Problem(file, f"YAML: {type(exc).__name__}")) from None
    finally:
        loader.dispose()
    doc = Document(file=file, text=text, data=None)
    if node is not None:
        doc.data = _Builder(doc, loader, lines).build(node, ())
    return doc


_OPEN_EVENTS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSE_EVENTS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_NODE_EVENTS = (yaml.ScalarEvent, yaml.AliasEvent, *_OPEN_EVENTS)


def _check_shape(text: str, file: str, lines: _Lines) -> None:
    """Refuse a document whose collections nest deeper than MAX_DEPTH, at the first collection
    too deep, or that holds more than MAX_NODES nodes, at the first one over. libyaml's
    composer recurses in C, and builds every node of the file (a Python object of a few hundred
    bytes each) before anything can be counted, so such a file must be refused before it is
    composed; its parser does not recurse and holds one event at a time, and its events count
    real nesting only (brackets in comments or text, or a deeply indented line of a block
    scalar, are not nesting). A syntax error met on the way is raised as the composer would
    raise it. What aliases expand to is counted later, as the nodes are built."""
    events = _Loader(text)
    try:
        depth = nodes = 0
        while (event := events.get_event()) is not None:  # type: ignore[no-untyped-call]
            if isinstance(event, _NODE_EVENTS):
                nodes += 1
                if nodes > MAX_NODES:
                    message = f"holds more than {MAX_NODES:,} YAML nodes (keys and values)"
                    raise InputError(_problem_at(file, message, event.start_mark, lines))
            if isinstance(event, _OPEN_EVENTS):
                depth += 1
                if depth > MAX_DEPTH:
                    message = f"nested more than {MAX_DEPTH} levels deep"
                    raise InputError(_problem_at(file, message, event.start_mark, lines))
            elif isinstance(event, _CLOSE_EVENTS):
                depth -= 1
            elif isinstance(event, yaml.StreamEndEvent):
                break
    finally:
        events.dispose()


def _problem_at(file: str, message: str, mark: Any, lines: _Lines) -> Problem:
    if mark is None:
        return Problem(file, message)
    pos = lines.at(mark)
    return Problem(file, message, pos.line, pos.column)


def split_lines(text: str) -> list[str]:
    """The text's lines as editors count them (CR, LF or CRLF; not NEL, LS, PS or form feed)."""
    return _Lines.BREAK.split(text)


class _Lines:
    """Positions as editors show them. libyaml also breaks lines at NEL, LS and PS, and puts the
    end of a file without a final newline on a line of its own; users count CR and LF only."""

    _ODD_BREAKS = re.compile("[\\x85\\u2028\\u2029]")
    BREAK = re.compile("\\r\\n|\\r|\\n")

    def __init__(self, text: str) -> None:
        self.starts: list[int] | None = None
        if "\r" not in text and not self._ODD_BREAKS.search(text):  # plain LF: count, in C
            self.count = text.count("\n") + 1
            self.last_length = len(text) - (text.rfind("\n") + 1)
            return
        breaks = [m.end() for m in self.BREAK.finditer(text)]
        if self._ODD_BREAKS.search(text):
            self.starts = [0, *breaks]
        self.count = len(breaks) + 1
        self.last_length = len(text) - (breaks[-1] if breaks else 0)

    def at(self, mark: Any) -> Position:
        if self.starts is None:
            line, column = mark.line + 1, mark.column + 1
        else:
            line = bisect.bisect_right(self.starts, mark.index)
            column = mark.index - self.starts[line - 1] + 1
        if line > self.count:  # the end of the stream, past the last character
            return Position(self.count, self.last_length + 1)
        return Position(line, column)


def _plain_syntax_error(exc: yaml.MarkedYAMLError, text: str) -> tuple[str, Any]:
    """libyaml's message in words an author of a strategy understands, and the mark it is
    about: the place to fix, which is not always where libyaml noticed the problem."""
    problem, mark = str(exc.problem or ""), exc.problem_mark
    index = getattr(mark, "index", None)
    char = text[index] if isinstance(index, int) and 0 <= index < len(text) else ""
    line_start = text.rfind("\n", 0, index) + 1 if isinstance(index, int) else 0
    before = text[line_start:index] if isinstance(index, int) else ""
    if "maximum nesting depth" in problem:  # libyaml's own bound on [ and {, met scanning ahead
        return f"nested more than {MAX_DEPTH} levels deep", mark
    if char == "\t" or "tab character" in problem:
        if not before.strip():
            return "YAML syntax: a tab cannot indent YAML; indent with spaces", mark
        return "YAML syntax: a tab cannot be used here; use spaces", mark
    if "cannot start any token" in problem and char in "@`":
        return (
            f"YAML syntax: a value cannot start with {char!r} (reserved in YAML); "
            "put the value in quotes",
            mark,
        )
    if problem.startswith("mapping values are not allowed"):
        if ": " in before or before.rstrip().endswith(":"):
            # title: Rights: a review -- the second colon would start another key.
            return (
                "YAML syntax: ': ' inside an unquoted value; put the value in quotes, "
                'e.g. title: "Rights: a review"',
                mark,
            )
        return (
            "YAML syntax: this key is indented more than the line above it allows; align it "
            "with its sibling keys, or put the text above in quotes if this line continues it",
            mark,
        )
    if "could not find expected ':'" in problem and exc.context_mark is not None:
        # libyaml notices only at the next token, often a line or more later: point at the
        # line that has no colon, where the fix is.
        return (
            "YAML syntax: this line is neither `key: value` nor indented under a key; indent "
            "it further to continue the text above, or add ':' after its key",
            exc.context_mark,
        )
    if "did not find expected key" in problem or "expected '-' indicator" in problem:
        return (
            "YAML syntax: this line is indented less than the lines before it but more than "
            "their parent; align it with its sibling keys",
            mark,
        )
    if "found unexpected end of stream" in problem and "quoted scalar" in str(exc.context):
        return "YAML syntax: a quoted value is never closed; add the closing quote", mark
    parts = [exc.context, exc.problem]
    return "YAML syntax: " + ", ".join(p for p in parts if p), mark


class _Builder:
    """Turns composed nodes into plain data, recording positions and refusing what is unsafe."""

    def __init__(self, doc: Document, loader: yaml.SafeLoader, lines: _Lines) -> None:
        self.doc = doc
        self.loader = loader
        self.count = 0
        self.open: set[int] = set()  # collections being built: an alias to one is a cycle
        self.lines = lines

    def fail(self, node: yaml.Node, message: str) -> InputError:
        pos = self.lines.at(node.start_mark)
        return InputError(Problem(self.doc.file, message, pos.line, pos.column))

    def tick(self, node: yaml.Node) -> None:
        """Count one node built; the file itself was counted before composing (_check_shape),
        so only aliases, each a single node there, can make the count pass the bound here."""
        self.count += 1
        if self.count > MAX_NODES:
            raise self.fail(node, f"expands to more than {MAX_NODES:,} values (alias bomb?)")

    def build(self, node: yaml.Node, path: KeyPath) -> Any:
        self.tick(node)
        if len(path) > MAX_DEPTH:  # aliases nest without brackets or indentation
            raise self.fail(node, f"nested more than {MAX_DEPTH} levels deep (through aliases)")
        self.doc.positions[path] = self.lines.at(node.start_mark)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if id(node) in self.open:
            raise self.fail(node, "an alias refers to a collection that contains it (a cycle)")
        self.open.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self.mapping(node, path)
            if node.tag != f"{_CORE}seq":
                raise self.fail(node, f"unsupported tag {quoted(node.tag)}")
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        finally:
            self.open.discard(id(node))

    def mapping(self, node: yaml.MappingNode, path: KeyPath) -> dict[Any, Any]:
        if node.tag != f"{_CORE}map":
            raise self.fail(node, f"unsupported tag {quoted(node.tag)}")
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == f"{_CORE}merge":
                raise self.fail(key_node, "merge keys (<<) are not supported; write the keys out")
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(key_node, "a mapping key must be a plain value, not a collection")
            self.tick(key_node)
            key = self.scalar(key_node)
            if isinstance(key, (dict, list)) or key is None:
                raise self.fail(key_node, "a mapping key must be a plain value")
            key_pos = self.lines.at(key_node.start_mark)
            if key in out:
                self.doc.duplicate_keys.append(((*path, key), key_pos))
                continue  # the first occurrence stands; the repeat is reported
            self.doc.key_positions[(*path, key)] = key_pos
            out[key] = self.build(value_node, (*path, key))
        return out

    def scalar(self, node: yaml.Node) -> Any:
        if node.tag == _STR:  # most values: the composed text is the value, nothing to construct
            return node.value
        if node.tag not in _SCALAR_TAGS:
            raise self.fail(node, f"unsupported tag {quoted(node.tag)}")
        try:
            value = self.loader.construct_object(node)
        except (ValueError, OverflowError, yaml.constructor.ConstructorError) as exc:
            # The constructor's own words ("day is out of range for month"), unless they quote
            # the value again, in full ("invalid literal for int()"): then what it had to be.
            reason = str(exc)
            if any(c in reason for c in "'\"\n") or len(reason) > 80:
                reason = f"not {_TAG_WORDS.get(node.tag, 'a valid value')}"
            raise self.fail(node, f"invalid value {quoted(node.value)}: {reason}") from None
        if isinstance(value, float) and not math.isfinite(value):
            raise self.fail(node, f"{quoted(node.value)} is not a finite number")
        return value


def iter_scalars(data: Any, path: KeyPath = ()) -> Iterator[tuple[KeyPath, Any]]:
    """Every scalar value in data with its key path, in document order."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from iter_scalars(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from iter_scalars(value, (*path, index))
    else:
        yield path, data
