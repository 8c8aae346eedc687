"""The word diff: the same as difflib's over every word on texts of a paragraph, near linear on
long ones (paragraphs compared first, words only inside a changed run, a long run replaced
whole), and always a diff that gives both texts back."""

from __future__ import annotations

import difflib
import random
from typing import Any

import pytest

from hrdplan.review import words
from hrdplan.review.words import MAX_WORDS, Segment, normal, tokens, word_diff

VOCABULARY = ["the", "of", "and", "a", "to", "in", "human", "rights", "women", "is", "for", "on"]


def whole(old: str, new: str) -> list[Segment]:
    """The word diff as difflib gives it over every word of both texts (the reference)."""
    before, after = tokens(normal(old)), tokens(normal(new))
    matcher = difflib.SequenceMatcher(
        None, [t.strip() for t in before], [t.strip() for t in after], autojunk=False
    )
    out: list[Segment] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        pieces = [("equal", after[j1:j2])] if tag == "equal" else []
        pieces = pieces or [("delete", before[i1:i2]), ("insert", after[j1:j2])]
        for op, run in pieces:
            text = "".join(run)
            if not text:
                continue
            if out and out[-1].op == op:
                out[-1] = Segment(out[-1].op, out[-1].text + text)
            else:
                out.append(Segment(op, text))  # type: ignore[arg-type]
    return out


def edited(rng: random.Random, text: list[str], edits: int) -> list[str]:
    out = list(text)
    for _ in range(edits):
        k = rng.randrange(len(out) + 1)
        roll = rng.random()
        if roll < 0.4 and out:
            del out[min(k, len(out) - 1)]
        elif roll < 0.7:
            out.insert(k, rng.choice(VOCABULARY))
        elif out:
            out[min(k, len(out) - 1)] = rng.choice(VOCABULARY)
    return out


def sides(segments: list[Segment]) -> tuple[str, str]:
    """The new text the segments give, and the old one's characters but spaces (an equal
    run carries the new text's spacing, as a redline shows it)."""
    old = "".join(s.text for s in segments if s.op != "insert")
    new = "".join(s.text for s in segments if s.op != "delete")
    return "".join(old.split()), new


def changes(segments: list[Segment]) -> list[tuple[str, str]]:
    return [(s.op, s.text.strip()) for s in segments if s.op != "equal"]


def texts(old: str, new: str) -> tuple[str, str]:
    return "".join(old.split()), normal(new)


def test_one_paragraph_diffs_as_difflib_over_every_word() -> None:
    rng = random.Random(7)
    for _ in range(1000):
        text = [rng.choice(VOCABULARY) for _ in range(rng.randint(0, 40))]
        old, new = " ".join(text), " ".join(edited(rng, text, rng.randint(0, 4)))
        assert word_diff(old, new) == whole(old, new), (old, new)


def test_paragraphs_diff_to_both_texts_and_alike_where_one_changed() -> None:
    rng = random.Random(11)
    for _ in range(300):
        paragraphs = [
            " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(1, 12)))
            for _ in range(rng.randint(1, 6))
        ]
        changed = list(paragraphs)
        k = rng.randrange(len(changed))
        changed[k] = " ".join(edited(rng, changed[k].split(), 3))
        old, new = "\n\n".join(paragraphs), "\n\n".join(changed)
        segments = word_diff(old, new)
        assert sides(segments) == texts(old, new)
        # What changed is what changed in the one paragraph, found as difflib finds it there.
        assert changes(segments) == changes(whole(paragraphs[k], changed[k]))


def test_a_wrapping_or_paragraph_change_alone_changes_no_word() -> None:
    old = "Ghana is stable. Since 1992 it has held elections.\n\nThe next paragraph."
    new = "Ghana is stable.\nSince 1992 it has held\nelections.\n\n\n\nThe next paragraph."
    assert [s.op for s in word_diff(old, new)] == ["equal"]
    assert [s.op for s in word_diff("A B C D", "A B\n\nC D")] == ["equal"]


def _long(count: int, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    return [rng.choice(VOCABULARY) for _ in range(count)]


@pytest.mark.parametrize("count", [10_000, 40_000])
def test_long_texts_are_compared_within_a_bound(
    count: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """40,000 words of prose (difflib alone: minutes) in one paragraph and in paragraphs of 80,
    each with edits: no matcher is ever given more than MAX_WORDS words."""
    sizes: list[int] = []
    real = difflib.SequenceMatcher

    def counted(junk: Any, a: list[str], b: list[str], autojunk: bool = True) -> Any:
        sizes.append(max(len(a), len(b)))
        return real(junk, a, b, autojunk=autojunk)

    monkeypatch.setattr(difflib, "SequenceMatcher", counted)
    text = _long(count)
    one_edit = [*text[: count // 2], "changed", *text[count // 2 + 1 :]]
    paragraphs = ["\n\n".join(" ".join(text[i : i + 80]) for i in range(0, count, 80))]
    every_seventh = [
        " ".join(text[i : i + 80]).replace(" the ", " a ", 2) if i % 560 == 0 else
        " ".join(text[i : i + 80])
        for i in range(0, count, 80)
    ]  # fmt: skip
    for old, new in (
        (" ".join(text), " ".join(one_edit)),
        (paragraphs[0], "\n\n".join(every_seventh)),
        (" ".join(text), " ".join(_long(count, seed=4))),  # rewritten whole
    ):
        sizes.clear()
        segments = word_diff(old, new)
        assert sides(segments) == texts(old, new)
        assert max(sizes, default=0) <= words.MAX_PARAGRAPHS
        assert all(size <= MAX_WORDS for size in sizes[1:]), sizes[:5]
    # The one edit in one long paragraph is found as the one word it is.
    segments = word_diff(" ".join(text), " ".join(one_edit))
    assert [s.op for s in segments] == ["equal", "delete", "insert", "equal"]
    assert segments[2].text.strip() == "changed"


def test_a_long_run_rewritten_is_replaced_whole() -> None:
    old, new = " ".join(_long(5000)), " ".join(_long(5000, seed=9))
    segments = word_diff(old, new)
    assert [s.op for s in segments if s.op != "equal"] == ["delete", "insert"]
    assert sides(segments) == texts(old, new)


def test_similarity_is_difflib_s_ratio_within_the_bound() -> None:
    rng = random.Random(5)
    for _ in range(500):
        text = [rng.choice(VOCABULARY) for _ in range(rng.randint(0, 30))]
        old, new = " ".join(text), " ".join(edited(rng, text, rng.randint(0, 6)))
        expected = difflib.SequenceMatcher(None, old.split(), new.split(), autojunk=False)
        assert words.similarity(old, new) == (expected.ratio() if old or new else 1.0)


def test_similarity_of_long_texts_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    sizes: list[int] = []
    real = difflib.SequenceMatcher

    def counted(junk: Any, a: list[str], b: list[str], autojunk: bool = True) -> Any:
        sizes.append(max(len(a), len(b)))
        return real(junk, a, b, autojunk=autojunk)

    monkeypatch.setattr(difflib, "SequenceMatcher", counted)
    text = _long(40_000)
    assert words.similarity(" ".join(text), " ".join(_long(40_000, seed=8))) < 0.5
    assert words.similarity(" ".join(text), " ".join(["new", *text[1:]])) > 0.99
    assert max(sizes, default=0) <= MAX_WORDS
