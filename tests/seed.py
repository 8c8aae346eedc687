"""An independent reading of the Action Plan's Dutch text (tests/data), to check the catalogue.

The seed is Markdown converted from the Council document: headings for lines of action and
sections, lettered actions as list items (`- a. ...`), footnote markers as `<sup>N</sup>`.
This parser knows nothing of the catalogue, so that a transcription error cannot hide in a
shared helper.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

SEED = Path(__file__).parent / "data" / "action-plan-2020-2024.nl.md"

_FOOTNOTE_MARK = re.compile(r"<sup>\d+</sup>")
_FOOTNOTE = re.compile(r"^<sup>(\d+)</sup>\s*(.*)$")
_LINE_HEADING = re.compile(r"^#+\s*\**(\d)\.?\s+([A-Z][A-Z ,:\-ÉË]+?)\**\s*$")
_SECTION_HEADING = re.compile(r"^#+\s*\**(\d)\.(\d)\s+(.+?)\**\s*$")
_ITEM = re.compile(r"^- ([a-z])\. (.+)$")
_PLANNING = re.compile(r"^[#\s]*\**Planning: (.+?)\**$")
_SUBHEADING = re.compile(r"^#+\s*\**(.+?)\**\s*$")


def clean(text: str) -> str:
    """Plain text as the catalogue holds it: no footnote markers, no emphasis, single spaces."""
    text = _FOOTNOTE_MARK.sub("", text)
    text = text.replace("**", "").replace("*", "")
    return " ".join(text.split())


@dataclass
class SeedItem:
    code: str
    text: str
    footnotes: list[str] = field(default_factory=list)
    heading: str | None = None  # 5.2: the milestone heading above the item
    planning: str | None = None  # 5.2: "Planning: ..."


@dataclass
class Seed:
    lines: dict[str, str]  # "1" -> heading
    sections: dict[str, str]  # "1.1" -> heading
    items: dict[str, SeedItem]  # "1.1.a" -> item
    line_intros: dict[str, str]  # "1" -> first paragraph below the heading
    footnotes: dict[str, str]


def read_seed(path: Path = SEED) -> Seed:
    lines: dict[str, str] = {}
    sections: dict[str, str] = {}
    items: dict[str, SeedItem] = {}
    intros: dict[str, str] = {}
    footnotes: dict[str, str] = {}
    section: str | None = None
    awaiting_intro: str | None = None
    heading: str | None = None
    planning: str | None = None
    started = False
    for raw in path.read_text(encoding="utf-8").splitlines():
        text = raw.strip()
        if not text:
            continue
        if m := _FOOTNOTE.match(text):
            footnotes[m.group(1)] = m.group(2)
            continue
        if text.startswith("**EU-ACTIEPLAN"):
            started = True
            continue
        if not started:
            continue
        if m := _SECTION_HEADING.match(text):
            section = f"{m.group(1)}.{m.group(2)}"
            sections[section] = clean(m.group(3))
            awaiting_intro = None
            continue
        if m := _LINE_HEADING.match(text):
            lines[m.group(1)] = clean(m.group(2))
            awaiting_intro = m.group(1)
            continue
        if m := _PLANNING.match(text):
            planning = clean(m.group(1))
            continue
        if text.startswith("#") and (m := _SUBHEADING.match(text)):
            heading = clean(m.group(1))
            continue
        if m := _ITEM.match(text):
            assert section is not None, f"item before any section: {text[:40]}"
            code = f"{section}.{m.group(1)}"
            assert code not in items, f"letter twice in the seed: {code}"
            marks = re.findall(r"<sup>(\d+)</sup>", m.group(2))
            items[code] = SeedItem(code, clean(m.group(2)), marks, heading, planning)
            heading = planning = None
            continue
        if awaiting_intro is not None and not text.startswith(("-", "#", "<")):
            intros[awaiting_intro] = clean(text)
            awaiting_intro = None
        elif section == "3.6" and text.startswith("Mensenrechten gelden online"):
            # Chapter 4's introduction: the seed lacks its heading, so it follows section 3.6.
            intros["4"] = clean(text)
    return Seed(lines, sections, items, intros, footnotes)
