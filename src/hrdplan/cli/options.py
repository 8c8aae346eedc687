"""Options several commands share, declared once."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hrdplan.cli import completion

if TYPE_CHECKING:
    from hrdplan.catalogue.registry import Registry
    from hrdplan.io.config import Found


class Lang(StrEnum):
    en = "en"
    nl = "nl"


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


def registry_for(catalogue_dir: list[Path] | None, found: Found | None = None) -> Registry:
    """Every catalogue a command may use: the shipped ones, then the `catalogue-dirs` of the
    configuration (`found`, else the one found from the current folder upwards, as lint finds
    it), then the --catalogue-dir folders; a later folder's version of an id@version takes
    precedence."""
    from hrdplan.catalogue.registry import Registry
    from hrdplan.io import config

    found = found or config.load(config.discover())
    return Registry((*found.catalogue_dirs(), *(catalogue_dir or [])))
