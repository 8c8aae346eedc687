"""The one example strategy the rules' `fail` and `ok` fragments are cut from.

A rule's examples are YAML laid over a valid strategy (`hrdplan rule CODE` prints them, the
tests lint them). Most are about one priority of it: the death penalty (1.1.a) with an action
and an indicator, or, for the gender rules, women in district assemblies (2.2.a) with every
gender field. Each example is that priority with one change, written here once, so that the
examples stay one strategy and a rule's declaration shows only what it changes.
"""

from __future__ import annotations

import textwrap


def block(key: str, *items: str) -> str:
    """`key:` with the items (YAML text, each ending in a line break) nested under it."""
    return f"{key}:\n" + textwrap.indent("".join(items), "  ")


def a_priority(
    *keys: str,
    ident: str = "P1",
    objective: str = "1.1.a",
    title: str = "Towards abolition of the death penalty",
) -> str:
    """A list item of `priorities:`: its id, objective and title, then its other keys."""
    head = f"- id: {ident}\n  objective: {objective}\n  title: {title}\n"
    return head + textwrap.indent("".join(keys), "  ")


def priorities(*items: str, top: str = "") -> str:
    """The top-level keys `top`, then `priorities:` with these priorities."""
    return top + block("priorities", *items)


def edit(text: str, old: str, new: str) -> str:
    """text with its one occurrence of old replaced: an example that no longer has what a rule
    changes fails at import, not silently."""
    if text.count(old) != 1:
        raise ValueError(f"the shared example has {text.count(old)} of {old!r}, not one")
    return text.replace(old, new)


# The death penalty priority's action and indicators (format 1, then format 2 before and after
# its direction, baseline and target are written).
MORATORIUM = """\
- text: Raise the moratorium in every human rights dialogue
  instruments: [human-rights-dialogue]
"""
DEATH_SENTENCES = """\
- text: Death sentences handed down per year
  baseline: 12 (2020)
  target: 0 (2025)
"""
COUNTED_SENTENCES = """\
- id: P1.1
  text: Death sentences handed down per year
  kind: number
"""
MEASURED_SENTENCES = (
    COUNTED_SENTENCES
    + """\
  direction: decrease
  baseline: {value: 12, year: 2020}
  target: {value: 0, year: 2025}
"""
)


def district_assemblies(
    *,
    marker: int = 1,
    code: str = "2.2.a",
    objective: str | None = (
        "More women stand for, and win, seats in the 2023 district level elections."
    ),
    gap: str | None = "[participation]",
    do_no_harm: str | None = (
        "Women candidates seen as backed from abroad risk harassment: support goes through "
        "Ghanaian women's organisations, with a confidential helpline for threats."
    ),
    specific: bool = True,
    catalogue: str | None = None,
) -> str:
    """The gender rules' examples: a format 2 strategy's priority at marker 1 with every field
    the DAC minimum criteria ask for, with the gender fields given; one left as None is left
    out."""
    texts = {"objective": objective, "do_no_harm": do_no_harm}
    gender = "".join(
        f"      {key}: |\n" + textwrap.indent(textwrap.fill(value, 80), " " * 8) + "\n"
        for key, value in texts.items()
        if value is not None
    )
    gender += f"      gap: {gap}\n" if gap is not None else ""
    pin = f"catalogue: eu-hrd-2020-2024@{catalogue}\n" if catalogue else ""
    return f"""{pin}priorities:
  - id: P1
    objective: {code}
    title: Women in district assemblies
    gender:
      marker: {marker}
      approach: |
        Women are a small minority of elected district assembly members: the cost of
        campaigns, harassment and care obligations weigh more heavily on them.
{gender}    actions:
      - text: Fund mentoring and campaign training for women aspirants
        instruments: [eu-funding-programmes]
    indicators:
      - id: P1.1
        text: Share of elected district assembly members who are women
        kind: percent
        direction: increase
        baseline: {{value: 4, year: 2021}}
        target: {{value: 10, year: 2025}}
        disaggregation: [sex, age, region]
        gender_specific: {"true" if specific else "false"}
"""
