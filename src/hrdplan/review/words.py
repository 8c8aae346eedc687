"""A word-level diff of two paragraphs: what a reviewer reads, and what a redline marks."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal

Op = Literal["equal", "delete", "insert"]

# A word with the spaces after it: joining the pieces gives the text back exactly, and a change
# of wrapping alone (a YAML block re-flowed) is not a change of words.
_TOKEN = re.compile(r"\S+\s*|\s+")


@dataclass(frozen=True)
class Segment:
    """A run of text the two versions share, or that one of them has alone."""

    op: Op
    text: str


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def normal(text: str) -> str:
    """The text's words, one space apart: what is compared."""
    return " ".join(text.split())


# Paragraphs are separated by a blank line (YAML folds a block's single line breaks).
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")
# The most words of a changed run compared word by word. difflib's matcher is quadratic and
# worse on prose (every "the" matches every other), so a longer run (a paragraph rewritten
# whole, or a hostile file) is shown as replaced whole: a few hundredths of a second at most.
MAX_WORDS = 2000

# The most paragraphs of a changed run compared paragraph by paragraph (a longer run is
# replaced whole, as its words are more than MAX_WORDS).
MAX_PARAGRAPHS = 5000

Opcode = tuple[Literal["replace", "delete", "insert", "equal"], int, int, int, int]


def word_diff(old: str, new: str) -> list[Segment]:
    """The segments that turn old into new, word by word; deleted before inserted where a
    run of words was replaced (as a redline shows it). Whitespace is normalised first.

    Near linear: paragraphs are compared first, and words only inside a run of changed
    paragraphs, after the words the run begins and ends with alike are set aside; a run of
    more than MAX_WORDS words is replaced whole."""
    before, after = tokens(normal(old)), tokens(normal(new))
    # Compared without the trailing spaces, so that a word that ends the text matches too.
    a, b = [t.strip() for t in before], [t.strip() for t in after]
    old_spans, new_spans = _paragraphs(old), _paragraphs(new)
    out: list[Segment] = []

    def add(op: Op, words: list[str]) -> None:
        text = "".join(words)
        if not text:
            return
        if out and out[-1].op == op:
            out[-1] = Segment(op, out[-1].text + text)
        else:
            out.append(Segment(op, text))

    # A paragraph repeated all over a long text (a "-") anchors nothing: difflib's autojunk.
    paragraphs = _opcodes(
        [" ".join(a[s:e]) for s, e in old_spans],
        [" ".join(b[s:e]) for s, e in new_spans],
        limit=MAX_PARAGRAPHS,
        autojunk=True,
    )
    for tag, p1, p2, q1, q2 in paragraphs:
        i1, i2 = _words_of(old_spans, p1, p2)
        j1, j2 = _words_of(new_spans, q1, q2)
        if tag == "equal":
            add("equal", after[j1:j2])
            continue
        for op, k1, k2, l1, l2 in _opcodes(a[i1:i2], b[j1:j2], limit=MAX_WORDS):
            if op == "equal":
                add("equal", after[j1 + l1 : j1 + l2])
            else:
                add("delete", before[i1 + k1 : i1 + k2])
                add("insert", after[j1 + l1 : j1 + l2])
    return out


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Each paragraph's words as a range of the text's words (those of `tokens(normal(...))`)."""
    spans, at = [], 0
    for paragraph in _PARAGRAPH_BREAK.split(text):
        count = len(paragraph.split())
        if count:
            spans.append((at, at + count))
            at += count
    return spans


def _words_of(spans: list[tuple[int, int]], first: int, last: int) -> tuple[int, int]:
    """The range of words of paragraphs first to last (exclusive)."""
    if first == last:
        at = spans[first][0] if first < len(spans) else (spans[-1][1] if spans else 0)
        return at, at
    return spans[first][0], spans[last - 1][1]


def _opcodes(a: list[str], b: list[str], *, limit: int, autojunk: bool = False) -> list[Opcode]:
    """difflib's opcodes for a against b. Beyond `limit` items on a side, what both begin and
    end with alike is set aside first (in linear time: an edit in a long text leaves a short
    middle to compare), and a middle still longer than `limit` is one replacement."""
    if max(len(a), len(b)) <= limit:
        return difflib.SequenceMatcher(None, a, b, autojunk=autojunk).get_opcodes()
    size = min(len(a), len(b))
    head = 0
    while head < size and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < size - head and a[len(a) - 1 - tail] == b[len(b) - 1 - tail]:
        tail += 1
    middle_a, middle_b = a[head : len(a) - tail], b[head : len(b) - tail]
    out: list[Opcode] = [("equal", 0, head, 0, head)] if head else []
    if max(len(middle_a), len(middle_b)) > limit:
        out.append(("replace", head, len(a) - tail, head, len(b) - tail))
    elif middle_a or middle_b:
        matcher = difflib.SequenceMatcher(None, middle_a, middle_b, autojunk=autojunk)
        out += [
            (tag, i1 + head, i2 + head, j1 + head, j2 + head)
            for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        ]
    if tail:
        out.append(("equal", len(a) - tail, len(a), len(b) - tail, len(b)))
    return out


def similarity(old: str, new: str) -> float:
    """How alike two texts are, word by word (0 to 1): to pair rewordings of one another.
    difflib's ratio, within the word diff's bound: beyond it, the middle the texts do not
    share at their ends counts as unlike."""
    a, b = normal(old).lower().split(), normal(new).lower().split()
    if not a and not b:
        return 1.0
    alike = sum(i2 - i1 for tag, i1, i2, _, _ in _opcodes(a, b, limit=MAX_WORDS) if tag == "equal")
    return 2 * alike / (len(a) + len(b))
