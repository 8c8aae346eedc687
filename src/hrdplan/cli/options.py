"""Options several commands share, declared once."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from hrdplan.catalogue.lang import Lang
from hrdplan.cli import completion


class TextOrJson(StrEnum):
    text = "text"
    json = "json"


LangOption = Annotated[
    Lang, typer.Option("--lang", metavar="LANG", help="Language of catalogue texts: en or nl.")
]
FormatOption = Annotated[
    TextOrJson, typer.Option("--format", metavar="FORMAT", help="Output format: text or json.")
]
CatalogueOption = Annotated[
    str | None,
    typer.Option(
        "--catalogue",
        metavar="ID[@VERSION]",
        help="Catalogue to use (default: the newest version of the shipped catalogue).",
        autocompletion=completion.catalogue_refs,
    ),
]
CatalogueDirOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--catalogue-dir",
        metavar="DIR",
        help="Extra folder of catalogues laid out as ID/VERSION.yaml (repeatable).",
    ),
]
ColorOption = Annotated[
    str,
    typer.Option(
        "--color",
        help="auto, always or never.",
        metavar="WHEN",
        autocompletion=completion.colors,
    ),
]
