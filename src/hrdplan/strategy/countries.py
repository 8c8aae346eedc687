"""Countries: ISO 3166-1 through pycountry, the names people actually type, and EU membership."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from hrdplan.catalogue.model import fold
from hrdplan.io.errors import NotFound, quoted
from hrdplan.io.suggest import close_names, did_you_mean

# The 27 member states (since 1 February 2020). The plan concerns third countries only.
EU_MEMBER_STATES = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "ES",
        "FI",
        "FR",
        "GR",
        "HR",
        "HU",
        "IE",
        "IT",
        "LT",
        "LU",
        "LV",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SE",
        "SI",
        "SK",
    ]
)

# The EU's protocol order of the member states: by their names in their own languages (België,
# Bulgarija, Česko, Danmark, Deutschland, Eesti, Éire, Elláda, España, France, Hrvatska, Italia,
# Kýpros, Latvija, Lietuva, Luxembourg, Magyarország, Malta, Nederland, Österreich, Polska,
# Portugal, România, Slovenija, Slovensko, Suomi, Sverige), as the EU lists them. Greece is GR
# in ISO 3166-1 and EL in the EU's own lists: both are accepted.
PROTOCOL_ORDER = (
    "BE", "BG", "CZ", "DK", "DE", "EE", "IE", "GR", "ES", "FR", "HR", "IT", "CY", "LV",
    "LT", "LU", "HU", "MT", "NL", "AT", "PL", "PT", "RO", "SI", "SK", "FI", "SE",
)  # fmt: skip
_PROTOCOL_RANK = {code: rank for rank, code in enumerate(PROTOCOL_ORDER)} | {"EL": 7}


def protocol_order(codes: Iterable[str]) -> list[str]:
    """Member state codes in the EU's protocol order; anything else after them, as given."""
    listed = list(codes)
    return sorted(listed, key=lambda c: _PROTOCOL_RANK.get(c.upper(), len(PROTOCOL_ORDER)))


# Kosovo has an EU office and no ISO 3166-1 code; the EU and ISO's user-assigned range use XK.
EXTRA = {"XK": ("Kosovo", "XKX")}

# Names in common English use that ISO's lists do not carry.
ALIASES = {
    "ivory coast": "CI",
    "cote d'ivoire": "CI",
    "dr congo": "CD",
    "drc": "CD",
    "democratic republic of the congo": "CD",
    "congo-kinshasa": "CD",
    "republic of the congo": "CG",
    "congo-brazzaville": "CG",
    "russia": "RU",
    "turkey": "TR",
    "burma": "MM",
    "swaziland": "SZ",
    "east timor": "TL",
    "cape verde": "CV",
    "macedonia": "MK",
    "palestine": "PS",
    "the gambia": "GM",
    "vatican": "VA",
    "holy see": "VA",
    "micronesia": "FM",
    "kosovo": "XK",
    "uk": "GB",
    "great britain": "GB",
    "united states of america": "US",
    "usa": "US",
}


@dataclass(frozen=True)
class Country:
    alpha_2: str
    alpha_3: str
    name: str  # the short English name people know ("Bolivia", not "Bolivia, Plurinational ...")

    @property
    def is_eu_member(self) -> bool:
        return self.alpha_2 in EU_MEMBER_STATES


def by_code(code: str) -> Country | None:
    """The country with this ISO 3166-1 alpha-2 code (exact, upper case), if any."""
    if code in EXTRA:
        name, alpha_3 = EXTRA[code]
        return Country(code, alpha_3, name)
    if len(code) != 2 or not code.isupper():
        return None
    table = _alpha_2_table()
    if table is not None:
        record = table.get(code)
        return _country(SimpleNamespace(**record)) if record is not None else None
    import pycountry

    found = pycountry.countries.get(alpha_2=code)
    return _country(found) if found is not None else None


@functools.cache
def _alpha_2_table() -> dict[str, dict[str, str]] | None:
    """pycountry's ISO 3166-1 records by alpha-2 code, read straight from its database file.

    `hrdplan lint` looks up one code per file; importing pycountry for it would read every
    installed package's metadata (pycountry asks for its own version) and cost a one-file lint
    about a tenth of its time. None if the file is not where pycountry keeps it: pycountry then
    answers.
    """
    import importlib.util

    spec = importlib.util.find_spec("pycountry")
    folders = spec.submodule_search_locations if spec is not None else None
    if not folders:
        return None
    # pydantic's JSON parser: loaded anyway (typer converts options with it), unlike `json`.
    from pydantic_core import from_json

    try:
        database = Path(folders[0]) / "databases" / "iso3166-1.json"
        records = from_json(database.read_bytes())["3166-1"]
        return {str(r["alpha_2"]): r for r in records}
    except (OSError, ValueError, KeyError, TypeError):
        return None


def resolve(query: str) -> Country:
    """A country from a name, an alpha-2 or alpha-3 code, in any case.
    NotFound with the closest names when nothing matches."""
    import pycountry

    text = " ".join(query.replace("\u2019", "'").split())
    if not text or not all(c.isalpha() or c in " '-.,()" for c in text):
        raise NotFound(f"{quoted(query)} is not a country name or ISO code")
    key = fold(text)
    if key.upper() in EXTRA:
        return by_code(key.upper())  # type: ignore[return-value]
    code = ALIASES.get(key) or _names().get(_name_key(text))
    if code is not None:
        country = by_code(code)
        assert country is not None
        return country
    try:
        return _country(pycountry.countries.lookup(text))
    except LookupError:
        pass
    raise NotFound(_did_you_mean(text))


def _name_key(text: str) -> str:
    """A name as compared: folded (case, accents), without a leading "the"."""
    key = " ".join(fold(text).replace("\u2019", "'").split())
    return key.removeprefix("the ")


@functools.cache
def _names() -> dict[str, str]:
    """Every English name ISO 3166-1 gives a country -> alpha-2: the short name, the official
    name ("Plurinational State of Bolivia", "Kingdom of Morocco"), the common name, and the
    short name turned the right way round ("Korea, Republic of" -> "Republic of Korea")."""
    import pycountry

    names: dict[str, str] = {}
    inverted: dict[str, str] = {}
    for record in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(record, attr, None)
            if not value:
                continue
            names.setdefault(_name_key(value), record.alpha_2)
            head, comma, tail = value.partition(", ")
            if comma:
                inverted.setdefault(_name_key(f"{tail} {head}"), record.alpha_2)
    return {**inverted, **names}


# Short names where ISO's name, cut at its comma, would mislead.
SHORT_NAMES = {"CD": "Democratic Republic of the Congo", "KR": "South Korea", "KP": "North Korea"}


def _country(record: Any) -> Country:
    alpha_2 = str(record.alpha_2)
    name = getattr(record, "common_name", None) or str(record.name)
    # "Iran, Islamic Republic of" -> "Iran": the name people write in a title.
    name = SHORT_NAMES.get(alpha_2) or name.split(",")[0]
    return Country(alpha_2, str(record.alpha_3), name)


def _did_you_mean(text: str) -> str:
    names = {**_names(), **{fold(alias): code for alias, code in ALIASES.items()}}
    close = close_names(_name_key(text), names, n=5)
    codes = list(dict.fromkeys(names[c] for c in close))[:3]
    suggestions = [f"{by_code(code).name} ({code})" for code in codes if by_code(code)]  # type: ignore[union-attr]
    return f"unknown country {quoted(text)}{did_you_mean(suggestions)}"
