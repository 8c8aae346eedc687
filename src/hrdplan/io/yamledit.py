"""Editing a user's YAML file: the one module that changes what an author wrote.

Two ways, one for each kind of change, so that a command never has to care which is used:

- `replace_scalars`: values replaced where they stand in the text (a catalogue pin, a renamed
  code). Everything else stays byte for byte, which no YAML emitter guarantees.
- `RoundTrip`: structural edits (keys and blocks added: `migrate --format 2`, `progress
  record`) through ruamel.yaml's round-trip mode, which keeps comments, key order, quoting,
  flow or block style and blank lines. Its indentation is the file's own (measured from the
  reader's positions), lines are never re-wrapped, line endings are the file's, and comments
  on lines of their own stay with the line they precede when keys or items are inserted.

`write_back` writes the result over the file, atomically, only if the file still holds what
was read; the command holds the file (`files.updating`) from before it reads it, so that two
commands updating one file take turns. ruamel.yaml is imported only here, and only when a
`RoundTrip` is made: lint never pays for it.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hrdplan.io.errors import InputError, Problem, quoted
from hrdplan.io.yamlio import Document, KeyPath, describe

if TYPE_CHECKING:
    from ruamel.yaml import YAML

    from hrdplan.io.files import Held

BOM = b"\xef\xbb\xbf"
# What may follow a plain scalar on its line: the end, a space, a flow indicator, a comment.
_AFTER_PLAIN = re.compile(r"(?:$|[ \t\r\n,\]}#\x85\u2028\u2029])")
# Lines are never re-wrapped: ruamel.yaml folds plain scalars longer than its width.
_NO_WRAP = 1 << 30


@dataclass(frozen=True)
class Edit:
    path: KeyPath
    old: str  # the value as read
    new: str


def replace_scalars(doc: Document, edits: list[Edit]) -> str:
    """The document's text with each edited scalar replaced where it stands, quotes kept.
    InputError if the text at a recorded position is not the value (a form such as a block
    scalar or an escape sequence, which is not rewritten in place)."""
    text = doc.text
    spans: list[tuple[int, int, str]] = []
    for edit in edits:
        pos = doc.positions[edit.path]
        offset = doc.offset(pos)
        quote = text[offset] if text[offset] in "'\"" else ""
        written = f"{quote}{edit.old}{quote}"
        end = offset + len(written)
        if text[offset:end] != written or (not quote and not _AFTER_PLAIN.match(text, end)):
            raise InputError(
                Problem(
                    doc.file,
                    f"{describe(edit.path)}: cannot rewrite {quoted(edit.old)} as written here; "
                    "write it as a plain or quoted value on one line",
                    pos.line,
                    pos.column,
                )
            )
        spans.append((offset, end, f"{quote}{edit.new}{quote}"))
    for start, end, replacement in sorted(spans, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


@dataclass(frozen=True)
class Indentation:
    """How a file indents: nested mappings, block sequence items (to the item's content), and
    the dash within that (ruamel.yaml's `indent(mapping=, sequence=, offset=)`)."""

    mapping: int = 2
    sequence: int = 4
    offset: int = 2


def indentation(doc: Document) -> Indentation:
    """The indentation most used in the file, from the reader's positions (so that text inside
    block scalars and comments never counts); the default where the file has no example."""
    lines = doc.text.split("\n")
    mappings: Counter[int] = Counter()
    sequences: Counter[tuple[int, int]] = Counter()
    for path, pos in doc.key_positions.items():
        parent = path[:-1]
        if parent and isinstance(parent[-1], str):
            above = doc.key_positions.get(parent)
            if above is not None and pos.line > above.line:
                mappings[pos.column - above.column] += 1
    for path, pos in doc.positions.items():
        if len(path) < 2 or not isinstance(path[-1], int) or not isinstance(path[-2], str):
            continue
        above = doc.key_positions.get(path[:-1])
        if above is None or pos.line <= above.line:
            continue  # a flow sequence on the key's line
        line = lines[pos.line - 1]
        before = line[: pos.column - 1].rstrip(" ")
        if before.endswith("-") and not before[:-1].strip(" "):
            dash = len(before) - 1
            sequences[(pos.column - above.column, dash - (above.column - 1))] += 1
    default = Indentation()
    mapping = mappings.most_common(1)[0][0] if mappings else default.mapping
    sequence, offset = (
        sequences.most_common(1)[0][0] if sequences else (default.sequence, default.offset)
    )
    if mapping < 1 or sequence < 2 or offset < 0 or offset > sequence - 2:
        return default  # nothing ruamel.yaml can write: its own default is as good
    return Indentation(mapping, sequence, offset)


class RoundTrip:
    """A user's YAML file loaded for structural edits. Change `data` (ruamel.yaml's commented
    maps and sequences; use `insert_key` and `insert_item` to add, so that comments stay in
    place), then `text()` is the file as it is to be written."""

    def __init__(self, doc: Document) -> None:
        from ruamel.yaml.error import YAMLError

        self.doc = doc
        self.crlf = "\r\n" in doc.text
        # ruamel.yaml keeps a CR inside comments and doubles it on output: it reads LF only.
        self._source = doc.text.replace("\r\n", "\n") if self.crlf else doc.text
        self._yaml = _yaml(indentation(doc))
        try:
            self.data: Any = self._yaml.load(self._source)
        except YAMLError as exc:  # the one reader accepted it: a difference between the two
            mark = getattr(exc, "problem_mark", None)
            line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
            message = f"cannot edit this file's YAML: {getattr(exc, 'problem', None) or exc}"
            raise InputError(Problem(doc.file, message, line, column)) from None

    def text(self) -> str:
        """The edited file's text, in the file's own line endings."""
        out = self._dump(self.data)
        return out.replace("\n", "\r\n") if self.crlf else out

    def faithful(self) -> bool:
        """Whether the file as read comes back unchanged when written without an edit; if not,
        a write also normalises layout outside the edited nodes (mixed indentation, spaces
        before a value), which a command says."""
        return self._dump(self._yaml.load(self._source)) == self._source

    def _dump(self, data: Any) -> str:
        import io

        out = io.StringIO()
        self._yaml.dump(data, out)
        return out.getvalue()


def _yaml(indent: Indentation) -> YAML:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.Representer = _representer()
    yaml.preserve_quotes = True
    yaml.width = _NO_WRAP
    yaml.indent(mapping=indent.mapping, sequence=indent.sequence, offset=indent.offset)
    return yaml


@functools.cache
def _representer() -> type:
    """ruamel's round-trip representer, writing a float Python shows with an exponent and no
    point (1e+308, 1e-05) with one (1.0e+308): YAML 1.1, as files are read, takes `1e+308`
    for words."""
    from ruamel.yaml.representer import RoundTripRepresenter

    class Representer(RoundTripRepresenter):
        def represent_exponent(self, data: float) -> Any:
            mantissa, exponent, power = repr(data).partition("e")
            if exponent and "." not in mantissa and math.isfinite(data):
                text = f"{mantissa}.0e{power}"
                return self.represent_scalar("tag:yaml.org,2002:float", text)
            return self.represent_float(data)

    Representer.add_representer(float, Representer.represent_exponent)
    return Representer


def flow_map(**items: Any) -> Any:
    """A mapping written on one line, `{value: 12, year: 2020}`."""
    from ruamel.yaml.comments import CommentedMap

    mapping = CommentedMap(items)
    mapping.fa.set_flow_style()
    return mapping


def flow_seq(*items: Any) -> Any:
    """A sequence written on one line, `[a, b]`."""
    from ruamel.yaml.comments import CommentedSeq

    sequence = CommentedSeq(items)
    sequence.fa.set_flow_style()
    return sequence


def block_map(**items: Any) -> Any:
    """A mapping written one key a line."""
    from ruamel.yaml.comments import CommentedMap

    return CommentedMap(items)


def block_seq(*items: Any) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    return CommentedSeq(items)


def insert_key(mapping: Any, index: int, key: str, value: Any) -> None:
    """Insert `key: value` at position `index` of a round-trip mapping. The comment lines
    between the key before and the one after stay above the one after: ruamel.yaml files them
    under the key before, which would put them above the new key instead."""
    keys = list(mapping)
    moved = _detach_trailing(mapping, keys[index - 1]) if 0 < index <= len(keys) else None
    mapping.insert(index, key, value)
    if moved is not None:
        _attach_trailing(mapping, key, moved)


def insert_item(sequence: Any, index: int, value: Any) -> None:
    """Insert `value` at position `index` of a round-trip sequence, comment lines kept above
    the item they preceded (as `insert_key`)."""
    moved = _detach_trailing(sequence, index - 1) if 0 < index <= len(sequence) else None
    sequence.insert(index, value)
    if moved is not None:
        _attach_trailing(sequence, index, moved)


def _slot(container: Any, key: Any) -> tuple[Any, Any]:
    """Where ruamel.yaml keeps the comment that follows the value at `key`: in the deepest
    last entry of a block collection, else at the key itself."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    value = container[key]
    while (
        isinstance(value, (CommentedMap, CommentedSeq)) and len(value) and not value.fa.flow_style()
    ):
        container, key = (
            value,
            (list(value)[-1] if isinstance(value, CommentedMap) else len(value) - 1),
        )
        value = container[key]
    return container, key


def _comment_index(container: Any) -> int:
    from ruamel.yaml.comments import CommentedMap

    return 2 if isinstance(container, CommentedMap) else 0


def _detach_trailing(container: Any, key: Any) -> str | None:
    """Take the comment lines after the value at `key` (not a comment on its own line) off
    it, returned as text; None when there are none."""
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    owner, at = _slot(container, key)
    entry = owner.ca.items.get(at)
    index = _comment_index(owner)
    token = entry[index] if entry and len(entry) > index else None
    if token is None or not isinstance(token.value, str):
        return None
    block = isinstance(owner[at], (LiteralScalarString, FoldedScalarString))
    value: str = token.value
    if value.startswith("#") and not block:  # a comment on the value's own line first
        head, _, rest = value.partition("\n")
        if not rest.strip():
            return None
        token.value = f"{head}\n"
        return rest
    if not value.strip():
        return None  # blank lines only: they stay where they are
    entry[index] = None
    if block and value.startswith("#"):
        # After a block scalar the first comment line's indentation is kept as the token's
        # column, not in its text: put it back, or the line would move to column 1.
        value = " " * token.column + value
    return value.removeprefix("\n")


def _attach_trailing(container: Any, key: Any, text: str) -> None:
    """Put comment lines after the value at `key` (the new last entry before them)."""
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    owner, at = _slot(container, key)
    index = _comment_index(owner)
    entry = owner.ca.items.setdefault(at, [None] * (4 if isinstance(owner, CommentedMap) else 2))
    while len(entry) <= index:
        entry.append(None)
    entry[index] = CommentToken(f"\n{text}", CommentMark(0), None)


def write_back(held: Held, name: str, read: str, text: str) -> None:
    """Replace the file, held (`files.updating`) since before it was read as `read`, by
    `text`, atomically; a byte-order mark is kept. The file must still hold what was read,
    now and just before the rename: an edit made meanwhile by something that does not take
    the lock (an editor) is never lost either (the write is refused, the file left as it is)."""
    from hrdplan.io.files import CHANGED, atomic_write, current_bytes

    path = held.path
    data = read.encode("utf-8")
    now = current_bytes(path, len(data) + len(BOM))
    bom = BOM if now is not None and now.startswith(BOM) else b""
    if now is None or now[len(bom) :] != data:
        raise InputError(Problem(name, CHANGED))
    atomic_write(path, bom.decode("utf-8") + text, overwrite=True, expect=now)


def text_scalar(value: str) -> Any:
    """A string as ruamel.yaml is to write it so that the one reader reads it back as that
    string: ruamel.yaml writes YAML 1.2, where `yes`, `on` or `12:30` are plain text, while
    the reader (YAML 1.1, as PyYAML) takes them for a boolean or a number. Quoted then."""
    import yaml
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    try:
        same = yaml.safe_load(value) == value and "\n" not in value
    except yaml.YAMLError:
        same = False
    return value if same else DoubleQuotedScalarString(value)
