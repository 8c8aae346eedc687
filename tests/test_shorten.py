"""One way to shorten a text to a line: lint messages, the catalogue diff, scaffold comments."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Run

from hrdplan.io.text import shorten


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("short", 10, "short"),
        ("  spread\n over\tlines  ", 40, "spread over lines"),
        ("exactly ten", 11, "exactly ten"),
        (
            "Women among members of the National Assembly",
            40,
            "Women among members of the National...",
        ),
        ("cut after a whole word here", 13, "cut after..."),  # the cut falls on a space
        ("Supercalifragilistic", 10, "Superca..."),  # one long word is cut as it is
    ],
)
def test_shorten(text: str, width: int, expected: str) -> None:
    assert shorten(text, width) == expected
    assert len(shorten(text, width)) <= width


def test_catalogue_diff_labels_end_at_a_word(cli: Run) -> None:
    # Across ids nothing is linked: every objective of the shipped catalogue is "removed",
    # with its text shortened to 70 characters.
    dirs = ("--catalogue-dir", Path(__file__).parent / "fixtures" / "catalogues" / "versions")
    result = cli("catalogue", "diff", "eu-hrd-2020-2024@1.0.0", "test-plan@3.0.0", *dirs)
    assert result.code == 0, result
    line = next(x for x in result.stdout.splitlines() if x.startswith("  removed   1.1.b "))
    assert (
        line == "  removed   1.1.b  Strive to eradicate torture and cruel, inhuman or degrading..."
    )


def test_scaffold_comment_is_shortened_at_a_word(run: Run, tmp_path: Path) -> None:
    assert run("new-strategy", "Peru", "--priority", "1.1.d").code == 0
    text = (tmp_path / "strategies" / "pe-2021-2025.yaml").read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if "objective: 1.1.d" in x)
    # The objective goes on "civilian and humanitarian ...": no "human..." cut inside the word.
    assert line.endswith(
        "# Do more to protect civilians in armed conflict, including as regards civilian and..."
    )
