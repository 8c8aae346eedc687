"""Hostile templates (--template-dir): a template is read only from inside its folder, as a
regular file, and renders within bounds of size and time; every failure is one line naming the
template and line, exit 2, and nothing outside the folder reaches a document."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from conftest import EXAMPLES, HRDPLAN
from hostile import limited

from hrdplan.render.sandbox import TIME_LIMIT

SECRET = "hrdplan-secret-4f1c9e"  # in a file outside the folder and in the environment
GHANA = EXAMPLES / "gh-2021-2025.yaml"
TUNISIA = EXAMPLES / "tn-2021-2025.yaml"


def hrdplan(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> Done:
    """The installed command under a memory limit and a time limit, with a secret in its
    environment (what /proc/self/environ would show)."""
    proc = subprocess.run(
        [str(HRDPLAN), *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1", "CI_TOKEN": SECRET, **(env or {})},
        timeout=TIME_LIMIT + 50,
        preexec_fn=limited,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return Done(proc, cwd)


class Done:
    def __init__(self, proc: subprocess.CompletedProcess[str], cwd: Path) -> None:
        self.code = proc.returncode
        self.stdout = proc.stdout
        self.lines = proc.stderr.strip().splitlines()
        self.written = {
            p: p.read_text(encoding="utf-8", errors="replace")
            for p in (cwd / "out").rglob("*")
            if p.is_file()
        }

    def __repr__(self) -> str:
        return f"Done(code={self.code}, lines={self.lines}, written={list(self.written)})"

    def leaked(self) -> bool:
        return any(SECRET in t for t in (self.stdout, *self.lines, *self.written.values()))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A template folder, and outside it a secret file."""
    (tmp_path / "secret.txt").write_text(f"password={SECRET}\n")
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    return tpl


def strategy_template(folder: Path, line3: str, fmt: str = "html") -> None:
    """strategy.<fmt>.j2 with `line3` on its third line."""
    (folder / f"strategy.{fmt}.j2").write_text(f"<p>ok</p>\n<p>\n{line3}\n</p>\n")


def render(folder: Path, *extra: str | Path, env: dict[str, str] | None = None) -> Done:
    tmp = folder.parent
    return hrdplan("render", GHANA, "--template-dir", folder, "--out", tmp / "out", *extra,
                   cwd=tmp, env=env)  # fmt: skip


def assert_refused(done: Done, where: str, message: str) -> None:
    assert done.code == 2, done
    assert len(done.lines) == 1, done.lines
    assert done.lines[0].startswith(f"{where}: error:"), done.lines
    assert message in done.lines[0], done.lines
    assert not done.written, done
    assert not done.leaked(), done


# -- reading: inside the folder, regular files only ---------------------------------------------


@pytest.mark.process
@pytest.mark.parametrize("tag", ["include", "import", "extends"])
@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("/proc/self/environ", "is a symbolic link"),
        ("SECRET", "is a symbolic link"),
        ("/etc/passwd", "is a symbolic link"),
    ],
)
def test_a_link_to_a_file_outside_is_refused(
    folder: Path, tag: str, target: str, message: str
) -> None:
    link = folder / "part.j2"
    link.symlink_to(folder.parent / "secret.txt" if target == "SECRET" else Path(target))
    statement = {"include": "include 'part.j2'", "import": "import 'part.j2' as p"}
    strategy_template(folder, "{% " + statement.get(tag, "extends 'part.j2'") + " %}")
    assert_refused(render(folder), "tpl/strategy.html.j2:3", message)


@pytest.mark.process
def test_the_template_itself_as_a_link_is_refused(folder: Path) -> None:
    (folder / "strategy.html.j2").symlink_to("/proc/self/environ")
    assert_refused(render(folder), "tpl/strategy.html.j2", "is a symbolic link")


@pytest.mark.process
def test_a_link_inside_the_folder_is_refused_too(folder: Path) -> None:
    (folder / "real.j2").write_text("fine\n")
    (folder / "part.j2").symlink_to("real.j2")
    strategy_template(folder, "{% include 'part.j2' %}")
    assert_refused(render(folder), "tpl/strategy.html.j2:3", "is a symbolic link")


@pytest.mark.process
def test_a_linked_folder_on_the_way_is_refused(folder: Path) -> None:
    outside = folder.parent / "elsewhere"
    outside.mkdir()
    (outside / "part.j2").write_text(SECRET)
    (folder / "sub").symlink_to(outside)
    strategy_template(folder, "{% include 'sub/part.j2' %}")
    assert_refused(render(folder), "tpl/strategy.html.j2:3", "is a symbolic link")


@pytest.mark.process
@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("../secret.txt", "leaves the template folder"),
        ("sub/../../secret.txt", "leaves the template folder"),
        ("SECRET", "is an absolute path"),
        ("/etc/passwd", "is an absolute path"),
        ("part\\x00.j2", "NUL character"),
    ],
)
def test_a_name_outside_the_folder_is_refused(folder: Path, name: str, message: str) -> None:
    if name == "SECRET":
        name = str(folder.parent / "secret.txt")
    (folder / "sub").mkdir()
    strategy_template(folder, "{% include '" + name + "' %}")
    assert_refused(render(folder), "tpl/strategy.html.j2:3", message)


@pytest.mark.process
def test_a_fifo_is_refused_without_waiting(folder: Path) -> None:
    os.mkfifo(folder / "part.j2")
    strategy_template(folder, "{% include 'part.j2' %}")
    assert_refused(render(folder), "tpl/strategy.html.j2:3", "is not a regular file")


@pytest.mark.process
def test_an_over_large_template_is_refused(folder: Path) -> None:
    (folder / "part.j2").write_text("x" * 300_000)
    strategy_template(folder, "{% include 'part.j2' %}")
    # Above the strategy (23 KB) and the catalogue (140 KB), below the template.
    done = render(folder, env={"HRDPLAN_MAX_FILE_SIZE": "200KB"})
    assert_refused(done, "tpl/strategy.html.j2:3", "over the limit")


@pytest.mark.process
def test_report_reads_templates_the_same_way(folder: Path) -> None:
    (folder / "part.j2").symlink_to("/proc/self/environ")
    (folder / "report.md.j2").write_text("# r\n{% include 'part.j2' %}\n")
    tmp = folder.parent
    done = hrdplan("report", GHANA, "--format", "md", "--template-dir", folder, cwd=tmp)
    assert_refused(done, "tpl/report.md.j2:2", "is a symbolic link")


@pytest.mark.process
def test_a_regular_file_in_a_subfolder_is_read(folder: Path) -> None:
    (folder / "sub").mkdir()
    (folder / "sub" / "part.j2").write_text("from the part: {{ doc.country }}")
    strategy_template(folder, "{% include 'sub/part.j2' %} {% include '_style.css' %}")
    done = render(folder)
    assert done.code == 0, done
    (body,) = done.written.values()
    assert "from the part: Ghana" in body and ".marker" in body  # and the shipped one


# -- rendering: bounded in size and time ----------------------------------------------------------


@pytest.mark.process
@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("{% set b = 10 ** 100000000 %}", "over the limit"),
        ("{{ ('x' * 3000000000)|length }}", "over the limit"),
        ("{{ 'x' * 10**9 }}", "over the limit"),
        ("{{ [0] * 10**9 }}", "over the limit"),
        ("{{ range(10**9)|list }}", "Range too big"),
        ("{{ '%999999999s'|format(1) }}", "format width"),
        ("{{ '%999999999s' % 1 }}", "format width"),
        ("{{ '%*s' % (10**9, 'a') }}", "format width"),
        ("{{ '{:>999999999}'.format(1) }}", "format width"),
        ("{{ 'a'|center(10**9) }}", "over the limit"),
        ("{{ 'a'.ljust(10**9) }}", "over the limit"),
        ("{{ 'x'|indent(10**9, true) }}", "over the limit"),
        ("{{ [1]|batch(10**9, 'x')|list }}", "over the limit"),
        ("{{ ('x' * 1000000).replace('x', 'x' * 1000) }}", "over the limit"),
        ("{{ lipsum(10**9) }}", "over the limit"),
        (
            "{% set ns = namespace(s='x') %}{% for i in range(60) %}"
            "{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
            "over the limit",
        ),
        ("{% macro f(s) %}{{ f(s ~ s) }}{% endmacro %}{{ f('x') }}", "over the limit"),
        ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(1) }}", "calls nest too deeply"),
        ("{% set x = [1] %}{% for i in range(99) %}{{ x.extend(x) }}{% endfor %}", "over the"),
        ("{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}", "document is over"),
    ],
)
def test_a_template_bomb_is_one_line_naming_the_template_and_line(
    folder: Path, expression: str, message: str
) -> None:
    strategy_template(folder, expression)
    assert_refused(render(folder), "tpl/strategy.html.j2:3", message)


@pytest.mark.process
def test_a_template_that_runs_too_long_is_stopped(folder: Path) -> None:
    strategy_template(
        folder, "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    )
    # A lower limit than the 10 s default, for the same stop sooner.
    done = render(folder, env={"HRDPLAN_TEMPLATE_TIME_LIMIT": "1"})
    assert_refused(done, "tpl/strategy.html.j2:3", "took longer than")


@pytest.mark.process
def test_a_bound_fails_its_document_alone_and_the_others_render(folder: Path) -> None:
    strategy_template(folder, "{{ 'x' * 10**9 if doc.country == 'Ghana' else 'fine' }}")
    tmp = folder.parent
    done = hrdplan(
        "render", GHANA, TUNISIA, "--template-dir", folder, "--out", tmp / "out", cwd=tmp
    )
    assert done.code == 2, done
    assert len(done.lines) == 1 and done.lines[0].startswith("tpl/strategy.html.j2:3: error:")
    assert [p.name for p in done.written] == ["tn-2021-2025.html"]


@pytest.mark.process
def test_a_template_error_still_stops_the_batch(folder: Path) -> None:
    strategy_template(folder, "{{ nothing_here }}")
    tmp = folder.parent
    done = hrdplan(
        "render", GHANA, TUNISIA, "--template-dir", folder, "--out", tmp / "out", cwd=tmp
    )
    assert done.code == 2 and len(done.lines) == 1, done
    assert "'nothing_here' is undefined" in done.lines[0]
    assert not done.written


@pytest.mark.process
@pytest.mark.parametrize("fmt", ["html", "md"])
def test_shipped_templates_render_within_the_bounds(tmp_path: Path, fmt: str) -> None:
    done = hrdplan("render", GHANA, TUNISIA, "--format", fmt, "--out", tmp_path / "out",
                   cwd=tmp_path)  # fmt: skip
    assert done.code == 0 and not done.lines, done
    assert len(done.written) == 2
    report = hrdplan("report", GHANA, TUNISIA, "--format", fmt, cwd=tmp_path)
    assert report.code == 0 and report.stdout, report
