"""Did you mean: the known names close to one that is not known, and the hint that offers them.

Every "unknown ..." message of every command (an objective, an indicator, a rule code, a key, a
country, a command) suggests through these two, with one measure of "close"."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

# difflib's similarity ratio a known name needs to be offered. 0.5 rather than difflib's 0.6:
# the ids people mistype are short, and one wrong character of two ("P3" for P1 or P2) is a
# ratio of exactly 0.5, so any higher cutoff offers nothing for them.
CUTOFF = 0.5
# How much less alike than the closest name another may be and still be offered: beside a
# name that is plainly meant ("lnt": lint at 0.86), one that only passes the cutoff (init at
# 0.57) is noise; names about as close as each other (P1.2, P2.2, P1.1) are all offered.
NEAR = 0.25


def close_names(name: str, known: Iterable[str], n: int = 3) -> list[str]:
    """At most n of the known names close to name, the closest first: each at least CUTOFF
    alike, and within NEAR of the closest."""
    close = difflib.get_close_matches(name, list(known), n=n, cutoff=CUTOFF)
    if len(close) < 2:
        return close
    # The ratios get_close_matches ranked by (it does not return them), as it computes them.
    ratios = [difflib.SequenceMatcher(None, c, name).ratio() for c in close]
    return [c for c, ratio in zip(close, ratios, strict=True) if ratio >= ratios[0] - NEAR]


def did_you_mean(suggestions: Sequence[str]) -> str:
    """The hint appended to an "unknown ..." message: "; did you mean a, b?" or nothing."""
    return f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
