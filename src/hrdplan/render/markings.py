"""The marking a document carries, as the EU writes it: the one definition every template uses.

A strategy's `classification` is one of the EU's own markings, never translated (a marking is
a handling instruction read by people of every language, and Dutch "GERUBRICEERD" loses the
level):

- `restricted`: the EU classification `RESTREINT UE/EU RESTRICTED` (Council Decision
  2013/488/EU, Article 2; Commission Decision (EU, Euratom) 2015/444, Article 3), marked on
  every page (2015/444, Article 25);
- `limited`: the distribution marking `LIMITE` of the Council's documents internal to the
  Council (Council document 11336/11, "Guidelines for handling of documents internal to the
  Council"): not a classification, a limit on who may receive the document;
- `public`: no marking. The EU marks no "PUBLIC": a document without a marking is public. The
  page margins stay empty and the title block says, in the reader's language, that the
  document is public.

A public extract of a strategy not yet adopted carries a stamp instead, `DRAFT – NOT FOR
PUBLICATION` (an en dash), in the same words in every language, like a marking.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

MARKINGS: dict[str, str] = {
    "public": "",
    "limited": "LIMITE",
    "restricted": "RESTREINT UE/EU RESTRICTED",
}
DRAFT_STAMP = "DRAFT – NOT FOR PUBLICATION"

# Which ink the page margins use: the classification, or "draft" for a stamped extract.
Tone = Literal["public", "limited", "restricted", "draft"]
TONES: dict[str, Tone] = {"public": "public", "limited": "limited", "restricted": "restricted"}


@dataclass(frozen=True)
class Marking:
    """What a document carries in its banner and page margins (`text`, "" for none) and in its
    title block (`classification`: the strategy's own, for the words of the labels)."""

    text: str
    tone: Tone
    classification: str
    own: str  # the strategy's own marking ("" for public), which an extract does not carry
    public_extract: bool = False
    draft: bool = False  # a stamped extract of a strategy not adopted


def marking_text(classification: str) -> str:
    """The EU marking of a classification ("" for public, or for a value it does not know)."""
    return MARKINGS.get(classification, "")


def marking(classification: str, *, public: bool = False, draft_extract: bool = False) -> Marking:
    """The marking of a document: its classification's, none for a public extract, the draft
    stamp for a public extract of a strategy not yet adopted."""
    own = marking_text(classification)
    if public and draft_extract:
        return Marking(DRAFT_STAMP, "draft", classification, own, public_extract=True, draft=True)
    if public:
        return Marking("", "public", classification, own, public_extract=True)
    return Marking(own, TONES.get(classification, "public"), classification, own)
