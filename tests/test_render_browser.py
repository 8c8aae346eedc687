"""Each example rendered to HTML and opened in headless Chromium: it loads with no console error
and no request beyond the file itself, and gives a screenshot and an A4 PDF (kept in build/)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from browser import find_chromium, load_page
from conftest import EXAMPLES, HRDPLAN, ROOT

CHROMIUM = find_chromium()
SHOTS = ROOT / "build" / "browser"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="no Chromium on this machine (.ci/run installs Debian's `chromium` when it can)",
    ),
]

# Anything that would make the browser fetch: a URL with a scheme, or protocol-relative.
_FETCHING = re.compile(
    r"""(?:src|href|action|poster|srcset|xlink:href)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:|//)"""
    r"""|url\(\s*["']?\s*(?:[a-z][a-z0-9+.-]*:|//)|@import""",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("html")
    for args in (
        ["render", str(EXAMPLES), "--out", str(out)],
        ["report", str(EXAMPLES), "--out", str(out / "report.html")],
    ):
        subprocess.run([str(HRDPLAN), *args, "--format", "html"], check=True, capture_output=True)
    return out


PAGES = [*(p.stem for p in sorted(EXAMPLES.glob("*.yaml"))), "report"]


@pytest.mark.parametrize("name", PAGES)
def test_page_in_a_real_browser(rendered: Path, name: str) -> None:
    page = rendered / f"{name}.html"
    html = page.read_text(encoding="utf-8")
    assert not _FETCHING.findall(html)
    assert CHROMIUM is not None
    result = load_page(CHROMIUM, page)
    assert result.requests == [page.resolve().as_uri()]
    assert result.console == []
    assert result.title
    assert result.screenshot.startswith(b"\x89PNG") and len(result.screenshot) > 10_000
    assert result.pdf.startswith(b"%PDF") and len(result.pdf) > 10_000
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / f"{name}.png").write_bytes(result.screenshot)
    (SHOTS / f"{name}.pdf").write_bytes(result.pdf)


# A phone's width: wide tables scroll inside their own box, the page never sideways.
PHONE = 375
DOCUMENTS = [p.stem for p in sorted(EXAMPLES.glob("*.yaml"))] + [
    "gh-2021-2025-2024-progress",
    "co-2022-2026-2025-progress",
]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_page_never_scrolls_sideways_on_a_phone(rendered: Path, name: str) -> None:
    assert CHROMIUM is not None
    probe = (
        "[document.documentElement.scrollWidth, window.innerWidth,"
        " Math.max(...[...document.querySelectorAll('table')].map(t => t.scrollWidth))]"
    )
    result = load_page(CHROMIUM, rendered / f"{name}.html", width=PHONE, probe=probe)
    page_width, viewport, widest_table = result.probed
    assert viewport == PHONE
    assert page_width <= viewport, f"{name}: the page is {page_width}px wide at {viewport}px"
    assert widest_table > 0  # the tables are there, scrolling inside their own box if wider
