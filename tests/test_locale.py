"""Numbers, percentages, dates and language names as each language writes them (CLDR through
Babel): the same in English and Dutch as the documents have always written them, and right for
French, the next language."""

from __future__ import annotations

from datetime import date

import pytest

from hrdplan.io import locale


@pytest.mark.parametrize(
    ("value", "lang", "written"),
    [
        (85.0, "en", "85"),
        (62.5, "en", "62.5"),
        (62.5, "nl", "62,5"),
        (1234.5, "en", "1,234.5"),
        (1234.5, "nl", "1.234,5"),
        (1234.5, "fr", "1\u202f234,5"),
        (33.333, "nl", "33,3"),
        (0.04, "en", "0"),
    ],
)
def test_decimals(value: float, lang: str, written: str) -> None:
    assert locale.decimal(value, lang) == written


def test_percentages_follow_the_language() -> None:
    assert locale.percent(62.5, "en") == "62.5%"
    assert locale.percent(62.5, "nl") == "62,5%"
    assert locale.percent(62.5, "fr") == "62,5\xa0%"  # French puts a space before the sign
    assert locale.percent(21.6, "en", 0) == "22%"
    assert locale.percent(12.25, "en", 2) == "12.25%"


def test_numbers_written_in_english_are_written_again_in_the_language() -> None:
    assert locale.local_number("1,234.5", "nl") == "1.234,5"
    assert locale.local_number("62.5%", "fr") == "62,5\xa0%"
    assert locale.local_number("1e+20", "nl") == "1e+20"  # an exponent form as it is
    assert locale.local_number("version 1.2", "nl") == "version 1.2"


def test_dates_and_months() -> None:
    day = date(2020, 11, 4)
    assert locale.written_date(day, "en") == "4 November 2020"  # British, not November 4
    assert locale.written_date(day, "nl") == "4 november 2020"
    assert locale.written_date(day, "fr") == "4 novembre 2020"
    assert locale.month_abbreviations("en")[8] == "Sept"  # CLDR's British English
    assert locale.month_abbreviations("nl")[2:4] == ["mrt", "apr"]


def test_an_unknown_language_writes_british_english() -> None:
    assert locale.decimal(1234.5, "xx") == "1,234.5"
    assert locale.written_date(date(2020, 11, 4), "") == "4 November 2020"


def test_language_names_and_direction() -> None:
    assert locale.language_name("en-GB", "nl") == "Engels"
    assert locale.language_name("en", "fr") == "anglais"  # lower case mid-sentence
    assert locale.language_name("qqq", "en") is None
    assert locale.is_rtl("ar") and locale.is_rtl("pa-Arab") and locale.is_rtl("ur-PK")
    assert not locale.is_rtl("pa") and not locale.is_rtl("en") and not locale.is_rtl(None)
    assert not locale.is_rtl("zz-ZZ")


def test_word_is_told_a_region() -> None:
    assert [locale.with_region(t) for t in ("en", "nl", "fr", "pt", "ar", "EN")] == [
        "en-GB",
        "nl-NL",
        "fr-FR",
        "pt-PT",
        "ar-SA",
        "en-GB",
    ]
    assert locale.with_region("sw") == "sw-TZ"  # CLDR's likely region
    assert locale.with_region("fr-BE") == "fr-BE" and locale.with_region("qqq") == "qqq"
