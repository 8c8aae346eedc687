"""Country names in the document's language (ISO 3166 names and their translations, as
pycountry ships them) and the names of the languages texts are written in (CLDR's)."""

from __future__ import annotations

from functools import cache

from hrdplan.catalogue.model import Lang
from hrdplan.io import locale
from hrdplan.strategy.countries import by_code


@cache
def country_name(code: str, lang: Lang) -> str:
    """The country's short name in lang; the code itself when it is not a country."""
    country = by_code(code)
    if country is None:
        return code
    if lang == "en":
        return country.name
    import gettext

    import pycountry

    record = pycountry.countries.get(alpha_2=code)
    if record is None:  # Kosovo: no ISO record, the same name in both languages
        return country.name
    translation = gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True
    )
    name = getattr(record, "common_name", None) or str(record.name)
    return _in_reading_order(translation.gettext(name))


def _in_reading_order(name: str) -> str:
    """A catalogue-ordered name as it is written in a sentence: "Congo, Democratische
    Republiek" is "Democratische Republiek Congo" (cutting at the comma would make it the
    other Congo); a list such as "Bonaire, Sint Eustatius en Saba" stays as it is."""
    head, comma, tail = name.partition(", ")
    if not comma or " en " in tail or " and " in tail:
        return name
    return f"{tail[:1].upper()}{tail[1:]} {head}"


@cache
def language_name(code: str, lang: Lang) -> str:
    """The name of the language a text is written in (a BCP 47 tag: en, fr-BE), in lang: ""
    when it is lang itself; the tag as written when CLDR does not know it."""
    if code.split("-")[0].strip().lower() == lang:
        return ""
    return locale.language_name(code, lang) or code
