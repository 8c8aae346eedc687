"""`hrdplan progress show` at a terminal: a strategy's trajectory (computed in
`strategy.trajectory`) as rich renderables.

Strategies and progress files are someone's text: every string reaches the terminal through
`printable` (control and bidi characters shown escaped), on one line, inside rich `Text`
objects, so that neither escape sequences nor rich markup (`[bold]`) in a title act. Tables
wrap inside their cells, so that the output reads in an 80-column terminal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hrdplan.io.errors import printable
from hrdplan.io.locale import percent
from hrdplan.strategy.measures import MOVED_AWAY, no_share, shown
from hrdplan.strategy.model import MeasuredIndicator
from hrdplan.strategy.trajectory import IndicatorTrack, PriorityTrack, Row, Trajectory

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
    from rich.text import Text

# Colours carry no meaning the words do not say too (no colour without a terminal).
STANDING_STYLES = {"achieved": "green", "on-track": "cyan", "off-track": "red"}
STATUS_STYLES = {
    "not-started": "dim",
    "on-track": "cyan",
    "at-risk": "yellow",
    "off-track": "red",
    "achieved": "green",
}
INDENT = 4


def _text(value: object, style: str = "") -> Text:
    """User text, inert: one line (runs of whitespace made one space), controls escaped."""
    from rich.text import Text

    return Text(printable(" ".join(str(value).split())), style=style)


def how_far(row: Row, indicator: MeasuredIndicator) -> str:
    """An actual's progress in words: "22% of the way, on-track"; "moved away from the
    target" rather than a negative share; why there is no share where there is a way but no
    share of it can be computed."""
    parts = []
    if row.share is not None:
        parts.append(
            MOVED_AWAY if row.share < 0 else f"{percent(row.share * 100, 'en', 0)} of the way"
        )
    elif (why := no_share(indicator, row.value)) is not None:
        parts.append(why)
    if row.standing is not None:
        parts.append(row.standing)
    return ", ".join(parts)


def renderables(track: Trajectory) -> list[RenderableType]:
    """What `progress show` prints: a heading, then each priority with its statuses and its
    indicators' trajectories."""

    strategy = track.strategy
    period = f"{strategy.period.start}-{strategy.period.end}"
    years = ", ".join(map(str, track.years)) if track.years else "none yet"
    about = _text(track.strategy_file)
    about.append(f", period {period}; progress files: {years}")
    out: list[RenderableType] = [_text(strategy.title, "bold"), about]
    for priority in track.priorities:
        out += _priority(priority, track.years)
    out += _gender_results(track)
    # Each at the margin as the rest is indented: a long title wraps without trailing blanks.
    return [_indented(r, 0) for r in out]


def _gender_results(track: Trajectory) -> list[RenderableType]:
    """The gender equality results singled out: each gender-specific indicator's latest
    actual with how far along it is, then each year's `gender_results` text."""
    from rich.table import Table
    from rich.text import Text

    indicators = track.gender_specific()
    if not indicators and not track.gender_results:
        return []
    out: list[RenderableType] = [Text(""), Text("Gender equality results", style="bold")]
    if indicators:
        table = Table(box=None, show_header=False, padding=(0, 1), pad_edge=False, expand=False)
        table.add_column("id", no_wrap=True, style="bold")
        table.add_column("text", ratio=2)
        table.add_column("latest", ratio=1)
        for item in indicators:
            latest = item.as_of
            if latest is None:
                where = Text("nothing reported yet", style="dim")
            else:
                kind = str(item.kind or "")
                where = Text(f"{latest}: ")
                where.append_text(_text(shown(item.actuals[latest], kind)))
                row = Row(latest, "actual", item.actuals[latest], item.share(), item.standing())
                far = how_far(row, item.indicator)
                if far:
                    where.append(f", {far}", style=STANDING_STYLES.get(row.standing or "", ""))
            table.add_row(_text(item.indicator.id), _text(item.indicator.text), where)
        out.append(_indented(table, 2))
    else:
        out.append(_indented(Text("no gender-specific indicator", style="dim"), 2))
    for year, said in track.gender_results.items():
        line = Text(f"{year}: ")
        line.append_text(_text(said))
        out.append(_indented(line, 2))
    return out


def _priority(track: PriorityTrack, years: list[int]) -> list[RenderableType]:
    from rich.text import Text

    title = _text(track.priority.id, "bold")
    title.append("  ")
    title.append_text(_text(track.priority.title, "bold"))
    statuses = Text("status: ")
    if not years:
        statuses.append("no progress file yet", style="dim")
    for n, year in enumerate(years):
        status = track.statuses.get(year)
        statuses.append(("  " if n else "") + f"{year} ")
        statuses.append(status or "(none)", style=STATUS_STYLES.get(status or "", "dim"))
    out: list[RenderableType] = [Text(""), title, _indented(statuses, 2)]
    if not track.indicators:
        out.append(_indented(Text("no indicators", style="dim"), 2))
    for indicator in track.indicators:
        out += _indicator(indicator)
    return out


def _indicator(track: IndicatorTrack) -> list[RenderableType]:
    from rich.table import Table
    from rich.text import Text

    ind = track.indicator
    kind = str(track.kind or "kind not set")
    about = kind if track.direction is None or kind == "text" else f"{kind}, {track.direction}"
    head = _text(ind.id, "bold")
    head.append("  ")
    head.append_text(_text(ind.text))
    if ind.gender_specific:
        about += "; gender-specific"
    head.append(f"  ({printable(about)})", style="dim")
    rows = track.rows()
    if not rows:
        return [_indented(head, 2), _indented(Text("nothing written yet", "dim"), INDENT)]
    table = Table(box=None, show_header=False, padding=(0, 1), pad_edge=False, expand=False)
    table.add_column("year", no_wrap=True)
    table.add_column("what", no_wrap=True, style="dim")
    table.add_column("value", justify="right" if kind != "text" else "left", max_width=30)
    table.add_column("progress", ratio=1)
    for row in rows:
        value = _text(shown(row.value, kind)) if row.value is not None else Text("")
        if row.label != "actual":
            progress = Text("")
        elif kind == "text":
            progress = _text(row.note or "")
        else:
            progress = Text(how_far(row, ind), style=STANDING_STYLES.get(row.standing or "", ""))
        label = Text(row.label, style="bold" if row.label == "actual" else "dim")
        table.add_row(str(row.year), label, value, progress)
    return [_indented(head, 2), _indented(table, INDENT)]


def _indented(renderable: RenderableType, width: int) -> RenderableType:
    """Indented, and no wider than its content: no trailing blanks to copy with it (rich pads
    each line of a wrapped text or a table's cells to the width it was given)."""
    return _Indented(renderable, width)


class _Indented:
    """A renderable drawn `width` columns in, each line without its trailing blanks."""

    def __init__(self, renderable: RenderableType, width: int) -> None:
        self.renderable = renderable
        self.width = width

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.segment import Segment

        inner = options.update_width(max(1, options.max_width - self.width))
        for line in console.render_lines(self.renderable, inner, pad=False):
            kept = list(line)
            while kept and not kept[-1].control and not kept[-1].text.rstrip():
                kept.pop()
            if kept and not kept[-1].control:
                last = kept[-1]
                kept[-1] = Segment(last.text.rstrip(), last.style)
            if kept:
                yield Segment(" " * self.width)
                yield from kept
            yield Segment.line()
