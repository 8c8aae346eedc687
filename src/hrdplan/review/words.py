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


def word_diff(old: str, new: str) -> list[Segment]:
    """The segments that turn old into new, word by word; deleted before inserted where a
    run of words was replaced (as a redline shows it). Whitespace is normalised first."""
    before, after = tokens(normal(old)), tokens(normal(new))
    # Compared without the trailing spaces, so that a word that ends the text matches too.
    matcher = difflib.SequenceMatcher(
        None, [t.strip() for t in before], [t.strip() for t in after], autojunk=False
    )
    out: list[Segment] = []

    def add(op: Op, words: list[str]) -> None:
        text = "".join(words)
        if not text:
            return
        if out and out[-1].op == op:
            out[-1] = Segment(op, out[-1].text + text)
        else:
            out.append(Segment(op, text))

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("equal", after[j1:j2])
        else:
            add("delete", before[i1:i2])
            add("insert", after[j1:j2])
    return out


def similarity(old: str, new: str) -> float:
    """How alike two texts are, word by word (0 to 1): to pair rewordings of one another."""
    a, b = normal(old).lower().split(), normal(new).lower().split()
    if not a and not b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
