"""Options several commands share, declared once: one name, one help text, one behaviour."""

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
    Lang | None,
    typer.Option(
        "--lang",
        metavar="LANG",
        help="Language of the labels and catalogue texts, en or nl (default: a strategy's own "
        "language where there is one and it is en or nl, else en).",
        show_default=False,
    ),
]
FormatOption = Annotated[
    TextOrJson, typer.Option("--format", metavar="FORMAT", help="Output format: text or json.")
]
CatalogueOption = Annotated[
    str | None,
    typer.Option(
        "--catalogue",
        metavar="ID[@VERSION]",
        help="Catalogue to use, ID or ID@VERSION (default: the newest version of the shipped "
        "catalogue; an ID alone: its newest version).",
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
ForceOption = Annotated[
    bool,
    typer.Option(
        "--force", help="Replace an existing file that the command would otherwise refuse to."
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
