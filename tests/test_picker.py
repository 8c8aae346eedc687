"""The objective picker of `hrdplan new-strategy`: driven in-process through prompt_toolkit's
pipe input (keys as a terminal sends them), and once end to end in a real terminal (tmux)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import HRDPLAN
from prompt_toolkit.completion import CompleteEvent
from prompt_toolkit.document import Document
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from hrdplan.catalogue.model import Catalogue
from hrdplan.catalogue.registry import Registry
from hrdplan.cli.picker import Cancelled, Picker, _completer, pick
from hrdplan.io.validate import Violation, check
from hrdplan.io.yamlio import Document as YamlDocument
from hrdplan.io.yamlio import load
from hrdplan.strategy.model import Strategy, strategy_model

ENTER = "\r"
CTRL_C = "\x03"
CTRL_D = "\x04"


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Registry().load()


class Session:
    """What the picker said, and what it returned, for keys typed in advance."""

    def __init__(self, catalogue: Catalogue, keys: str) -> None:
        self.said: list[str] = []
        self.chosen: list[str] | None = None
        self.cancelled = False
        with create_pipe_input() as pipe:
            pipe.send_text(keys)
            # Keys run out: the pipe ends, which the prompt reads as Ctrl-D (no test hangs).
            pipe.close()
            try:
                picked = pick(
                    catalogue, say=self.said.append, input=pipe, output=DummyOutput(), width=100
                )
                self.chosen = [o.code for o in picked]
            except Cancelled:
                self.cancelled = True

    @property
    def text(self) -> str:
        return "\n".join(self.said)


def typed(*answers: str) -> str:
    return "".join(answer + ENTER for answer in answers)


def test_select_by_code_and_finish(catalogue: Catalogue) -> None:
    session = Session(catalogue, typed("1.1.a", "2.2.c 4.2.a", "done"))
    assert session.chosen == ["1.1.a", "2.2.c", "4.2.a"]
    assert "added 1.1.a  " in session.text and "added 4.2.a  " in session.text


def test_enter_on_an_empty_line_finishes(catalogue: Catalogue) -> None:
    assert Session(catalogue, typed("1.1.a", "")).chosen == ["1.1.a"]


def test_browse_a_line_then_a_section(catalogue: Catalogue) -> None:
    session = Session(catalogue, typed("2", "2.2", "2.2.b", "2.2", "done"))
    assert session.chosen == ["2.2.b"]
    text = session.text
    assert "2.1  Fostering democratic" in text  # the line's sections
    assert "[ ] 2.2.a" in text  # the section's objectives, not chosen yet
    assert "[x] 2.2.b" in text  # browsed again after choosing: marked
    assert "1 chosen" not in text.split("2.2.b")[0]


def test_the_lines_of_action_are_shown_first(catalogue: Catalogue) -> None:
    session = Session(catalogue, typed("1.1.a", ""))
    assert session.said[1].startswith("Lines of action")
    assert "5  Delivering by working together" in session.text


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("death penalty", ["1.1.a"]),  # English
        ("DOODSTRAF", ["1.1.a"]),  # Dutch, any case
        ("technologieen", ["1.2.d", "4.2.f"]),  # accents need not be typed
        ("/help", ["1.6.h", "2.1.d"]),  # a forced search for a command word
    ],
)
def test_search_english_and_dutch_ignoring_accents(
    catalogue: Catalogue, query: str, codes: list[str]
) -> None:
    session = Session(catalogue, typed(query, "q"))
    assert "match:" in session.text, session.text
    hits = session.text.split("match:", 1)[1]
    for code in codes:
        assert f"[ ] {code}" in hits


def test_search_shows_the_language_that_matched(catalogue: Catalogue) -> None:
    dutch = Session(catalogue, typed("doodstraf", "q")).text
    english = Session(catalogue, typed("death penalty", "q")).text
    assert "doodstraf" in dutch.split("match:")[1].lower()
    assert "death penalty" in english.split("match:")[1].lower()


def test_nothing_found_says_so(catalogue: Catalogue) -> None:
    session = Session(catalogue, typed("zzzqqq", "q"))
    assert "nothing matches 'zzzqqq'" in session.text


def test_unselect(catalogue: Catalogue) -> None:
    session = Session(
        catalogue, typed("1.1.a 1.1.b 1.1.c", "-1.1.a", "remove 1.1.c", "-2.2.a", "done")
    )
    assert session.chosen == ["1.1.b"]
    assert "removed 1.1.a" in session.text and "removed 1.1.c" in session.text
    assert "2.2.a is not chosen" in session.text


def test_unknown_codes_and_milestones_are_explained(catalogue: Catalogue) -> None:
    session = Session(catalogue, typed("1.1.z", "5.2.a", "1.1.a", "1.1.a", "done"))
    assert session.chosen == ["1.1.a"]
    assert "did you mean" in session.text
    assert "5.2.a is a monitoring milestone" in session.text
    assert "already chosen" in session.text


@pytest.mark.parametrize("key", ["?", "help", "h"])
def test_help(catalogue: Catalogue, key: str) -> None:
    session = Session(catalogue, typed(key, "q"))
    assert "add objectives by code" in session.text
    assert "match:" not in session.text and "nothing matches" not in session.text


@pytest.mark.parametrize("answer", ["show 1.1.a", "1.1.a?"])
def test_show_the_full_text_wrapped(catalogue: Catalogue, answer: str) -> None:
    objective = catalogue.objective("1.1.a")
    assert objective is not None and len(objective.text.en) > 200
    session = Session(catalogue, typed(answer, "q"))
    shown = session.text.split("1.1.a  (not chosen", 1)[1]
    assert all(len(line) <= 100 for line in shown.splitlines())
    # Every word of both texts is there: wrapped, not cut.
    assert " ".join(shown.split()).count(" ".join(objective.text.en.split())) == 1
    assert " ".join(objective.text.nl.split()) in " ".join(shown.split())
    assert "…" not in shown


def test_show_a_section_in_full(catalogue: Catalogue) -> None:
    section = catalogue.section("2.3")
    assert section is not None
    text = " ".join(Session(catalogue, typed("show 2.3", "q")).text.split())
    for objective in section.objectives:
        assert " ".join(objective.text.en.split()) in text


def test_long_rows_are_cut_to_the_width_with_a_mark(catalogue: Catalogue) -> None:
    session = Session(catalogue, typed("1.1", "q"))
    rows = [line for line in session.said if "1.1." in line and "[ ]" in line]
    assert rows and all(len(row) <= 100 for row in rows)
    assert any(row.endswith("…") for row in rows)


@pytest.mark.parametrize("key", [CTRL_C, CTRL_D, "quit" + ENTER])
def test_ctrl_c_ctrl_d_and_quit_cancel(catalogue: Catalogue, key: str) -> None:
    session = Session(catalogue, typed("1.1.a") + key + typed("2.2.a", "done"))
    assert session.cancelled and session.chosen is None


def test_empty_selection_asks_and_yes_writes_placeholders(catalogue: Catalogue) -> None:
    session = Session(catalogue, typed("", "y"))
    assert session.chosen == []


def test_empty_selection_asks_and_no_goes_back(catalogue: Catalogue) -> None:
    session = Session(catalogue, typed("done", "", "3.1.a", ""))
    assert session.chosen == ["3.1.a"]
    assert "Then choose some" in session.text


def test_ctrl_d_at_the_confirmation_cancels(catalogue: Catalogue) -> None:
    session = Session(catalogue, typed("done") + CTRL_D)
    assert session.cancelled


def test_tab_completes_codes_commands_and_removals(catalogue: Catalogue) -> None:
    chosen = catalogue.objective("1.1.a")
    assert chosen is not None
    picker = Picker(catalogue, say=lambda _: None, chosen=[chosen])
    completer = _completer(picker)

    def complete(text: str) -> list[str]:
        found = completer.get_completions(Document(text), CompleteEvent(completion_requested=True))
        return [c.text for c in found]

    assert complete("2.3.") == ["2.3.a", "2.3.b", "2.3.c", "2.3.d"]
    assert "show" in complete("sh")
    assert complete("show 4.1.") == [f"4.1.{x}" for x in "abcdef"]
    assert complete("-1.") == ["1.1.a"]  # only what is chosen can be removed
    assert "5.2.a" not in complete("5.2.")  # milestones are not offered


# -- at a terminal, as users run it ------------------------------------------------------------


def test_not_imported_and_nothing_asked_without_a_terminal(tmp_path: Path) -> None:
    probe = (
        "import sys; sys.argv = ['hrdplan', 'new-strategy', 'Kenya'];\n"
        "from hrdplan.cli import app\n"
        "try:\n    app(prog_name='hrdplan')\nexcept SystemExit:\n    pass\n"
        "print('prompt_toolkit' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,
        input="1.1.a\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip().endswith("False"), result
    assert (tmp_path / "strategies" / "ke-2021-2025.yaml").exists()


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[str]:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed: no pseudo-terminal to run the picker in")
    name = f"hrdplan-picker-{uuid.uuid4().hex[:8]}"
    socket = ["-L", name]  # a server of our own: never the user's tmux sessions
    yield name
    subprocess.run(["tmux", *socket, "kill-server"], capture_output=True, check=False)


def _tmux(name: str, *args: str) -> str:
    done = subprocess.run(
        ["tmux", "-L", name, *args], capture_output=True, text=True, check=True, timeout=30
    )
    return done.stdout


def _wait_for(name: str, text: str, seconds: float = 60) -> str:
    end = time.monotonic() + seconds
    while True:
        screen = _tmux(name, "capture-pane", "-p", "-t", name)
        if text in screen or time.monotonic() > end:
            assert text in screen, screen
            return screen
        time.sleep(0.2)


@pytest.mark.process
def test_picker_in_a_real_terminal_writes_the_chosen_objectives(tmux: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    status = tmp_path / "status"
    command = f"{HRDPLAN} new-strategy Kenya --dir {out}; echo $? > {status}"
    _tmux(tmux, "new-session", "-d", "-s", tmux, "-x", "120", "-y", "40", command)
    _wait_for(tmux, "priorities [none]>")
    _tmux(tmux, "send-keys", "-t", tmux, "doodstraf", "Enter")
    _wait_for(tmux, "match:")
    _tmux(tmux, "send-keys", "-t", tmux, "2.2.", "Tab")  # completion menu
    _wait_for(tmux, "2.2.f")
    _tmux(tmux, "send-keys", "-t", tmux, "C-u", "1.1.c", "Enter")
    _wait_for(tmux, "priorities [1.1.c]>")
    _tmux(tmux, "send-keys", "-t", tmux, "4.2.a", "Enter")
    _wait_for(tmux, "priorities [1.1.c 4.2.a]>")
    # Up twice recalls 1.1.c: the arrow keys edit, they do not print ^[[A.
    _tmux(tmux, "send-keys", "-t", tmux, "Up", "Up", "Home", "-", "Enter")
    screen = _wait_for(tmux, "removed 1.1.c")
    assert "^[[A" not in screen
    _tmux(tmux, "send-keys", "-t", tmux, "2.2.b", "Enter", "Enter")
    end = time.monotonic() + 60
    while not status.exists() and time.monotonic() < end:
        time.sleep(0.2)
    assert status.read_text().strip() == "0"
    model, _ = check_strategy(load(out / "ke-2021-2025.yaml"))
    assert model is not None
    assert [p.objective for p in model.priorities] == ["4.2.a", "2.2.b"]


@pytest.mark.process
def test_ctrl_d_in_a_real_terminal_writes_nothing(tmux: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    status = tmp_path / "status"
    command = f"{HRDPLAN} new-strategy Kenya --dir {out} 2>{tmp_path / 'err'}; echo $? > {status}"
    _tmux(tmux, "new-session", "-d", "-s", tmux, "-x", "120", "-y", "40", command)
    _wait_for(tmux, "priorities [none]>")
    _tmux(tmux, "send-keys", "-t", tmux, "1.1.a", "Enter")
    _wait_for(tmux, "priorities [1.1.a]>")
    _tmux(tmux, "send-keys", "-t", tmux, "C-d")
    end = time.monotonic() + 60
    while not status.exists() and time.monotonic() < end:
        time.sleep(0.2)
    assert status.read_text().strip() == "130"
    assert (tmp_path / "err").read_text() == "cancelled, nothing written\n"
    assert not out.exists()


@pytest.mark.process
def test_an_existing_file_is_refused_before_the_picker_asks(tmux: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "ke-2021-2025.yaml").write_text("mine\n", encoding="utf-8")
    status = tmp_path / "status"
    err = tmp_path / "err"
    command = f"{HRDPLAN} new-strategy Kenya --dir {out} 2>{err}; echo $? > {status}"
    _tmux(tmux, "new-session", "-d", "-s", tmux, "-x", "120", "-y", "40", command)
    end = time.monotonic() + 60
    while not status.exists() and time.monotonic() < end:
        time.sleep(0.2)
    # It ends by itself: nothing was asked, so nothing had to be typed.
    assert status.read_text().strip() == "2"
    assert "ke-2021-2025.yaml: error: already exists; use --force" in err.read_text()
    assert (out / "ke-2021-2025.yaml").read_text(encoding="utf-8") == "mine\n"


def check_strategy(doc: YamlDocument) -> tuple[Strategy | None, list[Violation]]:
    """The strategy validated with the model of its format version."""
    return check(strategy_model(doc.data), doc)
