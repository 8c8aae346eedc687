"""The languages of a catalogue's texts, which are also the languages of the documents' labels
and of every `--lang` option. Kept apart from the models so the CLI can declare its options
without importing pydantic."""

from __future__ import annotations

from typing import Literal, get_args

Lang = Literal["en", "nl"]
LANGS: tuple[Lang, ...] = get_args(Lang)
