"""Options several commands share, declared once."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from hrdplan.catalogue.lang import Lang


class TextOrJson(StrEnum):
    text = "text"
    json = "json"


LangOption = Annotated[Lang, typer.Option("--lang", help="Language of catalogue texts.")]
FormatOption = Annotated[TextOrJson, typer.Option("--format", help="Output format.")]
CatalogueOption = Annotated[
    str | None,
    typer.Option(
        "--catalogue",
        metavar="ID[@VERSION]",
        help="Catalogue to use (default: the newest version of the shipped catalogue).",
    ),
]
CatalogueDirOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--catalogue-dir",
        metavar="DIR",
        help="Extra folder of catalogues laid out as <id>/<version>.yaml (repeatable).",
    ),
]
